package engine

import (
	"context"
	"math"
	"sort"

	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// Dispatch runs one action of one store by name, as
// wc.wcBlocksData.dispatch(storeKey)[action](...args) does. It returns after
// the change and every reaction it triggered (reactions R5/R6, shipping
// events, default payment-method selection) have run. An unknown store or
// action is an *UnknownError; an argument of the wrong type is an *ArgError
// and changes nothing (D34). ctx bounds the reactions that wait on
// observers (shipping events, canMakePayment).
func (e *Engine) Dispatch(ctx context.Context, storeKey, action string, args []any) error {
	actions, ok := actionTable[storeKey]
	if !ok {
		return &UnknownError{Func: "dispatch", What: "store", Name: storeKey}
	}
	fn, ok := actions[action]
	if !ok {
		return &UnknownError{Func: "dispatch('" + storeKey + "')", What: "action", Name: action}
	}
	return fn(e, ctx, argList{fn: "dispatch('" + storeKey + "')." + action, vals: args})
}

// CheckDispatch reports the error Dispatch would return for bad input
// (unknown store or action, *ArgError) without changing anything or
// running any reaction. The bridge calls it synchronously so that bad
// arguments throw a TypeError at the call (D34), then runs Dispatch in a
// goroutine.
func (e *Engine) CheckDispatch(storeKey, action string, args []any) error {
	actions, ok := actionTable[storeKey]
	if !ok {
		return &UnknownError{Func: "dispatch", What: "store", Name: storeKey}
	}
	fn, ok := actions[action]
	if !ok {
		return &UnknownError{Func: "dispatch('" + storeKey + "')", What: "action", Name: action}
	}
	return fn(e, context.Background(), argList{fn: "dispatch('" + storeKey + "')." + action, vals: args, dry: true})
}

// ActionNames lists the actions of a store key, sorted (nil for an unknown key).
func ActionNames(storeKey string) []string {
	actions, ok := actionTable[storeKey]
	if !ok {
		return nil
	}
	out := make([]string, 0, len(actions))
	for k := range actions {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// StoreKeys lists the store keys in a fixed order.
func StoreKeys() []string {
	return []string{store.CheckoutKey, store.PaymentKey, store.ValidationKey, store.CartKey, store.NoticesKey}
}

type actionFunc func(e *Engine, ctx context.Context, a argList) error

// argList reads positional JS arguments with type checks.
type argList struct {
	fn   string
	vals []any
	dry  bool // check the arguments only; change nothing
}

func (a argList) at(i int) any {
	if i < len(a.vals) {
		return a.vals[i]
	}
	return value.Undef
}

func (a argList) bad(name, want string, got any) error {
	return &ArgError{Func: a.fn, Arg: name, Want: want, Got: value.TypeOf(got)}
}

func (a argList) str(i int, name string) (string, error) {
	v := a.at(i)
	s, ok := v.(string)
	if !ok {
		return "", a.bad(name, "a string", v)
	}
	return s, nil
}

func (a argList) boolean(i int, name string) (bool, error) {
	v := a.at(i)
	b, ok := v.(bool)
	if !ok {
		return false, a.bad(name, "a boolean", v)
	}
	return b, nil
}

func (a argList) optBool(i int, name string, def bool) (bool, error) {
	if value.IsUndefined(a.at(i)) {
		return def, nil
	}
	return a.boolean(i, name)
}

func (a argList) integer(i int, name string) (int, error) {
	v := a.at(i)
	f, ok := value.Number(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) {
		return 0, a.bad(name, "a whole number", v)
	}
	return int(f), nil
}

func (a argList) object(i int, name string) (*value.Object, error) {
	v := a.at(i)
	o, ok := v.(*value.Object)
	if !ok {
		return nil, a.bad(name, "a plain object", v)
	}
	return o, nil
}

func (a argList) optObject(i int, name string) (*value.Object, error) {
	if value.IsUndefined(a.at(i)) {
		return nil, nil
	}
	return a.object(i, name)
}

func (a argList) array(i int, name string) ([]any, error) {
	v := a.at(i)
	arr, ok := v.([]any)
	if !ok {
		return nil, a.bad(name, "an array", v)
	}
	return arr, nil
}

// checkout applies a checkout reducer.
func checkout(f func(store.Checkout) store.Checkout) actionFunc {
	return func(e *Engine, _ context.Context, a argList) error {
		if a.dry {
			return nil
		}
		e.set(func(s *store.Snapshot) { s.Checkout = f(s.Checkout) })
		return nil
	}
}

func payment(f func(store.Payment) store.Payment) actionFunc {
	return func(e *Engine, _ context.Context, a argList) error {
		if a.dry {
			return nil
		}
		e.set(func(s *store.Snapshot) { s.Payment = f(s.Payment) })
		return nil
	}
}

// boolAction reads one boolean (undefined = no-op when skipUndef) and applies f.
func boolAction(name string, skipUndef bool, f func(*store.Snapshot, bool)) actionFunc {
	return func(e *Engine, _ context.Context, a argList) error {
		if skipUndef && value.IsUndefined(a.at(0)) {
			return nil
		}
		b, err := a.boolean(0, name)
		if err != nil {
			return err
		}
		if a.dry {
			return nil
		}
		e.set(func(s *store.Snapshot) { f(s, b) })
		return nil
	}
}

func stringAction(name string, skipUndef bool, f func(*store.Snapshot, string)) actionFunc {
	return func(e *Engine, _ context.Context, a argList) error {
		if skipUndef && value.IsUndefined(a.at(0)) {
			return nil
		}
		str, err := a.str(0, name)
		if err != nil {
			return err
		}
		if a.dry {
			return nil
		}
		e.set(func(s *store.Snapshot) { f(s, str) })
		return nil
	}
}

var actionTable = map[string]map[string]actionFunc{
	store.CheckoutKey: {
		"__internalSetIdle":              checkout(store.Checkout.SetIdle),
		"__internalSetProcessing":        checkout(store.Checkout.SetProcessing),
		"__internalSetBeforeProcessing":  checkout(store.Checkout.SetBeforeProcessing),
		"__internalSetAfterProcessing":   checkout(store.Checkout.SetAfterProcessing),
		"__internalIncrementCalculating": checkout(store.Checkout.IncrementCalculating),
		"__internalDecrementCalculating": checkout(store.Checkout.DecrementCalculating),
		"__internalSetRedirectUrl": stringAction("url", true, func(s *store.Snapshot, v string) {
			s.Checkout = s.Checkout.SetRedirectURL(v)
		}),
		"__internalSetComplete": func(e *Engine, _ context.Context, a argList) error {
			data, err := a.optObject(0, "data")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetComplete(data) })
			return nil
		},
		"__internalSetHasError": func(e *Engine, _ context.Context, a argList) error {
			b, err := a.optBool(0, "hasError", true)
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetHasError(b) })
			return nil
		},
		"__internalSetCustomerId": func(e *Engine, _ context.Context, a argList) error {
			if value.IsUndefined(a.at(0)) {
				return nil
			}
			id, err := a.integer(0, "customerId")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetCustomerID(id) })
			return nil
		},
		"__internalSetUseShippingAsBilling": boolAction("useShippingAsBilling", true, func(s *store.Snapshot, b bool) {
			s.Checkout = s.Checkout.SetUseShippingAsBilling(b)
		}),
		"__internalSetShouldCreateAccount": boolAction("shouldCreateAccount", true, func(s *store.Snapshot, b bool) {
			s.Checkout = s.Checkout.SetShouldCreateAccount(b)
		}),
		"setPrefersCollection": boolAction("prefersCollection", true, func(s *store.Snapshot, b bool) {
			s.Checkout = s.Checkout.SetPrefersCollection(b)
		}),
		"__internalSetOrderNotes": stringAction("orderNotes", true, func(s *store.Snapshot, v string) {
			s.Checkout = s.Checkout.SetOrderNotes(v)
		}),
		"__internalSetExtensionData": func(e *Engine, _ context.Context, a argList) error {
			if value.IsUndefined(a.at(0)) || value.IsUndefined(a.at(1)) {
				return nil // ref §2.2: only when both are defined
			}
			ns, err := a.str(0, "namespace")
			if err != nil {
				return err
			}
			data, err := a.object(1, "data")
			if err != nil {
				return err
			}
			replace, err := a.optBool(2, "replace", false)
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) {
				s.Checkout = s.Checkout.SetExtensionData(ns, data, replace)
			})
			return nil
		},
		"__internalProcessCheckoutResponse": func(e *Engine, _ context.Context, a argList) error {
			body, err := a.object(0, "response")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			pr := storeapi.PaymentResult(body)
			url, _ := value.Str(pr.Get("redirectUrl"))
			e.set(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetRedirectURL(url) })
			e.set(func(s *store.Snapshot) { s.Payment = s.Payment.SetPaymentResult(pr) })
			e.set(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetAfterProcessing() })
			return nil
		},
	},
	store.PaymentKey: {
		"__internalSetPaymentIdle":           payment(store.Payment.SetIdle),
		"__internalSetExpressPaymentStarted": payment(store.Payment.SetExpressStarted),
		"__internalSetPaymentProcessing":     payment(store.Payment.SetProcessing),
		"__internalSetPaymentError":          payment(store.Payment.SetError),
		"__internalSetPaymentReady":          payment(store.Payment.SetReady),
		"__internalSetExpressPaymentMethodsInitialized": boolAction("initialized", false, func(s *store.Snapshot, b bool) {
			s.Payment = s.Payment.SetExpressPaymentMethodsInitialized(b)
		}),
		"__internalSetShouldSavePaymentMethod": boolAction("shouldSavePaymentMethod", false, func(s *store.Snapshot, b bool) {
			s.Payment = s.Payment.SetShouldSavePaymentMethod(b)
		}),
		"__internalSetActivePaymentMethod": func(e *Engine, _ context.Context, a argList) error {
			name, err := a.str(0, "activePaymentMethod")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.setActiveMethod(name, a.at(1))
			return nil
		},
		"__internalSetPaymentMethodData": func(e *Engine, _ context.Context, a argList) error {
			data := a.at(0)
			if value.IsUndefined(data) {
				data = value.NewObject()
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Payment = s.Payment.SetPaymentMethodData(data) })
			return nil
		},
		"__internalSetPaymentResult": func(e *Engine, _ context.Context, a argList) error {
			data := a.at(0)
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Payment = s.Payment.SetPaymentResult(data) })
			return nil
		},
		"__internalSetAvailableExpressPaymentMethods": func(e *Engine, _ context.Context, a argList) error {
			m, err := a.object(0, "paymentMethods")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) {
				s.Payment = s.Payment.SetAvailableExpressPaymentMethods(m)
			})
			return nil
		},
		"__internalRemoveAvailablePaymentMethod": stringAction("name", false, func(s *store.Snapshot, n string) {
			s.Payment = s.Payment.RemoveAvailablePaymentMethod(n)
		}),
		"__internalRemoveAvailableExpressPaymentMethod": stringAction("name", false, func(s *store.Snapshot, n string) {
			s.Payment = s.Payment.RemoveAvailableExpressPaymentMethod(n)
		}),
		"__internalSetPaymentMethodsInitialized": func(e *Engine, _ context.Context, a argList) error {
			b, err := a.boolean(0, "initialized")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.SetPaymentMethodsInitialized(b)
			return nil
		},
		"__internalSetAvailablePaymentMethods": func(e *Engine, _ context.Context, a argList) error {
			m, err := a.object(0, "paymentMethods")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.SetAvailablePaymentMethods(m)
			return nil
		},
		"__internalUpdateAvailablePaymentMethods": func(e *Engine, ctx context.Context, a argList) error {
			if a.dry {
				return nil
			}
			return e.UpdateAvailablePaymentMethods(ctx)
		},
		"__internalSetExpressPaymentError": func(e *Engine, _ context.Context, a argList) error {
			if a.dry {
				return nil
			}
			e.SetExpressPaymentError(a.at(0))
			return nil
		},
	},
	store.ValidationKey: {
		"setValidationErrors": func(e *Engine, _ context.Context, a argList) error {
			v := a.at(0)
			if value.Truthy(v) && !value.IsPlainObject(v) {
				return a.bad("errors", "a plain object", v)
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Validation = s.Validation.SetValidationErrors(v) })
			return nil
		},
		"clearValidationError": stringAction("errorId", false, func(s *store.Snapshot, id string) {
			s.Validation = s.Validation.ClearValidationError(id)
		}),
		"clearValidationErrors": func(e *Engine, _ context.Context, a argList) error {
			ids := a.at(0)
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) {
				s.Validation = s.Validation.ClearValidationErrors(ids)
			})
			return nil
		},
		"hideValidationError": stringAction("errorId", false, func(s *store.Snapshot, id string) {
			s.Validation = s.Validation.HideValidationError(id)
		}),
		"showValidationError": stringAction("errorId", false, func(s *store.Snapshot, id string) {
			s.Validation = s.Validation.ShowValidationError(id)
		}),
		"showAllValidationErrors": func(e *Engine, _ context.Context, a argList) error {
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Validation = s.Validation.ShowAllValidationErrors() })
			return nil
		},
	},
	store.NoticesKey: {
		"createNotice": func(e *Engine, _ context.Context, a argList) error {
			status, err := a.str(0, "status")
			if err != nil {
				return err
			}
			opts, err := a.optObject(2, "options")
			if err != nil {
				return err
			}
			var no store.NoticeOptions
			if opts != nil {
				no.ID, _ = value.Str(opts.Get("id"))
				no.Context, _ = value.Str(opts.Get("context"))
				if d, ok := opts.Get("isDismissible").(bool); ok {
					no.IsDismissible = &d
				}
			}
			content := a.at(1)
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) {
				s.Notices = s.Notices.CreateNotice(status, content, no)
			})
			return nil
		},
		"removeNotice": func(e *Engine, _ context.Context, a argList) error {
			id, err := a.str(0, "id")
			if err != nil {
				return err
			}
			ctxName := ""
			if !value.IsUndefined(a.at(1)) {
				if ctxName, err = a.str(1, "context"); err != nil {
					return err
				}
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Notices = s.Notices.RemoveNotice(id, ctxName) })
			return nil
		},
	},
	store.CartKey: {
		"setBillingAddress": func(e *Engine, _ context.Context, a argList) error {
			o, err := a.object(0, "address")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Cart = s.Cart.SetBillingAddress(o) })
			return nil
		},
		"setShippingAddress": func(e *Engine, _ context.Context, a argList) error {
			o, err := a.object(0, "address")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Cart = s.Cart.SetShippingAddress(o) })
			return nil
		},
		"setShippingRates": func(e *Engine, ctx context.Context, a argList) error {
			rates, err := a.array(0, "shippingRates")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.set(func(s *store.Snapshot) { s.Cart = s.Cart.SetShippingRates(rates) })
			e.emitRatesEvents(ctx)
			return nil
		},
		"setIsLoadingRates": func(e *Engine, ctx context.Context, a argList) error {
			b, err := a.boolean(0, "isLoadingRates")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.setLoadingRates(ctx, b)
			return nil
		},
		"setIsSelectingRate": func(e *Engine, ctx context.Context, a argList) error {
			b, err := a.boolean(0, "isSelectingRate")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			e.setSelectingRate(ctx, b)
			return nil
		},
		"setCartErrors": func(e *Engine, ctx context.Context, a argList) error {
			errs, err := a.array(0, "errors")
			if err != nil {
				return err
			}
			if a.dry {
				return nil
			}
			before := e.Snapshot().Cart.ShippingErrorStatus
			e.set(func(s *store.Snapshot) { s.Cart = s.Cart.SetCartErrors(errs) })
			if e.Snapshot().Cart.ShippingErrorStatus != before {
				e.emitRatesEvents(ctx)
			}
			return nil
		},
	},
}
