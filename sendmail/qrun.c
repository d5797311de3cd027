/* qrun.c - queue runs (-q...): parse the flags, pick the mode (one run in
 * the background or foreground, -Q, the periodic daemon), and run every
 * selected job of every queue directory through job_run in sort order.
 * Touches the queue only through job_run (and removes stale empty qf
 * files as sendmail does); forks for background runs and ForkEachJob. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <sysexits.h>
#include <unistd.h>
#include "qrun.h"
#include "err.h"
#include "job.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/qf.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

void qrun_log(const struct config *cf, int level, int pri, const char *fmt, ...)
{
	static int opened;
	va_list ap;
	if (option_num(cf, "LogLevel", 9) < level)
		return;
	if (!opened) {
		openlog("sendmail", LOG_PID, LOG_MAIL);
		opened = 1;
	}
	va_start(ap, fmt);
	vsyslog(pri, fmt, ap);
	va_end(ap);
}

/* A zero-length qf: removed when older than 10 minutes, never run. */
static int qrun_empty_qf(const char *qdir, const struct qrun_job *j, time_t now)
{
	struct str p;
	struct stat st;
	int empty;
	str_init(&p, 0);
	qf_path(&p, qdir, qf_path_subdirs(qdir), j->kind, j->name + 2);
	empty = stat(p.s, &st) == 0 && st.st_size == 0;
	if (empty && now - st.st_mtime > 600)
		(void)unlink(p.s);
	str_free(&p);
	return empty;
}

static void qrun_job(struct config *cf, const struct qrun_opts *o, const char *qdir,
		     const struct qrun_job *j)
{
	unsigned flags = JOB_QUEUERUN | (o->verbose ? JOB_VERBOSE : 0);
	if (!option_num(cf, "ForkEachJob", 0)) {
		(void)job_run(cf, qdir, j->name + 2, -1, flags);
		return;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(job_run(cf, qdir, j->name + 2, -1, flags));
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	else
		(void)job_run(cf, qdir, j->name + 2, -1, flags);
}

/* Run the work list of one directory; 1 when the rest of the queue is
 * to be left alone (load average too high under priority order). */
static int qrun_dir(struct config *cf, const struct qrun_opts *o, const char *qdir)
{
	struct qrun_list l = { NULL, 0, 0 };
	time_t now = time(NULL);
	char order = qrun_sortorder(cf);
	int stop = 0;
	qrun_gather(o, qdir, order, option_num(cf, "MaxQueueRunSize", 0),
		    option_num(cf, "MinQueueAge", 0), now, &l);
	for (size_t i = 0; i < l.n && !stop; i++) {
		const struct qrun_job *j = &l.jobs[i];
		if (j->tooyoung)
			continue;
		if (qrun_shouldqueue(cf, j->pri, qrun_getla())) {
			if (o->verbose)
				printf("\nSkipping %s/%s (sequence %zu of %zu)%s\n", qdir, j->name + 2,
				       i + 1, l.n, order == 'p' ? " and flushing rest of queue" : "");
			stop = order == 'p';
			continue;
		}
		if (o->verbose) {
			printf("\nRunning %s/%s (sequence %zu of %zu)\n", qdir, j->name + 2, i + 1, l.n);
			fflush(stdout);
		}
		if (!qrun_empty_qf(qdir, j, now))
			qrun_job(cf, o, qdir, j);
	}
	qrun_list_free(&l);
	return stop;
}

int qrun_once(struct config *cf, const struct qrun_opts *o)
{
	char **dirs = NULL;
	int n = qrun_dirs(cf, o->group, &dirs);
	for (int i = 0; i < n; i++) {
		if (qrun_dir(cf, o, dirs[i]))
			break;
	}
	for (int i = 0; i < n; i++)
		mem_free(dirs[i]);
	mem_free(dirs);
	fflush(stdout);
	return 0;
}

int qrun_main(struct config *cf, const struct main_args *ma)
{
	struct qrun_opts o;
	char **dirs = NULL;
	memset(&o, 0, sizeof o);
	o.verbose = ma->verbose;
	o.quarantine = ma->quarantine;
	int rc = qrun_args_parse(&o, ma->qargs, ma->nqargs);
	if (rc != 0)
		return rc;
	if (o.quarantine != NULL && strcmp(o.quarantine, ".") == 0) {
		err_usrerr("Can not use -Q.");
		return EX_USAGE;
	}
	if (o.group != NULL) {
		int n = qrun_dirs(cf, o.group, &dirs);
		for (int i = 0; i < n; i++)
			mem_free(dirs[i]);
		mem_free(dirs);
		if (n < 0)
			return 0;
	}
	if (o.quarantine != NULL)
		return qrun_quarantine(cf, &o);
	if (!o.once)
		return qrun_daemon(cf, &o, ma);
	if (o.foreground || o.verbose)
		return qrun_once(cf, &o);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return qrun_once(cf, &o);
	if (pid == 0) {
		(void)setsid();
		_exit(qrun_once(cf, &o));
	}
	return 0;
}
