package store

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// richSnapshot returns a snapshot in which every object and slice field is
// non-empty, so that a reducer that wrote into shared data would show.
func richSnapshot(t *testing.T) Snapshot {
	s := newSnapshot()
	s.Checkout = NewCheckout(CheckoutData{OrderID: 1, CustomerID: 2, OrderNotes: "n"}).
		SetExtensionData("a", obj(t, `{"x":1}`), false).SetRedirectURL("https://r/").SetPrefersCollection(false).SetComplete(nil)
	s.Payment = NewPayment(obj(t, `{"cc":[{"method":{"gateway":"stripe"},"tokenId":1}]}`)).
		SetAvailablePaymentMethods(obj(t, `{"stripe":{"name":"stripe"},"cod":{"name":"cod"}}`)).
		SetAvailableExpressPaymentMethods(obj(t, `{"gpay":{"name":"gpay"}}`)).
		SetActivePaymentMethod("stripe", obj(t, `{"token":"1"}`)).
		SetPaymentResult(obj(t, `{"paymentStatus":"success"}`))
	s.Validation = s.Validation.SetValidationErrors(obj(t, `{"a":"A","b":{"message":"B","hidden":true}}`))
	s.Notices = s.Notices.CreateNotice("error", "e", NoticeOptions{ID: "e", Context: "wc/checkout"}).
		CreateNotice("warning", "w", NoticeOptions{})
	s.Cart = NewCart(obj(t, `{"city":"X"}`), obj(t, `{"city":"Y"}`), true, true, []string{"stripe", "cod"}).
		SetShippingRates(arr(t, `[{"package_id":0,"shipping_rates":[{"rate_id":"r","method_id":"flat","selected":true}]}]`)).
		SetCartErrors(arr(t, `[{"code":"c","message":"m"}]`))
	return s
}

// render serialises every view of s plus the fields views do not show, so
// that any change to data reachable from s shows up as a different string.
func render(s Snapshot) string {
	var b strings.Builder
	env := Env{ShowSavedCards: func(string) bool { return true }, GlobalPaymentMethods: value.NewObject("p", "P")}
	for _, k := range StoreKeys() {
		b.WriteString(js(s.View(k, env)))
	}
	b.WriteString(strings.Join(s.Cart.PaymentMethods, ","))
	b.WriteString(js(s.Cart.IsSelectingRate))
	return b.String()
}

// TestReducersDoNotMutateReceiver applies every reducer to a rich snapshot
// and checks that the old snapshot still renders identically (immutability
// requirement of the store brief).
func TestReducersDoNotMutateReceiver(t *testing.T) {
	tests := []struct {
		name  string
		apply func(s Snapshot) Snapshot
	}{
		{"Checkout.SetIdle", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetIdle(); return s }},
		{"Checkout.SetRedirectURL", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetRedirectURL("x"); return s }},
		{"Checkout.SetComplete", func(s Snapshot) Snapshot {
			s.Checkout = s.Checkout.SetComplete(value.NewObject("redirectUrl", "y"))
			return s
		}},
		{"Checkout.SetProcessing", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetProcessing(); return s }},
		{"Checkout.SetBeforeProcessing", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetBeforeProcessing(); return s }},
		{"Checkout.SetAfterProcessing", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetAfterProcessing(); return s }},
		{"Checkout.SetAfterProcessingWithError", func(s Snapshot) Snapshot {
			s.Checkout = s.Checkout.SetAfterProcessingWithError()
			return s
		}},
		{"Checkout.SetHasError", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetHasError(true); return s }},
		{"Checkout.IncrementCalculating", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.IncrementCalculating(); return s }},
		{"Checkout.DecrementCalculating", func(s Snapshot) Snapshot {
			s.Checkout = s.Checkout.IncrementCalculating().IncrementCalculating().DecrementCalculating()
			return s
		}},
		{"Checkout.SetCustomerID", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetCustomerID(9); return s }},
		{"Checkout.SetOrderID", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetOrderID(9); return s }},
		{"Checkout.SetUseShippingAsBilling", func(s Snapshot) Snapshot {
			s.Checkout = s.Checkout.SetUseShippingAsBilling(false)
			return s
		}},
		{"Checkout.SetShouldCreateAccount", func(s Snapshot) Snapshot {
			s.Checkout = s.Checkout.SetShouldCreateAccount(true)
			return s
		}},
		{"Checkout.SetPrefersCollection", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetPrefersCollection(true); return s }},
		{"Checkout.SetOrderNotes", func(s Snapshot) Snapshot { s.Checkout = s.Checkout.SetOrderNotes("m"); return s }},
		{"Checkout.SetExtensionData merge", func(s Snapshot) Snapshot {
			s.Checkout = s.Checkout.SetExtensionData("a", value.NewObject("x", 2.0, "z", 3.0), false)
			return s
		}},
		{"Checkout.SetExtensionData replace", func(s Snapshot) Snapshot {
			s.Checkout = s.Checkout.SetExtensionData("a", value.NewObject(), true)
			return s
		}},
		{"Payment statuses", func(s Snapshot) Snapshot {
			s.Payment = s.Payment.SetExpressStarted().SetProcessing().SetReady().SetIdle().SetError()
			return s
		}},
		{"Payment.SetShouldSavePaymentMethod", func(s Snapshot) Snapshot {
			s.Payment = s.Payment.SetShouldSavePaymentMethod(true)
			return s
		}},
		{"Payment.SetPaymentMethodData", func(s Snapshot) Snapshot { s.Payment = s.Payment.SetPaymentMethodData("x"); return s }},
		{"Payment.SetPaymentResult", func(s Snapshot) Snapshot { s.Payment = s.Payment.SetPaymentResult(nil); return s }},
		{"Payment.SetActivePaymentMethod", func(s Snapshot) Snapshot {
			s.Payment = s.Payment.SetActivePaymentMethod("cod", value.NewObject("token", 5.0))
			return s
		}},
		{"Payment.SetAvailablePaymentMethods", func(s Snapshot) Snapshot {
			s.Payment = s.Payment.SetAvailablePaymentMethods(value.NewObject())
			return s
		}},
		{"Payment.SetAvailableExpressPaymentMethods", func(s Snapshot) Snapshot {
			s.Payment = s.Payment.SetAvailableExpressPaymentMethods(nil)
			return s
		}},
		{"Payment.RemoveAvailablePaymentMethod", func(s Snapshot) Snapshot {
			s.Payment = s.Payment.RemoveAvailablePaymentMethod("cod")
			return s
		}},
		{"Payment.RemoveAvailableExpressPaymentMethod", func(s Snapshot) Snapshot {
			s.Payment = s.Payment.RemoveAvailableExpressPaymentMethod("gpay")
			return s
		}},
		{"Payment initialized flags", func(s Snapshot) Snapshot {
			s.Payment = s.Payment.SetPaymentMethodsInitialized(true).SetExpressPaymentMethodsInitialized(true)
			return s
		}},
		{"Validation.SetValidationErrors", func(s Snapshot) Snapshot {
			s.Validation = s.Validation.SetValidationErrors(value.NewObject("a", "A2", "c", "C"))
			return s
		}},
		{"Validation.ClearValidationError", func(s Snapshot) Snapshot {
			s.Validation = s.Validation.ClearValidationError("a")
			return s
		}},
		{"Validation.ClearValidationErrors", func(s Snapshot) Snapshot {
			s.Validation = s.Validation.ClearValidationErrors([]any{"b"}).ClearValidationErrors(value.Undef)
			return s
		}},
		{"Validation hide/show", func(s Snapshot) Snapshot {
			s.Validation = s.Validation.HideValidationError("a").ShowValidationError("b").ShowAllValidationErrors()
			return s
		}},
		{"Notices.CreateNotice replace", func(s Snapshot) Snapshot {
			s.Notices = s.Notices.CreateNotice("info", "i", NoticeOptions{ID: "e", Context: "wc/checkout"})
			return s
		}},
		{"Notices removals", func(s Snapshot) Snapshot {
			s.Notices = s.Notices.RemoveNotice("e", "wc/checkout").RemoveNoticesByStatus("warning", "").
				RemoveAllNoticesIn([]string{"global"})
			return s
		}},
		{"Cart addresses", func(s Snapshot) Snapshot {
			s.Cart = s.Cart.SetBillingAddress(value.NewObject("city", "Z")).SetShippingAddress(value.NewObject("city", "Z"))
			return s
		}},
		{"Cart rates and flags", func(s Snapshot) Snapshot {
			s.Cart = s.Cart.SetShippingRates([]any{"x"}).SetIsLoadingRates(true).SetIsSelectingRate(true)
			return s
		}},
		{"Cart errors and status", func(s Snapshot) Snapshot {
			s.Cart = s.Cart.SetCartErrors(nil).SetShippingErrorStatus(ShippingErrorUnknown)
			return s
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old := richSnapshot(t)
			before := render(old)
			next := tc.apply(old)
			require.False(t, next.Equal(old), "the reducer should have changed something")
			assert.Equal(t, before, render(old), "the receiver's data must not change")
			assert.NotEqual(t, before, render(next))
		})
	}
}
