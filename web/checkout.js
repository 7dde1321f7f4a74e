/*
 * checkout.js — the JavaScript face of the checkout WebAssembly module.
 *
 * A classic script (plain ES2017, no modules, no build step). Evaluating it
 * defines, synchronously, on globalThis.wc:
 *   wc.wcBlocksData          stores: select / dispatch / subscribe
 *   wc.wcBlocksRegistry      payment method registration
 *   wc.blocksCheckoutEvents  observer registration and response helpers
 *   wc.wcCheckoutWasm        the module handle: load, ready, onSubmit, ...
 * Existing wc.* values are kept: a namespace that already exists only gets
 * the members it lacks. Evaluating the script twice installs nothing new.
 *
 * Everything that needs the module is queued until Go calls host.ready(api)
 * and then replayed in call order (see docs/contracts.md, "Go <-> checkout.js
 * protocol"). Selectors never call into Go: they read the frozen snapshot
 * objects Go publishes through host.publish(changes); before the first
 * publication they read DEFAULT_SNAPSHOTS below.
 *
 * Under node (tests), `module.exports` is {install, DEFAULT_SNAPSHOTS, wc};
 * install(target, {scriptUrl}) defines the namespaces on any object.
 */
(function (root) {
  'use strict';

  var CHECKOUT = 'wc/store/checkout';
  var PAYMENT = 'wc/store/payment';
  var VALIDATION = 'wc/store/validation';
  var NOTICES = 'core/notices';
  var CART = 'wc/store/cart';
  var STORE_KEYS = [CHECKOUT, PAYMENT, VALIDATION, NOTICES, CART];
  var DEFAULT_STORE_API_URL = '/wp-json/wc/store/v1';
  var DEFAULT_WASM_URL = 'dist/checkout.wasm';
  var INSTALLED = '__wcCheckoutJs';
  var THROW_KEY = '__wcThrow'; // bridge/exports.go ThrowKey

  // What Go publishes for a default load (no checkoutData, no cart option),
  // store key -> snapshot (docs/contracts.md "Snapshot objects"). Kept as one
  // literal so that a browser test can compare it with Go's first publication.
  var DEFAULT_SNAPSHOTS = deepFreeze({
    'wc/store/checkout': {
      getCheckoutStatus: 'pristine',
      isIdle: false,
      isComplete: false,
      isBeforeProcessing: false,
      isProcessing: false,
      isAfterProcessing: false,
      hasError: false,
      hasOrder: false,
      isCalculating: false,
      getOrderId: 0,
      getCustomerId: 0,
      getOrderNotes: '',
      getRedirectUrl: '',
      getUseShippingAsBilling: true,
      getShouldCreateAccount: false,
      getExtensionData: {},
      prefersCollection: false,
      state: {
        redirectUrl: '',
        status: 'pristine',
        hasError: false,
        orderId: 0,
        customerId: 0,
        calculatingCount: 0,
        orderNotes: '',
        useShippingAsBilling: true,
        shouldCreateAccount: false,
        prefersCollection: undefined,
        extensionData: {}
      }
    },
    'wc/store/payment': {
      isPaymentIdle: true,
      isExpressPaymentStarted: false,
      isPaymentProcessing: false,
      isPaymentReady: false,
      hasPaymentError: false,
      isPaymentPristine: true,
      isPaymentStarted: false,
      isPaymentSuccess: false,
      isPaymentFailed: false,
      isExpressPaymentMethodActive: false,
      getActiveSavedToken: '',
      getActivePaymentMethod: '',
      getAvailablePaymentMethods: {},
      getAvailableExpressPaymentMethods: {},
      getPaymentMethodData: {},
      getSavedPaymentMethods: {},
      getActiveSavedPaymentMethods: {},
      getIncompatiblePaymentMethods: {},
      getShouldSavePaymentMethod: false,
      getPaymentResult: null,
      paymentMethodsInitialized: false,
      expressPaymentMethodsInitialized: false,
      getCurrentStatus: {
        isPristine: true,
        isIdle: true,
        isStarted: false,
        isProcessing: false,
        isFinished: false,
        hasError: false,
        hasFailed: false,
        isSuccessful: false,
        isDoingExpressPayment: false
      },
      getState: {
        status: 'idle',
        activePaymentMethod: '',
        activeSavedToken: '',
        availablePaymentMethods: {},
        availableExpressPaymentMethods: {},
        savedPaymentMethods: {},
        paymentMethodData: {},
        paymentResult: null,
        paymentMethodsInitialized: false,
        expressPaymentMethodsInitialized: false,
        shouldSavePaymentMethod: false
      }
    },
    'wc/store/validation': {
      errors: {},
      hasValidationErrors: false
    },
    'core/notices': {
      byContext: {},
      all: []
    },
    'wc/store/cart': {
      getCustomerData: { billingAddress: {}, shippingAddress: {} },
      getNeedsPayment: true,
      getNeedsShipping: false,
      getShippingRates: [],
      isAddressFieldsForShippingRatesUpdating: false,
      isShippingRateBeingSelected: false,
      getCartErrors: [],
      getShippingErrorStatus: { isPristine: true, isValid: true, hasInvalidAddress: false, hasError: false }
    }
  });

  // Zero-argument selectors: each reads the snapshot property of its name.
  var PLAIN_SELECTORS = {
    'wc/store/checkout': [
      'getCheckoutStatus', 'isIdle', 'isComplete', 'isBeforeProcessing', 'isProcessing',
      'isAfterProcessing', 'hasError', 'hasOrder', 'isCalculating', 'getOrderId',
      'getCustomerId', 'getOrderNotes', 'getRedirectUrl', 'getUseShippingAsBilling',
      'getShouldCreateAccount', 'getExtensionData', 'prefersCollection'
    ],
    'wc/store/payment': [
      'isPaymentIdle', 'isExpressPaymentStarted', 'isPaymentProcessing', 'isPaymentReady',
      'hasPaymentError', 'isExpressPaymentMethodActive', 'getActiveSavedToken',
      'getActivePaymentMethod', 'getAvailablePaymentMethods', 'getAvailableExpressPaymentMethods',
      'getPaymentMethodData', 'getSavedPaymentMethods', 'getActiveSavedPaymentMethods',
      'getIncompatiblePaymentMethods', 'getShouldSavePaymentMethod', 'getPaymentResult',
      'paymentMethodsInitialized', 'expressPaymentMethodsInitialized', 'getState'
    ],
    'wc/store/validation': ['hasValidationErrors'],
    'core/notices': [],
    'wc/store/cart': [
      'getCustomerData', 'getNeedsPayment', 'getNeedsShipping', 'getShippingRates',
      'isAddressFieldsForShippingRatesUpdating', 'isShippingRateBeingSelected', 'getCartErrors', 'getShippingErrorStatus'
    ]
  };

  // Deprecated selectors (D3, D30): same snapshot read, one console.warn per name.
  var DEPRECATED_SELECTORS = {
    'wc/store/payment': {
      isPaymentPristine: 'isPaymentIdle',
      isPaymentStarted: 'isExpressPaymentStarted',
      isPaymentSuccess: 'isPaymentReady',
      isPaymentFailed: 'hasPaymentError',
      getCurrentStatus: 'the individual payment status selectors'
    }
  };

  // Action creators per store (ref §2.2 and the §2.4 thunk that takes no
  // observers, §3.4, §4; notices and cart per js-api.md).
  var ACTIONS = {
    'wc/store/checkout': [
      '__internalSetIdle', '__internalSetRedirectUrl', '__internalSetComplete',
      '__internalSetProcessing', '__internalSetBeforeProcessing', '__internalSetAfterProcessing',
      '__internalSetHasError', '__internalIncrementCalculating', '__internalDecrementCalculating',
      '__internalSetCustomerId', '__internalSetUseShippingAsBilling',
      '__internalSetShouldCreateAccount', 'setPrefersCollection', '__internalSetOrderNotes',
      '__internalSetExtensionData', '__internalProcessCheckoutResponse'
    ],
    'wc/store/payment': [
      '__internalSetPaymentIdle', '__internalSetExpressPaymentStarted',
      '__internalSetPaymentProcessing', '__internalSetPaymentError', '__internalSetPaymentReady',
      '__internalSetExpressPaymentMethodsInitialized', '__internalSetShouldSavePaymentMethod',
      '__internalSetActivePaymentMethod', '__internalSetPaymentMethodData',
      '__internalSetPaymentResult', '__internalSetAvailableExpressPaymentMethods',
      '__internalRemoveAvailablePaymentMethod', '__internalRemoveAvailableExpressPaymentMethod',
      '__internalSetPaymentMethodsInitialized', '__internalSetAvailablePaymentMethods',
      '__internalUpdateAvailablePaymentMethods', '__internalSetExpressPaymentError'
    ],
    'wc/store/validation': [
      'setValidationErrors', 'clearValidationError', 'clearValidationErrors',
      'hideValidationError', 'showValidationError', 'showAllValidationErrors'
    ],
    'core/notices': ['createNotice', 'removeNotice'],
    'wc/store/cart': [
      'setBillingAddress', 'setShippingAddress', 'setShippingRates', 'setIsLoadingRates',
      'setIsSelectingRate', 'setCartErrors'
    ]
  };

  // Observer registration functions (ref §1.4, D11, D19), grouped as js-api.md.
  var CHECKOUT_EVENTS = ['onCheckoutValidation', 'onCheckoutSuccess', 'onCheckoutFail'];
  var PAYMENT_EVENTS = ['onPaymentSetup', 'onPaymentProcessing'];
  var SHIPPING_EVENTS = [
    'onShippingRateSuccess', 'onShippingRateFail',
    'onShippingRateSelectSuccess', 'onShippingRateSelectFail'
  ];
  var DEPRECATED_EVENTS = {
    onPaymentProcessing: 'onPaymentSetup',
    onCheckoutBeforeProcessing: 'onCheckoutValidation',
    onCheckoutValidationBeforeProcessing: 'onCheckoutValidation',
    onCheckoutAfterProcessingWithSuccess: 'onCheckoutSuccess',
    onCheckoutAfterProcessingWithError: 'onCheckoutFail'
  };
  var EVENT_NAMES = CHECKOUT_EVENTS.concat(PAYMENT_EVENTS, SHIPPING_EVENTS, [
    'onCheckoutBeforeProcessing', 'onCheckoutValidationBeforeProcessing',
    'onCheckoutAfterProcessingWithSuccess', 'onCheckoutAfterProcessingWithError',
    'onAttemptSettled'
  ]);

  var RESPONSE_TYPES = Object.freeze({ SUCCESS: 'success', FAIL: 'failure', ERROR: 'error' }); // D4, ref §1.5
  var NOTICE_CONTEXTS = Object.freeze({ // D4, ref §1.6, in declaration order
    CART: 'wc/cart',
    CHECKOUT: 'wc/checkout',
    PAYMENTS: 'wc/checkout/payments',
    EXPRESS_PAYMENTS: 'wc/checkout/express-payments',
    CONTACT_INFORMATION: 'wc/checkout/contact-information',
    SHIPPING_ADDRESS: 'wc/checkout/shipping-address',
    BILLING_ADDRESS: 'wc/checkout/billing-address',
    SHIPPING_METHODS: 'wc/checkout/shipping-methods',
    CHECKOUT_ACTIONS: 'wc/checkout/checkout-actions'
  });
  var EMPTY_LIST = Object.freeze([]);

  function deepFreeze(v) {
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
      Object.freeze(v);
      Object.keys(v).forEach(function (k) { deepFreeze(v[k]); });
    }
    return v;
  }

  function hasOwn(o, k) {
    return o !== null && o !== undefined && Object.prototype.hasOwnProperty.call(o, k);
  }

  // "Plain object" of ref §0: non-null, an Object instance, constructor exactly Object.
  function isPlainObject(x) {
    return x !== null && typeof x === 'object' && x instanceof Object && x.constructor === Object;
  }

  // ref §5.5
  function isSuccessResponse(x) { return isPlainObject(x) && x.type === RESPONSE_TYPES.SUCCESS; }
  function isErrorResponse(x) { return isPlainObject(x) && x.type === RESPONSE_TYPES.ERROR; }
  function isFailResponse(x) { return isPlainObject(x) && x.type === RESPONSE_TYPES.FAIL; }
  function shouldRetry(x) { return !isPlainObject(x) || x.retry === undefined || x.retry === true; }

  function describe(e) {
    if (e && typeof e === 'object' && typeof e.message === 'string') {
      return (e.name ? e.name + ': ' : '') + e.message;
    }
    return String(e);
  }

  // Calls api[name](...args). A Go function made with js.FuncOf cannot throw
  // into its JS caller, so the module reports a synchronous error (e.g. the
  // TypeError of D34) by returning the envelope {__wcThrow: error}; the error
  // is thrown here. An exception thrown by the call propagates as well.
  function invoke(api, name, args) {
    var result = api[name].apply(api, args);
    if (result !== null && typeof result === 'object' && hasOwn(result, THROW_KEY)) throw result[THROW_KEY];
    return result;
  }

  function typeName(v) {
    return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
  }

  function defer() {
    var d = {};
    d.promise = new Promise(function (resolve, reject) { d.resolve = resolve; d.reject = reject; });
    return d;
  }

  /**
   * Defines the four namespaces on target.wc (creating target.wc if needed)
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

    // ---- logging ------------------------------------------------------
    var warned = Object.create(null);
    function warn(msg) {
      if (g.console && typeof g.console.warn === 'function') g.console.warn(msg);
    }
    function logError(msg, e) {
      if (g.console && typeof g.console.error === 'function') {
        if (arguments.length > 1) g.console.error(msg, e);
        else g.console.error(msg);
      }
    }
    function warnOnce(name, msg) { // D30: once per deprecated name per page
      if (warned[name]) return;
      warned[name] = true;
      warn(msg);
    }

    // ---- snapshots and subscriptions ----------------------------------
    var current = {};
    STORE_KEYS.forEach(function (k) { current[k] = DEFAULT_SNAPSHOTS[k]; });
    var listeners = []; // replaced, never mutated (copy on write)

    function resolveStore(fn, storeOrKey) {
      var key = storeOrKey;
      if (storeOrKey !== null && typeof storeOrKey === 'object') key = storeOrKey.name;
      if (typeof key === 'string' && hasOwn(current, key)) return key;
      var shown = typeof key === 'string' ? '"' + key + '"' : typeName(storeOrKey);
      throw new TypeError('wc.wcBlocksData.' + fn + ': argument storeOrKey names no store (' + shown +
        '); use one of ' + STORE_KEYS.join(', ') + ' or a store descriptor');
    }

    // Swaps the snapshots named in changes, then runs the listeners of the
    // touched stores in subscription order, then shows payment method content.
    function applyPublish(changes) {
      if (changes === null || typeof changes !== 'object') return;
      var touched = Object.create(null);
      var any = false;
      STORE_KEYS.forEach(function (k) {
        if (hasOwn(changes, k) && changes[k] !== null && typeof changes[k] === 'object') {
          current[k] = changes[k];
          touched[k] = true;
          any = true;
        }
      });
      if (!any) return;
      var list = listeners;
      for (var i = 0; i < list.length; i++) {
        var l = list[i];
        if (!l.active || (l.key !== null && !touched[l.key])) continue;
        try {
          l.fn();
        } catch (e) {
          logError('checkout.js: a subscribe listener threw', e);
        }
      }
      if (touched[PAYMENT]) syncContent();
      placePending(); // listeners may just have rendered a missing container
    }

    // Listeners run synchronously inside host.publish, after the swap, in
    // subscription order; unsubscribing inside a publish takes effect at once.
    function subscribe(listener, storeOrKey) {
      if (typeof listener !== 'function') {
        throw new TypeError('wc.wcBlocksData.subscribe: argument listener must be a function (got ' + typeName(listener) + ')');
      }
      var key = storeOrKey === undefined || storeOrKey === null ? null : resolveStore('subscribe', storeOrKey);
      var entry = { fn: listener, key: key, active: true };
      listeners = listeners.concat([entry]);
      return function unsubscribe() {
        if (!entry.active) return;
        entry.active = false;
        listeners = listeners.filter(function (l) { return l !== entry; });
      };
    }

    var selectorsByKey = Object.create(null);
    function buildSelectors(key) {
      var s = {};
      PLAIN_SELECTORS[key].forEach(function (name) {
        s[name] = function () { return current[key][name]; };
      });
      var deprecated = DEPRECATED_SELECTORS[key] || {};
      Object.keys(deprecated).forEach(function (name) {
        s[name] = function () {
          warnOnce('select.' + name, 'wc.wcBlocksData: selector ' + name + ' of ' + key +
            ' is deprecated; use ' + deprecated[name] + ' instead.');
          return current[key][name];
        };
      });
      if (key === VALIDATION) {
        s.getValidationError = function (id) {
          var errors = current[key].errors;
          return hasOwn(errors, id) ? errors[id] : undefined;
        };
        s.getValidationErrorId = function (id) {
          var errors = current[key].errors;
          if (!hasOwn(errors, id) || !errors[id] || errors[id].hidden) return undefined;
          return 'validate-error-' + id;
        };
      }
      if (key === NOTICES) {
        s.getNotices = function (context) {
          var byContext = current[key].byContext;
          var ctx = context === undefined ? 'global' : context;
          return hasOwn(byContext, ctx) ? byContext[ctx] : EMPTY_LIST;
        };
      }
      return Object.freeze(s);
    }

    function select(storeOrKey) {
      var key = resolveStore('select', storeOrKey);
      return selectorsByKey[key] || (selectorsByKey[key] = buildSelectors(key));
    }

    // ---- the queue of calls made before ready --------------------------
    var liveApi = null; // set once the queue has been replayed
    var queue = [];

    // Runs run(api) now when the module is ready (a throw propagates to the
    // caller); otherwise queues it and returns the queue entry.
    function whenReady(run) {
      if (liveApi) {
        run(liveApi);
        return null;
      }
      var entry = { run: run, fail: null };
      queue.push(entry);
      return entry;
    }

    // Like whenReady for calls that return a Promise. After ready a
    // synchronous throw (Go's TypeError for bad arguments, D34) propagates to
    // the caller; a call queued before ready that throws when replayed
    // rejects the returned Promise instead.
    function callAsync(run) {
      if (liveApi) return Promise.resolve(run(liveApi));
      return new Promise(function (resolve, reject) {
        queue.push({ run: function (api) { resolve(run(api)); }, fail: reject });
      });
    }

    function dequeue(entry) {
      var i = queue.indexOf(entry);
      if (i >= 0) queue.splice(i, 1);
    }

    function drain(api) {
      while (queue.length) {
        var entry = queue.shift();
        try {
          entry.run(api);
        } catch (e) {
          if (entry.fail) entry.fail(e);
          else logError('checkout.js: a call queued before the module was ready failed when replayed', e);
        }
      }
      liveApi = api;
    }

    // ---- dispatch -----------------------------------------------------
    var actionsByKey = Object.create(null);
    function buildActions(key) {
      var a = {};
      ACTIONS[key].forEach(function (name) {
        a[name] = function () {
          var args = Array.prototype.slice.call(arguments);
          return callAsync(function (api) { return invoke(api, 'dispatch', [key, name, args]); });
        };
      });
      return Object.freeze(a);
    }

    function dispatch(storeOrKey) {
      var key = resolveStore('dispatch', storeOrKey);
      return actionsByKey[key] || (actionsByKey[key] = buildActions(key));
    }

    var wcBlocksData = {
      CHECKOUT_STORE_KEY: CHECKOUT,
      PAYMENT_STORE_KEY: PAYMENT,
      VALIDATION_STORE_KEY: VALIDATION,
      CART_STORE_KEY: CART,
      checkoutStore: Object.freeze({ name: CHECKOUT }),
      paymentStore: Object.freeze({ name: PAYMENT }),
      validationStore: Object.freeze({ name: VALIDATION }),
      cartStore: Object.freeze({ name: CART }),
      select: select,
      dispatch: dispatch,
      subscribe: subscribe
    };

    // ---- observer registration -----------------------------------------
    // onX(callback, priority = 10, options) throws a TypeError for a bad
    // callback, priority or options before anything is queued (D34), warns
    // once per deprecated alias (D11), forwards api.on(name, callback,
    // priority, options) now or at ready, and returns an idempotent
    // unsubscribe: before the replay it drops the queued registration, after
    // it calls api.off(id).
    function makeRegistration(name) {
      var fn = 'wc.blocksCheckoutEvents.' + name;
      return function (callback, priority, options) {
        if (typeof callback !== 'function') {
          throw new TypeError(fn + ': argument callback must be a function (got ' + typeName(callback) + ')');
        }
        if (priority === undefined) priority = 10;
        if (typeof priority !== 'number' || !isFinite(priority)) {
          throw new TypeError(fn + ': argument priority must be a finite number (got ' +
            (typeof priority === 'number' ? String(priority) : typeName(priority)) + ')');
        }
        if (options !== undefined && options !== null) {
          if (typeof options !== 'object') {
            throw new TypeError(fn + ': argument options must be an object (got ' + typeName(options) + ')');
          }
          if (options.label !== undefined && typeof options.label !== 'string') {
            throw new TypeError(fn + ': argument options.label must be a string (got ' + typeName(options.label) + ')');
          }
          if (options.timeoutMs !== undefined &&
              (typeof options.timeoutMs !== 'number' || !isFinite(options.timeoutMs) || options.timeoutMs < 0)) {
            throw new TypeError(fn + ': argument options.timeoutMs must be a finite number >= 0');
          }
        }
        if (hasOwn(DEPRECATED_EVENTS, name)) {
          warnOnce('event.' + name, fn + ' is deprecated; use ' + DEPRECATED_EVENTS[name] + ' instead.');
        }
        var done = false;
        var goUnsubscribe = null;
        var entry = whenReady(function (api) {
          var id = invoke(api, 'on', [name, callback, priority, options]); // a subscription id
          goUnsubscribe = function () { invoke(api, 'off', [id]); };
        });
        return function unsubscribe() {
          if (done) return;
          done = true;
          if (entry) dequeue(entry);
          if (goUnsubscribe) {
            var u = goUnsubscribe;
            goUnsubscribe = null;
            u();
          }
        };
      };
    }

    var eventRegistration = {};
    EVENT_NAMES.forEach(function (name) { eventRegistration[name] = makeRegistration(name); });
    function pick(names) {
      var o = {};
      names.forEach(function (n) { o[n] = eventRegistration[n]; });
      return o;
    }
    var emitResponse = { responseTypes: RESPONSE_TYPES, noticeContexts: NOTICE_CONTEXTS };
    var blocksCheckoutEvents = {
      checkoutEvents: pick(CHECKOUT_EVENTS),
      paymentEvents: pick(PAYMENT_EVENTS),
      shippingEvents: pick(SHIPPING_EVENTS),
      eventRegistration: eventRegistration,
      emitResponse: emitResponse,
      isSuccessResponse: isSuccessResponse,
      isErrorResponse: isErrorResponse,
      isFailResponse: isFailResponse,
      shouldRetry: shouldRetry
    };

    // ---- payment method registry ---------------------------------------
    var regularMethods = Object.create(null);
    var expressMethods = Object.create(null);

    function validateConfig(fn, config) {
      var where = 'wc.wcBlocksRegistry.' + fn;
      if (config === null || typeof config !== 'object') {
        throw new TypeError(where + ': argument config must be an object (got ' + typeName(config) + ')');
      }
      if (typeof config.name !== 'string' || config.name === '') {
        throw new TypeError(where + ': argument config is missing "name" (a non-empty string)');
      }
      if (typeof config.content !== 'function') {
        throw new TypeError(where + ': argument config is missing "content" (a function (props) => Node | string | void)');
      }
      if (typeof config.canMakePayment !== 'function' && typeof config.canMakePayment !== 'boolean') {
        throw new TypeError(where + ': argument config is missing "canMakePayment" (a function or a boolean)');
      }
    }

    // Both register functions throw a TypeError naming the bad field before
    // anything is stored or queued. After ready a TypeError from Go
    // propagates and the config is not stored; before ready a rejection at
    // replay is logged (the config stays in getPaymentMethods()).
    function registerPaymentMethod(config) {
      validateConfig('registerPaymentMethod', config);
      whenReady(function (api) { invoke(api, 'registerPaymentMethod', [config]); });
      regularMethods[config.name] = config;
      syncContent();
    }

    function registerExpressPaymentMethod(config) {
      validateConfig('registerExpressPaymentMethod', config);
      whenReady(function (api) { invoke(api, 'registerExpressPaymentMethod', [config]); });
      expressMethods[config.name] = config;
      syncContent();
    }

    var wcBlocksRegistry = {
      registerPaymentMethod: registerPaymentMethod,
      registerExpressPaymentMethod: registerExpressPaymentMethod,
      getPaymentMethods: function () { return Object.assign({}, regularMethods); }, // D28
      getExpressPaymentMethods: function () { return Object.assign({}, expressMethods); }
    };

    // ---- payment method content (D29) ----------------------------------
    var renderOption = null;
    var activeShown = false; // content of the current active method has been called
    var lastActive;
    var expressShown = Object.create(null); // express names whose content ran while available

    // Shared by every props object; getters read the latest snapshots.
    var billingProps = Object.freeze({
      get billingAddress() { return current[CART].getCustomerData.billingAddress; },
      get billingData() { return current[CART].getCustomerData.billingAddress; },
      get customerId() { return current[CHECKOUT].getCustomerId; }
    });
    var shippingProps = Object.freeze({
      get shippingAddress() { return current[CART].getCustomerData.shippingAddress; },
      get shippingRates() { return current[CART].getShippingRates; },
      get needsShipping() { return current[CART].getNeedsShipping; },
      // The module does not publish this flag yet (cart view key
      // isShippingRateBeingSelected): false until it does.
      get isSelectingRate() { return current[CART].isShippingRateBeingSelected === true; }
    });

    function expressAction(name, action, message) {
      return callAsync(function (api) { return invoke(api, 'expressAction', [name, action, message]); });
    }

    function paymentProps(name, express) {
      var props = {
        get activePaymentMethod() { return current[PAYMENT].getActivePaymentMethod; },
        eventRegistration: eventRegistration,
        emitResponse: emitResponse,
        onSubmit: onSubmit,
        billing: billingProps,
        shippingData: shippingProps
      };
      if (express) {
        props.onClick = function () { return expressAction(name, 'click'); };
        props.onClose = function () { return expressAction(name, 'close'); };
        props.onError = function (message) { return expressAction(name, 'error', message); };
      }
      return Object.freeze(props);
    }

    function place(el, output) {
      if (output === undefined || output === null || typeof output === 'boolean') return;
      if (typeof output === 'object' && typeof output.nodeType === 'number') {
        el.textContent = '';
        el.appendChild(output);
        return;
      }
      el.textContent = String(output);
    }

    function showContent(name, config, express) {
      var output;
      try {
        output = config.content(paymentProps(name, express));
      } catch (e) {
        logError('checkout.js: content(props) of payment method "' + name + '" threw', e);
        return;
      }
      try {
        if (renderOption) {
          renderOption(name, output, { express: express });
          return;
        }
        var doc = g.document;
        if (!doc || typeof doc.querySelectorAll !== 'function') return;
        if (!placeInContainer(doc, name, output)) keepPending(doc, name, output);
      } catch (e) {
        logError('checkout.js: rendering the content of payment method "' + name + '" failed', e);
      }
    }

    function placeInContainer(doc, name, output) {
      var els = doc.querySelectorAll('[data-wc-payment-method-content]');
      for (var i = 0; i < els.length; i++) {
        if (els[i].getAttribute('data-wc-payment-method-content') === name) {
          place(els[i], output);
          return true;
        }
      }
      return false;
    }

    // Output whose container does not exist yet (a page often draws the
    // container from getAvailablePaymentMethods, which ref §3.4 updates one
    // change after the active method) is kept — the latest per method — and
    // placed when the container appears: after the next publication's
    // listeners have run, or on a DOM change when MutationObserver exists.
    var pending = Object.create(null);
    var pendingCount = 0;
    var domObserver = null;

    function keepPending(doc, name, output) {
      if (output === undefined || output === null || typeof output === 'boolean') return;
      if (!(name in pending)) pendingCount++;
      pending[name] = output;
      if (!domObserver && typeof g.MutationObserver === 'function' && doc.documentElement) {
        domObserver = new g.MutationObserver(placePending);
        domObserver.observe(doc.documentElement, { childList: true, subtree: true });
      }
    }

    function placePending() {
      if (pendingCount === 0 || renderOption) return;
      var doc = g.document;
      if (!doc || typeof doc.querySelectorAll !== 'function') return;
      for (var name in pending) {
        try {
          if (placeInContainer(doc, name, pending[name])) {
            delete pending[name];
            pendingCount--;
          }
        } catch (e) {
          logError('checkout.js: rendering the content of payment method "' + name + '" failed', e);
          delete pending[name];
          pendingCount--;
        }
      }
      if (pendingCount === 0 && domObserver) {
        domObserver.disconnect();
        domObserver = null;
      }
    }

    // Calls content(props) of the active regular method once per activation
    // and of each express method once per time it becomes available (D29).
    function syncContent() {
      var p = current[PAYMENT];
      var active = p.getActivePaymentMethod;
      if (active !== lastActive) {
        lastActive = active;
        activeShown = false;
      }
      if (!activeShown && typeof active === 'string' && active !== '' && regularMethods[active]) {
        activeShown = true;
        showContent(active, regularMethods[active], false);
      }
      var available = p.getAvailableExpressPaymentMethods;
      Object.keys(expressShown).forEach(function (name) {
        if (!hasOwn(available, name)) delete expressShown[name];
      });
      if (available && typeof available === 'object') {
        Object.keys(available).forEach(function (name) {
          if (!expressShown[name] && expressMethods[name]) {
            expressShown[name] = true;
            showContent(name, expressMethods[name], true);
          }
        });
      }
    }

    // ---- wp.data --------------------------------------------------------
    var wpRegistered = false;
    function registerWithWpData() {
      var data = g.wp && g.wp.data;
      if (wpRegistered || !data) return;
      wpRegistered = true;
      STORE_KEYS.forEach(function (key) {
        try {
          // A store of that name is there already (e.g. WordPress's own
          // core/notices): leave it alone.
          if (typeof data.select === 'function' && data.select(key)) return;
          var instance = {
            getSelectors: function () { return select(key); },
            getActions: function () { return dispatch(key); },
            subscribe: function (listener) { return subscribe(listener, key); }
          };
          if (typeof data.register === 'function') {
            data.register({ name: key, instantiate: function () { return instance; } });
          } else if (typeof data.registerGenericStore === 'function') {
            data.registerGenericStore(key, instance);
          }
        } catch (e) {
          logError('checkout.js: registering ' + key + ' with wp.data failed', e);
        }
      });
    }

    // ---- loading ----------------------------------------------------------
    var loadState = 'idle'; // idle | loading | loaded | failed
    var ready = defer();
    var attempt = 0;

    function resolveUrl(rel, base) {
      if (!base || typeof URL !== 'function') return rel;
      try {
        return new URL(rel, base).href;
      } catch (e) {
        return rel;
      }
    }
    function nextToScript(rel) {
      return resolveUrl(rel, scriptUrl || (g.location && g.location.href));
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
        if (k !== 'render') config[k] = opts[k];
      });
      config.wasmUrl = wasmUrl;
      if (config.storeApiUrl === undefined) config.storeApiUrl = DEFAULT_STORE_API_URL;
      return config;
    }

    // One load attempt: resolves with the api Go hands to host.ready.
    function start(opts, my) {
      var wasmUrl = opts.wasmUrl === undefined ? nextToScript(DEFAULT_WASM_URL) : String(opts.wasmUrl);
      return ensureGo(wasmUrl).then(function () {
        var go = new g.Go();
        return instantiate(wasmUrl, go.importObject).then(function (result) {
          var instance = result && result.instance ? result.instance : result;
          return new Promise(function (resolve, reject) {
            var readied = false;
            g.__wcCheckoutWasmHost = {
              config: hostConfig(opts, wasmUrl),
              publish: function (changes) {
                if (my === attempt) applyPublish(changes);
              },
              ready: function (api) {
                if (my !== attempt || readied) return;
                if (!api || typeof api.dispatch !== 'function') {
                  reject(new Error('checkout.js: the module called ready() without an api object'));
                  return;
                }
                readied = true;
                resolve(api);
              },
              // The module could not start (bridge.Start failed): msg says why.
              fail: function (msg) {
                if (my === attempt && !readied) reject(new Error('checkout.js: the module failed to start: ' + msg));
              },
              warn: function (msg) { warn(msg); },
              error: function (msg, e) {
                if (arguments.length > 1) logError(msg, e);
                else logError(msg);
              },
              debug: function (msg) { // only called with the debug option
                if (g.console && typeof g.console.log === 'function') g.console.log(msg);
              }
            };
            var running;
            try {
              running = go.run(instance);
            } catch (e) {
              reject(new Error('checkout.js: starting the module failed: ' + describe(e)));
              return;
            }
            Promise.resolve(running).then(function () {
              if (!readied) reject(new Error('checkout.js: the module exited before it was ready'));
              else logError('checkout.js: the module exited; calls into it will fail');
            }, function (e) {
              if (!readied) reject(new Error('checkout.js: the module failed before it was ready: ' + describe(e)));
              else logError('checkout.js: the module failed', e);
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
      renderOption = opts.render || null;
      registerWithWpData();
      start(opts, my).then(function (api) {
        drain(api); // in a later microtask than host.ready, never inside Go's call
        loadState = 'loaded';
        d.resolve();
        syncContent();
      }).then(null, function (e) {
        if (my !== attempt || loadState === 'loaded') {
          logError('checkout.js: after load', e);
          return;
        }
        loadState = 'failed';
        d.reject(e instanceof Error ? e : new Error('checkout.js: loading failed: ' + describe(e)));
      });
      return d.promise;
    }

    function onSubmit() {
      return callAsync(function (api) { return invoke(api, 'submit', []); });
    }

    var wcCheckoutWasm = {
      load: load,
      get ready() { return ready.promise; },
      get version() { return liveApi && liveApi.version !== undefined ? String(liveApi.version) : ''; },
      onSubmit: onSubmit,
      reset: function () { whenReady(function (api) { invoke(api, 'reset', []); }); },
      getTrace: function () { return liveApi ? invoke(liveApi, 'getTrace', []) : []; },
      // Diagnostics: {calls, liveFuncs} — JS → Go calls so far and Go functions
      // JS holds (null before ready). Tests use it to prove selectors stay in JS.
      stats: function () { return liveApi && typeof liveApi.stats === 'function' ? invoke(liveApi, 'stats', []) : null; },
      clearTrace: function () { whenReady(function (api) { invoke(api, 'clearTrace', []); }); }
    };
    Object.defineProperty(wcCheckoutWasm, INSTALLED, { value: true });
    // What the selectors read before Go's first publication (for tests).
    Object.defineProperty(wcCheckoutWasm, '__defaultSnapshots', { value: DEFAULT_SNAPSHOTS });

    if (typeof g.addEventListener === 'function') {
      g.addEventListener('pageshow', function (event) { // back/forward cache
        if (event && event.persisted) wcCheckoutWasm.reset();
      });
    }

    merge(wc, 'wcBlocksData', wcBlocksData);
    merge(wc, 'wcBlocksRegistry', wcBlocksRegistry);
    merge(wc, 'blocksCheckoutEvents', blocksCheckoutEvents);
    merge(wc, 'wcCheckoutWasm', wcCheckoutWasm);
    return wc;
  }

  // Puts ns at wc[name], or, when wc[name] exists, adds only the members it lacks.
  function merge(wc, name, ns) {
    var have = wc[name];
    if (have === null || (typeof have !== 'object' && typeof have !== 'function')) {
      wc[name] = ns;
      return;
    }
    Object.getOwnPropertyNames(ns).forEach(function (k) {
      if (!(k in have)) Object.defineProperty(have, k, Object.getOwnPropertyDescriptor(ns, k));
    });
  }

  var wc = install(root, {});
  if (typeof module !== 'undefined' && module && module.exports) {
    module.exports = { install: install, DEFAULT_SNAPSHOTS: DEFAULT_SNAPSHOTS, wc: wc };
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
