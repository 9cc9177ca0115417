/*
 * plan: which days of a week hold a prehab session and why, each day's
 * status against the log, how long a session takes, and the text pieces
 * of the calendar export. It never prints; cmd/plan.c does.
 *
 * Placement. A session may go on a rest, easy or cross-training day, never
 * on a hard, long, race or off day, nor on the day before or after a race,
 * nor before the runner's first day with prehab (the log's first row).
 * Between two sessions lie at least min_gap_days free days, always:
 * sessions that cannot fit are not crowded in, the week's target shrinks
 * instead. A week holding a race aims at one session. Among the ways to
 * place the sessions the planner takes the one that
 *	1. holds the most sessions, up to the week's target;
 *	2. puts the fewest on the day before a long run (only when the week
 *	   cannot otherwise hold its target, and the day says so);
 *	3. leaves min_gap_days free from the week's last session to its
 *	   first most often, as if the week repeated;
 *	4. spreads the sessions most evenly around the week: the smallest
 *	   sum of squared distances between neighbours, the week seen as a
 *	   ring, and on a tie the same for the session after next;
 *	5. is earliest in the week.
 * The search tries every subset of the week's days, so it is exact and
 * depends only on its inputs.
 *
 * Days already past are fixed by the log: a day with any enabled exercise
 * logged is a session whether or not it was planned, and the sessions
 * still missing are placed among the days left. A session the week can
 * no longer hold is missed, and shows on the first past day the plan had
 * put it on: one missed session, one missed day.
 */
#ifndef PREHAB_PLAN_H
#define PREHAB_PLAN_H

#include "catalog.h"
#include "config.h"
#include "date.h"
#include "progress.h"
#include "row.h"

struct buf;

enum plan_reason {
	REASON_NONE,
	REASON_EASY, /* "after easy run" */
	REASON_REST, /* "rest day" */
	REASON_CROSS, /* "cross-training day" */
	REASON_LOGGED, /* "logged": a session on a day not planned */
	REASON_NREASONS
};
extern const char *const plan_reasons[REASON_NREASONS];

enum plan_status {
	STATUS_NONE, /* no session that day */
	STATUS_DONE, /* every enabled exercise logged */
	STATUS_PARTIAL, /* some of them logged */
	STATUS_MISSED, /* planned, past, nothing logged */
	STATUS_DUE, /* planned today, nothing logged yet */
	STATUS_UPCOMING, /* planned after today */
	STATUS_NSTATUSES
};
/* "", "done", "partial", "missed", "due", "upcoming" */
extern const char *const plan_statuses[STATUS_NSTATUSES];

/*
 * What the log holds for each day of a span: which enabled exercises were
 * logged and the highest pain. Memory is one small record per day of the
 * span, whatever the size of the log.
 */
struct plan_log;

/* A span [from, to]; to < from is an empty span. cfg must outlive it. */
struct plan_log *plan_log_new(const struct config *, date_t from, date_t to);
void plan_log_free(struct plan_log *);
/* Feeds one row; rows outside the span are ignored. */
void plan_log_add(struct plan_log *, const struct store_row *);
/* Distinct enabled exercises logged on d; 0 outside the span. */
int plan_log_count(const struct plan_log *, date_t d);

/* The first day the runner used prehab: no day before it is missed. */
void plan_log_set_first(struct plan_log *, date_t first);

struct plan_day {
	date_t date;
	enum day_kind kind; /* overrides applied */
	int session; /* planned or logged */
	enum plan_reason reason;
	enum plan_status status;
	int logged; /* enabled exercises logged that day */
	int eve; /* planned on the day before a long run */
	int race_week; /* its week holds a race: a lighter dose */
};

struct plan_week {
	date_t start; /* its Monday */
	struct plan_day day[7];
	int want; /* sessions_per_week, or 1 in a race week */
	int target; /* want, or fewer if the week cannot hold it */
	int sessions; /* days with a session, missed included */
	int placed; /* sessions logged or still ahead */
	int missed; /* sessions the week can no longer hold */
	int room; /* sessions its schedule could hold at best */
	int race; /* the week holds a race */
	/* index of the first day of prehab, 0 if before the week */
	int started;
};

/*
 * Plans the week starting on Monday start, with today settling what is
 * past. prev is the week before when it was planned too (its sessions
 * keep the gap across the weekend), or NULL to take the days before the
 * week from the log. log must span the days from start - 4 to today that
 * are in the week or before it. Future days ignore the log.
 */
void plan_week(const struct config *, const struct plan_log *, date_t today,
    date_t start, const struct plan_week *prev, struct plan_week *out);

/*
 * The placement step alone, on bit masks of the week's days (bit 0 is
 * Monday). Chooses up to n days among cand, each at least min_gap_days
 * from the others, from the sessions in fixed and from before, the day of
 * the latest session before the week as an offset from Monday (-1 for
 * the Sunday before) or PLAN_NO_SESSION. Returns the chosen days.
 */
#define PLAN_NO_SESSION (-1000)
unsigned plan_place(const struct config *, date_t start, unsigned fixed,
    int before, unsigned cand, int n);

/*
 * Estimated seconds for one exercise at a dose: each rep takes
 * PLAN_REP_S plus the hold or tempo seconds, done twice for a per-side
 * exercise; PLAN_REST_S of rest between sets and PLAN_SETUP_S to get set
 * up. The four exercises come to about 15 minutes at their starting 2x10
 * and under 20 at the top of their ladders, 2x15.
 */
#define PLAN_MAX_MINUTES 20
#define PLAN_REP_S 3
#define PLAN_REST_S 45
#define PLAN_SETUP_S 15
int plan_exercise_seconds(const struct exercise *, const struct level *);
/* Whole minutes for a number of seconds, rounded up. */
int plan_minutes(int seconds);

/*
 * The dose in words: "2×10 each side, hold 2 s", "2x10, 3-4 s down".
 * times is the sign between sets and reps ("×" or "x").
 */
void plan_dose_text(struct buf *, const struct exercise *, const struct level *,
    const char *times);

/*
 * Calendar (RFC 5545) text. plan_ics_escape appends a TEXT value with
 * backslash, comma, semicolon and newline escaped. plan_ics_line appends
 * one content line folded at 75 octets, never inside a UTF-8 sequence,
 * each physical line ending in CRLF.
 */
void plan_ics_escape(struct buf *, const char *);
void plan_ics_line(struct buf *, const char *line);

#endif
