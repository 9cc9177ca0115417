/* tempo: see tempo.h. */
#include <stdio.h>
#include <string.h>

#include "tempo.h"
#include "util.h"

int
tempo_parse(const char *s, struct tempo *t, char **cause)
{
	const char *p = s;

	memset(t, 0, sizeof(*t));
	for (;;) {
		const char *start, *colon;
		size_t len;
		long secs;
		char num[8];

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		len = (size_t)(p - start);
		if (t->n == TEMPO_MAX_PHASES) {
			*cause = xasprintf("tempo has more than %d phases: "
					   "'%s'",
			    TEMPO_MAX_PHASES, s);
			return -1;
		}
		colon = memchr(start, ':', len);
		if (colon == NULL || colon == start ||
		    (size_t)(colon - start) > TEMPO_NAME_MAX) {
			*cause = xasprintf("tempo phase '%.*s' must be NAME:"
					   "SECONDS, such as 'down:3'",
			    (int)(len > 40 ? 40 : len), start);
			return -1;
		}
		for (const char *c = start; c < colon; c++)
			if (*c < 'a' || *c > 'z') {
				*cause = xasprintf("tempo phase name '%.*s' "
						   "must be lowercase letters",
				    (int)(colon - start), start);
				return -1;
			}
		snprintf(num, sizeof(num), "%.*s",
		    (int)(p - colon - 1 < 7 ? p - colon - 1 : 7), colon + 1);
		if (p - colon - 1 > 7 ||
		    util_parse_long(num, 1, TEMPO_PHASE_MAX_S, &secs) != 0) {
			*cause = xasprintf("tempo phase '%.*s' needs 1-%d "
					   "seconds",
			    (int)(len > 40 ? 40 : len), start,
			    TEMPO_PHASE_MAX_S);
			return -1;
		}
		memcpy(t->phase[t->n].name, start, (size_t)(colon - start));
		t->phase[t->n].name[colon - start] = '\0';
		t->phase[t->n].seconds = (int)secs;
		t->n++;
	}
	if (t->n == 0) {
		*cause = xasprintf("tempo must name at least one phase, such "
				   "as 'down:2 up:2'");
		return -1;
	}
	return 0;
}

char *
tempo_format(const struct tempo *t, char *buf)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < t->n; i++)
		off +=
		    (size_t)snprintf(buf + off, TEMPO_TEXT_MAX - off, "%s%s:%d",
			i ? " " : "", t->phase[i].name, t->phase[i].seconds);
	return buf;
}

int
tempo_seconds(const struct tempo *t)
{
	int s = 0;

	for (int i = 0; i < t->n; i++)
		s += t->phase[i].seconds;
	return s;
}

static void
add(struct tempo *t, const char *name, int seconds)
{
	if (t->n == TEMPO_MAX_PHASES)
		return;
	snprintf(t->phase[t->n].name, sizeof(t->phase[0].name), "%s", name);
	t->phase[t->n].seconds = seconds < 1 ? 1
	    : seconds > TEMPO_PHASE_MAX_S    ? TEMPO_PHASE_MAX_S
					     : seconds;
	t->n++;
}

void
tempo_for(
    const struct exercise *e, const struct tempo *deflt, struct tempo *out)
{
	memset(out, 0, sizeof(*out));
	if (e->hold_s > 0) {
		/* The squeeze at the top is the point: count it. */
		add(out, "up", 1);
		add(out, "hold", e->hold_s);
		add(out, "down", 2);
	} else if (e->tempo_s > 0) {
		/* The slow lowering is the dose; rising is the easy part. */
		add(out, "down", e->tempo_s);
		add(out, "up", 2);
	} else if (deflt != NULL && deflt->n > 0) {
		*out = *deflt;
	} else {
		add(out, "down", 2);
		add(out, "up", 2);
	}
}
