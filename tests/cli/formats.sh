#!/bin/sh
# formats.sh: every command's machine formats, read back by python3's csv
# and json modules. For each command the csv, tsv and json outputs must
# parse, hold the same header and the same rows (json null is an empty
# cell), and --safe must leave no csv or tsv cell that a spreadsheet would
# run as a formula.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
HDR=date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
L="$T/log.csv"
cat >"$L" <<EOF
$HDR
2026-11-23,07:00,clamshell,left,1,12,,bodyweight,3,1,"=HYPERLINK(""x""),
two lines",B1
2026-11-23,07:00,clamshell,right,1,12,,bodyweight,3,1,+1 and tab	here,B1
2026-11-24,08:10,glute-bridge,both,1,11,2,two-leg,,,@me caf$(printf '\303\251'),B2
2026-11-24,08:20,step-down,left,1,10,,low-step,,4,-12,B3
EOF
# A config whose exercise name and muscles start like formulas.
cat >"$T/config.ini" <<'EOF'
[exercise.wall-sit]
name = =HYPERLINK("http://x")
muscles = -quadriceps
sets = 2
reps = 5
EOF

# The checker: stdin holds "FORMAT FILE" lines; it prints what differs.
cat >"$T/same.py" <<'EOF'
import csv, json, sys

def table(fmt, path):
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    if fmt == "json":
        rows = json.loads(text)
        if not rows:
            return None, []
        keys = list(rows[0].keys())
        return keys, [["" if r[k] is None else str(r[k]) for k in keys]
                      for r in rows]
    lines = list(csv.reader(text.splitlines(True),
                            delimiter="\t" if fmt == "tsv" else ",",
                            quoting=csv.QUOTE_MINIMAL if fmt == "csv"
                            else csv.QUOTE_NONE))
    return lines[0], lines[1:]

want = None
for line in sys.stdin:
    fmt, path = line.split()
    hdr, rows = table(fmt, path)
    # TSV turns tabs and line ends into spaces: compare likewise.
    got = (hdr, [[c.replace("\t", " ").replace("\r", " ").replace("\n", " ")
                  for c in r] for r in rows])
    if want is None:
        want = got
    elif hdr is not None and got != want:
        print(fmt, "differs:", got, "want", want)
        sys.exit(1)
print("same", len(want[1]))
EOF

cat >"$T/safe.py" <<'EOF'
import csv, sys
fmt = sys.argv[1]
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, delimiter="\t" if fmt == "tsv" else ",",
                           quoting=csv.QUOTE_MINIMAL if fmt == "csv"
                           else csv.QUOTE_NONE))
for r in rows[1:]:
    for c in r:
        if c[:1] in ("=", "+", "@", "\t", "\r") or (
                c[:1] == "-" and not c[1:].isdigit()):
            print("live cell:", repr(c))
            sys.exit(1)
print("defused", len(rows) - 1)
EOF

# roundtrip NAME EXPECTED-ROWS ARGS...: csv, tsv and json of one command.
roundtrip() {
	_name=$1 _n=$2
	shift 2
	: >"$T/list"
	for f in csv tsv json; do
		"$PREHAB" --config "$T/config.ini" --data "$L" "$@" \
		    --format "$f" >"$T/$f.out" 2>"$T/$f.err"
		echo "$f $T/$f.out" >>"$T/list"
	done
	check "$_name: json parses" 0 "*" "" -- \
	    $PY -m json.tool "$T/json.out"
	check "$_name: csv, tsv and json hold the same rows" 0 \
	    "same $_n" "" -- sh -c "$PY '$T/same.py' <'$T/list'"
}

roundtrip "show" 5 show
roundtrip "show log" 4 show log
roundtrip "plan" 15 plan
roundtrip "plan, one day" 5 plan 2026-11-26
roundtrip "stats" 1 stats
roundtrip "stats --by exercise" 5 stats --by exercise

# --safe: no live formula in any csv or tsv output.
for args in "show" "show log" "plan" "stats --by exercise"; do
	for f in csv tsv; do
		# shellcheck disable=SC2086
		"$PREHAB" --config "$T/config.ini" --data "$L" $args \
		    --format "$f" --safe >"$T/safe.out" 2>"$T/safe.err"
		check "$args --format $f --safe defuses formulas" 0 "~^defused" \
		    "" -- $PY "$T/safe.py" "$f" "$T/safe.out"
	done
done
check "show --format csv without --safe keeps the text" 0 \
    '~^wall-sit,"=HYPERLINK\(""http://x""\)",' "" -- \
    prehab --config "$T/config.ini" --data "$L" show --format csv
check "show --safe needs csv or tsv" 2 "" \
    "~^prehab: show: --safe is for --format csv or tsv$" -- \
    prehab --config "$T/config.ini" show --safe
check "plan --safe needs csv or tsv" 2 "" \
    "~^prehab: plan: --safe is for --format csv or tsv$" -- \
    prehab --config "$T/config.ini" plan --format json --safe
check "stats --safe needs csv or tsv" 2 "" \
    "~^prehab: stats: --safe is for --format csv or tsv$" -- \
    prehab --config "$T/config.ini" --data "$L" stats --safe
check "a typo in a word gets a suggestion" 2 "" \
    "~^prehab: stats: --by must be day, week, month or exercise, got 'weak' \(did you mean 'week'\?\)$" \
    -- prehab --data "$L" stats --by weak
done_testing
