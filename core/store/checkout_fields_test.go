package store

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestCheckoutEditingAndAdditionalFields(t *testing.T) {
	full := value.NewObject("first_name", "Ann", "address_1", "Main St 1")
	t.Run("D44: editing defaults follow the preloaded addresses", func(t *testing.T) {
		c := NewCheckout(CheckoutData{BillingAddress: full, ShippingAddress: value.NewObject("address_1", "x")})
		assert.False(t, c.EditingBillingAddress, "address_1 and a name -> not editing")
		assert.True(t, c.EditingShippingAddress, "no name -> editing")
		c = NewCheckout(CheckoutData{})
		assert.True(t, c.EditingBillingAddress)
		assert.True(t, c.EditingShippingAddress)
		assert.Equal(t, `{}`, js(c.AdditionalFields))
	})
	t.Run("D44: preloaded additional fields", func(t *testing.T) {
		c := NewCheckout(CheckoutData{AdditionalFields: value.NewObject("ns/gift", true)})
		assert.Equal(t, `{"ns/gift":true}`, js(c.AdditionalFields))
	})
	tests := []struct {
		name   string
		apply  func(Checkout) Checkout
		status string
		check  func(t *testing.T, c Checkout)
	}{
		{"D44: setEditingBillingAddress, D2 pristine -> idle",
			func(c Checkout) Checkout { return c.SetEditingBillingAddress(false) }, StatusIdle,
			func(t *testing.T, c Checkout) { assert.False(t, c.EditingBillingAddress) }},
		{"D44: setEditingShippingAddress",
			func(c Checkout) Checkout { return c.SetEditingShippingAddress(false) }, StatusIdle,
			func(t *testing.T, c Checkout) { assert.False(t, c.EditingShippingAddress) }},
		{"D44: same value -> unchanged (still pristine)",
			func(c Checkout) Checkout { return c.SetEditingBillingAddress(true) }, StatusPristine,
			func(t *testing.T, c Checkout) { assert.True(t, c.EditingBillingAddress) }},
		{"D44: setAdditionalFields merges, new keys appended",
			func(c Checkout) Checkout {
				return c.SetAdditionalFields(value.NewObject("a", "1", "b", "2")).SetAdditionalFields(value.NewObject("b", "3", "c", "4"))
			}, StatusIdle,
			func(t *testing.T, c Checkout) { assert.Equal(t, `{"a":"1","b":"3","c":"4"}`, js(c.AdditionalFields)) }},
		{"D44: setAdditionalFields with nothing -> unchanged",
			func(c Checkout) Checkout { return c.SetAdditionalFields(nil).SetAdditionalFields(value.NewObject()) }, StatusPristine,
			func(t *testing.T, c Checkout) { assert.Equal(t, `{}`, js(c.AdditionalFields)) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := NewCheckout(CheckoutData{})
			got := tc.apply(start)
			assert.Equal(t, tc.status, got.Status)
			tc.check(t, got)
			assert.Equal(t, StatusPristine, start.Status, "receiver unchanged")
			assert.Equal(t, `{}`, js(start.AdditionalFields), "receiver unchanged")
		})
	}
	t.Run("D44: the view and the state object carry the new fields", func(t *testing.T) {
		c := NewCheckout(CheckoutData{}).SetAdditionalFields(value.NewObject("x", "y"))
		v := Snapshot{Checkout: c}.View(CheckoutKey, Env{})
		assert.Equal(t, true, v.Get("getEditingBillingAddress"))
		assert.Equal(t, `{"x":"y"}`, js(v.Get("getAdditionalFields")))
		st := value.AsObject(v.Get("state"))
		assert.Equal(t, `{"x":"y"}`, js(st.Get("additionalFields")))
		assert.Equal(t, true, st.Get("editingShippingAddress"))
	})
}
