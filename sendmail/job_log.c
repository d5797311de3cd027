/* job_log.c - the traces of an attempt: sendmail-shaped syslog lines
 * ("<ID>: to=<addr>, ctladdr=..., delay=, xdelay=, mailer=, pri=, dsn=,
 * stat=") and the StatusFile counters of delivered messages. Touches
 * syslog and the StatusFile. */
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
	return r->diag != NULL ? r->diag : "Deferred";
}

static void log_rcpt(struct job *j, const struct job_rcpt *r)
{
	char d[32], xd[32];
	fmt_delay(d, sizeof d, (long)(time(NULL) - j->env.ctime));
	fmt_delay(xd, sizeof xd, (long)(time(NULL) - j->now));
	struct str s;
	str_init(&s, 0);
	str_printf(&s, "%s: to=%s, ", j->id, r->addr);
	if (r->ctl != NULL) {
		const char *c = strchr(r->ctl, ':');
		str_printf(&s, "ctladdr=%.*s (%s), ", (int)(c ? c - r->ctl : (long)strlen(r->ctl)),
			   r->ctl, c ? c + 1 : "");
		char *p = strrchr(s.s, ':');
		if (p != NULL && strchr(p, ')') != NULL) {
			str_truncate(&s, (size_t)(p - s.s));
			str_add(&s, "), ");
		}
	}
	str_printf(&s, "delay=%s, xdelay=%s, mailer=%s, pri=%ld, dsn=%s, stat=%s", d, xd,
		   r->mailer ? r->mailer : "", j->env.prio, r->status ? r->status : "4.0.0",
		   stat_text(r));
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
		if (r->state == JR_PENDING || r->state == JR_DONE)
			continue;
		log_rcpt(j, r);
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
