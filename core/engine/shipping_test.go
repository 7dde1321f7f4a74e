package engine

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

func TestShippingEvents(t *testing.T) {
	t.Run("ref §13: rates and rate-select events fire success or fail when loading or selecting ends", func(t *testing.T) {
		h := newHarness(t)
		rates := valuejson.MustParse(`[{"package_id":0,"shipping_rates":[{"rate_id":"flat_rate:1","method_id":"flat_rate","selected":true},{"rate_id":"local_pickup:2","method_id":"local_pickup","selected":false}]}]`)
		h.reset()
		dispatch(t, h.e, "wc/store/cart", "setIsLoadingRates", true)
		assert.True(t, h.e.Snapshot().Checkout.CalculatingCount == 1, "ref §13 calculating follows loading")
		dispatch(t, h.e, "wc/store/cart", "setShippingRates", rates)
		dispatch(t, h.e, "wc/store/cart", "setIsLoadingRates", false)
		dispatch(t, h.e, "wc/store/cart", "setIsSelectingRate", true)
		dispatch(t, h.e, "wc/store/cart", "setIsSelectingRate", false)
		dispatch(t, h.e, "wc/store/cart", "setCartErrors", valuejson.MustParse(`[{"code":"woocommerce_rest_cart_shipping_rates_invalid_state","message":"x"}]`))
		dispatch(t, h.e, "wc/store/cart", "setIsSelectingRate", true)
		dispatch(t, h.e, "wc/store/cart", "setIsSelectingRate", false)
		var events []string
		for _, l := range h.sequence() {
			if strings.HasPrefix(l, "event ") {
				events = append(events, strings.TrimPrefix(l, "event "))
			}
		}
		assert.Equal(t, []string{"shipping_rates_success", "shipping_rate_select_success", "shipping_rates_fail", "shipping_rate_select_fail"}, events)
		assert.Zero(t, h.e.Snapshot().Checkout.CalculatingCount)
	})
}
