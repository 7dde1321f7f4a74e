/*
 * Demo card with 3-D Secure ("demo_3ds") for the demo checkout.
 *
 * A gateway script written against the wc.* globals only. While demo_3ds is
 * the active method it observes:
 *   - onPaymentSetup: success at once (the demo server needs no card data).
 *   - onCheckoutSuccess(payload, {signal}): the server answered with
 *       processingResponse.paymentDetails['3ds_challenge_url'] and
 *       ['3ds_confirm_url']. The script shows an in-page "bank
 *       authentication" step (a modal dialog with Approve and Fail, and a
 *       link "Open bank page" that leaves for the bank's own challenge page),
 *       POSTs the shopper's decision to the confirm URL and answers
 *         approved -> {type:'success', redirectUrl}
 *         failed   -> {type:'error', message, retry: true, messageContext: payments}
 *       When the attempt ends first (signal aborted: reset, back/forward
 *       cache, time budget), the dialog closes and nothing is answered.
 *       Every URL from the server (challenge, confirm, redirect_url) passes
 *       safeHttpUrl, the redirect rule of D16/D25: only http: and https:
 *       after resolving against the page. A challenge or confirm URL that
 *       fails it is never linked or fetched: the observer answers
 *         {type:'error', message, retry: true, messageContext: payments}
 *       (and warns on the console); a redirect_url that fails it is dropped
 *       (the checkout's own order-received URL is used).
 * Everything is unregistered when another method becomes active.
 *
 * Loaded as a CommonJS module (the Node tests), it registers nothing and
 * exports {safeHttpUrl, checkoutSuccess}.
 */
(function () {
  'use strict';

  var NAME = 'demo_3ds';
  var TITLE = 'Card with 3-D Secure';
  var MSG_BAD_BANK_URL = 'Your bank\'s authentication page could not be opened. ' +
    'Please try again or choose another payment method.';

  /**
   * The URL raw resolves to against base, when it is a string whose scheme
   * after resolving is http: or https: (D16, D25: the rule redirects follow);
   * null otherwise (javascript:, data:, any other scheme, a relative URL
   * against a base that is not http(s), an unparsable string, a non-string).
   * The URL parser strips surrounding spaces and C0 controls and removes
   * tabs and newlines first, so "java\tscript:" is javascript: here too.
   * @param {unknown} raw
   * @param {string} [base]
   * @returns {URL | null}
   */
  function safeHttpUrl(raw, base) {
    if (typeof raw !== 'string' || raw === '') return null;
    var url;
    try {
      url = base === undefined ? new URL(raw) : new URL(raw, base);
    } catch (e) {
      return null;
    }
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  }

  var stopObserving = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function postConfirm(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(function (resp) {
      return resp.json().then(function (json) {
        return { ok: resp.ok, status: resp.status, body: json || {} };
      }, function () {
        return { ok: false, status: resp.status, body: {} };
      });
    });
  }

  // Shows the bank dialog and resolves with the observer's response (or
  // undefined when the signal aborts first).
  function authenticate(challenge, confirmUrl, orderId, signal) {
    var emitResponse = wc.blocksCheckoutEvents.emitResponse;
    var types = emitResponse.responseTypes;
    var PAYMENTS = emitResponse.noticeContexts.PAYMENTS;
    var orderKey = challenge.searchParams.get('key') || '';
    var previousFocus = document.activeElement;

    return new Promise(function (resolve) {
      var settled = false;
      var overlay = el('div', 'demo-modal');
      var dialog = el('div', 'demo-modal__dialog demo-modal__dialog--bank');
      dialog.setAttribute('role', 'dialog');
      dialog.setAttribute('aria-modal', 'true');
      dialog.setAttribute('aria-labelledby', 'demo-3ds-title');
      dialog.setAttribute('aria-describedby', 'demo-3ds-text');

      var header = el('div', 'bank-header');
      header.appendChild(el('span', 'bank-header__logo', 'Demo Bank'));
      header.appendChild(el('span', 'bank-header__secure', 'Secure authentication'));
      var body = el('div', 'demo-modal__body');
      var title = el('h2', 'demo-modal__title', 'Confirm your payment');
      title.id = 'demo-3ds-title';
      var text = el('p', null, 'Demo shop asks you to confirm the card payment for order #' + orderId +
        '. Approve it here, or open your bank\'s page to confirm it there.');
      text.id = 'demo-3ds-text';
      var status = el('p', 'demo-modal__status');
      status.setAttribute('role', 'status');
      var buttons = el('div', 'demo-modal__actions');
      var approve = el('button', 'button button--primary', 'Approve');
      approve.type = 'button';
      var fail = el('button', 'button button--secondary', 'Fail authentication');
      fail.type = 'button';
      buttons.appendChild(approve);
      buttons.appendChild(fail);
      var link = el('a', 'demo-modal__link', 'Open bank page');
      link.href = challenge.href;
      body.appendChild(title);
      body.appendChild(text);
      body.appendChild(buttons);
      body.appendChild(status);
      body.appendChild(link);
      dialog.appendChild(header);
      dialog.appendChild(body);
      overlay.appendChild(dialog);

      function close() {
        if (overlay.parentNode) overlay.parentNode.removeChild(overlay);
        document.removeEventListener('keydown', onKey, true);
        if (previousFocus && typeof previousFocus.focus === 'function' && document.contains(previousFocus)) previousFocus.focus();
      }
      function finish(response) {
        if (settled) return;
        settled = true;
        close();
        resolve(response);
      }
      function onAbort() { finish(undefined); }
      function onKey(event) {
        if (event.key === 'Tab') { // keep focus inside the dialog
          var focusable = [approve, fail, link].filter(function (n) { return !n.disabled; });
          var i = focusable.indexOf(document.activeElement);
          var next = event.shiftKey ? (i <= 0 ? focusable.length - 1 : i - 1) : (i + 1) % focusable.length;
          focusable[next].focus();
          event.preventDefault();
        }
      }
      function decide(outcome) {
        approve.disabled = true;
        fail.disabled = true;
        status.textContent = outcome === 'approve' ? 'Confirming with your bank…' : 'Reporting to your bank…';
        postConfirm(confirmUrl, { order_id: orderId, order_key: orderKey, outcome: outcome }).then(function (res) {
          if (res.ok && res.body.result === 'success') {
            var ok = { type: types.SUCCESS };
            var redirect = safeHttpUrl(res.body.redirect_url, location.href);
            if (redirect) ok.redirectUrl = redirect.href;
            finish(ok);
            return;
          }
          finish({
            type: types.ERROR,
            message: res.body.message || 'Your bank did not confirm the payment. Please try again.',
            retry: true,
            messageContext: PAYMENTS
          });
        }, function () {
          finish({
            type: types.ERROR,
            message: 'We could not reach your bank. Please try again.',
            retry: true,
            messageContext: PAYMENTS
          });
        });
      }

      if (signal) {
        if (signal.aborted) {
          settled = true;
          resolve(undefined);
          return;
        }
        signal.addEventListener('abort', onAbort);
      }
      approve.addEventListener('click', function () { decide('approve'); });
      fail.addEventListener('click', function () { decide('fail'); });
      document.addEventListener('keydown', onKey, true);
      document.body.appendChild(overlay);
      approve.focus();
    });
  }

  function threeDSCheckoutSuccess(payload, ctx) {
    var result = payload && payload.processingResponse;
    var details = (result && result.paymentDetails) || {};
    var challengeUrl = details['3ds_challenge_url'];
    var confirmUrl = details['3ds_confirm_url'];
    if (!challengeUrl || !confirmUrl) return undefined; // no authentication asked for
    var challenge = safeHttpUrl(challengeUrl, location.href);
    var confirm = safeHttpUrl(confirmUrl, location.href);
    if (!challenge || !confirm) {
      console.warn('demo_3ds: refused a bank URL from the server that is not http(s):',
        String(challenge ? confirmUrl : challengeUrl));
      var emitResponse = wc.blocksCheckoutEvents.emitResponse;
      return {
        type: emitResponse.responseTypes.ERROR,
        message: MSG_BAD_BANK_URL,
        retry: true,
        messageContext: emitResponse.noticeContexts.PAYMENTS
      };
    }
    var orderId = Number(challenge.searchParams.get('order')) || payload.orderId;
    return authenticate(challenge, confirm.href, orderId, ctx && ctx.signal);
  }

  if (typeof module === 'object' && module && module.exports) {
    module.exports = { safeHttpUrl: safeHttpUrl, checkoutSuccess: threeDSCheckoutSuccess };
    return;
  }
  var data = wc.wcBlocksData;

  function content(props) {
    if (stopObserving) stopObserving();
    var registration = props.eventRegistration;
    var types = props.emitResponse.responseTypes;
    var unsubscribers = [
      registration.onPaymentSetup(function threeDSPaymentSetup() {
        return { type: types.SUCCESS, meta: { paymentMethodData: { demo_3ds_flow: 'challenge' } } };
      }, 10, { label: 'demo_3ds: payment setup' }),
      registration.onCheckoutSuccess(threeDSCheckoutSuccess, 10, { label: 'demo_3ds: bank authentication' }),
      data.subscribe(function () {
        if (data.select(data.PAYMENT_STORE_KEY).getActivePaymentMethod() !== NAME && stopObserving) stopObserving();
      }, data.paymentStore)
    ];
    stopObserving = function () {
      stopObserving = null;
      unsubscribers.forEach(function (u) { u(); });
    };

    var box = el('div', 'method-description');
    box.appendChild(el('p', null, 'Pay by card. After you place the order, your bank asks you to confirm the ' +
      'payment (3-D Secure).'));
    var hint = el('p', 'method-hint', 'Demo: the bank step lets you approve or fail the authentication.');
    box.appendChild(hint);
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
