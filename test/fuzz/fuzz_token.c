/* fuzz_token.c - libFuzzer harness: the input is tokenized with each of
 * the three tables (with and without ',' delimiter), displayed, joined,
 * and run through a tiny built-in ruleset set exercising every LHS/RHS
 * feature of the engine (no maps). Build:
 *   clang -fsanitize=fuzzer,address -I. test/fuzz/fuzz_token.c
 *         sendmail/libsendmail.a libsmutil/libsmutil.a -ldb */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sendmail/rewrite.h"
#include "sendmail/token.h"
#include "sendmail/class.h"
#include "sendmail/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct config *fz_cf;
static struct arena *fz_ar;
static int fz_cur;

static char **fz_side(const char *s)
{
	struct str t;
	struct prescan_res r;
	str_init(&t, 0);
	macro_translate(&t, s, 1);
	prescan_ex(fz_cf->tok, TOK_NOCOMMENT, t.s, '\0', PS_IGNORE, fz_ar, &r);
	str_free(&t);
	return r.pvp;
}

static void fz_rule(const char *lhs, const char *rhs)
{
	struct rule *r = arena_alloc(fz_ar, sizeof *r);
	r->lhs = fz_side(lhs);
	r->rhs = fz_side(rhs);
	r->next = NULL;
	if (fz_cf->rs.last[fz_cur] != NULL)
		fz_cf->rs.last[fz_cur]->next = r;
	else
		fz_cf->rs.first[fz_cur] = r;
	fz_cf->rs.last[fz_cur] = r;
}

static void fz_init(void)
{
	static const char *const rules[][2] = {
		{ "$* < $* > $*", "$2" },
		{ "$={X} $* @ $+", "$: $1 < @ $3 >" },
		{ "$* $&z $*", "$: $1 $2" },
		{ "$- . $~W", "$: $1 $2" },
		{ "$+ % $+", "$1 @ $2" },
		{ "$* x $* x $*", "$: $3 $2 $1" },
		{ "$*", "$: $>sub $1" },
		{ "$@", "$@ empty" },
	};
	fz_cf = calloc(1, sizeof *fz_cf);
	fz_ar = arena_new(1 << 16);
	fz_cf->tok = tok_tables_new(NULL);
	fz_cf->classes = classes_new();
	fz_cf->blanksub = '.';
	macros_init(&fz_cf->macros, NULL);
	class_add_words(fz_cf->classes, macid("{X}"), "a.b cd x");
	class_add_words(fz_cf->classes, 'W', "w1 w2");
	macro_set(&fz_cf->macros, 'z', "zed");
	fz_cf->rs.name[199] = "sub";
	fz_cur = 199;
	fz_rule("$* @ $*", "$@ $2 $1");
	fz_rule("$+", "$: $&z $1");
	fz_cur = 3;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		fz_rule(rules[i][0], rules[i][1]);
	err_set_output(fopen("/dev/null", "w"), 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *ar;
	if (fz_cf == NULL)
		fz_init();
	if (ar == NULL)
		ar = arena_new(1 << 16);
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	FILE *null = fopen("/dev/null", "w");
	struct str j;
	str_init(&j, 0);
	for (int w = 0; w < 3; w++)
		for (int d = 0; d < 2; d++) {
			struct prescan_res r;
			prescan(fz_cf->tok, (enum tok_table)w, s, d ? ',' : '\0', ar, &r);
			tok_print(null, r.pvp);
			tok_join(&j, r.pvp, '.');
			if (r.pvp == NULL || w != TOK_NOCOMMENT || d)
				continue;
			char *buf[MAXATOM + 1];
			int n = 0;
			for (; r.pvp[n] != NULL; n++)
				buf[n] = r.pvp[n];
			buf[n] = NULL;
			struct rw_ctx ctx = { fz_cf, &fz_cf->macros, ar, null, "", 0 };
			(void)rewrite(&ctx, 3, buf, MAXATOM + 1);
		}
	struct str t;
	str_init(&t, 0);
	macro_translate(&t, s, 1);
	macro_expand(&j, t.s, &fz_cf->macros);
	tok_xputs(null, j.s);
	str_free(&t);
	str_free(&j);
	fclose(null);
	free(s);
	arena_reset(ar);
	return 0;
}
