/* db.c - key/value files over Berkeley DB 5.3 (hash, btree).
 * Generic layer: touches only the database file it is given and, for
 * writers, a temporary file beside it (renamed into place on close). */
#include <db.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "db.h"
#include "mem.h"
#include "str.h"
#include "poison.h"

struct db_map {
	DB *db;
	int writer;
	char *path;          /* final name */
	char *tmp;           /* temp name (writers without APPEND), else NULL */
	DBT lastval;         /* owned copy of the last value fetched */
};

enum db_map_type db_map_typebyname(const char *name)
{
	if (name == NULL)
		return 0;
	if (strcmp(name, "hash") == 0)
		return DB_MAP_HASH;
	if (strcmp(name, "btree") == 0)
		return DB_MAP_BTREE;
	return 0;
}

static int db_map_isquiet;

void db_map_quiet(int on)
{
	db_map_isquiet = on;
}

static void db_map_noerr(const DB_ENV *env, const char *pfx, const char *msg)
{
	(void)env; (void)pfx; (void)msg;
}

/* Make a handle and the DB object; NULL with *err on failure. */
static struct db_map *db_map_new(const char *path, int *err)
{
	DB *db = NULL;
	int r = db_create(&db, NULL, 0);
	if (r != 0) {
		*err = r > 0 ? r : EIO;
		return NULL;
	}
	/* Berkeley DB's own diagnostics (e.g. "BDB0641 __db_meta_setup: ...
	 * unexpected file type or format") go to stderr, as in sendmail. */
	if (db_map_isquiet)
		db->set_errcall(db, db_map_noerr);
	struct db_map *d = mem_zalloc(sizeof *d);
	d->db = db;
	d->path = mem_strdup(path);
	return d;
}

static void db_map_release(struct db_map *d)
{
	mem_free(d->path);
	mem_free(d->tmp);
	mem_free(d->lastval.data);
	mem_free(d);
}

/* Map a Berkeley DB return code to an errno-like value. */
static int db_map_errno(int r)
{
	if (r > 0)
		return r;
	return EINVAL;   /* DB_OLD_VERSION, DB_RUNRECOVERY, not a db file ... */
}

struct db_map *db_map_open(const char *path, enum db_map_type type, int *err)
{
	int dummy;
	if (err == NULL)
		err = &dummy;
	struct stat st;
	if (stat(path, &st) != 0) {   /* BDB would try to create otherwise */
		*err = errno;
		return NULL;
	}
	struct db_map *d = db_map_new(path, err);
	if (d == NULL)
		return NULL;
	DBTYPE t = type == DB_MAP_BTREE ? DB_BTREE : DB_HASH;
	int r = d->db->open(d->db, NULL, path, NULL, t, DB_RDONLY, 0);
	if (r != 0) {
		d->db->close(d->db, 0);
		db_map_release(d);
		*err = db_map_errno(r);
		return NULL;
	}
	return d;
}

int db_map_get(struct db_map *d, const void *key, size_t klen,
	       const void **val, size_t *vlen)
{
	DBT k, v;
	memset(&k, 0, sizeof k);
	memset(&v, 0, sizeof v);
	k.data = (void *)key;
	k.size = (u_int32_t)klen;
	v.flags = DB_DBT_MALLOC;
	int r = d->db->get(d->db, NULL, &k, &v, 0);
	if (r == DB_NOTFOUND || r == DB_KEYEMPTY)
		return 1;
	if (r != 0) {
		errno = db_map_errno(r);
		return -1;
	}
	free(d->lastval.data);
	d->lastval = v;
	*val = v.data;
	*vlen = v.size;
	return 0;
}

struct db_map *db_map_create(const char *path, enum db_map_type type, int mode,
			     unsigned flags, int *err)
{
	return db_map_create_cache(path, type, mode, flags, 0, err);
}

struct db_map *db_map_create_cache(const char *path, enum db_map_type type,
				   int mode, unsigned flags, size_t cachesize,
				   int *err)
{
	int dummy;
	if (err == NULL)
		err = &dummy;
	struct db_map *d = db_map_new(path, err);
	if (d == NULL)
		return NULL;
	d->writer = 1;
	if (flags & DB_MAP_DUPS)
		d->db->set_flags(d->db, DB_DUP);
	if (cachesize > 0)
		d->db->set_cachesize(d->db, (u_int32_t)(cachesize >> 30),
				     (u_int32_t)(cachesize & ((1u << 30) - 1)), 0);
	const char *target = path;
	u_int32_t oflags = DB_CREATE;
	if (!(flags & DB_MAP_APPEND)) {
		struct str t;
		str_init(&t, 0);
		str_printf(&t, "%s.tmp%ld", path, (long)getpid());
		d->tmp = str_steal(&t);
		str_free(&t);
		(void)unlink(d->tmp);
		target = d->tmp;
		oflags |= DB_EXCL;
	}
	DBTYPE t = type == DB_MAP_BTREE ? DB_BTREE : DB_HASH;
	int r = d->db->open(d->db, NULL, target, NULL, t, oflags, mode);
	if (r != 0) {
		d->db->close(d->db, 0);
		if (d->tmp != NULL)
			(void)unlink(d->tmp);
		db_map_release(d);
		*err = db_map_errno(r);
		return NULL;
	}
	if (d->tmp != NULL)
		(void)chmod(d->tmp, (mode_t)mode);
	return d;
}

int db_map_put(struct db_map *d, const void *key, size_t klen,
	       const void *val, size_t vlen, int noover)
{
	DBT k, v;
	memset(&k, 0, sizeof k);
	memset(&v, 0, sizeof v);
	k.data = (void *)key;
	k.size = (u_int32_t)klen;
	v.data = (void *)val;
	v.size = (u_int32_t)vlen;
	int r = d->db->put(d->db, NULL, &k, &v, noover ? DB_NOOVERWRITE : 0);
	if (r == DB_KEYEXIST)
		return 1;
	if (r != 0) {
		errno = db_map_errno(r);
		return -1;
	}
	return 0;
}

int db_map_del(struct db_map *d, const void *key, size_t klen)
{
	DBT k;
	memset(&k, 0, sizeof k);
	k.data = (void *)key;
	k.size = (u_int32_t)klen;
	int r = d->db->del(d->db, NULL, &k, 0);
	if (r == DB_NOTFOUND)
		return 1;
	if (r != 0) {
		errno = db_map_errno(r);
		return -1;
	}
	return 0;
}

int db_map_sync(struct db_map *d)
{
	int r = d->db->sync(d->db, 0);
	if (r != 0) {
		errno = db_map_errno(r);
		return -1;
	}
	return 0;
}

int db_map_walk(struct db_map *d, int (*fn)(const void *k, size_t kl,
		const void *v, size_t vl, void *ctx), void *ctx)
{
	DBC *c = NULL;
	if (d->db->cursor(d->db, NULL, &c, 0) != 0)
		return -1;
	DBT k, v;
	memset(&k, 0, sizeof k);
	memset(&v, 0, sizeof v);
	int r, rc = 0;
	while ((r = c->get(c, &k, &v, DB_NEXT)) == 0) {
		if (fn(k.data, k.size, v.data, v.size, ctx))
			break;
	}
	if (r != 0 && r != DB_NOTFOUND) {
		errno = db_map_errno(r);
		rc = -1;
	}
	c->close(c);
	return rc;
}

int db_map_fd(struct db_map *d)
{
	int fd = -1;
	if (d->db->fd(d->db, &fd) != 0)
		return -1;
	return fd;
}

/* fsync the directory holding path (best effort). */
static void db_map_syncdir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? mem_strdup(".") :
		mem_strndup(path, slash == path ? 1 : (size_t)(slash - path));
	int fd = open(dir, O_RDONLY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	mem_free(dir);
}

int db_map_close(struct db_map *d)
{
	int rc = 0, saved = 0;
	if (d->writer) {
		if (d->db->sync(d->db, 0) != 0) {
			rc = -1;
			saved = EIO;
		}
		int fd = db_map_fd(d);
		if (rc == 0 && fd >= 0 && fsync(fd) != 0) {
			rc = -1;
			saved = errno;
		}
	}
	if (d->db->close(d->db, 0) != 0 && rc == 0) {
		rc = -1;
		saved = EIO;
	}
	if (d->writer && d->tmp != NULL) {
		if (rc == 0 && rename(d->tmp, d->path) != 0) {
			rc = -1;
			saved = errno;
		}
		if (rc != 0)
			(void)unlink(d->tmp);
		else
			db_map_syncdir(d->path);
	}
	db_map_release(d);
	if (rc != 0)
		errno = saved;
	return rc;
}

void db_map_abort(struct db_map *d)
{
	d->db->close(d->db, DB_NOSYNC);
	if (d->writer && d->tmp != NULL)
		(void)unlink(d->tmp);
	db_map_release(d);
}

const char *db_map_version(void)
{
	static char buf[32];
	int major = 0, minor = 0;
	(void)db_version(&major, &minor, NULL);
	snprintf(buf, sizeof buf, "%d.%d", major, minor);
	return buf;
}
