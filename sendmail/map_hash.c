/* map_hash.c - the hash and btree map classes (Berkeley DB 5.3 files,
 * ".db" appended), with sendmail's adaptive trailing-NUL key tries.
 * Touches: the map's database file (read-only). */
#include <errno.h>
#include <string.h>
#include "map.h"
#include "map_int.h"
#include "err.h"
#include "../libsmutil/db.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

struct map_hash_priv {
	struct db_map *db;
	char *path;
	int btree;
};

/* File name with ".db" appended unless already there. */
static char *map_hash_path(const char *file)
{
	size_t n = strlen(file);
	struct str p;
	str_init(&p, 0);
	str_add(&p, file);
	if (n < 3 || strcmp(file + n - 3, ".db") != 0)
		str_add(&p, ".db");
	char *r = str_steal(&p);
	str_free(&p);
	return r;
}

int map_hash_open_type(struct map *m, int btree, int quiet)
{
	const char *cname = btree ? "btree" : "hash";
	int loud = !quiet && !(m->flags & MF_OPTIONAL);
	if (m->file == NULL)
		return -1;
	char *path = map_hash_path(m->file);
	const char *why = NULL;
	char whybuf[256];
	int r = map_file_check(path, &why, whybuf, sizeof whybuf);
	if (r != 0) {
		if (loud && r == ENOENT) {
			errno = ENOENT;
			err_syserr("%s map \"%s\": missing map file %s", cname, m->name, path);
		} else if (loud) {
			errno = 0;
			err_syserr("%s map \"%s\": unsafe map file %s: %s", cname, m->name,
				   path, why != NULL ? why : strerror(r));
		}
		mem_free(path);
		return -1;
	}
	int e = 0;
	struct db_map *db = db_map_open(path, btree ? DB_MAP_BTREE : DB_MAP_HASH, &e);
	if (db == NULL) {
		if (loud) {
			errno = e;
			err_syserr("Cannot open %s database %s", cname, path);
		}
		mem_free(path);
		return -1;
	}
	struct map_hash_priv *h = mem_zalloc(sizeof *h);
	h->db = db;
	h->path = path;
	h->btree = btree;
	m->priv = h;
	return 0;
}

#define MAP_HASH_DB_NOTFOUND (-30988)   /* Berkeley DB's DB_NOTFOUND */

/* Fetch one key form; 0 found (value copied to *out), 1 not, -1 error. */
static int map_hash_get(struct map_hash_priv *h, const char *key, size_t klen, char **out)
{
	const void *v;
	size_t vl;
	int r = db_map_get(h->db, key, klen, &v, &vl);
	if (r != 0)
		return r;
	if (vl > 0 && ((const char *)v)[vl - 1] == '\0')
		vl--;
	*out = mem_strndup(v, vl);
	return 0;
}

char *map_hash_lookup_db(struct map *m, const char *key, int *stat)
{
	struct map_hash_priv *h = m->priv;
	char *val = NULL;
	int r = 1;
	size_t klen = strlen(key);
	*stat = MAPS_OK;
	if (h == NULL)
		return NULL;
	if (m->flags & MF_TRY0NULL) {
		r = map_hash_get(h, key, klen, &val);
		if (r == 0)
			m->flags &= ~MF_TRY1NULL;
	}
	if (r != 0 && r != -1 && (m->flags & MF_TRY1NULL)) {
		r = map_hash_get(h, key, klen + 1, &val);
		if (r == 0)
			m->flags &= ~MF_TRY0NULL;
	}
	if (r < 0) {
		*stat = MAPS_TEMPFAIL;
		return NULL;
	}
	/* like the reference, a miss leaves Berkeley DB's DB_NOTFOUND in
	 * errno (seen later as "Unknown error -30988" in syserr texts) */
	errno = r != 0 ? MAP_HASH_DB_NOTFOUND : 0;
	return r == 0 ? val : NULL;
}

void map_hash_close_db(struct map *m)
{
	struct map_hash_priv *h = m->priv;
	if (h == NULL)
		return;
	db_map_abort(h->db);
	mem_free(h->path);
	mem_free(h);
	m->priv = NULL;
}

static int map_hash_open(struct map *m, const struct config *cf)
{
	return map_hash_open_type(m, 0, 0);
}

static int map_btree_open(struct map *m, const struct config *cf)
{
	return map_hash_open_type(m, 1, 0);
}

static char *map_hash_lookup(struct map *m, const char *key, char **av, int *stat,
			     struct lookup_ctx *lc)
{
	return map_hash_lookup_db(m, key, stat);
}

const struct map_class map_class_hash = {
	"hash", MCF_ALIASOK | MCF_REBUILDABLE, NULL,
	map_hash_open, map_hash_lookup, map_hash_close_db
};

const struct map_class map_class_btree = {
	"btree", MCF_ALIASOK | MCF_REBUILDABLE, NULL,
	map_btree_open, map_hash_lookup, map_hash_close_db
};
