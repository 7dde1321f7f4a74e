//go:build js && wasm

// Command wasm is the checkout module: it starts the bridge against the host
// object web/checkout.js prepared and then waits forever (the page owns the
// module's lifetime).
package main

import (
	"github.com/wcblocks/checkoutwasm/bridge/jsv"

	"github.com/wcblocks/checkoutwasm/bridge"
)

func main() {
	host, err := jsv.Global().Get(bridge.HostName)
	if err == nil {
		_, err = bridge.Start(host)
	}
	if err != nil {
		if console, cerr := jsv.Global().Get("console"); cerr == nil {
			_, _ = console.Call("error", "checkout module: "+err.Error())
		}
		if host, herr := jsv.Global().Get(bridge.HostName); herr == nil && !host.IsUndefined() {
			if fail, ferr := host.Get("fail"); ferr == nil && fail.Type() == jsv.TypeFunction {
				_, _ = fail.Invoke(err.Error())
			}
		}
		return
	}
	select {}
}
