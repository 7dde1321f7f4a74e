package engine

import (
	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// The states after the response, in table order: after_processing,
// checkout_success, checkout_fail and complete.

// afterProcessing is the after_processing state: it branches on hasError
// to the success or the fail event; it changes no store.
func (r *runner) afterProcessing() exit {
	s := r.snap()
	if s.Checkout.Status != store.StatusAfterProcessing {
		return exitInterrupted
	}
	if s.Checkout.HasError {
		return exitHasError
	}
	return exitNoError
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
func (r *runner) successEvent() exit {
	r.e.beforeEmit(r.ctx(), observer.CheckoutSuccess)
	em := r.e.emitter.EmitWithAbort(r.ctx(), observer.CheckoutSuccess, eventData(r.snap()))
	if em.Cancelled || !r.live() {
		return exitReset
	}
	successResp, errorResp := splitResponses(em.Responses)
	switch {
	case errorResp == nil && successResp != nil:
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetComplete(successResp) })
		return exitSuccess
	case errorResp != nil:
		if msg, ok := value.NonEmptyString(errorResp.Get("message")); ok {
			r.step(func(s *store.Snapshot) {
				c, _ := value.NonEmptyString(errorResp.Get("messageContext"))
				s.Notices = s.Notices.CreateNotice("error", msg, store.NoticeOptions{Context: c})
			})
		}
		if !observer.ShouldRetry(errorResp) {
			r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetComplete(errorResp) })
			return exitSuccessNoRetry
		}
		if em.TimedOut {
			r.timedOut = true
		}
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
		return exitSuccessRetry
	default:
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetComplete(nil) })
		return exitNoTypedResponse
	}
}

// failEvent is ref §6.3 fail handling as amended by D10.
func (r *runner) failEvent() exit {
	r.e.beforeEmit(r.ctx(), observer.CheckoutFail)
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
		return exitFailNoRetry
	}
	if errorResp != nil && hasMsg {
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetIdle() })
		if r.timedOut {
			return exitTimeout
		}
		return exitFailHandled
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
		return exitTimeout
	}
	return exitNothingHandled
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

// complete is the complete state: it settles complete unless the checkout
// has an error, which settles failed (D23).
func (r *runner) complete() exit {
	s := r.snap()
	if s.Checkout.HasError {
		return exitCompletedWithError
	}
	return exitCompleted
}
