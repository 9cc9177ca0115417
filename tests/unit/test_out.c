/*
 * test_out: the encoders of lib/out and the option word parser of
 * lib/util, byte for byte.
 */
#include <stdlib.h>

#include "out.h"
#include "t.h"
#include "util.h"

static char *
csv(const char *s)
{
	static struct buf b;

	buf_reset(&b);
	buf_add(&b, "", 0);
	out_csv_field(&b, s);
	return b.data;
}

static char *
tsv(const char *s)
{
	static struct buf b;

	buf_reset(&b);
	buf_add(&b, "", 0);
	out_tsv_field(&b, s);
	return b.data;
}

static char *
json(const char *s)
{
	static struct buf b;

	buf_reset(&b);
	out_json_string(&b, s);
	return b.data;
}

static void
test_fields(void)
{
	char *p;

	is_str(csv("plain"), "plain", "csv: plain field as is");
	is_str(csv("a,b"), "\"a,b\"", "csv: comma quotes");
	is_str(csv("x\"y"), "\"x\"\"y\"", "csv: quote doubled");
	is_str(csv("a\nb"), "\"a\nb\"", "csv: LF quoted");
	is_str(csv(""), "", "csv: empty");
	is_str(tsv("a\tb\nc\rd"), "a b c d", "tsv: tab, LF, CR as spaces");
	is_str(tsv("\033[31m"), "\\x1b[31m", "tsv: ESC escaped");
	is_str(tsv("a\x7f"), "a\\x7f", "tsv: DEL escaped");
	is_str(tsv("\xc2\x9b"
		   "1m"),
	    "\\u009b1m", "tsv: C1 CSI escaped");
	is_str(tsv("\xe2\x80\xae"
		   "abc"),
	    "\\u202eabc", "tsv: right-to-left override escaped");
	is_str(tsv("caf\xc3\xa9 \xc3\x97"), "caf\xc3\xa9 \xc3\x97",
	    "tsv: other UTF-8 kept");
	p = out_printable("x\033y");
	is_str(p, "x\\x1by", "printable: same rule as tsv");
	free(p);
	p = out_printable("");
	is_str(p, "", "printable: empty string is a string");
	free(p);
	is_str(json("a\"b\\c"), "\"a\\\"b\\\\c\"", "json: quote, backslash");
	is_str(json("\n\x01"), "\"\\u000a\\u0001\"", "json: controls");
	is_str(json("\xc3\xa9"), "\"\xc3\xa9\"", "json: UTF-8 kept");
	is_str(json("a\xff"
		    "b"),
	    "\"a\\ufffdb\"", "json: stray byte replaced");
	is_str(
	    json("\xc0\xaf"), "\"\\ufffd\\ufffd\"", "json: overlong replaced");
	is_str(json("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"",
	    "json: surrogate replaced");
	is_str(json("\xe2\x82"), "\"\\ufffd\\ufffd\"", "json: cut sequence");
	ok(out_needs_defusing("=1+1"), "defuse: =");
	ok(out_needs_defusing("-2"), "defuse: -");
	ok(out_needs_defusing("@x"), "defuse: @");
	ok(!out_needs_defusing("a=1"), "defuse: only the first character");
	ok(!out_needs_defusing(""), "defuse: empty");
}

static void
test_table(void)
{
	static const char *const hdr[] = { "a", "b" };
	struct out_table o;

	out_init(&o, OUT_CSV, 1);
	out_str(&o, "name", "=cmd()");
	out_int(&o, "n", -3, 1);
	out_num(&o, "x", NULL);
	out_row(&o);
	out_end(&o);
	is_str(o.b.data, "name,n,x\n'=cmd(),-3,\n",
	    "csv table: header, defused string, number left alone");
	out_free(&o);

	out_init(&o, OUT_TSV, 0);
	out_header(&o, hdr, 2);
	out_str(&o, "a", "=x\ty");
	out_str(&o, "b", NULL);
	out_row(&o);
	is_str(o.b.data, "a\tb\n=x y\t\n", "tsv table: given header, no safe");
	out_free(&o);

	out_init(&o, OUT_JSON, 1);
	out_end(&o);
	is_str(o.b.data, "[]\n", "json: empty table");
	out_free(&o);

	out_init(&o, OUT_JSON, 1);
	out_str(&o, "s", "=x");
	out_int(&o, "n", 4, 1);
	out_int(&o, "m", 4, 0);
	out_row(&o);
	out_str(&o, "s", NULL);
	out_row(&o);
	out_end(&o);
	is_str(o.b.data,
	    "[\n  {\"s\": \"=x\", \"n\": 4, \"m\": null},\n  {\"s\": "
	    "null}\n]\n",
	    "json: rows, null, no defusing");
	out_free(&o);
}

static void
test_words(void)
{
	static const char *const w[] = { "text", "tsv", "csv", NULL };
	char *m;

	is(util_word_pick(w, "csv"), 2, "word found");
	is(util_word_pick(w, "CSV"), -1, "words are exact");
	m = util_word_error("--format", w, "xml");
	is_str(m, "--format must be text, tsv or csv, got 'xml'",
	    "message lists the words");
	free(m);
	m = util_word_error("--format", w, "cvs");
	is_str(m,
	    "--format must be text, tsv or csv, got 'cvs' (did you mean "
	    "'csv'?)",
	    "a typo gets a suggestion");
	free(m);
	m = util_word_error("--x", w + 2, "");
	is_str(m, "--x must be csv, got ''", "one word, nothing to suggest");
	free(m);
}

int
main(void)
{
	test_fields();
	test_table();
	test_words();
	return t_done();
}
