/*
 * show.c: `prehab show` prints what prehab knows: the exercise catalog,
 * one exercise's card, the effective configuration, and (in showlog.c)
 * the log. Two hidden queries feed the shell completions: --names and
 * --variants EXERCISE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "config.h"
#include "coach.h"
#include "logs.h"
#include "out.h"
#include "prehab.h"
#include "progress.h"
#include "table.h"
#include "util.h"

enum { OPT_FORMAT = OPT_FIRST_CMD, OPT_NAMES, OPT_VARIANTS, OPT_SAFE };

static const struct option show_opts[] = { GLOBAL_OPTIONS,
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "names", no_argument, NULL, OPT_NAMES },
	{ "variants", required_argument, NULL, OPT_VARIANTS },
	{ "safe", no_argument, NULL, OPT_SAFE }, { NULL, 0, NULL, 0 } };

static const struct cmd_value show_values[] = { { "format",
						    "text tsv csv json" },
	{ "variants", "@exercise" }, { NULL, NULL } };

struct show_args {
	enum out_format format;
	int safe;
	int names;
	const char *variants;
};

static int
show_opt(struct ctx *ctx, int opt, char *arg, void *data)
{

	struct show_args *sa = data;
	int i, rc;

	switch (opt) {
	case OPT_FORMAT:
		if ((rc = cmd_word(ctx, &cmd_show_entry, "--format",
			 out_format_names, arg, &i)) != 0)
			return rc;
		sa->format = (enum out_format)i;
		return 0;
	case OPT_SAFE: sa->safe = 1; return 0;
	case OPT_NAMES: sa->names = 1; return 0;
	case OPT_VARIANTS: sa->variants = arg; return 0;
	}
	return 0;
}

static void
card_dose(struct ctx *ctx, const struct exercise *e, const struct level *l,
    char *buf, size_t len)
{
	int n = snprintf(buf, len, "%d%s%d%s", l->sets, cmd_times(ctx), l->reps,
	    e->per_side ? " each side" : "");

	if (n < 0 || (size_t)n >= len)
		return;
	if (e->hold_s > 0)
		snprintf(buf + n, len - (size_t)n, ", hold %d s", e->hold_s);
	else if (e->tempo != NULL)
		snprintf(buf + n, len - (size_t)n, ", %s", e->tempo);
}

/* The prescription for the next session, from the log. */
static void
current(struct ctx *ctx, const struct progress *pg, const struct exercise *e,
    struct prescription *pr)
{
	progress_get(pg, e, ctx->today + 1, pr);
}

static int
show_catalog(
    struct ctx *ctx, const struct progress *pg, const struct show_args *sa)
{
	const struct catalog *cat = &ctx->cfg.catalog;
	struct prescription pr;
	char dose[128];

	if (sa->format != OUT_TEXT) {
		static const char *const hdr[] = { "exercise", "name",
			"per_side", "sets", "reps", "hold_s", "tempo",
			"variant", "enabled", "muscles" };
		struct out_table o;

		out_init(&o, sa->format, sa->safe);
		out_header(&o, hdr, (int)(sizeof(hdr) / sizeof(hdr[0])));
		for (size_t i = 0; i < cat->n; i++) {
			const struct exercise *e = &cat->ex[i];

			current(ctx, pg, e, &pr);
			out_str(&o, "exercise", e->slug);
			out_str(&o, "name", e->name);
			out_str(&o, "per_side", e->per_side ? "yes" : "no");
			out_int(&o, "sets", pr.dose.sets, 1);
			out_int(&o, "reps", pr.dose.reps, 1);
			out_int(&o, "hold_s", e->hold_s, 1);
			out_str(&o, "tempo", e->tempo);
			out_str(&o, "variant",
			    e->nvariants > 0
				? catalog_variant_slug(e, pr.dose.variant)
				: NULL);
			out_str(&o, "enabled", e->enabled ? "yes" : "no");
			out_str(&o, "muscles", e->muscles);
			out_row(&o);
		}
		out_end(&o);
		fputs(o.b.data, stdout);
		out_free(&o);
		return 0;
	}

	{
		struct table *t = table_new("lllll");

		table_header(t,
		    (const char *const[]){ "EXERCISE", "SIDES", "DOSE",
			"VARIANT", "TARGETS", NULL });
		for (size_t i = 0; i < cat->n; i++) {
			const struct exercise *e = &cat->ex[i];

			current(ctx, pg, e, &pr);
			card_dose(ctx, e, &pr.dose, dose, sizeof(dose));
			table_row(t);
			table_cell(t, e->slug, e->enabled ? "36" : "2");
			table_cell(
			    t, e->per_side ? "per side" : "both legs", NULL);
			table_cell(t, dose, NULL);
			table_cell(t,
			    e->nvariants
				? catalog_variant_slug(e, pr.dose.variant)
				: "-",
			    NULL);
			table_cellf(t, NULL, "%s%s",
			    e->muscles ? e->muscles : "",
			    e->enabled ? "" : " (disabled)");
		}
		table_print(t, ctx, stdout, NULL);
	}
	printf("\nOne card: prehab show EXERCISE (e.g. prehab show %s)\n",
	    cat->n > 2 ? cat->ex[2].slug : "clamshell");
	return 0;
}

static void
section(struct ctx *ctx, const char *title, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	printf("\n%s%s%s\n", cmd_color(ctx, "1"), title, cmd_reset(ctx));
	cmd_wrap(ctx, stdout, "  ", "  ", text);
}

static int
show_card(struct ctx *ctx, const struct progress *pg, const struct exercise *e)
{
	struct prescription pr;
	char dose[128];

	current(ctx, pg, e, &pr);
	card_dose(ctx, e, &pr.dose, dose, sizeof(dose));
	printf("%s%s%s (%s)%s\n", cmd_color(ctx, "1"), e->name, cmd_reset(ctx),
	    e->slug, e->enabled ? "" : " - disabled");
	if (e->aliases[0] != NULL) {
		printf("Aliases:   ");
		for (int i = 0; i < CATALOG_MAX_ALIASES && e->aliases[i]; i++)
			printf("%s%s", i ? ", " : "", e->aliases[i]);
		printf("\n");
	}
	if (e->muscles != NULL)
		printf("Targets:   %s\n", e->muscles);
	printf("Sides:     %s\n",
	    e->per_side ? "each leg in turn" : "both legs together");
	printf("Dose:      %s%s%s (level %d of %d)\n", dose,
	    e->nvariants ? ", " : "", catalog_variant_slug(e, pr.dose.variant),
	    pr.level + 1, progress_nlevels(e));
	if (e->cue != NULL)
		printf("Cue:       %s\n", e->cue);
	section(ctx, "Why", e->why);
	section(ctx, "How", e->how);
	section(ctx, "Safety focus", e->safety);
	if (e->nvariants > 0) {
		printf("\n%sProgression%s (easiest first; prehab plan moves "
		       "you up)\n",
		    cmd_color(ctx, "1"), cmd_reset(ctx));
		for (int i = 0; i < e->nvariants; i++)
			printf("%s %d. %-12s %s\n",
			    i == pr.dose.variant ? ">" : " ", i + 1,
			    e->variants[i].slug,
			    strcmp(e->variants[i].name, e->variants[i].slug)
				? e->variants[i].name
				: "");
	}
	return 0;
}

static int
show_config(struct ctx *ctx)
{
	struct buf b = { 0 };
	char *cause = NULL;

	/* The calendars, read over the coming four weeks for their counts. */
	if (config_load_calendars(&ctx->cfg, ctx->today, ctx->today + 27,
		cmd_warn_line, ctx, &cause) != 0) {
		cmd_warn(ctx, "%s", cause);
		free(cause);
	}
	config_dump(&ctx->cfg, &b);
	fputs(b.data, stdout);
	buf_free(&b);
	return 0;
}

static int
cmd_show(struct ctx *ctx, int argc, char **argv)
{
	struct show_args sa = { OUT_TEXT, 0, 0, NULL };
	const struct exercise *e;
	struct progress *pg;
	char *cause = NULL;
	enum fail fail = FAIL_IO;
	long bad = 0;
	const struct cmd_entry *sub;
	int at_sub, ind, rc;

	/*
	 * `show log` has options of its own, before or after "log": its
	 * word goes first, as argv[0], and every other word after it.
	 */
	if ((sub = cmd_find_sub(&cmd_show_entry, argc, argv, &at_sub)) !=
	    NULL) {
		char **av = xcalloc((size_t)argc + 1, sizeof(*av));
		int ac = 0;

		av[ac++] = argv[at_sub];
		for (int j = 1; j < argc; j++)
			if (j != at_sub)
				av[ac++] = argv[j];
		rc = sub->exec(ctx, ac, av);
		free(av);
		return rc;
	}
	if ((rc = cmd_options(
		 ctx, &cmd_show_entry, argc, argv, show_opt, &sa, &ind)) >= 0)
		return rc;
	argc -= ind;
	argv += ind;
	if (sa.safe && sa.format != OUT_CSV && sa.format != OUT_TSV)
		return cmd_usage_error(
		    ctx, &cmd_show_entry, "--safe is for --format csv or tsv");

	if (sa.names) {
		const struct catalog *cat = &ctx->cfg.catalog;

		for (size_t i = 0; i < cat->n; i++) {
			printf("%s\n", cat->ex[i].slug);
			for (int j = 0;
			     j < CATALOG_MAX_ALIASES && cat->ex[i].aliases[j];
			     j++)
				printf("%s\n", cat->ex[i].aliases[j]);
		}
		return 0;
	}
	if (sa.variants != NULL) {
		if ((e = catalog_find(
			 &ctx->cfg.catalog, sa.variants, &cause)) == NULL) {
			cmd_err(ctx, "%s", cause);
			free(cause);
			return EXIT_USAGE;
		}
		for (int i = 0; i < e->nvariants; i++)
			printf("%s\n", e->variants[i].slug);
		return 0;
	}

	if (argc > 1)
		return cmd_usage_error(
		    ctx, &cmd_show_entry, "too many arguments: '%s'", argv[1]);
	if (argc == 1 && strcmp(argv[0], "config") == 0)
		return show_config(ctx);
	if (argc == 1 && strcmp(argv[0], "safety") == 0) {
		coach_safety(ctx, stdout);
		return 0;
	}
	e = NULL;
	if (argc == 1 &&
	    (e = catalog_find(&ctx->cfg.catalog, argv[0], &cause)) == NULL) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	/* Doses and variants are the ones progression has reached. */
	if ((rc = cmd_need_log(ctx)) != 0)
		return rc;
	if ((pg = logs_progress(&ctx->cfg, ctx->today + 1, cmd_store_warn, NULL,
		 &bad, &fail, &cause)) == NULL) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		return cmd_fail_status(fail);
	}
	rc = e != NULL ? show_card(ctx, pg, e) : show_catalog(ctx, pg, &sa);
	progress_free(pg);
	return rc == 0 && bad > 0 ? EXIT_DATA : rc;
}

/* `show log`, in showlog.c, is a command of its own, options and all. */
static const struct cmd_entry *const show_subs[] = { &cmd_show_log_entry,
	NULL };

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.exec = cmd_show,
	.synopsis =
	    "Show the exercises, one exercise's card, the config or the log.",
	.usage =
	    "prehab show [--format FORMAT] [--safe] [EXERCISE | config | log "
	    "[OPTIONS] | "
	    "safety]",
	.help =
	    "With no argument, list the exercises of the routine.\n"
	    "  EXERCISE          the full card: why, how, safety focus, dose, "
	    "progression\n"
	    "  config            the effective configuration as an INI file\n"
	    "  log               the training log (see prehab show log "
	    "--help)\n"
	    "  safety            the signs that need a doctor or "
	    "physiotherapist\n"
	    "\nOptions:\n"
	    "  --format FORMAT   text (default), tsv, csv or json, for the "
	    "exercise list\n"
	    "  --safe            with csv or tsv: neutralise text that a "
	    "spreadsheet\n"
	    "                    would run as a formula\n",
	.opts = show_opts,
	.shortopts = ":h",
	.args = "@exercise config log safety",
	.values = show_values,
	.subs = show_subs,
};
