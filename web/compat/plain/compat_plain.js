/*
 * "compat_plain": a gateway shipped without a bundler, as many small
 * plugins do: it reads the WordPress and WooCommerce globals directly,
 * reads its settings out of getSetting('paymentMethodData', {}), passes
 * the label as a plain string, builds elements with
 * Object(window.wp.element.createElement)(...) as webpack output does, and
 * sets a placeOrderButtonLabel. No paymentMethodData.
 */
(function () {
  'use strict';
  var settings = window.wc.wcSettings.getSetting('paymentMethodData', {}).compat_plain || {};
  var decodeEntities = window.wp.htmlEntities.decodeEntities;
  var label = decodeEntities(settings.title || '') || window.wp.i18n.__('Plain gateway', 'compat-plain');
  var Content = function () {
    return decodeEntities(settings.description || '');
  };
  window.wc.wcBlocksRegistry.registerPaymentMethod({
    name: 'compat_plain',
    label: label,
    content: Object(window.wp.element.createElement)(Content, null),
    edit: Object(window.wp.element.createElement)(Content, null),
    canMakePayment: function () { return true; },
    ariaLabel: label,
    placeOrderButtonLabel: settings.buttonLabel,
    supports: { features: settings.supports }
  });
})();
