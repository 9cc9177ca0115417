/*
 * progress: the progression rule, in one place. Each exercise climbs a
 * ladder of levels: reps first (10, 12, 15), then the third set, then the
 * next variant of its ladder with the reps reset:
 *
 *	variant 0: 2x10, 2x12, 2x15, 3x15
 *	variant k: 3x10, 3x12, 3x15	(k > 0)
 *
 * (an exercise whose starting dose differs from 2x10 starts its ladder
 * there). A session is one exercise on one date in the log. When the last
 * step_up_sessions sessions all reached the current level with pain <=
 * step_up_max_pain and RPE <= step_up_max_rpe, the next prescription is
 * one level up; a session with pain >= step_back_pain steps back one
 * level. Sessions older than PROGRESS_WINDOW_DAYS before the day asked
 * about do not count: after a long break the ladder starts again at the
 * bottom, which is the safe place to restart.
 */
#ifndef PREHAB_PROGRESS_H
#define PREHAB_PROGRESS_H

#include "catalog.h"
#include "config.h"
#include "date.h"
#include "store.h"

#define PROGRESS_WINDOW_DAYS 42

/* A rung of the ladder. */
struct level {
	int sets;
	int reps;
	int variant; /* index into exercise->variants; 0 if none */
};

enum progress_step {
	STEP_NONE, /* same level as last time */
	STEP_UP, /* the last sessions earned a step up */
	STEP_BACK /* the last session hurt: one level down */
};

/* What to do next time, and why. */
struct prescription {
	int level; /* index on the ladder */
	struct level dose;
	enum progress_step step; /* what the latest session caused */
	int to_next; /* good sessions still needed to step
					   up; 0 at the top of the ladder */
	int sessions; /* sessions seen inside the window */
	int from; /* the level before the latest session,
					   to say "2x12 -> 2x15" */
	int pain; /* the latest session's highest pain,
					   -1 if none was logged */
};

/* Number of levels of e's ladder, and the dose at one of them. */
int progress_nlevels(const struct exercise *);
void progress_level(const struct exercise *, int level, struct level *);

/* Opaque: recent sessions per exercise; memory bounded, not per row. */
struct progress;

struct progress *progress_new(const struct config *);
void progress_free(struct progress *);
/* Feeds one log row, in any order. Unknown exercises are ignored. */
void progress_add(struct progress *, const struct store_row *);
/* The prescription for e on day d, from sessions dated before d. */
void progress_get(const struct progress *, const struct exercise *, date_t d,
    struct prescription *);
/* The first date progress_get(…, d) looks at: read the log from here. */
date_t progress_since(date_t d);

/*
 * A new progress fed with the part of the log at path that progress_get
 * needs for day d (the tail of the file, never the whole history; a NULL
 * path is an empty log). Malformed rows go to warn and are counted in
 * *bad. Returns NULL with *cause malloc'd if the log cannot be read.
 */
struct progress *progress_read(const struct config *, const char *path,
    date_t d, store_warn_fn warn, void *arg, long *bad, char **cause);

#endif
