'use strict';
// js-api.md: calls made before the module is ready are queued and replayed in
// call order when it is (docs/contracts.md "Calls made before ready are queued").

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness.js');

const method = (name) => ({ name, label: name, ariaLabel: name, content: () => name, edit: null, canMakePayment: () => true });

test('contracts.md queue: calls of every kind made before ready are replayed in call order', async () => {
  const env = h.createEnv({ mock: { manualReady: true } });
  const { wc } = env;
  const order = [];
  const notes = wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes('first');
  wc.blocksCheckoutEvents.eventRegistration.onCheckoutValidation(() => true, 3, { label: 'v' });
  wc.wcBlocksRegistry.registerPaymentMethod(method('cod'));
  wc.wcBlocksRegistry.registerExpressPaymentMethod(method('gpay'));
  const submitted = wc.wcCheckoutWasm.onSubmit();
  wc.wcCheckoutWasm.clearTrace();
  wc.wcCheckoutWasm.reset();
  notes.then(() => order.push('notes'));
  submitted.then(() => order.push('submit'));
  const loading = wc.wcCheckoutWasm.load();
  await env.mock.running;
  assert.deepEqual(env.mock.calls, [], 'nothing reaches Go before ready');
  env.mock.callReady();
  await loading;
  assert.deepEqual(env.mock.calls.map((c) => c[0] + (c[0] === 'dispatch' ? ':' + c[2] : '')), [
    'dispatch:__internalSetOrderNotes', 'on', 'registerPaymentMethod', 'registerExpressPaymentMethod',
    'submit', 'clearTrace', 'reset'
  ]);
  assert.deepEqual(env.mock.calls[1], ['on', 'onCheckoutValidation', 3, { label: 'v' }]);
  assert.deepEqual(await submitted, env.mock.outcome, 'the queued onSubmit resolves with the outcome');
  await notes;
  assert.deepEqual(order, ['notes', 'submit']);
  assert.equal(wc.wcBlocksData.select('wc/store/checkout').getOrderNotes(), 'first');
});

test('contracts.md queue: ready resolves only after the queue has been replayed', async () => {
  const env = h.createEnv();
  env.wc.wcBlocksRegistry.registerPaymentMethod(method('cod'));
  await env.wc.wcCheckoutWasm.load();
  assert.deepEqual(env.mock.calls, [['registerPaymentMethod', 'cod']]);
  assert.equal(env.wc.wcCheckoutWasm.version, '0.0.0-mock', 'version comes from api.version once ready');
});

test('contracts.md queue: calls made between host.ready and the replay go after the queued ones', async () => {
  const env = h.createEnv({ mock: { manualReady: true } });
  const actions = env.wc.wcBlocksData.dispatch('wc/store/checkout');
  actions.__internalSetOrderNotes('queued');
  const loading = env.wc.wcCheckoutWasm.load();
  await env.mock.running;
  env.mock.callReady(); // the replay happens in a later microtask, not inside Go's call
  assert.deepEqual(env.mock.calls, [], 'nothing is replayed inside host.ready');
  actions.__internalSetOrderNotes('later');
  await loading;
  assert.deepEqual(env.mock.calls.map((c) => c[3][0]), ['queued', 'later']);
});

test('contracts.md queue: a call made by a listener during the replay is replayed after the ones before it', async () => {
  const env = h.createEnv({ mock: { manualReady: true } });
  const { wc } = env;
  const loading = wc.wcCheckoutWasm.load();
  await env.mock.running; // Go's initial publication is done
  let once = false;
  wc.wcBlocksData.subscribe(() => {
    if (once) return;
    once = true;
    wc.wcBlocksData.dispatch('core/notices').createNotice('info', 'from listener');
  }, 'wc/store/checkout');
  wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes('a');
  wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetIdle();
  env.mock.callReady();
  await loading;
  await h.settle();
  assert.deepEqual(env.mock.calls.map((c) => c[2]), ['__internalSetOrderNotes', '__internalSetIdle', 'createNotice']);
});

test('brief: unsubscribe before ready drops the queued registration; no leak, idempotent', async () => {
  const env = h.createEnv();
  const reg = env.wc.blocksCheckoutEvents.eventRegistration;
  const unsubscribe = reg.onPaymentSetup(() => undefined);
  reg.onCheckoutFail(() => undefined);
  unsubscribe();
  unsubscribe();
  await env.wc.wcCheckoutWasm.load();
  assert.deepEqual(env.mock.registrations.map((r) => r.name), ['onCheckoutFail'], 'the dropped one never reaches Go');
  unsubscribe();
  assert.deepEqual(env.mock.unsubscribed, []);
});

test('brief: an unsubscribe kept from before ready calls off(id) after the replay, once', async () => {
  const env = h.createEnv();
  const unsubscribe = env.wc.blocksCheckoutEvents.eventRegistration.onPaymentSetup(() => undefined);
  await env.wc.wcCheckoutWasm.load();
  assert.equal(env.mock.registrations.length, 1);
  unsubscribe();
  unsubscribe();
  const id = env.mock.registrations[0].id;
  assert.deepEqual(env.mock.calls.filter((c) => c[0] === 'off'), [['off', id]]);
  assert.deepEqual(env.mock.unsubscribed, [id]);
  assert.equal(env.mock.registrations[0].active, false);
});

test('brief: after ready, registration goes straight to api.on and unsubscribe to Go\'s function', async () => {
  const env = await h.loadedEnv();
  const cb = () => undefined;
  const unsubscribe = env.wc.blocksCheckoutEvents.eventRegistration.onShippingRateFail(cb, 2.5, { timeoutMs: 50 });
  const reg = env.mock.registrations[0];
  assert.equal(reg.callback, cb, 'the callback is passed unchanged');
  assert.equal(reg.priority, 2.5);
  assert.deepEqual(reg.options, { timeoutMs: 50 });
  unsubscribe();
  assert.deepEqual(env.mock.unsubscribed, [reg.id]);
});

test('D34: a bad action argument queued before ready rejects its Promise with Go\'s TypeError at replay', async () => {
  const env = h.createEnv();
  const rejected = env.wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes(42);
  const ok = env.wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes('fine');
  await env.wc.wcCheckoutWasm.load();
  await assert.rejects(rejected, (e) => e instanceof TypeError && /__internalSetOrderNotes/.test(e.message));
  await ok;
  assert.equal(env.wc.wcBlocksData.select('wc/store/checkout').getOrderNotes(), 'fine', 'the next queued call still ran');
});

test('brief: a synchronous call that Go rejects at replay is logged, the replay goes on', async () => {
  const env = h.createEnv();
  env.wc.wcBlocksRegistry.registerPaymentMethod(method('go-rejects'));
  env.wc.wcBlocksRegistry.registerPaymentMethod(method('cod'));
  await env.wc.wcCheckoutWasm.load();
  assert.deepEqual(env.mock.calls.map((c) => c[1]), ['go-rejects', 'cod']);
  assert.equal(env.console.errors.length, 1);
  assert.match(env.console.errors[0][0], /queued before the module was ready/);
});

test('js-api onSubmit / reset / getTrace / clearTrace after ready go straight to Go', async () => {
  const env = await h.loadedEnv();
  const m = env.wc.wcCheckoutWasm;
  env.mock.trace = [{ kind: 'status', status: 'idle' }];
  assert.deepEqual(await m.onSubmit(), env.mock.outcome);
  assert.equal(m.reset(), undefined);
  assert.deepEqual(m.getTrace(), [{ kind: 'status', status: 'idle' }]);
  m.clearTrace();
  assert.deepEqual(m.getTrace(), []);
  assert.deepEqual(env.mock.calls.map((c) => c[0]), ['submit', 'reset', 'getTrace', 'clearTrace', 'getTrace']);
});

test('js-api reset: pageshow with persisted (back/forward cache) calls reset; without persisted it does not', async () => {
  const env = await h.loadedEnv();
  env.fire('pageshow', { persisted: false });
  assert.deepEqual(env.mock.calls, []);
  env.fire('pageshow', { persisted: true });
  assert.deepEqual(env.mock.calls, [['reset']]);
});
