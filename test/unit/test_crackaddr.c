/* test_crackaddr.c - crackaddr against outputs observed from the
 * reference binary ("Cracked address = ..." lines of -bt /parse). */
#include <stdlib.h>
#include "../../sendmail/parseaddr.h"
#include "unit.h"

static const struct { const char *in, *want; } cases[] = {
	{ "a@b", "\201g" },
	{ "<a@b>", "<\201g>" },
	{ "Full Name <u@h>", "Full Name <\201g>" },
	{ "u@h (Comment)", "\201g (Comment)" },
	{ "a b c (comment) <x@y>", "a b c (comment) <\201g>" },
	{ "loc :include:/x", "loc :\201g" },
	{ "x; y", "\201g;" },
	{ "()", "()" },
	{ "\"\"", "" },
	{ "<", "<>" },
	{ "a.b <x@y>", "\"a.b\" <\201g>" },
	{ "\"Joe Q. Public\" <j@x>", "\"Joe Q. Public\" <\201g>" },
	{ "group: a@b, c@d;", "group: \201g;" },
	{ "group:;", "group:;\201g" },
	{ "u@h (a (nested) c)", "\201g (a (nested) c)" },
	{ "<a@b> trailer", "<\201g> trailer" },
	{ "<a@b> (cmt)", "<\201g> (cmt)" },
	{ "a>b", "\201g" },
	{ "a)b", "\201g" },
	{ "x <y> <z>", "\"x <y>\" <\201g>" },
	{ "Joe \"the man\" <u>", "Joe \"the man\" <\201g>" },
	{ "Joe (c) Smith <u@h>", "Joe (c) Smith <\201g>" },
	{ "\\\"a <u>", "\"\\\\\"a\" <\201g>" },
	{ "host::user", "\201g" },
	{ "a\\@b", "\201g" },
	{ "[1.2.3.4]:x", "\"[1.2.3.4]\":\201g" },
	{ "(unterminated", "(unterminated)" },
	{ "a<b", "a<\201g>" },
	{ "\"unterminated@example.com", "\201g" },
	{ "\"|/bin/prog arg\"", "\201g" },
	{ "a b:c d", "a b:\201g" },
};

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = crackaddr(cases[i].in, 0, NULL);
		CHECK_STR(got, cases[i].want, cases[i].in);
		free(got);
	}
	/* ColonOkInAddr: no group syntax */
	char *g = crackaddr("loc :include:/x", 1, NULL);
	CHECK_STR(g, "\201g", "colon ok");
	free(g);
	return unit_done();
}
