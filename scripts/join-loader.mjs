#!/usr/bin/env node
// Joins the loader parts of web/src/ into the one classic script the page
// loads, web/checkout.js:
//
//   header.js, then "(function (root) { 'use strict';", then each part of
//   PARTS (web/src/parts/<name>.js, indented by two spaces), then the entry
//   (install on the global, module.exports under node), then "})(...)".
//
// Usage:
//   node scripts/join-loader.mjs           write web/checkout.js
//   node scripts/join-loader.mjs --check   exit 1 (and say so) when
//                                          web/checkout.js is not the join
// Parts must not contain multi-line template literals (the indentation
// would change their text); plain ES2017 only (web/test/syntax.test.js).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PARTS = ['util', 'queue', 'stores', 'events', 'settings', 'registry', 'props', 'rendering', 'blockscheckout', 'priceformat', 'calls', 'loader', 'install'];

const ROOT = joinPath(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = joinPath(ROOT, 'web', 'checkout.js');
export const SRC = joinPath(ROOT, 'web', 'src');

function indent(text) {
  return text.replace(/\s+$/, '').split('\n').map((l) => (l === '' ? '' : '  ' + l)).join('\n');
}

// join(read) returns the text of web/checkout.js; read(path relative to
// web/src) returns a source file's text (default: from disk).
export function join(read = (rel) => readFileSync(joinPath(SRC, rel), 'utf8')) {
  const out = [read('header.js').replace(/\s+$/, ''), '(function (root) {', "  'use strict';", ''];
  for (const name of PARTS) {
    out.push('  // ==== part "' + name + '" (web/src/parts/' + name + '.js) ====', '');
    out.push(indent(read('parts/' + name + '.js')), '');
  }
  out.push(
    '  // ==== entry ====',
    '',
    '  var wc = install(root, {});',
    "  if (typeof module !== 'undefined' && module && module.exports) {",
    '    module.exports = { install: install, DEFAULT_SNAPSHOTS: DEFAULT_SNAPSHOTS, wc: wc };',
    '  }',
    "})(typeof globalThis !== 'undefined' ? globalThis : this);",
    ''
  );
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = join();
  if (process.argv.includes('--check')) {
    let have = '';
    try { have = readFileSync(OUTPUT, 'utf8'); } catch (e) { /* missing: stale */ }
    if (have !== text) {
      console.error('web/checkout.js is not the join of web/src/: run node scripts/join-loader.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(OUTPUT, text);
  }
}
