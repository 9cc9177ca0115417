#!/bin/sh
# Benchmark: `prehab stats --by month --format tsv` over a synthetic log of
# 1,000,000 rows (about 50 MB, made once into build/bench/ by genlog.awk)
# against the same aggregation written in mawk. Prints "name: value"
# lines; each time is the best of three runs. Fails if the two outputs
# differ, never because of a time.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
PREHAB=${PREHAB:-$top/prehab}
ROWS=${BENCH_ROWS:-1000000}
dir=build/bench
log=$dir/log-$ROWS.csv
mkdir -p "$dir"
command -v mawk >/dev/null || { echo "stats.sh: mawk is needed" >&2; exit 1; }

if [ ! -s "$log" ]; then
	# 200 runners over two years, each file with its own header.
	mawk -v rows="$ROWS" -v runners=200 -v start=2024-11-25 -v days=730 \
	    -f tests/bench/genlog.awk >"$log.tmp"
	mv "$log.tmp" "$log"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/prehab-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# No config of the user's: built-in defaults, 3 sessions a week.
export HOME="$tmp" PREHAB_TODAY=2026-11-24 LC_ALL=C TZ=UTC
unset XDG_CONFIG_HOME PREHAB_CONFIG PREHAB_DATA

# The same figures as prehab's tsv: months from the first logged one to
# today's, sessions (distinct dates), the prorated target, adherence,
# sets, reps, pain and RPE means and max, reps of the four exercises.
# Like prehab it skips repeated header rows; it validates nothing else.
cat >"$tmp/month.awk" <<'EOF'
function trim(s) {
	if (s ~ /\./) {
		sub(/0+$/, "", s)
		sub(/\.$/, "", s)
	}
	return s
}
function mdays(y, m) {
	if (m == 2)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
	return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
}
BEGIN {
	FS = ","
	nex = split("single-leg-squat glute-bridge clamshell step-down", exn, " ")
	for (i = 1; i <= nex; i++)
		col[exn[i]] = i
}
$1 == "date" { next }
$1 > today { next }
{
	m = substr($1, 1, 7)
	if (first == "" || m < first)
		first = m
	if (!($1 in seen)) {
		seen[$1] = 1
		sess[m]++
	}
	sets[m]++
	reps[m] += $6
	exr[m, col[$3]] += $6
	if ($10 != "") {
		pn[m]++
		ps[m] += $10
		if (!((m) in pmax) || $10 + 0 > pmax[m])
			pmax[m] = $10 + 0
	}
	if ($9 != "") {
		rn[m]++
		rs[m] += $9
	}
}
END {
	printf "period\tstart\tend\tsessions\ttarget\tadherence\tsets\treps"
	printf "\tpain_mean\tpain_max\trpe_mean"
	for (i = 1; i <= nex; i++)
		printf "\treps_%s", exn[i]
	printf "\n"
	y = substr(first, 1, 4) + 0
	mo = substr(first, 6, 2) + 0
	last = substr(today, 1, 7)
	for (;;) {
		m = sprintf("%04d-%02d", y, mo)
		if (m > last)
			break
		d = mdays(y, mo)
		t = 3 * d / 7
		s = sess[m] + 0
		printf "%s\t%s-01\t%s-%02d\t%d\t%s\t%s\t%d\t%d", m, m, m, d, s,
		    trim(sprintf("%.2f", t)),
		    trim(sprintf("%.3f", (s < t ? s : t) / t)), sets[m], reps[m]
		printf "\t%s\t%s\t%s", pn[m] ? trim(sprintf("%.2f", ps[m] / pn[m])) : "",
		    pn[m] ? pmax[m] : "", rn[m] ? trim(sprintf("%.2f", rs[m] / rn[m])) : ""
		for (i = 1; i <= nex; i++)
			printf "\t%d", exr[m, i]
		printf "\n"
		if (++mo > 12) {
			mo = 1
			y++
		}
	}
}
EOF

# best_of3 OUT CMD...: runs CMD three times (stdout to OUT), then prints
# the shortest elapsed time and the largest peak resident size in KB.
best_of3() {
	_out=$1
	shift
	_best= _peak=0
	for _i in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$_out" \
		    2>"$tmp/stderr" || true
		# The last line: time adds one before it on a non-zero exit.
		read -r _e _m <<-EOT
		$(tail -n 1 "$tmp/time")
		EOT
		if [ -z "$_best" ] || awk "BEGIN { exit !($_e < $_best) }"; then
			_best=$_e
		fi
		[ "$_m" -gt "$_peak" ] && _peak=$_m
	done
	echo "$_best $_peak"
}

[ -x /usr/bin/time ] || { echo "stats.sh: /usr/bin/time is needed" >&2; exit 1; }
set -- $(best_of3 "$tmp/prehab.tsv" "$PREHAB" stats --by month --format tsv \
    --data "$log")
p_s=$1 p_kb=$2
set -- $(best_of3 "$tmp/mawk.tsv" mawk -v today="$PREHAB_TODAY" \
    -f "$tmp/month.awk" "$log")
m_s=$1 m_kb=$2

echo "stats_1m_rows: $(grep -vc '^date,' "$log")"
echo "stats_1m_s: $p_s"
echo "stats_1m_peak_kb: $p_kb"
echo "mawk_1m_s: $m_s"
echo "mawk_1m_peak_kb: $m_kb"
echo "mawk_vs_prehab: $(awk "BEGIN { printf \"%.2f\", $m_s / ($p_s > 0 ? $p_s : 0.01) }")"
if cmp -s "$tmp/prehab.tsv" "$tmp/mawk.tsv"; then
	echo "stats_1m_outputs_agree: yes"
else
	echo "stats_1m_outputs_agree: no"
	diff "$tmp/prehab.tsv" "$tmp/mawk.tsv" | head -n 20 >&2
	exit 1
fi
