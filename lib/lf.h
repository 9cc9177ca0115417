/*
 * lf: the log file primitives, for the store's writers (ap.c, undo.c).
 * It owns the lock on the log (opening, creating it and its directories,
 * the checks that it is a file we may rewrite), the rewrite through a
 * temporary file (write, fsync, owner and mode, the still-ours check,
 * rename, the sweep of temporary files a killed writer left), and the
 * signals held off around the rename. It knows nothing of rows.
 */
#ifndef PREHAB_LF_H
#define PREHAB_LF_H

#include <sys/stat.h>
#include <sys/types.h>

#include "fail.h"

struct buf;

/* The locked log: open, locked, and still the file at path. */
struct lf_lock {
	int fd;
	int created;
	struct stat st;
};

/* What a lock on the log is taken for. */
enum lf_mode {
	LF_READ, /* reading under the lock, as undo --dry-run does */
	LF_WRITE, /* rewriting an existing log (undo) */
	LF_CREATE /* appending, creating the log if need be */
};

/*
 * Opens path and takes its exclusive lock, waiting up to ten seconds.
 * A rewrite may rename a new file over path while we wait, leaving us
 * holding the lock on a file nobody will read again, so once locked we
 * check path still names our file and start over if not. With
 * LF_CREATE, a missing file (and its directories) is created 0600;
 * otherwise a missing file gives 0 with lk->fd -1. Writers (LF_WRITE and
 * LF_CREATE) open the log for writing, so that a log the user may not
 * write is refused by every one of them alike, and refuse a log with
 * other hard links, which a rewrite would split from it. Returns 0, or
 * -1 with *cause and its class in *fail: FAIL_LOCKED if the lock stayed
 * taken or the file kept being replaced, FAIL_CONFIG if the home
 * directory the log would go in does not exist, else FAIL_IO or (a
 * symbolic link to nothing) FAIL_NOINPUT.
 */
int lf_lock_log(const char *path, enum lf_mode mode, struct lf_lock *lk,
    enum fail *fail, char **cause);

/*
 * Replaces path, the file locked in lk, by its first keep bytes followed
 * by extra (may be NULL), through a temporary file in the same directory
 * that gets the log's owner, group and mode. Signals are held off from
 * the temporary file's creation to the rename so an interrupt leaves
 * either the old log or the new one, and no stray temporary file
 * (SIGKILL, which cannot be held off, may leave one for the next
 * rewrite to sweep). With dry_run every step is taken but the rename:
 * the temporary file is removed instead, so a dry run fails wherever
 * the real one would. Returns 0, or -1 with *cause and *fail
 * (FAIL_LOCKED if path was replaced meanwhile, else FAIL_IO); on error
 * the log is untouched.
 */
int lf_rewrite(const char *path, const struct lf_lock *lk, off_t keep,
    const struct buf *extra, int dry_run, enum fail *fail, char **cause);

/*
 * A rewrite replaces the file a symlink points at, not the symlink: sets
 * *real to the file's malloc'd path if path is a symlink, else NULL.
 * Returns 0, or -1 with *cause (FAIL_IO in *fail).
 */
int lf_resolve(const char *path, char **real, enum fail *fail, char **cause);

/* Removes path if it still names the file lk locked (one we created). */
void lf_unlink_if_ours(const char *path, const struct lf_lock *lk);

/* Makes a rename or creation in dir durable; best effort. */
void lf_sync_dir(const char *dir);

/* The malloc'd directory part of path: "." or "/" at the least. */
char *lf_dir_of(const char *path);

#endif
