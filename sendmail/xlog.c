/* xlog.c - the -X traffic log (see xlog.h). Touches only its file. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "xlog.h"
#include "../libsmutil/poison.h"

static FILE *xlog_fp;

int xlog_open(const char *path)
{
	FILE *fp = fopen(path, "a");
	if (fp == NULL)
		return -1;
	setvbuf(fp, NULL, _IOLBF, 0);
	xlog_close();
	xlog_fp = fp;
	return 0;
}

int xlog_active(void)
{
	return xlog_fp != NULL;
}

void xlog_prefix(char *buf, size_t size, const char *dir)
{
	snprintf(buf, size, "%05d %s ", (int)getpid(), dir);
}

/* "<pid> <dir> " + n bytes + LF */
static void xlog_line(const char *dir, const char *line, size_t n)
{
	if (xlog_fp == NULL)
		return;
	char p[32];
	xlog_prefix(p, sizeof p, dir);
	fputs(p, xlog_fp);
	fwrite(line, 1, n, xlog_fp);
	fputc('\n', xlog_fp);
}

void xlog_raw(const char *buf, size_t n)
{
	if (xlog_fp != NULL && n > 0)
		fwrite(buf, 1, n, xlog_fp);
}

void xlog_in(const char *line, size_t n)
{
	xlog_line("<<<", line, n);
}

void xlog_out(const char *line, size_t n)
{
	xlog_line(">>>", line, n);
}

static void xlog_text(const char *dir, const char *buf, size_t n)
{
	while (xlog_fp != NULL && n > 0) {
		const char *nl = memchr(buf, '\n', n);
		size_t len = nl != NULL ? (size_t)(nl - buf) : n;
		xlog_line(dir, buf, len);
		len += nl != NULL;
		buf += len;
		n -= len;
	}
}

void xlog_in_text(const char *buf, size_t n)
{
	xlog_text("<<<", buf, n);
}

void xlog_out_text(const char *buf, size_t n)
{
	xlog_text(">>>", buf, n);
}

void xlog_eof(void)
{
	xlog_line("<<<", "[EOF]", 5);
}

void xlog_exec(char *const argv[])
{
	if (xlog_fp == NULL)
		return;
	fprintf(xlog_fp, "%05d === EXEC", (int)getpid());
	for (size_t i = 0; argv[i] != NULL; i++)
		fprintf(xlog_fp, " %s", argv[i]);
	fputc('\n', xlog_fp);
}

void xlog_close(void)
{
	if (xlog_fp != NULL)
		fclose(xlog_fp);
	xlog_fp = NULL;
}
