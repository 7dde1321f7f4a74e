package engine

import (
	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
)

// Shipping reactions of ref §13: the calculating counter follows
// isLoadingRates and isSelectingRate (increment on true, decrement on false),
// and the four shipping events are emitted (plain emit, responses ignored)
// when loading or selecting ends, or rates/errors change while not loading.

// shippingFlag names one of the two cart flags that move the calculating
// counter (ref §13).
type shippingFlag int

const (
	loadingRates  shippingFlag = iota // isLoadingRates; its end emits the rates events
	selectingRate                     // isSelectingRate; its end emits the rate-select events
)

// setLoadingRates is the setIsLoadingRates action: see setShippingFlag.
func (e *Engine) setLoadingRates(ctx context.Context, b bool) {
	e.setShippingFlag(ctx, loadingRates, b)
}

// setSelectingRate is the setIsSelectingRate action: see setShippingFlag.
func (e *Engine) setSelectingRate(ctx context.Context, b bool) {
	e.setShippingFlag(ctx, selectingRate, b)
}

// setShippingFlag sets the flag to b; when the flag changed it moves the
// calculating counter (up for true, down for false), and when it went false
// it emits the matching shipping events (plain emit, responses ignored).
func (e *Engine) setShippingFlag(ctx context.Context, flag shippingFlag, b bool) {
	read := func(s store.Snapshot) bool {
		if flag == selectingRate {
			return s.Cart.IsSelectingRate
		}
		return s.Cart.IsLoadingRates
	}
	prev := read(e.Snapshot())
	e.set(func(s *store.Snapshot) {
		if flag == selectingRate {
			s.Cart = s.Cart.SetIsSelectingRate(b)
		} else {
			s.Cart = s.Cart.SetIsLoadingRates(b)
		}
	})
	if prev == b {
		return
	}
	e.set(func(s *store.Snapshot) {
		if b {
			s.Checkout = s.Checkout.IncrementCalculating()
		} else {
			s.Checkout = s.Checkout.DecrementCalculating()
		}
	})
	switch {
	case b:
	case flag == selectingRate:
		e.emitSelectEvents(ctx)
	default:
		e.emitRatesEvents(ctx)
	}
}

func shippingErrorData(s store.Snapshot) *value.Object {
	return value.NewObject(
		"hasInvalidAddress", s.Cart.ShippingErrorStatus == store.ShippingErrorInvalidAddress,
		"hasError", s.Cart.ShippingHasError(),
	)
}

// emitRatesEvents: shipping_rates_fail when not loading and (no rates or an
// error); shipping_rates_success with the rates when not loading, rates
// non-empty and no error.
func (e *Engine) emitRatesEvents(ctx context.Context) {
	s := e.Snapshot()
	if s.Cart.IsLoadingRates {
		return
	}
	if len(s.Cart.ShippingRates) == 0 || s.Cart.ShippingHasError() {
		e.beforeEmit(ctx, observer.ShippingRatesFail)
		e.emitter.Emit(ctx, observer.ShippingRatesFail, shippingErrorData(s))
		return
	}
	e.beforeEmit(ctx, observer.ShippingRatesSuccess)
	e.emitter.Emit(ctx, observer.ShippingRatesSuccess, anySlice(s.Cart.ShippingRates))
}

// emitSelectEvents: shipping_rate_select_fail when not selecting and an
// error; else shipping_rate_select_success with the selected rates.
func (e *Engine) emitSelectEvents(ctx context.Context) {
	s := e.Snapshot()
	if s.Cart.IsSelectingRate {
		return
	}
	if s.Cart.ShippingHasError() {
		e.beforeEmit(ctx, observer.ShippingRateSelectFail)
		e.emitter.Emit(ctx, observer.ShippingRateSelectFail, shippingErrorData(s))
		return
	}
	e.beforeEmit(ctx, observer.ShippingRateSelectSuccess)
	e.emitter.Emit(ctx, observer.ShippingRateSelectSuccess, anySlice(s.Cart.SelectedRates()))
}
