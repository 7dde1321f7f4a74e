package observer

import (
	"context"
	"errors"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/trace"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// emitFunc is Emit or EmitWithAbort, for tables that cover both.
type emitFunc func(e *Emitter, ctx context.Context, ev Event, data any) Emission

var emitters = []struct {
	name      string
	abortable bool
	emit      emitFunc
}{
	{"Emit", false, (*Emitter).Emit},
	{"EmitWithAbort", true, (*Emitter).EmitWithAbort},
}

// ref §5.2 + §5.3/§5.4: observers run in priority order, one at a time, each
// awaited before the next starts.
func TestEmitSequentialInPriorityOrder(t *testing.T) {
	for _, em := range emitters {
		t.Run(em.name, func(t *testing.T) {
			r := NewRegistry()
			var rec calls
			var running, overlaps atomic.Int32
			slow := func(name string, d time.Duration) Func {
				return rec.named(name, func(context.Context, any) (any, error) {
					if running.Add(1) > 1 {
						overlaps.Add(1)
					}
					time.Sleep(d)
					running.Add(-1)
					return value.Undef, nil
				})
			}
			r.Add(PaymentSetup, slow("late", 0), 20, Options{})
			r.Add(PaymentSetup, slow("first", 5*time.Millisecond), 1, Options{})
			r.Add(PaymentSetup, slow("tie-a", 3*time.Millisecond), 10, Options{})
			r.Add(PaymentSetup, slow("tie-b", 0), 10, Options{})

			out := em.emit(&Emitter{Registry: r}, context.Background(), PaymentSetup, value.NewObject())
			assert.Equal(t, []string{"first", "tie-a", "tie-b", "late"}, rec.list())
			assert.Equal(t, int32(0), overlaps.Load(), "no two observers ran at once")
			assert.Len(t, out.Calls, 4)
			assert.False(t, out.Cancelled)
		})
	}
}

// ref §5.3: every observer receives the same data.
func TestEmitPassesData(t *testing.T) {
	for _, em := range emitters {
		t.Run(em.name, func(t *testing.T) {
			r := NewRegistry()
			data := value.NewObject("orderId", 7.0)
			var mu sync.Mutex
			var got []any
			fn := func(_ context.Context, d any) (any, error) {
				mu.Lock()
				got = append(got, d)
				mu.Unlock()
				return value.Undef, nil
			}
			r.Add(CheckoutSuccess, fn, 10, Options{})
			r.Add(CheckoutSuccess, fn, 10, Options{})
			em.emit(&Emitter{Registry: r}, context.Background(), CheckoutSuccess, data)
			require.Len(t, got, 2)
			assert.Same(t, data, got[0])
			assert.Same(t, data, got[1])
		})
	}
}

func TestEmitNoObservers(t *testing.T) {
	for _, em := range emitters {
		t.Run(em.name, func(t *testing.T) {
			for _, e := range []*Emitter{{}, {Registry: NewRegistry()}} {
				out := em.emit(e, context.Background(), CheckoutValidation, value.NewObject())
				assert.Empty(t, out.Calls)
				assert.False(t, out.Cancelled)
				assert.False(t, out.TimedOut)
				if em.abortable {
					assert.NotNil(t, out.Responses, "ref §5.4: always an array")
					assert.Empty(t, out.Responses)
				} else {
					assert.Nil(t, out.Responses)
				}
			}
		})
	}
}

// ref §5.3: the plain emit calls every observer and hands every value back
// unchanged (the engine applies D7 to them).
func TestEmitReturnsEveryValue(t *testing.T) {
	vals := []any{
		value.Undef, nil, true, false, 3.0, "text",
		value.NewObject(), value.NewObject("type", "error", "errorMessage", "bad"),
		value.NewObject("type", "failure"), []any{1.0}, value.Opaque{TypeOf: "object"},
	}
	r := NewRegistry()
	for i, v := range vals {
		r.Add(CheckoutValidation, returns(v), float64(i), Options{})
	}
	out := (&Emitter{Registry: r}).Emit(context.Background(), CheckoutValidation, value.NewObject())
	assertValues(t, vals, callValues(out.Calls))
	assert.Nil(t, out.Responses)
	for _, c := range out.Calls {
		assert.NoError(t, c.Err)
		assert.False(t, c.TimedOut)
		assert.False(t, c.Cancelled)
	}
}

// ref §5.3, D7, D30: a throw (error return, rejection or panic) is logged with
// console.error and the plain emit continues with the next observer.
func TestEmitThrowIsLoggedAndContinues(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		fn      Func
		errText string
	}{
		{"returned error", func(context.Context, any) (any, error) { return value.NewObject("type", "success"), boom }, "boom"},
		{"panic with string", func(context.Context, any) (any, error) { panic("kaput") }, "observer panic: kaput"},
		{"panic with error", func(context.Context, any) (any, error) { panic(boom) }, "observer panic: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			var rec calls
			r.Add(CheckoutValidation, rec.named("bad", tt.fn), 1, Options{Label: "bad"})
			r.Add(CheckoutValidation, rec.named("next", returns(true)), 2, Options{})
			var logs errLog
			out := (&Emitter{Registry: r, LogError: logs.log}).Emit(context.Background(), CheckoutValidation, value.NewObject())

			assert.Equal(t, []string{"bad", "next"}, rec.list())
			require.Len(t, out.Calls, 2)
			bad := out.Calls[0]
			require.Error(t, bad.Err)
			assert.EqualError(t, bad.Err, tt.errText)
			assert.Equal(t, value.Undef, bad.Value, "a throw has no value, even if one was returned with the error")
			assert.Equal(t, true, out.Calls[1].Value)

			require.Equal(t, 1, logs.count())
			assert.Same(t, bad.Err, logs.errs[0])
			assert.Contains(t, logs.msgs[0], "bad")
			assert.Contains(t, logs.msgs[0], "checkout_validation")
		})
	}
}

// ref §5.4, D6: which values are responses and which stop the emission.
// The observer under test runs first; a second observer returning
// {type:'success', n:2} shows whether the emission continued.
func TestEmitWithAbortValues(t *testing.T) {
	after := value.NewObject("type", "success", "n", 2.0)
	tests := []struct {
		name      string
		v         any
		kept      bool // appended to Responses
		continues bool
	}{
		{"true skipped", true, false, true},
		{"false skipped", false, false, true},
		{"undefined skipped", value.Undef, false, true},
		{"null skipped", nil, false, true},
		{"number skipped", 0.0, false, true},
		{"string skipped", "error", false, true},
		{"empty object skipped", value.NewObject(), false, true},
		{"object without type skipped", value.NewObject("message", "x"), false, true},
		{"array skipped", []any{value.NewObject("type", "error")}, false, true},
		{"class instance skipped", value.Opaque{TypeOf: "object", Ref: 1}, false, true},
		{"success appended, continues", value.NewObject("type", "success"), true, true},
		{"unknown type appended, continues", value.NewObject("type", "pending"), true, true},
		{"type undefined appended, continues", value.NewObject("type", value.Undef), true, true},
		{"non-string type appended, continues", value.NewObject("type", 1.0), true, true},
		{"error appended, stops", value.NewObject("type", "error", "message", "m"), true, false},
		{"failure appended, stops", value.NewObject("type", "failure"), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			var rec calls
			r.Add(PaymentSetup, rec.named("under-test", returns(tt.v)), 1, Options{})
			r.Add(PaymentSetup, rec.named("after", returns(after)), 2, Options{})
			out := (&Emitter{Registry: r}).EmitWithAbort(context.Background(), PaymentSetup, value.NewObject())

			var want []any
			if tt.kept {
				want = append(want, tt.v)
			}
			wantCalls := []string{"under-test"}
			if tt.continues {
				want = append(want, after)
				wantCalls = append(wantCalls, "after")
			}
			assert.Equal(t, wantCalls, rec.list())
			assertValues(t, want, responsesAsAny(out.Responses))
			assert.Len(t, out.Calls, len(wantCalls))
			assert.False(t, out.TimedOut)
			assert.False(t, out.Cancelled)
		})
	}
}

// ref §5.4, D6, D30: a throw, rejection or panic becomes exactly
// {type:'error'} (no message), is logged, and stops the emission.
func TestEmitWithAbortThrowStops(t *testing.T) {
	tests := []struct {
		name string
		fn   Func
	}{
		{"rejection", throws("card declined")},
		{"panic", func(context.Context, any) (any, error) { panic(42) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			var rec calls
			r.Add(CheckoutSuccess, rec.named("ok", returns(value.NewObject("type", "success"))), 1, Options{})
			r.Add(CheckoutSuccess, rec.named("thrower", tt.fn), 2, Options{})
			r.Add(CheckoutSuccess, rec.named("never", returns(value.Undef)), 3, Options{})
			var logs errLog
			out := (&Emitter{Registry: r, LogError: logs.log}).EmitWithAbort(context.Background(), CheckoutSuccess, value.NewObject())

			assert.Equal(t, []string{"ok", "thrower"}, rec.list())
			assertValues(t, []any{value.NewObject("type", "success"), value.NewObject("type", "error")}, responsesAsAny(out.Responses))
			assert.Equal(t, 1, logs.count())
			require.Len(t, out.Calls, 2)
			assert.Error(t, out.Calls[1].Err)
			assert.False(t, out.TimedOut)
		})
	}
}

// ref §5.4 note: in the reference fixture the {} at priority 5 is simply
// skipped and the later rejecting observer yields [{type:'error'}].
func TestEmitWithAbortReferenceFixture(t *testing.T) {
	r := NewRegistry()
	r.Add(PaymentSetup, returns(true), 1, Options{})
	r.Add(PaymentSetup, returns(value.NewObject()), 5, Options{})
	r.Add(PaymentSetup, throws("rejected"), 10, Options{})
	out := (&Emitter{Registry: r}).EmitWithAbort(context.Background(), PaymentSetup, value.NewObject())
	assertValues(t, []any{value.NewObject("type", "error")}, responsesAsAny(out.Responses))
	assert.Len(t, out.Calls, 3)
}

// ref §5.4: success responses are all collected, in order.
func TestEmitWithAbortCollectsInOrder(t *testing.T) {
	r := NewRegistry()
	a := value.NewObject("type", "success", "meta", value.NewObject("n", 1.0))
	b := value.NewObject("type", "other")
	c := value.NewObject("type", "success", "meta", value.NewObject("n", 3.0))
	r.Add(PaymentSetup, returns(c), 30, Options{})
	r.Add(PaymentSetup, returns(a), 10, Options{})
	r.Add(PaymentSetup, returns(b), 20, Options{})
	out := (&Emitter{Registry: r}).EmitWithAbort(context.Background(), PaymentSetup, value.NewObject())
	require.Len(t, out.Responses, 3)
	assert.Same(t, a, out.Responses[0])
	assert.Same(t, b, out.Responses[1])
	assert.Same(t, c, out.Responses[2])
}

// ref §5.1/§5.2: observers added or removed while an emission runs do not
// change who that emission calls; the next emission sees the change.
func TestEmitSnapshotWhileRunning(t *testing.T) {
	for _, em := range emitters {
		t.Run(em.name, func(t *testing.T) {
			r := NewRegistry()
			var rec calls
			var offLater func()
			mutator := func(context.Context, any) (any, error) {
				r.Add(CheckoutValidation, rec.named("added", returns(value.Undef)), 0, Options{})
				offLater()
				return value.Undef, nil
			}
			r.Add(CheckoutValidation, rec.named("mutator", mutator), 1, Options{})
			offLater = r.Add(CheckoutValidation, rec.named("removed", returns(value.Undef)), 2, Options{})

			e := &Emitter{Registry: r}
			out := em.emit(e, context.Background(), CheckoutValidation, value.NewObject())
			assert.Equal(t, []string{"mutator", "removed"}, rec.list(), "first emission: the snapshot taken at its start")
			assert.Len(t, out.Calls, 2)

			rec = calls{}
			mutatorOnce := r.Sorted(CheckoutValidation)
			require.Len(t, mutatorOnce, 2)
			out = em.emit(e, context.Background(), CheckoutValidation, value.NewObject())
			// The mutator runs again (adding one more "added"), but only the
			// observers registered at this emission's start are called.
			assert.Equal(t, []string{"added", "mutator"}, rec.list())
			assert.Equal(t, []string{"observer#3", "observer#1"}, callLabels(out.Calls))
		})
	}
}

// Registry changes from other goroutines during emissions (run with -race).
func TestEmitConcurrentWithRegistryChanges(t *testing.T) {
	r := NewRegistry()
	for i := 0; i < 5; i++ {
		r.Add(PaymentSetup, returns(value.NewObject("type", "success")), float64(i), Options{})
	}
	e := &Emitter{Registry: r}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				off := r.Add(PaymentSetup, returns(value.Undef), 2.5, Options{})
				off()
			}
		}
	}()
	for i := 0; i < 20; i++ {
		out := e.EmitWithAbort(context.Background(), PaymentSetup, nil)
		assert.Len(t, out.Responses, 5)
	}
	close(stop)
	wg.Wait()
}

// D17: the page-wide default budget for the event applies when the
// subscription has none; the abortable emit stops with the D17 response.
func TestBudgetDefaultAbortable(t *testing.T) {
	r := NewRegistry()
	var rec calls
	saw := make(chan [2]error, 1) // ctx.Err and context.Cause as the observer saw them
	slow := func(ctx context.Context, _ any) (any, error) {
		<-ctx.Done()
		saw <- [2]error{ctx.Err(), context.Cause(ctx)}
		return value.Undef, ctx.Err()
	}
	r.Add(PaymentSetup, rec.named("slow", slow), 1, Options{Label: "slowpay"})
	r.Add(PaymentSetup, rec.named("never", returns(value.Undef)), 2, Options{})
	var logs errLog
	e := &Emitter{Registry: r, LogError: logs.log, Timeouts: map[Event]time.Duration{PaymentSetup: 20 * time.Millisecond}}
	out := e.EmitWithAbort(context.Background(), PaymentSetup, value.NewObject())

	assert.Equal(t, []string{"slow"}, rec.list(), "a timeout stops the abortable emit")
	assert.True(t, out.TimedOut)
	assert.False(t, out.Cancelled)
	want := value.NewObject("type", "error", "message", "slowpay did not respond within 20 ms")
	assertValues(t, []any{want}, responsesAsAny(out.Responses))
	require.Len(t, out.Calls, 1)
	c := out.Calls[0]
	assert.True(t, c.TimedOut)
	assert.NoError(t, c.Err, "a timeout counts as a returned {type:'error'} (D17)")
	assert.True(t, value.Equal(want, c.Value))
	assert.GreaterOrEqual(t, c.Duration, 20*time.Millisecond)
	assert.Equal(t, 0, logs.count(), "timeouts are not logged as throws")

	var sawErr, sawCause error
	select {
	case e := <-saw:
		sawErr, sawCause = e[0], e[1]
	case <-time.After(time.Second):
		t.Fatal("the observer never saw its ctx done")
	}
	var te *TimeoutError
	require.ErrorAs(t, sawCause, &te, "the observer sees the budget as its ctx cause")
	assert.Equal(t, PaymentSetup, te.Event)
	assert.Equal(t, "slowpay", te.Label)
	assert.Equal(t, 20*time.Millisecond, te.Budget)
	assert.ErrorIs(t, sawCause, context.DeadlineExceeded)
	assert.ErrorIs(t, sawErr, context.Canceled)
}

// D17 in the plain emit: the timed-out observer counts as having returned
// {type:'error', message} and the loop goes on.
func TestBudgetPlainContinues(t *testing.T) {
	r := NewRegistry()
	var rec calls
	r.Add(CheckoutValidation, rec.named("slow", blocks(nil)), 1, Options{})
	r.Add(CheckoutValidation, rec.named("next", returns(true)), 2, Options{})
	e := &Emitter{Registry: r, Timeouts: map[Event]time.Duration{CheckoutValidation: 15 * time.Millisecond}}
	out := e.Emit(context.Background(), CheckoutValidation, value.NewObject())

	assert.Equal(t, []string{"slow", "next"}, rec.list())
	assert.True(t, out.TimedOut)
	require.Len(t, out.Calls, 2)
	assertValues(t, []any{
		value.NewObject("type", "error", "message", "observer#1 did not respond within 15 ms"),
		true,
	}, callValues(out.Calls))
	assert.True(t, out.Calls[0].TimedOut)
	assert.False(t, out.Calls[1].TimedOut)
}

// D17: a subscription's own budget wins over the page-wide default, in both
// directions; a default for another event does not apply.
func TestBudgetPerSubscriptionWins(t *testing.T) {
	tests := []struct {
		name     string
		defaults map[Event]time.Duration
		sub      time.Duration
		work     time.Duration // how long the observer takes (0: until ctx is done)
		timedOut bool
		message  string
	}{
		{"longer own budget beats a short default", map[Event]time.Duration{CheckoutFail: 5 * time.Millisecond}, 5 * time.Second, 30 * time.Millisecond, false, ""},
		{"own budget with no default", nil, 15 * time.Millisecond, 0, true, "obs did not respond within 15 ms"},
		{"shorter own budget beats a long default", map[Event]time.Duration{CheckoutFail: 5 * time.Second}, 15 * time.Millisecond, 0, true, "obs did not respond within 15 ms"},
		{"default of another event ignored", map[Event]time.Duration{CheckoutSuccess: 5 * time.Millisecond}, 0, 30 * time.Millisecond, false, ""},
		{"zero default means no budget", map[Event]time.Duration{CheckoutFail: 0}, 0, 30 * time.Millisecond, false, ""},
		{"no budget at all", nil, 0, 30 * time.Millisecond, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			fn := func(ctx context.Context, _ any) (any, error) {
				if tt.work == 0 {
					<-ctx.Done()
					return value.Undef, ctx.Err()
				}
				time.Sleep(tt.work)
				return value.NewObject("type", "success"), nil
			}
			r.Add(CheckoutFail, fn, 10, Options{Label: "obs", Timeout: tt.sub})
			out := (&Emitter{Registry: r, Timeouts: tt.defaults}).EmitWithAbort(context.Background(), CheckoutFail, value.NewObject())
			require.Len(t, out.Calls, 1)
			assert.Equal(t, tt.timedOut, out.TimedOut)
			assert.Equal(t, tt.timedOut, out.Calls[0].TimedOut)
			require.Len(t, out.Responses, 1)
			if tt.timedOut {
				assert.Equal(t, tt.message, out.Responses[0].Get("message"))
				assert.Equal(t, TypeError, out.Responses[0].Get("type"))
			} else {
				assert.True(t, IsSuccessResponse(out.Responses[0]))
			}
		})
	}
}

// D17: a result arriving after the budget ran out is discarded, and the
// observer's goroutine does not stay blocked forever.
func TestBudgetLateResultDiscarded(t *testing.T) {
	base := runtime.NumGoroutine()
	release := make(chan struct{})
	finished := make(chan struct{})
	r := NewRegistry()
	r.Add(CheckoutSuccess, func(context.Context, any) (any, error) {
		defer close(finished)
		<-release // ignores its ctx
		return value.NewObject("type", "success"), nil
	}, 10, Options{Timeout: 10 * time.Millisecond})
	out := (&Emitter{Registry: r}).EmitWithAbort(context.Background(), CheckoutSuccess, value.NewObject())

	close(release)
	<-finished
	require.Len(t, out.Responses, 1)
	assert.True(t, IsErrorResponse(out.Responses[0]), "the late success is not in the emission")
	assert.True(t, out.TimedOut)
	// Polled here rather than with assert.Eventually, whose condition runs
	// in a goroutine of its own.
	// The call ran on a kept worker (package workers): once its late result
	// is dropped the worker waits for work again instead of staying blocked
	// on the send, so every goroutine above base is an idle worker.
	busy := func() int { return runtime.NumGoroutine() - invokers.Idle() }
	for deadline := time.Now().Add(time.Second); busy() > base && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	assert.LessOrEqual(t, busy(), base, "the observer's goroutine is free again after its late result")
}

// D17: an observer that rejects because its budget ran out counts as timed
// out, not as a throw, even when its rejection arrives with the expiry.
func TestBudgetRejectionAfterExpiryIsTimeout(t *testing.T) {
	r := NewRegistry()
	r.Add(PaymentSetup, func(ctx context.Context, _ any) (any, error) {
		<-ctx.Done()
		return value.Undef, context.Cause(ctx)
	}, 10, Options{Timeout: 10 * time.Millisecond})
	var logs errLog
	for i := 0; i < 5; i++ {
		out := (&Emitter{Registry: r, LogError: logs.log}).EmitWithAbort(context.Background(), PaymentSetup, nil)
		require.Len(t, out.Calls, 1)
		assert.True(t, out.Calls[0].TimedOut)
		assert.NoError(t, out.Calls[0].Err)
	}
	assert.Equal(t, 0, logs.count())
}

// D17/D18: a call that settled within its budget keeps a live ctx (its budget
// no longer applies) until the attempt ends.
func TestBudgetCtxAliveAfterSettle(t *testing.T) {
	attempt, end := context.WithCancel(context.Background())
	defer end()
	var kept context.Context
	r := NewRegistry()
	r.Add(CheckoutSuccess, func(ctx context.Context, _ any) (any, error) {
		kept = ctx
		return value.Undef, nil
	}, 10, Options{Timeout: 10 * time.Millisecond})
	out := (&Emitter{Registry: r}).Emit(attempt, CheckoutSuccess, nil)
	require.Len(t, out.Calls, 1)
	require.NotNil(t, kept)

	time.Sleep(30 * time.Millisecond)
	assert.NoError(t, kept.Err(), "the budget timer was stopped when the call settled")
	end()
	select {
	case <-kept.Done():
	case <-time.After(time.Second):
		t.Fatal("the observer's ctx was not cancelled when the attempt ended")
	}
}

func TestTimeoutErrorMessage(t *testing.T) {
	tests := []struct {
		budget time.Duration
		want   string
	}{
		{20 * time.Millisecond, "pay did not respond within 20 ms"},
		{1500 * time.Microsecond, "pay did not respond within 1.5 ms"},
		{3 * time.Second, "pay did not respond within 3000 ms"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			err := &TimeoutError{Event: PaymentSetup, Label: "pay", Budget: tt.budget}
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.NotErrorIs(t, err, context.Canceled)
		})
	}
}

// D18: when the emission's ctx is cancelled (reset / attempt over) while an
// observer runs, the observer sees its ctx cancelled, the emitter stops at
// once and calls no further observer; nothing is logged or collected.
func TestCancelWhileObserverRuns(t *testing.T) {
	for _, em := range emitters {
		for _, budget := range []time.Duration{0, 5 * time.Second} {
			t.Run(em.name+"/budget="+budget.String(), func(t *testing.T) {
				ctx, cancel := context.WithCancelCause(context.Background())
				defer cancel(nil)
				reset := errors.New("reset")
				r := NewRegistry()
				var rec calls
				started := make(chan struct{})
				var sawErr atomic.Value
				r.Add(CheckoutSuccess, rec.named("first", returns(value.NewObject("type", "success"))), 1, Options{})
				r.Add(CheckoutSuccess, rec.named("blocked", func(c context.Context, _ any) (any, error) {
					close(started)
					<-c.Done()
					sawErr.Store(context.Cause(c))
					return value.Undef, c.Err()
				}), 2, Options{Timeout: budget})
				r.Add(CheckoutSuccess, rec.named("never", returns(value.Undef)), 3, Options{})
				go func() {
					<-started
					cancel(reset)
				}()
				var logs errLog
				var sink traceSink
				out := em.emit(&Emitter{Registry: r, LogError: logs.log, Trace: sink.add}, ctx, CheckoutSuccess, nil)

				assert.True(t, out.Cancelled)
				assert.False(t, out.TimedOut)
				assert.Equal(t, []string{"first", "blocked"}, rec.list())
				require.Len(t, out.Calls, 2)
				assert.True(t, out.Calls[1].Cancelled)
				assert.ErrorIs(t, out.Calls[1].Err, reset, "Err is the ctx cause")
				assert.Equal(t, value.Undef, out.Calls[1].Value)
				assert.Equal(t, 0, logs.count())
				if em.abortable {
					assert.Len(t, out.Responses, 1, "only the first observer's response")
				}
				recs := sink.records()
				require.Len(t, recs, 2)
				assert.Equal(t, trace.ResultCancelled, recs[1].Result)
				assert.Equal(t, "reset", recs[1].Message)
				assert.Eventually(t, func() bool { return sawErr.Load() != nil }, time.Second, time.Millisecond)
				assert.Equal(t, reset, sawErr.Load(), "the observer saw the attempt's cancellation")
			})
		}
	}
}

// D18: the emitter stops waiting even when the observer ignores its ctx.
func TestCancelDoesNotWaitForObserver(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	defer close(release)
	r := NewRegistry()
	started := make(chan struct{})
	r.Add(PaymentSetup, func(context.Context, any) (any, error) {
		close(started)
		<-release
		return value.NewObject("type", "success"), nil
	}, 10, Options{})
	go func() {
		<-started
		cancel()
	}()
	done := make(chan Emission, 1)
	go func() { done <- (&Emitter{Registry: r}).EmitWithAbort(ctx, PaymentSetup, nil) }()
	select {
	case out := <-done:
		assert.True(t, out.Cancelled)
		assert.Empty(t, out.Responses)
	case <-time.After(2 * time.Second):
		t.Fatal("EmitWithAbort kept waiting for an observer after ctx was cancelled")
	}
}

// D18: a ctx already done calls no observer; with no observers nothing was
// skipped, so the emission is not Cancelled.
func TestCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, em := range emitters {
		t.Run(em.name, func(t *testing.T) {
			r := NewRegistry()
			var rec calls
			r.Add(CheckoutValidation, rec.named("a", returns(value.Undef)), 10, Options{})
			out := em.emit(&Emitter{Registry: r}, ctx, CheckoutValidation, nil)
			assert.True(t, out.Cancelled)
			assert.Empty(t, out.Calls)
			assert.Empty(t, rec.list())

			out = em.emit(&Emitter{Registry: NewRegistry()}, ctx, CheckoutValidation, nil)
			assert.False(t, out.Cancelled)
		})
	}
}

// D18: an observer that settled before the attempt ended keeps its value;
// the next observer is not called. The Trace hook runs between two calls,
// so cancelling there ends the attempt exactly between them.
func TestCancelBetweenObservers(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := NewRegistry()
	var rec calls
	r.Add(CheckoutFail, rec.named("first", returns(value.NewObject("type", "success"))), 1, Options{})
	r.Add(CheckoutFail, rec.named("never", returns(value.Undef)), 2, Options{})
	cancelAfterFirst := func(r trace.Record) {
		if r.Priority == 1 {
			cancel()
		}
	}
	out := (&Emitter{Registry: r, Trace: cancelAfterFirst}).EmitWithAbort(ctx, CheckoutFail, nil)
	assert.Equal(t, []string{"first"}, rec.list())
	assert.True(t, out.Cancelled)
	require.Len(t, out.Calls, 1)
	assert.False(t, out.Calls[0].Cancelled)
	assert.Len(t, out.Responses, 1)
}

// D18: a rejection after the attempt was cancelled is a cancellation, not
// a throw: no console.error, no {type:'error'} response.
func TestRejectionAfterCancelIsNotAThrow(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := NewRegistry()
	r.Add(PaymentSetup, func(context.Context, any) (any, error) {
		cancel()
		return value.Undef, errors.New("aborted")
	}, 1, Options{})
	var logs errLog
	out := (&Emitter{Registry: r, LogError: logs.log}).EmitWithAbort(ctx, PaymentSetup, nil)
	assert.True(t, out.Cancelled)
	assert.Empty(t, out.Responses)
	require.Len(t, out.Calls, 1)
	assert.True(t, out.Calls[0].Cancelled)
	assert.ErrorIs(t, out.Calls[0].Err, context.Canceled)
	assert.Equal(t, 0, logs.count())
}

// D18: the attempt id travels in ctx and is visible to observers, with and
// without a budget.
func TestAttemptIDVisibleToObservers(t *testing.T) {
	assert.Equal(t, "", AttemptID(context.Background()))
	for _, budget := range []time.Duration{0, time.Second} {
		t.Run(budget.String(), func(t *testing.T) {
			var seen string
			r := NewRegistry()
			r.Add(CheckoutValidation, func(ctx context.Context, _ any) (any, error) {
				seen = AttemptID(ctx)
				return value.Undef, nil
			}, 10, Options{Timeout: budget})
			ctx := WithAttempt(context.Background(), "att-7")
			(&Emitter{Registry: r}).Emit(ctx, CheckoutValidation, nil)
			assert.Equal(t, "att-7", seen)
		})
	}
	inner := WithAttempt(WithAttempt(context.Background(), "a1"), "a2")
	assert.Equal(t, "a2", AttemptID(inner), "the innermost attempt wins")
}

// D20, D24: one observer record per call with label, priority, duration,
// result, attempt id and statuses; records come in call order.
func TestTraceRecords(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1000, 0), step: 4 * time.Millisecond}
	r := NewRegistry()
	add := func(label string, p float64, fn Func) {
		r.Add(CheckoutValidation, fn, p, Options{Label: label})
	}
	add("ok", 1, returns(value.NewObject("type", "success")))
	add("err", 2, returns(value.NewObject("type", "error")))
	add("fail", 3, returns(value.NewObject("type", "failure")))
	add("custom", 4, returns(value.NewObject("type", "pending")))
	add("untyped", 5, returns(value.NewObject("x", 1.0)))
	add("numbertype", 6, returns(value.NewObject("type", 2.0)))
	add("emptytype", 7, returns(value.NewObject("type", "")))
	add("nothing", 8, returns(value.Undef))
	add("bool", 9, returns(true))
	add("thrower", 10, throws("nope"))
	r.Add(CheckoutValidation, returns(nil), 11, Options{}) // default label

	status := 0
	var sink traceSink
	e := &Emitter{
		Registry: r,
		Trace:    sink.add,
		Now:      clock.Now,
		StatusFunc: func() (string, string) {
			status++
			return "before_processing", "idle#" + strconv.Itoa(status)
		},
	}
	e.Emit(WithAttempt(context.Background(), "att-1"), CheckoutValidation, nil)

	recs := sink.records()
	want := []struct{ label, result, message string }{
		{"ok", "success", ""},
		{"err", "error", ""},
		{"fail", "failure", ""},
		{"custom", "pending", ""},
		{"untyped", "none", ""},
		{"numbertype", "none", ""},
		{"emptytype", "none", ""},
		{"nothing", "none", ""},
		{"bool", "none", ""},
		{"thrower", "throw", "nope"},
		{"observer#11", "none", ""},
	}
	require.Len(t, recs, len(want))
	for i, w := range want {
		r := recs[i]
		assert.Equal(t, trace.KindObserver, r.Kind, w.label)
		assert.Equal(t, "checkout_validation", r.Event, w.label)
		assert.Equal(t, w.label, r.Label)
		assert.Equal(t, float64(i+1), r.Priority, w.label)
		assert.Equal(t, w.result, r.Result, w.label)
		assert.Equal(t, w.message, r.Message, w.label)
		assert.Equal(t, "att-1", r.AttemptID, w.label)
		assert.Equal(t, "before_processing", r.Status, w.label)
		assert.Equal(t, "idle#"+strconv.Itoa(i+1), r.PaymentStatus, "StatusFunc is read when the record is made")
		// Two clock reads per call (start, end): 4 ms apart.
		assert.Equal(t, 4.0, r.DurationMs, w.label)
		assert.Equal(t, time.Unix(1000, 0).Add(time.Duration(2*i+1)*4*time.Millisecond), r.Time, "Time is when the call ended")
		assert.Empty(t, r.URL)
	}
}

// D24: a timed-out call is traced with result "timeout" and the D17 message.
func TestTraceTimeout(t *testing.T) {
	r := NewRegistry()
	r.Add(PaymentSetup, blocks(nil), 5, Options{Label: "sleepy", Timeout: 10 * time.Millisecond})
	var sink traceSink
	(&Emitter{Registry: r, Trace: sink.add}).EmitWithAbort(context.Background(), PaymentSetup, nil)
	recs := sink.records()
	require.Len(t, recs, 1)
	assert.Equal(t, "timeout", recs[0].Result)
	assert.Equal(t, "sleepy did not respond within 10 ms", recs[0].Message)
	assert.Equal(t, "payment_setup", recs[0].Event)
	assert.GreaterOrEqual(t, recs[0].DurationMs, 10.0)
	assert.Empty(t, recs[0].Status, "no StatusFunc: statuses stay empty")
	assert.Empty(t, recs[0].AttemptID)
	assert.False(t, recs[0].Time.IsZero())
}

func TestCallResult(t *testing.T) {
	tests := []struct {
		name string
		c    Call
		want string
	}{
		{"cancelled wins", Call{Cancelled: true, Err: errors.New("x"), TimedOut: true}, "cancelled"},
		{"timeout", Call{TimedOut: true, Value: ErrorResponse("m")}, "timeout"},
		{"throw", Call{Err: errors.New("x"), Value: value.Undef}, "throw"},
		{"typed", Call{Value: value.NewObject("type", "failure")}, "failure"},
		{"untyped", Call{Value: value.NewObject()}, "none"},
		{"null", Call{Value: nil}, "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.c.Result())
		})
	}
}

type stringer struct{}

func (stringer) String() string { return "stringer" }

func TestPanicError(t *testing.T) {
	inner := errors.New("inner")
	tests := []struct {
		name   string
		value  any
		want   string
		unwrap error
	}{
		{"string", "bad", "observer panic: bad", nil},
		{"error", inner, "observer panic: inner", inner},
		{"stringer", stringer{}, "observer panic: stringer", nil},
		{"int", 42, "observer panic: 42", nil},
		{"float", 2.5, "observer panic: 2.5", nil},
		{"bool", true, "observer panic: true", nil},
		{"other", struct{}{}, "observer panic: non-error panic value", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Recovered("observer", tt.value)
			assert.EqualError(t, err, tt.want)
			assert.Equal(t, tt.unwrap, errors.Unwrap(err))
		})
	}
	t.Run("without a place the message starts with panic:", func(t *testing.T) {
		assert.EqualError(t, Recovered("", "x"), "panic: x")
	})
}

// TestPromptSubscriptions: a Prompt subscription (Options.Prompt, issue 10:
// the bridge's JS observers) is called on the emitter's goroutine, and the
// emission is the same as for one called on its own goroutine: values in
// priority order (ref §5.2, §5.4), a budget expiry counted as
// {type:'error', message} (D17), a cancelled attempt (D18), a panic
// logged as a throw.
func TestPromptSubscriptions(t *testing.T) {
	for _, prompt := range []bool{false, true} {
		name := map[bool]string{false: "own goroutine", true: "prompt"}[prompt]
		t.Run(name+": ref §5.4 values in priority order, an error response stops", func(t *testing.T) {
			r := NewRegistry()
			var rec calls
			r.Add(PaymentSetup, rec.named("b", returns(value.NewObject("type", "error"))), 2, Options{Prompt: prompt})
			r.Add(PaymentSetup, rec.named("a", returns(value.NewObject("type", "success"))), 1, Options{Prompt: prompt})
			r.Add(PaymentSetup, rec.named("c", returns(true)), 3, Options{Prompt: prompt})
			out := (&Emitter{Registry: r}).EmitWithAbort(context.Background(), PaymentSetup, nil)
			assert.Equal(t, []string{"a", "b"}, rec.list())
			require.Len(t, out.Responses, 2)
			assert.Equal(t, "error", out.Responses[1].Get("type"))
		})
		t.Run(name+": D17 a budget expiry is a timeout response", func(t *testing.T) {
			r := NewRegistry()
			r.Add(PaymentSetup, blocks(nil), 1, Options{Label: "slow", Timeout: 10 * time.Millisecond, Prompt: prompt})
			out := (&Emitter{Registry: r}).EmitWithAbort(context.Background(), PaymentSetup, nil)
			assert.True(t, out.TimedOut)
			require.Len(t, out.Calls, 1)
			assert.True(t, out.Calls[0].TimedOut)
			assert.NoError(t, out.Calls[0].Err)
			assert.Equal(t, "slow did not respond within 10 ms", out.Responses[0].Get("message"))
		})
		t.Run(name+": D18 a cancelled attempt cancels the call in flight", func(t *testing.T) {
			ctx, cancel := context.WithCancelCause(context.Background())
			reset := errors.New("reset")
			started := make(chan struct{})
			go func() { <-started; cancel(reset) }()
			r := NewRegistry()
			r.Add(PaymentSetup, blocks(started), 1, Options{Prompt: prompt})
			r.Add(PaymentSetup, returns(true), 2, Options{Prompt: prompt})
			out := (&Emitter{Registry: r}).EmitWithAbort(ctx, PaymentSetup, nil)
			assert.True(t, out.Cancelled)
			require.Len(t, out.Calls, 1)
			assert.True(t, out.Calls[0].Cancelled)
			assert.ErrorIs(t, out.Calls[0].Err, reset)
			assert.Empty(t, out.Responses)
		})
		t.Run(name+": ref §5.4 a panic is a logged throw", func(t *testing.T) {
			r := NewRegistry()
			r.Add(PaymentSetup, func(context.Context, any) (any, error) { panic("boom") }, 1, Options{Label: "p", Prompt: prompt})
			var logs errLog
			out := (&Emitter{Registry: r, LogError: logs.log}).EmitWithAbort(context.Background(), PaymentSetup, nil)
			require.Len(t, out.Calls, 1)
			assert.ErrorContains(t, out.Calls[0].Err, "observer panic: boom")
			assert.Equal(t, 1, logs.count())
			assert.Equal(t, "error", out.Responses[0].Get("type"))
		})
	}
}

// TestHasBudget: D17 — only the ctx of a call with a time budget says so.
func TestHasBudget(t *testing.T) {
	seen := map[string]bool{}
	r := NewRegistry()
	record := func(name string) Func {
		return func(ctx context.Context, _ any) (any, error) { seen[name] = HasBudget(ctx); return true, nil }
	}
	r.Add(PaymentSetup, record("budget"), 1, Options{Timeout: time.Second, Prompt: true})
	r.Add(PaymentSetup, record("none"), 2, Options{Prompt: true})
	(&Emitter{Registry: r}).EmitWithAbort(context.Background(), PaymentSetup, nil)
	assert.Equal(t, map[string]bool{"budget": true, "none": false}, seen)
	assert.False(t, HasBudget(context.Background()))
}
