'use strict';
// Test harness for web/checkout.js: a fake browser global and a mock Go side
// that speaks the protocol of docs/contracts.md ("Go <-> checkout.js
// protocol"): it reads globalThis.__wcCheckoutWasmHost when run, publishes
// snapshots through host.publish, and hands its api to host.ready.
//
// Required by the *.test.js files. Run directly (node --test runs every .js
// file under web/test/) it checks that the mock implements every function
// the protocol names, so the other tests exercise the real contract.

const path = require('node:path');
const http = require('node:http');
const { install, DEFAULT_SNAPSHOTS } = require('../checkout.js');

const CHECKOUT_JS = path.join(__dirname, '..', 'checkout.js');
const SCRIPT_URL = 'https://shop.test/wp-content/plugins/checkout/web/checkout.js';
// The smallest valid module: magic number and version, no sections.
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const PROTOCOL_FUNCTIONS = [
  'dispatch', 'on', 'off', 'registerPaymentMethod', 'registerExpressPaymentMethod',
  'submit', 'reset', 'getTrace', 'clearTrace', 'expressAction'
];

function deepFreeze(v) {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze(v[k]);
  }
  return v;
}

// A snapshot like Go's: a frozen copy of the current one with some keys replaced.
function nextSnapshot(prev, changes) {
  return deepFreeze(Object.assign({}, prev, changes));
}

// What bridge/snapjson writes for host.publish(json, refs): JSON, with
// {"\u0000": n} for refs[n] (functions, class instances), undefined (-1),
// NaN (-2), Infinity (-3), -Infinity (-4), -0 (-5), and keys that start
// with "\u0000" given one more.
function encodeSnapshots(changes) {
  const refs = [];
  const esc = (n) => ({ '\u0000': n });
  const enc = (v) => {
    if (v === undefined) return esc(-1);
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return esc(-2);
      if (v === Infinity) return esc(-3);
      if (v === -Infinity) return esc(-4);
      return Object.is(v, -0) ? esc(-5) : v;
    }
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
    if (typeof v === 'function' || (!Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype)) {
      refs.push(v);
      return esc(refs.length - 1);
    }
    if (Array.isArray(v)) return v.map(enc);
    const o = {};
    for (const k of Object.keys(v)) o[k.charAt(0) === '\u0000' ? '\u0000' + k : k] = enc(v[k]);
    return o;
  };
  return [JSON.stringify(enc(changes)), refs.length ? refs : undefined];
}

// The other way (no structural sharing): a publication as plain objects
// (a key whose value is undefined stays, as in the snapshot).
function decodeSnapshots(json, refs) {
  const dec = (v) => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(dec);
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '\u0000') {
      const n = v['\u0000'];
      return n >= 0 ? refs[n] : [undefined, undefined, NaN, Infinity, -Infinity, -0][-n];
    }
    const o = {};
    for (const k of keys) o[k.charAt(0) === '\u0000' ? k.slice(1) : k] = dec(v[k]);
    return o;
  };
  return dec(JSON.parse(json));
}

function captureConsole() {
  const c = { warns: [], errors: [], infos: [] };
  c.warn = (...a) => { c.warns.push(a.map(String).join(' ')); };
  c.error = (...a) => { c.errors.push(a); };
  c.info = (...a) => { c.infos.push(a.map(String).join(' ')); };
  c.log = c.info;
  return c;
}

// The mock Go side. `mock.Go` is the class checkout.js instantiates;
// options: exitBeforeReady (run resolves without calling ready),
// manualReady (call mock.callReady() yourself), noInitialPublish,
// throws (sync errors are thrown instead of returned: see fail below).
function createMockGo(g, options) {
  const opts = options || {};
  const mock = {
    runs: 0,
    host: null,
    instance: null,
    calls: [], // [name, ...args] per api call, in order
    registrations: [], // {id, name, callback, priority, options, active}
    unsubscribed: [], // registration ids, in unsubscribe order
    trace: [],
    configs: {}, // name -> what registerPaymentMethod / registerExpressPaymentMethod got
    outcome: { attemptId: 'a1', outcome: 'complete', status: 'complete', hasError: false, redirectUrl: '', orderId: 7 },
    snapshots: Object.assign({}, DEFAULT_SNAPSHOTS)
  };
  // Resolves when checkout.js has called go.run (after fetch and compile).
  let running;
  mock.running = new Promise((resolve) => { running = resolve; });

  mock.publish = function (changes) {
    const frozen = {};
    for (const k of Object.keys(changes)) {
      frozen[k] = deepFreeze(changes[k]);
      mock.snapshots[k] = frozen[k];
    }
    const [json, refs] = encodeSnapshots(frozen);
    mock.host.publish(json, refs);
  };
  mock.update = function (key, changes) {
    mock.publish({ [key]: nextSnapshot(mock.snapshots[key], changes) });
  };

  // Go's reducers, reduced to what the tests need.
  const reducers = {
    'wc/store/checkout': {
      __internalSetOrderNotes(notes) {
        if (typeof notes !== 'string') {
          throw new TypeError('__internalSetOrderNotes: argument orderNotes must be a string');
        }
        mock.update('wc/store/checkout', { getOrderNotes: notes });
      },
      __internalSetIdle() {
        mock.update('wc/store/checkout', { getCheckoutStatus: 'idle', isIdle: true });
      }
    },
    'wc/store/payment': {
      __internalSetActivePaymentMethod(name) {
        mock.update('wc/store/payment', { getActivePaymentMethod: name });
      },
      __internalSetAvailableExpressPaymentMethods(methods) {
        mock.update('wc/store/payment', { getAvailableExpressPaymentMethods: methods });
      }
    },
    'wc/store/validation': {
      setValidationErrors(errors) {
        const all = Object.assign({}, mock.snapshots['wc/store/validation'].errors, errors);
        mock.update('wc/store/validation', { errors: all, hasValidationErrors: Object.keys(all).length > 0 });
      }
    },
    'core/notices': {
      createNotice(status, content, o) {
        const context = (o && o.context) || 'global';
        const notice = { id: (o && o.id) || 'n' + mock.calls.length, status, content, context, isDismissible: true, type: 'default' };
        const byContext = Object.assign({}, mock.snapshots['core/notices'].byContext);
        byContext[context] = (byContext[context] || []).concat([notice]);
        mock.update('core/notices', { byContext, all: mock.snapshots['core/notices'].all.concat([notice]) });
      }
    },
    'wc/store/cart': {}
  };

  // A Go function made with js.FuncOf cannot throw into JS: the bridge
  // returns {__wcThrow: error} (bridge/exports.go) and checkout.js throws
  // it. `throws` makes the mock throw, as a JS shim around the exports would.
  function fail(error) {
    if (opts.throws) throw error;
    return { __wcThrow: error };
  }
  const byId = new Map();
  function unsubscribe(reg) {
    if (!reg.active) return;
    reg.active = false;
    mock.unsubscribed.push(reg.id);
  }

  let nextId = 1;
  const api = {
    version: '0.0.0-mock',
    dispatch(key, name, args) {
      mock.calls.push(['dispatch', key, name, args]);
      const r = reducers[key] && reducers[key][name];
      try {
        if (r) r.apply(null, args);
      } catch (e) {
        return fail(e);
      }
      return Promise.resolve();
    },
    on(name, callback, priority, o) {
      mock.calls.push(['on', name, priority, o]);
      if (typeof callback !== 'function') return fail(new TypeError(name + ': argument callback must be a function'));
      const reg = { id: nextId++, name, callback, priority, options: o, active: true };
      mock.registrations.push(reg);
      byId.set(reg.id, reg);
      return reg.id;
    },
    off(id) {
      mock.calls.push(['off', id]);
      const reg = byId.get(id);
      if (reg) {
        byId.delete(id);
        unsubscribe(reg);
      }
    },
    registerPaymentMethod(config) {
      mock.calls.push(['registerPaymentMethod', config.name]);
      mock.configs[config.name] = config;
      if (config.name === 'go-rejects') return fail(new TypeError('registerPaymentMethod: argument config rejected by Go'));
    },
    registerExpressPaymentMethod(config) {
      mock.calls.push(['registerExpressPaymentMethod', config.name]);
      mock.configs[config.name] = config;
    },
    deregisterPaymentMethod(name, express) {
      mock.calls.push(['deregisterPaymentMethod', name, express]);
    },
    recheckAvailability() {
      mock.calls.push(['recheckAvailability']);
    },
    submit() {
      mock.calls.push(['submit']);
      return Promise.resolve(mock.outcome);
    },
    reset() {
      mock.calls.push(['reset']);
    },
    getTrace() {
      mock.calls.push(['getTrace']);
      return mock.trace.slice();
    },
    clearTrace() {
      mock.calls.push(['clearTrace']);
      mock.trace = [];
    },
    expressAction(name, action, message) {
      mock.calls.push(['expressAction', name, action, message]);
      return Promise.resolve();
    }
  };
  mock.api = api;

  // Runs the active observers of one registration name, by priority.
  mock.emit = async function (name, payload) {
    const list = mock.registrations.filter((r) => r.active && r.name === name)
      .sort((a, b) => a.priority - b.priority);
    const results = [];
    for (const r of list) results.push(await r.callback(payload, { signal: new AbortController().signal, attemptId: 'a1' }));
    return results;
  };

  mock.callReady = function () { mock.host.ready(api); };

  mock.Go = class Go {
    constructor() {
      this.importObject = {};
    }
    run(instance) {
      mock.runs++;
      mock.instance = instance;
      mock.env = this.env;
      mock.host = g.__wcCheckoutWasmHost;
      if (opts.exitBeforeReady) {
        running();
        return Promise.resolve();
      }
      if (!opts.noInitialPublish) mock.publish(Object.assign({}, DEFAULT_SNAPSHOTS));
      running();
      if (!opts.manualReady) mock.callReady();
      return new Promise(() => {}); // a Go program blocks forever
    }
  };
  return mock;
}

function wasmResponse(bytes, contentType) {
  return new Response(bytes, { status: 200, headers: { 'Content-Type': contentType || 'application/wasm' } });
}

// A fake browser global. options: document, wp, location, fetch, WebAssembly,
// noGo (leave Go undefined), mock (options for createMockGo).
function createEnv(options) {
  const o = options || {};
  const console = captureConsole();
  const pageListeners = {};
  const fetched = [];
  const g = {
    console,
    WebAssembly: o.WebAssembly || WebAssembly,
    fetch: o.fetch || ((url) => {
      fetched.push(String(url));
      return Promise.resolve(wasmResponse(EMPTY_WASM));
    }),
    addEventListener(type, fn) {
      (pageListeners[type] = pageListeners[type] || []).push(fn);
    }
  };
  if (o.document) g.document = o.document;
  if (o.wp) g.wp = o.wp;
  if (o.location) g.location = o.location;
  const mock = createMockGo(g, o.mock);
  if (!o.noGo) g.Go = mock.Go;
  const wc = install(g, o.scriptUrl === null ? {} : { scriptUrl: o.scriptUrl || SCRIPT_URL });
  return {
    g,
    wc,
    mock,
    console,
    fetched,
    fire(type, event) {
      for (const fn of pageListeners[type] || []) fn(event);
    }
  };
}

// createEnv, then load() and wait for ready.
async function loadedEnv(options, loadOptions) {
  const env = createEnv(options);
  await env.wc.wcCheckoutWasm.load(loadOptions);
  return env;
}

// Lets queued microtasks and promise chains run.
function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}

// A local HTTP server (127.0.0.1 only) for the load tests.
// routes: path -> {status, type, body}; anything else is a 404.
function startServer(routes) {
  return new Promise((resolve) => {
    const hits = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url);
      const r = routes[req.url];
      if (!r) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(r.status || 200, { 'Content-Type': r.type || 'application/wasm' });
      res.end(Buffer.from(r.body));
    });
    server.listen(0, '127.0.0.1', () => {
      const base = 'http://127.0.0.1:' + server.address().port;
      resolve({ base, hits, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

module.exports = {
  encodeSnapshots,
  decodeSnapshots,
  CHECKOUT_JS,
  SCRIPT_URL,
  EMPTY_WASM,
  PROTOCOL_FUNCTIONS,
  DEFAULT_SNAPSHOTS,
  install,
  createEnv,
  loadedEnv,
  createMockGo,
  captureConsole,
  wasmResponse,
  nextSnapshot,
  deepFreeze,
  settle,
  startServer
};

if (require.main === module) {
  const test = require('node:test');
  const assert = require('node:assert/strict');
  test('contracts.md protocol: the mock Go api implements every protocol function and a version', () => {
    const env = createEnv();
    for (const name of PROTOCOL_FUNCTIONS) {
      assert.equal(typeof env.mock.api[name], 'function', name);
    }
    assert.equal(typeof env.mock.api.version, 'string');
  });
  test('contracts.md protocol: the mock publishes the initial snapshots before calling ready', async () => {
    const env = createEnv({ mock: { manualReady: true } });
    const order = [];
    env.wc.wcBlocksData.subscribe(() => order.push('publish'));
    const loading = env.wc.wcCheckoutWasm.load();
    await env.mock.running;
    order.push('before ready');
    env.mock.callReady();
    await loading;
    assert.deepEqual(order, ['publish', 'before ready']);
  });
}
