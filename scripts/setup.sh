#!/usr/bin/env bash
# Prepares a machine to build and test the project. Idempotent: each step
# checks first and does nothing when its result is already in place, so a
# second run takes about a second.
#
#   1. system packages (Debian/Ubuntu, apt): chromium + fonts-liberation
#      (headless browser for wasmbrowsertest and the e2e tests), brotli
#      (build.sh), gcc + libc6-dev (cgo, needed by go test -race) -- only
#      for the commands that are missing;
#   2. .bin/wasmbrowsertest, a HOST binary built from the pinned tools/
#      module; rebuilt when missing or when tools/go.mod, tools/go.sum or the
#      Go version changed (stamp: .bin/wasmbrowsertest.stamp);
#   3. npm ci when package-lock.json exists and node_modules is missing or
#      was installed from a different package-lock.json (stamp:
#      node_modules/.setup-lock.sha256).
#
# Needs go and node/npm in PATH. Exits non-zero on the first failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

log() { echo "setup: $*"; }
die() { echo "setup: $*" >&2; exit 1; }
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1fs", e - s }'; }

t0=$(date +%s.%N)
command -v go >/dev/null || die "go not found in PATH (need Go 1.26)"

# --- 1. system packages ---------------------------------------------------
missing=()
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
	# fonts-liberation is only a Recommends of chromium, but pages and
	# e2e screenshots need real fonts.
	missing+=(chromium fonts-liberation)
fi
command -v brotli >/dev/null || missing+=(brotli)
if ! command -v gcc >/dev/null; then
	missing+=(gcc libc6-dev)
fi
if [ "${#missing[@]}" -gt 0 ]; then
	command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get: install them by hand"
	sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || die "missing ${missing[*]}: run as root or install sudo"
		sudo=(sudo)
	fi
	t=$(date +%s.%N)
	log "installing ${missing[*]} (apt)"
	# Wait for a concurrent apt/dpkg (e.g. unattended upgrades) instead of
	# failing on its lock.
	lock=(-o DPkg::Lock::Timeout=900)
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" update -qq
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" install -y -qq --no-install-recommends "${missing[@]}"
	for cmd in brotli gcc; do
		command -v "$cmd" >/dev/null || die "$cmd still missing after apt-get install"
	done
	command -v chromium >/dev/null || command -v chromium-browser >/dev/null ||
		die "chromium still missing after apt-get install"
	log "apt done ($(elapsed "$t"))"
else
	log "chromium, brotli, gcc present"
fi

# --- 2. wasmbrowsertest ------------------------------------------------------
bin="$root/.bin/wasmbrowsertest"
stampfile="$root/.bin/wasmbrowsertest.stamp"
stamp="$(cat tools/go.mod tools/go.sum 2>/dev/null | sha256sum | cut -d' ' -f1) $(go env GOVERSION)"
if [ -x "$bin" ] && [ -f "$stampfile" ] && [ "$(cat "$stampfile")" = "$stamp" ]; then
	log ".bin/wasmbrowsertest up to date"
else
	t=$(date +%s.%N)
	log "building .bin/wasmbrowsertest from tools/"
	mkdir -p "$root/.bin"
	# A host binary: never inherit GOOS/GOARCH from a wasm-minded caller.
	(cd tools && env -u GOOS -u GOARCH CGO_ENABLED=0 \
		go build -o "$bin.tmp" github.com/agnivade/wasmbrowsertest)
	mv -f "$bin.tmp" "$bin"
	printf '%s' "$stamp" >"$stampfile"
	log "wasmbrowsertest built ($(elapsed "$t"))"
fi

# --- 3. npm -----------------------------------------------------------------
if [ -f package-lock.json ]; then
	command -v npm >/dev/null || die "package-lock.json present but npm not found"
	lockhash="$(sha256sum package-lock.json | cut -d' ' -f1)"
	nm_stamp=node_modules/.setup-lock.sha256
	if [ -d node_modules ] && [ -f "$nm_stamp" ] && [ "$(cat "$nm_stamp")" = "$lockhash" ]; then
		log "node_modules up to date"
	else
		t=$(date +%s.%N)
		log "npm ci"
		npm ci --no-audit --no-fund --loglevel=error
		printf '%s' "$lockhash" >"$nm_stamp"
		log "npm ci done ($(elapsed "$t"))"
	fi
elif [ -f package.json ]; then
	log "package.json without package-lock.json: skipping npm (npm ci needs the lock file)"
fi

log "ready ($(elapsed "$t0"))"
