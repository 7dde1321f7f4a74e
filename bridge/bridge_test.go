//go:build js && wasm

package bridge

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wcblocks/checkoutwasm/bridge/jsv"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
	litetime "github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// jsFunc makes a JS function from source (tests only).
func jsFunc(t *testing.T, params, body string) jsv.Value {
	t.Helper()
	f, err := global("Function").New(params, body)
	require.NoError(t, err)
	return f
}

func jsEval(t *testing.T, expr string) jsv.Value {
	t.Helper()
	v, err := jsFunc(t, "", "return ("+expr+");").Invoke()
	require.NoError(t, err)
	return v
}

// testHost is a stand-in for what checkout.js prepares.
type testHost struct {
	t         *testing.T
	host      jsv.Value
	mu        sync.Mutex
	published []jsv.Value
	bytes     int // the length of every json host.publish got
	latest    map[string]jsv.Value
	warnings  []string
	errors    []string
	b         *Bridge
	funcs     []*funcHandle
}

func newTestHost(t *testing.T, config string) *testHost {
	t.Helper()
	return newPatchingTestHost(t, config, false)
}

// newPatchingTestHost is newTestHost whose host.patches is patches: its
// publish stand-in then applies patches (snapjson.Encoder.Patch) to the
// views it holds.
func newPatchingTestHost(t *testing.T, config string, patches bool) *testHost {
	t.Helper()
	th := &testHost{t: t, latest: map[string]jsv.Value{}}
	host, _ := global("Object").New()
	th.host = host
	if patches {
		require.NoError(t, host.Set("patches", true))
	}
	if config == "" {
		config = "{}"
	}
	require.NoError(t, host.Set("config", jsEval(t, config)))
	// checkout.js's stand-in for host.publish(json, refs): JSON.parse, a
	// notices delta applied to the notices published before, a patch to the
	// view published before, the snapjson escapes resolved (no structural
	// sharing: that is checkout.js's, tested in web/test).
	decode := jsFunc(t, "json, refs, notices, latest", `var ch = JSON.parse(json);
	// The escapes are resolved after patches are applied (a key whose value
	// is undefined keeps its place).
	var resolve = function (v) {
		if (v === null || typeof v !== 'object') return v;
		if (Array.isArray(v)) { for (var i = 0; i < v.length; i++) v[i] = resolve(v[i]); return v; }
		if (Object.getPrototypeOf(v) !== Object.prototype || Object.isFrozen(v)) return v;
		var ks = Object.keys(v);
		if (ks.length === 1 && ks[0] === '\u0000') {
			var n = v['\u0000'];
			return n >= 0 ? refs[n] : n === -2 ? NaN : n === -3 ? Infinity : n === -4 ? -Infinity : n === -5 ? -0 : undefined;
		}
		ks.forEach(function (k) { v[k] = resolve(v[k]); });
		return v;
	};
	var d = ch['core/notices'];
	if (Array.isArray(d)) {
		var gone = d[0].map(function (p) { return p[0] + '\u0001' + p[1]; });
		var keep = function (x) { return gone.indexOf(x.context + '\u0001' + x.id) < 0; };
		var all = notices.all.filter(keep).concat(d[1]);
		var keys = d[2] || Object.keys(notices.byContext);
		var byContext = {};
		keys.forEach(function (c) { byContext[c] = all.filter(function (x) { return x.context === c; }); });
		if (all.length !== d[3]) throw new Error('notices delta: count ' + all.length + ', want ' + d[3]);
		ch['core/notices'] = { byContext: byContext, all: all };
	}
	var isPatch = function (v) {
		return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && Object.keys(v)[0] === '\u0000p';
	};
	var patch = function (d, prev) {
		if (prev === null || typeof prev !== 'object' || Array.isArray(prev)) throw new Error('a patch without an object to patch');
		var out = {};
		Object.keys(d).forEach(function (k) {
			if (!Object.prototype.hasOwnProperty.call(prev, k)) throw new Error('a patch names a key the view lacks: ' + k);
		});
		Object.keys(prev).forEach(function (k) {
			if (!Object.prototype.hasOwnProperty.call(d, k)) out[k] = prev[k];
			else out[k] = isPatch(d[k]) ? patch(d[k]['\u0000p'], prev[k]) : d[k];
		});
		return out;
	};
	Object.keys(ch).forEach(function (k) {
		if (isPatch(ch[k])) ch[k] = patch(ch[k]['\u0000p'], latest[k]);
		ch[k] = resolve(ch[k]);
		Object.freeze(ch[k]); // resolved: a later resolve walk stops here
	});
	return ch;`)
	th.fn("publish", func(args []jsv.Value) {
		if args[0].Type() != jsv.TypeString {
			th.t.Errorf("host.publish: want a JSON string, got %s", args[0].Type())
			return
		}
		th.mu.Lock()
		notices := th.latest["core/notices"]
		latest, _ := global("Object").New()
		for k, v := range th.latest {
			_ = latest.Set(k, v)
		}
		if s, err := args[0].String(); err == nil {
			th.bytes += len(s)
		}
		th.mu.Unlock()
		ch, err := decode.Invoke(args[0], arg(args, 1), notices, latest)
		if err != nil {
			th.t.Errorf("host.publish: %v", err)
			return
		}
		keys, _ := global("Object").Call("keys", ch)
		n, _ := keys.Length()
		th.mu.Lock()
		defer th.mu.Unlock()
		th.published = append(th.published, ch)
		for i := 0; i < n; i++ {
			k, _ := keys.Index(i)
			ks, _ := k.String()
			th.latest[ks] = get(ch, ks)
		}
	})
	th.fn("ready", func(args []jsv.Value) {})
	th.fn("warn", func(args []jsv.Value) {
		s, _ := args[0].String()
		th.mu.Lock()
		th.warnings = append(th.warnings, s)
		th.mu.Unlock()
	})
	th.fn("error", func(args []jsv.Value) {
		s, _ := args[0].String()
		th.mu.Lock()
		th.errors = append(th.errors, s)
		th.mu.Unlock()
	})
	th.fn("debug", func([]jsv.Value) {})
	b, err := Start(host)
	require.NoError(t, err)
	th.b = b
	t.Cleanup(th.close)
	return th
}

func (th *testHost) fn(name string, f func(args []jsv.Value)) {
	h, err := newFunc(func(_ jsv.Value, args []jsv.Value) any { f(args); return nil })
	require.NoError(th.t, err)
	th.funcs = append(th.funcs, h)
	require.NoError(th.t, th.host.Set(name, h.Value()))
}

func (th *testHost) close() {
	th.b.Close()
	for _, f := range th.funcs {
		f.Release()
	}
}

func (th *testHost) snapshot(key string) jsv.Value {
	th.mu.Lock()
	defer th.mu.Unlock()
	return th.latest[key]
}

func (th *testHost) publications() int {
	th.mu.Lock()
	defer th.mu.Unlock()
	return len(th.published)
}

// call invokes an api function and unwraps the throw envelope.
func (th *testHost) call(name string, args ...any) (jsv.Value, error) {
	v, err := th.b.API().Call(name, args...)
	require.NoError(th.t, err)
	if v.Type() == jsv.TypeObject {
		if e := get(v, ThrowKey); !e.IsUndefined() {
			return jsv.Undefined(), &jsError{msg: str(get(e, "message")), reason: e}
		}
	}
	return v, nil
}

// wait awaits a Promise returned by the api.
func (th *testHost) wait(p jsv.Value) (jsv.Value, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*litetime.Second)
	defer cancel()
	return await(ctx, p)
}

func (th *testHost) dispatch(key, action string, args ...any) error {
	arr, _ := global("Array").New()
	for i, a := range args {
		_ = arr.SetIndex(i, a)
	}
	p, err := th.call("dispatch", key, action, arr)
	if err != nil {
		return err
	}
	_, err = th.wait(p)
	return err
}

func str(v jsv.Value) string {
	s, _ := v.String()
	return s
}

func errName(t *testing.T, err error) string {
	t.Helper()
	var je *jsError
	require.ErrorAs(t, err, &je)
	return str(get(je.reason, "name"))
}

func TestConversionBothWays(t *testing.T) {
	c := newConverter()
	tests := []struct {
		name  string
		js    string
		want  string // valuejson-like rendering via value.String / checks below
		check func(t *testing.T, v any)
	}{
		{"undefined", "undefined", "", func(t *testing.T, v any) { assert.True(t, value.IsUndefined(v)) }},
		{"null", "null", "", func(t *testing.T, v any) { assert.Nil(t, v) }},
		{"number", "2.5", "", func(t *testing.T, v any) { assert.Equal(t, 2.5, v) }},
		{"string", "'a'", "", func(t *testing.T, v any) { assert.Equal(t, "a", v) }},
		{"bool", "true", "", func(t *testing.T, v any) { assert.Equal(t, true, v) }},
		{"plain object keeps order (ref §0)", "({b:1, a:{c:[1,'x',null]}})", "", func(t *testing.T, v any) {
			o := value.AsObject(v)
			require.NotNil(t, o)
			assert.Equal(t, []string{"b", "a"}, o.Keys())
			assert.Equal(t, []any{1.0, "x", nil}, value.AsObject(o.Get("a")).Get("c"))
		}},
		{"class instance is not plain (ref §0)", "new Date(0)", "", func(t *testing.T, v any) {
			assert.Equal(t, "object", v.(value.Opaque).TypeOf)
		}},
		{"null prototype is not plain (ref §0)", "Object.create(null)", "", func(t *testing.T, v any) {
			_, ok := v.(value.Opaque)
			assert.True(t, ok)
		}},
		{"function", "(function named() {})", "", func(t *testing.T, v any) {
			assert.Equal(t, "function", v.(value.Opaque).TypeOf)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			jv := jsEval(t, tc.js)
			v := c.toValue(jv)
			tc.check(t, v)
			back := c.toJS(v, false)
			same, err := jsFunc(t, "a,b", "return JSON.stringify(a) === JSON.stringify(b) || (typeof a === 'function' && a === b) || (a instanceof Date && a === b) || (a && Object.getPrototypeOf(a) === null && a === b);").Invoke(jv, back)
			require.NoError(t, err)
			ok, _ := same.Bool()
			assert.True(t, ok, "round trip of %s", tc.js)
		})
	}
	t.Run("frozen output", func(t *testing.T) {
		v := c.toJS(value.NewObject("a", []any{value.NewObject("b", 1.0)}), true)
		frozen, _ := jsFunc(t, "o", "return Object.isFrozen(o) && Object.isFrozen(o.a) && Object.isFrozen(o.a[0]);").Invoke(v)
		ok, _ := frozen.Bool()
		assert.True(t, ok)
	})
	t.Run("issue 9 point 2: deep values are a clear error, not a stack overflow", func(t *testing.T) {
		deep := jsEval(t, "(function(){ var o = {}; var c = o; for (var i = 0; i < 200; i++) { c.n = {}; c = c.n; } return o; })()")
		_, err := c.convert(deep, "test")
		require.ErrorContains(t, err, "nested deeper than 64 levels")
	})
}

func TestInitialPublicationAndReady(t *testing.T) {
	th := newTestHost(t, `{checkoutData: {order_id: 5, customer_id: 2, order_notes: 'hi', billing_address: {city: 'Paris'}}, cart: {needsPayment: true, needsShipping: true, paymentMethods: ['bacs']}}`)
	for _, k := range []string{"wc/store/checkout", "wc/store/payment", "wc/store/validation", "wc/store/cart", "core/notices"} {
		assert.False(t, th.snapshot(k).IsUndefined(), k)
	}
	co := th.snapshot("wc/store/checkout")
	assert.Equal(t, "pristine", str(get(co, "getCheckoutStatus")), "D2")
	n, _ := get(co, "getOrderId").Int()
	assert.Equal(t, 5, n)
	assert.Equal(t, "hi", str(get(co, "getOrderNotes")), "D31")
	assert.Equal(t, Version, str(get(th.b.API(), "version")))
	cart := th.snapshot("wc/store/cart")
	assert.Equal(t, "Paris", str(get(get(get(cart, "getCustomerData"), "billingAddress"), "city")))
}

func TestSnapshotStability(t *testing.T) {
	th := newTestHost(t, `{cart: {needsShipping: true}}`)
	require.NoError(t, th.dispatch("wc/store/cart", "setBillingAddress", jsEval(t, "({first_name: 'Ann'})")))
	cartBefore := th.snapshot("wc/store/cart")
	checkoutBefore := th.snapshot("wc/store/checkout")
	pubs := th.publications()
	require.NoError(t, th.dispatch("wc/store/payment", "__internalSetShouldSavePaymentMethod", true))
	assert.Equal(t, pubs+1, th.publications(), "one publication per change")
	assert.True(t, th.snapshot("wc/store/cart").Equal(cartBefore), "unchanged store keeps its snapshot reference")
	assert.True(t, th.snapshot("wc/store/checkout").Equal(checkoutBefore))
	// A cart change publishes the cart alone (sub-objects that did not change
	// keep their references in checkout.js: web/test/publish.test.js).
	require.NoError(t, th.dispatch("wc/store/cart", "setShippingAddress", jsEval(t, "({city: 'Lyon'})")))
	after := th.snapshot("wc/store/cart")
	assert.False(t, after.Equal(cartBefore))
	assert.Equal(t, "Lyon", str(get(get(get(after, "getCustomerData"), "shippingAddress"), "city")))
	assert.True(t, th.snapshot("wc/store/checkout").Equal(checkoutBefore))
	// No-op dispatch publishes nothing (D27).
	pubs = th.publications()
	require.NoError(t, th.dispatch("wc/store/payment", "__internalSetShouldSavePaymentMethod", true))
	assert.Equal(t, pubs, th.publications())
}

func TestTypeErrorsD34(t *testing.T) {
	th := newTestHost(t, "")
	_, err := th.call("dispatch", "wc/store/checkout", "__internalSetOrderNotes", jsEval(t, "[42]"))
	require.Error(t, err)
	assert.Equal(t, "TypeError", errName(t, err))
	assert.Contains(t, err.Error(), "__internalSetOrderNotes")
	assert.Contains(t, err.Error(), "orderNotes")
	_, err = th.call("dispatch", "wc/store/nope", "x", jsEval(t, "[]"))
	assert.Equal(t, "TypeError", errName(t, err))
	_, err = th.call("on", "onPaymentSetup", "not a function", 10)
	assert.Equal(t, "TypeError", errName(t, err))
	assert.Contains(t, err.Error(), "callback")
	_, err = th.call("on", "onPaymentSetup", jsFunc(t, "", "return true;"), jsEval(t, "Infinity"))
	assert.Equal(t, "TypeError", errName(t, err))
	assert.Contains(t, err.Error(), "priority")
	// Registration checks with WooCommerce's messages are checkout.js's
	// (payment-methods.md); the engine's semantic refusals still come back.
	_, err = th.call("registerPaymentMethod", jsEval(t, "({name: 'x'})"))
	assert.Equal(t, "TypeError", errName(t, err))
	assert.Contains(t, err.Error(), "canMakePayment")
	_, err = th.call("registerPaymentMethod", jsEval(t, "({canMakePayment: true})"))
	assert.Contains(t, err.Error(), "name")
	_, err = th.call("registerPaymentMethod", jsEval(t, "({name: 'no-content', canMakePayment: true})"))
	require.NoError(t, err, "content stays in JS: the module does not ask for it")
	// The module still works.
	require.NoError(t, th.dispatch("wc/store/checkout", "__internalSetOrderNotes", "ok"))
	assert.Equal(t, "ok", str(get(th.snapshot("wc/store/checkout"), "getOrderNotes")))
}

func TestPanicRecovery(t *testing.T) {
	th := newTestHost(t, "")
	obj, _ := global("Object").New()
	require.NoError(t, th.b.export(obj, "boom", func([]jsv.Value) (any, error) { panic("kaboom") }))
	v, err := obj.Call("boom")
	require.NoError(t, err, "the panic does not escape into JS")
	e := get(v, ThrowKey)
	assert.Contains(t, str(get(e, "message")), "kaboom")
	p := newPromise(func() (any, error) { panic("async kaboom") }, nil)
	_, err = th.wait(p)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "async kaboom")
	require.NoError(t, th.dispatch("wc/store/checkout", "__internalSetOrderNotes", "still alive"))
}

func TestObserverPromisesAndBudgets(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		timeout int
		outcome string
		notice  string
	}{
		{"resolved promise", "return Promise.resolve({type: 'success'});", 0, "error", ""},
		{"rejected promise → {type:'error'} (D6)", "return Promise.reject(new Error('nope'));", 0, "failed", ""},
		{"throw → {type:'error'} (D6)", "throw new Error('thrown');", 0, "failed", ""},
		{"never settles, time budget (D17)", "return new Promise(function(){});", 40, "timeout", "did not respond within 40 ms"},
		{"signal and attemptId (D18)", "return (arguments[1].signal instanceof AbortSignal && typeof arguments[1].attemptId === 'string' && arguments[1].attemptId.length > 0) ? {type:'success'} : {type:'failure', message: 'bad second argument'};", 0, "error", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// fetch rejects: a success path ends in the D14 "error" outcome, which proves payment setup passed.
			restore := stubFetch(t, "function(){ return Promise.reject(new TypeError('Failed to fetch')); }")
			defer restore()
			th := newTestHost(t, `{cart: {needsPayment: true}}`)
			registerBacs(t, th)
			opts := jsEval(t, "({label: 'gw'})")
			if tc.timeout > 0 {
				opts = jsEval(t, "({label: 'gw', timeoutMs: "+itoa(tc.timeout)+"})")
			}
			_, err := th.call("on", "onPaymentSetup", jsFunc(t, "data", tc.body), 10, opts)
			require.NoError(t, err)
			p, err := th.call("submit")
			require.NoError(t, err)
			out, err := th.wait(p)
			require.NoError(t, err)
			assert.Equal(t, tc.outcome, str(get(out, "outcome")))
			if tc.notice != "" {
				notices, _ := global("JSON").Call("stringify", get(th.snapshot("core/notices"), "all"))
				assert.Contains(t, str(notices), tc.notice)
			}
		})
	}
}

func itoa(n int) string {
	v, _ := jsv.ValueOf(n)
	s, _ := global("String").Invoke(v)
	return str(s)
}

func registerBacs(t *testing.T, th *testHost) {
	t.Helper()
	_, err := th.call("registerPaymentMethod", jsEval(t, "({name: 'bacs', content: 'Pay by bank transfer', canMakePayment: function(){ return Promise.resolve(true); }})"))
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		return str(get(th.snapshot("wc/store/payment"), "getActivePaymentMethod")) == "bacs"
	}, 3*time.Second, 5*time.Millisecond)
}

// stubFetch replaces globalThis.fetch for one test.
func stubFetch(t *testing.T, src string) func() {
	t.Helper()
	orig := global("fetch")
	require.NoError(t, jsv.Global().Set("fetch", jsEval(t, "("+src+")")))
	return func() { _ = jsv.Global().Set("fetch", orig) }
}

func TestFullAttemptsThroughFetch(t *testing.T) {
	tests := []struct {
		name    string
		fetch   string
		outcome string
		status  string
		notice  string
	}{
		{"success", `function(url, init){ window.__lastInit = init; window.__lastUrl = url; return Promise.resolve(new Response(JSON.stringify({order_id: 7, payment_result: {payment_status: 'success', payment_details: [], redirect_url: 'https://shop.test/thanks'}}), {status: 200, headers: {'Content-Type': 'application/json', 'Nonce': 'n2', 'User-ID': '3'}})); }`,
			"complete", "complete", ""},
		{"decline", `function(){ return Promise.resolve(new Response(JSON.stringify({order_id: 8, message: 'Your card was declined.', payment_result: {payment_status: 'failure', payment_details: [], redirect_url: ''}}), {status: 400})); }`,
			"failed", "idle", "Your card was declined."},
		{"network failure", `function(){ return Promise.reject(new TypeError('Failed to fetch')); }`,
			"error", "idle", "Something went wrong when placing the order"},
		{"not JSON", `function(){ return Promise.resolve(new Response('<html>oops</html>', {status: 200})); }`,
			"error", "idle", "Something went wrong when placing the order"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if global("window").IsUndefined() {
				_ = jsv.Global().Set("window", jsv.Global())
			}
			restore := stubFetch(t, tc.fetch)
			defer restore()
			th := newTestHost(t, `{nonce: 'n1', cart: {needsPayment: true}, navigate: function(u){ globalThis.__navigated = u; }}`)
			registerBacs(t, th)
			funcsBefore := LiveFuncs()
			_, err := th.call("on", "onPaymentSetup", jsFunc(t, "", "return Promise.resolve({type: 'success', meta: {paymentMethodData: {ref: 'abc'}}});"), 10)
			require.NoError(t, err)
			p, err := th.call("submit")
			require.NoError(t, err)
			p2, err := th.call("submit")
			require.NoError(t, err)
			out, err := th.wait(p)
			require.NoError(t, err)
			out2, err := th.wait(p2)
			require.NoError(t, err)
			assert.Equal(t, str(get(out, "attemptId")), str(get(out2, "attemptId")), "D12: the same attempt")
			assert.Equal(t, tc.outcome, str(get(out, "outcome")))
			assert.Equal(t, tc.status, str(get(th.snapshot("wc/store/checkout"), "getCheckoutStatus")))
			if tc.notice != "" {
				notices, _ := global("JSON").Call("stringify", get(th.snapshot("core/notices"), "all"))
				assert.Contains(t, str(notices), tc.notice)
			}
			if tc.name == "success" {
				init := get(jsv.Global(), "__lastInit")
				assert.Equal(t, "no-store", str(get(init, "cache")))
				assert.Equal(t, "same-origin", str(get(init, "credentials")))
				assert.Equal(t, "n1", str(get(get(init, "headers"), "Nonce")))
				assert.Equal(t, str(get(out, "attemptId")), str(get(get(init, "headers"), "Idempotency-Key")), "D21")
				assert.Contains(t, str(get(init, "body")), `"payment_data":[{"key":"ref","value":"abc"}`)
				assert.Equal(t, "https://shop.test/thanks", str(get(jsv.Global(), "__navigated")))
				assert.Equal(t, "n2", th.b.Engine().Nonce(), "D15")
			}
			// No js.Func leaks per attempt (the observer's and fetch's callbacks are released).
			require.Eventually(t, func() bool { return LiveFuncs() == funcsBefore }, 2*time.Second, 5*time.Millisecond,
				"live funcs %d, before %d", LiveFuncs(), funcsBefore)
		})
	}
}

func TestTraceFromJS(t *testing.T) {
	restore := stubFetch(t, "function(){ return Promise.reject(new TypeError('Failed to fetch')); }")
	defer restore()
	th := newTestHost(t, `{cart: {needsPayment: false}}`)
	_, err := th.call("on", "onCheckoutValidation", jsFunc(t, "", "return true;"), 5, jsEval(t, "({label: 'terms'})"))
	require.NoError(t, err)
	p, _ := th.call("submit")
	_, err = th.wait(p)
	require.NoError(t, err)
	tr, err := th.call("getTrace")
	require.NoError(t, err)
	n, _ := tr.Length()
	require.Positive(t, n)
	found := false
	for i := 0; i < n; i++ {
		r, _ := tr.Index(i)
		for _, k := range []string{"time", "attemptId", "kind", "event", "label", "priority", "durationMs", "result", "status", "paymentStatus"} {
			has, _ := jsFunc(t, "o,k", "return k in o;").Invoke(r, k)
			ok, _ := has.Bool()
			assert.True(t, ok, "D24 field %s", k)
		}
		if str(get(r, "label")) == "terms" {
			found = true
			assert.Equal(t, "observer", str(get(r, "kind")))
			assert.Equal(t, "checkout_validation", str(get(r, "event")))
			assert.Equal(t, "none", str(get(r, "result")))
		}
	}
	assert.True(t, found)
	_, err = th.call("clearTrace")
	require.NoError(t, err)
	tr, _ = th.call("getTrace")
	n, _ = tr.Length()
	assert.Zero(t, n)
}

func TestDeprecatedAliasRegistersIntoTheSameListD11(t *testing.T) {
	th := newTestHost(t, "")
	before := th.b.Engine().Registry().Len("payment_setup")
	id, err := th.call("on", "onPaymentProcessing", jsFunc(t, "", "return true;"))
	require.NoError(t, err)
	assert.Equal(t, before+1, th.b.Engine().Registry().Len("payment_setup"), "D11: the alias registers into onPaymentSetup's list")
	_, err = th.call("off", id)
	require.NoError(t, err)
	_, err = th.call("off", id) // idempotent
	require.NoError(t, err)
	assert.Equal(t, before, th.b.Engine().Registry().Len("payment_setup"))
	th.mu.Lock()
	defer th.mu.Unlock()
	assert.Empty(t, th.warnings, "checkout.js warns once per alias (it also sees calls made before ready); Go must not warn again")
	_, err = th.call("on", "onNoSuchEvent", jsFunc(t, "", "return true;"))
	assert.Equal(t, "TypeError", errName(t, err))
}

func TestDeregisterExport(t *testing.T) {
	t.Run("payment-methods.md deregister: deregisterPaymentMethod(name, false) drops the active method; the next one is chosen", func(t *testing.T) {
		th := newTestHost(t, "")
		registerBacs(t, th)
		_, err := th.call("registerPaymentMethod", jsEval(t, "({name: 'cod', canMakePayment: function(){ return true; }})"))
		require.NoError(t, err)
		require.Eventually(t, func() bool {
			return get(get(th.snapshot("wc/store/payment"), "getAvailablePaymentMethods"), "cod").Type() == jsv.TypeObject
		}, 3*time.Second, 5*time.Millisecond)
		_, err = th.call("deregisterPaymentMethod", "bacs", false)
		require.NoError(t, err)
		require.Eventually(t, func() bool {
			return str(get(th.snapshot("wc/store/payment"), "getActivePaymentMethod")) == "cod"
		}, 3*time.Second, 5*time.Millisecond)
		require.Eventually(t, func() bool {
			return get(get(th.snapshot("wc/store/payment"), "getAvailablePaymentMethods"), "bacs").IsUndefined()
		}, 3*time.Second, 5*time.Millisecond)
		_, err = th.call("deregisterPaymentMethod", "never-registered", true)
		require.NoError(t, err, "an unknown name does nothing")
		_, err = th.call("recheckAvailability")
		require.NoError(t, err)
	})
}

func TestPublishOneStringWithRefs(t *testing.T) {
	th := newTestHost(t, "")
	var wire [][]jsv.Value
	th.fn("publish", func(args []jsv.Value) { wire = append(wire, args) }) // the raw host.publish arguments
	data := jsEval(t, "({token: function token() {}, n: NaN, u: undefined, '\\u0000k': 1})")
	require.NoError(t, th.dispatch("wc/store/payment", "__internalSetPaymentMethodData", data))
	require.Len(t, wire, 1, "one host.publish per change")
	require.Len(t, wire[0], 2)
	json, err := wire[0][0].String()
	require.NoError(t, err)
	assert.Contains(t, json, `"wc/store/payment":`)
	assert.NotContains(t, json, `"wc/store/checkout"`, "only the stores that changed")
	assert.Contains(t, json, `"getPaymentMethodData":{"token":{"\u0000":0},"n":{"\u0000":-2},"u":{"\u0000":-1},"\u0000\u0000k":1}`)
	refs := wire[0][1]
	n, _ := refs.Length()
	require.Equal(t, 2, n, "the function travels as a ref (getPaymentMethodData and getState.paymentMethodData)")
	for i := 0; i < n; i++ {
		r, _ := refs.Index(i)
		assert.True(t, r.Equal(get(data, "token")), "the same JS function, not a copy")
	}
}

func TestBeforeEmitFlushRender(t *testing.T) {
	t.Run("D43: before each attempt event the bridge awaits host.flushRender; an observer registered while it waits runs", func(t *testing.T) {
		restore := stubFetch(t, `function(){ return Promise.resolve(new Response(JSON.stringify({order_id: 7, payment_result: {payment_status: 'success', payment_details: [], redirect_url: 'https://shop.test/thanks'}}), {status: 200})); }`)
		defer restore()
		th := newTestHost(t, `{nonce: 'n1', cart: {needsPayment: true}, navigate: function(u){ globalThis.__d43navigated = u; }}`)
		registerBacs(t, th)
		log := jsEval(t, "[]")
		require.NoError(t, jsv.Global().Set("__d43log", log))
		// The "re-rendered component" registers its payment setup observer
		// while the page flushes (registered from Go here; web/browser/run.mjs
		// covers the JS side with React components in a real page). The
		// navigate option keeps the Chromium runner's page where it is.
		th.fn("registerFresh", func([]jsv.Value) {
			th.b.eng.Registry().Add(observer.PaymentSetup, func(context.Context, any) (any, error) {
				_, _ = log.Call("push", "fresh observer")
				return value.NewObject("type", "success"), nil
			}, 10, observer.Options{Label: "fresh"})
		})
		require.NoError(t, jsv.Global().Set("__d43host", th.host))
		require.NoError(t, th.host.Set("flushRender", jsEval(t, `(function(ev){
			__d43log.push('flush ' + ev);
			return new Promise(function(resolve){ setTimeout(function(){
				if (__d43log.indexOf('registered') < 0) {
					__d43log.push('registered');
					__d43host.registerFresh();
				}
				__d43log.push('flushed');
				resolve();
			}, 5); });
		})`)))
		p, err := th.call("submit")
		require.NoError(t, err)
		out, err := th.wait(p)
		require.NoError(t, err)
		assert.Equal(t, "complete", str(get(out, "outcome")))
		got, _ := global("JSON").Call("stringify", log)
		var entries []string
		n, _ := log.Length()
		for i := 0; i < n; i++ {
			v, _ := log.Index(i)
			entries = append(entries, str(v))
		}
		var flushes []string
		at := map[string]int{}
		for i, e := range entries {
			if len(e) > 6 && e[:6] == "flush " {
				flushes = append(flushes, e[6:])
			}
			if _, seen := at[e]; !seen {
				at[e] = i
			}
		}
		assert.Equal(t, []string{"checkout_validation", "payment_setup", "checkout_success"}, flushes, "one flush before each attempt event, in order: %s", str(got))
		assert.Less(t, at["registered"], at["flush payment_setup"], "registered during the validation flush: %s", str(got))
		assert.Less(t, at["flush payment_setup"], at["fresh observer"], "the payment setup observers are taken after its flush: %s", str(got))
	})
}

func TestRequestBodyIsOneGoStringUnlessJSMustStringify(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"plain payment data: written by snapjson in Go", "{ref: 'abc', n: 1.5}", `"payment_data":[{"key":"ref","value":"abc"},{"key":"n","value":1.5}`},
		{"a Date (opaque to core): JSON.stringify runs its toJSON", "{when: new Date(0)}", `1970-01-01T00:00:00.000Z`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			restore := stubFetch(t, `function(url, init){ globalThis.__lastBody = init.body; return Promise.resolve(new Response(JSON.stringify({order_id: 7, payment_result: {payment_status: 'success', payment_details: [], redirect_url: 'https://shop.test/thanks'}}), {status: 200})); }`)
			defer restore()
			th := newTestHost(t, `{nonce: 'n1', cart: {needsPayment: true}, navigate: function(){}}`)
			registerBacs(t, th)
			_, err := th.call("on", "onPaymentSetup", jsFunc(t, "", "return {type: 'success', meta: {paymentMethodData: "+tc.data+"}};"), 10)
			require.NoError(t, err)
			p, err := th.call("submit")
			require.NoError(t, err)
			_, err = th.wait(p)
			require.NoError(t, err)
			body := get(jsv.Global(), "__lastBody")
			require.Equal(t, jsv.TypeString, body.Type(), "fetch gets a string body")
			assert.Contains(t, str(body), tc.want)
		})
	}
}
