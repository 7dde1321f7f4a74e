package engine

import (
	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
)

// The states before payment setup, in table order: submit, validating
// (with the built-in validation observer of ref §7 R8), processing and
// waiting_for_totals.

// start is the submit state (ref §7 R1 and §6.1 step 1, D32): the checkout
// goes to before_processing, then the error notices of the default context
// are removed. It exits reset when the attempt was reset before it began.
func (r *runner) start() exit {
	if !r.step(func(s *store.Snapshot) {
		s.Checkout = s.Checkout.SetBeforeProcessing()
	}) {
		return exitReset
	}
	r.step(func(s *store.Snapshot) {
		s.Notices = s.Notices.RemoveNoticesByStatus("error", store.DefaultNoticeContext)
	})
	return exitSubmitted
}

// validate is the validating state (ref §6.1, D7, D17, D22): it emits
// checkout_validation; any failing value adds its notices and validation
// errors and ends the attempt (idle with hasError); ref §7 R7's error
// condition ends it too; otherwise the checkout goes to processing.
func (r *runner) validate() exit {
	r.e.beforeEmit(r.ctx(), observer.CheckoutValidation)
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
			return exitTimeout
		}
		return exitFailed
	}
	if r.e.willHaveError(r.snap()) {
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
		return exitErrorState
	}
	if !r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetProcessing() }) {
		return exitReset
	}
	return exitPassed
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

const builtinValidationLabel = "wc/checkout-processor"

// Messages of the built-in validation observer (ref §7 R8), exact.
const (
	MsgShippingOptionRequired = "Sorry, this order requires a shipping option."
	MsgPaymentProblem         = "There was a problem with your payment option."
	MsgShippingProblem        = "There was a problem with your shipping option."
)

// builtinValidation is ref §7 R8, registered at priority 0. While an
// express method is active it passes (the reference unregisters it).
func (e *Engine) builtinValidation(_ context.Context, _ any) (any, error) {
	s := e.Snapshot()
	if s.Payment.IsExpressPaymentMethodActive() {
		return true, nil
	}
	switch {
	case s.Validation.HasValidationErrors():
		if s.Validation.Has("shipping-rates-error") {
			return value.NewObject("errorMessage", MsgShippingOptionRequired), nil
		}
		return false, nil
	case s.Payment.Status == store.PaymentError:
		return value.NewObject("errorMessage", MsgPaymentProblem, "context", observer.ContextPayments), nil
	case s.Cart.ShippingHasError():
		return value.NewObject("errorMessage", MsgShippingProblem, "context", observer.ContextShippingMethods), nil
	}
	return true, nil
}

// processing is the processing state: it decides between payment setup,
// sending at once (D26), waiting for the totals (D13) or ending on ref §7
// R7's error condition. It changes no store except hasError on that error.
func (r *runner) processing() exit {
	s := r.snap()
	if s.Checkout.Status != store.StatusProcessing {
		return exitInterrupted
	}
	if r.e.willHaveError(s) {
		r.step(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(true) })
		return exitErrorState
	}
	if s.Checkout.CalculatingCount > 0 {
		return exitCalculating
	}
	if !s.Cart.NeedsPayment {
		return exitNoPaymentNeeded
	}
	return exitNeedsPayment
}

// waitCalculating blocks until the totals stop calculating (D13) or the attempt is reset.
func (r *runner) waitCalculating() exit {
	for {
		ch := r.e.waitChange()
		s := r.snap()
		if s.Checkout.CalculatingCount == 0 {
			return exitCalculated
		}
		select {
		case <-ch:
		case <-r.ctx().Done():
			return exitReset
		}
	}
}
