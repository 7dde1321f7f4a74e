//go:build !(js && wasm) && !lite

package time

import stdtime "time"

// The standard package's types and functions, under the names the
// js/wasm implementation gives them.
type (
	Duration = stdtime.Duration
	Time     = stdtime.Time
	Timer    = stdtime.Timer
)

const (
	Nanosecond  = stdtime.Nanosecond
	Microsecond = stdtime.Microsecond
	Millisecond = stdtime.Millisecond
	Second      = stdtime.Second
	Minute      = stdtime.Minute
	Hour        = stdtime.Hour
)

// Now is time.Now.
func Now() Time { return stdtime.Now() }

// Since is time.Since.
func Since(t Time) Duration { return stdtime.Since(t) }

// Unix is time.Unix.
func Unix(sec, nsec int64) Time { return stdtime.Unix(sec, nsec) }

// AfterFunc is time.AfterFunc.
func AfterFunc(d Duration, f func()) *Timer { return stdtime.AfterFunc(d, f) }

// Sleep is time.Sleep.
func Sleep(d Duration) { stdtime.Sleep(d) }

// After is time.After.
func After(d Duration) <-chan Time { return stdtime.After(d) }
