package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

func ids(ns []Notice) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.Context+"/"+n.ID)
	}
	return out
}

// TestCreateNotice checks the @wordpress/notices facts of ref §0 and §11.
func TestCreateNotice(t *testing.T) {
	tests := []struct {
		name    string
		status  string
		content any
		opts    NoticeOptions
		want    Notice
	}{
		{"ref §0 defaults: context global, dismissible, generated id", "error", "Oops", NoticeOptions{},
			Notice{ID: "notice-1", Status: "error", Content: "Oops", Context: "global", IsDismissible: true}},
		{"ref §0 content undefined becomes 'undefined'", "error", value.Undef, NoticeOptions{ID: "x", Context: "wc/checkout"},
			Notice{ID: "x", Status: "error", Content: "undefined", Context: "wc/checkout", IsDismissible: true}},
		{"ref §0 content is String()-coerced (number)", "info", 2.5, NoticeOptions{ID: "n"},
			Notice{ID: "n", Status: "info", Content: "2.5", Context: "global", IsDismissible: true}},
		{"ref §6.2 non-dismissible notice", "error", "Declined",
			NoticeOptions{ID: "wc-payment-error", Context: "wc/checkout/payments", IsDismissible: boolPtr(false)},
			Notice{ID: "wc-payment-error", Status: "error", Content: "Declined", Context: "wc/checkout/payments"}},
		{"empty status defaults to info (createNotice's default)", "", "Hi", NoticeOptions{ID: "h"},
			Notice{ID: "h", Status: "info", Content: "Hi", Context: "global", IsDismissible: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := NewNotices()
			got := n.CreateNotice(tc.status, tc.content, tc.opts)
			require.Len(t, got.All(), 1)
			assert.Equal(t, tc.want, got.All()[0])
			assert.Empty(t, n.All(), "receiver must not change")
		})
	}
}

func TestNoticeIDsAndReplacement(t *testing.T) {
	t.Run("ref §0 generated ids are deterministic and distinct", func(t *testing.T) {
		n := NewNotices().CreateNotice("error", "a", NoticeOptions{}).CreateNotice("error", "b", NoticeOptions{})
		assert.Equal(t, []string{"global/notice-1", "global/notice-2"}, ids(n.All()))
	})
	t.Run("generated id skips ids already in use", func(t *testing.T) {
		n := NewNotices().CreateNotice("error", "a", NoticeOptions{ID: "notice-1", Context: "wc/cart"}).
			CreateNotice("error", "b", NoticeOptions{})
		assert.Equal(t, []string{"wc/cart/notice-1", "global/notice-2"}, ids(n.All()))
	})
	t.Run("ref §0 same id in same context replaces; the new one goes last", func(t *testing.T) {
		n := NewNotices().
			CreateNotice("error", "first", NoticeOptions{ID: "checkout", Context: "wc/checkout"}).
			CreateNotice("error", "other", NoticeOptions{ID: "o", Context: "wc/checkout"}).
			CreateNotice("warning", "second", NoticeOptions{ID: "checkout", Context: "wc/checkout"})
		got := n.ByContext("wc/checkout")
		require.Len(t, got, 2)
		assert.Equal(t, []string{"wc/checkout/o", "wc/checkout/checkout"}, ids(got))
		assert.Equal(t, "second", got[1].Content)
		assert.Equal(t, "warning", got[1].Status)
	})
	t.Run("ref §0 same id in another context does not replace", func(t *testing.T) {
		n := NewNotices().
			CreateNotice("error", "a", NoticeOptions{ID: "x", Context: "wc/cart"}).
			CreateNotice("error", "b", NoticeOptions{ID: "x"})
		assert.Equal(t, []string{"wc/cart/x", "global/x"}, ids(n.All()))
	})
}

func TestRemoveNotices(t *testing.T) {
	// The fixture of the ref §11 unit test, plus notices in other contexts.
	build := func() Notices {
		return NewNotices().
			CreateNotice("error", "c", NoticeOptions{ID: "coupon-form"}).
			CreateNotice("error", "a", NoticeOptions{ID: "address-form"}).
			CreateNotice("warning", "w", NoticeOptions{ID: "some-warning"}).
			CreateNotice("error", "p", NoticeOptions{ID: "wc-payment-error", Context: "wc/checkout/payments"}).
			CreateNotice("error", "k", NoticeOptions{ID: "checkout", Context: "wc/checkout"})
	}
	tests := []struct {
		name  string
		apply func(Notices) Notices
		want  []string
	}{
		{"ref §11 removeNoticesByStatus('error') without context acts on global only",
			func(n Notices) Notices { return n.RemoveNoticesByStatus("error", "") },
			[]string{"global/some-warning", "wc/checkout/payments/wc-payment-error", "wc/checkout/checkout"}},
		{"removeNoticesByStatus in a named context",
			func(n Notices) Notices { return n.RemoveNoticesByStatus("error", "wc/checkout/payments") },
			[]string{"global/coupon-form", "global/address-form", "global/some-warning", "wc/checkout/checkout"}},
		{"removeNoticesByStatus with no match -> unchanged",
			func(n Notices) Notices { return n.RemoveNoticesByStatus("success", "") },
			[]string{"global/coupon-form", "global/address-form", "global/some-warning",
				"wc/checkout/payments/wc-payment-error", "wc/checkout/checkout"}},
		{"ref §6.2 removeNotice(id, context)",
			func(n Notices) Notices { return n.RemoveNotice("wc-payment-error", "wc/checkout/payments") },
			[]string{"global/coupon-form", "global/address-form", "global/some-warning", "wc/checkout/checkout"}},
		{"removeNotice with '' context means global",
			func(n Notices) Notices { return n.RemoveNotice("address-form", "") },
			[]string{"global/coupon-form", "global/some-warning",
				"wc/checkout/payments/wc-payment-error", "wc/checkout/checkout"}},
		{"removeNotice in the wrong context -> unchanged",
			func(n Notices) Notices { return n.RemoveNotice("checkout", "") },
			[]string{"global/coupon-form", "global/address-form", "global/some-warning",
				"wc/checkout/payments/wc-payment-error", "wc/checkout/checkout"}},
		{"D32 RemoveAllNoticesIn the listed contexts",
			func(n Notices) Notices {
				return n.RemoveAllNoticesIn([]string{"wc/checkout", "wc/checkout/payments", "wc/cart"})
			},
			[]string{"global/coupon-form", "global/address-form", "global/some-warning"}},
		{"RemoveAllNoticesIn with '' means global",
			func(n Notices) Notices { return n.RemoveAllNoticesIn([]string{""}) },
			[]string{"wc/checkout/payments/wc-payment-error", "wc/checkout/checkout"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := build()
			before := ids(n.All())
			got := tc.apply(n)
			assert.Equal(t, tc.want, ids(got.All()))
			assert.Equal(t, before, ids(n.All()), "receiver must not change")
			assert.Equal(t, len(tc.want) == len(before), got.Equal(n))
		})
	}
}

func TestNoticeSelectors(t *testing.T) {
	n := NewNotices().
		CreateNotice("error", "e", NoticeOptions{ID: "a", Context: "wc/checkout"}).
		CreateNotice("warning", "w", NoticeOptions{ID: "b"}).
		CreateNotice("error", "p", NoticeOptions{ID: "c", Context: "wc/checkout/payments"})
	tests := []struct {
		name     string
		status   string
		contexts []string
		want     bool
	}{
		{"ref §6.3 error in one of the contexts", "error", []string{"wc/cart", "wc/checkout"}, true},
		{"no error in these contexts", "error", []string{"wc/cart", "global"}, false},
		{"'' means global", "warning", []string{""}, true},
		{"no contexts", "error", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, n.HasStatusIn(tc.status, tc.contexts))
		})
	}
	t.Run("ByContext returns copies in creation order", func(t *testing.T) {
		g := n.ByContext("")
		require.Len(t, g, 1)
		g[0].Content = "changed"
		assert.Equal(t, "w", n.ByContext("global")[0].Content)
		assert.Nil(t, n.ByContext("wc/cart"))
	})
	t.Run("All returns a copy", func(t *testing.T) {
		all := n.All()
		all[0].ID = "zzz"
		assert.Equal(t, "a", n.All()[0].ID)
	})
	t.Run("Equal ignores the id counter but not content", func(t *testing.T) {
		a := NewNotices().CreateNotice("error", "x", NoticeOptions{}).RemoveNotice("notice-1", "")
		assert.True(t, a.Equal(NewNotices()))
		assert.False(t, n.Equal(n.CreateNotice("error", "e2", NoticeOptions{ID: "a", Context: "wc/checkout"})))
	})
}
