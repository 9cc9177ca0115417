/*
 * store: see store.h.
 *
 * Reading feeds libcsv one record at a time. A scanner of our own walks
 * the bytes just ahead of it, tracking quotes, so that we know the byte
 * offset and line each record starts on (libcsv tells neither). In strict
 * mode a quote can only open a field, close it or be doubled inside it, so
 * toggling on every '"' gives exactly libcsv's record boundaries; input
 * where the two could disagree is a libcsv parse error first.
 *
 * A libcsv parse error (bad quoting, or a field over our memory cap)
 * leaves the parser somewhere we cannot trust, so the reader reports it
 * as one malformed row and stops there: guessing where the next record
 * starts could turn the text of a note into bogus sets.
 */
#define _DEFAULT_SOURCE /* flock(2) */

#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "out.h"
#include "store.h"
#include "util.h"

#define CHUNK (64 * 1024) /* bytes per read(2) */
/* libcsv holds one field at a time; a little slack over the field limit
 * lets an overlong field be reported as a bad row rather than stop us. */
#define CSV_BUF_CAP (STORE_FIELD_MAX + 1024)
#define FIELD_SLOT (STORE_FIELD_MAX + 1)
#define TAIL_WINDOW (16 * 1024) /* first guess at the tail to read */
#define TAIL_PROBE_ROWS 8 /* rows that must predate since */
/* Plain lines up to this long skip libcsv; longer ones may hold a field
 * past its buffer cap, which only libcsv reports the way readers expect. */
#define FAST_MAX STORE_FIELD_MAX
#define LOCK_WAIT_MS 10000
#define LOCK_POLL_MS 50
#define REOPEN_MAX 100 /* rewrites racing our open */
#define EXERCISE_MAX 32
#define SHOW_MAX 40 /* bytes of a bad value in a reason */
#define REASON_MAX 256

#define STR(x) #x
#define XSTR(x) STR(x)

const char *const store_colnames[STORE_NCOLS] = { "date", "time", "exercise",
	"side", "set", "reps", "hold_s", "variant", "rpe", "pain", "note",
	"batch" };

const char *const store_sidenames[3] = { "both", "left", "right" };

/*
 * The reader's memory of the previous row's date: logs hold runs of rows
 * of one date, and parsing a date is the dearest check of a row.
 */
struct date_memo {
	char text[10];
	date_t date;
	int valid;
};

struct rd;
typedef int (*rd_row_fn)(struct rd *, const struct store_row *);
typedef void (*rd_bad_fn)(struct rd *, long line, const char *reason);

/* One pass of the reader over a file descriptor. */
struct rd {
	const char *name; /* file name for messages */
	int fd;
	int seekable; /* pread(2) at off, else read(2) */
	off_t off; /* file offset of the next chunk */
	unsigned char *chunk;
	/* The record's fields, packed one after the other (each with its
	 * NUL) so that a short row touches a cache line or two. */
	char *fields; /* room for STORE_NCOLS of FIELD_SLOT */
	size_t used;
	size_t foff[STORE_NCOLS]; /* where column c starts */
	struct csv_parser csv;

	/* Scanner state. */
	long line; /* line at the scanner's position */
	int inrec; /* inside a record */
	int inq; /* inside quotes */
	int rec_plain; /* the record's bytes are all 1-127 */
	off_t rec_off; /* where the current record starts */
	long rec_line;
	/* In tail mode lines are counted from origin, whose own line is
	 * only worked out (by counting) if a warning needs it. */
	int lines_known;
	off_t origin;
	long origin_line; /* 0 until counted */

	/* The header, kept across passes. */
	int have_header;
	int header_only; /* stop once the header is read */
	int header_now; /* the header just ended */
	long ncols;
	signed char map[STORE_COLS_MAX]; /* column -> store_col or -1 */
	int colidx[STORE_NCOLS]; /* store_col -> column or -1 */
	char *hname[STORE_COLS_MAX];
	off_t data_off; /* just past the header record */
	long data_line;

	/* The record being parsed. */
	long nfields;
	size_t flen[STORE_NCOLS];
	unsigned char have[STORE_NCOLS];

	rd_row_fn on_row;
	rd_bad_fn on_bad;
	void *arg;

	struct date_memo memo; /* the last good row's date */

	long bad; /* malformed rows this pass */
	int stop;
	int broken; /* a parse error ended the pass */
	long broken_line;
	char *cause; /* the pass failed outright */
	int cause_io; /* ...because reading failed, not the header */
	char reason[REASON_MAX];
};

static void *capped_realloc(void *, size_t);
struct locked;
static void unlink_if_ours(const char *, const struct locked *);
static int rewrite_prefix(
    const char *, const struct locked *, off_t, const struct buf *, char **);
static int resolve(const char *, char **, char **);
static int no_space(unsigned char);
static void cb_field(void *, size_t, void *);
static void cb_row(int, void *);

/*
 * Refuses to grow libcsv's field buffer past CSV_BUF_CAP. libcsv retries
 * with ever smaller increments, so the buffer ends up exactly at the cap
 * and then csv_parse stops with CSV_ENOMEM: a 1 MB field costs 5 KB.
 */
static void *
capped_realloc(void *p, size_t n)
{
	if (n > CSV_BUF_CAP)
		return NULL;
	return realloc(p, n);
}

/* libcsv trims spaces by default; a note's spaces are the user's. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * Copies s for display in a message: at most SHOW_MAX bytes, cut on a
 * character boundary, control characters shown as '?'.
 */
static const char *
show(char *dst, size_t dstsz, const char *s, size_t len)
{
	size_t i, j, n = len;
	int cut = 0;

	if (n > SHOW_MAX) {
		n = SHOW_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		cut = 1;
	}
	if (n + 4 > dstsz)
		n = dstsz - 4;
	for (i = 0, j = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

		/* Messages reach terminals: no controls, no broken UTF-8. */
		if (c < 0x20 || c == 0x7f ||
		    (c >= 0x80 && (i + k > n || !util_utf8_valid(s + i, k)))) {
			dst[j++] = '?';
			i++;
			continue;
		}
		memcpy(dst + j, s + i, k);
		i += k;
		j += k;
	}
	if (cut) {
		memcpy(dst + j, "...", 3);
		j += 3;
	}
	dst[j] = '\0';
	return dst;
}

static int
iso_shape(const char *s, size_t len)
{
	size_t i;

	if (len != 10)
		return 0;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return 1;
}

static int
check_int(const char *v, size_t len, long min, long max, int *out)
{
	long l;
	size_t i;

	/* The common case by hand: one to three digits. */
	if (len >= 1 && len <= 3) {
		for (l = 0, i = 0; i < len && v[i] >= '0' && v[i] <= '9'; i++)
			l = l * 10 + (v[i] - '0');
		if (i == len) {
			if (l < min || l > max)
				return -1;
			*out = (int)l;
			return 0;
		}
	}
	if (util_parse_long(v, min, max, &l) == -1)
		return -1;
	*out = (int)l;
	return 0;
}

/*
 * Bytes 1-127 only: no NUL byte, and valid UTF-8 as it stands. Eight
 * bytes at a time: in x - 0x01..01, a byte's top bit is set only if it
 * was 0 (or had the borrow of a 0 below it), and x itself has it set
 * for every byte of 128 or more; so the test is 0 exactly when every
 * byte is in 1-127.
 */
static int
plain_ascii(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t tops = 0x8080808080808080ULL;
	uint64_t x;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		if (((x - ones) | x) & tops)
			return 0;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] - 1u >= 0x7fu)
			return 0;
	return 1;
}

static int
is_word(const char *v, size_t len, const char *w, size_t wlen)
{
	return len == wlen && memcmp(v, w, wlen) == 0;
}

/*
 * Validates one row's column values (NUL-terminated, with their lengths;
 * a value longer than STORE_FIELD_MAX may be given as "" with its real
 * length) into *row. Returns 0, or -1 with reason filled in.
 */
static int
check_row(const char *const val[STORE_NCOLS], const size_t len[STORE_NCOLS],
    struct store_row *row, struct date_memo *memo, int plain, char *reason,
    size_t rsz)
{
	char sh[SHOW_MAX + 8];
	const char *v, *name;
	size_t i;
	int c;

	for (c = 0; c < STORE_NCOLS; c++) {
		v = val[c];
		name = store_colnames[c];
		if (len[c] > STORE_FIELD_MAX) {
			snprintf(reason, rsz,
			    "column '%s': longer than %d bytes", name,
			    STORE_FIELD_MAX);
			return -1;
		}
		/* Plain ASCII, nearly every field, can hold neither fault. */
		if (!plain && !plain_ascii(v, len[c])) {
			if (memchr(v, '\0', len[c]) != NULL) {
				snprintf(reason, rsz, "NUL byte in column '%s'",
				    name);
				return -1;
			}
			if (!util_utf8_valid(v, len[c])) {
				snprintf(reason, rsz,
				    "invalid UTF-8 in column "
				    "'%s'",
				    name);
				return -1;
			}
		}
#define BAD(...)                                                               \
	do {                                                                   \
		snprintf(reason, rsz, "column '%s': " __VA_ARGS__);            \
		return -1;                                                     \
	} while (0)
#define SHOW show(sh, sizeof(sh), v, len[c])
		switch (c) {
		case STORE_DATE:
			if (memo != NULL && memo->valid && len[c] == 10 &&
			    memcmp(v, memo->text, 10) == 0) {
				row->date = memo->date;
				break;
			}
			if (!iso_shape(v, len[c]))
				BAD("must be YYYY-MM-DD, got '%s'", name, SHOW);
			if (date_parse_iso(v, &row->date) == -1) {
				long y = strtol(v, NULL, 10);

				if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
					BAD("year must be %d-%d, got '%s'",
					    name, DATE_MIN_YEAR, DATE_MAX_YEAR,
					    SHOW);
				BAD("no such day '%s'", name, SHOW);
			}
			if (memo != NULL) {
				memcpy(memo->text, v, 10);
				memo->date = row->date;
				memo->valid = 1;
			}
			break;
		case STORE_TIME:
			row->time = -1;
			if (len[c] > 0 && date_parse_time(v, &row->time) == -1)
				BAD("must be HH:MM, got '%s'", name, SHOW);
			break;
		case STORE_EXERCISE:
			if (len[c] == 0)
				BAD("must not be empty", name);
			for (i = 0; i < len[c]; i++)
				if (!((v[i] >= 'a' && v[i] <= 'z') ||
					(v[i] >= '0' && v[i] <= '9') ||
					v[i] == '-'))
					break;
			if (i < len[c] || len[c] > EXERCISE_MAX)
				BAD("must be at most %d of a-z, 0-9 and '-', "
				    "got '%s'",
				    name, EXERCISE_MAX, SHOW);
			row->exercise = v;
			break;
		case STORE_SIDE:
			if (len[c] == 0 || is_word(v, len[c], "both", 4))
				row->side = SIDE_BOTH;
			else if (is_word(v, len[c], "left", 4))
				row->side = SIDE_LEFT;
			else if (is_word(v, len[c], "right", 5))
				row->side = SIDE_RIGHT;
			else
				BAD("must be left, right or both, got '%s'",
				    name, SHOW);
			break;
		case STORE_SET:
			/* Empty: 1, or none on a check-in; see below. */
			row->set = 0;
			if (len[c] > 0 &&
			    check_int(v, len[c], 1, STORE_SET_MAX, &row->set) ==
				-1)
				BAD("must be 1-%d, got '%s'", name,
				    STORE_SET_MAX, SHOW);
			break;
		case STORE_REPS:
			/* Empty only on a check-in: see the end of the row. */
			row->reps = 0;
			if (len[c] > 0 &&
			    check_int(
				v, len[c], 1, STORE_REPS_MAX, &row->reps) == -1)
				BAD("must be 1-%d, got '%s'", name,
				    STORE_REPS_MAX, SHOW);
			break;
		case STORE_HOLD:
			row->hold_s = 0;
			if (len[c] > 0 &&
			    check_int(v, len[c], 0, STORE_HOLD_MAX,
				&row->hold_s) == -1)
				BAD("must be 0-%d, got '%s'", name,
				    STORE_HOLD_MAX, SHOW);
			break;
		case STORE_VARIANT: row->variant = v; break;
		case STORE_RPE:
			row->rpe = -1;
			if (len[c] > 0 &&
			    check_int(v, len[c], STORE_RPE_MIN, STORE_RPE_MAX,
				&row->rpe) == -1)
				BAD("must be %d-%d, got '%s'", name,
				    STORE_RPE_MIN, STORE_RPE_MAX, SHOW);
			break;
		case STORE_PAIN:
			row->pain = -1;
			if (len[c] > 0 &&
			    check_int(
				v, len[c], 0, STORE_PAIN_MAX, &row->pain) == -1)
				BAD("must be 0-%d, got '%s'", name,
				    STORE_PAIN_MAX, SHOW);
			break;
		case STORE_NOTE: row->note = v; break;
		case STORE_BATCH: row->batch = v; break;
		}
#undef SHOW
#undef BAD
	}
	/* The columns may come in any order: check what they say together. */
	if (store_is_checkin(row)) {
		if (row->pain == -1) {
			snprintf(reason, rsz,
			    "column 'pain': a morning check-in needs a pain "
			    "of 0-%d",
			    STORE_PAIN_MAX);
			return -1;
		}
	} else if (row->set == 0)
		row->set = 1;
	if (!store_is_checkin(row) && row->reps == 0) {
		snprintf(reason, rsz, "column 'reps': must be 1-%d, got ''",
		    STORE_REPS_MAX);
		return -1;
	}
	return 0;
}

int
store_is_checkin(const struct store_row *r)
{
	return r->exercise != NULL && strcmp(r->exercise, STORE_CHECKIN) == 0;
}

/*
 * The text of column c of r, as written to the log: into tmp (at least
 * 16 bytes) for numbers, else r's own string.
 */
static const char *
col_value(const struct store_row *r, int c, char *tmp)
{
	const char *s = NULL;

	switch (c) {
	case STORE_DATE: return date_format(r->date, tmp);
	case STORE_TIME:
		if (r->time == -1)
			return "";
		if (r->time >= 0 && r->time < 24 * 60)
			return date_format_time(r->time, tmp);
		/* Written raw, so that validation names the value. */
		snprintf(tmp, 16, "%d", r->time);
		return tmp;
	case STORE_EXERCISE: s = r->exercise; break;
	case STORE_SIDE:
		if ((int)r->side >= 0 && (int)r->side < 3)
			return store_sidenames[r->side];
		snprintf(tmp, 16, "%d", (int)r->side);
		return tmp;
	case STORE_SET:
		if (r->set == 0 && store_is_checkin(r))
			return "";
		snprintf(tmp, 16, "%d", r->set);
		return tmp;
	case STORE_REPS:
		if (r->reps == 0 && store_is_checkin(r))
			return "";
		snprintf(tmp, 16, "%d", r->reps);
		return tmp;
	case STORE_HOLD:
		if (r->hold_s == 0)
			return "";
		snprintf(tmp, 16, "%d", r->hold_s);
		return tmp;
	case STORE_VARIANT: s = r->variant; break;
	case STORE_RPE:
		if (r->rpe == -1)
			return "";
		snprintf(tmp, 16, "%d", r->rpe);
		return tmp;
	case STORE_PAIN:
		if (r->pain == -1)
			return "";
		snprintf(tmp, 16, "%d", r->pain);
		return tmp;
	case STORE_NOTE: s = r->note; break;
	case STORE_BATCH: s = r->batch; break;
	}
	return s != NULL ? s : "";
}

void
store_format_row(struct buf *b, const struct store_row *r)
{
	char tmp[16];
	int c;

	for (c = 0; c < STORE_NCOLS; c++) {
		if (c > 0)
			buf_addc(b, ',');
		out_csv_field(b, col_value(r, c, tmp));
	}
	buf_addc(b, '\n');
}

void
store_format_header(struct buf *b)
{
	int c;

	for (c = 0; c < STORE_NCOLS; c++) {
		if (c > 0)
			buf_addc(b, ',');
		buf_adds(b, store_colnames[c]);
	}
	buf_addc(b, '\n');
}

/* The reader. */

static void
rd_init(struct rd *r, const char *name, int fd, int seekable)
{
	int c;

	memset(r, 0, sizeof(*r));
	r->name = name;
	r->fd = fd;
	r->seekable = seekable;
	r->chunk = xmalloc(CHUNK);
	r->fields = xmalloc((size_t)STORE_NCOLS * FIELD_SLOT);
	r->line = 1;
	r->lines_known = 1;
	for (c = 0; c < STORE_NCOLS; c++)
		r->colidx[c] = -1;
}

static void
rd_free(struct rd *r)
{
	int i;

	for (i = 0; i < STORE_COLS_MAX; i++)
		free(r->hname[i]);
	free(r->chunk);
	free(r->fields);
	free(r->cause);
}

/* Reads into r->chunk until it is full or at end of file. */
static ssize_t
rd_fill(struct rd *r, unsigned char *p, size_t size, off_t off)
{
	size_t got = 0;
	ssize_t n;

	while (got < size) {
		if (r->seekable)
			n = pread(r->fd, p + got, size - got, off + (off_t)got);
		else
			n = read(r->fd, p + got, size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/*
 * The absolute line of a line counted in this pass. In tail mode that
 * needs the lines before origin, counted once, only when asked for.
 */
static long
rd_line(struct rd *r, long line)
{
	unsigned char *p;
	off_t off;
	ssize_t n, i;
	long lf = 0;

	if (r->lines_known)
		return line;
	if (r->origin_line == 0) {
		p = xmalloc(CHUNK);
		for (off = 0; off < r->origin; off += n) {
			n = rd_fill(r, p,
			    (size_t)(r->origin - off < CHUNK ? r->origin - off
							     : CHUNK),
			    off);
			if (n <= 0)
				break;
			for (i = 0; i < n; i++)
				lf += p[i] == '\n';
		}
		free(p);
		if (off < r->origin)
			return 0;
		r->origin_line = lf + 1;
	}
	return r->origin_line + line - 1;
}

static void
rd_bad(struct rd *r, long line, const char *reason)
{
	r->bad++;
	if (r->on_bad != NULL)
		r->on_bad(r, line, reason);
}

/* A parse error: in the header it is fatal, else one bad row and stop. */
static void
rd_broken(struct rd *r, long line, const char *reason)
{
	r->broken = 1;
	r->broken_line = line;
	r->stop = 1;
	snprintf(r->reason, sizeof(r->reason), "%s", reason);
	if (!r->have_header)
		r->cause =
		    xasprintf("%s:%ld: %s", r->name, rd_line(r, line), reason);
	else
		rd_bad(r, line, reason);
}

static int
col_lookup(const char *s, size_t len)
{
	int c;

	if (strlen(s) != len)
		return -1;
	for (c = 0; c < STORE_NCOLS; c++)
		if (strcmp(s, store_colnames[c]) == 0)
			return c;
	return -1;
}

static void
cb_field(void *s, size_t len, void *arg)
{
	struct rd *r = arg;
	long i = r->nfields++;
	int c;

	if (!r->have_header) {
		if (i >= STORE_COLS_MAX)
			return;
		free(r->hname[i]);
		r->hname[i] = xstrndup(s, len);
		r->map[i] = (signed char)col_lookup(r->hname[i], len);
		return;
	}
	if (i >= r->ncols || (c = r->map[i]) < 0)
		return;
	r->have[c] = 1;
	r->flen[c] = len;
	/* Each column comes once a record, so the buffer cannot overflow. */
	if (len <= STORE_FIELD_MAX) {
		r->foff[c] = r->used;
		memcpy(r->fields + r->used, s, len);
		r->fields[r->used + len] = '\0';
		r->used += len + 1;
	}
}

static void
header_done(struct rd *r)
{
	static const int need[] = { STORE_DATE, STORE_EXERCISE, STORE_REPS };
	char sh[SHOW_MAX + 8];
	long i, j, line = rd_line(r, r->rec_line);
	int c;

	r->stop = 1;
	if (r->nfields > STORE_COLS_MAX) {
		r->cause = xasprintf("%s:%ld: header has %ld columns, at most "
				     "%d allowed",
		    r->name, line, r->nfields, STORE_COLS_MAX);
		return;
	}
	for (c = 0; c < STORE_NCOLS; c++)
		r->colidx[c] = -1;
	for (i = 0; i < r->nfields; i++) {
		/* Spreadsheets leave trailing empty columns; let them be. */
		for (j = 0; j < i && r->hname[i][0] != '\0'; j++) {
			if (strcmp(r->hname[i], r->hname[j]) == 0) {
				r->cause = xasprintf("%s:%ld: duplicate column "
						     "'%s'",
				    r->name, line,
				    show(sh, sizeof(sh), r->hname[i],
					strlen(r->hname[i])));
				return;
			}
		}
		if (r->map[i] >= 0)
			r->colidx[r->map[i]] = (int)i;
	}
	for (i = 0; i < (long)(sizeof(need) / sizeof(need[0])); i++) {
		if (r->colidx[need[i]] == -1) {
			r->cause = xasprintf("%s:%ld: missing column '%s'",
			    r->name, line, store_colnames[need[i]]);
			return;
		}
	}
	r->ncols = r->nfields;
	r->have_header = 1;
	r->header_now = 1;
	r->stop = r->header_only;
}

/*
 * Whether the record repeats the header, as where logs were concatenated
 * with cat(1): the same number of fields, and each column prehab knows
 * holds its own name. (Other columns are not kept, so not compared; a
 * record whose date column says "date" is no data row anyway.)
 */
static int
header_again(const struct rd *r)
{
	long i;
	int c;

	if (r->nfields != r->ncols || !r->have[STORE_DATE] ||
	    r->flen[STORE_DATE] != 4)
		return 0;
	for (i = 0; i < r->ncols; i++) {
		if (r->map[i] < 0)
			continue;
		c = (unsigned char)r->map[i];
		if (!r->have[c] || r->flen[c] != strlen(r->hname[i]) ||
		    memcmp(r->fields + r->foff[c], r->hname[i], r->flen[c]) !=
			0)
			return 0;
	}
	return 1;
}

static void
cb_row(int term, void *arg)
{
	struct rd *r = arg;
	struct store_row row;
	const char *val[STORE_NCOLS];
	size_t len[STORE_NCOLS];
	int c;

	(void)term;
	if (!r->have_header) {
		header_done(r);
		return;
	}
	if (r->nfields > r->ncols) {
		snprintf(r->reason, sizeof(r->reason),
		    "row has %ld fields, header has %ld", r->nfields, r->ncols);
		rd_bad(r, r->rec_line, r->reason);
		return;
	}
	if (header_again(r))
		return;
	for (c = 0; c < STORE_NCOLS; c++) {
		if (r->have[c] && r->flen[c] <= STORE_FIELD_MAX)
			val[c] = r->fields + r->foff[c];
		else
			val[c] = "";
		len[c] = r->have[c] ? r->flen[c] : 0;
	}
	memset(&row, 0, sizeof(row));
	if (check_row(val, len, &row, &r->memo, r->rec_plain, r->reason,
		sizeof(r->reason)) == -1) {
		rd_bad(r, r->rec_line, r->reason);
		return;
	}
	row.line = r->lines_known ? r->rec_line : 0;
	if (r->on_row != NULL && r->on_row(r, &row) != 0)
		r->stop = 1;
}

/*
 * The common record, a line without quotes or CRs: returns the offset
 * just past its LF (or n when the chunk ends first), or i if the bytes
 * from i need the careful scan. memchr(3) beats a byte loop here.
 */
static size_t
plain_line(const unsigned char *p, size_t i, size_t n)
{
	const unsigned char *lf = memchr(p + i, '\n', n - i);
	size_t end = lf != NULL ? (size_t)(lf - p) : n;

	if (memchr(p + i, '"', end - i) != NULL ||
	    memchr(p + i, '\r', end - i) != NULL)
		return i;
	return lf != NULL ? end + 1 : n;
}

/*
 * A whole record of one line with no quotes and no CR, n bytes before its
 * LF: its fields are the text between commas, exactly what libcsv would
 * hand over, so the same callbacks get them without the parser's per-byte
 * state machine, which is most of the cost of reading a big log.
 */
static void
plain_record(struct rd *r, const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n, *comma;

	for (;;) {
		comma = memchr(p, ',', (size_t)(end - p));
		if (comma == NULL) {
			cb_field((void *)p, (size_t)(end - p), r);
			break;
		}
		cb_field((void *)p, (size_t)(comma - p), r);
		p = comma + 1;
	}
	cb_row('\n', r);
}

/*
 * Feeds n bytes at file offset base to libcsv, a record at a time so
 * that each record's start is known when libcsv calls back.
 */
static void
rd_feed(struct rd *r, const unsigned char *p, size_t n, off_t base)
{
	size_t i = 0, j, k, got;
	long line;
	int end, fast;

	while (i < n && !r->stop) {
		if (!r->inrec) {
			/* Blank lines, and the LF of a CRLF. */
			if (p[i] == '\n') {
				r->line++;
				i++;
				continue;
			}
			if (p[i] == '\r') {
				i++;
				continue;
			}
			r->inrec = 1;
			r->inq = 0;
			r->rec_off = base + (off_t)i;
			r->rec_line = r->line;
			r->nfields = 0;
			r->used = 0;
			r->rec_plain = 1;
			memset(r->have, 0, sizeof(r->have));
		}
		end = fast = 0;
		j = r->inq ? i : plain_line(p, i, n);
		if (j > i) {
			/* A plain line, maybe with its LF at j - 1. One test
			 * of its bytes spares one for each of its fields. */
			if (r->rec_plain &&
			    !plain_ascii((const char *)p + i, j - i))
				r->rec_plain = 0;
			if (p[j - 1] == '\n') {
				r->line++;
				end = 1;
				fast = r->rec_off == base + (off_t)i &&
				    j - i <= FAST_MAX;
			}
		} else {
			r->rec_plain = 0;
			for (j = i; j < n; j++) {
				if (p[j] == '"')
					r->inq = !r->inq;
				else if (p[j] == '\n') {
					r->line++;
					if (!r->inq) {
						end = 1;
						j++;
						break;
					}
				} else if (p[j] == '\r' && !r->inq) {
					end = 1;
					j++;
					break;
				}
			}
		}
		if (fast) {
			plain_record(r, p + i, j - i - 1);
			got = j - i;
		} else
			got = csv_parse(
			    &r->csv, p + i, j - i, cb_field, cb_row, r);
		if (got < j - i) {
			/* Report the line of the byte libcsv choked on. */
			line = r->line;
			for (k = i + got; k < j; k++)
				if (p[k] == '\n')
					line--;
			rd_broken(r, line,
			    csv_error(&r->csv) == CSV_EPARSE
				? "stray '\"' (bad CSV quoting); rest of file "
				  "not read"
				: "field longer than " XSTR(
				      STORE_FIELD_MAX) " bytes; "
						       "rest of file not read");
			return;
		}
		if (end) {
			r->inrec = 0;
			if (r->header_now) {
				r->header_now = 0;
				r->data_off = base + (off_t)j;
				r->data_line = r->line;
			}
		}
		i = j;
	}
}

/*
 * Reads from start to the end of the file. At the file's start a UTF-8
 * byte order mark is skipped. r->line must be set by the caller. Returns
 * 0, or -1 with r->cause set.
 */
static int
rd_run(struct rd *r, off_t start, int file_start)
{
	ssize_t n;
	size_t skip;
	int first = 1;

	csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&r->csv, no_space);
	csv_set_realloc_func(&r->csv, capped_realloc);
	r->off = start;
	r->inrec = r->inq = 0;
	r->stop = r->broken = 0;
	r->bad = 0;
	while (!r->stop) {
		n = rd_fill(r, r->chunk, CHUNK, r->off);
		if (n == -1) {
			r->cause = xasprintf(
			    "cannot read '%s': %s", r->name, strerror(errno));
			r->cause_io = 1;
			break;
		}
		if (n == 0)
			break;
		skip = 0;
		if (first && file_start && n >= 3 &&
		    memcmp(r->chunk, "\xef\xbb\xbf", 3) == 0)
			skip = 3;
		first = 0;
		rd_feed(
		    r, r->chunk + skip, (size_t)n - skip, r->off + (off_t)skip);
		r->off += n;
	}
	if (!r->stop && r->cause == NULL && r->inrec) {
		/* The last record has no newline. */
		if (csv_fini(&r->csv, cb_field, cb_row, r) != 0)
			rd_broken(r, r->rec_line, "unterminated quoted field");
		else if (r->header_now) {
			r->header_now = 0;
			r->data_off = r->off;
			r->data_line = r->line;
		}
	}
	csv_free(&r->csv);
	return r->cause != NULL ? -1 : 0;
}

/* store_read. */

static int
user_row(struct rd *r, const struct store_row *row)
{
	const struct store_read_opts *o = r->arg;

	return o->row != NULL ? o->row(row, o->arg) : 0;
}

static void
user_bad(struct rd *r, long line, const char *reason)
{
	const struct store_read_opts *o = r->arg;

	if (o->warn != NULL)
		o->warn(r->name, rd_line(r, line), reason, o->arg);
}

struct probe {
	date_t since;
	long n;
	int all_before;
	int bad;
};

static int
probe_row(struct rd *r, const struct store_row *row)
{
	struct probe *pr = r->arg;

	if (row->date >= pr->since)
		pr->all_before = 0;
	/*
	 * The first rows decide; parsing the rest of the window twice
	 * would double the cost of every plan.
	 */
	return ++pr->n >= TAIL_PROBE_ROWS;
}

static void
probe_bad(struct rd *r, long line, const char *reason)
{
	struct probe *pr = r->arg;

	(void)line;
	(void)reason;
	pr->bad = 1;
}

static int
looks_like_date(const unsigned char *p)
{
	return iso_shape((const char *)p, 10) && p[10] == ',';
}

/*
 * The first offset at or after from that follows a LF and starts with
 * "YYYY-MM-DD,": probably a record start. -1 if there is none.
 */
static off_t
find_resync(struct rd *r, off_t from, off_t size)
{
	off_t off = from;
	ssize_t n, k;

	while (off < size) {
		n = rd_fill(r, r->chunk, CHUNK, off);
		if (n < 12)
			return -1;
		for (k = 0; k + 12 <= n; k++)
			if (r->chunk[k] == '\n' &&
			    looks_like_date(r->chunk + k + 1))
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
quotes_even(struct rd *r, off_t from, off_t to)
{
	const unsigned char *p, *end;
	unsigned long quotes = 0;
	off_t off;
	ssize_t n;

	for (off = from; off < to; off += n) {
		n = rd_fill(r, r->chunk,
		    (size_t)(to - off < CHUNK ? to - off : CHUNK), off);
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
 * Tail mode: finds a record start near the end of the file whose first
 * TAIL_PROBE_ROWS rows all predate since, doubling the window until one
 * does, then streams from there once. A start is only taken once the
 * quotes before it prove it a record boundary (quotes_even); those first
 * rows are then parsed without delivering anything, and a malformed row
 * or parse error among them sends us back to a full read, so a wrong
 * guess costs time, never rows.
 */
static long
read_tail(struct rd *r, const struct store_read_opts *o, off_t size)
{
	struct probe pr;
	off_t w, start;
	int even;

	r->header_only = 1;
	if (rd_run(r, 0, 1) == -1)
		return -1;
	r->header_only = 0;
	if (!r->have_header)
		return 0;
	if (r->map[0] == STORE_DATE) {
		for (w = TAIL_WINDOW; size - w > r->data_off; w *= 2) {
			start = find_resync(r, size - w, size);
			if (start == -1)
				continue;
			if ((even = quotes_even(r, r->data_off, start)) == -1)
				break;
			if (!even)
				continue;
			memset(&pr, 0, sizeof(pr));
			pr.since = o->since;
			pr.all_before = 1;
			r->on_row = probe_row;
			r->on_bad = probe_bad;
			/* r lives only for this call, so &pr never dangles. */
			/* cppcheck-suppress autoVariables */
			r->arg = &pr;
			r->lines_known = 0;
			r->line = 1;
			if (rd_run(r, start, 0) == -1)
				return -1;
			if (pr.bad)
				break;
			if (pr.n == 0 || !pr.all_before)
				continue;
			r->on_row = user_row;
			r->on_bad = user_bad;
			r->arg = (void *)o;
			r->line = 1;
			r->origin = start;
			r->origin_line = 0;
			if (rd_run(r, start, 0) == -1)
				return -1;
			return r->bad;
		}
	}
	r->on_row = user_row;
	r->on_bad = user_bad;
	r->arg = (void *)o;
	r->lines_known = 1;
	r->line = r->data_line;
	if (rd_run(r, r->data_off, 0) == -1)
		return -1;
	return r->bad;
}

long
store_read(const struct store_read_opts *o, char **cause)
{
	struct rd r;
	struct stat st = { 0 };
	const char *name = o->path;
	int fd, isstdin = strcmp(o->path, "-") == 0;
	long ret;

	if (isstdin) {
		fd = STDIN_FILENO;
		name = "(standard input)";
	} else if ((fd = open(o->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) ==
	    -1) {
		/* O_NONBLOCK: a FIFO nobody writes must not hang the open. */
		if (errno == ENOENT)
			return 0;
		*cause =
		    xasprintf("cannot open '%s': %s", name, strerror(errno));
		if (o->fail != NULL)
			*o->fail = FAIL_IO;
		return -1;
	} else
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (fstat(fd, &st) == -1 || S_ISDIR(st.st_mode)) {
		*cause = xasprintf("cannot read '%s': %s", name,
		    strerror(S_ISDIR(st.st_mode) ? EISDIR : errno));
		if (!isstdin)
			close(fd);
		if (o->fail != NULL)
			*o->fail = FAIL_IO;
		return -1;
	}
	/* A pipe named by path (--data <(...)) is read like stdin. */
	rd_init(&r, name, fd, !isstdin && S_ISREG(st.st_mode));
	r.on_row = user_row;
	r.on_bad = user_bad;
	r.arg = (void *)o;
	if (o->tail && !isstdin && S_ISREG(st.st_mode) &&
	    st.st_size > TAIL_WINDOW)
		ret = read_tail(&r, o, st.st_size);
	else
		ret = rd_run(&r, 0, 1) == -1 ? -1 : r.bad;
	if (ret == -1) {
		*cause = r.cause;
		r.cause = NULL;
		if (o->fail != NULL)
			*o->fail = r.cause_io ? FAIL_IO : FAIL_DATA;
	}
	rd_free(&r);
	if (!isstdin)
		close(fd);
	return ret;
}

int
store_has_column(const char *path, enum store_col c)
{
	struct rd r;
	int fd, has = 1;

	/* O_NONBLOCK: a FIFO nobody writes must not hang the open. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return 1;
	rd_init(&r, path, fd, 1);
	r.header_only = 1;
	if (rd_run(&r, 0, 1) == 0 && r.have_header)
		has = r.colidx[c] != -1;
	rd_free(&r);
	close(fd);
	return has;
}

/* Locking, and the critical sections. */

static void
block_signals(sigset_t *old)
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
restore_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/*
 * Whether dir is the home directory or one above it: a HOME that does
 * not exist (HOME=/nonexistent, a service account) is a mistake to
 * report, and creating it, as root could, would make a home for nobody.
 */
static int
is_home_or_above(const char *dir)
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
make_parents(const char *path, char **cause)
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
		    is_home_or_above(dir)) {
			*cause =
			    xasprintf("cannot create directory '%s': the "
				      "home directory '%s' does not exist, "
				      "and prehab creates only its own",
				dir, getenv("HOME"));
			free(dir);
			return -1;
		}
		if (mkdir(dir, 0700) == 0)
			/* As for the log: 0700 whatever the umask. */
			(void)chmod(dir, 0700);
		else if (errno != EEXIST) {
			*cause = xasprintf("cannot create directory '%s': %s",
			    dir, strerror(errno));
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
sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The locked log: open, locked, and still the file at path. */
struct locked {
	int fd;
	int created;
	struct stat st;
};

/* What a lock on the log is taken for. */
enum lock_mode {
	LK_READ, /* reading under the lock, as undo --dry-run does */
	LK_WRITE, /* rewriting an existing log (undo) */
	LK_CREATE /* appending, creating the log if need be */
};

/*
 * Whether fd is the same file as one of the standard streams: writing
 * a new file over it (--data /dev/stdout) would replace what a redirect
 * points at, not write to the stream.
 */
static int
is_stdio(const struct stat *st)
{
	struct stat io;
	int i;

	for (i = 0; i <= 2; i++)
		if (fstat(i, &io) == 0 && io.st_dev == st->st_dev &&
		    io.st_ino == st->st_ino)
			return 1;
	return 0;
}

/*
 * Opens path and takes its exclusive lock, waiting up to LOCK_WAIT_MS.
 * A rewrite may rename a new file over path while we wait, leaving us
 * holding the lock on a file nobody will read again, so once locked we
 * check path still names our file and start over if not. With
 * LK_CREATE, a missing file (and its directories) is created 0600;
 * otherwise a missing file gives 0 with lk->fd -1. Writers (LK_WRITE and
 * LK_CREATE) open the log for writing, so that a log the user may not
 * write is refused by every one of them alike, and refuse a log with
 * other hard links, which a rewrite would split from it. Returns 0, or
 * -1 with *cause (STORE_LOCKED if the lock stayed taken).
 */
static int
lock_log(const char *path, enum lock_mode mode, struct locked *lk, char **cause)
{
	struct stat now;
	long deadline = now_ms() + LOCK_WAIT_MS;
	int fd, tries, mkdirs = 0;

	lk->fd = -1;
	for (tries = 0; tries < REOPEN_MAX; tries++) {
		lk->created = 0;
		if (mode == LK_CREATE) {
			fd = open(path,
			    O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC,
			    0600);
			if (fd != -1)
				lk->created = 1;
			else if (errno == EEXIST)
				/* O_NONBLOCK: a FIFO must not hang us. */
				fd = open(path,
				    O_RDWR | O_APPEND | O_NONBLOCK | O_CLOEXEC);
			else if (errno == ENOENT && !mkdirs) {
				mkdirs = 1;
				if (make_parents(path, cause) == -1)
					return -1;
				continue;
			}
			if (fd == -1 && errno == ENOENT &&
			    lstat(path, &now) == 0 && S_ISLNK(now.st_mode)) {
				/* O_EXCL does not follow it; nor will we. */
				*cause =
				    xasprintf("cannot open '%s': it is a "
					      "symbolic link to a missing file",
					path);
				return -1;
			}
			if (fd == -1 && errno == ENOENT)
				continue; /* unlinked between opens */
		} else {
			fd = open(path,
			    (mode == LK_WRITE ? O_RDWR : O_RDONLY) |
				O_NONBLOCK | O_CLOEXEC);
			if (fd == -1 && errno == ENOENT)
				return 0;
		}
		if (fd == -1) {
			*cause = xasprintf(
			    "cannot open '%s': %s", path, strerror(errno));
			return -1;
		}
		/* The umask must not make the log unwritable or public. */
		if (lk->created && fchmod(fd, 0600) == -1) {
			*cause = xasprintf(
			    "cannot chmod '%s': %s", path, strerror(errno));
			unlink(path);
			close(fd);
			return -1;
		}
		if (fstat(fd, &lk->st) == -1) {
			*cause = xasprintf(
			    "cannot stat '%s': %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (!S_ISREG(lk->st.st_mode)) {
			*cause = S_ISDIR(lk->st.st_mode)
			    ? xasprintf("cannot open '%s': %s", path,
				  strerror(EISDIR))
			    : xasprintf("'%s' is not a regular file", path);
			close(fd);
			return -1;
		}
		if (mode != LK_READ && lk->st.st_nlink > 1) {
			*cause =
			    xasprintf("'%s' has %ld hard links; prehab "
				      "writes a log through a new file, "
				      "which would split it from the other "
				      "names: keep one name (a symbolic "
				      "link may point at it)",
				path, (long)lk->st.st_nlink);
			close(fd);
			return -1;
		}
		if (mode != LK_READ && is_stdio(&lk->st)) {
			*cause = xasprintf("'%s' is a standard input or output "
					   "of prehab; a log cannot be "
					   "written there",
			    path);
			close(fd);
			return -1;
		}
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		while (flock(fd, LOCK_EX | LOCK_NB) == -1) {
			if (errno == EINTR)
				continue;
			if (errno != EWOULDBLOCK) {
				*cause = xasprintf("cannot lock '%s': %s", path,
				    strerror(errno));
				close(fd);
				return -1;
			}
			if (now_ms() >= deadline) {
				*cause = xasprintf("log is locked by another "
						   "process: '%s'",
				    path);
				close(fd);
				return STORE_LOCKED;
			}
			sleep_ms(LOCK_POLL_MS);
		}
		if (stat(path, &now) == 0 && now.st_dev == lk->st.st_dev &&
		    now.st_ino == lk->st.st_ino) {
			/* Re-read: the size may have changed while we waited. */
			if (fstat(fd, &lk->st) == -1) {
				*cause = xasprintf("cannot stat '%s': %s", path,
				    strerror(errno));
				close(fd);
				return -1;
			}
			lk->fd = fd;
			return 0;
		}
		close(fd);
	}
	*cause = xasprintf("cannot open '%s': it keeps being replaced", path);
	return -1;
}

static int
write_all(int fd, const char *p, size_t n)
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

/* Makes a rename or creation in dir durable; best effort. */
static void
sync_dir(const char *dir)
{
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	fsync(fd);
	close(fd);
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* store_append. */

/*
 * A multiset of 64-bit row hashes: open addressing, 0 marks a free slot,
 * and each hash keeps how many rows of the log it stands for.
 */
struct hset {
	uint64_t *v;
	unsigned long *count;
	size_t cap; /* a power of two */
	size_t n;
};

static size_t
hset_slot(const struct hset *s, uint64_t h)
{
	size_t i;

	for (i = h & (s->cap - 1); s->v[i] != 0 && s->v[i] != h;
	     i = (i + 1) & (s->cap - 1))
		;
	return i;
}

static void
hset_add(struct hset *s, uint64_t h)
{
	struct hset big;
	size_t i, j;

	if ((s->n + 1) * 2 > s->cap) {
		big.cap = s->cap ? s->cap * 2 : 1024;
		big.v = xcalloc(big.cap, sizeof(*big.v));
		big.count = xcalloc(big.cap, sizeof(*big.count));
		big.n = s->n;
		for (i = 0; i < s->cap; i++) {
			if (s->v[i] == 0)
				continue;
			j = hset_slot(&big, s->v[i]);
			big.v[j] = s->v[i];
			big.count[j] = s->count[i];
		}
		free(s->v);
		free(s->count);
		*s = big;
	}
	i = hset_slot(s, h);
	if (s->v[i] == 0) {
		s->v[i] = h;
		s->n++;
	}
	s->count[i]++;
}

/* Takes one row of hash h out of the multiset; 0 if none was left. */
static int
hset_take(struct hset *s, uint64_t h)
{
	size_t i;

	if (s->cap == 0)
		return 0;
	i = hset_slot(s, h);
	if (s->v[i] == 0 || s->count[i] == 0)
		return 0;
	s->count[i]--;
	return 1;
}

struct dups {
	struct hset set;
	struct buf key;
};

/*
 * FNV-1a over the row as written, batch left out. At 64 bits a false
 * match among even millions of rows is far less likely than a disk error,
 * so equal hashes are taken as equal rows.
 */
static uint64_t
row_hash(struct buf *key, const struct store_row *r)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char tmp[16];
	size_t i;
	int c;

	buf_reset(key);
	for (c = 0; c < STORE_NCOLS; c++) {
		if (c == STORE_BATCH)
			continue;
		out_csv_field(key, col_value(r, c, tmp));
		buf_addc(key, ',');
	}
	for (i = 0; i < key->len; i++) {
		h ^= (unsigned char)key->data[i];
		h *= 0x100000001b3ULL;
	}
	return h != 0 ? h : 1;
}

static int
dups_row(struct rd *r, const struct store_row *row)
{
	struct dups *d = r->arg;

	hset_add(&d->set, row_hash(&d->key, row));
	return 0;
}

/*
 * Fills p with n random bytes: getrandom(2), else /dev/urandom, else (a
 * machine with neither) bits of the clocks and the pid, which still
 * differ between two commands of one process tree.
 */
static void
random_bytes(unsigned char *p, size_t n)
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
static void make_batch(char *, size_t);

void
store_new_batch(char *out, size_t size)
{
	make_batch(out, size);
}

static void
make_batch(char *out, size_t size)
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
	random_bytes(rnd, sizeof(rnd));
	for (i = 0; i < sizeof(rnd) && n + 2 < size; i++, n += 2)
		snprintf(out + n, size - n, "%02x", rnd[i]);
}

/* Checks a caller's row as the reader will see it once written. */
static int
check_new_row(const struct store_row *r, char *reason, size_t rsz)
{
	struct store_row out;
	const char *val[STORE_NCOLS];
	size_t len[STORE_NCOLS];
	char tmp[STORE_NCOLS][16];
	int c;

	for (c = 0; c < STORE_NCOLS; c++) {
		val[c] = c == STORE_BATCH ? "" : col_value(r, c, tmp[c]);
		len[c] = strlen(val[c]);
	}
	return check_row(val, len, &out, NULL, 0, reason, rsz);
}

/*
 * The first column of r that a log with this header would drop: one the
 * header lacks while r's value is not what an empty field reads back as.
 * Returns the column, or -1. The batch id is ours, not the caller's: a
 * log without that column only loses --undo, which says so itself.
 */
static int
lost_column(const struct rd *h, const struct store_row *r, char *tmp)
{
	int c;

	for (c = 0; c < STORE_NCOLS; c++) {
		if (h->colidx[c] != -1 || c == STORE_BATCH)
			continue;
		if (*col_value(r, c, tmp) == '\0' ||
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
} fresh_log;

static void
drop_fresh_log(void)
{
	struct stat st;

	if (fresh_log.path != NULL && lstat(fresh_log.path, &st) == 0 &&
	    st.st_dev == fresh_log.dev && st.st_ino == fresh_log.ino &&
	    st.st_size == 0)
		unlink(fresh_log.path);
}

static void
watch_fresh_log(const char *path, const struct locked *lk)
{
	static int registered;

	free(fresh_log.path);
	fresh_log.path = NULL;
	if (path == NULL)
		return;
	if (!registered && atexit(drop_fresh_log) == 0)
		registered = 1;
	fresh_log.path = xstrdup(path);
	fresh_log.dev = lk->st.st_dev;
	fresh_log.ino = lk->st.st_ino;
}

long
store_append(const char *path, const struct store_row *rows, size_t n,
    int skip_dups, size_t *skipped, char **cause)
{
	return store_append_batch(
	    path, rows, n, NULL, skip_dups, skipped, cause);
}

long
store_append_batch(const char *path, const struct store_row *rows, size_t n,
    const char *given, int skip_dups, size_t *skipped, char **cause)
{
	struct rd r;
	struct locked lk;
	struct dups d;
	struct buf out = { 0 };
	struct store_row row;
	char batch[64], reason[REASON_MAX], tmp[16], last;
	char *real = NULL;
	const char *v;
	long written = 0, ret = -1, i;
	size_t k, nskip = 0;
	int c;

	if (skipped != NULL)
		*skipped = 0;
	if (n == 0)
		return 0;
	/* Refuse bad rows before touching the disk. */
	for (k = 0; k < n; k++) {
		if (check_new_row(&rows[k], reason, sizeof(reason)) == -1) {
			*cause = xasprintf("cannot append to '%s': row %zu: %s",
			    path, k + 1, reason);
			return -1;
		}
	}
	if ((c = lock_log(path, LK_CREATE, &lk, cause)) < 0)
		return c;
	if (lk.created)
		watch_fresh_log(path, &lk);

	/*
	 * The existing header decides the column order we write. The whole
	 * file is parsed, not just the header: past a parse error (a stray
	 * quote, a torn last line inside quotes) every reader stops, so rows
	 * appended there would be written yet never seen.
	 */
	memset(&d, 0, sizeof(d));
	rd_init(&r, path, lk.fd, 1);
	if (skip_dups) {
		r.on_row = dups_row;
		r.arg = &d;
	}
	if (rd_run(&r, 0, 1) == -1) {
		*cause = r.cause;
		r.cause = NULL;
		goto fail;
	}
	if (r.broken) {
		*cause =
		    xasprintf("%s:%ld: %s; nothing appended, as rows after "
			      "it could not be read",
			path, rd_line(&r, r.broken_line), r.reason);
		goto fail;
	}
	if (lk.st.st_size > 0) {
		if (pread(lk.fd, &last, 1, lk.st.st_size - 1) != 1) {
			*cause = xasprintf(
			    "cannot read '%s': %s", path, strerror(errno));
			goto fail;
		}
		/* A torn or hand-edited last line must not swallow ours. */
		if (last != '\n')
			buf_addc(&out, '\n');
	}
	if (!r.have_header)
		store_format_header(&out);
	else {
		/* A column the file lacks must not swallow a value. */
		for (k = 0; k < n; k++) {
			char sh[SHOW_MAX + 8];

			if ((c = lost_column(&r, &rows[k], tmp)) == -1)
				continue;
			v = col_value(&rows[k], c, tmp);
			*cause = xasprintf("cannot append to '%s': it has no "
					   "'%s' column for the value '%s'",
			    path, store_colnames[c],
			    show(sh, sizeof(sh), v, strlen(v)));
			goto fail;
		}
	}

	/* A command written in parts names its own batch. */
	if (given != NULL)
		snprintf(batch, sizeof(batch), "%s", given);
	else
		make_batch(batch, sizeof(batch));
	for (k = 0; k < n; k++) {
		row = rows[k];
		row.batch = batch;
		/*
		 * Each row of the log matches at most one imported row, and
		 * imported rows never match each other: two identical sets
		 * done on one day are two sets, wherever they come from.
		 */
		if (skip_dups && hset_take(&d.set, row_hash(&d.key, &row))) {
			nskip++;
			continue;
		}
		if (!r.have_header) {
			store_format_row(&out, &row);
			written++;
			continue;
		}
		for (i = 0; i < r.ncols; i++) {
			if (i > 0)
				buf_addc(&out, ',');
			c = r.map[i];
			v = c < 0 ? "" : col_value(&row, c, tmp);
			out_csv_field(&out, v);
		}
		buf_addc(&out, '\n');
		written++;
	}

	/*
	 * The old log and the new rows go to a temporary file that is then
	 * renamed over the log, rather than being appended in place: a
	 * process killed in the middle of a write(2) longer than a page
	 * leaves the pages written so far, and a torn row that other
	 * programs would read as a real one.
	 */
	if (written > 0) {
		if (resolve(path, &real, cause) == -1)
			goto fail;
		if ((c = rewrite_prefix(real != NULL ? real : path, &lk,
			 lk.st.st_size, &out, cause)) != 0) {
			ret = c;
			goto fail;
		}
	} else if (lk.created) {
		/* Nothing to write: no empty log either. */
		unlink_if_ours(path, &lk);
		lk.created = 0;
	}
	if (lk.created) {
		char *dir = dir_of(path);

		sync_dir(dir);
		free(dir);
	}
	if (skipped != NULL)
		*skipped = nskip;
	ret = written;
fail:
	/* A log we created and could not fill goes, if still ours. */
	if (ret < 0 && lk.created)
		unlink_if_ours(path, &lk);
	if (lk.created)
		watch_fresh_log(NULL, &lk);
	free(real);
	buf_free(&out);
	buf_free(&d.key);
	free(d.set.v);
	free(d.set.count);
	rd_free(&r);
	close(lk.fd);
	return ret;
}

/* store_undo. */

struct undo {
	int active; /* a run of rows is open */
	char batch[FIELD_SLOT];
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
record_holds(int fd, off_t from, off_t to, const char *id)
{
	size_t idlen = strlen(id), n;
	char *buf, *p;
	int found = 0;

	if (to - from > (off_t)(8 * STORE_COLS_MAX * FIELD_SLOT))
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

/*
 * A rewrite replaces the file a symlink points at, not the symlink: sets
 * *real to the file's malloc'd path if path is a symlink, else NULL.
 */
static int
resolve(const char *path, char **real, char **cause)
{
	struct stat lst;

	*real = NULL;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
	    (*real = realpath(path, NULL)) == NULL) {
		*cause =
		    xasprintf("cannot resolve '%s': %s", path, strerror(errno));
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
remove_stale(const char *dir, const char *base)
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
still_ours(const char *path, const struct locked *lk)
{
	struct stat now;

	return stat(path, &now) == 0 && now.st_dev == lk->st.st_dev &&
	    now.st_ino == lk->st.st_ino && now.st_size == lk->st.st_size &&
	    now.st_mtim.tv_sec == lk->st.st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == lk->st.st_mtim.tv_nsec;
}

/* Removes path if it still names the file lk locked (one we created). */
static void
unlink_if_ours(const char *path, const struct locked *lk)
{
	struct stat now;

	if (lstat(path, &now) == 0 && now.st_dev == lk->st.st_dev &&
	    now.st_ino == lk->st.st_ino)
		unlink(path);
}

/* Set by store_hold_signals(). */
static int hold_after_commit;

void
store_hold_signals(void)
{
	hold_after_commit = 1;
}

/*
 * Replaces path, the file locked in lk, by its first keep bytes followed
 * by extra (may be NULL), through a temporary file in the same directory
 * that gets the log's owner, group and mode. Signals are held off from
 * the temporary file's creation to the rename so an interrupt leaves
 * either the old log or the new one, and no stray temporary file
 * (SIGKILL, which cannot be held off, may leave one for remove_stale).
 * Returns 0, or -1 (STORE_LOCKED if path was replaced meanwhile) with
 * *cause set; on error the log is untouched.
 */
static int
rewrite_prefix(const char *path, const struct locked *lk, off_t keep,
    const struct buf *extra, char **cause)
{
	sigset_t old;
	struct stat tst;
	char *dir, *tmp, *buf;
	const char *base;
	off_t off;
	ssize_t n;
	int tfd, lfd, err = 0, rc = -1;
	const char *what = "write";

	dir = dir_of(path);
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	tmp = xasprintf("%s/.%s" TMP_TAG "XXXXXX", dir, base);
	buf = xmalloc(CHUNK);

	remove_stale(dir, base);
	block_signals(&old);
	if ((tfd = mkstemp(tmp)) == -1) {
		*cause = xasprintf("cannot create a temporary file in '%s': %s",
		    dir, strerror(errno));
		restore_signals(&old);
		free(buf);
		free(tmp);
		free(dir);
		return -1;
	}
	fcntl(tfd, F_SETFD, FD_CLOEXEC);
	/*
	 * Marks the file as a live writer's, for remove_stale, until after
	 * the rename. The lock belongs to the open file, so the duplicate
	 * keeps it while tfd is closed before the rename, where its errors
	 * still count.
	 */
	(void)flock(tfd, LOCK_EX | LOCK_NB);
	lfd = fcntl(tfd, F_DUPFD_CLOEXEC, 0);
	for (off = 0; off < keep && err == 0; off += n) {
		n = pread(lk->fd, buf,
		    (size_t)(keep - off < CHUNK ? keep - off : CHUNK), off);
		if (n == -1 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n <= 0) {
			err = n == 0 ? EIO : errno;
			what = "read";
			break;
		}
		if (write_all(tfd, buf, (size_t)n) == -1)
			err = errno;
	}
	if (err == 0 && extra != NULL && extra->len > 0 &&
	    write_all(tfd, extra->data, extra->len) == -1)
		err = errno;
	/*
	 * The new file is ours; the log may be a group's or, when root
	 * writes it (sudo keeping HOME, a cron job), the user's. Giving it
	 * the old owner and group, or failing, comes before the mode, as
	 * chown(2) may clear set-id bits.
	 */
	if (err == 0 && fstat(tfd, &tst) == -1)
		err = errno;
	if (err == 0 &&
	    (tst.st_uid != lk->st.st_uid || tst.st_gid != lk->st.st_gid) &&
	    fchown(tfd, lk->st.st_uid, lk->st.st_gid) == -1) {
		err = errno;
		*cause = xasprintf("cannot keep the owner and group of '%s' "
				   "(uid %ld, gid %ld) in the rewritten file: "
				   "%s; the log is unchanged",
		    path, (long)lk->st.st_uid, (long)lk->st.st_gid,
		    strerror(err));
	}
	if (err == 0 && fchmod(tfd, lk->st.st_mode & 07777) == -1)
		err = errno;
	if (err == 0 && fsync(tfd) == -1)
		err = errno;
	/*
	 * A program that ignores our lock (a sync tool, git checkout, an
	 * editor) may have put another version at path since we read it:
	 * renaming over it would lose that version. The window left is
	 * the few instructions between this check and the rename.
	 */
	if (close(tfd) == -1 && err == 0)
		err = errno;
	if (err == 0 && !still_ours(path, lk)) {
		err = EAGAIN;
		rc = STORE_LOCKED;
		*cause = xasprintf("'%s' was replaced or changed by another "
				   "program while prehab was writing it; "
				   "nothing written, try again",
		    path);
	}
	if (err == 0 && rename(tmp, path) == -1) {
		err = errno;
		what = "replace";
	}
	/* This drops the temporary file's flock: only after the rename. */
	if (lfd != -1)
		close(lfd);
	if (err != 0) {
		unlink(tmp);
		/* Name the log: the temporary file is gone by now. */
		if (*cause == NULL)
			*cause = xasprintf(
			    "cannot %s '%s': %s", what, path, strerror(err));
	} else {
		sync_dir(dir);
		rc = 0;
	}
	if (rc != 0 || !hold_after_commit)
		restore_signals(&old);
	free(buf);
	free(tmp);
	free(dir);
	return rc;
}

long
store_undo(
    const char *path, int dry_run, store_row_fn fn, void *arg, char **cause)
{
	struct rd r;
	struct locked lk;
	struct undo *u;
	char *real = NULL;
	const char *target = path;
	long ret = -1;
	int c;

	if ((c = lock_log(path, dry_run ? LK_READ : LK_WRITE, &lk, cause)) < 0)
		return c;
	if (lk.fd == -1)
		return 0;
	u = xcalloc(1, sizeof(*u));
	u->fn = fn;
	u->arg = arg;
	rd_init(&r, path, lk.fd, 1);
	r.on_row = undo_row;
	r.on_bad = undo_bad;
	r.arg = u;
	if (rd_run(&r, 0, 1) == -1) {
		*cause = r.cause;
		r.cause = NULL;
		goto out;
	}
	if (!r.have_header) {
		ret = 0;
		goto out;
	}
	if (r.broken) {
		*cause = xasprintf("%s:%ld: %s; nothing undone", path,
		    r.broken_line, r.reason);
		goto out;
	}
	/* We only ever cut the file, so the rows to go must end it. */
	if (u->last_bad) {
		*cause = xasprintf("%s:%ld: the last row is malformed; nothing "
				   "undone",
		    path, u->last_bad_line);
		goto out;
	}
	if (!u->active) {
		ret = 0;
		goto out;
	}
	if (u->batch[0] == '\0') {
		*cause = xstrdup("the last row has no batch id; nothing to "
				 "undo");
		goto out;
	}
	/*
	 * A whole command or nothing: a malformed row of the last command
	 * (a pain edited to 12) splits its rows in two, and removing only
	 * those after it would leave the rest behind as if done.
	 */
	if (u->bad_before &&
	    record_holds(lk.fd, u->bad_off, u->off, u->batch)) {
		*cause = xasprintf("%s:%ld: a row of the last command is "
				   "malformed; nothing undone (fix or remove "
				   "it first)",
		    path, u->bad_line);
		goto out;
	}

	r.on_row = undo_give;
	r.on_bad = undo_bad;
	r.line = u->line;
	if (rd_run(&r, u->off, 0) == -1) {
		*cause = r.cause;
		r.cause = NULL;
		goto out;
	}
	if (u->cancelled) {
		*cause = xasprintf("undo cancelled; '%s' is unchanged", path);
		goto out;
	}
	if (r.bad != 0 || u->given != u->n) {
		*cause = xasprintf("'%s' changed while being read; nothing "
				   "undone",
		    path);
		goto out;
	}
	if (dry_run) {
		ret = u->n;
		goto out;
	}

	if (resolve(path, &real, cause) == -1)
		goto out;
	if (real != NULL)
		target = real;
	if ((c = rewrite_prefix(target, &lk, u->off, NULL, cause)) != 0) {
		ret = c;
		goto out;
	}
	ret = u->n;

out:
	free(real);
	free(u);
	rd_free(&r);
	close(lk.fd);
	return ret;
}

/* store_undo_batch. */

struct pick_rec {
	off_t off; /* where the record starts */
	char what; /* 'k' keep, 'd' drop, 'b' malformed */
	long line;
};

struct pick {
	const char *id;
	struct pick_rec *v;
	size_t n, cap;
	long drop;
	store_row_fn fn;
	void *arg;
	int cancelled;
};

static void
pick_add(struct pick *p, off_t off, char what, long line)
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
pick_row(struct rd *r, const struct store_row *row)
{
	struct pick *p = r->arg;

	if (strcmp(row->batch, p->id) != 0) {
		pick_add(p, r->rec_off, 'k', r->rec_line);
		return 0;
	}
	pick_add(p, r->rec_off, 'd', r->rec_line);
	p->drop++;
	if (p->fn != NULL && p->fn(row, p->arg) != 0) {
		p->cancelled = 1;
		return 1;
	}
	return 0;
}

static void
pick_bad(struct rd *r, long line, const char *reason)
{
	struct pick *p = r->arg;

	(void)reason;
	pick_add(p, r->rec_off, 'b', line);
}

long
store_undo_batch(const char *path, const char *id, int dry_run, store_row_fn fn,
    void *arg, char **cause)
{
	struct rd r;
	struct locked lk;
	struct pick p = { id, NULL, 0, 0, 0, fn, arg, 0 };
	struct buf extra = { 0 };
	char *real = NULL, *chunk = NULL;
	const char *target = path;
	off_t end, keep = -1;
	long ret = -1;
	int c;

	if ((c = lock_log(path, dry_run ? LK_READ : LK_WRITE, &lk, cause)) < 0)
		return c;
	if (lk.fd == -1)
		return 0;
	rd_init(&r, path, lk.fd, 1);
	r.on_row = pick_row;
	r.on_bad = pick_bad;
	r.arg = &p;
	if (rd_run(&r, 0, 1) == -1) {
		*cause = r.cause;
		r.cause = NULL;
		goto out;
	}
	if (p.cancelled) {
		*cause = xasprintf("undo cancelled; '%s' is unchanged", path);
		goto out;
	}
	if (!r.have_header || p.drop == 0) {
		ret = 0;
		goto out;
	}
	if (r.broken) {
		*cause = xasprintf("%s:%ld: %s; nothing undone", path,
		    r.broken_line, r.reason);
		goto out;
	}
	end = r.off;
	/*
	 * A whole command or nothing, as for the last one: a malformed row
	 * that holds the id may be one of the command's rows.
	 */
	for (size_t i = 0; i < p.n; i++) {
		off_t to = i + 1 < p.n ? p.v[i + 1].off : end;

		if (p.v[i].what == 'b' &&
		    record_holds(lk.fd, p.v[i].off, to, id)) {
			*cause = xasprintf("%s:%ld: a row of that command is "
					   "malformed; nothing undone (fix or "
					   "remove it first)",
			    path, rd_line(&r, p.v[i].line));
			goto out;
		}
	}
	if (dry_run) {
		ret = p.drop;
		goto out;
	}
	/* What stays after the first row to go is copied byte for byte. */
	chunk = xmalloc(CHUNK);
	for (size_t i = 0; i < p.n; i++) {
		off_t from = p.v[i].off,
		      to = i + 1 < p.n ? p.v[i + 1].off : end;

		if (p.v[i].what == 'd') {
			if (keep == -1)
				keep = from;
			continue;
		}
		if (keep == -1)
			continue;
		while (from < to) {
			size_t want =
			    (size_t)(to - from < CHUNK ? to - from : CHUNK);
			ssize_t got = pread(lk.fd, chunk, want, from);

			if (got == -1 && errno == EINTR)
				continue;
			if (got <= 0) {
				*cause = xasprintf("cannot read '%s': %s", path,
				    got == 0 ? strerror(EIO) : strerror(errno));
				goto out;
			}
			buf_add(&extra, chunk, (size_t)got);
			from += got;
		}
	}
	if (resolve(path, &real, cause) == -1)
		goto out;
	if (real != NULL)
		target = real;
	if ((c = rewrite_prefix(target, &lk, keep, &extra, cause)) != 0) {
		ret = c;
		goto out;
	}
	ret = p.drop;

out:
	free(chunk);
	buf_free(&extra);
	free(p.v);
	free(real);
	rd_free(&r);
	close(lk.fd);
	return ret;
}

/* store_replace. */

long
store_replace(const char *path, const char *old, size_t oldlen,
    const struct buf *content, char **cause)
{
	struct locked lk;
	struct buf out = { 0 };
	char *real = NULL, *chunk = NULL;
	const char *target = path;
	off_t off;
	ssize_t got;
	long ret = -1;
	int c;

	if ((c = lock_log(path, LK_WRITE, &lk, cause)) < 0)
		return c;
	if (lk.fd == -1) {
		*cause = xasprintf("'%s' was removed while being edited", path);
		return STORE_CHANGED;
	}
	/*
	 * The rows taken for the edit must still be there, as they were:
	 * another edit or an undo rewrote them, and ours would undo theirs.
	 * Rows appended since are past oldlen, and are kept after ours.
	 */
	chunk = xmalloc(CHUNK);
	if (lk.st.st_size < (off_t)oldlen)
		goto changed;
	for (off = 0; off < (off_t)oldlen; off += got) {
		size_t want =
		    oldlen - (size_t)off < CHUNK ? oldlen - (size_t)off : CHUNK;

		got = pread(lk.fd, chunk, want, off);
		if (got == -1 && errno == EINTR) {
			got = 0;
			continue;
		}
		if (got <= 0) {
			*cause = xasprintf("cannot read '%s': %s", path,
			    got == 0 ? strerror(EIO) : strerror(errno));
			goto out;
		}
		if (memcmp(chunk, old + off, (size_t)got) != 0)
			goto changed;
	}
	if (content->len > 0)
		buf_add(&out, content->data, content->len);
	for (off = (off_t)oldlen; off < lk.st.st_size; off += got) {
		got = pread(lk.fd, chunk,
		    (size_t)(lk.st.st_size - off < CHUNK ? lk.st.st_size - off
							 : CHUNK),
		    off);
		if (got == -1 && errno == EINTR) {
			got = 0;
			continue;
		}
		if (got <= 0) {
			*cause = xasprintf("cannot read '%s': %s", path,
			    got == 0 ? strerror(EIO) : strerror(errno));
			goto out;
		}
		/* An append to a log without a final newline began with one. */
		if (off == (off_t)oldlen && out.len > 0 &&
		    out.data[out.len - 1] == '\n' && chunk[0] == '\n' &&
		    oldlen > 0 && old[oldlen - 1] != '\n')
			buf_add(&out, chunk + 1, (size_t)got - 1);
		else
			buf_add(&out, chunk, (size_t)got);
	}
	if (resolve(path, &real, cause) == -1)
		goto out;
	if (real != NULL)
		target = real;
	if ((c = rewrite_prefix(target, &lk, 0, &out, cause)) != 0) {
		ret = c;
		goto out;
	}
	ret = 0;
	goto out;
changed:
	*cause = xasprintf("'%s' was rewritten by another command (an edit or "
			   "an undo) while being edited",
	    path);
	ret = STORE_CHANGED;
out:
	free(chunk);
	free(real);
	buf_free(&out);
	close(lk.fd);
	return ret;
}
