/*
 * logedit.c: `prehab log --edit`, after crontab -e and visudo. The rows
 * go to a private temporary file that the user's editor opens; what it
 * leaves is checked row by row, and only a clean edit reaches the log, in
 * one rewrite. A bad edit can be edited again or abandoned; abandoning,
 * like a failing editor, leaves the log as it was.
 */
#define _DEFAULT_SOURCE /* mkstemps(3) */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edit.h"
#include "logedit.h"
#include "store.h"
#include "util.h"

#define EDIT_SUFFIX ".csv" /* so that editors know the format */

/* $VISUAL, else $EDITOR, else vi, as crontab(1) and git choose. */
static const char *
editor_name(void)
{
	const char *e;

	if ((e = getenv("VISUAL")) != NULL && *e != '\0')
		return e;
	if ((e = getenv("EDITOR")) != NULL && *e != '\0')
		return e;
	return "vi";
}

/*
 * Runs the editor on file through sh -c, the file as "$1", so that an
 * EDITOR with its own options ("code -w", "emacs -nw") works and a file
 * name is never split or expanded. Like system(3), prehab ignores the
 * terminal's interrupt while the editor has it. Returns the editor's
 * exit status, 128 + N for signal N, or -1 if it could not be run.
 */
static int
run_editor(const char *ed, const char *file)
{
	struct sigaction ign, oldint, oldquit;
	char *script = xasprintf("%s \"$@\"", ed);
	pid_t pid;
	int st, rc = -1;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oldint);
	sigaction(SIGQUIT, &ign, &oldquit);
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == 0) {
		sigaction(SIGINT, &oldint, NULL);
		sigaction(SIGQUIT, &oldquit, NULL);
		execl("/bin/sh", "sh", "-c", script, ed, file, (char *)NULL);
		_exit(127);
	}
	if (pid != -1) {
		while (waitpid(pid, &st, 0) == -1)
			if (errno != EINTR) {
				st = -1;
				break;
			}
		if (st != -1)
			rc = WIFEXITED(st)    ? WEXITSTATUS(st)
			    : WIFSIGNALED(st) ? 128 + WTERMSIG(st)
					      : -1;
	}
	sigaction(SIGINT, &oldint, NULL);
	sigaction(SIGQUIT, &oldquit, NULL);
	free(script);
	return rc;
}

/*
 * The file the editor gets: in $TMPDIR if set, else next to the log (a
 * directory prehab made 0700), 0600 either way, and named unlike the
 * temporary files of a rewrite, which the stale-file sweep removes.
 */
static char *
make_edit_file(struct ctx *ctx, const struct buf *text)
{
	const char *tmpdir = getenv("TMPDIR"), *slash;
	char *dir, *path;
	int fd;

	if (tmpdir != NULL && *tmpdir != '\0')
		dir = xstrdup(tmpdir);
	else if ((slash = strrchr(ctx->cfg.data_path, '/')) != NULL)
		dir = slash == ctx->cfg.data_path
		    ? xstrdup("/")
		    : xstrndup(ctx->cfg.data_path,
			  (size_t)(slash - ctx->cfg.data_path));
	else
		dir = xstrdup(".");
	path = xasprintf("%s%sprehab-edit-XXXXXX" EDIT_SUFFIX, dir,
	    dir[strlen(dir) - 1] == '/' ? "" : "/");
	free(dir);
	if ((fd = mkstemps(path, (int)strlen(EDIT_SUFFIX))) == -1) {
		cmd_err(ctx, "cannot create a file to edit in: %s: %s", path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	if (fchmod(fd, 0600) == -1 ||
	    (text->len > 0 &&
		write(fd, text->data, text->len) != (ssize_t)text->len) ||
	    close(fd) == -1) {
		cmd_err(ctx, "cannot write '%s': %s", path, strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* Asks whether to edit again; 1 for yes, 0 to abandon (or at EOF). */
static int
ask_again(void)
{
	char line[64];

	for (;;) {
		fputs("(e)dit again or (a)bandon? ", stderr);
		fflush(stderr);
		if (fgets(line, sizeof(line), stdin) == NULL)
			return 0;
		if (line[0] == 'e' || line[0] == 'E')
			return 1;
		if (line[0] == 'a' || line[0] == 'A')
			return 0;
	}
}

/* Prints the rows of lines, one CSV line each, after mark. */
static void
print_lines(const char *mark, const struct buf *lines)
{
	const char *p, *nl;

	for (p = lines->data; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		printf("%s %.*s\n", mark, (int)(nl - p), p);
	}
}

/* Prints what the edit did; returns the exit status. */
static int
report(struct ctx *ctx, const struct edit_result *res)
{
	int err;

	printf("edited %zu row%s, removed %zu, added %zu\n", res->edited,
	    res->edited == 1 ? "" : "s", res->removed, res->added);
	print_lines("-", &res->gone);
	print_lines("+", &res->came);
	if (res->added > 0)
		printf("The added rows have batch id %s: 'prehab log --undo "
		       "%s' takes them back.\n",
		    res->batch, res->batch);
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	err = errno != 0 ? errno : EIO;
	cmd_err(
	    ctx, "edited, but could not print the report: %s", strerror(err));
	return EXIT_UNREPORTED;
}

int
log_edit(struct ctx *ctx, date_t since, date_t until, int force)
{
	struct edit_take t;
	struct edit_result res;
	struct edit_rules rules = { &ctx->cfg.catalog, ctx->today, force,
		cmd_store_warn, NULL };
	const char *ed = editor_name();
	char *file = NULL, *cause = NULL;
	enum fail fail = FAIL_IO;
	long bad;
	int rc, st;

	memset(&res, 0, sizeof(res));
	memset(&t, 0, sizeof(t));
	if (edit_take(ctx->cfg.data_path, since, until, cmd_store_warn, NULL,
		&t, &fail, &cause) != 0) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		return cmd_fail_status(fail);
	}
	if ((file = make_edit_file(ctx, &t.text)) == NULL) {
		edit_take_free(&t);
		return EXIT_IO;
	}
	for (;;) {
		if ((st = run_editor(ed, file)) != 0) {
			if (st == -1)
				cmd_err(ctx,
				    "cannot run the editor '%s'; the log is "
				    "unchanged",
				    ed);
			else
				cmd_err(ctx,
				    "the editor '%s' exited with status %d; "
				    "the log is unchanged",
				    ed, st);
			rc = EXIT_NOTHING;
			goto done;
		}
		edit_result_free(&res);
		if ((bad = edit_check(&t, file, &rules, &res, &cause)) < 0) {
			cmd_err(ctx, "%s; the log is unchanged", cause);
			free(cause);
			rc = EXIT_IO;
			goto done;
		}
		if (bad == 0)
			break;
		if (isatty(STDIN_FILENO) && ask_again())
			continue;
		if (isatty(STDIN_FILENO)) {
			cmd_err(ctx, "edit abandoned; the log is unchanged");
			rc = EXIT_NOTHING;
		} else {
			cmd_err(ctx,
			    "%ld bad row%s in the edit; the log is "
			    "unchanged",
			    bad, bad == 1 ? "" : "s");
			rc = EXIT_DATA;
		}
		goto done;
	}
	if (res.unchanged) {
		printf("no rows changed; the log is unchanged\n");
		rc = 0;
		goto done;
	}
	store_hold_signals();
	if (store_replace(ctx->cfg.data_path, t.log, t.size, &res.content,
		&fail, &cause) != 0) {
		/* Nothing is lost: the edit stays where the user made it. */
		cmd_err(ctx, "%s; nothing written, the edit is kept in '%s'",
		    cause, file);
		free(cause);
		free(file);
		file = NULL;
		rc = cmd_fail_status(fail);
		goto done;
	}
	rc = report(ctx, &res);
done:
	if (file != NULL) {
		unlink(file);
		free(file);
	}
	edit_result_free(&res);
	edit_take_free(&t);
	return rc;
}
