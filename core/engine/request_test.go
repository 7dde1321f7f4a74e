package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

func TestRequestInput(t *testing.T) {
	t.Run("ref §9.2: the request carries the stores' data, the nonce and the idempotency key (D21)", func(t *testing.T) {
		// ref §9.2 payload built from the stores; D21 Idempotency-Key; D15 nonce and customer id from headers.
		h := newHarness(t)
		h.registerMethod("bacs")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetOrderNotes", "Leave at the door")
		dispatch(t, h.e, "wc/store/cart", "setBillingAddress", obj(`{"first_name":"Ann","email":"ann@example.com"}`))
		dispatch(t, h.e, "wc/store/checkout", "__internalSetExtensionData", "my-ext", obj(`{"gift":true}`))
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success","meta":{"paymentMethodData":{"myGatewayCustomData":"12345"}}}`)))
		h.tr.push(jsonResponse(200, successBody, map[string]string{"nonce": "nonce-2", "user-id": "7"}),
			jsonResponse(200, successBody, nil))
		out := h.submit()
		require.Equal(t, OutcomeComplete, out.Outcome)
		req := h.tr.requests()[0]
		assert.Equal(t, "POST", req.Method)
		assert.Equal(t, "/wp-json/wc/store/v1/checkout", req.URL)
		assert.Equal(t, [][2]string{{"Content-Type", "application/json"}, {"Nonce", "nonce-1"}, {"Idempotency-Key", out.AttemptID}}, req.Headers)
		assert.Equal(t,
			`{"shipping_address":{},"billing_address":{"first_name":"Ann","email":"ann@example.com"},"customer_note":"Leave at the door","create_account":false,"payment_method":"bacs","payment_data":[{"key":"myGatewayCustomData","value":"12345"},{"key":"wc-bacs-new-payment-method","value":false}],"extensions":{"my-ext":{"gift":true}}}`,
			string(valuejson.Marshal(req.Body)))
		assert.Equal(t, "nonce-2", h.e.Nonce(), "D15: the Nonce header replaces the nonce")
		assert.Equal(t, 7, h.e.Snapshot().Checkout.CustomerID, "ref §9.4 User-ID")
		assert.Equal(t, 1001, h.e.Snapshot().Checkout.OrderID, "D15")
	})
}
