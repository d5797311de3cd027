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

#define XQ_MAXGROUPS 50   /* sendmail's MAXQUEUEGROUPS */

/* R=: more runners than MaxQueueChildren are cut down (with a note). */
static void readcf_xq_runners(const struct config *cf, struct qgrp_def *q, const char *v)
{
	int i = atoi(v);
	long maxc = option_num(cf, "MaxQueueChildren", 0);
	if (maxc > 0 && i > maxc) {
		q->runners = (int)maxc;
		printf("Q=%s: R=%d exceeds MaxQueueChildren=%ld, set to MaxQueueChildren\n",
		       q->name, i, maxc);
	} else
		q->runners = i;
}

/* F=: every non-blank character is a flag (kept once each). */
static void readcf_xq_flags(struct qgrp_def *q, const char *v)
{
	struct str f;
	str_init(&f, 0);
	if (q->flags != NULL)
		str_add(&f, q->flags);
	for (; *v != '\0'; v++)
		if (!isspace((unsigned char)*v) && (f.s == NULL || strchr(f.s, *v) == NULL))
			str_addc(&f, *v);
	mem_free(q->flags);
	q->flags = mem_strdup(f.s ? f.s : "");
	str_free(&f);
}

/* Apply one Q field (the reference has no O= field). */
static void readcf_xq_qfield(const struct config *cf, struct qgrp_def *q, int code,
			     const char *v)
{
	errno = 0;
	switch (code) {
	case 'P':
		if (*v == '\0')
			err_syserr("queue %s: empty path name", q->name);
		else {
			mem_free(q->path);
			q->path = mem_strdup(v);
		}
		break;
	case 'F': readcf_xq_flags(q, v); break;
	case 'N': q->nice = atoi(v); break;
	case 'I': q->interval = readcf_util_convtime(v, 'm'); break;
	case 'R': readcf_xq_runners(cf, q, v); break;
	case 'r': q->rcpts = atoi(v) < 0 ? 0 : atoi(v); break;
	case 'J': q->jobs = atoi(v) < 0 ? 0 : atoi(v); break;
	default:
		err_syserr("Q%s: unknown queue equate %c=", q->name, code);
		break;
	}
}

static void readcf_xq_qfree(struct qgrp_def *q)
{
	mem_free(q->name);
	mem_free(q->path);
	mem_free(q->flags);
	mem_free(q);
}

/* Enter q (a group of the same name is replaced in place). */
static void readcf_xq_enter(struct config *cf, struct qgrp_def *q)
{
	for (struct qgrp_def **pp = &cf->qgroups; *pp != NULL; pp = &(*pp)->next)
		if (strcmp((*pp)->name, q->name) == 0) {
			q->next = (*pp)->next;
			readcf_xq_qfree(*pp);
			*pp = q;
			return;
		}
	q->next = cf->qgroups;
	cf->qgroups = q;
}

static int readcf_xq_count(const struct config *cf, const char *name)
{
	int n = 0;
	for (const struct qgrp_def *q = cf->qgroups; q != NULL; q = q->next) {
		if (strcmp(q->name, name) == 0)
			return -1;
		n++;
	}
	return n;
}

void readcf_lines_Q(struct config *cf, char *line)
{
	const char *rest;
	struct str v;
	int code, rc;
	errno = 0;
	struct qgrp_def *q = mem_zalloc(sizeof *q);
	if (line[1] == '\0') {
		err_syserr("name required for queue");
		mem_free(q);
		return;
	}
	q->name = readcf_xq_name(line + 1, &rest);
	if (q->name == NULL)
		q->name = mem_strdup("");
	q->runners = 1;
	str_init(&v, 0);
	while ((rc = readcf_xq_field(&rest, &code, &v)) > 0)
		readcf_xq_qfield(cf, q, code, v.s);
	str_free(&v);
	const char *qdir = option_str(cf, "QueueDirectory", NULL);
	errno = 0;
	if (rc < 0) {
		err_syserr("queue %s: `=' expected", q->name);
		readcf_xq_qfree(q);
		return;
	}
	int n = readcf_xq_count(cf, q->name);
	if (n >= XQ_MAXGROUPS) {
		err_syserr("too many queue groups defined (%d max)", XQ_MAXGROUPS);
		readcf_xq_qfree(q);
		return;
	}
	if (q->path == NULL) {
		if (qdir == NULL || *qdir == '\0') {
			err_syserr("QueueDir must be defined before queue groups");
			readcf_xq_qfree(q);
			return;
		}
		q->path = mem_strdup(qdir);
	}
	if (q->runners > 1 && (q->flags == NULL || strchr(q->flags, 'f') == NULL))
		printf("Warning: Q=%s: R=%d: multiple queue runners specified\n"
		       "\tbut flag '%c' is not set\n", q->name, q->runners, 'f');
	readcf_xq_enter(cf, q);
}
