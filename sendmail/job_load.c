/* job_load.c - reading one queued job: qf (libsmutil/qf.h parser) + df
 * path, the flock lock like the reference, the recipients still to do
 * with their C lines; job_free and the transcript (sendmail's xf text).
 * Touches only the job's qf/df (read, lock). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include "job.h"
#include "submit.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* The R line flags: S F D as given; N only says "NOTIFY was given", so
 * N alone (no S, F, D) is NOTIFY=NEVER and N with others adds nothing. */
static unsigned job_notify(const char *f, size_t n)
{
	unsigned v = 0;
	int given = 0;
	for (size_t i = 0; i < n; i++)
		switch (f[i]) {
		case 'S': v |= SUBMIT_NOTIFY_SUCCESS; break;
		case 'F': v |= SUBMIT_NOTIFY_FAILURE; break;
		case 'D': v |= SUBMIT_NOTIFY_DELAY; break;
		case 'N': given = 1; break;
		default: break;
		}
	return given && v == 0 ? SUBMIT_NOTIFY_NEVER : v;
}

/* Rebuild j->r from the typed view of the qf (every R line is pending). */
void job_load_rcpts(struct job *j)
{
	for (size_t i = 0; i < j->nr; i++)
		job_rcpt_free(&j->r[i]);
	mem_free(j->r);
	j->nr = j->env.nrcpts;
	j->r = mem_array(j->nr + 1, sizeof *j->r);
	memset(j->r, 0, (j->nr + 1) * sizeof *j->r);
	for (size_t i = 0; i < j->nr; i++) {
		const struct qf_rcpt *q = &j->env.rcpts[i];
		struct job_rcpt *r = &j->r[i];
		r->rline = q->line;
		r->addr = mem_strdup(q->addr);
		r->orcpt = q->orcpt ? mem_strdup(q->orcpt) : NULL;
		r->final = q->final ? mem_strdup(q->final) : NULL;
		r->ctl = q->ctl ? mem_strdup(q->ctl) : NULL;
		r->rflags = mem_strndup(q->flags, q->flen);
		r->notify = job_notify(q->flags, q->flen);
		r->state = JR_PENDING;
	}
}

void job_rcpt_free(struct job_rcpt *r)
{
	mem_free(r->addr); mem_free(r->orcpt); mem_free(r->final);
	mem_free(r->ctl); mem_free(r->rflags); mem_free(r->logctl); mem_free(r->expfrom);
	mem_free(r->actual);
	mem_free(r->status); mem_free(r->diag); mem_free(r->stat); mem_free(r->relay);
	mem_free(r->logdsn);
	mem_free(r->mailer); mem_free(r->host); mem_free(r->user);
	memset(r, 0, sizeof *r);
}

static int job_load_fail(struct job *j, const char **error_r, const char *msg)
{
	static char buf[512];
	str_clear(&j->transcript);
	(void)snprintf(buf, sizeof buf, "%s", msg);
	*error_r = buf;
	return -1;
}

/* Read the qf from lockfd (already open), index it. */
static int job_load_read(struct job *j, const char **error_r)
{
	int line = 0;
	const char *err = NULL;
	struct str p;
	if (lseek(j->lockfd, 0, SEEK_SET) < 0 ||
	    qf_parse_fd(&j->env, j->lockfd, &line, &err) < 0) {
		str_init(&p, 0);
		str_printf(&p, "readqf: qf%s: %s", j->id, err ? err : strerror(errno));
		int rc = job_load_fail(j, error_r, p.s);
		str_free(&p);
		return rc;
	}
	if (j->env.nlines == 0)
		return job_load_fail(j, error_r, "no control file");
	str_init(&p, 0);
	j->dfpath = mem_strdup(qf_path(&p, j->qdir, j->subdirs, 'd', j->id));
	str_free(&p);
	job_load_rcpts(j);
	return 0;
}

int job_load(struct job *j, struct config *cf, const char *qdir, const char *id,
	     const char **error_r)
{
	unsigned keep = j->flags;
	int fd = (keep & JOB_NOLOCK) ? j->lockfd : -1;
	memset(j, 0, sizeof *j);
	j->flags = keep;
	j->cf = cf;
	j->qdir = mem_strdup(qdir);
	j->subdirs = qf_path_subdirs(qdir);
	(void)snprintf(j->id, sizeof j->id, "%s", id);
	j->now = time(NULL);
	j->lockfd = fd;
	qf_env_init(&j->env);
	str_init(&j->transcript, 0);
	if (j->lockfd < 0) {
		struct str p;
		str_init(&p, 0);
		j->lockfd = open(qf_path(&p, qdir, j->subdirs, 'q', id), O_RDWR | O_CLOEXEC);
		str_free(&p);
		if (j->lockfd < 0)
			return job_load_fail(j, error_r, strerror(errno));
		int lk = qf_lock(j->lockfd, 1, 0);
		if (lk != 0) {
			close(j->lockfd);
			j->lockfd = -1;
			return job_load_fail(j, error_r, lk > 0 ? "locked" : strerror(errno));
		}
	}
	return job_load_read(j, error_r);
}

void job_free(struct job *j)
{
	for (size_t i = 0; i < j->nr; i++)
		job_rcpt_free(&j->r[i]);
	mem_free(j->r);
	j->r = NULL;
	j->nr = 0;
	if (j->lockfd >= 0)
		close(j->lockfd);
	j->lockfd = -1;
	qf_env_free(&j->env);
	mem_free(j->dfpath);
	mem_free(j->emsg);
	j->emsg = NULL;
	mem_free(j->qdir);
	j->dfpath = j->qdir = NULL;
	str_free(&j->transcript);
}

void job_transcript(struct job *j, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	str_vprintf(&j->transcript, fmt, ap);
	va_end(ap);
	if (j->transcript.len == 0 || j->transcript.s[j->transcript.len - 1] != '\n')
		str_addc(&j->transcript, '\n');
}

void job_set_message(struct job *j, const char *msg)
{
	mem_free(j->emsg);
	j->emsg = msg != NULL ? mem_strdup(msg) : NULL;
}
