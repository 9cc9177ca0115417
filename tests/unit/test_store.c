/*
 * test_store: the CSV log, end to end on real files in a scratch
 * directory: round trips of awkward text, headers in any order, the
 * line endings and debris hand-edited files carry, every malformed-row
 * reason, hostile input that must stay bounded, undo, duplicate
 * skipping, tail mode and the error paths.
 */
#define _DEFAULT_SOURCE

#include <sys/resource.h>
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "out.h"
#include "store.h"
#include "util.h"
#include "t.h"

#define FULL_HEADER \
	"date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch\n"

static char dir[64];

struct got_row {
	date_t	 date;
	int	 time, side, set, reps, hold_s, rpe, pain;
	char	 exercise[40];
	char	 variant[64];
	char	 note[256];
	char	 batch[64];
	long	 line;
};

struct got {
	int		 n;		/* rows delivered */
	struct got_row	 r[64];		/* the first 64 of them */
	int		 nw;
	char		 warn[64][200];
	long		 wline[64];
	date_t		 since;		/* tail: rows >= since, and before */
	long		 after, before;
	int		 stop_at;	/* return non-zero at this row */
};

static int
on_row(const struct store_row *row, void *arg)
{
	struct got *g = arg;
	struct got_row *o;

	if (row->date >= g->since)
		g->after++;
	else
		g->before++;
	if (g->n < 64) {
		o = &g->r[g->n];
		o->date = row->date;
		o->time = row->time;
		o->side = (int)row->side;
		o->set = row->set;
		o->reps = row->reps;
		o->hold_s = row->hold_s;
		o->rpe = row->rpe;
		o->pain = row->pain;
		snprintf(o->exercise, sizeof(o->exercise), "%s", row->exercise);
		snprintf(o->variant, sizeof(o->variant), "%s", row->variant);
		snprintf(o->note, sizeof(o->note), "%s", row->note);
		snprintf(o->batch, sizeof(o->batch), "%s", row->batch);
		o->line = row->line;
	}
	g->n++;
	return g->stop_at != 0 && g->n == g->stop_at;
}

static void
on_warn(const char *file, long line, const char *reason, void *arg)
{
	struct got *g = arg;

	(void)file;
	if (g->nw < 64) {
		snprintf(g->warn[g->nw], sizeof(g->warn[0]), "%s", reason);
		g->wline[g->nw] = line;
	}
	g->nw++;
}

static const char *
path(const char *name)
{
	static char buf[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

static void
put(const char *p, const char *s, size_t len)
{
	FILE *f = fopen(p, "wb");

	if (f == NULL || fwrite(s, 1, len, f) != len || fclose(f) != 0) {
		perror(p);
		exit(2);
	}
}

static void
puts_file(const char *p, const char *s)
{
	put(p, s, strlen(s));
}

/* The whole file, malloc'd and NUL-terminated; NULL if missing. */
static char *
slurp(const char *p, size_t *lenp)
{
	FILE *f = fopen(p, "rb");
	struct buf b = { 0 };
	char tmp[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	buf_add(&b, "", 0);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	if (lenp != NULL)
		*lenp = b.len;
	return b.data;
}

static long
readlog(const char *p, struct got *g, char **cause)
{
	struct store_read_opts o;

	memset(g, 0, sizeof(*g));
	g->since = -1000000;
	memset(&o, 0, sizeof(o));
	o.path = p;
	o.row = on_row;
	o.warn = on_warn;
	o.arg = g;
	*cause = NULL;
	return store_read(&o, cause);
}

static date_t
ymd(int y, int m, int d)
{
	date_t t;

	if (date_from_ymd(y, m, d, &t) == -1)
		return -999999;
	return t;
}

static struct store_row
mkrow(date_t date, const char *ex, int reps)
{
	struct store_row r;

	memset(&r, 0, sizeof(r));
	r.date = date;
	r.time = -1;
	r.exercise = ex;
	r.side = SIDE_BOTH;
	r.set = 1;
	r.reps = reps;
	r.variant = "";
	r.rpe = -1;
	r.pain = -1;
	r.note = "";
	r.batch = "";
	return r;
}

static int
count_temp_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] == '.' && strncmp(e->d_name, ".log", 4) == 0)
			n++;
	closedir(d);
	return n;
}

static int
batch_shape(const char *b)
{
	int i;

	for (i = 0; i < 8; i++)
		if (b[i] < '0' || b[i] > '9')
			return 0;
	if (b[8] != 'T')
		return 0;
	for (i = 9; i < 15; i++)
		if (b[i] < '0' || b[i] > '9')
			return 0;
	if (b[15] != '.')
		return 0;
	for (i = 16; i < 22; i++)
		if (b[i] < '0' || b[i] > '9')
			return 0;
	if (b[22] != 'Z' || b[23] != '-')
		return 0;
	for (i = 24; i < 40; i++)
		if (!((b[i] >= '0' && b[i] <= '9') || (b[i] >= 'a' && b[i] <= 'f')))
			return 0;
	return b[40] == '\0' || b[40] == '\n';
}

static void
test_format(void)
{
	struct buf b = { 0 };
	struct store_row r;

	out_csv_field(&b, "plain");
	is_str(b.data, "plain", "plain field unquoted");
	buf_reset(&b);
	out_csv_field(&b, "a,b");
	is_str(b.data, "\"a,b\"", "comma quotes");
	buf_reset(&b);
	out_csv_field(&b, "say \"hi\"");
	is_str(b.data, "\"say \"\"hi\"\"\"", "quotes doubled");
	buf_reset(&b);
	out_csv_field(&b, "two\r\nlines");
	is_str(b.data, "\"two\r\nlines\"", "CR LF quoted");
	buf_reset(&b);
	out_csv_field(&b, "=1+2");
	is_str(b.data, "=1+2", "formula-looking text kept verbatim");
	buf_reset(&b);
	out_csv_field(&b, "");
	is_str(b.data, "", "empty field");

	buf_reset(&b);
	store_format_header(&b);
	is_str(b.data, FULL_HEADER, "header in store_colnames order");

	r = mkrow(ymd(2026, 3, 14), "clamshell", 12);
	r.time = 7 * 60 + 5;
	r.side = SIDE_LEFT;
	r.set = 2;
	r.hold_s = 3;
	r.variant = "band";
	r.rpe = 7;
	r.pain = 0;
	r.note = "felt \"ok\", mostly";
	r.batch = "b1";
	buf_reset(&b);
	store_format_row(&b, &r);
	is_str(b.data, "2026-03-14,07:05,clamshell,left,2,12,3,band,7,0,"
	    "\"felt \"\"ok\"\", mostly\",b1\n", "full row");
	r = mkrow(ymd(2026, 3, 14), "wall-sit", 1);
	buf_reset(&b);
	store_format_row(&b, &r);
	is_str(b.data, "2026-03-14,,wall-sit,both,1,1,,,,,,\n",
	    "empty optionals: time -1, hold 0, rpe/pain -1");
	buf_free(&b);
}

static void
test_roundtrip(void)
{
	static const char *notes[] = {
		"a, comma", "say \"hi\"", "two\nlines", "cr\r\nlf",
		"=SUM(A1:A9)", "+1", "-x", "@cmd", "  spaced  ",
		"Knie – ü 日本 🏃", ""
	};
	struct store_row rows[11];
	struct got g;
	struct stat st;
	char *cause = NULL, *text;
	const char *p = path("new/sub/log.csv");
	long n;
	size_t i, skipped = 99;
	mode_t old;
	int same = 1;

	for (i = 0; i < 11; i++) {
		rows[i] = mkrow(ymd(2026, 1, 1) + (date_t)i, "step-down",
		    (int)i + 1);
		rows[i].note = notes[i];
		rows[i].variant = i % 2 ? "slow" : "";
		rows[i].side = (enum store_side)(i % 3);
		rows[i].set = (int)(i % 10) + 1;
		rows[i].time = (int)i * 100;
		rows[i].hold_s = (int)i * 10;
		rows[i].rpe = i == 0 ? -1 : (int)i % 10 + 1;
		rows[i].pain = i == 0 ? -1 : (int)i % 11;
		rows[i].batch = "ignored";
	}
	old = umask(0);
	n = store_append(p, rows, 11, 0, &skipped, NULL, &cause);
	umask(old);
	is(n, 11, "append creates the file and parents: %s",
	    cause ? cause : "");
	free(cause);
	is(skipped, 0, "nothing skipped");
	ok(stat(p, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "new log is 0600 under umask 0");
	ok(stat(path("new/sub"), &st) == 0 && (st.st_mode & 0777) == 0700,
	    "new directories are 0700");
	text = slurp(p, NULL);
	ok(text != NULL && strncmp(text, FULL_HEADER, strlen(FULL_HEADER)) == 0,
	    "new file starts with the header");
	free(text);

	n = readlog(p, &g, &cause);
	is(n, 0, "read back: no malformed rows");
	is(g.n, 11, "read back all rows");
	for (i = 0; i < 11 && g.n == 11; i++) {
		struct got_row *o = &g.r[i];

		if (o->date != rows[i].date || o->time != rows[i].time ||
		    strcmp(o->exercise, rows[i].exercise) != 0 ||
		    o->side != (int)rows[i].side || o->set != rows[i].set ||
		    o->reps != rows[i].reps || o->hold_s != rows[i].hold_s ||
		    strcmp(o->variant, rows[i].variant) != 0 ||
		    o->rpe != rows[i].rpe || o->pain != rows[i].pain ||
		    strcmp(o->note, rows[i].note) != 0) {
			same = 0;
			printf("# row %zu differs: note '%s'\n", i, o->note);
		}
	}
	ok(same, "every field survives the round trip verbatim");
	ok(batch_shape(g.r[0].batch), "batch id looks like "
	    "YYYYMMDDTHHMMSS.UUUUUUZ-RANDOM: '%s'", g.r[0].batch);
	ok(strcmp(g.r[0].batch, g.r[10].batch) == 0,
	    "one batch id for the whole call, caller's batch ignored");
	is(g.r[0].line, 2, "first row on line 2");
	is(g.r[3].line, 6, "line numbers count newlines inside quotes");
	is(g.r[4].line, 8, "and CR LF inside quotes");

	rows[0].note = "second";
	n = store_append(p, rows, 1, 0, NULL, NULL, &cause);
	is(n, 1, "append again");
	readlog(p, &g, &cause);
	is(g.n, 12, "appended row read back");
	ok(strcmp(g.r[11].batch, g.r[0].batch) != 0 && batch_shape(g.r[11].batch),
	    "each call gets a fresh batch id");

	/* A command in parts: one batch id given to each, one undo. */
	{
		char id[STORE_BATCH_SIZE];

		store_new_batch(id, sizeof(id));
		ok(batch_shape(id), "store_new_batch: the same shape");
		n = store_append_batch(p, rows, 1, id, 0, NULL, NULL, &cause);
		n += store_append_batch(p, rows, 2, id, 0, NULL, NULL, &cause);
		is(n, 3, "two parts appended with one id");
		readlog(p, &g, &cause);
		ok(strcmp(g.r[g.n - 1].batch, id) == 0 &&
			strcmp(g.r[g.n - 3].batch, id) == 0,
		    "both parts carry it");
		is(store_undo(p, 0, NULL, NULL, NULL, &cause), 3,
		    "one undo takes both parts back");
		readlog(p, &g, &cause);
		is(g.n, 12, "and leaves the rows before");
	}
}

static void
test_header_by_name(void)
{
	static const char orig[] =
	    "reps,note,extra,exercise,date,batch\n"
	    "10,\"x, y\",keep me,clamshell,2026-02-01,old\n"
	    "12,,\"multi\nline\",bridge,2026-02-02,old\n";
	struct store_row row;
	struct got g;
	char *cause = NULL, *text;
	const char *p = path("byname.csv");
	size_t len;
	long n;

	puts_file(p, orig);
	n = readlog(p, &g, &cause);
	is(n, 0, "reordered header: no errors");
	is(g.n, 2, "reordered header: both rows");
	ok(g.r[0].reps == 10 && strcmp(g.r[0].note, "x, y") == 0 &&
	    strcmp(g.r[0].exercise, "clamshell") == 0 &&
	    g.r[0].date == ymd(2026, 2, 1) && g.r[0].time == -1 &&
	    g.r[0].set == 1 && g.r[0].side == SIDE_BOTH &&
	    g.r[0].rpe == -1 && g.r[0].pain == -1 && g.r[0].hold_s == 0,
	    "columns found by name, absent ones empty");
	is(g.r[1].line, 3, "second row line");

	row = mkrow(ymd(2026, 2, 3), "squat", 8);
	row.note = "n";
	/* The file has no rpe column: a value for it is refused, not lost. */
	row.rpe = 5;
	n = store_append(p, &row, 1, 0, NULL, NULL, &cause);
	is(n, -1, "append refuses a value the header has no column for");
	free(cause);
	cause = NULL;
	row.rpe = -1;
	n = store_append(p, &row, 1, 0, NULL, NULL, &cause);
	is(n, 1, "append to a reordered file");
	text = slurp(p, &len);
	ok(text != NULL && len > sizeof(orig) - 1 &&
	    memcmp(text, orig, sizeof(orig) - 1) == 0 &&
	    strncmp(text + sizeof(orig) - 1, "8,n,,squat,2026-02-03,", 22) == 0 &&
	    batch_shape(text + sizeof(orig) - 1 + 22),
	    "append writes in the file's column order");
	free(text);

	n = store_undo(p, 0, NULL, NULL, NULL, &cause);
	is(n, 1, "undo the appended row");
	text = slurp(p, &len);
	ok(text != NULL && len == sizeof(orig) - 1 &&
	    memcmp(text, orig, len) == 0,
	    "undo keeps unknown columns byte for byte");
	free(text);
}

/* Logs concatenated with cat(1): a row repeating the header is a header. */
static void
test_header_repeated(void)
{
	struct got g;
	char *cause = NULL;
	const char *p = path("cat.csv");
	long n;

	puts_file(p, FULL_HEADER
	    "2026-02-01,,clamshell,left,1,10,,,,,,a\n"
	    FULL_HEADER
	    "2026-02-02,,clamshell,left,1,12,,,,,,b\n"
	    "\"date\",time,exercise,side,set,reps,hold_s,variant,rpe,pain,"
	    "note,batch\n"
	    "2026-02-03,,clamshell,left,1,14,,,,,,c\n");
	n = readlog(p, &g, &cause);
	is(n, 0, "repeated headers are no errors");
	is(g.nw, 0, "nor warnings");
	is(g.n, 3, "the rows around them all read");
	ok(g.r[1].reps == 12 && g.r[1].line == 4 && g.r[2].line == 6,
	    "rows after a repeated header keep their lines");

	puts_file(p, "reps,date,exercise\n"
	    "10,2026-02-01,clamshell\n"
	    "reps,date,exercise\n"
	    "date,reps,exercise\n"
	    "reps,date,exercise,\n");
	n = readlog(p, &g, &cause);
	is(n, 2, "only a row equal to the header is skipped");
	is_str(g.warn[0], "column 'date': must be YYYY-MM-DD, got 'reps'",
	    "a header in another order is a bad row");
	is(g.wline[0], 4, "on its line");
	is_str(g.warn[1], "row has 4 fields, header has 3",
	    "as is one with a field more");
	is(g.n, 1, "the data row is read");
}

static void
test_header_errors(void)
{
	struct got g;
	struct buf b = { 0 };
	char *cause = NULL, *want;
	const char *p = path("hdr.csv");
	int i;

	puts_file(p, "exercise,reps\nsquat,5\n");
	is(readlog(p, &g, &cause), -1, "missing column 'date' is fatal");
	want = xasprintf("%s:1: missing column 'date'", p);
	is_str(cause, want, "missing column cause");
	free(want);
	free(cause);

	puts_file(p, "\n\ndate,exercise\n2026-01-01,squat\n");
	is(readlog(p, &g, &cause), -1, "missing column 'reps' is fatal");
	want = xasprintf("%s:3: missing column 'reps'", p);
	is_str(cause, want, "header line counted past blank lines");
	free(want);
	free(cause);

	puts_file(p, "date,exercise,reps,reps\n");
	is(readlog(p, &g, &cause), -1, "duplicate column is fatal");
	want = xasprintf("%s:1: duplicate column 'reps'", p);
	is_str(cause, want, "duplicate column cause");
	free(want);
	free(cause);

	puts_file(p, "date,exercise,reps,,\n2026-01-01,squat,5,,\n");
	ok(readlog(p, &g, &cause) == 0 && g.n == 1,
	    "trailing empty header columns are not duplicates");

	puts_file(p, "Date,exercise,reps\n2026-01-01,squat,5\n");
	is(readlog(p, &g, &cause), -1, "column names are case-sensitive");
	free(cause);

	buf_adds(&b, "date,exercise,reps");
	for (i = 0; i < 9997; i++)
		buf_adds(&b, ",x");
	buf_adds(&b, "\n2026-01-01,squat,5\n");
	put(p, b.data, b.len);
	is(readlog(p, &g, &cause), -1, "10,000-column header is fatal");
	ok(cause != NULL && strstr(cause, "header has 10000 columns") != NULL,
	    "10,000-column header cause: %s", cause ? cause : "");
	free(cause);
	buf_free(&b);

	puts_file(p, "");
	is(readlog(p, &g, &cause), 0, "empty file is an empty log");
	puts_file(p, "\n\r\n\n");
	is(readlog(p, &g, &cause), 0, "blank-only file is an empty log");
	is(readlog(path("nonexistent.csv"), &g, &cause), 0,
	    "missing file is an empty log");
	puts_file(p, "\"date,exercise,reps\n");
	is(readlog(p, &g, &cause), -1, "unterminated quote in header fatal");
	free(cause);
}

static void
test_line_endings(void)
{
	struct got g;
	struct store_row row;
	char *cause = NULL, *text;
	const char *p = path("crlf.csv");
	static const char nonl[] = "date,exercise,reps\n2026-01-01,a,1";
	size_t len;
	long n;

	puts_file(p, "date,exercise,reps,note\r\n2026-01-01,squat,5,\"a\r\nb\"\r\n"
	    "2026-01-02,squat,6,\r\n");
	n = readlog(p, &g, &cause);
	ok(n == 0 && g.n == 2 && g.r[1].reps == 6 &&
	    strcmp(g.r[0].note, "a\r\nb") == 0 && g.r[1].line == 4,
	    "CRLF file reads cleanly");

	puts_file(p, "\xef\xbb\xbf" "date,exercise,reps\n2026-01-01,squat,5\n");
	n = readlog(p, &g, &cause);
	ok(n == 0 && g.n == 1 && g.r[0].reps == 5, "UTF-8 BOM is skipped");

	puts_file(p, "\n\ndate,exercise,reps\n\n2026-01-01,a,1\n\n\n"
	    "2026-01-02,b,2\n\n");
	n = readlog(p, &g, &cause);
	ok(n == 0 && g.n == 2 && g.r[0].line == 5 && g.r[1].line == 8,
	    "blank lines skipped, lines still counted");

	puts_file(p, nonl);
	n = readlog(p, &g, &cause);
	ok(n == 0 && g.n == 1 && g.r[0].reps == 1,
	    "missing final newline: last row read");
	row = mkrow(ymd(2026, 1, 3), "b", 3);
	n = store_append(p, &row, 1, 0, NULL, NULL, &cause);
	is(n, 1, "append to a file without a final newline");
	text = slurp(p, &len);
	ok(text != NULL && len == sizeof(nonl) - 1 + 16 &&
	    memcmp(text, nonl, sizeof(nonl) - 1) == 0 &&
	    strcmp(text + sizeof(nonl) - 1, "\n2026-01-03,b,3\n") == 0,
	    "a newline is added before the new row");
	free(text);
	n = readlog(p, &g, &cause);
	ok(n == 0 && g.n == 2, "both rows read after the repair");

	puts_file(p, "date,exercise,reps\n");
	row = mkrow(ymd(2026, 1, 3), "b", 3);
	store_append(p, &row, 1, 0, NULL, NULL, &cause);
	text = slurp(p, NULL);
	is_str(text, "date,exercise,reps\n2026-01-03,b,3\n",
	    "header-only file: no second header");
	free(text);
}

static void
test_malformed(void)
{
	static const struct {
		const char	*row;
		const char	*reason;
	} bad[] = {
		{ "2026-01-01,,squat,,,5,,,,12,,",
		    "column 'pain': must be 0-10, got '12'" },
		{ "2026-02-30,,squat,,,5,,,,,,",
		    "column 'date': no such day '2026-02-30'" },
		{ "2026-01-01,,squat,,,abc,,,,,,",
		    "column 'reps': must be 1-100, got 'abc'" },
		{ "2026-01-01,,squat,,,5,,,,,,,x,y",
		    "row has 14 fields, header has 12" },
		{ "2026-01-01,,squat,,,5,,,,,\xff,",
		    "invalid UTF-8 in column 'note'" },
		{ "2026-01-01,,squat,,,5,,,,,\xc0\xaf,",
		    "invalid UTF-8 in column 'note'" },
		{ "2026/01/01,,squat,,,5,,,,,,",
		    "column 'date': must be YYYY-MM-DD, got '2026/01/01'" },
		{ "1899-12-31,,squat,,,5,,,,,,",
		    "column 'date': year must be 1900-9999, got '1899-12-31'" },
		{ "2026-01-01,25:00,squat,,,5,,,,,,",
		    "column 'time': must be HH:MM, got '25:00'" },
		{ "2026-01-01,,Squat,,,5,,,,,,",
		    "column 'exercise': must be at most 32 of a-z, 0-9 and "
		    "'-', got 'Squat'" },
		{ "2026-01-01,,,,,5,,,,,,",
		    "column 'exercise': must not be empty" },
		{ "2026-01-01,,squat,up,,5,,,,,,",
		    "column 'side': must be left, right or both, got 'up'" },
		{ "2026-01-01,,squat,,0,5,,,,,,",
		    "column 'set': must be 1-10, got '0'" },
		{ "2026-01-01,,squat,,,101,,,,,,",
		    "column 'reps': must be 1-100, got '101'" },
		{ "2026-01-01,,squat,,,,,,,,,",
		    "column 'reps': must be 1-100, got ''" },
		{ "2026-01-01,,squat,,,5,601,,,,,",
		    "column 'hold_s': must be 0-600, got '601'" },
		{ "2026-01-01,,squat,,,5,,,0,,,",
		    "column 'rpe': must be 1-10, got '0'" },
		{ "2026-01-01,,squat,,,5,,,,-1,,",
		    "column 'pain': must be 0-10, got '-1'" },
		{ "2026-01-01,,squat,,,\" 5\",,,,,,",
		    "column 'reps': must be 1-100, got ' 5'" },
		{ "2026-01-01,,squat,,,5\x01,,,,,,",
		    "column 'reps': must be 1-100, got '5?'" },
	};
	const size_t nbad = sizeof(bad) / sizeof(bad[0]);
	struct buf b = { 0 };
	struct got g;
	char *cause = NULL;
	const char *p = path("bad.csv");
	size_t i;
	long n;
	int lines_ok = 1;

	buf_adds(&b, FULL_HEADER);
	buf_adds(&b, "2026-01-01,,first,,,5,,,,,,\n");
	for (i = 0; i < nbad; i++) {
		buf_adds(&b, bad[i].row);
		buf_adds(&b, "\n");
		buf_adds(&b, "2026-01-01,,good,,,5,,,,,,\n");
	}
	/* Fewer fields than the header: the missing ones are empty. */
	buf_adds(&b, "2026-01-02,,short,,,7\n");
	/* A NUL byte in a note. */
	buf_add(&b, "2026-01-01,,squat,,,5,,,,,a\0b,\n", 31);
	buf_adds(&b, "2026-01-03,,last,,,5,,,,,,\n");
	put(p, b.data, b.len);
	buf_free(&b);

	n = readlog(p, &g, &cause);
	is(n, (long)nbad + 1, "return value counts the malformed rows");
	is(g.nw, (long)nbad + 1, "each malformed row warned about once");
	for (i = 0; i < nbad && i < 64; i++) {
		is_str(g.warn[i], bad[i].reason, "reason: %s", bad[i].reason);
		if (g.wline[i] != 3 + 2 * (long)i)
			lines_ok = 0;
	}
	ok(lines_ok, "warnings carry the row's line");
	is_str(g.warn[nbad], "NUL byte in column 'note'", "NUL byte reason");
	is(g.n, (long)nbad + 3, "good rows around the bad ones delivered");
	ok(strcmp(g.r[0].exercise, "first") == 0 &&
	    strcmp(g.r[1].exercise, "good") == 0 &&
	    strcmp(g.r[g.n - 2].exercise, "short") == 0 &&
	    g.r[g.n - 2].reps == 7 &&
	    strcmp(g.r[g.n - 1].exercise, "last") == 0,
	    "the right rows survive, short rows padded with empties");

	g.stop_at = 0;
	{
		struct store_read_opts o;
		struct got g2;

		memset(&g2, 0, sizeof(g2));
		g2.stop_at = 2;
		memset(&o, 0, sizeof(o));
		o.path = p;
		o.row = on_row;
		o.arg = &g2;
		n = store_read(&o, &cause);
		ok(n == 1 && g2.n == 2, "non-zero from the callback stops the "
		    "read; NULL warn is fine");
	}
}

static void
test_hostile(void)
{
	struct got g;
	struct buf b = { 0 };
	struct rusage ru0, ru1;
	char *cause = NULL, chunk[65536];
	const char *p = path("hostile.csv");
	FILE *f;
	long n;
	int i;

	puts_file(p, "date,exercise,reps,note\n2026-01-01,a,1,ok\n"
	    "2026-01-02,b,2,\"oops\n");
	n = readlog(p, &g, &cause);
	ok(n == 1 && g.n == 1 && g.nw == 1, "unterminated final quote: "
	    "an error, good rows before it kept");
	is_str(g.warn[0], "unterminated quoted field", "its reason");
	is(g.wline[0], 3, "its line");

	puts_file(p, "date,exercise,reps,note\n2026-01-01,a,1,x\"y\n"
	    "2026-01-02,b,2,\n");
	n = readlog(p, &g, &cause);
	ok(n == 1 && g.n == 0 && g.nw == 1 && g.wline[0] == 2,
	    "stray quote stops the read as one malformed row");
	ok(strstr(g.warn[0], "rest of file not read") != NULL,
	    "and says so: %s", g.warn[0]);

	puts_file(p, "date,exercise,reps,note\n2026-01-01,a,1,\"x\" \n");
	n = readlog(p, &g, &cause);
	ok(n == 1 && g.n == 0, "text after a closing quote is an error");

	/* Just over the field limit: a bad row, not the end of reading. */
	buf_adds(&b, "date,exercise,reps,note\n2026-01-01,a,1,");
	for (i = 0; i < STORE_FIELD_MAX + 1; i++)
		buf_addc(&b, 'n');
	buf_adds(&b, "\n2026-01-02,b,2,\n");
	put(p, b.data, b.len);
	buf_reset(&b);
	n = readlog(p, &g, &cause);
	ok(n == 1 && g.n == 1 && g.r[0].reps == 2, "a 4097-byte note is one "
	    "bad row");
	is_str(g.warn[0], "column 'note': longer than 4096 bytes",
	    "its reason");

	/* A 64 MB field must not cost 64 MB. */
	memset(chunk, 'x', sizeof(chunk));
	f = fopen(p, "wb");
	fputs("date,exercise,reps,note\n2026-01-01,a,1,ok\n2026-01-02,b,2,\"",
	    f);
	for (i = 0; i < 1024; i++)
		fwrite(chunk, 1, sizeof(chunk), f);
	fputs("\"\n2026-01-03,c,3,\n", f);
	fclose(f);
	getrusage(RUSAGE_SELF, &ru0);
	n = readlog(p, &g, &cause);
	getrusage(RUSAGE_SELF, &ru1);
	ok(n == 1 && g.n == 1 && g.nw == 1 && g.wline[0] == 3,
	    "a 64 MB field is reported, reading stops");
	is_str(g.warn[0], "field longer than 4096 bytes; rest of file not read",
	    "its reason");
	ok(ru1.ru_maxrss - ru0.ru_maxrss < 16 * 1024,
	    "memory stays bounded (max RSS grew %ld KB)",
	    ru1.ru_maxrss - ru0.ru_maxrss);
	unlink(p);

	buf_adds(&b, "date,exercise,reps\n2026-01-01,a,1\n2026-01-01,a,1");
	for (i = 0; i < 9997; i++)
		buf_adds(&b, ",");
	buf_adds(&b, "\n2026-01-02,b,2\n");
	put(p, b.data, b.len);
	buf_free(&b);
	n = readlog(p, &g, &cause);
	ok(n == 1 && g.n == 2, "a 10,000-field row is one bad row");
	is_str(g.warn[0], "row has 10000 fields, header has 3", "its reason");
}

struct seen {
	int	 n;
	char	 ex[8][16];
};

static int
on_undo(const struct store_row *row, void *arg)
{
	struct seen *s = arg;

	if (s->n < 8)
		snprintf(s->ex[s->n], sizeof(s->ex[0]), "%s", row->exercise);
	s->n++;
	return 0;
}

static int
refuse(const struct store_row *row, void *arg)
{
	(void)row;
	(void)arg;
	return 1;
}

static void
test_undo(void)
{
	struct store_row rows[3];
	struct seen s;
	struct stat st, st0;
	char *cause = NULL, *before, *after, *want, *mid;
	const char *p = path("log.csv");
	size_t blen, alen, mlen;
	long n;

	is(store_undo(path("none.csv"), 0, NULL, NULL, NULL, &cause), 0,
	    "undo on a missing log");
	puts_file(p, "");
	is(store_undo(p, 0, NULL, NULL, NULL, &cause), 0, "undo on an empty log");
	puts_file(p, FULL_HEADER);
	is(store_undo(p, 0, NULL, NULL, NULL, &cause), 0, "undo on a header-only log");

	/* Hand-written history: a malformed row and a row without batch. */
	puts_file(p, FULL_HEADER "2026-01-01,,squat,,,5,,,,,,\n"
	    "2026-01-01,,squat,,,500,,,,,\"kept, as is\",\n");
	is(store_undo(p, 0, NULL, NULL, NULL, &cause), -1,
	    "last row malformed: refuse");
	free(cause);
	puts_file(p, FULL_HEADER "2026-01-01,,squat,,,500,,,,,\"kept\",\n"
	    "2026-01-01,,squat,,,5,,,,,,\n");
	is(store_undo(p, 0, NULL, NULL, NULL, &cause), -1, "no batch id: refuse");
	is_str(cause, "the last row has no batch id; nothing to undo",
	    "no batch id cause");
	free(cause);

	rows[0] = mkrow(ymd(2026, 1, 2), "bridge", 10);
	rows[1] = mkrow(ymd(2026, 1, 2), "clamshell", 12);
	rows[1].note = "multi\nline";
	is(store_append(p, rows, 2, 0, NULL, NULL, &cause), 2, "first batch");
	chmod(p, 0640);
	before = slurp(p, &blen);
	rows[0] = mkrow(ymd(2026, 1, 3), "a", 1);
	rows[1] = mkrow(ymd(2026, 1, 3), "b", 2);
	rows[2] = mkrow(ymd(2026, 1, 3), "c", 3);
	is(store_append(p, rows, 3, 0, NULL, NULL, &cause), 3, "second batch");
	stat(p, &st0);

	mid = slurp(p, &mlen);
	n = store_undo(p, 0, refuse, NULL, NULL, &cause);
	is(n, -1, "callback can cancel the undo");
	is_str(cause, want = xasprintf("undo cancelled; '%s' is unchanged",
	    p), "cancel cause");
	free(want);
	free(cause);
	after = slurp(p, &alen);
	ok(after != NULL && alen == mlen && memcmp(after, mid, mlen) == 0,
	    "cancelled undo leaves the log alone");
	free(after);
	free(mid);

	memset(&s, 0, sizeof(s));

	n = store_undo(p, 0, on_undo, &s, NULL, &cause);
	is(n, 3, "undo removes the last batch");
	ok(s.n == 3 && strcmp(s.ex[0], "a") == 0 && strcmp(s.ex[2], "c") == 0,
	    "each removed row passed to fn");
	after = slurp(p, &alen);
	ok(after != NULL && alen == blen && memcmp(before, after, blen) == 0,
	    "everything before is byte-identical");
	free(after);
	ok(stat(p, &st) == 0 && (st.st_mode & 0777) == 0640 &&
	    st.st_ino != st0.st_ino, "mode kept across the rewrite");
	is(count_temp_files(), 0, "no temporary file left");

	memset(&s, 0, sizeof(s));
	n = store_undo(p, 0, on_undo, &s, NULL, &cause);
	is(n, 2, "undo the first batch (multi-line note included)");
	after = slurp(p, &alen);
	want = xasprintf("%s%s", FULL_HEADER "2026-01-01,,squat,,,500,,,,,"
	    "\"kept\",\n", "2026-01-01,,squat,,,5,,,,,,\n");
	is_str(after, want, "hand-written rows, malformed one included, "
	    "kept verbatim");
	free(want);
	free(after);
	is(store_undo(p, 0, NULL, NULL, NULL, &cause), -1,
	    "then nothing with a batch is left");
	free(cause);
	free(before);
}

static void
test_dups(void)
{
	struct store_row rows[4];
	struct got g;
	char *cause = NULL;
	const char *p = path("dups.csv");
	size_t skipped;
	long n;

	rows[0] = mkrow(ymd(2026, 1, 2), "bridge", 10);
	rows[1] = mkrow(ymd(2026, 1, 2), "bridge", 10);
	rows[1].set = 2;
	rows[2] = mkrow(ymd(2026, 1, 2), "bridge", 10);
	rows[2].set = 3;
	rows[2].note = "x, \"y\"";
	rows[3] = rows[2];
	n = store_append(p, rows, 2, 1, &skipped, NULL, &cause);
	ok(n == 2 && skipped == 0, "first import writes everything");
	n = store_append(p, rows, 3, 1, &skipped, NULL, &cause);
	ok(n == 1 && skipped == 2, "second import skips what is there "
	    "(got %ld, skipped %zu)", n, skipped);
	n = store_append(p, rows, 3, 1, &skipped, NULL, &cause);
	ok(n == 0 && skipped == 3, "third import adds nothing");
	readlog(p, &g, &cause);
	is(g.n, 3, "three rows in the log");
	rows[3].set = 4;
	n = store_append(p, rows + 2, 2, 0, &skipped, NULL, &cause);
	ok(n == 2 && skipped == 0, "without skip_dups duplicates are written");
	rows[0].date++;
	rows[1] = rows[0];
	n = store_append(p, rows, 2, 1, &skipped, NULL, &cause);
	ok(n == 2 && skipped == 0, "rows that repeat within one import are "
	    "all written: only the log's rows count as duplicates");
}

static void
test_tail(void)
{
	struct store_read_opts o;
	struct got g;
	FILE *f;
	char *cause = NULL;
	const char *p = path("big.csv");
	date_t d0 = ymd(2020, 1, 1), last, since;
	char ds[DATE_BUFSZ];
	long n, i, want;

	f = fopen(p, "wb");
	fputs(FULL_HEADER, f);
	for (i = 0; i < 20000; i++)
		fprintf(f, "%s,07:00,clamshell,left,%ld,12,,,,,note %ld,b%ld\n",
		    date_format(d0 + i / 10, ds), i % 10 + 1, i, i / 10);
	fclose(f);
	last = d0 + 19999 / 10;

	memset(&o, 0, sizeof(o));
	o.path = p;
	o.tail = 1;
	o.row = on_row;
	o.warn = on_warn;
	o.arg = &g;
	for (i = 0; i < 3; i++) {
		long back = i == 0 ? 3 : i == 1 ? 400 : 1990;

		since = last - back;
		want = (back + 1) * 10;
		memset(&g, 0, sizeof(g));
		g.since = o.since = since;
		n = store_read(&o, &cause);
		ok(n == 0 && g.after == want, "tail %ld days back: all %ld "
		    "rows >= since, each once (got %ld)", back, want, g.after);
		ok(g.before < 2000, "and few earlier rows (%ld)", g.before);
		if (i < 2)
			ok(g.n > 0 && g.r[0].line == 0,
			    "tail rows carry line 0");
	}

	memset(&g, 0, sizeof(g));
	g.since = o.since = last - 3000;
	n = store_read(&o, &cause);
	ok(n == 0 && g.n == 20000, "since before the log: everything");

	/* A malformed row in the tail: fall back to a full read. */
	f = fopen(p, "ab");
	fputs("2026-01-01,,clamshell,,,0,,,,,,\n", f);
	fclose(f);
	memset(&g, 0, sizeof(g));
	g.since = o.since = last - 3;
	n = store_read(&o, &cause);
	ok(n == 1 && g.after == 40 && g.nw == 1 && g.wline[0] == 20002,
	    "bad row in the tail: warned with its true line");

	/* Date not first: tail cannot resync, reads everything. */
	f = fopen(p, "wb");
	fputs("exercise,date,reps\n", f);
	for (i = 0; i < 20000; i++)
		fprintf(f, "clamshell,%s,12\n", date_format(d0 + i / 10, ds));
	fclose(f);
	memset(&g, 0, sizeof(g));
	g.since = o.since = last - 3;
	n = store_read(&o, &cause);
	ok(n == 0 && g.n == 20000 && g.after == 40 && g.r[0].line == 2,
	    "date not first: full read");
}

/*
 * Appends go through a temporary file renamed over the log, so that a
 * writer killed in the middle cannot leave a torn row.
 */
static void
test_append_rewrite(void)
{
	struct store_row row;
	struct got g;
	struct stat st, st0;
	char *cause = NULL, *before, *after;
	const char *p = path("log-rw.csv"), *link = path("log-link.csv");
	const char *stale = path(".log-rw.csv.prehab-tmp-AbC123");
	const char *users = path(".log-rw.csv.AbC123");
	size_t blen, alen;

	row = mkrow(ymd(2026, 2, 1), "bridge", 10);
	is(store_append(p, &row, 1, 0, NULL, NULL, &cause), 1, "first append");
	chmod(p, 0640);
	stat(p, &st0);
	before = slurp(p, &blen);
	puts_file(stale, "left by a writer killed before its rename");
	chmod(stale, 0600);
	puts_file(users, "a file of the user's, named like it");
	row.reps = 11;
	is(store_append(p, &row, 1, 0, NULL, NULL, &cause), 1, "second append");
	after = slurp(p, &alen);
	ok(after != NULL && alen > blen && memcmp(before, after, blen) == 0,
	    "the old rows are kept byte for byte");
	free(before);
	free(after);
	ok(stat(p, &st) == 0 && (st.st_mode & 0777) == 0640 &&
	    st.st_ino != st0.st_ino, "a new file, with the old mode");
	ok(access(stale, F_OK) == -1, "a stale temporary file is removed");
	ok(access(users, F_OK) == 0, "a file prehab did not make is kept");

	ok(symlink(p, link) == 0, "a symlink to the log");
	row.reps = 12;
	is(store_append(link, &row, 1, 0, NULL, NULL, &cause), 1,
	    "append through the symlink");
	ok(lstat(link, &st) == 0 && S_ISLNK(st.st_mode),
	    "the symlink stays a symlink");
	is(readlog(p, &g, &cause), 0, "the log reads back");
	ok(g.n == 3 && g.r[2].reps == 12, "with the row added through it");
}

static void
test_errors(void)
{
	struct store_row row;
	struct got g;
	struct stat st;
	char *cause = NULL, *want;
	const char *p = path("err.csv");
	int fd, saved;

	is(readlog(dir, &g, &cause), -1, "read a directory: error");
	want = xasprintf("cannot read '%s': Is a directory", dir);
	is_str(cause, want, "and a cause");
	free(want);
	free(cause);

	row = mkrow(ymd(2026, 1, 1), "squat", 5);
	is(store_append(dir, &row, 1, 0, NULL, NULL, &cause), -1,
	    "append to a directory: error");
	want = xasprintf("cannot open '%s': Is a directory", dir);
	is_str(cause, want, "and a cause");
	free(want);
	free(cause);
	is(store_undo(dir, 0, NULL, NULL, NULL, &cause), -1,
	    "undo a directory: error");
	free(cause);

	row.reps = 0;
	is(store_append(p, &row, 1, 0, NULL, NULL, &cause), -1, "bad row refused");
	want = xasprintf("cannot append to '%s': row 1: column 'reps': "
	    "must be 1-100, got '0'", p);
	is_str(cause, want, "bad row cause names file, row and column");
	free(want);
	free(cause);
	ok(stat(p, &st) == -1, "and no file was created");
	row.reps = 5;
	row.note = "bad \xff utf-8";
	is(store_append(p, &row, 1, 0, NULL, NULL, &cause), -1,
	    "invalid UTF-8 refused");
	free(cause);

	puts_file(p, "exercise,reps\n");
	row.note = "";
	is(store_append(p, &row, 1, 0, NULL, NULL, &cause), -1,
	    "append refuses a file with an unusable header");
	free(cause);

	is(store_append(path("err.csv/x/log.csv"), &row, 1, 0, NULL, NULL,
	    &cause), -1, "parent is a file: error");
	ok(cause != NULL && strstr(cause, "Not a directory") != NULL,
	    "cause: %s", cause ? cause : "");
	free(cause);

	/* Standard input. */
	puts_file(p, "date,exercise,reps\n2026-01-01,squat,5\n");
	saved = dup(0);
	fd = open(p, O_RDONLY);
	dup2(fd, 0);
	close(fd);
	is(readlog("-", &g, &cause), 0, "read standard input");
	is(g.n, 1, "a row from standard input");
	dup2(saved, 0);
	close(saved);
}

/* rm -r, for the scratch directory. */
static void
remove_tree(const char *p)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	char *sub;

	if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (d = opendir(p)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			sub = xasprintf("%s/%s", p, e->d_name);
			remove_tree(sub);
			free(sub);
		}
		closedir(d);
		rmdir(p);
	} else
		unlink(p);
}

/* store_rewrite: the whole log replaced under the lock, or nothing. */
static void
test_rewrite(void)
{
	const char *p = path("rewrite.csv");
	const char *text = "date,exercise,reps\n2026-11-20,clamshell,12\n";
	struct stat st;
	enum fail fail = FAIL_NONE;
	char *cause = NULL, *got;
	size_t len;
	DIR *d;
	struct dirent *e;
	int tmps = 0;

	is(store_rewrite(path("rewrite-none.csv"), text, strlen(text), &fail,
	       &cause),
	    -1, "rewrite: a missing log is not created");
	is(fail, FAIL_NOINPUT, "... and is a missing input");
	free(cause);
	cause = NULL;
	ok(access(path("rewrite-none.csv"), F_OK) == -1, "... none appears");

	puts_file(p, "date,exercise,reps\n2026-11-19,clamshell,10\n");
	chmod(p, 0640);
	is(store_rewrite(p, text, strlen(text), &fail, &cause), 0,
	    "rewrite: the new text replaces the log");
	got = slurp(p, &len);
	is_str(got, text, "... byte for byte");
	free(got);
	ok(stat(p, &st) == 0 && (st.st_mode & 07777) == 0640,
	    "... keeping its mode");
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL)
			tmps += strncmp(e->d_name, ".rewrite.csv", 12) == 0;
		closedir(d);
	}
	is(tmps, 0, "... and leaving no temporary file");

	fail = FAIL_NONE;
	is(store_rewrite(dir, text, strlen(text), &fail, &cause), -1,
	    "rewrite: a directory is refused");
	is(fail, FAIL_IO, "... as an I/O failure");
	free(cause);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/prehab-store-XXXXXX",
	    tmp != NULL && *tmp != '\0' && strlen(tmp) < 40 ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	test_format();
	test_roundtrip();
	test_header_by_name();
	test_header_repeated();
	test_header_errors();
	test_line_endings();
	test_malformed();
	test_hostile();
	test_undo();
	test_dups();
	test_tail();
	test_append_rewrite();
	test_errors();
	test_rewrite();
	/* Keep the evidence when something failed. */
	if (t_failed == 0)
		remove_tree(dir);
	else
		printf("# files kept in %s\n", dir);
	return t_done();
}
