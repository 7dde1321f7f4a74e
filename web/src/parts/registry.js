/*
 * Part "registry": wc.wcBlocksRegistry — payment method registration.
 */

/**
 * createRegistry(deps) holds the registered configs of one installation.
 *   deps.queue     createQueue(...): registrations are forwarded to the module
 *   deps.onChange  called after each registration (rendering may show content)
 * Returns {wcBlocksRegistry, regular(name), express(name)}: the last two
 * give the stored config of a name or undefined.
 *
 * Both register functions throw a TypeError naming the bad field before
 * anything is stored or queued. After ready a TypeError from Go propagates
 * and the config is not stored; before ready a rejection at replay is logged
 * (the config stays in getPaymentMethods()).
 */
function createRegistry(deps) {
  var queue = deps.queue;
  var onChange = deps.onChange;
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

  function registerPaymentMethod(config) {
    validateConfig('registerPaymentMethod', config);
    queue.whenReady(function (api) { invoke(api, 'registerPaymentMethod', [config]); });
    regularMethods[config.name] = config;
    onChange();
  }

  function registerExpressPaymentMethod(config) {
    validateConfig('registerExpressPaymentMethod', config);
    queue.whenReady(function (api) { invoke(api, 'registerExpressPaymentMethod', [config]); });
    expressMethods[config.name] = config;
    onChange();
  }

  var wcBlocksRegistry = {
    registerPaymentMethod: registerPaymentMethod,
    registerExpressPaymentMethod: registerExpressPaymentMethod,
    getPaymentMethods: function () { return Object.assign({}, regularMethods); }, // D28
    getExpressPaymentMethods: function () { return Object.assign({}, expressMethods); }
  };
  return {
    wcBlocksRegistry: wcBlocksRegistry,
    regular: function (name) { return regularMethods[name]; },
    express: function (name) { return expressMethods[name]; }
  };
}
