/* readcf_xq.c - X lines (milter definitions, checked and kept as text
 * for the milter module) and Q lines (queue groups). Messages as the
 * reference prints them. Touches cf->xfilters and cf->qgroups. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "config.h"
#include "readcf.h"
#include "options.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

/* Split "name, f=v, ..." : returns the name (malloc'd) or NULL; *rest. */
static char *readcf_xq_name(const char *line, const char **rest)
{
	const char *p = line;
	while (*p != '\0' && *p != ',' && !isspace((unsigned char)*p))
		p++;
	*rest = *p != '\0' ? p + 1 : p;
	return p == line ? NULL : mem_strndup(line, (size_t)(p - line));
}

/* Next "c=value" field: 1 found, 0 end, -1 "`=' expected". */
static int readcf_xq_field(const char **pp, int *code, struct str *val)
{
	const char *p = *pp;
	while (*p == ',' || isspace((unsigned char)*p))
		p++;
	if (*p == '\0')
		return 0;
	*code = (unsigned char)*p;
	while (*p != '\0' && *p != '=' && *p != ',')
		p++;
	if (*p++ != '=')
		return -1;
	while (isspace((unsigned char)*p))
		p++;
	readcf_util_munch(val, p, pp, ',');
	return 1;
}

/* Milter socket "type:spec" check; 0 ok. */
static int readcf_xq_socket(const char *name, const char *s)
{
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);
	struct stat st;
	if (colon == NULL || (n == 5 && strncasecmp(s, "local", 5) == 0) ||
	    (n == 4 && strncasecmp(s, "unix", 4) == 0)) {
		(void)stat(colon ? colon + 1 : s, &st);   /* leaves errno like the reference */
		return 0;
	}
	if ((n == 4 && strncasecmp(s, "inet", 4) == 0) ||
	    (n == 5 && strncasecmp(s, "inet6", 5) == 0))
		return 0;
	char *t = mem_strndup(s, n);
	errno = EPROTONOSUPPORT;
	err_syserr("X%s: unknown socket type %s", name, t);
	mem_free(t);
	return -1;
}

/* Scan the X fields; returns 1 if a socket was given. */
static int readcf_xq_xfields(const char *name, const char *p)
{
	struct str v;
	int code, rc, sock = 0;
	str_init(&v, 0);
	while (sock >= 0 && (rc = readcf_xq_field(&p, &code, &v)) != 0) {
		errno = 0;
		if (rc < 0) {
			err_syserr("X%s: `=' expected", name);
			sock = -1;
			break;
		}
		if (code == 'S') {
			if (v.len > 0)
				sock = readcf_xq_socket(name, v.s) == 0 ? 1 : -1;
		} else if (code != 'F' && code != 'T')
			err_syserr("X%s: unknown filter equate %c=", name, code);
	}
	str_free(&v);
	return sock;
}

void readcf_lines_X(struct config *cf, char *line)
{
	const char *rest;
	char *name = readcf_xq_name(line + 1, &rest);
	errno = 0;
	if (name == NULL) {
		err_syserr("name required for mail filter");
		return;
	}
	int sock = readcf_xq_xfields(name, rest);
	if (sock == 0) {
		errno = 0;
		err_syserr("X%s: empty or missing socket information", name);
	}
	if (sock <= 0) {
		mem_free(name);
		return;
	}
	size_t n = strlen(name);
	for (int i = 0; i < cf->nxfilters; i++)
		if (strncmp(cf->xfilters[i], name, n) == 0 &&
		    (cf->xfilters[i][n] == ',' || cf->xfilters[i][n] == '\0' ||
		     isspace((unsigned char)cf->xfilters[i][n]))) {
			err_syserr("X%s: duplicate filter definition", name);
			mem_free(name);
			return;
		}
	cf->xfilters = mem_realloc(cf->xfilters, sizeof(char *) * (size_t)(cf->nxfilters + 2));
	cf->xfilters[cf->nxfilters++] = mem_strdup(line + 1);
	cf->xfilters[cf->nxfilters] = NULL;
	mem_free(name);
}

/* Apply one Q field; 0 ok, -1 unknown (message given). */
static int readcf_xq_qfield(struct qgrp_def *q, int code, const char *v)
{
	switch (code) {
	case 'P': mem_free(q->path); q->path = mem_strdup(v); break;
	case 'F': mem_free(q->flags); q->flags = mem_strdup(v); break;
	case 'N': q->nice = atoi(v); break;
	case 'I': q->interval = readcf_util_convtime(v, 'm'); break;
	case 'R': q->runners = atoi(v); break;
	case 'r': q->rcpts = atoi(v); break;
	case 'J': q->jobs = atoi(v); break;
	case 'O': q->sort = *v; break;
	default:
		errno = 0;
		err_syserr("Q%s: unknown queue equate %c=", q->name, code);
		return -1;
	}
	return 0;
}

void readcf_lines_Q(struct config *cf, char *line)
{
	const char *rest;
	struct str v;
	int code, rc;
	errno = 0;
	struct qgrp_def *q = mem_zalloc(sizeof *q);
	q->name = readcf_xq_name(line + 1, &rest);
	if (q->name == NULL) {
		err_syserr("name required for queue");
		mem_free(q);
		return;
	}
	str_init(&v, 0);
	while ((rc = readcf_xq_field(&rest, &code, &v)) > 0)
		(void)readcf_xq_qfield(q, code, v.s);
	str_free(&v);
	const char *qdir = option_str(cf, "QueueDirectory", NULL);
	errno = 0;
	if (rc < 0)
		err_syserr("queue %s: `=' expected", q->name);
	else if (q->path == NULL && qdir == NULL)
		err_syserr("QueueDir must be defined before queue groups");
	else {
		if (q->path == NULL)
			q->path = mem_strdup(qdir);
		q->next = cf->qgroups;
		cf->qgroups = q;
		return;
	}
	mem_free(q->name);
	mem_free(q->path);
	mem_free(q->flags);
	mem_free(q);
}
