/* msg.h - diagnostics: msg_info/warn/error to stderr and/or syslog,
 * msg_fatal exits with a sysexits code, msg_panic aborts.
 * Generic layer. The queue ID (or other context tag) is set with msg_tag.
 *
 * Output shape: stderr gets "<progname>: [<tag>: ]<text>\n" (warn/error/
 * fatal/panic add "warning: ", "error: ", "fatal: ", "panic: " after the
 * program name); syslog (facility mail) gets "[<tag>: ]<text>" at
 * LOG_INFO/WARNING/ERR/CRIT/ALERT. Before msg_open: progname "sendmail",
 * stderr only. errno is preserved across every call, so "%m" works. */
#ifndef SM_MSG_H
#define SM_MSG_H
#include <stdarg.h>
#include <stdio.h>

void msg_open(const char *progname, int to_syslog, int to_stderr);
void msg_tag(const char *tag);   /* e.g. a queue ID; NULL clears */
void msg_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_fatal(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void msg_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Redirect the "stderr" stream (tests; NULL restores stderr). */
void msg_stream(FILE *fp);
/* Number of msg_error calls so far (callers may turn it into an exit code). */
int msg_error_count(void);
#endif
