#!/usr/bin/env bash
# Instructions per operation of the client benchmarks, counted by valgrind's
# callgrind: unlike ns/op on a shared two-core machine, the count is the
# same run after run, so small ratios between variants can be trusted.
#
#   internal/benchinstr/instructions.sh [BENCH_REGEXP ...]   (default: Update Delete UpdateDeadline DeleteDeadline)
#
# Each variant runs twice, with N and 3N operations; the difference divided
# by 2N is the cost of one operation (client and in-process server together),
# without start-up. GOMAXPROCS=1 keeps idle processors from spinning (which
# callgrind would count), asyncpreemptoff keeps callgrind's signal handling
# happy, and CGO_ENABLED=0 avoids cgo's stack switching under valgrind.
# Needs valgrind (Debian package `valgrind`).
set -euo pipefail
cd "$(dirname "$0")/../../client"
N=${N:-400}
benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(Update Delete UpdateDeadline DeleteDeadline)
bin=$(mktemp -d)/client.test
CGO_ENABLED=0 go test -c -o "$bin" .
count() { # bench variant ops -> instructions
	GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$bin" -test.run '^$' -test.bench "^Benchmark$1\$/^$2\$" -test.benchtime "$3x" 2>&1 |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '%-10s %-8s %14s %8s\n' bench variant instr/op ratio
for b in "${benches[@]}"; do
	floor=
	for v in floor raw facade; do
		lo=$(count "$b" "$v" "$N"); hi=$(count "$b" "$v" $((3 * N)))
		per=$(( (hi - lo) / (2 * N) ))
		[ -n "$floor" ] || floor=$per
		printf '%-10s %-8s %14d %8s\n' "$b" "$v" "$per" "$(awk -v a="$per" -v f="$floor" 'BEGIN{printf "%.3fx", a/f}')"
	done
done
