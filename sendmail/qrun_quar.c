/* qrun_quar.c - -Q<reason> / -Q: quarantine the selected queued jobs
 * (qf -> hf with a q line just before the S line) or release them
 * (hf -> qf, q line removed), or change the reason of quarantined ones
 * (-qQ -Q<new>); -v reports each change as the reference does. Rewrites
 * control files through queue_write_rewrite under the job's lock. */
#include <fcntl.h>
#include <sysexits.h>
#include <unistd.h>
#include "qrun.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/qf.h"
#include "../libsmutil/queue_write.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

/* Drop the q lines; add "q<reason>" before the S line (reason non-empty). */
static void qrun_quar_edit(struct qf_env *e, const char *reason)
{
	size_t w = 0, at = (size_t)-1;
	for (size_t i = 0; i < e->nlines; i++) {
		if (e->lines[i].code == 'q') {
			mem_free(e->lines[i].val);
			continue;
		}
		if (at == (size_t)-1 && strchr("SRH.", e->lines[i].code) != NULL)
			at = w;
		e->lines[w++] = e->lines[i];
	}
	e->nlines = w;
	if (*reason != '\0') {
		if (at == (size_t)-1)
			at = w;
		qf_env_append(e, 'q', reason, strlen(reason));
		struct qf_line q = e->lines[e->nlines - 1];
		memmove(&e->lines[at + 1], &e->lines[at], (e->nlines - 1 - at) * sizeof q);
		e->lines[at] = q;
	}
	qf_env_index(e);
}

static void qrun_quar_report(const char *id, const char *old, const char *reason)
{
	if (old == NULL)
		printf("%s: Quarantined with \"%s\"\n", id, reason);
	else if (*reason == '\0')
		printf("%s: Removed quarantine of \"%s\"\n", id, old);
	else
		printf("%s: Quarantine changed from \"%s\" to \"%s\"\n", id, old, reason);
}

/* One job; 1 changed, 0 not. */
static int qrun_quar_job(const struct config *cf, const struct qrun_opts *o,
			 const char *qdir, const struct qrun_job *j)
{
	struct str p;
	struct qf_env e;
	const char *err, *id = j->name + 2;
	unsigned sub = qf_path_subdirs(qdir);
	char kind = *o->quarantine != '\0' ? 'h' : 'q';
	int changed = 0, fd;
	str_init(&p, 0);
	qf_env_init(&e);
	fd = open(qf_path(&p, qdir, sub, j->kind, id), O_RDWR);
	if (fd >= 0 && qf_lock(fd, 1, 0) == 0 && qf_parse_fd(&e, fd, NULL, &err) == 0 &&
	    e.nlines > 0) {
		char *old = e.quarmsg != NULL ? mem_strdup(e.quarmsg) : NULL;
		qrun_quar_edit(&e, o->quarantine);
		long mode = option_num(cf, "QueueFileMode", 0600);
		if (queue_write_rewrite(qdir, sub, id, kind, &e, mode ? (int)mode : 0600,
					0, NULL, &err) == 0) {
			if (kind != j->kind)
				(void)unlink(p.s);
			if (o->verbose)
				qrun_quar_report(id, old, o->quarantine);
			changed = 1;
		}
		mem_free(old);
	}
	if (fd >= 0)
		close(fd);
	qf_env_free(&e);
	str_free(&p);
	return changed;
}

int qrun_quarantine(struct config *cf, const struct qrun_opts *o0)
{
	struct qrun_opts o = *o0;
	char **dirs = NULL;
	int *groups = NULL;
	long changes = 0;
	if (*o.quarantine == '\0' && !o.lost)
		o.quarantined = 1;
	int n = qrun_dirs(cf, o.group, &dirs, &groups);
	for (int i = 0; i < n; i++) {
		struct qrun_list l = { NULL, 0, 0 };
		struct qrun_scan sc = { NULL, 0, 0, 0, time(NULL), 0 };
		qrun_gather(&o, dirs[i], &sc, &l);
		if (l.n == 0 && o.verbose)
			printf("%s: no matches\n", dirs[i]);
		else if (o.verbose)
			printf("Processing %s:\n", dirs[i]);
		for (size_t k = 0; k < l.n; k++)
			changes += qrun_quar_job(cf, &o, dirs[i], &l.jobs[k]);
		qrun_list_free(&l);
	}
	qrun_dirs_free(dirs, groups, n);
	if (o.verbose) {
		if (changes == 0)
			printf("No changes\n");
		else
			printf("%ld change%s\n", changes, changes == 1 ? "" : "s");
	}
	fflush(stdout);
	return n < 0 ? 0 : 0;
}
