/* deliver_exec.c - one mailer invocation (sendmail's deliver()): the
 * argv from A= (a word holding $u repeated per recipient; -f $g after
 * argv[0] for F=f/F=r), fork, the child's ids (deliver_priv), D= and N=,
 * exec P=; the message written to its stdin, its stdout/stderr kept in
 * an unlinked file and added to the transcript, the exit status or
 * signal mapped through deliver_status. Touches child processes, the
 * queue directory (a temporary file) and stdout. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "deliver.h"
#include "xlog.h"
#include "macro.h"
#include "meta.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static void argv_push(char ***v, size_t *n, const char *s)
{
	*v = mem_realloc(*v, (*n + 2) * sizeof **v);
	(*v)[(*n)++] = mem_strdup(s);
	(*v)[*n] = NULL;
}

static int word_has_u(const char *w)
{
	for (const char *p = w; *p != '\0'; p++)
		if ((unsigned char)*p == META_MACROEXPAND && p[1] == 'u')
			return 1;
	return 0;
}

static char **build_argv(struct deliver_ctx *dc, struct deliver_batch *b)
{
	char **v = NULL;
	size_t n = 0;
	struct str x;
	str_init(&x, 0);
	const struct mailer *m = b->m;
	int uid = 'u';
	for (size_t w = 0; m->argv != NULL && m->argv[w] != NULL; w++) {
		if (word_has_u(m->argv[w])) {
			for (size_t i = 0; i < b->n; i++) {
				macro_set(dc->rc->mac, uid, b->users[i]);
				str_clear(&x);
				macro_expand(&x, m->argv[w], dc->rc->mac);
				argv_push(&v, &n, x.s);
			}
			continue;
		}
		str_clear(&x);
		macro_expand(&x, m->argv[w], dc->rc->mac);
		argv_push(&v, &n, x.s);
		if (w == 0 && (mailer_flag(m, 'f') || mailer_flag(m, 'r')) &&
		    !(dc->j->flags & JOB_NOFROMFLAG)) {
			argv_push(&v, &n, mailer_flag(m, 'f') ? "-f" : "-r");
			argv_push(&v, &n, macro_get(dc->rc->mac, 'g') ? macro_get(dc->rc->mac, 'g') : "");
		}
	}
	str_free(&x);
	if (v == NULL)
		argv_push(&v, &n, m->path);
	return v;
}

static void argv_free(char **v)
{
	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		mem_free(v[i]);
	mem_free(v);
}

/* What the child needs, prepared before the fork: it shares our memory
 * (vfork) and only makes system calls until it execs. */
struct child_plan {
	char **argv;
	const char *path;
	char *dirs;             /* D= expanded, NUL-separated, "" at the end */
	size_t dirslen;
	int nice;
	struct deliver_groups groups;
};

/* D= list "a:b" ($z expanded) as NUL-separated candidates. */
static void plan_dirs(struct deliver_ctx *dc, const struct mailer *m, struct child_plan *cp)
{
	cp->dirs = NULL;
	cp->dirslen = 0;
	if (m->execdir == NULL)
		return;
	struct str x;
	str_init(&x, 0);
	macro_expand(&x, m->execdir, dc->rc->mac);
	for (char *p = x.s; *p != '\0'; p++)
		if (*p == ':')
			*p = '\0';
	cp->dirslen = x.len + 1;
	cp->dirs = str_steal(&x);
}

static void child_run(const struct deliver_batch *b, const struct child_plan *cp,
		      int in, int out)
{
	dup2(in, 0);
	dup2(out, 1);
	dup2(out, 2);
	if (in > 2)
		close(in);
	if (out > 2)
		close(out);
	signal(SIGPIPE, SIG_DFL);
	if (deliver_priv_apply(&b->cred, &cp->groups) < 0)
		_exit(75);
	/* the first D= directory we can enter */
	for (size_t o = 0; cp->dirs != NULL && o < cp->dirslen; o += strlen(cp->dirs + o) + 1)
		if (cp->dirs[o] != '\0' && chdir(cp->dirs + o) == 0)
			break;
	if (cp->nice != 0)
		(void)setpriority(PRIO_PROCESS, 0, cp->nice);
	execv(cp->path, cp->argv);
	int e = errno;
	char msg[4352];
	int n = snprintf(msg, sizeof msg, "Cannot exec %s: %s\n", cp->path, strerror(e));
	if (n > 0)
		(void)!write(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
	_exit(e == ENOENT ? 69 : 75);
}

/* vfork and run the child: cheap whatever our size, as the child only
 * makes system calls before exec (kept out of line: nothing of the
 * caller's frame lives across the vfork). */
__attribute__((noinline))
static pid_t spawn(const struct deliver_batch *b, const struct child_plan *cp, int in, int out)
{
	pid_t pid = vfork();
	if (pid == 0)
		child_run(b, cp, in, out);
	return pid;
}

/* The captured output into the transcript. */
static void take_output(struct job *j, int fd)
{
	char buf[4096];
	ssize_t n;
	struct str s;
	str_init(&s, 0);
	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		str_addn(&s, buf, (size_t)n);
	if (s.len > 0) {
		xlog_in_text(s.s, s.len);      /* -X: what the mailer said */
		str_add(&j->transcript, s.s);
		if (s.s[s.len - 1] != '\n')
			str_addc(&j->transcript, '\n');
	}
	str_free(&s);
}

/* A new capture file: an O_TMPFILE in the queue dir (it never has a
 * name); where that is unsupported, a named file unlinked at once. */
static int new_capture(struct job *j)
{
	char path[4096];
#ifdef O_TMPFILE
	int tfd = open(j->qdir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (tfd >= 0)
		return tfd;
#endif
	(void)snprintf(path, sizeof path, "%s/.xf.%ld", j->qdir, (long)getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0)
		unlink(path);
	return fd >= 0 ? fd : open("/dev/null", O_RDWR | O_CLOEXEC);
}

/* The mailer's output capture (the caller closes what it gets): one
 * unnamed file per process, emptied for each mailer run -- creating an
 * O_TMPFILE costs ext4 an inode search that was a quarter of a queue
 * run's time. Per process: forked job runners must not share it. */
static int open_capture(struct job *j)
{
	static int cfd = -1;
	static pid_t cpid;
	if (cfd >= 0 && cpid != getpid()) {
		close(cfd);
		cfd = -1;
	}
	if (cfd < 0) {
		cfd = new_capture(j);
		cpid = getpid();
	} else if (ftruncate(cfd, 0) < 0 || lseek(cfd, 0, SEEK_SET) < 0) {
		close(cfd);
		cfd = -1;
		return new_capture(j);
	}
	int fd = cfd >= 0 ? fcntl(cfd, F_DUPFD_CLOEXEC, 0) : -1;
	return fd >= 0 ? fd : new_capture(j);
}

/* fork/exec, feed, wait: the raw wait status or -1 (fork failed). */
static int run_mailer(struct deliver_ctx *dc, struct deliver_batch *b, char **argv)
{
	int p[2];
	int cap = open_capture(dc->j);
	if (pipe2(p, O_CLOEXEC) < 0) {
		close(cap);
		return -1;
	}
	fflush(stdout);
	xlog_exec(argv);        /* the child only execs or _exits */
	struct child_plan cp = { .argv = argv, .path = b->m->path, .nice = b->m->nice };
	plan_dirs(dc, b->m, &cp);
	deliver_priv_groups(&b->cred, &cp.groups);
	pid_t pid = spawn(b, &cp, p[0], cap);
	mem_free(cp.dirs);
	close(p[0]);
	if (pid < 0) {
		close(p[1]);
		close(cap);
		return -1;
	}
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	(void)deliver_msg_write(dc, b->m, p[1], 0);
	close(p[1]);
	signal(SIGPIPE, old);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	take_output(dc->j, cap);
	xlog_eof();
	close(cap);
	return status;
}

static void report_signal(struct deliver_ctx *dc, struct deliver_batch *b, char **argv, int ws)
{
	struct str t;
	str_init(&t, 0);
	str_printf(&t, "mailer %s died with signal %d%s", b->m->name, WTERMSIG(ws),
		   WCOREDUMP(ws) ? " (core dumped)" : "");
	deliver_say(dc, NULL, "451 4.3.0", t.s);
	job_set_message(dc->j, t.s);
	str_clear(&t);
	str_add(&t, "Arguments:");
	for (size_t i = 0; argv[i] != NULL; i++) {
		str_addc(&t, ' ');
		str_add(&t, argv[i]);
	}
	job_transcript(dc->j, "%s", t.s);
	str_free(&t);
}

void deliver_batch_run(struct deliver_ctx *dc, struct deliver_batch *b)
{
	struct str to, t;
	str_init(&to, 0);
	str_init(&t, 0);
	for (size_t i = b->n; i-- > 0;)   /* the reference's e_to: last first */
		str_printf(&to, "%s%s", i + 1 < b->n ? "," : "", dc->j->r[b->idx[i]].addr);
	dc->to = to.s;
	if (strcmp(b->m->path, "[IPC]") == 0) {
		deliver_ipc(dc, b, to.s);
		dc->to = NULL;
		str_free(&to);
		str_free(&t);
		return;
	}
	if (b->host != NULL)
		str_printf(&t, "Connecting to %s via %s...", b->host, b->m->name);
	else
		str_printf(&t, "Connecting to %s...", b->m->name);
	if (strcmp(b->m->name, "*file*") != 0)
		deliver_say(dc, to.s, NULL, t.s);
	if (strcmp(b->m->name, "*file*") == 0) {
		deliver_status(dc, b, deliver_file(dc, b, b->users[0]), NULL);
	} else {
		char **argv = build_argv(dc, b);
		int ws = run_mailer(dc, b, argv);
		str_clear(&t);
		str_printf(&t, "%s mailer (%s) exited with EX_TEMPFAIL", b->m->name, b->m->path);
		if (ws < 0)
			deliver_status(dc, b, 75, t.s);
		else if (WIFSIGNALED(ws)) {
			report_signal(dc, b, argv, ws);
			deliver_status(dc, b, 75, t.s);
		} else
			deliver_status(dc, b, WEXITSTATUS(ws), WEXITSTATUS(ws) == 75 ? t.s : NULL);
		argv_free(argv);
	}
	dc->to = NULL;
	str_free(&to);
	str_free(&t);
}

void deliver_batch_free(struct deliver_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		mem_free(b->users[i]);
	mem_free(b->users);
	mem_free(b->idx);
	mem_free(b->host);
	deliver_priv_free(&b->cred);
	memset(b, 0, sizeof *b);
}
