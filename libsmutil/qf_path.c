/* qf_path.c - queue file names (qf df tf xf hf Qf Tf, with the optional
 * qf/ df/ xf/ subdirectories) and QueueDirectory "prefix*" expansion.
 * Mail layer of libsmutil; reads directories, writes nothing. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "qf.h"
#include "mem.h"
#include "poison.h"

static int qf_path_isdir(const char *qdir, const char *sub)
{
	struct str b;
	struct stat st;
	int r;
	str_init(&b, 0);
	str_printf(&b, "%s/%s", qdir, sub);
	r = stat(b.s, &st) == 0 && S_ISDIR(st.st_mode);
	str_free(&b);
	return r;
}

/* The answer for the last directory asked about is kept for the rest of
 * that second: a queue run asks for every job and every file. */
unsigned qf_path_subdirs(const char *qdir)
{
	static _Thread_local char last[4096];
	static _Thread_local time_t when;
	static _Thread_local unsigned cached;
	time_t now = time(NULL);
	if (now == when && strcmp(last, qdir) == 0)
		return cached;
	cached = (qf_path_isdir(qdir, "qf") ? QF_SUB_QF : 0) |
		 (qf_path_isdir(qdir, "df") ? QF_SUB_DF : 0) |
		 (qf_path_isdir(qdir, "xf") ? QF_SUB_XF : 0);
	if (strlen(qdir) < sizeof last) {
		snprintf(last, sizeof last, "%s", qdir);
		when = now;
	}
	return cached;
}

static const char *qf_path_sub(unsigned subdirs, char kind)
{
	if (kind == 'd')
		return subdirs & QF_SUB_DF ? "df/" : "";
	if (kind == 'x')
		return subdirs & QF_SUB_XF ? "xf/" : "";
	return subdirs & QF_SUB_QF ? "qf/" : "";
}

const char *qf_path(struct str *out, const char *qdir, unsigned subdirs,
		    char kind, const char *id)
{
	str_clear(out);
	str_printf(out, "%s/%s%cf%s", qdir, qf_path_sub(subdirs, kind), kind, id);
	return out->s;
}

const char *qf_path_dir(struct str *out, const char *qdir, unsigned subdirs, char kind)
{
	const char *sub = qf_path_sub(subdirs, kind);
	str_clear(out);
	str_printf(out, "%s%s%.*s", qdir, *sub ? "/" : "", *sub ? 2 : 0, sub);
	return out->s;
}

size_t qf_path_expand(const char *qdir, void (*fn)(const char *dir, void *ctx), void *ctx)
{
	size_t len = strlen(qdir), n = 0, plen;
	const char *slash;
	struct str parent, dir;
	DIR *d;
	struct dirent *de;
	if (len == 0 || qdir[len - 1] != '*') {
		fn(qdir, ctx);
		return 1;
	}
	slash = strrchr(qdir, '/');
	str_init(&parent, 0);
	str_init(&dir, 0);
	if (slash == NULL)
		str_add(&parent, ".");
	else
		str_addn(&parent, qdir, slash == qdir ? 1 : (size_t)(slash - qdir));
	const char *prefix = slash != NULL ? slash + 1 : qdir;
	plen = strlen(prefix) - 1;
	if ((d = opendir(parent.s)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strncmp(de->d_name, prefix, plen) != 0 || de->d_name[0] == '.')
				continue;
			str_clear(&dir);
			str_printf(&dir, "%s%s%s", parent.s, slash == qdir ? "" : "/", de->d_name);
			if (!qf_path_isdir(dir.s, "."))
				continue;
			fn(dir.s, ctx);
			n++;
		}
		closedir(d);
	}
	str_free(&parent);
	str_free(&dir);
	return n;
}
