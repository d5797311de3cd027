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

/* Join tokens the way cataddr does: no separators except `spacesub`
 * between two adjacent atom tokens (spacesub 0 = nothing inserted). */
void tok_join(struct str *out, char *const *pvp, int spacesub);
/* -bt / debug display: each token preceded by one space, metachars shown as
 * $* $+ ... $=X $&x, other high bytes as M-x, controls as ^X or \n. */
void tok_print(FILE *fp, char *const *pvp);
/* Show one string with sendmail's xputs rules. */
void tok_xputs(FILE *fp, const char *s);
int tok_count(char *const *pvp);
char **tok_copy(struct arena *ar, char *const *pvp, int n); /* n<0 = all */
#endif
