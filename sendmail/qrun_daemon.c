/* qrun_daemon.c - -q<time> and -qp: the queue runner daemon. Detaches
 * (unless -qf), logs its start like the reference ("starting daemon
 * (8.17.1.9): queueing@HH:MM:SS", "started as: <argv>"), writes PidFile
 * ("<pid>\n<argv>\n"), then forks one queue run per interval (-qp: a run
 * right after the previous one, sleeping the interval in between) until
 * SIGTERM/SIGINT/SIGHUP, which removes the pid file. Touches the pid file
 * and runs qrun_once in children. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>
#include "qrun.h"
#include "../libsmutil/interval.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define QRUN_PIDFILE "/var/run/sendmail/mta/sendmail.pid"

static volatile sig_atomic_t qrun_stop;
static volatile pid_t qrun_child;

static void qrun_onsig(int sig)
{
	(void)sig;
	qrun_stop = 1;
}

/* The command line as typed (from /proc/self/cmdline, spaces between). */
static void qrun_cmdline(struct str *out)
{
	char buf[4096];
	int fd = open("/proc/self/cmdline", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (fd >= 0)
		close(fd);
	for (ssize_t i = 0; i < n; i++) {
		if (buf[i] == '\0' && i == n - 1)
			break;
		str_addc(out, buf[i] == '\0' ? ' ' : buf[i]);
	}
}

static void qrun_pidfile(const struct config *cf, const char *path, const char *args)
{
	FILE *fp = fopen(path, "w");
	if (fp == NULL) {
		qrun_log(cf, 1, LOG_ERR, "unable to write pid to %s: %s", path, strerror(errno));
		return;
	}
	fprintf(fp, "%ld\n%s\n", (long)getpid(), args);
	fclose(fp);
}

/* One run in a child; waits for it unless a signal arrives. */
static void qrun_fork_run(struct config *cf, const struct qrun_opts *o)
{
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		_exit(qrun_once(cf, o));
	}
	if (pid < 0)
		return;
	qrun_child = pid;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		if (qrun_stop)
			kill(pid, SIGTERM);
	qrun_child = 0;
}

static void qrun_sleep(long secs)
{
	for (long i = 0; i < secs * 10 && !qrun_stop; i++)
		usleep(100000);
}

int qrun_daemon(struct config *cf, const struct qrun_opts *o, const struct main_args *ma)
{
	char when[64];
	struct str args;
	struct sigaction sa;
	const char *pidfile = option_str(cf, "PidFile", QRUN_PIDFILE);
	(void)ma;
	fflush(stdout);
	if (!o->foreground) {
		pid_t pid = fork();
		if (pid < 0)
			return 71;
		if (pid > 0)
			return 0;
		(void)setsid();
	}
	str_init(&args, 0);
	qrun_cmdline(&args);
	interval_format(o->interval, 1, when, sizeof when);
	qrun_log(cf, 1, LOG_INFO, "starting daemon (8.17.1.9): queueing@%s", when);
	qrun_pidfile(cf, pidfile, args.s);
	qrun_log(cf, 10, LOG_INFO, "started as: %s", args.s);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = qrun_onsig;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	while (!qrun_stop) {
		qrun_fork_run(cf, o);
		qrun_sleep(o->interval);
	}
	(void)unlink(pidfile);
	str_free(&args);
	return 0;
}
