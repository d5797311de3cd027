/* msg.h - diagnostics: msg_info/warn/error to stderr and/or syslog,
 * msg_fatal exits with a sysexits code, msg_panic aborts.
 * Generic layer. The queue ID (or other context tag) is set with msg_tag. */
#ifndef SM_MSG_H
#define SM_MSG_H
#include <stdarg.h>

void msg_open(const char *progname, int to_syslog, int to_stderr);
void msg_tag(const char *tag);   /* e.g. a queue ID; NULL clears */
void msg_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_fatal(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void msg_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
#endif
