/* rewrite_check.c - sendmail's rscap (run a named ruleset for a capability,
 * e.g. "queuegroup") and rscheck (run a check ruleset, act on $#error /
 * $#discard): string -> prescan -> rewrite. Touches the exit status and
 * errno (rscheck clears it, like sendmail) and prints through err.h. */
#include <errno.h>
#include <string.h>
#include "rewrite.h"
#include "parseaddr.h"
#include "token.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

/* p1 or "p1 $| p2" (CONDELSE joins the two strings). */
static void rc_join(struct str *s, const char *p1, const char *p2)
{
	str_init(s, 0);
	str_add(s, p1);
	if (p2 != NULL) {
		str_addc(s, (char)META_CONDELSE);
		str_add(s, p2);
	}
}

/* Tokenize buf into a fresh MAXATOM+1 slot vector (NULL if it failed). */
static char **rc_scan(struct rw_ctx *ctx, const char *buf, enum tok_table which, int flags)
{
	struct prescan_res res;
	memset(&res, 0, sizeof res);
	if (prescan_ex(config_tok(ctx->cf), which, buf, '\0', flags, ctx->ar, &res) < 0 ||
	    res.pvp == NULL)
		return NULL;
	char **v = arena_alloc(ctx->ar, (MAXATOM + 1) * sizeof *v);
	int n = 0;
	for (; res.pvp[n] != NULL && n < MAXATOM; n++)
		v[n] = res.pvp[n];
	v[n] = NULL;
	return v;
}

int rewrite_rscap(struct rw_ctx *ctx, const char *rsname, const char *p1,
		  const char *p2, char ***out)
{
	*out = NULL;
	int rs = ruleset_parse(ctx->cf, rsname, NULL, 0);
	if (rs < 0)
		return 69;   /* EX_UNAVAILABLE */
	struct str buf;
	rc_join(&buf, p1, p2);
	char **v = rc_scan(ctx, buf.s, TOK_INTERNAL, 0);
	str_free(&buf);
	if (v == NULL)
		return 65;   /* EX_DATAERR */
	*out = v;
	return rewrite(ctx, rs, v, MAXATOM + 1);
}

static int rc_ismeta(const char *t, int c)
{
	return t != NULL && (unsigned char)t[0] == c;
}

/* sendmail's setstat: only an OK or TEMPFAIL status is replaced. */
static void rc_setstat(int st)
{
	int cur = err_exitstat();
	if (st != 0 && (cur == 0 || cur == 75))
		err_set_exitstat(st);
}

int rewrite_rscheck(struct rw_ctx *ctx, const char *rsname, const char *p1,
		    const char *p2, int flags)
{
	int rs = ruleset_parse(ctx->cf, rsname, NULL, 0);
	if (rs < 0)
		return 0;
	struct str buf;
	rc_join(&buf, p1, p2);
	char **v = (flags & RSF_RMCOMM) ? rc_scan(ctx, buf.s, TOK_INTERNAL, 0)
					: rc_scan(ctx, buf.s, TOK_NOCOMMENT, PS_IGNORE);
	str_free(&buf);
	int rstat = 0;
	if (v != NULL) {
		(void)rewrite(ctx, rs, v, MAXATOM + 1);
		if (rc_ismeta(v[0], META_CANONNET) && v[1] != NULL &&
		    strcmp(v[1], "error") == 0 &&
		    !(rc_ismeta(v[2], META_CANONHOST) && v[3] != NULL &&
		      strcmp(v[3], "quarantine") == 0)) {
			struct address a;
			int saved = err_exitstat();
			parseaddr_build(ctx, v, &a, 0, NULL);
			parseaddr_free(&a);
			rstat = err_exitstat();
			err_set_exitstat(saved);
		}
	}
	rc_setstat(rstat);
	errno = 0;
	return rstat;
}
