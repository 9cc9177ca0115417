/*
 * stats: turns log rows into the figures of `prehab stats`: per period
 * (day, ISO week, calendar month) sessions against the weekly target,
 * reps per exercise, pain and RPE; per exercise totals, the left/right
 * balance and the current level; the streak of weeks that met the target
 * and the two pain warnings. It prints nothing.
 *
 * Rows are fed one at a time (stats_add fits store_read's row callback)
 * into day bins: the memory used grows with the span of dates logged and
 * the number of distinct exercises, never with the number of rows.
 *
 * Definitions (prehab-stats(1) documents them for users):
 *	session		a date with at least one counted row
 *	target		cfg->sessions_per_week for a week; prorated by
 *			days (sessions_per_week * days / 7) for a day or a
 *			month
 *	adherence	min(sessions, target) / target
 *	means		over the rows (sets) that logged a value
 */
#ifndef PREHAB_STATS_H
#define PREHAB_STATS_H

#include <stddef.h>

#include "catalog.h"
#include "config.h"
#include "date.h"
#include "progress.h"
#include "row.h"

/* "No date given": as stats_opts.since, start at the first logged row. */
#define STATS_NODATE ((date_t)-0x7fffffffL)

struct stats_opts {
	const struct config *cfg; /* borrowed for the life of stats */
	date_t since; /* first day counted, or STATS_NODATE */
	date_t until; /* last day counted; later rows skip */
	/* Count only these exercises (borrowed); n == 0 counts all. */
	const struct exercise *const *only;
	size_t nonly;
	/* Work out each exercise's level on the day after until. */
	int levels;
};

enum stats_by { STATS_DAY, STATS_WEEK, STATS_MONTH };

/* One day, week or month. Means are valid only when their _n is > 0. */
struct stats_period {
	date_t start; /* first day of the calendar period */
	date_t end; /* its last day */
	long sessions;
	double target;
	double adherence; /* 0..1 */
	long sets;
	long reps;
	long pain_n; /* sets with a pain score */
	double pain_mean;
	int pain_max; /* -1 without pain scores */
	long rpe_n;
	double rpe_mean;
	long *ex_reps; /* reps of each stats_exercises entry */
};

/* Totals for one side (enum store_side) of one exercise. */
struct stats_side {
	long sets;
	long reps;
	long pain_n;
	long pain_sum;
};

/* Which side a left/right comparison flags. */
enum stats_lag { LAG_NONE, LAG_LEFT, LAG_RIGHT };

/* Totals of one exercise over [since, until]. */
struct stats_ex {
	const char *slug;
	const struct exercise *e; /* NULL if not in the catalog */
	long sessions; /* dates it was logged on */
	long sets;
	long reps;
	long pain_n;
	long pain_sum;
	int pain_max; /* -1 without pain scores */
	long rpe_n;
	long rpe_sum;
	struct stats_side side[3]; /* by enum store_side */
	/* A side doing under 90% of the other's reps, or whose mean pain
	 * is 2 or more above the other's. */
	enum stats_lag fewer_reps;
	enum stats_lag more_pain;
	/* With opts.levels and e != NULL: the level for the next session. */
	int has_level;
	int level; /* index on the ladder */
	struct level dose;
};

struct stats;

/* Returns a new accumulator; free it with stats_free. */
struct stats *stats_new(const struct stats_opts *);
void stats_free(struct stats *);

/* Counts one row; a store_row_fn, so it always returns 0. */
int stats_add(const struct store_row *, void *stats);

/*
 * The first date counted (since, or the first row's) into *out: 1, or 0
 * with *out untouched when there is none. (Every date_t is a real day,
 * so none stands for "no date".)
 */
int stats_first(const struct stats *, date_t *out);
/*
 * With opts.levels: the sessions and check-ins of the weeks before until,
 * for the coaching rules (alerts); NULL otherwise.
 */
const struct progress *stats_progress(const struct stats *);
/* The earliest date of a row read, whatever opts.since, into *out: 1,
 * or 0 if none was read. */
int stats_first_row(const struct stats *, date_t *);

/*
 * The exercises reported, in catalog order and then by slug: every
 * exercise asked for (with opts.only), else the enabled ones, and any
 * other logged within [since, until]. The array belongs to stats and is
 * complete once every row is in; do not call stats_add after this.
 */
size_t stats_exercises(struct stats *, const struct stats_ex **);

/* The first day of the period (day, week, month) that holds t. */
date_t stats_period_start(enum stats_by, date_t t);

/*
 * Fills a malloc'd array with one period per calendar period from the
 * period holding from to the one holding to; days outside [since, until]
 * count as empty. Free it with stats_periods_free.
 */
size_t stats_periods(struct stats *, enum stats_by, date_t from, date_t to,
    struct stats_period **out);
void stats_periods_free(struct stats_period *, size_t n);

/*
 * The weeks in a row that met the target, ending with the week before
 * the one holding until, or with that week itself once it has met the
 * target. *start is the Monday of the first of them.
 */
int stats_streak(struct stats *, date_t *start);

#endif
