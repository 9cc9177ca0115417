/*
 * logs: the several training logs a reading command may be given (--data
 * repeated, or a PREHAB_DATA list) read as one log, the way hledger reads
 * several journals. This module owns two rules and nothing else: the
 * order rows come in when there are several files, and that a log the
 * user named must exist. Reading one file stays store_read's job, and
 * what a row means is its consumer's.
 *
 * The list is the configuration's (cfg->logs, see config.h); with the
 * one default log, every function here is the single-file reader it is
 * built on, so a lone log reads exactly as it always did.
 *
 * Two ways to read. logs_read gives each file in turn to the callback:
 * for consumers whose answer does not depend on row order (stats, the
 * coaching rules, the plan's record of days), it costs what store_read
 * costs, constant memory, and with tail set reads only the end of each
 * file. logs_read_sorted holds the rows of every file and gives them in
 * date, then time, order (a row with no time before the timed rows of its
 * day; equal keys keep the order of the files as given, and within a file
 * its own order): the same rows in the same order as one file holding
 * them all sorted. It is for a consumer that prints rows as they come.
 *
 * Warnings name the file and line the malformed row is on, each file its
 * own (store_read gives its name).
 */
#ifndef PREHAB_LOGS_H
#define PREHAB_LOGS_H

#include "config.h"
#include "date.h"
#include "fail.h"
#include "progress.h"
#include "store.h"

/*
 * Whether the logs were named by the user (--data or PREHAB_DATA), so
 * that each must exist; the default log, or the one in the config file,
 * may be missing (a new user's empty log).
 */
int logs_named(const struct config *);

/*
 * Checks that every named log exists ("-" always does). Returns 0, or -1
 * with *cause malloc'd ("cannot open 'x.csv': No such file or
 * directory") and FAIL_NOINPUT in *fail when fail is not NULL.
 */
int logs_check(const struct config *, enum fail *fail, char **cause);

/*
 * store_read over every log in turn, after logs_check; o->path is not
 * used. Returns the malformed rows skipped in all of them, or -1 with
 * *cause malloc'd and the class in *o->fail.
 */
long
logs_read(const struct config *, const struct store_read_opts *o, char **cause);

/*
 * As logs_read, but the rows come in date and time order across the
 * files (see above). keep, when not NULL, is asked first about each row,
 * in the order read, with o->arg: only the rows it keeps (non-zero) are
 * held and given to o->row, so memory follows what is kept. With tail
 * set, rows dated before o->since are left out. One log is read straight
 * through, in its own order, holding nothing.
 */
long logs_read_sorted(const struct config *, const struct store_read_opts *o,
    store_row_fn keep, char **cause);

/*
 * progress_read over every log: the end of each file that the rules need
 * for day d, merged. Returns NULL with *cause malloc'd and the class in
 * *fail (when not NULL) if a log is missing or cannot be read.
 */
struct progress *logs_progress(const struct config *, date_t d,
    store_warn_fn warn, void *arg, long *bad, enum fail *fail, char **cause);

#endif
