/*
 * main.c: the dispatcher. It parses the global options, finds the command
 * in the one table below and runs it; afterwards it checks that standard
 * output really reached its destination, so a full disk is noticed in
 * exactly one place.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "prehab.h"
#include "util.h"

const struct cmd_entry *const commands[] = { &cmd_plan_entry, &cmd_log_entry,
	&cmd_go_entry, &cmd_stats_entry, &cmd_show_entry, &cmd_help_entry,
	NULL };

static const struct option global_opts[] = { GLOBAL_OPTIONS,
	{ "version", no_argument, NULL, OPT_VERSION }, { NULL, 0, NULL, 0 } };

static const char main_usage[] =
    "usage: prehab [--config FILE] [--data FILE] [--today DATE] "
    "[--color WHEN]\n"
    "              COMMAND [OPTIONS] [ARGS]\n";

const struct cmd_entry *
cmd_find(const char *name)
{
	for (int i = 0; commands[i] != NULL; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static void
vmsg(struct ctx *ctx, const char *kind, const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("prehab: ", stderr);
	if (ctx != NULL && ctx->cmd != NULL)
		fprintf(stderr, "%s: ", ctx->cmd);
	if (kind != NULL)
		fprintf(stderr, "%s: ", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
cmd_err(struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(ctx, NULL, fmt, ap);
	va_end(ap);
}

void
cmd_warn(struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(ctx, "warning", fmt, ap);
	va_end(ap);
}

void
cmd_warn_line(const char *msg, void *arg)
{
	cmd_warn(arg, "%s", msg);
}

const char *
cmd_times(struct ctx *ctx)
{
	return ctx->utf8 ? "\xc3\x97" : "x";
}

int
cmd_usage_error(
    struct ctx *ctx, const struct cmd_entry *ce, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(ctx, NULL, fmt, ap);
	va_end(ap);
	if (ce != NULL) {
		fprintf(stderr, "usage: %s\n", ce->usage);
		fprintf(stderr, "Try 'prehab %s --help' for more.\n", ce->name);
	} else {
		fputs(main_usage, stderr);
		fputs("Try 'prehab help' for the list of commands.\n", stderr);
	}
	return EXIT_USAGE;
}

void
cmd_store_warn(const char *file, long line, const char *reason, void *arg)
{
	(void)arg;
	fflush(stdout);
	fprintf(stderr, "prehab: %s:%ld: %s\n", file, line, reason);
}

void
cmd_print_help(const struct cmd_entry *ce, FILE *fp)
{
	fprintf(fp, "usage: %s\n\n%s\n", ce->usage, ce->synopsis);
	if (ce->help != NULL && *ce->help != '\0')
		fprintf(fp, "\n%s", ce->help);
	fputs("\nGlobal options (before or after the command):\n"
	      "  --config FILE     read this configuration file\n"
	      "  --data FILE       use this log file ('-' is stdin for "
	      "reading);\n"
	      "                    repeat to read several logs as one\n"
	      "  --today DATE      act as if today were DATE\n"
	      "  --color WHEN      auto, always or never\n"
	      "  -h, --help        show this help\n",
	    fp);
	/* "show log" is documented in prehab-show(1). */
	fprintf(fp, "\nSee prehab-%.*s(1).\n", (int)strcspn(ce->name, " "),
	    ce->name);
}

const char *
cmd_color(struct ctx *ctx, const char *sgr)
{
	static char buf[4][16];
	static int next;
	char *b;

	if (!ctx->color)
		return "";
	b = buf[next++ % 4];
	snprintf(b, sizeof(buf[0]), "\033[%sm", sgr);
	return b;
}

const char *
cmd_reset(struct ctx *ctx)
{
	return ctx->color ? "\033[0m" : "";
}

int
cmd_parse_date(struct ctx *ctx, const char *expr, int dir, date_t *out)
{
	char *cause = NULL;

	if (date_parse(expr, ctx->today, dir, out, &cause) == 0)
		return 0;
	cmd_err(ctx, "%s", cause);
	free(cause);
	return -1;
}

int
cmd_parse_bound(struct ctx *ctx, const char *expr, int end, date_t *out)
{
	char *cause = NULL;
	date_t first, last;

	if (date_parse_span(expr, ctx->today, -1, &first, &last, &cause) == 0) {
		*out = end ? last : first;
		return 0;
	}
	cmd_err(ctx, "%s", cause);
	free(cause);
	return -1;
}

int
cmd_parse_int(struct ctx *ctx, const char *what, const char *s, long min,
    long max, long *out)
{
	if (util_parse_long(s, min, max, out) == 0)
		return 0;
	cmd_err(ctx, "%s must be %ld-%ld, got '%s'", what, min, max, s);
	return -1;
}

int
cmd_one_log(struct ctx *ctx)
{
	/* Which of several logs a row belongs in is not prehab's to guess. */
	if (ctx->cfg.nlogs <= 1)
		return 0;
	cmd_err(ctx, "writes need one log, but %zu were given (%s)",
	    ctx->cfg.nlogs,
	    ctx->cfg.origin[KEY_DATA] == ORIGIN_OPTION ? "--data"
						       : "PREHAB_DATA");
	return EXIT_USAGE;
}

static int
takes_value(const struct option *opts, const char *name)
{
	for (int i = 0; opts != NULL && opts[i].name != NULL; i++)
		if (strcmp(name, opts[i].name) == 0)
			return opts[i].has_arg == required_argument;
	return 0;
}

const char *
cmd_sub_word(const struct cmd_entry *sub)
{
	const char *sp = strrchr(sub->name, ' ');

	return sp != NULL ? sp + 1 : sub->name;
}

/* The sub-command of ce that the word w names, or NULL. */
static const struct cmd_entry *
sub_named(const struct cmd_entry *ce, const char *w)
{
	for (int i = 0; ce->subs != NULL && ce->subs[i] != NULL; i++)
		if (strcmp(cmd_sub_word(ce->subs[i]), w) == 0)
			return ce->subs[i];
	return NULL;
}

/* Whether an option takes a value, for ce or any of its sub-commands. */
static int
any_takes_value(const struct cmd_entry *ce, const char *name)
{
	if (takes_value(ce->opts, name))
		return 1;
	for (int i = 0; ce->subs != NULL && ce->subs[i] != NULL; i++)
		if (takes_value(ce->subs[i]->opts, name))
			return 1;
	return 0;
}

const struct cmd_entry *
cmd_find_sub(const struct cmd_entry *ce, int argc, char **argv, int *at)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			if (i + 1 >= argc)
				return NULL;
			*at = i + 1;
			return sub_named(ce, argv[i + 1]);
		}
		if (a[0] != '-' || a[1] == '\0') {
			*at = i;
			return sub_named(ce, a);
		}
		if (strchr(a, '=') != NULL || strncmp(a, "--", 2) != 0)
			continue;
		if (any_takes_value(ce, a + 2))
			i++;
	}
	return NULL;
}

int
cmd_need_log(struct ctx *ctx)
{
	if (ctx->cfg.data_path != NULL)
		return 0;
	cmd_err(
	    ctx, "cannot find the log: set HOME, XDG_DATA_HOME or use --data");
	return EXIT_CONFIG;
}

int
cmd_fail_status(enum fail f)
{
	switch (f) {
	case FAIL_NONE: return 0;
	case FAIL_IO: return EXIT_IO;
	case FAIL_DATA: return EXIT_DATA;
	case FAIL_NOINPUT: return EXIT_NOINPUT;
	case FAIL_LOCKED: return EXIT_TEMPFAIL;
	case FAIL_CONFIG: return EXIT_CONFIG;
	case FAIL_NOMEM: return EXIT_SOFTWARE;
	}
	return EXIT_SOFTWARE;
}

int
cmd_word(struct ctx *ctx, const struct cmd_entry *ce, const char *what,
    const char *const *words, const char *arg, int *out)
{
	char *msg;
	int i, rc = EXIT_USAGE;

	if ((i = util_word_pick(words, arg)) >= 0) {
		*out = i;
		return 0;
	}
	msg = util_word_error(what, words, arg);
	if (ce != NULL)
		rc = cmd_usage_error(ctx, ce, "%s", msg);
	else
		cmd_err(ctx, "%s", msg);
	free(msg);
	return rc;
}

/* Finds the nearest long option name, for "did you mean". */
static const char *
nearest_option(const struct option *opts, const char *given)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, len;
	char name[128];

	snprintf(name, sizeof(name), "%s", given);
	name[strcspn(name, "=")] = '\0';
	len = strlen(name);
	for (int i = 0; opts[i].name != NULL; i++) {
		size_t d = util_edit_distance(name, opts[i].name);

		if (d < bestd) {
			bestd = d;
			best = opts[i].name;
		}
	}
	if (best == NULL || bestd > (len / 3 > 2 ? len / 3 : 2))
		return NULL;
	return best;
}

static void
warn_config(const char *msg, void *arg)
{
	struct ctx *ctx = arg;

	(void)ctx;
	fflush(stdout);
	fprintf(stderr, "prehab: warning: %s\n", msg);
}

/* Loads the configuration and settles today, colour and width. */
static int
ctx_setup(struct ctx *ctx, const struct cmd_entry *ce)
{
	const char *v;
	char *cause = NULL;
	int rc;

	if (ctx->loaded)
		return -1;
	rc = config_load(&ctx->cfg, &ctx->args, warn_config, ctx, &cause);
	ctx->loaded = 1;
	if (rc == CONFIG_EUSAGE) {
		rc = cmd_usage_error(ctx, ce, "%s", cause);
		free(cause);
		return rc;
	}
	if (rc != CONFIG_OK) {
		fprintf(stderr, "prehab: %s\n", cause);
		free(cause);
		return EXIT_CONFIG;
	}

	ctx->today = date_today();
	v = ctx->today_arg;
	if (v == NULL && (v = getenv("PREHAB_TODAY")) != NULL && *v == '\0')
		v = NULL;
	if (v != NULL &&
	    date_parse(v, ctx->today, -1, &ctx->today, &cause) != 0) {
		rc = cmd_usage_error(ctx, ce, "%s: %s",
		    ctx->today_arg ? "--today" : "PREHAB_TODAY", cause);
		free(cause);
		return rc;
	}
	{
		date_t lo, hi;
		char d[DATE_BUFSZ];

		date_from_ymd(DATE_TODAY_MIN_YEAR, 1, 1, &lo);
		date_from_ymd(DATE_TODAY_MAX_YEAR, 12, 31, &hi);
		if (ctx->today < lo || ctx->today > hi)
			return cmd_usage_error(ctx, ce,
			    "%s: %s is outside the supported range, %d-01-01 "
			    "to %d-12-31",
			    v == NULL            ? "today"
				: ctx->today_arg ? "--today"
						 : "PREHAB_TODAY",
			    date_format(ctx->today, d), DATE_TODAY_MIN_YEAR,
			    DATE_TODAY_MAX_YEAR);
	}

	switch (ctx->cfg.color) {
	case COLOR_ALWAYS: ctx->color = 1; break;
	case COLOR_NEVER: ctx->color = 0; break;
	case COLOR_AUTO:
		v = getenv("TERM");
		ctx->color = isatty(STDOUT_FILENO) &&
		    (v == NULL || strcmp(v, "dumb") != 0);
		break;
	}

	/* COLUMNS when it makes sense, else the terminal's; see cmd_width. */
	ctx->width = 0;
	if ((v = getenv("COLUMNS")) != NULL && *v != '\0') {
		long n;

		if (util_parse_long(v, 20, 10000, &n) == 0)
			ctx->width = (int)n;
	}
	if (ctx->width == 0 && isatty(STDOUT_FILENO)) {
		struct winsize ws;

		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
		    ws.ws_col >= 20)
			ctx->width = ws.ws_col;
	}
	return -1;
}

/* Handles a global option; returns -1 if opt is not one. */
static int
global_option(struct ctx *ctx, int opt, char *arg)
{
	switch (opt) {
	case OPT_CONFIG: ctx->args.config = arg; return 0;
	case OPT_DATA:
		/* Every --data is a log; past the limit, config refuses. */
		if (ctx->args.ndata <= CONFIG_MAX_LOGS)
			ctx->datav[ctx->args.ndata++] = arg;
		ctx->args.data = ctx->datav;
		return 0;
	case OPT_TODAY: ctx->today_arg = arg; return 0;
	case OPT_COLOR: ctx->args.color = arg; return 0;
	}
	return -1;
}

int
cmd_options(struct ctx *ctx, const struct cmd_entry *ce, int argc, char **argv,
    cmd_opt_fn fn, void *data, int *ind)
{
	int opt, rc;

	ctx->cmd = ce->name;
	/*
	 * 0, not 1: only then does glibc read the optstring afresh; else the
	 * "+" of main()'s scan stays and stops at the first operand.
	 */
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ce->shortopts, ce->opts, NULL)) !=
	    -1) {
		const char *bad = argv[optind - 1];

		if (opt == 'h') {
			cmd_print_help(ce, stdout);
			return 0;
		}
		if (opt == '?') {
			const char *near;

			if (optopt != 0 && optopt < 0x100)
				return cmd_usage_error(
				    ctx, ce, "unknown option '-%c'", optopt);
			if (optopt != 0)
				return cmd_usage_error(
				    ctx, ce, "option '%s' takes no value", bad);
			if (strncmp(bad, "--", 2) == 0 &&
			    (near = nearest_option(ce->opts, bad + 2)) != NULL)
				return cmd_usage_error(ctx, ce,
				    "unknown option '%s' (did you mean "
				    "'--%s'?)",
				    bad, near);
			return cmd_usage_error(
			    ctx, ce, "unknown option '%s'", bad);
		}
		if (opt == ':') {
			if (optopt != 0 && optopt < 0x100)
				return cmd_usage_error(ctx, ce,
				    "option '-%c' needs a value", optopt);
			return cmd_usage_error(
			    ctx, ce, "option '%s' needs a value", bad);
		}
		if (global_option(ctx, opt, optarg) == 0)
			continue;
		if (fn == NULL)
			return cmd_usage_error(ctx, ce, "unexpected option");
		if ((rc = fn(ctx, opt, optarg, data)) != 0)
			return rc;
	}
	*ind = optind;
	return ctx_setup(ctx, ce);
}

static int
unknown_command(struct ctx *ctx, const char *name)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1;

	for (int i = 0; commands[i] != NULL; i++) {
		size_t d = util_edit_distance(name, commands[i]->name);

		/* A prefix is as good as a near miss: "pl" means plan. */
		if (strncmp(commands[i]->name, name, strlen(name)) == 0)
			d = 1;
		if (d < bestd) {
			bestd = d;
			best = commands[i]->name;
		}
	}
	if (best != NULL && bestd <= 2)
		return cmd_usage_error(ctx, NULL,
		    "'%s' is not a command "
		    "(did you mean '%s'?)",
		    name, best);
	return cmd_usage_error(ctx, NULL, "'%s' is not a command", name);
}

/* Settles output: returns 0, or an exit status after a failed write. */
static int
finish_output(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout) && fclose(stdout) == 0)
		return 0;
	/* A reader that went away early (| head) is not an error. */
	if (errno == EPIPE)
		return 0;
	fprintf(stderr, "prehab: cannot write output: %s\n", strerror(errno));
	return EXIT_IO;
}

/*
 * A standard stream that is closed (prehab log >&-) is given /dev/null,
 * opened read-only, in its place: so the log or a temporary file can
 * never become file descriptor 1 and receive the report, while writes
 * to the stream still fail as they would on a closed one.
 */
static void
keep_stdio(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", O_RDONLY) != fd)
			abort();
}

int
main(int argc, char **argv)
{
	struct ctx ctx;
	const struct cmd_entry *ce;
	const char *cs;
	int opt, rc;

	memset(&ctx, 0, sizeof(ctx));
	keep_stdio();
	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	ctx.utf8 =
	    cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	/* Writing to a closed pipe ends the program quietly, as for cat. */
	signal(SIGPIPE, SIG_DFL);

	opterr = 0;
	while (
	    (opt = getopt_long(argc, argv, "+:hV", global_opts, NULL)) != -1) {
		switch (opt) {
		case 'h': help_list_commands(); return finish_output();
		case 'V':
		case OPT_VERSION:
			printf("prehab %s\n", PREHAB_VERSION);
			return finish_output();
		case '?':
			if (optopt != 0 && optopt < 0x100)
				return cmd_usage_error(
				    &ctx, NULL, "unknown option '-%c'", optopt);
			return cmd_usage_error(&ctx, NULL,
			    "unknown option '%s'", argv[optind - 1]);
		case ':':
			return cmd_usage_error(&ctx, NULL,
			    "option '%s' needs a value", argv[optind - 1]);
		default: global_option(&ctx, opt, optarg); break;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		/* The main job, as `git` alone would list commands. */
		ce = &cmd_plan_entry;
		static char plan_word[] = "plan";

		argv = (char *[]){ plan_word, NULL };
		argc = 1;
	} else if ((ce = cmd_find(argv[0])) == NULL) {
		return unknown_command(&ctx, argv[0]);
	}
	rc = ce->exec(&ctx, argc, argv);
	if (ctx.loaded)
		config_free(&ctx.cfg);
	/* The command has said what it changed and what it could not print. */
	if (rc == EXIT_UNREPORTED)
		return rc;
	if (finish_output() != 0 && rc == 0)
		rc = EXIT_IO;
	return rc;
}
