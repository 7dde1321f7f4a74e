package store

import "github.com/wcblocks/checkoutwasm/core/value"

// Snapshot is the state of all five stores at one moment.
type Snapshot struct {
	Checkout   Checkout
	Payment    Payment
	Validation Validation
	Notices    Notices
	Cart       Cart
}

// Env carries the page settings that selectors need and that are not
// state.
type Env struct {
	// ShowSavedCards reports the registered config's supports.showSavedCards
	// for a method name (nil: false for every method).
	ShowSavedCards func(methodName string) bool
	// GlobalPaymentMethods is the `globalPaymentMethods` setting, id -> title
	// (ref §3.3 getIncompatiblePaymentMethods); nil means {}.
	GlobalPaymentMethods *value.Object
	// LocalPickupEnabled and CollectableMethodIDs are the settings used by
	// prefersCollection (ref §2.3).
	LocalPickupEnabled   bool
	CollectableMethodIDs []string
}

// PrefersCollection is the checkout prefersCollection selector (ref §2.3):
// the stored value when it is not undefined; otherwise false when the cart
// has no shipping packages; otherwise, when the first package has a
// selected rate whose method_id is a string, whether that id is
// collectable (false when local pickup is disabled, else membership in
// env.CollectableMethodIDs); otherwise the stored value (value.Undef).
func (s Snapshot) PrefersCollection(env Env) any {
	if !value.IsUndefined(s.Checkout.PrefersCollection) {
		return s.Checkout.PrefersCollection
	}
	if len(s.Cart.ShippingRates) == 0 {
		return false
	}
	if id, ok := selectedRate(s.Cart.ShippingRates[0]).Get("method_id").(string); ok {
		if !env.LocalPickupEnabled {
			return false
		}
		for _, c := range env.CollectableMethodIDs {
			if c == id {
				return true
			}
		}
		return false
	}
	return s.Checkout.PrefersCollection
}

// StateObject returns the raw checkout state object with the ref §2.1
// field names, in that table's order.
func (c Checkout) StateObject() *value.Object {
	return value.NewObject(
		"redirectUrl", c.RedirectURL,
		"status", c.Status,
		"hasError", c.HasError,
		"orderId", float64(c.OrderID),
		"customerId", float64(c.CustomerID),
		"calculatingCount", float64(c.CalculatingCount),
		"orderNotes", c.OrderNotes,
		"useShippingAsBilling", c.UseShippingAsBilling,
		"shouldCreateAccount", c.ShouldCreateAccount,
		"prefersCollection", c.PrefersCollection,
		"extensionData", objOrEmpty(c.ExtensionData),
		"editingBillingAddress", c.EditingBillingAddress,
		"editingShippingAddress", c.EditingShippingAddress,
		"additionalFields", objOrEmpty(c.AdditionalFields),
	)
}

// StateObject returns the raw payment state object with the ref §3.1 field
// names, in that table's order.
func (p Payment) StateObject() *value.Object {
	return value.NewObject(
		"status", p.Status,
		"activePaymentMethod", p.ActivePaymentMethod,
		"activeSavedToken", p.ActiveSavedToken,
		"availablePaymentMethods", objOrEmpty(p.AvailablePaymentMethods),
		"availableExpressPaymentMethods", objOrEmpty(p.AvailableExpressPaymentMethods),
		"savedPaymentMethods", objOrEmpty(p.SavedPaymentMethods),
		"paymentMethodData", p.PaymentMethodData,
		"paymentResult", p.PaymentResult,
		"paymentMethodsInitialized", p.PaymentMethodsInitialized,
		"expressPaymentMethodsInitialized", p.ExpressPaymentMethodsInitialized,
		"shouldSavePaymentMethod", p.ShouldSavePaymentMethod,
	)
}

// View returns the snapshot object published for one store key (see
// docs/contracts.md, "Snapshot objects"): the zero-argument selectors of
// that store by name with their current results, plus raw data:
//
//   - wc/store/checkout: the selectors of ref §2.3 (prefersCollection
//     computed with the cart and env) and "state", the raw state object;
//   - wc/store/payment: the selectors of ref §3.3, the deprecated ones
//     included (D3), getCurrentStatus as a plain object of booleans, and
//     getState, the raw state object;
//   - wc/store/validation: "errors" and "hasValidationErrors";
//   - core/notices: "byContext" (context -> array of notice objects, the
//     contexts in order of their oldest notice) and "all" (every notice in
//     creation order); see Notice.Object for the notice shape;
//   - wc/store/cart: getCustomerData, getNeedsPayment, getNeedsShipping,
//     getShippingRates, isAddressFieldsForShippingRatesUpdating (the
//     loading-rates flag), isShippingRateBeingSelected, getCartErrors,
//     getShippingErrorStatus, and (D39) getCartData, getCartTotals,
//     getCartMeta, getHasCalculatedShipping, isCustomerDataUpdating,
//     isApplyingCoupon, getCouponBeingApplied, isRemovingCoupon,
//     getCouponBeingRemoved, isCartDataStale (see Cart.CartData, Cart.Meta).
//
// Numbers are float64. Objects held by the state are shared, not copied.
// An unknown key returns nil. View never modifies s.
func (s Snapshot) View(key string, env Env) *value.Object {
	switch key {
	case CheckoutKey:
		return s.checkoutView(env)
	case PaymentKey:
		return s.paymentView(env)
	case ValidationKey:
		return value.NewObject(
			"errors", s.Validation.Errors(),
			"hasValidationErrors", s.Validation.HasValidationErrors(),
		)
	case NoticesKey:
		return s.noticesView()
	case CartKey:
		return s.cartView()
	}
	return nil
}

func (s Snapshot) checkoutView(env Env) *value.Object {
	c := s.Checkout
	return value.NewObject(
		"getCheckoutStatus", c.Status,
		"isIdle", c.Status == StatusIdle,
		"isComplete", c.Status == StatusComplete,
		"isBeforeProcessing", c.Status == StatusBeforeProcessing,
		"isProcessing", c.Status == StatusProcessing,
		"isAfterProcessing", c.Status == StatusAfterProcessing,
		"hasError", c.HasError,
		"hasOrder", c.OrderID != 0,
		"isCalculating", c.CalculatingCount > 0,
		"getOrderId", float64(c.OrderID),
		"getCustomerId", float64(c.CustomerID),
		"getOrderNotes", c.OrderNotes,
		"getRedirectUrl", c.RedirectURL,
		"getUseShippingAsBilling", c.UseShippingAsBilling,
		"getShouldCreateAccount", c.ShouldCreateAccount,
		"getExtensionData", objOrEmpty(c.ExtensionData),
		"prefersCollection", s.PrefersCollection(env),
		"getEditingBillingAddress", c.EditingBillingAddress,
		"getEditingShippingAddress", c.EditingShippingAddress,
		"getAdditionalFields", objOrEmpty(c.AdditionalFields),
		"state", c.StateObject(),
	)
}

func (s Snapshot) paymentView(env Env) *value.Object {
	p := s.Payment
	idle := p.Status == PaymentIdle
	started := p.Status == PaymentExpressStarted
	processing := p.Status == PaymentProcessing
	ready := p.Status == PaymentReady
	hasErr := p.Status == PaymentError
	express := p.IsExpressPaymentMethodActive()
	return value.NewObject(
		"isPaymentIdle", idle,
		"isExpressPaymentStarted", started,
		"isPaymentProcessing", processing,
		"isPaymentReady", ready,
		"hasPaymentError", hasErr,
		// Deprecated aliases (D3, ref §3.3); checkout.js warns once per name.
		"isPaymentPristine", idle,
		"isPaymentStarted", started,
		"isPaymentSuccess", ready,
		"isPaymentFailed", hasErr,
		"isExpressPaymentMethodActive", express,
		"getActiveSavedToken", p.ActiveSavedTokenDerived(),
		"getActivePaymentMethod", p.ActivePaymentMethod,
		"getAvailablePaymentMethods", objOrEmpty(p.AvailablePaymentMethods),
		"getAvailableExpressPaymentMethods", objOrEmpty(p.AvailableExpressPaymentMethods),
		"getPaymentMethodData", p.PaymentMethodData,
		"getSavedPaymentMethods", objOrEmpty(p.SavedPaymentMethods),
		"getActiveSavedPaymentMethods", p.ActiveSavedPaymentMethods(env.ShowSavedCards),
		"getIncompatiblePaymentMethods", p.IncompatiblePaymentMethods(env.GlobalPaymentMethods),
		"getShouldSavePaymentMethod", p.ShouldSavePaymentMethod,
		"getPaymentResult", p.PaymentResult,
		"paymentMethodsInitialized", p.PaymentMethodsInitialized,
		"expressPaymentMethodsInitialized", p.ExpressPaymentMethodsInitialized,
		"getCurrentStatus", value.NewObject(
			"isPristine", idle,
			"isIdle", idle,
			"isStarted", started,
			"isProcessing", processing,
			"isFinished", hasErr || ready,
			"hasError", hasErr,
			"hasFailed", hasErr,
			"isSuccessful", ready,
			"isDoingExpressPayment", express,
		),
		"getState", p.StateObject(),
	)
}

func (s Snapshot) noticesView() *value.Object {
	n := s.Notices
	all := make([]any, len(n.list))
	var groups map[string][]any
	if len(n.order) > 1 {
		groups = make(map[string][]any, len(n.order))
	}
	var only []any // the notices of the one context when there is one
	for i, x := range n.list {
		all[i] = x.obj
		if groups == nil {
			only = append(only, x.obj)
		} else {
			groups[x.Context] = append(groups[x.Context], x.obj)
		}
	}
	var b value.Builder
	for _, ctx := range n.order {
		if groups == nil {
			b.Set(ctx, only)
		} else {
			b.Set(ctx, groups[ctx])
		}
	}
	return value.NewObject("byContext", b.Build(), "all", all)
}

func (s Snapshot) cartView() *value.Object {
	c := s.Cart
	return value.NewObject(
		"getCustomerData", value.NewObject(
			"billingAddress", objOrEmpty(c.BillingAddress),
			"shippingAddress", objOrEmpty(c.ShippingAddress),
		),
		"getNeedsPayment", c.NeedsPayment,
		"getNeedsShipping", c.NeedsShipping,
		"getShippingRates", arrOrEmpty(c.ShippingRates),
		"isAddressFieldsForShippingRatesUpdating", c.IsLoadingRates,
		"isShippingRateBeingSelected", c.IsSelectingRate,
		"getCartErrors", arrOrEmpty(c.CartErrors),
		"getShippingErrorStatus", c.ShippingErrorStatusObject(),
		"getCartData", c.CartData(),
		"getCartTotals", c.CartTotals(),
		"getCartMeta", c.Meta(),
		"getHasCalculatedShipping", c.HasCalculatedShipping,
		"isCustomerDataUpdating", c.UpdatingCustomerData,
		"isApplyingCoupon", c.ApplyingCoupon != "",
		"getCouponBeingApplied", c.ApplyingCoupon,
		"isRemovingCoupon", c.RemovingCoupon != "",
		"getCouponBeingRemoved", c.RemovingCoupon,
		"isCartDataStale", c.IsCartDataStale,
	)
}

// Equal reports whether every store of s equals the same store of o.
func (s Snapshot) Equal(o Snapshot) bool {
	return s.Checkout.Equal(o.Checkout) && s.Payment.Equal(o.Payment) &&
		s.Validation.Equal(o.Validation) && s.Notices.Equal(o.Notices) && s.Cart.Equal(o.Cart)
}

// ChangedKeys returns, in StoreKeys order, the keys whose View may differ
// between prev and s: every store whose state changed, plus the checkout
// key when only the cart's shipping rates changed and the stored
// prefersCollection is undefined (the checkout view reads them). Views
// also depend on Env; a caller that changes Env must republish itself.
func (s Snapshot) ChangedKeys(prev Snapshot) []string {
	var out []string
	ratesChanged := !value.Equal(arrOrEmpty(s.Cart.ShippingRates), arrOrEmpty(prev.Cart.ShippingRates))
	if !s.Checkout.Equal(prev.Checkout) || (ratesChanged && value.IsUndefined(s.Checkout.PrefersCollection)) {
		out = append(out, CheckoutKey)
	}
	if !s.Payment.Equal(prev.Payment) {
		out = append(out, PaymentKey)
	}
	if !s.Validation.Equal(prev.Validation) {
		out = append(out, ValidationKey)
	}
	if !s.Notices.Equal(prev.Notices) {
		out = append(out, NoticesKey)
	}
	if !s.Cart.Equal(prev.Cart) {
		out = append(out, CartKey)
	}
	return out
}
