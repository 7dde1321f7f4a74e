#!/usr/bin/env bash
# Host checks, in order, stopping at the first failure:
#   1. go vet over the host packages (scripts/host-packages);
#   2. go test -race -count=1 over the same packages, with a coverage
#      profile (covermode atomic) written to test-artifacts/coverage/host.out;
#   3. the total statement coverage of the packages under core/ (each
#      package counted by its own tests, untested packages at 0%) must be at
#      least COVER_MIN percent (default 90). The figure is always printed;
#   4. gofmt -l over every .go file of the repo must print nothing
#      (directories the go command ignores -- names starting with . or _,
#      testdata -- and node_modules are skipped).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
unset GOOS GOARCH
cover_min="${COVER_MIN:-90}"
module="$(go list -m)"
profile=test-artifacts/coverage/host.out
core_profile=test-artifacts/coverage/core.out

mapfile -t pkgs < <(scripts/host-packages)
if [ "${#pkgs[@]}" -eq 0 ]; then
	echo "test-host: no host packages" >&2
	exit 1
fi

echo "test-host: go vet (${#pkgs[@]} packages)"
go vet "${pkgs[@]}"

echo "test-host: go test -race"
mkdir -p "$(dirname "$profile")" .bin
go build -o .bin/testjson ./internal/testjson
go test -race -count=1 -covermode=atomic -coverprofile="$profile" -json "${pkgs[@]}" | .bin/testjson -label go-host

# Keep the mode line and the blocks of files under core/.
awk -v pfx="$module/core/" 'NR == 1 || index($0, pfx) == 1' "$profile" >"$core_profile"
# Profile lines: "file:l.c,l.c numStmts count"; a block may repeat, so
# count each block once, covered if any of its counts is non-zero.
read -r stmts covered < <(awk 'NR > 1 {
		key = $1; n[key] = $2; if ($3 > 0) hit[key] = 1
	} END {
		for (k in n) { t += n[k]; if (k in hit) c += n[k] }
		printf "%d %d\n", t, c
	}' "$core_profile")
if [ "$stmts" -eq 0 ]; then
	echo "test-host: no statements under core/ yet: coverage check skipped"
else
	pct="$(awk -v c="$covered" -v t="$stmts" 'BEGIN { printf "%.1f", 100 * c / t }')"
	echo "test-host: core/ statement coverage ${pct}% ($covered of $stmts statements; minimum ${cover_min}%; profile $core_profile)"
	if awk -v p="$pct" -v m="$cover_min" 'BEGIN { exit !(p + 0 < m + 0) }'; then
		echo "test-host: FAIL: core/ coverage ${pct}% is below ${cover_min}%" >&2
		exit 1
	fi
fi

echo "test-host: gofmt -l"
# Same directories as the go command skips (., _ prefixes, testdata) plus
# node_modules.
unformatted="$(find . -mindepth 1 -type d \( -name '.*' -o -name '_*' -o -name testdata -o -name node_modules \) -prune -o -type f -name '*.go' -print0 | xargs -0 -r gofmt -l)"
if [ -n "$unformatted" ]; then
	echo "test-host: gofmt -l reports unformatted files (run gofmt -w):" >&2
	echo "$unformatted" >&2
	exit 1
fi
