#!/bin/sh
# prehab stats: every format and grouping pinned on a small hand-made log,
# the pain warnings, malformed rows, concatenated logs on stdin, bad
# options, the man page's gnuplot examples run in real gnuplot, and every
# figure of a generated log checked against sqlite3's own sums.
. "$(dirname "$0")/lib.sh"

lines() { printf '%s\n' "$@"; }
HDR=date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch

# Weeks 43-48 of 2026; today is Tuesday of week 48. Step-down's right
# side does fewer reps and hurts more; the last row is in the future.
cat >"$T/small.csv" <<'W'
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
2026-10-21,18:00,clamshell,left,1,10,,bodyweight,5,6,"sore, outside knee",b1
2026-10-21,18:00,clamshell,right,1,10,,bodyweight,5,4,,b1
2026-10-26,07:30,glute-bridge,both,1,12,2,two-leg,4,1,,b2
2026-10-26,07:30,glute-bridge,both,2,12,2,two-leg,5,,,b2
2026-10-28,07:30,clamshell,left,1,12,,bodyweight,,2,,b3
2026-10-28,07:30,clamshell,right,1,12,,bodyweight,,2,,b3
2026-10-30,07:30,step-down,left,1,10,,low-step,6,1,,b4
2026-10-30,07:30,step-down,right,1,8,,low-step,7,3,,b4
2026-11-02,07:30,step-down,left,1,10,,low-step,6,1,,b5
2026-11-02,07:30,step-down,right,1,8,,low-step,7,4,,b5
2026-11-04,07:30,single-leg-squat,left,1,10,,assisted,5,0,,b6
2026-11-04,07:30,single-leg-squat,right,1,10,,assisted,5,0,,b6
2026-11-06,07:30,glute-bridge,both,1,15,2,two-leg,4,0,,b7
2026-11-10,07:30,clamshell,left,1,15,,bodyweight,4,1,,b8
2026-11-10,07:30,clamshell,right,1,15,,bodyweight,4,1,,b8
2026-11-12,07:30,glute-bridge,both,1,15,2,two-leg,4,,,b9
2026-11-14,07:30,step-down,left,1,10,,low-step,,,,b10
2026-11-14,07:30,step-down,right,1,9,,low-step,,,,b10
2026-11-16,07:30,single-leg-squat,left,1,12,,assisted,6,2,,b11
2026-11-16,07:30,single-leg-squat,right,1,12,,assisted,6,2,,b11
2026-11-18,07:30,clamshell,left,1,15,,bodyweight,5,1,,b12
2026-11-18,07:30,clamshell,right,1,15,,bodyweight,5,1,,b12
2026-11-20,07:30,glute-bridge,both,1,15,2,two-leg,5,1,,b13
2026-11-20,07:30,glute-bridge,both,2,15,2,two-leg,6,2,,b13
2026-11-23,07:30,step-down,left,1,10,,low-step,6,1,,b14
2026-11-23,07:30,step-down,right,1,7,,low-step,7,3,,b14
2026-11-30,07:30,step-down,left,1,10,,low-step,6,1,future,b15
W
S=$T/small.csv

cat >"$T/want" <<'W'
Prehab stats 2026-10-19 to 2026-11-24, target 3 sessions a week

WEEK      SESSIONS  ADHERENCE  SQUAT  BRIDGE  CLAM  STEPDOWN  PAIN  MAX  RPE
2026-W43       1/3        33%      0       0    20         0   5.0    6  5.0
2026-W44       3/3       100%      0      24    24        18   1.8    3  5.5
2026-W45       3/3       100%     20      15     0        18   1.0    4  5.4
2026-W46       3/3       100%      0      15    30        19   1.0    1  4.0
2026-W47       3/3       100%     24      30    30         0   1.5    2  5.5
2026-W48       1/3        33%      0       0     0        17   2.0    3  6.5

Streak: 4 weeks in a row at 3 sessions or more, since 2026-W44
Adherence  ▃████▃  (0-100%)
Pain       ▅▂▂▂▂▂  (0-10)

EXERCISE          SESSIONS  SETS  REPS  PAIN  MAX  RPE  LEVEL
single-leg-squat         2     4    44   1.0    2  5.5  2×10 assisted
glute-bridge             4     6    84   1.0    2  4.7  2×15 two-leg
clamshell                4     8   104   2.2    6  4.7  2×10 bodyweight
step-down                4     8    72   2.2    4  6.5  2×10 low-step

LEFT/RIGHT        REPS L  REPS R  PAIN L  PAIN R
single-leg-squat      22      22     1.0     1.0
clamshell             52      52     2.5     2.0
step-down             40      32     1.0     3.3  right: fewer reps, more pain
W
check "text report: last 8 weeks, from the week of the first entry" 0 "$(cat "$T/want")" "" -- \
    prehab stats --data "$S"
ok "text report has no trailing spaces" sh -c \
    '! "$PREHAB" stats --data "$1" | grep -q " $"' sh "$S"
check "ASCII sparklines outside UTF-8" 0 \
    "~^Adherence  -####-  \(0-100%\)$" "" -- \
    env LC_ALL=C "$PREHAB" stats --data "$S"
check "ASCII: blank for a week without pain" 0 \
    "~^Pain       =\.\.\.\.\.  \(0-10\)$" "" -- \
    env LC_ALL=C "$PREHAB" stats --data "$S"
check "ASCII: x for times" 0 "~  2x10 assisted$" "" -- \
    env LC_ALL=C "$PREHAB" stats --data "$S"
ok "no colour on a pipe" sh -c \
    '! "$PREHAB" stats --data "$1" | grep -q "$(printf "\033")"' sh "$S"
ok "--color=always colours" sh -c \
    '"$PREHAB" --color=always stats --data "$1" | grep -q "$(printf "\033")"' \
    sh "$S"

W_HEAD='period	start	end	sessions	target	adherence	sets	reps	pain_mean	pain_max	rpe_mean	reps_single-leg-squat	reps_glute-bridge	reps_clamshell	reps_step-down'
cat >"$T/want" <<W
$W_HEAD
2026-W43	2026-10-19	2026-10-25	1	3	0.333	2	20	5	6	5	0	0	20	0
2026-W44	2026-10-26	2026-11-01	3	3	1	6	66	1.8	3	5.5	0	24	24	18
2026-W45	2026-11-02	2026-11-08	3	3	1	5	53	1	4	5.4	20	15	0	18
2026-W46	2026-11-09	2026-11-15	3	3	1	5	64	1	1	4	0	15	30	19
2026-W47	2026-11-16	2026-11-22	3	3	1	6	84	1.5	2	5.5	24	30	30	0
2026-W48	2026-11-23	2026-11-29	1	3	0.333	2	17	2	3	6.5	0	0	0	17
W
check "tsv by week, from the first logged date" 0 "$(cat "$T/want")" "" -- \
    prehab stats --data "$S" --format tsv
check "tsv is the same in another locale" 0 "$(cat "$T/want")" "" -- \
    env LC_ALL=C COLUMNS=40 "$PREHAB" --color=always stats --data "$S" \
    --format tsv

cat >"$T/want" <<'W'
period,start,end,sessions,target,adherence,sets,reps,pain_mean,pain_max,rpe_mean,reps_single-leg-squat,reps_glute-bridge,reps_clamshell,reps_step-down
2026-10,2026-10-01,2026-10-31,4,13.29,0.301,8,86,2.71,6,5.33,0,24,44,18
2026-11,2026-11-01,2026-11-30,10,12.86,0.778,18,218,1.33,4,5.31,44,60,60,54
W
check "csv by month: calendar months, prorated target" 0 \
    "$(cat "$T/want")" "" -- prehab stats --data "$S" --by month --format csv
check "text by month starts where csv does, with the same figures" 0 \
    "~^2026-10 +4/13\.3 +30% +0 +24 +44 +18 +2\.7 +6 +5\.3$" "" -- \
    prehab stats --data "$S" --by month
check "a month cut by --since is owed only its days (csv)" 0 \
    "~^2026-10,2026-10-26,2026-10-31,3,2\.57,1," "" -- \
    prehab stats --data "$S" --by month --since 2026-10-26 --format csv
check "a month cut by --since is owed only its days (text)" 0 \
    "~^2026-10 +3/2\.6 +100% " "" -- \
    prehab stats --data "$S" --by month --since 2026-10-26

cat >"$T/want" <<W
$W_HEAD
2026-11-18	2026-11-18	2026-11-18	1	0.43	1	2	30	1	1	5	0	0	30	0
2026-11-19	2026-11-19	2026-11-19	0	0.43	0	0	0				0	0	0	0
2026-11-20	2026-11-20	2026-11-20	1	0.43	1	2	30	1.5	2	5.5	0	30	0	0
2026-11-21	2026-11-21	2026-11-21	0	0.43	0	0	0				0	0	0	0
2026-11-22	2026-11-22	2026-11-22	0	0.43	0	0	0				0	0	0	0
2026-11-23	2026-11-23	2026-11-23	1	0.43	1	2	17	2	3	6.5	0	0	0	17
2026-11-24	2026-11-24	2026-11-24	0	0.43	0	0	0				0	0	0	0
W
check "tsv by day: empty days as zeros, no pain as empty" 0 \
    "$(cat "$T/want")" "" -- \
    prehab stats --data "$S" --by day --since -6d --format tsv

cat >"$T/want" <<'W'
[
  {"exercise": "single-leg-squat", "name": "Single-leg squat", "from": "2026-10-21", "to": "2026-11-24", "sessions": 2, "sets": 4, "reps": 44, "reps_left": 22, "reps_right": 22, "reps_both": 0, "pain_mean": 1, "pain_max": 2, "pain_left": 1, "pain_right": 1, "rpe_mean": 5.5, "fewer_reps": null, "more_pain": null, "level": 1, "dose": "2x10 assisted"},
  {"exercise": "glute-bridge", "name": "Glute bridge", "from": "2026-10-21", "to": "2026-11-24", "sessions": 4, "sets": 6, "reps": 84, "reps_left": 0, "reps_right": 0, "reps_both": 84, "pain_mean": 1, "pain_max": 2, "pain_left": null, "pain_right": null, "rpe_mean": 4.67, "fewer_reps": null, "more_pain": null, "level": 3, "dose": "2x15 two-leg"},
  {"exercise": "clamshell", "name": "Clamshell", "from": "2026-10-21", "to": "2026-11-24", "sessions": 4, "sets": 8, "reps": 104, "reps_left": 52, "reps_right": 52, "reps_both": 0, "pain_mean": 2.25, "pain_max": 6, "pain_left": 2.5, "pain_right": 2, "rpe_mean": 4.67, "fewer_reps": null, "more_pain": null, "level": 1, "dose": "2x10 bodyweight"},
  {"exercise": "step-down", "name": "Step-down", "from": "2026-10-21", "to": "2026-11-24", "sessions": 4, "sets": 8, "reps": 72, "reps_left": 40, "reps_right": 32, "reps_both": 0, "pain_mean": 2.17, "pain_max": 4, "pain_left": 1, "pain_right": 3.33, "rpe_mean": 6.5, "fewer_reps": "right", "more_pain": "right", "level": 1, "dose": "2x10 low-step"}
]
W
check "json by exercise: sides, lags, levels, nulls" 0 "$(cat "$T/want")" \
    "" -- prehab stats --data "$S" --by exercise --format json

cat >"$T/want" <<'W'
[
  {"period": "2026-W47", "start": "2026-11-16", "end": "2026-11-22", "sessions": 1, "target": 3, "adherence": 0.333, "sets": 2, "reps": 30, "pain_mean": 1, "pain_max": 1, "rpe_mean": 5, "reps_clamshell": 30},
  {"period": "2026-W48", "start": "2026-11-23", "end": "2026-11-29", "sessions": 0, "target": 3, "adherence": 0, "sets": 0, "reps": 0, "pain_mean": null, "pain_max": null, "rpe_mean": null, "reps_clamshell": 0}
]
W
check "json by week for one exercise, by alias" 0 "$(cat "$T/want")" "" -- \
    prehab stats --data "$S" --since 2026-11-16 --exercise clam --format json
check "--exercise is repeatable" 0 \
    "~^2026-W44,2026-10-26,2026-11-01,2,3,0.667,4,42,1.67,3,5.5,24,18$" "" -- \
    prehab stats --data "$S" --exercise bridge --exercise sd --format csv
check "--until leaves later rows out" 0 \
    "$(lines "$W_HEAD" \
    '2026-W43	2026-10-19	2026-10-25	1	3	0.333	2	20	5	6	5	0	0	20	0')" \
    "" -- prehab stats --data "$S" --until 2026-10-25 --format tsv
check "text --by month" 0 "~^2026-11 +10/12\.9 +78% +44 +60 +60 +54 +1\.3 +4 +5\.3$" \
    "" -- prehab stats --data "$S" --by month --since 2026-10-01
check "--since and --until last-month: that month only" 0 \
    "$(lines 'period,start,end,sessions,target,adherence,sets,reps,pain_mean,pain_max,rpe_mean,reps_single-leg-squat,reps_glute-bridge,reps_clamshell,reps_step-down' \
    '2026-10,2026-10-01,2026-10-31,4,13.29,0.301,8,86,2.71,6,5.33,0,24,44,18')" \
    "" -- prehab stats --data "$S" --by month --since last-month \
    --until last-month --format csv
check "a month as --since is its first day, as --until its last" 0 \
    "$(prehab stats --data "$S" --by day --since 2026-10-01 \
    --until 2026-10-31 --format tsv)" "" -- \
    prehab stats --data "$S" --by day --since 2026-10 --until 2026-10 \
    --format tsv
check "a year and this-month as bounds" 0 \
    "$(prehab stats --data "$S" --since 2026-01-01 --until 2026-11-30 \
    --format csv)" "" -- \
    prehab stats --data "$S" --since 2026 --until this-month --format csv
check "-1m is the same day a month back" 0 \
    "$(prehab stats --data "$S" --since 2026-10-24 --format csv)" "" -- \
    prehab stats --data "$S" --since -1m --format csv
check "no such month" 2 "" "prehab: stats: no such month '2026-13'" -- \
    prehab stats --data "$S" --since 2026-13
check "this-year as --until ends on Dec 31" 0 \
    "~^2026-12,2026-12-01,2026-12-31,0," "" -- \
    prehab stats --data "$S" --by month --since this-month \
    --until this-year --format csv
check "text --by exercise has no period table" 0 \
    "$(lines "Prehab stats 2026-10-19 to 2026-11-24, target 3 sessions a week" \
    "" "Streak: 4 weeks in a row at 3 sessions or more, since 2026-W44")" \
    "" -- sh -c '"$PREHAB" stats --data "$1" --by exercise | head -n 3' \
    sh "$S"

# The current level comes from the progression rule (prehab-plan(1)).
cat >"$T/up.csv" <<W
$HDR
2026-11-09,07:30,clamshell,left,1,10,,,5,0,,u
2026-11-09,07:30,clamshell,right,1,10,,,5,0,,u
2026-11-09,07:30,clamshell,left,2,10,,,5,0,,u
2026-11-09,07:30,clamshell,right,2,10,,,5,0,,u
W
check "level after one good session is still the first" 0 \
    "~^clamshell +1 +4 +40 +0\.0 +0 +5\.0  2×10 bodyweight$" "" -- \
    prehab stats --data "$T/up.csv" --exercise clam
sed -n '2,5p' "$T/up.csv" | sed 's/2026-11-09/2026-11-11/' >>"$T/up.csv"
check "level after two good sessions steps up" 0 \
    "~^clamshell +2 +8 +80 +0\.0 +0 +5\.0  2×12 bodyweight$" "" -- \
    prehab stats --data "$T/up.csv" --exercise clam

# Pain: the block about seeing someone, only when one of its signs shows.
CARE='prehab is a training aid, not medical care: a physiotherapist or a doctor'
check "no care block for low, steady pain" 0 "~LEFT/RIGHT" "" -- \
    prehab stats --data "$S"
ok "really no care block" sh -c \
    '! "$PREHAB" stats --data "$1" | grep -q "medical care"' sh "$S"
cat >"$T/high.csv" <<W
$HDR
2026-11-19,07:30,step-down,left,1,10,,low-step,5,2,,h1
2026-11-19,07:30,step-down,right,1,10,,low-step,5,7,,h1
W
check "pain 7 in a session: the block" 0 \
    "~^Pain of 7 during the step-down on Thu 2026-11-19\.$" "" -- \
    prehab stats --data "$T/high.csv"
check "and its advice" 0 "~^$CARE$" "" -- prehab stats --data "$T/high.csv"
check "beside machine output it goes to stderr" 0 "*" \
    "~^Pain of 7 during the step-down on Thu 2026-11-19\.$" -- \
    prehab stats --data "$T/high.csv" --format tsv
cp "$T/high.csv" "$T/settled.csv"
echo "2026-11-21,07:00,morning,both,,,,,,1,,m" >>"$T/settled.csv"
ok "a green check-in after it settles it" sh -c \
    '! "$PREHAB" stats --data "$1" | grep -q "medical care"' \
    sh "$T/settled.csv"
cat >"$T/refer.ini" <<'W'
[plan]
refer_pain = 8
W
ok "refer_pain comes from the config" sh -c \
    '! "$PREHAB" --config "$1" stats --data "$2" | grep -q "medical care"' \
    sh "$T/refer.ini" "$T/high.csv"
{
	echo "$HDR"
	echo "2026-11-09,07:30,clamshell,left,1,10,,,5,1,,r"
	for d in 2026-11-12:1 2026-11-14:2 2026-11-18:3 2026-11-23:4; do
		echo "${d%:*},07:00,morning,both,,,,,,${d#*:},,m"
	done
} >"$T/rise.csv"
check "morning pain rising over two weeks" 0 \
    "~^Morning pain has risen from 1 to 4 over the last two weeks\.$" "" -- \
    prehab stats --data "$T/rise.csv"
check "a rise to green pain is no alert" 0 "~LEFT/RIGHT" "" -- \
    prehab stats --data "$T/rise.csv" --until 2026-11-18
{
	echo "$HDR"
	echo "2026-11-10,07:30,clamshell,left,1,10,,,5,6,,a"
	echo "2026-11-17,07:30,clamshell,left,1,10,,,5,6,,b"
} >"$T/backs.csv"
check "two step-backs within two weeks" 0 \
    "~^The clamshell has stepped back twice within two weeks \(pain 6, then 6, the last on Tue 2026-11-17\)\.$" \
    "" -- env COLUMNS=100 "$PREHAB" stats --data "$T/backs.csv"
{
	echo "$HDR"
	for d in 01 03 06 08 10; do
		echo "2026-10-$d,07:30,clamshell,left,1,10,,,5,5,,e$d"
	done
	for d in 12 15 18 22 24; do
		echo "2026-11-$d,07:30,clamshell,left,1,10,,,5,4,,l$d"
	done
} >"$T/stall.csv"
check "usual pain not two points lower after six weeks" 0 \
    "~^Usual pain is 4\.0 now against 5\.0 six weeks ago: not the drop of two points" \
    "" -- prehab stats --data "$T/stall.csv"

# Malformed rows: reported with file and line, skipped, counted, exit 65.
cat >"$T/bad.csv" <<W
$HDR
2026-11-16,07:30,clamshell,left,1,10,,,,,,x
2026-11-17,07:30,clamshell,left,1,12,,,,12,,x
2026-11-18,07:30,clamp,left,1,12,,,,2,,x
2026-11-18,07:30,clamshell,middle,1,12,,,,2,,x
2026-02-30,07:30,clamshell,left,1,12,,,,2,,x
W
check "malformed rows: reported, skipped, counted" 65 \
    "$(lines \
    'period,start,end,sessions,target,adherence,sets,reps,pain_mean,pain_max,rpe_mean,reps_single-leg-squat,reps_glute-bridge,reps_clamshell,reps_step-down,reps_clamp' \
    '2026-W47,2026-11-16,2026-11-22,2,3,0.667,2,22,2,2,,0,0,10,0,12' \
    '2026-W48,2026-11-23,2026-11-29,0,3,0,0,0,,,,0,0,0,0,0')" \
    "$(lines \
    "prehab: $T/bad.csv:3: column 'pain': must be 0-10, got '12'" \
    "prehab: $T/bad.csv:5: column 'side': must be left, right or both, got 'middle'" \
    "prehab: $T/bad.csv:6: column 'date': no such day '2026-02-30'" \
    "prehab: stats: 3 malformed rows skipped")" -- \
    prehab stats --data "$T/bad.csv" --since 2026-11-16 --format csv
check "malformed rows: the text report is still written" 65 \
    "~^2026-W47       2/3        67%" "*" -- \
    prehab stats --data "$T/bad.csv"

# Logs concatenated on standard input: repeated headers are headers.
sed -n '1,5p' "$S" >"$T/runner1.csv"
{ sed -n 1p "$S"; sed -n '6,9p' "$S"; } >"$T/runner2.csv"
cat "$T/runner1.csv" "$T/runner2.csv" >"$T/stdin"
check "cat logs | stats --data -" 0 \
    "$(lines "$W_HEAD" \
    '2026-W43	2026-10-19	2026-10-25	1	3	0.333	2	20	5	6	5	0	0	20	0' \
    '2026-W44	2026-10-26	2026-11-01	3	3	1	6	66	1.8	3	5.5	0	24	24	18')" \
    "" -- prehab stats --data - --format tsv --until 2026-11-01
cat "$T/runner1.csv" "$T/runner2.csv" >"$T/stdin"
check "the same read from a file" 0 "~^2026-W44	2026-10-26	2026-11-01	3	" "" -- \
    sh -c 'cat >"$1"; "$PREHAB" stats --data "$1" --format tsv' sh "$T/cat.csv"

# Nothing logged: zeros, never gaps; machine formats fall back to 8 weeks.
# A new user has no log yet at the default place; a log named with --data
# must exist (tests/cli/multi.sh).
check "no log: text report of zeros" 0 "~^2026-W41       0/3         0%" "" -- \
    env XDG_DATA_HOME="$T/nodata" "$PREHAB" stats
check "no log: 8 weeks of tsv" 0 "~^2026-W48	2026-11-23	2026-11-29	0	3	0	0	0				0	0	0	0$" \
    "" -- env XDG_DATA_HOME="$T/nodata" "$PREHAB" stats --format tsv
ok "no log: 8 rows and a header" sh -c \
    '[ "$(XDG_DATA_HOME="$1" "$PREHAB" stats --format csv | wc -l)" -eq 9 ]' sh \
    "$T/nodata"
echo "$HDR" >"$T/empty.csv"
check "header only: json with nulls" 0 \
    '~^  \{"period": "2026-W48", .*"pain_mean": null, "pain_max": null, "rpe_mean": null' \
    "" -- prehab stats --data "$T/empty.csv" --format json
check "a directory is not a log" 74 "" "~^prehab: stats: cannot read '$T': " -- \
    prehab stats --data "$T"

# Bad options: exact messages, exit 2.
USAGE='usage: prehab stats [--by PERIOD] [--since DATE] [--until DATE] [--exercise NAME]... [--format FORMAT] [--chart CHART] [--safe]'
HINT="Try 'prehab stats --help' for more."
check "--by year" 2 "" "$(lines \
    "prehab: stats: --by must be day, week, month or exercise, got 'year'" \
    "$USAGE" "$HINT")" -- prehab stats --by year
check "--format xml" 2 "" "$(lines \
    "prehab: stats: --format must be text, tsv, csv, json or gnuplot, got 'xml'" \
    "$USAGE" "$HINT")" -- prehab stats --format xml
check "--since someday" 2 "" \
    "prehab: stats: bad date 'someday' (use YYYY-MM-DD, today, yesterday, tomorrow, a weekday or -3d)" \
    -- prehab stats --since someday
check "--until 2026-02-30" 2 "" \
    "~^prehab: stats: no such day '2026-02-30'" -- \
    prehab stats --until 2026-02-30
check "--exercise nosuch" 2 "" \
    "prehab: stats: unknown exercise 'nosuch' (see 'prehab show')" -- \
    prehab stats --exercise nosuch
check "--exercise with a suggestion" 2 "" \
    "prehab: stats: unknown exercise 'clamshelx' (did you mean 'clamshell'?)" \
    -- prehab stats --exercise clamshelx
check "--since after --until" 2 "" \
    "prehab: stats: --since 2026-12-01 is after --until 2026-11-24" -- \
    prehab stats --since 2026-12-01
check "gnuplot needs periods" 2 "" "$(lines \
    "prehab: stats: --format gnuplot plots over time; use --by day, week or month" \
    "$USAGE" "$HINT")" -- prehab stats --by exercise --format gnuplot
check "no operands" 2 "" "$(lines \
    "prehab: stats: unexpected argument 'extra'" "$USAGE" "$HINT")" -- \
    prehab stats extra
check "stats --help" 0 "~^usage: prehab stats \[--by PERIOD\]" "" -- \
    prehab stats --help

# gnuplot: the script, and the man page's examples run for real.
check "gnuplot script: inline data, no terminal" 0 \
    '~^\$data << EOD$' "" -- prehab stats --data "$S" --format gnuplot
ok "gnuplot script sets no terminal" sh -c \
    '! "$PREHAB" stats --data "$1" --format gnuplot | grep -q "terminal"' \
    sh "$S"
if command -v gnuplot >/dev/null 2>&1; then
	mkdir -p "$T/bin"
	ln -s "$PREHAB" "$T/bin/prehab"
	PATH=$T/bin:$PATH
	PREHAB_DATA=$S
	export PATH PREHAB_DATA
	check "example: prehab stats --format gnuplot | gnuplot" 0 "*" "" -- \
	    sh -c 'prehab stats --format gnuplot |
	    gnuplot -p -e "set terminal dumb" -'
	for by in day week month; do
		check "gnuplot --by $by draws" 0 "~adherence" "" -- \
		    sh -c 'prehab stats --by "$1" --format gnuplot |
		    gnuplot -e "set terminal dumb" -' sh "$by"
	done
	check "gnuplot with no pain logged" 0 "~adherence" "" -- \
	    sh -c 'XDG_DATA_HOME="$1" "$PREHAB" stats --format gnuplot |
	    gnuplot -e "set terminal dumb" -' sh "$T/nodata"
	if command -v bash >/dev/null 2>&1; then
		check "example: gnuplot -e ... <(prehab stats --format gnuplot)" \
		    0 "" "" -- bash -c 'gnuplot -e "set terminal dumb; set output '\''$1'\''" <(prehab stats --format gnuplot)' \
		    bash "$T/knees.txt"
		ok "and it wrote the chart" grep -q adherence "$T/knees.txt"
		if gnuplot -e 'set terminal pngcairo' 2>/dev/null; then
			check "example with pngcairo writes a PNG" 0 "" "" -- \
			    bash -c 'cd "$1" && gnuplot -e "set terminal pngcairo; set output '\''knees.png'\''" <(prehab stats --format gnuplot)' \
			    bash "$T"
			check "knees.png is a PNG" 0 "~PNG" "" -- \
			    head -c 4 "$T/knees.png"
		else
			skip "example with pngcairo" "no pngcairo terminal"
		fi
	else
		skip "example with <(...)" "bash is not installed"
	fi
	# The plot line of EXAMPLES, as printed there.
	sed -n '/^gnuplot> /s/^gnuplot> //p' "$TOP/man/prehab-stats.1" |
	    sed 's/\\e/\\/g' >"$T/example.gp"
	check "the man page's gnuplot> lines run" 0 "*" "" -- \
	    gnuplot -e "set terminal dumb" "$T/example.gp"
	check "they plot the weekly tsv" 0 "*" "" -- \
	    grep -q "plot '< prehab stats --by week --format tsv' using" \
	    "$T/example.gp"
	unset PREHAB_DATA
else
	skip "gnuplot examples" "gnuplot is not installed"
fi

# Cross-check every figure of a generated log with sqlite3: two runners'
# logs concatenated, over the end of 2026 and its ISO week 53, with
# malformed rows, an exercise the catalog lacks and empty weeks.
GEN="$T/gen.csv"
awk -v rows=1500 -v runners=2 -v start=2026-10-01 -v days=110 -v bad=97 \
    -v custom=1 -f "$TOP/tests/bench/genlog.awk" >"$GEN"
# A gap: nothing logged in the first half of December.
awk -F, '$1 < "2026-12-01" || $1 > "2026-12-16"' "$GEN" >"$GEN.tmp"
mv "$GEN.tmp" "$GEN"
TODAY=2027-01-20
EXERCISES="single-leg-squat glute-bridge clamshell step-down side-plank"

if ! command -v sqlite3 >/dev/null 2>&1; then
	skip "cross-check with sqlite3" "sqlite3 is not installed"
	done_testing
	exit
fi

# The rows prehab must accept, by its documented rules (sqlite3's date()
# lets 2026-02-30 through; adding no days normalises it to March).
cat >"$T/good.sql" <<W
.import --csv $GEN log
create view valid as select * from log where
    date(date, '+0 days') = date
    and side in ('left', 'right', 'both', '')
    and reps not glob '*[^0-9]*' and reps <> ''
    and cast(reps as integer) between 1 and 100
    and (pain = '' or (pain not glob '*[^0-9]*'
        and cast(pain as integer) between 0 and 10))
    and (rpe = '' or (rpe not glob '*[^0-9]*'
        and cast(rpe as integer) between 1 and 10))
    and batch is not null;
create view good as select * from valid where date <= '$TODAY';
W

# sql_periods START END STEP LABEL: one row per period of the calendar
# from the first good date to today, with raw sums for awk to format.
sql_periods() {
	_ex=
	for e in $EXERCISES; do
		_ex="$_ex, coalesce(sum(case when g.exercise = '$e' then g.reps end), 0)"
	done
	cat "$T/good.sql"
	cat <<W
.mode tabs
with recursive cal(s) as (
    select $(echo "$1" | sed 's/@/min(date)/g') from good
    union all
    select date(s, '$3') from cal where date(s, '$3') <= '$TODAY')
select $4, s, $2,
    count(distinct g.date),
    printf('%.17g', 3.0 * (julianday($2) - julianday(s) + 1) / 7),
    count(g.date), coalesce(sum(g.reps), 0),
    count(nullif(g.pain, '')), coalesce(sum(nullif(g.pain, '')), 0),
    max(case when g.pain <> '' then cast(g.pain as integer) end),
    count(nullif(g.rpe, '')), coalesce(sum(nullif(g.rpe, '')), 0)
    $_ex
from cal left join good g on $(echo "$1" | sed 's/@/g.date/g') = s
group by s order by s;
W
}

# Formats sqlite3's sums the way prehab-stats(1) documents them.
cat >"$T/fmt.awk" <<'W'
function trim(s) {
	if (s ~ /\./) {
		sub(/0+$/, "", s)
		sub(/\.$/, "", s)
	}
	return s
}
function mean(sum, n, d) {
	return n > 0 ? trim(sprintf("%." d "f", sum / n)) : ""
}
BEGIN {
	FS = OFS = "\t"
	print "period", "start", "end", "sessions", "target", "adherence",
	    "sets", "reps", "pain_mean", "pain_max", "rpe_mean", hdr
}
{
	t = $5 + 0
	line = $1 OFS $2 OFS $3 OFS $4 OFS trim(sprintf("%.2f", t)) OFS \
	    trim(sprintf("%.3f", ($4 < t ? $4 : t) / t)) OFS $6 OFS $7 OFS \
	    mean($9, $8, 2) OFS $10 OFS mean($12, $11, 2)
	for (i = 13; i <= NF; i++)
		line = line OFS $i
	print line
}
W
exhdr=$(for e in $EXERCISES; do printf 'reps_%s\t' "$e"; done)
exhdr=${exhdr%"	"}

cross_check() {	# cross_check BY START END STEP LABEL
	_by=$1
	shift
	sql_periods "$@" | sqlite3 2>/dev/null |
	    awk -v hdr="$exhdr" -f "$T/fmt.awk" >"$T/want.$_by"
	"$PREHAB" --today "$TODAY" stats --data "$GEN" --by "$_by" \
	    --format tsv >"$T/got.$_by" 2>/dev/null
	if cmp -s "$T/want.$_by" "$T/got.$_by"; then
		_t_result 1 "sqlite3 cross-check --by $_by"
	else
		_t_result 0 "sqlite3 cross-check --by $_by" \
		    "$(diff "$T/want.$_by" "$T/got.$_by" | head -n 20)"
	fi
}
WEEK_LABEL="strftime('%Y', date(s, '+3 days')) || '-W' ||
    printf('%02d', (cast(strftime('%j', date(s, '+3 days')) as integer) - 1) / 7 + 1)"
cross_check week "date(@, 'weekday 0', '-6 days')" "date(s, '+6 days')" \
    '+7 days' "$WEEK_LABEL"
cross_check month "date(@, 'start of month')" \
    "date(s, '+1 month', '-1 day')" '+1 month' "strftime('%Y-%m', s)"
cross_check day "@" "s" '+1 day' "s"

check "the generated log spans 2026-W53" 0 \
    "~^2026-W53	2026-12-28	2027-01-03	[1-9]" "" -- \
    grep -E '^2026-W53' "$T/got.week"
check "and has empty weeks" 0 "~^2026-W50	2026-12-07	2026-12-13	0	3	0	0	0	" \
    "" -- grep -E '^2026-W50' "$T/got.week"
check "and 2027-W01 follows 2026-W53" 0 "~^2027-W01	2027-01-04	" "" -- \
    grep -A1 -E '^2026-W53' "$T/got.week"

# Per exercise: totals by side, the lagging sides and their means.
{
	cat "$T/good.sql"
	cat <<W
.mode tabs
select exercise, (select min(date) from good), '$TODAY',
    count(distinct date), count(*), sum(reps),
    coalesce(sum(case when side = 'left' then reps end), 0),
    coalesce(sum(case when side = 'right' then reps end), 0),
    coalesce(sum(case when side in ('both', '') then reps end), 0),
    count(nullif(pain, '')), coalesce(sum(nullif(pain, '')), 0),
    max(case when pain <> '' then cast(pain as integer) end),
    count(case when side = 'left' and pain <> '' then 1 end),
    coalesce(sum(case when side = 'left' and pain <> '' then pain end), 0),
    count(case when side = 'right' and pain <> '' then 1 end),
    coalesce(sum(case when side = 'right' and pain <> '' then pain end), 0),
    count(nullif(rpe, '')), coalesce(sum(nullif(rpe, '')), 0)
from good group by exercise;
W
} | sqlite3 2>/dev/null >"$T/ex.raw"
for e in $EXERCISES; do
	grep "^$e	" "$T/ex.raw"
done | awk -F '\t' -v OFS='\t' '
function trim(s) {
	if (s ~ /\./) {
		sub(/0+$/, "", s)
		sub(/\.$/, "", s)
	}
	return s
}
function mean(sum, n) { return n > 0 ? trim(sprintf("%.2f", sum / n)) : "" }
BEGIN {
	print "exercise", "from", "to", "sessions", "sets", "reps",
	    "reps_left", "reps_right", "reps_both", "pain_mean", "pain_max",
	    "pain_left", "pain_right", "rpe_mean", "fewer_reps", "more_pain"
}
{
	fewer = $7 * 10 < $8 * 9 ? "left" : $8 * 10 < $7 * 9 ? "right" : ""
	more = ""
	if ($13 > 0 && $15 > 0) {
		d = $14 / $13 - $16 / $15
		more = d >= 2 ? "left" : d <= -2 ? "right" : ""
	}
	print $1, $2, $3, $4, $5, $6, $7, $8, $9, mean($11, $10), $12,
	    mean($14, $13), mean($16, $15), mean($18, $17), fewer, more
}' >"$T/want.ex"
"$PREHAB" --today "$TODAY" stats --data "$GEN" --by exercise --format tsv \
    2>/dev/null | cut -f 1,3-17 >"$T/got.ex"
same_file "sqlite3 cross-check --by exercise" "$T/want.ex" "$T/got.ex"
ok "some side lags in the generated log" grep -q 'right' "$T/got.ex"

# Malformed rows: as many reported as sqlite3 finds invalid rows, repeated
# headers aside.
nbad=$({
	cat "$T/good.sql"
	echo "select (select count(*) from log where date <> 'date') -
	    (select count(*) from valid);"
} | sqlite3 2>/dev/null)
check "every malformed row reported and counted" 65 "*" \
    "~^prehab: stats: $nbad malformed rows skipped$" -- \
    prehab --today "$TODAY" stats --data "$GEN" --format csv
ok "one stderr line per malformed row" sh -c \
    '[ "$("$PREHAB" --today "$1" stats --data "$2" 2>&1 >/dev/null |
    grep -c "^prehab: $2:[0-9]*: ")" -eq "$3" ]' sh "$TODAY" "$GEN" "$nbad"

# Absurd ranges are refused before any memory is spent on them.
check "--until far in the future" 2 "" \
    "prehab: stats: --until 9999-12-31 is more than a year after today" -- \
    prehab stats --until 9999-12-31
check "a range over 100 years" 2 "" \
    "prehab: stats: --since 1900-01-01 is more than 100 years before --until 2026-11-24" \
    -- prehab stats --since 1900-01-01

done_testing
