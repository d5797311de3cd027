/* job_run.c - one delivery attempt of a queued job: load + lock, the
 * job's macros (qf $ lines, $i, $f/$g, $d), each pending recipient parsed
 * (rulesets 3,0) to its mailer triple ("|prog" and "/file" users of the
 * local mailer become prog and *file*), batches (F=m: same mailer, host
 * and controlling user, at most r= recipients), deliver_batch_run, then
 * DSNs (dsn.h), the qf rewrite/removal (job_finish.c) and the DSN jobs.
 * Touches the queue files of the job and what its mailers do. */
#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "deliver.h"
#include "dsn.h"
#include "err.h"
#include "options.h"
#include "macro.h"
#include "parseaddr.h"
#include "recipient.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static void job_macros(struct job *j, struct macros *mac)
{
	for (size_t i = 0; i < j->env.nlines; i++) {
		const struct qf_line *l = &j->env.lines[i];
		if (l->code != '$' || l->len < 1)
			continue;
		const char *ep = NULL;
		int id = l->val[0] == '{' ? macid_parse(l->val, &ep) : (unsigned char)l->val[0];
		const char *v = l->val[0] == '{' ? ep : l->val + 1;
		if (id != 0 && v != NULL)
			macro_set(mac, id, v);
	}
	macro_set(mac, 'i', j->id);
	macro_set(mac, 'f', j->env.sender ? j->env.sender : "");
	char d[64];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(d, sizeof d, "%a %b %e %H:%M:%S %Y", &tm);
	macro_set(mac, 'd', d);
}

/* Unquoted copy of s (F=s): quotes dropped, backslashes kept as sendmail's
 * stripquotes does for the mailbox. */
static char *unquote(const char *s)
{
	struct str b;
	str_init(&b, 0);
	for (; *s != '\0'; s++)
		if (*s != '"')
			str_addc(&b, *s);
	return str_steal(&b);
}

/* A recipient that resolved to $#error (or failed in buildaddr, a
 * syserr: postmaster gets the DSN too) at delivery time: its status,
 * the transcript line with codes, the envelope message. */
static void job_resolve_error(struct job *j, struct job_rcpt *r, const struct address *a)
{
	const char *m = err_last(), *u = a->user ? a->user : "";
	char code[4] = "553", dsn[16] = "";
	if (*u == '"')
		u++;
	if (a->status == 0 && !a->temp) {      /* an internal failure */
		j->pm_notify = 1;
		r->exitstat = 70;
		memcpy(code, "554", 4);
	} else if (u[0] >= '2' && u[0] <= '5' && isdigit((unsigned char)u[1]) &&
		   isdigit((unsigned char)u[2]) && u[3] == ' ')
		memcpy(code, u, 3);
	else if (a->temp)
		memcpy(code, "450", 4);
	if (!a->temp && (a->status == 70 || a->status == 78))
		j->pm_notify = 1;       /* software / config error: postmaster too */
	if (j->pm_notify && a->status == 0)
		memcpy(dsn, "5.3.5", 6);    /* buildaddr's syserr texts */
	else if (a->host != NULL && isdigit((unsigned char)a->host[0]) && a->host[1] == '.' &&
	    strlen(a->host) < sizeof dsn)
		memcpy(dsn, a->host, strlen(a->host) + 1);
	else
		(void)snprintf(dsn, sizeof dsn, "%c.0.0", code[0]);
	if (isdigit((unsigned char)m[0]) && m[3] == ' ')
		job_transcript(j, "%s", m);
	else if (a->status != 0 || a->temp)     /* the codes $#error's message got */
		job_transcript(j, "%s %s", err_last_codes(), m);
	else
		job_transcript(j, "%s %s %s", code, dsn, m);
	mem_free(r->status);
	r->status = mem_strdup(a->status == 0 && !a->temp ? "5.0.0" : dsn);
	mem_free(r->user);
	r->user = mem_strdup(a->user ? a->user : "");
	if (a->temp || j->emsg == NULL)
		job_set_message(j, isdigit((unsigned char)m[0]) && m[3] == ' ' ? m + 4 : m);
}

int job_parse_rcpt(struct deliver_ctx *dc, struct job_rcpt *r, struct address *a)
{
	memset(a, 0, sizeof *a);
	err_set_addr(NULL);
	int nerr = err_count();
	if (parseaddr(dc->rc, r->addr, a, RF_COPYALL, '\0', NULL) < 0 || a->is_error) {
		r->state = a->temp ? JR_DEFERRED : JR_FAILED;
		r->exitstat = a->status ? a->status : 65;
		if (err_count() != nerr)
			job_resolve_error(dc->j, r, a);
		parseaddr_free(a);
		return -1;
	}
	return 0;
}

/* The mailer/host/user of a parsed recipient ("|prog" and "/file" users
 * of the local mailer go to prog and *file*). */
static void job_resolve(struct deliver_ctx *dc, const struct address *a,
			const struct mailer **m_r, char **host_r, char **user_r)
{
	const struct mailer *m = a->mailer;
	char *u = mailer_flag(m, 's') ? unquote(a->user) : mem_strdup(a->user);
	if (strcmp(m->name, "local") == 0 && (u[0] == '|' || u[0] == '/')) {
		const struct mailer *sp = mailer_find(dc->j->cf, u[0] == '|' ? "prog" : "*file*");
		if (sp != NULL)
			m = sp;
	}
	if (strcmp(m->name, "prog") == 0 && u[0] == '|')
		memmove(u, u + 1, strlen(u));
	*m_r = m;
	*host_r = a->host != NULL && *a->host != '\0' ? mem_strdup(a->host) : NULL;
	*user_r = u;
}

struct resolved { const struct mailer *m; char *host; char *user; };

static int same_batch(const struct resolved *a, const struct resolved *b,
		      const struct job_rcpt *ra, const struct job_rcpt *rb)
{
	if (a->m != b->m)
		return 0;
	if ((a->host == NULL) != (b->host == NULL) ||
	    (a->host != NULL && strcasecmp(a->host, b->host) != 0))
		return 0;
	if ((ra->ctl == NULL) != (rb->ctl == NULL) ||
	    (ra->ctl != NULL && strcmp(ra->ctl, rb->ctl) != 0))
		return 0;
	return 1;
}

static void job_set_sender_g(struct deliver_ctx *dc, const struct mailer *m)
{
	int st = 0;
	const char *s = dc->sender;
	if (*s == '\0' || strcmp(s, "<>") == 0) {
		macro_set(dc->rc->mac, 'g', "MAILER-DAEMON");
		return;
	}
	(void)st;
	char *g = deliver_remotename(dc, s, m, RF_SENDERADDR | RF_CANONICAL);
	macro_set(dc->rc->mac, 'g', g);
	mem_free(g);
}

/* An 8-bit body (qf F flag 8) for a 7-bit mailer that deliver_mime.c
 * does not convert (no MIME-Version header, EightBitMode not m): the
 * reference reports it and dies (SIGSEGV) before anything is delivered
 * or rewritten: the job stays as it was. */
static int job_8to7_dies(struct deliver_ctx *dc, const struct mailer *m)
{
	const struct job *j = dc->j;
	if (!mailer_flag(m, '7') || j->env.flags == NULL || strchr(j->env.flags, '8') == NULL)
		return 0;
	if (deliver_mime_wanted(dc, m))
		return 0;
	if (dc->verbose || (j->flags & JOB_INTERACTIVE)) {
		printf("Cannot send 8-bit data to 7-bit destination\n");
		fflush(stdout);
	}
	return 1;
}

/* Build and run the batch starting at recipient i. */
static void job_batch(struct deliver_ctx *dc, struct resolved *rv, size_t i)
{
	struct job *j = dc->j;
	struct deliver_batch b;
	if (job_8to7_dies(dc, rv[i].m)) {
		j->abandoned = 1;
		return;
	}
	memset(&b, 0, sizeof b);
	b.m = rv[i].m;
	b.host = rv[i].host ? mem_strdup(rv[i].host) : NULL;
	b.idx = mem_array(j->nr + 1, sizeof *b.idx);
	b.users = mem_array(j->nr + 1, sizeof *b.users);
	size_t max = mailer_flag(b.m, 'm') ? (size_t)(b.m->maxrcpt > 0 ? b.m->maxrcpt : 100) : 1;
	for (size_t k = i; k < j->nr && b.n < max; k++) {
		if (j->r[k].state != JR_PENDING || rv[k].m == NULL)
			continue;
		if (k != i && !same_batch(&rv[i], &rv[k], &j->r[i], &j->r[k]))
			continue;
		b.idx[b.n] = k;
		b.users[b.n++] = mem_strdup(rv[k].user);
		j->r[k].state = JR_DEFERRED; /* claimed; deliver_status sets it */
		mem_free(j->r[k].mailer);
		j->r[k].mailer = mem_strdup(b.m->name);
		mem_free(j->r[k].user);
		j->r[k].user = mem_strdup(rv[k].user);
	}
	deliver_priv_decide(j->cf, b.m, j->r[i].ctl, &b.cred);
	macro_set(dc->rc->mac, 'h', b.host);
	/* $z: the reference leaves it empty for alias-owned (ctl) deliveries */
	macro_set(dc->rc->mac, 'z', j->r[i].ctl == NULL ? b.cred.home : NULL);
	job_set_sender_g(dc, b.m);
	deliver_batch_run(dc, &b);
	deliver_batch_free(&b);
}

static void job_attempt(struct deliver_ctx *dc)
{
	struct job *j = dc->j;
	struct macros xmac;
	struct rw_ctx xrc = *dc->rc;
	struct rcpt_list rl;
	struct rcpt **src = NULL;
	/* the expansion sets $z $u $h for .forward: its own macros */
	macros_init(&xmac, &j->cf->macros);
	job_macros(j, &xmac);
	xrc.mac = &xmac;
	job_expand(dc, &xrc, &rl, &src);
	struct resolved *rv = mem_array(j->nr + 1, sizeof *rv);
	memset(rv, 0, (j->nr + 1) * sizeof *rv);
	for (size_t i = 0; i < j->nr; i++)
		if (j->r[i].state == JR_PENDING && src[i] != NULL)
			job_resolve(dc, &src[i]->a, &rv[i].m, &rv[i].host, &rv[i].user);
	recipient_free(&rl);
	mem_free(src);
	macros_free(&xmac);
	for (size_t i = 0; i < j->nr; i++)
		if (j->r[i].state == JR_PENDING && rv[i].m != NULL && !j->abandoned)
			job_batch(dc, rv, i);
	for (size_t i = 0; i < j->nr; i++) {
		mem_free(rv[i].host);
		mem_free(rv[i].user);
	}
	mem_free(rv);
}

static int job_worst(const struct job *j)
{
	int deferred = 0;
	for (size_t i = 0; i < j->nr; i++) {
		if (j->r[i].state == JR_FAILED)
			return j->r[i].exitstat ? j->r[i].exitstat : 69;
		if (j->r[i].state == JR_DEFERRED || j->r[i].state == JR_PENDING)
			deferred = 1;
	}
	return deferred ? 75 : 0;
}

static int job_attempt_all(struct job *j, char ***ids, size_t *nids)
{
	struct macros mac;
	struct rw_ctx rc;
	struct deliver_ctx dc;
	macros_init(&mac, &j->cf->macros);
	memset(&rc, 0, sizeof rc);
	rc.cf = j->cf;
	rc.mac = &mac;
	rc.ar = arena_new(65536);
	rc.trace_prefix = "rewrite: ruleset ";
	memset(&dc, 0, sizeof dc);
	dc.j = j;
	dc.rc = &rc;
	dc.sender = j->env.sender ? j->env.sender : "";
	dc.verbose = (j->flags & JOB_VERBOSE) != 0;
	dc.dffd = open(j->dfpath, O_RDONLY | O_CLOEXEC);
	job_macros(j, &mac);
	deliver_fromdomain(&dc);
	job_attempt(&dc);
	if (j->abandoned) {
		if (dc.dffd >= 0)
			close(dc.dffd);
		arena_free(rc.ar);
		macros_free(&mac);
		return 75;
	}
	int st = job_worst(j);
	job_log(j);     /* the to= lines come before the DSN's line */
	if (dsn_after_attempt(j, ids, nids) != 0 && st == 0)
		st = 75;
	if (dc.dffd >= 0)
		close(dc.dffd);
	arena_free(rc.ar);
	macros_free(&mac);
	return st;
}

int job_run(struct config *cf, const char *qdir, const char *id, int lockfd,
	    unsigned flags)
{
	int x;
	return job_run_stat(cf, qdir, id, lockfd, flags, &x);
}

int job_run_stat(struct config *cf, const char *qdir, const char *id, int lockfd,
		 unsigned flags, int *xstat)
{
	struct job j;
	const char *err = NULL;
	char **ids = NULL;
	size_t nids = 0;
	memset(&j, 0, sizeof j);
	j.flags = flags;
	j.lockfd = (flags & JOB_NOLOCK) ? lockfd : -1;
	*xstat = 0;
	if (job_load(&j, cf, qdir, id, &err) < 0) {
		job_free(&j);
		return 75;
	}
	int st = job_attempt_all(&j, &ids, &nids);
	*xstat = j.xstat ? j.xstat : (st == 75 ? 0 : st);
	if (!j.abandoned && job_finish(&j) < 0 && st == 0)
		st = 75;
	job_free(&j);
	for (size_t i = 0; i < nids; i++) {
		(void)job_run(cf, qdir, ids[i], -1, (flags & ~JOB_NOLOCK) | JOB_NEWDSN | JOB_OWNDF);
		mem_free(ids[i]);
	}
	mem_free(ids);
	return st;
}
