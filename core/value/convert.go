package value

import "strconv"

// Limits bounds one conversion of a foreign (JS) value graph into a value
// tree. The defaults are far beyond anything a real checkout sends (an
// address is depth 2 and ~20 nodes; a cart of 100 lines is a few thousand
// nodes) and small enough that no conversion takes more than a fraction of
// a second or more than a few MiB.
type Limits struct {
	MaxDepth       int // nesting of arrays and objects; the root is depth 0
	MaxNodes       int // values converted, counting an array's length before it is read (a sparse array counts its holes)
	MaxStringBytes int // UTF-8 bytes of all strings and object keys together
}

// DefaultLimits: depth 64, 100,000 nodes, 4 MiB of strings.
var DefaultLimits = Limits{MaxDepth: 64, MaxNodes: 100_000, MaxStringBytes: 4 << 20}

// Kind is what a Source says a foreign value is.
type Kind uint8

// The kinds. KindPlain is a plain object (ref §0); KindObject is any other
// object (class instance, null prototype, exotic); KindBigInt also covers
// values the source cannot classify.
const (
	KindUndefined Kind = iota
	KindNull
	KindBool
	KindNumber
	KindString
	KindSymbol
	KindBigInt
	KindFunction
	KindArray
	KindPlain
	KindObject
)

// Source reads a foreign value graph whose values are handles of type N.
// Every method may fail (a JS getter or Proxy trap that throws, a revoked
// Proxy): the conversion then stops with that error. ID must return the
// same number for the same object for as long as the conversion runs, and
// different numbers for different live objects; it is only called for
// arrays and objects.
type Source[N any] interface {
	Kind(n N) (Kind, error)
	Bool(n N) bool
	Number(n N) float64
	// String reads at most maxBytes UTF-8 bytes; over reports a longer string.
	String(n N, maxBytes int) (s string, over bool, err error)
	Len(n N) (int, error)
	Index(n N, i int) (N, error)
	// Keys lists the own enumerable string keys: their number first, then
	// each key read on demand (so a huge key list is refused before it is read).
	Keys(n N) (count int, key func(i int) (N, error), err error)
	Prop(n N, k string) (N, error)
	ID(n N) uint64
	// Opaque keeps a value core does not look into (functions, symbols,
	// bigints, class instances).
	Opaque(n N, k Kind) Opaque
}

// ConvertError says why a conversion stopped and where. Callers prefix the
// name of the action, observer or option that gave the value.
type ConvertError struct {
	Path   string // e.g. "meta.paymentMethodData.card[2]"; "" is the value itself
	Reason string // e.g. "nested deeper than 64 levels"
	Err    error  // the JS exception, when reading threw
}

func (e *ConvertError) Error() string {
	where := "the value"
	if e.Path != "" {
		where = e.Path
	}
	msg := where + ": " + e.Reason
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *ConvertError) Unwrap() error { return e.Err }

// Convert turns the foreign value root into a value tree (see the package
// mapping), within lim. A reference met again (a DAG) is converted once and
// shared, but counts against MaxNodes with its full size each time it is
// met, so the result, walked as a tree, never exceeds MaxNodes (a DAG of
// depth 24, 2^24 values as a tree, is refused at once instead of freezing
// whatever serialises it); a reference met inside itself (a cycle) is an error, and so is
// exceeding any limit, reading a property that throws, or an array length
// or key list the source cannot read. On error nothing is returned: a
// half-converted value would silently drop the shopper's data.
func Convert[N any](src Source[N], root N, lim Limits) (any, error) {
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = DefaultLimits.MaxDepth
	}
	if lim.MaxNodes <= 0 {
		lim.MaxNodes = DefaultLimits.MaxNodes
	}
	if lim.MaxStringBytes <= 0 {
		lim.MaxStringBytes = DefaultLimits.MaxStringBytes
	}
	c := &conversion[N]{src: src, lim: lim, seen: map[uint64]seenEntry{}}
	return c.walk(root, 0)
}

type seenEntry struct {
	done bool
	v    any
	size int // values in the converted subtree, counting shared parts each time they appear
}

type conversion[N any] struct {
	src   Source[N]
	lim   Limits
	nodes int
	bytes int
	seen  map[uint64]seenEntry
	path  []string
}

// maxPathShown bounds the path printed in an error.
const maxPathShown = 12

func (c *conversion[N]) fail(reason string, err error) error {
	p := ""
	start := 0
	if len(c.path) > maxPathShown {
		start = len(c.path) - maxPathShown
		p = "…"
	}
	for i, seg := range c.path[start:] {
		if i == 0 && start == 0 && seg[0] == '.' {
			seg = seg[1:]
		}
		p += seg
	}
	return &ConvertError{Path: p, Reason: reason, Err: err}
}

func (c *conversion[N]) count(n int) error {
	if n > c.lim.MaxNodes-c.nodes {
		return c.fail("more than "+strconv.Itoa(c.lim.MaxNodes)+" values in all", nil)
	}
	c.nodes += n
	return nil
}

func (c *conversion[N]) str(n N) (string, error) {
	s, over, err := c.src.String(n, c.lim.MaxStringBytes-c.bytes)
	if err != nil {
		return "", c.fail("a string cannot be read", err)
	}
	if over {
		return "", c.fail("more than "+strconv.Itoa(c.lim.MaxStringBytes)+" bytes of strings in all", nil)
	}
	c.bytes += len(s)
	return s, nil
}

func (c *conversion[N]) walk(n N, depth int) (any, error) {
	k, err := c.src.Kind(n)
	if err != nil {
		return nil, c.fail("the value cannot be inspected", err)
	}
	switch k {
	case KindUndefined:
		return Undef, c.count(1)
	case KindNull:
		return nil, c.count(1)
	case KindBool:
		return c.src.Bool(n), c.count(1)
	case KindNumber:
		return c.src.Number(n), c.count(1)
	case KindString:
		if err := c.count(1); err != nil {
			return nil, err
		}
		return c.str(n)
	case KindSymbol, KindBigInt, KindFunction, KindObject:
		return c.src.Opaque(n, k), c.count(1)
	case KindArray, KindPlain:
	default:
		return nil, c.fail("unknown kind of value", nil)
	}
	id := c.src.ID(n)
	if e, ok := c.seen[id]; ok {
		if !e.done {
			return nil, c.fail("refers to itself (a cycle)", nil)
		}
		// A shared reference is converted once, but counts its whole size
		// again: whoever walks the result as a tree (a JSON body, a deep
		// comparison) meets it once per path, so the budget bounds that work.
		if err := c.count(e.size); err != nil {
			return nil, err
		}
		return e.v, nil
	}
	if depth >= c.lim.MaxDepth {
		return nil, c.fail("nested deeper than "+strconv.Itoa(c.lim.MaxDepth)+" levels", nil)
	}
	if err := c.count(1); err != nil {
		return nil, err
	}
	before := c.nodes - 1
	c.seen[id] = seenEntry{}
	var out any
	if k == KindArray {
		out, err = c.array(n, depth)
	} else {
		out, err = c.object(n, depth)
	}
	if err != nil {
		return nil, err
	}
	c.seen[id] = seenEntry{done: true, v: out, size: c.nodes - before}
	return out, nil
}

func (c *conversion[N]) array(n N, depth int) (any, error) {
	l, err := c.src.Len(n)
	if err != nil {
		return nil, c.fail("the array length cannot be read", err)
	}
	if err := c.count(l); err != nil { // by length: holes count
		return nil, err
	}
	c.nodes -= l // each element counts itself when walked
	out := make([]any, l)
	for i := 0; i < l; i++ {
		c.path = append(c.path, "["+strconv.Itoa(i)+"]")
		e, err := c.src.Index(n, i)
		if err != nil {
			return nil, c.fail("reading the element threw", err)
		}
		v, err := c.walk(e, depth+1)
		if err != nil {
			return nil, err
		}
		out[i] = v
		c.path = c.path[:len(c.path)-1]
	}
	return out, nil
}

func (c *conversion[N]) object(n N, depth int) (any, error) {
	count, key, err := c.src.Keys(n)
	if err != nil {
		return nil, c.fail("the keys cannot be listed", err)
	}
	if err := c.count(count); err != nil {
		return nil, err
	}
	c.nodes -= count
	var b Builder
	b.o = &Object{kv: make([]entry, 0, count)}
	for i := 0; i < count; i++ {
		kn, err := key(i)
		if err != nil {
			return nil, c.fail("the keys cannot be read", err)
		}
		k, err := c.str(kn)
		if err != nil {
			return nil, err
		}
		c.path = append(c.path, "."+shortKey(k))
		pv, err := c.src.Prop(n, k)
		if err != nil {
			return nil, c.fail("reading the property threw", err)
		}
		v, err := c.walk(pv, depth+1)
		if err != nil {
			return nil, err
		}
		b.Set(k, v)
		c.path = c.path[:len(c.path)-1]
	}
	return b.Build(), nil
}

// shortKey cuts a key shown in an error path to 40 bytes.
func shortKey(k string) string {
	if len(k) <= 40 {
		return k
	}
	for i := 40; i > 0; i-- {
		if k[i]&0xC0 != 0x80 { // a rune start
			return k[:i] + "…"
		}
	}
	return "…"
}
