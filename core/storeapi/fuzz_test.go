package storeapi_test

import (
	"strings"
	"testing"

	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

// FuzzResponse feeds any status, body text and header pair through every
// function the engine applies to a checkout response (Classify,
// ProcessHeaders, PaymentResult, OrderID, CartFromError, ErrorNotices,
// DecodeEntities). None may panic; the results keep their documented
// shapes: a known kind, an order id in the safe-integer range, notices with
// content that never reads "undefined" unless the server sent that text.
func FuzzResponse(f *testing.F) {
	seeds := []struct {
		status       int
		body, hk, hv string
	}{
		{200, `{"order_id":12,"status":"success","payment_result":{"payment_status":"success","redirect_url":"https://shop.test/ok","payment_details":[{"key":"k","value":"v"}]}}`, "Nonce", "abc"},
		{400, `{"code":"rest_invalid_param","message":"Invalid","data":{"status":400,"params":{"billing_address":"bad"},"details":{"billing_address":{"code":"rest_invalid_param","message":"Bad &amp; wrong","data":null,"additional_errors":[{"code":"x","message":"y"}]}}}}`, "User-ID", "  12abc"},
		{402, `{"code":"woocommerce_rest_missing_email_address","message":""}`, "user-id", "99999999999999999999999"},
		{409, `{"code":"conflict","message":"&lt;b&gt;","data":{"status":409,"cart":{"items":[]}}}`, "NONCE", ""},
		{500, `<html>oops</html>`, "content-type", "text/html"},
		{200, `[1,2]`, "x", "y"},
		{200, `{"order_id":1e400,"payment_result":null,"message":{"x":1}}`, "User-ID", "-0"},
		{202, `{"__proto__":{"order_id":3},"order_id":"5","data":{"status":"300"}}`, "User-ID", "0x10"},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body), s.hk, s.hv)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, hk, hv string) {
		resp := &storeapi.Response{Status: status, Headers: map[string]string{strings.ToLower(hk): hv, hk: hv}, Body: value.Undef}
		if v, err := valuejson.Parse(body); err == nil {
			resp.Body = v
		} else {
			resp.BodyErr = err
		}
		switch storeapi.Classify(resp, nil) {
		case storeapi.KindSuccess, storeapi.KindDeclined, storeapi.KindFailed:
		default:
			t.Fatal("unknown kind")
		}
		if storeapi.Classify(nil, nil) != storeapi.KindFailed {
			t.Fatal("no response must be failed")
		}
		u := storeapi.ProcessHeaders(resp.Headers)
		if u.HasNonce && u.Nonce == "" {
			t.Fatal("an empty nonce must not replace the nonce (D15)")
		}
		if id, ok := storeapi.OrderID(resp.Body); ok && (id < 0 || id > 1<<53-1) {
			t.Fatalf("order id %d outside the safe range", id)
		}
		if pr := storeapi.PaymentResult(resp.Body); pr == nil {
			t.Fatal("PaymentResult must always give an object")
		}
		storeapi.CartFromError(resp.Body)
		for _, n := range storeapi.ErrorNotices(resp.Body) {
			if n.Content == "" || n.ID == "" {
				t.Fatalf("empty notice %+v", n)
			}
			if strings.Contains(n.Content, "undefined") && !strings.Contains(string(body), "undefined") {
				t.Fatalf("a notice reads undefined: %+v", n)
			}
		}
	})
}
