/*
 * progress: the coaching rules, in one place: what dose each exercise
 * gets next, why, and when the log calls for a physiotherapist.
 *
 * The ladder. Each exercise climbs rungs of reps at its starting sets
 * (10, 12, 15 from the routine's 2x10), then the next variant of its
 * ladder with the reps reset:
 *
 *	variant 0: 2x10, 2x12, 2x15
 *	variant k: 2x10, 2x12, 2x15	(k > 0)
 *
 * Harder variants, not more volume, keep every level of the four
 * exercises together inside 20 minutes (see plan_exercise_seconds).
 *
 * A level is a fact. The prescription follows from what the last session
 * of the exercise reached and how it went, never from a replay that
 * starts at the bottom, so a log read from six weeks back gives the same
 * answer as the same log read from ten years back. A session is one
 * exercise on one date; what it reached is the highest rung whose sets
 * and reps it holds (both sides of a per-side exercise, a harder variant
 * counting for an easier one; a row with no variant counts as the first
 * variant). Its light:
 *
 *	green	pain during <= step_up_max_pain and the next morning's
 *		check-in no worse
 *	amber	pain between the two cut-offs, or a check-in that is
 *		checkin_worse points above the session's pain
 *	red	pain >= step_back_pain during or the next morning, or a
 *		check-in twice checkin_worse above the session's pain
 *	none	no pain recorded, during or the next morning
 *
 * Then, from the rung r the last session reached:
 *	green, with RPE in [step_up_min_rpe, step_up_max_rpe] or none, and
 *	  step_up_sessions such sessions in a row at r or above: r + 1
 *	  (at the top: r, kept as maintenance); fewer: r
 *	green outside the RPE band, or none: r (held)
 *	amber: r; three amber sessions in a row at r: r - 1
 *	red: r - 1, and two days off the exercise
 *	a session that reached no rung: the rung of the one before
 * Time away costs one rung per PROGRESS_BREAK_DAYS days since the last
 * session (none the first two weeks); past PROGRESS_WINDOW_DAYS with no
 * session the ladder starts again at its first rung. "In a row" means
 * sessions no more than PROGRESS_BREAK_DAYS apart. Only the sessions of
 * the PROGRESS_ALERT_DAYS before the day asked about are looked at, the
 * last of them within PROGRESS_WINDOW_DAYS.
 *
 * Escalation. Beyond a step back, four signs call for a professional:
 * pain >= refer_pain in a session or check-in; two red sessions of one
 * exercise within two weeks; morning pain rising over two weeks; usual
 * pain not down by two points after six weeks. Each is an alert until a
 * green check-in after it; while it stands, the exercises it concerns
 * pause (those that load the knee) or fall back to their first rung
 * (hip exercises).
 */
#ifndef PREHAB_PROGRESS_H
#define PREHAB_PROGRESS_H

#include "catalog.h"
#include "config.h"
#include "date.h"
#include "store.h"

/* Days of log the rules look at, before the day asked about. */
#define PROGRESS_WINDOW_DAYS 42
/* One rung lost per this many days away; also the most days "in a row". */
#define PROGRESS_BREAK_DAYS 14
/* Amber sessions in a row at one rung that step it back. */
#define PROGRESS_AMBER_RUN 3
/* Days a red session keeps its exercise off: none on the next two. */
#define PROGRESS_RED_REST 2
/* Days of log the alerts look at: six weeks and the two before them. */
#define PROGRESS_ALERT_DAYS 56

/* A rung of the ladder. */
struct level {
	int sets;
	int reps;
	int variant; /* index into exercise->variants; 0 if none */
};

enum progress_light { LIGHT_NONE, LIGHT_GREEN, LIGHT_AMBER, LIGHT_RED };
/* "", "green", "amber", "red" */
extern const char *const progress_lights[4];

/* Why the prescription is what it is; every change of dose has one. */
enum progress_cause {
	CAUSE_START, /* nothing logged in the window: the first rung */
	CAUSE_HOLD, /* green, but not yet enough sessions to step up */
	CAUSE_UP, /* green sessions in a row: one rung up */
	CAUSE_TOP, /* green at the top rung: kept there */
	CAUSE_NOPAIN, /* held: no pain recorded last time */
	CAUSE_EFFORT, /* held: RPE outside the band */
	CAUSE_AMBER, /* held: amber last time */
	CAUSE_AMBER_RUN, /* one rung down: amber three times at this rung */
	CAUSE_RED, /* one rung down: red last time */
	CAUSE_SHORT, /* last time reached no rung: the one before stands */
	CAUSE_RESTART, /* over six weeks away: the first rung again */
	CAUSE_ALERT /* an alert stands: first rung, or paused */
};

/* "start", "hold", "up", "top", "no-pain", "effort", "amber", ... */
extern const char *const progress_causes[CAUSE_ALERT + 1];

enum progress_pause { PAUSE_NONE, PAUSE_STOP, PAUSE_EASIEST };

/* What to do next time, and why. */
struct prescription {
	int level; /* index on the ladder */
	struct level dose;
	enum progress_cause cause;
	int sessions; /* sessions seen inside the window */
	date_t last; /* the latest session's date, if sessions > 0 */
	int done; /* the rung it reached, -1 if none */
	int planned; /* the level prescribed for it, -1 if none */
	int after; /* the level it earned, before time away */
	int away; /* days from it to the day asked about */
	int lost; /* rungs lost to the time away */
	/*
	 * green sessions still needed to step up; 0 at the top or when not
	 * green
	 */
	int to_next;
	int pain; /* its highest pain, -1 if none logged */
	int morning; /* the next morning's check-in, -1 if none */
	enum progress_light light;
	int resting; /* red: none of it before rest_until */
	date_t rest_until;
	enum progress_pause pause; /* set by an alert */
};

/* Number of levels of e's ladder, and the dose at one of them. */
int progress_nlevels(const struct exercise *);
void progress_level(const struct exercise *, int level, struct level *);

/*
 * The easier dose of a race week: one set fewer while that keeps two, else
 * the same sets and reps one variant easier, else the first rung.
 */
void progress_taper(
    const struct exercise *, const struct level *in, struct level *out);

/* Opaque: recent sessions and check-ins; memory bounded, not per row. */
struct progress;

struct progress *progress_new(const struct config *);
void progress_free(struct progress *);
/* Feeds one log row (a set or a check-in), in any order. */
void progress_add(struct progress *, const struct store_row *);
/* The prescription for e on day d, from what is dated before d. */
void progress_get(const struct progress *, const struct exercise *, date_t d,
    struct prescription *);
/* The first date progress_get(…, d) or the alerts look at. */
date_t progress_since(date_t d);

/*
 * For a chart of the whole history: a progress that keeps every session
 * it is fed, one small record per exercise and date (no more than
 * PROGRESS_KEEP check-ins, though), so feed it only the span drawn.
 */
struct progress *progress_new_all(const struct config *);
/*
 * The highest rung that e's sessions dated in [from, to] reached, as
 * logged (a race week's lighter session at its lighter rung, though the
 * prescription counts it higher); -1 when they reached none, -2 without
 * a session.
 */
int progress_best_rung(
    const struct progress *, const struct exercise *, date_t from, date_t to);

/* Whether e has a session dated d. */
int progress_has_session(
    const struct progress *, const struct exercise *, date_t d);

/*
 * Whether day d is the morning after a session with no check-in yet:
 * some exercise was logged on d - 1 and no check-in is dated d.
 */
int progress_checkin_due(const struct progress *, date_t d);

enum progress_alert_kind {
	ALERT_PAIN, /* pain >= refer_pain */
	ALERT_BACKS, /* two red sessions of one exercise in 14 days */
	ALERT_MORNING, /* morning pain rising over two weeks */
	ALERT_STALL /* usual pain not 2 points lower after six weeks */
};

struct progress_alert {
	enum progress_alert_kind kind;
	date_t when; /* the day it was seen */
	int checkin; /* PAIN: seen at a check-in, not a session */
	/*
	 * PAIN: the pain; BACKS: the two pains; MORNING: first and latest
	 * check-in; STALL: usual pain six weeks ago and now, in tenths
	 */
	int a, b;
	/* PAIN and BACKS: the exercise, NULL for a check-in */
	const struct exercise *e;
};

#define PROGRESS_MAX_ALERTS 16
/*
 * The alerts standing on day d (from what is dated up to d), at most
 * PROGRESS_MAX_ALERTS, in the order of enum progress_alert_kind. Returns
 * how many.
 */
int
progress_alerts(const struct progress *, date_t d, struct progress_alert *out);

/*
 * A new progress fed with the part of the log at path that progress_get
 * and progress_alerts need for day d (the tail of the file, never the
 * whole history; a NULL path is an empty log). Rows dated after d are
 * left out. Malformed rows go to warn and are counted in *bad. Returns
 * NULL with *cause malloc'd if the log cannot be read, and if fail is not
 * NULL the reader's class of the failure in *fail (see store_read).
 */
/*
 * What progress_read reads, fed into p: several logs can be fed in turn,
 * since progress_add takes rows in any order. Returns the number of
 * malformed rows, or -1 with *cause (and *fail when not NULL).
 */
long progress_feed(struct progress *, const char *path, date_t d,
    store_warn_fn warn, void *arg, enum fail *fail, char **cause);

struct progress *
progress_read(const struct config *, const char *path, date_t d,
    store_warn_fn warn, void *arg, long *bad, enum fail *fail, char **cause);

#endif
