/*
 * Part "settings": wc.wcSettings (D41) for pages that have not defined it
 * (a page running WooCommerce's own wc-settings script keeps that one).
 *
 * As WooCommerce's @woocommerce/settings: allSettings is WooCommerce's
 * defaults overlaid with the global `wcSettings` object the page printed
 * (currency and locale merged key by key); getSetting(name, fallback =
 * false, filter) returns allSettings[name] when it is an own key, else, for a
 * name containing '_data' (a gateway's '<id>_data'), the entry '<id>' of
 * allSettings.paymentMethodData, else fallback, passed through
 * filter(value, fallback) (default: value unless undefined, then fallback);
 * getSettingWithCoercion(name, fallback, typeguard) returns the value when
 * typeguard(value, fallback) is true, else fallback; getPaymentMethodData(id,
 * fallback = null) returns paymentMethodData[id] unless null/undefined.
 * Unlike WooCommerce, which reads wcSettings once when its script runs, the
 * global is read again whenever the page replaced the object, so checkout.js
 * may load before or after the page prints it.
 */

var SETTINGS_DEFAULTS = {
  adminUrl: '',
  countries: [],
  countryData: {},
  currency: {
    code: 'USD', precision: 2, symbol: '$', symbolPosition: 'left',
    decimalSeparator: '.', priceFormat: '%1$s%2$s', thousandSeparator: ','
  },
  currentUserId: 0,
  currentUserIsAdmin: false,
  homeUrl: '',
  locale: { siteLocale: 'en_US', userLocale: 'en_US', weekdaysShort: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] },
  orderStatuses: [],
  placeholderImgSrc: '',
  placeholderImgSrcFullSize: '',
  siteTitle: '',
  storePages: [],
  wcAssetUrl: '',
  wcVersion: '',
  wpLoginUrl: '',
  wpVersion: ''
};

// createSettings(g) returns the wc.wcSettings namespace reading g.wcSettings.
function createSettings(g) {
  var source;
  var all = null;

  function allSettings() {
    var printed = g.wcSettings !== null && typeof g.wcSettings === 'object' ? g.wcSettings : null;
    if (all && printed === source) return all;
    source = printed;
    all = Object.assign({}, SETTINGS_DEFAULTS, printed || {});
    var currency = all.currency !== null && typeof all.currency === 'object' ? all.currency : {};
    var locale = all.locale !== null && typeof all.locale === 'object' ? all.locale : {};
    all.currency = Object.assign({}, SETTINGS_DEFAULTS.currency, currency);
    all.locale = Object.assign({}, SETTINGS_DEFAULTS.locale, locale);
    return all;
  }

  function defaultFilter(value, fallback) { return value !== undefined ? value : fallback; }

  function getSetting(name, fallback, filter) {
    if (arguments.length < 2) fallback = false;
    var f = typeof filter === 'function' ? filter : defaultFilter;
    var settings = allSettings();
    var value = fallback;
    var key = String(name);
    if (hasOwn(settings, key)) {
      value = settings[key];
    } else if (key.indexOf('_data') >= 0) {
      var data = getSetting('paymentMethodData', {});
      var id = key.replace('_data', '');
      value = hasOwn(data, id) ? data[id] : fallback;
    }
    return f(value, fallback);
  }

  function getSettingWithCoercion(name, fallback, typeguard) {
    var settings = allSettings();
    var value = hasOwn(settings, String(name)) ? settings[name] : fallback;
    return typeof typeguard === 'function' && typeguard(value, fallback) ? value : fallback;
  }

  function getPaymentMethodData(id, fallback) {
    if (arguments.length < 2) fallback = null;
    var data = getSetting('paymentMethodData', {});
    var v = hasOwn(data, id) ? data[id] : undefined;
    return v === undefined || v === null ? fallback : v;
  }

  var ns = {
    getSetting: getSetting,
    getSettingWithCoercion: getSettingWithCoercion,
    getPaymentMethodData: getPaymentMethodData,
    getAdminLink: function (path) { return getSetting('adminUrl') + path; }
  };
  Object.defineProperty(ns, 'allSettings', { enumerable: true, get: allSettings });
  return ns;
}
