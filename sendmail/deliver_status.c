/* deliver_status.c - a mailer's exit status turned into recipient states
 * and sendmail's texts (giveresponse): stdout (-v only, also for errors,
 * without reply codes, "addr... " prefix for 450/550/553 replies), the
 * transcript (with codes), the per-recipient DSN status. Touches only
 * the job in memory and stdout. */
#include <stdio.h>
#include <string.h>
#include "xlog.h"
#include "deliver.h"
#include "submit.h"
#include "../libsmutil/hoststat.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

struct exit_text { int st; const char *code; const char *dsn; const char *text; int temp; };

static const struct exit_text exit_texts[] = {
	{ 64, "500", "5.0.0", "Command line usage error", 0 },
	{ 65, "501", "5.6.0", "Data format error", 0 },
	{ 66, "550", "5.3.0", "Cannot open input", 0 },
	{ 67, "550", "5.1.1", "User unknown", 0 },
	{ 68, "550", "5.1.2", "Host unknown (Name server: host not found)", 0 },
	{ 69, "554", "5.0.0", "Service unavailable", 0 },
	{ 70, "554", "5.3.0", "Internal error", 0 },
	{ 71, "451", "4.0.0", "Operating system error", 1 },
	{ 72, "554", "5.3.5", "System file missing", 0 },
	{ 73, "550", "5.0.0", "Can't create output", 0 },
	{ 74, "451", "4.0.0", "I/O error", 1 },
	{ 76, "554", "5.5.0", "Remote protocol error", 0 },
	{ 77, "550", "5.0.0", "Insufficient permission", 0 },
	{ 78, "554", "5.3.5", "Local configuration error", 0 },
};

static int prefixed(const char *code)
{
	return code != NULL && (strncmp(code, "450", 3) == 0 || strncmp(code, "550", 3) == 0 ||
				strncmp(code, "553", 3) == 0 || strncmp(code, "050", 3) == 0 ||
				strncmp(code, "250", 3) == 0);
}

void deliver_say(struct deliver_ctx *dc, const char *to, const char *code,
		 const char *text)
{
	int pre = to != NULL && (code == NULL || prefixed(code));
	int err = code != NULL && (code[0] == '4' || code[0] == '5');
	/* the reference shows delivery results (failures too) only with -v;
	 * in the submitting process the coded ones (errors) go only to the
	 * transcript; a foreground queue run (-qf) shows those alone */
	unsigned f = dc->j->flags;
	if (dc->verbose ? code == NULL || !(f & JOB_INTERACTIVE) : code != NULL && (f & JOB_SHOWERR)) {
		struct str l;
		str_init(&l, 0);
		if (pre)
			str_printf(&l, "%s... %s", to, text);
		else
			str_add(&l, text);
		printf("%s\n", l.s);
		fflush(stdout);
		xlog_out(l.s, l.len);
		str_free(&l);
	}
	if (code == NULL && !err && strncmp(text, "Deferred", 8) != 0)
		return;
	if (code != NULL && pre)
		job_transcript(dc->j, "%s %s... %s", code, to, text);
	else if (code != NULL)
		job_transcript(dc->j, "%s %s", code, text);
	else
		job_transcript(dc->j, "%s%s%s", pre ? to : "", pre ? "... " : "", text);
}

static const struct exit_text *exit_lookup(int st)
{
	for (size_t i = 0; i < sizeof exit_texts / sizeof exit_texts[0]; i++)
		if (exit_texts[i].st == st)
			return &exit_texts[i];
	return NULL;
}

/* The DSN status of a failure by exit code alone (no reply from the
 * other side), as the reference marks a failed recipient. */
static const char *exit_dsn(int st)
{
	switch (st) {
	case 64: return "5.5.4";
	case 65: return "5.5.2";
	case 67: return "5.1.1";
	case 68: return "5.1.2";
	case 66: case 73: case 77: return "5.3.0";
	case 69: case 70: case 72: case 76: case 78: return "5.5.0";
	case 75: return "4.2.0";
	case 71: case 74: return "4.5.0";   /* as the reference's delay DSNs */
	}
	return "5.0.0";
}

/* diag: the other side's reply (DSN Diagnostic-Code), NULL for an exit
 * code; stat: the log's stat= text. */
static void set_all(struct deliver_ctx *dc, struct deliver_batch *b, int state, int st,
		    const char *dsn, const char *diag, const char *stat)
{
	for (size_t i = 0; i < b->n; i++) {
		struct job_rcpt *r = &dc->j->r[b->idx[i]];
		r->state = state;
		r->exitstat = st;
		mem_free(r->status);
		mem_free(r->diag);
		r->status = mem_strdup(dsn);
		r->diag = diag ? mem_strdup(diag) : NULL;
		mem_free(r->stat);
		r->stat = stat ? mem_strdup(stat) : NULL;
		r->lastattempt = time(NULL);
		mem_free(r->logdsn);
		/* a mailer's temporary exit: the log keeps giveresponse's 4.0.0 */
		r->logdsn = state == JR_DEFERRED && diag == NULL && st != 0 &&
			    strncmp(dsn, "4.", 2) == 0 ? mem_strdup("4.0.0") : NULL;
		r->logseq = ++dc->j->nlogged;
	}
}

/* The e_to of the batch: paddrs joined with ','. */
static char *batch_to(struct deliver_ctx *dc, struct deliver_batch *b)
{
	struct str s;
	str_init(&s, 0);
	for (size_t i = b->n; i-- > 0;) {
		if (i + 1 < b->n)
			str_addc(&s, ',');
		str_add(&s, dc->j->r[b->idx[i]].addr);
	}
	return str_steal(&s);
}

/* NOTIFY=SUCCESS through a local (F=l) mailer: the reference marks the
 * recipient delivered (DSN status 2.1.5) and notes it in the transcript
 * only (not on stdout). */
static void deliver_success_notes(struct deliver_ctx *dc, struct deliver_batch *b)
{
	if (!mailer_flag(b->m, 'l'))
		return;
	for (size_t i = 0; i < b->n; i++) {
		struct job_rcpt *r = &dc->j->r[b->idx[i]];
		if (!(r->notify & SUBMIT_NOTIFY_SUCCESS))
			continue;
		mem_free(r->status);
		r->status = mem_strdup("2.1.5");
		job_transcript(dc->j, "%s... Successfully delivered", r->addr);
	}
}

void deliver_status(struct deliver_ctx *dc, struct deliver_batch *b, int st,
		    const char *extra)
{
	char *to = batch_to(dc, b);
	struct str t;
	str_init(&t, 0);
	if (st == 0) {
		set_all(dc, b, JR_SENT, 0, "2.0.0", NULL, "Sent");
		deliver_say(dc, to, NULL, "Sent");
		deliver_success_notes(dc, b);
	} else if (st == 75) {
		str_printf(&t, "Deferred: %s", extra ? extra : "");
		if (extra == NULL)
			str_truncate(&t, 8);
		set_all(dc, b, JR_DEFERRED, st, exit_dsn(st), NULL, t.s);
		deliver_say(dc, to, NULL, t.s);
		if (dc->j->emsg == NULL)   /* an error text of this attempt wins */
			job_set_message(dc->j, t.s);
	} else {
		const struct exit_text *x = exit_lookup(st);
		if (x == NULL)
			str_printf(&t, "unknown mailer error %d", st);
		else
			str_add(&t, x->text);
		const char *code = x ? x->code : "554", *dsn = x ? x->dsn : "5.3.0";
		set_all(dc, b, x && x->temp ? JR_DEFERRED : JR_FAILED, st, exit_dsn(st), NULL, t.s);
		for (size_t i = 0; i < b->n && (x == NULL || !x->temp); i++) {
			struct job_rcpt *r = &dc->j->r[b->idx[i]];
			if (strcmp(r->status, dsn) != 0) {  /* the log: giveresponse's */
				mem_free(r->logdsn);
				r->logdsn = mem_strdup(dsn);
			}
		}
		if (st == 70 || st == 78)
			dc->j->pm_notify = 1;
		if (dc->j->xstat == 0)
			dc->j->xstat = st;
		char cd[32];
		(void)snprintf(cd, sizeof cd, "%s %s", code, dsn);
		deliver_say(dc, to, cd, t.s);
		job_set_message(dc->j, t.s);
	}
	str_free(&t);
	mem_free(to);
}

void deliver_status_queued(struct deliver_ctx *dc, struct deliver_batch *b)
{
	set_all(dc, b, JR_DEFERRED, 75, "4.0.0", NULL, "queued");
}
