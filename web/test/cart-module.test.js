'use strict';
// The cart store (D39), the checkout fields (D44) and the canMakePayment
// argument with its re-check (D40), through checkout.js against the real
// module (web/dist, as ./build.sh leaves it). Skipped when not built.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const WASM = path.join(__dirname, '..', 'dist', 'checkout.wasm');
const EXEC = path.join(__dirname, '..', 'dist', 'wasm_exec.js');
const built = fs.existsSync(WASM) && fs.existsSync(EXEC);
const skip = built ? false : 'web/dist/checkout.wasm is not built (run ./build.sh)';

const CART = 'wc/store/cart';
const CHECKOUT = 'wc/store/checkout';
const PAYMENT = 'wc/store/payment';

// A Store API cart response (as GET /wc/store/v1/cart sends it, trimmed).
const STORE_API_CART = {
  items: [{ key: 'k1', id: 15, quantity: 2, name: 'Beanie' }],
  coupons: [{ code: 'ten' }],
  fees: [],
  totals: {
    total_items: '3600', total_items_tax: '0', total_fees: '0', total_fees_tax: '0', total_discount: '360',
    total_discount_tax: '0', total_shipping: '500', total_shipping_tax: '0', total_price: '3740', total_tax: '0',
    tax_lines: [], currency_code: 'EUR', currency_symbol: '€', currency_minor_unit: 2,
    currency_decimal_separator: ',', currency_thousand_separator: '.', currency_prefix: '', currency_suffix: ' €'
  },
  shipping_address: { first_name: 'Ann', country: 'DE' },
  billing_address: { first_name: 'Ann', email: 'ann@example.com', country: 'DE' },
  needs_payment: true,
  needs_shipping: true,
  payment_requirements: ['products'],
  has_calculated_shipping: true,
  shipping_rates: [{
    package_id: 0, name: 'Shipment 1', shipping_rates: [
      { rate_id: 'flat_rate:1', method_id: 'flat_rate', selected: true },
      { rate_id: 'local_pickup:2', method_id: 'local_pickup', selected: false }
    ]
  }],
  items_count: 2,
  items_weight: 0,
  cross_sells: [],
  errors: [],
  payment_methods: ['cod', 'bacs', 'subs'],
  extensions: {}
};

let wc = null;
const requests = [];
const codArgs = [];

if (built) {
  require(EXEC);
  globalThis.location = { href: 'https://shop.test/checkout/' };
  globalThis.fetch = (url, init) => {
    if (String(url).endsWith('checkout.wasm')) {
      return Promise.resolve(new Response(fs.readFileSync(WASM), { headers: { 'Content-Type': 'application/wasm' } }));
    }
    requests.push({ url: String(url), body: JSON.parse(init.body), headers: init.headers });
    if (String(url).endsWith('/cart/select-shipping-rate')) {
      // The server stores the choice and answers with its cart (pickup: no shipping cost).
      const { package_id: pkg, rate_id: rateId } = JSON.parse(init.body);
      const reply = {
        shipping_rates: STORE_API_CART.shipping_rates.map((p) => p.package_id !== pkg ? p : Object.assign({}, p, {
          shipping_rates: p.shipping_rates.map((r) => Object.assign({}, r, { selected: r.rate_id === rateId }))
        })),
        totals: Object.assign({}, STORE_API_CART.totals, { total_shipping: '0', total_price: '3240' }),
        billing_address: { first_name: 'From the server' }
      };
      return Promise.resolve(new Response(JSON.stringify(reply), { status: 200, headers: { 'Content-Type': 'application/json', Nonce: 'n2' } }));
    }
    const body = {
      order_id: 9, status: 'processing', customer_id: 0,
      payment_result: { payment_status: 'success', payment_details: [], redirect_url: 'https://shop.test/done/' }
    };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }));
  };
  ({ wc } = require('../checkout.js'));
}

function register(name, canMakePayment, supports) {
  wc.wcBlocksRegistry.registerPaymentMethod({
    name, label: name, ariaLabel: name, content: () => name, edit: () => name,
    canMakePayment, supports
  });
}

async function until(cond, what, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const available = () => wc.wcBlocksData.select(PAYMENT).getAvailablePaymentMethods();

test('D39: load() takes a Store API cart response as is; cart selectors read it', { skip }, async () => {
  // cod: only with flat rate shipping (reads selectedShippingMethods).
  register('cod', (arg) => { codArgs.push(arg); return arg.selectedShippingMethods['0'] === 'flat_rate:1'; });
  // bacs supports subscriptions; subs (explicit ['products']) does not.
  register('bacs', () => true, { features: ['products', 'subscriptions'] });
  register('subs', () => true, { features: ['products'] });
  await wc.wcCheckoutWasm.load({
    wasmUrl: 'https://shop.test/dist/checkout.wasm',
    cart: STORE_API_CART,
    checkoutData: { additional_fields: { 'ns/gift': false } },
    navigate: () => {},
    render: () => {}
  });
  const cart = wc.wcBlocksData.select(CART);
  assert.equal(cart.getCartTotals().total_price, '3740');
  assert.equal(cart.getCartData().itemsCount, 2);
  assert.deepEqual(cart.getCartData().paymentMethods, ['cod', 'bacs', 'subs']);
  assert.equal(cart.getCartData().items[0].name, 'Beanie');
  assert.equal(cart.getNeedsShipping(), true);
  assert.equal(cart.getHasCalculatedShipping(), true);
  assert.equal(cart.getCustomerData().billingAddress.email, 'ann@example.com');
  assert.deepEqual(cart.getCartMeta(), {
    updatingCustomerData: false, updatingSelectedRate: false, applyingCoupon: '', removingCoupon: '',
    isCartDataStale: false, updatingAddressFieldsForShippingRates: false
  });
  assert.equal(cart.isCustomerDataUpdating(), false);
  await until(() => Object.keys(available()).length === 3, 'three methods available');
});

test('D40: canMakePayment gets WooCommerce\'s argument, with a working cart.receiveCart', { skip }, async () => {
  const arg = codArgs[codArgs.length - 1];
  assert.deepEqual(Object.keys(arg).sort(), ['billingAddress', 'billingData', 'cart', 'cartNeedsShipping', 'cartTotals',
    'paymentMethods', 'paymentRequirements', 'selectedShippingMethods', 'shippingAddress']);
  assert.deepEqual(arg.selectedShippingMethods, { 0: 'flat_rate:1' });
  assert.equal(arg.cartTotals.total_price, '3740');
  assert.equal(arg.cartNeedsShipping, true);
  assert.equal(arg.billingData.country, 'DE');
  assert.deepEqual(arg.paymentRequirements, ['products']);
  assert.deepEqual(arg.paymentMethods, ['cod', 'bacs', 'subs']);
  assert.equal(arg.cart.cartItemsCount, 2);
  assert.deepEqual(arg.cart.cartCoupons, [{ code: 'ten' }]);
  assert.equal(arg.cart.cartIsLoading, false);
  assert.equal(typeof arg.cart.receiveCart, 'function');
  await arg.cart.receiveCart({ items_count: 3 });
  assert.equal(wc.wcBlocksData.select(CART).getCartData().itemsCount, 3);
  await assert.rejects(arg.cart.receiveCart('nope'), TypeError);
});

test('D40: availability is re-checked after a cart change (debounced); the active method is kept or re-selected', { skip }, async (t) => {
  const pay = wc.wcBlocksData.dispatch(PAYMENT);
  await pay.__internalSetActivePaymentMethod('cod');
  // Local pickup: cod is no longer offered, so the active method moves (ref §14: first available).
  const t0 = Date.now();
  await wc.wcBlocksData.dispatch(CART).selectShippingRate('local_pickup:2', 0);
  await until(() => !('cod' in available()), 'cod unavailable');
  // The re-check starts 300 ms after the last cart change, at most 1 s
  // after the first of a stream (Go's timers are tested exactly in
  // core/engine); here only a sanity bound that a loaded machine cannot
  // trip, and the figure.
  const took = Date.now() - t0;
  t.diagnostic('cod unavailable ' + took + ' ms after the change');
  assert.ok(took < 5000, 're-checked (' + took + ' ms)');
  assert.equal(wc.wcBlocksData.select(PAYMENT).getActivePaymentMethod(), 'bacs');
  // The choice went to the Store API; its reply (totals) was received, not its addresses.
  const sel = requests.find((r) => r.url.endsWith('/cart/select-shipping-rate'));
  assert.deepEqual(sel.body, { package_id: 0, rate_id: 'local_pickup:2' });
  assert.equal(wc.wcBlocksData.select(CART).getCartTotals().total_price, '3240');
  assert.equal(wc.wcBlocksData.select(CART).getCustomerData().billingAddress.first_name, 'Ann');
  // A subscription in the cart: subs lacks the feature and goes; bacs (active, has it) stays.
  await wc.wcBlocksData.dispatch(CART).receiveCart({ payment_requirements: ['products', 'subscriptions'] });
  await until(() => !('subs' in available()), 'subs unavailable (features vs payment_requirements)');
  assert.equal(wc.wcBlocksData.select(PAYMENT).getActivePaymentMethod(), 'bacs', 'still available: kept');
});

test('D44: editing flags and additional fields; additional_fields and the save choice reach the request', { skip }, async () => {
  const co = wc.wcBlocksData.dispatch(CHECKOUT);
  await co.setEditingBillingAddress(false);
  await co.setAdditionalFields({ 'ns/gift': true, 'ns/note': 'hi' });
  const sel = wc.wcBlocksData.select(CHECKOUT);
  assert.equal(sel.getEditingBillingAddress(), false);
  assert.equal(sel.getEditingShippingAddress(), true);
  assert.deepEqual(sel.getAdditionalFields(), { 'ns/gift': true, 'ns/note': 'hi' });
  await wc.wcBlocksData.dispatch(PAYMENT).__internalSetShouldSavePaymentMethod(true);
  const out = await wc.wcCheckoutWasm.onSubmit();
  assert.equal(out.outcome, 'complete', JSON.stringify(out));
  const body = requests[requests.length - 1].body;
  assert.deepEqual(body.additional_fields, { 'ns/gift': true, 'ns/note': 'hi' });
  const save = body.payment_data[body.payment_data.length - 1];
  assert.deepEqual(save, { key: 'wc-' + body.payment_method + '-new-payment-method', value: true });
});
