/* rewrite_int.h - internals shared by rewrite.c, rewrite_match.c and
 * rewrite_rhs.c (not for other modules). */
#ifndef SM_REWRITE_INT_H
#define SM_REWRITE_INT_H
#include "rewrite.h"

struct rewrite_bind {        /* one LHS wildcard binding */
	int first, last;         /* token indexes in the workspace */
	int pat;                 /* index of the wildcard in the LHS */
};

/* Match lhs against the whole workspace av; fills m[0..*nm-1]. */
int rewrite_match(const struct rw_ctx *ctx, char *const *lhs, char *const *av,
		  struct rewrite_bind *m, int *nm);
/* Build the new workspace npvp (maxatom+1 slots) from rhs; returns EX_OK or
 * an error status (message already printed). */
int rewrite_rhs(struct rw_ctx *ctx, const char *rsname, char *const *rhs,
		char *const *av, const struct rewrite_bind *m, int nm,
		char **npvp, int maxatom);
/* Do the $[ $] / $( $) lookups in npvp in place; *rstat gets TEMPFAIL. */
int rewrite_lookups(struct rw_ctx *ctx, char **npvp, int maxatom, int *rstat);
/* Join tokens [a, b) like cataddr into buf (size sz); spacesub 0 = none. */
void rewrite_cat(const struct rw_ctx *ctx, char *const *v, int a, int b,
		 char *buf, size_t sz, int spacesub);
int rewrite_casecmp(const char *a, const char *b);
int rewrite_ncasecmp(const char *a, const char *b, size_t n);
/* Resolve a $> target name to a ruleset number (-1 unknown). */
int rewrite_rsnum(const struct config *cf, const char *name);
#endif
