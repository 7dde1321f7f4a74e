package store

import (
	"strings"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// DefaultCartTotals returns WooCommerce's default cart totals (amounts as
// strings in minor units, currency fields empty, minor unit 2), a new
// object on every call.
func DefaultCartTotals() *value.Object {
	return value.NewObject(
		"currency_code", "",
		"currency_symbol", "",
		"currency_minor_unit", float64(2),
		"currency_decimal_separator", ".",
		"currency_thousand_separator", ",",
		"currency_prefix", "",
		"currency_suffix", "",
		"total_items", "0",
		"total_items_tax", "0",
		"total_fees", "0",
		"total_fees_tax", "0",
		"total_discount", "0",
		"total_discount_tax", "0",
		"total_shipping", "0",
		"total_shipping_tax", "0",
		"total_price", "0",
		"total_tax", "0",
		"tax_lines", []any{},
	)
}

// CamelCase turns a Store API key into the cart store's key the way
// WooCommerce's receiveCart does for top-level keys: words separated by
// '_', '-' or ' ' are joined, the first starting lower case, the others
// upper case ("items_count" -> "itemsCount"); a key without separators
// only gets its first letter lowered ("needsPayment" stays as it is).
func CamelCase(k string) string {
	parts := strings.FieldsFunc(k, func(r rune) bool { return r == '_' || r == '-' || r == ' ' })
	var b strings.Builder
	for i, p := range parts {
		if i == 0 {
			b.WriteString(strings.ToLower(p[:1]) + p[1:])
		} else {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}

// defaultTotals is DefaultCartTotals built once (objects are immutable),
// so views of carts without totals share one object.
var defaultTotals = DefaultCartTotals()

func (c Cart) totalsOrDefault() *value.Object {
	if c.Totals == nil {
		return defaultTotals
	}
	return c.Totals
}

func (c Cart) responseEqual(o Cart) bool {
	return value.Equal(arrOrEmpty(c.Items), arrOrEmpty(o.Items)) &&
		value.Equal(arrOrEmpty(c.Coupons), arrOrEmpty(o.Coupons)) &&
		value.Equal(arrOrEmpty(c.Fees), arrOrEmpty(o.Fees)) &&
		value.Equal(arrOrEmpty(c.CrossSells), arrOrEmpty(o.CrossSells)) &&
		value.Equal(arrOrEmpty(c.ItemErrors), arrOrEmpty(o.ItemErrors)) &&
		value.Equal(arrOrEmpty(c.PaymentRequirements), arrOrEmpty(o.PaymentRequirements)) &&
		value.Equal(c.totalsOrDefault(), o.totalsOrDefault()) &&
		value.Equal(objOrEmpty(c.Extensions), objOrEmpty(o.Extensions)) &&
		c.ItemsCount == o.ItemsCount &&
		c.ItemsWeight == o.ItemsWeight &&
		c.HasCalculatedShipping == o.HasCalculatedShipping &&
		value.Equal(objOrEmpty(c.Other), objOrEmpty(o.Other))
}

// ReceiveCart is the cart store's receiveCart(response) (D39): the
// response's top-level keys are camelCased (see CamelCase; so both the
// Store API's snake_case keys and camelCase keys are accepted) and merged
// over the cart data: a key present replaces that field, an absent key
// keeps it (WooCommerce's setCartData). Known keys and the types they
// need:
//
//	items, coupons, fees, cross_sells, errors (item errors),
//	payment_requirements, shipping_rates   arrays
//	totals, extensions                     plain objects (replace, not merge)
//	billing_address, shipping_address      plain objects (replace, not merge)
//	needs_payment, needs_shipping,
//	has_calculated_shipping                booleans
//	items_count, items_weight              numbers
//	payment_methods                        array of names (non-strings dropped)
//
// A known key with a value of another type is ignored (the field keeps
// its value) so that the cart always has WooCommerce's shapes. Unknown keys
// are kept, camelCased, in Other. Then, as WooCommerce does, the cart API
// errors (getCartErrors) are cleared when there were any, which recomputes
// the shipping error status (ref §13). A nil response leaves the cart
// unchanged.
func (c Cart) ReceiveCart(resp *value.Object) Cart {
	return c.receive(resp, false)
}

// ReceiveCartContents is receiveCartContents(response): ReceiveCart
// without the response's billing_address and shipping_address, so that
// addresses being edited are not overwritten.
func (c Cart) ReceiveCartContents(resp *value.Object) Cart {
	return c.receive(resp, true)
}

// receive merges resp into c; keepAddresses ignores its addresses.
func (c Cart) receive(resp *value.Object, keepAddresses bool) Cart {
	if resp == nil {
		return c
	}
	resp.Range(func(k string, v any) bool {
		ck := CamelCase(k)
		arr, isArr := v.([]any)
		obj := value.AsObject(v)
		b, isBool := v.(bool)
		num, isNum := v.(float64)
		switch ck {
		case "items":
			if isArr {
				c.Items = arr
			}
		case "coupons":
			if isArr {
				c.Coupons = arr
			}
		case "fees":
			if isArr {
				c.Fees = arr
			}
		case "crossSells":
			if isArr {
				c.CrossSells = arr
			}
		case "errors":
			if isArr {
				c.ItemErrors = arr
			}
		case "paymentRequirements":
			if isArr {
				c.PaymentRequirements = arr
			}
		case "shippingRates":
			if isArr {
				c.ShippingRates = arr
			}
		case "totals":
			if obj != nil {
				c.Totals = obj
			}
		case "extensions":
			if obj != nil {
				c.Extensions = obj
			}
		case "billingAddress":
			if obj != nil && !keepAddresses {
				c.BillingAddress = obj
			}
		case "shippingAddress":
			if obj != nil && !keepAddresses {
				c.ShippingAddress = obj
			}
		case "needsPayment":
			if isBool {
				c.NeedsPayment = b
			}
		case "needsShipping":
			if isBool {
				c.NeedsShipping = b
			}
		case "hasCalculatedShipping":
			if isBool {
				c.HasCalculatedShipping = b
			}
		case "itemsCount":
			if isNum {
				c.ItemsCount = num
			}
		case "itemsWeight":
			if isNum {
				c.ItemsWeight = num
			}
		case "paymentMethods":
			if isArr {
				names := []string{}
				for _, n := range arr {
					if s, ok := n.(string); ok {
						names = append(names, s)
					}
				}
				c.PaymentMethods = names
			}
		case "":
		default:
			c.Other = objOrEmpty(c.Other).With(ck, v)
		}
		return true
	})
	if len(c.CartErrors) > 0 {
		c = c.SetCartErrors(nil)
	}
	return c
}

// PaymentRequirementNames returns the string entries of the cart's
// payment_requirements, in order.
func (c Cart) PaymentRequirementNames() []string {
	out := []string{}
	for _, r := range c.PaymentRequirements {
		if s, ok := r.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// CartData is the getCartData selector (D39): WooCommerce's cartData, the
// response keys camelCased at the top level only, in WooCommerce's
// default-state order, followed by the Other keys. Empty fields are empty
// arrays/objects; paymentMethods is [] when the cart has no list.
func (c Cart) CartData() *value.Object {
	var b value.Builder
	known := map[string]bool{}
	for _, k := range cartDataKeys() {
		known[k] = true
	}
	b.Set("coupons", arrOrEmpty(c.Coupons)).
		Set("shippingRates", arrOrEmpty(c.ShippingRates)).
		Set("shippingAddress", objOrEmpty(c.ShippingAddress)).
		Set("billingAddress", objOrEmpty(c.BillingAddress)).
		Set("items", arrOrEmpty(c.Items)).
		Set("itemsCount", c.ItemsCount).
		Set("itemsWeight", c.ItemsWeight).
		Set("crossSells", arrOrEmpty(c.CrossSells)).
		Set("needsShipping", c.NeedsShipping).
		Set("needsPayment", c.NeedsPayment).
		Set("hasCalculatedShipping", c.HasCalculatedShipping).
		Set("fees", arrOrEmpty(c.Fees)).
		Set("totals", c.totalsOrDefault()).
		Set("errors", arrOrEmpty(c.ItemErrors)).
		Set("paymentMethods", stringsToAny(c.PaymentMethods)).
		Set("paymentRequirements", arrOrEmpty(c.PaymentRequirements)).
		Set("extensions", objOrEmpty(c.Extensions))
	c.Other.Range(func(k string, v any) bool {
		if !known[k] {
			b.Set(k, v)
		}
		return true
	})
	return b.Build()
}

// cartDataKeys are the keys CartData always has.
func cartDataKeys() []string {
	return []string{"coupons", "shippingRates", "shippingAddress", "billingAddress", "items",
		"itemsCount", "itemsWeight", "crossSells", "needsShipping", "needsPayment",
		"hasCalculatedShipping", "fees", "totals", "errors", "paymentMethods",
		"paymentRequirements", "extensions"}
}

func stringsToAny(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// CartTotals is the getCartTotals selector: the totals object, or
// WooCommerce's default totals (DefaultCartTotals; one shared object) when
// the cart has none.
func (c Cart) CartTotals() *value.Object { return c.totalsOrDefault() }

// Meta is the getCartMeta selector: {updatingCustomerData,
// updatingSelectedRate (the selecting-rate flag), applyingCoupon,
// removingCoupon, isCartDataStale, updatingAddressFieldsForShippingRates
// (the loading-rates flag)}.
func (c Cart) Meta() *value.Object {
	return value.NewObject(
		"updatingCustomerData", c.UpdatingCustomerData,
		"updatingSelectedRate", c.IsSelectingRate,
		"applyingCoupon", c.ApplyingCoupon,
		"removingCoupon", c.RemovingCoupon,
		"isCartDataStale", c.IsCartDataStale,
		"updatingAddressFieldsForShippingRates", c.IsLoadingRates,
	)
}

// SetUpdatingCustomerData is updatingCustomerData(isResolving): sets the
// flag read by isCustomerDataUpdating.
func (c Cart) SetUpdatingCustomerData(b bool) Cart {
	c.UpdatingCustomerData = b
	return c
}

// SetApplyingCoupon is receiveApplyingCoupon(code): the coupon being
// applied ("" when none).
func (c Cart) SetApplyingCoupon(code string) Cart {
	c.ApplyingCoupon = code
	return c
}

// SetRemovingCoupon is receiveRemovingCoupon(code): the coupon being
// removed ("" when none).
func (c Cart) SetRemovingCoupon(code string) Cart {
	c.RemovingCoupon = code
	return c
}

// SetIsCartDataStale is setIsCartDataStale(bool).
func (c Cart) SetIsCartDataStale(b bool) Cart {
	c.IsCartDataStale = b
	return c
}

// SelectShippingRate is the local part of the cart's
// selectShippingRate(rateId, packageId): in the package whose package_id
// has the JS string form of packageID (every package when packageID is
// undefined or null, as the Store API does for a null package), the rate
// whose rate_id is rateID becomes the only selected one. A package
// without that rate is left as it is; so is a package that is not a plain
// object or has no shipping_rates array. Packages and rates are copied,
// never modified.
func (c Cart) SelectShippingRate(rateID string, packageID any) Cart {
	all := packageID == nil || value.IsUndefined(packageID)
	want := value.String(packageID)
	out := make([]any, len(c.ShippingRates))
	for i, pkg := range c.ShippingRates {
		out[i] = pkg
		po := value.AsObject(pkg)
		if po == nil || (!all && value.String(po.Get("package_id")) != want) {
			continue
		}
		rates, ok := po.Get("shipping_rates").([]any)
		if !ok || !hasRate(rates, rateID) {
			continue
		}
		next := make([]any, len(rates))
		for j, r := range rates {
			next[j] = r
			if ro := value.AsObject(r); ro != nil {
				next[j] = ro.With("selected", ro.Get("rate_id") == rateID)
			}
		}
		out[i] = po.With("shipping_rates", next)
	}
	c.ShippingRates = out
	return c
}

func hasRate(rates []any, rateID string) bool {
	for _, r := range rates {
		if value.AsObject(r).Get("rate_id") == rateID {
			return true
		}
	}
	return false
}
