/*
 * util: allocation wrappers that never return NULL, strict number parsing,
 * and the small string helpers every module needs.
 */
#ifndef PREHAB_UTIL_H
#define PREHAB_UTIL_H

#include <stddef.h>

/* Allocators exit (status 70) with a message on failure: no checks needed. */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
/* Overflow-checked nmemb * size. */
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
/* Returns a malloc'd formatted string; the caller frees it. */
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/*
 * Parses all of s as a decimal integer in [min, max]. No sign other than a
 * leading '-', no spaces, no trailing text. Returns 0, or -1 if s is empty,
 * not a number, or out of range.
 */
int util_parse_long(const char *s, long min, long max, long *out);

/* Levenshtein distance, for "did you mean" suggestions. */
size_t util_edit_distance(const char *, const char *);

/*
 * The one parser for option words (--format, --by, --side, --color):
 * util_word_pick returns the index of arg in words (NULL-terminated), or
 * -1; util_word_error returns the one message for a word that is not
 * there, "WHAT must be a, b or c, got 'ARG'", with "(did you mean 'b'?)"
 * when one word is a typo away. The caller frees it.
 */
int util_word_pick(const char *const *words, const char *arg);
char *
util_word_error(const char *what, const char *const *words, const char *arg);

/* Case-insensitive ASCII comparison helpers (locale independent). */
int util_strcaseeq(const char *, const char *);
int util_strncaseeq(const char *, const char *, size_t);

/* n bytes of s are strict UTF-8 (no overlong forms or surrogates). */
int util_utf8_valid(const char *s, size_t n);

/* Number of terminal columns the UTF-8 string takes (wide chars count 2). */
size_t util_display_width(const char *);

/* A growable byte buffer; init with {0}, release with buf_free. */
struct buf {
	char *data; /* always NUL-terminated once anything is added */
	size_t len;
	size_t cap;
};
void buf_add(struct buf *, const void *, size_t);
void buf_adds(struct buf *, const char *);
void buf_addc(struct buf *, char);
void
buf_addf(struct buf *, const char *, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *);
void buf_free(struct buf *);

#endif
