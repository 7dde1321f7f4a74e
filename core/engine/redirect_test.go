package engine

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
)

func TestCheckRedirect(t *testing.T) {
	tests := []struct {
		url, base string
		resolved  string
		ok        bool
	}{
		{"https://shop.test/thanks", "", "https://shop.test/thanks", true},
		{"http://shop.test/thanks", "", "http://shop.test/thanks", true},
		{"/checkout/order-received/5", "https://shop.test/checkout/", "https://shop.test/checkout/order-received/5", true},
		{"order-received/5", "https://shop.test/checkout/", "https://shop.test/checkout/order-received/5", true},
		{"javascript:alert(1)", "https://shop.test/", "javascript:alert(1)", false},
		{"data:text/html,hi", "https://shop.test/", "data:text/html,hi", false},
		{"JAVASCRIPT:alert(1)", "https://shop.test/", "javascript:alert(1)", false},
		{"ftp://shop.test/x", "", "ftp://shop.test/x", false},
		{"java\tscript:alert(1)", "https://shop.test/", "javascript:alert(1)", false},
		{" \x01javascript:alert(1)", "https://shop.test/", "javascript:alert(1)", false},
		{"HTTPS://Shop.test/x", "", "https://Shop.test/x", true},
		{"//cdn.test/x", "https://shop.test/a/b", "https://cdn.test/x", true},
		{"?key=1", "https://shop.test/a/b?x=2#f", "https://shop.test/a/b?key=1", true},
		{"#top", "https://shop.test/a/b?x=2", "https://shop.test/a/b?x=2#top", true},
		{"../x/./y?q#h", "https://shop.test/a/b/c", "https://shop.test/a/x/y?q#h", true},
		{"/a/../../b", "https://shop.test/", "https://shop.test/b", true},
		{"", "https://shop.test/a?q", "https://shop.test/a?q", true},
		{"thanks", "https://shop.test", "https://shop.test/thanks", true},
		{"\\\\evil.test/x", "https://shop.test/", "https://evil.test/x", true},
		{"relative", "", "relative", false},
		{"relative", "data:text/html,x", "relative", false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("D16: redirect to %s", tc.url), func(t *testing.T) {
			got, ok := CheckRedirect(tc.url, tc.base)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.resolved, got)
		})
	}
}

func TestRefusedRedirect(t *testing.T) {
	t.Run("D16: a refused redirect does not navigate, adds the D25 notice and is traced", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		h.tr.push(jsonResponse(200, `{"order_id":9,"payment_result":{"payment_status":"success","payment_details":[],"redirect_url":"javascript:alert(document.cookie)"}}`, nil))
		out := h.submit()
		assert.Equal(t, OutcomeComplete, out.Outcome, "the checkout stays complete")
		assert.Equal(t, "complete", h.e.Snapshot().Checkout.Status)
		assert.Empty(t, h.navigations(), "D16: no navigation")
		ns := h.e.Snapshot().Notices.ByContext("wc/checkout")
		require.Len(t, ns, 1)
		assert.Equal(t, RedirectRefusedID, ns[0].ID, "D25")
		var found bool
		for _, r := range h.e.Trace() {
			if r.Kind == "redirect" {
				found = true
				assert.Equal(t, "refused", r.Result)
				assert.Equal(t, "javascript:alert(document.cookie)", r.URL)
			}
		}
		assert.True(t, found, "D16: the URL is reported in the trace")
	})
}
