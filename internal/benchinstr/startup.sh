#!/usr/bin/env bash
# Start-up of `xisecrets version`, in instructions counted by valgrind's
# callgrind (the same run after run, unlike wall clock on a shared machine),
# against a floor: testdata/startfloor, a program that links net/http and
# encoding/json and prints its version. The floor is also built with one
# more package linked (-tags, testdata/startfloor/link_*.go), so each line
# after it shows what that package's initialisers, and those of what it
# imports beyond the floor, add to every start. Then the heaviest
# initialisers of xisecrets by bytes allocated (GODEBUG=inittrace=1).
#
#   internal/benchinstr/startup.sh      (make bench-startup; RUNS=3 runs each, the least is kept)
#
# Exits 1 when xisecrets executes more than BUDGET instructions. GOMAXPROCS=1
# and asyncpreemptoff as in instructions.sh; cpu.rdtscp=off because
# valgrind does not emulate RDTSCP. Needs valgrind (Debian package `valgrind`).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
BUDGET=${BUDGET:-24500000}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
export CGO_ENABLED=0 GOFLAGS=
go build -o "$bin/xisecrets" ./cmd/xisecrets
go build -o "$bin/floor" ./internal/benchinstr/testdata/startfloor
layers=(jsonschema openapi3 genspec secretstest)
for tag in "${layers[@]}"; do
	go build -tags "$tag" -o "$bin/floor+$tag" ./internal/benchinstr/testdata/startfloor
done
count() { # program -> the least instruction count of RUNS runs of `program version`
	local least= n
	for _ in $(seq "$RUNS"); do
		n=$(GOMAXPROCS=1 GODEBUG=cpu.rdtscp=off,asyncpreemptoff=1 \
			valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" version 2>&1 >/dev/null |
			sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
		[ -n "$n" ] || { echo "startup.sh: no count from valgrind for $1" >&2; exit 2; }
		if [ -z "$least" ] || [ "$n" -lt "$least" ]; then least=$n; fi
	done
	echo "$least"
}
floor=$(count "$bin/floor")
printf '%-24s %14s %14s %9s\n' program instructions 'over floor' ratio
row() { printf '%-24s %14d %14d %8.1fx\n' "$1" "$2" $(($2 - floor)) "$(awk -v a="$2" -v f="$floor" 'BEGIN{print a/f}')"; }
row floor "$floor"
for tag in "${layers[@]}"; do row "floor + $tag" "$(count "$bin/floor+$tag")"; done
xi=$(count "$bin/xisecrets")
row 'xisecrets version' "$xi"
echo
echo 'heaviest initialisers of xisecrets (GODEBUG=inittrace=1): bytes, allocations, package'
GODEBUG=inittrace=1 "$bin/xisecrets" version 2>&1 >/dev/null |
	awk '/^init /{b+=$8; a+=$10; printf "%10d %7d %s\n", $8, $10, $2} END{printf "%10d %7d all %d packages\n", b, a, NR}' |
	sort -rn | head -7
if [ "$xi" -gt "$BUDGET" ]; then
	echo "startup.sh: xisecrets version executes $xi instructions, more than the budget of $BUDGET" >&2
	exit 1
fi
