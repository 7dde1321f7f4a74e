/*
 * Part "rendering": shows payment method content.
 *
 * With React on the page (D37): a method whose content (or
 * savedTokenComponent, or express content) is a React element is mounted
 * into its container with the interface props, re-rendered with fresh props
 * after every publication, and unmounted when another method becomes active
 * or the method is no longer available; useEffect subscriptions in it see
 * mount and unmount as in WooCommerce. Without React, a function / string /
 * DOM node content keeps D29's rule: called (placed) once per activation of
 * a regular method, once per time an express method becomes available.
 */

var REACT_ADAPTERS = typeof WeakMap === 'function' ? new WeakMap() : null;

// The page's React as one adapter, or null: wp.element when it can render,
// else window.React + window.ReactDOM. Read at each use (React may load late).
function reactOf(g) {
  var el = g.wp && g.wp.element;
  var src = null;
  if (el && typeof el.createElement === 'function' && (typeof el.createRoot === 'function' || typeof el.render === 'function')) {
    src = { react: el, dom: el };
  } else if (g.React && typeof g.React.createElement === 'function' && g.ReactDOM &&
      (typeof g.ReactDOM.createRoot === 'function' || typeof g.ReactDOM.render === 'function')) {
    src = { react: g.React, dom: g.ReactDOM };
  }
  if (!src) return null;
  if (REACT_ADAPTERS && REACT_ADAPTERS.has(src.react)) return REACT_ADAPTERS.get(src.react);
  var R = src.react;
  var D = src.dom;
  var adapter = {
    isValidElement: R.isValidElement,
    createElement: R.createElement,
    cloneElement: R.cloneElement,
    // {render(element), unmount()} for a container: createRoot when there is one.
    root: function (container) {
      if (typeof D.createRoot === 'function') return D.createRoot(container);
      return {
        render: function (element) { D.render(element, container); },
        unmount: function () { if (typeof D.unmountComponentAtNode === 'function') D.unmountComponentAtNode(container); }
      };
    },
    flushSync: typeof D.flushSync === 'function' ? D.flushSync : null
  };
  if (REACT_ADAPTERS) REACT_ADAPTERS.set(R, adapter);
  return adapter;
}

function findContainer(doc, attrs, name) {
  if (!doc || typeof doc.querySelectorAll !== 'function') return null;
  for (var a = 0; a < attrs.length; a++) {
    var els = doc.querySelectorAll('[' + attrs[a] + ']');
    for (var i = 0; i < els.length; i++) {
      if (els[i].getAttribute(attrs[a]) === name) return els[i];
    }
  }
  return null;
}

var CONTENT_ATTR = 'data-wc-payment-method-content';
var EXPRESS_ATTR = 'data-wc-express-payment-method';

/**
 * createRendering(deps) shows payment method content for one installation.
 *   deps.g              the page global (document, MutationObserver, React)
 *   deps.log            createLog(...)
 *   deps.snapshot(key)  the current snapshot of a store
 *   deps.registry       createRegistry(...) (regular(name), express(name))
 *   deps.props          createProps(...)
 * Returns {sync(), placePending(), setRenderOption(fn | null),
 * renderLabel(name, container), flushRender(), mounted()}.
 *
 * Content that throws, or a rendering that fails, is logged with the
 * method's name and nothing is shown for it; nothing propagates.
 */
function createRendering(deps) {
  var g = deps.g;
  var log = deps.log;
  var snapshot = deps.snapshot;
  var registry = deps.registry;
  var renderOption = null;
  var activeShown = false; // D29: function content of the current active method has run
  var lastActive;
  var expressShown = Object.create(null); // D29: express names whose function content ran while available
  var slots = Object.create(null); // 'r|name' / 'x|name' -> mounted React content
  var slotCount = 0;
  var missingReact = Object.create(null); // method names already reported
  var depth = 0; // > 0 while rendering (no nested flushSync)

  function react() { return reactOf(g); }

  // ---- React content (D37) ----------------------------------------------

  function unmountSlot(key) {
    var slot = slots[key];
    if (!slot) return;
    delete slots[key];
    slotCount--;
    try {
      if (slot.viaOption) renderOption(slot.name, null, { express: slot.express, react: true });
      else if (slot.root) withFlush(slot.react, function () { slot.root.unmount(); });
    } catch (e) {
      log.error('checkout.js: unmounting the content of payment method "' + slot.name + '" failed', e);
    }
  }

  function withFlush(R, fn) {
    depth++;
    try {
      if (R && R.flushSync && depth === 1) R.flushSync(fn);
      else fn();
    } finally {
      depth--;
    }
  }

  // Renders element (cloned with props) for slot key; mounts when needed.
  function renderSlot(key, name, express, element, extra) {
    var R = react();
    if (!R) {
      if (!missingReact[name]) {
        missingReact[name] = true;
        log.error('checkout.js: payment method "' + name + '" has a React element as ' +
          (extra && extra.token !== undefined ? 'savedTokenComponent' : 'content') +
          ' but the page has no React: load wp.element (or React and ReactDOM) before checkout.js renders it');
      }
      return;
    }
    var props = deps.props.props(name, express, extra);
    var slot = slots[key];
    if (slot && slot.element === element && slot.props === props && slot.react === R && (slot.viaOption || isLive(slot.container))) return;
    try {
      var output = R.cloneElement(element, props);
      if (renderOption) {
        if (slot && !slot.viaOption) unmountSlot(key);
        slot = slots[key];
        if (!slot) {
          slot = slots[key] = { name: name, express: express, viaOption: true };
          slotCount++;
        }
        slot.element = element;
        slot.props = props;
        slot.react = R;
        renderOption(name, output, { express: express, react: true });
        return;
      }
      var container = findContainer(g.document, express ? [EXPRESS_ATTR, CONTENT_ATTR] : [CONTENT_ATTR], name);
      if (slot && (slot.container !== container || slot.react !== R || slot.element !== element)) {
        unmountSlot(key);
        slot = null;
      }
      if (!container) {
        pendingReact = true;
        watchDom();
        return;
      }
      if (!slot) {
        slot = slots[key] = { name: name, express: express, container: container, root: R.root(container), react: R };
        slotCount++;
      }
      slot.element = element;
      slot.props = props;
      withFlush(R, function () { slot.root.render(output); });
    } catch (e) {
      log.error('checkout.js: rendering the content of payment method "' + name + '" failed', e);
    }
  }

  function isLive(el) {
    var doc = g.document;
    return !!el && !!doc && (typeof doc.contains !== 'function' || doc.contains(el));
  }

  // ---- function / string / DOM node content (D29, D36) -------------------

  function place(el, output) {
    if (output === undefined || output === null || typeof output === 'boolean') return;
    if (typeof output === 'object' && typeof output.nodeType === 'number') {
      el.textContent = '';
      el.appendChild(output);
      return;
    }
    el.textContent = String(output);
  }

  // Function content keeps the props object it was called with (D29 calls
  // it once per activation): each key reads the latest props.
  function liveProps(name, express, extra) {
    var first = deps.props.props(name, express, extra);
    var live = {};
    Object.keys(first).forEach(function (k) {
      Object.defineProperty(live, k, {
        enumerable: true,
        get: function () { return deps.props.props(name, express, extra)[k]; }
      });
    });
    return Object.freeze(live);
  }

  function showPlain(name, view, express, extra) {
    var output = view;
    if (typeof view === 'function') {
      try {
        output = view(liveProps(name, express, extra));
      } catch (e) {
        log.error('checkout.js: content(props) of payment method "' + name + '" threw', e);
        return;
      }
    }
    try {
      if (renderOption) {
        renderOption(name, output, { express: express });
        return;
      }
      var doc = g.document;
      if (!doc || typeof doc.querySelectorAll !== 'function') return;
      var el = findContainer(doc, express ? [EXPRESS_ATTR, CONTENT_ATTR] : [CONTENT_ATTR], name);
      if (el) place(el, output);
      else keepPending(name, output, express);
    } catch (e) {
      log.error('checkout.js: rendering the content of payment method "' + name + '" failed', e);
    }
  }

  // Output whose container does not exist yet (a page often draws the
  // container from getAvailablePaymentMethods, which ref §3.4 updates one
  // change after the active method) is kept — the latest per method — and
  // placed when the container appears: after the next publication's
  // listeners have run, or on a DOM change when MutationObserver exists.
  var pending = Object.create(null);
  var pendingCount = 0;
  var pendingReact = false;
  var domObserver = null;

  function keepPending(name, output, express) {
    if (output === undefined || output === null || typeof output === 'boolean') return;
    if (!(name in pending)) pendingCount++;
    pending[name] = { output: output, express: express };
    watchDom();
  }

  function watchDom() {
    var doc = g.document;
    if (!domObserver && doc && typeof g.MutationObserver === 'function' && doc.documentElement) {
      domObserver = new g.MutationObserver(placePending);
      domObserver.observe(doc.documentElement, { childList: true, subtree: true });
    }
  }

  function placePending() {
    if (renderOption) return;
    if (pendingReact) {
      pendingReact = false;
      syncReact();
    }
    var doc = g.document;
    if (pendingCount > 0 && doc && typeof doc.querySelectorAll === 'function') {
      for (var name in pending) {
        try {
          var el = findContainer(doc, pending[name].express ? [EXPRESS_ATTR, CONTENT_ATTR] : [CONTENT_ATTR], name);
          if (el) {
            place(el, pending[name].output);
            delete pending[name];
            pendingCount--;
          }
        } catch (e) {
          log.error('checkout.js: rendering the content of payment method "' + name + '" failed', e);
          delete pending[name];
          pendingCount--;
        }
      }
    }
    if (pendingCount === 0 && !pendingReact && domObserver) {
      domObserver.disconnect();
      domObserver = null;
    }
  }

  // ---- what to show -------------------------------------------------------

  function isElement(x) { return isReactElement(x, react()); }

  // The view of the active regular method: savedTokenComponent (with token)
  // while a saved token is the active choice and the method has one.
  function activeView(p, cfg) {
    var token = p.getActiveSavedToken;
    if (typeof token === 'string' && token !== '' && cfg.savedTokenComponent) {
      return { view: cfg.savedTokenComponent, extra: { token: token } };
    }
    return { view: cfg.content, extra: null };
  }

  function stillAvailable(p, name) {
    if (p.paymentMethodsInitialized !== true) return true;
    var available = p.getAvailablePaymentMethods;
    return !available || typeof available !== 'object' || hasOwn(available, name);
  }

  // React slots: what should be mounted now; unmounts the rest first.
  function syncReact() {
    var p = snapshot(PAYMENT);
    var want = Object.create(null);
    var active = p.getActivePaymentMethod;
    var cfg = typeof active === 'string' && active !== '' ? registry.regular(active) : undefined;
    if (cfg && stillAvailable(p, active)) {
      var v = activeView(p, cfg);
      if (isElement(v.view)) want['r|' + active] = { name: active, express: false, view: v.view, extra: v.extra };
    }
    var availableExpress = p.getAvailableExpressPaymentMethods;
    if (availableExpress && typeof availableExpress === 'object') {
      Object.keys(availableExpress).forEach(function (name) {
        var x = registry.express(name);
        if (x && isElement(x.content)) want['x|' + name] = { name: name, express: true, view: x.content, extra: null };
      });
    }
    Object.keys(slots).forEach(function (key) {
      if (!want[key]) unmountSlot(key);
    });
    Object.keys(want).forEach(function (key) {
      var w = want[key];
      renderSlot(key, w.name, w.express, w.view, w.extra);
    });
  }

  // Plain views (D29): once per activation / availability.
  function syncPlain() {
    var p = snapshot(PAYMENT);
    var active = p.getActivePaymentMethod;
    if (active !== lastActive) {
      lastActive = active;
      activeShown = false;
    }
    var cfg = typeof active === 'string' && active !== '' ? registry.regular(active) : undefined;
    if (!activeShown && cfg) {
      var v = activeView(p, cfg);
      if (!isReactElement(v.view, null) && v.view !== null && v.view !== undefined) {
        activeShown = true;
        showPlain(active, v.view, false, v.extra);
      }
    }
    var available = p.getAvailableExpressPaymentMethods;
    Object.keys(expressShown).forEach(function (name) {
      if (!hasOwn(available, name)) delete expressShown[name];
    });
    if (available && typeof available === 'object') {
      Object.keys(available).forEach(function (name) {
        var x = registry.express(name);
        if (!expressShown[name] && x && !isReactElement(x.content, null) && x.content !== null) {
          expressShown[name] = true;
          showPlain(name, x.content, true, null);
        }
      });
    }
  }

  // After each publication and registration: plain views once per
  // activation, React content re-rendered with fresh props (skipped when the
  // props object is the same as the last render's).
  function sync() {
    syncPlain();
    syncReact();
  }

  // ---- labels -------------------------------------------------------------

  var labelRoots = typeof WeakMap === 'function' ? new WeakMap() : null;

  // renderLabel(name, container): renders the registered label of a regular
  // method (an express method: its title) into container, with
  // {components}. Throws a TypeError for an unknown name or a container that
  // is not a DOM element; a failing render is logged.
  function renderLabel(name, container) {
    var cfg = registry.regular(name);
    var express = !cfg && registry.express(name);
    if (!cfg && !express) {
      throw new TypeError('wc.wcCheckoutWasm.renderLabel: argument name names no registered payment method (' + String(name) + ')');
    }
    if (!isDomNode(container)) {
      throw new TypeError('wc.wcCheckoutWasm.renderLabel: argument container must be a DOM element (got ' + typeName(container) + ')');
    }
    var label = cfg ? cfg.label : express.title;
    var components = deps.props.components();
    try {
      if (isReactElement(label, react())) {
        var R = react();
        if (!R) {
          log.error('checkout.js: the label of payment method "' + name + '" is a React element but the page has no React: load wp.element (or React and ReactDOM)');
          return;
        }
        var root = labelRoots && labelRoots.get(container);
        if (!root || root.react !== R) {
          root = { react: R, root: R.root(container) };
          if (labelRoots) labelRoots.set(container, root);
        }
        withFlush(R, function () { root.root.render(R.cloneElement(label, { components: components })); });
        return;
      }
      var output = typeof label === 'function' ? label({ components: components }) : label;
      container.textContent = '';
      place(container, output);
    } catch (e) {
      log.error('checkout.js: rendering the label of payment method "' + name + '" failed', e);
    }
  }

  // D43: resolves once renders caused by the latest change have committed,
  // after the page's React had two macrotasks to run scheduled renders and
  // their effects. With no React content mounted nothing can be rendering
  // for the event: it returns undefined, and Go emits at once (no wait, no
  // round trip through a Promise).
  function flushRender() {
    if (slotCount === 0) return undefined;
    var R = react();
    return new Promise(function (resolve) {
      var setT = typeof g.setTimeout === 'function' ? g.setTimeout : setTimeout;
      setT(function () {
        setT(function () {
          try {
            if (R && R.flushSync && depth === 0) R.flushSync(function () {});
          } catch (e) { /* nothing pending */ }
          resolve();
        }, 0);
      }, 0);
    });
  }

  return {
    sync: sync,
    placePending: placePending,
    setRenderOption: function (fn) { renderOption = fn || null; },
    renderLabel: renderLabel,
    flushRender: flushRender,
    mounted: function () { return Object.keys(slots); }
  };
}
