/*
 * test_sim: the coaching engine as a property over years of simulated use.
 *
 * Each runner is a seeded, reproducible random history: a running week
 * that changes, races, weeks off, breaks, sessions done or skipped, doses
 * as prescribed or a little off, pain that drifts and flares, check-ins
 * some mornings. Every day the runner asks for the plan, through the same
 * library calls `prehab plan` makes, and the test holds it to what prehab
 * promises:
 *	- a rung never falls without a cause the plan names;
 *	- every dose stays inside the routine's 2-3 x 10-15, and every
 *	  session inside 20 minutes;
 *	- no session is planned on a race day, its eve or the day after;
 *	- with min_gap_days >= 1, no planned session next to another one;
 *	- the prescription and the alerts are the same from the whole log
 *	  as from its last eight weeks;
 * and a runner who logs clean sessions reaches the top and stays there.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "config.h"
#include "plan.h"
#include "progress.h"
#include "store.h"
#include "t.h"
#include "util.h"

#define YEARS 5
#define RUNNERS 12

static struct config cfg;
static date_t start; /* 2026-01-05, a Monday */

static unsigned long rng;

/* A small reproducible generator (xorshift), so every run is the same. */
static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static int
chance(int percent)
{
	return (int)rnd(100) < percent;
}

struct rows {
	struct store_row *v;
	size_t n, cap;
};

static void
rows_add(struct rows *rs, const struct store_row *r)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 1024;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n++] = *r;
}

static void
row_init(struct store_row *r, date_t d)
{
	memset(r, 0, sizeof(*r));
	r->date = d;
	r->time = -1;
	r->rpe = -1;
	r->pain = -1;
	r->variant = r->note = r->batch = "";
}

/* Logs one exercise at a dose, one row per set and side. */
static void
log_exercise(struct rows *rs, const struct exercise *e, date_t d,
    const struct level *lv, int sides, int pain, int rpe)
{
	struct store_row r;

	for (int side = 0; side < 3; side++) {
		if (e->per_side ? side == SIDE_BOTH : side != SIDE_BOTH)
			continue;
		if (e->per_side && sides == 1 && side == SIDE_RIGHT)
			continue;
		for (int s = 1; s <= lv->sets; s++) {
			row_init(&r, d);
			r.exercise = e->slug;
			r.side = (enum store_side)side;
			r.set = s;
			r.reps = lv->reps;
			r.variant = e->variants[lv->variant].slug;
			r.pain = pain;
			r.rpe = rpe;
			rows_add(rs, &r);
		}
	}
}

static void
log_checkin(struct rows *rs, date_t d, int pain)
{
	struct store_row r;

	row_init(&r, d);
	r.exercise = STORE_CHECKIN;
	r.pain = pain;
	rows_add(rs, &r);
}

static void
set_defaults(void)
{
	static const enum day_kind week[7] = { DAY_REST, DAY_EASY, DAY_HARD,
		DAY_EASY, DAY_REST, DAY_LONG, DAY_EASY };

	free(cfg.overrides);
	cfg.overrides = NULL;
	cfg.noverrides = 0;
	memcpy(cfg.schedule, week, sizeof(week));
	cfg.sessions_per_week = 3;
	cfg.min_gap_days = 1;
	cfg.up_sessions = 2;
	cfg.up_pain = 2;
	cfg.up_rpe = 8;
	cfg.up_min_rpe = 5;
	cfg.back_pain = 6;
	cfg.checkin_worse = 2;
	cfg.refer_pain = 7;
}

static void
add_override(date_t from, date_t to, enum day_kind k)
{
	cfg.overrides = xreallocarray(
	    cfg.overrides, cfg.noverrides + 1, sizeof(*cfg.overrides));
	cfg.overrides[cfg.noverrides].from = from;
	cfg.overrides[cfg.noverrides].to = to;
	cfg.overrides[cfg.noverrides].kind = k;
	cfg.noverrides++;
}

/* Causes the plan names when a rung falls. */
static int
names_a_fall(const struct prescription *rx)
{
	switch (rx->cause) {
	case CAUSE_RED:
	case CAUSE_AMBER_RUN:
	case CAUSE_ALERT:
	case CAUSE_RESTART:
	case CAUSE_SHORT: return 1;
	/* A check-in that turns a session amber withholds its step up. */
	case CAUSE_AMBER:
		if (rx->morning >= 0)
			return 1;
		break;
	default: break;
	}
	/* Time away, or a lower dose the runner chose, which it says. */
	return rx->lost > 0 ||
	    (rx->done >= 0 && rx->planned >= 0 && rx->done < rx->planned);
}

struct tally {
	long days, falls_unnamed, out_of_bounds, too_long, on_race, crowded,
	    tail_differs, sessions, paused, alerts;
};

static struct progress *
progress_of(const struct rows *rs, date_t from, date_t to)
{
	struct progress *p = progress_new(&cfg);

	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].date >= from && rs->v[i].date <= to)
			progress_add(p, &rs->v[i]);
	return p;
}

static int
is_session(const struct plan_day *pd)
{
	return pd->session && pd->status != STATUS_MISSED;
}

static int
race_near(date_t d)
{
	return config_day(&cfg, d) == DAY_RACE ||
	    config_day(&cfg, d - 1) == DAY_RACE ||
	    config_day(&cfg, d + 1) == DAY_RACE;
}

/* One runner over YEARS years; counts what broke a promise into *t. */
static void
simulate(unsigned long seed, struct tally *t)
{
	const struct catalog *cat = &cfg.catalog;
	struct rows rs = { NULL, 0, 0 };
	struct progress *p = progress_new(&cfg);
	int prev[16], have_prev = 0, knee = 1, flare = 0;
	date_t end = start + 365 * YEARS, first = start + (date_t)(seed % 30);
	date_t away_until = 0, d;
	size_t fed = 0;

	rng = seed * 2654435761UL + 1;
	set_defaults();
	cfg.sessions_per_week = 2 + (int)rnd(2);
	cfg.min_gap_days = chance(20) ? 2 : 1;
	/* Races every month or two; weeks off now and then. */
	for (d = start + 20 + rnd(40); d < end; d += 30 + rnd(60))
		add_override(d, d, DAY_RACE);
	for (d = start + 60 + rnd(90); d < end; d += 120 + rnd(120))
		add_override(d, d + 3 + rnd(10), DAY_OFF);

	for (d = first; d < end; d++) {
		struct plan_log *pl;
		struct plan_week w;
		struct prescription rx[16];
		const struct plan_day *today;
		int secs = 0;

		/* Halfway, the running week changes. */
		if (d == first + 365 * YEARS / 2) {
			cfg.schedule[1] = DAY_HARD;
			cfg.schedule[2] = DAY_EASY;
			cfg.schedule[4] = DAY_CROSS;
		}
		/* A break: weeks away from the routine altogether. */
		if (d > away_until && chance(1) && chance(30))
			away_until = d + 10 + rnd(50);
		/* The knee drifts, and flares now and then. */
		if (chance(3))
			flare = 3 + (int)rnd(4);
		else if (flare > 0 && chance(30))
			flare--;
		if (chance(10))
			knee = (int)rnd(3);

		for (; fed < rs.n; fed++)
			progress_add(p, &rs.v[fed]);
		/*
		 * This morning's check-in, about yesterday's session, comes
		 * before the runner looks at the day's plan, as `prehab plan`
		 * asks for it first.
		 */
		if (progress_checkin_due(p, d) && chance(60)) {
			log_checkin(&rs, d,
			    knee + flare + (int)rnd(2) > 10
				? 10
				: knee + flare + (int)rnd(2));
			for (; fed < rs.n; fed++)
				progress_add(p, &rs.v[fed]);
		}
		pl = plan_log_new(&cfg, d - 60, d);
		for (size_t i = 0; i < rs.n; i++)
			plan_log_add(pl, &rs.v[i]);
		plan_log_set_first(pl, first);
		plan_week(&cfg, pl, d, date_week_start(d), NULL, &w);
		today = &w.day[d - w.start];
		t->days++;

		/* Placement. */
		for (int i = 0; i < 7; i++) {
			const struct plan_day *pd = &w.day[i];

			if (pd->status != STATUS_DUE &&
			    pd->status != STATUS_UPCOMING)
				continue;
			if (race_near(pd->date))
				t->on_race++;
			if (cfg.min_gap_days < 1)
				continue;
			for (int k = 0; k < 7; k++)
				if (k != i && is_session(&w.day[k]) &&
				    abs(k - i) <= cfg.min_gap_days)
					t->crowded++;
			/* The week before: its sessions are in the log. */
			for (int k = 1; k <= cfg.min_gap_days; k++)
				if (pd->date - k < w.start &&
				    plan_log_count(pl, pd->date - k) > 0)
					t->crowded++;
		}

		/* Doses, and what changed since yesterday. */
		for (size_t i = 0; i < cat->n; i++) {
			const struct exercise *e = &cat->ex[i];
			struct level lv = { 0, 0, 0 };

			progress_get(p, e, d, &rx[i]);
			if (rx[i].level < 0 ||
			    rx[i].level >= progress_nlevels(e))
				t->out_of_bounds++;
			lv = rx[i].dose;
			if (today->race_week)
				progress_taper(e, &rx[i].dose, &lv);
			if (lv.sets < 2 || lv.sets > 3 || lv.reps < 10 ||
			    lv.reps > 15)
				t->out_of_bounds++;
			if (rx[i].pause != PAUSE_STOP &&
			    !(rx[i].resting && d < rx[i].rest_until))
				secs += plan_exercise_seconds(e, &lv);
			if (rx[i].pause != PAUSE_NONE)
				t->paused++;
			if (have_prev && rx[i].level < prev[i] &&
			    !names_a_fall(&rx[i])) {
				t->falls_unnamed++;
				if (getenv("SIM_DEBUG"))
					fprintf(stderr,
					    "seed %lu day %ld %s: %d -> %d "
					    "cause %s done %d planned %d light "
					    "%d sessions %d pause %d\n",
					    seed, (long)(d - start), e->slug,
					    prev[i], rx[i].level,
					    progress_causes[rx[i].cause],
					    rx[i].done, rx[i].planned,
					    rx[i].light, rx[i].sessions,
					    rx[i].pause);
			}
			prev[i] = rx[i].level;
		}
		have_prev = 1;
		if (plan_minutes(secs) > PLAN_MAX_MINUTES)
			t->too_long++;

		/* The last eight weeks alone give the same answers. */
		if (d % 3 == 0) {
			struct progress *tail = progress_of(&rs, d - 55, d);
			struct progress_alert a[PROGRESS_MAX_ALERTS],
			    b[PROGRESS_MAX_ALERTS];
			int na = progress_alerts(p, d, a);

			if (na != progress_alerts(tail, d, b))
				t->tail_differs++;
			t->alerts += na > 0;
			for (size_t i = 0; i < cat->n; i++) {
				struct prescription full, part;

				progress_get(p, &cat->ex[i], d + 1, &full);
				progress_get(tail, &cat->ex[i], d + 1, &part);
				if (full.level != part.level ||
				    full.cause != part.cause ||
				    full.pause != part.pause)
					t->tail_differs++;
			}
			progress_free(tail);
		}
		plan_log_free(pl);

		if (d <= away_until || config_day(&cfg, d) == DAY_OFF)
			continue;
		/* The session: usually when due, now and then off plan. */
		if (!(today->status == STATUS_DUE && chance(85)) &&
		    !(chance(2) && !race_near(d)))
			continue;
		t->sessions++;
		for (size_t i = 0; i < cat->n; i++) {
			const struct exercise *e = &cat->ex[i];
			struct level lv = rx[i].dose;
			int pain = knee + flare + (int)rnd(2), rpe, sides = 2;

			if (rx[i].pause == PAUSE_STOP ||
			    (rx[i].resting && d < rx[i].rest_until))
				continue;
			if (today->race_week)
				progress_taper(e, &rx[i].dose, &lv);
			if (chance(5) && rx[i].level + 1 < progress_nlevels(e))
				progress_level(e, rx[i].level + 1, &lv);
			else if (chance(8) && rx[i].level > 0)
				progress_level(e, rx[i].level - 1, &lv);
			else if (chance(3)) {
				lv.sets = 1;
			} else if (chance(3))
				sides = 1;
			if (pain > 10)
				pain = 10;
			if (chance(10))
				pain = -1;
			rpe = chance(15) ? -1 : 4 + (int)rnd(6);
			log_exercise(&rs, e, d, &lv, sides, pain, rpe);
		}
	}
	progress_free(p);
	free(rs.v);
}

/* A clean runner: the prescribed dose, pain 0, RPE 6, three times a week. */
static void
test_clean(void)
{
	const struct catalog *cat = &cfg.catalog;
	struct rows rs = { NULL, 0, 0 };
	struct prescription rx;
	int top = 1, falls = 0, prev[16] = { 0 };
	date_t d;

	set_defaults();
	for (d = start; d < start + 200; d++) {
		struct progress *p = progress_of(&rs, d - 56, d);

		for (size_t i = 0; i < cat->n; i++) {
			progress_get(p, &cat->ex[i], d, &rx);
			if (rx.level < prev[i])
				falls++;
			prev[i] = rx.level;
			if (date_weekday(d) % 2 == 1)
				log_exercise(
				    &rs, &cat->ex[i], d, &rx.dose, 2, 0, 6);
		}
		progress_free(p);
	}
	{
		struct progress *p = progress_of(&rs, d - 56, d);

		for (size_t i = 0; i < cat->n; i++) {
			progress_get(p, &cat->ex[i], d, &rx);
			top &= rx.level == progress_nlevels(&cat->ex[i]) - 1;
		}
		progress_free(p);
	}
	is(falls, 0, "clean sessions for 200 days: no rung ever falls");
	ok(top, "every exercise reaches the top of its ladder and stays");
	free(rs.v);
}

int
main(void)
{
	struct tally t;
	unsigned long base;

	memset(&cfg, 0, sizeof(cfg));
	catalog_init(&cfg.catalog);
	date_from_ymd(2026, 1, 5, &start);
	test_clean();
	memset(&t, 0, sizeof(t));
	/* SIM_SEED=N runs other runners than make check's, for a deeper look. */
	base = getenv("SIM_SEED") != NULL
	    ? strtoul(getenv("SIM_SEED"), NULL, 10)
	    : 0;
	for (unsigned long s = 1; s <= RUNNERS; s++)
		simulate(base + s, &t);
	ok(t.days > 365L * YEARS * RUNNERS / 2, "%ld days simulated", t.days);
	ok(t.sessions > 1000, "%ld sessions logged", t.sessions);
	ok(t.alerts > 0 && t.paused > 0,
	    "alerts raised (%ld days) and exercises paused (%ld)", t.alerts,
	    t.paused);
	is(t.falls_unnamed, 0, "no rung falls without a named cause");
	is(t.out_of_bounds, 0, "every dose inside 2-3 x 10-15");
	is(t.too_long, 0, "every session within %d minutes", PLAN_MAX_MINUTES);
	is(t.on_race, 0, "no session on a race day, its eve or the day after");
	is(t.crowded, 0, "no planned session next to another");
	is(t.tail_differs, 0,
	    "the last eight weeks give the same prescription and alerts");
	free(cfg.overrides);
	catalog_free(&cfg.catalog);
	return t_done();
}
