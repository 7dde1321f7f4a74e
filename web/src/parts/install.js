/*
 * Part "install": wires the other parts into the four namespaces.
 */

var INSTALLED = '__wcCheckoutJs';

/**
 * Defines the namespaces (wcBlocksData, wcBlocksRegistry,
 * blocksCheckoutEvents, wcCheckoutWasm, wcSettings, blocksCheckout,
 * priceFormat) on target.wc (creating target.wc if needed)
 * and returns target.wc. env.scriptUrl is the URL that dist/checkout.wasm
 * and wasm_exec.js are resolved against; default: the src of
 * target.document.currentScript at call time, else target.location.href.
 * If target.wc.wcCheckoutWasm was installed by this file already, nothing
 * is defined again and the existing target.wc is returned.
 */
function install(target, env) {
  var g = target;
  env = env || {};
  var existing = g.wc;
  var wc = existing !== null && (typeof existing === 'object' || typeof existing === 'function') ? existing : null;
  if (wc && wc.wcCheckoutWasm && wc.wcCheckoutWasm[INSTALLED]) {
    return wc;
  }
  if (!wc) {
    wc = {};
    g.wc = wc;
  }

  var scriptUrl = env.scriptUrl;
  if (!scriptUrl && g.document && g.document.currentScript && g.document.currentScript.src) {
    scriptUrl = g.document.currentScript.src;
  }

  var log = createLog(g);
  var queue = createQueue(log);
  var stores = createStores({ log: log, callAsync: queue.callAsync });
  var events = createEvents({ log: log, queue: queue });
  var settings = createSettings(g);
  // The page's own wc.wcSettings when it has one (WooCommerce's), else ours.
  var readSettings = wc.wcSettings && typeof wc.wcSettings.getSetting === 'function' ? wc.wcSettings : settings;
  var react = function () { return reactOf(g); };
  var rendering = null; // created below; registrations before that have nothing to show
  var registry = createRegistry({
    queue: queue,
    log: log,
    react: react,
    onChange: function () { if (rendering) rendering.sync(); }
  });
  var loadOptions = {};

  function onSubmit() {
    return queue.callAsync(function (api) { return invoke(api, 'submit', []); });
  }
  function expressAction(name, action, message) {
    return queue.callAsync(function (api) { return invoke(api, 'expressAction', [name, action, message]); });
  }

  var props = createProps({
    snapshot: stores.snapshot,
    events: events,
    dispatch: stores.dispatch,
    settings: readSettings,
    react: react,
    onSubmit: onSubmit,
    expressAction: expressAction,
    buttonAttributes: function () { return loadOptions.buttonAttributes; }
  });
  rendering = createRendering({
    g: g,
    log: log,
    snapshot: stores.snapshot,
    registry: registry,
    props: props
  });

  // Go's publications: swap snapshots and run listeners, then show payment
  // method content (React content re-rendered with fresh props), then
  // place content whose container a listener drew.
  function onPublish(json, refs) {
    var touched = stores.applyPublish(json, refs);
    if (!touched) return;
    rendering.sync();
    rendering.placePending();
  }

  var wpRegistered = false;
  var loader = createLoader({
    g: g,
    scriptUrl: scriptUrl,
    log: log,
    queue: queue,
    onPublish: onPublish,
    flushRender: rendering.flushRender,
    settings: readSettings,
    onStart: function (opts) {
      loadOptions = opts;
      rendering.setRenderOption(opts.render || null);
      var data = g.wp && g.wp.data;
      if (!wpRegistered && data) {
        wpRegistered = true;
        registerWithWpData(data, stores, log);
      }
    },
    onLoaded: function () { rendering.sync(); }
  });

  var wcCheckoutWasm = {
    load: loader.load,
    get ready() { return loader.ready(); },
    get version() {
      var api = queue.api();
      return api && api.version !== undefined ? String(api.version) : '';
    },
    onSubmit: onSubmit,
    renderLabel: rendering.renderLabel,
    reset: function () { queue.whenReady(function (api) { invoke(api, 'reset', []); }); },
    getTrace: function () { return queue.api() ? invoke(queue.api(), 'getTrace', []) : []; },
    // Diagnostics: {calls, liveFuncs} — JS → Go calls so far and Go functions
    // JS holds (null before ready). Tests use it to prove selectors stay in JS.
    stats: function () {
      var api = queue.api();
      return api && typeof api.stats === 'function' ? invoke(api, 'stats', []) : null;
    },
    clearTrace: function () { queue.whenReady(function (api) { invoke(api, 'clearTrace', []); }); }
  };
  Object.defineProperty(wcCheckoutWasm, INSTALLED, { value: true });
  // What the selectors read before Go's first publication (for tests).
  Object.defineProperty(wcCheckoutWasm, '__defaultSnapshots', { value: DEFAULT_SNAPSHOTS });

  if (typeof g.addEventListener === 'function') {
    g.addEventListener('pageshow', function (event) { // back/forward cache
      if (event && event.persisted) wcCheckoutWasm.reset();
    });
  }

  merge(wc, 'wcBlocksData', stores.wcBlocksData);
  merge(wc, 'wcBlocksRegistry', registry.wcBlocksRegistry);
  merge(wc, 'blocksCheckoutEvents', events.blocksCheckoutEvents);
  merge(wc, 'wcCheckoutWasm', wcCheckoutWasm);
  merge(wc, 'wcSettings', settings); // D41: only the members a page's own wcSettings lacks
  merge(wc, 'blocksCheckout', createBlocksCheckout({ react: react, components: props.components, log: log }));
  merge(wc, 'priceFormat', createPriceFormat(readSettings));
  return wc;
}
