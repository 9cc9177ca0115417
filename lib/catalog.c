/* catalog: see catalog.h. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "util.h"

/*
 * The built-in exercises as constant text; catalog_init copies them so a
 * catalog owns all of its strings, built-in or custom, and frees them alike.
 * A variant list ends at the first empty slot.
 */
struct builtin_variant {
	const char *slug;
	const char *name;
};

struct builtin {
	const char *slug;
	const char *name;
	const char *aliases[CATALOG_MAX_ALIASES];
	const char *muscles;
	int per_side;
	int knee;
	int sets;
	int reps;
	int hold_s;
	int tempo_s;
	const char *tempo;
	const char *why;
	const char *how;
	const char *safety;
	const char *cue;
	struct builtin_variant variants[CATALOG_MAX_VARIANTS];
};

static const struct builtin builtins[] = {
	{
		.slug = "single-leg-squat",
		.name = "Single-leg squat",
		.aliases = { "sls", "squat", "pistol" },
		.muscles = "glutes, quadriceps, hip stabilisers",
		.per_side = 1, .knee = 1, .sets = 2, .reps = 10,
		.why = "Running is one long run of landings on a single "
		    "leg, so the knee relies on strength and balance in "
		    "exactly that stance. This squat works the glutes, "
		    "quadriceps and hip stabilisers together while you "
		    "balance on one foot, the way a stride demands.",
		.how = "Balance on one leg with the other held straight "
		    "ahead. Sit back and down slowly, as if "
		    "reaching for a seat that is not there, and stop where "
		    "your form would start to slip. Push through the heel "
		    "of the standing foot to rise.",
		.safety = "This is a hard one, so start with the assisted "
		    "version: lower yourself onto a chair or bench on one "
		    "leg and get up again without help from the other. The "
		    "knee is what to watch: it points over the foot the whole "
		    "time and never drifts inward.",
		.cue = "knee tracks over the foot, never caves in",
		.variants = {
			{ "assisted", "Sit to a chair or bench on one leg "
			    "and stand back up" },
			{ "low-box", "Touch down on a low box or step and "
			    "rise" },
			{ "free", "Free single-leg squat, as deep as form "
			    "allows" },
		},
	},
	{
		.slug = "glute-bridge",
		.name = "Glute bridge",
		.aliases = { "bridge", "gb" },
		.muscles = "gluteus maximus",
		.per_side = 0, .sets = 2, .reps = 10, .hold_s = 2,
		.why = "Long days in a chair leave the gluteus maximus "
		    "half asleep, yet it supplies most of the drive when "
		    "you push off. The bridge switches it back on and "
		    "makes it stronger.",
		.how = "Start face up with the knees bent and the feet "
		    "flat, hip-width apart and tucked in near your seat. "
		    "Drive the heels into the floor and lift the hips until "
		    "shoulders, hips and knees make one straight line, then "
		    "lower under control.",
		.safety = "At the top, tighten the glutes firmly and pause "
		    "for two seconds before lowering. Keep the lower back "
		    "neutral rather than arched: the glutes do the lifting, "
		    "not the spine.",
		.cue = "squeeze the glutes at the top; back stays flat",
		.variants = {
			{ "two-leg", "Both feet on the floor" },
			{ "banded", "Mini-band above the knees" },
			{ "marching", "At the top, lift one foot then the "
			    "other" },
		},
	},
	{
		.slug = "clamshell",
		.name = "Clamshell",
		.aliases = { "clam", "clams" },
		.muscles = "gluteus medius",
		.per_side = 1, .sets = 2, .reps = 10,
		.why = "The clamshell targets the gluteus medius, which "
		    "sits on the outside of the hip and stops the pelvis "
		    "tipping sideways whenever one foot is on the ground. A "
		    "stronger gluteus medius is among the best protections "
		    "against IT band pain.",
		.how = "Lie on one side, one leg resting on the other, with "
		    "the knees at a right angle and the feet touching. Keep "
		    "the feet in contact and rotate at the hip to open the "
		    "top knee like a shell, then close it slowly.",
		.safety = "Chasing a higher knee by letting the pelvis tip "
		    "backwards defeats the purpose. Keep the hips stacked "
		    "and motionless; the movement is short and should be "
		    "felt at the side of the glute. When it becomes easy, "
		    "loop a mini-band above the knees.",
		.cue = "keep the pelvis still; feet stay together",
		.variants = {
			{ "bodyweight", "No band" },
			{ "band", "Mini-band above the knees" },
			{ "heavy-band", "A stronger band above the knees" },
		},
	},
	{
		.slug = "step-down",
		.name = "Step-down",
		.aliases = { "stepdown", "sd" },
		.muscles = "quadriceps (eccentric control), hip stabilisers",
		.per_side = 1, .knee = 1, .sets = 2, .reps = 10,
		.tempo = "3-4 s down", .tempo_s = 4,
		.why = "Much of the strain of running arrives on landing, "
		    "when the quadriceps have to brake the body while they "
		    "lengthen. The step-down rehearses that eccentric "
		    "control so hip and knee get used to absorbing it.",
		.how = "Stand on one foot near the edge of a low step and "
		    "let the other leg hang beside it. Bend the standing "
		    "knee and sink over three to four seconds until the "
		    "free heel touches down lightly, with no weight on it, "
		    "then rise again.",
		.safety = "Spend the effort on the way down, taking it "
		    "slowly and without jerks. Keep the hips level rather "
		    "than letting one side sag, and keep the standing knee "
		    "lined up over the foot.",
		.cue = "lower slowly, pelvis level, knee over the foot",
		.variants = {
			{ "low-step", "Low step, about 10 cm" },
			{ "mid-step", "Mid step, about 15-20 cm" },
			{ "high-step", "High step, about 25 cm or more" },
		},
	},
};

/* xstrdup that passes NULL through, for the optional fields. */
static char *
dup_opt(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

/*
 * A new zeroed slot at the end of the array. The array grows by realloc,
 * so a pointer from an earlier catalog_add or catalog_get is stale once
 * another exercise is added.
 */
static struct exercise *
grow(struct catalog *c)
{
	struct exercise *n;

	c->ex = xreallocarray(c->ex, c->n + 1, sizeof(*c->ex));
	n = &c->ex[c->n++];
	memset(n, 0, sizeof(*n));
	return n;
}

static void
builtin_add(struct catalog *c, const struct builtin *b)
{
	struct exercise *e = grow(c);
	int i;

	e->slug = xstrdup(b->slug);
	e->name = xstrdup(b->name);
	for (i = 0; i < CATALOG_MAX_ALIASES && b->aliases[i] != NULL; i++)
		e->aliases[i] = xstrdup(b->aliases[i]);
	e->muscles = xstrdup(b->muscles);
	e->per_side = b->per_side;
	e->knee = b->knee;
	e->sets = b->sets;
	e->reps = b->reps;
	e->hold_s = b->hold_s;
	e->tempo = dup_opt(b->tempo);
	e->tempo_s = b->tempo_s;
	e->why = xstrdup(b->why);
	e->how = xstrdup(b->how);
	e->safety = xstrdup(b->safety);
	e->cue = xstrdup(b->cue);
	for (i = 0; i < CATALOG_MAX_VARIANTS && b->variants[i].slug != NULL;
	     i++) {
		e->variants[i].slug = xstrdup(b->variants[i].slug);
		e->variants[i].name = xstrdup(b->variants[i].name);
	}
	e->nvariants = i;
	e->builtin = 1;
	e->enabled = 1;
}

void
catalog_init(struct catalog *c)
{
	size_t i;

	c->ex = NULL;
	c->n = 0;
	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		builtin_add(c, &builtins[i]);
}

void
catalog_free(struct catalog *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		catalog_exercise_free(&c->ex[i]);
	free(c->ex);
	c->ex = NULL;
	c->n = 0;
}

void
catalog_exercise_free(struct exercise *e)
{
	int i;

	free(e->slug);
	free(e->name);
	for (i = 0; i < CATALOG_MAX_ALIASES; i++)
		free(e->aliases[i]);
	free(e->muscles);
	free(e->tempo);
	free(e->why);
	free(e->how);
	free(e->safety);
	free(e->cue);
	for (i = 0; i < CATALOG_MAX_VARIANTS; i++) {
		free(e->variants[i].slug);
		free(e->variants[i].name);
	}
	memset(e, 0, sizeof(*e));
}

const char *
catalog_variant_slug(const struct exercise *e, int v)
{
	if (v < 0 || v >= e->nvariants || e->variants[v].slug == NULL)
		return "";
	return e->variants[v].slug;
}

/* The copy lives in the realloc'd array: see grow() about stale pointers. */
struct exercise *
catalog_add(struct catalog *c, const struct exercise *e)
{
	struct exercise *n = grow(c);
	int i, nv;

	n->slug = dup_opt(e->slug);
	n->name = dup_opt(e->name);
	/* Stop at the first NULL so the copy stays NULL-terminated. */
	for (i = 0; i < CATALOG_MAX_ALIASES && e->aliases[i] != NULL; i++)
		n->aliases[i] = xstrdup(e->aliases[i]);
	n->muscles = dup_opt(e->muscles);
	n->per_side = e->per_side;
	n->knee = e->knee;
	n->sets = e->sets;
	n->reps = e->reps;
	n->hold_s = e->hold_s;
	n->tempo = dup_opt(e->tempo);
	n->tempo_s = e->tempo_s;
	n->why = dup_opt(e->why);
	n->how = dup_opt(e->how);
	n->safety = dup_opt(e->safety);
	n->cue = dup_opt(e->cue);
	/* The caller validates, but never read past the array. */
	nv = e->nvariants;
	if (nv < 0)
		nv = 0;
	if (nv > CATALOG_MAX_VARIANTS)
		nv = CATALOG_MAX_VARIANTS;
	for (i = 0; i < nv; i++) {
		n->variants[i].slug = dup_opt(e->variants[i].slug);
		n->variants[i].name = dup_opt(e->variants[i].name);
	}
	n->nvariants = nv;
	n->builtin = e->builtin;
	n->enabled = e->enabled;
	return n;
}

struct exercise *
catalog_get(const struct catalog *c, const char *slug)
{
	size_t i;

	if (slug == NULL)
		return NULL;
	for (i = 0; i < c->n; i++)
		if (c->ex[i].slug != NULL && strcmp(c->ex[i].slug, slug) == 0)
			return &c->ex[i];
	return NULL;
}

/* Folds case and makes '_' and ' ' the same as '-', for name matching. */
static int
fold(int ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A' + 'a';
	if (ch == '_' || ch == ' ')
		return '-';
	return ch;
}

/* A malloc'd copy of s with fold applied to every byte. */
static char *
folded(const char *s)
{
	char *p = xstrdup(s), *q;

	for (q = p; *q != '\0'; q++)
		*q = (char)fold((unsigned char)*q);
	return p;
}

/* Whether s (already folded) equals name once name is folded too. */
static int
name_eq(const char *s, const char *name)
{
	if (name == NULL)
		return 0;
	for (; *s != '\0'; s++, name++)
		if (*s != fold((unsigned char)*name))
			return 0;
	return *name == '\0';
}

/* Whether the folded s is a prefix of name. */
static int
name_prefix(const char *s, const char *name)
{
	if (name == NULL)
		return 0;
	for (; *s != '\0'; s++, name++)
		if (*name == '\0' || *s != fold((unsigned char)*name))
			return 0;
	return 1;
}

enum match { M_SLUG, M_NAME, M_PREFIX, M_NTIERS };

/* Whether exercise e matches the folded s at the given tier. */
static int
ex_matches(const struct exercise *e, const char *s, enum match how)
{
	int i;

	if (e->slug == NULL)
		return 0; /* unusable: nothing to store in the log */
	switch (how) {
	case M_SLUG: return name_eq(s, e->slug);
	case M_NAME:
		if (name_eq(s, e->name))
			return 1;
		for (i = 0; i < CATALOG_MAX_ALIASES && e->aliases[i]; i++)
			if (name_eq(s, e->aliases[i]))
				return 1;
		return 0;
	default:
		if (name_prefix(s, e->slug))
			return 1;
		for (i = 0; i < CATALOG_MAX_ALIASES && e->aliases[i]; i++)
			if (name_prefix(s, e->aliases[i]))
				return 1;
		return 0;
	}
}

/* Adds "'a' or 'b'" style, for a list of n quoted words. */
static void
add_choice(struct buf *b, const char *word, size_t i, size_t n)
{
	if (i > 0)
		buf_adds(b, i + 1 == n ? " or " : ", ");
	buf_addf(b, "'%s'", word);
}

/*
 * Edit distance from the folded s to the closest of e's slug and aliases.
 * Only counts a candidate whose distance is below both lengths, so a short
 * guess is never "close" to a word it shares nothing with.
 */
static size_t
ex_distance(const struct exercise *e, const char *s)
{
	const char *cand[1 + CATALOG_MAX_ALIASES];
	size_t best = (size_t)-1, d, ls = strlen(s);
	int i, n = 0;
	char *f;

	if (e->slug == NULL)
		return best;
	cand[n++] = e->slug;
	for (i = 0; i < CATALOG_MAX_ALIASES && e->aliases[i]; i++)
		cand[n++] = e->aliases[i];
	for (i = 0; i < n; i++) {
		f = folded(cand[i]);
		d = util_edit_distance(s, f);
		if (d < ls && d < strlen(f) && d < best)
			best = d;
		free(f);
	}
	return best;
}

/* Fills *cause for a name nothing matched, with a suggestion if one is near. */
static char *
unknown_cause(const struct catalog *c, const char *name, const char *s)
{
	struct buf b = { 0 };
	size_t i, j, n, d, best = (size_t)-1, limit;
	char *msg;

	limit = strlen(s) / 3 > 2 ? strlen(s) / 3 : 2;
	for (i = 0; i < c->n && *s != '\0'; i++) {
		d = ex_distance(&c->ex[i], s);
		if (d < best)
			best = d;
	}
	if (best > limit)
		return xasprintf(
		    "unknown exercise '%s' (see 'prehab show')", name);
	for (n = 0, i = 0; i < c->n; i++)
		if (ex_distance(&c->ex[i], s) == best)
			n++;
	buf_addf(&b, "unknown exercise '%s' (did you mean ", name);
	for (j = 0, i = 0; i < c->n; i++)
		if (ex_distance(&c->ex[i], s) == best)
			add_choice(&b, c->ex[i].slug, j++, n);
	buf_adds(&b, "?)");
	msg = xstrdup(b.data);
	buf_free(&b);
	return msg;
}

/*
 * Tries each tier in turn: exact slug, then alias or display name, then
 * prefix of a slug or alias. The first tier with any match decides; more
 * than one exercise there is ambiguous.
 */
struct exercise *
catalog_find(const struct catalog *c, const char *name, char **cause)
{
	struct buf b = { 0 };
	struct exercise *found = NULL;
	size_t i, n = 0;
	char *s;
	int how;

	if (name == NULL)
		name = "";
	s = folded(name);
	for (how = 0; *s != '\0' && how < M_NTIERS; how++) {
		n = 0;
		for (i = 0; i < c->n; i++) {
			if (!ex_matches(&c->ex[i], s, how))
				continue;
			if (n++ == 0)
				found = &c->ex[i];
		}
		if (n > 0)
			break;
	}
	if (n == 1) {
		free(s);
		return found;
	}
	if (n == 0)
		*cause = unknown_cause(c, name, s);
	else {
		buf_addf(&b, "ambiguous exercise '%s': ", name);
		for (n = 0, i = 0; i < c->n; i++) {
			if (!ex_matches(&c->ex[i], s, how))
				continue;
			buf_addf(&b, "%s%s", n++ ? ", " : "", c->ex[i].slug);
		}
		*cause = xstrdup(b.data);
		buf_free(&b);
	}
	free(s);
	return NULL;
}

/* Lists the variant slugs of e, separated by ", ", into b. */
static void
add_variants(struct buf *b, const struct exercise *e, const char *prefix)
{
	int i, n = 0;

	for (i = 0; i < e->nvariants; i++) {
		if (e->variants[i].slug == NULL)
			continue;
		if (prefix != NULL && !name_prefix(prefix, e->variants[i].slug))
			continue;
		buf_addf(b, "%s%s", n++ ? ", " : "", e->variants[i].slug);
	}
}

int
catalog_variant(const struct exercise *e, const char *name, char **cause)
{
	struct buf b = { 0 };
	int i, n = 0, found = -1;
	char *s;

	if (e->nvariants <= 0) {
		*cause = xasprintf("%s has no variants", e->slug);
		return -1;
	}
	if (name == NULL)
		name = "";
	s = folded(name);
	for (i = 0; *s != '\0' && i < e->nvariants; i++)
		if (name_eq(s, e->variants[i].slug)) {
			free(s);
			return i;
		}
	for (i = 0; *s != '\0' && i < e->nvariants; i++)
		if (name_prefix(s, e->variants[i].slug) && n++ == 0)
			found = i;
	if (n == 1) {
		free(s);
		return found;
	}
	if (n == 0) {
		buf_addf(
		    &b, "unknown variant '%s' for %s (one of: ", name, e->slug);
		add_variants(&b, e, NULL);
		buf_adds(&b, ")");
	} else {
		buf_addf(&b, "ambiguous variant '%s' for %s: ", name, e->slug);
		add_variants(&b, e, s);
	}
	*cause = xstrdup(b.data);
	buf_free(&b);
	free(s);
	return -1;
}

int
catalog_valid_slug(const char *s)
{
	size_t n;

	if (s == NULL || !(*s >= 'a' && *s <= 'z'))
		return 0;
	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
			(s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	return n <= 32;
}
