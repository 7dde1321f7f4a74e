//go:build js && wasm

package snapjson_test

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/bridge/snapjson"
	"github.com/wcblocks/checkoutwasm/core/value"
)

func encode(v any) (string, []any) {
	var e snapjson.Encoder
	e.Value(v)
	return string(e.Bytes()), e.Refs()
}

func TestEncoderValues(t *testing.T) {
	fn := struct{ name string }{"a JS function"}
	cases := []struct {
		name string
		in   any
		want string
		refs []any
	}{
		{"null", nil, `null`, nil},
		{"booleans", []any{true, false}, `[true,false]`, nil},
		{"integral numbers as integers", []any{0.0, 42.0, -7.0, 1e14}, `[0,42,-7,100000000000000]`, nil},
		{"other numbers in the shortest round-trip form", []any{0.1, 1.5e-7, 1e21, 123456789012345678.0}, `[0.1,1.5e-07,1e+21,1.2345678901234568e+17]`, nil},
		{"int and int64", []any{3, int64(-4)}, `[3,-4]`, nil},
		{"NaN, infinities and -0 use the escape", []any{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)},
			`[{"\u0000":-2},{"\u0000":-3},{"\u0000":-4},{"\u0000":-5}]`, nil},
		{"undefined uses the escape", value.NewObject("a", value.Undef), `{"a":{"\u0000":-1}}`, nil},
		{"a type with no JS form is undefined", []any{struct{}{}}, `[{"\u0000":-1}]`, nil},
		{"an opaque value is a ref", []any{value.Opaque{TypeOf: "function", Ref: fn}, value.Opaque{TypeOf: "object", Ref: 2}},
			`[{"\u0000":0},{"\u0000":1}]`, []any{fn, 2}},
		{"an opaque value without a ref is undefined", value.Opaque{TypeOf: "symbol"}, `{"\u0000":-1}`, nil},
		{"key order is the object's", value.NewObject("z", 1.0, "a", 2.0, "m", value.NewObject()), `{"z":1,"a":2,"m":{}}`, nil},
		{"nil object is null", (*value.Object)(nil), `null`, nil},
		{"string list", []string{"a", "b"}, `["a","b"]`, nil},
		{"a key starting with NUL gets one more NUL", value.NewObject("\x00", 1.0, "\x00x", 2.0), `{"\u0000\u0000":1,"\u0000\u0000x":2}`, nil},
		{"strings are escaped", "q\"b\\n\n r\r t\t \x01 \x1f é 😀 \u2028", `"q\"b\\n\n r\r t\t \u0001 \u001f é 😀 ` + "\u2028" + `"`, nil},
		{"invalid UTF-8 becomes U+FFFD per byte", "a\xffb\xc3", `"a\ufffdb\ufffd"`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, refs := encode(c.in)
			assert.Equal(t, c.want, got)
			assert.Equal(t, len(c.refs), len(refs))
			for i := range c.refs {
				assert.Equal(t, c.refs[i], refs[i])
			}
			assert.True(t, json.Valid([]byte(got)), "valid JSON: %s", got)
		})
	}
}

func TestEncoderReadsBackAsJSON(t *testing.T) {
	in := value.NewObject(
		"status", "idle",
		"n", 12.5,
		"list", []any{"x", 1.0, nil, value.NewObject("deep", []any{true})},
		"text", "line\nbreak \"quoted\" <tag> & ünïcödé",
	)
	got, _ := encode(in)
	var back map[string]any
	require.NoError(t, json.Unmarshal([]byte(got), &back))
	assert.Equal(t, map[string]any{
		"status": "idle", "n": 12.5,
		"list": []any{"x", 1.0, nil, map[string]any{"deep": []any{true}}},
		"text": "line\nbreak \"quoted\" <tag> & ünïcödé",
	}, back)
}

func TestEncoderDepthBound(t *testing.T) {
	var v any = "leaf"
	for i := 0; i < 300; i++ {
		v = []any{v}
	}
	got, _ := encode(v)
	assert.True(t, json.Valid([]byte(got)))
	assert.Contains(t, got, `{"\u0000":-1}`, "beyond the bound the value is written as undefined")
	assert.NotContains(t, got, "leaf")
}

func TestEncoderReset(t *testing.T) {
	var e snapjson.Encoder
	e.Value(value.Opaque{Ref: 1})
	e.Reset()
	e.Byte('{')
	e.Key("k")
	e.String("v")
	e.Byte('}')
	assert.Equal(t, `{"k":"v"}`, string(e.Bytes()))
	assert.Empty(t, e.Refs())
}

func ExampleEncoder() {
	var e snapjson.Encoder
	e.Byte('{')
	e.Key("wc/store/checkout")
	e.Value(value.NewObject("getCheckoutStatus", "idle", "getOrderId", 0.0, "prefersCollection", value.Undef))
	e.Byte('}')
	fmt.Println(string(e.Bytes()))
	// Output: {"wc/store/checkout":{"getCheckoutStatus":"idle","getOrderId":0,"prefersCollection":{"\u0000":-1}}}
}

func BenchmarkEncodeView(b *testing.B) {
	v := value.NewObject("a", "idle", "b", true, "c", 12.0, "d", value.NewObject("x", []any{"y", 1.0}))
	var e snapjson.Encoder
	for i := 0; i < b.N; i++ {
		e.Reset()
		e.Value(v)
	}
}

func TestPlainJSONIsWhatJSONStringifyWrites(t *testing.T) {
	cases := []struct {
		name string
		in   any
		want string
		ok   bool
	}{
		{"plain data", value.NewObject("a", 1.0, "b", []any{"x", true, nil}, "c", value.NewObject()), `{"a":1,"b":["x",true,null],"c":{}}`, true},
		{"undefined keys are left out, undefined elements are null", value.NewObject("u", value.Undef, "k", []any{value.Undef}), `{"k":[null]}`, true},
		{"NaN and infinities are null, -0 is 0", []any{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), int64(5)}, `[null,null,null,0,5]`, true},
		{"keys are written as they are (no NUL rule)", value.NewObject("\x00k", 1.0), `{"\u0000k":1}`, true},
		{"an opaque value: JS must stringify", value.NewObject("d", value.Opaque{TypeOf: "object", Ref: 1}), ``, false},
		{"a Go type with no JS form", []any{struct{}{}}, ``, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var e snapjson.Encoder
			ok := e.PlainJSON(c.in)
			assert.Equal(t, c.ok, ok)
			if c.ok {
				assert.Equal(t, c.want, string(e.Bytes()))
				assert.True(t, json.Valid(e.Bytes()))
			}
		})
	}
	t.Run("deeper than the bound: JS must stringify", func(t *testing.T) {
		var v any = 1.0
		for i := 0; i < 300; i++ {
			v = []any{v}
		}
		var e snapjson.Encoder
		assert.False(t, e.PlainJSON(v))
	})
}

func TestPatch(t *testing.T) {
	fn := struct{ name string }{"a JS function"}
	shared := value.NewObject("x", 1.0)
	state := func(notes string) *value.Object {
		return value.NewObject("status", "idle", "orderNotes", notes, "extra", shared)
	}
	view := func(notes string, n float64) *value.Object {
		return value.NewObject("getOrderNotes", notes, "count", n, "state", state(notes), "list", []any{1.0, "a"})
	}
	cases := []struct {
		name       string
		prev, next *value.Object
		want       string // "" when Patch refuses
		refs       int
	}{
		{"issue 10: only the keys that changed, nested objects with the same keys patched in turn",
			view("a", 1), view("b", 1), `{"\u0000p":{"getOrderNotes":"b","state":{"\u0000p":{"orderNotes":"b"}}}}`, 0},
		{"issue 10: nothing changed is an empty patch", view("a", 1), view("a", 1), `{"\u0000p":{}}`, 0},
		{"issue 10: 0 and -0 differ (Object.is)", value.NewObject("n", 0.0), value.NewObject("n", math.Copysign(0, -1)),
			`{"\u0000p":{"n":{"\u0000":-5}}}`, 0},
		{"issue 10: NaN is always written (conservative)", value.NewObject("n", math.NaN()), value.NewObject("n", math.NaN()),
			`{"\u0000p":{"n":{"\u0000":-2}}}`, 0},
		{"issue 10: an opaque value is always written, with its ref", value.NewObject("f", value.Opaque{TypeOf: "function", Ref: fn}, "n", 1.0),
			value.NewObject("f", value.Opaque{TypeOf: "function", Ref: fn}, "n", 1.0), `{"\u0000p":{"f":{"\u0000":0}}}`, 1},
		{"issue 10: a nested object whose keys changed goes in full",
			value.NewObject("o", value.NewObject("a", 1.0)), value.NewObject("o", value.NewObject("b", 1.0)),
			`{"\u0000p":{"o":{"b":1}}}`, 0},
		{"issue 10: an object replaced by another type goes in full",
			value.NewObject("o", value.NewObject("a", 1.0)), value.NewObject("o", []any{}), `{"\u0000p":{"o":[]}}`, 0},
		{"issue 10: keys that start with NUL keep their escape",
			value.NewObject("\x00k", 1.0), value.NewObject("\x00k", 2.0), `{"\u0000p":{"\u0000\u0000k":2}}`, 0},
		{"issue 10: other keys refuse the patch", view("a", 1), value.NewObject("getOrderNotes", "a"), "", 0},
		{"issue 10: the same keys in another order refuse the patch",
			value.NewObject("a", 1.0, "b", 2.0), value.NewObject("b", 2.0, "a", 1.0), "", 0},
		{"issue 10: a nil object refuses the patch", nil, view("a", 1), "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var e snapjson.Encoder
			e.Byte('[')
			ok := e.Patch(c.prev, c.next)
			if c.want == "" {
				assert.False(t, ok)
				assert.Equal(t, "[", string(e.Bytes()), "nothing written")
				assert.Empty(t, e.Refs())
				return
			}
			require.True(t, ok)
			assert.Equal(t, c.want, string(e.Bytes()[1:]))
			assert.Len(t, e.Refs(), c.refs)
			assert.True(t, json.Valid(e.Bytes()[1:]))
		})
	}
}

func TestSame(t *testing.T) {
	o := value.NewObject("a", []any{1.0, "x"})
	cases := []struct {
		name string
		a, b any
		want bool
	}{
		{"equal primitives", []any{nil, true, "s", 1.5}, []any{nil, true, "s", 1.5}, true},
		{"numbers of any Go type", []any{1.0, 2, int64(3)}, []any{1, 2.0, 3.0}, true},
		{"0 and -0 differ", 0.0, math.Copysign(0, -1), false},
		{"NaN is never the same", math.NaN(), math.NaN(), false},
		{"undefined", value.Undef, value.Undef, true},
		{"undefined is not null", value.Undef, nil, false},
		{"the same object", o, o, true},
		{"an equal object", o, value.NewObject("a", []any{1.0, "x"}), true},
		{"an object with another value", o, value.NewObject("a", []any{1.0, "y"}), false},
		{"keys in another order", value.NewObject("a", 1.0, "b", 2.0), value.NewObject("b", 2.0, "a", 1.0), false},
		{"nil objects", (*value.Object)(nil), (*value.Object)(nil), true},
		{"a nil object and an empty one", (*value.Object)(nil), value.NewObject(), false},
		{"string lists", []string{"a"}, []string{"a"}, true},
		{"a string list and an array", []string{"a"}, []any{"a"}, false},
		{"opaque values are never the same", value.Opaque{TypeOf: "symbol"}, value.Opaque{TypeOf: "symbol"}, false},
		{"a string is not a number", "1", 1.0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, snapjson.Same(c.a, c.b))
			assert.Equal(t, c.want, snapjson.Same(c.b, c.a), "symmetric")
		})
	}
}
