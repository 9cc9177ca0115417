/*
 * progress: see progress.h.
 *
 * The log is reduced to sessions as rows arrive: for each exercise, the
 * best reps of every set number, per logged variant and side, plus the
 * highest pain and RPE of the day; and, apart, the highest pain of each
 * morning check-in. Every answer is then a function of the sessions and
 * check-ins inside a window that ends on the day asked about, with no
 * state carried from outside it: that is what keeps the answer the same
 * however much of the log was read, and never lets it drift.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "util.h"

const char *const progress_lights[4] = { "", "green", "amber", "red" };

const char *const progress_causes[CAUSE_ALERT + 1] = { "start", "hold", "up",
	"top", "no-pain", "effort", "amber", "amber-run", "red", "short",
	"restart", "alert" };

/*
 * Sessions and check-ins kept per track, the newest by date: more than
 * the window needs, so that a day some weeks before the newest row can
 * still be asked about.
 */
#define PROGRESS_KEEP 128

/* One exercise on one date. reps[slot][side][set - 1]: 0 if not logged. */
struct session {
	date_t date;
	int pain; /* highest of the day, -1 if none */
	int rpe; /* highest of the day, -1 if none */
	int rung; /* rung_of, once worked out; RUNG_UNKNOWN before */
	int race; /* its week holds a race: 1 or 0, -1 until worked out */
	unsigned char reps[CATALOG_MAX_VARIANTS][3][STORE_SET_MAX];
};
#define RUNG_UNKNOWN (-2)

/* The sessions of one exercise, oldest first. */
struct track {
	struct session *s;
	size_t n;
	size_t cap;
};

/* One morning's check-in: its highest pain. */
struct checkin {
	date_t date;
	int pain;
};

/*
 * What pause_of found for one day, kept because every exercise of every
 * session asks it again; any new row forgets it.
 */
struct memo {
	int valid;
	date_t d;
	int general; /* an alert about the knee stands */
};

struct progress {
	const struct config *cfg;
	struct memo *memo;
	struct track *tracks; /* parallel to cfg->catalog.ex */
	size_t ntracks;
	struct checkin *ci; /* oldest first, at most PROGRESS_KEEP */
	size_t nci;
	size_t cicap;
	size_t keep; /* sessions kept per track: PROGRESS_KEEP, or all */
};

/* ---- The ladder ---------------------------------------------------- */

static int
start_sets(const struct exercise *e)
{
	return e->sets > 0 ? e->sets : 1;
}

static int
nvariants(const struct exercise *e)
{
	return e->nvariants > 0 ? e->nvariants : 1;
}

/*
 * The rep rungs: the starting reps, then about a fifth and a half more,
 * which from 10 gives the routine's 10, 12, 15. Rungs that round to the
 * same number (a one-rep hold) collapse into one. Returns how many.
 */
static int
rep_rungs(const struct exercise *e, int r[3])
{
	int base = e->reps > 0 ? e->reps : 1, cand[2], n = 1;

	r[0] = base;
	cand[0] = (base * 12 + 5) / 10;
	cand[1] = (base * 3 + 1) / 2;
	for (int i = 0; i < 2; i++)
		if (cand[i] > r[n - 1])
			r[n++] = cand[i];
	return n;
}

int
progress_nlevels(const struct exercise *e)
{
	int r[3];

	return rep_rungs(e, r) * nvariants(e);
}

void
progress_level(const struct exercise *e, int level, struct level *out)
{
	int r[3], nr = rep_rungs(e, r);

	if (level >= progress_nlevels(e))
		level = progress_nlevels(e) - 1;
	if (level < 0)
		level = 0;
	out->sets = start_sets(e);
	out->reps = r[level % nr];
	out->variant = level / nr;
}

void
progress_taper(
    const struct exercise *e, const struct level *in, struct level *out)
{
	*out = *in;
	if (in->sets > 2)
		out->sets = in->sets - 1;
	else if (in->variant > 0)
		out->variant = in->variant - 1;
	else
		progress_level(e, 0, out);
}

/* ---- Reading rows -------------------------------------------------- */

struct progress *
progress_new(const struct config *cfg)
{
	struct progress *p = xcalloc(1, sizeof(*p));

	p->cfg = cfg;
	p->memo = xcalloc(1, sizeof(*p->memo));
	p->ntracks = cfg->catalog.n;
	p->tracks = xcalloc(p->ntracks, sizeof(*p->tracks));
	p->keep = PROGRESS_KEEP;
	return p;
}

struct progress *
progress_new_all(const struct config *cfg)
{
	struct progress *p = progress_new(cfg);

	p->keep = SIZE_MAX;
	return p;
}

void
progress_free(struct progress *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->ntracks; i++)
		free(p->tracks[i].s);
	free(p->tracks);
	free(p->ci);
	free(p->memo);
	free(p);
}

/* The index of the exercise with this slug in the catalog, or -1. */
static long
track_index(const struct progress *p, const char *slug)
{
	const struct catalog *cat = &p->cfg->catalog;

	for (size_t i = 0; i < cat->n && i < p->ntracks; i++)
		if (cat->ex[i].slug != NULL &&
		    strcmp(cat->ex[i].slug, slug) == 0)
			return (long)i;
	return -1;
}

/*
 * Where date d is or would go in an array of n items of size sz sorted
 * by their leading date_t.
 */
static size_t
date_slot(const void *base, size_t n, size_t sz, date_t d)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		date_t md;

		memcpy(&md, (const char *)base + mid * sz, sizeof(md));
		if (md < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Makes room for an item of date d at its place in a sorted array of at
 * most keep items, dropping the oldest when full. Returns the index of
 * the new zeroed item, or -1 when d is older than everything kept: once
 * a date is dropped every later row for it is too, because the oldest
 * date kept only ever moves forward.
 */
static long
make_room(
    void **base, size_t *n, size_t *cap, size_t sz, size_t lo, size_t keep)
{
	char *b;

	if (*n == keep) {
		if (lo == 0)
			return -1;
		b = *base;
		memmove(b, b + sz, (lo - 1) * sz);
		lo--;
	} else {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			if (*cap > keep)
				*cap = keep;
			*base = xreallocarray(*base, *cap, sz);
		}
		b = *base;
		memmove(b + (lo + 1) * sz, b + lo * sz, (*n - lo) * sz);
		(*n)++;
	}
	memset(b + lo * sz, 0, sz);
	return (long)lo;
}

/* The session of date d, created if needed, or NULL when too old. */
static struct session *
track_session(struct track *t, date_t d, size_t keep)
{
	size_t lo;
	long at;

	/* Rows mostly come in date order: try the newest session first. */
	if (t->n > 0 && t->s[t->n - 1].date == d)
		return &t->s[t->n - 1];
	lo = date_slot(t->s, t->n, sizeof(*t->s), d);
	if (lo < t->n && t->s[lo].date == d)
		return &t->s[lo];
	at = make_room((void **)&t->s, &t->n, &t->cap, sizeof(*t->s), lo, keep);
	if (at < 0)
		return NULL;
	t->s[at].date = d;
	t->s[at].pain = -1;
	t->s[at].rpe = -1;
	t->s[at].rung = RUNG_UNKNOWN;
	t->s[at].race = -1;
	return &t->s[at];
}

static void
add_checkin(struct progress *p, const struct store_row *r)
{
	size_t lo = date_slot(p->ci, p->nci, sizeof(*p->ci), r->date);
	long at;

	if (r->pain < 0)
		return;
	if (lo < p->nci && p->ci[lo].date == r->date) {
		if (r->pain > p->ci[lo].pain)
			p->ci[lo].pain = r->pain;
		return;
	}
	at = make_room((void **)&p->ci, &p->nci, &p->cicap, sizeof(*p->ci), lo,
	    PROGRESS_KEEP);
	if (at < 0)
		return;
	p->ci[at].date = r->date;
	p->ci[at].pain = r->pain;
}

/*
 * The slot a row's variant goes to, or -1 for a variant e does not have.
 * A row with no variant is taken as the first one: the careful reading
 * of a row typed by hand or imported from elsewhere.
 */
static int
variant_slot(const struct exercise *e, const char *v)
{
	if (e->nvariants == 0 || v == NULL || *v == '\0')
		return 0;
	for (int i = 0; i < e->nvariants; i++)
		if (e->variants[i].slug != NULL &&
		    util_strcaseeq(e->variants[i].slug, v))
			return i;
	return -1;
}

void
progress_add(struct progress *p, const struct store_row *r)
{
	const struct exercise *e;
	struct session *s;
	long i;
	int slot, side;

	if (r->exercise == NULL)
		return;
	p->memo->valid = 0;
	if (store_is_checkin(r)) {
		add_checkin(p, r);
		return;
	}
	if ((i = track_index(p, r->exercise)) < 0)
		return;
	e = &p->cfg->catalog.ex[i];
	if ((s = track_session(&p->tracks[i], r->date, p->keep)) == NULL)
		return;
	if (r->pain > s->pain)
		s->pain = r->pain;
	if (r->rpe > s->rpe)
		s->rpe = r->rpe;
	/* An unknown variant still hurts or tires, but reaches no rung. */
	if ((slot = variant_slot(e, r->variant)) < 0)
		return;
	if (r->set < 1 || r->set > STORE_SET_MAX || r->reps < 1)
		return;
	side = (int)r->side;
	if (side < 0 || side > 2)
		return;
	/* The same set logged twice counts once, at its best. */
	if (r->reps > s->reps[slot][side][r->set - 1]) {
		s->reps[slot][side][r->set - 1] =
		    (unsigned char)(r->reps > 255 ? 255 : r->reps);
		s->rung = RUNG_UNKNOWN;
	}
}

/* ---- Judging one session ------------------------------------------- */

/* Reps of one set on one side; rows marked "both" serve either side. */
static int
set_reps(const struct exercise *e, const struct session *s, int slot, int side,
    int set)
{
	int best = s->reps[slot][SIDE_BOTH][set];

	if (!e->per_side) {
		/* Sides mean nothing here: any row of the set will do. */
		if (s->reps[slot][SIDE_LEFT][set] > best)
			best = s->reps[slot][SIDE_LEFT][set];
		if (s->reps[slot][SIDE_RIGHT][set] > best)
			best = s->reps[slot][SIDE_RIGHT][set];
		return best;
	}
	if (s->reps[slot][side][set] > best)
		best = s->reps[slot][side][set];
	return best;
}

/*
 * Whether the session holds lv: at least lv->sets sets of at least
 * lv->reps reps (on each side of a per-side exercise), at lv's variant or
 * a harder one.
 */
static int
reached(
    const struct exercise *e, const struct session *s, const struct level *lv)
{
	int sides[2] = { SIDE_LEFT, SIDE_RIGHT }, nsides = e->per_side ? 2 : 1;

	for (int i = 0; i < nsides; i++) {
		int count = 0;

		for (int slot = lv->variant; slot < nvariants(e); slot++)
			for (int set = 0; set < STORE_SET_MAX; set++)
				if (set_reps(e, s, slot, sides[i], set) >=
				    lv->reps)
					count++;
		if (count < lv->sets)
			return 0;
	}
	return 1;
}

/*
 * The highest rung the session holds, or -1 if none; kept in the session
 * (the rules ask it of the same session many times), which is why the
 * session is not const here.
 */
static int
rung_of(const struct exercise *e, struct session *s)
{
	struct level lv;

	if (s->rung != RUNG_UNKNOWN)
		return s->rung;
	s->rung = -1;
	for (int k = progress_nlevels(e) - 1; k >= 0; k--) {
		progress_level(e, k, &lv);
		if (reached(e, s, &lv)) {
			s->rung = k;
			break;
		}
	}
	return s->rung;
}

/* The check-in dated d, -1 if none; only those up to upto count. */
static int
checkin_on(const struct progress *p, date_t d, date_t upto)
{
	size_t i = date_slot(p->ci, p->nci, sizeof(*p->ci), d);

	if (d > upto || i >= p->nci || p->ci[i].date != d)
		return -1;
	return p->ci[i].pain;
}

static enum progress_light
band(const struct config *cfg, int pain)
{
	if (pain < 0)
		return LIGHT_NONE;
	if (pain <= cfg->up_pain)
		return LIGHT_GREEN;
	if (pain >= cfg->back_pain)
		return LIGHT_RED;
	return LIGHT_AMBER;
}

static enum progress_light
worst(enum progress_light a, enum progress_light b)
{
	return a > b ? a : b;
}

/* The light of a session from its pain and the next morning's check-in. */
static enum progress_light
light_of(const struct config *cfg, int pain, int morning)
{
	enum progress_light l = worst(band(cfg, pain), band(cfg, morning));

	/* Worse the next morning than during: the load was too much. */
	if (pain >= 0 && morning >= 0) {
		if (morning - pain >= 2 * cfg->checkin_worse)
			l = LIGHT_RED;
		else if (morning - pain >= cfg->checkin_worse)
			l = worst(l, LIGHT_AMBER);
	}
	return l;
}

/* Facts about one session, as the rules see them. */
struct judged {
	int rung; /* -1 if it reached none */
	int pain, morning;
	enum progress_light light;
	int counts; /* green with RPE in the band or none */
};

/* Whether d's week (Monday to Sunday) holds a race. */
static int
race_week(const struct config *cfg, date_t d)
{
	date_t mon = date_week_start(d);

	for (int i = 0; i < 7; i++)
		if (config_day(cfg, mon + i) == DAY_RACE)
			return 1;
	return 0;
}

static void
judge(const struct progress *p, const struct exercise *e, struct session *s,
    date_t upto, struct judged *j)
{
	const struct config *cfg = p->cfg;

	j->rung = rung_of(e, s);
	j->pain = s->pain;
	j->morning = checkin_on(p, s->date + 1, upto);
	j->light = light_of(cfg, s->pain, j->morning);
	j->counts = j->light == LIGHT_GREEN &&
	    (s->rpe < 0 ||
		(s->rpe >= cfg->up_min_rpe && s->rpe <= cfg->up_rpe));
	/*
	 * A race week's session was one variant easier than its rung (see
	 * progress_taper): count it at that rung. At the first rung of the
	 * first variant the rung it came from is unknown: none.
	 */
	if (s->race < 0)
		s->race = race_week(cfg, s->date);
	if (j->rung >= 0 && s->race) {
		int r[3], nr = rep_rungs(e, r), top = progress_nlevels(e) - 1;

		j->rung = j->rung == 0   ? -1
		    : j->rung + nr > top ? top
					 : j->rung + nr;
	}
}

/* ---- The prescription ---------------------------------------------- */

/* The sessions of t dated in [from, to): indexes *lo to *hi. */
static void
span(const struct track *t, date_t from, date_t to, size_t *lo, size_t *hi)
{
	*lo = date_slot(t->s, t->n, sizeof(*t->s), from);
	*hi = date_slot(t->s, t->n, sizeof(*t->s), to);
}

/* Whether sessions a and b (a before b) are "in a row": close enough. */
static int
in_row(const struct session *a, const struct session *b)
{
	return b->date - a->date <= PROGRESS_BREAK_DAYS;
}

static const struct track *
track_of(const struct progress *p, const struct exercise *e)
{
	long i;

	if (e->slug == NULL || (i = track_index(p, e->slug)) < 0)
		return NULL;
	return &p->tracks[i];
}

static enum progress_pause
pause_of(const struct progress *, const struct exercise *, date_t d);

/* progress_get without out->planned, which asks it about an earlier day. */
static void
prescribe(const struct progress *p, const struct exercise *e, date_t d,
    struct prescription *out)
{
	const struct config *cfg = p->cfg;
	const struct track *t = track_of(p, e);
	int top = progress_nlevels(e) - 1, r = -1, run;
	size_t lo = 0, hi = 0, k;
	struct judged last, j;

	memset(out, 0, sizeof(*out));
	out->cause = CAUSE_START;
	out->done = -1;
	out->pain = -1;
	out->morning = -1;
	/*
	 * The last session must lie inside the window; the runs before it
	 * may reach back to the alerts' eight weeks, so that a run cut by
	 * the window's edge does not cost a rung of its own.
	 */
	if (t != NULL) {
		span(t, d - PROGRESS_WINDOW_DAYS, d, &lo, &hi);
		out->sessions = (int)(hi - lo);
		if (hi > lo)
			span(t, d - PROGRESS_ALERT_DAYS, d, &lo, &hi);
	}
	if (hi == lo) {
		/* A session just past the window: say why the rung fell. */
		if (t != NULL) {
			span(t, d - PROGRESS_ALERT_DAYS, d, &lo, &hi);
			if (hi > lo) {
				out->cause = CAUSE_RESTART;
				out->away = (int)(d - t->s[hi - 1].date);
			}
		}
		out->pause = pause_of(p, e, d);
		if (out->pause == PAUSE_EASIEST)
			out->cause = CAUSE_ALERT;
		progress_level(e, 0, &out->dose);
		return;
	}
	/* Check-ins up to d itself: this morning's speaks of yesterday. */
	judge(p, e, &t->s[hi - 1], d, &last);
	out->last = t->s[hi - 1].date;
	out->done = last.rung;
	out->pain = last.pain;
	out->morning = last.morning;
	out->light = last.light;

	/* The rung stands on the latest session that reached one. */
	for (k = hi; k > lo && r < 0; k--) {
		judge(p, e, &t->s[k - 1], d, &j);
		r = j.rung;
	}
	if (r < 0) {
		out->level = 0;
		out->cause = CAUSE_SHORT;
	} else if (last.rung < 0) {
		out->level = r;
		out->cause = CAUSE_SHORT;
	} else if (last.light == LIGHT_RED) {
		out->level = r > 0 ? r - 1 : 0;
		out->cause = CAUSE_RED;
	} else if (last.light == LIGHT_AMBER) {
		/* Amber at this same rung, in a row, ending with the last. */
		for (run = 0, k = hi; k > lo; k--) {
			judge(p, e, &t->s[k - 1], d, &j);
			if (j.light != LIGHT_AMBER || j.rung != r)
				break;
			if (k < hi && !in_row(&t->s[k - 1], &t->s[k]))
				break;
			run++;
		}
		out->level = r;
		out->cause = CAUSE_AMBER;
		if (run >= PROGRESS_AMBER_RUN && r > 0) {
			out->level = r - 1;
			out->cause = CAUSE_AMBER_RUN;
		}
	} else if (last.light == LIGHT_NONE) {
		out->level = r;
		out->cause = CAUSE_NOPAIN;
	} else if (!last.counts) {
		out->level = r;
		out->cause = CAUSE_EFFORT;
	} else {
		/* Green sessions that count, in a row, at r or above. */
		for (run = 0, k = hi; k > lo; k--) {
			judge(p, e, &t->s[k - 1], d, &j);
			if (!j.counts || j.rung < r)
				break;
			if (k < hi && !in_row(&t->s[k - 1], &t->s[k]))
				break;
			run++;
		}
		out->level = r;
		out->cause = CAUSE_HOLD;
		if (r >= top)
			out->cause = CAUSE_TOP;
		else if (run >= cfg->up_sessions) {
			out->level = r + 1;
			out->cause = CAUSE_UP;
		} else
			out->to_next = cfg->up_sessions - run;
	}
	if (last.light == LIGHT_RED) {
		out->resting = 1;
		out->rest_until = out->last + PROGRESS_RED_REST + 1;
	}
	out->after = out->level;
	/* Time away: a rung per two weeks, the first two weeks free. */
	out->away = (int)(d - out->last);
	if (out->away > PROGRESS_BREAK_DAYS)
		out->lost = (out->away - 1) / PROGRESS_BREAK_DAYS;
	out->level -= out->lost;
	if (out->level < 0) {
		out->lost += out->level;
		out->level = 0;
	}
	if (out->lost > 0)
		out->to_next = 0;
	out->pause = pause_of(p, e, d);
	if (out->pause == PAUSE_EASIEST) {
		out->level = 0;
		out->cause = CAUSE_ALERT;
		out->to_next = 0;
	}
	progress_level(e, out->level, &out->dose);
}

void
progress_get(const struct progress *p, const struct exercise *e, date_t d,
    struct prescription *out)
{
	struct prescription then;

	prescribe(p, e, d, out);
	out->planned = -1;
	if (out->sessions > 0) {
		prescribe(p, e, out->last, &then);
		out->planned = then.level;
	}
}

date_t
progress_since(date_t d)
{
	return d - PROGRESS_ALERT_DAYS;
}

int
progress_has_session(
    const struct progress *p, const struct exercise *e, date_t d)
{
	const struct track *t = track_of(p, e);
	size_t lo, hi;

	if (t == NULL)
		return 0;
	span(t, d, d + 1, &lo, &hi);
	return hi > lo;
}

int
progress_best_rung(
    const struct progress *p, const struct exercise *e, date_t from, date_t to)
{
	const struct track *t = track_of(p, e);
	size_t lo, hi;
	int best = -2, rung;

	if (t == NULL || to < from)
		return -2;
	span(t, from, to + 1, &lo, &hi);
	for (size_t k = lo; k < hi; k++)
		if ((rung = rung_of(e, &t->s[k])) > best)
			best = rung;
	return best;
}

int
progress_checkin_due(const struct progress *p, date_t d)
{
	if (checkin_on(p, d, d) >= 0)
		return 0;
	for (size_t i = 0; i < p->ntracks; i++) {
		const struct track *t = &p->tracks[i];
		size_t lo, hi;

		span(t, d - 1, d, &lo, &hi);
		if (hi > lo)
			return 1;
	}
	return 0;
}

/* ---- Alerts -------------------------------------------------------- */

/* Whether a green check-in is dated after day w and up to d. */
static int
settled_after(const struct progress *p, date_t w, date_t d)
{
	size_t i = date_slot(p->ci, p->nci, sizeof(*p->ci), w + 1);

	for (; i < p->nci && p->ci[i].date <= d; i++)
		if (p->ci[i].pain <= p->cfg->up_pain)
			return 1;
	return 0;
}

/*
 * Sessions are looked at when dated in [d - window + 1, send), check-ins
 * up to d: progress_get asks about a day before its own sessions, the
 * report about the day after them.
 */
struct scope {
	date_t from, send, d;
};

/* The latest pain >= refer_pain of exercise t, unsettled; 0 if none. */
static int
pain_alert(const struct progress *p, const struct track *t,
    const struct scope *sc, struct progress_alert *a)
{
	size_t lo, hi;

	span(t, sc->from, sc->send, &lo, &hi);
	for (size_t k = hi; k > lo; k--) {
		const struct session *s = &t->s[k - 1];

		if (s->pain < p->cfg->refer_pain)
			continue;
		if (settled_after(p, s->date, sc->d))
			return 0;
		a->kind = ALERT_PAIN;
		a->when = s->date;
		a->a = s->pain;
		return 1;
	}
	return 0;
}

/* Two red sessions of t within two weeks, the later one unsettled. */
static int
backs_alert(const struct progress *p, const struct exercise *e,
    const struct track *t, const struct scope *sc, struct progress_alert *a)
{
	size_t lo, hi;
	struct judged j;
	long later = -1;

	span(t, sc->from, sc->send, &lo, &hi);
	for (size_t k = hi; k > lo; k--) {
		judge(p, e, &t->s[k - 1], sc->d, &j);
		if (j.light != LIGHT_RED)
			continue;
		if (later < 0) {
			later = (long)(k - 1);
			a->b = j.pain > j.morning ? j.pain : j.morning;
			continue;
		}
		if (t->s[later].date - t->s[k - 1].date > PROGRESS_BREAK_DAYS)
			return 0;
		if (settled_after(p, t->s[later].date, sc->d))
			return 0;
		a->kind = ALERT_BACKS;
		a->when = t->s[later].date;
		a->a = j.pain > j.morning ? j.pain : j.morning;
		return 1;
	}
	return 0;
}

/* A check-in of pain >= refer_pain, unsettled. */
static int
checkin_alert(
    const struct progress *p, const struct scope *sc, struct progress_alert *a)
{
	for (size_t i = p->nci; i > 0; i--) {
		const struct checkin *c = &p->ci[i - 1];

		if (c->date > sc->d)
			continue;
		if (c->date < sc->from)
			break;
		if (c->pain < p->cfg->refer_pain)
			continue;
		if (settled_after(p, c->date, sc->d))
			return 0;
		a->kind = ALERT_PAIN;
		a->checkin = 1;
		a->when = c->date;
		a->a = c->pain;
		return 1;
	}
	return 0;
}

/* Morning pain rising over the last two weeks, and not green now. */
static int
morning_alert(
    const struct progress *p, const struct scope *sc, struct progress_alert *a)
{
	size_t lo = date_slot(p->ci, p->nci, sizeof(*p->ci), sc->d - 13);
	size_t hi = date_slot(p->ci, p->nci, sizeof(*p->ci), sc->d + 1);
	int first, last, max = -1;

	if (hi - lo < 3)
		return 0;
	first = p->ci[lo].pain;
	last = p->ci[hi - 1].pain;
	for (size_t i = lo; i < hi; i++)
		if (p->ci[i].pain > max)
			max = p->ci[i].pain;
	if (last != max || last - first < 2 || last <= p->cfg->up_pain)
		return 0;
	a->kind = ALERT_MORNING;
	a->when = p->ci[hi - 1].date;
	a->a = first;
	a->b = last;
	return 1;
}

/*
 * The highest pain of each day in [from, to] (at most 14 days), sessions
 * dated before send and check-ins; returns how many days had one.
 */
static int
day_pains(const struct progress *p, date_t from, date_t to, date_t send,
    int *sum, date_t *latest, int *latest_pain, int *latest_ci)
{
	int best[14], ci[14], n = 0, ndays = (int)(to - from + 1);

	if (ndays > 14)
		ndays = 14;
	for (int i = 0; i < ndays; i++) {
		best[i] = checkin_on(p, from + i, to);
		ci[i] = best[i] >= 0;
	}
	for (size_t i = 0; i < p->ntracks; i++) {
		const struct track *t = &p->tracks[i];
		size_t lo, hi;

		span(t, from, send < to + 1 ? send : to + 1, &lo, &hi);
		for (size_t k = lo; k < hi; k++) {
			int day = (int)(t->s[k].date - from);

			if (day < ndays && t->s[k].pain > best[day]) {
				best[day] = t->s[k].pain;
				ci[day] = 0;
			}
		}
	}
	*sum = 0;
	for (int i = 0; i < ndays; i++) {
		if (best[i] < 0)
			continue;
		*sum += best[i];
		n++;
		*latest = from + i;
		*latest_pain = best[i];
		*latest_ci = ci[i];
	}
	return n;
}

/*
 * Usual pain (the average of the days with pain recorded) over the last
 * two weeks not two points below what it was six weeks before.
 */
static int
stall_alert(
    const struct progress *p, const struct scope *sc, struct progress_alert *a)
{
	const struct config *cfg = p->cfg;
	int se, sl, ne, nl, lp, lci;
	date_t lw;

	ne =
	    day_pains(p, sc->d - 55, sc->d - 42, sc->send, &se, &lw, &lp, &lci);
	nl = day_pains(p, sc->d - 13, sc->d, sc->send, &sl, &lw, &lp, &lci);
	if (ne < 2 || nl < 2)
		return 0;
	/* In tenths, to compare averages without floating point. */
	se = se * 10 / ne;
	sl = sl * 10 / nl;
	if (se <= cfg->up_pain * 10 || sl <= cfg->up_pain * 10 || se - sl >= 20)
		return 0;
	/* The latest pain a green check-in: settled for now. */
	if (lci && lp <= cfg->up_pain)
		return 0;
	a->kind = ALERT_STALL;
	a->when = lw;
	a->a = se;
	a->b = sl;
	return 1;
}

static int
alerts_in(const struct progress *p, const struct scope *sc,
    struct progress_alert *out)
{
	const struct catalog *cat = &p->cfg->catalog;
	struct progress_alert a;
	int n = 0;

	for (size_t i = 0; i < cat->n && i < p->ntracks; i++) {
		const struct exercise *e = &cat->ex[i];

		memset(&a, 0, sizeof(a));
		if (pain_alert(p, &p->tracks[i], sc, &a) &&
		    n < PROGRESS_MAX_ALERTS) {
			a.e = e;
			out[n++] = a;
		}
	}
	memset(&a, 0, sizeof(a));
	if (checkin_alert(p, sc, &a) && n < PROGRESS_MAX_ALERTS) {
		out[n++] = a;
	}
	for (size_t i = 0; i < cat->n && i < p->ntracks; i++) {
		const struct exercise *e = &cat->ex[i];

		memset(&a, 0, sizeof(a));
		if (backs_alert(p, e, &p->tracks[i], sc, &a) &&
		    n < PROGRESS_MAX_ALERTS) {
			a.e = e;
			out[n++] = a;
		}
	}
	memset(&a, 0, sizeof(a));
	if (morning_alert(p, sc, &a) && n < PROGRESS_MAX_ALERTS) {
		out[n++] = a;
	}
	memset(&a, 0, sizeof(a));
	if (stall_alert(p, sc, &a) && n < PROGRESS_MAX_ALERTS) {
		out[n++] = a;
	}
	return n;
}

int
progress_alerts(const struct progress *p, date_t d, struct progress_alert *out)
{
	struct scope sc = { d - PROGRESS_ALERT_DAYS + 1, d + 1, d };

	return alerts_in(p, &sc, out);
}

/*
 * How an alert standing on day d (sessions before d) touches e: one of
 * its own, or one about the knee in general, pauses an exercise that
 * loads the knee and takes a hip exercise back to its first rung.
 */
/* Whether a session of any exercise raised an alert (PAIN or BACKS). */
static int
exercise_alert(const struct progress *p, const struct scope *sc)
{
	const struct catalog *cat = &p->cfg->catalog;
	struct progress_alert a;

	for (size_t i = 0; i < cat->n; i++) {
		const struct track *t = track_of(p, &cat->ex[i]);

		memset(&a, 0, sizeof(a));
		if (t != NULL &&
		    (pain_alert(p, t, sc, &a) ||
			backs_alert(p, &cat->ex[i], t, sc, &a)))
			return 1;
	}
	return 0;
}

static enum progress_pause
pause_of(const struct progress *p, const struct exercise *e, date_t d)
{
	struct scope sc = { d - PROGRESS_ALERT_DAYS, d, d };
	struct progress_alert a;
	struct memo *m = p->memo;

	/*
	 * Every alert is about the knee, whichever exercise raised it: while
	 * one stands, each knee-loading exercise pauses and each hip one
	 * stays at its easiest, as the alert says. The same for every
	 * exercise on a day, so worked out once.
	 */
	if (!m->valid || m->d != d) {
		memset(&a, 0, sizeof(a));
		m->general = checkin_alert(p, &sc, &a) ||
		    morning_alert(p, &sc, &a) || stall_alert(p, &sc, &a) ||
		    exercise_alert(p, &sc);
		m->d = d;
		m->valid = 1;
	}
	if (!m->general)
		return PAUSE_NONE;
	return e->knee ? PAUSE_STOP : PAUSE_EASIEST;
}

/* ---- Reading the log ----------------------------------------------- */

/* store_read passes one argument to both callbacks: carry both targets. */
struct reading {
	struct progress *p;
	date_t upto;
	store_warn_fn warn;
	void *arg;
};

static int
read_row(const struct store_row *r, void *arg)
{
	struct reading *rd = arg;

	if (r->date <= rd->upto)
		progress_add(rd->p, r);
	return 0;
}

static void
read_warn(const char *file, long line, const char *reason, void *arg)
{
	struct reading *rd = arg;

	if (rd->warn != NULL)
		rd->warn(file, line, reason, rd->arg);
}

long
progress_feed(struct progress *p, const char *path, date_t d,
    store_warn_fn warn, void *arg, enum fail *fail, char **cause)
{
	struct reading rd = { p, d, warn, arg };
	struct store_read_opts o;

	if (path == NULL)
		return 0;
	memset(&o, 0, sizeof(o));
	o.path = path;
	o.tail = 1;
	o.since = progress_since(d);
	o.row = read_row;
	o.warn = read_warn;
	o.arg = &rd;
	o.fail = fail;
	return store_read(&o, cause);
}

struct progress *
progress_read(const struct config *cfg, const char *path, date_t d,
    store_warn_fn warn, void *arg, long *bad, enum fail *fail, char **cause)
{
	struct progress *p = progress_new(cfg);
	long n;

	if ((n = progress_feed(p, path, d, warn, arg, fail, cause)) < 0) {
		progress_free(p);
		return NULL;
	}
	if (bad != NULL)
		*bad = n;
	return p;
}
