#!/bin/sh
# harden-concurrency.sh: several writers and readers on one log at once:
# appends, undos and imports racing shows, show logs and stats, a bounded
# number of times each. Afterwards no row is lost or doubled; while it
# runs, no reader sees a warning, a torn row or part of a command.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/fault/stress.sh"

D=$T/d
LOG=$D/log.csv
if [ "${PREHAB_MEMCHECK:-0}" = 1 ]; then
	rounds=3 reads=3
else
	rounds=12 reads=15
fi
# Every command is bounded in time too: a lock held forever, or a reader
# that never ends, fails the test instead of hanging it.
run() {
	timeout 120 "$PREHAB" --data "$LOG" "$@"
}

mkdir -p "$D"
run log clamshell 2x10 --note s1 >/dev/null
run log glute-bridge 2x10 --note s2 >/dev/null
echo "s1 4 0" >"$T/ledger"
echo "s2 2 0" >>"$T/ledger"

appender() {	# appender K
	_i=1
	while [ $_i -le $rounds ]; do
		run log step-down 3x8 --note "a$1-$_i" >/dev/null 2>>"$T/err-a$1"
		echo "a$1-$_i 6 $?" >>"$T/ledger.a$1"
		_i=$((_i + 1))
	done
}

importer() {
	_i=1
	while [ $_i -le $((rounds / 3 + 1)) ]; do
		make_import "$T/imp-$_i.csv" "i$_i" 150
		run log --import "$T/imp-$_i.csv" >/dev/null 2>>"$T/err-i"
		echo "i$_i 150 $?" >>"$T/ledger.i"
		_i=$((_i + 1))
	done
}

undoer() {
	_i=1
	while [ $_i -le $((rounds / 2)) ]; do
		run log --undo >"$T/undo-$_i.out" 2>>"$T/err-u"
		echo "undo-$_i - $?" >>"$T/ledger.u"
		_i=$((_i + 1))
	done
}

# reader K: shows the log again and again. Each snapshot must come without
# a warning, and hold whole commands only: every note it shows with all
# the rows of its command (what is known of them so far).
reader() {
	_i=1
	while [ $_i -le $reads ]; do
		case $((_i % 3)) in
		0) run stats >/dev/null 2>"$T/r$1.err"
		   _rc=$? ;;
		1) run show log --format csv >"$T/r$1.csv" 2>"$T/r$1.err"
		   _rc=$?
		   if [ $_rc = 0 ]; then
			   counts "$T/r$1.csv" | awk '
			   $1 ~ /^a/ && $2 != 6 { print "torn: " $0 }
			   $1 ~ /^i/ && $2 != 150 { print "torn: " $0 }
			   $1 == "s1" && $2 != 4 { print "torn: " $0 }
			   $1 == "s2" && $2 != 2 { print "torn: " $0 }
			   ' >>"$T/torn"
		   fi ;;
		2) run show >/dev/null 2>"$T/r$1.err"
		   _rc=$? ;;
		esac
		# stats says 1 when there is nothing to report.
		if [ $_rc -gt 1 ] || [ -s "$T/r$1.err" ]; then
			{ echo "reader $1 run $_i: exit $_rc"
			  cat "$T/r$1.err"; } >>"$T/reader-errors"
		fi
		_i=$((_i + 1))
	done
}

: >"$T/torn"
: >"$T/reader-errors"
appender 1 & p1=$!
appender 2 & p2=$!
importer & p3=$!
undoer & p4=$!
reader 1 & p5=$!
reader 2 & p6=$!
wait $p1 $p2 $p3 $p4 $p5 $p6
cat "$T"/ledger.* >>"$T/ledger"

ok "no writer failed" sh -c "! cat '$T'/err-* | grep -q ."
ok "no reader saw a warning or failed" [ ! -s "$T/reader-errors" ]
if [ -s "$T/reader-errors" ]; then
	head -n 10 "$T/reader-errors" | sed 's/^/# /'
fi
ok "no reader saw part of a command" [ ! -s "$T/torn" ]
[ -s "$T/torn" ] && head -n 10 "$T/torn" | sed 's/^/# /'
n=$(grep -c ' 0$' "$T/ledger")
verify_log "after $n commands at once: no row lost or doubled" "$LOG" 0
ok "undos removed whole commands, and some at all" sh -c \
    "cat '$T'/undo-*.out | grep -q '^removed'"
ok "no temporary file left" [ -z "$(strays "$D")" ]

done_testing
