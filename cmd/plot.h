/*
 * plot: the progress and balance charts of `prehab stats --format
 * gnuplot`, written as gnuplot commands from lib/chart's weekly figures.
 * cmd/stats.c owns the script as a whole (its adherence chart, the
 * multiplot page) and calls these for the panels.
 *
 * Every panel starts from `reset`, so no setting leaks from one to the
 * next, and shares the x range of the page, so their weeks line up. A
 * panel with nothing to draw says so in words instead of plotting an
 * empty data block, which gnuplot would warn about.
 */
#ifndef PREHAB_PLOT_H
#define PREHAB_PLOT_H

#include <stddef.h>

#include "chart.h"
#include "stats.h"
#include "util.h"

struct plot_page {
	const struct config *cfg;
	const struct chart *ch;
	const struct stats_ex *ex; /* the exercises reported */
	size_t nex;
	date_t from; /* the Monday of the first week drawn */
	date_t to; /* the last day drawn */
	int legend; /* one legend for the page (plot_legend), no keys */
};

/*
 * The data blocks ($ex1, $ex2, ...: one row per week with a session, a
 * blank line across weeks without one) and the race markers. Call once,
 * before any panel.
 */
void plot_data(struct buf *, const struct plot_page *);

/* The x axis every panel shares: its range, ticks and their dates. */
void plot_xaxis(struct buf *, const struct plot_page *, int labels);

/*
 * The page's legend, for the panel about to be drawn: the colours of
 * the panels' lines named in their colours along the top of the page,
 * under its title. Keys, one per panel, would not fit on a page.
 */
void plot_legend(struct buf *, const struct plot_page *);

/*
 * The panels below top (a screen fraction), in a grid of two columns:
 * with progress, each exercise's dose above its weekly volume; with
 * balance, the left and right of each exercise done per side.
 * plot_rows says how many rows of the grid that makes.
 */
size_t plot_rows(const struct plot_page *, int progress, int balance);
void plot_panels(struct buf *, const struct plot_page *, int progress,
    int balance, double top);

#endif
