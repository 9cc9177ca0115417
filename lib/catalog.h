/*
 * catalog: the exercises prehab knows, the four built-in ones of the
 * routine plus the user's own from the config, and name lookup.
 */
#ifndef PREHAB_CATALOG_H
#define PREHAB_CATALOG_H

#include <stddef.h>

#define CATALOG_MAX_ALIASES 4
#define CATALOG_MAX_VARIANTS 6

/* One rung of an exercise's progression ladder, easiest first. */
struct variant {
	char *slug; /* "band": what `log --variant` takes */
	char *name; /* "Mini-band above the knees" */
};

struct exercise {
	char *slug; /* "clamshell": what the log stores */
	char *name; /* "Clamshell" */
	char *aliases[CATALOG_MAX_ALIASES]; /* NULL-terminated */
	char *muscles; /* "gluteus medius" */
	int per_side; /* done on each leg in turn */
	/*
	 * loads the knee directly (squat, step-down): paused by an alert, where
	 * a hip exercise only falls back to its first rung
	 */
	int knee;
	int sets; /* starting dose */
	int reps;
	int hold_s; /* seconds to hold each rep, 0 if none */
	char *tempo; /* e.g. "3-4 s down", or NULL */
	int tempo_s; /* seconds per rep the tempo implies, 0 if none */
	char *why; /* why it matters, one paragraph */
	char *how; /* how to do it, one paragraph */
	char *safety; /* the safety focus, one paragraph */
	char *cue; /* one-line safety cue for plans */
	struct variant variants[CATALOG_MAX_VARIANTS];
	int nvariants; /* at least 1 for built-ins; 0 allowed if custom */
	int builtin;
	int enabled; /* planned and counted; disabled stays loggable */
};

/* Owns every string of its exercises. */
struct catalog {
	struct exercise *ex;
	size_t n;
};

/* Fills the catalog with the four built-in exercises. */
void catalog_init(struct catalog *);
void catalog_free(struct catalog *);
/* Adds a deep copy of e (custom exercises); returns the stored copy. */
struct exercise *catalog_add(struct catalog *, const struct exercise *e);
/* Frees the strings of an exercise not owned by a catalog. */
void catalog_exercise_free(struct exercise *);

/* The slug of variant v of e, or "" when e has no such variant. */
const char *catalog_variant_slug(const struct exercise *e, int v);

/* Exact slug match (what the log stores), or NULL. */
struct exercise *catalog_get(const struct catalog *, const char *slug);

/*
 * Finds an exercise by slug, alias, display name (case-insensitive, with
 * '-', '_' and ' ' equivalent) or unambiguous prefix of a slug or alias.
 * Returns NULL with *cause malloc'd: "unknown exercise 'clm' (did you mean
 * 'clamshell'?)" or "ambiguous exercise 's': single-leg-squat, step-down".
 */
struct exercise *
catalog_find(const struct catalog *, const char *name, char **cause);

/*
 * Finds a variant of e by slug (case-insensitive, or unambiguous prefix).
 * Returns its index, or -1 with *cause malloc'd naming the known variants.
 */
int catalog_variant(const struct exercise *, const char *name, char **cause);

/* Slug is valid for a custom exercise: [a-z0-9-], 1-32 chars, letter first. */
int catalog_valid_slug(const char *);

#endif
