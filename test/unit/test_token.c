/* test_token.c - prescan and token display against reference behaviour
 * observed with sendmail 8.17 -bt (V10 cf, so the no-comment table). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "../../sendmail/token.h"
#include "../../sendmail/err.h"
#include "../../sendmail/meta.h"

static struct tok_tables *T;
static struct arena *A;

/* Tokenize with the given table and return the -bt display (leading
 * spaces, no LF) in a static buffer; "NULL" if no tokens. */
static const char *show(enum tok_table w, const char *in)
{
	static char buf[4096];
	struct prescan_res r;
	char *out = NULL;
	size_t n = 0;
	prescan(T, w, in, '\0', A, &r);
	if (r.pvp == NULL)
		return "NULL";
	FILE *fp = open_memstream(&out, &n);
	tok_print(fp, r.pvp);
	fclose(fp);
	snprintf(buf, sizeof buf, "%.*s", (int)(n ? n - 1 : 0), out);
	free(out);
	return buf;
}

static const char *xp(const char *s)
{
	static char buf[1024];
	char *out = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&out, &n);
	tok_xputs(fp, s);
	fclose(fp);
	snprintf(buf, sizeof buf, "%s", out);
	free(out);
	return buf;
}

int main(void)
{
	FILE *errs = tmpfile();
	err_set_output(errs, 1);
	T = tok_tables_new(NULL);
	A = arena_new(4096);
	const enum tok_table N = TOK_NOCOMMENT, E = TOK_EXTERNAL;
	CHECK_STR(show(N, "user@example.com"), " user @ example . com", "basic");
	CHECK_STR(show(N, "foo(comment)bar"), " foo ( comment ) bar", "nocomment parens");
	CHECK_STR(show(E, "foo(comment)bar"), " foo bar", "external drops comments");
	CHECK_STR(show(N, "a\"b"), " a \"b\"", "unbalanced quote repaired");
	CHECK_STR(show(N, "a>b"), " ab", "stray > dropped, atoms join");
	CHECK_STR(show(N, "a<b"), " a < b >", "unbalanced < repaired");
	CHECK_STR(show(N, "a(b"), " a ( b", "( is an operator at level 10");
	CHECK_STR(show(N, "ab\"c d\"e"), " ab \"c d\" e", "quoted string breaks atoms");
	CHECK_STR(show(N, "\"a\"b\"c"), " \"a\" b \"c\"", "quote repair at end");
	CHECK_STR(show(N, "a\\@b c"), " a\\@b c", "backslash glues");
	CHECK_STR(show(N, "a\\!b"), " a!b", "\\! loses the backslash");
	CHECK_STR(show(N, "\"a\\!b\""), " \"a\\!b\"", "\\! kept in quotes");
	CHECK_STR(show(N, "a\\"), " a", "trailing backslash dropped");
	CHECK_STR(show(N, "a;b"), " a ; b", "; operator");
	CHECK_STR(show(N, "a\tb"), " a b", "tab separates");
	CHECK_STR(show(N, "a\001b"), " ab", "control char invisible");
	CHECK_STR(show(N, "a\377b"), " a b", "0377 masked to 0177, splits");
	CHECK_STR(show(N, "a\351b"), " aM-ib", "8-bit shown as M-x");
	CHECK_STR(show(N, "a\240b"), " aM- b", "0240 shown as M-space");
	CHECK_STR(show(N, "<a<b>>"), " < a < b > >", "nested angles");
	CHECK_STR(show(N, "   "), "NULL", "empty gives no tokens");
	/* delimiter handling */
	struct prescan_res r;
	prescan(T, N, "a ,b", ',', A, &r);
	CHECK(r.ntok == 1 && *r.end == ',', "stops at comma");
	prescan(T, N, "\"a,b\" , c", ',', A, &r);
	CHECK(r.ntok == 1 && r.end[0] == ',' && r.end[1] == ' ', "comma in quotes kept");
	prescan(T, N, "<@a,b>", ',', A, &r);
	CHECK(r.ntok == 6 && *r.end == '\0', "route syntax comma inside <>");
	/* backslash mode outlives the token it starts in (reference -bt) */
	CHECK_STR(show(N, "a.b@c.\\"), " a . b @ c .", "trailing backslash after operator dropped");
	CHECK_STR(show(N, "<a@b>\\"), " < a @ b >", "trailing backslash after > dropped");
	CHECK_STR(show(N, ".\\\"x"), " . \\\"x", "escaped quote after operator opens no string");
	CHECK_STR(show(N, "a.\\\\b"), " a . \\\\b", "escaped backslash after operator");
	CHECK_STR(show(N, "\"\\\\>.\\\177\"\\\\\""), " \"\\\\>.\\\" \\\\ \"\"",
		  "escaped DEL then quote stays in the string");
	/* "<@" route syntax is sticky until '>' (a later '<' keeps it) */
	CHECK_STR(show(N, "b<@<(,a]!"), " b < @ < ( , a ] ! > >", "route: comma kept");
	prescan(T, N, "b<@<(,a]!", ',', A, &r);
	CHECK(r.ntok == 11 && *r.end == '\0', "route syntax survives a second <");
	prescan(T, N, "b<@x>,<(,a]!", ',', A, &r);
	CHECK(r.ntok == 5 && *r.end == ',', "route syntax ends at >");
	/* the error context is the scanned text and stays after the scan */
	err_set_addr(NULL);
	prescan(T, N, "<q@r", '\0', A, &r);
	CHECK(err_get_addr() != NULL && strcmp(err_get_addr(), "<q@r") == 0,
	      "prescan error leaves its address as context");
	err_set_addr(NULL);
	/* limits: a token may hold MAXNAME bytes */
	char tok[MAXNAME + 2];
	memset(tok, 'x', MAXNAME + 1);
	tok[MAXNAME] = '\0';
	CHECK(prescan(T, N, tok, '\0', A, &r) == 0 && r.ntok == 1, "256-byte token ok");
	tok[MAXNAME] = 'x';
	tok[MAXNAME + 1] = '\0';
	CHECK(prescan(T, N, tok, '\0', A, &r) == -1, "257-byte token too long");
	/* limits */
	char big[3000];
	memset(big, 'x', 300);
	big[300] = '\0';
	CHECK(prescan(T, N, big, '\0', A, &r) == -1 && r.pvp == NULL, "token too long");
	for (int i = 0; i < 1400; i++)
		big[i] = (i & 1) ? '.' : 'a';
	big[1400] = '\0';
	CHECK(prescan(T, N, big, '\0', A, &r) == -1, "too many / too long");
	/* display of metachars */
	char meta[] = { (char)META_MATCHCLASS, 'X', 0 };
	CHECK_STR(xp(meta), "$=X", "$=X display");
	char rep[] = { (char)META_MATCHREPL, '1', 0 };
	CHECK_STR(xp(rep), "$1", "$1 display");
	char cond[] = { 'a', (char)META_CONDIF, 'y', 'b', (char)META_CONDELSE, 'c',
			(char)META_CONDFI, 0 };
	CHECK_STR(xp(cond), "a$?yb$|c$.", "conditional display");
	char dex[] = { (char)META_MACRODEXPAND, 'x', 0 };
	CHECK_STR(xp(dex), "$&x", "$&x display");
	CHECK_STR(xp("p\n\n  r"), "p\\n\\n  r", "newline display");
	char lk[] = { (char)META_LOOKUPBEGIN, 0 };
	CHECK_STR(xp(lk), "$(", "$( display");
	char unk[] = { (char)0200, 'a', 0 };
	CHECK_STR(xp(unk), "M-a", "unknown meta 0200 shows M- plus nothing");
	/* join */
	struct str js;
	str_init(&js, 0);
	prescan(T, N, "Full Name <a@b>", '\0', A, &r);
	tok_join(&js, r.pvp, '.');
	CHECK_STR(js.s, "Full.Name<a@b>", "cataddr blank sub between atoms only");
	tok_join(&js, r.pvp, 0);
	CHECK_STR(js.s, "FullName<a@b>", "no spacesub");
	str_free(&js);
	CHECK(tok_count(r.pvp) == 7, "count");
	char **cp = tok_copy(A, r.pvp, 2);
	CHECK(tok_count(cp) == 2 && strcmp(cp[1], "Name") == 0, "copy n");
	/* error texts */
	fflush(errs);
	rewind(errs);
	char line[256];
	int seen = 0;
	while (fgets(line, sizeof line, errs) != NULL)
		if (strcmp(line, "a\"b... Unbalanced '\"'\n") == 0)
			seen = 1;
	CHECK(seen, "unbalanced quote message with address prefix");
	arena_free(A);
	tok_tables_free(T);
	return unit_done();
}
