/* ruleset.c - ruleset numbers and names: S lines, M S=/R=, H $>name and
 * -bt references, as sendmail's strtorwset (numbers 0..99, names numbered
 * downward from 199). Touches only cf->rs. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "ruleset.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/htab.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* Lazily create the name table; next_auto starts at MAXRWSETS. */
static struct htab *ruleset_names(struct config *cf)
{
	if (cf->rs.byname == NULL) {
		cf->rs.byname = htab_new(64, 0);
		if (cf->rs.next_auto == 0)
			cf->rs.next_auto = MAXRWSETS;
	}
	return cf->rs.byname;
}

/* htab value of a name entered by an S line with a bad number:
 * known = value - 1 = -2 (missing names give -1). */
#define RS_UNNUMBERED (-1)

/* Numeric reference: "bad ruleset %d (100 max)" when out of range. */
static int ruleset_number(const char *p, const char **endp)
{
	char *ep;
	errno = 0;
	int n = (int)strtol(p, &ep, 10);   /* sendmail's atoi: C int wraps */
	if (endp != NULL)
		*endp = ep;
	if (n >= MAXRWNUM || n < 0) {
		/* errno kept: ERANGE adds ": Numerical result out of range" */
		err_syserr("bad ruleset %d (%d max)", n, MAXRWNUM);
		return -1;
	}
	return n;
}

/* Bind name (q, as written incl. any "=n" tail for messages) to a number. */
static int ruleset_bind(struct config *cf, const char *name, const char *q,
			int rs, int create)
{
	struct htab *h = ruleset_names(cf);
	intptr_t old = (intptr_t)htab_get(h, name) - 1;
	if (old >= 0 && rs >= 0 && rs != old) {
		errno = 0;
		err_syserr("%s: ruleset changed value (old %d, new %d)", q, (int)old, rs);
		rs = (int)old;
	} else if (old < 0)
		htab_put(h, name, (void *)(intptr_t)(rs + 1));
	if (create && rs >= 0) {
		mem_free(cf->rs.name[rs]);
		cf->rs.name[rs] = mem_strdup(name);
	}
	return rs;
}

/* Full strtorwset: p is "3", "name", "name = 3"; *endp after the
 * reference (for S=a/b). create: ST_ENTER semantics. */
int ruleset_parse(struct config *cf, const char *p, const char **endp, int create)
{
	while (isspace((unsigned char)*p))
		p++;
	if ((unsigned char)*p >= 0200) {
		errno = 0;
		err_syserr("invalid ruleset name: \"%.20s\"", p);
		return -1;
	}
	if (isdigit((unsigned char)*p))
		return ruleset_number(p, endp);
	const char *q = p;
	while (*p != '\0' && (unsigned char)*p < 0200 && (isalnum((unsigned char)*p) || *p == '_'))
		p++;
	if (q == p || !isalpha((unsigned char)*q)) {
		errno = 0;
		err_syserr("invalid ruleset name: \"%.20s\"", q);
		return -1;
	}
	char *name = mem_strndup(q, (size_t)(p - q));
	if (isspace((unsigned char)*p))
		q = name;   /* sendmail NUL-terminates the name at the blanks */
	while (isspace((unsigned char)*p))
		p++;
	int rs = -1, delim = *p;
	intptr_t known = (intptr_t)htab_get(ruleset_names(cf), name) - 1;
	if (!create && known == -1) {
		mem_free(name);
		return -1;
	}
	if (create && delim == '=') {
		p++;
		while (isspace((unsigned char)*p))
			p++;
		if (!isdigit((unsigned char)*p)) {
			errno = 0;
			err_syserr("bad ruleset definition \"%s\" (number required after `=')", q);
			mem_free(name);
			return -1;
		}
		char *ep;
		errno = 0;
		int n = (int)strtol(p, &ep, 10);   /* C int wraps like atoi */
		if (endp != NULL)
			*endp = ep;
		if (n >= MAXRWNUM || n < 0) {
			err_syserr("bad ruleset number %d in \"%s\" (%d max)", n, q, MAXRWNUM);
			/* like sendmail, the name is still entered, without a
			 * number: the next lookup gives it one (see below) */
			if (known == -1)
				htab_put(ruleset_names(cf), name, (void *)(intptr_t)RS_UNNUMBERED);
			mem_free(name);
			return -1;
		}
		rs = n;
	} else {
		if (endp != NULL)
			*endp = p;
		if (known >= 0)
			rs = (int)known;
		else if ((rs = --cf->rs.next_auto) < MAXRWNUM) {
			errno = 0;
			err_syserr("%s: too many named rulesets (%d max)", name, MAXRWNUM);
			mem_free(name);
			return -1;
		}
	}
	rs = ruleset_bind(cf, name, q, rs, create);
	mem_free(name);
	return rs;
}

int ruleset_lookup(struct config *cf, const char *name, int create, int report)
{
	(void)report;
	return ruleset_parse(cf, name, NULL, create);
}

int ruleset_define(struct config *cf, const char *arg)
{
	int rs = ruleset_parse(cf, arg, NULL, 1);
	if (rs >= 0)
		cf->rs.defined[rs] = 1;
	return rs;
}

const char *ruleset_name(const struct config *cf, int rs)
{
	if (rs < 0 || rs >= MAXRWSETS)
		return NULL;
	return cf->rs.name[rs];
}

const char *ruleset_label(const struct config *cf, int rs, char *buf, unsigned sz)
{
	const char *n = ruleset_name(cf, rs);
	if (n != NULL)
		return n;
	snprintf(buf, sz, "%d", rs);
	return buf;
}

void ruleset_add_rule(struct config *cf, int rs, struct rule *r)
{
	if (rs < 0 || rs >= MAXRWSETS)
		return;
	r->next = NULL;
	if (cf->rs.last[rs] == NULL)
		cf->rs.first[rs] = r;
	else
		cf->rs.last[rs]->next = r;
	cf->rs.last[rs] = r;
}

/* Free the name table and names (rules live in the config arena). */
void ruleset_free(struct config *cf)
{
	for (int i = 0; i < 256; i++) {
		mem_free(cf->rs.name[i]);
		cf->rs.name[i] = NULL;
	}
	if (cf->rs.byname != NULL)
		htab_free(cf->rs.byname, NULL);
	cf->rs.byname = NULL;
}
