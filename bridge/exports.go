//go:build js && wasm

package bridge

import (
	"errors"
	"math"
	"runtime"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"

	"github.com/wcblocks/checkoutwasm/core/engine"
	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
	"github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// ThrowKey is the envelope key a synchronous export uses to ask checkout.js
// to throw the Error it carries.
const ThrowKey = "__wcThrow"

type syncExport func(args []jsv.Value) (any, error)

func arg(args []jsv.Value, i int) jsv.Value {
	if i < len(args) {
		return args[i]
	}
	return jsv.Undefined()
}

// export adds a synchronous function to api. Its result, or the envelope for
// an error or a recovered panic, is returned to JS.
func (b *Bridge) export(api jsv.Value, name string, fn syncExport) error {
	h, err := newFunc(func(_ jsv.Value, args []jsv.Value) (ret any) {
		b.calls.Add(1)
		defer func() {
			if r := recover(); r != nil {
				ret = b.envelope(errors.New("checkout: " + name + " failed: " + observer.Recovered("", r).Error()))
			}
		}()
		v, err := fn(args)
		if err != nil {
			return b.envelope(err)
		}
		return v // jsv.FuncOf converts (a jsv.Value is handed back as is)
	})
	if err != nil {
		return err
	}
	b.exports = append(b.exports, h)
	return api.Set(name, h.Value())
}

func (b *Bridge) envelope(err error) any {
	env, _ := b.conv.object.New()
	_ = env.Set(ThrowKey, errorValue(err))
	return env
}

// errorValue makes the JS Error for err: a TypeError for bad input (D34),
// the original reason for a JS rejection, an Error otherwise.
func errorValue(err error) jsv.Value {
	ctor := "Error"
	if isType[*engine.ArgError](err) || isType[*engine.UnknownError](err) || isType[*convertError](err) {
		ctor = "TypeError"
	}
	if je, ok := errors.AsType[*jsError](err); ok && !je.reason.IsUndefined() {
		return je.reason
	}
	v, e := global(ctor).New(err.Error())
	if e != nil {
		return jsv.Undefined()
	}
	return v
}

// isType reports whether err's chain holds an E (errors.AsType, which unlike
// errors.As needs no reflection: internal/reflectlite is not linked).
func isType[E error](err error) bool {
	_, ok := errors.AsType[E](err)
	return ok
}

func (b *Bridge) buildAPI() (jsv.Value, error) {
	api, err := b.conv.object.New()
	if err != nil {
		return api, err
	}
	_ = api.Set("version", Version)
	exports := []struct {
		name string
		fn   syncExport
	}{
		{"dispatch", b.apiDispatch},
		{"on", b.apiOn},
		{"off", b.apiOff},
		{"registerPaymentMethod", func(a []jsv.Value) (any, error) { return b.apiRegister(a, false) }},
		{"registerExpressPaymentMethod", func(a []jsv.Value) (any, error) { return b.apiRegister(a, true) }},
		{"deregisterPaymentMethod", b.apiDeregister},
		{"recheckAvailability", b.apiRecheckAvailability},
		{"submit", b.apiSubmit},
		{"reset", func([]jsv.Value) (any, error) { b.eng.Reset(); return nil, nil }},
		{"getTrace", b.apiGetTrace},
		{"clearTrace", func([]jsv.Value) (any, error) { b.eng.ClearTrace(); return nil, nil }},
		{"expressAction", b.apiExpressAction},
		{"actionNames", b.apiActionNames},
		{"stats", b.apiStats},
		{"ping", b.apiPing},
	}
	for _, e := range exports {
		if err := b.export(api, e.name, e.fn); err != nil {
			return api, err
		}
	}
	return api, nil
}

// apiDispatch prepares the action now (bad arguments throw a TypeError at
// the call, D34) and runs it in a goroutine; the Promise resolves after the
// change and its reactions.
func (b *Bridge) apiDispatch(args []jsv.Value) (any, error) {
	key, _ := arg(args, 0).String()
	action, _ := arg(args, 1).String()
	var vals []any
	if a := arg(args, 2); !a.IsUndefined() {
		conv, err := b.conv.convert(a, "dispatch('"+key+"')."+action+" arguments")
		if err != nil {
			return nil, err
		}
		vals, _ = conv.([]any)
	}
	run, err := b.eng.Prepare(key, action, vals)
	if err != nil {
		return nil, err
	}
	return newPromise(func() (any, error) {
		return nil, run(context.Background())
	}, nil), nil
}

// apiOn registers a JS observer: on(registrationName, callback, priority,
// options) -> subscription id (checkout.js makes the unsubscribe function,
// which calls off(id)).
func (b *Bridge) apiOn(args []jsv.Value) (any, error) {
	name, _ := arg(args, 0).String()
	// Deprecated aliases (D11) register into their replacement's list;
	// checkout.js warns once per alias, since it also sees calls made before ready.
	ev, _, ok := observer.Lookup(name)
	if !ok {
		return nil, &engine.UnknownError{Func: "eventRegistration", What: "event", Name: name}
	}
	cb := arg(args, 1)
	if !isFunction(cb) {
		return nil, &engine.ArgError{Func: name, Arg: "callback", Want: "a function", Got: cb.Type().String()}
	}
	prio := 10.0
	if p := arg(args, 2); !p.IsUndefined() {
		if p.Type() != jsv.TypeNumber {
			return nil, &engine.ArgError{Func: name, Arg: "priority", Want: "a finite number", Got: p.Type().String()}
		}
		prio, _ = p.Float()
		if math.IsNaN(prio) || math.IsInf(prio, 0) {
			return nil, &engine.ArgError{Func: name, Arg: "priority", Want: "a finite number", Got: "number"}
		}
	}
	opts := observer.Options{Prompt: true} // observerFunc waits for its Promise or ctx
	optv, err := b.conv.convert(arg(args, 3), name+" options")
	if err != nil {
		return nil, err
	}
	if o := value.AsObject(optv); o != nil {
		opts.Label, _ = value.Str(o.Get("label"))
		if ms, ok := value.Number(o.Get("timeoutMs")); ok && ms > 0 && !math.IsInf(ms, 0) {
			opts.Timeout = time.Duration(ms * float64(time.Millisecond))
		}
	}
	if opts.Label == "" {
		if fnName := get(cb, "name"); fnName.Type() == jsv.TypeString {
			opts.Label, _ = fnName.String()
		}
	}
	who := name + " observer"
	if opts.Label != "" {
		who += " '" + opts.Label + "'"
	}
	if b.hcalls != nil {
		// The emission goes on where the answer arrives (wcw_settle), not
		// on the emitter's goroutine woken once per observer (issue 10).
		opts.Start = func(ctx context.Context, data any, settle func(any, error) bool) func() {
			return b.hcalls.observeStart(ctx, cb, data, func(res jsv.Value) (any, error) { return b.result(res, who) }, settle)
		}
	}
	unsubscribe := b.eng.Registry().Add(ev, b.observerFunc(cb, who), prio, opts)
	b.nextSub++
	id := b.nextSub
	b.subs[id] = unsubscribe
	return float64(id), nil
}

func (b *Bridge) apiOff(args []jsv.Value) (any, error) {
	idf, _ := arg(args, 0).Float()
	id := int(idf)
	if unsub, ok := b.subs[id]; ok {
		unsub()
		delete(b.subs, id)
	}
	return nil, nil
}

// observerFunc adapts a JS callback to a core observer for a host without
// checkout.js's calls part (with it, the observer is a Start subscription:
// hostCalls.observeStart). It is called with (data, {signal, attemptId})
// (D18); a returned Promise is awaited in the emitter's goroutine; a throw
// or rejection is returned as an error, and so is a result that cannot be
// converted (a cycle, over the limits, a throwing getter or Proxy), named
// by who.
func (b *Bridge) observerFunc(cb jsv.Value, who string) observer.Func {
	return func(ctx context.Context, data any) (any, error) {
		second, _ := b.conv.object.New()
		_ = second.Set("attemptId", observer.AttemptID(ctx))
		if ac, err := global("AbortController").New(); err == nil {
			_ = second.Set("signal", get(ac, "signal"))
			abort := func() { _, _ = ac.Call("abort") }
			if base := engine.AttemptContext(ctx); base != nil {
				context.AfterFunc(base, abort)
			}
			context.AfterFunc(ctx, func() {
				if errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
					abort() // D17/D18: the time budget ran out
				}
			})
		}
		res, err := cb.Invoke(b.conv.toJS(data, false), second)
		if err != nil {
			return value.Undef, errorFromCall(err)
		}
		if isThenable(res) {
			v, err := b.hcalls.await(ctx, res)
			if err != nil {
				return value.Undef, err
			}
			return b.result(v, who)
		}
		return b.result(res, who)
	}
}

// result converts what an observer or callback returned.
func (b *Bridge) result(v jsv.Value, who string) (any, error) {
	out, err := b.conv.convert(v, who+" returned a value that cannot be used")
	if err != nil {
		return value.Undef, err
	}
	return out, nil
}

// apiRegister registers a payment method (js-api.md wc.wcBlocksRegistry)
// and schedules the availability check (ref §7 R11). checkout.js has
// already checked the config with WooCommerce's rules and messages
// (payment-methods.md; they must hold before the module is ready, so they
// live only there) and sends {name, paymentMethodId, supports:
// {features, showSavedCards, showSaveOption}, canMakePayment}. This converts
// it and nothing more: what the engine refuses (no name, no canMakePayment)
// comes back as the engine's error.
func (b *Bridge) apiRegister(args []jsv.Value, express bool) (any, error) {
	cfg := arg(args, 0)
	pm := engine.PaymentMethod{}
	pm.Name, _ = get(cfg, "name").String()
	if id := get(cfg, "paymentMethodId"); id.Type() == jsv.TypeString {
		pm.PaymentMethodID, _ = id.String()
	}
	if s := get(get(cfg, "supports"), "showSavedCards"); !s.IsUndefined() {
		pm.ShowSavedCards, _ = s.Truthy()
	}
	// D40: supports.features (its strings) against the cart's payment
	// requirements; not an array -> nil, the engine's default ['products'].
	if list, ok := b.conv.toValue(get(get(cfg, "supports"), "features")).([]any); ok {
		pm.Features = []string{}
		for _, f := range list {
			if s, ok := f.(string); ok {
				pm.Features = append(pm.Features, s)
			}
		}
	}
	cmp := get(cfg, "canMakePayment")
	switch cmp.Type() {
	case jsv.TypeBoolean:
		ok, _ := cmp.Bool()
		pm.CanMakePayment = func(context.Context, any) (any, error) { return ok, nil }
	case jsv.TypeFunction:
		pm.CanMakePayment = func(ctx context.Context, a any) (any, error) {
			res, err := cmp.Invoke(b.conv.toJS(a, false))
			if err != nil {
				return nil, errorFromCall(err)
			}
			if isThenable(res) {
				return b.hcalls.awaitValue(ctx, res, func(v jsv.Value) (any, error) { return b.conv.toValue(v), nil })
			}
			return b.conv.toValue(res), nil
		}
	}
	if err := b.eng.RegisterPaymentMethod(pm, express); err != nil {
		return nil, err
	}
	b.eng.RequestAvailabilityUpdate(nil)
	return nil, nil
}

// apiDeregister is deregisterPaymentMethod(name, express): checkout.js calls
// it from __experimentalDeRegister(Express)PaymentMethod after dropping the
// config; the engine drops the method (DeregisterPaymentMethod). An unknown
// name does nothing.
func (b *Bridge) apiDeregister(args []jsv.Value) (any, error) {
	name, _ := arg(args, 0).String()
	express, _ := arg(args, 1).Truthy()
	b.eng.DeregisterPaymentMethod(name, express)
	return nil, nil
}

// apiRecheckAvailability schedules an availability check (ref §7 R11):
// checkout.js calls it after registerPaymentMethodExtensionCallbacks, whose
// callbacks its canMakePayment functions AND in.
func (b *Bridge) apiRecheckAvailability([]jsv.Value) (any, error) {
	b.eng.RequestAvailabilityUpdate(nil)
	return nil, nil
}

// apiSubmit starts (or joins, D12) an attempt; the Promise resolves with its outcome (D19).
func (b *Bridge) apiSubmit([]jsv.Value) (any, error) {
	a := b.eng.Submit()
	return newPromise(func() (any, error) {
		return a.Outcome(), nil
	}, func(v any) jsv.Value { return b.conv.toJS(v, false) }), nil
}

func (b *Bridge) apiExpressAction(args []jsv.Value) (any, error) {
	name, _ := arg(args, 0).String()
	kind, _ := arg(args, 1).String()
	msg, err := b.conv.convert(arg(args, 2), "express payment method '"+name+"' "+kind+" message")
	if err != nil {
		return nil, err
	}
	return newPromise(func() (any, error) {
		return nil, b.eng.ExpressAction(name, kind, msg)
	}, nil), nil
}

func (b *Bridge) apiActionNames(args []jsv.Value) (any, error) {
	key, _ := arg(args, 0).String()
	names := engine.ActionNames(key)
	if names == nil {
		return nil, &engine.UnknownError{Func: "actionNames", What: "store", Name: key}
	}
	return b.conv.toJS(names, false), nil
}

// apiGetTrace returns the trace records (D20) as plain objects with the
// D24 fields: time (ms since the epoch), attemptId, kind, event, label,
// priority, durationMs, result, status, paymentStatus, plus url and message.
func (b *Bridge) apiGetTrace([]jsv.Value) (any, error) {
	recs := b.eng.Trace()
	out := make([]any, len(recs))
	for i, r := range recs {
		out[i] = value.NewObject(
			"time", float64(r.Time.UnixNano())/1e6,
			"attemptId", r.AttemptID,
			"kind", r.Kind,
			"event", r.Event,
			"label", r.Label,
			"priority", r.Priority,
			"durationMs", r.DurationMs,
			"result", r.Result,
			"status", r.Status,
			"paymentStatus", r.PaymentStatus,
			"url", r.URL,
			"message", r.Message,
		)
	}
	return b.conv.toJS(out, false), nil
}

// apiStats reports how many times JS called into Go through the api
// (including this call) and how many Go functions JS holds: tests use it to
// prove that selectors never cross into Go.
func (b *Bridge) apiStats([]jsv.Value) (any, error) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return b.conv.toJS(value.NewObject(
		"calls", float64(b.calls.Load()),
		"liveFuncs", float64(LiveFuncs()),
		"goHeapAlloc", float64(ms.HeapAlloc), // live Go heap bytes (soak diagnostics)
		"goHeapSys", float64(ms.HeapSys),
		"goSys", float64(ms.Sys),
		"goroutines", float64(runtime.NumGoroutine()),
	), false), nil
}
