/*
 * rd: see rd.h.
 *
 * Reading feeds libcsv one record at a time. A scanner of our own walks
 * the bytes just ahead of it, tracking quotes, so that we know the byte
 * offset and line each record starts on (libcsv tells neither). In strict
 * mode a quote can only open a field, close it or be doubled inside it, so
 * toggling on every '"' gives exactly libcsv's record boundaries; input
 * where the two could disagree is a libcsv parse error first.
 */
#define _DEFAULT_SOURCE /* pread(2), O_CLOEXEC, gmtime_r */

#include <sys/stat.h>
#include <sys/types.h>

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rd.h"
#include "row.h"
#include "store.h"
#include "tail.h"
#include "util.h"

#define STR(x) #x
#define XSTR(x) STR(x)

/* libcsv holds one field at a time; a little slack over the field limit
 * lets an overlong field be reported as a bad row rather than stop us. */
#define CSV_BUF_CAP (STORE_FIELD_MAX + 1024)
/* Plain lines up to this long skip libcsv; longer ones may hold a field
 * past its buffer cap, which only libcsv reports the way readers expect. */
#define FAST_MAX STORE_FIELD_MAX

/*
 * Refuses to grow libcsv's field buffer past CSV_BUF_CAP. libcsv retries
 * with ever smaller increments, so the buffer ends up exactly at the cap
 * and then csv_parse stops with CSV_ENOMEM: a 1 MB field costs 5 KB.
 */
static void *
rd_capped_realloc(void *p, size_t n)
{
	if (n > CSV_BUF_CAP)
		return NULL;
	return realloc(p, n);
}

/* libcsv trims spaces by default; a note's spaces are the user's. */
static int
rd_no_space(unsigned char c)
{
	(void)c;
	return 0;
}

void
rd_init(struct rd *r, const char *name, int fd, int seekable)
{
	int c;

	memset(r, 0, sizeof(*r));
	r->name = name;
	r->fd = fd;
	r->seekable = seekable;
	r->chunk = xmalloc(RD_CHUNK);
	r->fields = xmalloc((size_t)STORE_NCOLS * RD_FIELD_SLOT);
	r->line = 1;
	r->lines_known = 1;
	for (c = 0; c < STORE_NCOLS; c++)
		r->colidx[c] = -1;
}

void
rd_free(struct rd *r)
{
	int i;

	for (i = 0; i < STORE_COLS_MAX; i++)
		free(r->hname[i]);
	free(r->chunk);
	free(r->fields);
	free(r->cause);
}

ssize_t
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

long
rd_line(struct rd *r, long line)
{
	unsigned char *p;
	off_t off;
	ssize_t n, i;
	long lf = 0;

	if (r->lines_known)
		return line;
	if (r->origin_line == 0) {
		p = xmalloc(RD_CHUNK);
		for (off = 0; off < r->origin; off += n) {
			n = rd_fill(r, p,
			    (size_t)(r->origin - off < RD_CHUNK
				    ? r->origin - off
				    : RD_CHUNK),
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
rd_col_lookup(const char *s, size_t len)
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
rd_cb_field(void *s, size_t len, void *arg)
{
	struct rd *r = arg;
	long i = r->nfields++;
	int c;

	if (!r->have_header) {
		if (i >= STORE_COLS_MAX)
			return;
		free(r->hname[i]);
		r->hname[i] = xstrndup(s, len);
		r->map[i] = (signed char)rd_col_lookup(r->hname[i], len);
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
rd_header_done(struct rd *r)
{
	static const int need[] = { STORE_DATE, STORE_EXERCISE, STORE_REPS };
	char sh[ROW_SHOW_MAX + 8];
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
				    row_show(sh, sizeof(sh), r->hname[i],
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
rd_header_again(const struct rd *r)
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
rd_cb_row(int term, void *arg)
{
	struct rd *r = arg;
	struct store_row row;
	const char *val[STORE_NCOLS];
	size_t len[STORE_NCOLS];
	int c;

	(void)term;
	if (!r->have_header) {
		rd_header_done(r);
		return;
	}
	if (r->nfields > r->ncols) {
		snprintf(r->reason, sizeof(r->reason),
		    "row has %ld fields, header has %ld", r->nfields, r->ncols);
		rd_bad(r, r->rec_line, r->reason);
		return;
	}
	if (rd_header_again(r))
		return;
	for (c = 0; c < STORE_NCOLS; c++) {
		if (r->have[c] && r->flen[c] <= STORE_FIELD_MAX)
			val[c] = r->fields + r->foff[c];
		else
			val[c] = "";
		len[c] = r->have[c] ? r->flen[c] : 0;
	}
	memset(&row, 0, sizeof(row));
	if (row_check(val, len, &row, &r->memo, r->rec_plain, r->reason,
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
rd_plain_line(const unsigned char *p, size_t i, size_t n)
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
rd_plain_record(struct rd *r, unsigned char *p, size_t n)
{
	unsigned char *end = p + n, *comma;

	for (;;) {
		comma = memchr(p, ',', (size_t)(end - p));
		if (comma == NULL) {
			rd_cb_field(p, (size_t)(end - p), r);
			break;
		}
		rd_cb_field(p, (size_t)(comma - p), r);
		p = comma + 1;
	}
	rd_cb_row('\n', r);
}

/* A record starts at p[i], file offset base + i. */
static void
rd_rec_start(struct rd *r, off_t off)
{
	r->inrec = 1;
	r->inq = 0;
	r->rec_off = off;
	r->rec_line = r->line;
	r->nfields = 0;
	r->used = 0;
	r->rec_plain = 1;
	memset(r->have, 0, sizeof(r->have));
}

/*
 * The careful scan, for bytes from i that may hold quotes or CRs:
 * returns the offset just past the record's end (*end set) or n.
 */
static size_t
rd_scan_quoted(
    struct rd *r, const unsigned char *p, size_t i, size_t n, int *end)
{
	size_t j;

	r->rec_plain = 0;
	for (j = i; j < n; j++) {
		if (p[j] == '"')
			r->inq = !r->inq;
		else if (p[j] == '\n') {
			r->line++;
			if (!r->inq) {
				*end = 1;
				return j + 1;
			}
		} else if (p[j] == '\r' && !r->inq) {
			*end = 1;
			return j + 1;
		}
	}
	return j;
}

/* libcsv stopped got bytes into p[i..j): the rest of the file is lost. */
static void
rd_choked(struct rd *r, const unsigned char *p, size_t i, size_t j, size_t got)
{
	long line = r->line;
	size_t k;

	/* Report the line of the byte libcsv choked on. */
	for (k = i + got; k < j; k++)
		if (p[k] == '\n')
			line--;
	rd_broken(r, line,
	    csv_error(&r->csv) == CSV_EPARSE
		? "stray '\"' (bad CSV quoting); rest of file not read"
		: "field longer than " XSTR(
		      STORE_FIELD_MAX) " bytes; rest of file not read");
}

/*
 * Feeds n bytes at file offset base to libcsv, a record at a time so
 * that each record's start is known when libcsv calls back.
 */
static void
rd_feed(struct rd *r, unsigned char *p, size_t n, off_t base)
{
	size_t i = 0, j, got;
	int end, fast;

	while (i < n && !r->stop) {
		if (!r->inrec) {
			/* Blank lines, and the LF of a CRLF. */
			if (p[i] == '\n' || p[i] == '\r') {
				r->line += p[i] == '\n';
				i++;
				continue;
			}
			rd_rec_start(r, base + (off_t)i);
		}
		end = fast = 0;
		j = r->inq ? i : rd_plain_line(p, i, n);
		if (j > i) {
			/* A plain line, maybe with its LF at j - 1. One test
			 * of its bytes spares one for each of its fields. */
			if (r->rec_plain &&
			    !row_plain_ascii((const char *)p + i, j - i))
				r->rec_plain = 0;
			if (p[j - 1] == '\n') {
				r->line++;
				end = 1;
				fast = r->rec_off == base + (off_t)i &&
				    j - i <= FAST_MAX;
			}
		} else
			j = rd_scan_quoted(r, p, i, n, &end);
		if (fast) {
			rd_plain_record(r, p + i, j - i - 1);
			got = j - i;
		} else
			got = csv_parse(
			    &r->csv, p + i, j - i, rd_cb_field, rd_cb_row, r);
		if (got < j - i) {
			rd_choked(r, p, i, j, got);
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

int
rd_run(struct rd *r, off_t start, int file_start)
{
	ssize_t n;
	size_t skip;
	int first = 1;

	csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&r->csv, rd_no_space);
	csv_set_realloc_func(&r->csv, rd_capped_realloc);
	r->off = start;
	r->inrec = r->inq = 0;
	r->stop = r->broken = 0;
	r->bad = 0;
	while (!r->stop) {
		n = rd_fill(r, r->chunk, RD_CHUNK, r->off);
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
		if (csv_fini(&r->csv, rd_cb_field, rd_cb_row, r) != 0)
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

int
rd_user_row(struct rd *r, const struct store_row *row)
{
	const struct store_read_opts *o = r->opts;

	return o->row != NULL ? o->row(row, o->arg) : 0;
}

void
rd_user_bad(struct rd *r, long line, const char *reason)
{
	const struct store_read_opts *o = r->opts;

	if (o->warn != NULL)
		o->warn(r->name, rd_line(r, line), reason, o->arg);
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
	r.on_row = rd_user_row;
	r.on_bad = rd_user_bad;
	r.opts = o;
	if (o->tail && !isstdin && S_ISREG(st.st_mode) &&
	    st.st_size > TAIL_WINDOW)
		ret = tail_read(&r, o, st.st_size);
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
