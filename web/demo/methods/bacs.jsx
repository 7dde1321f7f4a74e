/**
 * Direct bank transfer ("bacs") for the demo shop, written as a WooCommerce
 * gateway block script: bundled by web/compat/build.mjs with WordPress's
 * externals (so @woocommerce/* and @wordpress/* are the page's wc.* and wp.*
 * globals), settings from getSetting('bacs_data') (printed by the page in
 * wcSettings), React elements for label and content.
 *
 * While mounted (bacs is the active method) the content observes payment
 * setup and answers SUCCESS with meta.paymentMethodData
 * {bacs_payment_reference: 'order_number'}; the effect's cleanup removes the
 * observer when the checkout unmounts the content (another method chosen).
 */
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { getSetting } from '@woocommerce/settings';
import { decodeEntities } from '@wordpress/html-entities';
import { __ } from '@wordpress/i18n';
import { useEffect } from '@wordpress/element';

const NAME = 'bacs';
const settings = getSetting('bacs_data', {});
const label = decodeEntities(settings.title || '') || __('Direct bank transfer', 'woocommerce');

const Content = ({ eventRegistration, emitResponse }) => {
  const { onPaymentSetup } = eventRegistration;
  const { responseTypes } = emitResponse;
  useEffect(() => onPaymentSetup(() => ({
    type: responseTypes.SUCCESS,
    meta: { paymentMethodData: { bacs_payment_reference: 'order_number' } }
  }), 10, { label: 'bacs: payment setup' }), [onPaymentSetup, responseTypes]);

  return (
    <div className="method-description">
      <p>{decodeEntities(settings.description || '')}</p>
      <dl className="bank-details">
        {(settings.accounts || []).map((row) => [
          <dt key={row[0] + '-t'}>{row[0]}</dt>,
          <dd key={row[0] + '-d'}>{row[1]}</dd>
        ])}
      </dl>
    </div>
  );
};

const Label = ({ components }) => <components.PaymentMethodLabel text={label} />;

registerPaymentMethod({
  name: NAME,
  label: <Label />,
  content: <Content />,
  edit: <Content />,
  canMakePayment: () => true,
  ariaLabel: label,
  supports: { features: settings.supports || ['products'] }
});
