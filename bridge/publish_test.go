//go:build js && wasm

package bridge

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"
	"github.com/wcblocks/checkoutwasm/bridge/snapjson"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// TestPublishPatches is issue 10's "one publication per change carrying only
// what changed": with host.patches, a store's view after its first
// publication goes as a patch of the view the host holds. Applied in turn,
// the patches give exactly the full views a host without patches gets, at
// every step, key order included; a change of a few fields sends a few
// fields.
func TestPublishPatches(t *testing.T) {
	const config = `{cart: {needsShipping: true, paymentMethods: ['bacs', 'cod']}}`
	full := newPatchingTestHost(t, config, false)
	patched := newPatchingTestHost(t, config, true)
	stringify := func(v jsv.Value) string {
		s, err := global("JSON").Call("stringify", v)
		require.NoError(t, err)
		return str(s)
	}
	steps := []struct {
		key, action string
		args        string // a JS array
	}{
		{"wc/store/checkout", "__internalSetOrderNotes", `['a note']`},
		{"wc/store/checkout", "__internalSetOrderNotes", `['another note']`},
		{"wc/store/checkout", "__internalSetExtensionData", `['ns', {a: {b: [1, 2]}, '\u0000k': -0, u: undefined}]`},
		{"wc/store/checkout", "__internalSetExtensionData", `['ns', {a: {b: [1, 3]}, '\u0000k': 0}]`},
		{"wc/store/checkout", "__internalSetExtensionData", `['other', {x: NaN}]`},
		{"wc/store/checkout", "setAdditionalFields", `[{vat: 'FR1'}]`},
		{"wc/store/checkout", "setAdditionalFields", `[{vat: 'FR2', extra: true}]`},
		{"wc/store/checkout", "__internalIncrementCalculating", `[]`},
		{"wc/store/checkout", "__internalSetPrefersCollection", `[]`},
		{"wc/store/checkout", "setPrefersCollection", `[true]`},
		{"wc/store/cart", "setBillingAddress", `[{first_name: 'Ann', city: 'Paris'}]`},
		{"wc/store/cart", "setShippingAddress", `[{city: 'Lyon'}]`},
		{"wc/store/cart", "setBillingAddress", `[{first_name: 'Bob', city: 'Paris'}]`},
		{"wc/store/payment", "__internalSetActivePaymentMethod", `['cod']`},
		{"wc/store/payment", "__internalSetPaymentMethodData", `[{token: 't1', nested: {deep: [{a: 1}]}}]`},
		{"wc/store/payment", "__internalSetPaymentMethodData", `[{token: 't1', nested: {deep: [{a: 2}]}}]`},
		{"wc/store/payment", "__internalSetShouldSavePaymentMethod", `[true]`},
		{"wc/store/checkout", "__internalSetHasError", `[true]`},
	}
	for _, step := range steps {
		name := step.key + " " + step.action + " " + step.args
		args := jsEval(t, step.args)
		before := patched.bytes
		fullBefore := full.bytes
		errFull := dispatchArray(full, step.key, step.action, args)
		errPatched := dispatchArray(patched, step.key, step.action, args)
		if errFull != nil || errPatched != nil {
			assert.Equal(t, errFull != nil, errPatched != nil, name)
			continue // an action this store does not have: both refuse it alike
		}
		for _, k := range []string{"wc/store/checkout", "wc/store/payment", "wc/store/validation", "wc/store/cart", "core/notices"} {
			assert.Equal(t, stringify(full.snapshot(k)), stringify(patched.snapshot(k)), "%s: %s", name, k)
		}
		if sent, whole := patched.bytes-before, full.bytes-fullBefore; whole > 0 {
			assert.Less(t, sent, whole, "%s: the patch is smaller than the view", name)
		}
	}
	assert.Empty(t, patched.errors)
}

// dispatchArray dispatches with args, a JS array.
func dispatchArray(th *testHost, key, action string, args jsv.Value) error {
	p, err := th.call("dispatch", key, action, args)
	if err != nil {
		return err
	}
	_, err = th.wait(p)
	return err
}

// TestPatchProperty is issue 10's patch rule on random views: for random
// pairs of value trees (NUL-prefixed keys, undefined, NaN, -0, nested
// objects and arrays; the same keys or not), a patch that Go agrees to
// write, applied by a reader that follows docs/contracts.md "Patches" to
// the full text of the first tree, gives exactly the full text of the
// second, key order and escapes included.
func TestPatchProperty(t *testing.T) {
	apply := jsFunc(t, "prev, patch", `
		var PATCH = '\u0000p';
		var isPatch = function (v) {
			return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && Object.keys(v)[0] === PATCH;
		};
		var step = function (held, d) {
			if (held === null || typeof held !== 'object' || Array.isArray(held)) throw new Error('no object to patch');
			var out = {};
			Object.keys(d).forEach(function (k) {
				if (!Object.prototype.hasOwnProperty.call(held, k)) throw new Error('a key the held view lacks: ' + JSON.stringify(k));
			});
			Object.keys(held).forEach(function (k) {
				var v = Object.prototype.hasOwnProperty.call(d, k) ? d[k] : held[k];
				out[k] = isPatch(v) ? step(held[k], v[PATCH]) : v;
			});
			return out;
		};
		var p = JSON.parse(patch);
		if (!isPatch(p)) throw new Error('not a patch: ' + patch);
		return JSON.stringify(step(JSON.parse(prev), p[PATCH]));`)
	rng := rand.New(rand.NewPCG(10, 20))
	keys := []string{"a", "b", "status", "\x00k", "\x00p", "p", "state", "x"}
	var tree func(depth int) any
	leaf := func() any {
		switch rng.IntN(9) {
		case 0:
			return nil
		case 1:
			return rng.IntN(2) == 0
		case 2:
			return float64(rng.IntN(3))
		case 3:
			return math.Copysign(0, -1)
		case 4:
			return math.NaN()
		case 5:
			return value.Undef
		case 6:
			return []any{float64(rng.IntN(2)), "s"}
		default:
			return []string{"x", "y"}[rng.IntN(2)]
		}
	}
	tree = func(depth int) any {
		if depth == 0 || rng.IntN(3) == 0 {
			return leaf()
		}
		var b value.Builder
		n := rng.IntN(4)
		for i := 0; i < n; i++ {
			b.Set(keys[rng.IntN(len(keys))], tree(depth-1))
		}
		return b.Build()
	}
	// mutate changes some values of o, keeping its keys (or, sometimes, not).
	var mutate func(o *value.Object) *value.Object
	mutate = func(o *value.Object) *value.Object {
		var b value.Builder
		for i := range o.Len() {
			k, v := o.Entry(i)
			switch sub, isObj := v.(*value.Object); {
			case isObj && rng.IntN(2) == 0:
				b.Set(k, mutate(sub))
			case rng.IntN(3) == 0:
				b.Set(k, tree(2))
			default:
				b.Set(k, v)
			}
		}
		if rng.IntN(8) == 0 {
			b.Set("extra", 1.0) // other keys: no patch
		}
		return b.Build()
	}
	full := func(v any) string {
		var e snapjson.Encoder
		e.Value(v)
		return string(e.Bytes())
	}
	patches := 0
	for i := 0; i < 400; i++ {
		prev, ok := tree(4).(*value.Object)
		if !ok {
			continue
		}
		next := mutate(prev)
		var e snapjson.Encoder
		if !e.Patch(prev, next) {
			require.NotEqual(t, prev.Keys(), next.Keys(), "a patch is refused only for other keys")
			continue
		}
		patches++
		got, err := apply.Invoke(full(prev), string(e.Bytes()))
		require.NoError(t, err, "patch %s", e.Bytes())
		assert.Equal(t, full(next), str(got), "prev %s, patch %s", full(prev), e.Bytes())
	}
	assert.Greater(t, patches, 100)
}
