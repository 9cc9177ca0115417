/*
 * out.c: the machine formats, the spreadsheet rule and the terminal-safe
 * copy. See out.h for who owns what.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"

const char *const out_format_names[] = { "text", "tsv", "csv", "json", NULL };

void
out_csv_field(struct buf *b, const char *s)
{
	const char *q;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	while ((q = strchr(s, '"')) != NULL) {
		buf_add(b, s, (size_t)(q - s) + 1);
		buf_addc(b, '"');
		s = q + 1;
	}
	buf_adds(b, s);
	buf_addc(b, '"');
}

/*
 * If s starts with a C1 control (U+0080-U+009F) or a character that
 * changes the direction of text (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069), returns its code point and sets *len to its length in
 * bytes; else 0. Either kind, passed raw, lets a note restyle the
 * terminal or show a row as something else.
 */
static unsigned
out_hidden_char(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;

	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		*len = 2;
		return p[1];
	}
	if (p[0] == 0xd8 && p[1] == 0x9c) {
		*len = 2;
		return 0x061c;
	}
	if (p[0] != 0xe2 || p[1] == '\0' || p[2] == '\0')
		return 0;
	cp = ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
	if (cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069)) {
		*len = 3;
		return cp;
	}
	return 0;
}

void
out_terminal(struct buf *b, const char *s)
{
	unsigned cp;
	size_t n;

	/* An empty field still leaves a NUL-terminated buffer behind. */
	buf_add(b, "", 0);
	while (*s != '\0') {
		unsigned char c = (unsigned char)*s;

		if (c == '\t' || c == '\n' || c == '\r') {
			buf_addc(b, ' ');
			s++;
		} else if (c < 0x20 || c == 0x7f) {
			buf_addf(b, "\\x%02x", c);
			s++;
		} else if (c >= 0xc2 && (cp = out_hidden_char(s, &n)) != 0) {
			buf_addf(b, "\\u%04x", cp);
			s += n;
		} else {
			buf_addc(b, (char)c);
			s++;
		}
	}
}

void
out_tsv_field(struct buf *b, const char *s)
{
	out_terminal(b, s);
}

char *
out_printable(const char *s)
{
	struct buf b = { 0 };

	out_terminal(&b, s);
	return b.data;
}

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if it is not one. */
static size_t
out_utf8_len(const unsigned char *p)
{
	size_t n, i;
	unsigned long cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		cp = p[0] & 0x1fu;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		cp = p[0] & 0x0fu;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		cp = p[0] & 0x07u;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) /* also stops at the NUL */
			return 0;
		cp = cp << 6 | (p[i] & 0x3fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

void
out_json_string(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	buf_addc(b, '"');
	while (*p != '\0') {
		if (*p == '"' || *p == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)*p++);
		} else if (*p < 0x20) {
			buf_addf(b, "\\u%04x", *p++);
		} else if ((n = out_utf8_len(p)) == 0) {
			buf_adds(b, "\\ufffd");
			p++;
		} else {
			buf_add(b, p, n);
			p += n;
		}
	}
	buf_addc(b, '"');
}

int
out_needs_defusing(const char *s)
{
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
}

void
out_init(struct out_table *o, enum out_format f, int safe)
{
	memset(o, 0, sizeof(*o));
	o->format = f;
	o->safe = safe;
	buf_add(&o->b, "", 0);
}

static void
out_field(struct out_table *o, const char *name, const char *text, int string)
{
	/* A fixed table: callers name their columns, never user data. */
	if (o->nf >= OUT_MAXFIELDS)
		return;
	o->f[o->nf].name = name;
	o->f[o->nf].text = text;
	o->f[o->nf].string = string;
	o->nf++;
}

void
out_str(struct out_table *o, const char *name, const char *text)
{
	out_field(o, name, text, 1);
}

void
out_num(struct out_table *o, const char *name, const char *text)
{
	out_field(o, name, text, 0);
}

void
out_int(struct out_table *o, const char *name, long v, int have)
{
	char *s;

	if (!have || o->nf >= OUT_MAXFIELDS) {
		out_field(o, name, NULL, 0);
		return;
	}
	s = o->num[o->nf];
	snprintf(s, sizeof(o->num[0]), "%ld", v);
	out_field(o, name, s, 0);
}

/* One TSV or CSV cell, with the separator before all but the first. */
static void
out_cell(struct out_table *o, const char *s, int string, int first)
{
	if (!first)
		buf_addc(&o->b, o->format == OUT_CSV ? ',' : '\t');
	if (s == NULL)
		return;
	if (string && o->safe && out_needs_defusing(s)) {
		/* The quote goes inside the CSV quoting, as part of the text. */
		char *t = xasprintf("'%s", s);

		out_cell(o, t, 0, 1);
		free(t);
		return;
	}
	if (o->format == OUT_CSV)
		out_csv_field(&o->b, s);
	else
		out_tsv_field(&o->b, s);
}

void
out_header(struct out_table *o, const char *const *names, int n)
{
	if (o->format == OUT_JSON || o->header)
		return;
	for (int i = 0; i < n; i++)
		out_cell(o, names[i], 0, i == 0);
	buf_addc(&o->b, '\n');
	o->header = 1;
}

static void
out_json_row(struct out_table *o)
{
	struct buf *b = &o->b;

	buf_adds(b, o->nrows == 0 ? "[\n  {" : ",\n  {");
	for (int i = 0; i < o->nf; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		out_json_string(b, o->f[i].name);
		buf_adds(b, ": ");
		if (o->f[i].text == NULL)
			buf_adds(b, "null");
		else if (o->f[i].string)
			out_json_string(b, o->f[i].text);
		else
			buf_adds(b, o->f[i].text);
	}
	buf_addc(b, '}');
}

void
out_row(struct out_table *o)
{
	int i;

	if (o->format == OUT_JSON)
		out_json_row(o);
	else {
		if (!o->header) {
			for (i = 0; i < o->nf; i++)
				out_cell(o, o->f[i].name, 0, i == 0);
			buf_addc(&o->b, '\n');
			o->header = 1;
		}
		for (i = 0; i < o->nf; i++)
			out_cell(o, o->f[i].text, o->f[i].string, i == 0);
		buf_addc(&o->b, '\n');
	}
	o->nrows++;
	o->nf = 0;
}

void
out_end(struct out_table *o)
{
	if (o->format == OUT_JSON)
		buf_adds(&o->b, o->nrows == 0 ? "[]\n" : "\n]\n");
}

void
out_free(struct out_table *o)
{
	buf_free(&o->b);
}
