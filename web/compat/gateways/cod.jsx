/**
 * Cash on delivery ("cod"), in the shape of WooCommerce core's cod block:
 * offered only for the shipping methods listed in its settings
 * (enableForShippingMethods: ['local_pickup']) and, unless
 * enableForVirtual, only when the cart needs shipping. canMakePayment reads
 * cartNeedsShipping and selectedShippingMethods ({package_id: rate_id}).
 */
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { __ } from '@wordpress/i18n';
import { getPaymentMethodData } from '@woocommerce/settings';
import { decodeEntities } from '@wordpress/html-entities';
import { RawHTML } from '@wordpress/element';

const NAME = 'cod';
const settings = getPaymentMethodData(NAME, {});
const label = decodeEntities(settings?.title || '') || __('Cash on delivery', 'woocommerce');

/** The description is HTML the shop owner wrote: RawHTML, as core does. */
const Content = () => <RawHTML>{settings.description || ''}</RawHTML>;

const Label = ({ components }) => <components.PaymentMethodLabel text={label} />;

/**
 * @param {{cartNeedsShipping: boolean, selectedShippingMethods: Object<string,string>}} arg
 */
const canMakePayment = ({ cartNeedsShipping, selectedShippingMethods }) => {
  if (window.__compat) window.__compat.record('cod', 'canMakePayment', { cartNeedsShipping, selectedShippingMethods });
  if (!settings.enableForVirtual && !cartNeedsShipping) return false;
  if (!settings.enableForShippingMethods.length) return true;
  const selected = Object.values(selectedShippingMethods || {});
  return settings.enableForShippingMethods.some((methodId) =>
    selected.some((rateId) => typeof rateId === 'string' && rateId.includes(methodId)));
};

registerPaymentMethod({
  name: NAME,
  label: <Label />,
  content: <Content />,
  edit: <Content />,
  canMakePayment,
  ariaLabel: label,
  supports: { features: settings?.supports ?? ['products'] }
});
