package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// storeAPICart is a Store API cart response as WooCommerce's /cart route
// sends it (trimmed).
const storeAPICart = `{
 "items":[{"key":"k1","id":15,"quantity":2,"name":"Beanie","prices":{"price":"1800","currency_code":"EUR"}}],
 "coupons":[{"code":"ten","totals":{"total_discount":"360"}}],
 "fees":[{"key":"f","name":"Gift wrap","totals":{"total":"200"}}],
 "totals":{"total_items":"3600","total_items_tax":"0","total_fees":"200","total_fees_tax":"0","total_discount":"360",
  "total_discount_tax":"0","total_shipping":"500","total_shipping_tax":"0","total_price":"3940","total_tax":"0",
  "tax_lines":[],"currency_code":"EUR","currency_symbol":"€","currency_minor_unit":2,
  "currency_decimal_separator":",","currency_thousand_separator":".","currency_prefix":"","currency_suffix":" €"},
 "shipping_address":{"first_name":"Ann","country":"DE"},
 "billing_address":{"first_name":"Ann","email":"ann@example.com","country":"DE"},
 "needs_payment":true,"needs_shipping":true,
 "payment_requirements":["products"],
 "has_calculated_shipping":true,
 "shipping_rates":[{"package_id":0,"name":"Shipment 1","shipping_rates":[
   {"rate_id":"flat_rate:1","method_id":"flat_rate","selected":true},
   {"rate_id":"local_pickup:2","method_id":"local_pickup","selected":false}]}],
 "items_count":2,"items_weight":0.4,
 "cross_sells":[{"id":9}],
 "errors":[{"code":"woocommerce_rest_cart_item_error","message":"Only 1 left"}],
 "payment_methods":["cod","bacs"],
 "extensions":{"ns":{"k":"v"}},
 "cart_hash":"abc"
}`

func TestCamelCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"items_count", "itemsCount"},
		{"has_calculated_shipping", "hasCalculatedShipping"},
		{"needsPayment", "needsPayment"},
		{"NeedsPayment", "needsPayment"},
		{"cross-sells", "crossSells"},
		{"__x__y", "xY"},
		{"", ""},
		{"_", ""},
	}
	for _, tc := range tests {
		t.Run("D39: "+tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, CamelCase(tc.in))
		})
	}
}

func TestReceiveCart(t *testing.T) {
	resp := obj(t, storeAPICart)
	start := NewCart(value.NewObject("first_name", "Old"), nil, false, false, nil).
		SetCartErrors([]any{value.NewObject("code", "woocommerce_rest_cart_shipping_rates_invalid_country", "message", "m")})
	require.Equal(t, ShippingErrorInvalidAddress, start.ShippingErrorStatus)

	t.Run("D39: a Store API cart response fills every field", func(t *testing.T) {
		c := start.ReceiveCart(resp)
		assert.Equal(t, `[{"key":"k1","id":15,"quantity":2,"name":"Beanie","prices":{"price":"1800","currency_code":"EUR"}}]`, js(c.Items))
		assert.Equal(t, `[{"code":"ten","totals":{"total_discount":"360"}}]`, js(c.Coupons))
		assert.Equal(t, `[{"key":"f","name":"Gift wrap","totals":{"total":"200"}}]`, js(c.Fees))
		assert.Equal(t, "3940", c.Totals.Get("total_price"))
		assert.Equal(t, `{"first_name":"Ann","country":"DE"}`, js(c.ShippingAddress))
		assert.Equal(t, `{"first_name":"Ann","email":"ann@example.com","country":"DE"}`, js(c.BillingAddress), "replaced, not merged")
		assert.True(t, c.NeedsPayment)
		assert.True(t, c.NeedsShipping)
		assert.Equal(t, []string{"products"}, c.PaymentRequirementNames())
		assert.True(t, c.HasCalculatedShipping)
		assert.Equal(t, "flat_rate:1", value.AsObject(c.SelectedRates()[0]).Get("rate_id"))
		assert.Equal(t, 2.0, c.ItemsCount)
		assert.Equal(t, 0.4, c.ItemsWeight)
		assert.Equal(t, `[{"id":9}]`, js(c.CrossSells))
		assert.Equal(t, `[{"code":"woocommerce_rest_cart_item_error","message":"Only 1 left"}]`, js(c.ItemErrors))
		assert.Equal(t, []string{"cod", "bacs"}, c.PaymentMethods)
		assert.Equal(t, `{"ns":{"k":"v"}}`, js(c.Extensions))
		assert.Equal(t, `{"cartHash":"abc"}`, js(c.Other), "unknown keys kept camelCased")
		assert.Equal(t, `[]`, js(c.CartErrors), "receiveCart clears the cart API errors")
		assert.Equal(t, ShippingErrorNone, c.ShippingErrorStatus, "ref §13: errors changed -> status recomputed")
		assert.Equal(t, `{"first_name":"Old"}`, js(start.BillingAddress), "receiver unchanged")
		assert.Nil(t, start.Items, "receiver unchanged")
	})
	t.Run("D39: absent keys keep their values (merge over cartData)", func(t *testing.T) {
		c := start.ReceiveCart(resp).ReceiveCart(obj(t, `{"items_count":3}`))
		assert.Equal(t, 3.0, c.ItemsCount)
		assert.Equal(t, "3940", c.Totals.Get("total_price"))
		assert.Equal(t, []string{"cod", "bacs"}, c.PaymentMethods)
	})
	t.Run("D39: the legacy camelCase shape maps to the same fields", func(t *testing.T) {
		c := NewCart(nil, nil, true, false, nil).ReceiveCart(obj(t, `{"needsPayment":false,"needsShipping":true,"paymentMethods":["bacs",7]}`))
		assert.False(t, c.NeedsPayment)
		assert.True(t, c.NeedsShipping)
		assert.Equal(t, []string{"bacs"}, c.PaymentMethods, "non-string names dropped")
		assert.Nil(t, c.Other)
	})
	t.Run("D39: a known key of the wrong type is ignored", func(t *testing.T) {
		base := start.ReceiveCart(resp)
		c := base.ReceiveCart(obj(t, `{"items":"x","totals":[1],"needs_payment":"yes","items_count":"2","billing_address":null,"payment_methods":{}}`))
		assert.True(t, c.Equal(base), "nothing changed")
	})
	t.Run("D39: receiveCartContents keeps the addresses", func(t *testing.T) {
		c := start.ReceiveCartContents(resp)
		assert.Equal(t, `{"first_name":"Old"}`, js(c.BillingAddress))
		assert.Equal(t, `{}`, js(c.ShippingAddress))
		assert.Equal(t, "3940", c.Totals.Get("total_price"))
	})
	t.Run("nil response -> unchanged", func(t *testing.T) {
		assert.True(t, start.ReceiveCart(nil).Equal(start))
	})
	t.Run("ref §13: no API errors before -> a manual unknown_error status is kept", func(t *testing.T) {
		c := NewCart(nil, nil, true, true, nil).SetShippingErrorStatus(ShippingErrorUnknown).ReceiveCart(resp)
		assert.Equal(t, ShippingErrorUnknown, c.ShippingErrorStatus)
	})
}

func TestCartDataSelectors(t *testing.T) {
	c := NewCart(nil, nil, true, true, nil).ReceiveCart(obj(t, storeAPICart))
	t.Run("D39: getCartData is WooCommerce's cartData (camelCase top level, snake_case inside)", func(t *testing.T) {
		d := c.CartData()
		assert.Equal(t, append(cartDataKeys(), "cartHash"), d.Keys())
		assert.Equal(t, "3940", value.AsObject(d.Get("totals")).Get("total_price"))
		assert.Equal(t, `["cod","bacs"]`, js(d.Get("paymentMethods")))
		assert.Equal(t, `["products"]`, js(d.Get("paymentRequirements")))
		assert.Equal(t, 2.0, d.Get("itemsCount"))
		assert.Equal(t, "abc", d.Get("cartHash"))
	})
	t.Run("D39: getCartData of an empty cart has WooCommerce's defaults", func(t *testing.T) {
		d := NewCart(nil, nil, false, true, nil).CartData()
		assert.Equal(t, cartDataKeys(), d.Keys())
		assert.Equal(t, `[]`, js(d.Get("paymentMethods")), "no list -> []")
		assert.Equal(t, defaultTotalsJSON, js(d.Get("totals")))
		assert.Equal(t, true, d.Get("hasCalculatedShipping"))
	})
	t.Run("D39: getCartTotals", func(t *testing.T) {
		assert.Equal(t, "EUR", c.CartTotals().Get("currency_code"))
		empty := NewCart(nil, nil, true, true, nil)
		assert.Same(t, empty.CartTotals(), empty.CartTotals(), "one shared default object")
	})
	t.Run("D39: getCartMeta and the meta setters", func(t *testing.T) {
		m := NewCart(nil, nil, true, true, nil).SetUpdatingCustomerData(true).SetApplyingCoupon("ten").
			SetRemovingCoupon("five").SetIsCartDataStale(true).SetIsSelectingRate(true).SetIsLoadingRates(true)
		assert.Equal(t, `{"updatingCustomerData":true,"updatingSelectedRate":true,"applyingCoupon":"ten",`+
			`"removingCoupon":"five","isCartDataStale":true,"updatingAddressFieldsForShippingRates":true}`, js(m.Meta()))
		v := Snapshot{Cart: m}.View(CartKey, Env{})
		assert.Equal(t, true, v.Get("isCustomerDataUpdating"))
		assert.Equal(t, true, v.Get("isApplyingCoupon"))
		assert.Equal(t, "ten", v.Get("getCouponBeingApplied"))
		assert.Equal(t, true, v.Get("isRemovingCoupon"))
		assert.Equal(t, "five", v.Get("getCouponBeingRemoved"))
		assert.Equal(t, true, v.Get("isCartDataStale"))
	})
	t.Run("Equal sees every new field", func(t *testing.T) {
		base := NewCart(nil, nil, true, true, nil)
		for name, c := range map[string]Cart{
			"items":      base.ReceiveCart(obj(t, `{"items":[1]}`)),
			"totals":     base.ReceiveCart(obj(t, `{"totals":{"total_price":"1"}}`)),
			"other":      base.ReceiveCart(obj(t, `{"cart_hash":"x"}`)),
			"pm list":    base.ReceiveCart(obj(t, `{"payment_methods":[]}`)),
			"meta":       base.SetApplyingCoupon("x"),
			"stale":      base.SetIsCartDataStale(true),
			"updating":   base.SetUpdatingCustomerData(true),
			"calculated": base.ReceiveCart(obj(t, `{"has_calculated_shipping":false}`)),
		} {
			assert.False(t, c.Equal(base), name)
		}
		assert.True(t, base.ReceiveCart(obj(t, `{"totals":`+defaultTotalsJSON+`}`)).Equal(base), "default totals equal no totals")
	})
}

func TestSelectShippingRate(t *testing.T) {
	rates := `{"shipping_rates":[
	 {"package_id":0,"shipping_rates":[{"rate_id":"flat","selected":true},{"rate_id":"pickup","selected":false}]},
	 {"package_id":"b","shipping_rates":[{"rate_id":"flat","selected":false},{"rate_id":"pickup","selected":true}]},
	 "not a package",
	 {"package_id":2}]}`
	base := NewCart(nil, nil, true, true, nil).ReceiveCart(obj(t, rates))
	sel := func(c Cart) string {
		out := ""
		for _, r := range c.SelectedRates() {
			out += value.String(value.AsObject(r).Get("rate_id")) + ","
		}
		return out
	}
	tests := []struct {
		name    string
		rate    string
		pkg     any
		want    string
		changed bool
	}{
		{"D40: select in package 0 (number id)", "pickup", 0.0, "pickup,pickup,", true},
		{"D40: select in package 'b' (string id)", "flat", "b", "flat,flat,", true},
		{"D40: package ids compare in their JS string form", "pickup", "0", "pickup,pickup,", true},
		{"D40: null package -> every package that has the rate", "flat", nil, "flat,flat,", true},
		{"D40: undefined package -> every package", "pickup", value.Undef, "pickup,pickup,", true},
		{"D40: already selected -> unchanged", "flat", 0.0, "flat,pickup,", false},
		{"D40: unknown rate -> unchanged", "express", 0.0, "flat,pickup,", false},
		{"D40: unknown package -> unchanged", "pickup", 9.0, "flat,pickup,", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := base.SelectShippingRate(tc.rate, tc.pkg)
			assert.Equal(t, tc.want, sel(got))
			assert.Equal(t, tc.changed, !got.Equal(base))
			assert.Equal(t, "flat,pickup,", sel(base), "receiver unchanged")
		})
	}
}
