/* rewrite.c - the rewriting engine's driver: rule loop with the $#-stop,
 * $: / $@ prefixes, the 100-try loop guard, recursion guard, $> subroutine
 * calls (found left to right, run right to left) and the -bt trace lines.
 * A pure function of (config, ruleset, tokens, macros) plus ctx->ar. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "rewrite_int.h"
#include "token.h"
#include "meta.h"
#include "err.h"
#include "debug.h"
#include "../libsmutil/poison.h"

#define EX_OK_       0
#define EX_DATAERR_  65
#define EX_TEMPFAIL_ 75
#define EX_CONFIG_   78
#define MAX_SUBR     16

/* Name for messages and traces: ruleset name or its number. */
static const char *rw_label(const struct config *cf, int rs, char *buf, size_t sz)
{
	if (rs >= 0 && rs < 256 && cf->rs.name[rs] != NULL)
		return cf->rs.name[rs];
	snprintf(buf, sz, "%d", rs);
	return buf;
}

static void rw_trace(const struct rw_ctx *ctx, const char *name, const char *what,
		     char *const *pvp)
{
	if (ctx->trace_fp == NULL)
		return;
	fprintf(ctx->trace_fp, "%s%-16.16s %s", ctx->trace_prefix ? ctx->trace_prefix : "",
		name, what);
	tok_print(ctx->trace_fp, pvp);
}

/* small cache: $> name token (stable rule pointer) -> ruleset number */
static struct { const struct config *cf; const char *tok; int rs; } rw_rscache[64];

int rewrite_rsnum(const struct config *cf, const char *name)
{
	if (name[0] >= '0' && name[0] <= '9') {
		long v = strtol(name, NULL, 10);
		if (v < 0 || v >= MAXRWSETS / 2) {
			errno = 0;
			err_syserr("bad ruleset %ld (%d max)", v, MAXRWSETS / 2);
			return -1;
		}
		return (int)v;
	}
	unsigned h = (unsigned)(((uintptr_t)name >> 4) & 63);
	if (rw_rscache[h].cf == cf && rw_rscache[h].tok == name &&
	    cf->rs.name[rw_rscache[h].rs] != NULL &&
	    strcmp(cf->rs.name[rw_rscache[h].rs], name) == 0)
		return rw_rscache[h].rs;
	for (int i = 0; i < 256; i++)
		if (cf->rs.name[i] != NULL && strcmp(cf->rs.name[i], name) == 0) {
			rw_rscache[h].cf = cf;
			rw_rscache[h].tok = name;
			rw_rscache[h].rs = i;
			return i;
		}
	return -1;
}

/* Remove the two tokens at v[0], v[1]. */
static void rw_drop2(char **v)
{
	int i;
	for (i = 2; v[i] != NULL; i++)
		v[i - 2] = v[i];
	v[i - 2] = NULL;
}

/* Target name of a $> call, without quotes (sendmail strips them). */
static const char *rw_subrname(struct rw_ctx *ctx, const char *tok)
{
	if (strchr(tok, '"') == NULL)
		return tok;
	size_t n = strlen(tok);
	char *s = arena_alloc(ctx->ar, n + 1), *q = s;
	for (; *tok != '\0'; tok++)
		if (*tok != '"')
			*q++ = *tok;
	*q = '\0';
	return s;
}

/* Find the $> calls (left to right) and run them right to left. */
static int rw_callsubr(struct rw_ctx *ctx, char **pvp, int maxatom)
{
	int subr[MAX_SUBR], idx[MAX_SUBR], nsubr = 0, rstat = EX_OK_;
	for (int j = 0; pvp[j] != NULL; j++) {
		if ((unsigned char)pvp[j][0] != META_CALLSUBR || pvp[j + 1] == NULL)
			continue;
		const char *name = rw_subrname(ctx, pvp[j + 1]);
		int rs = rewrite_rsnum(ctx->cf, name);
		if (rs < 0) {
			errno = 0;
			err_syserr("554 5.3.5 Unknown ruleset %s", name);
			return EX_CONFIG_;
		}
		if (ctx->cf->rs.first[rs] == NULL) {
			if (tTd(21, 3))
				fprintf(debug_fp(), "-----skip subr %s (%d)\n", name, rs);
			rw_drop2(pvp + j);
			if (pvp[j] == NULL)
				break;
			continue;    /* like sendmail, the next token is not examined */
		}
		if (++nsubr >= MAX_SUBR) {
			errno = 0;
			err_syserr("554 5.3.0 Too many subroutine calls (%d max)", MAX_SUBR);
			return EX_CONFIG_;
		}
		subr[nsubr] = rs;
		idx[nsubr] = j;
	}
	for (; nsubr > 0; nsubr--) {
		char **avp = pvp + idx[nsubr];
		rw_drop2(avp);
		/* like sendmail: the inner set works in a full-size buffer;
		 * its result replaces the rest of this workspace */
		char *tpvp[MAXATOM + 1];
		int k = 0;
		for (; avp[k] != NULL && k < MAXATOM; k++)
			tpvp[k] = avp[k];
		tpvp[k] = NULL;
		int st = rewrite(ctx, subr[nsubr], tpvp, MAXATOM + 1);
		/* the reference copies back unchecked (overrunning its
		 * buffer, silently); we keep what fits */
		for (k = 0; tpvp[k] != NULL && idx[nsubr] + k < maxatom; k++)
			avp[k] = tpvp[k];
		avp[k] = NULL;
		if (st != EX_OK_ && st != EX_TEMPFAIL_)
			return st;
		if (rstat == EX_OK_ || st == EX_TEMPFAIL_)
			rstat = st;
	}
	return rstat;
}

/* Apply one matched rule: build, look up, call; copies back into pvp. */
static int rw_apply(struct rw_ctx *ctx, const char *name, char *const *rhs, char **pvp,
		    const struct rewrite_bind *m, int nm, int maxatom, int *rstat)
{
	char *npvp[MAXATOM + 1];
	int lim = maxatom < MAXATOM ? maxatom : MAXATOM;
	int st = rewrite_rhs(ctx, name, rhs, pvp, m, nm, npvp, lim);
	if (st == 0)
		st = rewrite_lookups(ctx, npvp, lim, rstat);
	if (st != 0)
		return st;
	st = rw_callsubr(ctx, npvp, lim);
	if (*rstat == EX_OK_ || st == EX_TEMPFAIL_)
		*rstat = st;
	int n = 0;
	while (npvp[n] != NULL)
		n++;
	memcpy(pvp, npvp, (size_t)(n + 1) * sizeof *pvp);
	if (tTd(21, 4)) {
		fputs("rewritten as:", debug_fp());
		tok_print(debug_fp(), pvp);
	}
	return 0;
}

/* The rule loop proper; returns the status or -1-status for an abort
 * without the "returns:" line. */
static int rw_rules(struct rw_ctx *ctx, int rs, const char *name, char **pvp, int maxatom)
{
	struct rewrite_bind m[MAXMATCH + 1];
	int nm, ruleno = 1, loopcount = 0, rstat = EX_OK_;
	const struct rule *r = ctx->cf->rs.first[rs];
	while (r != NULL) {
		if (pvp[0] != NULL && (unsigned char)pvp[0][0] == META_CANONNET)
			break;
		if (tTd(21, 12)) {
			if (tTd(21, 15))
				fprintf(debug_fp(), "-----trying rule (line %d):", r->line);
			else
				fputs("-----trying rule:", debug_fp());
			tok_print(debug_fp(), r->lhs);
		}
		if (++loopcount > MAXSTRINGLOOPS) {
			/* errno is left as it is: the reference shows a
			 * leftover one (e.g. a hash map miss) here */
			err_syserr("554 5.3.5 Infinite loop in ruleset %s, rule %d", name, ruleno);
			errno = 0;   /* sendmail's syserr clears it */
			if (tTd(21, 1)) {
				fputs("workspace: ", debug_fp());
				tok_print(debug_fp(), pvp);
			}
			break;
		}
		if (!rewrite_match(ctx, r->lhs, pvp, m, &nm)) {
			if (tTd(21, 10))
				fputs("----- rule fails\n", debug_fp());
			r = r->next, ruleno++, loopcount = 0;
			continue;
		}
		char *const *rhs = r->rhs;
		if (tTd(21, 12)) {
			fputs("-----rule matches:", debug_fp());
			tok_print(debug_fp(), rhs);
		}
		if (rhs[0] != NULL && (unsigned char)rhs[0][0] == META_CANONUSER) {
			rhs++;
			r = r->next, ruleno++, loopcount = 0;
		} else if (rhs[0] != NULL && (unsigned char)rhs[0][0] == META_CANONHOST) {
			rhs++;
			r = NULL;
		}
		int st = rw_apply(ctx, name, rhs, pvp, m, nm, maxatom, &rstat);
		if (st != 0)
			return -1 - st;
	}
	return rstat;
}

int rewrite(struct rw_ctx *ctx, int rs, char **pvp, int bufslots)
{
	char nbuf[16];
	if (rs < 0 || rs >= MAXRWSETS) {
		errno = 0;
		err_syserr("554 5.3.5 rewrite: illegal ruleset number %d", rs);
		return EX_CONFIG_;
	}
	const char *name = rw_label(ctx->cf, rs, nbuf, sizeof nbuf);
	rw_trace(ctx, name, "  input:", pvp);
	if (ctx->depth > MAXRULERECURSION) {
		errno = 0;
		err_syserr("rewrite: excessive recursion (max %d), ruleset %s",
			   MAXRULERECURSION, name);
		return EX_CONFIG_;
	}
	if (pvp == NULL || bufslots <= 1)
		return 64;   /* EX_USAGE */
	ctx->depth++;
	int st = rw_rules(ctx, rs, name, pvp, bufslots - 1);
	ctx->depth--;
	if (st < 0)
		return -1 - st;
	rw_trace(ctx, name, "returns:", pvp);
	return st;
}

int rewrite_ruleset(struct rw_ctx *ctx, int rs, char **in, char ***out)
{
	char **buf = arena_alloc(ctx->ar, (MAXATOM + 1) * sizeof *buf);
	int n = 0;
	if (in != NULL)
		for (; in[n] != NULL && n < MAXATOM; n++)
			buf[n] = in[n];
	buf[n] = NULL;
	int st = rewrite(ctx, rs, buf, MAXATOM + 1);
	*out = buf;
	return st;
}
