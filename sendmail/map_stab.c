/* map_stab.c - the stab map class: an in-memory table (sendmail's symbol
 * table aliases) filled when an alias text file is read on open, through
 * the map_alias_reader hook that the aliases module sets.
 * Touches: the map's file (opened read-only and handed to the hook). */
#include <errno.h>
#include <string.h>
#include "map.h"
#include "map_int.h"
#include "../libsmutil/htab.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

void (*map_alias_reader)(struct map *m, FILE *fp, const struct config *cf);

void map_stab_store(struct map *m, const char *key, const char *val)
{
	if (m->priv == NULL)
		m->priv = htab_new(64, 1);
	char *old = htab_put(m->priv, key, mem_strdup(val));
	mem_free(old);
}

int map_stab_open(struct map *m, const struct config *cf)
{
	if (m->file == NULL)
		return -1;
	const char *why;
	char whybuf[256];
	if (map_file_check(m->file, &why, whybuf, sizeof whybuf) != 0)
		return -1;
	FILE *fp = fopen(m->file, "r");
	if (fp == NULL)
		return -1;
	if (m->priv == NULL)
		m->priv = htab_new(64, 1);
	if (map_alias_reader != NULL)
		map_alias_reader(m, fp, cf);
	fclose(fp);
	return 0;
}

char *map_stab_lookup(struct map *m, const char *key, char **av, int *stat,
		      struct lookup_ctx *lc)
{
	*stat = MAPS_OK;
	if (m->priv == NULL)
		return NULL;
	const char *v = htab_get(m->priv, key);
	return v != NULL ? mem_strdup(v) : NULL;
}

void map_stab_close(struct map *m)
{
	if (m->priv != NULL)
		htab_free(m->priv, mem_free);
	m->priv = NULL;
}

const struct map_class map_class_stab = {
	"stab", MCF_ALIASOK, NULL, map_stab_open, map_stab_lookup, map_stab_close
};
