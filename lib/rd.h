/*
 * rd: the streaming reader of the log, for the store's modules. It owns
 * one pass over a file descriptor (struct rd): reading in chunks, the
 * scanner that finds where each record starts, libcsv, the header and
 * its column map, and handing each row to row_check and then to a
 * callback. store_read and store_has_column (store.h) are its public
 * face; tail (tail.c) starts a pass near the end of a long log, and the
 * writers (ap.c, undo.c) run passes of their own under the lock.
 *
 * A libcsv parse error (bad quoting, or a field over our memory cap)
 * leaves the parser somewhere we cannot trust, so the reader reports it
 * as one malformed row and stops there (broken): guessing where the next
 * record starts could turn the text of a note into bogus sets.
 */
#ifndef PREHAB_RD_H
#define PREHAB_RD_H

#include <sys/types.h>

#include <csv.h>

#include "row.h"

struct store_read_opts;

#define RD_CHUNK (64 * 1024) /* bytes per read(2) */
#define RD_FIELD_SLOT (STORE_FIELD_MAX + 1) /* a field and its NUL */

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
	char *fields; /* room for STORE_NCOLS of RD_FIELD_SLOT */
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
	const struct store_read_opts *opts; /* for rd_user_row, rd_user_bad */

	struct row_memo memo; /* the last good row's date */

	long bad; /* malformed rows this pass */
	int stop;
	int broken; /* a parse error ended the pass */
	long broken_line;
	char *cause; /* the pass failed outright */
	int cause_io; /* ...because reading failed, not the header */
	char reason[ROW_REASON_MAX];
};

/* Sets r up to read fd (named name in messages); seekable: pread(2). */
void rd_init(struct rd *r, const char *name, int fd, int seekable);
void rd_free(struct rd *r);

/*
 * Reads from start to the end of the file. At the file's start a UTF-8
 * byte order mark is skipped. r->line must be set by the caller. Returns
 * 0, or -1 with r->cause set.
 */
int rd_run(struct rd *r, off_t start, int file_start);

/* Reads size bytes at off into p, fewer only at end of file; -1 on error. */
ssize_t rd_fill(struct rd *r, unsigned char *p, size_t size, off_t off);

/*
 * The absolute line of a line counted in this pass. In tail mode that
 * needs the lines before origin, counted once, only when asked for.
 */
long rd_line(struct rd *r, long line);

/*
 * The callbacks of store_read: they hand rows and warnings on to the
 * row and warn of r->opts.
 */
int rd_user_row(struct rd *r, const struct store_row *row);
void rd_user_bad(struct rd *r, long line, const char *reason);

#endif
