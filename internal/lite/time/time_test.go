package time_test

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// These tests run against the standard package (the default host build,
// where the names are aliases) and against the js/wasm implementation
// (go test -tags lite, or GOOS=js GOARCH=wasm), so both must pass them.

func TestDuration(t *testing.T) {
	tests := []struct {
		name string
		d    time.Duration
		us   int64
		ms   int64
		s    float64
	}{
		{"zero", 0, 0, 0, 0},
		{"1.5 ms", 1500 * time.Microsecond, 1500, 1, 0.0015},
		{"negative", -2500 * time.Millisecond, -2500000, -2500, -2.5},
		{"an hour", time.Hour, 3600e6, 3600e3, 3600},
		{"a minute", time.Minute, 60e6, 60e3, 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.us, tt.d.Microseconds())
			assert.Equal(t, tt.ms, tt.d.Milliseconds())
			assert.InDelta(t, tt.s, tt.d.Seconds(), 1e-12)
		})
	}
}

func TestTime(t *testing.T) {
	t.Run("Now is monotonic and Sub/Since/Before/After agree", func(t *testing.T) {
		a := time.Now()
		time.Sleep(5 * time.Millisecond)
		b := time.Now()
		require.GreaterOrEqual(t, b.Sub(a), 5*time.Millisecond)
		assert.Equal(t, -b.Sub(a), a.Sub(b))
		assert.GreaterOrEqual(t, time.Since(a), b.Sub(a))
		assert.True(t, a.Before(b))
		assert.True(t, b.After(a))
		assert.False(t, a.IsZero())
		assert.Equal(t, b.Sub(a), b.Sub(a.Add(0)))
		assert.Equal(t, time.Second, a.Add(time.Second).Sub(a))
	})
	t.Run("the wall clock is Unix time", func(t *testing.T) {
		ms := time.Now().UnixMilli()
		assert.Greater(t, ms, int64(1.7e12), "after 2023")
		assert.InDelta(t, float64(ms), float64(time.Now().UnixNano()/1e6), 1000)
	})
	t.Run("Unix normalises nanoseconds; Sub without monotonic readings uses the wall clock", func(t *testing.T) {
		a := time.Unix(10, 1500e6)
		b := time.Unix(11, 500e6)
		assert.Equal(t, b.UnixNano(), a.UnixNano())
		assert.Equal(t, int64(11500), a.UnixMilli())
		c := time.Unix(5, -1)
		assert.Equal(t, int64(4999999999), c.UnixNano())
		assert.Equal(t, 6500*time.Millisecond, a.Sub(time.Unix(5, 0)))
		assert.Equal(t, time.Duration(1<<63-1), time.Unix(1<<40, 0).Sub(time.Unix(0, 0)), "clamped")
	})
	t.Run("the zero Time", func(t *testing.T) {
		var z time.Time
		assert.True(t, z.IsZero())
		assert.Equal(t, int64(-62135596800000), z.UnixMilli())
	})
}

func TestAfterFunc(t *testing.T) {
	t.Run("fires once in its own goroutine after d", func(t *testing.T) {
		start := time.Now()
		done := make(chan time.Duration, 1)
		time.AfterFunc(10*time.Millisecond, func() { done <- time.Since(start) })
		select {
		case d := <-done:
			assert.GreaterOrEqual(t, d, 10*time.Millisecond)
		case <-time.After(5 * time.Second):
			t.Fatal("timer did not fire")
		}
	})
	t.Run("Stop before firing prevents the call and reports true, then false", func(t *testing.T) {
		var fired atomic.Bool
		tm := time.AfterFunc(20*time.Millisecond, func() { fired.Store(true) })
		assert.True(t, tm.Stop())
		assert.False(t, tm.Stop())
		time.Sleep(40 * time.Millisecond)
		assert.False(t, fired.Load())
	})
	t.Run("Stop after firing reports false", func(t *testing.T) {
		done := make(chan struct{})
		tm := time.AfterFunc(0, func() { close(done) })
		<-done
		assert.False(t, tm.Stop())
	})
	t.Run("a negative duration fires at once", func(t *testing.T) {
		done := make(chan struct{})
		time.AfterFunc(-time.Hour, func() { close(done) })
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("timer did not fire")
		}
	})
}
