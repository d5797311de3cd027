/* test_mapclass.c - unit tests for the algorithmic map classes (dequote,
 * arith, macro, regex, program, arpa, null); expected values observed
 * with the reference sendmail 8.17.1.9. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "../../sendmail/mapclass.h"
#include "../../sendmail/macro.h"
#include "../../sendmail/err.h"
#include "../../libsmutil/mem.h"

extern const struct map_class map_class_dequote, map_class_arith,
	map_class_macro, map_class_regex, map_class_program, map_class_arpa,
	map_class_null;

static struct map *mk(const struct map_class *c, const char *args)
{
	struct map *m = mem_zalloc(sizeof *m);
	m->name = mem_strdup(c->name);
	m->cls = c;
	if (c->parse(m, args) != 0) {
		mem_free(m->name);
		mem_free(m);
		return NULL;
	}
	return m;
}

static char last[512];
static int last_stat;

/* Look up and render like -bt /map: value, or "NULL" (status in last_stat). */
static const char *lk(struct map *m, const char *key, char **av)
{
	int st = -99;
	char *v = m->cls->lookup(m, key, av, &st, NULL);
	last_stat = st;
	snprintf(last, sizeof last, "%s", v ? v : "NULL");
	free(v);
	return last;
}

static void test_dequote(void)
{
	struct map *d = mk(&map_class_dequote, "");
	CHECK_STR(lk(d, "\"abc\"", NULL), "abc", "dequote quoted");
	CHECK_STR(lk(d, "abc", NULL), "NULL", "dequote unquoted no match");
	CHECK_STR(lk(d, "\"a b c\"", NULL), "NULL", "dequote space refused");
	CHECK_STR(lk(d, "\"a\"b\"c\"", NULL), "abc", "dequote multi");
	CHECK_STR(lk(d, "\"\"", NULL), "", "dequote empty");
	CHECK_STR(lk(d, "<\"abc\">", NULL), "<abc>", "dequote angle");
	CHECK_STR(lk(d, "\"abc", NULL), "NULL", "dequote unbalanced");
	CHECK_STR(lk(d, "\"a\"\\ b", NULL), "a\\ b", "dequote backslash kept");
	CHECK_STR(lk(d, "a\\b", NULL), "NULL", "dequote backslash only");
	CHECK_STR(lk(d, "\">a\"", NULL), "NULL", "dequote stray >");
	CHECK(last_stat == 0, "dequote status 0");
	struct map *s = mk(&map_class_dequote, "-s+");
	CHECK_STR(lk(s, "\"a b c\"", NULL), "a+b+c", "dequote -s");
	CHECK_STR(lk(s, "(a b)\"x\"", NULL), "(a+b)x", "dequote -s comment");
	CHECK(s->spacesub == '+', "dequote -s is the map's blank substitute");
	CHECK((d->flags & MF_KEEPQUOTES) && d->spacesub == '\0',
	      "dequote keeps quotes, no default blank substitute (dequote_init)");
	struct map *a = mk(&map_class_dequote, "-aY");
	CHECK_STR(lk(a, "\"x\"", NULL), "xY", "dequote -a");
}

static const char *ar(struct map *m, const char *op, const char *x, const char *y)
{
	char *av[4] = { (char *)op, (char *)x, (char *)y, NULL };   /* av[0] = key */
	return lk(m, op, av);
}

static void test_arith(void)
{
	struct map *m = mk(&map_class_arith, "");
	CHECK_STR(ar(m, "+", "1", "2"), "3", "arith +");
	CHECK_STR(ar(m, "-", "1", "2"), "-1", "arith -");
	CHECK_STR(ar(m, "*", "3", "4"), "12", "arith *");
	CHECK_STR(ar(m, "/", "7", "2"), "3", "arith /");
	CHECK_STR(ar(m, "/", "-7", "2"), "-3", "arith / negative");
	CHECK_STR(ar(m, "/", "7", "0"), "NULL", "arith / by zero");
	CHECK(last_stat == 78, "arith / by zero status");
	CHECK_STR(ar(m, "%", "7", "3"), "1", "arith %");
	CHECK_STR(ar(m, "%", "7", "0"), "NULL", "arith % by zero");
	CHECK_STR(ar(m, "|", "5", "2"), "7", "arith |");
	CHECK_STR(ar(m, "&", "6", "3"), "2", "arith &");
	CHECK_STR(ar(m, "l", "1", "2"), "TRUE", "arith l true");
	CHECK_STR(ar(m, "l", "2", "1"), "FALSE", "arith l false");
	CHECK_STR(ar(m, "=", "2", "2"), "TRUE", "arith = true");
	CHECK_STR(ar(m, "=", "2", "3"), "FALSE", "arith = false");
	CHECK_STR(ar(m, "x", "1", "2"), "NULL", "arith bad op");
	CHECK_STR(ar(m, "L", "1", "2"), "NULL", "arith op case-sensitive");
	CHECK_STR(ar(m, "++", "1", "2"), "3", "arith first char op");
	CHECK_STR(ar(m, "+", "1x", "2"), "3", "arith strtol prefix");
	CHECK_STR(ar(m, "+", "a", "2"), "2", "arith non-number is 0");
	CHECK_STR(ar(m, "+", "99999999999999999999", "1"), "-92233720368547",
		  "arith overflow cut to 15 chars");
	CHECK_STR(ar(m, "r", "5", "5"), "5", "arith r degenerate");
	CHECK_STR(ar(m, "r", "5", "1"), "NULL", "arith r bad range");
	CHECK_STR(lk(m, "+", NULL), "NULL", "arith no args");
	CHECK(last_stat == 78, "arith no args status 78");
	char *one[3] = { "+", "1", NULL };
	CHECK_STR(lk(m, "+", one), "NULL", "arith one arg");
	struct map *a = mk(&map_class_arith, "-aX");
	CHECK_STR(ar(a, "+", "1", "2"), "3", "arith ignores -a");
}

static void test_macro(void)
{
	struct macros mac;
	struct lookup_ctx lc = { .mac = &mac };
	struct map *m = mk(&map_class_macro, "");
	int st = -1;
	char *av[3] = { "{MapTest}", "foo", NULL };   /* av[0] = key, av[1] = value */

	macros_init(&mac, NULL);
	char *v = m->cls->lookup(m, "{MapTest}", av, &st, &lc);
	CHECK_STR(v, "", "macro returns empty");
	CHECK(st == 0, "macro status 0");
	free(v);
	CHECK_STR(macro_get(&mac, macid("{MapTest}")), "foo", "macro set");
	v = m->cls->lookup(m, "{MapTest}", NULL, &st, &lc);
	free(v);
	CHECK(macro_get(&mac, macid("{MapTest}")) == NULL, "macro cleared");
	av[0] = "X";
	av[1] = "bar";
	v = m->cls->lookup(m, "X", av, &st, &lc);
	free(v);
	CHECK_STR(macro_get(&mac, 'X'), "bar", "macro single char");
	macros_free(&mac);
}

static void test_regex(void)
{
	struct map *m = mk(&map_class_regex, "^a(b*)c$");
	CHECK_STR(lk(m, "abbc", NULL), "", "regex match empty");
	CHECK_STR(lk(m, "ABBC", NULL), "", "regex case-insensitive");
	CHECK_STR(lk(m, "x", NULL), "NULL", "regex no match");
	m = mk(&map_class_regex, "-a@MATCH ^a(b*)c$");
	/* -a/-m are the wrapper's job when map.c's table says so */
	int wr = mapclass_wrapper_rewrites(m);
	CHECK_STR(lk(m, "abbc", NULL), wr ? "" : "@MATCH", "regex -a");
	m = mk(&map_class_regex, "-s1 ^a(b*)c$");
	CHECK_STR(lk(m, "aBbc", NULL), "Bb", "regex -s1 keeps case");
	m = mk(&map_class_regex, "-n ^a(b*)c$");
	CHECK_STR(lk(m, "abbc", NULL), "NULL", "regex -n match");
	CHECK_STR(lk(m, "x", NULL), "", "regex -n nomatch");
	m = mk(&map_class_regex, "-s1,2 -d+ ^(a)(b*)c$");
	CHECK_STR(lk(m, "abbc", NULL), "a+bb", "regex -s1,2 -d+");
	m = mk(&map_class_regex, "-s ^a(b*)c$");
	CHECK_STR(lk(m, "abbc", NULL), "abbc\233bb", "regex -s all, $| delim");
	m = mk(&map_class_regex, "-s2 ^(a)|(b)$");
	CHECK_STR(lk(m, "a", NULL), "", "regex unmatched group");
	CHECK_STR(lk(m, "b", NULL), "b", "regex matched group");
	/* reference (-bt $( regex k $@ list $)): a first argument replaces
	 * the -s list; "" reads as field 0; out of range => 78 */
	char *fa[3] = { "ab", "2", NULL };
	m = mk(&map_class_regex, "-s1 ^(a)(b)$");
	CHECK_STR(lk(m, "ab", fa), "b", "regex $@ field list");
	fa[1] = "";
	CHECK_STR(lk(m, "ab", fa), "ab", "regex empty field list = 0");
	err_set_output(fopen("/dev/null", "w"), 1);
	fa[1] = "5";
	CHECK_STR(lk(m, "ab", fa), "NULL", "regex $@ field out of range");
	CHECK(last_stat == 78, "regex field out of range status 78");
	err_set_output(stdout, 1);
	/* substrings that would upset prescan are refused (reference) */
	m = mk(&map_class_regex, "-s1 ^(.*)$");
	CHECK_STR(lk(m, "a<b", NULL), "NULL", "regex unbalanced <");
	CHECK_STR(lk(m, "a(b", NULL), "NULL", "regex unbalanced (");
	CHECK_STR(lk(m, "a b", NULL), "NULL", "regex blank");
	CHECK_STR(lk(m, "x\\\"y", NULL), "x\\\"y", "regex escaped quote ok");
	CHECK_STR(lk(m, "a<b>", NULL), "a<b>", "regex balanced");
	m = mk(&map_class_regex, "-f ^Abc$");
	CHECK_STR(lk(m, "abc", NULL), "NULL", "regex -f case-sensitive");
	CHECK_STR(lk(m, "Abc", NULL), "", "regex -f match");
	m = mk(&map_class_regex, "-b -s1 ^a\\(b*\\)c$");
	CHECK_STR(lk(m, "abbc", NULL), "bb", "regex -b basic");
	m = mk(&map_class_regex, "-m -aQ%0 ^a");
	CHECK_STR(lk(m, "abc", NULL), wr ? "" : "abcQ%0", "regex -m returns key");
	m = mk(&map_class_regex, "^a b");
	CHECK_STR(lk(m, "a x", NULL), "NULL", "regex pattern keeps spaces");
	CHECK_STR(lk(m, "a b", NULL), "", "regex pattern with space");
	err_set_output(fopen("/dev/null", "w"), 1);
	CHECK(mk(&map_class_regex, "^a(") == NULL, "regex compile error");
	CHECK(mk(&map_class_regex, "-s9 ^a(b*)c$") == NULL, "regex field range");
	err_set_output(stdout, 1);
}

static void test_program(void)
{
	struct map *m = mk(&map_class_program, "/bin/echo");
	CHECK_STR(lk(m, "Hello World", NULL), "Hello World", "program echo");
	CHECK(last_stat == 0, "program status 0");
	m = mk(&map_class_program, "/bin/echo -n");
	CHECK_STR(lk(m, "hi", NULL), "hi", "program extra args");
	m = mk(&map_class_program, "/bin/false");
	CHECK_STR(lk(m, "x", NULL), "NULL", "program false");
	CHECK(last_stat == 1, "program exit status");
	m = mk(&map_class_program, "/nonexistent/prog");
	CHECK_STR(lk(m, "x", NULL), "NULL", "program missing");
	CHECK(last_stat == 78, "program missing status 78");
	m = mk(&map_class_program, "/bin/true");
	CHECK_STR(lk(m, "x", NULL), "NULL", "program no output");
	CHECK(last_stat == 0, "program no output status 0");
	m = mk(&map_class_program, "/usr/bin/printf");
	CHECK_STR(lk(m, "a\\nb", NULL), "a", "program first line");
}

static void test_misc(void)
{
	struct map *m = mk(&map_class_arpa, "");
	CHECK_STR(lk(m, "1.2.3.4", NULL), "4.3.2.1", "arpa v4");
	CHECK_STR(lk(m, "01.2.3.4", NULL), "NULL", "arpa bad v4");
	CHECK(last_stat == 65, "arpa bad status 65");
	CHECK_STR(lk(m, "IPv6:2001:db8::1", NULL),
		  "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2",
		  "arpa v6");
	m = mk(&map_class_arpa, "-aX -m");
	CHECK_STR(lk(m, "1.2.3.4", NULL),
		  mapclass_wrapper_rewrites(m) ? "4.3.2.1" : "4.3.2.1X",
		  "arpa -a, no -m");
	m = mk(&map_class_null, "");
	CHECK_STR(lk(m, "x", NULL), "NULL", "null no match");
	CHECK(last_stat == 68, "null status 68");
}

int main(void)
{
	err_set_output(stdout, 1);
	macro_init_ids();
	test_dequote();
	test_arith();
	test_macro();
	test_regex();
	test_program();
	test_misc();
	return unit_done();
}
