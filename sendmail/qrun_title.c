/* qrun_title.c - the queue runner daemon's process titles as ps shows
 * them ("sendmail: Queue control", "sendmail: running queue: <dir>"), and
 * the command line it was started with (for "started as:" and the SIGHUP
 * restart). The title is written over the process's own argument and
 * environment strings, as the reference does: the environment is first
 * moved to the heap, and nothing in this process may read argv's strings
 * afterwards (the daemon path reads none: main's copies are on the heap).
 * Touches only this process's memory and /proc/self. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "qrun.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

extern char **environ;

static char *qrun_title_base;   /* the writable argument/environment area */
static size_t qrun_title_len;

/* The command line as typed: av[] (NULL-terminated, heap) and, in line,
 * the arguments joined by spaces. Returns the count (0 unknown). */
int qrun_title_argv(char ***av, struct str *line)
{
	char buf[8192];
	int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	int count = 0;
	if (fd >= 0)
		close(fd);
	if (n <= 0) {
		*av = mem_array(1, sizeof **av);
		return 0;
	}
	buf[n] = '\0';
	for (ssize_t i = 0; i < n; i++)
		count += buf[i] == '\0' || i == n - 1;
	*av = mem_array((size_t)count + 1, sizeof **av);
	count = 0;
	for (char *p = buf; p < buf + n; p += strlen(p) + 1) {
		(*av)[count++] = mem_strdup(p);
		if (line->len > 0)
			str_addc(line, ' ');
		str_add(line, p);
	}
	(*av)[count] = NULL;
	return count;
}

/* Fields 48-51 of /proc/self/stat: arg_start arg_end env_start env_end. */
static int qrun_title_area(unsigned long v[4])
{
	char buf[4096];
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	char *p = strrchr(buf, ')');      /* after the command name */
	int field = 2;
	for (; p != NULL && *p != '\0' && field < 48; p++)
		field += *p == ' ';
	if (p == NULL || field != 48)
		return -1;
	return sscanf(p, "%lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3]) == 4 ? 0 : -1;
}

void qrun_title_init(void)
{
	unsigned long v[4];
	if (qrun_title_base != NULL || qrun_title_area(v) != 0 || v[1] <= v[0])
		return;
	unsigned long end = v[1];
	if (v[2] == v[1] && v[3] > v[2]) {
		/* the environment follows: move it to the heap, use its room too */
		for (char **e = environ; e != NULL && *e != NULL; e++)
			if ((unsigned long)*e >= v[2] && (unsigned long)*e < v[3])
				*e = mem_strdup(*e);
		end = v[3];
	}
	qrun_title_base = (char *)v[0];
	qrun_title_len = end - v[0];
}

void qrun_title(const char *fmt, ...)
{
	char t[1024];
	va_list ap;
	if (qrun_title_base == NULL)
		return;
	int n = snprintf(t, sizeof t, "sendmail: ");
	va_start(ap, fmt);
	vsnprintf(t + n, sizeof t - (size_t)n, fmt, ap);
	va_end(ap);
	size_t len = strlen(t);
	if (len >= qrun_title_len)
		len = qrun_title_len - 1;
	memcpy(qrun_title_base, t, len);
	memset(qrun_title_base + len, '\0', qrun_title_len - len);
}
