package storeapi_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

func errNotice(id, content, context string) storeapi.NoticeSpec {
	return storeapi.NoticeSpec{ID: id, Status: "error", Content: content, Context: context, IsDismissible: true}
}

const (
	cartCtx     = "wc/cart"
	contactCtx  = "wc/checkout/contact-information"
	billingCtx  = "wc/checkout/billing-address"
	shippingCtx = "wc/checkout/shipping-address"
)

// Every branch of ref §9.5 processErrorResponse(body) with no explicit context.
func TestErrorNotices(t *testing.T) {
	tests := []struct {
		name string
		body any
		want []storeapi.NoticeSpec
	}{
		{
			name: "ref §9.5: rest_invalid_param flattens details and additional_errors, context by param then code",
			body: valuejson.MustParse(`{"code":"rest_invalid_param","message":"Invalid parameter(s): billing_address",
				"data":{"status":400,"params":{"billing_address":"bad"},"details":{
				"billing_address":{"code":"rest_invalid_param","message":"Email &amp; phone are invalid","data":null,
					"additional_errors":[{"code":"invalid_postcode","message":"Bad postcode","data":null},
						{"code":"no_message_here"},{"message":"no code here"},"junk"]},
				"shipping_address":{"code":"invalid_country","message":"Bad country"},
				"invalid_email":{"code":"x","message":"Bad email"},
				"payment_method":{"code":"woocommerce_rest_invalid_email_address","message":"m1",
					"additional_errors":[{"code":"woocommerce_rest_missing_email_address","message":"m2"},{"code":"other","message":"m3"}]},
				"customer_note":{"code":"c","message":""},
				"extensions":{"code":"e"},
				"create_account":"not an object"}}}`),
			want: []storeapi.NoticeSpec{
				errNotice("billing_address_rest_invalid_param", "Email & phone are invalid", billingCtx),
				errNotice("billing_address_invalid_postcode", "Bad postcode", billingCtx),
				errNotice("shipping_address_invalid_country", "Bad country", shippingCtx),
				errNotice("invalid_email_x", "Bad email", contactCtx),
				errNotice("payment_method_woocommerce_rest_invalid_email_address", "m1", contactCtx),
				errNotice("payment_method_woocommerce_rest_missing_email_address", "m2", contactCtx),
				errNotice("payment_method_other", "m3", cartCtx),
				errNotice("customer_note_c", storeapi.DefaultErrorMessage, cartCtx),
				errNotice("extensions_e", storeapi.DefaultErrorMessage, cartCtx),
			},
		},
		{
			name: "rest_invalid_param with details as an array walks indexes",
			body: valuejson.MustParse(`{"code":"rest_invalid_param","message":"m","data":{"details":[{"code":"a","message":"A"}]}}`),
			want: []storeapi.NoticeSpec{errNotice("0_a", "A", cartCtx)},
		},
		{
			name: "rest_invalid_param without details gives no notices",
			body: valuejson.MustParse(`{"code":"rest_invalid_param","message":"m","data":{"status":400}}`),
			want: nil,
		},
		{
			name: "rest_invalid_param with empty details gives no notices",
			body: valuejson.MustParse(`{"code":"rest_invalid_param","message":"m","data":{"details":[]}}`),
			want: nil,
		},
		{
			name: "rest_invalid_param without data gives no notices",
			body: valuejson.MustParse(`{"code":"rest_invalid_param","message":"m"}`),
			want: nil,
		},
		{
			name: "ref §9.5: other code: one notice, id = code, decoded message, context wc/cart",
			body: valuejson.MustParse(`{"code":"woocommerce_rest_cart_empty","message":"Cannot create order from empty cart &hellip;","data":{"status":400}}`),
			want: []storeapi.NoticeSpec{errNotice("woocommerce_rest_cart_empty", "Cannot create order from empty cart …", cartCtx)},
		},
		{
			name: "ref §9.5: woocommerce_rest_missing_email_address goes to contact-information",
			body: valuejson.MustParse(`{"code":"woocommerce_rest_missing_email_address","message":"Email missing","data":{"status":400}}`),
			want: []storeapi.NoticeSpec{errNotice("woocommerce_rest_missing_email_address", "Email missing", contactCtx)},
		},
		{
			name: "ref §9.5: woocommerce_rest_invalid_email_address goes to contact-information",
			body: valuejson.MustParse(`{"code":"woocommerce_rest_invalid_email_address","message":"Email invalid","data":{"status":400}}`),
			want: []storeapi.NoticeSpec{errNotice("woocommerce_rest_invalid_email_address", "Email invalid", contactCtx)},
		},
		{
			name: "ref §9.5: invalid_json always uses the default message",
			body: valuejson.MustParse(`{"code":"invalid_json","message":"Invalid JSON body passed.","data":{"status":400}}`),
			want: []storeapi.NoticeSpec{errNotice("invalid_json", storeapi.DefaultErrorMessage, cartCtx)},
		},
		{
			name: "ref §9.5: empty message uses the default message",
			body: valuejson.MustParse(`{"code":"woocommerce_rest_unknown_server_error","message":"","data":{"status":500}}`),
			want: []storeapi.NoticeSpec{errNotice("woocommerce_rest_unknown_server_error", storeapi.DefaultErrorMessage, cartCtx)},
		},
		{
			name: "null message uses the default message",
			body: valuejson.MustParse(`{"code":"x","message":null}`),
			want: []storeapi.NoticeSpec{errNotice("x", storeapi.DefaultErrorMessage, cartCtx)},
		},
		{
			name: "truthy non-string message is shown as String(message)",
			body: valuejson.MustParse(`{"code":"x","message":42}`),
			want: []storeapi.NoticeSpec{errNotice("x", "42", cartCtx)},
		},
		{
			name: "numeric code becomes a string id",
			body: valuejson.MustParse(`{"code":400,"message":"Bad"}`),
			want: []storeapi.NoticeSpec{errNotice("400", "Bad", cartCtx)},
		},
		{
			name: "array code does not panic and is shown as String(code)",
			body: valuejson.MustParse(`{"code":["a","b"],"message":"m"}`),
			want: []storeapi.NoticeSpec{errNotice("a,b", "m", cartCtx)},
		},
		{
			name: "ref §9.5: a 409 cart error body gives its notice",
			body: valuejson.MustParse(`{"code":"woocommerce_cart_error","message":"Out of stock","data":{"status":409,"cart":{}}}`),
			want: []storeapi.NoticeSpec{errNotice("woocommerce_cart_error", "Out of stock", cartCtx)},
		},
		{
			name: "ref §9.5: a declined payment's checkout body has no code/message: no notice",
			body: valuejson.MustParse(declineBody),
			want: nil,
		},
		{name: "ref §9.5: code without message: no notice", body: valuejson.MustParse(`{"code":"x"}`), want: nil},
		{name: "ref §9.5: message without code: no notice", body: valuejson.MustParse(`{"message":"x"}`), want: nil},
		{name: "ref §9.5: non-object body null", body: nil, want: nil},
		{name: "ref §9.5: non-object body undefined", body: value.Undef, want: nil},
		{name: "ref §9.5: non-object body string", body: "Internal Server Error", want: nil},
		{name: "ref §9.5: non-object body array", body: []any{value.NewObject("code", "x", "message", "y")}, want: nil},
		{name: "ref §9.5: opaque body", body: value.Opaque{TypeOf: "object"}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, storeapi.ErrorNotices(tt.body))
		})
	}
}

// ref §9.3 / D14: the unknown_error notice, both message variants by customerId !== 0.
func TestUnknownErrorNotice(t *testing.T) {
	tests := []struct {
		name       string
		customerID int
		want       string
	}{
		{"guest (customer id 0)", 0, "Something went wrong when placing the order. Check your email for order updates before retrying."},
		{"logged-in customer", 7, "Something went wrong when placing the order. Check your account's order history or your email for order updates before retrying."},
		{"any non-zero id counts as a customer", -1, storeapi.UnknownErrorMessageCustomer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, storeapi.UnknownErrorMessage(tt.customerID))
			assert.Equal(t, errNotice("unknown_error", tt.want, "wc/cart"), storeapi.UnknownErrorNotice(tt.customerID))
		})
	}
}

func TestMessageConstants(t *testing.T) {
	assert.Equal(t, "Something went wrong. Please contact us to get assistance.", storeapi.DefaultErrorMessage)
	assert.Equal(t, "Something went wrong when placing the order. Check your email for order updates before retrying.",
		storeapi.UnknownErrorMessageGuest)
	assert.Equal(t, "Something went wrong when placing the order. Check your account's order history or your email for order updates before retrying.",
		storeapi.UnknownErrorMessageCustomer)
}
