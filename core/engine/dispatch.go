package engine

import (
	"math"

	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
)

// Action is a dispatch whose arguments have been checked: running it makes
// the change and runs every reaction it triggers (reactions R5/R6,
// shipping events, default payment-method selection), then returns. ctx
// bounds the reactions that wait on observers (shipping events,
// canMakePayment).
type Action func(ctx context.Context) error

// Prepare checks a dispatch of action on storeKey with args, as
// wc.wcBlocksData.dispatch(storeKey)[action](...args), without changing
// anything: an unknown store or action is an *UnknownError, an argument of
// the wrong type an *ArgError (D34). On success it returns the Action that
// performs it. The bridge prepares synchronously, so bad arguments throw a
// TypeError at the call, and runs the Action in a goroutine.
func (e *Engine) Prepare(storeKey, action string, args []any) (Action, error) {
	run, _, err := e.PrepareImmediate(storeKey, action, args)
	return run, err
}

// PrepareImmediate is Prepare, and also reports whether the Action is
// immediate: it makes its change (with reactions R5/R6), delivers it to
// the listeners and returns, never waiting for anything (no observer, no
// Promise, no timer, no lock held across a wait). A caller may run an
// immediate Action where its goroutine must not block (a WebAssembly
// export); anything else must run on a goroutine of its own.
func (e *Engine) PrepareImmediate(storeKey, action string, args []any) (Action, bool, error) {
	actions, ok := actionTable[storeKey]
	if !ok {
		return nil, false, &UnknownError{Func: "dispatch", What: "store", Name: storeKey}
	}
	fn, ok := actions[action]
	if !ok {
		return nil, false, &UnknownError{Func: "dispatch('" + storeKey + "')", What: "action", Name: action}
	}
	run, immediate, err := prepare(fn, storeKey, action, args)
	if err != nil {
		return nil, false, err
	}
	return func(ctx context.Context) error { return run(e, ctx) }, immediate, nil
}

// prepare reads args for fn. The function name in an ArgError,
// "dispatch('<store>').<action>", is only built for the error.
func prepare(fn actionFunc, storeKey, action string, args []any) (func(*Engine, context.Context) error, bool, error) {
	w, err := fn(argList{store: storeKey, action: action, vals: args})
	if err != nil {
		return nil, false, err
	}
	return w.run, w.immediate, nil
}

// Dispatch prepares and runs one action (see Prepare and Action): it
// returns the argument error, if any, having changed nothing, or the
// action's result after the change and its reactions.
func (e *Engine) Dispatch(ctx context.Context, storeKey, action string, args []any) error {
	run, err := e.Prepare(storeKey, action, args)
	if err != nil {
		return err
	}
	return run(ctx)
}

// ActionNames lists the actions of a store key, sorted (nil for an unknown key).
func ActionNames(storeKey string) []string {
	actions, ok := actionTable[storeKey]
	if !ok {
		return nil
	}
	out := make([]string, 0, len(actions))
	for k := range actions {
		// Insertion sort (a store has a few dozen actions): sort.Strings
		// would link the generic pdqsort for strings, ~3 KiB brotli, for
		// this one diagnostic list.
		i := len(out)
		out = append(out, k)
		for ; i > 0 && out[i-1] > k; i-- {
			out[i] = out[i-1]
		}
		out[i] = k
	}
	return out
}

// StoreKeys lists the store keys in a fixed order.
func StoreKeys() []string {
	return []string{store.CheckoutKey, store.PaymentKey, store.ValidationKey, store.CartKey, store.NoticesKey}
}

// actionFunc reads an action's arguments and returns the work to do, or an
// *ArgError. A no-op (ref §2.2 "set if defined") returns work that does nothing.
type actionFunc func(a argList) (work, error)

// work is a prepared action: run does it; immediate says it never waits
// (see PrepareImmediate).
type work struct {
	run       func(e *Engine, ctx context.Context) error
	immediate bool
}

// argList reads positional JS arguments with type checks.
type argList struct {
	store, action string // for the function name of an ArgError
	vals          []any
}

// fn is the function name of an ArgError: "dispatch('<store>').<action>".
func (a argList) fn() string { return "dispatch('" + a.store + "')." + a.action }

func (a argList) at(i int) any {
	if i < len(a.vals) {
		return a.vals[i]
	}
	return value.Undef
}

func (a argList) bad(name, want string, got any) error {
	return &ArgError{Func: a.fn(), Arg: name, Want: want, Got: value.TypeOf(got)}
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

// maxSafeInteger is Number.MAX_SAFE_INTEGER.
const maxSafeInteger = 1<<53 - 1

// integer reads argument i as a whole number within JS's safe-integer
// range (Number.isSafeInteger); anything else is an ArgError (D34).
func (a argList) integer(i int, name string) (int, error) {
	v := a.at(i)
	f, ok := value.Number(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) {
		return 0, a.bad(name, "a whole number", v)
	}
	if math.Abs(f) > maxSafeInteger { // 1e300 would be stored as 9223372036854776000 (issue 9 point 7)
		return 0, a.bad(name, "a safe integer (at most 2^53-1 in size)", v)
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

// reader reads an action's arguments: the value, whether the action is a
// no-op for these arguments (ref §2.2 "set if defined"), or an *ArgError.
type reader[T any] func(a argList) (v T, skip bool, err error)

func noop(*Engine, context.Context) error { return nil }

// act is an action that reads its arguments with read and applies f to the
// state as one change.
//
//go:noinline
func act[T any](read reader[T], f func(s *store.Snapshot, v T)) actionFunc {
	return func(a argList) (work, error) {
		v, skip, err := read(a)
		if err != nil || skip {
			return work{noop, true}, err
		}
		return work{func(e *Engine, _ context.Context) error {
			e.set(func(s *store.Snapshot) { f(s, v) })
			return nil
		}, true}, nil
	}
}

// thunk is an action whose work is an engine method (it may make several
// changes and run reactions).
//
//go:noinline
func thunk[T any](read reader[T], f func(e *Engine, ctx context.Context, v T) error) actionFunc {
	return func(a argList) (work, error) {
		v, skip, err := read(a)
		if err != nil || skip {
			return work{noop, true}, err
		}
		return work{func(e *Engine, ctx context.Context) error { return f(e, ctx, v) }, false}, nil
	}
}

func noArg(argList) (struct{}, bool, error) { return struct{}{}, false, nil }

// anyArg passes the first argument as it is; undefined becomes def when def is non-nil.
//
//go:noinline
func anyArg(def func() any) reader[any] {
	return func(a argList) (any, bool, error) {
		v := a.at(0)
		if def != nil && value.IsUndefined(v) {
			v = def()
		}
		return v, false, nil
	}
}

// boolArg reads a required boolean first argument.
//
//go:noinline
func boolArg(name string) reader[bool] {
	return func(a argList) (bool, bool, error) {
		b, err := a.boolean(0, name)
		return b, false, err
	}
}

// boolArgIfDefined reads a boolean first argument; undefined makes the
// action a no-op (ref §2.2 "set if defined").
//
//go:noinline
func boolArgIfDefined(name string) reader[bool] {
	return func(a argList) (bool, bool, error) {
		if value.IsUndefined(a.at(0)) {
			return false, true, nil
		}
		b, err := a.boolean(0, name)
		return b, false, err
	}
}

//go:noinline
func optBoolArg(name string, def bool) reader[bool] {
	return func(a argList) (bool, bool, error) {
		b, err := a.optBool(0, name, def)
		return b, false, err
	}
}

// strArg reads a required string first argument.
//
//go:noinline
func strArg(name string) reader[string] {
	return func(a argList) (string, bool, error) {
		v, err := a.str(0, name)
		return v, false, err
	}
}

// strArgIfDefined reads a string first argument; undefined makes the
// action a no-op (ref §2.2 "set if defined").
//
//go:noinline
func strArgIfDefined(name string) reader[string] {
	return func(a argList) (string, bool, error) {
		if value.IsUndefined(a.at(0)) {
			return "", true, nil
		}
		v, err := a.str(0, name)
		return v, false, err
	}
}

//go:noinline
func intArg(name string) reader[int] {
	return func(a argList) (int, bool, error) {
		if value.IsUndefined(a.at(0)) {
			return 0, true, nil
		}
		v, err := a.integer(0, name)
		return v, false, err
	}
}

// objArg reads a required plain-object first argument.
//
//go:noinline
func objArg(name string) reader[*value.Object] {
	return func(a argList) (*value.Object, bool, error) {
		o, err := a.object(0, name)
		return o, false, err
	}
}

// optObjArg reads an optional plain-object first argument: undefined gives
// nil (the action runs with its default).
//
//go:noinline
func optObjArg(name string) reader[*value.Object] {
	return func(a argList) (*value.Object, bool, error) {
		o, err := a.optObject(0, name)
		return o, false, err
	}
}

//go:noinline
func arrArg(name string) reader[[]any] {
	return func(a argList) ([]any, bool, error) {
		v, err := a.array(0, name)
		return v, false, err
	}
}

//go:noinline
func checkout(f func(store.Checkout) store.Checkout) actionFunc {
	return act(noArg, func(s *store.Snapshot, _ struct{}) { s.Checkout = f(s.Checkout) })
}

//go:noinline
func payment(f func(store.Payment) store.Payment) actionFunc {
	return act(noArg, func(s *store.Snapshot, _ struct{}) { s.Payment = f(s.Payment) })
}

func emptyObject() any { return value.NewObject() }

// extensionArgs are __internalSetExtensionData's arguments.
type extensionArgs struct {
	ns      string
	data    *value.Object
	replace bool
}

func readExtensionArgs(a argList) (x extensionArgs, skip bool, err error) {
	if value.IsUndefined(a.at(0)) || value.IsUndefined(a.at(1)) {
		return x, true, nil // ref §2.2: only when both are defined
	}
	if x.ns, err = a.str(0, "namespace"); err != nil {
		return x, false, err
	}
	if x.data, err = a.object(1, "data"); err != nil {
		return x, false, err
	}
	x.replace, err = a.optBool(2, "replace", false)
	return x, false, err
}

// noticeArgs are createNotice's arguments.
type noticeArgs struct {
	status  string
	content any
	opts    store.NoticeOptions
}

func readNoticeArgs(a argList) (n noticeArgs, _ bool, err error) {
	if n.status, err = a.str(0, "status"); err != nil {
		return n, false, err
	}
	opts, err := a.optObject(2, "options")
	if err != nil {
		return n, false, err
	}
	if opts != nil {
		n.opts.ID, _ = value.Str(opts.Get("id"))
		n.opts.Context, _ = value.Str(opts.Get("context"))
		if d, ok := opts.Get("isDismissible").(bool); ok {
			n.opts.IsDismissible = &d
		}
	}
	n.content = a.at(1)
	return n, false, nil
}

func readRemoveNoticeArgs(a argList) (v [2]string, _ bool, err error) {
	if v[0], err = a.str(0, "id"); err != nil {
		return v, false, err
	}
	if !value.IsUndefined(a.at(1)) {
		v[1], err = a.str(1, "context")
	}
	return v, false, err
}

func readActiveMethodArgs(a argList) (v struct {
	name string
	data any
}, _ bool, err error) {
	v.name, err = a.str(0, "activePaymentMethod")
	v.data = a.at(1)
	return v, false, err
}

func readValidationErrors(a argList) (any, bool, error) {
	v := a.at(0)
	if value.Truthy(v) && !value.IsPlainObject(v) {
		return nil, false, a.bad("errors", "a plain object", v)
	}
	return v, false, nil
}

// selectRateArgs are selectShippingRate's arguments: a rate id and an
// optional package id (a number or a string; undefined or null means every
// package).
type selectRateArgs struct {
	rateID    string
	packageID any
}

func readSelectRateArgs(a argList) (v selectRateArgs, _ bool, err error) {
	if v.rateID, err = a.str(0, "rateId"); err != nil {
		return v, false, err
	}
	v.packageID = a.at(1)
	switch v.packageID.(type) {
	case nil, value.Undefined, string, float64:
		return v, false, nil
	}
	return v, false, a.bad("packageId", "a number, a string, null or undefined", v.packageID)
}

// actionTable maps store and action names to their argument readers and
// work. The helpers building its entries (act, thunk, checkout, payment and
// the *Arg readers) are marked //go:noinline: inlined, each of the ~80 entries
// got its own copies of their closures (~250 functions, ~8 KiB brotli of
// the module); not inlined, entries of one argument type share them. They
// run once, at package init, so nothing is slower.
var actionTable = map[string]map[string]actionFunc{
	store.CheckoutKey: {
		"__internalSetIdle":              checkout(store.Checkout.SetIdle),
		"__internalSetProcessing":        checkout(store.Checkout.SetProcessing),
		"__internalSetBeforeProcessing":  checkout(store.Checkout.SetBeforeProcessing),
		"__internalSetAfterProcessing":   checkout(store.Checkout.SetAfterProcessing),
		"__internalIncrementCalculating": checkout(store.Checkout.IncrementCalculating),
		"__internalDecrementCalculating": checkout(store.Checkout.DecrementCalculating),
		"__internalSetRedirectUrl": act(strArgIfDefined("url"), func(s *store.Snapshot, v string) {
			s.Checkout = s.Checkout.SetRedirectURL(v)
		}),
		"__internalSetComplete": act(optObjArg("data"), func(s *store.Snapshot, v *value.Object) {
			s.Checkout = s.Checkout.SetComplete(v)
		}),
		"__internalSetHasError": act(optBoolArg("hasError", true), func(s *store.Snapshot, v bool) {
			s.Checkout = s.Checkout.SetHasError(v)
		}),
		"__internalSetCustomerId": act(intArg("customerId"), func(s *store.Snapshot, v int) {
			s.Checkout = s.Checkout.SetCustomerID(v)
		}),
		"__internalSetUseShippingAsBilling": act(boolArgIfDefined("useShippingAsBilling"), func(s *store.Snapshot, v bool) {
			s.Checkout = s.Checkout.SetUseShippingAsBilling(v)
		}),
		"__internalSetShouldCreateAccount": act(boolArgIfDefined("shouldCreateAccount"), func(s *store.Snapshot, v bool) {
			s.Checkout = s.Checkout.SetShouldCreateAccount(v)
		}),
		"setPrefersCollection": act(boolArgIfDefined("prefersCollection"), func(s *store.Snapshot, v bool) {
			s.Checkout = s.Checkout.SetPrefersCollection(v)
		}),
		"__internalSetOrderNotes": act(strArgIfDefined("orderNotes"), func(s *store.Snapshot, v string) {
			s.Checkout = s.Checkout.SetOrderNotes(v)
		}),
		"__internalSetExtensionData": act(readExtensionArgs, func(s *store.Snapshot, x extensionArgs) {
			s.Checkout = s.Checkout.SetExtensionData(x.ns, x.data, x.replace)
		}),
		"__internalProcessCheckoutResponse": thunk(objArg("response"), func(e *Engine, _ context.Context, body *value.Object) error {
			e.processCheckoutResponse(body)
			return nil
		}),
		// D44.
		"setEditingBillingAddress": act(boolArg("isEditing"), func(s *store.Snapshot, v bool) {
			s.Checkout = s.Checkout.SetEditingBillingAddress(v)
		}),
		"setEditingShippingAddress": act(boolArg("isEditing"), func(s *store.Snapshot, v bool) {
			s.Checkout = s.Checkout.SetEditingShippingAddress(v)
		}),
		"setAdditionalFields": act(objArg("additionalFields"), func(s *store.Snapshot, v *value.Object) {
			s.Checkout = s.Checkout.SetAdditionalFields(v)
		}),
	},
	store.PaymentKey: {
		"__internalSetPaymentIdle":           payment(store.Payment.SetIdle),
		"__internalSetExpressPaymentStarted": payment(store.Payment.SetExpressStarted),
		"__internalSetPaymentProcessing":     payment(store.Payment.SetProcessing),
		"__internalSetPaymentError":          payment(store.Payment.SetError),
		"__internalSetPaymentReady":          payment(store.Payment.SetReady),
		"__internalSetExpressPaymentMethodsInitialized": act(boolArg("initialized"), func(s *store.Snapshot, v bool) {
			s.Payment = s.Payment.SetExpressPaymentMethodsInitialized(v)
		}),
		"__internalSetShouldSavePaymentMethod": act(boolArg("shouldSavePaymentMethod"), func(s *store.Snapshot, v bool) {
			s.Payment = s.Payment.SetShouldSavePaymentMethod(v)
		}),
		"__internalSetActivePaymentMethod": thunk(readActiveMethodArgs, func(e *Engine, _ context.Context, v struct {
			name string
			data any
		}) error {
			e.setActiveMethod(v.name, v.data)
			return nil
		}),
		"__internalSetPaymentMethodData": act(anyArg(emptyObject), func(s *store.Snapshot, v any) {
			s.Payment = s.Payment.SetPaymentMethodData(v)
		}),
		"__internalSetPaymentResult": act(anyArg(nil), func(s *store.Snapshot, v any) {
			s.Payment = s.Payment.SetPaymentResult(v)
		}),
		"__internalSetAvailableExpressPaymentMethods": act(objArg("paymentMethods"), func(s *store.Snapshot, v *value.Object) {
			s.Payment = s.Payment.SetAvailableExpressPaymentMethods(v)
		}),
		"__internalRemoveAvailablePaymentMethod": act(strArg("name"), func(s *store.Snapshot, v string) {
			s.Payment = s.Payment.RemoveAvailablePaymentMethod(v)
		}),
		"__internalRemoveAvailableExpressPaymentMethod": act(strArg("name"), func(s *store.Snapshot, v string) {
			s.Payment = s.Payment.RemoveAvailableExpressPaymentMethod(v)
		}),
		"__internalSetPaymentMethodsInitialized": thunk(boolArg("initialized"), func(e *Engine, _ context.Context, v bool) error {
			e.SetPaymentMethodsInitialized(v)
			return nil
		}),
		"__internalSetAvailablePaymentMethods": thunk(objArg("paymentMethods"), func(e *Engine, _ context.Context, v *value.Object) error {
			e.SetAvailablePaymentMethods(v)
			return nil
		}),
		"__internalUpdateAvailablePaymentMethods": thunk(noArg, func(e *Engine, ctx context.Context, _ struct{}) error {
			return e.UpdateAvailablePaymentMethods(ctx)
		}),
		"__internalSetExpressPaymentError": thunk(anyArg(nil), func(e *Engine, _ context.Context, v any) error {
			e.SetExpressPaymentError(v)
			return nil
		}),
	},
	store.ValidationKey: {
		"setValidationErrors": act(readValidationErrors, func(s *store.Snapshot, v any) {
			s.Validation = s.Validation.SetValidationErrors(v)
		}),
		"clearValidationError": act(strArg("errorId"), func(s *store.Snapshot, v string) {
			s.Validation = s.Validation.ClearValidationError(v)
		}),
		"clearValidationErrors": act(anyArg(nil), func(s *store.Snapshot, v any) {
			s.Validation = s.Validation.ClearValidationErrors(v)
		}),
		"hideValidationError": act(strArg("errorId"), func(s *store.Snapshot, v string) {
			s.Validation = s.Validation.HideValidationError(v)
		}),
		"showValidationError": act(strArg("errorId"), func(s *store.Snapshot, v string) {
			s.Validation = s.Validation.ShowValidationError(v)
		}),
		"showAllValidationErrors": act(noArg, func(s *store.Snapshot, _ struct{}) {
			s.Validation = s.Validation.ShowAllValidationErrors()
		}),
	},
	store.NoticesKey: {
		"createNotice": act(readNoticeArgs, func(s *store.Snapshot, n noticeArgs) {
			s.Notices = s.Notices.CreateNotice(n.status, n.content, n.opts)
		}),
		"removeNotice": act(readRemoveNoticeArgs, func(s *store.Snapshot, v [2]string) {
			s.Notices = s.Notices.RemoveNotice(v[0], v[1])
		}),
	},
	store.CartKey: {
		"setBillingAddress": act(objArg("address"), func(s *store.Snapshot, v *value.Object) {
			s.Cart = s.Cart.SetBillingAddress(v)
		}),
		"setShippingAddress": act(objArg("address"), func(s *store.Snapshot, v *value.Object) {
			s.Cart = s.Cart.SetShippingAddress(v)
		}),
		"setShippingRates": thunk(arrArg("shippingRates"), func(e *Engine, ctx context.Context, v []any) error {
			e.set(func(s *store.Snapshot) { s.Cart = s.Cart.SetShippingRates(v) })
			e.emitRatesEvents(ctx)
			return nil
		}),
		"setIsLoadingRates": thunk(boolArg("isLoadingRates"), func(e *Engine, ctx context.Context, v bool) error {
			e.setLoadingRates(ctx, v)
			return nil
		}),
		"setIsSelectingRate": thunk(boolArg("isSelectingRate"), func(e *Engine, ctx context.Context, v bool) error {
			e.setSelectingRate(ctx, v)
			return nil
		}),
		// D39.
		"receiveCart": thunk(objArg("response"), func(e *Engine, ctx context.Context, v *value.Object) error {
			e.receiveCart(ctx, v)
			return nil
		}),
		"receiveCartContents": thunk(objArg("response"), func(e *Engine, ctx context.Context, v *value.Object) error {
			e.receiveCartContents(ctx, v)
			return nil
		}),
		"selectShippingRate": thunk(readSelectRateArgs, func(e *Engine, ctx context.Context, v selectRateArgs) error {
			return e.selectShippingRate(ctx, v.rateID, v.packageID)
		}),
		"receiveApplyingCoupon": act(strArg("couponCode"), func(s *store.Snapshot, v string) {
			s.Cart = s.Cart.SetApplyingCoupon(v)
		}),
		"receiveRemovingCoupon": act(strArg("couponCode"), func(s *store.Snapshot, v string) {
			s.Cart = s.Cart.SetRemovingCoupon(v)
		}),
		"setIsCartDataStale": act(optBoolArg("isCartDataStale", true), func(s *store.Snapshot, v bool) {
			s.Cart = s.Cart.SetIsCartDataStale(v)
		}),
		"updatingCustomerData": act(boolArg("isResolving"), func(s *store.Snapshot, v bool) {
			s.Cart = s.Cart.SetUpdatingCustomerData(v)
		}),
		"setCartErrors": thunk(arrArg("errors"), func(e *Engine, ctx context.Context, v []any) error {
			before := e.Snapshot().Cart.ShippingErrorStatus
			e.set(func(s *store.Snapshot) { s.Cart = s.Cart.SetCartErrors(v) })
			if e.Snapshot().Cart.ShippingErrorStatus != before {
				e.emitRatesEvents(ctx)
			}
			return nil
		}),
	},
}
