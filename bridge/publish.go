//go:build js && wasm

package bridge

import (
	"github.com/wcblocks/checkoutwasm/bridge/jsv"

	"github.com/wcblocks/checkoutwasm/core/engine"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// publishChange is the engine listener: one host.publish per change.
func (b *Bridge) publishChange(c engine.Change) {
	b.publish(c.Stores, c.Snapshot)
}

// published is what the last publication left in checkout.js, for the
// stores published as deltas.
type published struct {
	notices     store.Notices
	noticesSent bool
	// views are the views of the other stores as checkout.js holds them
	// (patches go against them), once published.
	views [4]struct {
		key  string
		view *value.Object
	}
	patches bool // the host applies patches (checkout.js: publishText)
}

// view is the last view published for key, or nil.
func (p *published) view(key string) *value.Object {
	for i := range p.views {
		if p.views[i].key == key {
			return p.views[i].view
		}
	}
	return nil
}

// keep records v as what checkout.js holds for key.
func (p *published) keep(key string, v *value.Object) {
	for i := range p.views {
		if p.views[i].key == key || p.views[i].key == "" {
			p.views[i].key, p.views[i].view = key, v
			return
		}
	}
}

// publish hands the views of keys to checkout.js in ONE call
// (docs/contracts.md "Go <-> checkout.js protocol"):
//
//	host.publish(json, refs)
//	host.publishText(address, length, refs)   when checkout.js offers it
//
// (publishText: json is the text at address/length in Go's memory, which
// checkout.js decodes at once). json is {"<store key>": view, ...} for the given stores only, in the
// encoding of package snapjson; refs is a JS array of the JS values its
// escapes point to (opaque values: functions, class instances), or
// undefined when there are none. checkout.js parses the string, keeps the
// previous objects wherever nothing changed, freezes the rest, then runs
// the listeners. The notices store goes as a delta of the notices the last
// publication held (store.Notices.DeltaFrom: what a change costs follows
// what it touched, issue 9 point 7) unless the full view is smaller or
// nothing was published yet. A throw out of host.publish (a subscribe
// listener) is logged through host.error; the change itself stands.
//
// Publications never nest: the engine delivers changes one at a time
// (Engine.Subscribe), and Start publishes before anything can change.
func (b *Bridge) publish(keys []string, s store.Snapshot) {
	env := b.eng.Env()
	e := &b.enc
	e.Reset()
	e.Byte('{')
	for i, k := range keys {
		if i > 0 {
			e.Byte(',')
		}
		e.Key(k)
		if k == store.NoticesKey {
			b.writeNotices(s.Notices)
			continue
		}
		b.writeView(k, s.View(k, env))
	}
	e.Byte('}')
	refs := refsArray(e.Refs())
	var err error
	if b.publishText.Type() == jsv.TypeFunction {
		// The text stays in Go's memory: JS decodes it from there before
		// anything else runs (a listener's re-entrant change cannot
		// overwrite it first), and no JS string is made from Go.
		out := e.Bytes()
		_, err = b.publishText.Invoke(addr(out), len(out), refs)
		e.Reset() // drop the refs: the JS values stay alive only in JS
	} else {
		msg := string(e.Bytes())
		e.Reset()
		_, err = b.host.Call("publish", msg, refs)
	}
	if err != nil {
		b.logError("checkout: a subscribe listener failed", errorFromCall(err))
	}
}

// writeView writes the view v of store key: as a patch of the view
// checkout.js holds when the host applies patches and the keys match
// (snapjson.Encoder.Patch), else in full.
func (b *Bridge) writeView(key string, v any) {
	o, _ := v.(*value.Object)
	if !b.pub.patches || o == nil {
		b.enc.Value(v)
		return
	}
	if prev := b.pub.view(key); prev == nil || !b.enc.Patch(prev, o) {
		b.enc.Value(o)
	}
	b.pub.keep(key, o)
}

// writeNotices writes the notices store of a publication: a delta of what
// checkout.js holds when there is one, else the full view.
func (b *Bridge) writeNotices(n store.Notices) {
	if b.pub.noticesSent {
		if d, ok := n.DeltaFrom(b.pub.notices); ok {
			b.enc.Value(d)
			b.pub.notices = n
			return
		}
	}
	b.enc.Value(store.Snapshot{Notices: n}.View(store.NoticesKey, store.Env{}))
	b.pub.notices, b.pub.noticesSent = n, true
}

// refsArray is the JS array of the values a snapjson text's escapes point
// to (Encoder.Refs: jsv.Values; anything else is undefined), made with
// Array.of in one call (no setter runs), or undefined when there are none.
func refsArray(refs []any) jsv.Value {
	if len(refs) == 0 {
		return jsv.Undefined()
	}
	list := make([]any, len(refs))
	for i, r := range refs {
		list[i] = jsv.Undefined()
		if ref, ok := r.(jsv.Value); ok {
			list[i] = ref
		}
	}
	arr, err := jsv.ValueOf(list)
	if err != nil {
		return jsv.Undefined()
	}
	return arr
}
