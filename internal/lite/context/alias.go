//go:build !(js && wasm) && !lite

package context

import (
	stdcontext "context"
	stdtime "time"
)

// The standard package's types, values and functions, under the names the
// js/wasm implementation gives them.
type (
	Context         = stdcontext.Context
	CancelFunc      = stdcontext.CancelFunc
	CancelCauseFunc = stdcontext.CancelCauseFunc
)

var (
	// Canceled is context.Canceled.
	Canceled = stdcontext.Canceled
	// DeadlineExceeded is context.DeadlineExceeded.
	DeadlineExceeded = stdcontext.DeadlineExceeded
)

// Background is context.Background.
func Background() Context { return stdcontext.Background() }

// WithCancel is context.WithCancel.
func WithCancel(parent Context) (Context, CancelFunc) { return stdcontext.WithCancel(parent) }

// WithCancelCause is context.WithCancelCause.
func WithCancelCause(parent Context) (Context, CancelCauseFunc) {
	return stdcontext.WithCancelCause(parent)
}

// WithTimeout is context.WithTimeout.
func WithTimeout(parent Context, d stdtime.Duration) (Context, CancelFunc) {
	return stdcontext.WithTimeout(parent, d)
}

// WithValue is context.WithValue.
func WithValue(parent Context, key, val any) Context { return stdcontext.WithValue(parent, key, val) }

// AfterFunc is context.AfterFunc.
func AfterFunc(ctx Context, f func()) (stop func() bool) { return stdcontext.AfterFunc(ctx, f) }

// Cause is context.Cause.
func Cause(c Context) error { return stdcontext.Cause(c) }
