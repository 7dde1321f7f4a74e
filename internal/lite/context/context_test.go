package context_test

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/internal/lite/context"
	"github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// These tests run against the standard package (the default host build,
// where the names are aliases) and against the js/wasm implementation
// (go test -tags lite, or GOOS=js GOARCH=wasm), so both must pass them.

func isDone(c context.Context) bool {
	select {
	case <-c.Done():
		return true
	default:
		return false
	}
}

func waitDone(t *testing.T, c context.Context) {
	t.Helper()
	select {
	case <-c.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("context not done after 5 s")
	}
}

type key string

func TestBackground(t *testing.T) {
	bg := context.Background()
	assert.Nil(t, bg.Done())
	assert.NoError(t, bg.Err())
	assert.Nil(t, bg.Value(key("k")))
	assert.NoError(t, context.Cause(bg))
}

func TestCancel(t *testing.T) {
	t.Run("cancel closes Done, sets Err and Cause to Canceled, and is idempotent", func(t *testing.T) {
		c, cancel := context.WithCancel(context.Background())
		assert.False(t, isDone(c))
		assert.NoError(t, c.Err())
		assert.NoError(t, context.Cause(c))
		cancel()
		cancel()
		assert.True(t, isDone(c))
		assert.Equal(t, context.Canceled, c.Err())
		assert.Equal(t, context.Canceled, context.Cause(c))
	})
	t.Run("cancelling a parent ends its children and grandchildren, not the other way", func(t *testing.T) {
		p, cancelP := context.WithCancel(context.Background())
		c, cancelC := context.WithCancel(p)
		v := context.WithValue(c, key("k"), 1)
		g, cancelG := context.WithCancel(v)
		defer cancelG()
		sib, cancelSib := context.WithCancel(p)
		defer cancelSib()
		cancelC()
		assert.True(t, isDone(g))
		assert.True(t, isDone(v))
		assert.False(t, isDone(p))
		assert.False(t, isDone(sib))
		cancelP()
		assert.True(t, isDone(sib))
		assert.Equal(t, context.Canceled, sib.Err())
	})
	t.Run("a child of a done parent is done at once", func(t *testing.T) {
		p, cancelP := context.WithCancelCause(context.Background())
		why := errors.New("why")
		cancelP(why)
		c, cancel := context.WithCancel(p)
		defer cancel()
		assert.True(t, isDone(c))
		assert.Equal(t, context.Canceled, c.Err())
		assert.Equal(t, why, context.Cause(c))
	})
	t.Run("the cause reaches descendants; nil cause means Canceled", func(t *testing.T) {
		p, cancelP := context.WithCancelCause(context.Background())
		c, cancel := context.WithCancel(context.WithValue(p, key("k"), 1))
		defer cancel()
		why := errors.New("why")
		cancelP(why)
		cancelP(errors.New("later causes are ignored"))
		assert.Equal(t, why, context.Cause(p))
		assert.Equal(t, why, context.Cause(c))
		assert.Equal(t, context.Canceled, c.Err())
		q, cancelQ := context.WithCancelCause(context.Background())
		cancelQ(nil)
		assert.Equal(t, context.Canceled, context.Cause(q))
	})
}

func TestTimeout(t *testing.T) {
	t.Run("runs out with DeadlineExceeded as Err and Cause", func(t *testing.T) {
		c, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		waitDone(t, c)
		assert.Equal(t, context.DeadlineExceeded, c.Err())
		assert.Equal(t, context.DeadlineExceeded, context.Cause(c))
		assert.True(t, errors.Is(c.Err(), context.DeadlineExceeded))
		var te interface{ Timeout() bool }
		require.True(t, errors.As(c.Err(), &te))
		assert.True(t, te.Timeout())
		assert.Equal(t, "context deadline exceeded", c.Err().Error())
	})
	t.Run("cancel before the timeout gives Canceled and the timeout never overrides it", func(t *testing.T) {
		c, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		cancel()
		assert.Equal(t, context.Canceled, c.Err())
		time.Sleep(40 * time.Millisecond)
		assert.Equal(t, context.Canceled, c.Err())
	})
	t.Run("a non-positive timeout is done at once", func(t *testing.T) {
		c, cancel := context.WithTimeout(context.Background(), 0)
		defer cancel()
		assert.True(t, isDone(c))
		assert.Equal(t, context.DeadlineExceeded, c.Err())
	})
	t.Run("a parent's timeout ends the child with DeadlineExceeded", func(t *testing.T) {
		p, cancelP := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancelP()
		c, cancel := context.WithTimeout(p, time.Hour)
		defer cancel()
		waitDone(t, c)
		assert.Equal(t, context.DeadlineExceeded, c.Err())
	})
}

func TestValue(t *testing.T) {
	c := context.WithValue(context.Background(), key("a"), 1)
	c2, cancel := context.WithCancel(c)
	defer cancel()
	c3 := context.WithValue(c2, key("b"), 2)
	c4 := context.WithValue(c3, key("a"), 3)
	assert.Equal(t, 1, c3.Value(key("a")))
	assert.Equal(t, 2, c3.Value(key("b")))
	assert.Equal(t, 3, c4.Value(key("a")), "the nearest value wins")
	assert.Nil(t, c4.Value(key("c")))
	assert.Nil(t, c4.Value("a"), "keys of another type do not match")
	assert.Panics(t, func() { context.WithValue(c, nil, 1) })
	assert.Panics(t, func() { context.WithValue(nil, key("a"), 1) }) //nolint:staticcheck // the nil parent is the point
}

func TestAfterFunc(t *testing.T) {
	t.Run("runs once in its own goroutine when the context ends", func(t *testing.T) {
		c, cancel := context.WithCancel(context.Background())
		ran := make(chan struct{}, 2)
		stop := context.AfterFunc(c, func() { ran <- struct{}{} })
		cancel()
		cancel()
		select {
		case <-ran:
		case <-time.After(5 * time.Second):
			t.Fatal("AfterFunc did not run")
		}
		assert.False(t, stop(), "already started")
		time.Sleep(10 * time.Millisecond)
		assert.Len(t, ran, 0, "ran once")
	})
	t.Run("runs at once for a context already done", func(t *testing.T) {
		c, cancel := context.WithCancel(context.Background())
		cancel()
		ran := make(chan struct{})
		context.AfterFunc(c, func() { close(ran) })
		select {
		case <-ran:
		case <-time.After(5 * time.Second):
			t.Fatal("AfterFunc did not run")
		}
	})
	t.Run("stop before the end prevents the call: true once, then false", func(t *testing.T) {
		c, cancel := context.WithCancel(context.Background())
		var ran atomic.Bool
		stop := context.AfterFunc(c, func() { ran.Store(true) })
		assert.True(t, stop())
		assert.False(t, stop())
		cancel()
		time.Sleep(10 * time.Millisecond)
		assert.False(t, ran.Load())
	})
	t.Run("on Background it never runs and stop reports true", func(t *testing.T) {
		stop := context.AfterFunc(context.Background(), func() { panic("must not run") })
		assert.True(t, stop())
	})
	t.Run("through a value context", func(t *testing.T) {
		c, cancel := context.WithCancel(context.Background())
		ran := make(chan struct{})
		context.AfterFunc(context.WithValue(c, key("k"), 1), func() { close(ran) })
		cancel()
		select {
		case <-ran:
		case <-time.After(5 * time.Second):
			t.Fatal("AfterFunc did not run")
		}
	})
}

func TestConcurrentCancel(t *testing.T) {
	p, cancelP := context.WithCancel(context.Background())
	var children []context.Context
	for range 50 {
		c, cancel := context.WithTimeout(p, time.Millisecond)
		defer cancel()
		children = append(children, c)
		go cancel()
	}
	go cancelP()
	for _, c := range children {
		waitDone(t, c)
		assert.Error(t, c.Err())
	}
	waitDone(t, p)
}
