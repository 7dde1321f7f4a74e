/**
 * Demo card ("demo_card") for the demo shop, written as a WooCommerce gateway
 * block script (the shape of the Stripe/Square card blocks): a React card form
 * (number, expiry, security code) whose values live in component state (and
 * in the script, so that what the shopper typed survives switching methods);
 * inline errors read from the wc/store/validation store with wp.data's
 * useSelect; observers subscribed in useEffect and removed in its cleanup.
 * Settings from getSetting('demo_card_data').
 *
 * While mounted it observes:
 *   - onPaymentSetup: a simulated tokenisation (150 ms, ended early when the
 *     attempt is aborted), then
 *       incomplete fields      -> {type: ERROR, message, messageContext: payments,
 *                                  validationErrors} (fields marked inline)
 *       a number failing Luhn  -> {type: FAIL, message, messageContext: payments}
 *       otherwise              -> SUCCESS with meta.paymentMethodData
 *                                  {demo_card_number, demo_card_exp, demo_card_token}
 *   - onCheckoutFail: a declined or failed payment (processingResponse with
 *     paymentStatus 'failure' or 'error') is shown in the payments area with
 *     the server's message; the checkout stays open for another try.
 * Unmounting clears the fields' validation errors.
 *
 * Demo server test numbers: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002
 * is declined, 4000 0000 0000 0119 gets a processor error.
 */
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { getSetting } from '@woocommerce/settings';
import { VALIDATION_STORE_KEY } from '@woocommerce/block-data';
import { useSelect, useDispatch } from '@wordpress/data';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

const NAME = 'demo_card';
const settings = getSetting('demo_card_data', {});
const TITLE = settings.title || __('Credit or debit card', 'demo');
const TOKENISE_MS = 150;

const FIELDS = [
  { key: 'number', id: 'demo-card-number', label: 'Card number', autoComplete: 'cc-number', placeholder: '1234 1234 1234 1234', size: 'full' },
  { key: 'expiry', id: 'demo-card-expiry', label: 'Expiry date', autoComplete: 'cc-exp', placeholder: 'MM / YY', size: 'half' },
  { key: 'cvc', id: 'demo-card-cvc', label: 'Security code', autoComplete: 'cc-csc', placeholder: 'CVC', size: 'half' }
];
const FIELD_IDS = FIELDS.map((f) => f.id);

// What the shopper typed, kept while the form is unmounted.
let typed = { number: '', expiry: '', cvc: '' };

const digits = (s) => String(s || '').replace(/\D/g, '');

function luhn(number) {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number.charAt(number.length - 1 - i));
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return number.length > 0 && sum % 10 === 0;
}

/** "MMYY" digits -> {month, year} or null. */
function parseExpiry(s) {
  const d = digits(s);
  if (d.length !== 4) return null;
  const month = Number(d.slice(0, 2));
  if (month < 1 || month > 12) return null;
  return { month, year: 2000 + Number(d.slice(2)) };
}

const formatNumber = (s) => digits(s).slice(0, 19).replace(/(\d{4})(?=\d)/g, '$1 ');

function formatExpiry(s, deleting) {
  let d = digits(s).slice(0, 4);
  if (d.length === 1 && Number(d) > 1) d = '0' + d;
  if (d.length > 2 || (d.length === 2 && !deleting)) return d.slice(0, 2) + ' / ' + d.slice(2);
  return d;
}

function randomToken() {
  const bytes = new Uint8Array(8);
  window.crypto.getRandomValues(bytes);
  return 'tok_demo_' + Array.prototype.map.call(bytes, (b) => ('0' + b.toString(16)).slice(-2)).join('');
}

/** The simulated tokenisation request; resolves early (false) when the attempt ends first. */
function tokenise(signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), TOKENISE_MS);
    if (signal) {
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve(false);
      });
    }
  });
}

/** The message for each incomplete field, keyed by validation id. */
function problems(values) {
  const out = {};
  const number = digits(values.number);
  if (number.length < 13) out['demo-card-number'] = number.length === 0 ? 'Please enter your card number.' : 'Your card number is incomplete.';
  const exp = parseExpiry(values.expiry);
  if (!exp) {
    out['demo-card-expiry'] = digits(values.expiry).length === 0 ? 'Please enter the expiry date of your card.' : "Your card's expiry date is incomplete.";
  } else {
    const now = new Date();
    if (exp.year < now.getFullYear() || (exp.year === now.getFullYear() && exp.month < now.getMonth() + 1)) {
      out['demo-card-expiry'] = "Your card's expiry date is in the past.";
    }
  }
  const cvc = digits(values.cvc);
  if (cvc.length < 3) out['demo-card-cvc'] = cvc.length === 0 ? "Please enter your card's security code." : "Your card's security code is incomplete.";
  return out;
}

const Field = ({ field, value, onChange }) => {
  const { error, errorId } = useSelect((select) => {
    const store = select(VALIDATION_STORE_KEY);
    return { error: store.getValidationError(field.id), errorId: store.getValidationErrorId(field.id) };
  }, [field.id]);
  const shown = error && errorId;
  return (
    <div className={'field field--' + field.size + (shown ? ' field--invalid' : '')}>
      <label htmlFor={field.id}>{field.label}</label>
      <input id={field.id} name={field.id} type="text" inputMode="numeric" autoComplete={field.autoComplete}
        placeholder={field.placeholder} spellCheck={false} value={value}
        aria-invalid={shown ? 'true' : undefined} aria-describedby={shown ? errorId : 'demo-card-hint'}
        onChange={onChange} />
      {shown ? <p className="field__error" id={errorId}>{String(error.message)}</p> : null}
    </div>
  );
};

const CardForm = ({ eventRegistration, emitResponse }) => {
  const { onPaymentSetup, onCheckoutFail } = eventRegistration;
  const { responseTypes, noticeContexts } = emitResponse;
  const [values, setValues] = useState(typed);
  const { clearValidationError, clearValidationErrors } = useDispatch(VALIDATION_STORE_KEY);
  const hasError = useSelect((select) => {
    const store = select(VALIDATION_STORE_KEY);
    return FIELD_IDS.filter((id) => store.getValidationError(id)).join(',');
  }, []);

  useEffect(() => { typed = values; }, [values]);

  // Payment setup reads the values of the render that registered it.
  useEffect(() => onPaymentSetup(async (_data, ctx) => {
    const found = problems(values);
    const done = await tokenise(ctx && ctx.signal);
    if (!done) return undefined; // the attempt ended; nothing to answer
    const ids = Object.keys(found);
    if (ids.length > 0) {
      const validationErrors = {};
      ids.forEach((id) => { validationErrors[id] = { message: found[id], hidden: false }; });
      return {
        type: responseTypes.ERROR,
        message: ids.length === 1 ? found[ids[0]] : 'Your card details are incomplete. Please check the highlighted fields.',
        messageContext: noticeContexts.PAYMENTS,
        validationErrors
      };
    }
    const number = digits(values.number);
    if (!luhn(number)) {
      return { type: responseTypes.FAIL, message: 'Your card number is invalid.', messageContext: noticeContexts.PAYMENTS };
    }
    const expiry = digits(values.expiry);
    return {
      type: responseTypes.SUCCESS,
      meta: {
        paymentMethodData: {
          demo_card_number: number,
          demo_card_exp: expiry.slice(0, 2) + '/' + expiry.slice(2),
          demo_card_token: randomToken()
        }
      }
    };
  }, 10, { label: 'demo_card: tokenise' }), [onPaymentSetup, responseTypes, noticeContexts, values]);

  useEffect(() => onCheckoutFail((payload) => {
    const result = payload && payload.processingResponse;
    if (!result || (result.paymentStatus !== 'failure' && result.paymentStatus !== 'error')) return undefined;
    return {
      type: result.paymentStatus === 'error' ? responseTypes.ERROR : responseTypes.FAIL,
      message: result.message || 'Your payment could not be processed. Please try another card.',
      messageContext: noticeContexts.PAYMENTS
    };
  }, 10, { label: 'demo_card: payment declined' }), [onCheckoutFail, responseTypes, noticeContexts]);

  // Unmount: this form's errors go with it (a ref: the effect must run on
  // unmount only, whatever identity useDispatch's functions have).
  const clearAll = useRef(clearValidationErrors);
  clearAll.current = clearValidationErrors;
  useEffect(() => () => { clearAll.current(FIELD_IDS); }, []);

  const change = (field) => (event) => {
    const raw = event.target.value;
    const deleting = event.nativeEvent && event.nativeEvent.inputType && event.nativeEvent.inputType.indexOf('delete') === 0;
    let v = raw;
    if (field.key === 'number') v = formatNumber(raw);
    if (field.key === 'expiry') v = formatExpiry(raw, deleting);
    if (field.key === 'cvc') v = digits(raw).slice(0, 4);
    setValues((prev) => Object.assign({}, prev, { [field.key]: v }));
    if (hasError.split(',').includes(field.id)) clearValidationError(field.id);
  };

  return (
    <div className="card-form">
      <div className="fields">
        {FIELDS.map((f) => <Field key={f.key} field={f} value={values[f.key]} onChange={change(f)} />)}
      </div>
      <p className="method-hint" id="demo-card-hint">
        Test cards: 4242 4242 4242 4242 (approved), 4000 0000 0000 0002 (declined).
        {' '}Any future expiry date and any three-digit code.
      </p>
    </div>
  );
};

const Label = ({ components }) => <components.PaymentMethodLabel text={TITLE} />;

registerPaymentMethod({
  name: NAME,
  label: <Label />,
  content: <CardForm />,
  edit: <CardForm />,
  canMakePayment: () => true,
  ariaLabel: TITLE,
  supports: { features: settings.supports || ['products'] }
});
