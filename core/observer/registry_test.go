package observer

import (
	"context"
	"math"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

func labels(subs []Subscription) []string {
	out := make([]string, len(subs))
	for i, s := range subs {
		out[i] = s.Label
	}
	return out
}

// ref §5.1: the default priority of a JS registration is 10.
func TestDefaultPriority(t *testing.T) {
	assert.Equal(t, 10.0, float64(DefaultPriority))
}

// D5: ids are a counter starting at 1, shared by all events, never reused.
func TestRegistryIDsAreACounter(t *testing.T) {
	r := NewRegistry()
	off1 := r.Add(PaymentSetup, returns(value.Undef), 10, Options{})
	r.Add(CheckoutValidation, returns(value.Undef), 10, Options{})
	off1()
	r.Add(PaymentSetup, returns(value.Undef), 10, Options{})

	var ids []int
	for _, ev := range []Event{CheckoutValidation, PaymentSetup} {
		for _, s := range r.Sorted(ev) {
			ids = append(ids, s.ID)
			assert.Equal(t, ev, s.Event)
		}
	}
	assert.Equal(t, []int{2, 3}, ids, "id 1 was removed and is not handed out again")
}

// D24: label is the label option, else "observer#<id>".
func TestRegistryLabels(t *testing.T) {
	tests := []struct {
		name  string
		opts  Options
		want  string
		order int // how many registrations precede this one
	}{
		{"option label", Options{Label: "stripe-setup"}, "stripe-setup", 0},
		{"default label uses the id", Options{}, "observer#1", 0},
		{"default label of the third registration", Options{}, "observer#3", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			for i := 0; i < tt.order; i++ {
				r.Add(CheckoutFail, returns(value.Undef), 10, Options{Label: "x"})
			}
			r.Add(CheckoutSuccess, returns(value.Undef), 10, tt.opts)
			subs := r.Sorted(CheckoutSuccess)
			require.Len(t, subs, 1)
			assert.Equal(t, tt.want, subs[0].Label)
		})
	}
}

// ref §5.2, D5: ascending priority, stable on ties (registration order).
func TestRegistrySortedByPriority(t *testing.T) {
	tests := []struct {
		name       string
		priorities []float64 // registered in this order, labelled p0, p1, ...
		want       []string
	}{
		{"empty", nil, []string{}},
		{"already ordered", []float64{1, 2, 3}, []string{"p0", "p1", "p2"}},
		{"lower runs first", []float64{10, 0, 5}, []string{"p1", "p2", "p0"}},
		{"ties keep registration order", []float64{10, 10, 10}, []string{"p0", "p1", "p2"}},
		{"ties among others", []float64{10, 5, 10, 5, 0}, []string{"p4", "p1", "p3", "p0", "p2"}},
		{"negative and fractional", []float64{0.5, -1, 0.25, -1}, []string{"p1", "p3", "p2", "p0"}},
		{"infinities", []float64{math.Inf(1), 0, math.Inf(-1)}, []string{"p2", "p1", "p0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			for i, p := range tt.priorities {
				r.Add(PaymentSetup, returns(value.Undef), p, Options{Label: "p" + strconv.Itoa(i)})
			}
			assert.Equal(t, tt.want, labels(r.Sorted(PaymentSetup)))
			assert.Equal(t, len(tt.priorities), r.Len(PaymentSetup))
		})
	}
}

// ref §5.1: the same callback registered twice is two entries, called twice.
func TestRegistrySameFuncTwice(t *testing.T) {
	r := NewRegistry()
	var mu sync.Mutex
	n := 0
	fn := func(context.Context, any) (any, error) {
		mu.Lock()
		n++
		mu.Unlock()
		return value.Undef, nil
	}
	off1 := r.Add(CheckoutValidation, fn, 10, Options{})
	r.Add(CheckoutValidation, fn, 10, Options{})
	require.Equal(t, 2, r.Len(CheckoutValidation))

	em := (&Emitter{Registry: r}).Emit(context.Background(), CheckoutValidation, value.NewObject())
	assert.Len(t, em.Calls, 2)
	assert.Equal(t, 2, n)

	off1()
	assert.Equal(t, 1, r.Len(CheckoutValidation), "unsubscribe removes exactly its own entry")
	assert.Equal(t, []string{"observer#2"}, labels(r.Sorted(CheckoutValidation)))
}

// ref §5.1: unsubscribe deletes exactly that id; calling it twice is harmless.
func TestRegistryUnsubscribe(t *testing.T) {
	tests := []struct {
		name   string
		remove []int // indexes of registrations to unsubscribe, in order (repeats allowed)
		want   []string
	}{
		{"remove first", []int{0}, []string{"a1", "a2"}},
		{"remove middle", []int{1}, []string{"a0", "a2"}},
		{"remove last", []int{2}, []string{"a0", "a1"}},
		{"twice is harmless", []int{1, 1}, []string{"a0", "a2"}},
		{"twice after others", []int{0, 2, 0}, []string{"a1"}},
		{"remove all", []int{2, 0, 1}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			var offs []func()
			for i := 0; i < 3; i++ {
				offs = append(offs, r.Add(CheckoutFail, returns(value.Undef), 10, Options{Label: "a" + strconv.Itoa(i)}))
			}
			other := r.Add(CheckoutSuccess, returns(value.Undef), 10, Options{Label: "other"})
			for _, i := range tt.remove {
				offs[i]()
			}
			assert.Equal(t, tt.want, labels(r.Sorted(CheckoutFail)))
			assert.Equal(t, len(tt.want), r.Len(CheckoutFail))
			assert.Equal(t, 1, r.Len(CheckoutSuccess), "other events untouched")
			other()
			assert.Equal(t, 0, r.Len(CheckoutSuccess))
		})
	}
}

// ref §5.1/§5.2: Sorted is a snapshot; later Add/unsubscribe do not change it.
func TestRegistrySortedIsASnapshot(t *testing.T) {
	r := NewRegistry()
	off := r.Add(PaymentSetup, returns(value.Undef), 10, Options{Label: "a"})
	r.Add(PaymentSetup, returns(value.Undef), 20, Options{Label: "b"})
	snap := r.Sorted(PaymentSetup)

	off()
	r.Add(PaymentSetup, returns(value.Undef), 0, Options{Label: "c"})
	assert.Equal(t, []string{"a", "b"}, labels(snap))
	assert.Equal(t, []string{"c", "b"}, labels(r.Sorted(PaymentSetup)))

	snap[0].Label = "mutated"
	assert.Equal(t, []string{"c", "b"}, labels(r.Sorted(PaymentSetup)), "the snapshot is the caller's copy")
}

func TestRegistryOptions(t *testing.T) {
	tests := []struct {
		name string
		in   time.Duration
		want time.Duration
	}{
		{"positive kept (D17)", 50 * time.Millisecond, 50 * time.Millisecond},
		{"zero means page default", 0, 0},
		{"negative treated as zero", -time.Second, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			r.Add(CheckoutSuccess, returns(value.Undef), 3.5, Options{Timeout: tt.in})
			subs := r.Sorted(CheckoutSuccess)
			require.Len(t, subs, 1)
			assert.Equal(t, tt.want, subs[0].Timeout)
			assert.Equal(t, 3.5, subs[0].Priority)
			assert.NotNil(t, subs[0].Fn)
		})
	}
}

func TestRegistryAddPanicsOnProgrammerErrors(t *testing.T) {
	r := NewRegistry()
	assert.PanicsWithValue(t, "observer: Registry.Add with a nil Func", func() {
		r.Add(PaymentSetup, nil, 10, Options{})
	})
	assert.PanicsWithValue(t, "observer: Registry.Add with a NaN priority", func() {
		r.Add(PaymentSetup, returns(value.Undef), math.NaN(), Options{})
	})
	assert.Equal(t, 0, r.Len(PaymentSetup))
	r.Add(PaymentSetup, returns(value.Undef), 10, Options{})
	assert.Equal(t, []string{"observer#1"}, labels(r.Sorted(PaymentSetup)), "a refused Add uses no id")
}

func TestRegistryZeroValue(t *testing.T) {
	var r Registry
	assert.Equal(t, 0, r.Len(CheckoutValidation))
	assert.Empty(t, r.Sorted(CheckoutValidation))
	off := r.Add(CheckoutValidation, returns(value.Undef), 10, Options{})
	assert.Equal(t, 1, r.Len(CheckoutValidation))
	off()
	assert.Equal(t, 0, r.Len(CheckoutValidation))
}

// Concurrent Add / unsubscribe / Sorted (run with -race): ids stay unique
// and every kept registration is listed.
func TestRegistryConcurrent(t *testing.T) {
	const workers, each = 8, 50
	r := NewRegistry()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				off := r.Add(PaymentSetup, returns(value.Undef), float64(i%3), Options{})
				if i%2 == 0 {
					off()
				}
				_ = r.Sorted(PaymentSetup)
			}
		}()
	}
	wg.Wait()
	subs := r.Sorted(PaymentSetup)
	require.Len(t, subs, workers*each/2)
	assert.Equal(t, len(subs), r.Len(PaymentSetup))
	seen := map[int]bool{}
	for i, s := range subs {
		assert.False(t, seen[s.ID], "id %d unique", s.ID)
		seen[s.ID] = true
		assert.LessOrEqual(t, s.ID, workers*each)
		if i > 0 {
			assert.LessOrEqual(t, subs[i-1].Priority, s.Priority)
		}
	}
}

// TestSortedSnapshotShared: ref §5.2 — the emitter's sorted snapshot is
// made once and shared until the event's observers change (issue 10: no
// clone and sort per emission); a change makes a new one and leaves the
// old one as it was, for an emission still using it.
func TestSortedSnapshotShared(t *testing.T) {
	r := NewRegistry()
	r.Add(PaymentSetup, returns(1.0), 2, Options{Label: "b"})
	off := r.Add(PaymentSetup, returns(2.0), 1, Options{Label: "a"})
	first := r.sorted(PaymentSetup)
	require.Len(t, first, 2)
	assert.Equal(t, "a", first[0].Label)
	again := r.sorted(PaymentSetup)
	assert.Same(t, &first[0], &again[0], "the same snapshot while nothing changed")
	assert.Empty(t, r.sorted(CheckoutSuccess))

	r.Add(PaymentSetup, returns(3.0), 0, Options{Label: "c"})
	afterAdd := r.sorted(PaymentSetup)
	require.Len(t, afterAdd, 3)
	assert.Equal(t, []string{"c", "a", "b"}, []string{afterAdd[0].Label, afterAdd[1].Label, afterAdd[2].Label})
	assert.Equal(t, []string{"a", "b"}, []string{first[0].Label, first[1].Label}, "the old snapshot is unchanged")

	off()
	afterOff := r.sorted(PaymentSetup)
	assert.Equal(t, []string{"c", "b"}, []string{afterOff[0].Label, afterOff[1].Label})
	assert.Len(t, afterAdd, 3, "the snapshot before the removal is unchanged")
	copied := r.Sorted(PaymentSetup)
	require.Len(t, copied, 2)
	assert.Equal(t, []int{afterOff[0].ID, afterOff[1].ID}, []int{copied[0].ID, copied[1].ID}, "Sorted gives the same order, as a copy")
	assert.NotSame(t, &afterOff[0], &copied[0])
}
