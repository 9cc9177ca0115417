/*
 * logs.c: several logs read as one; see logs.h for the rules.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "logs.h"
#include "util.h"

int
logs_named(const struct config *cfg)
{
	return cfg->origin[KEY_DATA] == ORIGIN_OPTION ||
	    cfg->origin[KEY_DATA] == ORIGIN_ENV;
}

int
logs_check(const struct config *cfg, enum fail *fail, char **cause)
{
	struct stat st;

	if (!logs_named(cfg))
		return 0;
	/*
	 * The reader takes a missing file for an empty log, which is right
	 * for a new user's default log; a name the user typed that finds
	 * nothing is a mistake to report, not a report of nothing.
	 */
	for (size_t i = 0; i < cfg->nlogs; i++) {
		if (strcmp(cfg->logs[i], "-") == 0)
			continue;
		if (stat(cfg->logs[i], &st) == -1 && errno == ENOENT) {
			*cause = xasprintf("cannot open '%s': %s", cfg->logs[i],
			    strerror(ENOENT));
			if (fail != NULL)
				*fail = FAIL_NOINPUT;
			return -1;
		}
	}
	return 0;
}

long
logs_read(
    const struct config *cfg, const struct store_read_opts *o, char **cause)
{
	struct store_read_opts one = *o;
	long bad = 0, n;

	if (logs_check(cfg, o->fail, cause) != 0)
		return -1;
	for (size_t i = 0; i < cfg->nlogs; i++) {
		one.path = cfg->logs[i];
		if ((n = store_read(&one, cause)) < 0)
			return -1;
		bad += n;
	}
	return bad;
}

/* ---- Sorted across files --------------------------------------------- */

/* A row kept with copies of its strings, and where it came in. */
struct held {
	struct store_row r;
	char *text; /* exercise, variant, note, batch, one after another */
	size_t seq;
};

struct holding {
	struct held *v;
	size_t n, cap;
	int tail;
	date_t since;
	store_row_fn keep; /* the caller's filter, or NULL */
	store_row_fn row; /* the caller's, for one log read straight */
	store_warn_fn warn; /* the caller's, with its own argument */
	void *arg;
};

static void
hold_warn(const char *file, long line, const char *reason, void *arg)
{
	struct holding *h = arg;

	if (h->warn != NULL)
		h->warn(file, line, reason, h->arg);
}

static int
hold_row(const struct store_row *r, void *arg)
{
	struct holding *h = arg;
	const char *s[4] = { r->exercise, r->variant, r->note, r->batch };
	size_t len[4], total = 0;
	struct held *x;
	char *p;

	if (h->tail && r->date < h->since)
		return 0;
	if (h->keep != NULL && h->keep(r, h->arg) == 0)
		return 0;
	for (int i = 0; i < 4; i++)
		total += (len[i] = strlen(s[i])) + 1;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 256;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	x = &h->v[h->n];
	x->r = *r;
	x->seq = h->n++;
	p = x->text = xmalloc(total);
	for (int i = 0; i < 4; i++) {
		memcpy(p, s[i], len[i] + 1);
		s[i] = p;
		p += len[i] + 1;
	}
	x->r.exercise = s[0];
	x->r.variant = s[1];
	x->r.note = s[2];
	x->r.batch = s[3];
	return 0;
}

/* One log: the filter, then the caller's row, as the row is read. */
static int
pass_row(const struct store_row *r, void *arg)
{
	struct holding *h = arg;

	if (h->keep != NULL && h->keep(r, h->arg) == 0)
		return 0;
	return h->row(r, h->arg);
}

/* Date, then time (none first), then the order read: a stable sort. */
static int
held_cmp(const void *a, const void *b)
{
	const struct held *x = a, *y = b;

	if (x->r.date != y->r.date)
		return x->r.date < y->r.date ? -1 : 1;
	if (x->r.time != y->r.time)
		return x->r.time < y->r.time ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

long
logs_read_sorted(const struct config *cfg, const struct store_read_opts *o,
    store_row_fn keep, char **cause)
{
	struct store_read_opts all = *o;
	struct holding h;
	long bad;

	memset(&h, 0, sizeof(h));
	h.tail = o->tail;
	h.since = o->since;
	h.keep = keep;
	h.row = o->row;
	h.warn = o->warn;
	h.arg = o->arg;
	all.row = cfg->nlogs == 1 ? pass_row : hold_row;
	all.warn = hold_warn;
	all.arg = &h;
	bad = logs_read(cfg, &all, cause);
	if (cfg->nlogs == 1)
		return bad;
	if (bad >= 0 && h.n > 0) {
		qsort(h.v, h.n, sizeof(*h.v), held_cmp);
		for (size_t i = 0; i < h.n; i++)
			if (o->row(&h.v[i].r, o->arg) != 0)
				break;
	}
	for (size_t i = 0; i < h.n; i++)
		free(h.v[i].text);
	free(h.v);
	return bad;
}

/* ---- The coaching rules' window of each log -------------------------- */

struct progress *
logs_progress(const struct config *cfg, date_t d, store_warn_fn warn, void *arg,
    long *bad, enum fail *fail, char **cause)
{
	struct progress *p;
	long total = 0, n;

	if (logs_check(cfg, fail, cause) != 0)
		return NULL;
	/* Each log's window in turn, into one progress. */
	p = progress_new(cfg);
	for (size_t i = 0; i < cfg->nlogs; i++) {
		if ((n = progress_feed(
			 p, cfg->logs[i], d, warn, arg, fail, cause)) < 0) {
			progress_free(p);
			return NULL;
		}
		total += n;
	}
	if (bad != NULL)
		*bad = total;
	return p;
}
