/*
 * DemoPay ("demo_express"), an express payment method for the demo checkout.
 *
 * A gateway script written against the wc.* globals only. Its content (called
 * once, when the method becomes available, D29) is a "DemoPay" button:
 *   click  -> props.onClick() (express payment started, ref §12), then a small
 *             fake wallet sheet opens:
 *     Pay    -> registers a one-shot onPaymentSetup observer answering SUCCESS
 *               with meta.billingAddress and meta.shippingAddress (complete
 *               addresses, billing with email) and calls props.onSubmit().
 *               If that attempt does not complete, props.onClose() gives the
 *               checkout back to the regular payment methods.
 *     Cancel -> props.onClose() (also Escape).
 *     "Simulate wallet error" -> props.onError('DemoPay is unavailable').
 */
(function () {
  'use strict';

  var NAME = 'demo_express';
  var TITLE = 'DemoPay';

  // What the wallet knows about its owner.
  var WALLET = {
    shipping: {
      first_name: 'Alex', last_name: 'Wallet', company: '', address_1: 'Walletstraße 1', address_2: '',
      city: 'Berlin', state: '', postcode: '10115', country: 'DE', phone: '+49 30 1234567'
    },
    email: 'alex.wallet@demopay.example',
    card: 'Visa •••• 4242'
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function openSheet(props) {
    var emitResponse = props.emitResponse;
    var registration = props.eventRegistration;
    var previousFocus = document.activeElement;

    var overlay = el('div', 'demo-modal demo-modal--sheet');
    var sheet = el('div', 'demo-modal__dialog demo-modal__dialog--wallet');
    sheet.setAttribute('role', 'dialog');
    sheet.setAttribute('aria-modal', 'true');
    sheet.setAttribute('aria-labelledby', 'demopay-title');
    var header = el('div', 'wallet-header');
    var title = el('h2', 'wallet-header__title', 'DemoPay');
    title.id = 'demopay-title';
    header.appendChild(title);
    header.appendChild(el('span', 'wallet-header__merchant', 'Pay Demo shop'));
    var rows = el('dl', 'wallet-rows');
    var a = WALLET.shipping;
    [
      ['Ship to', a.first_name + ' ' + a.last_name + ', ' + a.address_1 + ', ' + a.postcode + ' ' + a.city],
      ['Contact', WALLET.email],
      ['Pay with', WALLET.card]
    ].forEach(function (row) {
      rows.appendChild(el('dt', null, row[0]));
      rows.appendChild(el('dd', null, row[1]));
    });
    var actions = el('div', 'demo-modal__actions');
    var pay = el('button', 'button button--wallet', 'Pay');
    pay.type = 'button';
    var cancel = el('button', 'button button--secondary', 'Cancel');
    cancel.type = 'button';
    actions.appendChild(pay);
    actions.appendChild(cancel);
    var failLink = el('button', 'demo-modal__link-button', 'Simulate wallet error');
    failLink.type = 'button';
    var body = el('div', 'demo-modal__body');
    body.appendChild(rows);
    body.appendChild(actions);
    body.appendChild(failLink);
    sheet.appendChild(header);
    sheet.appendChild(body);
    overlay.appendChild(sheet);

    function close() {
      if (overlay.parentNode) overlay.parentNode.removeChild(overlay);
      document.removeEventListener('keydown', onKey, true);
      if (previousFocus && typeof previousFocus.focus === 'function' && document.contains(previousFocus)) previousFocus.focus();
    }
    function onKey(event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
        props.onClose();
      } else if (event.key === 'Tab') {
        var focusable = [pay, cancel, failLink];
        var i = focusable.indexOf(document.activeElement);
        var next = event.shiftKey ? (i <= 0 ? focusable.length - 1 : i - 1) : (i + 1) % focusable.length;
        focusable[next].focus();
        event.preventDefault();
      }
    }

    pay.addEventListener('click', function () {
      close();
      var shipping = Object.assign({}, WALLET.shipping);
      var billing = Object.assign({}, WALLET.shipping, { email: WALLET.email });
      var unsubscribeSetup = registration.onPaymentSetup(function demoPayPaymentSetup() {
        unsubscribeSetup(); // one shot
        return {
          type: emitResponse.responseTypes.SUCCESS,
          meta: {
            billingAddress: billing,
            shippingAddress: shipping,
            paymentMethodData: { demo_express_wallet: 'demopay' }
          }
        };
      }, 10, { label: 'demo_express: wallet addresses' });
      var unsubscribeSettled = registration.onAttemptSettled(function demoPaySettled(outcome) {
        unsubscribeSettled();
        unsubscribeSetup();
        if (!outcome || outcome.outcome !== 'complete') props.onClose();
      }, 10, { label: 'demo_express: attempt settled' });
      props.onSubmit();
    });
    cancel.addEventListener('click', function () {
      close();
      props.onClose();
    });
    failLink.addEventListener('click', function () {
      close();
      props.onError('DemoPay is unavailable');
    });
    document.addEventListener('keydown', onKey, true);
    document.body.appendChild(overlay);
    pay.focus();
  }

  function content(props) {
    var button = el('button', 'button button--demopay');
    button.type = 'button';
    button.setAttribute('aria-label', 'Pay with DemoPay');
    button.appendChild(el('span', 'button--demopay__mark', '\u25C6'));
    button.appendChild(el('span', null, 'DemoPay'));
    button.addEventListener('click', function () {
      props.onClick();
      openSheet(props);
    });
    return button;
  }

  wc.wcBlocksRegistry.registerExpressPaymentMethod({
    name: NAME,
    label: TITLE,
    ariaLabel: TITLE,
    content: content,
    edit: content,
    canMakePayment: function () { return true; },
    paymentMethodId: NAME,
    supports: { features: ['products'] }
  });
})();
