#!/bin/sh
# harden-crash.sh: prehab log, log --import and log --undo killed with
# SIGKILL at random moments, alone and while other writers run.
#
# Alone, a killed command leaves the log exactly as it was, or exactly as
# the command would have left it. Among other writers, the log afterwards
# parses, holds every row of every command that reported success (less
# what undos removed), holds no command in part or twice, and nothing
# else but possibly the rows of the killed commands. See
# tests/fault/stress.sh for the bookkeeping.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/fault/stress.sh"

D=$T/d
LOG=$D/log.csv
# Under valgrind a run takes a second or more: fewer kills.
if [ "${PREHAB_MEMCHECK:-0}" = 1 ]; then
	alone=6 iter=9 wn=4
else
	alone=12 iter=24 wn=15
fi
# Short writes stretch the moments a kill can land in the middle of one.
SHIM=$T/faultshim.so
${CC:-cc} -shared -fPIC -O1 -o "$SHIM" "$TOP/tests/fault/faultshim.c" \
    -ldl 2>/dev/null || SHIM=
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
export ASAN_OPTIONS

# now: milliseconds since some moment.
now() {
	echo $(($(date +%s%N) / 1000000))
}

# victim ARGS...: runs prehab in the background and SIGKILLs it after a
# random delay, up to $spread ms; sets rc to its exit status (137 if the
# kill came first).
victim() {
	if [ -n "$SHIM" ] && [ "$(rand 2)" = 1 ]; then
		env LD_PRELOAD="$SHIM" FAULT_DIR="$D" FAULT_SHORT=512 \
		    "$PREHAB" --data "$LOG" "$@" >"$T/victim.out" 2>&1 &
	else
		"$PREHAB" --data "$LOG" "$@" >"$T/victim.out" 2>&1 &
	fi
	_pid=$!
	ms "$(rand "$spread")"
	kill -9 "$_pid" 2>/dev/null
	# The shell's "Killed" notice is no news here.
	{ wait "$_pid"; } 2>/dev/null
	rc=$?
}

mkdir -p "$D"
prehab --data "$LOG" log clamshell 2x10 --note s1 >/dev/null
prehab --data "$LOG" log glute-bridge 2x10 --note s2 >/dev/null
make_import "$T/imp.csv" imp 400

# ---- alone: the log as it was, or as the command leaves it -----------------

cp "$LOG" "$T/base"
# What each command leaves, done without a kill; and how long the
# slowest takes, so that the kills spread over a whole run.
prehab --data "$LOG" log --undo >/dev/null
cp "$LOG" "$T/base-undone"
t0=$(now)
prehab --data "$LOG" log --import "$T/imp.csv" >/dev/null
spread=$(($(now) - t0 + 50))
nbase=$(notes_of "$T/base" | grep -c .)
n=1 bad=0 killed=0
while [ $n -le $alone ]; do
	cp "$T/base" "$LOG"
	case $((n % 3)) in
	0) victim log --undo ;;
	1) victim log step-down 3x8 --note alone ;;
	2) victim log --import "$T/imp.csv" ;;
	esac
	[ $rc = 137 ] && killed=$((killed + 1))
	size=$(wc -c <"$T/base")
	if ! parses "$LOG"; then
		why="does not parse"
	elif cmp -s "$LOG" "$T/base" || cmp -s "$LOG" "$T/base-undone"; then
		why=
	elif ! head -c "$size" "$LOG" | cmp -s - "$T/base"; then
		why="old bytes changed"
	else
		new=$(($(notes_of "$T/parsed.csv" | grep -c .) - nbase))
		case $new in
		6 | 400) why= ;;
		*) why="$new rows added" ;;
		esac
	fi
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "# run $n (status $rc): $why"
		cp "$LOG" "$T/bad-$n.csv"
	fi
	n=$((n + 1))
done
ok "alone: $alone runs ($killed killed): each log as it was or as the command leaves it" \
    [ $bad = 0 ]

# ---- among other writers ---------------------------------------------------

cp "$T/base" "$LOG"
rm -f "$T"/ledger* "$T"/undo-*.out
echo "s1 4 0" >"$T/ledger"
echo "s2 2 0" >>"$T/ledger"

writer() {	# writer K: wn logs, never killed
	_i=1
	while [ $_i -le $wn ]; do
		timeout 120 "$PREHAB" --data "$LOG" log clamshell 2x12 \
		    --note "w$1-$_i" >/dev/null 2>>"$T/w$1.err"
		echo "w$1-$_i 4 $?" >>"$T/ledger.w$1"
		_i=$((_i + 1))
	done
}
writer 1 &
w1=$!
writer 2 &
w2=$!

j=1 kundo=0 kills=0
while [ $j -le $iter ]; do
	case $((j % 3)) in
	0)
		victim log --undo
		cp "$T/victim.out" "$T/undo-$j.out"
		echo "undo-$j - $rc" >>"$T/ledger"
		[ $rc = 137 ] && kundo=$((kundo + 1))
		;;
	1)
		victim log step-down 3x8 --note "k$j"
		echo "k$j 6 $rc" >>"$T/ledger"
		;;
	2)
		make_import "$T/imp-$j.csv" "k$j" 300
		victim log --import "$T/imp-$j.csv"
		echo "k$j 300 $rc" >>"$T/ledger"
		;;
	esac
	[ $rc = 137 ] && kills=$((kills + 1))
	j=$((j + 1))
done
wait $w1 $w2
cat "$T"/ledger.w* >>"$T/ledger"
prehab --data "$LOG" log clamshell 2x12 --note last >/dev/null
echo "last 4 $?" >>"$T/ledger"

ok "among writers: $kills of $iter commands killed, the writers all done" \
    [ $kills -gt 0 ]
verify_log "among writers: every success kept, nothing torn or doubled" \
    "$LOG" "$kundo"
ok "writers never failed" sh -c "! cat '$T'/w*.err | grep -q ."
ok "no temporary file outlives the next command: $(strays "$D")" \
    [ -z "$(strays "$D")" ]

done_testing
