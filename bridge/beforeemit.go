//go:build js && wasm

package bridge

import (
	"github.com/wcblocks/checkoutwasm/bridge/jsv"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
)

// beforeEmit is the engine's Config.BeforeEmit (D43, render before emit):
// it calls host.flushRender(event) (this undefined) — checkout.js answers
// with a Promise that resolves once the page's React has committed the
// renders the latest change caused, or undefined when no React content is
// mounted — and returns the wait for that Promise (the engine bounds it by
// engine.BeforeEmitTimeout), or nil when there is nothing to wait for. A
// host without flushRender (an older checkout.js) waits for nothing; a
// throwing one is reported by the wait. host.flushRender is read each time
// (a page may replace it). It runs on the engine's goroutine (attempt
// runner, dispatched action), never on a JS callback.
func (b *Bridge) beforeEmit(ev observer.Event) func(context.Context) error {
	flush := get(b.host, "flushRender")
	if !isFunction(flush) {
		return nil
	}
	p, err := flush.Invoke(jsv.Name(string(ev))) // this is undefined: checkout.js's flushRender does not use it
	if err != nil {
		err = errorFromCall(err)
		return func(context.Context) error { return err }
	}
	if !isThenable(p) {
		return nil
	}
	return func(ctx context.Context) error {
		// checkout.js's calls part (the settlement as text); jsutil.go's await without it
		_, err := b.hcalls.awaitValue(ctx, p, func(jsv.Value) (any, error) { return nil, nil })
		return err
	}
}
