// Shopper journeys on the demo checkout page. Each journey gets a fresh
// browser context and page (t.page), the server's base URL (t.base), an email
// address of its own (t.email) and:
//   t.shot(name)             full-page screenshot into test-artifacts/e2e/
//   t.purchase(label, act)   runs act() (the click that should end in an
//                            order), waits for the order-received page and
//                            records click -> order-received time; returns the
//                            order number shown there
//   t.newOrders()            orders created since the journey started
// A journey throws on the first failed check.

import {
  check, checkEqual, openCheckout, fillCheckout, fillAddress, choosePayment, fillCard, placeOrderButton,
  noticesIn, checkoutStatus, readyToPay, DESKTOP, MOBILE
} from './helpers.mjs';
import { runAxe, formatViolations } from '../compat/axe.mjs';

const PAYMENTS = 'wc/checkout/payments';
const EXPRESS = 'wc/checkout/express-payments';

async function expectNotice(page, context, text) {
  const notice = noticesIn(page, context).filter({ hasText: text });
  await notice.first().waitFor({ state: 'visible', timeout: 10000 });
}

async function expectIdleAgain(page) {
  await page.waitForFunction(() => {
    const s = wc.wcBlocksData.select(wc.wcBlocksData.CHECKOUT_STORE_KEY);
    return s.getCheckoutStatus() === 'idle' && !document.querySelector('#place-order').disabled;
  }, null, { timeout: 10000 });
}

// Counts POST requests to the Store API checkout route from now on.
function countCheckoutRequests(page) {
  let n = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && /\/wc\/store\/v1\/checkout$/.test(r.url())) n++; });
  return () => n;
}

function onlyOrder(orders, what) {
  checkEqual(orders.length, 1, `${what}: number of new orders`);
  return orders[0];
}

export const journeys = [
  // Seed example / ref §6.2: meta.paymentMethodData becomes payment_data;
  // the page pushes addresses and order notes to the stores; redirect on complete (ref §7 R10).
  {
    name: 'bank transfer purchase',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await openCheckout(page, t.base);
      await fillCheckout(page, t.email);
      await page.getByLabel('Notes about your order (optional)').fill('Please ring twice.');
      await choosePayment(page, 'Direct bank transfer');
      await t.shot('01-filled-form');
      const number = await t.purchase('bacs', () => placeOrderButton(page).click());
      await t.shot('04-order-received');
      const order = onlyOrder(await t.newOrders(), 'bacs');
      checkEqual(String(order.id), number, 'order number on the order-received page');
      checkEqual(order.payment_method, 'bacs', 'payment method');
      checkEqual(order.status, 'on-hold', 'order status');
      checkEqual(order.email, t.email, 'billing email');
      checkEqual(order.shipping_address.city, 'Köln', 'shipping city');
      checkEqual(order.billing_address.last_name, 'Mustermann', 'billing = shipping last name');
      checkEqual(order.customer_note, 'Please ring twice.', 'order note');
      checkEqual(order.payment_data.bacs_payment_reference, 'order_number', 'payment_data from meta.paymentMethodData');
    }
  },

  // D7: the page's onCheckoutValidation observer returns {errorMessage,
  // validationErrors}: a notice in wc/checkout and inline errors with
  // getValidationErrorId ids (ref §4); notices are text, dismissible ones close.
  {
    name: 'required fields missing, then purchase',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await openCheckout(page, t.base);
      await placeOrderButton(page).click();
      await expectNotice(page, 'wc/checkout', 'Please check the highlighted fields');
      const email = page.getByLabel('Email address', { exact: true });
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'billing_email');
      checkEqual(await email.getAttribute('aria-invalid'), 'true', 'email aria-invalid');
      const describedBy = await email.getAttribute('aria-describedby');
      checkEqual(describedBy, 'validate-error-billing_email', 'email aria-describedby (getValidationErrorId)');
      checkEqual((await page.locator('#' + describedBy).textContent()).trim(), 'Please enter your email address.', 'inline email error');
      const firstName = page.getByRole('group', { name: 'Shipping address' }).getByLabel('First name', { exact: true });
      checkEqual(await firstName.getAttribute('aria-invalid'), 'true', 'first name aria-invalid');
      await t.shot('02-validation-errors');
      // Notices are text, never markup, and dismissible ones can be closed.
      const markup = '<img src=x onerror="window.__xss=1"><b>bold</b>';
      await page.evaluate((content) => wc.wcBlocksData.dispatch('core/notices').createNotice('error', content,
        { id: 'e2e-markup', context: 'wc/checkout', isDismissible: true }), markup);
      const injected = page.locator('[data-notice-id="e2e-markup"]');
      checkEqual((await injected.locator('.notice__text').textContent()), markup, 'notice shown as text');
      checkEqual(await injected.locator('img, b').count(), 0, 'elements created from notice content');
      await injected.getByRole('button', { name: 'Dismiss this notice' }).click();
      await injected.waitFor({ state: 'detached' });
      checkEqual(await page.evaluate(() => wc.wcBlocksData.select('core/notices').getNotices('wc/checkout').some((n) => n.id === 'e2e-markup')),
        false, 'dismissed notice still in the store');
      checkEqual(await page.evaluate(() => window.__xss), undefined, 'script from notice content ran');
      checkEqual((await t.newOrders()).length, 0, 'orders after a failed validation');
      // Blur validation: a bad email is flagged when leaving the field, and the
      // error goes away as soon as it is fixed.
      await email.fill('not-an-email');
      await email.blur();
      await page.getByText('Please enter a valid email address.').waitFor();
      await email.fill(t.email);
      await page.getByText('Please enter a valid email address.').waitFor({ state: 'detached' });
      await fillAddress(page, 'Shipping address');
      await page.getByLabel('Use same address for billing').uncheck();
      await fillAddress(page, 'Billing address', { first: 'Max', last: 'Mustermann', address: 'Rathausplatz 1', postcode: '1010', city: 'Wien', country: 'AT' });
      await page.getByLabel('Create an account with Demo shop').check();
      const number = await t.purchase('bacs (after validation)', () => placeOrderButton(page).click());
      const order = onlyOrder(await t.newOrders(), 'after validation');
      checkEqual(String(order.id), number, 'order number');
      checkEqual(order.billing_address.city, 'Wien', 'separate billing city');
      checkEqual(order.shipping_address.city, 'Köln', 'shipping city');
      check(order.customer_id > 0, `create account: customer_id ${order.customer_id} > 0`);
    }
  },

  // ref §13: selecting a rate increments calculating (Place order disabled)
  // and emits shipping_rate_select_success; async payment setup (ref §5.4).
  {
    name: 'card purchase (4242)',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await openCheckout(page, t.base);
      await fillCheckout(page, t.email);
      // A shipping rate change: while the server answers, totals are
      // calculating and Place order is disabled; afterwards the
      // shipping-rate-select success event has run (ref §13).
      await page.evaluate(() => {
        window.__rateSelected = [];
        wc.blocksCheckoutEvents.shippingEvents.onShippingRateSelectSuccess((rates) => { window.__rateSelected.push(rates); });
      });
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route('**/cart/select-shipping-rate', async (route) => { await held; await route.continue(); });
      await page.getByText('Pick up in store').click();
      await page.locator('#summary-total').filter({ hasText: 'Updating' }).waitFor();
      check(await placeOrderButton(page).isDisabled(), 'Place order is disabled while the totals are calculating');
      check(await page.evaluate(() => wc.wcBlocksData.select('wc/store/checkout').isCalculating()), 'isCalculating() while selecting');
      release();
      await page.locator('#summary-total').filter({ hasText: '€53.80' }).waitFor();
      await page.waitForFunction(() => window.__rateSelected.length === 1);
      check(await placeOrderButton(page).isEnabled(), 'Place order is enabled again');
      await page.unroute('**/cart/select-shipping-rate');
      await choosePayment(page, 'Credit or debit card');
      await fillCard(page, '4242 4242 4242 4242');
      const number = await t.purchase('demo_card', () => placeOrderButton(page).click());
      const order = onlyOrder(await t.newOrders(), 'card');
      checkEqual(String(order.id), number, 'order number');
      checkEqual(order.payment_method, 'demo_card', 'payment method');
      checkEqual(order.status, 'processing', 'order status');
      checkEqual(order.payment_data.demo_card_number, '************4242', 'card number as stored (masked)');
      check(/^tok_demo_[0-9a-f]{16}$/.test(order.payment_data.demo_card_token), `token ${order.payment_data.demo_card_token}`);
      checkEqual(order.shipping_line.rate_id, 'local_pickup:2', 'chosen shipping rate');
      checkEqual(order.total, 5380, 'order total (pickup)');
    }
  },

  // D14: a 400 with a checkout body ends in checkout_fail; the card script's
  // fail observer puts the server's message in the payments context and
  // retries (ref §6.3 fail handling); the next attempt succeeds.
  {
    name: 'card declined, then a good card',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await readyToPay(page, t.base, t.email, 'Credit or debit card');
      await fillCard(page, '4000 0000 0000 0002');
      await placeOrderButton(page).click();
      await expectNotice(page, PAYMENTS, 'Your card was declined.');
      await expectIdleAgain(page);
      check(/\/demo\/$/.test(new URL(page.url()).pathname), `still on the checkout: ${page.url()}`);
      await t.shot('03-decline-notice');
      const declined = onlyOrder(await t.newOrders(), 'declined');
      checkEqual(declined.status, 'failed', 'declined order status');
      await page.getByLabel('Card number', { exact: true }).fill('4242 4242 4242 4242');
      const number = await t.purchase('demo_card (after decline)', () => placeOrderButton(page).click());
      const orders = await t.newOrders();
      checkEqual(orders.length, 2, 'orders (declined + paid)');
      checkEqual(String(orders[1].id), number, 'order number of the paid order');
      checkEqual(orders[1].status, 'processing', 'paid order status');
    }
  },

  // ref §6.2 error branch: the notice wc-payment-error in the payments
  // context, validationErrors applied, no request sent (D13).
  {
    name: 'card validation failure (incomplete number)',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await readyToPay(page, t.base, t.email, 'Credit or debit card');
      await fillCard(page, '4242 4242');
      const requests = countCheckoutRequests(page);
      await placeOrderButton(page).click();
      await expectNotice(page, PAYMENTS, 'Your card number is incomplete.');
      await expectIdleAgain(page);
      const number = page.getByLabel('Card number', { exact: true });
      checkEqual(await number.getAttribute('aria-invalid'), 'true', 'card number aria-invalid');
      checkEqual(requests(), 0, 'checkout requests sent');
      checkEqual((await t.newOrders()).length, 0, 'orders');
      await number.fill('4242 4242 4242 4242');
      checkEqual(await number.getAttribute('aria-invalid'), null, 'card number error cleared on input');
      await t.purchase('demo_card (after fixing)', () => placeOrderButton(page).click());
      checkEqual(onlyOrder(await t.newOrders(), 'after fixing').status, 'processing', 'order status');
    }
  },

  // D9: onCheckoutSuccess gets processingResponse.paymentDetails; a success
  // response with redirectUrl completes (ref §6.3 success handling).
  {
    name: '3-D Secure approve',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await readyToPay(page, t.base, t.email, 'Card with 3-D Secure');
      const number = await t.purchase('demo_3ds (approve)', async () => {
        await placeOrderButton(page).click();
        const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
        await dialog.waitFor();
        await t.shot('05-3ds-modal', false);
        await dialog.getByRole('button', { name: 'Approve' }).click();
      });
      const order = onlyOrder(await t.newOrders(), '3ds');
      checkEqual(String(order.id), number, 'order number');
      checkEqual(order.payment_method, 'demo_3ds', 'payment method');
      checkEqual(order.status, 'processing', 'order status after approval');
    }
  },

  // ref §6.3: an error response with retry:true from a success observer
  // sets hasError, runs checkout_fail, ends idle; the shopper can retry.
  {
    name: '3-D Secure fail, then retry',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await readyToPay(page, t.base, t.email, 'Card with 3-D Secure');
      await placeOrderButton(page).click();
      const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
      await dialog.getByRole('button', { name: 'Fail authentication' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expectNotice(page, PAYMENTS, 'Authentication failed. Please try another payment method.');
      await expectIdleAgain(page);
      const failed = onlyOrder(await t.newOrders(), '3ds fail');
      checkEqual(failed.status, 'failed', 'order status after failed authentication');
      const number = await t.purchase('demo_3ds (retry)', async () => {
        await placeOrderButton(page).click();
        await dialog.getByRole('button', { name: 'Approve' }).click();
      });
      const orders = await t.newOrders();
      checkEqual(orders.length, 2, 'orders (failed + approved)');
      checkEqual(String(orders[1].id), number, 'order number');
      checkEqual(orders[1].status, 'processing', 'retried order status');
    }
  },

  // ref §12: onClick / onClose / onError (express notice
  // wc-express-payment-error); meta.billingAddress / shippingAddress of the
  // payment setup response go to the cart (ref §6.2, D8).
  {
    name: 'express DemoPay',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await openCheckout(page, t.base);
      const demoPay = page.getByRole('button', { name: 'Pay with DemoPay' });
      const sheet = page.getByRole('dialog', { name: 'DemoPay' });
      // Cancel: back to the regular methods.
      await demoPay.click();
      await sheet.waitFor();
      check(await placeOrderButton(page).isDisabled(), 'Place order is disabled while the wallet is open');
      await sheet.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForFunction(() => !wc.wcBlocksData.select('wc/store/payment').isExpressPaymentMethodActive()
        && wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod() === 'bacs');
      // Wallet error: a notice in the express area.
      await demoPay.click();
      await sheet.getByRole('button', { name: 'Simulate wallet error' }).click();
      await expectNotice(page, EXPRESS, 'DemoPay is unavailable');
      // Pay.
      await demoPay.click();
      await sheet.waitFor();
      await t.shot('06-express-sheet', false);
      const number = await t.purchase('demo_express', () => sheet.getByRole('button', { name: 'Pay', exact: true }).click());
      const order = onlyOrder(await t.newOrders(), 'express');
      checkEqual(String(order.id), number, 'order number');
      checkEqual(order.payment_method, 'demo_express', 'payment method');
      checkEqual(order.email, 'alex.wallet@demopay.example', 'email from the wallet');
      checkEqual(order.shipping_address.city, 'Berlin', 'shipping city from the wallet');
    }
  },

  // D12 as a shopper meets it: one request, one order.
  {
    name: 'double-click Place order -> one order',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await readyToPay(page, t.base, t.email, 'Direct bank transfer');
      const requests = countCheckoutRequests(page);
      await t.purchase('bacs (double-click)', () => placeOrderButton(page).dblclick());
      onlyOrder(await t.newOrders(), 'double-click');
      checkEqual(requests(), 1, 'checkout requests sent');
    }
  },

  {
    // A real double click cannot reach the module twice: the module sets
    // before_processing inside the first onSubmit() call, so the button is
    // disabled before the second click. Two onSubmit() calls in one task
    // (what a payment script calling props.onSubmit() next to the button
    // would do) both reach the module: the one-attempt rule (D12) must give
    // both the same attempt and send one request.
    name: 'two submits at once -> one attempt, one order (D12)',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await readyToPay(page, t.base, t.email, 'Direct bank transfer');
      const requests = countCheckoutRequests(page);
      await t.purchase('bacs (two onSubmit calls)', () => page.evaluate(() => {
        sessionStorage.setItem('e2e-click-at', String(performance.timeOrigin + performance.now()));
        const first = wc.wcCheckoutWasm.onSubmit();
        const second = wc.wcCheckoutWasm.onSubmit();
        Promise.all([first, second]).then((outcomes) => {
          sessionStorage.setItem('e2e-outcomes', JSON.stringify(outcomes));
        });
        document.querySelector('#place-order').click(); // disabled by now: nothing happens
      }));
      const outcomes = JSON.parse(await page.evaluate(() => sessionStorage.getItem('e2e-outcomes')) || '[]');
      checkEqual(outcomes.length, 2, 'settled outcomes recorded');
      checkEqual(outcomes[1].attemptId, outcomes[0].attemptId, 'attempt id of the second onSubmit()');
      checkEqual(outcomes[0].outcome, 'complete', 'outcome');
      const order = onlyOrder(await t.newOrders(), 'two submits');
      checkEqual(outcomes[0].orderId, order.id, 'orderId in the outcome');
      checkEqual(requests(), 1, 'checkout requests sent');
    }
  },

  // D42 end to end (issue 9 point 5): the server stores the order, then the
  // connection drops before the reply (the demo server's test hook: header
  // X-Demo-Fault: drop-reply, added here to the first checkout request). The
  // attempt ends as `error` (unknown result: the unknown_error notice of ref
  // §9.3, status idle). The shopper clicks Place order again: the module
  // sends the SAME Idempotency-Key with the same body, the server answers
  // with the stored reply, and the shopper lands on the order-received page
  // of the ONE order.
  {
    name: 'lost reply, Place order again -> the one order (D42)',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await readyToPay(page, t.base, t.email, 'Direct bank transfer');
      const sent = []; // {key, body} of each checkout request the page sends
      await page.route('**/wp-json/wc/store/v1/checkout', async (route) => {
        const request = route.request();
        const headers = request.headers();
        sent.push({ key: headers['idempotency-key'], body: request.postData() });
        await route.continue({ headers: sent.length === 1 ? { ...headers, 'x-demo-fault': 'drop-reply' } : headers });
      });
      await page.evaluate(() => {
        window.__outcomes = [];
        wc.blocksCheckoutEvents.eventRegistration.onAttemptSettled((o) => { window.__outcomes.push(o); });
      });

      await placeOrderButton(page).click();
      await page.waitForFunction(() => window.__outcomes.length === 1, null, { timeout: 20000 });
      const first = await page.evaluate(() => window.__outcomes[0]);
      checkEqual(first.outcome, 'error', 'outcome of the attempt whose reply was lost');
      await expectNotice(page, 'wc/cart', 'Something went wrong when placing the order');
      await expectIdleAgain(page);
      check(/\/demo\/$/.test(new URL(page.url()).pathname), `still on the checkout: ${page.url()}`);
      const stored = onlyOrder(await t.newOrders(), 'stored before the connection dropped');
      await t.shot('10-lost-reply-notice');

      const number = await t.purchase('bacs (retry after a lost reply)', () => placeOrderButton(page).click());
      checkEqual(number, String(stored.id), 'order-received page of the stored order');
      onlyOrder(await t.newOrders(), 'after the retry (never a second order)');
      checkEqual(sent.length, 2, 'checkout requests the page sent');
      check(typeof sent[0].key === 'string' && sent[0].key !== '', `first Idempotency-Key "${sent[0].key}"`);
      checkEqual(sent[1].key, sent[0].key, 'Idempotency-Key of the retry (D42: reused)');
      checkEqual(sent[1].body, sent[0].body, 'request body of the retry (unchanged)');
      checkEqual(stored.idempotency_key, sent[0].key, 'the order was stored under that key');
    }
  },

  // Issue 9 point 6, D16/D25 applied to the demo: a javascript: 3-D Secure
  // challenge URL from the server (the reply rewritten here) never becomes
  // the "Open bank page" link; the gateway answers a retryable payments
  // error, and the shopper can pay.
  {
    name: '3-D Secure with a javascript: bank URL -> refused, then buy',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await readyToPay(page, t.base, t.email, 'Card with 3-D Secure');
      let rewritten = 0;
      await page.route('**/wp-json/wc/store/v1/checkout', async (route) => {
        const response = await route.fetch();
        const json = await response.json();
        const details = json.payment_result && json.payment_result.payment_details;
        for (const d of details || []) {
          if (d.key === '3ds_challenge_url') { d.value = ' java\tscript:window.__xss=1//'; rewritten++; }
        }
        await route.fulfill({ response, json });
      });
      await placeOrderButton(page).click();
      await expectNotice(page, PAYMENTS, "Your bank's authentication page could not be opened.");
      await expectIdleAgain(page);
      checkEqual(rewritten, 1, 'challenge URLs rewritten');
      checkEqual(await page.getByRole('dialog', { name: 'Confirm your payment' }).count(), 0, 'bank dialogs shown');
      checkEqual(await page.locator('a[href^="javascript:" i], a[href*="script:" i]').count(), 0, 'script links in the page');
      checkEqual(await page.evaluate(() => window.__xss), undefined, 'script from the server URL ran');
      await page.unroute('**/wp-json/wc/store/v1/checkout');
      const number = await t.purchase('demo_3ds (after a refused bank URL)', async () => {
        await placeOrderButton(page).click();
        await page.getByRole('dialog', { name: 'Confirm your payment' }).getByRole('button', { name: 'Approve' }).click();
      });
      const orders = await t.newOrders();
      checkEqual(orders.length, 2, 'orders (refused + approved)');
      checkEqual(String(orders[1].id), number, 'order number');
      checkEqual(orders[0].status, 'pending', 'order whose bank URL was refused stays pending');
    }
  },

  // js-api wc.wcCheckoutWasm.reset: run on pageshow with persisted (back/
  // forward cache); the attempt ends with outcome reset (D19), the 3-D Secure
  // observer's signal aborts and its dialog closes (D18); buying works again.
  {
    name: 'off-site bank page and back (bfcache), then buy',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await readyToPay(page, t.base, t.email, 'Card with 3-D Secure');
      await placeOrderButton(page).click();
      const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
      await dialog.getByRole('link', { name: 'Open bank page' }).click();
      await page.waitForURL(/\/demo-3ds\/challenge\?/);
      await page.getByText('Your bank').first().waitFor();
      await page.goBack({ waitUntil: 'commit' });
      await page.waitForURL(/\/demo\/$/, { waitUntil: 'commit' });
      const shows = await page.evaluate(() => window.__pageshows);
      checkEqual(JSON.stringify(shows), '[false,true]', 'pageshow events (second one from the back/forward cache)');
      await dialog.waitFor({ state: 'detached' });
      await expectIdleAgain(page);
      checkEqual(await checkoutStatus(page), 'idle', 'status after reset');
      checkEqual(await page.getByLabel('Email address', { exact: true }).inputValue(), t.email, 'form kept by the cache');
      const number = await t.purchase('demo_3ds (after back)', async () => {
        await placeOrderButton(page).click();
        await dialog.getByRole('button', { name: 'Approve' }).click();
      });
      const orders = await t.newOrders();
      checkEqual(orders.length, 2, 'orders (abandoned + paid)');
      checkEqual(orders[0].status, 'pending', 'abandoned 3-D Secure order');
      checkEqual(String(orders[1].id), number, 'order number');
      checkEqual(orders[1].status, 'processing', 'paid order status');
    }
  },

  // js-api Loading: a failed load rejects with an Error naming what failed
  // and a later load() retries; the page shows its error panel meanwhile.
  {
    name: 'module fails to load, shopper retries, then buys',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      await page.route('**/dist/checkout.wasm', (route) => route.fulfill({ status: 404, body: 'not here' }));
      await page.goto(t.base + '/demo/');
      const panel = page.getByRole('alert').filter({ hasText: 'The checkout could not be loaded' });
      await panel.waitFor();
      const detail = await page.locator('#checkout-load-error-detail').textContent();
      check(/checkout\.wasm/.test(detail) && /404/.test(detail), `error detail names the file and the status: "${detail}"`);
      // issue 10: the form shows and takes input without the module; only
      // Place order (and the payment content) wait for it.
      check(await page.locator('#checkout-form').isVisible(), 'the form shows while the module is missing');
      await page.getByLabel('Email address', { exact: true }).fill('early@example.com');
      check(await placeOrderButton(page).isDisabled(), 'Place order waits for the module');
      await t.shot('09-load-error', false);
      await page.unroute('**/dist/checkout.wasm');
      // Second try: hold the module back until the loading state is on record.
      await page.route('**/dist/checkout.wasm', async (route) => {
        await page.getByRole('status').filter({ hasText: 'Loading secure checkout' }).waitFor();
        await t.shot('00-loading', false);
        await route.continue();
      });
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('button', { name: 'Place order' }).waitFor({ state: 'visible' });
      await fillCheckout(page, t.email);
      const number = await t.purchase('bacs (after a failed load)', () => placeOrderButton(page).click());
      checkEqual(String(onlyOrder(await t.newOrders(), 'after retry').id), number, 'order number');
    }
  },

  // The one-column layout at 640px and below; a full purchase on a phone.
  {
    name: 'mobile (390x844) card purchase',
    device: MOBILE,
    async run(t) {
      const { page } = t;
      await readyToPay(page, t.base, t.email, 'Credit or debit card');
      await fillCard(page, '4242424242424242', '0930', '321');
      await t.shot('07-mobile-form');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 390, `no horizontal scrolling on mobile (page is ${width}px wide)`);
      const number = await t.purchase('demo_card (mobile)', () => placeOrderButton(page).click());
      await t.shot('08-mobile-order-received');
      checkEqual(String(onlyOrder(await t.newOrders(), 'mobile').id), number, 'order number');
    }
  },

  // WCAG 2.1 AA (axe-core from npm): the checkout as it loads, with a payment
  // method's fields and an error notice showing, and on a phone.
  {
    name: 'accessibility: no axe-core WCAG 2.1 AA violations',
    device: DESKTOP,
    async run(t) {
      const { page } = t;
      const scan = async (state) => {
        const violations = await runAxe(page);
        check(violations.length === 0, `axe-core WCAG 2.1 AA violations (${state}):\n${formatViolations(violations)}`);
      };
      await openCheckout(page, t.base);
      await scan('checkout loaded');
      await choosePayment(page, 'Credit or debit card');
      await placeOrderButton(page).click();
      await page.locator('.notice').first().waitFor({ state: 'visible', timeout: 10000 });
      await scan('card chosen, validation notices showing');
      await page.setViewportSize({ width: 390, height: 844 });
      await scan('390px wide');
    }
  }
];

