/*
 * tail: see tail.h.
 */
#define _DEFAULT_SOURCE /* pread(2), O_CLOEXEC, gmtime_r */

#include <sys/types.h>

#include <string.h>

#include "rd.h"
#include "row.h"
#include "store.h"
#include "tail.h"

#define TAIL_PROBE_ROWS 8 /* rows that must predate since */

struct tail_probe {
	date_t since;
	long n;
	int all_before;
	int bad;
};

static int
tail_probe_row(struct rd *r, const struct store_row *row)
{
	struct tail_probe *pr = r->arg;

	if (row->date >= pr->since)
		pr->all_before = 0;
	/*
	 * The first rows decide; parsing the rest of the window twice
	 * would double the cost of every plan.
	 */
	return ++pr->n >= TAIL_PROBE_ROWS;
}

static void
tail_probe_bad(struct rd *r, long line, const char *reason)
{
	struct tail_probe *pr = r->arg;

	(void)line;
	(void)reason;
	pr->bad = 1;
}

static int
tail_looks_like_date(const unsigned char *p)
{
	return row_iso_shape((const char *)p, 10) && p[10] == ',';
}

/*
 * The first offset at or after from that follows a LF and starts with
 * "YYYY-MM-DD,": probably a record start. -1 if there is none.
 */
static off_t
tail_find_resync(struct rd *r, off_t from, off_t size)
{
	off_t off = from;
	ssize_t n, k;

	while (off < size) {
		n = rd_fill(r, r->chunk, RD_CHUNK, off);
		if (n < 12)
			return -1;
		for (k = 0; k + 12 <= n; k++)
			if (r->chunk[k] == '\n' &&
			    tail_looks_like_date(r->chunk + k + 1))
				return off + k + 1;
		off += n - 11;
	}
	return -1;
}

/*
 * Whether the bytes from..to hold an even number of '"': -1 if they
 * cannot be read. In strict CSV a quote only opens, closes or doubles
 * inside a quoted field, so past a record boundary at from, an even
 * count means to is outside quotes, and a LF just before it ends a
 * record: proof that to starts one, where a line that merely looks like
 * a row (inside a multi-line note) proves nothing. memchr(3) makes this
 * far cheaper than parsing the same bytes.
 */
static int
tail_quotes_even(struct rd *r, off_t from, off_t to)
{
	const unsigned char *p, *end;
	unsigned long quotes = 0;
	off_t off;
	ssize_t n;

	for (off = from; off < to; off += n) {
		n = rd_fill(r, r->chunk,
		    (size_t)(to - off < RD_CHUNK ? to - off : RD_CHUNK), off);
		if (n <= 0)
			return -1;
		end = r->chunk + n;
		for (p = r->chunk;
		     (p = memchr(p, '"', (size_t)(end - p))) != NULL; p++)
			quotes++;
	}
	return quotes % 2 == 0;
}

/*
 * Whether the record start at start proves a good place to stream from:
 * its first TAIL_PROBE_ROWS rows are parsed without delivering anything,
 * and must all predate since, with no malformed row or parse error among
 * them. Returns 1 if so, 0 to try a wider window, 2 to give up and read
 * everything, or -1 with r->cause set.
 */
static int
tail_probe(struct rd *r, date_t since, off_t start)
{
	struct tail_probe pr;

	memset(&pr, 0, sizeof(pr));
	pr.since = since;
	pr.all_before = 1;
	r->on_row = tail_probe_row;
	r->on_bad = tail_probe_bad;
	/* r lives only for tail_read's call, so &pr never dangles. */
	/* cppcheck-suppress autoVariables */
	r->arg = &pr;
	r->lines_known = 0;
	r->line = 1;
	if (rd_run(r, start, 0) == -1)
		return -1;
	r->arg = NULL;
	if (pr.bad)
		return 2;
	return pr.n > 0 && pr.all_before;
}

/* Streams to o's callbacks from off, which starts a record at line. */
static long
tail_stream(struct rd *r, const struct store_read_opts *o, off_t off)
{
	r->on_row = rd_user_row;
	r->on_bad = rd_user_bad;
	r->opts = o;
	if (rd_run(r, off, 0) == -1)
		return -1;
	return r->bad;
}

/*
 * Finds a record start near the end of the file whose first rows all
 * predate since, doubling the window until one does, then streams from
 * there once. A start is only taken once the quotes before it prove it
 * a record boundary (tail_quotes_even), and a wrong guess sends us back
 * to a full read: it costs time, never rows.
 */
long
tail_read(struct rd *r, const struct store_read_opts *o, off_t size)
{
	off_t w, start;
	int even, ok;

	r->header_only = 1;
	if (rd_run(r, 0, 1) == -1)
		return -1;
	r->header_only = 0;
	if (!r->have_header)
		return 0;
	for (w = TAIL_WINDOW; r->map[0] == STORE_DATE && size - w > r->data_off;
	     w *= 2) {
		start = tail_find_resync(r, size - w, size);
		if (start == -1)
			continue;
		if ((even = tail_quotes_even(r, r->data_off, start)) == -1)
			break;
		if (!even)
			continue;
		if ((ok = tail_probe(r, o->since, start)) == -1)
			return -1;
		if (ok == 2)
			break;
		if (ok == 0)
			continue;
		r->line = 1;
		r->origin = start;
		r->origin_line = 0;
		return tail_stream(r, o, start);
	}
	r->lines_known = 1;
	r->line = r->data_line;
	return tail_stream(r, o, r->data_off);
}
