/*
 * test_date: the calendar arithmetic against a naive day-by-day walk over
 * the whole supported range, and every form date_parse takes or refuses.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "t.h"

/* Builds a date the test knows is valid; -999999 flags a bug. */
static date_t
ymd(int y, int m, int d)
{
	date_t t;

	if (date_from_ymd(y, m, d, &t) == -1)
		return -999999;
	return t;
}

static const char *
fmt(date_t t)
{
	static char buf[DATE_BUFSZ];

	return date_format(t, buf);
}

static int
naive_leap(int y)
{
	if (y % 400 == 0)
		return 1;
	if (y % 100 == 0)
		return 0;
	return y % 4 == 0;
}

static int
naive_mdays(int y, int m)
{
	switch (m) {
	case 2:
		return naive_leap(y) ? 29 : 28;
	case 4: case 6: case 9: case 11:
		return 30;
	default:
		return 31;
	}
}

/*
 * Walks every day from 1900-01-01 to 9999-12-31 with a plain calendar
 * counter and checks each against the library. ISO weeks are tracked the
 * long way: a Monday between Dec 29 and Jan 4 starts week 1, every other
 * Monday starts the next week.
 */
static void
test_walk(void)
{
	int y = 1900, m = 1, d = 1, wd = 0;	/* 1900-01-01 was a Monday */
	int isoy = 1900, isow = 1;
	long bad_from = 0, bad_to = 0, bad_wd = 0, bad_iso = 0, bad_fmt = 0;
	long bad_start = 0, bad_month = 0, days = 0;
	date_t t, prev = 0, monday = 0, first = 0;
	int gy, gm, gd, iy, iw;
	char want[40], buf[DATE_BUFSZ];

	for (;;) {
		if (wd == 0) {
			if ((m == 12 && d >= 29) || (m == 1 && d <= 4)) {
				isow = 1;
				isoy = m == 1 ? y : y + 1;
			} else if (days > 0)
				isow++;
		}
		if (date_from_ymd(y, m, d, &t) == -1 ||
		    (days > 0 && t != prev + 1))
			bad_from++;
		if (days == 0)
			first = t;
		if (wd == 0)
			monday = t;
		date_to_ymd(t, &gy, &gm, &gd);
		if (gy != y || gm != m || gd != d)
			bad_to++;
		if (date_weekday(t) != wd)
			bad_wd++;
		date_isoweek(t, &iy, &iw);
		if (iy != isoy || iw != isow)
			bad_iso++;
		if (days >= 7 && date_week_start(t) != monday)
			bad_start++;
		if (date_month_start(t) != t - (d - 1))
			bad_month++;
		snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
		if (strcmp(date_format(t, buf), want) != 0)
			bad_fmt++;
		prev = t;
		days++;
		wd = (wd + 1) % 7;
		if (++d > naive_mdays(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				if (++y > DATE_MAX_YEAR)
					break;
			}
		}
	}
	is(days, 2932897 + 25567, "walked every day 1900-9999");
	is(first, -25567, "1900-01-01 is day -25567");
	is(prev, 2932896, "9999-12-31 is day 2932896");
	is(bad_from, 0, "date_from_ymd counts days one by one");
	is(bad_to, 0, "date_to_ymd inverts date_from_ymd");
	is(bad_wd, 0, "date_weekday on every day");
	is(bad_iso, 0, "date_isoweek on every day");
	is(bad_start, 0, "date_week_start on every day");
	is(bad_month, 0, "date_month_start on every day");
	is(bad_fmt, 0, "date_format on every day");
}

static void
test_ymd(void)
{
	date_t t;

	is(ymd(1970, 1, 1), 0, "epoch is day 0");
	is(ymd(1969, 12, 31), -1, "day before the epoch");
	is(ymd(2000, 3, 1) - ymd(2000, 2, 28), 2, "2000 is a leap year");
	is(ymd(2024, 3, 1) - ymd(2024, 2, 28), 2, "2024 is a leap year");
	is(ymd(1900, 3, 1) - ymd(1900, 2, 28), 1, "1900 is not a leap year");
	is(ymd(2100, 3, 1) - ymd(2100, 2, 28), 1, "2100 is not a leap year");
	is(date_from_ymd(1900, 2, 29, &t), -1, "1900-02-29 does not exist");
	is(date_from_ymd(2100, 2, 29, &t), -1, "2100-02-29 does not exist");
	is(date_from_ymd(2000, 2, 29, &t), 0, "2000-02-29 exists");
	is(date_from_ymd(2026, 2, 29, &t), -1, "2026-02-29 does not exist");
	is(date_from_ymd(2026, 2, 30, &t), -1, "2026-02-30 does not exist");
	is(date_from_ymd(2026, 4, 31, &t), -1, "2026-04-31 does not exist");
	is(date_from_ymd(2026, 0, 1, &t), -1, "month 0");
	is(date_from_ymd(2026, 13, 1, &t), -1, "month 13");
	is(date_from_ymd(2026, 1, 0, &t), -1, "day 0");
	is(date_from_ymd(2026, 1, 32, &t), -1, "day 32");
	is(date_from_ymd(1899, 12, 31, &t), -1, "year before the range");
	is(date_from_ymd(10000, 1, 1, &t), -1, "year after the range");
	is(date_from_ymd(1900, 1, 1, &t), 0, "first day of the range");
	is(date_from_ymd(9999, 12, 31, &t), 0, "last day of the range");
}

static void
test_weekday(void)
{
	is(date_weekday(ymd(1970, 1, 1)), 3, "1970-01-01 was a Thursday");
	is(date_weekday(ymd(2026, 11, 24)), 1, "2026-11-24 is a Tuesday");
	is(date_weekday(ymd(2000, 1, 1)), 5, "2000-01-01 was a Saturday");
	is(date_weekday(ymd(1900, 1, 1)), 0, "1900-01-01 was a Monday");
	is(date_weekday(ymd(1969, 12, 28)), 6, "1969-12-28 was a Sunday");
	is_str(date_weekday_abbr(0), "mon", "abbr of Monday");
	is_str(date_weekday_abbr(6), "sun", "abbr of Sunday");
	is_str(date_weekday_name(3), "Thursday", "name of Thursday");
	is_str(date_weekday_name(6), "Sunday", "name of Sunday");
	ok(date_weekday_name(7) != NULL, "out-of-range weekday has a name");
	ok(date_weekday_abbr(-1) != NULL, "negative weekday has an abbr");
}

static void
check_week(int y, int m, int d, int wy, int ww)
{
	int iy, iw;

	date_isoweek(ymd(y, m, d), &iy, &iw);
	ok(iy == wy && iw == ww, "%04d-%02d-%02d is %d-W%02d", y, m, d, wy,
	    ww);
	if (iy != wy || iw != ww)
		printf("#   got %d-W%02d\n", iy, iw);
}

static void
test_isoweek(void)
{
	check_week(2020, 12, 31, 2020, 53);
	check_week(2021, 1, 3, 2020, 53);
	check_week(2021, 1, 4, 2021, 1);
	check_week(2026, 12, 31, 2026, 53);
	check_week(2027, 1, 1, 2026, 53);
	check_week(2027, 1, 4, 2027, 1);
	check_week(2026, 11, 24, 2026, 48);
	check_week(2024, 12, 30, 2025, 1);
	check_week(2008, 12, 29, 2009, 1);
	check_week(2010, 1, 3, 2009, 53);
	check_week(1900, 1, 1, 1900, 1);
	check_week(9999, 12, 31, 9999, 52);

	is(date_week_start(ymd(2026, 11, 24)), ymd(2026, 11, 23),
	    "week of a Tuesday starts on the Monday before");
	is(date_week_start(ymd(2026, 11, 29)), ymd(2026, 11, 23),
	    "week of a Sunday starts six days before");
	is(date_week_start(ymd(2026, 11, 23)), ymd(2026, 11, 23),
	    "week of a Monday starts that day");
	is(date_week_start(ymd(2021, 1, 1)), ymd(2020, 12, 28),
	    "week start crosses a year");
	is(date_week_start(0), -3, "week start before the epoch");
	is(date_month_start(ymd(2024, 2, 29)), ymd(2024, 2, 1),
	    "month start of a leap day");
	is(date_month_start(ymd(2026, 12, 31)), ymd(2026, 12, 1),
	    "month start of New Year's Eve");
}

static void
test_format(void)
{
	char buf[DATE_BUFSZ];

	is_str(date_format(ymd(2026, 3, 7), buf), "2026-03-07", "format pads");
	is_str(date_format(0, buf), "1970-01-01", "format the epoch");
	is_str(date_format(ymd(9999, 12, 31) + 1, buf), "0000-00-00",
	    "format past the range is marked bogus");
	is_str(buf, "0000-00-00", "format writes into buf");
}

static void
test_parse_iso(void)
{
	date_t t = 42;

	is(date_parse_iso("2026-11-24", &t), 0, "iso: plain date");
	is(t, ymd(2026, 11, 24), "iso: value");
	is(date_parse_iso("2028-02-29", &t), 0, "iso: leap day");
	is(t, ymd(2028, 2, 29), "iso: leap day value");
	t = 42;
	is(date_parse_iso("2026-02-30", &t), -1, "iso: no Feb 30");
	is(t, 42, "iso: failure leaves out alone");
	is(date_parse_iso("2026-2-03", &t), -1, "iso: one-digit month");
	is(date_parse_iso("2026-02-3", &t), -1, "iso: one-digit day");
	is(date_parse_iso("26-02-03", &t), -1, "iso: two-digit year");
	is(date_parse_iso("02026-02-03", &t), -1, "iso: five-digit year");
	is(date_parse_iso("2026/02/03", &t), -1, "iso: slashes");
	is(date_parse_iso("2026-02-03 ", &t), -1, "iso: trailing space");
	is(date_parse_iso(" 2026-02-03", &t), -1, "iso: leading space");
	is(date_parse_iso("2026-02-03x", &t), -1, "iso: trailing text");
	is(date_parse_iso("2026-+2-03", &t), -1, "iso: sign in month");
	is(date_parse_iso("", &t), -1, "iso: empty");
	is(date_parse_iso("today", &t), -1, "iso: words are not iso");
	is(date_parse_iso("1899-12-31", &t), -1, "iso: before the range");
	is(date_parse_iso("1900-01-01", &t), 0, "iso: first day");
	is(date_parse_iso("9999-12-31", &t), 0, "iso: last day");
}

static const char *badfmt =
    "bad date '%s' (use YYYY-MM-DD, today, yesterday, tomorrow, a weekday "
    "or -3d)";

/* Parses expr against today and checks the resulting date. */
static void
check_parse(const char *expr, date_t today, int dir, const char *want)
{
	char *cause = NULL;
	date_t t = 0;

	if (date_parse(expr, today, dir, &t, &cause) == -1) {
		ok(0, "parse '%s' (dir %d) from %s", expr, dir, fmt(today));
		printf("#   %s\n", cause);
		free(cause);
		return;
	}
	is_str(fmt(t), want, "parse '%s' (dir %d) from %s", expr, dir,
	    fmt(today));
	ok(cause == NULL, "no cause on success for '%s'", expr);
}

/* Checks that expr is refused with exactly the expected message. */
static void
check_bad(const char *expr, date_t today, const char *msgfmt)
{
	char *cause = NULL, want[256];
	date_t t = 42;
	int rv;

	snprintf(want, sizeof(want), msgfmt, expr);
	rv = date_parse(expr, today, -1, &t, &cause);
	ok(rv == -1 && t == 42, "refuse '%s'", expr);
	is_str(cause, want, "cause for '%s'", expr);
	free(cause);
}

static void
test_parse(void)
{
	date_t tue = ymd(2026, 11, 24);	/* a Tuesday */
	static const struct {
		const char *expr;
		const char *past;	/* dir < 0 */
		const char *next;	/* dir > 0 */
	} wd[] = {
		{ "mon", "2026-11-23", "2026-11-30" },
		{ "Monday", "2026-11-23", "2026-11-30" },
		{ "tue", "2026-11-24", "2026-11-24" },
		{ "tues", "2026-11-24", "2026-11-24" },
		{ "TUESDAY", "2026-11-24", "2026-11-24" },
		{ "wed", "2026-11-18", "2026-11-25" },
		{ "weds", "2026-11-18", "2026-11-25" },
		{ "wednesday", "2026-11-18", "2026-11-25" },
		{ "thu", "2026-11-19", "2026-11-26" },
		{ "thur", "2026-11-19", "2026-11-26" },
		{ "Thurs", "2026-11-19", "2026-11-26" },
		{ "thursday", "2026-11-19", "2026-11-26" },
		{ "fri", "2026-11-20", "2026-11-27" },
		{ "friday", "2026-11-20", "2026-11-27" },
		{ "sat", "2026-11-21", "2026-11-28" },
		{ "saturday", "2026-11-21", "2026-11-28" },
		{ "sun", "2026-11-22", "2026-11-29" },
		{ "SunDay", "2026-11-22", "2026-11-29" },
	};
	size_t i;

	check_parse("2026-03-07", tue, -1, "2026-03-07");
	check_parse("2028-02-29", tue, -1, "2028-02-29");
	check_parse("today", tue, -1, "2026-11-24");
	check_parse("TODAY", tue, 1, "2026-11-24");
	check_parse("yesterday", tue, -1, "2026-11-23");
	check_parse("Yesterday", tue, 1, "2026-11-23");
	check_parse("tomorrow", tue, -1, "2026-11-25");
	check_parse("tomorrow", ymd(2026, 12, 31), -1, "2027-01-01");
	check_parse("yesterday", ymd(2024, 3, 1), -1, "2024-02-29");

	for (i = 0; i < sizeof(wd) / sizeof(wd[0]); i++) {
		check_parse(wd[i].expr, tue, -1, wd[i].past);
		check_parse(wd[i].expr, tue, 0, wd[i].past);
		check_parse(wd[i].expr, tue, 1, wd[i].next);
	}
	check_parse("sun", ymd(2027, 1, 1), -1, "2026-12-27");
	check_parse("mon", ymd(2026, 12, 30), 1, "2027-01-04");

	check_parse("-3d", tue, -1, "2026-11-21");
	check_parse("-3D", tue, 1, "2026-11-21");
	check_parse("+3d", tue, -1, "2026-11-27");
	check_parse("3d", tue, -1, "2026-11-27");
	check_parse("0d", tue, -1, "2026-11-24");
	check_parse("-0d", tue, -1, "2026-11-24");
	check_parse("+2w", tue, -1, "2026-12-08");
	check_parse("-2W", tue, -1, "2026-11-10");
	check_parse("-1w", tue, -1, "2026-11-17");
	check_parse("0w", tue, -1, "2026-11-24");
	check_parse("-30d", ymd(2026, 3, 1), -1, "2026-01-30");
	check_parse("-3650d", tue, -1, "2016-11-26");
	check_parse("+3650d", tue, -1, "2036-11-21");
	check_parse("-521w", tue, -1, "2016-11-29");
	check_parse("-007d", tue, -1, "2026-11-17");

	check_bad("", tue, badfmt);
	check_bad("5", tue, badfmt);
	check_bad("-5", tue, badfmt);
	check_bad("+5", tue, badfmt);
	check_bad("d", tue, badfmt);
	check_bad("-d", tue, badfmt);
	check_bad("+-3d", tue, badfmt);
	check_bad("--3d", tue, badfmt);
	check_bad("3x", tue, badfmt);
	check_bad("3dd", tue, badfmt);
	check_bad("3 d", tue, badfmt);
	check_bad("3mm", tue, badfmt);
	check_bad("-121m", tue, badfmt);
	check_bad("-11y", tue, badfmt);
	check_bad("-1 m", tue, badfmt);
	check_bad("this-week", tue, badfmt);
	check_bad("thismonth", tue, badfmt);
	check_bad("202-12", tue, badfmt);
	check_bad("2026-1", tue, badfmt);
	check_bad("20261", tue, badfmt);
	check_bad("-3651d", tue, badfmt);
	check_bad("+3651d", tue, badfmt);
	check_bad("-522w", tue, badfmt);
	check_bad("-99999999999999999999999d", tue, badfmt);
	check_bad("today ", tue, badfmt);
	check_bad(" today", tue, badfmt);
	check_bad("todays", tue, badfmt);
	check_bad("mo", tue, badfmt);
	check_bad("thursd", tue, badfmt);
	check_bad("now", tue, badfmt);
	check_bad("2026-2-3", tue, badfmt);
	check_bad("26-02-03", tue, badfmt);
	check_bad("2026/02/03", tue, badfmt);
	check_bad("2026-02-03T10:00", tue, badfmt);
	check_bad("20260203", tue, badfmt);

	check_bad("2026-02-30", tue, "no such day '%s'");
	check_bad("2026-02-29", tue, "no such day '%s'");
	check_bad("2026-13-01", tue, "no such day '%s'");
	check_bad("2026-00-10", tue, "no such day '%s'");
	check_bad("2026-04-31", tue, "no such day '%s'");
	check_bad("1899-12-31", tue, "no such day '%s'");

	/* Relative forms must not leave the supported range. */
	check_bad("tomorrow", ymd(9999, 12, 31), badfmt);
	check_bad("+2d", ymd(9999, 12, 30), badfmt);
	check_bad("yesterday", ymd(1900, 1, 1), badfmt);
	check_bad("-1w", ymd(1900, 1, 3), badfmt);
	check_bad("sun", ymd(1900, 1, 1), badfmt);
	check_parse("+1d", ymd(9999, 12, 30), -1, "9999-12-31");
	check_parse("mon", ymd(1900, 1, 1), -1, "1900-01-01");
}

/* Checks the first and last day of a span expression. */
static void
check_span(const char *expr, date_t today, const char *first, const char *last)
{
	char *cause = NULL;
	date_t a = 0, b = 0;

	if (date_parse_span(expr, today, -1, &a, &b, &cause) == -1) {
		ok(0, "span '%s' from %s", expr, fmt(today));
		printf("#   %s\n", cause);
		free(cause);
		return;
	}
	is_str(fmt(a), first, "span '%s' from %s starts", expr, fmt(today));
	is_str(fmt(b), last, "span '%s' from %s ends", expr, fmt(today));
}

static void
test_periods(void)
{
	date_t tue = ymd(2026, 11, 24);

	/* Months and years move along the calendar. */
	check_parse("-1m", tue, -1, "2026-10-24");
	check_parse("3m", tue, -1, "2027-02-24");
	check_parse("+1M", tue, -1, "2026-12-24");
	check_parse("-12m", tue, -1, "2025-11-24");
	check_parse("-1y", tue, -1, "2025-11-24");
	check_parse("+2Y", tue, -1, "2028-11-24");
	check_parse("-0m", tue, -1, "2026-11-24");
	check_parse("-1m", ymd(2026, 3, 31), -1, "2026-02-28");
	check_parse("-1m", ymd(2028, 3, 31), -1, "2028-02-29");
	check_parse("-1y", ymd(2028, 2, 29), -1, "2027-02-28");
	check_parse("+1m", ymd(2026, 12, 15), -1, "2027-01-15");
	check_parse("-1m", ymd(2026, 1, 15), -1, "2025-12-15");
	check_parse("-120m", tue, -1, "2016-11-24");
	check_parse("-10y", tue, -1, "2016-11-24");
	check_bad("-1y", ymd(1900, 6, 1), badfmt);

	/* A period as one day is its first day. */
	check_parse("2026-12", tue, -1, "2026-12-01");
	check_parse("2027", tue, -1, "2027-01-01");
	check_parse("this-month", tue, -1, "2026-11-01");
	check_parse("Last-Month", tue, -1, "2026-10-01");
	check_parse("this-year", tue, -1, "2026-01-01");
	check_parse("last-year", tue, -1, "2025-01-01");

	check_span("2026-12", tue, "2026-12-01", "2026-12-31");
	check_span("2028-02", tue, "2028-02-01", "2028-02-29");
	check_span("2026-02", tue, "2026-02-01", "2026-02-28");
	check_span("2026", tue, "2026-01-01", "2026-12-31");
	check_span("this-month", tue, "2026-11-01", "2026-11-30");
	check_span("last-month", tue, "2026-10-01", "2026-10-31");
	check_span("last-month", ymd(2027, 1, 10), "2026-12-01", "2026-12-31");
	check_span("this-year", tue, "2026-01-01", "2026-12-31");
	check_span("last-year", ymd(2027, 1, 1), "2026-01-01", "2026-12-31");
	check_span("9999-12", tue, "9999-12-01", "9999-12-31");
	check_span("1900", tue, "1900-01-01", "1900-12-31");
	/* A day or a relative form spans one day. */
	check_span("2026-11-03", tue, "2026-11-03", "2026-11-03");
	check_span("-1m", tue, "2026-10-24", "2026-10-24");
	check_span("mon", tue, "2026-11-23", "2026-11-23");

	check_bad("2026-13", tue, "no such month '%s'");
	check_bad("2026-00", tue, "no such month '%s'");
	check_bad("1899-12", tue, "no such month '%s'");
	check_bad("1899", tue, "no such year '%s'");
	check_bad("0000", tue, "no such year '%s'");
	check_bad("last-year", ymd(1900, 5, 1), "no such year '%s'");
}

static void
test_time(void)
{
	int min = 42;
	char buf[6];

	is(date_parse_time("00:00", &min), 0, "time: midnight");
	is(min, 0, "time: midnight value");
	is(date_parse_time("23:59", &min), 0, "time: last minute");
	is(min, 1439, "time: last minute value");
	is(date_parse_time("07:05", &min), 0, "time: morning");
	is(min, 425, "time: morning value");
	min = 42;
	is(date_parse_time("24:00", &min), -1, "time: hour 24");
	is(min, 42, "time: failure leaves out alone");
	is(date_parse_time("12:60", &min), -1, "time: minute 60");
	is(date_parse_time("7:05", &min), -1, "time: one-digit hour");
	is(date_parse_time("07:5", &min), -1, "time: one-digit minute");
	is(date_parse_time("0705", &min), -1, "time: no colon");
	is(date_parse_time("07.05", &min), -1, "time: dot");
	is(date_parse_time("07:05:00", &min), -1, "time: seconds");
	is(date_parse_time(" 7:05", &min), -1, "time: leading space");
	is(date_parse_time("-1:00", &min), -1, "time: sign");
	is(date_parse_time("", &min), -1, "time: empty");

	is_str(date_format_time(0, buf), "00:00", "format midnight");
	is_str(date_format_time(425, buf), "07:05", "format morning");
	is_str(date_format_time(1439, buf), "23:59", "format last minute");
	is_str(date_format_time(1440, buf), "--:--", "format past midnight");
	is_str(date_format_time(-1, buf), "--:--", "format negative");
}

static void
test_now(void)
{
	date_t t = date_today();
	int min = date_now_minutes();
	int y, m, d;

	date_to_ymd(t, &y, &m, &d);
	ok(y >= 2020 && y <= DATE_MAX_YEAR, "today is a plausible date");
	ok(min >= 0 && min < 24 * 60, "now is a time of day");
}

int
main(void)
{
	test_walk();
	test_ymd();
	test_weekday();
	test_isoweek();
	test_format();
	test_parse_iso();
	test_parse();
	test_periods();
	test_time();
	test_now();
	return t_done();
}
