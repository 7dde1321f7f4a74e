// Package trace holds the trace record of D20/D24 and a bounded,
// concurrency-safe log of them.
//
// A checkout instance owns one Log. The engine adds a record for every
// status change, every observer call (through the observer emitter's Trace
// hook), every checkout request and every redirect decision; JS reads the log
// with getTrace() and empties it with clearTrace(). The package imports only
// the standard library and knows nothing about JS values: the bridge turns a
// Record into the plain object of D24.
package trace

import (
	"sync"

	"github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// Record kinds (D24).
const (
	KindStatus   = "status"   // a checkout or payment status change
	KindObserver = "observer" // one observer call
	KindRequest  = "request"  // one checkout request to the Store API
	KindRedirect = "redirect" // a redirect decision (D16, D25)
)

// Observer call results (D24) as written into Record.Result for
// KindObserver records. A typed response writes its own type string
// ("success", "error", "failure", or any other type string).
const (
	ResultNone      = "none"      // the observer returned something that is not a typed plain object
	ResultThrow     = "throw"     // the observer threw, rejected or panicked
	ResultTimeout   = "timeout"   // the observer's time budget ran out (D17)
	ResultCancelled = "cancelled" // the attempt ended or was reset while the observer ran (D18)
)

// Record is one trace entry (D20, D24).
type Record struct {
	// Time is when the record was made (for an observer call: when it settled).
	Time time.Time
	// AttemptID is the checkout attempt the record belongs to ("" outside an attempt).
	AttemptID string
	// Kind is KindStatus, KindObserver, KindRequest or KindRedirect.
	Kind string
	// Event is the observer event type (observer records) or a short name
	// of what happened (other kinds).
	Event string
	// Label names the observer (its label option, else its function name,
	// else "observer#<id>"); free text for other kinds.
	Label string
	// Priority is the observer's priority (observer records only).
	Priority float64
	// DurationMs is how long the observer call or request took, in milliseconds.
	DurationMs float64
	// Result is, for observers: the response type ("success", "error",
	// "failure", or another type string), ResultNone, ResultThrow,
	// ResultTimeout or ResultCancelled; for other kinds free text such as
	// "ok" or "refused".
	Result string
	// Status and PaymentStatus are the checkout and payment status when the
	// record was made.
	Status, PaymentStatus string
	// URL is the redirect target (redirect records, D16, D25).
	URL string
	// Message is optional detail (an error message, a timeout message).
	Message string
}

// DefaultLimit is the bound NewLog uses for a limit that is not positive,
// and the bound of a zero Log.
const DefaultLimit = 1000

// Log is a bounded list of records, oldest first. When a record is added to
// a full log the oldest record is dropped. All methods are safe for
// concurrent use. The zero Log is ready to use with DefaultLimit.
type Log struct {
	mu      sync.Mutex
	limit   int
	buf     []Record // ring buffer, len(buf) <= limit
	start   int      // index of the oldest record in buf once buf is full
	dropped int
}

// NewLog returns an empty log that keeps at most limit records.
// A limit of 0 or less means DefaultLimit.
func NewLog(limit int) *Log {
	if limit <= 0 {
		limit = DefaultLimit
	}
	return &Log{limit: limit}
}

func (l *Log) bound() int {
	if l.limit <= 0 {
		return DefaultLimit
	}
	return l.limit
}

// Add appends r. If the log already holds its limit of records, the oldest
// one is dropped first.
func (l *Log) Add(r Record) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buf) < l.bound() {
		l.buf = append(l.buf, r)
		return
	}
	l.buf[l.start] = r
	l.start = (l.start + 1) % len(l.buf)
	l.dropped++
}

// Records returns a copy of the records, oldest first. The caller may keep
// and modify the returned slice; it never changes the log.
func (l *Log) Records() []Record {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Record, 0, len(l.buf))
	out = append(out, l.buf[l.start:]...)
	return append(out, l.buf[:l.start]...)
}

// Len returns the number of records held.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buf)
}

// Limit returns the most records the log keeps.
func (l *Log) Limit() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.bound()
}

// Dropped returns how many records were dropped because the log was full
// since it was made or last cleared.
func (l *Log) Dropped() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.dropped
}

// Clear removes every record and resets the Dropped count. The limit stays.
func (l *Log) Clear() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = nil
	l.start = 0
	l.dropped = 0
}
