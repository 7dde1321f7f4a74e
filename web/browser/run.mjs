// Browser tests of the built module through web/checkout.js in headless
// Chromium, against the local Go Store API server (issue: "a browser test that
// loads the built module through checkout.js in a real page and runs full
// attempts against a local endpoint"). Also measures the budgets:
//   - load() → ready versus an empty Go wasm program on the same page, same run;
//   - zero crossings into Go per selector call.
// Needs `make build` first (web/dist/checkout.wasm); builds dist/empty.wasm if missing.
// Prints "N passed, N failed" last; exits non-zero on failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer, launchChromium } from '../testkit/demo.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(root, 'test-artifacts', 'browser');
mkdirSync(artifacts, { recursive: true });
if (!existsSync(join(root, 'web/dist/checkout.wasm'))) {
  console.error('web/dist/checkout.wasm is missing: run make build first');
  process.exit(2);
}
if (!existsSync(join(root, 'web/dist/empty.wasm'))) {
  execFileSync(join(root, 'build.sh'), ['empty'], { cwd: root, stdio: 'inherit' });
}

const { server, base, tmp } = await startDemoServer('wc-browser-');
const browser = await launchChromium();

const results = [];
const figures = {};
async function test(name, fn) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
  const t0 = Date.now();
  try {
    await fn(page);
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${err.stack || err}`);
    try {
      const trace = await page.evaluate(() => wc.wcCheckoutWasm.getTrace());
      console.log('checkout trace:', JSON.stringify(trace, null, 1));
    } catch (e) { /* page gone */ }
    console.log(logs.join('\n'));
    await page.screenshot({ path: join(artifacts, name.replace(/\W+/g, '_') + '.png') }).catch(() => {});
  } finally {
    await context.close();
  }
}

function assert(cond, msg) { if (!cond) throw new Error('assertion failed: ' + msg); }
function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

async function openPage(page) {
  await page.goto(base + '/browser/page.html');
}

async function orders() {
  const r = await fetch(base + '/orders.json');
  return r.json();
}

async function submit(page) {
  return page.evaluate(() => wc.wcCheckoutWasm.onSubmit());
}

await test('load: ready, initial snapshots, version, queued registrations replayed', async (page) => {
  await openPage(page);
  const before = await page.evaluate(() => wc.wcBlocksData.select('wc/store/checkout').getCheckoutStatus());
  assert(before === 'pristine', 'default snapshot before load is pristine (D2), got ' + before);
  await page.evaluate(() => window.__test.load());
  const state = await page.evaluate(() => ({
    version: wc.wcCheckoutWasm.version,
    methods: Object.keys(wc.wcBlocksRegistry.getPaymentMethods()),
    available: Object.keys(wc.wcBlocksData.select('wc/store/payment').getAvailablePaymentMethods()),
    active: wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod(),
    content: document.querySelector('[data-wc-payment-method-content="bacs"]').textContent,
  }));
  assert(/^\d+\.\d+\.\d+/.test(state.version), 'version ' + state.version);
  assert(state.methods.join() === 'bacs,demo_card', 'registry (D28): ' + state.methods);
  // Availability runs in the background after registration (ref §7 R11).
  await page.waitForFunction(() => wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod() === 'bacs');
  await page.waitForFunction(() => document.querySelector('[data-wc-payment-method-content="bacs"]').textContent === 'Pay by bank transfer.');
});

await test('selectors never cross into Go (zero calls per selector)', async (page) => {
  await openPage(page);
  await page.evaluate(() => window.__test.load());
  const counts = await page.evaluate(async () => {
    const stats = () => wc.wcCheckoutWasm.stats();
    const s0 = stats().calls;
    const sel = wc.wcBlocksData.select('wc/store/checkout');
    const pay = wc.wcBlocksData.select('wc/store/payment');
    let x = 0;
    const t0 = performance.now();
    for (let i = 0; i < 100000; i++) {
      if (sel.isIdle()) x++;
      if (pay.getActivePaymentMethod()) x++;
      sel.getCheckoutStatus();
    }
    const perCallNs = (performance.now() - t0) * 1e6 / 300000;
    const s1 = stats().calls;
    const same = wc.wcBlocksData.select('wc/store/checkout').getExtensionData() === wc.wcBlocksData.select('wc/store/checkout').getExtensionData();
    return { crossings: s1 - s0 - 1, perCallNs, same };
  });
  figures.selectorNs = counts.perCallNs;
  assert(counts.crossings === 0, 'crossings into Go during 300000 selector calls: ' + counts.crossings);
  assert(counts.same, 'same references while nothing changed');
});

// Every selector and action named by ref §2.2–2.3, §3.3–3.4, §4 and js-api.md.
const EXPECTED = {
  'wc/store/checkout': {
    selectors: ['getCustomerId', 'getOrderId', 'getOrderNotes', 'getRedirectUrl', 'getUseShippingAsBilling', 'getExtensionData',
      'getShouldCreateAccount', 'getCheckoutStatus', 'hasError', 'hasOrder', 'isComplete', 'isIdle', 'isBeforeProcessing',
      'isAfterProcessing', 'isProcessing', 'isCalculating', 'prefersCollection'],
    actions: ['__internalSetIdle', '__internalSetRedirectUrl', '__internalSetComplete', '__internalSetProcessing',
      '__internalSetBeforeProcessing', '__internalSetAfterProcessing', '__internalSetHasError', '__internalIncrementCalculating',
      '__internalDecrementCalculating', '__internalSetCustomerId', '__internalSetUseShippingAsBilling',
      '__internalSetShouldCreateAccount', 'setPrefersCollection', '__internalSetOrderNotes', '__internalSetExtensionData'],
  },
  'wc/store/payment': {
    selectors: ['isPaymentIdle', 'isExpressPaymentStarted', 'isPaymentProcessing', 'isPaymentReady', 'hasPaymentError',
      'isPaymentPristine', 'isPaymentStarted', 'isPaymentSuccess', 'isPaymentFailed', 'isExpressPaymentMethodActive',
      'getActiveSavedToken', 'getActivePaymentMethod', 'getAvailablePaymentMethods', 'getAvailableExpressPaymentMethods',
      'getPaymentMethodData', 'getSavedPaymentMethods', 'getShouldSavePaymentMethod', 'getPaymentResult',
      'paymentMethodsInitialized', 'expressPaymentMethodsInitialized', 'getState', 'getActiveSavedPaymentMethods',
      'getIncompatiblePaymentMethods', 'getCurrentStatus'],
    actions: ['__internalSetPaymentIdle', '__internalSetExpressPaymentStarted', '__internalSetPaymentProcessing',
      '__internalSetPaymentError', '__internalSetPaymentReady', '__internalSetExpressPaymentMethodsInitialized',
      '__internalSetShouldSavePaymentMethod', '__internalSetActivePaymentMethod', '__internalSetPaymentMethodData',
      '__internalSetPaymentResult', '__internalSetAvailableExpressPaymentMethods', '__internalRemoveAvailablePaymentMethod',
      '__internalRemoveAvailableExpressPaymentMethod', '__internalSetPaymentMethodsInitialized',
      '__internalSetAvailablePaymentMethods', '__internalUpdateAvailablePaymentMethods', '__internalSetExpressPaymentError'],
  },
  'wc/store/validation': {
    selectors: ['getValidationError', 'getValidationErrorId', 'hasValidationErrors'],
    actions: ['setValidationErrors', 'clearValidationError', 'clearValidationErrors', 'hideValidationError',
      'showValidationError', 'showAllValidationErrors'],
  },
  'core/notices': { selectors: ['getNotices'], actions: ['createNotice', 'removeNotice'] },
  'wc/store/cart': {
    selectors: ['getCustomerData', 'getNeedsPayment', 'getNeedsShipping', 'getShippingRates', 'isAddressFieldsForShippingRatesUpdating'],
    actions: ['setBillingAddress', 'setShippingAddress', 'setShippingRates', 'setIsLoadingRates', 'setIsSelectingRate', 'setCartErrors'],
  },
};

await test('every selector and action of the spec exists and works with the real module', async (page) => {
  await openPage(page);
  await page.evaluate(() => window.__test.load());
  const missing = await page.evaluate((expected) => {
    const out = [];
    for (const [key, { selectors, actions }] of Object.entries(expected)) {
      const sel = wc.wcBlocksData.select(key);
      const act = wc.wcBlocksData.dispatch(key);
      for (const n of selectors) {
        if (typeof sel[n] !== 'function') { out.push(key + ' selector ' + n); continue; }
        try { sel[n]('x'); } catch (e) { out.push(key + ' selector ' + n + ' threw ' + e.message); }
      }
      for (const n of actions) if (typeof act[n] !== 'function') out.push(key + ' action ' + n);
    }
    const ev = wc.blocksCheckoutEvents;
    for (const n of ['onCheckoutValidation', 'onCheckoutSuccess', 'onCheckoutFail', 'onPaymentSetup', 'onPaymentProcessing',
      'onShippingRateSuccess', 'onShippingRateFail', 'onShippingRateSelectSuccess', 'onShippingRateSelectFail',
      'onCheckoutBeforeProcessing', 'onCheckoutValidationBeforeProcessing', 'onCheckoutAfterProcessingWithSuccess',
      'onCheckoutAfterProcessingWithError', 'onAttemptSettled']) {
      if (typeof ev.eventRegistration[n] !== 'function') out.push('eventRegistration.' + n);
    }
    for (const n of ['isSuccessResponse', 'isErrorResponse', 'isFailResponse', 'shouldRetry']) if (typeof ev[n] !== 'function') out.push(n);
    const d = wc.wcBlocksData;
    if (d.CHECKOUT_STORE_KEY !== 'wc/store/checkout' || d.PAYMENT_STORE_KEY !== 'wc/store/payment' ||
      d.VALIDATION_STORE_KEY !== 'wc/store/validation' || d.CART_STORE_KEY !== 'wc/store/cart') out.push('store keys');
    return out;
  }, EXPECTED);
  assert(missing.length === 0, 'missing or failing: ' + missing.join(', '));
});

await test('spec probes with the real module (D2, D7, D18, D19, D22, D24, D33, D34, js-api loading)', async (page) => {
  await openPage(page);
  const r = await page.evaluate(async () => {
    const out = {};
    const d = wc.wcBlocksData;
    const ev = wc.blocksCheckoutEvents;
    out.readyIsPromise = typeof wc.wcCheckoutWasm.ready.then === 'function';
    const seen = [];
    ev.eventRegistration.onAttemptSettled((o) => { seen.push(o.outcome); });
    let second = null;
    const unsub = ev.checkoutEvents.onCheckoutValidation(function termsCheck(data, extra) {
      second = { signal: extra && extra.signal instanceof AbortSignal, attemptId: typeof (extra && extra.attemptId), data: JSON.stringify(data) };
      return false; // D7: false fails
    });
    let settledBeforeLoad = false;
    const early = wc.wcCheckoutWasm.onSubmit(); // js-api: queued until ready
    early.then(() => { settledBeforeLoad = true; });
    await new Promise((r) => setTimeout(r, 30));
    out.queuedSubmitWaited = !settledBeforeLoad;
    await window.__test.load();
    const first = await early;
    out.firstOutcome = first.outcome;
    out.firstStatus = first.status;
    out.firstHasError = first.hasError;
    out.second = second;
    unsub();
    ev.checkoutEvents.onCheckoutValidation(() => ({ type: 'success' })); // D7: passes
    ev.checkoutEvents.onCheckoutValidation(() => 'ignored'); // D22
    await window.__test.fillAddress();
    await new Promise((r) => setTimeout(r, 50));
    const ok = await wc.wcCheckoutWasm.onSubmit();
    out.secondOutcome = ok.outcome;
    out.settled = seen.slice();
    out.kinds = Array.from(new Set(wc.wcCheckoutWasm.getTrace().map((t) => t.kind))).sort().join(',');
    out.labels = wc.wcCheckoutWasm.getTrace().filter((t) => t.kind === 'observer').map((t) => t.label);
    const errs = [];
    try { wc.wcBlocksRegistry.registerPaymentMethod({ name: 'x', label: 'x', ariaLabel: 'x', content: () => '', edit: null, canMakePayment: 'yes' }); } catch (e) { errs.push(e.name + ':' + /canMakePayment/.test(e.message)); }
    try { ev.paymentEvents.onPaymentSetup(() => true, NaN); } catch (e) { errs.push(e.name + ':' + /priority/.test(e.message)); }
    try { d.dispatch('wc/store/nope'); } catch (e) { errs.push(e.name); }
    try { d.select('wc/store/nope'); } catch (e) { errs.push(e.name); }
    out.errs = errs;
    return out;
  });
  assert(r.readyIsPromise, 'ready is a Promise before load');
  assert(r.queuedSubmitWaited, 'onSubmit before load waits for the module');
  assert(r.firstOutcome === 'failed' && r.firstStatus === 'idle' && r.firstHasError, 'D7 false fails: ' + JSON.stringify(r));
  assert(r.second && r.second.signal && r.second.attemptId === 'string' && r.second.data === '{}', 'D18 second argument, ref §6.1 data {}: ' + JSON.stringify(r.second));
  assert(r.secondOutcome === 'complete', 'D7 {type:success} and D22 strings pass: ' + r.secondOutcome);
  assert(r.settled.join() === 'failed,complete', 'D19 onAttemptSettled: ' + r.settled);
  assert(r.kinds === 'observer,redirect,request,status', 'D24 kinds: ' + r.kinds);
  assert(r.labels.includes('test-gateway') && r.labels.includes('termsCheck'), 'D24 labels (option, function name): ' + r.labels);
  assert(r.labels.some((l) => /^observer#\d+$/.test(l)), 'D24 observer#<id> for anonymous functions: ' + r.labels);
  assert(r.errs.join() === 'TypeError:true,TypeError:true,TypeError,TypeError', 'D34: ' + r.errs);

  // D2 / D33 on a fresh page.
  await openPage(page);
  const s = await page.evaluate(async () => {
    await window.__test.load();
    const sel = () => wc.wcBlocksData.select('wc/store/checkout');
    const o = { initial: sel().getCheckoutStatus(), idleWhilePristine: sel().isIdle() };
    wc.wcCheckoutWasm.reset();
    await new Promise((r) => setTimeout(r, 20));
    o.afterReset = sel().getCheckoutStatus();
    await wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes('leave at the door');
    o.afterChange = sel().getCheckoutStatus();
    return o;
  });
  assert(s.initial === 'pristine' && s.idleWhilePristine === false, 'D2: ' + JSON.stringify(s));
  assert(s.afterReset === 'pristine', 'D33: reset leaves pristine alone');
  assert(s.afterChange === 'idle', 'D2: a change moves pristine to idle');
});

await test('load time: module vs empty Go program on the same page', async () => {
  const ratios = [];
  const mod = [];
  const empty = [];
  for (let round = 0; round < 5; round++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openPage(page);
    await page.addScriptTag({ url: '/dist/wasm_exec.js' });
    const runEmpty = () => page.evaluate(async () => {
      const go = new Go();
      const t0 = performance.now();
      const r = await WebAssembly.instantiateStreaming(fetch('/dist/empty.wasm'), go.importObject);
      await go.run(r.instance);
      return performance.now() - t0;
    });
    const runModule = () => page.evaluate(() => window.__test.load());
    let e, m;
    if (round % 2 === 0) { e = await runEmpty(); m = await runModule(); } else { m = await runModule(); e = await runEmpty(); }
    empty.push(e); mod.push(m); ratios.push(m / e);
    await context.close();
  }
  figures.loadMs = median(mod);
  figures.emptyMs = median(empty);
  figures.loadRatio = median(ratios);
  console.log(`     load() → ready median ${figures.loadMs.toFixed(1)} ms, empty Go program ${figures.emptyMs.toFixed(1)} ms, ratio ${figures.loadRatio.toFixed(2)} (per round: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
  // Reported, and held to a generous bound here; the 1.2× budget is tracked in the closing note.
  assert(figures.loadRatio < 6, 'load ratio ' + figures.loadRatio + ' (a sanity bound against a broken build; the budget is reported, not asserted)');
});

await test('attempt: success through the real Store API route', async (page) => {
  await openPage(page);
  await page.evaluate(() => window.__test.load());
  await page.waitForFunction(() => wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod() === 'bacs');
  await page.evaluate(() => window.__test.fillAddress());
  const before = (await orders()).length;
  const t0 = Date.now();
  const out = await submit(page);
  figures.attemptMs = Date.now() - t0;
  assert(out.outcome === 'complete', 'outcome ' + JSON.stringify(out));
  assert(out.orderId > 0, 'order id (D15) ' + out.orderId);
  const navs = await page.evaluate(() => window.__navigations);
  assert(navs.length === 1 && /\/checkout\/order-received\/\d+\/\?key=/.test(navs[0]), 'navigated to order-received: ' + navs);
  const after = await orders();
  assert(after.length === before + 1, 'one order');
  const status = await page.evaluate(() => wc.wcBlocksData.select('wc/store/checkout').getCheckoutStatus());
  assert(status === 'complete', status);
  const stats = await page.evaluate(() => wc.wcCheckoutWasm.stats());
  figures.liveFuncs = stats.liveFuncs;
});

await test('attempt: decline, then success with another card in the same page', async (page) => {
  await openPage(page);
  await page.evaluate(() => window.__test.load());
  await page.waitForFunction(() => wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod() === 'bacs');
  await page.evaluate(() => window.__test.fillAddress());
  await page.evaluate(() => wc.wcBlocksData.dispatch('wc/store/payment').__internalSetActivePaymentMethod('demo_card'));
  await page.evaluate(() => { window.__cardNumber = '4000000000000002'; });
  const out = await submit(page);
  assert(out.outcome === 'failed' && out.status === 'idle' && out.hasError, 'declined: ' + JSON.stringify(out));
  const notices = await page.evaluate(() => wc.wcBlocksData.select('core/notices').getNotices('wc/checkout'));
  assert(notices.some((n) => n.content === 'Your card was declined.'), 'decline notice: ' + JSON.stringify(notices));
  await page.evaluate(() => { window.__cardNumber = '4242424242424242'; });
  const out2 = await submit(page);
  assert(out2.outcome === 'complete', 'retry: ' + JSON.stringify(out2));
  assert(out2.attemptId !== out.attemptId, 'a new attempt (new Idempotency-Key, D21)');
});

await test('attempt: network failure ends idle with the unknown_error notice (D14)', async (page) => {
  await openPage(page);
  await page.evaluate(() => window.__test.load({ storeApiUrl: 'http://127.0.0.1:9/wp-json/wc/store/v1' }));
  await page.waitForFunction(() => wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod() === 'bacs');
  await page.evaluate(() => window.__test.fillAddress());
  const out = await submit(page);
  assert(out.outcome === 'error' && out.status === 'idle' && out.hasError, JSON.stringify(out));
  const notices = await page.evaluate(() => wc.wcBlocksData.select('core/notices').getNotices('wc/cart'));
  assert(notices.length === 1 && notices[0].id === 'unknown_error', JSON.stringify(notices));
});

await test('double submit sends one request (D12)', async (page) => {
  await openPage(page);
  await page.evaluate(() => window.__test.load());
  await page.waitForFunction(() => wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod() === 'bacs');
  await page.evaluate(() => window.__test.fillAddress());
  const before = (await orders()).length;
  const outs = await page.evaluate(() => Promise.all([wc.wcCheckoutWasm.onSubmit(), wc.wcCheckoutWasm.onSubmit(), wc.wcCheckoutWasm.onSubmit()]));
  assert(new Set(outs.map((o) => o.attemptId)).size === 1, 'one attempt');
  assert((await orders()).length === before + 1, 'one order');
});

await test('a panic-free module: bad arguments throw TypeError and the next call works (D34)', async (page) => {
  await openPage(page);
  await page.evaluate(() => window.__test.load());
  const r = await page.evaluate(async () => {
    let name = '';
    try { wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes(42); } catch (e) { name = e.name + ': ' + e.message; }
    await wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes('fine');
    return { name, notes: wc.wcBlocksData.select('wc/store/checkout').getOrderNotes() };
  });
  assert(r.name.startsWith('TypeError') && r.name.includes('__internalSetOrderNotes'), r.name);
  assert(r.notes === 'fine', r.notes);
});

// ---- React content (D37, D38, D43): gateway components as WooCommerce writes them ----
const REACT_UMD = [join(root, 'node_modules/react/umd/react.production.min.js'), join(root, 'node_modules/react-dom/umd/react-dom.production.min.js')];

async function openReactPage(page) {
  await page.goto(base + '/browser/react.html');
  for (const path of REACT_UMD) await page.addScriptTag({ path });
  await page.evaluate(async () => {
    window.__registerReactMethods();
    const cfg = await (await fetch('/demo/config.json')).json();
    await wc.wcCheckoutWasm.load({ nonce: cfg.nonce, storeApiUrl: cfg.storeApiUrl, checkoutData: cfg.checkoutData, cart: cfg.cart,
      navigate: () => {}, buttonAttributes: { height: 40 } });
    const addr = { first_name: 'Ada', last_name: 'Lovelace', company: '', address_1: '12 Analytical Row', address_2: '',
      city: 'London', state: '', postcode: 'N1 9GU', country: 'GB', phone: '', email: 'ada@example.com' };
    const cart = wc.wcBlocksData.dispatch('wc/store/cart');
    await Promise.all([cart.setBillingAddress(addr), cart.setShippingAddress(addr)]);
  });
  await page.waitForFunction(() => wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod() === 'bacs');
}

await test('D37: React content is mounted with the props, re-rendered, unmounted on switch; one live observer per mounted component', async (page) => {
  await openReactPage(page);
  await page.waitForFunction(() => document.querySelector('.bacs-content') !== null);
  let r = await page.evaluate(() => ({
    text: document.querySelector('[data-wc-payment-method-content="bacs"]').textContent,
    live: Object.assign({}, window.__react.live),
    express: document.querySelector('[data-wc-express-payment-method="demo_express"] .express-button') !== null,
    expressHeight: document.querySelector('.express-button') && document.querySelector('.express-button').style.height,
    propsKeys: Object.keys(window.__react.lastProps).sort().join(),
    loadingMask: typeof window.__react.lastProps.components.LoadingMask,
  }));
  assert(r.text === 'Bank transfer for Total', 'content rendered by React with props (not String()): ' + r.text);
  assert(r.live.bacs === 1 && r.live.demo_card === 0, 'one live bacs effect: ' + JSON.stringify(r.live));
  assert(r.express && r.expressHeight === '40px', 'express content mounted with buttonAttributes: ' + JSON.stringify(r));
  for (const k of ['activePaymentMethod', 'billing', 'cartData', 'checkoutStatus', 'components', 'emitResponse', 'eventRegistration',
    'onSubmit', 'paymentStatus', 'setExpressPaymentError', 'shippingData', 'shippingStatus', 'shouldSavePayment']) {
    assert(r.propsKeys.split(',').includes(k), 'D38 prop ' + k + ' in ' + r.propsKeys);
  }
  assert(r.loadingMask === 'function', 'components are React components');
  // The first checkout action leaves pristine for idle (D2): checkoutStatus.isIdle changes once.
  await page.evaluate(() => wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes('first'));
  await page.waitForTimeout(1200); // let the address changes' reactions (rates, availability re-check) settle
  const renders0 = await page.evaluate(() => window.__react.renders.bacs);
  await page.evaluate(() => wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes('no prop changes'));
  await page.waitForTimeout(100);
  const renders1 = await page.evaluate(() => window.__react.renders.bacs);
  assert(renders1 === renders0, 'D38: a change no prop holds does not re-render (' + renders0 + ' -> ' + renders1 + ')');
  await page.evaluate(() => wc.wcBlocksData.dispatch('wc/store/cart').setBillingAddress({ city: 'Paris' }));
  await page.waitForFunction((n) => window.__react.renders.bacs > n, renders1);
  assert(await page.evaluate(() => window.__react.lastProps.billing.billingAddress.city === 'Paris'), 'fresh props after a cart change');
  await page.evaluate(() => wc.wcBlocksData.dispatch('wc/store/payment').__internalSetActivePaymentMethod('demo_card'));
  await page.waitForFunction(() => document.querySelector('.card-content') !== null);
  r = await page.evaluate(() => ({ live: Object.assign({}, window.__react.live), bacsEmpty: document.querySelector('[data-wc-payment-method-content="bacs"]').textContent === '' }));
  assert(r.live.bacs === 0 && r.live.demo_card === 1, 'switching unmounts bacs (cleanup ran) and mounts demo_card: ' + JSON.stringify(r.live));
  assert(r.bacsEmpty, 'bacs container emptied');
  // renderLabel with {components}: a real PaymentMethodLabel.
  const label = await page.evaluate(() => {
    wc.wcCheckoutWasm.renderLabel('bacs', document.getElementById('label-bacs'));
    const el = document.querySelector('#label-bacs .wc-block-components-payment-method-label');
    return el ? el.textContent : null;
  });
  assert(label === 'Direct bank transfer', 'renderLabel renders the React label with components: ' + label);
});

await test('D43: a component that sets its token in state and calls onSubmit gets its re-registered observer run', async (page) => {
  await openReactPage(page);
  await page.evaluate(() => wc.wcBlocksData.dispatch('wc/store/payment').__internalSetActivePaymentMethod('demo_card'));
  await page.waitForFunction(() => window.__react.live.demo_card === 1);
  const r = await page.evaluate(async () => {
    window.__react.setToken('4242424242424242'); // state update, then submit at once (a wallet's pattern)
    const outcome = await wc.wcCheckoutWasm.onSubmit();
    return { outcome: outcome.outcome, log: window.__react.log.slice(), live: window.__react.live.demo_card };
  });
  assert(r.outcome === 'complete', 'outcome ' + r.outcome);
  assert(r.log.join() === 'observer token=4242424242424242', 'only the fresh observer ran, with the new state: ' + r.log.join());
  assert(r.live === 1, 'one live observer after the re-render: ' + r.live);
});

await browser.close();
server.kill('SIGTERM');
rmSync(tmp, { recursive: true, force: true });
writeFileSync(join(artifacts, 'figures.json'), JSON.stringify(figures, null, 2));
console.log('figures:', JSON.stringify(figures));
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
