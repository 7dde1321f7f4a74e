package engine

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
)

func TestCartLoadOption(t *testing.T) {
	t.Run("D39: a Store API cart response as the cart option", func(t *testing.T) {
		h := newHarness(t, func(c *Config) { c.Cart = CartConfig{NeedsPayment: true, Response: obj(storeAPICart)} })
		c := h.e.Snapshot().Cart
		assert.Equal(t, []string{"cod", "bacs"}, c.PaymentMethods)
		assert.True(t, c.NeedsShipping)
		assert.Equal(t, "3940", c.CartTotals().Get("total_price"))
		v := h.e.View(store.CartKey)
		assert.Equal(t, "3940", value.AsObject(v.Get("getCartTotals")).Get("total_price"))
		assert.Equal(t, 2.0, value.AsObject(v.Get("getCartData")).Get("itemsCount"))
		assert.Equal(t, "Ann", value.AsObject(value.AsObject(v.Get("getCustomerData")).Get("billingAddress")).Get("first_name"))
	})
	t.Run("D39: the legacy {needsPayment, needsShipping, paymentMethods} shape keeps working", func(t *testing.T) {
		h := newHarness(t, func(c *Config) {
			c.Cart = CartConfig{NeedsPayment: true, Response: obj(`{"needsPayment":false,"needsShipping":true,"paymentMethods":["bacs"]}`)}
		})
		c := h.e.Snapshot().Cart
		assert.False(t, c.NeedsPayment)
		assert.True(t, c.NeedsShipping)
		assert.Equal(t, []string{"bacs"}, c.PaymentMethods)
	})
	t.Run("D39: the response's addresses win over checkoutData's", func(t *testing.T) {
		h := newHarness(t, func(c *Config) {
			c.CheckoutData.BillingAddress = obj(`{"first_name":"Checkout"}`)
			c.Cart.Response = obj(`{"billing_address":{"first_name":"Cart"}}`)
		})
		assert.Equal(t, "Cart", h.e.Snapshot().Cart.BillingAddress.Get("first_name"))
	})
	t.Run("D39: a regular method not in the cart's payment_methods is not offered", func(t *testing.T) {
		h := newHarness(t, withCart(storeAPICart))
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "cod", CanMakePayment: always}, false))
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "card", CanMakePayment: always}, false))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(context.Background()))
		assert.Equal(t, `{"cod":{"name":"cod"}}`, js(h.e.Snapshot().Payment.AvailablePaymentMethods))
	})
}

func TestReceiveCartAction(t *testing.T) {
	t.Run("D39: receiveCart replaces the cart data and the views follow", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.Dispatch(context.Background(), store.CartKey, "receiveCart", []any{obj(storeAPICart)}))
		v := h.e.View(store.CartKey)
		assert.Equal(t, `[{"key":"k1","id":15,"quantity":2}]`, js(value.AsObject(v.Get("getCartData")).Get("items")))
		assert.Equal(t, true, v.Get("getNeedsShipping"))
	})
	t.Run("ref §13: receiveCart with new rates emits shipping_rates_success", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.Dispatch(context.Background(), store.CartKey, "receiveCart", []any{obj(storeAPICart)}))
		assert.Contains(t, h.sequence(), "event shipping_rates_success")
	})
	t.Run("ref §13: receiveCart without a rates change emits nothing", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.Dispatch(context.Background(), store.CartKey, "receiveCart", []any{obj(`{"items_count":1}`)}))
		for _, l := range h.sequence() {
			assert.NotContains(t, l, "event shipping")
		}
	})
	t.Run("ref §13: receiveCart clears an invalid-address error -> rates events", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.Dispatch(context.Background(), store.CartKey, "setCartErrors",
			[]any{[]any{obj(`{"code":"woocommerce_rest_cart_shipping_rates_invalid_country","message":"m"}`)}}))
		h.reset()
		require.NoError(t, h.e.Dispatch(context.Background(), store.CartKey, "receiveCart", []any{obj(`{"items_count":1}`)}))
		assert.Equal(t, store.ShippingErrorNone, h.e.Snapshot().Cart.ShippingErrorStatus)
		assert.Contains(t, h.sequence(), "event shipping_rates_fail", "no rates yet -> fail event with the new status")
	})
	t.Run("D39: receiveCartContents keeps the addresses", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.e.Dispatch(context.Background(), store.CartKey, "setBillingAddress", []any{obj(`{"first_name":"Typed"}`)}))
		require.NoError(t, h.e.Dispatch(context.Background(), store.CartKey, "receiveCartContents", []any{obj(storeAPICart)}))
		assert.Equal(t, `{"first_name":"Typed"}`, js(h.e.Snapshot().Cart.BillingAddress))
		assert.Equal(t, 2.0, h.e.Snapshot().Cart.ItemsCount)
	})
	t.Run("D34: receiveCart of a non-object is a clear argument error, nothing changes", func(t *testing.T) {
		h := newHarness(t)
		before := h.e.Version()
		for _, bad := range []any{value.Undef, nil, "cart", []any{}} {
			err := h.e.Dispatch(context.Background(), store.CartKey, "receiveCart", []any{bad})
			var ae *ArgError
			require.ErrorAs(t, err, &ae)
			assert.Contains(t, err.Error(), "receiveCart")
			assert.Contains(t, err.Error(), "plain object")
		}
		assert.Equal(t, before, h.e.Version())
	})
	t.Run("D39: cart meta actions", func(t *testing.T) {
		h := newHarness(t)
		for _, d := range []struct {
			action string
			arg    any
		}{{"receiveApplyingCoupon", "ten"}, {"receiveRemovingCoupon", "five"}, {"setIsCartDataStale", true}, {"updatingCustomerData", true}} {
			require.NoError(t, h.e.Dispatch(context.Background(), store.CartKey, d.action, []any{d.arg}))
		}
		v := h.e.View(store.CartKey)
		assert.Equal(t, `{"updatingCustomerData":true,"updatingSelectedRate":false,"applyingCoupon":"ten",`+
			`"removingCoupon":"five","isCartDataStale":true,"updatingAddressFieldsForShippingRates":false}`, js(v.Get("getCartMeta")))
		assert.Equal(t, true, v.Get("isCustomerDataUpdating"))
	})
}

func TestCheckoutEditingActions(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	require.NoError(t, h.e.Dispatch(ctx, store.CheckoutKey, "setEditingBillingAddress", []any{false}))
	require.NoError(t, h.e.Dispatch(ctx, store.CheckoutKey, "setEditingShippingAddress", []any{false}))
	require.NoError(t, h.e.Dispatch(ctx, store.CheckoutKey, "setAdditionalFields", []any{obj(`{"ns/a":"1"}`)}))
	require.NoError(t, h.e.Dispatch(ctx, store.CheckoutKey, "setAdditionalFields", []any{obj(`{"ns/b":true}`)}))
	v := h.e.View(store.CheckoutKey)
	t.Run("D44: getters in the checkout view", func(t *testing.T) {
		assert.Equal(t, false, v.Get("getEditingBillingAddress"))
		assert.Equal(t, false, v.Get("getEditingShippingAddress"))
		assert.Equal(t, `{"ns/a":"1","ns/b":true}`, js(v.Get("getAdditionalFields")), "merged")
	})
	t.Run("D34: wrong argument types are argument errors", func(t *testing.T) {
		var ae *ArgError
		_, err := h.e.Prepare(store.CheckoutKey, "setEditingBillingAddress", []any{"yes"})
		require.ErrorAs(t, err, &ae)
		_, err = h.e.Prepare(store.CheckoutKey, "setAdditionalFields", []any{[]any{}})
		require.ErrorAs(t, err, &ae)
	})
	t.Run("D44: an unknown action name is an UnknownError naming it", func(t *testing.T) {
		var ue *UnknownError
		_, err := h.e.Prepare(store.CheckoutKey, "setEditingBillingAdress", nil)
		require.ErrorAs(t, err, &ue)
		assert.Contains(t, err.Error(), "setEditingBillingAdress")
	})
}

func TestCartFromErrorBodyAndAdditionalFieldsRequest(t *testing.T) {
	t.Run("D39, ref §9.3: the cart of an error body updates the cart contents", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		h.tr.push(jsonResponse(409, `{"code":"woocommerce_cart_error","message":"Sold out","data":{"status":409,"cart":{"items":[],"items_count":0,"totals":{"total_price":"0"}}}}`, nil))
		h.submit()
		c := h.e.Snapshot().Cart
		assert.Equal(t, 0.0, c.ItemsCount)
		assert.Equal(t, "0", c.CartTotals().Get("total_price"))
	})
	t.Run("D44: additional fields are sent as additional_fields", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		require.NoError(t, h.e.Dispatch(context.Background(), store.CheckoutKey, "setAdditionalFields", []any{obj(`{"ns/gift":"yes"}`)}))
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		h.tr.push(jsonResponse(200, successBody, nil))
		h.submit()
		reqs := h.tr.requests()
		require.Len(t, reqs, 1)
		assert.Equal(t, `{"ns/gift":"yes"}`, js(reqs[0].Body.Get("additional_fields")))
	})
	t.Run("D44: no additional fields -> no additional_fields key", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		h.tr.push(jsonResponse(200, successBody, nil))
		h.submit()
		assert.False(t, h.tr.requests()[0].Body.Has("additional_fields"))
	})
	t.Run("D40: the shopper's save choice reaches payment_data as wc-<name>-new-payment-method", func(t *testing.T) {
		h := newHarness(t)
		h.registerMethod("bacs")
		require.NoError(t, h.e.Dispatch(context.Background(), store.PaymentKey, "__internalSetShouldSavePaymentMethod", []any{true}))
		h.on(observer.PaymentSetup, 10, returns(obj(`{"type":"success"}`)))
		h.tr.push(jsonResponse(200, successBody, nil))
		h.submit()
		pd := h.tr.requests()[0].Body.Get("payment_data").([]any)
		assert.Equal(t, `{"key":"wc-bacs-new-payment-method","value":true}`, js(pd[len(pd)-1]))
	})
}

func TestSelectShippingRateAction(t *testing.T) {
	rates := `{"shipping_rates":[{"package_id":0,"shipping_rates":[
	  {"rate_id":"flat_rate:1","method_id":"flat_rate","selected":true},
	  {"rate_id":"local_pickup:2","method_id":"local_pickup","selected":false}]}]}`
	// serverCart is the server's reply: the pickup rate selected, new totals.
	const serverCart = `{"shipping_rates":[{"package_id":0,"shipping_rates":[
	  {"rate_id":"flat_rate:1","method_id":"flat_rate","selected":false},
	  {"rate_id":"local_pickup:2","method_id":"local_pickup","selected":true}]}],
	  "totals":{"total_price":"5380","total_shipping":"0"},
	  "billing_address":{"first_name":"Server"}}`
	ctx := context.Background()
	selectPickup := func(h *harness) error {
		return h.e.Dispatch(ctx, store.CartKey, "selectShippingRate", []any{"local_pickup:2", 0.0})
	}
	t.Run("D40, ref §13: a new selection runs as a rate selection, POSTs it and receives the server's cart", func(t *testing.T) {
		h := newHarness(t, withCart(rates))
		require.NoError(t, h.e.Dispatch(ctx, store.CartKey, "setBillingAddress", []any{obj(`{"first_name":"Typed"}`)}))
		var calc []bool
		h.e.Subscribe(func(c Change) { calc = append(calc, c.Snapshot.Checkout.CalculatingCount > 0) })
		h.tr.push(jsonResponse(200, serverCart, map[string]string{"nonce": "nonce-2"}))
		require.NoError(t, selectPickup(h))
		reqs := h.tr.requests()
		require.Len(t, reqs, 1)
		assert.Equal(t, "/wp-json/wc/store/v1/cart/select-shipping-rate", reqs[0].URL)
		assert.Equal(t, `{"package_id":0,"rate_id":"local_pickup:2"}`, js(reqs[0].Body))
		assert.Contains(t, reqs[0].Headers, [2]string{"Nonce", "nonce-1"})
		c := h.e.Snapshot().Cart
		assert.Equal(t, "local_pickup:2", value.AsObject(c.SelectedRates()[0]).Get("rate_id"))
		assert.Equal(t, "5380", c.CartTotals().Get("total_price"), "the server's totals")
		assert.Equal(t, "Typed", c.BillingAddress.Get("first_name"), "addresses are not taken from the reply")
		assert.Equal(t, "nonce-2", h.e.Nonce(), "D15: the reply's nonce")
		assert.False(t, c.IsSelectingRate)
		assert.Equal(t, 0, h.e.Snapshot().Checkout.CalculatingCount)
		assert.Contains(t, calc, true, "calculating while selecting")
		assert.Contains(t, h.sequence(), "event shipping_rate_select_success")
	})
	t.Run("D40: selecting the selected rate changes nothing and sends nothing", func(t *testing.T) {
		h := newHarness(t, withCart(rates))
		v := h.e.Version()
		require.NoError(t, h.e.Dispatch(ctx, store.CartKey, "selectShippingRate", []any{"flat_rate:1"}))
		assert.Equal(t, v, h.e.Version())
		assert.Empty(t, h.tr.requests())
	})
	t.Run("D40: an error reply rejects naming the route; its code becomes the cart error; the local choice stays", func(t *testing.T) {
		h := newHarness(t, withCart(rates))
		h.tr.push(jsonResponse(400, `{"code":"woocommerce_rest_cart_invalid_rate","message":"Rate &amp; gone","data":{"status":400}}`, nil))
		err := selectPickup(h)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "cart/select-shipping-rate")
		assert.Contains(t, err.Error(), "Rate & gone")
		c := h.e.Snapshot().Cart
		assert.Equal(t, "woocommerce_rest_cart_invalid_rate", value.AsObject(c.CartErrors[0]).Get("code"))
		assert.Equal(t, "local_pickup:2", value.AsObject(c.SelectedRates()[0]).Get("rate_id"))
		assert.False(t, c.IsSelectingRate)
	})
	t.Run("D40: an error reply with a cart receives its contents", func(t *testing.T) {
		h := newHarness(t, withCart(rates))
		h.tr.push(jsonResponse(409, `{"code":"x","message":"m","data":{"status":409,"cart":{"items_count":7}}}`, nil))
		require.Error(t, selectPickup(h))
		assert.Equal(t, 7.0, h.e.Snapshot().Cart.ItemsCount)
	})
	t.Run("D40: a network failure or a body that is not JSON rejects; the local choice stays", func(t *testing.T) {
		for _, r := range []responder{networkFailure(), notJSONResponse(200)} {
			h := newHarness(t, withCart(rates))
			h.tr.push(r)
			err := selectPickup(h)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "selectShippingRate")
			assert.Equal(t, "local_pickup:2", value.AsObject(h.e.Snapshot().Cart.SelectedRates()[0]).Get("rate_id"))
			assert.Equal(t, 0, h.e.Snapshot().Checkout.CalculatingCount)
		}
	})
	t.Run("D40: without a transport only the local selection is made", func(t *testing.T) {
		h := newHarness(t, withCart(rates), func(c *Config) { c.Transport = nil })
		require.NoError(t, selectPickup(h))
		assert.Equal(t, "local_pickup:2", value.AsObject(h.e.Snapshot().Cart.SelectedRates()[0]).Get("rate_id"))
	})
	t.Run("D34: a bad package id is an argument error", func(t *testing.T) {
		h := newHarness(t, withCart(rates))
		var ae *ArgError
		_, err := h.e.Prepare(store.CartKey, "selectShippingRate", []any{"flat_rate:1", true})
		require.ErrorAs(t, err, &ae)
		assert.Contains(t, err.Error(), "packageId")
		_, err = h.e.Prepare(store.CartKey, "selectShippingRate", []any{1.0})
		require.ErrorAs(t, err, &ae)
	})
	t.Run("D40: a method restricted to flat rate follows the selection", func(t *testing.T) {
		ft := &fakeTimers{}
		h := newHarness(t, withCart(rates), withTimers(ft))
		cod := func(_ context.Context, arg any) (any, error) {
			return value.AsObject(value.AsObject(arg).Get("selectedShippingMethods")).Get("0") == "flat_rate:1", nil
		}
		require.NoError(t, h.e.RegisterPaymentMethod(PaymentMethod{Name: "cod", CanMakePayment: cod}, false))
		require.NoError(t, h.e.UpdateAvailablePaymentMethods(ctx))
		require.True(t, h.e.Snapshot().Payment.AvailablePaymentMethods.Has("cod"))
		h.tr.push(jsonResponse(200, serverCart, nil))
		require.NoError(t, selectPickup(h))
		done := make(chan struct{})
		ft.fire(DefaultAvailabilityDebounce)
		h.e.RequestAvailabilityUpdate(func() { close(done) })
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("availability update did not finish")
		}
		assert.False(t, h.e.Snapshot().Payment.AvailablePaymentMethods.Has("cod"))
	})
}
