'use strict';
// Loads loader parts (web/src/parts/*.js) alone, without the join: each part
// defines top-level functions and constants, so evaluating it as a strict
// classic script in a fresh vm context makes them properties of the
// context. loadParts(['util', 'queue']) returns that context.

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const PARTS_DIR = path.join(__dirname, '..', 'src', 'parts');

function loadParts(names, globals) {
  const ctx = vm.createContext(Object.assign({}, globals));
  for (const name of names) {
    const file = path.join(PARTS_DIR, name + '.js');
    new vm.Script("'use strict';\n" + fs.readFileSync(file, 'utf8'), { filename: file, lineOffset: -1 }).runInContext(ctx);
  }
  return ctx;
}

// A log (createLog shape) that records what it is given.
function recordingLog() {
  const log = { warns: [], errors: [], debugs: [] };
  log.warn = (m) => log.warns.push(m);
  log.error = (m, e) => log.errors.push([m, e]);
  log.debug = (m) => log.debugs.push(m);
  const once = new Set();
  log.warnOnce = (name, m) => { if (!once.has(name)) { once.add(name); log.warn(m); } };
  return log;
}

module.exports = { PARTS_DIR, loadParts, recordingLog };
