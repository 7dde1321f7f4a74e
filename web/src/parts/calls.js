/*
 * Part "calls": how Go calls page functions that may answer with a Promise
 * (observers, canMakePayment, fetch) in few crossings (docs/contracts.md
 * "Go <-> checkout.js protocol", "Calls"). Go hands over ONE persistent
 * callback, settled(id, ok, value), through host.connect; each call then
 * costs one Go -> JS call, plus one JS -> Go call when a thenable settles,
 * instead of two js.Funcs made and released per Promise. Every function
 * here may throw into Go (a getter, a throwing then): Go's calls catch.
 */

// What host.observe returns when the observer answered with a thenable.
var PENDING = typeof Symbol === 'function' ? Symbol('wcCheckoutWasm.pending') : Object.freeze({});

function isThenable(x) {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return false;
  try {
    return typeof x.then === 'function';
  } catch (e) {
    return false; // a throwing `then` getter: the value itself is the answer
  }
}

/**
 * createCalls() returns the host members {PENDING, connect, await, observe,
 * abort} for one module instance:
 *   connect(settled)   Go's persistent settled(id, ok, value)
 *   await(id, p)       settled(id, true, v) / settled(id, false, reason)
 *                      when thenable p settles (p.then may throw into Go)
 *   observe(id, fn, json, refs, attemptId, track)
 *                      calls fn(data, {signal, attemptId}) with data
 *                      revived from json/refs (snapjson, not frozen: each
 *                      observer gets its own copy) and returns fn's value,
 *                      or PENDING after handing a returned thenable to
 *                      await(id, ...). With track, the call's AbortController
 *                      is kept until abort(attemptId) (D18: the signal aborts
 *                      when the attempt ends, even after the call settled).
 *   abort(attemptId, id)  aborts call id's signal (its budget ran out, D17),
 *                      or with id < 0 every signal of the attempt, and
 *                      forgets them.
 */
function createCalls() {
  var settled = null;
  var byCall = Object.create(null); // call id -> AbortController, while pending or tracked
  var byAttempt = Object.create(null); // attemptId -> [call id]

  // forget: the untracked call id whose controller goes with the settlement.
  function follow(id, p, forget) {
    p.then(function (v) {
      if (forget !== undefined) delete byCall[forget];
      if (settled) settled(id, true, v);
    }, function (e) {
      if (forget !== undefined) delete byCall[forget];
      if (settled) settled(id, false, e);
    });
  }

  function observe(id, fn, json, refs, attemptId, track) {
    var data = json === undefined ? undefined : revive(JSON.parse(json), undefined, refs, true);
    var second = { attemptId: attemptId };
    if (typeof AbortController === 'function') {
      var ctl = new AbortController();
      second.signal = ctl.signal;
      byCall[id] = ctl;
      if (track) (byAttempt[attemptId] || (byAttempt[attemptId] = [])).push(id);
    }
    var out;
    try {
      out = fn(data, second);
    } catch (e) {
      if (!track) delete byCall[id];
      throw e;
    }
    if (isThenable(out)) {
      follow(id, out, track ? undefined : id);
      return PENDING;
    }
    if (!track) delete byCall[id];
    return out;
  }

  function abort(attemptId, id) {
    var ids = id >= 0 ? [id] : (byAttempt[attemptId] || []);
    if (!(id >= 0)) delete byAttempt[attemptId];
    for (var i = 0; i < ids.length; i++) {
      var ctl = byCall[ids[i]];
      if (id < 0) delete byCall[ids[i]];
      if (ctl && !ctl.signal.aborted) ctl.abort();
    }
  }

  return {
    PENDING: PENDING,
    connect: function (fn) { settled = typeof fn === 'function' ? fn : null; },
    await: function (id, p) { follow(id, p); },
    observe: observe,
    abort: abort
  };
}
