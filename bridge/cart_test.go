//go:build js && wasm

package bridge

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"
)

// storeAPICartJS is a Store API cart response (trimmed) as a JS literal.
const storeAPICartJS = `{
  items: [{key: 'k1', id: 15, quantity: 2}],
  coupons: [], fees: [],
  totals: {total_price: '3940', currency_code: 'EUR', currency_minor_unit: 2},
  shipping_address: {country: 'DE'}, billing_address: {first_name: 'Ann', country: 'DE'},
  needs_payment: true, needs_shipping: true,
  payment_requirements: ['products'], has_calculated_shipping: true,
  shipping_rates: [{package_id: 0, shipping_rates: [{rate_id: 'flat_rate:1', selected: true}]}],
  items_count: 2, items_weight: 0, cross_sells: [], errors: [],
  payment_methods: ['cod'], extensions: {}
}`

func TestCartLoadOptionD39(t *testing.T) {
	t.Run("D39: a Store API cart response as is", func(t *testing.T) {
		th := newTestHost(t, `{cart: `+storeAPICartJS+`, checkoutData: {customer_note: 'ring', additional_fields: {'ns/gift': true}}}`)
		cart := th.snapshot("wc/store/cart")
		assert.Equal(t, "3940", str(get(get(cart, "getCartTotals"), "total_price")))
		n, _ := get(get(cart, "getCartData"), "itemsCount").Int()
		assert.Equal(t, 2, n)
		assert.Equal(t, "cod", str(jsIndex(t, get(get(cart, "getCartData"), "paymentMethods"), 0)))
		ok, _ := get(cart, "getNeedsShipping").Bool()
		assert.True(t, ok)
		assert.Equal(t, "Ann", str(get(get(get(cart, "getCustomerData"), "billingAddress"), "first_name")))
		co := th.snapshot("wc/store/checkout")
		gift, _ := get(get(co, "getAdditionalFields"), "ns/gift").Bool()
		assert.True(t, gift, "D44: checkoutData.additional_fields preloaded")
		assert.Equal(t, "ring", str(get(co, "getOrderNotes")), "checkoutData.customer_note")
	})
	t.Run("D39: the legacy shape keeps working", func(t *testing.T) {
		th := newTestHost(t, `{cart: {needsPayment: false, needsShipping: true, paymentMethods: ['bacs']}}`)
		cart := th.snapshot("wc/store/cart")
		np, _ := get(cart, "getNeedsPayment").Bool()
		ns, _ := get(cart, "getNeedsShipping").Bool()
		assert.False(t, np)
		assert.True(t, ns)
		assert.Equal(t, "bacs", str(jsIndex(t, get(get(cart, "getCartData"), "paymentMethods"), 0)))
	})
	t.Run("D39: no cart option -> needsPayment true, WooCommerce's default totals", func(t *testing.T) {
		th := newTestHost(t, "")
		cart := th.snapshot("wc/store/cart")
		np, _ := get(cart, "getNeedsPayment").Bool()
		assert.True(t, np)
		assert.Equal(t, "0", str(get(get(cart, "getCartTotals"), "total_price")))
	})
}

func jsIndex(t *testing.T, v jsv.Value, i int) jsv.Value {
	t.Helper()
	x, err := v.Index(i)
	require.NoError(t, err)
	return x
}

func TestCanMakePaymentArgReceiveCartD40(t *testing.T) {
	th := newTestHost(t, `{cart: `+storeAPICartJS+`}`)
	record := jsFunc(t, "arg", "globalThis.__cartgoArg = arg; return true;")
	cfg := jsEval(t, `({name: 'cod', label: 'COD', ariaLabel: 'COD', content: function () {}, edit: function () {}})`)
	require.NoError(t, cfg.Set("canMakePayment", record))
	_, err := th.call("registerPaymentMethod", cfg)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return !global("__cartgoArg").IsUndefined() }, 5*time.Second, 5*time.Millisecond)
	arg := global("__cartgoArg")

	t.Run("D40: selectedShippingMethods and cartTotals reach JS", func(t *testing.T) {
		assert.Equal(t, "flat_rate:1", str(get(get(arg, "selectedShippingMethods"), "0")))
		assert.Equal(t, "3940", str(get(get(arg, "cartTotals"), "total_price")))
		assert.Equal(t, "cod", str(jsIndex(t, get(arg, "paymentMethods"), 0)))
	})
	receive := get(get(arg, "cart"), "receiveCart")
	require.Equal(t, jsv.TypeFunction, receive.Type(), "D40: cart.receiveCart is a function")
	t.Run("D40: cart.receiveCart dispatches receiveCart and resolves after the change", func(t *testing.T) {
		p, err := receive.Invoke(jsEval(t, `({totals: {total_price: '100', currency_code: 'EUR'}})`))
		require.NoError(t, err)
		_, err = th.wait(p)
		require.NoError(t, err)
		assert.Equal(t, "100", str(get(get(th.snapshot("wc/store/cart"), "getCartTotals"), "total_price")))
	})
	t.Run("D40: cart.receiveCart of a non-object rejects with a TypeError, never throws", func(t *testing.T) {
		p, err := receive.Invoke("nope")
		require.NoError(t, err)
		_, err = th.wait(p)
		require.Error(t, err)
		assert.Equal(t, "TypeError", errName(t, err))
		assert.Contains(t, err.Error(), "receiveCart")
	})
	_, _ = jsFunc(t, "", "delete globalThis.__cartgoArg;").Invoke()
}

func TestSupportsFeaturesD40(t *testing.T) {
	th := newTestHost(t, `{cart: {payment_requirements: ['products', 'subscriptions']}}`)
	for _, c := range []string{
		`({name: 'plain', canMakePayment: function () { return true; }})`,
		`({name: 'subs', canMakePayment: function () { return true; }, supports: {features: ['products', 'subscriptions']}})`,
		`({name: 'odd', canMakePayment: function () { return true; }, supports: {features: 'products'}})`,
	} {
		_, err := th.call("registerPaymentMethod", jsEval(t, c))
		require.NoError(t, err)
	}
	require.Eventually(t, func() bool {
		ok, _ := get(th.snapshot("wc/store/payment"), "paymentMethodsInitialized").Bool()
		return ok
	}, 5*time.Second, 5*time.Millisecond)
	require.Eventually(t, func() bool {
		avail := get(th.snapshot("wc/store/payment"), "getAvailablePaymentMethods")
		return !get(avail, "subs").IsUndefined()
	}, 5*time.Second, 5*time.Millisecond, "D40: every requirement among supports.features -> available")
	avail := get(th.snapshot("wc/store/payment"), "getAvailablePaymentMethods")
	assert.True(t, get(avail, "plain").IsUndefined(), "D40: default ['products'] lacks 'subscriptions'")
	assert.True(t, get(avail, "odd").IsUndefined(), "D40: a non-array features is the default")
}
