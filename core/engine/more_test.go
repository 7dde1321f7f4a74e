package engine

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

func TestFailEventBranchesRef63D10(t *testing.T) {
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
		t.Run(tc.name, func(t *testing.T) {
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

func TestFallbackNoticeDefaultMessage(t *testing.T) {
	// ref §6.3: no message in processingResponse → the default text.
	h := newHarness(t)
	h.registerMethod("bacs")
	h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
	h.tr.push(jsonResponse(400, `{"order_id":3,"payment_result":{"payment_status":"failure","payment_details":[],"redirect_url":""}}`, nil))
	out := h.submit()
	assert.Equal(t, OutcomeFailed, out.Outcome)
	assert.Equal(t, []string{"wc/checkout|checkout|error|" + storeapi.DefaultErrorMessage}, h.notices())
}

func TestSuccessEventBranchesRef63(t *testing.T) {
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
		t.Run(tc.name, func(t *testing.T) {
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

func TestEventPayloadD9(t *testing.T) {
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
}

func TestValidationTimeoutD17(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.ObserverTimeouts = map[observer.Event]time.Duration{observer.CheckoutValidation: 25 * time.Millisecond}
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
}

func TestFailEventTimeoutD23(t *testing.T) {
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
}

func TestResetDuringValidationAndEvents(t *testing.T) {
	for _, ev := range []observer.Event{observer.CheckoutValidation, observer.CheckoutSuccess} {
		t.Run(string(ev), func(t *testing.T) {
			h := newHarness(t)
			h.registerMethod("bacs")
			h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
			entered := make(chan struct{})
			h.on(ev, 10, func(ctx context.Context, _ any) (any, error) {
				close(entered)
				<-ctx.Done()
				return value.Undef, ctx.Err()
			})
			h.tr.push(jsonResponse(200, successBody, nil))
			a := h.e.Submit()
			<-entered
			h.e.Reset()
			<-a.Done()
			assert.Equal(t, OutcomeReset, a.Outcome().Outcome)
			assert.Equal(t, "idle", h.e.Snapshot().Checkout.Status)
			assert.Empty(t, h.navigations())
		})
	}
}

func TestCartInErrorBodyRef93(t *testing.T) {
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
}

func TestErrorNoticesSuppressedWhileExpressRef11(t *testing.T) {
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
}

func TestPrepareChecksWithoutChangingD34(t *testing.T) {
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
	}
	h := newHarness(t)
	for _, key := range StoreKeys() {
		for _, action := range ActionNames(key) {
			t.Run(key+"."+action, func(t *testing.T) {
				a := args[action]
				_, err := h.e.Prepare(key, action, a)
				require.NoError(t, err)
				require.NoError(t, h.e.Dispatch(context.Background(), key, action, a))
			})
		}
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

func TestDefaultAttemptIDAndSubscribe(t *testing.T) {
	e := New(Config{Cart: CartConfig{NeedsPayment: false}, Transport: &fakeTransport{}})
	calls := 0
	unsub := e.Subscribe(func(Change) { calls++ })
	require.NoError(t, e.Dispatch(context.Background(), "wc/store/checkout", "__internalSetOrderNotes", []any{"a"}))
	unsub()
	unsub()
	require.NoError(t, e.Dispatch(context.Background(), "wc/store/checkout", "__internalSetOrderNotes", []any{"b"}))
	assert.Equal(t, 1, calls)
	a := e.Submit()
	<-a.Done()
	assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{32}$`), a.ID, "D21: a random 128-bit key")
	assert.Equal(t, OutcomeError, a.Outcome().Outcome, "no response queued: a network failure")
}

func TestDebugLogD20(t *testing.T) {
	l := &debugLogger{}
	e := New(Config{Debug: true, Logger: l, Cart: CartConfig{NeedsPayment: false}, Transport: &fakeTransport{}})
	<-e.Submit().Done()
	assert.NotEmpty(t, l.lines)
	all := strings.Join(l.lines, "\n")
	assert.True(t, strings.Contains(all, "before_processing"), "transitions are logged")
	assert.True(t, strings.Contains(all, "observer wc/checkout-processor on checkout_validation (priority 0)"), "observer calls are logged")
}

type debugLogger struct {
	logger
	lines []string
}

func (d *debugLogger) Debug(m string) { d.mu.Lock(); d.lines = append(d.lines, m); d.mu.Unlock() }

func TestActiveSavedPaymentMethodsView(t *testing.T) {
	saved := obj(`{"cc":[{"method":{"gateway":"stripe","last4":"4242","brand":"Visa"},"expires":"12/30","is_default":true,"tokenId":2}]}`)
	h := newHarness(t, func(c *Config) { c.SavedPaymentMethods = saved })
	require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "stripe", CanMakePayment: always, ShowSavedCards: true}, false))
	require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
	v := h.e.View(store.PaymentKey)
	assert.Contains(t, string(valuejson.Marshal(v.Get("getActiveSavedPaymentMethods"))), `"gateway":"stripe"`)
}

// Example shows one checkout attempt against a transport that accepts the order.
func Example() {
	tr := &fakeTransport{}
	tr.push(jsonResponse(200, `{"order_id":42,"payment_result":{"payment_status":"success","payment_details":[],"redirect_url":"https://shop.test/thanks"}}`, nil))
	e := New(Config{
		Nonce:     "abc",
		Cart:      CartConfig{NeedsPayment: true},
		Transport: tr,
		Navigate:  func(u string) { fmt.Println("navigate:", u) },
	})
	_ = e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: func(context.Context, any) (any, error) { return true, nil }}, false)
	_ = e.UpdateAvailablePaymentMethods(context.Background())
	e.Registry().Add(observer.PaymentSetup, func(context.Context, any) (any, error) {
		return value.NewObject("type", "success"), nil
	}, 10, observer.Options{Label: "bacs"})
	out := e.Submit().Outcome()
	fmt.Println(out.Outcome, out.Status, out.OrderID)
	// Output:
	// navigate: https://shop.test/thanks
	// complete complete 42
}
