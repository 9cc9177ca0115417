/*
 * test_progress: the ladders of the built-in and custom exercises, and
 * the progression rule replayed over hand-made logs: stepping up, held
 * back by pain or effort, stepping back, the window, sides, variants,
 * row order and the memory bound.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "config.h"
#include "progress.h"
#include "store.h"
#include "t.h"

static struct config cfg;
static date_t day0;	/* 2026-11-02, a Monday */

static void
setup(void)
{
	memset(&cfg, 0, sizeof(cfg));
	catalog_init(&cfg.catalog);
	cfg.sessions_per_week = 3;
	cfg.min_gap_days = 1;
	cfg.up_sessions = 2;
	cfg.up_pain = 2;
	cfg.up_rpe = 7;
	cfg.back_pain = 4;
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
test_ladders(void)
{
	const struct exercise *clam = ex("clamshell");
	static const char *const want[] = {
		"2x10 bodyweight", "2x12 bodyweight", "2x15 bodyweight",
		"3x15 bodyweight", "3x10 band", "3x12 band", "3x15 band",
		"3x10 heavy-band", "3x12 heavy-band", "3x15 heavy-band"
	};
	struct exercise c;
	struct level lv;

	is(progress_nlevels(clam), 10, "clamshell has ten levels");
	for (int i = 0; i < 10; i++)
		is_str(level_str(clam, i), want[i], "clamshell level %d", i);
	is_str(level_str(clam, 99), "3x15 heavy-band", "past the top clamps");
	is_str(level_str(clam, -3), "2x10 bodyweight", "below 0 clamps");
	for (size_t i = 0; i < cfg.catalog.n; i++)
		is(progress_nlevels(&cfg.catalog.ex[i]), 10,
		    "%s: 4 + 3 + 3 levels", cfg.catalog.ex[i].slug);

	/* A custom exercise starts its ladder at its own dose. */
	memset(&c, 0, sizeof(c));
	c.slug = "side-plank";
	c.sets = 2;
	c.reps = 1;
	c.hold_s = 30;
	is(progress_nlevels(&c), 3, "2x1 with no variants: 2x1, 2x2, 3x2");
	progress_level(&c, 1, &lv);
	ok(lv.sets == 2 && lv.reps == 2 && lv.variant == 0, "2x1 level 1");
	progress_level(&c, 2, &lv);
	ok(lv.sets == 3 && lv.reps == 2, "2x1 level 2 adds a set");
	c.sets = 3;
	c.reps = 8;
	is(progress_nlevels(&c), 3, "3x8: no set to add");
	progress_level(&c, 2, &lv);
	ok(lv.sets == 3 && lv.reps == 12, "3x8 climbs 8, 10, 12");
	c.sets = 1;
	c.reps = 20;
	c.nvariants = 2;
	is(progress_nlevels(&c), 7, "1x20 with two variants");
	progress_level(&c, 3, &lv);
	ok(lv.sets == 2 && lv.reps == 30 && lv.variant == 0,
	    "1x20 adds a second set at 30");
	progress_level(&c, 4, &lv);
	ok(lv.sets == 2 && lv.reps == 20 && lv.variant == 1,
	    "then variant 1 from 2x20");
}

static void
test_empty(void)
{
	struct progress *p = progress_new(&cfg);
	struct prescription rx;

	progress_get(p, ex("clamshell"), day0, &rx);
	is(rx.level, 0, "no log: bottom of the ladder");
	is(rx.dose.sets, 2, "no log: 2 sets");
	is(rx.dose.reps, 10, "no log: 10 reps");
	is(rx.step, STEP_NONE, "no log: no step");
	is(rx.to_next, 2, "no log: two good sessions to step up");
	is(rx.sessions, 0, "no log: no sessions");
	is(rx.pain, -1, "no log: no pain");
	is(progress_since(day0), day0 - 42, "since is the window start");
	progress_free(p);
	progress_free(NULL);
}

static void
test_step_up(void)
{
	struct progress *p = progress_new(&cfg);
	const struct exercise *e = ex("clamshell");
	struct prescription rx;

	add_session(p, "clamshell", day0, 2, 10, "bodyweight", 1, 5);
	progress_get(p, e, day0 + 1, &rx);
	is(rx.level, 0, "one good session: still level 0");
	is(rx.to_next, 1, "one good session: one to go");
	is(rx.step, STEP_NONE, "one good session: no step");
	is(rx.sessions, 1, "one session seen");
	progress_get(p, e, day0, &rx);
	is(rx.sessions, 0, "a session on the day itself does not count");

	add_session(p, "clamshell", day0 + 2, 2, 10, "bodyweight", -1, -1);
	progress_get(p, e, day0 + 3, &rx);
	is(rx.level, 1, "two good sessions (pain unlogged): level 1");
	is(rx.step, STEP_UP, "stepped up");
	is(rx.from, 0, "from level 0");
	is(rx.dose.reps, 12, "now 2x12");
	is(rx.to_next, 2, "two more to the next level");

	/* 2x10 does not reach 2x12. */
	add_session(p, "clamshell", day0 + 4, 2, 10, "bodyweight", 0, 5);
	progress_get(p, e, day0 + 5, &rx);
	is(rx.level, 1, "short of the level: stays");
	is(rx.step, STEP_NONE, "short of the level: no step");
	is(rx.to_next, 2, "short of the level: streak broken");

	add_session(p, "clamshell", day0 + 6, 2, 12, "bodyweight", 0, 5);
	add_session(p, "clamshell", day0 + 8, 3, 13, "bodyweight", 2, 7);
	progress_get(p, e, day0 + 9, &rx);
	is(rx.level, 2, "more than the level reaches it: level 2");
	is(rx.pain, 2, "latest pain");
	is(rx.from, 1, "from level 1");
	progress_free(p);
}

static void
test_held_back(void)
{
	struct progress *p = progress_new(&cfg);
	const struct exercise *e = ex("glute-bridge");
	struct prescription rx;

	add_session(p, "glute-bridge", day0, 2, 10, "two-leg", 3, 5);
	add_session(p, "glute-bridge", day0 + 2, 2, 10, "two-leg", 0, 5);
	progress_get(p, e, day0 + 3, &rx);
	is(rx.level, 0, "pain 3 > step_up_max_pain: not a good session");
	is(rx.to_next, 1, "the later one counts");
	add_session(p, "glute-bridge", day0 + 4, 2, 10, "two-leg", 0, 8);
	progress_get(p, e, day0 + 5, &rx);
	is(rx.level, 0, "RPE 8 > 7: not a good session");
	add_session(p, "glute-bridge", day0 + 6, 2, 10, "two-leg", 0, 7);
	add_session(p, "glute-bridge", day0 + 8, 2, 10, "two-leg", 2, 1);
	progress_get(p, e, day0 + 9, &rx);
	is(rx.level, 1, "RPE 7 and pain 2 are fine");
	progress_free(p);

	cfg.up_sessions = 1;
	p = progress_new(&cfg);
	add_session(p, "glute-bridge", day0, 2, 10, NULL, -1, -1);
	progress_get(p, e, day0 + 1, &rx);
	is(rx.level, 1, "step_up_sessions 1: one session steps up");
	progress_free(p);
	cfg.up_sessions = 2;
}

static void
test_step_back(void)
{
	struct progress *p = progress_new(&cfg);
	const struct exercise *e = ex("step-down");
	struct prescription rx;
	date_t d = day0;

	for (int i = 0; i < 4; i++, d += 2)
		add_session(p, "step-down", d, 2, 15, "low-step", 0, 5);
	progress_get(p, e, d, &rx);
	is(rx.level, 2, "four good sessions: two levels up");
	add_session(p, "step-down", d, 1, 5, "low-step", 5, 9);
	progress_get(p, e, d + 1, &rx);
	is(rx.level, 1, "pain 5: one level back");
	is(rx.step, STEP_BACK, "stepped back");
	is(rx.from, 2, "from level 2");
	is(rx.pain, 5, "after pain 5");
	is(rx.to_next, 2, "the streak starts over");
	progress_free(p);

	p = progress_new(&cfg);
	add_session(p, "step-down", day0, 2, 10, "low-step", 4, -1);
	progress_get(p, e, day0 + 1, &rx);
	is(rx.level, 0, "pain at the bottom: stays at 0");
	is(rx.step, STEP_BACK, "still reported as a step back");
	is(rx.from, 0, "from level 0");
	progress_free(p);
}

static void
test_window(void)
{
	struct progress *p = progress_new(&cfg);
	const struct exercise *e = ex("clamshell");
	struct prescription rx;

	add_session(p, "clamshell", day0, 2, 10, NULL, 0, 5);
	add_session(p, "clamshell", day0 + 2, 2, 10, NULL, 0, 5);
	progress_get(p, e, day0 + 42, &rx);
	is(rx.level, 1, "42 days later: both sessions still count");
	progress_get(p, e, day0 + 43, &rx);
	is(rx.level, 0, "43 days later: one is out, so level 0");
	is(rx.sessions, 1, "one session inside the window");
	progress_get(p, e, day0 + 45, &rx);
	is(rx.level, 0, "after a long break: the bottom again");
	is(rx.sessions, 0, "no sessions inside the window");
	progress_free(p);
}

static void
test_sides_and_variants(void)
{
	struct progress *p = progress_new(&cfg);
	const struct exercise *e = ex("clamshell");
	struct prescription rx;
	struct store_row r;

	/* Two days of left side only: not a session that reached 2x10. */
	for (int day = 0; day < 4; day += 2)
		for (int s = 1; s <= 2; s++) {
			memset(&r, 0, sizeof(r));
			r.date = day0 + day;
			r.exercise = "clamshell";
			r.side = SIDE_LEFT;
			r.set = s;
			r.reps = 10;
			r.variant = "bodyweight";
			r.rpe = r.pain = -1;
			progress_add(p, &r);
		}
	progress_get(p, e, day0 + 4, &rx);
	is(rx.level, 0, "one side only does not reach a per-side level");
	/* "both" rows serve both sides. */
	for (int day = 4; day < 8; day += 2)
		for (int s = 1; s <= 2; s++) {
			r.date = day0 + day;
			r.side = SIDE_BOTH;
			r.set = s;
			progress_add(p, &r);
		}
	progress_get(p, e, day0 + 8, &rx);
	is(rx.level, 1, "side 'both' counts on each side");
	progress_free(p);

	/* An easier variant than prescribed does not count; harder does. */
	p = progress_new(&cfg);
	for (int i = 0; i < 8; i++)
		add_session(p, "clamshell", day0 + 2 * i, 3, 15, "bodyweight",
		    0, 5);
	progress_get(p, e, day0 + 16, &rx);
	is(rx.level, 4, "eight sessions climb to the band");
	is_str(e->variants[rx.dose.variant].slug, "band", "variant band");
	is(rx.dose.sets, 3, "3 sets");
	is(rx.dose.reps, 10, "reps reset to 10");
	add_session(p, "clamshell", day0 + 16, 3, 15, "bodyweight", 0, 5);
	add_session(p, "clamshell", day0 + 18, 3, 15, "bodyweight", 0, 5);
	progress_get(p, e, day0 + 20, &rx);
	is(rx.level, 4, "the old variant does not reach a band level");
	add_session(p, "clamshell", day0 + 20, 3, 10, "heavy-band", 0, 5);
	add_session(p, "clamshell", day0 + 22, 3, 10, "HEAVY-BAND", 0, 5);
	progress_get(p, e, day0 + 24, &rx);
	is(rx.level, 5, "a harder variant reaches it");
	add_session(p, "clamshell", day0 + 24, 3, 15, "rubber-duck", 0, 5);
	add_session(p, "clamshell", day0 + 26, 3, 15, "rubber-duck", 0, 5);
	progress_get(p, e, day0 + 28, &rx);
	is(rx.level, 5, "an unknown variant reaches nothing");
	add_session(p, "clamshell", day0 + 28, 1, 1, "rubber-duck", 6, 5);
	progress_get(p, e, day0 + 29, &rx);
	is(rx.step, STEP_BACK, "but its pain still steps back");
	is(rx.level, 4, "to level 4");
	progress_free(p);
}

static void
test_top(void)
{
	struct progress *p = progress_new(&cfg);
	const struct exercise *e = ex("single-leg-squat");
	struct prescription rx;

	for (int i = 0; i < 30; i++)
		add_session(p, "single-leg-squat", day0 + i, 3, 15, "free", 0,
		    5);
	progress_get(p, e, day0 + 30, &rx);
	is(rx.level, 9, "thirty good sessions: the top");
	is(rx.to_next, 0, "nothing left to step up to");
	is(rx.step, STEP_NONE, "no step at the top");
	progress_free(p);
}

static void
test_order_and_bound(void)
{
	struct progress *a = progress_new(&cfg), *b = progress_new(&cfg);
	const struct exercise *e = ex("clamshell");
	struct prescription ra, rb;
	struct store_row r;

	/* The same rows forwards and backwards give the same answer. */
	for (int i = 0; i < 12; i++)
		add_session(a, "clamshell", day0 + 3 * i, 2 + i % 2, 10 + i,
		    NULL, i % 5, 6);
	for (int i = 11; i >= 0; i--)
		add_session(b, "clamshell", day0 + 3 * i, 2 + i % 2, 10 + i,
		    NULL, i % 5, 6);
	for (int d = 0; d < 40; d += 3) {
		progress_get(a, e, day0 + d, &ra);
		progress_get(b, e, day0 + d, &rb);
		ok(ra.level == rb.level && ra.step == rb.step &&
		    ra.to_next == rb.to_next && ra.pain == rb.pain,
		    "row order does not matter (day %d)", d);
	}
	progress_free(a);
	progress_free(b);

	/* Years of daily sessions keep only the newest; the answer holds. */
	a = progress_new(&cfg);
	for (int i = 0; i < 2000; i++)
		add_session(a, "clamshell", day0 - 2000 + i, 2, 10, NULL, 0,
		    5);
	add_session(a, "clamshell", day0 - 5000, 2, 10, NULL, 9, 5);
	progress_get(a, e, day0, &ra);
	is(ra.sessions, 42, "a full window of sessions");
	is(ra.pain, 0, "an ancient row added late changes nothing");
	ok(ra.level > 0, "and they climbed");

	/* Unknown exercises and bad set numbers are ignored. */
	memset(&r, 0, sizeof(r));
	r.date = day0;
	r.exercise = "yoga";
	r.set = 1;
	r.reps = 10;
	r.pain = 9;
	progress_add(a, &r);
	r.exercise = "clamshell";
	r.set = 11;
	r.pain = -1;
	progress_add(a, &r);
	r.exercise = NULL;
	progress_add(a, &r);
	progress_get(a, e, day0 + 1, &rb);
	is(rb.pain, -1, "the bad rows made a session with no pain");
	progress_free(a);
}

int
main(void)
{
	setup();
	test_ladders();
	test_empty();
	test_step_up();
	test_held_back();
	test_step_back();
	test_window();
	test_sides_and_variants();
	test_top();
	test_order_and_bound();
	catalog_free(&cfg.catalog);
	return t_done();
}
