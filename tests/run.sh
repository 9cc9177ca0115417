#!/bin/sh
# Runs every test program and prints one closing line, "N passed, N failed,
# N skipped"; exits non-zero if any test failed or a program crashed.
# Unit tests are build/asan/test_*, command-line tests tests/cli/*.sh; each
# prints TAP. Run one file by naming it: sh tests/run.sh tests/cli/show.sh
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
PREHAB=${PREHAB:-$top/build/asan/prehab}
export PREHAB
# Sanitizer reports make the run fail, and say where.
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:exitcode=99}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=99}
export ASAN_OPTIONS UBSAN_OPTIONS

if [ $# -gt 0 ]; then
	progs="$*"
else
	progs="$(ls build/asan/test_* 2>/dev/null) $(ls tests/cli/*.sh)"
fi

pass=0 fail=0 skip=0 broken=
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for p in $progs; do
	case $p in */lib.sh) continue ;; esac
	case $p in
	*.sh) sh "$p" >"$log" 2>&1 ;;
	*) "$p" >"$log" 2>&1 ;;
	esac
	rc=$?
	np=$(grep '^ok ' "$log" | grep -vc '# SKIP')
	ns=$(grep '^ok ' "$log" | grep -c '# SKIP')
	nf=$(grep -c '^not ok ' "$log")
	pass=$((pass + np)) skip=$((skip + ns)) fail=$((fail + nf))
	if [ "$nf" -gt 0 ] || [ "$rc" -ne 0 ]; then
		echo "FAIL $p (exit $rc)"
		# The failing cases with their diagnostics, and any crash.
		awk '/^not ok /{show=1; print; next} /^(ok |1\.\.)/{show=0}
		    show || !/^(ok |#|1\.\.)/' "$log" | head -n 60
		if [ "$nf" -eq 0 ]; then
			fail=$((fail + 1))
			broken="$broken $p"
		fi
	else
		echo "ok   $p ($np passed${ns:+, $ns skipped})"
	fi
done

[ -z "$broken" ] || echo "crashed or exited non-zero:$broken"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
