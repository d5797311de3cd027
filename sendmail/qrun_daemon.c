/* qrun_daemon.c - -q<time> and -qp: the queue runner daemon, as the
 * reference runs it (also for -bd/-bD, whose SMTP listener does not exist
 * here). It detaches (even with -qf; not under -bD), logs its start
 * ("starting daemon (8.17.1.9): queueing@HH:MM:SS", persistent-queueing
 * for -qp), writes PidFile ("<pid>\n<argv>\n") and logs "started as".
 * -q<time>: a queue run is forked every interval (timed from the start of
 * the previous one; skipped when the load average is too high); the
 * process is titled "Queue runner@<time> for <dir>". -qp[<time>]: a
 * "Queue control" process keeps one persistent child ("running queue:
 * <dir>") that runs the queue, sleeps the interval (5 seconds when it
 * found nothing to do) and runs it again; a child that dies is restarted.
 * SIGTERM/SIGINT stop the daemon and its runners ("stopping daemon,
 * reason=signal"), removing PidFile; SIGHUP re-executes the command line
 * ("restarting <argv0> due to signal"). Touches the pid file and runs
 * qrun_pass in children. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "qrun.h"
#include "../libsmutil/interval.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/qf.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define QRUN_PIDFILE "/var/run/sendmail/mta/sendmail.pid"
#define QRUN_IDLE 5           /* a persistent runner's sleep after finding nothing */
#define QRUN_MAXKIDS 64

struct qrun_dstate {
	struct config *cf;
	const struct qrun_opts *o;
	char **av;             /* the command line, for the restart */
	struct str args;       /* the same, joined by spaces */
	const char *pidfile;
	char id[32];           /* the ID "stopping daemon" is logged under */
	pid_t kids[QRUN_MAXKIDS]; /* queue runs (or the persistent runner) */
};

static volatile sig_atomic_t qrun_sig;

static void qrun_onsig(int sig)
{
	if (qrun_sig != SIGTERM)
		qrun_sig = sig == SIGINT ? SIGTERM : sig;
}

static void qrun_signals(void (*h)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void qrun_pidfile(const struct qrun_dstate *ds)
{
	FILE *fp = fopen(ds->pidfile, "w");
	if (fp == NULL) {
		qrun_log(ds->cf, 1, LOG_ERR, "unable to write pid to %s: %s", ds->pidfile,
			 strerror(errno));
		return;
	}
	fprintf(fp, "%ld\n%s\n", (long)getpid(), ds->args.s ? ds->args.s : "");
	fclose(fp);
}

static void qrun_kid_add(struct qrun_dstate *ds, pid_t pid)
{
	for (int i = 0; i < QRUN_MAXKIDS; i++)
		if (ds->kids[i] == 0) {
			ds->kids[i] = pid;
			return;
		}
}

/* Reap finished children; returns the status of `which` if it ended
 * (-1 otherwise). */
static int qrun_reap(struct qrun_dstate *ds, pid_t which, int block)
{
	int st, found = -1;
	pid_t pid;
	while ((pid = waitpid(-1, &st, block ? 0 : WNOHANG)) != 0) {
		if (pid < 0) {
			if (errno == EINTR && !qrun_sig)
				continue;
			break;
		}
		for (int i = 0; i < QRUN_MAXKIDS; i++)
			if (ds->kids[i] == pid)
				ds->kids[i] = 0;
		if (pid == which) {
			found = st;
			break;
		}
	}
	return found;
}

static void qrun_kill_kids(struct qrun_dstate *ds, int sig)
{
	for (int i = 0; i < QRUN_MAXKIDS; i++)
		if (ds->kids[i] > 0)
			(void)kill(ds->kids[i], sig);
}

/* Sleep secs seconds in short steps, reaping (the daemon's runs, or a
 * persistent runner's ForkEachJob children); 0, or 1 when a signal came. */
static int qrun_nap(struct qrun_dstate *ds, double secs)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (qrun_sig)
			return 1;
		if (ds != NULL)
			(void)qrun_reap(ds, 0, 0);
		else
			while (waitpid(-1, NULL, WNOHANG) > 0)
				;
		clock_gettime(CLOCK_MONOTONIC, &t);
		double left = secs - (double)(t.tv_sec - t0.tv_sec) - (t.tv_nsec - t0.tv_nsec) / 1e9;
		if (left <= 0)
			return 0;
		struct timespec d = { 0, left < 0.1 ? (long)(left * 1e9) : 100000000L };
		(void)nanosleep(&d, NULL);
	}
}

/* A child process that runs the queue (once, or for ever under -qp). */
static pid_t qrun_spawn(struct qrun_dstate *ds, int persistent)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	qrun_signals(SIG_DFL);
	qrun_title("running queue: %s", option_str(ds->cf, "QueueDirectory", "/var/spool/mqueue"));
	for (;;) {
		int la = qrun_getla();
		size_t found = qrun_pass(ds->cf, ds->o, &la);
		if (!persistent)
			_exit(0);
		(void)qrun_nap(NULL, found > 0 ? (double)ds->o->interval : QRUN_IDLE);
	}
}

/* -q<time>: one periodic run, unless the load average is too high. */
static void qrun_tick(struct qrun_dstate *ds)
{
	if (qrun_la_toohigh(ds->cf, qrun_getla())) {
		qrun_log(ds->cf, 9, LOG_INFO, "runqueue: Skipping queue run -- load average too high");
		return;
	}
	pid_t pid = qrun_spawn(ds, 0);
	if (pid > 0)
		qrun_kid_add(ds, pid);
}

static void qrun_periodic(struct qrun_dstate *ds)
{
	char when[64];
	interval_format(ds->o->interval, 1, when, sizeof when);
	qrun_title("Queue runner@%s for %s", when,
		   option_str(ds->cf, "QueueDirectory", "/var/spool/mqueue"));
	qrun_tick(ds);
	qrun_pidfile(ds);
	qrun_log(ds->cf, 10, LOG_INFO, "started as: %s", ds->args.s ? ds->args.s : "");
	while (qrun_nap(ds, (double)ds->o->interval) == 0)
		qrun_tick(ds);
}

/* -qp: keep the persistent runner alive until a signal comes. */
static void qrun_control(struct qrun_dstate *ds)
{
	qrun_title("Queue control");
	pid_t runner = qrun_spawn(ds, 1);
	ds->kids[0] = runner;
	qrun_pidfile(ds);
	qrun_log(ds->cf, 10, LOG_INFO, "started as: %s", ds->args.s ? ds->args.s : "");
	while (!qrun_sig) {
		int st = qrun_reap(ds, runner, 1);
		if (st == -1)
			continue;
		if (WIFSIGNALED(st))
			qrun_log(ds->cf, 0, LOG_ERR, "persistent queue runner=0 died, pid=%ld, signal=%d",
				 (long)runner, WTERMSIG(st));
		if (qrun_sig)
			break;
		if (WIFSIGNALED(st))
			qrun_log(ds->cf, 9, LOG_ERR, "restart queue runner=0 due to signal 0x%x",
				 WTERMSIG(st));
		runner = qrun_spawn(ds, 1);
		ds->kids[0] = runner;
	}
}

/* A signal ended the loop: stop (SIGTERM) or re-execute (SIGHUP). */
static int qrun_finish(struct qrun_dstate *ds, int persistent)
{
	int sig = qrun_sig;
	qrun_kill_kids(ds, sig == SIGHUP ? SIGHUP : SIGTERM);
	if (persistent && ds->kids[0] > 0) {
		int st = qrun_reap(ds, ds->kids[0], 1);
		if (st != -1 && WIFSIGNALED(st) && sig == SIGHUP)
			qrun_log(ds->cf, 0, LOG_ERR, "persistent queue runner=0 died, pid=%ld, signal=%d",
				 (long)ds->kids[0], WTERMSIG(st));
	}
	if (sig != SIGHUP) {
		qrun_log(ds->cf, 10, LOG_INFO, "%s: stopping daemon, reason=signal", ds->id);
		(void)unlink(ds->pidfile);
		return 0;
	}
	const char *argv0 = ds->av[0] != NULL ? ds->av[0] : "";
	if (*argv0 != '/') {
		qrun_log(ds->cf, 0, LOG_ERR, "could not restart: need full path");
		return 71;
	}
	qrun_log(ds->cf, 4, LOG_INFO, "restarting %s due to signal", argv0);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	qrun_signals(SIG_DFL);
	closelog();
	execv(argv0, ds->av);
	qrun_log(ds->cf, 0, LOG_ERR, "could not exec %s: %s", argv0, strerror(errno));
	return 71;
}

int qrun_daemon(struct config *cf, const struct qrun_opts *o, const struct main_args *ma)
{
	char when[64];
	struct qrun_dstate ds;
	memset(&ds, 0, sizeof ds);
	ds.cf = cf;
	ds.o = o;
	ds.pidfile = option_str(cf, "PidFile", QRUN_PIDFILE);
	str_init(&ds.args, 0);
	(void)qrun_title_argv(&ds.av, &ds.args);
	fflush(stdout);
	if (ma->mode == 'D') {
		snprintf(ds.id, sizeof ds.id, "NOQUEUE");   /* -bD: stays in the foreground */
	} else {
		qf_id_new(ds.id, sizeof ds.id, 0, getpid());
		pid_t pid = fork();
		if (pid < 0)
			return 71;
		if (pid > 0)
			return 0;
		(void)setsid();
	}
	qrun_title_init();
	qrun_signals(qrun_onsig);
	interval_format(o->interval, 1, when, sizeof when);
	qrun_log(cf, 0, LOG_INFO, "starting daemon (8.17.1.9): %squeueing@%s",
		 o->persistent ? "persistent-" : "", when);
	if (ma->mode == 'd' || ma->mode == 'D')
		qrun_log(cf, 0, LOG_WARNING, "no SMTP listener in this build: -b%c runs the queue only",
			 ma->mode);
	if (o->persistent)
		qrun_control(&ds);
	else
		qrun_periodic(&ds);
	int rc = qrun_finish(&ds, o->persistent);
	str_free(&ds.args);
	return rc;
}
