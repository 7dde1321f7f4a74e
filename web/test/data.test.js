'use strict';
// js-api.md wc.wcBlocksData and docs/contracts.md "Snapshot objects":
// select / dispatch / subscribe over the snapshots Go publishes.

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness.js');

const KEYS = ['wc/store/checkout', 'wc/store/payment', 'wc/store/validation', 'core/notices', 'wc/store/cart'];

test('contracts.md Snapshot objects: before load, selectors read the default snapshots (pristine, idle, empty)', () => {
  const { wc } = h.createEnv();
  const { select } = wc.wcBlocksData;
  const table = [
    ['wc/store/checkout', 'getCheckoutStatus', 'pristine'], // D2
    ['wc/store/checkout', 'isIdle', false], // D2: not idle while pristine
    ['wc/store/checkout', 'hasError', false],
    ['wc/store/checkout', 'getOrderId', 0],
    ['wc/store/checkout', 'getUseShippingAsBilling', true], // ref §2.1
    ['wc/store/payment', 'isPaymentIdle', true], // ref §3.1
    ['wc/store/payment', 'getActivePaymentMethod', ''],
    ['wc/store/payment', 'getPaymentResult', null],
    ['wc/store/validation', 'hasValidationErrors', false],
    ['wc/store/cart', 'getNeedsPayment', true] // the engine's default cart needs payment
  ];
  for (const [key, name, want] of table) {
    assert.equal(select(key)[name](), want, key + ' ' + name);
  }
  assert.deepEqual(select('wc/store/cart').getCustomerData(), { billingAddress: {}, shippingAddress: {} });
  assert.deepEqual(select('core/notices').getNotices(), []);
  assert.equal(select('wc/store/payment').getState().status, 'idle');
});

test('contracts.md: every zero-argument selector reads the snapshot key of its name', () => {
  const { wc } = h.createEnv();
  for (const key of KEYS) {
    const selectors = wc.wcBlocksData.select(key);
    const snapshot = h.DEFAULT_SNAPSHOTS[key];
    for (const name of Object.keys(selectors)) {
      if (selectors[name].length > 0 || !(name in snapshot)) continue; // parameterised
      assert.equal(selectors[name](), snapshot[name], key + ' ' + name);
    }
  }
});

test('brief: the default snapshots are deeply frozen', () => {
  const walk = (v, where) => {
    if (v === null || typeof v !== 'object') return;
    assert.ok(Object.isFrozen(v), where + ' is frozen');
    for (const k of Object.keys(v)) walk(v[k], where + '.' + k);
  };
  walk(h.DEFAULT_SNAPSHOTS, 'DEFAULT_SNAPSHOTS');
});

test('js-api select: two calls with no publish in between return identical references, with zero api calls', async () => {
  const env = await h.loadedEnv();
  env.mock.update('wc/store/checkout', { getExtensionData: { ns: { a: 1 } } });
  const callsBefore = env.mock.calls.length;
  for (const key of KEYS) {
    assert.equal(env.wc.wcBlocksData.select(key), env.wc.wcBlocksData.select(key), key + ' selector object');
    const s = env.wc.wcBlocksData.select(key);
    for (const name of Object.keys(s)) {
      if (name === 'getCurrentStatus' || /^isPayment(Pristine|Started|Success|Failed)$/.test(name)) continue;
      assert.equal(s[name]('x'), s[name]('x'), key + ' ' + name);
    }
  }
  const extension = env.wc.wcBlocksData.select('wc/store/checkout').getExtensionData();
  assert.deepEqual(extension, { ns: { a: 1 } });
  assert.equal(env.wc.wcBlocksData.select('wc/store/checkout').getExtensionData(), extension);
  assert.equal(env.mock.calls.length, callsBefore, 'selectors never call into Go');
});

test('js-api select: a publish replaces the snapshot; the untouched stores keep their references', async () => {
  const env = await h.loadedEnv();
  const { select } = env.wc.wcBlocksData;
  const cartData = select('wc/store/cart').getCustomerData();
  const before = select('wc/store/checkout').getExtensionData();
  env.mock.update('wc/store/checkout', { getOrderNotes: 'ring twice', getExtensionData: {} });
  assert.equal(select('wc/store/checkout').getOrderNotes(), 'ring twice');
  assert.equal(select('wc/store/checkout').getExtensionData(), before, 'an equal sub-object keeps its reference (structural sharing)');
  env.mock.update('wc/store/checkout', { getExtensionData: { gift: true } });
  assert.notEqual(select('wc/store/checkout').getExtensionData(), before, 'a changed sub-object is a new object');
  assert.ok(Object.isFrozen(select('wc/store/checkout').getExtensionData()));
  assert.equal(select('wc/store/cart').getCustomerData(), cartData);
});

test('contracts.md parameterised selectors: getValidationError / getValidationErrorId (ref §4)', async () => {
  const env = await h.loadedEnv();
  env.mock.update('wc/store/validation', {
    errors: { email: { message: 'Enter an email', hidden: false }, zip: { message: 'Bad zip', hidden: true } },
    hasValidationErrors: true
  });
  const v = env.wc.wcBlocksData.select('wc/store/validation');
  const table = [
    ['email', { message: 'Enter an email', hidden: false }, 'validate-error-email'],
    ['zip', { message: 'Bad zip', hidden: true }, undefined], // hidden -> undefined
    ['nope', undefined, undefined], // absent -> undefined
    ['toString', undefined, undefined] // never a prototype member
  ];
  for (const [id, error, errorId] of table) {
    assert.deepEqual(v.getValidationError(id), error, 'getValidationError(' + id + ')');
    assert.equal(v.getValidationErrorId(id), errorId, 'getValidationErrorId(' + id + ')');
  }
  assert.equal(v.getValidationError('email'), v.getValidationError('email'));
  assert.equal(v.hasValidationErrors(), true);
});

test('contracts.md getNotices: default context global, unknown contexts share one frozen empty array', async () => {
  const env = await h.loadedEnv();
  const n = env.wc.wcBlocksData.select('core/notices');
  const empty = n.getNotices('wc/checkout');
  assert.deepEqual(empty, []);
  assert.ok(Object.isFrozen(empty));
  assert.equal(n.getNotices('wc/cart'), empty, 'one shared empty array');
  await env.wc.wcBlocksData.dispatch('core/notices').createNotice('error', 'Card declined', { context: 'wc/checkout/payments', id: 'p' });
  await env.wc.wcBlocksData.dispatch('core/notices').createNotice('info', 'Hello');
  assert.deepEqual(n.getNotices('wc/checkout/payments').map((x) => x.content), ['Card declined']);
  assert.deepEqual(n.getNotices().map((x) => x.content), ['Hello'], 'no argument reads the global context');
  assert.equal(n.getNotices('global'), n.getNotices());
});

test('D3, D30: deprecated payment selectors return their values and warn once per name', async () => {
  const env = await h.loadedEnv();
  const p = env.wc.wcBlocksData.select('wc/store/payment');
  const table = [
    ['isPaymentPristine', true],
    ['isPaymentStarted', false],
    ['isPaymentSuccess', false],
    ['isPaymentFailed', false]
  ];
  for (const [name, want] of table) {
    assert.equal(p[name](), want, name);
    assert.equal(p[name](), want, name + ' again');
  }
  assert.equal(p.getCurrentStatus().isIdle, true);
  p.getCurrentStatus();
  assert.equal(env.console.warns.length, 5, env.console.warns.join('\n'));
  for (const name of ['isPaymentPristine', 'isPaymentStarted', 'isPaymentSuccess', 'isPaymentFailed', 'getCurrentStatus']) {
    assert.equal(env.console.warns.filter((w) => w.includes(name)).length, 1, name + ' warned once');
  }
  assert.equal(p.isPaymentIdle(), true);
  assert.equal(env.console.warns.length, 5, 'current selectors do not warn');
});

test('D34: select / dispatch / subscribe with an unknown store throw a TypeError naming function and argument', () => {
  const { wc } = h.createEnv();
  const d = wc.wcBlocksData;
  const bad = ['wc/store/nope', '', 42, null, undefined, {}, { name: 'x' }];
  for (const fn of ['select', 'dispatch']) {
    for (const arg of bad) {
      assert.throws(() => d[fn](arg), (e) => e instanceof TypeError && e.message.includes('wc.wcBlocksData.' + fn) &&
        e.message.includes('storeOrKey'), fn + '(' + String(arg) + ')');
    }
  }
  assert.throws(() => d.subscribe(() => {}, 'wc/store/nope'), /wc\.wcBlocksData\.subscribe: argument storeOrKey/);
  assert.throws(() => d.subscribe('nope'), (e) => e instanceof TypeError && /subscribe: argument listener/.test(e.message));
});

test('js-api dispatch: each store has exactly the actions of ref §2.2 (+ the §2.4 thunk), §3.4, §4 and js-api.md', () => {
  const { wc } = h.createEnv();
  const want = {
    'wc/store/checkout': ['__internalSetIdle', '__internalSetRedirectUrl', '__internalSetComplete',
      '__internalSetProcessing', '__internalSetBeforeProcessing', '__internalSetAfterProcessing',
      '__internalSetHasError', '__internalIncrementCalculating', '__internalDecrementCalculating',
      '__internalSetCustomerId', '__internalSetUseShippingAsBilling', '__internalSetShouldCreateAccount',
      'setPrefersCollection', '__internalSetOrderNotes', '__internalSetExtensionData',
      '__internalProcessCheckoutResponse',
      // D44
      'setEditingBillingAddress', 'setEditingShippingAddress', 'setAdditionalFields'],
    'wc/store/payment': ['__internalSetPaymentIdle', '__internalSetExpressPaymentStarted',
      '__internalSetPaymentProcessing', '__internalSetPaymentError', '__internalSetPaymentReady',
      '__internalSetExpressPaymentMethodsInitialized', '__internalSetShouldSavePaymentMethod',
      '__internalSetActivePaymentMethod', '__internalSetPaymentMethodData', '__internalSetPaymentResult',
      '__internalSetAvailableExpressPaymentMethods', '__internalRemoveAvailablePaymentMethod',
      '__internalRemoveAvailableExpressPaymentMethod', '__internalSetPaymentMethodsInitialized',
      '__internalSetAvailablePaymentMethods', '__internalUpdateAvailablePaymentMethods',
      '__internalSetExpressPaymentError'],
    'wc/store/validation': ['setValidationErrors', 'clearValidationError', 'clearValidationErrors',
      'hideValidationError', 'showValidationError', 'showAllValidationErrors'],
    'core/notices': ['createNotice', 'removeNotice'],
    'wc/store/cart': ['setBillingAddress', 'setShippingAddress', 'setShippingRates', 'setIsLoadingRates',
      'setIsSelectingRate', 'setCartErrors',
      // D39
      'receiveCart', 'receiveCartContents', 'receiveApplyingCoupon', 'receiveRemovingCoupon', 'selectShippingRate',
      'setIsCartDataStale', 'updatingCustomerData']
  };
  for (const [key, names] of Object.entries(want)) {
    assert.deepEqual(Object.keys(wc.wcBlocksData.dispatch(key)).sort(), names.slice().sort(), key);
    assert.equal(wc.wcBlocksData.dispatch(key), wc.wcBlocksData.dispatch({ name: key }), key + ' actions object is cached');
  }
});

test('contracts.md protocol: an action forwards api.dispatch(key, name, args) and returns its Promise', async () => {
  const env = await h.loadedEnv();
  const p = env.wc.wcBlocksData.dispatch(env.wc.wcBlocksData.checkoutStore).__internalSetExtensionData('ns', { a: 1 }, true);
  assert.ok(p instanceof Promise);
  await p;
  await env.wc.wcBlocksData.dispatch('wc/store/cart').setIsSelectingRate(true);
  await env.wc.wcBlocksData.dispatch('wc/store/payment').__internalSetPaymentIdle();
  assert.deepEqual(env.mock.calls.filter((c) => c[0] === 'dispatch'), [
    ['dispatch', 'wc/store/checkout', '__internalSetExtensionData', ['ns', { a: 1 }, true]],
    ['dispatch', 'wc/store/cart', 'setIsSelectingRate', [true]],
    ['dispatch', 'wc/store/payment', '__internalSetPaymentIdle', []]
  ]);
});

test('D34: after ready, Go\'s TypeError for a bad argument is thrown synchronously (from {__wcThrow} or a throw)', async () => {
  for (const throws of [false, true]) {
    const env = await h.loadedEnv({ mock: { throws } });
    const actions = env.wc.wcBlocksData.dispatch('wc/store/checkout');
    assert.throws(() => actions.__internalSetOrderNotes(42), (e) => e instanceof TypeError && /__internalSetOrderNotes/.test(e.message),
      throws ? 'thrown' : 'returned in the envelope');
    await actions.__internalSetOrderNotes('ok');
    assert.equal(env.wc.wcBlocksData.select('wc/store/checkout').getOrderNotes(), 'ok', 'the module keeps working');
  }
});

test('js-api subscribe: listeners run after the snapshot swap, once per publish, filtered by store', async () => {
  const env = await h.loadedEnv();
  const d = env.wc.wcBlocksData;
  const seen = [];
  d.subscribe(() => seen.push(['any', d.select('wc/store/checkout').getOrderNotes()]));
  d.subscribe(() => seen.push(['checkout', d.select('wc/store/checkout').getOrderNotes()]), 'wc/store/checkout');
  d.subscribe(() => seen.push(['cart']), d.cartStore);
  env.mock.update('wc/store/checkout', { getOrderNotes: 'one' });
  env.mock.update('wc/store/payment', { getActivePaymentMethod: 'cod' });
  env.mock.publish({
    'wc/store/checkout': h.nextSnapshot(env.mock.snapshots['wc/store/checkout'], { getOrderNotes: 'two' }),
    'wc/store/cart': h.nextSnapshot(env.mock.snapshots['wc/store/cart'], { getNeedsPayment: false })
  });
  assert.deepEqual(seen, [
    ['any', 'one'], ['checkout', 'one'], // listeners see the new snapshot
    ['any', 'one'], // payment publish: only the global listener
    ['any', 'two'], ['checkout', 'two'], ['cart'] // one publish touching two stores: once each
  ]);
});

test('js-api subscribe: a publish with no known store key notifies nobody', async () => {
  const env = await h.loadedEnv();
  let calls = 0;
  env.wc.wcBlocksData.subscribe(() => { calls++; });
  env.mock.host.publish({ 'wc/store/unknown': {} });
  env.mock.host.publish(null);
  assert.equal(calls, 0);
});

test('js-api subscribe: a throwing listener is logged with console.error and the others still run (D30)', async () => {
  const env = await h.loadedEnv();
  const order = [];
  env.wc.wcBlocksData.subscribe(() => { order.push(1); throw new Error('boom'); });
  env.wc.wcBlocksData.subscribe(() => order.push(2));
  env.mock.update('wc/store/checkout', { getOrderNotes: 'x' });
  assert.deepEqual(order, [1, 2]);
  assert.equal(env.console.errors.length, 1);
  assert.equal(env.console.errors[0][1].message, 'boom');
});

test('js-api subscribe: unsubscribe is idempotent and takes effect inside the same publish', async () => {
  const env = await h.loadedEnv();
  const order = [];
  let unsubscribeSecond = null;
  const unsubscribeFirst = env.wc.wcBlocksData.subscribe(() => { order.push('first'); unsubscribeSecond(); });
  unsubscribeSecond = env.wc.wcBlocksData.subscribe(() => order.push('second'));
  env.mock.update('wc/store/checkout', { getOrderNotes: 'a' });
  unsubscribeFirst();
  unsubscribeFirst();
  env.mock.update('wc/store/checkout', { getOrderNotes: 'b' });
  assert.deepEqual(order, ['first']);
});

test('js-api subscribe: publishes before ready (Go initial snapshots) already reach listeners', async () => {
  const env = h.createEnv({ mock: { manualReady: true } });
  const notes = [];
  env.wc.wcBlocksData.subscribe(() => notes.push(env.wc.wcBlocksData.select('wc/store/checkout').getCheckoutStatus()));
  const loading = env.wc.wcCheckoutWasm.load();
  await env.mock.running;
  env.mock.update('wc/store/checkout', { getCheckoutStatus: 'idle' });
  assert.deepEqual(notes, ['pristine', 'idle']);
  env.mock.callReady();
  await loading;
});
