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
/* rewrite_check.c: sendmail's rscap - run the named ruleset (if it
 * exists) on p1 [$| p2] scanned with the internal table; *out = the
 * result vector. Returns 69 (EX_UNAVAILABLE) if there is no such
 * ruleset, 65 if the input did not scan, else rewrite's status. */
int rewrite_rscap(struct rw_ctx *ctx, const char *rsname, const char *p1,
		  const char *p2, char ***out);
/* sendmail's rscheck: run a check ruleset; a $#error result is turned
 * into its message (buildaddr) and status (setstat). errno is cleared.
 * Returns the failure status or 0. */
#define RSF_RMCOMM       0x01  /* strip comments (scan with the internal table) */
#define RSF_UNSTRUCTURED 0x02  /* unstructured header value */
#define RSF_COUNT        0x04
int rewrite_rscheck(struct rw_ctx *ctx, const char *rsname, const char *p1,
		    const char *p2, int flags);
#endif
