//go:build (js && wasm) || lite

// Package time is the part of the standard library's time package the
// checkout uses (durations, the clock, AfterFunc timers), without time
// zones, formatting or parsing, and without importing the standard package
// (whose init pulls in internal/godebug). In builds other than js/wasm its
// names are aliases of the standard package (alias.go) unless the "lite"
// build tag is set.
//
// The clock and the timers are the Go runtime's own (the functions the
// standard package is linked to): Now reads the same wall and monotonic
// clocks, and an AfterFunc timer is scheduled by the same runtime timer
// heap as time.AfterFunc, so timing behaves exactly as with the standard
// package.
package time

import _ "unsafe" // go:linkname

// A Duration is an elapsed time in nanoseconds, as time.Duration.
type Duration int64

// Common durations, as in the standard package.
const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

// Microseconds returns d as an integer microsecond count (truncated).
func (d Duration) Microseconds() int64 { return int64(d) / 1e3 }

// Milliseconds returns d as an integer millisecond count (truncated).
func (d Duration) Milliseconds() int64 { return int64(d) / 1e6 }

// Seconds returns d as a floating-point number of seconds.
func (d Duration) Seconds() float64 {
	sec := d / Second
	nsec := d % Second
	return float64(sec) + float64(nsec)/1e9
}

// A Time is an instant: the wall clock (Unix seconds and nanoseconds) and,
// for a Time returned by Now, a monotonic clock reading that Sub and Since
// use, as in the standard package. The zero Time has neither reading;
// IsZero reports true for it and its Unix readings are those of the
// standard package's zero Time (January 1, year 1, UTC).
type Time struct {
	sec  int64 // Unix seconds
	nsec int32 // [0, 1e9)
	mono int64 // runtime monotonic clock; 0: none
	wall bool  // the wall reading is set (false only for the zero Time)
}

//go:linkname now time.now
func now() (sec int64, nsec int32, mono int64)

// Now returns the current wall time with a monotonic clock reading.
func Now() Time {
	sec, nsec, mono := now()
	if mono == 0 {
		mono = 1 // keep "has a monotonic reading" (a runtime started at 0 ns)
	}
	return Time{sec: sec, nsec: nsec, mono: mono, wall: true}
}

// Unix returns the Time of the given Unix seconds and nanoseconds (nsec may
// be outside [0, 1e9)); it has no monotonic reading.
func Unix(sec, nsec int64) Time {
	if nsec < 0 || nsec >= 1e9 {
		n := nsec / 1e9
		sec += n
		nsec -= n * 1e9
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	return Time{sec: sec, nsec: int32(nsec), wall: true}
}

// IsZero reports whether t is the zero Time.
func (t Time) IsZero() bool { return !t.wall && t.mono == 0 }

// UnixNano returns t as Unix nanoseconds (wrapping beyond int64's range,
// as in the standard package).
func (t Time) UnixNano() int64 { return t.unixSec()*1e9 + int64(t.nsec) }

// UnixMilli returns t as Unix milliseconds.
func (t Time) UnixMilli() int64 { return t.unixSec()*1e3 + int64(t.nsec)/1e6 }

// unixSec is t's Unix seconds; for the zero Time those of January 1, year 1.
func (t Time) unixSec() int64 {
	if !t.wall {
		return zeroUnixSec
	}
	return t.sec
}

const zeroUnixSec = -62135596800

// Sub returns t-u: from the monotonic readings when both have one, else from
// the wall readings; clamped to the Duration range.
func (t Time) Sub(u Time) Duration {
	if t.mono != 0 && u.mono != 0 {
		return Duration(t.mono - u.mono)
	}
	ds := t.sec - u.sec
	dn := int64(t.nsec) - int64(u.nsec)
	const maxSec = (1<<63 - 1) / 1000000000
	switch {
	case ds > maxSec:
		return 1<<63 - 1
	case ds < -maxSec:
		return -1 << 63
	}
	return Duration(ds*1e9 + dn)
}

// Since returns Now().Sub(t).
func Since(t Time) Duration { return Now().Sub(t) }

// Before reports whether t is before u (monotonic readings when both have
// one).
func (t Time) Before(u Time) bool { return t.Sub(u) < 0 }

// After reports whether t is after u (monotonic readings when both have
// one).
func (t Time) After(u Time) bool { return t.Sub(u) > 0 }

// Add returns t+d (both readings moved).
func (t Time) Add(d Duration) Time {
	r := Unix(t.sec, int64(t.nsec)+int64(d))
	if t.mono != 0 {
		r.mono = t.mono + int64(d)
		if r.mono == 0 {
			r.mono = 1
		}
	}
	return r
}

// runtimeTimer is the runtime's timer (runtime.timeTimer), opaque here.
type runtimeTimer struct{ _ uintptr }

//go:linkname newTimer time.newTimer
func newTimer(when, period int64, f func(arg any, seq uintptr, delay int64), arg any, c *runtimeTimer) *runtimeTimer

//go:linkname stopTimer time.stopTimer
func stopTimer(t *runtimeTimer) bool

//go:linkname nanotime runtime.nanotime
func nanotime() int64

// A Timer is a timer made by AfterFunc.
type Timer struct{ r *runtimeTimer }

// when is the runtime clock at d from now, as the standard package computes
// it (a non-positive d fires at once; overflow saturates).
func when(d Duration) int64 {
	t := nanotime()
	if d <= 0 {
		return t
	}
	w := t + int64(d)
	if w < 0 {
		w = 1<<63 - 1
	}
	return w
}

// goFunc is the timer callback: like the standard package, it starts f in
// its own goroutine (the runtime calls it from its timer code, where it must
// not block).
func goFunc(arg any, _ uintptr, _ int64) { go arg.(func())() }

// AfterFunc waits for d and then calls f in its own goroutine. The Timer's
// Stop cancels the call.
func AfterFunc(d Duration, f func()) *Timer {
	return &Timer{r: newTimer(when(d), 0, goFunc, f, nil)}
}

// Stop prevents the Timer from firing. It returns true if the call stops the
// timer, false if the timer has already fired or been stopped.
func (t *Timer) Stop() bool {
	if t == nil || t.r == nil {
		panic("time: Stop called on uninitialized Timer")
	}
	return stopTimer(t.r)
}

// Sleep pauses the current goroutine for at least d.
func Sleep(d Duration) {
	if d <= 0 {
		return
	}
	done := make(chan struct{})
	AfterFunc(d, func() { close(done) })
	<-done
}

// After waits for d and then sends the current time on the returned channel
// (buffered: the timer never blocks).
func After(d Duration) <-chan Time {
	c := make(chan Time, 1)
	AfterFunc(d, func() { c <- Now() })
	return c
}
