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
//
// Cost (issue 9 point 7: removeNotice with 1,000 notices): a change copies
// the list of entry pointers (8 bytes a notice) and walks it once; a
// notice's published object is built once, when it is created, and shared
// by every later state; Equal of a state with itself is O(1); the bridge
// publishes a change as a delta of the notices it touched (DeltaFrom), so
// nothing per unchanged notice is encoded, sent or rebuilt in JS.
type Notices struct {
	list []*noticeEntry
	// order is the contexts in order of their oldest notice (the key order
	// of the view's byContext), computed with list; nil when list is empty.
	order []string
	// seq is the number of the last generated id ("notice-<seq>").
	seq int
}

// noticeEntry is one notice and its published object (Notice.Object),
// built once. Entries are immutable and shared between states: the
// identity of an entry is the identity of the notice across states
// (DeltaFrom relies on it).
type noticeEntry struct {
	Notice
	obj *value.Object
}

func newEntry(x Notice) *noticeEntry { return &noticeEntry{Notice: x, obj: x.Object()} }

// NewNotices returns an empty notices store.
func NewNotices() Notices { return Notices{} }

// Len is the number of notices.
func (n Notices) Len() int { return len(n.list) }

// Equal reports whether n and o hold the same notices in the same order.
// The id counter is not compared: it is not observable state. O(1) when
// both are the same state (the engine compares every store on every
// change).
func (n Notices) Equal(o Notices) bool {
	if len(n.list) != len(o.list) {
		return false
	}
	if len(n.list) == 0 || &n.list[0] == &o.list[0] {
		return true
	}
	for i, a := range n.list {
		if b := o.list[i]; a != b && a.Notice != b.Notice {
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

// contextOrder returns the contexts of list in order of their oldest
// notice (nil for an empty list). Linear in len(list); a set is used once
// there are many contexts.
func contextOrder(list []*noticeEntry) []string {
	var order []string
	var seen map[string]bool
	prev := ""
	for i, x := range list {
		c := x.Context
		if i > 0 && c == prev {
			continue
		}
		prev = c
		if seen != nil {
			if !seen[c] {
				seen[c] = true
				order = append(order, c)
			}
			continue
		}
		if !containsString(order, c) {
			order = append(order, c)
			if len(order) > 16 {
				seen = make(map[string]bool, 2*len(order))
				for _, o := range order {
					seen[o] = true
				}
			}
		}
	}
	return order
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
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
	ctx := n.intern(contextOrDefault(opts.Context))
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
	nn := newEntry(Notice{ID: id, Status: status, Content: value.String(content), Context: ctx, IsDismissible: dismissible})
	base := n
	if at := n.index(id, ctx); at >= 0 { // the notice this one replaces
		base = n.without(at)
	}
	next := make([]*noticeEntry, len(base.list)+1)
	copy(next, base.list)
	next[len(base.list)] = nn
	order := base.order
	if !containsString(order, ctx) {
		order = append(order[:len(order):len(order)], ctx)
	}
	return Notices{list: next, order: order, seq: seq}
}

// intern returns the context string n already holds equal to ctx, or ctx:
// the notices of one context then share one string, and comparing their
// contexts stops at the pointer.
func (n Notices) intern(ctx string) string {
	for _, o := range n.order {
		if o == ctx {
			return o
		}
	}
	return ctx
}

// filter returns n without the notices for which drop is true; n itself
// when nothing is dropped.
func (n Notices) filter(drop func(Notice) bool) Notices {
	var next []*noticeEntry
	for i, x := range n.list {
		if !drop(x.Notice) {
			if next != nil {
				next = append(next, x)
			}
			continue
		}
		if next == nil { // the first dropped notice: copy what came before
			next = make([]*noticeEntry, i, len(n.list)-1)
			copy(next, n.list[:i])
		}
	}
	if next == nil {
		return n
	}
	if len(next) == 0 {
		return Notices{seq: n.seq}
	}
	return Notices{list: next, order: contextOrder(next), seq: n.seq}
}

// RemoveNotice is removeNotice(id, context): removes the notice with that
// id in that context ("" means "global"); unchanged when there is none.
//
// The other notices are not looked at beyond finding that one: the list is
// copied in two moves, and byContext's key order is recomputed only when
// the notice was the oldest of its context.
func (n Notices) RemoveNotice(id, context string) Notices {
	ctx := contextOrDefault(context)
	at := n.index(id, ctx)
	if at < 0 {
		return n
	}
	return n.without(at)
}

// index is the position of the notice with that id in that context, or -1.
func (n Notices) index(id, ctx string) int {
	for i, x := range n.list {
		if x.ID == id && x.Context == ctx {
			return i
		}
	}
	return -1
}

// without returns n without list[at].
func (n Notices) without(at int) Notices {
	if len(n.list) == 1 {
		return Notices{seq: n.seq}
	}
	next := make([]*noticeEntry, len(n.list)-1)
	copy(next, n.list[:at])
	copy(next[at:], n.list[at+1:])
	order := n.order
	if n.oldestOfContext(at) {
		order = contextOrder(next)
	}
	return Notices{list: next, order: order, seq: n.seq}
}

// oldestOfContext reports whether list[at] is the oldest notice of its
// context (the one whose position orders byContext).
func (n Notices) oldestOfContext(at int) bool {
	ctx := n.list[at].Context
	for i := at - 1; i >= 0; i-- {
		if n.list[i].Context == ctx {
			return false
		}
	}
	return true
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
			out = append(out, x.Notice)
		}
	}
	return out
}

// All returns every notice in creation order, as a new slice.
func (n Notices) All() []Notice {
	out := make([]Notice, len(n.list))
	for i, x := range n.list {
		out[i] = x.Notice
	}
	return out
}

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
