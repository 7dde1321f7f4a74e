/**
 * "compat_card": a card gateway in the shape of Stripe/Square/PayPal card
 * blocks. A fake card SDK (window.CompatPaySDK, the external service) turns
 * the number into a token. The Content component keeps the field values in
 * state and subscribes to onPaymentSetup in useEffect with those values as
 * dependencies, returning the unsubscribe function as the effect's cleanup:
 * the observer is replaced on every keystroke and removed on unmount, so
 * only the observer of the latest render may run (D43), and none after the
 * shopper switches to another method.
 *
 * paymentMethodData: {compat_card_token, compat_card_brand, compat_card_last4}.
 * Errors: an SDK error becomes {type: ERROR, message, messageContext: PAYMENTS}
 * and is shown under the fields with ValidationInputError imported from
 * @woocommerce/blocks-checkout (as the Stripe and Square blocks import it).
 */
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { ValidationInputError } from '@woocommerce/blocks-checkout';
import { getSetting } from '@woocommerce/settings';
import { decodeEntities } from '@wordpress/html-entities';
import { __ } from '@wordpress/i18n';
import { useEffect, useState, useRef } from '@wordpress/element';

const NAME = 'compat_card';
const settings = getSetting('compat_card_data', {});
const label = decodeEntities(settings.title || '') || __('Credit card', 'compat-card');
const track = (event) => window.__compat && window.__compat.observer(NAME, event);

const CardForm = (props) => {
  const { eventRegistration, emitResponse } = props;
  const { onPaymentSetup } = eventRegistration;
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [error, setError] = useState('');
  const renders = useRef(0);
  renders.current++;

  useEffect(() => {
    const sdk = window.CompatPaySDK;
    track('subscribe');
    const unsubscribe = onPaymentSetup(async () => {
      track('run:' + number);
      const result = await sdk.createToken({ number, expiry, key: settings.publishableKey });
      if (result.error) {
        setError(result.error.message);
        return {
          type: emitResponse.responseTypes.ERROR,
          message: result.error.message,
          messageContext: emitResponse.noticeContexts.PAYMENTS
        };
      }
      setError('');
      return {
        type: emitResponse.responseTypes.SUCCESS,
        meta: {
          paymentMethodData: {
            compat_card_token: result.token,
            compat_card_brand: result.brand,
            compat_card_last4: number.slice(-4)
          }
        }
      };
    });
    return () => {
      track('unsubscribe');
      unsubscribe();
    };
  }, [onPaymentSetup, emitResponse.responseTypes, emitResponse.noticeContexts, number, expiry]);

  return (
    <div className="compat-card" data-renders={renders.current}>
      <label htmlFor="compat-card-number">{__('Card number', 'compat-card')}</label>
      <input id="compat-card-number" inputMode="numeric" autoComplete="cc-number" value={number}
        onChange={(e) => setNumber(e.target.value.replace(/\D/g, ''))} />
      <label htmlFor="compat-card-expiry">{__('Expiry (MM/YY)', 'compat-card')}</label>
      <input id="compat-card-expiry" autoComplete="cc-exp" value={expiry} onChange={(e) => setExpiry(e.target.value)} />
      {error ? <ValidationInputError errorMessage={error} /> : null}
    </div>
  );
};

const Label = ({ components }) => <components.PaymentMethodLabel text={label} />;

registerPaymentMethod({
  name: NAME,
  paymentMethodId: NAME,
  label: <Label />,
  content: <CardForm />,
  edit: <CardForm />,
  ariaLabel: label,
  placeOrderButtonLabel: __('Pay by card', 'compat-card'),
  canMakePayment: () => !!window.CompatPaySDK,
  supports: { features: settings.supports || ['products'], showSavedCards: false, showSaveOption: false }
});
