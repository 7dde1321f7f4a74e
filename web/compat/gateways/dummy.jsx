/**
 * "dummy": the shape of WooCommerce's official example gateway
 * (woocommerce-gateway-dummy): getSetting('dummy_data', {}) — which the page
 * prints as a top-level `dummy_data` key, as older WooCommerce did —
 * sprintf/__ for the fallback label, content returning the decoded
 * description, supports from the settings.
 */
import { sprintf, __ } from '@wordpress/i18n';
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { decodeEntities } from '@wordpress/html-entities';
import { getSetting } from '@woocommerce/settings';

const settings = getSetting('dummy_data', {});

const defaultLabel = sprintf(__('%s Payments', 'woo-gutenberg-products-block'), 'Dummy');
const label = decodeEntities(settings.title) || defaultLabel;

const Content = () => decodeEntities(settings.description || '');

const Label = (props) => {
  const { PaymentMethodLabel } = props.components;
  return <PaymentMethodLabel text={label} />;
};

const Dummy = {
  name: 'dummy',
  label: <Label />,
  content: <Content />,
  edit: <Content />,
  canMakePayment: () => true,
  ariaLabel: label,
  supports: { features: settings.supports }
};

registerPaymentMethod(Dummy);
