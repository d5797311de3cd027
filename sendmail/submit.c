/* submit.c - submit_queue: one message into the queue (see submit.h).
 * Collect, set up the envelope (sender, macros), expand the recipients
 * (argv, then -t fields) through recipient.c as -bv does, hand the
 * submission-time failures to dsn.h, and write df + qf through
 * libsmutil/queue_write (nothing else creates spool files).
 * Touches the queue directory only through queue_write. */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>
#include "submit_int.h"
#include "verify.h"
#include "options.h"
#include "err.h"
#include "job.h"
#include "dsn.h"
#include "xlog.h"
#include "../libsmutil/queue_write.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define EX_USAGE 64
#define EX_UNAVAILABLE 69
#define EX_TEMPFAIL 75
#define EX_OSERR 71

static void submit_noteerr(struct submit_env *se, int before);
static const char *submit_nocode(const char *l);

/* A recipient field read for -t is stored unfolded (one line). */
static void submit_unfold(char *v)
{
	char *w = v;
	for (char *r = v; *r != '\0'; r++) {
		if (*r != '\n') {
			*w++ = *r;
			continue;
		}
		while (r[1] == ' ' || r[1] == '\t')
			r++;
		*w++ = ' ';
	}
	*w = '\0';
}

/* The recipients of the -t fields (Resent- ones on a resent message). */
static void submit_tflag(struct submit_env *se)
{
	int resent = 0;
	for (const struct hdr *h = se->msg.hl.head; h != NULL; h = h->next)
		if (!(h->flags & HDR_DEFAULT) && (h->flags & HDR_RESENT))
			resent = 1;
	for (struct hdr *h = se->msg.hl.head; h != NULL; h = h->next) {
		if ((h->flags & HDR_DEFAULT) || !(h->flags & HDR_RCPT))
			continue;
		if (((h->flags & HDR_RESENT) != 0) != resent)
			continue;
		submit_unfold(h->value);
		err_set_file(NULL, 0);
		int c = err_count();
		(void)recipient_sendtolist(&se->rl, h->value, NULL, 0);
		submit_noteerr(se, c);
	}
}

/* After an expansion: when it raised errors, the last message (without
 * its "addr... " prefix) becomes the envelope message (M line). err.h
 * offers no "last error" (only the last message), hence the count. */
static void submit_noteerr(struct submit_env *se, int before)
{
	if (err_count() == before)
		return;
	const char *m = err_last();
	const char *p = strstr(m, "... ");
	if (p != NULL)
		m = p + 4;
	mem_free(se->firstmsg);
	se->firstmsg = mem_strdup(m);
}

/* The M line after the expansion: the reference keeps its last "User
 * unknown" or refused program/file/include (recipient_add's emsg);
 * other errors leave what submit_noteerr chose. */
static void submit_rcpt_msg(struct submit_env *se)
{
	if (se->rl.emsg == NULL)
		return;
	mem_free(se->firstmsg);
	se->firstmsg = mem_strdup(se->rl.emsg);
}

static void submit_rcpts(struct submit_env *se)
{
	const struct submit_req *rq = se->rq;
	struct rcpt *sender = se->sparsed;
	se->sparsed = NULL;             /* verify_metoo takes it */
	se->from_mailer = sender != NULL && sender->a.mailer != NULL && !se->nullsender ?
			  sender->a.mailer->number : -1;
	int n = 0;
	for (int i = 0; rq->rcpts != NULL && rq->rcpts[i] != NULL; i++) {
		err_set_file(NULL, 0);
		int c = err_count();
		n += recipient_sendtolist(&se->rl, rq->rcpts[i], NULL, 0);
		submit_noteerr(se, c);
	}
	submit_rcpt_msg(se);
	if (se->cap != NULL) {          /* the input follows in the -X log */
		fflush(se->cap);
		se->xsplit = ftell(se->cap);
	}
	const struct rcpt *one = NULL;
	for (const struct rcpt *q = se->rl.head; q != NULL; q = q->next)
		if (q->alias == NULL && one == NULL)
			one = q;
	char *u = n == 1 && one != NULL && !(rq->flags & SUBMIT_DSN) ?
		  mem_strdup(one->a.paddr) : NULL;
	if (rq->flags & SUBMIT_TFLAG)
		submit_tflag(se);
	if ((rq->flags & SUBMIT_TFLAG) && se->rl.head == NULL) {
		printf("No recipient addresses found in header\n");
		se->norcpt = 1;
	}
	/* the expansion leaves $u set (.forward paths): $u is the single
	 * recipient given as an argument, if there is one */
	macro_set(&se->mac, 'u', u);
	mem_free(u);
	verify_metoo(&se->rl, sender);
	err_set_file(NULL, 0);
	err_set_addr(NULL);
}

/* The queue directory to use: QueueDirectory, or with a trailing
 * wildcard the first matching subdirectory. Heap. */
static void submit_qdir_one(const char *dir, void *ctx)
{
	char **out = ctx;
	if (*out == NULL)
		*out = mem_strdup(dir);
}

static char *submit_qdir(const struct config *cf)
{
	const char *q = option_str(cf, "QueueDirectory", "/var/spool/mqueue");
	char *out = NULL;
	if (strchr(q, '*') != NULL)
		(void)qf_path_expand(q, submit_qdir_one, &out);
	return out != NULL ? out : mem_strdup(q);
}

/* A program, file or :include: target refused (5.7.1): no mailer ran,
 * so like a resolve failure the DSN shows no reason and no
 * Diagnostic-Code; its X-Actual-Recipient is the mailer's address type,
 * a top-level one's Final-Recipient is qualified even as "|prog". */
static void submit_refused(const struct submit_env *se, const struct rcpt *q,
			   struct job_rcpt *r)
{
	const struct mailer *m = q->a.mailer;
	const char *jn = macro_get(&se->mac, 'j');
	int rfc = m == NULL || m->addrtype == NULL || strcasecmp(m->addrtype, "rfc822") == 0;
	/* a program keeps its quotes */
	r->actual = recipient_actual(m, rfc ? r->user : r->addr, jn);
	struct str a;
	if (q->alias == NULL && strchr(r->addr, '@') == NULL) {
		str_init(&a, 0);
		str_printf(&a, "RFC822; %s@%s", r->addr, jn != NULL ? jn : "");
		mem_free(r->final);
		r->final = str_steal(&a);
	}
	mem_free(r->diag);
	r->diag = NULL;
	mem_free(r->mailer);
	r->mailer = NULL;
}

/* Submission-time failures as a job for dsn_after_attempt: the queued
 * image (or the image that would have been queued) plus the failed
 * recipients, which never had an R line. */
static void submit_failures(struct submit_env *se, const struct qf_env *qf, const char *qdir,
			    struct submit_result *res)
{
	struct job j;
	memset(&j, 0, sizeof j);
	size_t n = 0;
	for (const struct rcpt *q = se->rl.head; q != NULL; q = q->next)
		if (q->state == RS_BADADDR)
			n++;
	if (n == 0)
		return;
	j.cf = se->cf;
	j.qdir = mem_strdup(qdir);
	memcpy(j.id, se->id, sizeof j.id);
	j.lockfd = -1;
	j.env = *qf;
	j.now = se->now;
	j.flags = JOB_INTERACTIVE | (se->cf->verbose ? JOB_VERBOSE : 0);
	j.r = mem_array(n, sizeof *j.r);
	memset(j.r, 0, n * sizeof *j.r);
	str_init(&j.transcript, 0);
	size_t *pos = mem_array(n + 1, sizeof *pos), queued = 0;
	for (const struct rcpt *q = se->rl.head; q != NULL; q = q->next) {
		if (recipient_sendable(q->state))
			queued++;
		if (q->state != RS_BADADDR)
			continue;
		pos[j.nr] = queued;     /* its place among the R lines */
		struct job_rcpt *r = &j.r[j.nr++];
		r->rline = (size_t)-1;
		r->addr = mem_strdup(q->a.paddr ? q->a.paddr : "");
		r->state = JR_FAILED;
		r->notify = se->rq->notify;
		if (q->alias != NULL) {
			r->final = submit_final(se, q);
			r->expfrom = mem_strdup(q->alias->a.paddr ? q->alias->a.paddr : "");
		}
		r->exitstat = q->a.status ? q->a.status : 67;
		char code[8], st[32], text[1024];
		submit_reason(se, q, code, sizeof code, st, sizeof st, text, sizeof text);
		r->status = mem_strdup(st);
		struct str d;
		str_init(&d, 0);
		str_printf(&d, "%s %s %s", code, st, text);
		r->diag = str_steal(&d);
		r->mailer = mem_strdup(q->a.mailer && q->a.mailer->name ? q->a.mailer->name : "");
		r->user = mem_strdup(q->a.user ? q->a.user : "");
		if (strcmp(st, "5.7.1") == 0)
			submit_refused(se, q, r);
	}
	str_addn(&j.transcript, se->xscript.s ? se->xscript.s : "", se->xscript.len);
	const char *dm = option_str(se->cf, "DeliveryMode", "b");
	if (se->tfail)
		j.flags |= DSN_JOB_MAILBACK;    /* no dead.letter: mailed back */
	else if (res->id[0] != '\0' && !(se->rq->flags & SUBMIT_DSN) && dm != NULL &&
	    (*dm == 'i' || *dm == 'b' || *dm == '\0')) {
		/* delivered by this process: one DSN after the attempt */
		dsn_defer_failures(res->id, j.r, j.nr, j.transcript.s ? j.transcript.s : "");
		dsn_defer_positions(pos);
		pos = NULL;
		j.r = NULL;
		j.nr = 0;
	}
	if (j.nr > 0) {
	dsn_set_body(se->msg.body.s ? se->msg.body.s : "", se->msg.body.len);
	(void)dsn_after_attempt(&j, &res->dsnids, &res->ndsn);
	dsn_set_body(NULL, 0);
	}
	for (size_t i = 0; i < j.nr; i++) {
		mem_free(j.r[i].addr);
		mem_free(j.r[i].status);
		mem_free(j.r[i].diag);
		mem_free(j.r[i].mailer);
		mem_free(j.r[i].user);
		mem_free(j.r[i].final);
		mem_free(j.r[i].expfrom);
		mem_free(j.r[i].actual);
	}
	mem_free(pos);
	mem_free(j.r);
	mem_free(j.qdir);
	str_free(&j.transcript);
}

static int submit_any_failed(const struct submit_env *se)
{
	for (const struct rcpt *q = se->rl.head; q != NULL; q = q->next)
		if (q->state == RS_BADADDR)
			return 1;
	return 0;
}

static int submit_sendable(const struct submit_env *se)
{
	for (const struct rcpt *q = se->rl.head; q != NULL; q = q->next)
		if (recipient_sendable(q->state))
			return 1;
	return 0;
}

/* A bounce of a message with too many hops inherits a -h hop count: the
 * reference, delivering it (-odi/-odb), fails it again and can return
 * it nowhere, so its qf is renamed Qf (lost) and nothing delivered. */
static void submit_lose_rewrite(const char *qdir, unsigned sub, const char *id)
{
	struct qf_env e;
	struct str p;
	struct stat st;
	const char *err = NULL;
	qf_env_init(&e);
	str_init(&p, 0);
	int fd = open(qf_path(&p, qdir, sub, 'q', id), O_RDONLY);
	if (fd >= 0 && qf_parse_fd(&e, fd, NULL, &err) == 0) {
		/* as its failed attempt left it: split flag gone, df's I line */
		const char *f = e.flags;
		struct str nf;
		str_init(&nf, 0);
		for (; f != NULL && *f != '\0'; f++)
			if (*f != 's')
				str_addc(&nf, *f);
		qf_env_set(&e, 'F', nf.s ? nf.s : "");
		str_free(&nf);
		if (stat(qf_path(&p, qdir, sub, 'd', id), &st) == 0)
			qf_env_setf(&e, 'I', "%u/%u/%lu", major(st.st_dev), minor(st.st_dev),
				    (unsigned long)st.st_ino);
		qf_env_terminate(&e);
		(void)queue_write_rewrite(qdir, sub, id, 'q', &e, 0600, 0, NULL, &err);
	}
	if (fd >= 0)
		close(fd);
	qf_env_free(&e);
	str_free(&p);
}

static void submit_lose_dsns(const struct config *cf, struct submit_result *res)
{
	const char *dm = option_str(cf, "DeliveryMode", "b");
	if (res->ndsn == 0 || (dm != NULL && (*dm == 'q' || *dm == 'd')))
		return;
	unsigned sub = qf_path_subdirs(res->qdir);
	struct str a, b;
	str_init(&a, 0);
	str_init(&b, 0);
	for (size_t i = 0; i < res->ndsn; i++) {
		submit_lose_rewrite(res->qdir, sub, res->dsnids[i]);
		qf_path(&a, res->qdir, sub, 'q', res->dsnids[i]);
		qf_path(&b, res->qdir, sub, 'Q', res->dsnids[i]);
		(void)rename(a.s, b.s);
		mem_free(res->dsnids[i]);
		str_clear(&a);
		str_clear(&b);
	}
	res->ndsn = 0;
	str_free(&a);
	str_free(&b);
}

/* A line on stdout, in the -X log too (">>> line"). */
static void submit_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void submit_say(const char *fmt, ...)
{
	struct str l;
	va_list ap;
	str_init(&l, 0);
	va_start(ap, fmt);
	str_vprintf(&l, fmt, ap);
	va_end(ap);
	printf("%s\n", l.s);
	xlog_out(l.s, l.len);
	str_free(&l);
}

/* A queue write failure, reported as the reference does (its df commit
 * and queueup messages on stdout); nothing is left in the queue. */
static int submit_write_error(const struct queue_write *qw, const char *error)
{
	const char *why = error != NULL ? strrchr(error, ':') : NULL;
	why = why != NULL ? why + 2 : strerror(errno);
	if (strcmp(why, strerror(ENOSPC)) == 0) {       /* the reference's dferror */
		submit_say("Insufficient disk space; try again later");
		return EX_OSERR;
	}
	submit_say("collect: Cannot write ./df%s (bfcommit, uid=%ld, gid=%ld): %s",
		   qw->id, (long)geteuid(), (long)getegid(), why);
	submit_say("queueup: cannot create queue file ./qf%s, euid=%ld, fd=-1, fp=0x0: %s",
		   qw->id, (long)geteuid(), why);
	return EX_OSERR;
}

/* MinFreeBlocks: enough free blocks in qdir for the message plus the
 * reserve? (statvfs failing counts as enough, as the reference). */
static int submit_enough_space(const struct submit_env *se, const char *qdir)
{
	long minfree = option_num(se->cf, "MinFreeBlocks", 100);
	long size = submit_msgsize(se);
	struct statvfs sv;
	if ((minfree <= 0 && size <= 0) || statvfs(qdir, &sv) < 0 || sv.f_bsize == 0)
		return 1;
	return (long)sv.f_bavail >= size / (long)sv.f_bsize + minfree;
}

/* df + qf through the queue writer; 0 or EX_TEMPFAIL (message printed). */
static int submit_write(struct submit_env *se, const char *qdir, struct qf_env *qf,
			struct submit_result *res)
{
	struct queue_write qw;
	const char *error = NULL;
	unsigned fl = option_num(se->cf, "SuperSafe", 1) ? QUEUE_WRITE_SUPERSAFE : 0;
	int mode = (int)option_num(se->cf, "QueueFileMode", 0600);
	const char *al = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	const char *c6 = strchr(al, se->id[6]), *c7 = strchr(al, se->id[7]);
	if (c6 != NULL && c7 != NULL && se->id[6] && se->id[7])
		qf_id_seed((c6 - al) * 60 + (c7 - al));
	if (!submit_enough_space(se, qdir)) {
		submit_say("Insufficient disk space; try again later");
		return EX_OSERR;
	}
	if (queue_write_begin(&qw, qdir, mode, fl, se->idtime, &error) < 0)
		goto fail;
	memcpy(se->id, qw.id, sizeof se->id);
	macro_set(&se->mac, 'i', se->id);
	if (queue_write_body(&qw, se->msg.body.s ? se->msg.body.s : "", se->msg.body.len,
			     &error) < 0)
		goto abort;
	submit_qf_build(se, qf);
	if (queue_write_commit(&qw, qf, &error) < 0)
		goto abort;
	memcpy(res->id, qw.id, sizeof res->id);
	res->lockfd = qw.qffd;
	qw.qffd = -1;
	queue_write_close(&qw);
	return 0;
abort:
	queue_write_abort(&qw);
fail:
	return submit_write_error(&qw, error);
}

static void submit_env_init(struct submit_env *se, const struct submit_req *rq)
{
	memset(se, 0, sizeof *se);
	se->rq = rq;
	se->cf = rq->cf;
	se->now = time(NULL);
	se->from_mailer = -1;
	const char *pre = (rq->flags & SUBMIT_DSN) ? dsn_preset_id() : NULL;
	if (pre != NULL) {
		snprintf(se->id, sizeof se->id, "%s", pre);
		se->now = se->idtime = dsn_preset_time();
		dsn_preset_clear();
	} else {
		se->idtime = se->now;
		qf_id_new(se->id, sizeof se->id, se->now, getpid());
	}
	str_init(&se->xscript, 0);
	header_list_init(&se->msg.hl);
	str_init(&se->msg.body, 0);
	str_init(&se->msg.trace, 0);
	macros_init(&se->mac, &rq->cf->macros);
	se->rc.cf = rq->cf;
	se->rc.mac = &se->mac;
	se->rc.ar = arena_new(65536);
	se->rc.trace_prefix = "rewrite: ruleset ";
	recipient_init(&se->rl, &se->rc);
	se->rl.noalias = (rq->flags & SUBMIT_NOALIAS) != 0;
}

static void submit_env_free(struct submit_env *se)
{
	submit_msg_free(&se->msg);
	recipient_free(&se->rl);
	arena_free(se->rc.ar);
	macros_free(&se->mac);
	mem_free(se->sender);
	mem_free(se->fsender);
	if (se->sparsed != NULL)
		recipient_free_one(se->sparsed);
	mem_free(se->auth);
	mem_free(se->fullname);
	mem_free(se->firstmsg);
	mem_free(se->hopline);
	str_free(&se->xscript);
}

/* Too many trace fields: every recipient fails. The reference counts
 * -h, the trace fields and its own hop, and fails past MaxHopCount. */
static int submit_hops(struct submit_env *se)
{
	long max = option_num(se->cf, "MaxHopCount", 25);
	/* its own Received counts one, unless -h set the count (30 -> 30) */
	int hops = ((se->rq->flags & SUBMIT_HOPSET) ? se->rq->hopcount : 1) +
		   header_hops(&se->msg.hl);
	if (hops <= max)
		return 0;
	const char *to = NULL;
	for (struct rcpt *q = se->rl.head; q != NULL; q = q->next)
		if (recipient_sendable(q->state)) {
			if (to == NULL)
				to = q->a.paddr;
			q->state = RS_BADADDR;
		}
	mem_free(se->firstmsg);
	se->firstmsg = mem_strdup("Too many hops");
	se->hopfail = 1;
	struct str l;
	str_init(&l, 0);
	str_printf(&l, "554 5.4.6 Too many hops %d (%ld max): from %s via localhost, to %s\n",
		   hops, max, se->nullsender ? "<>" : se->sender, to ? to : "(null)");
	se->hopline = str_steal(&l);
	return EX_UNAVAILABLE;
}

/* Submission errors are kept with their codes (the DSN transcript) and
 * shown without them only when ErrorMode prints (p; w on a terminal),
 * as the reference. A DSN's own submission leaves the caller's output. */
static FILE *submit_capture_begin(struct submit_env *se)
{
	if (se->rq->flags & SUBMIT_DSN)
		return NULL;
	FILE *f = tmpfile();
	if (f != NULL)
		err_set_output(f, 0);
	se->cap = f;
	se->xsplit = -1;
	return f;
}

/* -X: the input as read, once. */
static void submit_trace(struct submit_env *se)
{
	if (se->traced)
		return;
	se->traced = 1;
	xlog_raw(se->msg.trace.s, se->msg.trace.len);
}

static int submit_prints(const struct config *cf)
{
	int mode = (int)option_num(cf, "ErrorMode", 'p');
	return mode == 'p' || (mode == 'w' && isatty(STDOUT_FILENO));
}

/* "550 5.1.1 text" -> "text" */
static const char *submit_nocode(const char *l)
{
	if (strlen(l) < 4 || l[0] < '0' || l[0] > '9' || (l[3] != ' ' && l[3] != '-'))
		return l;
	l += 4;
	const char *p = l;
	while ((*p >= '0' && *p <= '9') || *p == '.')
		p++;
	return p > l && *p == ' ' && strchr(l, '.') < p ? p + 1 : l;
}

static void submit_capture_end(struct submit_env *se, FILE *f)
{
	if (f == NULL)
		return;
	err_set_output(stdout, 1);
	fflush(f);
	rewind(f);
	char line[4096];
	int show = submit_prints(se->cf) || se->tfail;
	/* -X: messages about the argument recipients, the input, the rest */
	for (long at = 0; fgets(line, sizeof line, f) != NULL; at = ftell(f)) {
		if (se->xsplit >= 0 && at >= se->xsplit)
			submit_trace(se);
		size_t n = strlen(line);
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		/* -v's informational lines ("aliased to"...) show whatever
		 * the ErrorMode (errors only where it prints them) and stay
		 * out of the transcript */
		int info = strncmp(line, "050 ", 4) == 0;
		if (!info)
			str_printf(&se->xscript, "%s\n", line);
		if (!show && !info)
			continue;
		const char *l = submit_nocode(line);
		printf("%s\n", l);
		xlog_out(l, strlen(l));
	}
	submit_trace(se);
	if (se->norcpt)
		xlog_out("No recipient addresses found in header", 38);
	fflush(stdout);
	fclose(f);
	se->cap = NULL;
}

int submit_queue(const struct submit_req *rq, struct submit_result *res)
{
	struct submit_env se;
	struct qf_env qf;
	memset(res, 0, sizeof *res);
	res->lockfd = -1;
	submit_env_init(&se, rq);
	qf_env_init(&qf);
	header_add_defaults(&se.msg.hl, rq->cf);
	submit_auth_begin(&se);
	int st = submit_collect(rq, rq->cf, &se.msg);
	if (st == 0) {
		if (se.msg.toolarge)
			printf("Headers too large (%ld max)\n",
			       option_num(rq->cf, "MaxHeadersLength", 0));
		FILE *cap = submit_capture_begin(&se);
		submit_sender(&se);
		submit_macros(&se);
		submit_rcpts(&se);
		st = err_exitstat();
		if (st == 0 && se.rl.refused)
			st = EX_USAGE;
		se.tfail = (rq->flags & SUBMIT_TFLAG) && submit_any_failed(&se);
		res->hold = se.tfail;
		int hs = submit_hops(&se);
		submit_capture_end(&se, cap);
		if (se.hopline != NULL)
			str_add(&se.xscript, se.hopline);
		submit_log_failures(&se);
		if (hs != 0)
			st = hs;
	}
	submit_trace(&se);
	res->qdir = submit_qdir(rq->cf);
	if (st == 0 || submit_sendable(&se)) {
		int w = submit_sendable(&se) ? submit_write(&se, res->qdir, &qf, res) : 0;
		if (w != 0)
			st = w;
	} else
		submit_qf_build(&se, &qf);
	if (se.sender != NULL && st != EX_OSERR) {
		if (!(rq->flags & SUBMIT_DSN))
			dsn_note_size(res->id[0] ? res->id : se.id, (long)se.msg.msgsize);
		submit_log_from(&se);
		if (res->id[0] != '\0' && !(rq->flags & SUBMIT_DSN) && submit_stays_queued(&se)) {
			const char *dm = option_str(rq->cf, "DeliveryMode", "b");
			res->laqueue = dm != NULL && *dm != 'q' && *dm != 'd';
			submit_log_queued(&se, res->laqueue && rq->cf->verbose);
		}
	}
	/* a DSN's failures are its caller's (it goes to the postmaster) */
	if (st != EX_OSERR && !(rq->flags & SUBMIT_DSN))
		submit_failures(&se, &qf, res->qdir, res);
	if (se.hopfail && (rq->flags & SUBMIT_HOPSET) &&
	    rq->hopcount + 1 > option_num(rq->cf, "MaxHopCount", 25))
		submit_lose_dsns(se.cf, res);
	res->status = st;
	qf_env_free(&qf);
	submit_env_free(&se);
	return res->id[0] != '\0' ? 0 : st;
}

void submit_result_free(struct submit_result *res)
{
	for (size_t i = 0; i < res->ndsn; i++)
		mem_free(res->dsnids[i]);
	mem_free(res->dsnids);
	res->dsnids = NULL;
	res->ndsn = 0;
	mem_free(res->qdir);
	res->qdir = NULL;
	if (res->lockfd >= 0)
		close(res->lockfd);
	res->lockfd = -1;
}
