package valuetext_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
	"github.com/wcblocks/checkoutwasm/core/value/valuetext"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name string
		text string
		want any
	}{
		{"JSON literals", `[null,true,false,"x",1.5,-2e3]`, []any{nil, true, false, "x", 1.5, -2000.0}},
		{"undefined as an argument, a member and an element", `[undefined,{"a":undefined},[undefined]]`,
			[]any{value.Undef, value.NewObject("a", value.Undef), []any{value.Undef}}},
		{"object keys keep their text order", `{"b":1,"a":2,"c":{}}`, value.NewObject("b", 1.0, "a", 2.0, "c", value.NewObject())},
		{"a repeated key keeps its first place and its last value", `{"a":1,"b":2,"a":3}`, value.NewObject("a", 3.0, "b", 2.0)},
		{"a key named __proto__ is an own key", `{"__proto__":{"x":1}}`, value.NewObject("__proto__", value.NewObject("x", 1.0))},
		{"escapes", `"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00"`, "a\"b\\c/d\b\f\n\r\té😀"},
		{"a lone surrogate escape becomes U+FFFD", `["\ud800","\udc00x","\ud800\u0041"]`, []any{"\uFFFD", "\uFFFDx", "\uFFFDA"}},
		{"raw UTF-8 passes", `"héllo 😀"`, "héllo 😀"},
		{"white space around tokens", " [ 1 , { \"a\" : 2 } ] ", []any{1.0, value.NewObject("a", 2.0)}},
		{"1e400 is Infinity as in JSON.parse", `[1e400,-1e400]`, []any{math.Inf(1), math.Inf(-1)}},
		{"empty containers", `[[],{}]`, []any{[]any{}, value.NewObject()}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := valuetext.Parse([]byte(tc.text), value.Limits{})
			require.NoError(t, err)
			assert.True(t, value.Equal(tc.want, got), "got %#v", got)
		})
	}
	t.Run("NaN, Infinity and negative zero survive", func(t *testing.T) {
		got, err := valuetext.ParseList([]byte(`[NaN,Infinity,-Infinity,-0,0]`), value.Limits{})
		require.NoError(t, err)
		require.Len(t, got, 5)
		assert.True(t, math.IsNaN(got[0].(float64)))
		assert.True(t, math.IsInf(got[1].(float64), 1))
		assert.True(t, math.IsInf(got[2].(float64), -1))
		assert.True(t, math.Signbit(got[3].(float64)), "-0 keeps its sign")
		assert.False(t, math.Signbit(got[4].(float64)))
	})
}

func TestParseErrors(t *testing.T) {
	deep := strings.Repeat("[", 65) + strings.Repeat("]", 65)
	cases := []struct {
		name, text, want string
		lim              value.Limits
	}{
		{"empty text", ``, "unexpected end", value.Limits{}},
		{"truncated array", `[1,`, "unexpected end", value.Limits{}},
		{"truncated object", `{"a":1`, "unexpected end", value.Limits{}},
		{"trailing data", `[1] x`, "after the value", value.Limits{}},
		{"unknown word", `[undefinedx]`, "expected ','", value.Limits{}},
		{"bad literal", `nul`, "unexpected character", value.Limits{}},
		{"bad number", `[-]`, "bad number", value.Limits{}},
		{"leading dot", `[.5]`, "unexpected character", value.Limits{}},
		{"unquoted key", `{a:1}`, "expected a key", value.Limits{}},
		{"missing colon", `{"a" 1}`, "expected ':'", value.Limits{}},
		{"control character in a string", "[\"a\nb\"]", "control character", value.Limits{}},
		{"bad escape", `["\x"]`, "bad escape", value.Limits{}},
		{"bad unicode escape", `["\u12G4"]`, "bad \\u escape", value.Limits{}},
		{"unterminated string", `["abc`, "unterminated", value.Limits{}},
		{"issue 9: depth is limited (64 by default), no stack overflow", deep, "nested deeper than 64", value.Limits{}},
		{"issue 9: the value count is limited", `[1,2,3,4]`, "more than 4 values", value.Limits{MaxNodes: 4}},
		{"issue 9: string bytes are limited", `["abcd","efgh"]`, "more than 6 bytes", value.Limits{MaxStringBytes: 6}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := valuetext.Parse([]byte(tc.text), tc.lim)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("ParseJSON: a server reply is JSON only", func(t *testing.T) {
		for _, text := range []string{`undefined`, `[NaN]`, `{"a":Infinity}`, `-Infinity`} {
			_, err := valuetext.ParseJSON([]byte(text), value.Limits{})
			require.Error(t, err, text)
		}
		v, err := valuetext.ParseJSON([]byte(`{"a":[1,-0,"x"]}`), value.Limits{})
		require.NoError(t, err)
		assert.True(t, value.Equal(value.NewObject("a", []any{1.0, 0.0, "x"}), v))
	})
	t.Run("ParseList wants an array", func(t *testing.T) {
		_, err := valuetext.ParseList([]byte(`{"a":1}`), value.Limits{})
		require.ErrorContains(t, err, "not an array")
	})
	t.Run("3,000,000 nested brackets end in an error, not a stack overflow", func(t *testing.T) {
		_, err := valuetext.Parse([]byte(strings.Repeat("[", 3_000_000)), value.Limits{})
		require.ErrorContains(t, err, "nested deeper")
	})
}

// FuzzParse checks that Parse never panics and that, on any text JSON
// accepts, it reads what valuejson (encoding/json) reads.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`[1,"a",{"b":[null,true]}]`, `{"a":undefined}`, `[NaN,-0,Infinity]`, `"\ud800"`, `[1e400]`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		got, err := valuetext.Parse(text, value.Limits{})
		want, jerr := valuejson.Parse(text)
		// TextEncoder only writes valid UTF-8; \u escapes of lone surrogates
		// are read differently on purpose (see str).
		if jerr == nil && utf8.Valid(text) && !strings.Contains(string(text), `\u`) {
			require.NoError(t, err, "JSON text %q", text)
			require.True(t, value.Equal(want, got), "text %q: valuetext %#v, valuejson %#v", text, got, want)
		}
	})
}

func ExampleParse() {
	v, _ := valuetext.ParseList([]byte(`["card",{"token":"tok_1","save":undefined}]`), value.Limits{})
	obj := value.AsObject(v[1])
	fmt.Println(v[0], obj.Keys(), value.IsUndefined(obj.Get("save")))
	// Output: card [token save] true
}
