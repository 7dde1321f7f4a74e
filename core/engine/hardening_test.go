package engine

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
)

func keyOf(req storeapi.Request) string { return requestKey(req) }

func TestIdempotentRetryD42(t *testing.T) {
	cases := []struct {
		name     string
		first    responder
		change   bool // the shopper changes the order notes between the attempts
		sameKey  bool
		outcome1 string
	}{
		{"D42: after a network failure the retry with the same body reuses the key", networkFailure(), false, true, OutcomeError},
		{"D42: after a reply that is not JSON the retry reuses the key", notJSONResponse(502), false, true, OutcomeError},
		{"D42: a changed body starts a new key", networkFailure(), true, false, OutcomeError},
		{"D42: a JSON decline is a definite answer: new key", jsonResponse(400, declineBody, nil), false, false, OutcomeFailed},
		{"D42: a JSON error of any status is a definite answer: new key", jsonResponse(500, `{"code":"x","message":"boom"}`, nil), false, false, OutcomeFailed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
			h.tr.push(tc.first, jsonResponse(200, successBody, nil))
			out1 := h.submit()
			assert.Equal(t, tc.outcome1, out1.Outcome)
			if tc.change {
				dispatch(t, h.e, "wc/store/checkout", "__internalSetOrderNotes", "please ring")
			}
			out2 := h.submit()
			assert.Equal(t, OutcomeComplete, out2.Outcome)
			reqs := h.tr.requests()
			require.Len(t, reqs, 2)
			assert.Equal(t, out1.AttemptID, keyOf(reqs[0]), "D21: the first request's key is its attempt id")
			if tc.sameKey {
				assert.Equal(t, keyOf(reqs[0]), keyOf(reqs[1]))
			} else {
				assert.Equal(t, out2.AttemptID, keyOf(reqs[1]))
				assert.NotEqual(t, keyOf(reqs[0]), keyOf(reqs[1]))
			}
		})
	}
	t.Run("D42: the reuse lasts over several unknown results, and ends with the first JSON reply", func(t *testing.T) {
		h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
		h.tr.push(networkFailure(), notJSONResponse(504), jsonResponse(400, declineBody, nil), jsonResponse(200, successBody, nil))
		for i := 0; i < 4; i++ {
			h.submit()
		}
		reqs := h.tr.requests()
		require.Len(t, reqs, 4)
		assert.Equal(t, keyOf(reqs[0]), keyOf(reqs[1]))
		assert.Equal(t, keyOf(reqs[0]), keyOf(reqs[2]))
		assert.NotEqual(t, keyOf(reqs[2]), keyOf(reqs[3]))
	})
	t.Run("D42: a request abandoned by reset is an unknown result too", func(t *testing.T) {
		h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
		h.tr.push(blockingResponse(make(chan struct{}), nil), jsonResponse(200, successBody, nil))
		a := h.e.Submit()
		require.Eventually(t, func() bool { return len(h.tr.requests()) == 1 }, 2*time.Second, time.Millisecond)
		h.e.Reset()
		<-a.Done()
		assert.Equal(t, OutcomeReset, a.Outcome().Outcome)
		h.submit()
		reqs := h.tr.requests()
		assert.Equal(t, keyOf(reqs[0]), keyOf(reqs[1]))
	})
}

func TestEveryEndingIsConsistent(t *testing.T) {
	t.Run("issue 9 point 7: reset() from a subscribe listener during processing settles as reset", func(t *testing.T) {
		h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
		h.tr.push(jsonResponse(200, successBody, nil))
		done := false
		h.e.Subscribe(func(c Change) {
			if !done && c.Snapshot.Checkout.Status == "processing" {
				done = true
				h.e.Reset()
			}
		})
		out := h.submit()
		assert.Equal(t, OutcomeReset, out.Outcome)
		assert.Equal(t, "idle", h.e.Snapshot().Checkout.Status)
		assert.Equal(t, "idle", h.e.Snapshot().Payment.Status)
	})
	t.Run("issue 9 point 3: a panic inside the attempt restores idle, hasError and a notice", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		unsub := h.e.Registry().Add(observer.PaymentSetup, func(context.Context, any) (any, error) { panic("observer panicked") }, 10, observer.Options{})
		h.tr.push(jsonResponse(200, successBody, nil))
		out := h.submit()
		assertConsistent(t, h, out)
		// And the next attempt works.
		unsub()
		h.tr.push(jsonResponse(200, successBody, nil))
		assert.Equal(t, OutcomeComplete, h.submit().Outcome)
	})
	t.Run("issue 9 point 3: a transport that panics ends like a network failure", func(t *testing.T) {
		h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
		h.tr.push(func(context.Context, storeapi.Request) (*storeapi.Response, error) { panic(nil) })
		out := h.submit()
		assert.Equal(t, OutcomeError, out.Outcome)
		assertConsistent(t, h, out)
		assert.Contains(t, h.notices(), "wc/cart|unknown_error|error|"+storeapi.UnknownErrorMessage(0))
	})
}

func TestSettledObserversNeverDelay(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func(ctx context.Context, data any) (any, error)
	}{
		{"issue 9 point 4: an onAttemptSettled observer that never settles does not delay the outcome or the redirect",
			func(ctx context.Context, _ any) (any, error) { <-ctx.Done(); return nil, ctx.Err() }},
		{"issue 9 point 4: a panicking onAttemptSettled observer is logged", func(context.Context, any) (any, error) { panic("settled observer") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.Cart.NeedsPayment = false })
			ran := make(chan struct{}, 1)
			h.on(observer.AttemptSettled, 10, func(ctx context.Context, d any) (any, error) {
				ran <- struct{}{}
				return tc.fn(ctx, d)
			})
			h.tr.push(jsonResponse(200, successBody, nil))
			start := time.Now()
			out := h.submit()
			assert.Equal(t, OutcomeComplete, out.Outcome)
			assert.Less(t, time.Since(start), time.Second)
			assert.Len(t, h.navigations(), 1, "the redirect happened")
			<-ran
		})
	}
}

// assertConsistent is the invariant every settled attempt leaves: the
// checkout is idle or complete (never stuck before/in/after processing),
// the payment status is not processing/ready unless the checkout completed,
// an error or failed outcome leaves hasError or a notice the shopper can
// act on, and no attempt is current.
func assertConsistent(t *testing.T, h *harness, out Outcome) {
	t.Helper()
	s := h.e.Snapshot()
	require.Nil(t, h.e.Current(), "no attempt is under way after settling")
	require.Contains(t, []string{"idle", "complete"}, s.Checkout.Status, "outcome %s", out.Outcome)
	if s.Checkout.Status != "complete" {
		require.NotContains(t, []string{"processing", "ready"}, s.Payment.Status, "payment status after %s", out.Outcome)
	}
	switch out.Outcome {
	case OutcomeError:
		require.True(t, s.Checkout.HasError, "error: hasError")
		require.NotEmpty(t, s.Notices.All(), "error: a notice tells the shopper")
	case OutcomeComplete:
		require.Equal(t, "complete", s.Checkout.Status)
		require.False(t, s.Checkout.HasError)
	}
	require.Equal(t, out.Status, s.Checkout.Status, "the outcome reports the state it left")
	_ = value.Undef
}

func TestSafeIntegerArguments(t *testing.T) {
	for _, tc := range []struct {
		name string
		arg  any
		ok   bool
	}{
		{"issue 9 point 7: __internalSetCustomerId(1e300) is a TypeError, not 9223372036854776000", 1e300, false},
		{"D34: 2^53 is beyond the safe integers", float64(1 << 53), false},
		{"D34: 2^53-1 is accepted", float64(1<<53 - 1), true},
		{"D34: -5 is accepted", -5.0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			_, err := h.e.Prepare("wc/store/checkout", "__internalSetCustomerId", []any{tc.arg})
			if tc.ok {
				require.NoError(t, err)
				return
			}
			var ae *ArgError
			require.ErrorAs(t, err, &ae)
			assert.Contains(t, err.Error(), "__internalSetCustomerId")
			assert.Contains(t, err.Error(), "safe integer")
		})
	}
}
