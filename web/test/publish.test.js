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
