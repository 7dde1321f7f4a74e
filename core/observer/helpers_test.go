package observer

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wcblocks/checkoutwasm/core/trace"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// returns is an observer that returns v.
func returns(v any) Func {
	return func(context.Context, any) (any, error) { return v, nil }
}

// throws is an observer that rejects with msg.
func throws(msg string) Func {
	return func(context.Context, any) (any, error) { return value.Undef, errors.New(msg) }
}

// blocks is an observer that waits for its ctx and then rejects with the ctx
// error, as a well-behaved JS observer honouring its AbortSignal would.
func blocks(started chan<- struct{}) Func {
	return func(ctx context.Context, _ any) (any, error) {
		if started != nil {
			close(started)
		}
		<-ctx.Done()
		return value.Undef, ctx.Err()
	}
}

// calls records which observers ran, in order (safe for concurrent use).
type calls struct {
	mu    sync.Mutex
	names []string
}

func (c *calls) add(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.names = append(c.names, name)
}

func (c *calls) list() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.names...)
}

// named wraps fn so that its calls are recorded in c under name.
func (c *calls) named(name string, fn Func) Func {
	return func(ctx context.Context, data any) (any, error) {
		c.add(name)
		return fn(ctx, data)
	}
}

// errLog collects LogError calls.
type errLog struct {
	mu   sync.Mutex
	msgs []string
	errs []error
}

func (l *errLog) log(msg string, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs = append(l.msgs, msg)
	l.errs = append(l.errs, err)
}

func (l *errLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.errs)
}

// traceSink collects trace records.
type traceSink struct {
	mu   sync.Mutex
	recs []trace.Record
}

func (s *traceSink) add(r trace.Record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.recs = append(s.recs, r)
}

func (s *traceSink) records() []trace.Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]trace.Record(nil), s.recs...)
}

// fakeClock advances by step on every Now call.
type fakeClock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.t
	c.t = c.t.Add(c.step)
	return now
}

// assertValues checks two value lists with value.Equal, reporting the index.
func assertValues(t *testing.T, want, got []any) {
	t.Helper()
	if !assert.Len(t, got, len(want)) {
		return
	}
	for i := range want {
		assert.Truef(t, value.Equal(want[i], got[i]), "value %d: want %#v, got %#v", i, want[i], got[i])
	}
}

func responsesAsAny(rs []*value.Object) []any {
	out := make([]any, len(rs))
	for i, r := range rs {
		out[i] = r
	}
	return out
}

func callValues(cs []Call) []any {
	out := make([]any, len(cs))
	for i, c := range cs {
		out[i] = c.Value
	}
	return out
}

func callLabels(cs []Call) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Sub.Label
	}
	return out
}
