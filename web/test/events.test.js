'use strict';
// js-api.md wc.blocksCheckoutEvents: registration functions (D5, D11, D17,
// D34) and the response helpers of ref §5.5.

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness.js');

test('D34: a non-function callback throws a TypeError naming the function and "callback"', () => {
  const { wc } = h.createEnv();
  const reg = wc.blocksCheckoutEvents.eventRegistration;
  for (const name of Object.keys(reg)) {
    for (const bad of [undefined, null, 'fn', 1, {}]) {
      assert.throws(() => reg[name](bad), (e) => e instanceof TypeError &&
        e.message.includes(name) && e.message.includes('callback'), name + '(' + String(bad) + ')');
    }
  }
});

test('D34: a non-finite or non-number priority throws a TypeError naming the function and "priority"', () => {
  const { wc } = h.createEnv();
  const onPaymentSetup = wc.blocksCheckoutEvents.eventRegistration.onPaymentSetup;
  const table = [NaN, Infinity, -Infinity, '10', null, {}, true];
  for (const priority of table) {
    assert.throws(() => onPaymentSetup(() => undefined, priority), (e) => e instanceof TypeError &&
      e.message.includes('onPaymentSetup') && e.message.includes('priority'), 'priority ' + String(priority));
  }
});

test('js-api options {label, timeoutMs}: bad types throw TypeError naming the option', () => {
  const { wc } = h.createEnv();
  const on = wc.blocksCheckoutEvents.eventRegistration.onCheckoutSuccess;
  const table = [
    ['x', 'options'],
    [{ label: 3 }, 'options.label'],
    [{ timeoutMs: -1 }, 'options.timeoutMs'],
    [{ timeoutMs: NaN }, 'options.timeoutMs'],
    [{ timeoutMs: '5' }, 'options.timeoutMs']
  ];
  for (const [options, arg] of table) {
    assert.throws(() => on(() => undefined, 10, options), (e) => e instanceof TypeError && e.message.includes(arg), arg);
  }
});

test('D5: priority defaults to 10; valid priorities and options are forwarded unchanged', async () => {
  const env = await h.loadedEnv();
  const reg = env.wc.blocksCheckoutEvents.eventRegistration;
  reg.onCheckoutValidation(() => true);
  reg.onCheckoutValidation(() => true, 0);
  reg.onCheckoutValidation(() => true, -3.5, { label: 'x', timeoutMs: 0 });
  reg.onCheckoutValidation(() => true, undefined, null);
  assert.deepEqual(env.mock.registrations.map((r) => [r.priority, r.options]), [
    [10, undefined], [0, undefined], [-3.5, { label: 'x', timeoutMs: 0 }], [10, null]
  ]);
});

test('D11, D30: each deprecated alias registers under its own name and warns once per alias', async () => {
  const env = await h.loadedEnv();
  const reg = env.wc.blocksCheckoutEvents.eventRegistration;
  const table = [
    ['onPaymentProcessing', 'onPaymentSetup'],
    ['onCheckoutBeforeProcessing', 'onCheckoutValidation'],
    ['onCheckoutValidationBeforeProcessing', 'onCheckoutValidation'],
    ['onCheckoutAfterProcessingWithSuccess', 'onCheckoutSuccess'],
    ['onCheckoutAfterProcessingWithError', 'onCheckoutFail']
  ];
  for (const [alias, replacement] of table) {
    reg[alias](() => undefined);
    reg[alias](() => undefined);
    const warnings = env.console.warns.filter((w) => w.includes(alias + ' is deprecated'));
    assert.equal(warnings.length, 1, alias + ' warns once');
    assert.ok(warnings[0].includes(replacement), alias + ' names ' + replacement);
  }
  assert.equal(env.wc.blocksCheckoutEvents.paymentEvents.onPaymentProcessing, reg.onPaymentProcessing);
  assert.equal(env.console.warns.length, 5);
  assert.deepEqual(env.mock.registrations.map((r) => r.name), table.flatMap(([alias]) => [alias, alias]));
  reg.onPaymentSetup(() => undefined);
  reg.onAttemptSettled(() => undefined);
  assert.equal(env.console.warns.length, 5, 'current names do not warn');
});

test('D11: an alias warns at registration even before ready, and a failed registration does not warn', () => {
  const env = h.createEnv();
  const reg = env.wc.blocksCheckoutEvents.eventRegistration;
  assert.throws(() => reg.onCheckoutBeforeProcessing(42), TypeError);
  assert.equal(env.console.warns.length, 0);
  reg.onCheckoutBeforeProcessing(() => undefined);
  assert.equal(env.console.warns.length, 1);
});

test('D18: Go calls the registered callback with (payload, {signal, attemptId}) and gets its return value', async () => {
  const env = await h.loadedEnv();
  const { emitResponse, eventRegistration } = env.wc.blocksCheckoutEvents;
  let context = null;
  eventRegistration.onPaymentSetup((payload, ctx) => {
    context = ctx;
    return { type: emitResponse.responseTypes.SUCCESS };
  });
  assert.deepEqual(await env.mock.emit('onPaymentSetup', {}), [{ type: 'success' }]);
  assert.equal(context.attemptId, 'a1');
  assert.equal(typeof context.signal.aborted, 'boolean');
});

class Response {
  constructor() {
    this.type = 'success';
  }
}
const nullProto = Object.assign(Object.create(null), { type: 'success' });

test('ref §5.5 response helpers: isSuccessResponse / isErrorResponse / isFailResponse', () => {
  const { wc } = h.createEnv();
  const e = wc.blocksCheckoutEvents;
  // Plain (its inherited constructor is Object) with type only on the prototype: "has key" is `in` (ref §0).
  const inherited = Object.create({ type: 'error' });
  const table = [
    // [value, success, error, fail]
    [{ type: 'success' }, true, false, false],
    [{ type: 'error' }, false, true, false],
    [{ type: 'failure' }, false, false, true],
    [{ type: 'fail' }, false, false, false], // FAIL is 'failure' (ref §1.5)
    [{ type: 'SUCCESS' }, false, false, false],
    [{}, false, false, false],
    [{ type: undefined }, false, false, false],
    [new Response(), false, false, false], // class instance is not a plain object (ref §0)
    [nullProto, false, false, false], // null prototype is not a plain object (ref §0)
    [[{ type: 'success' }], false, false, false], // arrays are not plain objects
    [Object.assign([], { type: 'error' }), false, false, false],
    [inherited, false, true, false], // constructor Object, key via the prototype: ref compares x.type
    [null, false, false, false],
    [undefined, false, false, false],
    ['success', false, false, false],
    [true, false, false, false],
    [() => ({ type: 'success' }), false, false, false]
  ];
  for (const [value, success, error, fail] of table) {
    const label = JSON.stringify(value) + ' ' + Object.prototype.toString.call(value);
    assert.equal(e.isSuccessResponse(value), success, 'isSuccessResponse ' + label);
    assert.equal(e.isErrorResponse(value), error, 'isErrorResponse ' + label);
    assert.equal(e.isFailResponse(value), fail, 'isFailResponse ' + label);
  }
});

test('ref §5.5 shouldRetry: true unless a plain object has a retry other than undefined/true', () => {
  const { wc } = h.createEnv();
  const { shouldRetry } = wc.blocksCheckoutEvents;
  const table = [
    [{ type: 'error' }, true], // retry absent
    [{ type: 'error', retry: undefined }, true],
    [{ type: 'error', retry: true }, true],
    [{ type: 'error', retry: false }, false],
    [{ retry: null }, false],
    [{ retry: 0 }, false],
    [{ retry: 1 }, false],
    [{ retry: 'false' }, false],
    [{ retry: 'yes' }, false],
    [{ retry: 'true' }, false],
    [{ retry: {} }, false],
    [Object.assign(new Response(), { retry: false }), true], // not a plain object
    [Object.assign(Object.create(null), { retry: false }), true],
    [Object.assign([], { retry: false }), true],
    [null, true],
    [undefined, true],
    [false, true],
    ['x', true]
  ];
  for (const [value, want] of table) {
    assert.equal(shouldRetry(value), want, 'shouldRetry ' + JSON.stringify(value));
  }
});

test('ref §5.5: the helpers are pure JS and never call into Go', async () => {
  const env = await h.loadedEnv();
  const e = env.wc.blocksCheckoutEvents;
  e.isSuccessResponse({ type: 'success' });
  e.isErrorResponse({ type: 'error' });
  e.isFailResponse({ type: 'failure' });
  e.shouldRetry({ retry: false });
  assert.deepEqual(env.mock.calls, []);
});
