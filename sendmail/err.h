/* err.h - sendmail-style user-visible messages (usrerr/syserr/message)
 * with SMTP reply codes and enhanced codes, the "file: line N: " context
 * while reading files, and the accumulated process exit status (ExitStat).
 * In terminal modes (-bt, -bv, -bi) codes are stripped and LF is used. */
#ifndef SM_ERR_H
#define SM_ERR_H
#include <stdio.h>

/* Where messages go and how they look. */
void err_set_output(FILE *fp, int strip_codes);
/* Context for config/alias file reading; file NULL clears. */
void err_set_file(const char *file, int line);
int err_get_line(void);
/* "address in context" prefix ("<addr>... ") for 050/250/252/450/550/553. */
void err_set_addr(const char *addr);
/* The current "addr... " context (NULL if none); valid until the next
 * err_set_addr. Lets callers save and restore it (the reference's e_to
 * outlives commands: after -bt /sender it is the sender address). */
const char *err_get_addr(void);
/* usrerr: message starting with an optional "NNN [x.y.z] " code;
 * default 550. Sets ExitStat to EX_DATAERR-like semantics as sendmail. */
void err_usrerr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* syserr: default 554 (451 if errno); sets ExitStat 70 (71 if errno) and
 * appends ": strerror(errno)" when errno != 0 - so set errno = 0 first
 * for non-system errors. Leading "@" ignores errno, "!" exits. */
void err_syserr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* message: informational (default 050), shown only when verbose. */
void err_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the text as-is on the output (with file:line context), no
 * ExitStat change ("Warning: ..."). */
void err_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void err_set_exitstat(int code);   /* keeps the first non-zero? see err.c */
int err_exitstat(void);
void err_reset_exitstat(void);
int err_count(void);              /* errors since last reset (Errors) */
void err_reset_count(void);
void err_set_verbose(int v);
int err_get_verbose(void);
const char *err_last(void);       /* last message text (for $#error etc.) */
const char *err_last_codes(void); /* its "553 5.3.0" (reply + enhanced code) */
#endif
