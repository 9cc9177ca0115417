/*
 * stats.c: `prehab stats` reads the log through lib/stats and writes the
 * figures as a report for people or as tsv, csv, json or a gnuplot
 * script for programs.
 *
 * The text report covers the last 8 ISO weeks unless told otherwise. The
 * machine formats start at the first logged date instead, so that piping
 * them into a plot shows the whole history; with nothing logged they fall
 * back to the text report's 8 weeks, so a plot always has rows to draw.
 * Machine formats never depend on the terminal or the locale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "coach.h"
#include "ical.h"
#include "out.h"
#include "plot.h"
#include "prehab.h"
#include "stats.h"
#include "logs.h"
#include "store.h"
#include "table.h"
#include "util.h"

/* The longest range --since and --until may span: 100 years. */
#define MAX_SPAN_DAYS 36525

#define REPORT_WEEKS 8
#define REPORT_MONTHS 6 /* the text report's default span by month */

enum {
	OPT_BY = OPT_FIRST_CMD,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_EXERCISE,
	OPT_FORMAT,
	OPT_SAFE,
	OPT_CHART
};

static const struct option stats_opts[] = { GLOBAL_OPTIONS,
	{ "by", required_argument, NULL, OPT_BY },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "exercise", required_argument, NULL, OPT_EXERCISE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "safe", no_argument, NULL, OPT_SAFE },
	{ "chart", required_argument, NULL, OPT_CHART }, { NULL, 0, NULL, 0 } };

static const struct cmd_value stats_values[] = {
	{ "by", "day week month exercise" }, { "since", "@date" },
	{ "until", "@date" }, { "exercise", "@exercise" },
	{ "format", "text tsv csv json gnuplot" },
	{ "chart", "all adherence progress balance" }, { NULL, NULL }
};

enum stats_format { FMT_TEXT, FMT_TSV, FMT_CSV, FMT_JSON, FMT_GNUPLOT };
/* The charts of --format gnuplot; CHART_ALL puts them on one page. */
enum chart_kind { CHART_ALL, CHART_ADHERENCE, CHART_PROGRESS, CHART_BALANCE };
/* --by exercise is not a calendar period, so it is kept apart. */
enum group { BY_DAY, BY_WEEK, BY_MONTH, BY_EXERCISE };

struct stats_args {
	enum group by;
	enum stats_format format;
	const char *since;
	const char *until;
	const char **exercises;
	size_t nexercises;
	int safe;
	int chart; /* enum chart_kind; -1 when not given */
};

/* One report: the options resolved and the figures. */
struct report {
	struct ctx *ctx;
	enum group by;
	enum stats_format format;
	date_t since;
	date_t until;
	struct stats *st;
	const struct stats_ex *ex;
	size_t nex;
	struct stats_period *p;
	size_t np;
	const struct exercise **only;
	size_t nonly;
	enum chart_kind chart;
	struct chart *ch; /* the weekly figures of progress and balance */
};

static int
stats_opt(struct ctx *ctx, int opt, char *arg, void *data)
{
	static const char *const bys[] = { "day", "week", "month", "exercise",
		NULL };
	static const char *const fmts[] = { "text", "tsv", "csv", "json",
		"gnuplot", NULL };
	static const char *const charts[] = { "all", "adherence", "progress",
		"balance", NULL };
	struct stats_args *sa = data;
	int i, rc;

	switch (opt) {
	case OPT_BY:
		if ((rc = cmd_word(
			 ctx, &cmd_stats_entry, "--by", bys, arg, &i)) != 0)
			return rc;
		sa->by = (enum group)i;
		return 0;
	case OPT_FORMAT:
		if ((rc = cmd_word(ctx, &cmd_stats_entry, "--format", fmts, arg,
			 &i)) != 0)
			return rc;
		sa->format = (enum stats_format)i;
		return 0;
	case OPT_CHART:
		if ((rc = cmd_word(ctx, &cmd_stats_entry, "--chart", charts,
			 arg, &i)) != 0)
			return rc;
		sa->chart = i;
		return 0;
	/* Dates and names wait for the config and today: see cmd_stats. */
	case OPT_SAFE: sa->safe = 1; return 0;
	case OPT_SINCE: sa->since = arg; return 0;
	case OPT_UNTIL: sa->until = arg; return 0;
	case OPT_EXERCISE:
		sa->exercises = xreallocarray(
		    sa->exercises, sa->nexercises + 1, sizeof(*sa->exercises));
		sa->exercises[sa->nexercises++] = arg;
		return 0;
	}
	return 0;
}

/* Formatting helpers shared by every format. */

/* A number with at most decimals places, trailing zeros dropped. */
static const char *
num(char *buf, size_t len, double x, int decimals)
{
	char *p;

	snprintf(buf, len, "%.*f", decimals, x);
	if (strchr(buf, '.') != NULL) {
		p = buf + strlen(buf) - 1;
		while (*p == '0')
			*p-- = '\0';
		if (*p == '.')
			*p = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, len, "0");
	return buf;
}

/* One decimal, always: text columns line up on the point. */
static const char *
fixed1(char *buf, size_t len, double x)
{
	snprintf(buf, len, "%.1f", x);
	return buf;
}

/* "2026-W48", "2026-11" or "2026-11-24". */
static const char *
period_label(enum group by, date_t start, char *buf, size_t len)
{
	int y, m, d, w;

	switch (by) {
	case BY_WEEK:
		date_isoweek(start, &y, &w);
		snprintf(buf, len, "%04d-W%02d", y, w);
		break;
	case BY_MONTH:
		date_to_ymd(start, &y, &m, &d);
		snprintf(buf, len, "%04d-%02d", y, m);
		break;
	default: date_format(start, buf); break;
	}
	return buf;
}

static const char *
lag_name(enum stats_lag l)
{
	return l == LAG_LEFT ? "left" : l == LAG_RIGHT ? "right" : "";
}

/* Machine formats: through lib/out, a number with stats_num. */

/* A number field; absent (null) when have is 0. */
static void
stats_num(
    struct out_table *o, const char *name, double x, int decimals, int have)
{
	char *s = o->num[o->nf < OUT_MAXFIELDS ? o->nf : OUT_MAXFIELDS - 1];

	out_num(o, name, have ? num(s, sizeof(o->num[0]), x, decimals) : NULL);
}

/* Column names of the per-exercise reps, "reps_clamshell". */
static char **
ex_colnames(const struct report *r)
{
	char **names = xcalloc(r->nex ? r->nex : 1, sizeof(*names));

	for (size_t i = 0; i < r->nex; i++)
		names[i] = xasprintf("reps_%s", r->ex[i].slug);
	return names;
}

static void
free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The period rows, in any machine format, into o. */
static void
periods_out(const struct report *r, struct out_table *o)
{
	char **names = ex_colnames(r), label[16], start[DATE_BUFSZ],
	     end[DATE_BUFSZ];

	for (size_t i = 0; i < r->np; i++) {
		const struct stats_period *p = &r->p[i];

		out_str(o, "period",
		    period_label(r->by, p->start, label, sizeof(label)));
		out_str(o, "start",
		    date_format(
			p->start > r->since ? p->start : r->since, start));
		out_str(o, "end", date_format(p->end, end));
		stats_num(o, "sessions", (double)p->sessions, 0, 1);
		stats_num(o, "target", p->target, 2, 1);
		stats_num(o, "adherence", p->adherence, 3, 1);
		stats_num(o, "sets", (double)p->sets, 0, 1);
		stats_num(o, "reps", (double)p->reps, 0, 1);
		stats_num(o, "pain_mean", p->pain_mean, 2, p->pain_n > 0);
		stats_num(o, "pain_max", p->pain_max, 0, p->pain_n > 0);
		stats_num(o, "rpe_mean", p->rpe_mean, 2, p->rpe_n > 0);
		for (size_t j = 0; j < r->nex; j++)
			stats_num(o, names[j], (double)p->ex_reps[j], 0, 1);
		out_row(o);
	}
	free_names(names, r->nex);
}

static double
side_pain(const struct stats_side *s)
{
	return s->pain_n ? (double)s->pain_sum / (double)s->pain_n : 0;
}

/* "2x12" (machine formats) or "2×12" (text in a UTF-8 locale). */
static void
report_dose(const struct stats_ex *x, const char *times, char *buf, size_t len)
{
	const struct exercise *e = x->e;

	if (e == NULL) { /* has_level implies e; be safe anyway */
		snprintf(buf, len, "-");
		return;
	}
	snprintf(buf, len, "%d%s%d%s%s", x->dose.sets, times, x->dose.reps,
	    e->nvariants > 0 ? " " : "",
	    e->nvariants > 0 ? e->variants[x->dose.variant].slug : "");
}

static void
exercises_out(const struct report *r, struct out_table *o)
{
	char from[DATE_BUFSZ], to[DATE_BUFSZ], dose[64];

	for (size_t i = 0; i < r->nex; i++) {
		const struct stats_ex *x = &r->ex[i];
		const struct stats_side *sd = x->side;

		out_str(o, "exercise", x->slug);
		out_str(o, "name", x->e ? x->e->name : NULL);
		out_str(o, "from", date_format(r->since, from));
		out_str(o, "to", date_format(r->until, to));
		stats_num(o, "sessions", (double)x->sessions, 0, 1);
		stats_num(o, "sets", (double)x->sets, 0, 1);
		stats_num(o, "reps", (double)x->reps, 0, 1);
		stats_num(o, "reps_left", (double)sd[SIDE_LEFT].reps, 0, 1);
		stats_num(o, "reps_right", (double)sd[SIDE_RIGHT].reps, 0, 1);
		stats_num(o, "reps_both", (double)sd[SIDE_BOTH].reps, 0, 1);
		stats_num(o, "pain_mean",
		    x->pain_n ? (double)x->pain_sum / (double)x->pain_n : 0, 2,
		    x->pain_n > 0);
		stats_num(o, "pain_max", x->pain_max, 0, x->pain_n > 0);
		stats_num(o, "pain_left", side_pain(&sd[SIDE_LEFT]), 2,
		    sd[SIDE_LEFT].pain_n > 0);
		stats_num(o, "pain_right", side_pain(&sd[SIDE_RIGHT]), 2,
		    sd[SIDE_RIGHT].pain_n > 0);
		stats_num(o, "rpe_mean",
		    x->rpe_n ? (double)x->rpe_sum / (double)x->rpe_n : 0, 2,
		    x->rpe_n > 0);
		out_str(o, "fewer_reps",
		    x->fewer_reps != LAG_NONE ? lag_name(x->fewer_reps) : NULL);
		out_str(o, "more_pain",
		    x->more_pain != LAG_NONE ? lag_name(x->more_pain) : NULL);
		stats_num(o, "level", x->level + 1, 0, x->has_level);
		if (x->has_level)
			report_dose(x, "x", dose, sizeof(dose));
		out_str(o, "dose", x->has_level ? dose : NULL);
		out_row(o);
	}
}

/* The period rows as the block $data. */
static void
gnuplot_data(const struct report *r, struct out_table *o)
{
	buf_adds(&o->b, "$data << EOD\n");
	o->format = OUT_TSV;
	periods_out(r, o);
	buf_adds(&o->b, "EOD\n");
}

/*
 * A gnuplot script with the week (or day, month) rows inline: adherence
 * as bars on the left axis, pain as lines on the right one. It sets no
 * terminal, so the caller's choice (or gnuplot's default) applies.
 */
/*
 * The adherence chart: alone (pg NULL), with its data and the title of
 * the script, or as the first panel of a page, sharing its x range.
 */
static void
gnuplot_adherence(
    const struct report *r, struct out_table *o, const struct plot_page *pg)
{
	static const char *const unit[] = { "day", "week", "month",
		"exercise" };
	char first[16], last[16];
	double days = r->by == BY_DAY ? 1 : r->by == BY_WEEK ? 7 : 30.4;
	int pain = 0;

	for (size_t i = 0; i < r->np; i++)
		pain |= r->p[i].pain_n > 0;
	period_label(r->by, r->p[0].start, first, sizeof(first));
	period_label(r->by, r->p[r->np - 1].start, last, sizeof(last));
	if (pg == NULL) {
		buf_addf(&o->b,
		    "# prehab stats: adherence and pain per %s, %s to "
		    "%s\n",
		    unit[r->by], first, last);
		gnuplot_data(r, o);
	}
	buf_addf(&o->b,
	    "set datafile separator \"\\t\"\n"
	    "set key autotitle columnheader\n"
	    "set xdata time\n"
	    "set timefmt \"%%Y-%%m-%%d\"\n"
	    "set format x \"%s\"\n"
	    "set title \"%s per %s%s%s%s%s\"\n"
	    /* Above the bars, under the title: it never covers them. */
	    "set key outside top center horizontal samplen 2\n"
	    "set style fill solid 0.4\n"
	    /* Bars a little narrower than their period, in seconds. */
	    "set boxwidth %g absolute\n"
	    "set yrange [0:110]\n"
	    "set ylabel \"adherence (%%)\"\n"
	    "set ytics nomirror\n",
	    r->by == BY_MONTH ? "%b %Y" : "%d %b",
	    pg ? "Adherence (bars), mean and highest pain (right axis)"
	       : "Prehab: adherence and pain",
	    unit[r->by], pg ? "" : ", ", pg ? "" : first, pg ? "" : " to ",
	    pg ? "" : last, days * 86400 * 0.8);
	if (pg != NULL) { /* the page's x axis and its smaller lettering */
		plot_xaxis(&o->b, pg, 1);
		buf_adds(&o->b,
		    "set tics font \",8\"\nset title font \",10\"\n"
		    "unset key\n");
	}
	/* Each period drawn at its middle: start + half its length. */
	buf_addf(&o->b, "mid(c) = timecolumn(c, \"%%Y-%%m-%%d\") + %g\n",
	    days * 86400 / 2);
	if (pain)
		buf_adds(&o->b,
		    "set y2range [0:11]\n"
		    "set y2label \"pain (0-10)\"\n"
		    "set y2tics 0, 2, 10\n");
	buf_addf(&o->b,
	    "plot $data using (mid(2)):($6 * 100) with boxes "
	    "title \"adherence\"%s\n",
	    pain
		? ", \\\n"
		  "     $data using (mid(2)):9 axes x1y2 with linespoints lw 2 "
		  "title \"mean pain\", \\\n"
		  "     $data using (mid(2)):10 axes x1y2 with points pt 7 "
		  "title \"max pain\""
		: "");
}

/*
 * The script for --chart: the adherence chart alone as it always was,
 * or a page of panels (a multiplot, so that one output, a window, a PNG
 * or a text terminal, shows them all). Progress and balance are weekly
 * whatever --by says; --by shapes the adherence chart only.
 */
static void
gnuplot_out(const struct report *r, struct out_table *o)
{
	static const char *const what[] = { "adherence, progress and balance",
		"adherence", "progress", "left and right balance" };
	struct plot_page pg;
	char first[16], last[16];
	int progress = r->chart != CHART_BALANCE,
	    balance = r->chart != CHART_PROGRESS;
	size_t rows;
	/* The page title's share of the height, then the adherence's. */
	double top = 0.93, head;

	if (r->np == 0) /* the range always holds a period */
		return;
	if (r->chart == CHART_ADHERENCE) {
		gnuplot_adherence(r, o, NULL);
		return;
	}
	memset(&pg, 0, sizeof(pg));
	pg.cfg = &r->ctx->cfg;
	pg.ch = r->ch;
	pg.ex = r->ex;
	pg.nex = r->nex;
	pg.from = date_week_start(r->since);
	pg.to = r->until;
	pg.legend = r->chart == CHART_ALL;
	rows = plot_rows(&pg, progress, balance);
	period_label(BY_WEEK, pg.from, first, sizeof(first));
	period_label(BY_WEEK, pg.to, last, sizeof(last));
	buf_addf(&o->b, "# prehab stats: %s, %s to %s\n", what[r->chart], first,
	    last);
	if (r->chart == CHART_ALL)
		gnuplot_data(r, o);
	plot_data(&o->b, &pg);
	buf_addf(&o->b,
	    "set multiplot title \"Prehab: %s, %s to %s\" font \",11\"\n",
	    what[r->chart], first, last);
	if (r->chart == CHART_ALL) {
		head = rows > 0 ? top * 1.3 / ((double)rows + 1.3) : top;
		buf_addf(&o->b, "set origin 0, %.4g\nset size 1, %.4g\n",
		    top - head, head);
		plot_legend(&o->b, &pg);
		gnuplot_adherence(r, o, &pg);
		top -= head;
	} else if (rows == 0) /* nothing of the kind: say so */
		buf_addf(&o->b,
		    "set label 1 \"no %sexercise to draw\" at graph 0.5, "
		    "graph 0.5 center\n"
		    "unset tics\nunset border\nset yrange [0:1]\n"
		    "set xrange [0:1]\nplot 2 notitle\n",
		    r->chart == CHART_BALANCE ? "per-side " : "");
	plot_panels(&o->b, &pg, progress, balance, top);
	buf_adds(&o->b, "unset multiplot\n");
}

/* A row for both the figures and the weekly chart. */
static int
chart_row(const struct store_row *row, void *arg)
{
	struct report *r = arg;

	stats_add(row, r->st);
	return chart_add(row, r->ch);
}

/*
 * The race days of the training calendars, so that the charts mark
 * them; a calendar that cannot be read costs the marks, not the chart.
 */
static void
chart_calendars(struct report *r)
{
	struct ctx *ctx = r->ctx;
	date_t from = date_week_start(r->since);
	char *cause = NULL;

	if (ctx->cfg.ncalendars == 0)
		return;
	if (r->until - from >= ICAL_MAX_SPAN)
		from = r->until - ICAL_MAX_SPAN + 1;
	if (config_load_calendars(
		&ctx->cfg, from, r->until, NULL, NULL, &cause) != 0) {
		cmd_warn(ctx, "%s; calendar race days not marked", cause);
		free(cause);
	}
}

/* The text report. */

/* A short column heading: the slug, or its shortest alias of 4+. */
static const char *
short_name(const struct stats_ex *x, char *buf, size_t len)
{
	const char *best = x->slug;
	size_t i;

	if (x->e != NULL && strlen(best) > 8)
		for (i = 0; i < CATALOG_MAX_ALIASES && x->e->aliases[i]; i++)
			if (strlen(x->e->aliases[i]) >= 4 &&
			    strlen(x->e->aliases[i]) < strlen(best))
				best = x->e->aliases[i];
	snprintf(buf, len, "%s", best);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] = (char)(buf[i] - 'a' + 'A');
	return buf;
}

static void
text_periods(const struct report *r)
{
	static const char *const heads[] = { "DAY", "WEEK", "MONTH" };
	struct ctx *ctx = r->ctx;
	struct table *t;
	char align[80], label[16], n1[32], n2[32], head[40];
	size_t i, j, nex = r->nex, ncol;

	/* Wider than any terminal long before this cap. */
	if (nex > sizeof(align) - 7)
		nex = sizeof(align) - 7;
	ncol = 6 + nex;
	memset(align, 'r', ncol);
	align[0] = 'l';
	align[ncol] = '\0';
	t = table_new(align);
	table_row(t);
	table_cell(t, heads[r->by], "1");
	table_cell(t, "SESSIONS", "1");
	table_cell(t, "ADHERENCE", "1");
	for (j = 0; j < nex; j++)
		table_cell(t, short_name(&r->ex[j], head, sizeof(head)), "1");
	table_cell(t, "PAIN", "1");
	table_cell(t, "MAX", "1");
	table_cell(t, "RPE", "1");
	for (i = 0; i < r->np; i++) {
		const struct stats_period *p = &r->p[i];
		int met = p->sessions >= p->target;

		table_row(t);
		table_cell(t,
		    period_label(r->by, p->start, label, sizeof(label)), NULL);
		table_cellf(t, met ? "32" : NULL, "%ld/%s", p->sessions,
		    num(n1, sizeof(n1), p->target, 1));
		table_cellf(t, NULL, "%.0f%%", p->adherence * 100);
		for (j = 0; j < nex; j++)
			table_cellf(t, NULL, "%ld", p->ex_reps[j]);
		table_cell(t,
		    p->pain_n ? fixed1(n1, sizeof(n1), p->pain_mean) : "-",
		    NULL);
		if (p->pain_n)
			snprintf(n2, sizeof(n2), "%d", p->pain_max);
		table_cell(t, p->pain_n ? n2 : "-",
		    p->pain_n && p->pain_max >= ctx->cfg.back_pain ? "31"
								   : NULL);
		table_cell(t,
		    p->rpe_n ? fixed1(n1, sizeof(n1), p->rpe_mean) : "-", NULL);
	}
	table_print(t, ctx, stdout, NULL);
}

/* One character per period: UTF-8 blocks, or an ASCII ramp. */
static void
sparkline(
    const struct report *r, const char *title, int pain, const char *scale)
{
	static const char *const blocks[8] = { "\u2581", "\u2582", "\u2583",
		"\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char ascii[] = "_.-:=+*#";
	struct buf b = { 0 };
	double v;
	int lvl;

	buf_addf(&b, "%-10s ", title);
	for (size_t i = 0; i < r->np; i++) {
		const struct stats_period *p = &r->p[i];

		if (pain && p->pain_n == 0) {
			buf_addc(&b, ' ');
			continue;
		}
		v = pain ? p->pain_mean / 10 : p->adherence;
		lvl = (int)(v * 7 + 0.5);
		lvl = lvl < 0 ? 0 : lvl > 7 ? 7 : lvl;
		if (r->ctx->utf8)
			buf_adds(&b, blocks[lvl]);
		else
			buf_addc(&b, ascii[lvl]);
	}
	buf_addf(&b, "  %s", scale);
	printf("%s\n", b.data);
	buf_free(&b);
}

static void
text_streak(const struct report *r)
{
	char label[16];
	date_t start;
	int n = stats_streak(r->st, &start);

	printf("Streak: %d week%s in a row at %d sessions or more", n,
	    n == 1 ? "" : "s", r->ctx->cfg.sessions_per_week);
	if (n > 0)
		printf(", since %s",
		    period_label(BY_WEEK, start, label, sizeof(label)));
	printf("\n");
}

static void
text_exercises(const struct report *r)
{
	struct ctx *ctx = r->ctx;
	struct table *t = table_new("lrrrrrrl");
	char n1[32], dose[64];

	table_header(t,
	    (const char *const[]){ "EXERCISE", "SESSIONS", "SETS", "REPS",
		"PAIN", "MAX", "RPE", "LEVEL", NULL });
	for (size_t i = 0; i < r->nex; i++) {
		const struct stats_ex *x = &r->ex[i];

		table_row(t);
		table_cell(t, x->slug, x->e && x->e->enabled ? "36" : NULL);
		table_cellf(t, NULL, "%ld", x->sessions);
		table_cellf(t, NULL, "%ld", x->sets);
		table_cellf(t, NULL, "%ld", x->reps);
		table_cell(t,
		    x->pain_n ? fixed1(n1, sizeof(n1),
				    (double)x->pain_sum / (double)x->pain_n)
			      : "-",
		    NULL);
		if (x->pain_n)
			table_cellf(t,
			    x->pain_max >= ctx->cfg.back_pain ? "31" : NULL,
			    "%d", x->pain_max);
		else
			table_cell(t, "-", NULL);
		table_cell(t,
		    x->rpe_n ? fixed1(n1, sizeof(n1),
				   (double)x->rpe_sum / (double)x->rpe_n)
			     : "-",
		    NULL);
		if (x->has_level)
			report_dose(
			    x, ctx->utf8 ? "\u00d7" : "x", dose, sizeof(dose));
		table_cell(t, x->has_level ? dose : "-", NULL);
	}
	table_print(t, ctx, stdout, NULL);
}

/* Per-side exercises logged on each side: reps and pain side by side. */
static void
text_balance(const struct report *r)
{
	struct table *t = NULL;
	char n1[32], n2[32];

	for (size_t i = 0; i < r->nex; i++) {
		const struct stats_ex *x = &r->ex[i];
		const struct stats_side *l = &x->side[SIDE_LEFT];
		const struct stats_side *rt = &x->side[SIDE_RIGHT];
		struct buf flag = { 0 };

		if (l->sets == 0 && rt->sets == 0)
			continue;
		if (t == NULL) {
			t = table_new("lrrrrl");
			table_header(t,
			    (const char *const[]){ "LEFT/RIGHT", "REPS L",
				"REPS R", "PAIN L", "PAIN R", "", NULL });
		}
		table_row(t);
		table_cell(t, x->slug, NULL);
		table_cellf(t, NULL, "%ld", l->reps);
		table_cellf(t, NULL, "%ld", rt->reps);
		table_cell(t,
		    l->pain_n ? fixed1(n1, sizeof(n1), side_pain(l)) : "-",
		    NULL);
		table_cell(t,
		    rt->pain_n ? fixed1(n2, sizeof(n2), side_pain(rt)) : "-",
		    NULL);
		if (x->fewer_reps != LAG_NONE)
			buf_addf(
			    &flag, "%s: fewer reps", lag_name(x->fewer_reps));
		if (x->more_pain != LAG_NONE && x->more_pain == x->fewer_reps)
			buf_adds(&flag, ", more pain");
		else if (x->more_pain != LAG_NONE)
			buf_addf(&flag, "%s%s: more pain", flag.len ? "; " : "",
			    lag_name(x->more_pain));
		table_cell(t, flag.len ? flag.data : "", "33");
		buf_free(&flag);
	}
	if (t != NULL) {
		printf("\n");
		table_print(t, r->ctx, stdout, NULL);
	}
}

static void
text_out(struct report *r)
{
	struct ctx *ctx = r->ctx;
	char from[DATE_BUFSZ], to[DATE_BUFSZ];

	printf("%sPrehab stats%s %s to %s, target %d sessions a week",
	    cmd_color(ctx, "1"), cmd_reset(ctx), date_format(r->since, from),
	    date_format(r->until, to), ctx->cfg.sessions_per_week);
	for (size_t i = 0; i < r->nonly; i++)
		printf("%s%s", i == 0 ? ", only " : ", ", r->only[i]->slug);
	printf("\n\n");
	if (r->by != BY_EXERCISE) {
		text_periods(r);
		printf("\n");
	}
	text_streak(r);
	sparkline(r, "Adherence", 0, "(0-100%)");
	sparkline(r, "Pain", 1, "(0-10)");
	printf("\n");
	text_exercises(r);
	text_balance(r);
}

/*
 * Where the text report starts without --since: whole weeks, or whole
 * months by month, so that its first period holds the same days as the
 * machine formats' (which start at the period of the first row).
 */
static date_t
default_since(enum group by, date_t until)
{
	date_t t = date_month_start(until);

	if (by != BY_MONTH)
		return date_week_start(until) - (date_t)(REPORT_WEEKS - 1) * 7;
	for (int i = 1; i < REPORT_MONTHS; i++)
		t = date_month_start(t - 1);
	return t;
}

/* The library's period for a grouping: by exercise, the report's weeks. */
static enum stats_by
period_by(enum group by)
{
	switch (by) {
	case BY_DAY: return STATS_DAY;
	case BY_MONTH: return STATS_MONTH;
	default: return STATS_WEEK;
	}
}

/* The first day of the report's period holding t. */
static date_t
period_of(enum group by, date_t t)
{
	return stats_period_start(period_by(by), t);
}

/* Resolves dates and names now that today and the catalog are known. */
static int
report_resolve(struct ctx *ctx, struct stats_args *sa, struct report *r)
{
	char *cause = NULL;
	char a[DATE_BUFSZ], b[DATE_BUFSZ];
	struct exercise *e;
	size_t n;

	r->ctx = ctx;
	r->by = sa->by;
	r->format = sa->format;
	r->chart = sa->chart < 0 ? CHART_ALL : (enum chart_kind)sa->chart;
	if (r->format == FMT_GNUPLOT && r->by == BY_EXERCISE)
		return cmd_usage_error(ctx, &cmd_stats_entry,
		    "--format gnuplot plots over time; use --by day, week "
		    "or month");
	r->until = ctx->today;
	if (sa->until != NULL &&
	    cmd_parse_bound(ctx, sa->until, 1, &r->until) == -1)
		return EXIT_USAGE;
	r->since = STATS_NODATE;
	if (sa->since != NULL &&
	    cmd_parse_bound(ctx, sa->since, 0, &r->since) == -1)
		return EXIT_USAGE;
	if (sa->since == NULL && r->format == FMT_TEXT)
		r->since = default_since(r->by, r->until);
	if (r->since != STATS_NODATE && r->since > r->until) {
		cmd_err(ctx, "--since %s is after --until %s",
		    date_format(r->since, a), date_format(r->until, b));
		return EXIT_USAGE;
	}
	/*
	 * Days are counted in bins, so an absurd range would cost memory
	 * for nothing: no log holds the future, nor a century of training.
	 */
	if (r->until > ctx->today + 366) {
		cmd_err(ctx, "--until %s is more than a year after today",
		    date_format(r->until, b));
		return EXIT_USAGE;
	}
	if (r->since != STATS_NODATE && r->until - r->since > MAX_SPAN_DAYS) {
		cmd_err(ctx,
		    "--since %s is more than 100 years before "
		    "--until %s",
		    date_format(r->since, a), date_format(r->until, b));
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < sa->nexercises; i++) {
		if ((e = catalog_find(&ctx->cfg.catalog, sa->exercises[i],
			 &cause)) == NULL) {
			cmd_err(ctx, "%s", cause);
			free(cause);
			return EXIT_USAGE;
		}
		/* An array of pointers: sizeof a pointer is meant. */
		n = r->nonly + 1;
		/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
		r->only = xreallocarray(r->only, n, sizeof(r->only[0]));
		r->only[r->nonly++] = e;
	}
	return -1;
}

static int
cmd_stats(struct ctx *ctx, int argc, char **argv)
{
	struct stats_args sa = { BY_WEEK, FMT_TEXT, NULL, NULL, NULL, 0, 0,
		-1 };
	struct report r;
	struct stats_opts so;
	struct store_read_opts ro;
	struct out_table o;
	char *cause = NULL;
	enum fail fail = FAIL_IO;
	date_t first;
	long bad;
	int ind, rc;

	memset(&r, 0, sizeof(r));
	if ((rc = cmd_options(
		 ctx, &cmd_stats_entry, argc, argv, stats_opt, &sa, &ind)) >= 0)
		goto done;
	if (ind < argc) {
		rc = cmd_usage_error(ctx, &cmd_stats_entry,
		    "unexpected argument '%s'", argv[ind]);
		goto done;
	}
	if (sa.safe && sa.format != FMT_CSV && sa.format != FMT_TSV) {
		rc = cmd_usage_error(
		    ctx, &cmd_stats_entry, "--safe is for --format csv or tsv");
		goto done;
	}
	if (sa.chart >= 0 && sa.format != FMT_GNUPLOT) {
		rc = cmd_usage_error(
		    ctx, &cmd_stats_entry, "--chart is for --format gnuplot");
		goto done;
	}
	if ((rc = report_resolve(ctx, &sa, &r)) >= 0)
		goto done;
	if ((rc = cmd_need_log(ctx)) != 0)
		goto done;

	memset(&so, 0, sizeof(so));
	so.cfg = &ctx->cfg;
	so.since = r.since;
	so.until = r.until;
	so.only = r.only;
	so.nonly = r.nonly;
	/* The levels feed the alerts, which every format reports. */
	so.levels = 1;
	r.st = stats_new(&so);

	memset(&ro, 0, sizeof(ro));
	ro.path = ctx->cfg.data_path;
	ro.row = stats_add;
	ro.warn = cmd_store_warn;
	ro.arg = r.st;
	ro.fail = &fail;
	if (r.format == FMT_GNUPLOT && r.chart != CHART_ADHERENCE) {
		r.ch = chart_new(&ctx->cfg, r.since, r.until);
		ro.row = chart_row;
		ro.arg = &r;
	}
	if ((bad = logs_read(&ctx->cfg, &ro, &cause)) == -1) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		rc = cmd_fail_status(fail);
		goto done;
	}
	if (r.since == STATS_NODATE) {
		if (!stats_first(r.st, &r.since))
			r.since = default_since(r.by, r.until);
		else if (r.by != BY_EXERCISE)
			/* Whole periods, as the text report has them. */
			r.since = period_of(r.by, r.since);
	} else if (sa.since == NULL && stats_first_row(r.st, &first) &&
	    period_of(r.by, first) > r.since)
		/* No weeks of nothing before the runner started. */
		r.since = period_of(r.by, first);

	r.nex = stats_exercises(r.st, &r.ex);
	if (r.by != BY_EXERCISE || r.format == FMT_TEXT)
		r.np = stats_periods(
		    r.st, period_by(r.by), r.since, r.until, &r.p);

	out_init(&o,
	    r.format == FMT_CSV        ? OUT_CSV
		: r.format == FMT_JSON ? OUT_JSON
				       : OUT_TSV,
	    sa.safe);
	switch (r.format) {
	case FMT_TEXT: text_out(&r); break;
	case FMT_GNUPLOT:
		if (r.ch != NULL)
			chart_calendars(&r);
		gnuplot_out(&r, &o);
		break;
	default:
		if (r.by == BY_EXERCISE)
			exercises_out(&r, &o);
		else
			periods_out(&r, &o);
		out_end(&o);
		break;
	}
	if (o.b.len > 0)
		fwrite(o.b.data, 1, o.b.len, stdout);
	out_free(&o);
	/* Beside machine output the alerts go to stderr, out of its way. */
	if (stats_progress(r.st) != NULL)
		coach_alerts(ctx, r.format == FMT_TEXT ? stdout : stderr,
		    stats_progress(r.st), r.until);
	rc = 0;
	if (bad > 0) {
		cmd_err(ctx, "%ld malformed row%s skipped", bad,
		    bad == 1 ? "" : "s");
		rc = EXIT_DATA;
	}

done:
	if (r.p != NULL)
		stats_periods_free(r.p, r.np);
	stats_free(r.st);
	chart_free(r.ch);
	free(r.only);
	free(sa.exercises);
	return rc;
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.exec = cmd_stats,
	.synopsis =
	    "Sum up the log: adherence, reps, pain and left/right balance.",
	.usage =
	    "prehab stats [--by PERIOD] [--since DATE] [--until DATE] "
	    "[--exercise NAME]... [--format FORMAT] [--chart CHART] [--safe]",
	.help =
	    "Options:\n"
	    "  --by PERIOD       day, week (default), month or exercise\n"
	    "  --since DATE      first day counted (text: 8 weeks back; other "
	    "formats:\n"
	    "                    the first logged day)\n"
	    "  --until DATE      last day counted (default today); a period "
	    "such\n"
	    "                    as 2026-11 or last-month ends on its last "
	    "day\n"
	    "  --exercise NAME   count only this exercise; repeat for more\n"
	    "  --format FORMAT   text (default), tsv, csv, json or gnuplot\n"
	    "  --chart CHART     with gnuplot: adherence, progress, balance or "
	    "all\n"
	    "                    (default: all on one page)\n"
	    "  --safe            with csv or tsv: neutralise text that a "
	    "spreadsheet\n"
	    "                    would run as a formula\n",
	.opts = stats_opts,
	.shortopts = ":h",
	.args = NULL,
	.values = stats_values,
};
