package server

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Currency facts of the demo shop. Prices are integers in minor units (cents).
const (
	currencyCode      = "EUR"
	currencySymbol    = "€"
	currencyMinorUnit = 2
)

// product is one line of the fixed demo cart.
type product struct {
	ID       int
	Name     string
	SKU      string
	Price    int64 // minor units
	Quantity int
}

// shippingRate is one rate offered for the single demo package.
type shippingRate struct {
	RateID     string
	Name       string
	MethodID   string
	InstanceID int
	Price      int64 // minor units
}

// gateway is a payment gateway known to the shop. Enabled gateways can take
// orders; disabled ones exist (they are in the schema enum) but are refused
// with woocommerce_rest_checkout_payment_method_disabled (ref §15.2 step 3).
type gateway struct {
	ID      string
	Title   string
	Enabled bool
}

// catalog is what the demo shop sells and how it ships and gets paid.
type catalog struct {
	Products []product
	Rates    []shippingRate // the first one is selected by default
	Gateways []gateway
}

func demoCatalog() catalog {
	return catalog{
		Products: []product{
			{ID: 101, Name: "Organic Cotton T-Shirt", SKU: "DEMO-TSHIRT", Price: 1990, Quantity: 1},
			{ID: 102, Name: "Ceramic Coffee Mug", SKU: "DEMO-MUG", Price: 1250, Quantity: 2},
			{ID: 103, Name: "Canvas Tote Bag", SKU: "DEMO-TOTE", Price: 890, Quantity: 1},
		},
		Rates: []shippingRate{
			{RateID: "flat_rate:1", Name: "Standard", MethodID: "flat_rate", InstanceID: 1, Price: 490},
			{RateID: "local_pickup:2", Name: "Pick up in store", MethodID: "local_pickup", InstanceID: 2, Price: 0},
		},
		Gateways: []gateway{
			{ID: "bacs", Title: "Direct bank transfer", Enabled: true},
			{ID: "cheque", Title: "Check payments", Enabled: false},
			{ID: "cod", Title: "Cash on delivery", Enabled: false},
			{ID: "demo_card", Title: "Demo card", Enabled: true},
			{ID: "demo_3ds", Title: "Demo card with 3-D Secure", Enabled: true},
			{ID: "demo_express", Title: "Demo express pay", Enabled: true},
		},
	}
}

// rate returns the rate with id, or the default (first) rate when id is
// empty or unknown.
func (c catalog) rate(id string) shippingRate {
	for _, r := range c.Rates {
		if r.RateID == id {
			return r
		}
	}
	return c.Rates[0]
}

func (c catalog) itemsTotal() int64 {
	var t int64
	for _, p := range c.Products {
		t += p.Price * int64(p.Quantity)
	}
	return t
}

func (c catalog) itemsCount() int {
	n := 0
	for _, p := range c.Products {
		n += p.Quantity
	}
	return n
}

// total is items plus the chosen rate.
func (c catalog) total(rateID string) int64 { return c.itemsTotal() + c.rate(rateID).Price }

// needsPayment is true when the cart total with the chosen rate is positive.
func (c catalog) needsPayment(rateID string) bool { return c.total(rateID) > 0 }

// gatewayIDs returns the ids of every known gateway (the schema enum).
func (c catalog) gatewayIDs() []string {
	ids := make([]string, len(c.Gateways))
	for i, g := range c.Gateways {
		ids[i] = g.ID
	}
	return ids
}

// enabledGatewayIDs returns the ids the cart offers (cart payment_methods).
func (c catalog) enabledGatewayIDs() []string {
	ids := []string{}
	for _, g := range c.Gateways {
		if g.Enabled {
			ids = append(ids, g.ID)
		}
	}
	return ids
}

func (c catalog) gateway(id string) (gateway, bool) {
	for _, g := range c.Gateways {
		if g.ID == id {
			return g, true
		}
	}
	return gateway{}, false
}

func money(v int64) string { return strconv.FormatInt(v, 10) }

func currencyFields(m map[string]any) map[string]any {
	m["currency_code"] = currencyCode
	m["currency_symbol"] = currencySymbol
	m["currency_minor_unit"] = currencyMinorUnit
	m["currency_decimal_separator"] = "."
	m["currency_thousand_separator"] = ","
	m["currency_prefix"] = currencySymbol
	m["currency_suffix"] = ""
	return m
}

func emptyAddress(withEmail bool) map[string]any {
	a := map[string]any{
		"first_name": "", "last_name": "", "company": "", "address_1": "", "address_2": "",
		"city": "", "state": "", "postcode": "", "country": "", "phone": "",
	}
	if withEmail {
		a["email"] = ""
	}
	return a
}

// cartJSON renders the cart the way the Store API cart schema does, with
// money as strings of minor units. The rates of the one package are marked
// selected from sess.selectedRate (default: the first rate).
func (c catalog) cartJSON(sess session) map[string]any {
	items := make([]any, 0, len(c.Products))
	pkgItems := make([]any, 0, len(c.Products))
	for _, p := range c.Products {
		line := p.Price * int64(p.Quantity)
		key := "demo-item-" + strconv.Itoa(p.ID)
		items = append(items, map[string]any{
			"key":       key,
			"id":        p.ID,
			"type":      "simple",
			"quantity":  p.Quantity,
			"name":      p.Name,
			"sku":       p.SKU,
			"permalink": "/demo/#product-" + strconv.Itoa(p.ID),
			"images":    []any{},
			"variation": []any{},
			"item_data": []any{},
			"quantity_limits": map[string]any{
				"minimum": 1, "maximum": 9999, "multiple_of": 1, "editable": true,
			},
			"prices": currencyFields(map[string]any{
				"price": money(p.Price), "regular_price": money(p.Price), "sale_price": money(p.Price),
			}),
			"totals": currencyFields(map[string]any{
				"line_subtotal": money(line), "line_subtotal_tax": "0",
				"line_total": money(line), "line_total_tax": "0",
			}),
		})
		pkgItems = append(pkgItems, map[string]any{"key": key, "name": p.Name, "quantity": p.Quantity})
	}
	chosen := c.rate(sess.selectedRate)
	rates := make([]any, 0, len(c.Rates))
	for _, r := range c.Rates {
		rates = append(rates, currencyFields(map[string]any{
			"rate_id":       r.RateID,
			"name":          r.Name,
			"description":   "",
			"delivery_time": "",
			"price":         money(r.Price),
			"taxes":         "0",
			"instance_id":   r.InstanceID,
			"method_id":     r.MethodID,
			"meta_data":     []any{},
			"selected":      r.RateID == chosen.RateID,
		}))
	}
	total := c.itemsTotal() + chosen.Price
	return map[string]any{
		"coupons": []any{},
		"shipping_rates": []any{map[string]any{
			"package_id":     0,
			"name":           "Shipment 1",
			"destination":    map[string]any{"address_1": "", "address_2": "", "city": "", "state": "", "postcode": "", "country": ""},
			"items":          pkgItems,
			"shipping_rates": rates,
		}},
		"shipping_address":        emptyAddress(false),
		"billing_address":         emptyAddress(true),
		"items":                   items,
		"items_count":             c.itemsCount(),
		"items_weight":            0,
		"cross_sells":             []any{},
		"needs_payment":           total > 0,
		"needs_shipping":          true,
		"has_calculated_shipping": true,
		"fees":                    []any{},
		"totals": currencyFields(map[string]any{
			"total_items":        money(c.itemsTotal()),
			"total_items_tax":    "0",
			"total_fees":         "0",
			"total_fees_tax":     "0",
			"total_discount":     "0",
			"total_discount_tax": "0",
			"total_shipping":     money(chosen.Price),
			"total_shipping_tax": "0",
			"total_price":        money(total),
			"total_tax":          "0",
			"tax_lines":          []any{},
		}),
		"errors":               []any{},
		"payment_methods":      c.enabledGatewayIDs(),
		"payment_requirements": []any{"products"},
		"extensions":           map[string]any{},
	}
}

// handleCart serves GET /wp-json/wc/store/v1/cart: the session's cart with
// the Store API headers (ref §15.3). No nonce is needed for GET.
func (s *Server) handleCart(w http.ResponseWriter, r *http.Request) {
	sess := s.sessions.resolve(w, r)
	s.setStoreAPIHeaders(w, sess.token, sess.customerID, s.nonces.current())
	writeJSON(w, http.StatusOK, s.catalog.cartJSON(sess))
}

// handleSelectShippingRate serves POST .../cart/select-shipping-rate with
// body {package_id, rate_id}. Like every Store API POST it needs a nonce
// (401/403 as for checkout). Errors, all 400: body not JSON →
// rest_invalid_json; package_id or rate_id missing →
// rest_missing_callback_param; package_id neither integer nor string or
// rate_id not a string → rest_invalid_param; package_id not 0 →
// woocommerce_rest_cart_missing_package_id; a rate the package does not offer
// → woocommerce_rest_cart_invalid_rate. On success the choice is stored in
// the session and the updated cart is returned (200).
func (s *Server) handleSelectShippingRate(w http.ResponseWriter, r *http.Request) {
	sess := s.sessions.resolve(w, r)
	s.setStoreAPIHeaders(w, sess.token, sess.customerID, s.nonces.current())
	if e := s.nonces.checkNonce(r); e != nil {
		writeJSON(w, e.Data["status"].(int), e)
		return
	}
	params, perr := readJSONParams(r)
	if perr != nil {
		writeJSON(w, perr.Data["status"].(int), perr)
		return
	}
	if missing := missingParams(params, "package_id", "rate_id"); missing != nil {
		writeJSON(w, http.StatusBadRequest, missing)
		return
	}
	inv := invalidParams{}
	pkg := params["package_id"]
	switch v := pkg.(type) {
	case json.Number:
		if _, err := v.Int64(); err != nil {
			inv.add("package_id", typeError("package_id", "integer,string"))
		}
	case string:
	default:
		inv.add("package_id", typeError("package_id", "integer,string"))
	}
	rateID, ok := params["rate_id"].(string)
	if !ok {
		inv.add("rate_id", typeError("rate_id", "string"))
	}
	if e := inv.err(); e != nil {
		writeJSON(w, http.StatusBadRequest, e)
		return
	}
	if pkgStr := jsonScalarString(pkg); pkgStr != "0" {
		writeJSON(w, http.StatusBadRequest, newRestError(http.StatusBadRequest,
			"woocommerce_rest_cart_missing_package_id", "Invalid Package ID.", nil))
		return
	}
	found := false
	for _, rt := range s.catalog.Rates {
		found = found || rt.RateID == rateID
	}
	if !found {
		writeJSON(w, http.StatusBadRequest, newRestError(http.StatusBadRequest,
			"woocommerce_rest_cart_invalid_rate", "Invalid Rate ID.", nil))
		return
	}
	s.sessions.update(sess.token, func(ss *session) { ss.selectedRate = rateID })
	sess.selectedRate = rateID
	writeJSON(w, http.StatusOK, s.catalog.cartJSON(sess))
}

func jsonScalarString(v any) string {
	switch x := v.(type) {
	case json.Number:
		return x.String()
	case string:
		return x
	}
	return ""
}

// handleConfig serves GET /demo/config.json: the options the demo page
// passes to wc.wcCheckoutWasm.load (js-api.md "Loading"). The nonce is the
// per-process one (Server.Nonce). Never cached.
func (s *Server) handleConfig(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"nonce":       s.nonces.fixed,
		"storeApiUrl": StoreAPIPrefix,
		"checkoutData": map[string]any{
			"order_id":         0,
			"customer_id":      0,
			"billing_address":  map[string]any{},
			"shipping_address": map[string]any{},
		},
		"cart": map[string]any{
			"needsPayment":   s.catalog.needsPayment(""),
			"needsShipping":  true,
			"paymentMethods": s.catalog.enabledGatewayIDs(),
		},
	})
}
