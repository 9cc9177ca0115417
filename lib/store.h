/*
 * store: the training log, a plain RFC 4180 CSV file with a header row and
 * one row per set. Every read and write of the log goes through here.
 *
 * Reading streams the file through libcsv in constant memory. Every
 * write holds an exclusive lock and goes through a temporary file that
 * is renamed over the log: whenever a writer stops, even killed, readers
 * find either the old log or the new one.
 *
 * This header is the public face of five modules, each with a header of
 * its own for the others: row (row.h: the row model and its validation,
 * included here), rd (the streaming reader: store_read,
 * store_has_column), tail (its seek to the end of a long log), ap
 * (store_append*, batch ids) and undo (store_undo*, store_rewrite), the
 * last two on the file primitives of lf (lock, rewrite, signals).
 */
#ifndef PREHAB_STORE_H
#define PREHAB_STORE_H

#include <stddef.h>

#include "date.h"
#include "fail.h"
#include "row.h"

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
 * The writers below report a failure as -1 with *cause malloc'd and, if
 * fail is not NULL, its class in *fail:
 *   FAIL_LOCKED   another process kept the log locked for several
 *                 seconds, or a program that ignores the lock replaced
 *                 or changed the log while it was being rewritten:
 *                 nothing was written, and trying again is worth it;
 *   FAIL_DATA     the log (or a row given) is not one prehab can write
 *                 to: no usable header, a parse error, a malformed row
 *                 where undo would split a command, a missing column;
 *   FAIL_CONFIG   the home directory the log would go in does not exist;
 *   FAIL_NOINPUT  the log to rewrite does not exist, or is a symbolic
 *                 link to nothing;
 *   FAIL_IO       anything else: the log could not be opened, read,
 *                 locked or replaced (a directory, no permission, a full
 *                 disk, more than one hard link).
 * Out of memory exits (see util.h), so FAIL_NOMEM is never reported.
 */

/*
 * Appends rows as one command: one batch id for all of them, written
 * under the log's lock with the old rows to a temporary file that is
 * synced and renamed over the log. Creates the file (0600) and its parent
 * directories (0700) with a header if needed. With skip_dups, a row equal
 * in every column but batch to a row already in the log is left out and
 * counted in *skipped; each row of the log stands for one such row only,
 * and the new rows are never compared with each other. Returns the number
 * of rows written, or -1 with *cause and *fail; on error the log is
 * unchanged, and a log this call created is removed again.
 *
 * Every rewrite (append and undo) keeps the log's owner, group and mode,
 * or fails; refuses a log with more than one hard link, or one that is
 * a standard stream of the process; and checks, just before its rename,
 * that the path still names the file it read, unchanged.
 */
long store_append(const char *path, const struct store_row *rows, size_t n,
    int skip_dups, size_t *skipped, enum fail *fail, char **cause);

/*
 * store_append with the batch id given (NULL: a new one), for a command
 * that appends in several parts, like the guided session: one id for all
 * its parts, so that one undo takes the whole command back. A new id,
 * unique across processes and machines, comes from store_new_batch.
 */
#define STORE_BATCH_SIZE 64
long store_append_batch(const char *path, const struct store_row *rows,
    size_t n, const char *batch, int skip_dups, size_t *skipped,
    enum fail *fail, char **cause);
void store_new_batch(char *out, size_t size);

/*
 * Removes the rows of the most recent batch (the run of rows at the end of
 * the file sharing the last row's batch id) by an atomic rewrite, after
 * passing each of them to fn. Everything before them is kept byte for
 * byte. A whole command or nothing: when the row just before that run is
 * malformed and holds the same batch id anywhere in its text, nothing is
 * removed. With dry_run, the same code runs, under the same lock, up to
 * the rename of the rewritten log, which is then removed instead: both
 * agree on every log, failure and class included. Returns the number of
 * rows removed (or that would be), 0 if the log holds none, or -1 with
 * *cause and *fail; on error the log is unchanged.
 */
long store_undo(const char *path, int dry_run, store_row_fn fn, void *arg,
    enum fail *fail, char **cause);

/*
 * Removes every row of the batch id, wherever in the log they are, by an
 * atomic rewrite, after passing each of them to fn. The other records are
 * kept byte for byte. A whole command or nothing: a malformed row that
 * holds the id anywhere in its text makes it refuse. With dry_run, as
 * for store_undo, everything but the rename is done. Returns the number
 * of rows removed (or that would be), 0 if none has the id, or -1 with
 * *cause and *fail; on error the log is unchanged.
 */
long store_undo_batch(const char *path, const char *id, int dry_run,
    store_row_fn fn, void *arg, enum fail *fail, char **cause);

/*
 * Replaces the whole log at path by the len bytes of text, under the
 * log's lock and by the same atomic rewrite as undo (owner, group and
 * mode kept, the still-ours check before the rename), for a command that
 * edits the log as text and has checked what it writes. A missing log is
 * an error (FAIL_NOINPUT): this never creates one. Returns 0, or -1 with
 * *cause and *fail; on error the log is unchanged.
 */
int store_rewrite(const char *path, const char *text, size_t len,
    enum fail *fail, char **cause);

/*
 * Replaces the first oldlen bytes of the log by content, in one atomic
 * rewrite under the log's lock, as store_undo does (owner, group and mode
 * kept, the same checks before the rename), for `log --edit`. They must
 * still be old: a log another command rewrote before oldlen meanwhile is
 * refused with FAIL_LOCKED (worth retrying once the edit is redone).
 * Whatever was appended after oldlen meanwhile is kept after content.
 * Returns 0, or -1 with *cause and *fail; on error the log is unchanged.
 */
struct buf;
int store_replace(const char *path, const char *old, size_t oldlen,
    const struct buf *content, enum fail *fail, char **cause);

/*
 * From the next successful rewrite on, SIGINT, SIGTERM, SIGHUP and
 * SIGPIPE, held off from just before its rename, stay held until the
 * process exits, so that a command that changed the log can always say
 * so, in its output and its exit status.
 */
void store_hold_signals(void);

#endif
