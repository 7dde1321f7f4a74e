package engine

import (
	"context"
	"testing"

	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// BenchmarkAttempt runs whole attempts (no observers, an instant success
// reply) with a listener that builds the view of every changed store, as
// the bridge does for each publication: the engine's own share of an
// attempt (issue 10), without JS.
func BenchmarkAttempt(b *testing.B) {
	tr := &fakeTransport{}
	e := New(Config{Nonce: "n", PageURL: "https://shop.test/checkout/", Transport: tr, Navigate: func(string) {},
		Cart: CartConfig{NeedsPayment: true}})
	e.Subscribe(func(c Change) {
		for _, k := range c.Stores {
			_ = c.Snapshot.View(k, store.Env{})
		}
	})
	reply := func(context.Context, storeapi.Request) (*storeapi.Response, error) {
		return &storeapi.Response{Status: 200, Headers: map[string]string{}, Body: value.NewObject(
			"order_id", 1.0, "status", "success", "payment_result", value.NewObject(
				"payment_status", "success", "payment_details", []any{}, "redirect_url", "https://shop.test/thanks"))}, nil
	}
	for b.Loop() {
		tr.push(reply)
		a := e.Submit()
		<-a.Done()
		if o := a.Outcome(); o.Outcome != "complete" {
			b.Fatalf("attempt ended %+v", o)
		}
	}
}
