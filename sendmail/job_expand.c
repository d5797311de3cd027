/* job_expand.c - a queue run's recipient expansion, as the reference's
 * readqf hands each R line to recipient(): the C line becomes the
 * controlling address (setctluser: "user:uid:gid:addr" or ":addr"), then
 * aliases, :include:, .forward and duplicate suppression through
 * recipient.h (shared with submission). j->r is rebuilt in the list's
 * order: expanded entries inherit their R line's notify flags, r and Q
 * lines and get C lines and flags as the qf writer makes them; failures
 * go to the DSN (no to= line), the messages to the transcript and, under
 * -v, the terminal. Touches j->r, err.h state, what the expansion reads. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "deliver.h"
#include "err.h"
#include "macro.h"
#include "recipient.h"
#include "../libsmutil/htab.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* One entry of the new recipient order. */
struct xent {
	struct rcpt *e;         /* list entry, NULL: parse failure (orig kept) */
	size_t orig;            /* index of the R line in the old j->r */
};

struct xstate {
	struct deliver_ctx *dc;
	struct rcpt_list *rl;
	struct job_rcpt *old;
	size_t nold;
	struct xent *v;
	size_t nv;
	struct htab *tops;      /* "%p" of a top entry -> its old j->r */
	FILE *mf;               /* the expansion's messages (codes kept) */
	char *cap;
	size_t caplen, capoff;
	int quiet;              /* just submitted: the submission showed it */
};

/* setctluser: the controlling address of a C line (NULL for none). */
static struct rcpt *jx_ctladdr(struct xstate *x, const char *ctl)
{
	if (ctl == NULL || *ctl == '\0')
		return NULL;
	struct rcpt *c = mem_zalloc(sizeof *c);
	/* no mailer: the reference never finds its loops through this
	 * stand-in (an :include: listing its C line's user delivers) */
	c->a.mailer = NULL;
	char *s = mem_strdup(ctl), *addr = NULL;
	if (*s == ':') {
		c->a.user = mem_strdup(s + 1);
		addr = s + 1;
	} else {
		char *f[3] = { NULL, NULL, NULL };
		char *p = strchr(s, ':');
		for (int i = 0; i < 3 && p != NULL; i++) {
			*p++ = '\0';
			f[i] = p;
			p = i < 2 ? strchr(p, ':') : NULL;
		}
		c->a.user = mem_strdup(s);
		c->ruser = mem_strdup(s);
		if (f[0] != NULL)
			c->uid = (uid_t)atol(f[0]);
		if (f[1] != NULL)
			c->gid = (gid_t)atol(f[1]);
		if (f[2] != NULL) {
			c->flags |= RQ_GOODUID;
			addr = f[2];
		}
	}
	c->a.paddr = mem_strdup(addr != NULL ? addr : c->a.user);
	c->flags |= RQ_PRIMARY;
	mem_free(s);
	c->next = x->rl->junk;          /* freed with the list */
	x->rl->junk = c;
	return c;
}

/* The R line's qf flags for an expanded entry: P, the inherited N S F D,
 * A (it came from another address). */
static char *jx_flags(const struct rcpt *e, const char *pf)
{
	struct str f;
	str_init(&f, 0);
	if (e->flags & RQ_PRIMARY)
		str_addc(&f, 'P');
	for (const char *c = "NSFD"; *c != '\0'; c++)
		if (pf != NULL && strchr(pf, *c) != NULL)
			str_addc(&f, *c);
	if (recipient_from_alias(e))
		str_addc(&f, 'A');
	return str_steal(&f);
}

/* The R line entry e came from (index into x->old). */
static size_t jx_top(struct xstate *x, const struct rcpt *e, int *is_top)
{
	char k[32];
	*is_top = 1;
	for (const struct rcpt *a = e; a != NULL; a = a->alias) {
		(void)snprintf(k, sizeof k, "%p", (const void *)a);
		void *v = htab_get(x->tops, k);
		if (v != NULL)
			return (size_t)((struct job_rcpt *)v - x->old);
		*is_top = 0;
	}
	return 0;
}

/* What the expansion printed (codes kept): 4xx/5xx lines to the
 * transcript, everything to the terminal under -v without its codes
 * (the 4xx/5xx ones alone in a foreground queue run). */
static void jx_capture(struct xstate *x, const char *cap, size_t len)
{
	struct job *j = x->dc->j;
	const char *end = cap + len;
	while (cap < end) {
		const char *nl = memchr(cap, '\n', (size_t)(end - cap));
		size_t n = nl ? (size_t)(nl - cap) + 1 : (size_t)(end - cap);
		size_t t = n;
		while (t > 0 && (cap[t - 1] == '\n' || cap[t - 1] == '\r'))
			t--;
		if (t > 4 && (cap[0] == '4' || cap[0] == '5'))
			job_transcript(j, "%.*s", (int)t, cap);
		const char *p = cap + (t > 4 ? 4 : t), *e = cap + t;
		const char *q = p;
		if (q < e && isdigit((unsigned char)*q) && q + 1 < e && q[1] == '.') {
			while (q < e && *q != ' ')
				q++;
			if (q < e)
				p = q + 1;
		}
		int coded = t > 4 && (cap[0] == '4' || cap[0] == '5');
		if (!x->quiet && (x->dc->verbose || (coded && (j->flags & JOB_SHOWERR)))) {
			fwrite(p, 1, (size_t)(e - p), stdout);
			fputc('\n', stdout);
		}
		cap += n;
	}
	fflush(stdout);
}

static void jx_push(struct xstate *x, struct rcpt *e, size_t orig)
{
	x->v = mem_realloc(x->v, (x->nv + 1) * sizeof *x->v);
	x->v[x->nv].e = e;
	x->v[x->nv++].orig = orig;
}

/* One R line: parse it (a failure stays with the old entry), then
 * recipient() with its controlling address. */
static void jx_rline(struct xstate *x, size_t i)
{
	struct job_rcpt *o = &x->old[i];
	struct address a;
	if (o->state != JR_PENDING || job_parse_rcpt(x->dc, o, &a) < 0) {
		jx_push(x, NULL, i);
		return;
	}
	struct rcpt *q = mem_zalloc(sizeof *q);
	q->a = a;
	mem_free(q->a.paddr);
	q->a.paddr = mem_strdup(o->addr);
	q->uid = (uid_t)-1;
	q->gid = (gid_t)-1;
	q->alias = jx_ctladdr(x, o->ctl);
	char k[32];
	(void)snprintf(k, sizeof k, "%p", (const void *)q);
	htab_put(x->tops, k, o);
	struct rcpt **mark = x->rl->tail;
	err_set_output(x->mf, 0);
	(void)recipient_add(x->rl, q, 0);
	err_set_output(stdout, 1);
	fflush(x->mf);
	jx_capture(x, x->cap + x->capoff, x->caplen - x->capoff);
	x->capoff = x->caplen;
	for (struct rcpt *e = *mark; e != NULL; e = e->next)
		jx_push(x, e, i);
}

/* The DSN's X-Actual-Recipient of a failed entry: its mailer's address
 * type and user, an rfc822 one qualified with $j even when a path. */
static void jx_actual(struct xstate *x, struct job_rcpt *n, const struct rcpt *e)
{
	const char *u = e->a.user ? e->a.user : "";
	n->actual = recipient_actual(e->a.mailer, u, macro_get(x->dc->rc->mac, 'j'));
	n->user = mem_strdup(u);
}

/* The new j->r entry for list entry e of R line o. */
static void jx_entry(struct xstate *x, struct job_rcpt *n, struct rcpt *e, size_t oi)
{
	struct job_rcpt *o = &x->old[oi];
	int top;
	(void)jx_top(x, e, &top);
	n->rline = o->rline;
	n->addr = mem_strdup(e->a.paddr ? e->a.paddr : "");
	n->orcpt = o->orcpt ? mem_strdup(o->orcpt) : NULL;
	n->final = o->final ? mem_strdup(o->final) : NULL;
	n->notify = o->notify;
	if (e->alias != NULL && e->alias->a.paddr != NULL)
		n->expfrom = mem_strdup(e->alias->a.paddr);
	if (top) {
		n->ctl = o->ctl ? mem_strdup(o->ctl) : NULL;
		n->rflags = o->rflags ? mem_strdup(o->rflags) : NULL;
	} else {
		n->ctl = recipient_ctl_line(e);
		n->rflags = jx_flags(e, o->rflags);
		struct rcpt *c = recipient_ctladdr(e);
		if (c != NULL) {        /* the log names it even as root */
			struct str l;
			str_init(&l, 0);
			str_printf(&l, "%s (%ld/%ld)", c->a.paddr ? c->a.paddr : "",
				   (long)c->uid, (long)c->gid);
			n->logctl = str_steal(&l);
		}
	}
	const char *ec = e->ecodes != NULL ? strchr(e->ecodes, ' ') : NULL;
	if (recipient_sendable(e->state)) {
		n->state = e->state == RS_QUEUEUP ? JR_DEFERRED : JR_PENDING;
		n->nolog = e->state == RS_QUEUEUP;
		if (e->state == RS_QUEUEUP) {
			n->status = mem_strdup(ec != NULL ? ec + 1 : "4.0.0");
			if (e->etext != NULL)
				job_set_message(x->dc->j, e->etext);
		}
		return;
	}
	n->state = JR_FAILED;       /* RS_BADADDR: bounced */
	n->exitstat = 67;
	n->status = mem_strdup(ec != NULL ? ec + 1 : "5.0.0");
	size_t tl = e->etext != NULL ? strlen(e->etext) : 0;
	if (tl >= 12 && strcmp(e->etext + tl - 12, "User unknown") == 0 && e->a.mailer != NULL) {
		/* recipient()'s giveresponse: logged, a reason in the DSN */
		n->userunknown = 1;
		n->mailer = mem_strdup(e->a.mailer->name);
		n->diag = mem_strdup("550 5.1.1 User unknown");
		n->stat = mem_strdup("User unknown");
		job_set_message(x->dc->j, "User unknown");
		return;
	}
	n->nolog = 1;               /* "Cannot mail directly ...": not logged */
	if (e->etext != NULL)
		job_set_message(x->dc->j, e->etext);
	jx_actual(x, n, e);
}

/* j->r from the collected entries (dead ones dropped). */
static void jx_rebuild(struct xstate *x, struct rcpt ***src)
{
	struct job *j = x->dc->j;
	struct job_rcpt *nr = mem_array(x->nv + 1, sizeof *nr);
	struct rcpt **sv = mem_array(x->nv + 1, sizeof *sv);
	size_t n = 0;
	memset(nr, 0, (x->nv + 1) * sizeof *nr);
	for (size_t k = 0; k < x->nv; k++) {
		struct rcpt *e = x->v[k].e;
		if (e == NULL) {            /* a parse failure: as it was */
			nr[n] = x->old[x->v[k].orig];
			memset(&x->old[x->v[k].orig], 0, sizeof x->old[0]);
			sv[n++] = NULL;
			continue;
		}
		if (recipient_dead(e->state))
			continue;
		jx_entry(x, &nr[n], e, x->v[k].orig);
		sv[n] = nr[n].state == JR_PENDING ? e : NULL;
		n++;
	}
	j->r = nr;
	j->nr = n;
	*src = sv;
}

void job_expand(struct deliver_ctx *dc, struct rw_ctx *xrc, struct rcpt_list *rl,
		struct rcpt ***src)
{
	struct job *j = dc->j;
	struct xstate x;
	memset(&x, 0, sizeof x);
	x.dc = dc;
	x.rl = rl;
	x.old = j->r;
	x.nold = j->nr;
	x.tops = htab_new(64, 0);
	recipient_init(rl, xrc);
	x.mf = open_memstream(&x.cap, &x.caplen);
	/* in the submitting process (-odi/-odb) the members were expanded
	 * (and shown under -v) by the submission: expanding them again
	 * must not show anything twice */
	x.quiet = (j->flags & JOB_INTERACTIVE) != 0;
	int ex = err_exitstat(), verb = err_get_verbose();
	err_set_verbose(x.quiet ? 0 : dc->verbose);
	for (size_t i = 0; i < x.nold; i++)
		jx_rline(&x, i);
	err_set_verbose(verb);
	err_reset_exitstat();
	err_set_exitstat(ex);
	fclose(x.mf);
	free(x.cap);
	jx_rebuild(&x, src);
	for (size_t i = 0; i < x.nold; i++) {
		job_rcpt_free(&x.old[i]);
	}
	mem_free(x.old);
	mem_free(x.v);
	htab_free(x.tops, NULL);
}
