package storeapi_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

// obj parses a JSON object literal into a *value.Object (test helper).
func obj(t *testing.T, s string) *value.Object {
	t.Helper()
	o, ok := valuejson.MustParse(s).(*value.Object)
	require.True(t, ok, "not a JSON object: %s", s)
	return o
}

func marshal(v any) string { return string(valuejson.Marshal(v)) }

// savedTokenInput is the ref §9.2 saved-token example on a cart that needs
// shipping and payment.
func savedTokenInput(t *testing.T) storeapi.Input {
	return storeapi.Input{
		NeedsShipping:           true,
		NeedsPayment:            true,
		ShippingAddress:         obj(t, `{"first_name":"Ada","country":"GB","postcode":"N1 1AA"}`),
		BillingAddress:          obj(t, `{"first_name":"Ada","country":"GB","email":"ada@example.com"}`),
		OrderNotes:              "Leave at the door",
		ShouldCreateAccount:     true,
		ActivePaymentMethod:     "stripe",
		PaymentMethodID:         "stripe",
		PaymentMethodRegistered: true,
		PaymentMethodData:       obj(t, `{"token":"2","payment_method":"stripe","wc-stripe-payment-token":"2","isSavedToken":true}`),
		ShouldSavePaymentMethod: false,
		ExtensionData:           obj(t, `{"my-plugin":{"gift":true}}`),
	}
}

// ref §9.2: keys in order shipping_address, billing_address, customer_note,
// create_account, payment_method, payment_data, extensions; the saved-token
// example gives its four pairs then {key:'wc-stripe-new-payment-method', value:false}.
func TestBuildRequestSavedTokenPayload(t *testing.T) {
	req := storeapi.BuildRequest(savedTokenInput(t), "", "n0nce", "attempt-1")

	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, "/wp-json/wc/store/v1/checkout", req.URL)
	assert.Equal(t,
		`{"shipping_address":{"first_name":"Ada","country":"GB","postcode":"N1 1AA"},`+
			`"billing_address":{"first_name":"Ada","country":"GB","email":"ada@example.com"},`+
			`"customer_note":"Leave at the door",`+
			`"create_account":true,`+
			`"payment_method":"stripe",`+
			`"payment_data":[{"key":"token","value":"2"},{"key":"payment_method","value":"stripe"},`+
			`{"key":"wc-stripe-payment-token","value":"2"},{"key":"isSavedToken","value":true},`+
			`{"key":"wc-stripe-new-payment-method","value":false}],`+
			`"extensions":{"my-plugin":{"gift":true}}}`,
		marshal(req.Body))
	assert.Equal(t, []string{"shipping_address", "billing_address", "customer_note", "create_account",
		"payment_method", "payment_data", "extensions"}, req.Body.Keys())
}

// The seed example (reference/checkout-api-interface.md, bacs). The seed's
// JSON lists only myGatewayCustomData; ref §9.2 (the code real scripts run
// against) always appends the wc-<name>-new-payment-method flag, so the
// flag is expected here after the seed's pair.
func TestBuildRequestSeedBacsPayload(t *testing.T) {
	in := storeapi.Input{
		NeedsShipping:           true,
		NeedsPayment:            true,
		ShippingAddress:         value.NewObject(),
		BillingAddress:          value.NewObject(),
		ActivePaymentMethod:     "bacs",
		PaymentMethodID:         "bacs",
		PaymentMethodRegistered: true,
		PaymentMethodData:       value.NewObject("myGatewayCustomData", "12345"),
	}
	req := storeapi.BuildRequest(in, "", "", "")
	assert.Equal(t,
		`{"shipping_address":{},"billing_address":{},"customer_note":"","create_account":false,`+
			`"payment_method":"bacs",`+
			`"payment_data":[{"key":"myGatewayCustomData","value":"12345"},{"key":"wc-bacs-new-payment-method","value":false}],`+
			`"extensions":{}}`,
		marshal(req.Body))
}

func TestBuildRequestOmissions(t *testing.T) {
	base := func() storeapi.Input {
		return storeapi.Input{
			NeedsShipping:           true,
			NeedsPayment:            true,
			ShippingAddress:         value.NewObject("country", "US"),
			BillingAddress:          value.NewObject("country", "US"),
			ActivePaymentMethod:     "cod",
			PaymentMethodID:         "cod",
			PaymentMethodRegistered: true,
			PaymentMethodData:       value.NewObject("a", "1"),
			ShouldSavePaymentMethod: true,
		}
	}
	tests := []struct {
		name   string
		modify func(*storeapi.Input)
		want   string
	}{
		{
			name:   "D26: no payment needed sends neither payment_method nor payment_data",
			modify: func(in *storeapi.Input) { in.NeedsPayment = false },
			want:   `{"shipping_address":{"country":"US"},"billing_address":{"country":"US"},"customer_note":"","create_account":false,"extensions":{}}`,
		},
		{
			name:   "ref §9.2: unregistered method omits payment_method but keeps payment_data",
			modify: func(in *storeapi.Input) { in.PaymentMethodRegistered, in.PaymentMethodID = false, "" },
			want: `{"shipping_address":{"country":"US"},"billing_address":{"country":"US"},"customer_note":"","create_account":false,` +
				`"payment_data":[{"key":"a","value":"1"},{"key":"wc-cod-new-payment-method","value":true}],"extensions":{}}`,
		},
		{
			name:   "ref §9.2: no shipping needed omits shipping_address",
			modify: func(in *storeapi.Input) { in.NeedsShipping = false },
			want: `{"billing_address":{"country":"US"},"customer_note":"","create_account":false,"payment_method":"cod",` +
				`"payment_data":[{"key":"a","value":"1"},{"key":"wc-cod-new-payment-method","value":true}],"extensions":{}}`,
		},
		{
			name: "ref §9.2: payment_method is the paymentMethodId, the flag uses the name",
			modify: func(in *storeapi.Input) {
				in.ActivePaymentMethod, in.PaymentMethodID = "my-card", "my_card_gateway"
			},
			want: `{"shipping_address":{"country":"US"},"billing_address":{"country":"US"},"customer_note":"","create_account":false,` +
				`"payment_method":"my_card_gateway","payment_data":[{"key":"a","value":"1"},{"key":"wc-my-card-new-payment-method","value":true}],"extensions":{}}`,
		},
		{
			name:   "ref §9.2: registered with no id falls back to the name",
			modify: func(in *storeapi.Input) { in.PaymentMethodID = "" },
			want: `{"shipping_address":{"country":"US"},"billing_address":{"country":"US"},"customer_note":"","create_account":false,` +
				`"payment_method":"cod","payment_data":[{"key":"a","value":"1"},{"key":"wc-cod-new-payment-method","value":true}],"extensions":{}}`,
		},
		{
			name:   "nil addresses and extension data are sent as empty objects",
			modify: func(in *storeapi.Input) { in.ShippingAddress, in.BillingAddress, in.NeedsPayment = nil, nil, false },
			want:   `{"shipping_address":{},"billing_address":{},"customer_note":"","create_account":false,"extensions":{}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			tt.modify(&in)
			assert.Equal(t, tt.want, marshal(storeapi.BuildRequest(in, "", "", "").Body))
		})
	}
}

// ref §9.2: payment_data values are as-is (not stringified); only a plain
// object contributes pairs, anything else gives only the save flag.
func TestBuildRequestPaymentData(t *testing.T) {
	flag := `{"key":"wc-m-new-payment-method","value":false}`
	tests := []struct {
		name string
		data any
		want string
	}{
		{"values kept as-is", obj(t, `{"n":2.5,"b":false,"o":{"x":[1]},"z":null}`),
			`[{"key":"n","value":2.5},{"key":"b","value":false},{"key":"o","value":{"x":[1]}},{"key":"z","value":null},` + flag + `]`},
		{"empty object", value.NewObject(), `[` + flag + `]`},
		{"undefined", value.Undef, `[` + flag + `]`},
		{"null", nil, `[` + flag + `]`},
		{"string (express onError message)", "card declined", `[` + flag + `]`},
		{"array", []any{"a", "b"}, `[` + flag + `]`},
		{"opaque", value.Opaque{TypeOf: "object"}, `[` + flag + `]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := storeapi.Input{NeedsPayment: true, ActivePaymentMethod: "m", PaymentMethodData: tt.data}
			body := storeapi.BuildRequest(in, "", "", "").Body
			require.True(t, body.Has("payment_data"))
			assert.Equal(t, tt.want, marshal(body.Get("payment_data")))
		})
	}
}

func TestBuildRequestDoesNotShareOrModifyInput(t *testing.T) {
	in := savedTokenInput(t)
	before := marshal(in.PaymentMethodData)
	extBefore := marshal(in.ExtensionData)

	req := storeapi.BuildRequest(in, "", "", "")

	assert.Equal(t, before, marshal(in.PaymentMethodData))
	assert.Equal(t, extBefore, marshal(in.ExtensionData))
	ext, ok := req.Body.Get("extensions").(*value.Object)
	require.True(t, ok)
	assert.NotSame(t, in.ExtensionData, ext, "ref §9.2: extensions is a shallow copy")
	assert.Equal(t, extBefore, marshal(ext))
}

// D21: the attempt id travels as Idempotency-Key; the nonce as Nonce
// (js-api load option); Content-Type first.
func TestBuildRequestHeaders(t *testing.T) {
	tests := []struct {
		name, nonce, attempt string
		want                 [][2]string
	}{
		{"nonce and attempt", "abc123", "a-7", [][2]string{
			{"Content-Type", "application/json"}, {"Nonce", "abc123"}, {"Idempotency-Key", "a-7"}}},
		{"no nonce", "", "a-7", [][2]string{
			{"Content-Type", "application/json"}, {"Idempotency-Key", "a-7"}}},
		{"no attempt id", "abc123", "", [][2]string{
			{"Content-Type", "application/json"}, {"Nonce", "abc123"}}},
		{"neither", "", "", [][2]string{{"Content-Type", "application/json"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := storeapi.BuildRequest(storeapi.Input{}, "", tt.nonce, tt.attempt)
			assert.Equal(t, tt.want, req.Headers)
		})
	}
}

func TestBuildRequestURL(t *testing.T) {
	tests := []struct{ base, want string }{
		{"", "/wp-json/wc/store/v1/checkout"},
		{"/wp-json/wc/store/v1", "/wp-json/wc/store/v1/checkout"},
		{"/wp-json/wc/store/v1/", "/wp-json/wc/store/v1/checkout"},
		{"/wp-json/wc/store/v1//", "/wp-json/wc/store/v1/checkout"},
		{"https://shop.example/wp-json/wc/store/v1", "https://shop.example/wp-json/wc/store/v1/checkout"},
		{"/?rest_route=/wc/store/v1", "/?rest_route=/wc/store/v1/checkout"},
		{"/", "/checkout"},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			assert.Equal(t, tt.want, storeapi.BuildRequest(storeapi.Input{}, tt.base, "", "").URL)
		})
	}
}

func TestConstants(t *testing.T) {
	assert.Equal(t, "/wp-json/wc/store/v1", storeapi.DefaultBaseURL)
	assert.Equal(t, "/checkout", storeapi.CheckoutPath)
}
