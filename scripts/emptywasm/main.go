//go:build js && wasm

// Command emptywasm is an empty Go program. `./build.sh empty` builds it
// with the same flags as the checkout module, as the baseline for size and
// start-up time comparisons.
package main

func main() {}
