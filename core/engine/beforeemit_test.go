package engine

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestBeforeEmit(t *testing.T) {
	t.Run("D43: the hook runs before each attempt event, in event order, before its observers", func(t *testing.T) {
		var mu sync.Mutex
		var hooks []observer.Event
		var h *harness
		h = newHarness(t, func(c *Config) {
			c.BeforeEmit = func(ev observer.Event) func(context.Context) error {
				mu.Lock()
				hooks = append(hooks, ev)
				mu.Unlock()
				h.mu.Lock()
				h.seq = append(h.seq, "hook "+string(ev))
				h.lastLine = ""
				h.mu.Unlock()
				return nil
			}
		})
		h.registerMethod("bacs")
		h.tr.push(jsonResponse(200, successBody, nil))
		assert.Equal(t, "complete", h.submit().Outcome)
		assert.Equal(t, []observer.Event{observer.CheckoutValidation, observer.PaymentSetup, observer.CheckoutSuccess}, hooks)
		var order []string
		for _, line := range h.sequence() {
			if len(line) > 5 && (line[:5] == "hook " || line[:6] == "event ") {
				order = append(order, line)
			}
		}
		assert.Equal(t, []string{
			"hook checkout_validation", "event checkout_validation",
			"hook payment_setup", "event payment_setup",
			"hook checkout_success", "event checkout_success",
		}, order)
	})
	t.Run("D43: an observer a re-render registers inside the hook runs; the one it removed does not", func(t *testing.T) {
		var calls []string
		var mu sync.Mutex
		record := func(s string) func(context.Context, any) (any, error) {
			return func(context.Context, any) (any, error) {
				mu.Lock()
				calls = append(calls, s)
				mu.Unlock()
				return value.Undef, nil
			}
		}
		var h *harness
		var unsubscribeStale func()
		h = newHarness(t, func(c *Config) {
			c.BeforeEmit = func(ev observer.Event) func(context.Context) error {
				if ev != observer.PaymentSetup {
					return nil
				}
				return func(context.Context) error { // the component re-renders: cleanup, then a fresh effect
					unsubscribeStale()
					h.e.Registry().Add(observer.PaymentSetup, record("fresh"), 10, observer.Options{})
					return nil
				}
			}
		})
		h.registerMethod("bacs")
		unsubscribeStale = h.e.Registry().Add(observer.PaymentSetup, record("stale"), 10, observer.Options{})
		h.tr.push(jsonResponse(200, successBody, nil))
		assert.Equal(t, "complete", h.submit().Outcome)
		assert.Equal(t, []string{"fresh"}, calls)
	})
	t.Run("D43: a hook that never returns delays an event by at most BeforeEmitTimeout; an error is logged and the emit goes on", func(t *testing.T) {
		var h *harness
		n := 0
		h = newHarness(t, func(c *Config) {
			c.BeforeEmit = func(ev observer.Event) func(context.Context) error {
				n++
				switch ev {
				case observer.CheckoutValidation:
					return func(ctx context.Context) error {
						<-ctx.Done() // a renderer that never settles
						return ctx.Err()
					}
				case observer.PaymentSetup:
					panic("renderer exploded")
				}
				return func(context.Context) error { return errors.New("flush failed") }
			}
		})
		h.registerMethod("bacs")
		h.tr.push(jsonResponse(200, successBody, nil))
		start := time.Now()
		assert.Equal(t, "complete", h.submit().Outcome)
		assert.Less(t, time.Since(start), BeforeEmitTimeout+2*time.Second)
		assert.Equal(t, 3, n)
		require.Len(t, h.log.errors, 3, "timeout, panic and error are each logged once")
	})
	t.Run("D43: without a hook nothing waits", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		h.tr.push(jsonResponse(200, successBody, nil))
		assert.Equal(t, "complete", h.submit().Outcome)
	})
}
