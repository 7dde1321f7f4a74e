package engine

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

func TestAvailability(t *testing.T) {
	t.Run("ref §14: methods are checked in sort order, filtered by the cart; throws and {error} results make a method unavailable", func(t *testing.T) {
		h := newHarness(t, func(c *Config) {
			c.PaymentMethodSortOrder = []string{"cod", "card"}
			c.Cart.PaymentMethods = []string{"bacs", "card", "cod", "broken", "errobj"}
		})
		for _, m := range []PaymentMethod{
			{Name: "bacs", CanMakePayment: always},
			{Name: "card", CanMakePayment: always},
			{Name: "cod", CanMakePayment: returns(false)},
			{Name: "notincart", CanMakePayment: always},
			{Name: "broken", CanMakePayment: func(context.Context, any) (any, error) { return nil, errors.New("boom") }},
			{Name: "errobj", CanMakePayment: returns(obj(`{"error":{"message":"nope"}}`))},
		} {
			require.NoError(t, h.e.RegisterPaymentMethod(m, false))
		}
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		p := h.e.Snapshot().Payment
		assert.Equal(t, []string{"card", "bacs"}, p.AvailablePaymentMethods.Keys())
		assert.Equal(t, "card", p.ActivePaymentMethod, "first available in sort order")
		assert.True(t, p.PaymentMethodsInitialized)
		assert.True(t, p.ExpressPaymentMethodsInitialized)
		assert.Len(t, h.log.errors, 2, "throw and {error} are logged")
	})
	t.Run("ref §14: a saved method wins", func(t *testing.T) {
		saved := obj(`{"cc":[{"method":{"gateway":"stripe","last4":"4242","brand":"Visa"},"expires":"12/30","is_default":true,"tokenId":2}]}`)
		h := newHarness(t, func(c *Config) { c.SavedPaymentMethods = saved })
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: always}, false))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		p := h.e.Snapshot().Payment
		assert.Equal(t, "stripe", p.ActivePaymentMethod)
		assert.Equal(t, `{"token":"2","payment_method":"stripe","wc-stripe-payment-token":"2","isSavedToken":true}`, string(valuejson.Marshal(p.PaymentMethodData)))
	})
	t.Run("ref §14: a bad registration is refused and a second one replaces the first", func(t *testing.T) {
		h := newHarness(t)
		var ae *ArgError
		require.ErrorAs(t, h.e.RegisterPaymentMethod(PaymentMethod{CanMakePayment: always}, false), &ae)
		assert.Equal(t, "name", ae.Arg)
		require.ErrorAs(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "x"}, true), &ae)
		assert.Equal(t, "canMakePayment", ae.Arg)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "x", CanMakePayment: always}, false))
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "x", PaymentMethodID: "x2", CanMakePayment: always}, false))
		id, ok := h.e.methods.paymentMethodID("x")
		assert.True(t, ok)
		assert.Equal(t, "x2", id)
		assert.Len(t, h.log.warns, 1)
	})
	t.Run("ref §14: RequestAvailabilityUpdate coalesces requests and calls done", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: always}, false))
		done := make(chan struct{}, 3)
		for i := 0; i < 3; i++ {
			h.e.RequestAvailabilityUpdate(func() { done <- struct{}{} })
		}
		for i := 0; i < 3; i++ {
			select {
			case <-done:
			case <-time.After(2 * time.Second):
				t.Fatal("availability update did not finish")
			}
		}
		assert.Equal(t, "bacs", h.e.Snapshot().Payment.ActivePaymentMethod)
	})
}

func TestSavedPaymentMethodsView(t *testing.T) {
	t.Run("ref §14: the saved methods of the active gateway are published", func(t *testing.T) {
		saved := obj(`{"cc":[{"method":{"gateway":"stripe","last4":"4242","brand":"Visa"},"expires":"12/30","is_default":true,"tokenId":2}]}`)
		h := newHarness(t, func(c *Config) { c.SavedPaymentMethods = saved })
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "stripe", CanMakePayment: always, ShowSavedCards: true}, false))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		v := h.e.View(store.PaymentKey)
		assert.Contains(t, string(valuejson.Marshal(v.Get("getActiveSavedPaymentMethods"))), `"gateway":"stripe"`)
	})
}

func TestExpressActions(t *testing.T) {
	t.Run("ref §12: express click, close and error move the payment status and restore the previous method", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: always}, false))
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "gpay", CanMakePayment: always}, true))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		dispatch(t, h.e, "wc/store/payment", "__internalSetPaymentMethodData", obj(`{"a":1}`))

		require.NoError(t, h.e.ExpressAction("gpay", ExpressClick, value.Undef))
		p := h.e.Snapshot().Payment
		assert.Equal(t, "express_started", p.Status)
		assert.Equal(t, "gpay", p.ActivePaymentMethod)

		require.NoError(t, h.e.ExpressAction("gpay", ExpressClose, value.Undef))
		p = h.e.Snapshot().Payment
		assert.Equal(t, "idle", p.Status)
		assert.Equal(t, "bacs", p.ActivePaymentMethod, "restored")
		assert.Equal(t, `{"a":1}`, string(valuejson.Marshal(p.PaymentMethodData)))

		require.NoError(t, h.e.ExpressAction("gpay", ExpressClick, value.Undef))
		require.NoError(t, h.e.ExpressAction("gpay", ExpressError, "Wallet closed"))
		p = h.e.Snapshot().Payment
		assert.Equal(t, "has_error", p.Status)
		assert.Equal(t, "bacs", p.ActivePaymentMethod)
		assert.Equal(t, []string{"wc/checkout/express-payments|wc-express-payment-error|error|Wallet closed"}, h.notices())
		dispatch(t, h.e, "wc/store/payment", "__internalSetExpressPaymentError", "")
		assert.Empty(t, h.notices())

		var ue *UnknownError
		require.ErrorAs(t, h.e.ExpressAction("nope", ExpressClick, value.Undef), &ue)
		var ae *ArgError
		require.ErrorAs(t, h.e.ExpressAction("gpay", "wave", value.Undef), &ae)
	})
}
