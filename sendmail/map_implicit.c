/* map_implicit.c - the implicit map class: the hash database if it can
 * be opened; for alias maps otherwise the text version read into a stab
 * table (with sendmail's warning). Touches: the map's files (read-only). */
#include <errno.h>
#include "map.h"
#include "map_int.h"
#include "err.h"
#include "../libsmutil/poison.h"

static int map_implicit_open(struct map *m, const struct config *cf)
{
	m->flags &= ~(MF_IMPLHASH | MF_IMPLNDBM);
	if (map_hash_open_type(m, 0, 1) == 0) {
		m->flags |= MF_IMPLHASH;
		return 0;
	}
	if (!(m->flags & MF_ALIAS))
		return -1;
	err_message("WARNING: cannot open alias database %s; reading text version",
		    m->file != NULL ? m->file : "");
	return map_stab_open(m, cf);
}

static char *map_implicit_lookup(struct map *m, const char *key, char **av, int *stat,
				 struct lookup_ctx *lc)
{
	if (m->flags & MF_IMPLHASH)
		return map_hash_lookup_db(m, key, stat);
	return map_stab_lookup(m, key, av, stat, lc);
}

static void map_implicit_close(struct map *m)
{
	if (m->flags & MF_IMPLHASH)
		map_hash_close_db(m);
	else
		map_stab_close(m);
}

const struct map_class map_class_implicit = {
	"implicit", MCF_ALIASOK | MCF_REBUILDABLE, NULL,
	map_implicit_open, map_implicit_lookup, map_implicit_close
};
