package store

import (
	"flag"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

var updateFixtures = flag.Bool("update", false, "rewrite testdata/notices_deltas.json")

// applyDelta is the reader's side of DeltaFrom in Go (checkout.js does
// the same in web/src/parts/stores.js, applyNoticesDelta): removed, then
// added, then order, applied to prev's view.
func applyDelta(t testing.TB, prev *value.Object, delta []any) *value.Object {
	t.Helper()
	require.Len(t, delta, 4)
	byContext := prev.Get("byContext").(*value.Object)
	lists := map[string][]any{}
	for _, k := range byContext.Keys() {
		lists[k] = byContext.Get(k).([]any)
	}
	all := append([]any(nil), prev.Get("all").([]any)...)
	without := func(list []any, o any) []any {
		for i, x := range list {
			if x == o {
				return append(append([]any(nil), list[:i]...), list[i+1:]...)
			}
		}
		t.Fatalf("notice %v not found", o)
		return nil
	}
	for _, r := range delta[0].([]any) {
		pair := r.([]any)
		ctx, id := pair[0].(string), pair[1].(string)
		var found any
		for _, x := range lists[ctx] {
			if x.(*value.Object).Get("id") == id {
				found = x
				break
			}
		}
		require.NotNil(t, found, "removed notice %s/%s is in the previous view", ctx, id)
		lists[ctx] = without(lists[ctx], found)
		all = without(all, found)
	}
	keys := byContext.Keys()
	for _, a := range delta[1].([]any) {
		o := a.(*value.Object)
		ctx := o.Get("context").(string)
		lists[ctx] = append(append([]any(nil), lists[ctx]...), o)
		all = append(all, o)
	}
	if order, ok := delta[2].([]any); ok {
		keys = nil
		for _, k := range order {
			keys = append(keys, k.(string))
		}
	} else {
		require.Nil(t, delta[2])
	}
	var b value.Builder
	for _, k := range keys {
		require.NotEmpty(t, lists[k], "context %q in the order has notices", k)
		b.Set(k, lists[k])
	}
	require.Equal(t, float64(len(all)), delta[3], "count")
	return value.NewObject("byContext", b.Build(), "all", all)
}

// noticesStep is one random notices action, as the engine's actions and
// the checkout flow perform them.
func noticesStep(r *rand.Rand, n Notices) (Notices, string) {
	ctxs := []string{"", "wc/checkout", "wc/cart", "wc/checkout/payments", "x\u00e9"}
	statuses := []string{"error", "warning", "info", "success"}
	ctx := ctxs[r.Intn(3)] // mostly three contexts, so that notices pile up
	if r.Intn(5) == 0 {
		ctx = ctxs[r.Intn(len(ctxs))]
	}
	id := "n" + strconv.Itoa(r.Intn(8))
	switch k := r.Intn(10); {
	case k < 4:
		opts := NoticeOptions{ID: id, Context: ctx}
		if r.Intn(4) == 0 {
			opts.ID = ""
		}
		if r.Intn(3) == 0 {
			opts.IsDismissible = boolPtr(false)
		}
		return n.CreateNotice(statuses[r.Intn(len(statuses))], "c"+strconv.Itoa(r.Intn(3)), opts), "create " + ctx + "/" + opts.ID
	case k < 8:
		// mostly a notice that exists
		if all := n.All(); len(all) > 0 && r.Intn(5) > 0 {
			x := all[r.Intn(len(all))]
			return n.RemoveNotice(x.ID, x.Context), "remove " + x.Context + "/" + x.ID
		}
		return n.RemoveNotice(id, ctx), "remove " + ctx + "/" + id
	case k < 9:
		st := statuses[r.Intn(len(statuses))]
		return n.RemoveNoticesByStatus(st, ctx), "removeByStatus " + st + " " + ctx
	default:
		return n.RemoveAllNoticesIn([]string{ctx, ctxs[r.Intn(len(ctxs))]}), "clear " + ctx
	}
}

func TestNoticesDelta(t *testing.T) {
	build := func(n int, ctx string) Notices {
		s := NewNotices()
		for i := 0; i < n; i++ {
			s = s.CreateNotice("error", "notice "+strconv.Itoa(i), NoticeOptions{ID: "id" + strconv.Itoa(i), Context: ctx})
		}
		return s
	}
	tests := []struct {
		name  string
		prev  Notices
		next  func(Notices) Notices
		want  string
		order bool
	}{
		{"issue 9 point 7: removeNotice of one of 1,000 notices names that notice only", build(1000, ""),
			func(n Notices) Notices { return n.RemoveNotice("id500", "") },
			`[[["global","id500"]],[],null,999]`, false},
		{"createNotice in a new context adds it and gives the new key order", build(2, "wc/cart"),
			func(n Notices) Notices { return n.CreateNotice("info", "hi", NoticeOptions{ID: "h"}) },
			`[[],[{"id":"h","status":"info","content":"hi","context":"global","isDismissible":true,"type":"default"}],["wc/cart","global"],3]`, true},
		{"ref §0 createNotice with the id of a notice of the same context: removed, then added at the end", build(3, ""),
			func(n Notices) Notices { return n.CreateNotice("info", "again", NoticeOptions{ID: "id0"}) },
			`[[["global","id0"]],[{"id":"id0","status":"info","content":"again","context":"global","isDismissible":true,"type":"default"}],null,3]`, false},
		{"removing the oldest notice of a context that keeps others can reorder byContext",
			build(2, "a").CreateNotice("error", "b", NoticeOptions{ID: "b", Context: "b"}).RemoveNotice("id1", "a").
				CreateNotice("error", "a2", NoticeOptions{ID: "a2", Context: "a"}),
			func(n Notices) Notices { return n.RemoveNotice("id0", "a") },
			`[[["a","id0"]],[],["b","a"],2]`, true},
		{"the last notice of a context removed: the key goes", build(1, "a").CreateNotice("error", "b", NoticeOptions{ID: "b"}),
			func(n Notices) Notices { return n.RemoveNotice("id0", "a") },
			`[[["a","id0"]],[],["global"],1]`, true},
		{"the last notice removed", build(1, ""),
			func(n Notices) Notices { return n.RemoveNotice("id0", "") },
			`[[["global","id0"]],[],[],0]`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			next := tc.next(tc.prev)
			d, ok := next.DeltaFrom(tc.prev)
			require.True(t, ok)
			assert.Equal(t, tc.want, js(d))
			got := applyDelta(t, tc.prev.view(), d)
			assert.Equal(t, js(next.view()), js(got))
		})
	}
	t.Run("D32 clearing contexts that hold most notices: the full view is smaller (ok false)", func(t *testing.T) {
		prev := build(5, "wc/checkout").CreateNotice("info", "keep", NoticeOptions{ID: "k"})
		_, ok := prev.RemoveAllNoticesIn([]string{"wc/checkout"}).DeltaFrom(prev)
		assert.False(t, ok)
	})
	t.Run("a state with itself: empty delta", func(t *testing.T) {
		prev := build(3, "")
		d, ok := prev.DeltaFrom(prev)
		require.True(t, ok)
		assert.Equal(t, `[[],[],null,3]`, js(d))
	})
}

// TestNoticesDeltaProperty applies random sequences of notices actions and
// checks after each that prev's view with the delta applied is exactly the
// next view (same JSON, key order included) and that every notice the two
// states share keeps its object.
func TestNoticesDeltaProperty(t *testing.T) {
	t.Run("issue 9 point 7: a delta applied to the previous view equals the full view (random add/remove/clear)", func(t *testing.T) {
		for seed := int64(1); seed <= 200; seed++ {
			r := rand.New(rand.NewSource(seed))
			prev := NewNotices()
			prevView := prev.view()
			for step := 0; step < 60; step++ {
				next, what := noticesStep(r, prev)
				d, ok := next.DeltaFrom(prev)
				var got *value.Object
				if ok {
					got = applyDelta(t, prevView, d)
				} else {
					got = next.view()
				}
				require.Equal(t, js(next.view()), js(got), "seed %d step %d: %s", seed, step, what)
				kept := map[any]bool{}
				for _, o := range prevView.Get("all").([]any) {
					kept[o] = true
				}
				for i, o := range got.Get("all").([]any) {
					if containsEntry(prev.list, next.list[i]) {
						require.True(t, kept[o], "seed %d step %d: a shared notice keeps its object", seed, step)
					}
				}
				prev, prevView = next, got
			}
		}
	})
}

func containsEntry(list []*noticeEntry, e *noticeEntry) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

// view is the notices view of a snapshot holding n.
func (n Notices) view() *value.Object { return Snapshot{Notices: n}.View(NoticesKey, Env{}) }

// TestNoticesDeltaCost guards issue 9 point 7 without a clock: what a
// removeNotice publishes does not grow with the number of notices.
func TestNoticesDeltaCost(t *testing.T) {
	t.Run("issue 9 point 7: removeNotice publishes the same bytes with 10 and with 1,000 notices", func(t *testing.T) {
		size := func(count int) int {
			n := NewNotices()
			for i := 0; i < count; i++ {
				n = n.CreateNotice("error", "notice "+strconv.Itoa(i), NoticeOptions{ID: "hn" + strconv.Itoa(i%10) + strconv.Itoa(i), Context: "hostile"})
			}
			d, ok := n.RemoveNotice("hn55", "hostile").DeltaFrom(n)
			require.True(t, ok)
			return len(js(d)) - len(strconv.Itoa(count-1)) // the count differs in digits only
		}
		small, large := size(10), size(1000)
		assert.Equal(t, small, large)
		assert.Less(t, large, 64, "bytes of one removal")
		full := NewNotices()
		for i := 0; i < 1000; i++ {
			full = full.CreateNotice("error", "notice "+strconv.Itoa(i), NoticeOptions{ID: "hn" + strconv.Itoa(i), Context: "hostile"})
		}
		t.Logf("removeNotice at 1,000 notices: delta %d bytes, full view %d bytes", large, len(js(full.view())))
	})
	t.Run("issue 9 point 7: createNotice publishes the new notice only", func(t *testing.T) {
		n := NewNotices()
		for i := 0; i < 1000; i++ {
			n = n.CreateNotice("error", "x", NoticeOptions{})
		}
		d, ok := n.CreateNotice("error", "y", NoticeOptions{}).DeltaFrom(n)
		require.True(t, ok)
		assert.Less(t, len(js(d)), 140)
	})
}

// TestNoticesDeltaFixture writes the deltas of random sequences together
// with the full views they must give, for checkout.js's own applier
// (web/test/publish.test.js reads testdata/notices_deltas.json). The file
// is generated: `go test ./core/store -run TestNoticesDeltaFixture -update`.
func TestNoticesDeltaFixture(t *testing.T) {
	t.Run("issue 9 point 7: testdata/notices_deltas.json is current", func(t *testing.T) {
		var seqs []any
		for seed := int64(1); seed <= 8; seed++ {
			r := rand.New(rand.NewSource(seed))
			prev := NewNotices()
			var steps []any
			for step := 0; step < 30; step++ {
				next, what := noticesStep(r, prev)
				if next.Equal(prev) {
					prev = next
					continue // no change: nothing is published
				}
				st := value.NewObject("action", what, "full", next.view())
				if d, ok := next.DeltaFrom(prev); ok {
					st = st.With("delta", d)
				}
				steps = append(steps, st)
				prev = next
			}
			seqs = append(seqs, steps)
		}
		got := append(valuejson.Marshal(seqs), '\n')
		path := filepath.Join("testdata", "notices_deltas.json")
		if *updateFixtures {
			require.NoError(t, os.WriteFile(path, got, 0o644))
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, "run: go test ./core/store -run TestNoticesDeltaFixture -update")
		assert.Equal(t, string(want), string(got), "stale: go test ./core/store -run TestNoticesDeltaFixture -update")
	})
}

func BenchmarkRemoveNotice(b *testing.B) {
	for _, count := range []int{200, 1000} {
		b.Run(strconv.Itoa(count), func(b *testing.B) {
			n := NewNotices()
			for i := 0; i < count; i++ {
				n = n.CreateNotice("error", "notice "+strconv.Itoa(i), NoticeOptions{ID: "id" + strconv.Itoa(i)})
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				next := n.RemoveNotice("id"+strconv.Itoa(count/2), "")
				if _, ok := next.DeltaFrom(n); !ok || next.Equal(n) {
					b.Fatal("no delta")
				}
			}
		})
	}
}
