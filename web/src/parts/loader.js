/*
 * Part "loader": wc.wcCheckoutWasm.load — fetches and compiles the module,
 * runs it with the host object of docs/contracts.md ("Go <-> checkout.js
 * protocol") and resolves once Go has called host.ready(api).
 */

var DEFAULT_STORE_API_URL = '/wp-json/wc/store/v1';
var DEFAULT_WASM_URL = 'dist/checkout.wasm';
// The module's GOGC (issue 10, README "Size and speed"). WebAssembly
// memory only grows, so the most the Go heap ever held stays allocated: with
// Go's default (100) linear memory settles at ~2.3x its size after load,
// with 25 at ~1.45x, for ~1 % more CPU time in the collector. Go reads GOGC
// from its environment when it starts; setting it from inside the module
// (runtime/debug) would link fmt, os and reflect back in.
var MODULE_GOGC = '25';
// load option <- wcSettings name (WooCommerce's payment store reads these).
var SETTINGS_OPTIONS = [
  ['savedPaymentMethods', 'customerPaymentMethods'],
  ['globalPaymentMethods', 'globalPaymentMethods'],
  ['paymentMethodSortOrder', 'paymentMethodSortOrder']
];

function resolveUrl(rel, base) {
  if (!base || typeof URL !== 'function') return rel;
  try {
    return new URL(rel, base).href;
  } catch (e) {
    return rel;
  }
}

/**
 * createLoader(deps) loads the module for one installation.
 *   deps.g          the page global (Go, fetch, WebAssembly, document, location)
 *   deps.scriptUrl  what dist/checkout.wasm is resolved against (may be empty)
 *   deps.log        createLog(...)
 *   deps.queue      createQueue(...): drained with the module's api
 *   deps.onStart(opts)      called synchronously when an attempt starts
 *   deps.onPublish(json, refs) host.publish of the current attempt
 *   deps.flushRender()      host.flushRender: Promise, renders committed (D43), or undefined when no React content is mounted
 *   deps.settings           wc.wcSettings (or null): customerPaymentMethods,
 *                           globalPaymentMethods and paymentMethodSortOrder
 *                           fill the load options of those names when absent
 *   deps.onLoaded()         after the queue was drained
 * Returns {load(options), ready()}; ready() is the current attempt's Promise.
 */
function createLoader(deps) {
  var g = deps.g;
  var log = deps.log;
  var loadState = 'idle'; // idle | loading | loaded | failed
  var ready = defer();
  var attempt = 0;

  function nextToScript(rel) {
    return resolveUrl(rel, deps.scriptUrl || (g.location && g.location.href));
  }

  // Loads wasm_exec.js when globalThis.Go is missing. It is taken from next
  // to the module (build.sh copies the toolchain's file to dist/ beside
  // checkout.wasm: the two must come from the same Go release).
  function ensureGo(wasmUrl) {
    if (typeof g.Go === 'function') return Promise.resolve();
    var url = resolveUrl('wasm_exec.js', resolveUrl(wasmUrl, g.location && g.location.href));
    var doc = g.document;
    if (!doc || typeof doc.createElement !== 'function') {
      return Promise.reject(new Error('checkout.js: globalThis.Go is missing and there is no document to load ' +
        url + ' into; load wasm_exec.js before calling load()'));
    }
    return new Promise(function (resolve, reject) {
      var s = doc.createElement('script');
      s.onload = function () {
        if (typeof g.Go === 'function') resolve();
        else reject(new Error('checkout.js: loading ' + url + ' did not define globalThis.Go'));
      };
      s.onerror = function () {
        if (s.parentNode) s.parentNode.removeChild(s);
        reject(new Error('checkout.js: loading ' + url + ' failed (globalThis.Go is missing)'));
      };
      s.src = url;
      (doc.head || doc.documentElement || doc.body).appendChild(s);
    });
  }

  function fetchOk(url) {
    if (typeof g.fetch !== 'function') {
      return Promise.reject(new Error('checkout.js: fetching ' + url + ' failed: fetch is not available'));
    }
    return Promise.resolve().then(function () { return g.fetch(url); }).then(function (resp) {
      if (!resp || !resp.ok) {
        throw new Error('checkout.js: fetching ' + url + ' failed: HTTP ' + (resp ? resp.status : '?'));
      }
      return resp;
    }, function (e) {
      throw new Error('checkout.js: fetching ' + url + ' failed: ' + describe(e));
    });
  }

  function isWasmMime(resp) {
    var ct = resp.headers && typeof resp.headers.get === 'function' ? resp.headers.get('Content-Type') : null;
    return typeof ct === 'string' && ct.trim().toLowerCase() === 'application/wasm';
  }

  // Streaming compile when the server sends application/wasm; otherwise,
  // or when streaming still fails because of the MIME type, the bytes are
  // read with arrayBuffer() and given to WebAssembly.instantiate.
  function instantiate(url, importObject) {
    var WA = g.WebAssembly;
    if (!WA || typeof WA.instantiate !== 'function') {
      return Promise.reject(new Error('checkout.js: compiling ' + url + ' failed: WebAssembly is not available'));
    }
    function compileError(e) {
      return new Error('checkout.js: compiling ' + url + ' failed: ' + describe(e));
    }
    function viaBuffer(resp) {
      return Promise.resolve().then(function () { return resp.arrayBuffer(); }).then(function (bytes) {
        return WA.instantiate(bytes, importObject).then(null, function (e) { throw compileError(e); });
      }, function (e) {
        throw new Error('checkout.js: reading ' + url + ' failed: ' + describe(e));
      });
    }
    return fetchOk(url).then(function (resp) {
      if (typeof WA.instantiateStreaming === 'function' && isWasmMime(resp)) {
        return WA.instantiateStreaming(resp, importObject).then(null, function (e) {
          if (!(e instanceof TypeError) || !/mime|content-type/i.test(String(e.message))) throw compileError(e);
          return fetchOk(url).then(viaBuffer);
        });
      }
      return viaBuffer(resp);
    });
  }

  function hostConfig(opts, wasmUrl) {
    var config = {};
    Object.keys(opts).forEach(function (k) {
      if (k !== 'render' && k !== 'buttonAttributes') config[k] = opts[k]; // JS-only options
    });
    config.wasmUrl = wasmUrl;
    if (config.storeApiUrl === undefined) config.storeApiUrl = DEFAULT_STORE_API_URL;
    // What WooCommerce's payment store reads from wcSettings, when the
    // load options do not give it (D41).
    var settings = deps.settings;
    if (settings) {
      SETTINGS_OPTIONS.forEach(function (pair) {
        if (config[pair[0]] !== undefined) return;
        var v = settings.getSetting(pair[1], undefined);
        if (v !== undefined && v !== null) config[pair[0]] = v;
      });
    }
    return config;
  }

  // One load attempt: resolves with the api Go hands to host.ready.
  function start(opts, my) {
    var wasmUrl = opts.wasmUrl === undefined ? nextToScript(DEFAULT_WASM_URL) : String(opts.wasmUrl);
    return ensureGo(wasmUrl).then(function () {
      var go = new g.Go();
      go.env = Object.assign({}, go.env, { GOGC: MODULE_GOGC });
      return instantiate(wasmUrl, go.importObject).then(function (result) {
        var instance = result && result.instance ? result.instance : result;
        return new Promise(function (resolve, reject) {
          var readied = false;
          // Observers, canMakePayment, fetch, text calls: part "calls".
          var calls = createCalls(log);
          var host = g.__wcCheckoutWasmHost = {
            config: hostConfig(opts, wasmUrl),
            publish: function (json, refs) {
              if (my === attempt) deps.onPublish(json, refs);
            },
            // The same, with the text at address/length in Go's memory
            // (through host.publish, so a page or test hooking it sees every
            // publication).
            publishText: function (address, length, refs) {
              return host.publish(calls.readText(address, length), refs);
            },
            // Publications may patch the snapshots held (stores.js applyPatch).
            patches: true,
            ready: function (api) {
              if (my !== attempt || readied) return;
              if (!api || typeof api.dispatch !== 'function') {
                reject(new Error('checkout.js: the module called ready() without an api object'));
                return;
              }
              readied = true;
              resolve(calls.textApi(api)); // dispatch and submit as text calls where Go offers them
            },
            // The module could not start (bridge.Start failed): msg says why.
            fail: function (msg) {
              if (my === attempt && !readied) reject(new Error('checkout.js: the module failed to start: ' + msg));
            },
            warn: function (msg) { log.warn(msg); },
            error: function (msg, e) {
              if (arguments.length > 1) log.error(msg, e);
              else log.error(msg);
            },
            debug: function (msg) { log.debug(msg); }, // only called with the debug option
            // D43: Go calls it right before taking an event's emit snapshot
            // and waits for the Promise (renders caused by the change committed).
            flushRender: function () { return deps.flushRender(); }
          };
          ['PENDING', 'TAKE', 'connect', 'await', 'respond', 'request', 'observe', 'take', 'abort', 'done', 'throwNext', 'readText'].forEach(function (k) {
            host[k] = calls[k];
          });
          calls.attach(instance.exports, go);
          var running;
          try {
            running = calls.enterGo(function () { return go.run(instance); });
          } catch (e) {
            reject(new Error('checkout.js: starting the module failed: ' + describe(e)));
            return;
          }
          Promise.resolve(running).then(function () {
            if (!readied) reject(new Error('checkout.js: the module exited before it was ready'));
            else log.error('checkout.js: the module exited; calls into it will fail');
          }, function (e) {
            if (!readied) reject(new Error('checkout.js: the module failed before it was ready: ' + describe(e)));
            else log.error('checkout.js: the module failed', e);
          });
        });
      });
    });
  }

  // load(options): see checkout.d.ts CheckoutWasm.load. Throws a TypeError
  // for options that are not an object or a render that is not a function;
  // otherwise returns the current attempt's Promise (a new attempt only
  // when none ran yet or the last one failed).
  function load(options) {
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw new TypeError('wc.wcCheckoutWasm.load: argument options must be an object (got ' + typeName(options) + ')');
    }
    var opts = options || {};
    if (opts.render !== undefined && typeof opts.render !== 'function') {
      throw new TypeError('wc.wcCheckoutWasm.load: argument options.render must be a function (got ' + typeName(opts.render) + ')');
    }
    if (loadState === 'loading' || loadState === 'loaded') return ready.promise;
    if (loadState === 'failed') ready = defer();
    loadState = 'loading';
    var my = ++attempt;
    var d = ready;
    deps.onStart(opts);
    start(opts, my).then(function (api) {
      deps.queue.drain(api); // in a later microtask than host.ready, never inside Go's call
      loadState = 'loaded';
      d.resolve();
      deps.onLoaded();
    }).then(null, function (e) {
      if (my !== attempt || loadState === 'loaded') {
        log.error('checkout.js: after load', e);
        return;
      }
      loadState = 'failed';
      d.reject(e instanceof Error ? e : new Error('checkout.js: loading failed: ' + describe(e)));
    });
    return d.promise;
  }

  return { load: load, ready: function () { return ready.promise; } };
}
