#!/bin/sh
# prehab show, help, the dispatcher and the config file.
. "$(dirname "$0")/lib.sh"

check "version" 0 "~^prehab [0-9]+\.[0-9]+\.[0-9]+$" "" -- prehab --version
check "--help lists commands" 0 "~^  show +Show the exercises" "" -- \
    prehab --help
check "help show" 0 "~^usage: prehab show " "" -- prehab help show
check "show --help" 0 "~^usage: prehab show " "" -- prehab show --help
check "unknown command suggests" 2 "*" \
    "~^prehab: 'shwo' is not a command \(did you mean 'show'\?\)$" -- \
    prehab shwo
check "unknown option suggests" 2 "" \
    "~^prehab: show: unknown option '--formt' \(did you mean '--format'\?\)$" \
    -- prehab show --formt csv
check "option missing its value" 2 "" \
    "~^prehab: show: option '--format' needs a value$" -- \
    prehab show --format
check "bad --format value" 2 "" \
    "~^prehab: show: --format must be text, tsv, csv or json, got 'xml'$" -- \
    prehab show --format xml
check "help --commands for completion" 0 "~^show$" "" -- \
    prehab help --commands
check "help --options" 0 "~^--format=$" "" -- prehab help --options show

cat >"$T/want" <<'W'
exercise	name	per_side	sets	reps	hold_s	tempo	variant	enabled	muscles
single-leg-squat	Single-leg squat	yes	2	10	0		assisted	yes	glutes, quadriceps, hip stabilisers
glute-bridge	Glute bridge	no	2	10	2		two-leg	yes	gluteus maximus
clamshell	Clamshell	yes	2	10	0		bodyweight	yes	gluteus medius
step-down	Step-down	yes	2	10	0	3-4 s down	low-step	yes	quadriceps (eccentric control), hip stabilisers
W
check "show --format tsv" 0 "$(cat "$T/want")" "" -- prehab show --format tsv
check "show --format csv quotes commas" 0 \
    '~^single-leg-squat,Single-leg squat,yes,2,10,0,,assisted,yes,"glutes, quadriceps, hip stabilisers"$' \
    "" -- prehab show --format csv
check "show text table" 0 "~^clamshell +per side +2×10 each side +bodyweight +gluteus medius$" \
    "" -- env COLUMNS=120 "$PREHAB" show
ok "text table has no trailing spaces" sh -c \
    '! "$PREHAB" show | grep -q " $"'
check "show clam: card by alias" 0 "~^Clamshell \(clamshell\)$" "" -- \
    prehab show clam
check "show by display name" 0 "~^Single-leg squat \(single-leg-squat\)$" \
    "" -- prehab show "Single leg squat"
check "show unknown exercise suggests" 2 "" \
    "prehab: show: unknown exercise 'clamshelx' (did you mean 'clamshell'?)" \
    -- prehab show clamshelx
check "show unambiguous prefix" 0 "~^Clamshell \(clamshell\)$" "" -- \
    prehab show clamsh
check "show ambiguous prefix" 2 "" \
    "~^prehab: show: ambiguous exercise 's': " -- prehab show s
check "show --names" 0 "~^clam$" "" -- prehab show --names
check "show --variants" 0 "$(printf 'bodyweight\nband\nheavy-band')" "" \
    -- prehab show --variants clam
check "no colour when piped" 0 "*" "" -- prehab show
ok "no escape codes when piped" sh -c '! "$PREHAB" show | grep -q "$(printf "\033")"'
ok "--color=always colours" sh -c '"$PREHAB" --color=always show | grep -q "$(printf "\033")"'
ok "NO_COLOR beats auto" sh -c '! NO_COLOR=1 "$PREHAB" show | grep -q "$(printf "\033")"'
check "bad --color" 2 "" "~^prehab: show: --color must be auto, always or never, got 'pink'$" \
    -- prehab --color pink show
check "COLUMNS wraps the last column between words" 0 \
"EXERCISE          SIDES      DOSE                        VARIANT     TARGETS
single-leg-squat  per side   2×10 each side              assisted    glutes,
                                                                     quadriceps,
                                                                     hip
                                                                     stabilisers
glute-bridge      both legs  2×10, hold 2 s              two-leg     gluteus
                                                                     maximus
clamshell         per side   2×10 each side              bodyweight  gluteus
                                                                     medius
step-down         per side   2×10 each side, 3-4 s down  low-step    quadriceps
                                                                     (eccentric
                                                                     control),
                                                                     hip
                                                                     stabilisers

One card: prehab show EXERCISE (e.g. prehab show clamshell)" \
    "" -- env COLUMNS=80 "$PREHAB" show
check "too narrow to wrap into, the last column overflows whole" 0 \
    "~^single-leg-squat  per side   2×10 each side +assisted +glutes, quadriceps, hip stabilisers$" \
    "" -- env COLUMNS=60 "$PREHAB" show

# The doses shown are the ones progression has reached in the log.
{
	echo date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch
	for d in 2026-11-20 2026-11-22; do
		for side in left right; do
			for set in 1 2; do
				echo "$d,18:00,clamshell,$side,$set,10,,bodyweight,6,1,,b$d"
			done
		done
	done
} >"$T/log.csv"
check "two good sessions step the list's dose up" 0 \
    "~^clamshell +per side +2×12 each side +bodyweight" "" -- \
    prehab --data "$T/log.csv" show
check "the card shows the level reached" 0 \
    "~^Dose: +2×12 each side, bodyweight \(level 2 of 9\)$" "" -- \
    prehab --data "$T/log.csv" show clam
check "show --format csv log: options before 'log' count" 0 \
    "~^date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch$" \
    "" -- prehab --data "$T/log.csv" show --format csv log
check "show log --help lists its options" 0 "~^  --safe " "" -- \
    prehab show log --help
{
	head -n 1 "$T/log.csv"
	echo "2026-10-31,18:00,glute-bridge,both,1,12,,two-leg,5,0,,boct"
	echo "2026-11-01,18:00,glute-bridge,both,1,12,,two-leg,5,0,,bnov"
	echo "2026-12-01,18:00,glute-bridge,both,1,12,,two-leg,5,0,,bdec"
} >"$T/months.csv"
check "show log --since/--until a month: its first to last day" 0 \
    "$(printf '%s\n' 'date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch' \
    '2026-11-01,18:00,glute-bridge,both,1,12,,two-leg,5,0,,bnov')" "" -- \
    prehab --data "$T/months.csv" show log --since this-month \
    --until 2026-11 --format csv
cp "$T/log.csv" "$T/bad.csv"
echo "2026-11-23,x,clamshell,left,1,10,,,,,," >>"$T/bad.csv"
check "a malformed log row is reported with its line" 65 "*" \
    "prehab: $T/bad.csv:10: column 'time': must be HH:MM, got 'x'" -- \
    prehab --data "$T/bad.csv" show

# A reader that stops early (| head) is not an error: no message.
awk -v rows=20000 -f "$TOP/tests/bench/genlog.awk" >"$T/big.csv"
check "show log | head -1 exits quietly" 0 \
    "~^[0-9]{4}-[0-9]{2}-[0-9]{2} [A-Z][a-z]+day$" "" -- \
    sh -c '"$PREHAB" --data "$1" show log 2>"$2" | head -n 1' sh \
    "$T/big.csv" "$T/pipe.err"
check "... with nothing on stderr" 0 "" "" -- cat "$T/pipe.err"

# Config: none is normal; show config is a valid config that loads back.
check "show config without a file" 0 "~^# \(that file does not exist yet" "" \
    -- prehab show config
mkdir -p "$HOME/.config/prehab"
prehab show config >"$T/saved.ini"
cp "$T/saved.ini" "$HOME/.config/prehab/config.ini"
prehab show config | grep -v '^#' | sed 's/ ; .*//' >"$T/again"
grep -v '^#' "$T/saved.ini" | sed 's/ ; .*//' >"$T/first"
same_file "show config round-trips" "$T/first" "$T/again"
check "values loaded from the file say so" 0 "~^mon = rest ; file$" "" -- \
    prehab show config

cat >"$T/c1.ini" <<'W'
[plan]
sessions_per_week = three
W
check "bad value names file, line, key and value" 78 "" \
    "prehab: $T/c1.ini:2: [plan] sessions_per_week must be 1-7, got 'three'" \
    -- prehab --config "$T/c1.ini" show
cat >"$T/c2.ini" <<'W'
[schedule]
mon = rest
this is not ini
W
check "syntax error names the line" 78 "" \
    "prehab: $T/c2.ini:3: expected 'key = value' or '[section]', got 'this is not ini'" \
    -- prehab --config "$T/c2.ini" show
cat >"$T/c3.ini" <<'W'
[plan]
time = 07:30
colour = never
time = 06:45
[nonsense]
a = b
W
check "unknown keys and duplicates warn, the last value wins" 0 \
    "~^time = 06:45 ; file$" \
    "$(printf '%s\n' "prehab: warning: $T/c3.ini:4: duplicate key 'time' in [plan] (line 2 is ignored)" \
    "prehab: warning: $T/c3.ini:3: unknown key 'colour' in [plan]" \
    "prehab: warning: $T/c3.ini: unknown section [nonsense]")" \
    -- prehab --config "$T/c3.ini" show config
awk 'BEGIN { printf "[plan]\ntime = "; for (i = 0; i < 1100; i++) printf "x"; print "" }' >"$T/c4.ini"
check "over-long line" 78 "" "prehab: $T/c4.ini:2: line longer than 1024 bytes" \
    -- prehab --config "$T/c4.ini" show
check "missing --config file" 78 "" \
    "prehab: cannot open config '$T/nope.ini': No such file or directory" \
    -- prehab --config "$T/nope.ini" show
check "PREHAB_CONFIG is read" 78 "" "~c1.ini:2:" -- \
    env PREHAB_CONFIG="$T/c1.ini" "$PREHAB" show
check "--config beats PREHAB_CONFIG" 0 "*" "" -- \
    env PREHAB_CONFIG="$T/c1.ini" "$PREHAB" --config "$T/saved.ini" show
cat >"$T/c5.ini" <<'W'
[exercise.side-plank]
name = Side plank
per_side = yes
sets = 2
reps = 1
hold = 30
cue = hips high, body in one line
variants = knees, full
[exercise.clamshell]
enabled = no
W
check "custom exercise joins the catalog" 0 "~^side-plank +per side +2×1 each side, hold 30 s +knees" \
    "" -- prehab --config "$T/c5.ini" show
check "custom exercise card" 0 "~^Cue: +hips high, body in one line$" "" -- \
    prehab --config "$T/c5.ini" show side
check "disabled built-in is marked" 0 "~gluteus medius \(disabled\)$" "" -- \
    env COLUMNS=120 "$PREHAB" --config "$T/c5.ini" show
prehab --config "$T/c5.ini" show config >"$T/c5b.ini"
check "custom exercises survive show config" 0 "~^side-plank" "" -- \
    prehab --config "$T/c5b.ini" show --format tsv
cat >"$T/c6.ini" <<'W'
[exercise.clamshell]
reps = 20
W
check "built-ins only take enabled" 78 "" \
    "prehab: $T/c6.ini:2: [exercise.clamshell] reps: only 'enabled' can be set for a built-in exercise" \
    -- prehab --config "$T/c6.ini" show
check "relative XDG_CONFIG_HOME is ignored" 0 \
    "~^# came from. Save it as $HOME/.config/prehab/config.ini and edit;$" "" -- \
    env XDG_CONFIG_HOME=relative "$PREHAB" show config
check "bad --today" 2 "" "~^prehab: show: --today: bad date 'someday'" -- \
    prehab --today someday show
check "stdout to a full disk fails" 74 "" "~^prehab: cannot write output: No space left on device$" -- \
    sh -c '"$PREHAB" show >/dev/full'

check "help show log is show log's own help" 0 \
    "$(prehab show log --help)" "" -- prehab help show log
check "help of an unknown sub-command" 2 "" \
    "prehab: help: 'show bogus' is not a command (see 'prehab help')" -- \
    prehab help show bogus

done_testing
