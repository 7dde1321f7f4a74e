/**
 * "compat_saved": a card gateway that lets customers pay with a saved card
 * (the shape of WooPayments/Stripe/Square saved tokens): supports
 * showSavedCards, showSaveOption; content for a new card; a
 * savedTokenComponent rendered instead of it when a saved token is the
 * active choice, with a `token` prop. The saved-token component asks the
 * (fake) SDK for a CVC check in onPaymentSetup and returns the token and
 * the check as paymentMethodData.
 */
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { getSetting } from '@woocommerce/settings';
import { decodeEntities } from '@wordpress/html-entities';
import { useEffect, createElement } from '@wordpress/element';

const NAME = 'compat_saved';
const settings = getSetting('compat_saved_data', {});
const label = decodeEntities(settings.title || 'Saved cards');
const track = (event) => window.__compat && window.__compat.observer(NAME, event);

const NewCard = ({ eventRegistration, emitResponse, shouldSavePayment }) => {
  useEffect(() => {
    track('subscribe');
    const off = eventRegistration.onPaymentSetup(() => ({
      type: emitResponse.responseTypes.SUCCESS,
      meta: { paymentMethodData: { compat_saved_new_card: 'tok_new', compat_saved_save: shouldSavePayment ? 'yes' : 'no' } }
    }));
    return () => { track('unsubscribe'); off(); };
  }, [eventRegistration, emitResponse, shouldSavePayment]);
  return <p className="compat-saved-new">Enter a new card (test mode).</p>;
};

const SavedToken = (props) => {
  const { token, eventRegistration, emitResponse } = props;
  useEffect(() => {
    track('subscribe-token');
    const off = eventRegistration.onPaymentSetup(async () => {
      const check = await window.CompatPaySDK.checkSavedCard(token);
      return {
        type: emitResponse.responseTypes.SUCCESS,
        meta: { paymentMethodData: { ['wc-' + NAME + '-payment-token']: String(token), compat_saved_cvc_check: check } }
      };
    });
    return () => { track('unsubscribe-token'); off(); };
  }, [token, eventRegistration, emitResponse]);
  return <p className="compat-saved-token" data-token={token}>Paying with saved card {token}.</p>;
};

registerPaymentMethod({
  name: NAME,
  label: createElement('span', null, label),
  content: createElement(NewCard),
  edit: createElement(NewCard),
  savedTokenComponent: createElement(SavedToken),
  canMakePayment: () => true,
  ariaLabel: label,
  supports: { features: settings.supports || ['products', 'tokenization'], showSavedCards: true, showSaveOption: true }
});
