#!/bin/sh
# log-safety.sh: the ways a writer could lose, split, lock away or
# misreport the user's rows, each pinned by the promise that closes it
# (README "Data safety", prehab-log(5)): imports judge duplicates against
# the log alone; only prehab's own stale temporary files are swept; a
# rewrite keeps owner, group and mode; batch ids never repeat, even in
# PID namespaces; a log replaced mid-write is never overwritten; hard
# links are refused; the exit status tells whether the log changed;
# undo takes a whole command or nothing; every writer honours the same
# permissions; the tail reader never starts inside a note.
. "$(dirname "$0")/lib.sh"

D=$T/d
LOG=$D/log.csv
mkdir -p "$D"

# fresh: an empty $D.
fresh() {
	rm -rf "$D"
	mkdir -p "$D"
}

# nrows [FILE]: data rows in the log, as the reader sees them.
nrows() {
	"$PREHAB" --data "${1:-$LOG}" show log --format csv 2>/dev/null |
	    sed 1d | wc -l | tr -d ' '
}

# batches: the batch ids of the log, one a line, in order of appearance.
batches() {
	"$PREHAB" --data "$LOG" show log --format csv | sed 1d |
	    awk -F, '!seen[$NF]++ { print $NF }'
}

# ---- import: duplicates against the log only, as a multiset ---------------

fresh
prehab --data "$LOG" log clamshell 2x10 --date 2026-11-20 >/dev/null
prehab --data "$LOG" log clamshell 2x10 --date 2026-11-20 >/dev/null
prehab --data "$LOG" show log --format csv >"$T/export.csv"
check "import into a new log keeps rows that repeat inside the file" 0 \
    "imported 8 rows, skipped 0 duplicates" "" -- \
    prehab --data "$D/new.csv" log --import "$T/export.csv"
check "... all eight are there" 0 8 "" -- nrows "$D/new.csv"
check "importing the same file again skips each row once" 0 \
    "imported 0 rows, skipped 8 duplicates" "" -- \
    prehab --data "$D/new.csv" log --import "$T/export.csv"
# Three identical days against a log holding two: one comes in.
{ cat "$T/export.csv"; sed 1d "$T/export.csv" | head -n 4; } >"$T/three.csv"
check "a row the log holds twice, imported three times, comes in once" 0 \
    "imported 4 rows, skipped 8 duplicates" "" -- \
    prehab --data "$D/new.csv" log --import "$T/three.csv"
check "... twelve rows" 0 12 "" -- nrows "$D/new.csv"

# ---- the stale temporary-file sweep ---------------------------------------

fresh
prehab --data "$LOG" log clamshell 2x10 >/dev/null
for f in .log.csv.backup .log.csv.2024q1 .log.csv.AbC123; do
	echo "the user's own file" >"$D/$f"
	chmod 600 "$D/$f"
done
prehab --data "$LOG" log step-down 2x8 >/dev/null
check "files named like the old temporary files are the user's: kept" 0 \
    "$(printf '.log.csv.2024q1\n.log.csv.AbC123\n.log.csv.backup\nlog.csv')" \
    "" -- ls -A "$D"
tmpname=.log.csv.prehab-tmp-
echo stale >"$D/${tmpname}dead01"
chmod 600 "$D/${tmpname}dead01"
echo "mode 0644" >"$D/${tmpname}open01"
chmod 644 "$D/${tmpname}open01"
ln -s "$T/elsewhere" "$D/${tmpname}link01"
mkdir "$D/${tmpname}dir001"
echo live >"$D/${tmpname}live01"
chmod 600 "$D/${tmpname}live01"
# A writer still busy with its temporary file holds a lock on it.
flock "$D/${tmpname}live01" sleep 30 &
holder=$!
i=0
while [ $i -lt 100 ] && flock -n "$D/${tmpname}live01" true 2>/dev/null; do
	sleep 0.05
	i=$((i + 1))
done
prehab --data "$LOG" log glute-bridge 2x10 >/dev/null
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
check "only an unlocked, private, regular temporary file of ours is swept" 0 \
    "$(printf '%s\n' .log.csv.2024q1 .log.csv.AbC123 .log.csv.backup \
    "${tmpname}dir001" "${tmpname}link01" "${tmpname}live01" \
    "${tmpname}open01" log.csv)" "" -- ls -A "$D"

# ---- batch ids ------------------------------------------------------------

fresh
prehab --data "$LOG" log clamshell 2x10 >/dev/null
check "a batch id is the time to the microsecond and 64 random bits" 0 \
    '~^20[0-9]{6}T[0-9]{6}\.[0-9]{6}Z-[0-9a-f]{16}$' "" -- batches
if unshare --pid --fork --mount-proc true 2>/dev/null; then
	# Each command is pid 1 in its own namespace; try until two land in
	# the same second, where pid-based ids would collide.
	tries=0
	while [ $tries -lt 5 ]; do
		fresh
		unshare --pid --fork --mount-proc "$PREHAB" --data "$LOG" \
		    log clamshell 2x10 >/dev/null
		unshare --pid --fork --mount-proc "$PREHAB" --data "$LOG" \
		    log step-down 2x8 >/dev/null
		[ "$(batches | cut -c1-15 | sort -u | wc -l)" = 1 ] && break
		tries=$((tries + 1))
	done
	check "two commands, each pid 1 in its namespace, get two batch ids" \
	    0 2 "" -- sh -c "'$PREHAB' --data '$LOG' show log --format csv |
	    sed 1d | cut -d, -f12 | sort -u | wc -l | tr -d ' '"
	prehab --data "$LOG" log --undo >/dev/null
	check "... and undo takes back only the second" 0 \
	    "$(printf 'clamshell\nclamshell\nclamshell\nclamshell')" "" -- \
	    sh -c "'$PREHAB' --data '$LOG' show log --format csv | sed 1d |
	    cut -d, -f3"
else
	skip "batch ids across PID namespaces" "unshare --pid is not allowed here"
	skip "undo across PID namespaces" "unshare --pid is not allowed here"
fi

# ---- hard links -----------------------------------------------------------

fresh
prehab --data "$LOG" log clamshell 2x10 >/dev/null
ln "$LOG" "$D/other-name.csv"
cp "$LOG" "$T/before"
hard="prehab: log: '$LOG' has 2 hard links; prehab writes a log through a new file, which would split it from the other names: keep one name (a symbolic link may point at it)"
check "a log with two hard links is refused for appending" 74 "" "$hard" -- \
    prehab --data "$LOG" log step-down 2x8
check "... for undo" 74 "" "$hard" -- prehab --data "$LOG" log --undo
check "... for import" 74 "" "$hard" -- \
    prehab --data "$LOG" log --import "$T/export.csv"
ok "... and both names are still one unchanged file" \
    sh -c "cmp -s '$LOG' '$T/before' && [ '$LOG' -ef '$D/other-name.csv' ]"
check "reading through it is fine" 0 4 "" -- nrows

# ---- a standard stream as the log -----------------------------------------

fresh
cp "$T/export.csv" "$T/redirected"
check "--data /dev/stdout redirected to a file is refused" 74 "" \
    "prehab: log: '/dev/stdout' is a standard input or output of prehab; a log cannot be written there" \
    -- sh -c "'$PREHAB' --data /dev/stdout log clamshell 2x10 >>'$T/redirected'"
same_file "... and the file is untouched" "$T/redirected" "$T/export.csv"

# ---- undo: a whole command or nothing -------------------------------------

fresh
prehab --data "$LOG" log clamshell 2x10 >/dev/null
prehab --data "$LOG" log step-down 2x8 >/dev/null
# The second row of the last command edited by hand to pain 12.
awk -F, -v OFS=, 'NR == 7 { $10 = 12 } { print }' "$LOG" >"$T/edited"
cat "$T/edited" >"$LOG"
cp "$LOG" "$T/before"
split="prehab: log: $LOG:7: a row of the last command is malformed; nothing undone (fix or remove it first)"
check "undo refuses a command split by a malformed row of its own" 65 "" \
    "$split" -- prehab --data "$LOG" log --undo
same_file "... the log is unchanged" "$LOG" "$T/before"
check "--dry-run applies the same rule" 65 "" "$split" -- \
    prehab --data "$LOG" log --undo --dry-run
# A comma typed into a note shifts the row's fields, batch id included.
fresh
prehab --data "$LOG" log clamshell 2x10 >/dev/null
prehab --data "$LOG" log step-down 2x8 --note "sore" >/dev/null
sed '7s/,sore,/,so,re,/' "$LOG" >"$T/edited"
cat "$T/edited" >"$LOG"
cp "$LOG" "$T/before"
check "undo refuses a command split by a row whose fields shifted" 65 "" \
    "prehab: log: $LOG:7: a row of the last command is malformed; nothing undone (fix or remove it first)" \
    -- prehab --data "$LOG" log --undo
same_file "... the log is unchanged" "$LOG" "$T/before"
# A malformed row of an older command does not hold up the last one.
fresh
prehab --data "$LOG" log clamshell 2x10 >/dev/null
prehab --data "$LOG" log step-down 2x8 >/dev/null
awk -F, -v OFS=, 'NR == 5 { $10 = 12 } { print }' "$LOG" >"$T/edited"
cat "$T/edited" >"$LOG"
check "a malformed row of the command before does not stop undo" 0 \
    "~^removed 4 rows" "" -- prehab --data "$LOG" log --undo
check "... which removed the last command only" 0 3 "" -- nrows

# ---- a log replaced while prehab writes it --------------------------------

SHIM=$T/faultshim.so
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
export ASAN_OPTIONS
if ${CC:-cc} -shared -fPIC -O1 -o "$SHIM" "$TOP/tests/fault/faultshim.c" \
    -ldl >"$T/cc.out" 2>&1; then
	replaced="prehab: log: '$LOG' was replaced or changed by another program while prehab was writing it; nothing written, try again"
	for cmd in "log step-down 2x8" "log --undo" \
	    "log --import $T/three.csv"; do
		fresh
		prehab --data "$LOG" log clamshell 2x10 >/dev/null
		{ cat "$LOG"; echo "2026-11-01,,glute-bridge,both,1,10,,,,,synced,"; } \
		    >"$T/version"
		cp "$T/version" "$T/want"
		# shellcheck disable=SC2086
		check "$cmd: a version renamed over the log mid-write is kept" \
		    75 "" "$replaced" -- env LD_PRELOAD="$SHIM" FAULT_DIR="$D" \
		    FAULT_SWAP="$T/version" FAULT_SWAP_TO="$LOG" \
		    "$PREHAB" --data "$LOG" $cmd
		same_file "... byte for byte, with no temporary file left" \
		    "$LOG" "$T/want"
		check "... nothing else in the directory" 0 log.csv "" -- ls -A "$D"
	done

	# A signal between the rename and the report: held until the end.
	for sig in INT TERM HUP PIPE; do
		fresh
		check "SIG$sig right after the rename: the report, status 0" 0 \
		    "~^logged clamshell" "" -- env LD_PRELOAD="$SHIM" \
		    FAULT_DIR="$D" FAULT_SIGNAL=$sig "$PREHAB" --data "$LOG" \
		    log clamshell 2x10
	done
	prehab --data "$LOG" log step-down 2x8 >/dev/null
	check "SIGTERM right after undo's rename: the report, status 0" 0 \
	    "~^removed 4 rows" "" -- env LD_PRELOAD="$SHIM" FAULT_DIR="$D" \
	    FAULT_SIGNAL=TERM "$PREHAB" --data "$LOG" log --undo
else
	skip "a log replaced mid-write" "cannot build the LD_PRELOAD shim: $(head -n 1 "$T/cc.out")"
fi

# ---- the exit status after a committed change -----------------------------

if [ -w /dev/full ]; then
	fresh
	check "log with stdout on /dev/full: committed, status 3" 3 "" \
	    "prehab: log: logged, but could not print the report: No space left on device" \
	    -- sh -c "'$PREHAB' --data '$LOG' log clamshell 2x10 >/dev/full"
	check "... the rows are in the log" 0 4 "" -- nrows
	check "import with stdout on /dev/full: status 3" 3 "" \
	    "prehab: log: imported, but could not print the report: No space left on device" \
	    -- sh -c "'$PREHAB' --data '$LOG' log --import '$T/export.csv' >/dev/full"
	check "undo with stdout on /dev/full: status 3" 3 "" \
	    "prehab: log: undone, but could not print the report: No space left on device" \
	    -- sh -c "'$PREHAB' --data '$LOG' log --undo >/dev/full"
	check "... the import was taken back" 0 4 "" -- nrows
	check "a dry run that cannot print changed nothing: 74" 74 "" \
	    "prehab: cannot write output: No space left on device" -- \
	    sh -c "'$PREHAB' --data '$LOG' log --undo --dry-run >/dev/full"
else
	skip "stdout on /dev/full" "no writable /dev/full"
fi
fresh
check "log with stdout closed: committed, status 3" 3 "" \
    "prehab: log: logged, but could not print the report: Bad file descriptor" \
    -- sh -c "'$PREHAB' --data '$LOG' log clamshell 2x10 >&-"
check "... the rows are in the log, and the report is not" 0 4 "" -- nrows
ok "... nor anywhere in the log's file" sh -c "! grep -q logged '$LOG'"
check "log into a pipe whose reader has gone: status 3" 0 3 "" -- \
    /usr/bin/python3 -c "
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
rc = subprocess.call(['$PREHAB', '--data', '$LOG', 'log', 'step-down',
    '2x8'], stdout=w, stderr=subprocess.DEVNULL)
print(rc)"
check "... and it was logged" 0 8 "" -- nrows

# ---- permissions, ownership -----------------------------------------------

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
    id nobody >/dev/null 2>&1; then
	U=$(id -u nobody)
	as_user() {	# as_user GROUPS COMMAND...: as nobody, in GROUPS
		_g=$1
		shift
		HOME=$T/uhome setpriv --reuid "$U" --regid "$(id -g nobody)" \
		    --groups "$_g" "$@"
	}
	mkdir -p "$T/uhome"
	chmod 777 "$T/uhome"
	chmod 711 "$T"
	fresh
	chmod 777 "$D"
	as_user "$(id -g nobody)" "$PREHAB" --data "$LOG" log clamshell 2x10 \
	    >/dev/null
	chmod 444 "$LOG"
	cp "$LOG" "$T/before"
	ro="prehab: log: cannot open '$LOG': Permission denied"
	check "a read-only log: append refused" 74 "" "$ro" -- \
	    as_user "$(id -g nobody)" "$PREHAB" --data "$LOG" log step-down 2x8
	check "... undo refused alike" 74 "" "$ro" -- \
	    as_user "$(id -g nobody)" "$PREHAB" --data "$LOG" log --undo
	check "... import refused alike" 74 "" "$ro" -- \
	    as_user "$(id -g nobody)" "$PREHAB" --data "$LOG" log --import \
	    "$T/three.csv"
	same_file "... and the log is unchanged" "$LOG" "$T/before"
	# A dry run is the undo itself, stopped before the rename: it
	# refuses what undo refuses.
	check "... undo --dry-run refused alike" 74 "" "$ro" -- \
	    as_user "$(id -g nobody)" "$PREHAB" --data "$LOG" log --undo \
	    --dry-run

	# A group-shared log keeps its group when a member writes it.
	fresh
	chmod 777 "$D"
	prehab --data "$LOG" log clamshell 2x10 >/dev/null
	chown "$U:daemon" "$LOG"
	chmod 660 "$LOG"
	as_user "$(id -g nobody),$(getent group daemon | cut -d: -f3)" \
	    "$PREHAB" --data "$LOG" log step-down 2x8 >/dev/null
	check "a group-shared log keeps owner, group and mode" 0 \
	    "nobody daemon 660 8" "" -- sh -c "echo \$(stat -c '%U %G %a' \
	    '$LOG') \$('$PREHAB' --data '$LOG' show log --format csv | sed 1d |
	    wc -l)"
	# Root writing the user's log (sudo keeping HOME, a cron job).
	prehab --data "$LOG" log glute-bridge 2x10 >/dev/null
	check "root writing the user's log leaves it the user's" 0 \
	    "nobody daemon 660" "" -- stat -c '%U %G %a' "$LOG"
	prehab --data "$LOG" log --undo >/dev/null
	check "... and so does root's undo" 0 "nobody daemon 660" "" -- \
	    stat -c '%U %G %a' "$LOG"
	# Someone else's log that the user may write but not own: refused.
	chown root:root "$LOG"
	chmod 666 "$LOG"
	cp "$LOG" "$T/before"
	check "a log the writer cannot give back to its owner is refused" 74 \
	    "" "prehab: log: cannot keep the owner and group of '$LOG' (uid 0, gid 0) in the rewritten file: Operation not permitted; the log is unchanged" \
	    -- as_user "$(id -g nobody)" "$PREHAB" --data "$LOG" log step-down 2x8
	same_file "... unchanged" "$LOG" "$T/before"
	check "... with no temporary file left" 0 log.csv "" -- ls -A "$D"
else
	for what in "read-only log" "group-shared log" "root and the user's log" \
	    "owner that cannot be kept"; do
		skip "$what" "needs root, setpriv and a 'nobody' user"
	done
fi

# ---- the tail reader and multi-line notes ---------------------------------

# 400 old rows, then a note that copies 40 lines looking like rows, then
# 290 recent ones: the reader's first 16 KB guess lands inside the note.
fresh
{
	echo "date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch"
	i=0
	while [ $i -lt 400 ]; do
		echo "2026-0$((i / 60 + 1))-1$((i % 9)),,clamshell,left,1,12,,band,,,,old$i"
		i=$((i + 1))
	done
	printf '2026-10-01,,glute-bridge,both,1,15,,,,,"copied from my notebook:\n'
	j=0
	while [ $j -lt 40 ]; do
		printf '2026-01-%02d,,glute-bridge,both,1,10,,,,,,x\n' $((j % 28 + 1))
		j=$((j + 1))
	done
	printf 'end of copy",b1\n'
	i=0
	while [ $i -lt 290 ]; do
		printf '2026-11-%02d,,glute-bridge,both,%d,15,2,two-leg,,,,new%d\n' \
		    $((i / 20 + 1)) $((i % 2 + 1)) $((i / 2))
		i=$((i + 1))
	done
} >"$LOG"
check "plan over a note full of row-like lines reads cleanly" 0 '*' "" -- \
    prehab --data "$LOG" plan
check "... and log prescribes what the whole log says (2x15)" 0 \
    "~^2026-11-24,[0-9:]*,glute-bridge,both,2,15,2,two-leg,,,,$" "" -- \
    prehab --data "$LOG" log glute-bridge --dry-run

# ---- control and direction characters on the way out ---------------------

fresh
note=$(printf 'a\033[31mred\302\233x \342\200\256evil\tb\342\201\246c\177')
prehab --data "$LOG" log clamshell 2x10 --time 08:00 --note "$note" >/dev/null
check "show log text escapes ESC, C1 controls and direction marks" 0 \
    "~ a\\\\x1b\[31mred\\\\u009bx \\\\u202eevil b\\\\u2066c\\\\x7f$" "" -- \
    env COLUMNS=200 "$PREHAB" --data "$LOG" show log
ok "... no raw ESC, C1 or override byte in text" sh -c \
    "! '$PREHAB' --data '$LOG' show log | grep -q \"\$(printf '\033\|\302\233\|\342\200\256')\""
check "show log tsv escapes them in the note column" 0 \
    'a\x1b[31mred\u009bx \u202eevil b\u2066c\x7f' "" -- \
    sh -c "'$PREHAB' --data '$LOG' show log --format tsv | sed 1d | head -n 1 | cut -f 11"
check "show log csv keeps the log's text byte for byte" 0 4 "" -- \
    sh -c "'$PREHAB' --data '$LOG' show log --format csv | grep -c \"\$(printf '\033\[31mred\302\233x \342\200\256evil')\""

# ---- days outside the supported range --------------------------------------

for d in 9999-12-31 9990-01-01 1900-06-01; do
	check "--today $d is refused up front" 2 "" \
	    "$(printf '%s\n' "prehab: plan: --today: $d is outside the supported range, 1901-01-01 to 9989-12-31" \
	    "usage: prehab plan [--week | --weeks N] [--format FORMAT] [--calendar FILE] [--explain] [--brief] [--safe] [--quiet] [PERIOD]" \
	    "Try 'prehab plan --help' for more.")" -- prehab --today "$d" plan
done
ok "the last supported day plans two years ahead without a bogus date" \
    sh -c "! '$PREHAB' --today 9989-12-31 plan --weeks 52 --format ics |
    grep -q '00000000\|0000-00-00'"

# ---- import memory ----------------------------------------------------------

# mkimport FILE ROWS: rows of one set, each with a 4000-byte note.
mkimport() {
	awk -v n="$2" 'BEGIN {
		print "date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch"
		note = sprintf("%4000s", ""); gsub(/ /, "n", note)
		for (i = 0; i < n; i++)
			printf "2020-01-%02d,,clamshell,left,%d,12,,,,,%s%d,\n",
			    i % 28 + 1, i % 10 + 1, note, i
	}' >"$1"
}
fresh
mkimport "$T/huge.csv" 8500
check "an import over 32 MB of text is refused in one line" 65 "" \
    "prehab: log: nothing imported: $T/huge.csv holds more than 32 MB of text; import it in parts" \
    -- prehab --data "$LOG" log --import "$T/huge.csv"
check "... and no log is created" 0 "" "" -- ls -A "$D"
rm -f "$T/huge.csv"
# Out of memory part way through a first import (the plain build, as the
# sanitizer's own reservations defeat a memory limit): one line, exit 70,
# and no empty log left behind.
if [ -x "$TOP/prehab" ]; then
	mkimport "$T/big.csv" 6000
	check "out of memory in a first import: one line, status 70" 70 "" \
	    '~^prehab: out of memory allocating [0-9]+ bytes$' -- \
	    sh -c "ulimit -v 60000; exec '$TOP/prehab' --data '$LOG' log --import '$T/big.csv'"
	check "... and no empty log is left" 0 "" "" -- ls -A "$D"
	rm -f "$T/big.csv"
else
	skip "out of memory in an import" "no plain build at $TOP/prehab"
	skip "no empty log after running out of memory" "no plain build"
fi

# ---- a home that does not exist --------------------------------------------

check "a missing HOME is not created for the log" 78 "" \
    "prehab: log: cannot create directory '$T/nohome': the home directory '$T/nohome/x' does not exist, and prehab creates only its own" \
    -- env HOME="$T/nohome/x" "$PREHAB" log clamshell 2x10
ok "... nor anything above it" sh -c "[ ! -e '$T/nohome' ]"
mkdir -p "$T/emptyhome"
check "an existing HOME gets prehab's own directories" 0 "~^logged" "" -- \
    env HOME="$T/emptyhome" "$PREHAB" log clamshell 2x10
check "... there" 0 4 "" -- nrows "$T/emptyhome/.local/share/prehab/log.csv"

# ---- a log kept without a time column --------------------------------------

fresh
printf 'date,exercise,side,set,reps,variant,note,batch\n' >"$LOG"
check "today's sets go into a log without a time column" 0 \
    "logged clamshell: L 2×10, R 2×10 (bodyweight) on 2026-11-24
No pain recorded: the dose holds until a session has one (--pain 0 counts)." "" -- \
    prehab --data "$LOG" log clamshell 2x10
check "... without a time" 0 \
    "$(printf '2026-11-24,clamshell,left,1,10,bodyweight,,\n')" "" -- \
    sh -c "sed -n 2p '$LOG' | sed 's/,[^,]*\$/,/'"
check "... while a --time given for it is still refused" 65 "" \
    "prehab: log: cannot append to '$LOG': it has no 'time' column for the value '07:00'" \
    -- prehab --data "$LOG" log clamshell 2x10 --time 07:00

done_testing
