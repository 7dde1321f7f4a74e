// Package observer is the observer machinery of ref §5 as amended by D5,
// D6, D11, D17, D18, D20, D24 and D30: a registry of observers per event,
// the plain emit (ref §5.3) and the abortable emit (ref §5.4, D6) with
// per-call time budgets (D17), attempt cancellation (D18) and trace hooks
// (D20, D24), and the response helpers and constants of ref §1.5, §1.6 and
// §5.5.
//
// Observers are Go functions (Func). The bridge wraps each JS callback in a
// Func that awaits the callback's Promise; core code registers Go observers
// directly. Values passed to and returned by observers are core/value trees.
package observer

// Event is an observer event type string (ref §1.4, plus AttemptSettled of D19).
type Event string

// Event types (ref §1.4; AttemptSettled is D19).
const (
	CheckoutValidation        Event = "checkout_validation"
	PaymentSetup              Event = "payment_setup"
	CheckoutSuccess           Event = "checkout_success"
	CheckoutFail              Event = "checkout_fail"
	ShippingRatesSuccess      Event = "shipping_rates_success"
	ShippingRatesFail         Event = "shipping_rates_fail"
	ShippingRateSelectSuccess Event = "shipping_rate_select_success"
	ShippingRateSelectFail    Event = "shipping_rate_select_fail"
	AttemptSettled            Event = "attempt_settled"
)

// Events returns every event type, in the order of RegistrationNames'
// current (non-deprecated) names. The slice is new on each call.
func Events() []Event {
	return []Event{
		CheckoutValidation, CheckoutSuccess, CheckoutFail, PaymentSetup,
		ShippingRatesSuccess, ShippingRatesFail,
		ShippingRateSelectSuccess, ShippingRateSelectFail,
		AttemptSettled,
	}
}

// registration is one JS registration function name (js-api
// eventRegistration) and the event it registers for.
type registration struct {
	name       string
	ev         Event
	deprecated bool   // D11 alias
	current    string // the replacement's name, for an alias
	group      string // js-api's group object: "checkout", "payment", "shipping" or ""
}

// registrations returns the registration names in their fixed order: the
// current names first, then the D11 deprecated aliases. It builds a new
// slice on each call (no package-level mutable state).
func registrations() []registration {
	return []registration{
		{name: "onCheckoutValidation", group: "checkout", ev: CheckoutValidation},
		{name: "onCheckoutSuccess", group: "checkout", ev: CheckoutSuccess},
		{name: "onCheckoutFail", group: "checkout", ev: CheckoutFail},
		{name: "onPaymentSetup", group: "payment", ev: PaymentSetup},
		{name: "onShippingRateSuccess", group: "shipping", ev: ShippingRatesSuccess},
		{name: "onShippingRateFail", group: "shipping", ev: ShippingRatesFail},
		{name: "onShippingRateSelectSuccess", group: "shipping", ev: ShippingRateSelectSuccess},
		{name: "onShippingRateSelectFail", group: "shipping", ev: ShippingRateSelectFail},
		{name: "onAttemptSettled", ev: AttemptSettled},
		// D11 / ref §6.4 deprecated aliases.
		{name: "onPaymentProcessing", group: "payment", ev: PaymentSetup, deprecated: true, current: "onPaymentSetup"},
		{name: "onCheckoutBeforeProcessing", ev: CheckoutValidation, deprecated: true, current: "onCheckoutValidation"},
		{name: "onCheckoutValidationBeforeProcessing", ev: CheckoutValidation, deprecated: true, current: "onCheckoutValidation"},
		{name: "onCheckoutAfterProcessingWithSuccess", ev: CheckoutSuccess, deprecated: true, current: "onCheckoutSuccess"},
		{name: "onCheckoutAfterProcessingWithError", ev: CheckoutFail, deprecated: true, current: "onCheckoutFail"},
	}
}

// Lookup maps a JS registration name (js-api eventRegistration, e.g.
// "onPaymentSetup") to its event. For a D11 deprecated alias it returns the
// replacement's event and deprecated=true; warning (once per alias, D30) is
// the caller's job. An unknown name gives ok=false. Names are case-sensitive.
func Lookup(name string) (ev Event, deprecated bool, ok bool) {
	for _, r := range registrations() {
		if r.name == name {
			return r.ev, r.deprecated, true
		}
	}
	return "", false, false
}

// Replacement returns the current registration name that a D11 deprecated
// alias stands for (e.g. "onPaymentProcessing" → "onPaymentSetup"). For a
// current name or an unknown name it returns ok=false.
func Replacement(alias string) (current string, ok bool) {
	for _, r := range registrations() {
		if r.name == alias && r.deprecated {
			return r.current, true
		}
	}
	return "", false
}

// RegistrationNames returns every registration name Lookup accepts, in a
// fixed order: onCheckoutValidation, onCheckoutSuccess, onCheckoutFail,
// onPaymentSetup, the four shipping names, onAttemptSettled, then the D11
// aliases. The slice is new on each call.
func RegistrationNames() []string {
	rs := registrations()
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.name
	}
	return out
}

// RegistrationName returns the current (non-deprecated) registration name
// for ev, or "" for an unknown event.
func RegistrationName(ev Event) string {
	for _, r := range registrations() {
		if r.ev == ev && !r.deprecated {
			return r.name
		}
	}
	return ""
}

// Registration describes one JS registration function (js-api
// eventRegistration).
type Registration struct {
	Name        string // e.g. "onPaymentSetup"
	Event       Event  // the event it registers for
	Replacement string // for a D11 deprecated alias, the current name; else ""
	// Group is the js-api object that also offers the function:
	// "checkout" (checkoutEvents), "payment" (paymentEvents), "shipping"
	// (shippingEvents), or "" (eventRegistration only).
	Group string
}

// Registrations returns every registration function in RegistrationNames'
// order. The slice is new on each call.
func Registrations() []Registration {
	rs := registrations()
	out := make([]Registration, len(rs))
	for i, r := range rs {
		out[i] = Registration{Name: r.name, Event: r.ev, Replacement: r.current, Group: r.group}
	}
	return out
}
