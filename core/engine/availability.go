package engine

import (
	"sync"

	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// DefaultAvailabilityDebounce is the quiet time after a cart change before
// the availability check re-runs (D40: debounced, at most 1 s).
const DefaultAvailabilityDebounce = 300 * time.Millisecond

// AvailabilityMaxWait bounds how long a stream of cart changes can delay
// the re-check (D40: at most 1 s after the first change of the stream).
const AvailabilityMaxWait = time.Second

// availabilityRecheck is the state of the D40 debounce: at most one quiet
// timer and one max-wait timer are pending at a time.
type availabilityRecheck struct {
	mu      sync.Mutex
	quiet   func() bool // stop of the pending quiet timer, nil when none
	maxWait func() bool // stop of the pending max-wait timer, nil when none
	gen     uint64      // bumped when a run is started, so a stale timer does nothing
	closed  bool        // set by Close: no timer is armed any more
}

// Close stops the engine's own timers (the D40 availability re-check) and
// keeps them from being armed again; a timer that is already firing sees
// its stream as stale and does nothing. Everything else keeps working: an
// attempt under way runs to its end, and RequestAvailabilityUpdate still
// runs when called. A page never closes its engine; the bridge calls Close
// when it is closed (tests), so that no timer calls into released JS
// functions afterwards. Close is idempotent.
func (e *Engine) Close() {
	r := &e.recheck
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	r.gen++
	for _, stop := range []func() bool{r.quiet, r.maxWait} {
		if stop != nil {
			stop()
		}
	}
	r.quiet, r.maxWait = nil, nil
}

// watchCartForAvailability subscribes the D40 re-check to the engine's
// changes: every change that touches the cart store (addresses, shipping
// rates and selection, totals, coupons, items, errors, receiveCart, ...)
// (re)starts the quiet timer; when it fires, or when AvailabilityMaxWait
// has passed since the first change of the stream, RequestAvailabilityUpdate
// runs (and coalesces with any run under way) unless no payment method is
// registered at all (ref §7 R11). It is a no-op when
// Config.AvailabilityDebounce is negative.
func (e *Engine) watchCartForAvailability() {
	if e.cfg.AvailabilityDebounce < 0 {
		return
	}
	e.Subscribe(func(c Change) {
		for _, k := range c.Stores {
			if k == store.CartKey {
				e.cartChanged()
				return
			}
		}
	})
}

func (e *Engine) afterFunc(d time.Duration, f func()) func() bool {
	if e.cfg.AfterFunc != nil {
		return e.cfg.AfterFunc(d, f)
	}
	return time.AfterFunc(d, f).Stop
}

// cartChanged (re)arms the debounce timers. It never blocks.
func (e *Engine) cartChanged() {
	d := e.cfg.AvailabilityDebounce
	if d == 0 {
		d = DefaultAvailabilityDebounce
	}
	r := &e.recheck
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	gen := r.gen
	if r.quiet != nil {
		r.quiet()
	}
	r.quiet = e.afterFunc(d, func() { e.recheckFire(gen) })
	if r.maxWait == nil {
		r.maxWait = e.afterFunc(AvailabilityMaxWait, func() { e.recheckFire(gen) })
	}
}

// recheckFire starts the availability update for the stream of changes
// numbered gen, once: the other timer of that stream is stopped, and a
// timer of an older stream that fires late does nothing.
func (e *Engine) recheckFire(gen uint64) {
	r := &e.recheck
	r.mu.Lock()
	if gen != r.gen {
		r.mu.Unlock()
		return
	}
	r.gen++
	for _, stop := range []func() bool{r.quiet, r.maxWait} {
		if stop != nil {
			stop()
		}
	}
	r.quiet, r.maxWait = nil, nil
	r.mu.Unlock()
	// ref §7 R11: nothing to check while both registries are empty.
	if len(e.methods.snapshot(false)) == 0 && len(e.methods.snapshot(true)) == 0 {
		return
	}
	e.RequestAvailabilityUpdate(nil)
}
