#!/bin/sh
# prehab go: the guided session. --plain through pipes, pinned line for
# line; then the full-screen session in a real pseudo-terminal (tmux, on
# a socket of its own): its screens, the keys, the rows it logs, resume,
# and a terminal left exactly as it was (stty -a) after a normal end, q,
# ^C, SIGTERM, SIGHUP and a ^Z/fg round trip. The clock runs fast
# (PREHAB_GO_SCALE) so the whole file takes seconds.
. "$(dirname "$0")/lib.sh"

# A small custom exercise keeps the pinned --plain output short.
cat >"$T/plain.ini" <<'W'
[go]
lead_in = 1
switch = 2
rest = 3
tempo.side-plank = up:1 hold:2

[exercise.side-plank]
per_side = yes
sets = 2
reps = 2
W
export PREHAB_CONFIG="$T/plain.ini" PREHAB_GO_SCALE=0.01

# Refusals.
check "no terminal: refused, pointing at log session" 2 "" \
    "prehab: go: needs a terminal; use --plain for one line per step, or log afterwards with 'prehab log session'" \
    -- prehab go
check "no terminal: the log is not created" 1 "" "" -- test -e "$HOME/.local"
check "bad --rest" 2 "" "~^prehab: go: --rest must be 0-600 seconds, got '700'" \
    -- prehab go --plain --rest 700
check "bad clock scale" 2 "" \
    "~^prehab: go: PREHAB_GO_SCALE must be a number from 0.001 to 100, got 'fast'" \
    -- env PREHAB_GO_SCALE=fast "$PREHAB" go --plain
check "unknown exercise" 2 "" "~^prehab: go: unknown exercise 'nosuch'" \
    -- prehab go --plain nosuch
printf '[go]\ntempo = down:0\n' >"$T/bad.ini"
check "bad [go] tempo" 78 "" \
    "prehab: $T/bad.ini:2: [go] tempo: tempo phase 'down:0' needs 1-60 seconds" \
    -- prehab --config "$T/bad.ini" go --plain

printf '[go]\nrest = 601\n' >"$T/bad2.ini"
check "bad [go] rest" 78 "" "prehab: $T/bad2.ini:2: [go] rest must be 0-600, got '601'" \
    -- prehab --config "$T/bad2.ini" go --plain
printf '[go]\ntempo.clamshel = open:2 close:2\nbreak = 3\n' >"$T/warn.ini"
check "[go]: a rhythm for no exercise and an unknown key are warned of" 0 \
    "*" "prehab: warning: $T/warn.ini:3: unknown key 'break' in [go]
prehab: warning: $T/warn.ini:2: [go] tempo.clamshel: unknown exercise 'clamshel'" \
    -- prehab --config "$T/warn.ini" show config
printf '[go]\ntempo.step-down = down:5 up:2\nlead_in = 0\n' >"$T/own.ini"
prehab --config "$T/own.ini" show config >"$T/own.dump"
check "show config writes the [go] rhythms back" 0 "*" "" -- \
    grep -qx 'tempo.step-down = down:5 up:2 ; file' "$T/own.dump"
check "... and they load again" 0 "~tempo.step-down = down:5 up:2 ; file" "" \
    -- prehab --config "$T/own.dump" show config
printf '\nq\n' >"$T/stdin"
check "a configured rhythm is the one counted; no lead-in" 0 \
'prehab go: 1 exercise, planned 5:35
step-down: 2×10 each side, 3-4 s down: lower slowly, pelvis level, knee over the foot
  set 1 of 2 · left
  rep 1 of 10 · down: 5 s
  switch sides: 5 s
done
Session of Tue 2026-11-24: 0 of 1 exercises complete, 1 set logged
  step-down  L 1×10, R 0×10, stopped
Tomorrow morning, log how the knee feels: prehab log morning --pain N.' \
    "" -- prehab --config "$T/own.ini" --data "$T/own.csv" go --plain step-down
printf 'q\n' >"$T/stdin"
check "--color always colours the summary" 0 "~^.\[1mSession of" "" -- \
    prehab --color always --data "$T/own.csv" go --plain clamshell

# --plain through pipes: each input line is one key, read by the step
# running when it comes. All of it is there at once, so the order is
# fixed: Enter ends the lead-in, ends set 1 left; b during the switch
# goes back to set 1 left; ... p twice pauses and goes on; then pain 3
# and the session's RPE 6.
plain_keys='\n\nb\n\n\n\n\np\np\n\n\n\n3\n6\n'
plain_out='prehab go: 1 exercise, planned 0:32
side-plank: 2x2 each side
  get ready: 1 s
  set 1 of 2 - left
  rep 1 of 2 - up: 1 s
  switch sides: 2 s
  back one set
  set 1 of 2 - left
  rep 1 of 2 - up: 1 s
  switch sides: 2 s
  set 1 of 2 - right
  rep 1 of 2 - up: 1 s
  rest: 3 s
  set 2 of 2 - left
  rep 1 of 2 - up: 1 s
  paused
  going on
  switch sides: 2 s
  set 2 of 2 - right
  rep 1 of 2 - up: 1 s
Knee pain during side-plank? (0-10, Enter for none): 3
Effort of the whole session, RPE (1-10, Enter for none): 6
done
Session of Tue 2026-11-24: 1 of 1 exercises complete, 4 sets logged
  side-plank  L 2x2, R 2x2, pain 3
Session RPE 6.
Tomorrow morning, log how the knee feels: prehab log morning --pain N.'
printf "$plain_keys" >"$T/stdin"
check "--plain: a session driven by keys from a pipe" 0 "$plain_out" "" -- \
    env LC_ALL=C "$PREHAB" go --plain side-plank
log=$HOME/.local/share/prehab/log.csv
# Every column but the time and the batch id, which come from the clock.
rows() { cut -d, -f1,3-11 "$1"; }
check "--plain: one row per set and side, with pain and RPE" 0 \
'date,exercise,side,set,reps,hold_s,variant,rpe,pain,note
2026-11-24,side-plank,left,1,2,,,6,3,
2026-11-24,side-plank,right,1,2,,,6,3,
2026-11-24,side-plank,left,2,2,,,6,3,
2026-11-24,side-plank,right,2,2,,,6,3,' "" -- rows "$log"
check "the log stays 0600" 0 "600" "" -- stat -c %a "$log"
check "log --undo right after takes the session back" 0 "~^removed 4 rows" \
    "" -- prehab log --undo
# Two exercises, every question left empty: one batch, one undo.
yes '' | head -n 200 >"$T/stdin"
check "--plain: two exercises, Enter to every step" 0 "*" "" -- \
    prehab --data "$T/two.csv" go --plain side-plank clamshell
rm -f "$T/stdin"
check "both exercises share one batch id" 0 1 "" -- \
    sh -c 'tail -n +2 "$1" | cut -d, -f12 | sort -u | wc -l | tr -d " "' \
    sh "$T/two.csv"
check "log --undo takes the whole session back" 0 \
    "~^removed 8 rows of the last log command:$" "" -- \
    prehab --data "$T/two.csv" log --undo

# With no input at all, the steps run on the clock and the questions
# go unanswered.
plain_timed='prehab go: 1 exercise, planned 0:32
side-plank: 2x2 each side
  get ready: 1 s
  set 1 of 2 - left
  rep 1 of 2 - up: 1 s
  rep 1 of 2 - hold: 2 s
  rep 2 of 2 - up: 1 s
  rep 2 of 2 - hold: 2 s
  switch sides: 2 s
  set 1 of 2 - right
  rep 1 of 2 - up: 1 s
  rep 1 of 2 - hold: 2 s
  rep 2 of 2 - up: 1 s
  rep 2 of 2 - hold: 2 s
  rest: 3 s
  set 2 of 2 - left
  rep 1 of 2 - up: 1 s
  rep 1 of 2 - hold: 2 s
  rep 2 of 2 - up: 1 s
  rep 2 of 2 - hold: 2 s
  switch sides: 2 s
  set 2 of 2 - right
  rep 1 of 2 - up: 1 s
  rep 1 of 2 - hold: 2 s
  rep 2 of 2 - up: 1 s
  rep 2 of 2 - hold: 2 s
Knee pain during side-plank? (0-10, Enter for none): (none)
Effort of the whole session, RPE (1-10, Enter for none): (none)
done
Session of Tue 2026-11-24: 1 of 1 exercises complete, 4 sets logged
  side-plank  L 2x2, R 2x2
Tomorrow morning, log how the knee feels: prehab log morning --pain N.'
check "--plain: no input, every step on the clock" 0 "$plain_timed" "" -- \
    env LC_ALL=C "$PREHAB" go --plain side-plank
check "... and its four rows" 0 "4" "" -- sh -c "grep -c side-plank '$log'"
# On the clock it takes its planned 32 s, at 0.01: never less than 320 ms,
# and not much more (a loaded machine, the sanitizers).
t0=$(date +%s%N)
prehab --data "$T/timed.csv" go --plain side-plank </dev/null >/dev/null 2>&1
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
if [ "$ms" -ge 320 ] && [ "$ms" -lt 2000 ]; then
	_t_result 1 "a timed session takes its planned length"
else
	_t_result 0 "a timed session takes its planned length" "took $ms ms"
fi
check "... and logs its sets" 0 "4" "" -- sh -c "grep -c side-plank '$T/timed.csv'"
# A routine of two small exercises, for the session as a whole.
cat >"$T/only.ini" <<'W'
[go]
lead_in = 1
switch = 2
rest = 3
tempo.side-plank = up:1 hold:2
tempo.wall-sit = hold:3

[exercise.side-plank]
per_side = yes
sets = 2
reps = 2

[exercise.wall-sit]
sets = 1
reps = 2

[exercise.single-leg-squat]
enabled = no
[exercise.glute-bridge]
enabled = no
[exercise.clamshell]
enabled = no
[exercise.step-down]
enabled = no
W

# The next day: q after the first exercise; then go again resumes.
export PREHAB_CONFIG="$T/only.ini" PREHAB_TODAY=2026-11-25
printf '\n\n\n\n\n\n\n\n2\nq\n' >"$T/stdin"
check "--plain: q keeps the finished exercise" 0 \
'prehab go: 2 exercises, planned 0:39
No session is planned today; this is the one planned for Thu 2026-11-26.
side-plank: 2x2 each side
  get ready: 1 s
  set 1 of 2 - left
  rep 1 of 2 - up: 1 s
  switch sides: 2 s
  set 1 of 2 - right
  rep 1 of 2 - up: 1 s
  rest: 3 s
  set 2 of 2 - left
  rep 1 of 2 - up: 1 s
  switch sides: 2 s
  set 2 of 2 - right
  rep 1 of 2 - up: 1 s
Knee pain during side-plank? (0-10, Enter for none): 2
wall-sit: 1x2
  get ready: 1 s
done
Session of Wed 2026-11-25: 1 of 2 exercises complete, 4 sets logged
  side-plank  L 2x2, R 2x2, pain 2
  wall-sit    no set done, stopped
Tomorrow morning, log how the knee feels: prehab log morning --pain N.' \
    "" -- env LC_ALL=C "$PREHAB" go --plain
printf 's e\n' >"$T/stdin"
check "--plain: go again resumes with what is left; s skips it" 0 \
'prehab go: 1 exercise, planned 0:07
Resuming today'"'"'s session: 1 of 2 exercises still to do.
wall-sit: 1x2
  get ready: 1 s
  skipped (equipment)
done
Session of Wed 2026-11-25: 1 of 2 exercises complete, 0 sets logged
  side-plank  L 2x2, R 2x2 (4 already in the log)
  wall-sit    no set done, skipped (equipment)' \
    "" -- env LC_ALL=C "$PREHAB" go --plain
check "... and the log holds exactly the sets done" 0 \
'date,exercise,side,set,reps,hold_s,variant,rpe,pain,note
2026-11-24,side-plank,left,1,2,,,,,
2026-11-24,side-plank,right,1,2,,,,,
2026-11-24,side-plank,left,2,2,,,,,
2026-11-24,side-plank,right,2,2,,,,,
2026-11-25,side-plank,left,1,2,,,,2,
2026-11-25,side-plank,right,1,2,,,,2,
2026-11-25,side-plank,left,2,2,,,,2,
2026-11-25,side-plank,right,2,2,,,,2,' "" -- rows "$log"
check "... and once the routine is done, go says so" 0 "~wall-sit    1x2$" "" \
    -- env LC_ALL=C "$PREHAB" go --plain
check "... and has nothing left to do" 1 \
    "" "prehab: go: today's session is in the log already; 'prehab go EXERCISE' does one again" \
    -- prehab go --plain

# ---- The full screen, in a real pseudo-terminal ------------------------
if ! command -v tmux >/dev/null 2>&1 || ! command -v bash >/dev/null 2>&1
then
	skip "full-screen tests" "tmux or bash is not installed"
	done_testing
	exit
fi
sock=$T/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$T"' EXIT
tm() { tmux -S "$sock" "$@"; }
screen() { tm capture-pane -p -t go; }
# wait_screen ERE [SECONDS]: waits until the pane shows ERE.
wait_screen() {
	_n=$((${2:-15} * 20))
	while [ "$_n" -gt 0 ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}
# see DESC ERE...: passes once the pane shows every ERE.
see() {
	_d=$1
	shift
	for _re in "$@"; do
		if ! wait_screen "$_re"; then
			_t_result 0 "$_d" "no match for: $_re" "screen:" "$(screen)"
			return
		fi
	done
	_t_result 1 "$_d"
}
keys() { tm send-keys -t go "$@"; }
run() { tm send-keys -t go -l "$*"; tm send-keys -t go Enter; }
# The terminal's modes now, into a file, through the shell in the pane.
stty_to() {
	run "clear; stty -a >$1.tmp && mv $1.tmp $1"
	_n=200
	while [ ! -f "$1" ] && [ "$_n" -gt 0 ]; do sleep 0.05; _n=$((_n - 1)); done
}

# At ten times speed the lead-in (1 s), a switch (0.5 s) and a rest
# (1 s) are long enough to catch with p; the keys do the rest of the
# moving, so nothing waits on the clock for long.
cat >"$T/tty.ini" <<'W'
[go]
lead_in = 10
switch = 5
W
export PREHAB_CONFIG="$T/tty.ini" PREHAB_GO_SCALE=0.1 PREHAB_TODAY=2026-11-24
unset LC_ALL
export LC_ALL=C.UTF-8
tm new-session -d -s go -x 80 -y 24 "env PS1='$ ' bash --norc --noprofile -i"
wait_screen '^\$' 10
stty_to "$T/stty.before"

# A whole exercise: screens, keys, pain and RPE, the rows, undo.
data=$T/a.csv
run "clear; $PREHAB --data $data go --rest 10 clamshell; echo rc=\$?"
see "screen: the exercise, its dose and cue, the lead-in" \
    '^Clamshell  \(1 of 1\)' '^2×10 each side  \(bodyweight\)' \
    '^keep the pelvis still; feet stay together' '^get ready' \
    '^Enter: set done   p: pause   s: skip   b: back   q: quit'
keys p
see "p pauses the lead-in" '^get ready · paused \(p\), p to go on'
keys p Enter p
see "screen: set 1, left side, the rep and its phase" '^set 1 of 2 · left' \
    '^rep [0-9]+ of 10 · (down|up) · paused'
keys p Enter p
see "Enter ends the set: switch sides for the right" '^set 1 of 2 · right' \
    '^switch sides · paused'
keys p Enter Enter p
see "after both sides, the rest" '^set 2 of 2 · left' '^rest · paused'
keys b p
see "b goes back one set" '^set 1 of 2 · right' '^rep 1 of 10 · down · paused'
keys p Enter Enter Enter Enter Enter
see "the pain question after the exercise" \
    '^Knee pain during clamshell\? 0-9, 1 0 for 10, Enter: none'
keys 2
see "then the session's RPE" '^Effort of the whole session, RPE 1-9'
keys 1 0
see "the summary stays on the normal screen" \
    '^Session of Tue 2026-11-24: 1 of 1 exercises complete, 4 sets logged' \
    '^  clamshell  L 2×10, R 2×10, pain 2$' '^Session RPE 10\.$' '^rc=0$'
stty_to "$T/stty.end"
same_file "stty -a the same after a normal end" "$T/stty.before" "$T/stty.end"
check "the rows of the exercise, pain and RPE on each" 0 \
'date,exercise,side,set,reps,hold_s,variant,rpe,pain,note
2026-11-24,clamshell,left,1,10,,bodyweight,10,2,
2026-11-24,clamshell,right,1,10,,bodyweight,10,2,
2026-11-24,clamshell,left,2,10,,bodyweight,10,2,
2026-11-24,clamshell,right,2,10,,bodyweight,10,2,' "" -- rows "$data"
check "log --undo takes them back" 0 "~^removed 4 rows" "" -- \
    prehab --data "$data" log --undo

# A resize redraws at once, down to a small terminal, and back.
run "clear; $PREHAB --data $data go glute-bridge; echo rc=\$?"
see "glute-bridge starts" '^get ready'
keys p
tm resize-window -t go -x 40 -y 12
see "a 40x12 terminal still shows the count and the keys" \
    '^Glute bridge  \(1 of 1\)' '^get ready · paused \(p\), p to go on  [0-9]+' \
    '^Enter done p pause s skip b back q quit'
tm resize-window -t go -x 80 -y 24
see "back at 80x24, the full screen" \
    '^Enter: set done   p: pause   s: skip   b: back   q: quit'
keys q
see "q with nothing done" '^  glute-bridge  no set done, stopped$' '^rc=0$'
stty_to "$T/stty.q"
same_file "stty -a the same after q" "$T/stty.before" "$T/stty.q"

# q halfway through the routine, then go again: it resumes.
data=$T/b.csv
run "clear; $PREHAB --data $data go --rest 0; echo rc=\$?"
see "the routine starts with the single-leg squat" \
    '^Single-leg squat  \(1 of 4\)'
keys Enter Enter Enter Enter Enter Enter Enter
see "its pain" '^Knee pain during single-leg-squat\?'
keys 1 Enter
see "then the bridge" '^Glute bridge  \(2 of 4\)'
keys Enter Enter
see "set 2 of the bridge" '^set 2 of 2$'
keys q
see "q keeps what was done" '^  single-leg-squat  L 2×10, R 2×10, pain 1$' \
    '^  glute-bridge      1×10, stopped$' '^rc=0$'
stty_to "$T/stty.q2"
same_file "stty -a the same after q mid-session" "$T/stty.before" \
    "$T/stty.q2"
check "the log holds the finished exercise and the set done" 0 \
'date,exercise,side,set,reps,hold_s,variant,rpe,pain,note
2026-11-24,single-leg-squat,left,1,10,,assisted,,1,
2026-11-24,single-leg-squat,right,1,10,,assisted,,1,
2026-11-24,single-leg-squat,left,2,10,,assisted,,1,
2026-11-24,single-leg-squat,right,2,10,,assisted,,1,
2026-11-24,glute-bridge,both,1,10,2,two-leg,,,' "" -- rows "$data"
run "clear; $PREHAB --data $data go --rest 0; echo rc=\$?"
see "go again resumes where it stopped, and says so" \
    '^Glute bridge  \(2 of 4\)' '^set 2 of 2$' \
    "Resuming today's session: 3 of 4 exercises still to do\."
keys q
see "... and q again" '^rc=0$'

# ^C in the middle of an exercise: the sets done are kept.
data=$T/c.csv
run "clear; $PREHAB --data $data go --rest 0 step-down; echo rc=\$?"
see "step-down starts" '^Step-down  \(1 of 1\)'
keys Enter Enter
see "set 1 left done, switching" '^switch sides'
keys C-c
# bash drops the rest of a command line that ^C interrupted: ask after.
see "^C ends it, with the summary" '^  step-down  L 1×10, R 0×10, stopped$'
run "echo rc=\$?"
see "... by the signal" '^rc=130$'
stty_to "$T/stty.int"
same_file "stty -a the same after ^C" "$T/stty.before" "$T/stty.int"
check "the set done before ^C is in the log" 0 \
'date,exercise,side,set,reps,hold_s,variant,rpe,pain,note
2026-11-24,step-down,left,1,10,,low-step,,,' "" -- rows "$data"

# SIGTERM and SIGHUP from outside.
for sig in TERM HUP; do
	data=$T/$sig.csv
	rm -f "$T/pid"
	run "clear; sh -c 'echo \$\$ >$T/pid; exec $PREHAB --data $data go --rest 0 clamshell'; echo rc=\$?"
	see "$sig: clamshell starts" '^Clamshell  \(1 of 1\)'
	keys Enter Enter
	see "$sig: set 1 left done" '^switch sides'
	kill -"$sig" "$(cat "$T/pid")"
	case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
	see "SIG$sig ends it, by the signal" "^rc=$want\$"
	stty_to "$T/stty.$sig"
	same_file "stty -a the same after SIG$sig" "$T/stty.before" \
	    "$T/stty.$sig"
	check "SIG$sig: the set done is in the log" 0 \
'date,exercise,side,set,reps,hold_s,variant,rpe,pain,note
2026-11-24,clamshell,left,1,10,,bodyweight,,,' "" -- rows "$data"
done

# ^Z and fg: the terminal is the shell's while stopped; back, it repaints
# paused. Under valgrind the default action of SIGTSTP does not stop the
# process, so there is nothing to test.
if [ "${PREHAB_MEMCHECK:-0}" = 1 ]; then
	skip "^Z and fg" "valgrind does not stop on SIGTSTP"
	tm kill-server
	done_testing
	exit
fi
data=$T/z.csv
run "clear; $PREHAB --data $data go glute-bridge"
see "glute-bridge starts again" '^get ready'
keys C-z
see "^Z stops it" 'Stopped'
stty_to "$T/stty.tstp"
same_file "stty -a the same while stopped" "$T/stty.before" "$T/stty.tstp"
run "fg"
see "fg repaints it, paused" '^Glute bridge  \(1 of 1\)' \
    'paused \(stopped\), p to go on'
keys p q
see "then q" '^  glute-bridge  no set done, stopped$'
stty_to "$T/stty.fg"
same_file "stty -a the same after ^Z, fg and q" "$T/stty.before" \
    "$T/stty.fg"

tm kill-server
done_testing
