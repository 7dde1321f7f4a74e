//go:build js && wasm

// Package bridge connects core/engine to JavaScript: it reads the load
// options from the host object web/checkout.js prepares, converts JS values
// to core values and back, exports the API checkout.js forwards to, wraps JS
// observers and canMakePayment callbacks (through checkout.js's "calls"
// part: calls.go), performs the checkout request with the page's fetch, and
// after every change publishes the changed stores' views in one call, as
// one string (publish.go, package snapjson). It decides nothing: every rule
// lives in core.
//
// Errors: no export ever panics into JS. Synchronous exports return either
// their result or an envelope {__wcThrow: Error} that checkout.js throws
// (a Go callback cannot throw into its JS caller); asynchronous ones return
// a Promise that rejects. Bad arguments become TypeErrors naming the
// function and the argument (D34).
//
// Hostile values: every JS operation goes through bridge/jsv, which only
// uses the wasm_exec.js imports that catch exceptions, so no getter, Proxy
// trap, revoked Proxy, toJSON or thenable can unwind Go frames. Every JS →
// Go conversion (convert.go) has a visited set (a shared reference is
// converted once, a cycle is an error) and the budgets of Limits: depth 64,
// 100,000 values (an array by its length; a shared reference by its size
// each time it appears), 4 MiB of strings and keys. Exceeding one, or a
// read that throws, ends the conversion with an error naming the action
// (a TypeError), the observer (its result is treated as a throw) or the
// load option (logged; the option keeps its default).
package bridge

import (
	"strconv"
	"sync/atomic"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"
	"github.com/wcblocks/checkoutwasm/bridge/snapjson"

	"github.com/wcblocks/checkoutwasm/core/engine"
	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
	"github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// Version is the module version string (wc.wcCheckoutWasm.version).
const Version = "0.1.0"

// HostName is the global checkout.js sets before running the module.
const HostName = "__wcCheckoutWasmHost"

// Bridge is one started module instance.
type Bridge struct {
	host    jsv.Value
	conv    *converter
	eng     *engine.Engine
	enc     snapjson.Encoder // publish's buffer, reused
	pub     published        // what checkout.js holds (publish.go)
	exports []*funcHandle
	subs    map[int]func()
	nextSub int
	api     jsv.Value
	calls   atomic.Int64 // JS → Go calls through the api
	hcalls  *hostCalls   // checkout.js's calls part (nil: per-Promise functions)
	text    *textHost    // the text calls' host functions (nil: not offered)

	publishText jsv.Value // host.publishText, or undefined (publish.go)
}

// loadOptions is the flat part of the load() options (js-api.md "Loading").
type loadOptions struct {
	Nonce, StoreAPIURL, PageURL string
	Debug                       bool
}

// Start reads host.config, builds the engine, publishes the initial
// snapshots, and calls host.ready(api). It returns an error (and calls
// nothing) when the host object is missing.
func Start(host jsv.Value) (*Bridge, error) {
	if host.IsUndefined() || host.IsNull() {
		return nil, &engine.ArgError{Func: "checkout module", Arg: HostName, Want: "an object prepared by checkout.js"}
	}
	b := &Bridge{host: host, conv: newConverter(), subs: map[int]func(){}}
	// host.patches === true: publications may patch the views checkout.js
	// holds (publish.go).
	b.pub.patches, _ = get(host, "patches").Bool()
	b.hcalls = newHostCalls(host)
	if b.hcalls != nil {
		b.text = newTextHost(host)
		b.publishText = get(host, "publishText")
	}
	cfg := b.engineConfig(get(host, "config"))
	cfg.BeforeEmit = b.beforeEmit // D43 (bridge/beforeemit.go)
	b.eng = engine.New(cfg)
	b.eng.Subscribe(b.publishChange)
	api, err := b.buildAPI()
	if err != nil {
		return nil, err
	}
	b.api = api
	if b.text != nil {
		textBridge.Store(b)
	}
	// Initial snapshots first, then ready (docs/contracts.md).
	b.publish(engine.StoreKeys(), b.eng.Snapshot())
	if _, err := host.Call("ready", api); err != nil {
		return nil, errorFromCall(err)
	}
	return b, nil
}

// Engine exposes the engine (tests).
func (b *Bridge) Engine() *engine.Engine { return b.eng }

// API is the object given to host.ready.
func (b *Bridge) API() jsv.Value { return b.api }

// Close releases every exported function (tests; a page never closes).
func (b *Bridge) Close() {
	b.eng.Close() // no D40 re-check timer may fire into released functions
	textBridge.CompareAndSwap(b, nil)
	for _, f := range b.exports {
		f.Release()
	}
	b.exports = nil
	b.hcalls.Close()
}

func (b *Bridge) engineConfig(opts jsv.Value) engine.Config {
	var lo loadOptions
	// Each option is converted on its own: a bad option (wrong type, a
	// cycle, over the conversion limits) keeps its default and is logged,
	// and never costs the others.
	lo.Nonce, _ = value.Str(b.option(opts, "nonce"))
	lo.StoreAPIURL, _ = value.Str(b.option(opts, "storeApiUrl"))
	lo.PageURL, _ = value.Str(b.option(opts, "pageUrl"))
	lo.Debug = value.Truthy(b.option(opts, "debug"))
	cfg := engine.Config{
		Nonce:       lo.Nonce,
		StoreAPIURL: lo.StoreAPIURL,
		Debug:       lo.Debug,
		PageURL:     lo.PageURL,
		Cart:        engine.CartConfig{NeedsPayment: true},
		Logger:      hostLogger{b},
		Transport:   &fetchTransport{conv: b.conv, calls: b.hcalls},
	}
	if cfg.PageURL == "" {
		if href := get(get(jsv.Global(), "location"), "href"); href.Type() == jsv.TypeString {
			cfg.PageURL, _ = href.String()
		}
	}
	if cd := value.AsObject(b.option(opts, "checkoutData")); cd != nil {
		cfg.CheckoutData.OrderID = intOf(cd.Get("order_id"))
		cfg.CheckoutData.CustomerID = intOf(cd.Get("customer_id"))
		var ok bool
		if cfg.CheckoutData.OrderNotes, ok = value.Str(cd.Get("order_notes")); !ok {
			cfg.CheckoutData.OrderNotes, _ = value.Str(cd.Get("customer_note")) // WooCommerce's checkoutData key
		}
		cfg.CheckoutData.AdditionalFields = value.AsObject(cd.Get("additional_fields"))
		cfg.CheckoutData.BillingAddress = value.AsObject(cd.Get("billing_address"))
		cfg.CheckoutData.ShippingAddress = value.AsObject(cd.Get("shipping_address"))
	}
	// D39: the cart option is a Store API cart response (snake_case keys) or
	// the legacy {needsPayment, needsShipping, paymentMethods}; the engine
	// receives it over the defaults (needsPayment true) with receiveCart.
	if cart := value.AsObject(b.option(opts, "cart")); cart != nil {
		cfg.Cart.Response = cart
	}
	cfg.ReceiveCart = b.receiveCartFunc()
	if to := value.AsObject(b.option(opts, "observerTimeoutMs")); to != nil {
		cfg.ObserverTimeouts = map[observer.Event]time.Duration{}
		to.Range(func(k string, v any) bool {
			if ms, ok := value.Number(v); ok && ms > 0 {
				cfg.ObserverTimeouts[observer.Event(k)] = time.Duration(ms * float64(time.Millisecond))
			}
			return true
		})
	}
	for _, k := range []struct {
		key string
		dst **value.Object
	}{{"savedPaymentMethods", &cfg.SavedPaymentMethods}, {"globalPaymentMethods", &cfg.GlobalPaymentMethods}} {
		*k.dst = value.AsObject(b.option(opts, k.key))
	}
	if order, ok := b.option(opts, "paymentMethodSortOrder").([]any); ok {
		for _, n := range order {
			if s, ok := n.(string); ok {
				cfg.PaymentMethodSortOrder = append(cfg.PaymentMethodSortOrder, s)
			}
		}
	}
	nav := get(opts, "navigate")
	cfg.Navigate = func(url string) {
		if isFunction(nav) {
			if _, err := nav.Invoke(b.hcalls.jsString(url)); err != nil {
				b.logError("checkout: navigate option threw", errorFromCall(err))
			}
			return
		}
		if loc := get(jsv.Global(), "location"); !loc.IsUndefined() {
			if _, err := loc.Call("assign", url); err != nil {
				b.logError("checkout: location.assign failed", errorFromCall(err))
			}
		}
	}
	return cfg
}

// option converts load() option key; one that cannot be converted is
// logged and read as undefined (its default).
func (b *Bridge) option(opts jsv.Value, key string) any {
	if opts.Type() != jsv.TypeObject {
		return value.Undef
	}
	v, err := opts.Get(key)
	if err != nil {
		b.logError("checkout: load() option '"+key+"' cannot be read; its default is used", errorFromCall(err))
		return value.Undef
	}
	out, err := b.conv.convert(v, "load() option '"+key+"'")
	if err != nil {
		b.logError("checkout: load() option '"+key+"' ignored; its default is used", err)
		return value.Undef
	}
	return out
}

// receiveCartFunc makes the JS function given to canMakePayment as
// cart.receiveCart (D40): receiveCart(response) dispatches the cart store's
// receiveCart and returns a Promise that resolves after the change and its
// reactions, or rejects (a TypeError when response is not a plain
// object, an Error when it cannot be converted). It never throws. It returns undefined (as a value) when the
// function cannot be made.
func (b *Bridge) receiveCartFunc() any {
	h, err := newFunc(func(_ jsv.Value, args []jsv.Value) (ret any) {
		b.calls.Add(1)
		defer func() {
			if r := recover(); r != nil {
				ret = newPromise(func() (any, error) { return nil, observer.Recovered("checkout: cart.receiveCart: ", r) }, nil)
			}
		}()
		resp, err := b.conv.convert(arg(args, 0), "cart.receiveCart response")
		var run engine.Action
		if err == nil {
			run, err = b.eng.Prepare(store.CartKey, "receiveCart", []any{resp})
		}
		return newPromise(func() (any, error) {
			if err != nil {
				return nil, err
			}
			return nil, run(context.Background())
		}, nil)
	})
	if err != nil {
		return value.Undef
	}
	b.exports = append(b.exports, h)
	return value.Opaque{TypeOf: "function", Ref: h.Value()}
}

func intOf(v any) int {
	if f, ok := value.Number(v); ok {
		return int(f)
	}
	if s, ok := v.(string); ok {
		n, _ := strconv.Atoi(s)
		return n
	}
	return 0
}

// hostLogger routes console output through host.warn / host.error, falling
// back to console.
type hostLogger struct{ b *Bridge }

func (l hostLogger) Warn(msg string) { l.b.call("warn", msg) }
func (l hostLogger) Error(msg string, err error) {
	var reason any = jsv.Undefined()
	if je, ok := err.(*jsError); ok && !je.reason.IsUndefined() {
		reason = je.reason
	} else if err != nil {
		reason = err.Error()
	}
	l.b.call("error", msg, reason)
}
func (l hostLogger) Debug(msg string) { l.b.call("debug", msg) }

func (b *Bridge) logError(msg string, err error) { hostLogger{b}.Error(msg, err) }

func (b *Bridge) call(method string, args ...any) {
	if isFunction(get(b.host, method)) {
		if _, err := b.host.Call(method, args...); err == nil {
			return
		}
	}
	console := global("console")
	m := method
	if m == "debug" {
		m = "log"
	}
	_, _ = console.Call(m, args...)
}
