/*
 * ical: a small reader for the iCalendar files (RFC 5545) that training
 * apps and coaches publish, just enough to tell which days hold which
 * workout. It owns the parsing of the file; what an event means for the
 * plan is calendar.c's business.
 *
 * It understands folded lines, escaped text, parameters (quoted or not),
 * DTSTART and DTEND as a DATE (with or without VALUE=DATE, as some feeds
 * write it), a DATE-TIME in UTC, with a TZID (looked up in the system's
 * zone database) or floating; DURATION; STATUS:CANCELLED; EXDATE; and
 * RRULE with FREQ=DAILY or WEEKLY, INTERVAL, BYDAY, COUNT and UNTIL.
 * Other rules keep their event's first day only, with a warning.
 *
 * The file is read once, one event at a time; memory stays the same
 * whatever its size, and text fields are cut at ICAL_TEXT_MAX bytes.
 * Hostile input (over-long lines, NUL bytes, broken UTF-8, components
 * never closed) gives "FILE:LINE: reason" warnings, at most
 * ICAL_MAX_WARNINGS of them and then a count, and never stops the read.
 */
#ifndef PREHAB_ICAL_H
#define PREHAB_ICAL_H

#include <stdio.h>

#include "date.h"

#define ICAL_LINE_MAX 16384 /* bytes in one unfolded line */
#define ICAL_TEXT_MAX 512 /* bytes kept of SUMMARY, DESCRIPTION ... */
#define ICAL_MAX_EXDATES 256 /* EXDATE values kept per event */
#define ICAL_MAX_WARNINGS 10 /* warnings told per file */
#define ICAL_MAX_DAYS 366 /* days one occurrence covers at most */
#define ICAL_MAX_SPAN 4000 /* days of the span read at most */

/* One event as the callback sees it; strings are never NULL. */
struct ical_event {
	const char *summary; /* unescaped, valid UTF-8, no control bytes */
	const char *description;
	const char *categories;
	const char *uid;
	long line; /* of its BEGIN:VEVENT */
};

/*
 * Called, in file order, once for each event that covers a day of the
 * span: days[i] is 1 when it covers from + i.
 */
typedef void (*ical_event_fn)(
    const struct ical_event *, const unsigned char *days, void *arg);
/* Receives a warning, "FILE:LINE: reason". */
typedef void (*ical_warn_fn)(const char *msg, void *arg);

struct ical_stats {
	long events; /* VEVENTs read */
	long used; /* ... that covered a day of the span */
	long cancelled; /* ... that were skipped as cancelled */
	long warnings; /* told or not */
};

/*
 * Reads fp (named name in warnings) and calls fn for every event that
 * covers a day of [from, to] (at most ICAL_MAX_SPAN days). Dates of a DATE-TIME are those of the
 * local time zone (TZ). Returns 0, or -1 with *cause malloc'd when the
 * file cannot be read; bad content only warns. stats may be NULL.
 */
int
ical_read(FILE *fp, const char *name, date_t from, date_t to, ical_event_fn fn,
    ical_warn_fn warn, void *arg, struct ical_stats *stats, char **cause);

#endif
