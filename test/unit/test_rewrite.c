/* test_rewrite.c - the rewriting engine on a hand-built config; the
 * expected traces were copied from sendmail 8.17 -bt runs of the same
 * rules (V10 cf, BlankSub=.). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "../../sendmail/rewrite.h"
#include "../../sendmail/token.h"
#include "../../sendmail/class.h"
#include "../../sendmail/err.h"
#include "../../sendmail/map.h"
#include "../../sendmail/debug.h"

static struct config *cf;
static struct arena *ar;
static int cur;

/* Translate, expand and tokenize one side like readcf does ($* etc. are
 * stored as MACROEXPAND c and become metasymbols on expansion). */
static char **side(const char *s)
{
	struct str t, x;
	struct prescan_res r;
	str_init(&t, 0);
	str_init(&x, 0);
	macro_translate(&t, s, 1);
	macro_expand(&x, t.s, &cf->macros);
	prescan_ex(cf->tok, TOK_NOCOMMENT, x.s, '\0', PS_IGNORE, ar, &r);
	str_free(&t);
	str_free(&x);
	return r.pvp;
}

static void S(int n, const char *name)
{
	cur = n;
	cf->rs.name[n] = name ? arena_strdup(ar, name) : NULL;
	cf->rs.defined[n] = 1;
}

static void R(const char *lhs, const char *rhs)
{
	struct rule *r = arena_alloc(ar, sizeof *r);
	r->lhs = side(lhs);
	r->rhs = side(rhs);
	r->line = 0;
	r->next = NULL;
	if (cf->rs.last[cur] != NULL)
		cf->rs.last[cur]->next = r;
	else
		cf->rs.first[cur] = r;
	cf->rs.last[cur] = r;
}

static void build(void)
{
	cf = mem_zalloc(sizeof *cf);
	ar = arena_new(65536);
	cf->tok = tok_tables_new(NULL);
	cf->classes = classes_new();
	cf->blanksub = '.';
	macros_init(&cf->macros, NULL);
	class_add_words(cf->classes, macid("{X}"), "a.b cd");
	class_add_words(cf->classes, 'W', "w1 w2");
	macro_set(&cf->macros, 'z', "zed");
	S(199, "loop"); R("$+", "$1");
	S(198, "stop"); R("$*", "$# local $: $1"); R("$*", "$@ never");
	S(197, "deep"); R("$*", "$: $>deep $1");
	S(196, "empty");
	S(195, "call"); R("$*", "$: $>empty $1"); R("$*", "$: < $>A $1 > $>B $1");
	S(194, "A"); R("$*", "$@ A $1");
	S(193, "B"); R("$*", "$@ B $1");
	S(192, "match");
	R("$={X}", "$@ class $1");
	R("$- $- $-", "$@ three $1 : $2 : $3");
	R("$~W", "$@ notw $1");
	R("$* $&z", "$@ macro $1 $&z");
	R("$* x $* x $*", "$@ bt $1 | $2 | $3");
	S(3, NULL); R("$* < $* > $*", "$2"); R("$*", "$: no");
	/* map lookups (test/diff/cf/maps.cf shapes) */
	map_parse_kline(cf, "arith arith");
	map_parse_kline(cf, "store macro");
	map_parse_kline(cf, "dequote dequote");
	map_parse_kline(cf, "dqs dequote -s_");
	S(191, "arith"); R("$- $- $-", "$: $( arith $2 $@ $1 $@ $3 $)");
	S(190, "setmac");
	R("$- = $*", "$: $( store {M} $@ $2 $) $&{M} after");
	R("$-", "$: $( store {M} $) cleared $&{M}");
	S(189, "dq"); R("$*", "$: $( dequote $1 $)");
	S(188, "dqs"); R("$*", "$: $( dqs $1 $)");
	S(187, "dmac"); R("$*", "$: $&q");
	macro_set(&cf->macros, 'q', "a\234b");   /* "a$.b" from a D line */
	S(186, "tr"); R("x", "$@ no"); R("$+", "$: $1 y");
}

static const char *run(int rs, const char *addr, int *st);

/* -d21.12 trace lines and the $& value re-scan (reference formats). */
static void test_trace(void)
{
	int st;
	CHECK_STR(run(187, "z", &st),
		  "dmac               input: z\ndmac             returns: a$ . b\n",
		  "$& value: a metasymbol is 0201 + its char, '.' splits");
	char *dbuf = NULL;
	size_t dlen = 0;
	FILE *fp = open_memstream(&dbuf, &dlen);
	debug_set_fp(fp);
	debug_parse("21.12");
	run(186, "q", &st);
	fclose(fp);
	debug_set_fp(NULL);
	debug_parse("21.0");
	CHECK(strstr(dbuf, "-----trying rule: x\n----- rule fails\n"
		     "-----trying rule: $+\n-----rule matches: $: $1 y\n"
		     "rewritten as: q y\n") != NULL, "-d21.12 trace lines");
	free(dbuf);
}

static char *outbuf;
static size_t outlen;

/* Run "rs addr" like -bt does; returns the trace, sets *st. */
static const char *run(int rs, const char *addr, int *st)
{
	struct prescan_res r;
	free(outbuf);
	outbuf = NULL;
	FILE *fp = open_memstream(&outbuf, &outlen);
	err_set_output(fp, 1);
	struct rw_ctx ctx = { cf, &cf->macros, ar, fp, "", 0 };
	prescan(cf->tok, TOK_NOCOMMENT, addr, '\0', ar, &r);
	char *buf[MAXATOM + 1];
	int n = 0;
	for (; r.pvp && r.pvp[n]; n++)
		buf[n] = r.pvp[n];
	buf[n] = NULL;
	*st = rewrite(&ctx, rs, buf, MAXATOM + 1);
	fclose(fp);
	err_set_output(stderr, 1);
	return outbuf;
}

/* Expectations from the reference's -bt on the same rules. */
static void test_maps(void)
{
	int st;
	CHECK_STR(run(191, "1 + 2", &st),
		  "arith              input: 1 + 2\narith            returns: 3\n",
		  "arith: key is the operator, operands $@ args");
	CHECK_STR(run(190, "M = hello world", &st),
		  "setmac             input: M = hello world\n"
		  "setmac           returns: cleared hello . world\n",
		  "macro map stores av[1]; $& read when the RHS is built");
	CHECK(macro_get(&cf->macros, macid("{M}")) == NULL, "macro map without value clears");
	CHECK_STR(run(189, "\"a\" \"b\"", &st),
		  "dq                 input: \"a\" \"b\"\ndq               returns: ab\n",
		  "dequote keeps the key's quotes; quoted strings get no BlankSub");
	CHECK_STR(run(189, "\"x\" y z", &st),
		  "dq                 input: \"x\" y z\ndq               returns: xy . z\n",
		  "dequote key joined with BlankSub");
	CHECK_STR(run(188, "\"x\" y z", &st),
		  "dqs                input: \"x\" y z\ndqs              returns: xy_z\n",
		  "dequote -s is the key's blank substitute");
}

static int count(const char *s, const char *w)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, w)) != NULL; p += strlen(w))
		n++;
	return n;
}

int main(void)
{
	int st;
	build();
	test_maps();
	test_trace();
	CHECK_STR(run(199, "a", &st),
		  "loop               input: a\n"
		  "Infinite loop in ruleset loop, rule 1\n"
		  "loop             returns: a\n", "loop guard");
	CHECK_STR(run(198, "x", &st),
		  "stop               input: x\n"
		  "stop             returns: $# local $: x\n", "$# stops");
	CHECK_STR(run(195, "q", &st),
		  "call               input: q\n"
		  "B                  input: q\n"
		  "B                returns: B q\n"
		  "A                  input: q > B q\n"
		  "A                returns: A q > B q\n"
		  "call             returns: < A q > B q\n", "calls right to left, empty vanishes");
	CHECK_STR(run(192, "a b", &st),
		  "match              input: a b\nmatch            returns: class a b\n",
		  "$= spans tokens joined with BlankSub");
	CHECK_STR(run(192, "c d", &st),
		  "match              input: c d\nmatch            returns: c d\n", "c.d not cd");
	CHECK_STR(run(192, "a b c", &st),
		  "match              input: a b c\nmatch            returns: three a : b : c\n",
		  "$- $- $-");
	CHECK_STR(run(192, "w3", &st),
		  "match              input: w3\nmatch            returns: notw w3\n", "$~ member");
	CHECK_STR(run(192, "W1", &st),
		  "match              input: W1\nmatch            returns: W1\n", "$~ non-member");
	CHECK_STR(run(192, "foo zed", &st),
		  "match              input: foo zed\nmatch            returns: macro foo zed\n",
		  "$&z both sides");
	CHECK_STR(run(192, "1 x 2 x 3 x 4", &st),
		  "match              input: 1 x 2 x 3 x 4\n"
		  "match            returns: bt 1 | 2 | 3 x 4\n", "backtracking minimal $*");
	CHECK_STR(run(3, "a<b>c", &st),
		  "3                  input: a < b > c\n3                returns: no\n",
		  "unnamed ruleset label, repeat then $:");
	const char *d = run(197, "a", &st);
	CHECK(st == 78, "recursion status 78");
	CHECK(count(d, "input:") == 52 && count(d, "returns:") == 51, "recursion trace shape");
	CHECK(strstr(d, "rewrite: excessive recursion (max 50), ruleset deep\n") != NULL,
	      "recursion message");
	char **out;
	struct rw_ctx q = { cf, &cf->macros, ar, NULL, "", 0 };
	char *in[] = { "x", NULL };
	CHECK(rewrite_ruleset(&q, 198, in, &out) == 0 && tok_count(out) == 4, "no trace, copy");
	free(outbuf);
	return unit_done();
}
