//go:build js && wasm

package bridge

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"
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
