#!/bin/sh
# Benchmark: `prehab plan --week` on a ten-year log of 20,000 rows and on
# no log at all, against /bin/true, which is the floor for starting any
# program. plan reads only the recent end of the log, so the two plan
# times should match and stay close to true's. The runs are interleaved
# in rounds so a noisy machine slows all three alike; each figure is the
# median round. Prints "name: value" lines; never fails on a time.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
PREHAB=${PREHAB:-$top/prehab}
ROUNDS=${BENCH_ROUNDS:-15}
PER=${BENCH_PER:-20}	# runs of each program per round

tmp=$(mktemp -d "${TMPDIR:-/tmp}/prehab-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" PREHAB_TODAY=2026-11-24 LC_ALL=C TZ=UTC
unset XDG_CONFIG_HOME XDG_DATA_HOME PREHAB_CONFIG PREHAB_DATA NO_COLOR

# Sessions three days a week back from 2026-11-23, each exercise in two
# sets (per side where it applies), until 20,000 rows, which is about ten
# years. The only randomness is a fixed LCG, so the file is the
# same every time.
awk -v rows=20000 'function civil(z,   era, doe, yoe, doy, mp, d, m, y) {
	z += 719468
	era = int((z >= 0 ? z : z - 146096) / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
	    int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed }
BEGIN {
	seed = 42
	split("single-leg-squat glute-bridge clamshell step-down", ex, " ")
	split("1 0 1 1", ps, " ")
	split("assisted two-leg bodyweight low-step", va, " ")
	# Day 20780 is 2026-11-23. Sessions are made newest first, then the
	# rows are printed oldest first, as a log grows.
	n = 0
	for (day = 20780; n < rows; day--) {
		wd = (day + 3) % 7
		# A session in eleven is skipped, as in real life.
		if ((wd != 1 && wd != 3 && wd != 6) || rnd() % 11 == 0)
			continue
		date = civil(day)
		m = 0
		for (e = 1; e <= 4; e++) {
			sets = 2
			for (s = 1; s <= sets; s++)
				for (k = 1; k <= (ps[e] ? 2 : 1); k++)
					line[++m] = sprintf("%s,18:%02d,%s,%s,%d,%d,%s,%s,%d,%d,,%d", \
					    date, e * 3, ex[e], ps[e] ? \
					    (k == 1 ? "left" : "right") : "both", s, \
					    10 + rnd() % 6, e == 2 ? 2 : "", va[e], \
					    4 + rnd() % 4, rnd() % 3, day)
		}
		# Whole sessions only, so the oldest day is never cut short.
		if (n + m > rows)
			break
		for (i = m; i >= 1; i--)
			out[++n] = line[i]
	}
	print "date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch"
	for (i = n; i >= 1; i--)
		print out[i]
}' >"$tmp/log.csv"
rows=$(($(wc -l <"$tmp/log.csv") - 1))
first=$(sed -n 2p "$tmp/log.csv" | cut -d, -f1)
last=$(tail -n 1 "$tmp/log.csv" | cut -d, -f1)

# Both must work before their times mean anything.
"$PREHAB" --data "$tmp/log.csv" plan --week >"$tmp/out.10y"
"$PREHAB" --data "$tmp/none.csv" plan --week >"$tmp/out.empty"

now_ns() { date +%s%N; }
# run_block NAME CMD...: runs CMD $PER times, adds the ns to NAME's file.
run_block() {
	_name=$1
	shift
	_t0=$(now_ns)
	_i=0
	while [ $_i -lt "$PER" ]; do
		"$@" >/dev/null
		_i=$((_i + 1))
	done
	_t1=$(now_ns)
	echo $((_t1 - _t0)) >>"$tmp/t.$_name"
}

r=0
while [ $r -lt "$ROUNDS" ]; do
	run_block true /bin/true
	run_block plan10y "$PREHAB" --data "$tmp/log.csv" plan --week
	run_block empty "$PREHAB" --data "$tmp/none.csv" plan --week
	r=$((r + 1))
done

# The median round, in milliseconds per run.
median_ms() {
	sort -n "$tmp/t.$1" | awk -v per="$PER" '{ v[NR] = $1 }
	    END { printf "%.2f", v[int((NR + 1) / 2)] / per / 1e6 }'
}
t_true=$(median_ms true)
t_10y=$(median_ms plan10y)
t_empty=$(median_ms empty)

echo "plan_log_rows: $rows ($first to $last)"
echo "plan_week_10y_ms: $t_10y"
echo "plan_week_empty_ms: $t_empty"
echo "true_ms: $t_true"
awk -v a="$t_10y" -v b="$t_true" 'BEGIN { printf "plan_vs_true: %.2f\n", a / b }'
awk -v a="$t_10y" -v b="$t_empty" \
    'BEGIN { printf "plan_10y_vs_empty: %.2f\n", a / b }'
echo "plan_vs_true_target: 1.6"

# Instruction counts do not depend on the machine's load: a steadier
# measure of "the same cost on a ten-year log as on none".
if command -v valgrind >/dev/null 2>&1; then
	instr() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
		    2>&1 >/dev/null | awk '/Collected :/ { print $NF }'
	}
	i_10y=$(instr "$PREHAB" --data "$tmp/log.csv" plan --week)
	i_empty=$(instr "$PREHAB" --data "$tmp/none.csv" plan --week)
	i_true=$(instr /bin/true)
	echo "plan_week_10y_instructions: $i_10y"
	echo "plan_week_empty_instructions: $i_empty"
	echo "true_instructions: $i_true"
	awk -v a="$i_10y" -v b="$i_empty" \
	    'BEGIN { printf "plan_10y_vs_empty_instructions: %.2f\n", a / b }'
fi
