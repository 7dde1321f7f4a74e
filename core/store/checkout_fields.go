package store

import "github.com/wcblocks/checkoutwasm/core/value"

// hasAddress reports whether a preloaded address counts as filled in
// (WooCommerce's default editing state): address_1 and a first or last
// name are truthy.
func hasAddress(a *value.Object) bool {
	return value.Truthy(a.Get("address_1")) &&
		(value.Truthy(a.Get("first_name")) || value.Truthy(a.Get("last_name")))
}

// SetEditingBillingAddress is setEditingBillingAddress (D44): stores
// whether the billing address form is open. Unchanged when equal; D2
// applies.
func (c Checkout) SetEditingBillingAddress(b bool) Checkout {
	n := c
	n.EditingBillingAddress = b
	return c.touch(n)
}

// SetEditingShippingAddress is setEditingShippingAddress (D44).
func (c Checkout) SetEditingShippingAddress(b bool) Checkout {
	n := c
	n.EditingShippingAddress = b
	return c.touch(n)
}

// SetAdditionalFields is setAdditionalFields (D44): a shallow merge of
// fields over the stored additional field values (fields' keys win, new
// keys are appended). A nil or empty fields leaves the state unchanged;
// D2 applies.
func (c Checkout) SetAdditionalFields(fields *value.Object) Checkout {
	if fields.Len() == 0 {
		return c
	}
	n := c
	n.AdditionalFields = objOrEmpty(c.AdditionalFields).Merge(fields)
	return c.touch(n)
}
