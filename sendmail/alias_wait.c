/* alias_wait.c - AliasWait: before aliases are used, wait for the "@"
 * sentinel newaliases stores last (a database being rebuilt by another
 * process lacks it until its rename), sleeping 2, 4, 8 ... 60 seconds up
 * to AliasWait in total; then warn when the source is newer than the db.
 * Touches: the alias db and source (stat, read-only open). */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "alias.h"
#include "config.h"
#include "err.h"
#include "map.h"
#include "options.h"
#include "../libsmutil/db.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* Does the database at path hold the "@" key (with or without NUL)? */
static int alias_wait_has_sentinel(const char *path, enum db_map_type t)
{
	int err = 0;
	struct db_map *d = db_map_open(path, t, &err);
	if (d == NULL)
		return 0;
	const void *v;
	size_t vl;
	int found = db_map_get(d, "@", 2, &v, &vl) == 0 ||
		    db_map_get(d, "@", 1, &v, &vl) == 0;
	db_map_abort(d);
	return found;
}

int alias_wait(struct config *cf, struct map *m)
{
	if (m->file == NULL || m->cls == NULL || !(m->cls->cflags & MCF_REBUILDABLE))
		return 0;
	enum db_map_type t = strcmp(m->cls->name, "btree") == 0 ? DB_MAP_BTREE : DB_MAP_HASH;
	char *path = alias_db_path(m);
	long limit = option_num(cf, "AliasWait", 300), waited = 0, nap = 2;
	int found;
	struct stat src, db;
	/* no database, or one this user cannot read (the reference, run
	 * by an unprivileged user, does not wait for it either) */
	if (stat(path, &db) < 0 || access(path, R_OK) < 0) {
		mem_free(path);
		return 0;
	}
	/* AliasWait=0: no sentinel check at all, only the dates */
	while (!(found = limit <= 0 || alias_wait_has_sentinel(path, t)) && waited < limit) {
		sleep((unsigned)nap);     /* whole naps: 2, 4, 8 ... as the reference */
		waited += nap;
		if (nap < 60)
			nap = nap * 2 > 60 ? 60 : nap * 2;
	}
	/* no sentinel after the wait, or a source newer than the db */
	if (!found || (stat(m->file, &src) == 0 && stat(path, &db) == 0 &&
		       src.st_mtime > db.st_mtime)) {
		errno = 0;
		err_message("Warning: alias database %s out of date", path);
	}
	mem_free(path);
	return found;
}
