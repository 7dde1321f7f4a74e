'use strict';
// js-api.md "Loading": wc.wcCheckoutWasm.load / ready against a local HTTP
// server (127.0.0.1), node's real fetch and real WebAssembly.

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness.js');

let server;
test.before(async () => {
  server = await h.startServer({
    '/web/dist/checkout.wasm': { body: h.EMPTY_WASM },
    '/assets/octet.wasm': { body: h.EMPTY_WASM, type: 'application/octet-stream' },
    '/assets/garbage.wasm': { body: new Uint8Array([1, 2, 3, 4]) },
    '/assets/checkout.wasm': { body: h.EMPTY_WASM }
  });
});
test.after(() => server.close());

// A WebAssembly stand-in that counts which entry point was used.
function spyWebAssembly(options) {
  const o = options || {};
  const used = { streaming: 0, buffer: 0 };
  const WA = {
    instantiateStreaming(source, imports) {
      used.streaming++;
      if (o.streamingMimeError) {
        return Promise.reject(new TypeError("WebAssembly response has unsupported MIME type 'application/wasm; x'"));
      }
      return WebAssembly.instantiateStreaming(source, imports);
    },
    instantiate(bytes, imports) {
      used.buffer++;
      return WebAssembly.instantiate(bytes, imports);
    }
  };
  return { WA, used };
}

function serverEnv(options) {
  return h.createEnv(Object.assign({ fetch: (url) => fetch(url), scriptUrl: server.base + '/web/checkout.js' }, options));
}

test('js-api Loading: default wasmUrl is dist/checkout.wasm next to checkout.js, compiled by streaming', async () => {
  const spy = spyWebAssembly();
  const env = serverEnv({ WebAssembly: spy.WA });
  const hitsBefore = server.hits.length;
  await env.wc.wcCheckoutWasm.load();
  assert.deepEqual(server.hits.slice(hitsBefore), ['/web/dist/checkout.wasm']);
  assert.deepEqual(spy.used, { streaming: 1, buffer: 0 });
  assert.ok(env.mock.instance instanceof WebAssembly.Instance, 'go.run gets the instance');
  assert.equal(env.mock.host.config.wasmUrl, server.base + '/web/dist/checkout.wasm');
});

test('issue 10 memory: the module starts with GOGC=25 in its environment, the Go object\'s other variables kept', async () => {
  const env = serverEnv();
  const Orig = env.mock.Go;
  env.g.Go = class extends Orig { constructor() { super(); this.env = { KEEP: '1' }; } };
  await env.wc.wcCheckoutWasm.load();
  assert.deepEqual(env.mock.env, { KEEP: '1', GOGC: '25' });
});

test('js-api Loading: the script URL comes from document.currentScript, else the page URL', async () => {
  const fetched = [];
  const fakeFetch = (url) => { fetched.push(url); return Promise.resolve(h.wasmResponse(h.EMPTY_WASM)); };
  const a = h.createEnv({ scriptUrl: null, fetch: fakeFetch, document: { currentScript: { src: 'https://cdn.test/lib/checkout.js' } } });
  await a.wc.wcCheckoutWasm.load();
  const b = h.createEnv({ scriptUrl: null, fetch: fakeFetch, location: { href: 'https://shop.test/checkout/?step=2' } });
  await b.wc.wcCheckoutWasm.load();
  assert.deepEqual(fetched, ['https://cdn.test/lib/dist/checkout.wasm', 'https://shop.test/checkout/dist/checkout.wasm']);
});

test('contracts.md protocol: host is set before go.run; config carries the options unchanged plus defaults', async () => {
  const env = serverEnv();
  const navigate = () => {};
  const options = {
    wasmUrl: server.base + '/assets/checkout.wasm',
    nonce: 'n0nce',
    checkoutData: { order_id: 5, customer_id: 0, order_notes: 'hi', billing_address: {}, shipping_address: {} },
    cart: { needsPayment: true, needsShipping: false, paymentMethods: ['bacs'] },
    navigate,
    observerTimeoutMs: { payment_setup: 1000 },
    debug: true,
    render: () => {}
  };
  await env.wc.wcCheckoutWasm.load(options);
  const host = env.mock.host;
  assert.ok(host, 'the mock Go found globalThis.__wcCheckoutWasmHost when it ran');
  assert.equal(host, env.g.__wcCheckoutWasmHost);
  for (const fn of ['publish', 'ready', 'warn', 'error']) assert.equal(typeof host[fn], 'function', fn);
  const c = host.config;
  assert.equal(c.storeApiUrl, '/wp-json/wc/store/v1', 'default storeApiUrl');
  assert.equal(c.wasmUrl, options.wasmUrl);
  assert.equal(c.nonce, 'n0nce');
  assert.equal(c.checkoutData, options.checkoutData);
  assert.equal(c.cart, options.cart);
  assert.equal(c.navigate, navigate);
  assert.equal(c.observerTimeoutMs, options.observerTimeoutMs);
  assert.equal(c.debug, true);
  assert.equal('render' in c, false);
  const custom = serverEnv();
  await custom.wc.wcCheckoutWasm.load({ storeApiUrl: '/api/store', wasmUrl: server.base + '/assets/checkout.wasm' });
  assert.equal(custom.mock.host.config.storeApiUrl, '/api/store');
});

test('contracts.md protocol: host.warn, host.error and host.debug route to the console', async () => {
  const env = await h.loadedEnv();
  const e = new Error('x');
  env.mock.host.warn('careful');
  env.mock.host.error('bad', e);
  env.mock.host.debug('status idle -> before_processing');
  assert.deepEqual(env.console.warns, ['careful']);
  assert.deepEqual(env.console.errors, [['bad', e]]);
  assert.deepEqual(env.console.infos, ['status idle -> before_processing']);
});

test('bridge protocol: host.fail(message) from a module that cannot start rejects load with that message', async () => {
  const env = h.createEnv({ mock: { manualReady: true } });
  const loading = env.wc.wcCheckoutWasm.load();
  await env.mock.running;
  env.mock.host.fail('bad config');
  await assert.rejects(loading, { message: 'checkout.js: the module failed to start: bad config' });
  env.mock.host.fail('again'); // a second report changes nothing
  await assert.rejects(env.wc.wcCheckoutWasm.ready, /bad config/);
});

test('js-api Loading: a server without the wasm MIME type falls back to arrayBuffer + instantiate', async () => {
  const spy = spyWebAssembly();
  const env = serverEnv({ WebAssembly: spy.WA });
  await env.wc.wcCheckoutWasm.load({ wasmUrl: server.base + '/assets/octet.wasm' });
  assert.deepEqual(spy.used, { streaming: 0, buffer: 1 });
  assert.ok(env.mock.instance instanceof WebAssembly.Instance);
});

test('js-api Loading: streaming that still fails on the MIME type is retried with arrayBuffer', async () => {
  const spy = spyWebAssembly({ streamingMimeError: true });
  const env = serverEnv({ WebAssembly: spy.WA });
  const hitsBefore = server.hits.length;
  await env.wc.wcCheckoutWasm.load();
  assert.deepEqual(spy.used, { streaming: 1, buffer: 1 });
  assert.equal(server.hits.length - hitsBefore, 2, 'fetched again for the fallback');
});

test('js-api Loading: HTTP 404 rejects with an Error naming the URL and status; the queue is kept for a retry', async () => {
  const env = serverEnv();
  const wasmUrl = server.base + '/missing/checkout.wasm';
  env.wc.wcBlocksRegistry.registerPaymentMethod({ name: 'cod', label: 'COD', ariaLabel: 'COD', content: () => '', edit: null, canMakePayment: true });
  const submitted = env.wc.wcCheckoutWasm.onSubmit();
  const first = env.wc.wcCheckoutWasm.load({ wasmUrl });
  assert.equal(env.wc.wcCheckoutWasm.ready, first, 'ready is the Promise load returned');
  await assert.rejects(first, (e) => e instanceof Error && e.message === 'checkout.js: fetching ' + wasmUrl + ' failed: HTTP 404');
  await assert.rejects(env.wc.wcCheckoutWasm.ready, /HTTP 404/);
  assert.equal(env.mock.runs, 0);
  const second = env.wc.wcCheckoutWasm.load({ wasmUrl: server.base + '/assets/checkout.wasm' });
  assert.notEqual(second, first, 'a load after a failure starts again');
  assert.equal(env.wc.wcCheckoutWasm.ready, second);
  await second;
  assert.deepEqual(env.mock.calls, [['registerPaymentMethod', 'cod'], ['submit']], 'queued calls survived the failure');
  assert.deepEqual(await submitted, env.mock.outcome);
});

test('js-api Loading: bytes that are not WebAssembly reject with a compile Error naming the URL', async () => {
  for (const spy of [spyWebAssembly(), null]) {
    const env = serverEnv(spy ? { WebAssembly: spy.WA } : {});
    const wasmUrl = server.base + '/assets/garbage.wasm';
    await assert.rejects(env.wc.wcCheckoutWasm.load({ wasmUrl }), (e) =>
      e.message.startsWith('checkout.js: compiling ' + wasmUrl + ' failed: CompileError: '));
  }
});

test('js-api Loading: a network failure rejects with an Error naming the fetch', async () => {
  const env = h.createEnv({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
  await assert.rejects(env.wc.wcCheckoutWasm.load(), {
    message: 'checkout.js: fetching ' + 'https://shop.test/wp-content/plugins/checkout/web/dist/checkout.wasm failed: TypeError: Failed to fetch'
  });
});

test('brief: missing globalThis.Go and no document rejects naming Go and wasm_exec.js; setting Go then retrying works', async () => {
  const env = h.createEnv({ noGo: true });
  env.wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes('kept');
  await assert.rejects(env.wc.wcCheckoutWasm.load(), (e) => /globalThis\.Go is missing/.test(e.message) &&
    e.message.includes('https://shop.test/wp-content/plugins/checkout/web/dist/wasm_exec.js'));
  env.g.Go = env.mock.Go;
  await env.wc.wcCheckoutWasm.load();
  assert.equal(env.wc.wcBlocksData.select('wc/store/checkout').getOrderNotes(), 'kept');
});

function scriptDocument(onAppend) {
  const appended = [];
  const document = {
    head: {
      appendChild(el) {
        el.parentNode = document.head;
        appended.push(el);
        setImmediate(() => onAppend(el));
        return el;
      },
      removeChild(el) { appended.splice(appended.indexOf(el), 1); }
    },
    createElement(tag) {
      assert.equal(tag, 'script');
      return { tagName: 'SCRIPT' };
    }
  };
  return { document, appended };
}

test('js-api Files: without globalThis.Go, wasm_exec.js is loaded from next to the module (build.sh puts both in dist/)', async () => {
  const table = [
    [{}, undefined, 'https://shop.test/wp-content/plugins/checkout/web/dist/wasm_exec.js'],
    [{ location: { href: 'https://shop.test/checkout/' } }, 'assets/m.wasm', 'https://shop.test/checkout/assets/wasm_exec.js'],
    [{}, 'https://cdn.test/v1/checkout.wasm', 'https://cdn.test/v1/wasm_exec.js']
  ];
  for (const [extra, wasmUrl, want] of table) {
    let env = null;
    const dom = scriptDocument((el) => { env.g.Go = env.mock.Go; el.onload(); });
    env = h.createEnv(Object.assign({ noGo: true, document: dom.document }, extra));
    await env.wc.wcCheckoutWasm.load({ wasmUrl });
    assert.deepEqual(dom.appended.map((s) => s.src), [want]);
    assert.equal(env.mock.runs, 1);
  }
});

test('brief: a wasm_exec.js that fails to load, or loads without defining Go, rejects with a clear Error', async () => {
  const failing = scriptDocument((el) => el.onerror(new Error('404')));
  const a = h.createEnv({ noGo: true, document: failing.document });
  await assert.rejects(a.wc.wcCheckoutWasm.load(), {
    message: 'checkout.js: loading https://shop.test/wp-content/plugins/checkout/web/dist/wasm_exec.js failed (globalThis.Go is missing)'
  });
  assert.deepEqual(failing.appended, [], 'the failed script element is removed');
  const empty = scriptDocument((el) => el.onload());
  const b = h.createEnv({ noGo: true, document: empty.document });
  await assert.rejects(b.wc.wcCheckoutWasm.load(), /did not define globalThis\.Go/);
});

test('js-api Loading: a second load while loading or loaded returns the same Promise', async () => {
  const env = h.createEnv({ mock: { manualReady: true } });
  const m = env.wc.wcCheckoutWasm;
  const first = m.load();
  assert.equal(m.load({ wasmUrl: 'other.wasm' }), first, 'while loading');
  assert.equal(m.ready, first);
  await env.mock.running;
  env.mock.callReady();
  await first;
  assert.equal(m.load(), first, 'when loaded');
  assert.equal(env.mock.runs, 1, 'the module ran once');
  assert.equal(m.version, '0.0.0-mock');
});

test('brief: the module exiting or failing before ready rejects load; a later load can retry', async () => {
  const env = h.createEnv({ mock: { exitBeforeReady: true } });
  await assert.rejects(env.wc.wcCheckoutWasm.load(), { message: 'checkout.js: the module exited before it was ready' });
  const env2 = h.createEnv();
  env2.mock.Go.prototype.run = () => { throw new Error('go: bad instance'); };
  await assert.rejects(env2.wc.wcCheckoutWasm.load(), { message: 'checkout.js: starting the module failed: Error: go: bad instance' });
  const env3 = h.createEnv();
  env3.mock.Go.prototype.run = () => Promise.reject(new Error('panic: init'));
  await assert.rejects(env3.wc.wcCheckoutWasm.load(), /the module failed before it was ready: Error: panic: init/);
});

test('brief: load with options that are not an object throws a TypeError naming load and options', () => {
  const { wc } = h.createEnv();
  for (const bad of ['x', 1, true]) {
    assert.throws(() => wc.wcCheckoutWasm.load(bad), (e) => e instanceof TypeError && /wcCheckoutWasm\.load: argument options/.test(e.message));
  }
});

test('contracts.md protocol: a stale host from a failed attempt cannot make the next attempt ready', async () => {
  const env = h.createEnv({ mock: { exitBeforeReady: true } });
  await assert.rejects(env.wc.wcCheckoutWasm.load());
  const staleHost = env.mock.host;
  const env2Mock = h.createMockGo(env.g, { manualReady: true });
  env.g.Go = env2Mock.Go;
  const second = env.wc.wcCheckoutWasm.load();
  await env2Mock.running;
  staleHost.ready(env.mock.api); // ignored: belongs to the failed attempt
  staleHost.publish({ 'wc/store/checkout': h.nextSnapshot(h.DEFAULT_SNAPSHOTS['wc/store/checkout'], { getOrderNotes: 'stale' }) });
  assert.equal(env.wc.wcBlocksData.select('wc/store/checkout').getOrderNotes(), '');
  env2Mock.callReady();
  await second;
  env.wc.wcCheckoutWasm.onSubmit();
  assert.deepEqual(env2Mock.calls, [['submit']]);
  assert.deepEqual(env.mock.calls, []);
});

test('js-api Loading: a page without fetch or WebAssembly, or a module calling ready() without an api, rejects clearly', async () => {
  const url = 'https://shop.test/wp-content/plugins/checkout/web/dist/checkout.wasm';
  const noFetch = h.createEnv();
  delete noFetch.g.fetch;
  await assert.rejects(noFetch.wc.wcCheckoutWasm.load(), { message: 'checkout.js: fetching ' + url + ' failed: fetch is not available' });
  const noWasm = h.createEnv({ WebAssembly: {} });
  await assert.rejects(noWasm.wc.wcCheckoutWasm.load(), { message: 'checkout.js: compiling ' + url + ' failed: WebAssembly is not available' });
  const noApi = h.createEnv({ mock: { manualReady: true } });
  const loading = noApi.wc.wcCheckoutWasm.load();
  await noApi.mock.running;
  noApi.mock.host.ready(undefined);
  await assert.rejects(loading, { message: 'checkout.js: the module called ready() without an api object' });
});

test('D41: customerPaymentMethods, globalPaymentMethods and paymentMethodSortOrder come from wcSettings when load() does not give them', async () => {
  const env = h.createEnv();
  env.g.wcSettings = {
    customerPaymentMethods: { cc: [{ method: { gateway: 'stripe', last4: '4242', brand: 'Visa' }, expires: '12/30', is_default: true, tokenId: 2 }] },
    globalPaymentMethods: { stripe: 'Stripe' },
    paymentMethodSortOrder: ['stripe', 'bacs']
  };
  await env.wc.wcCheckoutWasm.load({ paymentMethodSortOrder: ['bacs'] });
  const config = env.mock.host.config;
  assert.equal(config.savedPaymentMethods.cc[0].tokenId, 2);
  assert.deepEqual(config.globalPaymentMethods, { stripe: 'Stripe' });
  assert.deepEqual(config.paymentMethodSortOrder, ['bacs'], 'a load option wins');
});
