package storeapi_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestBuildRequestAdditionalFieldsAndSaveChoice(t *testing.T) {
	tests := []struct {
		name   string
		modify func(in *storeapi.Input)
		check  func(t *testing.T, body *value.Object)
	}{
		{"D44: additional_fields sent before extensions when not empty",
			func(in *storeapi.Input) { in.AdditionalFields = obj(t, `{"namespace/gift-note":"Happy birthday"}`) },
			func(t *testing.T, body *value.Object) {
				assert.Equal(t, `{"namespace/gift-note":"Happy birthday"}`, marshal(body.Get("additional_fields")))
				keys := body.Keys()
				assert.Equal(t, []string{"additional_fields", "extensions"}, keys[len(keys)-2:])
			}},
		{"D44: empty additional fields -> key omitted",
			func(in *storeapi.Input) { in.AdditionalFields = value.NewObject() },
			func(t *testing.T, body *value.Object) { assert.False(t, body.Has("additional_fields")) }},
		{"D44: nil additional fields -> key omitted",
			func(in *storeapi.Input) { in.AdditionalFields = nil },
			func(t *testing.T, body *value.Object) { assert.False(t, body.Has("additional_fields")) }},
		{"D40: shouldSavePayment true -> wc-<name>-new-payment-method true (WooCommerce's key)",
			func(in *storeapi.Input) { in.ShouldSavePaymentMethod = true },
			func(t *testing.T, body *value.Object) {
				pd := body.Get("payment_data").([]any)
				last := value.AsObject(pd[len(pd)-1])
				assert.Equal(t, "wc-stripe-new-payment-method", last.Get("key"))
				assert.Equal(t, true, last.Get("value"))
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := savedTokenInput(t)
			tc.modify(&in)
			tc.check(t, storeapi.BuildRequest(in, "", "", "").Body)
		})
	}
	t.Run("D44: the input object is copied, not shared", func(t *testing.T) {
		in := savedTokenInput(t)
		in.AdditionalFields = obj(t, `{"a":"1"}`)
		body := storeapi.BuildRequest(in, "", "", "").Body
		assert.NotSame(t, in.AdditionalFields, body.Get("additional_fields"))
	})
}

func TestBuildSelectShippingRateRequest(t *testing.T) {
	tests := []struct {
		name    string
		base    string
		nonce   string
		pkg     any
		wantURL string
		body    string
		headers [][2]string
	}{
		{"D40: package 0 with a nonce", "", "n1", 0.0, "/wp-json/wc/store/v1/cart/select-shipping-rate",
			`{"package_id":0,"rate_id":"flat_rate:1"}`, [][2]string{{"Content-Type", "application/json"}, {"Nonce", "n1"}}},
		{"D40: a string package id, a base with a trailing slash", "/api/", "", "b", "/api/cart/select-shipping-rate",
			`{"package_id":"b","rate_id":"flat_rate:1"}`, [][2]string{{"Content-Type", "application/json"}}},
		{"D40: undefined package -> null (every package)", "/api", "", value.Undef, "/api/cart/select-shipping-rate",
			`{"package_id":null,"rate_id":"flat_rate:1"}`, [][2]string{{"Content-Type", "application/json"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := storeapi.BuildSelectShippingRateRequest(tc.base, tc.nonce, tc.pkg, "flat_rate:1")
			assert.Equal(t, "POST", req.Method)
			assert.Equal(t, tc.wantURL, req.URL)
			assert.Equal(t, tc.body, marshal(req.Body))
			assert.Equal(t, tc.headers, req.Headers)
		})
	}
}
