/*
 * Part "rendering": payment method content (D29) and its props.
 */

/**
 * createRendering(deps) shows the content of the active payment method and
 * of the available express methods for one installation.
 *   deps.g              the page global (document, MutationObserver)
 *   deps.log            createLog(...)
 *   deps.snapshot(key)  the current snapshot of a store
 *   deps.registry       createRegistry(...) (regular(name), express(name))
 *   deps.events         createEvents(...) (eventRegistration, emitResponse)
 *   deps.onSubmit()     wc.wcCheckoutWasm.onSubmit
 *   deps.expressAction(name, action, message)  -> Promise
 * Returns {sync(), placePending(), setRenderOption(fn | null)}.
 *
 * A content(props) that throws, or a rendering that fails, is logged with
 * the method's name and nothing is shown for it; nothing propagates.
 */
function createRendering(deps) {
  var g = deps.g;
  var log = deps.log;
  var snapshot = deps.snapshot;
  var registry = deps.registry;
  var renderOption = null;
  var activeShown = false; // content of the current active method has been called
  var lastActive;
  var expressShown = Object.create(null); // express names whose content ran while available

  // Shared by every props object; getters read the latest snapshots.
  var billingProps = Object.freeze({
    get billingAddress() { return snapshot(CART).getCustomerData.billingAddress; },
    get billingData() { return snapshot(CART).getCustomerData.billingAddress; },
    get customerId() { return snapshot(CHECKOUT).getCustomerId; }
  });
  var shippingProps = Object.freeze({
    get shippingAddress() { return snapshot(CART).getCustomerData.shippingAddress; },
    get shippingRates() { return snapshot(CART).getShippingRates; },
    get needsShipping() { return snapshot(CART).getNeedsShipping; },
    // The module does not publish this flag yet (cart view key
    // isShippingRateBeingSelected): false until it does.
    get isSelectingRate() { return snapshot(CART).isShippingRateBeingSelected === true; }
  });

  function paymentProps(name, express) {
    var props = {
      get activePaymentMethod() { return snapshot(PAYMENT).getActivePaymentMethod; },
      eventRegistration: deps.events.eventRegistration,
      emitResponse: deps.events.emitResponse,
      onSubmit: deps.onSubmit,
      billing: billingProps,
      shippingData: shippingProps
    };
    if (express) {
      props.onClick = function () { return deps.expressAction(name, 'click'); };
      props.onClose = function () { return deps.expressAction(name, 'close'); };
      props.onError = function (message) { return deps.expressAction(name, 'error', message); };
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
      log.error('checkout.js: content(props) of payment method "' + name + '" threw', e);
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
      log.error('checkout.js: rendering the content of payment method "' + name + '" failed', e);
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
        log.error('checkout.js: rendering the content of payment method "' + name + '" failed', e);
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
  function sync() {
    var p = snapshot(PAYMENT);
    var active = p.getActivePaymentMethod;
    if (active !== lastActive) {
      lastActive = active;
      activeShown = false;
    }
    if (!activeShown && typeof active === 'string' && active !== '' && registry.regular(active)) {
      activeShown = true;
      showContent(active, registry.regular(active), false);
    }
    var available = p.getAvailableExpressPaymentMethods;
    Object.keys(expressShown).forEach(function (name) {
      if (!hasOwn(available, name)) delete expressShown[name];
    });
    if (available && typeof available === 'object') {
      Object.keys(available).forEach(function (name) {
        if (!expressShown[name] && registry.express(name)) {
          expressShown[name] = true;
          showContent(name, registry.express(name), true);
        }
      });
    }
  }

  return {
    sync: sync,
    placePending: placePending,
    setRenderOption: function (fn) { renderOption = fn || null; }
  };
}
