/**
 * Check payments ("cheque"): an offline method in the shape of WooCommerce
 * core's cheque/bacs block scripts. Settings come from
 * getPaymentMethodData('cheque'); the title carries an HTML entity that
 * decodeEntities turns into "&"; the content is the description string
 * (no paymentMethodData: the request carries only what the module adds).
 */
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { __ } from '@wordpress/i18n';
import { getPaymentMethodData } from '@woocommerce/settings';
import { decodeEntities } from '@wordpress/html-entities';

const NAME = 'cheque';
const settings = getPaymentMethodData(NAME, {});
const defaultLabel = __('Check payments', 'woocommerce');
const label = decodeEntities(settings?.title || '') || defaultLabel;

/** The description, as text: React renders a string child. */
const Content = () => decodeEntities(settings.description || '');

/** The label through the checkout's own PaymentMethodLabel component. */
const Label = (props) => {
  const { PaymentMethodLabel } = props.components;
  return <PaymentMethodLabel text={label} />;
};

registerPaymentMethod({
  name: NAME,
  label: <Label />,
  content: <Content />,
  edit: <Content />,
  canMakePayment: () => true,
  ariaLabel: label,
  supports: { features: settings?.supports ?? [] }
});
