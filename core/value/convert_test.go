package value_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// fakeNode is a JS value in a fake heap; handles are indexes.
type fakeNode struct {
	kind  value.Kind
	b     bool
	f     float64
	s     string
	elems []int    // arrays; -1 is a hole (undefined)
	keys  []string // objects
	props []int
	throw string // reading this node's contents throws
	reads int
}

type fakeHeap struct {
	nodes []*fakeNode
	reads int
}

var errThrown = errors.New("JS threw")

func (h *fakeHeap) add(n *fakeNode) int { h.nodes = append(h.nodes, n); return len(h.nodes) - 1 }

func (h *fakeHeap) Kind(n int) (value.Kind, error) {
	if h.nodes[n].throw == "kind" {
		return 0, errThrown
	}
	return h.nodes[n].kind, nil
}
func (h *fakeHeap) Bool(n int) bool      { return h.nodes[n].b }
func (h *fakeHeap) Number(n int) float64 { return h.nodes[n].f }
func (h *fakeHeap) String(n int, max int) (string, bool, error) {
	s := h.nodes[n].s
	if len(s) > max {
		return s[:max], true, nil
	}
	return s, false, nil
}
func (h *fakeHeap) Len(n int) (int, error) {
	if h.nodes[n].throw == "len" {
		return 0, errThrown
	}
	return len(h.nodes[n].elems), nil
}
func (h *fakeHeap) Index(n int, i int) (int, error) {
	h.reads++
	if h.nodes[n].throw == "index" {
		return 0, errThrown
	}
	if e := h.nodes[n].elems[i]; e >= 0 {
		return e, nil
	}
	return 0, nil // node 0 is undefined
}
func (h *fakeHeap) Keys(n int) (int, func(int) (int, error), error) {
	if h.nodes[n].throw == "keys" {
		return 0, nil, errThrown
	}
	keys := h.nodes[n].keys
	return len(keys), func(i int) (int, error) {
		return h.add(&fakeNode{kind: value.KindString, s: keys[i]}), nil
	}, nil
}
func (h *fakeHeap) Prop(n int, k string) (int, error) {
	h.reads++
	nd := h.nodes[n]
	if nd.throw == "prop:"+k {
		return 0, errThrown
	}
	for i, kk := range nd.keys {
		if kk == k {
			return nd.props[i], nil
		}
	}
	return 0, nil
}
func (h *fakeHeap) ID(n int) uint64 { return uint64(n) }
func (h *fakeHeap) Opaque(n int, k value.Kind) value.Opaque {
	names := map[value.Kind]string{value.KindSymbol: "symbol", value.KindBigInt: "bigint", value.KindFunction: "function", value.KindObject: "object"}
	return value.Opaque{TypeOf: names[k], Ref: n}
}

func newHeap() *fakeHeap {
	h := &fakeHeap{}
	h.add(&fakeNode{kind: value.KindUndefined})
	return h
}

func (h *fakeHeap) obj(kv ...any) int {
	n := &fakeNode{kind: value.KindPlain}
	for i := 0; i < len(kv); i += 2 {
		n.keys = append(n.keys, kv[i].(string))
		n.props = append(n.props, kv[i+1].(int))
	}
	return h.add(n)
}

func (h *fakeHeap) str(s string) int  { return h.add(&fakeNode{kind: value.KindString, s: s}) }
func (h *fakeHeap) num(f float64) int { return h.add(&fakeNode{kind: value.KindNumber, f: f}) }
func (h *fakeHeap) arr(e ...int) int  { return h.add(&fakeNode{kind: value.KindArray, elems: e}) }
func (h *fakeHeap) set(o int, k string, v int) {
	h.nodes[o].keys = append(h.nodes[o].keys, k)
	h.nodes[o].props = append(h.nodes[o].props, v)
}

func TestConvertBudgetsAndSharing(t *testing.T) {
	t.Run("issue 9 point 2: a shared reference is converted once (DAG of depth 14 read in linear time)", func(t *testing.T) {
		h := newHeap()
		leaf := h.obj("x", h.num(1))
		cur := leaf
		for i := 0; i < 14; i++ {
			cur = h.obj("a", cur, "b", cur)
		}
		start := time.Now()
		v, err := value.Convert[int](h, cur, value.DefaultLimits)
		require.NoError(t, err)
		assert.Less(t, time.Since(start), time.Second)
		assert.Less(t, h.reads, 100, "each object is read once")
		o := v.(*value.Object)
		assert.Same(t, o.Get("a"), o.Get("b"), "the shared reference is one Go object")
	})
	t.Run("issue 9 point 2: a DAG of depth 40 (2^40 values as a tree) is refused at once by its expanded size", func(t *testing.T) {
		h := newHeap()
		cur := h.obj("x", h.num(1))
		for i := 0; i < 40; i++ {
			cur = h.obj("a", cur, "b", cur)
		}
		start := time.Now()
		_, err := value.Convert[int](h, cur, value.DefaultLimits)
		require.ErrorContains(t, err, "more than 100000 values in all")
		assert.Less(t, time.Since(start), time.Second)
		assert.Less(t, h.reads, 200, "each object is read once")
	})
	t.Run("issue 9 point 2: a cycle is a clear error naming the path", func(t *testing.T) {
		h := newHeap()
		o := h.obj("n", h.num(1))
		inner := h.obj("back", o)
		h.set(o, "child", inner)
		_, err := value.Convert[int](h, o, value.DefaultLimits)
		var ce *value.ConvertError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, "child.back", ce.Path)
		assert.Contains(t, err.Error(), "cycle")
	})
	t.Run("issue 9 point 2: o.a = o; o.b = o is a cycle, not a freeze", func(t *testing.T) {
		h := newHeap()
		o := h.obj()
		h.set(o, "a", o)
		h.set(o, "b", o)
		_, err := value.Convert[int](h, o, value.DefaultLimits)
		require.ErrorContains(t, err, "a: refers to itself (a cycle)")
	})
	t.Run("depth 64 is accepted, 65 is an error", func(t *testing.T) {
		for _, tc := range []struct {
			depth int
			ok    bool
		}{{63, true}, {64, false}} {
			h := newHeap()
			cur := h.num(1)
			for i := 0; i <= tc.depth; i++ {
				cur = h.arr(cur)
			}
			_, err := value.Convert[int](h, cur, value.DefaultLimits)
			if tc.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorContains(t, err, "nested deeper than 64 levels")
			}
		}
	})
	t.Run("issue 9 point 2: a sparse array is refused by its length before any element is read", func(t *testing.T) {
		h := newHeap()
		a := h.add(&fakeNode{kind: value.KindArray, elems: make([]int, 5_000_000)})
		start := time.Now()
		_, err := value.Convert[int](h, a, value.DefaultLimits)
		require.ErrorContains(t, err, "more than 100000 values in all")
		assert.Zero(t, h.reads)
		assert.Less(t, time.Since(start), time.Second)
	})
	t.Run("issue 9 point 2: an object with 100,000 keys is refused before its keys are read", func(t *testing.T) {
		h := newHeap()
		n := &fakeNode{kind: value.KindPlain}
		for i := 0; i < 100_000; i++ {
			n.keys = append(n.keys, "k")
			n.props = append(n.props, 0)
		}
		_, err := value.Convert[int](h, h.add(n), value.DefaultLimits)
		require.ErrorContains(t, err, "more than 100000 values")
		assert.Zero(t, h.reads)
	})
	t.Run("string bytes are budgeted across the whole value", func(t *testing.T) {
		h := newHeap()
		big := strings.Repeat("x", 3<<20)
		o := h.obj("a", h.str(big), "b", h.str(big))
		_, err := value.Convert[int](h, o, value.DefaultLimits)
		require.ErrorContains(t, err, "b: more than 4194304 bytes of strings in all")
		_, err = value.Convert[int](h, h.str(big), value.DefaultLimits)
		require.NoError(t, err)
	})
	t.Run("a throwing getter, key list, length or element is an error, never a silent undefined", func(t *testing.T) {
		for _, throw := range []string{"prop:x", "keys", "kind"} {
			h := newHeap()
			o := h.obj("x", h.num(1))
			h.nodes[o].throw = throw
			_, err := value.Convert[int](h, h.obj("outer", o), value.DefaultLimits)
			require.ErrorIs(t, err, errThrown, throw)
		}
		for _, throw := range []string{"len", "index"} {
			h := newHeap()
			a := h.arr(h.num(1))
			h.nodes[a].throw = throw
			_, err := value.Convert[int](h, a, value.DefaultLimits)
			require.ErrorIs(t, err, errThrown, throw)
		}
	})
	t.Run("opaque kinds keep their reference; holes are undefined; __proto__ is an own key", func(t *testing.T) {
		h := newHeap()
		fn := h.add(&fakeNode{kind: value.KindFunction})
		big := h.add(&fakeNode{kind: value.KindBigInt})
		o := h.obj("f", fn, "n", big, "__proto__", h.str("p"), "a", h.arr(-1, h.num(2)))
		v, err := value.Convert[int](h, o, value.Limits{})
		require.NoError(t, err)
		obj := v.(*value.Object)
		assert.Equal(t, value.Opaque{TypeOf: "function", Ref: fn}, obj.Get("f"))
		assert.Equal(t, "bigint", value.TypeOf(obj.Get("n")))
		assert.Equal(t, "p", obj.Get("__proto__"))
		assert.Equal(t, []any{value.Undef, 2.0}, obj.Get("a"))
	})
	t.Run("a long path is shown by its last 12 steps", func(t *testing.T) {
		h := newHeap()
		cur := h.add(&fakeNode{kind: value.KindPlain, throw: "keys"})
		for i := 0; i < 20; i++ {
			cur = h.obj("k", cur)
		}
		_, err := value.Convert[int](h, cur, value.DefaultLimits)
		var ce *value.ConvertError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, "…"+strings.Repeat(".k", 12), ce.Path)
	})
}

// FuzzConvert builds a random JS value graph (shared references, cycles,
// holes, throwing reads, long strings) from the input and converts it with
// small limits: the conversion never panics or loops, and a result is a
// finite tree within the limits.
func FuzzConvert(f *testing.F) {
	f.Add([]byte{3, 2, 0, 0, 2, 1, 1})
	f.Add([]byte{3, 1, 0, 3, 1, 0})       // o.a = o
	f.Add([]byte{2, 3, 1, 1, 1, 0, 5, 7}) // shared
	f.Add([]byte{1, 200, 1, 200, 3, 2, 0, 1})
	f.Add([]byte{4, 9, 2, 255})
	f.Fuzz(func(t *testing.T, data []byte) {
		h := newHeap()
		next := func() int {
			if len(data) == 0 {
				return 0
			}
			b := int(data[0])
			data = data[1:]
			return b
		}
		var pending []func(total int)
		for len(data) > 0 && len(h.nodes) < 64 {
			switch next() % 6 {
			case 0:
				h.num(float64(next()))
			case 1:
				h.str(strings.Repeat("é", next()))
			case 2, 3:
				kind := value.KindArray
				if data != nil && len(data) > 0 && data[0]%2 == 1 {
					kind = value.KindPlain
				}
				n := &fakeNode{kind: kind}
				id := h.add(n)
				k := next() % 5
				refs := make([]int, k)
				for i := range refs {
					refs[i] = next()
				}
				pending = append(pending, func(total int) {
					for i, r := range refs {
						if kind == value.KindArray {
							n.elems = append(n.elems, r%total)
						} else {
							n.keys = append(n.keys, "k"+string(rune('a'+i)))
							n.props = append(n.props, r%total)
						}
					}
				})
				_ = id
			case 4:
				h.add(&fakeNode{kind: value.KindArray, elems: make([]int, next()*1000)})
			case 5:
				n := h.obj("x", 0)
				h.nodes[n].throw = []string{"kind", "keys", "prop:x", ""}[next()%4]
			}
		}
		for _, p := range pending {
			p(len(h.nodes))
		}
		lim := value.Limits{MaxDepth: 8, MaxNodes: 500, MaxStringBytes: 300}
		v, err := value.Convert[int](h, len(h.nodes)-1, lim)
		if err != nil {
			var ce *value.ConvertError
			if !errors.As(err, &ce) {
				t.Fatalf("error is not a ConvertError: %v", err)
			}
			return
		}
		depth, bytes := measure(v, map[any]bool{})
		if depth > lim.MaxDepth+1 || bytes > lim.MaxStringBytes {
			t.Fatalf("result beyond the limits: depth %d, %d string bytes", depth, bytes)
		}
	})
}

// measure returns the depth and the string bytes of a converted value
// (shared parts counted once).
func measure(v any, seen map[any]bool) (int, int) {
	switch x := v.(type) {
	case string:
		return 1, len(x)
	case []any:
		if len(x) > 0 {
			if seen[&x[0]] {
				return 1, 0
			}
			seen[&x[0]] = true
		}
		d, b := 0, 0
		for _, e := range x {
			ed, eb := measure(e, seen)
			d, b = max(d, ed), b+eb
		}
		return d + 1, b
	case *value.Object:
		if seen[x] {
			return 1, 0
		}
		seen[x] = true
		d, b := 0, 0
		x.Range(func(k string, e any) bool {
			ed, eb := measure(e, seen)
			d, b = max(d, ed), b+eb+len(k)
			return true
		})
		return d + 1, b
	}
	return 1, 0
}
