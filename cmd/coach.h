/*
 * coach.h: the words of the coaching rules, shared by plan, stats, log
 * and show: why a dose is what it is, the alerts that call for a
 * professional, the morning check-in reminder and the safety list. The
 * rules themselves are lib/progress.c's; this file only says them.
 */
#ifndef PREHAB_COACH_H
#define PREHAB_COACH_H

#include <stdio.h>

#include "progress.h"

struct buf;
struct ctx;

/* "2×12", or "2×12 band" when with_variant and the variant has a name. */
void coach_level(struct buf *, struct ctx *, const struct exercise *, int level,
    int with_variant);

/*
 * Why e's prescription is what it is, in a few words, or nothing when
 * there is nothing worth saying ("stepped up: 2×10 → 2×12").
 */
void coach_note(struct buf *, struct ctx *, const struct exercise *,
    const struct prescription *);

/* Whether the prescription changed the level (a note always shows). */
int coach_changed(const struct prescription *);

/*
 * Prints text to fp as paragraphs wrapped to cmd_width (see table.h);
 * "\n" in text starts a new line.
 */
void coach_wrap(struct ctx *, FILE *, const char *text);

/*
 * Prints the block for the alerts standing on day d, one line for each
 * and the advice once, preceded by a blank line; nothing when none
 * stands. Returns how many there were.
 */
int coach_alerts(struct ctx *, FILE *, const struct progress *, date_t d);

/* The one-line reminder to log this morning's check-in, if one is due. */
void coach_checkin(struct ctx *, FILE *, const struct progress *, date_t d);

/*
 * After the check-in of day d: one line for each enabled exercise whose
 * session of the day before it turned amber or red, with what that does
 * to the next dose. Returns how many lines.
 */
int
coach_checkin_effect(struct ctx *, FILE *, const struct progress *, date_t d);

/* The signs that need care now, for `prehab show safety`. */
void coach_safety(struct ctx *, FILE *);

#endif
