package value_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestObjectIsOrderedAndImmutable(t *testing.T) {
	o := value.NewObject("b", 1.0, "a", 2.0)
	assert.Equal(t, []string{"b", "a"}, o.Keys())
	o2 := o.With("c", 3.0).With("b", 9.0)
	assert.Equal(t, []string{"b", "a", "c"}, o2.Keys(), "a replaced key keeps its position, as in JS")
	assert.Equal(t, 9.0, o2.Get("b"))
	assert.Equal(t, 1.0, o.Get("b"), "the original is unchanged")
	assert.Equal(t, []string{"a"}, o.Without("b").Keys())
	m := value.NewObject("x", 1.0, "a", 0.0).Merge(value.NewObject("a", 5.0, "z", 6.0))
	assert.Equal(t, []string{"x", "a", "z"}, m.Keys())
	assert.Equal(t, 5.0, m.Get("a"))
	assert.True(t, value.IsUndefined(o.Get("missing")))
	assert.False(t, o.Has("missing"))
	var n *value.Object
	assert.Equal(t, 0, n.Len())
	assert.Nil(t, n.Keys())
	assert.False(t, n.Has("a"))
	assert.True(t, value.IsUndefined(n.Get("a")))
	var visited []string
	m.Range(func(k string, _ any) bool { visited = append(visited, k); return k != "a" })
	assert.Equal(t, []string{"x", "a"}, visited)
	var b value.Builder
	assert.Equal(t, 0, b.Build().Len())
	assert.Equal(t, []string{"k"}, b.Set("k", 1.0).Build().Keys())
	assert.Panics(t, func() { value.NewObject("odd") })
	assert.Panics(t, func() { value.NewObject(1, 2) })
}

func TestTypeOfTruthyString(t *testing.T) {
	tests := []struct {
		v      any
		typeOf string
		truthy bool
		str    string
	}{
		{value.Undef, "undefined", false, "undefined"},
		{nil, "object", false, "null"},
		{true, "boolean", true, "true"},
		{false, "boolean", false, "false"},
		{0.0, "number", false, "0"},
		{math.NaN(), "number", false, "NaN"},
		{math.Inf(1), "number", true, "Infinity"},
		{math.Inf(-1), "number", true, "-Infinity"},
		{2.5, "number", true, "2.5"},
		{1e21, "number", true, "1e+21"},
		{42.0, "number", true, "42"},
		{3, "number", true, "3"},
		{int64(0), "number", false, "0"},
		{"", "string", false, ""},
		{"x", "string", true, "x"},
		{[]any{1.0, nil, "a"}, "object", true, "1,,a"},
		{value.NewObject(), "object", true, "[object Object]"},
		{value.Opaque{TypeOf: "function"}, "function", true, "function"},
		{value.Opaque{TypeOf: "object"}, "object", true, "[object Object]"},
		{struct{}{}, "object", true, "[object Object]"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%T %v", tc.v, tc.v), func(t *testing.T) {
			assert.Equal(t, tc.typeOf, value.TypeOf(tc.v))
			assert.Equal(t, tc.truthy, value.Truthy(tc.v))
			assert.Equal(t, tc.str, value.String(tc.v))
		})
	}
}

func TestAccessorsAndEqual(t *testing.T) {
	f, ok := value.Number(3)
	assert.True(t, ok)
	assert.Equal(t, 3.0, f)
	_, ok = value.Number(int64(1))
	assert.True(t, ok)
	_, ok = value.Number("3")
	assert.False(t, ok)
	_, ok = value.Str(1.0)
	assert.False(t, ok)
	_, ok = value.NonEmptyString("")
	assert.False(t, ok)
	assert.True(t, value.IsPlainObject(value.NewObject()))
	assert.False(t, value.IsPlainObject([]any{}))
	assert.Nil(t, value.AsObject("x"))

	assert.True(t, value.Equal(value.NewObject("a", []any{1.0, "x"}), value.NewObject("a", []any{1, "x"})))
	assert.False(t, value.Equal(value.NewObject("a", 1.0, "b", 2.0), value.NewObject("b", 2.0, "a", 1.0)), "order matters")
	assert.False(t, value.Equal(value.NewObject("a", 1.0), []any{}))
	assert.False(t, value.Equal([]any{1.0}, []any{2.0}))
	assert.False(t, value.Equal([]any{1.0}, "x"))
	assert.True(t, value.Equal(value.Opaque{TypeOf: "function"}, value.Opaque{TypeOf: "function"}))
	assert.False(t, value.Equal(value.Opaque{TypeOf: "function", Ref: 1}, value.Opaque{TypeOf: "function", Ref: 1}), "opaque values with refs are never equal")
	assert.True(t, value.Equal(value.Undef, value.Undef))
	assert.True(t, value.Equal(nil, nil))
	assert.False(t, value.Equal(nil, value.Undef))
}

func ExampleObject() {
	addr := value.NewObject("first_name", "Ann", "city", "Paris")
	moved := addr.With("city", "Lyon")
	fmt.Println(addr.Get("city"), moved.Get("city"), moved.Keys())
	// Output: Paris Lyon [first_name city]
}

// TestObjectSmallAndIndexed: an object keeps JS key order and the "a
// repeated key keeps its first place" rule on both sides of smallObject
// (below it keys are scanned, above it an index map is used).
func TestObjectSmallAndIndexed(t *testing.T) {
	for _, n := range []int{0, 1, 32, 33, 80} {
		t.Run(fmt.Sprintf("%d keys", n), func(t *testing.T) {
			var b value.Builder
			for i := 0; i < n; i++ {
				b.Set(fmt.Sprintf("k%d", i), float64(i))
			}
			b.Set("k0", "again") // replaces in place (or adds when n == 0)
			o := b.Build()
			want := n
			if n == 0 {
				want = 1
			}
			require.Equal(t, want, o.Len())
			assert.Equal(t, "again", o.Get("k0"))
			assert.Equal(t, "k0", o.Keys()[0])
			if n > 1 {
				assert.Equal(t, float64(n-1), o.Get(fmt.Sprintf("k%d", n-1)))
			}
			assert.True(t, value.IsUndefined(o.Get("missing")))
			w := o.Without("k0").With("z", true)
			assert.False(t, w.Has("k0"))
			assert.True(t, w.Has("z"))
			assert.Equal(t, "z", w.Keys()[w.Len()-1])
			assert.True(t, o.Has("k0"), "o is unchanged")
			m := o.Merge(value.NewObject("k0", 1.0, "new", 2.0))
			assert.Equal(t, 1.0, m.Get("k0"))
			assert.Equal(t, "k0", m.Keys()[0], "a merged key keeps its first place")
			assert.True(t, value.Equal(o, o.Clone()))
		})
	}
}

// BenchmarkViewObject builds and reads an object shaped like the checkout
// view (21 keys), as every change does.
func BenchmarkViewObject(b *testing.B) {
	for i := 0; i < b.N; i++ {
		o := value.NewObject("getCheckoutStatus", "idle", "isIdle", true, "isComplete", false, "isBeforeProcessing", false,
			"isProcessing", false, "isAfterProcessing", false, "hasError", false, "hasOrder", false, "isCalculating", false,
			"getOrderId", 0.0, "getCustomerId", 0.0, "getOrderNotes", "n", "getRedirectUrl", "", "getUseShippingAsBilling", true,
			"getShouldCreateAccount", false, "getExtensionData", value.NewObject(), "prefersCollection", false,
			"getEditingBillingAddress", true, "getEditingShippingAddress", true, "getAdditionalFields", value.NewObject(),
			"state", value.NewObject("status", "idle", "orderNotes", "n"))
		o.Range(func(k string, v any) bool { return true })
		_ = o.Get("state")
	}
}

// TestEqualSharedValues: a value compared with itself is equal without a
// walk, even when it holds NaN (which is not equal to a rebuilt copy): the
// engine asks "did this action change the store?", and a store that kept
// the same object or array did not change.
func TestEqualSharedValues(t *testing.T) {
	nan := math.NaN()
	arr := []any{1.0, nan}
	obj := value.NewObject("n", nan)
	assert.True(t, value.Equal(arr, arr), "the same array")
	assert.True(t, value.Equal(obj, obj), "the same object")
	assert.False(t, value.Equal(arr, []any{1.0, nan}), "a rebuilt array with NaN")
	assert.False(t, value.Equal(obj, value.NewObject("n", nan)), "a rebuilt object with NaN")
	assert.True(t, value.Equal([]any{}, []any{}), "empty arrays")
}

// TestNewObjectRepeatedKeys: NewObject skips the scan for keys that cannot
// repeat one already set (issue 10), and still applies the JS rule "a
// repeated key keeps its first place, the last value wins" to those that do.
func TestNewObjectRepeatedKeys(t *testing.T) {
	o := value.NewObject("a", 1.0, "b", 2.0, "ab", 3.0, "a", 4.0, "ba", 5.0, "b", 6.0)
	assert.Equal(t, []string{"a", "b", "ab", "ba"}, o.Keys())
	assert.Equal(t, 4.0, o.Get("a"))
	assert.Equal(t, 6.0, o.Get("b"))
	for _, distinct := range []int{30, 50} { // below and past smallObject (the index takes over)
		var kv []any
		for i := 0; i < distinct+10; i++ {
			kv = append(kv, fmt.Sprintf("key%d", i%distinct), float64(i))
		}
		big := value.NewObject(kv...)
		require.Equal(t, distinct, big.Len())
		assert.Equal(t, float64(distinct+5), big.Get("key5"))
		assert.Equal(t, "key5", big.Keys()[5])
		assert.Equal(t, float64(distinct-1), big.Get(fmt.Sprintf("key%d", distinct-1)))
	}
	empty := value.NewObject("", 1.0, "", 2.0)
	assert.Equal(t, 1, empty.Len())
	assert.Equal(t, 2.0, empty.Get(""))
}
