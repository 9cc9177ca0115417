/*
 * fuzz_ical: arbitrary bytes as an iCalendar file, read over two years
 * and mapped to day kinds by the default keyword rules.
 *
 * Properties:
 *   - ical_read never fails on content (only a read error fails it);
 *   - every warning is one line, "t.ics:LINE: reason" or the closing
 *     count, printable UTF-8, and at most ICAL_MAX_WARNINGS + 1 are told;
 *   - the counts add up: events used and cancelled are events read;
 *   - the fields handed out are valid UTF-8 without control bytes, and
 *     an event is handed out only when it covers a day of the span.
 */
#include "fuzz.h"

#include "calendar.h"
#include "ical.h"
#include "util.h"

#define SPAN 735

static long told, handed;

static int
printable(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return util_utf8_valid(s, strlen(s));
}

static void
on_warn(const char *msg, void *arg)
{
	(void)arg;
	told++;
	FZ_CHECK(strchr(msg, '\n') == NULL && printable(msg) &&
		strncmp(msg, "t.ics", 5) == 0,
	    "bad warning '%s'", msg);
}

static void
on_event(const struct ical_event *ev, const unsigned char *days, void *arg)
{
	static const char *const nowords[CAL_NRULES];
	char word[48];
	int any = 0;

	(void)arg;
	handed++;
	FZ_CHECK(printable(ev->summary) && printable(ev->description) &&
		printable(ev->categories) && printable(ev->uid),
	    "unprintable field in event of line %ld", ev->line);
	for (int i = 0; i < SPAN; i++)
		any |= days[i];
	FZ_CHECK(any, "event of line %ld covers no day", ev->line);
	calendar_match(nowords, ev->summary, ev->description, ev->categories,
	    word, sizeof(word));
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "Europe/Rome", 1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ical_stats st;
	char *cause = NULL;
	date_t from;
	FILE *fp;
	char *copy;
	int rc;

	if (size == 0)
		return 0;
	/* fmemopen takes a writable buffer even to read: hand it a copy. */
	copy = memcpy(malloc(size), data, size);
	fp = fmemopen(copy, size, "r");
	if (fp == NULL) {
		free(copy);
		return 0;
	}
	date_from_ymd(2026, 11, 23, &from);
	told = handed = 0;
	rc = ical_read(fp, "t.ics", from, from + SPAN - 1, on_event, on_warn,
	    NULL, &st, &cause);
	fclose(fp);
	free(copy);
	FZ_CHECK(rc == 0, "read failed: %s", cause ? cause : "(null)");
	FZ_CHECK(st.used + st.cancelled <= st.events, "counts %ld+%ld > %ld",
	    st.used, st.cancelled, st.events);
	FZ_CHECK(handed == st.used, "handed %ld, used %ld", handed, st.used);
	FZ_CHECK(told <= ICAL_MAX_WARNINGS + 1, "%ld warnings told", told);
	FZ_CHECK(st.warnings <= ICAL_MAX_WARNINGS || told == ICAL_MAX_WARNINGS + 1,
	    "no closing count");
	return 0;
}
