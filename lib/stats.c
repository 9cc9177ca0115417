/*
 * stats: see stats.h.
 *
 * stats_add runs once per log row, a million times for a big combined
 * log, so it does no allocation, formatting or searching in the common
 * case: the exercise is usually the previous row's (sets come in runs),
 * else a small hash table finds it, and the row's figures are added to
 * the bin of its day. Everything else is worked out from the bins once
 * reading is over.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

/* What one day of counted rows adds up to. */
struct day {
	long sets;
	long reps;
	long pain_n;
	long pain_sum;
	long rpe_n;
	long rpe_sum;
	int pain_max; /* -1 without pain scores */
};

/* An exercise slug seen in the log or asked for. */
struct ent {
	char *slug;
	uint32_t hash;
	int counted; /* its rows count (not filtered out) */
	int asked; /* named by opts.only */
	size_t col; /* its column in the day bins */
	struct stats_ex tot;
};

struct stats {
	struct stats_opts opts;
	struct progress *prog; /* with opts.levels */
	date_t prog_since; /* the rows the levels look at */

	struct ent *ents;
	size_t nents;
	size_t *table; /* hash -> ents index + 1; 0 free */
	size_t tcap; /* a power of two */
	size_t last; /* ents index of the previous row */

	/* Day bins from base to until; exreps holds stride columns a day. */
	date_t base;
	size_t ndays;
	struct day *days;
	long *exreps;
	size_t stride;
	size_t ncols; /* columns in use */
	int have_first; /* a row was read: first holds its date */
	date_t first; /* earliest date of a row read */

	struct stats_ex *out; /* stats_exercises, once built */
	size_t nout;
};

static uint32_t
hash_slug(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

static void
table_put(struct stats *s, size_t idx)
{
	size_t i, mask = s->tcap - 1;

	for (i = s->ents[idx].hash & mask; s->table[i] != 0; i = (i + 1) & mask)
		;
	s->table[i] = idx + 1;
}

/* Adds an entry for slug; its column is taken when its first row comes. */
static size_t
ent_add(struct stats *s, const char *slug, uint32_t h)
{
	const struct exercise *e = catalog_get(&s->opts.cfg->catalog, slug);
	struct ent *x;
	size_t i;

	s->ents = xreallocarray(s->ents, s->nents + 1, sizeof(*s->ents));
	x = &s->ents[s->nents];
	memset(x, 0, sizeof(*x));
	x->slug = xstrdup(slug);
	x->hash = h;
	x->col = (size_t)-1;
	x->counted = s->opts.nonly == 0;
	for (i = 0; i < s->opts.nonly; i++)
		if (s->opts.only[i] == e && e != NULL)
			x->counted = x->asked = 1;
	x->tot.slug = x->slug;
	x->tot.e = e;
	x->tot.pain_max = -1;
	s->nents++;

	if (s->nents * 2 > s->tcap) {
		free(s->table);
		s->tcap = s->tcap ? s->tcap * 2 : 16;
		s->table = xcalloc(s->tcap, sizeof(*s->table));
		for (i = 0; i < s->nents; i++)
			table_put(s, i);
	} else
		table_put(s, s->nents - 1);
	return s->nents - 1;
}

static size_t
ent_find(struct stats *s, const char *slug)
{
	uint32_t h;
	size_t i, mask, idx;

	if (s->nents > 0 && strcmp(s->ents[s->last].slug, slug) == 0)
		return s->last;
	h = hash_slug(slug);
	mask = s->tcap - 1;
	for (i = h & mask; s->tcap > 0 && s->table[i] != 0;
	     i = (i + 1) & mask) {
		idx = s->table[i] - 1;
		if (s->ents[idx].hash == h &&
		    strcmp(s->ents[idx].slug, slug) == 0)
			return s->last = idx;
	}
	return s->last = ent_add(s, slug, h);
}

/* Gives x a column in the day bins, widening every day's row if full. */
static void
ent_column(struct stats *s, struct ent *x)
{
	size_t nstride, d;
	long *n;

	if (s->ncols == s->stride) {
		nstride = s->stride ? s->stride * 2 : 8;
		n = xcalloc(s->ndays * nstride, sizeof(*n));
		for (d = 0; s->stride > 0 && d < s->ndays; d++)
			memcpy(n + d * nstride, s->exreps + d * s->stride,
			    s->stride * sizeof(*n));
		free(s->exreps);
		s->exreps = n;
		s->stride = nstride;
	}
	x->col = s->ncols++;
}

static void
days_clear(struct day *d, size_t n)
{
	memset(d, 0, n * sizeof(*d));
	for (size_t i = 0; i < n; i++)
		d[i].pain_max = -1;
}

/*
 * Extends the bins back to hold date t (< base), at least doubling them
 * so that a log read newest first costs few moves.
 */
static void
days_grow(struct stats *s, date_t t)
{
	size_t more = (size_t)(s->base - t), n;
	struct day *nd;
	long *nx;
	date_t min;

	if (more < s->ndays)
		more = s->ndays;
	/* ...but no further back than the earliest date there can be. */
	if (date_from_ymd(DATE_MIN_YEAR, 1, 1, &min) == 0 &&
	    s->base - (date_t)more < min)
		more = (size_t)(s->base - (t < min ? t : min));
	n = s->ndays + more;
	nd = xreallocarray(NULL, n, sizeof(*nd));
	days_clear(nd, more);
	memcpy(nd + more, s->days, s->ndays * sizeof(*nd));
	free(s->days);
	s->days = nd;
	if (s->stride > 0) {
		nx = xcalloc(n * s->stride, sizeof(*nx));
		memcpy(nx + more * s->stride, s->exreps,
		    s->ndays * s->stride * sizeof(*nx));
		free(s->exreps);
		s->exreps = nx;
	}
	s->ndays = n;
	s->base -= (date_t)more;
}

struct stats *
stats_new(const struct stats_opts *o)
{
	struct stats *s = xcalloc(1, sizeof(*s));
	const struct catalog *cat = &o->cfg->catalog;
	size_t i, idx;

	s->opts = *o;
	/* Start with the weeks a text report shows; older rows widen it. */
	s->base = o->since != STATS_NODATE && o->since <= o->until
	    ? o->since
	    : o->until - (date_t)8 * 7;
	s->ndays = (size_t)(o->until - s->base + 1);
	s->days = xreallocarray(NULL, s->ndays, sizeof(*s->days));
	days_clear(s->days, s->ndays);
	/* The catalog's exercises come first, in its order. */
	for (i = 0; i < cat->n; i++) {
		idx = ent_find(s, cat->ex[i].slug);
		ent_column(s, &s->ents[idx]);
	}
	if (o->levels) {
		s->prog = progress_new(o->cfg);
		s->prog_since = progress_since(o->until + 1);
	}
	return s;
}

void
stats_free(struct stats *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nents; i++)
		free(s->ents[i].slug);
	free(s->ents);
	free(s->table);
	free(s->days);
	free(s->exreps);
	free(s->out);
	if (s->prog != NULL)
		progress_free(s->prog);
	free(s);
}

int
stats_add(const struct store_row *r, void *arg)
{
	struct stats *s = arg;
	struct ent *x;
	struct day *d;
	struct stats_ex *t;
	size_t i;

	if (r->date > s->opts.until)
		return 0;
	/* A check-in is no set: it only feeds the coaching rules. */
	if (store_is_checkin(r)) {
		if (s->prog != NULL && r->date >= s->prog_since)
			progress_add(s->prog, r);
		return 0;
	}
	i = ent_find(s, r->exercise); /* may move ents */
	x = &s->ents[i];
	if (!x->counted)
		return 0;
	if (x->col == (size_t)-1)
		ent_column(s, x);
	if (s->prog != NULL && r->date >= s->prog_since)
		progress_add(s->prog, r);
	if (r->date < s->base)
		days_grow(s, r->date);
	if (!s->have_first || r->date < s->first) {
		s->first = r->date;
		s->have_first = 1;
	}

	i = (size_t)(r->date - s->base);
	d = &s->days[i];
	d->sets++;
	d->reps += r->reps;
	s->exreps[i * s->stride + x->col] += r->reps;
	if (r->pain >= 0) {
		d->pain_n++;
		d->pain_sum += r->pain;
		if (r->pain > d->pain_max)
			d->pain_max = r->pain;
	}
	if (r->rpe >= 0) {
		d->rpe_n++;
		d->rpe_sum += r->rpe;
	}

	if (r->date < s->opts.since)
		return 0;
	t = &x->tot;
	t->sets++;
	t->reps += r->reps;
	t->side[r->side].sets++;
	t->side[r->side].reps += r->reps;
	if (r->pain >= 0) {
		t->pain_n++;
		t->pain_sum += r->pain;
		if (r->pain > t->pain_max)
			t->pain_max = r->pain;
		t->side[r->side].pain_n++;
		t->side[r->side].pain_sum += r->pain;
	}
	if (r->rpe >= 0) {
		t->rpe_n++;
		t->rpe_sum += r->rpe;
	}
	return 0;
}

int
stats_first_row(const struct stats *s, date_t *out)
{
	if (!s->have_first)
		return 0;
	*out = s->first;
	return 1;
}

const struct progress *
stats_progress(const struct stats *s)
{
	return s->prog;
}

int
stats_first(const struct stats *s, date_t *out)
{
	if (s->opts.since != STATS_NODATE) {
		*out = s->opts.since;
		return 1;
	}
	return stats_first_row(s, out);
}

/* The day bin of t, or NULL outside the bins. */
static const struct day *
day_at(const struct stats *s, date_t t)
{
	if (t < s->base || t > s->opts.until)
		return NULL;
	return &s->days[t - s->base];
}

/* Left/right: which side lags, if any (see stats.h). */
static void
balance(struct stats_ex *t)
{
	const struct stats_side *l = &t->side[SIDE_LEFT];
	const struct stats_side *r = &t->side[SIDE_RIGHT];
	long long dl, dr;

	if (l->reps * 10 < r->reps * 9)
		t->fewer_reps = LAG_LEFT;
	else if (r->reps * 10 < l->reps * 9)
		t->fewer_reps = LAG_RIGHT;
	if (l->pain_n == 0 || r->pain_n == 0)
		return;
	/* mean(l) - mean(r) >= 2, in integers to be exact. */
	dl = (long long)l->pain_sum * r->pain_n;
	dr = (long long)r->pain_sum * l->pain_n;
	if (dl - dr >= 2LL * l->pain_n * r->pain_n)
		t->more_pain = LAG_LEFT;
	else if (dr - dl >= 2LL * l->pain_n * r->pain_n)
		t->more_pain = LAG_RIGHT;
}

/* The current level: what the next session after until prescribes. */
static void
ex_level(struct stats *s, struct stats_ex *t)
{
	struct prescription p;

	progress_get(s->prog, t->e, s->opts.until + 1, &p);
	t->has_level = 1;
	t->level = p.level;
	t->dose = p.dose;
}

static int
ent_cmp(const void *a, const void *b)
{
	const struct stats_ex *x = a, *y = b;

	return strcmp(x->slug, y->slug);
}

size_t
stats_exercises(struct stats *s, const struct stats_ex **out)
{
	struct ent *x;
	date_t from, t;
	size_t i, ncat;

	if (s->out != NULL || s->nents == 0) {
		*out = s->out;
		return s->nout;
	}
	s->out = xreallocarray(NULL, s->nents, sizeof(*s->out));
	from = s->opts.since > s->base ? s->opts.since : s->base;
	for (i = 0; i < s->nents; i++) {
		x = &s->ents[i];
		if (!x->counted)
			continue;
		/* Listed if asked for, enabled, or logged in the range. */
		if (!x->asked && x->tot.sets == 0 &&
		    (x->tot.e == NULL || !x->tot.e->enabled ||
			s->opts.nonly > 0))
			continue;
		if (x->col != (size_t)-1)
			for (t = from; t <= s->opts.until; t++)
				if (s->exreps[(size_t)(t - s->base) *
					    s->stride +
					x->col] > 0)
					x->tot.sessions++;
		balance(&x->tot);
		if (s->prog != NULL && x->tot.e != NULL)
			ex_level(s, &x->tot);
		s->out[s->nout++] = x->tot;
	}
	/* Catalog entries were added first, in catalog order. */
	for (ncat = 0; ncat < s->nout && s->out[ncat].e != NULL; ncat++)
		;
	qsort(s->out + ncat, s->nout - ncat, sizeof(*s->out), ent_cmp);
	*out = s->out;
	return s->nout;
}

/* The last day of the period starting on start. */
static date_t
period_end(enum stats_by by, date_t start)
{
	switch (by) {
	case STATS_DAY: return start;
	case STATS_WEEK: return start + 6;
	case STATS_MONTH:
		/* Any month is at most 31 days: start + 31 is in the next. */
		return date_month_start(start + 31) - 1;
	}
	return start;
}

date_t
stats_period_start(enum stats_by by, date_t t)
{
	switch (by) {
	case STATS_DAY: return t;
	case STATS_WEEK: return date_week_start(t);
	case STATS_MONTH: return date_month_start(t);
	}
	return t;
}

/* Sums the days of [p->start, p->end] that lie within [since, until]. */
static void
period_fill(
    struct stats *s, struct stats_period *p, size_t ncols, const size_t *cols)
{
	const struct day *d;
	long pain_sum = 0, rpe_sum = 0;
	int spw = s->opts.cfg->sessions_per_week;
	date_t t;
	size_t i;

	p->pain_max = -1;
	for (t = p->start; t <= p->end; t++) {
		if (t < s->opts.since || (d = day_at(s, t)) == NULL)
			continue;
		if (d->sets > 0)
			p->sessions++;
		p->sets += d->sets;
		p->reps += d->reps;
		p->pain_n += d->pain_n;
		pain_sum += d->pain_sum;
		if (d->pain_max > p->pain_max)
			p->pain_max = d->pain_max;
		p->rpe_n += d->rpe_n;
		rpe_sum += d->rpe_sum;
		for (i = 0; i < ncols; i++)
			if (cols[i] != (size_t)-1)
				p->ex_reps[i] +=
				    s->exreps[(size_t)(t - s->base) *
					    s->stride +
					cols[i]];
	}
	/* A period cut by --since is owed only the days it covers. */
	p->target = (double)spw *
	    (double)(p->end -
		(p->start > s->opts.since ? p->start : s->opts.since) + 1) /
	    7.0;
	p->adherence = ((double)p->sessions < p->target ? (double)p->sessions
							: p->target) /
	    p->target;
	p->pain_mean = p->pain_n ? (double)pain_sum / (double)p->pain_n : 0;
	p->rpe_mean = p->rpe_n ? (double)rpe_sum / (double)p->rpe_n : 0;
}

size_t
stats_periods(struct stats *s, enum stats_by by, date_t from, date_t to,
    struct stats_period **out)
{
	const struct stats_ex *ex;
	struct stats_period *p = NULL;
	size_t n = 0, i, j, nex, *cols;
	date_t start;

	nex = stats_exercises(s, &ex);
	/* The bin column of each reported exercise. */
	cols = xreallocarray(NULL, nex ? nex : 1, sizeof(*cols));
	for (i = 0; i < nex; i++) {
		cols[i] = (size_t)-1;
		for (j = 0; j < s->nents; j++)
			if (s->ents[j].slug == ex[i].slug)
				cols[i] = s->ents[j].col;
	}
	for (start = stats_period_start(by, from); start <= to;
	     start = period_end(by, start) + 1) {
		p = xreallocarray(p, n + 1, sizeof(*p));
		memset(&p[n], 0, sizeof(p[n]));
		p[n].start = start;
		p[n].end = period_end(by, start);
		p[n].ex_reps = xcalloc(nex ? nex : 1, sizeof(long));
		period_fill(s, &p[n], nex, cols);
		n++;
	}
	free(cols);
	*out = p;
	return n;
}

void
stats_periods_free(struct stats_period *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].ex_reps);
	free(p);
}

/* Sessions, and pain sums, in the week starting on monday (to until). */
static void
week_sum(const struct stats *s, date_t monday, long *sessions, long *pain_n,
    long *pain_sum)
{
	const struct day *d;

	*sessions = *pain_n = *pain_sum = 0;
	for (date_t t = monday; t < monday + 7; t++) {
		if ((d = day_at(s, t)) == NULL)
			continue;
		*sessions += d->sets > 0;
		*pain_n += d->pain_n;
		*pain_sum += d->pain_sum;
	}
}

int
stats_streak(struct stats *s, date_t *start)
{
	long sessions, pn, ps;
	date_t w = date_week_start(s->opts.until);
	int n = 0;

	week_sum(s, w, &sessions, &pn, &ps);
	if (sessions < s->opts.cfg->sessions_per_week)
		w -= 7;
	/* Weeks before the bins hold nothing, so the loop ends there. */
	for (; w + 6 >= s->base; w -= 7) {
		week_sum(s, w, &sessions, &pn, &ps);
		if (sessions < s->opts.cfg->sessions_per_week)
			break;
		n++;
	}
	*start = w + 7;
	return n;
}
