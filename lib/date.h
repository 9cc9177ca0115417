/*
 * date: civil calendar dates as day numbers, parsed from the expressions
 * people type. All arithmetic is on day counts, never through mktime(3),
 * so neither time zones nor DST can shift a date.
 */
#ifndef PREHAB_DATE_H
#define PREHAB_DATE_H

/* Days since 1970-01-01 (which is day 0, a Thursday). */
typedef long date_t;

#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 9999
/*
 * The days that may be "today": plans look up to two years ahead and
 * statistics a century back, and every day they reach must be one that
 * date_format can write, so a margin is kept inside the years above.
 */
#define DATE_TODAY_MIN_YEAR 1901
#define DATE_TODAY_MAX_YEAR 9989

/* Builds a date; returns -1 if the day does not exist (2026-02-30). */
int date_from_ymd(int y, int m, int d, date_t *out);
void date_to_ymd(date_t, int *y, int *m, int *d);

/* 0 = Monday ... 6 = Sunday (ISO 8601). */
int date_weekday(date_t);
/* Three-letter lowercase name ("mon") and full name ("Monday"). */
const char *date_weekday_abbr(int wd);
const char *date_weekday_name(int wd);

/* ISO 8601 week: the week-numbering year and week 1..53. */
void date_isoweek(date_t, int *year, int *week);
/* The Monday of the ISO week holding the date. */
date_t date_week_start(date_t);
/* The first day of the date's month. */
date_t date_month_start(date_t);

/* Writes "YYYY-MM-DD" into buf (at least DATE_BUFSZ bytes). */
#define DATE_BUFSZ 11
char *date_format(date_t, char *buf);

/* Strict "YYYY-MM-DD" with a real day; returns 0 or -1. */
int date_parse_iso(const char *, date_t *out);

/*
 * Parses a date expression, case-insensitively:
 *   YYYY-MM-DD, today, yesterday, tomorrow,
 *   a weekday name (mon, monday, tue, tues, ...),
 *   a relative offset: [+-]N followed by d (days), w (weeks), m (months)
 *   or y (years), e.g. -3d, +2w, -1m; a month or year back keeps the day
 *   of the month, or takes the month's last day when it has no such day,
 *   a period: YYYY-MM, YYYY, this-month, last-month, this-year, last-year.
 * A weekday means the most recent such day on or before today when dir < 0,
 * the next such day on or after today when dir > 0.
 * A number of days without a sign counts forward, like "+3d".
 * date_parse_span gives the first and last day the expression names (the
 * same day unless it is a period); date_parse gives the first.
 * Returns 0, or -1 with *cause set to a malloc'd message: "bad date 'x'
 * (use YYYY-MM-DD, today, yesterday, tomorrow, a weekday or -3d)",
 * "no such day '2026-02-30'", "no such month '2026-13'" or
 * "no such year '1234'".
 */
int date_parse_span(const char *expr, date_t today, int dir, date_t *first,
    date_t *last, char **cause);
int
date_parse(const char *expr, date_t today, int dir, date_t *out, char **cause);

/* Strict "HH:MM" (00:00-23:59) to minutes since midnight; 0 or -1. */
int date_parse_time(const char *, int *minutes);
/* Writes "HH:MM" into buf (at least 6 bytes). */
char *date_format_time(int minutes, char *buf);

/* Today in the local time zone, and the current local time in minutes. */
date_t date_today(void);
int date_now_minutes(void);

#endif
