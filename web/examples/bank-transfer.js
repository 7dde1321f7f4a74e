// @ts-check
/*
 * Direct bank transfer ("bacs"): a complete payment-method script written
 * against the wc.* globals of web/checkout.js only (no React, no bundler).
 *
 * Load it after checkout.js, before or after wc.wcCheckoutWasm.load(): the
 * registration is queued until the module is ready.
 *
 * What it does, as the seed's example does with React:
 *   - registers the method "bacs";
 *   - while bacs is the active method, observes payment setup and answers
 *     SUCCESS with meta.paymentMethodData, which the checkout request then
 *     sends as payment_data [{key: 'myGatewayCustomData', value: '12345'}];
 *   - unsubscribes that observer when another method becomes active (the
 *     React version does it when its component unmounts).
 */
(function () {
  'use strict';

  var PAYMENT_METHOD_NAME = 'bacs';
  var settings = {
    title: 'Direct bank transfer',
    description: 'Make your payment directly into our bank account. ' +
      'Please use your Order ID as the payment reference.'
  };

  var data = wc.wcBlocksData;

  /** @type {WcCheckout.Unsubscribe | null} */
  var unsubscribePaymentSetup = null;
  /** @type {WcCheckout.Unsubscribe | null} */
  var unsubscribeStore = null;

  function stopObserving() {
    if (unsubscribePaymentSetup) {
      unsubscribePaymentSetup();
      unsubscribePaymentSetup = null;
    }
    if (unsubscribeStore) {
      unsubscribeStore();
      unsubscribeStore = null;
    }
  }

  /**
   * Called by checkout.js each time bacs becomes the active method.
   * @param {WcCheckout.PaymentMethodProps} props
   * @returns {string}
   */
  function content(props) {
    var eventRegistration = props.eventRegistration;
    var responseTypes = props.emitResponse.responseTypes;

    stopObserving(); // at most one observer, however often bacs is re-activated

    unsubscribePaymentSetup = eventRegistration.onPaymentSetup(function bacsPaymentSetup() {
      // Any processing the gateway needs (validate a field, ask a server, ...).
      var myGatewayCustomData = '12345';
      if (myGatewayCustomData.length > 0) {
        return {
          type: responseTypes.SUCCESS,
          meta: { paymentMethodData: { myGatewayCustomData: myGatewayCustomData } }
        };
      }
      return { type: responseTypes.ERROR, message: 'There was an error' };
    }, 10, { label: 'bacs payment setup' });

    // "Unmount": stop observing when another payment method becomes active.
    unsubscribeStore = data.subscribe(function () {
      if (data.select(data.PAYMENT_STORE_KEY).getActivePaymentMethod() !== PAYMENT_METHOD_NAME) {
        stopObserving();
      }
    }, data.paymentStore);

    return settings.description;
  }

  wc.wcBlocksRegistry.registerPaymentMethod({
    name: PAYMENT_METHOD_NAME,
    label: settings.title,
    ariaLabel: settings.title,
    content: content,
    edit: content,
    canMakePayment: function () { return true; },
    supports: { features: ['products'] }
  });
})();
