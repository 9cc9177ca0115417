/*
 * fuzz.h: what the libFuzzer targets share: a private scratch directory,
 * writing and reading whole files, and a failing check that stops the
 * run with a message (libFuzzer saves the input that caused it).
 *
 * The scratch directory lives on /dev/shm when it can, so that the
 * fsync(2) calls of the store cost nothing, and is removed at exit.
 */
#ifndef PREHAB_FUZZ_H
#define PREHAB_FUZZ_H

#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The entry points libFuzzer calls: each target defines the first. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char fz_dir[256];

/*
 * Standard error as it was at startup: the run script has libFuzzer
 * silence the targets' own output (-close_fd_mask=3), and a failed
 * property must still be told.
 */
static int fz_errfd = 2;

__attribute__((constructor)) static void
fz_keep_stderr(void)
{
	int fd = dup(2);

	if (fd != -1) {
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		fz_errfd = fd;
	}
}

/* A failed property: print it and abort, which libFuzzer reports. */
#define FZ_CHECK(cond, ...) do {					\
	if (!(cond)) {							\
		dprintf(fz_errfd, "fuzz check failed at %s:%d: %s: ",	\
		    __FILE__, __LINE__, #cond);				\
		dprintf(fz_errfd, __VA_ARGS__);				\
		dprintf(fz_errfd, "\n");				\
		abort();						\
	}								\
} while (0)

static inline int
fz_rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	remove(p);
	return 0;
}

/* rm -rf p. */
static inline void
fz_rmtree(const char *p)
{
	nftw(p, fz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static inline void
fz_cleanup(void)
{
	if (fz_dir[0] != '\0')
		fz_rmtree(fz_dir);
}

/* Creates the scratch directory once; returns its path. */
static inline const char *
fz_scratch(void)
{
	const char *base;

	if (fz_dir[0] != '\0')
		return fz_dir;
	base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
	    (getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	snprintf(fz_dir, sizeof(fz_dir), "%s/prehab-fuzz.XXXXXX", base);
	if (mkdtemp(fz_dir) == NULL) {
		perror(fz_dir);
		exit(2);
	}
	atexit(fz_cleanup);
	return fz_dir;
}

/* Replaces the file at p with n bytes of d. */
static inline void
fz_put(const char *p, const void *d, size_t n)
{
	int fd;

	unlink(p);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1 || (n > 0 && write(fd, d, n) != (ssize_t)n) ||
	    close(fd) == -1) {
		perror(p);
		exit(2);
	}
}

/* The whole file, malloc'd and NUL-terminated, or NULL if missing. */
static inline char *
fz_slurp(const char *p, size_t *lenp)
{
	struct stat st;
	char *b;
	int fd;
	ssize_t n;
	size_t got = 0;

	if (lenp != NULL)
		*lenp = 0;
	if ((fd = open(p, O_RDONLY)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1) {
		close(fd);
		return NULL;
	}
	b = malloc((size_t)st.st_size + 1);
	if (b == NULL)
		abort();
	while (got < (size_t)st.st_size &&
	    (n = read(fd, b + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	b[got] = '\0';
	if (lenp != NULL)
		*lenp = got;
	return b;
}

/*
 * The lowest free file descriptor. A call that leaks a descriptor takes
 * that slot, so comparing this before and after catches the leak, at the
 * cost of two system calls.
 */
static inline int
fz_open_fds(void)
{
	int fd = dup(2);

	if (fd != -1)
		close(fd);
	return fd;
}

#endif
