//go:build js && wasm

package bridge

import (
	"runtime"
	"unsafe"

	"errors"
	"sync"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"
	"github.com/wcblocks/checkoutwasm/bridge/snapjson"

	"github.com/wcblocks/checkoutwasm/core/engine"
	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuetext"
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
	host                                                jsv.Value
	awaitFn, observeFn, abortFn, takeFn, respondFn, con jsv.Value // the host's members, read once
	requestFn                                           jsv.Value // host.request, or undefined (an older checkout.js)
	readTextFn                                          jsv.Value // host.readText, or undefined (an older checkout.js)
	settled                                             *funcHandle
	enc                                                 snapjson.Encoder // observe's buffer (one call at a time: JS is single-threaded)

	mu       sync.Mutex
	next     int
	lastData *value.Object // dataText's cache: the object,
	lastBody []byte        // its text
	lastRefs jsv.Value     // and its refs
	waiting  map[int]chan settledValue
	later    map[int]func(settledValue) (quiet bool) // observeStart's calls
	attempts map[string]bool                         // attempts whose end aborts their signals
}

// settledValue is how a call settled: ok with v (or, when parsed, with
// val read from text by wcw_settle; perr when that text did not parse), or
// not ok with the rejection reason v.
type settledValue struct {
	v      jsv.Value
	ok     bool
	parsed bool
	val    any
	perr   error
}

// newHostCalls connects to host's calls part, or returns nil when host
// lacks it (or connecting fails).
func newHostCalls(host jsv.Value) *hostCalls {
	for _, m := range []string{"connect", "await", "observe", "abort", "take", "respond"} {
		if !isFunction(get(host, m)) {
			return nil
		}
	}
	c := &hostCalls{host: host, waiting: map[int]chan settledValue{}, later: map[int]func(settledValue) bool{}, attempts: map[string]bool{},
		awaitFn: get(host, "await"), observeFn: get(host, "observe"), abortFn: get(host, "abort"),
		takeFn: get(host, "take"), respondFn: get(host, "respond"), con: get(host, "connect"),
		requestFn: get(host, "request"), readTextFn: get(host, "readText")}
	f, err := newFunc(func(_ jsv.Value, args []jsv.Value) any {
		idf, _ := arg(args, 0).Float()
		ok, _ := arg(args, 1).Truthy()
		c.deliver(int(idf), settledValue{v: arg(args, 2), ok: ok})
		return nil
	})
	if err != nil {
		return nil
	}
	if _, err := c.con.Invoke(f.Value()); err != nil {
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
		_, _ = c.con.Invoke(nil)
		c.settled.Release()
		c.settled = nil
	}
}

// deliver hands call id its settlement; an id nobody waits for (any
// more) is dropped. It never blocks.
// A call of observeStart goes on at once with what follows its answer (the
// next observers of its emission, core/observer StartFunc). deliver
// reports whether that stayed quiet: nothing was readied for Go's
// scheduler to run (false when a waiting goroutine got the settlement).
func (c *hostCalls) deliver(id int, sv settledValue) (quiet bool) {
	c.mu.Lock()
	ch := c.waiting[id]
	delete(c.waiting, id)
	fn := c.later[id]
	delete(c.later, id)
	c.mu.Unlock()
	switch {
	case fn != nil:
		return fn(sv)
	case ch != nil:
		ch <- sv // room for one: never blocks
		return false
	}
	return true
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
	delete(c.later, id)
	c.mu.Unlock()
}

// wait blocks (never in a js.FuncOf callback) until call id settles or ctx
// ends; a settlement after that is dropped.
func (c *hostCalls) wait(ctx context.Context, id int, ch chan settledValue) (settledValue, error) {
	select {
	case r := <-ch:
		if r.parsed {
			return r, r.perr
		}
		if r.ok {
			return r, nil
		}
		return r, errorFromJS(r.v)
	case <-ctx.Done():
		c.forget(id)
		return settledValue{}, ctx.Err()
	}
}

// await is jsutil.go's await through host.await: it waits for thenable p
// to settle or ctx to end. A throwing p.then is returned as the error.
func (c *hostCalls) await(ctx context.Context, p jsv.Value) (jsv.Value, error) {
	if c == nil {
		return await(ctx, p)
	}
	r, err := c.call(ctx, c.awaitFn, p)
	return r.v, err // host.await without asText never answers with text
}

// call registers a call id, calls fn(id, args...) (host.await or
// host.respond) and waits (never in a js.FuncOf callback) until the id
// settles or ctx ends; a throw out of fn is returned as the error.
func (c *hostCalls) call(ctx context.Context, fn jsv.Value, args ...any) (settledValue, error) {
	id, ch := c.register()
	if _, err := fn.Invoke(append([]any{id}, args...)...); err != nil {
		c.forget(id)
		return settledValue{}, errorFromCall(err)
	}
	return c.wait(ctx, id, ch)
}

// awaitValue is await for a thenable whose plain fulfilment value checkout.js
// may send as text (host.await(id, p, true)): it returns that value, or
// convert(v) for a JS value text could not carry. Without the calls part
// it is jsutil.go's await and convert.
func (c *hostCalls) awaitValue(ctx context.Context, p jsv.Value, convert func(jsv.Value) (any, error)) (any, error) {
	if c == nil {
		v, err := await(ctx, p)
		if err != nil {
			return nil, err
		}
		return convert(v)
	}
	r, err := c.call(ctx, c.awaitFn, p, true)
	if err != nil {
		return nil, err
	}
	if r.parsed {
		return r.val, nil
	}
	return convert(r.v)
}

// respond waits for fetch's Promise p through host.respond(id, p), which
// reads the response in JS (status, headers, the body as text) and sends
// it as one text: the result is then parsed (the object of wcw_settle
// kind 1). For a response JS cannot read that way (a page's fetch that
// answers with something else than a Response) the result holds the JS
// value for the caller to read. Without the calls part it is await.
func (c *hostCalls) respond(ctx context.Context, p jsv.Value) (settledValue, error) {
	if c == nil {
		v, err := await(ctx, p)
		return settledValue{v: v, ok: err == nil}, err
	}
	return c.call(ctx, c.respondFn, p)
}

// request performs a fetch described by text in ONE Go → JS call,
// host.request(id, address, length): text is {"url", "method", "headers":
// [name, value, ...], "body"} (all strings) at address/length in Go's
// memory. checkout.js builds the init (cache 'no-store', same-origin
// credentials, an AbortSignal), calls the page's fetch and reads the
// response as respond does. It returns false, having done nothing, when the
// host lacks request (then the caller builds the request through jsv).
// When ctx ends first the fetch is aborted (host.abort("", id)) and
// ctx.Err() is returned.
func (c *hostCalls) request(ctx context.Context, text []byte) (settledValue, bool, error) {
	if c == nil || !isFunction(c.requestFn) {
		return settledValue{}, false, nil
	}
	id, ch := c.register()
	if _, err := c.requestFn.Invoke(id, addr(text), len(text)); err != nil {
		c.forget(id)
		return settledValue{}, true, errorFromCall(err)
	}
	stop := context.AfterFunc(ctx, func() { _, _ = c.abortFn.Invoke("", id) })
	defer stop()
	r, err := c.wait(ctx, id, ch)
	return r, true, err
}

// observeStart calls observer cb for the emitter's StartFunc with (data,
// {signal, attemptId}) (D18) in one Go → JS call, host.observe(id, cb,
// address, length, refs, attemptAddress, track, attemptLength): data and
// the attempt id travel as text in Go's memory, which JS parses into a
// fresh, unfrozen copy per call. It never waits. JS answers with a number:
// n >= 0 when it wrote the observer's answer as valuetext into the inbox
// (n bytes), -2 when the answer is a JS value text cannot carry (read with
// host.take() and converted by result), -1 when the answer is a thenable.
// An answer the observer gave at once (or a throw, or a value that cannot
// be converted) goes to settle before it returns; a thenable's settlement
// goes to settle from deliver, inside wcw_settle or the settled callback,
// and the emission goes on there. The signal's budget watch is as in
// observe. It returns the abandon function for a pending call (it drops a
// late settlement), else nil.
func (c *hostCalls) observeStart(ctx context.Context, cb jsv.Value, data any, result func(jsv.Value) (any, error), settle func(any, error) bool) (abandon func()) {
	body, refs := c.dataText(data)
	attempt := observer.AttemptID(ctx)
	base := engine.AttemptContext(ctx)
	if base != nil {
		c.watchAttempt(attempt, base)
	}
	// Registered before the call: a thenable may settle while it is being
	// returned (a then that calls back at once), through wcw_settle.
	var stop func() bool
	c.mu.Lock()
	c.next++
	id := c.next
	c.later[id] = func(r settledValue) bool {
		if stop != nil {
			stop()
		}
		switch {
		case r.parsed && r.perr != nil:
			return settle(nil, r.perr)
		case r.parsed:
			return settle(r.val, nil)
		case !r.ok:
			return settle(nil, errorFromJS(r.v))
		}
		return settle(result(r.v))
	}
	c.mu.Unlock()
	// The attempt id as text in Go's memory (attempt stays alive below):
	// a JS string made from Go costs a reference with a finalizer, ~10 µs
	// on the first observer of every attempt (issue 10).
	res, err := c.observeFn.Invoke(id, cb, addr(body), len(body), refs, stringAddr(attempt), base != nil, len(attempt))
	runtime.KeepAlive(attempt)
	if err != nil {
		c.forget(id)
		settle(nil, errorFromCall(err))
		return nil
	}
	code, _ := res.Float()
	switch {
	case code >= 0:
		c.forget(id)
		v, err := valuetext.Parse(text(uint32(code)), Limits)
		if err != nil {
			settle(nil, &convertError{Who: "an observer's answer", Err: err})
			return nil
		}
		settle(v, nil)
		return nil
	case code == -2:
		c.forget(id)
		raw, err := c.takeFn.Invoke()
		if err != nil {
			settle(nil, errorFromCall(err))
			return nil
		}
		settle(result(raw))
		return nil
	}
	c.mu.Lock()
	_, pending := c.later[id]
	c.mu.Unlock()
	if !pending {
		return nil // it settled during the call
	}
	if ctx.Done() != nil && (base == nil || observer.HasBudget(ctx)) {
		stop = context.AfterFunc(ctx, func() {
			if errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
				_, _ = c.abortFn.Invoke(attempt, id) // D17/D18: the time budget ran out
			}
		})
	}
	return func() {
		c.forget(id)
		if stop != nil {
			stop()
		}
	}
}

// dataText is data as snapjson text and the JS array of the values its
// escapes point to (undefined when none). The observers of one emission
// get the same data object: its text is written once and kept for the
// next call while the object is the same (values do not change once
// built). Only the latest object is kept.
func (c *hostCalls) dataText(data any) ([]byte, jsv.Value) {
	obj, ok := data.(*value.Object)
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok && obj != nil && obj == c.lastData {
		return c.lastBody, c.lastRefs
	}
	e := &c.enc
	e.Reset()
	e.Value(data)
	refs := refsArray(e.Refs())
	body := append(c.lastBody[:0], e.Bytes()...)
	e.Reset() // the refs live on in refs (JS) only
	c.lastData, c.lastBody, c.lastRefs = nil, body, refs
	if ok {
		c.lastData = obj
	}
	return body, refs
}

// stringAddr is the address of s's bytes in Go's memory (0 when empty).
func stringAddr(s string) float64 {
	return addr(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// jsString is s as a JS string, read by checkout.js from Go's memory
// (host.readText: short ASCII without TextDecoder). Made through
// syscall/js, wasm_exec.js decodes every string with TextDecoder, which
// cost ~10 µs for a 32-byte attempt id in Chromium (issue 10). Without
// host.readText, or if it fails, syscall/js makes it.
func (c *hostCalls) jsString(s string) jsv.Value {
	if len(s) > 0 && c != nil && isFunction(c.readTextFn) {
		v, err := c.readTextFn.Invoke(stringAddr(s), len(s))
		runtime.KeepAlive(s)
		if err == nil && v.Type() == jsv.TypeString {
			return v
		}
	}
	v, err := jsv.ValueOf(s)
	if err != nil {
		return jsv.Undefined()
	}
	return v
}

// watchAttempt arranges, once per attempt, for every signal given out in
// it to abort when the attempt's context (base) ends (D18). It uses
// context.AfterFunc: no goroutine waits through the attempt (one parked
// per attempt cost ~15 µs on the first observer's path, issue 10); the
// abort runs on the goroutine AfterFunc starts at the end.
func (c *hostCalls) watchAttempt(attempt string, base context.Context) {
	c.mu.Lock()
	seen := c.attempts[attempt]
	c.attempts[attempt] = true
	c.mu.Unlock()
	if seen {
		return
	}
	context.AfterFunc(base, func() {
		_, _ = c.abortFn.Invoke(attempt, -1)
		c.mu.Lock()
		delete(c.attempts, attempt)
		c.mu.Unlock()
	})
}
