/*
 * row: the log's row model. It owns the columns and their names, the
 * ranges a row must respect, the one validation every row goes through
 * (row_check: the reader's rows and the writer's alike), and the text of
 * a row as written to the log (store_format_row). It does no I/O: plan,
 * stats and progress depend on the row here, not on the file modules.
 *
 * The public names keep the store_ prefix of the log's public face
 * (store.h includes this header); the row_ names are for the store's own
 * modules (rd, tail, ap, undo).
 */
#ifndef PREHAB_ROW_H
#define PREHAB_ROW_H

#include <stddef.h>

#include "date.h"

/* The columns prehab writes, in the order of a new file's header. */
enum store_col {
	STORE_DATE,
	STORE_TIME,
	STORE_EXERCISE,
	STORE_SIDE,
	STORE_SET,
	STORE_REPS,
	STORE_HOLD,
	STORE_VARIANT,
	STORE_RPE,
	STORE_PAIN,
	STORE_NOTE,
	STORE_BATCH, /* one id per `prehab log` command, for --undo */
	STORE_NCOLS
};
/* "date", "time", "exercise", "side", "set", "reps", "hold_s", ... */
extern const char *const store_colnames[STORE_NCOLS];

enum store_side { SIDE_BOTH, SIDE_LEFT, SIDE_RIGHT };
/* "both", "left", "right" */
extern const char *const store_sidenames[3];

/* Ranges every row must respect; `prehab log` validates against these. */
#define STORE_SET_MAX 10 /* set number 1..10 */
#define STORE_REPS_MAX 100 /* reps 1..100 */
#define STORE_HOLD_MAX 600 /* hold_s 0..600 */
#define STORE_RPE_MIN 1 /* rpe 1..10 or empty */
#define STORE_RPE_MAX 10
#define STORE_PAIN_MAX 10 /* pain 0..10 or empty */
#define STORE_FIELD_MAX 4096 /* bytes in one field */
#define STORE_COLS_MAX 64 /* columns in one row */

/*
 * One row. Strings are borrowed: from the reader they live until the row
 * callback returns; passed to store_append they belong to the caller.
 */
struct store_row {
	date_t date;
	int time; /* minutes since midnight, -1 if empty */
	const char *exercise; /* slug */
	enum store_side side;
	int set; /* 1-based set number */
	int reps;
	int hold_s; /* 0 if empty */
	const char *variant; /* "" if empty */
	int rpe; /* -1 if empty */
	int pain; /* -1 if empty */
	const char *note; /* "" if empty */
	const char *batch; /* "" if empty; set by store_append */
	long line; /* reader: line the row starts on */
};

/*
 * A morning check-in is a row of its own: exercise "morning", the pain of
 * the knee that morning, and no set or reps (both written empty).
 */
#define STORE_CHECKIN "morning"
int store_is_checkin(const struct store_row *);

/*
 * Appends r as one CSV line (with "\n") in prehab's column order; fields
 * are quoted by out_csv_field, the one CSV quoter.
 */
struct buf;
void store_format_row(struct buf *, const struct store_row *r);
/* Appends the header line (with "\n"). */
void store_format_header(struct buf *);

/* For the store's modules. */

#define ROW_SHOW_MAX 40 /* bytes of a bad value in a reason */
#define ROW_REASON_MAX 256 /* bytes of a reason */

/*
 * The reader's memory of the previous row's date: logs hold runs of rows
 * of one date, and parsing a date is the dearest check of a row.
 */
struct row_memo {
	char text[10];
	date_t date;
	int valid;
};

/*
 * Validates one row's column values (NUL-terminated, with their lengths;
 * a value longer than STORE_FIELD_MAX may be given as "" with its real
 * length) into *row. memo may be NULL; plain says every value is known
 * to be bytes 1-127. Returns 0, or -1 with reason filled in.
 */
int row_check(const char *const val[STORE_NCOLS], const size_t len[STORE_NCOLS],
    struct store_row *row, struct row_memo *memo, int plain, char *reason,
    size_t rsz);
/* Checks a caller's row as the reader will see it once written. */
int row_check_new(const struct store_row *r, char *reason, size_t rsz);

/*
 * The text of column c of r, as written to the log: into tmp (at least
 * 16 bytes) for numbers, else r's own string.
 */
const char *row_value(const struct store_row *r, int c, char *tmp);

/*
 * Copies len bytes of s into dst for a message: at most ROW_SHOW_MAX
 * bytes, cut on a character boundary, control characters shown as '?'.
 * dst should hold ROW_SHOW_MAX + 8 bytes. Returns dst.
 */
const char *row_show(char *dst, size_t dstsz, const char *s, size_t len);

/* Whether the len bytes of s have the shape YYYY-MM-DD. */
int row_iso_shape(const char *s, size_t len);

/* Whether the n bytes of s are all 1-127 (no NUL, plain ASCII). */
int row_plain_ascii(const char *s, size_t n);

#endif
