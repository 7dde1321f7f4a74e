package engine

import (
	"context"
	"testing"

	"github.com/wcblocks/checkoutwasm/core/store"
)

// BenchmarkDispatch measures Dispatch through actionTable for actions of
// the three builder kinds (act with a reader, checkout, thunk): the table's
// builders are //go:noinline (size), which must not slow a dispatch.
func BenchmarkDispatch(b *testing.B) {
	e := New(Config{Nonce: "abc", Transport: &fakeTransport{}})
	ctx := context.Background()
	cases := []struct {
		name, store, action string
		args                []any
	}{
		{"act string", store.CheckoutKey, "__internalSetOrderNotes", []any{"note"}},
		{"act bool", store.CheckoutKey, "__internalSetHasError", []any{true}},
		{"checkout", store.CheckoutKey, "__internalSetIdle", nil},
		{"thunk", store.PaymentKey, "__internalSetPaymentMethodsInitialized", []any{true}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := e.Dispatch(ctx, c.store, c.action, c.args); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPrepare is the part of a dispatch the builders' closures make up:
// table lookup and argument reading, without the state change.
func BenchmarkPrepare(b *testing.B) {
	e := New(Config{Nonce: "abc", Transport: &fakeTransport{}})
	args := []any{"note"}
	for b.Loop() {
		if _, err := e.Prepare(store.CheckoutKey, "__internalSetOrderNotes", args); err != nil {
			b.Fatal(err)
		}
	}
}
