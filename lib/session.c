/* session: see session.h. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "session.h"
#include "util.h"

void
sess_init(struct sess_ex *x, int sets, int reps, int per_side,
    const struct tempo *t, const struct sess_pace *pace)
{
	memset(x, 0, sizeof(*x));
	x->sets = sets < 1 ? 1 : sets > STORE_SET_MAX ? STORE_SET_MAX : sets;
	x->reps = reps < 1 ? 1 : reps;
	x->per_side = per_side != 0;
	x->tempo = *t;
	x->pace = *pace;
	/* Set-major, as a runner does them: set 1 left, set 1 right, ... */
	for (int s = 1; s <= x->sets; s++) {
		if (x->per_side) {
			x->unit[x->nunits++] =
			    (struct sess_unit){ s, SIDE_LEFT, 0 };
			x->unit[x->nunits++] =
			    (struct sess_unit){ s, SIDE_RIGHT, 0 };
		} else
			x->unit[x->nunits++] =
			    (struct sess_unit){ s, SIDE_BOTH, 0 };
	}
}

void
sess_free(struct sess_ex *x)
{
	free(x->step);
	x->step = NULL;
	x->nsteps = x->cur = 0;
}

int
sess_mark(struct sess_ex *x, int set, enum store_side side)
{
	for (int u = 0; u < x->nunits; u++)
		if (x->unit[u].set == set && x->unit[u].side == side) {
			x->unit[u].done = 1;
			return 0;
		}
	return -1;
}

int
sess_ndone(const struct sess_ex *x)
{
	int n = 0;

	for (int u = 0; u < x->nunits; u++)
		n += x->unit[u].done;
	return n;
}

int
sess_nleft(const struct sess_ex *x)
{
	return x->nunits - sess_ndone(x);
}

static void
push(struct sess_ex *x, size_t *cap, enum sess_kind k, int unit, int rep,
    int phase, int ms)
{
	if (x->nsteps == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		x->step = xreallocarray(x->step, *cap, sizeof(*x->step));
	}
	x->step[x->nsteps++] = (struct sess_step){ k, unit, rep, phase, ms };
}

void
sess_build(struct sess_ex *x)
{
	size_t cap = 0;
	int prev = -1;

	sess_free(x);
	for (int u = 0; u < x->nunits; u++) {
		if (x->unit[u].done)
			continue;
		if (prev < 0 && x->pace.lead_in_s > 0)
			push(x, &cap, SESS_LEADIN, u, 0, 0,
			    x->pace.lead_in_s * 1000);
		else if (prev >= 0 && x->unit[prev].set == x->unit[u].set &&
		    x->pace.switch_s > 0)
			push(x, &cap, SESS_SWITCH, u, 0, 0,
			    x->pace.switch_s * 1000);
		else if (prev >= 0 && x->unit[prev].set != x->unit[u].set &&
		    x->pace.rest_s > 0)
			push(
			    x, &cap, SESS_REST, u, 0, 0, x->pace.rest_s * 1000);
		for (int r = 1; r <= x->reps; r++)
			for (int p = 0; p < x->tempo.n; p++)
				push(x, &cap, SESS_PHASE, u, r, p,
				    x->tempo.phase[p].seconds * 1000);
		prev = u;
	}
	x->cur = 0;
}

const struct sess_step *
sess_cur(const struct sess_ex *x)
{
	return x->cur < x->nsteps ? &x->step[x->cur] : NULL;
}

/* Whether step i is the last phase of its unit. */
static int
last_phase(const struct sess_ex *x, size_t i)
{
	return x->step[i].kind == SESS_PHASE &&
	    (i + 1 == x->nsteps || x->step[i + 1].kind != SESS_PHASE ||
		x->step[i + 1].unit != x->step[i].unit);
}

void
sess_next(struct sess_ex *x)
{
	if (x->cur >= x->nsteps)
		return;
	if (last_phase(x, x->cur))
		x->unit[x->step[x->cur].unit].done = 1;
	x->cur++;
}

void
sess_done_now(struct sess_ex *x)
{
	int u;

	if (x->cur >= x->nsteps)
		return;
	u = x->step[x->cur].unit;
	if (x->step[x->cur].kind == SESS_PHASE) {
		x->unit[u].done = 1;
		while (x->cur < x->nsteps &&
		    x->step[x->cur].kind == SESS_PHASE &&
		    x->step[x->cur].unit == u)
			x->cur++;
		return;
	}
	while (x->cur < x->nsteps && x->step[x->cur].kind != SESS_PHASE)
		x->cur++;
}

void
sess_back(struct sess_ex *x)
{
	int target = -1, here;
	size_t i;

	if (x->nsteps == 0)
		return;
	/* At the end, "the running set" is one past the last. */
	here = x->cur < x->nsteps ? x->step[x->cur].unit : x->nunits;
	for (i = 0; i < x->nsteps; i++) {
		int u = x->step[i].unit;

		if (u >= here)
			break;
		target = u;
	}
	if (target < 0)
		target = here < x->nunits ? here : x->step[0].unit;
	x->unit[target].done = 0;
	for (i = 0; i < x->nsteps; i++)
		if (x->step[i].kind == SESS_PHASE && x->step[i].unit == target)
			break;
	x->cur = i;
}

long
sess_ms_left(const struct sess_ex *x)
{
	long ms = 0;

	for (size_t i = x->cur; i < x->nsteps; i++)
		ms += x->step[i].ms;
	return ms;
}

static sess_ns
read_clock(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	return (sess_ns)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

sess_ns
sess_mono(void)
{
	return read_clock(CLOCK_MONOTONIC);
}

sess_ns
sess_boot(void)
{
#ifdef CLOCK_BOOTTIME
	return read_clock(CLOCK_BOOTTIME);
#else
	return read_clock(CLOCK_MONOTONIC);
#endif
}

sess_ns
sess_scaled(long ms, double scale)
{
	return (sess_ns)((double)ms * scale * 1e6 + 0.5);
}

int
sess_parse_scale(const char *s, double *out)
{
	double v = 0, frac = 0.1;
	int digits = 0;

	/* By hand: strtod would follow LC_NUMERIC and read "0,5". */
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		if ((v = v * 10 + (*s - '0')) > 1000)
			return -1;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits++, frac /= 10)
			v += (*s - '0') * frac;
	if (*s != '\0' || digits == 0 || v < 0.001 || v > 100)
		return -1;
	*out = v;
	return 0;
}

void
sess_sleep_until(sess_ns deadline)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(deadline / 1000000000LL);
	ts.tv_nsec = (long)(deadline % 1000000000LL);
	while (
	    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

int
sess_gap(
    sess_ns mono0, sess_ns boot0, sess_ns mono1, sess_ns boot1, sess_ns limit)
{
	sess_ns ran = mono1 - mono0, slept = (boot1 - boot0) - ran;

	return slept > limit || ran > limit;
}
