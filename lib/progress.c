/*
 * progress: see progress.h.
 *
 * The log is reduced to sessions as rows arrive: for each exercise, the
 * best reps of every set number, per logged variant and side, plus the
 * highest pain and RPE of the day. progress_get then replays the sessions
 * inside the window in date order, starting at the bottom of the ladder,
 * so the answer depends only on the log and the thresholds, never on the
 * order in which the rows were read.
 */
#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "util.h"

/*
 * Sessions kept per exercise, the newest by date. The window needs at
 * most PROGRESS_WINDOW_DAYS of them before the day asked about; the rest
 * is room for asking about a day some weeks before the newest session.
 */
#define PROGRESS_KEEP 128

/* Rows logged without a variant count as the variant being prescribed. */
#define SLOT_ANY CATALOG_MAX_VARIANTS
#define NSLOTS (CATALOG_MAX_VARIANTS + 1)

/* One exercise on one date. reps[slot][side][set - 1]: 0 if not logged. */
struct session {
	date_t date;
	int pain; /* highest of the day, -1 if none */
	int rpe; /* highest of the day, -1 if none */
	unsigned char reps[NSLOTS][3][STORE_SET_MAX];
};

/* The sessions of one exercise, oldest first. */
struct track {
	struct session *s;
	size_t n;
	size_t cap;
};

struct progress {
	const struct config *cfg;
	struct track *tracks; /* parallel to cfg->catalog.ex */
	size_t ntracks;
};

/* The exercise's reps, and a third set when it starts below three. */
static int
start_sets(const struct exercise *e)
{
	return e->sets > 0 ? e->sets : 1;
}

static int
top_sets(const struct exercise *e)
{
	int s = start_sets(e);

	return s < 3 ? s + 1 : s;
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
	int r[3], nr = rep_rungs(e, r);

	return nr + (top_sets(e) > start_sets(e)) + (nvariants(e) - 1) * nr;
}

void
progress_level(const struct exercise *e, int level, struct level *out)
{
	int r[3], nr = rep_rungs(e, r), first;

	if (level >= progress_nlevels(e))
		level = progress_nlevels(e) - 1;
	if (level < 0)
		level = 0;
	/* Variant 0: the rep rungs at the starting sets, then a set more. */
	first = nr + (top_sets(e) > start_sets(e));
	if (level < nr) {
		out->sets = start_sets(e);
		out->reps = r[level];
		out->variant = 0;
	} else if (level < first) {
		out->sets = top_sets(e);
		out->reps = r[nr - 1];
		out->variant = 0;
	} else {
		/* Each further variant climbs the rep rungs at full sets. */
		out->sets = top_sets(e);
		out->reps = r[(level - first) % nr];
		out->variant = 1 + (level - first) / nr;
	}
}

struct progress *
progress_new(const struct config *cfg)
{
	struct progress *p = xcalloc(1, sizeof(*p));

	p->cfg = cfg;
	p->ntracks = cfg->catalog.n;
	p->tracks = xcalloc(p->ntracks, sizeof(*p->tracks));
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
 * The session of date d, created if needed, or NULL when the track is
 * full of newer sessions. Dropping the oldest keeps memory bounded however
 * long the log, and once a date is dropped every later row for it is too,
 * because the oldest date kept only ever moves forward.
 */
static struct session *
track_session(struct track *t, date_t d)
{
	size_t lo = 0, hi = t->n;
	struct session *s;

	/* Rows mostly come in date order: try the newest session first. */
	if (t->n > 0 && t->s[t->n - 1].date == d)
		return &t->s[t->n - 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->s[mid].date < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->n && t->s[lo].date == d)
		return &t->s[lo];
	if (t->n == PROGRESS_KEEP) {
		if (lo == 0)
			return NULL; /* older than everything kept */
		memmove(&t->s[0], &t->s[1], (lo - 1) * sizeof(*t->s));
		lo--;
	} else {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 16;
			if (t->cap > PROGRESS_KEEP)
				t->cap = PROGRESS_KEEP;
			t->s = xreallocarray(t->s, t->cap, sizeof(*t->s));
		}
		memmove(&t->s[lo + 1], &t->s[lo], (t->n - lo) * sizeof(*t->s));
		t->n++;
	}
	s = &t->s[lo];
	memset(s, 0, sizeof(*s));
	s->date = d;
	s->pain = -1;
	s->rpe = -1;
	return s;
}

/* The slot a row's variant goes to, or -1 for a variant e does not have. */
static int
variant_slot(const struct exercise *e, const char *v)
{
	if (e->nvariants == 0)
		return 0; /* a ladder of one: every row is on it */
	if (v == NULL || *v == '\0')
		return SLOT_ANY;
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

	if (r->exercise == NULL || (i = track_index(p, r->exercise)) < 0)
		return;
	e = &p->cfg->catalog.ex[i];
	if ((s = track_session(&p->tracks[i], r->date)) == NULL)
		return;
	if (r->pain > s->pain)
		s->pain = r->pain;
	if (r->rpe > s->rpe)
		s->rpe = r->rpe;
	/* An unknown variant still hurts or tires, but reaches no level. */
	if ((slot = variant_slot(e, r->variant)) < 0)
		return;
	if (r->set < 1 || r->set > STORE_SET_MAX || r->reps < 1)
		return;
	side = (int)r->side;
	if (side < 0 || side > 2)
		return;
	/* The same set logged twice counts once, at its best. */
	if (r->reps > s->reps[slot][side][r->set - 1])
		s->reps[slot][side][r->set - 1] =
		    (unsigned char)(r->reps > 255 ? 255 : r->reps);
}

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
 * Whether the session reached lv: at least lv->sets sets of at least
 * lv->reps reps (on each side of a per-side exercise), at lv's variant.
 * A harder variant of the ladder counts too, and so do rows logged with
 * no variant, which are taken to be what the plan prescribed.
 */
static int
reached(
    const struct exercise *e, const struct session *s, const struct level *lv)
{
	int sides[2] = { SIDE_LEFT, SIDE_RIGHT }, nsides = e->per_side ? 2 : 1;

	for (int i = 0; i < nsides; i++) {
		int count = 0;

		for (int slot = 0; slot < NSLOTS; slot++) {
			if (slot < lv->variant ||
			    (slot >= nvariants(e) && slot != SLOT_ANY))
				continue;
			for (int set = 0; set < STORE_SET_MAX; set++)
				if (set_reps(e, s, slot, sides[i], set) >=
				    lv->reps)
					count++;
		}
		if (count < lv->sets)
			return 0;
	}
	return 1;
}

void
progress_get(const struct progress *p, const struct exercise *e, date_t d,
    struct prescription *out)
{
	const struct config *cfg = p->cfg;
	const struct track *t = NULL;
	int top = progress_nlevels(e) - 1, streak = 0;
	long i;

	memset(out, 0, sizeof(*out));
	out->step = STEP_NONE;
	out->pain = -1;
	if (e->slug != NULL && (i = track_index(p, e->slug)) >= 0)
		t = &p->tracks[i];
	for (size_t k = 0; t != NULL && k < t->n; k++) {
		const struct session *s = &t->s[k];
		struct level lv;

		if (s->date < progress_since(d))
			continue;
		if (s->date >= d)
			break;
		out->sessions++;
		out->from = out->level;
		out->pain = s->pain;
		progress_level(e, out->level, &lv);
		if (s->pain >= 0 && s->pain >= cfg->back_pain) {
			if (out->level > 0)
				out->level--;
			streak = 0;
			out->step = STEP_BACK;
			continue;
		}
		out->step = STEP_NONE;
		/* Pain or effort left unlogged does not hold anyone back. */
		if (s->pain <= cfg->up_pain && s->rpe <= cfg->up_rpe &&
		    reached(e, s, &lv)) {
			if (++streak >= cfg->up_sessions && out->level < top) {
				out->level++;
				streak = 0;
				out->step = STEP_UP;
			}
		} else
			streak = 0;
	}
	out->to_next = out->level < top ? cfg->up_sessions - streak : 0;
	if (out->to_next < 0)
		out->to_next = 0;
	progress_level(e, out->level, &out->dose);
}

date_t
progress_since(date_t d)
{
	return d - PROGRESS_WINDOW_DAYS;
}

/* store_read passes one argument to both callbacks: carry both targets. */
struct reading {
	struct progress *p;
	store_warn_fn warn;
	void *arg;
};

static int
read_row(const struct store_row *r, void *arg)
{
	struct reading *rd = arg;

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

struct progress *
progress_read(const struct config *cfg, const char *path, date_t d,
    store_warn_fn warn, void *arg, long *bad, char **cause)
{
	struct reading rd = { progress_new(cfg), warn, arg };
	struct store_read_opts o;
	long n = 0;

	if (path != NULL) {
		memset(&o, 0, sizeof(o));
		o.path = path;
		o.tail = 1;
		o.since = progress_since(d);
		o.row = read_row;
		o.warn = read_warn;
		o.arg = &rd;
		if ((n = store_read(&o, cause)) < 0) {
			progress_free(rd.p);
			return NULL;
		}
	}
	if (bad != NULL)
		*bad = n;
	return rd.p;
}
