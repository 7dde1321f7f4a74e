package engine

import (
	"sync"
	"sync/atomic"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/trace"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
	"github.com/wcblocks/checkoutwasm/internal/lite/time"
	"github.com/wcblocks/checkoutwasm/internal/workers"
)

// Settled outcomes (D19, D23).
const (
	OutcomeComplete = "complete"
	OutcomeFailed   = "failed"
	OutcomeError    = "error"
	OutcomeTimeout  = "timeout"
	OutcomeReset    = "reset"
)

// Outcome is the settled result of one attempt (D19), also the resolution
// of the JS submit Promise.
type Outcome struct {
	AttemptID   string
	Outcome     string // complete | failed | error | timeout | reset
	Status      string // checkout status when settled
	HasError    bool
	RedirectURL string
	OrderID     int
}

// Object is the outcome as the JS object of js-api.md.
func (o Outcome) Object() *value.Object {
	return value.NewObject(
		"attemptId", o.AttemptID,
		"outcome", o.Outcome,
		"status", o.Status,
		"hasError", o.HasError,
		"redirectUrl", o.RedirectURL,
		"orderId", float64(o.OrderID),
	)
}

// Attempt is one run of the checkout flow. Its context (observers see it,
// D18) is cancelled when the attempt settles or is reset.
type Attempt struct {
	ID     string
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}

	mu      sync.Mutex
	outcome Outcome
	path    []string // states visited, for tests and the trace

	reset   atomic.Bool // Reset ended it: whatever the runner was doing, it settles as reset
	settled atomic.Bool // settle ran (D19: exactly once, even if a panic follows)
}

// Done is closed when the attempt has settled.
func (a *Attempt) Done() <-chan struct{} { return a.done }

// Outcome returns the settled outcome; it blocks until the attempt settled.
func (a *Attempt) Outcome() Outcome {
	<-a.done
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.outcome
}

// Path is the list of attempt states visited so far (the names of machine's states, then the terminal "settled:<outcome>").
func (a *Attempt) Path() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.path...)
}

// Submit starts an attempt (ref §7 R1) and returns it. While an attempt is
// under way it starts nothing and returns that attempt (D12), so at most one
// request is ever in flight. The attempt runs in its own goroutine; wait on
// Done or call Outcome.
func (e *Engine) Submit() *Attempt {
	e.mu.Lock()
	if a := e.attempt; a != nil {
		e.mu.Unlock()
		return a
	}
	e.attempts++
	id := e.cfg.NewAttemptID()
	base, cancel := context.WithCancel(observer.WithAttempt(context.Background(), id))
	ctx := context.WithValue(base, attemptCtxKey{}, base)
	a := &Attempt{ID: id, ctx: ctx, cancel: cancel, done: make(chan struct{})}
	e.attempt = a
	e.mu.Unlock()
	e.debug("checkout: attempt " + id + " submitted")
	runners.Run(func() { e.run(a) })
	return a
}

// runners runs attempts and their onAttemptSettled emissions on kept
// goroutines (package workers: an attempt's deep call chain grew a new
// goroutine's stack by copying on every attempt).
var runners = workers.New()

type attemptCtxKey struct{}

// AttemptDone returns a channel closed when the attempt that ctx belongs to
// has ended (settled or reset), or nil when ctx belongs to no attempt (for
// example a shipping event). Observer contexts are derived from the attempt
// context but also end on their own time budget; the bridge aborts an
// observer's AbortSignal on either (D18), not when the call merely returned.
func AttemptDone(ctx context.Context) <-chan struct{} {
	if base := AttemptContext(ctx); base != nil {
		return base.Done()
	}
	return nil
}

// AttemptContext returns the context of the attempt that ctx belongs to —
// done when the attempt has ended (settled or reset), never because an
// observer's time budget ran out — or nil when ctx belongs to no attempt.
// With context.AfterFunc it lets a caller act on the attempt's end without
// a goroutine parked for the whole attempt.
func AttemptContext(ctx context.Context) context.Context {
	if base, ok := ctx.Value(attemptCtxKey{}).(context.Context); ok {
		return base
	}
	return nil
}

// Current returns the attempt under way, or nil.
func (e *Engine) Current() *Attempt {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.attempt
}

// Reset ends the attempt under way with the outcome "reset": its context is
// cancelled at once (observers' signals abort, an in-flight request is
// abandoned), the checkout goes to idle now, and no later step of that
// attempt changes any state. With no attempt under way it sets the status
// to idle unless it is pristine (D33). It never blocks on observers.
func (e *Engine) Reset() {
	e.mu.Lock()
	a := e.attempt
	e.attempt = nil // from here on no step of that attempt changes state
	e.mu.Unlock()
	id := ""
	if a != nil {
		id = a.ID
	}
	e.update(id, nil, func(s *store.Snapshot) {
		if s.Checkout.Status != store.StatusPristine {
			s.Checkout = s.Checkout.SetIdle()
		}
	})
	if a != nil {
		a.reset.Store(true) // from a listener during processing too: the outcome is reset
		// The attempt's payment work is void: back to idle for the next one.
		e.update(id, nil, func(s *store.Snapshot) {
			if s.Payment.Status == store.PaymentProcessing || s.Payment.Status == store.PaymentReady {
				s.Payment = s.Payment.SetIdle()
			}
		})
		// Cancel last, so the settled outcome reports the reset state.
		a.cancel()
	}
}

// run drives one attempt through machine until a terminal state, then
// settles it. An attempt that Reset ended settles as reset, whatever exit
// the runner took after noticing. A panic inside the engine (a bug, or a
// callback that panicked) is logged, the state is made consistent again
// (recoverState) and the attempt settles as error — or as reset when it
// had been reset.
func (e *Engine) run(a *Attempt) {
	r := &runner{e: e, a: a}
	state := stateStart
	defer func() {
		if p := recover(); p != nil {
			e.logError("checkout: attempt "+a.ID+" failed inside the engine", observer.Recovered("engine", p))
			if a.settled.Load() {
				return // the panic came after settling (a redirect): nothing to undo
			}
			if a.reset.Load() {
				r.settle(OutcomeReset)
				return
			}
			e.recoverState(a)
			r.settle(OutcomeError)
		}
	}()
	for {
		a.mu.Lock()
		a.path = append(a.path, state)
		a.mu.Unlock()
		def, ok := machine[state]
		if !ok { // terminal
			outcome := terminalOutcome[state]
			if a.reset.Load() {
				outcome = OutcomeReset
			}
			r.settle(outcome)
			return
		}
		x := def.run(r)
		next, ok := def.exits[x]
		if !ok {
			panic("engine: state " + state + " returned undeclared exit " + x.String())
		}
		state = next
	}
}

// recoverState makes the stores consistent after a panic ended attempt a
// midway, as a failed request does (D14): a checkout that is not complete
// goes to idle with hasError and the unknown_error notice (the shopper
// must try again), and a processing or ready payment status goes back to
// idle. It does nothing when the attempt is no longer current (reset).
func (e *Engine) recoverState(a *Attempt) {
	defer func() {
		if p := recover(); p != nil {
			e.logError("checkout: restoring the state after attempt "+a.ID+" failed", observer.Recovered("engine", p))
		}
	}()
	e.update(a.ID, func() bool { return e.attempt == a }, func(s *store.Snapshot) {
		if s.Checkout.Status == store.StatusComplete {
			return
		}
		createNotice(s, storeapi.UnknownErrorNotice(s.Checkout.CustomerID))
		if s.Checkout.Status != store.StatusIdle {
			s.Checkout = s.Checkout.SetIdle()
		}
		s.Checkout = s.Checkout.SetHasError(true)
		if s.Payment.Status == store.PaymentProcessing || s.Payment.Status == store.PaymentReady {
			s.Payment = s.Payment.SetIdle()
		}
	})
}

// runner carries one attempt's working data between states.
type runner struct {
	e        *Engine
	a        *Attempt
	timedOut bool // a time budget ran out and decided the end (D23)
}

func (r *runner) ctx() context.Context { return r.a.ctx }

// step applies f only while this attempt is still the current one (not
// reset). It reports false when the attempt was reset.
func (r *runner) step(f func(*store.Snapshot)) bool {
	return r.e.update(r.a.ID, func() bool { return r.e.attempt == r.a }, f)
}

func (r *runner) live() bool {
	r.e.mu.Lock()
	defer r.e.mu.Unlock()
	return r.e.attempt == r.a && r.a.ctx.Err() == nil
}

func (r *runner) snap() store.Snapshot { return r.e.Snapshot() }

// SettledObserversBudget bounds how long onAttemptSettled observers may
// run, all together, before the engine stops waiting for them.
const SettledObserversBudget = 30 * time.Second

// settle ends the attempt (once; a second call does nothing): it is no
// longer current, its context is cancelled (D18), its outcome is final, a
// complete checkout redirects (or refuses to, D16; a panicking navigate is
// logged), Done is closed, and only then do the onAttemptSettled observers run with the outcome (D19),
// in their own goroutine: an observer that is slow, never settles, throws
// or panics cannot delay the outcome or the redirect (issue 9 point 4); a
// failure is logged, and after SettledObserversBudget they are abandoned.
func (r *runner) settle(outcome string) {
	e, a := r.e, r.a
	if !a.settled.CompareAndSwap(false, true) {
		return
	}
	e.mu.Lock()
	if e.attempt == a {
		e.attempt = nil
	}
	s := e.snap
	e.mu.Unlock()
	if outcome == OutcomeComplete && (s.Checkout.Status != store.StatusComplete || s.Checkout.HasError) {
		outcome = OutcomeFailed // D23: complete only with status complete and no error
	}
	o := Outcome{AttemptID: a.ID, Outcome: outcome, Status: s.Checkout.Status, HasError: s.Checkout.HasError,
		RedirectURL: s.Checkout.RedirectURL, OrderID: s.Checkout.OrderID}
	a.cancel()
	e.traces.Add(trace.Record{Time: e.cfg.Now(), AttemptID: a.ID, Kind: trace.KindStatus, Event: string(observer.AttemptSettled),
		Result: outcome, Status: s.Checkout.Status, PaymentStatus: s.Payment.Status, Message: "attempt settled: " + outcome})
	e.debug("checkout: attempt " + a.ID + " settled: " + outcome)
	a.mu.Lock()
	a.outcome = o
	a.mu.Unlock()
	if s.Checkout.Status == store.StatusComplete {
		func() {
			defer func() {
				if p := recover(); p != nil {
					e.logError("checkout: the redirect failed", observer.Recovered("engine", p))
				}
			}()
			e.navigate(a.ID, s.Checkout.RedirectURL) // ref §7 R10 with D16
		}()
	}
	close(a.done)
	runners.Run(func() {
		defer func() {
			if p := recover(); p != nil {
				e.logError("checkout: an onAttemptSettled observer failed", observer.Recovered("engine", p))
			}
		}()
		ctx, cancel := context.WithTimeout(observer.WithAttempt(context.Background(), a.ID), SettledObserversBudget)
		defer cancel()
		e.emitter.Emit(ctx, observer.AttemptSettled, o.Object())
	})
}
