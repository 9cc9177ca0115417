/*
 * help.c: `prehab help [COMMAND]`, driven by the command table. Two hidden
 * queries serve the shell completions, so they never drift from the code:
 * `prehab help --commands` and `prehab help --options COMMAND`.
 */
#include <stdio.h>
#include <string.h>

#include "prehab.h"

enum { OPT_COMMANDS = OPT_FIRST_CMD, OPT_OPTIONS, OPT_COMPLETE };

static const struct option help_opts[] = { GLOBAL_OPTIONS,
	{ "commands", no_argument, NULL, OPT_COMMANDS },
	{ "options", no_argument, NULL, OPT_OPTIONS },
	{ "complete", no_argument, NULL, OPT_COMPLETE }, { NULL, 0, NULL, 0 } };

struct help_args {
	int commands;
	int options;
	int complete;
};

static int
help_opt(struct ctx *ctx, int opt, char *arg, void *data)
{
	struct help_args *ha = data;

	(void)ctx;
	(void)arg;
	if (opt == OPT_COMMANDS)
		ha->commands = 1;
	else if (opt == OPT_OPTIONS)
		ha->options = 1;
	else if (opt == OPT_COMPLETE)
		ha->complete = 1;
	return 0;
}

void
help_list_commands(void)
{
	int w = 0;

	for (int i = 0; commands[i] != NULL; i++)
		if ((int)strlen(commands[i]->name) > w)
			w = (int)strlen(commands[i]->name);
	printf("usage: prehab [--config FILE] [--data FILE] [--today DATE] "
	       "[--color WHEN]\n"
	       "              COMMAND [OPTIONS] [ARGS]\n\n"
	       "Plan, log and track a runner's knee-strength routine.\n\n"
	       "Commands:\n");
	for (int i = 0; commands[i] != NULL; i++)
		printf("  %-*s  %s\n", w, commands[i]->name,
		    commands[i]->synopsis);
	printf("\nRun 'prehab help COMMAND' or 'prehab COMMAND --help' for "
	       "one command,\nand see prehab(1) for the whole tool.\n");
}

static int
cmd_help(struct ctx *ctx, int argc, char **argv)
{
	struct help_args ha = { 0, 0, 0 };
	const struct cmd_entry *ce;
	int ind, rc;

	if ((rc = cmd_options(
		 ctx, &cmd_help_entry, argc, argv, help_opt, &ha, &ind)) >= 0)
		return rc;
	argc -= ind;
	argv += ind;

	if (ha.complete)
		return complete_words(ctx, argc, argv);
	if (ha.commands) {
		for (int i = 0; commands[i] != NULL; i++)
			printf("%s\n", commands[i]->name);
		return 0;
	}
	if (argc == 0) {
		if (ha.options) {
			static const struct option g[] = { GLOBAL_OPTIONS,
				{ "version", no_argument, NULL, 0 },
				{ NULL, 0, NULL, 0 } };

			for (int i = 0; g[i].name != NULL; i++)
				printf("--%s%s\n", g[i].name,
				    g[i].has_arg ? "=" : "");
			return 0;
		}
		help_list_commands();
		return 0;
	}
	if ((ce = cmd_find(argv[0])) == NULL) {
		cmd_err(
		    ctx, "'%s' is not a command (see 'prehab help')", argv[0]);
		return EXIT_USAGE;
	}
	/* `prehab help show log`: a sub-command's own help. */
	if (argc == 2 && ce->subs != NULL) {
		const struct cmd_entry *sub;
		int at;

		if ((sub = cmd_find_sub(ce, argc, argv, &at)) == NULL) {
			cmd_err(ctx,
			    "'%s %s' is not a command (see 'prehab help')",
			    argv[0], argv[1]);
			return EXIT_USAGE;
		}
		ce = sub;
		argc--;
	}
	if (argc > 1)
		return cmd_usage_error(
		    ctx, &cmd_help_entry, "too many arguments");
	if (ha.options) {
		for (int i = 0; ce->opts[i].name != NULL; i++)
			printf("--%s%s\n", ce->opts[i].name,
			    ce->opts[i].has_arg ? "=" : "");
		return 0;
	}
	cmd_print_help(ce, stdout);
	return 0;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.exec = cmd_help,
	.synopsis = "Show the commands, or the help of one command.",
	.usage = "prehab help [COMMAND [SUBCOMMAND]]",
	.help = "",
	.opts = help_opts,
	.shortopts = ":h",
	.args = "@command",
	.values = NULL,
};
