package store

import "github.com/wcblocks/checkoutwasm/core/value"

// CheckoutData is the server-preloaded `checkoutData` setting (ref §2.1,
// D31). Nil addresses count as empty objects.
type CheckoutData struct {
	OrderID, CustomerID int
	OrderNotes          string
	BillingAddress      *value.Object
	ShippingAddress     *value.Object
	// AdditionalFields are the preloaded additional checkout field values
	// (WooCommerce's checkoutData.additional_fields); nil means {}.
	AdditionalFields *value.Object
}

// Checkout is the state of the checkout store (ref §2.1). Field names of
// the JS state object are given by View.
type Checkout struct {
	Status               string
	HasError             bool
	RedirectURL          string
	OrderID              int
	CustomerID           int
	CalculatingCount     int
	OrderNotes           string
	UseShippingAsBilling bool
	ShouldCreateAccount  bool
	// PrefersCollection is value.Undef until set, then a bool.
	PrefersCollection any
	// ExtensionData maps namespace -> *value.Object; never nil after
	// NewCheckout.
	ExtensionData *value.Object
	// EditingBillingAddress and EditingShippingAddress are whether the
	// address forms are open (D44).
	EditingBillingAddress  bool
	EditingShippingAddress bool
	// AdditionalFields are the additional checkout field values (D44),
	// never nil after NewCheckout.
	AdditionalFields *value.Object
}

// defaultAddressFields are the keys compared when deciding whether the
// preloaded billing and shipping addresses are the same (the keys of the
// reference's defaultAddressFields setting, phone included).
func defaultAddressFields() []string {
	return []string{"first_name", "last_name", "company", "address_1", "address_2",
		"country", "city", "state", "postcode", "phone"}
}

// sameAddress reports whether every default address field is strictly
// equal in a and b (a field missing from both is undefined === undefined).
func sameAddress(a, b *value.Object) bool {
	for _, f := range defaultAddressFields() {
		if !strictEqual(a.Get(f), b.Get(f)) {
			return false
		}
	}
	return true
}

// NewCheckout returns the initial checkout state:
//   - status "pristine" (D2; the reference's undefined, ref §1.2);
//   - orderId, customerId from d (ref §2.1), orderNotes from d (D31);
//   - useShippingAsBilling true when every default address field of the
//     preloaded billing and shipping addresses is strictly equal (ref §2.1;
//     true when both are absent);
//   - editingBillingAddress / editingShippingAddress true unless the
//     preloaded address has address_1 and a first or last name (D44,
//     WooCommerce's default); additionalFields from d ({} when nil);
//   - prefersCollection undefined, extensionData {}, everything else zero.
func NewCheckout(d CheckoutData) Checkout {
	return Checkout{
		Status:               StatusPristine,
		OrderID:              d.OrderID,
		CustomerID:           d.CustomerID,
		OrderNotes:           d.OrderNotes,
		UseShippingAsBilling: sameAddress(d.BillingAddress, d.ShippingAddress),
		PrefersCollection:    value.Undef,
		ExtensionData:        value.NewObject(),

		EditingBillingAddress:  !hasAddress(d.BillingAddress),
		EditingShippingAddress: !hasAddress(d.ShippingAddress),
		AdditionalFields:       objOrEmpty(d.AdditionalFields),
	}
}

// Equal reports whether c and o hold the same state (deep equality of
// extensionData; prefersCollection compared as JS values).
func (c Checkout) Equal(o Checkout) bool {
	return c.Status == o.Status &&
		c.HasError == o.HasError &&
		c.RedirectURL == o.RedirectURL &&
		c.OrderID == o.OrderID &&
		c.CustomerID == o.CustomerID &&
		c.CalculatingCount == o.CalculatingCount &&
		c.OrderNotes == o.OrderNotes &&
		c.UseShippingAsBilling == o.UseShippingAsBilling &&
		c.ShouldCreateAccount == o.ShouldCreateAccount &&
		value.Equal(c.PrefersCollection, o.PrefersCollection) &&
		value.Equal(objOrEmpty(c.ExtensionData), objOrEmpty(o.ExtensionData)) &&
		c.EditingBillingAddress == o.EditingBillingAddress &&
		c.EditingShippingAddress == o.EditingShippingAddress &&
		value.Equal(objOrEmpty(c.AdditionalFields), objOrEmpty(o.AdditionalFields))
}

// touch applies D2 to the result of a reducer that does not set a status
// itself: when next differs from c and is still pristine, it becomes idle.
// When next equals c, c is returned unchanged (still pristine).
func (c Checkout) touch(next Checkout) Checkout {
	if next.Equal(c) {
		return c
	}
	if next.Status == StatusPristine {
		next.Status = StatusIdle
	}
	return next
}

// withStatus returns c with status s, and hasError false when clearErr.
// Status-setting reducers do not apply D2 (they set a status themselves).
func (c Checkout) withStatus(s string, clearErr bool) Checkout {
	if c.Status == s && (!clearErr || !c.HasError) {
		return c
	}
	c.Status = s
	if clearErr {
		c.HasError = false
	}
	return c
}

// SetIdle is __internalSetIdle (ref §2.2): status "idle"; unchanged when
// already idle. hasError is not touched.
func (c Checkout) SetIdle() Checkout { return c.withStatus(StatusIdle, false) }

// SetRedirectURL is __internalSetRedirectUrl (ref §2.2): sets the URL when it
// differs from the stored one (the empty string is a valid new value);
// otherwise unchanged. D2 applies.
func (c Checkout) SetRedirectURL(url string) Checkout {
	n := c
	n.RedirectURL = url
	return c.touch(n)
}

// SetComplete is __internalSetComplete (ref §2.2): status "complete"; when
// data has a string redirectUrl (any string, including "") it replaces
// the stored URL, otherwise the URL is kept. data may be nil (no data).
// hasError is not touched.
func (c Checkout) SetComplete(data *value.Object) Checkout {
	n := c.withStatus(StatusComplete, false)
	if s, ok := data.Get("redirectUrl").(string); ok && s != n.RedirectURL {
		n.RedirectURL = s
	}
	return n
}

// SetProcessing is __internalSetProcessing (ref §2.2): status "processing"
// and hasError false.
func (c Checkout) SetProcessing() Checkout { return c.withStatus(StatusProcessing, true) }

// SetBeforeProcessing is __internalSetBeforeProcessing (ref §2.2): status
// "before_processing" and hasError false.
func (c Checkout) SetBeforeProcessing() Checkout {
	return c.withStatus(StatusBeforeProcessing, true)
}

// SetAfterProcessing is __internalSetAfterProcessing (ref §2.2): status
// "after_processing"; hasError not touched.
func (c Checkout) SetAfterProcessing() Checkout {
	return c.withStatus(StatusAfterProcessing, false)
}

// SetAfterProcessingWithError sets status "after_processing" and hasError
// true in one change (D14: a declined payment goes processing ->
// after_processing with no idle state in between).
func (c Checkout) SetAfterProcessingWithError() Checkout {
	if c.Status == StatusAfterProcessing && c.HasError {
		return c
	}
	c.Status = StatusAfterProcessing
	c.HasError = true
	return c
}

// SetHasError is __internalSetHasError (ref §2.2): hasError = b, and when
// the status is "processing" or "before_processing" it becomes "idle"
// (also when b is false); any other status is kept. When the status is
// "pristine" and hasError changes, D2 moves it to "idle".
func (c Checkout) SetHasError(b bool) Checkout {
	n := c
	n.HasError = b
	if c.Status == StatusProcessing || c.Status == StatusBeforeProcessing {
		n.Status = StatusIdle
		return n
	}
	return c.touch(n)
}

// IncrementCalculating adds one to calculatingCount (ref §2.2). D2 applies.
func (c Checkout) IncrementCalculating() Checkout {
	n := c
	n.CalculatingCount++
	return c.touch(n)
}

// DecrementCalculating subtracts one from calculatingCount, never below 0
// (ref §2.2); at 0 the state is unchanged. D2 applies.
func (c Checkout) DecrementCalculating() Checkout {
	n := c
	if n.CalculatingCount > 0 {
		n.CalculatingCount--
	} else {
		n.CalculatingCount = 0
	}
	return c.touch(n)
}

// SetCustomerID is __internalSetCustomerId (ref §2.2, §9.4). Setting the
// same id leaves the state equal. D2 applies.
func (c Checkout) SetCustomerID(id int) Checkout {
	n := c
	n.CustomerID = id
	return c.touch(n)
}

// SetOrderID stores the order id of a checkout response (D15; the
// reference has no such action). D2 applies.
func (c Checkout) SetOrderID(id int) Checkout {
	n := c
	n.OrderID = id
	return c.touch(n)
}

// SetUseShippingAsBilling is __internalSetUseShippingAsBilling (ref §2.2):
// set when different, else unchanged. D2 applies.
func (c Checkout) SetUseShippingAsBilling(b bool) Checkout {
	n := c
	n.UseShippingAsBilling = b
	return c.touch(n)
}

// SetShouldCreateAccount is __internalSetShouldCreateAccount (ref §2.2): set
// when different, else unchanged. D2 applies.
func (c Checkout) SetShouldCreateAccount(b bool) Checkout {
	n := c
	n.ShouldCreateAccount = b
	return c.touch(n)
}

// SetPrefersCollection is setPrefersCollection (ref §2.2): set when
// different from the stored value (undefined counts as different), else
// unchanged. D2 applies.
func (c Checkout) SetPrefersCollection(b bool) Checkout {
	n := c
	n.PrefersCollection = b
	return c.touch(n)
}

// SetOrderNotes is __internalSetOrderNotes (ref §2.2): set when different,
// else unchanged. D2 applies.
func (c Checkout) SetOrderNotes(s string) Checkout {
	n := c
	n.OrderNotes = s
	return c.touch(n)
}

// SetExtensionData is __internalSetExtensionData (ref §2.2). A nil data
// means "data undefined": unchanged. Otherwise extensionData[namespace]
// becomes data when replace is true, else the shallow merge of the
// existing namespace object (or {}) with data, data's keys winning. Other
// namespaces are untouched; a new namespace is appended. Every string,
// including "", is a valid namespace (as in JS; the bridge maps undefined
// before calling). D2 applies when the result differs.
func (c Checkout) SetExtensionData(namespace string, data *value.Object, replace bool) Checkout {
	if data == nil {
		return c
	}
	ext := objOrEmpty(c.ExtensionData)
	nsData := data
	if !replace {
		nsData = value.AsObject(ext.Get(namespace)).Merge(data)
	}
	n := c
	n.ExtensionData = ext.With(namespace, nsData)
	return c.touch(n)
}
