/* qrun.c - queue runs (-q...): parse the flags, pick the mode (one run in
 * the background or foreground, -Q, the periodic daemon), and run every
 * selected job of every queue directory through job_run in sort order.
 * Touches the queue only through job_run (and removes stale empty qf
 * files as sendmail does); forks for background runs and ForkEachJob. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <sysexits.h>
#include <unistd.h>
#include "qrun.h"
#include "verify.h"
#include "err.h"
#include "job.h"
#include "../libsmutil/interval.h"
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

/* A zero-length qf: removed (with its df) when its ctime is older than
 * 10 minutes, never run. */
static int qrun_empty_qf(const struct qrun_job *j, time_t now)
{
	struct str p;
	struct stat st;
	int empty;
	str_init(&p, 0);
	qf_path(&p, j->qdir, qf_path_subdirs(j->qdir), j->kind, j->name + 2);
	empty = stat(p.s, &st) == 0 && st.st_size == 0;
	/* the reference looks at the inode change time, and takes the df too */
	if (empty && now - st.st_ctime > 600) {
		(void)unlink(p.s);
		(void)unlink(qf_path(&p, j->qdir, qf_path_subdirs(j->qdir), 'd', j->name + 2));
	}
	str_free(&p);
	return empty;
}

/* -qQ runs quarantined jobs, which job_run only knows as qf<ID>: take the
 * hf's lock, rename it to qf for the attempt and back to hf if the job is
 * still queued afterwards. Returns job_run's status. */
/* The exit status of the last job run in this process (the reference's
 * ExitStat, reset as each job starts): a foreground run exits with it. */
static int qrun_xstat;

static int qrun_job_hf(struct config *cf, const struct qrun_job *j, unsigned flags)
{
	struct str hf, qf;
	unsigned sub = qf_path_subdirs(j->qdir);
	int rc = EX_TEMPFAIL;
	str_init(&hf, 0);
	str_init(&qf, 0);
	qf_path(&hf, j->qdir, sub, 'h', j->name + 2);
	qf_path(&qf, j->qdir, sub, 'q', j->name + 2);
	int fd = open(hf.s, O_RDWR | O_CLOEXEC);
	if (fd >= 0 && qf_lock(fd, 1, 0) == 0 && access(qf.s, F_OK) != 0 &&
	    rename(hf.s, qf.s) == 0) {
		rc = job_run_stat(cf, j->qdir, j->name + 2, fd, flags | JOB_NOLOCK, &qrun_xstat);
		fd = -1;
		int again = open(qf.s, O_RDWR | O_CLOEXEC);
		if (again >= 0 && qf_lock(again, 1, 1) == 0 && access(qf.s, F_OK) == 0)
			(void)rename(qf.s, hf.s);
		if (again >= 0)
			close(again);
	}
	if (fd >= 0)
		close(fd);
	str_free(&hf);
	str_free(&qf);
	return rc;
}

/* A job gathered without reading its control file (qrun_noread) is
 * checked against MinQueueAge once locked, as the reference: 1 when it is
 * too young to run (said under -v). fd is left at offset 0. */
static int qrun_young(const struct config *cf, const struct qrun_job *j, int fd, unsigned flags)
{
	long minage = option_num(cf, "MinQueueAge", 0);
	struct qf_env e;
	const char *err;
	char when[64];
	int young = 0;
	if (!j->unread || minage <= 0)
		return 0;
	time_t now = time(NULL);
	qf_env_init(&e);
	if (qf_parse_fd(&e, fd, NULL, &err) == 0 && e.dtime > 0 && now - e.dtime < minage)
		young = 1;
	(void)lseek(fd, 0, SEEK_SET);
	if (young && (flags & JOB_VERBOSE))
		printf("%s: too young (%s)\n", j->name + 2, interval_format(now - e.dtime, 1, when, sizeof when));
	qf_env_free(&e);
	return young;
}

static int qrun_job_run(struct config *cf, const struct qrun_job *j, unsigned flags)
{
	struct str p;
	qrun_xstat = 0;
	if (j->kind == 'h')
		return qrun_job_hf(cf, j, flags);
	/* take the lock here: a busy job is reported and skipped */
	str_init(&p, 0);
	int fd = open(qf_path(&p, j->qdir, qf_path_subdirs(j->qdir), 'q', j->name + 2),
		      O_RDWR | O_CLOEXEC);
	str_free(&p);
	if (fd < 0)
		return job_run_stat(cf, j->qdir, j->name + 2, -1, flags, &qrun_xstat);
	if (qf_lock(fd, 1, 0) != 0) {
		close(fd);
		if (flags & JOB_VERBOSE)
			printf("%s: locked\n", j->name + 2);
		return EX_TEMPFAIL;
	}
	if (qrun_young(cf, j, fd, flags)) {
		close(fd);
		return EX_TEMPFAIL;
	}
	return job_run_stat(cf, j->qdir, j->name + 2, fd, flags | JOB_NOLOCK, &qrun_xstat);
}

static void qrun_job(struct config *cf, const struct qrun_opts *o, const struct qrun_job *j)
{
	unsigned flags = JOB_QUEUERUN | (o->verbose ? JOB_VERBOSE : 0) |
			 (o->foreground ? JOB_SHOWERR : 0);
	if (!option_num(cf, "ForkEachJob", 0)) {
		(void)qrun_job_run(cf, j, flags);
		return;
	}
	/* like the reference: the job runs in its own detached child, quietly,
	 * and the runner goes on without waiting for it */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		(void)setsid();
		_exit(qrun_job_run(cf, j, JOB_QUEUERUN));
	}
	if (pid < 0)
		(void)qrun_job_run(cf, j, flags);
}

/* The load average checks before job i of l (the reference's order):
 * the whole run is aborted when it is too high for any job (-1); a job
 * too expensive for it is skipped (1), and under priority order the rest
 * of the group with it (-1); 0 runs it. */
static int qrun_la_check(struct config *cf, const struct qrun_opts *o, const struct qrun_list *l,
			 size_t i, char order, int la)
{
	const struct qrun_job *j = &l->jobs[i];
	struct str show;
	if (qrun_la_toohigh(cf, la)) {
		if (o->verbose)
			printf("Aborting queue run: load average too high\n");
		qrun_log(cf, 9, LOG_INFO, "runqueue: Aborting queue run: load average too high");
		return -1;
	}
	if (!qrun_shouldqueue(cf, j->pri, la))
		return 0;
	str_init(&show, 0);
	qrun_dirs_show(&show, j->qdir);
	if (o->verbose)
		printf("\nSkipping %s/%s (sequence %zu of %zu)%s\n", show.s, j->name + 2,
		       i + 1, l->n, order == 'p' ? " and flushing rest of queue" : "");
	if (order == 'p')
		qrun_log(cf, 9, LOG_INFO, "runqueue: Flushing queue from %s/%s (pri %ld, LA %d, %zu of %zu)",
			 show.s, j->name + 2, j->pri, la, i + 1, l->n);
	str_free(&show);
	return order == 'p' ? -1 : 1;
}

/* Run one group's work list; *la is the load average the checks use,
 * read again as each job starts (so it applies from the next job on). */
static void qrun_work(struct config *cf, const struct qrun_opts *o, struct qrun_list *l,
		      char order, time_t now, int *la)
{
	struct str show;
	str_init(&show, 0);
	for (size_t i = 0; i < l->n; i++) {
		const struct qrun_job *j = &l->jobs[i];
		int c = qrun_la_check(cf, o, l, i, order, *la);
		if (c < 0)
			break;
		if (c > 0)
			continue;
		if (o->verbose) {
			qrun_dirs_show(&show, j->qdir);
			printf("\nRunning %s/%s (sequence %zu of %zu)\n", show.s, j->name + 2, i + 1, l->n);
			fflush(stdout);
		}
		*la = qrun_getla();
		if (!qrun_empty_qf(j, now))
			qrun_job(cf, o, j);
	}
	str_free(&show);
}

size_t qrun_pass(struct config *cf, const struct qrun_opts *o, int *la)
{
	char **dirs = NULL;
	int *groups = NULL;
	size_t found = 0;
	char order = qrun_sortorder(cf);
	struct qrun_scan sc;
	sc.cf = cf;
	sc.maxrun = option_num(cf, "MaxQueueRunSize", 0);
	sc.minage = option_num(cf, "MinQueueAge", 0);
	sc.noread = qrun_noread(o, order);
	int n = qrun_dirs(cf, o->group, &dirs, &groups);
	for (int i = 0; i < n; ) {
		struct qrun_list l = { NULL, 0, 0 };
		int k = i;
		sc.now = time(NULL);
		sc.la = *la;
		for (; k < n && groups[k] == groups[i]; k++)
			qrun_gather(o, dirs[k], &sc, &l);
		qrun_sort(&l, order);
		found += l.n;
		qrun_work(cf, o, &l, order, sc.now, la);
		qrun_list_free(&l);
		i = k;
	}
	qrun_dirs_free(dirs, groups, n);
	fflush(stdout);
	return found;
}

int qrun_once(struct config *cf, const struct qrun_opts *o)
{
	int la = qrun_getla();
	if (qrun_la_toohigh(cf, la)) {
		if (o->verbose)
			printf("Skipping queue run -- load average too high\n\n");
		qrun_log(cf, 9, LOG_INFO, "runqueue: Skipping queue run -- load average too high");
		fflush(stdout);
		return 0;
	}
	qrun_xstat = 0;
	(void)qrun_pass(cf, o, &la);
	return qrun_xstat;
}

int qrun_main(struct config *cf, const struct main_args *ma)
{
	struct qrun_opts o;
	char **dirs = NULL;
	int *groups = NULL;
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
		int n = qrun_dirs(cf, o.group, &dirs, &groups);
		qrun_dirs_free(dirs, groups, n);
		if (n < 0)
			return 0;
	}
	/* like the reference, a queue run works in the queue directory:
	 * mailers without D= inherit it as their cwd */
	rc = verify_chdir_queue(cf);
	if (rc != 0)
		return rc;
	if (o.quarantine != NULL)
		return qrun_quarantine(cf, &o);
	if ((ma->mode == 'd' || ma->mode == 'D') && o.once) {
		/* -bd is only its periodic queue runs here: no SMTP listener */
		fprintf(stderr, "%s: mode -b%c not yet implemented (only with -q<time>)\n",
			ma->argv0, ma->mode);
		return 69;
	}
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
