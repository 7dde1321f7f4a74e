package engine

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value"
)

func dispatch(t *testing.T, e *Engine, key, action string, args ...any) {
	t.Helper()
	require.NoError(t, e.Dispatch(context.Background(), key, action, args))
}

func TestPrepare(t *testing.T) {
	t.Run("D34: Prepare checks the arguments without changing any store", func(t *testing.T) {
		h := newHarness(t)
		v := h.e.Version()
		run, err := h.e.Prepare("wc/store/checkout", "__internalSetOrderNotes", []any{"x"})
		require.NoError(t, err)
		assert.Equal(t, v, h.e.Version(), "preparing changes nothing")
		require.NoError(t, run(context.Background()))
		assert.Equal(t, "x", h.e.Snapshot().Checkout.OrderNotes, "running the prepared action does")
		var ae *ArgError
		_, err = h.e.Prepare("wc/store/checkout", "__internalSetOrderNotes", []any{1.0})
		require.ErrorAs(t, err, &ae)
		var ue *UnknownError
		_, err = h.e.Prepare("nope", "x", nil)
		require.ErrorAs(t, err, &ue)
		_, err = h.e.Prepare("wc/store/cart", "nope", nil)
		require.ErrorAs(t, err, &ue)
		assert.Contains(t, ae.Error(), "(got number)")
		run, err = h.e.Prepare("wc/store/checkout", "__internalSetOrderNotes", []any{value.Undef})
		require.NoError(t, err, "ref §2.2: undefined is a no-op, not an error")
		require.NoError(t, run(context.Background()))
		assert.Equal(t, "x", h.e.Snapshot().Checkout.OrderNotes)
	})
}

// TestEveryAction dispatches every action of every store once with valid
// arguments: none may fail, whether prepared first or dispatched directly.
func TestEveryAction(t *testing.T) {
	args := map[string][]any{
		"__internalSetRedirectUrl":                      {"https://x.test"},
		"__internalSetComplete":                         {obj(`{"redirectUrl":"https://y.test"}`)},
		"__internalSetHasError":                         {},
		"__internalSetCustomerId":                       {3.0},
		"__internalSetUseShippingAsBilling":             {false},
		"__internalSetShouldCreateAccount":              {true},
		"setPrefersCollection":                          {true},
		"__internalSetOrderNotes":                       {"n"},
		"__internalSetExtensionData":                    {"ns", obj(`{"a":1}`), true},
		"__internalProcessCheckoutResponse":             {obj(`{"payment_result":{"payment_status":"success","redirect_url":"https://z.test"}}`)},
		"__internalSetExpressPaymentMethodsInitialized": {true},
		"__internalSetShouldSavePaymentMethod":          {true},
		"__internalSetActivePaymentMethod":              {"bacs", obj(`{"token":"5"}`)},
		"__internalSetPaymentMethodData":                {obj(`{"a":1}`)},
		"__internalSetPaymentResult":                    {obj(`{"message":"m"}`)},
		"__internalSetAvailableExpressPaymentMethods":   {obj(`{"gpay":{"name":"gpay"}}`)},
		"__internalRemoveAvailablePaymentMethod":        {"bacs"},
		"__internalRemoveAvailableExpressPaymentMethod": {"gpay"},
		"__internalSetPaymentMethodsInitialized":        {true},
		"__internalSetAvailablePaymentMethods":          {obj(`{"cod":{"name":"cod"}}`)},
		"__internalSetExpressPaymentError":              {"oops"},
		"setValidationErrors":                           {obj(`{"a":{"message":"m","hidden":true}}`)},
		"clearValidationError":                          {"a"},
		"clearValidationErrors":                         {[]any{"a"}},
		"hideValidationError":                           {"a"},
		"showValidationError":                           {"a"},
		"createNotice":                                  {"error", "hello", obj(`{"id":"n1","context":"wc/cart","isDismissible":false}`)},
		"removeNotice":                                  {"n1", "wc/cart"},
		"setBillingAddress":                             {obj(`{"city":"A"}`)},
		"setShippingAddress":                            {obj(`{"city":"B"}`)},
		"setShippingRates":                              {[]any{}},
		"setIsLoadingRates":                             {false},
		"setIsSelectingRate":                            {false},
		"setCartErrors":                                 {[]any{}},
		"setEditingBillingAddress":                      {false},
		"setEditingShippingAddress":                     {false},
		"setAdditionalFields":                           {obj(`{"ns/x":"1"}`)},
		"receiveCart":                                   {obj(`{"items_count":1}`)},
		"receiveCartContents":                           {obj(`{"items_count":2}`)},
		"receiveApplyingCoupon":                         {""},
		"selectShippingRate":                            {"flat_rate:1", 0.0},
		"receiveRemovingCoupon":                         {""},
		"setIsCartDataStale":                            {false},
		"updatingCustomerData":                          {false},
	}
	h := newHarness(t)
	// In blocked, every observer blocks until its ctx ends: an immediate
	// action that emitted an event, or waited for anything, would hang.
	blocked := newHarness(t)
	stop := make(chan struct{})
	defer close(stop)
	for _, ev := range observer.Events() {
		blocked.e.Registry().Add(ev, func(ctx context.Context, _ any) (any, error) {
			select {
			case <-ctx.Done():
			case <-stop:
			}
			return nil, ctx.Err()
		}, 1, observer.Options{})
	}
	immediate := 0
	for _, key := range StoreKeys() {
		for _, action := range ActionNames(key) {
			t.Run(fmt.Sprintf("D34: %s runs with valid arguments", key+"."+action), func(t *testing.T) {
				a := args[action]
				_, err := h.e.Prepare(key, action, a)
				require.NoError(t, err)
				require.NoError(t, h.e.Dispatch(context.Background(), key, action, a))
				run, now, err := blocked.e.PrepareImmediate(key, action, a)
				require.NoError(t, err)
				if !now {
					return
				}
				immediate++
				// issue 10: an immediate action returns without waiting for
				// anything (a bridge runs it inside a WebAssembly export).
				done := make(chan error, 1)
				go func() { done <- run(context.Background()) }()
				select {
				case err := <-done:
					require.NoError(t, err)
				case <-time.After(5 * time.Second):
					t.Fatal("an immediate action did not return")
				}
			})
		}
	}
	assert.Greater(t, immediate, 30, "the plain setters are immediate")
	for _, thunk := range [][2]string{{"wc/store/payment", "__internalSetActivePaymentMethod"}, {"wc/store/cart", "selectShippingRate"}, {"wc/store/checkout", "__internalProcessCheckoutResponse"}} {
		_, now, err := blocked.e.PrepareImmediate(thunk[0], thunk[1], args[thunk[1]])
		require.NoError(t, err)
		assert.False(t, now, "issue 10: %s may wait (it is a thunk)", thunk[1])
	}
	s := h.e.Snapshot()
	assert.Equal(t, 3, s.Checkout.CustomerID)
	assert.Equal(t, "n", s.Checkout.OrderNotes)
	assert.Equal(t, "A", s.Cart.BillingAddress.Get("city"))
	assert.Equal(t, "B", s.Cart.ShippingAddress.Get("city"))
	assert.True(t, s.Payment.PaymentMethodsInitialized)
	// The last action, __internalUpdateAvailablePaymentMethods, finds no registered
	// method: default selection (ref §14 step 3) leaves no active method.
	assert.Equal(t, "", s.Payment.ActivePaymentMethod)
	assert.Equal(t, 0, s.Payment.AvailablePaymentMethods.Len())
}

func TestNotifications(t *testing.T) {
	t.Run("D27: one notification per action that changed a store, none otherwise", func(t *testing.T) {
		h := newHarness(t)
		h.reset()
		dispatch(t, h.e, "wc/store/checkout", "__internalSetOrderNotes", "a")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetOrderNotes", "a") // no change, no notification
		dispatch(t, h.e, "wc/store/checkout", "__internalSetShouldCreateAccount", true)
		h.mu.Lock()
		n := h.changes
		h.mu.Unlock()
		assert.Equal(t, 2, n)
		assert.Equal(t, "idle", h.e.Snapshot().Checkout.Status, "D2: pristine → idle on the first change")
	})
}

func TestDispatchArgErrors(t *testing.T) {
	h := newHarness(t)
	before := h.e.Version()
	tests := []struct {
		key, action string
		args        []any
		arg         string
	}{
		{"wc/store/checkout", "__internalSetOrderNotes", []any{42.0}, "orderNotes"},
		{"wc/store/checkout", "__internalSetCustomerId", []any{"7"}, "customerId"},
		{"wc/store/checkout", "__internalSetHasError", []any{"yes"}, "hasError"},
		{"wc/store/checkout", "__internalSetExtensionData", []any{"ns", "x"}, "data"},
		{"wc/store/payment", "__internalSetActivePaymentMethod", []any{1.0}, "activePaymentMethod"},
		{"wc/store/cart", "setShippingRates", []any{obj(`{}`)}, "shippingRates"},
		{"wc/store/cart", "setBillingAddress", []any{"x"}, "address"},
		{"core/notices", "createNotice", []any{1.0, "x"}, "status"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("D34: %s with a bad argument is refused with an ArgError", tc.action), func(t *testing.T) {
			err := h.e.Dispatch(context.Background(), tc.key, tc.action, tc.args)
			var ae *ArgError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.arg, ae.Arg)
			assert.Contains(t, err.Error(), tc.action)
		})
	}
	var ue *UnknownError
	require.ErrorAs(t, h.e.Dispatch(context.Background(), "wc/store/nope", "x", nil), &ue)
	assert.Equal(t, "store", ue.What)
	require.ErrorAs(t, h.e.Dispatch(context.Background(), "wc/store/checkout", "nope", nil), &ue)
	assert.Equal(t, "action", ue.What)
	assert.Equal(t, before, h.e.Version(), "bad input changes nothing")
	for _, k := range StoreKeys() {
		names := ActionNames(k)
		assert.NotEmpty(t, names, k)
		assert.True(t, slices.IsSorted(names), "%s: sorted: %v", k, names)
		assert.Len(t, names, len(actionTable[k]), "%s: every action once", k)
	}
	assert.Nil(t, ActionNames("nope"))
}
