/*
 * plot.c: see plot.h.
 *
 * A data block holds, per week with a session of the exercise: its
 * Monday, the best rung counted (NaN if none), the reps of all sides,
 * of the left and of the right, the highest pain of its sessions and the
 * mean pain of each side (NaN when not logged). Points sit in the middle
 * of their week.
 */
#include <stdio.h>
#include <string.h>

#include "plot.h"
#include "progress.h"

/* At most this many race days are marked: beyond it they are noise. */
#define PLOT_MAX_RACES 60

#define C_LEFT "#1f77b4"
#define C_RIGHT "#ff7f0e"
#define C_BOTH "#2ca02c"
#define C_LEVEL "#2ca02c"
#define C_PAIN "#d62728"
#define C_RACE "#9467bd"

/* What one exercise's block holds, so that no plot finds it empty. */
struct have {
	int weeks, rung, left, right, both, pain, pain_left, pain_right;
	int lo, hi; /* lowest and highest rung counted */
	long most; /* the most reps of a side (or of all) in a week */
};

/* Where a panel goes, in screen fractions. */
struct cell {
	double x, y, w, h;
};

static int
drawn(const struct stats_ex *x)
{
	return x->e != NULL;
}

/* A gnuplot string: double quotes, with " and \ escaped. */
static void
gp_str(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

static void
gp_num(struct buf *b, int have, double x)
{
	if (have)
		buf_addf(b, "\t%.4g", x);
	else
		buf_adds(b, "\tNaN");
}

static void
scan(const struct plot_page *pg, const struct exercise *e, struct have *h)
{
	struct chart_cell c;

	memset(h, 0, sizeof(*h));
	h->lo = -1;
	h->hi = -1;
	for (date_t mon = pg->from; mon <= pg->to; mon += 7) {
		if (!chart_week(pg->ch, e, mon, &c))
			continue;
		h->weeks++;
		for (int sd = 0; sd < 3; sd++)
			if (c.reps[sd] > h->most)
				h->most = c.reps[sd];
		if (c.reps[0] + c.reps[1] + c.reps[2] > h->most && !e->per_side)
			h->most = c.reps[0] + c.reps[1] + c.reps[2];
		if (c.rung >= 0) {
			if (!h->rung || c.rung < h->lo)
				h->lo = c.rung;
			if (!h->rung || c.rung > h->hi)
				h->hi = c.rung;
			h->rung = 1;
		}
		h->left |= c.reps[SIDE_LEFT] > 0;
		h->right |= c.reps[SIDE_RIGHT] > 0;
		h->both |= c.reps[SIDE_BOTH] > 0;
		h->pain |= c.pain_max >= 0;
		h->pain_left |= c.pain_n[SIDE_LEFT] > 0;
		h->pain_right |= c.pain_n[SIDE_RIGHT] > 0;
	}
}

static void
block(struct buf *b, const struct plot_page *pg, size_t k,
    const struct stats_ex *x)
{
	char d[DATE_BUFSZ];
	struct chart_cell c;
	date_t prev = 0;
	int any = 0;

	buf_addf(b, "# %s, per week\n$ex%zu << EOD\n", x->slug, k + 1);
	buf_adds(b,
	    "# week\tlevel\treps\tleft\tright\tpain_max\tpain_left\t"
	    "pain_right\n");
	for (date_t mon = pg->from; mon <= pg->to; mon += 7) {
		if (!chart_week(pg->ch, x->e, mon, &c))
			continue;
		/* A blank line breaks the lines across weeks without one. */
		if (any && mon - prev > 7)
			buf_adds(b, "\n");
		any = 1;
		prev = mon;
		buf_adds(b, date_format(mon, d));
		gp_num(b, c.rung >= 0, c.rung);
		buf_addf(b, "\t%ld",
		    c.reps[SIDE_BOTH] + c.reps[SIDE_LEFT] + c.reps[SIDE_RIGHT]);
		gp_num(b, c.reps[SIDE_LEFT] > 0, (double)c.reps[SIDE_LEFT]);
		gp_num(b, c.reps[SIDE_RIGHT] > 0, (double)c.reps[SIDE_RIGHT]);
		gp_num(b, c.pain_max >= 0, c.pain_max);
		gp_num(b, c.pain_n[SIDE_LEFT] > 0,
		    c.pain_n[SIDE_LEFT] ? (double)c.pain_sum[SIDE_LEFT] /
			    (double)c.pain_n[SIDE_LEFT]
					: 0);
		gp_num(b, c.pain_n[SIDE_RIGHT] > 0,
		    c.pain_n[SIDE_RIGHT] ? (double)c.pain_sum[SIDE_RIGHT] /
			    (double)c.pain_n[SIDE_RIGHT]
					 : 0);
		buf_adds(b, "\n");
	}
	buf_adds(b, "EOD\n");
}

static int
is_race(const struct plot_page *pg, date_t d)
{
	return config_day(pg->cfg, d) == DAY_RACE;
}

static int
nraces(const struct plot_page *pg)
{
	int n = 0;

	for (date_t d = pg->from; d <= pg->to && n < PLOT_MAX_RACES; d++)
		n += is_race(pg, d);
	return n;
}

void
plot_data(struct buf *b, const struct plot_page *pg)
{
	char d[DATE_BUFSZ];
	int n = 0;

	for (size_t i = 0; i < pg->nex; i++)
		if (drawn(&pg->ex[i]))
			block(b, pg, i, &pg->ex[i]);
	/*
	 * The race days, as commands each panel runs: a dotted line from
	 * the bottom of the plot to its top, in the middle of the day.
	 */
	buf_adds(b, "races = \"\"\n");
	for (date_t day = pg->from; day <= pg->to && n < PLOT_MAX_RACES;
	     day++) {
		if (!is_race(pg, day))
			continue;
		n++;
		buf_addf(b,
		    "races = races . \"set arrow from %ld, graph 0 to %ld, "
		    "graph 1 nohead back dt 3 lw 1.5 lc rgb '%s'; \" # %s\n",
		    day * 86400 + 43200, day * 86400 + 43200, C_RACE,
		    date_format(day, d));
	}
	buf_adds(b, "wk(c) = timecolumn(c, \"%Y-%m-%d\") + 3.5 * 86400\n");
}

/* A tick step of about a third of x, rounded to 1, 2 or 5 times 10^n. */
static long
nice_step(double x)
{
	long step = 1;

	while (step * 10 <= x / 3)
		step *= 10;
	if (step * 5 <= x / 3)
		step *= 5;
	else if (step * 2 <= x / 3)
		step *= 2;
	return step;
}

void
plot_xaxis(struct buf *b, const struct plot_page *pg, int labels)
{
	long days = pg->to + 1 - pg->from, step;

	/* To the end of the last week, where its point sits. */
	buf_addf(b, "set xrange [%ld:%ld]\n", pg->from * 86400,
	    (date_week_start(pg->to) + 7) * 86400);
	/* About three dated ticks a panel, whole weeks or whole months. */
	step = days <= 21 ? 7
	    : days <= 120 ? (days / 3 + 6) / 7 * 7
			  : (days / 3 + 29) / 30 * 30;
	buf_addf(b, "set xtics %ld\nset format x \"%s\"\n", step * 86400,
	    !labels          ? ""
		: days > 240 ? "%b %Y"
			     : "%d %b");
}

/* What every panel starts with. */
static void
panel(struct buf *b, const struct plot_page *pg, const struct cell *at,
    const char *title, const char *what, int xlabels)
{
	struct buf t = { 0 };

	buf_adds(b,
	    "reset\n"
	    "set datafile separator \"\\t\"\n"
	    "set xdata time\n");
	buf_addf(b, "set origin %.4g, %.4g\nset size %.4g, %.4g\n", at->x,
	    at->y, at->w, at->h);
	plot_xaxis(b, pg, xlabels);
	/* Fixed side margins, so that stacked panels line up. */
	buf_adds(b, "set lmargin 12\nset rmargin 5\n");
	if (title != NULL) {
		buf_adds(b, "set title ");
		buf_addf(&t, "%s%s%s", title, *what ? ": " : "", what);
		gp_str(b, t.data);
		buf_free(&t);
		buf_adds(b, " noenhanced font \",10\" offset 0, -0.5\n");
	}
	buf_adds(b,
	    "set tics font \",8\"\n"
	    /* Under the plot, outside it: it never covers a point. */
	    "set key outside below center horizontal samplen 1.5 "
	    "font \",8\" noenhanced\n"
	    "set grid ytics lc rgb \"#dddddd\"\n"
	    "set ytics nomirror\n"
	    "eval races\n");
	if (pg->legend)
		buf_adds(b, "unset key\n");
}

void
plot_legend(struct buf *b, const struct plot_page *pg)
{
	static const struct {
		const char *color, *words;
	} item[] = { { C_LEVEL, "dose, or reps of both legs" },
		{ C_LEFT, "left" }, { C_RIGHT, "right" },
		{ C_PAIN, "pain (right axis); dashed: step back" },
		{ C_RACE, "dotted: race" } };
	double x = 0.02;

	for (size_t i = 0; i < sizeof(item) / sizeof(item[0]); i++) {
		if (i == 4 && nraces(pg) == 0)
			break;
		buf_addf(b,
		    "set label %zu \"%s\" at screen %.3g, screen 0.935 left "
		    "font \",9\" tc rgb \"%s\"\n",
		    10 + i, item[i].words, x, item[i].color);
		x += 0.05 + 0.0095 * (double)strlen(item[i].words);
	}
}

/* A panel with nothing to draw: the words, and an invisible plot. */
static void
empty(struct buf *b, const char *words)
{
	buf_adds(b,
	    "set yrange [0:1]\n"
	    "unset ytics\n"
	    "set label 1 ");
	gp_str(b, words);
	buf_adds(b,
	    " at graph 0.5, graph 0.5 center font \",9\"\n"
	    "plot 2 notitle\n");
}

/* The key entry for the race days, if any are marked. */
static void
race_key(struct buf *b, int races)
{
	if (races > 0)
		buf_addf(b,
		    ", \\\n     NaN with lines dt 3 lw 1.5 lc rgb \"%s\" "
		    "title \"race\"",
		    C_RACE);
}

/*
 * The ytics of a level panel: each rung named by its dose; with many
 * rungs, only the lowest and the first of each variant are named and
 * the others get a small tick, so the labels never run together.
 */
static void
level_tics(struct buf *b, const struct exercise *e, int lo, int hi)
{
	struct level lv, before;
	int named;

	buf_adds(b, "set ytics (");
	for (int k = lo; k <= hi; k++) {
		progress_level(e, k, &lv);
		progress_level(e, k > 0 ? k - 1 : 0, &before);
		named = hi - lo <= 2 || k == lo || k == 0 ||
		    lv.variant != before.variant;
		if (k > lo)
			buf_adds(b, ", ");
		if (named) {
			struct buf t = { 0 };

			buf_addf(&t, "%dx%d%s%s", lv.sets, lv.reps,
			    e->nvariants > 0 ? " " : "",
			    e->nvariants > 0 ? e->variants[lv.variant].slug
					     : "");
			gp_str(b, t.data);
			buf_free(&t);
			buf_addf(b, " %d", k);
		} else
			buf_addf(b, "\"\" %d 1", k);
	}
	buf_adds(b, ")\n");
}

static void
level_panel(struct buf *b, const struct plot_page *pg, const struct cell *at,
    size_t k, const struct stats_ex *x, const struct have *h)
{
	int lo, hi, top = progress_nlevels(x->e) - 1;

	panel(b, pg, at, x->e->name, "", 0);
	buf_adds(b, "set bmargin 0.5\nset ylabel \"dose\" font \",8\"\n");
	if (!h->rung) {
		empty(b,
		    h->weeks ? "no session held a whole dose yet"
			     : "nothing logged");
		return;
	}
	/* The rungs reached, and the next one to aim at. */
	lo = h->lo;
	hi = h->hi < top ? h->hi + 1 : top;
	buf_addf(b, "set yrange [%g:%g]\n", lo - 0.5, hi + 0.5);
	level_tics(b, x->e, lo, hi);
	/* One line, named by the title: no key to take room. */
	buf_addf(b,
	    "unset key\n"
	    "plot $ex%zu using (wk(1)):2 with linespoints lw 2 pt 7 "
	    "ps 0.5 lc rgb \"%s\" notitle\n",
	    k + 1, C_LEVEL);
}

/* The step-back pain as a line on the pain axis, named in the key. */
static void
threshold(struct buf *b, const struct plot_page *pg)
{
	int t = pg->cfg->back_pain;

	buf_addf(b,
	    ", \\\n     %d axes x1y2 with lines dt 2 lw 1.5 lc rgb \"%s\" "
	    "title \"step back\"",
	    t, C_PAIN);
}

static void
pain_axis(struct buf *b, const struct plot_page *pg)
{
	buf_adds(b,
	    "set y2range [0:10.5]\n"
	    "set y2tics 0, 5, 10\n");
	buf_addf(b,
	    "set y2label \"pain\" font \",8\" offset -1.5, 0\n"
	    "set label 2 \"step back at pain %d\" at graph 1, second %d "
	    "offset -0.5, 0.5 right front font \",7\" tc rgb \"%s\"\n",
	    pg->cfg->back_pain, pg->cfg->back_pain, C_PAIN);
}

static void
series(struct buf *b, int *first, size_t k, const char *col, const char *axes,
    const char *style, const char *color, const char *title)
{
	buf_adds(b, *first ? "plot " : ", \\\n     ");
	*first = 0;
	buf_addf(b,
	    "$ex%zu using (wk(1)):%s%s with linespoints %s lc rgb \"%s\" "
	    "title \"%s\"",
	    k + 1, col, axes, style, color, title);
}

/* Reps from 0, ticked at a round step, with the pain axis. */
static void
reps_axes(struct buf *b, const struct plot_page *pg, const struct have *h)
{
	buf_addf(b, "set yrange [0:*]\nset ytics %ld\n",
	    nice_step((double)(h->most > 3 ? h->most : 3)));
	pain_axis(b, pg);
}

static void
volume_panel(struct buf *b, const struct plot_page *pg, const struct cell *at,
    size_t k, const struct stats_ex *x, const struct have *h, int races)
{
	int first = 1;

	panel(b, pg, at, NULL, "", 1);
	buf_adds(
	    b, "set tmargin 0.5\nset ylabel \"reps a week\" font \",8\"\n");
	if (!h->weeks) {
		empty(b, "nothing logged");
		return;
	}
	reps_axes(b, pg, h);
	if (x->e->per_side && (h->left || h->right)) {
		if (h->left)
			series(b, &first, k, "4", "", "lw 3 pt 7 ps 0.6",
			    C_LEFT, "left");
		if (h->right)
			series(b, &first, k, "5", "", "lw 1.5 pt 5 ps 0.4",
			    C_RIGHT, "right");
	} else
		series(
		    b, &first, k, "3", "", "lw 2 pt 7 ps 0.5", C_BOTH, "reps");
	if (h->pain)
		series(b, &first, k, "6", " axes x1y2", "lw 1 pt 9 ps 0.6",
		    C_PAIN, "pain");
	threshold(b, pg);
	race_key(b, races);
	buf_adds(b, "\n");
}

static void
balance_panel(struct buf *b, const struct plot_page *pg, const struct cell *at,
    size_t k, const struct stats_ex *x, const struct have *h, int races)
{
	int first = 1;

	panel(b, pg, at, x->e->name, "left and right", 1);
	buf_adds(b, "set ylabel \"reps a week\" font \",8\"\n");
	if (!h->left && !h->right) {
		empty(b, h->weeks ? "no side logged apart" : "nothing logged");
		return;
	}
	reps_axes(b, pg, h);
	if (h->left)
		series(b, &first, k, "4", "", "lw 3 pt 7 ps 0.6", C_LEFT,
		    "left reps");
	if (h->right)
		series(b, &first, k, "5", "", "lw 1.5 pt 5 ps 0.4", C_RIGHT,
		    "right reps");
	if (h->pain_left)
		series(b, &first, k, "7", " axes x1y2", "dt 2 pt 7 ps 0.4",
		    C_LEFT, "left pain");
	if (h->pain_right)
		series(b, &first, k, "8", " axes x1y2", "dt 2 pt 5 ps 0.4",
		    C_RIGHT, "right pain");
	threshold(b, pg);
	race_key(b, races);
	buf_adds(b, "\n");
}

/* The panels of the grid: one per exercise and chart drawn. */
static size_t
ncells(const struct plot_page *pg, int progress, int balance)
{
	size_t n = 0;

	for (size_t i = 0; i < pg->nex; i++)
		if (drawn(&pg->ex[i]))
			n += (size_t)progress +
			    (size_t)(balance && pg->ex[i].e->per_side);
	return n;
}

size_t
plot_rows(const struct plot_page *pg, int progress, int balance)
{
	size_t n = ncells(pg, progress, balance);

	return n > 1 ? (n + 1) / 2 : n;
}

void
plot_panels(struct buf *b, const struct plot_page *pg, int progress,
    int balance, double top)
{
	size_t cells = ncells(pg, progress, balance), k = 0, rows, cols, row;
	int races = nraces(pg);
	double w, h;
	struct cell at;
	struct have hv;

	if (cells == 0)
		return;
	/* A grid of two columns; a lone panel takes the whole width. */
	cols = cells > 1 ? 2 : 1;
	rows = (cells + cols - 1) / cols;
	w = 1.0 / (double)cols;
	h = top / (double)rows;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0 ? !progress : !balance)
			continue;
		for (size_t i = 0; i < pg->nex; i++) {
			const struct stats_ex *x = &pg->ex[i];

			if (!drawn(x) || (pass == 1 && !x->e->per_side))
				continue;
			scan(pg, x->e, &hv);
			row = k / cols; /* whole rows, then the column */
			at.x = w * (double)(k % cols);
			at.w = w;
			at.y = top - h * (double)(row + 1);
			k++;
			if (pass == 1) {
				at.h = h;
				balance_panel(b, pg, &at, i, x, &hv, races);
				continue;
			}
			/* The dose above, the volume below, one time axis. */
			at.h = h * 0.62;
			volume_panel(b, pg, &at, i, x, &hv, races);
			at.y += at.h;
			at.h = h - at.h;
			level_panel(b, pg, &at, i, x, &hv);
		}
	}
}
