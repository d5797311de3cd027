/* job_finish.c - the queue after an attempt: remove qf + df (+ xf) when
 * no recipient is left, else rewrite the qf through queue_write_rewrite
 * with only the deferred recipients (C lines as sendmail writes them),
 * K = now, N + 1, P + RetryFactor, the I line (df device/inode; queue runs) and the
 * M line (last error). Touches the job's files in its queue directory. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "job.h"
#include "err.h"
#include "options.h"
#include "../libsmutil/queue_write.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static int job_left(const struct job *j)
{
	for (size_t i = 0; i < j->nr; i++)
		if (j->r[i].state == JR_DEFERRED || j->r[i].state == JR_PENDING)
			return 1;
	return 0;
}

static void job_remove(struct job *j)
{
	struct str p;
	str_init(&p, 0);
	(void)unlink(j->dfpath);
	(void)unlink(qf_path(&p, j->qdir, j->subdirs, 'x', j->id));
	str_clear(&p);
	(void)unlink(qf_path(&p, j->qdir, j->subdirs, 'q', j->id));
	str_free(&p);
}

static int rcpt_block(char c)
{
	return c == 'C' || c == 'Q' || c == 'r' || c == 'R';
}

/* The new image: envelope lines, kept recipients, headers. */
static void job_image(const struct job *j, struct qf_env *ne)
{
	const struct qf_env *e = &j->env;
	size_t i = 0;
	qf_env_init(ne);
	for (; i < e->nlines && !rcpt_block(e->lines[i].code) && e->lines[i].code != 'H' &&
	       e->lines[i].code != '.'; i++)
		qf_env_append(ne, e->lines[i].code, e->lines[i].val, e->lines[i].len);
	const char *lastctl = NULL;
	for (size_t k = 0; k < j->nr; k++) {
		const struct job_rcpt *r = &j->r[k];
		if (r->state != JR_DEFERRED && r->state != JR_PENDING)
			continue;
		const char *fl = r->rflags ? r->rflags : "";
		const char *ctl = r->ctl;
		if (ctl == NULL && lastctl != NULL)
			ctl = "";
		qf_env_add_rcpt(ne, ctl, r->orcpt, r->final, fl, r->addr);
		lastctl = r->ctl;
	}
	for (; i < e->nlines; i++)
		if (!rcpt_block(e->lines[i].code) && e->lines[i].code != '.')
			qf_env_append(ne, e->lines[i].code, e->lines[i].val, e->lines[i].len);
	qf_env_index(ne);
}

static int job_rewrite(struct job *j)
{
	struct qf_env ne;
	struct stat st;
	const char *err = NULL;
	job_image(j, &ne);
	qf_env_setf(&ne, 'K', "%ld", (long)j->now);
	qf_env_setf(&ne, 'N', "%ld", j->env.ntries + 1);
	qf_env_setf(&ne, 'P', "%ld", job_priority(j));
	/* the reference learns the df's device/inode when it reads the qf
	 * (queue runs) or writes the df itself (a bounce); an in-process
	 * -odi/-odb attempt of a submitted message writes no I line */
	if ((j->flags & (JOB_QUEUERUN | JOB_OWNDF)) && stat(j->dfpath, &st) == 0)
		qf_env_setf(&ne, 'I', "%u/%u/%lu", major(st.st_dev), minor(st.st_dev),
			    (unsigned long)st.st_ino);
	if (j->emsg != NULL)
		qf_env_set(&ne, 'M', j->emsg);
	qf_env_terminate(&ne);
	int fd = -1;
	int mode = (int)option_num(j->cf, "QueueFileMode", 0600);
	int rc = queue_write_rewrite(j->qdir, j->subdirs, j->id, 'q', &ne, mode ? mode : 0600,
				     0, &fd, &err);
	if (rc < 0) {
		errno = 0;
		err_syserr("@queueup: cannot rewrite %s", err ? err : "");
	} else if (fd >= 0) {
		if (j->lockfd >= 0)
			close(j->lockfd);
		j->lockfd = fd;
	}
	qf_env_free(&ne);
	return rc;
}

int job_finish(struct job *j)
{
	if (!job_left(j)) {
		job_remove(j);
		return 0;
	}
	return job_rewrite(j);
}
