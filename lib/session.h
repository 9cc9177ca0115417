/*
 * session: the guided session of `prehab go` as data, so that it can be
 * tested without a terminal. One exercise at a dose becomes a list of
 * timed steps (a lead-in, the phases of every rep of every set and side,
 * "switch sides", rests between sets), with a cursor that the keys move
 * (done now, back one set) and the record of which sets are done, which
 * is what the log gets. The deadline clock lives here too: every step
 * ends at an absolute time on CLOCK_MONOTONIC, so waiting never drifts.
 * It never prints and never touches the terminal; cmd/go.c does.
 */
#ifndef PREHAB_SESSION_H
#define PREHAB_SESSION_H

#include <stddef.h>

#include "store.h"
#include "tempo.h"

enum sess_kind {
	SESS_LEADIN, /* "get ready", before the first set */
	SESS_PHASE, /* one phase of one rep */
	SESS_SWITCH, /* between the two sides of a set */
	SESS_REST /* between sets */
};

/* A set on one side: what becomes one row of the log. */
struct sess_unit {
	int set; /* 1-based */
	enum store_side side;
	int done;
};

struct sess_step {
	enum sess_kind kind;
	int unit; /* the unit it belongs to, or leads into */
	int rep; /* 1-based; phases only */
	int phase; /* index into the tempo; phases only */
	int ms; /* planned length, before any scaling */
};

/* The pace of a session, from [go] and the command line. */
struct sess_pace {
	int lead_in_s; /* counted before the first set, 0 for none */
	int rest_s; /* between sets */
	int switch_s; /* between the sides of a set */
};

struct sess_ex {
	int sets;
	int reps;
	int per_side;
	struct tempo tempo;
	struct sess_pace pace;
	struct sess_unit unit[2 * STORE_SET_MAX];
	int nunits;
	struct sess_step *step; /* built by sess_build */
	size_t nsteps;
	size_t cur; /* the running step; nsteps at the end */
};

/*
 * Sets x up for sets of reps (per side when per_side), every set still to
 * do. sets is clamped to 1..STORE_SET_MAX.
 */
void sess_init(struct sess_ex *x, int sets, int reps, int per_side,
    const struct tempo *, const struct sess_pace *);
void sess_free(struct sess_ex *x);
/* Marks a set as done already (a resumed session); 0, or -1 if unknown. */
int sess_mark(struct sess_ex *x, int set, enum store_side side);
/* Units done, and units still to do. */
int sess_ndone(const struct sess_ex *x);
int sess_nleft(const struct sess_ex *x);

/*
 * Builds the steps over the units still to do, cursor on the first:
 * the lead-in, then for each unit its reps' phases, with "switch sides"
 * between the sides of one set and a rest before each new set.
 */
void sess_build(struct sess_ex *x);
/* The running step, or NULL when the exercise is over. */
const struct sess_step *sess_cur(const struct sess_ex *x);
/* The running step has run its time: on to the next one. */
void sess_next(struct sess_ex *x);
/*
 * Enter: during a set, the set is done now; during a lead-in, switch or
 * rest, its wait ends now.
 */
void sess_done_now(struct sess_ex *x);
/*
 * b: back to the start of the set before the running one, which is no
 * longer done (or to the start of the running set, when it is the first).
 */
void sess_back(struct sess_ex *x);
/* Planned milliseconds from the running step to the end. */
long sess_ms_left(const struct sess_ex *x);

/* The deadline clock. Times are nanoseconds. */
typedef long long sess_ns;
#define SESS_NS_PER_MS 1000000LL

/* CLOCK_MONOTONIC: does not jump with the wall clock. */
sess_ns sess_mono(void);
/* CLOCK_BOOTTIME where there is one: also counts a system suspend. */
sess_ns sess_boot(void);
/* ms of session time as nanoseconds of real time, times scale. */
sess_ns sess_scaled(long ms, double scale);
/*
 * Parses a clock scale, a decimal number from 0.001 to 100 ("0.01" runs
 * a session a hundred times faster). Returns 0 or -1.
 */
int sess_parse_scale(const char *s, double *out);
/* Sleeps until the monotonic clock reads deadline, through signals. */
void sess_sleep_until(sess_ns deadline);
/*
 * Whether the time between two readings of both clocks (mono0/boot0,
 * then mono1/boot1) holds a gap longer than limit: the system slept
 * (boot time ran ahead of monotonic time) or the process did not run at
 * all (stopped, or starved). A session pauses rather than race ahead.
 */
int sess_gap(
    sess_ns mono0, sess_ns boot0, sess_ns mono1, sess_ns boot1, sess_ns limit);

#endif
