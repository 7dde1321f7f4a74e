package valuejson

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestRoundTripKeepsKeyOrder(t *testing.T) {
	in := `{"z":1,"a":[true,null,"x<&>"],"m":{"b":2.5,"a":{}}}`
	v, err := Parse([]byte(in))
	require.NoError(t, err)
	assert.Equal(t, []string{"z", "a", "m"}, value.AsObject(v).Keys())
	assert.Equal(t, in, string(Marshal(v)))
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{"", "{", `{"a":}`, `{} {}`, `[1,]`, `{1:2}`} {
		t.Run(bad, func(t *testing.T) {
			_, err := Parse([]byte(bad))
			assert.Error(t, err)
		})
	}
	assert.Panics(t, func() { MustParse("{") })
}

func TestMarshalLikeJSONStringify(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"undefined in object omitted", value.NewObject("a", value.Undef, "b", 1.0), `{"b":1}`},
		{"function in object omitted", value.NewObject("f", value.Opaque{TypeOf: "function"}), `{}`},
		{"undefined in array is null", []any{value.Undef, value.Opaque{TypeOf: "function"}}, `[null,null]`},
		{"non-finite numbers are null", []any{math.NaN(), math.Inf(1)}, `[null,null]`},
		{"class instance is {}", value.Opaque{TypeOf: "object"}, `{}`},
		{"top-level undefined", value.Undef, `null`},
		{"go map sorted", map[string]any{"b": 1, "a": "x"}, `{"a":"x","b":1}`},
		{"ints", []any{3, int64(4)}, `[3,4]`},
		{"other go value", struct{ A int }{1}, `{"A":1}`},
		{"unmarshalable", make(chan int), `null`},
		{"symbol top level", value.Opaque{TypeOf: "symbol"}, `null`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(Marshal(tc.in)))
		})
	}
}

func TestParseLimitsIssue9(t *testing.T) {
	t.Run("issue 9 point 7: 3,000,000 nested [ are an error, not a stack overflow", func(t *testing.T) {
		_, err := Parse([]byte(strings.Repeat("[", 3_000_000)))
		require.ErrorContains(t, err, "nested deeper than 64 levels")
	})
	t.Run("depth 64 parses, 65 does not", func(t *testing.T) {
		_, err := Parse([]byte(strings.Repeat("[", 64) + strings.Repeat("]", 64)))
		require.NoError(t, err)
		_, err = Parse([]byte(strings.Repeat("[", 65) + strings.Repeat("]", 65)))
		require.Error(t, err)
	})
	t.Run("issue 9 point 7: 1e400 is Infinity as in JSON.parse", func(t *testing.T) {
		v, err := Parse([]byte(`[1e400, -1e400, 1e-400]`))
		require.NoError(t, err)
		assert.Equal(t, []any{math.Inf(1), math.Inf(-1), 0.0}, v)
	})
}

// FuzzParse: any input either parses into a value that marshals and parses
// back to an equal value, or is an error; it never panics or overflows.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a":[1,"x",null,true]}`, `1e400`, `[[[[]]]]`, `{"__proto__":{"x":1}}`, `"\ud800"`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			return
		}
		out := Marshal(v)
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("Marshal output %q does not parse: %v", out, err)
		}
		if !value.Equal(v, back) && !hasInf(v) {
			t.Fatalf("round trip changed the value: %q -> %q", data, out)
		}
	})
}

func hasInf(v any) bool {
	switch x := v.(type) {
	case float64:
		return math.IsInf(x, 0)
	case []any:
		for _, e := range x {
			if hasInf(e) {
				return true
			}
		}
	case *value.Object:
		found := false
		x.Range(func(_ string, e any) bool { found = hasInf(e); return !found })
		return found
	}
	return false
}
