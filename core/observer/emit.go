package observer

import (
	"strconv"
	"sync"

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
// each settling before the next is called: an Options.Start observer
// through its StartFunc (the next one is then called where its answer
// arrives), a Prompt one on the emitter's goroutine when it is the one
// running the loop, any other on a worker goroutine. A throw (or panic) is passed to LogError and the loop continues; a
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
	r := &emission{e: e, ctx: ctx, ev: ev, data: data, abortable: abortable, done: make(chan struct{})}
	if abortable {
		r.em.Responses = []*value.Object{}
	}
	if e.Registry != nil {
		r.subs = e.Registry.sorted(ev)
	}
	r.run(true)
	<-r.done
	r.mu.Lock()
	stop := r.stopWatch
	r.mu.Unlock()
	if stop != nil {
		stop()
	}
	return r.em
}

// interrupt ends the call in flight, if any, without its answer: ctx
// ended. Between two calls run's loop sees ctx.Err itself.
func (r *emission) interrupt() {
	r.mu.Lock()
	f := r.cur
	r.mu.Unlock()
	if f != nil {
		f.end(outcome{v: value.Undef}, false)
	}
}

// emission is one emit in progress. Its calls run one at a time, in
// order; the next one starts where the previous one ended: on the
// emitter's goroutine for an observer that answered at once, else where
// its answer arrived (a StartFunc's settle, a worker goroutine, the
// goroutine that saw the call's ctx end). done is closed when it ended;
// em is final then.
type emission struct {
	e         *Emitter
	ctx       context.Context
	ev        Event
	data      any
	abortable bool
	subs      []Subscription
	done      chan struct{}

	mu      sync.Mutex
	next    int     // the next subscription to call
	running bool    // a goroutine is in run's loop
	again   bool    // a call ended while running: the loop goes on
	over    bool    // done is closed
	cur     *flight // the call in flight
	loud    uint64  // counts what may need Go's scheduler: a goroutine, a timer, the end
	em      Emission
	// stopWatch ends the emission's one watch of ctx (interrupt), made
	// when a call is first left in flight: an emission whose observers all
	// answer at once needs none.
	stopWatch func() bool
}

// run calls the observers from r.next on, one at a time, until one of them
// answers later (its end calls complete, which calls run again) or the
// emission ends. own is true on the emitter's goroutine, which may block:
// a Prompt observer is then called right there. Only one goroutine is in
// the loop at a time; a call that ends meanwhile sets again.
func (r *emission) run(own bool) {
	r.mu.Lock()
	if r.running {
		r.again = true
		r.mu.Unlock()
		return
	}
	r.running = true
	for {
		r.again = false
		if r.over {
			break
		}
		if r.next >= len(r.subs) {
			r.end()
			break
		}
		if r.ctx.Err() != nil {
			r.em.Cancelled = true
			r.end()
			break
		}
		f := &flight{r: r, sub: r.subs[r.next], callCtx: r.ctx}
		r.next++
		r.cur = f
		r.mu.Unlock()
		f.call(own)
		r.mu.Lock()
		if !r.again {
			// The call is in flight: its end goes on (complete). When ctx
			// ends first, it ends without its answer (a call with a budget
			// watches its own ctx as well, see call). AfterFunc runs
			// interrupt on a goroutine of its own, never here.
			if r.stopWatch == nil && !r.over && r.ctx.Done() != nil {
				r.stopWatch = context.AfterFunc(r.ctx, r.interrupt)
			}
			break
		}
	}
	r.running = false
	r.mu.Unlock()
}

// end closes done; r.mu is held.
func (r *emission) end() {
	r.over = true
	r.loud++
	close(r.done)
}

// complete takes the outcome of the call in flight (exactly once per call)
// and goes on with the emission. It reports whether what it ran stayed
// quiet (see StartFunc).
func (r *emission) complete(c Call) (quiet bool) {
	r.mu.Lock()
	before := r.loud
	r.em.Calls = append(r.em.Calls, c)
	if r.stops(c) {
		r.end()
	}
	if r.running {
		// The call ended inside its own start (an answer at once): the
		// loop that started it goes on.
		r.again = true
		r.mu.Unlock()
		return true
	}
	r.mu.Unlock()
	r.run(false)
	r.mu.Lock()
	quiet = r.loud == before
	r.mu.Unlock()
	return quiet
}

// stops applies c to the emission (ref §5.3/§5.4, D6, D17) and reports
// whether no further observer is called; r.mu is held.
func (r *emission) stops(c Call) bool {
	em := &r.em
	switch {
	case c.Cancelled:
		em.Cancelled = true
		return true
	case c.TimedOut:
		em.TimedOut = true
		if r.abortable {
			em.Responses = append(em.Responses, c.Value.(*value.Object))
			return true
		}
	case c.Err != nil:
		if r.abortable {
			em.Responses = append(em.Responses, ErrorResponse(""))
			return true
		}
	case r.abortable:
		typ, ok := responseType(c.Value)
		if !ok {
			return false
		}
		em.Responses = append(em.Responses, c.Value.(*value.Object))
		if typ == TypeError || typ == TypeFail {
			return true
		}
	}
	return false
}

// noteLoud records that something may need Go's scheduler.
func (r *emission) noteLoud() {
	r.mu.Lock()
	r.loud++
	r.mu.Unlock()
}

// invokers runs observer calls on kept goroutines (package workers): a
// call goes through the bridge into JS, a deep chain that grew a new
// goroutine's stack by copying on every call.
var invokers = workers.New()

// outcome is what an observer call gave.
type outcome struct {
	v   any
	err error
}

// invokeHere calls fn on the caller's goroutine; a panic is a throw.
func invokeHere(ctx context.Context, fn Func, data any) (o outcome) {
	defer func() {
		if p := recover(); p != nil {
			o = outcome{v: value.Undef, err: Recovered("observer", p)}
		}
	}()
	v, err := fn(ctx, data)
	return outcome{v: v, err: err}
}

// flight is one observer call in progress. It ends exactly once: with the
// observer's outcome, or without one when its ctx ended first (budget,
// reset); a later outcome is dropped.
type flight struct {
	r         *emission
	sub       Subscription
	start     time.Time
	callCtx   context.Context
	timer     *time.Timer
	budgetErr *TimeoutError

	mu        sync.Mutex
	ended     bool
	stopWatch func() bool
	abandon   func()
}

// call starts the observer with its budget (D17). The call ends (end) at
// once or later; see run.
func (f *flight) call(own bool) {
	r, sub := f.r, f.sub
	e := r.e
	budget := sub.Timeout
	if budget <= 0 {
		budget = e.Timeouts[r.ev]
	}
	f.start = e.now() // before the budget timer starts, so Duration >= budget on expiry
	if budget > 0 {
		f.budgetErr = &TimeoutError{Event: r.ev, Label: sub.Label, Budget: budget}
		// Not context.WithTimeout: the call's ctx must stay alive after
		// the call settled until the attempt ends (D18), so only the timer
		// is stopped then. The child stays attached to ctx until ctx is done.
		c, cancel := context.WithCancelCause(r.ctx)
		f.callCtx = context.WithValue(c, budgetKey{}, true)
		f.timer = time.AfterFunc(budget, func() { cancel(f.budgetErr) })
		r.noteLoud()
		f.watch()
	}
	switch {
	case sub.Start != nil:
		f.launch()
	case sub.Prompt && own:
		// Fn returns once callCtx is done: call it here (Options.Prompt).
		f.end(invokeHere(f.callCtx, sub.Fn, r.data), true)
	default:
		r.noteLoud()
		invokers.Run(func() { f.end(invokeHere(f.callCtx, sub.Fn, r.data), true) })
	}
}

// watch ends the call without an outcome when its own callCtx (with a
// budget) ends first; the emission's watch (interrupt) covers the rest.
func (f *flight) watch() {
	stop := context.AfterFunc(f.callCtx, func() { f.end(outcome{v: value.Undef}, false) })
	f.mu.Lock()
	if f.ended {
		f.mu.Unlock()
		stop()
		return
	}
	f.stopWatch = stop
	f.mu.Unlock()
}

// launch calls the subscription's Start; a panic in it is a throw.
func (f *flight) launch() {
	defer func() {
		if p := recover(); p != nil {
			f.end(outcome{v: value.Undef, err: Recovered("observer", p)}, true)
		}
	}()
	abandon := f.sub.Start(f.callCtx, f.r.data, func(v any, err error) bool {
		return f.end(outcome{v: v, err: err}, true)
	})
	if abandon == nil {
		return
	}
	f.mu.Lock()
	if f.ended {
		f.mu.Unlock()
		abandon() // ended without the answer while Start ran
		return
	}
	f.abandon = abandon
	f.mu.Unlock()
}

// end ends the call (once: a second end reports quiet and does nothing)
// and goes on with the emission. settled is false when callCtx ended
// before the observer answered.
func (f *flight) end(o outcome, settled bool) (quiet bool) {
	f.mu.Lock()
	if f.ended {
		f.mu.Unlock()
		return true
	}
	f.ended = true
	stop, abandon := f.stopWatch, f.abandon
	f.mu.Unlock()
	if stop != nil {
		stop()
	}
	if f.timer != nil {
		f.timer.Stop()
	}
	if !settled && abandon != nil {
		abandon()
	}
	return f.r.complete(f.r.e.outcomeCall(f.r.ctx, f.r.ev, f.sub, f.start, f.callCtx, f.budgetErr, o, settled))
}

// outcomeCall is the Call for an observer call that ended (logged and
// traced): settled with o, or not settled because callCtx ended first.
func (e *Emitter) outcomeCall(ctx context.Context, ev Event, sub Subscription, start time.Time, callCtx context.Context, budgetErr *TimeoutError, res outcome, settled bool) Call {
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
