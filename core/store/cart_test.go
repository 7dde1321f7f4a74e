package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestNewCart(t *testing.T) {
	names := []string{"cod", "bacs"}
	c := NewCart(nil, value.NewObject("city", "X"), true, false, names)
	names[0] = "mutated"
	assert.Equal(t, `{}`, js(c.BillingAddress))
	assert.Equal(t, `{"city":"X"}`, js(c.ShippingAddress))
	assert.True(t, c.NeedsPayment)
	assert.False(t, c.NeedsShipping)
	assert.Equal(t, []string{"cod", "bacs"}, c.PaymentMethods, "payment method names are copied")
	assert.Equal(t, `[]`, js(c.ShippingRates))
	assert.Equal(t, `[]`, js(c.CartErrors))
	assert.Equal(t, ShippingErrorNone, c.ShippingErrorStatus, "ref §13: error status starts none")
	assert.False(t, c.IsLoadingRates)
	assert.False(t, c.IsSelectingRate)
}

func TestCartAddresses(t *testing.T) {
	start := NewCart(value.NewObject("first_name", "A", "city", "X"), value.NewObject("city", "S"), true, true, nil)
	tests := []struct {
		name         string
		apply        func(Cart) Cart
		wantBilling  string
		wantShipping string
	}{
		{"setBillingAddress shallow merge, new keys appended",
			func(c Cart) Cart { return c.SetBillingAddress(value.NewObject("city", "Y", "email", "e")) },
			`{"first_name":"A","city":"Y","email":"e"}`, `{"city":"S"}`},
		{"setShippingAddress shallow merge",
			func(c Cart) Cart { return c.SetShippingAddress(value.NewObject("postcode", "P")) },
			`{"first_name":"A","city":"X"}`, `{"city":"S","postcode":"P"}`},
		{"nil partial -> unchanged",
			func(c Cart) Cart { return c.SetBillingAddress(nil).SetShippingAddress(nil) },
			`{"first_name":"A","city":"X"}`, `{"city":"S"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.apply(start)
			assert.Equal(t, tc.wantBilling, js(got.BillingAddress))
			assert.Equal(t, tc.wantShipping, js(got.ShippingAddress))
			assert.Equal(t, `{"first_name":"A","city":"X"}`, js(start.BillingAddress), "receiver unchanged")
			assert.Equal(t, `{"city":"S"}`, js(start.ShippingAddress), "receiver unchanged")
		})
	}
}

// TestCartErrorsShippingStatus checks the shipping error status rules of
// ref §13 and the codes of ref §1.7.
func TestCartErrorsShippingStatus(t *testing.T) {
	tests := []struct {
		name   string
		before string // status set by SetShippingErrorStatus first
		errs   string
		want   string
	}{
		{"ref §13 no errors -> none", ShippingErrorNone, `[]`, ShippingErrorNone},
		{"ref §1.7 invalid_country -> invalid_address", ShippingErrorNone,
			`[{"code":"woocommerce_rest_cart_shipping_rates_invalid_country","message":"m"}]`, ShippingErrorInvalidAddress},
		{"ref §1.7 missing_country -> invalid_address", ShippingErrorNone,
			`[{"code":"other","message":"x"},{"code":"woocommerce_rest_cart_shipping_rates_missing_country","message":"m"}]`,
			ShippingErrorInvalidAddress},
		{"ref §1.7 invalid_state -> invalid_address", ShippingErrorNone,
			`[{"code":"woocommerce_rest_cart_shipping_rates_invalid_state"}]`, ShippingErrorInvalidAddress},
		{"ref §13 other codes -> none", ShippingErrorInvalidAddress,
			`[{"code":"woocommerce_rest_cart_coupon_errors","message":"m"}]`, ShippingErrorNone},
		{"ref §13 a cart-errors change overwrites unknown_error", ShippingErrorUnknown, `[]`, ShippingErrorNone},
		{"ref §13 non-object errors are ignored", ShippingErrorNone, `["woocommerce_rest_cart_shipping_rates_invalid_state",null]`,
			ShippingErrorNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCart(nil, nil, true, true, nil).SetShippingErrorStatus(tc.before)
			require.Equal(t, tc.before, c.ShippingErrorStatus)
			errs := arr(t, tc.errs)
			got := c.SetCartErrors(errs)
			assert.Equal(t, tc.want, got.ShippingErrorStatus)
			assert.Equal(t, tc.errs, js(got.CartErrors))
			assert.Equal(t, tc.before, c.ShippingErrorStatus, "receiver unchanged")
		})
	}
}

func TestCartShippingErrorStatus(t *testing.T) {
	tests := []struct {
		name     string
		set      string
		want     string
		hasError bool
		object   string
	}{
		{"ref §13 none", ShippingErrorNone, ShippingErrorNone, false,
			`{"isPristine":true,"isValid":true,"hasInvalidAddress":false,"hasError":false}`},
		{"ref §13 invalid_address", ShippingErrorInvalidAddress, ShippingErrorInvalidAddress, true,
			`{"isPristine":false,"isValid":false,"hasInvalidAddress":true,"hasError":true}`},
		{"ref §13 unknown_error", ShippingErrorUnknown, ShippingErrorUnknown, true,
			`{"isPristine":false,"isValid":false,"hasInvalidAddress":false,"hasError":true}`},
		{"ref §13 other values are not accepted", "bogus", ShippingErrorNone, false,
			`{"isPristine":true,"isValid":true,"hasInvalidAddress":false,"hasError":false}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCart(nil, nil, false, true, nil).SetShippingErrorStatus(tc.set)
			assert.Equal(t, tc.want, c.ShippingErrorStatus)
			assert.Equal(t, tc.hasError, c.ShippingHasError())
			assert.Equal(t, tc.object, js(c.ShippingErrorStatusObject()))
		})
	}
}

func TestCartRates(t *testing.T) {
	rates := `[
		{"package_id":0,"name":"P1","shipping_rates":[
			{"rate_id":"flat:1","method_id":"flat_rate","selected":false},
			{"rate_id":"pickup:2","method_id":"pickup_location","selected":true}]},
		{"package_id":1,"name":"P2","shipping_rates":[{"rate_id":"free:3","method_id":"free_shipping","selected":false}]},
		{"package_id":2,"name":"P3","shipping_rates":[{"rate_id":"flat:4","method_id":"flat_rate","selected":true}]}
	]`
	c := NewCart(nil, nil, true, true, nil)
	in := arr(t, rates)
	got := c.SetShippingRates(in).SetIsLoadingRates(true).SetIsSelectingRate(true)
	in[0] = "mutated"
	assert.True(t, got.IsLoadingRates)
	assert.True(t, got.IsSelectingRate)
	require.Len(t, got.ShippingRates, 3)
	assert.NotEqual(t, "mutated", got.ShippingRates[0], "rates slice is copied")
	assert.Equal(t, `[{"rate_id":"pickup:2","method_id":"pickup_location","selected":true},`+
		`{"rate_id":"flat:4","method_id":"flat_rate","selected":true}]`, js(got.SelectedRates()))
	assert.Equal(t, `[]`, js(c.SelectedRates()))
	assert.Empty(t, c.ShippingRates, "receiver unchanged")
	assert.Equal(t, `[]`, js(got.SetShippingRates(nil).ShippingRates))
}

func TestCartEqual(t *testing.T) {
	base := NewCart(nil, nil, true, true, []string{"cod"})
	tests := []struct {
		name string
		edit func(Cart) Cart
	}{
		{"billing", func(c Cart) Cart { return c.SetBillingAddress(value.NewObject("a", "b")) }},
		{"shipping", func(c Cart) Cart { return c.SetShippingAddress(value.NewObject("a", "b")) }},
		{"needsPayment", func(c Cart) Cart { c.NeedsPayment = false; return c }},
		{"needsShipping", func(c Cart) Cart { c.NeedsShipping = false; return c }},
		{"paymentMethods", func(c Cart) Cart { c.PaymentMethods = []string{"bacs"}; return c }},
		{"rates", func(c Cart) Cart { return c.SetShippingRates([]any{value.NewObject()}) }},
		{"loading", func(c Cart) Cart { return c.SetIsLoadingRates(true) }},
		{"selecting", func(c Cart) Cart { return c.SetIsSelectingRate(true) }},
		{"errors", func(c Cart) Cart { return c.SetCartErrors([]any{value.NewObject("code", "x")}) }},
		{"status", func(c Cart) Cart { return c.SetShippingErrorStatus(ShippingErrorUnknown) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.False(t, tc.edit(base).Equal(base))
		})
	}
	t.Run("nil slices equal empty ones", func(t *testing.T) {
		o := base
		o.ShippingRates, o.CartErrors = nil, nil
		assert.True(t, o.Equal(base))
	})
}
