/*
 * The external services the compat gateways talk to, faked on the page (a
 * real shop loads them from the payment provider): a card tokenisation SDK
 * and a wallet payment sheet. Only these are fake; the checkout module, the
 * loader and the Store API server are the real ones.
 *
 * window.CompatPaySDK.createToken({number, expiry, key}) -> Promise<{token, brand} | {error: {message}}>
 *   4242424242424242 -> token; 4000000000000002 -> declined error; anything
 *   not 16 digits -> "Your card number is incomplete."
 * window.CompatPaySDK.checkSavedCard(token) -> Promise<'pass'>
 * window.CompatWalletSDK.show({total, currency}) -> Promise<approval | null>
 *   resolves after a tick with what window.__walletScript says: 'approve'
 *   (default), 'cancel' (null) or 'fail' (rejects).
 */
(function () {
  'use strict';
  var tick = function (v) { return new Promise(function (resolve) { setTimeout(function () { resolve(v); }, 10); }); };
  window.CompatPaySDK = {
    createToken: function (card) {
      var n = String(card && card.number || '');
      if (!/^\d{16}$/.test(n)) return tick({ error: { message: 'Your card number is incomplete.' } });
      if (n === '4000000000000002') return tick({ error: { message: 'Your card was declined.' } });
      return tick({ token: 'tok_' + n.slice(-4) + '_' + (card.expiry || '').replace(/\D/g, ''), brand: n[0] === '4' ? 'visa' : 'unknown' });
    },
    checkSavedCard: function (token) { return tick(token ? 'pass' : 'fail'); }
  };
  window.CompatWalletSDK = {
    shown: [],
    show: function (request) {
      window.CompatWalletSDK.shown.push(request);
      var script = window.__walletScript || 'approve';
      if (script === 'fail') {
        return tick().then(function () { throw new Error('CompatWallet is not available on this device.'); });
      }
      if (script === 'cancel') return tick(null);
      return tick({
        token: 'wallet_tok_' + request.total,
        billingAddress: {
          first_name: 'Wanda', last_name: 'Wallet', company: '', address_1: 'Walletweg 1', address_2: '',
          city: 'Berlin', state: '', postcode: '10115', country: 'DE', email: 'wanda@example.com', phone: ''
        },
        shippingAddress: {
          first_name: 'Wanda', last_name: 'Wallet', company: '', address_1: 'Walletweg 1', address_2: '',
          city: 'Berlin', state: '', postcode: '10115', country: 'DE', phone: ''
        }
      });
    }
  };
})();
