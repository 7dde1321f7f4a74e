'use strict';
// Part "calls" (docs/contracts.md "Calls"): how Go calls observers,
// canMakePayment and fetch with one Go -> JS call each and one persistent
// settled(id, ok, value) callback, driven here as Go would drive it.

const test = require('node:test');
const assert = require('node:assert/strict');
const { loadParts } = require('./parts.js');

function setup() {
  const ctx = loadParts(['util', 'stores', 'calls'], { AbortController, Symbol });
  const calls = ctx.createCalls();
  const settled = [];
  calls.connect((id, ok, v) => settled.push([id, ok, v]));
  return { calls, settled };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

test('D18 calls.observe: fn(data, {signal, attemptId}) with data parsed from snapjson text, a fresh unfrozen copy per call', () => {
  const { calls } = setup();
  const seen = [];
  const fn = function (data, second) { seen.push([data, second, this]); return { type: 'success' }; };
  const out = calls.observe(1, fn, '{"a":{"b":[1,{"\\u0000":-1}]},"f":{"\\u0000":0}}', [fn], 'a1', true);
  assert.deepEqual(JSON.parse(JSON.stringify(out)), { type: 'success' }, 'a plain answer comes back at once');
  const [data, second, self] = seen[0];
  assert.equal(self, undefined);
  assert.equal(data.f, fn, 'refs are the same values');
  assert.equal(data.a.b[1], undefined);
  assert.ok(!Object.isFrozen(data) && !Object.isFrozen(data.a), 'observer data is the caller\'s to change');
  assert.equal(second.attemptId, 'a1');
  assert.equal(second.signal.aborted, false);
  calls.observe(2, fn, '{"a":1}', undefined, 'a1', true);
  assert.notEqual(seen[1][0], data, 'each call gets its own copy');
  assert.equal(calls.observe(3, () => undefined, undefined, undefined, '', false), undefined, 'no data: undefined');
});

test('D7 calls.observe: a thenable answer returns PENDING and settles through the one callback; a throw reaches the caller', async () => {
  const { calls, settled } = setup();
  assert.equal(calls.observe(5, () => Promise.resolve(42), '{}', undefined, 'a1', true), calls.PENDING);
  assert.equal(calls.observe(6, () => Promise.reject(new Error('no')), '{}', undefined, 'a1', true), calls.PENDING);
  const thenable = { then(ok) { ok('custom'); } };
  assert.equal(calls.observe(7, () => thenable, '{}', undefined, 'a1', true), calls.PENDING);
  await tick();
  assert.equal(settled.length, 3, 'each thenable settles once');
  const byId = Object.fromEntries(settled.map(([id, ok, v]) => [id, [ok, v]]));
  assert.deepEqual(byId[5], [true, 42]);
  assert.equal(byId[6][0], false);
  assert.equal(byId[6][1].message, 'no');
  assert.deepEqual(byId[7], [true, 'custom']);
  assert.throws(() => calls.observe(8, () => { throw new TypeError('boom'); }, '{}', undefined, 'a1', true), /boom/);
  const badThen = {};
  Object.defineProperty(badThen, 'then', { get() { throw new Error('getter'); } });
  assert.equal(calls.observe(9, () => badThen, '{}', undefined, 'a1', true), badThen, 'a throwing then getter: the value is the answer');
});

test('D17/D18 calls.abort: one call\'s signal when its budget runs out; every tracked signal of an attempt when it ends, even settled ones', async () => {
  const { calls } = setup();
  const signals = {};
  const keep = (id) => (data, second) => { signals[id] = second.signal; return id === 2 ? new Promise(() => {}) : true; };
  calls.observe(1, keep(1), '{}', undefined, 'a1', true);
  calls.observe(2, keep(2), '{}', undefined, 'a1', true);
  calls.observe(3, keep(3), '{}', undefined, 'a2', true);
  calls.observe(4, keep(4), '{}', undefined, '', false);
  calls.abort('a1', 2);
  assert.equal(signals[2].aborted, true, 'the budget abort reaches its call');
  assert.equal(signals[1].aborted, false);
  calls.abort('a1', -1);
  assert.equal(signals[1].aborted, true, 'the attempt end aborts a settled call\'s signal too (D18)');
  assert.equal(signals[3].aborted, false, 'another attempt is left alone');
  calls.abort('a1', -1); // idempotent
  calls.abort('', -1);
  assert.equal(signals[4].aborted, false, 'an untracked call (outside an attempt) is not aborted with an attempt');
});

test('calls.await: settles through the one callback; a throwing then reaches the caller', async () => {
  const { calls, settled } = setup();
  calls.await(11, Promise.resolve('x'));
  calls.await(12, Promise.reject('why'));
  await tick();
  assert.deepEqual(settled, [[11, true, 'x'], [12, false, 'why']]);
  assert.throws(() => calls.await(13, { then() { throw new Error('then threw'); } }), /then threw/);
});
