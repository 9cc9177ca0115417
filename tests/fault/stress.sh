# stress.sh: helpers for the crash and concurrency tests, sourced after
# tests/cli/lib.sh. Every command of a test tags its rows with a unique
# note ("w1-7", "k12", ...), made of letters, digits and '-' only, so a
# row's note is its second-to-last CSV field and can be cut out plainly.
#
# A test appends one line per command to $T/ledger:
#   TAG ROWS STATUS      for log and import (ROWS the rows it would add)
#   undo-N - STATUS      for undo, whose removed rows go to $T/undo-N.out
# and verify_log then checks the log against the ledger.

# rand N: a random number in 0..N-1.
rand() {
	echo $(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1))
}

# ms N: sleeps N milliseconds.
ms() {
	sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}

# make_import FILE TAG N: an import file of N rows noted TAG.
make_import() {
	awk -v tag="$2" -v n="$3" 'BEGIN {
		print "date,exercise,side,set,reps,note"
		for (i = 0; i < n; i++)
			printf "2026-%02d-%02d,clamshell,left,%d,%d,%s\n",
			    i % 10 + 1, i % 28 + 1, i % 3 + 1, i % 90 + 1, tag
	}' >"$1"
}

# notes_of FILE: the note of every row of a CSV log (without header).
notes_of() {
	tail -n +2 "$1" | awk -F, '{ print $(NF - 1) }'
}

# counts FILE: "NOTE COUNT" for every note in a CSV log, sorted.
counts() {
	notes_of "$1" | sort | uniq -c | awk '{ print $2, $1 }'
}

# parses LOG: prehab reads the log whole without a warning, and an
# independent CSV reader agrees on the number of rows and columns.
parses() {
	"$PREHAB" --data "$1" show log --format csv >"$T/parsed.csv" \
	    2>"$T/parsed.err" || return 1
	[ -s "$T/parsed.err" ] && return 1
	[ -x "$PY" ] || return 0
	"$PY" -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
n = len(rows[0])
bad = [i for i, r in enumerate(rows) if len(r) != n]
want = sum(1 for _ in open(sys.argv[2])) - 1
sys.exit(1 if bad or len(rows) - 1 != want else 0)
' "$1" "$T/parsed.csv"
}
PY=$(command -v python3 || echo /nonexistent)

# verify_log DESC LOG KILLED_UNDOS: the log against $T/ledger.
#   - it parses, and holds no note the ledger does not know;
#   - each command's rows are all there or none (no torn command), and
#     never more (no duplicates);
#   - every row an undo reported removing is gone;
#   - every command that reported success is there, unless an undo
#     reported removing it, or it is one of at most KILLED_UNDOS
#     commands an undo that was killed may have removed;
#   - every command that failed without being killed left nothing.
verify_log() {
	_desc=$1 _log=$2 _budget=$3
	if ! parses "$_log"; then
		_t_result 0 "$_desc" "the log does not parse:" \
		    "$(head -c 600 "$T/parsed.err")" \
		    "$(tail -c 300 "$_log")"
		[ -n "${HARDEN_KEEP:-}" ] && cp "$_log" "$HARDEN_KEEP"
		return
	fi
	counts "$T/parsed.csv" >"$T/have"
	cat "$T"/undo-*.out 2>/dev/null | grep '^[0-9]' |
	    awk -F, '{ print $(NF - 1) }' | sort -u >"$T/undone"
	awk -v budget="$_budget" '
	FILENAME == ARGV[1] { have[$1] = $2; next }
	FILENAME == ARGV[2] { undone[$1] = 1; next }
	$1 ~ /^undo-/ { next }
	{
		known[$1] = 1
		n = have[$1] + 0
		if (n != 0 && n != $2) {
			print "torn or duplicated: " $1 " has " n " rows of " $2
			bad = 1
		} else if (n != 0 && ($1 in undone)) {
			print "reported undone, still there: " $1
			bad = 1
		} else if ($3 == 0 && n == 0 && !($1 in undone)) {
			lost++
			lostnames = lostnames " " $1
		} else if ($3 != 0 && $3 != 137 && n != 0) {
			print "failed (status " $3 "), yet written: " $1
			bad = 1
		}
	}
	END {
		for (k in have)
			if (!(k in known)) {
				print "rows nobody wrote: " k
				bad = 1
			}
		if (lost > budget) {
			print lost " successful commands missing (" \
			    budget " killed undos):" lostnames
			bad = 1
		}
		exit bad
	}' "$T/have" "$T/undone" "$T/ledger" >"$T/verify.out"
	if [ $? = 0 ]; then
		_t_result 1 "$_desc"
	else
		_t_result 0 "$_desc" "$(head -n 20 "$T/verify.out")"
	fi
}

# strays DIR: files in DIR other than log.csv (temporary files).
strays() {
	ls -A "$1" | grep -vx 'log.csv' | tr '\n' ' '
}
