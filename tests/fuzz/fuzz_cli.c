/*
 * fuzz_cli: whole command lines through the dispatcher and every
 * command's option parsing, in-process.
 *
 * The files of cmd/ are compiled with -Dmain=prehab_main and linked with
 * -Wl,--wrap=fclose, so the dispatcher's closing of standard output at
 * the end of a run only flushes it and the next run can write again.
 *
 * Input: the arguments after "prehab", one per line (a NUL also ends
 * one). Each run starts in a fresh directory holding a small good log,
 * a bad one, a file to import and a config file, with HOME pointed there
 * and standard input and output on /dev/null. Arguments holding '/' are
 * refused, so that nothing outside that directory can be named.
 *
 * Properties: no crash, leak, sanitizer report, exit(3) (commands return
 * statuses, they never exit) or hang; the exit status is one of those
 * prehab(1) documents; no file descriptor is left open.
 */
#include "fuzz.h"

#include <getopt.h>

#define MAX_ARGS	32

int	prehab_main(int, char **);
int	__real_fclose(FILE *);
int	__wrap_fclose(FILE *);

static char work[300], home_cwd[4096];

static const char good_log[] =
    "date,time,exercise,side,set,reps,hold_s,variant,rpe,pain,note,batch\n"
    "2026-11-17,18:00,clamshell,left,1,12,,band,5,1,,b1\n"
    "2026-11-17,18:00,clamshell,right,1,12,,band,5,1,,b1\n"
    "2026-11-19,07:30,glute-bridge,both,1,10,2,two-leg,6,0,\"felt, ok\",b2\n"
    "2026-11-19,07:30,glute-bridge,both,2,10,2,two-leg,6,0,,b2\n"
    "2026-11-22,,step-down,left,1,8,,low-step,7,3,\"=1+1\",b3\n"
    "2026-11-22,,single-leg-squat,right,1,10,,assisted,7,4,knee,b3\n";

static const char bad_log[] =
    "date,exercise,reps,pain\n"
    "2026-02-30,clamshell,10,1\n"
    "2026-11-20,clamshell,-5,1\n"
    "2026-11-21,clamshell,10,99\n"
    "2026-11-22,\"clam\"shell,10,1\n"
    "2026-11-23,clamshell,10,\"2";

static const char import_csv[] =
    "date,exercise,reps,side,set\n"
    "2026-11-10,clamshell,10,left,1\n"
    "2026-11-10,clamshell,10,right,1\n"
    "2026-11-12,step-down,8,left,1\n";

static const char config_ini[] =
    "[core]\n"
    "data = log.csv\n"
    "color = never\n"
    "[schedule]\n"
    "mon = rest\n"
    "sat = long\n"
    "[plan]\n"
    "sessions_per_week = 3\n"
    "time = 18:30\n"
    "[override]\n"
    "2026-12-24..2026-12-26 = off\n"
    "[exercise.wall-sit]\n"
    "name = Wall sit\n"
    "per_side = no\n"
    "sets = 2\n"
    "reps = 1\n"
    "hold = 30\n";

/* Standard output and error stay open from one run to the next. */
int
__wrap_fclose(FILE *fp)
{
	if (fp == stdout || fp == stderr) {
		fflush(fp);
		clearerr(fp);
		return 0;
	}
	return __real_fclose(fp);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(work, sizeof(work), "%s/w", fz_scratch());
	if (getcwd(home_cwd, sizeof(home_cwd)) == NULL)
		exit(2);
	if (freopen("/dev/null", "r", stdin) == NULL ||
	    freopen("/dev/null", "w", stdout) == NULL)
		exit(2);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	unsetenv("PREHAB_CONFIG");
	unsetenv("PREHAB_DATA");
	unsetenv("COLUMNS");
	setenv("HOME", work, 1);
	setenv("PREHAB_TODAY", "2026-11-24", 1);
	setenv("TZ", "UTC", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("NO_COLOR", "1", 1);
	/* `go --plain` runs a whole session: at a thousand times speed. */
	setenv("PREHAB_GO_SCALE", "0.001", 1);
	return 0;
}

static void
fresh_dir(void)
{
	char p[400];

	if (chdir(fz_dir) == -1)
		exit(2);
	fz_rmtree(work);
	if (mkdir(work, 0700) == -1 || chdir(work) == -1) {
		perror(work);
		exit(2);
	}
	fz_put("log.csv", good_log, sizeof(good_log) - 1);
	fz_put("bad.csv", bad_log, sizeof(bad_log) - 1);
	fz_put("import.csv", import_csv, sizeof(import_csv) - 1);
	fz_put("config.ini", config_ini, sizeof(config_ini) - 1);
	snprintf(p, sizeof(p), "%s/.config", work);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/.config/prehab", work);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/.config/prehab/config.ini", work);
	fz_put(p, config_ini, sizeof(config_ini) - 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int statuses[] = { 0, 1, 2, 65, 66, 70, 74, 75, 78 };
	static char prog[] = "prehab";
	char *buf, *argv[MAX_ARGS + 2], *p, *end;
	int argc = 0, rc, fds, ok = 0;
	size_t i;

	if (size > 4096)
		return 0;
	buf = malloc(size + 1);
	if (buf == NULL)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (memchr(buf, '/', size) != NULL) {
		free(buf);
		return 0;
	}
	argv[argc++] = prog;
	for (p = buf, end = buf + size; p <= end && argc <= MAX_ARGS;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl != NULL)
			*nl = '\0';
		argv[argc++] = p;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	argv[argc] = NULL;

	fresh_dir();
	fds = fz_open_fds();
	optind = 0;
	opterr = 0;
	rc = prehab_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (rc == statuses[i])
			ok = 1;
	FZ_CHECK(ok, "exit status %d", rc);
	FZ_CHECK(fz_open_fds() == fds, "file descriptor leaked");
	free(buf);
	/* libFuzzer writes its findings relative to where it started. */
	if (chdir(home_cwd) == -1)
		exit(2);
	return 0;
}
