/*
 * test_ical: the iCalendar reader on small files held in memory: dates
 * of every form, time zones, durations, cancelled events, recurrences
 * and hostile input.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ical.h"
#include "t.h"
#include "util.h"

static struct buf got, warns;
static date_t span_from, span_to;

static date_t
ymd(int y, int m, int d)
{
	date_t t;

	if (date_from_ymd(y, m, d, &t) == -1)
		return -999999;
	return t;
}

/* Each event as "SUMMARY: day day ...", days as month-day, ';' between. */
static void
on_event(const struct ical_event *ev, const unsigned char *days, void *arg)
{
	(void)arg;
	if (got.len > 0)
		buf_adds(&got, "; ");
	buf_addf(&got, "%s:", ev->summary);
	for (long i = 0; span_from + i <= span_to; i++) {
		int y, m, d;

		if (!days[i])
			continue;
		date_to_ymd(span_from + i, &y, &m, &d);
		buf_addf(&got, " %02d-%02d", m, d);
	}
}

static void
on_warn(const char *msg, void *arg)
{
	(void)arg;
	buf_addf(&warns, "%s\n", msg);
}

/* Reads text over [from, to]; the events land in got, warnings in warns. */
static struct ical_stats
readspan(const char *text, size_t len, date_t from, date_t to)
{
	struct ical_stats st;
	char *cause = NULL;
	/* fmemopen takes a writable buffer even to read: hand it a copy. */
	char *copy = memcpy(xmalloc(len + 1), text, len);
	FILE *fp = fmemopen(copy, len, "r");

	buf_reset(&got);
	buf_reset(&warns);
	buf_adds(&got, "");
	buf_adds(&warns, "");
	memset(&st, 0, sizeof(st));
	span_from = from;
	span_to = to;
	if (fp == NULL) {
		free(copy);
		return st;
	}
	if (ical_read(fp, "t.ics", from, to, on_event, on_warn, NULL, &st,
		&cause) != 0) {
		buf_addf(&warns, "error: %s\n", cause);
		free(cause);
	}
	fclose(fp);
	free(copy);
	return st;
}

/* Week 48 of 2026 and the next: Monday 2026-11-23 to Sunday 12-06. */
static struct ical_stats
rd(const char *body)
{
	static struct buf b;

	buf_reset(&b);
	buf_adds(&b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
	buf_adds(&b, body);
	buf_adds(&b, "END:VCALENDAR\r\n");
	return readspan(b.data, b.len, ymd(2026, 11, 23), ymd(2026, 12, 6));
}

#define EV(props) "BEGIN:VEVENT\r\n" props "END:VEVENT\r\n"

static void
test_dates(void)
{
	struct ical_stats st;

	st = rd(EV("SUMMARY:Easy\r\nDTSTART;VALUE=DATE:20261125\r\n"
		   "DTEND;VALUE=DATE:20261126\r\n"));
	is_str(got.data, "Easy: 11-25", "an all-day event is one day");
	is(st.events, 1, "one event read");
	is(st.used, 1, "... and used");
	is_str(warns.data, "", "no warnings");

	rd(EV("SUMMARY:Camp\r\nDTSTART;VALUE=DATE:20261127\r\n"
	      "DTEND;VALUE=DATE:20261130\r\n"));
	is_str(got.data, "Camp: 11-27 11-28 11-29",
	    "DTEND of a DATE is the day after the last");
	rd(EV("SUMMARY:Bare\r\nDTSTART:20261124\r\n"));
	is_str(got.data, "Bare: 11-24", "a bare date without VALUE=DATE");
	rd(EV("SUMMARY:Two days\r\nDTSTART;VALUE=DATE:20261124\r\n"
	      "DURATION:P2D\r\n"));
	is_str(got.data, "Two days: 11-24 11-25", "DURATION on a DATE");
	rd(EV("SUMMARY:Floating\r\nDTSTART:20261126T070000\r\n"
	      "DURATION:PT1H\r\n"));
	is_str(got.data, "Floating: 11-26", "a floating DATE-TIME");
	rd(EV("SUMMARY:Overnight\r\nDTSTART:20261128T220000\r\n"
	      "DTEND:20261129T060000\r\n"));
	is_str(got.data, "Overnight: 11-28 11-29",
	    "an event past midnight covers both days");
	rd(EV("SUMMARY:To midnight\r\nDTSTART:20261128T220000\r\n"
	      "DTEND:20261129T000000\r\n"));
	is_str(got.data, "To midnight: 11-28",
	    "an end at midnight leaves the next day out");
	rd(EV("SUMMARY:Out\r\nDTSTART;VALUE=DATE:20261220\r\n"));
	is_str(got.data, "", "an event outside the span is not reported");
	rd(EV("SUMMARY:Edge\r\nDTSTART;VALUE=DATE:20261121\r\n"
	      "DTEND;VALUE=DATE:20261125\r\n"));
	is_str(got.data, "Edge: 11-23 11-24",
	    "an event reaching into the span gives its days in it");
	rd(EV("SUMMARY:Bad\r\nDTSTART:2026-11-25\r\n"));
	is_str(got.data, "", "a malformed DTSTART skips the event");
	is_str(warns.data,
	    "t.ics:5: bad DTSTART '2026-11-25'\n"
	    "t.ics:3: event \"Bad\" has no usable DTSTART, skipped\n",
	    "... saying where");
	rd(EV("SUMMARY:Feb\r\nDTSTART;VALUE=DATE:20260230\r\n"));
	is_str(warns.data,
	    "t.ics:5: bad DTSTART '20260230'\n"
	    "t.ics:3: event \"Feb\" has no usable DTSTART, skipped\n",
	    "a day that does not exist");
}

static void
test_zones(void)
{
	const char *tz = getenv("TZ");
	char *saved = tz != NULL ? xstrdup(tz) : NULL;

	setenv("TZ", "UTC", 1);
	tzset();
	rd(EV("SUMMARY:Late\r\nDTSTART:20261125T233000Z\r\n"));
	is_str(got.data, "Late: 11-25", "UTC, read in UTC");
	rd(EV("SUMMARY:Rome\r\nDTSTART;TZID=Europe/Rome:20261126T003000\r\n"));
	is_str(got.data, "Rome: 11-25",
	    "TZID: half past midnight in Rome is the day before in UTC");
	rd(EV("SUMMARY:Quoted\r\n"
	      "DTSTART;TZID=\"Europe/Rome\":20261126T003000\r\n"));
	is_str(got.data, "Quoted: 11-25", "a quoted TZID");
	setenv("TZ", "Europe/Rome", 1);
	tzset();
	rd(EV("SUMMARY:Late\r\nDTSTART:20261125T233000Z\r\n"));
	is_str(got.data, "Late: 11-26", "UTC, read in Rome: the next day");
	rd(EV("SUMMARY:Rome\r\nDTSTART;TZID=Europe/Rome:20261126T003000\r\n"));
	is_str(got.data, "Rome: 11-26", "TZID of the local zone");
	rd(EV("SUMMARY:Windows\r\n"
	      "DTSTART;TZID=W. Europe Standard Time:20261126T003000\r\n"));
	is_str(
	    got.data, "Windows: 11-26", "an unknown zone is taken as floating");
	is_str(warns.data,
	    "t.ics:5: unknown time zone 'W. Europe Standard Time', its "
	    "times taken as local\n",
	    "... with a warning");
	rd(EV("SUMMARY:Escape\r\n"
	      "DTSTART;TZID=../../etc/passwd:20261126T003000\r\n"));
	is_str(got.data, "Escape: 11-26", "a zone path out of the database");
	ok(strstr(warns.data, "unknown time zone") != NULL, "... is unknown");
	is_str(getenv("TZ"), "Europe/Rome", "TZ is left as it was");
	if (saved != NULL)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

static void
test_text(void)
{
	rd(EV("SUMMARY:Lo\r\n ng\r\n\t Run\r\nDTSTART:20261124\r\n"));
	is_str(got.data, "Long Run: 11-24", "folded lines are unfolded");
	rd(EV("SUMMARY:Easy\\, 5 km\\; then \\\\ strides\\nnow\r\n"
	      "DTSTART:20261124\r\n"));
	is_str(got.data, "Easy, 5 km; then \\ strides now: 11-24",
	    "escapes are undone, a newline becomes a space");
	rd(EV("SUMMARY:Caf\xc3\xa9 run \xff\xfe\r\nDTSTART:20261124\r\n"));
	is_str(
	    got.data, "Caf\xc3\xa9 run ??: 11-24", "broken UTF-8 becomes '?'");
	is_str(warns.data,
	    "t.ics:4: invalid UTF-8 in event \"Caf\xc3\xa9 run ??\", "
	    "shown as '?'\n",
	    "... with a warning");
	rd(EV("SUMMARY:Odd \\\xc3\xa9scape\r\nDTSTART:20261124\r\n"));
	is_str(got.data, "Odd \xc3\xa9scape: 11-24",
	    "a backslash before a non-ASCII character is dropped");
	rd(EV("SUMMARY:Run\r\nDTSTART:20261124\r\nBEGIN:VALARM\r\n"
	      "SUMMARY:Alarm\r\nDTSTART:20261125\r\nEND:VALARM\r\n"));
	is_str(got.data, "Run: 11-24",
	    "the properties of a VALARM are not the event's");
	/* LF alone ends lines too. */
	readspan("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:LF\n"
		 "DTSTART:20261124\nEND:VEVENT\nEND:VCALENDAR\n",
	    73, ymd(2026, 11, 23), ymd(2026, 11, 29));
	is_str(got.data, "LF: 11-24", "LF line ends");
	readspan("\xef\xbb\xbf"
		 "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:BOM\n"
		 "DTSTART:20261124\nEND:VEVENT\nEND:VCALENDAR\n",
	    77, ymd(2026, 11, 23), ymd(2026, 11, 29));
	is_str(got.data, "BOM: 11-24", "a byte order mark");
}

static void
test_status(void)
{
	struct ical_stats st;

	st = rd(
	    EV("SUMMARY:Race\r\nSTATUS:CANCELLED\r\n"
	       "DTSTART;VALUE=DATE:20261129\r\n") EV("SUMMARY:Easy\r\n"
						     "STATUS:CONFIRMED\r\n"
						     "DTSTART:20261128\r\n"));
	is_str(got.data, "Easy: 11-28", "a cancelled event is skipped");
	is(st.events, 2, "both read");
	is(st.cancelled, 1, "one cancelled");
}

static void
test_rrule(void)
{
	struct ical_stats st;

	rd(EV("SUMMARY:Every other\r\nDTSTART;VALUE=DATE:20261120\r\n"
	      "RRULE:FREQ=DAILY;INTERVAL=2;COUNT=5\r\n"));
	is_str(got.data, "Every other: 11-24 11-26 11-28",
	    "DAILY, INTERVAL and COUNT, started before the span");
	rd(EV("SUMMARY:Track\r\nDTSTART;TZID=Europe/Rome:20261103T183000\r\n"
	      "DTEND;TZID=Europe/Rome:20261103T193000\r\n"
	      "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261203T000000Z\r\n"
	      "EXDATE;TZID=Europe/Rome:20261126T183000\r\n"));
	is_str(
	    got.data, "Track: 11-24 12-01", "WEEKLY, BYDAY, UNTIL and EXDATE");
	rd(EV("SUMMARY:Fortnight\r\nDTSTART;VALUE=DATE:20261102\r\n"
	      "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SA\r\n"));
	is_str(got.data, "Fortnight: 11-30 12-05",
	    "WEEKLY with INTERVAL=2 skips a week");
	rd(EV("SUMMARY:Since 1900\r\nDTSTART;VALUE=DATE:19000101\r\n"
	      "RRULE:FREQ=WEEKLY\r\n"));
	is_str(got.data, "Since 1900: 11-23 11-30",
	    "a rule from 1900 (a Monday) reaches the span at once");
	rd(EV("SUMMARY:Done\r\nDTSTART;VALUE=DATE:20261001\r\n"
	      "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8\r\n"));
	is_str(got.data, "", "a COUNT used up before the span");
	rd(EV("SUMMARY:Last\r\nDTSTART;VALUE=DATE:20261028\r\n"
	      "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10\r\n"));
	is_str(got.data, "Last: 11-23 11-25 11-30",
	    "COUNT counts from DTSTART: the 8th to the 10th");
	rd(EV("SUMMARY:Weekdays\r\nDTSTART;VALUE=DATE:20261126\r\n"
	      "RRULE:FREQ=DAILY;BYDAY=MO,TH;COUNT=3\r\n"));
	is_str(got.data, "Weekdays: 11-26 11-30 12-03", "DAILY with BYDAY");
	rd(EV("SUMMARY:Long\r\nDTSTART;VALUE=DATE:20261129\r\n"
	      "DTEND;VALUE=DATE:20261130\r\n"
	      "RRULE:FREQ=WEEKLY;UNTIL=20261206\r\n"
	      "EXDATE;VALUE=DATE:20261129,20261213\r\n"));
	is_str(got.data, "Long: 12-06", "UNTIL as a DATE is inclusive");
	st = rd(EV("SUMMARY:Monthly\r\nDTSTART;VALUE=DATE:20261124\r\n"
		   "RRULE:FREQ=MONTHLY;BYMONTHDAY=24\r\n"));
	is_str(got.data, "Monthly: 11-24", "another FREQ: the first day only");
	is_str(warns.data,
	    "t.ics:6: event \"Monthly\": RRULE with FREQ=MONTHLY is not "
	    "supported, only its first day counts\n",
	    "... with a warning naming the line and the event");
	is(st.warnings, 1, "one warning");
	rd(EV("SUMMARY:Nth\r\nDTSTART;VALUE=DATE:20261124\r\n"
	      "RRULE:FREQ=WEEKLY;BYDAY=1MO\r\n"));
	ok(strstr(warns.data, "BYDAY=1MO is not supported") != NULL,
	    "BYDAY with a number is not supported");
	rd(EV("SUMMARY:Junk\r\nDTSTART;VALUE=DATE:20261124\r\n"
	      "RRULE:FREQ=WEEKLY;INTERVAL=0\r\n"));
	ok(strstr(warns.data, "a malformed RRULE") != NULL,
	    "INTERVAL=0 is malformed");
	is_str(got.data, "Junk: 11-24", "... and the first day stays");
}

static void
test_hostile(void)
{
	struct buf b = { 0 };
	struct ical_stats st;

	readspan(
	    "<html>error</html>\n", 19, ymd(2026, 11, 23), ymd(2026, 11, 29));
	is_str(warns.data,
	    "t.ics:1: not an iCalendar file (no BEGIN:VCALENDAR), "
	    "nothing read\n",
	    "not a calendar at all");
	readspan("", 0, ymd(2026, 11, 23), ymd(2026, 11, 29));
	is_str(
	    warns.data, "t.ics:1: empty file, nothing read\n", "an empty file");
	readspan("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Cut\n"
		 "DTSTART:20261124\n",
	    58, ymd(2026, 11, 23), ymd(2026, 11, 29));
	is_str(got.data, "", "an event never closed is skipped");
	is_str(warns.data,
	    "t.ics:4: the event of line 2 has no END:VEVENT, skipped\n",
	    "... saying so");
	readspan("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:A\n"
		 "DTSTART:20261124\nEND:VEVENT\n",
	    67, ymd(2026, 11, 23), ymd(2026, 11, 29));
	is_str(got.data, "A: 11-24", "a file cut after an event keeps it");
	is_str(warns.data,
	    "t.ics:5: no END:VCALENDAR: the file may be cut short\n",
	    "... and warns");
	rd(EV(
	    "SUMMARY:Outer\r\nDTSTART:20261124\r\n") "BEGIN:VEVENT\r\n"
						     "SUMMARY:Open\r\nBEGIN:"
						     "VEVENT\r\nSUMMARY:"
						     "Inner\r\n"
						     "DTSTART:20261125\r\nEND:"
						     "VEVENT\r\n");
	is_str(got.data, "Outer: 11-24; Inner: 11-25",
	    "an event opened inside another replaces it");
	is_str(warns.data,
	    "t.ics:9: BEGIN:VEVENT inside the event of line 7, which is "
	    "skipped\n",
	    "... with a warning");

	/* NUL bytes and an over-long line. */
	buf_adds(&b, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:N");
	buf_add(&b, "\0ul\n", 4);
	buf_adds(&b, "DTSTART:20261124\nDESCRIPTION:");
	for (int i = 0; i < ICAL_LINE_MAX; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\nEND:VEVENT\nEND:VCALENDAR\n");
	readspan(b.data, b.len, ymd(2026, 11, 23), ymd(2026, 11, 29));
	is_str(got.data, ": 11-24", "bad lines are skipped, the event stays");
	is_str(warns.data,
	    "t.ics:3: NUL byte in line, skipped\n"
	    "t.ics:5: line longer than 16384 bytes, skipped\n",
	    "... each with a warning");

	/* Many bad lines: ten warnings, then a count. */
	buf_reset(&b);
	buf_adds(&b, "BEGIN:VCALENDAR\n");
	for (int i = 0; i < 25; i++)
		buf_adds(&b, "garbage\n");
	buf_adds(&b, "END:VCALENDAR\n");
	st = readspan(b.data, b.len, ymd(2026, 11, 23), ymd(2026, 11, 29));
	is(st.warnings, 25, "25 warnings counted");
	ok(strstr(warns.data, "t.ics:11: no ':' in line, skipped\n") != NULL &&
		strstr(warns.data, "t.ics:12:") == NULL,
	    "ten are told");
	ok(strstr(warns.data, "t.ics: 15 more warnings not shown\n") != NULL,
	    "then how many more");
	buf_free(&b);
}

int
main(void)
{
	test_dates();
	test_zones();
	test_text();
	test_status();
	test_rrule();
	test_hostile();
	buf_free(&got);
	buf_free(&warns);
	return t_done();
}
