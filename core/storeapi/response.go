package storeapi

import (
	"math"
	"strconv"
	"strings"

	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
)

// Response is what the transport hands back.
type Response struct {
	Status int
	// Headers maps header names, lower-cased by the transport, to values.
	Headers map[string]string
	// Body is the parsed JSON value tree when the body was JSON.
	Body any
	// BodyErr is non-nil when the body was not JSON (Body is then value.Undef).
	BodyErr error
}

// Transport performs the request. A non-nil error means a network failure
// (or ctx cancelled: the engine checks ctx.Err() itself); the *Response is
// then ignored. A nil error means a response arrived, whatever its status.
type Transport interface {
	Do(ctx context.Context, req Request) (*Response, error)
}

// Outcome kinds returned by Classify (ref §9.3 as amended by D14).
const (
	// KindSuccess: 2xx with a JSON checkout body. The engine processes the
	// response (§10), goes after_processing and runs the success or fail
	// event according to hasError.
	KindSuccess = "success"
	// KindDeclined: non-2xx with a JSON checkout body. The engine goes
	// processing → after_processing with hasError (D14, no idle blip),
	// creates the ErrorNotices and runs the fail event.
	KindDeclined = "declined"
	// KindFailed: network failure, or a body that is not a checkout body.
	// The engine goes idle with hasError, creates UnknownErrorNotice and
	// runs no fail event (D14).
	KindFailed = "failed"
)

// Classify sorts the transport's result into one of the Kind constants.
//
// KindFailed when err is non-nil, resp is nil, resp.BodyErr is non-nil, or
// the body is not a plain JSON object (undefined, null, a scalar or an
// array: the reference throws a TypeError on those, which ends like a
// network failure). Otherwise KindSuccess for a status in 200–299 and
// KindDeclined for any other status.
func Classify(resp *Response, err error) string {
	if err != nil || resp == nil || resp.BodyErr != nil || !value.IsPlainObject(resp.Body) {
		return KindFailed
	}
	if resp.Status >= 200 && resp.Status <= 299 {
		return KindSuccess
	}
	return KindDeclined
}

// HeaderUpdate is what the response headers change (ref §9.4, D15).
type HeaderUpdate struct {
	// Nonce replaces the nonce sent with the next request when HasNonce.
	Nonce    string
	HasNonce bool
	// CustomerID is the new customer id when HasCustomerID.
	CustomerID    int
	HasCustomerID bool
}

// ProcessHeaders reads the response headers the checkout flow reacts to.
// Names are matched without regard to case (the transport lower-cases them;
// an exact lower-case key wins over other spellings).
//
//   - "Nonce" with a non-empty value sets Nonce/HasNonce (D15). An empty or
//     missing header leaves the nonce alone.
//   - "User-ID" with a non-empty value is read as JS parseInt(value, 10):
//     leading white space, an optional sign, then the longest run of decimal
//     digits ("0" → 0, "12abc" → 12). When no digit is found, or the number
//     does not fit an int, HasCustomerID stays false (the reference would
//     set NaN; D15 keeps the last valid id).
//
// A nil map gives the zero HeaderUpdate.
func ProcessHeaders(h map[string]string) HeaderUpdate {
	var u HeaderUpdate
	if n, ok := header(h, "nonce"); ok && n != "" {
		u.Nonce, u.HasNonce = n, true
	}
	if id, ok := header(h, "user-id"); ok && id != "" {
		u.CustomerID, u.HasCustomerID = parseInt10(id)
	}
	return u
}

// header looks up a header by its lower-case name, then without regard to
// case; of several other spellings, the first in sorted order wins so that
// the result does not depend on map iteration order.
func header(h map[string]string, lower string) (string, bool) {
	if v, ok := h[lower]; ok {
		return v, true
	}
	found, best := false, ""
	var val string
	for k, v := range h {
		if strings.EqualFold(k, lower) && (!found || k < best) {
			found, best, val = true, k, v
		}
	}
	return val, found
}

// parseInt10 is JS parseInt(s, 10) restricted to results that fit an int.
func parseInt10(s string) (int, bool) {
	s = strings.TrimLeftFunc(s, isJSSpace)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == 0 {
		return 0, false
	}
	digits := s[:end]
	if neg {
		digits = "-" + digits
	}
	n, err := strconv.ParseInt(digits, 10, strconv.IntSize)
	if err != nil {
		return 0, false
	}
	return int(n), true
}

// isJSSpace is the white space JS skips before a number (WhiteSpace and
// LineTerminator of ECMA-262).
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// PaymentResult is the reference's getPaymentResultFromCheckoutResponse
// (ref §10). It returns a new plain object with keys, in order,
// message, paymentStatus, redirectUrl, paymentDetails, starting from
// {message: "", paymentStatus: "not set", redirectUrl: "", paymentDetails: {}}:
//
//   - when body has key payment_result: paymentStatus and redirectUrl take
//     its payment_status and redirect_url as they are (undefined when
//     missing, as in JS); when its payment_details is an array, every item
//     that is a plain object sets paymentDetails[String(item.key)] to the
//     entity-decoded item.value (non-string values are kept as they are;
//     a later duplicate key wins). A null payment_result (a TypeError in
//     the reference) leaves the defaults;
//   - when body has key message: message is the entity-decoded message
//     (kept as is when not a string);
//   - when message is still falsy and body.data.status is a number (or
//     numeric string) above 299: message is DefaultErrorMessage.
//
// A body that is not a plain object gives the defaults. body is not modified.
func PaymentResult(body any) *value.Object {
	var (
		message  any = ""
		status   any = "not set"
		redirect any = ""
		details  value.Builder
	)
	o := value.AsObject(body)
	if o.Has("payment_result") {
		if pr := o.Get("payment_result"); pr != nil && !value.IsUndefined(pr) {
			prObj := value.AsObject(pr)
			status = prObj.Get("payment_status")
			redirect = prObj.Get("redirect_url")
			if items, ok := prObj.Get("payment_details").([]any); ok {
				for _, item := range items {
					if it := value.AsObject(item); it != nil {
						details.Set(value.String(it.Get("key")), decodeAny(it.Get("value")))
					}
				}
			}
		}
	}
	if o.Has("message") {
		message = decodeAny(o.Get("message"))
	}
	if !value.Truthy(message) {
		data := value.AsObject(o.Get("data"))
		if data.Has("status") && above299(data.Get("status")) {
			message = DefaultErrorMessage
		}
	}
	return value.NewObject(
		"message", message,
		"paymentStatus", status,
		"redirectUrl", redirect,
		"paymentDetails", details.Build(),
	)
}

// above299 is JS `v > 299` for numbers and numeric strings; other values
// compare false.
func above299(v any) bool {
	if f, ok := value.Number(v); ok {
		return f > 299
	}
	s, ok := v.(string)
	if !ok {
		return false
	}
	s = strings.TrimFunc(s, isJSSpace)
	if s == "" || strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r == '.' || r == 'e' || r == 'E' || r == '+' || r == '-')
	}) {
		return false
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && f > 299
}

// decodeAny is @wordpress/html-entities decodeEntities: strings are
// decoded, any other value is returned unchanged.
func decodeAny(v any) any {
	if s, ok := v.(string); ok {
		return DecodeEntities(s)
	}
	return v
}

// maxSafeInteger is Number.MAX_SAFE_INTEGER.
const maxSafeInteger = 1<<53 - 1

// OrderID returns body.order_id when body is a plain object whose order_id
// is a number with an integer value from 0 to 2^53−1 (D15). Anything else
// (missing, a string, negative, fractional, NaN) gives (0, false).
func OrderID(body any) (int, bool) {
	f, ok := value.Number(value.AsObject(body).Get("order_id"))
	if !ok || math.IsNaN(f) || f < 0 || f > maxSafeInteger || f != math.Trunc(f) {
		return 0, false
	}
	return int(f), true
}

// CartFromError returns body.data.cart when body and body.data are plain
// objects and cart is a plain object (ref §9.3: a 409 error body carries
// the cart); otherwise (nil, false).
func CartFromError(body any) (*value.Object, bool) {
	cart := value.AsObject(value.AsObject(value.AsObject(body).Get("data")).Get("cart"))
	return cart, cart != nil
}
