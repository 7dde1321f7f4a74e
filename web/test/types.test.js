'use strict';
// web/checkout.d.ts: the example type-checks (checkJs) and the deliberately
// wrong file is rejected on exactly its marked lines.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..', '..');
const TSC = require.resolve('typescript/bin/tsc');

function tsc(project) {
  const r = spawnSync(process.execPath, [TSC, '--noEmit', '--pretty', 'false', '-p', project], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, output: (r.stdout || '') + (r.stderr || '') };
}

test('checkout.d.ts: tsc -p tsconfig.json accepts web/examples/bank-transfer.js (// @ts-check, checkJs)', () => {
  const source = fs.readFileSync(path.join(ROOT, 'web/examples/bank-transfer.js'), 'utf8');
  assert.match(source, /^\/\/ @ts-check/);
  const r = tsc('tsconfig.json');
  assert.equal(r.output, '');
  assert.equal(r.status, 0);
});

test('checkout.d.ts: tsc rejects web/test/types-fail/wrong-usage.ts on exactly the lines marked expect-error', () => {
  const file = path.join(__dirname, 'types-fail', 'wrong-usage.ts');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const want = lines.map((l, i) => (l.includes('// expect-error') ? i + 1 : 0)).filter(Boolean);
  assert.ok(want.length >= 10, 'the file marks its wrong lines');
  const r = tsc(path.join('web', 'test', 'types-fail', 'tsconfig.json'));
  assert.notEqual(r.status, 0);
  const got = [...new Set([...r.output.matchAll(/wrong-usage\.ts\((\d+),\d+\): error TS\d+/g)].map((m) => Number(m[1])))];
  assert.deepEqual(got, want, r.output);
  assert.doesNotMatch(r.output, /checkout\.d\.ts\(/, 'the declarations themselves have no errors');
});
