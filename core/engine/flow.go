package engine

import (
	"context"
	"strconv"
	"sync"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/trace"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// Settled outcomes (D19, D23).
const (
	OutcomeComplete = "complete"
	OutcomeFailed   = "failed"
	OutcomeError    = "error"
	OutcomeTimeout  = "timeout"
	OutcomeReset    = "reset"
)

// Outcome is the settled result of one attempt (D19), also the resolution
// of the JS submit Promise.
type Outcome struct {
	AttemptID   string
	Outcome     string // complete | failed | error | timeout | reset
	Status      string // checkout status when settled
	HasError    bool
	RedirectURL string
	OrderID     int
}

// Object is the outcome as the JS object of js-api.md.
func (o Outcome) Object() *value.Object {
	return value.NewObject(
		"attemptId", o.AttemptID,
		"outcome", o.Outcome,
		"status", o.Status,
		"hasError", o.HasError,
		"redirectUrl", o.RedirectURL,
		"orderId", float64(o.OrderID),
	)
}

// Attempt is one run of the checkout flow. Its context (observers see it,
// D18) is cancelled when the attempt settles or is reset.
type Attempt struct {
	ID     string
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}

	mu      sync.Mutex
	outcome Outcome
	path    []string // states visited, for tests and the trace
}

// Done is closed when the attempt has settled.
func (a *Attempt) Done() <-chan struct{} { return a.done }

// Outcome returns the settled outcome; it blocks until the attempt settled.
func (a *Attempt) Outcome() Outcome {
	<-a.done
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.outcome
}

// Path is the list of attempt states visited so far (see Machine).
func (a *Attempt) Path() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.path...)
}

// Submit starts an attempt (ref §7 R1) and returns it. While an attempt is
// under way it starts nothing and returns that attempt (D12), so at most one
// request is ever in flight. The attempt runs in its own goroutine; wait on
// Done or call Outcome.
func (e *Engine) Submit() *Attempt {
	e.mu.Lock()
	if a := e.attempt; a != nil {
		e.mu.Unlock()
		return a
	}
	e.attempts++
	id := e.cfg.NewAttemptID()
	base, cancel := context.WithCancel(observer.WithAttempt(context.Background(), id))
	ctx := context.WithValue(base, attemptCtxKey{}, base)
	a := &Attempt{ID: id, ctx: ctx, cancel: cancel, done: make(chan struct{})}
	e.attempt = a
	e.mu.Unlock()
	e.debug("checkout: attempt " + id + " submitted")
	go e.run(a)
	return a
}

type attemptCtxKey struct{}

// AttemptDone returns a channel closed when the attempt that ctx belongs to
// has ended (settled or reset), or nil when ctx belongs to no attempt (for
// example a shipping event). Observer contexts are derived from the attempt
// context but also end on their own time budget; the bridge aborts an
// observer's AbortSignal on either (D18), not when the call merely returned.
func AttemptDone(ctx context.Context) <-chan struct{} {
	if base, ok := ctx.Value(attemptCtxKey{}).(context.Context); ok {
		return base.Done()
	}
	return nil
}

// Current returns the attempt under way, or nil.
func (e *Engine) Current() *Attempt {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.attempt
}

// Reset ends the attempt under way with the outcome "reset": its context is
// cancelled at once (observers' signals abort, an in-flight request is
// abandoned), the checkout goes to idle now, and no later step of that
// attempt changes any state. With no attempt under way it sets the status
// to idle unless it is pristine (D33). It never blocks on observers.
func (e *Engine) Reset() {
	e.mu.Lock()
	a := e.attempt
	e.attempt = nil // from here on no step of that attempt changes state
	e.mu.Unlock()
	id := ""
	if a != nil {
		id = a.ID
	}
	e.update(id, nil, func(s *store.Snapshot) {
		if s.Checkout.Status != store.StatusPristine {
			s.Checkout = s.Checkout.SetIdle()
		}
	})
	if a != nil {
		// The attempt's payment work is void: back to idle for the next one.
		e.update(id, nil, func(s *store.Snapshot) {
			if s.Payment.Status == store.PaymentProcessing || s.Payment.Status == store.PaymentReady {
				s.Payment = s.Payment.SetIdle()
			}
		})
		// Cancel last, so the settled outcome reports the reset state.
		a.cancel()
	}
}

// run drives one attempt through Machine until a terminal state, then settles it.
func (e *Engine) run(a *Attempt) {
	r := &runner{e: e, a: a}
	state := stateStart
	defer func() {
		if p := recover(); p != nil {
			e.logError("checkout: attempt "+a.ID+" failed inside the engine", panicError(p))
			r.settle(OutcomeError)
		}
	}()
	for {
		a.mu.Lock()
		a.path = append(a.path, state)
		a.mu.Unlock()
		def, ok := machine[state]
		if !ok { // terminal
			r.settle(terminalOutcome[state])
			return
		}
		exit := def.run(r)
		next, ok := def.exits[exit]
		if !ok {
			panic("engine: state " + state + " returned undeclared exit " + exit)
		}
		state = next
	}
}

// runner carries one attempt's working data between states.
type runner struct {
	e        *Engine
	a        *Attempt
	timedOut bool // a time budget ran out and decided the end (D23)
}

func (r *runner) ctx() context.Context { return r.a.ctx }

// step applies f only while this attempt is still the current one (not
// reset). It reports false when the attempt was reset.
func (r *runner) step(f func(*store.Snapshot)) bool {
	return r.e.update(r.a.ID, func() bool { return r.e.attempt == r.a }, f)
}

func (r *runner) live() bool {
	r.e.mu.Lock()
	defer r.e.mu.Unlock()
	return r.e.attempt == r.a && r.a.ctx.Err() == nil
}

func (r *runner) snap() store.Snapshot { return r.e.Snapshot() }

// settle ends the attempt: it is no longer current, its context is
// cancelled (D18), onAttemptSettled observers run with the outcome (D19),
// a complete checkout redirects (or refuses to, D16), and last Done is closed.
func (r *runner) settle(outcome string) {
	e, a := r.e, r.a
	e.mu.Lock()
	if e.attempt == a {
		e.attempt = nil
	}
	s := e.snap
	e.mu.Unlock()
	if outcome == OutcomeComplete && (s.Checkout.Status != store.StatusComplete || s.Checkout.HasError) {
		outcome = OutcomeFailed // D23: complete only with status complete and no error
	}
	o := Outcome{AttemptID: a.ID, Outcome: outcome, Status: s.Checkout.Status, HasError: s.Checkout.HasError,
		RedirectURL: s.Checkout.RedirectURL, OrderID: s.Checkout.OrderID}
	a.cancel()
	e.traces.Add(trace.Record{Time: e.cfg.Now(), AttemptID: a.ID, Kind: "status", Event: string(observer.AttemptSettled),
		Result: outcome, Status: s.Checkout.Status, PaymentStatus: s.Payment.Status, Message: "attempt settled: " + outcome})
	e.debug("checkout: attempt " + a.ID + " settled: " + outcome)
	e.emitter.Emit(observer.WithAttempt(context.Background(), a.ID), observer.AttemptSettled, o.Object())
	if s.Checkout.Status == store.StatusComplete {
		e.navigate(a.ID, s.Checkout.RedirectURL) // ref §7 R10 with D16
	}
	a.mu.Lock()
	a.outcome = o
	a.mu.Unlock()
	close(a.done)
}

// ---- the states ----

// Each state function does the work of one state and returns the label of
// the exit it takes; Machine maps labels to next states. The Mermaid
// diagram (Diagram) is generated from Machine.

func (r *runner) start() string {
	// ref §7 R1 + §6.1 step 1 (D32): before_processing, then remove error
	// notices from the default context.
	if !r.step(func(s *store.Snapshot) {
		s.Checkout = s.Checkout.SetBeforeProcessing()
	}) {
		return exitReset
	}
	r.step(func(s *store.Snapshot) {
		s.Notices = s.Notices.RemoveNoticesByStatus("error", store.DefaultNoticeContext)
	})
	return "submitted"
}

func (r *runner) validate() string {
	em := r.e.emitter.Emit(r.ctx(), observer.CheckoutValidation, value.NewObject())
	if em.Cancelled || !r.live() {
		return exitReset
	}
	failures, timedOut := validationFailures(em.Calls)
	if len(failures) > 0 {
		r.timedOut = timedOut
		// D7: notices and validation errors from each failing object, then idle + hasError.
		r.step(func(s *store.Snapshot) {
			for _, f := range failures {
				obj := value.AsObject(f)
				if obj == nil {
					continue
				}
				if msg, ok := value.NonEmptyString(obj.Get("errorMessage")); ok {
					ctxName := observer.ContextCheckout
					if c, ok := value.NonEmptyString(obj.Get("context")); ok {
						ctxName = c
					}
					s.Notices = s.Notices.CreateNotice("error", msg, store.NoticeOptions{Context: ctxName})
				}
				if ve := obj.Get("validationErrors"); value.Truthy(ve) {
					s.Validation = s.Validation.SetValidationErrors(ve)
				}
			}
		})
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetIdle() })
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
		if timedOut {
			return "timeout"
		}
		return "failed"
	}
	if r.e.willHaveError(r.snap()) {
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
		return "error state (R7)"
	}
	if !r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetProcessing() }) {
		return exitReset
	}
	return "passed"
}

// validationFailures applies D7/D22 to the values of a plain emission:
// false, and any object other than {type:'success'}, fail; true, undefined,
// null, numbers, strings, functions and throws pass (a throw was logged by
// the emitter). A timed-out call counts as {type:'error', message,
// errorMessage} (D17; errorMessage so that the shopper sees why).
func validationFailures(calls []observer.Call) (failures []any, timedOut bool) {
	for _, c := range calls {
		if c.TimedOut {
			msg, _ := value.Str(value.AsObject(c.Value).Get("message"))
			if msg == "" {
				msg = c.Sub.Label + " did not respond in time"
			}
			failures = append(failures, value.NewObject("type", observer.TypeError, "message", msg, "errorMessage", msg))
			timedOut = true
			continue
		}
		if c.Err != nil {
			continue
		}
		switch v := c.Value.(type) {
		case bool:
			if !v {
				failures = append(failures, v)
			}
		case *value.Object:
			if !observer.IsSuccessResponse(v) {
				failures = append(failures, v)
			}
		case []any:
			failures = append(failures, v)
		case value.Opaque:
			if v.TypeOf == "object" {
				failures = append(failures, v)
			}
		}
	}
	return failures, timedOut
}

// willHaveError is ref §7 R7's condition.
func (e *Engine) willHaveError(s store.Snapshot) bool {
	express := s.Payment.IsExpressPaymentMethodActive()
	return (s.Validation.HasValidationErrors() && !express) ||
		s.Payment.Status == store.PaymentError ||
		s.Cart.ShippingHasError()
}

func (r *runner) processing() string {
	s := r.snap()
	if s.Checkout.Status != store.StatusProcessing {
		return "interrupted"
	}
	if r.e.willHaveError(s) {
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
		return "error state (R7)"
	}
	if s.Checkout.CalculatingCount > 0 {
		return "calculating (D13)"
	}
	if !s.Cart.NeedsPayment {
		return "no payment needed (D26)"
	}
	return "needs payment"
}

// waitCalculating blocks until the totals stop calculating (D13) or the attempt is reset.
func (r *runner) waitCalculating() string {
	for {
		ch := r.e.waitChange()
		s := r.snap()
		if s.Checkout.CalculatingCount == 0 {
			return "calculated"
		}
		select {
		case <-ch:
		case <-r.ctx().Done():
			return exitReset
		}
	}
}

func (r *runner) paymentSetup() string {
	// ref §7 R4 then §6.2 step 1.
	if !r.step(func(s *store.Snapshot) { s.Payment = s.Payment.SetProcessing() }) {
		return exitReset
	}
	r.step(func(s *store.Snapshot) {
		s.Notices = s.Notices.RemoveNotice("wc-payment-error", observer.ContextPayments)
	})
	em := r.e.emitter.EmitWithAbort(r.ctx(), observer.PaymentSetup, value.NewObject())
	if em.Cancelled || !r.live() {
		return exitReset
	}
	res := r.e.paymentSetupResult(em.Responses)
	if !r.step(res.apply) {
		return exitReset
	}
	if res.errorResp != nil {
		// R7: payment has_error → checkout idle with hasError; R5 then resets payment to idle.
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
		if em.TimedOut {
			r.timedOut = true
			return "timeout"
		}
		return "error or failure"
	}
	return "ready"
}

// send is ref §7 R9 + §9: the request and the first handling of its response.
func (r *runner) send() string {
	e := r.e
	s := r.snap()
	if s.Checkout.HasError || s.Checkout.Status != store.StatusProcessing ||
		(s.Cart.NeedsPayment && s.Payment.Status != store.PaymentReady) || e.willHaveError(s) {
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
		return "error state (R7)"
	}
	// D32: every notice in every noticeContexts context is removed before sending.
	r.step(func(s *store.Snapshot) {
		ctxs := observer.NoticeContexts()
		names := make([]string, len(ctxs))
		for i, c := range ctxs {
			names[i] = c.Value
		}
		s.Notices = s.Notices.RemoveAllNoticesIn(names)
	})
	s = r.snap()
	req := storeapi.BuildRequest(e.requestInput(s), e.cfg.StoreAPIURL, e.Nonce(), r.a.ID)
	if e.cfg.Transport == nil {
		r.failRequest(s, "no transport configured")
		return "network failure or not JSON (D14)"
	}
	start := e.cfg.Now()
	resp, err := e.cfg.Transport.Do(r.ctx(), req)
	if r.ctx().Err() != nil || !r.live() {
		return exitReset
	}
	kind := storeapi.Classify(resp, err)
	rec := trace.Record{Time: e.cfg.Now(), AttemptID: r.a.ID, Kind: "request", Event: "checkout",
		Label: req.Method + " " + req.URL, DurationMs: float64(e.cfg.Now().Sub(start).Microseconds()) / 1000, Result: kind}
	if resp != nil {
		rec.Message = "HTTP " + strconv.Itoa(resp.Status)
	} else if err != nil {
		rec.Message = err.Error()
	}
	cur := r.snap()
	rec.Status, rec.PaymentStatus = cur.Checkout.Status, cur.Payment.Status
	e.traces.Add(rec)

	if resp != nil {
		hu := storeapi.ProcessHeaders(resp.Headers)
		if hu.HasNonce {
			e.mu.Lock()
			e.nonce = hu.Nonce
			e.mu.Unlock()
		}
		if hu.HasCustomerID {
			r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetCustomerID(hu.CustomerID) })
		}
	}
	switch kind {
	case storeapi.KindSuccess:
		r.processResponse(resp.Body, false)
		return "2xx JSON"
	case storeapi.KindDeclined:
		body := resp.Body
		if cart, ok := storeapi.CartFromError(body); ok {
			r.step(func(s *store.Snapshot) { applyCartAddresses(s, cart) })
		}
		// ref §9.5 notices go through the §11 wrapper: suppressed while express is active.
		if notices := storeapi.ErrorNotices(body); len(notices) > 0 && !r.snap().Payment.IsExpressPaymentMethodActive() {
			r.step(func(s *store.Snapshot) {
				for _, n := range notices {
					createNotice(s, n)
				}
			})
		}
		r.processResponse(body, true)
		return "4xx/5xx JSON (D14)"
	default:
		msg := "request failed"
		if err != nil {
			msg = err.Error()
		} else if resp != nil && resp.BodyErr != nil {
			msg = resp.BodyErr.Error()
		}
		r.failRequest(r.snap(), msg)
		return "network failure or not JSON (D14)"
	}
}

// failRequest is the D14 path for a request that failed: the unknown_error
// notice of ref §9.3, then hasError (processing → idle). No fail event.
func (r *runner) failRequest(s store.Snapshot, detail string) {
	r.e.logError("checkout: the checkout request failed", panicErr{detail})
	n := storeapi.UnknownErrorNotice(s.Checkout.CustomerID)
	r.step(func(s *store.Snapshot) { createNotice(s, n) })
	r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
}

// processResponse is ref §10 (+ D15 order id, + D14 for declines: one
// change to after_processing with hasError, no idle blip), as steps of this
// attempt.
func (r *runner) processResponse(body any, declined bool) {
	applyCheckoutResponse(r.step, body, declined)
}

// processCheckoutResponse is the __internalProcessCheckoutResponse thunk (ref §10).
func (e *Engine) processCheckoutResponse(body any) {
	applyCheckoutResponse(func(f func(*store.Snapshot)) bool { e.set(f); return true }, body, false)
}

// applyCheckoutResponse makes the ref §10 changes, in order, through step.
func applyCheckoutResponse(step func(func(*store.Snapshot)) bool, body any, declined bool) {
	pr := storeapi.PaymentResult(body)
	url, _ := value.Str(pr.Get("redirectUrl"))
	if id, ok := storeapi.OrderID(body); ok {
		step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetOrderID(id) })
	}
	step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetRedirectURL(url) })
	step(func(s *store.Snapshot) { s.Payment = s.Payment.SetPaymentResult(pr) })
	step(func(s *store.Snapshot) {
		if declined {
			s.Checkout = s.Checkout.SetAfterProcessingWithError()
		} else {
			s.Checkout = s.Checkout.SetAfterProcessing()
		}
	})
}

func (r *runner) afterProcessing() string {
	s := r.snap()
	if s.Checkout.Status != store.StatusAfterProcessing {
		return "interrupted"
	}
	if s.Checkout.HasError {
		return "hasError"
	}
	return "no error"
}

// eventData is the success/fail payload of ref §6.3 with D9's paymentResult alias.
func eventData(s store.Snapshot) *value.Object {
	return value.NewObject(
		"redirectUrl", s.Checkout.RedirectURL,
		"orderId", float64(s.Checkout.OrderID),
		"customerId", float64(s.Checkout.CustomerID),
		"orderNotes", s.Checkout.OrderNotes,
		"processingResponse", s.Payment.PaymentResult,
		"paymentResult", s.Payment.PaymentResult,
	)
}

// successEvent is ref §6.3 success handling.
func (r *runner) successEvent() string {
	em := r.e.emitter.EmitWithAbort(r.ctx(), observer.CheckoutSuccess, eventData(r.snap()))
	if em.Cancelled || !r.live() {
		return exitReset
	}
	successResp, errorResp := splitResponses(em.Responses)
	switch {
	case errorResp == nil && successResp != nil:
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetComplete(successResp) })
		return "success"
	case errorResp != nil:
		if msg, ok := value.NonEmptyString(errorResp.Get("message")); ok {
			r.step(func(s *store.Snapshot) {
				c, _ := value.NonEmptyString(errorResp.Get("messageContext"))
				s.Notices = s.Notices.CreateNotice("error", msg, store.NoticeOptions{Context: c})
			})
		}
		if !observer.ShouldRetry(errorResp) {
			r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetComplete(errorResp) })
			return "error, retry:false (D10)"
		}
		if em.TimedOut {
			r.timedOut = true
		}
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
		return "error, retry"
	default:
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetComplete(nil) })
		return "no typed response"
	}
}

// failEvent is ref §6.3 fail handling as amended by D10.
func (r *runner) failEvent() string {
	em := r.e.emitter.EmitWithAbort(r.ctx(), observer.CheckoutFail, eventData(r.snap()))
	if em.Cancelled || !r.live() {
		return exitReset
	}
	_, errorResp := splitResponses(em.Responses)
	hasMsg := false
	if errorResp != nil {
		if msg, ok := value.NonEmptyString(errorResp.Get("message")); ok {
			hasMsg = true
			r.step(func(s *store.Snapshot) {
				c, _ := value.NonEmptyString(errorResp.Get("messageContext"))
				s.Notices = s.Notices.CreateNotice("error", msg, store.NoticeOptions{Context: c})
			})
		}
	}
	if em.TimedOut {
		r.timedOut = true
	}
	if errorResp != nil && !observer.ShouldRetry(errorResp) {
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetComplete(errorResp) })
		return "retry:false (D10)"
	}
	if errorResp != nil && hasMsg {
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetIdle() })
		if r.timedOut {
			return "timeout"
		}
		return "error with message, retry"
	}
	// Nothing handled: the fallback notice unless an error notice is already shown.
	r.step(func(s *store.Snapshot) {
		if !s.Notices.HasStatusIn("error", checkoutAreaContexts()) {
			msg := storeapi.DefaultErrorMessage
			if pr := value.AsObject(s.Payment.PaymentResult); pr != nil {
				if m, ok := value.NonEmptyString(pr.Get("message")); ok {
					msg = m
				}
			}
			s.Notices = s.Notices.CreateNotice("error", msg, store.NoticeOptions{ID: "checkout", Context: observer.ContextCheckout})
		}
	})
	r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetIdle() })
	if r.timedOut {
		return "timeout"
	}
	return "nothing handled"
}

// checkoutAreaContexts are the contexts of ref §7 R3's three notice
// snapshots: every noticeContexts value (the global context is not one).
func checkoutAreaContexts() []string {
	var out []string
	for _, c := range observer.NoticeContexts() {
		out = append(out, c.Value)
	}
	return out
}

// splitResponses returns the last success response and the error/failure one.
func splitResponses(rs []*value.Object) (success, failure *value.Object) {
	for _, resp := range rs {
		switch {
		case observer.IsSuccessResponse(resp):
			success = resp
		case observer.IsErrorResponse(resp) || observer.IsFailResponse(resp):
			failure = resp
		}
	}
	return success, failure
}

func (r *runner) complete() string {
	s := r.snap()
	if s.Checkout.HasError {
		return "completed with error"
	}
	return "completed"
}

// requestInput reads ref §9.2's inputs from the stores and the method registry.
func (e *Engine) requestInput(s store.Snapshot) storeapi.Input {
	id, ok := e.methods.paymentMethodID(s.Payment.ActivePaymentMethod)
	return storeapi.Input{
		NeedsShipping:           s.Cart.NeedsShipping,
		NeedsPayment:            s.Cart.NeedsPayment,
		ShippingAddress:         s.Cart.ShippingAddress,
		BillingAddress:          s.Cart.BillingAddress,
		OrderNotes:              s.Checkout.OrderNotes,
		ShouldCreateAccount:     s.Checkout.ShouldCreateAccount,
		ActivePaymentMethod:     s.Payment.ActivePaymentMethod,
		PaymentMethodID:         id,
		PaymentMethodRegistered: ok,
		PaymentMethodData:       s.Payment.PaymentMethodData,
		ShouldSavePaymentMethod: s.Payment.ShouldSavePaymentMethod,
		ExtensionData:           s.Checkout.ExtensionData,
	}
}

// applyCartAddresses applies billing/shipping addresses of a cart sent
// with an error body (ref §9.3 receiveCartContents, limited to the cart
// subset this module keeps).
func applyCartAddresses(s *store.Snapshot, cart *value.Object) {
	if b := value.AsObject(cart.Get("billing_address")); b != nil {
		s.Cart = s.Cart.SetBillingAddress(b)
	}
	if sh := value.AsObject(cart.Get("shipping_address")); sh != nil {
		s.Cart = s.Cart.SetShippingAddress(sh)
	}
}
