package engine

import (
	"context"

	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// receiveCart is the cart's receiveCart thunk (D39): the response is merged
// into the cart as one change (store.Cart.ReceiveCart), then the shipping
// rate events follow (see applyCartResponse). ctx bounds the observers.
func (e *Engine) receiveCart(ctx context.Context, resp *value.Object) {
	e.applyCartResponse(ctx, func(c store.Cart) store.Cart { return c.ReceiveCart(resp) })
}

// receiveCartContents is receiveCartContents (D39): receiveCart without the
// response's addresses (store.Cart.ReceiveCartContents).
func (e *Engine) receiveCartContents(ctx context.Context, resp *value.Object) {
	e.applyCartResponse(ctx, func(c store.Cart) store.Cart { return c.ReceiveCartContents(resp) })
}

// applyCartResponse applies reduce to the cart as one change; when the
// shipping rates or the shipping error status changed, the shipping rate
// events of ref §13 are emitted (plain emit, responses ignored; nothing
// while rates are loading). The availability re-check (D40) follows from
// the cart change (availability.go).
func (e *Engine) applyCartResponse(ctx context.Context, reduce func(store.Cart) store.Cart) {
	before := e.Snapshot().Cart
	e.set(func(s *store.Snapshot) { s.Cart = reduce(s.Cart) })
	after := e.Snapshot().Cart
	if !value.Equal(anySlice(before.ShippingRates), anySlice(after.ShippingRates)) ||
		before.ShippingErrorStatus != after.ShippingErrorStatus {
		e.emitRatesEvents(ctx)
	}
}
