// Hostile-input suite: the cases. Each is built for a CLASS of failure
// (a kind of hostile value at a kind of entry point) rather than one
// example: the catalogue of hostile values below is crossed with every
// place a page hands the module a value. Every case ends (in the harness)
// with the proof of life: reset, then a full purchase completes, and the
// whole case ran within its time bound.
(function () {
  'use strict';
  var h = window.__h;
  var RT = h.RT;

  function revoked(target) { var r = Proxy.revocable(target, {}); r.revoke(); return r.proxy; }
  function trapsThrow(target, thrown) {
    return new Proxy(target, new Proxy({}, { get: function () { return function () { throw thrown(); }; } }));
  }
  function deep(n) { var o = {}; var c = o; for (var i = 0; i < n; i++) { c.n = {}; c = c.n; } return o; }
  function dag(n) { var leaf = { x: 1 }; for (var i = 0; i < n; i++) leaf = { a: leaf, b: leaf }; return leaf; }
  function manyKeys(n) { var o = {}; for (var i = 0; i < n; i++) o['k' + i] = i; return o; }

  // The catalogue of hostile values (a factory each: a fresh value per use).
  var HOSTILE = {
    'a revoked Proxy (finished Immer draft)': function () { return revoked({}); },
    'a revoked Proxy of an array': function () { return revoked([]); },
    'a Proxy whose traps throw an Error': function () { return trapsThrow({}, function () { return new Error('trap'); }); },
    'a Proxy whose traps throw null': function () { return trapsThrow({}, function () { return null; }); },
    'a Proxy of an array whose traps throw': function () { return trapsThrow([], function () { return 'x'; }); },
    'an object with a getter that throws': function () { return { get paymentMethodData() { throw new Error('getter'); }, type: 'success' }; },
    'an object with a getter that throws undefined': function () { return Object.defineProperty({ type: 'success' }, 'meta', { enumerable: true, get: function () { throw undefined; } }); },
    'a cycle o.a = o; o.b = o': function () { var o = {}; o.a = o; o.b = o; return o; },
    'a longer cycle a.b.c.a': function () { var a = { b: { c: {} } }; a.b.c.a = a; return a; },
    'a DAG of depth 24 (shared references)': function () { return dag(24); },
    'nesting 5,000 deep': function () { return deep(5000); },
    'a sparse array new Array(5e6)': function () { return new Array(5e6); },
    'an object with 100,000 keys': function () { return manyKeys(100000); },
    'a 9 MiB string': function () { return 'x'.repeat(9 << 20); },
    'a BigInt': function () { return 10n; },
    'a Symbol': function () { return Symbol('s'); },
    'Symbol.toPrimitive, toString, valueOf and toJSON that throw null': function () {
      return { [Symbol.toPrimitive]: function () { throw null; }, toString: function () { throw null; }, valueOf: function () { throw null; }, toJSON: function () { throw null; } };
    },
    'a hostile then getter': function () { return Object.defineProperty({}, 'then', { get: function () { throw new Error('then getter'); } }); },
    'a thenable whose then throws': function () { return { then: function () { throw null; } }; },
    'a thenable calling resolve and reject synchronously, twice': function () {
      return { then: function (ok, fail) { ok({ type: 'success' }); fail(null); ok(1); fail(2); } };
    },
    'an object with a null prototype': function () { var o = Object.create(null); o.type = 'success'; return o; },
    'a class instance with throwing getters': function () {
      class Evil { get type() { throw new Error('class getter'); } }
      return new Evil();
    },
    'an array holding a revoked Proxy': function () { return [1, revoked({}), 3]; },
    'a __proto__ own key (JSON.parse)': function () { return JSON.parse('{"type":"success","meta":{"paymentMethodData":{"__proto__":{"polluted":"yes"}}}}'); },
    'an array whose length getter throws': function () { return new Proxy([1, 2], { get: function (t, k) { if (k === 'length') throw new Error('length'); return t[k]; } }); },
    'a function with throwing properties': function () { var f = function () {}; Object.defineProperty(f, 'name', { get: function () { throw null; } }); return f; },
  };
  var names = Object.keys(HOSTILE);

  // 1. Hostile observer returns, at payment setup, as the result itself and
  //    inside meta.paymentMethodData: the attempt ends consistently.
  names.forEach(function (n) {
    h.add('observer returns', 'onPaymentSetup returns ' + n, function () {
      h.on('onPaymentSetup', function () { return HOSTILE[n](); }, 20);
      return h.attempt().then(function (out) { return out.outcome; });
    });
    h.add('observer returns', 'onPaymentSetup success with paymentMethodData = ' + n, function () {
      h.on('onPaymentSetup', function () { return { type: RT.SUCCESS, meta: { paymentMethodData: { bad: HOSTILE[n]() } } }; }, 20);
      return h.attempt().then(function (out) { return out.outcome; });
    });
  });
  // ... as a validation result and from the success event.
  names.forEach(function (n) {
    h.add('observer returns', 'onCheckoutValidation resolves to ' + n, function () {
      h.on('onCheckoutValidation', function () { return Promise.resolve(HOSTILE[n]()); });
      return h.attempt().then(function (out) { return out.outcome; });
    });
  });
  ['a cycle o.a = o; o.b = o', 'a revoked Proxy (finished Immer draft)', 'a Proxy whose traps throw null', 'a BigInt', 'a sparse array new Array(5e6)'].forEach(function (n) {
    h.add('observer returns', 'onCheckoutSuccess returns ' + n, function () {
      h.on('onCheckoutSuccess', function () { return HOSTILE[n](); });
      return h.attempt().then(function (out) { return out.outcome; });
    });
  });

  h.add('observer returns', 'paymentMethodData holding a class instance whose toJSON throws null (the request body cannot be built)', function () {
    class Card { toJSON() { throw null; } }
    h.on('onPaymentSetup', function () { return { type: RT.SUCCESS, meta: { paymentMethodData: { card: new Card() } } }; }, 20);
    return h.attempt().then(function (out) {
      if (out.outcome !== 'error') throw new Error('outcome ' + out.outcome);
      return out.outcome;
    });
  });
  h.add('observer returns', 'paymentMethodData holding a value whose toJSON returns a cycle', function () {
    h.on('onPaymentSetup', function () { return { type: RT.SUCCESS, meta: { paymentMethodData: { v: new (class { toJSON() { var o = {}; o.o = o; return o; } })() } } }; }, 20);
    return h.attempt().then(function (out) { return out.outcome; });
  });

  // 2. Hostile action arguments: a TypeError (D34) or a change, never a death.
  names.forEach(function (n) {
    h.add('action arguments', '__internalSetPaymentMethodData(' + n + ')', function () {
      return h.survive(function () { return h.data.dispatch('wc/store/payment').__internalSetPaymentMethodData(HOSTILE[n]()); }).then(function (r) {
        var e = r.threw || r.rejected;
        if (e && !(e instanceof TypeError)) throw new Error('not a TypeError: ' + e);
        if (e && e.message.indexOf('__internalSetPaymentMethodData') < 0) throw new Error('the TypeError does not name the action: ' + e.message);
        return e ? 'TypeError' : 'accepted';
      });
    });
  });
  h.add('action arguments', 'a cycle as setBillingAddress is a TypeError naming the action and the path', function () {
    var o = { city: 'x' }; o.self = o;
    return h.expectThrow(function () { return h.data.dispatch('wc/store/cart').setBillingAddress(o); }, 'TypeError', ['setBillingAddress', 'cycle']);
  });
  h.add('action arguments', 'D34: a BigInt customer id is a TypeError naming the action', function () {
    return h.expectThrow(function () { return h.data.dispatch('wc/store/checkout').__internalSetCustomerId(10n); }, 'TypeError', ['__internalSetCustomerId']);
  });
  h.add('action arguments', 'issue 9 point 7: __internalSetCustomerId(1e300) is a TypeError (not a safe integer)', function () {
    return h.expectThrow(function () { return h.data.dispatch('wc/store/checkout').__internalSetCustomerId(1e300); }, 'TypeError', ['__internalSetCustomerId', 'safe integer']);
  });
  h.add('action arguments', 'a Symbol as order notes is a TypeError', function () {
    return h.expectThrow(function () { return h.data.dispatch('wc/store/checkout').__internalSetOrderNotes(Symbol('x')); }, 'TypeError', ['__internalSetOrderNotes']);
  });
  h.add('action arguments', 'issue 9 point 7: a __proto__ key in method data stays an own key in the snapshot', function () {
    var v = JSON.parse('{"__proto__":{"polluted":"yes"},"plain":1}');
    return h.data.dispatch('wc/store/payment').__internalSetPaymentMethodData(v).then(function () {
      var d = h.payment().getPaymentMethodData();
      if (!Object.prototype.hasOwnProperty.call(d, '__proto__')) throw new Error('__proto__ is not an own key: ' + JSON.stringify(Object.keys(d)));
      if (Object.getPrototypeOf(d) !== Object.prototype) throw new Error('the snapshot object got a prototype from the data');
      if (d.polluted !== undefined) throw new Error('values became inherited');
      if (JSON.stringify(d) !== '{"__proto__":{"polluted":"yes"},"plain":1}') throw new Error('snapshot ' + JSON.stringify(d));
      return h.data.dispatch('wc/store/payment').__internalSetPaymentMethodData({});
    });
  });

  // 3. Wrong types at the registration and event entry points.
  [null, undefined, 7, 'x', revoked({}), trapsThrow({}, function () { return null; }), { name: 5, content: 1 }, { name: '', content: function () {} }].forEach(function (cfg, i) {
    h.add('wrong types', 'registerPaymentMethod with bad config #' + i, function () {
      var before = Object.keys(wc.wcBlocksRegistry.getPaymentMethods()).join();
      return h.survive(function () { return wc.wcBlocksRegistry.registerPaymentMethod(cfg); }).then(function (r) {
        var e = r.threw || r.rejected;
        var after = Object.keys(wc.wcBlocksRegistry.getPaymentMethods()).join();
        if (!e && after !== before) throw new Error('a bad config was registered: ' + after);
        return e ? e.name : 'ignored (logged)';
      });
    });
  });
  h.add('wrong types', 'a revoked Proxy of a function as observer (typeof function): calling it fails the attempt cleanly', function () {
    h.on('onPaymentSetup', revoked(function () {}), 20);
    return h.attempt().then(function (out) { return out.outcome; });
  });
  [null, 7, 'f', {}, Symbol('cb')].forEach(function (cb, i) {
    h.add('wrong types', 'onPaymentSetup with a callback that is not a function #' + i, function () {
      return h.expectThrow(function () { return h.on('onPaymentSetup', cb); }, 'TypeError');
    });
  });
  [NaN, Infinity, '5', 10n, Symbol('p'), revoked({})].forEach(function (p, i) {
    h.add('wrong types', 'observer priority that is not a finite number #' + i, function () {
      return h.survive(function () { return h.on('onPaymentSetup', function () {}, p); }).then(function (r) {
        var e = r.threw || r.rejected;
        if (e && !(e instanceof TypeError)) throw new Error('not a TypeError: ' + e);
        return e ? 'TypeError' : 'accepted';
      });
    });
  });
  h.add('wrong types', 'observer options that are a revoked Proxy', function () {
    return h.survive(function () { return h.on('onPaymentSetup', function () {}, 10, revoked({})); });
  });
  h.add('wrong types', 'dispatch of an unknown action and an unknown store', function () {
    var d = h.data.dispatch('wc/store/checkout');
    if (d.noSuchAction !== undefined) throw new Error('unknown action exists');
    return h.survive(function () { return h.data.dispatch('wc/store/nope'); });
  });
  h.add('wrong types', 'subscribe with a non-function listener', function () {
    return h.survive(function () { return h.data.subscribe(null); });
  });

  // 4. Non-Error throws from every attempt event (issue 9 point 3).
  var THROWN = { 'null': function () { return null; }, 'undefined': function () { return undefined; }, "'x'": function () { return 'x'; },
    'a Symbol': function () { return Symbol('t'); }, 'a revoked Proxy': function () { return revoked({}); }, 'an object whose message getter throws': function () {
      return Object.defineProperty({}, 'message', { get: function () { throw null; } });
    } };
  ['onCheckoutValidation', 'onPaymentSetup', 'onCheckoutSuccess', 'onCheckoutFail'].forEach(function (ev) {
    Object.keys(THROWN).forEach(function (t) {
      h.add('non-Error throws', ev + ' throws ' + t, function () {
        if (ev === 'onCheckoutFail') {
          h.on('onPaymentSetup', function () { return { type: RT.ERROR, message: 'declined' }; }, 20);
        }
        h.on(ev, function () { throw THROWN[t](); });
        return h.attempt().then(function (out) { return out.outcome; });
      });
      h.add('non-Error throws', ev + ' rejects with ' + t, function () {
        h.on(ev, function () { return Promise.reject(THROWN[t]()); });
        return h.attempt().then(function (out) { return out.outcome; });
      });
    });
  });

  // 5. Never-settling Promises with budgets; onAttemptSettled never delays.
  ['onCheckoutValidation', 'onPaymentSetup'].forEach(function (ev) {
    h.add('budgets', ev + ' never settles: its time budget ends the attempt', function () {
      h.on(ev, function () { return new Promise(function () {}); }, 10, { timeoutMs: 200 });
      return h.attempt().then(function (out) {
        if (out.outcome !== 'timeout' && out.outcome !== 'failed') throw new Error('outcome ' + out.outcome);
        return out.outcome;
      });
    });
  });
  h.add('budgets', 'issue 9 point 4: an onAttemptSettled observer that never settles does not delay the outcome or the redirect', function () {
    h.on('onAttemptSettled', function () { return new Promise(function () {}); });
    var navs = window.__navigations.length;
    var t0 = performance.now();
    return h.attempt().then(function (out) {
      if (out.outcome !== 'complete') throw new Error('outcome ' + out.outcome);
      if (window.__navigations.length !== navs + 1) throw new Error('no redirect');
      return Math.round(performance.now() - t0) + ' ms';
    });
  });
  h.add('budgets', 'an onAttemptSettled observer that throws null is logged, the outcome stands', function () {
    h.on('onAttemptSettled', function () { throw null; });
    return h.attempt().then(function (out) { if (out.outcome !== 'complete') throw new Error(out.outcome); });
  });

  // 6. Re-entrancy from listeners and observers.
  h.add('re-entrancy', 'issue 9 point 7: reset() from a subscribe listener during processing settles as reset', function () {
    var done = false;
    h.subscribe(function () {
      if (!done && h.checkout().isProcessing()) { done = true; wc.wcCheckoutWasm.reset(); }
    });
    return h.attempt().then(function (out) {
      if (out.outcome !== 'reset') throw new Error('outcome ' + out.outcome);
      if (h.checkout().getCheckoutStatus() !== 'idle') throw new Error('status ' + h.checkout().getCheckoutStatus());
    });
  });
  h.add('re-entrancy', 'reset() from an onPaymentSetup observer', function () {
    h.on('onPaymentSetup', function () { wc.wcCheckoutWasm.reset(); return { type: RT.SUCCESS }; }, 20);
    return h.attempt().then(function (out) { if (out.outcome !== 'reset') throw new Error(out.outcome); });
  });
  h.add('re-entrancy', 'onSubmit() from a listener during the attempt returns the same attempt (D12)', function () {
    var inner = null;
    h.subscribe(function () { if (!inner && h.checkout().isProcessing()) inner = wc.wcCheckoutWasm.onSubmit(); });
    return h.attempt().then(function (out) {
      return inner.then(function (o2) { if (o2.attemptId !== out.attemptId) throw new Error('a second attempt started'); });
    });
  });
  h.add('re-entrancy', 'dispatch from a listener on every change', function () {
    var n = 0;
    h.subscribe(function () { if (n++ < 50) h.data.dispatch('wc/store/checkout').__internalSetOrderNotes('n' + n); });
    return h.attempt().then(function (out) { return out.outcome + ' after ' + n + ' listener calls'; });
  });
  h.add('re-entrancy', 'an observer that unsubscribes itself and registers another', function () {
    var unsub = h.on('onPaymentSetup', function () {
      unsub();
      h.on('onPaymentSetup', function () { return { type: RT.SUCCESS }; });
      return { type: RT.SUCCESS };
    }, 20);
    return h.attempt().then(function (out) { if (out.outcome !== 'complete') throw new Error(out.outcome); });
  });
  h.add('re-entrancy', 'a listener that throws on every change', function () {
    h.subscribe(function () { throw null; });
    return h.attempt().then(function (out) { return out.outcome; });
  });
  h.add('re-entrancy', 'an observer that submits and resets in a loop', function () {
    var n = 0;
    h.on('onCheckoutValidation', function () {
      if (n++ < 3) { wc.wcCheckoutWasm.reset(); wc.wcCheckoutWasm.onSubmit(); }
      return true;
    });
    return h.submit().then(function (out) {
      // The observer's own onSubmit() started a later attempt: join it (D12).
      return wc.wcCheckoutWasm.onSubmit();
    }).then(function (out) { h.consistent(out); return out.outcome; });
  });
  h.add('re-entrancy', 'issue 9 point 7: removeNotice with 1,000 notices publishes a few bytes per removal (200 removals one at a time)', function () {
    // A notices change goes to checkout.js as a delta of the notices it
    // touched (docs/contracts.md "Publications"): what a removal publishes
    // must not grow with the number of notices. Counted in bytes (timings
    // are noisy on a shared machine; the per-removal time only guards
    // against a hang).
    var n = h.data.dispatch('core/notices');
    var N = 1000;
    var host = window.__wcCheckoutWasmHost;
    var orig = host.publish;
    var bytes = [];
    host.publish = function (json) { bytes.push(typeof json === 'string' ? json.length : 0); return orig.apply(this, arguments); };
    var made = [];
    for (var i = 0; i < N; i++) made.push(n.createNotice('error', 'notice ' + i, { id: 'hn' + i, context: 'hostile' }));
    var R = 200; // removed one at a time, from 1,000 notices down to 800
    return Promise.all(made).then(function () {
      if (h.notices('hostile').length !== N) throw new Error('expected ' + N + ' notices');
      var kept = h.notices('hostile')[N - 1];
      bytes.length = 0;
      var t0 = performance.now();
      var c2 = Promise.resolve();
      for (var j = 0; j < R; j++) (function (j) { c2 = c2.then(function () { return n.removeNotice('hn' + (j * 5 % N), 'hostile'); }); })(j);
      return c2.then(function () {
        var per = (performance.now() - t0) / R;
        var left = h.notices('hostile');
        if (left.length !== N - R || left[N - R - 1] !== kept) throw new Error('the last notice must stay, as the same object');
        if (bytes.length !== R) throw new Error(bytes.length + ' publications for ' + R + ' removals');
        var max = Math.max.apply(null, bytes);
        if (max > 100) throw new Error('a removal published ' + max + ' bytes (the first: ' + bytes[0] + ')');
        if (per > 30) throw new Error('removeNotice took ' + per.toFixed(1) + ' ms each with up to ' + N + ' notices');
        return 'at most ' + max + ' bytes and ' + per.toFixed(2) + ' ms per removeNotice (' + N + ' notices down to ' + (N - R) + ')';
      });
    }).then(function (detail) {
      host.publish = orig;
      return Promise.all(h.notices('hostile').map(function (x) { return n.removeNotice(x.id, 'hostile'); })).then(function () {
        if (h.notices('hostile').length !== 0) throw new Error('notices left');
        return detail;
      });
    }, function (e) {
      host.publish = orig;
      throw e;
    });
  });

  // 7. Server faults (fetch stubs) and the real server's faults.
  function reply(status, body, headers) {
    return function () { return Promise.resolve(new Response(body, { status: status, headers: headers || { 'Content-Type': 'application/json' } })); };
  }
  var FAULTS = {
    'fetch throws null': function () { throw null; },
    'fetch throws a revoked Proxy': function () { throw revoked({}); },
    'fetch rejects with undefined': function () { return Promise.reject(undefined); },
    'fetch returns a revoked Proxy': function () { return revoked({}); },
    'fetch resolves to a Proxy whose traps throw': function () { return Promise.resolve(trapsThrow({}, function () { return null; })); },
    'fetch returns a thenable that throws': function () { return { then: function () { throw null; } }; },
    'status 500 with HTML': reply(500, '<html>oops</html>', { 'Content-Type': 'text/html' }),
    'status 200 with text that is not JSON': reply(200, 'OK'),
    'status 200 with a JSON array': reply(200, '[1,2,3]'),
    'status 200 with JSON null': reply(200, 'null'),
    'status 200 with JSON nested 200,000 deep': reply(200, '['.repeat(200000) + ']'.repeat(200000)),
    'status 200 with 200,000 keys': function () { var o = {}; for (var i = 0; i < 200000; i++) o['k' + i] = i; return reply(200, JSON.stringify(o))(); },
    'status 0 body empty': function () { return Promise.resolve({ status: 0, headers: new Headers(), text: function () { return Promise.resolve(''); } }); },
    'a body stream that errors (cut connection)': function () {
      var stream = new ReadableStream({ start: function (c) { c.enqueue(new TextEncoder().encode('{"order_')); c.error(new TypeError('network error')); } });
      return Promise.resolve(new Response(stream, { status: 200 }));
    },
    'text() that throws null': function () { return Promise.resolve({ status: 200, headers: new Headers(), text: function () { throw null; } }); },
    'headers whose forEach throws': function () { return Promise.resolve({ status: 200, headers: { forEach: function () { throw null; } }, text: function () { return Promise.resolve('{"order_id":1}'); } }); },
    'a 1e300 User-ID and a 100 kB header': reply(400, '{"code":"x","message":"no"}', { 'Content-Type': 'application/json', 'User-ID': '1e300', 'X-Big': 'n'.repeat(100000) }),
    'a 400 decline with hostile entities': reply(400, '{"code":"woocommerce_rest_checkout_process_payment_error","message":"&lt;script&gt;alert(1)&lt;/script&gt; &#0; &#x110000;"}'),
    'a 409 with a cart whose address is a string': reply(409, '{"code":"x","message":"m","data":{"status":409,"cart":{"billing_address":"bad","shipping_address":[1]}}}'),
    'a 200 whose payment_result is hostile': reply(200, '{"order_id":-1,"payment_result":{"payment_status":7,"payment_details":{"__proto__":1},"redirect_url":{"x":1}}}'),
  };
  Object.keys(FAULTS).forEach(function (f) {
    h.add('server faults', f, function () {
      h.fetch(FAULTS[f]);
      return h.attempt().then(function (out) { return out.outcome; });
    });
  });
  h.add('server faults', 'a request that never answers, then reset', function () {
    h.fetch(function () { return new Promise(function () {}); });
    var p = h.submit();
    return new Promise(function (r) { setTimeout(r, 100); }).then(function () {
      wc.wcCheckoutWasm.reset();
      return p;
    }).then(function (out) { h.consistent(out); if (out.outcome !== 'reset') throw new Error(out.outcome); });
  });
  h.add('server faults', 'D42: a lost reply, then Place order again sends the same Idempotency-Key', function () {
    var keys = [];
    var n = 0;
    h.fetch(function (url, init) {
      keys.push(init.headers['Idempotency-Key'] || (init.headers.get && init.headers.get('Idempotency-Key')));
      if (n++ === 0) return h.realFetch(url, init).then(function () { throw new TypeError('Failed to fetch'); });
      return h.realFetch(url, init);
    });
    return h.attempt().then(function (out) {
      if (out.outcome !== 'error') throw new Error('first attempt ' + out.outcome);
      return h.attempt();
    }).then(function (out) {
      if (out.outcome !== 'complete') throw new Error('retry ' + out.outcome);
      if (keys.length !== 2 || keys[0] !== keys[1]) throw new Error('keys ' + JSON.stringify(keys));
      return 'one key ' + keys[0];
    });
  });

  // 8. Redirects (D16, D25).
  ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', ' \u0000javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)',
    'jav&#x09;ascript:alert(1)'].forEach(function (u) {
    h.add('redirects', 'redirect_url ' + JSON.stringify(u) + ' is refused', function () {
      h.fetch(reply(200, JSON.stringify({ order_id: 9, status: 'processing', payment_result: { payment_status: 'success', payment_details: [], redirect_url: u } })));
      var navs = window.__navigations.length;
      return h.attempt().then(function (out) {
        var followed = window.__navigations.slice(navs).filter(function (x) { return !/^https?:/i.test(x); });
        if (followed.length) throw new Error('navigated to ' + followed);
        return out.outcome;
      });
    });
  });
  h.add('redirects', 'onCheckoutSuccess redirectUrl javascript: is refused', function () {
    h.on('onCheckoutSuccess', function () { return { type: RT.SUCCESS, redirectUrl: 'javascript:alert(1)' }; });
    var navs = window.__navigations.length;
    return h.attempt().then(function () {
      if (window.__navigations.slice(navs).some(function (x) { return !/^https?:/i.test(x); })) throw new Error('followed');
    });
  });

  // 9. Duplicates.
  h.add('duplicates', 'five onSubmit() calls in one tick make one attempt and one request (D12)', function () {
    var requests = 0;
    h.fetch(function (u, i) { requests++; return h.realFetch(u, i); });
    var ps = [0, 1, 2, 3, 4].map(function () { return wc.wcCheckoutWasm.onSubmit(); });
    return Promise.all(ps).then(function (outs) {
      outs.forEach(function (o) { if (o.attemptId !== outs[0].attemptId) throw new Error('two attempts'); });
      if (requests !== 1) throw new Error(requests + ' requests');
      h.consistent(outs[0]);
    });
  });
  h.add('duplicates', 'registering bacs again is refused or ignored, bacs still pays', function () {
    return h.survive(function () { return wc.wcBlocksRegistry.registerPaymentMethod({ name: 'bacs', content: function () { return 'again'; }, canMakePayment: function () { throw null; } }); });
  });
  h.add('duplicates', '200 concurrent dispatches', function () {
    var d = h.data.dispatch('wc/store/checkout');
    var ps = [];
    for (var i = 0; i < 200; i++) ps.push(d.__internalSetOrderNotes('n' + i));
    return Promise.all(ps).then(function () {
      if (h.checkout().getOrderNotes() !== 'n199') throw new Error('last write lost: ' + h.checkout().getOrderNotes());
      return d.__internalSetOrderNotes('');
    });
  });
})();
