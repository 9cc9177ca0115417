/*
 * showlog.c: `prehab show log` prints the training log, as a table grouped
 * by day for people or as CSV or TSV for other programs. It streams: the
 * text table holds one day's lines at a time and the machine formats one
 * row, so a long log costs time, never memory.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "out.h"
#include "prehab.h"
#include "logs.h"
#include "store.h"
#include "table.h"
#include "util.h"

/* The options of cmd_show_log_entry (below), in its order. */
enum {
	OPT_SINCE = OPT_FIRST_CMD,
	OPT_UNTIL,
	OPT_EXERCISE,
	OPT_FORMAT,
	OPT_SAFE,
	OPT_BATCHES
};

enum log_format { LF_TEXT, LF_CSV, LF_TSV, LF_JSON };

struct showlog_args {
	enum log_format format;
	int safe;
	int batches;
	const char *since;
	const char *until;
	const char **names; /* --exercise values */
	size_t nnames;
};

/* The sets of one side of one line: "3×15", or "15,12,10" if unequal. */
struct side_acc {
	int nsets;
	int reps; /* of the first set */
	int equal; /* every set had reps */
	struct buf list;
};

/* One line of the text table: consecutive rows of one command's exercise. */
struct group {
	int active;
	date_t date;
	int time;
	char *exercise;
	char *batch;
	char *variant;
	int hold;
	struct side_acc side[3]; /* by enum store_side */
	int pain_lo, pain_hi;
	int rpe_lo, rpe_hi;
	struct buf notes;
	char *last_note;
};

/* A finished line, kept until its day is printed. */
struct line {
	char *cell[5]; /* the table's five columns */
	int hurt; /* pain reached [plan] step_back_pain */
};

struct showlog {
	struct ctx *ctx;
	struct showlog_args *sa;
	date_t since, until;
	const char **slugs;
	size_t nslugs;
	long rows; /* rows read */
	long shown; /* rows that passed the filters */
	struct buf out; /* csv, in the log's own format */
	struct out_table tab; /* tsv and json */
	struct group g;
	date_t day; /* of the lines below */
	struct line *lines; /* of the current day */
	size_t nlines;
	size_t capl;
	int days; /* days printed */
};

static int
showlog_opt(struct ctx *ctx, int opt, char *arg, void *data)
{
	static const char *const fmts[] = { "text", "csv", "tsv", "json",
		NULL };
	struct showlog_args *sa = data;
	int i, rc;

	switch (opt) {
	case OPT_SINCE: sa->since = arg; return 0;
	case OPT_UNTIL: sa->until = arg; return 0;
	case OPT_EXERCISE:
		sa->names = xreallocarray(
		    sa->names, sa->nnames + 1, sizeof(*sa->names));
		sa->names[sa->nnames++] = arg;
		return 0;
	case OPT_FORMAT:
		if ((rc = cmd_word(ctx, &cmd_show_log_entry, "--format", fmts,
			 arg, &i)) != 0)
			return rc;
		sa->format = (enum log_format)i;
		return 0;
	case OPT_SAFE: sa->safe = 1; return 0;
	case OPT_BATCHES: sa->batches = 1; return 0;
	}
	return 0;
}

static const char *
defused(const char *s, char **tmp)
{
	if (!out_needs_defusing(s))
		return s;
	*tmp = xasprintf("'%s", s);
	return *tmp;
}

/*
 * One row for tsv or json: the log's columns, a number that was not
 * recorded left empty (null in json).
 */
static void
showlog_out_row(struct out_table *o, const struct store_row *r)
{
	const char *const *n = store_colnames;
	char d[DATE_BUFSZ], t[6];

	out_str(o, n[STORE_DATE], date_format(r->date, d));
	out_str(o, n[STORE_TIME],
	    r->time >= 0 ? date_format_time(r->time, t) : NULL);
	out_str(o, n[STORE_EXERCISE], r->exercise);
	out_str(o, n[STORE_SIDE], store_sidenames[r->side]);
	out_int(o, n[STORE_SET], r->set, r->set >= 0);
	out_int(o, n[STORE_REPS], r->reps, r->reps >= 0);
	/* As in the log: no hold is an empty field. */
	out_int(o, n[STORE_HOLD], r->hold_s, r->hold_s > 0);
	out_str(o, n[STORE_VARIANT], r->variant);
	out_int(o, n[STORE_RPE], r->rpe, r->rpe >= 0);
	out_int(o, n[STORE_PAIN], r->pain, r->pain >= 0);
	out_str(o, n[STORE_NOTE], r->note);
	out_str(o, n[STORE_BATCH], r->batch);
	out_row(o);
}

static void
machine_row(struct showlog *sl, const struct store_row *r)
{
	struct store_row c = *r;
	char *tv = NULL, *tn = NULL, *tb = NULL, *te = NULL;

	struct buf *b = sl->sa->format == LF_CSV ? &sl->out : &sl->tab.b;

	if (sl->sa->format != LF_CSV) {
		/* lib/out defuses every text cell itself. */
		showlog_out_row(&sl->tab, r);
		goto flush;
	}
	/*
	 * Every text column: a hand-edited or foreign log may hold a
	 * formula in the batch id too, and a slug may begin with '-'.
	 */
	if (sl->sa->safe) {
		c.exercise = defused(r->exercise, &te);
		c.variant = defused(r->variant, &tv);
		c.note = defused(r->note, &tn);
		c.batch = defused(r->batch, &tb);
	}
	store_format_row(&sl->out, &c);
	free(te);
	free(tv);
	free(tn);
	free(tb);
flush:
	/* Hand big chunks to stdio, so memory stays at one buffer. */
	if (b->len >= 8192) {
		fputs(b->data, stdout);
		buf_reset(b);
	}
}

static void
range_text(struct buf *b, const char *what, int lo, int hi)
{
	if (lo < 0)
		return;
	if (b->len > 0)
		buf_adds(b, "  ");
	if (lo == hi)
		buf_addf(b, "%s %d", what, lo);
	else
		buf_addf(b, "%s %d-%d", what, lo, hi);
}

/* Turns the current group into a line of the day's table. */
static void
group_flush(struct showlog *sl)
{
	static const enum store_side order[] = { SIDE_LEFT, SIDE_RIGHT,
		SIDE_BOTH };
	struct group *g = &sl->g;
	struct line *l;
	struct buf dose = { 0 }, more = { 0 };
	char t[6];

	if (!g->active)
		return;
	for (size_t i = 0; i < 3; i++) {
		struct side_acc *sa = &g->side[order[i]];

		if (sa->nsets == 0)
			continue;
		if (dose.len > 0)
			buf_adds(&dose, "  ");
		if (strcmp(g->exercise, STORE_CHECKIN) == 0) {
			/* No sets in a check-in: say what it is. */
			buf_adds(&dose,
			    order[i] == SIDE_BOTH       ? "check-in"
				: order[i] == SIDE_LEFT ? "check-in, left"
							: "check-in, right");
			buf_free(&sa->list);
			memset(sa, 0, sizeof(*sa));
			continue;
		}
		if (order[i] != SIDE_BOTH)
			buf_adds(&dose, order[i] == SIDE_LEFT ? "L " : "R ");
		if (sa->equal)
			buf_addf(&dose, "%d%s%d", sa->nsets,
			    sl->ctx->utf8 ? "\xc3\x97" : "x", sa->reps);
		else
			buf_adds(&dose, sa->list.data);
		buf_free(&sa->list);
		memset(sa, 0, sizeof(*sa));
	}
	if (g->hold > 0)
		buf_addf(&more, "hold %d s", g->hold);
	range_text(&more, "pain", g->pain_lo, g->pain_hi);
	range_text(&more, "rpe", g->rpe_lo, g->rpe_hi);
	if (g->notes.len > 0) {
		if (more.len > 0)
			buf_adds(&more, "  ");
		buf_add(&more, g->notes.data, g->notes.len);
	}

	if (sl->nlines == sl->capl) {
		sl->capl = sl->capl ? sl->capl * 2 : 16;
		sl->lines =
		    xreallocarray(sl->lines, sl->capl, sizeof(*sl->lines));
	}
	l = &sl->lines[sl->nlines++];
	l->cell[0] = xstrdup(g->time >= 0 ? date_format_time(g->time, t) : "");
	l->cell[1] = out_printable(g->exercise);
	l->cell[2] = xstrdup(dose.len > 0 ? dose.data : "");
	l->cell[3] = out_printable(g->variant);
	l->cell[4] = out_printable(more.len > 0 ? more.data : "");
	l->hurt = g->pain_hi >= 0 && g->pain_hi >= sl->ctx->cfg.back_pain;
	buf_free(&dose);
	buf_free(&more);
	free(g->exercise);
	free(g->batch);
	free(g->variant);
	free(g->last_note);
	buf_free(&g->notes);
	memset(g, 0, sizeof(*g));
}

/* Prints the day's heading and table. */
static void
day_flush(struct showlog *sl)
{
	struct ctx *ctx = sl->ctx;
	struct table *t;
	char d[DATE_BUFSZ];
	int timed = 0;

	group_flush(sl);
	if (sl->nlines == 0)
		return;
	for (size_t i = 0; i < sl->nlines; i++)
		if (sl->lines[i].cell[0][0] != '\0')
			timed = 1;
	printf("%s%s%s %s%s\n", sl->days++ > 0 ? "\n" : "", cmd_color(ctx, "1"),
	    date_format(sl->day, d), date_weekday_name(date_weekday(sl->day)),
	    cmd_reset(ctx));
	t = table_new(timed ? "lllll" : "llll");
	for (size_t i = 0; i < sl->nlines; i++) {
		struct line *l = &sl->lines[i];

		table_row(t);
		if (timed)
			table_cell(t, l->cell[0], NULL);
		table_cell(t, l->cell[1], "36");
		table_cell(t, l->cell[2], NULL);
		table_cell(t, l->cell[3], NULL);
		table_cell(t, l->cell[4], l->hurt ? "31" : NULL);
		for (int c = 0; c < 5; c++)
			free(l->cell[c]);
	}
	table_print(t, ctx, stdout, "  ");
	sl->nlines = 0;
}

static void
side_add(struct side_acc *sa, int reps)
{
	if (sa->nsets == 0) {
		sa->reps = reps;
		sa->equal = 1;
	} else {
		buf_addc(&sa->list, ',');
		if (reps != sa->reps)
			sa->equal = 0;
	}
	buf_addf(&sa->list, "%d", reps);
	sa->nsets++;
}

static void
text_row(struct showlog *sl, const struct store_row *r)
{
	struct group *g = &sl->g;

	if (g->active &&
	    (r->date != g->date || strcmp(r->exercise, g->exercise) != 0 ||
		strcmp(r->batch, g->batch) != 0 ||
		strcmp(r->variant, g->variant) != 0))
		group_flush(sl);
	if (sl->nlines > 0 && r->date != sl->day)
		day_flush(sl);
	if (!g->active) {
		sl->day = r->date;
		g->active = 1;
		g->date = r->date;
		g->time = r->time;
		g->exercise = xstrdup(r->exercise);
		g->batch = xstrdup(r->batch);
		g->variant = xstrdup(r->variant);
		g->hold = r->hold_s;
		g->pain_lo = g->pain_hi = -1;
		g->rpe_lo = g->rpe_hi = -1;
	}
	side_add(&g->side[r->side], r->reps);
	if (r->pain >= 0) {
		if (g->pain_lo < 0 || r->pain < g->pain_lo)
			g->pain_lo = r->pain;
		if (r->pain > g->pain_hi)
			g->pain_hi = r->pain;
	}
	if (r->rpe >= 0) {
		if (g->rpe_lo < 0 || r->rpe < g->rpe_lo)
			g->rpe_lo = r->rpe;
		if (r->rpe > g->rpe_hi)
			g->rpe_hi = r->rpe;
	}
	/* One command's rows share a note: show it once. */
	if (*r->note != '\0' &&
	    (g->last_note == NULL || strcmp(g->last_note, r->note) != 0)) {
		if (g->notes.len > 0)
			buf_adds(&g->notes, "; ");
		buf_adds(&g->notes, r->note);
		free(g->last_note);
		g->last_note = xstrdup(r->note);
	}
}

/*
 * Counts the row and says whether the filters let it through: asked
 * first, so that several logs hold only the rows to be printed.
 */
static int
showlog_keep(const struct store_row *r, void *arg)
{
	struct showlog *sl = arg;
	size_t i;

	sl->rows++;
	if ((sl->sa->since != NULL && r->date < sl->since) ||
	    (sl->sa->until != NULL && r->date > sl->until))
		return 0;
	for (i = 0; i < sl->nslugs; i++)
		if (strcmp(r->exercise, sl->slugs[i]) == 0)
			break;
	return sl->nslugs == 0 || i < sl->nslugs;
}

static int
showlog_print(const struct store_row *r, void *arg)
{
	struct showlog *sl = arg;

	sl->shown++;
	if (sl->sa->format == LF_TEXT)
		text_row(sl, r);
	else
		machine_row(sl, r);
	return 0;
}

/*
 * --batches: one line per log command, the unit `log --undo BATCH`
 * takes back. Without --since only the most recent ones are kept.
 */
#define BATCHES_RECENT 20

struct batch_line {
	char *id;
	date_t date;
	int time;
	long rows;
	struct buf what; /* the exercises, in order, once each */
	char *last; /* exercise of the last row */
};

struct batches {
	struct showlog *sl;
	struct batch_line *v;
	size_t n, cap;
	long rows;
};

static void
batch_line_free(struct batch_line *b)
{
	free(b->id);
	free(b->last);
	buf_free(&b->what);
	memset(b, 0, sizeof(*b));
}

static int
batches_row(const struct store_row *r, void *arg)
{
	struct batches *bs = arg;
	struct showlog *sl = bs->sl;
	struct batch_line *b;

	bs->rows++;
	if (*r->batch == '\0')
		return 0;
	if (bs->n == 0 || strcmp(bs->v[bs->n - 1].id, r->batch) != 0) {
		if ((sl->sa->since != NULL && r->date < sl->since) ||
		    (sl->sa->until != NULL && r->date > sl->until))
			return 0;
		if (bs->n == bs->cap) {
			bs->cap = bs->cap ? bs->cap * 2 : 32;
			bs->v = xreallocarray(bs->v, bs->cap, sizeof(*bs->v));
		}
		b = &bs->v[bs->n++];
		memset(b, 0, sizeof(*b));
		b->id = xstrdup(r->batch);
		b->date = r->date;
		b->time = r->time;
	} else
		b = &bs->v[bs->n - 1];
	b->rows++;
	if (b->last == NULL || strcmp(b->last, r->exercise) != 0) {
		if (b->what.len > 0)
			buf_adds(&b->what, ", ");
		buf_adds(&b->what, r->exercise);
		free(b->last);
		b->last = xstrdup(r->exercise);
	}
	return 0;
}

static int
show_batches(struct ctx *ctx, struct showlog *sl)
{
	struct batches bs;
	struct store_read_opts o;
	char *cause = NULL, d[DATE_BUFSZ], tm[6];
	size_t from = 0;
	long bad;
	enum fail fail = FAIL_IO;

	memset(&bs, 0, sizeof(bs));
	bs.sl = sl;
	memset(&o, 0, sizeof(o));
	o.path = ctx->cfg.data_path;
	o.row = batches_row;
	o.warn = cmd_store_warn;
	o.arg = &bs;
	o.fail = &fail;
	bad = logs_read_sorted(&ctx->cfg, &o, NULL, &cause);
	if (sl->sa->since == NULL && bs.n > BATCHES_RECENT)
		from = bs.n - BATCHES_RECENT;
	for (size_t i = 0; i < bs.n; i++) {
		struct batch_line *b = &bs.v[i];

		if (i >= from)
			printf("%s  %s %s %s  %ld row%s  %s\n", b->id,
			    date_weekday_abbr(date_weekday(b->date)),
			    date_format(b->date, d),
			    b->time >= 0 ? date_format_time(b->time, tm)
					 : "     ",
			    b->rows, b->rows == 1 ? " " : "s", b->what.data);
		batch_line_free(b);
	}
	free(bs.v);
	if (bad < 0) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		return cmd_fail_status(fail);
	}
	if (bs.n == 0)
		cmd_err(ctx,
		    bs.rows > 0 ? "no log commands match"
				: "no entries yet; log one with "
				  "'prehab log clamshell 2x10'");
	return bad > 0 ? EXIT_DATA : 0;
}

static int
show_log(struct ctx *ctx, int argc, char **argv)
{
	struct showlog_args sa;
	struct showlog sl;
	struct store_read_opts o;
	char *cause = NULL;
	enum fail fail = FAIL_IO;
	long bad;
	int ind, rc = EXIT_USAGE;

	memset(&sa, 0, sizeof(sa));
	memset(&sl, 0, sizeof(sl));
	sl.ctx = ctx;
	sl.sa = &sa;
	if ((rc = cmd_options(ctx, &cmd_show_log_entry, argc, argv, showlog_opt,
		 &sa, &ind)) >= 0)
		goto out;
	rc = EXIT_USAGE;
	if (argc > ind) {
		rc = cmd_usage_error(ctx, &cmd_show_log_entry,
		    "too many arguments: '%s'", argv[ind]);
		goto out;
	}
	if (sa.safe && sa.format != LF_CSV && sa.format != LF_TSV) {
		rc = cmd_usage_error(ctx, &cmd_show_log_entry,
		    "--safe is for --format csv or tsv");
		goto out;
	}
	if (sa.batches && (sa.nnames > 0 || sa.format != LF_TEXT || sa.safe)) {
		rc = cmd_usage_error(ctx, &cmd_show_log_entry,
		    "--batches goes with --since and --until only");
		goto out;
	}
	if ((sa.since != NULL &&
		cmd_parse_bound(ctx, sa.since, 0, &sl.since) != 0) ||
	    (sa.until != NULL &&
		cmd_parse_bound(ctx, sa.until, 1, &sl.until) != 0))
		goto out;
	sl.slugs = xcalloc(sa.nnames + 1, sizeof(*sl.slugs));
	for (size_t i = 0; i < sa.nnames; i++) {
		const struct exercise *e;

		if ((e = catalog_find(
			 &ctx->cfg.catalog, sa.names[i], &cause)) == NULL) {
			cmd_err(ctx, "%s", cause);
			free(cause);
			goto out;
		}
		sl.slugs[sl.nslugs++] = e->slug;
	}
	if ((rc = cmd_need_log(ctx)) != 0) {
		goto out;
	}
	/* Before the csv header: a log named but missing prints nothing. */
	if (logs_check(&ctx->cfg, &fail, &cause) != 0) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		rc = cmd_fail_status(fail);
		goto out;
	}
	if (sa.batches) {
		rc = show_batches(ctx, &sl);
		goto out;
	}

	if (sa.format == LF_CSV)
		store_format_header(&sl.out);
	out_init(&sl.tab, sa.format == LF_JSON ? OUT_JSON : OUT_TSV, sa.safe);
	if (sa.format == LF_TSV)
		out_header(&sl.tab, store_colnames, STORE_NCOLS);
	memset(&o, 0, sizeof(o));
	o.path = ctx->cfg.data_path;
	/* Only the end of a long log holds the rows of recent weeks. */
	o.tail = sa.since != NULL;
	o.since = sl.since;
	o.row = showlog_print;
	o.warn = cmd_store_warn;
	o.arg = &sl;
	o.fail = &fail;
	bad = logs_read_sorted(&ctx->cfg, &o, showlog_keep, &cause);
	if (sa.format == LF_TEXT)
		day_flush(&sl);
	else if (sa.format == LF_CSV)
		fputs(sl.out.data != NULL ? sl.out.data : "", stdout);
	else {
		if (sa.format == LF_JSON)
			out_end(&sl.tab);
		fputs(sl.tab.b.data, stdout);
	}
	if (bad < 0) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		rc = cmd_fail_status(fail);
		goto out;
	}
	if (sl.shown == 0 && sa.format == LF_TEXT) {
		if (sl.rows > 0 || sa.since != NULL || sa.until != NULL ||
		    sa.nnames > 0)
			cmd_err(ctx, "no log entries match");
		else
			cmd_err(ctx,
			    "no entries yet; log one with 'prehab "
			    "log clamshell 2x10'");
	}
	rc = bad > 0 ? EXIT_DATA : 0;
out:
	buf_free(&sl.out);
	out_free(&sl.tab);
	free(sl.lines);
	free(sl.slugs);
	free(sa.names);
	return rc;
}

/* Options of `show log`, in the order of enum showlog_opt below. */
static const struct option show_log_opts[] = { GLOBAL_OPTIONS,
	{ "since", required_argument, NULL, OPT_FIRST_CMD },
	{ "until", required_argument, NULL, OPT_FIRST_CMD + 1 },
	{ "exercise", required_argument, NULL, OPT_FIRST_CMD + 2 },
	{ "format", required_argument, NULL, OPT_FIRST_CMD + 3 },
	{ "safe", no_argument, NULL, OPT_FIRST_CMD + 4 },
	{ "batches", no_argument, NULL, OPT_FIRST_CMD + 5 },
	{ NULL, 0, NULL, 0 } };

static const struct cmd_value show_log_values[] = { { "since", "@date" },
	{ "until", "@date" }, { "exercise", "@exercise" },
	{ "format", "text csv tsv json" }, { NULL, NULL } };

const struct cmd_entry cmd_show_log_entry = {
	.name = "show log",
	.exec = show_log,
	.synopsis = "Show the training log.",
	.usage =
	    "prehab show log [--since DATE] [--until DATE] [--exercise NAME] "
	    "[--format FORMAT] [--safe]\n"
	    "       prehab show log --batches [--since DATE] [--until DATE]",
	.help =
	    "Prints the log grouped by day, the sets of one exercise on one "
	    "line.\n"
	    "\nOptions:\n"
	    "  --since DATE      only rows on or after DATE\n"
	    "  --until DATE      only rows on or before DATE (a period such "
	    "as\n"
	    "                    2026-11 spans its first to last day)\n"
	    "  --exercise NAME   only this exercise; repeat for more\n"
	    "  --format FORMAT   text (default), csv (the log's own format, "
	    "ready\n"
	    "                    for importing elsewhere), tsv or json\n"
	    "  --safe            with csv or tsv: neutralise text that a "
	    "spreadsheet\n"
	    "                    would run as a formula\n"
	    "  --batches         one line per log command with its batch id, "
	    "for\n"
	    "                    prehab log --undo BATCH (the last 20 without\n"
	    "                    --since)\n",
	.opts = show_log_opts,
	.shortopts = ":h",
	.args = NULL,
	.values = show_log_values,
};
