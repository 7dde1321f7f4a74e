// `make bench` (second part): the demo page's first paint and first input
// with the module against the same page without it (issue 10: the form
// shows and takes input at once; only Place order and the payment content
// wait for the module).
//
//   node web/bench/firstpaint.mjs        ROUNDS=7 (env), fresh browser context per page
//
// "Without the module" is the same page whose request for checkout.wasm
// never gets an answer (the page stays in its loading state). For each page
// load, in page time (ms since navigation start):
//   first paint   the first-contentful-paint entry
//   first input   the first animation frame in which the email field is
//                 shown and enabled (what a shopper can type into)
//   typed         the email field holds what Playwright typed right after
//   ready         the loading status is gone (module only: Place order usable)
// Medians and min–max over ROUNDS interleaved rounds; JSON in
// test-artifacts/firstpaint.json. Numbers, not verdicts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, startDemoServer, launchChromium } from '../testkit/demo.mjs';

const ROUNDS = Number(process.env.ROUNDS || 7);
const OUT = join(root, 'test-artifacts', 'firstpaint.json');

const { server, base } = await startDemoServer('wc-firstpaint-');
const browser = await launchChromium();

// Records, in page time, the first frame where the email field takes input.
const PROBE = `(() => {
  const seen = {};
  window.__firstInput = seen;
  function tick() {
    const el = document.getElementById('billing_email');
    if (el && el.offsetParent !== null && !el.disabled && !el.closest('[hidden]')) { seen.at = performance.now(); return; }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();`;

async function measure(withModule) {
  const context = await browser.newContext();
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  if (!withModule) await page.route('**/dist/checkout.wasm', () => { /* never answered */ });
  await page.goto(base + '/demo/', { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstInput && window.__firstInput.at, null, { timeout: 20000 });
  await page.getByLabel('Email address', { exact: true }).pressSequentially('a@b.c');
  const typedAt = await page.evaluate(() => performance.now());
  const value = await page.getByLabel('Email address', { exact: true }).inputValue();
  if (value !== 'a@b.c') throw new Error('the email field did not keep what was typed: ' + JSON.stringify(value));
  let readyAt = null;
  if (withModule) {
    await page.locator('#checkout-loading').waitFor({ state: 'hidden', timeout: 30000 });
    readyAt = await page.evaluate(() => performance.now());
    const kept = await page.getByLabel('Email address', { exact: true }).inputValue();
    if (kept !== 'a@b.c') throw new Error('the email typed before ready was lost: ' + JSON.stringify(kept));
  }
  const r = await page.evaluate(() => {
    const p = performance.getEntriesByName('first-contentful-paint')[0];
    return { firstPaint: p ? p.startTime : null, firstInput: window.__firstInput.at };
  });
  await context.close();
  return { ...r, typed: typedAt, ready: readyAt };
}

const samples = { module: [], without: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const v of r % 2 ? ['without', 'module'] : ['module', 'without']) samples[v].push(await measure(v === 'module'));
}
await browser.close();
server.kill();

const median = (xs) => { const s = xs.filter((x) => x !== null).sort((a, b) => a - b); return s.length ? s[s.length >> 1] : null; };
const range = (xs) => { const s = xs.filter((x) => x !== null); return s.length ? `${Math.min(...s).toFixed(0)}–${Math.max(...s).toFixed(0)}` : ''; };
const rows = [];
const out = {};
for (const k of ['firstPaint', 'firstInput', 'typed', 'ready']) {
  const m = samples.module.map((s) => s[k]);
  const w = samples.without.map((s) => s[k]);
  out[k] = { module: median(m), without: median(w), ratio: median(w) ? median(m) / median(w) : null };
  rows.push(`| ${k} | ${median(m) === null ? '—' : median(m).toFixed(0) + ' ms (' + range(m) + ')'} | ${median(w) === null ? '—' : median(w).toFixed(0) + ' ms (' + range(w) + ')'} | ${out[k].ratio ? out[k].ratio.toFixed(2) + '×' : '—'} |`);
}
console.log(`demo page, ${ROUNDS} rounds (median, min–max; page time since navigation)`);
console.log('| measure | with the module | without it | ratio |\n|---|---|---|---|\n' + rows.join('\n'));
mkdirSync(join(root, 'test-artifacts'), { recursive: true });
writeFileSync(OUT, JSON.stringify({ rounds: ROUNDS, medians: out, samples }, null, 2));
console.log('wrote ' + OUT);
