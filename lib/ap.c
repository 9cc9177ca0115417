/*
 * ap: appending to the log (store_append, store_append_batch in
 * store.h). It owns the batch ids, the detection of rows already in the
 * log (for import), the columns a new row is written in, and the log a
 * failed first append must not leave behind; the lock and the rewrite
 * are lf's, the reading rd's.
 */
#define _DEFAULT_SOURCE /* pread(2), O_CLOEXEC, gmtime_r */

#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lf.h"
#include "out.h"
#include "rd.h"
#include "row.h"
#include "store.h"
#include "util.h"

/*
 * A multiset of 64-bit row hashes: open addressing, 0 marks a free slot,
 * and each hash keeps how many rows of the log it stands for.
 */
struct ap_hset {
	uint64_t *v;
	unsigned long *count;
	size_t cap; /* a power of two */
	size_t n;
};

static size_t
ap_hset_slot(const struct ap_hset *s, uint64_t h)
{
	size_t i;

	for (i = h & (s->cap - 1); s->v[i] != 0 && s->v[i] != h;
	     i = (i + 1) & (s->cap - 1))
		;
	return i;
}

static void
ap_hset_add(struct ap_hset *s, uint64_t h)
{
	struct ap_hset big;
	size_t i, j;

	if ((s->n + 1) * 2 > s->cap) {
		big.cap = s->cap ? s->cap * 2 : 1024;
		big.v = xcalloc(big.cap, sizeof(*big.v));
		big.count = xcalloc(big.cap, sizeof(*big.count));
		big.n = s->n;
		for (i = 0; i < s->cap; i++) {
			if (s->v[i] == 0)
				continue;
			j = ap_hset_slot(&big, s->v[i]);
			big.v[j] = s->v[i];
			big.count[j] = s->count[i];
		}
		free(s->v);
		free(s->count);
		*s = big;
	}
	i = ap_hset_slot(s, h);
	if (s->v[i] == 0) {
		s->v[i] = h;
		s->n++;
	}
	s->count[i]++;
}

/* Takes one row of hash h out of the multiset; 0 if none was left. */
static int
ap_hset_take(struct ap_hset *s, uint64_t h)
{
	size_t i;

	if (s->cap == 0)
		return 0;
	i = ap_hset_slot(s, h);
	if (s->v[i] == 0 || s->count[i] == 0)
		return 0;
	s->count[i]--;
	return 1;
}

struct ap_dups {
	struct ap_hset set;
	struct buf key;
};

/*
 * FNV-1a over the row as written, batch left out. At 64 bits a false
 * match among even millions of rows is far less likely than a disk error,
 * so equal hashes are taken as equal rows.
 */
static uint64_t
ap_row_hash(struct buf *key, const struct store_row *r)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char tmp[16];
	size_t i;
	int c;

	buf_reset(key);
	for (c = 0; c < STORE_NCOLS; c++) {
		if (c == STORE_BATCH)
			continue;
		out_csv_field(key, row_value(r, c, tmp));
		buf_addc(key, ',');
	}
	for (i = 0; i < key->len; i++) {
		h ^= (unsigned char)key->data[i];
		h *= 0x100000001b3ULL;
	}
	return h != 0 ? h : 1;
}

static int
ap_dups_row(struct rd *r, const struct store_row *row)
{
	struct ap_dups *d = r->arg;

	ap_hset_add(&d->set, ap_row_hash(&d->key, row));
	return 0;
}

/*
 * Fills p with n random bytes: getrandom(2), else /dev/urandom, else (a
 * machine with neither) bits of the clocks and the pid, which still
 * differ between two commands of one process tree.
 */
static void
ap_random_bytes(unsigned char *p, size_t n)
{
	struct timespec ts;
	uint64_t x;
	ssize_t got = 0, k;
	size_t i;
	int fd;

	while ((size_t)got < n) {
		k = getrandom(p + got, n - (size_t)got, 0);
		if (k == -1 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += k;
	}
	if ((size_t)got < n &&
	    (fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) != -1) {
		while ((size_t)got < n &&
		    (k = read(fd, p + got, n - (size_t)got)) > 0)
			got += k;
		close(fd);
	}
	if ((size_t)got >= n)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^
	    ((uint64_t)getpid() << 17) ^ (uint64_t)(uintptr_t)p;
	for (i = (size_t)got; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = (unsigned char)x;
	}
}

/*
 * A fresh batch id: the UTC time to the microsecond, for people reading
 * the log, and 64 random bits, so that ids never repeat across processes,
 * PID namespaces (where every container's prehab may be pid 1) or
 * machines whose logs are merged.
 */
void
store_new_batch(char *out, size_t size)
{
	unsigned char rnd[8];
	struct timespec ts;
	struct tm tm;
	size_t n, i;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(out, size, "%Y%m%dT%H%M%S", &tm);
	n += (size_t)snprintf(
	    out + n, size - n, ".%06ldZ-", (long)(ts.tv_nsec / 1000));
	ap_random_bytes(rnd, sizeof(rnd));
	for (i = 0; i < sizeof(rnd) && n + 2 < size; i++, n += 2)
		snprintf(out + n, size - n, "%02x", rnd[i]);
}

/*
 * The first column of r that a log with this header would drop: one the
 * header lacks while r's value is not what an empty field reads back as.
 * Returns the column, or -1. The batch id is ours, not the caller's: a
 * log without that column only loses --undo, which says so itself.
 */
static int
ap_lost_column(const struct rd *h, const struct store_row *r, char *tmp)
{
	int c;

	for (c = 0; c < STORE_NCOLS; c++) {
		if (h->colidx[c] != -1 || c == STORE_BATCH)
			continue;
		if (*row_value(r, c, tmp) == '\0' ||
		    (c == STORE_SIDE && r->side == SIDE_BOTH) ||
		    (c == STORE_SET && r->set == 1))
			continue;
		return c;
	}
	return -1;
}

/*
 * The log store_append created for the command running now, still empty:
 * if the process exits before the command ends (out of memory), the
 * handler removes it, so a failed first write leaves no file behind.
 */
static struct {
	char *path;
	dev_t dev;
	ino_t ino;
} ap_fresh_log;

static void
ap_drop_fresh_log(void)
{
	struct stat st;

	if (ap_fresh_log.path != NULL && lstat(ap_fresh_log.path, &st) == 0 &&
	    st.st_dev == ap_fresh_log.dev && st.st_ino == ap_fresh_log.ino &&
	    st.st_size == 0)
		unlink(ap_fresh_log.path);
}

static void
ap_watch_fresh_log(const char *path, const struct lf_lock *lk)
{
	static int registered;

	free(ap_fresh_log.path);
	ap_fresh_log.path = NULL;
	if (path == NULL)
		return;
	if (!registered && atexit(ap_drop_fresh_log) == 0)
		registered = 1;
	ap_fresh_log.path = xstrdup(path);
	ap_fresh_log.dev = lk->st.st_dev;
	ap_fresh_log.ino = lk->st.st_ino;
}

long
store_append(const char *path, const struct store_row *rows, size_t n,
    int skip_dups, size_t *skipped, enum fail *fail, char **cause)
{
	return store_append_batch(
	    path, rows, n, NULL, skip_dups, skipped, fail, cause);
}

/* Refuses bad rows before the disk is touched: 0, or -1 with *cause. */
static int
ap_check_rows(
    const char *path, const struct store_row *rows, size_t n, char **cause)
{
	char reason[ROW_REASON_MAX];
	size_t k;

	for (k = 0; k < n; k++) {
		if (row_check_new(&rows[k], reason, sizeof(reason)) == -1) {
			*cause = xasprintf("cannot append to '%s': row %zu: %s",
			    path, k + 1, reason);
			return -1;
		}
	}
	return 0;
}

/*
 * Reads the locked log whole into r (its header, and with d its rows'
 * hashes). The whole file is parsed, not just the header: past a parse
 * error (a stray quote, a torn last line inside quotes) every reader
 * stops, so rows appended there would be written yet never seen.
 * Returns 0, or -1 with *cause and *fail.
 */
static int
ap_read_log(const char *path, struct rd *r, struct ap_dups *d, enum fail *fail,
    char **cause)
{
	if (d != NULL) {
		r->on_row = ap_dups_row;
		r->arg = d;
	}
	if (rd_run(r, 0, 1) == -1) {
		*cause = r->cause;
		r->cause = NULL;
		*fail = r->cause_io ? FAIL_IO : FAIL_DATA;
		return -1;
	}
	if (r->broken) {
		*fail = FAIL_DATA;
		*cause =
		    xasprintf("%s:%ld: %s; nothing appended, as rows after "
			      "it could not be read",
			path, rd_line(r, r->broken_line), r->reason);
		return -1;
	}
	return 0;
}

/*
 * What goes before the new rows in out: a newline if the log's last line
 * lacks one, the header of a new log. An existing header decides the
 * columns, and one it lacks must not swallow a value. Returns 0, or -1
 * with *cause and *fail.
 */
static int
ap_lead(const char *path, const struct lf_lock *lk, const struct rd *r,
    const struct store_row *rows, size_t n, struct buf *out, enum fail *fail,
    char **cause)
{
	char sh[ROW_SHOW_MAX + 8], tmp[16], last;
	const char *v;
	size_t k;
	int c;

	if (lk->st.st_size > 0) {
		if (pread(lk->fd, &last, 1, lk->st.st_size - 1) != 1) {
			*cause = xasprintf(
			    "cannot read '%s': %s", path, strerror(errno));
			*fail = FAIL_IO;
			return -1;
		}
		/* A torn or hand-edited last line must not swallow ours. */
		if (last != '\n')
			buf_addc(out, '\n');
	}
	if (!r->have_header) {
		store_format_header(out);
		return 0;
	}
	for (k = 0; k < n; k++) {
		if ((c = ap_lost_column(r, &rows[k], tmp)) == -1)
			continue;
		v = row_value(&rows[k], c, tmp);
		*fail = FAIL_DATA;
		*cause = xasprintf("cannot append to '%s': it has no '%s' "
				   "column for the value '%s'",
		    path, store_colnames[c],
		    row_show(sh, sizeof(sh), v, strlen(v)));
		return -1;
	}
	return 0;
}

/*
 * Adds the rows, with batch as their id, to out in the columns of r's
 * header (prehab's own for a new log), leaving out with d those the log
 * already holds. Returns the number of rows added; *nskip counts the
 * others.
 */
static long
ap_format_rows(const struct rd *r, const struct store_row *rows, size_t n,
    const char *batch, struct ap_dups *d, struct buf *out, size_t *nskip)
{
	struct store_row row;
	char tmp[16];
	long written = 0, i;
	size_t k;
	int c;

	for (k = 0; k < n; k++) {
		row = rows[k];
		row.batch = batch;
		/*
		 * Each row of the log matches at most one imported row, and
		 * imported rows never match each other: two identical sets
		 * done on one day are two sets, wherever they come from.
		 */
		if (d != NULL &&
		    ap_hset_take(&d->set, ap_row_hash(&d->key, &row))) {
			(*nskip)++;
			continue;
		}
		if (!r->have_header) {
			store_format_row(out, &row);
			written++;
			continue;
		}
		for (i = 0; i < r->ncols; i++) {
			if (i > 0)
				buf_addc(out, ',');
			c = r->map[i];
			out_csv_field(
			    out, c < 0 ? "" : row_value(&row, c, tmp));
		}
		buf_addc(out, '\n');
		written++;
	}
	return written;
}

/*
 * The old log and the new rows go to a temporary file that is then
 * renamed over the log, rather than being appended in place: a process
 * killed in the middle of a write(2) longer than a page leaves the pages
 * written so far, and a torn row that other programs would read as a
 * real one. Nothing to write leaves no empty log either. Returns 0, or
 * -1 with *cause and *fail.
 */
static int
ap_commit(const char *path, struct lf_lock *lk, long written,
    const struct buf *out, enum fail *fail, char **cause)
{
	char *real = NULL, *dir;
	int rc = 0;

	if (written > 0) {
		if (lf_resolve(path, &real, fail, cause) == -1)
			return -1;
		rc = lf_rewrite(real != NULL ? real : path, lk, lk->st.st_size,
		    out, 0, fail, cause);
		free(real);
		if (rc != 0)
			return rc;
	} else if (lk->created) {
		lf_unlink_if_ours(path, lk);
		lk->created = 0;
	}
	if (lk->created) {
		dir = lf_dir_of(path);
		lf_sync_dir(dir);
		free(dir);
	}
	return 0;
}

long
store_append_batch(const char *path, const struct store_row *rows, size_t n,
    const char *given, int skip_dups, size_t *skipped, enum fail *fail,
    char **cause)
{
	struct rd r;
	struct lf_lock lk;
	struct ap_dups d;
	struct buf out = { 0 };
	char batch[STORE_BATCH_SIZE];
	long written, ret = -1;
	size_t nskip = 0;
	enum fail ignored;

	if (fail == NULL)
		fail = &ignored;
	if (skipped != NULL)
		*skipped = 0;
	if (n == 0)
		return 0;
	if (ap_check_rows(path, rows, n, cause) == -1) {
		*fail = FAIL_DATA;
		return -1;
	}
	if (lf_lock_log(path, LF_CREATE, &lk, fail, cause) == -1)
		return -1;
	if (lk.created)
		ap_watch_fresh_log(path, &lk);
	memset(&d, 0, sizeof(d));
	rd_init(&r, path, lk.fd, 1);
	if (ap_read_log(path, &r, skip_dups ? &d : NULL, fail, cause) == -1 ||
	    ap_lead(path, &lk, &r, rows, n, &out, fail, cause) == -1)
		goto out;
	/* A command written in parts names its own batch. */
	if (given != NULL)
		snprintf(batch, sizeof(batch), "%s", given);
	else
		store_new_batch(batch, sizeof(batch));
	written = ap_format_rows(
	    &r, rows, n, batch, skip_dups ? &d : NULL, &out, &nskip);
	if (ap_commit(path, &lk, written, &out, fail, cause) != 0)
		goto out;
	if (skipped != NULL)
		*skipped = nskip;
	ret = written;
out:
	/* A log we created and could not fill goes, if still ours. */
	if (ret < 0 && lk.created)
		lf_unlink_if_ours(path, &lk);
	if (lk.created)
		ap_watch_fresh_log(NULL, &lk);
	buf_free(&out);
	buf_free(&d.key);
	free(d.set.v);
	free(d.set.count);
	rd_free(&r);
	close(lk.fd);
	return ret;
}
