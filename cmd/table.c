/* table: see table.h. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prehab.h"
#include "table.h"
#include "util.h"

struct cell {
	char *text;
	char *sgr;
};

struct table {
	char *align;
	int ncols;
	struct cell *cells; /* rows * ncols */
	size_t nrows;
	int col; /* next cell of the current row */
};

struct table *
table_new(const char *align)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->align = xstrdup(align);
	t->ncols = (int)strlen(align);
	t->col = t->ncols;
	return t;
}

void
table_row(struct table *t)
{
	t->cells = xreallocarray(
	    t->cells, (t->nrows + 1) * (size_t)t->ncols, sizeof(*t->cells));
	memset(&t->cells[t->nrows * (size_t)t->ncols], 0,
	    (size_t)t->ncols * sizeof(*t->cells));
	t->nrows++;
	t->col = 0;
}

void
table_cell(struct table *t, const char *text, const char *sgr)
{
	struct cell *c;

	if (t->col >= t->ncols)
		return;
	c = &t->cells[(t->nrows - 1) * (size_t)t->ncols + (size_t)t->col++];
	c->text = xstrdup(text ? text : "");
	c->sgr = sgr ? xstrdup(sgr) : NULL;
}

void
table_cellf(struct table *t, const char *sgr, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	table_cell(t, buf, sgr);
}

/* Copies at most w display cells of s, ending with an ellipsis if cut. */
static char *
cut(const char *s, size_t w, int utf8)
{
	const char *ell = utf8 ? "\xe2\x80\xa6" : "...";
	size_t ellw = utf8 ? 1 : 3, used = 0;
	struct buf b = { 0 };
	const unsigned char *p = (const unsigned char *)s;

	if (util_display_width(s) <= w)
		return xstrdup(s);
	if (w <= ellw)
		return xstrdup("");
	while (*p) {
		size_t n = 1, cw;
		char ch[5];

		if (*p >= 0xf0)
			n = 4;
		else if (*p >= 0xe0)
			n = 3;
		else if (*p >= 0xc0)
			n = 2;
		if (strnlen((const char *)p, n) < n)
			break;
		memcpy(ch, p, n);
		ch[n] = '\0';
		cw = util_display_width(ch);
		if (used + cw > w - ellw)
			break;
		buf_add(&b, p, n);
		used += cw;
		p += n;
	}
	buf_adds(&b, ell);
	return b.data;
}

void
table_print(struct table *t, struct ctx *ctx, FILE *fp, const char *indent)
{
	size_t *w = xcalloc((size_t)t->ncols, sizeof(*w));
	size_t ind = indent ? strlen(indent) : 0;

	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			struct cell *cl =
			    &t->cells[r * (size_t)t->ncols + (size_t)c];
			size_t cw = cl->text ? util_display_width(cl->text) : 0;

			if (cw > w[c])
				w[c] = cw;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		struct cell *row = &t->cells[r * (size_t)t->ncols];
		size_t used = ind, pending = 0;
		int last = t->ncols - 1;

		/* Trailing empty cells print nothing, not padding. */
		while (last > 0 &&
		    (row[last].text == NULL || row[last].text[0] == '\0'))
			last--;
		if (indent)
			fputs(indent, fp);
		for (int c = 0; c <= last; c++) {
			const char *text = row[c].text ? row[c].text : "";
			size_t cw = util_display_width(text);
			char *shown = NULL;

			if (t->align[c] == 'r')
				pending += w[c] - cw;
			if (c == last && ctx->width > 0 &&
			    used + pending + cw > (size_t)ctx->width &&
			    (size_t)ctx->width > used + pending + 4) {
				shown = cut(text,
				    (size_t)ctx->width - used - pending,
				    ctx->utf8);
				text = shown;
				cw = util_display_width(text);
			}
			used += pending + cw;
			for (; pending > 0; pending--)
				fputc(' ', fp);
			if (row[c].sgr && ctx->color && *text)
				fprintf(fp, "%s%s%s",
				    cmd_color(ctx, row[c].sgr), text,
				    cmd_reset(ctx));
			else
				fputs(text, fp);
			/* Separator, plus the padding of a left column. */
			pending = 2 + (t->align[c] == 'l' ? w[c] - cw : 0);
			free(shown);
		}
		fputc('\n', fp);
	}
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++) {
		free(t->cells[i].text);
		free(t->cells[i].sgr);
	}
	free(t->cells);
	free(t->align);
	free(w);
	free(t);
}

int
cmd_width(const struct ctx *ctx)
{
	return ctx->width > 0 ? ctx->width : 80;
}

void
text_wrap(FILE *fp, const char *text, const char *indent, int width)
{
	size_t ind = util_display_width(indent), col = 0, max;
	const char *p = text;

	if (width <= 0 || width > 78)
		width = 78;
	max = (size_t)width > ind + 20 ? (size_t)width - ind : 20;
	while (*p) {
		size_t n, w;
		char word[256];

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " \n\t");
		snprintf(word, sizeof(word), "%.*s", (int)n, p);
		w = util_display_width(word);
		if (col > 0 && col + 1 + w > max) {
			fputc('\n', fp);
			col = 0;
		}
		if (col == 0)
			fputs(indent, fp);
		else
			fputc(' ', fp), col++;
		fwrite(p, 1, n, fp);
		col += w;
		p += n;
	}
	if (col > 0)
		fputc('\n', fp);
}
