/*
 * t.h: a minimal TAP producer for the unit tests. Each test program
 * prints "ok N - what" or "not ok N - what" lines and a plan at the end;
 * tests/run.sh counts them across all programs.
 */
#ifndef PREHAB_T_H
#define PREHAB_T_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int t_count, t_failed;

static void
t_report(int pass, const char *file, int line, const char *fmt, va_list ap)
{
	t_count++;
	if (!pass)
		t_failed++;
	printf("%sok %d - ", pass ? "" : "not ", t_count);
	vprintf(fmt, ap);
	printf("\n");
	if (!pass)
		printf("#   failed at %s:%d\n", file, line);
}

static int
t_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	t_report(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

static int
t_is_long(long got, long want, const char *file, int line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	t_report(got == want, file, line, fmt, ap);
	va_end(ap);
	if (got != want)
		printf("#   got %ld, want %ld\n", got, want);
	return got == want;
}

static int __attribute__((unused))
t_is_str(const char *got, const char *want, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;
	int pass = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);

	va_start(ap, fmt);
	t_report(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   got '%s', want '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	return pass;
}

#define ok(c, ...)	t_ok(!!(c), __FILE__, __LINE__, __VA_ARGS__)
#define is(g, w, ...)	t_is_long((long)(g), (long)(w), __FILE__, __LINE__, \
			    __VA_ARGS__)
#define is_str(g, w, ...) t_is_str((g), (w), __FILE__, __LINE__, __VA_ARGS__)

/* Prints the plan and returns the exit status for main. */
static int
t_done(void)
{
	printf("1..%d\n", t_count);
	return t_failed != 0;
}

#endif
