package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

func newSnapshot() Snapshot {
	return Snapshot{
		Checkout:   NewCheckout(CheckoutData{}),
		Payment:    NewPayment(nil),
		Validation: NewValidation(),
		Notices:    NewNotices(),
		Cart:       NewCart(nil, nil, true, true, []string{"cod"}),
	}
}

func TestViewCheckout(t *testing.T) {
	s := newSnapshot()
	s.Checkout = NewCheckout(CheckoutData{OrderID: 5, CustomerID: 2, OrderNotes: "n"}).
		SetBeforeProcessing().SetProcessing().IncrementCalculating().
		SetRedirectURL("https://r/").SetExtensionData("ns", value.NewObject("k", "v"), false)
	v := s.View(CheckoutKey, Env{})
	require.NotNil(t, v)
	assert.Equal(t, []string{
		"getCheckoutStatus", "isIdle", "isComplete", "isBeforeProcessing", "isProcessing",
		"isAfterProcessing", "hasError", "hasOrder", "isCalculating", "getOrderId", "getCustomerId",
		"getOrderNotes", "getRedirectUrl", "getUseShippingAsBilling", "getShouldCreateAccount",
		"getExtensionData", "prefersCollection",
		"getEditingBillingAddress", "getEditingShippingAddress", "getAdditionalFields", "state",
	}, v.Keys(), "contracts.md, D44: every zero-arg checkout selector plus state")
	assert.Equal(t, `{"getCheckoutStatus":"processing","isIdle":false,"isComplete":false,"isBeforeProcessing":false,`+
		`"isProcessing":true,"isAfterProcessing":false,"hasError":false,"hasOrder":true,"isCalculating":true,`+
		`"getOrderId":5,"getCustomerId":2,"getOrderNotes":"n","getRedirectUrl":"https://r/",`+
		`"getUseShippingAsBilling":true,"getShouldCreateAccount":false,"getExtensionData":{"ns":{"k":"v"}},`+
		`"prefersCollection":false,`+
		`"getEditingBillingAddress":true,"getEditingShippingAddress":true,"getAdditionalFields":{},`+
		`"state":{"redirectUrl":"https://r/","status":"processing","hasError":false,"orderId":5,"customerId":2,`+
		`"calculatingCount":1,"orderNotes":"n","useShippingAsBilling":true,"shouldCreateAccount":false,`+
		`"extensionData":{"ns":{"k":"v"}},`+
		`"editingBillingAddress":true,"editingShippingAddress":true,"additionalFields":{}}}`, js(v))
	st := value.AsObject(v.Get("state"))
	require.True(t, st.Has("prefersCollection"), "ref §2.1 prefersCollection key present (undefined)")
	assert.True(t, value.IsUndefined(st.Get("prefersCollection")))
	assert.IsType(t, float64(0), v.Get("getOrderId"), "numbers are float64")
}

// TestViewCheckoutStatusFlags checks the ref §2.3 status selectors and D2
// (isIdle false while pristine).
func TestViewCheckoutStatusFlags(t *testing.T) {
	flags := []string{"isIdle", "isComplete", "isBeforeProcessing", "isProcessing", "isAfterProcessing"}
	tests := []struct {
		status string
		true_  string
	}{
		{StatusPristine, ""},
		{StatusIdle, "isIdle"},
		{StatusComplete, "isComplete"},
		{StatusBeforeProcessing, "isBeforeProcessing"},
		{StatusProcessing, "isProcessing"},
		{StatusAfterProcessing, "isAfterProcessing"},
	}
	for _, tc := range tests {
		t.Run("ref §2.3/D2 status "+tc.status, func(t *testing.T) {
			s := newSnapshot()
			s.Checkout.Status = tc.status
			v := s.View(CheckoutKey, Env{})
			assert.Equal(t, tc.status, v.Get("getCheckoutStatus"))
			for _, f := range flags {
				assert.Equal(t, f == tc.true_, v.Get(f), f)
			}
		})
	}
	t.Run("ref §2.3 hasOrder false for order id 0", func(t *testing.T) {
		assert.Equal(t, false, newSnapshot().View(CheckoutKey, Env{}).Get("hasOrder"))
	})
}

// TestPrefersCollection checks the prefersCollection selector (ref §2.3).
func TestPrefersCollection(t *testing.T) {
	pickupSelected := `[{"package_id":0,"shipping_rates":[
		{"rate_id":"flat:1","method_id":"flat_rate","selected":false},
		{"rate_id":"pickup:2","method_id":"pickup_location","selected":true}]},
		{"package_id":1,"shipping_rates":[{"rate_id":"flat:3","method_id":"flat_rate","selected":true}]}]`
	flatSelected := `[{"package_id":0,"shipping_rates":[{"rate_id":"flat:1","method_id":"flat_rate","selected":true}]},
		{"package_id":1,"shipping_rates":[{"rate_id":"pickup:2","method_id":"pickup_location","selected":true}]}]`
	noneSelected := `[{"package_id":0,"shipping_rates":[{"rate_id":"flat:1","method_id":"flat_rate","selected":false}]}]`
	numericMethod := `[{"package_id":0,"shipping_rates":[{"rate_id":"x","method_id":5,"selected":true}]}]`
	env := Env{LocalPickupEnabled: true, CollectableMethodIDs: []string{"pickup_location", "local_pickup"}}
	tests := []struct {
		name   string
		stored any
		rates  string
		env    Env
		want   any
	}{
		{"ref §2.3 stored true wins", true, noneSelected, env, true},
		{"ref §2.3 stored false wins over collectable rate", false, pickupSelected, env, false},
		{"ref §2.3 undefined, no packages -> false", value.Undef, `[]`, env, false},
		{"ref §2.3 undefined, first package's selected rate collectable -> true", value.Undef, pickupSelected, env, true},
		{"ref §2.3 only the first package counts", value.Undef, flatSelected, env, false},
		{"ref §2.3 local pickup disabled -> false", value.Undef, pickupSelected,
			Env{CollectableMethodIDs: []string{"pickup_location"}}, false},
		{"ref §2.3 no selected rate -> stored value (undefined)", value.Undef, noneSelected, env, value.Undef},
		{"ref §2.3 method_id not a string -> stored value (undefined)", value.Undef, numericMethod, env, value.Undef},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnapshot()
			s.Checkout.PrefersCollection = tc.stored
			s.Cart = s.Cart.SetShippingRates(arr(t, tc.rates))
			assert.Equal(t, tc.want, s.PrefersCollection(tc.env))
			assert.Equal(t, tc.want, s.View(CheckoutKey, tc.env).Get("prefersCollection"))
		})
	}
}

// TestViewPaymentDeprecated checks D3 / ref §3.3: the deprecated selectors
// and getCurrentStatus give the values of their replacements.
func TestViewPaymentDeprecated(t *testing.T) {
	tests := []struct {
		status string
		want   map[string]bool
		cur    map[string]bool
	}{
		{PaymentIdle,
			map[string]bool{"isPaymentIdle": true, "isPaymentPristine": true},
			map[string]bool{"isPristine": true, "isIdle": true}},
		{PaymentExpressStarted,
			map[string]bool{"isExpressPaymentStarted": true, "isPaymentStarted": true},
			map[string]bool{"isStarted": true}},
		{PaymentProcessing,
			map[string]bool{"isPaymentProcessing": true},
			map[string]bool{"isProcessing": true}},
		{PaymentReady,
			map[string]bool{"isPaymentReady": true, "isPaymentSuccess": true},
			map[string]bool{"isFinished": true, "isSuccessful": true}},
		{PaymentError,
			map[string]bool{"hasPaymentError": true, "isPaymentFailed": true},
			map[string]bool{"isFinished": true, "hasError": true, "hasFailed": true}},
	}
	flags := []string{"isPaymentIdle", "isExpressPaymentStarted", "isPaymentProcessing", "isPaymentReady",
		"hasPaymentError", "isPaymentPristine", "isPaymentStarted", "isPaymentSuccess", "isPaymentFailed"}
	curFlags := []string{"isPristine", "isIdle", "isStarted", "isProcessing", "isFinished", "hasError",
		"hasFailed", "isSuccessful", "isDoingExpressPayment"}
	for _, tc := range tests {
		t.Run("D3 status "+tc.status, func(t *testing.T) {
			s := newSnapshot()
			s.Payment.Status = tc.status
			v := s.View(PaymentKey, Env{})
			for _, f := range flags {
				assert.Equal(t, tc.want[f], v.Get(f), f)
			}
			cur := value.AsObject(v.Get("getCurrentStatus"))
			require.NotNil(t, cur, "getCurrentStatus is a plain object")
			assert.Equal(t, curFlags, cur.Keys())
			for _, f := range curFlags {
				assert.Equal(t, tc.cur[f], cur.Get(f), f)
			}
		})
	}
	t.Run("ref §3.3 isDoingExpressPayment follows isExpressPaymentMethodActive", func(t *testing.T) {
		s := newSnapshot()
		s.Payment = s.Payment.SetAvailableExpressPaymentMethods(value.NewObject("gpay", value.NewObject("name", "gpay"))).
			SetExpressStarted().SetActivePaymentMethod("gpay", value.Undef)
		v := s.View(PaymentKey, Env{})
		assert.Equal(t, true, v.Get("isExpressPaymentMethodActive"))
		assert.Equal(t, true, value.AsObject(v.Get("getCurrentStatus")).Get("isDoingExpressPayment"))
	})
}

func TestViewPayment(t *testing.T) {
	s := newSnapshot()
	s.Payment = NewPayment(obj(t, `{"cc":[{"method":{"gateway":"stripe"},"tokenId":3}]}`)).
		SetAvailablePaymentMethods(obj(t, `{"stripe":{"name":"stripe"},"cod":{"name":"cod"}}`)).
		SetAvailableExpressPaymentMethods(obj(t, `{"gpay":{"name":"gpay"}}`)).
		SetActivePaymentMethod("stripe", obj(t, `{"token":"3"}`)).
		SetPaymentMethodsInitialized(true).SetExpressPaymentMethodsInitialized(true).
		SetShouldSavePaymentMethod(true).SetReady()
	env := Env{
		ShowSavedCards:       func(n string) bool { return n == "stripe" },
		GlobalPaymentMethods: obj(t, `{"stripe":"Stripe","paypal":"PayPal"}`),
	}
	v := s.View(PaymentKey, env)
	require.NotNil(t, v)
	assert.Equal(t, "3", v.Get("getActiveSavedToken"))
	assert.Equal(t, "stripe", v.Get("getActivePaymentMethod"))
	assert.Equal(t, `{"stripe":{"name":"stripe"},"cod":{"name":"cod"}}`, js(v.Get("getAvailablePaymentMethods")))
	assert.Equal(t, `{"gpay":{"name":"gpay"}}`, js(v.Get("getAvailableExpressPaymentMethods")))
	assert.Equal(t, `{"token":"3"}`, js(v.Get("getPaymentMethodData")))
	assert.Equal(t, `{"cc":[{"method":{"gateway":"stripe"},"tokenId":3}]}`, js(v.Get("getSavedPaymentMethods")))
	assert.Equal(t, `{"cc":[{"method":{"gateway":"stripe"},"tokenId":3}]}`, js(v.Get("getActiveSavedPaymentMethods")))
	assert.Equal(t, `{"paypal":"PayPal"}`, js(v.Get("getIncompatiblePaymentMethods")))
	assert.Equal(t, true, v.Get("getShouldSavePaymentMethod"))
	assert.Nil(t, v.Get("getPaymentResult"))
	assert.True(t, v.Has("getPaymentResult"))
	assert.Equal(t, true, v.Get("paymentMethodsInitialized"))
	assert.Equal(t, true, v.Get("expressPaymentMethodsInitialized"))
	assert.Equal(t, false, v.Get("isExpressPaymentMethodActive"))
	assert.Equal(t, `{"status":"ready","activePaymentMethod":"stripe","activeSavedToken":"3",`+
		`"availablePaymentMethods":{"stripe":{"name":"stripe"},"cod":{"name":"cod"}},`+
		`"availableExpressPaymentMethods":{"gpay":{"name":"gpay"}},`+
		`"savedPaymentMethods":{"cc":[{"method":{"gateway":"stripe"},"tokenId":3}]},`+
		`"paymentMethodData":{"token":"3"},"paymentResult":null,"paymentMethodsInitialized":true,`+
		`"expressPaymentMethodsInitialized":true,"shouldSavePaymentMethod":true}`, js(v.Get("getState")),
		"ref §3.1 field names")
}

func TestViewValidationNoticesCart(t *testing.T) {
	s := newSnapshot()
	s.Validation = s.Validation.SetValidationErrors(obj(t, `{"email":"Bad email"}`))
	s.Notices = s.Notices.
		CreateNotice("error", "Declined", NoticeOptions{ID: "wc-payment-error", Context: "wc/checkout/payments",
			IsDismissible: boolPtr(false)}).
		CreateNotice("info", "Hello", NoticeOptions{ID: "h"}).
		CreateNotice("error", "Again", NoticeOptions{ID: "p2", Context: "wc/checkout/payments"})
	s.Cart = s.Cart.SetBillingAddress(obj(t, `{"email":"a@b"}`)).
		SetShippingRates(arr(t, `[{"package_id":0,"shipping_rates":[]}]`)).
		SetIsLoadingRates(true).
		SetCartErrors(arr(t, `[{"code":"woocommerce_rest_cart_shipping_rates_invalid_state","message":"m"}]`))

	tests := []struct {
		name string
		key  string
		want string
	}{
		{"validation view: errors + hasValidationErrors", ValidationKey,
			`{"errors":{"email":{"message":"Bad email","hidden":false}},"hasValidationErrors":true}`},
		{"notices view: byContext in order of oldest notice, all in creation order", NoticesKey,
			`{"byContext":{"wc/checkout/payments":[` +
				`{"id":"wc-payment-error","status":"error","content":"Declined","context":"wc/checkout/payments","isDismissible":false,"type":"default"},` +
				`{"id":"p2","status":"error","content":"Again","context":"wc/checkout/payments","isDismissible":true,"type":"default"}],` +
				`"global":[{"id":"h","status":"info","content":"Hello","context":"global","isDismissible":true,"type":"default"}]},` +
				`"all":[` +
				`{"id":"wc-payment-error","status":"error","content":"Declined","context":"wc/checkout/payments","isDismissible":false,"type":"default"},` +
				`{"id":"h","status":"info","content":"Hello","context":"global","isDismissible":true,"type":"default"},` +
				`{"id":"p2","status":"error","content":"Again","context":"wc/checkout/payments","isDismissible":true,"type":"default"}]}`},
		{"cart view: js-api subset and ref §13 shippingErrorStatus", CartKey,
			`{"getCustomerData":{"billingAddress":{"email":"a@b"},"shippingAddress":{}},` +
				`"getNeedsPayment":true,"getNeedsShipping":true,` +
				`"getShippingRates":[{"package_id":0,"shipping_rates":[]}],` +
				`"isAddressFieldsForShippingRatesUpdating":true,"isShippingRateBeingSelected":false,` +
				`"getCartErrors":[{"code":"woocommerce_rest_cart_shipping_rates_invalid_state","message":"m"}],` +
				`"getShippingErrorStatus":{"isPristine":false,"isValid":false,"hasInvalidAddress":true,"hasError":true},` +
				`"getCartData":{"coupons":[],"shippingRates":[{"package_id":0,"shipping_rates":[]}],` +
				`"shippingAddress":{},"billingAddress":{"email":"a@b"},"items":[],"itemsCount":0,"itemsWeight":0,` +
				`"crossSells":[],"needsShipping":true,"needsPayment":true,"hasCalculatedShipping":true,"fees":[],` +
				`"totals":` + defaultTotalsJSON + `,"errors":[],"paymentMethods":["cod"],"paymentRequirements":[],"extensions":{}},` +
				`"getCartTotals":` + defaultTotalsJSON + `,` +
				`"getCartMeta":{"updatingCustomerData":false,"updatingSelectedRate":false,"applyingCoupon":"",` +
				`"removingCoupon":"","isCartDataStale":false,"updatingAddressFieldsForShippingRates":true},` +
				`"getHasCalculatedShipping":true,"isCustomerDataUpdating":false,"isApplyingCoupon":false,` +
				`"getCouponBeingApplied":"","isRemovingCoupon":false,"getCouponBeingRemoved":"","isCartDataStale":false}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := s.View(tc.key, Env{})
			require.NotNil(t, v)
			assert.Equal(t, tc.want, js(v))
		})
	}
	t.Run("empty notices view", func(t *testing.T) {
		assert.Equal(t, `{"byContext":{},"all":[]}`, js(newSnapshot().View(NoticesKey, Env{})))
	})
	t.Run("unknown key -> nil", func(t *testing.T) {
		assert.Nil(t, s.View("wc/store/unknown", Env{}))
	})
	t.Run("every store key has a view", func(t *testing.T) {
		for _, k := range StoreKeys() {
			assert.NotNil(t, s.View(k, Env{}), k)
		}
	})
}

func TestSnapshotChangedKeys(t *testing.T) {
	base := newSnapshot()
	rates := []any{value.NewObject("package_id", 0.0, "shipping_rates", []any{})}
	tests := []struct {
		name string
		edit func(Snapshot) Snapshot
		want []string
	}{
		{"nothing changed", func(s Snapshot) Snapshot { return s }, nil},
		{"checkout", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetOrderNotes("x"); return s }, []string{CheckoutKey}},
		{"payment", func(s Snapshot) Snapshot { s.Payment = s.Payment.SetReady(); return s }, []string{PaymentKey}},
		{"validation", func(s Snapshot) Snapshot {
			s.Validation = s.Validation.SetValidationErrors(value.NewObject("a", "A"))
			return s
		}, []string{ValidationKey}},
		{"notices", func(s Snapshot) Snapshot {
			s.Notices = s.Notices.CreateNotice("error", "x", NoticeOptions{})
			return s
		}, []string{NoticesKey}},
		{"cart address only", func(s Snapshot) Snapshot {
			s.Cart = s.Cart.SetBillingAddress(value.NewObject("a", "b"))
			return s
		}, []string{CartKey}},
		{"cart rates with prefersCollection undefined also republish checkout", func(s Snapshot) Snapshot {
			s.Cart = s.Cart.SetShippingRates(rates)
			return s
		}, []string{CheckoutKey, CartKey}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.edit(base)
			assert.Equal(t, tc.want, got.ChangedKeys(base))
			assert.Equal(t, tc.want == nil, got.Equal(base))
		})
	}
	t.Run("rates change with stored prefersCollection: only cart", func(t *testing.T) {
		prev := base
		prev.Checkout.PrefersCollection = true
		next := prev
		next.Cart = next.Cart.SetShippingRates(rates)
		assert.Equal(t, []string{CartKey}, next.ChangedKeys(prev))
	})
}

// defaultTotalsJSON is WooCommerce's default cart totals (D39).
const defaultTotalsJSON = `{"currency_code":"","currency_symbol":"","currency_minor_unit":2,` +
	`"currency_decimal_separator":".","currency_thousand_separator":",","currency_prefix":"","currency_suffix":"",` +
	`"total_items":"0","total_items_tax":"0","total_fees":"0","total_fees_tax":"0","total_discount":"0",` +
	`"total_discount_tax":"0","total_shipping":"0","total_shipping_tax":"0","total_price":"0","total_tax":"0","tax_lines":[]}`
