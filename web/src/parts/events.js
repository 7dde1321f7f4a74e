/*
 * Part "events": wc.blocksCheckoutEvents — observer registration (ref §1.4,
 * D5, D11, D17, D19, D34) and the response helpers of ref §5.5.
 */

// RESPONSE_TYPES and NOTICE_CONTEXTS are generated from Go (part "stores", generated block).

// ref §5.5
function isSuccessResponse(x) { return isPlainObject(x) && x.type === RESPONSE_TYPES.SUCCESS; }
function isErrorResponse(x) { return isPlainObject(x) && x.type === RESPONSE_TYPES.ERROR; }
function isFailResponse(x) { return isPlainObject(x) && x.type === RESPONSE_TYPES.FAIL; }
function shouldRetry(x) { return !isPlainObject(x) || x.retry === undefined || x.retry === true; }

/**
 * createEvents(deps) builds the registration functions of one installation.
 *   deps.log    createLog(...) (deprecation warnings, D11)
 *   deps.queue  createQueue(...): registrations wait for the module
 * Returns {eventRegistration, emitResponse, blocksCheckoutEvents}.
 *
 * onX(callback, priority = 10, options) throws a TypeError for a bad
 * callback, priority or options before anything is queued (D34), warns once
 * per deprecated alias (D11), forwards api.on(name, callback, priority,
 * options) now or at ready, and returns an idempotent unsubscribe: before
 * the replay it drops the queued registration, after it calls api.off(id).
 */
function createEvents(deps) {
  var log = deps.log;
  var queue = deps.queue;

  function makeRegistration(name) {
    var fn = 'wc.blocksCheckoutEvents.' + name;
    return function (callback, priority, options) {
      if (typeof callback !== 'function') {
        throw new TypeError(fn + ': argument callback must be a function (got ' + typeName(callback) + ')');
      }
      if (priority === undefined) priority = 10;
      if (typeof priority !== 'number' || !isFinite(priority)) {
        throw new TypeError(fn + ': argument priority must be a finite number (got ' +
          (typeof priority === 'number' ? String(priority) : typeName(priority)) + ')');
      }
      if (options !== undefined && options !== null) {
        if (typeof options !== 'object') {
          throw new TypeError(fn + ': argument options must be an object (got ' + typeName(options) + ')');
        }
        if (options.label !== undefined && typeof options.label !== 'string') {
          throw new TypeError(fn + ': argument options.label must be a string (got ' + typeName(options.label) + ')');
        }
        if (options.timeoutMs !== undefined &&
            (typeof options.timeoutMs !== 'number' || !isFinite(options.timeoutMs) || options.timeoutMs < 0)) {
          throw new TypeError(fn + ': argument options.timeoutMs must be a finite number >= 0');
        }
      }
      if (hasOwn(DEPRECATED_EVENTS, name)) {
        log.warnOnce('event.' + name, fn + ' is deprecated; use ' + DEPRECATED_EVENTS[name] + ' instead.');
      }
      var done = false;
      var goUnsubscribe = null;
      var entry = queue.whenReady(function (api) {
        var id = invoke(api, 'on', [name, callback, priority, options]); // a subscription id
        goUnsubscribe = function () { invoke(api, 'off', [id]); };
      });
      return function unsubscribe() {
        if (done) return;
        done = true;
        if (entry) queue.dequeue(entry);
        if (goUnsubscribe) {
          var u = goUnsubscribe;
          goUnsubscribe = null;
          u();
        }
      };
    };
  }

  var eventRegistration = {};
  EVENT_NAMES.forEach(function (name) { eventRegistration[name] = makeRegistration(name); });
  function pick(names) {
    var o = {};
    names.forEach(function (n) { o[n] = eventRegistration[n]; });
    return o;
  }
  var emitResponse = { responseTypes: RESPONSE_TYPES, noticeContexts: NOTICE_CONTEXTS };
  var blocksCheckoutEvents = {
    checkoutEvents: pick(CHECKOUT_EVENTS),
    paymentEvents: pick(PAYMENT_EVENTS),
    shippingEvents: pick(SHIPPING_EVENTS),
    eventRegistration: eventRegistration,
    emitResponse: emitResponse,
    isSuccessResponse: isSuccessResponse,
    isErrorResponse: isErrorResponse,
    isFailResponse: isFailResponse,
    shouldRetry: shouldRetry
  };
  return { eventRegistration: eventRegistration, emitResponse: emitResponse, blocksCheckoutEvents: blocksCheckoutEvents };
}
