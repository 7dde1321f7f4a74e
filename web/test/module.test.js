'use strict';
// checkout.js against the real module: web/dist/checkout.wasm and the
// toolchain's web/dist/wasm_exec.js, as ./build.sh leaves them (make test
// builds before it runs these). Skipped when the module has not been built.
//
// The module uses the real globals (js.Global()), so this file drives the
// checkout.js instance that requiring it installs on node's globalThis.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h_ = require('./harness.js');

const WASM = path.join(__dirname, '..', 'dist', 'checkout.wasm');
const EXEC = path.join(__dirname, '..', 'dist', 'wasm_exec.js');
const built = fs.existsSync(WASM) && fs.existsSync(EXEC);
const skip = built ? false : 'web/dist/checkout.wasm is not built (run ./build.sh)';

const CHECKOUT = 'wc/store/checkout';
const PAYMENT = 'wc/store/payment';
const ORDER_RECEIVED = 'https://shop.test/checkout/order-received/9/';

let wc = null;
let DEFAULT_SNAPSHOTS = null;
let firstPublication = null;
let moduleApi = null;
const requests = [];
const navigated = [];

if (built) {
  require(EXEC); // defines globalThis.Go
  // Catch the module's first host.publish (the initial snapshots).
  let host;
  Object.defineProperty(globalThis, '__wcCheckoutWasmHost', {
    configurable: true,
    get() { return host; },
    set(h) {
      const publish = h.publish;
      const ready = h.ready;
      h.publish = (json, refs) => {
        if (!firstPublication) firstPublication = h_.decodeSnapshots(json, refs);
        return publish(json, refs);
      };
      h.ready = (api) => {
        moduleApi = api;
        return ready(api);
      };
      host = h;
    }
  });
  globalThis.location = { href: 'https://shop.test/checkout/' };
  globalThis.fetch = (url, init) => {
    if (String(url).endsWith('checkout.wasm')) {
      return Promise.resolve(new Response(fs.readFileSync(WASM), { headers: { 'Content-Type': 'application/wasm' } }));
    }
    requests.push({ url: String(url), init });
    const body = {
      order_id: 9, status: 'processing', customer_id: 0,
      payment_result: { payment_status: 'success', payment_details: [], redirect_url: ORDER_RECEIVED }
    };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }));
  };
  ({ wc, DEFAULT_SNAPSHOTS } = require('../checkout.js'));
}

function runExample() {
  const source = fs.readFileSync(path.join(__dirname, '..', 'examples', 'bank-transfer.js'), 'utf8');
  // eslint-disable-next-line no-new-func
  new Function('wc', source)(wc);
}

test('module: load() runs the real module; ready resolves with a version', { skip }, async () => {
  runExample(); // registered before load: queued, replayed at ready
  const loading = wc.wcCheckoutWasm.load({
    wasmUrl: 'https://shop.test/dist/checkout.wasm',
    nonce: 'n0nce',
    // The legacy cart shape with the default values, so that the first
    // publication equals DEFAULT_SNAPSHOTS (a paymentMethods list would show
    // in getCartData, D39).
    cart: { needsPayment: true, needsShipping: false },
    navigate: (url) => navigated.push(url),
    render: () => {}
  });
  assert.equal(wc.wcCheckoutWasm.ready, loading);
  await loading;
  assert.match(wc.wcCheckoutWasm.version, /^\d+\.\d+\.\d+/);
});

test('contracts.md Snapshot objects: the default snapshots equal the module\'s first publication', { skip }, () => {
  assert.ok(firstPublication, 'the module published before ready');
  assert.deepEqual(Object.keys(firstPublication).sort(), Object.keys(DEFAULT_SNAPSHOTS).sort());
  for (const key of Object.keys(DEFAULT_SNAPSHOTS)) {
    assert.deepStrictEqual(firstPublication[key], DEFAULT_SNAPSHOTS[key], key);
  }
});

test('ref §2.2, §2.4, §3.4, §4: dispatch(store) offers exactly the actions the module accepts (api.actionNames)', { skip }, () => {
  assert.equal(typeof moduleApi.actionNames, 'function');
  for (const key of Object.keys(DEFAULT_SNAPSHOTS)) {
    const goNames = Array.from(moduleApi.actionNames(key)).sort();
    assert.deepEqual(Object.keys(wc.wcBlocksData.dispatch(key)).sort(), goNames, key);
  }
});

test('D34 with the real bridge: a bad action argument throws a TypeError synchronously; the module keeps working', { skip }, async () => {
  const actions = wc.wcBlocksData.dispatch(CHECKOUT);
  assert.throws(() => actions.__internalSetOrderNotes(42), (e) => e instanceof TypeError && /__internalSetOrderNotes/.test(e.message));
  await actions.__internalSetOrderNotes('leave at the door');
  assert.equal(wc.wcBlocksData.select(CHECKOUT).getOrderNotes(), 'leave at the door');
});

test('ref §14 with the real bridge: the registered example method becomes available and active', { skip }, async () => {
  const p = wc.wcBlocksData.select(PAYMENT);
  for (let i = 0; i < 50 && p.getActivePaymentMethod() !== 'bacs'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.deepEqual(Object.keys(p.getAvailablePaymentMethods()), ['bacs']);
  assert.equal(p.getActivePaymentMethod(), 'bacs');
});

test('example + D18/D19 with the real bridge: submit sends payment_data from onPaymentSetup and settles complete', { skip }, async () => {
  const contexts = [];
  const dropped = wc.blocksCheckoutEvents.eventRegistration.onCheckoutValidation(() => { contexts.push('dropped'); });
  dropped();
  wc.blocksCheckoutEvents.eventRegistration.onCheckoutValidation((payload, ctx) => {
    contexts.push(ctx);
    return true;
  }, 5, { label: 'module test' });
  const outcome = await wc.wcCheckoutWasm.onSubmit();
  assert.equal(outcome.outcome, 'complete');
  assert.equal(outcome.status, 'complete');
  assert.equal(outcome.orderId, 9);
  assert.equal(outcome.redirectUrl, ORDER_RECEIVED);
  assert.equal(contexts.length, 1, 'the unsubscribed observer did not run (off)');
  assert.equal(contexts[0].attemptId, outcome.attemptId);
  assert.equal(typeof contexts[0].signal.aborted, 'boolean');
  assert.equal(requests.length, 1);
  const body = JSON.parse(requests[0].init.body);
  assert.equal(body.payment_method, 'bacs');
  assert.deepEqual(body.payment_data, [
    { key: 'myGatewayCustomData', value: '12345' },
    { key: 'wc-bacs-new-payment-method', value: false }
  ]);
  assert.equal(body.customer_note, 'leave at the door');
  assert.deepEqual(navigated, [ORDER_RECEIVED]);
  assert.equal(wc.wcBlocksData.select(CHECKOUT).isComplete(), true);
});

test('D24 with the real bridge: getTrace returns records with the D24 fields; clearTrace empties it', { skip }, () => {
  const trace = wc.wcCheckoutWasm.getTrace();
  assert.ok(trace.length > 0);
  for (const field of ['time', 'attemptId', 'kind', 'event', 'label', 'priority', 'durationMs', 'result', 'status', 'paymentStatus']) {
    assert.ok(field in trace[0], field);
  }
  assert.ok(trace.some((r) => r.kind === 'observer' && r.label === 'module test'));
  wc.wcCheckoutWasm.clearTrace();
  assert.deepEqual(wc.wcCheckoutWasm.getTrace(), []);
});
