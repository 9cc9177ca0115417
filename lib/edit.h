/*
 * edit: the data side of `prehab log --edit`. It takes the rows of a date
 * range out of the log into the text an editor is given, checks the text
 * the editor leaves by the rules the log reader and --import apply, and
 * works out the log's new content: every byte outside the range as it
 * was, the edited rows in place of the range. Writing it is store's
 * business (store_replace); running the editor and asking the user is
 * cmd/log.c's. Nothing here prints.
 */
#ifndef PREHAB_EDIT_H
#define PREHAB_EDIT_H

#include <stddef.h>

#include "catalog.h"
#include "date.h"
#include "fail.h"
#include "store.h"
#include "util.h"

/* What was taken out of the log for one edit. */
struct edit_take {
	char *log; /* the log's bytes when the rows were taken */
	size_t size;
	struct store_row *rows; /* the rows of the range, strings owned */
	size_t *off, *len; /* where each row's record is in log */
	size_t n, cap;
	struct buf text; /* what the editor gets: header, then the rows */
	long bad; /* malformed rows, left in place and out of the edit */
};

/*
 * Reads the log at path and takes its rows dated since..until, both
 * included (LONG_MIN and LONG_MAX for no bound). Malformed rows go to
 * warn (named by path) and stay where they are. Returns 0, or -1 with
 * *cause malloc'd and *fail set: FAIL_NOINPUT for a missing log,
 * FAIL_DATA for a log whose header is not prehab's own, FAIL_IO when it
 * cannot be read.
 */
int edit_take(const char *path, date_t since, date_t until, store_warn_fn warn,
    void *arg, struct edit_take *, enum fail *fail, char **cause);
void edit_take_free(struct edit_take *);

/* The rules for the rows the editor leaves beyond those of the reader. */
struct edit_rules {
	const struct catalog *catalog; /* exercises a new row may name */
	date_t today; /* rows after it need force */
	int force;
	store_warn_fn warn; /* each bad row, as FILE:LINE: reason */
	void *arg;
};

/* The outcome of one edit. */
struct edit_result {
	int unchanged; /* no row differs from what was taken */
	size_t edited, removed, added;
	struct buf content; /* the log's new first take->size bytes */
	struct buf gone; /* the rows as they were, one CSV line each */
	struct buf came; /* the rows as they are now */
	char batch[STORE_BATCH_SIZE]; /* of the added rows, "" if none */
};

/*
 * Checks the edited text in file against take. Returns the number of bad
 * rows (each given to rules->warn, with file and line; 0 means the edit
 * can be written from *res), or -1 with *cause malloc'd when file cannot
 * be read. An edited row keeps its batch id; a row beyond those a batch
 * had, or with an id the range did not hold, is new and gets a fresh one.
 */
long edit_check(const struct edit_take *, const char *file,
    const struct edit_rules *, struct edit_result *res, char **cause);
void edit_result_free(struct edit_result *);

#endif
