package server

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// placeOrder places a checkout and returns the decoded response.
func placeOrder(t *testing.T, e *testEnv, override map[string]any) checkoutResponse {
	t.Helper()
	_, _, raw := e.checkout(body(override), nil)
	var r checkoutResponse
	require.NoError(t, json.Unmarshal(raw, &r))
	require.NotZero(t, r.OrderID, "body: %s", raw)
	return r
}

// The order-received page shows the order; every value is HTML-escaped.
func TestOrderReceivedPage(t *testing.T) {
	e := newEnv(t)
	evil := "<script>alert('x')</script>"
	r := placeOrder(t, e, map[string]any{
		"billing_address": with(with(validBilling(), "first_name", evil), "address_2", `"><img src=x onerror=alert(1)>`),
		"customer_note":   "<b>ring twice</b>",
	})
	path := "/checkout/order-received/" + strconv.Itoa(r.OrderID) + "/?key=" + url.QueryEscape(r.OrderKey)
	resp, raw := e.do("GET", path, "", nil)
	require.Equal(t, 200, resp.StatusCode)
	page := string(raw)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Contains(t, page, "Thank you. Your order has been received.")
	assert.Contains(t, page, `<strong id="order-number">1001</strong>`)
	assert.Contains(t, page, `<strong id="order-total">€58.70</strong>`)
	assert.Contains(t, page, `<strong id="payment-method">Direct bank transfer</strong>`)
	assert.Contains(t, page, "Organic Cotton T-Shirt × 1")
	assert.Contains(t, page, "Ceramic Coffee Mug × 2")
	assert.Contains(t, page, "Standard €4.90")
	assert.NotContains(t, page, evil, "markup in an address is not emitted as markup")
	assert.Contains(t, page, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
	assert.NotContains(t, page, "<img src=x")
	assert.Contains(t, page, "&lt;b&gt;ring twice&lt;/b&gt;")

	t.Run("without the trailing slash", func(t *testing.T) {
		resp, _ := e.do("GET", "/checkout/order-received/1001?key="+r.OrderKey, "", nil)
		assert.Equal(t, 200, resp.StatusCode)
	})
	for _, bad := range []string{
		"/checkout/order-received/1001/?key=wrong",
		"/checkout/order-received/1001/",
		"/checkout/order-received/1002/?key=" + r.OrderKey,
		"/checkout/order-received/abc/?key=" + r.OrderKey,
	} {
		t.Run("404 "+bad, func(t *testing.T) {
			resp, raw := e.do("GET", bad, "", nil)
			assert.Equal(t, 404, resp.StatusCode)
			assert.Contains(t, string(raw), "Order not found")
		})
	}
}

func TestOrderReceivedStatusText(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name     string
		override map[string]any
		want     string
	}{
		{"failed", card(cardDeclined), "cannot be processed"},
		{"pending", map[string]any{"payment_method": "demo_3ds"}, "awaiting payment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r checkoutResponse
			_, _, raw := e.checkout(body(tt.override), nil)
			require.NoError(t, json.Unmarshal(raw, &r))
			_, page := e.do("GET", "/checkout/order-received/"+strconv.Itoa(r.OrderID)+"/?key="+r.OrderKey, "", nil)
			assert.Contains(t, string(page), tt.want)
		})
	}
}

// /orders lists every order as HTML, /orders.json as JSON, oldest first.
func TestOrderLists(t *testing.T) {
	e := newEnv(t)
	t.Run("empty", func(t *testing.T) {
		_, raw := e.do("GET", "/orders.json", "", nil)
		assert.JSONEq(t, `[]`, string(raw))
		_, page := e.do("GET", "/orders", "", nil)
		assert.Contains(t, string(page), "No orders yet.")
	})
	placeOrder(t, e, nil)
	placeOrder(t, e, merge(card(cardSuccess), map[string]any{"billing_address": with(validBilling(), "email", "o'brien@example.com")}))
	resp, raw := e.do("GET", "/orders.json", "", nil)
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "application/json; charset=UTF-8", resp.Header.Get("Content-Type"))
	var list []map[string]any
	require.NoError(t, json.Unmarshal(raw, &list))
	require.Len(t, list, 2)
	assert.Equal(t, float64(1001), list[0]["id"])
	assert.Equal(t, "on-hold", list[0]["status"])
	assert.Equal(t, "bacs", list[0]["payment_method"])
	assert.Equal(t, float64(5870), list[0]["total"])
	assert.Equal(t, "ada@example.com", list[0]["email"])
	assert.NotEmpty(t, list[0]["date_created"])
	assert.Equal(t, float64(1002), list[1]["id"])
	assert.Equal(t, "processing", list[1]["status"])

	resp, page := e.do("GET", "/orders", "", nil)
	require.Equal(t, 200, resp.StatusCode)
	html := string(page)
	assert.Contains(t, html, `data-order-id="1001"`)
	assert.Contains(t, html, `data-order-id="1002"`)
	assert.Contains(t, html, "Demo card")
	assert.Contains(t, html, "€58.70")
	assert.Contains(t, html, "o&#39;brien@example.com")
	assert.Less(t, strings.Index(html, "#1001"), strings.Index(html, "#1002"))
}

// The demo 3-D Secure step: challenge page, then confirm approve or fail.
func Test3DSFlow(t *testing.T) {
	e := newEnv(t)
	threeDS := map[string]any{"payment_method": "demo_3ds"}
	confirm := func(id int, key, outcome string) (int, confirmResult) {
		b, _ := json.Marshal(map[string]any{"order_id": id, "order_key": key, "outcome": outcome})
		resp, raw := e.do("POST", "/demo-3ds/confirm", string(b), map[string]string{"Content-Type": "application/json"})
		var res confirmResult
		require.NoError(t, json.Unmarshal(raw, &res), "body: %s", raw)
		return resp.StatusCode, res
	}
	status := func(id int) string {
		for _, o := range storedOrders(t, e.srv) {
			if o.ID == id {
				return o.Status
			}
		}
		return ""
	}

	t.Run("challenge page", func(t *testing.T) {
		r := placeOrder(t, e, threeDS)
		challenge := r.PaymentResult.PaymentDetails[0].Value.(string)
		resp, raw := e.do("GET", challenge, "", nil)
		require.Equal(t, 200, resp.StatusCode)
		page := string(raw)
		assert.Contains(t, page, "Your bank")
		assert.Contains(t, page, `action="/demo-3ds/confirm"`)
		assert.Contains(t, page, `value="approve"`)
		assert.Contains(t, page, `value="fail"`)
		assert.Contains(t, page, `value="`+r.OrderKey+`"`)
		assert.Contains(t, page, "€58.70")

		resp, _ = e.do("GET", "/demo-3ds/challenge?order="+strconv.Itoa(r.OrderID)+"&key=nope", "", nil)
		assert.Equal(t, 404, resp.StatusCode)
	})
	t.Run("approve", func(t *testing.T) {
		r := placeOrder(t, e, threeDS)
		require.Equal(t, "pending", status(r.OrderID))
		code, res := confirm(r.OrderID, r.OrderKey, "approve")
		assert.Equal(t, 200, code)
		assert.Equal(t, confirmResult{Result: "success", RedirectURL: e.ts.URL + "/checkout/order-received/" + strconv.Itoa(r.OrderID) + "/?key=" + r.OrderKey}, res)
		assert.Equal(t, "processing", status(r.OrderID))

		code, res = confirm(r.OrderID, r.OrderKey, "approve")
		assert.Equal(t, 200, code, "approving twice is harmless")
		assert.Equal(t, "success", res.Result)
		code, res = confirm(r.OrderID, r.OrderKey, "fail")
		assert.Equal(t, 409, code)
		assert.Equal(t, "failure", res.Result)
		assert.Equal(t, "processing", status(r.OrderID))
	})
	t.Run("fail", func(t *testing.T) {
		r := placeOrder(t, e, threeDS)
		code, res := confirm(r.OrderID, r.OrderKey, "fail")
		assert.Equal(t, 402, code)
		assert.Equal(t, confirmResult{Result: "failure", Message: "Authentication failed. Please try another payment method."}, res)
		assert.Equal(t, "failed", status(r.OrderID))
		code, _ = confirm(r.OrderID, r.OrderKey, "approve")
		assert.Equal(t, 402, code, "a failed authentication is final")
		assert.Equal(t, "failed", status(r.OrderID))
	})
	t.Run("errors", func(t *testing.T) {
		r := placeOrder(t, e, threeDS)
		card := placeOrder(t, e, card(cardSuccess))
		for _, tt := range []struct {
			name    string
			id      int
			key     string
			outcome string
			status  int
		}{
			{"wrong key", r.OrderID, "wc_order_x", "approve", 404},
			{"unknown order", 9999, r.OrderKey, "approve", 404},
			{"not a 3ds order", card.OrderID, card.OrderKey, "approve", 404},
			{"bad outcome", r.OrderID, r.OrderKey, "maybe", 400},
		} {
			t.Run(tt.name, func(t *testing.T) {
				code, res := confirm(tt.id, tt.key, tt.outcome)
				assert.Equal(t, tt.status, code)
				assert.Equal(t, "failure", res.Result)
				assert.NotEmpty(t, res.Message)
			})
		}
		resp, _ := e.do("POST", "/demo-3ds/confirm", "{", map[string]string{"Content-Type": "application/json"})
		assert.Equal(t, 400, resp.StatusCode)
		assert.Equal(t, "pending", status(r.OrderID), "errors change nothing")
	})
	t.Run("form post from the challenge page", func(t *testing.T) {
		form := func(r checkoutResponse, outcome string) (int, string) {
			v := url.Values{"order_id": {strconv.Itoa(r.OrderID)}, "order_key": {r.OrderKey}, "outcome": {outcome}}
			resp, _ := e.do("POST", "/demo-3ds/confirm", v.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
			return resp.StatusCode, resp.Header.Get("Location")
		}
		a := placeOrder(t, e, threeDS)
		code, loc := form(a, "approve")
		assert.Equal(t, 303, code)
		assert.Equal(t, e.ts.URL+"/checkout/order-received/"+strconv.Itoa(a.OrderID)+"/?key="+a.OrderKey, loc)
		f := placeOrder(t, e, threeDS)
		code, loc = form(f, "fail")
		assert.Equal(t, 303, code)
		assert.Equal(t, "/demo/", loc)
		code, _ = form(f, "bogus")
		assert.Equal(t, 400, code)
		code, _ = form(checkoutResponse{OrderID: 1, OrderKey: "x"}, "approve")
		assert.Equal(t, 404, code)
		resp, _ := e.do("POST", "/demo-3ds/confirm", "%zz", map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
		assert.Equal(t, 400, resp.StatusCode)
	})
}

func TestFormatMoney(t *testing.T) {
	for v, want := range map[int64]string{0: "€0.00", 5: "€0.05", 490: "€4.90", 5870: "€58.70", -125: "-€1.25"} {
		assert.Equal(t, want, formatMoney(v))
	}
}
