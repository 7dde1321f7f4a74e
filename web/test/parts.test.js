'use strict';
// Each loader part (web/src/parts/*.js) loaded and driven alone, with its
// dependencies passed explicitly (issue 8: "testable alone").

const test = require('node:test');
const assert = require('node:assert/strict');
const vm = require('node:vm');
const { loadParts, recordingLog } = require('./parts.js');

// Parts run in their own vm context: their TypeError and arrays come from
// that realm, so compare by name and by plain copies.
const isTypeError = (e) => e !== null && typeof e === 'object' && e.name === 'TypeError';
const plain = (v) => JSON.parse(JSON.stringify(v));

test('part queue: calls wait for drain and replay in call order; afterwards they run at once', async () => {
  const { createQueue } = loadParts(['util', 'queue']);
  const log = recordingLog();
  const q = createQueue(log);
  const order = [];
  q.whenReady((api) => order.push('a' + api.n));
  const p = q.callAsync((api) => 'b' + api.n);
  const dropped = q.whenReady(() => order.push('dropped'));
  q.dequeue(dropped);
  q.dequeue(dropped); // idempotent
  assert.equal(q.pending(), 2);
  assert.equal(q.api(), null);
  const api = { n: 1 };
  q.drain(api);
  assert.deepEqual(order, ['a1']);
  assert.equal(await p, 'b1');
  assert.equal(q.api(), api);
  assert.equal(q.whenReady((a) => order.push('c' + a.n)), null);
  assert.deepEqual(order, ['a1', 'c1']);
});

test('part queue: a replayed call that throws rejects its Promise or is logged; the replay goes on', async () => {
  const { createQueue } = loadParts(['util', 'queue']);
  const log = recordingLog();
  const q = createQueue(log);
  const boom = new TypeError('boom');
  q.whenReady(() => { throw boom; });
  const p = q.callAsync(() => { throw boom; });
  let ran = false;
  q.whenReady(() => { ran = true; });
  q.drain({});
  await assert.rejects(p, (e) => e === boom);
  assert.equal(ran, true);
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0][0], /queued before the module was ready/);
  // After ready a synchronous throw reaches the caller (D34).
  assert.throws(() => q.callAsync(() => { throw boom; }), (e) => e === boom);
});

test('part stores: applyPublish swaps snapshots, runs the touched stores\' listeners, reports touched keys', () => {
  const { createStores, DEFAULT_SNAPSHOTS } = loadParts(['util', 'stores']);
  const log = recordingLog();
  const stores = createStores({ log, callAsync: () => Promise.resolve() });
  const seen = [];
  stores.subscribe(() => seen.push('all'));
  stores.subscribe(() => seen.push('cart'), 'wc/store/cart');
  stores.subscribe(() => { throw new Error('listener'); }, 'wc/store/payment');
  assert.equal(stores.select('wc/store/payment').getActivePaymentMethod(), '');
  const next = Object.freeze(Object.assign({}, DEFAULT_SNAPSHOTS['wc/store/payment'], { getActivePaymentMethod: 'cod' }));
  const touched = stores.applyPublish(JSON.stringify({ 'wc/store/payment': next, 'not/a/store': {} }));
  assert.deepEqual(plain(Object.keys(touched)), ['wc/store/payment']);
  assert.deepEqual(seen, ['all']);
  assert.equal(log.errors.length, 1, 'a throwing listener is logged');
  assert.equal(stores.select('wc/store/payment').getActivePaymentMethod(), 'cod');
  assert.deepEqual(plain(stores.snapshot('wc/store/payment')), plain(next));
  assert.equal(stores.applyPublish(null), null);
  assert.equal(stores.applyPublish({ 'wc/store/cart': {} }), null, 'only a JSON string is a publication');
  assert.equal(stores.applyPublish('{"wc/store/cart": null}'), null);
  assert.equal(stores.applyPublish('{not json'), null);
  assert.equal(log.errors.length, 2, 'a publication that does not parse is logged');

});

test('part stores: dispatch sends (storeKey, action, args) through callAsync', async () => {
  const { createStores } = loadParts(['util', 'stores']);
  const calls = [];
  const api = { dispatch: (...a) => { calls.push(a); return 'done'; } };
  const stores = createStores({ log: recordingLog(), callAsync: (run) => Promise.resolve(run(api)) });
  assert.equal(await stores.dispatch('wc/store/checkout').__internalSetOrderNotes('x'), 'done');
  assert.deepEqual(plain(calls), [['wc/store/checkout', '__internalSetOrderNotes', ['x']]]);
  assert.throws(() => stores.dispatch('nope'), isTypeError);
});

test('part stores: registerWithWpData registers every store wp.data lacks and logs a failing one', () => {
  const { createStores, registerWithWpData } = loadParts(['util', 'stores']);
  const log = recordingLog();
  const stores = createStores({ log, callAsync: () => Promise.resolve() });
  const registered = [];
  const data = {
    select: (key) => (key === 'core/notices' ? {} : undefined),
    register: (store) => {
      if (store.name === 'wc/store/cart') throw new Error('refused');
      registered.push(store.name);
      assert.equal(typeof store.instantiate().getSelectors, 'function');
    }
  };
  registerWithWpData(data, stores, log);
  assert.deepEqual(registered, ['wc/store/checkout', 'wc/store/payment', 'wc/store/validation']);
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0][0], /wc\/store\/cart/);
});

test('part events: registrations queue until ready and unsubscribe drops a queued one (D34, D11)', () => {
  const ctx = loadParts(['util', 'queue', 'stores', 'events']);
  const { createQueue, createEvents } = ctx;
  const log = recordingLog();
  const queue = createQueue(log);
  const events = createEvents({ log, queue });
  const ons = [];
  const offs = [];
  const api = { on: (name, cb, prio) => { ons.push([name, prio]); return ons.length; }, off: (id) => offs.push(id) };
  const un1 = events.eventRegistration.onPaymentSetup(() => undefined, 5);
  const un2 = events.eventRegistration.onPaymentProcessing(() => undefined);
  un2();
  assert.throws(() => events.eventRegistration.onCheckoutFail('x'), isTypeError);
  queue.drain(api);
  assert.deepEqual(ons, [['onPaymentSetup', 5]]);
  un1();
  un1();
  assert.deepEqual(offs, [1]);
  assert.equal(log.warns.length, 1, 'D11: one warning for the deprecated alias');
  assert.equal(events.blocksCheckoutEvents.isSuccessResponse(vm.runInContext("({ type: 'success' })", ctx)), true);
});

test('part registry: checks, stores an instance, forwards {name, paymentMethodId, supports, canMakePayment}, reports each change', () => {
  const { createQueue, createRegistry } = loadParts(['util', 'queue', 'stores', 'registry']);
  const log = recordingLog();
  const queue = createQueue(log);
  let changes = 0;
  const registry = createRegistry({ queue, log, react: () => null, onChange: () => { changes++; } });
  const cod = { name: 'cod', label: 'COD', ariaLabel: 'COD', content: () => 'x', edit: null, canMakePayment: () => true };
  registry.wcBlocksRegistry.registerPaymentMethod(cod);
  assert.throws(() => registry.wcBlocksRegistry.registerPaymentMethod({ name: '' }), isTypeError);
  assert.equal(registry.regular('cod').content, cod.content);
  assert.equal(registry.regular('cod') instanceof registry.classes.PaymentMethodConfig, true);
  assert.equal(registry.express('cod'), undefined);
  assert.equal(changes, 1);
  const sent = [];
  queue.drain({ registerPaymentMethod: (c) => sent.push(plain(c)) });
  assert.deepEqual(sent, [{ name: 'cod', paymentMethodId: 'cod', supports: { features: ['products'], showSavedCards: false, showSaveOption: false } }]);
});

test('part settings: D41 getSetting reads the printed wcSettings, <id>_data falls back to paymentMethodData', () => {
  const { createSettings } = loadParts(['util', 'settings']);
  const g = {};
  const s = createSettings(g);
  assert.equal(s.getSetting('siteTitle'), '', 'WooCommerce default before the page printed anything');
  assert.equal(s.getSetting('nothing'), false, 'fallback defaults to false');
  g.wcSettings = { siteTitle: 'Shop', currency: { code: 'EUR' }, paymentMethodData: { cod: { title: 'Cash' } }, bacs_data: { title: 'Bank' } };
  assert.equal(s.getSetting('siteTitle'), 'Shop', 're-read when the page prints it later');
  assert.deepEqual(plain(s.getSetting('cod_data', {})), { title: 'Cash' });
  assert.deepEqual(plain(s.getSetting('bacs_data', {})), { title: 'Bank' }, 'a top-level <id>_data wins');
  assert.deepEqual(plain(s.getSetting('cheque_data', { none: true })), { none: true });
  assert.equal(s.getSetting('siteTitle', '', (v) => v.toUpperCase()), 'SHOP', 'filter(value, fallback)');
  assert.equal(s.allSettings.currency.code, 'EUR');
  assert.equal(s.allSettings.currency.symbol, '$', 'currency merged key by key with the defaults');
  assert.equal(s.getSettingWithCoercion('siteTitle', 'x', (v) => typeof v === 'number'), 'x');
  assert.equal(s.getSettingWithCoercion('siteTitle', 'x', (v) => typeof v === 'string'), 'Shop');
  assert.deepEqual(plain(s.getPaymentMethodData('cod')), { title: 'Cash' });
  assert.equal(s.getPaymentMethodData('cheque'), null);
  assert.equal(s.getSetting('toString', 'fb'), 'fb', 'inherited names are not settings');
});

test('part props: D38 props are stable while nothing they hold changes and fresh when a snapshot changes', () => {
  const ctx = loadParts(['util', 'stores', 'events', 'settings', 'props']);
  let cart = Object.assign({}, ctx.DEFAULT_SNAPSHOTS['wc/store/cart'], {
    getCartTotals: { total_price: '1234', total_items: '1000', total_items_tax: '0', total_fees: '0', total_fees_tax: '0', total_discount: '0', total_discount_tax: '0', total_tax: '234', total_shipping: '0', total_shipping_tax: '0', currency_code: 'EUR', currency_symbol: '€', currency_minor_unit: 2, currency_prefix: '€', currency_suffix: '', currency_decimal_separator: ',', currency_thousand_separator: '.' }
  });
  const snapshot = (key) => (key === 'wc/store/cart' ? cart : ctx.DEFAULT_SNAPSHOTS[key]);
  const props = ctx.createProps({
    snapshot, events: { eventRegistration: {}, emitResponse: {} }, dispatch: () => ({}),
    settings: ctx.createSettings({}), react: () => null, onSubmit: () => {}, expressAction: () => {}, buttonAttributes: () => undefined
  });
  const a = props.props('cod', false);
  assert.equal(props.props('cod', false), a, 'same object while nothing changed');
  assert.deepEqual(plain(a.billing.cartTotal), { label: 'Total', value: 1234 });
  assert.equal(a.billing.currency.code, 'EUR');
  assert.equal(a.billing.currency.minorUnit, 2);
  assert.deepEqual(plain(a.billing.cartTotalItems.map((i) => i.label)), ['Subtotal:', 'Fees:', 'Discount:', 'Taxes:']);
  cart = Object.assign({}, cart, { getCustomerData: { billingAddress: { email: 'x@y.z' }, shippingAddress: {} } });
  const b = props.props('cod', false);
  assert.notEqual(b, a);
  assert.equal(b.billing.billingData.email, 'x@y.z');
  assert.equal(b.checkoutStatus, a.checkoutStatus, 'parts that did not change keep their identity');
  const x = props.props('gpay', true);
  assert.deepEqual(plain(x.buttonAttributes), { height: 48, borderRadius: 4 });
  assert.equal(typeof x.onClick, 'function');
});

test('part rendering: D29 function content runs once per activation, through the render option', () => {
  const ctx = loadParts(['util', 'stores', 'events', 'settings', 'registry', 'props', 'rendering']);
  const log = recordingLog();
  let payment = ctx.DEFAULT_SNAPSHOTS['wc/store/payment'];
  const snapshot = (key) => (key === 'wc/store/payment' ? payment : ctx.DEFAULT_SNAPSHOTS[key]);
  const calls = [];
  const methods = { cod: { content: (props) => { calls.push(props.activePaymentMethod); return 'cod!'; } } };
  const props = ctx.createProps({
    snapshot, events: { eventRegistration: {}, emitResponse: {} }, dispatch: () => ({}),
    settings: ctx.createSettings({}), react: () => null, onSubmit: () => {}, expressAction: () => {}, buttonAttributes: () => undefined
  });
  const rendering = ctx.createRendering({
    g: {}, log, snapshot, props,
    registry: { regular: (n) => methods[n], express: () => undefined }
  });
  const rendered = [];
  rendering.setRenderOption((name, output, o) => rendered.push([name, output, o.express]));
  rendering.sync();
  payment = Object.assign({}, payment, { getActivePaymentMethod: 'cod' });
  rendering.sync();
  rendering.sync();
  assert.deepEqual(calls, ['cod']);
  assert.deepEqual(rendered, [['cod', 'cod!', false]]);
  assert.deepEqual(log.errors, []);
});

test('part loader: load() fails with a clear Error when fetch is missing, and can be retried', async () => {
  const { createLoader, createQueue } = loadParts(['util', 'queue', 'loader'], { URL });
  const log = recordingLog();
  const started = [];
  const g = { Go: function Go() { this.importObject = {}; }, WebAssembly: { instantiate() {} } };
  const loader = createLoader({
    g, scriptUrl: 'https://shop.test/checkout.js', log, queue: createQueue(log),
    onStart: (o) => started.push(o), onPublish: () => {}, onLoaded: () => {}
  });
  await assert.rejects(loader.load({}), /fetching https:\/\/shop.test\/dist\/checkout.wasm failed: fetch is not available/);
  assert.throws(() => loader.load('x'), isTypeError);
  await assert.rejects(loader.load({}), /fetch is not available/);
  assert.equal(started.length, 2);
});

test('part priceformat: formatPrice and getCurrencyFromPriceResponse as WooCommerce\'s @woocommerce/price-format', () => {
  const { createPriceFormat, createSettings } = loadParts(['util', 'settings', 'priceformat']);
  const g = { wcSettings: { currency: { code: 'EUR', symbol: '€', symbolPosition: 'right_space', decimalSeparator: ',', thousandSeparator: '.', precision: 2 } } };
  const pf = createPriceFormat(createSettings(g));
  assert.equal(pf.formatPrice(123456), '1.234,56 €', 'site currency from wcSettings');
  assert.equal(pf.formatPrice('1999', { prefix: '$', suffix: '', decimalSeparator: '.', thousandSeparator: ',' }), '$19.99');
  assert.equal(pf.formatPrice(-500), '-5,00 €');
  assert.equal(pf.formatPrice('abc'), '');
  const c = pf.getCurrencyFromPriceResponse({ currency_code: 'GBP', currency_symbol: '£', currency_minor_unit: 2, currency_decimal_separator: '.', currency_thousand_separator: ',', currency_prefix: '£', currency_suffix: '' });
  assert.deepEqual(plain(c), { code: 'GBP', symbol: '£', thousandSeparator: ',', decimalSeparator: '.', minorUnit: 2, prefix: '£', suffix: '' });
  assert.equal(pf.formatPrice(100000, c), '£1,000.00');
  assert.equal(pf.getCurrencyFromPriceResponse(null).code, 'EUR', 'no response: the site currency');
});
