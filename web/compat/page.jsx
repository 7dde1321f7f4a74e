/**
 * The compat page's checkout UI: the part WooCommerce's Checkout block plays
 * around the payment methods, written as a small React app against the
 * module's public API only (wc.wcBlocksData, wc.wcBlocksRegistry,
 * wc.wcCheckoutWasm). Bundled with the same externals as the gateways.
 *
 * It loads the module with the shop's Store API cart response (GET
 * /wp-json/wc/store/v1/cart, plus the logged-in customer's addresses) and
 * the nonce of /demo/config.json, then shows: shipping options (changing one
 * POSTs cart/select-shipping-rate and hands the response to receiveCart, as
 * WooCommerce's thunk does), express payment containers, the available
 * payment methods (label through wc.wcCheckoutWasm.renderLabel, content
 * containers the module mounts into), the customer's saved cards, the "save
 * payment information" choice, notices and the Place Order button.
 *
 * window.__compat is the test instrumentation the gateways report to:
 * record(id, what, data) keeps arguments they saw; observer(id, event)
 * counts live observer subscriptions ("subscribe…" +1, "unsubscribe…" -1).
 */
import { CART_STORE_KEY, CHECKOUT_STORE_KEY, PAYMENT_STORE_KEY } from '@woocommerce/block-data';
import { createRoot, useEffect, useRef, useState, useSyncExternalStore } from '@wordpress/element';

const compat = {
  records: [],
  live: {},
  observerEvents: [],
  record(id, what, data) {
    let copy;
    try {
      copy = JSON.parse(JSON.stringify(data === undefined ? null : data));
    } catch (e) {
      copy = String(e);
    }
    compat.records.push({ id, what, data: copy, keys: data && typeof data === 'object' ? Object.keys(data) : [] });
  },
  observer(id, event) {
    const m = /^(un)?subscribe(.*)$/.exec(event);
    compat.observerEvents.push(id + ':' + event);
    if (!m) return;
    const key = id + m[2];
    compat.live[key] = (compat.live[key] || 0) + (m[1] ? -1 : 1);
  }
};
window.__compat = compat;

const data = wc.wcBlocksData;

/** Subscribes to the module's stores; `read` must return stable values (snapshot references or primitives). */
function useWc(read) {
  return useSyncExternalStore((cb) => data.subscribe(cb), () => read(data.select));
}

const CONTEXTS = ['wc/checkout/express-payments', 'wc/checkout', 'wc/checkout/payments'];

function Notices({ context }) {
  const notices = useWc((select) => select('core/notices').getNotices(context));
  if (!notices || notices.length === 0) return null;
  return (
    <div className="notices" data-notice-context={context} role="alert">
      {notices.map((n) => <p key={n.id} className={'notice notice-' + n.status}>{String(n.content)}</p>)}
    </div>
  );
}

function ShippingOptions({ config }) {
  const packages = useWc((select) => select(CART_STORE_KEY).getShippingRates());
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState(null); // {pkg, rate} chosen, until the cart says so
  if (!packages || packages.length === 0) return null;
  const choose = async (pkg, rateId) => {
    setBusy(true);
    setPending({ pkg: pkg.package_id, rate: rateId });
    try {
      const resp = await fetch(config.storeApiUrl + '/cart/select-shipping-rate', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Nonce: config.nonce },
        body: JSON.stringify({ package_id: pkg.package_id, rate_id: rateId })
      });
      const cart = await resp.json();
      if (resp.ok) await data.dispatch(CART_STORE_KEY).receiveCart(withCustomer(cart));
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  const isChecked = (pkg, rate) => (pending && pending.pkg === pkg.package_id ? pending.rate === rate.rate_id : !!rate.selected);
  return (
    <fieldset className="shipping" aria-busy={busy}>
      <legend>Shipping options</legend>
      {packages.map((pkg) => pkg.shipping_rates.map((rate) => (
        <label key={pkg.package_id + rate.rate_id}>
          <input type="radio" name={'shipping-' + pkg.package_id} value={rate.rate_id} checked={isChecked(pkg, rate)}
            onChange={() => choose(pkg, rate.rate_id)} />
          {rate.name}
        </label>
      )))}
    </fieldset>
  );
}

/** The method's registered label, rendered by the module's helper with {components}. */
function MethodLabel({ name, express }) {
  const ref = useRef(null);
  useEffect(() => {
    const api = wc.wcCheckoutWasm;
    if (typeof api.renderLabel !== 'function') {
      console.error('compat page: wc.wcCheckoutWasm.renderLabel is missing; label of ' + name + ' not rendered');
      return undefined;
    }
    const undo = api.renderLabel(name, ref.current, express ? { express: true } : undefined);
    return typeof undo === 'function' ? undo : undefined;
  }, [name, express]);
  return <span className="method-label" ref={ref} />;
}

function ExpressPayments() {
  const express = useWc((select) => select(PAYMENT_STORE_KEY).getAvailableExpressPaymentMethods());
  const names = Object.keys(express || {});
  if (names.length === 0) return null;
  return (
    <section className="express" aria-label="Express checkout">
      <Notices context="wc/checkout/express-payments" />
      {names.map((name) => <div key={name} className="express-method" data-wc-express-payment-method={name} />)}
    </section>
  );
}

function SavedCards({ available }) {
  const active = useWc((select) => select(PAYMENT_STORE_KEY).getActivePaymentMethod());
  const activeData = useWc((select) => select(PAYMENT_STORE_KEY).getPaymentMethodData());
  const saved = ((window.wcSettings.customerPaymentMethods || {}).cc || [])
    .filter((t) => Object.prototype.hasOwnProperty.call(available, t.method.gateway));
  if (saved.length === 0) return null;
  const useToken = (t) => data.dispatch(PAYMENT_STORE_KEY).__internalSetActivePaymentMethod(t.method.gateway, {
    token: String(t.tokenId),
    payment_method: t.method.gateway,
    ['wc-' + t.method.gateway + '-payment-token']: String(t.tokenId),
    isSavedToken: true
  });
  return saved.map((t) => {
    const id = 'saved-token-' + t.tokenId;
    const checked = active === t.method.gateway && !!activeData && activeData.isSavedToken === true &&
      activeData.token === String(t.tokenId);
    return (
      <div key={id} className="method saved-token">
        <input type="radio" id={id} name="payment-method" checked={checked} onChange={() => useToken(t)} />
        <label htmlFor={id}>{t.method.brand} ending in {t.method.last4} (expires {t.expires})</label>
      </div>
    );
  });
}

function PaymentMethods() {
  const available = useWc((select) => select(PAYMENT_STORE_KEY).getAvailablePaymentMethods());
  const active = useWc((select) => select(PAYMENT_STORE_KEY).getActivePaymentMethod());
  const activeData = useWc((select) => select(PAYMENT_STORE_KEY).getPaymentMethodData());
  const shouldSave = useWc((select) => select(PAYMENT_STORE_KEY).getShouldSavePaymentMethod());
  const names = Object.keys(available || {});
  const usingToken = !!activeData && activeData.isSavedToken === true;
  const registered = wc.wcBlocksRegistry.getPaymentMethods();
  const choose = (name) => data.dispatch(PAYMENT_STORE_KEY).__internalSetActivePaymentMethod(name);
  return (
    <fieldset className="payment-methods">
      <legend>Payment options</legend>
      <SavedCards available={available || {}} />
      {names.map((name) => {
        const id = 'payment-method-' + name;
        const supports = (registered[name] && registered[name].supports) || {};
        const selected = active === name && !usingToken;
        return (
          <div key={name} className={'method' + (selected ? ' is-active' : '')} data-method={name}>
            <input type="radio" id={id} name="payment-method" value={name} checked={selected} onChange={() => choose(name)}
              aria-label={(registered[name] && registered[name].ariaLabel) || name} />
            <label htmlFor={id}><MethodLabel name={name} /></label>
            <div className="method-content" data-wc-payment-method-content={name} hidden={active !== name} />
            {selected && supports.showSaveOption ? (
              <label className="save-option">
                <input type="checkbox" checked={!!shouldSave}
                  onChange={(e) => data.dispatch(PAYMENT_STORE_KEY).__internalSetShouldSavePaymentMethod(e.target.checked)} />
                Save payment information to my account for future purchases.
              </label>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

function PlaceOrder() {
  const active = useWc((select) => select(PAYMENT_STORE_KEY).getActivePaymentMethod());
  const processing = useWc((select) => select(CHECKOUT_STORE_KEY).isProcessing() || select(CHECKOUT_STORE_KEY).isBeforeProcessing());
  const method = wc.wcBlocksRegistry.getPaymentMethods()[active];
  const text = (method && method.placeOrderButtonLabel) || 'Place Order';
  return (
    <button type="button" id="place-order" disabled={processing} onClick={() => {
      wc.wcCheckoutWasm.onSubmit().then((outcome) => { window.__compat.lastOutcome = outcome; });
    }}>{text}</button>
  );
}

function Checkout({ config }) {
  return (
    <>
      <h1>Checkout</h1>
      {CONTEXTS.slice(1).map((c) => <Notices key={c} context={c} />)}
      <ExpressPayments />
      <ShippingOptions config={config} />
      <PaymentMethods />
      <PlaceOrder />
    </>
  );
}

/** The logged-in customer's addresses, as the Store API returns them for that customer. */
const CUSTOMER = {
  billing_address: {
    first_name: 'Erika', last_name: 'Mustermann', company: '', address_1: 'Heidestraße 17', address_2: '',
    city: 'Köln', state: '', postcode: '51147', country: 'DE', email: 'erika@example.com', phone: ''
  },
  shipping_address: {
    first_name: 'Erika', last_name: 'Mustermann', company: '', address_1: 'Heidestraße 17', address_2: '',
    city: 'Köln', state: '', postcode: '51147', country: 'DE', phone: ''
  }
};

function withCustomer(cart) {
  return Object.assign({}, cart, CUSTOMER);
}

async function start() {
  const [config, cart] = await Promise.all([
    fetch('/demo/config.json', { cache: 'no-store' }).then((r) => r.json()),
    fetch('/wp-json/wc/store/v1/cart', { cache: 'no-store', credentials: 'same-origin' }).then((r) => r.json())
  ]);
  compat.cart = withCustomer(cart);
  await wc.wcCheckoutWasm.load({
    nonce: config.nonce,
    storeApiUrl: config.storeApiUrl,
    checkoutData: config.checkoutData,
    cart: compat.cart,
    // The logged-in customer's saved tokens, as WooCommerce hands
    // wcSettings.customerPaymentMethods to its payment store.
    savedPaymentMethods: window.wcSettings.customerPaymentMethods,
    buttonAttributes: { height: 44, borderRadius: 4 }
  });
  createRoot(document.getElementById('checkout')).render(<Checkout config={config} />);
}

compat.ready = start().then(() => true, (e) => {
  console.error('compat page failed to start:', e);
  throw e;
});
