/* map_regex.c - the "regex" map class (POSIX regcomp/regexec).
 * Flags: -n invert, -f case-sensitive, -b basic RE, -s[n,m,...] return
 * substrings (all when no list) joined by -d<c> (default $| = 0233),
 * -a append, -m return the key.  A match without -s returns "" (+ -a).
 * The pattern is the rest of the K line.  Touches its own state only. */
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "mapclass.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define REGEX_MAXFIELDS 10
#define REGEX_DEFDELIM '\233'

struct regex_priv {
	regex_t re;
	int cflags;
	int nfields;               /* -1: no -s; 0: all; else count */
	int fields[REGEX_MAXFIELDS];
	char delim;
};

/* "-s1,2": parse the field list. */
static void regex_fields(struct regex_priv *rp, const char *v)
{
	rp->nfields = 0;
	while (*v != '\0' && rp->nfields < REGEX_MAXFIELDS) {
		rp->fields[rp->nfields++] = (int)strtol(v, (char **)&v, 10);
		if (*v != ',')
			break;
		v++;
	}
}

/* A lookup's field list: ','-separated, each read like atoi ("" = 0). */
static void regex_arg_fields(struct regex_priv *rp, const char *v)
{
	rp->nfields = 0;
	for (;;) {
		if (rp->nfields < REGEX_MAXFIELDS)
			rp->fields[rp->nfields++] = atoi(v);
		v = strchr(v, ',');
		if (v == NULL)
			break;
		v++;
	}
}

static int regex_flag(struct map *m, int letter, const char *val, void *ctx)
{
	struct regex_priv *rp = ctx;
	switch (letter) {
	case 'n': m->flags |= MF_REGEX_NOT; return 0;
	case 'f': rp->cflags &= ~REG_ICASE; return 0;
	case 'b': rp->cflags &= ~REG_EXTENDED; return 0;
	case 's': regex_fields(rp, val); return 0;
	case 'd': if (*val) rp->delim = (char)mapclass_charval(val); return 0;
	case 'a': case 'm': case 'D': case 'q': case 't': case 'T': case 'S':
		return 1;
	default:
		return 0;
	}
}

/* Check field numbers against the pattern; -1 after the error message. */
static int regex_check_list(const struct regex_priv *rp, const int *fields, int n)
{
	for (int i = 0; i < n; i++) {
		if (fields[i] < 0 || (size_t)fields[i] > rp->re.re_nsub) {
			errno = 0;
			err_syserr("field (%d) out of range, only %d substrings in pattern",
				   fields[i], (int)rp->re.re_nsub + 1);
			return -1;
		}
	}
	return 0;
}

/* Check the -s field numbers against the pattern; -1 after an error. */
static int regex_check_fields(struct regex_priv *rp)
{
	if (regex_check_list(rp, rp->fields, rp->nfields) < 0)
		return -1;
	if (rp->nfields == 0) {   /* -s without list: every group */
		for (size_t i = 0; i <= rp->re.re_nsub && i < REGEX_MAXFIELDS; i++)
			rp->fields[rp->nfields++] = (int)i;
	}
	return 0;
}

static int regex_parse(struct map *m, const char *args)
{
	struct regex_priv *rp = mem_zalloc(sizeof *rp);
	rp->cflags = REG_ICASE | REG_EXTENDED;
	rp->nfields = -1;
	rp->delim = REGEX_DEFDELIM;
	const char *rest = mapclass_flags(m, args, regex_flag, rp);
	if (m->flags & MF_NOFOLDCASE)     /* -f taken by the generic parser */
		rp->cflags &= ~REG_ICASE;
	char *pat = rest ? mapclass_spec(m, rest) : NULL;
	int cf = rp->cflags | (rp->nfields < 0 ? REG_NOSUB : 0);
	int r = regcomp(&rp->re, pat ? pat : "", cf);
	mem_free(pat);
	if (r != 0) {
		char ebuf[256];
		regerror(r, &rp->re, ebuf, sizeof ebuf);
		errno = 0;
		err_syserr("pattern-compile-error: %s", ebuf);
		mem_free(rp);
		return -1;
	}
	if (rp->nfields >= 0 && regex_check_fields(rp) < 0) {
		regfree(&rp->re);
		mem_free(rp);
		return -1;
	}
	m->priv = rp;
	return 0;
}

static int regex_open(struct map *m, const struct config *cf)
{
	return m->priv != NULL ? 0 : -1;
}

/* Balance state of sendmail's check on the substrings it returns. */
struct regex_bal { int angle, cmnt, space, quote, bslash; };

static void regex_bal_char(struct regex_bal *b, int c)
{
	if (b->bslash) {
		b->bslash = 0;
		return;
	}
	if (b->quote && c != '"' && c != '\\')
		return;
	switch (c) {
	case '\\': b->bslash = 1; break;
	case '(': b->cmnt++; break;
	case ')': b->cmnt--; break;
	case '<': b->angle++; break;
	case '>': b->angle--; break;
	case ' ': b->space++; break;
	case '"': b->quote = !b->quote; break;
	}
}

/* Join the selected substrings with the delimiter; NULL when the result
 * would upset prescan (unbalanced <> () quotes, a trailing backslash or
 * a blank), as sendmail refuses such a match. */
static char *regex_substrings(const struct regex_priv *rp, const char *key,
			      const regmatch_t *pm, const int *fields, int nfields)
{
	struct str b;
	struct regex_bal bal = { 0, 0, 0, 0, 0 };
	str_init(&b, 0);
	for (int i = 0; i < nfields; i++) {
		if (i > 0)
			str_addc(&b, rp->delim);
		const regmatch_t *p = &pm[fields[i]];
		if (p->rm_so < 0 || p->rm_eo < p->rm_so)
			continue;
		str_addn(&b, key + p->rm_so, (size_t)(p->rm_eo - p->rm_so));
		for (regoff_t k = p->rm_so; k < p->rm_eo; k++)
			regex_bal_char(&bal, (unsigned char)key[k]);
	}
	if (bal.angle || bal.cmnt || bal.quote || bal.bslash || bal.space) {
		str_free(&b);
		return NULL;
	}
	return str_steal(&b);
}

static char *regex_lookup(struct map *m, const char *key, char **av,
			  int *stat, struct lookup_ctx *lc)
{
	struct regex_priv *rp = m->priv;
	regmatch_t pm[REGEX_MAXFIELDS + 1];

	*stat = MAPS_OK;
	if (rp == NULL)
		return NULL;
	int r = regexec(&rp->re, key, rp->nfields < 0 ? 0 : REGEX_MAXFIELDS + 1,
			rp->nfields < 0 ? NULL : pm, 0);
	if (m->flags & MF_REGEX_NOT)
		return r == REG_NOMATCH ? mapclass_result(m, "", key, av) : NULL;
	if (r != 0)
		return NULL;
	if (rp->nfields < 0)
		return mapclass_result(m, "", key, av);
	/* with -s, a first $@ argument (av[1]) replaces the field list */
	struct regex_priv fl = *rp;
	if (av != NULL && av[0] != NULL && av[1] != NULL) {
		regex_arg_fields(&fl, av[1]);
		if (regex_check_list(rp, fl.fields, fl.nfields) < 0) {
			*stat = MAPCLASS_EX_CONFIG;
			return NULL;
		}
	}
	char *v = regex_substrings(rp, key, pm, fl.fields, fl.nfields);
	if (v == NULL)
		return NULL;
	char *res = mapclass_result(m, v, key, av);
	mem_free(v);
	return res;
}

static void regex_close(struct map *m)
{
	struct regex_priv *rp = m->priv;
	if (rp != NULL) {
		regfree(&rp->re);
		mem_free(rp);
		m->priv = NULL;
	}
}

const struct map_class map_class_regex = {
	"regex", MCF_RAWKEY | MCF_NOREWRITE | MCF_OWNARGS,
	regex_parse, regex_open, regex_lookup, regex_close
};
