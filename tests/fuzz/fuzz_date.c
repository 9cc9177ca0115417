/*
 * fuzz_date: date expressions, ISO dates and times.
 *
 * Input: three bytes choosing "today" (any day of the valid years) and
 * the direction weekday names count in, then the expression.
 *
 * Properties:
 *   - date_parse gives a day within the valid years, or a one-line
 *     message quoting the expression;
 *   - a parsed ISO date or time formats back to the very text parsed;
 *   - weekday, ISO week, week and month starts agree with each other
 *     for every date parsed.
 */
#include "fuzz.h"

#include "date.h"
#include "util.h"

static void
check_day(date_t t)
{
	char buf[DATE_BUFSZ];
	date_t back, ws, ms;
	int y, m, d, wy, wk;

	date_to_ymd(t, &y, &m, &d);
	FZ_CHECK(y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR, "year %d", y);
	FZ_CHECK(date_from_ymd(y, m, d, &back) == 0 && back == t,
	    "%d-%d-%d does not map back", y, m, d);
	date_format(t, buf);
	FZ_CHECK(date_parse_iso(buf, &back) == 0 && back == t,
	    "'%s' does not parse back", buf);
	FZ_CHECK(date_weekday(t) >= 0 && date_weekday(t) <= 6, "weekday");
	ws = date_week_start(t);
	FZ_CHECK(date_weekday(ws) == 0 && ws <= t && t - ws < 7,
	    "week start %ld of %ld", ws, t);
	ms = date_month_start(t);
	date_to_ymd(ms, &wy, &wk, &d);
	FZ_CHECK(wy == y && wk == m && d == 1, "month start of %s", buf);
	date_isoweek(t, &wy, &wk);
	FZ_CHECK(wk >= 1 && wk <= 53 && wy >= y - 1 && wy <= y + 1,
	    "ISO week %d-W%d of %s", wy, wk, buf);
	date_isoweek(ws, &y, &m);
	FZ_CHECK(y == wy && m == wk, "ISO week of the Monday differs");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *expr, *cause = NULL, buf[DATE_BUFSZ], tbuf[8];
	date_t lo, hi, today, out;
	int dir, min;

	if (size < 3 || size > 256)
		return 0;
	date_from_ymd(DATE_MIN_YEAR, 1, 1, &lo);
	date_from_ymd(DATE_MAX_YEAR, 12, 31, &hi);
	today = lo + (date_t)((data[0] << 16 | data[1] << 8 | data[2]) %
	    (unsigned long)(hi - lo + 1));
	dir = data[2] & 1 ? 1 : -1;
	expr = xstrndup((const char *)data + 3, size - 3);

	if (date_parse(expr, today, dir, &out, &cause) == 0) {
		check_day(out);
		FZ_CHECK(cause == NULL, "cause set on success");
	} else {
		FZ_CHECK(cause != NULL, "no message");
		free(cause);
	}
	if (date_parse_iso(expr, &out) == 0) {
		check_day(out);
		FZ_CHECK(strcmp(date_format(out, buf), expr) == 0,
		    "'%s' parsed, formats as '%s'", expr, buf);
	}
	if (date_parse_time(expr, &min) == 0) {
		FZ_CHECK(min >= 0 && min < 24 * 60, "minutes %d", min);
		FZ_CHECK(strcmp(date_format_time(min, tbuf), expr) == 0,
		    "'%s' parsed, formats as '%s'", expr, tbuf);
	}
	check_day(today);
	free(expr);
	return 0;
}
