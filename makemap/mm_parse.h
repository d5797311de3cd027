/* mm_parse.h - makemap's input-line parser (key<sep>value lines).
 * Pure string work: no I/O, no database. Shared by makemap, its unit
 * test and its fuzz harness. */
#ifndef MM_PARSE_H
#define MM_PARSE_H
#include <stddef.h>

#define MM_LINEBUF 1024        /* fgets buffer: lines of <= 1022 chars + LF */

struct mm_popts {
	int sep;           /* separator byte, 0 = any white space */
	int comment;       /* comment byte in column 0, 0 = none */
	int foldcase;      /* lower-case ASCII letters of the key */
	int allowempty;    /* accept an empty value (-e) */
	int inclnull;      /* count a trailing NUL in key and value (-N) */
};

enum mm_pres {
	MM_SKIP = 0,       /* empty line or comment */
	MM_REC,            /* a record in *r */
	MM_LEADSP,         /* "syntax error (leading space)" */
	MM_NORHS           /* "no RHS for LHS <key>"; r->key is valid */
};

struct mm_rec {
	char *key;         /* NUL-terminated, inside the line buffer */
	size_t klen;       /* bytes to store (incl. NUL with inclnull) */
	char *val;
	size_t vlen;
};

/* Parse one line (its newline already removed; NUL-terminated; modified
 * in place: the key is lower-cased and terminated). */
enum mm_pres mm_parse_line(char *line, const struct mm_popts *o, struct mm_rec *r);
/* Cut the newline off a buffer filled by fgets: 1 = complete line,
 * 0 = no newline in it (too long unless at end of file). */
int mm_parse_chomp(char *buf);
#endif
