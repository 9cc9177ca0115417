/*
 * test_calendar: keyword rules, the hardest event of a day, weeks the
 * calendar covers, and the precedence of overrides, calendars and the
 * weekly pattern in config_day.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "config.h"
#include "t.h"
#include "util.h"

static char dir[] = "/tmp/prehab-test-calendar.XXXXXX";
static const char *nowords[CAL_NRULES];

static date_t
ymd(int y, int m, int d)
{
	date_t t;

	if (date_from_ymd(y, m, d, &t) == -1)
		return -999999;
	return t;
}

/* The kind name and keyword of a summary, "long (long run)". */
static const char *
kind_of(
    const char *const *words, const char *s, const char *desc, const char *cat)
{
	static char out[128];
	char word[48];
	int k = calendar_match(words, s, desc, cat, word, sizeof(word));

	if (k < 0)
		return "ignored";
	snprintf(out, sizeof(out), "%s (%s)", config_daykinds[k], word);
	return out;
}

static void
test_match(void)
{
	const char *words[CAL_NRULES] = { NULL };

	is_str(kind_of(nowords, "Run: Easy Run 40 min", "", ""), "easy (easy)",
	    "TrainingPeaks easy run");
	is_str(kind_of(nowords, "Long Run 18 km", "", ""), "long (long run)",
	    "long run");
	is_str(kind_of(nowords, "LSD 2h", "", ""), "long (lsd)", "LSD");
	is_str(kind_of(nowords, "Intervals 6x800m", "", ""), "hard (interval)",
	    "a plural counts");
	is_str(kind_of(nowords, "Hill repeats", "", ""), "hard (hill)",
	    "hill repeats");
	is_str(kind_of(nowords, "Berlin Marathon", "", ""), "race (marathon)",
	    "a marathon");
	is_str(kind_of(nowords, "Saturday parkrun", "", ""), "race (parkrun)",
	    "parkrun");
	is_str(kind_of(nowords, "10K race", "", ""), "race (race)",
	    "a 10K race: race comes before 10k in the list");
	is_str(kind_of(nowords, "Long run with tempo finish", "", ""),
	    "long (long run)", "long beats hard within one field");
	is_str(kind_of(nowords, "Tempo at 10K pace", "", ""), "hard (tempo)",
	    "hard comes before race");
	is_str(kind_of(nowords, "Bike ride", "", ""), "cross (bike)",
	    "cross-training");
	is_str(kind_of(nowords, "Cross-training", "", ""), "cross (cross)",
	    "a hyphen ends a word");
	is_str(kind_of(nowords, "Day off", "", ""), "rest (off)", "rest");
	is_str(kind_of(nowords, "Office party", "", ""), "ignored",
	    "off inside a word is no keyword");
	is_str(kind_of(nowords, "Morning jog", "", ""), "easy ()",
	    "a run with no keyword is easy");
	is_str(kind_of(nowords, "Running club", "", ""), "easy ()",
	    "running names a run");
	is_str(kind_of(nowords, "Strength", "Planks and bridges", "Gym"),
	    "ignored", "nothing matches: ignored");
	is_str(kind_of(nowords, "Workout", "Warm up, 5 x 1000 m at threshold",
		   "Run"),
	    "hard (threshold)", "DESCRIPTION when SUMMARY says nothing");
	is_str(kind_of(nowords, "Workout", "Planned by coach", "Recovery"),
	    "easy (recovery)", "then CATEGORIES");
	is_str(kind_of(nowords, "Run", "6 x 800 m at 5k pace", ""), "easy ()",
	    "'5k pace' names an effort, not a race");
	is_str(kind_of(nowords, "Run", "8 km at marathon-pace", ""), "easy ()",
	    "... and so does 'marathon-pace'");
	is_str(kind_of(nowords, "Half marathon", "at race pace", ""),
	    "race (marathon)", "a race is still a race");
	is_str(kind_of(nowords, "EASY", "", ""), "easy (easy)",
	    "case does not matter");
	words[DAY_HARD] = "sprint, session";
	is_str(kind_of(words, "Intervals", "", ""), "ignored",
	    "a rule replaced by [calendar]");
	is_str(kind_of(words, "Track session", "", ""), "hard (session)",
	    "... with its own words");
	words[CAL_RUN] = "";
	is_str(kind_of(words, "Morning jog", "", ""), "ignored",
	    "no run words: a plain run is ignored");
}

static const char *
put(const char *name, const char *text)
{
	static char path[4][300];
	static int i;
	FILE *fp;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof(path[i]), "%s/%s", dir, name);
	fp = fopen(path[i], "w");
	if (fp == NULL)
		return path[i];
	fputs(text, fp);
	fclose(fp);
	return path[i];
}

/* "kind source" of a day: "long event", "rest gap", "- none". */
static const char *
day(const struct calendar *cal, int y, int m, int d)
{
	static char out[200];
	const struct cal_day *cd = calendar_day(cal, ymd(y, m, d));

	if (cd == NULL || cd->source == CALSRC_NONE)
		return "none";
	snprintf(out, sizeof(out), "%s %s%s%s", config_daykinds[cd->kind],
	    cd->source == CALSRC_GAP ? "gap" : "\"", cd->summary,
	    cd->source == CALSRC_GAP ? "" : "\"");
	return out;
}

static void
test_load(void)
{
	const char *a, *b, *paths[2];
	struct calendar *cal;
	char *cause = NULL;
	int rc;

	a = put("a.ics",
	    "BEGIN:VCALENDAR\n"
	    "BEGIN:VEVENT\nSUMMARY:Easy run\nDTSTART:20261124\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nSUMMARY:Team dinner\nDTSTART:20261126\n"
	    "END:VEVENT\n"
	    "BEGIN:VEVENT\nSUMMARY:Long run\nDTSTART:20261129\nEND:VEVENT\n"
	    "END:VCALENDAR\n");
	b = put("b.ics",
	    "BEGIN:VCALENDAR\n"
	    "BEGIN:VEVENT\nSUMMARY:Parkrun\nDTSTART:20261124\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nSUMMARY:Swim\nDTSTART:20261129\nEND:VEVENT\n"
	    "END:VCALENDAR\n");
	paths[0] = a;
	paths[1] = b;
	rc = calendar_load(paths, 2, nowords, 1, ymd(2026, 11, 23),
	    ymd(2026, 12, 6), NULL, NULL, &cal, &cause);
	is(rc, 0, "two calendars load");
	is_str(day(cal, 2026, 11, 24), "race \"Parkrun\"",
	    "the harder event of a day wins, whichever file it is in");
	is_str(day(cal, 2026, 11, 29), "long \"Long run\"",
	    "... and stays when an easier one comes later");
	is_str(day(cal, 2026, 11, 26), "rest gap",
	    "an ignored event leaves its day a rest day of the week");
	is(calendar_day(cal, ymd(2026, 11, 26))->nignored, 1,
	    "... counted as ignored");
	is_str(calendar_day(cal, ymd(2026, 11, 26))->ignored, "Team dinner",
	    "... by name");
	is_str(day(cal, 2026, 11, 23), "rest gap",
	    "a day without an event in a covered week is rest");
	is_str(day(cal, 2026, 11, 30), "none",
	    "a week without an event is left to the pattern");
	ok(calendar_day(cal, ymd(2026, 12, 7)) == NULL,
	    "no entry outside the span");
	is(calendar_events(cal, 0), 2, "file a gave two events");
	is(calendar_events(cal, 1), 2, "file b gave two events");
	calendar_free(cal);
	rc = calendar_load(paths, 2, nowords, 0, ymd(2026, 11, 23),
	    ymd(2026, 12, 6), NULL, NULL, &cal, &cause);
	is_str(day(cal, 2026, 11, 23), "none",
	    "empty_days = pattern: an empty day is left to the pattern");
	is_str(day(cal, 2026, 11, 24), "race \"Parkrun\"",
	    "... and an event still counts");
	calendar_free(cal);

	paths[0] = put("missing-dir/x.ics", "");
	rc = calendar_load(paths, 1, nowords, 1, ymd(2026, 11, 23),
	    ymd(2026, 12, 6), NULL, NULL, &cal, &cause);
	is(rc, -1, "a missing file fails");
	ok(cause != NULL && strstr(cause, "cannot open calendar '") != NULL &&
		strstr(cause, "x.ics': No such file or directory") != NULL,
	    "... saying which: %s", cause ? cause : "(null)");
	free(cause);
	paths[0] = dir;
	rc = calendar_load(paths, 1, nowords, 1, ymd(2026, 11, 23),
	    ymd(2026, 12, 6), NULL, NULL, &cal, &cause);
	is(rc, -1, "a directory is refused");
	ok(cause != NULL && strstr(cause, "is not a regular file") != NULL,
	    "... as not a regular file");
	free(cause);
}

static void
test_precedence(void)
{
	struct config cfg;
	struct config_args args;
	enum config_daysrc src;
	const struct cal_day *cd;
	char *cause = NULL;
	const char *ini;
	int rc;

	put("plan.ics",
	    "BEGIN:VCALENDAR\n"
	    "BEGIN:VEVENT\nSUMMARY:Long run\nDTSTART:20261124\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nSUMMARY:Easy\nDTSTART:20261125\nEND:VEVENT\n"
	    "END:VCALENDAR\n");
	ini = put("config.ini",
	    "[schedule]\nmon = hard\ncalendar = plan.ics\n"
	    "[override]\n2026-11-25 = off\n");
	memset(&args, 0, sizeof(args));
	args.config = ini;
	rc = config_load(&cfg, &args, NULL, NULL, &cause);
	is(rc, CONFIG_OK, "a config with a calendar loads");
	is(cfg.ncalendars, 1, "one calendar");
	ok(cfg.ncalendars == 1 &&
		strcmp(cfg.calendars[0] + strlen(dir), "/plan.ics") == 0,
	    "a relative path is taken from the config's directory");
	is(config_day(&cfg, ymd(2026, 11, 24)), DAY_EASY,
	    "before loading, the pattern");
	rc = config_load_calendars(
	    &cfg, ymd(2026, 11, 23), ymd(2026, 12, 6), NULL, NULL, &cause);
	is(rc, 0, "the calendar loads");
	is(config_day_why(&cfg, ymd(2026, 11, 24), &src, &cd), DAY_LONG,
	    "the calendar beats the pattern");
	is(src, DAYSRC_CALENDAR, "... and says so");
	ok(cd != NULL && strcmp(cd->word, "long run") == 0, "... with why");
	is(config_day_why(&cfg, ymd(2026, 11, 25), &src, &cd), DAY_OFF,
	    "an override beats the calendar");
	is(src, DAYSRC_OVERRIDE, "... and says so");
	is(config_day(&cfg, ymd(2026, 11, 23)), DAY_REST,
	    "an empty day of a covered week is rest, not the pattern's hard");
	is(config_day_why(&cfg, ymd(2026, 11, 30), &src, &cd), DAY_HARD,
	    "the next week falls back to the pattern");
	is(src, DAYSRC_PATTERN, "... and says so");
	config_free(&cfg);

	ini = put("config.ini",
	    "[schedule]\ncalendar = a.ics, b.ics\ncalendar = 'c,d.ics'\n"
	    "calendar = ~/e.ics ; comment\n");
	rc = config_load(&cfg, &args, NULL, NULL, &cause);
	is(rc, CONFIG_OK, "calendar repeats and takes lists");
	is(cfg.ncalendars, 4, "four calendars");
	ok(cfg.ncalendars == 4 && strstr(cfg.calendars[2], "/c,d.ics") &&
		cfg.calendars[3][0] == '/' &&
		strstr(cfg.calendars[3], "/e.ics"),
	    "a quoted path keeps its comma; ~ is the home directory");
	config_free(&cfg);
	ini = put("config.ini",
	    "[calendar]\nlong = long run, lsd, \"long\"\n"
	    "off = travel\n");
	rc = config_load(&cfg, &args, NULL, NULL, &cause);
	is(rc, CONFIG_OK, "[calendar] loads");
	is_str(cfg.calwords[DAY_LONG], "long run, lsd, long",
	    "its words, quotes dropped");
	ok(cfg.calwords[DAY_OFF] == NULL, "off is no rule");
	config_free(&cfg);
}

int
main(void)
{
	char cmd[400];

	if (mkdtemp(dir) == NULL) {
		perror(dir);
		return 2;
	}
	setenv("HOME", dir, 1);
	test_match();
	test_load();
	test_precedence();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 2;
	return t_done();
}
