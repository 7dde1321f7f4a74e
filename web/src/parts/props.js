/*
 * Part "props": the payment method interface (D38) — the props given to a
 * method's content, edit, savedTokenComponent and label — built in JS from
 * the published snapshots (no Go crossing), and the props.components.
 */

var SHIPPING_ERROR_TYPES = Object.freeze({ NONE: 'none', INVALID_ADDRESS: 'invalid_address', UNKNOWN: 'unknown_error' });
var EMPTY_OBJECT = Object.freeze({});

// Returns prev when next has the same keys with identical values, else next
// (frozen): what keeps the props stable while nothing they hold changed.
function stableObject(prev, next) {
  if (prev) {
    var keys = Object.keys(next);
    if (keys.length === Object.keys(prev).length && keys.every(function (k) { return prev[k] === next[k]; })) return prev;
  }
  return Object.freeze(next);
}

function minorUnits(x) {
  var n = parseInt(x, 10);
  return isFinite(n) ? n : 0;
}

// The cart data gateways read: the cart snapshot's getCartData (a Store API
// cart response, camelCased at the top) when the module publishes it.
function cartDataOf(cart) {
  var d = cart && cart.getCartData;
  return d !== null && typeof d === 'object' ? d : EMPTY_OBJECT;
}

function cartTotalsOf(cart) {
  var t = cart && cart.getCartTotals;
  if (t !== null && typeof t === 'object') return t;
  t = cartDataOf(cart).totals;
  return t !== null && typeof t === 'object' ? t : EMPTY_OBJECT;
}

// WooCommerce's order of total lines; values in minor units.
function totalItems(totals, needsShipping) {
  function line(key, label) {
    var value = minorUnits(totals[key]);
    return { key: key, label: label, value: value, valueWithTax: value + minorUnits(totals[key + '_tax']) };
  }
  var items = [
    line('total_items', 'Subtotal:'),
    line('total_fees', 'Fees:'),
    line('total_discount', 'Discount:'),
    { key: 'total_tax', label: 'Taxes:', value: minorUnits(totals.total_tax), valueWithTax: minorUnits(totals.total_tax) }
  ];
  if (needsShipping) items.push(line('total_shipping', 'Shipping:'));
  return items;
}

function currencyOf(totals, fallback) {
  var f = fallback || {};
  function pick(key, def) { return totals[key] !== undefined ? totals[key] : def; }
  var symbol = pick('currency_symbol', f.symbol || '$');
  var position = f.symbolPosition || 'left';
  return {
    code: pick('currency_code', f.code || 'USD'),
    symbol: symbol,
    thousandSeparator: pick('currency_thousand_separator', f.thousandSeparator || ','),
    decimalSeparator: pick('currency_decimal_separator', f.decimalSeparator || '.'),
    minorUnit: pick('currency_minor_unit', f.precision !== undefined ? f.precision : 2),
    prefix: pick('currency_prefix', position === 'left' ? symbol : position === 'left_space' ? symbol + ' ' : ''),
    suffix: pick('currency_suffix', position === 'right' ? symbol : position === 'right_space' ? ' ' + symbol : '')
  };
}

// {package_id: rate_id} of the selected rates (Store API shipping_rates).
function selectedRatesOf(packages) {
  var out = {};
  (Array.isArray(packages) ? packages : []).forEach(function (pkg, i) {
    if (!pkg || typeof pkg !== 'object') return;
    var id = pkg.package_id !== undefined ? pkg.package_id : i;
    var rates = Array.isArray(pkg.shipping_rates) ? pkg.shipping_rates : [];
    for (var j = 0; j < rates.length; j++) {
      if (rates[j] && rates[j].selected) {
        out[id] = rates[j].rate_id;
        return;
      }
    }
  });
  return out;
}

/**
 * createComponents(react, snapshot) returns props.components as React
 * components of the page's React: LoadingMask, PaymentMethodIcons,
 * PaymentMethodLabel, ValidationInputError (the last reads the validation
 * snapshot when given a propertyName). WooCommerce's class names are kept
 * so the page's styles apply.
 */
function createComponents(react, snapshot) {
  var h = react.createElement;
  function LoadingMask(p) {
    var props = p || {};
    return h('div', { className: 'wc-block-components-loading-mask' + (props.isLoading ? ' is-loading' : ''), 'aria-busy': props.isLoading ? 'true' : undefined },
      props.isLoading && props.screenReaderLabel ? h('span', { className: 'screen-reader-text' }, props.screenReaderLabel) : null,
      props.children);
  }
  function PaymentMethodIcons(p) {
    var icons = p && Array.isArray(p.icons) ? p.icons : [];
    if (icons.length === 0) return null;
    return h('div', { className: 'wc-block-components-payment-method-icons' + (p.align ? ' wc-block-components-payment-method-icons--align-' + p.align : '') },
      icons.map(function (icon, i) {
        var o = typeof icon === 'string' ? { id: icon, alt: icon } : icon || {};
        return o.src ?
          h('img', { key: o.id || i, className: 'wc-block-components-payment-method-icon wc-block-components-payment-method-icon--' + o.id, src: o.src, alt: o.alt || '' }) :
          h('span', { key: o.id || i, className: 'wc-block-components-payment-method-icon wc-block-components-payment-method-icon--' + o.id, 'aria-label': o.alt || o.id });
      }));
  }
  function PaymentMethodLabel(p) {
    var props = p || {};
    return h('span', { className: 'wc-block-components-payment-method-label' + (props.icon ? ' wc-block-components-payment-method-label--with-icon' : '') },
      props.icon && typeof props.icon === 'object' ? props.icon : null, props.text);
  }
  function ValidationInputError(p) {
    var props = p || {};
    var message = props.errorMessage;
    if (!message && props.propertyName) {
      var errors = snapshot(VALIDATION).errors;
      var err = hasOwn(errors, props.propertyName) ? errors[props.propertyName] : null;
      if (err && !err.hidden) message = err.message;
    }
    if (!message || typeof message !== 'string') return null;
    return h('div', { className: 'wc-block-components-validation-error', role: 'alert' },
      h('p', { id: props.elementId || (props.propertyName ? 'validate-error-' + props.propertyName : undefined) }, message));
  }
  return Object.freeze({
    LoadingMask: LoadingMask,
    PaymentMethodIcons: PaymentMethodIcons,
    PaymentMethodLabel: PaymentMethodLabel,
    ValidationInputError: ValidationInputError
  });
}

// Without React: the same names, as plain functions returning text or null.
function createTextComponents() {
  return Object.freeze({
    LoadingMask: function (p) { return p && p.children !== undefined ? p.children : null; },
    PaymentMethodIcons: function () { return null; },
    PaymentMethodLabel: function (p) { return p && p.text !== undefined ? String(p.text) : ''; },
    ValidationInputError: function (p) { return p && p.errorMessage ? String(p.errorMessage) : null; }
  });
}

/**
 * createProps(deps) builds the interface props for one installation.
 *   deps.snapshot(key)   current snapshot of a store
 *   deps.events          createEvents(...) (eventRegistration, emitResponse)
 *   deps.dispatch(key)   stores.dispatch
 *   deps.settings        createSettings(...) (currency fallback, tax display)
 *   deps.react()         the page's React or null
 *   deps.onSubmit()      wc.wcCheckoutWasm.onSubmit
 *   deps.expressAction(name, action, message) -> Promise
 *   deps.buttonAttributes()  {height, borderRadius} from load(), or undefined
 * Returns {props(name, express, extra), components()}. props() returns the
 * same object while no snapshot value it holds changed (D38); extra (e.g.
 * {token}) is merged last.
 */
function createProps(deps) {
  var snapshot = deps.snapshot;
  var cache = Object.create(null);
  var parts = {};
  var componentsFor = null;
  var components = null;

  function getComponents() {
    var react = deps.react();
    if (react !== componentsFor || !components) {
      componentsFor = react;
      components = react && typeof react.createElement === 'function' ? createComponents(react, snapshot) : createTextComponents();
    }
    return components;
  }

  var setSelectedRates = function (rateId, packageId) {
    var rates = snapshot(CART).getShippingRates;
    var pkgKey = packageId === undefined ? 0 : packageId;
    var next = (Array.isArray(rates) ? rates : []).map(function (pkg, i) {
      var id = pkg && pkg.package_id !== undefined ? pkg.package_id : i;
      if (String(id) !== String(pkgKey) || !pkg || !Array.isArray(pkg.shipping_rates)) return pkg;
      return Object.assign({}, pkg, {
        shipping_rates: pkg.shipping_rates.map(function (r) { return Object.assign({}, r, { selected: r.rate_id === rateId }); })
      });
    });
    var cart = deps.dispatch(CART);
    if (typeof cart.selectShippingRate === 'function') return cart.selectShippingRate(rateId, packageId);
    return cart.setShippingRates(next);
  };
  var setShippingAddress = function (address) { return deps.dispatch(CART).setShippingAddress(address); };
  var setExpressPaymentError = function (message) {
    return deps.dispatch(PAYMENT).__internalSetExpressPaymentError(message === undefined ? '' : message);
  };

  function build() {
    var cart = snapshot(CART);
    var checkout = snapshot(CHECKOUT);
    var payment = snapshot(PAYMENT);
    var data = cartDataOf(cart);
    var totals = cartTotalsOf(cart);
    var customer = cart.getCustomerData || EMPTY_OBJECT;
    var needsShipping = cart.getNeedsShipping === true;
    var settings = deps.settings;
    var p = parts;
    var cartTotal = stableObject(p.cartTotal, { label: 'Total', value: minorUnits(totals.total_price) });
    var itemsNow = totalItems(totals, needsShipping);
    var cartTotalItems = p.cartTotalItems && JSON.stringify(p.cartTotalItems) === JSON.stringify(itemsNow) ? p.cartTotalItems : deepFreeze(itemsNow);
    var currency = stableObject(p.currency, currencyOf(totals, settings.getSetting('currency', {})));
    p.cartTotal = cartTotal;
    p.cartTotalItems = cartTotalItems;
    p.currency = currency;
    p.billing = stableObject(p.billing, {
      appliedCoupons: data.coupons || EMPTY_LIST,
      billingAddress: customer.billingAddress,
      billingData: customer.billingAddress,
      cartTotal: cartTotal,
      cartTotalItems: cartTotalItems,
      currency: currency,
      customerId: checkout.getCustomerId,
      displayPricesIncludingTax: settings.getSetting('displayCartPricesIncludingTax', false) === true
    });
    p.cartData = stableObject(p.cartData, {
      cartItems: data.items || EMPTY_LIST,
      cartFees: data.fees || EMPTY_LIST,
      extensions: data.extensions || EMPTY_OBJECT
    });
    p.checkoutStatus = stableObject(p.checkoutStatus, {
      isCalculating: checkout.isCalculating,
      isComplete: checkout.isComplete,
      isIdle: checkout.isIdle,
      isProcessing: checkout.isProcessing
    });
    p.paymentStatus = stableObject(p.paymentStatus, {
      isIdle: payment.isPaymentIdle,
      isStarted: payment.isExpressPaymentStarted,
      isProcessing: payment.isPaymentProcessing,
      hasError: payment.hasPaymentError,
      isReady: payment.isPaymentReady,
      isDoingExpressPayment: payment.isExpressPaymentMethodActive
    });
    var meta = cart.getCartMeta || EMPTY_OBJECT;
    var rates = cart.getShippingRates;
    var selectedNow = selectedRatesOf(rates);
    p.selectedRates = p.selectedRates && JSON.stringify(p.selectedRates) === JSON.stringify(selectedNow) ? p.selectedRates : Object.freeze(selectedNow);
    p.shippingData = stableObject(p.shippingData, {
      isSelectingRate: cart.isShippingRateBeingSelected === true,
      needsShipping: needsShipping,
      selectedRates: p.selectedRates,
      setSelectedRates: setSelectedRates,
      setShippingAddress: setShippingAddress,
      shippingAddress: customer.shippingAddress,
      shippingRates: rates,
      shippingRatesLoading: cart.isAddressFieldsForShippingRatesUpdating === true || meta.updatingCustomerData === true
    });
    p.shippingStatus = stableObject(p.shippingStatus, {
      shippingErrorStatus: cart.getShippingErrorStatus,
      shippingErrorTypes: SHIPPING_ERROR_TYPES
    });
    return {
      activePaymentMethod: payment.getActivePaymentMethod,
      billing: p.billing,
      cartData: p.cartData,
      checkoutStatus: p.checkoutStatus,
      components: getComponents(),
      emitResponse: deps.events.emitResponse,
      eventRegistration: deps.events.eventRegistration,
      onSubmit: deps.onSubmit,
      paymentStatus: p.paymentStatus,
      setExpressPaymentError: setExpressPaymentError,
      shippingData: p.shippingData,
      shippingStatus: p.shippingStatus,
      shouldSavePayment: payment.getShouldSavePaymentMethod === true
    };
  }

  var expressFns = Object.create(null);
  function expressExtras(name) {
    if (!expressFns[name]) {
      expressFns[name] = {
        onClick: function () { return deps.expressAction(name, 'click'); },
        onClose: function () { return deps.expressAction(name, 'close'); },
        onError: function (message) { return deps.expressAction(name, 'error', message); }
      };
    }
    return expressFns[name];
  }

  function props(name, express, extra) {
    var next = build();
    if (express) {
      var fns = expressExtras(name);
      next.onClick = fns.onClick;
      next.onClose = fns.onClose;
      next.onError = fns.onError;
      var attrs = deps.buttonAttributes() || {};
      var prevAttrs = cache[name + '|attrs'];
      next.buttonAttributes = stableObject(prevAttrs, {
        height: typeof attrs.height === 'number' ? attrs.height : 48,
        borderRadius: typeof attrs.borderRadius === 'number' ? attrs.borderRadius : 4
      });
      cache[name + '|attrs'] = next.buttonAttributes;
    }
    if (extra) Object.keys(extra).forEach(function (k) { next[k] = extra[k]; });
    var key = (express ? 'x|' : 'r|') + name;
    var out = stableObject(cache[key], next);
    cache[key] = out;
    return out;
  }

  return { props: props, components: getComponents };
}
