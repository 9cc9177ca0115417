/*
 * store: the training log, a plain RFC 4180 CSV file with a header row and
 * one row per set. Every read and write of the log goes through here.
 *
 * Reading streams the file through libcsv in constant memory. Every
 * write holds an exclusive lock and goes through a temporary file that
 * is renamed over the log: whenever a writer stops, even killed, readers
 * find either the old log or the new one.
 */
#ifndef PREHAB_STORE_H
#define PREHAB_STORE_H

#include <stddef.h>

#include "date.h"
#include "fail.h"

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

/* Called for each good row; return non-zero to stop reading early. */
typedef int (*store_row_fn)(const struct store_row *, void *arg);
/*
 * Called for each malformed row, which is then skipped. reason names the
 * column and value: "column 'pain': must be 0-10, got '12'".
 */
typedef void (*store_warn_fn)(
    const char *file, long line, const char *reason, void *arg);

struct store_read_opts {
	const char *path; /* "-" reads standard input */
	int tail; /* read only the end of the file... */
	date_t since; /* ...enough to hold rows >= since */
	store_row_fn row;
	store_warn_fn warn; /* may be NULL */
	void *arg;
	enum fail *fail; /* if not NULL, the class of a failure (-1) */
};

/*
 * Streams the log to opts->row. A missing file is an empty log. A row
 * equal to the header (logs joined with cat(1)) is skipped as a header,
 * not reported. With tail set, rows dated before since may or may not be
 * delivered: the reader starts near the end of the file, relying on the
 * log being appended in mostly chronological order, and goes back until
 * it has all of them.
 * Returns the number of malformed rows skipped (>= 0), or -1 with *cause
 * malloc'd when the file cannot be read at all: FAIL_IO in *opts->fail
 * when it is out of reach (unreadable, a directory, a read error),
 * FAIL_DATA when it is read but has no usable header.
 */
long store_read(const struct store_read_opts *, char **cause);

/*
 * Whether the log at path has column c: 0 only when its header can be
 * read and lacks it. A missing or unreadable log gives 1 (a new log has
 * every column; the error is for the writer to report).
 */
int store_has_column(const char *path, enum store_col c);

/*
 * What store_append and store_undo return, instead of -1, when another
 * process kept the log locked for several seconds, or when a program
 * that ignores the lock replaced or changed the log while it was being
 * rewritten: nothing was written, and trying again is worth it.
 */
#define STORE_LOCKED (-2)

/*
 * Appends rows as one command: one batch id for all of them, written
 * under the log's lock with the old rows to a temporary file that is
 * synced and renamed over the log. Creates the file (0600) and its parent
 * directories (0700) with a header if needed. With skip_dups, a row equal
 * in every column but batch to a row already in the log is left out and
 * counted in *skipped; each row of the log stands for one such row only,
 * and the new rows are never compared with each other. Returns the number
 * of rows written, or -1 (or STORE_LOCKED) with *cause malloc'd; on error
 * the log is unchanged, and a log this call created is removed again.
 *
 * Every rewrite (append and undo) keeps the log's owner, group and mode,
 * or fails; refuses a log with more than one hard link, or one that is
 * a standard stream of the process; and checks, just before its rename,
 * that the path still names the file it read, unchanged.
 */
long store_append(const char *path, const struct store_row *rows, size_t n,
    int skip_dups, size_t *skipped, char **cause);

/*
 * store_append with the batch id given (NULL: a new one), for a command
 * that appends in several parts, like the guided session: one id for all
 * its parts, so that one undo takes the whole command back. A new id,
 * unique across processes and machines, comes from store_new_batch.
 */
#define STORE_BATCH_SIZE 64
long store_append_batch(const char *path, const struct store_row *rows,
    size_t n, const char *batch, int skip_dups, size_t *skipped, char **cause);
void store_new_batch(char *out, size_t size);

/*
 * Removes the rows of the most recent batch (the run of rows at the end of
 * the file sharing the last row's batch id) by an atomic rewrite, after
 * passing each of them to fn. Everything before them is kept byte for
 * byte. A whole command or nothing: when the row just before that run is
 * malformed and holds the same batch id anywhere in its text, nothing is
 * removed. With
 * dry_run, the same checks are made and the rows passed to fn, and the
 * log is left alone. Returns the number of rows removed (or that would
 * be), 0 if the log holds none, or -1 (or STORE_LOCKED) with *cause
 * malloc'd; on error the log is unchanged.
 */
long store_undo(
    const char *path, int dry_run, store_row_fn fn, void *arg, char **cause);

/*
 * Removes every row of the batch id, wherever in the log they are, by an
 * atomic rewrite, after passing each of them to fn. The other records are
 * kept byte for byte. A whole command or nothing: a malformed row that
 * holds the id anywhere in its text makes it refuse. With dry_run, the
 * same checks are made and the log is left alone. Returns the number of
 * rows removed (or that would be), 0 if none has the id, or -1 (or
 * STORE_LOCKED) with *cause malloc'd; on error the log is unchanged.
 */
long store_undo_batch(const char *path, const char *id, int dry_run,
    store_row_fn fn, void *arg, char **cause);

/*
 * What store_replace returns when the log no longer starts with the bytes
 * given: another command rewrote it meanwhile, and nothing was written.
 */
#define STORE_CHANGED (-3)

/*
 * Replaces the first oldlen bytes of the log by content, in one atomic
 * rewrite under the log's lock, as store_undo does (owner, group and mode
 * kept, the same checks before the rename). They must still be old: a log
 * that changed before oldlen gives STORE_CHANGED. Whatever was appended
 * after oldlen meanwhile is kept after content. Returns 0, or -1,
 * STORE_LOCKED or STORE_CHANGED with *cause malloc'd; on error the log is
 * unchanged.
 */
struct buf;
long store_replace(const char *path, const char *old, size_t oldlen,
    const struct buf *content, char **cause);

/*
 * From the next successful rewrite on, SIGINT, SIGTERM, SIGHUP and
 * SIGPIPE, held off from just before its rename, stay held until the
 * process exits, so that a command that changed the log can always say
 * so, in its output and its exit status.
 */
void store_hold_signals(void);

/*
 * Appends r as one CSV line (with "\n") in prehab's column order; fields
 * are quoted by out_csv_field, the one CSV quoter.
 */
struct buf;
void store_format_row(struct buf *, const struct store_row *r);
/* Appends the header line (with "\n"). */
void store_format_header(struct buf *);

#endif
