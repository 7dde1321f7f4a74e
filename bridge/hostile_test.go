//go:build js && wasm

package bridge

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHostileLoadOptions(t *testing.T) {
	t.Run("issue 9 point 2: a cyclic checkoutData keeps its default, is logged, and costs no other option", func(t *testing.T) {
		th := newTestHost(t, `(function(){ var cd = {order_id: 5}; cd.self = cd; return {nonce: 'n-1', checkoutData: cd}; })()`)
		assert.Equal(t, "n-1", th.b.Engine().Nonce(), "the other options still apply")
		assert.Equal(t, 0, th.b.Engine().Snapshot().Checkout.OrderID, "the bad option keeps its default")
		th.mu.Lock()
		defer th.mu.Unlock()
		require.NotEmpty(t, th.errors)
		assert.Contains(t, th.errors[0], "load() option 'checkoutData' ignored")
	})
	t.Run("issue 9 point 1: load options behind a revoked Proxy or throwing getters do not stop the module", func(t *testing.T) {
		th := newTestHost(t, `(function(){ var r = Proxy.revocable({}, {}); r.revoke();
			return Object.defineProperties({cart: r.proxy}, {nonce: {enumerable: true, get: function(){ throw null; }}}); })()`)
		assert.Equal(t, "", th.b.Engine().Nonce())
		assert.NotNil(t, th.snapshot("wc/store/checkout"), "the module started and published")
	})
}

func TestHostileArgumentsAreTypeErrors(t *testing.T) {
	th := newTestHost(t, "")
	for _, tc := range []struct {
		name, js string
		parts    []string
	}{
		{"D34: a BigInt argument is a TypeError naming the action", "10n", []string{"__internalSetOrderNotes", "bigint"}},
		{"issue 9 point 1: a revoked Proxy argument is a TypeError naming the action", "(function(){ var r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })()", []string{"__internalSetOrderNotes", "revoked"}},
		{"issue 9 point 2: a cyclic argument is a TypeError naming the action and the path", "(function(){ var o = {}; o.a = o; return o; })()", []string{"__internalSetOrderNotes", "[0].a", "cycle"}},
		{"issue 9 point 2: a sparse array of 5e6 is refused at once", "new Array(5e6)", []string{"more than 100000 values"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := th.dispatch("wc/store/checkout", "__internalSetOrderNotes", jsEval(t, tc.js))
			require.Error(t, err)
			assert.Equal(t, "TypeError", errName(t, err))
			for _, p := range tc.parts {
				assert.Contains(t, err.Error(), p)
			}
		})
	}
}
