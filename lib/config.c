/*
 * config: see config.h.
 *
 * iniparser does the parsing, but it is trusted with as little as possible:
 * Debian's 4.1 crashes in getint/getboolean on names without ':' and turns
 * "abc" into 0, and it keeps the last of two duplicate keys without a word.
 * So a first pass over the file here finds syntax errors, over-long lines,
 * duplicates and the line of every key; values are then read as strings
 * and converted and range-checked here.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser.h>

#include "calendar.h"
#include "catalog.h"
#include "config.h"
#include "store.h"
#include "date.h"
#include "util.h"

const char *const config_daykinds[DAY_NKINDS] = { "rest", "easy", "long",
	"hard", "race", "cross", "off" };

const char *const config_origins[4] = { "default", "file", "environment",
	"option" };

static const char *const color_names[] = { "auto", "always", "never", NULL };

/* The settings table: how each key is read, checked and written. */
enum keytype { T_PATH, T_COLOR, T_DAY, T_INT, T_TIME, T_REMIND, T_TEMPO };

struct keydef {
	const char *section;
	const char *name;
	enum keytype type;
	int min, max;
	const char *help; /* comment written by config_dump */
};

static const struct keydef keys[KEY_NKEYS] = {
	[KEY_DATA] = { "core", "data", T_PATH, 0, 0, "the training log (CSV)" },
	[KEY_COLOR] = { "core", "color", T_COLOR, 0, 0,
	    "auto, always or never" },
	[KEY_MON] = { "schedule", "mon", T_DAY, 0, 0, NULL },
	[KEY_TUE] = { "schedule", "tue", T_DAY, 0, 0, NULL },
	[KEY_WED] = { "schedule", "wed", T_DAY, 0, 0, NULL },
	[KEY_THU] = { "schedule", "thu", T_DAY, 0, 0, NULL },
	[KEY_FRI] = { "schedule", "fri", T_DAY, 0, 0, NULL },
	[KEY_SAT] = { "schedule", "sat", T_DAY, 0, 0, NULL },
	[KEY_SUN] = { "schedule", "sun", T_DAY, 0, 0, NULL },
	[KEY_SESSIONS] = { "plan", "sessions_per_week", T_INT, 1, 7,
	    "prehab sessions to place each week" },
	[KEY_GAP] = { "plan", "min_gap_days", T_INT, 0, 3,
	    "rest days wanted between two sessions" },
	[KEY_TIME] = { "plan", "time", T_TIME, 0, 0,
	    "time of day for reminders and calendar events" },
	[KEY_UP_SESSIONS] = { "plan", "step_up_sessions", T_INT, 1, 5,
	    "good sessions in a row before the dose steps up" },
	[KEY_UP_PAIN] = { "plan", "step_up_max_pain", T_INT, 0, 10,
	    "green: pain at most this, during and the next morning" },
	[KEY_UP_RPE] = { "plan", "step_up_max_rpe", T_INT, 1, 10,
	    "a green session counts toward a step up with RPE at most this" },
	[KEY_BACK_PAIN] = { "plan", "step_back_pain", T_INT, 1, 10,
	    "red: pain at or above this steps the exercise back one level" },
	[KEY_UP_MIN_RPE] = { "plan", "step_up_min_rpe", T_INT, 1, 10,
	    "... and at least this (or no RPE given)" },
	[KEY_CHECKIN_WORSE] = { "plan", "checkin_worse", T_INT, 1, 10,
	    "a check-in this much above the session's pain: amber; twice: "
	    "red" },
	[KEY_REFER_PAIN] = { "plan", "refer_pain", T_INT, 1, 10,
	    "pain at or above this pauses the exercise: see a professional" },
	[KEY_REMIND] = { "plan", "remind", T_REMIND, 0, 0,
	    "a calendar alarm before each session: off, or like 30m or 1h" },
	[KEY_GO_REST] = { "go", "rest", T_INT, 0, 600,
	    "prehab go: seconds of rest between sets" },
	[KEY_GO_LEAD_IN] = { "go", "lead_in", T_INT, 0, 10,
	    "seconds counted down before an exercise's first set" },
	[KEY_GO_SWITCH] = { "go", "switch", T_INT, 0, 60,
	    "seconds to switch sides" },
	[KEY_GO_TEMPO] = { "go", "tempo", T_TEMPO, 0, 0,
	    "the rhythm of a rep for exercises with no hold or tempo of\n"
	    "# their own; tempo.EXERCISE = ... sets one exercise's" },
};

/* Keys of an [exercise.NAME] section. */
static const char *const exkeys[] = { "name", "muscles", "per_side", "sets",
	"reps", "hold", "tempo", "tempo_s", "cue", "why", "how", "safety",
	"variants", "enabled", "loads_knee", NULL };

/* Where each key was seen in the file, from the first pass. */
struct seen {
	char *name; /* "section:key", folded to lower case */
	long line;
};

/*
 * What one file may hold. iniparser looks a key up by walking every
 * entry, so loading costs the square of the keys: the caps keep that to
 * milliseconds for any file that passes the first pass.
 */
#define EXERCISES_MAX 256 /* [exercise.NAME] sections */
#define KEYS_MAX 4096 /* keys in the whole file */
#define LINE_MAX_BYTES 1024
#define SEEN_SLOTS (2 * KEYS_MAX) /* a power of two */

struct loader {
	struct config *cfg;
	const char *path;
	dictionary *dict;
	struct seen *seen;
	size_t nseen;
	/* Index into seen by name's hash, 1-based; 0 is a free slot. */
	size_t *slot;
	config_warn_fn warn;
	void *warnarg;
	char **cause;
};

/*
 * Messages quote the file's text, and reach terminals: control bytes and
 * broken UTF-8 become '?', in place (a byte for a byte).
 */
static void
printable(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t k, more;

	for (; p != NULL && *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			*p = '?';
			continue;
		}
		if (*p < 0x80)
			continue;
		more = *p >= 0xc2 && *p <= 0xdf ? 1
		    : *p >= 0xe0 && *p <= 0xef  ? 2
		    : *p >= 0xf0 && *p <= 0xf4  ? 3
						: 0;
		for (k = 1; more > 0 && k <= more; k++)
			if ((p[k] & 0xc0) != 0x80)
				break;
		/* Overlong and surrogate forms are rare enough to pass. */
		if (more == 0 || k <= more)
			*p = '?';
		else
			p += more;
	}
}

static void warnf(struct loader *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
warnf(struct loader *ld, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	if (ld->warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	printable(msg);
	va_end(ap);
	ld->warn(msg, ld->warnarg);
}

/* The slot of name in ld->slot: where it is, or the free one to use. */
static size_t
seen_slot(const struct loader *ld, const char *name)
{
	size_t h = 5381, i;
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p != '\0'; p++)
		h = h * 33 + *p;
	for (i = h & (SEEN_SLOTS - 1); ld->slot[i] != 0;
	     i = (i + 1) & (SEEN_SLOTS - 1))
		if (strcmp(ld->seen[ld->slot[i] - 1].name, name) == 0)
			break;
	return i;
}

static struct seen *
seen_find(const struct loader *ld, const char *name)
{
	size_t i;

	if (ld->slot == NULL)
		return NULL;
	i = seen_slot(ld, name);
	return ld->slot[i] != 0 ? &ld->seen[ld->slot[i] - 1] : NULL;
}

static long
seen_line(const struct loader *ld, const char *name)
{
	const struct seen *sn = seen_find(ld, name);

	return sn != NULL ? sn->line : 0;
}

/* "FILE:LINE: " for a key, or "FILE: " when the line is unknown. */
static char *
where(const struct loader *ld, const char *name)
{
	long line = seen_line(ld, name);

	if (line > 0)
		return xasprintf("%s:%ld: ", ld->path, line);
	return xasprintf("%s: ", ld->path);
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s &&
	    (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		*--e = '\0';
	return s;
}

static void
fold(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static int calendar_value(struct loader *, char *value, long lineno);

/*
 * The first pass: line numbers of keys, duplicates, and the errors that
 * would make iniparser_load fail, reported with their line.
 */
static int
prescan(struct loader *ld)
{
	FILE *fp;
	char line[1100] = { 0 }, section[256] = "";
	long lineno = 0, nex = 0;
	int cr = 0;

	if ((fp = fopen(ld->path, "r")) == NULL) {
		*ld->cause = xasprintf(
		    "cannot open '%s': %s", ld->path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t len = 0;
		int c = 0, nul = 0;
		char *s, *eq;

		/*
		 * iniparser knows only LF (and CR LF) line ends: a file with
		 * old Mac ones would be one long line to it. Reported once the
		 * line is found good, so that other errors come first.
		 */
		if (cr) {
			*ld->cause =
			    xasprintf("%s:%ld: line ends in a carriage "
				      "return alone; save the file "
				      "with LF or CR LF line ends",
				ld->path, lineno);
			fclose(fp);
			return -1;
		}

		/*
		 * Read by hand rather than with fgets, which cannot tell a NUL
		 * byte from the end of the line; and no further than the
		 * limit, whether or not a newline ever comes.
		 */
		while (len <= LINE_MAX_BYTES && (c = getc(fp)) != EOF &&
		    c != '\n') {
			if (c == '\0')
				nul = 1;
			/* A lone CR ends the line too, for counting. */
			if (c == '\r') {
				if ((c = getc(fp)) == '\n')
					break;
				if (c != EOF)
					ungetc(c, fp);
				cr = 1;
				break;
			}
			if (len < sizeof(line) - 1)
				line[len] = (char)c;
			len++;
		}
		if (len == 0 && !cr && c == EOF)
			break;
		line[len < sizeof(line) ? len : sizeof(line) - 1] = '\0';
		lineno++;
		if (len > LINE_MAX_BYTES) {
			*ld->cause = xasprintf("%s:%ld: line longer than %d "
					       "bytes",
			    ld->path, lineno, LINE_MAX_BYTES);
			fclose(fp);
			return -1;
		}
		if (nul) {
			*ld->cause = xasprintf(
			    "%s:%ld: NUL byte in line", ld->path, lineno);
			fclose(fp);
			return -1;
		}
		s = trim(line);
		if (lineno == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0)
			s = trim(s + 3);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *end = strchr(s, ']');

			if (end == NULL ||
			    (*trim(end + 1) != '\0' && *trim(end + 1) != ';' &&
				*trim(end + 1) != '#') ||
			    end == s + 1 ||
			    (size_t)(end - s) >= sizeof(section)) {
				*ld->cause = xasprintf("%s:%ld: bad section "
						       "line '%s'",
				    ld->path, lineno, s);
				fclose(fp);
				return -1;
			}
			*end = '\0';
			snprintf(section, sizeof(section), "%s", trim(s + 1));
			fold(section);
			if (strncmp(section, "exercise.", 9) == 0 &&
			    ++nex > EXERCISES_MAX) {
				*ld->cause = xasprintf("%s:%ld: more than %d "
						       "[exercise.NAME] "
						       "sections",
				    ld->path, lineno, EXERCISES_MAX);
				fclose(fp);
				return -1;
			}
			if (strchr(section, ':') != NULL) {
				*ld->cause =
				    xasprintf("%s:%ld: ':' is not "
					      "allowed in section name '%s'",
					ld->path, lineno, section);
				fclose(fp);
				return -1;
			}
			continue;
		}
		if ((eq = strchr(s, '=')) == NULL) {
			*ld->cause = xasprintf("%s:%ld: expected 'key = value' "
					       "or '[section]', got '%s'",
			    ld->path, lineno, s);
			fclose(fp);
			return -1;
		}
		*eq = '\0';
		s = trim(s);
		if (*s == '\0') {
			*ld->cause = xasprintf(
			    "%s:%ld: missing key before '='", ld->path, lineno);
			fclose(fp);
			return -1;
		}
		if (section[0] == '\0') {
			*ld->cause = xasprintf("%s:%ld: key '%s' is outside "
					       "any [section]",
			    ld->path, lineno, s);
			fclose(fp);
			return -1;
		}
		{
			char *name = xasprintf("%s:%s", section, s);
			struct seen *prev;
			size_t i;

			fold(name);
			/* The one key that may repeat: read here, whole. */
			if (strcmp(name, "schedule:calendar") == 0) {
				free(name);
				if (calendar_value(ld, eq + 1, lineno) != 0) {
					fclose(fp);
					return -1;
				}
				continue;
			}
			if (ld->slot == NULL)
				ld->slot =
				    xcalloc(SEEN_SLOTS, sizeof(*ld->slot));
			if ((prev = seen_find(ld, name)) != NULL) {
				warnf(ld,
				    "%s:%ld: duplicate key '%s' in [%s] "
				    "(line %ld is ignored)",
				    ld->path, lineno, s, section, prev->line);
				prev->line = lineno;
				free(name);
				continue;
			}
			if (ld->nseen >= KEYS_MAX) {
				*ld->cause = xasprintf("%s:%ld: more than %d "
						       "keys",
				    ld->path, lineno, KEYS_MAX);
				free(name);
				fclose(fp);
				return -1;
			}
			i = seen_slot(ld, name);
			ld->seen = xreallocarray(
			    ld->seen, ld->nseen + 1, sizeof(*ld->seen));
			ld->seen[ld->nseen].name = name;
			ld->seen[ld->nseen].line = lineno;
			ld->slot[i] = ++ld->nseen;
		}
	}
	if (ferror(fp)) {
		*ld->cause = xasprintf(
		    "cannot read '%s': %s", ld->path, strerror(errno));
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

/* iniparser reports through a printf-like callback; keep the last one. */
static char ini_error[512];

static int
ini_errback(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(ini_error, sizeof(ini_error), fmt, ap);
	va_end(ap);
	return n;
}

static int
parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1", NULL };
	static const char *const no[] = { "no", "false", "off", "0", NULL };

	for (int i = 0; yes[i] != NULL; i++)
		if (util_strcaseeq(s, yes[i])) {
			*out = 1;
			return 0;
		}
	for (int i = 0; no[i] != NULL; i++)
		if (util_strcaseeq(s, no[i])) {
			*out = 0;
			return 0;
		}
	return -1;
}

int
config_parse_daykind(const char *s)
{
	for (int i = 0; i < DAY_NKINDS; i++)
		if (util_strcaseeq(s, config_daykinds[i]))
			return i;
	return -1;
}

static int
parse_color(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (util_strcaseeq(s, color_names[i]))
			return i;
	return -1;
}

/* "off", "30m", "1h": minutes before a session, -1 for off; 0 or -1. */
static int
parse_remind(const char *s, int *out)
{
	size_t n = strlen(s);
	char num[8];
	long v;

	if (util_strcaseeq(s, "off")) {
		*out = -1;
		return 0;
	}
	if (n < 2 || n - 1 >= sizeof(num) ||
	    (s[n - 1] != 'm' && s[n - 1] != 'h'))
		return -1;
	memcpy(num, s, n - 1);
	num[n - 1] = '\0';
	if (util_parse_long(num, 0, s[n - 1] == 'm' ? 1440 : 24, &v) != 0)
		return -1;
	*out = (int)(s[n - 1] == 'm' ? v : v * 60);
	return 0;
}

/* Stores one setting from text; returns 0 or -1 with *err malloc'd. */
static int
set_key(struct config *cfg, enum config_key k, const char *v, char **err)
{
	const struct keydef *kd = &keys[k];
	long n;
	int t;

	switch (kd->type) {
	case T_PATH:
		if (*v == '\0') {
			*err = xasprintf(
			    "[%s] %s must not be empty", kd->section, kd->name);
			return -1;
		}
		free(cfg->data_path);
		cfg->data_path = xstrdup(v);
		return 0;
	case T_COLOR:
		if ((t = parse_color(v)) < 0) {
			char *what =
			    xasprintf("[%s] %s", kd->section, kd->name);

			*err = util_word_error(what, color_names, v);
			free(what);
			return -1;
		}
		cfg->color = (enum config_color)t;
		return 0;
	case T_DAY:
		if ((t = config_parse_daykind(v)) < 0) {
			*err =
			    xasprintf("[%s] %s must be one of rest, easy, "
				      "long, hard, race, cross, off, got '%s'",
				kd->section, kd->name, v);
			return -1;
		}
		cfg->schedule[k - KEY_MON] = (enum day_kind)t;
		return 0;
	case T_REMIND:
		if (parse_remind(v, &t) != 0) {
			*err = xasprintf("[%s] %s must be off, 0m-1440m or "
					 "0h-24h, got '%s'",
			    kd->section, kd->name, v);
			return -1;
		}
		cfg->remind = t;
		return 0;
	case T_TIME:
		if (date_parse_time(v, &t) != 0) {
			*err = xasprintf("[%s] %s must be HH:MM (00:00-23:59), "
					 "got '%s'",
			    kd->section, kd->name, v);
			return -1;
		}
		cfg->time = t;
		return 0;
	case T_INT:
		if (util_parse_long(v, kd->min, kd->max, &n) != 0) {
			*err = xasprintf("[%s] %s must be %d-%d, got '%s'",
			    kd->section, kd->name, kd->min, kd->max, v);
			return -1;
		}
		switch (k) {
		case KEY_SESSIONS: cfg->sessions_per_week = (int)n; break;
		case KEY_GAP: cfg->min_gap_days = (int)n; break;
		case KEY_UP_SESSIONS: cfg->up_sessions = (int)n; break;
		case KEY_UP_PAIN: cfg->up_pain = (int)n; break;
		case KEY_UP_RPE: cfg->up_rpe = (int)n; break;
		case KEY_BACK_PAIN: cfg->back_pain = (int)n; break;
		case KEY_UP_MIN_RPE: cfg->up_min_rpe = (int)n; break;
		case KEY_CHECKIN_WORSE: cfg->checkin_worse = (int)n; break;
		case KEY_REFER_PAIN: cfg->refer_pain = (int)n; break;
		case KEY_GO_REST: cfg->go_rest = (int)n; break;
		case KEY_GO_LEAD_IN: cfg->go_lead_in = (int)n; break;
		case KEY_GO_SWITCH: cfg->go_switch = (int)n; break;
		default: break;
		}
		return 0;
	case T_TEMPO: {
		char *why = NULL;

		if (tempo_parse(v, &cfg->go_tempo, &why) != 0) {
			*err = xasprintf(
			    "[%s] %s: %s", kd->section, kd->name, why);
			free(why);
			return -1;
		}
		return 0;
	}
	}
	return 0;
}

/* A usable directory from an XDG variable: set, absolute, else NULL. */
static const char *
xdg_dir(const char *var)
{
	const char *v = getenv(var);

	/* The XDG spec says relative paths are invalid and to be ignored. */
	if (v == NULL || v[0] != '/')
		return NULL;
	return v;
}

static char *
default_path(const char *xdgvar, const char *homesub, const char *file)
{
	const char *dir = xdg_dir(xdgvar), *home;

	if (dir != NULL)
		return xasprintf("%s/prehab/%s", dir, file);
	home = getenv("HOME");
	if (home == NULL || home[0] != '/')
		return NULL;
	return xasprintf("%s/%s/prehab/%s", home, homesub, file);
}

static void
defaults(struct config *cfg)
{
	/* A common week of four or five runs; see prehab.ini(5). */
	static const enum day_kind week[7] = { DAY_REST, DAY_EASY, DAY_HARD,
		DAY_EASY, DAY_REST, DAY_LONG, DAY_EASY };

	memset(cfg, 0, sizeof(*cfg));
	memcpy(cfg->schedule, week, sizeof(week));
	cfg->color = COLOR_AUTO;
	cfg->sessions_per_week = 3;
	cfg->min_gap_days = 1;
	cfg->time = 18 * 60;
	cfg->up_sessions = 2;
	cfg->up_pain = 2;
	/* The physiotherapists' traffic light: green 0-2, amber 3-5, red 6+. */
	cfg->up_rpe = 8;
	cfg->up_min_rpe = 5;
	cfg->back_pain = 6;
	cfg->checkin_worse = 2;
	cfg->refer_pain = 7;
	cfg->remind = -1;
	cfg->go_rest = 45;
	cfg->go_lead_in = 3;
	cfg->go_switch = 5;
	tempo_for(&(struct exercise){ 0 }, NULL, &cfg->go_tempo);
	catalog_init(&cfg->catalog);
}

/*
 * The traffic light needs its cut-offs in order: green below red, red
 * at or below the referral, and an effort band that is not empty.
 */
static int
check_lights(const struct config *cfg, char **cause)
{
	const char *f = cfg->config_path != NULL ? cfg->config_path : "config";

	if (cfg->up_pain >= cfg->back_pain)
		*cause = xasprintf("%s: [plan] step_up_max_pain (%d) must be "
				   "below step_back_pain (%d)",
		    f, cfg->up_pain, cfg->back_pain);
	else if (cfg->back_pain > cfg->refer_pain)
		*cause = xasprintf("%s: [plan] step_back_pain (%d) must not be "
				   "above refer_pain (%d)",
		    f, cfg->back_pain, cfg->refer_pain);
	else if (cfg->up_min_rpe > cfg->up_rpe)
		*cause = xasprintf("%s: [plan] step_up_min_rpe (%d) must not "
				   "be above step_up_max_rpe (%d)",
		    f, cfg->up_min_rpe, cfg->up_rpe);
	else
		return CONFIG_OK;
	return CONFIG_EBAD;
}

static int
known_section_key(const char *sec, const char *key)
{
	if (strcmp(sec, "schedule") == 0 && strcmp(key, "calendar") == 0)
		return 1;
	for (int k = 0; k < KEY_NKEYS; k++)
		if (strcmp(keys[k].section, sec) == 0 &&
		    strcmp(keys[k].name, key) == 0)
			return 1;
	return 0;
}

/* Splits "a, b,c" into variants of e; returns -1 with *err on bad slugs. */
static int
parse_variants(struct exercise *e, const char *v, char **err)
{
	char *copy = xstrdup(v), *p = copy, *tok, *comma;

	e->nvariants = 0;
	for (; p != NULL; p = comma ? comma + 1 : NULL) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		tok = trim(p);
		if (*tok == '\0')
			continue;
		if (!catalog_valid_slug(tok)) {
			*err = xasprintf("variant '%s' must be lowercase "
					 "letters, digits and '-'",
			    tok);
			free(copy);
			return -1;
		}
		if (e->nvariants == CATALOG_MAX_VARIANTS) {
			*err = xasprintf(
			    "at most %d variants", CATALOG_MAX_VARIANTS);
			free(copy);
			return -1;
		}
		e->variants[e->nvariants].slug = xstrdup(tok);
		e->variants[e->nvariants].name = xstrdup(tok);
		e->nvariants++;
	}
	free(copy);
	return 0;
}

/*
 * The [go] keys beyond the table: tempo.SLUG, one exercise's rhythm. The
 * exercise may be defined further down the file, so it is checked in
 * go_check_tempos once every section is read.
 */
static int
load_go(struct loader *ld)
{
	struct config *cfg = ld->cfg;
	int nk = iniparser_getsecnkeys(ld->dict, "go"), rc = 0;
	const char **kl = xcalloc((size_t)nk + 1, sizeof(*kl));

	iniparser_getseckeys(ld->dict, "go", kl);
	for (int j = 0; j < nk && rc == 0; j++) {
		const char *key = strchr(kl[j], ':') + 1, *v;
		struct config_tempo *ct;
		char *at, *why = NULL;

		if (known_section_key("go", key))
			continue;
		at = where(ld, kl[j]);
		if (strncmp(key, "tempo.", 6) != 0) {
			warnf(ld, "%sunknown key '%s' in [go]", at, key);
			free(at);
			continue;
		}
		v = iniparser_getstring(ld->dict, kl[j], "");
		cfg->go_tempos = xreallocarray(cfg->go_tempos,
		    cfg->ngo_tempos + 1, sizeof(*cfg->go_tempos));
		ct = &cfg->go_tempos[cfg->ngo_tempos++];
		ct->slug = xstrdup(key + 6);
		if (tempo_parse(v, &ct->tempo, &why) != 0) {
			*ld->cause = xasprintf("%s[go] %s: %s", at, key, why);
			free(why);
			rc = -1;
		}
		free(at);
	}
	free(kl);
	return rc;
}

/* A rhythm for an exercise that does not exist is a typo: say so. */
static void
go_check_tempos(struct loader *ld)
{
	for (size_t i = 0; i < ld->cfg->ngo_tempos; i++) {
		const char *slug = ld->cfg->go_tempos[i].slug;
		char name[300], *at;

		if (catalog_get(&ld->cfg->catalog, slug) != NULL)
			continue;
		snprintf(name, sizeof(name), "go:tempo.%s", slug);
		at = where(ld, name);
		warnf(ld, "%s[go] tempo.%s: unknown exercise '%s'", at, slug,
		    slug);
		free(at);
	}
}

void
config_tempo(
    const struct config *cfg, const struct exercise *e, struct tempo *out)
{
	for (size_t i = 0; i < cfg->ngo_tempos; i++)
		if (strcmp(cfg->go_tempos[i].slug, e->slug) == 0) {
			*out = cfg->go_tempos[i].tempo;
			return;
		}
	tempo_for(e, &cfg->go_tempo, out);
}

/* Refuses a section name the catalog or the log cannot hold. */
static int
check_exercise_slug(struct loader *ld, const char *sec, const char *slug)
{
	char *at;

	if (!catalog_valid_slug(slug)) {
		at = where(ld, "");
		*ld->cause = xasprintf(
		    "%s[%s] exercise name '%s' must be "
		    "lowercase letters, digits and '-', starting with a letter",
		    at, sec, slug);
		free(at);
		return -1;
	}
	if (strcmp(slug, STORE_CHECKIN) == 0) {
		at = where(ld, "");
		*ld->cause = xasprintf("%s[%s] '%s' is the log's name for the "
				       "morning check-in; choose another name",
		    at, sec, slug);
		free(at);
		return -1;
	}
	return 0;
}

/* A built-in exercise can only be switched off and on. */
static int
load_builtin_switch(struct loader *ld, const char *sec, struct exercise *b)
{
	int nk = iniparser_getsecnkeys(ld->dict, sec);
	const char **kl = xcalloc((size_t)nk + 1, sizeof(*kl));
	const char *v;
	char *at;
	int bv, rc = 0;

	iniparser_getseckeys(ld->dict, sec, kl);
	for (int i = 0; i < nk && rc == 0; i++) {
		const char *k = strchr(kl[i], ':') + 1;

		v = iniparser_getstring(ld->dict, kl[i], "");
		at = where(ld, kl[i]);
		if (strcmp(k, "enabled") != 0) {
			*ld->cause = xasprintf("%s[%s] %s: only "
					       "'enabled' can be set for a "
					       "built-in exercise",
			    at, sec, k);
			rc = -1;
		} else if (parse_bool(v, &bv) != 0) {
			*ld->cause = xasprintf("%s[%s] enabled must be "
					       "yes or no, got '%s'",
			    at, sec, v);
			rc = -1;
		} else
			b->enabled = bv;
		free(at);
	}
	free(kl);
	return rc;
}

/* Warns, with its line, about every key an exercise section does not know. */
static void
warn_unknown_exercise_keys(struct loader *ld, const char *sec)
{
	int nk = iniparser_getsecnkeys(ld->dict, sec);
	const char **kl = xcalloc((size_t)nk + 1, sizeof(*kl));
	char *at;

	iniparser_getseckeys(ld->dict, sec, kl);
	for (int i = 0; i < nk; i++) {
		const char *k = strchr(kl[i], ':') + 1;
		int known = 0;

		for (int j = 0; exkeys[j] != NULL; j++)
			if (strcmp(exkeys[j], k) == 0)
				known = 1;
		if (!known) {
			at = where(ld, kl[i]);
			warnf(ld, "%sunknown key '%s' in [%s]", at, k, sec);
			free(at);
		}
	}
	free(kl);
}

/* A copy of the section's non-empty text value, or NULL. */
static char *
exercise_text(struct loader *ld, const char *sec, const char *key)
{
	char name[300];
	const char *v;

	snprintf(name, sizeof(name), "%s:%s", sec, key);
	v = iniparser_getstring(ld->dict, name, NULL);
	return v != NULL && *v != '\0' ? xstrdup(v) : NULL;
}

/*
 * Reads a custom exercise's keys into e, which then owns copies of its
 * strings; on a bad value returns -1 with the cause in *ld->cause.
 */
static int
read_custom_exercise(
    struct loader *ld, const char *sec, const char *slug, struct exercise *e)
{
	char name[300], *err = NULL, *at;
	const char *v;
	long n;

#define GETS(key)                                                              \
	iniparser_getstring(ld->dict,                                          \
	    (snprintf(name, sizeof(name), "%s:%s", sec, key), name), NULL)
#define FAIL(...)                                                              \
	do {                                                                   \
		char *m_ = xasprintf(__VA_ARGS__);                             \
		at = where(ld, name);                                          \
		*ld->cause = xasprintf("%s[%s] %s", at, sec, m_);              \
		free(at);                                                      \
		free(m_);                                                      \
		free(err);                                                     \
		return -1;                                                     \
	} while (0)

	e->slug = xstrdup(slug);
	e->name = exercise_text(ld, sec, "name");
	if (e->name == NULL)
		e->name = xstrdup(slug);
	if ((v = GETS("muscles")) != NULL)
		e->muscles = xstrdup(v);
	if ((v = GETS("per_side")) != NULL && parse_bool(v, &e->per_side))
		FAIL("per_side must be yes or no, got '%s'", v);
	if ((v = GETS("enabled")) != NULL && parse_bool(v, &e->enabled))
		FAIL("enabled must be yes or no, got '%s'", v);
	if ((v = GETS("loads_knee")) != NULL && parse_bool(v, &e->knee))
		FAIL("loads_knee must be yes or no, got '%s'", v);
	if ((v = GETS("sets")) != NULL) {
		if (util_parse_long(v, 1, 10, &n) != 0)
			FAIL("sets must be 1-10, got '%s'", v);
		e->sets = (int)n;
	}
	if ((v = GETS("reps")) != NULL) {
		if (util_parse_long(v, 1, 100, &n) != 0)
			FAIL("reps must be 1-100, got '%s'", v);
		e->reps = (int)n;
	}
	if ((v = GETS("hold")) != NULL) {
		if (util_parse_long(v, 0, 600, &n) != 0)
			FAIL("hold must be 0-600 (seconds), got '%s'", v);
		e->hold_s = (int)n;
	}
	if ((v = GETS("tempo_s")) != NULL) {
		if (util_parse_long(v, 0, 60, &n) != 0)
			FAIL("tempo_s must be 0-60 (seconds), got '%s'", v);
		e->tempo_s = (int)n;
	}
	e->tempo = exercise_text(ld, sec, "tempo");
	e->cue = exercise_text(ld, sec, "cue");
	e->why = exercise_text(ld, sec, "why");
	e->how = exercise_text(ld, sec, "how");
	e->safety = exercise_text(ld, sec, "safety");
	if ((v = GETS("variants")) != NULL && parse_variants(e, v, &err))
		FAIL("variants: %s", err);
#undef GETS
#undef FAIL
	return 0;
}

/* Reads an [exercise.NAME] section into the catalog. */
static int
load_exercise(struct loader *ld, const char *sec)
{
	const char *slug = sec + strlen("exercise.");
	struct config *cfg = ld->cfg;
	struct exercise *b, e;
	int rc;

	if (check_exercise_slug(ld, sec, slug) != 0)
		return -1;
	b = catalog_get(&cfg->catalog, slug);
	if (b != NULL && b->builtin)
		return load_builtin_switch(ld, sec, b);

	memset(&e, 0, sizeof(e));
	e.sets = 2;
	e.reps = 10;
	e.enabled = 1;
	e.knee = 1; /* unknown load: the careful assumption */
	warn_unknown_exercise_keys(ld, sec);
	if ((rc = read_custom_exercise(ld, sec, slug, &e)) == 0)
		catalog_add(&cfg->catalog, &e);
	catalog_exercise_free(&e);
	return rc;
}

/* Reads "[override]" keys: "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD". */
static int
load_overrides(struct loader *ld)
{
	struct config *cfg = ld->cfg;
	int nk = iniparser_getsecnkeys(ld->dict, "override");
	const char **kl;
	int rc = 0;

	if (nk <= 0)
		return 0;
	kl = xcalloc((size_t)nk + 1, sizeof(*kl));
	iniparser_getseckeys(ld->dict, "override", kl);
	for (int i = 0; i < nk && rc == 0; i++) {
		const char *k = strchr(kl[i], ':') + 1, *dots;
		const char *v = iniparser_getstring(ld->dict, kl[i], "");
		struct override o;
		char from[32], *at = where(ld, kl[i]);
		int kind;

		dots = strstr(k, "..");
		snprintf(from, sizeof(from), "%.*s",
		    dots ? (int)(dots - k) : (int)strlen(k), k);
		if (date_parse_iso(from, &o.from) != 0 ||
		    (dots != NULL && date_parse_iso(dots + 2, &o.to) != 0)) {
			*ld->cause =
			    xasprintf("%s[override] key '%s' must be "
				      "YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD",
				at, k);
			rc = -1;
		} else if (dots == NULL) {
			o.to = o.from;
		}
		if (rc == 0 && o.to < o.from) {
			*ld->cause = xasprintf("%s[override] range '%s' ends "
					       "before it starts",
			    at, k);
			rc = -1;
		}
		if (rc == 0 && (kind = config_parse_daykind(v)) < 0) {
			*ld->cause = xasprintf(
			    "%s[override] %s must be one of "
			    "rest, easy, long, hard, race, cross, off, got "
			    "'%s'",
			    at, k, v);
			rc = -1;
		}
		if (rc == 0) {
			o.kind = (enum day_kind)kind;
			cfg->overrides = xreallocarray(cfg->overrides,
			    cfg->noverrides + 1, sizeof(*cfg->overrides));
			cfg->overrides[cfg->noverrides++] = o;
		}
		free(at);
	}
	free(kl);
	return rc;
}

static int load_calwords(struct loader *);

static int
load_file(struct loader *ld)
{
	struct config *cfg = ld->cfg;
	int nsec, rc = 0;

	if (prescan(ld) != 0)
		return -1;
	ini_error[0] = '\0';
	iniparser_set_error_callback(ini_errback);
	if ((ld->dict = iniparser_load(ld->path)) == NULL) {
		char *nl;

		if ((nl = strchr(ini_error, '\n')) != NULL)
			*nl = '\0';
		*ld->cause = xasprintf("%s: cannot parse: %s", ld->path,
		    ini_error[0] ? ini_error : "unknown error");
		return -1;
	}

	for (int k = 0; k < KEY_NKEYS; k++) {
		char name[64], *err = NULL, *at;
		const char *v;

		snprintf(
		    name, sizeof(name), "%s:%s", keys[k].section, keys[k].name);
		if ((v = iniparser_getstring(ld->dict, name, NULL)) == NULL)
			continue;
		if (set_key(cfg, (enum config_key)k, v, &err) != 0) {
			at = where(ld, name);
			*ld->cause = xasprintf("%s%s", at, err);
			free(at);
			free(err);
			return -1;
		}
		cfg->origin[k] = ORIGIN_FILE;
	}
	/* A relative log path is taken from the config file's directory. */
	if (cfg->origin[KEY_DATA] == ORIGIN_FILE && cfg->data_path[0] != '/') {
		const char *slash = strrchr(ld->path, '/');
		char *abs;

		if (cfg->data_path[0] == '~' && cfg->data_path[1] == '/' &&
		    getenv("HOME") != NULL)
			abs = xasprintf(
			    "%s%s", getenv("HOME"), cfg->data_path + 1);
		else if (slash != NULL)
			abs = xasprintf("%.*s/%s", (int)(slash - ld->path),
			    ld->path, cfg->data_path);
		else
			abs = xstrdup(cfg->data_path);
		free(cfg->data_path);
		cfg->data_path = abs;
	}

	nsec = iniparser_getnsec(ld->dict);
	for (int i = 0; i < nsec && rc == 0; i++) {
		const char *sec = iniparser_getsecname(ld->dict, i);

		if (strncmp(sec, "exercise.", 9) == 0) {
			rc = load_exercise(ld, sec);
		} else if (strcmp(sec, "override") == 0) {
			rc = load_overrides(ld);
		} else if (strcmp(sec, "calendar") == 0) {
			rc = load_calwords(ld);
		} else if (strcmp(sec, "go") == 0) {
			rc = load_go(ld);
		} else if (strcmp(sec, "core") == 0 ||
		    strcmp(sec, "schedule") == 0 || strcmp(sec, "plan") == 0) {
			int nk = iniparser_getsecnkeys(ld->dict, sec);
			const char **kl = xcalloc((size_t)nk + 1, sizeof(*kl));

			iniparser_getseckeys(ld->dict, sec, kl);
			for (int j = 0; j < nk; j++) {
				const char *key = strchr(kl[j], ':') + 1;
				char *at;

				if (known_section_key(sec, key))
					continue;
				at = where(ld, kl[j]);
				warnf(ld, "%sunknown key '%s' in [%s]", at, key,
				    sec);
				free(at);
			}
			free(kl);
		} else {
			warnf(ld, "%s: unknown section [%s]", ld->path, sec);
		}
	}
	if (rc == 0)
		go_check_tempos(ld);
	return rc;
}

/* ---- The logs to read ---------------------------------------------- */

static void
logs_clear(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nlogs; i++)
		free(cfg->logs[i]);
	free(cfg->logs);
	cfg->logs = NULL;
	cfg->nlogs = 0;
}

static void
logs_add(struct config *cfg, const char *path)
{
	cfg->logs =
	    xreallocarray(cfg->logs, cfg->nlogs + 1, sizeof(*cfg->logs));
	cfg->logs[cfg->nlogs++] = xstrdup(path);
}

/*
 * Standard input is one stream: a second "-" would find it at its end
 * and read as an empty log, so it is refused rather than ignored.
 */
static int
logs_check_stdin(const struct config *cfg, const char *what, char **cause)
{
	size_t n = 0;

	for (size_t i = 0; i < cfg->nlogs; i++)
		if (strcmp(cfg->logs[i], "-") == 0)
			n++;
	if (n < 2)
		return CONFIG_OK;
	*cause = xasprintf("%s: the standard input ('-') can be read only "
			   "once",
	    what);
	return CONFIG_EUSAGE;
}

/* The logs become the n paths given; data_path the first of them. */
static void
logs_set_first(struct config *cfg)
{
	free(cfg->data_path);
	cfg->data_path = xstrdup(cfg->logs[0]);
}

/*
 * PREHAB_DATA holds one path or several separated by ':', as PATH does.
 * An empty element is an error, not the current directory: a path that
 * holds a ':' can only be given with --data.
 */
static int
logs_from_env(struct config *cfg, const char *v, char **cause)
{
	const char *p = v, *q;

	logs_clear(cfg);
	for (;;) {
		size_t len =
		    (q = strchr(p, ':')) != NULL ? (size_t)(q - p) : strlen(p);

		if (cfg->nlogs == CONFIG_MAX_LOGS) {
			*cause = xasprintf(
			    "PREHAB_DATA: at most %d logs", CONFIG_MAX_LOGS);
			return CONFIG_EUSAGE;
		}
		if (len == 0) {
			*cause = xasprintf("PREHAB_DATA: empty path in '%s' "
					   "(paths are separated by ':'; a "
					   "path holding ':' needs --data)",
			    v);
			return CONFIG_EUSAGE;
		}
		cfg->logs = xreallocarray(
		    cfg->logs, cfg->nlogs + 1, sizeof(*cfg->logs));
		cfg->logs[cfg->nlogs++] = xstrndup(p, len);
		if (q == NULL)
			break;
		p = q + 1;
	}
	logs_set_first(cfg);
	return logs_check_stdin(cfg, "PREHAB_DATA", cause);
}

/* Each --data is one path, taken whole: a ':' in it is part of the name. */
static int
logs_from_args(struct config *cfg, const struct config_args *args, char **cause)
{
	logs_clear(cfg);
	if (args->ndata > CONFIG_MAX_LOGS) {
		*cause = xasprintf("--data: at most %d logs", CONFIG_MAX_LOGS);
		return CONFIG_EUSAGE;
	}
	for (size_t i = 0; i < args->ndata; i++) {
		if (*args->data[i] == '\0') {
			*cause = xstrdup("--data must not be empty");
			return CONFIG_EUSAGE;
		}
		logs_add(cfg, args->data[i]);
	}
	logs_set_first(cfg);
	return logs_check_stdin(cfg, "--data", cause);
}

static int
load_all(struct config *cfg, const struct config_args *args,
    config_warn_fn warn, void *warnarg, char **cause)
{
	struct loader ld;
	const char *v;
	int explicit = 0, rc = CONFIG_OK;

	defaults(cfg);
	*cause = NULL;

	if (args->config != NULL) {
		if (*args->config == '\0') {
			*cause = xstrdup("--config must not be empty");
			return CONFIG_EUSAGE;
		}
		cfg->config_path = xstrdup(args->config);
		explicit = 1;
	} else if ((v = getenv("PREHAB_CONFIG")) != NULL && *v != '\0') {
		cfg->config_path = xstrdup(v);
		explicit = 1;
	} else {
		cfg->config_path =
		    default_path("XDG_CONFIG_HOME", ".config", "config.ini");
	}

	memset(&ld, 0, sizeof(ld));
	ld.cfg = cfg;
	ld.path = cfg->config_path;
	ld.warn = warn;
	ld.warnarg = warnarg;
	ld.cause = cause;
	if (cfg->config_path != NULL) {
		/* O_NONBLOCK: opening a FIFO nobody writes must not hang. */
		int fd =
		    open(cfg->config_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		struct stat st;

		if (fd == -1 && errno == ENOENT && !explicit) {
			/* No config file is a normal state: defaults. */
		} else if (fd == -1) {
			*cause = xasprintf("cannot open config '%s': %s",
			    cfg->config_path, strerror(errno));
			rc = CONFIG_EBAD;
		} else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			*cause = xasprintf("cannot read '%s': %s",
			    cfg->config_path, strerror(EISDIR));
			close(fd);
			rc = CONFIG_EBAD;
		} else if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
			/*
			 * It is read twice (here, then iniparser): no pipes;
			 * and a device such as /dev/zero never ends.
			 */
			*cause = xasprintf("config '%s' is not a regular file",
			    cfg->config_path);
			close(fd);
			rc = CONFIG_EBAD;
		} else if ((st.st_mode & S_IWOTH) && st.st_uid != geteuid()) {
			/*
			 * Anyone could have written it, so it could point the
			 * log anywhere: as ssh(1) does, refuse it, root too.
			 */
			*cause = xasprintf("config '%s' is writable by anyone "
					   "and owned by another user (uid "
					   "%ld); not reading it",
			    cfg->config_path, (long)st.st_uid);
			close(fd);
			rc = CONFIG_EBAD;
		} else {
			close(fd);
			cfg->config_found = 1;
			if (load_file(&ld) != 0)
				rc = CONFIG_EBAD;
		}
	}
	for (size_t i = 0; i < ld.nseen; i++)
		free(ld.seen[i].name);
	free(ld.seen);
	free(ld.slot);
	if (ld.dict != NULL)
		iniparser_freedict(ld.dict);
	if (rc == CONFIG_OK && (rc = check_lights(cfg, cause)) != CONFIG_OK)
		return rc;
	if (rc != CONFIG_OK)
		return rc;

	if ((v = getenv("PREHAB_DATA")) != NULL && *v != '\0') {
		if ((rc = logs_from_env(cfg, v, cause)) != CONFIG_OK)
			return rc;
		cfg->origin[KEY_DATA] = ORIGIN_ENV;
	}
	if (args->ndata > 0) {
		if ((rc = logs_from_args(cfg, args, cause)) != CONFIG_OK)
			return rc;
		cfg->origin[KEY_DATA] = ORIGIN_OPTION;
	}
	if (cfg->data_path == NULL)
		cfg->data_path =
		    default_path("XDG_DATA_HOME", ".local/share", "log.csv");
	if (cfg->nlogs == 0 && cfg->data_path != NULL)
		logs_add(cfg, cfg->data_path);

	/* NO_COLOR (no-color.org) beats the file but not an explicit option. */
	if ((v = getenv("NO_COLOR")) != NULL && *v != '\0') {
		cfg->color = COLOR_NEVER;
		cfg->origin[KEY_COLOR] = ORIGIN_ENV;
	}
	if (args->color != NULL) {
		int c = parse_color(args->color);

		if (c < 0) {
			*cause = util_word_error(
			    "--color", color_names, args->color);
			return CONFIG_EUSAGE;
		}
		cfg->color = (enum config_color)c;
		cfg->origin[KEY_COLOR] = ORIGIN_OPTION;
	}
	return CONFIG_OK;
}

int
config_load(struct config *cfg, const struct config_args *args,
    config_warn_fn warn, void *warnarg, char **cause)
{
	int rc = load_all(cfg, args, warn, warnarg, cause);

	if (rc != CONFIG_OK)
		printable(*cause);
	return rc;
}

void
config_free(struct config *cfg)
{
	free(cfg->data_path);
	logs_clear(cfg);
	free(cfg->config_path);
	free(cfg->overrides);
	for (size_t i = 0; i < cfg->ncalendars; i++)
		free(cfg->calendars[i]);
	free(cfg->calendars);
	for (int i = 0; i < CONFIG_NCALRULES; i++)
		free(cfg->calwords[i]);
	calendar_free(cfg->cal);
	for (size_t i = 0; i < cfg->ngo_tempos; i++)
		free(cfg->go_tempos[i].slug);
	free(cfg->go_tempos);
	catalog_free(&cfg->catalog);
	memset(cfg, 0, sizeof(*cfg));
}

enum day_kind
config_day(const struct config *cfg, date_t d)
{
	return config_day_why(cfg, d, NULL, NULL);
}

enum day_kind
config_day_why(const struct config *cfg, date_t d, enum config_daysrc *src,
    const struct cal_day **cdp)
{
	const struct cal_day *cd;
	enum config_daysrc dummy;

	if (src == NULL)
		src = &dummy;
	if (cdp != NULL)
		*cdp = NULL;
	/* The last matching override wins, as in the file. */
	for (size_t i = cfg->noverrides; i > 0; i--) {
		const struct override *o = &cfg->overrides[i - 1];

		if (d >= o->from && d <= o->to) {
			*src = DAYSRC_OVERRIDE;
			return o->kind;
		}
	}
	if ((cd = calendar_day(cfg->cal, d)) != NULL &&
	    cd->source != CALSRC_NONE) {
		*src = DAYSRC_CALENDAR;
		if (cdp != NULL)
			*cdp = cd;
		return cd->kind;
	}
	*src = DAYSRC_PATTERN;
	if (cdp != NULL)
		*cdp = cd;
	return cfg->schedule[date_weekday(d)];
}

const char *
config_key_section(enum config_key k)
{
	return keys[k].section;
}

const char *
config_key_name(enum config_key k)
{
	return keys[k].name;
}

static void
dump_value(const struct config *cfg, enum config_key k, struct buf *b)
{
	char tbuf[8];

	switch (keys[k].type) {
	case T_PATH: {
		const char *p = cfg->data_path ? cfg->data_path : "", *q;

		/*
		 * iniparser ends a quoted value at the first quote of its
		 * kind, so quote with a kind the path does not hold. A path
		 * holding both can only be written bare.
		 */
		if (strchr(p, '"') == NULL)
			q = "\"";
		else if (strchr(p, '\'') == NULL)
			q = "'";
		else
			q = "";
		buf_addf(b, "%s%s%s", q, p, q);
		break;
	}
	case T_COLOR: buf_adds(b, color_names[cfg->color]); break;
	case T_DAY:
		buf_adds(b, config_daykinds[cfg->schedule[k - KEY_MON]]);
		break;
	case T_TIME: buf_adds(b, date_format_time(cfg->time, tbuf)); break;
	case T_REMIND:
		if (cfg->remind < 0)
			buf_adds(b, "off");
		else
			buf_addf(b, "%dm", cfg->remind);
		break;
	case T_INT:
		switch (k) {
		case KEY_SESSIONS:
			buf_addf(b, "%d", cfg->sessions_per_week);
			break;
		case KEY_GAP: buf_addf(b, "%d", cfg->min_gap_days); break;
		case KEY_UP_SESSIONS:
			buf_addf(b, "%d", cfg->up_sessions);
			break;
		case KEY_UP_PAIN: buf_addf(b, "%d", cfg->up_pain); break;
		case KEY_UP_RPE: buf_addf(b, "%d", cfg->up_rpe); break;
		case KEY_BACK_PAIN: buf_addf(b, "%d", cfg->back_pain); break;
		case KEY_UP_MIN_RPE: buf_addf(b, "%d", cfg->up_min_rpe); break;
		case KEY_CHECKIN_WORSE:
			buf_addf(b, "%d", cfg->checkin_worse);
			break;
		case KEY_REFER_PAIN: buf_addf(b, "%d", cfg->refer_pain); break;
		case KEY_GO_REST: buf_addf(b, "%d", cfg->go_rest); break;
		case KEY_GO_LEAD_IN: buf_addf(b, "%d", cfg->go_lead_in); break;
		case KEY_GO_SWITCH: buf_addf(b, "%d", cfg->go_switch); break;
		default: break;
		}
		break;
	case T_TEMPO: {
		char t[TEMPO_TEXT_MAX];

		buf_addf(b, "%s", tempo_format(&cfg->go_tempo, t));
		break;
	}
	}
}

/* One-line free text for the INI file: quotes would end the value. */
static void
dump_text(struct buf *b, const char *key, const char *v)
{
	if (v == NULL)
		return;
	buf_addf(b, "%s = \"", key);
	for (; *v; v++)
		buf_addc(b, *v == '"' ? '\'' : (*v == '\n' ? ' ' : *v));
	buf_adds(b, "\"\n");
}

static void dump_calendars(const struct config *, struct buf *);
static void dump_calwords(const struct config *, struct buf *);

void
config_dump(const struct config *cfg, struct buf *b)
{
	const char *sec = "";
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];

	buf_adds(b,
	    "# prehab configuration: the effective values, each marked "
	    "with where it\n# came from. Save it as ");
	buf_adds(b,
	    cfg->config_path ? cfg->config_path
			     : "~/.config/prehab/config.ini");
	buf_adds(b, " and edit;\n# see prehab.ini(5).\n");
	if (cfg->config_path != NULL && !cfg->config_found)
		buf_adds(b,
		    "# (that file does not exist yet: built-in "
		    "defaults are in use)\n");
	for (int k = 0; k < KEY_NKEYS; k++) {
		if (strcmp(sec, keys[k].section) != 0) {
			if (strcmp(sec, "schedule") == 0)
				dump_calendars(cfg, b);
			sec = keys[k].section;
			buf_addf(b, "\n[%s]\n", sec);
			if (strcmp(sec, "schedule") == 0)
				buf_adds(b,
				    "# each day: rest, easy, long, hard, "
				    "race, cross or off\n");
		}
		if (keys[k].help != NULL)
			buf_addf(b, "# %s\n", keys[k].help);
		/* A default log path stays relative to XDG, so comment it. */
		if (k == KEY_DATA && cfg->origin[k] == ORIGIN_DEFAULT)
			buf_adds(b, "# ");
		if (k == KEY_DATA && cfg->data_path == NULL)
			continue;
		buf_addf(b, "%s = ", keys[k].name);
		dump_value(cfg, (enum config_key)k, b);
		buf_addf(b, " ; %s\n", config_origins[cfg->origin[k]]);
		/* The further logs of a repeated --data or a PREHAB_DATA list. */
		for (size_t i = 1; k == KEY_DATA && i < cfg->nlogs; i++)
			buf_addf(b, "# also read: %s ; %s\n", cfg->logs[i],
			    config_origins[cfg->origin[k]]);
	}
	/* Still in [go], the last section of the table. */
	for (size_t i = 0; i < cfg->ngo_tempos; i++) {
		char t[TEMPO_TEXT_MAX];

		buf_addf(b, "tempo.%s = %s ; file\n", cfg->go_tempos[i].slug,
		    tempo_format(&cfg->go_tempos[i].tempo, t));
	}
	if (cfg->noverrides > 0) {
		buf_adds(b, "\n[override]\n");
		for (size_t i = 0; i < cfg->noverrides; i++) {
			const struct override *o = &cfg->overrides[i];

			date_format(o->from, d1);
			if (o->to != o->from)
				buf_addf(b, "%s..%s = %s ; file\n", d1,
				    date_format(o->to, d2),
				    config_daykinds[o->kind]);
			else
				buf_addf(b, "%s = %s ; file\n", d1,
				    config_daykinds[o->kind]);
		}
	}
	dump_calwords(cfg, b);
	for (size_t i = 0; i < cfg->catalog.n; i++) {
		const struct exercise *e = &cfg->catalog.ex[i];

		if (e->builtin) {
			if (!e->enabled)
				buf_addf(b,
				    "\n[exercise.%s]\nenabled = no ; "
				    "file\n",
				    e->slug);
			continue;
		}
		buf_addf(b, "\n# from the file\n[exercise.%s]\n", e->slug);
		dump_text(b, "name", e->name);
		dump_text(b, "muscles", e->muscles);
		buf_addf(b, "per_side = %s\n", e->per_side ? "yes" : "no");
		buf_addf(b, "loads_knee = %s\n", e->knee ? "yes" : "no");
		buf_addf(b, "sets = %d\nreps = %d\n", e->sets, e->reps);
		if (e->hold_s)
			buf_addf(b, "hold = %d\n", e->hold_s);
		dump_text(b, "tempo", e->tempo);
		if (e->tempo_s)
			buf_addf(b, "tempo_s = %d\n", e->tempo_s);
		dump_text(b, "cue", e->cue);
		dump_text(b, "why", e->why);
		dump_text(b, "how", e->how);
		dump_text(b, "safety", e->safety);
		if (e->nvariants > 0) {
			buf_adds(b, "variants = ");
			for (int j = 0; j < e->nvariants; j++)
				buf_addf(b, "%s%s", j ? ", " : "",
				    e->variants[j].slug);
			buf_adds(b, "\n");
		}
		buf_addf(b, "enabled = %s\n", e->enabled ? "yes" : "no");
	}
}

/* ---- calendars: [schedule] calendar and the [calendar] rules ---------- */

/* A calendar path as written, made absolute as [core] data is. */
static char *
calendar_path(const struct loader *ld, const char *p)
{
	const char *slash = strrchr(ld->path, '/'), *home = getenv("HOME");

	if (p[0] == '/')
		return xstrdup(p);
	if (p[0] == '~' && p[1] == '/' && home != NULL)
		return xasprintf("%s%s", home, p + 1);
	if (slash != NULL)
		return xasprintf(
		    "%.*s/%s", (int)(slash - ld->path), ld->path, p);
	return xstrdup(p);
}

static int
calendar_add(struct loader *ld, const char *p, long lineno)
{
	struct config *cfg = ld->cfg;

	if (*p == '\0')
		return 0;
	if (cfg->ncalendars == CONFIG_MAX_CALENDARS) {
		*ld->cause = xasprintf("%s:%ld: [schedule] calendar: at most "
				       "%d calendars",
		    ld->path, lineno, CONFIG_MAX_CALENDARS);
		return -1;
	}
	/* The dump quotes a path with one kind of quote. */
	if (strchr(p, '"') != NULL && strchr(p, '\'') != NULL) {
		*ld->cause = xasprintf("%s:%ld: [schedule] calendar: a path "
				       "cannot hold both kinds of quote",
		    ld->path, lineno);
		return -1;
	}
	cfg->calendars = xreallocarray(
	    cfg->calendars, cfg->ncalendars + 1, sizeof(*cfg->calendars));
	cfg->calendars[cfg->ncalendars++] = calendar_path(ld, p);
	cfg->cal_origin = ORIGIN_FILE;
	return 0;
}

/*
 * One "calendar = ..." line, read here because iniparser keeps only the
 * last of a repeated key. As iniparser reads values: a quoted one is
 * taken whole (one path), an unquoted one ends at ';' or '#', and is a
 * comma-separated list.
 */
static int
calendar_value(struct loader *ld, char *value, long lineno)
{
	char *v = trim(value), *p, *comma;

	if (*v == '"' || *v == '\'') {
		char *end = strchr(v + 1, *v);

		if (end == NULL) {
			*ld->cause = xasprintf("%s:%ld: [schedule] calendar: "
					       "no closing quote",
			    ld->path, lineno);
			return -1;
		}
		*end = '\0';
		return calendar_add(ld, trim(v + 1), lineno);
	}
	v[strcspn(v, ";#")] = '\0';
	for (p = v; p != NULL; p = comma != NULL ? comma + 1 : NULL) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		if (calendar_add(ld, trim(p), lineno) != 0)
			return -1;
	}
	return 0;
}

/* The [calendar] keys: a rule name for each kind, and "run". */
static int
calrule_index(const char *key)
{
	if (strcmp(key, "run") == 0)
		return CAL_RUN;
	for (int i = 0; i < DAY_NKINDS; i++)
		if (i != DAY_OFF && strcmp(key, config_daykinds[i]) == 0)
			return i;
	return -1;
}

static const char *
calrule_name(int i)
{
	return i == CAL_RUN ? "run" : config_daykinds[i];
}

static int
load_calwords(struct loader *ld)
{
	struct config *cfg = ld->cfg;
	int nk = iniparser_getsecnkeys(ld->dict, "calendar"), rc = 0;
	const char **kl;

	if (nk <= 0)
		return 0;
	kl = xcalloc((size_t)nk + 1, sizeof(*kl));
	iniparser_getseckeys(ld->dict, "calendar", kl);
	for (int i = 0; i < nk && rc == 0; i++) {
		const char *k = strchr(kl[i], ':') + 1;
		const char *v = iniparser_getstring(ld->dict, kl[i], "");
		int r = calrule_index(k);
		char *at = where(ld, kl[i]), *w, *q, *p, *comma;

		if (strcmp(k, "empty_days") == 0) {
			if (util_strcaseeq(v, "rest") ||
			    util_strcaseeq(v, "pattern"))
				cfg->cal_gaps_pattern =
				    util_strcaseeq(v, "pattern");
			else {
				*ld->cause = xasprintf("%s[calendar] "
						       "empty_days must be "
						       "rest or pattern, got "
						       "'%s'",
				    at, v);
				rc = -1;
			}
			free(at);
			continue;
		}
		if (r < 0) {
			warnf(ld, "%sunknown key '%s' in [calendar]", at, k);
			free(at);
			continue;
		}
		/* Quotes have no place in a keyword; the dump adds its own. */
		w = xstrdup(v);
		for (p = q = w; *p != '\0'; p++)
			if (*p != '"')
				*q++ = *p;
		*q = '\0';
		for (p = w; p != NULL && rc == 0;
		     p = comma != NULL ? comma + 1 : NULL) {
			char *t;

			if ((comma = strchr(p, ',')) != NULL)
				*comma = '\0';
			t = trim(p);
			if (strlen(t) >= 48) {
				*ld->cause = xasprintf("%s[calendar] %s: "
						       "keyword '%s' is "
						       "longer than 47 bytes",
				    at, k, t);
				rc = -1;
			}
			if (comma != NULL)
				*comma = ',';
		}
		if (rc == 0) {
			free(cfg->calwords[r]);
			cfg->calwords[r] = w;
		} else
			free(w);
		free(at);
	}
	free(kl);
	return rc;
}

int
config_set_calendars(
    struct config *cfg, char *const *paths, size_t n, char **cause)
{
	*cause = NULL;
	if (n > CONFIG_MAX_CALENDARS) {
		*cause =
		    xasprintf("at most %d calendars", CONFIG_MAX_CALENDARS);
		return CONFIG_EUSAGE;
	}
	for (size_t i = 0; i < n; i++)
		if (paths[i][0] == '\0') {
			*cause = xstrdup("--calendar must not be empty");
			return CONFIG_EUSAGE;
		}
	for (size_t i = 0; i < cfg->ncalendars; i++)
		free(cfg->calendars[i]);
	free(cfg->calendars);
	cfg->calendars = xreallocarray(NULL, n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		cfg->calendars[i] = xstrdup(paths[i]);
	cfg->ncalendars = n;
	cfg->cal_origin = ORIGIN_OPTION;
	return CONFIG_OK;
}

int
config_load_calendars(struct config *cfg, date_t from, date_t to,
    config_warn_fn warn, void *arg, char **cause)
{
	*cause = NULL;
	calendar_free(cfg->cal);
	cfg->cal = NULL;
	if (cfg->ncalendars == 0)
		return 0;
	return calendar_load((const char *const *)cfg->calendars,
	    cfg->ncalendars, (const char *const *)cfg->calwords,
	    !cfg->cal_gaps_pattern, from, to, warn, arg, &cfg->cal, cause);
}

/* The calendar lines of [schedule], with what each gave when read. */
static void
dump_calendars(const struct config *cfg, struct buf *b)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];

	if (cfg->ncalendars == 0) {
		buf_adds(b,
		    "# running plans as iCalendar files (repeatable):\n"
		    "# calendar = ~/.local/share/prehab/plan.ics\n");
		return;
	}
	buf_adds(b, "# running plans as iCalendar files (repeatable)\n");
	for (size_t i = 0; i < cfg->ncalendars; i++) {
		const char *p = cfg->calendars[i];
		const char *q = strchr(p, '"') == NULL ? "\"" : "'";

		if (cfg->cal != NULL) {
			long n = calendar_events(cfg->cal, i);

			buf_addf(b, "# %ld event%s from %s to %s\n", n,
			    n == 1 ? "" : "s",
			    date_format(calendar_from(cfg->cal), d1),
			    date_format(calendar_to(cfg->cal), d2));
		}
		buf_addf(b, "calendar = %s%s%s ; %s\n", q, p, q,
		    config_origins[cfg->cal_origin]);
	}
}

/* The [calendar] section, when the file set any rule. */
static void
dump_calwords(const struct config *cfg, struct buf *b)
{
	int any = cfg->cal_gaps_pattern;

	for (int i = 0; i < CONFIG_NCALRULES; i++)
		any |= cfg->calwords[i] != NULL;
	if (!any)
		return;
	buf_adds(b, "\n[calendar]\n");
	if (cfg->cal_gaps_pattern)
		buf_adds(b, "empty_days = pattern ; file\n");
	for (int i = 0; i < CONFIG_NCALRULES; i++)
		if (cfg->calwords[i] != NULL)
			buf_addf(b, "%s = \"%s\" ; file\n", calrule_name(i),
			    cfg->calwords[i]);
}
