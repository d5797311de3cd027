/* map_macro.c - the "macro" map class: $(macro {M} $@ value $) sets the
 * runtime macro M in the lookup context (no $@: undefines it); always
 * returns "".  Touches only lc->mac. */
#include <stddef.h>
#include "mapclass.h"
#include "macro.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static int macromap_parse(struct map *m, const char *args)
{
	return mapclass_flags(m, args, NULL, NULL) ? 0 : -1;
}

static int macromap_open(struct map *m, const struct config *cf)
{
	return 0;
}

/* key = macro name ("x", "{name}" or "name"); value = av[1] (map.h). */
static char *macromap_lookup(struct map *m, const char *key, char **av,
			     int *stat, struct lookup_ctx *lc)
{
	*stat = MAPS_OK;
	int id = macid(key);
	if (id != 0 && lc != NULL && lc->mac != NULL)
		macro_set(lc->mac, id, av != NULL && av[0] != NULL ? av[1] : NULL);
	return mem_strdup("");
}

const struct map_class map_class_macro = {
	"macro", MCF_RAWKEY | MCF_NOREWRITE,
	macromap_parse, macromap_open, macromap_lookup, NULL
};
