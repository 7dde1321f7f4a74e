package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// postCheckout sends one checkout POST through client with a valid nonce,
// the key (none when "") and body, and returns the response and its body,
// or the transport's error. fault adds the FaultHeader with that value.
func postCheckout(t *testing.T, client *http.Client, base, nonce, key, body string, fault ...string) (*http.Response, []byte, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+StoreAPIPrefix+"/checkout", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Nonce", nonce)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	for _, f := range fault {
		req.Header.Set(FaultHeader, f)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp, raw, err
}

// D42: with the fault header the server stores the order, then cuts the
// connection before any byte of the reply. The retry with the same key and
// body gets the stored reply of that one order (status, body with
// payment_result and redirect_url), and no second order or charge exists.
func TestLostReplyThenReplay_D42(t *testing.T) {
	e := newEnv(t)
	payload := body(card(cardSuccess))
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

	_, _, err := postCheckout(t, fresh, e.ts.URL, e.srv.Nonce(), "lost-1", payload, FaultDropReply)
	require.Error(t, err, "the connection is cut before the reply")
	_, _, err = postCheckout(t, fresh, e.ts.URL, e.srv.Nonce(), "lost-1", payload, FaultDropReply)
	require.Error(t, err, "a resend with the header is cut too")
	orders := storedOrders(t, e.srv)
	require.Len(t, orders, 1, "the order was stored before the cut")
	assert.Equal(t, orderProcessing, orders[0].Status)
	assert.Equal(t, "lost-1", orders[0].IdempotencyKey)

	resp, raw, err := postCheckout(t, fresh, e.ts.URL, e.srv.Nonce(), "lost-1", payload)
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode, "body: %s", raw)
	var r checkoutResponse
	require.NoError(t, json.Unmarshal(raw, &r))
	assert.Equal(t, orders[0].ID, r.OrderID)
	assert.Equal(t, orders[0].Key, r.OrderKey)
	assert.Equal(t, paymentSuccess, r.PaymentResult.PaymentStatus)
	assert.Equal(t, e.ts.URL+orderReceivedPath(orders[0]), r.PaymentResult.RedirectURL)
	assert.Len(t, storedOrders(t, e.srv), 1, "never a second order")

	resp2, raw2, err := postCheckout(t, fresh, e.ts.URL, e.srv.Nonce(), "lost-1", payload)
	require.NoError(t, err)
	assert.Equal(t, resp.StatusCode, resp2.StatusCode)
	assert.Equal(t, string(raw), string(raw2), "every replay is the same bytes")

	t.Run("page of the one order", func(t *testing.T) {
		page, html := e.do("GET", strings.TrimPrefix(r.PaymentResult.RedirectURL, e.ts.URL), "", nil)
		assert.Equal(t, 200, page.StatusCode)
		assert.Contains(t, string(html), `<strong id="order-number">`+strconv.Itoa(r.OrderID)+`</strong>`)
	})
	t.Run("without a key the fault still cuts, and each request is a new order", func(t *testing.T) {
		_, _, err := postCheckout(t, fresh, e.ts.URL, e.srv.Nonce(), "", payload, FaultDropReply)
		require.Error(t, err)
		assert.Len(t, storedOrders(t, e.srv), 2)
	})
	t.Run("a processing error is stored and cut too; its replay is the error", func(t *testing.T) {
		declined := body(card(cardDeclined))
		_, _, err := postCheckout(t, fresh, e.ts.URL, e.srv.Nonce(), "lost-declined", declined, FaultDropReply)
		require.Error(t, err)
		resp, raw, err := postCheckout(t, fresh, e.ts.URL, e.srv.Nonce(), "lost-declined", declined)
		require.NoError(t, err)
		assert.Equal(t, 400, resp.StatusCode)
		assert.Contains(t, string(raw), msgDeclined)
	})
	t.Run("rejections are cut too, and store nothing", func(t *testing.T) {
		n := rowCounts(t, e.srv)
		_, _, err := postCheckout(t, fresh, e.ts.URL, e.srv.Nonce(), "lost-schema", body(map[string]any{"customer_note": 5}), FaultDropReply)
		assert.Error(t, err)
		_, _, err = postCheckout(t, fresh, e.ts.URL, "bad-nonce", "lost-nonce", payload, FaultDropReply)
		assert.Error(t, err)
		assert.Equal(t, n, rowCounts(t, e.srv))
	})
	t.Run("another header value is no fault", func(t *testing.T) {
		resp, _, err := postCheckout(t, fresh, e.ts.URL, e.srv.Nonce(), "not-a-fault", payload, "something-else")
		require.NoError(t, err)
		assert.Equal(t, 200, resp.StatusCode)
	})
	t.Run("a client's silent resend on a reused connection is cut and makes no order", func(t *testing.T) {
		// Go's transport (like browsers) resends a request whose reused
		// keep-alive connection closed before any reply byte, when the
		// request carries an Idempotency-Key. The resend is a replay (no
		// second order) and, carrying the header, is cut as well: the
		// client sees the network error the page must handle (D42).
		keep := &http.Client{Transport: &http.Transport{}}
		defer keep.CloseIdleConnections()
		warm, _, err := postCheckout(t, keep, e.ts.URL, e.srv.Nonce(), "warm", body(nil))
		require.NoError(t, err)
		require.Equal(t, 200, warm.StatusCode)
		n := len(storedOrders(t, e.srv))
		_, _, err = postCheckout(t, keep, e.ts.URL, e.srv.Nonce(), "lost-2", payload, FaultDropReply)
		require.Error(t, err)
		assert.Len(t, storedOrders(t, e.srv), n+1, "one order for the request and its resend")
		resp, _, err := postCheckout(t, keep, e.ts.URL, e.srv.Nonce(), "lost-2", payload)
		require.NoError(t, err)
		assert.Equal(t, 200, resp.StatusCode)
		assert.Len(t, storedOrders(t, e.srv), n+1)
	})
}

// D21, D42: N concurrent requests with one key and one body place one order
// and all get the same reply; requests with other keys are unaffected.
func TestConcurrentSameKey_D42(t *testing.T) {
	const n = 24
	e := newEnv(t)
	payload := body(card(cardSuccess))
	var wg sync.WaitGroup
	bodies := make([]string, n)
	statuses := make([]int, n)
	for i := range n {
		wg.Go(func() {
			resp, raw := e.post("/checkout", payload, map[string]string{"Idempotency-Key": "same"})
			statuses[i], bodies[i] = resp.StatusCode, string(raw)
		})
	}
	wg.Wait()
	for i := range n {
		assert.Equal(t, 200, statuses[i])
		assert.Equal(t, bodies[0], bodies[i], "request %d got the stored reply", i)
	}
	assert.Equal(t, map[string]int{"orders": 1, "customers": 0, "idempotency": 1}, rowCounts(t, e.srv))
}

// D42: two servers on one database (two processes of the demo, or a
// restarted one still draining) cannot both store an order for a key: the
// write lock of the IMMEDIATE transaction and the UNIQUE constraint hold
// across database handles.
func TestTwoServersOneDatabase_D42(t *testing.T) {
	dir := t.TempDir()
	a := newEnv(t, func(c *Config) { c.DataDir = dir })
	b, err := New(Config{DataDir: dir})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	tsB := httptest.NewServer(b)
	t.Cleanup(tsB.Close)

	const perServer = 8
	payload := body(nil)
	var wg sync.WaitGroup
	replies := make(chan string, 2*perServer)
	for i := range 2 * perServer {
		base, nonce := a.ts.URL, a.srv.Nonce()
		if i%2 == 1 {
			base, nonce = tsB.URL, b.Nonce()
		}
		wg.Go(func() {
			resp, raw, err := postCheckout(t, http.DefaultClient, base, nonce, "shared", payload)
			if assert.NoError(t, err) {
				assert.Equal(t, 200, resp.StatusCode, "body: %s", raw)
				replies <- string(raw)
			}
		})
	}
	wg.Wait()
	close(replies)
	distinct := map[string]bool{}
	for r := range replies {
		distinct[r] = true
	}
	assert.Len(t, distinct, 1, "one stored reply for every request")
	assert.Len(t, storedOrders(t, a.srv), 1)
	assert.Len(t, storedOrders(t, b), 1)
}

// D42: where the connection cannot be taken over (HTTP/2, a recorder), the
// fault card replies normally instead of failing the request.
func TestDropConnectionUnsupported_D42(t *testing.T) {
	e := newEnv(t)
	w := httptest.NewRecorder()
	assert.False(t, e.srv.dropConnection(w))
	assert.Equal(t, 200, w.Code, "nothing was written yet")
	assert.Empty(t, w.Body.String())
}

// D42: a request whose client went away (its context is cancelled) is still
// processed and committed, so the shopper's retry with the same key finds
// the one order instead of a half-done checkout.
func TestClientGoneStillCommits_D42(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, StoreAPIPrefix+"/checkout", strings.NewReader(body(nil)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Nonce", e.srv.Nonce())
	req.Header.Set("Idempotency-Key", "gone")
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, req)
	require.Equal(t, 200, w.Code, "body: %s", w.Body.String())
	orders := storedOrders(t, e.srv)
	require.Len(t, orders, 1)
	resp, raw, err := postCheckout(t, http.DefaultClient, e.ts.URL, e.srv.Nonce(), "gone", body(nil))
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, w.Body.String(), string(raw), "the retry gets the stored reply")
	assert.Len(t, storedOrders(t, e.srv), 1)
}
