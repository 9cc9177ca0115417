/*
 * plan.c: `prehab plan`, the main job: which days this week hold a
 * session, why, and exactly what to do on each, as text, TSV, CSV or an
 * iCalendar file; and, given one day, whether a session is due, for cron.
 *
 * It reads only the recent end of the log (what the progression window
 * and the week's statuses need), so it costs the same on a log of ten
 * years as on an empty one. Rows dated after today are ignored: with
 * --today in the past, the plan is the one that day would have shown.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "catalog.h"
#include "coach.h"
#include "config.h"
#include "logs.h"
#include "out.h"
#include "plan.h"
#include "prehab.h"
#include "progress.h"
#include "store.h"
#include "table.h"
#include "util.h"

/* How far `next` and the "next session" note look ahead. */
#define LOOKAHEAD_WEEKS 53
/* Weeks planned at most: the lookahead from the furthest --weeks. */
#define MAX_WEEKS (52 + LOOKAHEAD_WEEKS)

enum {
	OPT_WEEK = OPT_FIRST_CMD,
	OPT_WEEKS,
	OPT_FORMAT,
	OPT_CALENDAR,
	OPT_EXPLAIN,
	OPT_SAFE,
	OPT_BRIEF
};

static const struct option plan_opts[] = { GLOBAL_OPTIONS,
	{ "week", no_argument, NULL, OPT_WEEK },
	{ "weeks", required_argument, NULL, OPT_WEEKS },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "calendar", required_argument, NULL, OPT_CALENDAR },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "safe", no_argument, NULL, OPT_SAFE },
	{ "brief", no_argument, NULL, OPT_BRIEF },
	{ "quiet", no_argument, NULL, 'q' }, { NULL, 0, NULL, 0 } };

static const struct cmd_value plan_values[] = { { "weeks", "1 2 4 8 12" },
	{ "format", "text tsv csv json ics" }, { "calendar", "@file" },
	{ NULL, NULL } };

enum plan_format { PF_TEXT, PF_TSV, PF_CSV, PF_JSON, PF_ICS };

static const char *const fmts[] = { "text", "tsv", "csv", "json", "ics", NULL };

struct plan_args {
	int weeks; /* 0: not given */
	enum plan_format format;
	int quiet;
	char *cals[CONFIG_MAX_CALENDARS]; /* --calendar, in order */
	size_t ncals;
	int explain;
	int safe;
	int brief; /* one line per session, for a whole month on a screen */
};

/* The planned weeks, consecutive from first, grown on demand. */
struct planner {
	struct ctx *ctx;
	struct plan_log *log;
	struct progress *prog;
	struct plan_week *weeks;
	size_t n;
	date_t first; /* Monday of weeks[0] */
	int safe; /* --safe */
	int brief; /* --brief */
	enum fail fail; /* why planner_load failed */
};

/* One exercise of a session with its prescription. */
enum item_state {
	ITEM_DO, /* at rx.dose, or the race week's lighter dose */
	ITEM_REST, /* off for two days after a red session */
	ITEM_PAUSED /* an alert stands */
};

static const char *const item_states[] = { "do", "rest", "paused" };

struct item {
	const struct exercise *e;
	struct prescription rx;
	struct level dose; /* what to do that day */
	enum item_state state;
	int taper; /* the race week's lighter dose */
};

static int
plan_opt(struct ctx *ctx, int opt, char *arg, void *data)
{
	struct plan_args *pa = data;
	long n;
	int i, rc;

	switch (opt) {
	case OPT_WEEK: pa->weeks = 1; return 0;
	case OPT_WEEKS:
		if (util_parse_long(arg, 1, 52, &n) != 0)
			return cmd_usage_error(ctx, &cmd_plan_entry,
			    "--weeks must be 1-52, got '%s'", arg);
		pa->weeks = (int)n;
		return 0;
	case OPT_FORMAT:
		if ((rc = cmd_word(
			 ctx, &cmd_plan_entry, "--format", fmts, arg, &i)) != 0)
			return rc;
		pa->format = (enum plan_format)i;
		return 0;
	case 'q': pa->quiet = 1; return 0;
	case OPT_CALENDAR:
		if (pa->ncals == CONFIG_MAX_CALENDARS)
			return cmd_usage_error(ctx, &cmd_plan_entry,
			    "--calendar: at most %d calendars",
			    CONFIG_MAX_CALENDARS);
		if (*arg == '\0')
			return cmd_usage_error(ctx, &cmd_plan_entry,
			    "--calendar must not be empty");
		pa->cals[pa->ncals++] = arg;
		return 0;
	case OPT_EXPLAIN: pa->explain = 1; return 0;
	case OPT_SAFE: pa->safe = 1; return 0;
	case OPT_BRIEF: pa->brief = 1; return 0;
	}
	return 0;
}

/*
 * Reads the calendars (--calendar, else [schedule] calendar) over the
 * days planning can look at: the weeks from first on, and the Monday
 * after the last, whose long run or race the Sunday before must know.
 * Returns 0, or an exit status after saying why.
 */
static int
plan_calendars(struct ctx *ctx, const struct plan_args *pa, date_t first)
{
	char *cause = NULL;

	if (pa->ncals > 0 &&
	    config_set_calendars(&ctx->cfg, pa->cals, pa->ncals, &cause) != 0)
		return cmd_usage_error(ctx, &cmd_plan_entry, "%s", cause);
	if (config_load_calendars(&ctx->cfg, first, first + 7 * MAX_WEEKS,
		pa->quiet ? NULL : cmd_warn_line, ctx, &cause) != 0) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		return EXIT_NOINPUT;
	}
	return 0;
}

/* `--explain`: each day of a week, its kind and where it came from. */
static void
text_explain(struct planner *pl, const struct plan_week *w)
{
	struct ctx *ctx = pl->ctx;

	putchar('\n');
	for (int i = 0; i < 7; i++) {
		const struct cal_day *cd;
		enum config_daysrc src;
		char date[DATE_BUFSZ];
		enum day_kind k =
		    config_day_why(&ctx->cfg, w->start + i, &src, &cd);

		printf("  %s %s  %-5s  ", date_weekday_abbr(i),
		    date_format(w->start + i, date), config_daykinds[k]);
		switch (src) {
		case DAYSRC_OVERRIDE: fputs("override", stdout); break;
		case DAYSRC_PATTERN:
			printf("pattern (%s)", date_weekday_abbr(i));
			break;
		case DAYSRC_CALENDAR:
			if (cd->source == CALSRC_GAP)
				fputs("calendar: no workout that day", stdout);
			else if (cd->word[0] != '\0')
				printf("calendar: \"%s\" (%s)", cd->summary,
				    cd->word);
			else
				printf("calendar: \"%s\" (a run)", cd->summary);
			break;
		}
		putchar('\n');
		if (cd != NULL && cd->nignored > 0)
			printf("%23s  ignored: \"%s\"%s (no rule matches, "
			       "not a run)\n",
			    "", cd->ignored,
			    cd->nignored > 1 ? " and others" : "");
	}
}

/* Feeds the log to both readers; what lies after today is not yet real. */
static int
on_row(const struct store_row *r, void *arg)
{
	struct planner *pl = arg;

	if (r->date > pl->ctx->today)
		return 0;
	plan_log_add(pl->log, r);
	progress_add(pl->prog, r);
	return 0;
}

static int
first_row(const struct store_row *r, void *arg)
{
	*(date_t *)arg = r->date;
	return 1;
}

/*
 * The runner's first day with prehab: the date of the log's first row
 * (a log is written in date order, so this needs one row, not a scan),
 * or today for a log with none. The log was read without fault already.
 */
static date_t
planner_first(struct ctx *ctx)
{
	date_t first = ctx->today, one;
	struct store_read_opts o;
	char *cause = NULL;

	/* Several logs: the earliest of their first rows. */
	for (size_t i = 0; i < ctx->cfg.nlogs; i++) {
		one = ctx->today;
		memset(&o, 0, sizeof(o));
		o.path = ctx->cfg.logs[i];
		o.row = first_row;
		o.arg = &one;
		if (store_read(&o, &cause) < 0)
			free(cause);
		if (one < first)
			first = one;
	}
	return first;
}

/*
 * Reads the log from since on. Returns the number of malformed rows
 * skipped, or -1 after printing why the log cannot be read, with the
 * class of the failure in pl->fail.
 */
static long
planner_load(struct planner *pl, date_t since, int quiet)
{
	struct ctx *ctx = pl->ctx;
	struct store_read_opts o;
	char *cause = NULL;
	long bad;

	pl->log = plan_log_new(&ctx->cfg, since, ctx->today);
	pl->prog = progress_new(&ctx->cfg);
	memset(&o, 0, sizeof(o));
	o.path = ctx->cfg.data_path;
	o.tail = 1;
	o.since = since;
	o.row = on_row;
	/* Cron wants silence; the rows are reported by any other command. */
	o.warn = quiet ? NULL : cmd_store_warn;
	o.arg = pl;
	o.fail = &pl->fail;
	if ((bad = logs_read(&ctx->cfg, &o, &cause)) < 0) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		return bad;
	}
	plan_log_set_first(pl->log, planner_first(ctx));
	return bad;
}

static void
planner_free(struct planner *pl)
{
	plan_log_free(pl->log);
	progress_free(pl->prog);
	free(pl->weeks);
}

/*
 * The planned week holding d, planning the weeks up to it; NULL if d is
 * before the first week or too far ahead. The array is allocated whole
 * on first use, so pointers into it stay valid while more weeks are
 * planned.
 */
static const struct plan_week *
planner_week(struct planner *pl, date_t d)
{
	size_t want;

	if (d < pl->first)
		return NULL;
	want = (size_t)((d - pl->first) / 7);
	if (want >= MAX_WEEKS)
		return NULL;
	if (pl->weeks == NULL)
		pl->weeks = xcalloc(MAX_WEEKS, sizeof(*pl->weeks));
	while (pl->n <= want) {
		plan_week(&pl->ctx->cfg, pl->log, pl->ctx->today,
		    pl->first + 7 * (date_t)pl->n,
		    pl->n ? &pl->weeks[pl->n - 1] : NULL, &pl->weeks[pl->n]);
		pl->n++;
	}
	return &pl->weeks[want];
}

static const struct plan_day *
planner_day(struct planner *pl, date_t d)
{
	const struct plan_week *w = planner_week(pl, d);

	return w == NULL ? NULL : &w->day[d - w->start];
}

/* The first session from day from on that is still to do, or NULL. */
static const struct plan_day *
planner_next(struct planner *pl, date_t from)
{
	for (date_t d = from; d < from + 7 * LOOKAHEAD_WEEKS; d++) {
		const struct plan_day *pd = planner_day(pl, d);

		if (pd == NULL)
			return NULL;
		if (pd->status == STATUS_DUE || pd->status == STATUS_UPCOMING ||
		    (pd->status == STATUS_PARTIAL && d == pl->ctx->today))
			return pd;
	}
	return NULL;
}

/*
 * The session of day d: every enabled exercise with its prescription, in
 * a malloc'd array the caller frees; *n gets its length and *minutes the
 * estimate of what is to be done. Days after today get the dose the log
 * earns now; it changes as you log.
 */
static struct item *
session_items(
    struct planner *pl, const struct plan_day *pd, size_t *np, int *minutes)
{
	const struct config *cfg = &pl->ctx->cfg;
	date_t d = pd->date, at = d <= pl->ctx->today ? d : pl->ctx->today + 1;
	struct item *items = xcalloc(cfg->catalog.n, sizeof(*items));
	size_t n = 0;
	int secs = 0;

	for (size_t i = 0; i < cfg->catalog.n; i++) {
		const struct exercise *e = &cfg->catalog.ex[i];
		struct item *it = &items[n];

		if (!e->enabled)
			continue;
		it->e = e;
		progress_get(pl->prog, e, at, &it->rx);
		it->dose = it->rx.dose;
		if (it->rx.pause == PAUSE_STOP)
			it->state = ITEM_PAUSED;
		else if (it->rx.resting && d < it->rx.rest_until)
			it->state = ITEM_REST;
		else if (pd->race_week) {
			progress_taper(e, &it->rx.dose, &it->dose);
			it->taper = 1;
		}
		if (it->state == ITEM_DO)
			secs += plan_exercise_seconds(e, &it->dose);
		n++;
	}
	*minutes = plan_minutes(secs);
	*np = n;
	return items;
}

/* What an exercise that is not done that day gets instead of a dose. */
static void
off_text(struct buf *b, const struct item *it)
{
	if (it->state == ITEM_PAUSED)
		buf_adds(b, "paused: see the note below");
	else
		buf_addf(b, "rest after the pain of %s; back on %s",
		    date_weekday_name(date_weekday(it->rx.last)),
		    date_weekday_name(date_weekday(it->rx.rest_until)));
}

/* The notes of an exercise: why its dose, the race week, the long run. */
static void
item_note(struct buf *b, struct ctx *ctx, const struct item *it)
{
	coach_note(b, ctx, it->e, &it->rx);
	if (it->taper && it->state == ITEM_DO) {
		buf_adds(b, b->len ? "; " : "");
		buf_adds(b, "race week: lighter");
	}
}

static const char *
status_color(enum plan_status s)
{
	switch (s) {
	case STATUS_DONE: return "32";
	case STATUS_PARTIAL: return "33";
	case STATUS_MISSED: return "31";
	case STATUS_DUE: return "1;36";
	default: return NULL;
	}
}

/* Prints s in colour sgr, then spaces up to width cells unless last. */
static void
put_padded(
    struct ctx *ctx, const char *s, const char *sgr, size_t width, int last)
{
	size_t w = util_display_width(s);

	if (sgr != NULL && *s != '\0')
		printf("%s%s%s", cmd_color(ctx, sgr), s, cmd_reset(ctx));
	else
		fputs(s, stdout);
	for (; !last && w < width; w++)
		putchar(' ');
}

/* The dose column of an exercise line. */
static void
item_dose(struct buf *b, struct ctx *ctx, const struct item *it)
{
	if (it->state == ITEM_DO)
		plan_dose_text(b, it->e, &it->dose, cmd_times(ctx));
	else
		off_text(b, it);
}

/* One day of the text output; notes says whether to add progress notes. */
static void
text_day(struct planner *pl, const struct plan_day *pd, int notes)
{
	struct ctx *ctx = pl->ctx;
	struct item *items;
	struct buf b = { 0 };
	char date[DATE_BUFSZ];
	size_t n, wname = 0, wdose = 0;
	int minutes;

	items = session_items(pl, pd, &n, &minutes);
	printf("%s%.3s %s%s  ", cmd_color(ctx, "1"),
	    date_weekday_name(date_weekday(pd->date)),
	    date_format(pd->date, date), cmd_reset(ctx));
	put_padded(ctx, plan_reasons[pd->reason], NULL, 18, 0);
	fputs("  ", stdout);
	put_padded(
	    ctx, plan_statuses[pd->status], status_color(pd->status), 8, 0);
	printf("  %d min\n", minutes);
	if (pd->eve && pd->status != STATUS_DONE)
		printf("  (the day before the long run: the week has no other "
		       "day for it)\n");

	for (size_t i = 0; i < n; i++) {
		buf_reset(&b);
		item_dose(&b, ctx, &items[i]);
		if (util_display_width(items[i].e->slug) > wname)
			wname = util_display_width(items[i].e->slug);
		if (items[i].state == ITEM_DO &&
		    util_display_width(b.data) > wdose)
			wdose = util_display_width(b.data);
	}
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &items[i];
		const struct exercise *e = it->e;
		const char *v = it->state == ITEM_DO
		    ? catalog_variant_slug(e, it->dose.variant)
		    : "";

		buf_reset(&b);
		item_dose(&b, ctx, it);
		fputs("  ", stdout);
		put_padded(ctx, e->slug, "36", wname, 0);
		fputs("  ", stdout);
		put_padded(ctx, b.data, it->state == ITEM_DO ? NULL : "33",
		    wdose, *v == '\0');
		if (*v != '\0')
			printf("  %s", v);
		putchar('\n');
		if (it->state == ITEM_DO && e->cue != NULL && *e->cue != '\0')
			printf("  %*s  %s\n", (int)wname, "", e->cue);
		if (!notes && !(it->taper && it->state == ITEM_DO))
			continue;
		buf_reset(&b);
		if (notes)
			item_note(&b, ctx, it);
		else
			buf_adds(&b, "race week: lighter");
		if (b.len > 0)
			printf("  %*s  %s%s%s\n", (int)wname, "",
			    cmd_color(ctx, "1;33"), b.data, cmd_reset(ctx));
	}
	buf_free(&b);
	free(items);
}

/* "Monday", "Monday and Tuesday", "Monday, Tuesday and Wednesday". */
static void
missed_days(struct buf *b, const struct plan_week *w)
{
	int n = 0, k = 0;

	for (int i = 0; i < 7; i++)
		n += w->day[i].status == STATUS_MISSED;
	for (int i = 0; i < 7; i++) {
		if (w->day[i].status != STATUS_MISSED)
			continue;
		if (k > 0)
			buf_adds(b, k == n - 1 ? " and " : ", ");
		buf_adds(b, date_weekday_name(i));
		k++;
	}
}

/*
 * How the week stands: "3 sessions", "2 of 3 sessions: Monday missed",
 * with the first week and the race week said.
 */
static void
week_summary(struct buf *b, const struct plan_week *w)
{
	int want = w->want;

	if (w->placed < want)
		buf_addf(b, "%d of %d sessions", w->placed, want);
	else
		buf_addf(
		    b, "%d session%s", w->placed, w->placed == 1 ? "" : "s");
	if (w->missed > 0) {
		buf_adds(b, ": ");
		missed_days(b, w);
		buf_adds(b, " missed");
	} else if (w->placed < want && w->started > 0 && w->room >= want)
		buf_addf(b, " (your first week, from %s)",
		    date_weekday_name(w->started));
	if (w->race)
		buf_adds(b, " (race week: one lighter session)");
}

static void
text_week_header(struct planner *pl, const struct plan_week *w)
{
	struct ctx *ctx = pl->ctx;
	char a[DATE_BUFSZ], z[DATE_BUFSZ];
	int y, wk;
	struct buf b = { 0 };

	date_isoweek(w->start, &y, &wk);
	buf_addf(&b, "Week %d-W%02d, Mon %s to Sun %s: ", y, wk,
	    date_format(w->start, a), date_format(w->start + 6, z));
	week_summary(&b, w);
	/* Wrapped to the width, so bold as a whole rather than in part. */
	fputs(cmd_color(ctx, "1"), stdout);
	cmd_wrap(ctx, stdout, "", "  ", b.data);
	fputs(cmd_reset(ctx), stdout);
	/* The [schedule] it was placed around, wrapped to the width. */
	buf_reset(&b);
	buf_adds(&b, "Schedule:");
	for (int i = 0; i < 7; i++)
		buf_addf(&b, " %s %s%s", date_weekday_abbr(i),
		    config_daykinds[w->day[i].kind], i < 6 ? "," : "");
	cmd_wrap(ctx, stdout, "", "  ", b.data);
	buf_free(&b);
}

/*
 * What a training aid owes its user after the plan: the alerts that call
 * for a professional, then the check-in reminder. To stderr beside
 * machine output, which must stay parseable.
 */
static void
text_coach(struct planner *pl, FILE *fp)
{
	coach_alerts(pl->ctx, fp, pl->prog, pl->ctx->today);
	/* A reminder is for people: machine output gets only the alerts. */
	if (fp == stdout)
		coach_checkin(pl->ctx, fp, pl->prog, pl->ctx->today);
}

/* Without a config file the plan rests on a made-up week: say so. */
static void
text_no_config(struct ctx *ctx)
{
	const char *home = getenv("HOME"), *path = ctx->cfg.config_path;
	size_t hl = home != NULL ? strlen(home) : 0;
	const char *shown = path, *slash;
	char *tilde = NULL;

	if (ctx->cfg.config_found)
		return;
	/* The path as people write it, ~ for the home directory. */
	if (path == NULL)
		shown = "~/.config/prehab/config.ini";
	else if (hl > 1 && strncmp(path, home, hl) == 0 && path[hl] == '/')
		shown = tilde = xasprintf("~%s", path + hl);
	slash = strrchr(shown, '/');
	printf(
	    "\nNo configuration file, so this plan assumes a common running "
	    "week. To plan\naround your own, save the configuration and edit "
	    "its [schedule]:\n");
	if (slash != NULL && slash != shown)
		printf("  mkdir -p %.*s\n", (int)(slash - shown), shown);
	printf("  prehab show config > %s\n", shown);
	free(tilde);
}

/*
 * The brief view: a line per session with its date, reason, status and
 * minutes, and the dose in short form after them, or on the next line
 * when the terminal is too narrow for both. Cues and notes are left to
 * the full plan, so four weeks fit on one screen.
 */

/* Widths of the brief view's padded columns, over every day it shows. */
struct brief_cols {
	size_t reason;
	size_t status;
};

/* The short names of the built-in exercises; others go by their slug. */
static const char *
brief_name(const struct exercise *e)
{
	static const char *const names[][2] = { { "single-leg-squat", "squat" },
		{ "glute-bridge", "bridge" }, { "clamshell", "clam" },
		{ "step-down", "step" } };

	if (e->builtin)
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcmp(e->slug, names[i][0]) == 0)
				return names[i][1];
	return e->slug;
}

/* Why the day holds a session, with what else shapes it. */
static void
brief_reason(struct buf *b, const struct plan_day *pd)
{
	buf_adds(b, plan_reasons[pd->reason]);
	if (pd->race_week)
		buf_adds(b, ", race week");
	if (pd->eve && pd->status != STATUS_DONE)
		buf_adds(b, ", eve of long run");
}

/*
 * "squat 2x10/side", with the variant once the ladder has climbed past
 * its first rung (a new variant starts again at a low dose, which would
 * otherwise read as a step back); "squat rest" or "squat paused".
 */
static void
brief_item(struct buf *b, struct ctx *ctx, const struct item *it)
{
	const struct exercise *e = it->e;

	buf_adds(b, brief_name(e));
	if (it->state == ITEM_REST) {
		buf_adds(b, " rest");
		return;
	}
	if (it->state == ITEM_PAUSED) {
		buf_adds(b, " paused");
		return;
	}
	buf_addf(b, " %d%s%d%s", it->dose.sets, cmd_times(ctx), it->dose.reps,
	    e->per_side ? "/side" : "");
	if (it->dose.variant > 0 &&
	    *catalog_variant_slug(e, it->dose.variant) != '\0')
		buf_addf(b, " %s", catalog_variant_slug(e, it->dose.variant));
}

static void
brief_measure(const struct plan_day *pd, struct brief_cols *c)
{
	struct buf b = { 0 };
	size_t w;

	brief_reason(&b, pd);
	if ((w = util_display_width(b.data)) > c->reason)
		c->reason = w;
	if ((w = util_display_width(plan_statuses[pd->status])) > c->status)
		c->status = w;
	buf_free(&b);
}

static void
brief_day(
    struct planner *pl, const struct plan_day *pd, const struct brief_cols *c)
{
	struct ctx *ctx = pl->ctx;
	const char *sep = ctx->utf8 ? " \xc2\xb7 " : ", ";
	size_t width = (size_t)cmd_width(ctx), col, dosew = 0, n;
	struct buf b = { 0 };
	char date[DATE_BUFSZ];
	struct item *items;
	int minutes;

	items = session_items(pl, pd, &n, &minutes);
	brief_reason(&b, pd);
	printf("%s%.3s %s%s  ", cmd_color(ctx, "1"),
	    date_weekday_name(date_weekday(pd->date)),
	    date_format(pd->date, date), cmd_reset(ctx));
	put_padded(ctx, b.data, NULL, c->reason, 0);
	fputs("  ", stdout);
	put_padded(ctx, plan_statuses[pd->status], status_color(pd->status),
	    c->status, 0);
	printf("  %2d min", minutes);
	col = 14 + 2 + c->reason + 2 + c->status + 2 + 6;

	/* The whole dose beside the columns if it fits, else below them. */
	for (size_t i = 0; i < n; i++) {
		buf_reset(&b);
		brief_item(&b, ctx, &items[i]);
		dosew += util_display_width(b.data) +
		    (i > 0 ? util_display_width(sep) : 0);
	}
	if (n > 0 && col + 2 + dosew > width) {
		fputs("\n  ", stdout);
		col = 2;
	} else if (n > 0) {
		fputs("  ", stdout);
		col += 2;
	}
	for (size_t i = 0, start = col; i < n; i++) {
		size_t w;

		buf_reset(&b);
		brief_item(&b, ctx, &items[i]);
		w = util_display_width(b.data);
		/* A whole exercise per line; one that cannot fit overflows. */
		if (i > 0 && col + util_display_width(sep) + w > width) {
			printf("\n%*s", (int)start, "");
			col = start;
		} else if (i > 0) {
			fputs(sep, stdout);
			col += util_display_width(sep);
		}
		fputs(b.data, stdout);
		col += w;
	}
	putchar('\n');
	buf_free(&b);
	free(items);
}

static void
brief_week_header(struct planner *pl, const struct plan_week *w)
{
	struct ctx *ctx = pl->ctx;
	struct buf b = { 0 };
	int y, wk;

	date_isoweek(w->start, &y, &wk);
	week_summary(&b, w);
	printf("%sWeek %d-W%02d%s: %s\n", cmd_color(ctx, "1"), y, wk,
	    cmd_reset(ctx), b.data);
	buf_free(&b);
}

/* The weeks in the brief view: a heading line each, then a line a day. */
static void
brief_weeks(struct planner *pl, int nweeks)
{
	struct brief_cols c = { 0, 0 };

	for (int w = 0; w < nweeks; w++)
		for (int i = 0; i < 7; i++)
			if (pl->weeks[w].day[i].session)
				brief_measure(&pl->weeks[w].day[i], &c);
	for (int w = 0; w < nweeks; w++) {
		int any = 0;

		brief_week_header(pl, &pl->weeks[w]);
		for (int i = 0; i < 7; i++)
			if (pl->weeks[w].day[i].session) {
				brief_day(pl, &pl->weeks[w].day[i], &c);
				any = 1;
			}
		if (!any)
			puts("No session fits this week.");
	}
}

/* The note on a plan made without a configuration file, in one line. */
static void
brief_no_config(struct ctx *ctx)
{
	if (ctx->cfg.config_found)
		return;
	coach_wrap(ctx, stdout,
	    "No configuration file: planned for a common running week "
	    "(prehab show config).");
}

static void
machine_header(struct out_table *o)
{
	static const char *const hdr[] = { "date", "weekday", "reason",
		"exercise", "sets", "reps", "per_side", "hold_s", "tempo",
		"variant", "status", "state", "cause" };

	out_header(o, hdr, (int)(sizeof(hdr) / sizeof(hdr[0])));
}

static void
table_day(struct planner *pl, const struct plan_day *pd, struct out_table *o)
{
	struct item *items;
	char date[DATE_BUFSZ];
	size_t n;
	int minutes;

	items = session_items(pl, pd, &n, &minutes);
	date_format(pd->date, date);
	for (size_t i = 0; i < n; i++) {
		const struct exercise *e = items[i].e;
		const struct level *lv = &items[i].dose;
		int off = items[i].state != ITEM_DO;

		out_str(o, "date", date);
		out_str(
		    o, "weekday", date_weekday_abbr(date_weekday(pd->date)));
		out_str(o, "reason", plan_reasons[pd->reason]);
		out_str(o, "exercise", e->slug);
		out_int(o, "sets", lv->sets, !off);
		out_int(o, "reps", lv->reps, !off);
		out_str(o, "per_side", e->per_side ? "yes" : "no");
		out_int(o, "hold_s", e->hold_s, 1);
		out_str(o, "tempo", e->tempo);
		out_str(o, "variant",
		    off ? NULL : catalog_variant_slug(e, lv->variant));
		out_str(o, "status", plan_statuses[pd->status]);
		out_str(o, "state", item_states[items[i].state]);
		out_str(o, "cause",
		    items[i].taper ? "race-week"
				   : progress_causes[items[i].rx.cause]);
		out_row(o);
	}
	free(items);
}

/* "YYYYMMDD" for iCalendar. */
static void
ics_date(struct buf *b, date_t d)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	buf_addf(b, "%04d%02d%02d", y, m, dd);
}

/*
 * When what shapes the plan last changed: the latest modification of the
 * configuration file, the log and the calendars. Each change of theirs
 * can change the events, and only such a change can, so the stamp moves
 * with them and an unchanged week is exported byte for byte the same.
 * With none of them, the start of today.
 */
static time_t
ics_changed(struct ctx *ctx)
{
	const struct config *cfg = &ctx->cfg;
	struct stat st;
	time_t t = 0;

	if (cfg->config_found && cfg->config_path != NULL &&
	    stat(cfg->config_path, &st) == 0 && st.st_mtime > t)
		t = st.st_mtime;
	for (size_t i = 0; i < cfg->nlogs; i++)
		if (stat(cfg->logs[i], &st) == 0 && st.st_mtime > t)
			t = st.st_mtime;
	for (size_t i = 0; i < cfg->ncalendars; i++)
		if (stat(cfg->calendars[i], &st) == 0 && st.st_mtime > t)
			t = st.st_mtime;
	if (t == 0)
		t = (time_t)ctx->today * 86400;
	return t;
}

/*
 * SEQUENCE: the seconds from 2026-01-01 to that change, which only grow
 * as the files change (until 2094, where it stops).
 */
#define ICS_EPOCH 1767225600L
static long
ics_sequence(time_t t)
{
	long s = (long)t - ICS_EPOCH;

	return s < 0 ? 0 : s > 2147483647L ? 2147483647L : s;
}

static void
ics_begin(struct ctx *ctx, struct buf *out, struct buf *stamp, long *seq)
{
	time_t t = ics_changed(ctx);
	long s = (long)(t % 86400);

	ics_date(stamp, (date_t)(t / 86400));
	buf_addf(stamp, "T%02ld%02ld%02ldZ", s / 3600, s / 60 % 60, s % 60);
	*seq = ics_sequence(t);
	plan_ics_line(out, "BEGIN:VCALENDAR");
	plan_ics_line(out, "VERSION:2.0");
	plan_ics_line(out, "PRODID:-//prehab//prehab " PREHAB_VERSION "//EN");
	plan_ics_line(out, "CALSCALE:GREGORIAN");
	plan_ics_line(out, "METHOD:PUBLISH");
}

/* The lines every event of the export shares: when, and which revision. */
static void
ics_revision(struct buf *out, const char *stamp, long seq)
{
	struct buf line = { 0 };

	buf_addf(&line, "DTSTAMP:%s", stamp);
	plan_ics_line(out, line.data);
	buf_reset(&line);
	buf_addf(&line, "LAST-MODIFIED:%s", stamp);
	plan_ics_line(out, line.data);
	buf_reset(&line);
	buf_addf(&line, "SEQUENCE:%ld", seq);
	plan_ics_line(out, line.data);
	buf_free(&line);
}

/* A session the plan no longer holds, so that calendars drop it. */
static void
ics_cancelled(
    struct planner *pl, date_t d, const char *stamp, long seq, struct buf *out)
{
	struct buf line = { 0 };
	char date[DATE_BUFSZ], tbuf[6];

	plan_ics_line(out, "BEGIN:VEVENT");
	buf_addf(&line, "UID:prehab-%s@prehab", date_format(d, date));
	plan_ics_line(out, line.data);
	ics_revision(out, stamp, seq);
	buf_reset(&line);
	buf_adds(&line, "DTSTART:");
	ics_date(&line, d);
	date_format_time(pl->ctx->cfg.time, tbuf);
	buf_addf(&line, "T%.2s%.2s00", tbuf, tbuf + 3);
	plan_ics_line(out, line.data);
	plan_ics_line(out, "SUMMARY:Knee prehab (moved)");
	plan_ics_line(out,
	    "DESCRIPTION:The plan no longer holds a session on "
	    "this day.");
	plan_ics_line(out, "STATUS:CANCELLED");
	plan_ics_line(out, "END:VEVENT");
	buf_free(&line);
}

static void
ics_day(struct planner *pl, const struct plan_day *pd, const char *stamp,
    long seq, struct buf *out)
{
	struct ctx *ctx = pl->ctx;
	struct item *items;
	struct buf line = { 0 }, desc = { 0 };
	char date[DATE_BUFSZ], tbuf[6];
	size_t n;
	int minutes;

	items = session_items(pl, pd, &n, &minutes);
	date_format(pd->date, date);
	plan_ics_line(out, "BEGIN:VEVENT");
	buf_addf(&line, "UID:prehab-%s@prehab", date);
	plan_ics_line(out, line.data);
	ics_revision(out, stamp, seq);
	buf_reset(&line);
	/* Floating local time: the session is at that hour wherever you are. */
	buf_adds(&line, "DTSTART:");
	ics_date(&line, pd->date);
	date_format_time(ctx->cfg.time, tbuf);
	buf_addf(&line, "T%.2s%.2s00", tbuf, tbuf + 3);
	plan_ics_line(out, line.data);
	buf_reset(&line);
	buf_addf(&line, "DURATION:PT%dM", minutes > 0 ? minutes : 1);
	plan_ics_line(out, line.data);
	buf_reset(&line);
	buf_adds(&line, "SUMMARY:");
	buf_reset(&desc);
	buf_addf(&desc, "Knee prehab (%s)", plan_reasons[pd->reason]);
	plan_ics_escape(&line, desc.data);
	plan_ics_line(out, line.data);

	buf_reset(&desc);
	for (size_t i = 0; i < n; i++) {
		const struct exercise *e = items[i].e;
		const char *v = catalog_variant_slug(e, items[i].dose.variant);

		buf_addf(&desc, "%s: ", e->slug);
		if (items[i].state != ITEM_DO) {
			off_text(&desc, &items[i]);
			buf_addc(&desc, '\n');
			continue;
		}
		/* The calendar is UTF-8 whatever the locale. */
		plan_dose_text(&desc, e, &items[i].dose, "\xc3\x97");
		if (*v != '\0')
			buf_addf(&desc, " (%s)", v);
		if (e->cue != NULL && *e->cue != '\0')
			buf_addf(&desc, " - %s", e->cue);
		buf_addc(&desc, '\n');
	}
	buf_addf(&desc, "About %d minutes. Status: %s.", minutes,
	    plan_statuses[pd->status]);
	buf_reset(&line);
	buf_adds(&line, "DESCRIPTION:");
	plan_ics_escape(&line, desc.data);
	plan_ics_line(out, line.data);
	if (ctx->cfg.remind >= 0) {
		plan_ics_line(out, "BEGIN:VALARM");
		plan_ics_line(out, "ACTION:DISPLAY");
		plan_ics_line(out, "DESCRIPTION:Knee prehab");
		buf_reset(&line);
		buf_addf(&line, "TRIGGER:-PT%dM", ctx->cfg.remind);
		plan_ics_line(out, line.data);
		plan_ics_line(out, "END:VALARM");
	}
	plan_ics_line(out, "END:VEVENT");
	buf_free(&line);
	buf_free(&desc);
	free(items);
}

/*
 * The days of the weeks up to today that the plan held, as it stood on
 * an earlier day, and holds no more (a session logged on another day
 * moved it): the export cancels them. At most 7 per week, into dropped.
 */
static size_t
ics_dropped(struct planner *pl, int nweeks, date_t *dropped)
{
	date_t today = pl->ctx->today;
	size_t n = 0;

	for (int w = 0; w < nweeks && pl->weeks[w].start <= today; w++) {
		const struct plan_week *cur = &pl->weeks[w];
		unsigned gone = 0;

		for (date_t t = cur->start - 1; t < today; t++) {
			struct plan_week then;

			plan_week(&pl->ctx->cfg, pl->log, t, cur->start,
			    w > 0 ? &pl->weeks[w - 1] : NULL, &then);
			for (int i = 0; i < 7; i++)
				if (cur->start + i > t && then.day[i].session &&
				    !cur->day[i].session)
					gone |= 1u << i;
		}
		for (int i = 0; i < 7; i++)
			if (gone & (1u << i))
				dropped[n++] = cur->start + i;
	}
	return n;
}

/*
 * Writes days (NULL-free array of n) in a machine format; the iCalendar
 * one also cancels the ndropped days of dropped, both lists in date
 * order.
 */
static void
machine_out(struct planner *pl, const struct plan_day *const *days, size_t n,
    const date_t *dropped, size_t ndropped, enum plan_format f)
{
	struct buf out = { 0 }, stamp = { 0 };
	long seq;

	if (f == PF_ICS) {
		size_t j = 0;

		ics_begin(pl->ctx, &out, &stamp, &seq);
		for (size_t i = 0; i < n; i++) {
			for (; j < ndropped && dropped[j] < days[i]->date; j++)
				ics_cancelled(
				    pl, dropped[j], stamp.data, seq, &out);
			ics_day(pl, days[i], stamp.data, seq, &out);
		}
		for (; j < ndropped; j++)
			ics_cancelled(pl, dropped[j], stamp.data, seq, &out);
		plan_ics_line(&out, "END:VCALENDAR");
	} else {
		struct out_table o;

		out_init(&o,
		    f == PF_CSV        ? OUT_CSV
			: f == PF_JSON ? OUT_JSON
				       : OUT_TSV,
		    pl->safe);
		machine_header(&o);
		for (size_t i = 0; i < n; i++)
			table_day(pl, days[i], &o);
		out_end(&o);
		buf_add(&out, o.b.data, o.b.len);
		out_free(&o);
	}
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	buf_free(&stamp);
}

/* The warning for a week whose schedule cannot hold the target. */
static void
warn_short(struct planner *pl, size_t nweeks)
{
	const struct plan_week *first = NULL;
	size_t more = 0;
	char also[64] = "";
	int y, wk;

	for (size_t i = 0; i < nweeks; i++) {
		if (pl->weeks[i].room >= pl->weeks[i].want)
			continue;
		if (first == NULL)
			first = &pl->weeks[i];
		else
			more++;
	}
	if (first == NULL)
		return;
	date_isoweek(first->start, &y, &wk);
	if (more > 0)
		snprintf(also, sizeof(also), " (%zu more week%s short too)",
		    more, more == 1 ? " is" : "s are");
	if (first->room == 0)
		cmd_warn(pl->ctx,
		    "no session fits in %d-W%02d: every day is "
		    "hard, long, race or off, or next to a race%s",
		    y, wk, also);
	else
		cmd_warn(pl->ctx,
		    "only %d of %d sessions fit in %d-W%02d: the "
		    "other days are hard, long, race or off, or too close to "
		    "a session or a race%s",
		    first->room, first->want, y, wk, also);
}

static int
plan_weeks(struct planner *pl, int nweeks, enum plan_format f, int explain)
{
	const struct plan_day **days;
	const struct plan_day *next;
	size_t n = 0;

	planner_week(pl, pl->first + 7 * (date_t)(nweeks - 1));
	warn_short(pl, (size_t)nweeks);
	/* An array of pointers. NOLINTNEXTLINE(bugprone-sizeof-expression) */
	days = xreallocarray(NULL, (size_t)nweeks * 7, sizeof(*days));
	for (int w = 0; w < nweeks; w++)
		for (int i = 0; i < 7; i++)
			if (pl->weeks[w].day[i].session)
				days[n++] = &pl->weeks[w].day[i];
	if (f != PF_TEXT) {
		date_t *dropped = NULL;
		size_t ndropped = 0;

		if (f == PF_ICS) {
			dropped = xreallocarray(
			    NULL, (size_t)nweeks * 7, sizeof(*dropped));
			ndropped = ics_dropped(pl, nweeks, dropped);
		}
		machine_out(pl, days, n, dropped, ndropped, f);
		text_coach(pl, stderr);
		free(dropped);
		free(days);
		return 0;
	}
	if (pl->brief) {
		brief_weeks(pl, nweeks);
		text_coach(pl, stdout);
		brief_no_config(pl->ctx);
		free(days);
		return 0;
	}
	next = planner_next(pl, pl->ctx->today);
	for (int w = 0; w < nweeks; w++) {
		int any = 0;

		if (w > 0)
			putchar('\n');
		text_week_header(pl, &pl->weeks[w]);
		if (explain)
			text_explain(pl, &pl->weeks[w]);
		for (int i = 0; i < 7; i++) {
			const struct plan_day *pd = &pl->weeks[w].day[i];

			if (!pd->session)
				continue;
			putchar('\n');
			text_day(pl, pd, pd == next);
			any = 1;
		}
		if (!any)
			printf("\nNo session fits this week.\n");
	}
	text_coach(pl, stdout);
	text_no_config(pl->ctx);
	free(days);
	return 0;
}

/* On a terminal, says why nothing was printed and when the next one is. */
static void
note_nothing(struct planner *pl, const struct plan_day *pd, date_t d)
{
	struct ctx *ctx = pl->ctx;
	const struct plan_day *next;
	char a[DATE_BUFSZ], z[DATE_BUFSZ];

	if (!isatty(STDERR_FILENO))
		return;
	fflush(stdout);
	date_format(d, a);
	if (pd != NULL && pd->status == STATUS_DONE)
		fprintf(stderr, "prehab: plan: the session of %s is done", a);
	else if (pd != NULL && pd->status == STATUS_PARTIAL)
		fprintf(stderr,
		    "prehab: plan: the session of %s is partly "
		    "logged",
		    a);
	else
		fprintf(stderr, "prehab: plan: no session %s %s",
		    d == ctx->today ? "due today," : "on", a);
	next = planner_next(pl, d + 1 > ctx->today ? d + 1 : ctx->today);
	if (next != NULL)
		fprintf(stderr, "; next: %s %s (%s)\n",
		    date_weekday_abbr(date_weekday(next->date)),
		    date_format(next->date, z), plan_reasons[next->reason]);
	else
		fputs("\n", stderr);
}

static int
plan_one(struct planner *pl, const struct plan_day *pd, date_t d, int next,
    const struct plan_args *pa)
{
	struct ctx *ctx = pl->ctx;
	int show;

	/* Today is cron's question: is a session due and not yet logged? */
	if (next)
		show = pd != NULL;
	else if (d == ctx->today)
		show = pd != NULL && pd->status == STATUS_DUE;
	else
		show = pd != NULL && pd->session;
	if (pa->quiet)
		return show ? 0 : EXIT_NOTHING;
	/* The morning after a session, even when none is due today. */
	if (!show && d == ctx->today && pa->format == PF_TEXT)
		coach_checkin(ctx, stdout, pl->prog, ctx->today);
	if (!show) {
		if (next) {
			if (isatty(STDERR_FILENO))
				fprintf(stderr,
				    "prehab: plan: no session "
				    "planned in the next %d weeks\n",
				    LOOKAHEAD_WEEKS);
		} else
			note_nothing(pl, pd, d);
		return EXIT_NOTHING;
	}
	if (pa->format != PF_TEXT) {
		date_t none = 0; /* one day: nothing to cancel */

		machine_out(pl, &pd, 1, &none, 0, pa->format);
		text_coach(pl, stderr);
		return 0;
	}
	if (pl->brief) {
		struct brief_cols c = { 0, 0 };

		brief_measure(pd, &c);
		brief_day(pl, pd, &c);
	} else
		text_day(pl, pd, pd == planner_next(pl, ctx->today));
	text_coach(pl, stdout);
	return 0;
}

static int
cmd_plan(struct ctx *ctx, int argc, char **argv)
{
	struct plan_args pa;
	struct planner pl;
	const struct plan_day *pd = NULL;
	date_t cur, d = 0, since;
	int ind, rc, next = 0;
	long bad;

	memset(&pa, 0, sizeof(pa));
	pa.format = PF_TEXT;
	if ((rc = cmd_options(
		 ctx, &cmd_plan_entry, argc, argv, plan_opt, &pa, &ind)) >= 0)
		return rc;
	argc -= ind;
	argv += ind;
	if (argc > 1)
		return cmd_usage_error(
		    ctx, &cmd_plan_entry, "too many arguments: '%s'", argv[1]);
	if (argc == 1 && pa.weeks > 0)
		return cmd_usage_error(ctx, &cmd_plan_entry,
		    "a day ('%s') and --week or --weeks cannot go together",
		    argv[0]);
	if (argc == 0 && pa.quiet)
		return cmd_usage_error(ctx, &cmd_plan_entry,
		    "--quiet needs a day, as in 'prehab plan today --quiet'");
	if (argc == 1 && strcmp(argv[0], "next") == 0)
		next = 1;
	else if (argc == 1) {
		char *cause = NULL;

		if (date_parse(argv[0], ctx->today, 1, &d, &cause) != 0) {
			/* A real date that does not exist keeps its message. */
			if (date_parse_iso(argv[0], &d) != 0 &&
			    strncmp(cause, "no such day", 11) != 0)
				rc = cmd_usage_error(ctx, &cmd_plan_entry,
				    "unknown period '%s' (use today, tomorrow, "
				    "next, a weekday, YYYY-MM-DD or +3d)",
				    argv[0]);
			else
				rc = cmd_usage_error(
				    ctx, &cmd_plan_entry, "%s", cause);
			free(cause);
			return rc;
		}
	}
	if (pa.explain && (argc == 1 || pa.format != PF_TEXT))
		return cmd_usage_error(ctx, &cmd_plan_entry,
		    "--explain goes with the text plan of whole weeks only");
	/* One line, not the usage: the mistake is plain from the words. */
	if (pa.brief && pa.format != PF_TEXT) {
		cmd_err(ctx,
		    "--brief is a text view; it does not go with "
		    "--format %s",
		    fmts[pa.format]);
		return EXIT_USAGE;
	}
	if (pa.brief && pa.explain) {
		cmd_err(ctx, "--brief and --explain cannot go together");
		return EXIT_USAGE;
	}
	if (pa.safe && pa.format != PF_CSV && pa.format != PF_TSV)
		return cmd_usage_error(
		    ctx, &cmd_plan_entry, "--safe is for --format csv or tsv");
	if (pa.weeks == 0)
		pa.weeks = 1;

	/*
	 * Plan from this week on, so later weeks keep their gap from the
	 * ones before; a day in the past or far ahead gets its own week.
	 */
	memset(&pl, 0, sizeof(pl));
	pl.ctx = ctx;
	pl.safe = pa.safe;
	pl.brief = pa.brief;
	cur = date_week_start(ctx->today);
	pl.first = cur;
	if (argc == 1 && !next && (d < cur || (d - cur) / 7 >= LOOKAHEAD_WEEKS))
		pl.first = date_week_start(d);
	if ((rc = plan_calendars(ctx, &pa, pl.first)) != 0)
		return rc;
	if ((rc = cmd_need_log(ctx)) != 0)
		return rc;
	since = progress_since(pl.first < cur ? pl.first : cur);
	if ((bad = planner_load(&pl, since, pa.quiet)) < 0) {
		planner_free(&pl);
		return cmd_fail_status(pl.fail);
	}

	if (argc == 0)
		rc = plan_weeks(&pl, pa.weeks, pa.format, pa.explain);
	else {
		if (next)
			pd = planner_next(&pl, ctx->today);
		else
			pd = planner_day(&pl, d);
		rc = plan_one(&pl, pd, pd != NULL ? pd->date : d, next, &pa);
	}
	planner_free(&pl);
	/* The plan stands on the good rows, but the bad ones must show. */
	if (bad > 0 && (rc == 0 || rc == EXIT_NOTHING))
		rc = EXIT_DATA;
	return rc;
}

const struct cmd_entry cmd_plan_entry = {
	.name = "plan",
	.exec = cmd_plan,
	.synopsis =
	    "Show which days to do the routine this week, and what to do.",
	.usage = "prehab plan [--week | --weeks N] [--format FORMAT] "
		 "[--calendar FILE] "
		 "[--explain] [--brief] [--safe] [--quiet] [PERIOD]",
	.help =
	    "With no PERIOD, plan the Monday-Sunday week holding today.\n"
	    "  PERIOD            one day: today, tomorrow, next (the next "
	    "session "
	    "to do),\n"
	    "                    a weekday (the next one) or any date "
	    "expression\n"
	    "\nOptions:\n"
	    "  --week            this week (the default)\n"
	    "  --weeks N         N weeks from this one, 1-52\n"
	    "  --format FORMAT   text (default), tsv, csv, json or ics "
	    "(iCalendar)\n"
	    "  --calendar FILE   plan around this iCalendar file instead of "
	    "[schedule]\n"
	    "                    calendar (repeatable)\n"
	    "  --explain         show each day's kind and where it came from\n"
	    "  --brief           one line per session: date, reason, status, "
	    "minutes\n"
	    "                    and the dose in short form (text only)\n"
	    "  --safe            with csv or tsv: neutralise text that a "
	    "spreadsheet\n"
	    "                    would run as a formula\n"
	    "  -q, --quiet       with a day: print nothing, exit 0 if a "
	    "session "
	    "is due\n"
	    "                    then and 1 if not (for cron)\n",
	.opts = plan_opts,
	.shortopts = ":hq",
	.args = "@period",
	.values = plan_values,
};
