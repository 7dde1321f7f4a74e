// `make bench`: the checkout module measured side by side with the real
// @wordpress/data, the pure-JS reference of the contract (jsref.js) and the
// empty Go program, in one headless Chromium run (issue 10's table).
//
//   node web/bench/run.mjs            ROUNDS=7 ATTEMPTS=1000 (memory run)
//                                     WARMUP=1 unrecorded in-page rounds first
//   BENCH_OUT=path.json               where the JSON goes (default
//                                     test-artifacts/bench.json)
//   BENCH_LABEL=before                a label stored in the JSON
//
// A local Node server serves web/ and answers POST .../checkout with a
// success response on loopback. Every timed row is measured in ROUNDS
// interleaved rounds (implementations in rotating order inside a round);
// the table shows the median and the min–max over rounds. Load times use a
// fresh browser context per measurement (first visit: no HTTP or code
// cache). Numbers, not verdicts: nothing here fails on a missed target.
// Needs `make build` and `./build.sh empty` (run.mjs builds what is missing).
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const web = join(root, 'web');
const ROUNDS = Number(process.env.ROUNDS || 7);
const WARMUP = Number(process.env.WARMUP ?? 1);
const ATTEMPTS = Number(process.env.ATTEMPTS || 1000);
const OUT = process.env.BENCH_OUT || join(root, 'test-artifacts', 'bench.json');

for (const [file, args] of [['checkout.wasm', []], ['empty.wasm', ['empty']]]) {
  if (!existsSync(join(web, 'dist', file))) execFileSync(join(root, 'build.sh'), args, { cwd: root, stdio: 'inherit' });
}

// @wordpress/data for the browser, as one IIFE defining window.wpData.
const wpdata = (await esbuild.build({
  stdin: { contents: "window.wpData = require('@wordpress/data');", resolveDir: root },
  bundle: true, write: false, format: 'iife', minify: true, platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"', 'globalThis.SCRIPT_DEBUG': 'false' },
  logLevel: 'error',
})).outputFiles[0].text;

// ---- the local server ------------------------------------------------------
const types = { '.js': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.json': 'application/json' };
let orders = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'POST' && url.pathname.endsWith('/checkout')) {
    req.resume();
    req.on('end', () => {
      orders++;
      const body = JSON.stringify({ order_id: orders, status: 'success', customer_id: 0, payment_result: { payment_status: 'success', payment_details: [], redirect_url: '/order-received/' + orders } });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(body);
    });
    return;
  }
  if (url.pathname === '/favicon.ico') {
    res.writeHead(204);
    res.end();
    return;
  }
  if (url.pathname === '/bench/wpdata.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    res.end(wpdata);
    return;
  }
  const file = normalize(join(web, url.pathname));
  if (!file.startsWith(web) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404);
    res.end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

function median(xs) { const s = xs.filter((x) => x !== null).sort((a, b) => a - b); return s.length ? s[s.length >> 1] : null; }
function rotate(list, r) { const n = list.length; return list.map((_, i) => list[(((i + r) % n) + n) % n]); }

async function newPage(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.error('[console.error]', m.text()); });
  await page.goto(base + path);
  return { context, page };
}

// ---- load → ready, first visit -------------------------------------------
async function loadModule() {
  const { context, page } = await newPage('/bench/load.html');
  const ms = await page.evaluate(async () => {
    const t0 = performance.now();
    await wc.wcCheckoutWasm.load({ nonce: 'n', storeApiUrl: location.origin + '/wp-json/wc/store/v1', wasmUrl: '/dist/checkout.wasm', cart: { needsPayment: true, paymentMethods: [] }, navigate() {} });
    return performance.now() - t0;
  });
  await context.close();
  return ms;
}
async function loadEmpty() {
  const { context, page } = await newPage('/bench/load.html');
  const ms = await page.evaluate(async () => {
    const t0 = performance.now();
    const go = new Go();
    const r = await WebAssembly.instantiateStreaming(fetch('/dist/empty.wasm'), go.importObject);
    await go.run(r.instance);
    return performance.now() - t0;
  });
  await context.close();
  return ms;
}

// ---- the timed rows --------------------------------------------------------
const { page } = await newPage('/bench/page.html');
const setup = await page.evaluate(() => window.bench.setup(['module', 'wpdata', 'jsref']));

const samples = {}; // key -> [per round]
let warming = false;
const add = (k, v) => { if (!warming) (samples[k] ||= []).push(v); };
// WARMUP rounds of the in-page rows first, not recorded: the first calls of
// every implementation run cold code (V8 compiles a function, JS or
// WebAssembly, lazily and tiers it up after use), which the first round
// measured at 3-10x the others.
for (let r = -WARMUP; r < ROUNDS; r++) {
  warming = r < 0;
  if (!warming) {
    let lm, le;
    if (r % 2) { lm = await loadModule(); le = await loadEmpty(); } else { le = await loadEmpty(); lm = await loadModule(); }
    add('load.module', lm); add('load.empty', le); add('load.ratio', lm / le);
  }
  for (const impl of rotate(['module', 'wpdata', 'jsref'], r)) {
    add('select.' + impl, await page.evaluate((i) => window.bench.selectPair(i, 200000), impl));
  }
  for (const impl of rotate(['module', 'wpdata', 'jsref', 'ping', 'nochange'], r)) {
    if (impl === 'ping') add('ping.module', await page.evaluate(() => window.bench.bareCall(300)));
    else if (impl === 'nochange') add('nochange.module', await page.evaluate(() => window.bench.dispatchNoChange('module', 300)));
    else add('dispatch.' + impl, await page.evaluate((i) => window.bench.dispatchSubscriber(i, 300), impl));
  }
  for (const impl of rotate(['module', 'jsref'], r)) {
    for (const k of r % 2 ? [10, 0] : [0, 10]) {
      const a = await page.evaluate(([i, k]) => window.bench.attempts(i, k, 20), [impl, k]);
      add(`toFetch${k}.${impl}`, a.toFetch); add(`whole${k}.${impl}`, a.whole);
    }
  }
  process.stderr.write(warming ? `warm-up round done\n` : `round ${r + 1}/${ROUNDS} done\n`);
}
for (const impl of ['module', 'jsref']) {
  samples['perObserver.' + impl] = samples['toFetch10.' + impl].map((v, i) => (v - samples['toFetch0.' + impl][i]) / 10);
}
samples['select.ratio'] = samples['select.module'].map((v, i) => v / samples['select.wpdata'][i]);
samples['dispatch.vsPing'] = samples['dispatch.module'].map((v, i) => (samples['ping.module'][i] ? v / samples['ping.module'][i] : null));
samples['whole10.ratio'] = samples['whole10.module'].map((v, i) => v / samples['whole10.jsref'][i]);

const crossings = await page.evaluate(() => window.bench.crossings());

// ---- memory: a fresh page, ATTEMPTS attempts --------------------------------
const mem = await (async () => {
  const { context, page: p } = await newPage('/bench/page.html');
  await p.evaluate(() => window.bench.setup(['module']));
  const every = Math.max(1, Math.floor(ATTEMPTS / 10));
  const out = await p.evaluate(([t, e]) => window.bench.memoryRun(t, e), [ATTEMPTS, every]);
  await context.close();
  return out;
})();
await browser.close();
server.close();

// ---- sizes --------------------------------------------------------------------
const size = (f) => statSync(join(web, 'dist', f)).size;
const sizes = { moduleBr: size('checkout.wasm.br'), emptyBr: size('empty.wasm.br'), moduleRaw: size('checkout.wasm'), emptyRaw: size('empty.wasm') };

// ---- the table ----------------------------------------------------------------
const st = (k) => { const xs = samples[k].filter((x) => x !== null); return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) }; };
const us = (k) => { const s = st(k); return s.median === null ? 'n/a' : `${fmt(s.median)} µs (${fmt(s.min)}–${fmt(s.max)})`; };
const ms = (k) => { const s = st(k); return `${(s.median / 1000).toFixed(2)} ms (${(s.min / 1000).toFixed(2)}–${(s.max / 1000).toFixed(2)})`; };
const x = (k) => { const s = st(k); return s.median === null ? 'n/a' : `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`; };
function fmt(v) { return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3); }
const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;
const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
const memFirst = mem.points[0].bytes, memLast = mem.points[mem.points.length - 1].bytes;

const rows = [
  ['select pair (isProcessing + getRedirectUrl)', `${x('select.ratio')} of @wordpress/data`, `module ${us('select.module')}; @wordpress/data ${us('select.wpdata')}; JS ref ${us('select.jsref')}`, '≤ 0.4×'],
  ['dispatch + one subscriber, awaited', us('dispatch.module'), `@wordpress/data ${us('dispatch.wpdata')}; JS ref ${us('dispatch.jsref')}; ${x('dispatch.vsPing')} the bare call`, '≤ 25 µs and ≤ 2× bare call'],
  ['bare JS→Go call returning a resolved Promise', us('ping.module'), '', '(reference)'],
  ['dispatch that changes nothing (text call, engine check, no publication)', us('nochange.module'), '', '(floor under the dispatch row)'],
  ['observer overhead, 10 Promise observers on payment setup, per observer', us('perObserver.module'), `JS ref ${us('perObserver.jsref')}`, '≤ 20 µs'],
  ['onSubmit() → fetch, 10 observers', us('toFetch10.module'), `JS ref ${us('toFetch10.jsref')}`, ''],
  ['whole attempt, 10 observers, loopback POST', `${x('whole10.ratio')} of JS ref`, `module ${ms('whole10.module')}; JS ref ${ms('whole10.jsref')}`, '≤ 1.2×'],
  ['whole attempt, 0 observers, loopback POST', ms('whole0.module'), `JS ref ${ms('whole0.jsref')}`, ''],
  ['onSubmit() → fetch, 0 observers', us('toFetch0.module'), `JS ref ${us('toFetch0.jsref')}`, '≤ 150 µs'],
  ['module size, brotli, vs the empty Go program', `${(sizes.moduleBr / sizes.emptyBr).toFixed(2)}×`, `${kib(sizes.moduleBr)} vs ${kib(sizes.emptyBr)} (raw ${kib(sizes.moduleRaw)} vs ${kib(sizes.emptyRaw)})`, '≤ 1.5× (≤ 612 KiB)'],
  ['load() → ready vs the empty Go program, first visit', x('load.ratio'), `module ${st('load.module').median.toFixed(0)} ms, empty ${st('load.empty').median.toFixed(0)} ms`, '≤ 1.2×'],
  [`wasm memory after ${ATTEMPTS} attempts vs after load`, `${(memLast / memFirst).toFixed(2)}×`, `${mib(memFirst)} → ${mib(memLast)}; at ${mem.points.map((p) => `${p.attempts}: ${mib(p.bytes)}${p.goHeapAlloc ? ` (Go heap ${mib(p.goHeapAlloc)}/${mib(p.goHeapSys)}, ${p.goroutines} goroutines)` : ''}`).join(', ')}; Go functions held by JS ${mem.liveFuncs}`, '≤ 1.5×'],
];
const cx = (k) => `${crossings[k][0].toFixed(1)} Go→JS + ${crossings[k][1].toFixed(1)} JS→Go`;
rows.push(['crossings per dispatch + subscriber / bare call', cx('dispatch'), `bare call ${cx('ping')}`, '(counted, not timed)']);
rows.push(['crossings per attempt, 0 observers / per extra observer', cx('attempt0'), `per observer ${cx('perObserver')}`, '(counted, not timed)']);
console.log(`\nbench: ${ROUNDS} interleaved rounds, median (min–max), headless Chromium ${browser.version ? '' : ''}— ${new Date().toISOString()}`);
console.log('| measure | module | side by side | target |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

mkdirSync(dirname(OUT), { recursive: true });
const summary = Object.fromEntries(Object.keys(samples).map((k) => [k, st(k)]));
writeFileSync(OUT, JSON.stringify({ label: process.env.BENCH_LABEL || '', date: new Date().toISOString(), rounds: ROUNDS, attempts: ATTEMPTS, setup, sizes, crossings, memory: mem, summary, samples, table: rows }, null, 1));
console.log(`\nwrote ${OUT}`);
process.exit(0);
