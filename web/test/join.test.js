'use strict';
// issue 8 "checkout.js in named parts": the page loads one classic script,
// web/checkout.js, joined from web/src/ by scripts/join-loader.mjs; the
// committed file must be exactly that join.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness.js');

const JOIN = path.join(__dirname, '..', '..', 'scripts', 'join-loader.mjs');

test('issue 8 loader split: web/checkout.js is the join of web/src/ (run node scripts/join-loader.mjs)', async () => {
  const { join } = await import(JOIN);
  const committed = fs.readFileSync(h.CHECKOUT_JS, 'utf8');
  assert.ok(committed === join(), 'web/checkout.js differs from the join of web/src/: run node scripts/join-loader.mjs');
});

test('issue 8 loader split: the staleness check itself sees a changed part', async () => {
  const { join } = await import(JOIN);
  const src = path.join(__dirname, '..', 'src');
  const read = (rel) => fs.readFileSync(path.join(src, rel), 'utf8');
  const changed = join((rel) => (rel === 'parts/queue.js' ? read(rel) + '\nvar probe = 1;\n' : read(rel)));
  assert.notEqual(changed, fs.readFileSync(h.CHECKOUT_JS, 'utf8'));
  assert.ok(changed.includes('  var probe = 1;'));
});

test('issue 8 loader split: every part is listed once and each file of web/src/parts is a listed part', async () => {
  const { PARTS } = await import(JOIN);
  const files = fs.readdirSync(path.join(__dirname, '..', 'src', 'parts')).filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3)).sort();
  assert.deepEqual([...PARTS].sort(), files);
  assert.equal(new Set(PARTS).size, PARTS.length);
  for (const name of ['queue', 'stores', 'events', 'registry', 'rendering', 'loader']) {
    assert.ok(PARTS.includes(name), name);
  }
});

test('issue 8 loader split: the stores part holds one marked generated block with the JS tables', () => {
  const text = fs.readFileSync(path.join(__dirname, '..', 'src', 'parts', 'stores.js'), 'utf8');
  const begin = text.indexOf('// BEGIN GENERATED TABLES');
  const end = text.indexOf('// END GENERATED TABLES');
  assert.ok(begin >= 0 && end > begin, 'markers present in order');
  assert.equal(text.indexOf('// BEGIN GENERATED TABLES', begin + 1), -1, 'one block');
  const block = text.slice(begin, end);
  for (const name of ['DEFAULT_SNAPSHOTS', 'PLAIN_SELECTORS', 'ACTIONS', 'CHECKOUT_EVENTS', 'EVENT_NAMES']) {
    assert.match(block, new RegExp('var ' + name + ' ='), name);
  }
});
