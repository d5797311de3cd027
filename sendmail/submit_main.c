/* submit_main.c - the -bm mode: check the submission flags as the
 * reference does (-N -R -V -B -h -p), queue the message from stdin with
 * submit_queue, then deliver per DeliveryMode (i: job_run here, b: in a
 * child, q/d: leave it queued). Touches stdout/stderr and the process. */
#include <ctype.h>
#include <pwd.h>
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

static int sm_usage(const char *msg)
{
	printf("%s\n", msg);
	fflush(stdout);
	return EX_USAGE;
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
			printf("Bad hop count (%s)\n", ma->hopcount);
			return EX_USAGE;
		}
		rq->hopcount = (int)h;
		rq->flags |= SUBMIT_HOPSET;
	}
	if (ma->bodytype != NULL) {
		if (strcasecmp(ma->bodytype, "7BIT") == 0 || strcasecmp(ma->bodytype, "8BITMIME") == 0)
			rq->bodytype = ma->bodytype;
		else {
			printf("Illegal body type %s\n", ma->bodytype);
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
static int sm_deliver(struct config *cf, struct submit_result *res, int st)
{
	const char *dm = option_str(cf, "DeliveryMode", "b");
	int mode = dm != NULL && *dm ? *dm : 'b';
	if (res->id[0] == '\0' || mode == 'q' || mode == 'd' || res->hold)
		return st;
	fflush(stdout);
	fflush(stderr);
	int fd = res->lockfd;
	res->lockfd = -1;
	if (mode == 'i') {
		int r = job_run(cf, res->qdir, res->id, fd, JOB_NOLOCK | JOB_INTERACTIVE |
				(cf->verbose ? JOB_VERBOSE : 0));
		return st != 0 ? st : (r == 75 ? 0 : r);
	}
	pid_t pid = fork();
	if (pid == 0) {
		(void)setsid();
		(void)job_run(cf, res->qdir, res->id, fd, JOB_NOLOCK);
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
	if (!ma->tflag && (ma->rest == NULL || ma->rest[0] == NULL))
		return sm_usage("Recipient names must be specified");
	sm_proto(ma, &rq, &pbuf);
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
	snprintf(auth, sizeof auth, "%s@localhost", pw != NULL ? pw->pw_name : "postmaster");
	rq.authinfo = auth;
	rq.infd = 0;
	err_reset_exitstat();
	(void)submit_queue(&rq, &res);
	st = sm_deliver(cf, &res, res.status);
	for (size_t i = 0; i < res.ndsn; i++)
		(void)job_run(cf, res.qdir, res.dsnids[i], -1, JOB_INTERACTIVE);
	submit_result_free(&res);
	mem_free(pbuf);
	/* -oee: errors mailed back, the exit status says nothing of them */
	if (option_num(cf, "ErrorMode", 'p') == 'e' && st != 0 && st != 71 && st != 75)
		st = 0;
	fflush(stdout);
	return st != 0 ? st : warn;
}
