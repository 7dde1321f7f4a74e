package server

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// testEnv is one Server behind an httptest server on 127.0.0.1.
type testEnv struct {
	t      *testing.T
	client *http.Client
	srv    *Server
	ts     *httptest.Server
	data   string
	web    string
}

// newEnv starts a Server on a fresh DataDir. opts are func(*Config), applied
// before New, and func(*Server), applied before the HTTP server starts.
func newEnv(t *testing.T, opts ...any) *testEnv {
	t.Helper()
	cfg := Config{DataDir: t.TempDir()}
	for _, o := range opts {
		if f, ok := o.(func(*Config)); ok {
			f(&cfg)
		}
	}
	srv, err := New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	for _, o := range opts {
		if f, ok := o.(func(*Server)); ok {
			f(srv)
		}
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	tr := &http.Transport{DisableCompression: true}
	t.Cleanup(tr.CloseIdleConnections)
	client := &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &testEnv{t: t, client: client, srv: srv, ts: ts, data: cfg.DataDir, web: cfg.WebDir}
}

// del in a header map removes that header from the defaults.
const del = "\x00delete"

// do sends a request; hdr values override defaults, del removes them. The
// client does not follow redirects.
func (e *testEnv) do(method, path, body string, hdr map[string]string) (*http.Response, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	require.NoError(e.t, err)
	for k, v := range hdr {
		if v == del {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := e.client.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	return resp, b
}

// post sends a Store API POST with a valid nonce and JSON content type
// unless hdr overrides them.
func (e *testEnv) post(path, body string, hdr map[string]string) (*http.Response, []byte) {
	e.t.Helper()
	h := map[string]string{"Nonce": e.srv.Nonce(), "Content-Type": "application/json"}
	maps.Copy(h, hdr)
	return e.do(http.MethodPost, StoreAPIPrefix+path, body, h)
}

// checkout posts body to the checkout route and decodes the JSON answer.
func (e *testEnv) checkout(body string, hdr map[string]string) (*http.Response, map[string]any, []byte) {
	e.t.Helper()
	resp, raw := e.post("/checkout", body, hdr)
	var m map[string]any
	require.NoError(e.t, json.Unmarshal(raw, &m), "body: %s", raw)
	return resp, m, raw
}

func (e *testEnv) orders() []Order {
	e.t.Helper()
	_, raw := e.do(http.MethodGet, "/orders.json", "", nil)
	var out []Order
	require.NoError(e.t, json.Unmarshal(raw, &out))
	return out
}

// drop in a body override removes that key from the base body.
type dropKey struct{}

var drop = dropKey{}

func validBilling() map[string]any {
	return map[string]any{
		"first_name": "Ada", "last_name": "Lovelace", "company": "", "address_1": "1 Analytical Way",
		"address_2": "", "city": "London", "state": "", "postcode": "N1 9GU", "country": "GB",
		"email": "ada@example.com", "phone": "0123",
	}
}

// body builds a checkout body: a valid bacs order, with overrides applied.
func body(overrides map[string]any) string {
	m := map[string]any{
		"billing_address":  validBilling(),
		"shipping_address": withoutEmail(validBilling()),
		"customer_note":    "",
		"create_account":   false,
		"payment_method":   "bacs",
		"payment_data":     []any{},
		"extensions":       map[string]any{},
	}
	for k, v := range overrides {
		if v == drop {
			delete(m, k)
			continue
		}
		m[k] = v
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func withoutEmail(a map[string]any) map[string]any {
	c := maps.Clone(a)
	delete(c, "email")
	return c
}

func with(a map[string]any, k string, v any) map[string]any {
	c := maps.Clone(a)
	if v == drop {
		delete(c, k)
	} else {
		c[k] = v
	}
	return c
}

func card(number any) map[string]any {
	return map[string]any{
		"payment_method": "demo_card",
		"payment_data":   []any{map[string]any{"key": "demo_card_number", "value": number}},
	}
}

func merge(ms ...map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}

// errBody decodes a REST error body.
func errBody(t *testing.T, raw []byte) restErrorJSON {
	t.Helper()
	var e restErrorJSON
	require.NoError(t, json.Unmarshal(raw, &e), "body: %s", raw)
	return e
}

type restErrorJSON struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Data    map[string]any `json:"data"`
}

// storedOrders returns every order in s's database (the test fails on a
// database error).
func storedOrders(t *testing.T, s *Server) []Order {
	t.Helper()
	orders, err := s.Orders()
	require.NoError(t, err)
	return orders
}

// rowCounts counts the rows of each table of s's database.
func rowCounts(t *testing.T, s *Server) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"orders", "customers", "idempotency"} {
		var n int
		require.NoError(t, s.store.db.QueryRow("SELECT COUNT(*) FROM "+table).Scan(&n))
		out[table] = n
	}
	return out
}
