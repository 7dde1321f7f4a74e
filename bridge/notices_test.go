//go:build js && wasm

package bridge

import (
	"math/rand"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/bridge/snapjson"
	"github.com/wcblocks/checkoutwasm/core/store"
)

// noticesJSON is the notices checkout.js's stand-in holds, and the full
// view Go would publish, both as JSON text (key order included).
func noticesJSON(t *testing.T, th *testHost) (held, full string) {
	t.Helper()
	s, err := global("JSON").Call("stringify", th.snapshot(store.NoticesKey))
	require.NoError(t, err)
	var e snapjson.Encoder
	e.Value(th.b.Engine().View(store.NoticesKey))
	parsed, err := global("JSON").Call("parse", string(e.Bytes()))
	require.NoError(t, err)
	f, err := global("JSON").Call("stringify", parsed)
	require.NoError(t, err)
	return str(s), str(f)
}

func TestNoticesPublishedAsDeltas(t *testing.T) {
	t.Run("issue 9 point 7: removeNotice with 1,000 notices publishes a few bytes, as with 10", func(t *testing.T) {
		th := newTestHost(t, "")
		perRemoval := func(count int, ctx string) int {
			for i := 0; i < count; i++ {
				require.NoError(t, th.dispatch("core/notices", "createNotice", "error", "notice "+strconv.Itoa(i),
					jsEval(t, `({id: 'hn`+strconv.Itoa(i)+`', context: '`+ctx+`'})`)))
			}
			th.mu.Lock()
			before := th.bytes
			th.mu.Unlock()
			require.NoError(t, th.dispatch("core/notices", "removeNotice", "hn5", ctx))
			th.mu.Lock()
			defer th.mu.Unlock()
			return th.bytes - before
		}
		small := perRemoval(10, "ctx-a")
		large := perRemoval(1000, "ctx-b")
		t.Logf("bytes published by one removeNotice: %d with 10 notices, %d with 1,010", small, large)
		assert.LessOrEqual(t, large, small+3, "only the count of notices after grows (9 -> 1009)")
		assert.Less(t, large, 100)
		held, full := noticesJSON(t, th)
		assert.Equal(t, full, held)
	})
	t.Run("issue 9 point 7: random createNotice/removeNotice through dispatch leave checkout.js's notices equal to a full publication", func(t *testing.T) {
		th := newTestHost(t, "")
		r := rand.New(rand.NewSource(9))
		ctxs := []string{"global", "wc/checkout", "wc/cart"}
		for step := 0; step < 120; step++ {
			ctx := ctxs[r.Intn(len(ctxs))]
			id := "n" + strconv.Itoa(r.Intn(6))
			if r.Intn(2) == 0 {
				require.NoError(t, th.dispatch("core/notices", "createNotice", "error", "s"+strconv.Itoa(step),
					jsEval(t, `({id: '`+id+`', context: '`+ctx+`'})`)))
			} else {
				require.NoError(t, th.dispatch("core/notices", "removeNotice", id, ctx))
			}
			held, full := noticesJSON(t, th)
			require.Equal(t, full, held, "step %d", step)
		}
	})
}
