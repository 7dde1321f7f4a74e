'use strict';
// js-api.md wc.wcBlocksRegistry (D28, D34) and payment method content and
// props (D29, ref §12).

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness.js');

const PAYMENT = 'wc/store/payment';

function config(name, content, extra) {
  return Object.assign({ name, content: content || (() => name), canMakePayment: () => true }, extra);
}

test('D34, js-api: a config without name, content or canMakePayment throws a TypeError naming the field', () => {
  const { wc, mock } = h.createEnv();
  const r = wc.wcBlocksRegistry;
  const ok = { name: 'x', content: () => '', canMakePayment: true };
  const table = [
    [undefined, 'config'],
    [null, 'config'],
    ['bacs', 'config'],
    [{ content: ok.content, canMakePayment: true }, '"name"'],
    [Object.assign({}, ok, { name: '' }), '"name"'],
    [Object.assign({}, ok, { name: 7 }), '"name"'],
    [{ name: 'x', canMakePayment: true }, '"content"'],
    [Object.assign({}, ok, { content: '<p>hi</p>' }), '"content"'],
    [{ name: 'x', content: ok.content }, '"canMakePayment"'],
    [Object.assign({}, ok, { canMakePayment: 'yes' }), '"canMakePayment"'],
    [Object.assign({}, ok, { canMakePayment: null }), '"canMakePayment"']
  ];
  for (const fn of ['registerPaymentMethod', 'registerExpressPaymentMethod']) {
    for (const [bad, field] of table) {
      assert.throws(() => r[fn](bad), (e) => e instanceof TypeError && e.message.includes('wc.wcBlocksRegistry.' + fn) &&
        e.message.includes(field), fn + ' ' + field);
    }
  }
  assert.deepEqual(r.getPaymentMethods(), {}, 'nothing stored after a rejected config');
  assert.deepEqual(r.getExpressPaymentMethods(), {});
  r.registerPaymentMethod(Object.assign({}, ok, { canMakePayment: false }));
  r.registerExpressPaymentMethod(Object.assign({}, ok, { canMakePayment: () => Promise.resolve(true) }));
  assert.deepEqual(mock.calls, [], 'queued, not forwarded, before ready');
});

test('D28: getPaymentMethods / getExpressPaymentMethods return objects keyed by name holding the registered configs', () => {
  const { wc } = h.createEnv();
  const r = wc.wcBlocksRegistry;
  const cod = config('cod');
  const bacs = config('bacs');
  const gpay = config('gpay');
  r.registerPaymentMethod(cod);
  r.registerPaymentMethod(bacs);
  r.registerExpressPaymentMethod(gpay);
  const methods = r.getPaymentMethods();
  assert.deepEqual(Object.keys(methods), ['cod', 'bacs']);
  assert.equal(methods.cod, cod, 'the registered config object itself');
  assert.deepEqual(r.getExpressPaymentMethods(), { gpay });
  delete methods.cod;
  assert.equal(r.getPaymentMethods().cod, cod, 'the returned object is a copy of the registry');
  const cod2 = config('cod');
  r.registerPaymentMethod(cod2);
  assert.equal(r.getPaymentMethods().cod, cod2, 'registering a name again replaces it');
});

test('contracts.md protocol: after ready, registration forwards the config to Go; a Go TypeError propagates and nothing is stored', async () => {
  const { wc, mock } = await h.loadedEnv();
  const cod = config('cod');
  wc.wcBlocksRegistry.registerPaymentMethod(cod);
  wc.wcBlocksRegistry.registerExpressPaymentMethod(config('gpay'));
  assert.deepEqual(mock.calls, [['registerPaymentMethod', 'cod'], ['registerExpressPaymentMethod', 'gpay']]);
  assert.throws(() => wc.wcBlocksRegistry.registerPaymentMethod(config('go-rejects')), TypeError);
  assert.deepEqual(Object.keys(wc.wcBlocksRegistry.getPaymentMethods()), ['cod']);
});

test('D29: a regular method\'s content(props) runs each time it becomes the active method', async () => {
  const env = await h.loadedEnv({}, { render: () => {} });
  const calls = [];
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('cod', (props) => { calls.push(['cod', props.activePaymentMethod]); }));
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('bacs', () => { calls.push(['bacs']); }));
  const actions = env.wc.wcBlocksData.dispatch(PAYMENT);
  await actions.__internalSetActivePaymentMethod('cod');
  env.mock.update(PAYMENT, { getPaymentMethodData: { a: 1 } }); // same active method: no call
  await actions.__internalSetActivePaymentMethod('bacs');
  await actions.__internalSetActivePaymentMethod('cod');
  await actions.__internalSetActivePaymentMethod('unregistered');
  await actions.__internalSetActivePaymentMethod('');
  assert.deepEqual(calls, [['cod', 'cod'], ['bacs'], ['cod', 'cod']]);
});

test('D29: a method that is active before it is registered gets its content call at registration', async () => {
  const env = await h.loadedEnv({}, { render: () => {} });
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('late');
  let called = 0;
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('late', () => { called++; }));
  assert.equal(called, 1);
  env.mock.update(PAYMENT, { getPaymentMethodData: {} });
  assert.equal(called, 1);
});

test('D29: an express method\'s content(props) runs once when it becomes available', async () => {
  const env = await h.loadedEnv({}, { render: () => {} });
  const calls = [];
  env.wc.wcBlocksRegistry.registerExpressPaymentMethod(config('gpay', () => { calls.push('gpay'); }));
  env.wc.wcBlocksRegistry.registerExpressPaymentMethod(config('apay', () => { calls.push('apay'); }));
  const actions = env.wc.wcBlocksData.dispatch(PAYMENT);
  await actions.__internalSetAvailableExpressPaymentMethods({ gpay: { name: 'gpay' } });
  await actions.__internalSetAvailableExpressPaymentMethods({ gpay: { name: 'gpay' }, apay: { name: 'apay' } });
  await actions.__internalSetAvailableExpressPaymentMethods({ apay: { name: 'apay' }, gpay: { name: 'gpay' } });
  assert.deepEqual(calls, ['gpay', 'apay'], 'once each while available');
  await actions.__internalSetAvailableExpressPaymentMethods({ apay: { name: 'apay' } });
  await actions.__internalSetAvailableExpressPaymentMethods({ apay: { name: 'apay' }, gpay: { name: 'gpay' } });
  assert.deepEqual(calls, ['gpay', 'apay', 'gpay'], 'again after it was unavailable and came back');
  await actions.__internalSetActivePaymentMethod('gpay');
  assert.deepEqual(calls, ['gpay', 'apay', 'gpay'], 'an active express method is not re-rendered as a regular one');
});

test('js-api payment method interface: props of a regular method', async () => {
  const env = await h.loadedEnv({}, { render: () => {} });
  let props = null;
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('cod', (p) => { props = p; }));
  env.mock.update('wc/store/cart', {
    getCustomerData: { billingAddress: { email: 'a@b.c' }, shippingAddress: { city: 'Oslo' } },
    getShippingRates: [{ package_id: 0, shipping_rates: [] }],
    getNeedsShipping: true,
    isShippingRateBeingSelected: true
  });
  env.mock.update('wc/store/checkout', { getCustomerId: 12 });
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('cod');
  assert.ok(props);
  const events = env.wc.blocksCheckoutEvents;
  assert.equal(props.activePaymentMethod, 'cod');
  assert.equal(props.eventRegistration, events.eventRegistration);
  assert.equal(props.emitResponse, events.emitResponse);
  assert.deepEqual(props.billing.billingAddress, { email: 'a@b.c' });
  assert.equal(props.billing.billingData, props.billing.billingAddress, 'billingData is the same object');
  assert.equal(props.billing.customerId, 12);
  assert.deepEqual(props.shippingData.shippingAddress, { city: 'Oslo' });
  assert.deepEqual(props.shippingData.shippingRates, [{ package_id: 0, shipping_rates: [] }]);
  assert.equal(props.shippingData.needsShipping, true);
  assert.equal(props.shippingData.isSelectingRate, true);
  assert.equal('onClick' in props, false, 'express callbacks only for express methods');
  assert.deepEqual(await props.onSubmit(), env.mock.outcome, 'onSubmit is wc.wcCheckoutWasm.onSubmit');
  env.mock.update('wc/store/cart', { getCustomerData: { billingAddress: { email: 'new@b.c' }, shippingAddress: {} } });
  assert.equal(props.billing.billingAddress.email, 'new@b.c', 'data props read the latest snapshot');
});

test('ref §12: express props onClick / onClose / onError forward to api.expressAction(name, action, message)', async () => {
  const env = await h.loadedEnv({}, { render: () => {} });
  let props = null;
  env.wc.wcBlocksRegistry.registerExpressPaymentMethod(config('gpay', (p) => { props = p; }));
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetAvailableExpressPaymentMethods({ gpay: { name: 'gpay' } });
  const before = env.mock.calls.length;
  await props.onClick();
  await props.onClose();
  await props.onError('Card declined');
  assert.deepEqual(env.mock.calls.slice(before), [
    ['expressAction', 'gpay', 'click', undefined],
    ['expressAction', 'gpay', 'close', undefined],
    ['expressAction', 'gpay', 'error', 'Card declined']
  ]);
  assert.equal(typeof props.billing.billingAddress, 'object');
});

test('brief render option: output goes to render(name, output, {express}) instead of the DOM', async () => {
  const rendered = [];
  const env = await h.loadedEnv({}, { render: (name, output, info) => rendered.push([name, output, info]) });
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('cod', () => 'Pay on delivery'));
  env.wc.wcBlocksRegistry.registerExpressPaymentMethod(config('gpay', () => undefined));
  env.mock.update(PAYMENT, { getActivePaymentMethod: 'cod', getAvailableExpressPaymentMethods: { gpay: { name: 'gpay' } } });
  assert.deepEqual(rendered, [['cod', 'Pay on delivery', { express: false }], ['gpay', undefined, { express: true }]]);
  assert.equal('render' in env.mock.host.config, false, 'render stays in JS');
});

test('brief render option: a render that is not a function is a TypeError from load', () => {
  const { wc } = h.createEnv();
  assert.throws(() => wc.wcCheckoutWasm.load({ render: 'x' }), (e) => e instanceof TypeError && /options\.render/.test(e.message));
});

function fakeDom(names) {
  const elements = names.map((name) => {
    const el = {
      name,
      text: '',
      children: [],
      getAttribute: (a) => (a === 'data-wc-payment-method-content' ? name : null),
      appendChild(node) { this.children.push(node); return node; },
      get textContent() { return this.text; },
      set textContent(v) { this.text = String(v); this.children = []; },
      set innerHTML(v) { throw new Error('innerHTML must never be used'); }
    };
    return el;
  });
  const document = {
    querySelectorAll(selector) {
      assert.equal(selector, '[data-wc-payment-method-content]');
      return elements;
    }
  };
  return { document, el: (name) => elements.find((e) => e.name === name) };
}

test('brief default rendering: a string goes in as text, a Node is appended after clearing, into [data-wc-payment-method-content]', async () => {
  const dom = fakeDom(['cod', 'card', 'other"name']);
  const node = { nodeType: 1, tagName: 'FORM' };
  const env = await h.loadedEnv({ document: dom.document });
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('cod', () => '<b>Pay</b> on delivery'));
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('card', () => node));
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('other"name', () => 42));
  dom.el('card').children.push({ nodeType: 1, tagName: 'OLD' });
  const actions = env.wc.wcBlocksData.dispatch(PAYMENT);
  await actions.__internalSetActivePaymentMethod('cod');
  await actions.__internalSetActivePaymentMethod('card');
  await actions.__internalSetActivePaymentMethod('other"name');
  assert.equal(dom.el('cod').textContent, '<b>Pay</b> on delivery', 'markup stays text');
  assert.deepEqual(dom.el('card').children, [node], 'old children cleared, the node appended');
  assert.equal(dom.el('other"name').textContent, '42', 'names with quotes need no selector escaping');
});

test('brief default rendering: void output leaves the element alone; no element or no DOM is not an error', async () => {
  const dom = fakeDom(['cod']);
  const env = await h.loadedEnv({ document: dom.document });
  dom.el('cod').textContent = 'server text';
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('cod', () => undefined));
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('nowhere', () => 'x'));
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('cod');
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('nowhere');
  assert.equal(dom.el('cod').textContent, 'server text');
  const noDom = await h.loadedEnv();
  noDom.wc.wcBlocksRegistry.registerPaymentMethod(config('cod', () => 'x'));
  await noDom.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('cod');
  assert.deepEqual(env.console.errors.concat(noDom.console.errors), []);
});

test('D30: a throwing content() or render() is logged with console.error and the checkout goes on', async () => {
  const env = await h.loadedEnv({}, { render: (name) => { if (name === 'b') throw new Error('render failed'); } });
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('a', () => { throw new Error('content failed'); }));
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('b'));
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('a');
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('b');
  assert.deepEqual(env.console.errors.map((e) => e[1].message), ['content failed', 'render failed']);
  assert.match(env.console.errors[0][0], /payment method "a"/);
  assert.equal(env.wc.wcBlocksData.select(PAYMENT).getActivePaymentMethod(), 'b');
});

test('default rendering: output whose container does not exist yet is kept and placed when a later publication draws it', async () => {
  const elements = [];
  const document = {
    querySelectorAll(selector) {
      assert.equal(selector, '[data-wc-payment-method-content]');
      return elements;
    }
  };
  const env = await h.loadedEnv({ document });
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('late', () => 'Pay later'));
  // The page draws the container only on a later change (as a page that lists
  // getAvailablePaymentMethods does: ref §3.4 updates it after the active method).
  env.wc.wcBlocksData.subscribe(() => {
    if (env.wc.wcBlocksData.select('wc/store/checkout').getOrderNotes() === 'draw' && elements.length === 0) {
      elements.push(fakeDom(['late']).el('late'));
    }
  });
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('late');
  assert.equal(elements.length, 0, 'no container yet: content() ran with nowhere to go');
  await env.wc.wcBlocksData.dispatch('wc/store/checkout').__internalSetOrderNotes('draw');
  assert.equal(elements.length, 1);
  assert.equal(elements[0].textContent, 'Pay later', 'kept, then placed once the container exists');
  assert.deepEqual(env.console.errors, []);
});
