//go:build js && wasm

package bridge

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuetext"
)

// TestResponseFromText: the response host.respond read in JS becomes the
// storeapi.Response the old path built (D14: a body that is not JSON is
// BodyErr, so the attempt ends with an unknown result and keeps its key, D42).
func TestResponseFromText(t *testing.T) {
	parse := func(s string) any {
		v, err := valuetext.Parse([]byte(s), value.Limits{})
		require.NoError(t, err)
		return v
	}
	t.Run("status, lower-cased headers and a JSON body", func(t *testing.T) {
		r := responseFromText(parse(`{"status":201,"headers":["Content-Type","application/json","X-WC-Store-API-Nonce","n1"],"text":"{\"order_id\":7,\"__proto__\":{\"x\":1}}"}`))
		assert.Equal(t, 201, r.Status)
		assert.Equal(t, map[string]string{"content-type": "application/json", "x-wc-store-api-nonce": "n1"}, r.Headers)
		require.NoError(t, r.BodyErr)
		assert.True(t, value.Equal(value.NewObject("order_id", 7.0, "__proto__", value.NewObject("x", 1.0)), r.Body), "a __proto__ key stays an own key")
	})
	t.Run("D14: a body that is not JSON (HTML, NaN, empty) is BodyErr", func(t *testing.T) {
		for _, body := range []string{`<html>`, `NaN`, ``, `{"a":undefined}`} {
			r := responseFromText(value.NewObject("status", 200.0, "headers", []any{}, "text", body))
			require.Error(t, r.BodyErr, body)
			assert.True(t, value.IsUndefined(r.Body))
		}
	})
	t.Run("issue 9: a body over the budgets is BodyErr, not a crash", func(t *testing.T) {
		deep := ""
		for i := 0; i < 100; i++ {
			deep += "["
		}
		r := responseFromText(value.NewObject("status", 200.0, "text", deep))
		require.ErrorContains(t, r.BodyErr, "nested deeper")
	})
	t.Run("a body that could not be read is BodyErr with its reason", func(t *testing.T) {
		r := responseFromText(value.NewObject("status", 502.0, "headers", []any{"a"}, "bodyError", "Error: connection cut"))
		assert.Equal(t, 502, r.Status)
		assert.Empty(t, r.Headers, "an odd header list keeps its pairs only")
		require.EqualError(t, r.BodyErr, "Error: connection cut")
	})
}

// TestParseSettled: issue 10 — the texts wcw_settle reads. Kind 2 is a
// response head, a NUL byte and the body as it came (no JSON string of it
// to unescape): the body may hold NULs and quotes, it is copied out of the
// inbox, and a head without a NUL or that is not an object is an error.
func TestParseSettled(t *testing.T) {
	tests := []struct {
		name string
		in   string
		kind uint32
		want any
		err  bool
	}{
		{"kind 0: a plain value", `{"type":"success"}`, 0, value.NewObject("type", "success"), false},
		{"kind 1: a response with its body as a JSON string", `{"status":200,"headers":[],"text":"{\"a\":1}"}`, 1,
			value.NewObject("status", 200.0, "headers", []any{}, "text", `{"a":1}`), false},
		{"kind 2: head, NUL, raw body", "{\"status\":201,\"headers\":[\"x\",\"y\"]}\x00{\"a\":\"b\\\"c\"}", 2,
			value.NewObject("status", 201.0, "headers", []any{"x", "y"}, "text", `{"a":"b\"c"}`), false},
		{"kind 2: the body may hold NULs", "{\"status\":200,\"headers\":[]}\x00a\x00b", 2,
			value.NewObject("status", 200.0, "headers", []any{}, "text", "a\x00b"), false},
		{"kind 2: an empty body", "{\"status\":204,\"headers\":[]}\x00", 2,
			value.NewObject("status", 204.0, "headers", []any{}, "text", ""), false},
		{"kind 2: no NUL", `{"status":200,"headers":[]}`, 2, nil, true},
		{"kind 2: a head that is not an object", "[1]\x00{}", 2, nil, true},
		{"kind 0: not valuetext", `{"a":`, 0, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			v, err := parseSettled(in, tt.kind)
			if tt.err {
				var ce *convertError
				require.ErrorAs(t, err, &ce)
				return
			}
			require.NoError(t, err)
			for i := range in {
				in[i] = '#' // the inbox is reused: nothing may point into it
			}
			assert.True(t, value.Equal(tt.want, v), "got %#v", v)
		})
	}
}
