/* alias_entry.c - one aliases-file entry to its database key: the LHS is
 * parsed as an address (rulesets 3 and 0), must resolve to a mailer with
 * F=A, and the key is the resolved user part, lower-cased unless the
 * mailer has F=u ("postmaster" always). Shared by newaliases and the
 * text reader of stab alias maps. Touches: err.h output, its own arena. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include "alias.h"
#include "config.h"
#include "err.h"
#include "options.h"
#include "parseaddr.h"
#include "token.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

void alias_resolver_init(struct alias_resolver *ar, struct config *cf)
{
	memset(ar, 0, sizeof *ar);
	ar->cf = cf;
	(void)config_tok(cf);
	macros_init(&ar->mac, &cf->macros);
	ar->rc.cf = cf;
	ar->rc.mac = &ar->mac;
	ar->rc.ar = arena_new(16384);
	ar->rc.trace_fp = NULL;
	ar->rc.trace_prefix = "";
	ar->check = option_num(cf, "CheckAliases", 0) != 0;
}

void alias_resolver_free(struct alias_resolver *ar)
{
	arena_free(ar->rc.ar);
	macros_free(&ar->mac);
	ar->rc.ar = NULL;
}

void alias_resolver_reset(struct alias_resolver *ar)
{
	arena_reset(ar->rc.ar);
}

void alias_parse_error(void *ctx, const char *file, int lineno, const char *text)
{
	(void)ctx;
	err_set_file(file, lineno);
	err_set_addr(NULL);
	errno = 0;
	err_syserr("%s", text);
	err_set_file(NULL, 0);
}

/* The LHS text as sendmail's parseaddr sees it: up to the top-level ':'
 * (quotes and brackets respected), in the arena. */
static char *alias_lhs(struct alias_resolver *ar, const struct alias_parse_entry *e)
{
	struct prescan_res res;
	memset(&res, 0, sizeof res);
	size_t n = e->colon;
	if (prescan_ex(ar->cf->tok, TOK_EXTERNAL, e->line, ':', PS_IGNORE,
		       ar->rc.ar, &res) >= 0 && res.end != NULL &&
	    res.end >= e->line && res.end <= e->line + e->len)
		n = (size_t)(res.end - e->line);
	return arena_strndup(ar->rc.ar, e->line, n);
}

/* CheckAliases: parse every element of the RHS; report the bad ones. */
static void alias_check_rhs(struct alias_resolver *ar, const char *p)
{
	while (*p != '\0') {
		while ((isascii((unsigned char)*p) && isspace((unsigned char)*p)) || *p == ',')
			p++;
		if (*p == '\0')
			break;
		struct address a;
		const char *delim = NULL;
		if (parseaddr(&ar->rc, p, &a, 0, ',', &delim) < 0) {
			err_set_addr(p);
			err_usrerr("553 5.3.5 %s... bad address", p);
		}
		parseaddr_free(&a);
		err_set_addr(NULL);
		if (delim == NULL || delim <= p)
			break;
		p = delim;
	}
}

/* Lower-case the key unless the mailer keeps case (F=u). */
static void alias_fold(char *key, const struct mailer *m)
{
	if (mailer_flag(m, 'u') && strcasecmp(key, "postmaster") != 0)
		return;
	for (char *c = key; *c; c++)
		if (isascii((unsigned char)*c) && isupper((unsigned char)*c))
			*c = (char)tolower((unsigned char)*c);
}

int alias_resolve(struct alias_resolver *ar, const struct alias_parse_entry *e,
		  char **key, char **paddr)
{
	int ret = -1;
	struct address a;
	err_set_file(e->file, e->lineno);
	char *lhs = alias_lhs(ar, e);
	errno = 0;
	memset(&a, 0, sizeof a);
	/* like sendmail: the whole line, parsed up to the top-level ':' */
	if (parseaddr(&ar->rc, e->line, &a, RF_COPYALL, ':', NULL) < 0) {
		err_set_addr(NULL);
		errno = 0;
		err_syserr("554 5.3.5 %.40s... illegal alias name", e->line);
		goto out;
	}
	err_set_addr(NULL);
	if (a.mailer == NULL || !mailer_flag(a.mailer, 'A')) {
		if (a.is_error)   /* sendmail's error path masks control chars */
			for (char *c = lhs; *c; c++)
				if (iscntrl((unsigned char)*c))
					*c = '?';
		errno = 0;
		err_syserr("554 5.3.5 %s... cannot alias non-local names", lhs);
		goto out;
	}
	if (*e->rhs == '\0') {
		errno = 0;
		err_syserr("554 5.3.5 %.40s... missing value for alias", e->line);
		goto out;
	}
	if (ar->check)
		alias_check_rhs(ar, e->rhs);
	*key = arena_strdup(ar->rc.ar, a.user != NULL ? a.user : "");
	alias_fold(*key, a.mailer);
	*paddr = lhs;
	ret = 0;
out:
	parseaddr_free(&a);
	err_set_addr(NULL);
	err_set_file(NULL, 0);
	return ret;
}
