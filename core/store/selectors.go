package store

// Deprecated is a deprecated selector of a store view (D3, D30): the view
// still publishes its value under Name; the loader warns once per name and
// points to Use.
type Deprecated struct {
	Name string
	Use  string // what to call instead, as the warning words it
}

// DeprecatedSelectors lists the deprecated zero-argument selectors of the
// store key, in view order (nil when the store has none). The slice is new
// on each call.
func DeprecatedSelectors(key string) []Deprecated {
	if key != PaymentKey {
		return nil
	}
	return []Deprecated{
		{"isPaymentPristine", "isPaymentIdle"},
		{"isPaymentStarted", "isExpressPaymentStarted"},
		{"isPaymentSuccess", "isPaymentReady"},
		{"isPaymentFailed", "hasPaymentError"},
		{"getCurrentStatus", "the individual payment status selectors"},
	}
}

// viewDataKeys are the keys of a view that hold data for the loader's
// parameterised selectors (getValidationError, getNotices, ...) or the raw
// state, not the result of a zero-argument selector.
func viewDataKeys(key string) []string {
	switch key {
	case CheckoutKey:
		return []string{"state"}
	case ValidationKey:
		return []string{"errors"}
	case NoticesKey:
		return []string{"byContext", "all"}
	}
	return nil
}

// SelectorNames lists the zero-argument selectors that view publishes for
// the store key, current ones only, in view order: every key of view except
// the data keys and the DeprecatedSelectors. The loader turns each into a
// function returning the snapshot's property of that name.
func SelectorNames(key string, view interface{ Keys() []string }) []string {
	skip := map[string]bool{}
	for _, k := range viewDataKeys(key) {
		skip[k] = true
	}
	for _, d := range DeprecatedSelectors(key) {
		skip[d.Name] = true
	}
	var out []string
	for _, k := range view.Keys() {
		if !skip[k] {
			out = append(out, k)
		}
	}
	return out
}
