package trace

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func rec(i int) Record {
	return Record{Kind: KindStatus, Event: "e" + strconv.Itoa(i), Priority: float64(i)}
}

func events(rs []Record) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Event
	}
	return out
}

func TestNewLogLimit(t *testing.T) {
	tests := []struct {
		name  string
		limit int
		want  int
	}{
		{"positive limit kept", 3, 3},
		{"zero means default", 0, DefaultLimit},
		{"negative means default", -5, DefaultLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewLog(tt.limit)
			require.NotNil(t, l)
			assert.Equal(t, tt.want, l.Limit())
			assert.Equal(t, 0, l.Len())
			assert.Empty(t, l.Records())
		})
	}
}

// The log keeps at most limit records and drops the oldest first (D20: a
// bounded trace readable from JS and Go).
func TestLogBoundedOldestDropped(t *testing.T) {
	tests := []struct {
		name        string
		limit, adds int
		want        []string
		dropped     int
	}{
		{"under the limit", 3, 2, []string{"e0", "e1"}, 0},
		{"exactly the limit", 3, 3, []string{"e0", "e1", "e2"}, 0},
		{"one over", 3, 4, []string{"e1", "e2", "e3"}, 1},
		{"wraps several times", 3, 10, []string{"e7", "e8", "e9"}, 7},
		{"limit one", 1, 5, []string{"e4"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewLog(tt.limit)
			for i := 0; i < tt.adds; i++ {
				l.Add(rec(i))
			}
			assert.Equal(t, tt.want, events(l.Records()))
			assert.Equal(t, len(tt.want), l.Len())
			assert.Equal(t, tt.dropped, l.Dropped())
		})
	}
}

func TestLogRecordsIsACopy(t *testing.T) {
	l := NewLog(4)
	l.Add(Record{Event: "a", Time: time.Unix(1, 0)})
	got := l.Records()
	require.Len(t, got, 1)
	got[0].Event = "changed"
	got = append(got, Record{Event: "extra"})
	assert.Len(t, got, 2)
	again := l.Records()
	require.Len(t, again, 1)
	assert.Equal(t, "a", again[0].Event)
	assert.Equal(t, time.Unix(1, 0), again[0].Time)
}

func TestLogClear(t *testing.T) {
	l := NewLog(2)
	for i := 0; i < 5; i++ {
		l.Add(rec(i))
	}
	require.Equal(t, 3, l.Dropped())
	l.Clear()
	assert.Equal(t, 0, l.Len())
	assert.Equal(t, 0, l.Dropped())
	assert.Empty(t, l.Records())
	assert.Equal(t, 2, l.Limit(), "Clear keeps the limit")

	l.Add(rec(7))
	l.Add(rec(8))
	l.Add(rec(9))
	assert.Equal(t, []string{"e8", "e9"}, events(l.Records()), "bounded again after Clear")
}

func TestZeroLogUsesDefaultLimit(t *testing.T) {
	var l Log
	assert.Equal(t, DefaultLimit, l.Limit())
	for i := 0; i < DefaultLimit+2; i++ {
		l.Add(rec(i))
	}
	rs := l.Records()
	require.Len(t, rs, DefaultLimit)
	assert.Equal(t, "e2", rs[0].Event)
	assert.Equal(t, "e"+strconv.Itoa(DefaultLimit+1), rs[len(rs)-1].Event)
}

// Concurrent adders and readers (run with -race): every record added is
// either kept or counted as dropped, and each adder's records stay in order.
func TestLogConcurrent(t *testing.T) {
	const writers, each, limit = 8, 200, 50
	l := NewLog(limit)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				l.Add(Record{Label: strconv.Itoa(w), Priority: float64(i)})
				if i%20 == 0 {
					_ = l.Records()
				}
			}
		}()
	}
	wg.Wait()
	rs := l.Records()
	require.Len(t, rs, limit)
	assert.Equal(t, writers*each-limit, l.Dropped())
	last := map[string]float64{}
	for _, r := range rs {
		if p, ok := last[r.Label]; ok {
			assert.Greater(t, r.Priority, p, "records of one writer stay in order")
		}
		last[r.Label] = r.Priority
	}
}
