#!/bin/sh
# prehab log --edit: the rows of a range go to an editor, here a small sh
# script run the way a user's EDITOR is; what it leaves is checked, and
# only a clean edit reaches the log, with every byte outside the range
# kept and rows appended meanwhile kept too.
. "$(dirname "$0")/lib.sh"

L="$HOME/.local/share/prehab/log.csv"
mkdir -p "$HOME/.local/share/prehab" "$T/tmp"
export TMPDIR="$T/tmp"
unset VISUAL EDITOR

H='date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch'
# A log as prehab writes it, with a note that needs quoting, outside the
# last week, and fixed batch ids so the report can be pinned.
fresh() {
	cat >"$L" <<EOF
$H
2026-11-10,18:00,clamshell,left,1,15,,band,,1,"sore, then ""fine""
after",b1
2026-11-10,18:00,clamshell,right,1,15,,band,,1,,b1
2026-11-20,18:30,glute-bridge,both,1,10,2,two-leg,,5,,b2
2026-11-20,18:30,glute-bridge,both,2,10,2,two-leg,,5,,b2
2026-11-21,07:00,morning,both,,,,,,2,,b3
EOF
	chmod 600 "$L"
	cp "$L" "$T/before"
}

# The editor: records the file it was given and its mode, runs $BEFORE
# (another prehab, say), then applies the sed script $EDIT_SED and exits
# with $FAIL.
cat >"$T/ed.sh" <<'EOF'
printf '%s\n' "$1" >"$T/name"
stat -c %a "$1" >"$T/mode"
if [ -n "${BEFORE:-}" ]; then eval "$BEFORE"; fi
if [ -n "${EDIT_SED:-}" ]; then sed -i "$EDIT_SED" "$1" || exit; fi
exit "${FAIL:-0}"
EOF
export T L
ED="sh $T/ed.sh"

# Runs prehab with the editor's file named EDITFILE and new batch ids
# BATCH in its output, so that both can be pinned.
BATCH_RE='[0-9]{8}T[0-9]{6}\.[0-9]{6}Z-[0-9a-f]{16}'
# Leading NAME=VALUE arguments go to the environment of that run only.
edit_run() (
	while :; do
		case $1 in
		[A-Z]*=*) export "$1"; shift ;;
		*) break ;;
		esac
	done
	rm -f "$T/name"
	"$PREHAB" "$@" >"$T/e.out" 2>"$T/e.err"
	_rc=$?
	_n=$(cat "$T/name" 2>/dev/null)
	sed -E -e "s|${_n:-/nonexistent}|EDITFILE|g" \
	    -e "s/$BATCH_RE/BATCH/g" "$T/e.out"
	sed -E -e "s|${_n:-/nonexistent}|EDITFILE|g" \
	    -e "s/$BATCH_RE/BATCH/g" "$T/e.err" >&2
	exit $_rc
)
sane() { sed -E "s/$BATCH_RE/BATCH/g" "$L"; }

# ---- a pain value fixed in the last week, nothing else changed ---------------
fresh
export EDITOR="$ED"
export EDIT_SED='s/^\(2026-11-20,.*,2,10,2,two-leg,,\)5,/\12,/'
check "fix a pain value: the report" 0 "edited 1 row, removed 0, added 0
- 2026-11-20,18:30,glute-bridge,both,2,10,2,two-leg,,5,,b2
+ 2026-11-20,18:30,glute-bridge,both,2,10,2,two-leg,,2,,b2" "" -- \
    edit_run log --edit --since -1w
sed '6s/,5,,b2$/,2,,b2/' "$T/before" >"$T/want"
same_file "fix a pain value: only that row changed" "$T/want" "$L"
check "the file edited is in TMPDIR, 0600, named unlike a rewrite's" 0 \
    "600 yes" "" -- sh -c 'n=$(cat "$T/name"); case $n in
	"$T/tmp/prehab-edit-"??????.csv) w=yes ;; *) w="no: $n" ;; esac
	echo "$(cat "$T/mode") $w"'
check "the file edited is removed afterwards" 0 "" "" -- ls "$T/tmp"
check "the log stays 0600" 0 "600" "" -- stat -c %a "$L"

fresh
check "the editor got the range only, with the header" 0 "$H
2026-11-20,18:30,glute-bridge,both,1,10,2,two-leg,,5,,b2
2026-11-20,18:30,glute-bridge,both,2,10,2,two-leg,,5,,b2
2026-11-21,07:00,morning,both,,,,,,2,,b3" "" -- \
    env BEFORE='cp "$1" "$T/given"' EDIT_SED= sh -c \
    '"$PREHAB" log --edit --since 2026-11-17 --until 2026-11-21 \
	>/dev/null && cat "$T/given"'

# ---- an unchanged file changes nothing ----------------------------------------
fresh
check "unchanged file: one line, log untouched" 0 \
    "no rows changed; the log is unchanged" "" -- \
    env EDIT_SED= "$PREHAB" log --edit
same_file "unchanged file: log byte-identical" "$T/before" "$L"

# ---- bad edits are refused, FILE:LINE: reason, and the log stays ------------
fresh
check "pain 12 refused" 65 "" \
    "prehab: EDITFILE:3: column 'pain': must be 0-10, got '12'
prehab: log: 1 bad row in the edit; the log is unchanged" -- \
    edit_run EDIT_SED='3s/,5,,b2/,12,,b2/' log --edit --since -1w
same_file "pain 12: log byte-identical" "$T/before" "$L"
check "pain 12: the file is removed" 0 "" "" -- ls "$T/tmp"

check "a broken date refused" 65 "" \
    "prehab: EDITFILE:4: column 'date': no such day '2026-11-31'
prehab: log: 1 bad row in the edit; the log is unchanged" -- \
    edit_run EDIT_SED='4s/^2026-11-21/2026-11-31/' log --edit \
    --since -1w
same_file "broken date: log byte-identical" "$T/before" "$L"

check "an unknown exercise refused as import does" 65 "" \
    "prehab: EDITFILE:2: column 'exercise': unknown exercise 'bridge' (did you mean 'glute-bridge'?)
prehab: log: 1 bad row in the edit; the log is unchanged" -- \
    edit_run EDIT_SED='2s/glute-bridge/bridge/' log --edit --since -1w
check "the header may not change" 65 "" \
    "prehab: EDITFILE:1: the header line may not be changed: it must stay '$H'
prehab: log: 1 bad row in the edit; the log is unchanged" -- \
    edit_run EDIT_SED='1s/hold_s/hold/' log --edit --since -1w
same_file "bad edits: log byte-identical" "$T/before" "$L"

# ---- rows removed and added ----------------------------------------------------
fresh
check "a row deleted" 0 "edited 0 rows, removed 1, added 0
- 2026-11-21,07:00,morning,both,,,,,,2,,b3" "" -- \
    edit_run EDIT_SED='/morning/d' log --edit --since -1w
head -n 6 "$T/before" >"$T/want"
same_file "a row deleted: the rest as it was" "$T/want" "$L"

fresh
new='2026-11-23,,step-down,left,1,10,,low-step,,1,,'
check "a row added gets a fresh batch id" 0 "edited 0 rows, removed 0, added 1
+ 2026-11-23,,step-down,left,1,10,,low-step,,1,,BATCH
The added rows have batch id BATCH: 'prehab log --undo BATCH' takes them back." \
    "" -- edit_run EDIT_SED="\$a$new" log --edit --since -1w
{ cat "$T/before"; echo "${new}BATCH"; } >"$T/want"
check "a row added: at the end of the range" 0 "$(cat "$T/want")" "" -- sane
check "a copied row is a new one, not its batch's" 0 \
    "edited 0 rows, removed 0, added 1
+ 2026-11-21,07:00,morning,both,,,,,,2,,BATCH
The added rows have batch id BATCH: 'prehab log --undo BATCH' takes them back." \
    "" -- edit_run EDIT_SED='/morning/p' log --edit --since 2026-11-21 \
    --until 2026-11-21

fresh
check "a row after today refused" 65 "" \
    "prehab: EDITFILE:5: column 'date': 2026-11-25 is after today (use --force to keep it)
prehab: log: 1 bad row in the edit; the log is unchanged" -- \
    edit_run EDIT_SED="\$a2026-11-25,,clamshell,left,1,10,,,,,,b9" \
    log --edit --since -1w
same_file "a row after today: log byte-identical" "$T/before" "$L"
check "a row after today with --force" 0 "~added 1" "" -- \
    edit_run EDIT_SED="\$a2026-11-25,,clamshell,left,1,10,,,,,,b9" \
    log --edit --since -1w --force

# ---- the editor ---------------------------------------------------------------
fresh
check "an editor exiting non-zero changes nothing" 1 "" \
    "prehab: log: the editor 'sh $T/ed.sh' exited with status 3; the log is unchanged" -- \
    env EDIT_SED='/morning/d' FAIL=3 "$PREHAB" log --edit
same_file "a failing editor: log byte-identical" "$T/before" "$L"
check "a failing editor: the file is removed" 0 "" "" -- ls "$T/tmp"

check "VISUAL beats EDITOR" 0 "~removed 1" "" -- \
    env EDIT_SED='/morning/d' VISUAL="$ED" EDITOR=false "$PREHAB" log --edit
check "an empty VISUAL gives way to EDITOR" 0 "~removed 2" "" -- \
    env EDIT_SED='/2026-11-20/d' VISUAL= "$PREHAB" log --edit

# ---- other prehabs meanwhile --------------------------------------------------
fresh
check "rows appended during the edit are kept" 0 \
    "edited 1 row, removed 0, added 0
- 2026-11-21,07:00,morning,both,,,,,,2,,b3
+ 2026-11-21,07:00,morning,both,,,,,,1,,b3" "" -- \
    edit_run BEFORE='"$PREHAB" log step 2x10 --pain 0 --time 08:00 >/dev/null' \
    EDIT_SED='s/,2,,b3/,1,,b3/' log --edit --since -1w
{
	sed 's/,2,,b3$/,1,,b3/' "$T/before"
	for s in left right; do
		for n in 1 2; do
			echo "2026-11-24,08:00,step-down,$s,$n,10,,low-step,,0,,BATCH"
		done
	done
} >"$T/want"
check "appended rows after the edited ones" 0 "$(cat "$T/want")" "" -- sane

fresh
"$PREHAB" log step 1x10 --pain 0 --time 08:00 >/dev/null
cp "$L" "$T/before"
check "an undo during the edit: refused, the edit kept" 75 "" \
    "prehab: log: '$L' was rewritten by another command (an edit or an undo) while being edited; nothing written, the edit is kept in 'EDITFILE'" -- \
    edit_run BEFORE='"$PREHAB" log --undo >/dev/null' \
    EDIT_SED='s/,2,,b3/,1,,b3/' log --edit --since -1w
head -n 7 "$T/before" >"$T/want"
same_file "an undo during the edit: the undo stands" "$T/want" "$L"
check "an undo during the edit: the edited file is there" 0 \
    "2026-11-21,07:00,morning,both,,,,,,1,,b3" "" -- \
    sh -c 'grep morning "$(cat "$T/name")" && rm "$(cat "$T/name")"'

if command -v flock >/dev/null 2>&1; then
	fresh
	# The lock is held for a second after the editor is done: the
	# rewrite waits for it, as every writer does, then goes on.
	check "a rewrite waits for a lock held by another process" 0 \
	    "~removed 1" "" -- env EDIT_SED='/morning/d' \
	    BEFORE='flock "$L" sh -c ": >\"$T/locked\"; sleep 1" &
		while [ ! -f "$T/locked" ]; do sleep 0.05; done' \
	    "$PREHAB" log --edit
	check "after the lock: the edit is written" 0 "$(head -n 6 "$T/before")" \
	    "" -- cat "$L"
else
	skip "a rewrite waits for a lock held by another process" "no flock(1)"
	skip "after the lock: the edit is written" "no flock(1)"
fi

# ---- owner and mode kept, malformed rows left alone ---------------------------
fresh
chmod 640 "$L"
check "mode 0640 kept" 0 "640" "" -- sh -c \
    'EDIT_SED=/morning/d "$PREHAB" log --edit >/dev/null; stat -c %a "$L"'

fresh
printf '2026-11-22,,clamshell,left,1,15,,,,12,,b4\n' >>"$L"
cp "$L" "$T/before"
check "a malformed row is named and left where it is" 0 \
    "edited 0 rows, removed 1, added 0
- 2026-11-21,07:00,morning,both,,,,,,2,,b3" \
    "prehab: $L:8: column 'pain': must be 0-10, got '12'" -- \
    edit_run EDIT_SED='/morning/d' log --edit
grep -v morning "$T/before" >"$T/want"
same_file "a malformed row: kept byte for byte" "$T/want" "$L"

# ---- usage ----------------------------------------------------------------------
check "--since needs --edit" 2 "" "~--since cannot be used with an exercise" -- \
    "$PREHAB" log clam --since -1w
check "--edit and --undo" 2 "" "~--edit and --undo cannot go together" -- \
    "$PREHAB" log --edit --undo
check "--since after --until" 2 "" \
    "prehab: log: --since 2026-11-20 is after --until 2026-11-10" -- \
    "$PREHAB" log --edit --since 2026-11-20 --until 2026-11-10
rm -f "$L"
check "no log yet" 66 "" \
    "prehab: log: cannot edit '$L': there is no log yet" -- \
    "$PREHAB" log --edit
printf 'day,what\n2026-11-20,clam\n' >"$L"
check "a log with columns of its own" 65 "" \
    "prehab: log: cannot edit '$L': its header is not prehab's own ('$H'), and --edit works only on prehab's columns in prehab's order" -- \
    "$PREHAB" log --edit
check "completion offers --edit" 0 "--edit" "" -- \
    "$PREHAB" help --complete -- log --ed


# ---- the question, on a terminal (tmux) ----------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
	skip "on a terminal: edit again, then written" "tmux is not installed"
	skip "on a terminal: abandon" "tmux is not installed"
	skip "on a terminal: abandoned, log byte-identical" "tmux is not installed"
	done_testing
	exit
fi
sock=$T/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$T"' EXIT
tm() { tmux -S "$sock" "$@"; }
# The first edit breaks the check-in's pain, the next one fixes it.
cat >"$T/ed2.sh" <<'EOF'
n=$(($(cat "$T/count" 2>/dev/null || echo 0) + 1))
echo "$n" >"$T/count"
if [ "$n" = 1 ]; then sed -i '4s/,2,,b3/,12,,b3/' "$1"
else sed -i '4s/,12,,b3/,1,,b3/' "$1"; fi
EOF
# on_tty KEY: runs an edit in a pane, answers KEY to the question, and
# prints the exit status and the pane.
on_tty() {
	rm -f "$T/count" "$T/rc"
	tm new-session -d -s ed -x 150 -y 20 "env HOME='$HOME' T='$T' \
	    TMPDIR='$TMPDIR' EDITOR='sh $T/ed2.sh' LC_ALL=C.UTF-8 \
	    PREHAB_TODAY=2026-11-24 '$PREHAB' log --edit --since -1w; \
	    echo rc=\$? >'$T/rc.tmp'; mv '$T/rc.tmp' '$T/rc'; sleep 60"
	_n=200
	until tm capture-pane -p -t ed | grep -q 'bandon?'; do
		_n=$((_n - 1))
		[ "$_n" -gt 0 ] || break
		sleep 0.05
	done
	tm send-keys -t ed "$1" Enter
	_n=200
	while [ ! -f "$T/rc" ] && [ "$_n" -gt 0 ]; do
		sleep 0.05
		_n=$((_n - 1))
	done
	cat "$T/rc"
	tm capture-pane -p -t ed |
	    sed -E "s|$TMPDIR/prehab-edit-[A-Za-z0-9]{6}\.csv|EDITFILE|" | grep .
	tm kill-session -t ed
}
fresh
check "on a terminal: edit again, then written" 0 "rc=0
prehab: EDITFILE:4: column 'pain': must be 0-10, got '12'
(e)dit again or (a)bandon? e
edited 1 row, removed 0, added 0
- 2026-11-21,07:00,morning,both,,,,,,2,,b3
+ 2026-11-21,07:00,morning,both,,,,,,1,,b3" "" -- on_tty e
fresh
check "on a terminal: abandon" 0 "rc=1
prehab: EDITFILE:4: column 'pain': must be 0-10, got '12'
(e)dit again or (a)bandon? a
prehab: log: edit abandoned; the log is unchanged" "" -- on_tty a
same_file "on a terminal: abandoned, log byte-identical" "$T/before" "$L"

done_testing
