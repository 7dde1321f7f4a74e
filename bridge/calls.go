//go:build js && wasm

package bridge

import "github.com/wcblocks/checkoutwasm/bridge/jsv"

// apiPing is the bare JS → Go call: it returns a Promise resolved with
// undefined, through the same path as dispatch's Promise, and does nothing
// else. make bench measures it as the floor a dispatch is compared with.
func (b *Bridge) apiPing([]jsv.Value) (any, error) {
	return newPromise(func() (any, error) { return nil, nil }, nil), nil
}
