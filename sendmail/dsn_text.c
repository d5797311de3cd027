/* dsn_text.c - the DSN message image in sendmail's format: the header
 * block, the human-readable part (sections per recipient state, the
 * transcript), message/delivery-status and the returned original (or its
 * headers); the plain variant without SendMimeErrors. Reads the job only;
 * touches no files except the df through dsn_orig.c. */
#include <string.h>
#include <strings.h>
#include <time.h>
#include "dsn.h"
#include "submit.h"
#include "macro.h"
#include "mailer.h"
#include "../libsmutil/hoststat.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

struct dsn_kindtext {
	const char *subject, *auto_sub, *heading;
};

static const struct dsn_kindtext dsn_kinds[] = {
	[DSN_FAIL] = { "Returned mail: see transcript for details", "failure",
		       "permanent fatal errors" },
	[DSN_DELAY] = { "Warning", "warning-timeout",
			"transient non-fatal errors" },
	[DSN_SUCCESS] = { "Return receipt", "return-receipt",
			  "successful delivery notifications" },
};

const char *dsn_date(time_t t, char *buf, size_t size)
{
	struct tm tm;
	char z[64] = " GMT";
	localtime_r(&t, &tm);
	long off = tm.tm_gmtoff;
	if (off != 0) {
		long a = off < 0 ? -off : off;
		snprintf(z, sizeof z, " %c%02ld%02ld (%s)", off < 0 ? '-' : '+',
			 a / 3600, a / 60 % 60, tm.tm_zone ? tm.tm_zone : "");
	}
	size_t n = strftime(buf, size, "%a, %d %b %Y %H:%M:%S", &tm);
	snprintf(buf + n, size - n, "%s", z);
	return buf;
}

const char *dsn_env_macro(const struct qf_env *e, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < e->nlines; i++)
		if (e->lines[i].code == '$' && strncmp(e->lines[i].val, name, n) == 0)
			return e->lines[i].val + n;
	return NULL;
}

static const char *dsn_macro(const struct job *j, const char *name)
{
	const char *v = macro_get(&j->cf->macros, macid(name));
	return v ? v : "";
}

int dsn_rcpt_in(const struct job *j, size_t i, int kind)
{
	const struct job_rcpt *r = &j->r[i];
	unsigned n = r->notify;
	/* the qf's R flag N only says NOTIFY was given: NEVER is N alone */
	unsigned any = SUBMIT_NOTIFY_SUCCESS | SUBMIT_NOTIFY_FAILURE | SUBMIT_NOTIFY_DELAY;
	if (n & SUBMIT_NOTIFY_NEVER) {
		if (!(n & any))
			return 0;
		n &= any;
	}
	switch (r->state) {
	case JR_FAILED:
		return kind != DSN_SUCCESS && (n == 0 || (n & SUBMIT_NOTIFY_FAILURE));
	case JR_SENT:
		return kind != DSN_DELAY && (n & SUBMIT_NOTIFY_SUCCESS);
	case JR_DEFERRED:
		return kind == DSN_DELAY && (n == 0 || (n & SUBMIT_NOTIFY_DELAY));
	}
	return 0;
}

/* "User unknown" from "5.1.1 User unknown" (sysexits table) */
static const char *dsn_exit_text(int st, int want_status)
{
	const char *t = hoststat_sysexit_text(st);
	if (t == NULL)
		return want_status ? "5.0.0" : "Unknown error";
	if (want_status) {
		static char code[8];
		snprintf(code, sizeof code, "%.5s", t);
		return code;
	}
	return t + 6;
}

/* The address qualified with $j when it has no domain. */
static void dsn_qualify(const struct job *j, const char *a, struct str *out)
{
	str_add(out, a);
	if (strchr(a, '@') == NULL && a[0] != '|' && a[0] != '/') {
		str_addc(out, '@');
		str_add(out, dsn_macro(j, "j"));
	}
}

/* The address of the final-recipient line (after "type; "). */
static const char *dsn_final_addr(const struct job_rcpt *r)
{
	const char *f = r->final;
	if (f == NULL)
		return NULL;
	const char *p = strchr(f, ';');
	if (p == NULL)
		return f;
	for (p++; *p == ' '; p++)
		;
	return p;
}

static int dsn_local(const struct job *j, const struct job_rcpt *r)
{
	const struct mailer *m = r->mailer ? mailer_find(j->cf, r->mailer) : NULL;
	return m == NULL || mailer_flag(m, 'l');
}

/* Failed resolving at delivery ($#error, a buildaddr failure): no
 * mailer ran, so the reference shows no reason, no Diagnostic-Code,
 * and X-Actual-Recipient only for an $#error ($u = the quoted text). */
static int dsn_resolve_failed(const struct job_rcpt *r)
{
	return r->state == JR_FAILED && r->mailer == NULL && r->diag == NULL && r->user != NULL;
}

/* One recipient in the human-readable part. */
static void dsn_human_rcpt(const struct job *j, const struct job_rcpt *r, struct str *o)
{
	if (r->state == JR_SENT) {
		str_printf(o, "%s  (successfully delivered to %s)\n", r->addr,
			   dsn_local(j, r) ? "mailbox" : "mailer");
		return;
	}
	if (dsn_resolve_failed(r))
		str_printf(o, "%s\n", r->addr);
	else if (r->diag || hoststat_sysexit_text(r->exitstat) != NULL)
		str_printf(o, "%s\n    (reason: %s)\n", r->addr,
			   r->diag ? r->diag : dsn_exit_text(r->exitstat, 0));
	else    /* no sysexits text: the bare number, as the reference */
		str_printf(o, "%s\n    (reason: %d)\n", r->addr, r->exitstat);
	const char *f = r->expfrom != NULL ? r->expfrom : dsn_final_addr(r);
	struct str q;
	str_init(&q, 0);
	dsn_qualify(j, r->addr, &q);
	if (f != NULL && (r->ctl != NULL || r->expfrom != NULL) && strcasecmp(f, q.s) != 0) {
		const char *jn = dsn_macro(j, "j");
		size_t fl = strlen(f), jl = strlen(jn);
		if (fl > jl + 1 && f[fl - jl - 1] == '@' && strcasecmp(f + fl - jl, jn) == 0)
			fl -= jl + 1;
		str_printf(o, "    (expanded from: %.*s)\n", (int)fl, f);
	}
	str_free(&q);
}

static void dsn_human(const struct job *j, const struct dsn_spec *s, struct str *o)
{
	char d[80];
	if (s->kind == DSN_DELAY)
		str_add(o, "    **********************************************\n"
			"    **      THIS IS A WARNING MESSAGE ONLY      **\n"
			"    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n"
			"    **********************************************\n\n");
	const char *from = dsn_env_macro(&j->env, "_");
	str_printf(o, "The original message was received at %s\nfrom %s\n",
		   dsn_date((time_t)j->env.ctime, d, sizeof d), from ? from : "localhost");
	if (s->postmaster)
		str_printf(o, "with id %s\n", j->id);
	static const int order[] = { JR_FAILED, JR_SENT };
	for (size_t k = 0; k < 2 && s->kind != DSN_DELAY; k++) {
		int any = 0;
		for (size_t i = 0; i < j->nr; i++) {
			if (j->r[i].state != order[k] || !dsn_rcpt_in(j, i, s->kind))
				continue;
			if (!any++)
				str_printf(o, "\n   ----- The following addresses had %s -----\n",
					   dsn_kinds[order[k] == JR_SENT ? DSN_SUCCESS : DSN_FAIL].heading);
			dsn_human_rcpt(j, &j->r[i], o);
		}
	}
	str_add(o, "\n   ----- Transcript of session follows -----\n");
	str_addn(o, j->transcript.s ? j->transcript.s : "", j->transcript.len);
	if (s->kind == DSN_DELAY)
		str_printf(o, "Warning: message still undelivered after %s\n"
			   "Will keep trying until message is %s old\n", s->interval, s->retlimit);
}

/* X-Actual-Recipient: the mailer's address type; rfc822 qualifies the
 * address with $j, another type shows it without quotes ("X-Unix; |prog"). */
static void dsn_actual(const struct job *j, const struct mailer *m,
		       const struct job_rcpt *r, struct str *o)
{
	const char *t = m && m->addrtype ? m->addrtype : "rfc822";
	const char *u = r->addr;
	if (r->actual != NULL) {        /* set by job_expand.c */
		str_printf(o, "\nX-Actual-Recipient: %s", r->actual);
		return;
	}
	if (dsn_resolve_failed(r)) {
		if (*r->user == '\0')   /* a buildaddr failure */
			return;
		str_add(o, "\nX-Actual-Recipient: rfc822; ");
		dsn_qualify(j, r->user, o);
		return;
	}
	if (strcasecmp(t, "rfc822") == 0) {
		/* $#error: the $u is the reply text ("550 ...") */
		if (r->mailer && strcmp(r->mailer, "error") == 0 && r->user && *r->user)
			u = r->user;
		str_add(o, "\nX-Actual-Recipient: rfc822; ");
		dsn_qualify(j, u, o);
		return;
	}
	str_printf(o, "\nX-Actual-Recipient: %s; ", t);
	for (; *u != '\0'; u++)
		if (*u != '"')
			str_addc(o, *u);
}

/* Per-recipient fields of message/delivery-status. */
static void dsn_status_rcpt(const struct job *j, const struct dsn_spec *s,
			    const struct job_rcpt *r, struct str *o)
{
	char d[80];
	const struct mailer *m = r->mailer ? mailer_find(j->cf, r->mailer) : NULL;
	const char *f = dsn_final_addr(r);
	str_add(o, "\nFinal-Recipient: ");
	if (r->final)
		str_add(o, r->final);
	else {
		str_add(o, "RFC822; ");
		dsn_qualify(j, r->addr, o);
	}
	(void)f;
	if (r->orcpt)
		str_printf(o, "\nOriginal-Recipient: %s", r->orcpt);
	dsn_actual(j, m, r, o);
	if (r->state == JR_SENT)
		str_printf(o, "\nAction: %s\nStatus: %s\n",
			   dsn_local(j, r) ? "delivered (to mailbox)" : "relayed",
			   r->status && r->status[0] == '2' &&
			   !(dsn_local(j, r) && strcmp(r->status, "2.0.0") == 0) ? r->status : "2.1.5");
	else if (r->state == JR_DEFERRED)   /* a bare EX_TEMPFAIL (logged 4.0.0)
					     * is 4.2.0 here, as the reference */
		str_printf(o, "\nAction: delayed\nStatus: %s\n",
			   r->status && !(r->exitstat == 75 && strcmp(r->status, "4.0.0") == 0) ?
			   r->status : "4.2.0");
	else
		str_printf(o, "\nAction: failed\nStatus: %s\n",
			   r->status ? r->status : dsn_exit_text(r->exitstat, 1));
	if (r->state != JR_SENT && !dsn_resolve_failed(r)) {
		const char *dt = m && m->diagtype ? m->diagtype : "X-Unix";
		/* a reply ("550 5.1.1 ...") is quoted; a mailer's exit only
		 * by its number, as the reference */
		const char *dg = r->diag;
		int reply = dg && dg[0] >= '2' && dg[0] <= '5' && dg[1] >= '0' && dg[1] <= '9' &&
			    dg[2] >= '0' && dg[2] <= '9' && dg[3] == ' ';
		if (dg && (reply || !r->exitstat))
			str_printf(o, "Diagnostic-Code: %s; %s\n", dt, dg);
		else if (r->exitstat)
			str_printf(o, "Diagnostic-Code: %s; %d\n", dt, r->exitstat);
	}
	str_printf(o, "Last-Attempt-Date: %s\n",
		   dsn_date(r->lastattempt ? r->lastattempt : j->now, d, sizeof d));
	if (r->state == JR_DEFERRED && s->retry_until)
		str_printf(o, "Will-Retry-Until: %s\n", dsn_date(s->retry_until, d, sizeof d));
}

static void dsn_status(const struct job *j, const struct dsn_spec *s, struct str *o)
{
	char d[80];
	if (j->env.envid)
		str_printf(o, "Original-Envelope-Id: %s\n", j->env.envid);
	str_printf(o, "Reporting-MTA: dns; %s\nArrival-Date: %s\n", dsn_macro(j, "j"),
		   dsn_date((time_t)j->env.ctime, d, sizeof d));
	for (size_t i = 0; i < j->nr; i++)
		if (dsn_rcpt_in(j, i, s->kind))
			dsn_status_rcpt(j, s, &j->r[i], o);
}

static void dsn_headers(const struct job *j, const struct dsn_spec *s,
			const char *boundary, int eight, struct str *o)
{
	const struct dsn_kindtext *k = &dsn_kinds[s->kind];
	str_printf(o, "From: Mail Delivery Subsystem <%s>\nTo: %s\n", dsn_macro(j, "n"), s->to);
	if (s->to2 != NULL)
		str_printf(o, "To: %s\n", s->to2);
	if (s->mime) {
		str_printf(o, "MIME-Version: 1.0\nContent-Type: multipart/report; "
			   "report-type=delivery-status;\n\tboundary=\"%s\"\n", boundary);
		if (eight)
			str_add(o, "Content-Transfer-Encoding: 8bit\n");
	}
	if (s->kind == DSN_DELAY)
		str_printf(o, "Subject: %s: could not send message for past %s",
			   s->postmaster ? "Postmaster warning" : "Warning", s->interval);
	else if (s->postmaster)
		str_add(o, "Subject: Postmaster notify: see transcript for details");
	else
		str_printf(o, "Subject: %s", k->subject);
	str_printf(o, "\nAuto-Submitted: auto-generated (%s)\n\n",
		   s->postmaster && s->kind != DSN_DELAY ? "postmaster-notification" : k->auto_sub);
}

/* The returned original: headers, and the body unless headers only. */
static void dsn_original(const struct job *j, const struct dsn_spec *s, int eight,
			 const char *boundary, struct str *o)
{
	if (s->mime)
		str_printf(o, "--%s\nContent-Type: %s\n%s\n", boundary,
			   s->hdrs_only ? "text/rfc822-headers" : "message/rfc822",
			   eight ? "Content-Transfer-Encoding: 8bit\n" : "");
	else
		str_printf(o, "   ----- %s follows -----\n\n",
			   s->hdrs_only ? "Message header" : "Original message");
	dsn_orig_headers(j, o);
	if (!s->hdrs_only) {
		str_addc(o, '\n');
		dsn_orig_body(j, o);
	}
	if (s->mime)
		str_printf(o, "\n--%s--\n\n", boundary);
	else
		str_addc(o, '\n');
}

void dsn_text_build(const struct job *j, const struct dsn_spec *s, struct str *out)
{
	struct str b, body;
	str_init(&b, 0);
	str_init(&body, 0);
	str_printf(&b, "%s.%ld/%s", s->id, (long)s->now, dsn_macro(j, "j"));
	int eight = dsn_orig_8bit(j);
	if (s->mime)
		str_printf(&body, "This is a MIME-encapsulated message\n\n--%s\n\n", b.s);
	dsn_human(j, s, &body);
	str_addc(&body, '\n');
	if (s->mime) {
		str_printf(&body, "--%s\nContent-Type: message/delivery-status\n\n", b.s);
		dsn_status(j, s, &body);
		str_addc(&body, '\n');
	}
	dsn_original(j, s, eight, b.s, &body);
	struct str h;
	str_init(&h, 0);
	dsn_headers(j, s, b.s, eight, &h);
	str_addn(out, h.s, h.len);
	str_addn(out, body.s, body.len);
	str_free(&h);
	str_free(&body);
	str_free(&b);
}
