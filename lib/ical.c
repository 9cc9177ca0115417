/*
 * ical: see ical.h.
 *
 * The reader keeps one unfolded line and one event. Each event is turned
 * into a bit map of the span's days when its END:VEVENT arrives, because
 * RFC 5545 lets its properties come in any order. Recurrences are walked
 * from the first period that can reach the span, worked out by
 * arithmetic, so an RRULE starting in 1900 costs what one starting last
 * week does.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ical.h"
#include "util.h"

enum tkind { TK_NONE, TK_DATE, TK_FLOAT, TK_UTC, TK_ZONE };

/* A DTSTART, DTEND, EXDATE or UNTIL value. */
struct itime {
	enum tkind kind;
	date_t date; /* the date as written */
	long secs; /* seconds into that day; 0 for a DATE */
	date_t local; /* the same instant in the local time zone */
	long lsecs;
};

enum freq { FREQ_NONE, FREQ_DAILY, FREQ_WEEKLY, FREQ_OTHER };

struct rrule {
	enum freq freq;
	long interval;
	long count; /* 0: no COUNT */
	int has_until;
	struct itime until;
	unsigned byday; /* bit 0 is Monday; 0 for none */
	long line;
	char why[96]; /* FREQ_OTHER: what is not supported */
};

struct event {
	long line;
	char summary[ICAL_TEXT_MAX];
	char description[ICAL_TEXT_MAX];
	char categories[ICAL_TEXT_MAX];
	char uid[256];
	struct itime start, end;
	long dur; /* seconds, when has_dur */
	int has_dur, cancelled, nrrule;
	struct rrule rr;
	date_t exdates[ICAL_MAX_EXDATES];
	size_t nex;
	int bad_utf8; /* a text field had broken UTF-8 */
	long utf8_line;
};

struct reader {
	FILE *fp;
	const char *name;
	date_t from, to;
	long ndays;
	unsigned char *days;
	ical_event_fn fn;
	ical_warn_fn warn;
	void *arg;
	struct ical_stats st;

	char *buf; /* ICAL_LINE_MAX + 1 */
	size_t len;
	long lineno; /* physical lines read */
	long line; /* where the current logical line starts */
	int toolong, nul;

	char zone[64]; /* the last TZID looked up */
	int zone_ok;
	struct zslot *zcache; /* ZCACHE of them */
};

/*
 * Switching TZ makes the C library read a zone file, which a hostile
 * file with a million events would pay a million times: the offset of a
 * zone on a day without a clock change is kept, by zone and day.
 */
#define ZCACHE 256
struct zslot {
	char zone[64];
	date_t date;
	long off; /* seconds from wall time to UTC */
	int used;
};

static void warnat(struct reader *, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
warnat(struct reader *r, long line, const char *fmt, ...)
{
	va_list ap;
	char msg[600];
	int n;

	r->st.warnings++;
	if (r->warn == NULL || r->st.warnings > ICAL_MAX_WARNINGS)
		return;
	n = snprintf(msg, sizeof(msg), "%s:%ld: ", r->name, line);
	if (n < 0 || (size_t)n >= sizeof(msg))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	/* Quoted bytes of the file reach a terminal: make them harmless. */
	for (char *p = msg; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

		if (c < 0x20 || c == 0x7f)
			*p = '?';
		else if (c >= 0x80 &&
		    (strnlen(p, len) < len || !util_utf8_valid(p, len)))
			*p = '?';
		else if (c >= 0x80)
			p += len - 1;
	}
	r->warn(msg, r->arg);
}

/*
 * The next unfolded line into r->buf: CRLF or LF ends a line, and a line
 * starting with a space or a tab continues the one before. Returns 0 at
 * the end of the file. An over-long line is cut (r->toolong) but read to
 * its end, so a 100 MB line costs time, not memory.
 */
static int
next_line(struct reader *r)
{
	int c;

	r->len = 0;
	r->toolong = r->nul = 0;
	if ((c = getc_unlocked(r->fp)) == EOF)
		return 0;
	r->line = ++r->lineno;
	for (;;) {
		if (c == EOF)
			break;
		if (c == '\n') {
			if (r->len > 0 && r->buf[r->len - 1] == '\r')
				r->len--;
			c = getc_unlocked(r->fp);
			if (c == ' ' || c == '\t') {
				r->lineno++;
				c = getc_unlocked(r->fp);
				continue;
			}
			if (c != EOF)
				ungetc(c, r->fp);
			break;
		}
		if (c == '\0')
			r->nul = 1;
		if (r->len < ICAL_LINE_MAX)
			r->buf[r->len++] = (char)c;
		else
			r->toolong = 1;
		c = getc_unlocked(r->fp);
	}
	r->buf[r->len] = '\0';
	return 1;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether s starts with the upper-case word w, case-insensitively. */
static int
starts(const char *s, const char *w)
{
	for (; *w != '\0'; s++, w++)
		if (lower((unsigned char)*s) != lower((unsigned char)*w))
			return 0;
	return 1;
}

/*
 * Splits "NAME;PARAM=V;PARAM="a:b":VALUE" in place. Returns 0, or -1
 * when there is no ':' outside quotes.
 */
static int
split(char *line, char **name, char **params, char **value)
{
	char *p = line;
	int quoted = 0;

	*name = line;
	*params = NULL;
	while (*p != '\0' && *p != ';' && *p != ':')
		p++;
	if (*p == ';') {
		*p++ = '\0';
		*params = p;
		for (; *p != '\0'; p++) {
			if (*p == '"')
				quoted = !quoted;
			else if (*p == ':' && !quoted)
				break;
		}
	}
	if (*p != ':')
		return -1;
	*p++ = '\0';
	*value = p;
	return 0;
}

/*
 * The value of parameter pname in params, unquoted, into out; 0 or -1 if
 * it is not there. A list of values is returned whole.
 */
static int
param(const char *params, const char *pname, char *out, size_t outsz)
{
	const char *p = params;
	size_t n = strlen(pname);

	while (p != NULL && *p != '\0') {
		const char *eq, *end;
		int quoted = 0;

		for (end = p; *end != '\0'; end++) {
			if (*end == '"')
				quoted = !quoted;
			else if (*end == ';' && !quoted)
				break;
		}
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq != NULL && (size_t)(eq - p) == n &&
		    util_strncaseeq(p, pname, n)) {
			const char *v = eq + 1;
			size_t k = 0;

			for (; v < end && k + 1 < outsz; v++)
				if (*v != '"')
					out[k++] = *v;
			out[k] = '\0';
			return 0;
		}
		p = *end == ';' ? end + 1 : end;
	}
	return -1;
}

/*
 * Unescapes a TEXT value into out (outsz bytes), newlines and control
 * bytes becoming spaces and broken UTF-8 '?', cut at a character
 * boundary. Returns 1 if the UTF-8 was broken.
 */
static int
text(const char *v, char *out, size_t outsz)
{
	size_t k = 0;
	int bad = 0;

	while (*v != '\0') {
		unsigned char c = (unsigned char)*v;
		size_t len = 1;

		/* An escaped byte is ASCII; before anything else, drop '\'. */
		if (c == '\\' && (unsigned char)v[1] >= 0x80) {
			v++;
			continue;
		}
		if (c == '\\' && v[1] != '\0') {
			c = (unsigned char)v[1];
			c = c == 'n' || c == 'N' ? ' ' : c;
			v += 2;
			if (k + 1 >= outsz)
				break;
			out[k++] = (char)(c < 0x20 || c == 0x7f ? ' ' : c);
			continue;
		}
		if (c >= 0x80) {
			len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			if (strnlen(v, len) < len || !util_utf8_valid(v, len)) {
				bad = 1;
				if (k + 1 >= outsz)
					break;
				out[k++] = '?';
				v++;
				continue;
			}
		}
		if (k + len >= outsz)
			break;
		if (len == 1)
			out[k++] = (char)(c < 0x20 || c == 0x7f ? ' ' : c);
		else {
			memcpy(out + k, v, len);
			k += len;
		}
		v += len;
	}
	out[k] = '\0';
	return bad;
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/*
 * A zone name the system knows: the names of its zone database only,
 * never a path out of it. The last answer is kept, as feeds repeat it.
 */
static int
zone_known(struct reader *r, const char *tz)
{
	const char *dir = getenv("TZDIR");
	char path[512];
	struct stat st;

	if (strcmp(tz, r->zone) == 0)
		return r->zone_ok;
	snprintf(r->zone, sizeof(r->zone), "%s", tz);
	r->zone_ok = 0;
	if (*tz == '\0' || *tz == '/' || strstr(tz, "..") != NULL ||
	    strlen(tz) >= sizeof(r->zone))
		return 0;
	for (const char *p = tz; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			(*p >= '0' && *p <= '9') || *p == '/' || *p == '_' ||
			*p == '-' || *p == '+'))
			return 0;
	snprintf(path, sizeof(path), "%s/%s",
	    dir != NULL && *dir != '\0' ? dir : "/usr/share/zoneinfo", tz);
	r->zone_ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	return r->zone_ok;
}

/* Seconds since the epoch of a wall time in zone tz, through TZ. */
static time_t
zone_time(const char *tz, date_t d, long secs)
{
	const char *cur = getenv("TZ");
	char *saved = cur != NULL ? xstrdup(cur) : NULL;
	struct tm tm;
	int y, m, dd;
	time_t t;

	date_to_ymd(d, &y, &m, &dd);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = dd;
	tm.tm_hour = (int)(secs / 3600);
	tm.tm_min = (int)(secs / 60 % 60);
	tm.tm_sec = (int)(secs % 60);
	tm.tm_isdst = -1;
	setenv("TZ", tz, 1);
	tzset();
	t = mktime(&tm);
	if (saved != NULL)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	return t;
}

/* The instant of a wall time in zone tz, through the cache. */
static time_t
zone_instant(struct reader *r, const char *tz, date_t d, long secs)
{
	unsigned h = (unsigned)d * 2654435761u;
	struct zslot *z;
	long wall = (long)d * 86400 + secs, off, o0, o1;

	for (const char *p = tz; *p != '\0'; p++)
		h = h * 31 + (unsigned char)*p;
	z = &r->zcache[h % ZCACHE];
	if (z->used && z->date == d && strcmp(z->zone, tz) == 0)
		return (time_t)(wall + z->off);
	off = (long)zone_time(tz, d, secs) - wall;
	o0 = (long)zone_time(tz, d, 0) - (long)d * 86400;
	o1 = (long)zone_time(tz, d, 86399) - ((long)d * 86400 + 86399);
	/* The same offset all day long: no clock change that day. */
	if (off == o0 && o0 == o1) {
		snprintf(z->zone, sizeof(z->zone), "%s", tz);
		z->date = d;
		z->off = off;
		z->used = 1;
	}
	return (time_t)(wall + off);
}

/* Fills t->local and t->lsecs from an instant. */
static void
set_local(struct itime *t, time_t when)
{
	struct tm tm;

	if (localtime_r(&when, &tm) == NULL ||
	    date_from_ymd(
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &t->local) != 0) {
		t->local = t->date;
		t->lsecs = t->secs;
		return;
	}
	t->lsecs = tm.tm_hour * 3600L + tm.tm_min * 60L + tm.tm_sec;
}

/*
 * Parses one DATE or DATE-TIME value with its TZID (or NULL). Returns 0,
 * or -1 if it is malformed.
 */
static int
parse_time(struct reader *r, long line, const char *v, const char *tzid,
    int date_only, struct itime *t)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;
	size_t n = strlen(v);

	memset(t, 0, sizeof(*t));
	if (n < 8 || digits(v, 4, &y) || digits(v + 4, 2, &m) ||
	    digits(v + 6, 2, &d) || date_from_ymd(y, m, d, &t->date) != 0)
		return -1;
	if (n == 8) {
		t->kind = TK_DATE;
		t->local = t->date;
		return 0;
	}
	if (date_only || v[8] != 'T' || (n != 15 && n != 16) ||
	    digits(v + 9, 2, &hh) || digits(v + 11, 2, &mm) ||
	    digits(v + 13, 2, &ss) || hh > 23 || mm > 59 || ss > 60 ||
	    (n == 16 && v[15] != 'Z'))
		return -1;
	t->secs = hh * 3600L + mm * 60L + (ss > 59 ? 59 : ss);
	t->local = t->date;
	t->lsecs = t->secs;
	if (n == 16) {
		t->kind = TK_UTC;
		set_local(t, (time_t)t->date * 86400 + t->secs);
	} else if (tzid != NULL && *tzid != '\0') {
		if (zone_known(r, tzid)) {
			t->kind = TK_ZONE;
			set_local(t, zone_instant(r, tzid, t->date, t->secs));
		} else {
			t->kind = TK_FLOAT;
			warnat(r, line,
			    "unknown time zone '%.60s', its times taken as "
			    "local",
			    tzid);
		}
	} else
		t->kind = TK_FLOAT;
	return 0;
}

/* A DURATION ("P1D", "PT1H30M", "P2W") in seconds; 0 or -1. */
static int
parse_duration(const char *v, long *out)
{
	long total = 0, n;
	int time = 0, any = 0;

	if (*v == '+')
		v++;
	if (*v++ != 'P')
		return -1;
	while (*v != '\0') {
		if (*v == 'T') {
			time = 1;
			v++;
			continue;
		}
		for (n = 0; *v >= '0' && *v <= '9'; v++)
			if ((n = n * 10 + (*v - '0')) > 10000000)
				return -1;
		switch (*v) {
		case 'W': n *= 7 * 86400L; break;
		case 'D': n *= 86400L; break;
		case 'H': n *= 3600L; break;
		case 'M': n *= time ? 60L : -1; break;
		case 'S': n *= time ? 1 : -1; break;
		default: return -1;
		}
		if (n < 0)
			return -1;
		total += n;
		any = 1;
		v++;
	}
	if (!any)
		return -1;
	*out = total;
	return 0;
}

static const char *const wdays[7] = { "MO", "TU", "WE", "TH", "FR", "SA",
	"SU" };

/* Parses an RRULE into e->rr; what it cannot follow goes in rr.why. */
static void
parse_rrule(struct reader *r, struct event *e, char *v)
{
	struct rrule *rr = &e->rr;
	char *part, *save = NULL;
	long n;

	memset(rr, 0, sizeof(*rr));
	rr->line = r->line;
	rr->interval = 1;
	if (++e->nrrule > 1) {
		rr->freq = FREQ_OTHER;
		snprintf(rr->why, sizeof(rr->why), "more than one RRULE");
		return;
	}
	for (part = strtok_r(v, ";", &save); part != NULL;
	     part = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(part, '='), *val;

		if (eq == NULL)
			goto bad;
		*eq = '\0';
		val = eq + 1;
		if (util_strcaseeq(part, "FREQ")) {
			if (util_strcaseeq(val, "DAILY"))
				rr->freq = FREQ_DAILY;
			else if (util_strcaseeq(val, "WEEKLY"))
				rr->freq = FREQ_WEEKLY;
			else {
				rr->freq = FREQ_OTHER;
				snprintf(rr->why, sizeof(rr->why), "FREQ=%.40s",
				    val);
				return;
			}
		} else if (util_strcaseeq(part, "INTERVAL")) {
			if (util_parse_long(val, 1, 1000, &n) != 0)
				goto bad;
			rr->interval = n;
		} else if (util_strcaseeq(part, "COUNT")) {
			if (util_parse_long(val, 1, 1000000000L, &n) != 0)
				goto bad;
			rr->count = n;
		} else if (util_strcaseeq(part, "UNTIL")) {
			if (parse_time(r, r->line, val, NULL, 0, &rr->until))
				goto bad;
			rr->has_until = 1;
			if (rr->until.kind == TK_DATE)
				rr->until.lsecs = 86399;
		} else if (util_strcaseeq(part, "BYDAY")) {
			char *d, *s2 = NULL;

			for (d = strtok_r(val, ",", &s2); d != NULL;
			     d = strtok_r(NULL, ",", &s2)) {
				int k;

				for (k = 0; k < 7; k++)
					if (util_strcaseeq(d, wdays[k]))
						break;
				if (k == 7) {
					rr->freq = FREQ_OTHER;
					snprintf(rr->why, sizeof(rr->why),
					    "BYDAY=%.40s", d);
					return;
				}
				rr->byday |= 1u << k;
			}
		} else if (!util_strcaseeq(part, "WKST")) {
			rr->freq = FREQ_OTHER;
			snprintf(rr->why, sizeof(rr->why), "%.40s", part);
			return;
		}
	}
	if (rr->freq == FREQ_NONE)
		goto bad;
	/* Every day, on some weekdays: a weekly rule says the same. */
	if (rr->freq == FREQ_DAILY && rr->byday != 0) {
		if (rr->interval != 1) {
			rr->freq = FREQ_OTHER;
			snprintf(rr->why, sizeof(rr->why),
			    "FREQ=DAILY with INTERVAL and BYDAY");
			return;
		}
		rr->freq = FREQ_WEEKLY;
	}
	return;
bad:
	rr->freq = FREQ_OTHER;
	snprintf(rr->why, sizeof(rr->why), "a malformed RRULE");
}

/* Reads the dates of an EXDATE line into the event. */
static void
parse_exdate(struct reader *r, struct event *e, const char *params, char *v)
{
	char tz[64], *d, *save = NULL;
	int have_tz =
	    params != NULL && param(params, "TZID", tz, sizeof(tz)) == 0;

	for (d = strtok_r(v, ",", &save); d != NULL;
	     d = strtok_r(NULL, ",", &save)) {
		struct itime t;

		if (parse_time(r, r->line, d, have_tz ? tz : NULL, 0, &t) !=
		    0) {
			warnat(r, r->line, "bad EXDATE '%.40s', ignored", d);
			continue;
		}
		if (e->nex == ICAL_MAX_EXDATES) {
			warnat(r, r->line,
			    "more than %d EXDATE values in one event, the "
			    "rest ignored",
			    ICAL_MAX_EXDATES);
			return;
		}
		e->exdates[e->nex++] = t.local;
	}
}

/* One property of an event. */
static void
event_prop(struct reader *r, struct event *e, const char *name,
    const char *params, char *v)
{
	char tz[64], vt[32];
	int date_only, have_tz, bad = 0;

	have_tz = params != NULL && param(params, "TZID", tz, sizeof(tz)) == 0;
	date_only = params != NULL &&
	    param(params, "VALUE", vt, sizeof(vt)) == 0 &&
	    util_strcaseeq(vt, "DATE");
	if (util_strcaseeq(name, "SUMMARY"))
		bad = text(v, e->summary, sizeof(e->summary));
	else if (util_strcaseeq(name, "DESCRIPTION"))
		bad = text(v, e->description, sizeof(e->description));
	else if (util_strcaseeq(name, "CATEGORIES")) {
		size_t k = strlen(e->categories);

		/* Several CATEGORIES lines add up. */
		if (k > 0 && k + 2 < sizeof(e->categories))
			e->categories[k++] = ',';
		bad = text(v, e->categories + k, sizeof(e->categories) - k);
	} else if (util_strcaseeq(name, "UID"))
		bad = text(v, e->uid, sizeof(e->uid));
	else if (util_strcaseeq(name, "STATUS"))
		e->cancelled = util_strcaseeq(v, "CANCELLED");
	else if (util_strcaseeq(name, "DTSTART")) {
		if (parse_time(r, r->line, v, have_tz ? tz : NULL, date_only,
			&e->start) != 0) {
			warnat(r, r->line, "bad DTSTART '%.40s'", v);
			e->start.kind = TK_NONE;
		}
	} else if (util_strcaseeq(name, "DTEND")) {
		if (parse_time(r, r->line, v, have_tz ? tz : NULL, date_only,
			&e->end) != 0) {
			warnat(r, r->line, "bad DTEND '%.40s', ignored", v);
			e->end.kind = TK_NONE;
		}
	} else if (util_strcaseeq(name, "DURATION")) {
		if (parse_duration(v, &e->dur) != 0)
			warnat(r, r->line, "bad DURATION '%.40s', ignored", v);
		else
			e->has_dur = 1;
	} else if (util_strcaseeq(name, "RRULE"))
		parse_rrule(r, e, v);
	else if (util_strcaseeq(name, "EXDATE"))
		parse_exdate(r, e, params, v);
	if (bad && !e->bad_utf8) {
		e->bad_utf8 = 1;
		e->utf8_line = r->line;
	}
}

static int
excluded(const struct event *e, date_t local)
{
	for (size_t i = 0; i < e->nex; i++)
		if (e->exdates[i] == local)
			return 1;
	return 0;
}

/* Marks the days of one occurrence, starting on written date o. */
static int
mark(
    struct reader *r, const struct event *e, date_t o, date_t shift, long ndays)
{
	date_t a = o + shift, z = o + shift + ndays - 1;

	if (excluded(e, a) || z < r->from || a > r->to)
		return 0;
	if (a < r->from)
		a = r->from;
	if (z > r->to)
		z = r->to;
	for (date_t d = a; d <= z; d++)
		r->days[d - r->from] = 1;
	return 1;
}

/* Whether an occurrence on written date o is after UNTIL. */
static int
past_until(const struct event *e, date_t o, date_t shift)
{
	const struct itime *u = &e->rr.until;
	date_t d = o + shift;

	return e->rr.has_until &&
	    (d > u->local || (d == u->local && e->start.lsecs > u->lsecs));
}

/* The days an occurrence covers, from DTEND or DURATION; at least one. */
static long
span_days(const struct event *e)
{
	const struct itime *s = &e->start;
	long n;

	if (e->end.kind != TK_NONE) {
		if (s->kind == TK_DATE)
			n = e->end.local - s->local;
		else if (e->end.local * 86400 + e->end.lsecs <=
		    s->local * 86400 + s->lsecs)
			n = 1;
		else
			n = e->end.local - s->local + (e->end.lsecs > 0);
	} else if (e->has_dur) {
		if (s->kind == TK_DATE)
			n = (e->dur + 86399) / 86400;
		else if (e->dur == 0)
			n = 1;
		else /* an end at midnight leaves that day out */
			n = (s->lsecs + e->dur - 1) / 86400 + 1;
	} else
		n = 1;
	if (n < 1)
		n = 1;
	return n > ICAL_MAX_DAYS ? ICAL_MAX_DAYS : n;
}

static long
popcount(unsigned m)
{
	long n = 0;

	for (; m != 0; m &= m - 1)
		n++;
	return n;
}

/* Expands the event over the span into r->days; returns days marked. */
static int
expand(struct reader *r, const struct event *e)
{
	const struct rrule *rr = &e->rr;
	date_t s = e->start.date, shift = e->start.local - e->start.date;
	long ndays = span_days(e), n = 0;
	/* Written dates whose occurrence can reach the span. */
	date_t lo = r->from - shift - (ndays - 1), hi = r->to - shift;
	int any = 0;

	if (rr->freq == FREQ_NONE || rr->freq == FREQ_OTHER)
		return mark(r, e, s, shift, ndays);
	if (rr->freq == FREQ_DAILY) {
		long k =
		    lo > s ? (lo - s + rr->interval - 1) / rr->interval : 0;

		for (;; k++) {
			date_t o = s + k * rr->interval;

			if (o > hi || (rr->count && k >= rr->count) ||
			    past_until(e, o, shift))
				break;
			any |= mark(r, e, o, shift, ndays);
		}
		return any;
	}
	/* Weekly: periods of interval weeks from the Monday of DTSTART. */
	{
		unsigned mask = rr->byday ? rr->byday : 1u << date_weekday(s);
		date_t w0 = date_week_start(s);
		long period = 7 * rr->interval, w = 0, first = 0;

		for (int d = date_weekday(s); d < 7; d++)
			first += (mask >> d) & 1;
		if (lo - w0 - 6 > 0)
			w = (lo - w0 - 6) / period;
		if (w > 0)
			n = first + (w - 1) * popcount(mask);
		for (; w0 + w * period <= hi; w++)
			for (int d = 0; d < 7; d++) {
				date_t o = w0 + w * period + d;

				if (!((mask >> d) & 1) || o < s)
					continue;
				if ((rr->count && n >= rr->count) ||
				    past_until(e, o, shift))
					return any;
				n++;
				if (o >= lo && o <= hi)
					any |= mark(r, e, o, shift, ndays);
			}
	}
	return any;
}

/* Quotes an event in warnings: its SUMMARY, or its line. */
static const char *
event_name(const struct event *e, char *buf, size_t sz)
{
	if (e->summary[0] != '\0')
		snprintf(buf, sz, "\"%.60s\"", e->summary);
	else
		snprintf(buf, sz, "of line %ld", e->line);
	return buf;
}

static void
finish(struct reader *r, struct event *e)
{
	struct ical_event ev;
	char nm[80];

	r->st.events++;
	if (e->bad_utf8)
		warnat(r, e->utf8_line,
		    "invalid UTF-8 in event %s, shown as '?'",
		    event_name(e, nm, sizeof(nm)));
	if (e->cancelled) {
		r->st.cancelled++;
		return;
	}
	if (e->start.kind == TK_NONE) {
		warnat(r, e->line, "event %s has no usable DTSTART, skipped",
		    event_name(e, nm, sizeof(nm)));
		return;
	}
	if (e->rr.freq == FREQ_OTHER)
		warnat(r, e->rr.line,
		    "event %s: RRULE with %s is not supported, only its "
		    "first day counts",
		    event_name(e, nm, sizeof(nm)), e->rr.why);
	if (r->ndays == 0)
		return;
	memset(r->days, 0, (size_t)r->ndays);
	if (!expand(r, e))
		return;
	r->st.used++;
	ev.summary = e->summary;
	ev.description = e->description;
	ev.categories = e->categories;
	ev.uid = e->uid;
	ev.line = e->line;
	if (r->fn != NULL)
		r->fn(&ev, r->days, r->arg);
}

static void
event_reset(struct event *e, long line)
{
	e->line = line;
	e->summary[0] = e->description[0] = e->categories[0] = '\0';
	e->uid[0] = '\0';
	memset(&e->start, 0, sizeof(e->start));
	memset(&e->end, 0, sizeof(e->end));
	memset(&e->rr, 0, sizeof(e->rr));
	e->dur = 0;
	e->has_dur = e->cancelled = e->nrrule = 0;
	e->nex = 0;
	e->bad_utf8 = 0;
}

int
ical_read(FILE *fp, const char *name, date_t from, date_t to, ical_event_fn fn,
    ical_warn_fn warn, void *arg, struct ical_stats *stats, char **cause)
{
	struct reader r;
	struct event *e = xmalloc(sizeof(*e));
	int in_event = 0, seen_cal = 0, ended_cal = 0, first = 1, rc = 0;
	long sub = 0;

	memset(&r, 0, sizeof(r));
	r.fp = fp;
	r.name = name;
	r.from = from;
	r.to = to;
	r.ndays = to >= from ? to - from + 1 : 0;
	if (r.ndays > ICAL_MAX_SPAN) {
		r.ndays = ICAL_MAX_SPAN;
		r.to = from + ICAL_MAX_SPAN - 1;
	}
	r.days = xmalloc(r.ndays > 0 ? (size_t)r.ndays : 1);
	r.fn = fn;
	r.warn = warn;
	r.arg = arg;
	r.buf = xmalloc(ICAL_LINE_MAX + 1);
	r.zcache = xcalloc(ZCACHE, sizeof(*r.zcache));
	*cause = NULL;

	while (next_line(&r)) {
		char *line = r.buf, *pname, *params, *v;

		if (first && strncmp(line, "\xef\xbb\xbf", 3) == 0)
			line += 3;
		if (r.toolong) {
			warnat(&r, r.line, "line longer than %d bytes, skipped",
			    ICAL_LINE_MAX);
			continue;
		}
		if (r.nul) {
			warnat(&r, r.line, "NUL byte in line, skipped");
			continue;
		}
		if (*line == '\0')
			continue;
		if (first) {
			first = 0;
			if (!starts(line, "BEGIN:VCALENDAR")) {
				warnat(&r, r.line,
				    "not an iCalendar file (no "
				    "BEGIN:VCALENDAR), nothing read");
				goto out;
			}
		}
		if (split(line, &pname, &params, &v) != 0) {
			warnat(&r, r.line, "no ':' in line, skipped");
			continue;
		}
		if (util_strcaseeq(pname, "BEGIN")) {
			if (util_strcaseeq(v, "VCALENDAR"))
				seen_cal = 1;
			if (!util_strcaseeq(v, "VEVENT")) {
				sub += in_event;
				continue;
			}
			if (in_event && sub == 0)
				warnat(&r, r.line,
				    "BEGIN:VEVENT inside the event of line "
				    "%ld, which is skipped",
				    e->line);
			if (in_event && sub > 0) {
				sub++;
				continue;
			}
			event_reset(e, r.line);
			in_event = 1;
			continue;
		}
		if (util_strcaseeq(pname, "END")) {
			if (util_strcaseeq(v, "VCALENDAR") && !in_event)
				ended_cal = 1;
			if (!in_event)
				continue;
			if (sub > 0) {
				sub--;
				continue;
			}
			if (util_strcaseeq(v, "VEVENT")) {
				finish(&r, e);
				in_event = 0;
			} else
				warnat(&r, r.line,
				    "END:%.40s inside an event, ignored", v);
			continue;
		}
		if (in_event && sub == 0)
			event_prop(&r, e, pname, params, v);
	}
	if (ferror(fp)) {
		*cause =
		    xasprintf("cannot read '%s': %s", name, strerror(errno));
		rc = -1;
		goto out;
	}
	if (r.lineno == 0)
		warnat(&r, 1, "empty file, nothing read");
	else if (first)
		warnat(&r, r.lineno,
		    "not an iCalendar file (no BEGIN:VCALENDAR), nothing read");
	else if (in_event)
		warnat(&r, r.lineno,
		    "the event of line %ld has no END:VEVENT, skipped",
		    e->line);
	else if (seen_cal && !ended_cal)
		warnat(&r, r.lineno,
		    "no END:VCALENDAR: the file may be cut short");
out:
	if (warn != NULL && r.st.warnings > ICAL_MAX_WARNINGS) {
		char msg[300];

		snprintf(msg, sizeof(msg), "%s: %ld more warnings not shown",
		    name, r.st.warnings - ICAL_MAX_WARNINGS);
		warn(msg, arg);
	}
	if (stats != NULL)
		*stats = r.st;
	free(r.buf);
	free(r.zcache);
	free(r.days);
	free(e);
	return rc;
}
