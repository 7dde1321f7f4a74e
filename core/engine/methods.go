package engine

import (
	"errors"
	"sync"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
)

// CanMakePayment is a method's availability check. arg is the can-pay
// argument (cart, addresses, shipping). A truthy result means available; a
// plain object with an `error` key, or a non-nil error, means the check
// failed (ref §14) and the method is not available.
type CanMakePayment func(ctx context.Context, arg any) (any, error)

// PaymentMethod is what core needs of a registered config (js-api.md
// wc.wcBlocksRegistry). The bridge keeps the JS config itself.
type PaymentMethod struct {
	Name            string
	PaymentMethodID string // default Name
	CanMakePayment  CanMakePayment
	ShowSavedCards  bool
	// Features is the config's supports.features; nil means WooCommerce's
	// default ['products']. A method is unavailable while the cart's
	// payment_requirements has an entry missing from it (D40).
	Features []string
}

// features returns pm.Features or the default ['products'].
func (pm PaymentMethod) features() []string {
	if pm.Features == nil {
		return []string{"products"}
	}
	return pm.Features
}

// meetsRequirements reports whether every requirement is among the
// method's features (D40).
func (pm PaymentMethod) meetsRequirements(reqs []string) bool {
	f := pm.features()
	for _, r := range reqs {
		if !contains(f, r) {
			return false
		}
	}
	return true
}

type methodRegistry struct {
	mu      sync.Mutex
	regular []PaymentMethod
	express []PaymentMethod
}

func (m *methodRegistry) find(list []PaymentMethod, name string) (PaymentMethod, bool) {
	for _, pm := range list {
		if pm.Name == name {
			return pm, true
		}
	}
	return PaymentMethod{}, false
}

// paymentMethodID is ref §9.2: the regular registry wins over express on a name clash.
func (m *methodRegistry) paymentMethodID(name string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if pm, ok := m.find(m.regular, name); ok {
		return pm.PaymentMethodID, true
	}
	if pm, ok := m.find(m.express, name); ok {
		return pm.PaymentMethodID, true
	}
	return "", false
}

func (m *methodRegistry) showSavedCards(name string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	pm, ok := m.find(m.regular, name)
	return ok && pm.ShowSavedCards
}

func (m *methodRegistry) snapshot(express bool) []PaymentMethod {
	m.mu.Lock()
	defer m.mu.Unlock()
	if express {
		return append([]PaymentMethod(nil), m.express...)
	}
	return append([]PaymentMethod(nil), m.regular...)
}

// RegisterPaymentMethod adds a regular (express=false) or express method.
// A config without a name or canMakePayment is an *ArgError (js-api.md).
// Registering a name again replaces the earlier config in place and warns.
// It does not run the availability check; call RequestAvailabilityUpdate.
func (e *Engine) RegisterPaymentMethod(pm PaymentMethod, express bool) error {
	fn := "registerPaymentMethod"
	if express {
		fn = "registerExpressPaymentMethod"
	}
	if pm.Name == "" {
		return &ArgError{Func: fn, Arg: "name", Want: "a non-empty string"}
	}
	if pm.CanMakePayment == nil {
		return &ArgError{Func: fn, Arg: "canMakePayment", Want: "a function or a boolean"}
	}
	if pm.PaymentMethodID == "" {
		pm.PaymentMethodID = pm.Name
	}
	m := &e.methods
	m.mu.Lock()
	list := &m.regular
	if express {
		list = &m.express
	}
	replaced := false
	for i := range *list {
		if (*list)[i].Name == pm.Name {
			(*list)[i] = pm
			replaced = true
		}
	}
	if !replaced {
		*list = append(*list, pm)
	}
	m.mu.Unlock()
	if replaced {
		e.Warn("register:"+pm.Name, fn+": a payment method named '"+pm.Name+"' was already registered; the new config replaces it")
	}
	return nil
}

// RequestAvailabilityUpdate runs UpdateAvailablePaymentMethods in the
// background (ref §7 R11). Requests made while a run is under way are
// coalesced into one more run after it. done, when non-nil, is called after
// a run that started after this request.
func (e *Engine) RequestAvailabilityUpdate(done func()) {
	e.availMu.Lock()
	if done != nil {
		e.availQueued = append(e.availQueued, done)
	}
	if e.availRunning {
		e.availPending = true
		e.availMu.Unlock()
		return
	}
	e.availRunning = true
	e.availMu.Unlock()
	go func() {
		for {
			e.availMu.Lock()
			batch := e.availQueued
			e.availQueued = nil
			e.availPending = false
			e.availMu.Unlock()
			_ = e.UpdateAvailablePaymentMethods(backgroundCtx())
			for _, f := range batch {
				f()
			}
			e.availMu.Lock()
			if !e.availPending {
				e.availRunning = false
				e.availMu.Unlock()
				return
			}
			e.availMu.Unlock()
		}
	}()
}

// canPayArg is the argument given to canMakePayment: exactly WooCommerce's
// CanMakePaymentArgument (payment-methods.md, D40), built from the cart
// store. paymentMethods is the cart's payment_methods, or registered (the
// names of the registered regular methods) when the cart has no list.
// receiveCart is cart.receiveCart (undefined when nil). cartIsLoading is
// always false (the cart is preloaded).
func canPayArg(c store.Cart, registered []string, receiveCart any) *value.Object {
	if receiveCart == nil {
		receiveCart = value.Undef
	}
	pms := c.PaymentMethods
	if pms == nil {
		pms = registered
	}
	totals := c.CartTotals()
	reqs := anySlice(c.PaymentRequirements)
	cart := value.NewObject(
		"cartCoupons", anySlice(c.Coupons),
		"cartItems", anySlice(c.Items),
		"crossSellsProducts", anySlice(c.CrossSells),
		"cartFees", anySlice(c.Fees),
		"cartItemsCount", c.ItemsCount,
		"cartItemsWeight", c.ItemsWeight,
		"cartNeedsPayment", c.NeedsPayment,
		"cartNeedsShipping", c.NeedsShipping,
		"cartItemErrors", anySlice(c.ItemErrors),
		"cartTotals", totals,
		"cartIsLoading", false,
		"cartErrors", anySlice(c.CartErrors),
		"billingData", c.BillingAddress,
		"billingAddress", c.BillingAddress,
		"shippingAddress", c.ShippingAddress,
		"extensions", objOrEmpty(c.Extensions),
		"shippingRates", anySlice(c.ShippingRates),
		"isLoadingRates", c.IsLoadingRates,
		"cartHasCalculatedShipping", c.HasCalculatedShipping,
		"paymentRequirements", reqs,
		"receiveCart", receiveCart,
	)
	methods := make([]any, len(pms))
	for i, n := range pms {
		methods[i] = n
	}
	return value.NewObject(
		"cart", cart,
		"cartTotals", totals,
		"cartNeedsShipping", c.NeedsShipping,
		"billingData", c.BillingAddress,
		"billingAddress", c.BillingAddress,
		"shippingAddress", c.ShippingAddress,
		"selectedShippingMethods", selectedShippingMethods(c),
		"paymentRequirements", reqs,
		"paymentMethods", methods,
	)
}

// selectedShippingMethods is WooCommerce's deriveSelectedShippingRates:
// {package_id: rate_id} with one key per package (package_id as a JS
// property key: numbers in their JS string form), the rate_id of the
// package's first selected rate, or "" when none is selected.
func selectedShippingMethods(c store.Cart) *value.Object {
	var b value.Builder
	for _, pkg := range c.ShippingRates {
		po := value.AsObject(pkg)
		if po == nil {
			continue
		}
		rateID := ""
		rates, _ := po.Get("shipping_rates").([]any)
		for _, r := range rates {
			if ro := value.AsObject(r); ro != nil && value.Truthy(ro.Get("selected")) {
				rateID = value.String(ro.Get("rate_id"))
				break
			}
		}
		b.Set(value.String(po.Get("package_id")), rateID)
	}
	return b.Build()
}

func objOrEmpty(o *value.Object) *value.Object {
	if o == nil {
		return value.NewObject()
	}
	return o
}

func anySlice(v []any) []any {
	if v == nil {
		return []any{}
	}
	return v
}

// UpdateAvailablePaymentMethods is ref §3.4's thunk: the can-pay check of
// ref §14 for express methods, then regular ones; each changed name set is
// stored (regular through SetAvailablePaymentMethods, which runs default
// selection); then the initialized flags are set. canMakePayment throws and
// `{error}` results are logged and make the method unavailable. ctx bounds
// the whole run.
func (e *Engine) UpdateAvailablePaymentMethods(ctx context.Context) error {
	exp := e.checkCanPay(ctx, true)
	if !value.Equal(exp, e.Snapshot().Payment.AvailableExpressPaymentMethods) {
		e.set(func(s *store.Snapshot) {
			s.Payment = s.Payment.SetAvailableExpressPaymentMethods(exp)
		})
	}
	if !e.Snapshot().Payment.ExpressPaymentMethodsInitialized {
		e.set(func(s *store.Snapshot) {
			s.Payment = s.Payment.SetExpressPaymentMethodsInitialized(true)
		})
	}
	reg := e.checkCanPay(ctx, false)
	if !value.Equal(reg, e.Snapshot().Payment.AvailablePaymentMethods) {
		e.SetAvailablePaymentMethods(reg)
	}
	if !e.Snapshot().Payment.PaymentMethodsInitialized {
		e.SetPaymentMethodsInitialized(true)
	}
	return ctx.Err()
}

func (e *Engine) checkCanPay(ctx context.Context, express bool) *value.Object {
	methods := e.methods.snapshot(express)
	s := e.Snapshot()
	var order []PaymentMethod
	if express {
		order = methods
	} else {
		seen := map[string]bool{}
		byName := map[string]PaymentMethod{}
		for _, m := range methods {
			byName[m.Name] = m
		}
		for _, n := range append(append([]string(nil), e.cfg.PaymentMethodSortOrder...), names(methods)...) {
			if m, ok := byName[n]; ok && !seen[n] {
				seen[n] = true
				order = append(order, m)
			}
		}
	}
	var b value.Builder
	arg := canPayArg(s.Cart, names(e.methods.snapshot(false)), e.cfg.ReceiveCart)
	reqs := s.Cart.PaymentRequirementNames()
	for _, m := range order {
		if !express && s.Cart.PaymentMethods != nil && !contains(s.Cart.PaymentMethods, m.Name) {
			continue
		}
		if !m.meetsRequirements(reqs) {
			continue // D40: a missing feature makes it unavailable; canMakePayment is not called
		}
		ok, err := callCanPay(ctx, m, arg)
		if err != nil {
			e.logError("checkout: canMakePayment of '"+m.Name+"' failed", err)
			continue
		}
		if ok {
			b.Set(m.Name, value.NewObject("name", m.Name))
		}
	}
	return b.Build()
}

func callCanPay(ctx context.Context, m PaymentMethod, arg any) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = observer.Recovered("canMakePayment", r)
		}
	}()
	res, err := m.CanMakePayment(ctx, arg)
	if err != nil {
		return false, err
	}
	if o := value.AsObject(res); o != nil && o.Has("error") {
		e := o.Get("error")
		if eo := value.AsObject(e); eo != nil {
			if msg, ok := value.Str(eo.Get("message")); ok {
				return false, errors.New(msg)
			}
		}
		return false, errors.New(value.String(e))
	}
	return value.Truthy(res), nil
}

func names(ms []PaymentMethod) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Name
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// SetAvailablePaymentMethods is ref §3.4's thunk: when the active method is
// not a key of m, default selection (ref §14) runs over m first; then m is stored.
func (e *Engine) SetAvailablePaymentMethods(m *value.Object) {
	if !m.Has(e.Snapshot().Payment.ActivePaymentMethod) {
		e.selectDefault(m)
	}
	e.set(func(s *store.Snapshot) {
		s.Payment = s.Payment.SetAvailablePaymentMethods(m)
	})
}

// SetPaymentMethodsInitialized is ref §3.4's thunk: true runs default
// selection over the current available methods first.
func (e *Engine) SetPaymentMethodsInitialized(b bool) {
	if b {
		e.selectDefault(e.Snapshot().Payment.AvailablePaymentMethods)
	}
	e.set(func(s *store.Snapshot) {
		s.Payment = s.Payment.SetPaymentMethodsInitialized(b)
	})
}

// selectDefault is ref §14 setDefaultPaymentMethod.
func (e *Engine) selectDefault(methods *value.Object) {
	s := e.Snapshot()
	// 1. a saved payment method wins.
	var first *value.Object
	s.Payment.SavedPaymentMethods.Range(func(_ string, v any) bool {
		if list, ok := v.([]any); ok && len(list) > 0 {
			first = value.AsObject(list[0])
			return false
		}
		return true
	})
	if first != nil {
		method := value.AsObject(first.Get("method"))
		gateway, _ := value.Str(method.Get("gateway"))
		token := value.String(first.Get("tokenId"))
		data := value.NewObject("token", token, "payment_method", gateway,
			"wc-"+gateway+"-payment-token", token, "isSavedToken", true)
		e.setActiveMethod(gateway, data)
		return
	}
	// 2. keep a valid active method.
	active := s.Payment.ActivePaymentMethod
	if active != "" && (methods.Has(active) || s.Payment.AvailableExpressPaymentMethods.Has(active)) {
		return
	}
	// 3. idle, then the first method (none when empty).
	e.set(func(s *store.Snapshot) { s.Payment = s.Payment.SetIdle() })
	name := ""
	if keys := methods.Keys(); len(keys) > 0 {
		name = keys[0]
	}
	e.setActiveMethod(name, value.Undef)
}

// setActiveMethod is __internalSetActivePaymentMethod with its side effect
// (ref §11): selecting a method removes the wc-payment-error notice.
func (e *Engine) setActiveMethod(name string, data any) {
	e.set(func(s *store.Snapshot) {
		prev := s.Payment.ActivePaymentMethod
		s.Payment = s.Payment.SetActivePaymentMethod(name, data)
		if prev != name {
			s.Notices = s.Notices.RemoveNotice("wc-payment-error", observer.ContextPayments)
		}
	})
}

// expressMemory is what an express click remembers (ref §12).
type expressMemory struct {
	mu     sync.Mutex
	saved  bool
	method string
	data   any
}

// Express actions (ref §12).
const (
	ExpressClick = "click"
	ExpressClose = "close"
	ExpressError = "error"
)

// ExpressAction runs an express method's onClick, onClose or onError
// (ref §12). Unknown kinds or methods are *ArgError / *UnknownError.
func (e *Engine) ExpressAction(name, kind string, message any) error {
	if _, ok := e.methods.find(e.methods.snapshot(true), name); !ok {
		return &UnknownError{Func: "express " + kind, What: "express payment method", Name: name}
	}
	mem := &e.express
	switch kind {
	case ExpressClick:
		s := e.Snapshot()
		mem.mu.Lock()
		mem.saved, mem.method, mem.data = true, s.Payment.ActivePaymentMethod, s.Payment.PaymentMethodData
		mem.mu.Unlock()
		e.set(func(s *store.Snapshot) { s.Payment = s.Payment.SetExpressStarted() })
		e.setActiveMethod(name, value.Undef)
	case ExpressClose:
		e.set(func(s *store.Snapshot) { s.Payment = s.Payment.SetIdle() })
		e.restoreExpress()
	case ExpressError:
		e.set(func(s *store.Snapshot) { s.Payment = s.Payment.SetError() })
		e.set(func(s *store.Snapshot) { s.Payment = s.Payment.SetPaymentMethodData(message) })
		e.SetExpressPaymentError(message)
		e.restoreExpress()
	default:
		return &ArgError{Func: "express action", Arg: "kind", Want: "'click', 'close' or 'error'", Got: kind}
	}
	return nil
}

func (e *Engine) restoreExpress() {
	mem := &e.express
	mem.mu.Lock()
	saved, method, data := mem.saved, mem.method, mem.data
	mem.saved = false
	mem.mu.Unlock()
	if saved {
		e.setActiveMethod(method, data)
	}
}

// SetExpressPaymentError is ref §3.4's thunk: a truthy message becomes the
// wc-express-payment-error notice in the express context; a falsy one removes it.
func (e *Engine) SetExpressPaymentError(message any) {
	e.set(func(s *store.Snapshot) {
		if value.Truthy(message) {
			s.Notices = s.Notices.CreateNotice("error", message, store.NoticeOptions{ID: "wc-express-payment-error", Context: observer.ContextExpressPayments})
		} else {
			s.Notices = s.Notices.RemoveNotice("wc-express-payment-error", observer.ContextExpressPayments)
		}
	})
}
