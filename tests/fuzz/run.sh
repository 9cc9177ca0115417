#!/bin/sh
# run.sh: runs the libFuzzer targets built by `make fuzz-build`, each for
# a bounded time, and fails if any of them reports a crash, a leak, a
# timeout or a failed property.
#
#   sh tests/fuzz/run.sh [-s SECONDS] [-j JOBS] [TARGET...]
#
# TARGET is a name like fuzz_date (default: all). Each target starts from
# its seed corpus in tests/fuzz/corpus/TARGET (which also holds the inputs
# of crashes found earlier, so they are replayed first) plus what earlier
# runs found, kept in build/fuzz/found/TARGET. It prints one line per
# target, "ok TARGET: ..." or "FAIL TARGET: ...", and a failing input is
# saved under build/fuzz/artifacts/ with the full log in build/fuzz/log/.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
secs=${FUZZ_SECONDS:-60}
jobs=2
while getopts s:j: o; do
	case $o in
	s) secs=$OPTARG ;;
	j) jobs=$OPTARG ;;
	*) echo "usage: run.sh [-s SECONDS] [-j JOBS] [TARGET...]" >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -gt 0 ]; then
	targets="$*"
else
	targets=$(cd tests/fuzz && ls fuzz_*.c | sed 's/\.c$//')
fi
mkdir -p build/fuzz/found build/fuzz/artifacts build/fuzz/log
for t in $targets; do
	if [ ! -x "build/fuzz/$t" ]; then
		echo "FAIL $t: build/fuzz/$t is missing (make fuzz-build)"
		exit 1
	fi
done

# Sanitizer settings for the runs; libFuzzer itself catches leaks per
# input, so leak checking stays on.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

run_one() {	# run_one TARGET
	_t=$1
	mkdir -p "build/fuzz/found/$_t"
	# -close_fd_mask=3 silences the commands' own output; libFuzzer and
	# the sanitizers keep writing their reports to the log.
	"build/fuzz/$_t" -max_total_time="$secs" -timeout=20 \
	    -malloc_limit_mb=256 -max_len=8192 -close_fd_mask=3 \
	    -print_final_stats=1 \
	    -artifact_prefix="$top/build/fuzz/artifacts/$_t-" \
	    "$top/build/fuzz/found/$_t" "$top/tests/fuzz/corpus/$_t" \
	    >"build/fuzz/log/$_t.log" 2>&1
	_rc=$?
	if [ "$_rc" -eq 0 ]; then
		_runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
		    "build/fuzz/log/$_t.log")
		_cov=$(grep -o 'cov: [0-9]*' "build/fuzz/log/$_t.log" | tail -n 1)
		echo "ok $_t: ${_runs:-?} runs in ${secs}s, $_cov"
	else
		_why=$(grep -m 1 -E 'fuzz check failed|ERROR: |SUMMARY: ' \
		    "build/fuzz/log/$_t.log")
		_art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' \
		    "build/fuzz/log/$_t.log" | head -n 1)
		echo "FAIL $_t: exit $_rc: ${_why:-see the log}; input: ${_art:-none}; log: build/fuzz/log/$_t.log"
	fi
}

# Deal the targets into $jobs lanes, each running its share in turn.
res=$(mktemp -d)
trap 'rm -rf "$res"' EXIT
lane=0
for t in $targets; do
	echo "$t" >>"$res/lane$lane"
	lane=$(((lane + 1) % jobs))
done
for l in "$res"/lane*; do
	(while read -r t; do run_one "$t" >"$res/$t.out"; done <"$l") &
done
wait
fail=0
for t in $targets; do
	cat "$res/$t.out"
	grep -q '^ok ' "$res/$t.out" || fail=1
done
exit $fail
