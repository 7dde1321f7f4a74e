'use strict';
// js-api.md "Files a page loads": checkout.js is a classic script that
// defines every namespace synchronously and merges into an existing wc.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const vm = require('node:vm');
const h = require('./harness.js');

const SOURCE = fs.readFileSync(h.CHECKOUT_JS, 'utf8');

function runClassicScript(context) {
  const ctx = vm.createContext(context);
  new vm.Script(SOURCE, { filename: 'checkout.js' }).runInContext(ctx);
  return ctx;
}

test('js-api Files: evaluated as a classic script, all four namespaces exist synchronously', () => {
  const console = h.captureConsole();
  const ctx = runClassicScript({ console });
  const wc = ctx.wc;
  assert.equal(typeof wc, 'object');
  for (const ns of ['wcBlocksData', 'wcBlocksRegistry', 'blocksCheckoutEvents', 'wcCheckoutWasm']) {
    assert.equal(typeof wc[ns], 'object', ns);
  }
  // Usable at once, before load(): registration and observers are queued.
  wc.wcBlocksRegistry.registerPaymentMethod({ name: 'cod', label: 'COD', ariaLabel: 'COD', content: () => 'Pay on delivery', edit: null, canMakePayment: true });
  const unsubscribe = wc.blocksCheckoutEvents.eventRegistration.onPaymentSetup(() => undefined);
  assert.equal(typeof unsubscribe, 'function');
  assert.deepEqual(Object.keys(wc.wcBlocksRegistry.getPaymentMethods()), ['cod']);
  assert.equal(wc.wcBlocksData.select('wc/store/checkout').getCheckoutStatus(), 'pristine');
  assert.equal('module' in ctx, false, 'the UMD tail must not create module in a page');
  assert.deepEqual(console.errors, []);
});

test('js-api Files: required from node, module.exports gives install and the default snapshots', () => {
  const exported = require('../checkout.js');
  assert.equal(typeof exported.install, 'function');
  assert.equal(exported.DEFAULT_SNAPSHOTS['wc/store/checkout'].getCheckoutStatus, 'pristine');
  assert.equal(exported.wc, globalThis.wc);
});

test('brief: merges into an existing wc without clobbering other members', () => {
  const settings = { currency: 'EUR' };
  const ownData = { custom: 1 };
  const ctx = runClassicScript({ console: h.captureConsole(), wc: { wcSettings: settings, wcBlocksData: ownData } });
  assert.equal(ctx.wc.wcSettings, settings, 'wc.wcSettings untouched');
  assert.equal(ctx.wc.wcBlocksData, ownData, 'the existing namespace object is kept');
  assert.equal(ownData.custom, 1);
  assert.equal(typeof ownData.select, 'function', 'missing members are added');
  assert.equal(ownData.CHECKOUT_STORE_KEY, 'wc/store/checkout');
});

test('brief: an existing member of a namespace wins over checkout.js', () => {
  const mine = () => 'mine';
  const ctx = runClassicScript({ console: h.captureConsole(), wc: { wcBlocksData: { select: mine } } });
  assert.equal(ctx.wc.wcBlocksData.select, mine);
  assert.equal(typeof ctx.wc.wcBlocksData.dispatch, 'function');
});

test('brief: evaluating checkout.js twice keeps the first installation', () => {
  const ctx = vm.createContext({ console: h.captureConsole() });
  new vm.Script(SOURCE).runInContext(ctx);
  const first = {
    data: ctx.wc.wcBlocksData,
    module: ctx.wc.wcCheckoutWasm,
    ready: ctx.wc.wcCheckoutWasm.ready
  };
  new vm.Script(SOURCE).runInContext(ctx);
  assert.equal(ctx.wc.wcBlocksData, first.data);
  assert.equal(ctx.wc.wcCheckoutWasm, first.module);
  assert.equal(ctx.wc.wcCheckoutWasm.ready, first.ready);
});

test('js-api wcBlocksData: store keys and descriptors (ref §1.1)', () => {
  const { wc } = h.createEnv();
  const d = wc.wcBlocksData;
  const table = [
    ['CHECKOUT_STORE_KEY', 'checkoutStore', 'wc/store/checkout'],
    ['PAYMENT_STORE_KEY', 'paymentStore', 'wc/store/payment'],
    ['VALIDATION_STORE_KEY', 'validationStore', 'wc/store/validation'],
    ['CART_STORE_KEY', 'cartStore', 'wc/store/cart']
  ];
  for (const [constant, descriptor, key] of table) {
    assert.equal(d[constant], key, constant);
    assert.deepEqual(d[descriptor], { name: key }, descriptor);
    assert.equal(d.select(d[descriptor]), d.select(key), descriptor + ' and key select the same store');
  }
});

test('js-api blocksCheckoutEvents: grouped and flat registration functions', () => {
  const { wc } = h.createEnv();
  const e = wc.blocksCheckoutEvents;
  assert.deepEqual(Object.keys(e.checkoutEvents), ['onCheckoutValidation', 'onCheckoutSuccess', 'onCheckoutFail']);
  assert.deepEqual(Object.keys(e.paymentEvents), ['onPaymentSetup', 'onPaymentProcessing']);
  assert.deepEqual(Object.keys(e.shippingEvents), [
    'onShippingRateSuccess', 'onShippingRateFail', 'onShippingRateSelectSuccess', 'onShippingRateSelectFail'
  ]);
  const flat = Object.keys(e.eventRegistration);
  for (const group of [e.checkoutEvents, e.paymentEvents, e.shippingEvents]) {
    for (const [name, fn] of Object.entries(group)) {
      assert.equal(e.eventRegistration[name], fn, name + ' is the same function in both places');
    }
  }
  for (const name of ['onCheckoutBeforeProcessing', 'onCheckoutValidationBeforeProcessing',
    'onCheckoutAfterProcessingWithSuccess', 'onCheckoutAfterProcessingWithError', 'onAttemptSettled']) {
    assert.ok(flat.includes(name), name + ' (D11 alias / D19) in eventRegistration');
  }
  assert.equal(flat.length, 14);
});

test('D4: responseTypes and the full noticeContexts list of ref §1.6, in order', () => {
  const { wc } = h.createEnv();
  const r = wc.blocksCheckoutEvents.emitResponse;
  assert.deepEqual(r.responseTypes, { SUCCESS: 'success', FAIL: 'failure', ERROR: 'error' });
  assert.deepEqual(Object.entries(r.noticeContexts), [
    ['CART', 'wc/cart'],
    ['CHECKOUT', 'wc/checkout'],
    ['PAYMENTS', 'wc/checkout/payments'],
    ['EXPRESS_PAYMENTS', 'wc/checkout/express-payments'],
    ['CONTACT_INFORMATION', 'wc/checkout/contact-information'],
    ['SHIPPING_ADDRESS', 'wc/checkout/shipping-address'],
    ['BILLING_ADDRESS', 'wc/checkout/billing-address'],
    ['SHIPPING_METHODS', 'wc/checkout/shipping-methods'],
    ['CHECKOUT_ACTIONS', 'wc/checkout/checkout-actions']
  ]);
  assert.ok(Object.isFrozen(r.responseTypes) && Object.isFrozen(r.noticeContexts));
});

test('js-api wcCheckoutWasm: ready exists before load and is pending; version is empty', async () => {
  const { wc } = h.createEnv();
  const m = wc.wcCheckoutWasm;
  assert.ok(m.ready instanceof Promise);
  assert.equal(m.ready, m.ready, 'the same Promise on every read');
  let settled = false;
  m.ready.then(() => { settled = true; }, () => { settled = true; });
  await h.settle();
  assert.equal(settled, false);
  assert.equal(m.version, '');
  assert.deepEqual(m.getTrace(), []);
});

test('D41: wc.wcSettings is defined when the page has none and reads the printed global wcSettings', () => {
  const ctx = runClassicScript({ console: h.captureConsole(), wcSettings: { paymentMethodData: { cod: { title: 'Cash on delivery' } }, siteTitle: 'Shop' } });
  assert.equal(typeof ctx.wc.wcSettings.getSetting, 'function');
  assert.equal(ctx.wc.wcSettings.getSetting('siteTitle'), 'Shop');
  assert.equal(ctx.wc.wcSettings.getSetting('cod_data', {}).title, 'Cash on delivery', 'getSetting(<id>_data) falls back to paymentMethodData');
  assert.equal(ctx.wc.wcSettings.getPaymentMethodData('cod').title, 'Cash on delivery');
  assert.equal(ctx.wc.wcSettings.allSettings.currency.code, 'USD', 'WooCommerce defaults under the page values');
});

test('brief: a minimal wc.blocksCheckout exists for scripts that import @woocommerce/blocks-checkout', async () => {
  const ctx = runClassicScript({ console: h.captureConsole() });
  const bc = ctx.wc.blocksCheckout;
  for (const k of ['ValidationInputError', 'StoreNotice', 'registerCheckoutFilters', 'applyCheckoutFilter', 'extensionCartUpdate']) {
    assert.equal(typeof bc[k], 'function', k);
  }
  assert.equal(bc.StoreNotice({ status: 'error' }), null, 'nothing without React');
  assert.equal(bc.applyCheckoutFilter({ filterName: 'placeOrderButtonLabel', defaultValue: 'Place Order' }), 'Place Order');
  await assert.rejects(bc.extensionCartUpdate({ namespace: 'my-plugin', data: {} }), /extensionCartUpdate\(my-plugin\): this checkout has no \/cart\/extensions endpoint/);
});
