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

// selectShippingRate is the cart's selectShippingRate(rateId, packageId)
// thunk without a server: when the rate is not already the selected one
// (store.Cart.SelectShippingRate changes nothing), it runs as a rate
// selection does in WooCommerce: isSelectingRate true (calculating counter
// up), the new selection stored, isSelectingRate false (counter down, then
// shipping_rate_select_success/fail, ref §13). The cart change re-checks
// availability (D40), so a method restricted to a shipping method follows
// the shopper's choice. ctx bounds the observers.
func (e *Engine) selectShippingRate(ctx context.Context, rateID string, packageID any) {
	cur := e.Snapshot().Cart
	if cur.SelectShippingRate(rateID, packageID).Equal(cur) {
		return
	}
	e.setSelectingRate(ctx, true)
	e.set(func(s *store.Snapshot) { s.Cart = s.Cart.SelectShippingRate(rateID, packageID) })
	e.setSelectingRate(ctx, false)
}
