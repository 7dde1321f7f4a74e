'use strict';
// js-api.md wc.wcBlocksRegistry (D28, D34) and payment method content and
// props (D29, ref §12).

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness.js');

const PAYMENT = 'wc/store/payment';

// A complete config (payment-methods.md: name, label, ariaLabel, content,
// edit and canMakePayment are required) with function content (D36).
function config(name, content, extra) {
  return Object.assign({ name, label: name, ariaLabel: name, content: content || (() => name), edit: null, canMakePayment: () => true }, extra);
}

test('payment-methods.md registration checks: WooCommerce\'s errors and messages, nothing stored or queued', () => {
  const { wc, mock } = h.createEnv();
  const r = wc.wcBlocksRegistry;
  const ok = config('x');
  const missing = 'The payment method configuration object is missing the following properties:';
  const table = [
    [{ content: ok.content, canMakePayment: ok.canMakePayment }, TypeError, missing + 'name, label, ariaLabel, edit'],
    [{ name: 'x', label: 'x', ariaLabel: 'x', edit: null, canMakePayment: ok.canMakePayment }, TypeError, missing + 'content'],
    [Object.assign({}, ok, { name: 7 }), Error, 'The name property for the payment method must be a string'],
    [Object.assign({}, ok, { icons: 'visa' }), Error, 'The icons property for the payment method must be an array or null.'],
    [Object.assign({}, ok, { paymentMethodId: 3 }), Error, 'The paymentMethodId property for the payment method must be a string or undefined (in which case it will be the value of the name property).'],
    [Object.assign({}, ok, { placeOrderButtonLabel: 3 }), TypeError, 'The placeOrderButtonLabel property for the payment method must be a string'],
    [Object.assign({}, ok, { placeOrderButton: 'Pay' }), TypeError, 'The placeOrderButton property for the payment method must be a React component (function)'],
    [Object.assign({}, ok, { label: 3 }), TypeError, 'The label property for the payment method must be a React element, a string, or null.'],
    [Object.assign({}, ok, { content: {} }), TypeError, 'The content property for the payment method must be a React element or null.'],
    [Object.assign({}, ok, { edit: 4 }), TypeError, 'The edit property for the payment method must be a React element or null.'],
    [Object.assign({}, ok, { savedTokenComponent: 4 }), TypeError, 'The savedTokenComponent property for the payment method must be a React element or null.'],
    [Object.assign({}, ok, { ariaLabel: null }), TypeError, 'The ariaLabel property for the payment method must be a string'],
    [Object.assign({}, ok, { canMakePayment: 'yes' }), TypeError, 'The canMakePayment property for the payment method must be a function.'],
    [Object.assign({}, ok, { supports: { showSavedCards: 'yes' } }), TypeError, 'If the payment method includes the `supports.showSavedCards` property, it must be a boolean'],
    [Object.assign({}, ok, { supports: { showSaveOption: 1 } }), TypeError, 'If the payment method includes the `supports.showSaveOption` property, it must be a boolean'],
    [Object.assign({}, ok, { supports: { features: 'products' } }), Error, 'The features property for the payment method must be an array or undefined.']
  ];
  for (const [bad, type, message] of table) {
    assert.throws(() => r.registerPaymentMethod(bad), (e) => e instanceof type && e.message.startsWith(message), message);
  }
  const expressTable = [
    [{ name: 'x', canMakePayment: ok.canMakePayment }, TypeError, missing + 'content, edit'],
    [{ name: 3, content: null, edit: null, canMakePayment: ok.canMakePayment }, TypeError, 'The name property for the express payment method must be a string'],
    [{ name: 'x', content: null, edit: null, canMakePayment: 'no' }, TypeError, 'The canMakePayment property for the express payment method must be a function.'],
    [{ name: 'x', content: 5, edit: null, canMakePayment: ok.canMakePayment }, TypeError, 'The content property for the payment method must be a React element or null.']
  ];
  for (const [bad, type, message] of expressTable) {
    assert.throws(() => r.registerExpressPaymentMethod(bad), (e) => e instanceof type && e.message.startsWith(message), message);
  }
  assert.deepEqual(r.getPaymentMethods(), {}, 'nothing stored after a rejected config');
  assert.deepEqual(r.getExpressPaymentMethods(), {});
  r.registerPaymentMethod(Object.assign({}, ok, { canMakePayment: false })); // D34: a boolean is accepted
  r.registerExpressPaymentMethod(Object.assign({}, ok, { canMakePayment: () => Promise.resolve(true) }));
  assert.deepEqual(mock.calls, [], 'queued, not forwarded, before ready');
});

test('D36: content, edit, label and savedTokenComponent may be a React element, a function, a string, a DOM node or null', () => {
  const { wc } = h.createEnv();
  const element = { $$typeof: Symbol.for('react.element'), type: 'div', props: {}, key: null, ref: null };
  const node = { nodeType: 1, nodeName: 'DIV' };
  const views = [element, () => 'x', 'text', node, null];
  views.forEach((v, i) => {
    wc.wcBlocksRegistry.registerPaymentMethod(config('m' + i, v, { label: v, edit: v, savedTokenComponent: v }));
  });
  assert.equal(Object.keys(wc.wcBlocksRegistry.getPaymentMethods()).length, views.length);
  wc.wcBlocksRegistry.registerExpressPaymentMethod({ name: 'x', content: element, edit: element, canMakePayment: () => true });
  assert.equal(wc.wcBlocksRegistry.getExpressPaymentMethods().x.content, element);
});

test('D28, payment-methods.md defaults: getPaymentMethods returns config instances keyed by name, with WooCommerce\'s defaults', () => {
  const { wc } = h.createEnv();
  const r = wc.wcBlocksRegistry;
  const cod = config('cod');
  r.registerPaymentMethod(cod);
  r.registerPaymentMethod(config('bacs', null, { paymentMethodId: 'wc-bacs', icons: ['visa'], supports: { features: ['products', 'subscriptions'], showSaveOption: true, savePaymentInfo: true } }));
  r.registerExpressPaymentMethod({ name: 'g_pay-x', content: null, edit: null, canMakePayment: () => true, description: 'd'.repeat(140) });
  const methods = r.getPaymentMethods();
  assert.deepEqual(Object.keys(methods), ['cod', 'bacs']);
  const c = methods.cod;
  assert.notEqual(c, cod, 'an instance, not the given object');
  assert.equal(c.name, 'cod');
  assert.equal(c.content, cod.content);
  assert.equal(c.paymentMethodId, 'cod', 'paymentMethodId defaults to name');
  assert.deepEqual(c.supports, { showSavedCards: false, showSaveOption: false, features: ['products'] });
  assert.equal(c.icons, null);
  assert.equal(c.canMakePaymentFromConfig, cod.canMakePayment);
  assert.equal(typeof c.canMakePayment, 'function');
  assert.equal(c.canMakePayment({}), true);
  const b = methods.bacs;
  assert.equal(b.paymentMethodId, 'wc-bacs');
  assert.deepEqual(b.supports, { showSavedCards: true, showSaveOption: true, features: ['products', 'subscriptions'] });
  assert.deepEqual(b.icons, ['visa']);
  const x = r.getExpressPaymentMethods()['g_pay-x'];
  assert.equal(x.title, 'g pay x', 'title defaults to the name with _ and - as spaces');
  assert.equal(x.description, 'd'.repeat(130) + '...');
  assert.deepEqual(x.supports, { features: ['products'], style: [] });
  delete methods.cod;
  assert.ok(r.getPaymentMethods().cod, 'the returned object is a copy of the registry');
  r.registerPaymentMethod(config('cod', () => 'again'));
  assert.equal(r.getPaymentMethods().cod.content(), 'again', 'registering a name again replaces it');
});

test('payment-methods.md legacy form: register(Config => new Config(options)) stores the instance and warns once', () => {
  const env = h.createEnv();
  const r = env.wc.wcBlocksRegistry;
  r.registerPaymentMethod((Config) => new Config(config('old')));
  r.registerPaymentMethod((Config) => new Config(config('old2')));
  r.registerExpressPaymentMethod((Config) => new Config({ name: 'oldx', content: null, edit: null, canMakePayment: () => true }));
  r.registerPaymentMethod(() => ({ name: 'not-an-instance' }));
  assert.deepEqual(Object.keys(r.getPaymentMethods()), ['old', 'old2']);
  assert.deepEqual(Object.keys(r.getExpressPaymentMethods()), ['oldx']);
  assert.equal(env.console.warns.filter((w) => /Passing a callback to registerPaymentMethod\(\) is deprecated/.test(w)).length, 1);
  assert.equal(env.console.warns.filter((w) => /registerExpressPaymentMethod\(\) is deprecated/.test(w)).length, 1);
  assert.throws(() => r.registerPaymentMethod((Config) => new Config({ name: 'bad' })), TypeError);
});

test('payment-methods.md extension callbacks: AND-ed into canMakePayment; a throw is logged and makes the method unavailable', async () => {
  const env = h.createEnv();
  const r = env.wc.wcBlocksRegistry;
  r.registerPaymentMethod(config('cod'));
  r.registerPaymentMethod(config('bacs', null, { canMakePayment: () => Promise.resolve(true) }));
  r.registerPaymentMethod(config('cheque', null, { canMakePayment: () => ({ error: { message: 'no' } }) }));
  const seen = [];
  r.registerPaymentMethodExtensionCallbacks('ext-a', {
    cod: (arg) => { seen.push(arg.cartTotals); return arg.cartTotals.total_price === '100'; },
    bacs: () => { throw new Error('ext failed'); },
    cheque: () => true,
    nope: 'not a function'
  });
  assert.match(env.console.errors[0][0], /The callback for the nope payment method in the ext-a namespace was not a function/);
  r.registerPaymentMethodExtensionCallbacks('ext-a', { cod: () => false });
  assert.match(env.console.errors[1][0], /must be unique. Callbacks have already been registered for the ext-a namespace/);
  const m = r.getPaymentMethods();
  assert.equal(m.cod.canMakePayment({ cartTotals: { total_price: '100' } }), true);
  assert.equal(m.cod.canMakePayment({ cartTotals: { total_price: '5' } }), false);
  assert.equal(await m.bacs.canMakePayment({}), false);
  assert.match(String(env.console.errors[2][0]), /Error when executing callback for bacs in ext-a/);
  assert.deepEqual(m.cheque.canMakePayment({}), { error: { message: 'no' } }, 'a refusal is passed on unchanged');
  assert.equal(seen.length, 2);
  await env.wc.wcCheckoutWasm.load({ render: () => {} });
  const forwarded = env.mock.configs.cod;
  assert.deepEqual(Object.keys(forwarded).sort(), ['canMakePayment', 'name', 'paymentMethodId', 'supports']);
  assert.equal(forwarded.canMakePayment({ cartTotals: { total_price: '5' } }), false, 'the module gets the combined check');
});

test('payment-methods.md __experimentalDeRegister…: removes the method here and asks the module to drop it', async () => {
  const env = await h.loadedEnv({}, { render: () => {} });
  const r = env.wc.wcBlocksRegistry;
  r.registerPaymentMethod(config('cod'));
  r.registerExpressPaymentMethod(config('gpay'));
  r.__experimentalDeRegisterPaymentMethod('cod');
  r.__experimentalDeRegisterExpressPaymentMethod('gpay');
  r.__experimentalDeRegisterPaymentMethod('never-registered');
  assert.deepEqual(r.getPaymentMethods(), {});
  assert.deepEqual(r.getExpressPaymentMethods(), {});
  assert.deepEqual(env.mock.calls.filter((c) => c[0] === 'deregisterPaymentMethod'), [
    ['deregisterPaymentMethod', 'cod', false], ['deregisterPaymentMethod', 'gpay', true]
  ]);
});

test('contracts.md protocol: after ready, registration forwards the config to Go; a Go TypeError propagates and nothing is stored', async () => {
  const { wc, mock } = await h.loadedEnv();
  const cod = config('cod');
  wc.wcBlocksRegistry.registerPaymentMethod(cod);
  wc.wcBlocksRegistry.registerExpressPaymentMethod(config('gpay'));
  assert.deepEqual(mock.calls, [['registerPaymentMethod', 'cod'], ['registerExpressPaymentMethod', 'gpay']]);
  assert.throws(() => wc.wcBlocksRegistry.registerPaymentMethod(config('go-rejects')), TypeError);
  assert.deepEqual(Object.keys(wc.wcBlocksRegistry.getPaymentMethods()), ['cod']);
  assert.equal(typeof mock.configs.cod.canMakePayment, 'function');
  assert.equal('content' in mock.configs.cod, false, 'views stay in JS');
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
      if (selector === '[data-wc-express-payment-method]') return [];
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
      if (selector === '[data-wc-express-payment-method]') return [];
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

test('D37: a React element with no React on the page registers, and rendering logs one console.error naming the method', async () => {
  const env = await h.loadedEnv();
  const element = { $$typeof: Symbol.for('react.element'), type: 'div', props: {}, key: null, ref: null };
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('reactpay', element));
  assert.ok(env.wc.wcBlocksRegistry.getPaymentMethods().reactpay, 'registration succeeds');
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('reactpay');
  env.mock.update('wc/store/cart', { getNeedsShipping: true });
  const errors = env.console.errors.filter((e) => /reactpay/.test(String(e[0])));
  assert.equal(errors.length, 1, 'once, however often it would render');
  assert.match(String(errors[0][0]), /payment method "reactpay" has a React element as content but the page has no React/);
});

test('D37 render option with React: the hook gets the element cloned with props on each change and null on unmount', async () => {
  const rendered = [];
  const env = await h.loadedEnv({}, { render: (name, output, info) => rendered.push([name, output, info]) });
  // A stand-in React (createRoot is never used with a render hook).
  env.g.React = {
    createElement: (type, props) => ({ $$typeof: Symbol.for('react.element'), type, props: props || {}, key: null, ref: null }),
    cloneElement: (el, props) => ({ $$typeof: el.$$typeof, type: el.type, props: Object.assign({}, el.props, props), key: null, ref: null }),
    isValidElement: (x) => !!x && x.$$typeof === Symbol.for('react.element')
  };
  env.g.ReactDOM = { createRoot: () => { throw new Error('not with a render hook'); } };
  const element = env.g.React.createElement('div', { id: 'x' });
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('reactpay', element));
  env.wc.wcBlocksRegistry.registerPaymentMethod(config('other'));
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('reactpay');
  const first = rendered.filter((r) => r[0] === 'reactpay');
  assert.equal(first.length, 1);
  assert.equal(first[0][1].props.id, 'x', 'the element\'s own props are kept');
  assert.equal(first[0][1].props.activePaymentMethod, 'reactpay', 'cloned with the interface props');
  assert.deepEqual(first[0][2], { express: false, react: true });
  env.mock.update('wc/store/checkout', { getOrderNotes: 'nothing a prop holds' });
  assert.equal(rendered.filter((r) => r[0] === 'reactpay').length, 1, 'D38: same props, no render');
  env.mock.update('wc/store/cart', { getCustomerData: { billingAddress: { city: 'Oslo' }, shippingAddress: {} } });
  const again = rendered.filter((r) => r[0] === 'reactpay');
  assert.equal(again.length, 2, 'fresh props after a cart change');
  assert.equal(again[1][1].props.billing.billingAddress.city, 'Oslo');
  await env.wc.wcBlocksData.dispatch(PAYMENT).__internalSetActivePaymentMethod('other');
  const last = rendered.filter((r) => r[0] === 'reactpay').pop();
  assert.equal(last[1], null, 'unmounted when another method is active');
});

test('payment-methods.md extension callbacks: a truthy own answer lets them decide; a falsy own answer skips them', () => {
  const env = h.createEnv();
  const r = env.wc.wcBlocksRegistry;
  let calls = 0;
  r.registerPaymentMethod(config('a', null, { canMakePayment: () => 1 }));
  r.registerPaymentMethod(config('b', null, { canMakePayment: () => false }));
  r.registerPaymentMethodExtensionCallbacks('ext', { a: () => { calls++; return 'yes'; }, b: () => { calls++; return true; } });
  const m = r.getPaymentMethods();
  assert.equal(m.a.canMakePayment({}), true, 'truthy own answer, truthy callback');
  assert.equal(m.b.canMakePayment({}), false, 'a refusal is passed on');
  assert.equal(calls, 1, 'callbacks only run when the method itself said yes');
});
