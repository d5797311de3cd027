/* test_alias_parse.c - unit tests for libsmutil/alias_parse: logical
 * lines (backslash and whitespace continuations), comments, the
 * Non-continuation / missing colon / too-long rules with their line
 * numbers, and the LHS/RHS split. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "../../libsmutil/alias_parse.h"
#include "../../libsmutil/str.h"
#include "../../libsmutil/poison.h"

/* Every event as text: "E<line>:<lhs>=<rhs>|" or "X<line>:<msg>|". */
static int t_entry(void *ctx, struct alias_parse_entry *e)
{
	struct str *s = ctx;
	str_printf(s, "E%d:%.*s=%s|", e->lineno, (int)e->colon, e->line, e->rhs);
	return 0;
}

static void t_error(void *ctx, const char *file, int lineno, const char *text)
{
	struct str *s = ctx;
	str_printf(s, "X%d:%s|", lineno, text + 10);
}

static const struct alias_parse_ops t_ops = { t_entry, t_error };

static void t_case(const char *in, size_t len, const char *want, const char *name)
{
	struct str s;
	str_init(&s, 0);
	str_add(&s, "");
	(void)alias_parse_buffer(in, len, "f", &t_ops, &s);
	CHECK_STR(s.s, want, name);
	str_free(&s);
}
#define T(in, want, name) t_case(in, sizeof in - 1, want, name)

static void t_long(void)
{
	static char buf[20000];
	size_t n = 0;
	/* content 8190 + newline fits; 8191 + newline does not */
	n += (size_t)snprintf(buf + n, sizeof buf - n, "a: ");
	memset(buf + n, 'x', 8187); n += 8187; buf[n++] = '\n';
	n += (size_t)snprintf(buf + n, sizeof buf - n, "b: ");
	memset(buf + n, 'x', 8188); n += 8188; buf[n++] = '\n';
	n += (size_t)snprintf(buf + n, sizeof buf - n, "\tswallowed\nc: d\n");
	struct str s;
	str_init(&s, 0);
	str_add(&s, "");
	(void)alias_parse_buffer(buf, n, "f", &t_ops, &s);
	CHECK(strncmp(s.s, "E1:a=xxx", 8) == 0, "long: 8190 ok");
	CHECK(strstr(s.s, "|X2:alias line too long|E3:c=d|") != NULL, "long: 8191 too long, ws swallowed");
	str_free(&s);
	/* at end of input without newline 8191 bytes fit */
	n = (size_t)snprintf(buf, sizeof buf, "a: ");
	memset(buf + n, 'x', 8188); n += 8188;
	str_init(&s, 0);
	str_add(&s, "");
	(void)alias_parse_buffer(buf, n, "f", &t_ops, &s);
	CHECK(strncmp(s.s, "E1:a=xxx", 8) == 0 && strstr(s.s, "X") == NULL, "long: 8191 at EOF ok");
	str_free(&s);
}

int main(void)
{
	T("a: b\n", "E1:a=b|", "simple");
	T("a: b,\n\tc\n  d\n", "E3:a=b,\tc  d|", "ws continuation keeps whitespace");
	T("x: y, \\\n z\n", "E2:x=y,  z|", "backslash continuation");
	T("a: b\\\nc\n", "E2:a=bc|", "backslash joins any line");
	T("a: b\\", "E1:a=b\\|", "backslash at EOF kept");
	T("a: b\\\n", "E1:a=b|", "backslash-newline at EOF not counted");
	T("# c\n\tx\nd: e\n", "E3:d=e|", "comment absorbs continuations");
	T("\tc\n\td\na: b\n", "X2:Non-continuation line starts with space|E3:a=b|", "noncont at last line");
	T("\tc\n\n\td\n", "X1:Non-continuation line starts with space|", "noncont skipping across blank");
	T("\tc\n#x\n\n\td\n", "X1:Non-continuation line starts with space|X4:Non-continuation line starts with space|", "comment resets skipping");
	T("nocolon\n\tmore\n", "X2:missing colon|", "missing colon at last line");
	T("empty:   \n", "E1:empty=|", "empty rhs handed over");
	T("a:\n\tb\n", "E2:a=b|", "rhs leading whitespace skipped");
	T("a: b   \r\n", "E1:a=b   \r|", "trailing whitespace and CR kept");
	T("\"a:b\": x\n", "E1:\"a=b\": x|", "split at first colon");
	T("a: b\000c\nd: e\nf: g\n", "X1:alias line too long|E2:f=g|", "NUL: too long, next line eaten uncounted");
	T("", "", "empty input");
	T("a: b\nc: d", "E1:a=b|E2:c=d|", "no final newline");
	t_long();
	return unit_done();
}
