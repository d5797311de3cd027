/* alias_parse.h - the aliases SOURCE file reader (mail layer of libsmutil):
 * logical lines (backslash-newline joins, SPACE/TAB-initial lines continue
 * the previous one), comments, the "Non-continuation line" and "alias line
 * too long" rules, and the LHS/RHS split at the first colon. It knows
 * nothing about rulesets or databases: each entry goes to a callback with
 * its file and (last physical) line number; errors go to another callback
 * as sendmail's texts with their reply codes. */
#ifndef SM_ALIAS_PARSE_H
#define SM_ALIAS_PARSE_H
#include <stdio.h>
#include <stddef.h>

/* sendmail reads a logical line into one BUFSIZ buffer: the content plus
 * the final newline must fit in ALIAS_PARSE_BUFSIZE - 1 bytes. */
#define ALIAS_PARSE_BUFSIZE 8192

/* One entry: line = the whole logical line (NUL-terminated, writable,
 * continuation whitespace kept, newlines removed), colon = offset of the
 * first ':' in it, rhs = the text after that colon with leading
 * whitespace skipped (may be ""). lineno = last physical line of it. */
struct alias_parse_entry {
	const char *file;
	int lineno;
	char *line;
	size_t len;
	size_t colon;
	char *rhs;
};

struct alias_parse_ops {
	/* an entry; return nonzero to stop reading */
	int (*entry)(void *ctx, struct alias_parse_entry *e);
	/* an error: text starts with the reply code ("554 5.3.5 missing
	 * colon"); file/lineno are the message context. May be NULL. */
	void (*error)(void *ctx, const char *file, int lineno, const char *text);
};

/* Error texts (with sendmail's codes). */
#define ALIAS_PARSE_E_NONCONT  "554 5.3.5 Non-continuation line starts with space"
#define ALIAS_PARSE_E_COLON    "554 5.3.5 missing colon"
#define ALIAS_PARSE_E_TOOLONG  "554 5.3.0 alias line too long"

/* Read every entry of fp (file = name for messages). Returns the number
 * of entries handed to ops->entry, or -1 on a read error (errno set). */
long alias_parse_stream(FILE *fp, const char *file,
			const struct alias_parse_ops *ops, void *ctx);
/* Same over a memory buffer (fuzzing, tests). */
long alias_parse_buffer(const char *buf, size_t len, const char *file,
			const struct alias_parse_ops *ops, void *ctx);
#endif
