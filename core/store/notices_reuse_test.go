package store

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestNoticeObjectsAreReused(t *testing.T) {
	t.Run("issue 9 point 7: removeNotice with 1,000 notices reuses every other notice's published object", func(t *testing.T) {
		s := Snapshot{Notices: NewNotices()}
		for i := 0; i < 1000; i++ {
			s.Notices = s.Notices.CreateNotice("error", "n"+strconv.Itoa(i), NoticeOptions{ID: "id" + strconv.Itoa(i)})
		}
		before := s.noticesView().Get("all").([]any)
		s.Notices = s.Notices.RemoveNotice("id500", "")
		after := s.noticesView().Get("all").([]any)
		require.Len(t, after, 999)
		assert.Same(t, before[0].(*value.Object), after[0].(*value.Object))
		assert.Same(t, before[999].(*value.Object), after[998].(*value.Object))
		s.Notices = s.Notices.CreateNotice("info", "new", NoticeOptions{})
		again := s.noticesView().Get("all").([]any)
		assert.Same(t, after[10].(*value.Object), again[10].(*value.Object), "creating keeps the others too")
		assert.Equal(t, "new", again[999].(*value.Object).Get("content"))
	})
}
