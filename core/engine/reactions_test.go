package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
)

func TestStatusStringsD1Ref12Ref13(t *testing.T) {
	// D1 / ref §1.2: underscores; D2: pristine first. ref §1.3: has_error, express_started.
	assert.Equal(t, []string{"pristine", "idle", "before_processing", "processing", "after_processing", "complete"},
		[]string{store.StatusPristine, store.StatusIdle, store.StatusBeforeProcessing, store.StatusProcessing, store.StatusAfterProcessing, store.StatusComplete})
	assert.Equal(t, []string{"idle", "express_started", "processing", "ready", "has_error"},
		[]string{store.PaymentIdle, store.PaymentExpressStarted, store.PaymentProcessing, store.PaymentReady, store.PaymentError})
	// Every status the flow produces is one of these strings.
	h := newHarness(t)
	h.registerMethod("bacs")
	h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
	h.tr.push(jsonResponse(200, successBody, nil))
	h.submit()
	for _, line := range h.sequence() {
		assert.NotContains(t, line, "-processing", "D1: no hyphenated status")
	}
}

func TestValidationClearsOnlyGlobalErrorNoticesRef61(t *testing.T) {
	// ref §6.1 step 1 / D32: the validation step removes error notices from the
	// default (global) context only.
	h := newHarness(t)
	dispatch(t, h.e, "core/notices", "createNotice", "error", "old global error")
	dispatch(t, h.e, "core/notices", "createNotice", "info", "global info")
	dispatch(t, h.e, "core/notices", "createNotice", "error", "checkout error", obj(`{"context":"wc/checkout","id":"keep"}`))
	h.on(observer.CheckoutValidation, 10, returns(false))
	out := h.submit()
	require.Equal(t, OutcomeFailed, out.Outcome)
	assert.Equal(t, []string{"global|*|info|global info", "wc/checkout|keep|error|checkout error"}, h.notices())
}

func TestValidationObserversReceiveEmptyObjectRef61(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
	got := make(chan any, 1)
	h.on(observer.CheckoutValidation, 10, func(_ context.Context, data any) (any, error) { got <- data; return true, nil })
	h.tr.push(jsonResponse(200, successBody, nil))
	h.submit()
	assert.Equal(t, 0, obj(`{}`).Len())
	d := <-got
	assert.Equal(t, 0, d.(interface{ Len() int }).Len(), "ref §6.1: observers receive {}")
}

func TestPaymentReactionsR5R6Ref82(t *testing.T) {
	t.Run("R5: ready survives checkout idle (edge: isIdle changed, but ready)", func(t *testing.T) {
		h := newHarness(t)
		dispatch(t, h.e, "wc/store/payment", "__internalSetPaymentReady")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetIdle")
		assert.Equal(t, "ready", h.e.Snapshot().Payment.Status, "ref §8.2: ready survives checkout idle")
	})
	t.Run("R5: checkout becoming idle resets a processing payment", func(t *testing.T) {
		h := newHarness(t)
		dispatch(t, h.e, "wc/store/checkout", "__internalSetProcessing")
		dispatch(t, h.e, "wc/store/payment", "__internalSetPaymentProcessing")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetIdle")
		assert.Equal(t, "idle", h.e.Snapshot().Payment.Status)
	})
	t.Run("R5 is edge-triggered: express started while checkout is already idle stays", func(t *testing.T) {
		h := newHarness(t)
		dispatch(t, h.e, "wc/store/checkout", "__internalSetIdle")
		dispatch(t, h.e, "wc/store/payment", "__internalSetExpressPaymentStarted")
		assert.Equal(t, "express_started", h.e.Snapshot().Payment.Status)
	})
	t.Run("R6: hasError with ready → payment idle", func(t *testing.T) {
		h := newHarness(t)
		dispatch(t, h.e, "wc/store/checkout", "__internalSetAfterProcessing")
		dispatch(t, h.e, "wc/store/payment", "__internalSetPaymentReady")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetHasError", true)
		s := h.e.Snapshot()
		assert.Equal(t, "idle", s.Payment.Status)
		assert.Equal(t, "after_processing", s.Checkout.Status, "ref §2.2: SetHasError keeps after_processing")
	})
	t.Run("ref §2.2: SetHasError(false) while processing still goes idle", func(t *testing.T) {
		h := newHarness(t)
		dispatch(t, h.e, "wc/store/checkout", "__internalSetProcessing")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetHasError", false)
		assert.Equal(t, "idle", h.e.Snapshot().Checkout.Status)
	})
}

func TestWillHaveErrorR7IgnoresValidationWhileExpress(t *testing.T) {
	h := newHarness(t)
	s := h.e.Snapshot()
	assert.False(t, h.e.willHaveError(s))
	dispatch(t, h.e, "wc/store/validation", "setValidationErrors", obj(`{"a":{"message":"m","hidden":false}}`))
	assert.True(t, h.e.willHaveError(h.e.Snapshot()), "ref §7 R7: validation errors")
	require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "gpay", CanMakePayment: always}, true))
	require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
	require.NoError(t, h.e.ExpressAction("gpay", ExpressClick, nil))
	assert.False(t, h.e.willHaveError(h.e.Snapshot()), "ref §7 R7: not while express is active")
	require.NoError(t, h.e.ExpressAction("gpay", ExpressError, "Wallet failed"))
	assert.True(t, h.e.willHaveError(h.e.Snapshot()), "ref §7 R7: payment has_error")
}
