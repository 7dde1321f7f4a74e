package storeapi

import (
	"strconv"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// DefaultErrorMessage is the reference's DEFAULT_ERROR_MESSAGE (ref §9.5, §10).
const DefaultErrorMessage = "Something went wrong. Please contact us to get assistance."

// The ref §9.3 messages of the unknown_error notice, exact.
const (
	UnknownErrorMessageGuest    = "Something went wrong when placing the order. Check your email for order updates before retrying."
	UnknownErrorMessageCustomer = "Something went wrong when placing the order. Check your account's order history or your email for order updates before retrying."
)

// Notice contexts used here (ref §1.6).
const (
	contextCart               = "wc/cart"
	contextContactInformation = "wc/checkout/contact-information"
	contextBillingAddress     = "wc/checkout/billing-address"
	contextShippingAddress    = "wc/checkout/shipping-address"
)

// UnknownErrorMessage returns UnknownErrorMessageGuest when customerID is 0
// and UnknownErrorMessageCustomer for any other id (ref §9.3: the test is
// `customerId !== 0`).
func UnknownErrorMessage(customerID int) string {
	if customerID != 0 {
		return UnknownErrorMessageCustomer
	}
	return UnknownErrorMessageGuest
}

// NoticeSpec is a notice to create in the notices store.
type NoticeSpec struct {
	ID, Status, Content, Context string
	IsDismissible                bool
}

// UnknownErrorNotice is the ref §9.3 notice for a request that failed
// without a usable response (D14): id "unknown_error", status "error",
// context "wc/cart", dismissible, with UnknownErrorMessage(customerID).
func UnknownErrorNotice(customerID int) NoticeSpec {
	return errorNotice("unknown_error", UnknownErrorMessage(customerID), contextCart)
}

// ErrorNotices is ref §9.5 processErrorResponse(body) with no explicit
// context: the notices to create, in order, each with status "error" and
// IsDismissible true. It returns nil when body is not a plain object with
// keys code and message (a declined payment's checkout-shaped body has
// neither, so it gives no notice here).
//
// When code is "rest_invalid_param", body.data.details is walked in key
// order (an array is walked by index); for each entry [param, detail] whose
// detail is a plain object: one notice with id "<param>_<detail.code>", the
// entity-decoded detail.message, and context by param (invalid_email →
// contact-information, billing_address → billing-address, shipping_address
// → shipping-address), else by detail.code (see below); then one notice per
// item of detail.additional_errors (when an array) that is a plain object
// with keys code and message, id "<param>_<item.code>", context by param,
// else by item.code. A detail or item message that is not a non-empty
// string gives DefaultErrorMessage (the reference would show "undefined" or
// an empty notice). Missing details give no notices (nil).
//
// Any other code gives one notice: id String(code), content the decoded
// message, or DefaultErrorMessage when that is falsy or when code is
// "invalid_json"; context by code.
//
// Context by code: "woocommerce_rest_missing_email_address" and
// "woocommerce_rest_invalid_email_address" → "wc/checkout/contact-information",
// anything else → "wc/cart".
//
// Suppressing these notices while an express payment method is active
// (ref §11) is the caller's job.
func ErrorNotices(body any) []NoticeSpec {
	o := value.AsObject(body)
	if o == nil || !o.Has("code") || !o.Has("message") {
		return nil
	}
	code := o.Get("code")
	if code == "rest_invalid_param" {
		return invalidParamNotices(value.AsObject(o.Get("data")))
	}
	content := decodeAny(o.Get("message"))
	if !value.Truthy(content) || code == "invalid_json" {
		content = DefaultErrorMessage
	}
	return []NoticeSpec{errorNotice(value.String(code), value.String(content), contextFromCode(code))}
}

// invalidParamNotices flattens data.details of a rest_invalid_param body.
func invalidParamNotices(data *value.Object) []NoticeSpec {
	var out []NoticeSpec
	add := func(param string, detail *value.Object) {
		out = append(out, paramNotice(param, detail))
		extra, _ := detail.Get("additional_errors").([]any)
		for _, e := range extra {
			if eo := value.AsObject(e); eo.Has("code") && eo.Has("message") {
				out = append(out, paramNotice(param, eo))
			}
		}
	}
	switch details := data.Get("details").(type) {
	case *value.Object:
		details.Range(func(param string, d any) bool {
			if detail := value.AsObject(d); detail != nil {
				add(param, detail)
			}
			return true
		})
	case []any:
		for i, d := range details {
			if detail := value.AsObject(d); detail != nil {
				add(strconv.Itoa(i), detail)
			}
		}
	}
	return out
}

// paramNotice is the notice for one {code, message} error of a param.
func paramNotice(param string, e *value.Object) NoticeSpec {
	code := e.Get("code")
	content := DefaultErrorMessage
	if s, ok := value.NonEmptyString(decodeAny(e.Get("message"))); ok {
		content = s
	}
	ctx := contextFromParam(param)
	if ctx == "" {
		ctx = contextFromCode(code)
	}
	return errorNotice(param+"_"+value.String(code), content, ctx)
}

func contextFromParam(param string) string {
	switch param {
	case "invalid_email":
		return contextContactInformation
	case "billing_address":
		return contextBillingAddress
	case "shipping_address":
		return contextShippingAddress
	}
	return ""
}

func contextFromCode(code any) string {
	switch code {
	case "woocommerce_rest_missing_email_address", "woocommerce_rest_invalid_email_address":
		return contextContactInformation
	}
	return contextCart
}

func errorNotice(id, content, context string) NoticeSpec {
	return NoticeSpec{ID: id, Status: "error", Content: content, Context: context, IsDismissible: true}
}
