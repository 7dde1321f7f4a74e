# Build, test and CI entry points. `make test` is what .ci/run runs.
#
#   make setup       install/build what the other targets need (idempotent)
#   make test        setup, test-host, build, test-build, test-wasm, test-web
#                    in that order, stopping at the first failure
#   make test-host   gofmt, go vet, go test -race on host packages, core/
#                    coverage >= COVER_MIN (90) percent
#   make build       ./build.sh (web/dist/checkout.wasm + .br/.gz, wasm_exec.js)
#   make test-build  wasm_exec.js copies equal the toolchain's (needs build)
#   make test-wasm   js/wasm go vet, then go test under Node, then in
#                    headless Chromium (WASM_PKGS, default ./bridge/... ./wasm/... ./internal/lite/...)
#   make test-web    node --test web/test/, node web/browser/run.mjs (module
#                    through checkout.js in Chromium), node --test web/compat/
#                    and node web/compat/run.mjs (gateway bundling, WooCommerce
#                    gateway scripts bought with) and node web/e2e/run.mjs
#                    (shopper journeys, axe-core), each only when present
#   make bench       headless Chromium: module vs @wordpress/data, the JS
#                    reference and the empty Go program (web/bench/run.mjs,
#                    JSON in test-artifacts/bench.json), the demo page's first
#                    paint and first input with and without the module
#                    (web/bench/firstpaint.mjs), then the bridge's
#                    micro-benchmarks under Node
#   make demo        build (+ the page's React/wp.* and gateway bundles,
#                    web/compat/build.mjs), then go run ./cmd/demo [-port $(PORT)]
#   make clean       remove build and test outputs (distclean: node_modules too)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

GO ?= go
COVER_MIN ?= 90
WASM_PKGS ?= ./bridge/... ./wasm/... ./internal/lite/...
PORT ?=
export COVER_MIN WASM_PKGS

TEST_STEPS := setup test-host build test-build test-wasm test-web

FUZZTIME ?= 10m
export FUZZTIME

.PHONY: fuzz soak help setup test test-host build build-empty test-build test-wasm test-web bench demo clean distclean

help:
	@sed -n '1,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

setup:
	@scripts/setup.sh

# Each step runs as its own make so that the order holds even under -j.
# Steps that run tests append "label passed failed skipped" to COUNTS_FILE;
# the last line of a successful run sums them.
COUNTS_FILE ?= $(CURDIR)/test-artifacts/counts.txt
export COUNTS_FILE

test:
	@mkdir -p $(dir $(COUNTS_FILE)); rm -f $(COUNTS_FILE)
	@for step in $(TEST_STEPS); do \
		start=$$(date +%s); \
		echo "==> make $$step"; \
		$(MAKE) --no-print-directory $$step; \
		echo "<== make $$step ok ($$(( $$(date +%s) - start ))s)"; \
	done
	@echo "test counts (label passed failed skipped):"; sed 's/^/  /' $(COUNTS_FILE)
	@awk '{ p += $$2; f += $$3; s += $$4 } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' $(COUNTS_FILE)

test-host:
	@scripts/test-host.sh

build:
	./build.sh

build-empty:
	./build.sh empty

test-build:
	WASM_BUILT=1 $(GO) test -count=1 -run 'TestWasmExecJSMatchesToolchain' ./internal/buildcheck/

test-wasm:
	@scripts/test-wasm.sh

test-web:
	@if [ -d web/test ]; then \
		echo "test-web: node --test web/test/"; \
		scripts/tee-count node-loader node --test web/test/; \
	else \
		echo "test-web: no web/test/, skipped"; \
	fi
	@if [ -f web/browser/run.mjs ]; then \
		echo "test-web: node web/browser/run.mjs"; \
		scripts/tee-count browser-module node web/browser/run.mjs; \
	fi
	@if [ -d web/compat ]; then \
		echo "test-web: node --test web/compat/ (gateway bundling)"; \
		scripts/tee-count compat-build node --test web/compat/; \
		echo "test-web: node web/compat/run.mjs (WooCommerce gateway scripts)"; \
		scripts/tee-count compat-gateways node web/compat/run.mjs; \
	fi
	@if [ -f web/hostile/run.mjs ]; then \
		echo "test-web: node web/hostile/run.mjs"; \
		scripts/tee-count hostile node web/hostile/run.mjs; \
	fi
	@if [ -f web/e2e/run.mjs ]; then \
		echo "test-web: node web/e2e/run.mjs"; \
		scripts/tee-count e2e-journeys node web/e2e/run.mjs; \
	else \
		echo "test-web: no web/e2e/run.mjs, skipped"; \
	fi

# Numbers, not verdicts: issue 10's table in headless Chromium, and the
# bridge's primitives (Go wasm benchmarks under Node).
bench: build build-empty
	node web/bench/run.mjs
	node web/bench/firstpaint.mjs
	GOOS=js GOARCH=wasm $(GO) test -run '^$$' -bench . -benchtime 2000x -exec "$(CURDIR)/scripts/node-wasm-exec" ./bridge/

fuzz:
	@scripts/fuzz.sh

soak: setup build
	node web/hostile/soak.mjs

demo: build
	node web/compat/build.mjs
	$(GO) run ./cmd/demo $(if $(PORT),-port $(PORT))

clean:
	rm -rf .bin web/dist wasm_exec.js test-artifacts coverage.out *.coverprofile

distclean: clean
	rm -rf node_modules
