package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// TestNewPayment checks the default state of ref §3.1.
func TestNewPayment(t *testing.T) {
	tests := []struct {
		name      string
		saved     *value.Object
		wantSaved string
	}{
		{"ref §3.1 no saved methods -> {}", nil, `{}`},
		{"ref §3.1 customerPaymentMethods preloaded", value.NewObject("cc", []any{value.NewObject("tokenId", 1.0)}),
			`{"cc":[{"tokenId":1}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPayment(tc.saved)
			assert.Equal(t, PaymentIdle, p.Status)
			assert.Equal(t, "", p.ActivePaymentMethod)
			assert.Equal(t, "", p.ActiveSavedToken)
			assert.Equal(t, `{}`, js(p.AvailablePaymentMethods))
			assert.Equal(t, `{}`, js(p.AvailableExpressPaymentMethods))
			assert.Equal(t, tc.wantSaved, js(p.SavedPaymentMethods))
			assert.Equal(t, `{}`, js(p.PaymentMethodData))
			assert.Nil(t, p.PaymentResult)
			assert.False(t, p.PaymentMethodsInitialized)
			assert.False(t, p.ExpressPaymentMethodsInitialized)
			assert.False(t, p.ShouldSavePaymentMethod)
		})
	}
}

// TestPaymentReducers checks the simple reducer rules of ref §3.2.
func TestPaymentReducers(t *testing.T) {
	base := NewPayment(nil)
	base.AvailablePaymentMethods = value.NewObject("cod", value.NewObject("name", "cod"), "bacs", value.NewObject("name", "bacs"))
	base.AvailableExpressPaymentMethods = value.NewObject("gpay", value.NewObject("name", "gpay"))
	tests := []struct {
		name  string
		apply func(Payment) Payment
		check func(t *testing.T, p Payment)
	}{
		{"ref §3.2 SET_PAYMENT_IDLE", func(p Payment) Payment { return p.SetProcessing().SetIdle() },
			func(t *testing.T, p Payment) { assert.Equal(t, "idle", p.Status) }},
		{"ref §3.2 SET_EXPRESS_PAYMENT_STARTED", Payment.SetExpressStarted,
			func(t *testing.T, p Payment) { assert.Equal(t, "express_started", p.Status) }},
		{"ref §3.2 SET_PAYMENT_PROCESSING", Payment.SetProcessing,
			func(t *testing.T, p Payment) { assert.Equal(t, "processing", p.Status) }},
		{"ref §3.2 SET_PAYMENT_READY", Payment.SetReady,
			func(t *testing.T, p Payment) { assert.Equal(t, "ready", p.Status) }},
		{"ref §3.2 SET_PAYMENT_ERROR is has_error", Payment.SetError,
			func(t *testing.T, p Payment) { assert.Equal(t, "has_error", p.Status) }},
		{"ref §3.2 SET_SHOULD_SAVE_PAYMENT_METHOD", func(p Payment) Payment { return p.SetShouldSavePaymentMethod(true) },
			func(t *testing.T, p Payment) { assert.True(t, p.ShouldSavePaymentMethod) }},
		{"ref §3.2 SET_PAYMENT_METHOD_DATA replaces (no merge)", func(p Payment) Payment {
			return p.SetPaymentMethodData(value.NewObject("a", 1.0)).SetPaymentMethodData(value.NewObject("b", 2.0))
		}, func(t *testing.T, p Payment) { assert.Equal(t, `{"b":2}`, js(p.PaymentMethodData)) }},
		{"ref §3.2 SET_PAYMENT_METHOD_DATA may be a string (ref §12)", func(p Payment) Payment {
			return p.SetPaymentMethodData("card declined")
		}, func(t *testing.T, p Payment) { assert.Equal(t, "card declined", p.PaymentMethodData) }},
		{"ref §3.4 __internalSetPaymentMethodData() defaults to {}", func(p Payment) Payment {
			return p.SetPaymentMethodData("x").SetPaymentMethodData(value.Undef)
		}, func(t *testing.T, p Payment) { assert.Equal(t, `{}`, js(p.PaymentMethodData)) }},
		{"ref §3.2 SET_PAYMENT_RESULT", func(p Payment) Payment {
			return p.SetPaymentResult(value.NewObject("paymentStatus", "success"))
		}, func(t *testing.T, p Payment) { assert.Equal(t, `{"paymentStatus":"success"}`, js(p.PaymentResult)) }},
		{"ref §3.2 REMOVE_AVAILABLE_PAYMENT_METHOD", func(p Payment) Payment { return p.RemoveAvailablePaymentMethod("cod") },
			func(t *testing.T, p Payment) {
				assert.Equal(t, `{"bacs":{"name":"bacs"}}`, js(p.AvailablePaymentMethods))
				assert.Equal(t, `{"gpay":{"name":"gpay"}}`, js(p.AvailableExpressPaymentMethods))
			}},
		{"D35 REMOVE_AVAILABLE_EXPRESS_PAYMENT_METHOD leaves regular methods untouched",
			func(p Payment) Payment { return p.RemoveAvailableExpressPaymentMethod("gpay") },
			func(t *testing.T, p Payment) {
				assert.Equal(t, `{}`, js(p.AvailableExpressPaymentMethods))
				assert.Equal(t, `{"cod":{"name":"cod"},"bacs":{"name":"bacs"}}`, js(p.AvailablePaymentMethods))
			}},
		{"D35 removing a regular name from the express map changes nothing",
			func(p Payment) Payment { return p.RemoveAvailableExpressPaymentMethod("cod") },
			func(t *testing.T, p Payment) { assert.True(t, p.Equal(base)) }},
		{"ref §3.2 remove an absent regular name -> unchanged",
			func(p Payment) Payment { return p.RemoveAvailablePaymentMethod("nope") },
			func(t *testing.T, p Payment) { assert.True(t, p.Equal(base)) }},
		{"ref §3.2 SET_PAYMENT_METHODS_INITIALIZED", func(p Payment) Payment { return p.SetPaymentMethodsInitialized(true) },
			func(t *testing.T, p Payment) { assert.True(t, p.PaymentMethodsInitialized) }},
		{"ref §3.2 SET_EXPRESS_PAYMENT_METHODS_INITIALIZED", func(p Payment) Payment {
			return p.SetExpressPaymentMethodsInitialized(true)
		}, func(t *testing.T, p Payment) { assert.True(t, p.ExpressPaymentMethodsInitialized) }},
		{"ref §3.2 SET_AVAILABLE_PAYMENT_METHODS replaces the map", func(p Payment) Payment {
			return p.SetAvailablePaymentMethods(value.NewObject("x", value.NewObject("name", "x")))
		}, func(t *testing.T, p Payment) { assert.Equal(t, `{"x":{"name":"x"}}`, js(p.AvailablePaymentMethods)) }},
		{"ref §3.2 SET_AVAILABLE_PAYMENT_METHODS nil -> {}", func(p Payment) Payment {
			return p.SetAvailablePaymentMethods(nil)
		}, func(t *testing.T, p Payment) { assert.Equal(t, `{}`, js(p.AvailablePaymentMethods)) }},
		{"ref §3.2 SET_AVAILABLE_EXPRESS_PAYMENT_METHODS replaces the map", func(p Payment) Payment {
			return p.SetAvailableExpressPaymentMethods(value.NewObject("apay", value.NewObject("name", "apay")))
		}, func(t *testing.T, p Payment) {
			assert.Equal(t, `{"apay":{"name":"apay"}}`, js(p.AvailableExpressPaymentMethods))
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := js(base.StateObject())
			got := tc.apply(base)
			tc.check(t, got)
			assert.Equal(t, before, js(base.StateObject()), "receiver must not change")
		})
	}
}

// TestPaymentSetActivePaymentMethod checks SET_ACTIVE_PAYMENT_METHOD (ref
// §3.2) including the activeSavedToken rule.
func TestPaymentSetActivePaymentMethod(t *testing.T) {
	tokenData := func() *value.Object {
		return value.NewObject("token", 2.0, "payment_method", "stripe", "isSavedToken", true)
	}
	tests := []struct {
		name      string
		prevData  any
		data      any
		wantData  string
		wantToken string
	}{
		{"ref §3.2 data with token, previous data an object -> token stringified",
			value.NewObject(), tokenData(), `{"token":2,"payment_method":"stripe","isSavedToken":true}`, "2"},
		{"ref §3.2 previous data null still has typeof object",
			nil, value.NewObject("token", "abc"), `{"token":"abc"}`, "abc"},
		{"ref §3.2 previous data an array has typeof object",
			[]any{}, value.NewObject("token", true), `{"token":true}`, "true"},
		{"ref §3.2 previous data a string -> token ''",
			"err", value.NewObject("token", "1"), `{"token":"1"}`, ""},
		{"ref §3.2 data without token -> ''",
			value.NewObject(), value.NewObject("x", 1.0), `{"x":1}`, ""},
		{"ref §3.2 default data {} clears previous data and token",
			tokenData(), value.Undef, `{}`, ""},
		{"ref §3.2 falsy data (null) keeps previous data",
			value.NewObject("keep", true), nil, `{"keep":true}`, ""},
		{"ref §3.2 falsy data ('') keeps previous data",
			value.NewObject("keep", true), "", `{"keep":true}`, ""},
		{"ref §3.2 token undefined value is stringified",
			value.NewObject(), value.NewObject("token", value.Undef), `{}`, "undefined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPayment(nil)
			p.PaymentMethodData = tc.prevData
			p.ActiveSavedToken = "old"
			got := p.SetActivePaymentMethod("stripe", tc.data)
			assert.Equal(t, "stripe", got.ActivePaymentMethod)
			assert.Equal(t, tc.wantData, js(got.PaymentMethodData))
			assert.Equal(t, tc.wantToken, got.ActiveSavedToken)
			assert.Equal(t, "", p.ActivePaymentMethod, "receiver unchanged")
		})
	}
}

// TestPaymentActiveSavedTokenDerived checks getActiveSavedToken (ref
// §3.3): it reads paymentMethodData, not the stored activeSavedToken.
func TestPaymentActiveSavedTokenDerived(t *testing.T) {
	tests := []struct {
		name   string
		data   any
		stored string
		want   string
	}{
		{"ref §3.3 plain object with token", value.NewObject("token", 12.0), "", "12"},
		{"ref §3.3 stored field ignored", value.NewObject(), "99", ""},
		{"ref §3.3 string token", value.NewObject("token", "tok"), "", "tok"},
		{"ref §3.3 not a plain object", "token", "x", ""},
		{"ref §3.3 null data", nil, "x", ""},
		{"ref §3.3 opaque object", value.Opaque{TypeOf: "object"}, "x", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPayment(nil)
			p.PaymentMethodData = tc.data
			p.ActiveSavedToken = tc.stored
			assert.Equal(t, tc.want, p.ActiveSavedTokenDerived())
		})
	}
}

func TestPaymentIsExpressPaymentMethodActive(t *testing.T) {
	p := NewPayment(nil).SetAvailableExpressPaymentMethods(value.NewObject("gpay", value.NewObject("name", "gpay")))
	tests := []struct {
		name   string
		active string
		want   bool
	}{
		{"ref §3.3 active is an express key", "gpay", true},
		{"ref §3.3 active is not an express key", "cod", false},
		{"ref §3.3 no active method", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, p.SetActivePaymentMethod(tc.active, value.Undef).IsExpressPaymentMethodActive())
		})
	}
}

// TestPaymentActiveSavedPaymentMethods checks getActiveSavedPaymentMethods
// (ref §3.3).
func TestPaymentActiveSavedPaymentMethods(t *testing.T) {
	saved := obj(t, `{
		"cc": [
			{"method":{"gateway":"stripe","last4":"4242","brand":"visa"},"tokenId":1},
			{"method":{"gateway":"other","last4":"1111","brand":"mc"},"tokenId":2},
			{"method":{"gateway":"nocards","last4":"0000","brand":"amex"},"tokenId":3},
			{"bogus":true}
		],
		"echeck": [{"method":{"gateway":"other"},"tokenId":4}]
	}`)
	show := func(name string) bool { return name == "stripe" || name == "other" }
	tests := []struct {
		name      string
		available string
		show      func(string) bool
		want      string
	}{
		{"ref §3.3 no available methods -> {}", `{}`, show, `{}`},
		{"ref §3.3 keeps available gateways with showSavedCards, drops empty types",
			`{"stripe":{"name":"stripe"},"nocards":{"name":"nocards"}}`, show,
			`{"cc":[{"method":{"gateway":"stripe","last4":"4242","brand":"visa"},"tokenId":1}]}`},
		{"ref §3.3 several types keep their order",
			`{"stripe":{"name":"stripe"},"other":{"name":"other"}}`, show,
			`{"cc":[{"method":{"gateway":"stripe","last4":"4242","brand":"visa"},"tokenId":1},` +
				`{"method":{"gateway":"other","last4":"1111","brand":"mc"},"tokenId":2}],` +
				`"echeck":[{"method":{"gateway":"other"},"tokenId":4}]}`},
		{"ref §3.3 showSavedCards false everywhere (nil) -> {}",
			`{"stripe":{"name":"stripe"}}`, nil, `{}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPayment(saved).SetAvailablePaymentMethods(obj(t, tc.available))
			assert.JSONEq(t, tc.want, js(p.ActiveSavedPaymentMethods(tc.show)))
		})
	}
}

// TestPaymentIncompatiblePaymentMethods checks getIncompatiblePaymentMethods
// (ref §3.3).
func TestPaymentIncompatiblePaymentMethods(t *testing.T) {
	global := obj(t, `{"cod":"Cash","bacs":"Bank","gpay":"Google Pay","paypal":"PayPal"}`)
	tests := []struct {
		name            string
		regInit, exInit bool
		global          *value.Object
		want            string
	}{
		{"ref §3.3 regular not initialized -> {}", false, true, global, `{}`},
		{"ref §3.3 express not initialized -> {}", true, false, global, `{}`},
		{"ref §3.3 both initialized -> ids in neither map, in global order", true, true, global,
			`{"bacs":"Bank","paypal":"PayPal"}`},
		{"ref §3.3 no global setting -> {}", true, true, nil, `{}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPayment(nil).
				SetAvailablePaymentMethods(obj(t, `{"cod":{"name":"cod"}}`)).
				SetAvailableExpressPaymentMethods(obj(t, `{"gpay":{"name":"gpay"}}`)).
				SetPaymentMethodsInitialized(tc.regInit).
				SetExpressPaymentMethodsInitialized(tc.exInit)
			assert.Equal(t, tc.want, js(p.IncompatiblePaymentMethods(tc.global)))
		})
	}
}

func TestPaymentEqual(t *testing.T) {
	base := NewPayment(nil)
	tests := []struct {
		name string
		edit func(Payment) Payment
	}{
		{"status", Payment.SetReady},
		{"active", func(p Payment) Payment { return p.SetActivePaymentMethod("x", value.Undef) }},
		{"saved token", func(p Payment) Payment { p.ActiveSavedToken = "1"; return p }},
		{"available", func(p Payment) Payment { return p.SetAvailablePaymentMethods(value.NewObject("a", 1.0)) }},
		{"express", func(p Payment) Payment { return p.SetAvailableExpressPaymentMethods(value.NewObject("a", 1.0)) }},
		{"saved", func(p Payment) Payment { p.SavedPaymentMethods = value.NewObject("cc", []any{}); return p }},
		{"data", func(p Payment) Payment { return p.SetPaymentMethodData("s") }},
		{"result", func(p Payment) Payment { return p.SetPaymentResult(value.NewObject()) }},
		{"init", func(p Payment) Payment { return p.SetPaymentMethodsInitialized(true) }},
		{"express init", func(p Payment) Payment { return p.SetExpressPaymentMethodsInitialized(true) }},
		{"save", func(p Payment) Payment { return p.SetShouldSavePaymentMethod(true) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.edit(base)
			require.False(t, o.Equal(base))
			assert.False(t, base.Equal(o))
		})
	}
	t.Run("same values -> equal", func(t *testing.T) {
		assert.True(t, base.SetReady().SetIdle().Equal(base))
		assert.True(t, base.SetPaymentMethodData(value.NewObject()).Equal(base))
	})
}
