/* readcf.h - internals shared by the cf reader's files (readcf*.c),
 * mailer.c and options*.c: line handlers and sendmail's small string
 * helpers (munchstring, extrquotstr, atobool, convtime). */
#ifndef SM_READCF_H
#define SM_READCF_H
#include "../libsmutil/str.h"

struct config;

/* One logical-line handler: line is the translated line (line[0] is the
 * type letter); it may be modified in place. */
typedef void readcf_handler(struct config *cf, char *line);

/* readcf_lines.c */
readcf_handler readcf_lines_V, readcf_lines_D, readcf_lines_C,
	readcf_lines_P, readcf_lines_E, readcf_lines_X, readcf_lines_Q,
	readcf_lines_K, readcf_lines_O, readcf_lines_M, readcf_lines_bad;
/* readcf_rule.c */
readcf_handler readcf_rule_S, readcf_rule_R;
void readcf_rule_reset(void);   /* forget the current ruleset */
/* readcf_header.c */
readcf_handler readcf_header_H;
/* readcf_fclass.c */
readcf_handler readcf_fclass_F;

/* readcf_util.c */
/* sendmail's munchstring: \r \n \f \b escapes, other \x -> x, '"'
 * toggles quoting (removed); stops at unquoted delim. *endp = stop point. */
void readcf_util_munch(struct str *out, const char *p, const char **endp, int delim);
/* sendmail's extrquotstr: quoted/backslashed word up to an unquoted
 * char of delims; returns 0 on unbalanced quotes. *endp = stop point. */
int readcf_util_extrquot(struct str *out, const char *p, const char **endp,
			 const char *delims);
int readcf_util_atobool(const char *s);
/* convtime: default unit, "Invalid time unit `c'" on a bad unit. */
long readcf_util_convtime(const char *p, int unit);
/* atooct: octal digits. */
long readcf_util_atooct(const char *p);
/* Print a sendmail warning straight to stdout (no file/line context). */
void readcf_util_stdout(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
