/* rewrite_match.c - the LHS matcher: sendmail's backtracking algorithm
 * for $* $+ $- $=X $~X $@ $&x and case-insensitive literals, working on
 * token indexes (no allocation). Reads the config's classes and macros. */
#include <string.h>
#include "rewrite_int.h"
#include "debug.h"
#include "class.h"
#include "token.h"
#include "meta.h"
#include "../libsmutil/poison.h"

/* ASCII lower case (sendmail compares with an ASCII-only fold) */
static inline unsigned rw_lc(unsigned c)
{
	return c - 'A' < 26u ? c + 32 : c;
}

int rewrite_casecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	while (rw_lc(*p) == rw_lc(*q)) {
		if (*p == '\0')
			return 0;
		p++, q++;
	}
	return (int)rw_lc(*p) - (int)rw_lc(*q);
}

int rewrite_ncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	for (; n > 0; n--, p++, q++) {
		if (rw_lc(*p) != rw_lc(*q))
			return (int)rw_lc(*p) - (int)rw_lc(*q);
		if (*p == '\0')
			return 0;
	}
	return 0;
}

void rewrite_cat(const struct rw_ctx *ctx, char *const *v, int a, int b,
		 char *buf, size_t sz, int spacesub)
{
	char *p = buf;
	long left = (long)sz - 2;
	int prev = 0;
	for (int i = a; i < b && v[i] != NULL && left > 0; i++) {
		int atom = tok_is_atom(ctx->cf->tok, v[i]);
		if (prev && atom && spacesub != 0) {
			*p++ = (char)spacesub;
			if (--left <= 0)
				break;
		}
		for (const char *q = v[i]; *q != '\0'; q++) {
			if (--left <= 0)
				break;
			*p++ = *q;
		}
		prev = atom;
	}
	*p = '\0';
}

/* Is the span av[first..last] (joined) a member of class id? */
static int rw_inclass(const struct rw_ctx *ctx, char *const *av, int first, int last, int id)
{
	char buf[MAXLINE];
	if (first == last)
		return class_member(ctx->cf->classes, id, av[first]);
	rewrite_cat(ctx, av, first, last + 1, buf, sizeof buf, ctx->cf->blanksub);
	return class_member(ctx->cf->classes, id, buf);
}

/* Grow a $=X binding one token at a time from *ai until it is a member;
 * 0 if the workspace runs out. */
static int rw_extendclass(const struct rw_ctx *ctx, char *const *av, struct rewrite_bind *b,
			  int id, int *ai)
{
	for (;;) {
		if (av[*ai] == NULL)
			return 0;
		b->last = (*ai)++;
		if (rw_inclass(ctx, av, b->first, b->last, id))
			return 1;
	}
}

/* Match $&x: consume tokens while they are prefixes of the value. */
static int rw_matchmacro(const struct rw_ctx *ctx, const char *rp, char *const *av, int *ai)
{
	const char *val = macro_get(ctx->mac, (unsigned char)rp[1]);
	int start = *ai;
	debug_rw_macro("LHS", (unsigned char)rp[1], val);
	if (val == NULL)
		return 1;
	while (*val != '\0') {
		size_t n;
		if (av[*ai] == NULL || rewrite_ncasecmp(val, av[*ai], n = strlen(av[*ai])) != 0) {
			*ai = start;
			return 0;
		}
		val += n;
		(*ai)++;
	}
	return 1;
}

/* Try to advance one LHS element; 1 ok, 0 must back up. */
static int rw_step(const struct rw_ctx *ctx, char *const *lhs, char *const *av,
		   struct rewrite_bind *m, int *nm, int *ri, int *ai)
{
	const char *rp = lhs[*ri];
	struct rewrite_bind *b = &m[*nm];
	switch ((unsigned char)rp[0]) {
	case META_MATCHCLASS:
		b->pat = *ri;
		b->first = *ai;
		if (!rw_extendclass(ctx, av, b, (unsigned char)rp[1], ai))
			return 0;
		(*nm)++;
		return 1;
	case META_MATCHNCLASS:
		if (class_member(ctx->cf->classes, (unsigned char)rp[1], av[*ai]))
			return 0;
		/* FALLTHROUGH */
	case META_MATCHONE:
	case META_MATCHANY:
		b->pat = *ri;
		b->first = b->last = (*ai)++;
		(*nm)++;
		return 1;
	case META_MATCHZANY:
		b->pat = *ri;
		b->first = *ai;
		b->last = *ai - 1;
		(*nm)++;
		return 1;
	case META_CANONHOST:
		return 1;
	case META_MACRODEXPAND:
		return rw_matchmacro(ctx, rp, av, ai);
	default:
		if (rewrite_casecmp(rp, av[*ai]) != 0)
			return 0;
		(*ai)++;
		return 1;
	}
}

/* Back up: extend the most recent extensible binding. 1 resumed, 0 fail. */
static int rw_backup(const struct rw_ctx *ctx, char *const *lhs, char *const *av,
		     struct rewrite_bind *m, int *nm, int *ri, int *ai)
{
	while (--(*nm) >= 0) {
		struct rewrite_bind *b = &m[*nm];
		int c = (unsigned char)lhs[b->pat][0];
		*ri = b->pat;
		*ai = b->last + 1;
		if (av[*ai] == NULL)
			continue;
		if (c == META_MATCHANY || c == META_MATCHZANY) {
			b->last = (*ai)++;
			(*ri)++;
			(*nm)++;
			return 1;
		}
		if (c == META_MATCHCLASS) {
			if (!rw_extendclass(ctx, av, b, (unsigned char)lhs[b->pat][1], ai))
				continue;
			(*ri)++;
			(*nm)++;
			return 1;
		}
	}
	return 0;
}

int rewrite_match(const struct rw_ctx *ctx, char *const *lhs, char *const *av,
		  struct rewrite_bind *m, int *nm)
{
	int ri = 0, ai = 0;
	*nm = 0;
	for (;;) {
		const char *rp = lhs[ri];
		int ok;
		if (av[ai] == NULL && rp == NULL)
			return 1;
		if (rp == NULL)
			ok = 0;
		else if (av[ai] == NULL && (unsigned char)rp[0] != META_MATCHZANY &&
			 (unsigned char)rp[0] != META_CANONHOST)
			ok = 0;
		else if (*nm >= MAXMATCH && ((unsigned char)rp[0] >= META_MATCHZANY &&
					     (unsigned char)rp[0] <= META_MATCHNCLASS))
			ok = 0;   /* cannot happen with a valid cf (9 max) */
		else
			ok = rw_step(ctx, lhs, av, m, nm, &ri, &ai);
		if (ok) {
			ri++;
			continue;
		}
		if (!rw_backup(ctx, lhs, av, m, nm, &ri, &ai))
			return 0;
	}
}
