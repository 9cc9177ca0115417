/*
 * prehab.h: what every command file shares: the command table entry, the
 * run context (options, config, today), exit statuses and error printing.
 */
#ifndef PREHAB_CMD_H
#define PREHAB_CMD_H

#include <getopt.h>
#include <stdio.h>

#include "config.h"
#include "date.h"
#include "fail.h"

#define PREHAB_VERSION "0.1.0"

/*
 * Exit statuses, documented in prehab(1). The data, I/O and config codes
 * are the sysexits.h values, so scripts can tell the failures apart.
 */
#define EXIT_NOTHING 1 /* ran fine, nothing to report (cron) */
#define EXIT_USAGE 2 /* bad command line */
/* The log was changed, but the report of it could not be written. */
#define EXIT_UNREPORTED 3
#define EXIT_DATA 65 /* EX_DATAERR: bad rows in the log or input */
#define EXIT_NOINPUT 66 /* EX_NOINPUT: an input file is missing */
#define EXIT_SOFTWARE 70 /* EX_SOFTWARE: internal error */
#define EXIT_IO 74 /* EX_IOERR: reading or writing failed */
#define EXIT_TEMPFAIL 75 /* EX_TEMPFAIL: the log is locked */
#define EXIT_CONFIG 78 /* EX_CONFIG: bad configuration file */

/* Long-only option values shared by every command. */
enum {
	OPT_CONFIG = 0x100,
	OPT_DATA,
	OPT_TODAY,
	OPT_COLOR,
	OPT_VERSION,
	OPT_FIRST_CMD = 0x200 /* commands number their own from here */
};

/* The global options, accepted before or after the command name. */
#define GLOBAL_OPTIONS                                                         \
	{ "config", required_argument, NULL, OPT_CONFIG },                     \
	    { "data", required_argument, NULL, OPT_DATA },                     \
	    { "today", required_argument, NULL, OPT_TODAY },                   \
	    { "color", required_argument, NULL, OPT_COLOR },                   \
	{                                                                      \
		"help", no_argument, NULL, 'h'                                 \
	}

struct ctx {
	struct config_args args; /* --config, --data, --color */
	/* Each --data, for args.data; one more than allowed is refused. */
	const char *datav[CONFIG_MAX_LOGS + 1];
	const char *today_arg; /* --today */
	const char *cmd; /* the running command, for errors */
	struct config cfg;
	int loaded; /* cfg is loaded */
	date_t today;
	int color; /* write escape codes */
	int utf8; /* the locale is UTF-8 */
	int width; /* terminal columns, 0 if unlimited */
};

struct cmd_entry {
	const char *name;
	int (*exec)(struct ctx *, int, char **);
	const char *synopsis; /* one line for `prehab help` */
	const char *usage; /* "prehab show [--format F] [WHAT]" */
	const char *help; /* option descriptions for --help */
	const struct option *opts; /* long options, GLOBAL_OPTIONS too */
	const char *shortopts; /* for getopt_long, starting with ':' */
	const char *args; /* what operands complete to, below */
	const struct cmd_value *values; /* what option values complete to */
	/*
	 * Sub-commands, NULL-terminated or NULL: an entry named "show log"
	 * runs when its last word is the command's first operand.
	 */
	const struct cmd_entry *const *subs;
};

/*
 * Completion hints: space-separated words, or one of the specials
 * "@exercise" (exercise names), "@variant" (variants of the exercise named
 * on the line), "@date" (date words), "@period" (plan's periods), "@command"
 * and "@file". A table of cmd_value ends with a NULL option.
 */
struct cmd_value {
	const char *option; /* long option name without "--" */
	const char *words;
};

/*
 * `prehab help --complete -- WORD...`: prints the candidates for the last
 * WORD, one per line, or "@file" when a file name is wanted.
 */
int complete_words(struct ctx *, int argc, char **argv);

extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_log_entry;
extern const struct cmd_entry cmd_go_entry;
extern const struct cmd_entry cmd_plan_entry;
extern const struct cmd_entry cmd_stats_entry;
/* `show log`, for its help and completions. */
extern const struct cmd_entry cmd_show_log_entry;

/* The command table, NULL-terminated, in the order `prehab help` lists. */
extern const struct cmd_entry *const commands[];
const struct cmd_entry *cmd_find(const char *name);

/* Called for each command-specific option; returns 0 or an exit status. */
typedef int (*cmd_opt_fn)(struct ctx *, int opt, char *arg, void *data);

/*
 * Parses a command's options with getopt_long, handling the global ones,
 * --help and errors, then loads the configuration. Returns -1 to go on
 * (with *ind the first operand), or an exit status to return at once.
 */
int cmd_options(struct ctx *, const struct cmd_entry *, int argc, char **argv,
    cmd_opt_fn, void *data, int *ind);

/* Prints "prehab: CMD: message" to stderr. */
void cmd_err(struct ctx *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints "prehab: CMD: warning: message" to stderr. */
void cmd_warn(struct ctx *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints the message, the usage line and a hint; returns EXIT_USAGE. */
int cmd_usage_error(struct ctx *, const struct cmd_entry *, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));
/* Prints the main usage and the list of commands to stdout. */
void help_list_commands(void);
/* Prints the full --help text of a command to fp. */
void cmd_print_help(const struct cmd_entry *, FILE *fp);
/* A warning callback for lib/: arg is the ctx, msg one line. */
void cmd_warn_line(const char *msg, void *arg);
/* The multiplication sign of a dose: "×" on a UTF-8 terminal, else "x". */
const char *cmd_times(struct ctx *);
/* Writes "prehab: FILE:LINE: reason" for a malformed log row. */
void cmd_store_warn(const char *file, long line, const char *reason, void *arg);

/*
 * The one map from a failure class of lib/ to an exit status, as in the
 * EXIT STATUS table of prehab(1).
 */
int cmd_fail_status(enum fail);

/*
 * Parses an option word (see util_word_pick): sets *out to its index and
 * returns 0, or prints the one message and returns EXIT_USAGE, as a usage
 * error with ce's usage line when ce is given, as a plain error if not.
 */
int cmd_word(struct ctx *, const struct cmd_entry *ce, const char *what,
    const char *const *words, const char *arg, int *out);

/* Parses a date expression against today; prints the error itself. */
int cmd_parse_date(struct ctx *, const char *expr, int dir, date_t *out);
/*
 * A bound of a range, as --since (end 0) or --until (end 1) takes it: a
 * period such as a month means its first day as a start, its last as an
 * end. Prints the error; returns 0 or -1.
 */
int cmd_parse_bound(struct ctx *, const char *expr, int end, date_t *out);
/* Parses an integer option in [min, max]; prints the error itself. */
int cmd_parse_int(struct ctx *, const char *what, const char *s, long min,
    long max, long *out);

/*
 * For a command that writes the log: 0 when there is one log, else
 * prints why several cannot be written and returns EXIT_USAGE.
 */
int cmd_one_log(struct ctx *);
/*
 * Every command that reads or writes the log needs to know where it is:
 * 0, or the one message (no HOME, no XDG_DATA_HOME, no --data) and
 * EXIT_CONFIG, the same from every command.
 */
int cmd_need_log(struct ctx *);

/*
 * The sub-command of ce whose word is argv's first operand (options that
 * take a value are stepped over, so `show --format csv log` finds it):
 * sets *at to that operand's index and returns the entry, or NULL.
 */
const struct cmd_entry *
cmd_find_sub(const struct cmd_entry *ce, int argc, char **argv, int *at);
/* The word that names a sub-command: "log" of "show log". */
const char *cmd_sub_word(const struct cmd_entry *sub);

/* ANSI colour, only when ctx->color is set. */
const char *cmd_color(struct ctx *, const char *sgr); /* "1", "32" ... */
const char *cmd_reset(struct ctx *);

#endif
