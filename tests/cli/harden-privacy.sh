#!/bin/sh
# harden-privacy.sh: the log is health data. Whatever the umask, prehab
# creates the log 0600 and its directories 0700, and the temporary files
# of its rewrites are never more open than the log. Text that a
# spreadsheet would take for a formula is kept in the log exactly as
# typed, and show log --safe defuses it for export.
. "$(dirname "$0")/lib.sh"

# ---- modes -----------------------------------------------------------------

for u in 000 022 077 0277 0777; do
	D=$T/u$u
	(umask $u; "$PREHAB" --data "$D/a/b/log.csv" log clamshell 2x10 \
	    >/dev/null 2>"$T/err")
	check "umask $u: log 0600, every new directory 0700" 0 \
	    "$(printf '700\n700\n700\n600')" "" -- \
	    stat -c %a "$D" "$D/a" "$D/a/b" "$D/a/b/log.csv"
done
mkdir "$T/h"	# prehab never creates the home directory itself
(umask 000; HOME=$T/h "$PREHAB" log clamshell 2x10 >/dev/null)
check "default place: ~/.local/share/prehab 0700 down from the first new one" \
    0 "$(printf '700\n700\n700\n600')" "" -- stat -c %a "$T/h/.local" \
    "$T/h/.local/share" "$T/h/.local/share/prehab" \
    "$T/h/.local/share/prehab/log.csv"

# The temporary files of appends and undo, seen through the shim's trace.
SHIM=$T/faultshim.so
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
export ASAN_OPTIONS
if ${CC:-cc} -shared -fPIC -O1 -o "$SHIM" "$TOP/tests/fault/faultshim.c" \
    -ldl 2>/dev/null; then
	D=$T/tmpmode
	mkdir -p "$D"
	traced() {
		rm -f "$T/trace"
		(umask 000; LD_PRELOAD=$SHIM FAULT_DIR=$D FAULT_TRACE=$T/trace \
		    "$PREHAB" --data "$D/log.csv" "$@" >/dev/null 2>&1)
		sort -u "$T/trace" 2>/dev/null
	}
	check "umask 000: appending writes the log through 0600 files" 0 \
	    "$(printf 'mkstemp mode 0600\nrename mode 0600')" "" -- \
	    traced log clamshell 2x10
	traced log glute-bridge 2x10 >/dev/null
	check "umask 000: undo writes through 0600 files" 0 \
	    "$(printf 'mkstemp mode 0600\nrename mode 0600')" "" -- \
	    traced log --undo
	check "... and the log stays 0600" 0 600 "" -- stat -c %a "$D/log.csv"
	chmod 640 "$D/log.csv"
	check "a mode the user chose is kept by a rewrite" 0 \
	    "$(printf 'mkstemp mode 0600\nrename mode 0640')" "" -- \
	    traced log step-down 2x8
	check "... still 0640" 0 640 "" -- stat -c %a "$D/log.csv"
else
	skip "modes of temporary files" "cannot build the LD_PRELOAD shim"
fi

# ---- text a spreadsheet would run ------------------------------------------

L=$T/sheet.csv
i=0
for note in '=1+1' '+SUM(A1:A9)' '-2 reps on the left' '@cmd' \
    "$(printf '\tindented')" "$(printf '\rreturn')" \
    "=HYPERLINK(\"http://x\",\"y\")" 'plain, with a comma'; do
	i=$((i + 1))
	printf '%s\n' "$note" >"$T/note$i"
	prehab --data "$L" log clamshell 2x10 --side left --note "$note" \
	    >/dev/null || echo "# logging note $i failed"
done

# The raw log, read by an independent CSV reader: every note exactly.
cat >"$T/notes.py" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
for r in rows[::2]:
    sys.stdout.write(repr(r["note"]) + "\n")
PY
PY=$(command -v python3 || true)
if [ -n "$PY" ]; then
	i=0
	: >"$T/want"
	while [ $i -lt 8 ]; do
		i=$((i + 1))
		"$PY" -c 'import sys; print(repr(open(sys.argv[1], newline="").read()[:-1]))' \
		    "$T/note$i" >>"$T/want"
	done
	"$PY" "$T/notes.py" "$L" >"$T/got"
	same_file "the log keeps =, +, -, @, tab and CR notes exactly" \
	    "$T/want" "$T/got"
	prehab --data "$L" show log --format csv >"$T/export.csv"
	"$PY" "$T/notes.py" "$T/export.csv" >"$T/got"
	same_file "show log --format csv gives them back unchanged" \
	    "$T/want" "$T/got"
	prehab --data "$T/again.csv" log --import "$T/export.csv" >/dev/null
	"$PY" "$T/notes.py" "$T/again.csv" >"$T/got"
	same_file "an export imported again keeps them exactly" \
	    "$T/want" "$T/got"
	prehab --data "$L" show log --format csv --safe >"$T/safe.csv"
	"$PY" - "$T/safe.csv" >"$T/got" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    for k, v in r.items():
        if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
            print("formula in", k, repr(v))
PY
	check "show log --safe: no cell starts a formula" 0 "" "" -- \
	    cat "$T/got"
	check "show log --safe: such notes get a leading quote" 0 \
	    "'=1+1" "" -- sh -c "cut -d, -f11 '$T/safe.csv' | grep -m 1 \"^'=\""
else
	skip "spreadsheet text" "python3 is needed to read the CSV"
fi
# Formulas in any text column of a log made elsewhere, and numbers.
cat >"$T/foreign.csv" <<'CSV'
date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
2026-11-20,07:00,-clam,left,1,10,5,=1+2,6,2,@SUM(1),=cmd|' /C calc'!A0
CSV
check "--safe defuses every text column, and no number" 0 \
    "$(printf '%s\n%s' "date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch" \
    "2026-11-20,07:00,'-clam,left,1,10,5,'=1+2,6,2,'@SUM(1),'=cmd|' /C calc'!A0")" "" -- \
    prehab --data "$T/foreign.csv" show log --format csv --safe
check "... in tsv too" 0 "~	'-clam	left	1	10	5	'=1\+2	6	2	'@SUM\(1\)	'=cmd" "" -- \
    prehab --data "$T/foreign.csv" show log --format tsv --safe
check "--safe is refused for text output" 2 "" \
    "~^prehab: show log: --safe is for --format csv or tsv" -- \
    prehab --data "$T/foreign.csv" show log --safe

# ---- the man page says so --------------------------------------------------

P5=$TOP/man/prehab-log.5
if [ -f "$P5" ]; then
	ok "prehab-log(5) explains --safe and CSV injection" sh -c \
	    "grep -q 'safe' '$P5' && grep -qi 'injection' '$P5'"
	ok "prehab-log(5) gives the modes 0600 and 0700" sh -c \
	    "grep -q 0600 '$P5' && grep -q 0700 '$P5'"
else
	skip "prehab-log(5)" "the page is not there yet"
fi

done_testing
