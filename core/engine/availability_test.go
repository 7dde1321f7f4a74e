package engine

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

// fakeTimers is an injectable Config.AfterFunc: timers fire only when the
// test says so.
type fakeTimers struct {
	mu     sync.Mutex
	timers []*fakeTimer
}

type fakeTimer struct {
	d       time.Duration
	f       func()
	stopped bool
	fired   bool
}

func (ft *fakeTimers) AfterFunc(d time.Duration, f func()) func() bool {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	t := &fakeTimer{d: d, f: f}
	ft.timers = append(ft.timers, t)
	return func() bool {
		ft.mu.Lock()
		defer ft.mu.Unlock()
		ok := !t.stopped && !t.fired
		t.stopped = true
		return ok
	}
}

// pending returns the durations of the timers neither stopped nor fired.
func (ft *fakeTimers) pending() []time.Duration {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	var out []time.Duration
	for _, t := range ft.timers {
		if !t.stopped && !t.fired {
			out = append(out, t.d)
		}
	}
	return out
}

// fire runs every pending timer of duration d, in creation order.
func (ft *fakeTimers) fire(d time.Duration) {
	ft.mu.Lock()
	var run []func()
	for _, t := range ft.timers {
		if !t.stopped && !t.fired && t.d == d {
			t.fired = true
			run = append(run, t.f)
		}
	}
	ft.mu.Unlock()
	for _, f := range run {
		f()
	}
}

// canPayRecorder is a canMakePayment that records its arguments and answers
// with the current value of ok.
type canPayRecorder struct {
	mu    sync.Mutex
	ok    bool
	args  []*value.Object
	calls chan struct{}
}

func newCanPay(ok bool) *canPayRecorder {
	return &canPayRecorder{ok: ok, calls: make(chan struct{}, 100)}
}

func (c *canPayRecorder) fn(_ context.Context, arg any) (any, error) {
	c.mu.Lock()
	c.args = append(c.args, value.AsObject(arg))
	ok := c.ok
	c.mu.Unlock()
	c.calls <- struct{}{}
	return ok, nil
}

func (c *canPayRecorder) set(ok bool) { c.mu.Lock(); c.ok = ok; c.mu.Unlock() }

func (c *canPayRecorder) count() int { c.mu.Lock(); defer c.mu.Unlock(); return len(c.args) }

func (c *canPayRecorder) last() *value.Object {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.args[len(c.args)-1]
}

// waitCall waits for one canMakePayment call.
func (c *canPayRecorder) waitCall(t *testing.T) {
	t.Helper()
	select {
	case <-c.calls:
	case <-time.After(5 * time.Second):
		t.Fatal("canMakePayment was not called")
	}
}

// storeAPICart is a Store API cart response (trimmed) with two packages,
// the second without a selected rate.
const storeAPICart = `{
 "items":[{"key":"k1","id":15,"quantity":2}],
 "coupons":[{"code":"ten"}],
 "fees":[{"key":"f","name":"Wrap"}],
 "totals":{"total_price":"3940","currency_code":"EUR","currency_minor_unit":2},
 "shipping_address":{"first_name":"Ann","country":"DE"},
 "billing_address":{"first_name":"Ann","email":"ann@example.com","country":"DE"},
 "needs_payment":true,"needs_shipping":true,
 "payment_requirements":["products"],
 "has_calculated_shipping":true,
 "shipping_rates":[
  {"package_id":0,"shipping_rates":[{"rate_id":"flat_rate:1","selected":false},{"rate_id":"local_pickup:2","selected":true}]},
  {"package_id":"extra","shipping_rates":[{"rate_id":"free:3","selected":false}]}],
 "items_count":2,"items_weight":0.4,
 "cross_sells":[{"id":9}],
 "errors":[{"code":"item_error","message":"Only 1 left"}],
 "payment_methods":["cod","bacs"],
 "extensions":{"ns":{"k":"v"}}
}`

func withCart(resp string) option {
	return func(c *Config) { c.Cart.Response = obj(resp) }
}

func withTimers(ft *fakeTimers) option {
	return func(c *Config) { c.AfterFunc = ft.AfterFunc }
}

func TestCanMakePaymentArgument(t *testing.T) {
	receive := value.Opaque{TypeOf: "function", Ref: "receiveCart"}
	h := newHarness(t, withCart(storeAPICart), func(c *Config) { c.ReceiveCart = receive })
	cp := newCanPay(true)
	require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "cod", CanMakePayment: cp.fn}, false))
	require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
	arg := cp.last()

	t.Run("D40: exactly WooCommerce's top-level keys", func(t *testing.T) {
		assert.Equal(t, []string{"cart", "cartTotals", "cartNeedsShipping", "billingData", "billingAddress",
			"shippingAddress", "selectedShippingMethods", "paymentRequirements", "paymentMethods"}, arg.Keys())
	})
	t.Run("D40: exactly WooCommerce's cart keys", func(t *testing.T) {
		cart := value.AsObject(arg.Get("cart"))
		assert.ElementsMatch(t, []string{"billingAddress", "billingData", "shippingAddress", "shippingRates",
			"cartCoupons", "cartErrors", "cartFees", "cartHasCalculatedShipping", "cartIsLoading",
			"cartItemErrors", "cartItems", "cartItemsCount", "cartItemsWeight", "cartNeedsPayment",
			"cartNeedsShipping", "cartTotals", "extensions", "crossSellsProducts", "isLoadingRates",
			"paymentRequirements", "receiveCart"}, cart.Keys())
		assert.Equal(t, `[{"key":"k1","id":15,"quantity":2}]`, js(cart.Get("cartItems")))
		assert.Equal(t, `[{"code":"ten"}]`, js(cart.Get("cartCoupons")))
		assert.Equal(t, `[{"key":"f","name":"Wrap"}]`, js(cart.Get("cartFees")))
		assert.Equal(t, `[{"id":9}]`, js(cart.Get("crossSellsProducts")))
		assert.Equal(t, `[{"code":"item_error","message":"Only 1 left"}]`, js(cart.Get("cartItemErrors")))
		assert.Equal(t, `[]`, js(cart.Get("cartErrors")))
		assert.Equal(t, 2.0, cart.Get("cartItemsCount"))
		assert.Equal(t, 0.4, cart.Get("cartItemsWeight"))
		assert.Equal(t, true, cart.Get("cartNeedsPayment"))
		assert.Equal(t, true, cart.Get("cartNeedsShipping"))
		assert.Equal(t, false, cart.Get("cartIsLoading"))
		assert.Equal(t, false, cart.Get("isLoadingRates"))
		assert.Equal(t, true, cart.Get("cartHasCalculatedShipping"))
		assert.Equal(t, `{"ns":{"k":"v"}}`, js(cart.Get("extensions")))
		assert.Equal(t, `["products"]`, js(cart.Get("paymentRequirements")))
		assert.Equal(t, "3940", value.AsObject(cart.Get("cartTotals")).Get("total_price"))
		assert.Equal(t, "Ann", value.AsObject(cart.Get("billingData")).Get("first_name"))
		assert.Equal(t, receive, cart.Get("receiveCart"), "the bridge's receiveCart function")
	})
	t.Run("D40: top-level values", func(t *testing.T) {
		assert.Equal(t, `{"total_price":"3940","currency_code":"EUR","currency_minor_unit":2}`, js(arg.Get("cartTotals")))
		assert.Equal(t, true, arg.Get("cartNeedsShipping"))
		assert.Equal(t, `{"first_name":"Ann","email":"ann@example.com","country":"DE"}`, js(arg.Get("billingData")))
		assert.Equal(t, js(arg.Get("billingData")), js(arg.Get("billingAddress")))
		assert.Equal(t, `{"first_name":"Ann","country":"DE"}`, js(arg.Get("shippingAddress")))
		assert.Equal(t, `["products"]`, js(arg.Get("paymentRequirements")))
		assert.Equal(t, `["cod","bacs"]`, js(arg.Get("paymentMethods")))
	})
	t.Run("D40: selectedShippingMethods is {package_id: rate_id}, '' when none selected", func(t *testing.T) {
		assert.Equal(t, `{"0":"local_pickup:2","extra":""}`, js(arg.Get("selectedShippingMethods")))
	})
	t.Run("D40: without a cart list, paymentMethods are the registered regular names; receiveCart undefined", func(t *testing.T) {
		h := newHarness(t)
		cp := newCanPay(true)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: cp.fn}, false))
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "card", CanMakePayment: cp.fn}, false))
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "gpay", CanMakePayment: cp.fn}, true))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		a := cp.last()
		assert.Equal(t, `["bacs","card"]`, js(a.Get("paymentMethods")))
		assert.True(t, value.IsUndefined(value.AsObject(a.Get("cart")).Get("receiveCart")))
		assert.Equal(t, `{}`, js(a.Get("selectedShippingMethods")))
		assert.Equal(t, "0", value.AsObject(a.Get("cartTotals")).Get("total_price"), "WooCommerce's default totals")
	})
}

func TestFeaturesVersusPaymentRequirements(t *testing.T) {
	tests := []struct {
		name      string
		reqs      string
		features  []string
		available bool
	}{
		{"D40: default features ['products'] meet ['products']", `["products"]`, nil, true},
		{"D40: no requirements -> available", `[]`, []string{}, true},
		{"D40: a missing requirement -> unavailable", `["products","subscriptions"]`, nil, false},
		{"D40: every requirement present -> available", `["products","subscriptions"]`, []string{"products", "subscriptions", "refunds"}, true},
		{"D40: explicit features without products", `["products"]`, []string{"refunds"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, withCart(`{"payment_requirements":`+tc.reqs+`}`))
			cp := newCanPay(true)
			require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "m", CanMakePayment: cp.fn, Features: tc.features}, false))
			require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "x", CanMakePayment: cp.fn, Features: tc.features}, true))
			require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
			p := h.e.Snapshot().Payment
			assert.Equal(t, tc.available, p.AvailablePaymentMethods.Has("m"))
			assert.Equal(t, tc.available, p.AvailableExpressPaymentMethods.Has("x"), "express methods too")
			if !tc.available {
				assert.Equal(t, 0, cp.count(), "canMakePayment is not called when a feature is missing")
			}
		})
	}
}

func TestAvailabilityRecheckDebounced(t *testing.T) {
	setup := func(t *testing.T) (*harness, *fakeTimers, *canPayRecorder) {
		ft := &fakeTimers{}
		h := newHarness(t, withTimers(ft))
		cp := newCanPay(true)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: cp.fn}, false))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		cp.waitCall(t)
		require.Empty(t, ft.pending(), "registration and availability do not touch the cart")
		return h, ft, cp
	}
	dispatch := func(t *testing.T, h *harness, key, action string, args ...any) {
		t.Helper()
		require.NoError(t, h.e.Dispatch(context.Background(), key, action, args))
	}

	t.Run("D40: every cart change arms the 300 ms quiet timer and the 1 s max wait", func(t *testing.T) {
		for _, change := range []struct {
			action string
			args   []any
		}{
			{"setBillingAddress", []any{obj(`{"country":"FR"}`)}},
			{"setShippingAddress", []any{obj(`{"country":"FR"}`)}},
			{"setShippingRates", []any{[]any{obj(`{"package_id":0,"shipping_rates":[{"rate_id":"a","selected":true}]}`)}}},
			{"receiveCart", []any{obj(`{"totals":{"total_price":"100"}}`)}},
			{"receiveCart", []any{obj(`{"coupons":[{"code":"ten"}]}`)}},
			{"setCartErrors", []any{[]any{obj(`{"code":"x","message":"m"}`)}}},
		} {
			t.Run(change.action, func(t *testing.T) {
				h, ft, cp := setup(t)
				dispatch(t, h, store.CartKey, change.action, change.args...)
				assert.ElementsMatch(t, []time.Duration{DefaultAvailabilityDebounce, AvailabilityMaxWait}, ft.pending())
				assert.Equal(t, 1, cp.count(), "nothing runs before the timer fires")
				ft.fire(DefaultAvailabilityDebounce)
				cp.waitCall(t)
				assert.Empty(t, ft.pending(), "firing one timer stops the other")
			})
		}
	})
	t.Run("D40: a burst of changes runs the check once, with the last state", func(t *testing.T) {
		h, ft, cp := setup(t)
		for _, c := range []string{"A", "B", "C"} {
			dispatch(t, h, store.CartKey, "setBillingAddress", obj(`{"city":"`+c+`"}`))
		}
		assert.ElementsMatch(t, []time.Duration{DefaultAvailabilityDebounce, AvailabilityMaxWait}, ft.pending(),
			"one quiet timer (re-armed) and one max-wait timer")
		ft.fire(DefaultAvailabilityDebounce)
		cp.waitCall(t)
		assert.Equal(t, "C", value.AsObject(cp.last().Get("billingAddress")).Get("city"))
		select {
		case <-cp.calls:
			t.Fatal("a second check ran")
		case <-time.After(50 * time.Millisecond):
		}
	})
	t.Run("D40: a stream of changes is bounded by the max wait", func(t *testing.T) {
		h, ft, cp := setup(t)
		dispatch(t, h, store.CartKey, "setBillingAddress", obj(`{"city":"A"}`))
		dispatch(t, h, store.CartKey, "setBillingAddress", obj(`{"city":"B"}`))
		ft.fire(AvailabilityMaxWait)
		cp.waitCall(t)
		assert.Empty(t, ft.pending())
		dispatch(t, h, store.CartKey, "setBillingAddress", obj(`{"city":"C"}`))
		assert.ElementsMatch(t, []time.Duration{DefaultAvailabilityDebounce, AvailabilityMaxWait}, ft.pending(), "a new stream starts")
	})
	t.Run("D40: a change of another store does not arm it", func(t *testing.T) {
		h, ft, _ := setup(t)
		dispatch(t, h, store.CheckoutKey, "__internalSetOrderNotes", "n")
		dispatch(t, h, store.PaymentKey, "__internalSetShouldSavePaymentMethod", true)
		assert.Empty(t, ft.pending())
	})
	t.Run("D40: a stale timer that fires after its stream ran does nothing", func(t *testing.T) {
		h, ft, cp := setup(t)
		dispatch(t, h, store.CartKey, "setBillingAddress", obj(`{"city":"A"}`))
		var stale func()
		ft.mu.Lock()
		stale = ft.timers[len(ft.timers)-1].f // the max-wait timer
		ft.mu.Unlock()
		ft.fire(DefaultAvailabilityDebounce)
		cp.waitCall(t)
		stale()
		select {
		case <-cp.calls:
			t.Fatal("the stale timer ran a check")
		case <-time.After(50 * time.Millisecond):
		}
	})
	t.Run("D40: Close stops the pending timers and arms no new ones", func(t *testing.T) {
		h, ft, cp := setup(t)
		dispatch(t, h, store.CartKey, "setBillingAddress", obj(`{"city":"A"}`))
		require.Len(t, ft.pending(), 2)
		var late func()
		ft.mu.Lock()
		late = ft.timers[len(ft.timers)-1].f
		ft.mu.Unlock()
		h.e.Close()
		h.e.Close() // idempotent
		assert.Empty(t, ft.pending(), "Close stops both timers")
		dispatch(t, h, store.CartKey, "setBillingAddress", obj(`{"city":"B"}`))
		assert.Empty(t, ft.pending(), "no timer after Close")
		late() // a timer already firing when Close ran
		select {
		case <-cp.calls:
			t.Fatal("a timer ran a check after Close")
		case <-time.After(50 * time.Millisecond):
		}
	})
	t.Run("D40: a negative debounce turns the re-check off", func(t *testing.T) {
		ft := &fakeTimers{}
		h := newHarness(t, withTimers(ft), func(c *Config) { c.AvailabilityDebounce = -1 })
		dispatch(t, h, store.CartKey, "setBillingAddress", obj(`{"city":"A"}`))
		assert.Empty(t, ft.pending())
	})
	t.Run("D40: the default timer is real time and fires within 1 s", func(t *testing.T) {
		h := newHarness(t, func(c *Config) { c.AvailabilityDebounce = 10 * time.Millisecond })
		cp := newCanPay(true)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: cp.fn}, false))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		cp.waitCall(t)
		dispatch(t, h, store.CartKey, "setBillingAddress", obj(`{"city":"A"}`))
		cp.waitCall(t)
	})
}

func TestAvailabilityRecheckKeepsOrReselects(t *testing.T) {
	ft := &fakeTimers{}
	h := newHarness(t, withTimers(ft), withCart(`{"shipping_rates":[{"package_id":0,"shipping_rates":[{"rate_id":"flat_rate:1","selected":true},{"rate_id":"local_pickup:2","selected":false}]}]}`))
	// cod is only offered with flat rate shipping (it reads selectedShippingMethods).
	codCalls := make(chan struct{}, 10)
	cod := func(_ context.Context, arg any) (any, error) {
		defer func() { codCalls <- struct{}{} }()
		sel := value.AsObject(value.AsObject(arg).Get("selectedShippingMethods"))
		return sel.Get("0") == "flat_rate:1", nil
	}
	bacs := newCanPay(true)
	require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "cod", CanMakePayment: cod}, false))
	require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: bacs.fn}, false))
	require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
	require.Equal(t, "cod", h.e.Snapshot().Payment.ActivePaymentMethod, "ref §14: first available")
	require.NoError(t, h.e.Dispatch(context.Background(), store.PaymentKey, "__internalSetActivePaymentMethod", []any{"bacs"}))

	recheck := func() {
		t.Helper()
		done := make(chan struct{})
		// The fired timer's run and this request coalesce; done is called after a run that saw the change.
		ft.fire(DefaultAvailabilityDebounce)
		h.e.RequestAvailabilityUpdate(func() { close(done) })
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("availability update did not finish")
		}
	}
	pick := func(rate string) {
		t.Helper()
		rates := `[{"package_id":0,"shipping_rates":[{"rate_id":"flat_rate:1","selected":` +
			boolJS(rate == "flat_rate:1") + `},{"rate_id":"local_pickup:2","selected":` + boolJS(rate == "local_pickup:2") + `}]}]`
		require.NoError(t, h.e.Dispatch(context.Background(), store.CartKey, "receiveCart",
			[]any{obj(`{"shipping_rates":` + rates + `}`)}))
	}

	t.Run("D40: cod becomes unavailable, the active bacs is kept", func(t *testing.T) {
		pick("local_pickup:2")
		recheck()
		p := h.e.Snapshot().Payment
		assert.False(t, p.AvailablePaymentMethods.Has("cod"))
		assert.Equal(t, "bacs", p.ActivePaymentMethod)
	})
	t.Run("D40: the active method becomes unavailable -> ref §14 default selection", func(t *testing.T) {
		require.NoError(t, h.e.Dispatch(context.Background(), store.PaymentKey, "__internalSetActivePaymentMethod", []any{"bacs"}))
		bacs.set(false)
		pick("flat_rate:1")
		recheck()
		p := h.e.Snapshot().Payment
		assert.Equal(t, `{"cod":{"name":"cod"}}`, js(p.AvailablePaymentMethods))
		assert.Equal(t, "cod", p.ActivePaymentMethod, "first available method")
	})
}

func boolJS(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func js(v any) string { return string(valuejson.Marshal(v)) }

func TestAvailabilityRecheckWithoutMethods(t *testing.T) {
	ft := &fakeTimers{}
	h := newHarness(t, withTimers(ft))
	require.NoError(t, h.e.Dispatch(context.Background(), store.CartKey, "setBillingAddress", []any{obj(`{"city":"A"}`)}))
	v := h.e.Version()
	ft.fire(DefaultAvailabilityDebounce)
	time.Sleep(20 * time.Millisecond)
	assert.Equal(t, v, h.e.Version(), "ref §7 R11: both registries empty -> no update, nothing changes")
	assert.False(t, h.e.Snapshot().Payment.PaymentMethodsInitialized)
}
