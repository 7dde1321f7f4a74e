package store_test

import (
	"fmt"

	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

// Example walks one checkout through a successful attempt with pure
// reducer calls, the way the engine drives the stores, and reads a
// selector view.
func Example() {
	s := store.Snapshot{
		Checkout:   store.NewCheckout(store.CheckoutData{OrderNotes: "Ring twice"}),
		Payment:    store.NewPayment(nil),
		Validation: store.NewValidation(),
		Notices:    store.NewNotices(),
		Cart:       store.NewCart(nil, nil, true, false, []string{"cod"}),
	}
	fmt.Println("initial:", s.Checkout.Status)

	// A reducer returns the next state; the previous one is untouched.
	prev := s.Checkout
	s.Checkout = s.Checkout.SetBeforeProcessing()
	fmt.Println("submitted:", s.Checkout.Status, "previous still", prev.Status)

	s.Checkout = s.Checkout.SetProcessing()
	s.Payment = s.Payment.SetActivePaymentMethod("cod", value.Undef).SetProcessing().SetReady()
	s.Checkout = s.Checkout.SetRedirectURL("https://shop.test/order-received/7").SetOrderID(7).SetAfterProcessing()
	s.Checkout = s.Checkout.SetComplete(nil)

	// Setting an equal value changes nothing: the engine compares with Equal.
	fmt.Println("no-op is equal:", s.Checkout.SetOrderNotes("Ring twice").Equal(s.Checkout))

	v := s.View(store.CheckoutKey, store.Env{})
	fmt.Println("isComplete:", v.Get("isComplete"), "hasOrder:", v.Get("hasOrder"))
	fmt.Println("redirect:", v.Get("getRedirectUrl"))
	fmt.Println(string(valuejson.Marshal(s.View(store.PaymentKey, store.Env{}).Get("getCurrentStatus"))))
	// Output:
	// initial: pristine
	// submitted: before_processing previous still pristine
	// no-op is equal: true
	// isComplete: true hasOrder: true
	// redirect: https://shop.test/order-received/7
	// {"isPristine":false,"isIdle":false,"isStarted":false,"isProcessing":false,"isFinished":true,"hasError":false,"hasFailed":false,"isSuccessful":true,"isDoingExpressPayment":false}
}

// ExampleValidation_SetValidationErrors shows the merge rule of ref §4 and
// the normalisation of plain-string messages.
func ExampleValidation_SetValidationErrors() {
	v := store.NewValidation().SetValidationErrors(value.NewObject("email", "Enter an email"))
	fmt.Println(string(valuejson.Marshal(v.Errors())))

	// Nothing new: the state is returned unchanged.
	same := v.SetValidationErrors(value.NewObject("email", value.NewObject("message", "Enter an email", "hidden", false)))
	fmt.Println(same.Equal(v))
	// Output:
	// {"email":{"message":"Enter an email","hidden":false}}
	// true
}

// ExampleNotices_CreateNotice shows default context, generated ids and
// replacement by id.
func ExampleNotices_CreateNotice() {
	n := store.NewNotices().
		CreateNotice("error", "Card declined", store.NoticeOptions{ID: "wc-payment-error", Context: "wc/checkout/payments"}).
		CreateNotice("info", "Welcome back", store.NoticeOptions{}).
		CreateNotice("error", "Card expired", store.NoticeOptions{ID: "wc-payment-error", Context: "wc/checkout/payments"})
	for _, x := range n.All() {
		fmt.Println(x.Context, x.ID, x.Content)
	}
	// Output:
	// global notice-1 Welcome back
	// wc/checkout/payments wc-payment-error Card expired
}

// ExampleCart_ReceiveCart receives a Store API cart response (D39) and
// reads it back the way gateways do: getCartData (top-level keys
// camelCased) and getCartTotals.
func ExampleCart_ReceiveCart() {
	resp := value.AsObject(valuejson.MustParse(`{
		"items": [{"key": "k1", "quantity": 2}],
		"totals": {"total_price": "3940", "currency_code": "EUR"},
		"needs_shipping": true,
		"payment_methods": ["cod", "bacs"],
		"items_count": 2
	}`))
	c := store.NewCart(nil, nil, true, false, nil).ReceiveCart(resp)
	v := store.Snapshot{Cart: c}.View(store.CartKey, store.Env{})
	data := value.AsObject(v.Get("getCartData"))
	fmt.Println("itemsCount:", data.Get("itemsCount"), "needsShipping:", data.Get("needsShipping"))
	fmt.Println("paymentMethods:", string(valuejson.Marshal(data.Get("paymentMethods"))))
	fmt.Println("total:", value.AsObject(v.Get("getCartTotals")).Get("total_price"))
	// Output:
	// itemsCount: 2 needsShipping: true
	// paymentMethods: ["cod","bacs"]
	// total: 3940
}
