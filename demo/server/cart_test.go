package server

import (
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type cartView struct {
	Items []struct {
		ID       int    `json:"id"`
		Name     string `json:"name"`
		Quantity int    `json:"quantity"`
		Prices   struct {
			Price        string `json:"price"`
			CurrencyCode string `json:"currency_code"`
			MinorUnit    int    `json:"currency_minor_unit"`
		} `json:"prices"`
	} `json:"items"`
	ShippingRates []struct {
		PackageID     int `json:"package_id"`
		ShippingRates []struct {
			RateID   string `json:"rate_id"`
			Name     string `json:"name"`
			Price    string `json:"price"`
			Selected bool   `json:"selected"`
		} `json:"shipping_rates"`
	} `json:"shipping_rates"`
	Totals struct {
		TotalItems    string `json:"total_items"`
		TotalShipping string `json:"total_shipping"`
		TotalPrice    string `json:"total_price"`
		CurrencyCode  string `json:"currency_code"`
	} `json:"totals"`
	NeedsPayment   bool     `json:"needs_payment"`
	NeedsShipping  bool     `json:"needs_shipping"`
	PaymentMethods []string `json:"payment_methods"`
	ItemsCount     int      `json:"items_count"`
}

func decodeCart(t *testing.T, raw []byte) cartView {
	t.Helper()
	var c cartView
	require.NoError(t, json.Unmarshal(raw, &c), "body: %s", raw)
	return c
}

func TestCartRoute(t *testing.T) {
	e := newEnv(t)
	resp, raw := e.do("GET", StoreAPIPrefix+"/cart", "", nil)
	require.Equal(t, 200, resp.StatusCode)
	c := decodeCart(t, raw)
	require.Len(t, c.Items, 3)
	for _, it := range c.Items {
		assert.Equal(t, "EUR", it.Prices.CurrencyCode)
		assert.Equal(t, 2, it.Prices.MinorUnit)
		assert.NotEmpty(t, it.Prices.Price)
	}
	assert.Equal(t, 4, c.ItemsCount)
	assert.Equal(t, "5380", c.Totals.TotalItems)
	assert.Equal(t, "490", c.Totals.TotalShipping)
	assert.Equal(t, "5870", c.Totals.TotalPrice)
	assert.Equal(t, "EUR", c.Totals.CurrencyCode)
	assert.True(t, c.NeedsPayment)
	assert.True(t, c.NeedsShipping)
	assert.Equal(t, []string{"bacs", "demo_card", "demo_3ds", "demo_express"}, c.PaymentMethods)
	require.Len(t, c.ShippingRates, 1)
	rates := c.ShippingRates[0].ShippingRates
	require.Len(t, rates, 2)
	assert.Equal(t, "flat_rate:1", rates[0].RateID)
	assert.Equal(t, "Standard", rates[0].Name)
	assert.Equal(t, "490", rates[0].Price)
	assert.True(t, rates[0].Selected, "the first rate is selected by default")
	assert.Equal(t, "local_pickup:2", rates[1].RateID)
	assert.Equal(t, "Pick up in store", rates[1].Name)
	assert.Equal(t, "0", rates[1].Price)
	assert.False(t, rates[1].Selected)

	t.Run("a new session gets a cookie and a Cart-Token", func(t *testing.T) {
		tok := resp.Header.Get("Cart-Token")
		assert.NotEmpty(t, tok)
		var cookie string
		for _, ck := range resp.Cookies() {
			if ck.Name == sessionCookie {
				cookie = ck.Value
			}
		}
		assert.Equal(t, tok, cookie)
		r2, _ := e.do("GET", StoreAPIPrefix+"/cart", "", map[string]string{"Cookie": sessionCookie + "=" + tok})
		assert.Equal(t, tok, r2.Header.Get("Cart-Token"), "the cookie names the session")
		assert.Empty(t, r2.Cookies(), "a known session sets no new cookie")
	})
}

// Selecting a rate is kept per session (Cart-Token header or cookie) and
// changes the cart and the next order's totals.
func TestSelectShippingRate(t *testing.T) {
	e := newEnv(t)
	resp, raw := e.post("/cart/select-shipping-rate", `{"package_id":0,"rate_id":"local_pickup:2"}`, nil)
	require.Equal(t, 200, resp.StatusCode, "body: %s", raw)
	tok := resp.Header.Get("Cart-Token")
	c := decodeCart(t, raw)
	assert.True(t, c.ShippingRates[0].ShippingRates[1].Selected)
	assert.False(t, c.ShippingRates[0].ShippingRates[0].Selected)
	assert.Equal(t, "5380", c.Totals.TotalPrice)

	_, raw = e.do("GET", StoreAPIPrefix+"/cart", "", map[string]string{"Cart-Token": tok})
	assert.Equal(t, "0", decodeCart(t, raw).Totals.TotalShipping, "the choice is kept")
	_, raw = e.do("GET", StoreAPIPrefix+"/cart", "", nil)
	assert.Equal(t, "490", decodeCart(t, raw).Totals.TotalShipping, "other sessions keep the default")

	r := placeOrderWith(t, e, nil, map[string]string{"Cart-Token": tok})
	o := storedOrders(t, e.srv)[0]
	assert.Equal(t, r.OrderID, o.ID)
	assert.Equal(t, ShippingLine{RateID: "local_pickup:2", Name: "Pick up in store", Price: 0}, o.ShippingLine)
	assert.Equal(t, int64(5380), o.Total)

	resp, _ = e.post("/cart/select-shipping-rate", `{"package_id":"0","rate_id":"flat_rate:1"}`, map[string]string{"Cart-Token": tok})
	assert.Equal(t, 200, resp.StatusCode, "package_id may be a string")
}

func placeOrderWith(t *testing.T, e *testEnv, override map[string]any, hdr map[string]string) checkoutResponse {
	t.Helper()
	_, _, raw := e.checkout(body(override), hdr)
	var r checkoutResponse
	require.NoError(t, json.Unmarshal(raw, &r))
	require.NotZero(t, r.OrderID, "body: %s", raw)
	return r
}

func TestSelectShippingRateErrors(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name   string
		body   string
		hdr    map[string]string
		status int
		code   string
	}{
		{"no nonce", `{"package_id":0,"rate_id":"flat_rate:1"}`, map[string]string{"Nonce": del}, 401, "woocommerce_rest_missing_nonce"},
		{"bad nonce", `{"package_id":0,"rate_id":"flat_rate:1"}`, map[string]string{"Nonce": "x"}, 403, "woocommerce_rest_invalid_nonce"},
		{"not JSON", `{`, nil, 400, "rest_invalid_json"},
		{"rate_id missing", `{"package_id":0}`, nil, 400, "rest_missing_callback_param"},
		{"package_id wrong type", `{"package_id":true,"rate_id":"flat_rate:1"}`, nil, 400, "rest_invalid_param"},
		{"package_id not an integer", `{"package_id":0.5,"rate_id":"flat_rate:1"}`, nil, 400, "rest_invalid_param"},
		{"rate_id wrong type", `{"package_id":0,"rate_id":1}`, nil, 400, "rest_invalid_param"},
		{"unknown package", `{"package_id":3,"rate_id":"flat_rate:1"}`, nil, 400, "woocommerce_rest_cart_missing_package_id"},
		{"unknown rate", `{"package_id":0,"rate_id":"free_shipping:9"}`, nil, 400, "woocommerce_rest_cart_invalid_rate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, raw := e.post("/cart/select-shipping-rate", tt.body, tt.hdr)
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, tt.code, errBody(t, raw).Code)
			assert.NotEmpty(t, resp.Header.Get("Nonce"))
		})
	}
}

// /demo/config.json holds what checkout.js load() needs, with a nonce the
// checkout accepts.
func TestConfigJSON(t *testing.T) {
	e := newEnv(t)
	resp, raw := e.do("GET", "/demo/config.json", "", nil)
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	assert.JSONEq(t, `{
		"nonce": "`+e.srv.Nonce()+`",
		"storeApiUrl": "/wp-json/wc/store/v1",
		"checkoutData": {"order_id": 0, "customer_id": 0, "billing_address": {}, "shipping_address": {}},
		"cart": {"needsPayment": true, "needsShipping": true, "paymentMethods": ["bacs","demo_card","demo_3ds","demo_express"]}
	}`, string(raw))
	assert.Len(t, e.srv.Nonce(), 10)
	other := newEnv(t)
	assert.NotEqual(t, e.srv.Nonce(), other.srv.Nonce(), "random per server process")
}

func TestSessionEviction(t *testing.T) {
	ss := newSessionStore(2)
	var toks []string
	for range 3 {
		toks = append(toks, ss.resolve(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)).token)
	}
	assert.Len(t, ss.byTok, 2)
	_, kept := ss.byTok[toks[0]]
	assert.False(t, kept, "the oldest session is dropped")
	ss.update(toks[0], func(*session) { t.Fatal("update of a dropped session must not run") })
}
