// The bench page's measurements (driven by web/bench/run.mjs through
// page.evaluate). Three implementations of the same contract side by side
// in one page: the module through checkout.js ("module"), a store built on
// the real @wordpress/data ("wpdata", bundled by run.mjs as window.wpData),
// and the pure-JS reference of the contract ("jsref", jsref.js). Each
// measure returns microseconds per operation for one round; run.mjs
// interleaves the rounds and takes medians.
(function () {
  'use strict';
  var CHECKOUT = 'wc/store/checkout';
  var PAYMENT = 'wc/store/payment';
  var API = location.origin + '/wp-json/wc/store/v1';

  // ---- hooks: the module's memory, its api object, the checkout POST ------
  var memories = [];
  // Keeps the module's memory, and counts calls of its own exports (wcw_*:
  // the text calls, docs/contracts.md) as JS -> Go crossings: an instance
  // whose exports are copied, the wcw_* ones wrapped (Go's run/resume/getsp
  // and mem are handed through as they are). The bench's numbers include
  // this wrapper (one extra JS call per text call).
  function keepInstance(result) {
    var inst = result && result.instance ? result.instance : result;
    if (!inst || !inst.exports || !inst.exports.mem) return result;
    memories.push(inst.exports.mem);
    var names = Object.keys(inst.exports);
    if (!names.some(function (n) { return n.indexOf('wcw_') === 0; })) return result;
    var exp = {};
    names.forEach(function (n) {
      var f = inst.exports[n];
      exp[n] = n.indexOf('wcw_') === 0 ? function () { crossings.jsToGo++; byName[n] = (byName[n] || 0) + 1; return f.apply(null, arguments); } : f;
    });
    // Still an instance for wasm_exec.js's check (its prototype), with the
    // copied exports as an own property.
    var wrapped = Object.create(Object.getPrototypeOf(inst));
    Object.defineProperty(wrapped, 'exports', { value: exp });
    return result.instance ? { module: result.module, instance: wrapped } : wrapped;
  }
  var WA = WebAssembly;
  var origStreaming = WA.instantiateStreaming;
  var origInstantiate = WA.instantiate;
  WA.instantiateStreaming = function () { return origStreaming.apply(WA, arguments).then(keepInstance); };
  WA.instantiate = function () { return origInstantiate.apply(WA, arguments).then(keepInstance); };
  // Crossings: every call of a syscall/js import is one Go -> JS call;
  // (finalizeRef excepted, see below);
  // every _resume is one JS -> Go entry (a call of a Go function or a
  // timer/event wake-up), and so is every call of a wcw_* export (the text
  // calls). Counted on the module's Go instance only.
  var crossings = { goToJs: 0, jsToGo: 0 };
  var byName = {}; // per import name (debugging: window.__wcBenchByName)
  window.__wcBenchByName = byName;
  var OrigGo = window.Go;
  window.Go = function () {
    var go = new OrigGo();
    var imports = go.importObject.gojs || go.importObject.go;
    Object.keys(imports).forEach(function (name) {
      // finalizeRef runs when Go's GC collects a js.Value, at a time the GC
      // picks (often during a later operation): it is left out.
      if (name.indexOf('syscall/js.') !== 0 || name === 'syscall/js.finalizeRef') return;
      var fn = imports[name];
      imports[name] = function (sp) { crossings.goToJs++; byName[name] = (byName[name] || 0) + 1; return fn.call(this, sp); };
    });
    var resume = go._resume;
    go._resume = function () { crossings.jsToGo++; return resume.apply(this, arguments); };
    return go;
  };
  // Runs fn (async) and returns {value, goToJs, jsToGo} per operation.
  async function counted(n, fn) {
    var a = crossings.goToJs, b = crossings.jsToGo;
    var value = await fn();
    return { value: value, goToJs: (crossings.goToJs - a) / n, jsToGo: (crossings.jsToGo - b) / n };
  }

  function memoryBytes() { return memories.length ? memories[memories.length - 1].buffer.byteLength : 0; }

  // The api object Go hands to host.ready (for the bare JS -> Go call).
  var api = null;
  var hostSlot;
  Object.defineProperty(window, '__wcCheckoutWasmHost', {
    configurable: true,
    get: function () { return hostSlot; },
    set: function (h) {
      if (h && typeof h.ready === 'function') {
        var ready = h.ready;
        h.ready = function (a) { api = a; return ready.apply(this, arguments); };
      }
      hostSlot = h;
    }
  });

  var fetchAt = 0;
  var origFetch = window.fetch;
  window.fetch = function (url, init) {
    if (init && init.method === 'POST') fetchAt = performance.now();
    return origFetch.apply(this, arguments);
  };

  // ---- the three implementations -----------------------------------------
  var impls = {};

  function setupModule() {
    wc.wcBlocksRegistry.registerPaymentMethod({
      name: 'bacs', label: 'Bank transfer', ariaLabel: 'Bank transfer',
      content: function () { return ''; }, edit: function () { return ''; }, canMakePayment: function () { return true; }
    });
    return wc.wcCheckoutWasm.load({
      nonce: 'bench', storeApiUrl: API,
      cart: { needsPayment: true, paymentMethods: ['bacs'] },
      navigate: function () {}, render: function () {}
    }).then(function waitActive() {
      if (wc.wcBlocksData.select(PAYMENT).getActivePaymentMethod() === 'bacs') return;
      return new Promise(function (r) { setTimeout(r, 1); }).then(waitActive);
    }).then(function () {
      var data = wc.wcBlocksData;
      var ev = wc.blocksCheckoutEvents;
      impls.module = {
        select: function () { return data.select(CHECKOUT); },
        setNotes: function (s) { return data.dispatch(CHECKOUT).__internalSetOrderNotes(s); },
        subscribe: function (fn) { return data.subscribe(fn, CHECKOUT); },
        onPaymentSetup: function (fn) { return ev.paymentEvents.onPaymentSetup(fn); },
        onSubmit: function () { return wc.wcCheckoutWasm.onSubmit(); }
      };
    });
  }

  function setupWpData() {
    var data = window.wpData;
    var store = data.createReduxStore('bench/checkout', {
      reducer: function (state, action) {
        state = state || { status: 'idle', redirectUrl: '', orderNotes: '' };
        if (action.type === 'SET_CHECKOUT_ORDER_NOTES' && action.orderNotes !== state.orderNotes) {
          return Object.assign({}, state, { orderNotes: action.orderNotes });
        }
        return state;
      },
      actions: { __internalSetOrderNotes: function (orderNotes) { return { type: 'SET_CHECKOUT_ORDER_NOTES', orderNotes: orderNotes }; } },
      selectors: {
        isProcessing: function (s) { return s.status === 'processing'; },
        getRedirectUrl: function (s) { return s.redirectUrl; }
      }
    });
    data.register(store);
    impls.wpdata = {
      select: function () { return data.select(store); },
      setNotes: function (s) { return data.dispatch(store).__internalSetOrderNotes(s); },
      subscribe: function (fn) { return data.subscribe(fn, store); }
    };
  }

  function setupJsRef() {
    var s = window.jsRef.create({ storeApiUrl: API, nonce: 'bench', paymentMethod: 'bacs' });
    impls.jsref = {
      select: function () { return s.select(CHECKOUT); },
      setNotes: function (n) { return s.dispatch(CHECKOUT).__internalSetOrderNotes(n); },
      subscribe: function (fn) { return s.subscribe(fn, CHECKOUT); },
      onPaymentSetup: function (fn) { return s.onPaymentSetup(fn); },
      onSubmit: function () { return s.onSubmit(); }
    };
  }

  // ---- measures (µs per operation, one round) -----------------------------
  var sink = 0;
  var heard = 0;
  var unsubs = {};

  function selectPair(name, n) {
    var impl = impls[name];
    var t0 = performance.now();
    for (var i = 0; i < n; i++) {
      var s = impl.select();
      if (s.isProcessing()) sink++;
      sink += s.getRedirectUrl().length;
    }
    return (performance.now() - t0) * 1000 / n;
  }

  var seq = 0;
  async function dispatchSubscriber(name, n) {
    var impl = impls[name];
    if (!unsubs[name]) unsubs[name] = impl.subscribe(function () { heard++; });
    var before = heard;
    var t0 = performance.now();
    for (var i = 0; i < n; i++) await impl.setNotes('note ' + (++seq));
    var us = (performance.now() - t0) * 1000 / n;
    if (heard - before !== n) throw new Error(name + ': subscriber heard ' + (heard - before) + ' of ' + n + ' changes');
    return us;
  }

  async function bareCall(n) {
    if (!api || typeof api.ping !== 'function') return null;
    var t0 = performance.now();
    for (var i = 0; i < n; i++) await api.ping();
    return (performance.now() - t0) * 1000 / n;
  }

  // A dispatch that changes nothing (the same order note again): the
  // protocol and the engine's "did anything change?" check, no publication,
  // no subscriber. The floor under dispatchSubscriber for the module.
  async function dispatchNoChange(name, n) {
    var impl = impls[name];
    await impl.setNotes('unchanged');
    var before = heard;
    var t0 = performance.now();
    for (var i = 0; i < n; i++) await impl.setNotes('unchanged');
    var us = (performance.now() - t0) * 1000 / n;
    if (heard !== before) throw new Error(name + ': an unchanged dispatch notified a subscriber');
    return us;
  }

  var observerUnsubs = { module: [], jsref: [] };
  function setObservers(name, k) {
    var list = observerUnsubs[name];
    while (list.length > k) list.pop()();
    while (list.length < k) {
      list.push(impls[name].onPaymentSetup(function () { return Promise.resolve({ type: 'success' }); }));
    }
  }

  // Returns {toFetch, whole} in µs, means over n attempts with k observers.
  async function attempts(name, k, n, keep) {
    setObservers(name, k);
    var impl = impls[name];
    var toFetch = 0, whole = 0;
    for (var i = 0; i < n; i++) {
      fetchAt = 0;
      var t0 = performance.now();
      var out = await impl.onSubmit();
      var t1 = performance.now();
      if (!out || out.outcome !== 'complete') throw new Error(name + ': attempt ended ' + JSON.stringify(out));
      if (!fetchAt) throw new Error(name + ': no checkout POST seen');
      toFetch += fetchAt - t0;
      whole += t1 - t0;
    }
    if (!keep) setObservers(name, 0);
    return { toFetch: toFetch * 1000 / n, whole: whole * 1000 / n };
  }

  // Memory: wasm linear memory after load and every `every` attempts.
  // Each point: linear memory, and Go's own heap figures when api.stats
  // gives them (goHeapAlloc: live + not yet collected; goHeapSys: held).
  function point(i) {
    var s = wc.wcCheckoutWasm.stats() || {};
    return { attempts: i, bytes: memoryBytes(), goHeapAlloc: s.goHeapAlloc, goHeapSys: s.goHeapSys, goroutines: s.goroutines };
  }
  async function memoryRun(total, every) {
    var points = [point(0)];
    for (var i = 1; i <= total; i++) {
      var out = await impls.module.onSubmit();
      if (!out || out.outcome !== 'complete') throw new Error('attempt ' + i + ' ended ' + JSON.stringify(out));
      if (i % every === 0) points.push(point(i));
    }
    var stats = wc.wcCheckoutWasm.stats();
    return { points: points, liveFuncs: stats ? stats.liveFuncs : null };
  }

  window.bench = {
    setup: function (which) {
      var p = Promise.resolve();
      if (which.indexOf('wpdata') >= 0) setupWpData();
      if (which.indexOf('jsref') >= 0) setupJsRef();
      if (which.indexOf('module') >= 0) p = setupModule();
      return p.then(function () { return { memoryAfterLoad: memoryBytes() }; });
    },
    selectPair: selectPair,
    dispatchSubscriber: dispatchSubscriber,
    bareCall: bareCall,
    dispatchNoChange: dispatchNoChange,
    attempts: attempts,
    memoryRun: memoryRun,
    memoryBytes: memoryBytes,
    // Crossings per operation: dispatch + subscriber, bare call, attempt with k observers.
    crossings: async function () {
      var d = await counted(50, function () { return dispatchSubscriber('module', 50); });
      var p = await counted(50, function () { return bareCall(50); });
      var a0 = await counted(10, function () { return attempts('module', 0, 10); });
      setObservers('module', 10); // registration is not counted
      var a10 = await counted(10, function () { return attempts('module', 10, 10, true); });
      setObservers('module', 0);
      return {
        dispatch: [d.goToJs, d.jsToGo], ping: [p.goToJs, p.jsToGo],
        attempt0: [a0.goToJs, a0.jsToGo], attempt10: [a10.goToJs, a10.jsToGo],
        perObserver: [(a10.goToJs - a0.goToJs) / 10, (a10.jsToGo - a0.jsToGo) / 10]
      };
    },
    sink: function () { return sink; }
  };
})();
