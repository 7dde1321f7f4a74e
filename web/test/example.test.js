'use strict';
// web/examples/bank-transfer.js run against checkout.js and the mock Go side:
// the seed's bank-transfer example (checkout-api-interface.md) without React.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness.js');

const SOURCE = fs.readFileSync(path.join(__dirname, '..', 'examples', 'bank-transfer.js'), 'utf8');
const PAYMENT = 'wc/store/payment';

function runExample(env) {
  // eslint-disable-next-line no-new-func
  new Function('wc', SOURCE)(env.wc);
}

test('example bank-transfer: registers bacs before load; the registration is replayed to Go', async () => {
  const env = h.createEnv();
  runExample(env);
  const bacs = env.wc.wcBlocksRegistry.getPaymentMethods().bacs;
  assert.equal(bacs.name, 'bacs');
  assert.equal(bacs.canMakePayment(), true);
  await env.wc.wcCheckoutWasm.load({ render: () => {} });
  assert.deepEqual(env.mock.calls, [['registerPaymentMethod', 'bacs']]);
});

test('example bank-transfer: while bacs is active, payment setup answers SUCCESS with meta.paymentMethodData (ref §6.2)', async () => {
  const rendered = [];
  const env = await h.loadedEnv({}, { render: (name, output) => rendered.push([name, output]) });
  runExample(env);
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('bacs');
  assert.equal(rendered.length, 1);
  assert.equal(rendered[0][0], 'bacs');
  assert.match(rendered[0][1], /directly into our bank account/);
  const reg = env.mock.registrations.filter((r) => r.active);
  assert.deepEqual(reg.map((r) => [r.name, r.priority, r.options]), [['onPaymentSetup', 10, { label: 'bacs payment setup' }]]);
  const [response] = await env.mock.emit('onPaymentSetup', {});
  assert.deepEqual(response, { type: 'success', meta: { paymentMethodData: { myGatewayCustomData: '12345' } } });
  assert.equal(env.wc.blocksCheckoutEvents.isSuccessResponse(response), true);
});

test('example bank-transfer: switching to another method unsubscribes; re-activation keeps one observer', async () => {
  const env = await h.loadedEnv({}, { render: () => {} });
  runExample(env);
  const actions = env.wc.wcBlocksData.dispatch(PAYMENT);
  await actions.__internalSetActivePaymentMethod('bacs');
  const first = env.mock.registrations[0];
  await actions.__internalSetActivePaymentMethod('cod');
  assert.deepEqual(env.mock.unsubscribed, [first.id], 'the payment setup observer is gone');
  assert.deepEqual(await env.mock.emit('onPaymentSetup', {}), []);
  await actions.__internalSetActivePaymentMethod('bacs');
  await actions.__internalSetActivePaymentMethod('bacs');
  env.mock.update(PAYMENT, { getPaymentMethodData: { x: 1 } });
  assert.equal(env.mock.registrations.filter((r) => r.active).length, 1);
  await actions.__internalSetActivePaymentMethod('cod');
  assert.equal(env.mock.registrations.filter((r) => r.active).length, 0);
  assert.deepEqual(env.console.errors, []);
});
