// React test page script: two gateway components written as WooCommerce
// gateways write them (React elements, useEffect subscriptions with
// cleanup), registered before the module loads. Needs window.React (the
// runner adds the UMD builds before this script runs its components).
(function () {
  'use strict';
  var registry = wc.wcBlocksRegistry;
  var live = { bacs: 0, demo_card: 0, demo_express: 0 };
  var log = [];
  window.__react = { live: live, log: log, renders: { bacs: 0, demo_card: 0 } };

  function h() { return window.React.createElement.apply(null, arguments); }

  // bacs: one onPaymentSetup observer while mounted.
  function Bacs(props) {
    var R = window.React;
    window.__react.renders.bacs++;
    window.__react.lastProps = props;
    R.useEffect(function () {
      live.bacs++;
      var off = props.eventRegistration.onPaymentSetup(function () {
        return { type: props.emitResponse.responseTypes.SUCCESS, meta: { paymentMethodData: { react_bacs: 'yes' } } };
      });
      return function () { live.bacs--; off(); };
    }, [props.eventRegistration, props.emitResponse]);
    return h('p', { className: 'bacs-content' }, 'Bank transfer for ', props.billing.cartTotal.label);
  }

  // demo_card: keeps a token in component state; its observer is
  // re-registered when the token changes (the D43 wallet pattern).
  function Card(props) {
    var R = window.React;
    var st = R.useState('');
    var token = st[0];
    window.__react.setToken = st[1];
    window.__react.renders.demo_card++;
    R.useEffect(function () {
      live.demo_card++;
      var off = props.eventRegistration.onPaymentSetup(function () {
        log.push('observer token=' + token);
        return { type: props.emitResponse.responseTypes.SUCCESS, meta: { paymentMethodData: { demo_card_number: token || 'no-token-yet' } } };
      });
      return function () { live.demo_card--; off(); };
    }, [token, props.eventRegistration, props.emitResponse]);
    return h('div', { className: 'card-content' }, 'Card token: ' + (token || 'none'));
  }

  function Express(props) {
    var R = window.React;
    R.useEffect(function () {
      live.demo_express++;
      return function () { live.demo_express--; };
    }, []);
    return h('button', { type: 'button', className: 'express-button', style: { height: props.buttonAttributes.height } }, 'Express');
  }

  function Label(props) {
    return h(props.components.PaymentMethodLabel, { text: 'Direct bank transfer' });
  }

  window.__registerReactMethods = function () {
    registry.registerPaymentMethod({
      name: 'bacs', label: h(Label), ariaLabel: 'Direct bank transfer',
      content: h(Bacs), edit: h(Bacs), canMakePayment: function () { return true; }
    });
    registry.registerPaymentMethod({
      name: 'demo_card', label: 'Card', ariaLabel: 'Card',
      content: h(Card), edit: h(Card), canMakePayment: function () { return true; }
    });
    registry.registerExpressPaymentMethod({
      name: 'demo_express', content: h(Express), edit: h(Express), canMakePayment: function () { return true; }
    });
  };
})();
