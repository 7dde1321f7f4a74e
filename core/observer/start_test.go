package observer

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// later is a StartFunc that runs fn on a goroutine of its own and settles
// with its outcome: an observer whose answer arrives later (a Promise).
// abandons counts the abandon calls.
func later(fn Func, abandons *atomic.Int32) StartFunc {
	return func(ctx context.Context, data any, settle func(any, error) bool) func() {
		go func() { settle(fn(ctx, data)) }()
		return func() {
			if abandons != nil {
				abandons.Add(1)
			}
		}
	}
}

// atOnce is a StartFunc that settles before it returns (a plain value).
func atOnce(fn Func) StartFunc {
	return func(ctx context.Context, data any, settle func(any, error) bool) func() {
		settle(fn(ctx, data))
		return nil
	}
}

// TestStartSubscriptions: an observer registered with Options.Start
// (issue 10: the bridge's JS observers) gives the same emission as one
// called through Fn — ref §5.2 priority order, ref §5.4 stop on an error
// response or a throw, D17 a budget expiry as {type:'error', message}, D18
// a cancelled attempt — whether it answers at once or later; the emitter
// never calls its Fn.
func TestStartSubscriptions(t *testing.T) {
	never := func(context.Context, any) (any, error) { panic("Fn called for a Start subscription") }
	modes := []struct {
		name  string
		start func(Func) StartFunc
	}{
		{"later", func(fn Func) StartFunc { return later(fn, nil) }},
		{"at once", atOnce},
	}
	for _, m := range modes {
		t.Run(m.name+": ref §5.4 values in priority order, an error response stops", func(t *testing.T) {
			r := NewRegistry()
			var rec calls
			r.Add(PaymentSetup, never, 2, Options{Start: m.start(rec.named("b", returns(value.NewObject("type", "error"))))})
			r.Add(PaymentSetup, never, 1, Options{Start: m.start(rec.named("a", returns(value.NewObject("type", "success"))))})
			r.Add(PaymentSetup, never, 3, Options{Start: m.start(rec.named("c", returns(true)))})
			out := (&Emitter{Registry: r}).EmitWithAbort(context.Background(), PaymentSetup, nil)
			assert.Equal(t, []string{"a", "b"}, rec.list())
			require.Len(t, out.Responses, 2)
			assert.Equal(t, "error", out.Responses[1].Get("type"))
			assert.False(t, out.Cancelled)
		})
		t.Run(m.name+": ref §5.3 Emit goes on after a throw, which is logged", func(t *testing.T) {
			r := NewRegistry()
			var rec calls
			r.Add(PaymentSetup, never, 1, Options{Label: "t", Start: m.start(rec.named("a", throws("nope")))})
			r.Add(PaymentSetup, never, 2, Options{Start: m.start(rec.named("b", returns(1.0)))})
			var logs errLog
			out := (&Emitter{Registry: r, LogError: logs.log}).Emit(context.Background(), PaymentSetup, nil)
			assert.Equal(t, []string{"a", "b"}, rec.list())
			require.Len(t, out.Calls, 2)
			assert.EqualError(t, out.Calls[0].Err, "nope")
			assert.Equal(t, 1.0, out.Calls[1].Value)
			assert.Equal(t, 1, logs.count())
		})
		t.Run(m.name+": ref §5.4 a panic in Start is a logged throw", func(t *testing.T) {
			r := NewRegistry()
			r.Add(PaymentSetup, never, 1, Options{Label: "p", Start: func(context.Context, any, func(any, error) bool) func() { panic("boom") }})
			r.Add(PaymentSetup, never, 2, Options{Start: m.start(returns(true))})
			var logs errLog
			out := (&Emitter{Registry: r, LogError: logs.log}).EmitWithAbort(context.Background(), PaymentSetup, nil)
			require.Len(t, out.Calls, 1)
			assert.ErrorContains(t, out.Calls[0].Err, "observer panic: boom")
			assert.Equal(t, 1, logs.count())
			assert.Equal(t, "error", out.Responses[0].Get("type"))
		})
	}
	t.Run("D17: a budget expiry is a timeout response; the late answer is dropped and the call abandoned", func(t *testing.T) {
		var abandons atomic.Int32
		release := make(chan struct{})
		var settle func(any, error) bool
		got := make(chan struct{})
		r := NewRegistry()
		r.Add(PaymentSetup, never, 1, Options{Label: "slow", Timeout: 10 * time.Millisecond,
			Start: func(_ context.Context, _ any, s func(any, error) bool) func() {
				settle = s
				close(got)
				return func() { abandons.Add(1); close(release) }
			}})
		out := (&Emitter{Registry: r}).EmitWithAbort(context.Background(), PaymentSetup, nil)
		<-got
		assert.True(t, out.TimedOut)
		require.Len(t, out.Calls, 1)
		assert.True(t, out.Calls[0].TimedOut)
		assert.Equal(t, "slow did not respond within 10 ms", out.Responses[0].Get("message"))
		<-release
		assert.Equal(t, int32(1), abandons.Load())
		assert.True(t, settle(value.NewObject("type", "success"), nil), "a late answer is dropped (quiet)")
		require.Len(t, out.Calls, 1)
	})
	t.Run("D18: a cancelled attempt ends the call in flight at once; no further observer is called", func(t *testing.T) {
		var abandons atomic.Int32
		ctx, cancel := context.WithCancelCause(context.Background())
		reset := errors.New("reset")
		r := NewRegistry()
		var rec calls
		r.Add(PaymentSetup, never, 1, Options{Start: func(context.Context, any, func(any, error) bool) func() {
			go cancel(reset) // never answers
			return func() { abandons.Add(1) }
		}})
		r.Add(PaymentSetup, never, 2, Options{Start: atOnce(rec.named("b", returns(true)))})
		out := (&Emitter{Registry: r}).EmitWithAbort(ctx, PaymentSetup, nil)
		assert.True(t, out.Cancelled)
		require.Len(t, out.Calls, 1)
		assert.True(t, out.Calls[0].Cancelled)
		assert.ErrorIs(t, out.Calls[0].Err, reset)
		assert.Empty(t, rec.list())
		assert.Eventually(t, func() bool { return abandons.Load() == 1 }, time.Second, time.Millisecond)
	})
	t.Run("issue 10: the emission goes on inside settle, and settle says whether that stayed quiet", func(t *testing.T) {
		// Three observers answering later, by hand: each settle runs the
		// next observer's Start before it returns.
		var mu sync.Mutex
		var settles []func(any, error) bool
		var inSettle atomic.Bool
		var startedInSettle []bool
		start := func(_ context.Context, _ any, s func(any, error) bool) func() {
			mu.Lock()
			settles = append(settles, s)
			startedInSettle = append(startedInSettle, inSettle.Load())
			mu.Unlock()
			return nil
		}
		r := NewRegistry()
		r.Add(PaymentSetup, never, 1, Options{Start: start})
		r.Add(PaymentSetup, never, 2, Options{Start: start})
		r.Add(PaymentSetup, never, 3, Options{Start: start, Timeout: time.Minute})
		done := make(chan Emission)
		go func() { done <- (&Emitter{Registry: r}).EmitWithAbort(context.Background(), PaymentSetup, nil) }()
		settle := func(i int) bool {
			require.Eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(settles) > i }, time.Second, time.Millisecond)
			mu.Lock()
			s := settles[i]
			mu.Unlock()
			inSettle.Store(true)
			defer inSettle.Store(false)
			return s(value.NewObject("type", "success"), nil)
		}
		assert.True(t, settle(0), "the next observer answers later and has no budget: quiet")
		assert.False(t, settle(1), "the next observer's budget armed a timer: not quiet")
		assert.False(t, settle(2), "the emission ended: its caller is readied")
		out := <-done
		require.Len(t, out.Responses, 3)
		assert.Equal(t, []bool{false, true, true}, startedInSettle, "observers 2 and 3 were started inside the previous settle")
		assert.True(t, settles[0](value.NewObject("type", "error"), nil), "a second settle is ignored")
		require.Len(t, out.Responses, 3)
	})
	t.Run("issue 10: a Prompt observer after one that answered later runs on a worker, not inside settle", func(t *testing.T) {
		var settle func(any, error) bool
		got := make(chan struct{})
		r := NewRegistry()
		r.Add(PaymentSetup, never, 1, Options{Start: func(_ context.Context, _ any, s func(any, error) bool) func() {
			settle = s
			close(got)
			return nil
		}})
		ran := make(chan struct{})
		r.Add(PaymentSetup, func(context.Context, any) (any, error) { close(ran); return true, nil }, 2, Options{Prompt: true})
		done := make(chan Emission)
		go func() { done <- (&Emitter{Registry: r}).Emit(context.Background(), PaymentSetup, nil) }()
		<-got
		assert.False(t, settle(true, nil), "a worker goroutine was started: not quiet")
		<-ran
		out := <-done
		require.Len(t, out.Calls, 2)
	})
}
