/* token.h - sendmail's address tokenizer ("prescan") with its three
 * character tables, and token-vector helpers (join, display).
 * Token vectors are NULL-terminated char* arrays; tokens are allocated in
 * the caller's arena. */
#ifndef SM_TOKEN_H
#define SM_TOKEN_H
#include <stdio.h>
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"

enum tok_table {
	TOK_EXTERNAL = 0,   /* addresses: ( ) are comments */
	TOK_INTERNAL = 1,   /* cf files level < 9, map results re-scanned */
	TOK_NOCOMMENT = 2   /* cf files level >= 9, -bt input: ( ) are operators */
};

struct tok_tables;   /* built from OperatorChars; owned by struct config */
struct tok_tables *tok_tables_new(const char *operators);
void tok_tables_free(struct tok_tables *t);

struct prescan_res {
	char **pvp;        /* NULL-terminated vector, or NULL on error/empty */
	const char *end;   /* where scanning stopped (at delim or NUL) */
	int ntok;
};

/* Tokenize addr up to the unquoted, top-level delimiter delim ('\0' for
 * none; ',' for lists). Errors are reported via err_usrerr with sendmail's
 * texts ("553 Unbalanced '\"'", "553 5.1.0 prescan: too many tokens", ...).
 * Returns 0 ok, -1 on fatal error (pvp NULL). ignore_errors suppresses the
 * error messages (used for -bt style internal rescans). */
int prescan(const struct tok_tables *t, enum tok_table which, const char *addr,
	    int delim, struct arena *ar, struct prescan_res *res);
/* prescan with flags: PS_IGNORE = sendmail's "ignore" mode (no repair
 * errors, no messages; used for cf rules and internal rescans). */
#define PS_IGNORE 0x01
int prescan_ex(const struct tok_tables *t, enum tok_table which, const char *addr,
	       int delim, int flags, struct arena *ar, struct prescan_res *res);
/* Is tok an atom token (first char is an atom char of the internal table)? */
int tok_is_atom(const struct tok_tables *t, const char *tok);

/* Join tokens the way cataddr does: no separators except `spacesub`
 * between two adjacent atom tokens (spacesub 0 = nothing inserted).
 * Atoms are judged with the default operator set; tok_join_t uses t's.
 * With external set, META_QUOTE x is output as x (cataddr external form). */
void tok_join(struct str *out, char *const *pvp, int spacesub);
void tok_join_t(struct str *out, const struct tok_tables *t, char *const *pvp,
		int n, int spacesub, int external);
/* -bt / debug display: each token preceded by one space, then LF;
 * metachars shown as $* $+ ... $=X $&x, other high bytes as M-x
 * (M- plus the low 7 bits), \n \r \t as backslash escapes, other control
 * characters (and DEL) print nothing - exactly like sendmail's printav. */
void tok_print(FILE *fp, char *const *pvp);
/* Show one string with sendmail's xputs rules. */
void tok_xputs(FILE *fp, const char *s);
int tok_count(char *const *pvp);
char **tok_copy(struct arena *ar, char *const *pvp, int n); /* n<0 = all */
#endif
