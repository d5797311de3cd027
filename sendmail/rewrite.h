/* rewrite.h - the rewriting engine: a pure function of
 * (config, ruleset, tokens, macros). Trace lines go to ctx->trace_fp
 * ("%-16.16s   input:" / "%-16.16s returns:") when set. */
#ifndef SM_REWRITE_H
#define SM_REWRITE_H
#include <stdio.h>
#include "config.h"
#include "../libsmutil/mem.h"

struct rw_ctx {
	struct config *cf;
	struct macros *mac;       /* runtime macro scope */
	struct arena *ar;         /* token allocations */
	FILE *trace_fp;           /* NULL = no trace */
	const char *trace_prefix; /* "" in -bt, "rewrite: ruleset " for -d21 */
	int depth;                /* recursion depth */
};

/* Rewrite pvp (NULL-terminated, in a buffer of MAXATOM+1 slots) in place
 * through ruleset rs. Returns EX_OK (0), EX_TEMPFAIL, EX_CONFIG or
 * EX_DATAERR. */
int rewrite(struct rw_ctx *ctx, int rs, char **pvp, int bufslots);
/* Run rs on a copy; result allocated in ctx->ar. */
int rewrite_ruleset(struct rw_ctx *ctx, int rs, char **in, char ***out);
#endif
