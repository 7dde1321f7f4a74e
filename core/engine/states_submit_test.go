package engine

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

func TestValidationResults(t *testing.T) {
	cls := &struct{}{}
	_ = cls
	tests := []struct {
		name   string
		result any
		err    error
		pass   bool
	}{
		{"true passes (D7)", true, nil, true},
		{"undefined passes (D7)", value.Undef, nil, true},
		{"null passes (D7)", nil, nil, true},
		{"{type:'success'} passes (D7)", obj(`{"type":"success"}`), nil, true},
		{"false fails (D7, fixes woocommerce#46953)", false, nil, false},
		{"{} fails (D7)", obj(`{}`), nil, false},
		{"{type:'error'} fails (D7)", obj(`{"type":"error"}`), nil, false},
		{"array fails (D7: any other object)", []any{}, nil, false},
		{"class instance fails (D7)", value.Opaque{TypeOf: "object"}, nil, false},
		{"number ignored (D22)", 3.0, nil, true},
		{"string ignored (D22)", "no", nil, true},
		{"function ignored (D22)", value.Opaque{TypeOf: "function"}, nil, true},
		{"throw is logged and ignored (D7, ref §5.3)", value.Undef, errors.New("boom"), true},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("D7: %s", tc.name), func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
			h.e.Registry().Add(observer.CheckoutValidation, func(context.Context, any) (any, error) { return tc.result, tc.err }, 10, observer.Options{})
			h.tr.push(jsonResponse(200, successBody, nil))
			out := h.submit()
			if tc.pass {
				assert.Equal(t, OutcomeComplete, out.Outcome)
			} else {
				assert.Equal(t, OutcomeFailed, out.Outcome)
				assert.Equal(t, "idle", out.Status)
				assert.True(t, out.HasError)
				assert.Empty(t, h.notices(), "D7: no notice reads 'undefined'")
			}
			if tc.err != nil {
				assert.NotEmpty(t, h.log.errors, "D30: throws are logged with console.error")
			}
		})
	}
}

func TestValidationFailure(t *testing.T) {
	t.Run("D7: a failing validation object adds its notice and validation errors", func(t *testing.T) {
		// D7: errorMessage → notice in context (default wc/checkout); validationErrors → store.
		h := newHarness(t)
		h.on(observer.CheckoutValidation, 10, returns(obj(`{"errorMessage":"Bad postcode","context":"wc/checkout/shipping-address","validationErrors":{"shipping_postcode":{"message":"Invalid","hidden":false}}}`)))
		h.on(observer.CheckoutValidation, 11, returns(obj(`{"errorMessage":""}`)))
		out := h.submit()
		assert.Equal(t, OutcomeFailed, out.Outcome)
		assert.Equal(t, []string{"wc/checkout/shipping-address|*|error|Bad postcode"}, h.notices())
		assert.True(t, h.e.Snapshot().Validation.Has("shipping_postcode"))
	})
}

func TestBuiltinValidation(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(e *Engine)
		notice string
	}{
		{"validation store errors → false, R7 stops checkout", func(e *Engine) {
			dispatch(t, e, "wc/store/validation", "setValidationErrors", obj(`{"email":{"message":"Required","hidden":false}}`))
		}, ""},
		{"shipping-rates-error → shipping option notice", func(e *Engine) {
			dispatch(t, e, "wc/store/validation", "setValidationErrors", obj(`{"shipping-rates-error":{"message":"x","hidden":false}}`))
		}, "wc/checkout|*|error|" + MsgShippingOptionRequired},
		{"payment has_error → payments notice", func(e *Engine) {
			dispatch(t, e, "wc/store/payment", "__internalSetPaymentError")
		}, "wc/checkout/payments|*|error|" + MsgPaymentProblem},
		{"shipping error → shipping methods notice", func(e *Engine) {
			dispatch(t, e, "wc/store/cart", "setCartErrors", valuejson.MustParse(`[{"code":"woocommerce_rest_cart_shipping_rates_invalid_country","message":"x"}]`))
		}, "wc/checkout/shipping-methods|*|error|" + MsgShippingProblem},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("ref §7 R8: %s", tc.name), func(t *testing.T) {
			h := newHarness(t)
			tc.setup(h.e)
			out := h.submit()
			assert.Equal(t, OutcomeFailed, out.Outcome)
			assert.True(t, out.HasError)
			assert.Equal(t, "idle", out.Status)
			if tc.notice == "" {
				assert.Empty(t, h.notices())
			} else {
				assert.Equal(t, []string{tc.notice}, h.notices())
			}
			assert.Empty(t, h.tr.requests())
		})
	}
}

func TestValidationTimeout(t *testing.T) {
	t.Run("D17: a validation observer that times out fails the attempt with a notice", func(t *testing.T) {
		h := newHarness(t, func(c *Config) {
			// The page-wide budget also bounds the built-in observer (ref §7 R8): 250 ms
			// keeps it well inside even on a loaded machine (25 ms once failed there).
			c.ObserverTimeouts = map[observer.Event]time.Duration{observer.CheckoutValidation: 250 * time.Millisecond}
		})
		h.e.Registry().Add(observer.CheckoutValidation, func(ctx context.Context, _ any) (any, error) {
			<-ctx.Done()
			return value.Undef, ctx.Err()
		}, 10, observer.Options{Label: "address-check"})
		out := h.submit()
		assert.Equal(t, OutcomeTimeout, out.Outcome, "D23")
		ns := h.notices()
		require.Len(t, ns, 1)
		assert.Contains(t, ns[0], "address-check")
	})
}

func TestSubmitClearsErrorNotices(t *testing.T) {
	t.Run("ref §6.1: submit removes the error notices of the default context only", func(t *testing.T) {
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
	})
}

func TestValidationObserverData(t *testing.T) {
	t.Run("ref §6.1: validation observers receive an empty object", func(t *testing.T) {
		h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
		got := make(chan any, 1)
		h.on(observer.CheckoutValidation, 10, func(_ context.Context, data any) (any, error) { got <- data; return true, nil })
		h.tr.push(jsonResponse(200, successBody, nil))
		h.submit()
		assert.Equal(t, 0, obj(`{}`).Len())
		d := <-got
		assert.Equal(t, 0, d.(interface{ Len() int }).Len(), "ref §6.1: observers receive {}")
	})
}

func TestWillHaveError(t *testing.T) {
	t.Run("ref §7 R7: validation errors do not count while express is active", func(t *testing.T) {
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
	})
}

func TestWaitForTotals(t *testing.T) {
	t.Run("D13: payment setup runs once, after the totals stop calculating", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		var calls atomic.Int32
		h.on(observer.PaymentSetup, 10, func(context.Context, any) (any, error) {
			calls.Add(1)
			return obj(`{"type":"success"}`), nil
		})
		dispatch(t, h.e, "wc/store/checkout", "__internalIncrementCalculating")
		h.tr.push(jsonResponse(200, successBody, nil))
		a := h.e.Submit()
		require.Eventually(t, func() bool {
			p := a.Path()
			return len(p) > 0 && p[len(p)-1] == stateWaiting
		}, 2*time.Second, time.Millisecond)
		time.Sleep(20 * time.Millisecond)
		assert.Zero(t, calls.Load(), "D13: no payment setup while calculating")
		dispatch(t, h.e, "wc/store/cart", "setIsLoadingRates", true)
		dispatch(t, h.e, "wc/store/cart", "setIsLoadingRates", false) // +1 then -1: still calculating
		assert.Zero(t, calls.Load())
		dispatch(t, h.e, "wc/store/checkout", "__internalDecrementCalculating")
		<-a.Done()
		assert.Equal(t, OutcomeComplete, a.Outcome().Outcome)
		assert.EqualValues(t, 1, calls.Load(), "D13: exactly once per attempt")
		assert.Equal(t, []string{stateStart, stateValidating, stateProcessing, stateWaiting, stateProcessing,
			statePaymentSetup, stateSending, stateAfterProcessing, stateSuccessEvent, stateComplete, settledComplete}, a.Path())
	})
}

func TestNoPaymentNeeded(t *testing.T) {
	t.Run("D26: with no payment needed the order is sent without payment setup", func(t *testing.T) {
		h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
		h.registerMethod("bacs")
		var calls atomic.Int32
		h.on(observer.PaymentSetup, 10, func(context.Context, any) (any, error) { calls.Add(1); return value.Undef, nil })
		h.tr.push(jsonResponse(200, successBody, nil))
		out := h.submit()
		assert.Equal(t, OutcomeComplete, out.Outcome)
		assert.Zero(t, calls.Load(), "D26: payment setup observers do not run")
		assert.Equal(t, "idle", h.e.Snapshot().Payment.Status, "D26: payment status stays")
		body := string(valuejson.Marshal(h.tr.requests()[0].Body))
		assert.NotContains(t, body, "payment_method")
		assert.NotContains(t, body, "payment_data")
	})
}
