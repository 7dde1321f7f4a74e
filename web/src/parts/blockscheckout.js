/*
 * Part "blockscheckout": a minimal wc.blocksCheckout (WooCommerce's
 * @woocommerce/blocks-checkout) for gateway scripts that import from it,
 * defined only where the page has none. What it holds:
 *   ValidationInputError, StoreNotice   React components of the page's React
 *                                       (render nothing without React)
 *   registerCheckoutFilters(namespace, filters)  kept; applyCheckoutFilter
 *                                       returns defaultValue (this checkout
 *                                       renders no block whose text it filters)
 *   extensionCartUpdate(args)          a Promise rejected with an Error saying
 *                                       the endpoint is not available here
 */

// createBlocksCheckout(deps): deps.react() the page's React adapter or null;
// deps.components() props.components of that React; deps.log createLog(...).
function createBlocksCheckout(deps) {
  var filters = {};

  function ValidationInputError(p) {
    var c = deps.react() ? deps.components() : null;
    return c ? c.ValidationInputError(p) : null;
  }

  function StoreNotice(p) {
    var R = deps.react();
    var props = p || {};
    if (!R) return null;
    var status = typeof props.status === 'string' ? props.status : 'default';
    return R.createElement('div', {
      className: 'wc-block-components-notice-banner is-' + status + (props.className ? ' ' + props.className : ''),
      role: status === 'error' ? 'alert' : 'status'
    }, R.createElement('div', { className: 'wc-block-components-notice-banner__content' }, props.children));
  }

  function registerCheckoutFilters(namespace, f) {
    if (typeof namespace !== 'string' || f === null || typeof f !== 'object') {
      throw new TypeError('wc.blocksCheckout.registerCheckoutFilters: arguments must be (namespace: string, filters: object)');
    }
    filters[namespace] = f;
  }

  function applyCheckoutFilter(args) {
    return args && typeof args === 'object' ? args.defaultValue : undefined;
  }

  function extensionCartUpdate(args) {
    var ns = args && typeof args === 'object' ? String(args.namespace) : '';
    return Promise.reject(new Error('wc.blocksCheckout.extensionCartUpdate(' + ns +
      '): this checkout has no /cart/extensions endpoint; update the cart through wc.wcBlocksData instead'));
  }

  return {
    ValidationInputError: ValidationInputError,
    StoreNotice: StoreNotice,
    registerCheckoutFilters: registerCheckoutFilters,
    applyCheckoutFilter: applyCheckoutFilter,
    extensionCartUpdate: extensionCartUpdate
  };
}
