/*
 * What WordPress prints before the WooCommerce scripts: the global
 * wcSettings object. Gateways' server-side "get_payment_method_data()" ends
 * up in wcSettings.paymentMethodData[<id>]; older WooCommerce printed it as
 * a top-level "<id>_data" key, which "dummy" and "compat_card" read (so
 * both lookups of getSetting('<id>_data') are exercised). customerPaymentMethods
 * lists the logged-in customer's saved tokens, as WooCommerce prints them.
 */
var wcSettings = {
  adminUrl: '/wp-admin/',
  countries: { DE: 'Germany', FR: 'France', US: 'United States (US)' },
  currency: {
    code: 'EUR', precision: 2, symbol: '€', symbolPosition: 'right_space',
    decimalSeparator: ',', priceFormat: '%2$s\u00a0%1$s', thousandSeparator: '.'
  },
  locale: { siteLocale: 'en_GB', userLocale: 'en_GB', weekdaysShort: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] },
  siteTitle: 'Compat Shop',
  checkoutAllowsGuest: true,
  displayCartPricesIncludingTax: false,
  dummy_data: {
    title: 'Dummy Payments', description: 'The official example gateway &mdash; test mode.', supports: ['products']
  },
  compat_card_data: {
    title: 'Credit card (CompatPay)', description: 'Pay with your card.', publishableKey: 'pk_test_compat', supports: ['products']
  },
  paymentMethodData: {
    cheque: {
      title: 'Check &amp; money order', description: 'Please send a check to Store Name, Store Street, Store Town.',
      supports: ['products']
    },
    cod: {
      title: 'Cash on delivery', description: '<strong>Pay with cash</strong> upon delivery.',
      enableForVirtual: false, enableForShippingMethods: ['local_pickup'], supports: ['products']
    },
    compat_totals: {
      title: 'Pay in 3 (CompatLater)', min: 20, max: 500, countries: ['DE', 'FR'], supports: ['products']
    },
    compat_offsite: {
      title: 'Pay on the CompatBank page', description: 'You will confirm the payment with your bank.',
      sessionId: 'sess_compat_42', ajaxUrl: '/compat-gateway/ajax', supports: ['products']
    },
    compat_legacy: {
      title: 'Legacy gateway', description: 'Written for WooCommerce Blocks 7.', orderNote: 'Legacy gateway order',
      supports: ['products']
    },
    compat_saved: { title: 'Card (saved cards)', supports: ['products', 'tokenization'] },
    compat_wallet: {
      title: 'CompatWallet', description: 'Express checkout', buttonText: 'Pay with CompatWallet', supports: ['products']
    },
    compat_plain: {
      title: 'Plain &amp; simple', description: 'A gateway without a bundler.', buttonLabel: 'Place plain order',
      supports: ['products']
    }
  },
  customerPaymentMethods: {
    cc: [
      {
        method: { gateway: 'compat_saved', last4: '4242', brand: 'Visa' },
        expires: '12/34', is_default: true, actions: {}, tokenId: 7
      }
    ]
  }
};
