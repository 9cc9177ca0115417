/*
 * test_catalog: the built-in exercises, every way of naming one, the
 * messages for names that do not resolve, variants, and custom exercises.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "t.h"

static struct catalog cat;

/* Checks that name finds the exercise with slug want. */
static void
check_find(const char *name, const char *want)
{
	struct exercise *e;
	char *cause = NULL;

	e = catalog_find(&cat, name, &cause);
	is_str(e ? e->slug : NULL, want, "find '%s'", name);
	if (cause != NULL)
		printf("#   %s\n", cause);
	free(cause);
}

/* Checks that name finds nothing, with exactly the cause want. */
static void
check_nofind(const char *name, const char *want)
{
	struct exercise *e;
	char *cause = NULL;

	e = catalog_find(&cat, name, &cause);
	ok(e == NULL, "no match for '%s'", name);
	is_str(cause, want, "cause for '%s'", name);
	free(cause);
}

static void
check_variant(const struct exercise *e, const char *name, int want,
    const char *wantcause)
{
	char *cause = NULL;

	is(catalog_variant(e, name, &cause), want, "%s variant '%s'",
	    e->slug, name);
	is_str(cause, wantcause, "%s variant '%s' cause", e->slug, name);
	free(cause);
}

static void
test_builtins(void)
{
	static const char *slugs[] = {
		"single-leg-squat", "glute-bridge", "clamshell", "step-down"
	};
	struct exercise *e;
	size_t i;
	int j;

	is(cat.n, 4, "four built-in exercises");
	for (i = 0; i < 4 && i < cat.n; i++) {
		e = &cat.ex[i];
		is_str(e->slug, slugs[i], "built-in %zu is %s", i, slugs[i]);
		ok(catalog_valid_slug(e->slug), "%s: slug is valid", e->slug);
		ok(e->builtin && e->enabled, "%s: built-in, enabled",
		    e->slug);
		ok(e->sets == 2 && e->reps == 10, "%s: 2 x 10", e->slug);
		ok(e->name && e->muscles && e->why && e->how && e->safety &&
		    e->cue, "%s: all text present", e->slug);
		ok(e->cue && strlen(e->cue) < 60, "%s: cue is short",
		    e->slug);
		is(e->nvariants, 3, "%s: three variants", e->slug);
		for (j = 0; j < e->nvariants; j++)
			ok(e->variants[j].slug && e->variants[j].name &&
			    catalog_valid_slug(e->variants[j].slug),
			    "%s: variant %d named", e->slug, j);
		ok(e->aliases[CATALOG_MAX_ALIASES - 1] == NULL,
		    "%s: aliases NULL-terminated", e->slug);
	}

	e = catalog_get(&cat, "single-leg-squat");
	ok(e != NULL, "get single-leg-squat");
	if (e == NULL)
		return;
	is_str(e->name, "Single-leg squat", "sls name");
	is_str(e->muscles, "glutes, quadriceps, hip stabilisers",
	    "sls muscles");
	ok(e->per_side == 1 && e->hold_s == 0, "sls: per side, no hold");
	ok(e->tempo == NULL && e->tempo_s == 0, "sls: no tempo");
	is_str(e->aliases[0], "sls", "sls alias 0");
	is_str(e->aliases[1], "squat", "sls alias 1");
	is_str(e->aliases[2], "pistol", "sls alias 2");
	is_str(e->variants[0].slug, "assisted", "sls variant 0");
	is_str(e->variants[1].slug, "low-box", "sls variant 1");
	is_str(e->variants[2].slug, "free", "sls variant 2");

	e = catalog_get(&cat, "glute-bridge");
	ok(e != NULL, "get glute-bridge");
	if (e == NULL)
		return;
	is_str(e->name, "Glute bridge", "bridge name");
	is_str(e->muscles, "gluteus maximus", "bridge muscles");
	ok(e->per_side == 0 && e->hold_s == 2, "bridge: both legs, 2 s hold");
	ok(e->tempo == NULL && e->tempo_s == 0, "bridge: no tempo");
	is_str(e->aliases[0], "bridge", "bridge alias 0");
	is_str(e->aliases[1], "gb", "bridge alias 1");
	ok(e->aliases[2] == NULL, "bridge: two aliases");
	is_str(e->variants[0].slug, "two-leg", "bridge variant 0");
	is_str(e->variants[1].slug, "banded", "bridge variant 1");
	is_str(e->variants[2].slug, "marching", "bridge variant 2");

	e = catalog_get(&cat, "clamshell");
	ok(e != NULL, "get clamshell");
	if (e == NULL)
		return;
	is_str(e->name, "Clamshell", "clamshell name");
	is_str(e->muscles, "gluteus medius", "clamshell muscles");
	ok(e->per_side == 1 && e->hold_s == 0, "clamshell: per side");
	is_str(e->aliases[0], "clam", "clamshell alias 0");
	is_str(e->aliases[1], "clams", "clamshell alias 1");
	is_str(e->variants[0].slug, "bodyweight", "clamshell variant 0");
	is_str(e->variants[1].slug, "band", "clamshell variant 1");
	is_str(e->variants[2].slug, "heavy-band", "clamshell variant 2");

	e = catalog_get(&cat, "step-down");
	ok(e != NULL, "get step-down");
	if (e == NULL)
		return;
	is_str(e->name, "Step-down", "step-down name");
	is_str(e->muscles, "quadriceps (eccentric control), hip stabilisers",
	    "step-down muscles");
	ok(e->per_side == 1 && e->hold_s == 0, "step-down: per side");
	is_str(e->tempo, "3-4 s down", "step-down tempo");
	is(e->tempo_s, 4, "step-down tempo seconds");
	is_str(e->aliases[0], "stepdown", "step-down alias 0");
	is_str(e->aliases[1], "sd", "step-down alias 1");
	is_str(e->variants[0].slug, "low-step", "step-down variant 0");
	is_str(e->variants[1].slug, "mid-step", "step-down variant 1");
	is_str(e->variants[2].slug, "high-step", "step-down variant 2");

	ok(catalog_get(&cat, "Clamshell") == NULL, "get is case-sensitive");
	ok(catalog_get(&cat, "clam") == NULL, "get takes no aliases");
	ok(catalog_get(&cat, "") == NULL, "get empty");
	ok(catalog_get(&cat, NULL) == NULL, "get NULL");
}

static void
test_find(void)
{
	check_find("single-leg-squat", "single-leg-squat");
	check_find("SINGLE-LEG-SQUAT", "single-leg-squat");
	check_find("single_leg_squat", "single-leg-squat");
	check_find("Single leg squat", "single-leg-squat");
	check_find("Single-leg squat", "single-leg-squat");
	check_find("SLS", "single-leg-squat");
	check_find("squat", "single-leg-squat");
	check_find("pistol", "single-leg-squat");
	check_find("glute bridge", "glute-bridge");
	check_find("Bridge", "glute-bridge");
	check_find("gb", "glute-bridge");
	check_find("clamshell", "clamshell");
	check_find("clam", "clamshell");
	check_find("CLAMS", "clamshell");
	check_find("step down", "step-down");
	check_find("Step_Down", "step-down");
	check_find("stepdown", "step-down");
	check_find("sd", "step-down");

	/* Unique prefixes of a slug or an alias. */
	check_find("sing", "single-leg-squat");
	check_find("single leg", "single-leg-squat");
	check_find("sq", "single-leg-squat");
	check_find("pi", "single-leg-squat");
	check_find("g", "glute-bridge");
	check_find("glute", "glute-bridge");
	check_find("br", "glute-bridge");
	check_find("c", "clamshell");
	check_find("CLAMSH", "clamshell");
	check_find("st", "step-down");
	check_find("step", "step-down");
	check_find("step_d", "step-down");

	check_nofind("s", "ambiguous exercise 's': single-leg-squat, "
	    "step-down");
	check_nofind("S", "ambiguous exercise 'S': single-leg-squat, "
	    "step-down");

	check_nofind("clm", "unknown exercise 'clm' (did you mean "
	    "'clamshell'?)");
	check_nofind("clamshall", "unknown exercise 'clamshall' (did you "
	    "mean 'clamshell'?)");
	check_nofind("glute-brigde", "unknown exercise 'glute-brigde' (did "
	    "you mean 'glute-bridge'?)");
	check_nofind("Step Dwn", "unknown exercise 'Step Dwn' (did you mean "
	    "'step-down'?)");
	check_nofind("pistl", "unknown exercise 'pistl' (did you mean "
	    "'single-leg-squat'?)");
	check_nofind("sqaut", "unknown exercise 'sqaut' (did you mean "
	    "'single-leg-squat'?)");
	check_nofind("xd", "unknown exercise 'xd' (did you mean "
	    "'step-down'?)");
	check_nofind("sb", "unknown exercise 'sb' (did you mean "
	    "'glute-bridge' or 'step-down'?)");
	check_nofind("plank", "unknown exercise 'plank' (see 'prehab show')");
	check_nofind("x", "unknown exercise 'x' (see 'prehab show')");
	check_nofind("hamstring curl", "unknown exercise 'hamstring curl' "
	    "(see 'prehab show')");
	check_nofind("", "unknown exercise '' (see 'prehab show')");
	check_nofind(" ", "unknown exercise ' ' (see 'prehab show')");
	check_nofind("single-leg-squats", "unknown exercise "
	    "'single-leg-squats' (did you mean 'single-leg-squat'?)");
}

static void
test_variants(void)
{
	struct exercise *sls = catalog_get(&cat, "single-leg-squat");
	struct exercise *gb = catalog_get(&cat, "glute-bridge");
	struct exercise *clam = catalog_get(&cat, "clamshell");
	struct exercise *sd = catalog_get(&cat, "step-down");

	if (!ok(sls && gb && clam && sd, "variants: exercises present"))
		return;
	check_variant(sls, "assisted", 0, NULL);
	check_variant(sls, "LOW-BOX", 1, NULL);
	check_variant(sls, "free", 2, NULL);
	check_variant(sls, "a", 0, NULL);
	check_variant(sls, "l", 1, NULL);
	check_variant(gb, "two-leg", 0, NULL);
	check_variant(gb, "two leg", 0, NULL);
	check_variant(gb, "banded", 1, NULL);
	check_variant(gb, "b", 1, NULL);
	check_variant(gb, "march", 2, NULL);
	check_variant(clam, "band", 1, NULL);
	check_variant(clam, "Band", 1, NULL);
	check_variant(clam, "bo", 0, NULL);
	check_variant(clam, "heavy", 2, NULL);
	check_variant(clam, "heavy_band", 2, NULL);
	check_variant(sd, "low-step", 0, NULL);
	check_variant(sd, "mid", 1, NULL);
	check_variant(sd, "high-step", 2, NULL);

	/* A prefix shared by two variants picks neither. */
	check_variant(clam, "b", -1, "ambiguous variant 'b' for clamshell: "
	    "bodyweight, band");
	check_variant(clam, "ba", 1, NULL);
	check_variant(clam, "banded", -1, "unknown variant 'banded' for "
	    "clamshell (one of: bodyweight, band, heavy-band)");
	check_variant(sd, "step", -1, "unknown variant 'step' for step-down "
	    "(one of: low-step, mid-step, high-step)");
	check_variant(sls, "", -1, "unknown variant '' for single-leg-squat "
	    "(one of: assisted, low-box, free)");
	check_variant(gb, "freestyle", -1, "unknown variant 'freestyle' for "
	    "glute-bridge (one of: two-leg, banded, marching)");
}

static void
test_custom(void)
{
	struct exercise e, *got, *plain;
	char slug[] = "monster-walk", name[] = "Monster walk";
	char alias0[] = "mw", alias1[] = "crab";
	char v0[] = "light", v0n[] = "Light band", wall[] = "wall-sit";
	char *cause = NULL;
	size_t before = cat.n;

	memset(&e, 0, sizeof(e));
	e.slug = slug;
	e.name = name;
	e.aliases[0] = alias0;
	e.aliases[1] = alias1;
	e.per_side = 1;
	e.sets = 3;
	e.reps = 12;
	e.variants[0].slug = v0;
	e.variants[0].name = v0n;
	e.nvariants = 1;
	e.enabled = 1;
	got = catalog_add(&cat, &e);
	is(cat.n, before + 1, "custom: catalog grew");
	ok(got == &cat.ex[cat.n - 1], "custom: returns the stored copy");
	ok(got->slug != slug && got->name != name && got->aliases[0] !=
	    alias0 && got->variants[0].slug != v0, "custom: deep copy");
	/* Scribble over the originals: the copy must not change. */
	memset(slug, 'x', sizeof(slug) - 1);
	memset(alias0, 'x', sizeof(alias0) - 1);
	is_str(got->slug, "monster-walk", "custom: slug kept");
	is_str(got->aliases[0], "mw", "custom: alias kept");
	is_str(got->aliases[1], "crab", "custom: second alias kept");
	ok(got->aliases[2] == NULL, "custom: aliases end");
	ok(got->muscles == NULL && got->tempo == NULL && got->why == NULL &&
	    got->cue == NULL, "custom: NULL stays NULL");
	ok(got->sets == 3 && got->reps == 12 && got->per_side == 1 &&
	    !got->builtin && got->enabled, "custom: numbers copied");
	ok(catalog_get(&cat, "monster-walk") == got, "custom: get by slug");

	check_find("monster-walk", "monster-walk");
	check_find("Monster Walk", "monster-walk");
	check_find("MW", "monster-walk");
	check_find("crab", "monster-walk");
	check_find("mon", "monster-walk");
	check_find("cr", "monster-walk");
	check_nofind("c", "ambiguous exercise 'c': clamshell, monster-walk");
	check_nofind("monstr-walk", "unknown exercise 'monstr-walk' (did you "
	    "mean 'monster-walk'?)");
	check_variant(got, "l", 0, NULL);
	check_variant(got, "heavy", -1, "unknown variant 'heavy' for "
	    "monster-walk (one of: light)");

	/* A custom exercise with no ladder accepts no variant at all. */
	memset(&e, 0, sizeof(e));
	e.slug = wall;
	plain = catalog_add(&cat, &e);
	is_str(plain->slug, "wall-sit", "custom: second added");
	is(plain->nvariants, 0, "custom: no variants");
	check_variant(plain, "light", -1, "wall-sit has no variants");
	check_variant(plain, "", -1, "wall-sit has no variants");
	check_find("wall sit", "wall-sit");
	check_find("wa", "wall-sit");
	/* Earlier pointers may be stale after a realloc: look it up again. */
	ok(catalog_find(&cat, "mw", &cause) == catalog_get(&cat,
	    "monster-walk"), "custom: found again after growth");
	free(cause);
	is(cat.n, before + 2, "custom: two added");
}

static void
test_exercise_free(void)
{
	struct catalog tmp;
	struct exercise e;

	/* A copy taken out of a catalog, then freed on its own. */
	catalog_init(&tmp);
	e = tmp.ex[tmp.n - 1];
	tmp.n--;
	catalog_exercise_free(&e);
	ok(e.slug == NULL && e.aliases[0] == NULL &&
	    e.variants[0].slug == NULL, "exercise_free clears the fields");
	catalog_free(&tmp);
	ok(tmp.ex == NULL && tmp.n == 0, "catalog_free empties the catalog");
	catalog_free(&tmp);
	ok(1, "catalog_free twice is harmless");
}

static void
test_valid_slug(void)
{
	char long33[34];

	ok(catalog_valid_slug("wall-sit"), "slug: wall-sit");
	ok(catalog_valid_slug("a"), "slug: one letter");
	ok(catalog_valid_slug("nordic-curl-2"), "slug: digits");
	ok(!catalog_valid_slug(""), "slug: empty");
	ok(!catalog_valid_slug("2-curl"), "slug: digit first");
	ok(!catalog_valid_slug("-curl"), "slug: hyphen first");
	ok(!catalog_valid_slug("Wall-sit"), "slug: upper case");
	ok(!catalog_valid_slug("wall sit"), "slug: space");
	ok(!catalog_valid_slug("wall_sit"), "slug: underscore");
	ok(!catalog_valid_slug("caf\xc3\xa9"), "slug: non-ASCII");
	memset(long33, 'a', 32);
	long33[32] = '\0';
	ok(catalog_valid_slug(long33), "slug: 32 chars");
	long33[32] = 'a';
	long33[33] = '\0';
	ok(!catalog_valid_slug(long33), "slug: 33 chars");
	ok(!catalog_valid_slug(NULL), "slug: NULL");
}

int
main(void)
{
	catalog_init(&cat);
	test_builtins();
	test_find();
	test_variants();
	test_custom();
	test_exercise_free();
	test_valid_slug();
	catalog_free(&cat);
	return t_done();
}
