package engine

import (
	"errors"
	"strconv"

	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
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
// thunk (D40). When the rate is already the selected one
// (store.Cart.SelectShippingRate changes nothing) nothing happens.
// Otherwise, as a rate selection in WooCommerce: isSelectingRate true
// (calculating counter up); the new selection is stored at once (so the
// page and the availability re-check see it even without a server); the
// choice is POSTed to the Store API's cart/select-shipping-rate through the
// transport (the server's cart session then prices the order with it) and
// a 2xx JSON reply is received with receiveCartContents (totals, rates...;
// not the addresses, which this module does not send to the server); then
// isSelectingRate false (counter down, shipping_rate_select_success/fail,
// ref §13). The reply's Nonce and User-ID headers apply as for checkout
// (ref §9.4, D15).
//
// Errors: a network failure, a reply that is not JSON, or an error reply
// (whose {code, message} becomes the cart error, ref §13, and whose
// data.cart is received) is returned, naming the route; the local
// selection is kept. Without a transport only the local selection is
// made. ctx bounds the request and the observers.
func (e *Engine) selectShippingRate(ctx context.Context, rateID string, packageID any) error {
	cur := e.Snapshot().Cart
	if cur.SelectShippingRate(rateID, packageID).Equal(cur) {
		return nil
	}
	e.setSelectingRate(ctx, true)
	e.set(func(s *store.Snapshot) { s.Cart = s.Cart.SelectShippingRate(rateID, packageID) })
	err := e.postRateSelection(ctx, rateID, packageID)
	e.setSelectingRate(ctx, false)
	return err
}

// postRateSelection sends the choice to the server and applies its reply
// (see selectShippingRate).
func (e *Engine) postRateSelection(ctx context.Context, rateID string, packageID any) error {
	if e.cfg.Transport == nil {
		return nil
	}
	req := storeapi.BuildSelectShippingRateRequest(e.cfg.StoreAPIURL, e.Nonce(), packageID, rateID)
	resp, err := e.cfg.Transport.Do(ctx, req)
	if err != nil {
		return errors.New("checkout: selectShippingRate: POST " + req.URL + " failed: " + err.Error())
	}
	if resp == nil {
		return errors.New("checkout: selectShippingRate: POST " + req.URL + " failed: no response")
	}
	hu := storeapi.ProcessHeaders(resp.Headers)
	if hu.HasNonce {
		e.mu.Lock()
		e.nonce = hu.Nonce
		e.mu.Unlock()
	}
	if hu.HasCustomerID {
		e.set(func(s *store.Snapshot) { s.Checkout = s.Checkout.SetCustomerID(hu.CustomerID) })
	}
	body := value.AsObject(resp.Body)
	if resp.BodyErr != nil || body == nil {
		return errors.New("checkout: selectShippingRate: POST " + req.URL + " answered HTTP " +
			strconv.Itoa(resp.Status) + " without a JSON object")
	}
	if resp.Status >= 200 && resp.Status <= 299 {
		e.set(func(s *store.Snapshot) { s.Cart = s.Cart.ReceiveCartContents(body) })
		return nil
	}
	msg, _ := value.Str(body.Get("message"))
	if cart, ok := storeapi.CartFromError(body); ok {
		e.set(func(s *store.Snapshot) { s.Cart = s.Cart.ReceiveCartContents(cart) })
	}
	if body.Has("code") {
		e.set(func(s *store.Snapshot) { s.Cart = s.Cart.SetCartErrors([]any{body}) })
	}
	return errors.New("checkout: selectShippingRate: POST " + req.URL + " answered HTTP " +
		strconv.Itoa(resp.Status) + ": " + storeapi.DecodeEntities(msg))
}
