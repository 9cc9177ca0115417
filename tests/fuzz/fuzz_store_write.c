/*
 * fuzz_store_write: appending to, and undoing in, a log that holds
 * arbitrary bytes.
 *
 * Input: one byte of flags (skip_dups; two rows instead of one; rows
 * with values in every column, or only in date, exercise, reps and note,
 * which a log with a short header can take), then the existing file.
 *
 * Properties:
 *   - store_append either refuses and leaves the file byte-identical, or
 *     keeps every old byte and adds rows that every reader then sees;
 *   - store_undo either refuses (only a log without batch ids may) and
 *     leaves the file byte-identical, or only cuts the file, by exactly
 *     the rows of its last command;
 *   - an append followed by an undo gives back the old file, give or
 *     take the newline that ended a torn last line.
 */
#include "fuzz.h"

#include "date.h"
#include "store.h"
#include "util.h"

#define NOTE	"fuzz \"row\", with\na newline"

struct count {
	long	 rows;
	long	 ours;		/* rows with our note */
	long	 warns;
};

static int
on_row(const struct store_row *r, void *arg)
{
	struct count *c = arg;

	c->rows++;
	if (strcmp(r->note, NOTE) == 0)
		c->ours++;
	return 0;
}

static void
on_warn(const char *file, long line, const char *reason, void *arg)
{
	struct count *c = arg;

	(void)file;
	(void)line;
	(void)reason;
	c->warns++;
}

static long
count(const char *path, struct count *c)
{
	struct store_read_opts o;
	char *cause = NULL;
	long n;

	memset(c, 0, sizeof(*c));
	memset(&o, 0, sizeof(o));
	o.path = path;
	o.row = on_row;
	o.warn = on_warn;
	o.arg = c;
	n = store_read(&o, &cause);
	free(cause);
	return n;
}

static int
same(const char *a, size_t alen, const char *b, size_t blen)
{
	if (a == NULL || b == NULL)
		return a == b;
	return alen == blen && memcmp(a, b, alen) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[300];
	struct store_row rows[2];
	struct count before, after;
	char *orig, *now, *cause = NULL;
	size_t olen, nlen, nrows, skipped;
	long n, undone, rb;
	int fds, dups;

	if (size < 1)
		return 0;
	if (path[0] == '\0')
		snprintf(path, sizeof(path), "%s/log.csv", fz_scratch());
	dups = data[0] & 1;
	nrows = data[0] & 2 ? 2 : 1;
	memset(rows, 0, sizeof(rows));
	date_from_ymd(2026, 11, 24, &rows[0].date);
	rows[0].time = 18 * 60;
	rows[0].exercise = "clamshell";
	rows[0].side = SIDE_LEFT;
	rows[0].set = 1;
	rows[0].reps = 12;
	rows[0].variant = "band";
	rows[0].rpe = 5;
	rows[0].pain = 1;
	rows[0].note = NOTE;
	if (data[0] & 4) {
		rows[0].time = -1;
		rows[0].side = SIDE_BOTH;
		rows[0].variant = "";
		rows[0].rpe = rows[0].pain = -1;
	}
	rows[1] = rows[0];
	rows[1].reps = 13;

	fz_put(path, data + 1, size - 1);
	orig = fz_slurp(path, &olen);
	rb = count(path, &before);
	fds = fz_open_fds();

	n = store_append(path, rows, nrows, dups, &skipped, NULL, &cause);
	now = fz_slurp(path, &nlen);
	if (n == -1) {
		FZ_CHECK(cause != NULL, "no cause");
		FZ_CHECK(same(orig, olen, now, nlen),
		    "a failed append changed the log: %s", cause);
		free(cause);
		goto out;
	}
	FZ_CHECK(nlen >= olen && memcmp(orig, now, olen) == 0,
	    "append changed old bytes");
	FZ_CHECK(n + (long)skipped == (long)nrows, "wrote %ld, skipped %zu",
	    n, skipped);
	if (n == 0) {
		FZ_CHECK(same(orig, olen, now, nlen),
		    "nothing written, yet the file changed");
		goto out;
	}
	count(path, &after);
	FZ_CHECK(after.ours == before.ours + n,
	    "appended %ld rows, readers see %ld new (file had %ld bad rows)",
	    n, after.ours - before.ours, rb);

	undone = store_undo(path, 0, NULL, NULL, NULL, &cause);
	if (undone == -1) {
		char *u;
		size_t ulen;

		/* A log without batch ids is the one excuse. */
		FZ_CHECK(cause != NULL && strstr(cause, "no batch id") != NULL,
		    "undo after an append failed: %s", cause);
		u = fz_slurp(path, &ulen);
		FZ_CHECK(same(now, nlen, u, ulen),
		    "a failed undo changed the log");
		free(u);
		free(cause);
		goto out;
	}
	free(now);
	now = fz_slurp(path, &nlen);
	FZ_CHECK(undone == n, "undo returned %ld after appending %ld", undone,
	    n);
	/* What an undo leaves: the old file, a newline, maybe a header. */
	FZ_CHECK(nlen >= olen && memcmp(orig, now, olen) == 0,
	    "undo changed old bytes");
	count(path, &after);
	FZ_CHECK(after.ours == before.ours, "undo left %ld of our rows",
	    after.ours - before.ours);
out:
	FZ_CHECK(fz_open_fds() == fds, "file descriptor leaked");
	free(orig);
	free(now);
	return 0;
}
