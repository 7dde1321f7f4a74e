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
  const touched = stores.applyPublish({ 'wc/store/payment': next, 'not/a/store': {} });
  assert.deepEqual(plain(Object.keys(touched)), ['wc/store/payment']);
  assert.deepEqual(seen, ['all']);
  assert.equal(log.errors.length, 1, 'a throwing listener is logged');
  assert.equal(stores.select('wc/store/payment').getActivePaymentMethod(), 'cod');
  assert.equal(stores.snapshot('wc/store/payment'), next);
  assert.equal(stores.applyPublish(null), null);
  assert.equal(stores.applyPublish({ 'wc/store/cart': null }), null);
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

test('part registry: validates, stores, forwards to the module and reports each change', () => {
  const { createQueue, createRegistry } = loadParts(['util', 'queue', 'registry']);
  const queue = createQueue(recordingLog());
  let changes = 0;
  const registry = createRegistry({ queue, onChange: () => { changes++; } });
  const cod = { name: 'cod', content: () => 'x', canMakePayment: true };
  registry.wcBlocksRegistry.registerPaymentMethod(cod);
  assert.throws(() => registry.wcBlocksRegistry.registerPaymentMethod({ name: '' }), isTypeError);
  assert.equal(registry.regular('cod'), cod);
  assert.equal(registry.express('cod'), undefined);
  assert.equal(changes, 1);
  const sent = [];
  queue.drain({ registerPaymentMethod: (c) => sent.push(c.name) });
  assert.deepEqual(sent, ['cod']);
});

test('part rendering: D29 content(props) runs once per activation, through the render option', () => {
  const { createRendering, DEFAULT_SNAPSHOTS } = loadParts(['util', 'stores', 'rendering']);
  const log = recordingLog();
  let payment = DEFAULT_SNAPSHOTS['wc/store/payment'];
  const snapshot = (key) => (key === 'wc/store/payment' ? payment : DEFAULT_SNAPSHOTS[key]);
  const calls = [];
  const methods = { cod: { content: (props) => { calls.push(props.activePaymentMethod); return 'cod!'; } } };
  const rendering = createRendering({
    g: {}, log, snapshot,
    registry: { regular: (n) => methods[n], express: () => undefined },
    events: { eventRegistration: {}, emitResponse: {} },
    onSubmit: () => Promise.resolve(),
    expressAction: () => Promise.resolve()
  });
  const rendered = [];
  rendering.setRenderOption((name, output, o) => rendered.push([name, output, o.express]));
  rendering.sync();
  payment = Object.assign({}, payment, { getActivePaymentMethod: 'cod' });
  rendering.sync();
  rendering.sync();
  assert.deepEqual(calls, ['cod']);
  assert.deepEqual(rendered, [['cod', 'cod!', false]]);
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
