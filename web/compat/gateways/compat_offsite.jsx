/**
 * "compat_offsite": a redirect gateway in the shape of 3-D Secure / hosted
 * payment page blocks (Stripe's confirmCardPayment step, Mollie, PayPal
 * order capture): onPaymentSetup sends a session id; after the order is
 * placed, onCheckoutSuccess calls the gateway's own AJAX endpoint (an
 * external service) with the order id and the server's payment details,
 * and returns {type: SUCCESS, redirectUrl} with the URL it answered, which
 * the checkout must follow. An endpoint failure returns an ERROR with
 * messageContext PAYMENTS (the checkout then shows it and stays).
 */
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { getSetting } from '@woocommerce/settings';
import { decodeEntities } from '@wordpress/html-entities';
import { __ } from '@wordpress/i18n';
import { useEffect } from '@wordpress/element';

const NAME = 'compat_offsite';
const settings = getSetting('compat_offsite_data', {});
const label = decodeEntities(settings.title || '') || __('Pay on the bank page', 'compat-offsite');

const Content = (props) => {
  const { eventRegistration, emitResponse } = props;
  const { onPaymentSetup, onCheckoutSuccess } = eventRegistration;
  const { responseTypes, noticeContexts } = emitResponse;

  useEffect(() => onPaymentSetup(() => ({
    type: responseTypes.SUCCESS,
    meta: { paymentMethodData: { compat_offsite_session: settings.sessionId } }
  })), [onPaymentSetup, responseTypes]);

  useEffect(() => {
    const unsubscribe = onCheckoutSuccess(async ({ orderId, processingResponse }) => {
      try {
        const resp = await fetch(settings.ajaxUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            action: 'compat_offsite_confirm',
            order_id: orderId,
            payment_details: processingResponse ? processingResponse.paymentDetails : null,
            redirect_url: processingResponse ? processingResponse.redirectUrl : ''
          })
        });
        const json = await resp.json();
        if (!json.success) throw new Error(json.data && json.data.message || 'confirmation failed');
        return { type: responseTypes.SUCCESS, redirectUrl: json.data.redirect };
      } catch (e) {
        return { type: responseTypes.ERROR, message: e.message, messageContext: noticeContexts.PAYMENTS };
      }
    });
    return unsubscribe;
  }, [onCheckoutSuccess, responseTypes, noticeContexts]);

  return <div className="compat-offsite">{decodeEntities(settings.description || '')}</div>;
};

registerPaymentMethod({
  name: NAME,
  label: decodeEntities(settings.title || ''),
  content: <Content />,
  edit: <Content />,
  canMakePayment: () => true,
  ariaLabel: label,
  placeOrderButtonLabel: __('Proceed to the bank', 'compat-offsite'),
  supports: { features: settings.supports }
});
