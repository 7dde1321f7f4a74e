#!/usr/bin/env bash
# make fuzz: runs every Go fuzz target for FUZZTIME each (default 10m), one
# after the other, and prints the executions per target. A crash stops the
# run; its input is written under the package's testdata/fuzz/<Target>/
# (commit it: `make test` then replays it as a regression test).
#   FUZZTIME=2m make fuzz            all targets, 2 minutes each
#   FUZZ_TARGETS="core/engine:FuzzAttempt" make fuzz
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fuzztime="${FUZZTIME:-10m}"
targets="${FUZZ_TARGETS:-core/storeapi:FuzzResponse core/engine:FuzzCheckRedirect core/engine:FuzzObserverResults core/engine:FuzzAttempt core/value:FuzzConvert core/value/valuejson:FuzzParse core/value/valuetext:FuzzParse}"
summary=()
for t in $targets; do
	pkg="${t%%:*}"
	name="${t##*:}"
	echo "==> fuzz ./$pkg $name for $fuzztime"
	log="$(mktemp)"
	if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "./$pkg" 2>&1 | tee "$log"; then
		echo "fuzz: $name FAILED (input saved under $pkg/testdata/fuzz/$name/)"
		exit 1
	fi
	execs="$(grep -o 'execs: [0-9]*' "$log" | tail -1 | awk '{print $2}')"
	summary+=("$(printf '%-40s %12s execs in %s' "$pkg:$name" "${execs:-?}" "$fuzztime")")
	rm -f "$log"
done
echo "fuzz summary (no crash):"
printf '  %s\n' "${summary[@]}"
