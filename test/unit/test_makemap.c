/* test_makemap.c - unit tests of makemap's input-line parser
 * (makemap/mm_parse.c, included directly: makemap links libsmutil only). */
#include <string.h>
#include "unit.h"
#include "../../makemap/mm_parse.c"

static struct mm_popts defaults(void)
{
	struct mm_popts o = { 0, '#', 1, 0, 0 };
	return o;
}

static enum mm_pres parse(const char *in, const struct mm_popts *o, struct mm_rec *r, char *buf)
{
	memcpy(buf, in, strlen(in) + 1);
	return mm_parse_line(buf, o, r);
}

int main(void)
{
	char buf[MM_LINEBUF];
	struct mm_rec r;
	struct mm_popts o = defaults();
	CHECK(parse("Foo bar baz", &o, &r, buf) == MM_REC, "simple record");
	CHECK_STR(r.key, "foo", "key folded to lower case");
	CHECK(r.klen == 3 && r.vlen == 7, "lengths without NUL");
	CHECK_STR(r.val, "bar baz", "value keeps inner spaces");
	CHECK(parse("k\t \tv  w ", &o, &r, buf) == MM_REC && strcmp(r.val, "v  w ") == 0,
	      "separator run skipped, trailing space kept");
	CHECK(parse("", &o, &r, buf) == MM_SKIP, "empty line skipped");
	CHECK(parse("# x y", &o, &r, buf) == MM_SKIP, "comment skipped");
	CHECK(parse(" a b", &o, &r, buf) == MM_LEADSP, "leading space");
	CHECK(parse("\ta b", &o, &r, buf) == MM_LEADSP, "leading tab");
	CHECK(parse("lonely", &o, &r, buf) == MM_NORHS && strcmp(r.key, "lonely") == 0, "no RHS");
	CHECK(parse("lonely   ", &o, &r, buf) == MM_NORHS, "no RHS after spaces");
	CHECK(parse("a b\r", &o, &r, buf) == MM_REC && strcmp(r.val, "b\r") == 0, "CR kept in value");
	CHECK(parse("\xc3\x89T\xc3\xa9 v", &o, &r, buf) == MM_REC && strcmp(r.key, "\xc3\x89t\xc3\xa9") == 0,
	      "only ASCII folded");
	o.inclnull = 1;
	CHECK(parse("a b", &o, &r, buf) == MM_REC && r.klen == 2 && r.vlen == 2, "-N counts NULs");
	o = defaults();
	o.foldcase = 0;
	CHECK(parse("MiXed v", &o, &r, buf) == MM_REC && strcmp(r.key, "MiXed") == 0, "-f keeps case");
	o = defaults();
	o.allowempty = 1;
	CHECK(parse("k", &o, &r, buf) == MM_REC && r.vlen == 0 && strcmp(r.val, "") == 0, "-e empty value");
	o.inclnull = 1;
	CHECK(parse("k", &o, &r, buf) == MM_REC && r.vlen == 1, "-e -N empty value has NUL");
	o = defaults();
	o.sep = ':';
	CHECK(parse(" d:e", &o, &r, buf) == MM_REC && strcmp(r.key, " d") == 0, "-t: leading space ok");
	CHECK(parse("f::g: h", &o, &r, buf) == MM_REC && strcmp(r.key, "f") == 0 &&
	      strcmp(r.val, "g: h") == 0, "-t: run of separators");
	CHECK(parse(":c", &o, &r, buf) == MM_REC && r.klen == 0, "-t: empty key");
	CHECK(parse("i j:k", &o, &r, buf) == MM_REC && strcmp(r.key, "i j") == 0, "-t: space in key");
	CHECK(parse("l:", &o, &r, buf) == MM_NORHS, "-t: no RHS");
	o = defaults();
	o.comment = '%';
	CHECK(parse("#a b", &o, &r, buf) == MM_REC && strcmp(r.key, "#a") == 0, "-D%: # is data");
	CHECK(parse("%a b", &o, &r, buf) == MM_SKIP, "-D%: % comment");
	o.comment = 0;
	CHECK(parse("%a b", &o, &r, buf) == MM_REC, "-D '': no comment char");
	memcpy(buf, "abc\n", 5);
	CHECK(mm_parse_chomp(buf) == 1 && strcmp(buf, "abc") == 0, "chomp newline");
	memcpy(buf, "abc", 4);
	CHECK(mm_parse_chomp(buf) == 0, "no newline: too long unless EOF");
	return unit_done();
}
