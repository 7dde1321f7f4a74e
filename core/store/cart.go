package store

import "github.com/wcblocks/checkoutwasm/core/value"

// Cart is the cart store (wc/store/cart): what a Store API cart response
// holds (D39), the cart's meta flags, and the shipping error status of the
// shipping data context (ref §13).
type Cart struct {
	BillingAddress  *value.Object
	ShippingAddress *value.Object
	NeedsPayment    bool
	NeedsShipping   bool
	// PaymentMethods are the names regular methods must be in (ref §14, the
	// response's payment_methods). nil means the page gave no list: every
	// registered method may be offered.
	PaymentMethods []string
	// ShippingRates are the packages:
	// [{package_id, name, shipping_rates: [{rate_id, method_id, name, price, selected}]}].
	ShippingRates   []any
	IsLoadingRates  bool
	IsSelectingRate bool
	// CartErrors are the cart API errors [{code, message}] (getCartErrors).
	CartErrors []any
	// ShippingErrorStatus is one of the ShippingError* constants.
	ShippingErrorStatus string

	// The rest of a Store API cart response (D39), as sent (snake_case
	// inside): items, coupons, fees, cross_sells, errors (the item errors),
	// payment_requirements, totals, extensions, items_count, items_weight,
	// has_calculated_shipping. Nil slices and objects count as empty; a nil
	// Totals as DefaultCartTotals.
	Items                 []any
	Coupons               []any
	Fees                  []any
	CrossSells            []any
	ItemErrors            []any
	PaymentRequirements   []any
	Totals                *value.Object
	Extensions            *value.Object
	ItemsCount            float64
	ItemsWeight           float64
	HasCalculatedShipping bool
	// Other holds the response keys this type has no field for, camelCased
	// (WooCommerce keeps them in cartData too).
	Other *value.Object

	// Meta flags (getCartMeta).
	UpdatingCustomerData bool
	ApplyingCoupon       string
	RemovingCoupon       string
	IsCartDataStale      bool
}

// invalidAddressCodes are the cart error codes that mark the shipping
// address invalid (ref §1.7).
func invalidAddressCodes() []string {
	return []string{
		"woocommerce_rest_cart_shipping_rates_invalid_country",
		"woocommerce_rest_cart_shipping_rates_missing_country",
		"woocommerce_rest_cart_shipping_rates_invalid_state",
	}
}

// NewCart returns the initial cart: the given addresses (nil means {}),
// flags and payment method names (copied; nil stays nil, meaning "no
// list"), no shipping rates, items or errors, not loading or selecting,
// shipping error status "none" (ref §13), hasCalculatedShipping true and
// the default totals (WooCommerce's default cart state).
func NewCart(billing, shipping *value.Object, needsPayment, needsShipping bool, paymentMethods []string) Cart {
	var pm []string
	if paymentMethods != nil {
		pm = append([]string{}, paymentMethods...)
	}
	return Cart{
		BillingAddress:        objOrEmpty(billing),
		ShippingAddress:       objOrEmpty(shipping),
		NeedsPayment:          needsPayment,
		NeedsShipping:         needsShipping,
		PaymentMethods:        pm,
		ShippingRates:         []any{},
		CartErrors:            []any{},
		ShippingErrorStatus:   ShippingErrorNone,
		HasCalculatedShipping: true,
	}
}

// Equal reports whether c and o hold the same state (deep equality of the
// addresses, rates, errors and response data; nil equals empty, a nil
// Totals equals DefaultCartTotals, a nil PaymentMethods differs from an
// empty one).
func (c Cart) Equal(o Cart) bool {
	return value.Equal(objOrEmpty(c.BillingAddress), objOrEmpty(o.BillingAddress)) &&
		value.Equal(objOrEmpty(c.ShippingAddress), objOrEmpty(o.ShippingAddress)) &&
		c.NeedsPayment == o.NeedsPayment &&
		c.NeedsShipping == o.NeedsShipping &&
		(c.PaymentMethods == nil) == (o.PaymentMethods == nil) &&
		stringsEqual(c.PaymentMethods, o.PaymentMethods) &&
		value.Equal(arrOrEmpty(c.ShippingRates), arrOrEmpty(o.ShippingRates)) &&
		c.IsLoadingRates == o.IsLoadingRates &&
		c.IsSelectingRate == o.IsSelectingRate &&
		value.Equal(arrOrEmpty(c.CartErrors), arrOrEmpty(o.CartErrors)) &&
		c.ShippingErrorStatus == o.ShippingErrorStatus &&
		c.responseEqual(o) &&
		c.UpdatingCustomerData == o.UpdatingCustomerData &&
		c.ApplyingCoupon == o.ApplyingCoupon &&
		c.RemovingCoupon == o.RemovingCoupon &&
		c.IsCartDataStale == o.IsCartDataStale
}

func arrOrEmpty(a []any) []any {
	if a == nil {
		return []any{}
	}
	return a
}

// SetBillingAddress is the cart's setBillingAddress: a shallow merge of
// partial over the billing address (partial's keys win, new keys are
// appended). A nil partial leaves the state unchanged.
func (c Cart) SetBillingAddress(partial *value.Object) Cart {
	if partial == nil {
		return c
	}
	c.BillingAddress = objOrEmpty(c.BillingAddress).Merge(partial)
	return c
}

// SetShippingAddress is the cart's setShippingAddress: a shallow merge of
// partial over the shipping address. A nil partial leaves the state
// unchanged.
func (c Cart) SetShippingAddress(partial *value.Object) Cart {
	if partial == nil {
		return c
	}
	c.ShippingAddress = objOrEmpty(c.ShippingAddress).Merge(partial)
	return c
}

// SetShippingRates replaces the shipping rate packages (the slice is
// copied; nil means none).
func (c Cart) SetShippingRates(rates []any) Cart {
	c.ShippingRates = append([]any{}, rates...)
	return c
}

// SetIsLoadingRates sets whether shipping rates are loading. The matching
// calculating-counter change (ref §13) is the engine's job.
func (c Cart) SetIsLoadingRates(b bool) Cart {
	c.IsLoadingRates = b
	return c
}

// SetIsSelectingRate sets whether a shipping rate is being selected.
func (c Cart) SetIsSelectingRate(b bool) Cart {
	c.IsSelectingRate = b
	return c
}

// SetCartErrors replaces the cart errors (copied; nil means none) and
// recomputes the shipping error status (ref §13): "invalid_address" when
// some error is a plain object whose code is one of the three shipping
// codes of ref §1.7, else "none" — overwriting an "unknown_error" set by
// SetShippingErrorStatus.
func (c Cart) SetCartErrors(errs []any) Cart {
	c.CartErrors = append([]any{}, errs...)
	c.ShippingErrorStatus = ShippingErrorNone
	for _, e := range errs {
		code, _ := value.AsObject(e).Get("code").(string)
		for _, ic := range invalidAddressCodes() {
			if code == ic {
				c.ShippingErrorStatus = ShippingErrorInvalidAddress
			}
		}
	}
	return c
}

// SetShippingErrorStatus is the shipping context's dispatchErrorStatus
// (ref §13): only "none", "invalid_address" and "unknown_error" are
// accepted; any other string leaves the state unchanged.
func (c Cart) SetShippingErrorStatus(s string) Cart {
	switch s {
	case ShippingErrorNone, ShippingErrorInvalidAddress, ShippingErrorUnknown:
		c.ShippingErrorStatus = s
	}
	return c
}

// selectedRate returns the first rate of a package whose `selected` is
// truthy, or nil.
func selectedRate(pkg any) *value.Object {
	rates, _ := value.AsObject(pkg).Get("shipping_rates").([]any)
	for _, r := range rates {
		if ro := value.AsObject(r); ro != nil && value.Truthy(ro.Get("selected")) {
			return ro
		}
	}
	return nil
}

// SelectedRates returns, in package order, the selected rate object of
// each package (the first rate whose `selected` is truthy). Packages with
// no selected rate contribute nothing. The result is a new slice, never nil.
func (c Cart) SelectedRates() []any {
	out := []any{}
	for _, pkg := range c.ShippingRates {
		if r := selectedRate(pkg); r != nil {
			out = append(out, r)
		}
	}
	return out
}

// ShippingHasError reports the shipping context's hasError (ref §13):
// status "unknown_error" or "invalid_address".
func (c Cart) ShippingHasError() bool {
	return c.ShippingErrorStatus == ShippingErrorUnknown || c.ShippingErrorStatus == ShippingErrorInvalidAddress
}

// ShippingErrorStatusObject is the exposed shippingErrorStatus (ref §13):
// {isPristine, isValid, hasInvalidAddress, hasError}.
func (c Cart) ShippingErrorStatusObject() *value.Object {
	none := c.ShippingErrorStatus == ShippingErrorNone
	return value.NewObject(
		"isPristine", none,
		"isValid", none,
		"hasInvalidAddress", c.ShippingErrorStatus == ShippingErrorInvalidAddress,
		"hasError", c.ShippingHasError(),
	)
}
