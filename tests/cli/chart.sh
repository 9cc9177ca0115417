#!/bin/sh
# prehab stats --format gnuplot --chart: every chart rendered by real
# gnuplot, to PNG (pngcairo) and to text (dumb), with nothing on gnuplot's
# stderr, on an empty log, a log of one day and a generated log of two
# years; the progress and balance scripts of a small log pinned byte for
# byte; and --chart's errors.
. "$(dirname "$0")/lib.sh"

lines() { printf '%s\n' "$@"; }
USAGE='usage: prehab stats [--by PERIOD] [--since DATE] [--until DATE] [--exercise NAME]... [--format FORMAT] [--chart CHART] [--safe]'
HINT="Try 'prehab stats --help' for more."
HDR=date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch

# Weeks 44-48 of 2026, nothing in week 46 (a gap), a race on Sunday
# 2026-11-22; the clamshell climbs from 2x10 to 2x15 and the step-down's
# right side lags.
mkdir -p "$HOME/.config/prehab"
cat >"$HOME/.config/prehab/config.ini" <<'W'
[override]
2026-11-22 = race
W
cat >"$T/small.csv" <<'W'
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
2026-10-26,07:30,clamshell,left,1,10,,bodyweight,4,1,,b1
2026-10-26,07:30,clamshell,left,2,10,,bodyweight,4,1,,b1
2026-10-26,07:30,clamshell,right,1,10,,bodyweight,4,2,,b1
2026-10-26,07:30,clamshell,right,2,10,,bodyweight,4,2,,b1
2026-10-28,07:30,glute-bridge,both,1,12,2,two-leg,5,0,,b2
2026-10-28,07:30,glute-bridge,both,2,12,2,two-leg,5,0,,b2
2026-11-02,07:30,step-down,left,1,10,,low-step,6,1,,b3
2026-11-02,07:30,step-down,left,2,10,,low-step,6,1,,b3
2026-11-02,07:30,step-down,right,1,8,,low-step,7,4,,b3
2026-11-02,07:30,step-down,right,2,8,,low-step,7,4,,b3
2026-11-16,07:30,clamshell,left,1,15,,bodyweight,5,1,,b4
2026-11-16,07:30,clamshell,left,2,15,,bodyweight,5,1,,b4
2026-11-16,07:30,clamshell,right,1,15,,bodyweight,5,1,,b4
2026-11-16,07:30,clamshell,right,2,15,,bodyweight,5,1,,b4
2026-11-18,07:30,step-down,left,1,10,,low-step,6,2,,b5
2026-11-18,07:30,step-down,left,2,10,,low-step,6,2,,b5
2026-11-18,07:30,step-down,right,1,9,,low-step,7,6,,b5
2026-11-18,07:30,step-down,right,2,9,,low-step,7,6,,b5
2026-11-23,07:30,clamshell,left,1,10,,band,5,2,,b6
2026-11-23,07:30,clamshell,left,2,10,,band,5,2,,b6
2026-11-23,07:30,clamshell,right,1,10,,band,5,2,,b6
2026-11-23,07:30,clamshell,right,2,10,,band,5,2,,b6
W
echo "$HDR" >"$T/empty.csv"
{ echo "$HDR"; grep '^2026-11-16' "$T/small.csv"; } >"$T/one.csv"

# Two years to today, three sessions a week but a month off in July
# 2025, each exercise a rung up every ten weeks, a painful week now and
# then, and the right side a rep short every fifth week.
/usr/bin/python3 - >"$T/two.csv" <<'W'
import datetime
start = datetime.date(2024, 11, 25)
end = datetime.date(2026, 11, 24)
ladders = [("single-leg-squat", 1, ["assisted", "low-box", "free"]),
           ("glute-bridge", 0, ["two-leg", "banded", "marching"]),
           ("clamshell", 1, ["bodyweight", "band", "heavy-band"]),
           ("step-down", 1, ["low-step", "mid-step", "high-step"])]
print("date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch")
d, n = start, 0
while d <= end:
    off = datetime.date(2025, 7, 1) <= d < datetime.date(2025, 7, 29)
    if d.weekday() in (0, 2, 4) and not off:
        week = (d - start).days // 7
        rung = min(8, week // 10)
        for slug, per_side, variants in ladders:
            for side in ["left", "right"] if per_side else ["both"]:
                for s in (1, 2):
                    reps = [10, 12, 15][rung % 3]
                    if side == "right" and week % 5 == 0:
                        reps -= 1
                    pain = 6 if week % 13 == 0 else (week + s) % 4
                    n += 1
                    print(f"{d},07:30,{slug},{side},{s},{reps},,"
                          f"{variants[rung // 3]},5,{pain},,b{n}")
    d += datetime.timedelta(days=1)
W

# --chart's errors.
check "--chart needs --format gnuplot" 2 "" "$(lines \
    "prehab: stats: --chart is for --format gnuplot" "$USAGE" "$HINT")" -- \
    prehab stats --data "$T/small.csv" --chart progress
check "--chart with csv" 2 "" "$(lines \
    "prehab: stats: --chart is for --format gnuplot" "$USAGE" "$HINT")" -- \
    prehab stats --data "$T/small.csv" --format csv --chart balance
check "--chart typo" 2 "" "$(lines \
    "prehab: stats: --chart must be all, adherence, progress or balance, got 'progres' (did you mean 'progress'?)" \
    "$USAGE" "$HINT")" -- \
    prehab stats --data "$T/small.csv" --format gnuplot --chart progres
check "--chart unknown" 2 "" "$(lines \
    "prehab: stats: --chart must be all, adherence, progress or balance, got 'pie'" \
    "$USAGE" "$HINT")" -- \
    prehab stats --data "$T/small.csv" --format gnuplot --chart pie

# The scripts of the small log, pinned: a change shows here first.
for c in progress balance; do
	check "$c script of the small log" 0 \
	    "$(cat "$TOP/tests/chart/$c.gp")" "" -- \
	    prehab stats --data "$T/small.csv" --format gnuplot --chart "$c"
done
prehab stats --data "$T/small.csv" --format gnuplot --chart progress \
    >"$T/progress.gp"
ok "a week without a session breaks the lines" sh -c \
    'sed -n "/^\$ex3 << EOD/,/^EOD/p" "$1" | grep -qx ""' sh "$T/progress.gp"
ok "the race day is marked" grep -q \
    "set arrow from 1795348800, graph 0 .* # 2026-11-22" "$T/progress.gp"
ok "the step-back line is at step_back_pain" grep -q \
    '^     6 axes x1y2 with lines .* title "step back"' "$T/progress.gp"
check "the adherence chart is the one it always was" 0 \
    "~^set title \"Prehab: adherence and pain per week, 2026-W44 to 2026-W48\"$" \
    "" -- prehab stats --data "$T/small.csv" --format gnuplot --chart adherence
check "the default page holds every chart" 0 \
    "~^set multiplot title \"Prehab: adherence, progress and balance, 2026-W44 to 2026-W48\"" \
    "" -- prehab stats --data "$T/small.csv" --format gnuplot
for c in all adherence progress balance; do
	ok "--chart $c sets no terminal" sh -c \
	    '! "$PREHAB" stats --data "$1" --format gnuplot --chart "$2" |
	    grep -q terminal' sh "$T/small.csv" "$c"
done
# A race of a training calendar is marked too; a calendar that cannot be
# read costs the marks, with a warning, not the chart.
cat >"$T/plan.ics" <<'W'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//prehab tests//EN
BEGIN:VEVENT
UID:parkrun-1@example.com
DTSTAMP:20261101T000000Z
DTSTART;VALUE=DATE:20261108
SUMMARY:Parkrun
END:VEVENT
END:VCALENDAR
W
printf '[schedule]\ncalendar = %s\n' "$T/plan.ics" >"$T/cal.ini"
check "a calendar race is marked" 0 "~# 2026-11-08$" "" -- \
    prehab --config "$T/cal.ini" stats --data "$T/small.csv" \
    --format gnuplot --chart balance
printf '[schedule]\ncalendar = %s\n' "$T/nothere.ics" >"$T/nocal.ini"
check "a missing calendar only costs the marks" 0 "~^set multiplot" \
    "prehab: stats: warning: cannot open calendar '$T/nothere.ics': No such file or directory; calendar race days not marked" \
    -- prehab --config "$T/nocal.ini" stats --data "$T/small.csv" \
    --format gnuplot --chart balance
ok "and marks no race" sh -c '! grep -q "^races = races" "$1"' sh "$T/out"

prehab stats --data "$T/two.csv" --format gnuplot >"$T/two.gp"
ok "two years: one data row per week and exercise" sh -c \
    'test "$(grep -c "^20[0-9-]*	" "$1")" -le $((106 * 5))' sh "$T/two.gp"

if ! command -v gnuplot >/dev/null 2>&1; then
	skip "charts rendered by gnuplot" "gnuplot is not installed"
	done_testing
	exit
fi
if ! gnuplot -e 'set terminal pngcairo' 2>/dev/null; then
	skip "charts rendered to PNG" "gnuplot has no pngcairo terminal"
	png=
else
	png=1
fi

# Each chart of each log, with the sizes the manual gives: the page of
# all charts is taller.
for log in empty one two; do
	for c in all adherence progress balance; do
		if [ "$c" = all ]; then
			size=1000,1400 text="160 60"
			title="adherence, progress and balance"
		else
			size=900,500 text="100 30"
			title=$c
		fi
		[ "$c" = balance ] && title="left and right balance"
		[ "$c" = adherence ] && title="adherence and pain"
		prehab stats --data "$T/$log.csv" --format gnuplot --chart "$c" \
		    >"$T/$log-$c.gp"
		if [ -n "$png" ]; then
			check "$log log, $c: pngcairo draws it" 0 "" "" -- \
			    gnuplot -e "set terminal pngcairo size $size; set output '$T/$log-$c.png'" \
			    "$T/$log-$c.gp"
			check "$log log, $c: a PNG" 0 " 89 50 4e 47" "" -- \
			    od -An -tx1 -N4 "$T/$log-$c.png"
			ok "$log log, $c: not a blank one" sh -c \
			    'test "$(wc -c <"$1")" -gt 15000' sh "$T/$log-$c.png"
		fi
		check "$log log, $c: dumb draws it" 0 "~Prehab: $title" "" -- \
		    gnuplot -e "set terminal dumb $text" "$T/$log-$c.gp"
		cp "$T/out" "$T/$log-$c.txt"
		case $c in
		progress)
			want="step back" ;;
		balance)
			want="left reps" ;;
		*)
			want="" ;;
		esac
		[ "$log" = empty ] && want="nothing logged"
		[ "$log" = empty ] && [ "$c" = adherence ] && want=""
		if [ -n "$want" ]; then
			ok "$log log, $c: the text chart says '$want'" \
			    grep -q "$want" "$T/$log-$c.txt"
		fi
	done
done
ok "two years, progress: each exercise is named" sh -c \
    'for n in "Single-leg squat" "Glute bridge" Clamshell Step-down; do
	grep -q "$n" "$1" || exit 1; done' sh "$T/two-progress.txt"

done_testing
