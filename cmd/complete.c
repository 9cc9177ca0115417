/*
 * complete.c: the shell completions' engine. The bash, zsh and fish
 * scripts in completions/ pass the words of the command line to
 * `prehab help --complete -- WORD...` and offer what it prints, so the
 * commands, options, formats and exercise names (the user's own included)
 * always come from the program itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "prehab.h"
#include "util.h"

static const struct option global_opts[] = { GLOBAL_OPTIONS,
	{ "version", no_argument, NULL, 0 }, { NULL, 0, NULL, 0 } };

static const struct cmd_value global_values[] = { { "config", "@file" },
	{ "data", "@file" }, { "today", "@date" },
	{ "color", "auto always never" }, { NULL, NULL } };

static const char *const date_words[] = { "today", "yesterday", "tomorrow",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "this-month", "last-month", "this-year", "last-year", NULL };

static int
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void
offer(const char *prefix, const char *word, const char *cur)
{
	if (has_prefix(word, cur))
		printf("%s%s\n", prefix, word);
}

/* The long option named by word ("--format" or "--format=x"), or NULL. */
static const struct option *
find_option(const struct option *opts, const char *word)
{
	size_t len;

	if (!has_prefix(word, "--"))
		return NULL;
	word += 2;
	len = strcspn(word, "=");
	for (int i = 0; opts[i].name != NULL; i++)
		if (strlen(opts[i].name) == len &&
		    strncmp(opts[i].name, word, len) == 0)
			return &opts[i];
	return NULL;
}

static const char *
values_of(const struct cmd_value *values, const char *name)
{
	for (int i = 0; values != NULL && values[i].option != NULL; i++)
		if (strcmp(values[i].option, name) == 0)
			return values[i].words;
	for (int i = 0; global_values[i].option != NULL; i++)
		if (strcmp(global_values[i].option, name) == 0)
			return global_values[i].words;
	return NULL;
}

/* Expands a hint (see cmd_value in prehab.h) and prints what matches. */
static void
expand(struct ctx *ctx, const char *hint, const char *prefix, const char *cur,
    const char *exercise)
{
	char *copy, *w, *next;

	if (hint == NULL)
		return;
	copy = xstrdup(hint);
	for (w = copy; w != NULL && *w != '\0'; w = next) {
		if ((next = strchr(w, ' ')) != NULL)
			*next++ = '\0';
		if (strcmp(w, "@file") == 0) {
			printf("@file\n");
		} else if (strcmp(w, "@exercise") == 0) {
			const struct catalog *cat = &ctx->cfg.catalog;

			for (size_t i = 0; i < cat->n; i++)
				offer(prefix, cat->ex[i].slug, cur);
		} else if (strcmp(w, "@variant") == 0) {
			const struct exercise *e = NULL;
			char *cause = NULL;

			if (exercise != NULL)
				e = catalog_find(
				    &ctx->cfg.catalog, exercise, &cause);
			free(cause);
			for (int i = 0; e != NULL && i < e->nvariants; i++)
				offer(prefix, e->variants[i].slug, cur);
		} else if (strcmp(w, "@date") == 0 ||
		    strcmp(w, "@period") == 0) {
			if (w[1] == 'p')
				offer(prefix, "next", cur);
			for (int i = 0; date_words[i] != NULL; i++)
				if (w[1] == 'd' ||
				    strcmp(date_words[i], "yesterday") != 0)
					offer(prefix, date_words[i], cur);
		} else if (strcmp(w, "@command") == 0) {
			for (int i = 0; commands[i] != NULL; i++)
				offer(prefix, commands[i]->name, cur);
		} else {
			offer(prefix, w, cur);
		}
	}
	free(copy);
}

int
complete_words(struct ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *ce = NULL;
	const struct option *opts = global_opts, *o;
	const struct cmd_value *values = NULL;
	const char *cur = argc > 0 ? argv[argc - 1] : "", *operand = NULL;
	int n = argc > 0 ? argc - 1 : 0, noperands = 0, i;

	/* Walk the finished words: the command, its operands, and values. */
	for (i = 0; i < n; i++) {
		const char *w = argv[i];

		if (strcmp(w, "--") == 0)
			break;
		if (w[0] == '-' && w[1] != '\0') {
			o = find_option(opts, w);
			if (o == NULL && ce != NULL)
				o = find_option(global_opts, w);
			if (o != NULL && o->has_arg == required_argument &&
			    strchr(w, '=') == NULL) {
				if (i == n - 1) {
					/* The current word is this value. */
					expand(ctx, values_of(values, o->name),
					    "", cur, operand);
					return 0;
				}
				i++;
			}
			continue;
		}
		if (ce == NULL) {
			if ((ce = cmd_find(w)) == NULL)
				return 0;
			opts = ce->opts;
			values = ce->values;
			continue;
		}
		/* A sub-command (`show log`) has options of its own. */
		if (noperands == 0 && ce->subs != NULL)
			for (int k = 0; ce->subs[k] != NULL; k++)
				if (strcmp(w, cmd_sub_word(ce->subs[k])) == 0) {
					ce = ce->subs[k];
					opts = ce->opts;
					values = ce->values;
					break;
				}
		if (noperands == 0)
			operand = w;
		noperands++;
	}

	if (has_prefix(cur, "--") && strchr(cur, '=') != NULL) {
		char prefix[128];
		size_t len = (size_t)(strchr(cur, '=') - cur) + 1;

		if (len >= sizeof(prefix) ||
		    (o = find_option(opts, cur)) == NULL)
			return 0;
		snprintf(prefix, sizeof(prefix), "%.*s", (int)len, cur);
		expand(ctx, values_of(values, o->name), prefix, cur + len,
		    operand);
		return 0;
	}
	if (cur[0] == '-') {
		for (int j = 0; opts[j].name != NULL; j++) {
			char name[128];

			snprintf(name, sizeof(name), "--%s", opts[j].name);
			offer("", name, cur);
		}
		return 0;
	}
	if (ce == NULL) {
		expand(ctx, "@command", "", cur, NULL);
		return 0;
	}
	/* Only the first operand has a fixed set of values. */
	if (noperands == 0)
		expand(ctx, ce->args, "", cur, NULL);
	return 0;
}
