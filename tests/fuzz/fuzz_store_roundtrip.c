/*
 * fuzz_store_roundtrip: whatever store_append accepts, store_read gives
 * back identical.
 *
 * Input: 12 bytes of numbers (date, time, side, set, reps, hold, rpe,
 * pain, and a byte choosing the header of the existing file), then three
 * NUL-separated strings: exercise, variant and note. The numbers are
 * spread over ranges a little wider than the valid ones, so refusals are
 * exercised too.
 *
 * Properties:
 *   - store_append accepts the row, or refuses it and leaves the log
 *     byte-identical (or absent, if it was);
 *   - an accepted row reads back equal in every column, with a batch id,
 *     after whatever rows the file held before;
 *   - appending the same row again with skip_dups writes nothing;
 *   - store_undo then removes exactly the rows appended.
 */
#include "fuzz.h"

#include "date.h"
#include "store.h"
#include "util.h"

/*
 * Existing files the row is appended to, chosen by the input. A file
 * whose header lacks a column the row has a value for must refuse it.
 */
static const struct start {
	const char	*text;
	int		 batch;		/* has a batch column */
} starts[] = {
	{ NULL, 1 },		/* no file yet */
	{ "", 1 },		/* an empty file */
	{ "date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,"
	    "batch\n", 1 },
	/* Another order, unknown columns, CRLF and no final newline. */
	{ "note,extra,reps,exercise,date,batch,pain,variant,set,side,rpe,"
	    "hold_s,time\r\n"
	    "\"old, note\",x,10,glute-bridge,2026-01-01,b0,,,,,,,", 1 },
	/* A byte order mark, and few columns: most values are refused. */
	{ "\xef\xbb\xbf" "exercise,date,reps,batch\n"
	    "clamshell,2026-01-02,5,b0\n", 1 },
	/* No batch column: appends work, undo cannot. */
	{ "date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note\n"
	    "2026-01-03,,step-down,,,8,,,,,\"a\n\"\"b\"\"\"\n", 0 },
};

struct want {
	const struct store_row	*row;
	long			 n;		/* rows read */
	long			 matches;	/* rows equal to row */
	long			 warns;
	char			 batch[128];
};

static int
same_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static int
on_row(const struct store_row *r, void *arg)
{
	struct want *w = arg;
	const struct store_row *x = w->row;

	w->n++;
	if (r->date == x->date && r->time == x->time &&
	    same_str(r->exercise, x->exercise) && r->side == x->side &&
	    r->set == x->set && r->reps == x->reps &&
	    r->hold_s == x->hold_s && same_str(r->variant, x->variant) &&
	    r->rpe == x->rpe && r->pain == x->pain &&
	    same_str(r->note, x->note)) {
		w->matches++;
		snprintf(w->batch, sizeof(w->batch), "%s", r->batch);
	}
	return 0;
}

static void
on_warn(const char *file, long line, const char *reason, void *arg)
{
	struct want *w = arg;

	(void)file;
	(void)line;
	(void)reason;
	w->warns++;
}

static long
read_back(const char *path, const struct store_row *row, struct want *w)
{
	struct store_read_opts o;
	char *cause = NULL;
	long n;

	memset(w, 0, sizeof(*w));
	w->row = row;
	memset(&o, 0, sizeof(o));
	o.path = path;
	o.row = on_row;
	o.warn = on_warn;
	o.arg = w;
	n = store_read(&o, &cause);
	FZ_CHECK(n != -1, "cannot read back: %s", cause);
	return n;
}

/* Takes the next NUL-terminated string from the input, if any. */
static char *
next_str(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *nul = memchr(*p, '\0', (size_t)(end - *p));
	size_t n = nul != NULL ? (size_t)(nul - *p) : (size_t)(end - *p);
	char *s = xstrndup((const char *)*p, n);

	*p += nul != NULL ? n + 1 : n;
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[300];
	const uint8_t *p = data, *end = data + size;
	struct store_row row;
	struct want before, after;
	char *ex, *var, *note, *cause = NULL, *orig;
	size_t olen, nlen, skipped;
	const struct start *st;
	const char *start;
	long n, undone;
	date_t base;
	char *now;
	int fds;

	if (size < 12)
		return 0;
	if (path[0] == '\0')
		snprintf(path, sizeof(path), "%s/log.csv", fz_scratch());
	memset(&row, 0, sizeof(row));
	date_from_ymd(DATE_MIN_YEAR, 1, 1, &base);
	/* Day numbers past both ends of the valid years now and then. */
	row.date = base - 10 + (date_t)((p[0] << 16 | p[1] << 8 | p[2]) %
	    (3000000));
	row.time = (int)((p[3] << 8 | p[4]) % 1500) - 2;
	row.side = (enum store_side)(p[5] % 4);
	row.set = p[6] % 13 - 1;
	row.reps = p[7] % 105 - 1;
	row.hold_s = (p[8] << 8 | p[9]) % 610 - 1;
	row.rpe = p[10] % 13 - 2;
	row.pain = (p[10] >> 4) % 13 - 2;
	st = &starts[p[11] % (sizeof(starts) / sizeof(starts[0]))];
	start = st->text;
	p += 12;
	ex = next_str(&p, end);
	var = next_str(&p, end);
	note = next_str(&p, end);
	row.exercise = ex;
	row.variant = var;
	row.note = note;
	row.batch = "ignored";

	unlink(path);
	if (start != NULL)
		fz_put(path, start, strlen(start));
	orig = fz_slurp(path, &olen);
	read_back(path, &row, &before);
	fds = fz_open_fds();

	n = store_append(path, &row, 1, 0, NULL, NULL, &cause);
	now = fz_slurp(path, &nlen);
	if (n == -1) {
		FZ_CHECK(cause != NULL, "no cause");
		free(cause);
		cause = NULL;
		FZ_CHECK((orig == NULL && now == NULL) || (orig != NULL &&
		    now != NULL && olen == nlen && memcmp(orig, now,
		    olen) == 0), "a refused append changed the log");
		goto out;
	}
	FZ_CHECK(n == 1, "append returned %ld", n);
	FZ_CHECK(now != NULL && nlen > olen && (olen == 0 ||
	    memcmp(orig, now, olen) == 0), "the old bytes changed");
	FZ_CHECK(now[nlen - 1] == '\n', "no final newline");
	read_back(path, &row, &after);
	FZ_CHECK(after.warns == before.warns, "new warnings: %ld",
	    after.warns - before.warns);
	FZ_CHECK(after.n == before.n + 1, "%ld rows, want %ld", after.n,
	    before.n + 1);
	FZ_CHECK(after.matches == before.matches + 1,
	    "the row did not read back equal");
	FZ_CHECK((after.batch[0] != '\0') == st->batch, "batch id '%s'",
	    after.batch);

	/* The same row again is a duplicate. */
	n = store_append(path, &row, 1, 1, &skipped, NULL, &cause);
	FZ_CHECK(n == 0 && skipped == 1, "duplicate: wrote %ld, skipped %zu: "
	    "%s", n, skipped, cause != NULL ? cause : "");

	/* Undo takes back exactly the row, and nothing before it. */
	undone = store_undo(path, 0, NULL, NULL, NULL, &cause);
	if (!st->batch) {
		FZ_CHECK(undone == -1, "undo without batch ids returned %ld",
		    undone);
		free(cause);
		cause = NULL;
		{
			size_t ulen;
			char *u = fz_slurp(path, &ulen);

			FZ_CHECK(u != NULL && ulen == nlen &&
			    memcmp(u, now, nlen) == 0,
			    "a refused undo changed the log");
			free(u);
		}
		goto out;
	}
	FZ_CHECK(undone == 1, "undo returned %ld: %s", undone,
	    cause != NULL ? cause : "");
	free(now);
	now = fz_slurp(path, &nlen);
	FZ_CHECK(now != NULL && nlen >= olen && (olen == 0 ||
	    memcmp(orig, now, olen) == 0), "undo changed the old bytes");
	/* All that may remain new is a header, or a newline ending a row. */
	if (start == NULL || start[0] == '\0') {
		struct buf h = { 0 };

		store_format_header(&h);
		FZ_CHECK(nlen == h.len && memcmp(now, h.data, h.len) == 0,
		    "undo left more than the header");
		buf_free(&h);
	} else
		FZ_CHECK(nlen == olen || (nlen == olen + 1 && now[olen] == '\n' &&
		    orig[olen - 1] != '\n'), "undo left %zu new bytes",
		    nlen - olen);
	read_back(path, &row, &after);
	FZ_CHECK(after.n == before.n && after.matches == before.matches,
	    "undo left %ld rows, want %ld", after.n, before.n);
out:
	FZ_CHECK(fz_open_fds() == fds, "file descriptor leaked");
	free(now);
	free(orig);
	free(ex);
	free(var);
	free(note);
	return 0;
}
