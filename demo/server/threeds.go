package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// confirmResult is the JSON answer of POST /demo-3ds/confirm.
type confirmResult struct {
	Result      string `json:"result"`
	RedirectURL string `json:"redirect_url,omitempty"`
	Message     string `json:"message,omitempty"`
}

var (
	errOrderNotFound = errors.New("Order not found.")
	errAlreadyDone   = errors.New("This order was already authenticated.")
	errAuthFailed    = errors.New(msg3DSFailed)
)

// keyMatches reports whether the order's key equals key (constant time; an
// empty key never matches).
func keyMatches(o Order, key string) bool {
	return key != "" && subtle.ConstantTimeCompare([]byte(o.Key), []byte(key)) == 1
}

// confirm3DS applies a bank decision to a pending demo_3ds order.
// approve: pending → processing (repeating it is a no-op success);
// fail: pending → failed. A failed order stays failed and answers
// errAuthFailed to either outcome; approving again after success is fine,
// failing after success is errAlreadyDone. Unknown order, wrong key or an
// order not paid with demo_3ds → errOrderNotFound. A database failure is
// returned as it is and changes nothing.
func (s *Server) confirm3DS(id int, key, outcome string) (Order, error) {
	var out Order
	justFailed := false
	err := s.store.write(context.Background(), func(tx *storeTx) error {
		o, ok, err := tx.order(id)
		if err != nil {
			return err
		}
		if !ok || !keyMatches(o, key) || o.PaymentMethod != "demo_3ds" {
			return errOrderNotFound
		}
		out = o
		switch {
		case o.Status == orderFailed:
			return errAuthFailed
		case o.Status == orderProcessing && outcome == "approve":
			return nil
		case o.Status != orderPending:
			return errAlreadyDone
		case outcome == "approve":
			o.Status = orderProcessing
		default:
			o.Status = orderFailed
			justFailed = true
		}
		out = o
		return tx.updateOrder(o)
	})
	if err == nil && justFailed {
		err = errAuthFailed
	}
	return out, err
}

// handle3DSConfirm serves POST /demo-3ds/confirm, the demo bank's answer.
//
// JSON body {order_id, order_key, outcome: "approve"|"fail"}: approve →
// order processing, 200 {result:"success", redirect_url: order-received URL};
// fail → order failed, 402 {result:"failure", message}. Bad body or outcome
// → 400, unknown order or wrong key → 404, an approved order asked to fail →
// 409, all as {result:"failure", message}.
//
// A form post (application/x-www-form-urlencoded, what the challenge page's
// buttons send) gets the same processing and a 303 redirect: to the
// order-received page after approval, to /demo/ otherwise.
func (s *Server) handle3DSConfirm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	form := strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
	var id int
	var key, outcome string
	if form {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "Bad request.", http.StatusBadRequest)
			return
		}
		id, _ = strconv.Atoi(r.PostForm.Get("order_id"))
		key, outcome = r.PostForm.Get("order_key"), r.PostForm.Get("outcome")
	} else {
		var body struct {
			OrderID  json.Number `json:"order_id"`
			OrderKey string      `json:"order_key"`
			Outcome  string      `json:"outcome"`
		}
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		if err := dec.Decode(&body); err != nil {
			writeJSON(w, http.StatusBadRequest, confirmResult{Result: paymentFailure, Message: "Invalid JSON body."})
			return
		}
		n, _ := body.OrderID.Int64()
		id, key, outcome = int(n), body.OrderKey, body.Outcome
	}
	if outcome != "approve" && outcome != "fail" {
		if form {
			http.Error(w, `outcome must be "approve" or "fail".`, http.StatusBadRequest)
			return
		}
		writeJSON(w, http.StatusBadRequest, confirmResult{Result: paymentFailure, Message: `outcome must be "approve" or "fail".`})
		return
	}
	o, err := s.confirm3DS(id, key, outcome)
	status := http.StatusOK
	res := confirmResult{Result: paymentSuccess, RedirectURL: baseURL(r) + orderReceivedPath(o)}
	switch {
	case errors.Is(err, errOrderNotFound):
		status, res = http.StatusNotFound, confirmResult{Result: paymentFailure, Message: err.Error()}
	case errors.Is(err, errAuthFailed):
		status, res = http.StatusPaymentRequired, confirmResult{Result: paymentFailure, Message: msg3DSFailed}
	case errors.Is(err, errAlreadyDone):
		status, res = http.StatusConflict, confirmResult{Result: paymentFailure, Message: err.Error()}
	case err != nil:
		s.log.Error("3ds confirm: saving the order store failed", "error", err)
		status, res = http.StatusInternalServerError, confirmResult{Result: paymentFailure, Message: "The order could not be saved."}
	}
	if !form {
		writeJSON(w, status, res)
		return
	}
	switch {
	case status == http.StatusOK:
		http.Redirect(w, r, res.RedirectURL, http.StatusSeeOther)
	case status == http.StatusPaymentRequired:
		http.Redirect(w, r, "/demo/", http.StatusSeeOther)
	default:
		http.Error(w, res.Message, status)
	}
}
