/*
 * test_plan: placement on many schedules and settings, statuses against a
 * log, the pain check, session length, dose text and calendar folding.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "config.h"
#include "plan.h"
#include "progress.h"
#include "store.h"
#include "t.h"
#include "util.h"

static struct config cfg;
static date_t w48;	/* Monday 2026-11-23 */

static date_t
ymd(int y, int m, int d)
{
	date_t t;

	if (date_from_ymd(y, m, d, &t) == -1)
		return -999999;
	return t;
}

/* Sets the week from seven day kinds, Monday first. */
static void
schedule(const char *s)
{
	char copy[128], *p, *save = NULL;
	int i = 0;

	snprintf(copy, sizeof(copy), "%s", s);
	for (p = strtok_r(copy, " ", &save); p != NULL && i < 7;
	    p = strtok_r(NULL, " ", &save))
		cfg.schedule[i++] = (enum day_kind)config_parse_daykind(p);
	free(cfg.overrides);
	cfg.overrides = NULL;
	cfg.noverrides = 0;
}

static void
override(date_t from, date_t to, enum day_kind k)
{
	cfg.overrides = xreallocarray(cfg.overrides, cfg.noverrides + 1,
	    sizeof(*cfg.overrides));
	cfg.overrides[cfg.noverrides].from = from;
	cfg.overrides[cfg.noverrides].to = to;
	cfg.overrides[cfg.noverrides].kind = k;
	cfg.noverrides++;
}

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
	schedule("rest easy hard easy rest long easy");
	w48 = ymd(2026, 11, 23);
}

/* The session days of a week: "tue thu sun", or "-" for none. */
static const char *
days(const struct plan_week *w)
{
	static char buf[64];
	struct buf b = { 0 };

	for (int i = 0; i < 7; i++)
		if (w->day[i].session)
			buf_addf(&b, "%s%s", b.len ? " " : "",
			    date_weekday_abbr(date_weekday(w->day[i].date)));
	snprintf(buf, sizeof(buf), "%s", b.len ? b.data : "-");
	buf_free(&b);
	return buf;
}

/* The sessions with status and reason: "tue done (after easy run), ..." */
static const char *
detail(const struct plan_week *w)
{
	static char buf[512];
	struct buf b = { 0 };

	for (int i = 0; i < 7; i++)
		if (w->day[i].session)
			buf_addf(&b, "%s%s %s (%s)", b.len ? ", " : "",
			    date_weekday_abbr(date_weekday(w->day[i].date)),
			    plan_statuses[w->day[i].status],
			    plan_reasons[w->day[i].reason]);
	snprintf(buf, sizeof(buf), "%s", b.len ? b.data : "-");
	buf_free(&b);
	return buf;
}

/* Plans week start as seen from long before it, with an empty log. */
static const struct plan_week *
fresh_week(date_t start)
{
	static struct plan_week w;
	struct plan_log *l = plan_log_new(&cfg, start - 60, start - 50);

	plan_week(&cfg, l, start - 50, start, NULL, &w);
	plan_log_free(l);
	return &w;
}

static const char *
fresh(date_t start)
{
	return days(fresh_week(start));
}

static void
log_ex(struct plan_log *l, date_t d, const char *slug, int pain)
{
	struct store_row r;

	memset(&r, 0, sizeof(r));
	r.date = d;
	r.time = -1;
	r.exercise = slug;
	r.set = 1;
	r.reps = 10;
	r.variant = "";
	r.rpe = -1;
	r.pain = pain;
	r.note = "";
	r.batch = "";
	plan_log_add(l, &r);
}

static void
log_all(struct plan_log *l, date_t d)
{
	for (size_t i = 0; i < cfg.catalog.n; i++)
		log_ex(l, d, cfg.catalog.ex[i].slug, -1);
}

static void
test_schedules(void)
{
	static const char *const per_week[8] = { NULL,
	    "mon", "mon thu", "mon wed fri", "mon wed fri sun",
	    "mon wed fri sun", "mon wed fri sun", "mon wed fri sun" };

	is_str(fresh(w48), "tue thu sun", "default week: tue thu sun");
	schedule("easy easy easy easy easy easy easy");
	for (int n = 1; n <= 7; n++) {
		cfg.sessions_per_week = n;
		is_str(fresh(w48), per_week[n],
		    "all easy, %d a week: never two days in a row", n);
	}
	cfg.sessions_per_week = 3;
	cfg.min_gap_days = 0;
	is_str(fresh(w48), "mon wed fri", "gap 0: still spread out");
	cfg.sessions_per_week = 4;
	is_str(fresh(w48), "mon tue thu sat",
	    "gap 0, 4 a week: evenness alone");
	cfg.min_gap_days = 2;
	cfg.sessions_per_week = 3;
	is_str(fresh(w48), "mon thu sun", "gap 2: two free days between");
	cfg.min_gap_days = 3;
	cfg.sessions_per_week = 2;
	is_str(fresh(w48), "mon fri", "gap 3, twice: three free days");
	cfg.sessions_per_week = 3;
	is_str(fresh(w48), "mon fri", "gap 3, three times: two fit, no closer");
	cfg.min_gap_days = 1;

	schedule("hard easy hard easy hard long rest");
	is_str(fresh(w48), "tue thu sun", "three hard days");
	schedule("hard hard hard hard hard hard rest");
	is_str(fresh(w48), "sun", "six hard days: one fits");
	schedule("off long race hard off hard off");
	is_str(fresh(w48), "-", "nothing fits");
	schedule("cross easy rest easy rest long easy");
	cfg.sessions_per_week = 2;
	is_str(fresh(w48), "mon thu", "twice a week");
	cfg.sessions_per_week = 3;
	schedule("rest easy easy easy easy long rest");
	is_str(fresh(w48), "tue thu sun", "five easy days, long saturday");
	schedule("hard rest long hard hard rest hard");
	cfg.sessions_per_week = 1;
	is_str(fresh(w48), "sat", "not the day before the long run");
	cfg.sessions_per_week = 2;
	is_str(fresh(w48), "tue sat", "unless it is needed");
	cfg.sessions_per_week = 3;
	schedule("easy easy easy easy easy long easy");
	cfg.sessions_per_week = 6;
	is_str(fresh(w48), "mon wed fri sun",
	    "six wanted: four fit, the day before the long run too");
	cfg.sessions_per_week = 3;
}

static void
test_overrides(void)
{
	struct plan_week w;
	struct plan_log *l;

	schedule("rest easy hard easy rest long easy");
	/* Race on Sunday 2026-11-29, rest on Saturday before it. */
	override(ymd(2026, 11, 28), ymd(2026, 11, 28), DAY_REST);
	override(ymd(2026, 11, 29), ymd(2026, 11, 29), DAY_RACE);
	is_str(fresh(w48), "mon", "race week: one session, not the eve");
	ok(fresh_week(w48)->race && fresh_week(w48)->target == 1,
	    "race week: a target of one");
	cfg.sessions_per_week = 2;
	is_str(fresh(w48), "mon", "race week, twice a week: still one");
	/* The day after a race is no day for a session either. */
	schedule("easy easy easy easy easy easy easy");
	override(ymd(2026, 11, 22), ymd(2026, 11, 22), DAY_RACE);
	is_str(fresh(w48), "tue fri", "a race the Sunday before: not Monday");
	cfg.sessions_per_week = 3;
	/* A week off. */
	schedule("rest easy hard easy rest long easy");
	override(ymd(2026, 11, 23), ymd(2026, 11, 29), DAY_OFF);
	is_str(fresh(w48), "-", "a week off holds nothing");
	is_str(fresh(w48 + 7), "tue thu sun", "the week after is normal");
	/* Partly off: the range clips the week. */
	schedule("rest easy hard easy rest long easy");
	override(ymd(2026, 11, 20), ymd(2026, 11, 24), DAY_OFF);
	is_str(fresh(w48), "thu sun", "mon-tue off: no two days in a row");

	/* Across New Year: week 53 of 2026 runs into 2027. */
	schedule("rest easy hard easy rest long easy");
	override(ymd(2027, 1, 1), ymd(2027, 1, 1), DAY_OFF);
	l = plan_log_new(&cfg, ymd(2026, 12, 1), ymd(2026, 12, 27));
	plan_week(&cfg, l, ymd(2026, 12, 27), ymd(2026, 12, 28), NULL, &w);
	is_str(days(&w), "tue thu sun", "week 2026-W53 places as usual");
	is(w.day[6].date, ymd(2027, 1, 3), "its Sunday is 2027-01-03");
	{
		int y, wk;

		date_isoweek(w.start, &y, &wk);
		ok(y == 2026 && wk == 53, "2026-12-28 is in 2026-W53");
	}
	schedule("rest easy hard easy easy long easy");
	override(ymd(2027, 1, 1), ymd(2027, 1, 1), DAY_OFF);
	plan_week(&cfg, l, ymd(2026, 12, 27), ymd(2026, 12, 28), NULL, &w);
	is_str(days(&w), "tue thu sun", "the override on new year's day holds");
	is(w.day[4].kind, DAY_OFF, "2027-01-01 is off");
	plan_log_free(l);
	schedule("rest easy hard easy rest long easy");
}

static void
test_boundary(void)
{
	struct plan_week prev, w;
	struct plan_log *l;

	schedule("rest rest rest rest rest rest rest");
	/* A session on the Sunday before keeps Monday free. */
	l = plan_log_new(&cfg, w48 - 42, w48 - 1);
	log_all(l, w48 - 1);
	plan_week(&cfg, l, w48 - 1, w48, NULL, &w);
	is_str(days(&w), "tue thu sat", "after a Sunday session: not Monday");
	plan_log_free(l);

	/* The week before, as planned, does the same. */
	schedule("easy easy easy easy easy easy rest");
	cfg.sessions_per_week = 4;
	is_str(fresh(w48 - 7), "mon wed fri sun", "a week ending on Sunday");
	l = plan_log_new(&cfg, w48 - 60, w48 - 50);
	plan_week(&cfg, l, w48 - 50, w48 - 7, NULL, &prev);
	plan_week(&cfg, l, w48 - 50, w48, &prev, &w);
	is_str(days(&w), "tue thu sat",
	    "the next week starts away from it, never two in a row");
	plan_log_free(l);
	cfg.sessions_per_week = 3;
	schedule("rest easy hard easy rest long easy");
}

static void
test_statuses(void)
{
	struct plan_week w;
	struct plan_log *l;

	/* Tuesday done; today is Thursday. */
	l = plan_log_new(&cfg, w48 - 42, w48 + 3);
	log_all(l, w48 + 1);
	plan_week(&cfg, l, w48 + 3, w48, NULL, &w);
	is_str(detail(&w), "tue done (after easy run), thu due (after easy "
	    "run), sun upcoming (after easy run)", "tue done, thu due");
	is(w.placed, 3, "three placed");
	is(w.day[1].logged, 4, "four exercises logged");
	plan_log_free(l);

	/* Nothing logged by Wednesday: Tuesday missed, the rest moves up. */
	l = plan_log_new(&cfg, w48 - 42, w48 + 2);
	plan_week(&cfg, l, w48 + 2, w48, NULL, &w);
	is_str(detail(&w), "tue missed (after easy run), thu upcoming (after "
	    "easy run), sun upcoming (after easy run)",
	    "missed, and no crowding to make it up");
	is(w.sessions, 3, "three session days");
	is(w.placed, 2, "two still placed");
	is(w.missed, 1, "one missed");
	plan_log_free(l);

	/* Monday logged, unplanned; partial Thursday; today is Thursday. */
	l = plan_log_new(&cfg, w48 - 42, w48 + 3);
	log_all(l, w48);
	log_ex(l, w48 + 3, "clamshell", 1);
	log_ex(l, w48 + 3, "clamshell", -1);
	log_ex(l, w48 + 3, "glute-bridge", -1);
	log_ex(l, w48 + 3, "yoga", -1);
	plan_week(&cfg, l, w48 + 3, w48, NULL, &w);
	is_str(detail(&w), "mon done (logged), thu partial (after easy run), "
	    "sun upcoming (after easy run)", "logged, partial, upcoming");
	is(w.day[3].logged, 2, "two distinct exercises logged");
	plan_log_free(l);

	/* A session logged on a hard day counts toward the target. */
	l = plan_log_new(&cfg, w48 - 42, w48 + 2);
	log_all(l, w48 + 2);
	plan_week(&cfg, l, w48 + 2, w48, NULL, &w);
	is_str(detail(&w), "wed done (logged), fri upcoming (rest day), sun "
	    "upcoming (after easy run)",
	    "a hard-day session, and two more: Tuesday's moved, not missed");
	plan_log_free(l);

	/* A past week is all settled. */
	l = plan_log_new(&cfg, w48 - 42, w48 + 10);
	log_all(l, w48 + 3);
	plan_week(&cfg, l, w48 + 10, w48, NULL, &w);
	is_str(detail(&w), "tue missed (after easy run), thu done (after "
	    "easy run), sun missed (after easy run)",
	    "a past week is fixed: two missed, one day each");
	plan_log_free(l);

	/* A future week ignores the log. */
	l = plan_log_new(&cfg, w48 - 42, w48 - 1);
	plan_week(&cfg, l, w48 - 1, w48 + 7, NULL, &w);
	is_str(detail(&w), "tue upcoming (after easy run), thu upcoming "
	    "(after easy run), sun upcoming (after easy run)", "future week");
	plan_log_free(l);
}

static void
test_duration_and_text(void)
{
	struct buf b = { 0 };
	struct level lv;
	int total = 0;

	for (size_t i = 0; i < cfg.catalog.n; i++) {
		progress_level(&cfg.catalog.ex[i], 0, &lv);
		total += plan_exercise_seconds(&cfg.catalog.ex[i], &lv);
	}
	is(total, 860, "the starting dose takes 860 s");
	ok(plan_minutes(total) >= 10 && plan_minutes(total) <= 15,
	    "which is within 10-15 minutes");
	is(plan_minutes(total), 15, "rounded up: 15");
	is(plan_minutes(60), 1, "60 s is a minute");
	is(plan_minutes(0), 0, "0 s");

	lv.sets = 2;
	lv.reps = 12;
	lv.variant = 0;
	plan_dose_text(&b, catalog_get(&cfg.catalog, "glute-bridge"), &lv,
	    "\xc3\x97");
	is_str(b.data, "2\xc3\x97" "12, hold 2 s", "bridge dose");
	buf_reset(&b);
	plan_dose_text(&b, catalog_get(&cfg.catalog, "step-down"), &lv, "x");
	is_str(b.data, "2x12 each side, 3-4 s down", "step-down dose");
	buf_reset(&b);

	plan_ics_escape(&b, "a,b;c\\d\ne");
	is_str(b.data, "a\\,b\\;c\\\\d\\ne", "ics escapes");
	buf_reset(&b);
	{
		char line[200];
		const char *p;
		int maxlen = 0, n = 0, bad = 0;

		/* 70 ASCII bytes, then two-byte characters across the fold. */
		memset(line, 'a', 70);
		line[70] = '\0';
		for (int i = 0; i < 20; i++)
			strcat(line, "\xc3\x97");
		plan_ics_line(&b, line);
		for (p = b.data; *p; p++) {
			if (*p == '\r' && p[1] == '\n') {
				if (n > maxlen)
					maxlen = n;
				n = 0;
				p++;
				/* A fold never starts inside a character. */
				if (p[1] != '\0' && ((unsigned char)p[2] &
				    0xc0) == 0x80)
					bad = 1;
				continue;
			}
			n++;
		}
		ok(maxlen <= 75, "no line over 75 octets (%d)", maxlen);
		ok(!bad, "no fold splits a character");
		is(b.len, strlen(line) + 3 + 2, "one fold (CRLF SP) plus "
		    "the final CRLF");
		ok(strncmp(b.data + 70, "\xc3\x97\xc3\x97\r\n \xc3\x97", 9) ==
		    0, "folded after 74 octets, before the character that "
		    "would not fit");
	}
	buf_reset(&b);
	plan_ics_line(&b, "BEGIN:VEVENT");
	is_str(b.data, "BEGIN:VEVENT\r\n", "short lines are untouched");
	buf_free(&b);
}

int
main(void)
{
	setup();
	test_schedules();
	test_overrides();
	test_boundary();
	test_statuses();
	test_duration_and_text();
	free(cfg.overrides);
	catalog_free(&cfg.catalog);
	return t_done();
}
