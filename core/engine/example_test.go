package engine

import (
	"context"
	"fmt"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// Example shows one checkout attempt against a transport that accepts the order.
func Example() {
	tr := &fakeTransport{}
	tr.push(jsonResponse(200, `{"order_id":42,"payment_result":{"payment_status":"success","payment_details":[],"redirect_url":"https://shop.test/thanks"}}`, nil))
	e := New(Config{
		Nonce:     "abc",
		Cart:      CartConfig{NeedsPayment: true},
		Transport: tr,
		Navigate:  func(u string) { fmt.Println("navigate:", u) },
	})
	_ = e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: func(context.Context, any) (any, error) { return true, nil }}, false)
	_ = e.UpdateAvailablePaymentMethods(context.Background())
	e.Registry().Add(observer.PaymentSetup, func(context.Context, any) (any, error) {
		return value.NewObject("type", "success"), nil
	}, 10, observer.Options{Label: "bacs"})
	out := e.Submit().Outcome()
	fmt.Println(out.Outcome, out.Status, out.OrderID)
	// Output:
	// navigate: https://shop.test/thanks
	// complete complete 42
}
