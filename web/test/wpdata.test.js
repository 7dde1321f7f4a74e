'use strict';
// js-api.md: "When window.wp.data exists at load time, the same stores are
// also registered there". Checked with the real @wordpress/data from npm.

const test = require('node:test');
const assert = require('node:assert/strict');
const { createRegistry, createReduxStore, RegistryProvider, useSelect } = require('@wordpress/data');
const { createElement } = require('react');
const { renderToString } = require('react-dom/server');
const h = require('./harness.js');

const CHECKOUT = 'wc/store/checkout';

test('js-api wp.data: load registers the stores; wp.data.select(CHECKOUT_STORE_KEY).isComplete() reads the snapshot', async () => {
  const registry = createRegistry();
  const env = h.createEnv({ wp: { data: registry }, mock: { manualReady: true } });
  const loading = env.wc.wcCheckoutWasm.load();
  // Registered at load time: selectors work at once, from the default snapshots.
  assert.equal(registry.select(env.wc.wcBlocksData.CHECKOUT_STORE_KEY).isComplete(), false);
  assert.equal(registry.select(env.wc.wcBlocksData.checkoutStore).getCheckoutStatus(), 'pristine');
  await env.mock.running;
  env.mock.callReady();
  await loading;
  env.mock.update(CHECKOUT, { isComplete: true, getCheckoutStatus: 'complete' });
  assert.equal(registry.select(CHECKOUT).isComplete(), true);
  assert.equal(registry.select(CHECKOUT), env.wc.wcBlocksData.select(CHECKOUT), 'the same selector object');
  for (const key of ['wc/store/payment', 'wc/store/validation', 'core/notices', 'wc/store/cart']) {
    assert.equal(registry.select(key), env.wc.wcBlocksData.select(key), key);
  }
});

test('js-api wp.data: wp.data.subscribe (global and per store) runs on each publish', async () => {
  const registry = createRegistry();
  const env = await h.loadedEnv({ wp: { data: registry } });
  const seen = [];
  const unsubscribeAll = registry.subscribe(() => seen.push('all:' + registry.select(CHECKOUT).getOrderNotes()));
  registry.subscribe(() => seen.push('checkout'), CHECKOUT);
  registry.subscribe(() => seen.push('cart'), 'wc/store/cart');
  env.mock.update(CHECKOUT, { getOrderNotes: 'a' });
  env.mock.update('wc/store/payment', { getActivePaymentMethod: 'cod' });
  unsubscribeAll();
  env.mock.update(CHECKOUT, { getOrderNotes: 'b' });
  assert.deepEqual(seen, ['all:a', 'checkout', 'all:a', 'checkout']);
});

test('js-api wp.data: wp.data.dispatch(key).action(...) forwards to api.dispatch', async () => {
  const registry = createRegistry();
  const env = await h.loadedEnv({ wp: { data: registry } });
  await registry.dispatch(CHECKOUT).__internalSetOrderNotes('via wp.data');
  assert.deepEqual(env.mock.calls, [['dispatch', CHECKOUT, '__internalSetOrderNotes', ['via wp.data']]]);
  assert.equal(registry.select(CHECKOUT).getOrderNotes(), 'via wp.data');
});

test('js-api wp.data: useSelect reads the stores', async () => {
  const registry = createRegistry();
  const env = await h.loadedEnv({ wp: { data: registry } });
  env.mock.update(CHECKOUT, { getOrderNotes: 'from useSelect' });
  function Notes() {
    const notes = useSelect((select) => select(CHECKOUT).getOrderNotes(), []);
    return createElement('p', null, notes);
  }
  const html = renderToString(createElement(RegistryProvider, { value: registry }, createElement(Notes)));
  assert.equal(html, '<p>from useSelect</p>');
});

test('brief wp.data: an existing store of the same name (WordPress\'s core/notices) is left alone', async () => {
  const registry = createRegistry();
  registry.register(createReduxStore('core/notices', {
    reducer: (state = ['wp']) => state,
    selectors: { getNotices: (state) => state }
  }));
  const env = await h.loadedEnv({ wp: { data: registry } });
  assert.deepEqual(registry.select('core/notices').getNotices(), ['wp']);
  assert.equal(registry.select(CHECKOUT), env.wc.wcBlocksData.select(CHECKOUT));
  assert.deepEqual(env.console.errors, [], 'no "already registered" error');
});

test('brief wp.data: with only registerGenericStore available, it is used', async () => {
  const registry = createRegistry();
  const used = [];
  const data = {
    select: registry.select,
    registerGenericStore(name, store) {
      used.push(name);
      return registry.registerGenericStore(name, store);
    }
  };
  const env = await h.loadedEnv({ wp: { data } });
  assert.deepEqual(used, ['wc/store/checkout', 'wc/store/payment', 'wc/store/validation', 'core/notices', 'wc/store/cart']);
  env.mock.update(CHECKOUT, { hasError: true });
  assert.equal(registry.select(CHECKOUT).hasError(), true);
});

test('brief wp.data: stores are registered once, even when load is retried after a failure', async () => {
  const registry = createRegistry();
  const env = h.createEnv({ wp: { data: registry }, fetch: () => Promise.resolve(new Response('', { status: 500 })) });
  await assert.rejects(env.wc.wcCheckoutWasm.load(), /HTTP 500/);
  env.g.fetch = () => Promise.resolve(h.wasmResponse(h.EMPTY_WASM));
  await env.wc.wcCheckoutWasm.load();
  assert.deepEqual(env.console.errors, []);
  assert.equal(registry.select(CHECKOUT), env.wc.wcBlocksData.select(CHECKOUT));
});

test('js-api wp.data: without wp.data at load time nothing is registered and nothing fails', async () => {
  const env = await h.loadedEnv({ wp: {} });
  assert.deepEqual(env.console.errors, []);
  assert.equal(env.wc.wcBlocksData.select(CHECKOUT).isComplete(), false);
});

test('D44: an action name a store lacks, through wp.data, rejects with a TypeError naming the store and action', async () => {
  const registry = createRegistry();
  const env = await h.loadedEnv({ wp: { data: registry } });
  const checkout = registry.dispatch(CHECKOUT);
  await assert.rejects(checkout.setNoSuchThing(true), (e) => e instanceof TypeError &&
    e.message.includes("wp.data.dispatch('wc/store/checkout').setNoSuchThing") && e.message.includes('__internalSetOrderNotes'));
  assert.equal(checkout.then, undefined, 'not mistaken for a thenable');
  await checkout.__internalSetOrderNotes('still works');
  assert.equal(registry.select(CHECKOUT).getOrderNotes(), 'still works');
  assert.equal(env.mock.calls.filter((c) => c[2] === 'setNoSuchThing').length, 0, 'nothing reaches the module');
});
