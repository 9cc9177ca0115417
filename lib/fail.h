/*
 * fail: the classes of failure that lib/ reports beside its message, so
 * that cmd/ can give the same failure the same exit status from every
 * command (cmd_fail_status, the one map, follows prehab(1)) instead of
 * guessing from the message or probing the file afterwards.
 */
#ifndef PREHAB_FAIL_H
#define PREHAB_FAIL_H

enum fail {
	FAIL_NONE,
	FAIL_IO, /* a file could not be read or written */
	FAIL_DATA, /* it was read, but what it holds is not usable */
	FAIL_NOINPUT, /* an input that must exist does not */
	FAIL_LOCKED, /* another process holds or keeps replacing the log */
	FAIL_CONFIG, /* the configuration is bad */
	FAIL_NOMEM /* out of memory */
};

#endif
