/*
 * test_session: the rhythm text and its defaults, the steps a dose turns
 * into (lead-in, phases, switch sides, rests), the keys' moves over them
 * (done now, back one set), a resumed exercise, the clock scale and gap
 * rules, and that waiting on absolute deadlines does not drift.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "session.h"
#include "t.h"
#include "tempo.h"

static void
test_tempo(void)
{
	struct tempo t;
	char buf[TEMPO_TEXT_MAX], *cause = NULL;
	struct catalog c;

	ok(tempo_parse("down:3 up:1", &t, &cause) == 0, "tempo parses");
	is(t.n, 2, "two phases");
	is_str(t.phase[0].name, "down", "first phase name");
	is(t.phase[0].seconds, 3, "first phase seconds");
	is(tempo_seconds(&t), 4, "rep length");
	is_str(tempo_format(&t, buf), "down:3 up:1", "tempo formats back");
	ok(tempo_parse("  up:1   hold:2 down:2 ", &t, &cause) == 0 && t.n == 3,
	    "spaces around phases are fine");

	ok(tempo_parse("", &t, &cause) == -1, "empty tempo refused");
	is_str(cause,
	    "tempo must name at least one phase, such as "
	    "'down:2 up:2'",
	    "empty tempo message");
	free(cause);
	ok(tempo_parse("down:0", &t, &cause) == -1, "zero seconds refused");
	is_str(cause, "tempo phase 'down:0' needs 1-60 seconds",
	    "zero seconds message");
	free(cause);
	ok(tempo_parse("down:61", &t, &cause) == -1, "61 seconds refused");
	free(cause);
	ok(tempo_parse("Down:2", &t, &cause) == -1, "capitals refused");
	is_str(cause, "tempo phase name 'Down' must be lowercase letters",
	    "capitals message");
	free(cause);
	ok(tempo_parse("down", &t, &cause) == -1, "no seconds refused");
	is_str(cause,
	    "tempo phase 'down' must be NAME:SECONDS, such as "
	    "'down:3'",
	    "no seconds message");
	free(cause);
	ok(tempo_parse("a:1 b:1 c:1 d:1 e:1", &t, &cause) == -1,
	    "five phases refused");
	free(cause);
	ok(tempo_parse("verylongname:1", &t, &cause) == -1,
	    "long name refused");
	free(cause);
	ok(tempo_parse("up:2x", &t, &cause) == -1, "trailing junk refused");
	free(cause);

	catalog_init(&c);
	tempo_for(catalog_get(&c, "glute-bridge"), NULL, &t);
	is_str(tempo_format(&t, buf), "up:1 hold:2 down:2",
	    "the bridge holds at the top");
	tempo_for(catalog_get(&c, "step-down"), NULL, &t);
	is_str(tempo_format(&t, buf), "down:4 up:2",
	    "the step-down lowers slowly");
	tempo_for(catalog_get(&c, "clamshell"), NULL, &t);
	is_str(tempo_format(&t, buf), TEMPO_DEFAULT, "others: the default");
	{
		struct tempo d;

		tempo_parse("open:1 close:3", &d, &cause);
		tempo_for(catalog_get(&c, "clamshell"), &d, &t);
		is_str(tempo_format(&t, buf), "open:1 close:3",
		    "a configured default rhythm");
	}
	catalog_free(&c);
}

static const struct sess_pace pace = { 3, 45, 5 };

static void
test_steps(void)
{
	struct sess_ex x;
	struct tempo t;
	char *cause = NULL;
	const struct sess_step *s;
	int kinds[5] = { 0 };

	tempo_parse("down:2 up:1", &t, &cause);
	sess_init(&x, 2, 3, 1, &t, &pace);
	is(x.nunits, 4, "2 sets per side are 4 units");
	is(x.unit[1].set, 1, "unit 2 is set 1");
	is(x.unit[1].side, SIDE_RIGHT, "... on the right");
	sess_build(&x);
	/* lead-in, 4 x 3 reps x 2 phases, a switch twice, one rest. */
	is(x.nsteps, 1 + 24 + 2 + 1, "step count");
	for (size_t i = 0; i < x.nsteps; i++)
		kinds[x.step[i].kind]++;
	is(kinds[SESS_LEADIN], 1, "one lead-in");
	is(kinds[SESS_SWITCH], 2, "a switch in each set");
	is(kinds[SESS_REST], 1, "one rest between the sets");
	is(sess_ms_left(&x), 3000 + 24 * 1500 + 2 * 5000 + 45000,
	    "planned length");
	s = sess_cur(&x);
	ok(s != NULL && s->kind == SESS_LEADIN && s->ms == 3000,
	    "the lead-in comes first");
	is(x.step[7].kind, SESS_SWITCH, "switch sides after set 1 left");
	is(x.step[14].kind, SESS_REST, "rest after set 1 right");

	/* Run the lead-in and one whole set by time. */
	for (int i = 0; i < 7; i++)
		sess_next(&x);
	is(sess_ndone(&x), 1, "set 1 left is done by time");
	is(sess_cur(&x)->kind, SESS_SWITCH, "then switch");
	sess_done_now(&x);
	ok(sess_cur(&x)->kind == SESS_PHASE && sess_cur(&x)->unit == 1,
	    "Enter ends the switch");
	sess_next(&x);
	sess_done_now(&x);
	is(sess_ndone(&x), 2, "Enter mid-set marks it done");
	is(sess_cur(&x)->kind, SESS_REST, "then the rest");
	sess_back(&x);
	is(sess_ndone(&x), 1, "b during the rest undoes the set just done");
	ok(sess_cur(&x)->kind == SESS_PHASE && sess_cur(&x)->unit == 1 &&
		sess_cur(&x)->rep == 1,
	    "... and starts it again");
	sess_done_now(&x);
	sess_done_now(&x); /* the rest */
	sess_next(&x);
	sess_back(&x);
	ok(sess_cur(&x)->unit == 1 && x.unit[1].done == 0,
	    "b mid-set goes back to the set before");
	sess_done_now(&x);
	sess_done_now(&x);
	sess_done_now(&x);
	sess_done_now(&x);
	sess_done_now(&x);
	sess_done_now(&x);
	is(sess_ndone(&x), 4, "all four sets done");
	ok(sess_cur(&x) == NULL, "the exercise is over");
	sess_free(&x);

	/* Resume: set 1 both sides in the log already. */
	sess_init(&x, 2, 3, 1, &t, &pace);
	is(sess_mark(&x, 1, SIDE_LEFT), 0, "mark set 1 left");
	is(sess_mark(&x, 1, SIDE_RIGHT), 0, "mark set 1 right");
	is(sess_mark(&x, 3, SIDE_LEFT), -1, "no set 3");
	is(sess_mark(&x, 1, SIDE_BOTH), -1, "no 'both' side here");
	sess_build(&x);
	is(sess_nleft(&x), 2, "two sets left");
	is(x.nsteps, 1 + 12 + 1, "lead-in, set 2 left, switch, set 2 right");
	sess_next(&x);
	sess_back(&x);
	ok(sess_cur(&x)->unit == 2 && sess_cur(&x)->rep == 1,
	    "b in the first set left restarts it");
	sess_free(&x);

	/* Both legs together, no pauses configured. */
	{
		struct sess_pace none = { 0, 0, 0 };

		sess_init(&x, 3, 2, 0, &t, &none);
		sess_build(&x);
		is(x.nsteps, 3 * 2 * 2, "no lead-in and no rests");
		is(x.unit[2].side, SIDE_BOTH, "side both");
		sess_free(&x);
	}
	sess_init(&x, 99, 1, 0, &t, &pace);
	is(x.sets, STORE_SET_MAX, "sets clamped");
	sess_free(&x);
}

static void
test_clock(void)
{
	double v;
	sess_ns start, end, want;

	ok(sess_parse_scale("0.01", &v) == 0 && v > 0.00999 && v < 0.01001,
	    "scale 0.01");
	ok(sess_parse_scale("1", &v) == 0 && v == 1, "scale 1");
	ok(sess_parse_scale("0,5", &v) == -1, "a comma is refused");
	ok(sess_parse_scale("0", &v) == -1, "zero is refused");
	ok(sess_parse_scale("", &v) == -1, "empty is refused");
	ok(sess_parse_scale("101", &v) == -1, "over 100 is refused");
	ok(sess_parse_scale("1e3", &v) == -1, "exponents are refused");
	is(sess_scaled(1000, 0.01), 10 * SESS_NS_PER_MS, "1 s at 0.01");
	is(sess_scaled(45000, 1), 45000 * SESS_NS_PER_MS, "45 s at 1");

	ok(!sess_gap(0, 0, 250 * SESS_NS_PER_MS, 250 * SESS_NS_PER_MS,
	       2000 * SESS_NS_PER_MS),
	    "a normal tick is no gap");
	ok(sess_gap(0, 0, 300 * SESS_NS_PER_MS, 60000 * SESS_NS_PER_MS,
	       2000 * SESS_NS_PER_MS),
	    "a suspend is a gap");
	ok(sess_gap(0, 0, 9000 * SESS_NS_PER_MS, 9000 * SESS_NS_PER_MS,
	       2000 * SESS_NS_PER_MS),
	    "a stopped process is a gap");

	/* 200 steps of 1 ms against absolute deadlines end on time. */
	start = sess_mono();
	want = start;
	for (int i = 0; i < 200; i++) {
		want += SESS_NS_PER_MS;
		sess_sleep_until(want);
	}
	end = sess_mono();
	ok(end >= want, "never early");
	ok(end - want < 20 * SESS_NS_PER_MS,
	    "no drift over 200 steps (%lld us)", (end - want) / 1000);
}

int
main(void)
{
	test_tempo();
	test_steps();
	test_clock();
	return t_done();
}
