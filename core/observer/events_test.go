package observer

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ref §1.4 event type strings, plus D19's attempt_settled.
func TestEventStrings(t *testing.T) {
	tests := []struct {
		ev   Event
		want string
	}{
		{CheckoutValidation, "checkout_validation"},
		{PaymentSetup, "payment_setup"},
		{CheckoutSuccess, "checkout_success"},
		{CheckoutFail, "checkout_fail"},
		{ShippingRatesSuccess, "shipping_rates_success"},
		{ShippingRatesFail, "shipping_rates_fail"},
		{ShippingRateSelectSuccess, "shipping_rate_select_success"},
		{ShippingRateSelectFail, "shipping_rate_select_fail"},
		{AttemptSettled, "attempt_settled"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, string(tt.ev))
		})
	}
	assert.Len(t, Events(), len(tests), "Events lists every event once")
}

// js-api eventRegistration names and the D11 / ref §6.4 deprecated aliases.
func TestLookup(t *testing.T) {
	tests := []struct {
		name       string
		ev         Event
		deprecated bool
		ok         bool
	}{
		{"onCheckoutValidation", CheckoutValidation, false, true},
		{"onCheckoutSuccess", CheckoutSuccess, false, true},
		{"onCheckoutFail", CheckoutFail, false, true},
		{"onPaymentSetup", PaymentSetup, false, true},
		{"onShippingRateSuccess", ShippingRatesSuccess, false, true},
		{"onShippingRateFail", ShippingRatesFail, false, true},
		{"onShippingRateSelectSuccess", ShippingRateSelectSuccess, false, true},
		{"onShippingRateSelectFail", ShippingRateSelectFail, false, true},
		{"onAttemptSettled", AttemptSettled, false, true},
		// D11: aliases register into the replacement's list.
		{"onPaymentProcessing", PaymentSetup, true, true},
		{"onCheckoutBeforeProcessing", CheckoutValidation, true, true},
		{"onCheckoutValidationBeforeProcessing", CheckoutValidation, true, true},
		{"onCheckoutAfterProcessingWithSuccess", CheckoutSuccess, true, true},
		{"onCheckoutAfterProcessingWithError", CheckoutFail, true, true},
		// Unknown names.
		{"", "", false, false},
		{"onShippingRatesSuccess", "", false, false},
		{"oncheckoutvalidation", "", false, false},
		{"checkout_validation", "", false, false},
		{"onCheckoutAfterProcessing", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, dep, ok := Lookup(tt.name)
			assert.Equal(t, tt.ev, ev)
			assert.Equal(t, tt.deprecated, dep)
			assert.Equal(t, tt.ok, ok)
		})
	}
}

// D11: each alias names a current registration with the same event.
func TestReplacement(t *testing.T) {
	tests := []struct {
		alias, current string
		ok             bool
	}{
		{"onPaymentProcessing", "onPaymentSetup", true},
		{"onCheckoutBeforeProcessing", "onCheckoutValidation", true},
		{"onCheckoutValidationBeforeProcessing", "onCheckoutValidation", true},
		{"onCheckoutAfterProcessingWithSuccess", "onCheckoutSuccess", true},
		{"onCheckoutAfterProcessingWithError", "onCheckoutFail", true},
		{"onPaymentSetup", "", false},
		{"onNothing", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.alias, func(t *testing.T) {
			cur, ok := Replacement(tt.alias)
			assert.Equal(t, tt.current, cur)
			require.Equal(t, tt.ok, ok)
			if ok {
				aliasEv, dep, _ := Lookup(tt.alias)
				curEv, curDep, _ := Lookup(cur)
				assert.True(t, dep)
				assert.False(t, curDep)
				assert.Equal(t, curEv, aliasEv)
			}
		})
	}
}

func TestRegistrationNames(t *testing.T) {
	want := []string{
		"onCheckoutValidation", "onCheckoutSuccess", "onCheckoutFail", "onPaymentSetup",
		"onShippingRateSuccess", "onShippingRateFail", "onShippingRateSelectSuccess", "onShippingRateSelectFail",
		"onAttemptSettled",
		"onPaymentProcessing", "onCheckoutBeforeProcessing", "onCheckoutValidationBeforeProcessing",
		"onCheckoutAfterProcessingWithSuccess", "onCheckoutAfterProcessingWithError",
	}
	got := RegistrationNames()
	assert.Equal(t, want, got)
	for _, n := range got {
		_, _, ok := Lookup(n)
		assert.True(t, ok, n)
	}

	got[0] = "mutated"
	assert.Equal(t, want, RegistrationNames(), "each call returns a fresh slice")
}

func TestRegistrationName(t *testing.T) {
	for _, ev := range Events() {
		t.Run(string(ev), func(t *testing.T) {
			name := RegistrationName(ev)
			require.NotEmpty(t, name)
			got, dep, ok := Lookup(name)
			assert.True(t, ok)
			assert.False(t, dep, "the current name, never an alias")
			assert.Equal(t, ev, got)
		})
	}
	assert.Empty(t, RegistrationName("no_such_event"))
}

func TestRegistrations(t *testing.T) {
	t.Run("D11: every registration name with its event, group and, for an alias, its replacement", func(t *testing.T) {
		rs := Registrations()
		names := make([]string, len(rs))
		groups := map[string][]string{}
		for i, r := range rs {
			names[i] = r.Name
			groups[r.Group] = append(groups[r.Group], r.Name)
			ev, deprecated, ok := Lookup(r.Name)
			assert.True(t, ok)
			assert.Equal(t, r.Event, ev)
			assert.Equal(t, r.Replacement != "", deprecated, r.Name)
		}
		assert.Equal(t, RegistrationNames(), names)
		assert.Equal(t, []string{"onCheckoutValidation", "onCheckoutSuccess", "onCheckoutFail"}, groups["checkout"])
		assert.Equal(t, []string{"onPaymentSetup", "onPaymentProcessing"}, groups["payment"])
		assert.Len(t, groups["shipping"], 4)
	})
}

// ExampleRegistrations prints the registration functions of the payment
// group (js-api paymentEvents), the D11 alias with its replacement.
func ExampleRegistrations() {
	for _, r := range Registrations() {
		if r.Group == "payment" {
			fmt.Printf("%s %s replacement=%q\n", r.Name, r.Event, r.Replacement)
		}
	}
	// Output:
	// onPaymentSetup payment_setup replacement=""
	// onPaymentProcessing payment_setup replacement="onPaymentSetup"
}

// ExampleRecovered turns a recovered panic value into an error.
func ExampleRecovered() {
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = Recovered("listener", r)
			}
		}()
		panic("boom")
	}()
	fmt.Println(err)
	// Output: listener panic: boom
}
