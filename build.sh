#!/usr/bin/env bash
# Builds the checkout wasm module and its browser-side files.
#
#   ./build.sh         web/src/ -> web/checkout.js (scripts/join-loader.mjs),
#                      ./wasm -> web/dist/checkout.wasm (+ .br, .gz), Go's
#                      file:line tables cleared and data segments packed by
#                      internal/wasmpack,
#                      toolchain wasm_exec.js -> ./wasm_exec.js and
#                      web/dist/wasm_exec.js; prints the sizes.
#   ./build.sh empty   scripts/emptywasm (func main(){}) -> web/dist/empty.wasm
#                      (+ .br, .gz), the baseline for size comparisons:
#                      the toolchain's output as it is (not packed).
#
# Everything written here but web/checkout.js (committed) is git-ignored. Needs go, gzip and brotli
# (scripts/setup.sh installs brotli). Exits non-zero on the first failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

dist=web/dist
mode="${1:-module}"

die() { echo "build.sh: $*" >&2; exit 1; }

command -v go >/dev/null || die "go not found in PATH"
command -v gzip >/dev/null || die "gzip not found in PATH"
command -v brotli >/dev/null || die "brotli not found: run 'make setup' (or apt-get install brotli)"

size_line() { # label file
	local bytes
	bytes=$(stat -c %s "$2")
	awk -v l="$1" -v b="$bytes" -v f="$2" 'BEGIN { printf "  %-8s %10d bytes %10.1f KB  %s\n", l, b, b / 1024, f }'
}

# build_wasm PKG OUT [pack]: compiles PKG for js/wasm to OUT and writes
# OUT.br and OUT.gz next to it (each via a temp file, so a failure leaves no
# partial output behind under the final name). With "pack", internal/wasmpack
# first zeroes Go's file:line tables in the pclntab (wasmpack.StripLines:
# only tracebacks and runtime.Caller read them, they then print "?:0";
# ~74 KiB less brotli), then joins Go's ~45,000 data segments where the zero
# gap between them is at most 1 KiB (same memory image, ~7 % less brotli).
build_wasm() {
	local pkg="$1" out="$2" pack="${3:-}" start end
	start=$(date +%s.%N)
	GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o "$out.tmp" "$pkg"
	if [ "$pack" = pack ]; then
		mkdir -p .bin
		go build -o .bin/wasmpack ./internal/wasmpack/cmd/wasmpack
		.bin/wasmpack -striplines -gap 1024 "$out.tmp"
	fi
	mv -f "$out.tmp" "$out"
	brotli -q 11 -f -o "$out.br.tmp" "$out"
	mv -f "$out.br.tmp" "$out.br"
	gzip -9 -n -c "$out" >"$out.gz.tmp"
	mv -f "$out.gz.tmp" "$out.gz"
	end=$(date +%s.%N)
	echo "built $pkg -> $out ($(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }') s)"
	size_line raw "$out"
	size_line gzip "$out.gz"
	size_line brotli "$out.br"
}

mkdir -p "$dist"
case "$mode" in
module)
	command -v node >/dev/null || die "node not found in PATH (needed to join web/src/ into web/checkout.js)"
	node scripts/join-loader.mjs
	echo "joined web/src/ -> web/checkout.js"
	[ -d wasm ] || die "./wasm (package main of the module) does not exist yet"
	build_wasm ./wasm "$dist/checkout.wasm" pack
	goroot="$(go env GOROOT)"
	execjs="$goroot/lib/wasm/wasm_exec.js"
	[ -f "$execjs" ] || die "$execjs not found (Go >= 1.24 keeps it in lib/wasm)"
	cp -f "$execjs" ./wasm_exec.js
	cp -f "$execjs" "$dist/wasm_exec.js"
	echo "copied $execjs -> ./wasm_exec.js, $dist/wasm_exec.js ($(go env GOVERSION))"
	;;
empty)
	build_wasm ./scripts/emptywasm "$dist/empty.wasm"
	;;
*)
	die "unknown mode '$mode' (want no argument or 'empty')"
	;;
esac
