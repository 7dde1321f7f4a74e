package observer

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/wcblocks/checkoutwasm/internal/lite/context"
	"github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// DefaultPriority is the priority JS registrations use when none is given
// (ref §5.1). Registry.Add always takes an explicit priority.
const DefaultPriority = 10

// Func is one observer. data is the event payload (a value tree, the same
// one for every observer of an emission). It returns the observer's value
// (value.Undef when it returned nothing, nil for JS null) or a non-nil error
// for a throw or a rejected Promise; with a non-nil error the value is
// ignored. A panic is recovered by the emitter and treated as a throw.
//
// ctx carries the attempt id (AttemptID) and is cancelled when the attempt
// ends or is reset, or when this call's time budget runs out (D17, D18); on
// a budget expiry context.Cause(ctx) is a *TimeoutError. The observer may
// keep using ctx after it returned: it is not cancelled merely because the
// call settled.
type Func func(ctx context.Context, data any) (any, error)

// Options are the per-subscription options of js-api `onX(cb, priority, {label, timeoutMs})`.
type Options struct {
	// Label names the observer in traces and messages (D24). Empty means
	// "observer#<id>". The bridge passes the JS function's name here when
	// the label option is absent.
	Label string
	// Timeout is the D17 per-subscription budget. 0 (or negative) means
	// the emitter's page-wide default for the event.
	Timeout time.Duration
	// Prompt promises that Fn returns as soon as its ctx is done (with
	// ctx's error, or its own result if it had one first) and never blocks
	// on anything else that only the emitter could release. The emitter
	// then calls Fn on its own goroutine instead of handing the call to
	// another one and waiting for it: the outcome is the same, without two
	// goroutine switches per call. The bridge's JS observers are Prompt
	// (they wait for their Promise or ctx, whichever comes first).
	Prompt bool
	// Start, when set, calls the observer without waiting for its answer
	// (StartFunc); the emitter then never calls Fn. With it an emission
	// goes on from wherever the answer arrives — inside the module export
	// that carries it, for the bridge's JS observers — instead of waking
	// the emitter's goroutine once per observer (issue 10).
	Start StartFunc
}

// StartFunc calls an observer without waiting for its answer. It must call
// settle exactly once with what the observer answered, as Func returns it
// (the value, or a non-nil error for a throw or rejection): before it
// returns when the answer is already there, else later from any
// goroutine. settle runs the rest of the emission up to the next observer
// that answers later, and reports whether that stayed quiet: it started no
// goroutine, armed no timer and readied nothing that waits (the caller of
// settle may then skip a turn of Go's scheduler). Start may return an
// abandon function: the emitter calls it when it stops waiting first (the
// call's budget ran out, the attempt ended), and a settle after that is
// ignored. A panic in Start counts as a throw. Start must not block.
type StartFunc func(ctx context.Context, data any, settle func(v any, err error) (quiet bool)) (abandon func())

// Subscription is one registered observer, as a snapshot returned by
// Registry.Sorted.
type Subscription struct {
	ID       int     // 1, 2, 3, ... in registration order across all events (D5)
	Event    Event   // the event it is registered for
	Priority float64 // lower runs first (ref §5.2)
	Label    string  // Options.Label, else "observer#<ID>"
	Timeout  time.Duration
	Prompt   bool      // Options.Prompt
	Start    StartFunc // Options.Start
	Fn       Func
}

// Registry holds the observers of one checkout instance, per event. It is
// safe for concurrent use; the zero Registry is ready to use.
//
// Lists are copy-on-write (ref §5.1): adding or removing an observer never
// changes a snapshot already taken by Sorted, so an emission in progress
// calls exactly the observers registered when it started (ref §5.2).
type Registry struct {
	mu     sync.Mutex
	last   int                      // last id handed out (D5: counter, never random)
	subs   map[Event][]Subscription // registration order; never modified in place
	bySort map[Event][]Subscription // sorted's snapshots, dropped by each change to their event
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{} }

// Add registers fn for ev with the given priority and options and returns a
// function that removes exactly this registration (ref §5.1). Registering
// the same fn twice creates two entries, each called once per emission.
// Calling unsubscribe more than once, or after other registrations were
// removed, is harmless. Ids are a counter starting at 1 (D5). Any Event
// string is accepted.
//
// Add panics if fn is nil or priority is NaN (programmer errors: the bridge
// rejects such JS arguments with a TypeError first, D34). ±Inf priorities
// are accepted and sort first/last. A negative Timeout is treated as 0.
func (r *Registry) Add(ev Event, fn Func, priority float64, opts Options) (unsubscribe func()) {
	if fn == nil {
		panic("observer: Registry.Add with a nil Func")
	}
	if math.IsNaN(priority) {
		panic("observer: Registry.Add with a NaN priority")
	}
	timeout := max(opts.Timeout, 0)

	r.mu.Lock()
	r.last++
	id := r.last
	label := opts.Label
	if label == "" {
		label = "observer#" + strconv.Itoa(id)
	}
	sub := Subscription{ID: id, Event: ev, Priority: priority, Label: label, Timeout: timeout, Prompt: opts.Prompt, Start: opts.Start, Fn: fn}
	if r.subs == nil {
		r.subs = map[Event][]Subscription{}
	}
	old := r.subs[ev]
	// Full slice expression: append always copies, old snapshots stay intact.
	r.subs[ev] = append(old[:len(old):len(old)], sub)
	delete(r.bySort, ev)
	r.mu.Unlock()

	return func() { r.remove(ev, id) }
}

// remove deletes the entry with id from ev's list, copy-on-write. Unknown
// ids are ignored.
func (r *Registry) remove(ev Event, id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.subs[ev]
	i := slices.IndexFunc(old, func(s Subscription) bool { return s.ID == id })
	if i < 0 {
		return
	}
	delete(r.bySort, ev)
	next := make([]Subscription, 0, len(old)-1)
	next = append(next, old[:i]...)
	next = append(next, old[i+1:]...)
	if len(next) == 0 {
		delete(r.subs, ev)
		return
	}
	r.subs[ev] = next
}

// Sorted returns a snapshot of ev's observers sorted by priority ascending;
// equal priorities keep registration order (ref §5.2, D5). The slice is new
// and owned by the caller; later Add/unsubscribe calls do not change it.
// No observers gives an empty (nil) slice.
func (r *Registry) Sorted(ev Event) []Subscription {
	return slices.Clone(r.sorted(ev))
}

// sorted is Sorted for the emitter: the same snapshot, shared between
// emissions until ev's observers change (lists are copy-on-write, so a
// snapshot never changes once made). The caller must not modify it.
func (r *Registry) sorted(ev Event) []Subscription {
	r.mu.Lock()
	defer r.mu.Unlock()
	if list, ok := r.bySort[ev]; ok {
		return list
	}
	list := slices.Clone(r.subs[ev])
	slices.SortStableFunc(list, func(a, b Subscription) int { return cmp.Compare(a.Priority, b.Priority) })
	if r.bySort == nil {
		r.bySort = map[Event][]Subscription{}
	}
	r.bySort[ev] = list
	return list
}

// Len returns the number of observers registered for ev.
func (r *Registry) Len(ev Event) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.subs[ev])
}
