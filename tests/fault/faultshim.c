/*
 * faultshim.c: an LD_PRELOAD library that makes the file system fail on
 * demand, for the command-line fault tests (tests/cli/harden-fault.sh).
 *
 * Only files under FAULT_DIR are touched, so the program's own messages
 * on standard error always get out. Settings, from the environment:
 *
 *   FAULT_DIR     required: faults strike files under this directory
 *   FAULT_FN      the call that fails: write, fsync, rename, mkstemp,
 *                 open (creating only), ftruncate or fchmod
 *   FAULT_ERRNO   ENOSPC, EIO, EDQUOT, EXDEV, EACCES or EPERM
 *   FAULT_BYTES   write: bytes that still fit (over all writes) before
 *                 the error; a write crossing the limit comes up short,
 *                 as on a disk that fills up (default 0)
 *   FAULT_SKIP    other calls: how many succeed before the failing one
 *   FAULT_SHORT   write: no error, but at most this many bytes a call
 *   FAULT_TRACE   a file to which each fault delivered, and the modes of
 *                 each temporary file made and each file renamed over
 *                 one under FAULT_DIR, are appended as lines of text
 *   FAULT_SWAP    a file that, at the first fsync of a file under
 *                 FAULT_DIR, is renamed over FAULT_SWAP_TO: another
 *                 program replacing the log while prehab writes it
 *   FAULT_SIGNAL  INT, TERM, HUP or PIPE: raised right after a rename
 *                 over a file under FAULT_DIR succeeds, as a signal
 *                 arriving between the change and its report would be
 *
 * Build: cc -shared -fPIC -o faultshim.so faultshim.c -ldl
 */
#define _GNU_SOURCE

#include <sys/stat.h>
#include <sys/types.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int	 inited;
static char	 dir[PATH_MAX];
static size_t	 dirlen;
static const char *fn;
static int	 err;
static long	 bytes, skip, shortmax;
static const char *trace;
static const char *swap_from, *swap_to;
static int sig;

static ssize_t	(*real_write)(int, const void *, size_t);
static int	(*real_fsync)(int);
static int	(*real_rename)(const char *, const char *);
static int	(*real_mkstemp)(char *);
static int	(*real_open)(const char *, int, ...);
static int	(*real_ftruncate)(int, off_t);
static int	(*real_fchmod)(int, mode_t);

static void *
next(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (p == NULL)
		abort();
	return p;
}

#define BIND(var, name) do {						\
	void *p_ = next(name);						\
	memcpy(&var, &p_, sizeof(p_));					\
} while (0)

static int
errno_named(const char *s)
{
	static const struct { const char *name; int value; } names[] = {
		{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EDQUOT", EDQUOT },
		{ "EXDEV", EXDEV }, { "EACCES", EACCES }, { "EPERM", EPERM },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0)
			return names[i].value;
	return EIO;
}

static void
init(void)
{
	const char *v;

	if (inited)
		return;
	inited = 1;
	BIND(real_write, "write");
	BIND(real_fsync, "fsync");
	BIND(real_rename, "rename");
	BIND(real_mkstemp, "mkstemp");
	BIND(real_open, "open");
	BIND(real_ftruncate, "ftruncate");
	BIND(real_fchmod, "fchmod");
	if ((v = getenv("FAULT_DIR")) != NULL && *v != '\0' &&
	    realpath(v, dir) != NULL)
		dirlen = strlen(dir);
	fn = getenv("FAULT_FN");
	err = errno_named((v = getenv("FAULT_ERRNO")) != NULL ? v : "EIO");
	bytes = (v = getenv("FAULT_BYTES")) != NULL ? atol(v) : 0;
	skip = (v = getenv("FAULT_SKIP")) != NULL ? atol(v) : 0;
	shortmax = (v = getenv("FAULT_SHORT")) != NULL ? atol(v) : 0;
	trace = getenv("FAULT_TRACE");
	swap_from = getenv("FAULT_SWAP");
	swap_to = getenv("FAULT_SWAP_TO");
	if ((v = getenv("FAULT_SIGNAL")) != NULL)
		sig = strcmp(v, "INT") == 0 ? SIGINT :
		    strcmp(v, "TERM") == 0 ? SIGTERM :
		    strcmp(v, "HUP") == 0 ? SIGHUP :
		    strcmp(v, "PIPE") == 0 ? SIGPIPE : 0;
}

static void
note(const char *fmt, ...)
{
	char line[PATH_MAX + 64];
	va_list ap;
	int fd, n;

	if (trace == NULL)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	fd = real_open(trace, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1)
		return;
	(void)real_write(fd, line, (size_t)n);
	close(fd);
}

/* Whether an absolute or relative path lies under FAULT_DIR. */
static int
under(const char *path)
{
	char abs[PATH_MAX], parent[PATH_MAX], *slash;

	if (dirlen == 0 || path == NULL)
		return 0;
	/* The file itself may not exist yet: resolve its directory. */
	snprintf(parent, sizeof(parent), "%s", path);
	if ((slash = strrchr(parent, '/')) == NULL)
		snprintf(parent, sizeof(parent), ".");
	else if (slash == parent)
		parent[1] = '\0';
	else
		*slash = '\0';
	if (realpath(parent, abs) == NULL)
		return 0;
	return strncmp(abs, dir, dirlen) == 0 &&
	    (abs[dirlen] == '\0' || abs[dirlen] == '/');
}

static int
fd_under(int fd)
{
	char link[64], path[PATH_MAX];
	ssize_t n;

	if (dirlen == 0 || fd <= 2)
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, sizeof(path) - 1)) <= 0)
		return 0;
	path[n] = '\0';
	return strncmp(path, dir, dirlen) == 0 && path[dirlen] == '/';
}

static int
armed(const char *name)
{
	return fn != NULL && strcmp(fn, name) == 0;
}

/* The skip-then-fail rule of the calls other than write. */
static int
strike(const char *name)
{
	if (skip > 0) {
		skip--;
		return 0;
	}
	note("fault %s %s", name, strerror(err));
	errno = err;
	return 1;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	init();
	if (!fd_under(fd))
		return real_write(fd, buf, n);
	if (shortmax > 0 && n > (size_t)shortmax)
		n = (size_t)shortmax;
	if (armed("write")) {
		if (bytes <= 0) {
			note("fault write %s", strerror(err));
			errno = err;
			return -1;
		}
		if (n > (size_t)bytes)
			n = (size_t)bytes;
		bytes -= (long)n;
	}
	return real_write(fd, buf, n);
}

int
fsync(int fd)
{
	init();
	if (swap_from != NULL && swap_to != NULL && fd_under(fd)) {
		if (real_rename(swap_from, swap_to) == 0)
			note("swapped %s", swap_to);
		swap_from = NULL;
	}
	if (armed("fsync") && fd_under(fd) && strike("fsync"))
		return -1;
	return real_fsync(fd);
}

int
ftruncate(int fd, off_t len)
{
	init();
	if (armed("ftruncate") && fd_under(fd) && strike("ftruncate"))
		return -1;
	return real_ftruncate(fd, len);
}

int
fchmod(int fd, mode_t mode)
{
	init();
	if (armed("fchmod") && fd_under(fd) && strike("fchmod"))
		return -1;
	return real_fchmod(fd, mode);
}

int
rename(const char *from, const char *to)
{
	struct stat st;

	init();
	if (under(to)) {
		if (stat(from, &st) == 0)
			note("rename mode %04o", (unsigned)(st.st_mode & 07777));
		if (armed("rename") && strike("rename"))
			return -1;
		if (sig != 0) {
			int rc = real_rename(from, to);

			if (rc == 0)
				raise(sig);
			return rc;
		}
	}
	return real_rename(from, to);
}

int
mkstemp(char *tmpl)
{
	struct stat st;
	int fd;

	init();
	if (!under(tmpl))
		return real_mkstemp(tmpl);
	if (armed("mkstemp") && strike("mkstemp"))
		return -1;
	if ((fd = real_mkstemp(tmpl)) != -1 && fstat(fd, &st) == 0)
		note("mkstemp mode %04o", (unsigned)(st.st_mode & 07777));
	return fd;
}

int
open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode = 0;

	init();
	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
		if (armed("open") && under(path) && strike("open"))
			return -1;
	}
	return real_open(path, flags, mode);
}
