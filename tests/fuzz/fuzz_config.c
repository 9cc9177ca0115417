/*
 * fuzz_config: arbitrary bytes as config.ini. iniparser only loads from
 * a path, so the input is written to a file first.
 *
 * Properties:
 *   - config_load succeeds, or fails with a one-line message naming the
 *     file;
 *   - what config_dump writes loads again, and dumping that gives the
 *     same text (origins and comments aside): the dump is a fixed point.
 *     A log path holding both kinds of quote is left out of that: INI
 *     can only write it bare, which fails if it also holds ';' or '#'.
 */
#include "fuzz.h"

#include "config.h"
#include "util.h"

static char cfgpath[300], dumppath[300];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = fz_scratch();
	char home[300];

	(void)argc;
	(void)argv;
	snprintf(cfgpath, sizeof(cfgpath), "%s/config.ini", dir);
	snprintf(dumppath, sizeof(dumppath), "%s/dump.ini", dir);
	snprintf(home, sizeof(home), "%s/home", dir);
	mkdir(home, 0700);
	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	unsetenv("PREHAB_CONFIG");
	unsetenv("PREHAB_DATA");
	unsetenv("NO_COLOR");
	return 0;
}

/* The dump without comment lines and without " ; origin" remarks. */
static void
strip(const struct buf *in, struct buf *out)
{
	const char *p = in->data, *e = in->data + in->len, *nl, *semi;

	buf_add(out, "", 0);
	for (; p < e; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(e - p));
		if (nl == NULL)
			nl = e;
		if (p < nl && *p == '#')
			continue;
		semi = nl;
		if (nl - p > 3) {
			const char *q;

			for (q = nl - 1; q > p + 2; q--)
				if (q[-1] == ';' && q[-2] == ' ')
					break;
			if (q > p + 2)
				semi = q - 2;
		}
		buf_add(out, p, (size_t)(semi - p));
		buf_addc(out, '\n');
		if (nl == e)
			break;
	}
}

static int
load(const char *path, struct config *cfg, char **cause)
{
	struct config_args args;

	memset(&args, 0, sizeof(args));
	args.config = path;
	return config_load(cfg, &args, NULL, NULL, cause);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg, again;
	struct buf d1 = { 0 }, d2 = { 0 }, s1 = { 0 }, s2 = { 0 };
	char *cause = NULL;
	int rc, fds;

	fz_put(cfgpath, data, size);
	fds = fz_open_fds();
	rc = load(cfgpath, &cfg, &cause);
	if (rc != CONFIG_OK) {
		FZ_CHECK(cause != NULL && strchr(cause, '\n') == NULL &&
		    strncmp(cause, cfgpath, strlen(cfgpath)) == 0,
		    "bad message '%s'", cause != NULL ? cause : "(none)");
		free(cause);
		config_free(&cfg);
		FZ_CHECK(fz_open_fds() == fds, "file descriptor leaked");
		return 0;
	}
	FZ_CHECK(cfg.sessions_per_week >= 1 && cfg.sessions_per_week <= 7,
	    "sessions %d", cfg.sessions_per_week);
	FZ_CHECK(cfg.time >= 0 && cfg.time < 24 * 60, "time %d", cfg.time);

	if (cfg.data_path != NULL && strchr(cfg.data_path, '"') != NULL &&
	    strchr(cfg.data_path, '\'') != NULL) {
		config_free(&cfg);
		return 0;
	}
	/* Once dumped, a configuration reads back to the same dump. */
	config_dump(&cfg, &d1);
	fz_put(dumppath, d1.data, d1.len);
	rc = load(dumppath, &again, &cause);
	FZ_CHECK(rc == CONFIG_OK, "the dump does not load: %s\n--- dump:\n%s",
	    cause, d1.data);
	config_dump(&again, &d2);
	strip(&d1, &s1);
	strip(&d2, &s2);
	FZ_CHECK(s1.len == s2.len && memcmp(s1.data, s2.data, s1.len) == 0,
	    "the dump is not a fixed point\n--- first:\n%s--- second:\n%s",
	    s1.data, s2.data);
	config_free(&again);
	config_free(&cfg);
	FZ_CHECK(fz_open_fds() == fds, "file descriptor leaked");
	buf_free(&d1);
	buf_free(&d2);
	buf_free(&s1);
	buf_free(&s2);
	return 0;
}
