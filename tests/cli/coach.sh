#!/bin/sh
# The coaching engine as a new user meets it: thirty clean sessions that
# climb and never fall, sessions without pain that hold, the morning
# check-in (through undo and import), the traffic light, the referral
# block, race weeks, missed days without crowding, `log session --skip`
# and `--again`, the first week and `show safety`.
. "$(dirname "$0")/lib.sh"
export T

L=$T/log.csv
# clam30: the clamshell logged as prescribed every second day, pain 0.
d=2027-03-01
i=0
: >"$T/levels"
while [ "$i" -lt 30 ]; do
	"$PREHAB" --data "$T/climb.csv" --today "$d" log clam --pain 0 --rpe 5 |
	    sed -n 's/^logged clamshell: L \([^,]*\), R .* (\(.*\)) on .*/\2 \1/p' \
	    >>"$T/levels"
	d=$(date -u -d "$d +2 day" +%F)
	i=$((i + 1))
done
# Each line: variant and dose; the rank of a dose on the ladder.
rank() {
	awk '{ v = ($1 == "bodyweight") ? 0 : ($1 == "band") ? 1 : 2
	       split($2, a, "\303\227"); print v * 100 + a[2] }' "$T/levels"
}
check "thirty clean sessions: the dose never falls" 0 "" "" -- sh -c \
    'rank() { awk '\''{ v = ($1 == "bodyweight") ? 0 : ($1 == "band") ? 1 : 2; split($2, a, "\303\227"); print v * 100 + a[2] }'\'' "$T/levels"; }
    rank | awk '\''NR > 1 && $1 < prev { print "fell at " NR } { prev = $1 }'\'''
check "and it climbs to the top, 2×15 heavy band" 0 "heavy-band 2×15" "" -- \
    tail -n 1 "$T/levels"
check "every session of the climb was logged" 0 30 "" -- \
    sh -c 'wc -l <"$T/levels" | tr -d " "'

# Sessions without pain hold the dose, and log says so once.
check "log session without --pain: one line says the dose holds" 0 \
    "~^No pain recorded: the dose holds until a session has one \(--pain 0 counts\)\.$" \
    "" -- prehab --data "$L" --today 2026-11-17 log session
check "the line comes once per command" 0 1 "" -- sh -c \
    '"$PREHAB" --data "$T/l2.csv" --today 2026-11-17 log session |
    grep -c "^No pain recorded"'
prehab --data "$L" --today 2026-11-19 log session >/dev/null
check "two sessions without pain: the dose holds" 0 4 "" -- sh -c \
    '"$PREHAB" --data "$1" plan --format tsv |
    grep -c "^2026-11-24	.*	2	10	.*	due	do	no-pain$"' sh "$L"
check "and the plan says why" 0 \
    "~^ +held: no pain recorded last time \(0 is an answer\)$" "" -- \
    prehab --data "$L" plan

# log session: already logged today, --skip, --again.
prehab --data "$T/s.csv" log clam --pain 0 >/dev/null
check "session leaves out what is already logged today" 0 \
    "~^already logged on 2026-11-24, left out: clamshell \(--again logs it anyway\)$" \
    "" -- prehab --data "$T/s.csv" log session --pain 1 --skip step-down
check "--skip leaves the step-down out" 0 2 "" -- sh -c \
    'cut -d, -f3 "$T/s.csv" | sort -u | grep -c "^single-leg-squat$\|^glute-bridge$"'
ok "the step-down is not in the log" sh -c '! grep -q step-down "$T/s.csv"'
check "everything logged: nothing to log, exit 1" 1 "" \
    "prehab: log: nothing to log: the session of 2026-11-24 is logged" -- \
    sh -c '"$PREHAB" --data "$T/s.csv" log session --skip step-down | grep -v "^already"'
check "--again logs it anyway" 0 "~^logged clamshell: " "" -- \
    prehab --data "$T/s.csv" log session --again --skip sls --pain 1
check "--skip of an unknown exercise" 2 "" \
    "prehab: log: --skip: unknown exercise 'yoga' (see 'prehab show')" -- \
    prehab --data "$T/s.csv" log session --skip yoga
check "--skip needs session" 2 "" "*" -- \
    prehab --data "$T/s.csv" log clam --skip sls

# The morning check-in.
M=$T/m.csv
prehab --data "$M" --today 2026-11-23 log session --pain 1 --rpe 6 >/dev/null
check "the morning after: plan today reminds to check in" 1 \
    "How is the knee after yesterday's session? prehab log morning --pain N" \
    "" -- prehab --data "$M" plan today
check "cron stays silent" 1 "" "" -- prehab --data "$M" plan today --quiet
check "log morning says what the check-in does to the next doses" 0 \
    "logged morning check-in: pain 5 on 2026-11-24
After this check-in, next time:
  single-leg-squat 2×10 assisted: red: pain 1, 5 the next morning; staying at 2×10, rest it until Thursday
  glute-bridge 2×10 two-leg: red: pain 1, 5 the next morning; staying at 2×10, rest it until Thursday
  clamshell 2×10 bodyweight: red: pain 1, 5 the next morning; staying at 2×10, rest it until Thursday
  step-down 2×10 low-step: red: pain 1, 5 the next morning; staying at 2×10, rest it until Thursday" \
    "" -- prehab --data "$M" log morning --pain 5 --time 07:00
check "the check-in row: no set, no reps" 0 \
    "2026-11-24,07:00,morning,both,,,,,,5," "" -- \
    sh -c 'tail -n 1 "$1" | cut -d, -f1-11' sh "$M"
check "no reminder once checked in" 1 "" "" -- \
    prehab --data "$M" plan today
check "a red check-in (1 then 5) steps back and rests two days" 0 \
    "~^ +red: pain 1, 5 the next morning; staying at 2×10, rest it until Thursday$" \
    "" -- prehab --data "$M" --today 2026-11-25 plan
check "the exercises rest, then come back" 0 \
    "2026-11-26	do
2026-11-29	do" "" -- sh -c '"$PREHAB" --data "$1" --today 2026-11-25 plan \
    --format tsv | awk -F"\t" "\$4 == \"clamshell\" && \$1 > \"2026-11-24\" { print \$1 \"\t\" \$12 }"' \
    sh "$M"
A=$T/amber.csv
for d in 2026-11-16 2026-11-18 2026-11-20; do
	prehab --data "$A" --today $d log clamshell --pain 1 --rpe 6 >/dev/null
done
check "an amber check-in holds the step up, and says so" 0 \
    "logged morning check-in: pain 4 on 2026-11-21
After this check-in, next time:
  clamshell 2×12 bodyweight: held: pain 1, 4 the next morning last time (amber)" \
    "" -- prehab --data "$A" --today 2026-11-21 log morning --pain 4
check "a green check-in changes nothing, and says nothing more" 0 \
    "logged morning check-in: pain 1 on 2026-11-21" "" -- sh -c \
    '"$PREHAB" --data "$1" --today 2026-11-21 log --undo >/dev/null &&
    "$PREHAB" --data "$1" --today 2026-11-21 log morning --pain 1' sh "$A"
check "log morning needs --pain" 2 "" \
    "prehab: log: morning needs --pain N, how the knee feels now (0-10)" -- \
    prehab --data "$M" log morning
check "log morning takes no dose" 2 "" "*" -- \
    prehab --data "$M" log morning --pain 2 --rpe 5
check "log morning --side and --note" 0 \
    "~^logged morning check-in: pain 2, left on 2026-11-24$" "" -- \
    prehab --data "$M" log morning --pain 2 --side left --note "stiff"
check "show log shows it as a check-in" 0 \
    "~^  [0-9:]+  morning +check-in, left +pain 2  stiff$" "" -- \
    prehab --data "$M" show log
check "undo takes the check-in back" 0 "~^removed 1 row of the last log command:$" \
    "" -- prehab --data "$M" log --undo
check "import carries check-ins" 0 "imported 15 rows, skipped 0 duplicates" \
    "" -- prehab --data "$T/m2.csv" log --import "$M"
cut -d, -f1-11 "$M" >"$T/a"
cut -d, -f1-11 "$T/m2.csv" >"$T/b"
same_file "the imported log holds the same rows" "$T/a" "$T/b"
check "a check-in row without pain is refused" 65 "*" \
    "~column 'pain': a morning check-in needs a pain of 0-10" -- sh -c \
    'printf "date,exercise,reps,pain\n2026-11-20,morning,,\n" >"$T/bad.csv";
    "$PREHAB" --data "$T/bad.csv" show log'
check "stats counts no set for a check-in" 0 \
    "~^clamshell +1 +4 +40 " "" -- prehab --data "$M" stats --by exercise

# Pain 7: the referral block once, the knee exercises paused.
H=$T/h.csv
prehab --data "$H" --today 2026-11-23 log clam --pain 7 >/dev/null
check "pain 7: log gives one line, not the block" 0 \
    "~^Pain 7 is red: see 'prehab plan' before the next session\.$" "" -- \
    prehab --data "$H" --today 2026-11-23 log bridge --pain 7
check "plan shows the block once" 0 1 "" -- sh -c \
    '"$PREHAB" --data "$1" plan | grep -c "^prehab is a training aid, not medical care"' \
    sh "$H"
check "the block says what was seen" 0 \
    "~^Pain of 7 on Mon 2026-11-23 \(glute-bridge, clamshell\)\.$" "" -- \
    prehab --data "$H" plan
check "beside tsv the block goes to stderr" 0 "*" \
    "~^prehab is a training aid, not medical care" -- \
    prehab --data "$H" plan --format tsv
check "a green check-in settles it" 0 "*" "" -- sh -c \
    '"$PREHAB" --data "$1" log morning --pain 1 >/dev/null &&
    ! "$PREHAB" --data "$1" plan | grep -q "training aid"' sh "$H"

# Race on Sunday: Saturday, Sunday and Monday free; one lighter session.
mkdir -p "$HOME/.config/prehab"
printf '[override]\n2026-12-06 = race\n' >"$T/race.ini"
prehab --data "$T/r.csv" --today 2026-11-25 log session --pain 0 --rpe 6 \
    >/dev/null
prehab --data "$T/r.csv" --today 2026-11-27 log session --pain 0 --rpe 6 \
    >/dev/null
check "race week: one session, away from Sat, Sun and Mon" 0 \
    "2026-12-01	tue	after easy run	due" "" -- sh -c \
    '"$PREHAB" --config "$1" --data "$2" --today 2026-12-01 plan --weeks 2 \
    --format tsv | cut -f1-3,11 | uniq | grep "^2026-12-0[1-7]"' \
    sh "$T/race.ini" "$T/r.csv"
check "and the header says so" 0 \
    "~^Week 2026-W49, Mon 2026-11-30 to Sun 2026-12-06: 1 session \(race week: one lighter session\)$" \
    "" -- env COLUMNS=120 "$PREHAB" --config "$T/race.ini" --data "$T/r.csv" \
    --today 2026-12-01 plan
check "with a lighter dose, named" 0 4 "" -- sh -c \
    '"$PREHAB" --config "$1" --data "$2" --today 2026-12-01 plan --format tsv |
    grep -c "	race-week$"' sh "$T/race.ini" "$T/r.csv"

# Missing Monday and Tuesday never gives back-to-back sessions.
prehab --data "$T/w.csv" --today 2026-11-17 log session --pain 0 >/dev/null
printf '[schedule]\nmon = rest\ntue = easy\nwed = easy\nthu = easy\nfri = rest\nsat = long\nsun = easy\n' \
    >"$T/easy.ini"
check "Monday and Tuesday skipped: Wednesday on, still three, spaced" 0 \
    "2026-11-25	due
2026-11-27	upcoming
2026-11-29	upcoming" "" -- sh -c \
    '"$PREHAB" --config "$1" --data "$2" --today 2026-11-25 plan --format tsv |
    cut -f1,11 | uniq | tail -n +2' sh "$T/easy.ini" "$T/w.csv"
check "Wednesday skipped too: never two in a row, one session lost" 0 \
    "2026-11-24	missed
2026-11-26	due
2026-11-29	upcoming" "" -- sh -c \
    '"$PREHAB" --config "$1" --data "$2" --today 2026-11-26 plan --format tsv |
    cut -f1,11 | uniq | tail -n +2' sh "$T/easy.ini" "$T/w.csv"
check "and the header says so" 0 \
    "~^Week 2026-W48, Mon 2026-11-23 to Sun 2026-11-29: 2 of 3 sessions: Tuesday missed$" \
    "" -- env COLUMNS=120 "$PREHAB" --config "$T/easy.ini" --data "$T/w.csv" \
    --today 2026-11-26 plan

# No planned session over 20 minutes, even at the top of every ladder.
for d in 2026-11-10 2026-11-12; do
	for e in single-leg-squat:free glute-bridge:marching clamshell:heavy-band \
	    step-down:high-step; do
		prehab --data "$T/top.csv" --today "$d" log "${e%:*}" 2x15 \
		    --variant "${e#*:}" --pain 0 --rpe 6 >/dev/null
	done
done
check "at the top: about 20 minutes" 0 "~  20 min$" "" -- \
    prehab --data "$T/top.csv" plan today

# A new user's first week starts today.
check "a first run on a Tuesday: Monday is not missed" 0 \
    "~^Week 2026-W48, Mon 2026-11-23 to Sun 2026-11-29: 3 sessions$" "" -- \
    env XDG_DATA_HOME="$T/new" "$PREHAB" plan
ok "no missed day at all" sh -c \
    '! XDG_DATA_HOME="$1" "$PREHAB" plan | grep -q missed' sh "$T/new"
check "stats starts at the first entry" 0 \
    "~^Prehab stats 2026-11-16 to 2026-11-24" "" -- \
    prehab --data "$L" stats

# show safety.
check "show safety: the signs that need care now" 0 \
    "~^  - the knee locks and will not straighten, or gives way under you;$" \
    "" -- prehab show safety
check "show safety says prehab is no medical care" 0 \
    "~^prehab is a training aid, not medical care\.$" "" -- prehab show safety
check "show safety wraps to the terminal" 0 "" "" -- sh -c \
    'COLUMNS=40 "$PREHAB" show safety | awk "length > 40"'

# The cut-offs of the light are checked together.
printf '[plan]\nstep_up_max_pain = 5\nstep_back_pain = 4\n' >"$T/bad.ini"
check "green above red is a config error" 78 "" \
    "~step_up_max_pain \(5\) must be below step_back_pain \(4\)$" -- \
    prehab --config "$T/bad.ini" plan
printf '[exercise.morning]\nname = x\n' >"$T/bad2.ini"
check "an exercise cannot be called morning" 78 "" \
    "~'morning' is the log's name for the morning check-in" -- \
    prehab --config "$T/bad2.ini" plan

done_testing
