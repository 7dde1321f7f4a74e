/*
 * Part "registry": wc.wcBlocksRegistry — payment method registration with
 * WooCommerce's checks and messages (payment-methods.md "Registration
 * checks"), widened by D36: content, edit, label and savedTokenComponent may
 * also be a function (props) => Node | string | void, a string or a DOM node,
 * for pages without React.
 *
 * These checks live only here: scripts register before the module is ready,
 * so the module (bridge, engine) converts what it is given and keeps only
 * semantic rules (a name registered twice replaces the earlier config).
 */

var REACT_ELEMENT_TYPES = typeof Symbol === 'function' && Symbol.for ?
  [Symbol.for('react.element'), Symbol.for('react.transitional.element')] : [0xeac7];

// A React element of any React on the page (or of none yet): React marks
// elements with $$typeof; isValidElement is used as well when React is there.
function isReactElement(x, react) {
  if (x === null || typeof x !== 'object') return false;
  if (react && typeof react.isValidElement === 'function') {
    try {
      if (react.isValidElement(x)) return true;
    } catch (e) { /* a hostile object: fall through to the mark check */ }
  }
  return REACT_ELEMENT_TYPES.indexOf(x.$$typeof) >= 0;
}

function isDomNode(x) {
  return x !== null && typeof x === 'object' && typeof x.nodeType === 'number' && typeof x.nodeName === 'string';
}

// D36: what content, edit and savedTokenComponent may be.
function isView(x, react) {
  return x === null || isReactElement(x, react) || typeof x === 'function' || typeof x === 'string' || isDomNode(x);
}

function missingProperties(config, names) {
  var missing = names.filter(function (n) { return !hasOwn(config, n); });
  if (missing.length > 0) {
    throw new TypeError('The payment method configuration object is missing the following properties:' + missing.join(', '));
  }
}

function checkSupports(supports, express) {
  if (supports === undefined || supports === null) return;
  if (supports.features !== undefined && !Array.isArray(supports.features)) {
    throw new Error('The features property for the payment method must be an array or undefined.');
  }
  if (express) return;
  if (supports.showSavedCards !== undefined && typeof supports.showSavedCards !== 'boolean') {
    throw new TypeError('If the payment method includes the `supports.showSavedCards` property, it must be a boolean');
  }
  if (supports.showSaveOption !== undefined && typeof supports.showSaveOption !== 'boolean') {
    throw new TypeError('If the payment method includes the `supports.showSaveOption` property, it must be a boolean');
  }
}

function viewError(field, orString) {
  return new TypeError('The ' + field + ' property for the payment method must be a React element' +
    (orString ? ', a string, or null.' : ' or null.') +
    ' (checkout.js also accepts a function (props) => Node | string | void, a string or a DOM node.)');
}

/**
 * createConfigClasses(deps) returns the two config classes of one
 * installation, {PaymentMethodConfig, ExpressPaymentMethodConfig}: their
 * constructors check a config (throwing WooCommerce's errors) and build the
 * instance getPaymentMethods() returns, with WooCommerce's defaults.
 *   deps.react()   the page's React (wp.element or React) or null, read at
 *                  registration time (isValidElement, the default
 *                  savedTokenComponent)
 *   deps.log       createLog(...) (warnings)
 *   deps.canMakePayment(instance)  the function given to the module as the
 *                  instance's canMakePayment (extension callbacks AND-ed in)
 */
function createConfigClasses(deps) {
  var log = deps.log;

  function NullComponent() { return null; }

  function PaymentMethodConfig(config) {
    if (!(this instanceof PaymentMethodConfig)) throw new TypeError('PaymentMethodConfig must be called with new');
    var react = deps.react();
    if (config === null || typeof config !== 'object') {
      throw new TypeError('The payment method configuration object must be an object (got ' + typeName(config) + ')');
    }
    missingProperties(config, ['name', 'label', 'ariaLabel', 'content', 'edit', 'canMakePayment']);
    if (typeof config.name !== 'string') throw new Error('The name property for the payment method must be a string');
    if (config.name === '') throw new Error('The name property for the payment method must be a non-empty string');
    if (config.icons !== undefined && config.icons !== null && !Array.isArray(config.icons)) {
      throw new Error('The icons property for the payment method must be an array or null.');
    }
    if (config.paymentMethodId !== undefined && typeof config.paymentMethodId !== 'string') {
      throw new Error('The paymentMethodId property for the payment method must be a string or undefined (in which case it will be the value of the name property).');
    }
    if (config.placeOrderButtonLabel !== undefined && typeof config.placeOrderButtonLabel !== 'string') {
      throw new TypeError('The placeOrderButtonLabel property for the payment method must be a string');
    }
    if (config.placeOrderButton && typeof config.placeOrderButton !== 'function') {
      throw new TypeError('The placeOrderButton property for the payment method must be a React component (function)');
    }
    if (config.placeOrderButton && config.placeOrderButtonLabel) {
      log.warn('Payment method "' + config.name + '" provided both placeOrderButton and placeOrderButtonLabel. Using placeOrderButton.');
    }
    if (!isView(config.label, react)) throw viewError('label', true);
    if (!isView(config.content, react)) throw viewError('content', false);
    if (!isView(config.edit, react)) throw viewError('edit', false);
    var saved = config.savedTokenComponent;
    if (saved !== undefined && saved !== null && saved !== false && !isView(saved, react)) throw viewError('savedTokenComponent', false);
    if (typeof config.ariaLabel !== 'string') {
      throw new TypeError('The ariaLabel property for the payment method must be a string');
    }
    // D34: a boolean is accepted too (the module treats it as () => boolean).
    if (typeof config.canMakePayment !== 'function' && typeof config.canMakePayment !== 'boolean') {
      throw new TypeError('The canMakePayment property for the payment method must be a function.');
    }
    var supports = config.supports;
    checkSupports(supports, false);
    if (supports && supports.savePaymentInfo !== undefined) {
      log.warnOnce('savePaymentInfo', 'Passing savePaymentInfo when registering a payment method is deprecated. Please use showSavedCards and showSaveOption instead.');
    }
    this.name = config.name;
    this.label = config.label;
    this.placeOrderButtonLabel = config.placeOrderButtonLabel;
    this.placeOrderButton = config.placeOrderButton;
    this.ariaLabel = config.ariaLabel;
    this.content = config.content;
    this.savedTokenComponent = saved ||
      (react && typeof react.createElement === 'function' ? react.createElement(NullComponent) : null);
    this.icons = config.icons || null;
    this.edit = config.edit;
    this.paymentMethodId = config.paymentMethodId || this.name;
    this.supports = {
      showSavedCards: Boolean((supports && (supports.showSavedCards || supports.savePaymentInfo)) || false),
      showSaveOption: Boolean((supports && supports.showSaveOption) || false),
      features: (supports && supports.features) || ['products']
    };
    this.canMakePaymentFromConfig = config.canMakePayment;
  }
  Object.defineProperty(PaymentMethodConfig.prototype, 'canMakePayment', {
    get: function () { return deps.canMakePayment(this); }
  });

  function ExpressPaymentMethodConfig(config) {
    if (!(this instanceof ExpressPaymentMethodConfig)) throw new TypeError('ExpressPaymentMethodConfig must be called with new');
    var react = deps.react();
    if (config === null || typeof config !== 'object') {
      throw new TypeError('The payment method configuration object must be an object (got ' + typeName(config) + ')');
    }
    missingProperties(config, ['name', 'content', 'edit']);
    if (typeof config.name !== 'string') throw new TypeError('The name property for the express payment method must be a string');
    if (config.name === '') throw new TypeError('The name property for the express payment method must be a non-empty string');
    if (config.paymentMethodId !== undefined && typeof config.paymentMethodId !== 'string') {
      throw new Error('The paymentMethodId property for the payment method must be a string or undefined (in which case it will be the value of the name property).');
    }
    checkSupports(config.supports, true);
    if (!isView(config.content, react)) throw viewError('content', false);
    if (!isView(config.edit, react)) throw viewError('edit', false);
    if (typeof config.canMakePayment !== 'function' && typeof config.canMakePayment !== 'boolean') {
      throw new TypeError('The canMakePayment property for the express payment method must be a function.');
    }
    var description = config.description;
    if (typeof description === 'string' && description.length > 130) description = description.slice(0, 130) + '...';
    this.name = config.name;
    this.title = config.title || config.name.replace(/[_-]/g, ' ');
    this.description = description || '';
    this.gatewayId = config.gatewayId || '';
    this.content = config.content;
    this.edit = config.edit;
    this.paymentMethodId = config.paymentMethodId || this.name;
    this.supports = {
      features: (config.supports && config.supports.features) || ['products'],
      style: (config.supports && config.supports.style) || []
    };
    this.canMakePaymentFromConfig = config.canMakePayment;
  }
  Object.defineProperty(ExpressPaymentMethodConfig.prototype, 'canMakePayment', {
    get: function () { return deps.canMakePayment(this); }
  });

  return { PaymentMethodConfig: PaymentMethodConfig, ExpressPaymentMethodConfig: ExpressPaymentMethodConfig };
}

function isThenable(x) {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && typeof x.then === 'function';
}

/**
 * createRegistry(deps) holds the registered configs of one installation.
 *   deps.queue     createQueue(...): registrations are forwarded to the module
 *   deps.log       createLog(...)
 *   deps.react()   the page's React or null (see createConfigClasses)
 *   deps.onChange  called after each registration or removal
 * Returns {wcBlocksRegistry, regular(name), express(name), classes}.
 *
 * register…(config) throws WooCommerce's error for a bad config before
 * anything is stored or queued; register…(Config => new Config(options))
 * (the legacy form) warns once and stores what the callback returns when it
 * is a config instance. The module gets {name, paymentMethodId, supports,
 * canMakePayment}: canMakePayment runs the method's own check, then, when it
 * answered yes (truthy, not {error}), every extension callback registered
 * for the method (registerPaymentMethodExtensionCallbacks); one that returns
 * a falsy value, or throws (logged), makes the method unavailable. After ready a
 * module error propagates to the caller; before ready it is logged at replay.
 * Registering a name again replaces the earlier config (the module warns).
 */
function createRegistry(deps) {
  var queue = deps.queue;
  var log = deps.log;
  var onChange = deps.onChange;
  var regularMethods = {};
  var expressMethods = {};
  var extensionCallbacks = {}; // namespace -> {methodName: callback}

  function extensionsAllow(name, arg) {
    var namespaces = Object.keys(extensionCallbacks);
    for (var i = 0; i < namespaces.length; i++) {
      var cbs = extensionCallbacks[namespaces[i]];
      if (!hasOwn(cbs, name)) continue;
      var ok;
      try {
        ok = cbs[name](arg);
      } catch (e) {
        log.error('Error when executing callback for ' + name + ' in ' + namespaces[i], e);
        return false;
      }
      if (!ok) return false; // as WooCommerce: a falsy answer makes the method unavailable
    }
    return true;
  }

  // The method's own answer lets the extension callbacks have a say: truthy
  // and not an {error} refusal (those are passed on unchanged).
  function allowed(r) {
    return !!r && !(typeof r === 'object' && hasOwn(r, 'error'));
  }

  function canMakePaymentOf(instance) {
    var own = instance.canMakePaymentFromConfig;
    var name = instance.name;
    return function canMakePayment(arg) {
      var result = typeof own === 'function' ? own(arg) : own;
      if (isThenable(result)) {
        return Promise.resolve(result).then(function (r) { return allowed(r) ? extensionsAllow(name, arg) : r; });
      }
      return allowed(result) ? extensionsAllow(name, arg) : result;
    };
  }

  var classes = createConfigClasses({ react: deps.react, log: log, canMakePayment: canMakePaymentOf });

  // What the module is given: plain data and one function.
  function forModule(instance) {
    return {
      name: instance.name,
      paymentMethodId: instance.paymentMethodId,
      supports: {
        features: instance.supports.features.slice(),
        showSavedCards: instance.supports.showSavedCards === true,
        showSaveOption: instance.supports.showSaveOption === true
      },
      canMakePayment: canMakePaymentOf(instance)
    };
  }

  function register(fn, Config, methods, exportName, options) {
    var instance;
    if (typeof options === 'function') {
      instance = options(Config);
      log.warnOnce('legacy.' + fn, 'Passing a callback to ' + fn + '() is deprecated. Please use a config options object instead.');
    } else {
      instance = new Config(options);
    }
    if (!(instance instanceof Config)) return;
    queue.whenReady(function (api) { invoke(api, exportName, [forModule(instance)]); });
    methods[instance.name] = instance;
    onChange();
  }

  function deregister(methods, express, name) {
    if (typeof name !== 'string' || !hasOwn(methods, name)) return;
    delete methods[name];
    queue.whenReady(function (api) {
      if (typeof api.deregisterPaymentMethod === 'function') invoke(api, 'deregisterPaymentMethod', [name, express]);
    });
    onChange();
  }

  function registerPaymentMethodExtensionCallbacks(namespace, callbacks) {
    if (hasOwn(extensionCallbacks, namespace)) {
      log.error('The namespace provided to registerPaymentMethodExtensionCallbacks must be unique. Callbacks have already been registered for the ' + namespace + ' namespace.');
      return;
    }
    var kept = {};
    extensionCallbacks[namespace] = kept;
    Object.keys(callbacks || {}).forEach(function (method) {
      if (typeof callbacks[method] === 'function') {
        kept[method] = callbacks[method];
      } else {
        log.error('All callbacks provided to registerPaymentMethodExtensionCallbacks must be functions. The callback for the ' +
          method + ' payment method in the ' + namespace + ' namespace was not a function.');
      }
    });
    // The module re-checks availability after a registration; ask for one.
    queue.whenReady(function (api) {
      if (typeof api.recheckAvailability === 'function') invoke(api, 'recheckAvailability', []);
    });
  }

  var wcBlocksRegistry = {
    registerPaymentMethod: function (options) {
      register('registerPaymentMethod', classes.PaymentMethodConfig, regularMethods, 'registerPaymentMethod', options);
    },
    registerExpressPaymentMethod: function (options) {
      register('registerExpressPaymentMethod', classes.ExpressPaymentMethodConfig, expressMethods, 'registerExpressPaymentMethod', options);
    },
    registerPaymentMethodExtensionCallbacks: registerPaymentMethodExtensionCallbacks,
    __experimentalDeRegisterPaymentMethod: function (name) { deregister(regularMethods, false, name); },
    __experimentalDeRegisterExpressPaymentMethod: function (name) { deregister(expressMethods, true, name); },
    // D28: an object keyed by name holding the config instances (a copy of the map).
    getPaymentMethods: function () { return Object.assign({}, regularMethods); },
    getExpressPaymentMethods: function () { return Object.assign({}, expressMethods); }
  };
  return {
    wcBlocksRegistry: wcBlocksRegistry,
    regular: function (name) { return hasOwn(regularMethods, name) ? regularMethods[name] : undefined; },
    express: function (name) { return hasOwn(expressMethods, name) ? expressMethods[name] : undefined; },
    classes: classes
  };
}
