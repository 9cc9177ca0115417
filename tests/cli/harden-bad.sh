#!/bin/sh
# harden-bad.sh: the bad-input corpus (tests/bad/expect) and bounded memory.
#
# Each case runs in an empty directory of its own, under timeout, and must
# end with its exit status and first line of standard error (any further
# lines only the usage block of a usage error, or more "prehab: ..."
# messages, like a count of bad rows after the first). Whatever it does, it must
# not crash or hang, must leave a log it failed on byte-identical (none
# writes a partial row) and must leave no temporary file.
#
# Then the plain build reads huge hostile logs under a virtual memory
# limit, and its peak memory is reported: the reader caps fields and
# columns and streams rows, so memory must not grow with the input; and
# an import, which must hold its rows, is capped in rows.
. "$(dirname "$0")/lib.sh"

BAD=$TOP/tests/bad
export BAD
limit=20
[ "${PREHAB_MEMCHECK:-0}" = 1 ] && limit=120
root=0
[ "$(id -u)" = 0 ] && root=1
tab=$(printf '\t')

# run_case ID STATUS WANT SETUP ARGS: runs one case in $T/case/ID and
# prints "PASS ID first-line" or "FAIL ID why", on one line. Few
# processes per case: the corpus is long and processes are slow here.
run_case() {
	_id=$1 _status=$2 _want=$3 _setup=$4 _args=$5
	_c=$T/case/$_id
	mkdir -p "$_c/home"
	cd "$_c" || return
	case $_id in
	log-*) [ -f "$BAD/logs/${_id#log-}.csv" ] &&
	    cp "$BAD/logs/${_id#log-}.csv" log.csv ;;
	cfg-*) [ -f "$BAD/configs/${_id#cfg-}.ini" ] &&
	    cp "$BAD/configs/${_id#cfg-}.ini" config.ini ;;
	esac
	[ "$_setup" = - ] || eval "$_setup" >"$_c.setup" 2>&1 ||
	    echo "# $_id: setup failed" >&2
	_before=
	if [ -f log.csv ] && [ ! -L log.csv ]; then
		cp log.csv "$_c.before"
		_before=$_c.before
	fi
	case $_args in
	env\ *) _cmd="timeout $limit ${_args%% prehab *} \"\$PREHAB\" ${_args#* prehab }" ;;
	*) _cmd="timeout $limit \"\$PREHAB\" $_args" ;;
	esac
	HOME=$_c/home eval "$_cmd" </dev/null >"$_c.out" 2>"$_c.err"
	_rc=$?
	cd "$T" || return

	_why=
	case $_rc in
	124) _why="hung (killed after ${limit}s)" ;;
	99) _why="sanitizer report" ;;
	"$_status") ;;
	*) _why="exit status $_rc, want $_status" ;;
	esac
	_l1= _l2=
	{ IFS= read -r _l1; IFS= read -r _l2; } <"$_c.err"
	case $_want in
	-) [ -s "$_c.err" ] && _why="$_why${_why:+; }stderr: $_l1" ;;
	'~'*) printf '%s\n' "$_l1" | grep -Eq -- "${_want#\~}" ||
	    _why="$_why${_why:+; }stderr: $(printf '%.300s' "$_l1")" ;;
	*) [ "$_l1" = "$_want" ] ||
	    _why="$_why${_why:+; }stderr: $(printf '%.300s' "$_l1")" ;;
	esac
	# Further lines: a usage error's usage block, or more messages.
	if [ -n "$_l2" ] && ! { [ "$_status" = 2 ] &&
	    [ "${_l2#usage: }" != "$_l2" ]; } &&
	    tail -n +2 "$_c.err" | grep -qv '^prehab: '; then
		_why="$_why${_why:+; }more on stderr: $(printf '%.200s' "$_l2")"
	fi
	if [ -n "$_before" ]; then
		if [ "$_rc" != 0 ]; then
			cmp -s "$_before" "$_c/log.csv" ||
			    _why="$_why${_why:+; }the log changed"
		elif ! head -c "$(wc -c <"$_before")" "$_c/log.csv" |
		    cmp -s - "$_before"; then
			_why="$_why${_why:+; }old bytes of the log changed"
		fi
	fi
	for _f in "$_c"/.log.csv.*; do
		[ -e "$_f" ] && _why="$_why${_why:+; }left ${_f##*/}"
	done
	if [ -z "$_why" ]; then
		printf 'PASS %s %s: %.70s\n' "$_id" "$_status" "$_l1"
	else
		printf 'FAIL %s %s (args: %.200s)\n' "$_id" "$_why" "$_args"
	fi
}

grep -v '^#' "$BAD/expect" | grep . >"$T/cases"
# Two lanes, one per core: odd and even cases.
for lane in 0 1; do
	awk -v l=$lane 'NR % 2 == l' "$T/cases" | while IFS="$tab" read -r \
	    id status want setup args; do
		case $id in
		env-log-unreadable | env-log-dir-unwritable)
			if [ $root = 1 ]; then
				echo "SKIP $id root reads and writes any file"
				continue
			fi ;;
		cfg-world-writable)
			if [ $root = 0 ]; then
				echo "SKIP $id only root can give a file away"
				continue
			fi ;;
		esac
		run_case "$id" "$status" "$want" "$setup" "$args"
	done >"$T/lane$lane" &
done
wait
cat "$T/lane0" "$T/lane1" | sort -k2,2 >"$T/results"
while read -r verdict id rest; do
	case $verdict in
	PASS) _t_result 1 "$id: $rest" ;;
	SKIP) skip "$id" "$rest" ;;
	*) _t_result 0 "$id" "$rest" ;;
	esac
done <"$T/results"
chmod -R u+rwx "$T/case" 2>/dev/null
n=$(grep -c . "$T/cases")
ok "the corpus has $n cases, at least 60, and all ran" \
    test "$n" -ge 60 -a "$(grep -c . "$T/results")" = "$n"

# ---- memory stays bounded --------------------------------------------------

# The plain build: sanitizers reserve terabytes of address space, and
# valgrind's numbers are its own.
P=$TOP/prehab
if [ ! -x "$P" ]; then
	skip "bounded memory" "no plain build at $P (make prehab)"
	done_testing
	exit
fi
M=$T/mem
mkdir -p "$M"
hdr=date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
# A 17 MB log of 200,000 good rows; an 8 MB field; an 8 MB line without
# a newline; 10,000 fields in every row.
awk -v h=$hdr 'BEGIN { print h
	for (i = 0; i < 200000; i++)
		printf "20%02d-%02d-%02d,18:00,clamshell,left,%d,12,,band,5,1,a note of some length to fill the row,b%d\n",
		    10 + i % 16, i % 12 + 1, i % 28 + 1, i % 3 + 1, i / 6
}' >"$M/rows.csv"
{ echo "$hdr"; printf '2026-11-20,,clamshell,left,1,12,,,,,"'
  head -c 8388608 /dev/zero | tr '\0' n; echo '",b1'; } >"$M/field.csv"
{ echo "date,exercise,reps"; head -c 8388608 /dev/zero | tr '\0' 7; } \
    >"$M/line.csv"
awk 'BEGIN { print "date,exercise,reps"
	for (r = 0; r < 200; r++) { printf "2026-11-%02d,clamshell,10", r % 28 + 1
	for (i = 3; i < 10000; i++) printf ","; print "" } }' >"$M/cols.csv"

# peak FILE ARGS: runs the plain build on FILE with 64 MB of address
# space at most; prints its status and peak resident memory in KB.
peak() {
	_f=$1
	shift
	if [ -x /usr/bin/time ]; then
		(ulimit -v 65536; /usr/bin/time -f '%M' -o "$M/rss" \
		    "$P" --data "$_f" "$@" >/dev/null 2>"$M/err")
		echo "$? $(tail -n 1 "$M/rss")"
	else
		(ulimit -v 65536; "$P" --data "$_f" "$@" >/dev/null 2>"$M/err")
		echo "$? 0"
	fi
}

for spec in "rows show log --format csv" "rows stats --since 2010-01-01" \
    "field show log" "line show log" "cols show log" "rows log --undo"; do
	set -- $spec
	f=$1
	shift
	set -- $(peak "$M/$f.csv" "$@") "$@"
	rc=$1 kb=$2
	shift 2
	# Bounded: it finished within 64 MB, and well under that.
	ok "memory: $* on $(($(wc -c <"$M/$f.csv") / 1048576)) MB ($f): exit $rc, peak ${kb} KB" \
	    test "$rc" -lt 70 -a "$kb" -lt 8192
done

# An import is held in memory until its one append: past 250,000 rows it
# is refused, so memory stops there too.
awk 'BEGIN { print "date,exercise,side,set,reps,note"
	for (i = 0; i <= 250000; i++)
		printf "20%02d-%02d-%02d,clamshell,left,%d,%d,n%d\n", 10 + i % 16,
		    i % 12 + 1, i % 28 + 1, i % 3 + 1, i % 90 + 1, i
}' >"$M/import.csv"
if [ -x /usr/bin/time ]; then
	(ulimit -v 262144; cd "$M" && /usr/bin/time -f '%M' -o "$M/rss" "$P" \
	    --data "$M/new.csv" log --import import.csv >/dev/null 2>"$M/err")
	rc=$? kb=$(tail -n 1 "$M/rss")
else
	(ulimit -v 262144; cd "$M" && "$P" --data "$M/new.csv" log --import \
	    import.csv >/dev/null 2>"$M/err")
	rc=$? kb=0
fi
ok "memory: an import of 250,001 rows is refused (exit $rc), peak ${kb} KB" \
    test "$rc" = 65 -a "$kb" -lt 98304 -a ! -e "$M/new.csv"
check "... saying so" 0 \
    "prehab: log: nothing imported: import.csv has more than 250000 rows; import it in parts" \
    "" -- cat "$M/err"

done_testing
