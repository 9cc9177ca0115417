/*
 * row: see row.h. The one validation of a row, and its text in the log.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "out.h"
#include "row.h"
#include "util.h"

#define EXERCISE_MAX 32 /* bytes of an exercise slug */

const char *const store_colnames[STORE_NCOLS] = { "date", "time", "exercise",
	"side", "set", "reps", "hold_s", "variant", "rpe", "pain", "note",
	"batch" };

const char *const store_sidenames[3] = { "both", "left", "right" };

const char *
row_show(char *dst, size_t dstsz, const char *s, size_t len)
{
	size_t i, j, n = len;
	int cut = 0;

	if (n > ROW_SHOW_MAX) {
		n = ROW_SHOW_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		cut = 1;
	}
	if (n + 4 > dstsz)
		n = dstsz - 4;
	for (i = 0, j = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

		/* Messages reach terminals: no controls, no broken UTF-8. */
		if (c < 0x20 || c == 0x7f ||
		    (c >= 0x80 && (i + k > n || !util_utf8_valid(s + i, k)))) {
			dst[j++] = '?';
			i++;
			continue;
		}
		memcpy(dst + j, s + i, k);
		i += k;
		j += k;
	}
	if (cut) {
		memcpy(dst + j, "...", 3);
		j += 3;
	}
	dst[j] = '\0';
	return dst;
}

int
row_iso_shape(const char *s, size_t len)
{
	size_t i;

	if (len != 10)
		return 0;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return 1;
}

static int
row_int(const char *v, size_t len, long min, long max, int *out)
{
	long l;
	size_t i;

	/* The common case by hand: one to three digits. */
	if (len >= 1 && len <= 3) {
		for (l = 0, i = 0; i < len && v[i] >= '0' && v[i] <= '9'; i++)
			l = l * 10 + (v[i] - '0');
		if (i == len) {
			if (l < min || l > max)
				return -1;
			*out = (int)l;
			return 0;
		}
	}
	if (util_parse_long(v, min, max, &l) == -1)
		return -1;
	*out = (int)l;
	return 0;
}

/*
 * Bytes 1-127 only: no NUL byte, and valid UTF-8 as it stands. Eight
 * bytes at a time: in x - 0x01..01, a byte's top bit is set only if it
 * was 0 (or had the borrow of a 0 below it), and x itself has it set
 * for every byte of 128 or more; so the test is 0 exactly when every
 * byte is in 1-127.
 */
int
row_plain_ascii(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t tops = 0x8080808080808080ULL;
	uint64_t x;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		if (((x - ones) | x) & tops)
			return 0;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] - 1u >= 0x7fu)
			return 0;
	return 1;
}

static int
row_is_word(const char *v, size_t len, const char *w, size_t wlen)
{
	return len == wlen && memcmp(v, w, wlen) == 0;
}

/* Fills reason with "column 'NAME': ..." and returns -1. */
static int row_bad(char *reason, size_t rsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
row_bad(char *reason, size_t rsz, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, rsz, fmt, ap);
	va_end(ap);
	return -1;
}

/* What any value must be: short enough, no NUL byte, valid UTF-8. */
static int
row_check_bytes(
    int c, const char *v, size_t len, int plain, char *reason, size_t rsz)
{
	const char *name = store_colnames[c];

	if (len > STORE_FIELD_MAX) {
		snprintf(reason, rsz, "column '%s': longer than %d bytes", name,
		    STORE_FIELD_MAX);
		return -1;
	}
	/* Plain ASCII, nearly every field, can hold neither fault. */
	if (!plain && !row_plain_ascii(v, len)) {
		if (memchr(v, '\0', len) != NULL) {
			snprintf(reason, rsz, "NUL byte in column '%s'", name);
			return -1;
		}
		if (!util_utf8_valid(v, len)) {
			snprintf(
			    reason, rsz, "invalid UTF-8 in column '%s'", name);
			return -1;
		}
	}
	return 0;
}

static int
row_check_date(const char *v, size_t len, struct store_row *row,
    struct row_memo *memo, char *reason, size_t rsz)
{
	char sh[ROW_SHOW_MAX + 8];
	long y;

	if (memo != NULL && memo->valid && len == 10 &&
	    memcmp(v, memo->text, 10) == 0) {
		row->date = memo->date;
		return 0;
	}
	if (!row_iso_shape(v, len))
		return row_bad(reason, rsz,
		    "column 'date': must be YYYY-MM-DD, got '%s'",
		    row_show(sh, sizeof(sh), v, len));
	if (date_parse_iso(v, &row->date) == -1) {
		y = strtol(v, NULL, 10);
		if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
			return row_bad(reason, rsz,
			    "column 'date': year must be %d-%d, got '%s'",
			    DATE_MIN_YEAR, DATE_MAX_YEAR,
			    row_show(sh, sizeof(sh), v, len));
		return row_bad(reason, rsz, "column 'date': no such day '%s'",
		    row_show(sh, sizeof(sh), v, len));
	}
	if (memo != NULL) {
		memcpy(memo->text, v, 10);
		memo->date = row->date;
		memo->valid = 1;
	}
	return 0;
}

static int
row_check_exercise(
    const char *v, size_t len, struct store_row *row, char *reason, size_t rsz)
{
	char sh[ROW_SHOW_MAX + 8];
	size_t i;

	if (len == 0)
		return row_bad(
		    reason, rsz, "column 'exercise': must not be empty");
	for (i = 0; i < len; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') ||
			(v[i] >= '0' && v[i] <= '9') || v[i] == '-'))
			break;
	if (i < len || len > EXERCISE_MAX)
		return row_bad(reason, rsz,
		    "column 'exercise': must be at most %d of a-z, 0-9 and "
		    "'-', got '%s'",
		    EXERCISE_MAX, row_show(sh, sizeof(sh), v, len));
	row->exercise = v;
	return 0;
}

static int
row_check_side(
    const char *v, size_t len, struct store_row *row, char *reason, size_t rsz)
{
	char sh[ROW_SHOW_MAX + 8];

	if (len == 0 || row_is_word(v, len, "both", 4))
		row->side = SIDE_BOTH;
	else if (row_is_word(v, len, "left", 4))
		row->side = SIDE_LEFT;
	else if (row_is_word(v, len, "right", 5))
		row->side = SIDE_RIGHT;
	else
		return row_bad(reason, rsz,
		    "column 'side': must be left, right or both, got '%s'",
		    row_show(sh, sizeof(sh), v, len));
	return 0;
}

/*
 * The numeric columns, their ranges and what an empty one reads as. An
 * empty set is 1, or none on a check-in; empty reps only do on a
 * check-in: row_check_whole decides both, once every column is in.
 */
static const struct row_num {
	int col;
	int min, max, empty;
} row_nums[] = {
	{ STORE_SET, 1, STORE_SET_MAX, 0 },
	{ STORE_REPS, 1, STORE_REPS_MAX, 0 },
	{ STORE_HOLD, 0, STORE_HOLD_MAX, 0 },
	{ STORE_RPE, STORE_RPE_MIN, STORE_RPE_MAX, -1 },
	{ STORE_PAIN, 0, STORE_PAIN_MAX, -1 },
};

static int *
row_num_slot(struct store_row *row, int c)
{
	switch (c) {
	case STORE_SET: return &row->set;
	case STORE_REPS: return &row->reps;
	case STORE_HOLD: return &row->hold_s;
	case STORE_RPE: return &row->rpe;
	case STORE_PAIN: return &row->pain;
	default: return NULL;
	}
}

static int
row_check_number(const struct row_num *nm, const char *v, size_t len,
    struct store_row *row, char *reason, size_t rsz)
{
	char sh[ROW_SHOW_MAX + 8];
	int *slot = row_num_slot(row, nm->col);

	*slot = nm->empty;
	if (len > 0 && row_int(v, len, nm->min, nm->max, slot) == -1)
		return row_bad(reason, rsz,
		    "column '%s': must be %d-%d, got '%s'",
		    store_colnames[nm->col], nm->min, nm->max,
		    row_show(sh, sizeof(sh), v, len));
	return 0;
}

static int
row_check_col(int c, const char *v, size_t len, struct store_row *row,
    struct row_memo *memo, char *reason, size_t rsz)
{
	char sh[ROW_SHOW_MAX + 8];
	size_t i;

	switch (c) {
	case STORE_DATE: return row_check_date(v, len, row, memo, reason, rsz);
	case STORE_TIME:
		row->time = -1;
		if (len > 0 && date_parse_time(v, &row->time) == -1)
			return row_bad(reason, rsz,
			    "column 'time': must be HH:MM, got '%s'",
			    row_show(sh, sizeof(sh), v, len));
		return 0;
	case STORE_EXERCISE:
		return row_check_exercise(v, len, row, reason, rsz);
	case STORE_SIDE: return row_check_side(v, len, row, reason, rsz);
	case STORE_VARIANT: row->variant = v; return 0;
	case STORE_NOTE: row->note = v; return 0;
	case STORE_BATCH: row->batch = v; return 0;
	}
	for (i = 0; i < sizeof(row_nums) / sizeof(row_nums[0]); i++)
		if (row_nums[i].col == c)
			return row_check_number(
			    &row_nums[i], v, len, row, reason, rsz);
	return 0;
}

/* The columns may come in any order: checks what they say together. */
static int
row_check_whole(struct store_row *row, char *reason, size_t rsz)
{
	if (store_is_checkin(row)) {
		if (row->pain == -1)
			return row_bad(reason, rsz,
			    "column 'pain': a morning check-in needs a pain "
			    "of 0-%d",
			    STORE_PAIN_MAX);
	} else if (row->set == 0)
		row->set = 1;
	if (!store_is_checkin(row) && row->reps == 0)
		return row_bad(reason, rsz,
		    "column 'reps': must be 1-%d, got ''", STORE_REPS_MAX);
	return 0;
}

int
row_check(const char *const val[STORE_NCOLS], const size_t len[STORE_NCOLS],
    struct store_row *row, struct row_memo *memo, int plain, char *reason,
    size_t rsz)
{
	int c;

	for (c = 0; c < STORE_NCOLS; c++) {
		if (row_check_bytes(c, val[c], len[c], plain, reason, rsz) ==
		    -1)
			return -1;
		if (row_check_col(c, val[c], len[c], row, memo, reason, rsz) ==
		    -1)
			return -1;
	}
	return row_check_whole(row, reason, rsz);
}

int
store_is_checkin(const struct store_row *r)
{
	return r->exercise != NULL && strcmp(r->exercise, STORE_CHECKIN) == 0;
}

const char *
row_value(const struct store_row *r, int c, char *tmp)
{
	const char *s = NULL;

	switch (c) {
	case STORE_DATE: return date_format(r->date, tmp);
	case STORE_TIME:
		if (r->time == -1)
			return "";
		if (r->time >= 0 && r->time < 24 * 60)
			return date_format_time(r->time, tmp);
		/* Written raw, so that validation names the value. */
		snprintf(tmp, 16, "%d", r->time);
		return tmp;
	case STORE_EXERCISE: s = r->exercise; break;
	case STORE_SIDE:
		if ((int)r->side >= 0 && (int)r->side < 3)
			return store_sidenames[r->side];
		snprintf(tmp, 16, "%d", (int)r->side);
		return tmp;
	case STORE_SET:
		if (r->set == 0 && store_is_checkin(r))
			return "";
		snprintf(tmp, 16, "%d", r->set);
		return tmp;
	case STORE_REPS:
		if (r->reps == 0 && store_is_checkin(r))
			return "";
		snprintf(tmp, 16, "%d", r->reps);
		return tmp;
	case STORE_HOLD:
		if (r->hold_s == 0)
			return "";
		snprintf(tmp, 16, "%d", r->hold_s);
		return tmp;
	case STORE_VARIANT: s = r->variant; break;
	case STORE_RPE:
		if (r->rpe == -1)
			return "";
		snprintf(tmp, 16, "%d", r->rpe);
		return tmp;
	case STORE_PAIN:
		if (r->pain == -1)
			return "";
		snprintf(tmp, 16, "%d", r->pain);
		return tmp;
	case STORE_NOTE: s = r->note; break;
	case STORE_BATCH: s = r->batch; break;
	}
	return s != NULL ? s : "";
}

void
store_format_row(struct buf *b, const struct store_row *r)
{
	char tmp[16];
	int c;

	for (c = 0; c < STORE_NCOLS; c++) {
		if (c > 0)
			buf_addc(b, ',');
		out_csv_field(b, row_value(r, c, tmp));
	}
	buf_addc(b, '\n');
}

void
store_format_header(struct buf *b)
{
	int c;

	for (c = 0; c < STORE_NCOLS; c++) {
		if (c > 0)
			buf_addc(b, ',');
		buf_adds(b, store_colnames[c]);
	}
	buf_addc(b, '\n');
}

int
row_check_new(const struct store_row *r, char *reason, size_t rsz)
{
	struct store_row out;
	const char *val[STORE_NCOLS];
	size_t len[STORE_NCOLS];
	char tmp[STORE_NCOLS][16];
	int c;

	for (c = 0; c < STORE_NCOLS; c++) {
		val[c] = c == STORE_BATCH ? "" : row_value(r, c, tmp[c]);
		len[c] = strlen(val[c]);
	}
	return row_check(val, len, &out, NULL, 0, reason, rsz);
}
