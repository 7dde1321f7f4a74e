'use strict';
// Part "calls" (docs/contracts.md "Calls", "Text calls"): how Go calls
// observers, canMakePayment and fetch with one Go -> JS call each and one
// persistent settled(id, ok, value) callback, and how dispatch, submit and
// observer answers travel as text through the module's exports. Driven
// here as Go would drive it, with a stand-in module: a WebAssembly.Memory
// and exports that record what they are given.

const test = require('node:test');
const assert = require('node:assert/strict');
const { loadParts, recordingLog } = require('./parts.js');

// A stand-in for the Go module: exports.mem, wcw_buffer (an inbox at
// 4096), and recorders for wcw_dispatch / wcw_submit / wcw_settle.
function fakeModule(codes = {}) {
  const mem = new WebAssembly.Memory({ initial: 2 });
  const calls = [];
  const inbox = 4096;
  const read = (n) => new TextDecoder().decode(new Uint8Array(mem.buffer, inbox, n));
  const exports = {
    mem,
    wcw_buffer: (n) => (n <= 60000 ? inbox : 0),
    wcw_dispatch: (id, n, inline) => { calls.push(['dispatch', id, read(n), inline]); return codes.dispatch ?? 0; },
    wcw_submit: (id) => { calls.push(['submit', id]); return codes.submit ?? 0; },
    wcw_settle: (id, n, kind) => { calls.push(['settle', id, read(n), kind]); return codes.settle ?? 0; },
  };
  const go = { exited: false, resumes: 0, _resume() { this.resumes++; } };
  // Writes text where Go's snapjson data would be; returns [address, length].
  const put = (s) => { const b = new TextEncoder().encode(s); new Uint8Array(mem.buffer, 100, b.length).set(b); return [100, b.length]; };
  return { exports, go, calls, read, put };
}

function setup(opts = {}) {
  const ctx = loadParts(['util', 'stores', 'calls'], { AbortController, DOMException, setTimeout, Symbol, TextEncoder, TextDecoder, Uint8Array, Object, Response, Promise }) // this realm's Object: the test's values are plain here;
  const log = recordingLog();
  const calls = ctx.createCalls(log);
  const settled = [];
  calls.connect((id, ok, v) => settled.push([id, ok, v]));
  const mod = fakeModule(opts.codes);
  if (opts.attach !== false) calls.attach(mod.exports, mod.go);
  return { ctx, calls, settled, mod, log };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

test('D18 calls.observe: fn(data, {signal, attemptId}) with data parsed from snapjson text in Go memory, a fresh unfrozen copy per call', () => {
  const { calls, mod } = setup();
  const seen = [];
  const fn = function (data, second) { seen.push([data, second, this]); return { type: 'success' }; };
  const [a, n] = mod.put('{"a":{"b":[1,{"\\u0000":-1}]},"f":{"\\u0000":0}}');
  const out = calls.observe(1, fn, a, n, [fn], 'a1', true);
  assert.ok(out >= 0, 'a plain answer is written as text');
  assert.equal(mod.read(out), '{"type":"success"}');
  const [data, second, self] = seen[0];
  assert.equal(self, undefined);
  assert.equal(data.f, fn, 'refs are the same values');
  assert.equal(data.a.b[1], undefined);
  assert.ok(!Object.isFrozen(data) && !Object.isFrozen(data.a), 'observer data is the caller\'s to change');
  assert.equal(second.attemptId, 'a1');
  assert.equal(second.signal.aborted, false);
  calls.observe(2, fn, a, n, [fn], 'a1', true);
  assert.notEqual(seen[1][0], data, 'each call gets its own copy');
  let got = 'unset';
  calls.observe(3, (d) => { got = d; }, 0, 0, undefined, '', false);
  assert.equal(got, undefined, 'no data: undefined');
});

test('issue 10: an observer answer text cannot carry is kept for take(); without the module attached every answer is', () => {
  const { calls } = setup();
  const fn = () => {};
  const klass = new (class Thing {})();
  for (const v of [fn, klass, Object.create(null), 10n, Symbol('s')]) {
    assert.equal(calls.observe(4, () => v, 0, 0, undefined, '', false), calls.TAKE);
    assert.equal(calls.take(), v, 'the same value');
    assert.equal(calls.take(), undefined, 'taken once');
  }
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  assert.equal(calls.observe(5, () => cyclic, 0, 0, undefined, '', false), calls.TAKE, 'a cycle: Go reports it');
  const bare = setup({ attach: false });
  assert.equal(bare.calls.observe(6, () => ({ type: 'success' }), 0, 0, undefined, '', false), bare.calls.TAKE);
  assert.deepEqual(bare.calls.take(), { type: 'success' });
});

test('D7 calls.observe: a thenable answer returns PENDING; a plain fulfilment goes to wcw_settle as text, anything else through settled; a throw reaches the caller', async () => {
  const { calls, settled, mod } = setup();
  assert.equal(calls.observe(5, () => Promise.resolve({ type: 'success', meta: { n: -0 } }), 0, 0, undefined, 'a1', true), calls.PENDING);
  assert.equal(calls.observe(6, () => Promise.reject(new Error('no')), 0, 0, undefined, 'a1', true), calls.PENDING);
  const thenable = { then(ok) { ok('custom'); } };
  assert.equal(calls.observe(7, () => thenable, 0, 0, undefined, 'a1', true), calls.PENDING);
  const f = () => {};
  assert.equal(calls.observe(8, () => Promise.resolve(f), 0, 0, undefined, 'a1', true), calls.PENDING);
  await tick();
  const texts = mod.calls.filter((c) => c[0] === 'settle').map((c) => c.slice(0, 3)).sort((x, y) => x[1] - y[1]);
  assert.deepEqual(texts, [['settle', 5, '{"type":"success","meta":{"n":-0}}'], ['settle', 7, '"custom"']]);
  assert.ok(mod.go.resumes >= 2, 'Go runs the woken goroutine at once');
  const byId = Object.fromEntries(settled.map(([id, ok, v]) => [id, [ok, v]]));
  assert.equal(byId[6][0], false);
  assert.equal(byId[6][1].message, 'no');
  assert.deepEqual(byId[8], [true, f], 'a function answer goes as the value');
  assert.throws(() => calls.observe(9, () => { throw new TypeError('boom'); }, 0, 0, undefined, 'a1', true), /boom/);
  const badThen = {};
  Object.defineProperty(badThen, 'then', { get() { throw new Error('getter'); }, enumerable: true });
  assert.equal(calls.observe(10, () => badThen, 0, 0, undefined, 'a1', true), calls.TAKE, 'a throwing then getter: the value is the answer, and Go reads it');
  assert.equal(calls.take(), badThen);
});

test('issue 10 calls.observe: the attempt id may come as text in Go memory (address, attemptLength); abort(attemptId) still finds the call', () => {
  const { calls, mod } = setup();
  const seen = [];
  const b = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
  new Uint8Array(mod.exports.mem.buffer, 300, b.length).set(b);
  const out = calls.observe(1, (d, second) => { seen.push(second); return true; }, 0, 0, undefined, 300, true, b.length);
  assert.ok(out >= 0);
  assert.equal(seen[0].attemptId, '0123456789abcdef0123456789abcdef');
  calls.observe(2, (d, second) => { seen.push(second); return true; }, 0, 0, undefined, 0, false, 0);
  assert.equal(seen[1].attemptId, '', 'length 0: no attempt');
  calls.abort('0123456789abcdef0123456789abcdef', -1);
  assert.equal(seen[0].signal.aborted, true, 'D18: the attempt\'s end aborts the call it tracked');
});

test('issue 10: wcw_settle code 4 (Go carried on inside the call, nothing readied) makes no resume; code 0 does', async () => {
  for (const [code, resumes] of [[4, 0], [0, 1]]) {
    const { calls, settled, mod } = setup({ codes: { settle: code } });
    assert.equal(calls.observe(1, () => Promise.resolve({ type: 'success' }), 0, 0, undefined, 'a1', true), calls.PENDING);
    await tick();
    assert.equal(mod.calls.filter((c) => c[0] === 'settle').length, 1);
    assert.deepEqual(settled, [], 'taken as text: no fallback');
    assert.equal(mod.go.resumes, resumes, 'code ' + code);
  }
});

test('issue 10: a settle Go cannot take (module closed) falls back to settled', async () => {
  const { calls, settled } = setup({ codes: { settle: 2 } });
  calls.observe(1, () => Promise.resolve(1), 0, 0, undefined, 'a1', true);
  await tick();
  assert.deepEqual(settled, [[1, true, 1]]);
});

test('D17/D18 calls.abort: one call\'s signal when its budget runs out; every tracked signal of an attempt when it ends, even settled ones', async () => {
  const { calls } = setup();
  const signals = {};
  const keep = (id) => (data, second) => { signals[id] = second.signal; return id === 2 ? new Promise(() => {}) : true; };
  calls.observe(1, keep(1), 0, 0, undefined, 'a1', true);
  calls.observe(2, keep(2), 0, 0, undefined, 'a1', true);
  calls.observe(3, keep(3), 0, 0, undefined, 'a2', true);
  calls.observe(4, keep(4), 0, 0, undefined, '', false);
  calls.abort('a1', 2);
  assert.equal(signals[2].aborted, true, 'the budget abort reaches its call');
  assert.equal(signals[1].aborted, false);
  calls.abort('a1', -1);
  assert.equal(signals[1].aborted, true, 'the attempt end aborts a settled call\'s signal too (D18)');
  assert.equal(signals[1].reason.name, 'AbortError', 'the reason is an AbortError, as abort() gives');
  assert.equal(signals[2].reason.name, 'AbortError');
  assert.match(signals[1].reason.message, /attempt ended/);
  assert.match(signals[2].reason.message, /time budget/);
  assert.equal(signals[3].aborted, false, 'another attempt is left alone');
  calls.abort('a1', -1); // idempotent
  calls.abort('', -1);
  assert.equal(signals[4].aborted, false, 'an untracked call (outside an attempt) is not aborted with an attempt');
});

test('D18 issue 10: the signal is made when an observer first reads it; read after the attempt ended (or the budget ran out) it is already aborted', async () => {
  const { calls } = setup();
  const seconds = {};
  const keep = (id) => (data, second) => { seconds[id] = second; return true; };
  calls.observe(1, keep(1), 0, 0, undefined, 'a1', true);
  calls.observe(2, keep(2), 0, 0, undefined, 'a1', true);
  calls.observe(3, keep(3), 0, 0, undefined, 'a1', true);
  assert.deepEqual(Object.keys(seconds[1]), ['attemptId', 'signal'], 'signal is an own enumerable key');
  const early = seconds[1].signal; // read while the attempt runs
  assert.equal(early.aborted, false);
  assert.equal(seconds[1].signal, early, 'the same signal every time');
  calls.abort('a1', 3); // call 3's budget ran out before it read its signal
  calls.abort('a1', -1);
  assert.equal(early.aborted, true);
  const late = seconds[2].signal;
  assert.equal(late.aborted, true, 'read after the attempt ended');
  assert.match(late.reason.message, /attempt ended/);
  assert.match(seconds[3].signal.reason.message, /time budget/, 'the first abort is the one it reports');
  const { signal, attemptId } = seconds[2];
  assert.equal(signal, late);
  assert.equal(attemptId, 'a1');
});

test('calls.await: settles through the one callback; a throwing then reaches the caller', async () => {
  const { calls, settled } = setup();
  calls.await(11, Promise.resolve('x'));
  calls.await(12, Promise.reject('why'));
  await tick();
  assert.deepEqual(settled, [[11, true, 'x'], [12, false, 'why']]);
  assert.throws(() => calls.await(13, { then() { throw new Error('then threw'); } }), /then threw/);
});

test('textValue: JSON plus undefined, NaN, ±Infinity and -0; null for what Go must see as a JS value', () => {
  const { ctx } = setup();
  const t = ctx.textValue;
  assert.equal(t([undefined, null, true, 'é"\n', 1.5, -0, NaN, Infinity, -Infinity, 1e21]), '[undefined,null,true,"é\\"\\n",1.5,-0,NaN,Infinity,-Infinity,1e+21]');
  assert.equal(t({ b: 1, a: { c: [] }, u: undefined }), '{"b":1,"a":{"c":[]},"u":undefined}', 'key order and undefined members kept');
  assert.equal(t(new Array(2)), '[undefined,undefined]', 'holes read as undefined, as Go reads them');
  const shared = { x: 1 };
  assert.equal(t([shared, shared]), '[{"x":1},{"x":1}]', 'a shared object is written at each place');
  const cyclic = [];
  cyclic.push(cyclic);
  for (const v of [() => 1, Symbol('s'), 10n, new Date(0), Object.create(null), new (class A {})(), cyclic]) {
    assert.equal(t([v]), null, String(typeof v));
  }
  const getter = {};
  Object.defineProperty(getter, 'x', { get() { throw new Error('no'); }, enumerable: true });
  assert.equal(t(getter), null, 'a throwing getter');
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  assert.equal(t([revoked.proxy]), null, 'a revoked Proxy');
  let deep = 1;
  for (let i = 0; i < 70; i++) deep = [deep];
  assert.equal(t(deep), null, 'deeper than the budget: Go decides');
  assert.equal(t(new Array(5e6)), null, 'more values than the budget: Go decides');
  assert.equal(t('x'.repeat(2 << 20)), null, 'more string than the budget: Go decides');
});

test('issue 10: textApi dispatch and submit: one export call each, Go answers through done / throwNext; a value text cannot carry goes through the api', async () => {
  const { calls, mod } = setup();
  const apiCalls = [];
  const api = { dispatch: (...a) => { apiCalls.push(a); return Promise.resolve('api'); }, submit: () => 'api-submit', ping: () => 'ping' };
  const t = calls.textApi(api);
  assert.equal(t.ping, api.ping, 'other members unchanged');
  const p = t.dispatch('wc/store/checkout', '__internalSetOrderNotes', ['n', undefined]);
  const [kind, id, text] = mod.calls[0];
  assert.equal(kind, 'dispatch');
  assert.equal(text, 'wc/store/checkout\u0000__internalSetOrderNotes\u0000["n",undefined]');
  assert.ok(mod.go.resumes >= 1, 'Go runs the action at once');
  calls.done(id, false, undefined, 0, 0);
  assert.equal(await p, undefined);
  const f = () => {};
  assert.equal(await t.dispatch('wc/store/payment', 'x', [f]), 'api', 'a function argument goes through the api');
  assert.deepEqual(apiCalls[0], ['wc/store/payment', 'x', [f]]);
  const s = t.submit();
  const [, sid] = mod.calls[1];
  const [a, n] = mod.put('{"outcome":"complete","redirectUrl":"/r","extra":{"\\u0000":-1}}');
  calls.done(sid, false, undefined, a, n);
  const out = await s;
  assert.deepEqual(JSON.parse(JSON.stringify(out)), { outcome: 'complete', redirectUrl: '/r' });
  assert.ok(!Object.isFrozen(out), 'the outcome is the caller\'s');
  const e = t.dispatch('wc/store/checkout', 'y', []);
  calls.done(mod.calls[2][1], true, new TypeError('bad'), 0, 0);
  await assert.rejects(e, /bad/);
});

test('issue 10: a dispatch straight from the page may run inside the export (textDone); one made while Go runs never does, and a resume it owes is made when the outermost call returns', async () => {
  const { calls, mod } = setup();
  const t = calls.textApi({ dispatch: () => 'api', submit: () => 'api' });
  let nested;
  mod.exports.wcw_dispatch = (id, n, inline) => {
    mod.calls.push(['dispatch', id, inline]);
    if (inline === 1) {
      // Go runs the action here; its publication's listener dispatches again.
      nested = t.dispatch('wc/store/checkout', '__internalSetOrderNotes', ['inner']);
      calls.done(id, false, undefined, 0, 0);
      return 3;
    }
    return 0; // the nested one goes to a goroutine
  };
  const p = t.dispatch('wc/store/checkout', '__internalSetOrderNotes', ['outer']);
  assert.deepEqual(mod.calls.filter((c) => c[0] === 'dispatch').map((c) => c[2]), [1, 0], 'inline only from the page');
  assert.equal(mod.go.resumes, 1, 'the nested call\'s goroutine is run once the outer call returned');
  assert.equal(await p, undefined);
  calls.done(2, false, undefined, 0, 0);
  assert.equal(await nested, undefined);
  await tick(); // the resume the first inline call asked for soon
  const before = mod.go.resumes;
  mod.exports.wcw_dispatch = (id) => { calls.done(id, false, undefined, 0, 0); return 3; };
  const q = t.dispatch('wc/store/checkout', '__internalSetOrderNotes', ['again']);
  const r = t.dispatch('wc/store/checkout', '__internalSetOrderNotes', ['and again']);
  assert.equal(mod.go.resumes, before, 'an action done inside the call resumes nothing on the caller\'s path');
  assert.equal(await q, undefined);
  assert.equal(await r, undefined);
  await tick();
  assert.equal(mod.go.resumes, before + 1, 'one resume soon after, for both (what they readied or armed)');
});

// calls in a realm that has MessageChannel (the resume after inline calls
// is a message task there), attached to a stand-in module, with its textApi.
function withMessageChannel() {
  const ctx = loadParts(['util', 'stores', 'calls'], { AbortController, DOMException, MessageChannel, setTimeout, Symbol, TextEncoder, TextDecoder, Uint8Array, Object, Response, Promise });
  const calls = ctx.createCalls(recordingLog());
  calls.connect(() => {});
  const mod = fakeModule();
  calls.attach(mod.exports, mod.go);
  return { calls, mod, t: calls.textApi({ dispatch: () => 'api', submit: () => 'api' }) };
}

test('issue 10: the resume after inline calls is a message task where MessageChannel exists (timers are throttled in hidden tabs), one for several calls', async () => {
  const { calls, mod, t } = withMessageChannel();
  mod.exports.wcw_dispatch = (id) => { calls.done(id, false, undefined, 0, 0); return 3; };
  await t.dispatch('wc/store/checkout', '__internalSetOrderNotes', ['a']);
  await t.dispatch('wc/store/checkout', '__internalSetOrderNotes', ['b']);
  assert.equal(mod.go.resumes, 0, 'not on the caller\'s path');
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(mod.go.resumes, 1, 'one resume for both');
});

test('issue 10: code 5 — an action done inside the call with undefined: the Promise resolves without host.done, one resume soon after', async () => {
  const { calls, mod, t } = withMessageChannel();
  let order = [];
  mod.exports.wcw_dispatch = () => { order.push('in Go'); return 5; };
  const p = t.dispatch('wc/store/checkout', '__internalSetOrderNotes', ['a']);
  p.then((v) => order.push('resolved ' + v));
  order.push('returned');
  assert.equal(await p, undefined);
  assert.deepEqual(order, ['in Go', 'returned', 'resolved undefined']);
  await t.dispatch('wc/store/checkout', '__internalSetOrderNotes', ['b']);
  assert.equal(mod.go.resumes, 0, 'not on the caller\'s path');
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(mod.go.resumes, 1, 'one resume soon after, for both');
  calls.done(1, false, undefined, 0, 0); // a late host.done for a settled id does nothing
});

test('D34 textApi: an error Go throws at the call is thrown synchronously; Go unable to take the call falls back to the api', () => {
  const thrower = setup({ codes: { dispatch: 1 } });
  const t = thrower.calls.textApi({ dispatch: () => 'api', submit: () => 'api' });
  thrower.mod.exports.wcw_dispatch = (id, n) => { thrower.calls.throwNext(new TypeError('dispatch: bad argument')); return 1; };
  assert.throws(() => t.dispatch('k', 'a', [1]), (e) => e instanceof TypeError && /bad argument/.test(e.message));
  const gone = setup({ codes: { dispatch: 2, submit: 2 } });
  const g = gone.calls.textApi({ dispatch: () => 'api', submit: () => 'api-submit' });
  assert.equal(g.dispatch('k', 'a', [1]), 'api');
  assert.equal(g.submit(), 'api-submit');
  gone.mod.go.exited = true;
  assert.equal(g.dispatch('k', 'a', [1]), 'api', 'after the program exited: the api (which then fails as Go does)');
});

test('issue 10: Go is not resumed from inside a call from Go (its return runs the goroutines)', () => {
  const { calls, mod } = setup();
  const t = calls.textApi({ dispatch: () => 'api', submit: () => 'api' });
  mod.go._resume(); // what the wrapped _resume counts as inside Go
  const before = mod.go.resumes;
  calls.enterGo(() => { t.dispatch('k', 'a', []); });
  assert.equal(mod.go.resumes, before, 'no nested resume');
  t.dispatch('k', 'a', []);
  assert.equal(mod.go.resumes, before + 1);
});

// A response text as Go reads it: kind 2 is the head, a NUL and the raw body.
function responseOf(text, kind) {
  if (kind !== 2) return JSON.parse(text);
  const i = text.indexOf('\u0000');
  return Object.assign(JSON.parse(text.slice(0, i)), { text: text.slice(i + 1) });
}

test('issue 10: calls.respond reads a Response in JS and sends status, headers and body as one text (wcw_settle kind 2: the body raw after the head and a NUL; kind 1 when it cannot be read)', async () => {
  const { calls, settled, mod } = setup();
  calls.respond(1, Promise.resolve(new Response('{"order_id":7}', { status: 201, headers: { 'X-Demo': 'a', 'Content-Type': 'application/json' } })));
  const cut = new Response('x', { status: 200 });
  cut.text = () => Promise.reject(new Error('connection cut'));
  calls.respond(2, Promise.resolve(cut));
  const odd = { status: 'x', text: () => 1 };
  calls.respond(3, Promise.resolve(odd));
  calls.respond(4, Promise.reject(new TypeError('Failed to fetch')));
  calls.respond(5, Promise.resolve(new Response('a\u0000b "c"', { status: 200 })));
  await tick();
  await tick();
  const got = Object.fromEntries(mod.calls.filter((c) => c[0] === 'settle').map((c) => [c[1], [responseOf(c[2], c[3]), c[3]]]));
  assert.deepEqual(got[1], [{ status: 201, headers: ['content-type', 'application/json', 'x-demo', 'a'], text: '{"order_id":7}' }, 2]);
  assert.deepEqual(got[2], [{ status: 200, headers: ['content-type', 'text/plain;charset=UTF-8'], bodyError: 'Error: connection cut' }, 1]);
  assert.equal(got[5][0].text, 'a\u0000b "c"', 'a body holding NULs and quotes comes as it is (the head holds no raw NUL)');
  const byId = Object.fromEntries(settled.map(([id, ok, v]) => [id, [ok, v]]));
  assert.deepEqual(byId[3], [true, odd], 'not a Response: Go reads the value itself');
  assert.equal(byId[4][0], false, 'a rejected fetch settles as a rejection');
  assert.match(byId[4][1].message, /Failed to fetch/);
});

test('issue 10: readText reads short ASCII without TextDecoder, and anything else with it, giving the same strings', () => {
  const { calls, mod } = setup();
  for (const text of ['', '{"a":1}', '{"note":"é ü 😀"}', 'x'.repeat(512), 'x'.repeat(511) + 'é', 'y'.repeat(4000), '\u0000\u007f']) {
    const [a, n] = mod.put(text);
    assert.equal(calls.readText(a, n), text, JSON.stringify(text.slice(0, 20)) + ' (' + n + ' bytes)');
  }
});

test('issue 10: calls.request builds the fetch from one text, calls the page\'s fetch as it is then, and reads the response as respond does', async () => {
  const { ctx, calls, settled, mod } = setup();
  const seen = [];
  ctx.fetch = (url, init) => { seen.push([url, init]); return Promise.resolve(new Response('{"ok":1}', { status: 200 })); };
  const [a, n] = mod.put(JSON.stringify({ url: '/wp-json/wc/store/v1/checkout', method: 'POST', headers: ['Content-Type', 'application/json', 'Nonce', 'n1', '__proto__', 'x'], body: '{"a":1}' }));
  calls.request(1, a, n);
  await tick();
  await tick();
  assert.equal(seen.length, 1);
  const [url, init] = seen[0];
  assert.equal(url, '/wp-json/wc/store/v1/checkout');
  assert.equal(init.method, 'POST');
  assert.equal(init.body, '{"a":1}');
  assert.equal(init.cache, 'no-store');
  assert.equal(init.credentials, 'same-origin');
  assert.deepEqual(Object.keys(init.headers), ['Content-Type', 'Nonce', '__proto__'], 'every header an own key');
  assert.equal(init.headers.Nonce, 'n1');
  assert.equal(init.signal.aborted, false);
  const got = mod.calls.filter((c) => c[0] === 'settle');
  assert.deepEqual([responseOf(got[0][2], got[0][3]).text, got[0][3]], ['{"ok":1}', 2]);

  // abort('', id) aborts the fetch's signal (Go's ctx ended).
  let signal;
  ctx.fetch = (u, i) => { signal = i.signal; return new Promise(() => {}); };
  calls.request(2, a, n);
  calls.abort('', 2);
  assert.equal(signal.aborted, true);

  // No fetch, or a fetch that throws: a rejection.
  ctx.fetch = undefined;
  calls.request(3, a, n);
  ctx.fetch = () => { throw new TypeError('blocked'); };
  calls.request(4, a, n);
  calls.request(5, a, 0); // text that does not parse
  await tick();
  const byId = Object.fromEntries(settled.map(([id, ok, v]) => [id, [ok, v]]));
  assert.equal(byId[3][0], false);
  assert.match(byId[3][1].message, /fetch is not available/);
  assert.equal(byId[4][0], false);
  assert.match(byId[4][1].message, /blocked/);
  assert.equal(byId[5][0], false);
});

test('issue 10: calls.await with asText sends a plain fulfilment value as text (D43 flushRender, canMakePayment)', async () => {
  const { calls, settled, mod } = setup();
  calls.await(1, Promise.resolve(undefined), true);
  calls.await(2, Promise.resolve({ ok: true }), true);
  const m = new Map();
  calls.await(3, Promise.resolve(m), true);
  calls.await(4, Promise.resolve({ ok: true }));
  await tick();
  assert.deepEqual(mod.calls.filter((c) => c[0] === 'settle').map((c) => c.slice(1)).sort(), [[1, 'undefined', 0], [2, '{"ok":true}', 0]]);
  assert.deepEqual(settled.map(([id, ok]) => [id, ok]).sort(), [[3, true], [4, true]]);
  assert.equal(settled.find(([id]) => id === 3)[2], m);
});
