// make soak: SOAK_ATTEMPTS (default 10,000) full attempts in ONE Chromium
// page through web/checkout.js, with a stubbed fetch answering success
// (SOAK_SERVER=1: the real demo Store API route instead), reset after each.
// Every SOAK_STEP (default 1,000) attempts it prints: wasm linear memory,
// Go heap (live / held from the OS), all the memory Go took (Go sys),
// goroutines, live js.Func count, JS heap, the p50/p99 of the attempt time
// (onSubmit() -> outcome) and attempts per second over the step. Timing
// figures are noisy when other work shares the machine. Writes
// test-artifacts/soak.json.
//
// Fails (exit 1) when an attempt does not complete, when wasm memory after
// 1,000 attempts is more than 1.5x its size after load, or when it grew
// after attempt 1,000 (issue 10: no growth beyond the warm-up).
//
// SOAK_GOGC=100 starts the module with that GOGC instead of checkout.js's
// (for before/after figures with the same build).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch } from './run.mjs';

const N = Number(process.env.SOAK_ATTEMPTS || 10000);
const STEP = Number(process.env.SOAK_STEP || 1000);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { server, base } = await startServer();
const browser = await launch(['--js-flags=--expose-gc']); // gc() before each sample: JS heap is live data, not garbage
const page = await (await browser.newContext()).newPage();
page.on('pageerror', (e) => console.log('[pageerror]', e.message));
// Capture the module's wasm memory (test instrumentation only).
await page.addInitScript(() => {
  const keep = (r) => { const inst = r && r.instance ? r.instance : r; if (inst && inst.exports && inst.exports.mem) window.__wasmMem = inst.exports.mem; return r; };
  const is = WebAssembly.instantiateStreaming;
  if (is) WebAssembly.instantiateStreaming = function () { return is.apply(this, arguments).then(keep); };
  const i = WebAssembly.instantiate;
  WebAssembly.instantiate = function () { return i.apply(this, arguments).then(keep); };
});
if (process.env.SOAK_GOGC) {
  // Test instrumentation: the Go class wasm_exec.js defines gets its GOGC
  // replaced when it runs the module.
  await page.addInitScript((gogc) => {
    let G;
    Object.defineProperty(window, 'Go', {
      configurable: true,
      get: () => G,
      set: (C) => {
        const run = C.prototype.run;
        C.prototype.run = function (inst) { this.env = Object.assign({}, this.env, { GOGC: gogc }); return run.call(this, inst); };
        G = C;
      }
    });
  }, process.env.SOAK_GOGC);
}
await page.goto(base + '/hostile/page.html');
await page.evaluate(() => window.__h.load());
const useServer = process.env.SOAK_SERVER === '1';
const sample = () => page.evaluate(async () => {
  if (typeof gc === 'function') { gc(); await new Promise((r) => setTimeout(r, 50)); gc(); }
  const s = wc.wcCheckoutWasm.stats();
  return { wasmMiB: window.__wasmMem ? window.__wasmMem.buffer.byteLength / 1048576 : null, goHeapMiB: s.goHeapAlloc / 1048576,
    goHeapSysMiB: s.goHeapSys / 1048576, goSysMiB: s.goSys / 1048576, goroutines: s.goroutines, liveFuncs: s.liveFuncs, jsValues: window.__goValues ? window.__goValues() : null,
    jsHeapMiB: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null };
});
const rows = [{ attempts: 0, ...(await sample()) }];
const fmt = (x, d = 2) => (x == null ? '-' : x.toFixed(d));
console.log('attempts | wasm MiB | Go heap MiB (live/held) | Go sys MiB | goroutines | live js.Func | JS heap MiB | p50 ms | p99 ms | attempts/s | outcomes');
console.log(`${String(0).padStart(8)} | ${fmt(rows[0].wasmMiB)} | ${fmt(rows[0].goHeapMiB)}/${fmt(rows[0].goHeapSysMiB)} | ${fmt(rows[0].goSysMiB)} | ${rows[0].goroutines} | ${rows[0].liveFuncs} | ${fmt(rows[0].jsHeapMiB)} | - | - | - |`);
for (let done = 0; done < N; done += STEP) {
  const r = await page.evaluate(async ({ step, useServer }) => {
    const body = JSON.stringify({ order_id: 7, status: 'processing', customer_id: 0,
      payment_result: { payment_status: 'success', payment_details: [], redirect_url: location.origin + '/checkout/order-received/7/' } });
    if (!useServer) window.fetch = () => Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const times = [];
    const outcomes = {};
    const start = performance.now();
    for (let i = 0; i < step; i++) {
      const t0 = performance.now();
      const out = await wc.wcCheckoutWasm.onSubmit();
      times.push(performance.now() - t0);
      outcomes[out.outcome] = (outcomes[out.outcome] || 0) + 1;
      wc.wcCheckoutWasm.reset();
      window.__navigations.length = 0;
    }
    const wall = performance.now() - start;
    times.sort((a, b) => a - b);
    return { perSecond: step / (wall / 1000), p50: times[Math.floor(times.length * 0.5)], p99: times[Math.floor(times.length * 0.99)], outcomes };
  }, { step: STEP, useServer });
  const s = await sample();
  const row = { attempts: done + STEP, ...s, ...r };
  rows.push(row);
  console.log(`${String(row.attempts).padStart(8)} | ${fmt(s.wasmMiB)} | ${fmt(s.goHeapMiB)}/${fmt(s.goHeapSysMiB)} | ${fmt(s.goSysMiB)} | ${s.goroutines} | ${s.liveFuncs} | ${fmt(s.jsHeapMiB)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.perSecond, 0)} | ${JSON.stringify(r.outcomes)}`);
}
mkdirSync(join(root, 'test-artifacts'), { recursive: true });
writeFileSync(join(root, 'test-artifacts', 'soak.json'), JSON.stringify(rows, null, 1));
await browser.close();
server.kill();
const bad = rows.slice(1).some((r) => Object.keys(r.outcomes).some((o) => o !== 'complete'));
if (bad) { console.log('soak: some attempts did not complete'); process.exit(1); }
const at1000 = rows.find((r) => r.attempts === 1000);
if (at1000 && rows[0].wasmMiB) {
  const ratio = at1000.wasmMiB / rows[0].wasmMiB;
  const last = rows[rows.length - 1];
  console.log(`soak: wasm memory ${fmt(rows[0].wasmMiB)} MiB after load, ${fmt(at1000.wasmMiB)} MiB after 1,000 attempts (${fmt(ratio)}x), ` +
    `${fmt(last.wasmMiB)} MiB after ${last.attempts}`);
  if (ratio > 1.5) { console.log('soak: wasm memory after 1,000 attempts is more than 1.5x its size after load'); process.exit(1); }
  if (last.wasmMiB > at1000.wasmMiB) { console.log('soak: wasm memory grew after attempt 1,000'); process.exit(1); }
}
