/**
 * "compat_legacy": a gateway written against older WooCommerce Blocks, as
 * many still ship: the legacy registration form
 * registerPaymentMethod((Config) => new Config(options)), the deprecated
 * event names onPaymentProcessing and onCheckoutAfterProcessingWithSuccess,
 * and wp.data hooks on the wc/store/* stores (useSelect for the cart total
 * and the active method, useDispatch on the checkout store to set its
 * extension data and order notes).
 *
 * paymentMethodData: {compat_legacy_reference: 'LEG-<total>'}; extensions:
 * {'compat-legacy': {consent: 'yes'}}; order notes set by the gateway; the
 * after-processing observer records what it saw.
 */
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { CART_STORE_KEY, CHECKOUT_STORE_KEY, PAYMENT_STORE_KEY } from '@woocommerce/block-data';
import { getSetting } from '@woocommerce/settings';
import { useSelect, useDispatch } from '@wordpress/data';
import { useEffect } from '@wordpress/element';

const NAME = 'compat_legacy';
const settings = getSetting('compat_legacy_data', {});

const Content = ({ eventRegistration, emitResponse }) => {
  const { onPaymentProcessing, onCheckoutAfterProcessingWithSuccess } = eventRegistration;
  const { total, active } = useSelect((select) => ({
    total: select(CART_STORE_KEY).getCartTotals().total_price,
    active: select(PAYMENT_STORE_KEY).getActivePaymentMethod()
  }), []);
  const { __internalSetExtensionData, __internalSetOrderNotes } = useDispatch(CHECKOUT_STORE_KEY);

  useEffect(() => {
    __internalSetExtensionData('compat-legacy', { consent: 'yes' });
    __internalSetOrderNotes(settings.orderNote || '');
  }, [__internalSetExtensionData, __internalSetOrderNotes]);

  useEffect(() => {
    const unsubscribe = onPaymentProcessing(() => ({
      type: emitResponse.responseTypes.SUCCESS,
      meta: { paymentMethodData: { compat_legacy_reference: 'LEG-' + total } }
    }));
    return unsubscribe;
  }, [onPaymentProcessing, emitResponse, total]);

  useEffect(() => onCheckoutAfterProcessingWithSuccess((data) => {
    if (window.__compat) window.__compat.record(NAME, 'afterProcessingWithSuccess', { orderId: data.orderId });
    return true;
  }), [onCheckoutAfterProcessingWithSuccess]);

  return <p className="compat-legacy">{settings.description} (active: {active}, total: {total})</p>;
};

registerPaymentMethod((Config) => new Config({
  name: NAME,
  label: <span>{settings.title}</span>,
  content: <Content />,
  edit: <Content />,
  canMakePayment: () => true,
  ariaLabel: settings.title,
  supports: { features: settings.supports || ['products'] }
}));
