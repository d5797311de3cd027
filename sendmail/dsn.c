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
#include <sys/stat.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>
#include "dsn.h"
#include "xlog.h"
#include "submit.h"
#include "err.h"
#include "macro.h"
#include "options.h"
#include "recipient.h"
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

/* The DSNs this process queued: the reference delivers those from
 * memory, where their sender is $n (MAILER-DAEMON), not "<>". */
static struct { char id[16][QF_ID_MAX]; unsigned n; } dsn_mine;

static void dsn_mine_add(const char *id)
{
	snprintf(dsn_mine.id[dsn_mine.n++ % 16], QF_ID_MAX, "%s", id);
}

static int dsn_mine_has(const char *id)
{
	for (unsigned i = 0; i < 16 && i < dsn_mine.n; i++)
		if (strcmp(dsn_mine.id[i], id) == 0)
			return 1;
	return 0;
}

static struct { char id[QF_ID_MAX]; long size; } dsn_size_note;

void dsn_note_size(const char *id, long size)
{
	snprintf(dsn_size_note.id, sizeof dsn_size_note.id, "%s", id);
	dsn_size_note.size = size;
}

/* The original's size: noted by submit, else (a queue run) as the
 * reference's readqf counts it: the df's bytes plus, for each H line,
 * its length (continuations included, newline not) less 3. */
static long dsn_orig_size(const struct job *j)
{
	if (dsn_size_note.id[0] != '\0' && strcmp(dsn_size_note.id, j->id) == 0)
		return dsn_size_note.size;
	struct stat st;
	long size = j->dfpath != NULL && stat(j->dfpath, &st) == 0 ? (long)st.st_size : 0;
	for (size_t i = 0; i < j->env.nhdrs; i++)
		size += (long)strlen(j->env.hdrs[i].raw) + 1 - 3;
	return size;
}

/* The reason in the DSN's syslog line. */
static const char *dsn_reason(const struct job *j, int kind)
{
	if (kind == DSN_SUCCESS)
		return "Return receipt";
	const char *m = j->emsg;
	for (size_t i = 0; m == NULL && i < j->env.nlines; i++)
		if (j->env.lines[i].code == 'M')
			m = j->env.lines[i].val;
	for (size_t i = 0; m == NULL && i < j->nr; i++)
		if (j->r[i].state == JR_FAILED)
			m = j->r[i].stat ? j->r[i].stat : j->r[i].diag;
	return m != NULL ? m : "";
}

static int dsn_null_sender(const struct job *j)
{
	const char *s = j->env.sender;
	const char *n = macro_get(&j->cf->macros, 'n');
	return s == NULL || *s == '\0' || strcmp(s, "<>") == 0 ||
	       (n != NULL && strcasecmp(s, n) == 0) ||
	       (j->env.flags && strchr(j->env.flags, 'r') != NULL);
}

/* One captured "550 5.1.1 text\r\n" line on stdout as the terminal shows
 * it: without its reply and enhanced codes. */
static void dsn_print_stripped(const char *p, size_t n)
{
	const char *e = p + n;
	while (e > p && (e[-1] == '\n' || e[-1] == '\r'))
		e--;
	p += 4;
	const char *q = p;
	if (q < e && *q >= '0' && *q <= '9' && q + 1 < e && q[1] == '.') {
		while (q < e && *q != ' ')
			q++;
		if (q < e)
			p = q + 1;
	}
	fwrite(p, 1, (size_t)(e - p), stdout);
	fputc('\n', stdout);
	fflush(stdout);
}

/* What submitting a DSN printed: its recipients' errors go to j's
 * transcript; under -v the "... aliased to ..." progress lines go to
 * the terminal, as the reference (it expands them as it queues). */
static void dsn_split_capture(struct job *j, const char *cap, size_t len)
{
	const char *end = cap + len;
	while (cap < end) {
		const char *nl = memchr(cap, '\n', (size_t)(end - cap));
		size_t n = nl ? (size_t)(nl - cap) + 1 : (size_t)(end - cap);
		if ((j->flags & JOB_VERBOSE) && n > 4 && memcmp(cap, "050 ", 4) == 0 &&
		    memmem(cap, n, "... aliased to ", 15) != NULL) {
			size_t t = n - 4;               /* without its code and CR */
			while (t > 0 && (cap[4 + t - 1] == '\n' || cap[4 + t - 1] == '\r'))
				t--;
			fwrite(cap + 4, 1, t, stdout);
			fputc('\n', stdout);
			fflush(stdout);
		} else {
			str_addn(&j->transcript, cap, n);
			/* a queue run under -v shows them too (submission
			 * modes hold them: ErrorMode m) */
			if ((j->flags & (JOB_VERBOSE | JOB_INTERACTIVE)) == JOB_VERBOSE &&
			    n > 4 && cap[0] >= '4' && cap[0] <= '5')
				dsn_print_stripped(cap, n);
		}
		cap += n;
	}
}

/* -X: the reference writes a DSN's body into its df line by line through
 * the traffic log (">>>"); its headers go to the qf, unlogged. */
static void dsn_xlog_body(const struct str *img)
{
	if (!xlog_active())
		return;
	const char *b = img->s[0] == '\n' ? img->s : strstr(img->s, "\n\n");
	if (b == NULL)
		return;
	b += b == img->s ? 1 : 2;
	xlog_out_text(b, img->len - (size_t)(b - img->s));
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
	/* with a second recipient (postmaster) the reference queues (and
	 * delivers) it first, though its To: line comes second */
	char *rcpts[3] = { (char *)(s->to2 ? s->to2 : s->to), (char *)(s->to2 ? s->to : NULL),
			   NULL };
	struct submit_req rq = { .cf = j->cf, .sender = "<>",
		.fullname = "Mail Delivery Subsystem", .rcpts = rcpts,
		.flags = SUBMIT_DSN, .infd = -1, .inbuf = img.s, .inlen = img.len,
		.proto = "", .rhost = "localhost", .authinfo = "localhost",
		.msgsize = s->hdrs_only ? -1 : 1024 + dsn_orig_size(j) };
	struct submit_result res = { .lockfd = -1 };
	char *cap = NULL;
	size_t caplen = 0;
	FILE *mf = open_memstream(&cap, &caplen);
	int ex = err_exitstat();
	err_set_output(mf, 0);
	int verb = err_get_verbose();   /* -v: the alias expansion is shown */
	err_set_verbose((j->flags & JOB_VERBOSE) != 0);
	int rc = submit_queue(&rq, &res);
	err_set_verbose(verb);
	err_set_output(NULL, 1);
	err_reset_exitstat();
	err_set_exitstat(ex);
	fclose(mf);
	dsn_split_capture(j, cap, caplen);
	free(cap);
	dsn_preset_clear();
	if (rc == 0 && res.id[0] != '\0') {
		dsn_xlog_body(&img);
		openlog("sendmail", LOG_PID, LOG_MAIL);
		syslog(LOG_INFO, "%s: %s: %s: %s", j->id, res.id,
		       s->postmaster ? "postmaster notify" : "DSN", dsn_reason(j, s->kind));
		dsn_push_id(ids, nids, res.id);
		dsn_mine_add(res.id);
		if (res.lockfd >= 0)
			close(res.lockfd);
	} else if (rc == 0 || (rc != 71 && rc != 75))
		rc = 1;         /* its recipients failed: nothing queued */
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

/* Build and queue one DSN of kind to `to`; postmaster: 1 the
 * "Postmaster notify" variant, 2 the same as a PostmasterCopy (the
 * original's headers only). */
static int dsn_send2(struct job *j, int kind, int postmaster, const char *to,
		     const char *to2, char ***ids, size_t *nids)
{
	char id[QF_ID_MAX], a[128], b[128];
	struct dsn_spec s;
	memset(&s, 0, sizeof s);
	s.now = time(NULL);
	qf_id_new(id, sizeof id, s.now, getpid());
	s.kind = kind;
	s.postmaster = postmaster != 0;
	s.pmcopy = postmaster == 2;
	s.id = id;
	s.to = to;
	s.to2 = to2;
	s.mime = option_num(j->cf, "SendMimeErrors", 1) != 0;   /* default on, as the reference */
	s.hdrs_only = kind == DSN_SUCCESS || postmaster == 2 ||
		      (j->env.flags != NULL && strchr(j->env.flags, 'n') != NULL);
	long warn = dsn_timeout(j, "queuewarn"), ret = dsn_timeout(j, "queuereturn");
	s.interval = interval_format(warn, 0, a, sizeof a);
	s.retlimit = interval_format(ret, 0, b, sizeof b);
	if (ret > 0)
		s.retry_until = (time_t)j->env.ctime + ret;
	return dsn_queue(j, &s, ids, nids);
}

static int dsn_send(struct job *j, int kind, int postmaster, const char *to,
		    char ***ids, size_t *nids)
{
	return dsn_send2(j, kind, postmaster, to, NULL, ids, nids);
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

/* Where the reference returns a failure (savemail's e_from unless it
 * is empty): the sender; for a DSN of this process (held in memory
 * there, *response set) $n; NULL when there is none ("<>", a queued
 * DSN: flag 'r'). */
static const char *dsn_return_addr(const struct job *j, int *response)
{
	const char *s = j->env.sender;
	*response = dsn_mine_has(j->id);
	if (*response) {
		s = macro_get(&j->cf->macros, 'n');
		return s != NULL && *s != '\0' ? s : "MAILER-DAEMON";
	}
	if (s == NULL || *s == '\0' || strcmp(s, "<>") == 0 ||
	    (j->env.flags && strchr(j->env.flags, 'r') != NULL))
		return NULL;
	return s;
}

/* A DSN's own failure: the reference still resolves its sender as a
 * recipient (errors into the transcript; "MAILER-DAEMON... User
 * unknown") but never mails a response back. */
static void dsn_try_addr(struct job *j, const char *addr)
{
	struct macros mac;
	struct rw_ctx rc;
	struct rcpt_list rl;
	char *cap = NULL;
	size_t caplen = 0;
	FILE *mf = open_memstream(&cap, &caplen);
	int ex = err_exitstat();
	macros_init(&mac, &j->cf->macros);
	memset(&rc, 0, sizeof rc);
	rc.cf = j->cf;
	rc.mac = &mac;
	rc.ar = arena_new(16384);
	err_set_output(mf, 0);
	recipient_init(&rl, &rc);
	(void)recipient_sendtolist(&rl, addr, NULL, 0);
	recipient_free(&rl);
	err_set_output(NULL, 1);
	err_set_addr(NULL);
	err_reset_exitstat();
	err_set_exitstat(ex);
	fclose(mf);
	dsn_split_capture(j, cap, caplen);
	free(cap);
	arena_free(rc.ar);
	macros_free(&mac);
}

/* Mail a DSN back to the sender; when it cannot be queued, to the
 * postmaster (never back to a null sender, nor a DSN's own failure). */
static int dsn_mail_back(struct job *j, int kind, char ***ids, size_t *nids)
{
	int rc = 1;
	if (dsn_is_double(j))
		return 0;
	int response;
	const char *back = dsn_return_addr(j, &response);
	/* a mailer's internal error (j->pm_notify): one bounce to the
	 * sender and postmaster, a To: line each, as the reference */
	if (back != NULL && response)
		dsn_try_addr(j, back);
	else if (back != NULL)
		rc = dsn_send2(j, kind, 0, back,
			       j->pm_notify && kind == DSN_FAIL ? "postmaster" : NULL, ids, nids);
	if (rc == 1 && kind != DSN_SUCCESS)
		rc = dsn_send(j, kind, 1, dsn_double_bounce(j), ids, nids);
	if (rc == 0 && kind == DSN_FAIL && !dsn_null_sender(j)) {
		const char *pc = option_str(j->cf, "PostmasterCopy", NULL);
		if (pc != NULL && *pc != '\0')
			(void)dsn_send(j, kind, 2, pc, ids, nids);  /* headers only */
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
		struct str l;
		str_init(&l, 0);
		str_printf(&l, "%s... Saved message in %s", p.s, p.s);
		xlog_out(l.s, l.len);
		str_free(&l);
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
		struct str why;         /* the DSN's syslog reason */
		str_init(&why, 0);
		str_printf(&why, "Cannot send message for %s", b);
		job_set_message(j, why.s);
		str_free(&why);
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

static struct {
	char id[QF_ID_MAX];
	struct job_rcpt *r;
	size_t n;
	char *xs;
	size_t *pos;            /* R lines before each (NULL: at the end) */
	struct job_rcpt *orig;  /* j->r while merged */
	size_t *map;            /* original index -> merged index */
} dsn_deferred;

void dsn_defer_failures(const char *id, struct job_rcpt *r, size_t n, const char *transcript)
{
	snprintf(dsn_deferred.id, sizeof dsn_deferred.id, "%s", id);
	dsn_deferred.r = r;
	dsn_deferred.n = n;
	dsn_deferred.xs = mem_strdup(transcript);
	mem_free(dsn_deferred.pos);
	dsn_deferred.pos = NULL;
}

void dsn_defer_positions(size_t *pos)
{
	mem_free(dsn_deferred.pos);
	dsn_deferred.pos = pos;
}

/* Merge the deferred failures of j (if any) into j->r, each where it
 * was given; returns the count before, for dsn_unmerge. */
static size_t dsn_merge(struct job *j)
{
	size_t nr0 = j->nr, n = dsn_deferred.n, k = 0, o = 0;
	if (dsn_deferred.r == NULL || strcmp(dsn_deferred.id, j->id) != 0)
		return nr0;
	struct job_rcpt *m = mem_array(nr0 + n + 1, sizeof *m);
	dsn_deferred.map = mem_array(nr0 + 1, sizeof *dsn_deferred.map);
	for (size_t i = 0; i <= nr0; i++) {
		while (k < n && (i == nr0 || (dsn_deferred.pos && dsn_deferred.pos[k] <= i)))
			m[o++] = dsn_deferred.r[k++];
		if (i < nr0) {
			dsn_deferred.map[i] = o;
			m[o++] = j->r[i];
		}
	}
	dsn_deferred.orig = j->r;
	j->r = m;
	j->nr = nr0 + n;
	struct str t;
	str_init(&t, 0);
	str_add(&t, dsn_deferred.xs);
	str_addn(&t, j->transcript.s ? j->transcript.s : "", j->transcript.len);
	str_free(&j->transcript);
	j->transcript = t;
	mem_free(dsn_deferred.r);
	mem_free(dsn_deferred.xs);
	mem_free(dsn_deferred.pos);
	dsn_deferred.r = NULL;
	dsn_deferred.xs = NULL;
	dsn_deferred.pos = NULL;
	dsn_deferred.id[0] = '\0';
	return nr0;
}

/* The merged recipients leave again (they have no R line); j's own
 * return to their places. */
static void dsn_unmerge(struct job *j, size_t nr0)
{
	if (dsn_deferred.orig == NULL)
		return;
	struct job_rcpt *m = j->r;
	int *own = mem_array(j->nr + 1, sizeof *own);
	memset(own, 0, (j->nr + 1) * sizeof *own);
	for (size_t i = 0; i < nr0; i++) {
		dsn_deferred.orig[i] = m[dsn_deferred.map[i]];
		own[dsn_deferred.map[i]] = 1;
	}
	for (size_t i = 0; i < j->nr; i++)
		if (!own[i])
			job_rcpt_free(&m[i]);
	mem_free(own);
	mem_free(m);
	mem_free(dsn_deferred.map);
	j->r = dsn_deferred.orig;
	j->nr = nr0;
	memset(&dsn_deferred, 0, sizeof dsn_deferred);
}

static int dsn_after(struct job *j, char ***ids, size_t *nids);

int dsn_after_attempt(struct job *j, char ***ids, size_t *nids)
{
	size_t nr0 = dsn_merge(j);
	int rc = dsn_after(j, ids, nids);
	dsn_unmerge(j, nr0);
	return rc;
}

static int dsn_after(struct job *j, char ***ids, size_t *nids)
{
	int rc = dsn_timeouts(j, ids, nids);
	if (rc != 0)
		return rc;
	int mode = (int)option_num(j->cf, "ErrorMode", 'p');
	if (j->flags & (JOB_QUEUERUN | DSN_JOB_MAILBACK))
		mode = 'm';
	if (mode == 'w' && !isatty(STDOUT_FILENO))
		mode = 'm';
	int failed = 0;
	for (size_t i = 0; i < j->nr; i++)
		failed |= j->r[i].state == JR_FAILED && dsn_rcpt_in(j, i, DSN_FAIL);
	if (failed) {
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
