/*
 * Part "calls": the cheap ways between Go and the page (docs/contracts.md
 * "Go <-> checkout.js protocol", "Calls", "Text calls").
 *
 * Go -> page: Go calls page functions that may answer with a Promise
 * (observers, canMakePayment, fetch) through observe / await; every
 * thenable reports back through ONE persistent Go callback settled(id, ok,
 * value) (host.connect), or, for an observer's plain answer, as text
 * through the module's wcw_settle export.
 *
 * Page -> Go: dispatch and submit reach Go as WebAssembly exports with
 * number arguments and their data as text written into Go's memory
 * (textValue below, read by Go's core/value/valuetext), instead of a
 * js.FuncOf call each; Go answers through done / throwNext. A value text
 * cannot carry exactly (a function, a class instance, a cycle, a Proxy or
 * getter that throws, beyond the budgets) goes the old way through the
 * module's api, which gives the same result or the same error.
 *
 * Every function here may throw into Go (a getter, a throwing then): Go's
 * calls catch.
 */

// What host.observe returns: -1 when the observer answered with a thenable
// (it settles later), -2 when the answer is a JS value for host.take(), or
// the length of the answer's text in Go's memory.
var PENDING = -1;
var TAKE = -2;

function isThenable(x) {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return false;
  try {
    return typeof x.then === 'function';
  } catch (e) {
    return false; // a throwing `then` getter: the value itself is the answer
  }
}

// Budgets of textValue, below Go's conversion budgets (depth 64, 100,000
// values, 4 MiB of strings as UTF-8) so that a value text accepts is one
// Go would accept: what is over them goes the api way, where Go decides.
var TEXT_MAX_DEPTH = 60;
var TEXT_MAX_NODES = 90000;
var TEXT_MAX_STRING_UNITS = (4 << 20) / 3; // UTF-16 units: at most 3 UTF-8 bytes each

/**
 * textValue(v) is the text of v in Go's valuetext form (JSON plus
 * undefined, NaN, Infinity, -Infinity and -0), or null when v holds
 * anything but primitives (no symbol, bigint or function), arrays and
 * plain objects (an Object instance whose constructor is Object, as Go's
 * plain-object rule), repeats an object inside itself, is over the
 * budgets, or throws while it is read. A shared (not cyclic) object is
 * written once per place, and counted so, as Go counts it.
 */
function textValue(v) {
  var st = { nodes: 0, units: 0, path: [] };
  var out = [];
  try {
    return writeText(v, 0, st, out) ? out.join('') : null;
  } catch (e) {
    return null;
  }
}

function writeText(v, depth, st, out) {
  if (++st.nodes > TEXT_MAX_NODES) return false;
  switch (typeof v) {
    case 'undefined':
      out.push('undefined');
      return true;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return true;
    case 'number':
      if (v !== v) out.push('NaN');
      else if (v === Infinity) out.push('Infinity');
      else if (v === -Infinity) out.push('-Infinity');
      else if (v === 0 && 1 / v < 0) out.push('-0');
      else out.push(String(v));
      return true;
    case 'string':
      st.units += v.length;
      if (st.units > TEXT_MAX_STRING_UNITS) return false;
      out.push(JSON.stringify(v));
      return true;
    case 'object':
      if (v === null) {
        out.push('null');
        return true;
      }
      break;
    default:
      return false; // function, symbol, bigint: Go keeps the JS value
  }
  if (depth >= TEXT_MAX_DEPTH) return false;
  var isArr = Array.isArray(v);
  if (!isArr && !(v instanceof Object && v.constructor === Object)) return false;
  for (var p = 0; p < st.path.length; p++) if (st.path[p] === v) return false; // a cycle
  st.path.push(v);
  var i, n;
  if (isArr) {
    n = v.length;
    if (n > TEXT_MAX_NODES - st.nodes) return false;
    out.push('[');
    for (i = 0; i < n; i++) {
      if (i) out.push(',');
      if (!writeText(v[i], depth + 1, st, out)) return false;
    }
    out.push(']');
  } else {
    var keys = Object.keys(v);
    n = keys.length;
    if (n > TEXT_MAX_NODES - st.nodes) return false;
    out.push('{');
    for (i = 0; i < n; i++) {
      var k = keys[i];
      st.units += k.length;
      if (st.units > TEXT_MAX_STRING_UNITS) return false;
      out.push(i ? ',' : '', JSON.stringify(k), ':');
      if (!writeText(v[k], depth + 1, st, out)) return false;
    }
    out.push('}');
  }
  st.path.pop();
  return true;
}

/**
 * createCalls(log) returns the host members for one module instance:
 *   connect(settled)   Go's persistent settled(id, ok, value)
 *   await(id, p, asText)  settled(id, true, v) / settled(id, false, reason)
 *                      when thenable p settles (p.then may throw into Go);
 *                      with asText a plain fulfilment value goes to
 *                      wcw_settle as text instead
 *   respond(id, p)     fetch's Promise: a Response is read here and sent
 *                      as one text (see respond below)
 *   request(id, address, length)  the checkout request as text: built,
 *                      fetched and read here (see request below)
 *   observe(id, fn, address, length, refs, attemptId, track, attemptLength)
 *                      (attemptId: a string, or with attemptLength the
 *                      address of its text in Go's memory: no JS string
 *                      made by Go, no reference Go tracks per attempt)
 *                      calls fn(data, {signal, attemptId}) with data
 *                      revived from the snapjson text at address/length in
 *                      Go's memory (not frozen: each observer gets its own
 *                      copy) and answers with a number: the length of the
 *                      answer's text written into Go's inbox, TAKE (-2)
 *                      when the answer is kept for take(), or PENDING (-1)
 *                      after a thenable answer was handed to await(id, ...)
 *                      (a plain fulfilment value then goes to wcw_settle as
 *                      text). With track, the call's AbortController is
 *                      kept until abort(attemptId) (D18: the signal aborts
 *                      when the attempt ends, even after the call settled).
 *   take()             the answer kept by the last observe that said TAKE
 *   abort(attemptId, id)  aborts call id's signal (its budget ran out, D17),
 *                      or with id < 0 every signal of the attempt, and
 *                      forgets them.
 *   done(id, failed, error, address, length), throwNext(error)
 *                      how Go answers the text calls of textApi
 * and, for checkout.js itself (not host members):
 *   attach(exports, go) the module's exports and Go instance: from then on
 *                      the text ways are used (before: none of them)
 *   textApi(api)       api with dispatch and submit going the text way
 *   enterGo(fn)        runs fn counting it as "inside Go" (go.run)
 *   readText(address, length)  the UTF-8 text there in Go's memory
 */
// The longest text readText makes without TextDecoder (bytes).
var SHORT_TEXT = 512;

function createCalls(log) {
  var settled = null;
  var byCall = new Map(); // call id -> AbortController or signal slot, while pending or tracked
  var byAttempt = new Map(); // attemptId -> [call id] (Maps: keys come and go every attempt)
  var exportsRef = null; // the module's exports once attached
  var goRef = null;
  var depth = 0; // > 0 while Go runs (an export, go._resume, go.run)
  var taken;
  var thrown;
  var nextId = 0;
  var waiting = Object.create(null); // text call id -> {resolve, reject}
  var decoder = typeof TextDecoder === 'function' ? new TextDecoder() : null;
  var encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;

  function attached() {
    return exportsRef !== null && !goRef.exited;
  }

  // A short ASCII text (a patch, a done result) is made with
  // String.fromCharCode: in Chromium TextDecoder.decode of a view into the
  // module's memory costs several µs even for a few bytes (issue 10:
  // dispatch ~30 → ~22 µs, measured side by side).
  function readText(address, length) {
    var bytes = new Uint8Array(exportsRef.mem.buffer, address, length);
    if (length <= SHORT_TEXT) {
      for (var i = 0; i < length; i++) {
        if (bytes[i] > 127) return decoder.decode(bytes);
      }
      return String.fromCharCode.apply(null, bytes);
    }
    return decoder.decode(bytes);
  }

  // Writes s into Go's inbox; returns its length in bytes, or -1 when Go
  // refuses the size (then the caller goes the api way).
  var inboxAddress = 0;
  var inboxRoom = 0; // Go only moves its inbox when asked for more room
  function putText(s) {
    var room = s.length * 3 || 1;
    var address = inboxAddress;
    if (room > inboxRoom) {
      address = callGo(function () { return exportsRef.wcw_buffer(room); });
      if (!address) return -1;
      inboxAddress = address;
      inboxRoom = room;
    }
    var r = encoder.encodeInto(s, new Uint8Array(exportsRef.mem.buffer, address, room));
    return r.read === s.length ? r.written : -1;
  }

  // Writes v's text into Go's inbox; its length, or -1 when text cannot
  // carry v (textValue) or Go refuses the size.
  function putValue(v) {
    var t = textValue(v);
    return t === null ? -1 : putText(t);
  }

  function callGo(fn) {
    depth++;
    try {
      return fn();
    } finally {
      depth--;
    }
  }

  // Lets Go run the goroutines an export started, unless Go is running
  // already: inside go._resume its scheduler runs them; inside an export
  // that runs an action itself (wcw_dispatch, textDone) nothing would, so
  // the resume is owed and made when the outermost call returns (start).
  var owed = false;
  function resume() {
    if (!attached()) return;
    if (depth > 0) {
      owed = true;
      return;
    }
    owed = false;
    try {
      goRef._resume();
    } catch (e) {
      if (log) log.error('checkout.js: the module failed', e);
    }
  }

  // After an action that ran inside wcw_dispatch (code 3), what it readied
  // (an attempt waiting for the totals, D13) or armed (the D40 re-check's
  // timer) waits for Go's scheduler: one resume soon, after the current
  // chain of Promise reactions, for any number of such calls. A message
  // task, not setTimeout: browsers throttle timers in hidden tabs (to once
  // a minute after a while), which would hold an attempt that long.
  var soon = false;
  var soonPort = null;
  function fireSoon() {
    soon = false;
    resume();
  }
  function resumeSoon() {
    if (soon) return;
    if (soonPort === null && typeof MessageChannel === 'function') {
      try {
        var ch = new MessageChannel();
        ch.port1.onmessage = fireSoon;
        if (typeof ch.port1.unref === 'function') ch.port1.unref(); // Node: do not keep the process alive
        soonPort = ch.port2;
      } catch (e) {
        soonPort = null;
      }
    }
    if (soonPort !== null) {
      soon = true;
      soonPort.postMessage(0);
    } else if (typeof setTimeout === 'function') {
      soon = true;
      setTimeout(fireSoon, 0);
    } else {
      resume();
    }
  }

  // Hands call id's settlement text (inbox, n bytes) to Go; false when Go
  // cannot take it (the caller then settles with the JS value).
  // Code 4: Go took it and carried on inside the call (an observer's
  // answer runs its emission up to the next observer that answers later)
  // without readying anything for its scheduler: no resume, unless a call
  // made meanwhile left one owed.
  function settleText(id, n, kind) {
    var code = callGo(function () { return exportsRef.wcw_settle(id, n, kind); });
    if (code === 0 || (code === 4 && owed)) {
      resume();
      return true;
    }
    return code === 4;
  }

  // forget: the untracked call id whose controller goes with the
  // settlement. asText: a plain fulfilment value goes to wcw_settle.
  function follow(id, p, forget, asText) {
    p.then(function (v) {
      if (forget !== undefined) byCall.delete(forget);
      if (asText && attached()) {
        var n = putValue(v);
        if (n >= 0 && settleText(id, n, 0)) return;
      }
      if (settled) settled(id, true, v);
    }, function (e) {
      if (forget !== undefined) byCall.delete(forget);
      if (settled) settled(id, false, e);
    });
  }

  // respond(id, p): fetch's Promise p. A Response is read here (status,
  // headers, the body as text) and sent to Go as one text (wcw_settle kind
  // 1: {status, headers: [name, value, ...], text} or {..., bodyError}
  // when the body cannot be read); anything else (a page's fetch that
  // answers with another value), or no module attached, settles with the
  // value for Go to read. A rejection settles as one.
  function respond(id, p) {
    p.then(function (res) {
      if (!attached() || typeof Response !== 'function' || !(res instanceof Response)) {
        if (settled) settled(id, true, res);
        return;
      }
      var head = { status: res.status, headers: [] };
      try {
        res.headers.forEach(function (v, k) { head.headers.push(String(k), String(v)); });
      } catch (e) { /* no headers, as Go reads them */ }
      var tp;
      try {
        tp = res.text();
      } catch (e) {
        sendResponse(id, head, undefined, describe(e));
        return;
      }
      Promise.resolve(tp).then(function (text) {
        var body;
        try {
          body = typeof text === 'string' ? text : String(text);
        } catch (e) {
          sendResponse(id, head, undefined, 'the response body is not text');
          return;
        }
        sendResponse(id, head, body);
      }, function (e) {
        sendResponse(id, head, undefined, describe(e));
      });
    }, function (e) {
      if (settled) settled(id, false, e);
    });
  }

  // request(id, address, length): the checkout request Go describes as
  // text at address/length ({url, method, headers: [name, value, ...],
  // body}) sent with the page's fetch as it is at this moment (cache
  // 'no-store', same-origin credentials, an AbortSignal that abort('', id)
  // aborts), its response read as respond reads it. A fetch that is missing
  // or throws settles as a rejection.
  function request(id, address, length) {
    var r, init;
    try {
      r = JSON.parse(readText(address, length));
      var headers = {};
      for (var i = 0; i + 1 < r.headers.length; i += 2) defineOwn(headers, String(r.headers[i]), String(r.headers[i + 1]));
      init = { method: r.method, headers: headers, body: r.body, cache: 'no-store', credentials: 'same-origin' };
    } catch (e) {
      if (settled) settled(id, false, e);
      return;
    }
    var fetchFn = typeof globalThis !== 'undefined' ? globalThis.fetch : undefined;
    if (typeof fetchFn !== 'function') {
      if (settled) settled(id, false, new TypeError('fetch is not available'));
      return;
    }
    if (typeof AbortController === 'function') {
      var ctl = new AbortController();
      init.signal = ctl.signal;
      byCall.set(id, ctl);
    }
    var p;
    try {
      p = Promise.resolve(fetchFn(r.url, init));
    } catch (e) {
      byCall.delete(id);
      if (settled) settled(id, false, e);
      return;
    }
    respond(id, p.then(function (res) { byCall.delete(id); return res; }, function (e) { byCall.delete(id); throw e; }));
  }

  function responseHead(head) {
    return '{"status":' + (typeof head.status === 'number' && head.status === head.status ? String(head.status) : '0') +
      ',"headers":' + JSON.stringify(head.headers);
  }

  // A response whose body could not be read (wcw_settle kind 1).
  function responseError(head, bodyError) {
    return responseHead(head) + ',"bodyError":' + JSON.stringify(bodyError) + '}';
  }

  // A readable body goes raw after the head and a NUL (wcw_settle kind 2):
  // Go parses it once, as JSON, instead of a JSON string of it first (the
  // head, made by JSON.stringify, holds no raw NUL).
  function sendResponse(id, head, body, bodyError) {
    if (!attached()) return;
    var n = -1;
    var kind = 1;
    if (bodyError === undefined) {
      n = putText(responseHead(head) + '}\u0000' + body);
      kind = 2;
    }
    if (n < 0) {
      kind = 1;
      n = putText(responseError(head, bodyError === undefined ? 'the response body is larger than the module reads (16 MiB)' : bodyError));
    }
    if (n >= 0) settleText(id, n, kind);
  }

  // The answer of an observer: its text's length, or TAKE.
  function answer(v) {
    if (attached()) {
      var n = putValue(v);
      if (n >= 0) return n;
    }
    taken = v;
    return TAKE;
  }

  function observe(id, fn, address, length, refs, attemptId, track, attemptLength) {
    if (typeof attemptLength === 'number') attemptId = attemptLength > 0 ? readText(attemptId, attemptLength) : '';
    var data = length > 0 ? revive(JSON.parse(readText(address, length)), undefined, refs, true) : undefined;
    var second;
    if (typeof AbortController === 'function') {
      var slot = { ctl: null, aborted: false, timedOut: false };
      second = { attemptId: attemptId, get signal() { return signalOf(slot); } };
      byCall.set(id, slot);
      if (track) {
        var list = byAttempt.get(attemptId);
        if (list === undefined) byAttempt.set(attemptId, list = []);
        list.push(id);
      }
    } else {
      second = { attemptId: attemptId };
    }
    var out;
    try {
      out = fn(data, second);
    } catch (e) {
      if (!track) byCall.delete(id);
      throw e;
    }
    if (isThenable(out)) {
      follow(id, out, track ? undefined : id, true);
      return PENDING;
    }
    if (!track) byCall.delete(id);
    return answer(out);
  }

  // An observer's signal (D18) is made when the observer first reads
  // second.signal (an enumerable getter, see observe): most observers never do, and an
  // AbortController costs ~3 µs to make and more to abort (issue 10). The
  // slot records an abort that came first; the signal is then made aborted.
  function signalOf(slot) {
    if (slot.ctl === null) {
      slot.ctl = new AbortController();
      if (slot.aborted) abortWith(slot.ctl, abortReason(slot.timedOut));
    }
    return slot.ctl.signal;
  }

  function abortWith(ctl, reason) {
    if (reason === null) ctl.abort();
    else ctl.abort(reason);
  }

  // byCall holds, per call id, an AbortController (request) or an
  // observer's signal slot (signalOf). The signals abort with one AbortError per
  // abort call: abort() without a reason makes a DOMException of its own for
  // every signal, which costs ~15 µs each (issue 10).
  function abort(attemptId, id) {
    var ids = id >= 0 ? [id] : (byAttempt.get(attemptId) || []);
    if (!(id >= 0)) byAttempt.delete(attemptId);
    var reason;
    for (var i = 0; i < ids.length; i++) {
      var entry = byCall.get(ids[i]);
      if (id < 0) byCall.delete(ids[i]);
      if (!entry) continue;
      var ctl = entry;
      if (typeof entry.abort !== 'function') { // a signalOf slot
        if (entry.aborted) continue;
        entry.aborted = true;
        entry.timedOut = id >= 0;
        if (entry.ctl === null) continue; // made aborted if ever read
        ctl = entry.ctl;
      }
      if (ctl.signal.aborted) continue;
      if (reason === undefined) reason = abortReason(id >= 0);
      abortWith(ctl, reason);
    }
  }

  // An AbortError as abort() makes, or null without DOMException.
  function abortReason(timedOut) {
    if (typeof DOMException !== 'function') return null;
    try {
      return new DOMException(timedOut ? 'The observer did not respond within its time budget' : 'The checkout attempt ended', 'AbortError');
    } catch (e) {
      return null;
    }
  }

  // Starts text call `call(id)`; returns its Promise, throws what Go asked
  // to throw, or, when Go cannot take it, returns fallback().
  function start(call, fallback) {
    if (!attached()) return fallback();
    var id = ++nextId;
    var d = {};
    var promise = new Promise(function (resolve, reject) { d.resolve = resolve; d.reject = reject; });
    waiting[id] = d;
    var inline = depth === 0 ? 1 : 0; // straight from the page: Go may run it here
    var code = callGo(function () { return call(id, inline); });
    if (code === 5) { // done inside the call with undefined (no host.done)
      delete waiting[id];
      d.resolve(undefined);
    }
    if (code === 0 || ((code === 3 || code === 5) && owed)) {
      resume();
      return promise;
    }
    if (code === 3 || code === 5) { // done inside the call
      resumeSoon();
      return promise;
    }
    delete waiting[id];
    if (code === 1) {
      var e = thrown;
      thrown = undefined;
      throw e;
    }
    return fallback();
  }

  function textApi(api) {
    if (!attached() || typeof exportsRef.wcw_dispatch !== 'function' || !encoder || !decoder) return api;
    var out = {};
    Object.keys(api).forEach(function (k) { out[k] = api[k]; });
    out.dispatch = function (key, name, args) {
      var t = textValue(args === undefined ? [] : args);
      var n = t === null ? -1 : putText(key + '\u0000' + name + '\u0000' + t);
      if (n < 0) return api.dispatch(key, name, args);
      return start(function (id, inline) { return exportsRef.wcw_dispatch(id, n, inline); }, function () { return api.dispatch(key, name, args); });
    };
    out.submit = function () {
      return start(function (id) { return exportsRef.wcw_submit(id); }, function () { return api.submit(); });
    };
    return out;
  }

  return {
    PENDING: PENDING,
    TAKE: TAKE,
    connect: function (fn) { settled = typeof fn === 'function' ? fn : null; },
    await: function (id, p, asText) { follow(id, p, undefined, asText === true); },
    respond: respond,
    request: request,
    observe: observe,
    take: function () { var v = taken; taken = undefined; return v; },
    abort: abort,
    done: function (id, failed, error, address, length) {
      var d = waiting[id];
      if (!d) return;
      delete waiting[id];
      if (failed) d.reject(error);
      else d.resolve(length > 0 ? revive(JSON.parse(readText(address, length)), undefined, undefined, true) : undefined);
    },
    throwNext: function (e) { thrown = e; },
    attach: function (exp, go) {
      if (!exp || typeof exp.wcw_buffer !== 'function' || !exp.mem || !go || typeof go._resume !== 'function') return;
      exportsRef = exp;
      goRef = go;
      var inner = go._resume;
      go._resume = function () {
        depth++;
        try {
          return inner.apply(this, arguments);
        } finally {
          depth--;
          if (depth === 0) owed = false; // the scheduler ran what was started
        }
      };
    },
    textApi: textApi,
    enterGo: callGo,
    readText: readText
  };
}
