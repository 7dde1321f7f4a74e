//go:build js && wasm

package bridge

import (
	"testing"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// Benchmarks of the bridge's primitives (go test -bench . -run ^$ under
// Node or Chromium). They are the numbers to look at before optimising.

func BenchmarkNewObject(b *testing.B) {
	c := newConverter()
	for i := 0; i < b.N; i++ {
		_, _ = c.object.New()
	}
}

func BenchmarkToJSSmallObject(b *testing.B) {
	c := newConverter()
	o := value.NewObject("calls", 1.0, "liveFuncs", 2.0)
	for i := 0; i < b.N; i++ {
		c.toJS(o, false)
	}
}

func BenchmarkToJSCheckoutView(b *testing.B) {
	c := newConverter()
	v := store.Snapshot{Checkout: store.NewCheckout(store.CheckoutData{})}.View(store.CheckoutKey, store.Env{})
	for i := 0; i < b.N; i++ {
		c.toJS(v, true)
	}
}

func BenchmarkCheckoutView(b *testing.B) {
	s := store.Snapshot{Checkout: store.NewCheckout(store.CheckoutData{})}
	for i := 0; i < b.N; i++ {
		s.View(store.CheckoutKey, store.Env{})
	}
}

func BenchmarkJSVGet(b *testing.B) {
	obj, _ := jsv.Global().Get("Object")
	for i := 0; i < b.N; i++ {
		_, _ = obj.Get("keys")
	}
}

func BenchmarkRawGet(b *testing.B) {
	obj := jsv.Unsafe(jsv.Global())
	for i := 0; i < b.N; i++ {
		_ = obj.Get("Object")
	}
}

func BenchmarkToValueSmallObject(b *testing.B) {
	c := newConverter()
	o := c.toJS(value.NewObject("a", 1.0, "b", "x", "c", value.NewObject("d", true)), false)
	for i := 0; i < b.N; i++ {
		c.toValue(o)
	}
}
