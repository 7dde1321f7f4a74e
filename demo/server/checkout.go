package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// Demo card numbers (payment_data key demo_card_number).
const (
	cardSuccess  = "4242424242424242"
	cardDeclined = "4000000000000002"
	cardError    = "4000000000000119"
)

// FaultHeader is the demo's test hook for a lost reply (D42): the server
// handles a checkout request carrying "FaultHeader: FaultDropReply" exactly
// as without it (processes and commits the order, the account and the
// stored reply, or looks the stored reply up, or rejects it), then closes
// the connection without writing a byte of the reply. Every reply to such a
// request is cut, so a browser's silent resend of it (browsers resend a
// request whose reused keep-alive connection closed before any reply byte)
// is cut too and the page sees a network error; the shopper's next attempt,
// sent without the header, gets the stored reply.
const (
	FaultHeader    = "X-Demo-Fault"
	FaultDropReply = "drop-reply"
)

// Messages the demo gateways and the account step put in responses.
const (
	msgDeclined        = "Your card was declined."
	msgProcessorDown   = "The payment processor is unavailable. Please try again."
	msgInvalidCard     = "Please enter a valid card number."
	msg3DSFailed       = "Authentication failed. Please try another payment method."
	registrationExists = "An account is already registered with your email address. Please log in."
)

// Payment statuses (ref §15.3) and order statuses used by the demo gateways.
const (
	paymentSuccess  = "success"
	paymentFailure  = "failure"
	paymentError    = "error"
	orderProcessing = "processing"
	orderOnHold     = "on-hold"
	orderPending    = "pending"
	orderFailed     = "failed"
	orderCompleted  = "completed"
)

// maxIdempotencyKey is the longest Idempotency-Key accepted, in bytes.
const maxIdempotencyKey = 255

// keyValue is one {key, value} pair of payment_data / payment_details.
type keyValue struct {
	Key   string `json:"key"`
	Value any    `json:"value"`
}

// paymentResultJSON is payment_result of a checkout response (ref §15.3).
type paymentResultJSON struct {
	PaymentStatus  string     `json:"payment_status"`
	PaymentDetails []keyValue `json:"payment_details"`
	RedirectURL    string     `json:"redirect_url"`
}

// checkoutResponse is the success-shaped checkout body (ref §15.3), with the
// optional top-level message the demo gateways add to failures.
type checkoutResponse struct {
	OrderID         int               `json:"order_id"`
	Status          string            `json:"status"`
	OrderKey        string            `json:"order_key"`
	OrderNumber     string            `json:"order_number"`
	CustomerNote    string            `json:"customer_note"`
	CustomerID      int               `json:"customer_id"`
	BillingAddress  Address           `json:"billing_address"`
	ShippingAddress Address           `json:"shipping_address"`
	PaymentMethod   string            `json:"payment_method"`
	PaymentResult   paymentResultJSON `json:"payment_result"`
	Extensions      json.RawMessage   `json:"extensions"`
	Message         string            `json:"message,omitempty"`
}

// checkoutInput is a checkout request that passed schema validation.
type checkoutInput struct {
	billing       Address
	shipping      Address
	hasShipping   bool
	note          string
	createAccount bool
	method        string
	paymentData   map[string]any // ref §15.1: sanitize_key(key) → cleaned value
	extensions    json.RawMessage
}

// addressFields maps the Store API address keys to Address fields.
var addressKeys = []string{"first_name", "last_name", "company", "address_1", "address_2",
	"city", "state", "postcode", "country", "email", "phone"}

func setAddressField(a *Address, key, v string) {
	switch key {
	case "first_name":
		a.FirstName = v
	case "last_name":
		a.LastName = v
	case "company":
		a.Company = v
	case "address_1":
		a.Address1 = v
	case "address_2":
		a.Address2 = v
	case "city":
		a.City = v
	case "state":
		a.State = v
	case "postcode":
		a.Postcode = v
	case "country":
		a.Country = v
	case "email":
		a.Email = v
	case "phone":
		a.Phone = v
	}
}

// requiredAddressFields are checked in this order with these labels
// (ref §15.2 step 5, woocommerce_rest_invalid_address).
var requiredAddressFields = []struct {
	key, label string
	get        func(Address) string
}{
	{"first_name", "First name", func(a Address) string { return a.FirstName }},
	{"last_name", "Last name", func(a Address) string { return a.LastName }},
	{"address_1", "Address", func(a Address) string { return a.Address1 }},
	{"country", "Country/Region", func(a Address) string { return a.Country }},
	{"city", "City", func(a Address) string { return a.City }},
	{"postcode", "Postal code", func(a Address) string { return a.Postcode }},
}

// validateCheckout applies the checkout schema (ref §15.1) the way
// WordPress core does: billing_address absent → 400
// rest_missing_callback_param; otherwise every parameter of the wrong type or
// outside its enum is collected into one 400 rest_invalid_param
// (data.params / data.details). Unknown parameters are ignored.
func (s *Server) validateCheckout(params map[string]any) (checkoutInput, *restError) {
	var in checkoutInput
	if e := missingParams(params, "billing_address"); e != nil {
		return in, e
	}
	inv := &invalidParams{}
	in.billing = readAddress("billing_address", params["billing_address"], inv, true)
	if v, ok := params["shipping_address"]; ok {
		in.shipping = readAddress("shipping_address", v, inv, false)
		in.hasShipping = true
	}
	if v, ok := params["customer_note"]; ok {
		if str, isStr := v.(string); isStr {
			in.note = str
		} else {
			inv.add("customer_note", typeError("customer_note", "string"))
		}
	}
	if v, ok := params["create_account"]; ok {
		if b, isBool := v.(bool); isBool {
			in.createAccount = b
		} else {
			inv.add("create_account", typeError("create_account", "boolean"))
		}
	}
	if v, ok := params["payment_method"]; ok {
		str, isStr := v.(string)
		_, known := s.catalog.gateway(str)
		switch {
		case !isStr:
			inv.add("payment_method", typeError("payment_method", "string"))
		case str != "" && !known:
			inv.add("payment_method", enumError("payment_method", s.catalog.gatewayIDs()))
		default:
			in.method = str
		}
	}
	if v, ok := params["payment_data"]; ok {
		in.paymentData = readPaymentData(v, inv)
	}
	in.extensions = json.RawMessage(`{}`)
	if v, ok := params["extensions"]; ok {
		if obj, isObj := v.(map[string]any); isObj {
			b, _ := json.Marshal(obj) // a decoded JSON object always re-encodes
			in.extensions = b
		} else {
			inv.add("extensions", typeError("extensions", "object"))
		}
	}
	if e := inv.err(); e != nil {
		return checkoutInput{}, e
	}
	return in, nil
}

func readAddress(param string, v any, inv *invalidParams, withEmail bool) Address {
	var a Address
	obj, ok := v.(map[string]any)
	if !ok {
		inv.add(param, typeError(param, "object"))
		return a
	}
	for _, k := range addressKeys {
		fv, present := obj[k]
		if !present || (k == "email" && !withEmail) {
			continue
		}
		str, isStr := fv.(string)
		if !isStr {
			inv.add(param, typeError(param+"["+k+"]", "string"))
			continue
		}
		setAddressField(&a, k, strings.TrimSpace(str))
	}
	return a
}

// readPaymentData checks payment_data (array of {key: string, value:
// string|boolean}) and converts it to the map of ref §15.1: sanitize_key(key)
// → cleaned value; a later duplicate key wins.
func readPaymentData(v any, inv *invalidParams) map[string]any {
	arr, ok := v.([]any)
	if !ok {
		inv.add("payment_data", typeError("payment_data", "array"))
		return nil
	}
	out := map[string]any{}
	for i, item := range arr {
		p := "payment_data[" + strconv.Itoa(i) + "]"
		obj, isObj := item.(map[string]any)
		if !isObj {
			inv.add("payment_data", typeError(p, "object"))
			return nil
		}
		kv, hasKey := obj["key"]
		val, hasVal := obj["value"]
		switch {
		case !hasKey:
			inv.add("payment_data", requiredPropError("key", p))
			return nil
		case !hasVal:
			inv.add("payment_data", requiredPropError("value", p))
			return nil
		}
		key, isStr := kv.(string)
		if !isStr {
			inv.add("payment_data", typeError(p+"[key]", "string"))
			return nil
		}
		switch x := val.(type) {
		case string:
			out[sanitizeKey(key)] = cleanText(x)
		case bool:
			out[sanitizeKey(key)] = x
		default:
			inv.add("payment_data", typeError(p+"[value]", "string,boolean"))
			return nil
		}
	}
	return out
}

// sanitizeKey is WordPress's sanitize_key: lower case, only a-z 0-9 _ -.
func sanitizeKey(k string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(k) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '_' || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanText approximates wc_clean for strings: tags removed, line breaks
// and tabs become spaces, surrounding space trimmed.
func cleanText(s string) string {
	var b strings.Builder
	inTag := false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag = false
		case inTag:
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// isEmail is a close cousin of WordPress's is_email: at least 6 characters,
// one @ with a non-empty local part of allowed characters, and a domain of at
// least two dot-separated labels made of letters, digits and inner hyphens.
func isEmail(s string) bool {
	if len(s) < 6 {
		return false
	}
	at := strings.IndexByte(s, '@')
	if at < 1 || strings.Count(s, "@") != 1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	for _, r := range local {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("!#$%&'*+/=?^_`{|}~.-", r)) {
			return false
		}
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// luhn16 reports whether n is 16 digits passing the Luhn check.
func luhn16(n string) bool {
	if len(n) != 16 {
		return false
	}
	sum := 0
	for i := 0; i < 16; i++ {
		c := n[15-i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// requestHash is the fingerprint of a checkout body for D21: the SHA-256 of
// its parameters re-encoded canonically (object keys sorted, whitespace
// dropped), so formatting and key order do not matter.
func requestHash(params map[string]any) string {
	b, _ := json.Marshal(params) // decoded JSON always re-encodes
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// checkoutOutcome is what processing produced: the response, the user and
// the order it is for.
type checkoutOutcome struct {
	status  int
	body    any
	userID  int
	orderID int
}

// errorOutcome is an error response for the user userID.
func errorOutcome(e restError, userID int) checkoutOutcome {
	return checkoutOutcome{status: e.Data["status"].(int), body: e, userID: userID}
}

// processCheckout runs ref §15.2 steps 3–6 inside the write transaction tx
// for the session sess; baseURL is "http://host" of the request. Steps, in order:
// payment method (400 woocommerce_rest_checkout_missing_payment_method when
// the cart needs payment and none is given; 400
// woocommerce_rest_checkout_payment_method_disabled when it is not enabled);
// account creation when create_account is true and the session has no
// customer (400 registration-error-invalid-email /
// registration-error-email-exists); billing email (400
// woocommerce_rest_missing_email_address /
// woocommerce_rest_invalid_email_address); required address fields, shipping
// then billing (400 woocommerce_rest_invalid_address); then payment by the
// demo gateway rules. An account created in step 4 is kept even when a later
// step fails (the caller commits error outcomes too). The order is inserted
// through tx with idemKey (may be ""); a database failure is returned as the
// error, with no outcome, and the caller rolls everything back.
func (s *Server) processCheckout(tx *storeTx, in checkoutInput, sess session, baseURL, idemKey string) (checkoutOutcome, error) {
	rate := s.catalog.rate(sess.selectedRate)
	needsPayment := s.catalog.needsPayment(rate.RateID)
	userID := sess.customerID

	// Step 3: payment method.
	var gw gateway
	if in.method == "" {
		if needsPayment {
			return errorOutcome(newRestError(400, "woocommerce_rest_checkout_missing_payment_method",
				"No payment method provided.", nil), userID), nil
		}
	} else {
		g, ok := s.catalog.gateway(in.method)
		if !ok || !g.Enabled {
			return errorOutcome(newRestError(400, "woocommerce_rest_checkout_payment_method_disabled",
				"The "+html.EscapeString(in.method)+" payment gateway is not available.", nil), userID), nil
		}
		gw = g
	}

	// Step 4: customer account.
	if in.createAccount && userID == 0 {
		email := in.billing.Email
		if !isEmail(email) {
			return errorOutcome(newRestError(400, "registration-error-invalid-email",
				"Please provide a valid email address.", nil), userID), nil
		}
		_, exists, err := tx.customerByEmail(email)
		if err != nil {
			return checkoutOutcome{}, err
		}
		if exists {
			return errorOutcome(newRestError(400, "registration-error-email-exists", registrationExists, nil), userID), nil
		}
		c, err := tx.insertCustomer(email, s.now().UTC())
		if err != nil {
			return checkoutOutcome{}, err
		}
		userID = c.ID
	}

	// Step 5: order validation before payment.
	if in.billing.Email == "" {
		return errorOutcome(newRestError(400, "woocommerce_rest_missing_email_address",
			"A valid email address is required", nil), userID), nil
	}
	if !isEmail(in.billing.Email) {
		return errorOutcome(newRestError(400, "woocommerce_rest_invalid_email_address",
			"The provided email address ("+html.EscapeString(in.billing.Email)+") is not valid—please provide a valid email address",
			nil), userID), nil
	}
	shipping := in.shipping
	if !in.hasShipping {
		shipping = in.billing
	}
	shipping.Email = ""
	if e := validateAddresses(shipping, in.billing); e != nil {
		return errorOutcome(*e, userID), nil
	}

	// Step 6: payment. The demo card is checked before an order is placed:
	// a number that is not 16 digits passing Luhn is refused outright.
	cardNumber := ""
	if needsPayment && gw.ID == "demo_card" {
		cardNumber, _ = in.paymentData["demo_card_number"].(string)
		cardNumber = strings.NewReplacer(" ", "", "-", "").Replace(cardNumber)
		if !luhn16(cardNumber) {
			return errorOutcome(newRestError(400, "woocommerce_rest_payment_error", msgInvalidCard, nil), userID), nil
		}
	}
	id, err := tx.nextOrderID()
	if err != nil {
		return checkoutOutcome{}, err
	}
	order := s.newOrder(id, in, shipping, rate, gw, userID)
	order.IdempotencyKey = idemKey
	result := paymentResultJSON{PaymentStatus: paymentSuccess, PaymentDetails: []keyValue{},
		RedirectURL: baseURL + orderReceivedPath(order)}
	status := http.StatusOK
	message := ""
	switch {
	case !needsPayment:
		order.Status = orderCompleted
	case gw.ID == "bacs":
		order.Status = orderOnHold
	case gw.ID == "demo_3ds":
		order.Status = orderPending
		result.PaymentDetails = []keyValue{
			{Key: "3ds_challenge_url", Value: "/demo-3ds/challenge?order=" + strconv.Itoa(order.ID) + "&key=" + order.Key},
			{Key: "3ds_confirm_url", Value: "/demo-3ds/confirm"},
		}
	case cardNumber == cardDeclined:
		order.Status = orderFailed
		result = paymentResultJSON{PaymentStatus: paymentFailure, PaymentDetails: []keyValue{}}
		status = http.StatusBadRequest
		message = msgDeclined
	case cardNumber == cardError:
		order.Status = orderPending
		result = paymentResultJSON{PaymentStatus: paymentError, PaymentDetails: []keyValue{}}
		status = http.StatusInternalServerError
		message = msgProcessorDown
	default: // demo_express, demo_card with any other valid number
		order.Status = orderProcessing
	}
	if err := tx.insertOrder(order); err != nil {
		return checkoutOutcome{}, err
	}
	return checkoutOutcome{
		status:  status,
		userID:  userID,
		orderID: order.ID,
		body: checkoutResponse{
			OrderID:         order.ID,
			Status:          order.Status,
			OrderKey:        order.Key,
			OrderNumber:     order.Number,
			CustomerNote:    order.CustomerNote,
			CustomerID:      order.CustomerID,
			BillingAddress:  order.Billing,
			ShippingAddress: order.Shipping,
			PaymentMethod:   order.PaymentMethod,
			PaymentResult:   result,
			Extensions:      order.Extensions,
			Message:         message,
		},
	}, nil
}

// validateAddresses checks the required fields of the shipping address, then
// the billing address, and reports the first address with missing fields as
// 400 woocommerce_rest_invalid_address naming every missing field of it;
// data.errors lists the messages of both addresses.
func validateAddresses(shipping, billing Address) *restError {
	errs := map[string][]string{}
	var first string
	for _, a := range []struct {
		typ  string
		addr Address
	}{{"shipping", shipping}, {"billing", billing}} {
		for _, f := range requiredAddressFields {
			if f.get(a.addr) == "" {
				errs[a.typ] = append(errs[a.typ], f.label+" is required")
			}
		}
		if first == "" && len(errs[a.typ]) > 0 {
			first = a.typ
		}
	}
	if first == "" {
		return nil
	}
	e := newRestError(400, "woocommerce_rest_invalid_address",
		"There was a problem with the provided "+first+" address: "+strings.Join(errs[first], ", "),
		map[string]any{"errors": errs})
	return &e
}

// newOrder builds the order with id (status still empty).
func (s *Server) newOrder(id int, in checkoutInput, shipping Address, rate shippingRate, gw gateway, customerID int) Order {
	items := make([]OrderItem, 0, len(s.catalog.Products))
	for _, p := range s.catalog.Products {
		items = append(items, OrderItem{ProductID: p.ID, Name: p.Name, SKU: p.SKU, Quantity: p.Quantity,
			Price: p.Price, Total: p.Price * int64(p.Quantity)})
	}
	pd := map[string]any{}
	for k, v := range in.paymentData {
		if str, ok := v.(string); ok && k == "demo_card_number" {
			v = maskCard(str)
		}
		pd[k] = v
	}
	return Order{
		ID:                 id,
		Key:                "wc_order_" + rand.Text()[:13],
		Number:             strconv.Itoa(id),
		Created:            s.now().UTC(),
		PaymentMethod:      gw.ID,
		PaymentMethodTitle: gw.Title,
		CustomerID:         customerID,
		CustomerNote:       in.note,
		Email:              in.billing.Email,
		Billing:            in.billing,
		Shipping:           shipping,
		Items:              items,
		ShippingLine:       ShippingLine{RateID: rate.RateID, Name: rate.Name, Price: rate.Price},
		Currency:           currencyCode,
		ItemsTotal:         s.catalog.itemsTotal(),
		ShippingTotal:      rate.Price,
		Total:              s.catalog.itemsTotal() + rate.Price,
		PaymentData:        pd,
		Extensions:         in.extensions,
	}
}

func maskCard(n string) string {
	if len(n) <= 4 {
		return strings.Repeat("*", len(n))
	}
	return strings.Repeat("*", len(n)-4) + n[len(n)-4:]
}

func orderReceivedPath(o Order) string {
	return "/checkout/order-received/" + strconv.Itoa(o.ID) + "/?key=" + o.Key
}

// baseURL is "http://<Host>" (https when the request came over TLS).
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// handleCheckout serves POST /wp-json/wc/store/v1/checkout (ref §15.1–15.3,
// D21). Every response rotates the nonce and carries the Store API headers.
// Order of checks: nonce (401/403); body (400 rest_invalid_json, 413);
// Idempotency-Key longer than 255 bytes (400 idempotency_key_invalid); a
// known Idempotency-Key with the same body replays the stored status, body
// and User-ID without processing again, with a different body → 409
// idempotency_key_reused; schema (400 rest_missing_callback_param /
// rest_invalid_param); then processCheckout. Responses from processCheckout
// (errors included) are stored under the Idempotency-Key with the order they
// created, in the same database transaction as the order (D42: a replay
// returns them byte for byte, however the first reply was lost); the
// earlier rejections are not, so they can be retried with the same key. If
// the database cannot be written the response is 500
// woocommerce_rest_unknown_server_error and nothing is kept: no order, no
// account, no record. The transaction runs to its end even when the client
// goes away. With the FaultHeader every reply is replaced by closing the
// connection (after the commit).
func (s *Server) handleCheckout(w http.ResponseWriter, r *http.Request) {
	sess := s.sessions.resolve(w, r)
	nonceErr := s.nonces.checkNonce(r)
	nonce := s.nonces.rotate()
	send := func(status int, body []byte, userID int) {
		if r.Header.Get(FaultHeader) == FaultDropReply && s.dropConnection(w) {
			return
		}
		s.setStoreAPIHeaders(w, sess.token, userID, nonce)
		writeJSONBytes(w, status, body)
	}
	sendErr := func(e *restError) {
		b, _ := json.Marshal(e)
		send(e.Data["status"].(int), b, sess.customerID)
	}
	if nonceErr != nil {
		sendErr(nonceErr)
		return
	}
	raw, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	params, perr := parseJSONParams(raw)
	if perr != nil {
		sendErr(perr)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if len(key) > maxIdempotencyKey {
		e := newRestError(400, "idempotency_key_invalid", "The Idempotency-Key header must be at most 255 bytes.", nil)
		sendErr(&e)
		return
	}
	hash := requestHash(params)

	// One IMMEDIATE transaction: the lookup, the processing and the stored
	// record cannot interleave with another request for the same key (in
	// this process or another one on the same database), and the UNIQUE
	// constraints on the key refuse a second order even if they did. The
	// transaction does not follow the request's context: a shopper whose
	// connection drops mid-checkout still gets the order committed (as a
	// PHP server finishes a payment whose client went away), and the
	// retry gets it by its key.
	var (
		out     checkoutOutcome
		resp    []byte
		replay  *idemRecord
		refusal *restError
		in      checkoutInput
	)
	err := s.store.write(context.WithoutCancel(r.Context()), func(tx *storeTx) error {
		if key != "" {
			rec, found, err := tx.record(key)
			if err != nil {
				return err
			}
			if found {
				if rec.RequestHash != hash {
					e := newRestError(http.StatusConflict, "idempotency_key_reused",
						"This Idempotency-Key was already used with a different request body.", nil)
					refusal = &e
					return nil
				}
				replay = &rec
				return nil
			}
		}
		var verr *restError
		if in, verr = s.validateCheckout(params); verr != nil {
			refusal = verr
			return nil
		}
		var err error
		if out, err = s.processCheckout(tx, in, sess, baseURL(r), key); err != nil {
			return err
		}
		if resp, err = json.Marshal(out.body); err != nil {
			return err
		}
		if key == "" {
			return nil
		}
		return tx.putRecord(idemRecord{Key: key, RequestHash: hash, Status: out.status, Body: resp,
			UserID: out.userID, OrderID: out.orderID, Created: s.now().UTC()})
	})
	switch {
	case err != nil:
		s.log.Error("checkout: saving the order failed", slog.String("error", err.Error()))
		e := newRestError(500, "woocommerce_rest_unknown_server_error", "The order could not be saved.", nil)
		sendErr(&e)
		return
	case refusal != nil:
		sendErr(refusal)
		return
	case replay != nil:
		s.log.Info("checkout replayed", slog.String("idempotency_key", key), slog.Int("order_id", replay.OrderID))
		send(replay.Status, replay.Body, replay.UserID)
		return
	}
	if out.userID != sess.customerID {
		s.sessions.update(sess.token, func(ss *session) { ss.customerID = out.userID })
	}
	s.log.Info("checkout", slog.Int("status", out.status), slog.Int("order_id", out.orderID),
		slog.String("payment_method", in.method))
	send(out.status, resp, out.userID)
}

// dropConnection closes the client connection of w without writing a
// response (the demo's lost reply, FaultHeader). It reports false when
// the connection cannot be taken over (HTTP/2); the caller then replies
// normally.
func (s *Server) dropConnection(w http.ResponseWriter) bool {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		s.log.Warn("checkout: cannot drop the connection; replying", slog.String("error", err.Error()))
		return false
	}
	s.log.Info("checkout: reply dropped (" + FaultHeader + ")")
	_ = conn.Close()
	return true
}
