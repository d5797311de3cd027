/* test_crackaddr.c - crackaddr against outputs observed from the
 * reference binary ("Cracked address = ..." lines of -bt /parse). */
#include <stdio.h>
#include <stdlib.h>
#include "../../sendmail/parseaddr.h"
#include "unit.h"

#define DOTS "...................................................................................................." \
	"...................................................................................................." \
	"...................................................................................................."
#define CS "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" \
	"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" \
	"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

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
	/* quoteit is used up by a phrase ('<' or group ':') */
	{ ",<>a:g.h\\<@x\\>@", ",<>a:\201g" },
	{ "g.h:<b\\[x.))\"", "\"g.h\":<\201g>" },
	{ ";:a\"\"<\t(( .", "\";\":a\"\"<\201g (( .))>" },
	/* DECnet "::" while copying: the ':' goes out twice */
	{ "<a>x::b", "<\201g>x:::b" },
	{ "<a>x:.b", "<\201g>x::.b" },
	{ "\\", "\201g" },
	/* a quote opened while copying leaves no room: "<$g>" */
	{ "<a>\"", "<\201g>\"\"" },
	{ "<a>\"b\"", "<\201g>" },
	{ "<a> \"b\"", "<\201g>" },
	{ "<a> (x\"y)", "<\201g> (x\"y)" },
};

/* Limits of the MAXNAME+1 byte template buffer (observed). */
static void test_limits(void)
{
	char in[400], want[400];
	/* "<x@y>" + k dots: the template is 255 bytes at most */
	snprintf(in, sizeof in, "<x@y>%.*s", 251, DOTS);
	snprintf(want, sizeof want, "<\201g>%.*s", 251, DOTS);
	char *g = crackaddr(in, 0, NULL);
	CHECK_STR(g, want, "255-byte template fits");
	free(g);
	snprintf(in, sizeof in, "<x@y>%.*s", 252, DOTS);
	g = crackaddr(in, 0, NULL);
	CHECK_STR(g, "<\201g>", "256-byte template -> <$g>");
	free(g);
	/* a comment reserves its ')' while open */
	snprintf(in, sizeof in, "x@y (%.*s)", 249, CS);
	snprintf(want, sizeof want, "\201g (%.*s)", 249, CS);
	g = crackaddr(in, 0, NULL);
	CHECK_STR(g, want, "254-byte comment template fits");
	free(g);
	snprintf(in, sizeof in, "x@y (%.*s)", 250, CS);
	g = crackaddr(in, 0, NULL);
	CHECK_STR(g, "<\201g>", "comment filling the reserve -> <$g>");
	free(g);
	snprintf(in, sizeof in, "x@y (%.*s", 250, CS);
	snprintf(want, sizeof want, "\201g (%.*s)", 250, CS);
	g = crackaddr(in, 0, NULL);
	CHECK_STR(g, want, "open comment closed in the reserve");
	free(g);
}

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
	test_limits();
	return unit_done();
}
