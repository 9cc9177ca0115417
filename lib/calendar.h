/*
 * calendar: the running days that the runner's own training calendars
 * (iCalendar files, read by ical.c) give each date of a span. It owns the
 * keyword rules that turn an event into a kind of day and the table of
 * days; config.c asks it for a date's kind, between the [override] dates
 * and the weekly pattern.
 *
 * An event's kind comes from the first of SUMMARY, DESCRIPTION and
 * CATEGORIES in which a keyword appears, as a whole word (a plural "s"
 * or "es" allowed, but not "pace" after it: "5k pace" is an effort, not
 * a race), case-insensitively; the kinds are tried in the order long,
 * hard, race, easy, cross, rest. An event matching nothing is an
 * easy day if its SUMMARY names a run ("run", "running", "jog"), and is
 * ignored otherwise. When events share a day the hardest kind wins:
 * race, long, hard, easy, cross, rest.
 *
 * A week (Monday to Sunday) with at least one such event is covered by
 * the calendar: its days without an event are rest days, as in the plans
 * training apps publish (unless gaps_rest is 0, for a calendar of races
 * only: then they are left to the pattern too). Weeks without one are
 * left to the pattern.
 */
#ifndef PREHAB_CALENDAR_H
#define PREHAB_CALENDAR_H

#include <stddef.h>

#include "config.h"
#include "date.h"
#include "ical.h"

/* The rules: a comma-separated keyword list for each kind, and for runs. */
#define CAL_RUN DAY_NKINDS /* index of the words that name a run */
#define CAL_NRULES (DAY_NKINDS + 1)
/* The default list of a rule; "" for DAY_OFF, which events never give. */
const char *calendar_default_words(int rule);

#define CAL_TEXT 96 /* bytes of an event's SUMMARY kept for --explain */

enum cal_source {
	CALSRC_NONE, /* the calendar says nothing: the pattern decides */
	CALSRC_EVENT, /* an event gave the kind */
	CALSRC_GAP /* no event, in a week the calendar covers: rest */
};

struct cal_day {
	enum cal_source source;
	enum day_kind kind;
	char summary[CAL_TEXT]; /* the event that gave the kind */
	char word[48]; /* the keyword it matched; "" for a run */
	int nignored; /* events that matched no rule */
	char ignored[CAL_TEXT]; /* the first of them */
};

struct calendar;

/*
 * The kind an event gets under the rules (words[i] NULL for the
 * default); the keyword that matched is copied to word (wordsz bytes),
 * "" for a run named without a keyword. Returns the kind, or -1 if the
 * event is ignored.
 */
int calendar_match(const char *const words[CAL_NRULES], const char *summary,
    const char *description, const char *categories, char *word, size_t wordsz);

/*
 * Reads the n files over [from, to] (at most ICAL_MAX_SPAN days). Warnings
 * go to warn ("FILE:LINE: reason"). Returns 0 with *out set, or -1 with
 * *cause malloc'd when a file cannot be opened or read; a file that is
 * not a regular file (a FIFO, a device) is refused.
 */
int calendar_load(const char *const *paths, size_t n,
    const char *const words[CAL_NRULES], int gaps_rest, date_t from, date_t to,
    ical_warn_fn warn, void *arg, struct calendar **out, char **cause);
void calendar_free(struct calendar *);

/* The day's entry, or NULL outside the span. */
const struct cal_day *calendar_day(const struct calendar *, date_t);
/* Events of file i that gave at least one day of the span a kind. */
long calendar_events(const struct calendar *, size_t i);
/* The span read. */
date_t calendar_from(const struct calendar *);
date_t calendar_to(const struct calendar *);

#endif
