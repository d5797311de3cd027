/* mm_cf.h - tiny sendmail.cf scanners for makemap and praliases (they do
 * not link sendmail/ code): TrustedUser, the K line naming a map file,
 * the AliasFile option. */
#ifndef MM_CF_H
#define MM_CF_H
#include <sys/types.h>

/* Scan cf for "O TrustedUser=..." lines (last wins; an unknown user
 * prints "TrustedUser: unknown user X" on stderr and counts as 0).
 * Returns 0 (uid in *uid, 0 when unset) or -1 when cf cannot be opened
 * (errno set). */
int mm_cf_trusted(const char *cf, uid_t *uid);
/* Find the first K line whose last word is mapname (nodb: ignoring a
 * ".db" suffix on either, as for type "CF"); its map class goes to *type
 * (malloc'ed). 1 found, 0 not, -1 open error (errno set). */
int mm_cf_maptype(const char *cf, const char *mapname, int nodb, char **type);
/* Collect every AliasFile value ("O AliasFile=a,b" / "OAa,b") in file
 * order into a malloc'ed array of malloc'ed strings. Returns the count,
 * or -1 on open error (errno set). */
int mm_cf_aliasfiles(const char *cf, char ***specs);
#endif
