/* rewrite_rhs.c - building the new workspace from a rule's RHS: $n and
 * $&x substitution, then the $[ $] and $( $) map lookups (through map.h).
 * Allocates new tokens in the ctx arena; prints sendmail's errors. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "rewrite_int.h"
#include "debug.h"
#include "token.h"
#include "meta.h"
#include "map.h"
#include "err.h"
#include "../libsmutil/poison.h"

#define EX_DATAERR_ 65
#define EX_CONFIG_  78
#define MAXKEY      1024
#define MAX_MAP_ARGS 10

static int rw_toolong(void)
{
	errno = 0;
	err_syserr("554 5.3.0 rewrite: expansion too long");
	return EX_DATAERR_;
}

/* Re-tokenize a string into npvp at *n; -1 scan error, -2 too long. */
static int rw_scanin(struct rw_ctx *ctx, const char *s, enum tok_table which,
		     char **npvp, int *n, int maxatom)
{
	struct prescan_res res;
	prescan(ctx->cf->tok, which, s, '\0', ctx->ar, &res);
	if (res.pvp == NULL)
		return -1;
	for (char **p = res.pvp; *p != NULL; p++) {
		npvp[(*n)++] = *p;
		if (*n >= maxatom)
			return -2;
	}
	return 0;
}

/* A macro value as the reference stores it: its cf reader leaves each
 * metasymbol of a D line as 0201 followed by the symbol's character
 * ("$." is 0201 '.'), so a $& value is scanned with those bytes: the
 * character after 0201 may be a delimiter ("a$.b" -> "a\201" "." "b"). */
static char *rw_macro_raw(struct rw_ctx *ctx, const char *val)
{
	static const char symch[] = {
		[META_MACRODEXPAND - 0200] = '&', [META_LOOKUPBEGIN - 0200] = '(',
		[META_LOOKUPEND - 0200] = ')', [META_MATCHZANY - 0200] = '*',
		[META_MATCHANY - 0200] = '+', [META_MATCHONE - 0200] = '-',
		[META_MATCHCLASS - 0200] = '=', [META_MATCHNCLASS - 0200] = '~',
		[META_CANONNET - 0200] = '#', [META_CANONHOST - 0200] = '@',
		[META_CANONUSER - 0200] = ':', [META_CALLSUBR - 0200] = '>',
		[META_CONDIF - 0200] = '?', [META_CONDELSE - 0200] = '|',
		[META_CONDFI - 0200] = '.', [META_HOSTBEGIN - 0200] = '[',
		[META_HOSTEND - 0200] = ']',
	};
	size_t n = strlen(val);
	char *out = arena_alloc(ctx->ar, 2 * n + 1), *d = out;
	for (const unsigned char *p = (const unsigned char *)val; *p != '\0'; p++) {
		int k = *p - 0200;
		if (*p == META_MATCHREPL) {
			*d++ = (char)META_MACROEXPAND;
			continue;
		}
		if (k > 0 && k < (int)sizeof symch && symch[k] != '\0') {
			*d++ = (char)META_MACROEXPAND;
			*d++ = symch[k];
			continue;
		}
		*d++ = (char)*p;
	}
	*d = '\0';
	return out;
}

int rewrite_rhs(struct rw_ctx *ctx, const char *rsname, char *const *rhs,
		char *const *av, const struct rewrite_bind *m, int nm,
		char **npvp, int maxatom)
{
	int n = 0;
	for (; *rhs != NULL; rhs++) {
		const char *rp = *rhs;
		int c = (unsigned char)rp[0];
		if (c == META_MATCHREPL) {
			int k = rp[1] - '1';
			if (k < 0 || k >= nm) {
				errno = 0;
				err_syserr("554 5.3.5 rewrite: ruleset %s: replacement $%c out of bounds",
					   rsname, rp[1]);
				return EX_CONFIG_;
			}
			for (int i = m[k].first; i <= m[k].last; i++) {
				if (n >= maxatom)
					return rw_toolong();
				npvp[n++] = av[i];
			}
			continue;
		}
		if (n >= maxatom)
			return rw_toolong();
		if (c != META_MACRODEXPAND) {
			npvp[n++] = (char *)rp;
			continue;
		}
		const char *val = macro_get(ctx->mac, (unsigned char)rp[1]);
		debug_rhs_macro((unsigned char)rp[1], val);
		if (val == NULL || *val == '\0')
			continue;
		int r = rw_scanin(ctx, rw_macro_raw(ctx, val), TOK_EXTERNAL, npvp, &n,
				  maxatom);
		if (r == -1)
			return EX_DATAERR_;
		if (r == -2)
			return rw_toolong();
	}
	npvp[n] = NULL;
	return 0;
}

/* Parsed shape of one lookup: npvp indexes. */
struct rw_lookup {
	const char *mapname;
	struct map *map;
	int key, keyend;             /* key tokens [key, keyend) */
	int args[MAX_MAP_ARGS], argend[MAX_MAP_ARGS], nargs;
	int def, defend;             /* default tokens, def < 0 if none */
	int rest;                    /* first token after the end token */
};

/* Split the lookup starting at npvp[hb]; returns 0 or EX_CONFIG. */
static int rw_lookup_parse(struct rw_ctx *ctx, char **npvp, int hb, struct rw_lookup *lk)
{
	int endtok, i = hb + 1, *segend = &lk->keyend;
	if ((unsigned char)npvp[hb][0] == META_HOSTBEGIN) {
		endtok = META_HOSTEND;
		lk->mapname = "host";
	} else {
		endtok = META_LOOKUPEND;
		if (npvp[i] == NULL) {
			errno = 0;
			err_syserr("554 5.3.0 rewrite: missing mapname");
			return EX_CONFIG_;
		}
		lk->mapname = npvp[i++];
	}
	lk->map = map_find(ctx->cf, lk->mapname);
	if (lk->map == NULL) {
		/* errno as the last lookup left it: the reference shows it here */
		err_syserr("554 5.3.0 rewrite: map %s not found", lk->mapname);
	}
	lk->key = i;
	lk->nargs = 0;
	lk->def = -1;
	for (; npvp[i] != NULL && (unsigned char)npvp[i][0] != endtok; i++) {
		int c = (unsigned char)npvp[i][0];
		if (c != META_CANONHOST && c != META_CANONUSER)
			continue;
		*segend = i;
		if (c == META_CANONUSER) {
			lk->def = i + 1;
			segend = &lk->defend;
		} else if (lk->nargs < MAX_MAP_ARGS - 1) {
			lk->args[lk->nargs] = i + 1;
			segend = &lk->argend[lk->nargs++];
		} else {
			static int dummy;
			segend = &dummy;
		}
	}
	*segend = i;
	lk->rest = npvp[i] != NULL ? i + 1 : i;
	return 0;
}

/* Run the map; returns malloc'd value or NULL; external says which table
 * re-scans the result. */
static char *rw_lookup_run(struct rw_ctx *ctx, char **npvp, struct rw_lookup *lk,
			   int *rstat, int *external)
{
	char key[MAXKEY], argbuf[MAX_MAP_ARGS][MAXKEY];
	char *argv[MAX_MAP_ARGS + 1];
	/* cataddr: the map's -S character if given, else BlankSub as it is now */
	int sub = lk->map != NULL && lk->map->spacesub ? lk->map->spacesub : ctx->cf->blanksub;
	static struct str ks;      /* reused: no allocation per lookup */
	if (ks.s == NULL)
		str_init(&ks, 0);
	str_clear(&ks);
	tok_join_t(&ks, ctx->cf->tok, npvp + lk->key, lk->keyend - lk->key, sub, 1);
	snprintf(key, sizeof key, "%s", ks.s != NULL ? ks.s : "");
	argv[0] = key;              /* av convention of map.h: av[0] = key */
	for (int a = 0; a < lk->nargs; a++) {
		rewrite_cat(ctx, npvp, lk->args[a], lk->argend[a], argbuf[a], MAXKEY,
			    ctx->cf->blanksub);
		argv[a + 1] = argbuf[a];
	}
	argv[lk->nargs + 1] = NULL;
	*external = 0;
	if (lk->map == NULL)
		return NULL;
	struct lookup_ctx lc;
	memset(&lc, 0, sizeof lc);
	lc.cf = ctx->cf;
	lc.mac = ctx->mac;
	int st = MAPS_OK;
	char *val = map_lookup(lk->map, key, argv, &st, &lc);
	if (st == MAPS_TEMPFAIL)
		*rstat = MAPS_TEMPFAIL;
	*external = val != NULL;
	return val;
}

/* Replace npvp[hb .. rest) by the lookup result; returns the index after
 * the inserted tokens, or -1 (scan error) / -2 (too long). */
static int rw_lookup_one(struct rw_ctx *ctx, char **npvp, int hb, int maxatom, int *rstat,
			 int *err)
{
	struct rw_lookup lk;
	char *res[MAXATOM + 1], **tail;
	int nres = 0, external, ntail = 0;
	if ((*err = rw_lookup_parse(ctx, npvp, hb, &lk)) != 0)
		return -1;
	char *val = rw_lookup_run(ctx, npvp, &lk, rstat, &external);
	const char *use = val;
	char dbuf[MAXKEY];
	if (use == NULL && lk.def >= 0) {
		rewrite_cat(ctx, npvp, lk.def, lk.defend, dbuf, sizeof dbuf, ctx->cf->blanksub);
		use = dbuf;
	}
	if (use == NULL) {
		for (int i = lk.key; i < lk.keyend; i++)
			res[nres++] = npvp[i];
	} else if (*use != '\0') {
		int r = rw_scanin(ctx, use, external ? TOK_EXTERNAL : TOK_INTERNAL, res, &nres,
				  MAXATOM);
		if (r == -1) {
			free(val);
			*err = EX_DATAERR_;
			return -1;
		}
	}
	free(val);
	while (npvp[lk.rest + ntail] != NULL)
		ntail++;
	tail = npvp + lk.rest;
	if (hb + nres + ntail >= maxatom) {
		*err = rw_toolong();
		return -1;
	}
	memmove(npvp + hb + nres, tail, (size_t)(ntail + 1) * sizeof *npvp);
	memcpy(npvp + hb, res, (size_t)nres * sizeof *npvp);
	return hb + nres;
}

int rewrite_lookups(struct rw_ctx *ctx, char **npvp, int maxatom, int *rstat)
{
	for (int i = 0; npvp[i] != NULL;) {
		int c = (unsigned char)npvp[i][0];
		if (c != META_HOSTBEGIN && c != META_LOOKUPBEGIN) {
			i++;
			continue;
		}
		int err = 0;
		i = rw_lookup_one(ctx, npvp, i, maxatom, rstat, &err);
		if (i < 0)
			return err;
	}
	return 0;
}
