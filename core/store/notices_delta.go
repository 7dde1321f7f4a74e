package store

// DeltaFrom returns the notices view of n written as a change of the view
// of prev (docs/contracts.md "Publications", the notices delta), so that a
// change costs what it touches instead of the whole store (issue 9 point 7:
// removeNotice with 1,000 notices). The delta is
//
//		[removed, added, order, count]
//
//	  - removed: [[context, id], ...], the notices of prev that n does not
//	    hold (ids are unique within a context);
//	  - added: the objects (Notice.Object) of the notices of n that prev does
//	    not hold, in n's order; they are n's last notices, so each goes at the
//	    end of "all" and of its context's array;
//	  - order: nil when byContext's keys are those of prev in the same order,
//	    otherwise every key of n's byContext in order (a context appeared or
//	    emptied, or lost its oldest notice);
//	  - count: the number of notices of n, for the reader to check.
//
// Applying removed, then added, then order to prev's view gives exactly
// n's view, whatever two states are given; notices are matched by entry
// identity, so a notice that n shares with prev is never in the delta.
//
// ok is false when the delta would name more notices than n holds, plus
// one (e.g. every notice removed at once): the full view is then smaller
// and the caller publishes it instead. The cost is one walk over both
// lists, comparing pointers.
func (n Notices) DeltaFrom(prev Notices) (delta []any, ok bool) {
	limit := len(n.list) + 1
	j := 0 // n.list[:j] are the notices of prev kept, in order
	var removed []any
	for _, p := range prev.list {
		if j < len(n.list) && n.list[j] == p {
			j++
			continue
		}
		if len(removed) >= limit {
			return nil, false
		}
		removed = append(removed, []any{p.Context, p.ID})
	}
	tail := n.list[j:]
	if len(removed)+len(tail) > limit {
		return nil, false
	}
	added := make([]any, len(tail))
	for i, x := range tail {
		added[i] = x.obj
	}
	if removed == nil {
		removed = []any{}
	}
	var order any // nil: keys unchanged
	if !stringsEqual(prev.order, n.order) {
		keys := make([]any, len(n.order))
		for i, c := range n.order {
			keys[i] = c
		}
		order = keys
	}
	return []any{removed, added, order, float64(len(n.list))}, true
}
