/*
 * tail: reading only the end of a long log, for store_read's tail mode.
 * It owns the guess of where to start (a window doubled until its first
 * rows predate the date asked for), the resync onto a record boundary
 * and the proof that it is one; rd.c owns the passes themselves.
 */
#ifndef PREHAB_TAIL_H
#define PREHAB_TAIL_H

#include <sys/types.h>

struct rd;
struct store_read_opts;

/* A log no longer than this is read whole, tail mode or not. */
#define TAIL_WINDOW (16 * 1024) /* first guess at the tail to read */

/*
 * Streams the rows of the file behind r (size bytes) that are dated
 * o->since or later, and maybe some before, to o's callbacks. Returns the
 * number of malformed rows skipped, or -1 with r->cause set.
 */
long tail_read(struct rd *r, const struct store_read_opts *o, off_t size);

#endif
