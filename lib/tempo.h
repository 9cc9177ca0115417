/*
 * tempo: the rhythm of one rep, as the guided session counts it: a short
 * list of named phases with their seconds, written "down:3 up:1". This
 * module owns the text form (parsed from the config, shown back by `show
 * config`) and the choice of a rhythm for an exercise; it never prints.
 */
#ifndef PREHAB_TEMPO_H
#define PREHAB_TEMPO_H

#include "catalog.h"

#define TEMPO_MAX_PHASES 4
#define TEMPO_NAME_MAX 8 /* letters in a phase name */
#define TEMPO_PHASE_MAX_S 60 /* seconds in one phase */
/* The rhythm of exercises with no tempo or hold of their own. */
#define TEMPO_DEFAULT "down:2 up:2"

struct tempo_phase {
	char name[TEMPO_NAME_MAX + 1]; /* "down", "hold" */
	int seconds; /* 1..TEMPO_PHASE_MAX_S */
};

struct tempo {
	struct tempo_phase phase[TEMPO_MAX_PHASES];
	int n; /* at least 1 */
};

/*
 * Parses "down:3 up:1": one to TEMPO_MAX_PHASES phases separated by
 * spaces, each a lowercase name and whole seconds. Returns 0, or -1 with
 * *cause malloc'd ("tempo phase 'down:0' needs 1-60 seconds").
 */
int tempo_parse(const char *, struct tempo *, char **cause);
/* Writes the text form into buf (at least TEMPO_TEXT_MAX bytes). */
#define TEMPO_TEXT_MAX (TEMPO_MAX_PHASES * (TEMPO_NAME_MAX + 4))
char *tempo_format(const struct tempo *, char *buf);
/* Seconds of one rep. */
int tempo_seconds(const struct tempo *);

/*
 * The rhythm of e when the config names none for it: a held exercise
 * rises, holds and lowers ("up:1 hold:2 down:2"); one with a slow tempo
 * lowers for that long and rises ("down:4 up:2"); any other follows
 * deflt, the configured default rhythm (NULL for TEMPO_DEFAULT).
 */
void tempo_for(
    const struct exercise *e, const struct tempo *deflt, struct tempo *out);

#endif
