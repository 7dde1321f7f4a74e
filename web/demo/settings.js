/*
 * What WordPress prints before the WooCommerce scripts of a checkout page:
 * the global wcSettings object. Each gateway's data (its PHP
 * get_payment_method_data()) is under paymentMethodData.<id>; the gateways
 * read it with getSetting('<id>_data'), which wc.wcSettings resolves there.
 */
var wcSettings = {
  currency: {
    code: 'EUR', precision: 2, symbol: '€', symbolPosition: 'right_space',
    decimalSeparator: ',', priceFormat: '%2$s\u00a0%1$s', thousandSeparator: '.'
  },
  siteTitle: 'Demo shop',
  paymentMethodData: {
    bacs: {
      title: 'Direct bank transfer',
      description: 'Make your payment directly into our bank account. Please use your order number as the ' +
        'payment reference. Your order will be shipped once the funds have cleared in our account.',
      accounts: [['Account holder', 'Demo Shop GmbH'], ['IBAN', 'DE89 3704 0044 0532 0130 00'], ['BIC', 'COBADEFFXXX']],
      supports: ['products']
    },
    demo_card: { title: 'Credit or debit card', supports: ['products'] }
  }
};
