#!/bin/sh
# prehab log and prehab show log: every dose form, session, backfilling,
# validation (the log unchanged byte for byte), undo, import, quoting,
# CRLF and BOM input, file modes, and independent readers of the file.
. "$(dirname "$0")/lib.sh"

LOG="$HOME/.local/share/prehab/log.csv"
HDR=date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
PY=/usr/bin/python3

# The log without its batch column (the last one), for exact comparison.
nobatch() {
	"$PY" -c '
import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
for row in csv.reader(open(sys.argv[1], newline="", encoding="utf-8")):
    w.writerow(row[:-1])
' "$1"
}

# unchanged DESC: the log is byte for byte what $T/before holds.
unchanged() {
	same_file "$1" "$T/before" "$LOG"
}

# ---- the first write creates the file -------------------------------------

check "first log" 0 "logged clamshell: L 3×15, R 3×15 (bodyweight) on 2026-11-24
No pain recorded: the dose holds until a session has one (--pain 0 counts)." \
    "" -- prehab log clamshell 3x15 --time 07:30
cat >"$T/want" <<'W'
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note
2026-11-24,07:30,clamshell,left,1,15,,bodyweight,,,
2026-11-24,07:30,clamshell,left,2,15,,bodyweight,,,
2026-11-24,07:30,clamshell,left,3,15,,bodyweight,,,
2026-11-24,07:30,clamshell,right,1,15,,bodyweight,,,
2026-11-24,07:30,clamshell,right,2,15,,bodyweight,,,
2026-11-24,07:30,clamshell,right,3,15,,bodyweight,,,
W
nobatch "$LOG" >"$T/got"
same_file "one row per set and side" "$T/want" "$T/got"
ok "header row first" sh -c "head -n 1 '$LOG' | grep -qx '$HDR'"
ok "one batch id for the command" sh -c \
    "[ \$(tail -n +2 '$LOG' | awk -F, '{print \$NF}' | sort -u | grep -c .) = 1 ]"
check "file mode 0600" 0 "600" "" -- stat -c %a "$LOG"
check "directory mode 0700" 0 "700" "" -- stat -c %a "${LOG%/*}"

# ---- dose forms -----------------------------------------------------------

# dose DESC WANT-STDOUT WANT-ROWS ARGS...: logs with --dry-run, compares
# the confirmation of the real run and the rows (without batch).
dose() {
	_d=$1 _out=$2 _rows=$3
	shift 3
	prehab log "$@" --time 09:00 --dry-run >"$T/dry"
	check "$_d" 0 "$_out" "" -- prehab log "$@" --time 09:00
	tail -n +2 "$T/dry" | cut -d, -f1-11 >"$T/got"
	printf '%s\n' "$_rows" | cmp -s - "$T/got" &&
	    tail -n "$(wc -l <"$T/got")" "$LOG" | cut -d, -f1-11 |
	    cmp -s - "$T/got"
	_t_result $((! $?)) "$_d: rows" "$(cat "$T/got")"
}

dose "3X15" "logged clamshell: L 3×15, R 3×15 (bodyweight) on 2026-11-24
No pain recorded: the dose holds until a session has one (--pain 0 counts)." \
"2026-11-24,09:00,clamshell,left,1,15,,bodyweight,,,
2026-11-24,09:00,clamshell,left,2,15,,bodyweight,,,
2026-11-24,09:00,clamshell,left,3,15,,bodyweight,,,
2026-11-24,09:00,clamshell,right,1,15,,bodyweight,,,
2026-11-24,09:00,clamshell,right,2,15,,bodyweight,,,
2026-11-24,09:00,clamshell,right,3,15,,bodyweight,,," clam 3X15
dose "3×15 and an alias" \
    "logged single-leg-squat: L 2×12, R 2×12 (assisted) on 2026-11-24
No pain recorded: the dose holds until a session has one (--pain 0 counts)." \
"2026-11-24,09:00,single-leg-squat,left,1,12,,assisted,,,
2026-11-24,09:00,single-leg-squat,left,2,12,,assisted,,,
2026-11-24,09:00,single-leg-squat,right,1,12,,assisted,,,
2026-11-24,09:00,single-leg-squat,right,2,12,,assisted,,," sls 2×12
dose "bare reps keep the prescribed sets" \
    "logged step-down: L 2×12, R 2×12 (low-step) on 2026-11-24
No pain recorded: the dose holds until a session has one (--pain 0 counts)." \
"2026-11-24,09:00,step-down,left,1,12,,low-step,,,
2026-11-24,09:00,step-down,left,2,12,,low-step,,,
2026-11-24,09:00,step-down,right,1,12,,low-step,,,
2026-11-24,09:00,step-down,right,2,12,,low-step,,," step-down 12
dose "no dose: the prescribed one, and the exercise's hold" \
    "logged glute-bridge: 2×10 (two-leg) on 2026-11-24
No pain recorded: the dose holds until a session has one (--pain 0 counts)." \
"2026-11-24,09:00,glute-bridge,both,1,10,2,two-leg,,,
2026-11-24,09:00,glute-bridge,both,2,10,2,two-leg,,," bridge
dose "--sets, --reps, --side, --variant prefix, rpe, pain, note" \
    "logged clamshell: L 3×12 (heavy-band) on 2026-11-24" \
"2026-11-24,09:00,clamshell,left,1,12,,heavy-band,6,1,tight
2026-11-24,09:00,clamshell,left,2,12,,heavy-band,6,1,tight
2026-11-24,09:00,clamshell,left,3,12,,heavy-band,6,1,tight" \
    clamshell --sets 3 --reps 12 --side left --variant he --rpe 6 \
    --pain 1 --note tight
dose "--side right and --sets with a bare reps" \
    "logged step-down: R 1×8 (low-step) on 2026-11-24
No pain recorded: the dose holds until a session has one (--pain 0 counts)." \
    "2026-11-24,09:00,step-down,right,1,8,,low-step,,," \
    step-down 8 --sets 1 --side right
dose "--side both on a per-side exercise logs each side" \
    "logged clamshell: L 1×10, R 1×10 (bodyweight) on 2026-11-24
No pain recorded: the dose holds until a session has one (--pain 0 counts)." \
"2026-11-24,09:00,clamshell,left,1,10,,bodyweight,,,
2026-11-24,09:00,clamshell,right,1,10,,bodyweight,,," clam 1x10 --side both
dose "--hold and the limits of every range" \
    "logged glute-bridge: 10×100 (marching) on 2026-11-24
Pain 10 is red: see 'prehab plan' before the next session." \
"$(for i in 1 2 3 4 5 6 7 8 9 10; do
	echo "2026-11-24,09:00,glute-bridge,both,$i,100,600,marching,10,10,"
done)" bridge 10x100 --hold 600 --variant march --rpe 10 --pain 10
dose "the low limits" "logged glute-bridge: 1×1 (two-leg) on 2026-11-24" \
    "2026-11-24,09:00,glute-bridge,both,1,1,,two-leg,1,0," \
    bridge 1x1 --hold 0 --rpe 1 --pain 0
# With no dose, the dose the progression has reached: two easy sessions
# at 2x10 earn 2x12, two more 2x15.
P="$T/progress.csv"
for d in 2026-11-10 2026-11-12 2026-11-14 2026-11-17; do
	prehab --data "$P" log clam --date $d --pain 0 --rpe 5 >>"$T/progress.out"
done
check "no dose: the dose progression has reached" 0 \
    "logged clamshell: L 2×15, R 2×15 (bodyweight) on 2026-11-24
No pain recorded: the dose holds until a session has one (--pain 0 counts)." "" -- \
    prehab --data "$P" log clam --time 09:00
check "on the way up" 0 "logged clamshell: L 2×10, R 2×10 (bodyweight) on 2026-11-10
logged clamshell: L 2×10, R 2×10 (bodyweight) on 2026-11-12
logged clamshell: L 2×12, R 2×12 (bodyweight) on 2026-11-14
logged clamshell: L 2×12, R 2×12 (bodyweight) on 2026-11-17" "" -- \
    cat "$T/progress.out"
check "a bare reps takes the sets progression has reached" 0 \
    "logged clamshell: L 2×8, R 2×8 (bodyweight) on 2026-11-24
No pain recorded: the dose holds until a session has one (--pain 0 counts)." "" -- \
    prehab --data "$P" log clam 8 --time 09:30
check "options before the exercise" 0 "*" "" -- \
    prehab log --pain 0 --time 09:00 clam 2x10
check "time defaults to now for today" 0 "*" "" -- prehab log clam
ok "the time is a real HH:MM" sh -c \
    "tail -n 1 '$LOG' | grep -Eq '^2026-11-24,[0-2][0-9]:[0-5][0-9],clamshell,'"

cp "$LOG" "$T/before"
check "--dry-run prints the rows" 0 "$HDR
2026-11-24,07:05,glute-bridge,both,1,10,2,two-leg,,,,
2026-11-24,07:05,glute-bridge,both,2,10,2,two-leg,,,," "" -- \
    prehab log bridge --time 07:05 --dry-run
unchanged "--dry-run writes nothing"

# ---- pain gets a plain word -----------------------------------------------

check "red pain adds a one-line pointer" 0 "logged glute-bridge: 2×10 (two-leg) on 2026-11-24
Pain 6 is red: see 'prehab plan' before the next session." \
    "" -- prehab log bridge --pain 6 --time 10:00
check "pain below step_back_pain: no reminder" 0 \
    "logged glute-bridge: 2×10 (two-leg) on 2026-11-24" "" -- \
    prehab log bridge --pain 3 --time 10:00
mkdir -p "$HOME/.config/prehab"
printf '[plan]\nstep_up_max_pain = 1\nstep_back_pain = 2\n' >"$HOME/.config/prehab/config.ini"
check "the threshold comes from the config" 0 "~^Pain 2 is red" "" -- \
    prehab log bridge --pain 2 --time 10:00
rm "$HOME/.config/prehab/config.ini"

# ---- session --------------------------------------------------------------

check "session logs the whole routine" 0 "logged single-leg-squat: L 2×10, R 2×10 (assisted) on 2026-11-24
logged glute-bridge: 2×10 (two-leg) on 2026-11-24
logged clamshell: L 2×10, R 2×10 (bodyweight) on 2026-11-24
logged step-down: L 2×10, R 2×10 (low-step) on 2026-11-24" "" -- \
    prehab log session --again --time 18:00 --pain 1 --rpe 5 \
    --note "easy run first"
ok "session: 14 rows in one batch, pain, rpe and note on each" sh -c "
	tail -n 14 '$LOG' | grep -c '^2026-11-24,18:00,.*,5,1,easy run first,' |
	    grep -qx 14 &&
	[ \$(tail -n 14 '$LOG' | awk -F, '{print \$NF}' | sort -u | wc -l) = 1 ] &&
	[ \$(tail -n 15 '$LOG' | awk -F, '{print \$NF}' | sort -u | wc -l) = 2 ]"
printf '[exercise.clamshell]\nenabled = no\n' >"$HOME/.config/prehab/config.ini"
check "session skips a disabled exercise" 0 "exercise
single-leg-squat
glute-bridge
step-down" "" -- sh -c \
    '"$PREHAB" log session --date yesterday --dry-run | cut -d, -f3 | uniq' 
rm "$HOME/.config/prehab/config.ini"

# ---- backfilling ----------------------------------------------------------

check "--date yesterday" 0 "logged clamshell: L 2×10, R 2×10 (bodyweight) on 2026-11-23
No pain recorded: the dose holds until a session has one (--pain 0 counts)." \
    "" -- prehab log clam --date yesterday
ok "a past day gets an empty time" sh -c \
    "tail -n 1 '$LOG' | grep -q '^2026-11-23,,clamshell,right,2,10,'"
check "--date sun is the last Sunday" 0 "~^2026-11-22,,clamshell," "" -- \
    prehab log clam --date sun --dry-run
check "--date tuesday is today" 0 "~ on 2026-11-24$" "" -- \
    prehab log clam --date tuesday --time 07:00
check "--date wed is last week's" 0 "~ on 2026-11-18$" "" -- \
    prehab log clam --date wed
check "--date -3d" 0 "~ on 2026-11-21$" "" -- prehab log clam --date -3d
cp "$LOG" "$T/before"
check "a future date is refused" 2 "" \
    "prehab: log: 2026-11-30 is in the future (use --force to log it anyway)" \
    -- prehab log clam --date 2026-11-30
check "so is tomorrow" 2 "" \
    "prehab: log: 2026-11-25 is in the future (use --force to log it anyway)" \
    -- prehab log session --date tomorrow
unchanged "nothing written for a future date"
check "--force logs it" 0 "~ on 2026-11-30$" "" -- \
    prehab log clam --date 2026-11-30 --force
check "--undo takes it back" 0 "~^removed 4 rows of the last log command:$" \
    "" -- prehab log --undo
unchanged "undo restores the log byte for byte"

# ---- validation: message, status 2, and the log untouched -----------------

# bad DESC STDERR ARGS...: exit 2, nothing on stdout, the log unchanged.
bad() {
	_d=$1 _e=$2
	shift 2
	check "$_d" 2 "" "$_e" -- prehab log "$@"
	unchanged "$_d: log unchanged"
}

bad "unknown exercise" \
    "prehab: log: unknown exercise 'clamshelx' (did you mean 'clamshell'?)" \
    clamshelx 3x15
bad "ambiguous exercise" \
    "~^prehab: log: ambiguous exercise 's': " s
bad "malformed dose" \
    "prehab: log: bad dose '3x' (use SETSxREPS such as 3x15, or REPS)" clam 3x
bad "dose with junk" \
    "prehab: log: bad dose '3x15x' (use SETSxREPS such as 3x15, or REPS)" \
    clam 3x15x
bad "dose that is a word" \
    "prehab: log: bad dose 'ten' (use SETSxREPS such as 3x15, or REPS)" clam ten
bad "too many sets" "prehab: log: sets must be 1-10, got '11'" clam 11x10
bad "zero sets" "prehab: log: sets must be 1-10, got '0'" clam 0x10
bad "too many reps" "prehab: log: reps must be 1-100, got '101'" clam 2x101
bad "zero reps" "prehab: log: reps must be 1-100, got '0'" clam 0
bad "--sets out of range" "prehab: log: sets must be 1-10, got '12'" \
    clam --sets 12
bad "--reps not a number" "prehab: log: reps must be 1-100, got '1O'" \
    clam --reps 1O
bad "--hold out of range" "prehab: log: hold must be 0-600, got '601'" \
    bridge --hold 601
bad "--hold negative" "prehab: log: hold must be 0-600, got '-1'" \
    bridge --hold -1
bad "--rpe 0" "prehab: log: rpe must be 1-10, got '0'" clam --rpe 0
bad "--rpe 11" "prehab: log: rpe must be 1-10, got '11'" clam --rpe 11
bad "--pain 12" "prehab: log: pain must be 0-10, got '12'" clam --pain 12
bad "--pain with a decimal" "prehab: log: pain must be 0-10, got '2.5'" \
    clam --pain 2.5
bad "no such day" "prehab: log: no such day '2026-02-30'" \
    clam --date 2026-02-30
bad "bad date" "~^prehab: log: bad date 'someday' \(use YYYY-MM-DD" \
    clam --date someday
bad "bad time" "prehab: log: time must be HH:MM (00:00-23:59), got '25:00'" \
    clam --time 25:00
bad "time without a leading zero" \
    "prehab: log: time must be HH:MM (00:00-23:59), got '7:30'" \
    clam --time 7:30
bad "note with invalid UTF-8" "prehab: log: note is not valid UTF-8" \
    clam --note "$(printf 'ok \377 no')"
bad "note with an overlong encoding" "prehab: log: note is not valid UTF-8" \
    clam --note "$(printf '\300\257')"
bad "note over 4096 bytes" \
    "prehab: log: note must be at most 4096 bytes, got 4097" \
    clam --note "$(head -c 4097 /dev/zero | tr '\0' a)"
bad "bad side" "prehab: log: side must be left, right or both, got 'up'" \
    clam --side up
bad "unknown variant" "~^prehab: log: unknown variant 'rubber' for clamshell" \
    clam --variant rubber
bad "dose given twice" \
    "prehab: log: the dose is given twice: '3x15' and --reps" \
    clam 3x15 --reps 12
bad "sets given twice" \
    "prehab: log: the dose is given twice: '3x15' and --sets" \
    clam 3x15 --sets 2
bad "no exercise" "~^prehab: log: missing EXERCISE" --pain 1
bad "too many arguments" "~^prehab: log: too many arguments: 'now'" \
    clam 3x15 now
bad "session takes no dose option" \
    "~^prehab: log: --variant cannot be used with session" \
    session --variant band
bad "session takes no operand" "~^prehab: log: too many arguments: '3x15'" \
    session 3x15
bad "--side left on an exercise not done per side" \
    "prehab: log: glute-bridge is not done per side: leave out --side left" \
    bridge --side left
bad "--side right too" \
    "prehab: log: glute-bridge is not done per side: leave out --side right" \
    bridge 2x10 --side right
bad "--undo takes one batch id at most" \
    "~^prehab: log: too many arguments: 'clam'" --undo b1 clam
cp "$LOG" "$T/before"
check "--undo with an unknown batch id" 1 "" \
    "prehab: log: nothing to undo: no row has batch id 'clam' (see 'prehab show log --batches')" \
    -- prehab log --undo clam
unchanged "an unknown batch id changes nothing"
bad "--undo takes no --pain" \
    "~^prehab: log: --pain cannot be used with --undo" --undo --pain 1
bad "--import with --note" \
    "~^prehab: log: --note cannot be used with --import" --import x --note y
bad "--undo and --import" \
    "~^prehab: log: --undo and --import cannot go together" \
    --undo --import x
bad "unknown option" \
    "~^prehab: log: unknown option '--pian' \(did you mean '--pain'\?\)" \
    clam --pian 2
bad "validation comes before the future check" \
    "prehab: log: pain must be 0-10, got '11'" clam --pain 11 --force
check "the standard input is no log to write" 2 "" \
    "prehab: log: the log cannot be standard input when writing: name a file with --data" \
    -- prehab --data - log clam
unchanged "still unchanged"
check "--help" 0 "~^usage: prehab log \[OPTIONS\] EXERCISE" "" -- \
    prehab log --help
check "no HOME, no --data" 78 "" \
    "prehab: log: cannot find the log: set HOME, XDG_DATA_HOME or use --data" \
    -- env -u HOME -u XDG_DATA_HOME "$PREHAB" log clam

# ---- undo -----------------------------------------------------------------

U="$T/undo.csv"
check "undo on a missing log" 1 "" \
    "prehab: log: nothing to undo: the log is empty" -- \
    prehab --data "$U" log --undo
prehab --data "$U" log bridge 1x10 --time 06:00 >/dev/null
cp "$U" "$T/one"
prehab --data "$U" log clam 1x12 --time 06:10 --note "a, b" >/dev/null
check "undo --dry-run shows the rows" 0 "*" "" -- \
    prehab --data "$U" log --undo --dry-run
cut -d, -f1-11 "$T/out" >"$T/got"
cat >"$T/want" <<'W'
Would undo the clamshell log of Tue 2026-11-24 06:10: L 1×12, R 1×12 (bodyweight)
would remove 2 rows of the last log command:
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note
2026-11-24,06:10,clamshell,left,1,12,,bodyweight,,,"a
2026-11-24,06:10,clamshell,right,1,12,,bodyweight,,,"a
W
same_file "undo --dry-run lists the last command's rows" "$T/want" "$T/got"
check "undo removes them" 0 "~^removed 2 rows of the last log command:$" "" \
    -- prehab --data "$U" log --undo
same_file "undo leaves the earlier rows byte for byte" "$T/one" "$U"
check "undo again removes the command before" 0 \
    "~^2026-11-24,06:00,glute-bridge,both,1,10,2,two-leg,,,,[0-9a-z]" "" \
    -- prehab --data "$U" log --undo
check "and then the log is empty" 1 "" \
    "prehab: log: nothing to undo: the log is empty" -- \
    prehab --data "$U" log --undo
printf '%s\n' "$HDR" "2026-11-20,,clamshell,left,1,10,,,,,by hand," >"$T/hand.csv"
cp "$T/hand.csv" "$T/hand.before"
check "undo refuses rows added by hand" 65 "" \
    "prehab: log: the last row has no batch id; nothing to undo" -- \
    prehab --data "$T/hand.csv" log --undo
check "so does undo --dry-run" 65 "" \
    "prehab: log: the last row has no batch id; nothing to undo" -- \
    prehab --data "$T/hand.csv" log --undo --dry-run
same_file "the hand-written log is left alone" "$T/hand.before" "$T/hand.csv"
# --undo --dry-run is --undo stopped before the rename: they agree.
prehab --data "$T/tornlast.csv" log clamshell 2x10 >/dev/null
printf '2026-11-24,,clamshell,left,1,500,,,,,,x\n' >>"$T/tornlast.csv"
cp "$T/tornlast.csv" "$T/tornlast.before"
check "undo refuses a log whose last row is malformed" 65 "" \
    "prehab: log: $T/tornlast.csv:6: the last row is malformed; nothing undone" \
    -- prehab --data "$T/tornlast.csv" log --undo
check "so does undo --dry-run, with the same line and status" 65 "" \
    "prehab: log: $T/tornlast.csv:6: the last row is malformed; nothing undone" \
    -- prehab --data "$T/tornlast.csv" log --undo --dry-run
same_file "and neither changes the log" "$T/tornlast.before" \
    "$T/tornlast.csv"
check "a dry run leaves no temporary file" 0 "0" "" -- \
    sh -c "ls -a '$T' | grep -c prehab-tmp; true"
# --undo BATCH takes back a command from the middle of the log.
M="$T/mid.csv"
prehab --data "$M" log clam 1x10 --time 06:00 >/dev/null
prehab --data "$M" log bridge 2x12 --date mon --note "a, \"quoted\"" \
    >/dev/null
prehab --data "$M" log step 1x8 --side left --time 07:00 >/dev/null
check "show log --batches lists each command with its id" 0 \
    "~^[0-9]{8}T[0-9.]+Z-[0-9a-f]+  mon 2026-11-23        2 rows  glute-bridge$" \
    "" -- prehab --data "$M" show log --batches
prehab --data "$M" show log --batches >"$T/batches"
ok "--batches: three lines, oldest first" sh -c \
    "[ \$(wc -l <'$T/batches') = 3 ] && sed -n 1p '$T/batches' | grep -q ' 2 rows  clamshell\$' && sed -n 3p '$T/batches' | grep -q ' 1 row   step-down\$'"
MID=$(sed -n 2p "$T/batches" | cut -d' ' -f1)
grep -v "$MID" "$M" >"$T/mid.want"
cp "$M" "$T/mid.before"
check "--undo BATCH --dry-run names that command" 0 \
    "~^Would undo the glute-bridge log of Mon 2026-11-23: 2×12 \\(two-leg\\)$" \
    "" -- prehab --data "$M" log --undo "$MID" --dry-run
same_file "--undo BATCH --dry-run writes nothing" "$T/mid.before" "$M"
check "--undo BATCH removes it" 0 \
    "~^removed 2 rows of that log command:$" "" -- \
    prehab --data "$M" log --undo "$MID"
same_file "the rows before and after stay byte for byte" "$T/mid.want" "$M"
check "the same id again: nothing to undo" 1 "" \
    "prehab: log: nothing to undo: no row has batch id '$MID' (see 'prehab show log --batches')" \
    -- prehab --data "$M" log --undo "$MID"
FIRST=$(sed -n 1p "$T/batches" | cut -d' ' -f1)
sed "2s/,06:00,clamshell,left,1,10,/,06:00,clamshell,left,1,999,/" "$M" \
    >"$T/mid2.csv"
cp "$T/mid2.csv" "$T/mid2.before"
check "--undo BATCH refuses when a row of it is malformed" 65 "" \
    "~^prehab: log: $T/mid2.csv:2: a row of that command is malformed; nothing undone" \
    -- prehab --data "$T/mid2.csv" log --undo "$FIRST"
same_file "and leaves the log alone" "$T/mid2.before" "$T/mid2.csv"
check "--batches --until: only commands until then" 0 \
    "$(sed -n 2p "$T/batches")" "" -- \
    prehab --data "$T/mid.before" show log --batches --since -1w \
    --until yesterday
check "--batches with --format is refused" 2 "*" \
    "~^prehab: show log: --batches goes with --since and --until only" -- \
    prehab --data "$M" show log --batches --format csv
prehab --data "$T/words.csv" log session --time 18:00 --pain 1 >/dev/null
check "undo names a session's exercises and doses" 0 \
    "~^Undone the session log of Tue 2026-11-24 18:00: single-leg-squat L 2×10, R 2×10 \\(assisted\\); glute-bridge 2×10 \\(two-leg\\); clamshell L 2×10, R 2×10 \\(bodyweight\\); step-down L 2×10, R 2×10 \\(low-step\\)$" \
    "" -- prehab --data "$T/words.csv" log --undo
prehab --data "$T/words.csv" log morning --pain 3 --side left --date mon \
    --time 07:15 >/dev/null
check "undo names a morning check-in" 0 \
    "~^Undone the morning check-in of Mon 2026-11-23 07:15: L pain 3$" "" -- \
    prehab --data "$T/words.csv" log --undo
printf '%s\n' "$HDR" "2026-11-20,18:00,glute-bridge,both,1,12,,,,,," \
    "2026-11-20,18:00,glute-bridge,both,2,10,,,,,," >"$T/w.csv"
prehab --data "$T/words.csv" log --import "$T/w.csv" >/dev/null
check "uneven sets are counted, not misquoted" 0 \
    "~^Would undo the glute-bridge log of Fri 2026-11-20 18:00: 2 sets$" "" -- \
    prehab --data "$T/words.csv" log --undo --dry-run
printf '%s\n' "2026-11-21,,clamshell,left,1,12,,,,,," >>"$T/w.csv"
prehab --data "$T/w2.csv" log --import "$T/w.csv" >/dev/null
check "an import of several days is counted" 0 \
    "~^Undone the import of 3 rows dated 2026-11-20 to 2026-11-21$" "" -- \
    prehab --data "$T/w2.csv" log --undo
ok "an undone log keeps its header" sh -c "[ \"\$(cat '$U')\" = '$HDR' ]"

# ---- import ---------------------------------------------------------------

I="$T/import.csv"
cat >"$T/in.csv" <<'W'
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
2026-11-10,07:00,clamshell,left,1,12,,band,5,0,"first, with a comma",x1
2026-11-10,07:00,clamshell,right,1,12,,band,5,0,"first, with a comma",x1
2026-11-12,,glute-bridge,both,1,10,2,two-leg,,,,
W
check "import" 0 "imported 3 rows, skipped 0 duplicates" "" -- \
    prehab --data "$I" log --import "$T/in.csv"
cut -d, -f1-11 "$T/in.csv" >"$T/want"
cut -d, -f1-11 "$I" >"$T/got"
same_file "imported rows are the input's" "$T/want" "$T/got"
ok "an import is one batch" sh -c \
    "[ \$(tail -n +2 '$I' | awk -F, '{print \$NF}' | sort -u | wc -l) = 1 ]"
cp "$I" "$T/before.i"
check "import twice: all skipped" 0 "imported 0 rows, skipped 3 duplicates" \
    "" -- prehab --data "$I" log --import "$T/in.csv"
same_file "importing twice changes nothing" "$T/before.i" "$I"
printf '%s\n' "$HDR" "2026-11-13,07:00,step-down,left,1,10,,low-step,,,," \
    "2026-11-12,,glute-bridge,both,1,10,2,two-leg,,,,zz" >"$T/stdin"
check "import from stdin, one new and one duplicate" 0 \
    "imported 1 row, skipped 1 duplicate" "" -- \
    prehab --data "$I" log --import -
cp "$I" "$T/before.i"
cat >"$T/bad.csv" <<'W'
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
2026-11-14,07:00,clamshell,left,1,12,,band,5,0,,
2026-11-14,07:00,clamshell,right,1,12,,band,5,12,,
W
check "a bad row: nothing imported" 65 "" \
    "prehab: log: $T/bad.csv:3: column 'pain': must be 0-10, got '12'
prehab: log: nothing imported: 1 bad row in $T/bad.csv" -- \
    prehab --data "$I" log --import "$T/bad.csv"
same_file "a bad import leaves the log alone" "$T/before.i" "$I"
printf '%s\n' "$HDR" "2026-11-14,07:00,clam,left,1,12,,band,5,0,," \
    "2026-11-14,07:00,kneeling-lunge,left,1,12,,,5,0,," >"$T/bad2.csv"
check "unknown exercises in an import" 65 "" \
    "prehab: log: $T/bad2.csv:2: column 'exercise': unknown exercise 'clam' (did you mean 'clamshell'?)
prehab: log: $T/bad2.csv:3: column 'exercise': unknown exercise 'kneeling-lunge' (see 'prehab show')
prehab: log: nothing imported: 2 bad rows in $T/bad2.csv" -- \
    prehab --data "$I" log --import "$T/bad2.csv"
same_file "unknown exercises leave the log alone" "$T/before.i" "$I"
printf '%s\n' "$HDR" "2026-11-24,07:00,clamshell,left,1,12,,band,5,0,," \
    "2026-11-25,07:00,clamshell,left,1,12,,band,5,0,," >"$T/future.csv"
check "an import refuses rows after today" 65 "" \
    "prehab: log: $T/future.csv:3: column 'date': 2026-11-25 is after today (use --force to import it anyway)
prehab: log: nothing imported: 1 bad row in $T/future.csv" -- \
    prehab --data "$I" log --import "$T/future.csv"
same_file "a future import leaves the log alone" "$T/before.i" "$I"
check "import --force takes them" 0 "imported 2 rows, skipped 0 duplicates" \
    "" -- prehab --data "$I" log --import "$T/future.csv" --force
prehab --data "$I" log --undo >/dev/null
same_file "and undo takes them back" "$T/before.i" "$I"
check "import a missing file" 66 "" \
    "prehab: log: cannot open '$T/nope.csv': No such file or directory" -- \
    prehab --data "$I" log --import "$T/nope.csv"
head -n 2 "$T/bad.csv" >"$T/good.csv"
check "import --dry-run prints the rows" 0 "$HDR
2026-11-14,07:00,clamshell,left,1,12,,band,5,0,," "" -- \
    prehab --data "$I" log --import "$T/good.csv" --dry-run
same_file "import --dry-run writes nothing" "$T/before.i" "$I"
check "undo takes the last import back" 0 \
    "~^removed 1 row of the last log command:$" "" -- \
    prehab --data "$I" log --undo

# The log's own export imports into a fresh log unchanged, CRLF and BOM too.
prehab --data "$I" show log --format csv >"$T/export.csv"
check "export, import into an empty log" 0 "imported 3 rows, skipped 0 duplicates" \
    "" -- prehab --data "$T/copy.csv" log --import "$T/export.csv"
nobatch "$I" >"$T/a"
nobatch "$T/copy.csv" >"$T/b"
same_file "the copy holds the same rows" "$T/a" "$T/b"
printf '\357\273\277' >"$T/crlf.csv"
sed 's/$/\r/' "$T/export.csv" >>"$T/crlf.csv"
check "a CRLF file with a BOM imports as duplicates" 0 \
    "imported 0 rows, skipped 3 duplicates" "" -- \
    prehab --data "$T/copy.csv" log --import "$T/crlf.csv"
check "show log reads a CRLF log with a BOM" 0 "$(cat "$T/export.csv")" "" \
    -- prehab --data "$T/crlf.csv" show log --format csv
# Columns are found by name: reordered, with an extra one, batch missing.
printf '%s\n' "note,reps,set,side,exercise,date,extra,hold_s" \
    "by name,9,1,left,clamshell,2026-11-15,whatever,0" >"$T/reorder.csv"
check "columns found by name" 0 "imported 1 row, skipped 0 duplicates" "" \
    -- prehab --data "$I" log --import "$T/reorder.csv"
check "and stored in the log's order" 0 \
    "~^2026-11-15,,clamshell,left,1,9,,,,,by name,[0-9a-fTZ.-]+$" "" -- \
    tail -n 1 "$I"
check "undo the one row" 0 "~^removed 1 row of the last log command:$" "" \
    -- prehab --data "$I" log --undo

check "undo takes a whole import back" 0 \
    "~^removed 3 rows of the last log command:$" "" -- \
    prehab --data "$I" log --undo
check "and the header is left" 0 "$HDR" "" -- cat "$I"

# ---- notes that need quoting survive the round trip -------------------------

N="$T/notes.csv"
note1='a, "quoted" word'
note2="two
lines, and a tab	here"
note3='=SUM(A1:A9)'
note4='-12 and @x and +1'
prehab --data "$N" log bridge 1x10 --time 08:00 --note "$note1" >/dev/null
prehab --data "$N" log bridge 1x11 --time 08:10 --note "$note2" >/dev/null
prehab --data "$N" log clam 1x12 --side left --time 08:20 --note "$note3" \
    >/dev/null
prehab --data "$N" log clam 1x13 --side right --time 08:30 \
    --note "$note4" >/dev/null
check "notes are read back as written" 0 "$note1
$note2
$note3
$note4" "" -- "$PY" -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    print(r["note"])' "$N"
prehab --data "$N" show log --format csv >"$T/n.csv"
check "show log csv round-trips through import" 0 \
    "imported 4 rows, skipped 0 duplicates" "" -- \
    prehab --data "$T/n2.csv" log --import "$T/n.csv"
nobatch "$N" >"$T/a"
nobatch "$T/n2.csv" >"$T/b"
same_file "notes survive export and import" "$T/a" "$T/b"
check "formula-like text is stored as typed" 0 "*" "" -- \
    grep -q '^2026-11-24,08:20,clamshell,left,1,12,,bodyweight,,,=SUM(A1:A9),' "$N"

# ---- show log ---------------------------------------------------------------

S="$T/show.csv"
cat >"$S" <<'W'
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
2026-11-20,07:00,clamshell,left,1,15,,band,,1,,b1
2026-11-20,07:00,clamshell,left,2,15,,band,,1,,b1
2026-11-20,07:00,clamshell,right,1,15,,band,,1,,b1
2026-11-20,07:00,clamshell,right,2,15,,band,,1,,b1
2026-11-20,07:00,glute-bridge,both,1,12,2,two-leg,6,0,"good, strong",b1
2026-11-20,07:00,glute-bridge,both,2,10,2,two-leg,7,0,"good, strong",b1
2026-11-22,,step-down,left,1,10,,low-step,,6,"sore
knee",b2
2026-11-24,18:30,clamshell,left,1,12,,band,,,,b3
2026-11-24,18:30,clamshell,left,2,12,,band,,,,b3
W
check "show log text" 0 "2026-11-20 Friday
  07:00  clamshell     L 2×15  R 2×15  band     pain 1
  07:00  glute-bridge  12,10           two-leg  hold 2 s  pain 0  rpe 6-7  good,
                                                strong

2026-11-22 Sunday
  step-down  L 1×10  low-step  pain 6  sore knee

2026-11-24 Tuesday
  18:30  clamshell  L 2×12  band" "" -- prehab --data "$S" show log
check "show log --since --exercise" 0 "2026-11-24 Tuesday
  18:30  clamshell  L 2×12  band" "" -- \
    prehab --data "$S" show log --since -3d --exercise clam
check "show log --until, repeated --exercise" 0 "2026-11-20 Friday
  07:00  clamshell  L 2×15  R 2×15  band  pain 1

2026-11-22 Sunday
  step-down  L 1×10  low-step  pain 6  sore knee" "" -- \
    prehab --data "$S" show log --until 2026-11-22 --exercise clam \
    --exercise step-down
check "show log, nothing matches" 0 "" "prehab: show log: no log entries match" \
    -- prehab --data "$S" show log --since today --exercise bridge
check "show log in ASCII" 0 "~^  18:30  clamshell  L 2x12  band$" "" -- \
    env LC_ALL=C "$PREHAB" --data "$S" show log
check "show log --format csv is the log" 0 "$(cat "$S")" "" -- \
    prehab --data "$S" show log --format csv
check "show log --format tsv" 0 "date	time	exercise	side	set	reps	hold_s	variant	rpe	pain	note	batch
2026-11-22		step-down	left	1	10		low-step		6	sore knee	b2" "" -- \
    prehab --data "$S" show log --format tsv --since 2026-11-21 \
    --until 2026-11-23
check "show log --safe defuses formulas, not numbers" 0 \
    "$HDR
2026-11-24,08:10,glute-bridge,both,1,11,2,two-leg,,,\"two
lines, and a tab	here\",B
2026-11-24,08:20,clamshell,left,1,12,,bodyweight,,,'=SUM(A1:A9),B
2026-11-24,08:30,clamshell,right,1,13,,bodyweight,,,'-12 and @x and +1,B" \
    "" -- sh -c "\"\$PREHAB\" --data '$N' show log --format csv --safe |
	sed '1!s/,[0-9A-Za-z.-]*\$/,B/' | grep -v quoted"
check "--safe with tsv" 0 \
    "~^2026-11-24	08:20	clamshell	left	1	12		bodyweight			'=SUM\(A1:A9\)	" \
    "" -- prehab --data "$N" show log --format tsv --safe
check "--safe needs csv or tsv" 2 "" "~^prehab: show log: --safe is for --format csv or tsv$" \
    -- prehab --data "$N" show log --safe
check "show log bad --format" 2 "" \
    "~^prehab: show log: --format must be text, csv, tsv or json, got 'xml'$" -- \
    prehab show log --format xml
check "show log unknown exercise" 2 "" \
    "prehab: show log: unknown exercise 'clamshelx' (did you mean 'clamshell'?)" \
    -- prehab show log --exercise clamshelx
check "show log bad date" 2 "" "~^prehab: show log: bad date 'soon'" -- \
    prehab show log --since soon
check "show log extra argument" 2 "" \
    "~^prehab: show log: too many arguments: 'now'$" -- prehab show log now
check "show log --help" 0 "~^usage: prehab show log " "" -- \
    prehab show log --help
check "show log on a missing log: a hint" 0 "" \
    "prehab: show log: no entries yet; log one with 'prehab log clamshell 2x10'" \
    -- env XDG_DATA_HOME="$T/nodata" "$PREHAB" show log
check "csv of a missing log: the header" 0 "$HDR" "" -- \
    env XDG_DATA_HOME="$T/nodata" "$PREHAB" show log --format csv
check "show log reads stdin with --data -" 0 "~^  18:30  clamshell  L 2×12  band$" \
    "" -- sh -c "\"\$PREHAB\" --data - show log <'$S'"
ok "show log has no trailing spaces" sh -c \
    "! \"\$PREHAB\" --data '$S' show log | grep -q ' \$'"
ok "no colour on a pipe" sh -c \
    "! \"\$PREHAB\" --data '$S' show log | grep -q \"\$(printf '\033')\""
ok "pain at step_back_pain shows in red" sh -c \
    "\"\$PREHAB\" --color=always --data '$S' show log | grep -q \"\$(printf '\033')\\[31mpain 6\""

# Malformed rows: a warning each, the good rows still shown, exit 65.
M="$T/malformed.csv"
cat >"$M" <<'W'
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
2026-11-20,07:00,clamshell,left,1,15,,band,,11,,b1
2026-11-20,07:00,clamshell,left,2,15,,band,,1,,b1
2026-13-20,07:00,clamshell,left,2,15,,band,,1,,b1
W
check "malformed rows warn and exit 65" 65 "2026-11-20 Friday
  07:00  clamshell  L 1×15  band  pain 1" \
    "~^prehab: $M:2: column 'pain': must be 0-10, got '11'$" -- \
    prehab --data "$M" show log
check "malformed rows in csv" 65 "$HDR
2026-11-20,07:00,clamshell,left,2,15,,band,,1,,b1" "~:4: column 'date'" \
    -- prehab --data "$M" show log --format csv

# ---- independent readers agree --------------------------------------------

if command -v sqlite3 >/dev/null 2>&1; then
	rows=$(tail -n +2 "$LOG" | wc -l)
	check "sqlite3 reads every row" 0 "$rows" "" -- sqlite3 :memory: \
	    ".import --csv $LOG log" "select count(*) from log"
	check "sqlite3 and python read the same fields" 0 "$(sqlite3 \
	    -separator '|' :memory: ".import --csv $N log" \
	    "select date,time,exercise,side,\"set\",reps,note from log")" "" -- \
	    "$PY" -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    print("|".join(r[k] for k in
        "date time exercise side set reps note".split()))' "$N"
	check "python counts the same rows" 0 "$rows" "" -- "$PY" -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert all(len(r) == 12 for r in rows)
print(len(rows) - 1)' "$LOG"
else
	skip "sqlite3 reads every row" "no sqlite3"
	skip "sqlite3 and python read the same fields" "no sqlite3"
	skip "python counts the same rows" "no sqlite3"
fi

# ---- file modes under any umask --------------------------------------------

for m in 022 000 077; do
	rm -rf "$T/m"
	(umask $m && "$PREHAB" --data "$T/m/sub/log.csv" log clam >/dev/null)
	check "umask $m: log 0600" 0 "600" "" -- stat -c %a "$T/m/sub/log.csv"
	check "umask $m: directories 0700" 0 "700 700" "" -- \
	    sh -c "echo \$(stat -c %a '$T/m' '$T/m/sub')"
done

done_testing
