package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestCartInErrorBody(t *testing.T) {
	t.Run("ref §9.3: addresses of a cart sent with an error body are applied", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		h.tr.push(jsonResponse(409, `{"code":"woocommerce_cart_error","message":"Sold out","data":{"status":409,"cart":{"billing_address":{"city":"Nice"},"shipping_address":{"city":"Lyon"}}}}`, nil))
		out := h.submit()
		assert.Equal(t, OutcomeFailed, out.Outcome)
		s := h.e.Snapshot()
		assert.Equal(t, "Nice", s.Cart.BillingAddress.Get("city"))
		assert.Equal(t, "Lyon", s.Cart.ShippingAddress.Get("city"))
		assert.Equal(t, []string{"wc/cart|woocommerce_cart_error|error|Sold out"}, h.notices())
	})
}

func TestErrorNoticesWhileExpress(t *testing.T) {
	t.Run("ref §11: error notices of a declined order are suppressed while express is active", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "gpay", CanMakePayment: always}, true))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		require.NoError(t, h.e.ExpressAction("gpay", ExpressClick, value.Undef))
		h.tr.push(jsonResponse(500, `{"code":"woocommerce_rest_unknown_server_error","message":"Boom","data":{"status":500}}`, nil))
		out := h.submit()
		assert.Equal(t, OutcomeFailed, out.Outcome)
		for _, n := range h.notices() {
			assert.NotContains(t, n, "woocommerce_rest_unknown_server_error", "ref §11: wrapper notices are suppressed while express is active")
		}
	})
}
