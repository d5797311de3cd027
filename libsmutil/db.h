/* db.h - a small key/value database API over Berkeley DB 5.3 (hash and
 * btree files, the formats sendmail and makemap use). Generic layer: it
 * knows nothing about mail; callers decide about trailing NULs and case.
 * Readers open a file read-only; writers build into a temporary file in
 * the same directory and rename it over the target on db_map_close(). */
#ifndef SM_DB_H
#define SM_DB_H
#include <stddef.h>

enum db_map_type { DB_MAP_HASH = 1, DB_MAP_BTREE = 2 };

/* writer flags */
#define DB_MAP_DUPS    0x01   /* allow duplicate keys (hash or btree) */
#define DB_MAP_APPEND  0x02   /* update the existing file in place (no temp) */

struct db_map;

/* Map a type name ("hash", "btree") to a type; 0 if unknown. */
enum db_map_type db_map_typebyname(const char *name);
/* Open path read-only. NULL on failure with *err = errno-like code
 * (ENOENT for a missing file, EINVAL/EFTYPE-ish for a non-db file). */
struct db_map *db_map_open(const char *path, enum db_map_type type, int *err);
/* Fetch key. Returns 0 found (*val points into db-owned memory valid until
 * the next call on this handle, *vlen its size), 1 not found, -1 error. */
int db_map_get(struct db_map *d, const void *key, size_t klen,
	       const void **val, size_t *vlen);
/* Create (truncate) path for writing, mode like 0640. The data goes to
 * "<path>.tmpNNN" until db_map_close. NULL on failure with *err. */
struct db_map *db_map_create(const char *path, enum db_map_type type, int mode,
			     unsigned flags, int *err);
/* db_map_create with a cache size in bytes (0 = Berkeley DB's default;
 * makemap uses 1 MiB like the reference). */
struct db_map *db_map_create_cache(const char *path, enum db_map_type type,
				   int mode, unsigned flags, size_t cachesize,
				   int *err);
/* Store; noover=1 refuses an existing key (returns 1). 0 ok, -1 error. */
int db_map_put(struct db_map *d, const void *key, size_t klen,
	       const void *val, size_t vlen, int noover);
/* Delete key: 0 ok, 1 not found, -1 error. */
int db_map_del(struct db_map *d, const void *key, size_t klen);
int db_map_sync(struct db_map *d);
/* Walk every record in file order; fn returns nonzero to stop.
 * Returns 0, or -1 on a database error. */
int db_map_walk(struct db_map *d, int (*fn)(const void *k, size_t kl,
		const void *v, size_t vl, void *ctx), void *ctx);
/* Close. For writers: flush, fsync, rename the temp file over the target.
 * Returns 0 ok, -1 failure (errno set; the temp file is removed). */
int db_map_close(struct db_map *d);
/* Discard a writer's work (temp file removed) or just close a reader. */
void db_map_abort(struct db_map *d);
int db_map_fd(struct db_map *d);   /* underlying descriptor or -1 */
const char *db_map_version(void);  /* "5.3" style */
/* on=1: Berkeley DB's own diagnostics ("BDB0641 ...") are not printed
 * (makemap, praliases); default 0: they go to stderr as in sendmail. */
void db_map_quiet(int on);
#endif
