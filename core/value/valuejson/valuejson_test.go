package valuejson

import (
	"math"
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
