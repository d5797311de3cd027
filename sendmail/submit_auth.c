/* submit_auth.c - the X-Authentication-Warning fields of a command-line
 * submission, as the reference adds them (PrivacyOptions=authwarnings):
 * "<user> set sender to <addr> using -f" (or -r) when an untrusted user
 * names a sender that is not himself (that also drops the qf A line,
 * whatever PrivacyOptions), "Processed from queue <dir>" when an
 * untrusted non-root user chose the queue directory (-oQ, or any cf
 * given with -C), "Processed by <user> with -C <cf>" for a non-root -C.
 * Each field is "<$j>: <text>", after the cf's header defaults and before
 * the message's own fields; the last two go on every envelope the
 * process makes (its DSNs too). Touches the envelope's header list and A,
 * and its own record of the process's warnings. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "submit_int.h"
#include "options.h"
#include "macro.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static struct hdr *sa_add(struct submit_env *se, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static struct hdr *sa_add(struct submit_env *se, const char *fmt, ...)
{
	const char *j = macro_get(&se->mac, 'j');
	struct str v;
	va_list ap;
	str_init(&v, 0);
	str_printf(&v, " %s: ", j != NULL ? j : "");
	va_start(ap, fmt);
	str_vprintf(&v, fmt, ap);
	va_end(ap);
	struct hdr *h = header_add(&se->msg.hl, "X-Authentication-Warning", v.s, 0);
	str_free(&v);
	return h;
}

/* The process's own warnings: every envelope it makes (its DSNs too). */
static struct {
	char *realuser, *queue, *cf;
} sa_proc;

void submit_auth_process(const char *realuser, const char *queue, const char *cf)
{
	mem_free(sa_proc.realuser);
	mem_free(sa_proc.queue);
	mem_free(sa_proc.cf);
	sa_proc.realuser = realuser != NULL ? mem_strdup(realuser) : NULL;
	sa_proc.queue = queue != NULL ? mem_strdup(queue) : NULL;
	sa_proc.cf = cf != NULL ? mem_strdup(cf) : NULL;
}

void submit_auth_begin(struct submit_env *se)
{
	const struct submit_req *rq = se->rq;
	if (!options_privacy(se->cf, "authwarnings"))
		return;
	/* the sender warning is taken back when the sender is the user */
	if (rq->realuser != NULL && rq->fromflag != 0) {
		const char *s = rq->sender != NULL && *rq->sender != '\0' ? rq->sender : "<>";
		se->awsender = sa_add(se, "%s set sender to %s using -%c", rq->realuser, s,
				      rq->fromflag);
	}
	if (sa_proc.queue != NULL)
		(void)sa_add(se, "Processed from queue %s", sa_proc.queue);
	if (sa_proc.cf != NULL)
		(void)sa_add(se, "Processed by %s with -C %s",
			     sa_proc.realuser != NULL ? sa_proc.realuser : "", sa_proc.cf);
}

int submit_auth_self(const char *realuser, const char *given, const char *mailer,
		     const char *user)
{
	if (realuser == NULL || given == NULL)
		return 0;
	if (strcmp(given, realuser) == 0)
		return 1;
	if (mailer == NULL || strcmp(mailer, "local") != 0 || user == NULL)
		return 0;
	size_t n = strcspn(user, "+");      /* a +detail is still the user */
	return n == strlen(realuser) && strncmp(user, realuser, n) == 0;
}

void submit_auth_sender(struct submit_env *se, const struct rcpt *sender)
{
	const struct submit_req *rq = se->rq;
	if (rq->realuser == NULL || rq->fromflag == 0)
		return;
	/* an unusable -f falls back to the user himself */
	int self = !se->nullsender && sender != NULL &&
		   submit_auth_self(rq->realuser, sender->a.paddr,
				    sender->a.mailer != NULL ? sender->a.mailer->name : NULL,
				    sender->a.user);
	if (self) {
		if (se->awsender != NULL)
			header_remove(&se->msg.hl, se->awsender);
		se->awsender = NULL;
		return;
	}
	mem_free(se->auth);
	se->auth = NULL;
}
