package engine

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/trace"
)

func TestStatusStrings(t *testing.T) {
	t.Run("D1: statuses are the reference strings with underscores (ref §1.2, §1.3)", func(t *testing.T) {
		// D1 / ref §1.2: underscores; D2: pristine first. ref §1.3: has_error, express_started.
		assert.Equal(t, []string{"pristine", "idle", "before_processing", "processing", "after_processing", "complete"},
			[]string{store.StatusPristine, store.StatusIdle, store.StatusBeforeProcessing, store.StatusProcessing, store.StatusAfterProcessing, store.StatusComplete})
		assert.Equal(t, []string{"idle", "express_started", "processing", "ready", "has_error"},
			[]string{store.PaymentIdle, store.PaymentExpressStarted, store.PaymentProcessing, store.PaymentReady, store.PaymentError})
		// Every status the flow produces is one of these strings.
		h := newHarness(t)
		h.registerMethod("bacs")
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		h.tr.push(jsonResponse(200, successBody, nil))
		h.submit()
		for _, line := range h.sequence() {
			assert.NotContains(t, line, "-processing", "D1: no hyphenated status")
		}
	})
}

func TestPaymentReactions(t *testing.T) {
	t.Run("ref §7 R5: ready survives checkout idle (edge: isIdle changed, but ready)", func(t *testing.T) {
		h := newHarness(t)
		dispatch(t, h.e, "wc/store/payment", "__internalSetPaymentReady")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetIdle")
		assert.Equal(t, "ready", h.e.Snapshot().Payment.Status, "ref §8.2: ready survives checkout idle")
	})
	t.Run("ref §7 R5: checkout becoming idle resets a processing payment", func(t *testing.T) {
		h := newHarness(t)
		dispatch(t, h.e, "wc/store/checkout", "__internalSetProcessing")
		dispatch(t, h.e, "wc/store/payment", "__internalSetPaymentProcessing")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetIdle")
		assert.Equal(t, "idle", h.e.Snapshot().Payment.Status)
	})
	t.Run("ref §7 R5: is edge-triggered: express started while checkout is already idle stays", func(t *testing.T) {
		h := newHarness(t)
		dispatch(t, h.e, "wc/store/checkout", "__internalSetIdle")
		dispatch(t, h.e, "wc/store/payment", "__internalSetExpressPaymentStarted")
		assert.Equal(t, "express_started", h.e.Snapshot().Payment.Status)
	})
	t.Run("ref §7 R6: hasError with ready → payment idle", func(t *testing.T) {
		h := newHarness(t)
		dispatch(t, h.e, "wc/store/checkout", "__internalSetAfterProcessing")
		dispatch(t, h.e, "wc/store/payment", "__internalSetPaymentReady")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetHasError", true)
		s := h.e.Snapshot()
		assert.Equal(t, "idle", s.Payment.Status)
		assert.Equal(t, "after_processing", s.Checkout.Status, "ref §2.2: SetHasError keeps after_processing")
	})
	t.Run("ref §2.2: SetHasError(false) while processing still goes idle", func(t *testing.T) {
		h := newHarness(t)
		dispatch(t, h.e, "wc/store/checkout", "__internalSetProcessing")
		dispatch(t, h.e, "wc/store/checkout", "__internalSetHasError", false)
		assert.Equal(t, "idle", h.e.Snapshot().Checkout.Status)
	})
}

func TestDebugLog(t *testing.T) {
	t.Run("D20: debug mode logs transitions and observer calls", func(t *testing.T) {
		l := &debugLogger{}
		e := New(Config{Debug: true, Logger: l, Cart: CartConfig{NeedsPayment: false}, Transport: &fakeTransport{}})
		<-e.Submit().Done()
		assert.NotEmpty(t, l.lines)
		all := strings.Join(l.lines, "\n")
		assert.True(t, strings.Contains(all, "before_processing"), "transitions are logged")
		assert.True(t, strings.Contains(all, "observer wc/checkout-processor on checkout_validation (priority 0)"), "observer calls are logged")
	})
}

type debugLogger struct {
	logger
	lines []string
}

func (d *debugLogger) Debug(m string) { d.mu.Lock(); d.lines = append(d.lines, m); d.mu.Unlock() }

func TestTrace(t *testing.T) {
	t.Run("D24: the trace records statuses, each observer call, the request and the redirect (D20)", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		h.e.Registry().Add(observer.PaymentSetup, returns(obj(`{"type":"success"}`)), 5, observer.Options{Label: "bacs-setup"})
		h.tr.push(jsonResponse(200, successBody, nil))
		out := h.submit()
		kinds := map[string]int{}
		var setup bool
		for _, r := range h.e.Trace() {
			kinds[r.Kind]++
			if r.Kind == "observer" && r.Label == "bacs-setup" {
				setup = true
				assert.Equal(t, "payment_setup", r.Event)
				assert.Equal(t, "success", r.Result)
				assert.Equal(t, 5.0, r.Priority)
				assert.Equal(t, out.AttemptID, r.AttemptID)
			}
		}
		assert.True(t, setup)
		assert.Positive(t, kinds["status"])
		assert.Equal(t, 1, kinds["request"])
		assert.Equal(t, 1, kinds["redirect"])
		h.e.ClearTrace()
		assert.Empty(t, h.e.Trace())
	})
	t.Run("D20 (issue 10 memory): the trace keeps the last DefaultTraceLimit records, the oldest dropped first", func(t *testing.T) {
		h := newHarness(t)
		for i := 0; i < DefaultTraceLimit+20; i++ {
			h.e.traces.Add(trace.Record{Kind: trace.KindStatus, Event: strconv.Itoa(i)})
		}
		got := h.e.Trace()
		require.Len(t, got, DefaultTraceLimit)
		assert.Equal(t, "20", got[0].Event)
		assert.Equal(t, strconv.Itoa(DefaultTraceLimit+19), got[len(got)-1].Event)
	})
}

func TestUpdateAllocations(t *testing.T) {
	t.Run("issue 10 memory: a store change allocates no copy of the snapshot (update's working copy is kept)", func(t *testing.T) {
		e := New(Config{})
		notes := []any{"a"}
		other := []any{"b"}
		ctx := context.Background()
		change := func() {
			_ = e.Dispatch(ctx, "wc/store/checkout", "__internalSetOrderNotes", notes)
			_ = e.Dispatch(ctx, "wc/store/checkout", "__internalSetOrderNotes", other)
		}
		change()
		// The least of five rounds: other tests' goroutines may allocate
		// during one.
		perChange := -1.0
		for round := 0; round < 5; round++ {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			const n = 100
			for i := 0; i < n; i++ {
				change()
			}
			runtime.ReadMemStats(&after)
			if b := float64(after.TotalAlloc-before.TotalAlloc) / (2 * n); perChange < 0 || b < perChange {
				perChange = b
			}
		}
		size := float64(unsafe.Sizeof(store.Snapshot{}))
		t.Logf("%.0f bytes allocated per change; a Snapshot is %.0f bytes", perChange, size)
		// What is left per change (the changed-store list, the change
		// channel, the action's own work) is less than one Snapshot; a
		// copy to the heap per change (or a change queue growing anew)
		// would add one or two.
		assert.Less(t, perChange, size)
		assert.Equal(t, store.Snapshot{}, e.scratch, "the working copy holds nothing between updates")
	})
}

func TestListenerPanic(t *testing.T) {
	t.Run("a panicking store listener is recovered and logged; the change stands", func(t *testing.T) {
		h := newHarness(t)
		h.e.Subscribe(func(Change) { panic("listener bug") })
		dispatch(t, h.e, "wc/store/checkout", "__internalSetOrderNotes", "x")
		assert.Equal(t, "x", h.e.Snapshot().Checkout.OrderNotes)
		assert.NotEmpty(t, h.log.errors)
	})
}

func TestViews(t *testing.T) {
	t.Run("D2: the checkout view publishes its selectors; isIdle is false while pristine", func(t *testing.T) {
		h := newHarness(t)
		v := h.e.View(store.CheckoutKey)
		require.NotNil(t, v)
		assert.Equal(t, "pristine", v.Get("getCheckoutStatus"))
		assert.Equal(t, false, v.Get("isIdle"), "D2: isIdle false while pristine")
	})
}

func TestWarn(t *testing.T) {
	t.Run("D30: each deprecation warns once per name", func(t *testing.T) {
		h := newHarness(t)
		h.e.Warn("x", "x is deprecated")
		h.e.Warn("x", "x is deprecated")
		h.e.Warn("y", "y is deprecated")
		assert.Equal(t, []string{"x is deprecated", "y is deprecated"}, h.log.warns)
	})
}
