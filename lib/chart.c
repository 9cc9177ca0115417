/*
 * chart: see chart.h.
 *
 * The weeks are one array from the Monday of the earliest row counted to
 * that of the latest, each holding one cell per catalog exercise; it
 * grows at either end as rows arrive, in whatever order.
 */
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "progress.h"
#include "stats.h"
#include "util.h"

struct chart {
	const struct config *cfg;
	date_t since;
	date_t until;
	date_t first; /* Monday of weeks[0] */
	size_t nweeks;
	size_t nex; /* cells per week: the catalog's exercises */
	struct chart_cell *cells; /* nweeks * nex */
	unsigned char *days; /* nweeks * nex: bit i for the week's day i */
	struct progress *rungs;
	long last; /* catalog index of the last row's exercise, or -1 */
};

struct chart *
chart_new(const struct config *cfg, date_t since, date_t until)
{
	struct chart *c = xcalloc(1, sizeof(*c));

	c->cfg = cfg;
	c->since = since;
	c->until = until;
	c->nex = cfg->catalog.n;
	c->rungs = progress_new_all(cfg);
	c->last = -1;
	return c;
}

void
chart_free(struct chart *c)
{
	if (c == NULL)
		return;
	free(c->cells);
	free(c->days);
	progress_free(c->rungs);
	free(c);
}

static long
ex_index(const struct chart *c, const char *slug)
{
	const struct catalog *cat = &c->cfg->catalog;

	/* Sets come in runs: the previous row's exercise first. */
	if (c->last >= 0 && strcmp(cat->ex[c->last].slug, slug) == 0)
		return c->last;
	for (size_t i = 0; i < cat->n && i < c->nex; i++)
		if (cat->ex[i].slug != NULL &&
		    strcmp(cat->ex[i].slug, slug) == 0)
			return (long)i;
	return -1;
}

/* Makes the weeks span Monday mon; returns its index. */
static size_t
week_slot(struct chart *c, date_t mon)
{
	size_t add, n;

	if (c->nweeks == 0) {
		c->first = mon;
		c->nweeks = 1;
		c->cells = xcalloc(c->nex ? c->nex : 1, sizeof(*c->cells));
		c->days = xcalloc(c->nex ? c->nex : 1, 1);
		return 0;
	}
	if (mon < c->first) {
		add = (size_t)((c->first - mon) / 7);
		n = c->nweeks + add;
		c->cells =
		    xreallocarray(c->cells, n * c->nex, sizeof(*c->cells));
		c->days = xreallocarray(c->days, n * c->nex, 1);
		memmove(c->cells + add * c->nex, c->cells,
		    c->nweeks * c->nex * sizeof(*c->cells));
		memmove(c->days + add * c->nex, c->days, c->nweeks * c->nex);
		memset(c->cells, 0, add * c->nex * sizeof(*c->cells));
		memset(c->days, 0, add * c->nex);
		c->first = mon;
		c->nweeks = n;
		return 0;
	}
	add = (size_t)((mon - c->first) / 7);
	if (add >= c->nweeks) {
		n = add + 1;
		c->cells =
		    xreallocarray(c->cells, n * c->nex, sizeof(*c->cells));
		c->days = xreallocarray(c->days, n * c->nex, 1);
		memset(c->cells + c->nweeks * c->nex, 0,
		    (n - c->nweeks) * c->nex * sizeof(*c->cells));
		memset(
		    c->days + c->nweeks * c->nex, 0, (n - c->nweeks) * c->nex);
		c->nweeks = n;
	}
	return add;
}

int
chart_add(const struct store_row *r, void *arg)
{
	struct chart *c = arg;
	struct chart_cell *cell;
	date_t mon;
	size_t w;
	long i;
	int side;

	if (r->exercise == NULL || store_is_checkin(r) || r->date > c->until ||
	    (c->since != STATS_NODATE && r->date < c->since) || c->nex == 0)
		return 0;
	if ((i = ex_index(c, r->exercise)) < 0)
		return 0;
	c->last = i;
	progress_add(c->rungs, r);
	mon = date_week_start(r->date);
	w = week_slot(c, mon);
	cell = &c->cells[w * c->nex + (size_t)i];
	c->days[w * c->nex + (size_t)i] |=
	    (unsigned char)(1u << (unsigned)(r->date - mon));
	side = r->side >= SIDE_BOTH && r->side <= SIDE_RIGHT ? (int)r->side
							     : SIDE_BOTH;
	if (r->reps > 0)
		cell->reps[side] += r->reps;
	if (r->pain >= 0) {
		cell->pain_n[side]++;
		cell->pain_sum[side] += r->pain;
		/* A zeroed cell has no pain yet: 0 is not "none" here. */
		if (cell->pain_n[0] + cell->pain_n[1] + cell->pain_n[2] == 1 ||
		    r->pain > cell->pain_max)
			cell->pain_max = r->pain;
	}
	return 0;
}

int
chart_week(const struct chart *c, const struct exercise *e, date_t mon,
    struct chart_cell *out)
{
	const struct catalog *cat = &c->cfg->catalog;
	size_t w, i = (size_t)(e - cat->ex);
	unsigned char bits;

	memset(out, 0, sizeof(*out));
	out->pain_max = -1;
	out->rung = -1;
	if (e < cat->ex || i >= c->nex || c->nweeks == 0 || mon < c->first ||
	    (size_t)((mon - c->first) / 7) >= c->nweeks)
		return 0;
	w = (size_t)((mon - c->first) / 7);
	if ((bits = c->days[w * c->nex + i]) == 0)
		return 0;
	*out = c->cells[w * c->nex + i];
	for (out->days = 0; bits != 0; bits &= (unsigned char)(bits - 1))
		out->days++;
	if (out->pain_n[0] + out->pain_n[1] + out->pain_n[2] == 0)
		out->pain_max = -1;
	out->rung = progress_best_rung(c->rungs, e, mon, mon + 6);
	if (out->rung < -1)
		out->rung = -1;
	return 1;
}
