package store

import (
	"strconv"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// Notice is one notice of the notices store.
type Notice struct {
	ID            string
	Status        string
	Content       string
	Context       string
	IsDismissible bool
}

// NoticeOptions are the options of CreateNotice. Context "" means
// DefaultNoticeContext; IsDismissible nil means true; ID "" means "generate
// one".
type NoticeOptions struct {
	ID            string
	Context       string
	IsDismissible *bool
}

// Notices is the state of the notices store (core/notices): every notice
// in creation order, plus the counter used for generated ids. The zero
// value is an empty store.
type Notices struct {
	list []Notice
	// objs[i] is list[i].Object(), built once when the notice is created, so
	// that publishing after a change reuses every unchanged notice's object
	// (the bridge keeps one JS object per value object): removing one of
	// 1,000 notices then costs O(notices) in Go and no rebuilt JS objects
	// (issue 9 point 7, was ~52 ms per removeNotice).
	objs []*value.Object
	// seq is the number of the last generated id ("notice-<seq>").
	seq int
}

// objectAt is list[i].Object(), from objs when it is in step.
func (n Notices) objectAt(i int) *value.Object {
	if len(n.objs) == len(n.list) && n.objs[i] != nil {
		return n.objs[i]
	}
	return n.list[i].Object()
}

// NewNotices returns an empty notices store.
func NewNotices() Notices { return Notices{} }

// Equal reports whether n and o hold the same notices in the same order.
// The id counter is not compared: it is not observable state.
func (n Notices) Equal(o Notices) bool {
	if len(n.list) != len(o.list) {
		return false
	}
	for i := range n.list {
		if n.list[i] != o.list[i] {
			return false
		}
	}
	return true
}

func contextOrDefault(c string) string {
	if c == "" {
		return DefaultNoticeContext
	}
	return c
}

func (n Notices) idUsed(id string) bool {
	for _, x := range n.list {
		if x.ID == id {
			return true
		}
	}
	return false
}

// CreateNotice is createNotice of @wordpress/notices (ref §0, §11).
//   - status "" becomes DefaultNoticeStatus ("info");
//   - content is coerced with value.String, so value.Undef gives
//     "undefined" (the reference behaviour; callers that must avoid that,
//     D7, check before calling);
//   - context "" becomes "global"; IsDismissible nil becomes true;
//   - without an id, the next unused id of the deterministic sequence
//     "notice-1", "notice-2", ... is generated (an id some notice already
//     has, in any context, is skipped);
//   - a notice with the same id in the same context is removed and the new
//     one appended at the end (as @wordpress/notices does: the replaced
//     notice does not keep its old position).
//
// It always changes the state.
func (n Notices) CreateNotice(status string, content any, opts NoticeOptions) Notices {
	if status == "" {
		status = DefaultNoticeStatus
	}
	ctx := contextOrDefault(opts.Context)
	dismissible := true
	if opts.IsDismissible != nil {
		dismissible = *opts.IsDismissible
	}
	id := opts.ID
	seq := n.seq
	if id == "" {
		for {
			seq++
			id = "notice-" + strconv.Itoa(seq)
			if !n.idUsed(id) {
				break
			}
		}
	}
	next := make([]Notice, 0, len(n.list)+1)
	objs := make([]*value.Object, 0, len(n.list)+1)
	for i, x := range n.list {
		if x.ID == id && x.Context == ctx {
			continue
		}
		next = append(next, x)
		objs = append(objs, n.objectAt(i))
	}
	nn := Notice{ID: id, Status: status, Content: value.String(content), Context: ctx, IsDismissible: dismissible}
	next = append(next, nn)
	objs = append(objs, nn.Object())
	return Notices{list: next, objs: objs, seq: seq}
}

// filter returns n without the notices for which drop is true; n itself
// when nothing is dropped.
func (n Notices) filter(drop func(Notice) bool) Notices {
	var next []Notice
	var objs []*value.Object
	removed := false
	for i, x := range n.list {
		if drop(x) {
			removed = true
			continue
		}
		next = append(next, x)
		objs = append(objs, n.objectAt(i))
	}
	if !removed {
		return n
	}
	return Notices{list: next, objs: objs, seq: n.seq}
}

// RemoveNotice is removeNotice(id, context): removes the notice with that
// id in that context ("" means "global"); unchanged when there is none.
func (n Notices) RemoveNotice(id, context string) Notices {
	ctx := contextOrDefault(context)
	return n.filter(func(x Notice) bool { return x.ID == id && x.Context == ctx })
}

// RemoveNoticesByStatus is removeNoticesByStatus(status, context) (ref §11):
// removes every notice with that status in that context ("" means
// "global", as in the reference's call without a context); unchanged when
// there is none.
func (n Notices) RemoveNoticesByStatus(status, context string) Notices {
	ctx := contextOrDefault(context)
	return n.filter(func(x Notice) bool { return x.Status == status && x.Context == ctx })
}

// RemoveAllNoticesIn removes every notice whose context is listed ("" in
// the list means "global"), as the checkout does before sending the order
// (ref §9.2, D32); unchanged when none matches.
func (n Notices) RemoveAllNoticesIn(contexts []string) Notices {
	set := contextSet(contexts)
	return n.filter(func(x Notice) bool { return set[x.Context] })
}

func contextSet(contexts []string) map[string]bool {
	set := make(map[string]bool, len(contexts))
	for _, c := range contexts {
		set[contextOrDefault(c)] = true
	}
	return set
}

// ByContext returns the notices of one context ("" means "global") in
// creation order, as a new slice (nil when there are none).
func (n Notices) ByContext(context string) []Notice {
	ctx := contextOrDefault(context)
	var out []Notice
	for _, x := range n.list {
		if x.Context == ctx {
			out = append(out, x)
		}
	}
	return out
}

// All returns every notice in creation order, as a new slice.
func (n Notices) All() []Notice { return append([]Notice(nil), n.list...) }

// HasStatusIn reports whether a notice with that status exists in one of
// the contexts ("" means "global").
func (n Notices) HasStatusIn(status string, contexts []string) bool {
	set := contextSet(contexts)
	for _, x := range n.list {
		if x.Status == status && set[x.Context] {
			return true
		}
	}
	return false
}

// Object returns the notice as the JS object the notices view publishes:
// {id, status, content, context, isDismissible, type: 'default'}.
func (x Notice) Object() *value.Object {
	return value.NewObject(
		"id", x.ID,
		"status", x.Status,
		"content", x.Content,
		"context", x.Context,
		"isDismissible", x.IsDismissible,
		"type", "default",
	)
}
