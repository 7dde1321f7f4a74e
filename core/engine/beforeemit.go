package engine

import (
	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
	"github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// BeforeEmitTimeout bounds how long an emit waits for Config.BeforeEmit
// (D43): a page whose renderer never settles delays each event by at most
// this much, never stalls the checkout.
const BeforeEmitTimeout = time.Second

// beforeEmit runs Config.BeforeEmit(ev) right before the observers of ev
// are taken and called (D43: render before emit), so that observers
// registered by components that re-rendered because of the triggering
// change are the ones that run. When the hook returns a wait function it
// waits for it, at most BeforeEmitTimeout (wait's ctx is cancelled then)
// or until ctx ends; the timeout's timer exists only then (most emits have
// nothing to wait for: no React content mounted). An error from wait, or
// a panic in either part, is logged and the emit goes on. With no hook it
// returns at once. Every attempt event (checkout validation, payment setup,
// checkout success, checkout fail) and every shipping event calls it;
// onAttemptSettled does not (it is this project's, not a component's).
func (e *Engine) beforeEmit(ctx context.Context, ev observer.Event) {
	hook := e.cfg.BeforeEmit
	if hook == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			e.logError("checkout: BeforeEmit hook panicked before "+string(ev), observer.Recovered("BeforeEmit", r))
		}
	}()
	wait := hook(ev)
	if wait == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, BeforeEmitTimeout)
	defer cancel()
	if err := wait(ctx); err != nil {
		e.logError("checkout: BeforeEmit hook failed before "+string(ev), err)
	}
}
