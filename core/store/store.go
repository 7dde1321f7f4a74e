// Package store holds the five stores of one checkout (checkout, payment,
// validation, notices, cart) as immutable state values with reducer
// methods, and builds the selector views that are published to JS.
//
// Every reducer is a method on a state value that returns the next state.
// A reducer never modifies its receiver, its arguments or any object the
// receiver shares with other states: objects are *value.Object (immutable
// once built) and slices are copied before they are changed. When a rule
// says "unchanged" the receiver itself is returned, so next.Equal(prev)
// holds; callers decide whether an action changed state with Equal.
//
// The package does no I/O, starts no goroutines and keeps no package-level
// mutable state. It never fails: arguments of the wrong JS type are handled
// by the rule of the reference (usually "unchanged"); type errors for the
// public JS API (D34) are the bridge's job.
//
// Rule citations: "ref §n" (WooCommerce's behaviour) and "D n" (our
// decisions, which win over the reference) are anchors of docs/rules.md.
package store

import "github.com/wcblocks/checkoutwasm/core/value"

// Store keys (ref §1.1; notices live in the WordPress notices store).
const (
	CheckoutKey   = "wc/store/checkout"
	PaymentKey    = "wc/store/payment"
	ValidationKey = "wc/store/validation"
	CartKey       = "wc/store/cart"
	NoticesKey    = "core/notices"
)

// Checkout status strings (D1). StatusPristine is the initial status (D2).
const (
	StatusPristine         = "pristine"
	StatusIdle             = "idle"
	StatusBeforeProcessing = "before_processing"
	StatusProcessing       = "processing"
	StatusAfterProcessing  = "after_processing"
	StatusComplete         = "complete"
)

// Payment status strings (ref §1.3, D3).
const (
	PaymentIdle           = "idle"
	PaymentExpressStarted = "express_started"
	PaymentProcessing     = "processing"
	PaymentReady          = "ready"
	PaymentError          = "has_error"
)

// Shipping error statuses (ref §1.7, §13).
const (
	ShippingErrorNone           = "none"
	ShippingErrorInvalidAddress = "invalid_address"
	ShippingErrorUnknown        = "unknown_error"
)

// DefaultNoticeContext is the notices context used when none is given
// (@wordpress/notices, ref §0).
const DefaultNoticeContext = "global"

// DefaultNoticeStatus is the status CreateNotice uses for an empty status
// (the default parameter of @wordpress/notices' createNotice).
const DefaultNoticeStatus = "info"

// StoreKeys returns the five store keys in a fixed order (checkout,
// payment, validation, notices, cart). The slice is new on every call.
func StoreKeys() []string {
	return []string{CheckoutKey, PaymentKey, ValidationKey, NoticesKey, CartKey}
}

// objOrEmpty returns o, or a new empty object when o is nil, so that every
// object-typed field of a state is a real (possibly empty) object.
func objOrEmpty(o *value.Object) *value.Object {
	if o == nil {
		return value.NewObject()
	}
	return o
}

// strictEqual is JS === for the values of the value model. Objects compare
// by identity (same *value.Object pointer); arrays by identity of their
// backing array (two empty arrays count as identical, which Go cannot tell
// apart); opaque values by value.Equal; NaN is not equal to itself.
func strictEqual(a, b any) bool {
	switch x := a.(type) {
	case value.Undefined:
		return value.IsUndefined(b)
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case float64, int, int64:
		fx, _ := value.Number(x)
		fy, ok := value.Number(b)
		return ok && fx == fy
	case *value.Object:
		y, ok := b.(*value.Object)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		return len(x) == 0 || &x[0] == &y[0]
	default:
		return value.Equal(a, b)
	}
}

// shallowEqual is @wordpress/is-shallow-equal: two plain objects are equal
// when they have the same number of keys and every value is strictly
// equal under the same key; two arrays when they have the same length and
// strictly equal items; anything else by strictEqual.
func shallowEqual(a, b any) bool {
	if xo, ok := a.(*value.Object); ok {
		if yo, ok := b.(*value.Object); ok {
			if xo == yo {
				return true
			}
			if xo.Len() != yo.Len() {
				return false
			}
			eq := true
			xo.Range(func(k string, v any) bool {
				eq = yo.Has(k) && strictEqual(v, yo.Get(k))
				return eq
			})
			return eq
		}
	}
	if xa, ok := a.([]any); ok {
		if ya, ok := b.([]any); ok {
			if len(xa) != len(ya) {
				return false
			}
			for i := range xa {
				if !strictEqual(xa[i], ya[i]) {
					return false
				}
			}
			return true
		}
	}
	return strictEqual(a, b)
}

// stringsEqual reports whether two string slices hold the same items in order.
func stringsEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
