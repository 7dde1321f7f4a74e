/*
 * Part "util": small helpers every other part uses. No state.
 *
 * Exports (top-level names of the joined script): THROW_KEY, deepFreeze,
 * hasOwn, isPlainObject, describe, invoke, typeName, defer, createLog, merge.
 */

var THROW_KEY = '__wcThrow'; // bridge/exports.go ThrowKey

function deepFreeze(v) {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    Object.keys(v).forEach(function (k) { deepFreeze(v[k]); });
  }
  return v;
}

function hasOwn(o, k) {
  return o !== null && o !== undefined && Object.prototype.hasOwnProperty.call(o, k);
}

// "Plain object" of ref §0: non-null, an Object instance, constructor exactly Object.
function isPlainObject(x) {
  return x !== null && typeof x === 'object' && x instanceof Object && x.constructor === Object;
}

function describe(e) {
  if (e && typeof e === 'object' && typeof e.message === 'string') {
    return (e.name ? e.name + ': ' : '') + e.message;
  }
  return String(e);
}

// Calls api[name](...args). A Go function made with js.FuncOf cannot throw
// into its JS caller, so the module reports a synchronous error (e.g. the
// TypeError of D34) by returning the envelope {__wcThrow: error}; the error
// is thrown here. An exception thrown by the call propagates as well.
function invoke(api, name, args) {
  var result = api[name].apply(api, args);
  if (result !== null && typeof result === 'object' && hasOwn(result, THROW_KEY)) throw result[THROW_KEY];
  return result;
}

function typeName(v) {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function defer() {
  var d = {};
  d.promise = new Promise(function (resolve, reject) { d.resolve = resolve; d.reject = reject; });
  return d;
}

// Console routing for one installation: g.console when it has the method,
// else nothing. warnOnce(name, msg) warns once per name per installation (D30).
function createLog(g) {
  var warned = Object.create(null);
  function warn(msg) {
    if (g.console && typeof g.console.warn === 'function') g.console.warn(msg);
  }
  function error(msg, e) {
    if (g.console && typeof g.console.error === 'function') {
      if (arguments.length > 1) g.console.error(msg, e);
      else g.console.error(msg);
    }
  }
  function debug(msg) {
    if (g.console && typeof g.console.log === 'function') g.console.log(msg);
  }
  function warnOnce(name, msg) {
    if (warned[name]) return;
    warned[name] = true;
    warn(msg);
  }
  return { warn: warn, error: error, debug: debug, warnOnce: warnOnce };
}

// Puts ns at wc[name], or, when wc[name] exists, adds only the members it lacks.
function merge(wc, name, ns) {
  var have = wc[name];
  if (have === null || (typeof have !== 'object' && typeof have !== 'function')) {
    wc[name] = ns;
    return;
  }
  Object.getOwnPropertyNames(ns).forEach(function (k) {
    if (!(k in have)) Object.defineProperty(have, k, Object.getOwnPropertyDescriptor(ns, k));
  });
}
