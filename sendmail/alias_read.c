/* alias_read.c - the text reader behind stab (and implicit-without-db)
 * alias maps: installed as map.h's map_alias_reader hook by alias_init;
 * every entry is resolved like newaliases does and stored with
 * map_stab_store (later definitions replace earlier ones); the summary
 * line is a verbose message, as the reference prints it.
 * Touches: the open stream it is given (read-only), err.h output. */
#include <string.h>
#include "alias.h"
#include "config.h"
#include "map.h"
#include "err.h"
#include "../libsmutil/poison.h"

struct alias_read {
	struct alias_resolver res;
	struct map *m;
	long naliases, longest, bytes;
};

static int alias_read_entry(void *ctx, struct alias_parse_entry *e)
{
	struct alias_read *rd = ctx;
	char *key, *paddr;
	if (alias_resolve(&rd->res, e, &key, &paddr) == 0) {
		long rl = (long)strlen(e->rhs);
		map_stab_store(rd->m, key, e->rhs);
		rd->naliases++;
		if (rl > rd->longest)
			rd->longest = rl;
		rd->bytes += (long)strlen(key) + rl;
	}
	alias_resolver_reset(&rd->res);
	return 0;
}

/* map_alias_reader: the config is only read (the resolver's rewriting
 * context needs a non-const pointer, as every rw_ctx user does). */
static void alias_read_text(struct map *m, FILE *fp, const struct config *cf)
{
	struct alias_read rd;
	static const struct alias_parse_ops ops = { alias_read_entry, alias_parse_error };
	memset(&rd, 0, sizeof rd);
	rd.m = m;
	alias_resolver_init(&rd.res, (struct config *)(unsigned long)cf);
	(void)alias_parse_stream(fp, m->file != NULL ? m->file : "", &ops, &rd);
	alias_resolver_free(&rd.res);
	/* like the reference's readaliases: the summary (verbose), and the
	 * address context is gone afterwards */
	err_set_file(NULL, 0);
	err_set_addr(NULL);
	err_message("%s: %ld aliases, longest %ld bytes, %ld bytes total",
		    m->file != NULL ? m->file : "", rd.naliases, rd.longest, rd.bytes);
	err_set_addr(NULL);
}

void alias_init(void)
{
	map_alias_reader = alias_read_text;
}
