package engine

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// waitFor polls cond for up to 2 s (availability updates run in the background).
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for " + what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestDeregisterPaymentMethod(t *testing.T) {
	t.Run("payment-methods.md deregister: the active regular method leaves the registry and availability; ref §14 picks the next", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: always}, false))
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "cod", CanMakePayment: always}, false))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		require.Equal(t, "bacs", h.e.Snapshot().Payment.ActivePaymentMethod)

		assert.True(t, h.e.DeregisterPaymentMethod("bacs", false))
		assert.False(t, h.e.Snapshot().Payment.AvailablePaymentMethods.Has("bacs"), "removed from the available methods at once")
		waitFor(t, func() bool { return h.e.Snapshot().Payment.ActivePaymentMethod == "cod" }, "cod to become active")
		_, ok := h.e.methods.find(h.e.methods.snapshot(false), "bacs")
		assert.False(t, ok, "gone from the registry")
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		assert.Equal(t, []string{"cod"}, h.e.Snapshot().Payment.AvailablePaymentMethods.Keys(), "a later check does not bring it back")
	})
	t.Run("D35: deregistering an express method leaves the regular methods alone", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: always}, false))
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "gpay", CanMakePayment: always}, true))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		require.True(t, h.e.Snapshot().Payment.AvailableExpressPaymentMethods.Has("gpay"))

		assert.True(t, h.e.DeregisterPaymentMethod("gpay", true))
		p := h.e.Snapshot().Payment
		assert.False(t, p.AvailableExpressPaymentMethods.Has("gpay"))
		assert.True(t, p.AvailablePaymentMethods.Has("bacs"))
		assert.Equal(t, "bacs", p.ActivePaymentMethod)
	})
	t.Run("payment-methods.md deregister: an unknown name, or a regular name given as express, changes nothing", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "bacs", CanMakePayment: always}, false))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		before := h.e.Snapshot()
		assert.False(t, h.e.DeregisterPaymentMethod("nope", false))
		assert.False(t, h.e.DeregisterPaymentMethod("bacs", true))
		assert.True(t, before.Payment.Equal(h.e.Snapshot().Payment))
	})
}
