/*
 * config: the effective configuration, built from defaults, the INI file,
 * the environment and command-line options, in rising order of priority.
 * Every value remembers where it came from, for `prehab show config`.
 */
#ifndef PREHAB_CONFIG_H
#define PREHAB_CONFIG_H

#include <stddef.h>

#include "catalog.h"
#include "date.h"
#include "tempo.h"

/* What a day of the running week holds. */
enum day_kind {
	DAY_REST,
	DAY_EASY,
	DAY_LONG,
	DAY_HARD, /* tempo or intervals */
	DAY_RACE,
	DAY_CROSS, /* cross-training */
	DAY_OFF, /* no prehab that day at all (travel, illness) */
	DAY_NKINDS
};
/* "rest", "easy", "long", "hard", "race", "cross", "off" */
extern const char *const config_daykinds[DAY_NKINDS];

enum config_origin { ORIGIN_DEFAULT, ORIGIN_FILE, ORIGIN_ENV, ORIGIN_OPTION };
/* "default", "file", "environment", "option" */
extern const char *const config_origins[4];

enum config_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* A one-off change to the schedule for a day or a range of days. */
struct override {
	date_t from;
	date_t to; /* inclusive; == from for one day */
	enum day_kind kind;
};

/* One exercise's rhythm, from "[go] tempo.SLUG = down:3 up:1". */
struct config_tempo {
	char *slug;
	struct tempo tempo;
};

/* Settings, one per [section] key; indexes config.origin[]. */
enum config_key {
	KEY_DATA, /* [core] data */
	KEY_COLOR, /* [core] color */
	KEY_MON,
	KEY_TUE,
	KEY_WED,
	KEY_THU,
	KEY_FRI,
	KEY_SAT,
	KEY_SUN,
	KEY_SESSIONS, /* [plan] sessions_per_week */
	KEY_GAP, /* [plan] min_gap_days */
	KEY_TIME, /* [plan] time */
	KEY_UP_SESSIONS, /* [plan] step_up_sessions */
	KEY_UP_PAIN, /* [plan] step_up_max_pain */
	KEY_UP_RPE, /* [plan] step_up_max_rpe */
	KEY_BACK_PAIN, /* [plan] step_back_pain */
	KEY_UP_MIN_RPE, /* [plan] step_up_min_rpe */
	KEY_CHECKIN_WORSE, /* [plan] checkin_worse */
	KEY_REFER_PAIN, /* [plan] refer_pain */
	KEY_REMIND, /* [plan] remind */
	KEY_GO_REST, /* [go] rest */
	KEY_GO_LEAD_IN, /* [go] lead_in */
	KEY_GO_SWITCH, /* [go] switch */
	KEY_GO_TEMPO, /* [go] tempo */
	KEY_NKEYS
};

/* Where a date's kind comes from, for `plan --explain`. */
enum config_daysrc { DAYSRC_PATTERN, DAYSRC_OVERRIDE, DAYSRC_CALENDAR };

/* Calendar keyword rules: one per day kind, plus the words naming a run. */
#define CONFIG_NCALRULES (DAY_NKINDS + 1)
#define CONFIG_MAX_CALENDARS 16
/* Logs read as one (--data repeated, PREHAB_DATA's list). */
#define CONFIG_MAX_LOGS 16
struct calendar;
struct cal_day;

struct config {
	char *data_path; /* the log; NULL if it cannot be found */
	/*
	 * Every log to read, the first being data_path: more than one only
	 * from a repeated --data or a PREHAB_DATA list (see lib/logs.h).
	 * Empty when data_path is NULL.
	 */
	char **logs;
	size_t nlogs;
	enum config_color color;
	enum day_kind schedule[7]; /* Monday first */
	int sessions_per_week;
	int min_gap_days;
	int time; /* minutes since midnight */
	int up_sessions; /* good sessions in a row to step up */
	int up_pain; /* step up only with pain <= this */
	int up_rpe; /* ... and RPE <= this */
	int up_min_rpe; /* ... and RPE >= this */
	int back_pain; /* pain >= this steps back */
	/*
	 * a check-in this much above the session's pain makes it amber, twice
	 * this red
	 */
	int checkin_worse;
	int refer_pain; /* pain >= this: see a professional */
	int remind; /* minutes before a session for a calendar alarm; -1 off */
	/* [go], the guided session: seconds, and the rhythms of reps. */
	int go_rest; /* between sets */
	int go_lead_in; /* before the first set */
	int go_switch; /* between the sides of a set */
	struct tempo go_tempo; /* exercises with no rhythm of their own */
	struct config_tempo *go_tempos; /* [go] tempo.SLUG */
	size_t ngo_tempos;
	struct override *overrides;
	size_t noverrides;
	struct catalog catalog; /* built-ins plus [exercise.NAME] */

	/* [schedule] calendar, or plan --calendar; see calendar.h. */
	char **calendars; /* absolute or as given */
	size_t ncalendars;
	enum config_origin cal_origin;
	char *calwords[CONFIG_NCALRULES]; /* [calendar]; NULL: the default */
	int cal_gaps_pattern; /* [calendar] empty_days = pattern */
	struct calendar *cal; /* the days read, once loaded */

	char *config_path; /* the file looked for */
	int config_found; /* and whether it existed */
	enum config_origin origin[KEY_NKEYS];
};

/* Where the command line and environment point. NULL fields are unset. */
struct config_args {
	const char *config; /* --config */
	const char *const *data; /* --data, each time it was given */
	size_t ndata;
	const char *color; /* --color */
};

/* Receives a warning ("FILE:LINE: unknown key 'x' in [plan]"). */
typedef void (*config_warn_fn)(const char *msg, void *arg);

enum config_err {
	CONFIG_OK = 0,
	CONFIG_EBAD = -1, /* the file is wrong: exit as a config error */
	CONFIG_EUSAGE = -2 /* an option or variable is wrong */
};

/*
 * Loads the configuration. The file is --config, else $PREHAB_CONFIG,
 * else $XDG_CONFIG_HOME/prehab/config.ini, else ~/.config/prehab/config.ini;
 * a missing default file is normal (built-in defaults), a missing file
 * named by option or variable is an error. Returns CONFIG_OK, or an error
 * with *cause malloc'd ("FILE:LINE: [plan] time must be HH:MM, got '25:00'").
 */
int config_load(struct config *, const struct config_args *, config_warn_fn,
    void *, char **cause);
void config_free(struct config *);

/*
 * The day kind of a date: an [override] date beats the calendars (once
 * loaded), which beat the weekly pattern.
 */
enum day_kind config_day(const struct config *, date_t);
/* The same, saying where it came from; *cd is the calendar's entry. */
enum day_kind config_day_why(const struct config *, date_t,
    enum config_daysrc *, const struct cal_day **cd);

/*
 * Replaces the calendars with the n paths given (plan --calendar). At
 * most CONFIG_MAX_CALENDARS; returns CONFIG_OK or CONFIG_EUSAGE with
 * *cause malloc'd.
 */
int config_set_calendars(
    struct config *, char *const *paths, size_t n, char **cause);
/*
 * Reads the calendars over [from, to] so that config_day sees them.
 * Warnings about their content go to warn. Returns 0, or -1 with *cause
 * malloc'd when one cannot be opened or read.
 */
int config_load_calendars(struct config *, date_t from, date_t to,
    config_warn_fn, void *, char **cause);

/* The rhythm of e in a guided session: its own, else its default. */
void config_tempo(
    const struct config *, const struct exercise *e, struct tempo *out);

/* Parses a day kind name; returns -1 if unknown. */
int config_parse_daykind(const char *);

/* The [section] key name of a setting: "plan", "time". */
const char *config_key_section(enum config_key);
const char *config_key_name(enum config_key);

/*
 * Writes the effective configuration as an INI file that config_load
 * reads back to the same values, each annotated with its origin.
 */
struct buf;
void config_dump(const struct config *, struct buf *);

#endif
