// Package src holds no Go code: it is where `go generate ./...` joins the
// loader parts of web/src/ into web/checkout.js (scripts/join-loader.mjs).
// Generators that rewrite a part (the tables block of parts/stores.js) must
// run before this directive.
package src

//go:generate node ../../scripts/join-loader.mjs
