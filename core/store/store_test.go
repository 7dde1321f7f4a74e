package store

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// TestStrictAndShallowEqual pins the JS === (ref §2.1 "strictly equal")
// and @wordpress/is-shallow-equal (ref §4 "shallowly different") helpers.
func TestStrictAndShallowEqual(t *testing.T) {
	o := value.NewObject("a", 1.0)
	a := []any{1.0, "x"}
	tests := []struct {
		name            string
		x, y            any
		strict, shallow bool
	}{
		{"undefined === undefined", value.Undef, value.Undef, true, true},
		{"undefined !== null", value.Undef, nil, false, false},
		{"null === null", nil, nil, true, true},
		{"true === true", true, true, true, true},
		{"true !== 'true'", true, "true", false, false},
		{"'a' === 'a'", "a", "a", true, true},
		{"1 === 1 (int vs float64)", 1, 1.0, true, true},
		{"NaN !== NaN", math.NaN(), math.NaN(), false, false},
		{"number !== string", 1.0, "1", false, false},
		{"same object", o, o, true, true},
		{"different but equal objects: strict false, shallow true", o, value.NewObject("a", 1.0), false, true},
		{"objects with different values", o, value.NewObject("a", 2.0), false, false},
		{"objects with different key counts", o, value.NewObject("a", 1.0, "b", 2.0), false, false},
		{"objects with different keys", value.NewObject("a", value.Undef), value.NewObject("b", value.Undef), false, false},
		{"nested objects compared by identity", value.NewObject("o", value.NewObject()), value.NewObject("o", value.NewObject()), false, false},
		{"same array", a, a, true, true},
		{"equal arrays: strict false, shallow true", a, []any{1.0, "x"}, false, true},
		{"arrays of different length", a, []any{1.0}, false, false},
		{"arrays with a different item", a, []any{1.0, "y"}, false, false},
		{"object vs array", o, a, false, false},
		{"array vs object", a, o, false, false},
		{"opaque values without refs", value.Opaque{TypeOf: "function"}, value.Opaque{TypeOf: "function"}, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.strict, strictEqual(tc.x, tc.y), "strictEqual")
			assert.Equal(t, tc.shallow, shallowEqual(tc.x, tc.y), "shallowEqual")
		})
	}
}

func TestStoreKeysAndStringsEqual(t *testing.T) {
	keys := StoreKeys()
	assert.Equal(t, []string{"wc/store/checkout", "wc/store/payment", "wc/store/validation", "core/notices", "wc/store/cart"}, keys,
		"ref §1.1 store keys")
	keys[0] = "changed"
	assert.Equal(t, CheckoutKey, StoreKeys()[0], "a new slice each call")
	assert.True(t, stringsEqual(nil, []string{}))
	assert.False(t, stringsEqual([]string{"a"}, []string{"b"}))
	assert.False(t, stringsEqual([]string{"a"}, nil))
}
