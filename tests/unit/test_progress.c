/*
 * test_progress: the ladders, the traffic light and each rule of the
 * prescription on hand-made logs (step up, hold, amber, red and its rest,
 * the check-in, time away, starting where one is, partial sessions), the
 * alerts and what they pause, row order, and the window: the same answer
 * from the whole log as from its last weeks.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "config.h"
#include "progress.h"
#include "store.h"
#include "t.h"

static struct config cfg;
static date_t day0; /* 2026-11-02, a Monday */

static void
setup(void)
{
	memset(&cfg, 0, sizeof(cfg));
	catalog_init(&cfg.catalog);
	cfg.sessions_per_week = 3;
	cfg.min_gap_days = 1;
	cfg.up_sessions = 2;
	cfg.up_pain = 2;
	cfg.up_rpe = 8;
	cfg.up_min_rpe = 5;
	cfg.back_pain = 6;
	cfg.checkin_worse = 2;
	cfg.refer_pain = 7;
	date_from_ymd(2026, 11, 2, &day0);
}

static const struct exercise *
ex(const char *slug)
{
	return catalog_get(&cfg.catalog, slug);
}

static const char *
level_str(const struct exercise *e, int level)
{
	static char buf[64];
	struct level lv;

	progress_level(e, level, &lv);
	snprintf(buf, sizeof(buf), "%dx%d %s", lv.sets, lv.reps,
	    e->nvariants ? e->variants[lv.variant].slug : "-");
	return buf;
}

/* Logs sets x reps of one exercise on one day, on each side if needed. */
static void
add_session(struct progress *p, const char *slug, date_t d, int sets,
    int reps, const char *variant, int pain, int rpe)
{
	const struct exercise *e = ex(slug);
	struct store_row r;

	for (int side = 0; side < 3; side++) {
		if (e->per_side ? side == SIDE_BOTH : side != SIDE_BOTH)
			continue;
		for (int s = 1; s <= sets; s++) {
			memset(&r, 0, sizeof(r));
			r.date = d;
			r.time = -1;
			r.exercise = slug;
			r.side = (enum store_side)side;
			r.set = s;
			r.reps = reps;
			r.variant = variant;
			r.rpe = rpe;
			r.pain = pain;
			r.note = "";
			r.batch = "";
			progress_add(p, &r);
		}
	}
}

static void
add_checkin(struct progress *p, date_t d, int pain)
{
	struct store_row r;

	memset(&r, 0, sizeof(r));
	r.date = d;
	r.time = -1;
	r.exercise = STORE_CHECKIN;
	r.pain = pain;
	r.rpe = -1;
	r.variant = r.note = r.batch = "";
	progress_add(p, &r);
}

static void
test_ladders(void)
{
	const struct exercise *clam = ex("clamshell");
	static const char *const want[] = { "2x10 bodyweight",
		"2x12 bodyweight", "2x15 bodyweight", "2x10 band", "2x12 band",
		"2x15 band", "2x10 heavy-band", "2x12 heavy-band",
		"2x15 heavy-band" };
	struct exercise c;
	static char side_plank[] = "side-plank";
	struct level lv, t;

	is(progress_nlevels(clam), 9, "clamshell has nine rungs");
	for (int i = 0; i < 9; i++)
		is_str(level_str(clam, i), want[i], "clamshell rung %d", i);
	is_str(level_str(clam, 99), "2x15 heavy-band", "past the top clamps");
	is_str(level_str(clam, -3), "2x10 bodyweight", "below 0 clamps");
	for (size_t i = 0; i < cfg.catalog.n; i++) {
		const struct exercise *e = &cfg.catalog.ex[i];

		is(progress_nlevels(e), 9, "%s: 3 rungs x 3 variants", e->slug);
		for (int k = 0; k < progress_nlevels(e); k++) {
			progress_level(e, k, &lv);
			if (lv.sets < 2 || lv.sets > 3 || lv.reps < 10 ||
			    lv.reps > 15)
				break;
			if (k == progress_nlevels(e) - 1)
				ok(1, "%s: every rung inside 2-3 x 10-15",
				    e->slug);
		}
	}
	ok(ex("single-leg-squat")->knee && ex("step-down")->knee &&
		!ex("glute-bridge")->knee && !ex("clamshell")->knee,
	    "the squat and the step-down load the knee, the hip ones not");

	/* A custom exercise starts its ladder at its own dose. */
	memset(&c, 0, sizeof(c));
	c.slug = side_plank;
	c.sets = 2;
	c.reps = 1;
	c.hold_s = 30;
	is(progress_nlevels(&c), 2, "2x1 with no variants: 2x1, 2x2");
	progress_level(&c, 1, &lv);
	ok(lv.sets == 2 && lv.reps == 2 && lv.variant == 0, "2x1 rung 1");
	c.sets = 3;
	c.reps = 8;
	progress_level(&c, 2, &lv);
	ok(lv.sets == 3 && lv.reps == 12, "3x8 climbs 8, 10, 12 at 3 sets");

	/* The race week's lighter dose. */
	progress_level(clam, 4, &lv);
	progress_taper(clam, &lv, &t);
	ok(t.sets == 2 && t.reps == 12 && t.variant == 0,
	    "taper: 2x12 band -> 2x12 bodyweight");
	progress_level(clam, 1, &lv);
	progress_taper(clam, &lv, &t);
	ok(t.sets == 2 && t.reps == 10 && t.variant == 0,
	    "taper at the first variant: the first rung");
	lv.sets = 3;
	progress_taper(&c, &lv, &t);
	ok(t.sets == 2, "taper of three sets: two");
}

static void
test_empty(void)
{
	struct progress *p = progress_new(&cfg);
	struct prescription rx;

	progress_get(p, ex("clamshell"), day0, &rx);
	is(rx.level, 0, "no log: the first rung");
	is(rx.cause, CAUSE_START, "no log: cause start");
	is(rx.sessions, 0, "no log: no sessions");
	ok(rx.pause == PAUSE_NONE && !rx.resting, "no log: nothing paused");
	is(progress_checkin_due(p, day0), 0, "no log: no check-in due");
	progress_free(p);
}

/* A run of green sessions every other day climbs, then stays at the top. */
static void
test_climb(void)
{
	const struct exercise *e = ex("clamshell");
	struct progress *p = progress_new(&cfg);
	struct prescription rx;
	int prev = 0, falls = 0, top = progress_nlevels(e) - 1;
	date_t d = day0;

	for (int i = 0; i < 60; i++, d += 2) {
		progress_get(p, e, d, &rx);
		if (rx.level < prev)
			falls++;
		prev = rx.level;
		add_session(p, "clamshell", d, rx.dose.sets, rx.dose.reps,
		    e->variants[rx.dose.variant].slug, 0, 5);
	}
	progress_get(p, e, d, &rx);
	is(falls, 0, "sixty clean sessions: the rung never falls");
	is(rx.level, top, "and reaches the top");
	is(rx.cause, CAUSE_TOP, "which is kept as maintenance");
	progress_free(p);
}

static void
test_rules(void)
{
	const struct exercise *e = ex("clamshell");
	struct progress *p;
	struct prescription rx;

	/* One green session: one more to step up. */
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 10, "bodyweight", 1, 6);
	progress_get(p, e, day0 + 2, &rx);
	ok(rx.level == 0 && rx.cause == CAUSE_HOLD && rx.to_next == 1,
	    "one green session: held, one to go");
	add_session(p, "clamshell", day0 + 2, 2, 10, "bodyweight", 0, -1);
	progress_get(p, e, day0 + 4, &rx);
	ok(rx.level == 1 && rx.cause == CAUSE_UP, "two green: stepped up");
	is(rx.done, 0, "from the rung done");
	progress_get(p, e, day0 + 2, &rx);
	is(rx.level, 0, "asked about an earlier day: what was known then");
	progress_free(p);

	/* No pain recorded: the dose holds, and the session does not count. */
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 10, "bodyweight", -1, -1);
	add_session(p, "clamshell", day0 + 2, 2, 10, "bodyweight", -1, -1);
	progress_get(p, e, day0 + 4, &rx);
	ok(rx.level == 0 && rx.cause == CAUSE_NOPAIN,
	    "two sessions without pain: held");
	add_session(p, "clamshell", day0 + 4, 2, 10, "bodyweight", 0, -1);
	progress_get(p, e, day0 + 6, &rx);
	ok(rx.level == 0 && rx.to_next == 1,
	    "pain 0 after them: the first that counts");
	progress_free(p);

	/* A check-in is pain recorded too. */
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 10, "bodyweight", -1, -1);
	add_checkin(p, day0 + 1, 0);
	add_session(p, "clamshell", day0 + 2, 2, 10, "bodyweight", -1, -1);
	add_checkin(p, day0 + 3, 1);
	progress_get(p, e, day0 + 4, &rx);
	is(rx.level, 1, "green check-ins count as pain recorded");
	progress_free(p);

	/* RPE is a band: too easy or too hard does not count. */
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 10, "bodyweight", 0, 3);
	add_session(p, "clamshell", day0 + 2, 2, 10, "bodyweight", 0, 9);
	progress_get(p, e, day0 + 4, &rx);
	ok(rx.level == 0 && rx.cause == CAUSE_EFFORT,
	    "RPE 3 then 9: outside 5-8, held");
	progress_free(p);

	/* Amber holds; three at one rung step back. */
	p = progress_new(&cfg);
	for (int i = 0; i < 3; i++)
		add_session(p, "clamshell", day0 + 2 * i, 2, 12, "band", 4, 6);
	progress_get(p, e, day0 + 4, &rx);
	ok(rx.level == 4 && rx.cause == CAUSE_AMBER, "two amber: held");
	progress_get(p, e, day0 + 6, &rx);
	ok(rx.level == 3 && rx.cause == CAUSE_AMBER_RUN,
	    "three amber at 2x12 band: back to 2x10 band");
	add_session(p, "clamshell", day0 + 6, 2, 10, "band", 4, 6);
	progress_get(p, e, day0 + 8, &rx);
	ok(rx.level == 3 && rx.cause == CAUSE_AMBER,
	    "amber again, a rung lower: held, counting afresh");
	progress_free(p);

	/* Red steps back and rests the exercise two days. */
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 15, "band", 6, 6);
	progress_get(p, e, day0 + 1, &rx);
	ok(rx.level == 4 && rx.cause == CAUSE_RED, "red: one rung back");
	ok(rx.resting && rx.rest_until == day0 + 3,
	    "and no clamshell for two days");
	is(rx.light, LIGHT_RED, "light red");
	progress_free(p);

	/* The check-in judges the session: worse the next morning. */
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 15, "band", 1, 6);
	add_checkin(p, day0 + 1, 3);
	progress_get(p, e, day0 + 2, &rx);
	ok(rx.light == LIGHT_AMBER && rx.level == 5,
	    "1 during, 3 the next morning: amber, held");
	add_checkin(p, day0 + 1, 5);
	progress_get(p, e, day0 + 2, &rx);
	ok(rx.light == LIGHT_RED && rx.level == 4,
	    "1 during, 5 the next morning: red, stepped back");
	ok(rx.rest_until == day0 + 3,
	    "a red check-in: two days off after the session, as for red pain");
	progress_free(p);

	/* Starting where one is: a harder dose, green, is the rung. */
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 15, "heavy-band", 0, 7);
	progress_get(p, e, day0 + 2, &rx);
	is_str(level_str(e, rx.level), "2x15 heavy-band",
	    "first session at the top: that is the level");
	add_session(p, "clamshell", day0 + 2, 2, 10, "band", 0, 6);
	progress_get(p, e, day0 + 4, &rx);
	is_str(level_str(e, rx.level), "2x12 band",
	    "an easier one after it, green: that rung, and one up");
	progress_free(p);

	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 12, "band", 0, 6);
	add_session(p, "clamshell", day0 + 2, 2, 10, "band", 1, -1);
	add_session(p, "clamshell", day0 + 4, 2, 10, "bodyweight", 4, 6);
	progress_get(p, e, day0 + 6, &rx);
	ok(rx.level == 0 && rx.planned == 4 && rx.done == 0,
	    "an easier dose by choice, amber: that rung, and it says so");
	progress_free(p);

	/* A session that reached no rung leaves the one before. */
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 12, "bodyweight", 0, 6);
	add_session(p, "clamshell", day0 + 2, 1, 8, "bodyweight", 0, 6);
	progress_get(p, e, day0 + 4, &rx);
	ok(rx.level == 1 && rx.cause == CAUSE_SHORT,
	    "one set of 8: the 2x12 before stands");
	progress_free(p);

	/* Rows with no variant count as the first variant. */
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 3, 15, "", 0, 6);
	progress_get(p, e, day0 + 2, &rx);
	is_str(level_str(e, rx.level), "2x15 bodyweight",
	    "3x15 with no variant: 2x15 bodyweight");
	progress_free(p);
}

static void
test_time_away(void)
{
	const struct exercise *e = ex("clamshell");
	struct progress *p = progress_new(&cfg);
	struct prescription rx;

	add_session(p, "clamshell", day0, 2, 15, "band", 0, 6);
	add_session(p, "clamshell", day0 + 2, 2, 15, "band", 0, 6);
	progress_get(p, e, day0 + 16, &rx);
	ok(rx.level == 6 && rx.lost == 0, "two weeks away: free");
	progress_get(p, e, day0 + 17, &rx);
	ok(rx.level == 5 && rx.lost == 1, "15 days away: one rung");
	progress_get(p, e, day0 + 31, &rx);
	ok(rx.level == 4 && rx.lost == 2, "29 days away: two rungs");
	progress_get(p, e, day0 + 44, &rx);
	ok(rx.level == 4 && rx.lost == 2, "42 days away: still two");
	progress_get(p, e, day0 + 45, &rx);
	ok(rx.level == 0 && rx.sessions == 0 && rx.cause == CAUSE_RESTART,
	    "43 days away: the ladder starts again");
	progress_free(p);
}

static void
test_alerts(void)
{
	struct progress_alert a[PROGRESS_MAX_ALERTS];
	struct prescription rx;
	struct progress *p;

	/*
	 * Pain 7 in a session: an alert; every knee exercise pauses and every
	 * hip one drops to its easiest, as the alert tells the runner.
	 */
	p = progress_new(&cfg);
	add_session(p, "step-down", day0, 2, 10, "low-step", 7, 6);
	add_session(p, "clamshell", day0, 2, 10, "bodyweight", 2, 6);
	is(progress_alerts(p, day0, a), 1, "pain 7: one alert");
	ok(a[0].kind == ALERT_PAIN && a[0].e == ex("step-down") &&
		a[0].a == 7 && a[0].when == day0,
	    "naming the exercise, the pain and the day");
	progress_get(p, ex("step-down"), day0 + 3, &rx);
	is(rx.pause, PAUSE_STOP, "the step-down pauses");
	progress_get(p, ex("clamshell"), day0 + 3, &rx);
	is(rx.pause, PAUSE_EASIEST,
	    "the pain is the knee's: a hip exercise stays at its easiest too");
	progress_get(p, ex("single-leg-squat"), day0 + 3, &rx);
	is(rx.pause, PAUSE_STOP, "and another knee exercise pauses");
	add_checkin(p, day0 + 1, 4);
	is(progress_alerts(p, day0 + 1, a), 1, "an amber check-in: still");
	add_checkin(p, day0 + 2, 2);
	is(progress_alerts(p, day0 + 2, a), 0, "a green check-in settles it");
	progress_get(p, ex("step-down"), day0 + 3, &rx);
	is(rx.pause, PAUSE_NONE, "and the step-down comes back");
	progress_free(p);

	/* Pain 7 at a check-in: the knee in general. */
	p = progress_new(&cfg);
	add_session(p, "glute-bridge", day0, 2, 12, "two-leg", 1, 6);
	add_checkin(p, day0 + 1, 7);
	is(progress_alerts(p, day0 + 1, a), 1, "a check-in of 7: an alert");
	ok(a[0].checkin && a[0].e == NULL, "about the knee, not an exercise");
	progress_get(p, ex("glute-bridge"), day0 + 4, &rx);
	ok(rx.pause == PAUSE_EASIEST && rx.level == 0 &&
		rx.cause == CAUSE_ALERT,
	    "a hip exercise falls back to its first rung");
	progress_get(p, ex("single-leg-squat"), day0 + 4, &rx);
	is(rx.pause, PAUSE_STOP, "one that loads the knee pauses");
	progress_free(p);

	/* Two red sessions of one exercise within two weeks. */
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 10, "bodyweight", 6, 6);
	is(progress_alerts(p, day0, a), 0, "one red: a step back, no alert");
	add_session(p, "clamshell", day0 + 10, 2, 10, "bodyweight", 6, 6);
	is(progress_alerts(p, day0 + 10, a), 1, "a second within 14 days");
	ok(a[0].kind == ALERT_BACKS && a[0].when == day0 + 10,
	    "the step-backs alert");
	progress_free(p);
	p = progress_new(&cfg);
	add_session(p, "clamshell", day0, 2, 10, "bodyweight", 6, 6);
	add_session(p, "clamshell", day0 + 15, 2, 10, "bodyweight", 6, 6);
	is(progress_alerts(p, day0 + 15, a), 0, "15 days apart: no alert");
	progress_free(p);

	/* Morning pain rising over two weeks. */
	p = progress_new(&cfg);
	add_checkin(p, day0, 1);
	add_checkin(p, day0 + 5, 2);
	add_checkin(p, day0 + 10, 4);
	is(progress_alerts(p, day0 + 10, a), 1, "1, 2, 4: rising");
	ok(a[0].kind == ALERT_MORNING && a[0].a == 1 && a[0].b == 4,
	    "from 1 to 4");
	add_checkin(p, day0 + 11, 3);
	is(progress_alerts(p, day0 + 11, a), 0, "then 3: no longer rising");
	progress_free(p);

	/* Usual pain not two points down after six weeks. */
	p = progress_new(&cfg);
	for (int i = 0; i < 5; i++)
		add_session(p, "clamshell", day0 + 2 * i, 2, 10, "bodyweight",
		    5, 6);
	for (int i = 0; i < 5; i++)
		add_session(p, "clamshell", day0 + 44 + 2 * i, 2, 10,
		    "bodyweight", 4, 6);
	is(progress_alerts(p, day0 + 54, a), 1, "5 then 4: a stall");
	ok(a[0].kind == ALERT_STALL && a[0].a == 50 && a[0].b == 40,
	    "usual pain 5.0 then 4.0");
	add_session(p, "clamshell", day0 + 55, 2, 10, "bodyweight", 1, 6);
	add_session(p, "clamshell", day0 + 56, 2, 10, "bodyweight", 1, 6);
	add_session(p, "clamshell", day0 + 57, 2, 10, "bodyweight", 0, 6);
	is(progress_alerts(p, day0 + 57, a), 0, "down to 2.6: no stall");
	progress_free(p);
}

static void
test_checkin_due(void)
{
	struct progress *p = progress_new(&cfg);

	add_session(p, "clamshell", day0, 2, 10, "bodyweight", 0, 6);
	is(progress_checkin_due(p, day0 + 1), 1, "the morning after: due");
	is(progress_checkin_due(p, day0 + 2), 0, "two days after: not");
	add_checkin(p, day0 + 1, 0);
	is(progress_checkin_due(p, day0 + 1), 0, "logged: not due");
	ok(progress_has_session(p, ex("clamshell"), day0) &&
		!progress_has_session(p, ex("clamshell"), day0 + 1),
	    "has_session by day");
	progress_free(p);
}

/* Rows in any order give the same answer; so does a shorter log. */
static void
test_order_and_window(void)
{
	const struct exercise *e = ex("step-down");
	struct progress *a = progress_new(&cfg), *b = progress_new(&cfg),
			*c = progress_new(&cfg);
	struct prescription ra, rb, rc;
	struct {
		date_t d;
		int reps, pain;
		const char *v;
	} s[400];
	date_t last = day0 + 400;
	unsigned seed = 7;
	int n = 0, same = 1;

	for (date_t d = day0; d < last && n < 400; n++) {
		seed = seed * 1103515245 + 12345;
		s[n].d = d;
		s[n].reps = 10 + (int)((seed >> 12) % 6);
		s[n].pain = (int)((seed >> 8) % 5);
		s[n].v = e->variants[(seed >> 16) % 3].slug;
		d += 1 + (date_t)((seed >> 20) % 4);
	}
	for (int i = 0; i < n; i++) {
		add_session(a, "step-down", s[i].d, 2, s[i].reps, s[i].v,
		    s[i].pain, 6);
		if (s[i].d >= last - 56)
			add_session(c, "step-down", s[i].d, 2, s[i].reps,
			    s[i].v, s[i].pain, 6);
	}
	for (int i = n - 1; i >= 0; i--)
		add_session(b, "step-down", s[i].d, 2, s[i].reps, s[i].v,
		    s[i].pain, 6);
	for (date_t d = last - 60; d <= last; d++) {
		progress_get(a, e, d, &ra);
		progress_get(b, e, d, &rb);
		same &= ra.level == rb.level && ra.cause == rb.cause;
	}
	ok(same, "rows newest first: the same prescriptions");
	progress_get(a, e, last, &ra);
	progress_get(c, e, last, &rc);
	ok(ra.level == rc.level && ra.cause == rc.cause &&
		ra.pause == rc.pause,
	    "the last eight weeks alone: the same prescription");
	progress_free(a);
	progress_free(b);
	progress_free(c);
}

/* progress_new_all keeps the whole history that charts draw. */
static void
test_whole_history(void)
{
	struct progress *all = progress_new_all(&cfg),
			*tail = progress_new(&cfg);
	const struct exercise *clam = ex("clamshell");
	date_t first = day0 - 400;

	/* 200 sessions, one every other day: more than a tail keeps. */
	for (int i = 0; i < 200; i++) {
		int reps = i < 100 ? 10 : 15;

		add_session(all, "clamshell", first + 2 * i, 2, reps,
		    "bodyweight", 1, 5);
		add_session(tail, "clamshell", first + 2 * i, 2, reps,
		    "bodyweight", 1, 5);
	}
	add_session(all, "clamshell", first + 1, 1, 15, "bodyweight", 1, 5);
	is(progress_best_rung(all, clam, first, first), 0,
	    "the first session is still there: 2x10 is rung 0");
	is(progress_best_rung(tail, clam, first, first), -2,
	    "while a tail-sized progress has let it go");
	is(progress_best_rung(all, clam, first, first + 6), 0,
	    "one set of 15 beside it reaches no higher rung");
	is(progress_best_rung(all, clam, first + 200, first + 206), 2,
	    "2x15 later is rung 2");
	is(progress_best_rung(all, clam, first - 7, first - 1), -2,
	    "a week without a session has none");
	is(progress_best_rung(all, clam, first + 6, first), -2,
	    "an empty span has none");
	add_session(all, "clamshell", first - 3, 2, 8, "bodyweight", 1, 5);
	is(progress_best_rung(all, clam, first - 7, first - 1), -1,
	    "a session short of the first rung reaches none");
	progress_free(all);
	progress_free(tail);
}

int
main(void)
{
	setup();
	test_ladders();
	test_empty();
	test_climb();
	test_rules();
	test_time_away();
	test_alerts();
	test_checkin_due();
	test_order_and_window();
	test_whole_history();
	catalog_free(&cfg.catalog);
	return t_done();
}
