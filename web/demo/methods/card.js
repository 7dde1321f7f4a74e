/*
 * Demo card ("demo_card") for the demo checkout.
 *
 * A gateway script written against the wc.* globals only. Its content is a
 * small card form (number, expiry, security code), built once with
 * document.createElement and reused on every activation so that what the
 * shopper typed survives switching methods.
 *
 * While demo_card is the active method it observes:
 *   - onPaymentSetup: waits for a simulated tokenisation (150 ms), then
 *       incomplete fields      -> {type:'error', message, messageContext: payments,
 *                                  validationErrors} (fields marked inline)
 *       a number failing Luhn  -> {type:'failure', message, messageContext: payments}
 *       otherwise              -> success with meta.paymentMethodData
 *                                  {demo_card_number, demo_card_exp, demo_card_token}
 *   - onCheckoutFail: a declined or failed payment (processingResponse with
 *       paymentStatus 'failure' or 'error') is shown in the payments area with
 *       the server's message, and checkout stays open for another try.
 * Everything is unregistered (and its validation errors cleared) when another
 * method becomes active.
 *
 * Demo server test numbers: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002
 * is declined, 4000 0000 0000 0119 gets a processor error.
 */
(function () {
  'use strict';

  var NAME = 'demo_card';
  var TITLE = 'Credit or debit card';
  var TOKENISE_MS = 150;
  var data = wc.wcBlocksData;
  var VALIDATION = data.VALIDATION_STORE_KEY;

  var FIELDS = {
    number: { id: 'demo-card-number', label: 'Card number', autocomplete: 'cc-number', placeholder: '1234 1234 1234 1234', size: 'full' },
    expiry: { id: 'demo-card-expiry', label: 'Expiry date', autocomplete: 'cc-exp', placeholder: 'MM / YY', size: 'half' },
    cvc: { id: 'demo-card-cvc', label: 'Security code', autocomplete: 'cc-csc', placeholder: 'CVC', size: 'half' }
  };
  var FIELD_IDS = Object.keys(FIELDS).map(function (k) { return FIELDS[k].id; });

  var form = null;        // the content node, built once
  var inputs = {};        // key -> input element
  var stopObserving = null;

  function digits(s) { return String(s || '').replace(/\D/g, ''); }

  function luhn(number) {
    var sum = 0;
    for (var i = 0; i < number.length; i++) {
      var d = Number(number.charAt(number.length - 1 - i));
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return number.length > 0 && sum % 10 === 0;
  }

  // "MMYY" digits -> {month, year} or null.
  function parseExpiry(s) {
    var d = digits(s);
    if (d.length !== 4) return null;
    var month = Number(d.slice(0, 2));
    var year = 2000 + Number(d.slice(2));
    if (month < 1 || month > 12) return null;
    return { month: month, year: year };
  }

  function formatNumber(s) {
    return digits(s).slice(0, 19).replace(/(\d{4})(?=\d)/g, '$1 ');
  }

  function formatExpiry(s, deleting) {
    var d = digits(s).slice(0, 4);
    if (d.length === 1 && Number(d) > 1) d = '0' + d;
    if (d.length > 2 || (d.length === 2 && !deleting)) return d.slice(0, 2) + ' / ' + d.slice(2);
    return d;
  }

  function randomToken() {
    var bytes = new Uint8Array(8);
    window.crypto.getRandomValues(bytes);
    return 'tok_demo_' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // The simulated tokenisation request; resolves early (with false) when the
  // attempt ends first.
  function tokenise(signal) {
    return new Promise(function (resolve) {
      var timer = setTimeout(function () { resolve(true); }, TOKENISE_MS);
      if (signal) {
        signal.addEventListener('abort', function () {
          clearTimeout(timer);
          resolve(false);
        });
      }
    });
  }

  // The message for each incomplete field, keyed by validation id.
  function problems() {
    var out = {};
    var number = digits(inputs.number.value);
    if (number.length < 13) out[FIELDS.number.id] = number.length === 0 ? 'Please enter your card number.' : 'Your card number is incomplete.';
    var exp = parseExpiry(inputs.expiry.value);
    if (!exp) {
      out[FIELDS.expiry.id] = digits(inputs.expiry.value).length === 0 ? 'Please enter the expiry date of your card.' : "Your card's expiry date is incomplete.";
    } else {
      var now = new Date();
      if (exp.year < now.getFullYear() || (exp.year === now.getFullYear() && exp.month < now.getMonth() + 1)) {
        out[FIELDS.expiry.id] = "Your card's expiry date is in the past.";
      }
    }
    var cvc = digits(inputs.cvc.value);
    if (cvc.length < 3) out[FIELDS.cvc.id] = cvc.length === 0 ? "Please enter your card's security code." : "Your card's security code is incomplete.";
    return out;
  }

  function cardPaymentSetup(_data, ctx) {
    var responseTypes = wc.blocksCheckoutEvents.emitResponse.responseTypes;
    var PAYMENTS = wc.blocksCheckoutEvents.emitResponse.noticeContexts.PAYMENTS;
    var signal = ctx && ctx.signal;
    var number = digits(inputs.number.value);
    var expiry = digits(inputs.expiry.value);
    var found = problems();
    return tokenise(signal).then(function (done) {
      if (!done) return undefined; // the attempt ended; nothing to answer
      var ids = Object.keys(found);
      if (ids.length > 0) {
        var validationErrors = {};
        ids.forEach(function (id) { validationErrors[id] = { message: found[id], hidden: false }; });
        return {
          type: responseTypes.ERROR,
          message: ids.length === 1 ? found[ids[0]] : 'Your card details are incomplete. Please check the highlighted fields.',
          messageContext: PAYMENTS,
          validationErrors: validationErrors
        };
      }
      if (!luhn(number)) {
        return { type: responseTypes.FAIL, message: 'Your card number is invalid.', messageContext: PAYMENTS };
      }
      return {
        type: responseTypes.SUCCESS,
        meta: {
          paymentMethodData: {
            demo_card_number: number,
            demo_card_exp: expiry.slice(0, 2) + '/' + expiry.slice(2),
            demo_card_token: randomToken()
          }
        }
      };
    });
  }

  function cardCheckoutFail(payload) {
    var emitResponse = wc.blocksCheckoutEvents.emitResponse;
    var result = payload && payload.processingResponse;
    if (!result || (result.paymentStatus !== 'failure' && result.paymentStatus !== 'error')) return undefined;
    return {
      type: result.paymentStatus === 'error' ? emitResponse.responseTypes.ERROR : emitResponse.responseTypes.FAIL,
      message: result.message || 'Your payment could not be processed. Please try another card.',
      messageContext: emitResponse.noticeContexts.PAYMENTS
    };
  }

  // Inline errors come from the validation store (set by the ERROR response
  // above); editing a field clears its error.
  function renderErrors() {
    if (!form) return;
    var validation = data.select(VALIDATION);
    Object.keys(FIELDS).forEach(function (key) {
      var f = FIELDS[key];
      var input = inputs[key];
      var wrapper = input.parentNode;
      var error = validation.getValidationError(f.id);
      var errorId = validation.getValidationErrorId(f.id);
      var shown = wrapper.querySelector('.field__error');
      if (error && errorId) {
        if (!shown) {
          shown = document.createElement('p');
          shown.className = 'field__error';
          wrapper.appendChild(shown);
        }
        shown.id = errorId;
        shown.textContent = String(error.message);
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', errorId);
        wrapper.classList.add('field--invalid');
      } else {
        if (shown) wrapper.removeChild(shown);
        input.removeAttribute('aria-invalid');
        input.setAttribute('aria-describedby', 'demo-card-hint');
        wrapper.classList.remove('field--invalid');
      }
    });
  }

  function buildForm() {
    var box = document.createElement('div');
    box.className = 'card-form';
    var grid = document.createElement('div');
    grid.className = 'fields';
    Object.keys(FIELDS).forEach(function (key) {
      var f = FIELDS[key];
      var wrapper = document.createElement('div');
      wrapper.className = 'field field--' + f.size;
      var label = document.createElement('label');
      label.setAttribute('for', f.id);
      label.textContent = f.label;
      var input = document.createElement('input');
      input.id = f.id;
      input.name = f.id;
      input.type = 'text';
      input.inputMode = 'numeric';
      input.autocomplete = f.autocomplete;
      input.placeholder = f.placeholder;
      input.spellcheck = false;
      input.setAttribute('aria-describedby', 'demo-card-hint');
      input.addEventListener('input', function (event) {
        var deleting = event.inputType && event.inputType.indexOf('delete') === 0;
        if (key === 'number') input.value = formatNumber(input.value);
        if (key === 'expiry') input.value = formatExpiry(input.value, deleting);
        if (key === 'cvc') input.value = digits(input.value).slice(0, 4);
        if (data.select(VALIDATION).getValidationError(f.id)) data.dispatch(VALIDATION).clearValidationError(f.id);
      });
      wrapper.appendChild(label);
      wrapper.appendChild(input);
      grid.appendChild(wrapper);
      inputs[key] = input;
    });
    box.appendChild(grid);
    var hint = document.createElement('p');
    hint.className = 'method-hint';
    hint.id = 'demo-card-hint';
    hint.textContent = 'Test cards: 4242 4242 4242 4242 (approved), 4000 0000 0000 0002 (declined). ' +
      'Any future expiry date and any three-digit code.';
    box.appendChild(hint);
    return box;
  }

  function content(props) {
    if (stopObserving) stopObserving();
    if (!form) form = buildForm();
    var registration = props.eventRegistration;

    var unsubscribers = [
      registration.onPaymentSetup(cardPaymentSetup, 10, { label: 'demo_card: tokenise' }),
      registration.onCheckoutFail(cardCheckoutFail, 10, { label: 'demo_card: payment declined' }),
      data.subscribe(renderErrors, data.validationStore),
      data.subscribe(function () {
        if (data.select(data.PAYMENT_STORE_KEY).getActivePaymentMethod() !== NAME && stopObserving) stopObserving();
      }, data.paymentStore)
    ];
    stopObserving = function () {
      stopObserving = null;
      unsubscribers.forEach(function (u) { u(); });
      data.dispatch(VALIDATION).clearValidationErrors(FIELD_IDS);
    };
    renderErrors();
    return form;
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
