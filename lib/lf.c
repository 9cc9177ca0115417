/*
 * lf: see lf.h.
 */
#define _DEFAULT_SOURCE /* flock(2) */

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fail.h"
#include "lf.h"
#include "store.h"
#include "util.h"

#define LF_CHUNK (64 * 1024) /* bytes per read(2) of a copy */
#define LOCK_WAIT_MS 10000
#define LOCK_POLL_MS 50
#define REOPEN_MAX 100 /* rewrites racing our open */

static void
lf_block_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
lf_restore_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/*
 * Whether dir is the home directory or one above it: a HOME that does
 * not exist (HOME=/nonexistent, a service account) is a mistake to
 * report, and creating it, as root could, would make a home for nobody.
 */
static int
lf_is_home_or_above(const char *dir)
{
	const char *home = getenv("HOME");
	size_t n = strlen(dir), h;

	if (home == NULL || *home == '\0')
		return 0;
	h = strlen(home);
	while (h > 1 && home[h - 1] == '/')
		h--;
	return strncmp(home, dir, n) == 0 && (h == n || home[n] == '/');
}

/*
 * mkdir -p of the directory part of path, new directories 0700: those
 * of the log, never the home directory or one above it.
 */
static int
lf_make_parents(const char *path, enum fail *fail, char **cause)
{
	char *dir = xstrdup(path), *p, *slash, save;

	if ((slash = strrchr(dir, '/')) == NULL || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		save = *p;
		*p = '\0';
		if (access(dir, F_OK) == -1 && errno == ENOENT &&
		    lf_is_home_or_above(dir)) {
			*cause =
			    xasprintf("cannot create directory '%s': the "
				      "home directory '%s' does not exist, "
				      "and prehab creates only its own",
				dir, getenv("HOME"));
			*fail = FAIL_CONFIG;
			free(dir);
			return -1;
		}
		if (mkdir(dir, 0700) == 0)
			/* As for the log: 0700 whatever the umask. */
			(void)chmod(dir, 0700);
		else if (errno != EEXIST) {
			*cause = xasprintf("cannot create directory '%s': %s",
			    dir, strerror(errno));
			*fail = FAIL_IO;
			free(dir);
			return -1;
		}
		*p = save;
		if (save == '\0')
			break;
	}
	free(dir);
	return 0;
}

static void
lf_sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static long
lf_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Whether fd is the same file as one of the standard streams: writing
 * a new file over it (--data /dev/stdout) would replace what a redirect
 * points at, not write to the stream.
 */
static int
lf_is_stdio(const struct stat *st)
{
	struct stat io;
	int i;

	for (i = 0; i <= 2; i++)
		if (fstat(i, &io) == 0 && io.st_dev == st->st_dev &&
		    io.st_ino == st->st_ino)
			return 1;
	return 0;
}

/* lf_open's answers besides a descriptor and -1. */
#define LF_AGAIN (-3) /* try again */
#define LF_ABSENT (-4) /* no log, and none to create */

/*
 * One attempt at opening the log for lf_lock_log: the descriptor, or -1
 * with *cause, or LF_AGAIN or LF_ABSENT. With LF_CREATE, the first
 * missing directory on the way makes it create them all, once.
 */
static int
lf_open(const char *path, enum lf_mode mode, struct lf_lock *lk, int *mkdirs,
    enum fail *fail, char **cause)
{
	struct stat now;
	int fd;

	lk->created = 0;
	if (mode != LF_CREATE) {
		fd = open(path,
		    (mode == LF_WRITE ? O_RDWR : O_RDONLY) | O_NONBLOCK |
			O_CLOEXEC);
		if (fd == -1 && errno == ENOENT)
			return LF_ABSENT;
	} else {
		fd = open(path,
		    O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd != -1)
			lk->created = 1;
		else if (errno == EEXIST)
			/* O_NONBLOCK: a FIFO must not hang us. */
			fd = open(
			    path, O_RDWR | O_APPEND | O_NONBLOCK | O_CLOEXEC);
		else if (errno == ENOENT && !*mkdirs) {
			*mkdirs = 1;
			if (lf_make_parents(path, fail, cause) == -1)
				return -1;
			return LF_AGAIN;
		}
		if (fd == -1 && errno == ENOENT && lstat(path, &now) == 0 &&
		    S_ISLNK(now.st_mode)) {
			/* O_EXCL does not follow it; nor will we. */
			*cause = xasprintf("cannot open '%s': it is a symbolic "
					   "link to a missing file",
			    path);
			*fail = FAIL_NOINPUT;
			return -1;
		}
		if (fd == -1 && errno == ENOENT)
			return LF_AGAIN; /* unlinked between opens */
	}
	if (fd == -1) {
		*cause =
		    xasprintf("cannot open '%s': %s", path, strerror(errno));
		*fail = FAIL_IO;
		return -1;
	}
	return fd;
}

/*
 * Whether the file open on fd is one lf_lock_log may hand out for mode,
 * filling lk->st: 0, or -1 with *cause and fd closed.
 */
static int
lf_check_file(const char *path, int fd, enum lf_mode mode, struct lf_lock *lk,
    char **cause)
{
	/* The umask must not make the log unwritable or public. */
	if (lk->created && fchmod(fd, 0600) == -1) {
		*cause =
		    xasprintf("cannot chmod '%s': %s", path, strerror(errno));
		unlink(path);
		close(fd);
		return -1;
	}
	if (fstat(fd, &lk->st) == -1) {
		*cause =
		    xasprintf("cannot stat '%s': %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(lk->st.st_mode))
		*cause = S_ISDIR(lk->st.st_mode)
		    ? xasprintf("cannot open '%s': %s", path, strerror(EISDIR))
		    : xasprintf("'%s' is not a regular file", path);
	else if (mode != LF_READ && lk->st.st_nlink > 1)
		*cause = xasprintf("'%s' has %ld hard links; prehab writes a "
				   "log through a new file, which would split "
				   "it from the other names: keep one name (a "
				   "symbolic link may point at it)",
		    path, (long)lk->st.st_nlink);
	else if (mode != LF_READ && lf_is_stdio(&lk->st))
		*cause = xasprintf("'%s' is a standard input or output of "
				   "prehab; a log cannot be written there",
		    path);
	else
		return 0;
	close(fd);
	return -1;
}

/*
 * Takes fd's exclusive lock, polling until deadline: 0, or -1 with
 * *fail (FAIL_LOCKED when another process kept it), *cause and fd
 * closed.
 */
static int
lf_wait_lock(
    const char *path, int fd, long deadline, enum fail *fail, char **cause)
{
	while (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			*cause = xasprintf(
			    "cannot lock '%s': %s", path, strerror(errno));
			*fail = FAIL_IO;
			close(fd);
			return -1;
		}
		if (lf_now_ms() >= deadline) {
			*cause = xasprintf(
			    "log is locked by another process: '%s'", path);
			*fail = FAIL_LOCKED;
			close(fd);
			return -1;
		}
		lf_sleep_ms(LOCK_POLL_MS);
	}
	return 0;
}

int
lf_lock_log(const char *path, enum lf_mode mode, struct lf_lock *lk,
    enum fail *fail, char **cause)
{
	struct stat now;
	long deadline = lf_now_ms() + LOCK_WAIT_MS;
	int fd, tries, mkdirs = 0;

	lk->fd = -1;
	for (tries = 0; tries < REOPEN_MAX; tries++) {
		fd = lf_open(path, mode, lk, &mkdirs, fail, cause);
		if (fd == LF_ABSENT)
			return 0;
		if (fd == LF_AGAIN)
			continue;
		if (fd == -1)
			return -1;
		if (lf_check_file(path, fd, mode, lk, cause) == -1) {
			*fail = FAIL_IO;
			return -1;
		}
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		if (lf_wait_lock(path, fd, deadline, fail, cause) != 0)
			return -1;
		if (stat(path, &now) == 0 && now.st_dev == lk->st.st_dev &&
		    now.st_ino == lk->st.st_ino) {
			/* Re-read: the size may have changed while we waited. */
			if (fstat(fd, &lk->st) == -1) {
				*cause = xasprintf("cannot stat '%s': %s", path,
				    strerror(errno));
				*fail = FAIL_IO;
				close(fd);
				return -1;
			}
			lk->fd = fd;
			return 0;
		}
		close(fd);
	}
	*cause = xasprintf("cannot open '%s': it keeps being replaced", path);
	*fail = FAIL_LOCKED;
	return -1;
}

static int
lf_write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void
lf_sync_dir(const char *dir)
{
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	fsync(fd);
	close(fd);
}

char *
lf_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
lf_resolve(const char *path, char **real, enum fail *fail, char **cause)
{
	struct stat lst;

	*real = NULL;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
	    (*real = realpath(path, NULL)) == NULL) {
		*cause =
		    xasprintf("cannot resolve '%s': %s", path, strerror(errno));
		*fail = FAIL_IO;
		return -1;
	}
	return 0;
}

/*
 * The temporary files of a rewrite of BASE are ".BASE.prehab-tmp-XXXXXX":
 * a name no other program uses, so that the sweep below can tell them
 * from the user's own ".BASE.backup" or ".BASE.2024q1".
 */
#define TMP_TAG ".prehab-tmp-"
#define TMP_RANDOM 6 /* the X's of mkstemp(3) */

/*
 * Removes the temporary files that writers killed before their rename
 * (SIGKILL, a power cut) left next to path. A writer holds an exclusive
 * flock(2) on its temporary file from its creation until after the
 * rename, and the kernel drops it when the writer dies, so a file we can
 * lock has no live writer, whichever lock on the log it was made under.
 * Only a regular file named as ours, owned by us, mode 0600 and with one
 * link is even looked at: nothing prehab did not create is removed.
 */
static void
lf_remove_stale(const char *dir, const char *base)
{
	struct dirent *de;
	struct stat st, now;
	DIR *d;
	size_t n = strlen(base), tn = strlen(TMP_TAG);
	char *p;
	int fd;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.' ||
		    strncmp(de->d_name + 1, base, n) != 0 ||
		    strncmp(de->d_name + 1 + n, TMP_TAG, tn) != 0 ||
		    strlen(de->d_name + 1 + n + tn) != TMP_RANDOM)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		fd = open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd != -1 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_uid == geteuid() && (st.st_mode & 07777) == 0600 &&
		    st.st_nlink == 1 && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
		    lstat(p, &now) == 0 && now.st_dev == st.st_dev &&
		    now.st_ino == st.st_ino)
			unlink(p);
		if (fd != -1)
			close(fd);
		free(p);
	}
	closedir(d);
}

/* Whether path still names the file lk locked, unchanged since. */
static int
lf_still_ours(const char *path, const struct lf_lock *lk)
{
	struct stat now;

	return stat(path, &now) == 0 && now.st_dev == lk->st.st_dev &&
	    now.st_ino == lk->st.st_ino && now.st_size == lk->st.st_size &&
	    now.st_mtim.tv_sec == lk->st.st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == lk->st.st_mtim.tv_nsec;
}

void
lf_unlink_if_ours(const char *path, const struct lf_lock *lk)
{
	struct stat now;

	if (lstat(path, &now) == 0 && now.st_dev == lk->st.st_dev &&
	    now.st_ino == lk->st.st_ino)
		unlink(path);
}

/* Set by store_hold_signals(). */
static int lf_hold_after_commit;

void
store_hold_signals(void)
{
	lf_hold_after_commit = 1;
}

/*
 * Copies the first keep bytes of the log on lk to tfd: 0, or the errno
 * of the failure with *what set to the step that failed.
 */
static int
lf_copy_prefix(const struct lf_lock *lk, int tfd, off_t keep, const char **what)
{
	char *buf = xmalloc(LF_CHUNK);
	off_t off;
	ssize_t n;
	int err = 0;

	for (off = 0; off < keep && err == 0; off += n) {
		n = pread(lk->fd, buf,
		    (size_t)(keep - off < LF_CHUNK ? keep - off : LF_CHUNK),
		    off);
		if (n == -1 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n <= 0) {
			err = n == 0 ? EIO : errno;
			*what = "read";
			break;
		}
		if (lf_write_all(tfd, buf, (size_t)n) == -1)
			err = errno;
	}
	free(buf);
	return err;
}

/*
 * Gives the new file on tfd the log's owner, group and mode, and syncs
 * it: 0, or the errno of the failure (with *cause when it needs more
 * words than the errno).
 */
static int
lf_finish_tmp(const char *path, const struct lf_lock *lk, int tfd, char **cause)
{
	struct stat tst;
	int err;

	/*
	 * The new file is ours; the log may be a group's or, when root
	 * writes it (sudo keeping HOME, a cron job), the user's. Giving it
	 * the old owner and group, or failing, comes before the mode, as
	 * chown(2) may clear set-id bits.
	 */
	if (fstat(tfd, &tst) == -1)
		return errno;
	if ((tst.st_uid != lk->st.st_uid || tst.st_gid != lk->st.st_gid) &&
	    fchown(tfd, lk->st.st_uid, lk->st.st_gid) == -1) {
		err = errno;
		*cause = xasprintf("cannot keep the owner and group of '%s' "
				   "(uid %ld, gid %ld) in the rewritten file: "
				   "%s; the log is unchanged",
		    path, (long)lk->st.st_uid, (long)lk->st.st_gid,
		    strerror(err));
		return err;
	}
	if (fchmod(tfd, lk->st.st_mode & 07777) == -1)
		return errno;
	if (fsync(tfd) == -1)
		return errno;
	return 0;
}

/*
 * Writes the new log to the temporary file tfd and renames tmp over
 * path: 0, or the errno of the failure, with *fail FAIL_LOCKED and
 * *cause set when the log changed under us. tfd is closed either way.
 */
static int
lf_write_tmp(const char *path, const struct lf_lock *lk, off_t keep,
    const struct buf *extra, int tfd, const char *tmp, int dry_run,
    enum fail *fail, const char **what, char **cause)
{
	int err;

	err = lf_copy_prefix(lk, tfd, keep, what);
	if (err == 0 && extra != NULL && extra->len > 0 &&
	    lf_write_all(tfd, extra->data, extra->len) == -1)
		err = errno;
	if (err == 0)
		err = lf_finish_tmp(path, lk, tfd, cause);
	/*
	 * A program that ignores our lock (a sync tool, git checkout, an
	 * editor) may have put another version at path since we read it:
	 * renaming over it would lose that version. The window left is
	 * the few instructions between this check and the rename.
	 */
	if (close(tfd) == -1 && err == 0)
		err = errno;
	if (err == 0 && !lf_still_ours(path, lk)) {
		err = EAGAIN;
		*fail = FAIL_LOCKED;
		*cause = xasprintf("'%s' was replaced or changed by another "
				   "program while prehab was writing it; "
				   "nothing written, try again",
		    path);
	}
	if (err == 0 && !dry_run && rename(tmp, path) == -1) {
		err = errno;
		*what = "replace";
	}
	return err;
}

int
lf_rewrite(const char *path, const struct lf_lock *lk, off_t keep,
    const struct buf *extra, int dry_run, enum fail *fail, char **cause)
{
	sigset_t old;
	char *dir, *tmp;
	const char *base, *what = "write";
	int tfd, lfd, err, rc = -1;

	dir = lf_dir_of(path);
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	tmp = xasprintf("%s/.%s" TMP_TAG "XXXXXX", dir, base);

	lf_remove_stale(dir, base);
	lf_block_signals(&old);
	if ((tfd = mkstemp(tmp)) == -1) {
		*cause = xasprintf("cannot create a temporary file in '%s': %s",
		    dir, strerror(errno));
		*fail = FAIL_IO;
		lf_restore_signals(&old);
		free(tmp);
		free(dir);
		return -1;
	}
	fcntl(tfd, F_SETFD, FD_CLOEXEC);
	/*
	 * Marks the file as a live writer's, for lf_remove_stale, until
	 * after the rename. The lock belongs to the open file, so the
	 * duplicate keeps it while tfd is closed before the rename, where
	 * its errors still count.
	 */
	(void)flock(tfd, LOCK_EX | LOCK_NB);
	lfd = fcntl(tfd, F_DUPFD_CLOEXEC, 0);
	*fail = FAIL_IO;
	err = lf_write_tmp(
	    path, lk, keep, extra, tfd, tmp, dry_run, fail, &what, cause);
	/* This drops the temporary file's flock: only after the rename. */
	if (lfd != -1)
		close(lfd);
	if (err != 0 || dry_run) {
		unlink(tmp);
		/* Name the log: the temporary file is gone by now. */
		if (err != 0 && *cause == NULL)
			*cause = xasprintf(
			    "cannot %s '%s': %s", what, path, strerror(err));
		if (err == 0)
			rc = 0;
	} else {
		lf_sync_dir(dir);
		rc = 0;
	}
	if (rc != 0 || dry_run || !lf_hold_after_commit)
		lf_restore_signals(&old);
	free(tmp);
	free(dir);
	return rc;
}
