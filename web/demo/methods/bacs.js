/*
 * Direct bank transfer ("bacs") for the demo checkout.
 *
 * Written as a gateway developer would, against the wc.* globals of
 * checkout.js only. It registers itself at once (the call is queued until
 * the module is ready). While bacs is the active payment method it observes
 * payment setup and answers SUCCESS synchronously with
 * meta.paymentMethodData, which the checkout request sends as payment_data
 * (like the seed example in checkout-api-interface.md). The observer is
 * removed when another method becomes active, and registered again when
 * content(props) is called on the next activation (D29).
 */
(function () {
  'use strict';

  var NAME = 'bacs';
  var TITLE = 'Direct bank transfer';
  var data = wc.wcBlocksData;

  var stopObserving = null; // unsubscribes everything content() registered

  function content(props) {
    if (stopObserving) stopObserving();
    var responseTypes = props.emitResponse.responseTypes;

    var unsubscribeSetup = props.eventRegistration.onPaymentSetup(function bacsPaymentSetup() {
      return {
        type: responseTypes.SUCCESS,
        meta: { paymentMethodData: { bacs_payment_reference: 'order_number' } }
      };
    }, 10, { label: 'bacs: payment setup' });

    // "Unmount" when another method becomes active.
    var unsubscribeStore = data.subscribe(function () {
      if (data.select(data.PAYMENT_STORE_KEY).getActivePaymentMethod() !== NAME && stopObserving) stopObserving();
    }, data.paymentStore);

    stopObserving = function () {
      unsubscribeSetup();
      unsubscribeStore();
      stopObserving = null;
    };

    var box = document.createElement('div');
    box.className = 'method-description';
    var p = document.createElement('p');
    p.textContent = 'Make your payment directly into our bank account. Please use your order number as the ' +
      'payment reference. Your order will be shipped once the funds have cleared in our account.';
    box.appendChild(p);
    var bank = document.createElement('dl');
    bank.className = 'bank-details';
    [['Account holder', 'Demo Shop GmbH'], ['IBAN', 'DE89 3704 0044 0532 0130 00'], ['BIC', 'COBADEFFXXX']].forEach(function (row) {
      var dt = document.createElement('dt');
      dt.textContent = row[0];
      var dd = document.createElement('dd');
      dd.textContent = row[1];
      bank.appendChild(dt);
      bank.appendChild(dd);
    });
    box.appendChild(bank);
    return box;
  }

  wc.wcBlocksRegistry.registerPaymentMethod({
    name: NAME,
    label: TITLE,
    ariaLabel: TITLE,
    content: content,
    edit: content,
    canMakePayment: function () { return true; },
    supports: { features: ['products'] }
  });
})();
