/*
 * chart: the weekly figures behind the progress and balance charts of
 * `prehab stats --format gnuplot`: for each exercise of the catalog and
 * each ISO week, the reps and pain of each side, the highest pain of its
 * sessions and the best rung they reached. It prints nothing;
 * cmd/plot.c writes the script.
 *
 * Memory is one small record per week and exercise of the span logged,
 * plus one per session for the rungs (see progress_new_all), never one
 * per row.
 */
#ifndef PREHAB_CHART_H
#define PREHAB_CHART_H

#include <stddef.h>

#include "catalog.h"
#include "config.h"
#include "date.h"
#include "store.h"

/* One exercise in one week. */
struct chart_cell {
	int days; /* dates it was logged on */
	long reps[3]; /* by enum store_side */
	long pain_n[3]; /* sets with a pain score, by side */
	long pain_sum[3];
	int pain_max; /* highest pain of its sessions, -1 if none */
	int rung; /* the best rung reached (progress_best_rung), -1 none */
};

struct chart;

/*
 * Counts the rows dated in [since, until]; since may be STATS_NODATE
 * (from stats.h) for no lower bound. cfg must outlive the chart.
 */
struct chart *chart_new(const struct config *, date_t since, date_t until);
void chart_free(struct chart *);
/* Counts one row; a store_row_fn, so it always returns 0. */
int chart_add(const struct store_row *, void *chart);

/*
 * The week starting on Monday mon for exercise e (from cfg's catalog).
 * Returns 0 with *out zeroed and rung -1 when nothing of e was counted in
 * that week, else 1.
 */
int chart_week(const struct chart *, const struct exercise *e, date_t mon,
    struct chart_cell *out);

#endif
