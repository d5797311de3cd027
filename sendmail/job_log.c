/* job_log.c - the traces of an attempt: sendmail-shaped syslog lines
 * ("<ID>: to=<addr>, ctladdr=..., delay=, xdelay=, mailer=, pri=, dsn=,
 * stat=") and the StatusFile counters of delivered messages. Touches
 * syslog and the StatusFile. */
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <sys/stat.h>
#include "job.h"
#include "options.h"
#include "../libsmutil/stats.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static void fmt_delay(char *buf, size_t n, long secs)
{
	if (secs < 0)
		secs = 0;
	long d = secs / 86400;
	secs %= 86400;
	if (d > 0)
		(void)snprintf(buf, n, "%ld+%02ld:%02ld:%02ld", d, secs / 3600, secs / 60 % 60, secs % 60);
	else
		(void)snprintf(buf, n, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
}

static const char *stat_text(const struct job_rcpt *r)
{
	if (r->state == JR_SENT)
		return "Sent";
	return r->stat != NULL ? r->stat : r->diag != NULL ? r->diag : "Deferred";
}

long job_priority(const struct job *j)
{
	long prio = j->env.prio;
	if ((j->flags & JOB_QUEUERUN) && !(j->flags & JOB_NEWDSN))
		prio += option_num(j->cf, "RetryFactor", 90000);
	return prio;
}

/* ctladdr=: the C line ("user:uid:gid:...") of the recipient, else the
 * sender when it is a local user (the reference's e_from with its ids). */
static void log_ctladdr(const struct job *j, const struct job_rcpt *r, struct str *s)
{
	/* a C line without a user (":postmaster", a root-owned alias) names
	 * no controlling user: the sender's rule below applies */
	const struct mailer *m = r->mailer ? mailer_find(j->cf, r->mailer) : NULL;
	/* only a mailer with F=o (run as the recipient: prog, *file*) takes
	 * the controlling user; the others log the sender's */
	if (r->logctl != NULL && m != NULL && mailer_flag(m, 'o')) {
		str_printf(s, "ctladdr=%s, ", r->logctl);
		return;
	}
	if (r->ctl != NULL && r->ctl[0] != ':' && r->ctl[0] != '\0' && m != NULL &&
	    mailer_flag(m, 'o')) {
		char *u = mem_strdup(r->ctl);
		char *uid = strchr(u, ':'), *gid = uid ? strchr(uid + 1, ':') : NULL;
		if (uid != NULL)
			*uid++ = '\0';
		if (gid != NULL)
			*gid++ = '\0';
		char *end = gid ? strchr(gid, ':') : NULL;
		if (end != NULL)
			*end = '\0';
		str_printf(s, "ctladdr=%s", u);
		if (uid != NULL && gid != NULL)
			str_printf(s, " (%s/%s)", uid, gid);
		str_add(s, ", ");
		mem_free(u);
		return;
	}
	/* prog and *file* never fall back to the sender (a C line naming
	 * no user: no ctladdr= at all) */
	if (m != NULL && (strcmp(m->name, "prog") == 0 || strcmp(m->name, "*file*") == 0))
		return;
	const char *snd = j->env.sender;
	if (snd == NULL || *snd == '\0' || strchr(snd, '@') != NULL || strcmp(snd, "<>") == 0)
		return;
	struct passwd *pw = getpwnam(snd);
	if (pw != NULL)
		str_printf(s, "ctladdr=%s (%ld/%ld), ", snd, (long)pw->pw_uid, (long)pw->pw_gid);
}

/* ctladdr= of a failure while expanding: the parent (the C line's
 * address and ids), none at the top. */
static void log_parent(const struct job_rcpt *r, struct str *s)
{
	if (r->ctl == NULL || r->ctl[0] == ':' || r->ctl[0] == '\0')
		return;
	char *u = mem_strdup(r->ctl);
	char *f[3] = { NULL, NULL, NULL }, *p = u;
	for (int i = 0; i < 3 && (p = strchr(p, ':')) != NULL; i++) {
		*p++ = '\0';
		f[i] = p;
	}
	if (f[2] != NULL)
		str_printf(s, "ctladdr=%s (%s/%s), ", f[2], f[0], f[1]);
	mem_free(u);
}

static void log_rcpt(struct job *j, const struct job_rcpt *r)
{
	char d[32], xd[32];
	fmt_delay(d, sizeof d, (long)(time(NULL) - j->env.ctime));
	fmt_delay(xd, sizeof xd, (long)(time(NULL) - j->now));
	struct str s;
	str_init(&s, 0);
	str_printf(&s, "%s: to=%s, ", j->id, r->addr);
	if (r->userunknown)
		log_parent(r, &s);
	else
		log_ctladdr(j, r, &s);
	str_printf(&s, "delay=%s, ", d);
	if (!r->userunknown)
		str_printf(&s, "xdelay=%s, ", xd);
	str_printf(&s, "mailer=%s, pri=%ld, ", r->mailer ? r->mailer : "", job_priority(j));
	if (r->relay != NULL)
		str_printf(&s, "relay=%s, ", r->relay);
	str_printf(&s, "dsn=%s, ", r->logdsn ? r->logdsn : r->status ? r->status : "4.0.0");
	if (r->userunknown && r->diag != NULL)
		str_printf(&s, "reply=%s, ", r->diag);
	str_printf(&s, "stat=%s", stat_text(r));
	syslog(LOG_INFO, "%s", s.s);
	str_free(&s);
}

void job_log(struct job *j)
{
	struct stats_file delta;
	int counted = 0;
	struct stat st;
	long size = stat(j->dfpath, &st) == 0 ? (long)st.st_size : 0;
	memset(&delta, 0, sizeof delta);
	openlog("sendmail", LOG_PID, LOG_MAIL);
	for (size_t i = 0; i < j->nr; i++) {
		const struct job_rcpt *r = &j->r[i];
		if (r->state == JR_PENDING || r->state == JR_DONE || r->logseq != 0 || r->nolog)
			continue;
		log_rcpt(j, r);   /* failed before any mailer ran */
	}
	for (unsigned k = 1; k <= j->nlogged; k++)   /* in the order of completion */
		for (size_t i = 0; i < j->nr; i++)
			if (j->r[i].logseq == k && j->r[i].state != JR_PENDING)
				log_rcpt(j, &j->r[i]);
	for (size_t i = 0; i < j->nr; i++) {
		const struct job_rcpt *r = &j->r[i];
		if (r->state == JR_PENDING || r->state == JR_DONE)
			continue;
		if (r->state == JR_SENT && r->mailer != NULL) {
			const struct mailer *m = mailer_find(j->cf, r->mailer);
			if (m != NULL) {
				stats_count_to(&delta, m->number, size);
				counted = 1;
			}
		}
	}
	const char *sf = option_str(j->cf, "StatusFile", NULL);
	if (counted && sf != NULL && *sf != '\0')
		(void)stats_update(sf, &delta);
}
