/* alias_build.c - newaliases / `sendmail -bi`: for every rebuildable
 * AliasFile map (hash, btree, implicit) read the source under an
 * exclusive flock, resolve each name to its key, store key\0 => value\0
 * plus the "@\0" => "@\0" sentinel in "<file>.db" (built in a temporary
 * file and renamed over the old one, so readers never see half a
 * database), and print sendmail's summary line.
 * Touches: the alias source files (read, locked), their .db files. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include "alias.h"
#include "config.h"
#include "err.h"
#include "verify.h"
#include "map.h"
#include "options.h"
#include "../libsmutil/db.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

struct alias_build {
	struct alias_resolver res;
	struct map *m;
	struct db_map *db;
	int failed;                /* a database error happened */
	size_t nul;                /* 1: key and value stored with their NUL */
	long naliases, longest, bytes;
	struct str kbuf, vbuf;
};

char *alias_db_path(const struct map *m)
{
	size_t n = strlen(m->file) + 4;
	char *p = mem_alloc(n);
	snprintf(p, n, "%s.db", m->file);
	return p;
}

/* The value to store for a duplicate key under -A: "new,old". */
static void alias_build_append(struct alias_build *ab, const char *rhs)
{
	const void *old;
	size_t olen;
	str_clear(&ab->vbuf);
	str_add(&ab->vbuf, rhs);
	if (db_map_get(ab->db, ab->kbuf.s, ab->kbuf.len + ab->nul, &old, &olen) == 0) {
		str_addc(&ab->vbuf, ',');
		str_addn(&ab->vbuf, old, olen > 0 && ((const char *)old)[olen - 1] == '\0' ? olen - 1 : olen);
	}
}

/* Store one resolved entry, warning about a duplicate key. */
static void alias_build_store(struct alias_build *ab, const struct alias_parse_entry *e,
			      const char *key, const char *paddr)
{
	size_t rl = strlen(e->rhs);
	str_clear(&ab->kbuf);
	str_add(&ab->kbuf, key);
	int r = db_map_put(ab->db, ab->kbuf.s, ab->kbuf.len + ab->nul, e->rhs, rl + ab->nul, 1);
	if (r == 1) {
		err_set_file(e->file, e->lineno);
		err_warning("000 %s... Warning: duplicate alias name %s", paddr, key);
		err_set_file(NULL, 0);
		if (ab->m->flags & MF_APPEND) {
			alias_build_append(ab, e->rhs);
			r = db_map_put(ab->db, ab->kbuf.s, ab->kbuf.len + ab->nul,
				       ab->vbuf.s, ab->vbuf.len + ab->nul, 0);
		} else
			r = db_map_put(ab->db, ab->kbuf.s, ab->kbuf.len + ab->nul, e->rhs, rl + ab->nul, 0);
	}
	if (r < 0 && !ab->failed) {
		ab->failed = 1;
		err_syserr("554 5.3.0 readaliases: db put (%s)", key);
	}
	ab->naliases++;
	if ((long)rl > ab->longest)
		ab->longest = (long)rl;
	ab->bytes += (long)(strlen(key) + rl);
}

static int alias_build_entry(void *ctx, struct alias_parse_entry *e)
{
	struct alias_build *ab = ctx;
	char *key, *paddr;
	if (alias_resolve(&ab->res, e, &key, &paddr) == 0)
		alias_build_store(ab, e, key, paddr);
	alias_resolver_reset(&ab->res);
	return 0;
}

static enum db_map_type alias_build_type(const struct map *m)
{
	if (strcmp(m->cls->name, "btree") == 0)
		return DB_MAP_BTREE;
	return DB_MAP_HASH;
}

/* Was the n-th AliasFile entry given without a class ("/etc/aliases")?
 * Those (implicit) databases store keys and values with their NUL;
 * an explicit class (even "implicit:") stores them only with -N. */
static int alias_build_classless(const struct config *cf, int n)
{
	const char *p = option_str(cf, "AliasFile", NULL);
	int i = 0, res = 1;
	while (p != NULL && *p != '\0') {
		while (isascii((unsigned char)*p) && isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		size_t len = strcspn(p, ",");
		const char *colon = memchr(p, ':', len);
		int classless = colon == NULL || p[0] == '/' ||
				memchr(p, '/', (size_t)(colon - p)) != NULL;
		if (i++ == n) {
			res = classless;
			break;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return res;
}

/* Read the locked source fp into a new database; 0 ok. */
static int alias_build_run(struct config *cf, struct map *m, FILE *fp, int idx)
{
	struct alias_build ab;
	memset(&ab, 0, sizeof ab);
	ab.m = m;
	/* implicit alias maps always store the NUL; hash/btree only with -N */
	ab.nul = (m->flags & MF_INCLNULL) || alias_build_classless(cf, idx) ? 1 : 0;
	char *dbpath = alias_db_path(m);
	int err = 0;
	struct stat ost;     /* an existing database keeps its mode */
	int mode = stat(dbpath, &ost) == 0 ? (int)(ost.st_mode & 07777) : 0640;
	ab.db = db_map_create(dbpath, alias_build_type(m), mode, 0, &err);
	if (ab.db == NULL) {
		errno = err;
		err_syserr("554 5.3.0 cannot create database %s", dbpath);
		mem_free(dbpath);
		return -1;
	}
	alias_resolver_init(&ab.res, cf);
	str_init(&ab.kbuf, 0);
	str_init(&ab.vbuf, 0);
	static const struct alias_parse_ops ops = { alias_build_entry, alias_parse_error };
	long n = alias_parse_stream(fp, m->file, &ops, &ab);
	int rc = 0;
	if (n < 0 || ab.failed || db_map_put(ab.db, "@", 1 + ab.nul, "@", 1 + ab.nul, 0) < 0) {
		if (n < 0)
			err_syserr("554 5.3.0 readaliases: read error on %s", m->file);
		db_map_abort(ab.db);
		rc = -1;
	} else if (db_map_close(ab.db) < 0) {
		err_syserr("554 5.3.0 cannot rename database %s", dbpath);
		rc = -1;
	} else {
		err_warning("000 %s: %ld aliases, longest %ld bytes, %ld bytes total",
			    m->file, ab.naliases, ab.longest, ab.bytes);
	}
	alias_resolver_free(&ab.res);
	str_free(&ab.kbuf);
	str_free(&ab.vbuf);
	mem_free(dbpath);
	return rc;
}

/* Number n of map "Alias<n>" (-1 if m is not one). */
static int alias_build_index(const struct map *m)
{
	if (m->name == NULL || strncmp(m->name, "Alias", 5) != 0 ||
	    !isdigit((unsigned char)m->name[5]))
		return -1;
	return atoi(m->name + 5);
}

/* The source must be a regular file, not group/world writable (unless
 * DontBlameSendmail says so): NULL if fine, else the reason. */
static const char *alias_build_srcunsafe(const struct config *cf, const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return "Regular files only";
	if ((st->st_mode & S_IWGRP) && !options_dbs(cf, "groupwritablealiasfile"))
		return "Group writable file";
	if ((st->st_mode & S_IWOTH) && !options_dbs(cf, "worldwritablealiasfile"))
		return "World writable file";
	return NULL;
}

/* Can the database be created next to the source? A group/world
 * writable directory (with a warning) or one without the owner's write
 * bit refuses it, as in the reference. 0 ok, -1 refused (printed). */
static int alias_build_dirok(const struct config *cf, const struct map *m)
{
	char *dir = mem_strdup(m->file);
	char *sl = strrchr(dir, '/');
	struct stat st;
	int ok = 1;
	if (sl == NULL) {
		mem_free(dir);
		dir = mem_strdup(".");
	} else
		sl[sl == dir ? 1 : 0] = '\0';
	if (stat(dir, &st) == 0) {
		int unsafe = options_dbs(cf, "mapinunsafedirpath");
		if ((st.st_mode & (S_IWGRP | S_IWOTH)) &&
		    !((st.st_mode & S_ISVTX) && options_dbs(cf, "truststickybit"))) {
			/* allowed: the reference warns twice (open and create) */
			for (int i = 0; i < (unsafe ? 2 : 1); i++)
				err_warning("000 WARNING: %s writable directory %s",
					    (st.st_mode & S_IWOTH) ? "World" : "Group", dir);
			ok = unsafe;
		} else if (!(st.st_mode & S_IWUSR))
			ok = 0;
	}
	mem_free(dir);
	if (ok)
		return 0;
	err_warning("000 WARNING: cannot open alias database %s", m->file);
	errno = 0;
	err_syserr("Cannot create database for alias file %s", m->file);
	return -1;
}

int alias_rebuild(struct config *cf, struct map *m)
{
	struct stat st;
	if (m->file == NULL || m->cls == NULL || !(m->cls->cflags & MCF_REBUILDABLE))
		return -1;
	const char *why = NULL;
	FILE *fp = fopen(m->file, "r");
	if (fp != NULL && fstat(fileno(fp), &st) == 0 &&
	    (why = alias_build_srcunsafe(cf, &st)) != NULL) {
		fclose(fp);
		fp = NULL;
	}
	if (fp == NULL) {
		if (why == NULL)
			why = strerror(errno);
		err_warning("000 newaliases: cannot open %s: %s", m->file, why);
		return -1;
	}
	if (alias_build_dirok(cf, m) < 0) {
		fclose(fp);
		return -1;
	}
	if (flock(fileno(fp), LOCK_EX | LOCK_NB) < 0) {
		err_warning("000 Alias file %s is locked (maybe being rebuilt)", m->file);
		fclose(fp);
		return -1;
	}
	int rc = alias_build_run(cf, m, fp, alias_build_index(m));
	fclose(fp);   /* releases the lock */
	return rc;
}

int alias_newaliases(struct config *cf)
{
	char name[32];
	alias_init();
	int st = verify_chdir_queue(cf);
	if (st != 0)
		return st;
	for (int n = 0; ; n++) {
		snprintf(name, sizeof name, "Alias%d", n);
		struct map *m = map_find(cf, name);
		if (m == NULL)
			break;
		(void)alias_rebuild(cf, m);
	}
	fflush(stdout);
	return err_exitstat();
}
