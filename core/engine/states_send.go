package engine

import (
	"errors"
	"strconv"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/trace"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// send is ref §7 R9 + §9: the request and the first handling of its response.
func (r *runner) send() exit {
	e := r.e
	s := r.snap()
	if s.Checkout.HasError || s.Checkout.Status != store.StatusProcessing ||
		(s.Cart.NeedsPayment && s.Payment.Status != store.PaymentReady) || e.willHaveError(s) {
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
		return exitErrorState
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
	in := e.requestInput(s)
	req := storeapi.BuildRequest(in, e.cfg.StoreAPIURL, e.Nonce(), r.a.ID)
	if key := e.idempotencyKey(req.Body); key != "" && key != r.a.ID {
		req = storeapi.BuildRequest(in, e.cfg.StoreAPIURL, e.Nonce(), key) // D42: a retry of an unknown result
	}
	key := requestKey(req)
	if e.cfg.Transport == nil {
		r.failRequest(s, "no transport configured")
		return exitRequestFailed
	}
	start := e.cfg.Now()
	resp, err := e.cfg.Transport.Do(r.ctx(), req)
	e.noteResult(key, req.Body, resp, err, r.ctx().Err() != nil)
	if r.ctx().Err() != nil || !r.live() {
		return exitReset
	}
	kind := storeapi.Classify(resp, err)
	rec := trace.Record{Time: e.cfg.Now(), AttemptID: r.a.ID, Kind: trace.KindRequest, Event: "checkout",
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
		return exitResponseOK
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
		return exitResponseDeclined
	default:
		msg := "request failed"
		if err != nil {
			msg = err.Error()
		} else if resp != nil && resp.BodyErr != nil {
			msg = resp.BodyErr.Error()
		}
		r.failRequest(r.snap(), msg)
		return exitRequestFailed
	}
}

// failRequest is the D14 path for a request that failed: the unknown_error
// notice of ref §9.3, then hasError (processing → idle). No fail event.
func (r *runner) failRequest(s store.Snapshot, detail string) {
	r.e.logError("checkout: the checkout request failed", errors.New(detail))
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

// D42 — idempotent retry. The Idempotency-Key of a request is its attempt's
// id (D21), except right after a request whose server result is unknown: a
// network failure (the transport returned an error), a reply whose body is
// not JSON, or a request abandoned by reset while in flight (the server may
// have stored the order all the same). The next request whose body is
// unchanged (value.Equal, so a body holding opaque JS values never counts
// as unchanged) then sends the same key again, so a server that stored the
// order answers with that order instead of making a second one. Any JSON
// reply, whatever its status, is a definite answer and ends the reuse; a
// changed body starts a new key.
type retryKey struct {
	key  string
	body *value.Object
}

// idempotencyKey is the key to send with body: the unknown-result key when
// body is unchanged since it, else "" (meaning: the attempt's own id).
func (e *Engine) idempotencyKey(body *value.Object) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.retry.key != "" && value.Equal(e.retry.body, body) {
		return e.retry.key
	}
	return ""
}

// noteResult records what the request sent with key taught about the
// server's state (D42).
func (e *Engine) noteResult(key string, body *value.Object, resp *storeapi.Response, err error, abandoned bool) {
	unknown := abandoned || err != nil || resp == nil || resp.BodyErr != nil
	e.mu.Lock()
	defer e.mu.Unlock()
	if unknown {
		e.retry = retryKey{key: key, body: body}
	} else {
		e.retry = retryKey{}
	}
}

// requestKey is the Idempotency-Key header of req ("" when absent).
func requestKey(req storeapi.Request) string {
	for _, h := range req.Headers {
		if h[0] == "Idempotency-Key" {
			return h[1]
		}
	}
	return ""
}
