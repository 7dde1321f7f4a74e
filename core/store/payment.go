package store

import "github.com/wcblocks/checkoutwasm/core/value"

// Payment is the state of the payment store (ref §3.1).
type Payment struct {
	Status              string
	ActivePaymentMethod string
	ActiveSavedToken    string
	// AvailablePaymentMethods and AvailableExpressPaymentMethods map a
	// method name to {name}.
	AvailablePaymentMethods        *value.Object
	AvailableExpressPaymentMethods *value.Object
	// SavedPaymentMethods maps a type ("cc", ...) to []any of saved-method
	// objects {method:{gateway,last4,brand}, expires, is_default, tokenId, actions}.
	SavedPaymentMethods *value.Object
	// PaymentMethodData is any JS value; {} initially.
	PaymentMethodData any
	// PaymentResult is nil (JS null) or the payment result object.
	PaymentResult                    any
	PaymentMethodsInitialized        bool
	ExpressPaymentMethodsInitialized bool
	ShouldSavePaymentMethod          bool
}

// NewPayment returns the initial payment state (ref §3.1): status "idle",
// no active method, empty available maps, savedPaymentMethods = saved (the
// `customerPaymentMethods` setting; nil means {}), paymentMethodData {},
// paymentResult null, all flags false.
func NewPayment(saved *value.Object) Payment {
	return Payment{
		Status:                         PaymentIdle,
		AvailablePaymentMethods:        value.NewObject(),
		AvailableExpressPaymentMethods: value.NewObject(),
		SavedPaymentMethods:            objOrEmpty(saved),
		PaymentMethodData:              value.NewObject(),
		PaymentResult:                  nil,
	}
}

// Equal reports whether p and o hold the same state (deep equality of the
// object and any-typed fields; a nil map equals an empty one).
func (p Payment) Equal(o Payment) bool {
	return p.Status == o.Status &&
		p.ActivePaymentMethod == o.ActivePaymentMethod &&
		p.ActiveSavedToken == o.ActiveSavedToken &&
		value.Equal(objOrEmpty(p.AvailablePaymentMethods), objOrEmpty(o.AvailablePaymentMethods)) &&
		value.Equal(objOrEmpty(p.AvailableExpressPaymentMethods), objOrEmpty(o.AvailableExpressPaymentMethods)) &&
		value.Equal(objOrEmpty(p.SavedPaymentMethods), objOrEmpty(o.SavedPaymentMethods)) &&
		value.Equal(p.PaymentMethodData, o.PaymentMethodData) &&
		value.Equal(p.PaymentResult, o.PaymentResult) &&
		p.PaymentMethodsInitialized == o.PaymentMethodsInitialized &&
		p.ExpressPaymentMethodsInitialized == o.ExpressPaymentMethodsInitialized &&
		p.ShouldSavePaymentMethod == o.ShouldSavePaymentMethod
}

func (p Payment) withStatus(s string) Payment {
	p.Status = s
	return p
}

// SetIdle is SET_PAYMENT_IDLE (ref §3.2): status "idle".
func (p Payment) SetIdle() Payment { return p.withStatus(PaymentIdle) }

// SetExpressStarted is SET_EXPRESS_PAYMENT_STARTED (ref §3.2): status
// "express_started".
func (p Payment) SetExpressStarted() Payment { return p.withStatus(PaymentExpressStarted) }

// SetProcessing is SET_PAYMENT_PROCESSING (ref §3.2): status "processing".
func (p Payment) SetProcessing() Payment { return p.withStatus(PaymentProcessing) }

// SetReady is SET_PAYMENT_READY (ref §3.2): status "ready".
func (p Payment) SetReady() Payment { return p.withStatus(PaymentReady) }

// SetError is SET_PAYMENT_ERROR (ref §3.2): status "has_error".
func (p Payment) SetError() Payment { return p.withStatus(PaymentError) }

// SetShouldSavePaymentMethod is SET_SHOULD_SAVE_PAYMENT_METHOD (ref §3.2).
func (p Payment) SetShouldSavePaymentMethod(b bool) Payment {
	p.ShouldSavePaymentMethod = b
	return p
}

// SetPaymentMethodData is __internalSetPaymentMethodData(data = {}) (ref
// §3.2, §3.4): paymentMethodData is replaced by v, whatever its type (a
// string is kept as a string, ref §12). value.Undef stands for the omitted
// argument and stores a new {}.
func (p Payment) SetPaymentMethodData(v any) Payment {
	if value.IsUndefined(v) {
		v = value.NewObject()
	}
	p.PaymentMethodData = v
	return p
}

// SetPaymentResult is SET_PAYMENT_RESULT (ref §3.2): paymentResult = v as
// given (normally nil or a payment result object).
func (p Payment) SetPaymentResult(v any) Payment {
	p.PaymentResult = v
	return p
}

// SetActivePaymentMethod is __internalSetActivePaymentMethod(name, data = {})
// (ref §3.2). data value.Undef is the default {}. In order:
//   - activeSavedToken = String(data.token) when the previous
//     paymentMethodData has JS typeof "object" (null and arrays included)
//     and data is a plain object with key "token"; otherwise "";
//   - activePaymentMethod = name;
//   - paymentMethodData = data when data is truthy, else the previous data
//     (so nil keeps it and the default {} clears it).
func (p Payment) SetActivePaymentMethod(name string, data any) Payment {
	if value.IsUndefined(data) {
		data = value.NewObject()
	}
	token := ""
	if d := value.AsObject(data); d != nil && d.Has("token") && value.TypeOf(p.PaymentMethodData) == "object" {
		token = value.String(d.Get("token"))
	}
	p.ActiveSavedToken = token
	p.ActivePaymentMethod = name
	if value.Truthy(data) {
		p.PaymentMethodData = data
	}
	return p
}

// SetAvailablePaymentMethods is SET_AVAILABLE_PAYMENT_METHODS (ref §3.2):
// the map is replaced (nil means {}). Default-method selection (ref §3.4,
// §14) is the engine's job.
func (p Payment) SetAvailablePaymentMethods(m *value.Object) Payment {
	p.AvailablePaymentMethods = objOrEmpty(m)
	return p
}

// SetAvailableExpressPaymentMethods is SET_AVAILABLE_EXPRESS_PAYMENT_METHODS
// (ref §3.2): the map is replaced (nil means {}).
func (p Payment) SetAvailableExpressPaymentMethods(m *value.Object) Payment {
	p.AvailableExpressPaymentMethods = objOrEmpty(m)
	return p
}

// RemoveAvailablePaymentMethod is REMOVE_AVAILABLE_PAYMENT_METHOD (ref
// §3.2): the regular map without name; unchanged when name is absent.
func (p Payment) RemoveAvailablePaymentMethod(name string) Payment {
	if !p.AvailablePaymentMethods.Has(name) {
		return p
	}
	p.AvailablePaymentMethods = p.AvailablePaymentMethods.Without(name)
	return p
}

// RemoveAvailableExpressPaymentMethod is REMOVE_AVAILABLE_EXPRESS_PAYMENT_METHOD
// with the reference bug fixed (D35, ref §3.2): the express map loses name
// and the regular map is untouched; unchanged when name is absent.
func (p Payment) RemoveAvailableExpressPaymentMethod(name string) Payment {
	if !p.AvailableExpressPaymentMethods.Has(name) {
		return p
	}
	p.AvailableExpressPaymentMethods = p.AvailableExpressPaymentMethods.Without(name)
	return p
}

// SetPaymentMethodsInitialized is SET_PAYMENT_METHODS_INITIALIZED (ref §3.2).
func (p Payment) SetPaymentMethodsInitialized(b bool) Payment {
	p.PaymentMethodsInitialized = b
	return p
}

// SetExpressPaymentMethodsInitialized is SET_EXPRESS_PAYMENT_METHODS_INITIALIZED
// (ref §3.2).
func (p Payment) SetExpressPaymentMethodsInitialized(b bool) Payment {
	p.ExpressPaymentMethodsInitialized = b
	return p
}

// IsExpressPaymentMethodActive reports whether the active method name is a
// key of the available express methods (ref §3.3).
func (p Payment) IsExpressPaymentMethodActive() bool {
	return p.AvailableExpressPaymentMethods.Has(p.ActivePaymentMethod)
}

// ActiveSavedTokenDerived is the getActiveSavedToken selector (ref §3.3):
// String(paymentMethodData.token) when paymentMethodData is a plain object
// with key "token", else "". It ignores the stored ActiveSavedToken field,
// as the reference does.
func (p Payment) ActiveSavedTokenDerived() string {
	d := value.AsObject(p.PaymentMethodData)
	if d == nil || !d.Has("token") {
		return ""
	}
	return value.String(d.Get("token"))
}

// ActiveSavedPaymentMethods is the getActiveSavedPaymentMethods selector
// (ref §3.3): {} when no regular method is available; otherwise, for each
// saved-method type in order, the entries whose method.gateway is an
// available regular method for which showSavedCards reports true, keeping
// their order; types left empty are dropped. showSavedCards nil counts as
// false for every method; entries that are not {method:{gateway:string}}
// are dropped (the reference would throw on them).
func (p Payment) ActiveSavedPaymentMethods(showSavedCards func(methodName string) bool) *value.Object {
	var b value.Builder
	if p.AvailablePaymentMethods.Len() == 0 || showSavedCards == nil {
		return b.Build()
	}
	p.SavedPaymentMethods.Range(func(typ string, list any) bool {
		items, _ := list.([]any)
		var kept []any
		for _, it := range items {
			gw, ok := value.AsObject(value.AsObject(it).Get("method")).Get("gateway").(string)
			if ok && p.AvailablePaymentMethods.Has(gw) && showSavedCards(gw) {
				kept = append(kept, it)
			}
		}
		if len(kept) > 0 {
			b.Set(typ, kept)
		}
		return true
	})
	return b.Build()
}

// IncompatiblePaymentMethods is the getIncompatiblePaymentMethods selector
// (ref §3.3): {} unless both "initialized" flags are true; otherwise the
// entries of global (id -> title, the `globalPaymentMethods` setting; nil
// means {}) whose id is a key of neither available map, in global's order.
func (p Payment) IncompatiblePaymentMethods(global *value.Object) *value.Object {
	var b value.Builder
	if !p.PaymentMethodsInitialized || !p.ExpressPaymentMethodsInitialized {
		return b.Build()
	}
	global.Range(func(id string, title any) bool {
		if !p.AvailablePaymentMethods.Has(id) && !p.AvailableExpressPaymentMethods.Has(id) {
			b.Set(id, title)
		}
		return true
	})
	return b.Build()
}
