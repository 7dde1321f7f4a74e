package engine

import (
	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// paymentSetup is the payment_setup state (ref §7 R4, §6.2 with D8): the
// payment status goes to processing, the previous payment error notice is
// removed, payment_setup observers run, and their responses decide ready
// or has_error (an observer timeout exits timeout, D23).
func (r *runner) paymentSetup() exit {
	// ref §7 R4 then §6.2 step 1.
	if !r.step(func(s *store.Snapshot) { s.Payment = s.Payment.SetProcessing() }) {
		return exitReset
	}
	r.step(func(s *store.Snapshot) {
		s.Notices = s.Notices.RemoveNotice("wc-payment-error", observer.ContextPayments)
	})
	r.e.beforeEmit(r.ctx(), observer.PaymentSetup)
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
			return exitTimeout
		}
		return exitSetupFailed
	}
	return exitReady
}

// setupResult is the decision of ref §6.2 steps 3–4 (with D8) for one
// payment_setup emission; apply performs it as one change.
type setupResult struct {
	errorResp *value.Object
	apply     func(*store.Snapshot)
}

// shippingKeys are the address keys ref §6.2 requires (billing also needs email).
var shippingKeys = [...]string{"first_name", "last_name", "company", "address_1", "address_2", "city", "state", "postcode", "country", "phone"}

// isShippingAddress reports whether o has every key of shippingKeys.
func isShippingAddress(o *value.Object) bool {
	if o == nil {
		return false
	}
	for _, k := range shippingKeys {
		if !o.Has(k) {
			return false
		}
	}
	return true
}

// isBillingAddress reports whether o has every key of shippingKeys and "email".
func isBillingAddress(o *value.Object) bool { return isShippingAddress(o) && o.Has("email") }

// pick reads key from a response's meta (ref §6.2) or, where meta lacks it,
// from the response's top level (D8).
func pick(resp *value.Object, key string) any {
	if meta := value.AsObject(resp.Get("meta")); meta != nil && meta.Has(key) {
		return meta.Get(key)
	}
	return resp.Get(key)
}

func (e *Engine) paymentSetupResult(responses []*value.Object) setupResult {
	success, failure := splitResponses(responses)
	var billing, shipping any = value.Undef, value.Undef
	for _, resp := range responses {
		// Only the last response's addresses count (ref §6.2 step 3).
		billing, shipping = pick(resp, "billingAddress"), pick(resp, "shippingAddress")
		if meta := value.AsObject(resp.Get("meta")); meta != nil {
			if bd := meta.Get("billingData"); value.Truthy(bd) {
				e.Warn("meta.billingData", "wc/store/payment: meta.billingData is deprecated since 9.5.0; use meta.billingAddress")
				billing = bd
			}
			if sd := value.AsObject(meta.Get("shippingData")); sd != nil && value.Truthy(sd.Get("address")) {
				e.Warn("meta.shippingData", "wc/store/payment: meta.shippingData is deprecated; use meta.shippingAddress")
				shipping = sd.Get("address")
			}
		}
	}
	methodData := func(resp *value.Object) any {
		if pmd := value.AsObject(pick(resp, "paymentMethodData")); pmd != nil {
			return pmd
		}
		return value.NewObject()
	}
	notice := func(s *store.Snapshot, resp *value.Object) {
		msg, ok := value.NonEmptyString(resp.Get("message"))
		if !ok {
			return
		}
		ctxName := observer.ContextPayments
		if c, ok := value.NonEmptyString(resp.Get("messageContext")); ok {
			ctxName = c
		}
		no := false
		s.Notices = s.Notices.CreateNotice("error", msg, store.NoticeOptions{ID: "wc-payment-error", Context: ctxName, IsDismissible: &no})

	}
	b, sh := value.AsObject(billing), value.AsObject(shipping)
	switch {
	case success != nil && failure == nil:
		return setupResult{apply: func(s *store.Snapshot) {
			if isBillingAddress(b) {
				s.Cart = s.Cart.SetBillingAddress(b)
			}
			if isShippingAddress(sh) {
				s.Cart = s.Cart.SetShippingAddress(sh)
			}
			s.Payment = s.Payment.SetPaymentMethodData(methodData(success)).SetReady()
		}}
	case failure != nil && observer.IsFailResponse(failure):
		return setupResult{errorResp: failure, apply: func(s *store.Snapshot) {
			notice(s, failure)
			if isBillingAddress(b) {
				s.Cart = s.Cart.SetBillingAddress(b)
			}
			s.Payment = s.Payment.SetPaymentMethodData(methodData(failure)).SetError()
		}}
	case failure != nil:
		return setupResult{errorResp: failure, apply: func(s *store.Snapshot) {
			notice(s, failure)
			s.Payment = s.Payment.SetError()
			if ve := failure.Get("validationErrors"); store.IsValidValidationErrors(ve) {
				s.Validation = s.Validation.SetValidationErrors(ve)
			}
		}}
	default:
		return setupResult{apply: func(s *store.Snapshot) {
			s.Payment = s.Payment.SetReady()
		}}
	}
}
