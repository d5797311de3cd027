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
	if (r->ctl != NULL && r->ctl[0] != ':' && r->ctl[0] != '\0') {
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
	const char *snd = j->env.sender;
	if (snd == NULL || *snd == '\0' || strchr(snd, '@') != NULL || strcmp(snd, "<>") == 0)
		return;
	struct passwd *pw = getpwnam(snd);
	if (pw != NULL)
		str_printf(s, "ctladdr=%s (%ld/%ld), ", snd, (long)pw->pw_uid, (long)pw->pw_gid);
}

static void log_rcpt(struct job *j, const struct job_rcpt *r)
{
	char d[32], xd[32];
	fmt_delay(d, sizeof d, (long)(time(NULL) - j->env.ctime));
	fmt_delay(xd, sizeof xd, (long)(time(NULL) - j->now));
	struct str s;
	str_init(&s, 0);
	str_printf(&s, "%s: to=%s, ", j->id, r->addr);
	log_ctladdr(j, r, &s);
	str_printf(&s, "delay=%s, xdelay=%s, mailer=%s, pri=%ld, ", d, xd,
		   r->mailer ? r->mailer : "", job_priority(j));
	if (r->relay != NULL)
		str_printf(&s, "relay=%s, ", r->relay);
	str_printf(&s, "dsn=%s, stat=%s",
		   r->logdsn ? r->logdsn : r->status ? r->status : "4.0.0", stat_text(r));
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
		if (r->state == JR_PENDING || r->state == JR_DONE || r->logseq != 0)
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
