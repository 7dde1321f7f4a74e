/**
 * "compat_wallet": an express payment method in the shape of Apple Pay /
 * Google Pay / PayPal express buttons. The button calls props.onClick(),
 * opens the (fake) wallet sheet of window.CompatWalletSDK with the cart
 * total from props.billing, and then either
 *  - the shopper cancels: props.onClose();
 *  - the wallet fails: props.setExpressPaymentError(message) and onClose();
 *  - the shopper approves: the approval goes into component state and
 *    props.onSubmit() is called right away. The payment-setup observer is
 *    registered in useEffect only once the approval is in state, so the
 *    checkout must emit payment setup after that re-render committed (D43);
 *    it returns the wallet token and the wallet's addresses.
 */
import { registerExpressPaymentMethod } from '@woocommerce/blocks-registry';
import { getSetting } from '@woocommerce/settings';
import { useEffect, useState } from '@wordpress/element';

const NAME = 'compat_wallet';
const settings = getSetting('compat_wallet_data', {});
const track = (event) => window.__compat && window.__compat.observer(NAME, event);

const WalletButton = (props) => {
  const { onClick, onClose, onSubmit, setExpressPaymentError, eventRegistration, emitResponse, billing, buttonAttributes } = props;
  const [approval, setApproval] = useState(null);

  useEffect(() => {
    if (!approval) return undefined;
    track('subscribe');
    const off = eventRegistration.onPaymentSetup(() => ({
      type: emitResponse.responseTypes.SUCCESS,
      meta: {
        paymentMethodData: { compat_wallet_token: approval.token },
        billingAddress: approval.billingAddress,
        shippingAddress: approval.shippingAddress
      }
    }));
    return () => { track('unsubscribe'); off(); };
  }, [approval, eventRegistration, emitResponse]);

  const pay = async () => {
    onClick();
    let result;
    try {
      result = await window.CompatWalletSDK.show({ total: billing.cartTotal.value, currency: billing.currency.code });
    } catch (e) {
      setExpressPaymentError(e.message);
      onClose();
      return;
    }
    if (!result) {
      onClose();
      return;
    }
    setApproval(result);
    onSubmit();
  };

  const height = buttonAttributes ? buttonAttributes.height : 48;
  return (
    <button type="button" className="compat-wallet-button" style={{ height }} onClick={pay}>
      {settings.buttonText || 'Pay with CompatWallet'}
    </button>
  );
};

registerExpressPaymentMethod({
  name: NAME,
  title: settings.title,
  description: settings.description,
  gatewayId: NAME,
  content: <WalletButton />,
  edit: <WalletButton />,
  canMakePayment: () => Promise.resolve(!!window.CompatWalletSDK),
  paymentMethodId: NAME,
  supports: { features: settings.supports || ['products'] }
});
