//go:build js && wasm

package bridge

import (
	"errors"
	"sync"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"
	"github.com/wcblocks/checkoutwasm/bridge/snapjson"

	"github.com/wcblocks/checkoutwasm/core/engine"
	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
)

// apiPing is the bare JS → Go call: it returns a Promise resolved with
// undefined, through the same path as dispatch's Promise, and does nothing
// else. make bench measures it as the floor a dispatch is compared with.
func (b *Bridge) apiPing([]jsv.Value) (any, error) {
	return newPromise(func() (any, error) { return nil, nil }, nil), nil
}

// hostCalls is Go's side of checkout.js's "calls" part (docs/contracts.md
// "Calls"): page functions that may answer with a Promise are called
// through host.observe / host.await, and every thenable reports back
// through ONE persistent Go function, settled(id, ok, value), instead of
// two js.Funcs made and released per Promise. A nil *hostCalls (a host
// without these members, e.g. the bridge tests' stand-in) falls back to
// the per-Promise functions of jsutil.go.
type hostCalls struct {
	host    jsv.Value
	pending jsv.Value // host.PENDING: what observe returns for a thenable
	settled *funcHandle

	mu       sync.Mutex
	next     int
	waiting  map[int]chan settledValue
	attempts map[string]bool // attempts whose end aborts their signals
}

type settledValue struct {
	v  jsv.Value
	ok bool
}

// newHostCalls connects to host's calls part, or returns nil when host
// lacks it (or connecting fails).
func newHostCalls(host jsv.Value) *hostCalls {
	for _, m := range []string{"connect", "await", "observe", "abort"} {
		if !isFunction(get(host, m)) {
			return nil
		}
	}
	c := &hostCalls{host: host, pending: get(host, "PENDING"), waiting: map[int]chan settledValue{}, attempts: map[string]bool{}}
	f, err := newFunc(func(_ jsv.Value, args []jsv.Value) any {
		idf, _ := arg(args, 0).Float()
		ok, _ := arg(args, 1).Truthy()
		c.mu.Lock()
		ch := c.waiting[int(idf)]
		delete(c.waiting, int(idf))
		c.mu.Unlock()
		if ch != nil {
			ch <- settledValue{v: arg(args, 2), ok: ok} // room for one: never blocks
		}
		return nil
	})
	if err != nil {
		return nil
	}
	if _, err := host.Call("connect", f.Value()); err != nil {
		f.Release()
		return nil
	}
	c.settled = f
	return c
}

// Close disconnects the persistent callback from the host (a Promise that
// settles later is then dropped by checkout.js instead of calling a
// released Go function, which would end the program) and releases it.
// Tests only: a page never closes.
func (c *hostCalls) Close() {
	if c != nil && c.settled != nil {
		_, _ = c.host.Call("connect", nil)
		c.settled.Release()
		c.settled = nil
	}
}

func (c *hostCalls) register() (int, chan settledValue) {
	ch := make(chan settledValue, 1)
	c.mu.Lock()
	c.next++
	id := c.next
	c.waiting[id] = ch
	c.mu.Unlock()
	return id, ch
}

func (c *hostCalls) forget(id int) {
	c.mu.Lock()
	delete(c.waiting, id)
	c.mu.Unlock()
}

// wait blocks (never in a js.FuncOf callback) until call id settles or ctx
// ends; a settlement after that is dropped.
func (c *hostCalls) wait(ctx context.Context, id int, ch chan settledValue) (jsv.Value, error) {
	select {
	case r := <-ch:
		if r.ok {
			return r.v, nil
		}
		return jsv.Undefined(), errorFromJS(r.v)
	case <-ctx.Done():
		c.forget(id)
		return jsv.Undefined(), ctx.Err()
	}
}

// await is jsutil.go's await through host.await: it waits for thenable p
// to settle or ctx to end. A throwing p.then is returned as the error.
func (c *hostCalls) await(ctx context.Context, p jsv.Value) (jsv.Value, error) {
	if c == nil {
		return await(ctx, p)
	}
	id, ch := c.register()
	if _, err := c.host.Call("await", id, p); err != nil {
		c.forget(id)
		return jsv.Undefined(), errorFromCall(err)
	}
	return c.wait(ctx, id, ch)
}

// observe calls observer cb with (data, {signal, attemptId}) (D18) in one
// Go → JS call: data travels as snapjson text that JS parses (a fresh,
// unfrozen copy per call). A thenable answer is awaited like await; a
// throw is returned as the error. The signal aborts when ctx's budget runs
// out (D17) or, for a call inside an attempt, when the attempt ends (D18).
func (c *hostCalls) observe(ctx context.Context, cb jsv.Value, data any) (jsv.Value, error) {
	var e snapjson.Encoder
	e.Value(data)
	refs := jsv.Undefined()
	if n := len(e.Refs()); n > 0 {
		list := make([]any, 0, n)
		for _, r := range e.Refs() {
			if ref, ok := r.(jsv.Value); ok {
				list = append(list, ref)
			} else {
				list = append(list, nil)
			}
		}
		refs, _ = jsv.ValueOf(list)
	}
	attempt := observer.AttemptID(ctx)
	done := engine.AttemptDone(ctx)
	if done != nil {
		c.watchAttempt(attempt, done)
	}
	id, ch := c.register()
	res, err := c.host.Call("observe", id, cb, string(e.Bytes()), refs, attempt, done != nil)
	if err != nil {
		c.forget(id)
		return jsv.Undefined(), errorFromCall(err)
	}
	context.AfterFunc(ctx, func() {
		if errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
			_, _ = c.host.Call("abort", attempt, id) // D17/D18: the time budget ran out
		}
	})
	if !res.Equal(c.pending) {
		c.forget(id)
		return res, nil
	}
	return c.wait(ctx, id, ch)
}

// watchAttempt starts, once per attempt, the goroutine that aborts every
// signal given out in it when it ends.
func (c *hostCalls) watchAttempt(attempt string, done <-chan struct{}) {
	c.mu.Lock()
	seen := c.attempts[attempt]
	c.attempts[attempt] = true
	c.mu.Unlock()
	if seen {
		return
	}
	go func() {
		<-done
		_, _ = c.host.Call("abort", attempt, -1)
		c.mu.Lock()
		delete(c.attempts, attempt)
		c.mu.Unlock()
	}()
}
