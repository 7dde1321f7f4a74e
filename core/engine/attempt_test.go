package engine

import (
	"context"
	"fmt"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestResetMidAttempt(t *testing.T) {
	t.Run("D23: a reset abandons the request, goes idle at once and lets a new attempt start", func(t *testing.T) {
		// D19/D23 reset: the request is abandoned, status idle, no later change from that attempt.
		h := newHarness(t)
		h.registerMethod("bacs")
		var signalled = make(chan struct{})
		var once sync.Once
		h.e.Registry().Add(observer.PaymentSetup, func(ctx context.Context, _ any) (any, error) {
			once.Do(func() { go func() { <-AttemptDone(ctx); close(signalled) }() }) // D18: the signal aborts when the attempt ends
			return obj(`{"type":"success"}`), nil
		}, 10, observer.Options{})
		never := make(chan struct{})
		h.tr.push(blockingResponse(never, jsonResponse(200, successBody, nil)))
		h.reset()
		a := h.e.Submit()
		require.Eventually(t, func() bool { return len(h.tr.requests()) == 1 }, 2*time.Second, time.Millisecond)
		h.e.Reset()
		select {
		case <-a.Done():
		case <-time.After(2 * time.Second):
			t.Fatal("reset did not settle the attempt")
		}
		out := a.Outcome()
		assert.Equal(t, OutcomeReset, out.Outcome)
		assert.Equal(t, "idle", out.Status)
		select {
		case <-signalled:
		case <-time.After(time.Second):
			t.Fatal("D18: observer context not cancelled on reset")
		}
		s := h.e.Snapshot()
		assert.Equal(t, "idle", s.Checkout.Status)
		assert.Equal(t, "idle", s.Payment.Status, "R5: payment back to idle")
		assert.Empty(t, h.navigations())
		assert.Equal(t, []string{sBefore, eValidation, sProc, sProcPay, ePayment, sProcReady,
			"status idle err=false pay=ready", "status idle err=false pay=idle"}, h.sequence(),
			"reset: idle at once, then the void payment work back to idle; nothing from the abandoned request")
		assert.Empty(t, h.notices())
		// A new attempt can start at once.
		h.tr.push(jsonResponse(200, successBody, nil))
		assert.Equal(t, OutcomeComplete, h.submit().Outcome)
	})
}

func TestResetDuringAnEvent(t *testing.T) {
	for _, ev := range []observer.Event{observer.CheckoutValidation, observer.CheckoutSuccess} {
		t.Run(fmt.Sprintf("D23: a reset while observers of %s run settles as reset", string(ev)), func(t *testing.T) {
			h := newHarness(t)
			h.registerMethod("bacs")
			h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
			entered := make(chan struct{})
			h.on(ev, 10, func(ctx context.Context, _ any) (any, error) {
				close(entered)
				<-ctx.Done()
				return value.Undef, ctx.Err()
			})
			h.tr.push(jsonResponse(200, successBody, nil))
			a := h.e.Submit()
			<-entered
			h.e.Reset()
			<-a.Done()
			assert.Equal(t, OutcomeReset, a.Outcome().Outcome)
			assert.Equal(t, "idle", h.e.Snapshot().Checkout.Status)
			assert.Empty(t, h.navigations())
		})
	}
}

func TestResetWithoutAttempt(t *testing.T) {
	t.Run("D33: a reset with no attempt under way sets idle unless pristine", func(t *testing.T) {
		h := newHarness(t)
		h.e.Reset()
		assert.Equal(t, "pristine", h.e.Snapshot().Checkout.Status, "D33: pristine is left alone")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetComplete")
		h.e.Reset()
		assert.Equal(t, "idle", h.e.Snapshot().Checkout.Status)
	})
}

func TestAttemptSettled(t *testing.T) {
	t.Run("D19: onAttemptSettled observers receive the settled outcome", func(t *testing.T) {
		h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
		got := make(chan *value.Object, 1)
		h.e.Registry().Add(observer.AttemptSettled, func(ctx context.Context, data any) (any, error) {
			got <- value.AsObject(data)
			return value.Undef, nil
		}, 10, observer.Options{})
		h.tr.push(networkFailure())
		out := h.submit()
		o := <-got
		assert.Equal(t, out.AttemptID, o.Get("attemptId"))
		assert.Equal(t, OutcomeError, o.Get("outcome"))
		assert.Equal(t, "idle", o.Get("status"))
		assert.Equal(t, true, o.Get("hasError"))
	})
}

func TestSubmitWithDefaults(t *testing.T) {
	t.Run("D21: the default attempt id is a random 128-bit key; unsubscribe twice is harmless", func(t *testing.T) {
		e := New(Config{Cart: CartConfig{NeedsPayment: false}, Transport: &fakeTransport{}})
		calls := 0
		unsub := e.Subscribe(func(Change) { calls++ })
		require.NoError(t, e.Dispatch(context.Background(), "wc/store/checkout", "__internalSetOrderNotes", []any{"a"}))
		unsub()
		unsub()
		require.NoError(t, e.Dispatch(context.Background(), "wc/store/checkout", "__internalSetOrderNotes", []any{"b"}))
		assert.Equal(t, 1, calls)
		a := e.Submit()
		<-a.Done()
		assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{32}$`), a.ID, "D21: a random 128-bit key")
		assert.Equal(t, OutcomeError, a.Outcome().Outcome, "no response queued: a network failure")
	})
}

// TestAttemptContext: D18 — the attempt's own context (what the bridge
// aborts every AbortSignal of an attempt on) is found from an observer's
// context, ends when the attempt ends, and does not end when only the
// observer's time budget runs out; outside an attempt there is none.
func TestAttemptContext(t *testing.T) {
	t.Run("D18: inside an attempt: ends with the attempt, not with the call's budget", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		got := make(chan context.Context, 1)
		aliveAfterBudget := make(chan bool, 1)
		h.e.Registry().Add(observer.PaymentSetup, func(ctx context.Context, _ any) (any, error) {
			base := AttemptContext(ctx)
			got <- base
			<-ctx.Done() // the 20 ms budget runs out
			aliveAfterBudget <- base != nil && base.Err() == nil
			return value.Undef, ctx.Err()
		}, -2e9, observer.Options{Timeout: 20 * time.Millisecond, Prompt: true}) // first (before the harness recorder) and Prompt: called on the attempt's goroutine, which waits for it
		h.tr.push(jsonResponse(200, successBody, nil))
		a := h.e.Submit()
		base := <-got
		require.NotNil(t, base)
		assert.True(t, <-aliveAfterBudget, "the call's budget does not end the attempt context")
		<-a.Done()
		select {
		case <-base.Done():
		case <-time.After(2 * time.Second):
			t.Fatal("D18: the attempt context did not end with the attempt")
		}
	})
	t.Run("outside an attempt: nil", func(t *testing.T) {
		assert.Nil(t, AttemptContext(context.Background()))
		assert.Nil(t, AttemptDone(context.Background()))
	})
}
