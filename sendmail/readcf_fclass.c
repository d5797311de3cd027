/* readcf_fclass.c - F lines: class words from a file (optionally with
 * a scanf format), from a program's output (F|prog) or from one map
 * lookup (F{c}key@class:spec), like sendmail's fileclass. Touches the
 * class table; runs programs and opens maps transiently. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>
#include "config.h"
#include "readcf.h"
#include "class.h"
#include "macro.h"
#include "map.h"
#include "options.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/htab.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/safefile.h"
#include "../libsmutil/poison.h"

/* Class name for messages: "x" or "name" (braces removed). */
static char *readcf_fclass_mname(int id)
{
	const char *n = macname(id);
	if (n[0] == '{')
		return mem_strndup(n + 1, strlen(n) - 2);
	return mem_strdup(n);
}

/* F{c}key@class:spec - one lookup, words of the value join the class. */
static void readcf_fclass_map(struct config *cf, int id, char *spec, int optional)
{
	char *mn = readcf_fclass_mname(id);
	char *at = strchr(spec, '@'), *cl, *colon;
	errno = 0;
	*at = '\0';
	cl = at + 1;
	if ((colon = strchr(cl, ':')) == NULL) {
		err_syserr("fileclass: F{%s}: missing map class", mn);
		goto out;
	}
	*colon++ = '\0';
	if (map_class_find(cl) == NULL) {
		err_syserr("fileclass: F{%s}: class %s not available", mn, cl);
		goto out;
	}
	struct str k;
	str_init(&k, 0);
	str_printf(&k, "%s %s %s", mn, cl, colon);
	struct map *m = map_parse_kline(cf, k.s);
	str_free(&k);
	if (m == NULL)
		goto out;
	htab_del(cf->maps, mn);
	errno = 0;
	if (m->cls->open != NULL && m->cls->open(m, cf) != 0) {
		errno = 0;
		if (!optional && !(m->flags & MF_OPTIONAL))
			err_syserr("fileclass: F{%s}: map open failed", mn);
		goto out;
	}
	m->flags |= MF_OPEN;
	m->opened = 1;
	int stat = MAPS_OK;
	struct lookup_ctx lc;
	memset(&lc, 0, sizeof lc);
	lc.cf = cf;
	lc.mac = &cf->macros;
	char *v = map_lookup_class(m, spec, NULL, &stat, &lc);
	if (stat != MAPS_OK && stat != MAPS_NOTFOUND && stat != 68) {
		errno = 0;
		if (!optional)
			err_syserr("fileclass: F{%s}: map lookup failed", mn);
	} else if (v != NULL)
		class_add_words(cf->classes, id, v);
	mem_free(v);
	if (m->cls->close != NULL)
		m->cls->close(m);
out:
	mem_free(mn);
}

/* Start "|prog args"; returns a stream on its stdout, *pid set. */
static FILE *readcf_fclass_prog(char *cmd, pid_t *pid)
{
	char *argv[64];
	int n = 0, fd[2];
	for (char *w = strtok(cmd, " \t"); w != NULL && n < 63; w = strtok(NULL, " \t"))
		argv[n++] = w;
	argv[n] = NULL;
	if (n == 0 || pipe(fd) < 0)
		return NULL;
	fflush(NULL);
	*pid = fork();
	if (*pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return NULL;
	}
	if (*pid == 0) {
		int nul = open("/dev/null", O_RDONLY);
		if (nul >= 0)
			dup2(nul, 0);
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	return fdopen(fd[0], "r");
}

/* Add the words of each line (not starting with '#') matching fmt. */
static void readcf_fclass_read(struct config *cf, int id, FILE *fp, const char *fmt)
{
	char buf[MAXLINE], word[MAXLINE + 1];
	while (fgets(buf, sizeof buf, fp) != NULL) {
		if (buf[0] == '#')
			continue;
		/* the reference is a SCANF build: fmt comes from the cf */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		if (sscanf(buf, fmt, word) != 1)
			continue;
#pragma GCC diagnostic pop
		class_add_words(cf->classes, id, word);
	}
}

/* Open a class file with sendmail's safety flags. */
static FILE *readcf_fclass_open(const struct config *cf, const char *file)
{
	long sff = SFF_REGONLY | SFF_ROOTOK;
	const char *why = NULL;
	char whybuf[256];
	if (!options_dbs(cf, "classfileinunsafedirpath"))
		sff |= SFF_SAFEDIRPATH;
	if (!options_dbs(cf, "linkedclassfileinwritabledir"))
		sff |= SFF_NOWLINK;
	return safefile_fopen(file, sff, &why, whybuf, sizeof whybuf);
}

/* fileclass(): file, program or map. */
static void readcf_fclass_load(struct config *cf, int id, char *file, const char *fmt,
			       int ismap, int optional)
{
	pid_t pid = -1;
	FILE *fp;
	errno = 0;
	if (*file == '\0') {
		err_syserr("fileclass: missing file name");
		return;
	}
	if (ismap) {
		readcf_fclass_map(cf, id, file, optional);
		return;
	}
	if (file[0] == '|')
		fp = readcf_fclass_prog(mem_strdup(file + 1), &pid);
	else
		fp = readcf_fclass_open(cf, file);
	if (fp == NULL) {
		if (!optional)
			err_syserr("fileclass: cannot open '%s'", file);
		return;
	}
	readcf_fclass_read(cf, id, fp, fmt);
	fclose(fp);
	if (pid > 0)
		(void)waitpid(pid, NULL, 0);
}

void readcf_fclass_F(struct config *cf, char *line)
{
	const char *ep;
	int id = macid_parse(line + 1, &ep);
	if (id == 0)
		return;
	char *p = (char *)ep;
	while (isspace((unsigned char)*p))
		p++;
	int optional = p[0] == '-' && p[1] == 'o';
	if (optional) {
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
		while (isspace((unsigned char)*p))
			p++;
	}
	int ismap = 0;
	char *q = strchr(p, '@');
	if (*p != '/' && *p != '|' && q != NULL) {
		q++;
		if (strcmp(q, "LDAP") == 0 || (*q != ':' && strchr(q, ':') != NULL))
			ismap = 1;
	}
	if (ismap) {
		readcf_fclass_load(cf, id, p, "%s", ismap, optional);
		return;
	}
	struct str file;
	str_init(&file, 0);
	if (!readcf_util_extrquot(&file, p, &ep, " ")) {
		errno = 0;
		err_syserr("illegal filename '%s'", p);
	} else {
		/* like the reference, "|prog args" keeps only "|prog" */
		while (isspace((unsigned char)*ep))
			ep++;
		if (file.s[0] == '|' || *ep == '\0')
			ep = "%s";
		readcf_fclass_load(cf, id, file.s, ep, 0, optional);
	}
	str_free(&file);
}
