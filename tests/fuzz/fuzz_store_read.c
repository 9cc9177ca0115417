/*
 * fuzz_store_read: arbitrary bytes as a log file.
 *
 * Input: one mode byte, one byte choosing the "since" date of a tail
 * read, then the file. With the mode's three low bits set the file is a
 * 70 KB run of old, good rows followed by the input (with no header of
 * its own), so that tail mode really starts near the end. With them at
 * 6, the input becomes the note of one row (quoted, its quotes doubled)
 * between the old rows and 14 KB of recent ones, so that the tail
 * reader's first guess lands inside the note, among whatever lines of
 * it look like rows. Such inputs take a hundred times longer, hence
 * only two in eight.
 *
 * Properties, beyond "no crash, no leak, no sanitizer report":
 *   - every row delivered is in range in every column;
 *   - every reason is one line of printable UTF-8, and names a line >= 1;
 *   - when the full read finds nothing wrong, a tail read delivers
 *     exactly the same rows dated on or after "since", in the same order.
 */
#include "fuzz.h"

#include "date.h"
#include "store.h"
#include "util.h"

#define FILLER_ROWS	1800

struct seen {
	struct buf	 text;		/* rows as formatted, one per line */
	long		 rows;
	long		 warns;
	long		 last_line;
	date_t		 since;		/* keep only rows >= since in text */
	int		 full;		/* line numbers are known */
};

static int
utf8_printable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		/* A lead byte and its continuation bytes. */
		{
			int more = *p >= 0xf0 ? 3 : *p >= 0xe0 ? 2 :
			    *p >= 0xc2 ? 1 : -1;

			if (more < 0 || *p > 0xf4)
				return 0;
			for (p++; more > 0; more--, p++)
				if ((*p & 0xc0) != 0x80)
					return 0;
		}
	}
	return 1;
}

static int
on_row(const struct store_row *r, void *arg)
{
	struct seen *s = arg;
	size_t i;

	FZ_CHECK(r->exercise != NULL && r->variant != NULL &&
	    r->note != NULL && r->batch != NULL, "NULL string in a row");
	FZ_CHECK(r->exercise[0] != '\0' && strlen(r->exercise) <= 32,
	    "exercise '%s'", r->exercise);
	for (i = 0; r->exercise[i] != '\0'; i++)
		FZ_CHECK((r->exercise[i] >= 'a' && r->exercise[i] <= 'z') ||
		    (r->exercise[i] >= '0' && r->exercise[i] <= '9') ||
		    r->exercise[i] == '-', "exercise '%s'", r->exercise);
	FZ_CHECK(r->time == -1 || (r->time >= 0 && r->time < 24 * 60),
	    "time %d", r->time);
	FZ_CHECK((int)r->side >= 0 && (int)r->side <= 2, "side %d",
	    (int)r->side);
	FZ_CHECK(r->set >= 1 && r->set <= STORE_SET_MAX, "set %d", r->set);
	FZ_CHECK(r->reps >= 1 && r->reps <= STORE_REPS_MAX, "reps %d",
	    r->reps);
	FZ_CHECK(r->hold_s >= 0 && r->hold_s <= STORE_HOLD_MAX, "hold %d",
	    r->hold_s);
	FZ_CHECK(r->rpe == -1 || (r->rpe >= STORE_RPE_MIN &&
	    r->rpe <= STORE_RPE_MAX), "rpe %d", r->rpe);
	FZ_CHECK(r->pain == -1 || (r->pain >= 0 &&
	    r->pain <= STORE_PAIN_MAX), "pain %d", r->pain);
	FZ_CHECK(strlen(r->note) <= STORE_FIELD_MAX &&
	    strlen(r->variant) <= STORE_FIELD_MAX, "field over the cap");
	{
		int y, m, d;

		date_to_ymd(r->date, &y, &m, &d);
		FZ_CHECK(y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR, "year %d",
		    y);
	}
	if (s->full) {
		FZ_CHECK(r->line > s->last_line, "line %ld after %ld",
		    r->line, s->last_line);
		s->last_line = r->line;
	}
	s->rows++;
	if (r->date >= s->since)
		store_format_row(&s->text, r);
	return 0;
}

static void
on_warn(const char *file, long line, const char *reason, void *arg)
{
	struct seen *s = arg;

	FZ_CHECK(file != NULL && reason != NULL && reason[0] != '\0',
	    "empty warning");
	FZ_CHECK(line >= 1, "warning at line %ld: %s", line, reason);
	FZ_CHECK(utf8_printable(reason), "unprintable reason '%s'", reason);
	s->warns++;
}

static struct buf filler, trailer;

static void
make_filler(void)
{
	struct store_row r;
	int i;

	store_format_header(&filler);
	memset(&r, 0, sizeof(r));
	r.exercise = "clamshell";
	r.variant = "band";
	r.note = "";
	r.batch = "old";
	r.time = -1;
	r.rpe = r.pain = -1;
	r.reps = 12;
	r.set = 1;
	for (i = 0; i < FILLER_ROWS; i++) {
		date_from_ymd(2020, 1, 1, &r.date);
		r.date += i / 8;
		store_format_row(&filler, &r);
	}
	/* Recent rows after the note, about 1 KB short of the tail window. */
	r.exercise = "glute-bridge";
	r.variant = "two-leg";
	r.batch = "new";
	for (i = 0; i < 295; i++) {
		date_from_ymd(2026, 6, 1, &r.date);
		r.date += i / 4;
		r.set = i % 4 + 1;
		store_format_row(&trailer, &r);
	}
}

/* The input as the quoted note of one row, its quotes doubled. */
static void
add_note_row(struct buf *b, const uint8_t *p, size_t n)
{
	size_t i;

	buf_adds(b, "2021-01-01,,clamshell,left,1,12,,band,,,\"");
	for (i = 0; i < n; i++) {
		if (p[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, (char)p[i]);
	}
	buf_adds(b, "\",note\n");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[300];
	struct store_read_opts o;
	struct seen full, tail;
	struct buf file = { 0 };
	char *cause = NULL;
	long nfull, ntail;
	date_t since;
	int fds;

	if (size < 2)
		return 0;
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "%s/log.csv", fz_scratch());
		make_filler();
	}
	/* "since" somewhere from early 2020 to 2026. */
	date_from_ymd(2020, 1, 1, &since);
	since += (date_t)data[1] * 9;
	buf_add(&file, "", 0);
	if ((data[0] & 7) >= 6)
		buf_add(&file, filler.data, filler.len);
	if ((data[0] & 7) == 6) {
		add_note_row(&file, data + 2, size - 2);
		buf_add(&file, trailer.data, trailer.len);
	} else
		buf_add(&file, data + 2, size - 2);
	fz_put(path, file.data, file.len);
	buf_free(&file);
	fds = fz_open_fds();

	memset(&full, 0, sizeof(full));
	full.since = since;
	full.full = 1;
	memset(&o, 0, sizeof(o));
	o.path = path;
	o.row = on_row;
	o.warn = on_warn;
	o.arg = &full;
	nfull = store_read(&o, &cause);
	if (nfull == -1) {
		FZ_CHECK(cause != NULL && utf8_printable(cause),
		    "bad cause");
		free(cause);
		cause = NULL;
	} else
		FZ_CHECK(nfull == full.warns, "returned %ld, warned %ld",
		    nfull, full.warns);

	memset(&tail, 0, sizeof(tail));
	tail.since = since;
	o.arg = &tail;
	o.tail = 1;
	o.since = since;
	ntail = store_read(&o, &cause);
	if (ntail == -1) {
		FZ_CHECK(cause != NULL, "no cause");
		free(cause);
		cause = NULL;
	}
	if (nfull == 0 && ntail == 0)
		FZ_CHECK(full.text.len == tail.text.len &&
		    (full.text.len == 0 ||
		    memcmp(full.text.data, tail.text.data, full.text.len) == 0),
		    "tail read differs from the full read:\n--- full:\n%s"
		    "--- tail:\n%s", full.text.data ? full.text.data : "",
		    tail.text.data ? tail.text.data : "");
	if (nfull == 0)
		FZ_CHECK(ntail == 0, "tail read found %ld bad rows, full read "
		    "none", ntail);
	FZ_CHECK(fz_open_fds() == fds, "file descriptor leaked");
	buf_free(&full.text);
	buf_free(&tail.text);
	return 0;
}
