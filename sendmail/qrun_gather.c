/* qrun_gather.c - the work list of one queue directory: every qf (hf with
 * -qQ, Qf with -qL) in readdir order, filtered by the selectors, cut at
 * MaxQueueRunSize, then sorted by QueueSortOrder. Jobs too expensive for
 * the load average (QueueLA) are left out; orders that need nothing from
 * the control files (filename, modification, random, none) without -qR,
 * -qS or -qQ selectors don't open them, as the reference (priority 0, so
 * never left out). Reads the directory and the control files (no locks
 * kept, nothing modified). */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "qrun.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/qf.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

char qrun_sortorder(const struct config *cf)
{
	const char *s = option_str(cf, "QueueSortOrder", "priority");
	int c = tolower((unsigned char)*s);
	return strchr("phtfrmsn", c) != NULL && c != '\0' ? (char)c : 'p';
}

/* Domain of the first recipient, lower case ("" if none). */
static char *qrun_host(const struct qf_env *e)
{
	const char *a = e->nrcpts > 0 ? e->rcpts[0].addr : NULL;
	const char *at = a != NULL ? strrchr(a, '@') : NULL;
	char *h = mem_strdup(at != NULL ? at + 1 : "");
	for (char *p = h; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return h;
}

/* Read one control file into j; 0 keep, -1 not selected (or, with a
 * load average at QueueLA or above, too expensive to run now). */
static int qrun_load(const struct qrun_opts *o, int dfd, struct qrun_job *j,
		     const struct qrun_scan *sc)
{
	struct qf_env e;
	struct stat st;
	const char *err;
	int fd = openat(dfd, j->name, O_RDONLY);
	qf_env_init(&e);
	if (fd >= 0 && fstat(fd, &st) == 0) {
		j->mtime = st.st_mtime;
		(void)qf_parse_fd(&e, fd, NULL, &err);
	}
	if (fd >= 0)
		close(fd);
	int keep = qrun_select(o, j->name + 2, fd >= 0 ? &e : NULL);
	/* no P line (empty or unreadable file): never first */
	j->pri = e.lines != NULL && e.nlines > 0 ? e.prio : 0x7fffffff;
	j->ctime = e.ctime;
	j->atime = e.dtime;
	j->host = qrun_host(&e);
	j->tooyoung = sc->minage > 0 && e.dtime > 0 && sc->now - e.dtime < sc->minage;
	qf_env_free(&e);
	if (keep && sc->cf != NULL && qrun_shouldqueue(sc->cf, j->pri, sc->la))
		keep = 0;
	return keep && !j->tooyoung ? 0 : -1;
}

/* The cheap way (orders that need nothing from inside the file): the
 * name (-qI) and the modification time only, priority 0. */
static int qrun_noload(const struct qrun_opts *o, int dfd, struct qrun_job *j)
{
	struct stat st;
	if (fstatat(dfd, j->name, &st, 0) == 0)
		j->mtime = st.st_mtime;
	j->host = mem_strdup("");
	j->unread = 1;
	return qrun_select(o, j->name + 2, NULL) ? 0 : -1;
}

int qrun_noread(const struct qrun_opts *o, char order)
{
	if (strchr("fmrn", order) == NULL)
		return 0;
	for (int i = 0; i < o->nsel; i++)
		if (o->sel[i].letter != 'I')
			return 0;
	return 1;
}

static void qrun_job_free(struct qrun_job *j)
{
	mem_free(j->name);
	mem_free(j->host);
}

void qrun_gather(const struct qrun_opts *o, const char *qdir, const struct qrun_scan *sc,
		 struct qrun_list *out)
{
	char kind = o->quarantined ? 'h' : o->lost ? 'Q' : 'q';
	struct str d;
	struct dirent *de;
	str_init(&d, 0);
	DIR *dp = opendir(qf_path_dir(&d, qdir, qf_path_subdirs(qdir), 'q'));
	str_free(&d);
	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] != kind || de->d_name[1] != 'f' || de->d_name[2] == '\0')
			continue;
		if (sc->maxrun > 0 && out->n >= (size_t)sc->maxrun)
			break;
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 64;
			out->jobs = mem_realloc(out->jobs, out->cap * sizeof *out->jobs);
		}
		struct qrun_job *j = &out->jobs[out->n];
		memset(j, 0, sizeof *j);
		j->name = mem_strdup(de->d_name);
		j->qdir = qdir;
		j->kind = kind;
		j->rnd = random();
		if (sc->noread ? qrun_noload(o, dirfd(dp), j) : qrun_load(o, dirfd(dp), j, sc)) {
			qrun_job_free(j);
			continue;
		}
		out->n++;
	}
	closedir(dp);
}

void qrun_list_free(struct qrun_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		qrun_job_free(&l->jobs[i]);
	mem_free(l->jobs);
	memset(l, 0, sizeof *l);
}

#define QRUN_CMP(x, y) ((x) == (y) ? 0 : (x) > (y) ? 1 : -1)

static int qrun_cmp_pri(const void *a, const void *b)
{
	const struct qrun_job *x = a, *y = b;
	return QRUN_CMP(x->pri, y->pri);
}

static int qrun_cmp_host(const void *a, const void *b)
{
	const struct qrun_job *x = a, *y = b;
	int c = QRUN_CMP(x->locked, y->locked);
	if (c == 0)
		c = strcasecmp(x->host, y->host);
	return c != 0 ? c : QRUN_CMP(x->pri, y->pri);
}

static int qrun_cmp_time(const void *a, const void *b)
{
	const struct qrun_job *x = a, *y = b;
	return QRUN_CMP(x->ctime, y->ctime);
}

static int qrun_cmp_name(const void *a, const void *b)
{
	const struct qrun_job *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static int qrun_cmp_rnd(const void *a, const void *b)
{
	const struct qrun_job *x = a, *y = b;
	return QRUN_CMP(x->rnd, y->rnd);
}

static int qrun_cmp_mtime(const void *a, const void *b)
{
	const struct qrun_job *x = a, *y = b;
	return QRUN_CMP(x->mtime, y->mtime);
}

void qrun_sort(struct qrun_list *l, char sortorder)
{
	static const struct {
		char letter;
		int (*cmp)(const void *, const void *);
	} sorts[] = {
		{ 'p', qrun_cmp_pri }, { 'h', qrun_cmp_host }, { 't', qrun_cmp_time },
		{ 'f', qrun_cmp_name }, { 'r', qrun_cmp_rnd }, { 's', qrun_cmp_rnd },
		{ 'm', qrun_cmp_mtime },
	};
	for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
		if (sorts[i].letter == sortorder && l->n > 1)
			qsort(l->jobs, l->n, sizeof *l->jobs, sorts[i].cmp);
}
