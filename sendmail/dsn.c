/* dsn.c - what happens to failures after an attempt (see dsn.h): the
 * queue-age timeouts, ErrorMode (print + dead.letter, mail back, quiet),
 * DSNs queued through submit_queue (sender, postmaster copy, double
 * bounce). May touch: the job's env (F flag w, M line), the transcript,
 * dead.letter files, and the queue through submit_queue. */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "dsn.h"
#include "submit.h"
#include "err.h"
#include "macro.h"
#include "options.h"
#include "../libsmutil/interval.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static char dsn_preset[QF_ID_MAX];
static time_t dsn_preset_t;

const char *dsn_preset_id(void) { return dsn_preset[0] ? dsn_preset : NULL; }
time_t dsn_preset_time(void) { return dsn_preset[0] ? dsn_preset_t : 0; }
void dsn_preset_clear(void) { dsn_preset[0] = '\0'; dsn_preset_t = 0; }

static void dsn_push_id(char ***ids, size_t *nids, const char *id)
{
	if (ids == NULL || nids == NULL)
		return;
	*ids = mem_realloc(*ids, (*nids + 2) * sizeof **ids);
	(*ids)[(*nids)++] = mem_strdup(id);
	(*ids)[*nids] = NULL;
}

static int dsn_null_sender(const struct job *j)
{
	const char *s = j->env.sender;
	const char *n = macro_get(&j->cf->macros, 'n');
	return s == NULL || *s == '\0' || strcmp(s, "<>") == 0 ||
	       (n != NULL && strcasecmp(s, n) == 0) ||
	       (j->env.flags && strchr(j->env.flags, 'r') != NULL);
}

/* Queue one DSN image to `to`; errors of the DSN's own recipients go to
 * j's transcript (not the terminal). 0 queued, 1 nothing queued (every
 * recipient failed), else an EX_ code. */
static int dsn_queue(struct job *j, const struct dsn_spec *s, char ***ids, size_t *nids)
{
	struct str img;
	str_init(&img, 0);
	dsn_text_build(j, s, &img);
	snprintf(dsn_preset, sizeof dsn_preset, "%s", s->id);
	dsn_preset_t = s->now;
	char *rcpts[2] = { (char *)s->to, NULL };
	struct submit_req rq = { .cf = j->cf, .sender = "<>",
		.fullname = "Mail Delivery Subsystem", .rcpts = rcpts,
		.flags = SUBMIT_DSN, .infd = -1, .inbuf = img.s, .inlen = img.len,
		.proto = "", .rhost = "localhost", .authinfo = "localhost" };
	struct submit_result res = { .lockfd = -1 };
	char *cap = NULL;
	size_t caplen = 0;
	FILE *mf = open_memstream(&cap, &caplen);
	int ex = err_exitstat();
	err_set_output(mf, 0);
	int rc = submit_queue(&rq, &res);
	err_set_output(NULL, 1);
	err_reset_exitstat();
	err_set_exitstat(ex);
	fclose(mf);
	str_addn(&j->transcript, cap, caplen);
	free(cap);
	dsn_preset_clear();
	if (rc == 0 && res.id[0] != '\0') {
		dsn_push_id(ids, nids, res.id);
		if (res.lockfd >= 0)
			close(res.lockfd);
	} else if (rc == 0)
		rc = 1;
	submit_result_free(&res);
	str_free(&img);
	return rc;
}

/* Timeout.<name>[.<precedence class>] in seconds (0 = unset). */
static long dsn_timeout(const struct job *j, const char *name)
{
	char k[64];
	const char *cls = j->env.prio < 0 ? "non-urgent" : "normal";
	snprintf(k, sizeof k, "Timeout.%s.%s", name, cls);
	const struct opt_value *v = option_get(j->cf, k);
	if (v == NULL || !v->set) {
		snprintf(k, sizeof k, "Timeout.%s", name);
		v = option_get(j->cf, k);
	}
	return v && v->set ? v->num : 0;
}

/* Build and queue one DSN of kind to `to`. */
static int dsn_send(struct job *j, int kind, int postmaster, const char *to,
		    char ***ids, size_t *nids)
{
	char id[QF_ID_MAX], a[128], b[128];
	struct dsn_spec s;
	memset(&s, 0, sizeof s);
	s.now = time(NULL);
	qf_id_new(id, sizeof id, s.now, getpid());
	s.kind = kind;
	s.postmaster = postmaster;
	s.id = id;
	s.to = to;
	s.mime = option_num(j->cf, "SendMimeErrors", 0) != 0;
	s.hdrs_only = kind == DSN_SUCCESS || j->env.flags == NULL ? kind == DSN_SUCCESS
		      : strchr(j->env.flags, 'n') != NULL;
	long warn = dsn_timeout(j, "queuewarn"), ret = dsn_timeout(j, "queuereturn");
	s.interval = interval_format(warn, 0, a, sizeof a);
	s.retlimit = interval_format(ret, 0, b, sizeof b);
	if (ret > 0)
		s.retry_until = (time_t)j->env.ctime + ret;
	return dsn_queue(j, &s, ids, nids);
}

static int dsn_any(const struct job *j, int kind)
{
	for (size_t i = 0; i < j->nr; i++)
		if (dsn_rcpt_in(j, i, kind))
			return 1;
	return 0;
}

static const char *dsn_double_bounce(const struct job *j)
{
	const char *d = option_str(j->cf, "DoubleBounceAddress", NULL);
	return d && *d ? d : "postmaster";
}

/* Is j itself a double bounce: a null-sender message to the
 * DoubleBounceAddress? Its own failures go nowhere (no loop). */
static int dsn_is_double(const struct job *j)
{
	if (!dsn_null_sender(j))
		return 0;
	const char *d = dsn_double_bounce(j), *jn = macro_get(&j->cf->macros, 'j');
	size_t dl = strlen(d);
	for (size_t i = 0; i < j->nr; i++) {
		const char *a = j->r[i].final ? strchr(j->r[i].final, ';') : NULL;
		a = a ? a + 1 : j->r[i].addr;
		while (a && *a == ' ')
			a++;
		if (a == NULL || strncasecmp(a, d, dl) != 0)
			continue;
		if (a[dl] == '\0' || (a[dl] == '@' && jn && strcasecmp(a + dl + 1, jn) == 0))
			return 1;
	}
	return 0;
}

/* Mail a DSN back to the sender; when it cannot be queued, to the
 * postmaster (never back to a null sender). */
static int dsn_mail_back(struct job *j, int kind, char ***ids, size_t *nids)
{
	int rc = 1;
	if (dsn_is_double(j))
		return 0;
	if (!dsn_null_sender(j))
		rc = dsn_send(j, kind, 0, j->env.sender, ids, nids);
	if (rc == 1 && kind != DSN_SUCCESS)
		rc = dsn_send(j, kind, 1, dsn_double_bounce(j), ids, nids);
	if (rc == 0 && kind == DSN_FAIL && !dsn_null_sender(j)) {
		const char *pc = option_str(j->cf, "PostmasterCopy", NULL);
		if (pc != NULL && *pc != '\0')
			(void)dsn_send(j, kind, 1, pc, ids, nids);
	}
	return rc == 1 ? 0 : rc;
}

/* Print mode: ~sender/dead.letter; 0 saved, -1 not (then mail back). */
static int dsn_save_dead(struct job *j)
{
	if (dsn_null_sender(j))
		return -1;
	struct passwd *pw = getpwnam(j->env.sender);
	if (pw == NULL || pw->pw_dir == NULL || pw->pw_dir[0] != '/')
		return -1;
	struct str p;
	str_init(&p, 0);
	str_printf(&p, "%s/dead.letter", strcmp(pw->pw_dir, "/") == 0 ? "" : pw->pw_dir);
	int rc = dsn_dead_letter(j, p.s);
	if (rc == 0) {
		fflush(stdout);
		printf("%s... Saved message in %s\n", p.s, p.s);
		fflush(stdout);
	}
	str_free(&p);
	return rc;
}

/* Queuereturn and queuewarn for recipients still deferred. */
static int dsn_timeouts(struct job *j, char ***ids, size_t *nids)
{
	int deferred = 0;
	for (size_t i = 0; i < j->nr; i++)
		deferred |= j->r[i].state == JR_DEFERRED;
	if (!deferred || j->env.ctime <= 0)
		return 0;
	time_t now = j->now ? j->now : time(NULL);
	long age = (long)(now - (time_t)j->env.ctime);
	long ret = dsn_timeout(j, "queuereturn"), warn = dsn_timeout(j, "queuewarn");
	char b[128];
	if (ret > 0 && age >= ret) {
		interval_format(ret, 0, b, sizeof b);
		for (size_t i = 0; i < j->nr; i++) {
			struct job_rcpt *r = &j->r[i];
			if (r->state != JR_DEFERRED)
				continue;
			r->state = JR_FAILED;
			mem_free(r->status);
			r->status = mem_strdup("4.4.7");
		}
		if (j->flags & JOB_VERBOSE)
			printf("Cannot send message for %s\n", b);
		job_transcript(j, "Message could not be delivered for %s", b);
		job_transcript(j, "Message will be deleted from queue");
		return 0;
	}
	const char *fl = j->env.flags ? j->env.flags : "";
	if (warn <= 0 || age < warn || strchr(fl, 'w') != NULL || !dsn_any(j, DSN_DELAY))
		return 0;
	interval_format(warn, 0, b, sizeof b);
	if (j->flags & JOB_VERBOSE)
		printf("Warning: could not send message for past %s\n", b);
	int rc = dsn_mail_back(j, DSN_DELAY, ids, nids);
	struct str f;
	str_init(&f, 0);
	str_printf(&f, "w%s", fl);
	qf_env_set(&j->env, 'F', f.s);
	str_clear(&f);
	str_printf(&f, "Warning: could not send message for past %s", b);
	qf_env_set(&j->env, 'M', f.s);
	str_free(&f);
	return rc;
}

int dsn_after_attempt(struct job *j, char ***ids, size_t *nids)
{
	int rc = dsn_timeouts(j, ids, nids);
	if (rc != 0)
		return rc;
	int mode = (int)option_num(j->cf, "ErrorMode", 'p');
	if (j->flags & JOB_QUEUERUN)
		mode = 'm';
	if (mode == 'w' && !isatty(STDOUT_FILENO))
		mode = 'm';
	if (dsn_any(j, DSN_FAIL)) {
		if (mode == 'q')
			return 0;
		if (mode == 'p' || mode == 'w') {
			if (dsn_save_dead(j) == 0)
				return 0;
		}
		return dsn_mail_back(j, DSN_FAIL, ids, nids);
	}
	if (dsn_any(j, DSN_SUCCESS))
		return dsn_mail_back(j, DSN_SUCCESS, ids, nids);
	return 0;
}

int dsn_return(struct job *j, int kind, char ***ids, size_t *nids)
{
	if (kind < DSN_FAIL || kind > DSN_SUCCESS || !dsn_any(j, kind))
		return 0;
	return dsn_mail_back(j, kind, ids, nids);
}
