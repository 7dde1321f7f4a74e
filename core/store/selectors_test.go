package store

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSelectorNames(t *testing.T) {
	keys := []string{CheckoutKey, PaymentKey, ValidationKey, NoticesKey, CartKey}
	t.Run("D3: every deprecated selector is published by its store's view", func(t *testing.T) {
		for _, k := range keys {
			view := newSnapshot().View(k, Env{})
			for _, d := range DeprecatedSelectors(k) {
				assert.True(t, view.Has(d.Name), "%s: %s", k, d.Name)
				assert.NotEmpty(t, d.Use)
			}
		}
	})
	t.Run("every data key is published and is not a selector", func(t *testing.T) {
		for _, k := range keys {
			view := newSnapshot().View(k, Env{})
			names := SelectorNames(k, view)
			for _, d := range viewDataKeys(k) {
				assert.True(t, view.Has(d), "%s: %s", k, d)
				assert.NotContains(t, names, d)
			}
		}
	})
	t.Run("the zero-argument selectors of each store, in view order", func(t *testing.T) {
		assert.Equal(t, []string{"hasValidationErrors"}, SelectorNames(ValidationKey, newSnapshot().View(ValidationKey, Env{})))
		assert.Empty(t, SelectorNames(NoticesKey, newSnapshot().View(NoticesKey, Env{})))
		pay := SelectorNames(PaymentKey, newSnapshot().View(PaymentKey, Env{}))
		assert.Contains(t, pay, "getState")
		assert.NotContains(t, pay, "isPaymentPristine")
		assert.Equal(t, "getCheckoutStatus", SelectorNames(CheckoutKey, newSnapshot().View(CheckoutKey, Env{}))[0])
	})
}

// ExampleSelectorNames lists the zero-argument selectors the validation
// view publishes ("errors" is data for getValidationError, not a selector).
func ExampleSelectorNames() {
	view := Snapshot{Validation: NewValidation()}.View(ValidationKey, Env{})
	fmt.Println(view.Keys(), SelectorNames(ValidationKey, view))
	// Output: [errors hasValidationErrors] [hasValidationErrors]
}
