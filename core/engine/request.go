package engine

import (
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
)

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
		AdditionalFields:        s.Checkout.AdditionalFields, // D44
	}
}

// applyCartAddresses applies a cart sent with an error body: its contents
// as ref §9.3's receiveCartContents (D39: items, totals, rates, ... — every
// key but the addresses), then its billing/shipping addresses merged over
// the current ones.
func applyCartAddresses(s *store.Snapshot, cart *value.Object) {
	s.Cart = s.Cart.ReceiveCartContents(cart)
	if b := value.AsObject(cart.Get("billing_address")); b != nil {
		s.Cart = s.Cart.SetBillingAddress(b)
	}
	if sh := value.AsObject(cart.Get("shipping_address")); sh != nil {
		s.Cart = s.Cart.SetShippingAddress(sh)
	}
}
