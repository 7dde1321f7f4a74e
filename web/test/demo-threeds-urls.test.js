'use strict';
// The demo's 3-D Secure gateway (web/demo/methods/threeds.js) checks every
// URL the server supplies with the rule redirects follow (D16, D25): only
// http: and https: after resolving against the page. A javascript: URL must
// never become the "Open bank page" link (issue 9 point 6).

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const THREEDS = path.join(__dirname, '..', 'demo', 'methods', 'threeds.js');
const { safeHttpUrl, checkoutSuccess } = require(THREEDS);

const PAGE = 'http://127.0.0.1:8080/demo/';

test('D16/D25: safeHttpUrl accepts http(s) after resolving against the page', async (t) => {
  const cases = [
    // [name, raw, base, expected href or null]
    ['relative path from the server', '/demo-3ds/challenge?order=1001&key=k', PAGE, 'http://127.0.0.1:8080/demo-3ds/challenge?order=1001&key=k'],
    ['absolute https', 'https://bank.example/3ds?x=1', PAGE, 'https://bank.example/3ds?x=1'],
    ['upper-case scheme', 'HTTPS://bank.example/', PAGE, 'https://bank.example/'],
    ['scheme-relative takes the page scheme', '//bank.example/a', 'https://shop.example/c', 'https://bank.example/a'],
    ['surrounding spaces are stripped', '  /a  ', PAGE, 'http://127.0.0.1:8080/a'],
    ['absolute http without a base', 'http://bank.example/', undefined, 'http://bank.example/'],
    ['javascript:', 'javascript:alert(1)', PAGE, null],
    ['javascript: in mixed case', 'JaVaScRiPt:alert(1)', PAGE, null],
    ['javascript: after spaces and controls', ' \u0001\njavascript:alert(1)', PAGE, null],
    ['javascript: split by a tab', 'java\tscript:alert(1)', PAGE, null],
    ['javascript: split by a newline', 'java\nscript:alert(1)', PAGE, null],
    ['data:', 'data:text/html,<script>alert(1)</script>', PAGE, null],
    ['vbscript:', 'vbscript:msgbox(1)', PAGE, null],
    ['blob:', 'blob:http://127.0.0.1:8080/1234', PAGE, null],
    ['file:', 'file:///etc/passwd', PAGE, null],
    ['relative against a file: page', '/a', 'file:///tmp/demo/index.html', null],
    ['relative without a base', '/a', undefined, null],
    ['not parsable', 'http://', PAGE, null],
    ['empty string', '', PAGE, null],
    ['a number', 42, PAGE, null],
    ['an object with a javascript: toString', { toString() { return 'javascript:alert(1)'; } }, PAGE, null],
    ['null', null, PAGE, null],
    ['undefined', undefined, PAGE, null],
  ];
  for (const [name, raw, base, want] of cases) {
    await t.test(name, () => {
      const got = safeHttpUrl(raw, base);
      assert.equal(got === null ? null : got.href, want);
    });
  }
});

// checkoutSuccess with an unsafe challenge or confirm URL answers an error
// the shopper can act on and touches no DOM (no link is ever built).
test('issue 9 point 6: an unsafe bank URL is refused with a retryable payments error', async (t) => {
  const saved = { wc: globalThis.wc, location: globalThis.location, document: globalThis.document, warn: console.warn };
  const warnings = [];
  globalThis.wc = {
    blocksCheckoutEvents: {
      emitResponse: {
        responseTypes: { SUCCESS: 'success', ERROR: 'error', FAIL: 'failure' },
        noticeContexts: { PAYMENTS: 'wc/payment-area' },
      },
    },
  };
  globalThis.location = { href: PAGE };
  globalThis.document = new Proxy({}, { get() { throw new Error('the DOM was touched'); } });
  console.warn = (...a) => { warnings.push(a.join(' ')); };
  t.after(() => {
    globalThis.wc = saved.wc;
    globalThis.location = saved.location;
    globalThis.document = saved.document;
    console.warn = saved.warn;
  });

  const cases = [
    ['javascript: challenge', 'javascript:alert(document.cookie)', '/demo-3ds/confirm'],
    ['tab-split javascript: challenge', 'java\tscript:alert(1)', '/demo-3ds/confirm'],
    ['data: challenge', 'data:text/html,x', '/demo-3ds/confirm'],
    ['javascript: confirm', '/demo-3ds/challenge?order=1&key=k', 'javascript:alert(1)'],
    ['non-string challenge', { href: 'javascript:alert(1)' }, '/demo-3ds/confirm'],
  ];
  for (const [name, challenge, confirm] of cases) {
    await t.test(name, () => {
      warnings.length = 0;
      const out = checkoutSuccess({
        orderId: 1001,
        processingResponse: { paymentStatus: 'success', paymentDetails: { '3ds_challenge_url': challenge, '3ds_confirm_url': confirm } },
      }, {});
      assert.deepEqual(out, {
        type: 'error',
        message: "Your bank's authentication page could not be opened. Please try again or choose another payment method.",
        retry: true,
        messageContext: 'wc/payment-area',
      });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /refused a bank URL/);
    });
  }
  await t.test('no authentication asked for: nothing to answer', () => {
    assert.equal(checkoutSuccess({ orderId: 1, processingResponse: { paymentDetails: {} } }, {}), undefined);
  });
});
