// node --test web/compat/: the bundling of web/compat/build.mjs — the
// externals are WordPress's dependency-extraction mapping, the gateway
// bundles carry no copy of React or the wp.* packages, and wordpress.js
// defines the globals WordPress registers.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

import { build, externalFor } from './build.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.join(HERE, 'dist');

test('externals: @wordpress/*, @woocommerce/* and react map to the globals WordPress registers', () => {
  const cases = {
    react: ['React'],
    'react-dom': ['ReactDOM'],
    'react/jsx-runtime': ['ReactJSXRuntime'],
    '@wordpress/element': ['wp', 'element'],
    '@wordpress/html-entities': ['wp', 'htmlEntities'],
    '@wordpress/i18n': ['wp', 'i18n'],
    '@wordpress/data': ['wp', 'data'],
    '@woocommerce/blocks-registry': ['wc', 'wcBlocksRegistry'],
    '@woocommerce/settings': ['wc', 'wcSettings'],
    '@woocommerce/block-data': ['wc', 'wcBlocksData'],
    '@woocommerce/blocks-checkout': ['wc', 'blocksCheckout'],
    '@woocommerce/price-format': ['wc', 'priceFormat']
  };
  for (const [name, want] of Object.entries(cases)) {
    assert.deepEqual(externalFor(name), want, name);
  }
  assert.equal(externalFor('@woocommerce/not-a-script-handle'), null, 'unknown WooCommerce package: no guess');
  assert.equal(externalFor('lodash'), null, 'other packages are bundled');
});

test('build: gateway bundles read the globals and bundle no React or wp.* code', async () => {
  const written = await build({ quiet: true });
  const gateways = readdirSync(path.join(DIST, 'gateways'));
  assert.ok(gateways.length >= 9, 'at least nine gateway bundles, got ' + gateways.join());
  assert.ok(written.includes('wordpress.js') && written.includes('page.js'));
  for (const f of gateways) {
    const code = readFileSync(path.join(DIST, 'gateways', f), 'utf8');
    assert.match(code, /window\["wc"\]\["wcBlocksRegistry"\]/, f + ' registers through wc.wcBlocksRegistry');
    assert.doesNotMatch(code, /__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED|createReduxStore/, f + ' bundles React or @wordpress/data');
    assert.ok(code.length < 20000, `${f} is ${code.length} bytes: something was bundled that should be external`);
  }
  const jsx = readFileSync(path.join(DIST, 'gateways', 'cheque.js'), 'utf8');
  assert.match(jsx, /window\["ReactJSXRuntime"\]/, 'JSX compiles to the automatic runtime, ReactJSXRuntime');
});

test('wordpress.js defines React, ReactDOM, ReactJSXRuntime and wp.element/data/i18n/htmlEntities', async () => {
  await build({ quiet: true });
  const sandbox = { console, setTimeout, clearTimeout, queueMicrotask };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.runInNewContext(readFileSync(path.join(DIST, 'wordpress.js'), 'utf8'), sandbox);
  assert.equal(typeof sandbox.React.createElement, 'function');
  assert.equal(sandbox.React.version, '18.3.1', 'WordPress 6.6+ ships React 18.3.1');
  assert.equal(typeof sandbox.ReactDOM.createRoot, 'function');
  assert.equal(typeof sandbox.ReactJSXRuntime.jsx, 'function');
  assert.equal(sandbox.wp.element.createElement, sandbox.React.createElement, 'wp.element is the same React');
  assert.equal(typeof sandbox.wp.element.RawHTML, 'function');
  assert.equal(typeof sandbox.wp.data.useSelect, 'function');
  assert.equal(typeof sandbox.wp.data.registerStore, 'function');
  // (decoding needs a DOM; the page test decodes "&amp;" in the cheque label)
  assert.equal(sandbox.wp.htmlEntities.decodeEntities('no entities'), 'no entities');
  assert.equal(sandbox.wp.i18n.sprintf(sandbox.wp.i18n.__('%s Payments'), 'Dummy'), 'Dummy Payments');
});
