#!/bin/sh
# Running plans read from iCalendar files: placement around the feeds of
# tests/calendar (TrainingPeaks-like, Runna-like, a coach's calendar with
# time zones, weekly rules and an EXDATE, a race calendar with a
# cancelled race), precedence against [override] dates and the pattern,
# --explain, show config, errors, a symlink, a file replaced while it is
# read, and hostile files in bounded time and memory. Today is Tuesday
# 2026-11-24 (2026-W48).
. "$(dirname "$0")/lib.sh"

FIX=$TOP/tests/calendar
mkdir -p "$HOME/.config/prehab"
CONF=$HOME/.config/prehab/config.ini
cp "$FIX"/*.ics "$HOME/.config/prehab/"
# conf LINES...: the default config file.
conf() {
	printf '%s\n' "$@" >"$CONF"
}
# days ARGS: date, weekday and reason of each session planned.
days() {
	"$PREHAB" "$@" --format tsv | cut -f1-3 | uniq | tail -n +2
}
# explain ARGS: the --explain lines only.
explain() {
	"$PREHAB" "$@" --explain | grep -E '^  [a-z]{3} 2|^ {25}ignored'
}

# --- TrainingPeaks: all-day events, folded and escaped text ----------------
conf '[schedule]' 'calendar = trainingpeaks.ics'
cat >"$T/want" <<'EOF'
Week 2026-W48, Mon 2026-11-23 to Sun 2026-11-29: 3 sessions
Schedule: mon rest, tue hard, wed easy, thu cross, fri rest, sat long, sun easy

  mon 2026-11-23  rest   calendar: no workout that day
  tue 2026-11-24  hard   calendar: "Run: Intervals 6x800m" (interval)
  wed 2026-11-25  easy   calendar: "Run: Easy Run 40 min" (easy)
  thu 2026-11-26  cross  calendar: "Swim: Technique 30 min" (swim)
  fri 2026-11-27  rest   calendar: no workout that day
  sat 2026-11-28  long   calendar: "Run: Long Run 18 km" (long run)
  sun 2026-11-29  easy   calendar: "Run: Recovery Run 30 min" (recovery)

Wed 2026-11-25  after easy run      upcoming  15 min
  single-leg-squat  2×10 each side              assisted
                    knee tracks over the foot, never caves in
  glute-bridge      2×10, hold 2 s              two-leg
                    squeeze the glutes at the top; back stays flat
  clamshell         2×10 each side              bodyweight
                    keep the pelvis still; feet stay together
  step-down         2×10 each side, 3-4 s down  low-step
                    lower slowly, pelvis level, knee over the foot

Fri 2026-11-27  rest day            upcoming  15 min
  (the day before the long run: the week has no other day for it)
  single-leg-squat  2×10 each side              assisted
                    knee tracks over the foot, never caves in
  glute-bridge      2×10, hold 2 s              two-leg
                    squeeze the glutes at the top; back stays flat
  clamshell         2×10 each side              bodyweight
                    keep the pelvis still; feet stay together
  step-down         2×10 each side, 3-4 s down  low-step
                    lower slowly, pelvis level, knee over the foot

Sun 2026-11-29  after easy run      upcoming  15 min
  single-leg-squat  2×10 each side              assisted
                    knee tracks over the foot, never caves in
  glute-bridge      2×10, hold 2 s              two-leg
                    squeeze the glutes at the top; back stays flat
  clamshell         2×10 each side              bodyweight
                    keep the pelvis still; feet stay together
  step-down         2×10 each side, 3-4 s down  low-step
                    lower slowly, pelvis level, knee over the foot
EOF
check "trainingpeaks: the week, explained" 0 "$(cat "$T/want")" "" -- \
    prehab plan --explain
check "trainingpeaks: four weeks, away from hard, long and race days, one in race week" 0 \
"2026-11-25	wed	after easy run
2026-11-27	fri	rest day
2026-11-29	sun	after easy run
2026-12-01	tue	after easy run
2026-12-04	fri	rest day
2026-12-06	sun	after easy run
2026-12-08	tue	after easy run
2026-12-15	tue	after easy run
2026-12-17	thu	after easy run
2026-12-20	sun	after easy run" "" -- days plan --weeks 4
check "trainingpeaks: an ignored event, the race, and a week left to the pattern" 0 \
"  mon 2026-11-30  rest   calendar: no workout that day
                         ignored: \"Strength: Core and Hips\" (no rule matches, not a run)
  tue 2026-12-01  easy   calendar: \"Run: Easy Run 45 min\" (easy)
  wed 2026-12-02  rest   calendar: no workout that day
  thu 2026-12-03  hard   calendar: \"Run: Tempo 3 x 10 min\" (tempo)
  fri 2026-12-04  rest   calendar: no workout that day
  sat 2026-12-05  long   calendar: \"Run: Long Run 20 km\" (long run)
  sun 2026-12-06  easy   calendar: \"Run: Easy Run 30 min\" (easy)
  mon 2026-12-07  rest   calendar: no workout that day
  tue 2026-12-08  easy   calendar: \"Run: Easy Run 40 min\" (easy)
  wed 2026-12-09  rest   calendar: no workout that day
  thu 2026-12-10  hard   calendar: \"Run: Hill Repeats 8 x 60 s\" (hill)
  fri 2026-12-11  rest   calendar: no workout that day
  sat 2026-12-12  easy   calendar: \"Run: Shakeout 20 min\" (shakeout)
  sun 2026-12-13  race   calendar: \"Race: Corsa di Natale 10K ❄\" (race)
  mon 2026-12-14  rest   pattern (mon)
  tue 2026-12-15  easy   pattern (tue)
  wed 2026-12-16  hard   pattern (wed)
  thu 2026-12-17  easy   pattern (thu)
  fri 2026-12-18  rest   pattern (fri)
  sat 2026-12-19  long   pattern (sat)
  sun 2026-12-20  easy   pattern (sun)" "" -- \
    sh -c "\"\$PREHAB\" plan --weeks 4 --explain | grep -E '^  [a-z]{3} 2|^ +ignored' | tail -n +8"

# --- Runna: bare dates, escaped commas, folded descriptions ---------------
check "runna: --calendar for a one-off, placement" 0 \
"2026-11-24	tue	after easy run
2026-11-27	fri	rest day
2026-11-30	mon	rest day
2026-12-02	wed	rest day
2026-12-04	fri	rest day" "" -- \
    days plan --weeks 2 --calendar "$HOME/.config/prehab/runna.ics"
check "runna: the days, explained" 0 \
"  mon 2026-11-23  rest   calendar: no workout that day
  tue 2026-11-24  easy   calendar: \"Easy Run, 6km\" (easy)
  wed 2026-11-25  rest   calendar: no workout that day
  thu 2026-11-26  hard   calendar: \"Intervals, 8 x 400m\" (interval)
  fri 2026-11-27  rest   calendar: no workout that day
  sat 2026-11-28  rest   calendar: no workout that day
  sun 2026-11-29  long   calendar: \"Long Run, 14km\" (long run)" "" -- \
    explain plan --calendar "$HOME/.config/prehab/runna.ics"

# --- A coach: TZID, weekly RRULEs, an EXDATE, an unsupported rule ---------
conf '[schedule]' 'calendar = coach.ics'
check "coach: weekly rules, the EXDATE (12-08), the monthly rule's first day" 0 \
"  mon 2026-11-30  rest   calendar: no workout that day
  tue 2026-12-01  hard   calendar: \"Pista: ripetute 10 x 400 (track)\" (track)
  wed 2026-12-02  race   calendar: \"Test 5k (time trial)\" (5k)
  thu 2026-12-03  easy   calendar: \"Corsa facile 8 km\" (easy)
  fri 2026-12-04  rest   calendar: no workout that day
  sat 2026-12-05  easy   calendar: \"Corsa facile 8 km\" (easy)
  sun 2026-12-06  long   calendar: \"Lungo 24 km\" (long run)
  mon 2026-12-07  rest   calendar: no workout that day
  tue 2026-12-08  rest   calendar: no workout that day
  wed 2026-12-09  rest   calendar: no workout that day
  thu 2026-12-10  easy   calendar: \"Corsa facile 8 km\" (easy)
  fri 2026-12-11  rest   calendar: no workout that day
  sat 2026-12-12  easy   calendar: \"Corsa facile 8 km\" (easy)
  sun 2026-12-13  long   calendar: \"Lungo 24 km\" (long run)" \
"prehab: plan: warning: $HOME/.config/prehab/coach.ics:57: event \"Test 5k (time trial)\": RRULE with FREQ=MONTHLY is not supported, only its first day counts" -- \
    sh -c "\"\$PREHAB\" plan --weeks 3 --explain | grep -E '^  [a-z]{3} 2' | tail -n +8"
check "coach: the long run's COUNT=8 ends after 2026-12-20" 0 \
"  sun 2026-12-20  long   calendar: \"Lungo 24 km\" (long run)
  sun 2026-12-27  rest   calendar: no workout that day" "" -- \
    sh -c "\"\$PREHAB\" plan --weeks 6 --explain 2>/dev/null | grep -E '^  sun 2026-12-(20|27)'"
check "--quiet with a day: no calendar warnings for cron" 1 "" "" -- \
    prehab plan tue --quiet
printf '%s\r\n' BEGIN:VCALENDAR BEGIN:VEVENT 'SUMMARY:Late easy run' \
    DTSTART:20261202T233000Z END:VEVENT END:VCALENDAR >"$T/utc.ics"
check "a UTC time is read in the local zone: UTC" 0 \
"  wed 2026-12-02  easy   calendar: \"Late easy run\" (easy)" "" -- \
    sh -c "\"\$PREHAB\" plan --weeks 2 --explain --calendar '$T/utc.ics' | grep -E '^  [a-z]{3} 2026-12-0[23]  easy'"
check "... and Europe/Rome, an hour ahead: the next day" 0 \
"  thu 2026-12-03  easy   calendar: \"Late easy run\" (easy)" "" -- \
    sh -c "TZ=Europe/Rome \"\$PREHAB\" plan --weeks 2 --explain --calendar '$T/utc.ics' | grep -E '^  [a-z]{3} 2026-12-0[23]  easy'"

# --- Races: a cancelled race, and empty_days --------------------------------
conf '[schedule]' 'calendar = cancelled.ics'
check "races: the cancelled race of 12-12 is gone" 0 \
"  sat 2026-12-05  race   calendar: \"Parkrun\" (parkrun)
  sat 2026-12-12  rest   calendar: no workout that day
  sun 2026-12-13  cross  calendar: \"Bike: club ride\" (bike)" "" -- \
    sh -c "\"\$PREHAB\" plan --weeks 3 --explain | grep -E '^  [a-z]{3} 2' | grep -E 'sat|sun 2026-12-13'| grep -v 11-2"
conf '[schedule]' 'calendar = cancelled.ics' '[calendar]' 'empty_days = pattern'
check "races: with empty_days = pattern the other days keep the pattern" 0 \
"  mon 2026-11-30  rest   pattern (mon)
  tue 2026-12-01  easy   pattern (tue)
  wed 2026-12-02  hard   pattern (wed)
  thu 2026-12-03  easy   pattern (thu)
  fri 2026-12-04  rest   pattern (fri)
  sat 2026-12-05  race   calendar: \"Parkrun\" (parkrun)
  sun 2026-12-06  easy   pattern (sun)" "" -- \
    sh -c "\"\$PREHAB\" plan --weeks 2 --explain | grep -E '^  [a-z]{3} 2' | tail -n 7"
check "races: one session in the parkrun's week, not its eve or the day after" 0 \
"2026-11-24	tue	after easy run
2026-11-26	thu	after easy run
2026-11-29	sun	after easy run
2026-12-01	tue	after easy run" "" -- days plan --weeks 2

# --- Precedence: [override] > calendar > pattern ---------------------------
conf '[schedule]' 'wed = long' 'calendar = trainingpeaks.ics' \
    '[override]' '2026-11-25 = off' '2026-11-28 = easy' '2026-12-16 = race'
check "an override beats the calendar; the pattern fills uncovered weeks" 0 \
"  wed 2026-11-25  off    override
  sat 2026-11-28  easy   override
  wed 2026-12-16  race   override
  thu 2026-12-17  easy   pattern (thu)" "" -- \
    sh -c "\"\$PREHAB\" plan --weeks 4 --explain | grep -E '^  (wed 2026-11-25|sat 2026-11-28|wed 2026-12-16|thu 2026-12-17)'"

# --- [calendar] rules -------------------------------------------------------
conf '[schedule]' 'calendar = trainingpeaks.ics' '[calendar]' \
    'hard = hill, tempo' 'cross = swim, strength'
check "[calendar] replaces a rule's words" 0 \
"  tue 2026-11-24  easy   calendar: \"Run: Intervals 6x800m\" (a run)
  mon 2026-11-30  cross  calendar: \"Strength: Core and Hips\" (strength)" "" -- \
    sh -c "\"\$PREHAB\" plan --weeks 2 --explain | grep -E '^  (tue 2026-11-24|mon 2026-11-30)'"
conf '[calendar]' 'sprint = fast'
check "an unknown [calendar] key warns" 0 "*" \
    "prehab: warning: $CONF:2: unknown key 'sprint' in [calendar]" -- \
    prehab plan
conf '[calendar]' 'empty_days = maybe'
check "a bad empty_days is a config error" 78 "" \
    "prehab: $CONF:2: [calendar] empty_days must be rest or pattern, got 'maybe'" -- \
    prehab plan

# --- show config -------------------------------------------------------------
conf '[schedule]' 'calendar = trainingpeaks.ics, runna.ics' \
    "calendar = \"$T/utc.ics\"" '[calendar]' 'run = run, jog, trot'
check "show config: the calendars and what each gives in four weeks" 0 \
"# running plans as iCalendar files (repeatable)
# 13 events from 2026-11-24 to 2026-12-21
calendar = \"$HOME/.config/prehab/trainingpeaks.ics\" ; file
# 6 events from 2026-11-24 to 2026-12-21
calendar = \"$HOME/.config/prehab/runna.ics\" ; file
# 1 event from 2026-11-24 to 2026-12-21
calendar = \"$T/utc.ics\" ; file

[plan]" "" -- sh -c "\"\$PREHAB\" show config | sed -n '/^# running/,/^\[plan\]/p'"
check "... and the rules set" 0 "[calendar]
run = \"run, jog, trot\" ; file" "" -- \
    sh -c "\"\$PREHAB\" show config | sed -n '/^\[calendar\]/,/^\$/p'"
"$PREHAB" show config >"$T/dumped.ini"
"$PREHAB" --config "$T/dumped.ini" show config >"$T/again.ini"
check "the dump reads back to the same calendars and rules" 0 "" "" -- \
    sh -c "diff '$T/dumped.ini' '$T/again.ini' | grep -v '^[0-9]\|^---' | grep -v ' ; \(default\|file\)\$' | grep -v '# prehab\|Save it'; true"
conf
check "show config without a calendar shows how to add one" 0 \
"# running plans as iCalendar files (repeatable):
# calendar = ~/.local/share/prehab/plan.ics" "" -- \
    sh -c "\"\$PREHAB\" show config | grep -A1 '^# running'"

# --- Errors --------------------------------------------------------------------
conf '[schedule]' 'calendar = nope.ics'
check "a missing calendar file" 66 "" \
    "prehab: plan: cannot open calendar '$HOME/.config/prehab/nope.ics': No such file or directory" -- \
    prehab plan
check "... is a warning in show config" 0 "*" \
    "prehab: show: warning: cannot open calendar '$HOME/.config/prehab/nope.ics': No such file or directory" -- \
    prehab show config
conf
mkfifo "$T/fifo.ics"
check "a FIFO is refused without waiting for a writer" 66 "" \
    "prehab: plan: calendar '$T/fifo.ics' is not a regular file" -- \
    timeout 10 "$PREHAB" plan --calendar "$T/fifo.ics"
check "a directory is refused" 66 "" \
    "prehab: plan: calendar '$T' is not a regular file" -- \
    prehab plan --calendar "$T"
check "--explain needs the text plan" 2 "" "*" -- \
    prehab plan --explain --format tsv
check "--explain with a day" 2 "" \
"prehab: plan: --explain goes with the text plan of whole weeks only
usage: prehab plan [--week | --weeks N] [--format FORMAT] [--calendar FILE] [--explain] [--brief] [--safe] [--quiet] [PERIOD]
Try 'prehab plan --help' for more." -- prehab plan today --explain
check "--calendar ''" 2 "" "~--calendar must not be empty" -- \
    prehab plan --calendar ''

check "--calendar completes to file names" 0 "@file" "" -- \
    prehab help --complete -- plan --calendar ''

# --- A symlink, and a file replaced while it is read -------------------------
ln -s "$HOME/.config/prehab/runna.ics" "$T/link.ics"
days plan --weeks 2 --calendar "$HOME/.config/prehab/runna.ics" >"$T/direct"
days plan --weeks 2 --calendar "$T/link.ics" >"$T/linked"
same_file "a calendar read through a symlink" "$T/direct" "$T/linked"

# Two versions of a plan swapped in by rename, as `curl -o tmp && mv`
# does, while plans are made: each plan is one version's, never a mix.
cp "$FIX/trainingpeaks.ics" "$T/feed.ics"
days plan --weeks 2 --calendar "$FIX/trainingpeaks.ics" >"$T/want-a"
days plan --weeks 2 --calendar "$FIX/runna.ics" >"$T/want-b"
(
	i=0
	while [ $i -lt 400 ] && [ ! -e "$T/stop" ]; do
		cp "$FIX/runna.ics" "$T/feed.tmp" && mv "$T/feed.tmp" "$T/feed.ics"
		cp "$FIX/trainingpeaks.ics" "$T/feed.tmp" &&
		    mv "$T/feed.tmp" "$T/feed.ics"
		i=$((i + 1))
	done
) &
swapper=$!
bad=0 n=0
while [ $n -lt 30 ]; do
	days plan --weeks 2 --calendar "$T/feed.ics" >"$T/got" 2>"$T/got.err"
	if ! cmp -s "$T/got" "$T/want-a" && ! cmp -s "$T/got" "$T/want-b"; then
		bad=$((bad + 1))
	fi
	[ -s "$T/got.err" ] && bad=$((bad + 1))
	n=$((n + 1))
done
touch "$T/stop"
wait "$swapper"
ok "30 plans while the feed is replaced 800 times: each one version's, no warning ($bad bad)" \
    test "$bad" = 0

# --- The export: revisions, moved sessions, reminders -----------------------
E=$T/export
mkdir -p "$E"
export HOME="$E"
check "no files: the stamp is the start of today" 0 \
"UID:prehab-2026-11-24@prehab
DTSTAMP:20261124T000000Z
LAST-MODIFIED:20261124T000000Z
SEQUENCE:28252800" "" -- sh -c "\"\$PREHAB\" plan today --format ics | tr -d '\\r' | grep -E '^(UID|DTSTAMP|LAST-MODIFIED|SEQUENCE|STATUS):'"
"$PREHAB" --today 2026-11-24 log session --pain 1 >/dev/null
LOG=$E/.local/share/prehab/log.csv
mkdir -p "$E/.config/prehab"
printf '[plan]\ntime = 07:00\n' >"$E/.config/prehab/config.ini"
touch -d '2026-11-20 08:00:00 UTC' "$E/.config/prehab/config.ini"
touch -d '2026-11-24 19:30:05 UTC' "$LOG"
"$PREHAB" plan --weeks 2 --format ics >"$T/e1.ics"
"$PREHAB" plan --weeks 2 --format ics >"$T/e2.ics"
same_file "an unchanged plan exports byte for byte the same" "$T/e1.ics" \
    "$T/e2.ics"
check "the stamp is the latest change of the config, the log, the calendars" 0 \
"DTSTAMP:20261124T193005Z
LAST-MODIFIED:20261124T193005Z
SEQUENCE:28323005" "" -- \
    sh -c "tr -d '\\r' <'$T/e1.ics' | grep -E '^(DTSTAMP|LAST-MODIFIED|SEQUENCE):' | sort -u"
touch -d '2026-11-25 06:00:00 UTC' "$E/.config/prehab/config.ini"
check "a later config change: a later stamp, a higher SEQUENCE" 0 \
"DTSTAMP:20261125T060000Z
SEQUENCE:28360800" "" -- \
    sh -c "\"\$PREHAB\" plan --format ics | tr -d '\\r' | grep -E '^(DTSTAMP|SEQUENCE):' | sort -u"
# Today Thursday: after Tuesday's session, one logged on Wednesday, not
# planned, takes the place of Thursday's (as Tuesday planned it), which
# the export cancels.
"$PREHAB" --today 2026-11-25 log session >/dev/null
touch -d '2026-11-25 19:00:00 UTC' "$LOG"
check "a session the plan no longer holds is cancelled, not dropped" 0 \
"UID:prehab-2026-11-24@prehab
SUMMARY:Knee prehab (after easy run)
UID:prehab-2026-11-25@prehab
SUMMARY:Knee prehab (logged)
UID:prehab-2026-11-26@prehab
SUMMARY:Knee prehab (moved)
STATUS:CANCELLED
UID:prehab-2026-11-29@prehab
SUMMARY:Knee prehab (after easy run)" "" -- \
    sh -c "\"\$PREHAB\" --today 2026-11-26 plan --format ics | tr -d '\\r' | grep -E '^(UID|STATUS|SUMMARY):'"
check "no reminder by default" 0 "0" "" -- \
    sh -c "\"\$PREHAB\" plan --format ics | grep -c VALARM; true"
printf '[plan]\nremind = 45m\n' >"$E/.config/prehab/config.ini"
check "[plan] remind = 45m: an alarm in each session" 0 \
"BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Knee prehab
TRIGGER:-PT45M
END:VALARM" "" -- \
    sh -c "\"\$PREHAB\" plan --format ics | tr -d '\\r' | sed -n '/BEGIN:VALARM/,/END:VALARM/p' | head -n 5"
printf '[plan]\nremind = 1h\n' >"$E/.config/prehab/config.ini"
check "... 1h is 60 minutes" 0 "remind = 60m ; file" "" -- \
    sh -c "\"\$PREHAB\" show config | grep '^remind'"
printf '[plan]\nremind = soon\n' >"$E/.config/prehab/config.ini"
check "... and a bad value is a config error" 78 "" \
    "prehab: $E/.config/prehab/config.ini:2: [plan] remind must be off, 0m-1440m or 0h-24h, got 'soon'" -- \
    prehab plan
printf '[plan]\nremind = 30m\n' >"$E/.config/prehab/config.ini"
if /usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1; then
	cat >"$T/check.py" <<'EOF'
import sys
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
for e in cal.walk("VEVENT"):
    assert int(e["SEQUENCE"]) >= 0
    assert e["LAST-MODIFIED"].dt == e["DTSTAMP"].dt
    alarms = [a["TRIGGER"].dt.total_seconds() for a in e.walk("VALARM")]
    print(e["UID"], e.get("STATUS", "-"), alarms)
EOF
	"$PREHAB" --today 2026-11-26 plan --format ics >"$T/e3.ics"
	check "python3-icalendar reads the revisions, the cancellation, the alarms" 0 \
"prehab-2026-11-24@prehab - [-1800.0]
prehab-2026-11-25@prehab - [-1800.0]
prehab-2026-11-26@prehab CANCELLED []
prehab-2026-11-29@prehab - [-1800.0]" "" -- /usr/bin/python3 "$T/check.py" "$T/e3.ics"
else
	skip "python3-icalendar reads the export" "python3-icalendar is not installed"
fi
export HOME="$T/home"

# --- Hostile files: bounded time and memory ------------------------------------
P=$TOP/prehab
if [ ! -x "$P" ] || [ ! -x /usr/bin/time ]; then
	skip "hostile calendars" "no plain build at $P or no /usr/bin/time"
	done_testing
	exit
fi
# peak FILE: the plain build plans four weeks around FILE within 64 MB
# and 20 seconds; prints its status, peak memory in KB and seconds.
peak() {
	(ulimit -v 65536; /usr/bin/time -f '%M %e' -o "$T/rss" timeout 20 \
	    "$P" plan --weeks 4 --calendar "$1" >/dev/null 2>"$T/peak.err")
	echo "$? $(tail -n 1 "$T/rss")"
}
awk 'BEGIN { print "BEGIN:VCALENDAR"
	for (i = 0; i < 1000000; i++)
		printf "BEGIN:VEVENT\nDTSTART;TZID=Europe/Rome:%d%s\nSUMMARY:Easy run %d\nEND:VEVENT\n",
		    20261101 + i % 28, i % 2 ? "T083000" : "", i
	print "END:VCALENDAR" }' >"$T/million.ics"
set -- $(peak "$T/million.ics")
ok "a million events ($(($(wc -c <"$T/million.ics") / 1048576)) MB): exit $1, peak $2 KB, $3 s" \
    test "$1" = 0 -a "$2" -lt 8192
rm -f "$T/million.ics"
{ echo BEGIN:VCALENDAR; printf 'SUMMARY:'
  head -c 104857600 /dev/zero | tr '\0' r; echo; echo END:VCALENDAR; } \
    >"$T/line.ics"
set -- $(peak "$T/line.ics")
ok "a 100 MB line: exit $1, peak $2 KB, $3 s" test "$1" = 0 -a "$2" -lt 8192
check "... with one warning" 0 \
    "prehab: plan: warning: $T/line.ics:2: line longer than 16384 bytes, skipped" \
    "" -- cat "$T/peak.err"
rm -f "$T/line.ics"
awk 'BEGIN { print "BEGIN:VCALENDAR"
	for (i = 0; i < 200000; i++) print "BEGIN:VEVENT\nSUMMARY:open" }' \
    >"$T/open.ics"
set -- $(peak "$T/open.ics")
ok "200,000 events never closed: exit $1, peak $2 KB" \
    test "$1" = 0 -a "$2" -lt 8192
check "... with ten warnings and a count" 0 "11
prehab: plan: warning: $T/open.ics: 199990 more warnings not shown" "" -- \
    sh -c "wc -l <'$T/peak.err'; tail -n 1 '$T/peak.err'"
done_testing
