/* qrun_dirs.c - the queue directories a run visits: the default group
 * (mqueue = QueueDirectory) and every Q line group, each path with a
 * trailing "*" expanded to its matching subdirectories; -qG<name> limits
 * the run to one group. Reads the config and lists directories. */
#include <strings.h>
#include "qrun.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/qf.h"
#include "../libsmutil/poison.h"

struct qrun_dirlist {
	char **v;
	int *g;
	int n, cur;
};

static void qrun_dirs_add(const char *dir, void *ctx)
{
	struct qrun_dirlist *l = ctx;
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i], dir) == 0)
			return;
	l->v = mem_realloc(l->v, (size_t)(l->n + 2) * sizeof *l->v);
	l->g = mem_realloc(l->g, (size_t)(l->n + 2) * sizeof *l->g);
	l->g[l->n] = l->cur;
	l->v[l->n++] = mem_strdup(dir);
	l->v[l->n] = NULL;
}

int qrun_dirs(const struct config *cf, const char *group, char ***dirs_r, int **groups_r)
{
	struct qrun_dirlist l = { NULL, NULL, 0, 0 };
	const char *qdir = option_str(cf, "QueueDirectory", "mqueue");
	int found = group == NULL || strcasecmp(group, "mqueue") == 0;
	if (found)
		qf_path_expand(qdir, qrun_dirs_add, &l);
	/* the cf reader keeps Q lines newest first: visit them as written */
	size_t ng = 0, k;
	for (const struct qgrp_def *g = cf->qgroups; g != NULL; g = g->next)
		ng++;
	const struct qgrp_def **gv = mem_array(ng + 1, sizeof *gv);
	k = ng;
	for (const struct qgrp_def *g = cf->qgroups; g != NULL; g = g->next)
		gv[--k] = g;
	for (k = 0; k < ng; k++) {
		if (group != NULL && strcasecmp(group, gv[k]->name) != 0)
			continue;
		found = 1;
		l.cur = (int)k + 1;
		qf_path_expand(gv[k]->path != NULL ? gv[k]->path : qdir, qrun_dirs_add, &l);
	}
	mem_free(gv);
	if (!found) {
		err_usrerr("Queue group %s unknown", group);
		return -1;
	}
	*dirs_r = l.v;
	*groups_r = l.g;
	return l.n;
}

void qrun_dirs_free(char **dirs, int *groups, int n)
{
	for (int i = 0; i < n; i++)
		mem_free(dirs[i]);
	mem_free(dirs);
	mem_free(groups);
}

const char *qrun_dirs_show(struct str *out, const char *qdir)
{
	unsigned sub = qf_path_subdirs(qdir);
	str_truncate(out, 0);
	if (sub & QF_SUB_DF)
		return qf_path_dir(out, qdir, sub, 'd');
	str_add(out, qdir);
	return out->s;
}
