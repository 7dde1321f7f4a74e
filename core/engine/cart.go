package engine

import (
	"context"

	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// receiveCart is the cart's receiveCart (addresses=true) or
// receiveCartContents (false) thunk (D39): the response is merged into the
// cart as one change (store.Cart.ReceiveCart), then, when the shipping
// rates or the shipping error status changed, the shipping rate events of
// ref §13 are emitted (plain emit, responses ignored; nothing when rates
// are loading). The availability re-check (D40) follows from the cart
// change. ctx bounds the observers.
func (e *Engine) receiveCart(ctx context.Context, resp *value.Object, addresses bool) {
	before := e.Snapshot().Cart
	e.set(func(s *store.Snapshot) {
		if addresses {
			s.Cart = s.Cart.ReceiveCart(resp)
		} else {
			s.Cart = s.Cart.ReceiveCartContents(resp)
		}
	})
	after := e.Snapshot().Cart
	if !value.Equal(anySlice(before.ShippingRates), anySlice(after.ShippingRates)) ||
		before.ShippingErrorStatus != after.ShippingErrorStatus {
		e.emitRatesEvents(ctx)
	}
}
