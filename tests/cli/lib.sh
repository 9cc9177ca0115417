# lib.sh: helpers for the command-line tests, sourced by tests/cli/*.sh.
# Each test file runs in a fresh temporary HOME with "today" pinned, so
# neither the user's files nor the calendar can change a result. Output is
# TAP, counted by tests/run.sh.
set -u

: "${PREHAB:?PREHAB must name the binary under test}"
# The source tree, for files the tests read (completions, man pages).
TOP=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/prehab-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home"
mkdir -p "$HOME"
unset XDG_CONFIG_HOME XDG_DATA_HOME PREHAB_CONFIG PREHAB_DATA NO_COLOR \
    COLUMNS PREHAB_TODAY
export PREHAB_TODAY=2026-11-24	# a Tuesday in ISO week 48
export LC_ALL=C.UTF-8 TZ=UTC
cd "$T" || exit 2

t_n=0
t_failed=0

prehab() {
	"$PREHAB" "$@"
}

_t_result() {	# _t_result PASS DESC [DIAGNOSTICS...]
	t_n=$((t_n + 1))
	if [ "$1" = 1 ]; then
		echo "ok $t_n - $2"
	else
		t_failed=$((t_failed + 1))
		echo "not ok $t_n - $2"
		shift 2
		for line in "$@"; do
			printf '%s\n' "$line" | sed 's/^/#   /'
		done
	fi
}

# _t_match WANT FILE: '*' anything, '~RE' an extended regex somewhere,
# anything else the exact contents (a final newline is implied).
_t_match() {
	case $1 in
	'*') return 0 ;;
	'~'*) grep -Eq -- "${1#\~}" "$2" ;;
	'') [ ! -s "$2" ] ;;
	*) printf '%s\n' "$1" | cmp -s - "$2" ;;
	esac
}

# check DESC STATUS STDOUT STDERR -- COMMAND...
# Runs COMMAND with stdin from $T/stdin if it exists (else /dev/null) and
# checks its exit status, standard output and standard error together.
check() {
	_d=$1 _want_rc=$2 _want_out=$3 _want_err=$4
	shift 4
	[ "${1:-}" = -- ] && shift
	_in=/dev/null
	[ -f "$T/stdin" ] && _in="$T/stdin"
	"$@" <"$_in" >"$T/out" 2>"$T/err"
	_rc=$?
	_why=
	[ "$_rc" = "$_want_rc" ] || _why="exit status $_rc, want $_want_rc"
	if ! _t_match "$_want_out" "$T/out"; then
		_why="$_why${_why:+; }stdout differs"
	fi
	if ! _t_match "$_want_err" "$T/err"; then
		_why="$_why${_why:+; }stderr differs"
	fi
	if [ -z "$_why" ]; then
		_t_result 1 "$_d"
	else
		_t_result 0 "$_d" "$_why" "command: $*" "--- stdout:" \
		    "$(head -c 2000 "$T/out")" "--- want:" "$_want_out" \
		    "--- stderr:" "$(head -c 2000 "$T/err")" "--- want:" \
		    "$_want_err"
	fi
	rm -f "$T/stdin"
}

# ok DESC COMMAND...: passes when COMMAND succeeds.
ok() {
	_d=$1
	shift
	if "$@" >"$T/ok.out" 2>&1; then
		_t_result 1 "$_d"
	else
		_t_result 0 "$_d" "command failed: $*" "$(head -c 2000 "$T/ok.out")"
	fi
}

# skip DESC REASON: a test that cannot run here, counted as skipped.
skip() {
	t_n=$((t_n + 1))
	echo "ok $t_n - $1 # SKIP $2"
}

# same_file DESC A B: byte-identical files.
same_file() {
	if cmp -s "$2" "$3"; then
		_t_result 1 "$1"
	else
		_t_result 0 "$1" "$2 and $3 differ"
	fi
}

done_testing() {
	echo "1..$t_n"
	[ "$t_failed" -eq 0 ]
}
