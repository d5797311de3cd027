/* mailq_cf.c - a tiny sendmail.cf scanner for mailq: O lines (short and
 * long form) for QueueDirectory, QueueSortOrder, MaxQueueRunSize, and Q
 * lines (queue groups: their Path=). Reads the cf only. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <strings.h>
#include "mailq.h"
#include "libsmutil/mem.h"
#include "libsmutil/str.h"
#include "libsmutil/poison.h"

static char *mq_trim(char *s)
{
	size_t n;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int mailq_cf_option(struct mq_opts *o, const char *name, const char *val)
{
	if (strcasecmp(name, "QueueDirectory") == 0 || strcmp(name, "Q") == 0) {
		mem_free(o->qdir);
		o->qdir = mem_strdup(val);
	} else if (strcasecmp(name, "QueueSortOrder") == 0) {
		int c = tolower((unsigned char)*val);
		o->sortorder = c == 'f' || c == 't' || c == 'n' || c == 'r' || c == 'm' ||
			       c == 's' || c == 'h' ? (char)c : 'p';
	} else if (strcasecmp(name, "MaxQueueRunSize") == 0) {
		o->maxrun = strtol(val, NULL, 10);
	}
	return 0;
}

/* "O Name=value" or "OXvalue". */
static void mq_cf_oline(struct mq_opts *o, char *p)
{
	char *eq, *name;
	if (*p != ' ' && *p != '\t') {
		char n[2] = { *p, '\0' };
		if (*p != '\0')
			mailq_cf_option(o, n, mq_trim(p + 1));
		return;
	}
	name = mq_trim(p);
	eq = strchr(name, '=');
	if (eq != NULL)
		*eq = '\0';
	mailq_cf_option(o, mq_trim(name), eq != NULL ? mq_trim(eq + 1) : "");
}

int mailq_cf_read(struct mq_opts *o, const char *path)
{
	FILE *fp = fopen(path, "r");
	struct str line;
	if (fp == NULL) {
		fprintf(stderr, "mailq: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	str_init(&line, 0);
	while (str_getline(&line, fp) == 0) {
		if (line.len > 0 && line.s[line.len - 1] == '\n')
			str_truncate(&line, line.len - 1);
		if (line.s[0] == 'O')
			mq_cf_oline(o, line.s + 1);
		else if (line.s[0] == 'Q')
			o->ngroups++;
	}
	str_free(&line);
	fclose(fp);
	return 0;
}
