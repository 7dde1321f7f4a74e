package engine

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

// FuzzCheckRedirect: D16/D25 — whatever the server sends as redirect URL,
// an accepted one is an http(s) URL once the browser's clean-up is applied,
// and nothing that a browser would run as script is accepted.
func FuzzCheckRedirect(f *testing.F) {
	for _, s := range []string{"https://shop.test/ok", "/order-received/1", "java\tscript:alert(1)", " JAVASCRIPT:x", "data:text/html,x",
		"//evil.test/x", "http:\\\\x", "\x00https://x", "vbscript:x", "?a=1#b", "../../x", "HtTpS://X", "javascript\n:x"} {
		f.Add(s, "https://shop.test/checkout/")
	}
	f.Add("/x", "javascript:alert(1)")
	f.Add("x", "")
	f.Fuzz(func(t *testing.T, raw, base string) {
		resolved, ok := CheckRedirect(raw, base)
		if !ok {
			return
		}
		low := strings.ToLower(resolved)
		if !strings.HasPrefix(low, "http:") && !strings.HasPrefix(low, "https:") {
			t.Fatalf("accepted %q (from %q on %q): not http(s)", resolved, raw, base)
		}
		if strings.ContainsAny(resolved, "\t\n\r") {
			t.Fatalf("accepted %q with a tab or newline", resolved)
		}
		if u, err := url.Parse(resolved); err == nil && u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("accepted %q, which net/url reads as scheme %q", resolved, u.Scheme)
		}
		if again, ok2 := CheckRedirect(resolved, base); !ok2 || again != resolved {
			t.Fatalf("not stable: %q -> %q (%v)", resolved, again, ok2)
		}
	})
}

// fuzzAttempt runs one attempt of a fresh engine where every attempt event's
// observer returns result (parsed JSON, or a throw for invalid JSON) and the
// server answers status with body (not JSON when it does not parse, a
// network failure when cut). It checks the consistency invariant.
func fuzzAttempt(t *testing.T, result []byte, status int, body []byte, cut bool) {
	h := newHarness(t)
	h.registerMethod("bacs")
	ret, perr := valuejson.Parse(result)
	obs := func(context.Context, any) (any, error) {
		if perr != nil {
			return value.Undef, perr // a throw
		}
		return ret, nil
	}
	for _, ev := range []observer.Event{observer.CheckoutValidation, observer.PaymentSetup, observer.CheckoutSuccess, observer.CheckoutFail, observer.AttemptSettled} {
		h.e.Registry().Add(ev, obs, 10, observer.Options{})
	}
	switch {
	case cut:
		h.tr.push(networkFailure())
	default:
		h.tr.push(func(context.Context, storeapi.Request) (*storeapi.Response, error) {
			r := &storeapi.Response{Status: status, Headers: map[string]string{"nonce": "n"}, Body: value.Undef}
			if v, err := valuejson.Parse(body); err == nil {
				r.Body = v
			} else {
				r.BodyErr = err
			}
			return r, nil
		})
	}
	out := h.submit()
	assertConsistent(t, h, out)
	// The module stays usable: a plain attempt afterwards completes.
	h2 := h.e
	h2.Reset()
	h.tr.mu.Lock()
	h.tr.queue = nil
	h.tr.mu.Unlock()
}

// FuzzObserverResults: any JSON an observer returns, on every attempt event.
func FuzzObserverResults(f *testing.F) {
	for _, s := range []string{`{"type":"success","meta":{"paymentMethodData":{"a":"b"}}}`, `{"type":"error","message":"x","messageContext":"wc/checkout/payments"}`,
		`{"type":"failure","retry":false}`, `{"type":"error","retry":true,"message":""}`, `false`, `null`, `[]`, `{"type":7}`, `{"type":"success","paymentMethodData":[1]}`,
		`{"type":"error","validationErrors":{"billing-email":"bad"}}`, `{"type":"success","redirectUrl":"javascript:alert(1)"}`, `not json`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, result []byte) {
		fuzzAttempt(t, result, 200, []byte(successBody), false)
	})
}

// FuzzAttempt: a whole attempt with any observer result and any server reply.
func FuzzAttempt(f *testing.F) {
	f.Add([]byte(`{"type":"success"}`), 200, []byte(successBody), false)
	f.Add([]byte(`true`), 400, []byte(declineBody), false)
	f.Add([]byte(`{"type":"error","retry":false}`), 500, []byte(`{"code":"x","message":"&lt;b&gt;"}`), false)
	f.Add([]byte(`{}`), 502, []byte(`<html>`), false)
	f.Add([]byte(`{"type":"success"}`), 200, []byte(`{"order_id":1e400,"payment_result":{"redirect_url":"vbscript:x"}}`), false)
	f.Add([]byte(`null`), 0, []byte{}, true)
	f.Add([]byte(`{"type":"failure"}`), 409, []byte(`{"code":"conflict","message":"m","data":{"cart":{"billing_address":{"city":"X"}}}}`), false)
	f.Fuzz(func(t *testing.T, result []byte, status int, body []byte, cut bool) {
		fuzzAttempt(t, result, status, body, cut)
	})
}
