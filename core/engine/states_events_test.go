package engine

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestSuccessEvent(t *testing.T) {
	tests := []struct {
		name     string
		resp     any
		outcome  string
		redirect string
	}{
		{"no typed response → complete, redirect kept", obj(`{"type":"custom"}`), OutcomeComplete, "https://shop.test/checkout/order-received/1001/?key=wc_order_x"},
		{"success with redirectUrl overrides (ref §6.3)", obj(`{"type":"success","redirectUrl":"https://shop.test/custom"}`), OutcomeComplete, "https://shop.test/custom"},
		// ref §6.3: a success observer's error with retry:false completes without
		// setting hasError, so D23 calls it complete.
		{"error retry:false → complete", obj(`{"type":"error","retry":false}`), OutcomeComplete, "https://shop.test/checkout/order-received/1001/?key=wc_order_x"},
		{"throw → {type:'error'} → fail event (ref §6.3)", nil, OutcomeFailed, ""},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("ref §6.3: %s", tc.name), func(t *testing.T) {
			h := newHarness(t)
			h.registerMethod("bacs")
			h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
			if tc.resp == nil {
				h.on(observer.CheckoutSuccess, 10, func(context.Context, any) (any, error) { return nil, fmt.Errorf("boom") })
			} else {
				h.on(observer.CheckoutSuccess, 10, returns(tc.resp))
			}
			h.tr.push(jsonResponse(200, successBody, nil))
			out := h.submit()
			assert.Equal(t, tc.outcome, out.Outcome)
			if tc.redirect != "" {
				assert.Equal(t, []string{tc.redirect}, h.navigations())
			} else {
				assert.Empty(t, h.navigations())
			}
		})
	}
}

func TestFailEvent(t *testing.T) {
	tests := []struct {
		name    string
		fail    any
		status  string
		outcome string
		notices []string
	}{
		{"error with message and retry → idle, notice in messageContext",
			obj(`{"type":"error","message":"Try another card.","messageContext":"wc/checkout/payments"}`),
			"idle", OutcomeFailed, []string{"wc/checkout/payments|*|error|Try another card."}},
		{"failure with message, retry:false → complete (ref §6.3 and D10)",
			obj(`{"type":"failure","message":"Order on hold.","retry":false}`),
			"complete", OutcomeFailed, []string{"global|*|error|Order on hold."}},
		{"error without message and retry → fallback notice + idle (ref §6.3 step 3)",
			obj(`{"type":"error"}`),
			"idle", OutcomeFailed, []string{"wc/checkout|checkout|error|Your card was declined."}},
		{"success responses only → fallback notice + idle",
			obj(`{"type":"success"}`),
			"idle", OutcomeFailed, []string{"wc/checkout|checkout|error|Your card was declined."}},
		{"observers returning true → fallback notice + idle",
			true,
			"idle", OutcomeFailed, []string{"wc/checkout|checkout|error|Your card was declined."}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("ref §6.3: %s", tc.name), func(t *testing.T) {
			h := newHarness(t)
			h.registerMethod("bacs")
			h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
			h.on(observer.CheckoutFail, 10, returns(tc.fail))
			h.tr.push(jsonResponse(400, declineBody, nil))
			out := h.submit()
			assert.Equal(t, tc.outcome, out.Outcome)
			assert.Equal(t, tc.status, out.Status)
			assert.True(t, out.HasError, "ref §6.3: hasError stays true")
			assert.Equal(t, tc.notices, h.notices())
		})
	}
}

func TestFallbackNotice(t *testing.T) {
	t.Run("ref §6.3: with no payment result message the fallback notice uses the default message", func(t *testing.T) {
		// ref §6.3: no message in processingResponse → the default text.
		h := newHarness(t)
		h.registerMethod("bacs")
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		h.tr.push(jsonResponse(400, `{"order_id":3,"payment_result":{"payment_status":"failure","payment_details":[],"redirect_url":""}}`, nil))
		out := h.submit()
		assert.Equal(t, OutcomeFailed, out.Outcome)
		assert.Equal(t, []string{"wc/checkout|checkout|error|" + storeapi.DefaultErrorMessage}, h.notices())
	})
}

func TestEventPayload(t *testing.T) {
	t.Run("D9: success and fail observers receive paymentResult beside processingResponse", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetOrderNotes", "ring twice")
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		got := make(chan *value.Object, 1)
		h.on(observer.CheckoutSuccess, 10, func(_ context.Context, data any) (any, error) {
			got <- value.AsObject(data)
			return true, nil
		})
		h.tr.push(jsonResponse(200, `{"order_id":1001,"payment_result":{"payment_status":"success","payment_details":[{"key":"ref","value":"A&amp;B"}],"redirect_url":"https://shop.test/ok"}}`, map[string]string{"user-id": "4"}))
		require.Equal(t, OutcomeComplete, h.submit().Outcome)
		d := <-got
		assert.Equal(t, []string{"redirectUrl", "orderId", "customerId", "orderNotes", "processingResponse", "paymentResult"}, d.Keys())
		assert.Equal(t, "https://shop.test/ok", d.Get("redirectUrl"))
		assert.Equal(t, 1001.0, d.Get("orderId"))
		assert.Equal(t, 4.0, d.Get("customerId"))
		assert.Equal(t, "ring twice", d.Get("orderNotes"))
		assert.Same(t, d.Get("processingResponse"), d.Get("paymentResult"), "D9: one object under both names")
		pr := value.AsObject(d.Get("processingResponse"))
		assert.Equal(t, "success", pr.Get("paymentStatus"))
		assert.Equal(t, "A&B", value.AsObject(pr.Get("paymentDetails")).Get("ref"), "ref §10 entities decoded")
	})
}

func TestFailEventTimeout(t *testing.T) {
	t.Run("D23: a fail observer that times out settles the attempt as timeout", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		h.e.Registry().Add(observer.CheckoutFail, func(ctx context.Context, _ any) (any, error) {
			<-ctx.Done()
			return value.Undef, ctx.Err()
		}, 10, observer.Options{Label: "slow-fail", Timeout: 20 * time.Millisecond})
		h.tr.push(jsonResponse(400, declineBody, nil))
		out := h.submit()
		assert.Equal(t, OutcomeTimeout, out.Outcome)
		assert.Equal(t, "idle", out.Status)
	})
}
