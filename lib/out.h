/*
 * out: the one encoder for every byte prehab hands to another program or
 * to a terminal. It owns the machine formats (TSV, CSV as in RFC 4180,
 * JSON), the spreadsheet-safe rule behind --safe and the terminal-safe
 * copy of user text. Everything is written into a struct buf, so lib/
 * still never prints; cmd/ decides when the buffer reaches stdout.
 *
 * The store's writer quotes its CSV through out_csv_field as well, so
 * there is exactly one quoter for the log and for every report.
 */
#ifndef PREHAB_OUT_H
#define PREHAB_OUT_H

#include <stddef.h>

#include "util.h"

/* The formats every command with a table offers, in this order. */
enum out_format { OUT_TEXT, OUT_TSV, OUT_CSV, OUT_JSON };

/* "text", "tsv", "csv", "json", NULL-terminated, indexed by the enum. */
extern const char *const out_format_names[];

/*
 * One CSV field: quoted (with quotes doubled) only when it holds a comma,
 * a quote, CR or LF, so plain fields stay as they are.
 */
void out_csv_field(struct buf *, const char *);

/*
 * One TSV field, which has no quoting: tab, LF and CR become spaces,
 * other C0 controls and DEL become \xHH, C1 controls and the marks that
 * change the direction of text become \uHHHH. The same rule makes the
 * terminal-safe copy (out_terminal), so a note shows the same in both.
 */
void out_tsv_field(struct buf *, const char *);

/* Text for a terminal: no raw ESC, C1 controls or direction overrides. */
void out_terminal(struct buf *, const char *);
/* out_terminal into a new string; the caller frees it. */
char *out_printable(const char *);

/*
 * A JSON string, quotes included: '"', '\\' and controls escaped, and
 * every byte that is not part of valid UTF-8 replaced by U+FFFD, so the
 * result is always valid JSON whatever the input holds.
 */
void out_json_string(struct buf *, const char *);

/*
 * A spreadsheet takes a cell starting with '=', '+', '-', '@', tab or CR
 * for a formula (the usual advice on CSV injection). --safe puts a single
 * quote in front of such a cell, which spreadsheets show as text.
 */
int out_needs_defusing(const char *);

/*
 * A table of rows, each a list of named fields, written as TSV or CSV
 * (a header line, then one line a row) or JSON (an array of objects).
 * Fill a row with out_str and out_num, end it with out_row, end the
 * table with out_end. The header comes from the first row's names,
 * unless out_header wrote one first (for a table that may stay empty).
 */
#define OUT_MAXFIELDS 64

struct out_field {
	const char *name;
	const char *text; /* NULL: no value (empty cell, JSON null) */
	int string; /* JSON quotes it; --safe may defuse it */
};

struct out_table {
	enum out_format format; /* OUT_TSV, OUT_CSV or OUT_JSON */
	int safe; /* defuse formulas in TSV and CSV string cells */
	struct buf b; /* the bytes so far; the caller writes and resets */
	long nrows;
	int header; /* the header line is written */
	int nf;
	struct out_field f[OUT_MAXFIELDS];
	char num[OUT_MAXFIELDS][48]; /* text of out_numf fields */
};

void out_init(struct out_table *, enum out_format, int safe);
/* A string field; NULL for no value. */
void out_str(struct out_table *, const char *name, const char *text);
/* A number field, its text as it should appear; NULL for no value. */
void out_num(struct out_table *, const char *name, const char *text);
/* A number field of an int; no value when have is 0. */
void out_int(struct out_table *, const char *name, long v, int have);
/* Writes the header of TSV or CSV now, from names (n of them). */
void out_header(struct out_table *, const char *const *names, int n);
void out_row(struct out_table *);
/* Closes the JSON array (an empty table is "[]"); nothing for TSV/CSV. */
void out_end(struct out_table *);
void out_free(struct out_table *);

#endif
