/* submit_main.c - the -bm mode: check the submission flags as the
 * reference does (-N -R -V -B -h -p), queue the message from stdin with
 * submit_queue, then deliver per DeliveryMode (i: job_run here, b: in a
 * child, q/d: leave it queued). Touches stdout/stderr and the process. */
#include <ctype.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "submit_int.h"
#include "options.h"
#include "err.h"
#include "job.h"
#include "verify.h"
#include "class.h"
#include "xlog.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define EX_USAGE 64

/* -N never | success,failure,delay; 0 = bad. */
static unsigned sm_notify(const char *s)
{
	unsigned n = 0;
	char *copy = mem_strdup(s), *save = NULL;
	for (char *w = strtok_r(copy, ",", &save); w != NULL; w = strtok_r(NULL, ",", &save)) {
		if (strcasecmp(w, "never") == 0)
			n |= SUBMIT_NOTIFY_NEVER;
		else if (strcasecmp(w, "success") == 0)
			n |= SUBMIT_NOTIFY_SUCCESS;
		else if (strcasecmp(w, "failure") == 0)
			n |= SUBMIT_NOTIFY_FAILURE;
		else if (strcasecmp(w, "delay") == 0)
			n |= SUBMIT_NOTIFY_DELAY;
		else
			n = 0x80;
	}
	mem_free(copy);
	if ((n & 0x80) || ((n & SUBMIT_NOTIFY_NEVER) && n != SUBMIT_NOTIFY_NEVER))
		return 0;
	return n;
}

/* RFC 3461 xtext. */
static int sm_xtext(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '+') {
			if (!isxdigit((unsigned char)s[1]) || !isxdigit((unsigned char)s[2]))
				return 0;
			s += 2;
		} else if (c < '!' || c > '~' || c == '=')
			return 0;
	}
	return 1;
}

/* A line on stdout, in the -X log too. */
static void sm_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void sm_say(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	printf("%s\n", line);
	xlog_out(line, strlen(line));
}

static int sm_usage(const char *msg)
{
	sm_say("%s", msg);
	fflush(stdout);
	return EX_USAGE;
}

/* -X: the reference reads (and logs) the message even when no
 * recipient was given. */
static void sm_trace_input(const struct config *cf, int igndots)
{
	if (!xlog_active())
		return;
	struct str raw, in, trace;
	char buf[65536], prefix[32];
	ssize_t n;
	str_init(&raw, 0);
	str_init(&in, 0);
	str_init(&trace, 0);
	while ((n = read(0, buf, sizeof buf)) > 0)
		str_addn(&raw, buf, (size_t)n);
	xlog_prefix(prefix, sizeof prefix, "<<<");
	(void)submit_input_scan(raw.s ? raw.s : "", raw.len,
				igndots || option_num(cf, "IgnoreDots", 0), &in, &trace, prefix);
	xlog_raw(trace.s, trace.len);
	str_free(&raw);
	str_free(&in);
	str_free(&trace);
}

/* Is QueueDirectory among the command line's options (-oQ, -O)? */
static int sm_qdir_given(const struct main_args *ma)
{
	for (int i = 0; i < ma->nopts; i++) {
		const char *o = ma->opts[i];
		if (o[0] != ' ') {
			if (o[0] == 'Q')
				return 1;
			continue;
		}
		while (*o == ' ' || *o == '\t')
			o++;
		size_t n = strcspn(o, "= \t");
		if (n == 14 && strncasecmp(o, "QueueDirectory", n) == 0)
			return 1;
	}
	return 0;
}

/* The X-Authentication-Warning inputs (see submit_auth.c): class t is
 * trusted; root is spared the -C and queue warnings. */
static void sm_authwarn(const struct config *cf, const struct main_args *ma,
			struct submit_req *rq, const char *realuser)
{
	int trusted = class_member(cf->classes, 't', realuser);
	int root = getuid() == 0;
	rq->realuser = realuser;
	if (ma->from != NULL && !trusted)
		rq->fromflag = ma->fromflag;
	const char *q = NULL;
	if (!root && !trusted && (ma->cfgiven || sm_qdir_given(ma)))
		q = option_str(cf, "QueueDirectory", "/var/spool/mqueue");
	submit_auth_process(realuser, q, !root && ma->cfgiven ? ma->cffile : NULL);
}

/* The flags into rq; EX_USAGE after a message for a bad one. */
static int sm_flags(const struct main_args *ma, struct submit_req *rq, int *warn)
{
	if (ma->notify != NULL && (rq->notify = sm_notify(ma->notify)) == 0)
		return sm_usage("Invalid -N argument");
	if (ma->reterr)
		return sm_usage("Duplicate -R flag");
	if (ma->ret != NULL) {
		if (strcasecmp(ma->ret, "hdrs") == 0)
			rq->ret = SUBMIT_RET_HDRS;
		else if (strcasecmp(ma->ret, "full") == 0)
			rq->ret = SUBMIT_RET_FULL;
		else
			return sm_usage("Invalid -R value");
	}
	if (ma->envid != NULL && !sm_xtext(ma->envid))
		return sm_usage("Invalid syntax in -V flag");
	if (ma->hopcount != NULL) {
		char *end;
		long h = strtol(ma->hopcount, &end, 10);
		if (*end != '\0' || end == ma->hopcount) {
			sm_say("Bad hop count (%s)", ma->hopcount);
			return EX_USAGE;
		}
		rq->hopcount = (int)h;
		rq->flags |= SUBMIT_HOPSET;
	}
	if (ma->bodytype != NULL) {
		if (strcasecmp(ma->bodytype, "7BIT") == 0 || strcasecmp(ma->bodytype, "8BITMIME") == 0)
			rq->bodytype = ma->bodytype;
		else {
			sm_say("Illegal body type %s", ma->bodytype);
			*warn = EX_USAGE;
		}
	}
	return 0;
}

static void sm_proto(const struct main_args *ma, struct submit_req *rq, char **buf)
{
	if (ma->proto == NULL)
		return;
	*buf = mem_strdup(ma->proto);
	char *c = strchr(*buf, ':');
	if (c != NULL) {
		*c = '\0';
		rq->rhost = c + 1;
	}
	rq->proto = *buf;
}

/* Deliver per DeliveryMode; returns the exit status. */
static int sm_deliver(struct config *cf, struct submit_result *res, int st, unsigned nf)
{
	const char *dm = option_str(cf, "DeliveryMode", "b");
	int mode = dm != NULL && *dm ? *dm : 'b';
	if (res->id[0] == '\0' || mode == 'q' || mode == 'd' || res->hold || res->laqueue)
		return st;
	fflush(stdout);
	fflush(stderr);
	int fd = res->lockfd;
	res->lockfd = -1;
	if (mode == 'i') {
		int x;
		(void)job_run_stat(cf, res->qdir, res->id, fd, JOB_NOLOCK | JOB_INTERACTIVE | nf |
				   (cf->verbose ? JOB_VERBOSE : 0), &x);
		return st != 0 ? st : x;
	}
	pid_t pid = fork();
	if (pid == 0) {
		(void)setsid();
		(void)job_run(cf, res->qdir, res->id, fd, JOB_NOLOCK | nf);
		_exit(0);
	}
	if (pid < 0 && fd >= 0)
		close(fd);
	else if (fd >= 0)
		close(fd);
	return st;
}

int submit_main(struct config *cf, const struct main_args *ma)
{
	struct submit_req rq;
	struct submit_result res;
	char *pbuf = NULL, auth[300];
	int warn = 0;
	memset(&rq, 0, sizeof rq);
	rq.cf = cf;
	int st = sm_flags(ma, &rq, &warn);
	if (st != 0)
		return st;
	if (ma->uflag)
		return EX_USAGE;        /* no SMTPUTF8 in the reference build: silent 64 */
	if (verify_chdir_queue(cf) != 0)
		return 78;
	if (ma->gflag)
		rq.flags |= SUBMIT_RELAY;
	if (!ma->tflag && (ma->rest == NULL || ma->rest[0] == NULL)) {
		st = sm_usage("Recipient names must be specified");
		sm_trace_input(cf, ma->ignoredots);
		return st;
	}
	sm_proto(ma, &rq, &pbuf);
	/* -oMr / -oMs (or -M) without -p: the macros are what the qf keeps */
	if (rq.proto == NULL)
		rq.proto = macro_get(&cf->macros, 'r');
	if (rq.rhost == NULL)
		rq.rhost = macro_get(&cf->macros, 's');
	rq.sender = ma->from;
	rq.fullname = ma->fullname;
	rq.rcpts = ma->rest;
	rq.envid = ma->envid;
	if (ma->tflag)
		rq.flags |= SUBMIT_TFLAG;
	if (ma->ignoredots || option_num(cf, "IgnoreDots", 0))
		rq.flags |= SUBMIT_IGNDOTS;
	if (ma->noalias)
		rq.flags |= SUBMIT_NOALIAS;
	if (ma->verbose)
		rq.flags |= SUBMIT_VERBOSE;
	struct passwd *pw = getpwuid(getuid());
	char realuser[256];     /* getpw* results do not last */
	snprintf(realuser, sizeof realuser, "%s", pw != NULL ? pw->pw_name : "postmaster");
	snprintf(auth, sizeof auth, "%s@localhost", realuser);
	rq.authinfo = auth;
	sm_authwarn(cf, ma, &rq, realuser);
	rq.infd = 0;
	/* Verbose (-v, O Verbose) means interactive delivery, whatever
	 * DeliveryMode says (the reference) */
	if (cf->verbose)
		(void)option_set(cf, "DeliveryMode", "i", 1);
	err_reset_exitstat();
	err_set_verbose(cf->verbose);   /* "aliased to", "sending to"... */
	(void)submit_queue(&rq, &res);
	unsigned nf = ma->from == NULL ? JOB_NOFROMFLAG : 0;
	st = sm_deliver(cf, &res, res.status, nf);
	for (size_t i = 0; i < res.ndsn; i++)
		(void)job_run(cf, res.qdir, res.dsnids[i], -1, JOB_INTERACTIVE | JOB_OWNDF | nf |
			      (cf->verbose ? JOB_VERBOSE : 0));
	submit_result_free(&res);
	mem_free(pbuf);
	/* -oee: errors mailed back, the exit status says nothing of them */
	if (option_num(cf, "ErrorMode", 'p') == 'e' && st != 0 && st != 71 && st != 75)
		st = 0;
	fflush(stdout);
	return st != 0 ? st : warn;
}
