#!/bin/sh
# Benchmark: the drift of the guided session's clock. The whole routine at
# its starting dose (about 15 minutes of counted steps) runs with --plain
# and no input, so every step ends on its deadline, at a hundred times
# speed; the figure is how much later than planned it really ended, start
# and the last write to the log included. A loop of sleeps would drift by
# a few milliseconds a step, over hundreds of steps. Prints "name: value"
# lines; never fails on a time.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
PREHAB=${PREHAB:-$top/prehab}
SCALE=${BENCH_GO_SCALE:-0.01}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/prehab-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" PREHAB_TODAY=2026-11-24 LC_ALL=C TZ=UTC
unset XDG_CONFIG_HOME XDG_DATA_HOME PREHAB_CONFIG PREHAB_DATA NO_COLOR

t0=$(date +%s%N)
PREHAB_GO_SCALE=$SCALE "$PREHAB" go --plain </dev/null >"$tmp/out"
t1=$(date +%s%N)
# "prehab go: 4 exercises, planned 14:42": whole seconds, so exact.
planned=$(sed -n '1s/.*planned \([0-9]*\):\([0-9]*\)$/\1 \2/p' "$tmp/out")
steps=$(grep -c '^  ' "$tmp/out")
awk -v p="$planned" -v t0="$t0" -v t1="$t1" -v s="$SCALE" -v n="$steps" '
BEGIN {
	split(p, a, " ")
	plan_ms = (a[1] * 60 + a[2]) * 1000 * s
	took_ms = (t1 - t0) / 1e6
	printf "go_session_s: %d             # planned, at full speed\n", \
	    a[1] * 60 + a[2]
	printf "go_steps: %d                 # steps counted\n", n
	printf "go_scale: %s\n", s
	printf "go_drift_ms: %.1f             # real end after planned end " \
	    "(target: under 100)\n", took_ms - plan_ms
}'
