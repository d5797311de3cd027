/* submit_log.c - the traces of a submission, as the reference leaves
 * them: syslog lines (a failed recipient's "<addr>... <text>" and its
 * "to=..., stat=<text>" line, the "from=" line of the queued message,
 * "to=..., stat=queued" lines when the message stays queued) and the
 * StatusFile "from" counters. Touches syslog and the StatusFile only. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include "submit_int.h"
#include "qrun.h"
#include "options.h"
#include "../libsmutil/stats.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static void sl_open(void)
{
	openlog("sendmail", LOG_PID, LOG_MAIL);
}

/* "550 5.1.1 text" of a failed recipient from the kept transcript (the
 * line "<code> <status> <addr>... <text>"); defaults when absent. */
/* Past a "FILE: line N: " prefix (an error met reading an :include: or
 * .forward file), if the text has one. */
static const char *sr_skip_fileline(const char *s, const char *end)
{
	const char *m = memmem(s, (size_t)(end - s), ": line ", 7);
	if (m == NULL)
		return s;
	const char *d = m + 7;
	while (d < end && *d >= '0' && *d <= '9')
		d++;
	return d > m + 7 && end - d >= 2 && d[0] == ':' && d[1] == ' ' ? d + 2 : s;
}

void submit_reason(const struct submit_env *se, const struct rcpt *q, char *code,
		   size_t codesz, char *status, size_t stsz, char *text, size_t textsz)
{
	snprintf(code, codesz, "550");
	snprintf(status, stsz, "5.1.1");
	snprintf(text, textsz, "User unknown");
	if (se->hopfail) {
		snprintf(code, codesz, "554");
		snprintf(status, stsz, "5.4.6");
		snprintf(text, textsz, "Too many hops");
		return;
	}
	const char *a = q->a.paddr ? q->a.paddr : "";
	const char *p = se->xscript.s;
	size_t al = strlen(a);
	while (p != NULL && *p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *sp1 = memchr(p, ' ', n);
		const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', n - (size_t)(sp1 + 1 - p)) : NULL;
		const char *ad = sp2 != NULL ? sr_skip_fileline(sp2 + 1, p + n) : NULL;
		if (n > 4 && sp1 == p + 3 && sp2 != NULL && p[0] >= '0' && p[0] <= '9' &&
		    (size_t)(p + n - ad) > al + 4 && memcmp(ad, a, al) == 0 &&
		    memcmp(ad + al, "... ", 4) == 0) {
			snprintf(code, codesz, "%.3s", p);
			snprintf(status, stsz, "%.*s", (int)(sp2 - sp1 - 1), sp1 + 1);
			const char *t = ad + al + 4;
			snprintf(text, textsz, "%.*s", (int)(p + n - t), t);
			return;
		}
		p = nl ? nl + 1 : NULL;
	}
}

void submit_log_failures(struct submit_env *se)
{
	if (se->rq->flags & SUBMIT_DSN)
		return;
	sl_open();
	for (const struct rcpt *q = se->rl.head; q != NULL; q = q->next) {
		if (q->state != RS_BADADDR)
			continue;
		char code[8], st[32], text[1024];
		submit_reason(se, q, code, sizeof code, st, sizeof st, text, sizeof text);
		const char *a = q->a.paddr ? q->a.paddr : "";
		syslog(LOG_INFO, "%s: %s... %s", se->id, a, text);
		const char *m = q->a.mailer && q->a.mailer->name ? q->a.mailer->name : "";
		syslog(LOG_INFO, "%s: to=%s, delay=00:00:00, mailer=%s, pri=0, dsn=%s, "
		       "reply=%s %s %s, stat=%s", se->id, a, m, st, code, st, text, text);
	}
}

/* The Message-Id the qf got (a field of the message, or the cf's). */
static char *sl_msgid(struct submit_env *se)
{
	const struct hdr *h = header_find(&se->msg.hl, "message-id");
	if (h == NULL)
		return NULL;
	struct str v;
	str_init(&v, 0);
	if (h->flags & HDR_DEFAULT)
		macro_expand(&v, h->value, &se->mac);
	else
		str_add(&v, h->value);
	char *s = v.s ? v.s : "";
	while (*s == ' ' || *s == '\t')
		s++;
	char *r = mem_strdup(s);
	str_free(&v);
	size_t n = strlen(r);
	while (n > 0 && (r[n - 1] == ' ' || r[n - 1] == '\t' || r[n - 1] == '\n'))
		r[--n] = '\0';
	return r;
}

static void sl_stats(struct submit_env *se)
{
	const char *sf = option_str(se->cf, "StatusFile", NULL);
	if (sf == NULL || *sf == '\0')
		return;
	int mno = se->from_mailer;
	if (mno < 0) {
		const struct mailer *m = mailer_find(se->cf, "local");
		mno = m != NULL ? m->number : -1;
	}
	if (mno < 0)
		return;
	struct stats_file d;
	memset(&d, 0, sizeof d);
	stats_count_from(&d, mno, submit_msgsize(se));
	(void)stats_update(sf, &d);
}

void submit_log_from(struct submit_env *se)
{
	sl_stats(se);
	if (se->rq->flags & SUBMIT_DSN)
		return;
	sl_open();
	char *mid = sl_msgid(se);
	struct str s;
	str_init(&s, 0);
	str_printf(&s, "%s: from=%s, size=%zu, class=%d, nrcpts=%d, ", se->id,
		   se->nullsender ? "<>" : se->sender, se->msg.msgsize, submit_class(se),
		   submit_nrcpts(se));
	if (mid != NULL)
		str_printf(&s, "msgid=%s, ", mid);
	str_printf(&s, "relay=%s", se->rq->authinfo ? se->rq->authinfo : "localhost");
	syslog(LOG_INFO, "%s", s.s);
	str_free(&s);
	mem_free(mid);
}

/* Does the message stay queued: DeliveryMode q or d, or (i and b) a
 * load average at which its priority is queued (QueueLA), as the
 * reference decides once the message is collected. */
int submit_stays_queued(struct submit_env *se)
{
	const char *dm = option_str(se->cf, "DeliveryMode", "b");
	if (dm != NULL && (*dm == 'q' || *dm == 'd'))
		return 1;
	return qrun_shouldqueue(se->cf, submit_priority(se), qrun_getla());
}

void submit_log_queued(struct submit_env *se, int verbose)
{
	if (se->rq->flags & SUBMIT_DSN)
		return;
	sl_open();
	long pri = submit_priority(se);
	for (const struct rcpt *q = se->rl.head; q != NULL; q = q->next) {
		if (!recipient_sendable(q->state))
			continue;
		const char *m = q->a.mailer && q->a.mailer->name ? q->a.mailer->name : "";
		if (verbose) {
			printf("%s... queued\n", q->a.paddr ? q->a.paddr : "");
			fflush(stdout);
		}
		syslog(LOG_INFO, "%s: to=%s, delay=00:00:00, mailer=%s, pri=%ld, stat=queued",
		       se->id, q->a.paddr ? q->a.paddr : "", m, pri);
	}
}
