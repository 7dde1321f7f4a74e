#!/usr/bin/env bash
# GOOS=js GOARCH=wasm checks of the wasm-side packages, stopping at the first
# failure:
#   1. go vet for js/wasm;
#   2. go test under Node (the toolchain's go_js_wasm_exec), fast;
#   3. go test in headless Chromium (.bin/wasmbrowsertest).
# Both runners go through scripts/wasm-env (trimmed environment: only WASM_*
# and a few Go/system variables reach the test binary).
# WASM_PKGS (default "./bridge/... ./wasm/... ./internal/lite/...") lists the patterns; patterns
# whose directory does not exist are dropped, and with none left the step is
# skipped with a message.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

pkgs=()
for p in ${WASM_PKGS:-./bridge/... ./wasm/... ./internal/lite/...}; do
	dir="${p%/...}"
	if [ -d "$dir" ]; then
		pkgs+=("$p")
	else
		echo "test-wasm: $dir does not exist, skipped"
	fi
done
if [ "${#pkgs[@]}" -eq 0 ]; then
	echo "test-wasm: nothing to test yet"
	exit 0
fi

(unset GOOS GOARCH; mkdir -p .bin && go build -o .bin/testjson ./internal/testjson)
export GOOS=js GOARCH=wasm
echo "test-wasm: go vet (js/wasm) ${pkgs[*]}"
go vet "${pkgs[@]}"
echo "test-wasm: node"
go test -count=1 -timeout=5m -json -exec "$root/scripts/node-wasm-exec" "${pkgs[@]}" | .bin/testjson -label wasm-node
echo "test-wasm: headless chromium (wasmbrowsertest)"
go test -count=1 -timeout=5m -json -exec "$root/scripts/wasmbrowsertest-exec" "${pkgs[@]}" | .bin/testjson -label wasm-chromium
