#!/bin/sh
# prehab log under stress: writers racing each other, a lock that stays
# taken, and writers killed with SIGKILL at random moments. The log must
# stay whole: every row parses, every command's rows are all there or
# none are, and nothing else is in the file.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

# Hundreds of runs: the plain build is much faster than the sanitizer one
# (`make test` builds both); the checks below use the binary under test.
FAST=$top/prehab
[ -x "$FAST" ] || FAST=$PREHAB
PY=/usr/bin/python3

# whole LOG ROWS-PER-BATCH: prints "BATCHES ROWS" when every row has the
# twelve columns, every batch has ROWS-PER-BATCH rows in one run, and no
# batch id is empty; else says what is wrong.
whole() {
	"$PY" - "$1" "$2" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
per = int(sys.argv[2])
head, rows = rows[0], rows[1:]
if len(head) != 12 or head[-1] != "batch":
    sys.exit("bad header %r" % head)
bad = [r for r in rows if len(r) != 12 or not r[-1]]
if bad:
    sys.exit("torn rows: %r" % bad[:3])
runs, seen = [], set()
for r in rows:
    if runs and runs[-1][0] == r[-1]:
        runs[-1][1] += 1
    else:
        if r[-1] in seen:
            sys.exit("batch %s is split" % r[-1])
        seen.add(r[-1])
        runs.append([r[-1], 1])
short = [b for b in runs if b[1] != per]
if short:
    sys.exit("partial batches: %r" % short[:3])
print(len(runs), len(rows))
EOF
}

# ---- a lock that stays taken: exit 75, nothing written -----------------------
# Started first and checked last: its ten-second wait overlaps the rest.

if command -v flock >/dev/null 2>&1; then
	HELD="$T/held.csv"
	"$PREHAB" --data "$HELD" log clam 1x10 --time 06:00 >/dev/null
	cp "$HELD" "$T/held.before"
	flock "$HELD" sh -c ": >'$T/locked'; sleep 13" &
	holder=$!
	while [ ! -f "$T/locked" ]; do sleep 0.1; done
	"$PREHAB" --data "$HELD" log clam 1x10 >"$T/held.out" \
	    2>"$T/held.err" &
	blocked_log=$!
	"$PREHAB" --data "$HELD" log --undo >"$T/undo.out" 2>"$T/undo.err" &
	blocked_undo=$!
fi

# ---- two writers, 200 commands each ----------------------------------------

C="$T/race.csv"
writer() {
	i=0
	while [ $i -lt 200 ]; do
		"$FAST" --data "$C" log clam 1x10 --time 07:00 \
		    --note "$1 $i, \"quoted\"" >/dev/null || echo "$1 $i failed"
		i=$((i + 1))
	done
}
writer a >"$T/wa" 2>&1 &
pa=$!
writer b >"$T/wb" 2>&1 &
pb=$!
wait $pa $pb
check "writer a never failed" 0 "" "" -- cat "$T/wa"
check "writer b never failed" 0 "" "" -- cat "$T/wb"
check "400 commands, 800 rows, each command's rows together" 0 "400 800" "" \
    -- whole "$C" 2
check "every note twice, once per side" 0 "" "" -- "$PY" -c '
import csv, sys, collections
n = collections.Counter(r["note"] for r in csv.DictReader(open(sys.argv[1])))
want = {"%s %d, \"quoted\"" % (w, i): 2 for w in "ab" for i in range(200)}
if n != want:
    sys.exit("notes differ")' "$C"
check "prehab reads all of it back" 0 801 "" -- sh -c \
    "\"\$PREHAB\" --data '$C' show log --format csv | \"$PY\" -c '
import csv, sys
print(len(list(csv.reader(sys.stdin))))'"
if command -v sqlite3 >/dev/null 2>&1; then
	check "sqlite3 agrees" 0 "800|400" "" -- sqlite3 :memory: \
	    ".import --csv $C log" "select count(*), count(distinct batch) from log"
else
	skip "sqlite3 agrees" "no sqlite3"
fi
check "undo after the race removes one command" 0 \
    "~^removed 2 rows of the last log command:$" "" -- \
    prehab --data "$C" log --undo
check "and leaves the rest whole" 0 "399 798" "" -- whole "$C" 2

# ---- writers killed at random moments ----------------------------------------

# Sessions (14 rows) and imports of 300 rows (a write of several pages)
# into one log, each killed 0 to 25 ms after it starts: before, during
# or after its write.
K="$T/killed.csv"
"$PY" -c '
print("date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch")
for i in range(300):
    print("2026-10-%02d,06:%02d,step-down,left,%d,%d,,low-step,,,%s,"
        % (i % 28 + 1, i % 60, i % 10 + 1, i % 100 + 1, "n" * 60))
' >"$T/big.csv"
delays=$(awk 'BEGIN { srand(); for (i = 0; i < 60; i++)
	printf "0.%03d ", int(rand() * 26) }')
i=0
for d in $delays; do
	if [ $((i % 3)) = 0 ]; then
		# Other notes each time, so that no row is a duplicate.
		sed "2,\$s/,n/,$i-n/" "$T/big.csv" >"$T/big.$i.csv"
		"$FAST" --data "$K" log --import "$T/big.$i.csv" >/dev/null 2>&1 &
	else
		"$FAST" --data "$K" log session --time 07:00 >/dev/null 2>&1 &
	fi
	victim=$!
	sleep "$d"
	kill -KILL $victim 2>/dev/null
	wait $victim 2>/dev/null
	echo $? >>"$T/statuses"
	i=$((i + 1))
done
ok "some runs were killed, some finished" sh -c \
    "grep -qx 137 '$T/statuses' && grep -qx 0 '$T/statuses'"
check "killed writers leave whole commands only" 0 "" "" -- "$PY" -c '
import csv, sys, collections
rows = list(csv.reader(open(sys.argv[1], newline="")))
if any(len(r) != 12 or not r[-1] for r in rows):
    sys.exit("a torn row")
sizes = collections.Counter(r[-1] for r in rows[1:]).values()
if set(sizes) - {14, 300}:
    sys.exit("a partial command: %r" % sorted(sizes))' "$K"
check "prehab reads the killed-at log without a warning" 0 "*" "" -- \
    prehab --data "$K" show log --format csv
check "the next command appends cleanly" 0 "~^logged clamshell" "" -- \
    prehab --data "$K" log clam
ok "and clears the temporary files that killed writers left" sh -c \
    "[ -z \"\$(ls -A '$T' | grep '^\.killed')\" ]"

# ---- the lock that stayed taken -----------------------------------------------

if command -v flock >/dev/null 2>&1; then
	wait $blocked_log
	rc_log=$?
	wait $blocked_undo
	rc_undo=$?
	wait $holder
	check "a held lock: log exits 75" 0 "75" "" -- echo $rc_log
	check "with a message" 0 "" \
	    "prehab: log: log is locked by another process: '$HELD'" -- \
	    sh -c "cat '$T/held.out'; cat '$T/held.err' >&2"
	check "a held lock: undo exits 75" 0 "75" "" -- echo $rc_undo
	check "with a message" 0 "" \
	    "prehab: log: log is locked by another process: '$HELD'" -- \
	    sh -c "cat '$T/undo.out'; cat '$T/undo.err' >&2"
	same_file "a held lock changes nothing" "$T/held.before" "$HELD"
else
	for d in "log exits 75" "log message" "undo exits 75" "undo message" \
	    "nothing changed"; do
		skip "a held lock: $d" "no flock(1)"
	done
fi

done_testing
