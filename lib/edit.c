/*
 * edit: see edit.h.
 *
 * The log is read once into memory, and its rows are parsed from that
 * very file, through /dev/fd, rather than by opening the path again: a
 * writer renames a new log over the path, never changes the old one in
 * place, so the open file holds exactly the bytes in memory, and each
 * row's line can be turned into its byte offset there. The edit is later
 * written only if the log still starts with those bytes (store_replace).
 *
 * The editor's text holds prehab's header and the rows as prehab writes
 * them, so only a log with prehab's own header can be edited: a log with
 * columns of its own would need its layout carried through the edit.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edit.h"

/* What the row and warning callbacks of edit_take share. */
struct take_acc {
	struct edit_take *t;
	const char *path; /* the log's name, for messages */
	size_t *lines; /* offset of each line's start; lines[0] is line 1 */
	size_t nlines;
	date_t since, until;
	store_warn_fn warn;
	void *arg;
};

/* Reads all of fd into *out; returns 0, or -1 with errno set. */
static int
slurp(int fd, char **out, size_t *size)
{
	struct buf b = { 0 };
	char chunk[16384];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			int err = errno;

			buf_free(&b);
			errno = err;
			return -1;
		}
		if (n == 0)
			break;
		buf_add(&b, chunk, (size_t)n);
	}
	if (b.data == NULL)
		b.data = xcalloc(1, 1); /* an empty file: "" */
	*out = b.data;
	*size = b.len;
	return 0;
}

/*
 * Where the CSV record starting at off ends: just past the first newline
 * outside quotes, or at the end of the bytes.
 */
static size_t
record_end(const char *p, size_t size, size_t off)
{
	int inq = 0;

	for (; off < size; off++) {
		if (p[off] == '"')
			inq = !inq;
		else if (p[off] == '\n' && !inq)
			return off + 1;
	}
	return size;
}

static char *
header_text(void)
{
	struct buf b = { 0 };

	store_format_header(&b);
	return b.data;
}

/* Whether the bytes begin with prehab's header line, as its own line. */
static int
starts_with_header(const char *p, size_t size, const char *h)
{
	size_t n = strlen(h) - 1; /* without its newline */

	if (size < n || memcmp(p, h, n) != 0)
		return 0;
	return size == n || p[n] == '\n' ||
	    (p[n] == '\r' && n + 1 < size && p[n + 1] == '\n');
}

static void
edit_row_copy(struct store_row *dst, const struct store_row *src)
{
	*dst = *src;
	dst->exercise = xstrdup(src->exercise);
	dst->variant = xstrdup(src->variant);
	dst->note = xstrdup(src->note);
	dst->batch = xstrdup(src->batch);
}

/*
 * The rows kept here own their strings, which a store_row holds as const:
 * the union hands the pointer back to free(3) without a cast.
 */
static void
free_owned(const char *s)
{
	union {
		const char *c;
		char *p;
	} u;

	u.c = s;
	free(u.p);
}

static void
edit_row_free(struct store_row *r)
{
	free_owned(r->exercise);
	free_owned(r->variant);
	free_owned(r->note);
	free_owned(r->batch);
}

static int
take_row(const struct store_row *r, void *arg)
{
	struct take_acc *a = arg;
	struct edit_take *t = a->t;
	size_t off;

	if (r->date < a->since || r->date > a->until || r->line < 1 ||
	    (size_t)r->line > a->nlines)
		return 0;
	off = a->lines[r->line - 1];
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
		t->off = xreallocarray(t->off, t->cap, sizeof(*t->off));
		t->len = xreallocarray(t->len, t->cap, sizeof(*t->len));
	}
	edit_row_copy(&t->rows[t->n], r);
	t->off[t->n] = off;
	t->len[t->n] = record_end(t->log, t->size, off) - off;
	store_format_row(&t->text, r);
	t->n++;
	return 0;
}

static void
take_warn(const char *file, long line, const char *reason, void *arg)
{
	struct take_acc *a = arg;

	(void)file;
	a->t->bad++;
	if (a->warn != NULL)
		a->warn(a->path, line, reason, a->arg);
}

int
edit_take(const char *path, date_t since, date_t until, store_warn_fn warn,
    void *arg, struct edit_take *t, enum fail *fail, char **cause)
{
	struct take_acc a = { t, path, NULL, 0, since, until, warn, arg };
	struct store_read_opts o;
	struct stat st;
	char fdpath[32], *h = NULL, *rcause = NULL;
	size_t i;
	int fd, rc = -1;

	memset(t, 0, sizeof(*t));
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		*fail = errno == ENOENT ? FAIL_NOINPUT : FAIL_IO;
		*cause = errno == ENOENT
		    ? xasprintf("cannot edit '%s': there is no log yet", path)
		    : xasprintf("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*fail = FAIL_IO;
		*cause =
		    xasprintf("cannot edit '%s': not a regular file", path);
		goto out;
	}
	if (slurp(fd, &t->log, &t->size) == -1) {
		*fail = FAIL_IO;
		*cause =
		    xasprintf("cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	h = header_text();
	if (t->size > 0 && !starts_with_header(t->log, t->size, h)) {
		*fail = FAIL_DATA;
		*cause = xasprintf("cannot edit '%s': its header is not "
				   "prehab's own ('%.*s'), and --edit works "
				   "only on prehab's columns in prehab's order",
		    path, (int)strlen(h) - 1, h);
		goto out;
	}
	buf_adds(&t->text, h);

	/* Where each line starts, to find a row's bytes from its line. */
	a.lines = xreallocarray(NULL, 1, sizeof(*a.lines));
	a.lines[a.nlines++] = 0;
	for (i = 0; i < t->size; i++)
		if (t->log[i] == '\n' && i + 1 < t->size) {
			a.lines = xreallocarray(
			    a.lines, a.nlines + 1, sizeof(*a.lines));
			a.lines[a.nlines++] = i + 1;
		}
	snprintf(fdpath, sizeof(fdpath), "/dev/fd/%d", fd);
	memset(&o, 0, sizeof(o));
	o.path = fdpath;
	o.row = take_row;
	o.warn = take_warn;
	o.arg = &a;
	o.fail = fail;
	if (store_read(&o, &rcause) < 0) {
		*cause = rcause;
		goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		edit_take_free(t);
		memset(t, 0, sizeof(*t));
	}
	free(a.lines);
	free(h);
	close(fd);
	return rc;
}

void
edit_take_free(struct edit_take *t)
{
	for (size_t i = 0; i < t->n; i++)
		edit_row_free(&t->rows[i]);
	free(t->rows);
	free(t->off);
	free(t->len);
	free(t->log);
	buf_free(&t->text);
}

/* The rows the editor left, as edit_check collects them. */
struct check_acc {
	struct store_row *rows;
	size_t n, cap;
	long bad;
	const struct edit_rules *rules;
};

static int
check_row_cb(const struct store_row *r, void *arg)
{
	struct check_acc *a = arg;

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->rows = xreallocarray(a->rows, a->cap, sizeof(*a->rows));
	}
	edit_row_copy(&a->rows[a->n++], r);
	return 0;
}

static void
check_warn(const char *file, long line, const char *reason, void *arg)
{
	struct check_acc *a = arg;

	a->bad++;
	if (a->rules->warn != NULL)
		a->rules->warn(file, line, reason, a->rules->arg);
}

/* One row as a CSV line, and where it came from, for matching. */
struct line_ref {
	char *text;
	size_t idx;
	int matched;
};

static int
cmp_ref(const void *a, const void *b)
{
	const struct line_ref *x = *(const struct line_ref *const *)a;
	const struct line_ref *y = *(const struct line_ref *const *)b;

	return strcmp(x->text, y->text);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *
edit_row_line(const struct store_row *r)
{
	struct buf b = { 0 };

	store_format_row(&b, r);
	return b.data;
}

/*
 * Marks the lines of a and b that pair up, equal text for equal text,
 * each line pairing at most once.
 */
static void
match_lines(struct line_ref *a, size_t na, struct line_ref *b, size_t nb)
{
	struct line_ref **pa =
	    xreallocarray(NULL, na + 1, sizeof(struct line_ref *));
	struct line_ref **pb =
	    xreallocarray(NULL, nb + 1, sizeof(struct line_ref *));
	size_t i = 0, j = 0;
	int c;

	for (size_t k = 0; k < na; k++)
		pa[k] = &a[k];
	for (size_t k = 0; k < nb; k++)
		pb[k] = &b[k];
	qsort(pa, na, sizeof(struct line_ref *), cmp_ref);
	qsort(pb, nb, sizeof(struct line_ref *), cmp_ref);
	while (i < na && j < nb) {
		c = strcmp(pa[i]->text, pb[j]->text);
		if (c == 0) {
			pa[i++]->matched = 1;
			pb[j++]->matched = 1;
		} else if (c < 0)
			i++;
		else
			j++;
	}
	free(pa);
	free(pb);
}

/*
 * Gives each edited row its batch id: the one it has while the range
 * held that many rows of it, a fresh one for the rest. Returns the
 * number of fresh ones.
 */
static size_t
assign_batches(const struct edit_take *t, struct store_row *rows, size_t n,
    char *fresh, size_t freshsz)
{
	const char **ids = xreallocarray(NULL, t->n + 1, sizeof(*ids));
	size_t *left = xcalloc(t->n + 1, sizeof(*left));
	size_t nid = 0, added = 0, i;

	/* The distinct ids of the range, sorted, with how many rows each. */
	for (i = 0; i < t->n; i++)
		ids[i] = t->rows[i].batch;
	qsort(ids, t->n, sizeof(*ids), cmp_str);
	for (i = 0; i < t->n; i++) {
		if (nid > 0 && strcmp(ids[nid - 1], ids[i]) == 0) {
			left[nid - 1]++;
			continue;
		}
		ids[nid] = ids[i];
		left[nid++] = 1;
	}
	fresh[0] = '\0';
	for (i = 0; i < n; i++) {
		const char **hit = nid == 0
		    ? NULL
		    : bsearch(&rows[i].batch, ids, nid, sizeof(*ids), cmp_str);

		if (hit != NULL && left[hit - ids] > 0) {
			left[hit - ids]--;
			continue;
		}
		if (fresh[0] == '\0')
			store_new_batch(fresh, freshsz);
		free_owned(rows[i].batch);
		rows[i].batch = xstrdup(fresh);
		added++;
	}
	free(ids);
	free(left);
	return added;
}

/* The checks of --import that the reader does not make. */
static int
import_rules(
    const struct edit_rules *rules, const struct store_row *r, char **reason)
{
	const struct exercise *e;
	char *cause = NULL, d[DATE_BUFSZ];

	if (rules->catalog != NULL && !store_is_checkin(r) &&
	    catalog_get(rules->catalog, r->exercise) == NULL) {
		/* The log holds slugs; an alias gets the slug suggested. */
		if ((e = catalog_find(rules->catalog, r->exercise, &cause)) !=
		    NULL)
			cause = xasprintf("unknown exercise '%s' (did you "
					  "mean '%s'?)",
			    r->exercise, e->slug);
		*reason = xasprintf("column 'exercise': %s", cause);
		free(cause);
		return -1;
	}
	if (!rules->force && r->date > rules->today) {
		*reason = xasprintf("column 'date': %s is after today (use "
				    "--force to keep it)",
		    date_format(r->date, d));
		return -1;
	}
	return 0;
}

/* Builds the log's new first take->size bytes from the edited rows. */
static void
build_content(const struct edit_take *t, const struct store_row *rows, size_t n,
    struct buf *out)
{
	size_t pos = 0, i, k;
	int placed = 0;

	for (i = 0; i < t->n; i++) {
		if (t->off[i] > pos)
			buf_add(out, t->log + pos, t->off[i] - pos);
		if (!placed) {
			for (k = 0; k < n; k++)
				store_format_row(out, &rows[k]);
			placed = 1;
		}
		pos = t->off[i] + t->len[i];
	}
	if (pos < t->size)
		buf_add(out, t->log + pos, t->size - pos);
	if (placed)
		return;
	/* No row was in the range: new ones go at the end. */
	if (t->size == 0) {
		char *h = header_text();

		buf_adds(out, h);
		free(h);
	} else if (t->log[t->size - 1] != '\n')
		buf_addc(out, '\n');
	for (k = 0; k < n; k++)
		store_format_row(out, &rows[k]);
}

long
edit_check(const struct edit_take *t, const char *file,
    const struct edit_rules *rules, struct edit_result *res, char **cause)
{
	struct check_acc a = { NULL, 0, 0, 0, rules };
	struct store_read_opts o;
	struct line_ref *was = NULL, *now = NULL;
	char *text = NULL, *h = NULL, *reason;
	size_t size, i;
	long ret = -1;
	int fd;

	memset(res, 0, sizeof(*res));
	if ((fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1 ||
	    slurp(fd, &text, &size) == -1) {
		*cause =
		    xasprintf("cannot read '%s': %s", file, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	if (size == t->text.len && memcmp(text, t->text.data, size) == 0) {
		res->unchanged = 1;
		ret = 0;
		goto out;
	}
	h = header_text();
	if (!starts_with_header(text, size, h)) {
		reason = xasprintf("the header line may not be changed: it "
				   "must stay '%.*s'",
		    (int)strlen(h) - 1, h);
		if (rules->warn != NULL)
			rules->warn(file, 1, reason, rules->arg);
		free(reason);
		ret = 1;
		goto out;
	}
	memset(&o, 0, sizeof(o));
	o.path = file;
	o.row = check_row_cb;
	o.warn = check_warn;
	o.arg = &a;
	if (store_read(&o, cause) < 0)
		goto out;
	if (a.bad > 0) {
		ret = a.bad;
		goto out;
	}

	res->added =
	    assign_batches(t, a.rows, a.n, res->batch, sizeof(res->batch));
	was = xcalloc(t->n + 1, sizeof(*was));
	now = xcalloc(a.n + 1, sizeof(*now));
	for (i = 0; i < t->n; i++) {
		was[i].text = edit_row_line(&t->rows[i]);
		was[i].idx = i;
	}
	for (i = 0; i < a.n; i++) {
		now[i].text = edit_row_line(&a.rows[i]);
		now[i].idx = i;
	}
	match_lines(was, t->n, now, a.n);
	/* A row as it was taken passed these once; a new or changed one
	 * must pass them now. */
	for (i = 0; i < a.n; i++) {
		if (now[i].matched ||
		    import_rules(rules, &a.rows[i], &reason) == 0)
			continue;
		a.bad++;
		if (rules->warn != NULL)
			rules->warn(file, a.rows[i].line, reason, rules->arg);
		free(reason);
	}
	if (a.bad > 0) {
		ret = a.bad;
		goto out;
	}
	res->removed = t->n - (a.n - res->added);
	for (i = 0; i < a.n; i++)
		if (!now[i].matched) {
			if (res->batch[0] == '\0' ||
			    strcmp(a.rows[i].batch, res->batch) != 0)
				res->edited++;
			buf_adds(&res->came, now[i].text);
		}
	for (i = 0; i < t->n; i++)
		if (!was[i].matched)
			buf_adds(&res->gone, was[i].text);
	if (res->edited == 0 && res->removed == 0 && res->added == 0) {
		res->unchanged = 1;
		ret = 0;
		goto out;
	}
	build_content(t, a.rows, a.n, &res->content);
	ret = 0;
out:
	for (i = 0; was != NULL && i < t->n; i++)
		free(was[i].text);
	for (i = 0; now != NULL && i < a.n; i++)
		free(now[i].text);
	free(was);
	free(now);
	for (i = 0; i < a.n; i++)
		edit_row_free(&a.rows[i]);
	free(a.rows);
	free(text);
	free(h);
	return ret;
}

void
edit_result_free(struct edit_result *res)
{
	buf_free(&res->content);
	buf_free(&res->gone);
	buf_free(&res->came);
}
