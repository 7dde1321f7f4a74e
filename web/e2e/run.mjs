#!/usr/bin/env node
// Browser end-to-end tests of the demo checkout: `node web/e2e/run.mjs`
// (the Makefile runs it after `make build`).
//
// Builds cmd/demo, starts it on 127.0.0.1 (a free port, a fresh data dir),
// runs every journey of journeys.mjs as a shopper in headless Chromium (one
// new browser context per journey), stops the server. Screenshots go to
// test-artifacts/e2e/. A failing journey prints the module's trace
// (wc.wcCheckoutWasm.getTrace()), the browser console and a screenshot.
// Prints the Place Order -> order-received times (table and median) and ends
// with "N passed, N failed"; the exit code is 1 when anything failed.
//
//   node web/e2e/run.mjs [name-filter]   only journeys whose name contains it
//
// A journey with `pending: 'reason'` waits for work not on main yet: it is
// listed as "skip" with its reason and counted as skipped, unless
// E2E_RUN_PENDING=1 is set (then it runs like any other).

import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import {
  ROOT, ARTIFACTS, startServer, launchBrowser, installPageHooks, traceOf, ordersSince, maxOrderId,
  expectOrderReceived, withTimeout, median
} from './helpers.mjs';
import { journeys } from './journeys.mjs';
import { build as buildBundles } from '../compat/build.mjs';

const JOURNEY_TIMEOUT_MS = 60000;

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function runJourney(browser, base, journey, index, timings) {
  const context = await browser.newContext({ ...journey.device, locale: 'en-GB' });
  await context.addInitScript(installPageHooks);
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const consoleLines = [];
  const pageErrors = [];
  page.on('console', (m) => {
    const where = m.location() && m.location().url ? ` (${m.location().url})` : '';
    consoleLines.push(`[${m.type()}] ${m.text()}${where}`);
  });
  page.on('pageerror', (e) => {
    pageErrors.push(e);
    consoleLines.push(`[pageerror] ${e.stack || e.message}`);
  });
  const firstOrder = await maxOrderId(base);
  const t = {
    page,
    base,
    email: `shopper${index + 1}.${slug(journey.name).slice(0, 20)}@example.com`,
    // fullPage false: only the viewport (for dialogs, which are fixed to it).
    async shot(name, fullPage = true) {
      if (fullPage) await page.evaluate(() => window.scrollTo(0, 0)); // sticky summary at its place
      await page.screenshot({ path: path.join(ARTIFACTS, name + '.png'), fullPage, animations: 'disabled' });
    },
    // Two clocks: the browser's (the click event's time -> the load event of
    // the order-received page, both on the epoch clock of performance) and
    // this harness's wall clock around act() and the wait (adds Playwright's
    // own work).
    async purchase(label, act) {
      await page.evaluate(() => {
        sessionStorage.removeItem('e2e-click-at');
        document.addEventListener('click', (e) => {
          sessionStorage.setItem('e2e-click-at', String(performance.timeOrigin + e.timeStamp));
        }, { capture: true, once: true });
      });
      const start = performance.now();
      await act();
      const number = await expectOrderReceived(page);
      const harnessMs = performance.now() - start;
      await page.waitForLoadState('load');
      const browserMs = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const clickAt = Number(sessionStorage.getItem('e2e-click-at'));
        return clickAt && nav ? performance.timeOrigin + nav.loadEventEnd - clickAt : NaN;
      });
      timings.push({ journey: journey.name, label, ms: browserMs, harnessMs });
      return number;
    },
    newOrders: () => ordersSince(base, firstOrder)
  };
  const started = performance.now();
  try {
    await withTimeout(journey.run(t), JOURNEY_TIMEOUT_MS, `journey "${journey.name}"`);
    if (pageErrors.length) throw new Error(`uncaught page error: ${pageErrors[0].message}`);
    console.log(`ok   ${journey.name} (${Math.round(performance.now() - started)} ms)`);
    return true;
  } catch (e) {
    console.log(`FAIL ${journey.name} (${Math.round(performance.now() - started)} ms)`);
    console.log(`     ${String(e && e.stack || e).split('\n').join('\n     ')}`);
    console.log(`     page: ${page.url()}`);
    let kept = null;
    try {
      kept = await traceOf(page);
    } catch (err) {
      kept = { error: err.message };
    }
    console.log(`     trace (await page.evaluate(() => wc.wcCheckoutWasm.getTrace()))${kept && kept.url && kept.url !== page.url() ? ' of ' + kept.url : ''}:`);
    if (!kept || kept.error) console.log(`       (no trace${kept ? ': ' + kept.error : ''})`);
    else console.log(kept.trace.map((r) => '       ' + JSON.stringify(r)).join('\n') || '       (empty)');
    console.log('     browser console:');
    console.log(consoleLines.map((l) => '       ' + l).join('\n') || '       (nothing)');
    const shot = path.join(ARTIFACTS, 'failure-' + slug(journey.name) + '.png');
    await page.screenshot({ path: shot, fullPage: true }).then(() => console.log(`     screenshot: ${path.relative(ROOT, shot)}`), () => {});
    return false;
  } finally {
    await context.close();
  }
}

function printTimings(timings) {
  if (timings.length === 0) return;
  const w = Math.max(...timings.map((r) => r.label.length), 'purchase'.length);
  const row = (a, b, c) => `  ${a.padEnd(w)}  ${b.padStart(9)}  ${c.padStart(9)}`;
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(0) : '-');
  console.log('\nPlace Order click -> order-received page loaded, in ms (3-D Secure includes the bank dialog;');
  console.log('express is timed from Pay). browser: click event -> load event; harness: with Playwright.');
  console.log(row('purchase', 'browser', 'harness'));
  for (const r of timings) console.log(row(r.label, ms(r.ms), ms(r.harnessMs)));
  console.log(row('median', ms(median(timings.map((r) => r.ms).filter(Number.isFinite))), ms(median(timings.map((r) => r.harnessMs)))));
}

async function main() {
  const filter = process.argv[2] || '';
  const selected = journeys.filter((j) => j.name.includes(filter));
  const wasm = path.join(ROOT, 'web', 'dist', 'checkout.wasm');
  if (!existsSync(wasm) || !existsSync(path.join(ROOT, 'web', 'dist', 'wasm_exec.js'))) {
    console.log(`e2e: ${path.relative(ROOT, wasm)} or wasm_exec.js is missing; run "make build" first`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  await mkdir(ARTIFACTS, { recursive: true });
  for (const f of await readdir(ARTIFACTS)) {
    if (f.startsWith('failure-')) await rm(path.join(ARTIFACTS, f), { force: true });
  }
  const runStart = performance.now();
  let server;
  let browser;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const timings = [];
  try {
    // The demo page's React/wp.* globals and its bundled gateways (web/demo/dist).
    await buildBundles({ quiet: true });
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    console.log(`e2e: demo server ${server.url}, ${selected.length} journeys`);
    for (let i = 0; i < selected.length; i++) {
      if (selected[i].pending && process.env.E2E_RUN_PENDING !== '1') {
        console.log(`skip ${selected[i].name} (pending: ${selected[i].pending})`);
        skipped++;
        continue;
      }
      if (await runJourney(browser, server.url, selected[i], journeys.indexOf(selected[i]), timings)) passed++;
      else failed++;
    }
  } catch (e) {
    console.log(`e2e: setup failed: ${e && e.stack || e}`);
    failed++;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) {
      if (failed) console.log('demo server log (last 30 lines):\n  ' + server.log().slice(-30).join('\n  '));
      await server.stop();
    }
  }
  printTimings(timings);
  console.log(`\nscreenshots: ${path.relative(ROOT, ARTIFACTS)}/; total ${((performance.now() - runStart) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e) => {
  console.log(String(e && e.stack || e));
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
