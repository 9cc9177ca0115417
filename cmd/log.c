/*
 * log.c: `prehab log` records training in the log: one exercise at a
 * dose, the whole routine with `session`, the rows of another log with
 * --import, and --undo to take back the last command. Every value is
 * checked before the one store_append call, so a mistake on the command
 * line never leaves part of a command in the log.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "config.h"
#include "coach.h"
#include "logedit.h"
#include "prehab.h"
#include "progress.h"
#include "store.h"
#include "util.h"

/* One enum for the options, so one table can say which mode takes which. */
enum log_opt {
	LO_SETS,
	LO_REPS,
	LO_SIDE,
	LO_HOLD,
	LO_VARIANT,
	LO_RPE,
	LO_PAIN,
	LO_NOTE,
	LO_DATE,
	LO_TIME,
	LO_DRYRUN,
	LO_FORCE,
	LO_UNDO,
	LO_IMPORT,
	LO_SKIP,
	LO_AGAIN,
	LO_EDIT,
	LO_SINCE,
	LO_UNTIL,
	LO_N
};

#define LO(o) (OPT_FIRST_CMD + (o))
/*
 * An import is all or nothing, so its rows are held in memory until the
 * one append, which formats them once more: two caps keep that bounded.
 * 250,000 sets are decades of sessions, and 32 MB of text (exercise,
 * variant and note) is over a hundred bytes of note for every one of
 * them; a bigger file can be imported in parts. Together they hold an
 * import near both caps to about 120 MB at its peak (114 MB measured
 * with /usr/bin/time), whatever the file's size.
 */
#define IMPORT_ROWS_MAX 250000
#define IMPORT_TEXT_MAX (32L * 1024 * 1024)
#define BIT(o) (1u << (o))

static const struct option log_opts[] = { GLOBAL_OPTIONS,
	{ "sets", required_argument, NULL, LO(LO_SETS) },
	{ "reps", required_argument, NULL, LO(LO_REPS) },
	{ "side", required_argument, NULL, LO(LO_SIDE) },
	{ "hold", required_argument, NULL, LO(LO_HOLD) },
	{ "variant", required_argument, NULL, LO(LO_VARIANT) },
	{ "rpe", required_argument, NULL, LO(LO_RPE) },
	{ "pain", required_argument, NULL, LO(LO_PAIN) },
	{ "note", required_argument, NULL, LO(LO_NOTE) },
	{ "date", required_argument, NULL, LO(LO_DATE) },
	{ "time", required_argument, NULL, LO(LO_TIME) },
	{ "dry-run", no_argument, NULL, LO(LO_DRYRUN) },
	{ "force", no_argument, NULL, LO(LO_FORCE) },
	{ "undo", no_argument, NULL, LO(LO_UNDO) },
	{ "import", required_argument, NULL, LO(LO_IMPORT) },
	{ "skip", required_argument, NULL, LO(LO_SKIP) },
	{ "again", no_argument, NULL, LO(LO_AGAIN) },
	{ "edit", no_argument, NULL, LO(LO_EDIT) },
	{ "since", required_argument, NULL, LO(LO_SINCE) },
	{ "until", required_argument, NULL, LO(LO_UNTIL) },
	{ NULL, 0, NULL, 0 } };

/* What option values complete to, for the shell completions. */
static const struct cmd_value log_values[] = { { "side", "left right both" },
	{ "variant", "@variant" }, { "date", "@date" }, { "import", "@file" },
	{ "skip", "@exercise" }, { "since", "@date" }, { "until", "@date" },
	{ NULL, NULL } };

enum log_mode {
	MODE_ONE,
	MODE_SESSION,
	MODE_MORNING,
	MODE_UNDO,
	MODE_IMPORT,
	MODE_EDIT
};

/* The options each mode takes; any other is a usage error. */
static const unsigned mode_opts[] = { [MODE_ONE] = BIT(LO_SETS) | BIT(LO_REPS) |
	    BIT(LO_SIDE) | BIT(LO_HOLD) | BIT(LO_VARIANT) | BIT(LO_RPE) |
	    BIT(LO_PAIN) | BIT(LO_NOTE) | BIT(LO_DATE) | BIT(LO_TIME) |
	    BIT(LO_DRYRUN) | BIT(LO_FORCE),
	[MODE_SESSION] = BIT(LO_RPE) | BIT(LO_PAIN) | BIT(LO_NOTE) |
	    BIT(LO_DATE) | BIT(LO_TIME) | BIT(LO_DRYRUN) | BIT(LO_FORCE) |
	    BIT(LO_SKIP) | BIT(LO_AGAIN),
	[MODE_MORNING] = BIT(LO_PAIN) | BIT(LO_SIDE) | BIT(LO_NOTE) |
	    BIT(LO_DATE) | BIT(LO_TIME) | BIT(LO_DRYRUN) | BIT(LO_FORCE),
	[MODE_UNDO] = BIT(LO_UNDO) | BIT(LO_DRYRUN),
	[MODE_IMPORT] = BIT(LO_IMPORT) | BIT(LO_DRYRUN) | BIT(LO_FORCE),
	[MODE_EDIT] =
	    BIT(LO_EDIT) | BIT(LO_SINCE) | BIT(LO_UNTIL) | BIT(LO_FORCE) };
static const char *const mode_names[] = { "an exercise", "session", "morning",
	"--undo", "--import", "--edit" };

/* --side, in the order its message lists them. */
static const char *const side_words[] = { "left", "right", "both", NULL };
static const enum store_side side_of[] = { SIDE_LEFT, SIDE_RIGHT, SIDE_BOTH };

/* Each option's value as given ("" for a flag), NULL if not given. */
struct log_args {
	const char *val[LO_N];
	const char *skip[32]; /* every --skip, in order */
	int nskip;
};

/* What applies to every row a command writes. */
struct entry {
	date_t date;
	int time;
	int rpe;
	int pain;
	const char *note;
	int checkin; /* a morning check-in, not sets */
};

/* A growable array of rows; the strings stay the owner's business. */
struct rows {
	struct store_row *v;
	size_t n;
	size_t cap;
};

static const char *
opt_name(int o)
{
	for (int i = 0; log_opts[i].name != NULL; i++)
		if (log_opts[i].val == LO(o))
			return log_opts[i].name;
	return "?";
}

static int
log_opt(struct ctx *ctx, int opt, char *arg, void *data)
{
	struct log_args *la = data;

	if (opt == LO(LO_SKIP)) {
		if (la->nskip == (int)(sizeof(la->skip) / sizeof(la->skip[0])))
			return cmd_usage_error(
			    ctx, &cmd_log_entry, "too many --skip options");
		la->skip[la->nskip++] = arg;
	}
	if (opt >= LO(0) && opt < LO(LO_N))
		la->val[opt - LO(0)] = arg != NULL ? arg : "";
	return 0;
}

static void
rows_add(struct rows *rs, const struct store_row *r)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n++] = *r;
}

/*
 * Called once the log has changed and the report is printed. The status
 * must then say the change was made, even when the report could not be
 * written (standard output full, closed, or a pipe nobody reads): its own
 * status, never 74, which promises an unchanged log and invites a retry
 * that would log everything twice.
 */
static int
reported(struct ctx *ctx, const char *done)
{
	int err;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	err = errno != 0 ? errno : EIO;
	cmd_err(
	    ctx, "%s, but could not print the report: %s", done, strerror(err));
	return EXIT_UNREPORTED;
}

/* Reads an integer option in [min, max]; -1 if it was not given. */
static int
int_opt(struct ctx *ctx, const struct log_args *la, enum log_opt o,
    const char *what, long min, long max, int *out)
{
	long v;

	*out = -1;
	if (la->val[o] == NULL)
		return 0;
	if (cmd_parse_int(ctx, what, la->val[o], min, max, &v) != 0)
		return -1;
	*out = (int)v;
	return 0;
}

/* Checks what every row shares: date, time, RPE, pain and note. */
static int
parse_entry(struct ctx *ctx, const struct log_args *la, struct entry *en)
{
	const char *v;
	char d[DATE_BUFSZ];

	en->date = ctx->today;
	en->checkin = 0;
	if ((v = la->val[LO_DATE]) != NULL) {
		if (cmd_parse_date(ctx, v, -1, &en->date) != 0)
			return -1;
		if (en->date > ctx->today && la->val[LO_FORCE] == NULL) {
			cmd_err(ctx,
			    "%s is in the future (use --force to log "
			    "it anyway)",
			    date_format(en->date, d));
			return -1;
		}
	}
	/*
	 * The clock only knows when today's sets were done; a day filled
	 * in afterwards gets no time rather than a made-up one.
	 */
	en->time = -1;
	if ((v = la->val[LO_TIME]) != NULL) {
		if (date_parse_time(v, &en->time) != 0) {
			cmd_err(ctx,
			    "time must be HH:MM (00:00-23:59), got "
			    "'%s'",
			    v);
			return -1;
		}
	} else if (en->date == ctx->today)
		en->time = date_now_minutes();
	if (int_opt(ctx, la, LO_RPE, "rpe", STORE_RPE_MIN, STORE_RPE_MAX,
		&en->rpe) != 0 ||
	    int_opt(ctx, la, LO_PAIN, "pain", 0, STORE_PAIN_MAX, &en->pain) !=
		0)
		return -1;
	en->note = "";
	if ((v = la->val[LO_NOTE]) != NULL) {
		if (strlen(v) > STORE_FIELD_MAX) {
			cmd_err(ctx, "note must be at most %d bytes, got %zu",
			    STORE_FIELD_MAX, strlen(v));
			return -1;
		}
		if (!util_utf8_valid(v, strlen(v))) {
			cmd_err(ctx, "note is not valid UTF-8");
			return -1;
		}
		en->note = v;
	}
	return 0;
}

/*
 * Parses a dose operand: "3x15" (also 3X15 and 3×15) sets *sets and
 * *reps, a bare "15" only *reps.
 */
static int
parse_dose(struct ctx *ctx, const char *s, int *sets, int *reps)
{
	const char *x, *r = s;
	char *sv = NULL;
	long n;
	int rc = -1;

	*sets = -1;
	if ((x = strpbrk(s, "xX")) != NULL ||
	    (x = strstr(s, "\xc3\x97")) != NULL) {
		sv = xstrndup(s, (size_t)(x - s));
		r = x + (*x == 'x' || *x == 'X' ? 1 : 2);
		if (util_parse_long(sv, 0, 1000000, &n) != 0 ||
		    util_parse_long(r, 0, 1000000, &n) != 0)
			goto bad;
		if (cmd_parse_int(ctx, "sets", sv, 1, STORE_SET_MAX, &n) != 0)
			goto out;
		*sets = (int)n;
	} else if (util_parse_long(r, -1000000, 1000000, &n) != 0)
		goto bad;
	if (cmd_parse_int(ctx, "reps", r, 1, STORE_REPS_MAX, &n) != 0)
		goto out;
	*reps = (int)n;
	rc = 0;
	goto out;
bad:
	cmd_err(ctx, "bad dose '%s' (use SETSxREPS such as 3x15, or REPS)", s);
out:
	free(sv);
	return rc;
}

/*
 * The dose prehab prescribes for e on day d, the one `plan` shows. The
 * end of the log is read on first need, into *p; a malformed row there
 * is for `show log` to report, not a reason to refuse today's sets.
 * Returns 0, or the exit status of the reader's failure.
 */
static int
read_due(struct ctx *ctx, struct progress **p, date_t d)
{
	char *cause = NULL;
	enum fail fail = FAIL_IO;

	if (*p == NULL &&
	    (*p = progress_read(&ctx->cfg, ctx->cfg.data_path, d, NULL, NULL,
		 NULL, &fail, &cause)) == NULL) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		return cmd_fail_status(fail);
	}
	return 0;
}

static int
prescribed(struct ctx *ctx, struct progress **p, const struct exercise *e,
    date_t d, struct level *lv)
{
	struct prescription pr;

	int rc;

	if ((rc = read_due(ctx, p, d)) != 0)
		return rc;
	progress_get(*p, e, d, &pr);
	*lv = pr.dose;
	return 0;
}

/* One exercise: what was asked for on the command line. */
struct dose {
	int sets; /* -1: the prescribed number */
	int reps; /* -1: the prescribed number */
	int hold; /* -1: the exercise's own */
	int side; /* -1: per the exercise */
	int variant; /* -1: the prescribed one */
};

/*
 * Adds the rows of one exercise, one per set and side, and a summary
 * such as "clamshell: L 3×15, R 3×15 (band)" to sum.
 */
static int
add_exercise(struct ctx *ctx, struct progress **due, const struct exercise *e,
    const struct dose *ds, const struct entry *en, struct rows *rs,
    struct buf *sum)
{
	enum store_side sides[2];
	struct level lv = { e->sets, e->reps, 0 };
	int nsides, variant, rc;

	if ((ds->sets < 0 || ds->reps < 0 || ds->variant < 0) &&
	    (rc = prescribed(ctx, due, e, en->date, &lv)) != 0)
		return rc;
	if (ds->sets >= 0)
		lv.sets = ds->sets;
	if (ds->reps >= 0)
		lv.reps = ds->reps;
	variant = ds->variant >= 0 ? ds->variant : lv.variant;
	if (ds->side == SIDE_LEFT || ds->side == SIDE_RIGHT) {
		sides[0] = (enum store_side)ds->side;
		nsides = 1;
	} else if (e->per_side) {
		sides[0] = SIDE_LEFT;
		sides[1] = SIDE_RIGHT;
		nsides = 2;
	} else {
		sides[0] = SIDE_BOTH;
		nsides = 1;
	}

	buf_addf(sum, "%s: ", e->slug);
	for (int s = 0; s < nsides; s++) {
		if (s > 0)
			buf_adds(sum, ", ");
		if (sides[s] != SIDE_BOTH)
			buf_addf(sum, "%c ", sides[s] == SIDE_LEFT ? 'L' : 'R');
		buf_addf(sum, "%d%s%d", lv.sets, cmd_times(ctx), lv.reps);
		for (int set = 1; set <= lv.sets; set++) {
			struct store_row r;

			memset(&r, 0, sizeof(r));
			r.date = en->date;
			r.time = en->time;
			r.exercise = e->slug;
			r.side = sides[s];
			r.set = set;
			r.reps = lv.reps;
			r.hold_s = ds->hold >= 0 ? ds->hold : e->hold_s;
			r.variant = e->nvariants > 0 && variant < e->nvariants
			    ? e->variants[variant].slug
			    : "";
			r.rpe = en->rpe;
			r.pain = en->pain;
			r.note = en->note;
			r.batch = "";
			rows_add(rs, &r);
		}
	}
	if (e->nvariants > 0 && variant < e->nvariants)
		buf_addf(sum, " (%s)", e->variants[variant].slug);
	buf_addc(sum, '\n');
	return 0;
}

/* Prints rows as the log would hold them, header first. */
static void
print_rows(const struct store_row *v, size_t n)
{
	struct buf b = { 0 };

	store_format_header(&b);
	for (size_t i = 0; i < n; i++)
		store_format_row(&b, &v[i]);
	fputs(b.data, stdout);
	buf_free(&b);
}

/* Checks the operands and options of one exercise into ds. */
static int
parse_one(struct ctx *ctx, const struct log_args *la, int argc, char **argv,
    const struct exercise **ep, struct dose *ds)
{
	const struct exercise *e;
	const char *v;
	char *cause = NULL;
	int sets = -1, reps = -1, i;

	if ((e = catalog_find(&ctx->cfg.catalog, argv[0], &cause)) == NULL) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		return -1;
	}
	*ep = e;
	if (argc > 1) {
		if (parse_dose(ctx, argv[1], &sets, &reps) != 0)
			return -1;
		if ((sets >= 0 && la->val[LO_SETS] != NULL) ||
		    la->val[LO_REPS] != NULL) {
			cmd_err(ctx, "the dose is given twice: '%s' and --%s",
			    argv[1],
			    la->val[LO_REPS] != NULL ? "reps" : "sets");
			return -1;
		}
	}
	ds->sets = sets;
	ds->reps = reps;
	if ((la->val[LO_SETS] != NULL &&
		int_opt(ctx, la, LO_SETS, "sets", 1, STORE_SET_MAX,
		    &ds->sets) != 0) ||
	    (la->val[LO_REPS] != NULL &&
		int_opt(ctx, la, LO_REPS, "reps", 1, STORE_REPS_MAX,
		    &ds->reps) != 0) ||
	    int_opt(ctx, la, LO_HOLD, "hold", 0, STORE_HOLD_MAX, &ds->hold) !=
		0)
		return -1;
	ds->side = -1;
	if ((v = la->val[LO_SIDE]) != NULL) {
		if (cmd_word(ctx, NULL, "side", side_words, v, &i) != 0)
			return -1;
		ds->side = side_of[i];
		/* Half a two-legged exercise would count as a whole one. */
		if (ds->side != SIDE_BOTH && !e->per_side) {
			cmd_err(ctx,
			    "%s is not done per side: leave out --side %s",
			    e->slug, v);
			return -1;
		}
	}
	ds->variant = -1;
	if ((v = la->val[LO_VARIANT]) != NULL &&
	    (ds->variant = catalog_variant(e, v, &cause)) < 0) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Writes the rows, or with --dry-run shows them; returns an exit status. */
static int
write_rows(struct ctx *ctx, const struct log_args *la, const struct entry *en,
    const struct rows *rs, const struct buf *sum)
{
	char *cause = NULL;
	char d[DATE_BUFSZ];
	const char *p, *nl;
	enum fail fail = FAIL_IO;

	if (la->val[LO_DRYRUN] != NULL) {
		print_rows(rs->v, rs->n);
		return 0;
	}
	/*
	 * The time of today's sets is prehab's guess, not the user's word:
	 * a log kept without a time column (a spreadsheet's) gets none,
	 * where a --time given for it is still refused.
	 */
	if (la->val[LO_TIME] == NULL &&
	    !store_has_column(ctx->cfg.data_path, STORE_TIME))
		for (size_t i = 0; i < rs->n; i++)
			rs->v[i].time = -1;
	store_hold_signals();
	if (store_append(
		ctx->cfg.data_path, rs->v, rs->n, 0, NULL, &fail, &cause) < 0) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		return cmd_fail_status(fail);
	}
	date_format(en->date, d);
	for (p = sum->data; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		printf("logged %.*s on %s\n", (int)(nl - p), p, d);
	}
	/* One line each, never the whole advice: plan and stats give it. */
	if (en->pain >= 0 && en->pain >= ctx->cfg.back_pain)
		printf("Pain %d is red: see 'prehab plan' before the next "
		       "session.\n",
		    en->pain);
	else if (en->pain < 0 && !en->checkin)
		printf("No pain recorded: the dose holds until a session has "
		       "one (--pain 0 counts).\n");
	return reported(ctx, "logged");
}

/*
 * The rows of `log session`: every enabled exercise but those --skip
 * names and, unless --again, those already logged that day. Returns 0 or
 * an exit status.
 */
static int
session_rows(struct ctx *ctx, const struct log_args *la, struct progress **due,
    const struct entry *en, struct rows *rs, struct buf *sum)
{
	const struct catalog *cat = &ctx->cfg.catalog;
	struct dose ds = { -1, -1, -1, -1, -1 };
	unsigned char *skip = xcalloc(cat->n ? cat->n : 1, 1);
	struct buf had = { 0 };
	char d[DATE_BUFSZ], *cause = NULL;
	size_t nhad = 0, nskip = 0, nenabled = 0;
	int rc = 0;

	for (int i = 0; i < la->nskip; i++) {
		const struct exercise *e =
		    catalog_find(cat, la->skip[i], &cause);

		if (e == NULL) {
			cmd_err(ctx, "--skip: %s", cause);
			free(cause);
			rc = EXIT_USAGE;
			goto out;
		}
		skip[e - cat->ex] = 1;
	}
	if ((rc = read_due(ctx, due, en->date)) != 0)
		goto out;
	for (size_t i = 0; i < cat->n; i++) {
		const struct exercise *e = &cat->ex[i];

		if (!e->enabled)
			continue;
		nenabled++;
		if (skip[i]) {
			nskip++;
			continue;
		}
		if (la->val[LO_AGAIN] == NULL &&
		    progress_has_session(*due, e, en->date)) {
			buf_addf(&had, "%s%s", nhad++ ? ", " : "", e->slug);
			continue;
		}
		if ((rc = add_exercise(ctx, due, e, &ds, en, rs, sum)) != 0)
			goto out;
	}
	date_format(en->date, d);
	if (nhad > 0)
		printf("already logged on %s, left out: %s (--again logs %s "
		       "anyway)\n",
		    d, had.data, nhad == 1 ? "it" : "them");
	if (nenabled == 0) {
		cmd_err(ctx, "no exercise of the routine is enabled");
		rc = EXIT_CONFIG;
	} else if (rs->n == 0 && nhad == 0) {
		cmd_err(ctx,
		    "nothing left to log: --skip leaves out every "
		    "exercise");
		rc = EXIT_USAGE;
	} else if (rs->n == 0) {
		cmd_err(ctx, "nothing to log: the session of %s is logged", d);
		rc = EXIT_NOTHING;
	}
out:
	free(skip);
	buf_free(&had);
	return rc;
}

/* `log morning`: how the knee feels the morning after, one row. */
/*
 * What the check-in just logged does to the next doses, for a runner who
 * saw the plan before logging it. The check-in is written either way: a
 * log that cannot be read back now only costs these lines.
 */
static void
morning_effect(struct ctx *ctx, date_t d)
{
	struct progress *p;
	char *cause = NULL;

	p = progress_read(
	    &ctx->cfg, ctx->cfg.data_path, d, NULL, NULL, NULL, NULL, &cause);
	if (p == NULL) {
		free(cause);
		return;
	}
	coach_checkin_effect(ctx, stdout, p, d);
	progress_free(p);
}

static int
log_morning(struct ctx *ctx, const struct log_args *la)
{
	struct store_row r;
	struct rows rs = { NULL, 0, 0 };
	struct buf sum = { 0 };
	struct entry en;
	const char *v;
	int rc, i;

	if (la->val[LO_PAIN] == NULL) {
		cmd_err(ctx,
		    "morning needs --pain N, how the knee feels now "
		    "(0-10)");
		return EXIT_USAGE;
	}
	if (parse_entry(ctx, la, &en) != 0)
		return EXIT_USAGE;
	en.checkin = 1;
	memset(&r, 0, sizeof(r));
	r.side = SIDE_BOTH;
	if ((v = la->val[LO_SIDE]) != NULL) {
		if ((rc = cmd_word(ctx, NULL, "side", side_words, v, &i)) != 0)
			return rc;
		r.side = side_of[i];
	}
	r.date = en.date;
	r.time = en.time;
	r.exercise = STORE_CHECKIN;
	r.variant = "";
	r.rpe = -1;
	r.pain = en.pain;
	r.note = en.note;
	r.batch = "";
	rows_add(&rs, &r);
	buf_addf(&sum, "morning check-in: pain %d%s%s\n", en.pain,
	    r.side == SIDE_BOTH ? "" : ", ",
	    r.side == SIDE_BOTH ? "" : store_sidenames[r.side]);
	rc = write_rows(ctx, la, &en, &rs, &sum);
	if (rc == 0 && la->val[LO_DRYRUN] == NULL)
		morning_effect(ctx, en.date);
	free(rs.v);
	buf_free(&sum);
	return rc;
}

static int
log_exercises(struct ctx *ctx, const struct log_args *la, int argc, char **argv,
    enum log_mode mode)
{
	struct progress *due = NULL;
	struct rows rs = { NULL, 0, 0 };
	struct buf sum = { 0 };
	struct entry en;
	int rc = EXIT_USAGE;

	if (parse_entry(ctx, la, &en) != 0)
		return EXIT_USAGE;
	if (mode == MODE_ONE) {
		const struct exercise *e;
		struct dose ds;

		if (parse_one(ctx, la, argc, argv, &e, &ds) != 0)
			goto out;
		if ((rc = add_exercise(ctx, &due, e, &ds, &en, &rs, &sum)) != 0)
			goto out;
	} else if ((rc = session_rows(ctx, la, &due, &en, &rs, &sum)) != 0)
		goto out;
	rc = write_rows(ctx, la, &en, &rs, &sum);
out:
	progress_free(due);
	free(rs.v);
	buf_free(&sum);
	return rc;
}

/*
 * --undo: the rows of the last command, shown as they go, and what they
 * stand for in words. A group is the sets of one exercise on one side,
 * the unit a log command writes them in.
 */
struct undo_group {
	char *exercise;
	char *variant;
	enum store_side side;
	int sets;
	int reps; /* of the first set */
	int same; /* every set has those reps */
	int pain; /* of a check-in */
};

struct undo_acc {
	struct buf csv;
	long n;
	char *batch; /* of the rows in csv */
	struct undo_group *g;
	size_t ng, gcap;
	date_t first, last; /* dates of the rows */
	int time; /* of the first row */
};

static void
undo_reset(struct undo_acc *ua)
{
	for (size_t i = 0; i < ua->ng; i++) {
		free(ua->g[i].exercise);
		free(ua->g[i].variant);
	}
	ua->ng = 0;
}

static void
undo_group_add(struct undo_acc *ua, const struct store_row *r)
{
	struct undo_group *g;

	if (ua->ng == ua->gcap) {
		ua->gcap = ua->gcap ? ua->gcap * 2 : 8;
		ua->g = xreallocarray(ua->g, ua->gcap, sizeof(*ua->g));
	}
	/* The next set of the group before, or the first of a new one. */
	if (ua->ng > 0 && r->set > 1) {
		g = &ua->g[ua->ng - 1];
		if (strcmp(g->exercise, r->exercise) == 0 &&
		    g->side == r->side && strcmp(g->variant, r->variant) == 0) {
			g->sets++;
			if (r->reps != g->reps)
				g->same = 0;
			return;
		}
	}
	g = &ua->g[ua->ng++];
	g->exercise = xstrdup(r->exercise);
	g->variant = xstrdup(r->variant);
	g->side = r->side;
	g->sets = 1;
	g->reps = r->reps;
	g->same = 1;
	g->pain = r->pain;
}

static int
undo_row(const struct store_row *r, void *arg)
{
	struct undo_acc *ua = arg;

	/* With --dry-run every row comes by: keep the last run of a batch. */
	if (ua->batch == NULL || strcmp(ua->batch, r->batch) != 0) {
		free(ua->batch);
		ua->batch = xstrdup(r->batch);
		buf_reset(&ua->csv);
		store_format_header(&ua->csv);
		ua->n = 0;
		undo_reset(ua);
		ua->first = ua->last = r->date;
		ua->time = r->time;
	}
	store_format_row(&ua->csv, r);
	ua->n++;
	if (r->date < ua->first)
		ua->first = r->date;
	if (r->date > ua->last)
		ua->last = r->date;
	undo_group_add(ua, r);
	return 0;
}

/*
 * Says what the rows of one command were, as the runner would: "the
 * clamshell log of Tue 2026-12-01 20:01: L 3×15, R 3×15 (band)". Rows of
 * several days came from an import, and are only counted.
 */
static void
undo_words(struct ctx *ctx, const struct undo_acc *ua, struct buf *b)
{
	const char *wd = date_weekday_abbr(date_weekday(ua->first));
	char d[DATE_BUFSZ], d2[DATE_BUFSZ], tm[6];
	int several = 0;

	if (ua->first != ua->last) {
		buf_addf(b, "the import of %ld rows dated %s to %s", ua->n,
		    date_format(ua->first, d), date_format(ua->last, d2));
		return;
	}
	for (size_t i = 1; i < ua->ng; i++)
		if (strcmp(ua->g[i].exercise, ua->g[0].exercise) != 0)
			several = 1;
	if (several)
		buf_adds(b, "the session log");
	else if (strcmp(ua->g[0].exercise, STORE_CHECKIN) == 0)
		buf_adds(b, "the morning check-in");
	else
		buf_addf(b, "the %s log", ua->g[0].exercise);
	buf_addf(b, " of %c%s %s", wd[0] - 'a' + 'A', wd + 1,
	    date_format(ua->first, d));
	if (ua->time >= 0)
		buf_addf(b, " %s", date_format_time(ua->time, tm));
	buf_adds(b, ":");
	for (size_t i = 0; i < ua->ng; i++) {
		const struct undo_group *g = &ua->g[i];
		int first =
		    i == 0 || strcmp(g->exercise, ua->g[i - 1].exercise) != 0;
		int last = i + 1 == ua->ng ||
		    strcmp(g->exercise, ua->g[i + 1].exercise) != 0;

		buf_adds(b, first ? (i > 0 ? "; " : " ") : ", ");
		if (first && several)
			buf_addf(b, "%s ", g->exercise);
		if (g->side != SIDE_BOTH)
			buf_addf(b, "%c ", g->side == SIDE_LEFT ? 'L' : 'R');
		if (strcmp(g->exercise, STORE_CHECKIN) == 0) {
			if (g->pain >= 0)
				buf_addf(b, "pain %d", g->pain);
			else
				buf_adds(b, "no pain given");
		} else if (g->same)
			buf_addf(b, "%d%s%d", g->sets, cmd_times(ctx), g->reps);
		else
			buf_addf(b, "%d sets", g->sets);
		if (last && *g->variant != '\0')
			buf_addf(b, " (%s)", g->variant);
	}
}

static int
log_undo(struct ctx *ctx, const struct log_args *la, const char *id)
{
	struct undo_acc ua;
	struct buf words = { 0 };
	char *cause = NULL;
	enum fail fail = FAIL_IO;
	long n;
	int rc = 0;

	memset(&ua, 0, sizeof(ua));
	/* --dry-run runs the same code, under the same lock, but renames
	 * nothing: both fail alike, with the same status. */
	if (la->val[LO_DRYRUN] == NULL)
		store_hold_signals();
	if (id != NULL)
		n = store_undo_batch(ctx->cfg.data_path, id,
		    la->val[LO_DRYRUN] != NULL, undo_row, &ua, &fail, &cause);
	else
		n = store_undo(ctx->cfg.data_path, la->val[LO_DRYRUN] != NULL,
		    undo_row, &ua, &fail, &cause);
	if (n < 0) {
		rc = cmd_fail_status(fail);
		cmd_err(ctx, "%s", cause);
		free(cause);
	} else if (n == 0 && id != NULL) {
		cmd_err(ctx,
		    "nothing to undo: no row has batch id '%s' (see 'prehab "
		    "show log --batches')",
		    id);
		rc = EXIT_NOTHING;
	} else if (n == 0) {
		cmd_err(ctx, "nothing to undo: the log is empty");
		rc = EXIT_NOTHING;
	} else if (*ua.batch == '\0') {
		/* What store_undo says of rows added by hand. */
		cmd_err(ctx, "the last row has no batch id; nothing to undo");
		rc = EXIT_DATA;
	} else {
		undo_words(ctx, &ua, &words);
		printf("%s %s\n",
		    la->val[LO_DRYRUN] != NULL ? "Would undo" : "Undone",
		    words.data);
		printf("%s %ld row%s of %s log command:\n%s",
		    la->val[LO_DRYRUN] != NULL ? "would remove" : "removed", n,
		    n == 1 ? "" : "s", id != NULL ? "that" : "the last",
		    ua.csv.data);
		if (la->val[LO_DRYRUN] == NULL)
			rc = reported(ctx, "undone");
	}
	buf_free(&words);
	buf_free(&ua.csv);
	free(ua.batch);
	undo_reset(&ua);
	free(ua.g);
	return rc;
}

/* --import: every row is checked and copied before anything is written. */
struct import_acc {
	struct ctx *ctx;
	const char *name; /* of the input, for messages */
	struct rows rows;
	long bad;
	int too_many; /* stopped at IMPORT_ROWS_MAX */
	size_t text; /* bytes of text held */
	int too_big; /* stopped at IMPORT_TEXT_MAX */
	int force; /* rows after today are welcome */
	char **kept; /* the copies the rows point into, freed at the end */
	size_t nkept, capkept;
};

/* A copy of s that lives until the import ends. */
static const char *
import_keep(struct import_acc *ia, const char *s)
{
	if (ia->nkept == ia->capkept) {
		ia->capkept = ia->capkept ? ia->capkept * 2 : 64;
		ia->kept =
		    xreallocarray(ia->kept, ia->capkept, sizeof(*ia->kept));
	}
	return ia->kept[ia->nkept++] = xstrdup(s);
}

static void
import_warn(const char *file, long line, const char *reason, void *arg)
{
	struct import_acc *ia = arg;

	cmd_err(ia->ctx, "%s:%ld: %s", file, line, reason);
	ia->bad++;
}

static int
import_row(const struct store_row *r, void *arg)
{
	struct import_acc *ia = arg;
	const struct catalog *cat = &ia->ctx->cfg.catalog;
	const struct exercise *e;
	struct store_row c;
	char *cause = NULL;

	if (catalog_get(cat, r->exercise) == NULL && !store_is_checkin(r)) {
		char *reason;

		/* The log holds slugs; an alias gets the slug suggested. */
		if ((e = catalog_find(cat, r->exercise, &cause)) != NULL)
			cause = xasprintf("unknown exercise '%s' (did you "
					  "mean '%s'?)",
			    r->exercise, e->slug);
		reason = xasprintf("column 'exercise': %s", cause);
		import_warn(ia->name, r->line, reason, ia);
		free(reason);
		free(cause);
		return 0;
	}
	/* The same rule as for one command: the future needs --force. */
	if (!ia->force && r->date > ia->ctx->today) {
		char d[DATE_BUFSZ], *reason;

		reason = xasprintf("column 'date': %s is after today (use "
				   "--force to import it anyway)",
		    date_format(r->date, d));
		import_warn(ia->name, r->line, reason, ia);
		free(reason);
		return 0;
	}
	if (ia->rows.n >= IMPORT_ROWS_MAX) {
		ia->too_many = 1;
		return 1;
	}
	ia->text += strlen(r->exercise) + strlen(r->variant) + strlen(r->note);
	if (ia->text > (size_t)IMPORT_TEXT_MAX) {
		ia->too_big = 1;
		return 1;
	}
	c = *r;
	c.exercise = import_keep(ia, r->exercise);
	c.variant = import_keep(ia, r->variant);
	c.note = import_keep(ia, r->note);
	c.batch = "";
	rows_add(&ia->rows, &c);
	return 0;
}

static int
log_import(struct ctx *ctx, const struct log_args *la)
{
	const char *path = la->val[LO_IMPORT];
	/* The name store_read gives the standard input in its messages. */
	struct import_acc ia = { ctx,
		strcmp(path, "-") == 0 ? "(standard input)" : path,
		{ NULL, 0, 0 }, 0, 0, 0, 0, la->val[LO_FORCE] != NULL, NULL, 0,
		0 };
	struct store_read_opts o = { path, 0, 0, import_row, import_warn, &ia,
		NULL };
	struct stat st = { 0 };
	char *cause = NULL;
	size_t skipped = 0;
	enum fail fail = FAIL_IO;
	long n;
	int rc = 0;

	/*
	 * The store takes a missing log for an empty one; not so here. Past
	 * this check, a file that cannot be read is a matter of its content.
	 */
	if (strcmp(path, "-") != 0 &&
	    (stat(path, &st) != 0 || S_ISDIR(st.st_mode) ||
		access(path, R_OK) != 0)) {
		cmd_err(ctx, "cannot open '%s': %s", path,
		    strerror(S_ISDIR(st.st_mode) ? EISDIR : errno));
		return EXIT_NOINPUT;
	}
	if (store_read(&o, &cause) < 0) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		rc = EXIT_DATA;
	} else if (ia.bad > 0) {
		cmd_err(ctx, "nothing imported: %ld bad row%s in %s", ia.bad,
		    ia.bad == 1 ? "" : "s", path);
		rc = EXIT_DATA;
	} else if (ia.too_many) {
		cmd_err(ctx,
		    "nothing imported: %s has more than %d rows; "
		    "import it in parts",
		    path, IMPORT_ROWS_MAX);
		rc = EXIT_DATA;
	} else if (ia.too_big) {
		cmd_err(ctx,
		    "nothing imported: %s holds more than %ld MB of text; "
		    "import it in parts",
		    path, IMPORT_TEXT_MAX / (1024 * 1024));
		rc = EXIT_DATA;
	} else if (la->val[LO_DRYRUN] != NULL) {
		print_rows(ia.rows.v, ia.rows.n);
	} else {
		if (ia.rows.n > 0) {
			store_hold_signals();
			n = store_append(ctx->cfg.data_path, ia.rows.v,
			    ia.rows.n, 1, &skipped, &fail, &cause);
		} else
			n = 0;
		if (n < 0) {
			rc = cmd_fail_status(fail);
			cmd_err(ctx, "%s", cause);
			free(cause);
		} else {
			printf("imported %zu row%s, skipped %zu duplicate%s\n",
			    ia.rows.n - skipped,
			    ia.rows.n - skipped == 1 ? "" : "s", skipped,
			    skipped == 1 ? "" : "s");
			if (n > 0)
				rc = reported(ctx, "imported");
		}
	}
	for (size_t i = 0; i < ia.nkept; i++)
		free(ia.kept[i]);
	free(ia.kept);
	free(ia.rows.v);
	return rc;
}

/* --edit: the range of rows, then the editor (logedit.c). */
static int
log_edit_range(struct ctx *ctx, const struct log_args *la)
{
	date_t since = LONG_MIN, until = LONG_MAX;
	char a[DATE_BUFSZ], b[DATE_BUFSZ];

	if ((la->val[LO_SINCE] != NULL &&
		cmd_parse_bound(ctx, la->val[LO_SINCE], 0, &since) != 0) ||
	    (la->val[LO_UNTIL] != NULL &&
		cmd_parse_bound(ctx, la->val[LO_UNTIL], 1, &until) != 0))
		return EXIT_USAGE;
	if (since != LONG_MIN && until != LONG_MAX && since > until) {
		cmd_err(ctx, "--since %s is after --until %s",
		    date_format(since, a), date_format(until, b));
		return EXIT_USAGE;
	}
	return log_edit(ctx, since, until, la->val[LO_FORCE] != NULL);
}

/* How many operands a mode takes: the exercise and its dose, or a word. */
static int
mode_args(enum log_mode mode)
{
	switch (mode) {
	case MODE_ONE: return 2;
	case MODE_SESSION:
	case MODE_MORNING:
	case MODE_UNDO: return 1;
	default: return 0;
	}
}

static int
cmd_log(struct ctx *ctx, int argc, char **argv)
{
	struct log_args la;
	enum log_mode mode;
	int ind, rc;

	memset(&la, 0, sizeof(la));
	if ((rc = cmd_options(
		 ctx, &cmd_log_entry, argc, argv, log_opt, &la, &ind)) >= 0)
		return rc;
	argc -= ind;
	argv += ind;

	if (la.val[LO_UNDO] != NULL && la.val[LO_IMPORT] != NULL)
		return cmd_usage_error(ctx, &cmd_log_entry,
		    "--undo and --import cannot go together");
	if (la.val[LO_EDIT] != NULL &&
	    (la.val[LO_UNDO] != NULL || la.val[LO_IMPORT] != NULL))
		return cmd_usage_error(ctx, &cmd_log_entry,
		    "--edit and --%s cannot go together",
		    la.val[LO_UNDO] != NULL ? "undo" : "import");
	if (la.val[LO_EDIT] != NULL)
		mode = MODE_EDIT;
	else if (la.val[LO_UNDO] != NULL)
		mode = MODE_UNDO;
	else if (la.val[LO_IMPORT] != NULL)
		mode = MODE_IMPORT;
	else if (argc > 0 && strcmp(argv[0], "session") == 0)
		mode = MODE_SESSION;
	else if (argc > 0 && strcmp(argv[0], STORE_CHECKIN) == 0)
		mode = MODE_MORNING;
	else
		mode = MODE_ONE;
	for (int o = 0; o < LO_N; o++)
		if (la.val[o] != NULL && !(mode_opts[mode] & BIT(o)))
			return cmd_usage_error(ctx, &cmd_log_entry,
			    "--%s cannot be used with %s", opt_name(o),
			    mode_names[mode]);
	if (mode == MODE_ONE && argc == 0)
		return cmd_usage_error(ctx, &cmd_log_entry,
		    "missing EXERCISE (or session, --undo, --import)");
	if (argc > mode_args(mode))
		return cmd_usage_error(ctx, &cmd_log_entry,
		    "too many arguments: '%s'", argv[mode_args(mode)]);

	if (cmd_one_log(ctx) != 0)
		return EXIT_USAGE;
	if (cmd_need_log(ctx) != 0)
		return EXIT_CONFIG;
	if (strcmp(ctx->cfg.data_path, "-") == 0) {
		cmd_err(ctx,
		    "the log cannot be standard input when writing: "
		    "name a file with --data");
		return EXIT_USAGE;
	}

	switch (mode) {
	case MODE_MORNING: return log_morning(ctx, &la);
	case MODE_UNDO: return log_undo(ctx, &la, argc > 0 ? argv[0] : NULL);
	case MODE_IMPORT: return log_import(ctx, &la);
	case MODE_EDIT: return log_edit_range(ctx, &la);
	default: return log_exercises(ctx, &la, argc, argv, mode);
	}
}

const struct cmd_entry cmd_log_entry = {
	.name = "log",
	.exec = cmd_log,
	.synopsis =
	    "Record sets in the training log, import, undo or edit rows.",
	.usage =
	    "prehab log [OPTIONS] EXERCISE [SETSxREPS | REPS]\n"
	    "       prehab log [OPTIONS] session [--skip EXERCISE] [--again]\n"
	    "       prehab log morning --pain N [--side SIDE] [--note TEXT]\n"
	    "       prehab log --undo [BATCH] [--dry-run]\n"
	    "       prehab log --import FILE [--dry-run] [--force]\n"
	    "       prehab log --edit [--since DATE] [--until DATE] [--force]",
	.help =
	    "EXERCISE is a name, alias or unambiguous beginning of one; with "
	    "no\n"
	    "dose, today's prescribed dose and variant are logged. An "
	    "exercise\n"
	    "done per side is logged for both sides unless --side says "
	    "otherwise.\n"
	    "'session' logs every enabled exercise at its prescribed dose, "
	    "but\n"
	    "those already logged that day. 'morning' records the check-in: "
	    "how\n"
	    "the knee feels the morning after a session.\n"
	    "\nOptions:\n"
	    "  --sets N          sets, 1-10\n"
	    "  --reps N          reps per set, 1-100\n"
	    "  --side SIDE       left, right or both\n"
	    "  --hold SECONDS    seconds each rep was held, 0-600\n"
	    "  --variant V       the variant done (see prehab show EXERCISE)\n"
	    "  --rpe N           rate of perceived exertion, 1-10\n"
	    "  --pain N          knee pain during or after, 0-10\n"
	    "  --note TEXT       a note, up to 4096 bytes\n"
	    "  --date DATE       the day of the sets (default today; a "
	    "weekday\n"
	    "                    means the last one)\n"
	    "  --time HH:MM      the time of the sets (default now, for "
	    "today)\n"
	    "  --dry-run         print the rows as CSV and write nothing\n"
	    "  --force           log, import or edit in a date in the future\n"
	    "  --skip EXERCISE   with session: leave it out (repeatable)\n"
	    "  --again           with session: log exercises already logged\n"
	    "                    that day too\n"
	    "  --undo [BATCH]    remove the rows of the last log command, or "
	    "of\n"
	    "                    the one with that batch id (prehab show log\n"
	    "                    --batches lists them)\n"
	    "  --import FILE     add the rows of another log ('-': stdin);\n"
	    "                    all or nothing, duplicates skipped\n"
	    "  --edit            fix the rows in $VISUAL or $EDITOR (else "
	    "vi);\n"
	    "                    checked, then written in one rewrite\n"
	    "  --since DATE      with --edit: the first day of the rows\n"
	    "  --until DATE      with --edit: the last day of the rows\n",
	.opts = log_opts,
	.shortopts = ":h",
	.args = "@exercise session morning",
	.values = log_values,
};
