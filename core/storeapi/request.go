// Package storeapi is the Store API client logic for the checkout route:
// it turns a snapshot of the stores into the POST request (ref §9.2, D21,
// D26) and turns the response into the facts the engine acts on (ref §9.3,
// §9.4, §9.5, §10 as amended by D14 and D15).
//
// The package does no I/O. The HTTP call is the Transport interface, which
// the wasm bridge implements with the page's fetch and the engine drives.
// Every function here is pure: it never modifies its arguments and keeps no
// state between calls, so it is safe for concurrent use.
package storeapi

import (
	"github.com/wcblocks/checkoutwasm/core/value"
)

// DefaultBaseURL is the Store API root used when the page gives none
// (js-api `storeApiUrl` default).
const DefaultBaseURL = "/wp-json/wc/store/v1"

// CheckoutPath is the checkout route below the Store API root (ref §15.1).
const CheckoutPath = "/checkout"

// Input is what the engine reads from the stores when it sends the order
// (ref §9.2). The addresses are sent as given: blanking fields hidden for
// the country is the caller's job.
type Input struct {
	NeedsShipping, NeedsPayment     bool
	ShippingAddress, BillingAddress *value.Object
	OrderNotes                      string
	ShouldCreateAccount             bool
	// ActivePaymentMethod is the payment store's activePaymentMethod (a name).
	ActivePaymentMethod string
	// PaymentMethodID is the paymentMethodId of the registered config for
	// ActivePaymentMethod; "" with PaymentMethodRegistered=false when no
	// method of that name is registered. When PaymentMethodRegistered is true
	// and PaymentMethodID is "", the name is used (the reference's
	// paymentMethodId defaults to the method name).
	PaymentMethodID         string
	PaymentMethodRegistered bool
	// PaymentMethodData is the payment store's paymentMethodData. Any value
	// is accepted; only a plain object (*value.Object) contributes pairs.
	PaymentMethodData       any
	ShouldSavePaymentMethod bool
	ExtensionData           *value.Object
	// AdditionalFields are the checkout store's additional field values
	// (D44); sent as additional_fields only when it has a key.
	AdditionalFields *value.Object
}

// Request is one POST to the checkout route.
type Request struct {
	// Method is always "POST".
	Method string
	// URL is baseURL + CheckoutPath.
	URL string
	// Headers are name/value pairs in the order they are to be set.
	Headers [][2]string
	// Body is the JSON payload as a value tree (the bridge serialises it).
	Body *value.Object
}

// BuildRequest builds the checkout POST for in (ref §9.2).
//
// URL: baseURL with any trailing slashes removed, then CheckoutPath; an
// empty baseURL means DefaultBaseURL. A base such as
// "/?rest_route=/wc/store/v1" works too, since the path is appended as text.
//
// Headers, in this order: Content-Type application/json; Nonce (omitted when
// nonce is ""); Idempotency-Key carrying attemptID (D21; omitted when
// attemptID is "").
//
// Body keys, in this order (ref §9.2); an omitted key is absent from the
// object, not present with an undefined value:
//   - shipping_address: in.ShippingAddress ({} when nil), only when
//     in.NeedsShipping;
//   - billing_address: in.BillingAddress ({} when nil);
//   - customer_note, create_account;
//   - only when in.NeedsPayment (D26): payment_method (omitted when the
//     method is not registered) and payment_data, an array of {key, value}
//     objects: one per key of a plain-object PaymentMethodData in order,
//     values as they are, then
//     {key: "wc-<ActivePaymentMethod>-new-payment-method", value: ShouldSavePaymentMethod};
//   - additional_fields: a shallow copy of in.AdditionalFields, only when
//     it has at least one key (D44);
//   - extensions: a shallow copy of in.ExtensionData ({} when nil).
//
// BuildRequest cannot fail and does not modify in.
func BuildRequest(in Input, baseURL, nonce, attemptID string) Request {
	headers := [][2]string{{"Content-Type", "application/json"}}
	if nonce != "" {
		headers = append(headers, [2]string{"Nonce", nonce})
	}
	if attemptID != "" {
		headers = append(headers, [2]string{"Idempotency-Key", attemptID})
	}
	return Request{
		Method:  "POST",
		URL:     checkoutURL(baseURL),
		Headers: headers,
		Body:    buildBody(in),
	}
}

// checkoutURL joins the Store API root and the checkout path.
func checkoutURL(baseURL string) string { return routeURL(baseURL, CheckoutPath) }

// routeURL joins the Store API root (DefaultBaseURL when empty, trailing
// slashes removed) and a route path.
func routeURL(baseURL, path string) string {
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	end := len(baseURL)
	for end > 0 && baseURL[end-1] == '/' {
		end--
	}
	return baseURL[:end] + path
}

func buildBody(in Input) *value.Object {
	var b value.Builder
	if in.NeedsShipping {
		b.Set("shipping_address", objectOrEmpty(in.ShippingAddress))
	}
	b.Set("billing_address", objectOrEmpty(in.BillingAddress))
	b.Set("customer_note", in.OrderNotes)
	b.Set("create_account", in.ShouldCreateAccount)
	if in.NeedsPayment {
		if in.PaymentMethodRegistered {
			id := in.PaymentMethodID
			if id == "" {
				id = in.ActivePaymentMethod
			}
			b.Set("payment_method", id)
		}
		b.Set("payment_data", paymentData(in))
	}
	if in.AdditionalFields.Len() > 0 {
		b.Set("additional_fields", in.AdditionalFields.Clone())
	}
	b.Set("extensions", in.ExtensionData.Clone())
	return b.Build()
}

// paymentData is the reference's preparePaymentData: the pairs of a
// plain-object paymentMethodData, then the save-payment-method flag.
func paymentData(in Input) []any {
	data := value.AsObject(in.PaymentMethodData)
	out := make([]any, 0, data.Len()+1)
	data.Range(func(k string, v any) bool {
		out = append(out, value.NewObject("key", k, "value", v))
		return true
	})
	return append(out, value.NewObject(
		"key", "wc-"+in.ActivePaymentMethod+"-new-payment-method",
		"value", in.ShouldSavePaymentMethod,
	))
}

func objectOrEmpty(o *value.Object) *value.Object {
	if o == nil {
		return value.NewObject()
	}
	return o
}

// SelectShippingRatePath is the Store API cart route that stores the
// shopper's shipping rate choice in the server's cart session.
const SelectShippingRatePath = "/cart/select-shipping-rate"

// BuildSelectShippingRateRequest builds the POST WooCommerce's cart
// selectShippingRate thunk sends: baseURL (as BuildRequest treats it) +
// SelectShippingRatePath, headers Content-Type application/json and Nonce
// (omitted when nonce is ""), body {package_id, rate_id} where package_id
// is packageID as given (null when it is nil or undefined: every
// package). It cannot fail and does not modify its arguments.
func BuildSelectShippingRateRequest(baseURL, nonce string, packageID any, rateID string) Request {
	headers := [][2]string{{"Content-Type", "application/json"}}
	if nonce != "" {
		headers = append(headers, [2]string{"Nonce", nonce})
	}
	if value.IsUndefined(packageID) {
		packageID = nil
	}
	return Request{
		Method:  "POST",
		URL:     routeURL(baseURL, SelectShippingRatePath),
		Headers: headers,
		Body:    value.NewObject("package_id", packageID, "rate_id", rateID),
	}
}
