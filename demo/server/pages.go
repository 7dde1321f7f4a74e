package server

import (
	"bytes"
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
)

// formatMoney renders minor units as "€58.70".
func formatMoney(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	cents := strconv.FormatInt(v%100, 10)
	if len(cents) < 2 {
		cents = "0" + cents
	}
	return sign + currencySymbol + strconv.FormatInt(v/100, 10) + "." + cents
}

// All pages are html/template templates: every value from an order is
// escaped for its context, so an address holding markup shows as text.
var pages = template.Must(template.New("pages").Funcs(template.FuncMap{
	"money":    formatMoney,
	"received": orderReceivedPath,
}).Parse(`
{{define "head"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.}} · Demo shop</title>
<style>
:root{--ink:#1e1e1e;--muted:#5f6b76;--line:#dfe3e8;--brand:#23496f;--ok:#1f7a45;--bg:#f5f7f7}
*{box-sizing:border-box}
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:var(--ink);background:var(--bg)}
.site-header{background:#fff;border-bottom:1px solid var(--line)}
.site-header div{max-width:60rem;margin:0 auto;padding:.9rem 1.25rem;display:flex;align-items:center;gap:.6rem}
.brand{display:flex;align-items:center;gap:.55rem;color:var(--ink);text-decoration:none;font-weight:600}
.brand b{display:inline-grid;place-items:center;width:1.9rem;height:1.9rem;border-radius:.4rem;background:var(--brand);color:#fff}
main{max-width:60rem;margin:1.5rem auto;padding:1.75rem 2rem;background:#fff;border:1px solid var(--line);border-radius:.6rem}
h1{margin:.2rem 0 .4rem;font-size:1.7rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
#thank-you::before{content:"✓";display:inline-grid;place-items:center;width:1.6rem;height:1.6rem;margin-right:.5rem;border-radius:50%;background:var(--ok);color:#fff;font-weight:700}
#order-overview{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 2rem;border:1px dashed var(--line);border-radius:.5rem;padding:.9rem 1.1rem}
#order-overview li{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
#order-overview strong,#order-overview .status{color:var(--ink);font-size:1rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.55rem .5rem;border-bottom:1px solid var(--line)}
tfoot th{font-weight:600}.num{text-align:right}.muted{color:var(--muted)}address{font-style:normal;line-height:1.6}
.status{display:inline-block;padding:0 .5rem;border-radius:.3rem;background:#eef2f5}
a{color:var(--brand)}
@media (max-width:640px){main{margin:0;border-radius:0;border-left:0;border-right:0;padding:1.25rem}#order-overview{flex-direction:column}}
</style></head><body>
<header class="site-header"><div><a class="brand" href="/demo/"><b aria-hidden="true">D</b>Demo shop</a></div></header>
<main>
{{end}}
{{define "foot"}}<p class="muted"><a href="/demo/">Back to the demo shop</a> · <a href="/orders">All orders</a></p>
</main></body></html>
{{end}}

{{define "received"}}{{template "head" "Order received"}}
<h1>Order received</h1>
{{if eq .Status "failed"}}<p id="order-failed">Unfortunately your order cannot be processed: the payment was not completed.</p>
{{else if eq .Status "pending"}}<p id="order-pending">Thank you. Your order has been received and is awaiting payment.</p>
{{else}}<p id="thank-you">Thank you. Your order has been received.</p>{{end}}
<ul id="order-overview">
<li>Order number: <strong id="order-number">{{.Number}}</strong></li>
<li>Date: <strong>{{.Created.Format "2 January 2006 15:04 UTC"}}</strong></li>
<li>Email: <strong>{{.Email}}</strong></li>
<li>Total: <strong id="order-total">{{money .Total}}</strong></li>
<li>Payment method: <strong id="payment-method">{{.PaymentMethodTitle}}</strong></li>
<li>Status: <span class="status" id="order-status">{{.Status}}</span></li>
</ul>
<h2>Order details</h2>
<table id="order-items"><thead><tr><th>Product</th><th class="num">Total</th></tr></thead><tbody>
{{range .Items}}<tr><td>{{.Name}} × {{.Quantity}}</td><td class="num">{{money .Total}}</td></tr>
{{end}}</tbody><tfoot>
<tr><th>Subtotal</th><td class="num">{{money .ItemsTotal}}</td></tr>
<tr><th>Shipping</th><td class="num">{{.ShippingLine.Name}} {{money .ShippingLine.Price}}</td></tr>
<tr><th>Total</th><td class="num">{{money .Total}}</td></tr>
</tfoot></table>
{{if .CustomerNote}}<h2>Note</h2><p id="customer-note">{{.CustomerNote}}</p>{{end}}
<h2>Billing address</h2>
<address id="billing-address">{{with .Billing}}{{.FirstName}} {{.LastName}}<br>
{{if .Company}}{{.Company}}<br>{{end}}{{.Address1}}<br>
{{if .Address2}}{{.Address2}}<br>{{end}}{{.Postcode}} {{.City}}{{if .State}}, {{.State}}{{end}}<br>
{{.Country}}{{if .Phone}}<br>{{.Phone}}{{end}}<br>{{.Email}}{{end}}</address>
{{template "foot"}}{{end}}

{{define "orders"}}{{template "head" "Orders"}}
<h1>Orders</h1>
{{if not .}}<p id="no-orders">No orders yet.</p>{{else}}
<table id="orders"><thead><tr><th>Order</th><th>Date</th><th>Status</th><th>Payment method</th><th class="num">Total</th><th>Email</th></tr></thead><tbody>
{{range .}}<tr data-order-id="{{.ID}}"><td><a href="{{received .}}">#{{.Number}}</a></td><td>{{.Created.Format "2006-01-02 15:04:05"}}</td>
<td><span class="status">{{.Status}}</span></td><td>{{.PaymentMethodTitle}}</td><td class="num">{{money .Total}}</td><td>{{.Email}}</td></tr>
{{end}}</tbody></table>{{end}}
{{template "foot"}}{{end}}

{{define "notfound"}}{{template "head" "Not found"}}
<h1>Order not found</h1><p>There is no order with that number and key.</p>
{{template "foot"}}{{end}}

{{define "placeholder"}}{{template "head" "Demo checkout"}}
<h1>The demo page is not there yet</h1>
<p>This server serves the demo checkout page from <code>web/demo/index.html</code>, which does not exist yet.
The Store API is running: <a href="/wp-json/wc/store/v1/cart">cart</a>, <a href="/demo/config.json">config.json</a>, <a href="/orders">orders</a>.</p>
</main></body></html>
{{end}}

{{define "challenge"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your bank · Secure payment authentication</title>
<style>
body{font:15px/1.5 Georgia,serif;margin:0;background:#0b3d5c;color:#102a43}
.bank{max-width:26rem;margin:3rem auto;background:#fdfcf7;border-radius:10px;box-shadow:0 6px 30px #0006;overflow:hidden}
header{background:#12694f;color:#fff;padding:1rem 1.5rem;font-size:1.3rem;letter-spacing:.05em}
section{padding:1.25rem 1.5rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}
dt{color:#555}dd{margin:0;font-weight:bold}form{display:inline}
button{font:inherit;padding:.6rem 1.4rem;margin:.5rem .5rem 0 0;border-radius:5px;border:1px solid #12694f;cursor:pointer}
#approve{background:#12694f;color:#fff}#fail{background:#fff;color:#9b1c1c;border-color:#9b1c1c}
</style></head><body>
<div class="bank"><header>Your bank</header><section>
<h1 style="font-size:1.1rem">Confirm your payment</h1>
<p>Demo shop asks you to confirm this card payment.</p>
<dl><dt>Merchant</dt><dd>Demo shop</dd><dt>Order</dt><dd id="challenge-order">#{{.Number}}</dd><dt>Amount</dt><dd id="challenge-amount">{{money .Total}}</dd></dl>
<form method="post" action="/demo-3ds/confirm"><input type="hidden" name="order_id" value="{{.ID}}"><input type="hidden" name="order_key" value="{{.Key}}">
<button id="approve" name="outcome" value="approve" type="submit">Approve</button><button id="fail" name="outcome" value="fail" type="submit">Fail</button></form>
</section></div></body></html>
{{end}}
`))

// renderPage executes template name with data and writes it as HTML with the
// given status. A template error becomes a plain 500.
func (s *Server) renderPage(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		s.log.Error("rendering page failed", "page", name, "error", err)
		http.Error(w, "Internal server error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// lookupOrder finds the order with the id in idStr and the key. It reports
// false for an unknown id or a wrong key, and returns a database failure
// as an error.
func (s *Server) lookupOrder(ctx context.Context, idStr, key string) (Order, bool, error) {
	id, err := strconv.Atoi(idStr)
	if err != nil {
		return Order{}, false, nil
	}
	o, ok, err := s.store.order(ctx, id)
	if err != nil || !ok || !keyMatches(o, key) {
		return Order{}, false, err
	}
	return o, true, nil
}

// storeFailed answers 500 with a plain-text message and logs err.
func (s *Server) storeFailed(w http.ResponseWriter, err error) {
	s.log.Error("reading the order store failed", slog.String("error", err.Error()))
	http.Error(w, "The order store cannot be read.", http.StatusInternalServerError)
}

// handleOrderReceived serves GET /checkout/order-received/{id}/?key=...:
// the thank-you page of the order. Unknown id or a key that does not match →
// 404 page.
func (s *Server) handleOrderReceived(w http.ResponseWriter, r *http.Request) {
	o, ok, err := s.lookupOrder(r.Context(), r.PathValue("id"), r.URL.Query().Get("key"))
	if err != nil {
		s.storeFailed(w, err)
		return
	}
	if !ok {
		s.renderPage(w, http.StatusNotFound, "notfound", nil)
		return
	}
	s.renderPage(w, http.StatusOK, "received", o)
}

// handleOrdersHTML serves GET /orders: every order, oldest first.
func (s *Server) handleOrdersHTML(w http.ResponseWriter, r *http.Request) {
	orders, err := s.Orders()
	if err != nil {
		s.storeFailed(w, err)
		return
	}
	s.renderPage(w, http.StatusOK, "orders", orders)
}

// handleOrdersJSON serves GET /orders.json: a JSON array of Order, oldest
// first ([] when there are none).
func (s *Server) handleOrdersJSON(w http.ResponseWriter, r *http.Request) {
	orders, err := s.Orders()
	if err != nil {
		s.storeFailed(w, err)
		return
	}
	if orders == nil {
		orders = []Order{}
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, orders)
}

// handle3DSChallenge serves GET /demo-3ds/challenge?order=<id>&key=<key>:
// the demo bank's page with Approve and Fail buttons that post to
// /demo-3ds/confirm. Unknown order or wrong key → 404 page.
func (s *Server) handle3DSChallenge(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o, ok, err := s.lookupOrder(r.Context(), q.Get("order"), q.Get("key"))
	if err != nil {
		s.storeFailed(w, err)
		return
	}
	if !ok {
		s.renderPage(w, http.StatusNotFound, "notfound", nil)
		return
	}
	s.renderPage(w, http.StatusOK, "challenge", o)
}
