#!/bin/sh
# harden-fuzz.sh: a short run of every libFuzzer target (tests/fuzz), so
# that `make test` replays the seed corpus, including the inputs of past
# crashes, and looks a little further. Each target runs for
# FUZZ_CHECK_SECONDS (default 10), two at a time; `make fuzz` runs them
# longer. Skipped, with the reason, where clang has no libFuzzer, and
# under `make memcheck`, where valgrind has nothing to add.
. "$(dirname "$0")/lib.sh"

secs=${FUZZ_CHECK_SECONDS:-10}
if [ "${PREHAB_MEMCHECK:-0}" = 1 ]; then
	skip "fuzz targets" "not under valgrind: they carry their own sanitizers"
	done_testing
	exit
fi
cc=${FUZZ_CC:-clang}
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' >"$T/probe.c"
if ! command -v "$cc" >/dev/null 2>&1; then
	skip "fuzz targets" "$cc not found (make deps installs it)"
	done_testing
	exit
fi
if ! "$cc" -fsanitize=fuzzer,address,undefined -o "$T/probe" "$T/probe.c" \
    >"$T/probe.out" 2>&1; then
	skip "fuzz targets" "$cc cannot link -fsanitize=fuzzer (no libFuzzer runtime)"
	done_testing
	exit
fi

ok "fuzz targets build" make -s -j 2 -C "$TOP" fuzz-build FUZZ_CC="$cc"
sh "$TOP/tests/fuzz/run.sh" -s "$secs" -j 2 >"$T/fuzz.out" 2>&1
for t in $(cd "$TOP/tests/fuzz" && ls fuzz_*.c | sed 's/\.c$//'); do
	line=$(grep -E "^(ok|FAIL) $t:" "$T/fuzz.out")
	case $line in
	ok*) _t_result 1 "$t for ${secs}s: ${line#ok $t: }" ;;
	*) _t_result 0 "$t for ${secs}s" "${line:-no result}" \
	    "$(tail -n 5 "$T/fuzz.out")" ;;
	esac
done
done_testing
