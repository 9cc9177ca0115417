/* calendar: see calendar.h. */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "util.h"

/*
 * The defaults fit the feeds runners have: TrainingPeaks' "Run: Easy Run
 * 40 min", Runna's "Intervals 6x800m", a coach's "Long Run 18 km".
 */
static const char *const defaults[CAL_NRULES] = {
	[DAY_REST] = "rest, off",
	[DAY_EASY] = "easy, recovery, base, shakeout",
	[DAY_LONG] = "long run, lsd",
	[DAY_HARD] = "interval, tempo, threshold, hill, fartlek, track, speed",
	[DAY_RACE] = "race, marathon, 10k, 5k, parkrun",
	[DAY_CROSS] = "bike, ride, swim, yoga, cross",
	[DAY_OFF] = "",
	[CAL_RUN] = "run, running, jog",
};

/* The order in which rules are tried: the issue's, most specific first. */
static const enum day_kind order[] = { DAY_LONG, DAY_HARD, DAY_RACE, DAY_EASY,
	DAY_CROSS, DAY_REST };

/* How hard a day is, for two events on one day. */
static int
rank(enum day_kind k)
{
	switch (k) {
	case DAY_RACE: return 6;
	case DAY_LONG: return 5;
	case DAY_HARD: return 4;
	case DAY_EASY: return 3;
	case DAY_CROSS: return 2;
	case DAY_REST: return 1;
	default: return 0;
	}
}

struct calendar {
	date_t from;
	long ndays;
	struct cal_day *days;
	size_t nfiles;
	long *events;
};

const char *
calendar_default_words(int rule)
{
	return rule >= 0 && rule < CAL_NRULES ? defaults[rule] : "";
}

static int
alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/*
 * Whether the lower-case word w appears in the lower-case s as a word,
 * perhaps plural, and not followed by "pace".
 */
static int
has_word(const char *s, const char *w, size_t wn)
{
	const char *p = s;

	if (wn == 0)
		return 0;
	while ((p = strstr(p, w)) != NULL) {
		const char *end = p + wn;

		if (*end == 's' && !alnum((unsigned char)end[1]))
			end++;
		else if (end[0] == 'e' && end[1] == 's' &&
		    !alnum((unsigned char)end[2]))
			end += 2;
		/* "5k pace", "marathon-pace": an effort, not the event. */
		if ((p == s || !alnum((unsigned char)p[-1])) &&
		    !alnum((unsigned char)*end) &&
		    !((*end == ' ' || *end == '-') &&
			strncmp(end + 1, "pace", 4) == 0 &&
			!alnum((unsigned char)end[5])))
			return 1;
		p++;
	}
	return 0;
}

/* Whether the field s holds a word of the list; copies it to word. */
static int
match_list(const char *s, const char *list, char *word, size_t wordsz)
{
	char w[48];

	while (list != NULL && *list != '\0') {
		const char *comma = strchr(list, ','), *a = list, *z;

		z = comma != NULL ? comma : list + strlen(list);
		while (a < z && (*a == ' ' || *a == '\t'))
			a++;
		while (z > a && (z[-1] == ' ' || z[-1] == '\t'))
			z--;
		if (z > a && (size_t)(z - a) < sizeof(w)) {
			memcpy(w, a, (size_t)(z - a));
			w[z - a] = '\0';
			lower(w);
			if (has_word(s, w, (size_t)(z - a))) {
				snprintf(word, wordsz, "%s", w);
				return 1;
			}
		}
		list = comma != NULL ? comma + 1 : NULL;
	}
	return 0;
}

int
calendar_match(const char *const words[CAL_NRULES], const char *summary,
    const char *description, const char *categories, char *word, size_t wordsz)
{
	const char *fields[3] = { summary, description, categories };
	char s[ICAL_TEXT_MAX];

	word[0] = '\0';
	for (int f = 0; f < 3; f++) {
		if (fields[f] == NULL || fields[f][0] == '\0')
			continue;
		snprintf(s, sizeof(s), "%s", fields[f]);
		lower(s);
		for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
			const char *l = words[order[i]] != NULL
			    ? words[order[i]]
			    : defaults[order[i]];

			if (match_list(s, l, word, wordsz))
				return (int)order[i];
		}
	}
	if (summary != NULL) {
		snprintf(s, sizeof(s), "%s", summary);
		lower(s);
		if (match_list(s,
			words[CAL_RUN] != NULL ? words[CAL_RUN]
					       : defaults[CAL_RUN],
			word, wordsz)) {
			word[0] = '\0';
			return DAY_EASY;
		}
	}
	return -1;
}

struct loadctx {
	struct calendar *cal;
	const char *const *words;
	size_t file;
	ical_warn_fn warn;
	void *warnarg;
};

static void
on_warn(const char *msg, void *arg)
{
	struct loadctx *lc = arg;

	if (lc->warn != NULL)
		lc->warn(msg, lc->warnarg);
}

static void
on_event(const struct ical_event *ev, const unsigned char *days, void *arg)
{
	struct loadctx *lc = arg;
	struct calendar *cal = lc->cal;
	char word[48];
	int kind = calendar_match(lc->words, ev->summary, ev->description,
	    ev->categories, word, sizeof(word));

	if (kind >= 0)
		cal->events[lc->file]++;
	for (long i = 0; i < cal->ndays; i++) {
		struct cal_day *d = &cal->days[i];

		if (!days[i])
			continue;
		if (kind < 0) {
			if (d->nignored++ == 0)
				snprintf(d->ignored, sizeof(d->ignored), "%s",
				    ev->summary);
			continue;
		}
		/* The hardest wins; on a tie, the first read. */
		if (d->source == CALSRC_EVENT &&
		    rank(d->kind) >= rank((enum day_kind)kind))
			continue;
		d->source = CALSRC_EVENT;
		d->kind = (enum day_kind)kind;
		snprintf(d->summary, sizeof(d->summary), "%s", ev->summary);
		snprintf(d->word, sizeof(d->word), "%s", word);
	}
}

/* Opens a calendar file for reading: a regular file, never a FIFO. */
static FILE *
open_regular(const char *path, char **cause)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	FILE *fp;

	if (fd == -1) {
		*cause = xasprintf(
		    "cannot open calendar '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf("calendar '%s' is not a regular file", path);
		close(fd);
		return NULL;
	}
	if ((fp = fdopen(fd, "r")) == NULL) {
		*cause = xasprintf(
		    "cannot read calendar '%s': %s", path, strerror(errno));
		close(fd);
	}
	return fp;
}

int
calendar_load(const char *const *paths, size_t n,
    const char *const words[CAL_NRULES], int gaps_rest, date_t from, date_t to,
    ical_warn_fn warn, void *arg, struct calendar **out, char **cause)
{
	struct calendar *cal = xcalloc(1, sizeof(*cal));
	struct loadctx lc;

	*out = NULL;
	*cause = NULL;
	cal->from = from;
	cal->ndays = to >= from ? to - from + 1 : 0;
	if (cal->ndays > ICAL_MAX_SPAN)
		cal->ndays = ICAL_MAX_SPAN;
	cal->days = xcalloc(
	    cal->ndays > 0 ? (size_t)cal->ndays : 1, sizeof(*cal->days));
	cal->nfiles = n;
	cal->events = xcalloc(n > 0 ? n : 1, sizeof(*cal->events));
	lc.cal = cal;
	lc.words = words;
	lc.warn = warn;
	lc.warnarg = arg;
	for (size_t i = 0; i < n; i++) {
		FILE *fp = open_regular(paths[i], cause);
		int rc;

		if (fp == NULL) {
			calendar_free(cal);
			return -1;
		}
		lc.file = i;
		rc = ical_read(fp, paths[i], cal->from,
		    cal->from + cal->ndays - 1, on_event, on_warn, &lc, NULL,
		    cause);
		fclose(fp);
		if (rc != 0) {
			calendar_free(cal);
			return -1;
		}
	}
	/* Weeks holding an event: their other days are rest days. */
	for (long i = 0; i < cal->ndays && gaps_rest; i++) {
		date_t d = cal->from + i, mon = date_week_start(d);
		int covered = 0;

		if (cal->days[i].source != CALSRC_NONE)
			continue;
		for (date_t k = mon; k < mon + 7 && !covered; k++)
			covered = k >= cal->from &&
			    k < cal->from + cal->ndays &&
			    cal->days[k - cal->from].source == CALSRC_EVENT;
		if (covered) {
			cal->days[i].source = CALSRC_GAP;
			cal->days[i].kind = DAY_REST;
		}
	}
	*out = cal;
	return 0;
}

void
calendar_free(struct calendar *cal)
{
	if (cal == NULL)
		return;
	free(cal->days);
	free(cal->events);
	free(cal);
}

const struct cal_day *
calendar_day(const struct calendar *cal, date_t d)
{
	if (cal == NULL || d < cal->from || d >= cal->from + cal->ndays)
		return NULL;
	return &cal->days[d - cal->from];
}

long
calendar_events(const struct calendar *cal, size_t i)
{
	return cal != NULL && i < cal->nfiles ? cal->events[i] : 0;
}

date_t
calendar_from(const struct calendar *cal)
{
	return cal->from;
}

date_t
calendar_to(const struct calendar *cal)
{
	return cal->from + cal->ndays - 1;
}
