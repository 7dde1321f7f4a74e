//go:build tools

// Package tools pins the host-side development tools of the checkoutwasm
// project. It is never built: the tools build tag keeps it out of every
// build, and it exists only so that go.mod records exact versions.
//
// wasmbrowsertest runs GOOS=js GOARCH=wasm test binaries in headless
// Chromium. chromedp is pinned to v0.14.2 (below what wasmbrowsertest
// v0.11.0 asks for) because newer releases flood the log with "unknown
// IPAddressSpace" against current Chromium, and v0.17+ no longer compiles
// with wasmbrowsertest. scripts/setup.sh builds it into ../.bin/.
package tools

import (
	_ "github.com/agnivade/wasmbrowsertest"
)
