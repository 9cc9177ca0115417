/* date: see date.h. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "util.h"

/* The longest relative offset date_parse takes, about ten years. */
#define REL_MAX_DAYS 3650

static const char *const wd_abbr[7] = { "mon", "tue", "wed", "thu", "fri",
	"sat", "sun" };
static const char *const wd_name[7] = { "Monday", "Tuesday", "Wednesday",
	"Thursday", "Friday", "Saturday", "Sunday" };

/* Every spelling date_parse takes for a weekday, with its number. */
static const struct {
	const char *name;
	int wd;
} wd_spellings[] = {
	{ "mon", 0 },
	{ "monday", 0 },
	{ "tue", 1 },
	{ "tues", 1 },
	{ "tuesday", 1 },
	{ "wed", 2 },
	{ "weds", 2 },
	{ "wednesday", 2 },
	{ "thu", 3 },
	{ "thur", 3 },
	{ "thurs", 3 },
	{ "thursday", 3 },
	{ "fri", 4 },
	{ "friday", 4 },
	{ "sat", 5 },
	{ "saturday", 5 },
	{ "sun", 6 },
	{ "sunday", 6 },
};

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(long y, int m)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	return m == 2 && is_leap(y) ? 29 : mdays[m - 1];
}

/*
 * Day number of a valid civil date. The year is counted from March so the
 * leap day falls at the end, and split into 400-year eras of 146097 days
 * so the arithmetic is the same on both sides of 1970.
 */
static date_t
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400; /* 0..399 */
	/* Day of the year counted from March 1, 0..365. */
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */
	/* 719468 days run from 0000-03-01 to 1970-01-01. */
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil. */
static void
civil_from_days(date_t z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153; /* 0 = March */
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
in_range(date_t t)
{
	return t >= days_from_civil(DATE_MIN_YEAR, 1, 1) &&
	    t <= days_from_civil(DATE_MAX_YEAR, 12, 31);
}

int
date_from_ymd(int y, int m, int d, date_t *out)
{
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || m < 1 || m > 12 ||
	    d < 1 || d > month_days(y, m))
		return -1;
	*out = days_from_civil(y, m, d);
	return 0;
}

void
date_to_ymd(date_t t, int *y, int *m, int *d)
{
	long ly;

	civil_from_days(t, &ly, m, d);
	*y = (int)ly;
}

int
date_weekday(date_t t)
{
	/* Day 0 was a Thursday, 3 in ISO numbering. */
	return (int)(((t % 7) + 7 + 3) % 7);
}

const char *
date_weekday_abbr(int wd)
{
	return wd >= 0 && wd < 7 ? wd_abbr[wd] : "???";
}

const char *
date_weekday_name(int wd)
{
	return wd >= 0 && wd < 7 ? wd_name[wd] : "???";
}

/*
 * An ISO week belongs to the year that holds its Thursday, and week 1 is
 * the one with that year's first Thursday; so the Thursday of the date's
 * week gives both numbers.
 */
void
date_isoweek(date_t t, int *year, int *week)
{
	date_t thu = t - date_weekday(t) + 3;
	long y;
	int m, d;

	civil_from_days(thu, &y, &m, &d);
	*year = (int)y;
	*week = (int)((thu - days_from_civil(y, 1, 1)) / 7 + 1);
}

date_t
date_week_start(date_t t)
{
	return t - date_weekday(t);
}

date_t
date_month_start(date_t t)
{
	long y;
	int m, d;

	civil_from_days(t, &y, &m, &d);
	return t - (d - 1);
}

/* Writes n decimal digits of v, zero-padded, and returns the end. */
static char *
put_digits(char *p, long v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

char *
date_format(date_t t, char *buf)
{
	char *p = buf;
	long y;
	int m, d;

	civil_from_days(t, &y, &m, &d);
	/* A year past four digits cannot fit; month 00 marks it as bogus. */
	if (y < 0 || y > 9999) {
		y = 0;
		m = d = 0;
	}
	p = put_digits(p, y, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, d, 2);
	*p = '\0';
	return buf;
}

static int
is_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
digits_val(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Whether s has the shape YYYY-MM-DD, real day or not. */
static int
iso_shape(const char *s)
{
	return strlen(s) == 10 && is_digits(s, 4) && s[4] == '-' &&
	    is_digits(s + 5, 2) && s[7] == '-' && is_digits(s + 8, 2);
}

int
date_parse_iso(const char *s, date_t *out)
{
	if (s == NULL || !iso_shape(s))
		return -1;
	return date_from_ymd(
	    digits_val(s, 4), digits_val(s + 5, 2), digits_val(s + 8, 2), out);
}

/*
 * Moves a date by n calendar months. A day the target month lacks (the
 * 31st, or February 29) becomes that month's last day, so "-1m" from
 * March 31 is the end of February rather than a day in March.
 */
static date_t
add_months(date_t t, long n)
{
	long y, idx;
	int m, d, last;

	civil_from_days(t, &y, &m, &d);
	idx = y * 12 + (m - 1) + n;
	y = idx / 12;
	m = (int)(idx % 12) + 1;
	last = month_days(y, m);
	return days_from_civil(y, m, d > last ? last : d);
}

/*
 * Parses [+-]N followed by d, w, m or y and applies it to today; 0 or -1.
 * Days and weeks are counted in days; months and years move along the
 * calendar, so "-1m" is the same day of the previous month.
 */
static int
parse_relative(const char *s, date_t today, date_t *out)
{
	const char *p = s;
	size_t n;
	long v, max, sign = 1;
	int unit;
	char num[8];

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	n = strlen(p);
	if (n < 2 || n - 1 >= sizeof(num) || !is_digits(p, n - 1))
		return -1;
	unit = (unsigned char)p[n - 1];
	if (unit >= 'A' && unit <= 'Z')
		unit += 'a' - 'A';
	switch (unit) {
	case 'd': max = REL_MAX_DAYS; break;
	case 'w': max = REL_MAX_DAYS / 7; break;
	case 'm': max = REL_MAX_DAYS / 365 * 12; break;
	case 'y': max = REL_MAX_DAYS / 365; break;
	default: return -1;
	}
	memcpy(num, p, n - 1);
	num[n - 1] = '\0';
	if (util_parse_long(num, 0, max, &v) == -1)
		return -1;
	v *= sign;
	if (unit == 'd')
		*out = today + v;
	else if (unit == 'w')
		*out = today + v * 7;
	else
		*out = add_months(today, unit == 'm' ? v : v * 12);
	return 0;
}

/* The month from first to the end of its month, or of its year. */
static void
month_span(date_t first, date_t *last)
{
	*last = add_months(first, 1) - 1;
}

/*
 * Recognises the expressions that name a whole month or year: YYYY-MM,
 * YYYY, this-month, last-month, this-year, last-year. Returns 1 with the
 * span set, 0 when expr is no period, -1 with *cause for a period shape
 * that names no real month.
 */
static int
parse_period(
    const char *expr, date_t today, date_t *first, date_t *last, char **cause)
{
	size_t n = strlen(expr);
	long y;
	int m, d;

	civil_from_days(today, &y, &m, &d);
	if (n == 7 && is_digits(expr, 4) && expr[4] == '-' &&
	    is_digits(expr + 5, 2)) {
		if (date_from_ymd(digits_val(expr, 4), digits_val(expr + 5, 2),
			1, first) != 0) {
			*cause = xasprintf("no such month '%s'", expr);
			return -1;
		}
		month_span(*first, last);
		return 1;
	}
	if (n == 4 && is_digits(expr, 4)) {
		y = digits_val(expr, 4);
		m = 0;
	} else if (util_strcaseeq(expr, "this-month"))
		;
	else if (util_strcaseeq(expr, "last-month")) {
		if (--m == 0) {
			m = 12;
			y--;
		}
	} else if (util_strcaseeq(expr, "this-year"))
		m = 0;
	else if (util_strcaseeq(expr, "last-year")) {
		y--;
		m = 0;
	} else
		return 0;
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) {
		*cause = xasprintf("no such year '%s'", expr);
		return -1;
	}
	if (m == 0) {
		*first = days_from_civil(y, 1, 1);
		*last = days_from_civil(y, 12, 31);
	} else {
		*first = days_from_civil(y, m, 1);
		month_span(*first, last);
	}
	return 1;
}

int
date_parse_span(const char *expr, date_t today, int dir, date_t *first,
    date_t *last, char **cause)
{
	date_t t;
	size_t i;
	int rv;

	if (expr == NULL)
		expr = "";
	if (iso_shape(expr)) {
		if (date_parse_iso(expr, first) == 0) {
			*last = *first;
			return 0;
		}
		*cause = xasprintf("no such day '%s'", expr);
		return -1;
	}
	if ((rv = parse_period(expr, today, first, last, cause)) != 0)
		return rv > 0 ? 0 : -1;
	if (util_strcaseeq(expr, "today"))
		t = today;
	else if (util_strcaseeq(expr, "yesterday"))
		t = today - 1;
	else if (util_strcaseeq(expr, "tomorrow"))
		t = today + 1;
	else if (parse_relative(expr, today, &t) == 0)
		;
	else {
		for (i = 0; i < sizeof(wd_spellings) / sizeof(wd_spellings[0]);
		     i++)
			if (util_strcaseeq(expr, wd_spellings[i].name))
				break;
		if (i == sizeof(wd_spellings) / sizeof(wd_spellings[0]))
			goto bad;
		/* Mod 7 of a difference of weekdays: days to step, 0..6. */
		if (dir > 0)
			t = today +
			    (wd_spellings[i].wd - date_weekday(today) + 7) % 7;
		else
			t = today -
			    (date_weekday(today) - wd_spellings[i].wd + 7) % 7;
	}
	if (!in_range(t))
		goto bad;
	*first = *last = t;
	return 0;
bad:
	*cause = xasprintf("bad date '%s' (use YYYY-MM-DD, today, yesterday, "
			   "tomorrow, a weekday or -3d)",
	    expr);
	return -1;
}

int
date_parse(const char *expr, date_t today, int dir, date_t *out, char **cause)
{
	date_t first, last;

	if (date_parse_span(expr, today, dir, &first, &last, cause) != 0)
		return -1;
	*out = first;
	return 0;
}

int
date_parse_time(const char *s, int *minutes)
{
	int h, m;

	if (s == NULL || strlen(s) != 5 || !is_digits(s, 2) || s[2] != ':' ||
	    !is_digits(s + 3, 2))
		return -1;
	h = digits_val(s, 2);
	m = digits_val(s + 3, 2);
	if (h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

char *
date_format_time(int minutes, char *buf)
{
	char *p = buf;

	if (minutes < 0 || minutes >= 24 * 60) {
		memcpy(buf, "--:--", 6);
		return buf;
	}
	p = put_digits(p, minutes / 60, 2);
	*p++ = ':';
	p = put_digits(p, minutes % 60, 2);
	*p = '\0';
	return buf;
}

date_t
date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return 0;
	return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

int
date_now_minutes(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return 0;
	return tm.tm_hour * 60 + tm.tm_min;
}
