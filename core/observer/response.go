package observer

import "github.com/wcblocks/checkoutwasm/core/value"

// Response types, the values of JS `responseTypes` (ref §1.5, D4).
const (
	TypeSuccess = "success"
	TypeFail    = "failure"
	TypeError   = "error"
)

// Notice context values, the values of JS `noticeContexts` (ref §1.6, D4).
const (
	ContextCart               = "wc/cart"
	ContextCheckout           = "wc/checkout"
	ContextPayments           = "wc/checkout/payments"
	ContextExpressPayments    = "wc/checkout/express-payments"
	ContextContactInformation = "wc/checkout/contact-information"
	ContextShippingAddress    = "wc/checkout/shipping-address"
	ContextBillingAddress     = "wc/checkout/billing-address"
	ContextShippingMethods    = "wc/checkout/shipping-methods"
	ContextCheckoutActions    = "wc/checkout/checkout-actions"
)

// NoticeContext is one entry of JS `noticeContexts`: Key is the property
// name (e.g. "CART"), Value the context string (e.g. "wc/cart").
type NoticeContext struct{ Key, Value string }

// NoticeContexts returns the full list of ref §1.6 in declaration order
// (D4). The slice is new on each call.
func NoticeContexts() []NoticeContext {
	return []NoticeContext{
		{"CART", ContextCart},
		{"CHECKOUT", ContextCheckout},
		{"PAYMENTS", ContextPayments},
		{"EXPRESS_PAYMENTS", ContextExpressPayments},
		{"CONTACT_INFORMATION", ContextContactInformation},
		{"SHIPPING_ADDRESS", ContextShippingAddress},
		{"BILLING_ADDRESS", ContextBillingAddress},
		{"SHIPPING_METHODS", ContextShippingMethods},
		{"CHECKOUT_ACTIONS", ContextCheckoutActions},
	}
}

// NoticeContextsObject returns JS `noticeContexts` as a plain object, keys
// in declaration order (ref §1.6). The object is new on each call.
func NoticeContextsObject() *value.Object {
	var b value.Builder
	for _, c := range NoticeContexts() {
		b.Set(c.Key, c.Value)
	}
	return b.Build()
}

// ResponseTypesObject returns JS `responseTypes`,
// {SUCCESS:'success', FAIL:'failure', ERROR:'error'} (ref §1.5, D4).
// The object is new on each call.
func ResponseTypesObject() *value.Object {
	return value.NewObject("SUCCESS", TypeSuccess, "FAIL", TypeFail, "ERROR", TypeError)
}

// hasType reports whether v is a plain object whose `type` key holds
// exactly the string t (ref §5.5).
func hasType(v any, t string) bool {
	o, ok := v.(*value.Object)
	if !ok || !o.Has("type") {
		return false
	}
	s, ok := o.Get("type").(string)
	return ok && s == t
}

// IsSuccessResponse reports whether v is a plain object with `type`
// strictly equal to "success" (ref §5.5).
func IsSuccessResponse(v any) bool { return hasType(v, TypeSuccess) }

// IsErrorResponse reports whether v is a plain object with `type` strictly
// equal to "error" (ref §5.5).
func IsErrorResponse(v any) bool { return hasType(v, TypeError) }

// IsFailResponse reports whether v is a plain object with `type` strictly
// equal to "failure" (ref §5.5).
func IsFailResponse(v any) bool { return hasType(v, TypeFail) }

// ShouldRetry is ref §5.5: true when v is not a plain object, or its
// `retry` is undefined (absent or set to undefined), or `retry` is exactly
// true; false for any other `retry` value (false, null, 0, "false", ...).
func ShouldRetry(v any) bool {
	o, ok := v.(*value.Object)
	if !ok {
		return true
	}
	switch r := o.Get("retry").(type) {
	case value.Undefined:
		return true
	case bool:
		return r
	default:
		return false
	}
}

// responseType returns the `type` of a typed response: ok is true when v
// is a plain object with a `type` key (ref §5.4 rule 1); typ is that value
// when it is a string, else "".
func responseType(v any) (typ string, ok bool) {
	o, isObj := v.(*value.Object)
	if !isObj || !o.Has("type") {
		return "", false
	}
	s, _ := o.Get("type").(string)
	return s, true
}

// ErrorResponse returns a new {type:'error'} object, with a `message` key
// when message is not empty. A throwing observer yields ErrorResponse("")
// (ref §5.4); a timed-out one ErrorResponse of its timeout message (D17).
func ErrorResponse(message string) *value.Object {
	if message == "" {
		return value.NewObject("type", TypeError)
	}
	return value.NewObject("type", TypeError, "message", message)
}
