/*
 * undo: taking rows out of the log (store_undo, store_undo_batch) and
 * replacing it whole (store_rewrite), all in store.h. It owns the rules
 * of what may go (a whole command or nothing, a run that ends the file
 * for the last command) and the copy of what stays; the lock and the
 * rewrite are lf's, the reading rd's. A dry run makes every check of
 * the real one and stops just before the rewrite.
 */
#define _DEFAULT_SOURCE /* pread(2), O_CLOEXEC, gmtime_r */

#include <sys/types.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lf.h"
#include "rd.h"
#include "row.h"
#include "store.h"
#include "util.h"

struct undo {
	int active; /* a run of rows is open */
	char batch[RD_FIELD_SLOT];
	off_t off; /* where the run starts */
	long line;
	long n;
	int last_bad;
	long last_bad_line;
	/* The malformed row just before the open run, if there is one:
	 * whether its bytes hold the run's batch id decides whether the
	 * run is a whole command. */
	int bad_before;
	off_t bad_off;
	long bad_line;
	store_row_fn fn;
	void *arg;
	long given;
	int cancelled;
};

static int
undo_row(struct rd *r, const struct store_row *row)
{
	struct undo *u = r->arg;

	if (u->active && !u->last_bad && strcmp(row->batch, u->batch) == 0) {
		u->n++;
		return 0;
	}
	u->bad_before = u->last_bad;
	u->last_bad = 0;
	u->active = 1;
	snprintf(u->batch, sizeof(u->batch), "%s", row->batch);
	u->off = r->rec_off;
	u->line = r->rec_line;
	u->n = 1;
	return 0;
}

static void
undo_bad(struct rd *r, long line, const char *reason)
{
	struct undo *u = r->arg;

	(void)reason;
	u->active = 0;
	u->last_bad = 1;
	u->last_bad_line = line;
	u->bad_line = line;
	u->bad_off = r->rec_off;
}

/*
 * Whether the bytes from..to of fd hold the text id: the raw record of a
 * malformed row, looked at whole, since a stray comma or quote may have
 * moved its batch id out of the batch column. Batch ids are long and
 * random, so finding one is proof enough. A record too long to check,
 * or unreadable, counts as holding it: undo then refuses, never splits.
 */
static int
undo_record_holds(int fd, off_t from, off_t to, const char *id)
{
	size_t idlen = strlen(id), n;
	char *buf, *p;
	int found = 0;

	if (to - from > (off_t)(8 * STORE_COLS_MAX * RD_FIELD_SLOT))
		return 1;
	n = (size_t)(to - from);
	buf = xmalloc(n + 1);
	if (pread(fd, buf, n, from) != (ssize_t)n) {
		free(buf);
		return 1;
	}
	for (p = buf; idlen > 0 && (size_t)(buf + n - p) >= idlen &&
	     (p = memchr(p, id[0], (size_t)(buf + n - p))) != NULL;
	     p++) {
		if ((size_t)(buf + n - p) >= idlen &&
		    memcmp(p, id, idlen) == 0) {
			found = 1;
			break;
		}
	}
	free(buf);
	return found;
}

static int
undo_give(struct rd *r, const struct store_row *row)
{
	struct undo *u = r->arg;

	u->given++;
	if (u->fn != NULL && u->fn(row, u->arg) != 0) {
		u->cancelled = 1;
		return 1;
	}
	return 0;
}

struct undo_pick_rec {
	off_t off; /* where the record starts */
	char what; /* 'k' keep, 'd' drop, 'b' malformed */
	long line;
};

struct undo_pick {
	const char *id;
	struct undo_pick_rec *v;
	size_t n, cap;
	long drop;
	store_row_fn fn;
	void *arg;
	int cancelled;
};

static void
undo_pick_add(struct undo_pick *p, off_t off, char what, long line)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n].off = off;
	p->v[p->n].what = what;
	p->v[p->n].line = line;
	p->n++;
}

static int
undo_pick_row(struct rd *r, const struct store_row *row)
{
	struct undo_pick *p = r->arg;

	if (strcmp(row->batch, p->id) != 0) {
		undo_pick_add(p, r->rec_off, 'k', r->rec_line);
		return 0;
	}
	undo_pick_add(p, r->rec_off, 'd', r->rec_line);
	p->drop++;
	if (p->fn != NULL && p->fn(row, p->arg) != 0) {
		p->cancelled = 1;
		return 1;
	}
	return 0;
}

static void
undo_pick_bad(struct rd *r, long line, const char *reason)
{
	struct undo_pick *p = r->arg;

	(void)reason;
	undo_pick_add(p, r->rec_off, 'b', line);
}

/*
 * Replaces the log on lk (at path, or the file its symlink names) by its
 * first keep bytes and extra, or with dry_run goes as far as the rename:
 * 0, or -1 with *cause and *fail.
 */
static int
undo_commit(const char *path, const struct lf_lock *lk, off_t keep,
    const struct buf *extra, int dry_run, enum fail *fail, char **cause)
{
	char *real = NULL;
	int rc;

	if (lf_resolve(path, &real, fail, cause) == -1)
		return -1;
	rc = lf_rewrite(
	    real != NULL ? real : path, lk, keep, extra, dry_run, fail, cause);
	free(real);
	return rc;
}

/*
 * The first pass of store_undo: finds the last run of rows sharing a
 * batch id and checks it is a whole command that ends the file. Returns
 * 1 if there is one to remove, 0 if the log holds none, or -1 with
 * *cause and *fail.
 */
static int
undo_find_last(const char *path, const struct lf_lock *lk, struct rd *r,
    struct undo *u, enum fail *fail, char **cause)
{
	r->on_row = undo_row;
	r->on_bad = undo_bad;
	r->arg = u;
	if (rd_run(r, 0, 1) == -1) {
		*cause = r->cause;
		r->cause = NULL;
		*fail = r->cause_io ? FAIL_IO : FAIL_DATA;
		return -1;
	}
	if (!r->have_header)
		return 0;
	if (r->broken) {
		*cause = xasprintf("%s:%ld: %s; nothing undone", path,
		    r->broken_line, r->reason);
		*fail = FAIL_DATA;
		return -1;
	}
	/* We only ever cut the file, so the rows to go must end it. */
	if (u->last_bad) {
		*cause = xasprintf("%s:%ld: the last row is malformed; nothing "
				   "undone",
		    path, u->last_bad_line);
		*fail = FAIL_DATA;
		return -1;
	}
	if (!u->active)
		return 0;
	if (u->batch[0] == '\0') {
		*cause = xstrdup("the last row has no batch id; nothing to "
				 "undo");
		*fail = FAIL_DATA;
		return -1;
	}
	/*
	 * A whole command or nothing: a malformed row of the last command
	 * (a pain edited to 12) splits its rows in two, and removing only
	 * those after it would leave the rest behind as if done.
	 */
	if (u->bad_before &&
	    undo_record_holds(lk->fd, u->bad_off, u->off, u->batch)) {
		*cause = xasprintf("%s:%ld: a row of the last command is "
				   "malformed; nothing undone (fix or remove "
				   "it first)",
		    path, u->bad_line);
		*fail = FAIL_DATA;
		return -1;
	}
	return 1;
}

/* The second pass: hands the run's rows to the caller. 0, or -1. */
static int
undo_give_run(const char *path, struct rd *r, struct undo *u, enum fail *fail,
    char **cause)
{
	r->on_row = undo_give;
	r->on_bad = undo_bad;
	r->line = u->line;
	if (rd_run(r, u->off, 0) == -1) {
		*cause = r->cause;
		r->cause = NULL;
		*fail = r->cause_io ? FAIL_IO : FAIL_DATA;
		return -1;
	}
	if (u->cancelled) {
		*cause = xasprintf("undo cancelled; '%s' is unchanged", path);
		*fail = FAIL_DATA;
		return -1;
	}
	if (r->bad != 0 || u->given != u->n) {
		*cause = xasprintf("'%s' changed while being read; nothing "
				   "undone",
		    path);
		*fail = FAIL_LOCKED;
		return -1;
	}
	return 0;
}

long
store_undo(const char *path, int dry_run, store_row_fn fn, void *arg,
    enum fail *fail, char **cause)
{
	struct rd r;
	struct lf_lock lk;
	struct undo *u;
	enum fail ignored;
	long ret = -1;
	int c;

	if (fail == NULL)
		fail = &ignored;
	/* A dry run takes the same lock, for writing, as the real one. */
	if (lf_lock_log(path, LF_WRITE, &lk, fail, cause) == -1)
		return -1;
	if (lk.fd == -1)
		return 0;
	u = xcalloc(1, sizeof(*u));
	u->fn = fn;
	u->arg = arg;
	rd_init(&r, path, lk.fd, 1);
	if ((c = undo_find_last(path, &lk, &r, u, fail, cause)) <= 0)
		ret = c;
	else if (undo_give_run(path, &r, u, fail, cause) == -1 ||
	    undo_commit(path, &lk, u->off, NULL, dry_run, fail, cause) == -1)
		ret = -1;
	else
		ret = u->n;
	free(u);
	rd_free(&r);
	close(lk.fd);
	return ret;
}

/*
 * A whole command or nothing, as for the last one: a malformed row that
 * holds the id may be one of the command's rows. Returns 0, or -1 with
 * *cause.
 */
static int
undo_pick_whole(const char *path, const struct lf_lock *lk, struct rd *r,
    const struct undo_pick *p, off_t end, enum fail *fail, char **cause)
{
	size_t i;
	off_t to;

	for (i = 0; i < p->n; i++) {
		to = i + 1 < p->n ? p->v[i + 1].off : end;
		if (p->v[i].what == 'b' &&
		    undo_record_holds(lk->fd, p->v[i].off, to, p->id)) {
			*cause = xasprintf("%s:%ld: a row of that command is "
					   "malformed; nothing undone (fix or "
					   "remove it first)",
			    path, rd_line(r, p->v[i].line));
			*fail = FAIL_DATA;
			return -1;
		}
	}
	return 0;
}

/*
 * Appends bytes [from, to) of the log open on fd to out: 0, or -1 with
 * *cause (a read error, or the file ending early).
 */
static int
undo_read_range(const char *path, int fd, off_t from, off_t to, struct buf *out,
    char **cause)
{
	char *chunk = xmalloc(RD_CHUNK);
	ssize_t got;

	while (from < to) {
		got = pread(fd, chunk,
		    (size_t)(to - from < RD_CHUNK ? to - from : RD_CHUNK),
		    from);
		if (got == -1 && errno == EINTR)
			continue;
		if (got <= 0) {
			*cause = xasprintf("cannot read '%s': %s", path,
			    got == 0 ? strerror(EIO) : strerror(errno));
			free(chunk);
			return -1;
		}
		buf_add(out, chunk, (size_t)got);
		from += got;
	}
	free(chunk);
	return 0;
}

/*
 * What stays after the first row to go, copied byte for byte into
 * extra; *keep is where that first row starts. Returns 0, or -1 with
 * *cause.
 */
static int
undo_pick_rest(const char *path, const struct lf_lock *lk,
    const struct undo_pick *p, off_t end, off_t *keep, struct buf *extra,
    enum fail *fail, char **cause)
{
	off_t from, to;
	size_t i;

	*keep = -1;
	for (i = 0; i < p->n; i++) {
		from = p->v[i].off;
		to = i + 1 < p->n ? p->v[i + 1].off : end;
		if (p->v[i].what == 'd') {
			if (*keep == -1)
				*keep = from;
			continue;
		}
		if (*keep == -1)
			continue;
		if (undo_read_range(path, lk->fd, from, to, extra, cause) ==
		    -1) {
			*fail = FAIL_IO;
			return -1;
		}
	}
	return 0;
}

/*
 * The pass of store_undo_batch: finds every row of p->id, handing each
 * to the caller. Returns 1 if there are rows to remove, 0 if none, or
 * -1 with *cause.
 */
static int
undo_pick_read(const char *path, struct rd *r, struct undo_pick *p,
    enum fail *fail, char **cause)
{
	r->on_row = undo_pick_row;
	r->on_bad = undo_pick_bad;
	r->arg = p;
	if (rd_run(r, 0, 1) == -1) {
		*cause = r->cause;
		r->cause = NULL;
		*fail = r->cause_io ? FAIL_IO : FAIL_DATA;
		return -1;
	}
	if (p->cancelled) {
		*cause = xasprintf("undo cancelled; '%s' is unchanged", path);
		*fail = FAIL_DATA;
		return -1;
	}
	if (!r->have_header || p->drop == 0)
		return 0;
	if (r->broken) {
		*cause = xasprintf("%s:%ld: %s; nothing undone", path,
		    r->broken_line, r->reason);
		*fail = FAIL_DATA;
		return -1;
	}
	return 1;
}

long
store_undo_batch(const char *path, const char *id, int dry_run, store_row_fn fn,
    void *arg, enum fail *fail, char **cause)
{
	struct rd r;
	struct lf_lock lk;
	struct undo_pick p = { id, NULL, 0, 0, 0, fn, arg, 0 };
	struct buf extra = { 0 };
	enum fail ignored;
	off_t keep;
	long ret = -1;
	int c;

	if (fail == NULL)
		fail = &ignored;
	/* A dry run takes the same lock, for writing, as the real one. */
	if (lf_lock_log(path, LF_WRITE, &lk, fail, cause) == -1)
		return -1;
	if (lk.fd == -1)
		return 0;
	rd_init(&r, path, lk.fd, 1);
	if ((c = undo_pick_read(path, &r, &p, fail, cause)) <= 0)
		ret = c;
	else if (undo_pick_whole(path, &lk, &r, &p, r.off, fail, cause) == -1 ||
	    undo_pick_rest(path, &lk, &p, r.off, &keep, &extra, fail, cause) ==
		-1 ||
	    undo_commit(path, &lk, keep, &extra, dry_run, fail, cause) == -1)
		ret = -1;
	else
		ret = p.drop;
	buf_free(&extra);
	free(p.v);
	rd_free(&r);
	close(lk.fd);
	return ret;
}

int
store_rewrite(const char *path, const char *text, size_t len, enum fail *fail,
    char **cause)
{
	struct lf_lock lk;
	struct buf content = { 0 };
	enum fail ignored;
	int c;

	if (fail == NULL)
		fail = &ignored;
	if (lf_lock_log(path, LF_WRITE, &lk, fail, cause) == -1)
		return -1;
	if (lk.fd == -1) {
		*cause =
		    xasprintf("cannot open '%s': %s", path, strerror(ENOENT));
		*fail = FAIL_NOINPUT;
		return -1;
	}
	buf_add(&content, text, len);
	c = undo_commit(path, &lk, 0, &content, 0, fail, cause);
	buf_free(&content);
	close(lk.fd);
	return c;
}

/*
 * Whether the log on lk still starts with the oldlen bytes of old: 1 or
 * 0, or -1 with *cause (a read error).
 */
static int
undo_same_start(const char *path, const struct lf_lock *lk, const char *old,
    size_t oldlen, char **cause)
{
	char *chunk;
	ssize_t got;
	off_t off;
	int same = 1;

	if (lk->st.st_size < (off_t)oldlen)
		return 0;
	chunk = xmalloc(RD_CHUNK);
	for (off = 0; same && off < (off_t)oldlen; off += got) {
		size_t want = oldlen - (size_t)off < RD_CHUNK
		    ? oldlen - (size_t)off
		    : RD_CHUNK;

		got = pread(lk->fd, chunk, want, off);
		if (got == -1 && errno == EINTR) {
			got = 0;
			continue;
		}
		if (got <= 0) {
			*cause = xasprintf("cannot read '%s': %s", path,
			    got == 0 ? strerror(EIO) : strerror(errno));
			free(chunk);
			return -1;
		}
		same = memcmp(chunk, old + off, (size_t)got) == 0;
	}
	free(chunk);
	return same;
}

/*
 * Appends to out the bytes of the log on lk from oldlen on: the rows
 * another command appended while the edit was open. Returns 0, or -1 with
 * *cause.
 */
static int
undo_copy_rest(const char *path, const struct lf_lock *lk, const char *old,
    size_t oldlen, struct buf *out, char **cause)
{
	size_t at = out->len;

	if (undo_read_range(
		path, lk->fd, (off_t)oldlen, lk->st.st_size, out, cause) == -1)
		return -1;
	/* An append to a log without a final newline began with one. */
	if (at > 0 && out->len > at && out->data[at - 1] == '\n' &&
	    out->data[at] == '\n' && oldlen > 0 && old[oldlen - 1] != '\n') {
		memmove(out->data + at, out->data + at + 1, out->len - at - 1);
		out->len--;
		out->data[out->len] = '\0';
	}
	return 0;
}

int
store_replace(const char *path, const char *old, size_t oldlen,
    const struct buf *content, enum fail *fail, char **cause)
{
	struct lf_lock lk;
	struct buf out = { 0 };
	enum fail ignored;
	int same, rc = -1;

	if (fail == NULL)
		fail = &ignored;
	if (lf_lock_log(path, LF_WRITE, &lk, fail, cause) == -1)
		return -1;
	if (lk.fd == -1) {
		*cause = xasprintf("'%s' was removed while being edited", path);
		*fail = FAIL_LOCKED;
		return -1;
	}
	/*
	 * The rows taken for the edit must still be there, as they were:
	 * another edit or an undo rewrote them, and ours would undo theirs.
	 */
	*fail = FAIL_IO;
	if ((same = undo_same_start(path, &lk, old, oldlen, cause)) == 0) {
		*cause = xasprintf("'%s' was rewritten by another command (an "
				   "edit or an undo) while being edited",
		    path);
		*fail = FAIL_LOCKED;
	} else if (same == 1) {
		buf_add(&out, content->data != NULL ? content->data : "",
		    content->len);
		if (undo_copy_rest(path, &lk, old, oldlen, &out, cause) == 0)
			rc = undo_commit(path, &lk, 0, &out, 0, fail, cause);
	}
	buf_free(&out);
	close(lk.fd);
	return rc;
}
