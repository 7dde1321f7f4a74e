//go:build (js && wasm) || lite

// Package context is the part of the standard library's context package
// the checkout uses (cancellation with a cause, timeouts, values,
// AfterFunc), built on internal/lite/time instead of the standard time
// package and without reflection (no String methods, no Deadline method).
// In builds other than js/wasm its names are aliases of the standard package
// (alias.go) unless the "lite" build tag is set.
//
// The semantics follow the standard package: a context is done when its
// parent is or when it is cancelled or times out, whichever comes first;
// Err is Canceled or DeadlineExceeded from then on; Cause is the cause
// given to a CancelCauseFunc, else Err; cancelling a child never touches its
// parent; a CancelFunc may be called any number of times, from any
// goroutine.
package context

import (
	"errors"
	"sync"

	"github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// A Context carries cancellation and values, as context.Context minus
// Deadline.
type Context interface {
	// Done is closed when the context is cancelled or times out; nil for a
	// context that can never be done (Background).
	Done() <-chan struct{}
	// Err is nil until Done is closed, then Canceled or DeadlineExceeded.
	Err() error
	// Value is the value stored for key in this context or an ancestor, or nil.
	Value(key any) any
}

// A CancelFunc cancels its context with Canceled (no-op once done).
type CancelFunc func()

// A CancelCauseFunc cancels its context with Canceled and the given cause
// (Canceled when nil); no-op once done.
type CancelCauseFunc func(cause error)

// Canceled is Err of a context cancelled by its CancelFunc.
var Canceled = errors.New("context canceled")

// DeadlineExceeded is Err of a context whose timeout ran out.
var DeadlineExceeded error = deadlineExceededError{}

type deadlineExceededError struct{}

func (deadlineExceededError) Error() string   { return "context deadline exceeded" }
func (deadlineExceededError) Timeout() bool   { return true }
func (deadlineExceededError) Temporary() bool { return true }

type backgroundCtx struct{}

func (backgroundCtx) Done() <-chan struct{} { return nil }
func (backgroundCtx) Err() error            { return nil }
func (backgroundCtx) Value(any) any         { return nil }

// Background returns a context that is never done and has no values.
func Background() Context { return backgroundCtx{} }

// cancelCtx is a context that can be cancelled; a timeout is one with a
// timer.
type cancelCtx struct {
	parent Context
	done   chan struct{}
	detach func() // removes c from its parent's onCancel list

	mu       sync.Mutex
	err      error
	cause    error
	timer    *time.Timer
	next     uint64
	onCancel map[uint64]func() // run (outside mu) when c is cancelled
}

func (c *cancelCtx) Done() <-chan struct{} { return c.done }
func (c *cancelCtx) Value(key any) any     { return c.parent.Value(key) }

func (c *cancelCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// cancel closes done and records err and cause (err when nil) unless c is
// already done; then stops the timer and runs the onCancel functions.
func (c *cancelCtx) cancel(err, cause error) {
	if cause == nil {
		cause = err
	}
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err, c.cause = err, cause
	close(c.done)
	fns, t := c.onCancel, c.timer
	c.onCancel, c.timer = nil, nil
	c.mu.Unlock()
	if t != nil {
		t.Stop()
	}
	for _, f := range fns {
		f()
	}
}

// valueCtx carries one key-value pair.
type valueCtx struct {
	parent   Context
	key, val any
}

func (c *valueCtx) Done() <-chan struct{} { return c.parent.Done() }
func (c *valueCtx) Err() error            { return c.parent.Err() }

func (c *valueCtx) Value(key any) any {
	if c.key == key {
		return c.val
	}
	return c.parent.Value(key)
}

// nodeOf is the cancelCtx that decides when c is done: c itself or its
// nearest ancestor through value contexts; nil for Background and for
// contexts implemented elsewhere.
func nodeOf(c Context) *cancelCtx {
	for {
		switch x := c.(type) {
		case *cancelCtx:
			return x
		case *valueCtx:
			c = x.parent
		default:
			return nil
		}
	}
}

// onDone arranges for f to run once parent is done: now if it already is,
// else from the goroutine that cancels it. The returned function unregisters
// f (no-op once f ran).
func onDone(parent Context, f func()) (remove func()) {
	if p := nodeOf(parent); p != nil {
		p.mu.Lock()
		if p.err != nil {
			p.mu.Unlock()
			f()
			return func() {}
		}
		if p.onCancel == nil {
			p.onCancel = map[uint64]func(){}
		}
		id := p.next
		p.next++
		p.onCancel[id] = f
		p.mu.Unlock()
		return func() {
			p.mu.Lock()
			delete(p.onCancel, id)
			p.mu.Unlock()
		}
	}
	done := parent.Done()
	if done == nil {
		return func() {}
	}
	select {
	case <-done:
		f()
		return func() {}
	default:
	}
	stop := make(chan struct{})
	var once sync.Once
	go func() {
		select {
		case <-done:
			f()
		case <-stop:
		}
	}()
	return func() { once.Do(func() { close(stop) }) }
}

func newCancelCtx(parent Context) *cancelCtx {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	c := &cancelCtx{parent: parent, done: make(chan struct{})}
	c.detach = onDone(parent, func() { c.cancel(parent.Err(), Cause(parent)) })
	return c
}

func (c *cancelCtx) cancelFunc(err, cause error) {
	c.cancel(err, cause)
	c.detach()
}

// WithCancel returns a child of parent that is also done when cancel is
// called.
func WithCancel(parent Context) (ctx Context, cancel CancelFunc) {
	c := newCancelCtx(parent)
	return c, func() { c.cancelFunc(Canceled, nil) }
}

// WithCancelCause is WithCancel whose cancel function also sets the cause
// Cause reports.
func WithCancelCause(parent Context) (ctx Context, cancel CancelCauseFunc) {
	c := newCancelCtx(parent)
	return c, func(cause error) { c.cancelFunc(Canceled, cause) }
}

// WithTimeout returns a child of parent that is also done after d (Err
// DeadlineExceeded; at once for d <= 0) or when cancel is called, which
// also stops its timer.
func WithTimeout(parent Context, d time.Duration) (Context, CancelFunc) {
	c := newCancelCtx(parent)
	if d <= 0 {
		c.cancelFunc(DeadlineExceeded, nil)
	} else {
		c.mu.Lock()
		if c.err == nil {
			c.timer = time.AfterFunc(d, func() { c.cancelFunc(DeadlineExceeded, nil) })
		}
		c.mu.Unlock()
	}
	return c, func() { c.cancelFunc(Canceled, nil) }
}

// WithValue returns a child of parent whose Value(key) is val. It panics
// on a nil key.
func WithValue(parent Context, key, val any) Context {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	if key == nil {
		panic("nil key")
	}
	return &valueCtx{parent: parent, key: key, val: val}
}

// AfterFunc arranges to call f in its own goroutine once ctx is done (at
// once if it already is). stop unregisters f: it reports true if it stopped
// f from being started, false if f was started or stop was called before.
func AfterFunc(ctx Context, f func()) (stop func() bool) {
	var mu sync.Mutex
	state := 0 // 0: waiting, 1: started, 2: stopped
	run := func() {
		mu.Lock()
		start := state == 0
		if start {
			state = 1
		}
		mu.Unlock()
		if start {
			go f()
		}
	}
	remove := onDone(ctx, run)
	return func() bool {
		mu.Lock()
		defer mu.Unlock()
		if state != 0 {
			return false
		}
		state = 2
		remove()
		return true
	}
}

// Cause returns why c is done: the cause given to the CancelCauseFunc of c
// or of the ancestor that ended it, else c.Err(); nil while c is not done.
func Cause(c Context) error {
	if n := nodeOf(c); n != nil {
		n.mu.Lock()
		defer n.mu.Unlock()
		return n.cause
	}
	return c.Err()
}
