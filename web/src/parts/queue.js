/*
 * Part "queue": calls made before the module is ready.
 *
 * createQueue(log) returns the queue of one installation. Everything that
 * needs the module's api goes through it: before drain(api) the calls are
 * kept in call order, drain replays them, and afterwards they run at once.
 */

function createQueue(log) {
  var liveApi = null; // set once the queue has been replayed
  var queue = [];

  // Runs run(api) now when the module is ready (a throw propagates to the
  // caller); otherwise queues it and returns the queue entry (for dequeue).
  function whenReady(run) {
    if (liveApi) {
      run(liveApi);
      return null;
    }
    var entry = { run: run, fail: null };
    queue.push(entry);
    return entry;
  }

  // Like whenReady for calls that return a Promise. After ready a
  // synchronous throw (Go's TypeError for bad arguments, D34) propagates to
  // the caller; a call queued before ready that throws when replayed
  // rejects the returned Promise instead.
  function callAsync(run) {
    if (liveApi) return Promise.resolve(run(liveApi));
    return new Promise(function (resolve, reject) {
      queue.push({ run: function (api) { resolve(run(api)); }, fail: reject });
    });
  }

  // Drops a queued entry (an unsubscribe before the replay). Idempotent.
  function dequeue(entry) {
    var i = queue.indexOf(entry);
    if (i >= 0) queue.splice(i, 1);
  }

  // Replays every queued call in order with api, then makes api live. A
  // replayed call that throws rejects its Promise (callAsync) or is logged
  // (whenReady); the replay goes on with the next call.
  function drain(api) {
    while (queue.length) {
      var entry = queue.shift();
      try {
        entry.run(api);
      } catch (e) {
        if (entry.fail) entry.fail(e);
        else log.error('checkout.js: a call queued before the module was ready failed when replayed', e);
      }
    }
    liveApi = api;
  }

  return {
    whenReady: whenReady,
    callAsync: callAsync,
    dequeue: dequeue,
    drain: drain,
    pending: function () { return queue.length; },
    api: function () { return liveApi; }
  };
}
