/**
 * "compat_totals": a pay-in-instalments method in the shape of BNPL gateways
 * (Klarna, Afterpay, PayPal Pay Later blocks). canMakePayment reads
 * cartTotals (Store API totals: amounts as strings in minor units,
 * currency_minor_unit) and billingData (the billing address): offered only
 * for a total between settings.min and settings.max (major units) and a
 * billing country in settings.countries. The content shows the instalment
 * amount from props.billing.cartTotal and props.billing.currency.
 *
 * paymentMethodData: {compat_totals_plan: 'pay_in_3', compat_totals_instalment}.
 */
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { getPaymentMethodData } from '@woocommerce/settings';
import { decodeEntities } from '@wordpress/html-entities';
import { __, sprintf } from '@wordpress/i18n';
import { useEffect } from '@wordpress/element';

const NAME = 'compat_totals';
const settings = getPaymentMethodData(NAME, {});
const label = decodeEntities(settings.title || '') || __('Pay in 3', 'compat-totals');

function format(minor, currency) {
  const v = (minor / 10 ** currency.minorUnit).toFixed(currency.minorUnit).replace('.', currency.decimalSeparator);
  return currency.prefix + v + currency.suffix;
}

const Content = ({ billing, eventRegistration, emitResponse }) => {
  const total = billing.cartTotal.value;
  const instalment = Math.ceil(total / 3);
  useEffect(() => eventRegistration.onPaymentSetup(() => ({
    type: emitResponse.responseTypes.SUCCESS,
    meta: { paymentMethodData: { compat_totals_plan: 'pay_in_3', compat_totals_instalment: String(instalment) } }
  })), [eventRegistration, emitResponse, instalment]);
  return (
    <p className="compat-totals">
      {sprintf(__('3 payments of %s', 'compat-totals'), format(instalment, billing.currency))}
    </p>
  );
};

const canMakePayment = ({ cartTotals, billingData }) => {
  if (window.__compat) window.__compat.record(NAME, 'canMakePayment', { cartTotals, billingData });
  if (!cartTotals || !billingData) return false;
  const total = parseInt(cartTotals.total_price, 10) / 10 ** cartTotals.currency_minor_unit;
  if (!(total >= settings.min && total <= settings.max)) return false;
  return settings.countries.includes(billingData.country);
};

registerPaymentMethod({
  name: NAME,
  label: <span className="compat-totals-label">{label}</span>,
  content: <Content />,
  edit: <Content />,
  canMakePayment,
  ariaLabel: label,
  supports: { features: settings.supports || ['products'] }
});
