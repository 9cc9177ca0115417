#!/bin/sh
# Several logs read as one (--data repeated, PREHAB_DATA=a:b): every reader
# gives byte for byte the answer it gives for one file holding all the
# rows sorted; writers refuse two logs and change neither; a log named but
# missing is exit 66; warnings name their own file and line.
. "$(dirname "$0")/lib.sh"

HDR=date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch

# Two years of sessions, split between two files the way two devices or a
# club's sheet would hold them: the hip work in one, the knee work and
# the check-ins in the other, on interleaved days. Long enough that the
# plan reads only the end of each file.
/usr/bin/python3 - "$T" <<'PY'
import datetime, sys
t = sys.argv[1]
hdr = "date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch\n"
mine, club = [hdr], [hdr]
d = datetime.date(2024, 11, 1)
end = datetime.date(2026, 11, 23)
n = 0
while d <= end:
    n += 1
    ds = d.isoformat()
    pain = (n * 7) % 4
    if n % 2:
        for s in (1, 2):
            for side in ("left", "right"):
                mine.append(f"{ds},07:30,clamshell,{side},{s},{10 + n % 6},,bodyweight,5,{pain},,m{n}\n")
        mine.append(f"{ds},07:40,glute-bridge,both,1,12,2,two-leg,4,{pain},\"a note, with a comma\",m{n}\n")
    else:
        for side in ("left", "right"):
            club.append(f"{ds},18:00,step-down,{side},1,10,,low-step,6,{pain},,c{n}\n")
        club.append(f"{ds},18:10,single-leg-squat,left,1,8,,assisted,6,{pain},,c{n}\n")
    if n % 5 == 0:
        nd = (d + datetime.timedelta(days=1)).isoformat()
        club.append(f"{nd},06:50,morning,both,,,,,,{pain},,k{n}\n")
    # The same minute in both files on some days: ties keep file order.
    if n % 9 == 0:
        mine.append(f"{ds},12:00,clamshell,left,1,10,,band,5,1,tie,mt{n}\n")
        club.append(f"{ds},12:00,clamshell,right,1,10,,band,5,1,tie,ct{n}\n")
    d += datetime.timedelta(days=2 + n % 2)
open(f"{t}/mine.csv", "w").write("".join(mine))
open(f"{t}/club.csv", "w").write("".join(club))
PY
# One file with every row, sorted by date and time, mine first on a tie.
{
	echo "$HDR"
	{ tail -n +2 "$T/mine.csv"; tail -n +2 "$T/club.csv"; } |
	    sort -s -t, -k1,1 -k2,2
} >"$T/merged.csv"
# The iCalendar stamps follow the newest input: make them agree.
touch -d '2026-11-23 20:00:00' "$T/mine.csv" "$T/club.csv" "$T/merged.csv"
cp "$T/mine.csv" "$T/mine.orig"
cp "$T/club.csv" "$T/club.orig"

# same DESC ARGS...: prehab ARGS over the two logs, and over the merged one,
# write the same standard output, error and status (not both empty).
same() {
	_d=$1
	shift
	"$PREHAB" --data "$T/mine.csv" --data "$T/club.csv" "$@" \
	    >"$T/two.out" 2>"$T/two.err"
	_r2=$?
	"$PREHAB" --data "$T/merged.csv" "$@" >"$T/one.out" 2>"$T/one.err"
	_r1=$?
	if [ "$_r1" = "$_r2" ] && { [ -s "$T/one.out" ] || [ -s "$T/one.err" ]; } &&
	    cmp -s "$T/one.out" "$T/two.out" &&
	    cmp -s "$T/one.err" "$T/two.err"; then
		_t_result 1 "$_d"
	else
		_t_result 0 "$_d" "status $_r2, one file $_r1" \
		    "$(diff "$T/one.out" "$T/two.out" | head -20)" \
		    "$(diff "$T/one.err" "$T/two.err" | head -5)"
	fi
}

same "stats" stats
same "stats --format tsv" stats --format tsv
same "stats --format json --by month" stats --format json --by month
same "stats --by exercise --format csv" stats --by exercise --format csv
same "stats --since 2025-01 --by day --format tsv" \
    stats --since 2025-01 --by day --format tsv
same "stats --format gnuplot" stats --format gnuplot
same "show log" show log
same "show log --since -3w" show log --since -3w
same "show log --format tsv" show log --format tsv
same "show log --format csv" show log --format csv
same "show log --format json --since 2026-10" \
    show log --format json --since 2026-10
same "show log --exercise clamshell --until 2025-03" \
    show log --exercise clamshell --until 2025-03
same "show log --batches" show log --batches
same "show log --batches --since 2026-11" show log --batches --since 2026-11
same "show (the routine at its levels)" show
same "show clamshell (the card)" show clamshell
same "show --format json" show --format json
same "plan" plan
same "plan today" plan today
same "plan --weeks 4 --explain" plan --weeks 4 --explain
same "plan --weeks 3 --format tsv" plan --weeks 3 --format tsv
same "plan --week --format json" plan --week --format json
same "plan --weeks 2 --format csv" plan --weeks 2 --format csv
same "plan --weeks 4 --format ics" plan --weeks 4 --format ics
same "plan --calendar FILE" plan --calendar "$TOP/tests/calendar/runna.ics"
same "plan next" plan next

# The plan over two logs differs from the plan over one of them: the test
# above can fail.
"$PREHAB" --data "$T/mine.csv" plan --weeks 4 --format tsv >"$T/mine.plan" 2>/dev/null
"$PREHAB" --data "$T/merged.csv" plan --weeks 4 --format tsv >"$T/all.plan" 2>/dev/null
ok "the plan reads both logs, not the first" sh -c '! cmp -s "$1" "$2"' sh \
    "$T/mine.plan" "$T/all.plan"
"$PREHAB" --data "$T/club.csv" stats --format tsv >"$T/club.stats" 2>/dev/null
"$PREHAB" --data "$T/merged.csv" stats --format tsv >"$T/all.stats" 2>/dev/null
ok "stats reads both logs, not the last" sh -c '! cmp -s "$1" "$2"' sh \
    "$T/club.stats" "$T/all.stats"

# PREHAB_DATA holds a list; --data beats it.
"$PREHAB" --data "$T/merged.csv" stats --format tsv >"$T/want"
check "PREHAB_DATA=a:b" 0 "$(cat "$T/want")" "" -- \
    env PREHAB_DATA="$T/mine.csv:$T/club.csv" "$PREHAB" stats --format tsv
check "--data beats PREHAB_DATA's list" 0 "$(cat "$T/club.stats")" "" -- \
    env PREHAB_DATA="$T/mine.csv:$T/nowhere.csv" "$PREHAB" \
    --data "$T/club.csv" stats --format tsv
"$PREHAB" --data "$T/merged.csv" show log --format csv >"$T/want"
check "PREHAB_DATA=a:b, show log" 0 "$(cat "$T/want")" "" -- \
    env PREHAB_DATA="$T/mine.csv:$T/club.csv" "$PREHAB" show log --format csv
check "PREHAB_DATA with an empty element" 2 "" \
    "~^prehab: stats: PREHAB_DATA: empty path in '$T/mine.csv::$T/club.csv' \\(paths are separated by ':'; a path holding ':' needs --data\\)$" -- \
    env PREHAB_DATA="$T/mine.csv::$T/club.csv" "$PREHAB" stats
check "PREHAB_DATA ending in ':'" 2 "" \
    "~^prehab: plan: PREHAB_DATA: empty path in" -- \
    env PREHAB_DATA="$T/mine.csv:" "$PREHAB" plan
cp "$T/mine.csv" "$T/a:b.csv"
"$PREHAB" --data "$T/mine.csv" stats --format tsv >"$T/want" 2>/dev/null
check "a path holding ':' goes through --data" 0 "$(cat "$T/want")" "*" -- \
    prehab --data "$T/a:b.csv" stats --format tsv
check "show config names every log" 0 \
    "~^# also read: $T/club.csv ; option$" "" -- \
    prehab --data "$T/mine.csv" --data "$T/club.csv" show config

# Standard input may be one of them, once.
"$PREHAB" --data "$T/merged.csv" stats --format json >"$T/want"
cp "$T/mine.csv" "$T/stdin"
check "--data - --data FILE" 0 "$(cat "$T/want")" "" -- \
    prehab --data - --data "$T/club.csv" stats --format json
"$PREHAB" --data "$T/merged.csv" show log --format tsv >"$T/want"
cp "$T/club.csv" "$T/stdin"
check "--data FILE --data -, show log" 0 "$(cat "$T/want")" "" -- \
    prehab --data "$T/mine.csv" --data - show log --format tsv
"$PREHAB" --data "$T/merged.csv" plan --weeks 2 --format tsv >"$T/want"
cp "$T/club.csv" "$T/stdin"
check "--data FILE --data -, plan" 0 "$(cat "$T/want")" "" -- \
    prehab --data "$T/mine.csv" --data - plan --weeks 2 --format tsv
check "standard input twice" 2 "" \
    "~^prehab: stats: --data: the standard input \\('-'\\) can be read only once$" -- \
    prehab --data - --data - stats
check "standard input twice in PREHAB_DATA" 2 "" \
    "~^prehab: show log: PREHAB_DATA: the standard input \\('-'\\) can be read only once$" -- \
    env PREHAB_DATA=-:-:"$T/mine.csv" "$PREHAB" show log

# A log named but missing is an error for every reader, not an empty report.
miss="prehab: %s: cannot open '$T/nowhere.csv': No such file or directory"
for args in "stats" "stats --format tsv" "show log" "show log --format csv" \
    "show log --batches" "show" "show clamshell" "plan" "plan today" \
    "plan --weeks 4 --format ics"; do
	cmd=${args%% -*}
	cmd=${cmd% clamshell}
	cmd=${cmd% today}
	# shellcheck disable=SC2086
	check "missing log: $args" 66 "" "$(printf "$miss" "$cmd")" -- \
	    prehab --data "$T/mine.csv" --data "$T/nowhere.csv" $args
done
check "missing log alone" 66 "" "$(printf "$miss" stats)" -- \
    prehab --data "$T/nowhere.csv" stats
check "missing PREHAB_DATA element" 66 "" "$(printf "$miss" plan)" -- \
    env PREHAB_DATA="$T/nowhere.csv:$T/mine.csv" "$PREHAB" plan
check "a new user's default log is still an empty answer" 0 "" \
    "prehab: show log: no entries yet; log one with 'prehab log clamshell 2x10'" -- \
    env XDG_DATA_HOME="$T/fresh" "$PREHAB" show log

# Writers need one log and change none.
two="prehab: log: writes need one log, but 2 were given (--data)"
echo "$HDR" >"$T/import.csv"
echo "2026-11-20,08:00,clamshell,left,1,10,,,,,,x" >>"$T/import.csv"
b=$(tail -n 1 "$T/mine.csv" | sed 's/.*,//')
for args in "clamshell 2x10" "session --pain 1" "morning --pain 0" \
    "--undo" "--undo --dry-run" "--undo $b" "--import $T/import.csv" \
    "clamshell --dry-run"; do
	# shellcheck disable=SC2086
	check "log $args refuses two logs" 2 "" "$two" -- \
	    prehab --data "$T/mine.csv" --data "$T/club.csv" log $args
done
check "log refuses PREHAB_DATA's two logs" 2 "" \
    "prehab: log: writes need one log, but 2 were given (PREHAB_DATA)" -- \
    env PREHAB_DATA="$T/mine.csv:$T/club.csv" "$PREHAB" log bridge 2x10
check "log refuses three logs, one missing" 2 "" \
    "prehab: log: writes need one log, but 3 were given (--data)" -- \
    prehab --data "$T/mine.csv" --data "$T/club.csv" \
    --data "$T/nowhere.csv" log clamshell 2x10
check "go refuses two logs" 2 "" \
    "prehab: go: writes need one log, but 2 were given (--data)" -- \
    prehab --data "$T/mine.csv" --data "$T/club.csv" go --plain
same_file "the first log is unchanged" "$T/mine.orig" "$T/mine.csv"
same_file "the second log is unchanged" "$T/club.orig" "$T/club.csv"
ok "the missing log was not created" test ! -e "$T/nowhere.csv"

# Warnings name the file and line of each malformed row.
cat >"$T/w1.csv" <<'W'
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
2026-11-16,07:30,clamshell,left,1,12,,,,1,,w1
2026-11-17,07:30,clamshell,left,1,12,,,,12,,w1
W
cat >"$T/w2.csv" <<'W'
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
2026-11-18,07:30,clamshell,left,1,12,,,,1,,w2
2026-11-19,07:30,clamshell,left,1,12,,,,1,,w2
2026-11-20,07:30,clamshell,middle,1,12,,,,1,,w2
W
check "stats: each warning names its own file" 65 "*" \
    "$(printf '%s\n' \
    "prehab: $T/w1.csv:3: column 'pain': must be 0-10, got '12'" \
    "prehab: $T/w2.csv:4: column 'side': must be left, right or both, got 'middle'" \
    "prehab: stats: 2 malformed rows skipped")" -- \
    prehab --data "$T/w1.csv" --data "$T/w2.csv" stats --format tsv
cp "$T/w2.csv" "$T/stdin"
check "show log: standard input is named too" 65 "*" \
    "$(printf '%s\n' \
    "prehab: $T/w1.csv:3: column 'pain': must be 0-10, got '12'" \
    "prehab: (standard input):4: column 'side': must be left, right or both, got 'middle'")" -- \
    prehab --data "$T/w1.csv" --data - show log --format csv
check "plan: the warning names the second file" 65 "*" \
    "prehab: $T/w2.csv:4: column 'side': must be left, right or both, got 'middle'" -- \
    prehab --data "$T/mine.csv" --data "$T/w2.csv" plan today

done_testing
