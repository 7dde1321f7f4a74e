package observer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// ref §5.5: the guards need a plain object whose `type` is strictly the string.
func TestResponseGuards(t *testing.T) {
	tests := []struct {
		name                     string
		v                        any
		success, isError, isFail bool
	}{
		{"success", value.NewObject("type", "success"), true, false, false},
		{"error", value.NewObject("type", "error", "message", "x"), false, true, false},
		{"failure", value.NewObject("type", "failure"), false, false, true},
		{"fail is not failure (ref §1.5)", value.NewObject("type", "fail"), false, false, false},
		{"case sensitive", value.NewObject("type", "SUCCESS"), false, false, false},
		{"unknown type", value.NewObject("type", "pending"), false, false, false},
		{"type undefined", value.NewObject("type", value.Undef), false, false, false},
		{"type not a string", value.NewObject("type", 1.0), false, false, false},
		{"no type", value.NewObject("message", "success"), false, false, false},
		{"empty object", value.NewObject(), false, false, false},
		{"nil *Object", (*value.Object)(nil), false, false, false},
		{"string", "success", false, false, false},
		{"null", nil, false, false, false},
		{"undefined", value.Undef, false, false, false},
		{"array", []any{value.NewObject("type", "success")}, false, false, false},
		{"opaque class instance", value.Opaque{TypeOf: "object"}, false, false, false},
		{"bool", true, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.success, IsSuccessResponse(tt.v), "IsSuccessResponse")
			assert.Equal(t, tt.isError, IsErrorResponse(tt.v), "IsErrorResponse")
			assert.Equal(t, tt.isFail, IsFailResponse(tt.v), "IsFailResponse")
		})
	}
}

// ref §5.5: shouldRetry is true for non-objects, retry undefined or true;
// false for any other retry value.
func TestShouldRetry(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want bool
	}{
		{"not an object: undefined", value.Undef, true},
		{"not an object: null", nil, true},
		{"not an object: string", "retry", true},
		{"not an object: array", []any{}, true},
		{"not an object: opaque", value.Opaque{TypeOf: "object"}, true},
		{"retry absent", value.NewObject("type", "error"), true},
		{"retry undefined", value.NewObject("retry", value.Undef), true},
		{"retry true", value.NewObject("retry", true), true},
		{"retry false", value.NewObject("retry", false), false},
		{"retry null", value.NewObject("retry", nil), false},
		{"retry 0", value.NewObject("retry", 0.0), false},
		{"retry 1", value.NewObject("retry", 1.0), false},
		{"retry 'false'", value.NewObject("retry", "false"), false},
		{"retry 'yes'", value.NewObject("retry", "yes"), false},
		{"retry object", value.NewObject("retry", value.NewObject()), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, ShouldRetry(tt.v))
		})
	}
}

// D4 / ref §1.5: responseTypes.
func TestResponseTypes(t *testing.T) {
	assert.Equal(t, "success", TypeSuccess)
	assert.Equal(t, "failure", TypeFail)
	assert.Equal(t, "error", TypeError)

	o := ResponseTypesObject()
	assert.Equal(t, []string{"SUCCESS", "FAIL", "ERROR"}, o.Keys())
	assert.Equal(t, "success", o.Get("SUCCESS"))
	assert.Equal(t, "failure", o.Get("FAIL"))
	assert.Equal(t, "error", o.Get("ERROR"))
	assert.NotSame(t, o, ResponseTypesObject(), "a new object each call")
}

// D4 / ref §1.6: the full noticeContexts list in declaration order.
func TestNoticeContexts(t *testing.T) {
	want := []NoticeContext{
		{"CART", "wc/cart"},
		{"CHECKOUT", "wc/checkout"},
		{"PAYMENTS", "wc/checkout/payments"},
		{"EXPRESS_PAYMENTS", "wc/checkout/express-payments"},
		{"CONTACT_INFORMATION", "wc/checkout/contact-information"},
		{"SHIPPING_ADDRESS", "wc/checkout/shipping-address"},
		{"BILLING_ADDRESS", "wc/checkout/billing-address"},
		{"SHIPPING_METHODS", "wc/checkout/shipping-methods"},
		{"CHECKOUT_ACTIONS", "wc/checkout/checkout-actions"},
	}
	got := NoticeContexts()
	require.Equal(t, want, got)

	consts := []string{ContextCart, ContextCheckout, ContextPayments, ContextExpressPayments,
		ContextContactInformation, ContextShippingAddress, ContextBillingAddress,
		ContextShippingMethods, ContextCheckoutActions}
	for i, c := range consts {
		assert.Equal(t, want[i].Value, c, want[i].Key)
	}

	got[0].Value = "mutated"
	assert.Equal(t, want, NoticeContexts(), "each call returns a fresh slice")

	o := NoticeContextsObject()
	require.Equal(t, len(want), o.Len())
	for i, k := range o.Keys() {
		assert.Equal(t, want[i].Key, k)
		assert.Equal(t, want[i].Value, o.Get(k))
	}
}

func TestErrorResponse(t *testing.T) {
	tests := []struct {
		name    string
		message string
		want    *value.Object
	}{
		{"throw: exactly {type:'error'} (ref §5.4)", "", value.NewObject("type", "error")},
		{"with a message (D17)", "slow did not respond within 5 ms", value.NewObject("type", "error", "message", "slow did not respond within 5 ms")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ErrorResponse(tt.message)
			assert.True(t, value.Equal(tt.want, got), "%#v", got)
			assert.True(t, IsErrorResponse(got))
		})
	}
}
