/* readcf_rule.c - S and R lines: selecting the current ruleset and
 * compiling rewrite rules (LHS to the first TAB, RHS to the next; both
 * macro-expanded at read time, tokenized with the cf token table, then
 * checked like sendmail). Touches cf->rs and cf->arena. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "config.h"
#include "readcf.h"
#include "ruleset.h"
#include "token.h"
#include "macro.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define READCF_MAX_MAP_ARGS 10

static int readcf_rule_cur = -1;   /* current ruleset, -1 = none */

void readcf_rule_reset(void)
{
	readcf_rule_cur = -1;
}

void readcf_rule_S(struct config *cf, char *line)
{
	struct str x;
	str_init(&x, 0);
	macro_expand(&x, line + 1, &cf->macros);
	readcf_rule_cur = ruleset_parse(cf, x.s, NULL, 1);
	str_free(&x);
	if (readcf_rule_cur < 0)
		return;
	cf->rs.defined[readcf_rule_cur] = 1;
	if (cf->rs.first[readcf_rule_cur] != NULL &&
	    (cf->opmode == 't' || cf->opmode == 'C'))
		readcf_util_stdout("WARNING: Ruleset %s has multiple definitions\n", line + 1);
}

/* Expand and tokenize one side; NULL when it yields no tokens. */
static char **readcf_rule_side(struct config *cf, const char *text)
{
	struct str x;
	struct prescan_res res;
	str_init(&x, 0);
	macro_expand(&x, text, &cf->macros);
	memset(&res, 0, sizeof res);
	int rc = prescan_ex(config_tok(cf), cf->level >= 9 ? TOK_NOCOMMENT : TOK_INTERNAL,
			    x.s, '\t', PS_IGNORE, cf->arena, &res);
	str_free(&x);
	if (rc < 0 || res.pvp == NULL || res.pvp[0] == NULL)
		return NULL;
	return res.pvp;
}

/* Name of a metachar that may not appear on the LHS (NULL if fine). */
static const char *readcf_rule_lhsbotch(int c)
{
	switch (c) {
	case META_MATCHREPL: return "$1-$9";
	case META_CANONUSER: return "$:";
	case META_CALLSUBR: return "$>";
	case META_CONDIF: return "$?";
	case META_CONDFI: return "$.";
	case META_HOSTBEGIN: return "$[";
	case META_HOSTEND: return "$]";
	case META_LOOKUPBEGIN: return "$(";
	case META_LOOKUPEND: return "$)";
	}
	return NULL;
}

/* LHS checks; returns the number of wildcards. */
static int readcf_rule_lhs(char **lhs)
{
	int nfuzzy = 0;
	for (char **ap = lhs; *ap != NULL; ap++) {
		int c = (unsigned char)ap[0][0];
		if (c == META_MATCHZANY || c == META_MATCHANY || c == META_MATCHONE ||
		    c == META_MATCHCLASS || c == META_MATCHNCLASS)
			nfuzzy++;
		const char *b = readcf_rule_lhsbotch(c);
		if (b != NULL) {
			errno = 0;
			err_syserr("Inappropriate use of %s on LHS", b);
		}
	}
	return nfuzzy;
}

/* Name of a wildcard that may not appear on the RHS (NULL if fine). */
static const char *readcf_rule_rhsbotch(int c)
{
	switch (c) {
	case META_MATCHZANY: return "$*";
	case META_MATCHANY: return "$+";
	case META_MATCHONE: return "$-";
	case META_MATCHCLASS: return "$=";
	case META_MATCHNCLASS: return "$~";
	}
	return NULL;
}

/* RHS checks: replacement bounds, map lookup nesting and arguments. */
static void readcf_rule_rhs(char **rhs, int nfuzzy)
{
	int inmap = 0, args = 0, endtoken = 0;
	errno = 0;
	for (char **ap = rhs; *ap != NULL; ap++) {
		int c = (unsigned char)ap[0][0];
		const char *b = readcf_rule_rhsbotch(c);
		if (c == META_MATCHREPL && (ap[0][1] <= '0' || ap[0][1] > '0' + nfuzzy))
			err_syserr("replacement $%c out of bounds", ap[0][1]);
		else if (c == META_CANONHOST && inmap && ++args >= READCF_MAX_MAP_ARGS)
			err_syserr("too many arguments for map lookup");
		else if (c == META_HOSTBEGIN || c == META_LOOKUPBEGIN) {
			endtoken = c == META_HOSTBEGIN ? META_HOSTEND : META_LOOKUPEND;
			if (inmap)
				err_syserr("cannot nest map lookups");
			inmap = 1;
			args = 0;
		} else if ((c == META_HOSTEND || c == META_LOOKUPEND) && c == endtoken) {
			inmap = 0;
			endtoken = 0;
		}
		if (b != NULL)
			err_syserr("Inappropriate use of %s on RHS", b);
	}
	if (inmap)
		err_syserr("missing map closing token");
}

void readcf_rule_R(struct config *cf, char *line)
{
	static char *null_list[1];
	errno = 0;
	if (readcf_rule_cur < 0) {
		err_syserr("missing valid ruleset for \"%s\"", line);
		return;
	}
	char *p = line + 1;
	while (*p != '\0' && *p != '\t')
		p++;
	if (*p == '\0') {
		err_syserr("invalid rewrite line \"%s\" (tab expected)", line);
		return;
	}
	struct rule *r = arena_alloc(cf->arena, sizeof *r);
	memset(r, 0, sizeof *r);
	r->line = err_get_line();
	ruleset_add_rule(cf, readcf_rule_cur, r);
	*p = '\0';
	r->lhs = readcf_rule_side(cf, line + 1);
	int nfuzzy = 0;
	if (r->lhs != NULL)
		nfuzzy = readcf_rule_lhs(r->lhs);
	else {
		errno = 0;
		err_syserr("R line: null LHS");
		r->lhs = null_list;
	}
	if (nfuzzy > MAXMATCH) {
		errno = 0;
		err_syserr("R line: too many wildcards");
		r->lhs = null_list;
	}
	while (*++p == '\t')
		;
	char *q = p;
	while (*p != '\0' && *p != '\t')
		p++;
	*p = '\0';
	r->rhs = readcf_rule_side(cf, q);
	if (r->rhs != NULL)
		readcf_rule_rhs(r->rhs, nfuzzy);
	else {
		errno = 0;
		err_syserr("R line: null RHS");
		r->rhs = null_list;
	}
}
