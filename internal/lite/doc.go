// Package lite is only a folder: its sub-packages time and context stand in
// for the standard library's packages of the same names in the js/wasm
// module, where the standard ones cost ~70 KiB brotli (time's formatting,
// time zones and godebug settings; context's reflection-based String
// methods), and nothing of that serves the checkout. See the README,
// "What the module's bytes are".
//
// On every other platform (host tests, tools) each sub-package is a set of
// aliases of the standard package, so host code and tests see the standard
// types. Build with -tags lite to test the wasm implementation on the host:
//
//	go test -tags lite ./internal/lite/...
package lite
