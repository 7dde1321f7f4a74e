package value_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

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
