/*
 * test_stats: the aggregation behind `prehab stats`, fed rows directly:
 * periods (with ISO week 53 and a year boundary), empty periods, the
 * targets of days and months, streaks, pain warnings, left/right
 * balance, exercise filters and slugs the catalog does not know.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "config.h"
#include "stats.h"
#include "t.h"

static struct config cfg;

static date_t
ymd(int y, int m, int d)
{
	date_t t;

	if (date_from_ymd(y, m, d, &t) == -1)
		return -999999;
	return t;
}

/* Feeds one set: pain and rpe -1 for "not logged". */
static void
add(struct stats *s, date_t d, const char *ex, enum store_side side,
    int reps, int pain, int rpe)
{
	struct store_row r;

	memset(&r, 0, sizeof(r));
	r.date = d;
	r.time = -1;
	r.exercise = ex;
	r.side = side;
	r.set = 1;
	r.reps = reps;
	r.variant = "";
	r.rpe = rpe;
	r.pain = pain;
	r.note = "";
	r.batch = "";
	stats_add(&r, s);
}

static struct stats *
new(date_t since, date_t until)
{
	struct stats_opts o;

	memset(&o, 0, sizeof(o));
	o.cfg = &cfg;
	o.since = since;
	o.until = until;
	return stats_new(&o);
}

static const struct stats_ex *
find_ex(struct stats *s, const char *slug)
{
	const struct stats_ex *ex;
	size_t n = stats_exercises(s, &ex);

	for (size_t i = 0; i < n; i++)
		if (strcmp(ex[i].slug, slug) == 0)
			return &ex[i];
	return NULL;
}

static void
test_weeks_across_year_end(void)
{
	struct stats *s;
	struct stats_period *p;
	date_t since = ymd(2026, 12, 21), until = ymd(2027, 1, 10);
	size_t n;

	s = new(since, until);
	/* 2026-W52: two sessions; 2026-W53 (Dec 28 - Jan 3): three, one
	 * of them in 2027; 2027-W01: none. */
	add(s, ymd(2026, 12, 22), "clamshell", SIDE_LEFT, 10, 2, 5);
	add(s, ymd(2026, 12, 22), "clamshell", SIDE_RIGHT, 12, 4, 7);
	add(s, ymd(2026, 12, 24), "glute-bridge", SIDE_BOTH, 15, -1, -1);
	add(s, ymd(2026, 12, 28), "step-down", SIDE_LEFT, 10, 1, 6);
	add(s, ymd(2026, 12, 31), "step-down", SIDE_LEFT, 10, 3, -1);
	add(s, ymd(2027, 1, 3), "step-down", SIDE_RIGHT, 11, -1, 4);
	/* Outside the range: counted for nothing but the streak. */
	add(s, ymd(2026, 12, 20), "clamshell", SIDE_LEFT, 99, 9, 9);
	add(s, ymd(2027, 1, 11), "clamshell", SIDE_LEFT, 99, 9, 9);

	n = stats_periods(s, STATS_WEEK, since, until, &p);
	is(n, 3, "three weeks");
	is(p[0].start, ymd(2026, 12, 21), "2026-W52 starts on Monday");
	is(p[0].sessions, 2, "W52: two sessions");
	is(p[0].reps, 37, "W52: reps over sets and sides");
	is(p[0].sets, 3, "W52: sets");
	is(p[0].pain_n, 2, "W52: two pain scores");
	ok(p[0].pain_mean == 3.0, "W52: mean pain 3");
	is(p[0].pain_max, 4, "W52: max pain 4");
	ok(p[0].rpe_mean == 6.0, "W52: mean RPE 6");
	ok(p[0].target == 3.0 && p[0].adherence < 0.67 &&
	    p[0].adherence > 0.66, "W52: adherence 2/3");
	is(p[1].start, ymd(2026, 12, 28), "2026-W53 starts on Dec 28");
	is(p[1].end, ymd(2027, 1, 3), "and ends on Jan 3");
	is(p[1].sessions, 3, "W53: three sessions across the new year");
	ok(p[1].adherence == 1.0, "W53: full adherence");
	is(p[2].sessions, 0, "2027-W01 is there, empty");
	is(p[2].pain_max, -1, "empty week: no max pain");
	is(p[2].pain_n, 0, "empty week: no pain scores");
	stats_periods_free(p, n);

	n = stats_periods(s, STATS_MONTH, since, until, &p);
	is(n, 2, "two months");
	is(p[0].start, ymd(2026, 12, 1), "December");
	is(p[0].end, ymd(2026, 12, 31), "to its last day");
	is(p[0].sessions, 4, "December: four sessions in range");
	ok(p[0].target > 4.71 && p[0].target < 4.72,
	    "a month cut by since is owed its days: 3 * 11 / 7");
	is(p[1].sessions, 1, "January: one");
	stats_periods_free(p, n);

	n = stats_periods(s, STATS_DAY, since, until, &p);
	is(n, 21, "one row per day, empty days too");
	ok(p[1].sessions == 1 && p[1].adherence == 1.0,
	    "a session day meets its prorated target");
	ok(p[0].sessions == 0 && p[0].adherence == 0.0, "an empty day");
	stats_periods_free(p, n);
	stats_free(s);
}

static void
test_exercises_and_balance(void)
{
	struct stats *s;
	const struct stats_ex *ex, *x;
	date_t d = ymd(2026, 11, 2);
	size_t n;

	s = new(d, d + 20);
	add(s, d, "step-down", SIDE_LEFT, 10, 1, -1);
	add(s, d, "step-down", SIDE_RIGHT, 8, 3, -1);
	add(s, d + 2, "step-down", SIDE_LEFT, 10, 1, -1);
	add(s, d + 2, "step-down", SIDE_RIGHT, 10, 3, -1);
	add(s, d + 2, "clamshell", SIDE_LEFT, 10, 2, -1);
	add(s, d + 2, "clamshell", SIDE_RIGHT, 9, 3, -1);
	add(s, d + 3, "zz-custom", SIDE_BOTH, 5, -1, -1);
	add(s, d + 3, "aa-custom", SIDE_BOTH, 5, -1, -1);

	n = stats_exercises(s, &ex);
	is(n, 6, "four built-ins and two logged customs");
	is_str(ex[0].slug, "single-leg-squat", "catalog order first");
	is_str(ex[4].slug, "aa-custom", "then the others by name");
	ok(ex[4].e == NULL, "a custom slug has no catalog entry");
	x = find_ex(s, "step-down");
	is(x->sessions, 2, "step-down on two dates");
	is(x->reps, 38, "reps over both sides");
	is(x->side[SIDE_RIGHT].reps, 18, "right side reps");
	is(x->fewer_reps, LAG_NONE, "18 of 20 is not behind");
	is(x->more_pain, LAG_RIGHT, "right side: pain 2 higher");
	x = find_ex(s, "clamshell");
	is(x->fewer_reps, LAG_NONE, "9 of 10 is not behind");
	is(x->more_pain, LAG_NONE, "pain 1 higher is not flagged");
	x = find_ex(s, "single-leg-squat");
	is(x->sessions, 0, "an enabled exercise never logged is listed");
	stats_free(s);

	s = new(d, d + 20);
	add(s, d, "clamshell", SIDE_LEFT, 8, -1, -1);
	add(s, d, "clamshell", SIDE_RIGHT, 10, -1, -1);
	x = find_ex(s, "clamshell");
	is(x->fewer_reps, LAG_LEFT, "8 of 10 is behind");
	stats_free(s);
}

static void
test_filter(void)
{
	struct stats_opts o;
	struct stats *s;
	struct stats_period *p;
	const struct stats_ex *ex;
	const struct exercise *only[1];
	date_t d = ymd(2026, 11, 2);
	size_t n;

	only[0] = catalog_get(&cfg.catalog, "clamshell");
	memset(&o, 0, sizeof(o));
	o.cfg = &cfg;
	o.since = d;
	o.until = d + 6;
	o.only = only;
	o.nonly = 1;
	s = stats_new(&o);
	add(s, d, "clamshell", SIDE_LEFT, 10, -1, -1);
	add(s, d + 1, "step-down", SIDE_LEFT, 10, 8, -1);
	add(s, d + 2, "custom", SIDE_LEFT, 10, 8, -1);
	n = stats_exercises(s, &ex);
	is(n, 1, "only the exercise asked for");
	is_str(ex[0].slug, "clamshell", "clamshell");
	n = stats_periods(s, STATS_WEEK, d, d + 6, &p);
	is(p[0].sessions, 1, "other exercises' days are not sessions");
	is(p[0].pain_n, 0, "nor is their pain counted");
	stats_periods_free(p, n);
	stats_free(s);
}

static void
test_streak_and_pain(void)
{
	struct stats *s;
	date_t mon = ymd(2026, 11, 23), start, w, t;
	int i;

	/* Ten weeks of three sessions, then one week of two, then five
	 * full weeks; today (Tuesday) has one session so far. */
	s = new(STATS_NODATE, mon + 1);
	for (w = mon - 16 * 7, i = 0; w < mon; w += 7, i++) {
		add(s, w, "clamshell", SIDE_LEFT, 10, 1, -1);
		add(s, w + 2, "clamshell", SIDE_LEFT, 10, 1, -1);
		if (i != 10)
			add(s, w + 4, "clamshell", SIDE_LEFT, 10, 1, -1);
	}
	add(s, mon + 1, "clamshell", SIDE_LEFT, 10, 1, -1);
	is(stats_first(s, &t), 1, "a first logged date");
	is(t, mon - 16 * 7, "the first logged date");
	is(stats_streak(s, &start), 5, "five weeks, this one not yet met");
	is(start, mon - 5 * 7, "since five Mondays ago");
	add(s, mon, "clamshell", SIDE_LEFT, 10, 1, -1);
	add(s, mon + 1, "clamshell", SIDE_LEFT, 10, 1, -1);
	add(s, mon - 1, "clamshell", SIDE_LEFT, 10, 1, -1);
	is(stats_streak(s, &start), 5, "two sessions still short");
	stats_free(s);

	/* Today is Thursday: one session a week, two so far this one. */
	s = new(STATS_NODATE, mon + 3);
	for (w = mon - 3 * 7; w < mon; w += 7)
		add(s, w, "clamshell", SIDE_LEFT, 10, 1, -1);
	add(s, mon, "clamshell", SIDE_LEFT, 10, 1, -1);
	add(s, mon + 1, "clamshell", SIDE_LEFT, 10, 1, -1);
	add(s, mon + 1, "step-down", SIDE_LEFT, 10, 1, -1);
	is(stats_streak(s, &start), 0, "sessions are days, not rows");
	add(s, mon + 3, "clamshell", SIDE_LEFT, 10, 1, -1);
	is(stats_streak(s, &start), 1, "the current week counts once met");
	is(start, mon, "starting this week");
	stats_free(s);
}

static void
test_growth(void)
{
	struct stats *s;
	struct stats_period *p;
	date_t until = ymd(2026, 11, 24), t;
	long want = 0;
	size_t n;

	/* Newest first, over 30 years: the bins grow backwards. */
	s = new(STATS_NODATE, until);
	for (t = until; t > until - 30 * 365; t -= 3) {
		add(s, t, "clamshell", SIDE_LEFT, 10, -1, -1);
		want++;
	}
	add(s, until - 3, "a-new-one", SIDE_LEFT, 7, -1, -1);
	add(s, ymd(1900, 1, 1), "clamshell", SIDE_LEFT, 10, -1, -1);
	want++;
	is(stats_first(s, &t), 1, "a first date");
	is(t, ymd(1900, 1, 1), "down to 1900");
	n = stats_periods(s, STATS_MONTH, t, until, &p);
	is(n, (2026 - 1900) * 12 + 11, "every month since");
	{
		long sum = 0, sum2 = 0;

		for (size_t i = 0; i < n; i++) {
			sum += p[i].sessions;
			sum2 += p[i].ex_reps[2];
		}
		is(sum, want, "every session counted once");
		is(sum2, want * 10, "clamshell reps by column");
	}
	is(p[n - 1].ex_reps[4], 7, "a new slug's reps after the bins grew");
	stats_periods_free(p, n);
	stats_free(s);
}

/* 1969-12-31 is day -1: a real day, not "no date". */
static void
test_first_epoch_eve(void)
{
	struct stats *s;
	struct stats_period *p;
	date_t eve = ymd(1969, 12, 31), t = 12345;
	size_t n;

	s = new(STATS_NODATE, ymd(1970, 1, 4));
	is(stats_first(s, &t), 0, "no row: no first date");
	is(t, 12345, "... and the date is left alone");
	add(s, eve, "clamshell", SIDE_LEFT, 10, 2, -1);
	is(stats_first(s, &t), 1, "a row of 1969-12-31 is a first date");
	is(t, eve, "... that very day");
	n = stats_periods(s, STATS_WEEK, t, ymd(1970, 1, 4), &p);
	is(n, 1, "one week");
	is(p[0].sets, 1, "its set is counted");
	is(p[0].pain_n, 1, "and its pain");
	stats_periods_free(p, n);
	stats_free(s);
}

int
main(void)
{
	memset(&cfg, 0, sizeof(cfg));
	catalog_init(&cfg.catalog);
	cfg.sessions_per_week = 3;
	cfg.back_pain = 5;

	test_weeks_across_year_end();
	test_exercises_and_balance();
	test_filter();
	test_streak_and_pain();
	test_growth();
	test_first_epoch_eve();

	catalog_free(&cfg.catalog);
	return t_done();
}
