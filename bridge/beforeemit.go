//go:build js && wasm

package bridge

import (
	"github.com/wcblocks/checkoutwasm/bridge/jsv"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
)

// beforeEmit is the engine's Config.BeforeEmit (D43, render before emit):
// it calls host.flushRender(event) (this undefined) — checkout.js answers with a Promise that
// resolves once the page's React has committed the renders the latest
// change caused — and waits for it, at most until ctx ends (the engine
// bounds it by engine.BeforeEmitTimeout). A host without flushRender
// (an older checkout.js) waits for nothing. It runs on the engine's
// goroutine (attempt runner, dispatched action), never on a JS callback.
func (b *Bridge) beforeEmit(ctx context.Context, ev observer.Event) error {
	flush := get(b.host, "flushRender") // read each time: a page may replace it
	if !isFunction(flush) {
		return nil
	}
	p, err := flush.Invoke(jsv.Name(string(ev))) // this is undefined: checkout.js's flushRender does not use it
	if err != nil {
		return errorFromCall(err)
	}
	if !isThenable(p) {
		return nil
	}
	// checkout.js's calls part (the settlement as text); jsutil.go's await without it
	_, err = b.hcalls.awaitValue(ctx, p, func(jsv.Value) (any, error) { return nil, nil })
	return err
}
