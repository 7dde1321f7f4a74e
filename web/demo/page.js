/*
 * page.js — the demo checkout page.
 *
 * Plain ES2017, no framework, no build step (the gateway scripts it hosts
 * may be React: index.html loads React and wp.* first, and the module mounts
 * their content). It uses only the public JS API of web/checkout.js (types:
 * web/checkout.d.ts; rules: docs/rules.md):
 *   wc.wcBlocksData          select / dispatch / subscribe
 *   wc.wcBlocksRegistry      the registered payment methods
 *   wc.blocksCheckoutEvents  the field-validation observer, response types
 *   wc.wcCheckoutWasm        load, ready, onSubmit, renderLabel
 *
 * How it works
 *   1. fetch /demo/config.json and the cart (Store API), then
 *      wc.wcCheckoutWasm.load({...}). The form shows and takes input at
 *      once (what is typed is queued for the stores until the module is
 *      ready); a spinner in the payment step shows until `ready` resolves,
 *      and Place order stays disabled; an error panel (with "Try again")
 *      shows when anything fails, the form and its input kept.
 *   2. Every store change runs render(), which reads selectors and updates
 *      the DOM. The page keeps no checkout state of its own: the form inputs
 *      are the shopper's data and are pushed to the cart store
 *      (setShippingAddress / setBillingAddress) as they change; everything
 *      else (status, notices, validation errors, payment methods, shipping
 *      rates, the Place Order button) is drawn from the stores. The only
 *      other data kept is the last cart response (items and totals, which
 *      the stores do not hold) and the load options from config.json.
 *   3. Place Order calls wc.wcCheckoutWasm.onSubmit() directly in the submit
 *      handler, with no await and no flag of the page's own before it. The
 *      module enters before_processing inside that call, so the button is
 *      disabled by the next click; any other onSubmit() during the attempt
 *      gets the attempt already under way (D12). The addresses are pushed to
 *      the cart store on every edit and once more by the page's
 *      onCheckoutValidation observer, which the module awaits before it
 *      sends the order. The module redirects on complete.
 *
 * Notices are drawn as text (textContent), never as HTML.
 */
(function () {
  'use strict';

  var data = wc.wcBlocksData;
  var registry = wc.wcBlocksRegistry;
  var events = wc.blocksCheckoutEvents;
  var module = wc.wcCheckoutWasm;

  var CHECKOUT = data.CHECKOUT_STORE_KEY;
  var PAYMENT = data.PAYMENT_STORE_KEY;
  var VALIDATION = data.VALIDATION_STORE_KEY;
  var CART = data.CART_STORE_KEY;
  var NOTICES = 'core/notices';
  var contexts = events.emitResponse.noticeContexts;

  var BUSY_STATUSES = ['before_processing', 'processing', 'after_processing'];
  var VALIDATION_MESSAGE = 'Please check the highlighted fields and try again.';

  // ---- form definition --------------------------------------------------

  var COUNTRIES = [
    ['AT', 'Austria'], ['BE', 'Belgium'], ['DK', 'Denmark'], ['FR', 'France'],
    ['DE', 'Germany'], ['IE', 'Ireland'], ['IT', 'Italy'], ['NL', 'Netherlands'],
    ['ES', 'Spain'], ['SE', 'Sweden'], ['CH', 'Switzerland'],
    ['GB', 'United Kingdom'], ['US', 'United States']
  ];
  var DEFAULT_COUNTRY = 'DE';

  // Postal code shapes for the countries above; others only need a value.
  var POSTCODES = {
    AT: /^\d{4}$/, BE: /^\d{4}$/, CH: /^\d{4}$/, DK: /^\d{4}$/, DE: /^\d{5}$/,
    ES: /^\d{5}$/, FR: /^\d{5}$/, IT: /^\d{5}$/, SE: /^\d{3} ?\d{2}$/,
    NL: /^\d{4} ?[A-Za-z]{2}$/, US: /^\d{5}(-\d{4})?$/,
    GB: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/
  };

  // Store API address keys, in form order. `size`: how much of the row.
  var ADDRESS_FIELDS = [
    { key: 'first_name', label: 'First name', required: true, size: 'half', autocomplete: 'given-name' },
    { key: 'last_name', label: 'Last name', required: true, size: 'half', autocomplete: 'family-name' },
    { key: 'company', label: 'Company (optional)', size: 'full', autocomplete: 'organization' },
    { key: 'address_1', label: 'Address', required: true, size: 'full', autocomplete: 'address-line1' },
    { key: 'address_2', label: 'Apartment, suite, etc. (optional)', size: 'full', autocomplete: 'address-line2' },
    { key: 'postcode', label: 'Postal code', required: true, size: 'third', autocomplete: 'postal-code' },
    { key: 'city', label: 'City', required: true, size: 'two-thirds', autocomplete: 'address-level2' },
    { key: 'country', label: 'Country/Region', required: true, size: 'half', autocomplete: 'country', select: true },
    { key: 'state', label: 'State/County (optional)', size: 'half', autocomplete: 'address-level1' },
    { key: 'phone', label: 'Phone (optional)', size: 'full', autocomplete: 'tel', type: 'tel' }
  ];
  var EMAIL_ID = 'billing_email';

  // ---- small helpers ----------------------------------------------------

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === undefined || v === null || v === false) return;
        if (k === 'text') node.textContent = String(v);
        else if (k === 'className') node.className = v;
        else if (v === true) node.setAttribute(k, '');
        else node.setAttribute(k, String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function formatPrice(minor, currency) {
    var c = currency || {};
    var unit = typeof c.currency_minor_unit === 'number' ? c.currency_minor_unit : 2;
    var n = Number(minor) / Math.pow(10, unit);
    if (!isFinite(n)) return '';
    var parts = Math.abs(n).toFixed(unit).split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, c.currency_thousand_separator || ',');
    var text = whole + (unit > 0 ? (c.currency_decimal_separator || '.') + parts[1] : '');
    return (n < 0 ? '-' : '') + (c.currency_prefix || '') + text + (c.currency_suffix || '');
  }

  function fieldId(prefix, key) { return prefix + '_' + key; }

  // ---- building the static form ----------------------------------------

  function buildField(id, def, section) {
    var input;
    var autocomplete = (section ? section + ' ' : '') + def.autocomplete;
    if (def.select) {
      input = el('select', { id: id, name: id, autocomplete: autocomplete, required: def.required });
      COUNTRIES.forEach(function (c) {
        input.appendChild(el('option', { value: c[0], text: c[1], selected: c[0] === DEFAULT_COUNTRY }));
      });
    } else {
      input = el('input', {
        id: id, name: id, type: def.type || 'text', autocomplete: autocomplete,
        required: def.required, 'aria-required': def.required ? 'true' : null,
        inputmode: def.inputmode, spellcheck: def.type === 'email' ? 'false' : null
      });
    }
    input.setAttribute('data-field', id);
    return el('div', { className: 'field field--' + (def.size || 'full'), 'data-field-wrapper': id }, [
      el('label', { for: id, text: def.label }),
      input
    ]);
  }

  function buildForm() {
    $('contact-fields').appendChild(buildField(EMAIL_ID, {
      label: 'Email address', required: true, type: 'email', autocomplete: 'email', size: 'full'
    }, ''));
    ['shipping', 'billing'].forEach(function (prefix) {
      var fieldset = $(prefix + '-address');
      ADDRESS_FIELDS.forEach(function (def) {
        fieldset.appendChild(buildField(fieldId(prefix, def.key), def, prefix));
      });
    });
  }

  // All validated field ids in DOM order (billing only while it is shown).
  function validatedFields(includeBilling) {
    var ids = [EMAIL_ID];
    ADDRESS_FIELDS.forEach(function (d) { ids.push(fieldId('shipping', d.key)); });
    if (includeBilling) ADDRESS_FIELDS.forEach(function (d) { ids.push(fieldId('billing', d.key)); });
    return ids;
  }
  var ALL_FIELDS = validatedFields(true);
  var BILLING_FIELDS = ADDRESS_FIELDS.map(function (d) { return fieldId('billing', d.key); });

  // ---- reading the form -------------------------------------------------

  function value(id) {
    var input = $(id);
    return input ? String(input.value).trim() : '';
  }

  function addressFromForm(prefix) {
    var a = {};
    ADDRESS_FIELDS.forEach(function (d) { a[d.key] = value(fieldId(prefix, d.key)); });
    return a;
  }

  function useShippingAsBilling() {
    return data.select(CHECKOUT).getUseShippingAsBilling() !== false;
  }

  // Pushes the addresses in the form to the cart store; resolves when the
  // store has them (each dispatch resolves after its change, js-api.md).
  function pushAddresses() {
    var cart = data.dispatch(CART);
    var shipping = addressFromForm('shipping');
    var billing = useShippingAsBilling() ? Object.assign({}, shipping) : addressFromForm('billing');
    billing.email = value(EMAIL_ID);
    return Promise.all([cart.setShippingAddress(shipping), cart.setBillingAddress(billing)]);
  }

  // The message for field id, or '' when its value is acceptable.
  function fieldProblem(id) {
    var v = value(id);
    if (id === EMAIL_ID) {
      if (v === '') return 'Please enter your email address.';
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return 'Please enter a valid email address.';
      return '';
    }
    var prefix = id.slice(0, id.indexOf('_'));
    var key = id.slice(prefix.length + 1);
    var def = ADDRESS_FIELDS.filter(function (d) { return d.key === key; })[0];
    if (!def) return '';
    if (def.required && v === '') {
      return 'Please enter your ' + def.label.toLowerCase().replace(/\/.*$/, '') + '.';
    }
    if (key === 'postcode' && v !== '') {
      var shape = POSTCODES[value(fieldId(prefix, 'country'))];
      if (shape && !shape.test(v)) return 'Please enter a valid postal code.';
    }
    return '';
  }

  function validationErrorsFor(ids) {
    var errors = {};
    ids.forEach(function (id) {
      var message = fieldProblem(id);
      if (message) errors[id] = { message: message, hidden: false };
    });
    return errors;
  }

  // Field check for one field: sets or clears its validation-store error.
  function validateField(id) {
    var message = fieldProblem(id);
    var validation = data.dispatch(VALIDATION);
    if (message) return validation.setValidationErrors(makeError(id, message));
    if (data.select(VALIDATION).getValidationError(id)) return validation.clearValidationError(id);
    return Promise.resolve();
  }
  function makeError(id, message) {
    var o = {};
    o[id] = { message: message, hidden: false };
    return o;
  }

  // ---- rendering --------------------------------------------------------
  // Each part remembers the selector results it last drew and redraws only
  // when they changed (selectors return the same references until a change).

  var last = {
    notices: {},
    validation: {},
    rates: null, calculatingRates: null,
    methods: null, methodLabels: null, active: null,
    express: null, expressNames: null,
    summary: null, summaryCalculating: null,
    status: null
  };
  var cartData = null; // the last cart response: items and totals for the summary
  var loadOptions = null;
  var isReady = false;

  function renderNotices() {
    var notices = data.select(NOTICES);
    var areas = document.querySelectorAll('[data-notice-context]');
    for (var i = 0; i < areas.length; i++) {
      var area = areas[i];
      var context = area.getAttribute('data-notice-context');
      var list = notices.getNotices(context);
      if (last.notices[context] === list) continue;
      last.notices[context] = list;
      area.textContent = '';
      list.forEach(function (n) { area.appendChild(noticeNode(n, context)); });
    }
  }

  function noticeNode(n, context) {
    var status = n.status || 'info';
    var isError = status === 'error';
    var node = el('div', {
      className: 'notice notice--' + status,
      role: isError ? 'alert' : 'status',
      'data-notice-id': n.id
    }, [el('p', { className: 'notice__text', text: n.content === undefined ? '' : String(n.content) })]);
    if (n.isDismissible) {
      var button = el('button', { type: 'button', className: 'notice__dismiss', 'aria-label': 'Dismiss this notice' }, ['\u00d7']);
      button.addEventListener('click', function () {
        data.dispatch(NOTICES).removeNotice(n.id, context);
      });
      node.appendChild(button);
    }
    return node;
  }

  function renderValidation() {
    var validation = data.select(VALIDATION);
    ALL_FIELDS.forEach(function (id) {
      var error = validation.getValidationError(id);
      var errorId = validation.getValidationErrorId(id);
      var prev = last.validation[id];
      if (prev && prev.error === error && prev.errorId === errorId) return;
      last.validation[id] = { error: error, errorId: errorId };
      var input = $(id);
      var wrapper = input && input.parentNode;
      if (!wrapper) return;
      var shown = wrapper.querySelector('.field__error');
      if (errorId && error) {
        if (!shown) {
          shown = el('p', { className: 'field__error' });
          wrapper.appendChild(shown);
        }
        shown.id = errorId;
        shown.textContent = String(error.message);
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', errorId);
        wrapper.classList.add('field--invalid');
      } else {
        if (shown) wrapper.removeChild(shown);
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
        wrapper.classList.remove('field--invalid');
      }
    });
  }

  function renderAccountAndAddressOptions() {
    var checkout = data.select(CHECKOUT);
    var same = checkout.getUseShippingAsBilling() !== false;
    $('use-shipping-as-billing').checked = same;
    $('billing-step').hidden = same;
    $('create-account').checked = checkout.getShouldCreateAccount() === true;
  }

  function rateLabel(rate) {
    var price = Number(rate.price) === 0 ? 'Free' : formatPrice(rate.price, rate);
    return [
      el('span', { className: 'option__title', text: rate.name }),
      el('span', { className: 'option__price', text: price })
    ];
  }

  function renderShippingRates() {
    var packages = data.select(CART).getShippingRates();
    var calculating = data.select(CHECKOUT).isCalculating();
    if (packages === last.rates && calculating === last.calculatingRates) return;
    var fieldset = $('shipping-rates');
    if (packages !== last.rates) {
      Array.prototype.slice.call(fieldset.querySelectorAll('.package')).forEach(function (n) { fieldset.removeChild(n); });
      var any = false;
      (packages || []).forEach(function (pkg) {
        var group = el('div', { className: 'package', role: 'radiogroup', 'aria-label': pkg.name || 'Shipping options' });
        if (packages.length > 1) group.appendChild(el('p', { className: 'package__name', text: pkg.name }));
        (pkg.shipping_rates || []).forEach(function (rate) {
          any = true;
          var id = 'rate-' + pkg.package_id + '-' + String(rate.rate_id).replace(/[^\w-]/g, '-');
          var input = el('input', {
            type: 'radio', id: id, name: 'shipping-rate-' + pkg.package_id, value: rate.rate_id,
            'data-package-id': pkg.package_id
          });
          input.checked = rate.selected === true;
          var label = el('label', { className: 'option' + (rate.selected ? ' option--selected' : ''), for: id },
            [input].concat(rateLabel(rate)));
          group.appendChild(label);
        });
        fieldset.appendChild(group);
      });
      $('shipping-rates-empty').hidden = any;
    }
    var radios = fieldset.querySelectorAll('input[type=radio]');
    for (var i = 0; i < radios.length; i++) radios[i].disabled = calculating;
    fieldset.classList.toggle('is-calculating', calculating);
    last.rates = packages;
    last.calculatingRates = calculating;
  }

  // The registered label (a React element, a string or a node), rendered by
  // the module with {components}, as WooCommerce's checkout renders it.
  function methodLabel(config, name) {
    var span = el('span', { className: 'option__title' });
    try {
      module.renderLabel(name, span);
    } catch (e) {
      console.error('demo checkout: the label of ' + name + ' could not be rendered', e);
      span.textContent = config && config.ariaLabel ? String(config.ariaLabel) : name;
    }
    return span;
  }

  // Regular payment methods: one radio and one content container per
  // registered method, shown while the method is available. The containers
  // exist from the first render on and are never rebuilt: the loader puts a
  // method's content into [data-wc-payment-method-content="<name>"] at the
  // moment the method becomes active (D29), which can be one store change
  // before the method shows up in getAvailablePaymentMethods() (default
  // selection runs before the available set is stored, ref §3.4).
  function renderPaymentMethods() {
    var payment = data.select(PAYMENT);
    var available = payment.getAvailablePaymentMethods() || {};
    var active = payment.getActivePaymentMethod();
    var configs = registry.getPaymentMethods();
    var registered = Object.keys(configs);
    var key = registered.join(',');
    if (available === last.methods && active === last.active && key === last.methodLabels) return;
    var fieldset = $('payment-methods');
    var availableNames = Object.keys(available);
    var order = availableNames.concat(registered.filter(function (n) { return availableNames.indexOf(n) < 0; }));
    order.forEach(function (name) {
      var node = fieldset.querySelector('[data-payment-method="' + cssEscape(name) + '"]');
      if (!node) {
        var config = configs[name];
        var id = 'payment-method-' + name.replace(/[^\w-]/g, '-');
        var input = el('input', {
          type: 'radio', id: id, name: 'payment-method', value: name,
          'aria-label': config && config.ariaLabel ? config.ariaLabel : null
        });
        var content = el('div', {
          className: 'option__content', id: id + '-content', 'data-wc-payment-method-content': name
        });
        node = el('div', { className: 'option option--payment', 'data-payment-method': name }, [
          el('label', { className: 'option__label', for: id }, [input, methodLabel(config, name)]),
          content
        ]);
      }
      fieldset.appendChild(node); // available methods first, in their order
      var selected = name === active;
      node.hidden = !hasOwn(available, name);
      node.querySelector('input[type=radio]').checked = selected;
      node.classList.toggle('option--selected', selected);
      node.querySelector('[data-wc-payment-method-content]').hidden = !selected;
    });
    $('payment-methods-empty').hidden = availableNames.length > 0 || !isReady;
    last.methods = available;
    last.active = active;
    last.methodLabels = key;
  }

  // Express methods: a container per registered express method, shown while
  // it is available (its content is rendered once, when it becomes
  // available, D29).
  function renderExpressMethods() {
    var available = data.select(PAYMENT).getAvailableExpressPaymentMethods() || {};
    var registered = Object.keys(registry.getExpressPaymentMethods());
    var key = registered.join(',');
    if (available === last.express && key === last.expressNames) return;
    last.express = available;
    last.expressNames = key;
    var box = $('express-payment-methods');
    var shown = 0;
    registered.forEach(function (name) {
      var node = box.querySelector('[data-wc-payment-method-content="' + cssEscape(name) + '"]');
      if (!node) {
        node = el('div', { className: 'express__method', 'data-wc-payment-method-content': name });
        box.appendChild(node);
      }
      node.hidden = !hasOwn(available, name);
      if (!node.hidden) shown++;
    });
    $('express-payment').hidden = shown === 0;
    $('express-divider').hidden = shown === 0;
  }

  function hasOwn(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function cssEscape(s) {
    return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, '\\$&');
  }

  function renderSummary() {
    var calculating = data.select(CHECKOUT).isCalculating();
    if (cartData === last.summary && calculating === last.summaryCalculating) return;
    last.summary = cartData;
    last.summaryCalculating = calculating;
    if (!cartData) return;
    var totals = cartData.totals || {};
    var list = $('summary-items');
    list.textContent = '';
    (cartData.items || []).forEach(function (item, i) {
      var initials = String(item.name || '?').split(/\s+/).map(function (w) { return w.charAt(0); }).join('').slice(0, 2);
      var thumb = el('span', { className: 'summary__thumb summary__thumb--' + (i % 4), 'aria-hidden': 'true' }, [
        initials,
        el('span', { className: 'summary__qty', text: item.quantity })
      ]);
      var lineTotal = item.totals ? formatPrice(item.totals.line_total, item.totals) : '';
      list.appendChild(el('li', { className: 'summary__item' }, [
        thumb,
        el('span', { className: 'summary__name' }, [
          el('span', { text: item.name }),
          el('span', { className: 'summary__meta', text: 'Qty ' + item.quantity + ' · ' + formatPrice(item.prices.price, item.prices) + ' each' })
        ]),
        el('span', { className: 'summary__price', text: lineTotal })
      ]));
    });
    var selected = null;
    (cartData.shipping_rates || []).forEach(function (pkg) {
      (pkg.shipping_rates || []).forEach(function (r) { if (r.selected) selected = r; });
    });
    $('summary-subtotal').textContent = formatPrice(totals.total_items, totals);
    $('summary-shipping-name').textContent = selected ? '(' + selected.name + ')' : '';
    $('summary-shipping').textContent = Number(totals.total_shipping) === 0 ? 'Free' : formatPrice(totals.total_shipping, totals);
    var total = formatPrice(totals.total_price, totals);
    $('summary-total').textContent = calculating ? 'Updating…' : total;
    $('summary-toggle-total').textContent = calculating ? '' : total;
    $('order-summary').classList.toggle('is-calculating', calculating);
  }

  function renderStatus() {
    var checkout = data.select(CHECKOUT);
    var payment = data.select(PAYMENT);
    var status = checkout.getCheckoutStatus();
    var busy = BUSY_STATUSES.indexOf(status) >= 0;
    var redirecting = checkout.isComplete() && !checkout.hasError();
    var calculating = checkout.isCalculating();
    var expressActive = payment.isExpressPaymentMethodActive();
    var active = payment.getActivePaymentMethod();
    var key = [isReady, status, redirecting, calculating, expressActive, active].join('|');
    if (key === last.status) return;
    last.status = key;

    var button = $('place-order');
    button.disabled = !isReady || busy || redirecting || calculating || expressActive;
    button.setAttribute('aria-busy', busy || redirecting ? 'true' : 'false');
    button.classList.toggle('is-busy', busy || redirecting);
    var config = registry.getPaymentMethods()[active];
    var label = config && config.placeOrderButtonLabel ? String(config.placeOrderButtonLabel) : 'Place order';
    $('place-order-label').textContent = redirecting ? 'Order placed' : busy ? 'Processing…' : label;
    $('checkout-form').classList.toggle('is-processing', busy || redirecting);
    $('checkout-status').textContent = redirecting ? 'Your order was placed. Redirecting to the confirmation page.'
      : busy ? 'Processing your order, please wait.'
        : calculating ? 'Updating totals.' : '';
  }

  function render() {
    renderStatus();
    renderNotices();
    renderValidation();
    renderAccountAndAddressOptions();
    renderExpressMethods();
    renderPaymentMethods();
    renderShippingRates();
    renderSummary();
  }

  // ---- shopper actions --------------------------------------------------

  function onFieldInput(event) {
    var input = event.target;
    var id = input && input.getAttribute('data-field');
    if (!id) return;
    input.setAttribute('data-touched', 'true');
    pushAddresses();
    // An error that the edit fixed goes away at once; new errors wait for blur.
    if (data.select(VALIDATION).getValidationError(id) && !fieldProblem(id)) {
      data.dispatch(VALIDATION).clearValidationError(id);
    }
    if (/_country$/.test(id)) {
      var postcode = id.replace(/_country$/, '_postcode');
      if ($(postcode).getAttribute('data-touched')) validateField(postcode);
    }
  }

  function onFieldBlur(event) {
    var input = event.target;
    var id = input && input.getAttribute && input.getAttribute('data-field');
    if (!id || !input.getAttribute('data-touched')) return;
    validateField(id);
  }

  function onUseSameAddress(event) {
    var same = event.target.checked;
    var checkout = data.dispatch(CHECKOUT);
    var done = checkout.__internalSetUseShippingAsBilling(same);
    if (same) data.dispatch(VALIDATION).clearValidationErrors(BILLING_FIELDS);
    done.then(pushAddresses);
    if (!same) {
      var first = $(fieldId('billing', 'first_name'));
      setTimeout(function () { if (first && !$('billing-step').hidden) first.focus(); }, 0);
    }
  }

  function onPaymentMethodChange(event) {
    var input = event.target;
    if (!input || input.name !== 'payment-method' || !input.checked) return;
    data.dispatch(NOTICES).removeNotice('wc-payment-error', contexts.PAYMENTS);
    data.dispatch(PAYMENT).__internalSetActivePaymentMethod(input.value);
  }

  // Shipping rate choice: the selecting flag around the Store API call drives
  // isCalculating and the shipping-rate-select events (ref §13).
  function onShippingRateChange(event) {
    var input = event.target;
    if (!input || input.type !== 'radio' || !input.hasAttribute('data-package-id')) return;
    var cart = data.dispatch(CART);
    var noticeId = 'shipping-rate-error';
    var hadNotice = data.select(NOTICES).getNotices(contexts.SHIPPING_METHODS).some(function (n) { return n.id === noticeId; });
    if (hadNotice) data.dispatch(NOTICES).removeNotice(noticeId, contexts.SHIPPING_METHODS);
    cart.setIsSelectingRate(true).then(function () {
      return storeApi('POST', '/cart/select-shipping-rate', {
        package_id: Number(input.getAttribute('data-package-id')),
        rate_id: input.value
      });
    }).then(function (cart2) {
      cartData = cart2;
      return cart.setShippingRates(cart2.shipping_rates || []);
    }).catch(function (e) {
      last.rates = null; // redraw the radios from the store's (unchanged) selection
      return data.dispatch(NOTICES).createNotice('error',
        'The shipping option could not be changed: ' + messageOf(e),
        { id: noticeId, context: contexts.SHIPPING_METHODS, isDismissible: true });
    }).then(function () {
      return cart.setIsSelectingRate(false);
    });
  }

  function onSubmit(event) {
    event.preventDefault();
    if ($('place-order').disabled) return;
    // Straight to the module (see the file comment, point 3).
    module.onSubmit().then(afterAttempt, function (e) {
      console.error('demo checkout: onSubmit failed', e);
    });
  }

  // After a failed attempt, take the shopper to what needs attention: the
  // first invalid field, else the first error notice.
  function afterAttempt(outcome) {
    if (!outcome || outcome.outcome === 'complete' || outcome.outcome === 'reset') return;
    var form = $('checkout-form');
    var invalid = form.querySelector('[aria-invalid="true"]');
    if (invalid && invalid.offsetParent !== null) {
      invalid.focus();
      return;
    }
    var notice = form.querySelector('.notice--error');
    if (notice && notice.scrollIntoView) notice.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  // ---- checkout validation observer -------------------------------------
  // Runs when the shopper places the order (onCheckoutValidation, D7): makes
  // sure the store has the latest addresses, then checks every required
  // field. Express payments bring their own addresses, so the form is not
  // checked while an express method is active (as WooCommerce skips its own
  // validation then, ref §7 R8).
  events.checkoutEvents.onCheckoutValidation(function demoPageFieldValidation() {
    if (data.select(PAYMENT).isExpressPaymentMethodActive()) return true;
    return pushAddresses().then(function () {
      var errors = validationErrorsFor(validatedFields(!useShippingAsBilling()));
      if (Object.keys(errors).length === 0) return true;
      // One message per failed attempt: drop the one from an earlier attempt.
      var stale = data.select(NOTICES).getNotices(contexts.CHECKOUT).filter(function (n) { return n.content === VALIDATION_MESSAGE; });
      return Promise.all(stale.map(function (n) {
        return data.dispatch(NOTICES).removeNotice(n.id, contexts.CHECKOUT);
      })).then(function () {
        return { errorMessage: VALIDATION_MESSAGE, validationErrors: errors };
      });
    });
  }, 10, { label: 'demo page: required fields' });

  // ---- Store API helpers ------------------------------------------------

  function messageOf(e) {
    return e && e.message ? e.message : String(e);
  }

  function getJSON(url) {
    return fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (resp) {
        if (!resp.ok) throw new Error('GET ' + url + ' failed: HTTP ' + resp.status);
        return resp.json();
      });
  }

  function storeApi(method, path, body) {
    var headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    if (loadOptions && loadOptions.nonce) headers.Nonce = loadOptions.nonce;
    return fetch(loadOptions.storeApiUrl + path, {
      method: method, credentials: 'same-origin', cache: 'no-store', headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (resp) {
      return resp.json().then(function (json) {
        if (!resp.ok) throw new Error(json && json.message ? json.message : 'HTTP ' + resp.status);
        return json;
      }, function () {
        throw new Error('HTTP ' + resp.status);
      });
    });
  }

  // ---- start-up ----------------------------------------------------------

  function showState(state, detail) {
    // The form stays shown in every state: what the shopper typed is kept,
    // and Place order waits for the module (render: isReady).
    $('checkout-loading').hidden = state !== 'loading';
    $('checkout-load-error').hidden = state !== 'error';
    $('payment-methods').setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
    if (state === 'error') {
      $('checkout-load-error-detail').textContent = detail || '';
      $('checkout-retry').focus();
    }
  }

  // Fills empty inputs from what the stores were preloaded with (checkoutData).
  function prefill() {
    var customer = data.select(CART).getCustomerData() || {};
    [['shipping', customer.shippingAddress], ['billing', customer.billingAddress]].forEach(function (pair) {
      var address = pair[1] || {};
      ADDRESS_FIELDS.forEach(function (d) {
        var input = $(fieldId(pair[0], d.key));
        if (input && typeof address[d.key] === 'string' && address[d.key] !== '' && (input.value === '' || d.select)) {
          input.value = address[d.key];
        }
      });
    });
    if (customer.billingAddress && customer.billingAddress.email && value(EMAIL_ID) === '') {
      $(EMAIL_ID).value = customer.billingAddress.email;
    }
    var notes = data.select(CHECKOUT).getOrderNotes();
    if (notes && $('order-notes').value === '') $('order-notes').value = notes;
  }

  function start() {
    showState('loading');
    getJSON('/demo/config.json').then(function (config) {
      loadOptions = {
        nonce: config.nonce,
        storeApiUrl: config.storeApiUrl || '/wp-json/wc/store/v1',
        checkoutData: config.checkoutData,
        debug: /[?&]debug=1\b/.test(location.search)
      };
      return getJSON(loadOptions.storeApiUrl + '/cart');
    }).then(function (cart) {
      // The cart is preloaded as the Store API response itself (D39), as
      // WooCommerce hydrates its cart store.
      cartData = cart;
      loadOptions.cart = cart;
      return module.load(loadOptions);
    }).then(function () {
      isReady = true;
      prefill();
      var cart = data.dispatch(CART);
      return Promise.all([
        cart.setShippingRates(cartData.shipping_rates || []),
        pushAddresses()
      ]);
    }).then(function () {
      render();
      showState('ready');
    }).catch(function (e) {
      console.error('demo checkout: loading failed', e);
      showState('error', messageOf(e));
    });
  }

  buildForm();
  data.subscribe(render);
  render();

  var form = $('checkout-form');
  form.addEventListener('input', onFieldInput);
  form.addEventListener('change', function (event) {
    var t = event.target;
    if (t.id === 'use-shipping-as-billing') onUseSameAddress(event);
    else if (t.id === 'create-account') data.dispatch(CHECKOUT).__internalSetShouldCreateAccount(t.checked);
    else if (t.name === 'payment-method') onPaymentMethodChange(event);
    else if (t.hasAttribute('data-package-id')) onShippingRateChange(event);
  });
  form.addEventListener('focusout', onFieldBlur);
  form.addEventListener('submit', onSubmit);
  $('order-notes').addEventListener('input', function (event) {
    data.dispatch(CHECKOUT).__internalSetOrderNotes(event.target.value);
  });
  $('checkout-retry').addEventListener('click', start);

  // The order summary starts open on wide screens and folded on phones.
  if (window.matchMedia && window.matchMedia('(max-width: 640px)').matches) {
    $('order-summary').open = false;
  }

  start();
})();
