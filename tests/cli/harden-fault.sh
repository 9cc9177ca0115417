#!/bin/sh
# harden-fault.sh: prehab log, log --undo and log --import on a disk that
# fills up or fails. An LD_PRELOAD library of our own (tests/fault/
# faultshim.c) makes write, fsync, rename, mkstemp or open fail for files
# under the log's directory only; where the machine lets us (root, and a
# kernel that allows it), a real 16 KB tmpfs fills up too.
#
# Every faulted command must either succeed completely or end with exit
# status 74, one line naming the error, the log byte-identical and no
# temporary file left behind. Standard output on a full device is the
# dispatcher's job: exit 74 and a message, whatever the command.
. "$(dirname "$0")/lib.sh"

D=$T/d
LOG=$D/log.csv
SHIM=$T/faultshim.so
# The command line (or the valgrind wrapper) cannot run under a sanitizer
# that insists on being first in the library list: tell ASan not to.
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
export ASAN_OPTIONS

if ! ${CC:-cc} -shared -fPIC -O1 -o "$SHIM" "$TOP/tests/fault/faultshim.c" \
    -ldl >"$T/cc.out" 2>&1; then
	skip "fault injection" "cannot build the LD_PRELOAD shim: $(head -n 1 "$T/cc.out")"
	done_testing
	exit
fi

# seed: a fresh $D holding a log of three commands (with quoted notes),
# made once and copied after.
mkdir -p "$D"
prehab --data "$LOG" log clamshell 2x12 --note 'first, "quoted"' >/dev/null &&
prehab --data "$LOG" log step-down 3x8 --note 'two
lines' >/dev/null &&
prehab --data "$LOG" log glute-bridge 2x10 --hold 2 >/dev/null ||
    echo "seeding failed" >&2
cp "$LOG" "$T/seed.csv"
seed() {
	rm -rf "$D"
	mkdir -p "$D"
	cp "$T/seed.csv" "$LOG"
	cp "$LOG" "$T/before"
}

# faulty VAR=VALUE... -- ARGS: prehab ARGS with the shim and settings.
faulty() {
	rm -f "$T/trace"
	while [ "$1" != -- ]; do
		eval "export $1"
		_unset="$_unset ${1%%=*}"
		shift
	done
	shift
	LD_PRELOAD=$SHIM FAULT_DIR=$D FAULT_TRACE=$T/trace \
	    "$PREHAB" --data "$LOG" "$@" >"$T/out" 2>"$T/err"
	_rc=$?
	for _v in $_unset; do unset "$_v"; done
	_unset=
	return $_rc
}
_unset=

# Files in $D besides the log: temporary files left behind.
strays() {
	ls -A "$D" | grep -vx 'log.csv' | tr '\n' ' '
}

# rows NOTE: how many rows of the log carry NOTE.
rows() {
	"$PREHAB" --data "$LOG" show log --format csv 2>/dev/null |
	    grep -c ",$1,"
}

# clean_failure DESC RC ERRNO-TEXT: exit 74, one line naming the error,
# the log byte-identical to $T/before, no stray files.
clean_failure() {
	_why=
	[ "$2" = 74 ] || _why="exit status $2, want 74"
	if [ "$(wc -l <"$T/err")" != 1 ] ||
	    ! grep -Eq "^prehab: log: cannot .*: $3\$" "$T/err"; then
		_why="$_why${_why:+; }stderr: $(cat "$T/err")"
	fi
	# A log that did not exist may still not exist.
	if [ -s "$T/before" ] || [ -f "$LOG" ]; then
		cmp -s "$T/before" "$LOG" ||
		    _why="$_why${_why:+; }the log changed"
	fi
	[ -z "$(strays)" ] || _why="$_why${_why:+; }left: $(strays)"
	[ -s "$T/trace" ] || _why="$_why${_why:+; }no fault was delivered"
	if [ -z "$_why" ]; then
		_t_result 1 "$1"
	else
		_t_result 0 "$1" "$_why"
	fi
}

# either DESC RC ERRNO-TEXT NOTE NROWS: a clean failure, or success with
# exactly NROWS new rows noted NOTE and the old bytes untouched.
either() {
	if [ "$2" != 0 ]; then
		clean_failure "$1 (failed cleanly)" "$2" "$3"
		return
	fi
	_n=$(rows "$4")
	_sz=$(wc -c <"$T/before")
	if [ "$_n" = "$5" ] && [ -z "$(strays)" ] && [ ! -s "$T/err" ] &&
	    head -c "$_sz" "$LOG" | cmp -s - "$T/before"; then
		_t_result 1 "$1 (had room: succeeded)"
	else
		_t_result 0 "$1" "succeeded, but $_n rows noted $4, want $5;" \
		    "left: $(strays); stderr: $(cat "$T/err")"
	fi
}

nospc="No space left on device"
eio="Input/output error"
# Under valgrind every run takes a second: strike at fewer points.
if [ "${PREHAB_MEMCHECK:-0}" = 1 ]; then
	points="0 200 5000" upoints="0 400 5000"
else
	points="0 1 57 200 700 5000" upoints="0 1 100 400 5000"
fi

# ---- appends ---------------------------------------------------------------

for err in ENOSPC EIO; do
	[ $err = ENOSPC ] && text=$nospc || text=$eio
	for n in $points; do
		seed
		faulty FAULT_FN=write FAULT_ERRNO=$err FAULT_BYTES=$n -- \
		    log clamshell 2x12 --note new
		either "log: $err after $n bytes" $? "$text" new 4
	done
done
seed
faulty FAULT_FN=write FAULT_ERRNO=ENOSPC FAULT_BYTES=0 -- \
    log clamshell 2x12 --note new
clean_failure "log on a full disk fails, names the error" $? "$nospc"
for fn in fsync rename mkstemp; do
	seed
	faulty FAULT_FN=$fn FAULT_ERRNO=EIO -- log clamshell 2x12 --note new
	either "log: $fn fails with EIO" $? "$eio" new 4
done
seed
faulty FAULT_FN=fsync FAULT_ERRNO=EIO -- log clamshell 2x12 --note new
clean_failure "log: a failed fsync is an error, not a success" $? "$eio"
seed
faulty FAULT_SHORT=3 -- log clamshell 2x12 --note new
either "log: writes of 3 bytes at a time" $? "" new 4

# The very first command, creating the log.
rm -rf "$D"
mkdir -p "$D"
: >"$T/before"
faulty FAULT_FN=write FAULT_ERRNO=ENOSPC FAULT_BYTES=30 -- \
    log clamshell 2x12 --note new
clean_failure "first log on a full disk: no log, or an empty one" $? "$nospc"

# ---- imports ---------------------------------------------------------------

{
	echo date,exercise,side,set,reps,note
	i=1
	while [ $i -le 40 ]; do
		printf '2026-10-%02d,clamshell,left,1,%d,imp\n' \
		    $((i % 28 + 1)) $((i % 20 + 1))
		i=$((i + 1))
	done
} >"$T/import.csv"
for n in 0 500 1500; do
	seed
	faulty FAULT_FN=write FAULT_ERRNO=ENOSPC FAULT_BYTES=$n -- \
	    log --import "$T/import.csv"
	either "import: ENOSPC after $n bytes" $? "$nospc" imp 40
done

# ---- undo ------------------------------------------------------------------

# undone DESC RC: success, with the log exactly the seed minus its last
# command (the glute bridges), as a byte prefix of the seed.
undone() {
	"$PREHAB" --data "$LOG" show log --format csv >"$T/csv" 2>>"$T/err"
	if [ "$2" = 0 ] && [ -z "$(strays)" ] &&
	    [ "$(grep -c ',glute-bridge,' "$T/csv")" = 0 ] &&
	    [ "$(grep -c ',clamshell,' "$T/csv")" = 4 ] &&
	    [ "$(grep -c ',step-down,' "$T/csv")" = 6 ] &&
	    head -c "$(wc -c <"$LOG")" "$T/before" | cmp -s - "$LOG"; then
		_t_result 1 "$1"
	else
		_t_result 0 "$1" "exit $2; left: $(strays); stderr: $(cat "$T/err")"
	fi
}

for n in $upoints; do
	seed
	faulty FAULT_FN=write FAULT_ERRNO=ENOSPC FAULT_BYTES=$n -- log --undo
	rc=$?
	if [ $rc = 0 ]; then
		undone "undo: ENOSPC after $n bytes (had room: succeeded)" $rc
	else
		clean_failure "undo: ENOSPC after $n bytes" $rc "$nospc"
	fi
done
for spec in "write EIO" "fsync EIO" "rename EIO" "rename EXDEV" \
    "mkstemp ENOSPC" "fchmod EPERM"; do
	set -- $spec
	case $2 in
	EIO) text=$eio ;;
	EXDEV) text="Invalid cross-device link" ;;
	ENOSPC) text=$nospc ;;
	EPERM) text="Operation not permitted" ;;
	esac
	seed
	faulty FAULT_FN=$1 FAULT_ERRNO=$2 -- log --undo
	clean_failure "undo: $1 fails with $2" $? "$text"
done
seed
faulty FAULT_SHORT=5 -- log --undo
undone "undo: writes of 5 bytes at a time" $?
seed
faulty FAULT_FN=rename FAULT_ERRNO=EIO -- log --undo
check "after a failed undo, undo works" 0 "~^removed 2 rows" "" -- \
    prehab --data "$LOG" log --undo
check "after a failed undo, log works" 0 "~^logged clamshell" "" -- \
    prehab --data "$LOG" log clamshell 2x12

# ---- a real full file system -----------------------------------------------

M=$T/mnt
if [ "$(id -u)" = 0 ] && mkdir -p "$M" &&
    mount -t tmpfs -o size=16k,mode=0700 prehab-full "$M" 2>/dev/null; then
	trap 'umount "$M" 2>/dev/null; rm -rf "$T"' EXIT
	FULL=$M/log.csv
	good=0 failed=0 i=0
	# Log until the disk is full, then some more: every command either
	# succeeds or fails cleanly, and the log keeps every success.
	while [ $i -lt 200 ] && [ $failed -lt 3 ]; do
		cp "$FULL" "$T/prev" 2>/dev/null || : >"$T/prev"
		prehab --data "$FULL" log clamshell 3x12 --note "full-$i" \
		    >/dev/null 2>"$T/err"
		rc=$?
		if [ $rc = 0 ]; then
			good=$((good + 1))
		else
			failed=$((failed + 1))
			if [ $rc != 74 ] || ! grep -q "$nospc" "$T/err" ||
			    ! cmp -s "$T/prev" "$FULL"; then
				failed=100
				cp "$T/err" "$T/full-err"
			fi
		fi
		i=$((i + 1))
	done
	ok "tmpfs: the disk filled up after $good commands" \
	    test $good -gt 10 -a $failed -ge 1
	ok "tmpfs: each command on the full disk failed cleanly (exit 74, log unchanged)" \
	    [ $failed -lt 100 ]
	n=$("$PREHAB" --data "$FULL" show log --format csv 2>"$T/err" |
	    grep -c ',full-')
	ok "tmpfs: all $((good * 6)) rows of the $good successes are there" \
	    test "$n" = $((good * 6)) -a ! -s "$T/err"
	# Undo needs room for a copy of what it keeps: take it all.
	cp "$FULL" "$T/prev"
	dd if=/dev/zero of="$M/filler" bs=1k count=64 2>/dev/null
	check "tmpfs: undo on the full disk" 74 "" \
	    "~^prehab: log: cannot .*: $nospc\$" -- \
	    prehab --data "$FULL" log --undo
	same_file "tmpfs: ... leaves the log as it was" "$T/prev" "$FULL"
	ok "tmpfs: ... and no temporary file" sh -c \
	    "[ \"\$(ls -A '$M' | tr '\n' ' ')\" = 'filler log.csv ' ]"
	rm -f "$M/filler"
	check "tmpfs: with room again, undo works" 0 "~^removed 6 rows" "" -- \
	    prehab --data "$FULL" log --undo
	umount "$M"
	trap 'rm -rf "$T"' EXIT
else
	skip "tmpfs: a real full disk" "needs root and permission to mount tmpfs"
fi

# ---- standard output on a full device --------------------------------------

seed
for cmd in "show" "show log" "show log --format csv" "stats" "plan" \
    "log clamshell 2x12 --dry-run" "help"; do
	check "$cmd > /dev/full" 74 "" \
	    "prehab: cannot write output: $nospc" -- \
	    sh -c "\"\$PREHAB\" --data '$LOG' $cmd >/dev/full"
done
same_file "output errors leave the log alone" "$T/before" "$LOG"

done_testing
