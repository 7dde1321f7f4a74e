package engine

import (
	"context"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
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

func TestReadmeShowsTheDiagram(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	assert.Contains(t, string(readme), "```mermaid\n"+Diagram()+"```", "README.md must show engine.Diagram() (regenerate it)")
}

// Scenario tests: one per path of the attempt, each asserting the exact
// sequence of (checkout status, hasError, payment status) changes
// interleaved with the events emitted, the outcome and the notices.

const (
	sBefore     = "status before_processing err=false pay=idle"
	sProc       = "status processing err=false pay=idle"
	sProcPay    = "status processing err=false pay=processing"
	sProcReady  = "status processing err=false pay=ready"
	sAfter      = "status after_processing err=false pay=ready"
	sComplete   = "status complete err=false pay=ready"
	eValidation = "event checkout_validation"
	ePayment    = "event payment_setup"
	eSuccess    = "event checkout_success"
	eFail       = "event checkout_fail"
)

var happyPrefix = []string{sBefore, eValidation, sProc, sProcPay, ePayment, sProcReady}

func TestScenarios(t *testing.T) {
	payOK := returns(obj(`{"type":"success","meta":{"paymentMethodData":{"myGatewayCustomData":"12345"}}}`))
	tests := []struct {
		name      string
		setup     func(h *harness)
		responses []responder
		outcome   string
		seq       []string
		notices   []string
		requests  int
		navigated []string
	}{
		{
			name:      "ref §8.1: the happy path completes — ref §7 R1 submit, ref §7 R4 payment setup once processing, ref §7 R9 the order is sent when payment is ready (D19 complete)",
			setup:     func(h *harness) { h.on(observer.PaymentSetup, 10, payOK) },
			responses: []responder{jsonResponse(200, successBody, nil)},
			outcome:   OutcomeComplete,
			seq:       append(append([]string{}, happyPrefix...), sAfter, eSuccess, sComplete),
			requests:  1,
			navigated: []string{"https://shop.test/checkout/order-received/1001/?key=wc_order_x"},
		},
		{
			name: "validation failure (D7: notice in wc/checkout, idle + hasError, no request)",
			setup: func(h *harness) {
				h.on(observer.CheckoutValidation, 10, returns(obj(`{"errorMessage":"Please accept the terms.","validationErrors":{"terms":"Required"}}`)))
			},
			outcome: OutcomeFailed,
			seq:     []string{sBefore, eValidation, "status idle err=false pay=idle", "status idle err=true pay=idle"},
			notices: []string{"wc/checkout|*|error|Please accept the terms."},
		},
		{
			name: "payment setup failure (ref §6.2 failure branch, R7 then R5)",
			setup: func(h *harness) {
				h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"failure","message":"Card number is incomplete."}`)))
			},
			outcome: OutcomeFailed,
			seq: []string{sBefore, eValidation, sProc, sProcPay, ePayment,
				"status processing err=false pay=has_error", "status idle err=true pay=has_error", "status idle err=true pay=idle"},
			notices: []string{"wc/checkout/payments|wc-payment-error|error|Card number is incomplete."},
		},
		{
			name: "payment setup error with messageContext (ref §6.2 error branch)",
			setup: func(h *harness) {
				h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"error","message":"Check the billing email.","messageContext":"wc/checkout/billing-address"}`)))
			},
			outcome: OutcomeFailed,
			seq: []string{sBefore, eValidation, sProc, sProcPay, ePayment,
				"status processing err=false pay=has_error", "status idle err=true pay=has_error", "status idle err=true pay=idle"},
			notices: []string{"wc/checkout/billing-address|wc-payment-error|error|Check the billing email."},
		},
		{
			name:      "decline: 400 with a checkout body (D14: no idle blip, fail event, fallback notice with the message)",
			setup:     func(h *harness) { h.on(observer.PaymentSetup, 10, payOK) },
			responses: []responder{jsonResponse(400, declineBody, nil)},
			outcome:   OutcomeFailed,
			seq: append(append([]string{}, happyPrefix...),
				"status after_processing err=true pay=ready", "status after_processing err=true pay=idle", eFail,
				"status idle err=true pay=idle"),
			notices:  []string{"wc/checkout|checkout|error|Your card was declined."},
			requests: 1,
		},
		{
			name:  "ref §9.5: a server error body adds its notice by code; ref §7 R3: with an error notice already shown there is no fallback notice",
			setup: func(h *harness) { h.on(observer.PaymentSetup, 10, payOK) },
			responses: []responder{jsonResponse(500,
				`{"code":"woocommerce_rest_checkout_process_payment_error","message":"Payment gateway is down &amp; out","data":{"status":500}}`, nil)},
			outcome: OutcomeFailed,
			seq: append(append([]string{}, happyPrefix...),
				"status after_processing err=true pay=ready", "status after_processing err=true pay=idle", eFail,
				"status idle err=true pay=idle"),
			notices:  []string{"wc/cart|woocommerce_rest_checkout_process_payment_error|error|Payment gateway is down & out"},
			requests: 1,
		},
		{
			name:      "network failure (D14: idle + hasError, unknown_error notice, no fail event, outcome error)",
			setup:     func(h *harness) { h.on(observer.PaymentSetup, 10, payOK) },
			responses: []responder{networkFailure()},
			outcome:   OutcomeError,
			seq: append(append([]string{}, happyPrefix...),
				"status idle err=true pay=ready", "status idle err=true pay=idle"),
			notices:  []string{"wc/cart|unknown_error|error|Something went wrong when placing the order. Check your email for order updates before retrying."},
			requests: 1,
		},
		{
			name:      "2xx body that is not JSON (D14 like a network failure)",
			setup:     func(h *harness) { h.on(observer.PaymentSetup, 10, payOK) },
			responses: []responder{notJSONResponse(200)},
			outcome:   OutcomeError,
			seq: append(append([]string{}, happyPrefix...),
				"status idle err=true pay=ready", "status idle err=true pay=idle"),
			notices:  []string{"wc/cart|unknown_error|error|Something went wrong when placing the order. Check your email for order updates before retrying."},
			requests: 1,
		},
		{
			name: "retry:false on a fail observer without a message completes (D10) and redirects to its URL",
			setup: func(h *harness) {
				h.on(observer.PaymentSetup, 10, payOK)
				h.on(observer.CheckoutFail, 10, returns(obj(`{"type":"failure","retry":false,"redirectUrl":"https://shop.test/cart/"}`)))
			},
			responses: []responder{jsonResponse(400, declineBody, nil)},
			outcome:   OutcomeFailed,
			seq: append(append([]string{}, happyPrefix...),
				"status after_processing err=true pay=ready", "status after_processing err=true pay=idle", eFail,
				"status complete err=true pay=idle"),
			requests:  1,
			navigated: []string{"https://shop.test/cart/"},
		},
		{
			name: "success observer error with retry goes to the fail event (ref §6.3), message notice in global",
			setup: func(h *harness) {
				h.on(observer.PaymentSetup, 10, payOK)
				h.on(observer.CheckoutSuccess, 10, returns(obj(`{"type":"error","message":"3-D Secure failed."}`)))
			},
			responses: []responder{jsonResponse(200, successBody, nil)},
			outcome:   OutcomeFailed,
			seq: append(append([]string{}, happyPrefix...), sAfter, eSuccess,
				"status after_processing err=true pay=ready", "status after_processing err=true pay=idle", eFail,
				"status idle err=true pay=idle"),
			// ref §6.3: the message goes to the global context, which is not one of R3's
			// notice snapshots, so fail handling also adds the fallback notice.
			notices: []string{"global|*|error|3-D Secure failed.",
				"wc/checkout|checkout|error|Something went wrong. Please contact us to get assistance."},
			requests: 1,
		},
		{
			name: "observer timeout in payment setup (D17: error response naming the observer; D23 timeout)",
			setup: func(h *harness) {
				h.e.Registry().Add(observer.PaymentSetup, func(ctx context.Context, _ any) (any, error) {
					<-ctx.Done()
					return value.Undef, ctx.Err()
				}, 10, observer.Options{Label: "slow-gateway", Timeout: 30 * time.Millisecond})
			},
			outcome: OutcomeTimeout,
			seq: []string{sBefore, eValidation, sProc, sProcPay, ePayment,
				"status processing err=false pay=has_error", "status idle err=true pay=has_error", "status idle err=true pay=idle"},
			notices: []string{"wc/checkout/payments|wc-payment-error|error|slow-gateway did not respond within 30 ms"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.registerMethod("bacs")
			if tc.setup != nil {
				tc.setup(h)
			}
			h.tr.push(tc.responses...)
			out := h.submit()
			assert.Equal(t, tc.outcome, out.Outcome)
			assert.Equal(t, tc.seq, h.sequence())
			assert.Equal(t, tc.notices, h.notices())
			assert.Len(t, h.tr.requests(), tc.requests)
			assert.Equal(t, tc.navigated, h.navigations())
			s := h.e.Snapshot()
			assert.Equal(t, s.Checkout.Status, out.Status)
			assert.Equal(t, s.Checkout.HasError, out.HasError)
			assert.Nil(t, h.e.Current(), "no attempt under way after settling")
		})
	}
}

func TestRetryThenSuccess(t *testing.T) {
	t.Run("ref §2.2: a declined attempt is retried and the second one completes with its own key (D21)", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		h.tr.push(jsonResponse(400, declineBody, nil), jsonResponse(200, successBody, nil))

		first := h.submit()
		require.Equal(t, OutcomeFailed, first.Outcome)
		assert.Equal(t, []string{"wc/checkout|checkout|error|Your card was declined."}, h.notices())
		h.reset()

		second := h.submit()
		assert.Equal(t, OutcomeComplete, second.Outcome)
		// The second attempt starts from idle with hasError; before_processing clears it (ref §2.2).
		assert.Equal(t, append(append([]string{}, happyPrefix...), sAfter, eSuccess, sComplete), h.sequence())
		assert.Empty(t, h.notices(), "D32: notices are cleared when the order is sent")
		reqs := h.tr.requests()
		require.Len(t, reqs, 2)
		assert.Equal(t, [2]string{"Idempotency-Key", first.AttemptID}, reqs[0].Headers[len(reqs[0].Headers)-1], "D21")
		assert.Equal(t, [2]string{"Idempotency-Key", second.AttemptID}, reqs[1].Headers[len(reqs[1].Headers)-1], "D21")
		assert.NotEqual(t, first.AttemptID, second.AttemptID)
		assert.Equal(t, 1001, second.OrderID, "D15 order id stored")
	})
}

func TestExpressAttempt(t *testing.T) {
	t.Run("ref §7 R7: an express attempt ignores validation errors and sends the express method id", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: always}, false))
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "demo_express", PaymentMethodID: "demo-express-gw", CanMakePayment: always}, true))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		// A validation error that must not block express (ref §7 R7/R8: ignored while express is active).
		require.NoError(t, h.e.Dispatch(context.Background(), "wc/store/validation", "setValidationErrors",
			[]any{obj(`{"billing_email":{"message":"Required","hidden":true}}`)}))
		require.NoError(t, h.e.ExpressAction("demo_express", ExpressClick, value.Undef))
		require.True(t, h.e.Snapshot().Payment.IsExpressPaymentMethodActive())
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success","meta":{"billingAddress":{"first_name":"Ann","last_name":"Lee","company":"","address_1":"1 Main St","address_2":"","city":"Paris","state":"","postcode":"75001","country":"FR","phone":"","email":"ann@example.com"}}}`)))
		h.tr.push(jsonResponse(200, successBody, nil))
		h.reset()

		out := h.submit()
		assert.Equal(t, OutcomeComplete, out.Outcome)
		assert.Equal(t, []string{
			"status before_processing err=false pay=express_started", eValidation,
			"status processing err=false pay=express_started", sProcPay, ePayment, sProcReady,
			sAfter, eSuccess, sComplete}, h.sequence())
		body := string(valuejson.Marshal(h.tr.requests()[0].Body))
		assert.Contains(t, body, `"payment_method":"demo-express-gw"`)
		assert.Contains(t, body, `"email":"ann@example.com"`, "ref §6.2: a complete billing address from meta is applied")
	})
}

func TestDoubleSubmit(t *testing.T) {
	t.Run("D12: a submit during an attempt starts nothing and returns that attempt", func(t *testing.T) {
		// D12: a submit during an attempt starts nothing and returns that attempt; one request.
		h := newHarness(t)
		h.registerMethod("bacs")
		release := make(chan struct{})
		h.tr.push(blockingResponse(release, jsonResponse(200, successBody, nil)))
		a := h.e.Submit()
		require.Eventually(t, func() bool { return len(h.tr.requests()) == 1 }, 2*time.Second, time.Millisecond)
		b := h.e.Submit()
		c := h.e.Submit()
		assert.Same(t, a, b)
		assert.Same(t, a, c)
		close(release)
		<-a.Done()
		assert.Equal(t, OutcomeComplete, a.Outcome().Outcome)
		assert.Len(t, h.tr.requests(), 1)
		// The second and third submits changed nothing: one attempt's sequence.
		assert.Equal(t, append(append([]string{}, happyPrefix...), sAfter, eSuccess, sComplete), h.sequence())
		assert.Empty(t, h.notices())
	})
}

func TestExits(t *testing.T) {
	t.Run("every exit has its own text, which the diagram prints", func(t *testing.T) {
		seen := map[string]exit{}
		for x := exit(0); x < numExits; x++ {
			text := x.String()
			require.NotEmpty(t, text, "exit %d has no text", x)
			prev, dup := seen[text]
			assert.False(t, dup, "exits %d and %d share the text %q", prev, x, text)
			seen[text] = x
		}
		assert.Equal(t, "exit(200)", exit(200).String())
	})
	t.Run("every exit is declared by some state of the table", func(t *testing.T) {
		used := map[exit]bool{}
		for _, def := range machine {
			for x := range def.exits {
				used[x] = true
			}
		}
		for x := exit(0); x < numExits; x++ {
			assert.True(t, used[x], "exit %q is declared but no state takes it", x)
		}
	})
}
