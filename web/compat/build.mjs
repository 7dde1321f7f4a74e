#!/usr/bin/env node
// Builds what a WordPress page would provide, and the gateway scripts, into
// web/compat/dist/ and web/demo/dist/ (git-ignored; rebuilt by `make test-web`, `make demo` and
// the runners themselves, in well under a second):
//
//   dist/wordpress.js       React, ReactDOM, ReactJSXRuntime and wp.element,
//                           wp.data, wp.i18n, wp.htmlEntities as browser
//                           globals, from node_modules (no CDN), production
//                           builds, as WordPress registers them (react,
//                           react-dom, react-jsx-runtime, wp-element, ...).
//   dist/gateways/<id>.js   each web/compat/gateways/<id>.jsx, bundled the way
//                           WooCommerce's dependency-extraction webpack plugin
//                           bundles a gateway: every @woocommerce/*,
//                           @wordpress/* and react import becomes the browser
//                           global WordPress provides (EXTERNALS below), and
//                           JSX compiles to the automatic runtime
//                           (react/jsx-runtime -> window.ReactJSXRuntime).
//   dist/page.js            the compat page's own React app (page.jsx).
//   ../demo/dist/<name>.js  web/demo/methods/<name>.jsx, the demo shop's
//                           gateways written the same way.
//
// A missing global at run time is a TypeError in the gateway script, exactly
// as on a WordPress page that forgot to enqueue a dependency.
//
//   node web/compat/build.mjs            build once
//   import { build } from './build.mjs'  (the runners)

import { readdirSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const require = createRequire(path.join(ROOT, 'package.json'));

/**
 * Module name -> the global expression it becomes (window.<path>), as
 * @wordpress/dependency-extraction-webpack-plugin and WooCommerce's
 * extension of it map them.
 */
export const EXTERNALS = {
  react: ['React'],
  'react-dom': ['ReactDOM'],
  'react/jsx-runtime': ['ReactJSXRuntime'],
  '@woocommerce/blocks-registry': ['wc', 'wcBlocksRegistry'],
  '@woocommerce/settings': ['wc', 'wcSettings'],
  '@woocommerce/block-data': ['wc', 'wcBlocksData'],
  '@woocommerce/blocks-checkout': ['wc', 'blocksCheckout'],
  '@woocommerce/blocks-checkout-events': ['wc', 'blocksCheckoutEvents'],
  '@woocommerce/price-format': ['wc', 'priceFormat']
};

/** @wordpress/foo-bar -> wp.fooBar (the plugin's default rule). */
export function externalFor(name) {
  if (Object.prototype.hasOwnProperty.call(EXTERNALS, name)) return EXTERNALS[name];
  const m = /^@wordpress\/([a-z0-9-]+)$/.exec(name);
  if (m) return ['wp', m[1].replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase())];
  return null;
}

/** esbuild plugin: externals become `module.exports = window.a.b` at bundle load. */
function wordpressExternals() {
  return {
    name: 'wordpress-externals',
    setup(b) {
      b.onResolve({ filter: /^(react|react-dom|react\/jsx-runtime|@wordpress\/[a-z0-9-]+|@woocommerce\/[a-z0-9-]+)$/ }, (args) => {
        const g = externalFor(args.path);
        if (!g) return { errors: [{ text: `${args.path}: no browser global known for it (not a WordPress/WooCommerce script handle)` }] };
        return { path: g.join('.'), namespace: 'wp-global' };
      });
      b.onLoad({ filter: /.*/, namespace: 'wp-global' }, (args) => ({
        contents: `module.exports = window${args.path.split('.').map((p) => `[${JSON.stringify(p)}]`).join('')};`,
        loader: 'js'
      }));
    }
  };
}

const VENDOR_ENTRY = `
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as ReactJSXRuntime from 'react/jsx-runtime';
import * as element from '@wordpress/element';
import * as data from '@wordpress/data';
import * as i18n from '@wordpress/i18n';
import * as htmlEntities from '@wordpress/html-entities';
// WordPress 6.6+ registers the script handles react, react-dom,
// react-jsx-runtime and wp-element, wp-data, wp-i18n, wp-html-entities.
window.React = React;
window.ReactDOM = Object.assign({}, ReactDOM, { createRoot: ReactDOMClient.createRoot, hydrateRoot: ReactDOMClient.hydrateRoot });
window.ReactJSXRuntime = ReactJSXRuntime;
window.wp = Object.assign(window.wp || {}, { element, data, i18n, htmlEntities });
`;

function listSources(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.(jsx|js)$/.test(f)).sort().map((f) => path.join(dir, f));
}

/**
 * Builds every bundle. Resolves with the list of files written; rejects
 * with esbuild's error (file, line, message) when a source does not build.
 */
export async function build({ quiet = false } = {}) {
  const esbuild = require('esbuild');
  const out = path.join(HERE, 'dist');
  mkdirSync(out, { recursive: true });
  const common = {
    bundle: true,
    format: 'iife',
    target: 'es2019',
    logLevel: quiet ? 'error' : 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none'
  };
  const written = [];
  await esbuild.build({
    ...common,
    stdin: { contents: VENDOR_ENTRY, resolveDir: ROOT, sourcefile: 'wordpress-globals.js' },
    outfile: path.join(out, 'wordpress.js'),
    minify: true
  });
  written.push('wordpress.js');

  const gatewayBuild = (entries, outdir) => esbuild.build({
    ...common,
    entryPoints: entries,
    outdir,
    jsx: 'automatic',
    plugins: [wordpressExternals()]
  });
  const gateways = listSources(path.join(HERE, 'gateways'));
  await gatewayBuild(gateways, path.join(out, 'gateways'));
  written.push(...gateways.map((f) => 'gateways/' + path.basename(f).replace(/\.jsx?$/, '.js')));
  await gatewayBuild([path.join(HERE, 'page.jsx')], out);
  written.push('page.js');
  const demo = listSources(path.join(ROOT, 'web', 'demo', 'methods')).filter((f) => f.endsWith('.jsx'));
  if (demo.length) {
    await gatewayBuild(demo, path.join(ROOT, 'web', 'demo', 'dist'));
    written.push(...demo.map((f) => '../../demo/dist/' + path.basename(f).replace(/\.jsx$/, '.js')));
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const t0 = Date.now();
  build().then((files) => {
    console.log(`web/compat/dist: ${files.length} bundles in ${Date.now() - t0} ms`);
  }, (e) => {
    console.error(e.message || e);
    process.exit(1);
  });
}
