/*
 * Part "stores": the snapshots Go publishes, select / dispatch / subscribe
 * (wc.wcBlocksData), and the registration of the stores with wp.data.
 *
 * Selectors never call into Go: they read the frozen snapshot objects Go
 * publishes through host.publish(changes) (docs/contracts.md "Snapshot
 * objects"); before the first publication they read DEFAULT_SNAPSHOTS.
 */

var CHECKOUT = 'wc/store/checkout';
var PAYMENT = 'wc/store/payment';
var VALIDATION = 'wc/store/validation';
var NOTICES = 'core/notices';
var CART = 'wc/store/cart';
var STORE_KEYS = [CHECKOUT, PAYMENT, VALIDATION, NOTICES, CART];

// BEGIN GENERATED TABLES
// The tables below (DEFAULT_SNAPSHOTS, PLAIN_SELECTORS, ACTIONS and the
// event names) mirror Go tables. They are hand-written until `go generate`
// writes this block from Go; from then on edit the Go side, not this block.

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
// END GENERATED TABLES

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

var EMPTY_LIST = Object.freeze([]);

/**
 * createStores(deps) holds the current snapshot of each store and the
 * subscribe listeners of one installation.
 *   deps.log        createLog(...) (listener throws, deprecation warnings)
 *   deps.callAsync  queue.callAsync: how an action reaches the module
 * Returns {wcBlocksData, snapshot(key), applyPublish(changes), select,
 * dispatch, subscribe}.
 */
function createStores(deps) {
  var log = deps.log;
  var callAsync = deps.callAsync;
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
  // touched stores in subscription order (a throwing listener is logged and
  // the others still run). Returns the touched store keys as a map
  // key -> true, or null when changes named no store.
  function applyPublish(changes) {
    if (changes === null || typeof changes !== 'object') return null;
    var touched = Object.create(null);
    var any = false;
    STORE_KEYS.forEach(function (k) {
      if (hasOwn(changes, k) && changes[k] !== null && typeof changes[k] === 'object') {
        current[k] = changes[k];
        touched[k] = true;
        any = true;
      }
    });
    if (!any) return null;
    var list = listeners;
    for (var i = 0; i < list.length; i++) {
      var l = list[i];
      if (!l.active || (l.key !== null && !touched[l.key])) continue;
      try {
        l.fn();
      } catch (e) {
        log.error('checkout.js: a subscribe listener threw', e);
      }
    }
    return touched;
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
        log.warnOnce('select.' + name, 'wc.wcBlocksData: selector ' + name + ' of ' + key +
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

  return {
    wcBlocksData: wcBlocksData,
    snapshot: function (key) { return current[key]; },
    applyPublish: applyPublish,
    select: select,
    dispatch: dispatch,
    subscribe: subscribe
  };
}

// Registers each store with data (window.wp.data) unless a store of that
// name is there already (e.g. WordPress's own core/notices). A failure is
// logged per store; the others are still registered.
function registerWithWpData(data, stores, log) {
  STORE_KEYS.forEach(function (key) {
    try {
      if (typeof data.select === 'function' && data.select(key)) return;
      var instance = {
        getSelectors: function () { return stores.select(key); },
        getActions: function () { return stores.dispatch(key); },
        subscribe: function (listener) { return stores.subscribe(listener, key); }
      };
      if (typeof data.register === 'function') {
        data.register({ name: key, instantiate: function () { return instance; } });
      } else if (typeof data.registerGenericStore === 'function') {
        data.registerGenericStore(key, instance);
      }
    } catch (e) {
      log.error('checkout.js: registering ' + key + ' with wp.data failed', e);
    }
  });
}
