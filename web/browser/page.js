// Test page script: registers two payment methods through the public API
// before the module loads (calls are queued), and gives the runner a small
// handle. Uses only wc.* globals.
(function () {
  'use strict';
  var registry = wc.wcBlocksRegistry;
  var events = wc.blocksCheckoutEvents;
  var responseTypes = events.emitResponse.responseTypes;

  registry.registerPaymentMethod({
    name: 'bacs',
    label: 'Direct bank transfer',
    ariaLabel: 'Direct bank transfer',
    content: function () { return 'Pay by bank transfer.'; },
    edit: function () { return null; },
    canMakePayment: function () { return true; },
    supports: { features: ['products'] }
  });
  registry.registerPaymentMethod({
    name: 'demo_card',
    label: 'Card',
    ariaLabel: 'Card',
    content: function () { return 'Card'; },
    edit: null,
    canMakePayment: function () { return Promise.resolve(true); }
  });

  window.__cardNumber = '4242424242424242';
  events.paymentEvents.onPaymentSetup(function () {
    var active = wc.wcBlocksData.select('wc/store/payment').getActivePaymentMethod();
    if (active === 'demo_card') {
      return new Promise(function (resolve) {
        setTimeout(function () {
          resolve({ type: responseTypes.SUCCESS, meta: { paymentMethodData: { demo_card_number: window.__cardNumber } } });
        }, 5);
      });
    }
    return { type: responseTypes.SUCCESS, meta: { paymentMethodData: { myGatewayCustomData: '12345' } } };
  }, 10, { label: 'test-gateway' });

  window.__navigations = [];
  window.__test = {
    load: function (overrides) {
      return fetch('/demo/config.json').then(function (r) { return r.json(); }).then(function (cfg) {
        var opts = {
          nonce: cfg.nonce,
          storeApiUrl: cfg.storeApiUrl,
          checkoutData: cfg.checkoutData,
          cart: cfg.cart,
          navigate: function (url) { window.__navigations.push(url); }
        };
        Object.keys(overrides || {}).forEach(function (k) { opts[k] = overrides[k]; });
        var t0 = performance.now();
        return wc.wcCheckoutWasm.load(opts).then(function () { return performance.now() - t0; });
      });
    },
    fillAddress: function () {
      var addr = {
        first_name: 'Ada', last_name: 'Lovelace', company: '', address_1: '12 Analytical Row', address_2: '',
        city: 'London', state: '', postcode: 'N1 9GU', country: 'GB', phone: '', email: 'ada@example.com'
      };
      var cart = wc.wcBlocksData.dispatch('wc/store/cart');
      return Promise.all([cart.setBillingAddress(addr), cart.setShippingAddress(addr)]);
    }
  };
})();
