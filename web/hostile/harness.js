// Hostile-input suite: the in-page harness. Uses only wc.* globals.
// window.__h runs one case by name: the case's hostile action, then the
// consistency check, then the proof of life (reset, then a full purchase
// through the real Store API route must complete), each bounded in time.
(function () {
  'use strict';
  var data = wc.wcBlocksData;
  var events = wc.blocksCheckoutEvents;
  var RT = events.emitResponse.responseTypes;
  var realFetch = window.fetch;
  var cleanups = [];
  var cases = [];

  wc.wcBlocksRegistry.registerPaymentMethod({
    name: 'bacs', label: 'Direct bank transfer', ariaLabel: 'Direct bank transfer',
    content: function () { return 'Pay by bank transfer.'; },
    edit: function () { return null; },
    canMakePayment: function () { return true; }
  });
  // The well-behaved gateway observer: always there.
  events.paymentEvents.onPaymentSetup(function () {
    return { type: RT.SUCCESS, meta: { paymentMethodData: { good: 'yes' } } };
  }, 1, { label: 'good-gateway' });

  window.__navigations = [];

  function withTimeout(p, ms, what) {
    var timer;
    return Promise.race([
      Promise.resolve(p),
      new Promise(function (_, reject) { timer = setTimeout(function () { reject(new Error(what + ' did not settle within ' + ms + ' ms')); }, ms); })
    ]).finally(function () { clearTimeout(timer); });
  }

  var h = {
    RT: RT,
    data: data,
    events: events,
    checkout: function () { return data.select('wc/store/checkout'); },
    payment: function () { return data.select('wc/store/payment'); },
    notices: function (ctx) { return data.select('core/notices').getNotices(ctx); },
    // on registers an observer for this case only.
    on: function (name, fn, prio, opts) {
      var reg = events.eventRegistration[name];
      var unsub = reg(fn, prio === undefined ? 10 : prio, opts);
      cleanups.push(unsub);
      return unsub;
    },
    subscribe: function (fn, store) {
      var unsub = data.subscribe(fn, store);
      cleanups.push(unsub);
      return unsub;
    },
    // fetch replaces window.fetch for this case.
    fetch: function (fn) { window.fetch = fn; cleanups.push(function () { window.fetch = realFetch; }); },
    realFetch: function () { return realFetch.apply(window, arguments); },
    submit: function (ms) { return withTimeout(wc.wcCheckoutWasm.onSubmit(), ms || 8000, 'onSubmit()'); },
    // expectThrow runs fn; it must throw synchronously an Error of type ctor
    // (by name) whose message contains each of parts, or return a Promise
    // that rejects likewise, within 5 s.
    expectThrow: function (fn, ctor, parts) {
      var check = function (e) {
        if (!(e instanceof Error)) throw new Error('expected an Error, got ' + String(e));
        if (ctor && e.name !== ctor) throw new Error('expected a ' + ctor + ', got ' + e.name + ': ' + e.message);
        (parts || []).forEach(function (p) {
          if (e.message.indexOf(p) < 0) throw new Error('message "' + e.message + '" does not name ' + p);
        });
        return e;
      };
      var r;
      try { r = fn(); } catch (e) { return Promise.resolve(check(e)); }
      return withTimeout(r, 5000, 'the call').then(function () {
        throw new Error('expected a ' + (ctor || 'throw') + ', but the call succeeded');
      }, check);
    },
    // settleOrThrow: the call may succeed or throw, but must not hang or kill.
    survive: function (fn) {
      var r;
      try { r = fn(); } catch (e) { return Promise.resolve({ threw: e }); }
      return withTimeout(Promise.resolve(r).then(function (v) { return { value: v }; }, function (e) { return { rejected: e }; }), 5000, 'the call');
    },
    // consistent is the invariant after any attempt (issue 9 point 3).
    consistent: function (out) {
      var c = h.checkout();
      var st = c.getCheckoutStatus();
      if (['complete', 'failed', 'error', 'timeout', 'reset'].indexOf(out.outcome) < 0) throw new Error('unknown outcome ' + JSON.stringify(out));
      if (st !== 'idle' && st !== 'complete') throw new Error('status after the attempt is ' + st + ' (outcome ' + out.outcome + ')');
      var ps = h.payment().getCurrentStatus();
      if (st !== 'complete' && (ps.isProcessing || h.payment().isPaymentReady() && out.outcome !== 'failed' && out.outcome !== 'timeout' && out.outcome !== 'reset' && out.outcome !== 'error')) {
        // a ready payment may stay ready after a failed attempt (ref), never processing
      }
      if (ps.isProcessing && st !== 'complete') throw new Error('payment still processing after ' + out.outcome);
      if (out.outcome === 'error') {
        if (!c.hasError()) throw new Error('error outcome without hasError');
        if (h.notices('wc/cart').length === 0) throw new Error('error outcome without a notice for the shopper');
      }
      if (out.status !== st) throw new Error('outcome status ' + out.status + ' but the store says ' + st);
      return out;
    },
    // attempt submits and checks the invariant; returns the outcome.
    attempt: function (ms) { return h.submit(ms).then(h.consistent); },
    cleanup: function () {
      while (cleanups.length) { try { cleanups.pop()(); } catch (e) { /* keep going */ } }
      window.fetch = realFetch;
    },
    // alive proves the module works: reset, then a full purchase completes.
    alive: function () {
      h.cleanup();
      wc.wcCheckoutWasm.reset();
      var pay = data.dispatch('wc/store/payment');
      return Promise.resolve()
        .then(function () { if (h.payment().getActivePaymentMethod() !== 'bacs') return pay.__internalSetActivePaymentMethod('bacs'); })
        .then(function () { return h.submit(10000); })
        .then(function (out) {
          if (out.outcome !== 'complete') throw new Error('proof of life: the purchase ended ' + JSON.stringify(out) + ' notices ' + JSON.stringify(data.select('core/notices').getNotices('wc/cart')));
          wc.wcCheckoutWasm.reset();
          return out;
        });
    },
    add: function (group, name, fn) { cases.push({ group: group, name: group + ': ' + name, fn: fn }); },
    names: function () { return cases.map(function (c) { return c.name; }); },
    run: function (name) {
      var c = cases.filter(function (x) { return x.name === name; })[0];
      if (!c) return Promise.reject(new Error('no case ' + name));
      var t0 = performance.now();
      var detail;
      return withTimeout(Promise.resolve().then(function () { return c.fn(h); }), 15000, 'the case')
        .then(function (d) { detail = d; })
        .finally(function () { h.cleanup(); })
        .then(function () {
          var caseMs = performance.now() - t0;
          return h.alive().then(function () {
            return { caseMs: caseMs, totalMs: performance.now() - t0, detail: detail === undefined ? '' : String(detail) };
          });
        });
    },
    load: function () {
      return fetch('/demo/config.json').then(function (r) { return r.json(); }).then(function (cfg) {
        return wc.wcCheckoutWasm.load({
          nonce: cfg.nonce, storeApiUrl: cfg.storeApiUrl, checkoutData: cfg.checkoutData, cart: cfg.cart,
          navigate: function (url) { window.__navigations.push(url); },
          observerTimeoutMs: { checkout_validation: 3000, payment_setup: 3000, checkout_success: 3000, checkout_fail: 3000 }
        });
      }).then(function () {
        var addr = { first_name: 'Ada', last_name: 'Lovelace', company: '', address_1: '12 Analytical Row', address_2: '',
          city: 'London', state: '', postcode: 'N1 9GU', country: 'GB', phone: '', email: 'ada@example.com' };
        var cart = data.dispatch('wc/store/cart');
        return Promise.all([cart.setBillingAddress(addr), cart.setShippingAddress(addr)]);
      });
    }
  };
  window.__h = h;
})();
