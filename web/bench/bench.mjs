// Bench (design.md "Tests"): the same checkout work in the wasm module
// (through web/checkout.js) and in a JS reference built on the real
// @wordpress/data, side by side in one V8 run (Node). Prints per-operation
// times and the ratio wasm / JS. Needs `make build` first. Not part of
// `make test` (numbers, not verdicts): run `make bench`.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const WASM = path.join(here, '..', 'dist', 'checkout.wasm');
if (!fs.existsSync(WASM)) {
  console.error('web/dist/checkout.wasm is missing: run make build first');
  process.exit(2);
}

// --- the wasm module through checkout.js, with fetch answering locally ---
require(path.join(here, '..', 'dist', 'wasm_exec.js'));
globalThis.location = { href: 'https://shop.test/checkout/' };
let orderId = 0;
globalThis.fetch = (url) => {
  if (String(url).endsWith('checkout.wasm')) {
    return Promise.resolve(new Response(fs.readFileSync(WASM), { headers: { 'Content-Type': 'application/wasm' } }));
  }
  orderId++;
  const body = { order_id: orderId, payment_result: { payment_status: 'success', payment_details: [], redirect_url: 'https://shop.test/ok/' + orderId } };
  return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }));
};
const { wc } = require('../checkout.js');
wc.wcBlocksRegistry.registerPaymentMethod({ name: 'bacs', content: () => '', canMakePayment: () => true });
wc.blocksCheckoutEvents.paymentEvents.onPaymentSetup(() => ({ type: 'success', meta: { paymentMethodData: { ref: 'x' } } }));
await wc.wcCheckoutWasm.load({ nonce: 'n', cart: { needsPayment: true, paymentMethods: ['bacs'] }, navigate: () => {}, render: () => {} });
while (wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod() !== 'bacs') await new Promise((r) => setTimeout(r, 1));

// --- the JS reference: the same checkout store slice on @wordpress/data ---
const data = require('@wordpress/data');
const reference = data.createReduxStore('bench/checkout', {
  reducer(state = { status: 'idle', orderNotes: '' }, action) {
    if (action.type === 'SET_CHECKOUT_ORDER_NOTES' && action.orderNotes !== state.orderNotes) return { ...state, orderNotes: action.orderNotes };
    return state;
  },
  actions: { __internalSetOrderNotes: (orderNotes) => ({ type: 'SET_CHECKOUT_ORDER_NOTES', orderNotes }) },
  selectors: { getOrderNotes: (s) => s.orderNotes, isIdle: (s) => s.status === 'idle' },
});
data.register(reference);

function time(fn, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return (performance.now() - t0) / n;
}
async function timeAsync(fn, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - t0) / n;
}
function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }

const rows = [];
async function compare(name, wasmFn, jsFn, n, async = false) {
  const w = [], j = [];
  for (let round = 0; round < 5; round++) {
    w.push(async ? await timeAsync(wasmFn, n) : time(wasmFn, n));
    j.push(async ? await timeAsync(jsFn, n) : time(jsFn, n));
  }
  rows.push([name, median(w) * 1000, median(j) * 1000]);
}

// 1. Selector reads (wasm: a JS read of the frozen snapshot; no call into Go).
const wsel = () => wc.wcBlocksData.select('wc/store/checkout');
const jsel = () => data.select(reference);
let sink = 0;
await compare('select(...).getOrderNotes() + isIdle()', () => { const s = wsel(); sink += s.getOrderNotes().length + (s.isIdle() ? 1 : 0); },
  () => { const s = jsel(); sink += s.getOrderNotes().length + (s.isIdle() ? 1 : 0); }, 100000);

// 2. A dispatch that changes state, its subscribe listener, and the resolved Promise.
let heardW = 0, heardJ = 0;
wc.wcBlocksData.subscribe(() => { heardW++; }, 'wc/store/checkout');
data.subscribe(() => { heardJ++; }, reference);
await compare('dispatch → listener → Promise resolved', (i) => wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes('note ' + i + ' ' + Math.random()),
  (i) => data.dispatch(reference).__internalSetOrderNotes('note ' + i + ' ' + Math.random()), 500, true);

// 3. A whole attempt in the module (no counterpart in the reference store).
const attempts = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  const out = await wc.wcCheckoutWasm.onSubmit();
  attempts.push(performance.now() - t0);
  if (out.outcome !== 'complete') throw new Error('attempt ' + i + ': ' + out.outcome);
}

console.log('operation                                   wasm µs     @wordpress/data µs   ratio');
for (const [name, w, j] of rows) {
  console.log(name.padEnd(42), w.toFixed(2).padStart(9), j.toFixed(2).padStart(14), (w / j).toFixed(2).padStart(12));
}
console.log(`full attempt (validation → payment setup → request (stubbed fetch) → success event → complete): median ${median(attempts).toFixed(2)} ms over ${attempts.length}`);
console.log(`listeners heard: wasm ${heardW}, reference ${heardJ}; Go functions held by JS: ${wc.wcCheckoutWasm.stats().liveFuncs}${sink < 0 ? '' : ''}`);
process.exit(0);
