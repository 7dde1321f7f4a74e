package observer

import (
	"strconv"

	"github.com/wcblocks/checkoutwasm/core/trace"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
	"github.com/wcblocks/checkoutwasm/internal/lite/time"
	"github.com/wcblocks/checkoutwasm/internal/workers"
)

// attemptKey is the context key of the attempt id.
type attemptKey struct{}

// budgetKey marks the ctx of an observer call that has a D17 budget.
type budgetKey struct{}

// HasBudget reports whether ctx is the ctx of an observer call with a
// time budget (D17): only such a ctx can end with a TimeoutError cause
// while the attempt goes on. A bridge uses it to skip, for the other
// calls, the watch that aborts a call's signal when its budget runs out.
func HasBudget(ctx context.Context) bool {
	b, _ := ctx.Value(budgetKey{}).(bool)
	return b
}

// WithAttempt returns a copy of ctx that carries attemptID (D18, D24).
func WithAttempt(ctx context.Context, attemptID string) context.Context {
	return context.WithValue(ctx, attemptKey{}, attemptID)
}

// AttemptID returns the attempt id carried by ctx, or "" when there is none.
func AttemptID(ctx context.Context) string {
	id, _ := ctx.Value(attemptKey{}).(string)
	return id
}

// TimeoutError is the context.Cause of an observer call whose time budget
// ran out (D17). errors.Is(err, context.DeadlineExceeded) is true for it.
type TimeoutError struct {
	Event  Event
	Label  string        // the subscription's label
	Budget time.Duration // the budget that ran out
}

// Error returns the D17 message, "<label> did not respond within <n> ms".
func (e *TimeoutError) Error() string {
	ms := strconv.FormatFloat(float64(e.Budget)/float64(time.Millisecond), 'f', -1, 64)
	return e.Label + " did not respond within " + ms + " ms"
}

// Is reports whether target is context.DeadlineExceeded.
func (e *TimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// PanicError is a recovered panic as an error. It is the one conversion
// of a panic value the module uses: an observer's panic (Where "observer",
// the call is then treated as a throw), a panic inside the engine or in a
// bridge export (see Recovered).
type PanicError struct {
	Value any    // the value passed to panic
	Where string // what panicked, e.g. "observer"; may be empty
}

// Recovered returns the error for a value recovered from a panic in where
// (for example "observer", "engine", "export dispatch"); it never returns nil.
func Recovered(where string, r any) error { return &PanicError{Value: r, Where: where} }

// Error returns Where, then "panic: ", then the panic message: the error's
// message, the string, the Stringer's text, a number or bool as JS prints
// it, or "non-error panic value" for anything else.
func (e *PanicError) Error() string {
	var msg string
	switch x := e.Value.(type) {
	case error:
		msg = x.Error()
	case string:
		msg = x
	case interface{ String() string }:
		msg = x.String()
	case bool, int, int64, float64:
		msg = value.String(x)
	default:
		msg = "non-error panic value"
	}
	if e.Where == "" {
		return "panic: " + msg
	}
	return e.Where + " panic: " + msg
}

// Unwrap returns the panic value when it is an error, else nil.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Call is the outcome of one observer call. Exactly one of these holds:
// the observer returned (Value set, Err nil, both flags false); it threw
// (Err set, Value is value.Undef); its budget ran out (TimedOut, Value is
// the D17 response {type:'error', message}, Err nil: it "counts as having
// returned" that object); the attempt ended first (Cancelled, Err is
// context.Cause of the emission's ctx, Value is value.Undef).
type Call struct {
	Sub   Subscription
	Value any
	Err   error
	// TimedOut: the budget ran out before the observer settled (D17). A
	// late result is discarded.
	TimedOut bool
	// Cancelled: the emission's ctx was done before the observer settled,
	// or the observer threw after it was done (D18). Such a call is not
	// logged as a throw and adds no response.
	Cancelled bool
	// Duration is how long the emitter waited for the call, measured with
	// Emitter.Now.
	Duration time.Duration
}

// Result is the trace result of the call (D24): "cancelled" (an addition
// to D24's list, see trace.ResultCancelled), "timeout", "throw", the
// response type when Value is a plain object whose `type` is a non-empty
// string, else "none".
func (c Call) Result() string {
	switch {
	case c.Cancelled:
		return trace.ResultCancelled
	case c.TimedOut:
		return trace.ResultTimeout
	case c.Err != nil:
		return trace.ResultThrow
	}
	if t, ok := responseType(c.Value); ok && t != "" {
		return t
	}
	return trace.ResultNone
}

// Emission is what one emit did.
type Emission struct {
	// Calls lists every observer actually called, in call order.
	Calls []Call
	// Responses (EmitWithAbort only; nil for Emit, never nil for
	// EmitWithAbort) are the collected typed responses in order (ref §5.4,
	// D6): a throw adds {type:'error'}; a timeout adds {type:'error',
	// message:"<label> did not respond within <n> ms"} (D17). An
	// error/failure response, if any, is the last one.
	Responses []*value.Object
	// TimedOut: EmitWithAbort — a timeout produced the response that
	// stopped the emission; Emit — at least one call timed out.
	TimedOut bool
	// Cancelled: ctx was done (reset / attempt over) before every observer
	// had run; the call in flight, if any, is the last of Calls (marked
	// Cancelled) and no further observer was called. An emission that
	// stopped on an error/failure/throw/timeout is not Cancelled.
	Cancelled bool
}

// Emitter runs the observers of a Registry. Its fields are read, never
// written, by the emit methods; do not change them while an emission runs.
// One Emitter may run several emissions at once.
type Emitter struct {
	// Registry holds the observers; nil means no observers at all.
	Registry *Registry
	// Timeouts is the D17 page-wide default budget per event; a missing or
	// non-positive entry means no budget. A subscription's own positive
	// Timeout wins over it.
	Timeouts map[Event]time.Duration
	// Trace, when set, is called once per observer call after it ended,
	// before the next observer starts (D20, D24), with a record of kind
	// "observer": Time (when the call ended), AttemptID (from ctx), Event,
	// Label, Priority, DurationMs, Result (Call.Result), Status and
	// PaymentStatus (from StatusFunc, when set), Message (error or timeout
	// message).
	Trace func(trace.Record)
	// StatusFunc, when set, gives the checkout and payment status written
	// into trace records.
	StatusFunc func() (checkout, payment string)
	// LogError, when set, is called for each throw (error, rejection or
	// panic; ref §5.3/§5.4, D30: console.error), before Trace, with a
	// message naming the observer and the event, and the error. Timeouts
	// and cancelled calls are not logged here (they are in the trace).
	LogError func(msg string, err error)
	// Now is the clock for Duration and trace times; nil means time.Now.
	// Budgets always run on real time.
	Now func() time.Time
}

func (e *Emitter) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// Emit is the plain emit of ref §5.3. It takes a snapshot of ev's observers
// sorted by priority (ref §5.2) and calls them one at a time with data,
// each in its own goroutine, waiting for each to settle before calling the
// next. A throw (or panic) is passed to LogError and the loop continues; a
// timed-out call counts as having returned {type:'error', message} (D17)
// and the loop continues. When ctx is done, Emit stops waiting at once,
// calls no further observer and returns with Cancelled set. Emit never
// interprets values: the caller applies D7 to Calls[i].Value.
//
// Emit blocks until every observer settled, timed out, or ctx is done: an
// observer without a budget that never returns blocks Emit until ctx is done.
func (e *Emitter) Emit(ctx context.Context, ev Event, data any) Emission {
	return e.emit(ctx, ev, data, false)
}

// EmitWithAbort is the abortable emit of ref §5.4, D6 and D17. It calls the
// observers like Emit and collects Responses:
//   - a value that is not a plain object, or a plain object without a
//     `type` key, is skipped (true, false, undefined, null, numbers, {},
//     arrays, opaque values);
//   - a plain object with `type` "error" or "failure" is appended and the
//     emission stops;
//   - any other plain object with a `type` key (success, an unknown
//     string, even undefined) is appended and the emission continues;
//   - a throw, rejection or panic is passed to LogError, {type:'error'} is
//     appended and the emission stops;
//   - a budget expiry appends {type:'error', message} (D17), sets TimedOut
//     and stops.
//
// When ctx is done it returns at once with Cancelled set and no response
// for the interrupted call. Responses is never nil.
func (e *Emitter) EmitWithAbort(ctx context.Context, ev Event, data any) Emission {
	return e.emit(ctx, ev, data, true)
}

func (e *Emitter) emit(ctx context.Context, ev Event, data any, abortable bool) Emission {
	var em Emission
	if abortable {
		em.Responses = []*value.Object{}
	}
	var subs []Subscription
	if e.Registry != nil {
		subs = e.Registry.Sorted(ev)
	}
	for _, sub := range subs {
		if ctx.Err() != nil {
			em.Cancelled = true
			return em
		}
		c := e.call(ctx, ev, sub, data)
		em.Calls = append(em.Calls, c)
		switch {
		case c.Cancelled:
			em.Cancelled = true
			return em
		case c.TimedOut:
			em.TimedOut = true
			if abortable {
				em.Responses = append(em.Responses, c.Value.(*value.Object))
				return em
			}
		case c.Err != nil:
			if abortable {
				em.Responses = append(em.Responses, ErrorResponse(""))
				return em
			}
		case abortable:
			typ, ok := responseType(c.Value)
			if !ok {
				continue
			}
			em.Responses = append(em.Responses, c.Value.(*value.Object))
			if typ == TypeError || typ == TypeFail {
				return em
			}
		}
	}
	return em
}

// invokers runs observer calls on kept goroutines (package workers): a
// call goes through the bridge into JS, a deep chain that grew a new
// goroutine's stack by copying on every call.
var invokers = workers.New()

// outcome is what an observer goroutine sends back.
type outcome struct {
	v   any
	err error
}

// invoke runs fn and sends its outcome on ch, which must have room for one
// value so that a result nobody waits for any more never blocks.
func invoke(ctx context.Context, fn Func, data any, ch chan<- outcome) {
	defer func() {
		if p := recover(); p != nil {
			ch <- outcome{v: value.Undef, err: Recovered("observer", p)}
		}
	}()
	v, err := fn(ctx, data)
	ch <- outcome{v: v, err: err}
}

// invokeHere is invoke on the caller's goroutine (a Prompt subscription).
func invokeHere(ctx context.Context, fn Func, data any) (o outcome) {
	defer func() {
		if p := recover(); p != nil {
			o = outcome{v: value.Undef, err: Recovered("observer", p)}
		}
	}()
	v, err := fn(ctx, data)
	return outcome{v: v, err: err}
}

// call runs one observer with its budget and reports it.
func (e *Emitter) call(ctx context.Context, ev Event, sub Subscription, data any) Call {
	budget := sub.Timeout
	if budget <= 0 {
		budget = e.Timeouts[ev]
	}
	start := e.now() // before the budget timer starts, so Duration >= budget on expiry
	callCtx := ctx
	var timer *time.Timer
	var budgetErr *TimeoutError
	if budget > 0 {
		budgetErr = &TimeoutError{Event: ev, Label: sub.Label, Budget: budget}
		// Not context.WithTimeout: the call's ctx must stay alive after
		// the call settled until the attempt ends (D18), so only the timer
		// is stopped then. The child stays attached to ctx until ctx is done.
		c, cancel := context.WithCancelCause(ctx)
		callCtx = context.WithValue(c, budgetKey{}, true)
		timer = time.AfterFunc(budget, func() { cancel(budgetErr) })
	}

	var res outcome
	settled := false
	if sub.Prompt {
		// Fn returns once callCtx is done: call it here (Options.Prompt).
		res, settled = invokeHere(callCtx, sub.Fn, data), true
	} else {
		ch := make(chan outcome, 1)
		invokers.Run(func() { invoke(callCtx, sub.Fn, data, ch) })
		select {
		case res = <-ch:
			settled = true
		case <-callCtx.Done():
			// Prefer a result that arrived at the same moment.
			select {
			case res = <-ch:
				settled = true
			default:
			}
		}
	}
	if timer != nil {
		timer.Stop()
	}

	end := e.now()
	c := Call{Sub: sub, Value: value.Undef, Duration: end.Sub(start)}
	var msg string
	switch {
	case settled && res.err == nil:
		c.Value = res.v
	case ctx.Err() != nil:
		c.Cancelled = true
		c.Err = context.Cause(ctx)
		msg = c.Err.Error()
	case !settled || (budgetErr != nil && context.Cause(callCtx) == error(budgetErr)):
		c.TimedOut = true
		msg = budgetErr.Error()
		c.Value = ErrorResponse(msg)
	default:
		c.Err = res.err
		msg = res.err.Error()
		if e.LogError != nil {
			e.LogError(sub.Label+" ("+string(ev)+" observer) threw", res.err)
		}
	}
	e.record(ctx, ev, c, msg, end)
	return c
}

// record hands one observer record to e.Trace (D20, D24).
func (e *Emitter) record(ctx context.Context, ev Event, c Call, msg string, end time.Time) {
	if e.Trace == nil {
		return
	}
	r := trace.Record{
		Time:       end,
		AttemptID:  AttemptID(ctx),
		Kind:       trace.KindObserver,
		Event:      string(ev),
		Label:      c.Sub.Label,
		Priority:   c.Sub.Priority,
		DurationMs: float64(c.Duration) / float64(time.Millisecond),
		Result:     c.Result(),
		Message:    msg,
	}
	if e.StatusFunc != nil {
		r.Status, r.PaymentStatus = e.StatusFunc()
	}
	e.Trace(r)
}
