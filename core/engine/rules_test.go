package engine

import (
	"context"
	"errors"
	"flag"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestDiagramGolden(t *testing.T) {
	// Issue: the attempt state machine as Mermaid, generated from the code.
	got := Diagram()
	path := "testdata/attempt.mmd"
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./core/engine -run TestDiagramGolden -update")
	assert.Equal(t, string(want), got)
}

func TestMachineIsClosed(t *testing.T) {
	// Every exit leads to a declared state or a terminal one; every state is reachable.
	reached := map[string]bool{stateStart: true}
	for _, st := range stateOrder {
		def, ok := machine[st]
		require.True(t, ok, st)
		for label, next := range def.exits {
			_, isState := machine[next]
			_, isTerminal := terminalOutcome[next]
			assert.True(t, isState || isTerminal, "%s --%s--> %s", st, label, next)
			reached[next] = true
		}
	}
	for st := range machine {
		assert.True(t, reached[st], "unreachable state %s", st)
	}
	assert.Len(t, stateOrder, len(machine))
}

func TestValidationResultsD7D22(t *testing.T) {
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
		t.Run(tc.name, func(t *testing.T) {
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

func TestValidationFailureNoticesAndErrors(t *testing.T) {
	// D7: errorMessage → notice in context (default wc/checkout); validationErrors → store.
	h := newHarness(t)
	h.on(observer.CheckoutValidation, 10, returns(obj(`{"errorMessage":"Bad postcode","context":"wc/checkout/shipping-address","validationErrors":{"shipping_postcode":{"message":"Invalid","hidden":false}}}`)))
	h.on(observer.CheckoutValidation, 11, returns(obj(`{"errorMessage":""}`)))
	out := h.submit()
	assert.Equal(t, OutcomeFailed, out.Outcome)
	assert.Equal(t, []string{"wc/checkout/shipping-address|*|error|Bad postcode"}, h.notices())
	assert.True(t, h.e.Snapshot().Validation.Has("shipping_postcode"))
}

func TestBuiltinValidationObserverR8(t *testing.T) {
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
		t.Run(tc.name, func(t *testing.T) {
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

func dispatch(t *testing.T, e *Engine, key, action string, args ...any) {
	t.Helper()
	require.NoError(t, e.Dispatch(context.Background(), key, action, args))
}

func TestPaymentSetupRunsOnceAfterCalculatingD13(t *testing.T) {
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
}

func TestNoPaymentNeededD26(t *testing.T) {
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
}

func TestRequestPayloadAndHeaders(t *testing.T) {
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
}

func TestRedirectSchemesD16D25(t *testing.T) {
	tests := []struct {
		url, base string
		resolved  string
		ok        bool
	}{
		{"https://shop.test/thanks", "", "https://shop.test/thanks", true},
		{"http://shop.test/thanks", "", "http://shop.test/thanks", true},
		{"/checkout/order-received/5", "https://shop.test/checkout/", "https://shop.test/checkout/order-received/5", true},
		{"order-received/5", "https://shop.test/checkout/", "https://shop.test/checkout/order-received/5", true},
		{"javascript:alert(1)", "https://shop.test/", "javascript:alert(1)", false},
		{"data:text/html,hi", "https://shop.test/", "data:text/html,hi", false},
		{"JAVASCRIPT:alert(1)", "https://shop.test/", "javascript:alert(1)", false},
		{"ftp://shop.test/x", "", "ftp://shop.test/x", false},
		{"java\tscript:alert(1)", "https://shop.test/", "javascript:alert(1)", false},
		{" \x01javascript:alert(1)", "https://shop.test/", "javascript:alert(1)", false},
		{"HTTPS://Shop.test/x", "", "https://Shop.test/x", true},
		{"//cdn.test/x", "https://shop.test/a/b", "https://cdn.test/x", true},
		{"?key=1", "https://shop.test/a/b?x=2#f", "https://shop.test/a/b?key=1", true},
		{"#top", "https://shop.test/a/b?x=2", "https://shop.test/a/b?x=2#top", true},
		{"../x/./y?q#h", "https://shop.test/a/b/c", "https://shop.test/a/x/y?q#h", true},
		{"/a/../../b", "https://shop.test/", "https://shop.test/b", true},
		{"", "https://shop.test/a?q", "https://shop.test/a?q", true},
		{"thanks", "https://shop.test", "https://shop.test/thanks", true},
		{"\\\\evil.test/x", "https://shop.test/", "https://evil.test/x", true},
		{"relative", "", "relative", false},
		{"relative", "data:text/html,x", "relative", false},
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			got, ok := CheckRedirect(tc.url, tc.base)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.resolved, got)
		})
	}
}

func TestRefusedRedirectD16(t *testing.T) {
	h := newHarness(t)
	h.registerMethod("bacs")
	h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
	h.tr.push(jsonResponse(200, `{"order_id":9,"payment_result":{"payment_status":"success","payment_details":[],"redirect_url":"javascript:alert(document.cookie)"}}`, nil))
	out := h.submit()
	assert.Equal(t, OutcomeComplete, out.Outcome, "the checkout stays complete")
	assert.Equal(t, "complete", h.e.Snapshot().Checkout.Status)
	assert.Empty(t, h.navigations(), "D16: no navigation")
	ns := h.e.Snapshot().Notices.ByContext("wc/checkout")
	require.Len(t, ns, 1)
	assert.Equal(t, RedirectRefusedID, ns[0].ID, "D25")
	var found bool
	for _, r := range h.e.Trace() {
		if r.Kind == "redirect" {
			found = true
			assert.Equal(t, "refused", r.Result)
			assert.Equal(t, "javascript:alert(document.cookie)", r.URL)
		}
	}
	assert.True(t, found, "D16: the URL is reported in the trace")
}

func TestTraceD20D24(t *testing.T) {
	h := newHarness(t)
	h.registerMethod("bacs")
	h.e.Registry().Add(observer.PaymentSetup, returns(obj(`{"type":"success"}`)), 5, observer.Options{Label: "bacs-setup"})
	h.tr.push(jsonResponse(200, successBody, nil))
	out := h.submit()
	kinds := map[string]int{}
	var setup bool
	for _, r := range h.e.Trace() {
		kinds[r.Kind]++
		if r.Kind == "observer" && r.Label == "bacs-setup" {
			setup = true
			assert.Equal(t, "payment_setup", r.Event)
			assert.Equal(t, "success", r.Result)
			assert.Equal(t, 5.0, r.Priority)
			assert.Equal(t, out.AttemptID, r.AttemptID)
		}
	}
	assert.True(t, setup)
	assert.Positive(t, kinds["status"])
	assert.Equal(t, 1, kinds["request"])
	assert.Equal(t, 1, kinds["redirect"])
	h.e.ClearTrace()
	assert.Empty(t, h.e.Trace())
}

func TestAttemptSettledD19(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
	got := make(chan *value.Object, 1)
	h.e.Registry().Add(observer.AttemptSettled, func(ctx context.Context, data any) (any, error) {
		got <- value.AsObject(data)
		return value.Undef, nil
	}, 10, observer.Options{})
	h.tr.push(networkFailure())
	out := h.submit()
	o := <-got
	assert.Equal(t, out.AttemptID, o.Get("attemptId"))
	assert.Equal(t, OutcomeError, o.Get("outcome"))
	assert.Equal(t, "idle", o.Get("status"))
	assert.Equal(t, true, o.Get("hasError"))
}

func TestNotificationsPerActionD27(t *testing.T) {
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
}

func TestResetWithoutAttemptD33(t *testing.T) {
	h := newHarness(t)
	h.e.Reset()
	assert.Equal(t, "pristine", h.e.Snapshot().Checkout.Status, "D33: pristine is left alone")
	dispatch(t, h.e, "wc/store/checkout", "__internalSetComplete")
	h.e.Reset()
	assert.Equal(t, "idle", h.e.Snapshot().Checkout.Status)
}

func TestDispatchArgErrorsD34(t *testing.T) {
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
		t.Run(tc.action, func(t *testing.T) {
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
		assert.NotEmpty(t, ActionNames(k), k)
	}
	assert.Nil(t, ActionNames("nope"))
}

func TestAvailabilityAndDefaultSelectionRef14(t *testing.T) {
	t.Run("sort order, cart filter, throws and {error} results", func(t *testing.T) {
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
	t.Run("a saved method wins", func(t *testing.T) {
		saved := obj(`{"cc":[{"method":{"gateway":"stripe","last4":"4242","brand":"Visa"},"expires":"12/30","is_default":true,"tokenId":2}]}`)
		h := newHarness(t, func(c *Config) { c.SavedPaymentMethods = saved })
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: always}, false))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		p := h.e.Snapshot().Payment
		assert.Equal(t, "stripe", p.ActivePaymentMethod)
		assert.Equal(t, `{"token":"2","payment_method":"stripe","wc-stripe-payment-token":"2","isSavedToken":true}`, string(valuejson.Marshal(p.PaymentMethodData)))
	})
	t.Run("registration errors and replacement", func(t *testing.T) {
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
	t.Run("RequestAvailabilityUpdate coalesces and calls done", func(t *testing.T) {
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

func TestExpressActionsRef12(t *testing.T) {
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
}

func TestShippingEventsRef13(t *testing.T) {
	h := newHarness(t)
	rates := valuejson.MustParse(`[{"package_id":0,"shipping_rates":[{"rate_id":"flat_rate:1","method_id":"flat_rate","selected":true},{"rate_id":"local_pickup:2","method_id":"local_pickup","selected":false}]}]`)
	h.reset()
	dispatch(t, h.e, "wc/store/cart", "setIsLoadingRates", true)
	assert.True(t, h.e.Snapshot().Checkout.CalculatingCount == 1, "ref §13 calculating follows loading")
	dispatch(t, h.e, "wc/store/cart", "setShippingRates", rates)
	dispatch(t, h.e, "wc/store/cart", "setIsLoadingRates", false)
	dispatch(t, h.e, "wc/store/cart", "setIsSelectingRate", true)
	dispatch(t, h.e, "wc/store/cart", "setIsSelectingRate", false)
	dispatch(t, h.e, "wc/store/cart", "setCartErrors", valuejson.MustParse(`[{"code":"woocommerce_rest_cart_shipping_rates_invalid_state","message":"x"}]`))
	dispatch(t, h.e, "wc/store/cart", "setIsSelectingRate", true)
	dispatch(t, h.e, "wc/store/cart", "setIsSelectingRate", false)
	var events []string
	for _, l := range h.sequence() {
		if strings.HasPrefix(l, "event ") {
			events = append(events, strings.TrimPrefix(l, "event "))
		}
	}
	assert.Equal(t, []string{"shipping_rates_success", "shipping_rate_select_success", "shipping_rates_fail", "shipping_rate_select_fail"}, events)
	assert.Zero(t, h.e.Snapshot().Checkout.CalculatingCount)
}

func TestDeprecationsWarnOnceD30(t *testing.T) {
	h := newHarness(t)
	h.e.Warn("x", "x is deprecated")
	h.e.Warn("x", "x is deprecated")
	h.e.Warn("y", "y is deprecated")
	assert.Equal(t, []string{"x is deprecated", "y is deprecated"}, h.log.warns)
}

func TestPaymentSetupAddressesAndDataD8(t *testing.T) {
	full := `{"first_name":"A","last_name":"B","company":"","address_1":"1 St","address_2":"","city":"C","state":"","postcode":"1","country":"FR","phone":""}`
	tests := []struct {
		name     string
		resp     string
		billing  string
		shipping string
		pmd      string
	}{
		{"meta (ref §6.2)", `{"type":"success","meta":{"paymentMethodData":{"k":"v"},"shippingAddress":` + full + `}}`, "", `"city":"C"`, `{"k":"v"}`},
		{"top level (D8)", `{"type":"success","paymentMethodData":{"t":"1"},"billingAddress":` + strings.Replace(full, `"phone":""`, `"phone":"","email":"a@b.c"`, 1) + `}`, `"email":"a@b.c"`, "", `{"t":"1"}`},
		{"deprecated meta.billingData (D8)", `{"type":"success","meta":{"billingData":` + strings.Replace(full, `"phone":""`, `"phone":"","email":"old@b.c"`, 1) + `}}`, `"email":"old@b.c"`, "", `{}`},
		{"deprecated meta.shippingData.address (D8)", `{"type":"success","meta":{"shippingData":{"address":` + full + `}}}`, "", `"postcode":"1"`, `{}`},
		{"incomplete address ignored", `{"type":"success","meta":{"billingAddress":{"first_name":"A"}}}`, "", "", `{}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.registerMethod("bacs")
			h.on(observer.PaymentSetup, 10, returns(obj(tc.resp)))
			h.tr.push(jsonResponse(200, successBody, nil))
			require.Equal(t, OutcomeComplete, h.submit().Outcome)
			s := h.e.Snapshot()
			if tc.billing != "" {
				assert.Contains(t, string(valuejson.Marshal(s.Cart.BillingAddress)), tc.billing)
			}
			if tc.shipping != "" {
				assert.Contains(t, string(valuejson.Marshal(s.Cart.ShippingAddress)), tc.shipping)
			}
			assert.Equal(t, tc.pmd, string(valuejson.Marshal(s.Payment.PaymentMethodData)))
		})
	}
}

func TestListenerPanicIsRecovered(t *testing.T) {
	h := newHarness(t)
	h.e.Subscribe(func(Change) { panic("listener bug") })
	dispatch(t, h.e, "wc/store/checkout", "__internalSetOrderNotes", "x")
	assert.Equal(t, "x", h.e.Snapshot().Checkout.OrderNotes)
	assert.NotEmpty(t, h.log.errors)
}

func TestViewsAndEnv(t *testing.T) {
	h := newHarness(t)
	v := h.e.View(store.CheckoutKey)
	require.NotNil(t, v)
	assert.Equal(t, "pristine", v.Get("getCheckoutStatus"))
	assert.Equal(t, false, v.Get("isIdle"), "D2: isIdle false while pristine")
}

func TestReadmeShowsTheDiagram(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	assert.Contains(t, string(readme), "```mermaid\n"+Diagram()+"```", "README.md must show engine.Diagram() (regenerate it)")
}
