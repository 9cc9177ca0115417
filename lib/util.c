/* util: see util.h. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

static void
oom(size_t n)
{
	fprintf(stderr, "prehab: out of memory allocating %zu bytes\n", n);
	/*
	 * 70, the internal-error status of prehab(1), rather than abort(3):
	 * exit(3) also runs the store's handler that removes a log it had
	 * just created, empty, for this command.
	 */
	exit(70);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void *p = realloc(old, n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xreallocarray(void *old, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	return xrealloc(old, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom(0);
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

int
util_parse_long(const char *s, long min, long max, long *out)
{
	const char *p = s;
	long v = 0;
	int neg = 0;

	if (s == NULL || *s == '\0')
		return -1;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (*p < '0' || *p > '9')
		return -1;
	/* Accumulate negatively so LONG_MIN parses; stop early on overflow. */
	for (; *p >= '0' && *p <= '9'; p++) {
		int d = *p - '0';

		if (v < (-__LONG_MAX__ - 1L + d) / 10)
			return -1;
		v = v * 10 - d;
	}
	if (*p != '\0')
		return -1;
	if (!neg) {
		if (v < -__LONG_MAX__)
			return -1;
		v = -v;
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

size_t
util_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row, prev, tmp, best;

	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

static int
lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

int
util_word_pick(const char *const *words, const char *arg)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], arg) == 0)
			return i;
	return -1;
}

char *
util_word_error(const char *what, const char *const *words, const char *arg)
{
	struct buf b = { 0 };
	const char *best = NULL;
	size_t d, bestd = (size_t)-1;
	int i, n;

	for (n = 0; words[n] != NULL; n++)
		;
	buf_addf(&b, "%s must be ", what);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&b, i == n - 1 ? " or " : ", ");
		buf_adds(&b, words[i]);
		if ((d = util_edit_distance(arg, words[i])) < bestd) {
			bestd = d;
			best = words[i];
		}
	}
	buf_addf(&b, ", got '%s'", arg);
	/* Two edits at most: a slip of the finger, not another word. */
	if (best != NULL && bestd > 0 && bestd <= 2 && strlen(arg) > bestd)
		buf_addf(&b, " (did you mean '%s'?)", best);
	return b.data;
}

int
util_strcaseeq(const char *a, const char *b)
{
	for (; *a && lower((unsigned char)*a) == lower((unsigned char)*b);
	     a++, b++)
		;
	return *a == '\0' && *b == '\0';
}

int
util_strncaseeq(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (lower((unsigned char)*a) != lower((unsigned char)*b))
			return 0;
		if (*a == '\0')
			return 1;
	}
	return 1;
}

/* Strict UTF-8: no overlong forms, surrogates or code points past 10FFFF. */
int
util_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i], lo = 0x80, hi = 0xbf;
		size_t k, more;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			more = 1;
		else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else
			return 0;
		if (n - i - 1 < more)
			return 0;
		for (k = 1; k <= more; k++) {
			unsigned char d = s[i + k];

			if (k == 1 ? (d < lo || d > hi) : (d & 0xc0) != 0x80)
				return 0;
		}
		i += more + 1;
	}
	return 1;
}

/*
 * Decodes UTF-8 by hand rather than through mbrtowc, so the width does not
 * depend on the user's locale: the log is UTF-8 whatever LANG says.
 */
size_t
util_display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p) {
		unsigned int cp;
		int n;

		if (*p < 0x80) {
			cp = *p;
			n = 1;
		} else if ((*p & 0xe0) == 0xc0) {
			cp = *p & 0x1f;
			n = 2;
		} else if ((*p & 0xf0) == 0xe0) {
			cp = *p & 0x0f;
			n = 3;
		} else if ((*p & 0xf8) == 0xf0) {
			cp = *p & 0x07;
			n = 4;
		} else {
			w++; /* invalid byte: shown as one replacement cell */
			p++;
			continue;
		}
		for (int i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80) {
				n = i;
				cp = 0xfffd;
				break;
			}
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		p += n;
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			continue;
		if ((cp >= 0x0300 && cp <= 0x036f) || cp == 0x200b ||
		    (cp >= 0xfe00 && cp <= 0xfe0f))
			continue; /* combining marks take no cell */
		if ((cp >= 0x1100 && cp <= 0x115f) ||
		    (cp >= 0x2e80 && cp <= 0xa4cf) ||
		    (cp >= 0xac00 && cp <= 0xd7a3) ||
		    (cp >= 0xf900 && cp <= 0xfaff) ||
		    (cp >= 0xfe30 && cp <= 0xfe4f) ||
		    (cp >= 0xff00 && cp <= 0xff60) ||
		    (cp >= 0xffe0 && cp <= 0xffe6) ||
		    (cp >= 0x1f300 && cp <= 0x1faff) ||
		    (cp >= 0x20000 && cp <= 0x3fffd))
			w += 2;
		else
			w += 1;
	}
	return w;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char tmp[256];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		buf_add(b, tmp, (size_t)n);
		return;
	}
	buf_add(b, "", 0); /* make room below */
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = b->len + (size_t)n + 1;
		b->data = xrealloc(b->data, b->cap);
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
