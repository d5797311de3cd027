/* recipient_local.c - the local side of recipient(): alias lookup in the
 * "aliases" map (with owner- lists), ruleset 5 (maplocaluser), the
 * password-file user check and the shell check. Touches the list, the
 * runtime macros and err.h state; reads the passwd database. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <pwd.h>
#include <unistd.h>
#include "recipient.h"
#include "map.h"
#include "alias.h"
#include "class.h"
#include "token.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* AliasWait and the out-of-date warning for the alias maps under m
 * (the switch "aliases" -> "aliases.files" -> Alias0..), as the
 * reference does when it opens them. */
static void rl_aliaswait_map(struct config *cf, struct map *m, int depth)
{
	if (m == NULL || depth > 4 || map_open(m, cf) != 0)
		return;
	if (m->nstack == 0) {
		if (m->flags & MF_ALIAS)
			(void)alias_wait(cf, m);
		return;
	}
	for (int i = 0; i < m->nstack; i++)
		rl_aliaswait_map(cf, m->stack[i], depth + 1);
}

static void rl_aliaswait(struct config *cf, struct map *m)
{
	static int done;
	if (!done++)
		rl_aliaswait_map(cf, m, 0);
}

char *recipient_aliaslookup(struct rcpt_list *rl, const char *key, int *stat)
{
	struct config *cf = rl->rc->cf;
	struct map *m = map_find(cf, "aliases");
	*stat = MAPS_OK;
	if (m == NULL || map_open(m, cf) != 0)
		return NULL;
	rl_aliaswait(cf, m);
	if (strcasecmp(key, "postmaster") == 0)
		key = "postmaster";
	struct lookup_ctx lc = { .cf = cf, .mac = rl->rc->mac };
	char *av[2] = { (char *)key, NULL };
	int st = MAPS_OK;
	char *v = map_lookup_class(m, key, av, &st, &lc);
	if (st == MAPS_TEMPFAIL)
		*stat = MAPS_TEMPFAIL;
	return v;
}

/* sendmail's shortenstring(s, MAXSHORTSTR). */
static const char *rl_short(const char *s, char *buf, size_t sz)
{
	size_t l = strlen(s);
	if (l < 203)
		return s;
	snprintf(buf, sz, "%.100s...%s", s, s + l - 100);
	return buf;
}

void recipient_alias(struct rcpt_list *rl, struct rcpt *a, int level)
{
	int stat;
	char sbuf[260], obuf[256];
	if (a->state != RS_OK || rl->noalias)
		return;
	err_set_addr(a->a.paddr);
	char *p = recipient_aliaslookup(rl, a->a.user, &stat);
	if (stat == MAPS_TEMPFAIL) {
		a->state = RS_QUEUEUP;
		mem_free(p);
		return;
	}
	if (p == NULL)
		return;
	err_message("aliased to %s", rl_short(p, sbuf, sizeof sbuf));
	if (!(a->flags & RQ_GOODUID)) {
		/* an alias runs as DefaultUser (gid 0), as in the reference */
		gid_t g;
		include_defuser(rl->rc->cf, &a->uid, &g);
		a->gid = 0;
		a->flags |= RQ_GOODUID;
	}
	a->flags &= ~RQ_SELFREF;
	a->state = RS_EXPANDED;
	(void)recipient_sendtolist(rl, p, a, level + 1);
	mem_free(p);
	if ((a->flags & RQ_SELFREF) && a->state == RS_EXPANDED)
		a->state = RS_OK;
	if (strncmp(a->a.user, "owner-", 6) == 0 || strlen(a->a.user) > sizeof obuf - 7)
		snprintf(obuf, sizeof obuf, "owner-owner");
	else
		snprintf(obuf, sizeof obuf, "owner-%s", a->a.user);
	char *owner = recipient_aliaslookup(rl, obuf, &stat);
	if (owner == NULL)
		return;
	if (strpbrk(owner, ",:/|\"") != NULL) {
		mem_free(owner);
		owner = mem_strdup(obuf);
	}
	mem_free(a->owner);
	a->owner = owner;
}

void recipient_rs5(struct rcpt_list *rl, struct rcpt *a, int level)
{
	struct rw_ctx *rc = rl->rc;
	if (rc->cf->level < 2 || rc->cf->rs.first[5] == NULL || !mailer_flag(a->a.mailer, '5'))
		return;
	struct prescan_res res;
	/* like maplocaluser: $h is this address's host (+detail) */
	macro_set(rc->mac, 'h', a->a.host);
	memset(&res, 0, sizeof res);
	if (prescan_ex(config_tok(rc->cf), TOK_EXTERNAL, a->a.user, '\0', PS_IGNORE,
		       rc->ar, &res) < 0 || res.pvp == NULL)
		return;
	char **pvp = arena_alloc(rc->ar, (MAXATOM + 1) * sizeof *pvp);
	int n = tok_count(res.pvp);
	memcpy(pvp, res.pvp, (size_t)n * sizeof *pvp);
	pvp[n] = NULL;
	if (rewrite(rc, 5, pvp, MAXATOM + 1) == 75) {
		a->state = RS_QUEUEUP;
		return;
	}
	if (pvp[0] == NULL || (unsigned char)pvp[0][0] != META_CANONNET || pvp[0][1] != '\0')
		return;
	struct rcpt *a1 = mem_zalloc(sizeof *a1);
	parseaddr_build(rc, pvp, &a1->a, 0, a->a.paddr);
	a1->uid = (uid_t)-1;
	a1->gid = (gid_t)-1;
	if (a1->a.is_error)
		a1->state = a1->a.temp ? RS_QUEUEUP : RS_BADADDR;
	if (recipient_same(a, a1)) {
		parseaddr_free(&a1->a);
		mem_free(a1);
		return;
	}
	a->state = RS_REPLACED;
	a1->alias = a;
	(void)recipient_add(rl, a1, level + 1);
}

int recipient_shellok(struct rcpt_list *rl, const char *user, const char *shell)
{
	const char *p;
	int ok = 0;
	if (shell == NULL || shell[0] == '\0' || rl->rc->cf->level <= 1 ||
	    class_member(rl->rc->cf->classes, 't', user))
		return 1;
	setusershell();
	while ((p = getusershell()) != NULL)
		if (strcmp(p, shell) == 0 || strcmp(p, "/SENDMAIL/ANY/SHELL/") == 0) {
			ok = 1;
			break;
		}
	endusershell();
	return ok;
}

static void rl_setstat(int st)
{
	recipient_setstat(st);
}

/* finduser: 0 found (*fuzzy if only the lower-cased name matched). */
static struct passwd *rl_finduser(char *name, int *fuzzy)
{
	const char *p;
	*fuzzy = 0;
	for (p = name; *p && isdigit((unsigned char)*p); p++)
		;
	if (*p == '\0')
		return NULL;
	struct passwd *pw = getpwnam(name);
	if (pw != NULL)
		return pw;
	int again = 0;
	for (char *q = name; *q; q++)
		if (isupper((unsigned char)*q)) {
			*q = (char)tolower((unsigned char)*q);
			again = 1;
		}
	if (again && (pw = getpwnam(name)) != NULL)
		*fuzzy = 1;
	return pw;
}

int recipient_local(struct rcpt_list *rl, struct rcpt *r, int level, char *buf, int quoted)
{
	int fuzzy;
	struct passwd *pw = rl_finduser(buf, &fuzzy);
	if (pw == NULL) {
		r->state = RS_BADADDR;
		err_set_addr(r->a.paddr);
		err_usrerr("550 5.1.1 User unknown");
		rl_setstat(67);
		return 0;
	}
	if (fuzzy) {
		mem_free(r->a.user);
		r->a.user = mem_strdup(pw->pw_name);
		recipient_index(rl, r);	/* its identity changed */
		return 1;
	}
	mem_free(r->home);
	r->home = mem_strdup(strcmp(pw->pw_dir, "/") == 0 ? "" : pw->pw_dir);
	r->uid = pw->pw_uid;
	r->gid = pw->pw_gid;
	r->flags |= RQ_GOODUID;
	mem_free(r->ruser);
	r->ruser = mem_strdup(pw->pw_name);
	if (!recipient_shellok(rl, pw->pw_name, pw->pw_shell))
		r->flags |= RQ_BOGUSSHELL;
	if (!quoted)
		forward_user(rl, r, level);
	return 0;
}
