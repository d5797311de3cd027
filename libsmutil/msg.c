/* msg.c - diagnostics to stderr and/or syslog with an optional context tag
 * (queue ID). Generic layer: touches stderr (or the stream set by
 * msg_stream), syslog, and the process exit. */
#include <errno.h>
#include <stdlib.h>
#include <syslog.h>
#include <unistd.h>
#include "msg.h"
#include "poison.h"

static char msg_progname[64] = "sendmail";
static char msg_tagbuf[128];
static int msg_use_syslog;
static int msg_use_stderr = 1;
static int msg_errors;
static FILE *msg_fp;

void msg_open(const char *progname, int to_syslog, int to_stderr)
{
	if (progname != NULL) {
		const char *b = strrchr(progname, '/');
		snprintf(msg_progname, sizeof msg_progname, "%s", b ? b + 1 : progname);
	}
	if (msg_use_syslog && !to_syslog)
		closelog();
	msg_use_syslog = to_syslog;
	msg_use_stderr = to_stderr;
	if (to_syslog)
		openlog(msg_progname, LOG_PID, LOG_MAIL);
}

void msg_tag(const char *tag)
{
	snprintf(msg_tagbuf, sizeof msg_tagbuf, "%s", tag != NULL ? tag : "");
}

void msg_stream(FILE *fp)
{
	msg_fp = fp;
}

int msg_error_count(void)
{
	return msg_errors;
}

/* Format and emit one message at syslog priority pri with a stderr label. */
static void msg_vemit(int pri, const char *label, const char *fmt, va_list ap)
{
	int saved = errno;
	char text[2048];
	vsnprintf(text, sizeof text, fmt, ap);
	errno = saved;
	const char *sep = msg_tagbuf[0] != '\0' ? ": " : "";
	if (msg_use_stderr) {
		FILE *fp = msg_fp != NULL ? msg_fp : stderr;
		fprintf(fp, "%s: %s%s%s%s\n", msg_progname, label, msg_tagbuf, sep, text);
		fflush(fp);
	}
	if (msg_use_syslog)
		syslog(pri, "%s%s%s", msg_tagbuf, sep, text);
	errno = saved;
}

void msg_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_vemit(LOG_INFO, "", fmt, ap);
	va_end(ap);
}

void msg_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_vemit(LOG_WARNING, "warning: ", fmt, ap);
	va_end(ap);
}

void msg_error(const char *fmt, ...)
{
	va_list ap;
	msg_errors++;
	va_start(ap, fmt);
	msg_vemit(LOG_ERR, "error: ", fmt, ap);
	va_end(ap);
}

void msg_fatal(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_vemit(LOG_CRIT, "fatal: ", fmt, ap);
	va_end(ap);
	exit(code);
}

void msg_panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_vemit(LOG_ALERT, "panic: ", fmt, ap);
	va_end(ap);
	abort();
}
