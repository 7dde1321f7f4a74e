/*
 * Part "priceformat": a minimal wc.priceFormat (WooCommerce's
 * @woocommerce/price-format, which gateway scripts import to show amounts),
 * defined only where the page has none:
 *   getCurrencyFromPriceResponse(data)  {code, symbol, thousandSeparator,
 *       decimalSeparator, minorUnit, prefix, suffix} from a Store API price
 *       object (currency_* keys); the site currency when data is not an object
 *   getCurrency(currency)   the site currency (wcSettings.currency) overlaid
 *       with the given fields
 *   formatPrice(price, currency)  an amount in minor units (number or string)
 *       as text: prefix, thousands grouped, decimals, suffix; '' for a price
 *       that is not a number
 */

function currencyAffix(symbol, position, before) {
  if (before) return position === 'left' ? symbol : position === 'left_space' ? symbol + ' ' : '';
  return position === 'right' ? symbol : position === 'right_space' ? ' ' + symbol : '';
}

// createPriceFormat(settings): settings is wc.wcSettings (getSetting).
function createPriceFormat(settings) {
  function siteCurrency() {
    var c = settings.getSetting('currency', {}) || {};
    var symbol = typeof c.symbol === 'string' ? c.symbol : '$';
    var position = c.symbolPosition || 'left';
    return {
      code: c.code || 'USD',
      symbol: symbol,
      thousandSeparator: typeof c.thousandSeparator === 'string' ? c.thousandSeparator : ',',
      decimalSeparator: typeof c.decimalSeparator === 'string' ? c.decimalSeparator : '.',
      minorUnit: typeof c.precision === 'number' ? c.precision : 2,
      prefix: currencyAffix(symbol, position, true),
      suffix: currencyAffix(symbol, position, false)
    };
  }

  function getCurrencyFromPriceResponse(data) {
    if (data === null || typeof data !== 'object') return siteCurrency();
    function str(v, d) { return typeof v === 'string' ? v : d; }
    return {
      code: data.currency_code || 'USD',
      symbol: data.currency_symbol || '$',
      thousandSeparator: str(data.currency_thousand_separator, ','),
      decimalSeparator: str(data.currency_decimal_separator, '.'),
      minorUnit: isFinite(data.currency_minor_unit) && data.currency_minor_unit !== null ? Number(data.currency_minor_unit) : 2,
      prefix: str(data.currency_prefix, '$'),
      suffix: str(data.currency_suffix, '')
    };
  }

  function getCurrency(currency) {
    return Object.assign(siteCurrency(), currency && typeof currency === 'object' ? currency : {});
  }

  function formatPrice(price, currencyData) {
    var minor = typeof price === 'number' ? price : parseInt(price, 10);
    if (!isFinite(minor)) return '';
    var c = getCurrency(currencyData);
    var unit = Math.max(0, Math.min(20, Math.floor(Number(c.minorUnit) || 0)));
    var fixed = Math.abs(minor / Math.pow(10, unit)).toFixed(unit);
    var parts = fixed.split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, c.thousandSeparator);
    var text = parts.length > 1 ? whole + c.decimalSeparator + parts[1] : whole;
    return (minor < 0 ? '-' : '') + c.prefix + text + c.suffix;
  }

  return {
    getCurrencyFromPriceResponse: getCurrencyFromPriceResponse,
    getCurrency: getCurrency,
    formatPrice: formatPrice,
    getCurrencyPrefix: function (symbol, position) { return currencyAffix(symbol, position, true); },
    getCurrencySuffix: function (symbol, position) { return currencyAffix(symbol, position, false); }
  };
}
