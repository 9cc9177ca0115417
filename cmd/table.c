/* table: see table.h. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prehab.h"
#include "table.h"
#include "util.h"

/* The narrowest last column that is wrapped rather than left long. */
#define MIN_WRAP 8

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
table_header(struct table *t, const char *const *texts)
{
	table_row(t);
	for (; *texts != NULL; texts++)
		table_cell(t, *texts, "1");
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

/*
 * Prints the last cell of a row, text, from column start on: whole if it
 * fits within width, else broken at spaces onto lines that begin at
 * start, so that no word is cut; a word too long for any line overflows.
 */
static void
put_wrapped(FILE *fp, struct ctx *ctx, const char *text, const char *sgr,
    size_t start, size_t width)
{
	const char *p = text;
	size_t col = start, gap = 0;
	int first = 1;

	while (*p != '\0') {
		size_t n = strcspn(p, " "), w;
		char *word = xstrndup(p, n);

		/* The spaces between words stay as they were, but at a break. */
		w = util_display_width(word);
		if (!first && col + gap + w > width) {
			fprintf(fp, "\n%*s", (int)start, "");
			col = start;
		} else if (!first) {
			fprintf(fp, "%*s", (int)gap, "");
			col += gap;
		}
		if (sgr != NULL && ctx->color && n > 0)
			fprintf(fp, "%s%s%s", cmd_color(ctx, sgr), word,
			    cmd_reset(ctx));
		else
			fputs(word, fp);
		col += w;
		first = 0;
		free(word);
		p += n;
		gap = strspn(p, " ");
		p += gap;
	}
}

void
table_print(struct table *t, struct ctx *ctx, FILE *fp, const char *indent)
{
	size_t *w = xcalloc((size_t)t->ncols, sizeof(*w));
	size_t ind = indent ? strlen(indent) : 0;
	size_t width = (size_t)cmd_width(ctx);

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

			if (t->align[c] == 'r')
				pending += w[c] - cw;
			/*
			 * Too little room left to be worth wrapping into
			 * overflows whole instead.
			 */
			if (c == last && used + pending + cw > width &&
			    used + pending + MIN_WRAP <= width) {
				size_t start = used + pending;

				for (; pending > 0; pending--)
					fputc(' ', fp);
				put_wrapped(
				    fp, ctx, text, row[c].sgr, start, width);
				break;
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

/*
 * Breaks only at spaces: a word wider than the line is printed whole and
 * overflows, since a cut word reads worse than a long line. The last
 * column of the width stays empty, as a terminal that wraps at its edge
 * would otherwise add a blank line after a full one.
 */
void
cmd_wrap(const struct ctx *ctx, FILE *fp, const char *lead, const char *indent,
    const char *text)
{
	size_t max = (size_t)cmd_width(ctx) - 1, margin, col;
	const char *p = text;

	margin = util_display_width(indent);
	fputs(lead, fp);
	col = util_display_width(lead);
	while (*p != '\0') {
		size_t n = strcspn(p, " \t\n"), w;
		char *word = xstrndup(p, n);

		w = util_display_width(word);
		if (n > 0 && col > margin && col + 1 + w > max) {
			fprintf(fp, "\n%s", indent);
			col = margin;
		} else if (n > 0 && col > margin) {
			fputc(' ', fp);
			col++;
		}
		fputs(word, fp);
		col += w;
		free(word);
		p += n;
		if (*p == '\n') {
			if (p[1] != '\0')
				fprintf(fp, "\n%s", indent);
			col = margin;
			p++;
		} else if (*p != '\0')
			p++;
	}
	fputc('\n', fp);
}
