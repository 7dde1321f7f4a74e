package storeapi_test

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

const (
	successBody = `{"order_id":42,"status":"processing","order_key":"wc_order_x","order_number":"42","customer_note":"",` +
		`"customer_id":7,"billing_address":{},"shipping_address":{},"payment_method":"cod",` +
		`"payment_result":{"payment_status":"success","payment_details":[{"key":"note","value":"Paid &amp; done"}],` +
		`"redirect_url":"https://shop.example/checkout/order-received/42/?key=wc_order_x"},"extensions":{}}`
	// ref §15.3: a declined payment is a 400 with a success-shaped body.
	declineBody = `{"order_id":43,"status":"failed","order_key":"k","order_number":"43","customer_note":"","customer_id":0,` +
		`"billing_address":{},"shipping_address":{},"payment_method":"card",` +
		`"payment_result":{"payment_status":"failure","payment_details":[],"redirect_url":""},"extensions":{}}`
	// ref §15.3: error body {code, message, data:{status}}.
	serverErrorBody = `{"code":"woocommerce_rest_unknown_server_error","message":"Server said no","data":{"status":500}}`
)

// Classification table, ref §9.3 as amended by D14.
func TestClassify(t *testing.T) {
	jsonResp := func(status int, body string) *storeapi.Response {
		return &storeapi.Response{Status: status, Headers: map[string]string{}, Body: valuejson.MustParse(body)}
	}
	notJSON := func(status int) *storeapi.Response {
		return &storeapi.Response{Status: status, Body: value.Undef, BodyErr: errors.New("unexpected token <")}
	}
	tests := []struct {
		name string
		resp *storeapi.Response
		err  error
		want string
	}{
		{"200 JSON: success", jsonResp(200, successBody), nil, storeapi.KindSuccess},
		{"202 JSON (pending): success", jsonResp(202, successBody), nil, storeapi.KindSuccess},
		{"299 JSON: success", jsonResp(299, successBody), nil, storeapi.KindSuccess},
		{"D14: 400 decline JSON: declined", jsonResp(400, declineBody), nil, storeapi.KindDeclined},
		{"D14: 409 cart error JSON: declined", jsonResp(409, `{"code":"woocommerce_cart_error","message":"x","data":{"status":409,"cart":{}}}`), nil, storeapi.KindDeclined},
		{"D14: 500 error JSON: declined", jsonResp(500, serverErrorBody), nil, storeapi.KindDeclined},
		{"300 JSON: declined (not 2xx)", jsonResp(300, serverErrorBody), nil, storeapi.KindDeclined},
		{"199 JSON: declined (not 2xx)", jsonResp(199, serverErrorBody), nil, storeapi.KindDeclined},
		{"D14: 2xx not JSON: failed", notJSON(200), nil, storeapi.KindFailed},
		{"D14: 5xx not JSON: failed", notJSON(502), nil, storeapi.KindFailed},
		{"D14: 4xx not JSON: failed", notJSON(403), nil, storeapi.KindFailed},
		{"D14: network error: failed", nil, errors.New("fetch failed"), storeapi.KindFailed},
		{"network error wins over a response", jsonResp(200, successBody), errors.New("aborted"), storeapi.KindFailed},
		{"nil response without error: failed", nil, nil, storeapi.KindFailed},
		{"200 JSON null: failed", jsonResp(200, `null`), nil, storeapi.KindFailed},
		{"500 JSON string: failed", jsonResp(500, `"oops"`), nil, storeapi.KindFailed},
		{"200 JSON array: failed", jsonResp(200, `[]`), nil, storeapi.KindFailed},
		{"200 with undefined body and no BodyErr: failed", &storeapi.Response{Status: 200, Body: value.Undef}, nil, storeapi.KindFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, storeapi.Classify(tt.resp, tt.err))
		})
	}
}

func TestKindConstants(t *testing.T) {
	assert.Equal(t, "success", storeapi.KindSuccess)
	assert.Equal(t, "declined", storeapi.KindDeclined)
	assert.Equal(t, "failed", storeapi.KindFailed)
}

// ref §9.4 + D15: Nonce replaces the nonce; a non-empty User-ID is read
// with parseInt(value, 10), so "0" sets 0.
func TestProcessHeaders(t *testing.T) {
	tests := []struct {
		name    string
		headers map[string]string
		want    storeapi.HeaderUpdate
	}{
		{"nil map", nil, storeapi.HeaderUpdate{}},
		{"all §15.3 headers", map[string]string{"nonce": "n2", "nonce-timestamp": "1700000000", "user-id": "7",
			"cart-token": "ct", "x-wc-store-api-nonce": "n2"},
			storeapi.HeaderUpdate{Nonce: "n2", HasNonce: true, CustomerID: 7, HasCustomerID: true}},
		{"ref §9.4: User-ID \"0\" sets 0", map[string]string{"user-id": "0"},
			storeapi.HeaderUpdate{CustomerID: 0, HasCustomerID: true}},
		{"empty nonce leaves the nonce alone", map[string]string{"nonce": ""}, storeapi.HeaderUpdate{}},
		{"empty User-ID is ignored", map[string]string{"user-id": ""}, storeapi.HeaderUpdate{}},
		{"parseInt stops at the first non-digit", map[string]string{"user-id": "12abc"},
			storeapi.HeaderUpdate{CustomerID: 12, HasCustomerID: true}},
		{"parseInt skips leading white space", map[string]string{"user-id": " \t\u00a05"},
			storeapi.HeaderUpdate{CustomerID: 5, HasCustomerID: true}},
		{"parseInt accepts a sign", map[string]string{"user-id": "-3"},
			storeapi.HeaderUpdate{CustomerID: -3, HasCustomerID: true}},
		{"parseInt accepts plus", map[string]string{"user-id": "+9"},
			storeapi.HeaderUpdate{CustomerID: 9, HasCustomerID: true}},
		{"parseInt radix 10 reads 0x10 as 0", map[string]string{"user-id": "0x10"},
			storeapi.HeaderUpdate{CustomerID: 0, HasCustomerID: true}},
		{"unparsable User-ID is not set", map[string]string{"user-id": "abc"}, storeapi.HeaderUpdate{}},
		{"sign alone is not set", map[string]string{"user-id": "-"}, storeapi.HeaderUpdate{}},
		{"white space alone is not set", map[string]string{"user-id": "  "}, storeapi.HeaderUpdate{}},
		{"overflowing User-ID is not set", map[string]string{"user-id": "99999999999999999999999"}, storeapi.HeaderUpdate{}},
		{"names matched without case", map[string]string{"Nonce": "n3", "User-ID": "8"},
			storeapi.HeaderUpdate{Nonce: "n3", HasNonce: true, CustomerID: 8, HasCustomerID: true}},
		{"lower-case name wins", map[string]string{"NONCE": "upper", "nonce": "lower"},
			storeapi.HeaderUpdate{Nonce: "lower", HasNonce: true}},
		{"other spellings: first in sorted order wins", map[string]string{"NONCE": "upper", "Nonce": "title"},
			storeapi.HeaderUpdate{Nonce: "upper", HasNonce: true}},
		{"deprecated X-WC-Store-API-Nonce alone is not read", map[string]string{"x-wc-store-api-nonce": "old"},
			storeapi.HeaderUpdate{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, storeapi.ProcessHeaders(tt.headers))
		})
	}
}

// ref §10 getPaymentResultFromCheckoutResponse.
func TestPaymentResult(t *testing.T) {
	tests := []struct {
		name string
		body any
		want string
	}{
		{"success body: status, redirect, decoded payment_details", valuejson.MustParse(successBody),
			`{"message":"","paymentStatus":"success","redirectUrl":"https://shop.example/checkout/order-received/42/?key=wc_order_x",` +
				`"paymentDetails":{"note":"Paid & done"}}`},
		{"ref §15.3: 400 decline body has failure and an empty message", valuejson.MustParse(declineBody),
			`{"message":"","paymentStatus":"failure","redirectUrl":"","paymentDetails":{}}`},
		{"error body: decoded message, status not set", valuejson.MustParse(
			`{"code":"c","message":"Sorry &amp; goodbye &#8217;now&#8217;","data":{"status":402}}`),
			`{"message":"Sorry & goodbye ’now’","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"ref §10: empty message with data.status > 299 gets the default", valuejson.MustParse(
			`{"code":"c","message":"","data":{"status":500}}`),
			`{"message":"` + storeapi.DefaultErrorMessage + `","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"ref §10: no message key with data.status > 299 gets the default", valuejson.MustParse(
			`{"payment_result":{"payment_status":"error","redirect_url":""},"data":{"status":500}}`),
			`{"message":"` + storeapi.DefaultErrorMessage + `","paymentStatus":"error","redirectUrl":"","paymentDetails":{}}`},
		{"ref §10: data.status 299 keeps the empty message", valuejson.MustParse(`{"message":"","data":{"status":299}}`),
			`{"message":"","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"ref §10: numeric string status compares as a number", valuejson.MustParse(`{"data":{"status":" 503 "}}`),
			`{"message":"` + storeapi.DefaultErrorMessage + `","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"non-numeric string status does not compare", valuejson.MustParse(`{"data":{"status":"500x"}}`),
			`{"message":"","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"boolean status does not compare", valuejson.MustParse(`{"data":{"status":true}}`),
			`{"message":"","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"data without status", valuejson.MustParse(`{"data":{}}`),
			`{"message":"","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"falsy non-string message 0 is replaced by the default", valuejson.MustParse(`{"message":0,"data":{"status":400}}`),
			`{"message":"` + storeapi.DefaultErrorMessage + `","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"non-string message kept as-is", valuejson.MustParse(`{"message":42}`),
			`{"message":42,"paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"missing payment_result gives the defaults", valuejson.MustParse(`{"order_id":1}`),
			`{"message":"","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"null payment_result gives the defaults", valuejson.MustParse(`{"payment_result":null}`),
			`{"message":"","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"payment_details not an array is ignored", valuejson.MustParse(
			`{"payment_result":{"payment_status":"success","payment_details":{"key":"a","value":"b"},"redirect_url":"/x"}}`),
			`{"message":"","paymentStatus":"success","redirectUrl":"/x","paymentDetails":{}}`},
		{"payment_details: non-objects skipped, later duplicate wins, non-strings kept", valuejson.MustParse(
			`{"payment_result":{"payment_status":"pending","redirect_url":"/r","payment_details":[` +
				`{"key":"a","value":"1 &lt; 2"},"junk",null,{"key":"b","value":3},{"key":"a","value":"again"},{"key":null,"value":true}]}}`),
			`{"message":"","paymentStatus":"pending","redirectUrl":"/r","paymentDetails":{"a":"again","b":3,"null":true}}`},
		{"body null gives the defaults", nil,
			`{"message":"","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"body undefined gives the defaults", value.Undef,
			`{"message":"","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
		{"body string gives the defaults", "<html>",
			`{"message":"","paymentStatus":"not set","redirectUrl":"","paymentDetails":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := storeapi.PaymentResult(tt.body)
			require.NotNil(t, got)
			assert.Equal(t, []string{"message", "paymentStatus", "redirectUrl", "paymentDetails"}, got.Keys())
			assertSameValue(t, tt.want, got)
		})
	}
}

// assertSameValue checks got against the JSON text want as value trees
// (value.Equal: deep and key-order sensitive). It does not compare
// Marshal output because valuejson escapes &, < and > the way
// encoding/json does.
func assertSameValue(t *testing.T, want string, got any) {
	t.Helper()
	assert.True(t, value.Equal(valuejson.MustParse(want), got), "want %s\n got %s", want, marshal(got))
}

// ref §10: payment_status/redirect_url are copied as-is, so an empty
// payment_result gives undefined for both (as JS does).
func TestPaymentResultEmptyPaymentResultIsUndefined(t *testing.T) {
	got := storeapi.PaymentResult(valuejson.MustParse(`{"payment_result":{}}`))
	assert.True(t, value.IsUndefined(got.Get("paymentStatus")))
	assert.True(t, value.IsUndefined(got.Get("redirectUrl")))
	assert.Equal(t, "", got.Get("message"))
}

func TestPaymentResultDoesNotModifyBody(t *testing.T) {
	body := valuejson.MustParse(successBody)
	before := marshal(body)
	storeapi.PaymentResult(body)
	assert.Equal(t, before, marshal(body))
}

// D15: order_id is stored when it is a non-negative integer number.
func TestOrderID(t *testing.T) {
	tests := []struct {
		name   string
		body   any
		want   int
		wantOK bool
	}{
		{"success body", valuejson.MustParse(successBody), 42, true},
		{"decline body carries the order too", valuejson.MustParse(declineBody), 43, true},
		{"zero", valuejson.MustParse(`{"order_id":0}`), 0, true},
		{"max safe integer", value.NewObject("order_id", float64(1<<53-1)), 1<<53 - 1, true},
		{"Go int accepted", value.NewObject("order_id", 5), 5, true},
		{"beyond max safe integer", value.NewObject("order_id", float64(1<<53)), 0, false},
		{"negative", valuejson.MustParse(`{"order_id":-1}`), 0, false},
		{"fractional", valuejson.MustParse(`{"order_id":1.5}`), 0, false},
		{"NaN", value.NewObject("order_id", math.NaN()), 0, false},
		{"infinite", value.NewObject("order_id", math.Inf(1)), 0, false},
		{"string", valuejson.MustParse(`{"order_id":"42"}`), 0, false},
		{"missing", valuejson.MustParse(serverErrorBody), 0, false},
		{"body not an object", nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := storeapi.OrderID(tt.body)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

// ref §9.3: an error body's data.cart is handed back for receiveCartContents.
func TestCartFromError(t *testing.T) {
	tests := []struct {
		name string
		body any
		want string // "" when absent
	}{
		{"409 with cart", valuejson.MustParse(
			`{"code":"woocommerce_rest_cart_error","message":"m","data":{"status":409,"cart":{"items":[],"shipping_address":{"country":"FR"}}}}`),
			`{"items":[],"shipping_address":{"country":"FR"}}`},
		{"no cart", valuejson.MustParse(serverErrorBody), ""},
		{"cart null", valuejson.MustParse(`{"data":{"cart":null}}`), ""},
		{"cart not an object", valuejson.MustParse(`{"data":{"cart":"x"}}`), ""},
		{"data not an object", valuejson.MustParse(`{"data":[1]}`), ""},
		{"body not an object", "text", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cart, ok := storeapi.CartFromError(tt.body)
			if tt.want == "" {
				assert.False(t, ok)
				assert.Nil(t, cart)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tt.want, marshal(cart))
		})
	}
}
