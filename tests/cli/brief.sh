#!/bin/sh
# prehab plan --brief: a heading per week and a line or two per session,
# laid out to the width COLUMNS gives; four weeks fit in 30 lines of 80
# columns. Today is Tuesday 2026-11-24 unless a test moves it.
. "$(dirname "$0")/lib.sh"

hdr='date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch'
# rows FILE DATE EXERCISE PAIN BATCH: two sets of 10, per side but the bridge.
rows() {
	[ -f "$1" ] || echo "$hdr" >"$1"
	case $3 in
	glute-bridge) _sides=both ;;
	*) _sides="left right" ;;
	esac
	for _s in 1 2; do
		for _side in $_sides; do
			echo "$2,18:00,$3,$_side,$_s,10,,,,$4,,$5" >>"$1"
		done
	done
}
dose='squat 2×10/side · bridge 2×10 · clam 2×10/side · step 2×10/side'
noconf='No configuration file: planned for a common running week (prehab show config).'

# --- Four weeks on an 80-column terminal ----------------------------------
{
	for w in 48:24:26:29 49:01:03:06 50:08:10:13 51:15:17:20; do
		IFS=: read -r wk a b c <<W
$w
W
		m=12
		[ "$wk" = 48 ] && m=11
		echo "Week 2026-W$wk: 3 sessions"
		st=upcoming
		[ "$wk" = 48 ] && st='due     '
		echo "Tue 2026-$m-$a  after easy run  $st  15 min"
		echo "  $dose"
		echo "Thu 2026-$m-$b  after easy run  upcoming  15 min"
		echo "  $dose"
		echo "Sun 2026-$m-$c  after easy run  upcoming  15 min"
		echo "  $dose"
	done
	echo "$noconf"
} >"$T/want4"
check "four weeks, 80 columns" 0 "$(cat "$T/want4")" "" -- \
    env COLUMNS=80 "$PREHAB" plan --weeks 4 --brief
ok "four weeks fit in 30 lines" sh -c \
    "[ \$(COLUMNS=80 '$PREHAB' plan --weeks 4 --brief | wc -l) -le 30 ]"
ok "no line is wider than 80 columns" sh -c \
    "COLUMNS=80 '$PREHAB' plan --weeks 4 --brief |
    awk '{ gsub(/×|·/, \"x\") } length > 80 { bad = 1 } END { exit bad }'"

: >"$T/empty.ini"

# --- The width decides where the dose goes --------------------------------
check "120 columns: the dose beside the columns" 0 \
"Week 2026-W48: 3 sessions
Tue 2026-11-24  after easy run  due       15 min  $dose
Thu 2026-11-26  after easy run  upcoming  15 min  $dose
Sun 2026-11-29  after easy run  upcoming  15 min  $dose
$noconf" "" -- env COLUMNS=120 "$PREHAB" plan --brief
check "40 columns, ASCII: the dose wrapped between exercises" 0 \
"Tue 2026-11-24  after easy run  due  15 min
  squat 2x10/side, bridge 2x10
  clam 2x10/side, step 2x10/side" "" -- \
    env COLUMNS=40 LC_ALL=C "$PREHAB" plan today --brief
check "40 columns: the note wraps between words" 0 \
"Week 2026-W48: 3 sessions
Tue 2026-11-24  after easy run  due       15 min
  squat 2×10/side · bridge 2×10
  clam 2×10/side · step 2×10/side
Thu 2026-11-26  after easy run  upcoming  15 min
  squat 2×10/side · bridge 2×10
  clam 2×10/side · step 2×10/side
Sun 2026-11-29  after easy run  upcoming  15 min
  squat 2×10/side · bridge 2×10
  clam 2×10/side · step 2×10/side
No configuration file: planned for a
common running week (prehab show
config)." "" -- env COLUMNS=40 "$PREHAB" plan --brief
check "COLUMNS that is not a number falls back to 80" 0 \
"Tue 2026-11-24  after easy run  due  15 min
  $dose" "" -- env COLUMNS=wide "$PREHAB" --config "$T/empty.ini" plan today --brief

# --- Statuses, the race week, rest and alerts -----------------------------
rows "$T/log.csv" 2026-11-24 single-leg-squat 1 b1
rows "$T/log.csv" 2026-11-24 glute-bridge 1 b1
rows "$T/log.csv" 2026-11-24 clamshell 1 b1
rows "$T/log.csv" 2026-11-24 step-down 1 b1
rows "$T/log.csv" 2026-11-26 clamshell 2 b2
printf '[override]\n2026-12-06 = race\n' >"$T/race.ini"
check "done, partial, due, a step up and a race week" 0 \
"Week 2026-W48: 3 sessions
Tue 2026-11-24  after easy run             done      15 min
  $dose
Thu 2026-11-26  after easy run             partial   15 min
  $dose
Sun 2026-11-29  after easy run             due       15 min
  squat 2×10/side · bridge 2×10 · clam 2×12/side · step 2×10/side
Week 2026-W49: 1 session (race week: one lighter session)
Tue 2026-12-01  after easy run, race week  upcoming  15 min
  $dose" "" -- env COLUMNS=80 "$PREHAB" --data "$T/log.csv" \
    --config "$T/race.ini" --today 2026-11-29 plan --weeks 2 --brief
rows "$T/before.csv" 2026-11-19 clamshell 1 b0
check "a missed day in the heading" 0 \
"Week 2026-W48: 2 of 3 sessions: Tuesday missed
Tue 2026-11-24  after easy run  missed    15 min
  $dose
Thu 2026-11-26  after easy run  due       15 min
  $dose
Sun 2026-11-29  after easy run  upcoming  15 min
  $dose" "" -- env COLUMNS=80 "$PREHAB" --config "$T/empty.ini" \
    --data "$T/before.csv" --today 2026-11-26 plan --brief

rows "$T/pain.csv" 2026-11-24 clamshell 7 b1
check "a rest in short form, and the alert block after the plan" 0 \
"Thu 2026-11-26  after easy run  upcoming   3 min
  squat paused · bridge 2×10 · clam rest · step paused

Pain of 7 during the clamshell on Tue 2026-11-24.
prehab is a training aid, not medical care: a physiotherapist or a doctor
should look at this knee. Until a morning check-in comes back green (pain 2 or
less), exercises that load the knee pause and hip exercises stay at their
easiest. If the knee swells, locks, gives way or cannot take your weight, get
help today: prehab show safety.
How is the knee after yesterday's session? prehab log morning --pain N" "" -- env COLUMNS=80 "$PREHAB" \
    --config "$T/empty.ini" --data "$T/pain.csv" --today 2026-11-25 plan next --brief

# --- Refusals: one line, exit 2 -------------------------------------------
for f in tsv csv json ics; do
	check "--brief refuses --format $f" 2 "" \
	    "prehab: plan: --brief is a text view; it does not go with --format $f" \
	    -- prehab plan --brief --format "$f"
done
check "--brief refuses --explain" 2 "" \
    "prehab: plan: --brief and --explain cannot go together" -- \
    prehab plan --weeks 2 --brief --explain
check "--brief --quiet with a day prints nothing" 0 "" "" -- \
    prehab plan today --brief --quiet

# --- The option completes -------------------------------------------------
check "plan --br completes to --brief" 0 "--brief" "" -- \
    prehab help --complete -- plan --br

done_testing
