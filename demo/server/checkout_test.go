package server

import (
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ref §15.1: missing nonce → 401, invalid → 403, deprecated header accepted;
// D15: the nonce sent in a Nonce response header is accepted next time.
func TestCheckoutNonce_Ref15_1(t *testing.T) {
	e := newEnv(t)
	rotated := func() string {
		resp, _, _ := e.checkout(body(nil), nil)
		return resp.Header.Get("Nonce")
	}
	tests := []struct {
		name     string
		hdr      func() map[string]string
		status   int
		wantCode string
	}{
		{"no nonce header", func() map[string]string { return map[string]string{"Nonce": del} }, 401, "woocommerce_rest_missing_nonce"},
		{"empty nonce header", func() map[string]string { return map[string]string{"Nonce": ""} }, 401, "woocommerce_rest_missing_nonce"},
		{"invalid nonce", func() map[string]string { return map[string]string{"Nonce": "0123456789"} }, 403, "woocommerce_rest_invalid_nonce"},
		{"invalid deprecated nonce", func() map[string]string {
			return map[string]string{"Nonce": del, "X-WC-Store-API-Nonce": "bad"}
		}, 403, "woocommerce_rest_invalid_nonce"},
		{"Nonce wins over deprecated header", func() map[string]string {
			return map[string]string{"Nonce": "bad", "X-WC-Store-API-Nonce": e.srv.Nonce()}
		}, 403, "woocommerce_rest_invalid_nonce"},
		{"process nonce", func() map[string]string { return nil }, 200, ""},
		{"deprecated X-WC-Store-API-Nonce", func() map[string]string {
			return map[string]string{"Nonce": del, "X-WC-Store-API-Nonce": e.srv.Nonce()}
		}, 200, ""},
		{"nonce from a Nonce response header (D15)", func() map[string]string {
			return map[string]string{"Nonce": rotated()}
		}, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, m, _ := e.checkout(body(nil), tt.hdr())
			assert.Equal(t, tt.status, resp.StatusCode)
			if tt.wantCode != "" {
				assert.Equal(t, tt.wantCode, m["code"])
				assert.Equal(t, float64(tt.status), m["data"].(map[string]any)["status"])
			} else {
				assert.Equal(t, "on-hold", m["status"])
			}
		})
	}
}

// D15 / ref §15.3: only the last 16 rotated nonces stay valid; the per-process
// nonce always does.
func TestNonceRotationWindow_D15(t *testing.T) {
	e := newEnv(t)
	resp, _, _ := e.checkout(`{}`, nil)
	first := resp.Header.Get("Nonce")
	require.NotEmpty(t, first)
	for range 16 {
		e.checkout(`{}`, nil)
	}
	resp, m, _ := e.checkout(body(nil), map[string]string{"Nonce": first})
	assert.Equal(t, 403, resp.StatusCode)
	assert.Equal(t, "woocommerce_rest_invalid_nonce", m["code"])
	resp, _, _ = e.checkout(body(nil), nil)
	assert.Equal(t, 200, resp.StatusCode, "the process nonce stays valid")
}

// ref §15.3: every response carries Nonce, Nonce-Timestamp, User-ID,
// Cart-Token and X-WC-Store-API-Nonce; checkout responses rotate the nonce.
func TestStoreAPIHeaders_Ref15_3(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name   string
		send   func() *http.Response
		rotate bool
	}{
		{"cart GET", func() *http.Response { r, _ := e.do("GET", StoreAPIPrefix+"/cart", "", nil); return r }, false},
		{"checkout success", func() *http.Response { r, _, _ := e.checkout(body(nil), nil); return r }, true},
		{"checkout nonce error", func() *http.Response {
			r, _, _ := e.checkout(body(nil), map[string]string{"Nonce": del})
			return r
		}, true},
		{"checkout schema error", func() *http.Response { r, _, _ := e.checkout(`{}`, nil); return r }, true},
		{"checkout invalid json", func() *http.Response { r, _, _ := e.checkout(`{`, nil); return r }, true},
		{"select rate", func() *http.Response {
			r, _ := e.post("/cart/select-shipping-rate", `{"package_id":0,"rate_id":"flat_rate:1"}`, nil)
			return r
		}, false},
		{"unknown route", func() *http.Response { r, _ := e.do("GET", StoreAPIPrefix+"/nope", "", nil); return r }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := e.srv.nonces.current()
			resp := tt.send()
			h := resp.Header
			for _, k := range []string{"Nonce", "Nonce-Timestamp", "User-ID", "Cart-Token", "X-WC-Store-API-Nonce"} {
				assert.NotEmpty(t, h.Get(k), k)
			}
			assert.Equal(t, h.Get("Nonce"), h.Get("X-WC-Store-API-Nonce"))
			assert.Equal(t, "0", h.Get("User-ID"), "guests are user 0")
			_, err := strconv.ParseInt(h.Get("Nonce-Timestamp"), 10, 64)
			assert.NoError(t, err)
			assert.Equal(t, "no-store", h.Get("Cache-Control"))
			if tt.rotate {
				assert.NotEqual(t, before, h.Get("Nonce"))
				assert.True(t, e.srv.nonces.valid(h.Get("Nonce")))
			} else {
				assert.Equal(t, before, h.Get("Nonce"))
			}
		})
	}
}

// ref §15.1 (core REST): bodies that are not JSON, or carry no parameters.
func TestCheckoutBody_Ref15_1(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name   string
		body   string
		status int
		code   string
	}{
		{"not JSON", `{"billing_address":`, 400, "rest_invalid_json"},
		{"trailing garbage", `{"billing_address":{}} x`, 400, "rest_invalid_json"},
		{"plain text", `hello`, 400, "rest_invalid_json"},
		{"empty body means no parameters", ``, 400, "rest_missing_callback_param"},
		{"JSON array means no parameters", `[1,2]`, 400, "rest_missing_callback_param"},
		{"JSON null means no parameters", `null`, 400, "rest_missing_callback_param"},
		{"billing_address missing", body(map[string]any{"billing_address": drop}), 400, "rest_missing_callback_param"},
		{"too large", `{"customer_note":"` + strings.Repeat("x", maxBodyBytes) + `"}`, 413, "rest_request_too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, raw := e.post("/checkout", tt.body, nil)
			assert.Equal(t, tt.status, resp.StatusCode)
			eb := errBody(t, raw)
			assert.Equal(t, tt.code, eb.Code)
			assert.Equal(t, float64(tt.status), eb.Data["status"])
			if tt.code == "rest_missing_callback_param" {
				assert.Equal(t, "Missing parameter(s): billing_address", eb.Message)
				assert.Equal(t, []any{"billing_address"}, eb.Data["params"])
			}
			if tt.code == "rest_invalid_json" {
				assert.Equal(t, "Invalid JSON body passed.", eb.Message)
			}
		})
	}
	assert.Empty(t, e.orders())
}

// ref §15.1: schema failures → 400 rest_invalid_param with data.params
// (param → message) and data.details (param → {code, message, data}).
func TestCheckoutSchema_Ref15_1(t *testing.T) {
	e := newEnv(t)
	gatewayList := "bacs, cheque, cod, demo_card, demo_3ds, demo_express"
	tests := []struct {
		name      string
		override  map[string]any
		param     string
		code      string
		message   string
		dataParam string // "" when details.data is null
	}{
		{"billing_address not an object", map[string]any{"billing_address": "x"}, "billing_address", "rest_invalid_type", "billing_address is not of type object.", "billing_address"},
		{"billing_address null", map[string]any{"billing_address": nil}, "billing_address", "rest_invalid_type", "billing_address is not of type object.", "billing_address"},
		{"billing field not a string", map[string]any{"billing_address": with(validBilling(), "city", 5)}, "billing_address", "rest_invalid_type", "billing_address[city] is not of type string.", "billing_address[city]"},
		{"shipping_address not an object", map[string]any{"shipping_address": []any{}}, "shipping_address", "rest_invalid_type", "shipping_address is not of type object.", "shipping_address"},
		{"customer_note not a string", map[string]any{"customer_note": 1}, "customer_note", "rest_invalid_type", "customer_note is not of type string.", "customer_note"},
		{"create_account not a boolean", map[string]any{"create_account": "yes"}, "create_account", "rest_invalid_type", "create_account is not of type boolean.", "create_account"},
		{"payment_method not a string", map[string]any{"payment_method": true}, "payment_method", "rest_invalid_type", "payment_method is not of type string.", "payment_method"},
		{"payment_method not a gateway id", map[string]any{"payment_method": "stripe"}, "payment_method", "rest_not_in_enum", "payment_method is not one of " + gatewayList + ".", ""},
		{"payment_data not an array", map[string]any{"payment_data": map[string]any{}}, "payment_data", "rest_invalid_type", "payment_data is not of type array.", "payment_data"},
		{"payment_data item not an object", map[string]any{"payment_data": []any{"x"}}, "payment_data", "rest_invalid_type", "payment_data[0] is not of type object.", "payment_data[0]"},
		{"payment_data key not a string", map[string]any{"payment_data": []any{map[string]any{"key": 1, "value": "v"}}}, "payment_data", "rest_invalid_type", "payment_data[0][key] is not of type string.", "payment_data[0][key]"},
		{"payment_data value a number", map[string]any{"payment_data": []any{map[string]any{"key": "a", "value": "v"}, map[string]any{"key": "k", "value": 2}}}, "payment_data", "rest_invalid_type", "payment_data[1][value] is not of type string,boolean.", "payment_data[1][value]"},
		{"payment_data key missing", map[string]any{"payment_data": []any{map[string]any{"value": "v"}}}, "payment_data", "rest_property_required", "key is a required property of payment_data[0].", ""},
		{"payment_data value missing", map[string]any{"payment_data": []any{map[string]any{"key": "k"}}}, "payment_data", "rest_property_required", "value is a required property of payment_data[0].", ""},
		{"extensions not an object", map[string]any{"extensions": []any{}}, "extensions", "rest_invalid_type", "extensions is not of type object.", "extensions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, raw := e.post("/checkout", body(tt.override), nil)
			require.Equal(t, 400, resp.StatusCode, "body: %s", raw)
			eb := errBody(t, raw)
			assert.Equal(t, "rest_invalid_param", eb.Code)
			assert.Equal(t, "Invalid parameter(s): "+tt.param, eb.Message)
			assert.Equal(t, float64(400), eb.Data["status"])
			assert.Equal(t, map[string]any{tt.param: tt.message}, eb.Data["params"])
			detail := eb.Data["details"].(map[string]any)[tt.param].(map[string]any)
			assert.Equal(t, tt.code, detail["code"])
			assert.Equal(t, tt.message, detail["message"])
			if tt.dataParam == "" {
				assert.Nil(t, detail["data"])
			} else {
				assert.Equal(t, map[string]any{"param": tt.dataParam}, detail["data"])
			}
		})
	}
	assert.Empty(t, e.orders(), "schema failures place no order")
}

// ref §15.1: all invalid parameters are reported together, in schema order.
func TestCheckoutSchemaSeveral_Ref15_1(t *testing.T) {
	e := newEnv(t)
	resp, raw := e.post("/checkout", body(map[string]any{"extensions": 1, "billing_address": 2, "create_account": "no"}), nil)
	require.Equal(t, 400, resp.StatusCode)
	assert.Equal(t, "Invalid parameter(s): billing_address, create_account, extensions", errBody(t, raw).Message)
	// details keep the same order in the raw JSON
	s := string(raw)
	assert.Less(t, strings.Index(s, `"details":{"billing_address"`), strings.Index(s, `"create_account":{"code"`))
}

// ref §15.2 steps 3–5: order processing errors, codes and messages.
func TestCheckoutProcessingErrors_Ref15_2(t *testing.T) {
	tests := []struct {
		name     string
		override map[string]any
		code     string
		message  string
	}{
		{"no payment method while the cart needs payment", map[string]any{"payment_method": drop}, "woocommerce_rest_checkout_missing_payment_method", "No payment method provided."},
		{"empty payment method counts as none", map[string]any{"payment_method": ""}, "woocommerce_rest_checkout_missing_payment_method", "No payment method provided."},
		{"disabled gateway", map[string]any{"payment_method": "cheque"}, "woocommerce_rest_checkout_payment_method_disabled", "The cheque payment gateway is not available."},
		{"missing email", map[string]any{"billing_address": with(validBilling(), "email", drop)}, "woocommerce_rest_missing_email_address", "A valid email address is required"},
		{"blank email", map[string]any{"billing_address": with(validBilling(), "email", "  ")}, "woocommerce_rest_missing_email_address", "A valid email address is required"},
		{"invalid email", map[string]any{"billing_address": with(validBilling(), "email", "a<b>@x")}, "woocommerce_rest_invalid_email_address", "The provided email address (a&lt;b&gt;@x) is not valid—please provide a valid email address"},
		{"billing first_name missing", map[string]any{"billing_address": with(validBilling(), "first_name", "")}, "woocommerce_rest_invalid_address", "There was a problem with the provided billing address: First name is required"},
		{"billing last_name missing", map[string]any{"billing_address": with(validBilling(), "last_name", drop)}, "woocommerce_rest_invalid_address", "There was a problem with the provided billing address: Last name is required"},
		{"billing address_1 missing", map[string]any{"billing_address": with(validBilling(), "address_1", "")}, "woocommerce_rest_invalid_address", "There was a problem with the provided billing address: Address is required"},
		{"billing city missing", map[string]any{"billing_address": with(validBilling(), "city", "")}, "woocommerce_rest_invalid_address", "There was a problem with the provided billing address: City is required"},
		{"billing postcode missing", map[string]any{"billing_address": with(validBilling(), "postcode", "")}, "woocommerce_rest_invalid_address", "There was a problem with the provided billing address: Postal code is required"},
		{"billing country missing", map[string]any{"billing_address": with(validBilling(), "country", "")}, "woocommerce_rest_invalid_address", "There was a problem with the provided billing address: Country/Region is required"},
		{"several billing fields missing", map[string]any{"billing_address": with(with(validBilling(), "city", ""), "first_name", "")}, "woocommerce_rest_invalid_address", "There was a problem with the provided billing address: First name is required, City is required"},
		{"shipping checked before billing", map[string]any{
			"billing_address":  with(validBilling(), "city", ""),
			"shipping_address": with(withoutEmail(validBilling()), "postcode", ""),
		}, "woocommerce_rest_invalid_address", "There was a problem with the provided shipping address: Postal code is required"},
		{"no shipping address: billing is used for shipping", map[string]any{
			"shipping_address": drop, "billing_address": with(validBilling(), "city", ""),
		}, "woocommerce_rest_invalid_address", "There was a problem with the provided shipping address: City is required"},
		{"create_account with an invalid email", map[string]any{"create_account": true, "billing_address": with(validBilling(), "email", "nope")}, "registration-error-invalid-email", "Please provide a valid email address."},
		{"invalid card number", card("1234"), "woocommerce_rest_payment_error", msgInvalidCard},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			resp, m, raw := e.checkout(body(tt.override), nil)
			assert.Equal(t, 400, resp.StatusCode, "body: %s", raw)
			assert.Equal(t, tt.code, m["code"])
			assert.Equal(t, tt.message, m["message"])
			assert.Equal(t, float64(400), m["data"].(map[string]any)["status"])
			assert.Empty(t, e.orders(), "no order is placed")
		})
	}
}

// ref §15.2 step 5: data.errors lists the missing fields of both addresses.
func TestInvalidAddressErrors_Ref15_2(t *testing.T) {
	e := newEnv(t)
	_, m, _ := e.checkout(body(map[string]any{
		"billing_address":  with(validBilling(), "city", ""),
		"shipping_address": with(withoutEmail(validBilling()), "first_name", ""),
	}), nil)
	assert.Equal(t, map[string]any{
		"shipping": []any{"First name is required"},
		"billing":  []any{"City is required"},
	}, m["data"].(map[string]any)["errors"])
}

// paymentOutcome describes what one demo gateway answer must look like.
type paymentOutcome struct {
	name          string
	override      map[string]any
	status        int
	paymentStatus string
	orderStatus   string
	message       string
	redirect      bool
}

// ref §15.3: HTTP status from payment_status (success 200, failure 400,
// error 500) with a success-shaped body; the demo gateway rules of the brief.
func TestPaymentOutcomes_Ref15_3(t *testing.T) {
	tests := []paymentOutcome{
		{"bacs", map[string]any{"payment_method": "bacs"}, 200, "success", "on-hold", "", true},
		{"demo_card success", card(cardSuccess), 200, "success", "processing", "", true},
		{"demo_card success with spaces", card("4242 4242 4242 4242"), 200, "success", "processing", "", true},
		{"demo_card other valid number", card("4111111111111111"), 200, "success", "processing", "", true},
		{"demo_card declined → 400 success-shaped", card(cardDeclined), 400, "failure", "failed", msgDeclined, false},
		{"demo_card processor error → 500 success-shaped", card(cardError), 500, "error", "pending", msgProcessorDown, false},
		{"demo_express", map[string]any{"payment_method": "demo_express"}, 200, "success", "processing", "", true},
		{"demo_3ds", map[string]any{"payment_method": "demo_3ds"}, 200, "success", "pending", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			note := "leave at the door"
			resp, m, raw := e.checkout(body(merge(tt.override, map[string]any{
				"customer_note": note, "extensions": map[string]any{"demo": map[string]any{"gift": true}},
			})), nil)
			require.Equal(t, tt.status, resp.StatusCode, "body: %s", raw)
			var got checkoutResponse
			require.NoError(t, json.Unmarshal(raw, &got))
			orders := e.orders()
			require.Len(t, orders, 1)
			o := orders[0]
			assert.Equal(t, 1001, got.OrderID, "order ids start at 1001")
			assert.Equal(t, o.ID, got.OrderID)
			assert.Equal(t, tt.orderStatus, got.Status)
			assert.Equal(t, tt.orderStatus, o.Status)
			assert.Equal(t, o.Key, got.OrderKey)
			assert.True(t, strings.HasPrefix(got.OrderKey, "wc_order_"))
			assert.Equal(t, "1001", got.OrderNumber)
			assert.Equal(t, note, got.CustomerNote)
			assert.Equal(t, 0, got.CustomerID)
			assert.Equal(t, "ada@example.com", got.BillingAddress.Email)
			assert.Equal(t, "Ada", got.ShippingAddress.FirstName)
			assert.Empty(t, got.ShippingAddress.Email)
			assert.Equal(t, tt.override["payment_method"], got.PaymentMethod)
			assert.Equal(t, tt.paymentStatus, got.PaymentResult.PaymentStatus)
			assert.JSONEq(t, `{"demo":{"gift":true}}`, string(got.Extensions))
			assert.Equal(t, tt.message, got.Message)
			_, hasCode := m["code"]
			assert.False(t, hasCode, "a success-shaped body has no code")
			assert.NotNil(t, m["payment_result"].(map[string]any)["payment_details"], "payment_details is an array, never null")
			if tt.redirect {
				assert.Equal(t, e.ts.URL+"/checkout/order-received/1001/?key="+o.Key, got.PaymentResult.RedirectURL)
			} else {
				assert.Empty(t, got.PaymentResult.RedirectURL)
			}
			if tt.override["payment_method"] == "demo_3ds" {
				assert.Equal(t, []keyValue{
					{Key: "3ds_challenge_url", Value: "/demo-3ds/challenge?order=1001&key=" + o.Key},
					{Key: "3ds_confirm_url", Value: "/demo-3ds/confirm"},
				}, got.PaymentResult.PaymentDetails)
			} else {
				assert.Empty(t, got.PaymentResult.PaymentDetails)
			}
		})
	}
}

// ref §15.1: payment_data becomes a map sanitize_key(key) → cleaned value;
// card numbers are stored masked.
func TestPaymentDataMap_Ref15_1(t *testing.T) {
	e := newEnv(t)
	resp, _, _ := e.checkout(body(map[string]any{
		"payment_method": "demo_card",
		"payment_data": []any{
			map[string]any{"key": "Demo_Card_Number!", "value": " 4242424242424242\n"},
			map[string]any{"key": "wc-demo_card-new-payment-method", "value": false},
			map[string]any{"key": "note", "value": "<b>hi</b>\tthere"},
		},
	}), nil)
	require.Equal(t, 200, resp.StatusCode)
	o := e.orders()[0]
	assert.Equal(t, map[string]any{
		"demo_card_number":                "************4242",
		"wc-demo_card-new-payment-method": false,
		"note":                            "hi there",
	}, o.PaymentData)
	for _, f := range []string{dbFileName, dbFileName + "-wal"} {
		raw, err := os.ReadFile(e.data + "/" + f)
		if f == dbFileName {
			require.NoError(t, err)
		}
		assert.NotContains(t, string(raw), "4242424242424242", "the full card number is never stored (%s)", f)
	}
}

// ref §15.2 step 6: an order that needs no payment is completed without a
// payment method.
func TestNoPaymentNeeded_Ref15_2(t *testing.T) {
	e := newEnv(t, func(s *Server) {
		for i := range s.catalog.Products {
			s.catalog.Products[i].Price = 0
		}
		s.catalog.Rates[0].Price = 0
	})
	resp, _ := e.post("/cart/select-shipping-rate", `{"package_id":0,"rate_id":"local_pickup:2"}`, map[string]string{"Cart-Token": ""})
	require.Equal(t, 200, resp.StatusCode)
	tok := resp.Header.Get("Cart-Token")
	_, cfgRaw := e.do("GET", "/demo/config.json", "", nil)
	assert.Contains(t, string(cfgRaw), `"needsPayment":false`)

	resp, m, raw := e.checkout(body(map[string]any{"payment_method": drop, "payment_data": drop}), map[string]string{"Cart-Token": tok})
	require.Equal(t, 200, resp.StatusCode, "body: %s", raw)
	assert.Equal(t, "completed", m["status"])
	assert.Equal(t, "", m["payment_method"])
	pr := m["payment_result"].(map[string]any)
	assert.Equal(t, "success", pr["payment_status"])
	assert.Contains(t, pr["redirect_url"], "/checkout/order-received/1001/")
	o := e.orders()[0]
	assert.Equal(t, int64(0), o.Total)
	assert.Equal(t, "local_pickup:2", o.ShippingLine.RateID)

	// A named method must still be an enabled one.
	resp, m, _ = e.checkout(body(map[string]any{"payment_method": "cod"}), map[string]string{"Cart-Token": tok})
	assert.Equal(t, 400, resp.StatusCode)
	assert.Equal(t, "woocommerce_rest_checkout_payment_method_disabled", m["code"])
}

// ref §15.2 step 4 and §9.4: create_account with a new email creates a
// customer whose id is the order's customer_id and the User-ID header; the
// session stays logged in; a second account for the same email is refused.
func TestCreateAccount_Ref15_2(t *testing.T) {
	e := newEnv(t)
	resp, m, raw := e.checkout(body(map[string]any{"create_account": true}), nil)
	require.Equal(t, 200, resp.StatusCode, "body: %s", raw)
	uid := resp.Header.Get("User-ID")
	id, err := strconv.Atoi(uid)
	require.NoError(t, err)
	assert.Positive(t, id)
	assert.Equal(t, float64(id), m["customer_id"])
	assert.Equal(t, id, e.orders()[0].CustomerID)
	tok := resp.Header.Get("Cart-Token")

	t.Run("the session is logged in", func(t *testing.T) {
		r, _ := e.do("GET", StoreAPIPrefix+"/cart", "", map[string]string{"Cart-Token": tok})
		assert.Equal(t, uid, r.Header.Get("User-ID"))
		r, m, _ := e.checkout(body(map[string]any{"create_account": true}), map[string]string{"Cart-Token": tok})
		assert.Equal(t, 200, r.StatusCode, "a logged-in customer creates no second account")
		assert.Equal(t, float64(id), m["customer_id"])
	})
	t.Run("another guest with the same email", func(t *testing.T) {
		r, m, _ := e.checkout(body(map[string]any{"create_account": true, "billing_address": with(validBilling(), "email", "ADA@example.com")}), nil)
		assert.Equal(t, 400, r.StatusCode)
		assert.Equal(t, "registration-error-email-exists", m["code"])
		assert.Equal(t, "0", r.Header.Get("User-ID"))
	})
	t.Run("a different email gets the next id", func(t *testing.T) {
		r, m, _ := e.checkout(body(map[string]any{"create_account": true, "billing_address": with(validBilling(), "email", "bob@example.com")}), nil)
		assert.Equal(t, 200, r.StatusCode)
		assert.Equal(t, float64(id+1), m["customer_id"])
		assert.Equal(t, strconv.Itoa(id+1), r.Header.Get("User-ID"))
	})
	t.Run("the account survives a failing address step", func(t *testing.T) {
		r, m, _ := e.checkout(body(map[string]any{"create_account": true,
			"billing_address": with(with(validBilling(), "email", "cy@example.com"), "city", "")}), nil)
		assert.Equal(t, 400, r.StatusCode)
		assert.Equal(t, "woocommerce_rest_invalid_address", m["code"])
		assert.Equal(t, strconv.Itoa(id+2), r.Header.Get("User-ID"))
	})
}

// D21: the same Idempotency-Key with the same body returns the same stored
// response and never charges twice; a different body → 409.
func TestIdempotency_D21(t *testing.T) {
	tests := []struct {
		name     string
		override map[string]any
		status   int
		orders   int
	}{
		{"success", card(cardSuccess), 200, 1},
		{"decline", card(cardDeclined), 400, 1},
		{"processor error", card(cardError), 500, 1},
		{"processing error is stored too", map[string]any{"payment_method": "cheque"}, 400, 0},
		{"3ds", map[string]any{"payment_method": "demo_3ds"}, 200, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			key := map[string]string{"Idempotency-Key": "attempt-" + tt.name}
			b := body(tt.override)
			r1, _, raw1 := e.checkout(b, key)
			require.Equal(t, tt.status, r1.StatusCode)
			r2, _, raw2 := e.checkout(b, key)
			assert.Equal(t, r1.StatusCode, r2.StatusCode)
			assert.Equal(t, string(raw1), string(raw2), "byte-identical stored body")
			assert.Len(t, e.orders(), tt.orders)
			assert.NotEqual(t, r1.Header.Get("Nonce"), r2.Header.Get("Nonce"), "the nonce still rotates")

			// Same parameters, different formatting and key order: same request.
			var generic map[string]any
			require.NoError(t, json.Unmarshal([]byte(b), &generic))
			pretty, _ := json.MarshalIndent(generic, "", "    ")
			r3, _, raw3 := e.checkout(string(pretty), key)
			assert.Equal(t, r1.StatusCode, r3.StatusCode)
			assert.Equal(t, string(raw1), string(raw3))

			r4, m4, _ := e.checkout(body(merge(tt.override, map[string]any{"customer_note": "changed"})), key)
			assert.Equal(t, 409, r4.StatusCode)
			assert.Equal(t, "idempotency_key_reused", m4["code"])
			assert.Len(t, e.orders(), tt.orders)
		})
	}
}

// D21: the key is recorded on the order and a replay keeps the User-ID of
// the original response; rejections before processing are not recorded.
func TestIdempotencyDetails_D21(t *testing.T) {
	e := newEnv(t)
	key := map[string]string{"Idempotency-Key": "k1"}
	t.Run("schema errors are not stored", func(t *testing.T) {
		r, m, _ := e.checkout(body(map[string]any{"customer_note": 5}), key)
		require.Equal(t, 400, r.StatusCode)
		require.Equal(t, "rest_invalid_param", m["code"])
		r, _, _ = e.checkout(body(map[string]any{"create_account": true}), key)
		assert.Equal(t, 200, r.StatusCode, "the same key is usable for the fixed request")
		assert.Equal(t, "k1", e.orders()[0].IdempotencyKey)
	})
	t.Run("replay from another session keeps the User-ID", func(t *testing.T) {
		r, _, _ := e.checkout(body(map[string]any{"create_account": true}), merge2(key, map[string]string{"Cart-Token": "other"}))
		assert.Equal(t, 200, r.StatusCode)
		assert.Equal(t, "1", r.Header.Get("User-ID"))
	})
	t.Run("nonce is checked before replay", func(t *testing.T) {
		r, m, _ := e.checkout(body(map[string]any{"create_account": true}), merge2(key, map[string]string{"Nonce": "bad"}))
		assert.Equal(t, 403, r.StatusCode)
		assert.Equal(t, "woocommerce_rest_invalid_nonce", m["code"])
	})
	t.Run("key too long", func(t *testing.T) {
		r, m, _ := e.checkout(body(nil), map[string]string{"Idempotency-Key": strings.Repeat("k", 256)})
		assert.Equal(t, 400, r.StatusCode)
		assert.Equal(t, "idempotency_key_invalid", m["code"])
	})
	t.Run("no key: every request is new", func(t *testing.T) {
		before := len(e.orders())
		e.checkout(body(nil), nil)
		e.checkout(body(nil), nil)
		assert.Len(t, e.orders(), before+2)
	})
}

func merge2(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// A database that refuses the write answers 500 and keeps nothing: the
// order, the account created on the way and the idempotency record are one
// transaction, rolled back together; the key stays usable.
func TestCheckoutStoreWriteFailure(t *testing.T) {
	e := newEnv(t)
	_, err := e.srv.store.db.Exec(`CREATE TRIGGER fail_record BEFORE INSERT ON idempotency
		BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`)
	require.NoError(t, err)
	key := map[string]string{"Idempotency-Key": "x"}
	resp, m, _ := e.checkout(body(map[string]any{"create_account": true}), key)
	assert.Equal(t, 500, resp.StatusCode)
	assert.Equal(t, "woocommerce_rest_unknown_server_error", m["code"])
	assert.Equal(t, "0", resp.Header.Get("User-ID"), "the account was rolled back")
	assert.Empty(t, storedOrders(t, e.srv))
	assert.Equal(t, map[string]int{"orders": 0, "customers": 0, "idempotency": 0}, rowCounts(t, e.srv))

	_, err = e.srv.store.db.Exec(`DROP TRIGGER fail_record`)
	require.NoError(t, err)
	resp, m, _ = e.checkout(body(map[string]any{"create_account": true}), key)
	assert.Equal(t, 200, resp.StatusCode, "the same key works once the database does")
	assert.Equal(t, float64(firstOrderID), m["order_id"])
}

// Only POST reaches the checkout; other methods and unknown routes get the
// WordPress 404 rest_no_route.
func TestStoreAPINoRoute(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct{ method, path string }{
		{"GET", StoreAPIPrefix + "/checkout"},
		{"PUT", StoreAPIPrefix + "/checkout"},
		{"POST", StoreAPIPrefix + "/cart"},
		{"GET", StoreAPIPrefix + "/products"},
		{"GET", "/wp-json/"},
	} {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			resp, raw := e.do(tt.method, tt.path, "", map[string]string{"Nonce": e.srv.Nonce()})
			assert.Equal(t, 404, resp.StatusCode)
			assert.Equal(t, "rest_no_route", errBody(t, raw).Code)
		})
	}
}

func TestHelpers(t *testing.T) {
	t.Run("luhn16", func(t *testing.T) {
		for n, want := range map[string]bool{
			cardSuccess: true, cardDeclined: true, cardError: true, "4111111111111111": true,
			"4242424242424241": false, "424242424242424": false, "42424242424242420": false,
			"42424242424242a2": false, "": false,
		} {
			assert.Equal(t, want, luhn16(n), n)
		}
	})
	t.Run("isEmail", func(t *testing.T) {
		for s, want := range map[string]bool{
			"ada@example.com": true, "a.b+c@sub.example.co": true, "a@b.c": false, "ada@example": false,
			"@example.com": false, "ada@@example.com": false, "ada@-x.com": false, "ada@x-.com": false,
			"ada@exa mple.com": false, "a da@example.com": false, "ada@example..com": false,
		} {
			assert.Equal(t, want, isEmail(s), s)
		}
	})
	t.Run("sanitizeKey and cleanText", func(t *testing.T) {
		assert.Equal(t, "wc-card_1", sanitizeKey("WC-Card_1 !é"))
		assert.Equal(t, "a b", cleanText("  <i>a</i>\nb "))
	})
	t.Run("maskCard", func(t *testing.T) {
		assert.Equal(t, "***", maskCard("123"))
		assert.Equal(t, "**3456", maskCard("123456"))
	})
}
