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
Tomorrow morning: a knee no worse than before today means this dose suits it; worse means ease off next time.'
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
Tomorrow morning: a knee no worse than before today means this dose suits it; worse means ease off next time.'
check "--plain: no input, every step on the clock" 0 "$plain_timed" "" -- \
    env LC_ALL=C "$PREHAB" go --plain side-plank
check "... and its four rows" 0 "4" "" -- sh -c "grep -c side-plank '$log'"
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
Tomorrow morning: a knee no worse than before today means this dose suits it; worse means ease off next time.' \
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
