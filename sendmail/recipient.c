/* recipient.c - the recipient list of an envelope: sendtolist (parse a
 * comma-separated list), recipient (duplicate suppression, direct-mailing
 * restrictions, :include:, aliasing, ruleset 5, local users), self-
 * reference detection and the loop messages. Touches only the list, the
 * runtime macros of rl->rc and the err.h context/status. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include "recipient.h"
#include "token.h"
#include "options.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/htab.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

int recipient_sendable(int state)
{
	return state == RS_OK || state == RS_VERIFIED || state == RS_QUEUEUP;
}

int recipient_dead(int state)
{
	return !recipient_sendable(state) && state != RS_BADADDR;
}

void recipient_init(struct rcpt_list *rl, struct rw_ctx *rc)
{
	memset(rl, 0, sizeof *rl);
	rl->rc = rc;
	rl->maxrecursion = (int)option_num(rc->cf, "MaxAliasRecursion", 10);
	rl->maxforward = (int)option_num(rc->cf, "MaxForwardEntries", 0);
	rl->tail = &rl->head;
	rl->dupidx = htab_new(256, 0);
}

struct rcpt_bucket {
	struct rcpt **v;
	int n, cap;
};

/* The index key: mailer, then user and host folded to lower case (the
 * exact comparison is recipient_same's). */
static void rcpt_key(struct str *k, const struct rcpt *r)
{
	str_printf(k, "%p", (const void *)r->a.mailer);
	for (int i = 0; i < 2; i++) {
		const char *s = i == 0 ? r->a.user : r->a.host;
		str_addc(k, '\001');
		for (; s != NULL && *s != '\0'; s++)
			str_addc(k, tolower((unsigned char)*s));
	}
}

void recipient_index(struct rcpt_list *rl, struct rcpt *r)
{
	struct str k;
	str_init(&k, 0);
	rcpt_key(&k, r);
	struct rcpt_bucket *b = htab_get(rl->dupidx, k.s);
	if (b == NULL) {
		b = mem_zalloc(sizeof *b);
		htab_put(rl->dupidx, k.s, b);
	}
	if (b->n + 1 >= b->cap) {
		b->cap = b->cap ? 2 * b->cap : 4;
		b->v = mem_realloc(b->v, (size_t)b->cap * sizeof *b->v);
	}
	b->v[b->n++] = r;
	b->v[b->n] = NULL;
	str_free(&k);
}

struct rcpt **recipient_candidates(struct rcpt_list *rl, const struct rcpt *r, int *n)
{
	struct str k;
	str_init(&k, 0);
	rcpt_key(&k, r);
	struct rcpt_bucket *b = htab_get(rl->dupidx, k.s);
	str_free(&k);
	*n = b != NULL ? b->n : 0;
	return b != NULL ? b->v : NULL;
}

static void rcpt_bucket_free(void *p)
{
	struct rcpt_bucket *b = p;
	mem_free(b->v);
	mem_free(b);
}

void recipient_free_one(struct rcpt *r)
{
	parseaddr_free(&r->a);
	mem_free(r->owner);
	mem_free(r->home);
	mem_free(r->ruser);
	mem_free(r->ecodes);
	mem_free(r->etext);
	mem_free(r);
}

void recipient_free(struct rcpt_list *rl)
{
	struct rcpt *lists[2] = { rl->head, rl->junk };
	for (int i = 0; i < 2; i++) {
		struct rcpt *r, *n;
		for (r = lists[i]; r != NULL; r = n) {
			n = r->next;
			recipient_free_one(r);
		}
	}
	rl->head = rl->junk = NULL;
	rl->tail = &rl->head;
	mem_free(rl->emsg);
	rl->emsg = NULL;
	htab_free(rl->dupidx, rcpt_bucket_free);
	rl->dupidx = NULL;
}

int recipient_same(const struct rcpt *a, const struct rcpt *b)
{
	if (a->a.mailer != b->a.mailer)
		return 0;
	if (strcmp(a->a.user ? a->a.user : "", b->a.user ? b->a.user : "") != 0)
		return 0;
	if (a->a.mailer != NULL && a->a.mailer->name != NULL &&
	    strcmp(a->a.mailer->name, "prog") == 0) {
		struct rcpt *ca = recipient_ctladdr((struct rcpt *)a);
		struct rcpt *cb = recipient_ctladdr((struct rcpt *)b);
		if (ca != NULL && cb != NULL && ca->uid != cb->uid)
			return 0;
	}
	if (a->a.host == NULL || b->a.host == NULL)
		return a->a.host == b->a.host;
	return strcasecmp(a->a.host, b->a.host) == 0;
}

struct rcpt *recipient_ctladdr(struct rcpt *r)
{
	for (; r != NULL; r = r->alias)
		if (r->flags & RQ_GOODUID)
			return r;
	return NULL;
}

void recipient_setstat(int st)
{
	int cur = err_exitstat();
	if (st != 0 && (cur == 0 || cur == 75))
		err_set_exitstat(st);
}

char *recipient_ctl_line(const struct rcpt *q)
{
	struct str s;
	str_init(&s, 0);
	struct rcpt *c = recipient_ctladdr((struct rcpt *)q);
	const char *ap = q->alias->a.paddr ? q->alias->a.paddr : "";
	if (c == NULL || c->uid == 0)
		str_printf(&s, ":%s", ap);
	else
		str_printf(&s, "%s:%ld:%ld:%s", c->ruser ? c->ruser : c->a.user,
			   (long)c->uid, (long)c->gid, ap);
	return str_steal(&s);
}

char *recipient_actual(const struct mailer *m, const char *u, const char *jn)
{
	const char *t = m != NULL && m->addrtype != NULL ? m->addrtype : "rfc822";
	int rfc = strcasecmp(t, "rfc822") == 0;
	struct str q;
	str_init(&q, 0);
	str_printf(&q, "%s; %s", rfc ? "rfc822" : t, u);
	if (rfc && *u != '\0' && strchr(u, '@') == NULL)
		str_printf(&q, "@%s", jn != NULL ? jn : "");
	return str_steal(&q);
}

int recipient_from_alias(const struct rcpt *r)
{
	const struct rcpt *p = r->alias;
	if (p == NULL || p->home != NULL)
		return 0;
	return !(p->a.mailer != NULL && p->a.mailer->name != NULL &&
		 strcmp(p->a.mailer->name, "*include*") == 0);
}

/* sendmail's self_reference: the entry that breaks a loop through a, or
 * NULL when a is not in a loop (or no entry is a real mailbox). */
static struct rcpt *rcpt_selfref(struct rcpt *a)
{
	struct rcpt *b, *c;
	for (b = a->alias; b != NULL; b = b->alias)
		if (recipient_same(a, b))
			break;
	if (b == NULL)
		return NULL;
	for (c = a; c != NULL; c = c->alias) {
		const struct mailer *m = c->a.mailer;
		int hit = 0;
		if (m == NULL)          /* a queue run's C line (job_expand.c) */
			continue;
		if (mailer_flag(m, 'w'))
			hit = getpwnam(c->a.user) != NULL;
		else
			hit = mailer_flag(m, 'l') && b->a.mailer == m;
		if (hit)
			return recipient_same(b, c) ? b : c;
	}
	return NULL;
}

/* Find the end of the next address of list (at top-level delim). */
static const char *rcpt_addrend(struct rcpt_list *rl, const char *p, int delim)
{
	struct prescan_res res;
	memset(&res, 0, sizeof res);
	(void)prescan_ex(config_tok(rl->rc->cf), TOK_EXTERNAL, p, delim, PS_IGNORE,
			 rl->rc->ar, &res);
	if (res.end == NULL || res.end < p)
		return p + strlen(p);
	return res.end;
}

/* Parse one address text into a new entry (NULL if unparseable). */
static struct rcpt *rcpt_parse(struct rcpt_list *rl, const char *text)
{
	struct rcpt *r = mem_zalloc(sizeof *r);
	if (parseaddr(rl->rc, text, &r->a, RF_COPYALL, '\0', NULL) < 0) {
		parseaddr_free(&r->a);
		mem_free(r);
		return NULL;
	}
	mem_free(r->a.paddr);
	r->a.paddr = mem_strdup(text);
	if (r->a.is_error)
		r->state = r->a.temp ? RS_QUEUEUP : RS_BADADDR;
	r->uid = (uid_t)-1;
	r->gid = (gid_t)-1;
	return r;
}

/* Tie a to its parent ctl; returns 0 if a must be dropped (loop). */
static int rcpt_inherit(struct rcpt *a, struct rcpt *ctl)
{
	a->alias = ctl;
	if (ctl == NULL)
		return 1;
	if (recipient_same(ctl, a))
		ctl->flags |= RQ_SELFREF;
	struct rcpt *b = rcpt_selfref(a);
	if (b != NULL) {
		b->flags |= RQ_SELFREF;
		if (a != b)
			return 0;
	}
	return 1;
}

int recipient_sendtolist(struct rcpt_list *rl, const char *list, struct rcpt *ctl, int level)
{
	struct rcpt *al = NULL;
	int naddrs = 0;
	const char *p = list;
	if (ctl == NULL && strpbrk(list, ",;<(") != NULL)
		rl->newstyle = 1;
	int delim = ctl != NULL || rl->newstyle ? ',' : ' ';
	while (*p != '\0') {
		while (isspace((unsigned char)*p) || *p == ',')
			p++;
		if (*p == '\0')
			break;
		const char *end = rcpt_addrend(rl, p, delim);
		char *text = mem_strndup(p, (size_t)(end - p));
		p = *end ? end + 1 : end;
		struct rcpt *a = rcpt_parse(rl, text);
		mem_free(text);
		if (a == NULL)
			continue;
		if (!rcpt_inherit(a, ctl)) {
			parseaddr_free(&a->a);
			mem_free(a);
			continue;
		}
		a->next = al;
		al = a;
	}
	while (al != NULL) {
		struct rcpt *a = al;
		al = a->next;
		a->next = NULL;
		/* every address that reached recipient() counts (an expanded
		 * list or an :include: in a .forward replaces the user too) */
		(void)recipient_add(rl, a, level);
		naddrs++;
	}
	return naddrs;
}
