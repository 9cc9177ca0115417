/* plan: see plan.h. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "util.h"

const char *const plan_reasons[REASON_NREASONS] = { "", "after easy run",
	"rest day", "cross-training day", "logged" };

const char *const plan_statuses[STATUS_NSTATUSES] = { "", "done", "partial",
	"missed", "due", "upcoming" };

struct plan_log {
	const struct config *cfg;
	date_t from;
	long ndays;
	unsigned char *seen; /* ndays * catalog.n */
	date_t first; /* the first day of prehab */
	int has_first;
};

struct plan_log *
plan_log_new(const struct config *cfg, date_t from, date_t to)
{
	struct plan_log *l = xcalloc(1, sizeof(*l));

	l->cfg = cfg;
	l->from = from;
	l->ndays = to >= from ? to - from + 1 : 0;
	l->seen = xcalloc(
	    (size_t)l->ndays * (cfg->catalog.n ? cfg->catalog.n : 1), 1);
	return l;
}

void
plan_log_free(struct plan_log *l)
{
	if (l == NULL)
		return;
	free(l->seen);
	free(l);
}

void
plan_log_set_first(struct plan_log *l, date_t first)
{
	l->first = first;
	l->has_first = 1;
}

void
plan_log_add(struct plan_log *l, const struct store_row *r)
{
	const struct catalog *cat = &l->cfg->catalog;
	long i = r->date - l->from;

	if (i < 0 || i >= l->ndays || r->exercise == NULL)
		return;
	for (size_t k = 0; k < cat->n; k++)
		if (cat->ex[k].enabled && cat->ex[k].slug != NULL &&
		    strcmp(cat->ex[k].slug, r->exercise) == 0) {
			l->seen[(size_t)i * cat->n + k] = 1;
			break;
		}
}

int
plan_log_count(const struct plan_log *l, date_t d)
{
	size_t n = l->cfg->catalog.n;
	long i = d - l->from;
	int count = 0;

	if (i < 0 || i >= l->ndays)
		return 0;
	for (size_t k = 0; k < n; k++)
		count += l->seen[(size_t)i * n + k];
	return count;
}

/* Whether a day of this kind may hold a session. */
static int
eligible(enum day_kind k)
{
	return k == DAY_REST || k == DAY_EASY || k == DAY_CROSS;
}

/* Whether d may hold a session: its kind, and no race the day around. */
static int
day_open(const struct config *cfg, date_t d)
{
	return eligible(config_day(cfg, d)) &&
	    config_day(cfg, d - 1) != DAY_RACE &&
	    config_day(cfg, d + 1) != DAY_RACE;
}

static int
popcount(unsigned m)
{
	int n = 0;

	for (; m != 0; m &= m - 1)
		n++;
	return n;
}

/* What a candidate set of days costs; lower is better, field by field. */
struct cost {
	int missing; /* sessions short of the number wanted */
	int eve; /* sessions on the day before a long run */
	/*
	 * free days missing from the week's last session to its first, as if it
	 * repeated
	 */
	int wrap;
	int spread; /* sum of squared distances between sessions */
	/*
	 * the same to the session after next, which keeps three in a row rarer
	 * than two pairs
	 */
	int spread2;
};

/*
 * The cost of choosing chosen next to fixed, or -1 when a chosen day is
 * closer than min_gap_days to another session.
 */
static int
cost_of(const struct config *cfg, const int eve[7], unsigned fixed,
    unsigned chosen, int before, int want, struct cost *c)
{
	int pos[7], n = 0, prev = before, prevchosen = 0;

	memset(c, 0, sizeof(*c));
	c->missing = want - popcount(chosen);
	for (int i = 0; i < 7; i++) {
		int mine = (chosen >> i) & 1;

		if (!((fixed | chosen) & (1u << i)))
			continue;
		if (mine)
			c->eve += eve[i];
		/* Two logged days too close are the runner's; not ours. */
		if (prev != PLAN_NO_SESSION &&
		    i - prev - 1 < cfg->min_gap_days && (mine || prevchosen))
			return -1;
		pos[n++] = prev = i;
		prevchosen = mine;
	}
	/* Next week's first session, if the week repeated. */
	if (n > 1 && pos[0] + 7 - pos[n - 1] - 1 < cfg->min_gap_days)
		c->wrap = cfg->min_gap_days - (pos[0] + 7 - pos[n - 1] - 1);
	/* Distances to the next session and the one after, round the ring. */
	for (int i = 0; i < n; i++) {
		int d1 = pos[(i + 1) % n] - pos[i] + (i + 1 >= n ? 7 : 0);
		int d2 = pos[(i + 2) % n] - pos[i] + (i + 2 >= n ? 7 : 0);

		c->spread += d1 * d1;
		c->spread2 += d2 * d2;
	}
	return 0;
}

/* Whether chosen set a is better than b at equal cost: the earlier day. */
static int
earlier(unsigned a, unsigned b)
{
	unsigned diff = a ^ b;

	/* The lowest day where they differ belongs to the earlier set. */
	return diff != 0 && (a & diff & -diff) != 0;
}

/* Compares two candidate sets, criterion by criterion. */
static int
better(const struct cost *a, unsigned aset, const struct cost *b, unsigned bset)
{
	if (a->missing != b->missing)
		return a->missing < b->missing;
	if (a->eve != b->eve)
		return a->eve < b->eve;
	if (a->wrap != b->wrap)
		return a->wrap < b->wrap;
	if (a->spread != b->spread)
		return a->spread < b->spread;
	if (a->spread2 != b->spread2)
		return a->spread2 < b->spread2;
	return earlier(aset, bset);
}

/* Whether the day after offset i of the week starting start is long. */
static void
eves(const struct config *cfg, date_t start, int eve[7])
{
	for (int i = 0; i < 7; i++)
		eve[i] = config_day(cfg, start + i + 1) == DAY_LONG;
}

unsigned
plan_place(const struct config *cfg, date_t start, unsigned fixed, int before,
    unsigned cand, int n)
{
	struct cost best = { INT_MAX, INT_MAX, INT_MAX, INT_MAX, INT_MAX }, c;
	unsigned bestset = 0;
	int eve[7];

	cand &= 0x7f & ~fixed;
	if (n <= 0)
		return 0;
	eves(cfg, start, eve);
	/* The empty set is always feasible: it is where the search starts. */
	(void)cost_of(cfg, eve, fixed, 0, before, n, &best);
	for (unsigned set = 1; set < 0x80; set++) {
		if ((set & ~cand) != 0 || popcount(set) > n)
			continue;
		if (cost_of(cfg, eve, fixed, set, before, n, &c) != 0)
			continue;
		if (better(&c, set, &best, bestset)) {
			best = c;
			bestset = set;
		}
	}
	return bestset;
}

static enum plan_reason
reason_of(enum day_kind k)
{
	switch (k) {
	case DAY_EASY: return REASON_EASY;
	case DAY_REST: return REASON_REST;
	case DAY_CROSS: return REASON_CROSS;
	default: return REASON_NONE;
	}
}

/* The number of enabled exercises, what "done" means. */
static int
nenabled(const struct config *cfg)
{
	int n = 0;

	for (size_t i = 0; i < cfg->catalog.n; i++)
		n += cfg->catalog.ex[i].enabled != 0;
	return n;
}

/* The latest session day before the week, as an offset from its Monday. */
static int
session_before(const struct plan_log *log, date_t today, date_t start,
    const struct plan_week *prev)
{
	if (prev != NULL) {
		for (int i = 6; i >= 0; i--)
			if (prev->day[i].session &&
			    prev->day[i].status != STATUS_MISSED)
				return i - 7;
		return PLAN_NO_SESSION;
	}
	/* min_gap_days is at most 3, so four days back is enough. */
	for (int i = 1; i <= 4; i++)
		if (start - i <= today && plan_log_count(log, start - i) > 0)
			return -i;
	return PLAN_NO_SESSION;
}

void
plan_week(const struct config *cfg, const struct plan_log *log, date_t today,
    date_t start, const struct plan_week *prev, struct plan_week *out)
{
	unsigned open = 0, sched = 0, logged = 0, chosen = 0, missed = 0;
	unsigned was = 0, cand;
	int all = nenabled(cfg), before, t, first = 0, target, fixed_n, room;

	memset(out, 0, sizeof(*out));
	out->start = start;
	if (log->has_first && log->first > start)
		first = log->first - start > 7 ? 7 : (int)(log->first - start);
	out->started = first;
	for (int i = 0; i < 7; i++) {
		struct plan_day *pd = &out->day[i];

		pd->date = start + i;
		pd->kind = config_day(cfg, pd->date);
		if (pd->kind == DAY_RACE)
			out->race = 1;
		if (day_open(cfg, pd->date))
			sched |= 1u << i;
		if (i >= first && day_open(cfg, pd->date))
			open |= 1u << i;
		if (pd->date <= today)
			pd->logged = plan_log_count(log, pd->date);
		if (pd->logged > 0)
			logged |= 1u << i;
	}
	target = out->want = out->race ? 1 : cfg->sessions_per_week;
	before = session_before(log, today, start, prev);

	/* t: today as a day of this week, -1 before it, 7 after it. */
	t = today < start ? -1 : today > start + 6 ? 7 : (int)(today - start);

	/* Each past day and today, as the plan stood on that day. */
	for (int p = 0; p <= t && p < 7; p++) {
		unsigned done = logged & ((1u << p) - 1);
		unsigned got = plan_place(cfg, start, done, before,
		    open & ~((1u << p) - 1), target - popcount(done));

		was |= got & (1u << p);
	}
	/* Missed where that plan had put a session and nothing was done. */
	missed = was & ~logged & (t < 0 ? 0 : (1u << (t < 7 ? t : 7)) - 1);
	/* Today and after, around every session logged so far. */
	fixed_n = popcount(logged);
	cand = open & ~logged & ~(t < 0 ? 0 : (1u << t) - 1);
	if (t < 7)
		chosen = plan_place(
		    cfg, start, logged, before, cand, target - fixed_n);
	/*
	 * What the week can hold: its schedule from the first day of
	 * prehab, or what was logged and still fits, whichever is more.
	 */
	out->room = popcount(plan_place(cfg, start, 0, before, sched, target));
	room = popcount(plan_place(cfg, start, 0, before, open, target));
	if (room < target && fixed_n + popcount(chosen) < target)
		target = room > fixed_n + popcount(chosen)
		    ? room
		    : fixed_n + popcount(chosen);
	out->target = target;
	out->missed = target - fixed_n - popcount(chosen);
	if (out->missed < 0)
		out->missed = 0;
	/* One missed session, one missed day: the first ones it was put on. */
	for (int i = 0, left = out->missed; i < 7; i++)
		if ((missed & (1u << i)) && left-- <= 0)
			missed &= ~(1u << i);

	for (int i = 0; i < 7; i++) {
		struct plan_day *pd = &out->day[i];
		int eve = config_day(cfg, pd->date + 1) == DAY_LONG;

		pd->race_week = out->race;
		if (chosen & (1u << i)) {
			pd->reason = reason_of(pd->kind);
			pd->eve = eve;
		} else if (pd->logged > 0)
			pd->reason = (was & (1u << i)) ? reason_of(pd->kind)
						       : REASON_LOGGED;
		else if (missed & (1u << i))
			pd->reason = reason_of(pd->kind);
		else
			continue;
		pd->session = 1;
		out->sessions++;
		if (pd->logged > 0 || (chosen & (1u << i)))
			out->placed++;
		if (pd->logged > 0 && pd->logged >= all)
			pd->status = STATUS_DONE;
		else if (pd->logged > 0)
			pd->status = STATUS_PARTIAL;
		else if (missed & (1u << i))
			pd->status = STATUS_MISSED;
		else if (i == t)
			pd->status = STATUS_DUE;
		else
			pd->status = STATUS_UPCOMING;
	}
}

int
plan_exercise_seconds(const struct exercise *e, const struct level *lv)
{
	int rep = PLAN_REP_S + e->hold_s + e->tempo_s;
	int work = lv->sets * lv->reps * rep * (e->per_side ? 2 : 1);

	return work + (lv->sets > 1 ? (lv->sets - 1) * PLAN_REST_S : 0) +
	    PLAN_SETUP_S;
}

int
plan_minutes(int seconds)
{
	return seconds <= 0 ? 0 : (seconds + 59) / 60;
}

void
plan_dose_text(struct buf *b, const struct exercise *e, const struct level *lv,
    const char *times)
{
	buf_addf(b, "%d%s%d", lv->sets, times, lv->reps);
	if (e->per_side)
		buf_adds(b, " each side");
	if (e->hold_s > 0)
		buf_addf(b, ", hold %d s", e->hold_s);
	else if (e->tempo != NULL && *e->tempo != '\0')
		buf_addf(b, ", %s", e->tempo);
}

void
plan_ics_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
		case ',':
		case ';':
			buf_addc(b, '\\');
			buf_addc(b, *s);
			break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': break;
		default: buf_addc(b, *s);
		}
	}
}

void
plan_ics_line(struct buf *b, const char *line)
{
	const unsigned char *p = (const unsigned char *)line;
	size_t used = 0, max = 75;

	while (*p != '\0') {
		size_t n = 1;

		/* A character is its lead byte and the continuations after. */
		while ((p[n] & 0xc0) == 0x80)
			n++;
		if (used + n > max) {
			/* The fold's leading space counts against the next line. */
			buf_adds(b, "\r\n ");
			used = 1;
		}
		buf_add(b, p, n);
		used += n;
		p += n;
	}
	buf_adds(b, "\r\n");
}
