/*
 * jsref.js — the bench's pure-JS reference of the checkout contract: what a
 * careful hand-written JS implementation of the same stores and event flow
 * costs, to compare the module with (web/bench/run.mjs). It is NOT the
 * product and decides nothing for it.
 *
 * Same shape as checkout.js: frozen snapshot objects per store that
 * selectors read, dispatch(key).action(...) returning a Promise that
 * resolves after the subscribers ran, observers in priority order awaited
 * one by one (an error/failure response stops the emission), and
 * onSubmit(): validation observers -> before_processing -> payment setup
 * observers -> POST {storeApiUrl}/checkout (JSON) -> processing response ->
 * success observers -> complete, publishing a new snapshot per change.
 *
 * Defines globalThis.jsRef = { create(options) -> store }.
 */
(function (root) {
  'use strict';

  var CHECKOUT = 'wc/store/checkout';
  var PAYMENT = 'wc/store/payment';

  function checkoutView(s) {
    return Object.freeze({
      getCheckoutStatus: s.status,
      isIdle: s.status === 'idle',
      isComplete: s.status === 'complete',
      isBeforeProcessing: s.status === 'before_processing',
      isProcessing: s.status === 'processing',
      isAfterProcessing: s.status === 'after_processing',
      hasError: s.hasError,
      getOrderId: s.orderId,
      getOrderNotes: s.orderNotes,
      getRedirectUrl: s.redirectUrl
    });
  }

  function paymentView(s) {
    return Object.freeze({
      getActivePaymentMethod: s.activePaymentMethod,
      getPaymentMethodData: s.paymentMethodData,
      isPaymentReady: s.status === 'ready',
      isPaymentProcessing: s.status === 'processing',
      hasPaymentError: s.status === 'error',
      getPaymentResult: s.paymentResult
    });
  }

  function create(options) {
    var opts = options || {};
    var state = {};
    state[CHECKOUT] = { status: 'idle', hasError: false, orderId: 0, orderNotes: '', redirectUrl: '' };
    state[PAYMENT] = { status: 'idle', activePaymentMethod: opts.paymentMethod || 'bacs', paymentMethodData: Object.freeze({}), paymentResult: null };
    var views = {};
    views[CHECKOUT] = checkoutView(state[CHECKOUT]);
    views[PAYMENT] = paymentView(state[PAYMENT]);
    var listeners = [];
    var observers = Object.create(null);
    var nextId = 0;

    function set(key, patch) {
      var prev = state[key];
      var next = Object.assign({}, prev, patch);
      var changed = false;
      for (var k in patch) if (prev[k] !== next[k]) changed = true;
      if (!changed) return;
      state[key] = next;
      views[key] = key === CHECKOUT ? checkoutView(next) : paymentView(next);
      var list = listeners;
      for (var i = 0; i < list.length; i++) {
        if (list[i].key === null || list[i].key === key) {
          try { list[i].fn(); } catch (e) { console.error(e); }
        }
      }
    }

    var selectors = {};
    [CHECKOUT, PAYMENT].forEach(function (key) {
      var s = {};
      Object.keys(views[key]).forEach(function (name) {
        s[name] = function () { return views[key][name]; };
      });
      selectors[key] = Object.freeze(s);
    });

    var actions = {};
    actions[CHECKOUT] = Object.freeze({
      __internalSetOrderNotes: function (notes) {
        if (typeof notes !== 'string') return Promise.reject(new TypeError('orderNotes must be a string'));
        set(CHECKOUT, { orderNotes: notes });
        return Promise.resolve();
      },
      __internalSetRedirectUrl: function (url) {
        set(CHECKOUT, { redirectUrl: String(url) });
        return Promise.resolve();
      }
    });

    function on(event) {
      return function (fn, priority) {
        var entry = { fn: fn, priority: priority === undefined ? 10 : priority, id: ++nextId };
        var list = (observers[event] || []).concat([entry]);
        list.sort(function (a, b) { return a.priority - b.priority || a.id - b.id; });
        observers[event] = list;
        return function () {
          observers[event] = (observers[event] || []).filter(function (e) { return e !== entry; });
        };
      };
    }

    // Calls the observers one after the other, each awaited; stops at an
    // error or failure response. Resolves with the responses.
    function emit(event, data, attemptId) {
      var list = observers[event] || [];
      var responses = [];
      var i = 0;
      function next() {
        if (i >= list.length) return Promise.resolve(responses);
        var entry = list[i++];
        var out;
        try {
          out = entry.fn(data, { attemptId: attemptId });
        } catch (e) {
          responses.push({ type: 'error' });
          return Promise.resolve(responses);
        }
        return Promise.resolve(out).then(function (r) {
          if (r && typeof r === 'object' && typeof r.type === 'string') {
            responses.push(r);
            if (r.type === 'error' || r.type === 'failure') return responses;
          }
          return next();
        }, function () {
          responses.push({ type: 'error' });
          return responses;
        });
      }
      return next();
    }

    var attempts = 0;
    function onSubmit() {
      var attemptId = 'a' + (++attempts);
      set(CHECKOUT, { status: 'before_processing', hasError: false });
      return emit('checkout_validation', {}, attemptId).then(function (rs) {
        if (rs.some(function (r) { return r.type !== 'success'; })) {
          set(CHECKOUT, { status: 'idle', hasError: true });
          return { outcome: 'validation_failed' };
        }
        set(PAYMENT, { status: 'processing' });
        return emit('payment_setup', {}, attemptId).then(function (prs) {
          var data = {};
          prs.forEach(function (r) {
            if (r.meta && r.meta.paymentMethodData) Object.assign(data, r.meta.paymentMethodData);
          });
          set(PAYMENT, { status: 'ready', paymentMethodData: Object.freeze(data) });
          set(CHECKOUT, { status: 'processing' });
          var body = {
            billing_address: opts.billingAddress || {},
            shipping_address: opts.shippingAddress || {},
            customer_note: state[CHECKOUT].orderNotes,
            payment_method: state[PAYMENT].activePaymentMethod,
            payment_data: Object.keys(data).map(function (k) { return { key: k, value: data[k] }; }),
            extensions: {}
          };
          return fetch(opts.storeApiUrl + '/checkout', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Nonce: opts.nonce || '' },
            body: JSON.stringify(body),
            cache: 'no-store',
            credentials: 'same-origin'
          }).then(function (resp) { return resp.json(); }).then(function (json) {
            var pr = json.payment_result || {};
            set(PAYMENT, { paymentResult: Object.freeze({ paymentStatus: pr.payment_status, redirectUrl: pr.redirect_url || '' }) });
            set(CHECKOUT, { status: 'after_processing', orderId: json.order_id || 0, redirectUrl: pr.redirect_url || '' });
            return emit('checkout_success', { processingResponse: pr }, attemptId);
          }).then(function () {
            set(CHECKOUT, { status: 'complete' });
            return { outcome: 'complete', redirectUrl: state[CHECKOUT].redirectUrl };
          });
        });
      });
    }

    return {
      select: function (key) { return selectors[key]; },
      dispatch: function (key) { return actions[key]; },
      subscribe: function (fn, key) {
        var entry = { fn: fn, key: key === undefined ? null : key };
        listeners = listeners.concat([entry]);
        return function () { listeners = listeners.filter(function (l) { return l !== entry; }); };
      },
      onCheckoutValidation: on('checkout_validation'),
      onPaymentSetup: on('payment_setup'),
      onCheckoutSuccess: on('checkout_success'),
      onSubmit: onSubmit,
      reset: function () { set(CHECKOUT, { status: 'idle', hasError: false, redirectUrl: '', orderId: 0 }); set(PAYMENT, { status: 'idle', paymentResult: null }); }
    };
  }

  root.jsRef = { create: create };
})(typeof globalThis !== 'undefined' ? globalThis : this);
