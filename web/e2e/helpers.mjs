// Helpers for the browser end-to-end tests (run.mjs): the demo server, the
// browser, a shopper's actions on the demo checkout page and checks.
//
// Nothing here contacts any host but the demo server on 127.0.0.1.

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');

const require = createRequire(path.join(ROOT, 'package.json'));

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'
];

// ---- errors with a readable message ---------------------------------------

export class CheckFailed extends Error {
  constructor(message) {
    super(message);
    this.name = 'CheckFailed';
  }
}

export function check(cond, message) {
  if (!cond) throw new CheckFailed(message);
}

export function checkEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new CheckFailed(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new CheckFailed(`${what} did not finish within ${ms} ms`)), ms);
    })
  ]).finally(() => clearTimeout(timer));
}

// ---- the demo server --------------------------------------------------------

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { ...opts, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) {
        err.message += `\n${stderr}`;
        reject(err);
      } else {
        resolve(stdout);
      }
    });
  });
}

/**
 * Builds cmd/demo once into a temp dir and starts it on 127.0.0.1 with a
 * port the system picks (-port 0) and a fresh data dir. Resolves with
 * {url, stop(), log()} once the server printed its URL line.
 */
export async function startServer() {
  const dir = await mkdtemp(path.join(tmpdir(), 'checkout-e2e-'));
  const bin = path.join(dir, 'demo');
  await run('go', ['build', '-o', bin, './cmd/demo'], { cwd: ROOT });
  const data = path.join(dir, 'data');
  await mkdir(data);
  const child = spawn(bin, ['-addr', '127.0.0.1', '-port', '0', '-data', data, '-web', path.join(ROOT, 'web')], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']
  });
  const killOnExit = () => { if (child.exitCode === null) child.kill('SIGKILL'); };
  process.once('exit', killOnExit); // never leave the server behind
  const lines = [];
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('demo server printed no URL within 15 s:\n' + lines.join('\n'))), 15000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /Demo checkout: (http:\/\/\S+?)\/?\s/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on('data', (chunk) => { lines.push(...String(chunk).trimEnd().split('\n')); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo server exited (${code}) before printing its URL:\n${lines.join('\n')}`));
    });
  });
  return {
    url,
    log: () => lines.slice(),
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await withTimeout(exited, 8000, 'demo server shutdown').catch(() => child.kill('SIGKILL'));
      }
      await rm(dir, { recursive: true, force: true });
    }
  };
}

export async function getOrders(base) {
  const resp = await fetch(base + '/orders.json', { cache: 'no-store' });
  check(resp.ok, `GET /orders.json: HTTP ${resp.status}`);
  return resp.json();
}

export async function maxOrderId(base) {
  return (await getOrders(base)).reduce((m, o) => Math.max(m, o.id), 0);
}

/** Orders created after the order with id `after`, oldest first. */
export async function ordersSince(base, after) {
  return (await getOrders(base)).filter((o) => o.id > after).sort((a, b) => a.id - b.id);
}

// ---- the browser --------------------------------------------------------------

/**
 * Headless Chromium through playwright-core. launch() starts it with a new,
 * temporary user-data dir. Playwright's default --disable-back-forward-cache
 * is dropped so that the back button restores the page from the
 * back/forward cache as it does for shoppers.
 */
export async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ['--disable-back-forward-cache']
  });
}

export const DESKTOP = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };
export const MOBILE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// Installed in every document before its own scripts run:
//  - window.__pageshows records each pageshow's `persisted` (the listener
//    stays through a back/forward-cache restore);
//  - on pagehide the checkout's trace is kept in sessionStorage, so a failure
//    seen after the page navigated away can still print it.
export function installPageHooks() {
  window.__pageshows = [];
  window.addEventListener('pageshow', (event) => { window.__pageshows.push(event.persisted); });
  window.addEventListener('pagehide', () => {
    try {
      if (window.wc && wc.wcCheckoutWasm) {
        sessionStorage.setItem('e2e-trace', JSON.stringify({ url: location.href, trace: wc.wcCheckoutWasm.getTrace() }));
      }
    } catch (e) {
      // nothing to keep
    }
  });
}

/** The module's trace on this page, else the one kept when the checkout page was left. */
export async function traceOf(page) {
  return page.evaluate(() => {
    if (window.wc && wc.wcCheckoutWasm) return { url: location.href, trace: wc.wcCheckoutWasm.getTrace() };
    const kept = sessionStorage.getItem('e2e-trace');
    return kept ? JSON.parse(kept) : null;
  });
}

// ---- a shopper on the checkout page --------------------------------------------

export const SHOPPER = {
  first: 'Erika', last: 'Mustermann', address: 'Heidestraße 17', postcode: '51147', city: 'Köln', country: 'DE'
};

/** Opens the checkout and waits until the module is ready and the form shows. */
export async function openCheckout(page, base) {
  await page.goto(base + '/demo/');
  // The form shows at once; the checkout is ready when the loading status is gone.
  await page.locator('#checkout-loading').waitFor({ state: 'hidden', timeout: 20000 });
  await page.getByRole('button', { name: 'Place order' }).waitFor({ state: 'visible', timeout: 20000 });
  await page.locator('[data-wc-payment-method-content] > *').first().waitFor({ state: 'attached', timeout: 10000 });
}

export async function fillAddress(page, group, who = SHOPPER) {
  const g = page.getByRole('group', { name: group });
  await g.getByLabel('First name', { exact: true }).fill(who.first);
  await g.getByLabel('Last name', { exact: true }).fill(who.last);
  await g.getByLabel('Address', { exact: true }).fill(who.address);
  await g.getByLabel('Postal code', { exact: true }).fill(who.postcode);
  await g.getByLabel('City', { exact: true }).fill(who.city);
  await g.getByLabel('Country/Region', { exact: true }).selectOption(who.country);
}

/** Email plus shipping address (billing: "use same address"). */
export async function fillCheckout(page, email, who = SHOPPER) {
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await fillAddress(page, 'Shipping address', who);
}

export async function choosePayment(page, label) {
  await page.getByRole('radio', { name: label, exact: true }).check();
}

/** The usual start of a purchase: open the checkout, fill the form, pick a payment method. */
export async function readyToPay(page, base, email, paymentLabel) {
  await openCheckout(page, base);
  await fillCheckout(page, email);
  await choosePayment(page, paymentLabel);
}

export async function fillCard(page, number, expiry = '12 / 34', cvc = '123') {
  await page.getByLabel('Card number', { exact: true }).fill(number);
  await page.getByLabel('Expiry date', { exact: true }).fill(expiry);
  await page.getByLabel('Security code', { exact: true }).fill(cvc);
}

export function placeOrderButton(page) {
  return page.locator('#place-order');
}

export function noticesIn(page, context) {
  return page.locator(`[data-notice-context="${context}"] .notice`);
}

/** Waits for the order-received page and returns its order number. */
export async function expectOrderReceived(page, timeout = 20000) {
  await page.waitForURL(/\/checkout\/order-received\/\d+\/\?key=/, { timeout });
  await page.getByRole('heading', { name: 'Order received' }).waitFor({ timeout });
  const thanks = await page.locator('#thank-you, #order-pending, #order-failed').first().textContent();
  check(/Thank you/.test(thanks || ''), `order-received page says "${thanks}"`);
  return (await page.locator('#order-number').textContent()).trim();
}

/** The checkout status as the page's selectors see it. */
export function checkoutStatus(page) {
  return page.evaluate(() => wc.wcBlocksData.select(wc.wcBlocksData.CHECKOUT_STORE_KEY).getCheckoutStatus());
}

export function median(values) {
  if (values.length === 0) return NaN;
  const s = values.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
