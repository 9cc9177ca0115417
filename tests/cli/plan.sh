#!/bin/sh
# prehab plan: placement on several schedules, reasons, statuses against a
# log, progression notes, the cron mode, every output format and the
# errors. Today is Tuesday 2026-11-24 (2026-W48: Mon 23 to Sun 29) unless
# a test moves it.
. "$(dirname "$0")/lib.sh"
export T	# for the sh -c checks

hdr='date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch'
# rows FILE DATE EXERCISE SETS REPS [VARIANT [RPE [PAIN]]]: one exercise of
# one day, one row per set, on each side unless it is the bridge.
rows() {
	_f=$1 _d=$2 _e=$3 _s=$4 _r=$5 _v=${6:-} _rpe=${7:-} _pain=${8:-}
	[ -f "$_f" ] || echo "$hdr" >"$_f"
	case $_e in
	glute-bridge) _sides=both ;;
	*) _sides="left right" ;;
	esac
	_i=1
	while [ "$_i" -le "$_s" ]; do
		for _side in $_sides; do
			echo "$_d,18:00,$_e,$_side,$_i,$_r,,$_v,$_rpe,$_pain,,b$_d" \
			    >>"$_f"
		done
		_i=$((_i + 1))
	done
}
# session FILE DATE [SETS REPS [PAIN]]: the whole routine on one day.
session() {
	for _e in single-leg-squat glute-bridge clamshell step-down; do
		rows "$1" "$2" "$_e" "${3:-2}" "${4:-10}" "" "" "${5:-}"
	done
}
# days: the date, weekday, reason and status of each planned day.
days() {
	"$PREHAB" "$@" --format tsv | cut -f1-3,11 | uniq
}
# conf FILE LINES...: a config file.
conf() {
	_f=$1
	shift
	printf '%s\n' "$@" >"$_f"
}

# --- The default week, in full -------------------------------------------
cat >"$T/want" <<'EOF'
Week 2026-W48, Mon 2026-11-23 to Sun 2026-11-29: 3 sessions
Schedule: mon rest, tue easy, wed hard, thu easy, fri rest, sat long, sun easy

Tue 2026-11-24  after easy run      due       15 min
  single-leg-squat  2×10 each side              assisted
                    knee tracks over the foot, never caves in
  glute-bridge      2×10, hold 2 s              two-leg
                    squeeze the glutes at the top; back stays flat
  clamshell         2×10 each side              bodyweight
                    keep the pelvis still; feet stay together
  step-down         2×10 each side, 3-4 s down  low-step
                    lower slowly, pelvis level, knee over the foot

Thu 2026-11-26  after easy run      upcoming  15 min
  single-leg-squat  2×10 each side              assisted
                    knee tracks over the foot, never caves in
  glute-bridge      2×10, hold 2 s              two-leg
                    squeeze the glutes at the top; back stays flat
  clamshell         2×10 each side              bodyweight
                    keep the pelvis still; feet stay together
  step-down         2×10 each side, 3-4 s down  low-step
                    lower slowly, pelvis level, knee over the foot

Sun 2026-11-29  after easy run      upcoming  15 min
  single-leg-squat  2×10 each side              assisted
                    knee tracks over the foot, never caves in
  glute-bridge      2×10, hold 2 s              two-leg
                    squeeze the glutes at the top; back stays flat
  clamshell         2×10 each side              bodyweight
                    keep the pelvis still; feet stay together
  step-down         2×10 each side, 3-4 s down  low-step
                    lower slowly, pelvis level, knee over the foot

No configuration file, so this plan assumes a common running week. To plan
around your own, save the configuration and edit its [schedule]:
  mkdir -p ~/.config/prehab
  prehab show config > ~/.config/prehab/config.ini
EOF
check "default week, no config, no log" 0 "$(cat "$T/want")" "" -- \
    prehab plan --week
check "plan is plan --week" 0 "$(cat "$T/want")" "" -- prehab plan
check "bare prehab shows the plan" 0 "$(cat "$T/want")" "" -- prehab
sed 's/×/x/g' "$T/want" >"$T/want.c"
check "x instead of × outside UTF-8" 0 "$(cat "$T/want.c")" "" -- \
    env LC_ALL=C "$PREHAB" plan
ok "no trailing spaces" sh -c '! "$PREHAB" plan | grep -q " $"'
ok "no colour on a pipe" sh -c '! "$PREHAB" plan | grep -q "$(printf "\033")"'
ok "colour with --color=always" sh -c \
    '"$PREHAB" --color=always plan | grep -q "$(printf "\033")"'
ok "NO_COLOR wins over auto" sh -c \
    '! NO_COLOR=1 "$PREHAB" plan | grep -q "$(printf "\033")"'

# --- Placement on five schedules ---------------------------------------
# With today on the Monday, nothing of the week is past yet.
check "default schedule: tue, thu, sun after easy runs" 0 "date	weekday	reason	status
2026-11-24	tue	after easy run	upcoming
2026-11-26	thu	after easy run	upcoming
2026-11-29	sun	after easy run	upcoming" "" -- days --today 2026-11-23 plan
conf "$T/easy.ini" '[schedule]' 'mon = easy' 'tue = easy' 'wed = easy' \
    'thu = easy' 'fri = easy' 'sat = easy' 'sun = easy'
check "all easy: mon, wed, fri" 0 "date	weekday	reason	status
2026-11-23	mon	after easy run	due
2026-11-25	wed	after easy run	upcoming
2026-11-27	fri	after easy run	upcoming" "" -- \
    days --config "$T/easy.ini" --today 2026-11-23 plan
conf "$T/hard3.ini" '[schedule]' 'mon = hard' 'tue = easy' 'wed = hard' \
    'thu = rest' 'fri = hard' 'sat = long' 'sun = cross'
check "three hard days: every reason" 0 "date	weekday	reason	status
2026-11-24	tue	after easy run	upcoming
2026-11-26	thu	rest day	upcoming
2026-11-29	sun	cross-training day	upcoming" "" -- \
    days --config "$T/hard3.ini" --today 2026-11-23 plan
conf "$T/race.ini" '[override]' '2026-11-29 = race'
check "race week: one session, away from the race and its eve" 0 \
    "date	weekday	reason	status
2026-11-23	mon	rest day	due" "" -- \
    days --config "$T/race.ini" --today 2026-11-23 plan
conf "$T/race2.ini" '[override]' '2026-11-28 = rest' '2026-11-29 = race'
check "race week: a rest day on the eve of the race is not used" 0 \
    "date	weekday	reason	status
2026-11-23	mon	rest day	due" "" -- \
    days --config "$T/race2.ini" --today 2026-11-23 plan
check "race week: on Friday the session goes to Friday, not Saturday" 0 \
    "date	weekday	reason	status
2026-11-27	fri	rest day	due" "" -- \
    days --config "$T/race2.ini" --today 2026-11-27 plan
conf "$T/race3.ini" '[plan]' 'sessions_per_week = 2' '[override]' \
    '2026-11-28 = rest' '2026-11-29 = race'
check "race week: one session even when two are wanted" 0 \
    "date	weekday	reason	status
2026-11-23	mon	rest day	due" "" -- \
    days --config "$T/race3.ini" --today 2026-11-23 plan
conf "$T/race4.ini" '[override]' '2026-12-06 = race'
check "race on Sunday: Saturday, Sunday and Monday stay free" 0 \
    "date	weekday	reason	status
2026-11-30	mon	rest day	due
2026-12-08	tue	after easy run	upcoming
2026-12-10	thu	after easy run	upcoming
2026-12-13	sun	after easy run	upcoming" "" -- \
    days --config "$T/race4.ini" --today 2026-11-30 plan --weeks 2
conf "$T/off.ini" '[override]' '2026-11-21..2026-11-25 = off'
check "an off range clips the week, never into back-to-back days" 0 \
    "date	weekday	reason	status
2026-11-26	thu	after easy run	upcoming
2026-11-29	sun	after easy run	upcoming" "*" -- \
    days --config "$T/off.ini" --today 2026-11-23 plan
conf "$T/six.ini" '[schedule]' 'mon = hard' 'tue = hard' 'wed = hard' \
    'thu = hard' 'fri = long' 'sat = hard' 'sun = rest'
check "six hard days: what fits, and why on stderr" 0 \
    "date	weekday	reason	status
2026-11-29	sun	rest day	upcoming" \
    "prehab: plan: warning: only 1 of 3 sessions fit in 2026-W48: the other days are hard, long, race or off, or too close to a session or a race" \
    -- days --config "$T/six.ini" --today 2026-11-23 plan
check "the warning once for several weeks" 0 "*" \
    "prehab: plan: warning: only 1 of 3 sessions fit in 2026-W48: the other days are hard, long, race or off, or too close to a session or a race (2 more weeks are short too)" \
    -- prehab --config "$T/six.ini" plan --weeks 3
check "the text header says how many fit" 0 \
    "~^Week 2026-W48, Mon 2026-11-23 to Sun 2026-11-29: 1 of 3 sessions$" \
    "*" -- prehab --config "$T/six.ini" plan
conf "$T/none.ini" '[schedule]' 'mon = off' 'tue = hard' 'wed = long' \
    'thu = race' 'fri = off' 'sat = hard' 'sun = hard'
check "a week with no room says so" 0 "~^No session fits this week\.$" \
    "prehab: plan: warning: no session fits in 2026-W48: every day is hard, long, race or off, or next to a race" \
    -- prehab --config "$T/none.ini" plan
conf "$T/gap2.ini" '[plan]' 'sessions_per_week = 2' 'min_gap_days = 2' \
    '[schedule]' 'mon = easy' 'tue = easy' 'wed = easy' 'thu = easy' \
    'fri = easy' 'sat = easy' 'sun = easy'
check "twice a week, two days apart" 0 "date	weekday	reason	status
2026-11-23	mon	after easy run	due
2026-11-26	thu	after easy run	upcoming" "" -- \
    days --config "$T/gap2.ini" --today 2026-11-23 plan
check "the same inputs give the same plan" 0 "$(days --config \
    "$T/hard3.ini" plan --weeks 8)" "" -- days --config "$T/hard3.ini" plan \
    --weeks 8
check "a first week: from the first day, no day missed before it" 0 \
    "~^Week 2026-W53, Mon 2026-12-28 to Sun 2027-01-03: 2 of 3 sessions \(your first week, from Thursday\)$" \
    "" -- env COLUMNS=120 "$PREHAB" --today 2026-12-31 plan
check "at 80 columns the heading wraps between words" 0 \
    "~^  week, from Thursday\)$" "" -- env COLUMNS=80 "$PREHAB" \
    --today 2026-12-31 plan
check "its days: never two in a row" 0 "date	weekday	reason	status
2026-12-31	thu	after easy run	due
2027-01-03	sun	after easy run	upcoming" "" -- days --today 2026-12-31 plan
session "$T/ny.csv" 2026-12-01
check "a week across new year, Tuesday missed" 0 \
    "~^Week 2026-W53, Mon 2026-12-28 to Sun 2027-01-03: 2 of 3 sessions: Tuesday missed$" \
    "" -- env COLUMNS=120 "$PREHAB" --data "$T/ny.csv" --today 2026-12-31 plan
check "its days: one missed session, one missed day" 0 \
    "date	weekday	reason	status
2026-12-29	tue	after easy run	missed
2026-12-31	thu	after easy run	due
2027-01-03	sun	after easy run	upcoming" "" -- \
    days --data "$T/ny.csv" --today 2026-12-31 plan
check "a late start: the first week starts that day, Monday not missed" 0 \
    "date	weekday	reason	status
2026-12-29	tue	after easy run	due
2026-12-31	thu	after easy run	upcoming
2027-01-03	sun	after easy run	upcoming" "" -- days --today 2026-12-29 plan

# --- Statuses against a log --------------------------------------------
# Tue done; Thu skipped, but Friday still holds the third: nothing missed.
session "$T/st.csv" 2026-11-24
check "done, due, upcoming: a skipped day that moves is not missed" 0 \
    "date	weekday	reason	status
2026-11-24	tue	after easy run	done
2026-11-27	fri	rest day	due
2026-11-29	sun	after easy run	upcoming" "" -- \
    days --data "$T/st.csv" --today 2026-11-27 plan
check "and Friday, the eve of the long run, says why" 0 \
    "~^  \(the day before the long run: the week has no other day for it\)$" \
    "" -- prehab --data "$T/st.csv" --today 2026-11-27 plan
check "Saturday: the session the week lost is missed, once" 0 \
    "date	weekday	reason	status
2026-11-24	tue	after easy run	done
2026-11-26	thu	after easy run	missed
2026-11-29	sun	after easy run	upcoming" "" -- \
    days --data "$T/st.csv" --today 2026-11-28 plan
check "and the header names it" 0 \
    "~^Week 2026-W48, Mon 2026-11-23 to Sun 2026-11-29: 2 of 3 sessions: Thursday missed$" \
    "" -- env COLUMNS=120 "$PREHAB" --data "$T/st.csv" --today 2026-11-28 plan
cp "$T/st.csv" "$T/st2.csv"
rows "$T/st2.csv" 2026-11-27 clamshell 2 10
check "partial: some exercises logged today" 0 "date	weekday	reason	status
2026-11-24	tue	after easy run	done
2026-11-27	fri	rest day	partial
2026-11-29	sun	after easy run	upcoming" "" -- \
    days --data "$T/st2.csv" --today 2026-11-27 plan
session "$T/st3.csv" 2026-11-23
check "a session on an unplanned day counts and moves the rest" 0 \
    "date	weekday	reason	status
2026-11-23	mon	logged	done
2026-11-26	thu	after easy run	upcoming
2026-11-29	sun	after easy run	upcoming" "" -- \
    days --data "$T/st3.csv" plan
session "$T/st4.csv" 2026-11-25
check "even on a hard day" 0 "date	weekday	reason	status
2026-11-25	wed	logged	done
2026-11-27	fri	rest day	upcoming
2026-11-29	sun	after easy run	upcoming" "" -- \
    days --data "$T/st4.csv" --today 2026-11-26 plan
check "the text header counts sessions done and ahead" 0 \
    "~^Week 2026-W48, Mon 2026-11-23 to Sun 2026-11-29: 3 sessions$" "" -- \
    prehab --data "$T/st4.csv" --today 2026-11-26 plan
check "rows after today are not yet real" 0 "date	weekday	reason	status
2026-11-24	tue	after easy run	due
2026-11-26	thu	after easy run	upcoming
2026-11-29	sun	after easy run	upcoming" "" -- \
    days --data "$T/st4.csv" --today 2026-11-24 plan

# --- Progression -------------------------------------------------------
# Two good sessions at 2x10 step up; the plan says so on the next session.
session "$T/up.csv" 2026-11-17 2 10 1
session "$T/up.csv" 2026-11-19 2 10 1
check "stepped up after two good sessions" 0 \
    "~^                    stepped up: 2×10 → 2×12$" "" -- \
    prehab --data "$T/up.csv" plan
check "the dose follows" 0 "~^  clamshell         2×12 each side +bodyweight$" "" -- \
    prehab --data "$T/up.csv" plan
check "ASCII arrow outside UTF-8" 0 "~^ +stepped up: 2x10 -> 2x12$" "" -- \
    env LC_ALL=C "$PREHAB" --data "$T/up.csv" plan
check "tsv carries the new dose" 0 \
    "~^2026-11-24	tue	after easy run	clamshell	2	12	yes	0		bodyweight	due	do	up$" \
    "" -- prehab --data "$T/up.csv" plan --format tsv
session "$T/one.csv" 2026-11-19 2 10 0
check "one session away" 0 "~^ +one more green session to step up$" "" -- \
    prehab --data "$T/one.csv" plan
check "notes only on the next session, one per exercise" 0 "4" "" -- \
    sh -c '"$PREHAB" --data "$T/one.csv" plan |
    grep -c "^ *one more green session to step up$"'
cp "$T/up.csv" "$T/back.csv"
cp "$T/up.csv" "$T/amber.csv"
session "$T/amber.csv" 2026-11-21 2 12 4
check "amber: pain 4 holds the dose" 0 \
    "~^ +held: pain 4 last time \(amber\)$" "*" -- \
    prehab --data "$T/amber.csv" plan
cp "$T/up.csv" "$T/back.csv"
session "$T/back.csv" 2026-11-21 2 12 6
check "red: pain 6 steps back, two days off" 0 \
    "~^ +stepped back after pain 6 \(red\): 2×12 → 2×10, rest it until Tuesday$" \
    "*" -- prehab --data "$T/back.csv" plan
check "red is not yet a referral" 0 "*" "" -- sh -c \
    '! "$PREHAB" --data "$T/back.csv" plan | grep -q "training aid"'
session "$T/hurt.csv" 2026-11-21 2 10 7
check "pain 7: see a professional, once" 0 \
    "~^Pain of 7 on Sat 2026-11-21 \(single-leg-squat, glute-bridge, clamshell, step-down\)\.$" \
    "" -- env COLUMNS=100 "$PREHAB" --data "$T/hurt.csv" plan
check "the advice is there once" 0 1 "" -- sh -c \
    '"$PREHAB" --data "$T/hurt.csv" plan | grep -c "^prehab is a training aid, not medical care"'
check "the exercises that load the knee pause" 0 2 "*" -- sh -c \
    '"$PREHAB" --data "$T/hurt.csv" plan --format tsv |
    grep -c "^2026-11-24	.*	paused	"'
check "the hip exercises stay at their first rung" 0 \
    "~^2026-11-24	tue	after easy run	clamshell	2	10	yes	0		bodyweight	due	do	alert$" \
    "~^prehab is a training aid, not medical care" -- \
    prehab --data "$T/hurt.csv" plan --format tsv
session "$T/back0.csv" 2026-11-21 2 10 6
check "red at the bottom of the ladder holds the dose" 0 \
    "~^ +red: pain 6; staying at 2×10, rest it until Tuesday$" "" -- \
    prehab --data "$T/back0.csv" plan
session "$T/rise.csv" 2026-11-12 2 10 1
echo "2026-11-13,07:00,morning,both,,,,,,1,,m1" >>"$T/rise.csv"
echo "2026-11-18,07:00,morning,both,,,,,,2,,m2" >>"$T/rise.csv"
echo "2026-11-23,07:00,morning,both,,,,,,4,,m3" >>"$T/rise.csv"
check "rising morning pain: see a professional" 0 \
    "~^Morning pain has risen from 1 to 4 over the last two weeks\.$" \
    "" -- prehab --data "$T/rise.csv" plan
check "no pain note for low, steady pain" 0 "*" "" -- sh -c \
    '! "$PREHAB" --data "$T/up.csv" plan | grep -q "training aid"'
# A long climb: 3x15 is above 2x15, the top of the first variant: the band.
for d in 01 03 06 08 10 13 15 17; do
	rows "$T/climb.csv" "2026-11-$d" clamshell 3 15 bodyweight 5 0
done
check "stepped up to the next variant" 0 \
    "~^ +stepped up: 2×15 bodyweight → 2×10 band; 2×15 bodyweight done last time, below the 2×10 band planned$" "" -- \
    prehab --data "$T/climb.csv" plan
check "the variant in tsv" 0 \
    "~^2026-11-24	tue	after easy run	clamshell	2	10	yes	0		band	due	do	up$" \
    "" -- prehab --data "$T/climb.csv" plan --format tsv
rows "$T/climb.csv" 2026-11-19 clamshell 3 15 bodyweight 5 0
rows "$T/climb.csv" 2026-11-22 clamshell 3 15 bodyweight 5 0
check "the old variant does not count toward the new level" 0 \
    "~^2026-11-24	tue	after easy run	clamshell	2	10	yes	0		band	due	do	up$" \
    "" -- prehab --data "$T/climb.csv" plan --format tsv
check "a break longer than six weeks starts again at the bottom, and says so" 0 \
    "~^2027-01-05	tue	after easy run	clamshell	2	10	yes	0		bodyweight	due	do	restart$" \
    "" -- prehab --data "$T/climb.csv" --today 2027-01-05 plan --format tsv

# The same sequences written by prehab log, whose doses come from the
# same rule: two good sessions step up, a painful one steps back.
L=$T/bylog.csv
plog() {
	"$PREHAB" --data "$L" log "$@" >/dev/null
}
plog session --date 2026-11-17 --pain 1
plog session --date 2026-11-19 --pain 1 --rpe 6
check "prehab log: two good sessions step every exercise up" 0 "4" "" -- \
    sh -c '"$PREHAB" --data "$1" plan | grep -c "^ *stepped up: 2×10 → 2×12$"' \
    sh "$L"
check "prehab log: the next dose" 0 \
    "~^2026-11-24	tue	after easy run	glute-bridge	2	12	no	2		two-leg	due	do	up$" \
    "" -- prehab --data "$L" plan --format tsv
plog session --date 2026-11-21 --pain 6
check "prehab log: pain 6 steps every exercise back" 0 "4" "" -- \
    sh -c '"$PREHAB" --data "$1" plan | grep -c "^ *stepped back after pain 6 (red): 2×12 → 2×10, rest it until Tuesday$"' \
    sh "$L"
check "prehab log: a session is due today" 0 "" "" -- \
    prehab --data "$L" plan today --quiet
plog clamshell
check "prehab log: one exercise logged, today is partial" 0 \
    "~^2026-11-24	tue	after easy run	clamshell	2	10	yes	0		bodyweight	partial	do	red$" \
    "" -- prehab --data "$L" plan --format tsv
check "prehab log: and no longer due" 1 "" "" -- \
    prehab --data "$L" plan today --quiet
"$PREHAB" --data "$L" log --undo >/dev/null
check "prehab log --undo: due again" 0 "" "" -- \
    prehab --data "$L" plan today --quiet
plog session
check "prehab log session: done" 0 \
    "~^Tue 2026-11-24  after easy run      done      15 min$" "" -- \
    prehab --data "$L" plan
check "prehab log session: nothing due, exit 1, silent" 1 "" "" -- \
    prehab --data "$L" plan today
plog session --date 2026-11-23
# Logged afterwards, Monday makes Tuesday a day the plan would not have
# chosen (two in a row): both count, and one session is left.
check "prehab log on an unplanned day: counted, the rest moves" 0 \
    "date	weekday	reason	status
2026-11-23	mon	logged	done
2026-11-24	tue	logged	done
2026-11-26	thu	after easy run	upcoming" "" -- days --data "$L" plan

# --- One day, and cron -------------------------------------------------
check "today --quiet: due, exit 0, silent" 0 "" "" -- \
    prehab plan today --quiet
check "-q works too" 0 "" "" -- prehab plan today -q
check "not a session day: exit 1, silent" 1 "" "" -- \
    prehab --today 2026-11-25 plan today --quiet
check "already logged: exit 1, silent" 1 "" "" -- \
    prehab --data "$T/st.csv" plan today --quiet
check "partly logged: exit 1" 1 "" "" -- \
    prehab --data "$T/st2.csv" --today 2026-11-27 plan today --quiet
check "today without --quiet prints the session" 0 \
    "~^Tue 2026-11-24  after easy run      due       15 min$" "" -- \
    prehab plan today
check "and nothing on a free day" 1 "" "" -- \
    prehab --today 2026-11-25 plan today
check "nor once it is logged" 1 "" "" -- \
    prehab --data "$T/st.csv" plan today
check "a day ahead with a session" 0 \
    "~^Thu 2026-11-26  after easy run      upcoming  15 min$" "" -- \
    prehab plan thu
check "a day ahead without one" 1 "" "" -- prehab plan tomorrow
check "tomorrow --quiet" 0 "" "" -- prehab --today 2026-11-25 plan tomorrow -q
check "next: the next session still to do" 0 \
    "~^Thu 2026-11-26  after easy run      upcoming  15 min$" "" -- \
    prehab --data "$T/st.csv" plan next
check "next in another week" 0 "~^Tue 2026-12-01  after easy run" "" -- \
    prehab --today 2026-11-30 plan next
session "$T/old.csv" 2026-11-03 2 10 0
check "a past day" 0 "~^Tue 2026-11-17  after easy run      missed    15 min$" \
    "" -- prehab --data "$T/old.csv" plan 2026-11-17
check "a past day before the first use of prehab: nothing" 1 "" "" -- \
    prehab plan 2026-11-17
check "a day months ahead" 0 "~^Sun 2027-03-07  after easy run      upcoming" \
    "" -- prehab plan 2027-03-07
check "one day as csv" 0 "date,weekday,reason,exercise,sets,reps,per_side,hold_s,tempo,variant,status,state,cause
2026-11-26,thu,after easy run,single-leg-squat,2,10,yes,0,,assisted,upcoming,do,start
2026-11-26,thu,after easy run,glute-bridge,2,10,no,2,,two-leg,upcoming,do,start
2026-11-26,thu,after easy run,clamshell,2,10,yes,0,,bodyweight,upcoming,do,start
2026-11-26,thu,after easy run,step-down,2,10,yes,0,3-4 s down,low-step,upcoming,do,start" \
    "" -- prehab plan thu --format csv
check "no pain note in cron output unless needed" 0 "*" "" -- sh -c \
    '! "$PREHAB" plan today | grep -q "training aid"'
check "the pain note in cron output when needed" 0 "~training aid" "" -- \
    prehab --data "$T/hurt.csv" plan today

# --- Machine formats ---------------------------------------------------
check "tsv: header and rows exactly" 0 "date	weekday	reason	exercise	sets	reps	per_side	hold_s	tempo	variant	status	state	cause
2026-11-24	tue	after easy run	single-leg-squat	2	10	yes	0		assisted	due	do	start
2026-11-24	tue	after easy run	glute-bridge	2	10	no	2		two-leg	due	do	start
2026-11-24	tue	after easy run	clamshell	2	10	yes	0		bodyweight	due	do	start
2026-11-24	tue	after easy run	step-down	2	10	yes	0	3-4 s down	low-step	due	do	start
2026-11-26	thu	after easy run	single-leg-squat	2	10	yes	0		assisted	upcoming	do	start
2026-11-26	thu	after easy run	glute-bridge	2	10	no	2		two-leg	upcoming	do	start
2026-11-26	thu	after easy run	clamshell	2	10	yes	0		bodyweight	upcoming	do	start
2026-11-26	thu	after easy run	step-down	2	10	yes	0	3-4 s down	low-step	upcoming	do	start
2026-11-29	sun	after easy run	single-leg-squat	2	10	yes	0		assisted	upcoming	do	start
2026-11-29	sun	after easy run	glute-bridge	2	10	no	2		two-leg	upcoming	do	start
2026-11-29	sun	after easy run	clamshell	2	10	yes	0		bodyweight	upcoming	do	start
2026-11-29	sun	after easy run	step-down	2	10	yes	0	3-4 s down	low-step	upcoming	do	start" \
    "" -- prehab plan --format tsv
conf "$T/custom.ini" '[exercise.side-plank]' 'name = Side plank' \
    'per_side = yes' 'sets = 2' 'reps = 1' 'hold = 30' \
    'tempo = "slow, steady"' 'cue = hips high' 'variants = knees, full' \
    '[exercise.clamshell]' 'enabled = no' '[plan]' 'sessions_per_week = 1'
check "csv quotes only when needed; custom and disabled exercises" 0 \
    "date,weekday,reason,exercise,sets,reps,per_side,hold_s,tempo,variant,status,state,cause
2026-11-23,mon,rest day,single-leg-squat,2,10,yes,0,,assisted,due,do,start
2026-11-23,mon,rest day,glute-bridge,2,10,no,2,,two-leg,due,do,start
2026-11-23,mon,rest day,step-down,2,10,yes,0,3-4 s down,low-step,due,do,start
2026-11-23,mon,rest day,side-plank,2,1,yes,30,\"slow, steady\",knees,due,do,start" "" -- \
    prehab --config "$T/custom.ini" --today 2026-11-23 plan --format csv
check "tsv keeps the comma" 0 \
    "~^2026-11-23	mon	rest day	side-plank	2	1	yes	30	slow, steady	knees	due	do	start$" \
    "" -- prehab --config "$T/custom.ini" --today 2026-11-23 plan --format tsv
check "the custom exercise in text, with its hold" 0 \
    "~^  side-plank        2×1 each side, hold 30 s    knees$" "" -- \
    prehab --config "$T/custom.ini" --today 2026-11-23 plan
check "machine formats ignore the locale" 0 \
    "$("$PREHAB" plan --format tsv)" "" -- env LC_ALL=C "$PREHAB" plan \
    --format tsv
check "and the terminal colour" 0 "$("$PREHAB" plan --format csv)" "" -- \
    prehab --color always plan --format csv

# --- iCalendar ---------------------------------------------------------
prehab plan --format ics >"$T/a.ics"
prehab plan --format ics >"$T/b.ics"
same_file "ics is the same on every run with today pinned" "$T/a.ics" \
    "$T/b.ics"
ok "ics lines all end in CRLF" sh -c \
    '[ "$(grep -c "$(printf "\r")\$" "$T/a.ics")" = "$(wc -l <"$T/a.ics")" ]'
ok "no ics line over 75 octets" sh -c \
    'LC_ALL=C awk "{ sub(/\r\$/, \"\"); if (length(\$0) > 75) exit 1 }" "$T/a.ics"'
check "ics events at the configured time, with a stable UID" 0 \
    "~^DTSTART:20261126T073000" "" -- sh -c \
    'printf "[plan]\ntime = 07:30\n" >"$T/t.ini";
    "$PREHAB" --config "$T/t.ini" plan --format ics | tr -d "\r"'
check "ics escapes and folds the description" 0 \
    "~^  the foot\\\\, never caves in" "" -- sh -c \
    '"$PREHAB" plan --format ics | tr -d "\r"'
check "ics DTSTAMP comes from the pinned day" 0 "~^DTSTAMP:20261124T000000Z" \
    "" -- sh -c '"$PREHAB" plan --format ics | tr -d "\r"'

PY=
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null 2>&1 &&
	    "$p" -c 'import icalendar' >/dev/null 2>&1; then
		PY=$p
		break
	fi
done
cat >"$T/ics.py" <<'EOF'
import sys
import icalendar
data = open(sys.argv[1], "rb").read()
cal = icalendar.Calendar.from_ical(data)
assert cal["VERSION"] == "2.0", cal["VERSION"]
assert "PRODID" in cal
events = cal.walk("VEVENT")
for e in events:
    for key in ("UID", "DTSTAMP", "DTSTART", "DURATION", "SUMMARY",
                "DESCRIPTION"):
        assert key in e, key
    start = e["DTSTART"].dt
    assert start.tzinfo is None, "floating time expected"
    assert str(e["UID"]) == "prehab-%s@prehab" % start.date(), e["UID"]
print(len(events))
print(" ".join(str(e["UID"]) for e in events))
print(events[0]["DTSTART"].dt, events[0]["DURATION"].dt)
print(events[0]["SUMMARY"])
print(events[0]["DESCRIPTION"].split("\n")[0])
EOF
if [ -n "$PY" ]; then
	check "python3-icalendar reads the week" 0 "3
prehab-2026-11-24@prehab prehab-2026-11-26@prehab prehab-2026-11-29@prehab
2026-11-24 18:00:00 0:15:00
Knee prehab (after easy run)
single-leg-squat: 2×10 each side (assisted) - knee tracks over the foot, never caves in" \
	    "" -- "$PY" "$T/ics.py" "$T/a.ics"
	prehab plan --weeks 4 --format ics >"$T/w4.ics"
	check "--weeks 4 --format ics: twelve events" 0 "~^12$" "" -- \
	    "$PY" "$T/ics.py" "$T/w4.ics"
	# Unpinned, DTSTAMP is the clock's; the UIDs are the dates alone.
	PREHAB_TODAY= "$PREHAB" --today 2026-11-24 plan --weeks 4 \
	    --format ics >"$T/w4b.ics"
	"$PY" "$T/ics.py" "$T/w4.ics" | sed -n 2p >"$T/uids1"
	"$PY" "$T/ics.py" "$T/w4b.ics" | sed -n 2p >"$T/uids2"
	same_file "UIDs are stable across runs" "$T/uids1" "$T/uids2"
	prehab plan --weeks 2 --format ics >"$T/w2.ics"
	check "and across --weeks" 0 "$(cut -d" " -f1-6 "$T/uids1")" "" -- \
	    sh -c '"$1" "$2" "$3" | sed -n 2p' sh "$PY" "$T/ics.py" "$T/w2.ics"
	prehab plan today --format ics >"$T/one.ics"
	check "one day as ics" 0 "~^prehab-2026-11-24@prehab$" "" -- \
	    "$PY" "$T/ics.py" "$T/one.ics"
	prehab --config "$T/custom.ini" --today 2026-11-23 plan --weeks 2 \
	    --format ics >"$T/custom.ics"
	check "custom exercise text escaped in ics" 0 "~^2$" "" -- \
	    "$PY" "$T/ics.py" "$T/custom.ics"
else
	skip "python3-icalendar reads the week" \
	    "no python3 with the icalendar module (Debian: python3-icalendar)"
	skip "--weeks 4 --format ics" "no python3 with icalendar"
	skip "UIDs stay the same" "no python3 with icalendar"
	skip "one day as ics" "no python3 with icalendar"
	skip "custom exercise text escaped in ics" "no python3 with icalendar"
fi

# --- Weeks ------------------------------------------------------------
check "--weeks 2: two headers" 0 "2" "" -- sh -c \
    '"$PREHAB" plan --weeks 2 | grep -c "^Week 2026-W4[89], "'
check "--weeks 52" 0 "~^Week 2027-W46, Mon 2027-11-15 to Sun 2027-11-21: 3 sessions$" \
    "" -- prehab plan --weeks 52
check "--weeks 4 tsv: twelve sessions" 0 "48" "" -- sh -c \
    '"$PREHAB" plan --weeks 4 --format tsv | tail -n +2 | wc -l | tr -d " "'

# --- Errors ------------------------------------------------------------
usage='usage: prehab plan [--week | --weeks N] [--format FORMAT] [--calendar FILE] [--explain] [--brief] [--safe] [--quiet] [PERIOD]
Try '"'"'prehab plan --help'"'"' for more.'
check "--weeks 0" 2 "" "prehab: plan: --weeks must be 1-52, got '0'
$usage" -- prehab plan --weeks 0
check "--weeks abc" 2 "" "prehab: plan: --weeks must be 1-52, got 'abc'
$usage" -- prehab plan --weeks abc
check "--weeks 53" 2 "" "prehab: plan: --weeks must be 1-52, got '53'
$usage" -- prehab plan --weeks 53
check "--format xml" 2 "" "prehab: plan: --format must be text, tsv, csv, json or ics, got 'xml'
$usage" -- prehab plan --format xml
check "unknown period" 2 "" "prehab: plan: unknown period 'someday' (use today, tomorrow, next, a weekday, YYYY-MM-DD or +3d)
$usage" -- prehab plan someday
check "a date that does not exist" 2 "" "prehab: plan: no such day '2026-02-30'
$usage" -- prehab plan 2026-02-30
check "two periods" 2 "" "prehab: plan: too many arguments: 'tomorrow'
$usage" -- prehab plan today tomorrow
check "a day with --weeks" 2 "" "prehab: plan: a day ('today') and --week or --weeks cannot go together
$usage" -- prehab plan --weeks 2 today
check "--quiet without a day" 2 "" "prehab: plan: --quiet needs a day, as in 'prehab plan today --quiet'
$usage" -- prehab plan --quiet
check "bad input in cron mode is an error, not 'nothing due'" 2 "" "*" -- \
    prehab plan today --quiet --format xml
check "options after the period" 0 "" "" -- prehab plan today --quiet
check "--week takes no value" 2 "" "prehab: plan: option '--week=2' takes no value
$usage" -- prehab plan --week=2
check "unknown option suggests" 2 "" \
    "prehab: plan: unknown option '--formt' (did you mean '--format'?)
$usage" -- prehab plan --formt csv
check "a log that cannot be read" 74 "" \
    "prehab: plan: cannot read '$T': Is a directory" -- prehab --data "$T" plan
printf '%s\n' "$hdr" '2026-11-23,18:00,clamshell,left,1,10,,,,12,,x' \
    >"$T/bad.csv"
check "malformed rows are reported, skipped, and set the status" 65 \
    "~^Tue 2026-11-24  after easy run      due       15 min$" \
    "prehab: $T/bad.csv:2: column 'pain': must be 0-10, got '12'" -- \
    prehab --data "$T/bad.csv" plan today
check "--quiet keeps quiet about them" 65 "" "" -- \
    prehab --data "$T/bad.csv" plan today --quiet
check "--help" 0 "~^usage: prehab plan \[--week \| --weeks N\]" "" -- \
    prehab plan --help
check "help plan" 0 "~^  --weeks N +N weeks from this one, 1-52$" "" -- \
    prehab help plan

done_testing
