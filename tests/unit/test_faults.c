/*
 * test_faults: the store's write paths under I/O faults, every one of
 * them. This program defines write(2), fsync(2), rename(2) and the other
 * calls the store makes; being in the executable, those definitions are
 * the ones store.o calls, and they pass on to the real functions (found
 * with dlsym(RTLD_NEXT)) unless a fault is armed. Descriptors 0-2 are
 * never faulted, so the test's own output goes through.
 *
 * For store_append and store_undo, a full disk (ENOSPC) and a failing
 * one (EIO) are struck at every byte of the write, and each other call
 * fails in turn. Every case must end with -1, a message naming the
 * error, the log byte-identical (or still absent), no temporary file left
 * behind, and a log that works normally afterwards. Short writes that
 * succeed and interrupted calls must change nothing but speed.
 */
#define _GNU_SOURCE

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "store.h"
#include "util.h"
#include "t.h"

/* The fault armed, if any. */
static struct fault {
	const char	*fn;		/* the call to fail, NULL for none */
	int		 err;		/* errno it fails with */
	long		 skip;		/* calls to let through first */
	long		 bytes;		/* write: bytes to let through, -1 all */
	size_t		 short_max;	/* write: at most this per call */
	int		 eintr;		/* fail with EINTR once, then work */
	long		 hits;		/* faults delivered */
} F;

static void
arm(const char *fn, int err, long skip)
{
	memset(&F, 0, sizeof(F));
	F.fn = fn;
	F.err = err;
	F.skip = skip;
	F.bytes = -1;
}

static void
disarm(void)
{
	memset(&F, 0, sizeof(F));
	F.bytes = -1;
}

/* Whether this call of fn on fd fails; counts it. */
static int
strike(const char *fn, int fd)
{
	if (F.fn == NULL || strcmp(F.fn, fn) != 0 || (fd >= 0 && fd <= 2))
		return 0;
	if (F.skip > 0) {
		F.skip--;
		return 0;
	}
	if (F.eintr) {
		F.eintr = 0;
		F.hits++;
		errno = EINTR;
		return 1;
	}
	if (F.err == 0 || F.bytes >= 0 || F.short_max > 0)
		return 0;	/* write's byte faults are handled there */
	F.hits++;
	errno = F.err;
	return 1;
}

static void *
real(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (p == NULL) {
		fprintf(stderr, "dlsym %s: %s\n", name, dlerror());
		abort();
	}
	return p;
}

#define REAL(name, var) do {					\
	if (var == NULL) {						\
		void *p_ = real(name);					\
		memcpy(&var, &p_, sizeof(p_));				\
	}								\
} while (0)

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*r)(int, const void *, size_t);

	REAL("write", r);
	if (strike("write", fd))
		return -1;
	if (F.fn != NULL && strcmp(F.fn, "write") == 0 && fd > 2 &&
	    F.skip == 0) {
		if (F.short_max > 0 && n > F.short_max)
			n = F.short_max;
		if (F.bytes == 0) {
			F.hits++;
			errno = F.err;
			return -1;
		}
		if (F.bytes > 0 && n > (size_t)F.bytes)
			n = (size_t)F.bytes;	/* a short write, then the error */
		if (F.bytes > 0)
			F.bytes -= (long)n;
	}
	return r(fd, buf, n);
}

ssize_t
pread(int fd, void *buf, size_t n, off_t off)
{
	static ssize_t (*r)(int, void *, size_t, off_t);

	REAL("pread", r);
	if (strike("pread", fd))
		return -1;
	return r(fd, buf, n, off);
}

int
fsync(int fd)
{
	static int (*r)(int);

	REAL("fsync", r);
	if (strike("fsync", fd))
		return -1;
	return r(fd);
}

int
ftruncate(int fd, off_t len)
{
	static int (*r)(int, off_t);

	REAL("ftruncate", r);
	if (strike("ftruncate", fd))
		return -1;
	return r(fd, len);
}

int
fchmod(int fd, mode_t mode)
{
	static int (*r)(int, mode_t);

	REAL("fchmod", r);
	if (strike("fchmod", fd))
		return -1;
	return r(fd, mode);
}

int
close(int fd)
{
	static int (*r)(int);
	int rc;

	REAL("close", r);
	/* Like NFS: the descriptor is gone, but an error is reported. */
	rc = r(fd);
	if (strike("close", fd))
		return -1;
	return rc;
}

int
rename(const char *from, const char *to)
{
	static int (*r)(const char *, const char *);

	REAL("rename", r);
	if (strike("rename", -1))
		return -1;
	return r(from, to);
}

int
mkstemp(char *tmpl)
{
	static int (*r)(char *);

	REAL("mkstemp", r);
	if (strike("mkstemp", -1))
		return -1;
	return r(tmpl);
}

int
open(const char *path, int flags, ...)
{
	static int (*r)(const char *, int, ...);
	va_list ap;
	mode_t mode = 0;

	REAL("open", r);
	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (strike("open", -1))
		return -1;
	return r(path, flags, mode);
}

/* Test helpers. */

static char dir[64];

static const char *
path(const char *name)
{
	static char buf[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

/* The whole file, malloc'd; NULL if missing. */
static char *
slurp(const char *p, size_t *lenp)
{
	FILE *f = fopen(p, "rb");
	struct buf b = { 0 };
	char tmp[4096];
	size_t n;

	*lenp = 0;
	if (f == NULL)
		return NULL;
	buf_add(&b, "", 0);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	*lenp = b.len;
	return b.data;
}

/* Files in dir other than the logs: temporary files left behind. */
static int
strays(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static struct store_row
mkrow(int day, const char *ex, int set, const char *note)
{
	struct store_row r;

	memset(&r, 0, sizeof(r));
	date_from_ymd(2026, 11, day, &r.date);
	r.time = 18 * 60;
	r.exercise = ex;
	r.side = SIDE_LEFT;
	r.set = set;
	r.reps = 12;
	r.variant = "band";
	r.rpe = 6;
	r.pain = 1;
	r.note = note;
	r.batch = "";
	return r;
}

static int
count_row(const struct store_row *r, void *arg)
{
	(void)r;
	++*(long *)arg;
	return 0;
}

/* Rows in the log, or -1 if it cannot be read cleanly. */
static long
rows_in(const char *p)
{
	struct store_read_opts o;
	char *cause = NULL;
	long n = 0;

	memset(&o, 0, sizeof(o));
	o.path = p;
	o.row = count_row;
	o.arg = &n;
	if (store_read(&o, &cause) != 0) {
		free(cause);
		return -1;
	}
	return n;
}

/* A log of a few dozen rows, with quoted notes, as a starting point. */
static void
seed_log(const char *p, int with_rows)
{
	struct store_row rows[8];
	char *cause = NULL;
	int i, b;

	unlink(p);
	if (!with_rows)
		return;
	for (b = 0; b < 6; b++) {
		for (i = 0; i < 8; i++)
			rows[i] = mkrow(2 + b, i % 2 ? "clamshell" :
			    "step-down", i / 2 + 1, i == 3 ?
			    "sore, \"a bit\"\nafter" : "");
		if (store_append(p, rows, 8, 0, NULL, NULL, &cause) != 8) {
			printf("# seed: %s\n", cause);
			exit(2);
		}
	}
}

/*
 * One faulted call: the operation must fail, say why, and leave the log
 * exactly as it was, with nothing stray beside it.
 */
static int
failed_cleanly(long n, char *cause, const char *want, const char *p,
    const char *before, size_t blen)
{
	size_t alen;
	char *after = slurp(p, &alen);
	int good = n == -1 && cause != NULL && strstr(cause, want) != NULL &&
	    ((before == NULL && after == NULL) || (before != NULL &&
	    after != NULL && alen == blen && memcmp(before, after,
	    blen) == 0)) && strays() == 0;

	if (!good)
		printf("# returned %ld, cause '%s', file %s, %d stray files\n",
		    n, cause != NULL ? cause : "(none)", after == NULL ?
		    "absent" : (before != NULL && alen == blen &&
		    memcmp(before, after, blen) == 0) ? "unchanged" :
		    "CHANGED", strays());
	free(after);
	return good;
}

static const struct store_row *
two_rows(void)
{
	static struct store_row rows[2];

	rows[0] = mkrow(20, "clamshell", 1, "new, \"one\"");
	rows[1] = mkrow(20, "clamshell", 2, "=SUM(A1)");
	return rows;
}

static void
test_append_write_faults(int with_rows)
{
	const char *p = path("log.csv");
	const char *what = with_rows ? "existing log" : "new log";
	char *before, *cause;
	size_t blen;
	long at, n, tried[2] = { 0, 0 }, bad[2] = { 0, 0 };
	static const int errs[] = { ENOSPC, EIO };
	int e;

	/*
	 * Strike at byte 0, 1, 2, ... 300, then every 37th, until the append
	 * has room: it copies the whole log, so that is a few thousand bytes.
	 */
	for (e = 0; e < 2; e++) {
		for (at = 0; at < 1000000; at += at < 300 ? 1 : 37) {
			seed_log(p, with_rows);
			before = slurp(p, &blen);
			cause = NULL;
			arm("write", errs[e], 0);
			F.bytes = at;
			n = store_append(p, two_rows(), 2, 0, NULL, NULL, &cause);
			disarm();
			if (n == 2) {
				free(before);
				break;
			}
			tried[e]++;
			if (!failed_cleanly(n, cause, strerror(errs[e]), p,
			    before, blen)) {
				printf("# %s after %ld bytes\n",
				    strerror(errs[e]), at);
				bad[e]++;
			}
			free(cause);
			free(before);
		}
	}
	ok(tried[0] > 100 && bad[0] == 0, "append, %s: ENOSPC at %ld points "
	    "of the write leaves it unchanged", what, tried[0]);
	ok(tried[1] > 100 && bad[1] == 0, "append, %s: EIO at %ld points of "
	    "the write leaves it unchanged", what, tried[1]);
}

/* Each other call of an append failing in turn. */
static void
test_append_call_faults(void)
{
	static const struct {
		const char	*fn;
		int		 err;
		long		 skip;
		int		 with_rows;
	} cases[] = {
		{ "fsync", EIO, 0, 1 },
		{ "fsync", ENOSPC, 0, 1 },
		{ "fsync", EIO, 0, 0 },
		{ "open", EACCES, 0, 1 },
		{ "open", EMFILE, 0, 0 },
		{ "pread", EIO, 0, 1 },
		{ "pread", EIO, 1, 1 },
		{ "fchmod", EPERM, 0, 0 },
	};
	const char *p = path("log.csv");
	char *before, *cause;
	size_t blen, i;
	long n;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		seed_log(p, cases[i].with_rows);
		before = slurp(p, &blen);
		cause = NULL;
		arm(cases[i].fn, cases[i].err, cases[i].skip);
		n = store_append(p, two_rows(), 2, 0, NULL, NULL, &cause);
		ok(F.hits > 0 && failed_cleanly(n, cause,
		    strerror(cases[i].err), p, before, blen),
		    "append, %s log: %s fails with %s (call %ld): clean error",
		    cases[i].with_rows ? "existing" : "new", cases[i].fn,
		    strerror(cases[i].err), cases[i].skip + 1);
		disarm();
		free(cause);
		free(before);
	}
}

/* What must not matter: short writes, and interrupted calls. */
static void
test_append_benign(void)
{
	const char *p = path("log.csv");
	char *want, *got, *cause = NULL;
	size_t wlen, glen;
	long n;

	seed_log(p, 1);
	n = store_append(p, two_rows(), 2, 0, NULL, NULL, &cause);
	want = slurp(p, &wlen);
	seed_log(p, 1);
	arm("write", 0, 0);
	F.short_max = 7;
	n = store_append(p, two_rows(), 2, 0, NULL, NULL, &cause);
	disarm();
	got = slurp(p, &glen);
	/* Batch ids differ between runs; lengths and rows must not. */
	ok(n == 2 && glen == wlen && rows_in(p) == 48 + 2,
	    "append survives writes of at most 7 bytes each");
	free(got);

	seed_log(p, 1);
	arm("write", 0, 0);
	F.eintr = 1;
	n = store_append(p, two_rows(), 2, 0, NULL, NULL, &cause);
	ok(n == 2 && F.hits == 1 && rows_in(p) == 50,
	    "append retries a write interrupted by a signal");
	disarm();
	free(want);
}

/* Undo: the rewrite through a temporary file. */
static void
test_undo_faults(void)
{
	static const struct {
		const char	*fn;
		int		 err;
		long		 skip;
	} cases[] = {
		{ "mkstemp", ENOSPC, 0 },
		{ "mkstemp", EACCES, 0 },
		{ "fchmod", EPERM, 0 },
		{ "fsync", EIO, 0 },
		{ "close", EIO, 0 },	/* the temporary file's close */
		{ "rename", EIO, 0 },
		{ "rename", EXDEV, 0 },
		{ "pread", EIO, 0 },	/* reading the log */
		{ "pread", EIO, 2 },	/* reading the last command again */
		{ "pread", EIO, 3 },	/* copying the rest */
		{ "open", EMFILE, 0 },
	};
	const char *p = path("log.csv");
	char *before, *cause, msg[512];
	size_t blen, i, size;
	long n, at, bad[2] = { 0, 0 }, tried = 0;
	static const int errs[] = { ENOSPC, EIO };
	int e;

	/* The bytes undo copies: all but the last command's 8 rows. */
	seed_log(p, 1);
	free(slurp(p, &size));
	for (e = 0; e < 2; e++) {
		for (at = 0; at < (long)size; at += at < 300 ? 1 : 97) {
			seed_log(p, 1);
			before = slurp(p, &blen);
			cause = NULL;
			arm("write", errs[e], 0);
			F.bytes = at;
			n = store_undo(p, 0, NULL, NULL, NULL, &cause);
			disarm();
			if (n == 8) {
				/* at is past what the copy writes. */
				free(cause);
				free(before);
				break;
			}
			tried += e == 0;
			if (!failed_cleanly(n, cause, strerror(errs[e]), p,
			    before, blen)) {
				printf("# undo: %s after %ld bytes\n",
				    strerror(errs[e]), at);
				bad[e]++;
			}
			free(cause);
			free(before);
		}
	}
	ok(tried > 300 && bad[0] == 0, "undo: ENOSPC at %ld points of the "
	    "copy leaves the log unchanged", tried);
	ok(bad[1] == 0, "undo: EIO at the same points leaves it unchanged");

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		seed_log(p, 1);
		before = slurp(p, &blen);
		cause = NULL;
		arm(cases[i].fn, cases[i].err, cases[i].skip);
		n = store_undo(p, 0, NULL, NULL, NULL, &cause);
		ok(F.hits > 0 && failed_cleanly(n, cause,
		    strerror(cases[i].err), p, before, blen),
		    "undo: %s fails with %s (call %ld): clean error",
		    cases[i].fn, strerror(cases[i].err), cases[i].skip + 1);
		disarm();
		free(cause);
		free(before);
	}

	/* The messages, and after all that, the log still works. */
	seed_log(p, 1);
	arm("rename", EIO, 0);
	cause = NULL;
	n = store_undo(p, 0, NULL, NULL, NULL, &cause);
	disarm();
	snprintf(msg, sizeof(msg), "cannot replace '%s': %s", p,
	    strerror(EIO));
	is_str(cause, msg, "undo: the message names the log and the error");
	free(cause);
	cause = NULL;
	n = store_undo(p, 0, NULL, NULL, NULL, &cause);
	is(n, 8, "undo works once the fault is gone");
	is(rows_in(p), 40, "and leaves 40 rows");
	arm("write", ENOSPC, 0);
	F.bytes = 0;
	n = store_append(p, two_rows(), 2, 0, NULL, NULL, &cause);
	disarm();
	snprintf(msg, sizeof(msg), "cannot write '%s': %s", p,
	    strerror(ENOSPC));
	is_str(cause, msg, "append: the message names the log and the error");
	free(cause);
	cause = NULL;
	n = store_append(p, two_rows(), 2, 0, NULL, NULL, &cause);
	is(n, 2, "append works once the disk has room");
	is(rows_in(p), 42, "and the log has 42 rows");
	free(cause);

	seed_log(p, 1);
	arm("write", 0, 0);
	F.short_max = 5;
	n = store_undo(p, 0, NULL, NULL, NULL, &cause);
	disarm();
	ok(n == 8 && rows_in(p) == 40 && strays() == 0,
	    "undo survives writes of at most 5 bytes each");
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	/* Faults are simulated, so a disk's real fsync only costs time. */
	if (tmp == NULL || *tmp == '\0' || strlen(tmp) >= 40)
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	disarm();
	snprintf(dir, sizeof(dir), "%s/prehab-faults-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	test_append_write_faults(1);
	test_append_write_faults(0);
	test_append_call_faults();
	test_append_benign();
	test_undo_faults();
	if (t_failed == 0) {
		unlink(path("log.csv"));
		rmdir(dir);
	} else
		printf("# files kept in %s\n", dir);
	return t_done();
}
