/* alias.h - the aliases module: newaliases / `sendmail -bi` (rebuilding
 * every AliasFile database), the resolution of alias names to their keys
 * (rulesets 3 and 0, F=A, F=u), the text reader behind stab/implicit
 * alias maps (map_alias_reader), and AliasWait. */
#ifndef SM_ALIAS_H
#define SM_ALIAS_H
#include "rewrite.h"
#include "../libsmutil/alias_parse.h"

struct config;
struct map;

/* Install map_alias_reader (text alias files read into stab maps). Call
 * once at startup, before any alias map is opened; idempotent. */
void alias_init(void);
/* newaliases / -bi: rebuild every rebuildable AliasFile map (Alias0..)
 * in order, printing sendmail's messages and one summary line per file
 * through err.h (the caller sets err_set_output(stdout, 1) first, as for
 * -bt). Installs the reader hook too. Returns the process exit status. */
int alias_newaliases(struct config *cf);
/* Rebuild one alias map (hash, btree or implicit class). 0 done (even
 * with entry errors), -1 not rebuilt (message printed). */
int alias_rebuild(struct config *cf, struct map *m);

/* --- alias_entry.c: one source entry -> key (shared by build and reader) */
struct alias_resolver {
	struct config *cf;
	struct macros mac;
	struct rw_ctx rc;
	int check;                 /* CheckAliases: parse every RHS element */
};
void alias_resolver_init(struct alias_resolver *ar, struct config *cf);
void alias_resolver_free(struct alias_resolver *ar);
/* Resolve e's LHS: prints sendmail's errors ("illegal alias name",
 * "cannot alias non-local names", "missing value for alias", CheckAliases'
 * "bad address") with the file/line context. Returns 0 and sets *key (the
 * key without NUL, in the resolver's arena) and *paddr (the LHS as
 * written), or -1 if the entry is dropped. Call alias_resolver_reset
 * after using the strings. */
int alias_resolve(struct alias_resolver *ar, const struct alias_parse_entry *e,
		  char **key, char **paddr);
void alias_resolver_reset(struct alias_resolver *ar);
/* The message callback for alias_parse_ops (prints via err.h). */
void alias_parse_error(void *ctx, const char *file, int lineno, const char *text);

/* --- alias_wait.c: AliasWait. Wait up to AliasWait seconds for the "@"
 * sentinel of map m's database (sleeping 2, 4, ... 60 s between tries);
 * then warn "alias database <db> out of date" if the source is newer.
 * Returns 1 if the sentinel was found, 0 otherwise. */
int alias_wait(struct config *cf, struct map *m);
/* The database path of an alias map ("<file>.db"), heap string. */
char *alias_db_path(const struct map *m);
#endif
