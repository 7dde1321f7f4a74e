//go:build js && wasm

package bridge

import (
	"bytes"
	"errors"
	"sync/atomic"
	"unsafe"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"
	"github.com/wcblocks/checkoutwasm/bridge/snapjson"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuetext"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
	"github.com/wcblocks/checkoutwasm/internal/workers"
)

// Text calls (docs/contracts.md "Text calls"): the hot JS → Go calls
// (dispatch, submit, an observer's answer) reach Go as WebAssembly exports
// with number arguments, their data as text checkout.js writes into Go's
// memory (package valuetext), instead of through a js.FuncOf (which costs
// the event object, `this`, the arguments array, one reference with a Go
// finalizer per argument, and a Promise made from Go). Results go back
// through host functions called with numbers (an id, and the address and
// length of text in Go's memory).
//
// Scheduling: an export never waits for JS. It reads its text at once,
// starts the work in a goroutine (an immediate dispatch from the page does
// the work itself, see wcwDispatch) and returns; checkout.js then calls the
// Go instance's _resume (unless it is itself inside a call from Go, whose
// return runs the goroutine) so the work runs to its end or to its first
// wait for a Promise, exactly as after a js.FuncOf call. Blocking inside
// an export would hand control back to JS in the middle of it.
//
// checkout.js uses these only for values made of primitives, plain
// objects and arrays within the conversion budgets; anything else (a
// function, a class instance, a cycle, a Proxy that throws) goes the
// syscall/js way (exports.go, convert.go), which gives the same result or
// the same error. A host without the members (the bridge tests' stand-in)
// never calls the exports.

// Result codes of the exports.
const (
	textStarted  = 0 // the work runs; host.done(id, ...) reports its end
	textThrown   = 1 // host.throwNext(error) was called: throw it at the call
	textNoBridge = 2 // no started module (or it was closed): use the api
	textDone     = 3 // the work ran inside the call; host.done(id, ...) was called
	textQuiet    = 4 // wcw_settle: taken, and nothing waits for Go's scheduler
	textDoneNone = 5 // the work ran inside the call and succeeded with undefined: no host.done
)

// textBridge is the started bridge the exports serve (the last Start).
var textBridge atomic.Pointer[Bridge]

// inbox is where checkout.js writes a call's text (wcw_buffer).
var inbox []byte

// maxInbox bounds one call's text (16 MiB: the 4 MiB string budget with
// JSON escapes, and the rest); checkout.js sends a longer one through the api.
const maxInbox = 16 << 20

// textHost holds the host functions the text calls report through.
type textHost struct {
	done, throwNext jsv.Value
}

func newTextHost(host jsv.Value) *textHost {
	t := &textHost{done: get(host, "done"), throwNext: get(host, "throwNext")}
	if !isFunction(t.done) || !isFunction(t.throwNext) {
		return nil
	}
	return t
}

// wcwBuffer makes the inbox hold at least n bytes and returns its address
// (0 when n is over maxInbox: checkout.js then uses the api).
//
//go:wasmexport wcw_buffer
func wcwBuffer(n uint32) uint32 {
	if n == 0 || n > maxInbox {
		return 0
	}
	if uint32(cap(inbox)) < n {
		inbox = make([]byte, n+n/4)
	}
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(inbox[:cap(inbox)]))))
}

// text is the first n bytes of the inbox, or nil when n is out of range.
func text(n uint32) []byte {
	if uint64(n) > uint64(cap(inbox)) {
		return nil
	}
	return inbox[:n]
}

// wcwDispatch runs dispatch(key)[action](...args) for the inbox text
// "key\x00action\x00args" (args: valuetext of the argument array). Bad
// arguments or an unknown action are thrown at the call (D34: a
// TypeError); otherwise host.done(id, failed, error) reports the action's
// end. With inline = 1 (checkout.js: no Go code is running, the call
// comes straight from the page) an immediate action
// (engine.PrepareImmediate: a plain setter, which never waits) runs inside
// the call and textDoneNone is returned (textDone with host.done when it
// failed), saving the goroutine and the scheduler turn on the caller's path (checkout.js resumes Go soon after,
// for what the change readied or armed); any other action runs in a
// goroutine (textStarted).
// Inside a call from Go (inline = 0) an action always goes to a goroutine:
// running it there would publish in the middle of another publication.
//
//go:wasmexport wcw_dispatch
func wcwDispatch(id, n, inline uint32) uint32 {
	return textCall("dispatch", func(b *Bridge) uint32 { return b.textDispatch(id, text(n), inline == 1) })
}

// textCall runs an export's body for the started bridge: no bridge is
// textNoBridge; a panic is thrown at the call as an Error naming the export.
func textCall(name string, body func(b *Bridge) uint32) (code uint32) {
	b := textBridge.Load()
	if b == nil || b.text == nil {
		return textNoBridge
	}
	defer func() {
		if r := recover(); r != nil {
			code = b.throwText(errors.New("checkout: " + name + " failed: " + observer.Recovered("", r).Error()))
		}
	}()
	b.calls.Add(1)
	return body(b)
}

// textDispatch is wcw_dispatch's body for msg, the call's text.
func (b *Bridge) textDispatch(id uint32, msg []byte, inline bool) uint32 {
	key, rest, ok1 := bytes.Cut(msg, []byte{0})
	action, args, ok2 := bytes.Cut(rest, []byte{0})
	if !ok1 || !ok2 {
		return b.throwText(errors.New("checkout: dispatch: malformed call text"))
	}
	vals, err := valuetext.ParseList(args, Limits)
	if err != nil {
		return b.throwText(&convertError{Who: "dispatch('" + string(key) + "')." + string(action) + " arguments", Err: err})
	}
	run, immediate, err := b.eng.PrepareImmediate(string(key), string(action), vals)
	if err != nil {
		return b.throwText(err)
	}
	if inline && immediate {
		// Goroutines the change readied (an attempt waiting for the totals,
		// D13) and timers it armed (the D40 re-check) wait for Go's next
		// scheduler turn: checkout.js resumes Go soon after (never inside
		// this call: Go's WebAssembly port cannot switch goroutines inside an
		// export that JS may re-enter).
		// A success answers undefined by the return code alone, without
		// host.done (issue 10: one Go → JS call less per dispatch).
		if err := runRecovered(run); err != nil {
			b.finish(id, func() (any, error) { return nil, err })
			return textDone
		}
		return textDoneNone
	}
	textWorkers.Run(func() { b.finish(id, func() (any, error) { return nil, run(context.Background()) }) })
	return textStarted
}

// wcwSubmit starts or joins (D12) an attempt; host.done(id, false,
// undefined, address, length) reports its outcome as snapjson text (D19).
//
//go:wasmexport wcw_submit
func wcwSubmit(id uint32) uint32 {
	return textCall("submit", func(b *Bridge) uint32 {
		a := b.eng.Submit()
		textWorkers.Run(func() { b.finish(id, func() (any, error) { return a.Outcome().Object(), nil }) })
		return textStarted
	})
}

// wcwSettle delivers, as inbox text, what a thenable Go waits for
// settled with (call id of host.observe, host.await or host.respond): an
// observer's or callback's plain fulfilment value (kind 0, within
// Limits), or a fetch response read by host.respond (kind 1: {status,
// headers, text} or {status, headers, bodyError}, whose text may use the
// whole inbox; kind 2: {status, headers}, a NUL byte, then the body's text
// as it came, read as the text member — no JSON string of it to scan and
// unescape first; the body is parsed later with Limits). An id nobody waits
// for any more (the budget ran out) is dropped. An observer's answer
// carries its emission on right here, up to the next observer that
// answers later (hostCalls.observeStart): it returns textQuiet when that
// readied nothing for Go's scheduler (checkout.js then skips the resume),
// else textStarted. A panic is logged and reported as textStarted.
//
//go:wasmexport wcw_settle
func wcwSettle(id, n, kind uint32) (code uint32) {
	b := textBridge.Load()
	if b == nil || b.hcalls == nil {
		return textNoBridge
	}
	defer func() {
		if r := recover(); r != nil {
			b.logError("checkout: wcw_settle failed", observer.Recovered("export wcw_settle", r))
			code = textStarted
		}
	}()
	v, err := parseSettled(text(n), kind)
	if b.hcalls.deliver(int(id), settledValue{ok: err == nil, parsed: true, val: v, perr: err}) {
		return textQuiet
	}
	return textStarted
}

// parseSettled reads a wcw_settle text of kind 0, 1 or 2 (see wcwSettle);
// an error is a *convertError. The value never points into in (the inbox
// is reused by the next call).
func parseSettled(in []byte, kind uint32) (any, error) {
	lim := Limits
	if kind == 1 {
		lim.MaxStringBytes = maxInbox
	}
	var body []byte
	if kind == 2 {
		i := bytes.IndexByte(in, 0)
		if i < 0 {
			i = len(in) // no body: refused below
		} else {
			body = in[i+1:]
		}
		in = in[:i]
	}
	v, err := valuetext.Parse(in, lim)
	if err == nil && kind == 2 {
		if o := value.AsObject(v); o != nil && body != nil {
			v = o.With("text", string(body)) // string() copies
		} else {
			err = errors.New("a response head without its body")
		}
	}
	if err != nil {
		return nil, &convertError{Who: "a settled value", Err: err}
	}
	return v, nil
}

// textWorkers runs the text calls' work on kept goroutines (package
// workers: a new goroutine per call grew its stack by copying every time).
var textWorkers = workers.New()

// throwText asks checkout.js to throw err's JS Error at the export's call.
func (b *Bridge) throwText(err error) uint32 {
	_, _ = b.text.throwNext.Invoke(errorValue(err))
	return textThrown
}

// finish runs work (in its own goroutine, or inside wcw_dispatch for an
// immediate action) and reports through host.done(id, failed, error,
// address, length): on
// success a non-nil result travels as snapjson text at address/length in
// Go's memory; on failure error is the JS Error (errorValue). A panic in
// work is reported as an Error.
func (b *Bridge) finish(id uint32, work func() (any, error)) {
	var v any
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = observer.Recovered("", r)
			}
		}()
		v, err = work()
	}()
	if err != nil {
		_, _ = b.text.done.Invoke(float64(id), true, errorValue(err), 0, 0)
		return
	}
	if v == nil {
		_, _ = b.text.done.Invoke(float64(id), false, jsv.Undefined(), 0, 0)
		return
	}
	var e snapjson.Encoder
	e.Value(v)
	out := e.Bytes()
	_, _ = b.text.done.Invoke(float64(id), false, jsv.Undefined(), addr(out), len(out))
}

// runRecovered runs an immediate action; a panic is its error.
func runRecovered(run func(context.Context) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = observer.Recovered("", r)
		}
	}()
	return run(context.Background())
}

// addr is the address of p's first byte in linear memory (0 when empty).
func addr(p []byte) float64 {
	if len(p) == 0 {
		return 0
	}
	return float64(uintptr(unsafe.Pointer(unsafe.SliceData(p))))
}
