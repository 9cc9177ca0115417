/*
 * table: aligned text tables and wrapped text for the human-readable
 * formats, laid out to one width (cmd_width) for every command. Columns
 * are measured in display cells, so UTF-8 names and notes do not break
 * the alignment; no line ends in spaces; a last column too wide for the
 * width is broken between words onto lines of its own column, never cut.
 */
#ifndef PREHAB_TABLE_H
#define PREHAB_TABLE_H

#include <stdio.h>

struct ctx;
struct table;

/* align holds one letter per column: 'l' left, 'r' right. */
struct table *table_new(const char *align);
/* Starts a new row; cells are then added left to right. */
void table_row(struct table *);
/* A row of bold headings, from a NULL-terminated array of their texts. */
void table_header(struct table *, const char *const *texts);
/* Adds a cell (copied); sgr is an ANSI colour like "1;32" or NULL. */
void table_cell(struct table *, const char *text, const char *sgr);
void table_cellf(struct table *, const char *sgr, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints with two spaces between columns, then frees the table. */
void table_print(struct table *, struct ctx *, FILE *, const char *indent);

/*
 * The width text is laid out to: COLUMNS when it is set and valid, else
 * the terminal's when standard output is one, else 80.
 */
int cmd_width(const struct ctx *);

/*
 * Prints text word-wrapped to cmd_width: lead before the first line,
 * indent before the others; "\n" in text starts a new line.
 */
void cmd_wrap(const struct ctx *, FILE *, const char *lead, const char *indent,
    const char *text);
#endif
