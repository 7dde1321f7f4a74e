package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// TestNewCheckout covers the default state of ref §2.1, D2 and D31.
func TestNewCheckout(t *testing.T) {
	full := `{"first_name":"A","last_name":"B","company":"","address_1":"1 St","address_2":"",
	          "country":"GB","city":"X","state":"","postcode":"N1","phone":"1","email":"a@b.c"}`
	tests := []struct {
		name           string
		data           func(t *testing.T) CheckoutData
		wantOrder      int
		wantCustomer   int
		wantNotes      string
		wantShipAsBill bool
	}{
		{
			name:           "ref §2.1: no preloaded data, both addresses {} -> useShippingAsBilling true",
			data:           func(*testing.T) CheckoutData { return CheckoutData{} },
			wantShipAsBill: true,
		},
		{
			name: "ref §2.1: ids preloaded; D31: order_notes preloads orderNotes",
			data: func(*testing.T) CheckoutData {
				return CheckoutData{OrderID: 12, CustomerID: 3, OrderNotes: "leave at door"}
			},
			wantOrder: 12, wantCustomer: 3, wantNotes: "leave at door", wantShipAsBill: true,
		},
		{
			name: "ref §2.1: equal default fields -> true (email is not a default address field)",
			data: func(t *testing.T) CheckoutData {
				ship := obj(t, full).Without("email")
				return CheckoutData{BillingAddress: obj(t, full), ShippingAddress: ship}
			},
			wantShipAsBill: true,
		},
		{
			name: "ref §2.1: a differing default field (city) -> false",
			data: func(t *testing.T) CheckoutData {
				return CheckoutData{BillingAddress: obj(t, full), ShippingAddress: obj(t, full).With("city", "Y")}
			},
			wantShipAsBill: false,
		},
		{
			name: "ref §2.1: phone is a default address field",
			data: func(t *testing.T) CheckoutData {
				return CheckoutData{BillingAddress: obj(t, full), ShippingAddress: obj(t, full).With("phone", "2")}
			},
			wantShipAsBill: false,
		},
		{
			name: "ref §2.1: strict equality: missing (undefined) is not ''",
			data: func(t *testing.T) CheckoutData {
				return CheckoutData{BillingAddress: obj(t, `{"company":""}`), ShippingAddress: obj(t, `{}`)}
			},
			wantShipAsBill: false,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCheckout(tc.data(t))
			assert.Equal(t, StatusPristine, c.Status, "D2: initial status is pristine")
			assert.False(t, c.HasError)
			assert.Equal(t, "", c.RedirectURL)
			assert.Equal(t, tc.wantOrder, c.OrderID)
			assert.Equal(t, tc.wantCustomer, c.CustomerID)
			assert.Equal(t, 0, c.CalculatingCount)
			assert.Equal(t, tc.wantNotes, c.OrderNotes)
			assert.Equal(t, tc.wantShipAsBill, c.UseShippingAsBilling)
			assert.False(t, c.ShouldCreateAccount)
			assert.True(t, value.IsUndefined(c.PrefersCollection))
			require.NotNil(t, c.ExtensionData)
			assert.Equal(t, 0, c.ExtensionData.Len())
		})
	}
}

// idleCheckout returns a checkout already out of pristine, so that the ref §2.2
// rules can be checked without the D2 transition.
func idleCheckout() Checkout {
	c := NewCheckout(CheckoutData{})
	c.Status = StatusIdle
	return c
}

func withStatus(s string, hasError bool) Checkout {
	c := idleCheckout()
	c.Status = s
	c.HasError = hasError
	return c
}

// TestCheckoutReducers checks every reducer rule of ref §2.2 (from a
// non-pristine state; D2 is tested separately).
func TestCheckoutReducers(t *testing.T) {
	type tcase struct {
		name  string
		start Checkout
		apply func(Checkout) Checkout
		want  func(Checkout) Checkout // edits the start state into the expected one
		same  bool                    // the rule says "unchanged"
	}
	tests := []tcase{
		{name: "ref §2.2 SetIdle: already idle -> unchanged", start: withStatus(StatusIdle, true),
			apply: Checkout.SetIdle, same: true},
		{name: "ref §2.2 SetIdle: status idle, hasError untouched", start: withStatus(StatusProcessing, true),
			apply: Checkout.SetIdle, want: func(c Checkout) Checkout { c.Status = StatusIdle; return c }},
		{name: "ref §2.2 SetRedirectURL: new url set",
			start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetRedirectURL("https://x/") },
			want:  func(c Checkout) Checkout { c.RedirectURL = "https://x/"; return c }},
		{name: "ref §2.2 SetRedirectURL: same url -> unchanged",
			start: func() Checkout { c := idleCheckout(); c.RedirectURL = "u"; return c }(),
			apply: func(c Checkout) Checkout { return c.SetRedirectURL("u") }, same: true},
		{name: "ref §2.2 SetRedirectURL: empty string is a valid new value",
			start: func() Checkout { c := idleCheckout(); c.RedirectURL = "u"; return c }(),
			apply: func(c Checkout) Checkout { return c.SetRedirectURL("") },
			want:  func(c Checkout) Checkout { c.RedirectURL = ""; return c }},
		{name: "ref §2.2 SetComplete(nil): complete, url kept, hasError untouched",
			start: func() Checkout { c := withStatus(StatusAfterProcessing, true); c.RedirectURL = "u"; return c }(),
			apply: func(c Checkout) Checkout { return c.SetComplete(nil) },
			want:  func(c Checkout) Checkout { c.Status = StatusComplete; return c }},
		{name: "ref §2.2 SetComplete: string redirectUrl replaces",
			start: func() Checkout { c := withStatus(StatusAfterProcessing, false); c.RedirectURL = "u"; return c }(),
			apply: func(c Checkout) Checkout {
				return c.SetComplete(value.NewObject("redirectUrl", "https://done/"))
			},
			want: func(c Checkout) Checkout { c.Status = StatusComplete; c.RedirectURL = "https://done/"; return c }},
		{name: "ref §2.2 SetComplete: '' redirectUrl replaces too",
			start: func() Checkout { c := withStatus(StatusAfterProcessing, false); c.RedirectURL = "u"; return c }(),
			apply: func(c Checkout) Checkout { return c.SetComplete(value.NewObject("redirectUrl", "")) },
			want:  func(c Checkout) Checkout { c.Status = StatusComplete; c.RedirectURL = ""; return c }},
		{name: "ref §2.2 SetComplete: non-string redirectUrl keeps url",
			start: func() Checkout { c := withStatus(StatusAfterProcessing, false); c.RedirectURL = "u"; return c }(),
			apply: func(c Checkout) Checkout { return c.SetComplete(value.NewObject("redirectUrl", 5.0)) },
			want:  func(c Checkout) Checkout { c.Status = StatusComplete; return c }},
		{name: "ref §2.2 SetProcessing: processing and hasError false", start: withStatus(StatusBeforeProcessing, true),
			apply: Checkout.SetProcessing,
			want:  func(c Checkout) Checkout { c.Status = StatusProcessing; c.HasError = false; return c }},
		{name: "ref §2.2 SetBeforeProcessing: before_processing and hasError false", start: withStatus(StatusIdle, true),
			apply: Checkout.SetBeforeProcessing,
			want:  func(c Checkout) Checkout { c.Status = StatusBeforeProcessing; c.HasError = false; return c }},
		{name: "ref §2.2 SetBeforeProcessing: already there, no error -> unchanged",
			start: withStatus(StatusBeforeProcessing, false), apply: Checkout.SetBeforeProcessing, same: true},
		{name: "ref §2.2 SetAfterProcessing: hasError untouched (true stays)", start: withStatus(StatusIdle, true),
			apply: Checkout.SetAfterProcessing,
			want:  func(c Checkout) Checkout { c.Status = StatusAfterProcessing; return c }},
		{name: "ref §2.2 SetAfterProcessing: hasError untouched (false stays)", start: withStatus(StatusProcessing, false),
			apply: Checkout.SetAfterProcessing,
			want:  func(c Checkout) Checkout { c.Status = StatusAfterProcessing; return c }},
		{name: "ref §2.2 SetHasError(true) in processing -> idle", start: withStatus(StatusProcessing, false),
			apply: func(c Checkout) Checkout { return c.SetHasError(true) },
			want:  func(c Checkout) Checkout { c.Status = StatusIdle; c.HasError = true; return c }},
		{name: "ref §2.2 SetHasError(false) in before_processing -> idle too", start: withStatus(StatusBeforeProcessing, false),
			apply: func(c Checkout) Checkout { return c.SetHasError(false) },
			want:  func(c Checkout) Checkout { c.Status = StatusIdle; return c }},
		{name: "ref §2.2 SetHasError(true) in after_processing keeps status", start: withStatus(StatusAfterProcessing, false),
			apply: func(c Checkout) Checkout { return c.SetHasError(true) },
			want:  func(c Checkout) Checkout { c.HasError = true; return c }},
		{name: "ref §2.2 SetHasError(false) in complete keeps status", start: withStatus(StatusComplete, true),
			apply: func(c Checkout) Checkout { return c.SetHasError(false) },
			want:  func(c Checkout) Checkout { c.HasError = false; return c }},
		{name: "ref §2.2 IncrementCalculating", start: idleCheckout(),
			apply: Checkout.IncrementCalculating,
			want:  func(c Checkout) Checkout { c.CalculatingCount = 1; return c }},
		{name: "ref §2.2 DecrementCalculating", start: func() Checkout { c := idleCheckout(); c.CalculatingCount = 2; return c }(),
			apply: Checkout.DecrementCalculating,
			want:  func(c Checkout) Checkout { c.CalculatingCount = 1; return c }},
		{name: "ref §2.2 DecrementCalculating: clamped at 0", start: idleCheckout(),
			apply: Checkout.DecrementCalculating, same: true},
		{name: "ref §2.2 SetCustomerID", start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetCustomerID(7) },
			want:  func(c Checkout) Checkout { c.CustomerID = 7; return c }},
		{name: "ref §9.4 SetCustomerID(0) from another id sets 0",
			start: func() Checkout { c := idleCheckout(); c.CustomerID = 7; return c }(),
			apply: func(c Checkout) Checkout { return c.SetCustomerID(0) },
			want:  func(c Checkout) Checkout { c.CustomerID = 0; return c }},
		{name: "D15 SetOrderID", start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetOrderID(99) },
			want:  func(c Checkout) Checkout { c.OrderID = 99; return c }},
		{name: "ref §2.2 SetUseShippingAsBilling: different -> set", start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetUseShippingAsBilling(false) },
			want:  func(c Checkout) Checkout { c.UseShippingAsBilling = false; return c }},
		{name: "ref §2.2 SetUseShippingAsBilling: same -> unchanged", start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetUseShippingAsBilling(true) }, same: true},
		{name: "ref §2.2 SetShouldCreateAccount: different -> set", start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetShouldCreateAccount(true) },
			want:  func(c Checkout) Checkout { c.ShouldCreateAccount = true; return c }},
		{name: "ref §2.2 SetShouldCreateAccount: same -> unchanged", start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetShouldCreateAccount(false) }, same: true},
		{name: "ref §2.2 SetPrefersCollection: undefined -> false is a change", start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetPrefersCollection(false) },
			want:  func(c Checkout) Checkout { c.PrefersCollection = false; return c }},
		{name: "ref §2.2 SetPrefersCollection: same -> unchanged",
			start: func() Checkout { c := idleCheckout(); c.PrefersCollection = true; return c }(),
			apply: func(c Checkout) Checkout { return c.SetPrefersCollection(true) }, same: true},
		{name: "ref §2.2 SetOrderNotes: different -> set", start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetOrderNotes("n") },
			want:  func(c Checkout) Checkout { c.OrderNotes = "n"; return c }},
		{name: "ref §2.2 SetOrderNotes: same -> unchanged", start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetOrderNotes("") }, same: true},
		{name: "ref §2.2 SetExtensionData: nil data (undefined) -> unchanged", start: idleCheckout(),
			apply: func(c Checkout) Checkout { return c.SetExtensionData("ns", nil, false) }, same: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.apply(tc.start)
			if tc.same {
				assert.True(t, got.Equal(tc.start), "want unchanged, got %+v", got)
				return
			}
			require.NotNil(t, tc.want)
			want := tc.want(tc.start)
			assert.True(t, got.Equal(want), "got %+v\nwant %+v", got, want)
			assert.False(t, got.Equal(tc.start), "the rule must change state")
		})
	}
}

// TestCheckoutSetExtensionData covers the SET_EXTENSION_DATA rule of ref §2.2.
func TestCheckoutSetExtensionData(t *testing.T) {
	start := idleCheckout()
	start.ExtensionData = obj(t, `{"a":{"x":1,"y":2},"b":{"k":true}}`)
	tests := []struct {
		name      string
		namespace string
		data      string
		replace   bool
		want      string
	}{
		{"ref §2.2 merge into existing namespace, new keys win", "a", `{"y":3,"z":4}`, false,
			`{"a":{"x":1,"y":3,"z":4},"b":{"k":true}}`},
		{"ref §2.2 replace an existing namespace", "a", `{"z":4}`, true,
			`{"a":{"z":4},"b":{"k":true}}`},
		{"ref §2.2 merge into a new namespace", "c", `{"q":1}`, false,
			`{"a":{"x":1,"y":2},"b":{"k":true},"c":{"q":1}}`},
		{"ref §2.2 replace with {} empties only that namespace", "b", `{}`, true,
			`{"a":{"x":1,"y":2},"b":{}}`},
		{"empty namespace string is a key like any other (JS semantics)", "", `{"e":1}`, false,
			`{"a":{"x":1,"y":2},"b":{"k":true},"":{"e":1}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := js(start.ExtensionData)
			got := start.SetExtensionData(tc.namespace, obj(t, tc.data), tc.replace)
			assert.JSONEq(t, tc.want, js(got.ExtensionData))
			assert.Equal(t, before, js(start.ExtensionData), "receiver's extensionData must not change")
		})
	}
	t.Run("ref §2.2 merge with the same values -> equal state", func(t *testing.T) {
		got := start.SetExtensionData("a", obj(t, `{"x":1}`), false)
		assert.True(t, got.Equal(start))
	})
}

// TestCheckoutD2 checks D2: any reducer that changes checkout state and
// does not set a status itself moves "pristine" to "idle"; reducers that
// change nothing leave "pristine"; status-setting reducers set their own.
func TestCheckoutD2(t *testing.T) {
	changing := []struct {
		name  string
		apply func(Checkout) Checkout
	}{
		{"SetRedirectURL", func(c Checkout) Checkout { return c.SetRedirectURL("u") }},
		{"SetHasError(true)", func(c Checkout) Checkout { return c.SetHasError(true) }},
		{"IncrementCalculating", Checkout.IncrementCalculating},
		{"SetCustomerID", func(c Checkout) Checkout { return c.SetCustomerID(4) }},
		{"SetOrderID", func(c Checkout) Checkout { return c.SetOrderID(4) }},
		{"SetUseShippingAsBilling", func(c Checkout) Checkout { return c.SetUseShippingAsBilling(false) }},
		{"SetShouldCreateAccount", func(c Checkout) Checkout { return c.SetShouldCreateAccount(true) }},
		{"SetPrefersCollection", func(c Checkout) Checkout { return c.SetPrefersCollection(true) }},
		{"SetOrderNotes", func(c Checkout) Checkout { return c.SetOrderNotes("x") }},
		{"SetExtensionData", func(c Checkout) Checkout { return c.SetExtensionData("n", value.NewObject("k", 1.0), false) }},
	}
	for _, tc := range changing {
		t.Run("D2 pristine->idle on "+tc.name, func(t *testing.T) {
			c := NewCheckout(CheckoutData{})
			require.Equal(t, StatusPristine, c.Status)
			got := tc.apply(c)
			assert.Equal(t, StatusIdle, got.Status)
			assert.Equal(t, StatusPristine, c.Status, "receiver unchanged")
		})
	}
	noop := []struct {
		name  string
		apply func(Checkout) Checkout
	}{
		{"SetRedirectURL same", func(c Checkout) Checkout { return c.SetRedirectURL("") }},
		{"SetHasError(false)", func(c Checkout) Checkout { return c.SetHasError(false) }},
		{"DecrementCalculating at 0", Checkout.DecrementCalculating},
		{"SetCustomerID same", func(c Checkout) Checkout { return c.SetCustomerID(0) }},
		{"SetOrderID same", func(c Checkout) Checkout { return c.SetOrderID(0) }},
		{"SetUseShippingAsBilling same", func(c Checkout) Checkout { return c.SetUseShippingAsBilling(true) }},
		{"SetShouldCreateAccount same", func(c Checkout) Checkout { return c.SetShouldCreateAccount(false) }},
		{"SetOrderNotes same", func(c Checkout) Checkout { return c.SetOrderNotes("") }},
		{"SetExtensionData nil", func(c Checkout) Checkout { return c.SetExtensionData("n", nil, true) }},
	}
	for _, tc := range noop {
		t.Run("D2 pristine kept when nothing changes: "+tc.name, func(t *testing.T) {
			c := NewCheckout(CheckoutData{})
			got := tc.apply(c)
			assert.Equal(t, StatusPristine, got.Status)
			assert.True(t, got.Equal(c))
		})
	}
	statusSetting := []struct {
		name  string
		apply func(Checkout) Checkout
		want  string
	}{
		{"SetIdle", Checkout.SetIdle, StatusIdle},
		{"SetBeforeProcessing", Checkout.SetBeforeProcessing, StatusBeforeProcessing},
		{"SetProcessing", Checkout.SetProcessing, StatusProcessing},
		{"SetAfterProcessing", Checkout.SetAfterProcessing, StatusAfterProcessing},
		{"SetAfterProcessingWithError", Checkout.SetAfterProcessingWithError, StatusAfterProcessing},
		{"SetComplete", func(c Checkout) Checkout { return c.SetComplete(nil) }, StatusComplete},
	}
	for _, tc := range statusSetting {
		t.Run("D2 status-setting action sets its own status: "+tc.name, func(t *testing.T) {
			got := tc.apply(NewCheckout(CheckoutData{}))
			assert.Equal(t, tc.want, got.Status)
		})
	}
	t.Run("D2 no effect once out of pristine", func(t *testing.T) {
		c := withStatus(StatusProcessing, false).IncrementCalculating()
		assert.Equal(t, StatusProcessing, c.Status)
	})
}

// TestCheckoutD14 checks SetAfterProcessingWithError: one change to
// after_processing with hasError true, no idle in between.
func TestCheckoutD14(t *testing.T) {
	tests := []struct {
		name  string
		start Checkout
		same  bool
	}{
		{"D14 from processing without error", withStatus(StatusProcessing, false), false},
		{"D14 from idle with error", withStatus(StatusIdle, true), false},
		{"D14 already after_processing with error -> unchanged", withStatus(StatusAfterProcessing, true), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.start.SetAfterProcessingWithError()
			assert.Equal(t, StatusAfterProcessing, got.Status)
			assert.True(t, got.HasError)
			assert.Equal(t, tc.same, got.Equal(tc.start))
			// The same fields otherwise.
			got.Status, got.HasError = tc.start.Status, tc.start.HasError
			assert.True(t, got.Equal(tc.start))
		})
	}
}

func TestCheckoutEqual(t *testing.T) {
	base := idleCheckout()
	tests := []struct {
		name string
		edit func(*Checkout)
	}{
		{"status", func(c *Checkout) { c.Status = StatusComplete }},
		{"hasError", func(c *Checkout) { c.HasError = true }},
		{"redirectUrl", func(c *Checkout) { c.RedirectURL = "x" }},
		{"orderId", func(c *Checkout) { c.OrderID = 1 }},
		{"customerId", func(c *Checkout) { c.CustomerID = 1 }},
		{"calculatingCount", func(c *Checkout) { c.CalculatingCount = 1 }},
		{"orderNotes", func(c *Checkout) { c.OrderNotes = "x" }},
		{"useShippingAsBilling", func(c *Checkout) { c.UseShippingAsBilling = false }},
		{"shouldCreateAccount", func(c *Checkout) { c.ShouldCreateAccount = true }},
		{"prefersCollection", func(c *Checkout) { c.PrefersCollection = false }},
		{"extensionData", func(c *Checkout) { c.ExtensionData = value.NewObject("a", value.NewObject()) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := base
			tc.edit(&o)
			assert.False(t, base.Equal(o))
			assert.False(t, o.Equal(base))
		})
	}
	t.Run("nil extensionData equals {}", func(t *testing.T) {
		o := base
		o.ExtensionData = nil
		assert.True(t, base.Equal(o))
	})
}
