package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/wcblocks/checkoutwasm/demo/server"
)

// A shopper's checkout against the demo server: read the nonce from
// /demo/config.json, then POST the ref §9.2 body with an Idempotency-Key.
func Example() {
	dataDir, _ := os.MkdirTemp("", "demo-orders-")
	defer os.RemoveAll(dataDir)
	srv, err := server.New(server.Config{DataDir: dataDir})
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	var cfg struct {
		Nonce       string `json:"nonce"`
		StoreAPIURL string `json:"storeApiUrl"`
	}
	resp, _ := http.Get(ts.URL + "/demo/config.json")
	_ = json.NewDecoder(resp.Body).Decode(&cfg)
	resp.Body.Close()

	payload := `{
	  "billing_address": {"first_name":"Ada","last_name":"Lovelace","address_1":"1 Analytical Way",
	                      "city":"London","postcode":"N1 9GU","country":"GB","email":"ada@example.com"},
	  "customer_note": "", "create_account": false,
	  "payment_method": "demo_card",
	  "payment_data": [{"key":"demo_card_number","value":"4000000000000002"},
	                   {"key":"wc-demo_card-new-payment-method","value":false}],
	  "extensions": {}
	}`
	req, _ := http.NewRequest("POST", ts.URL+cfg.StoreAPIURL+"/checkout", strings.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Nonce", cfg.Nonce)
	req.Header.Set("Idempotency-Key", "attempt-1")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var out struct {
		OrderID       int    `json:"order_id"`
		Status        string `json:"status"`
		Message       string `json:"message"`
		PaymentResult struct {
			PaymentStatus string `json:"payment_status"`
		} `json:"payment_result"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	fmt.Println(resp.StatusCode, out.OrderID, out.Status, out.PaymentResult.PaymentStatus)
	fmt.Println(out.Message)
	fmt.Println("new nonce:", resp.Header.Get("Nonce") != cfg.Nonce)
	// Output:
	// 400 1001 failed failure
	// Your card was declined.
	// new nonce: true
}
