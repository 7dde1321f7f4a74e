package storeapi_test

import (
	"context"
	"fmt"

	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

// The payload for a saved Stripe card on a cart that needs shipping and
// payment (ref §9.2), with the nonce and the attempt id as headers (D21).
func ExampleBuildRequest() {
	req := storeapi.BuildRequest(storeapi.Input{
		NeedsShipping:           true,
		NeedsPayment:            true,
		ShippingAddress:         value.NewObject("country", "GB"),
		BillingAddress:          value.NewObject("country", "GB", "email", "ada@example.com"),
		OrderNotes:              "Ring twice",
		ActivePaymentMethod:     "stripe",
		PaymentMethodID:         "stripe",
		PaymentMethodRegistered: true,
		PaymentMethodData: value.NewObject(
			"token", "2",
			"payment_method", "stripe",
			"wc-stripe-payment-token", "2",
			"isSavedToken", true,
		),
	}, "", "a1b2c3", "attempt-1")

	fmt.Println(req.Method, req.URL)
	for _, h := range req.Headers {
		fmt.Printf("%s: %s\n", h[0], h[1])
	}
	fmt.Println(string(valuejson.Marshal(req.Body)))
	// Output:
	// POST /wp-json/wc/store/v1/checkout
	// Content-Type: application/json
	// Nonce: a1b2c3
	// Idempotency-Key: attempt-1
	// {"shipping_address":{"country":"GB"},"billing_address":{"country":"GB","email":"ada@example.com"},"customer_note":"Ring twice","create_account":false,"payment_method":"stripe","payment_data":[{"key":"token","value":"2"},{"key":"payment_method","value":"stripe"},{"key":"wc-stripe-payment-token","value":"2"},{"key":"isSavedToken","value":true},{"key":"wc-stripe-new-payment-method","value":false}],"extensions":{}}
}

// stubTransport answers every request with one canned response.
type stubTransport struct {
	resp *storeapi.Response
	err  error
}

func (s stubTransport) Do(ctx context.Context, req storeapi.Request) (*storeapi.Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.resp, s.err
}

// How the engine drives one request: send, read headers, classify, then
// take the payment result and the notices the outcome calls for.
func ExampleClassify() {
	var t storeapi.Transport = stubTransport{resp: &storeapi.Response{
		Status:  400,
		Headers: map[string]string{"nonce": "fresh", "user-id": "0"},
		Body:    valuejson.MustParse(`{"code":"woocommerce_rest_checkout_payment_method_disabled","message":"Cash on delivery is not available.","data":{"status":400}}`),
	}}
	resp, err := t.Do(context.Background(), storeapi.BuildRequest(storeapi.Input{}, "", "old", "attempt-2"))

	kind := storeapi.Classify(resp, err)
	fmt.Println("kind:", kind)
	h := storeapi.ProcessHeaders(resp.Headers)
	fmt.Println("nonce:", h.Nonce, "customer:", h.CustomerID)
	if kind != storeapi.KindFailed {
		fmt.Println("result:", string(valuejson.Marshal(storeapi.PaymentResult(resp.Body))))
		for _, n := range storeapi.ErrorNotices(resp.Body) {
			fmt.Printf("notice %s in %s: %s\n", n.ID, n.Context, n.Content)
		}
	}
	// Output:
	// kind: declined
	// nonce: fresh customer: 0
	// result: {"message":"Cash on delivery is not available.","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}
	// notice woocommerce_rest_checkout_payment_method_disabled in wc/cart: Cash on delivery is not available.
}

// A network failure (D14): no response to read, one unknown_error notice.
func ExampleUnknownErrorNotice() {
	n := storeapi.UnknownErrorNotice(0)
	fmt.Println(n.ID, n.Context, n.Status, n.IsDismissible)
	fmt.Println(n.Content)
	// Output:
	// unknown_error wc/cart error true
	// Something went wrong when placing the order. Check your email for order updates before retrying.
}

func ExampleDecodeEntities() {
	fmt.Println(storeapi.DecodeEntities("Tom &amp; Jerry&#8217;s &lt;cheese&gt; &unknown;"))
	// Output: Tom & Jerry’s <cheese> &unknown;
}
