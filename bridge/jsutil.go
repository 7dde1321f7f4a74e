//go:build js && wasm

package bridge

import (
	"errors"
	"sync/atomic"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"
	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
)

// liveFuncs counts js.Funcs created through newFunc and not yet released.
var liveFuncs atomic.Int64

// LiveFuncs is the number of Go functions currently exposed to JS by the
// bridge. Tests use it to prove that per-call functions are released.
func LiveFuncs() int64 { return liveFuncs.Load() }

// funcHandle is a counted jsv.Func; Release is idempotent.
type funcHandle struct {
	f        jsv.Func
	released atomic.Bool
}

func newFunc(fn func(this jsv.Value, args []jsv.Value) any) (*funcHandle, error) {
	f, err := jsv.FuncOf(fn)
	if err != nil {
		return nil, err
	}
	liveFuncs.Add(1)
	return &funcHandle{f: f}, nil
}

func (h *funcHandle) Value() jsv.Value { return h.f.Value() }

func (h *funcHandle) Release() {
	if h.released.CompareAndSwap(false, true) {
		h.f.Release()
		liveFuncs.Add(-1)
	}
}

// global reads a global property; an absent one is undefined.
func global(name string) jsv.Value {
	v, err := jsv.Global().Get(name)
	if err != nil {
		return jsv.Undefined()
	}
	return v
}

func get(v jsv.Value, prop string) jsv.Value {
	if v.IsUndefined() || v.IsNull() {
		return jsv.Undefined()
	}
	r, err := v.Get(prop)
	if err != nil {
		return jsv.Undefined()
	}
	return r
}

func isFunction(v jsv.Value) bool { return v.Type() == jsv.TypeFunction }

// jsError is a JS exception or rejection reason carried as a Go error.
type jsError struct {
	msg    string
	reason jsv.Value
}

func (e *jsError) Error() string { return e.msg }

// errorFromJS describes a rejection reason or thrown value without
// trusting it (jsv.Describe: `throw null`, a revoked Proxy, a throwing
// message getter all give a text).
func errorFromJS(reason jsv.Value) error {
	return &jsError{msg: jsv.Describe(reason), reason: reason}
}

// errorFromCall turns a safejs call error (a JS exception) into a jsError.
func errorFromCall(err error) error {
	if _, ok := errors.AsType[*jsError](err); ok {
		return err
	}
	if se, ok := errors.AsType[*jsv.Error](err); ok {
		return &jsError{msg: se.Error(), reason: jsv.Safe(se.Value)}
	}
	return err
}

// isThenable reports whether v has a callable `then`.
func isThenable(v jsv.Value) bool {
	t := v.Type()
	if t != jsv.TypeObject && t != jsv.TypeFunction {
		return false
	}
	return isFunction(get(v, "then"))
}

// await waits, in the calling goroutine (never a js.FuncOf callback), for a
// thenable to settle or ctx to end. The two callbacks release themselves
// when the promise settles; a promise that never settles keeps them (two
// functions) alive, which is the price of not racing JS's event loop.
func await(ctx context.Context, p jsv.Value) (jsv.Value, error) {
	type result struct {
		v   jsv.Value
		err error
	}
	ch := make(chan result, 1)
	var ok, fail *funcHandle
	release := func() {
		ok.Release()
		fail.Release()
	}
	var err error
	ok, err = newFunc(func(_ jsv.Value, args []jsv.Value) any {
		v := jsv.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		release()
		return nil
	})
	if err != nil {
		return jsv.Undefined(), err
	}
	fail, err = newFunc(func(_ jsv.Value, args []jsv.Value) any {
		r := jsv.Undefined()
		if len(args) > 0 {
			r = args[0]
		}
		ch <- result{err: errorFromJS(r)}
		release()
		return nil
	})
	if err != nil {
		ok.Release()
		return jsv.Undefined(), err
	}
	if _, err := p.Call("then", ok.Value(), fail.Value()); err != nil {
		release()
		return jsv.Undefined(), errorFromCall(err)
	}
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		return jsv.Undefined(), ctx.Err()
	}
}

// newPromise returns a JS Promise settled by run, which executes in its own
// goroutine. A panic in run rejects the Promise with an Error carrying the
// panic message. settle converts run's result to a JS value.
func newPromise(run func() (any, error), settle func(any) jsv.Value) jsv.Value {
	var resolve, reject jsv.Value
	exec, err := newFunc(func(_ jsv.Value, args []jsv.Value) any {
		resolve, reject = args[0], args[1]
		return nil
	})
	if err != nil {
		return jsv.Undefined()
	}
	p, err := global("Promise").New(exec.Value())
	exec.Release()
	if err != nil {
		return jsv.Undefined()
	}
	go func() {
		var v any
		var rerr error
		func() {
			defer func() {
				if r := recover(); r != nil {
					rerr = observer.Recovered("", r)
				}
			}()
			v, rerr = run()
		}()
		if rerr != nil {
			_, _ = reject.Invoke(errorValue(rerr))
			return
		}
		if settle != nil {
			_, _ = resolve.Invoke(settle(v))
			return
		}
		_, _ = resolve.Invoke(jsv.Undefined())
	}()
	return p
}
