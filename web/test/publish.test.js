'use strict';
// The snapshot-apply part of the Go <-> checkout.js protocol
// (docs/contracts.md): host.publish(json, refs) in bridge/snapjson's
// encoding, revived against the current snapshots with structural sharing.
// The stores part runs alone in a vm context (parts.js), so objects are
// compared by reference or by plain copies, never across realms by prototype.

const test = require('node:test');
const assert = require('node:assert/strict');
const vm = require('node:vm');
const { loadParts, recordingLog } = require('./parts.js');
const { encodeSnapshots } = require('./harness.js');
const { DEFAULT_SNAPSHOTS } = require('../checkout.js');

const CHECKOUT = 'wc/store/checkout';
const CART = 'wc/store/cart';
const ESC = '\u0000';

function setup() {
  const ctx = loadParts(['util', 'stores']);
  const log = recordingLog();
  const stores = ctx.createStores({ log, callAsync: () => Promise.resolve() });
  // JSON.parse of the parts' realm, as applyPublish's own.
  const parse = vm.runInContext('JSON.parse', ctx);
  return { ctx, log, stores, parse };
}

test('protocol snapjson escapes: refs, undefined (key kept), NaN, ±Infinity, -0, NUL-prefixed keys', () => {
  const { ctx, parse } = setup();
  class Token {}
  const fn = function token() {};
  const tok = new Token();
  const json = JSON.stringify({
    f: { [ESC]: 0 }, t: { [ESC]: 1 }, u: { [ESC]: -1 }, nan: { [ESC]: -2 },
    inf: { [ESC]: -3 }, ninf: { [ESC]: -4 }, nz: { [ESC]: -5 },
    [ESC + ESC + 'k']: 1, [ESC + 'only']: 2, list: [{ [ESC]: -1 }, 1]
  });
  const v = ctx.revive(parse(json), undefined, [fn, tok]);
  assert.equal(v.f, fn, 'a ref is the same JS value');
  assert.equal(v.t, tok);
  assert.ok(Object.prototype.hasOwnProperty.call(v, 'u') && v.u === undefined, 'undefined keeps its key');
  assert.ok(Number.isNaN(v.nan));
  assert.equal(v.inf, Infinity);
  assert.equal(v.ninf, -Infinity);
  assert.ok(Object.is(v.nz, -0));
  assert.equal(v[ESC + 'k'], 1, 'one NUL removed');
  assert.equal(v.only, 2);
  assert.deepEqual(Object.keys(v).slice(-3), [ESC + 'k', 'only', 'list'], 'unprefixed keys keep their place');
  assert.equal(v.list[0], undefined);
  assert.ok(Object.isFrozen(v) && Object.isFrozen(v.list));
  assert.ok(!Object.isFrozen(tok), 'refs are handed through, not frozen');
  assert.equal(ctx.revive(parse('{"' + '\\u0000' + '":3}'), undefined, undefined), undefined, 'a ref without refs is undefined');
});

test('protocol structural sharing: equal parts keep their references, changed ones are new and frozen', () => {
  const { ctx, parse } = setup();
  const a = ctx.revive(parse('{"s":"idle","addr":{"city":"Paris","lines":["1 rue"]},"list":[{"id":1},{"id":2}],"empty":{}}'), undefined);
  const b = ctx.revive(parse('{"s":"idle","addr":{"city":"Paris","lines":["1 rue"]},"list":[{"id":1},{"id":2}],"empty":{}}'), a);
  assert.equal(b, a, 'an equal store keeps its snapshot object');
  const c = ctx.revive(parse('{"s":"processing","addr":{"city":"Paris","lines":["1 rue"]},"list":[{"id":1},{"id":3}],"empty":{}}'), b);
  assert.notEqual(c, a);
  assert.equal(c.addr, a.addr, 'an unchanged sub-object keeps its reference');
  assert.equal(c.addr.lines, a.addr.lines);
  assert.equal(c.empty, a.empty);
  assert.notEqual(c.list, a.list, 'a changed array is new');
  assert.equal(c.list[0], a.list[0], 'its unchanged elements are kept');
  assert.notEqual(c.list[1], a.list[1]);
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.list) && Object.isFrozen(c.list[1]));
  const d = ctx.revive(parse('{"s":"processing","addr":{"city":"Paris","lines":["1 rue"],"zip":"75001"},"list":[{"id":1},{"id":3}],"empty":{}}'), c);
  assert.notEqual(d.addr, c.addr, 'an added key makes a new object');
  const e = ctx.revive(parse('{"s":"processing","addr":{"city":"Paris"},"list":[{"id":1},{"id":3}],"empty":{}}'), d);
  assert.notEqual(e.addr, d.addr, 'a removed key makes a new object');
  assert.equal(e.list, d.list);
});

test('protocol structural sharing: a ref or a mutable object in the previous snapshot is never reused for data', () => {
  const { ctx, parse } = setup();
  class Point { constructor() { this.x = 1; } }
  const p = new Point();
  const prev = ctx.revive(parse('{"p":{"' + '\\u0000' + '":0}}'), undefined, [p]);
  assert.equal(prev.p, p);
  const next = ctx.revive(parse('{"p":{"x":1}}'), prev);
  assert.notEqual(next.p, p, 'a plain object equal to a class instance is still a plain object');
  assert.deepEqual(JSON.parse(JSON.stringify(next.p)), { x: 1 });
  const mutable = { x: 1 };
  const again = ctx.revive(parse('{"x":1}'), mutable);
  assert.notEqual(again, mutable, 'only frozen snapshot parts are kept');
});

test('protocol applyPublish: one publication per change, only the named stores replaced, listeners after the swap', () => {
  const { stores } = setup();
  const cartBefore = stores.snapshot(CART);
  const seen = [];
  stores.subscribe(() => seen.push(stores.select(CHECKOUT).getOrderNotes()), CHECKOUT);
  stores.subscribe(() => seen.push('cart'), CART);
  const next = Object.assign({}, DEFAULT_SNAPSHOTS[CHECKOUT], { getOrderNotes: 'ring twice' });
  const [json, refs] = encodeSnapshots({ [CHECKOUT]: next });
  const touched = stores.applyPublish(json, refs);
  assert.deepEqual(Object.keys(touched), [CHECKOUT]);
  assert.deepEqual(seen, ['ring twice'], 'the listener reads the new snapshot; the cart listener does not run');
  assert.equal(stores.snapshot(CART), cartBefore, 'an untouched store keeps its snapshot');
  const before = stores.snapshot(CHECKOUT);
  stores.applyPublish(json, refs);
  assert.equal(stores.snapshot(CHECKOUT), before, 'the same content again keeps every reference');
  assert.deepEqual(seen, ['ring twice', 'ring twice'], 'listeners still run: Go said the store changed');
});

test('protocol applyPublish: what the harness encodes reads back equal (undefined keys, nested objects)', () => {
  const { stores } = setup();
  const snap = stores.snapshot(CHECKOUT);
  const [json] = encodeSnapshots({ [CHECKOUT]: Object.assign({}, DEFAULT_SNAPSHOTS[CHECKOUT], { getExtensionData: { a: { b: [1, 'x', null] } } }) });
  stores.applyPublish(json);
  const now = stores.snapshot(CHECKOUT);
  assert.deepEqual(JSON.parse(JSON.stringify(now.getExtensionData)), { a: { b: [1, 'x', null] } });
  assert.ok(Object.prototype.hasOwnProperty.call(now.state, 'prefersCollection') && now.state.prefersCollection === undefined);
  assert.equal(now.state, snap.state, 'the unchanged state object is the default snapshot one');
});

test('protocol revive: "__proto__" stays an own data key (issue 9 point 7), also next to an escaped key', () => {
  const { ctx, parse } = setup();
  const v = ctx.revive(parse('{"__proto__":{"polluted":true},"a":1}'), undefined);
  assert.ok(Object.prototype.hasOwnProperty.call(v, '__proto__'));
  assert.equal(v.polluted, undefined, 'the prototype is not replaced');
  const w = ctx.revive(parse('{"__proto__":{"polluted":true},"\\u0000\\u0000k":1}'), undefined);
  assert.ok(Object.prototype.hasOwnProperty.call(w, '__proto__'));
  assert.equal(w.polluted, undefined);
  assert.equal(w['\u0000k'], 1);
});

// Go's notices deltas (core/store Notices.DeltaFrom) for random sequences
// of createNotice / removeNotice / removeNoticesByStatus / clearing
// contexts, each step with the full view Go would publish instead; written
// by `go test ./core/store -run TestNoticesDeltaFixture -update`.
const NOTICES = 'core/notices';
const NOTICE_STEPS = JSON.parse(require('node:fs').readFileSync(
  require('node:path').join(__dirname, '..', '..', 'core', 'store', 'testdata', 'notices_deltas.json'), 'utf8'));

function deepFrozen(v) {
  if (v === null || typeof v !== 'object') return true;
  return Object.isFrozen(v) && Object.keys(v).every((k) => deepFrozen(v[k]));
}

test('issue 9 point 7: notices deltas applied in turn equal the full publication at every step; what did not change keeps its objects', () => {
  let deltas = 0;
  let fulls = 0;
  for (const seq of NOTICE_STEPS) {
    const a = setup(); // gets the deltas (the full view only where Go sends it)
    const b = setup(); // gets every full view
    for (const step of seq) {
      const prev = a.stores.snapshot(NOTICES);
      const getNotices = a.stores.select(NOTICES).getNotices;
      const prevLists = Object.fromEntries(Object.keys(prev.byContext).map((c) => [c, getNotices(c)]));
      const delta = step.delta;
      if (delta) deltas++; else fulls++;
      a.stores.applyPublish(JSON.stringify({ [NOTICES]: delta || step.full }));
      b.stores.applyPublish(JSON.stringify({ [NOTICES]: step.full }));
      const got = a.stores.snapshot(NOTICES);
      const what = step.action;
      assert.equal(JSON.stringify(got), JSON.stringify(step.full), what + ': equals the full view, key order included');
      assert.equal(JSON.stringify(got), JSON.stringify(b.stores.snapshot(NOTICES)), what);
      assert.ok(deepFrozen(got), what + ': frozen');
      assert.deepEqual(a.log.errors, [], what);
      if (!delta) continue;
      const removed = new Set(delta[0].map(([c, id]) => c + '\u0001' + id));
      const addedCtx = new Set(delta[1].map((n) => n.context));
      const before = new Map(prev.all.map((n) => [n.context + '\u0001' + n.id, n]));
      for (const n of got.all) {
        const k = n.context + '\u0001' + n.id;
        if (before.has(k) && !removed.has(k)) assert.equal(n, before.get(k), what + ': an unchanged notice keeps its object');
      }
      for (const c of Object.keys(got.byContext)) {
        const touched = addedCtx.has(c) || delta[0].some(([rc]) => rc === c);
        if (!touched) assert.equal(getNotices(c), prevLists[c], what + ': getNotices of an untouched context returns the same array');
        else assert.equal(getNotices(c), got.byContext[c]);
      }
    }
  }
  assert.ok(deltas > 100 && fulls > 0, `both forms exercised (${deltas} deltas, ${fulls} full views)`);
});

test('issue 9 point 7: a removal from 1,000 notices touches one context array and leaves the other 999 notices as they were', () => {
  const { stores, log } = setup();
  const all = [];
  for (let i = 0; i < 1000; i++) {
    all.push({ id: 'n' + i, status: 'error', content: 'c' + i, context: i % 2 ? 'wc/checkout' : 'global', isDismissible: true, type: 'default' });
  }
  const byContext = { global: all.filter((n) => n.context === 'global'), 'wc/checkout': all.filter((n) => n.context === 'wc/checkout') };
  stores.applyPublish(JSON.stringify({ [NOTICES]: { byContext, all } }));
  const sel = stores.select(NOTICES);
  const globalBefore = sel.getNotices();
  const checkoutBefore = sel.getNotices('wc/checkout');
  const json = JSON.stringify({ [NOTICES]: [[['wc/checkout', 'n501']], [], null, 999] });
  const t0 = process.hrtime.bigint();
  stores.applyPublish(json);
  const us = Number(process.hrtime.bigint() - t0) / 1000;
  assert.deepEqual(log.errors, []);
  assert.equal(sel.getNotices(), globalBefore, 'the other context keeps its array');
  assert.equal(sel.getNotices('wc/checkout').length, 499);
  assert.equal(sel.getNotices('wc/checkout')[0], checkoutBefore[0]);
  assert.ok(!sel.getNotices('wc/checkout').some((n) => n.id === 'n501'));
  assert.equal(stores.snapshot(NOTICES).all.length, 999);
  assert.ok(json.length < 60, json.length + ' bytes');
  // Not a timing test (machines differ); printed for the record.
  console.log(`# removal from 1,000 notices applied in ${us.toFixed(0)} µs (${json.length} bytes)`);
});

test('issue 9 point 7: a notices delta that does not fit the current notices is logged, not thrown', () => {
  const { stores, log } = setup();
  stores.applyPublish(JSON.stringify({ [NOTICES]: [[['global', 'missing']], [], null, 0] }));
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0][0], /notices change that does not fit/);
  assert.deepEqual(JSON.parse(JSON.stringify(stores.snapshot(NOTICES))), { byContext: {}, all: [] });
});

// Patches (bridge/snapjson Encoder.Patch): {"\u0000p": {changed keys}}
// against the snapshot checkout.js holds.
const PATCH = ESC + 'p';

test('issue 10: a patch replaces the keys it names, keeps the others by reference, key order included', () => {
  const { stores, log } = setup();
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { a: 1, o: { x: [1], y: { z: 2 } }, keep: { k: true }, s: 'idle' } }));
  const before = stores.snapshot(CHECKOUT);
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [PATCH]: { s: 'processing', o: { [PATCH]: { y: { z: 3 } } } } } }));
  const after = stores.snapshot(CHECKOUT);
  assert.notEqual(after, before);
  assert.deepEqual(Object.keys(after), ['a', 'o', 'keep', 's'], 'the held key order');
  assert.equal(after.s, 'processing');
  assert.equal(after.keep, before.keep, 'an unnamed key keeps its object');
  assert.equal(after.o.x, before.o.x, 'a nested patch keeps what it does not name');
  assert.equal(after.o.y.z, 3);
  assert.ok(Object.isFrozen(after.o) && Object.isFrozen(after.o.y), 'the values selectors return are frozen');
  const selected = stores.select(CHECKOUT);
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [PATCH]: { s: 'idle' } } }));
  assert.equal(stores.snapshot(CHECKOUT), after, 'the store record is updated in place (checkout.js never hands it out)');
  assert.equal(after.s, 'idle');
  assert.equal(after.o.y.z, 3);
  assert.equal(stores.select(CHECKOUT), selected);
  assert.deepEqual(log.errors, []);
});

test('issue 10: a patch that changes nothing keeps the snapshot object; a full value in a patch keeps its equal parts', () => {
  const { stores, log } = setup();
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { n: 1, o: { deep: { v: [1, 2] } } } }));
  const before = stores.snapshot(CHECKOUT);
  const o = before.o;
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [PATCH]: {} } }));
  assert.equal(stores.snapshot(CHECKOUT).o, o, 'an empty patch');
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [PATCH]: { n: 1, o: { deep: { v: [1, 2] } } } } }));
  assert.equal(stores.snapshot(CHECKOUT).o, o, 'a patch with equal values (NaN and opaque values are always sent)');
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [PATCH]: { o: { deep: { v: [1, 2] }, more: 1 } } } }));
  assert.equal(stores.snapshot(CHECKOUT).o.deep, o.deep, 'a full value revived against the held one');
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { n: 1, o: { deep: { v: [1, 2] }, more: 1 } } }));
  assert.equal(stores.snapshot(CHECKOUT).o.deep, o.deep, 'a full view after patches is revived against the record');
  assert.deepEqual(log.errors, []);
});

test('issue 10: patched values use the escapes (undefined keeps its key, -0, refs) and NUL-prefixed keys', () => {
  const { stores, log } = setup();
  const fn = function token() {};
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [ESC + ESC + 'k']: 1, u: 1, z: 0, f: null } }));
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [PATCH]: { [ESC + ESC + 'k']: 2, u: { [ESC]: -1 }, z: { [ESC]: -5 }, f: { [ESC]: 0 } } } }), [fn]);
  const s = stores.snapshot(CHECKOUT);
  assert.deepEqual(Object.keys(s), [ESC + 'k', 'u', 'z', 'f']);
  assert.equal(s[ESC + 'k'], 2);
  assert.ok(Object.prototype.hasOwnProperty.call(s, 'u') && s.u === undefined);
  assert.ok(Object.is(s.z, -0));
  assert.equal(s.f, fn);
  assert.deepEqual(log.errors, []);
});

test('issue 10: a patch never runs a setter a page put on Object.prototype', (t) => {
  const { ctx, stores, log } = setup();
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { status: 'idle', toString: 'data', __proto__x: 1, o: { status: 1 } } }));
  let ran = 0;
  vm.runInContext('Object.defineProperty(Object.prototype, "status", { set: function () { globalThis.__ran = (globalThis.__ran || 0) + 1; }, configurable: true })', ctx);
  t.after(() => vm.runInContext('delete Object.prototype.status', ctx));
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [PATCH]: { toString: 'x' } } }));
  let s = stores.snapshot(CHECKOUT);
  assert.ok(Object.prototype.hasOwnProperty.call(s, 'status') && s.status === 'idle', 'an own data key');
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [PATCH]: { status: 'processing', o: { [PATCH]: { status: 2 } } } } }));
  ran = vm.runInContext('globalThis.__ran || 0', ctx);
  s = stores.snapshot(CHECKOUT);
  assert.equal(ran, 0);
  assert.equal(s.status, 'processing');
  assert.ok(Object.prototype.hasOwnProperty.call(s.o, 'status') && s.o.status === 2, 'a nested patch defines its keys too');
  assert.equal(s.toString, 'x');
  assert.deepEqual(log.errors, []);
});

test('issue 10: a patch that does not fit the held snapshot is logged, and what fits is applied', () => {
  const { stores, log } = setup();
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { a: 1, list: [1] } }));
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [PATCH]: { a: 2, missing: 1 } } }));
  assert.equal(stores.snapshot(CHECKOUT).a, 2);
  assert.equal(log.errors.length, 1);
  assert.match(String(log.errors[0][0] || log.errors[0]), /patch that does not fit/);
  stores.applyPublish(JSON.stringify({ [CHECKOUT]: { [PATCH]: { list: { [PATCH]: { 0: 2 } } } } }));
  assert.equal(log.errors.length, 2, 'a patch of an array');
});
