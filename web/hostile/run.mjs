// Hostile-input suite (issue 9): the built module through web/checkout.js in
// headless Chromium against the local demo Store API server. Every case of
// web/hostile/cases.js runs in one page, one after the other; each must
// finish its hostile action and then prove the module alive (reset, then a
// full purchase completes) within CASE_MS, or the case fails — a page whose
// main thread froze cannot answer, so a freeze fails its case by the bound.
// After a failed case the page is replaced, so one failure does not hide
// the others. Needs `make build` first.
//   HOSTILE_GREP=regexp  runs only matching cases
// Prints "N passed, N failed" last; exits non-zero on failure.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer, launchChromium } from '../testkit/demo.mjs';

const CASE_MS = Number(process.env.HOSTILE_CASE_MS || 25000);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(root, 'test-artifacts', 'hostile');
mkdirSync(artifacts, { recursive: true });
if (!existsSync(join(root, 'web/dist/checkout.wasm'))) {
  console.error('web/dist/checkout.wasm is missing: run make build first');
  process.exit(2);
}

export async function startServer() {
  const { server, base } = await startDemoServer('wc-hostile-');
  return { server, base };
}

export const launch = launchChromium;

function timeout(ms, what) {
  let timer;
  const p = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(what + ' did not finish within ' + ms + ' ms (page frozen or stalled)')), ms); });
  return { p, cancel: () => clearTimeout(timer) };
}

async function main() {
  const { server, base } = await startServer();
  const browser = await launch();
  let context, page, logs;
  async function openPage() {
    if (context) await Promise.race([context.close(), new Promise((r) => setTimeout(r, 5000))]).catch(() => {});
    context = await browser.newContext();
    page = await context.newPage();
    logs = [];
    page.on('console', (m) => { logs.push(`[${m.type()}] ${m.text()}`); if (logs.length > 200) logs.shift(); });
    page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
    await page.goto(base + '/hostile/page.html');
    await page.evaluate(() => window.__h.load());
  }
  await openPage();
  const grep = process.env.HOSTILE_GREP ? new RegExp(process.env.HOSTILE_GREP) : null;
  const names = (await page.evaluate(() => window.__h.names())).filter((n) => !grep || grep.test(n));
  const results = [];
  const groups = {};
  for (const name of names) {
    const t0 = Date.now();
    const bound = timeout(CASE_MS, 'the case');
    try {
      const r = await Promise.race([page.evaluate((n) => window.__h.run(n), name), bound.p]);
      results.push({ name, ok: true, ...r });
      console.log(`ok   ${name} (${Math.round(r.caseMs)} ms + proof of life ${Math.round(r.totalMs - r.caseMs)} ms)${r.detail ? ' → ' + r.detail : ''}`);
    } catch (err) {
      results.push({ name, ok: false, error: String(err && err.message || err) });
      console.log(`FAIL ${name} (${Date.now() - t0} ms): ${err && err.message || err}`);
      try {
        const trace = await Promise.race([page.evaluate(() => wc.wcCheckoutWasm.getTrace().slice(-15)), new Promise((_, r) => setTimeout(() => r(new Error('no answer')), 2000))]);
        console.log('  last trace records:', JSON.stringify(trace));
      } catch (e) { console.log('  (page does not answer: ' + e.message + ')'); }
      console.log(logs.slice(-20).map((l) => '  ' + l).join('\n'));
      await page.screenshot({ path: join(artifacts, name.replace(/\W+/g, '_').slice(0, 100) + '.png') }).catch(() => {});
      await openPage();
    } finally {
      bound.cancel();
    }
    const g = name.split(':')[0];
    groups[g] = (groups[g] || 0) + 1;
  }
  await browser.close();
  server.kill();
  writeFileSync(join(artifacts, 'results.json'), JSON.stringify(results, null, 1));
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  const slowest = results.filter((r) => r.ok).sort((a, b) => b.totalMs - a.totalMs)[0];
  console.log('cases per group: ' + Object.entries(groups).map(([g, n]) => `${g} ${n}`).join(', '));
  if (slowest) console.log(`slowest case (with proof of life): ${Math.round(slowest.totalMs)} ms, ${slowest.name}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => { console.error(e); process.exit(1); });
}
