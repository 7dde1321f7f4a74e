package engine

import (
	"context"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
)

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

// setupResult is the decision of ref §6.2 steps 3–4 (with D8) for one
// payment_setup emission; apply performs it as one change.
type setupResult struct {
	errorResp *value.Object
	apply     func(*store.Snapshot)
}

// shippingKeys are the address keys ref §6.2 requires (billing also needs email).
var shippingKeys = [...]string{"first_name", "last_name", "company", "address_1", "address_2", "city", "state", "postcode", "country", "phone"}

func hasAddressKeys(o *value.Object, email bool) bool {
	if o == nil {
		return false
	}
	for _, k := range shippingKeys {
		if !o.Has(k) {
			return false
		}
	}
	return !email || o.Has("email")
}

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
			if hasAddressKeys(b, true) {
				s.Cart = s.Cart.SetBillingAddress(b)
			}
			if hasAddressKeys(sh, false) {
				s.Cart = s.Cart.SetShippingAddress(sh)
			}
			s.Payment = s.Payment.SetPaymentMethodData(methodData(success)).SetReady()
		}}
	case failure != nil && observer.IsFailResponse(failure):
		return setupResult{errorResp: failure, apply: func(s *store.Snapshot) {
			notice(s, failure)
			if hasAddressKeys(b, true) {
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
