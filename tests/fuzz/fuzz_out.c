/*
 * fuzz_out: the encoders of lib/out on any bytes.
 *
 * Properties:
 *   - a CSV field reads back (RFC 4180 unquoting) to the very text;
 *   - a TSV field holds no tab, LF or CR, and neither it nor the
 *     terminal copy holds ESC, another C0 control, DEL, a C1 control or
 *     a direction override;
 *   - a JSON string is valid UTF-8, starts and ends with a quote and
 *     holds no raw control character;
 *   - a --safe cell never starts with a formula character.
 */
#include "fuzz.h"

#include "out.h"
#include "util.h"

/* RFC 4180 unquoting of one field that is the whole of s. */
static char *
unquote(const char *s)
{
	struct buf b = { 0 };

	buf_add(&b, "", 0);
	if (*s != '"') {
		buf_adds(&b, s);
		return b.data;
	}
	for (s++; *s != '\0'; s++) {
		if (*s == '"') {
			if (s[1] != '"')
				break;
			s++;
		}
		buf_addc(&b, *s);
	}
	FZ_CHECK(*s == '"' && s[1] == '\0', "quoted field not closed");
	return b.data;
}

static void
check_safe_text(const char *s, const char *what)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		FZ_CHECK(*p >= 0x20 && *p != 0x7f, "%s: raw control 0x%02x",
		    what, *p);
		FZ_CHECK(!(p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f),
		    "%s: raw C1 control", what);
		FZ_CHECK(!(p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa &&
			     p[2] <= 0xae),
		    "%s: raw direction override", what);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = { 0 };
	struct out_table o;
	char *s, *back;
	size_t n;

	if (size > 4096)
		return 0;
	s = xstrndup((const char *)data, size);

	buf_add(&b, "", 0);
	out_csv_field(&b, s);
	back = unquote(b.data);
	FZ_CHECK(strcmp(back, s) == 0, "csv field does not read back");
	free(back);

	buf_reset(&b);
	buf_add(&b, "", 0);
	out_tsv_field(&b, s);
	FZ_CHECK(strpbrk(b.data, "\t\r\n") == NULL, "tsv field splits");
	check_safe_text(b.data, "tsv");
	back = out_printable(s);
	FZ_CHECK(strcmp(back, b.data) == 0, "terminal copy differs from tsv");
	free(back);

	buf_reset(&b);
	out_json_string(&b, s);
	n = b.len;
	FZ_CHECK(n >= 2 && b.data[0] == '"' && b.data[n - 1] == '"',
	    "json string not quoted");
	FZ_CHECK(util_utf8_valid(b.data, n), "json string not UTF-8");
	for (size_t i = 0; i < n; i++)
		FZ_CHECK((unsigned char)b.data[i] >= 0x20, "raw control in json");
	buf_free(&b);

	out_init(&o, OUT_CSV, 1);
	out_str(&o, "x", s);
	out_row(&o);
	/* After the header line "x\n" comes the cell and its "\n". */
	o.b.data[o.b.len - 1] = '\0';
	back = unquote(o.b.data + 2);
	FZ_CHECK(!out_needs_defusing(back), "--safe cell is live");
	FZ_CHECK(strcmp(back + (*back == '\'' && strcmp(back, s) != 0), s) == 0,
	    "--safe cell does not read back");
	free(back);
	out_free(&o);
	free(s);
	return 0;
}
