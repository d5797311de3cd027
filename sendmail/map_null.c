/* map_null.c - the "null" map class: never matches (status EX_NOTFOUND,
 * 68, as sendmail's null_map_lookup).  Pure. */
#include <stddef.h>
#include "mapclass.h"
#include "../libsmutil/poison.h"

static int nullmap_parse(struct map *m, const char *args)
{
	return mapclass_flags(m, args, NULL, NULL) ? 0 : -1;
}

static int nullmap_open(struct map *m, const struct config *cf)
{
	return 0;
}

static char *nullmap_lookup(struct map *m, const char *key, char **av,
			    int *stat, struct lookup_ctx *lc)
{
	*stat = MAPCLASS_EX_NOHOST;
	return NULL;
}

const struct map_class map_class_null = {
	"null", MCF_ALIASOK | MCF_OPTFILE | MCF_RAWKEY | MCF_NOREWRITE,
	nullmap_parse, nullmap_open, nullmap_lookup, NULL
};
