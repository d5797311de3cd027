/* xlog.h - sendmail's -X traffic log: every line read from the message
 * source or a mailer ("<pid> <<< line"), written to a mailer
 * ("<pid> >>> line"), mailer starts ("<pid> === EXEC argv") and ends of
 * input ("<pid> <<< [EOF]"). One process-wide log, opened by main for -X;
 * every call is a no-op when no log is open. Touches only the log file. */
#ifndef SM_XLOG_H
#define SM_XLOG_H
#include <stddef.h>

/* Open (append) the traffic log; 0 ok, -1 with errno. */
int xlog_open(const char *path);
int xlog_active(void);
/* One line without its line end (n bytes, may hold any byte). */
void xlog_in(const char *line, size_t n);
void xlog_out(const char *line, size_t n);
/* A whole buffer of lines (split at '\n'; a trailing partial line too). */
void xlog_in_text(const char *buf, size_t n);
void xlog_out_text(const char *buf, size_t n);
void xlog_eof(void);
/* "<pid> <dir> " (the opening of a log line) into buf. */
void xlog_prefix(char *buf, size_t size, const char *dir);
/* Bytes already in the log's format (e.g. a traced input). */
void xlog_raw(const char *buf, size_t n);
/* "=== EXEC a b c" */
void xlog_exec(char *const argv[]);
void xlog_close(void);
#endif
