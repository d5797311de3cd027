/* test_db.c - unit tests for libsmutil/db (Berkeley DB hash/btree files):
 * create via temp+rename, put/get with and without trailing NULs,
 * duplicate refusal, walk, append, abort, and open errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "../../libsmutil/db.h"
#include "../../libsmutil/poison.h"

static char dir[256];

static int count_cb(const void *k, size_t kl, const void *v, size_t vl, void *ctx)
{
	(void)k; (void)kl; (void)v; (void)vl;
	(*(int *)ctx)++;
	return 0;
}

static void test_type(enum db_map_type t, const char *tname)
{
	char path[512], name[64];
	snprintf(path, sizeof path, "%s/m_%s.db", dir, tname);
	int err = 0;
	struct db_map *w = db_map_create(path, t, 0640, 0, &err);
	snprintf(name, sizeof name, "%s create", tname);
	CHECK(w != NULL, name);
	if (w == NULL)
		return;
	CHECK(access(path, F_OK) != 0, "target absent until close");
	CHECK(db_map_put(w, "alpha", 5, "one", 3, 1) == 0, "put alpha");
	CHECK(db_map_put(w, "nul", 4, "two", 4, 1) == 0, "put nul key with NUL");
	CHECK(db_map_put(w, "alpha", 5, "dup", 3, 1) == 1, "noover refuses duplicate");
	CHECK(db_map_put(w, "beta", 4, "b", 1, 0) == 0, "put beta");
	CHECK(db_map_put(w, "beta", 4, "B2", 2, 0) == 0, "overwrite beta");
	CHECK(db_map_close(w) == 0, "close renames");
	CHECK(access(path, F_OK) == 0, "target exists after close");
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "mode 0640");

	struct db_map *r = db_map_open(path, t, &err);
	CHECK(r != NULL, "open read-only");
	if (r == NULL)
		return;
	const void *v;
	size_t vl;
	CHECK(db_map_get(r, "alpha", 5, &v, &vl) == 0 && vl == 3 && memcmp(v, "one", 3) == 0,
	      "get alpha");
	CHECK(db_map_get(r, "alpha", 6, &v, &vl) == 1, "alpha with NUL not found");
	CHECK(db_map_get(r, "nul", 4, &v, &vl) == 0 && vl == 4 && ((const char *)v)[3] == '\0',
	      "get key with NUL, value keeps NUL");
	CHECK(db_map_get(r, "nul", 3, &v, &vl) == 1, "NUL key without NUL not found");
	CHECK(db_map_get(r, "beta", 4, &v, &vl) == 0 && vl == 2 && memcmp(v, "B2", 2) == 0,
	      "overwritten value");
	int n = 0;
	CHECK(db_map_walk(r, count_cb, &n) == 0 && n == 3, "walk sees 3 records");
	db_map_abort(r);

	/* append in place */
	w = db_map_create(path, t, 0640, DB_MAP_APPEND, &err);
	CHECK(w != NULL, "append open");
	if (w != NULL) {
		CHECK(db_map_put(w, "gamma", 5, "g", 1, 1) == 0, "append put");
		CHECK(db_map_del(w, "beta", 4) == 0, "delete beta");
		CHECK(db_map_del(w, "nope", 4) == 1, "delete missing");
		CHECK(db_map_close(w) == 0, "append close");
	}
	r = db_map_open(path, t, &err);
	if (r != NULL) {
		CHECK(db_map_get(r, "gamma", 5, &v, &vl) == 0, "appended key present");
		CHECK(db_map_get(r, "alpha", 5, &v, &vl) == 0, "old key kept by append");
		CHECK(db_map_get(r, "beta", 4, &v, &vl) == 1, "deleted key gone");
		db_map_abort(r);
	}
	/* abort leaves the old file alone */
	w = db_map_create(path, t, 0640, 0, &err);
	if (w != NULL) {
		db_map_put(w, "zzz", 3, "z", 1, 0);
		db_map_abort(w);
	}
	r = db_map_open(path, t, &err);
	CHECK(r != NULL && db_map_get(r, "zzz", 3, &v, &vl) == 1 &&
	      db_map_get(r, "alpha", 5, &v, &vl) == 0, "abort keeps old content");
	if (r != NULL)
		db_map_abort(r);
}

int main(void)
{
	snprintf(dir, sizeof dir, "test/out/unit_db.%ld", (long)getpid());
	mkdir("test/out", 0755);
	CHECK(mkdir(dir, 0755) == 0, "mkdir temp dir");
	test_type(DB_MAP_HASH, "hash");
	test_type(DB_MAP_BTREE, "btree");
	CHECK(db_map_typebyname("hash") == DB_MAP_HASH && db_map_typebyname("btree") == DB_MAP_BTREE &&
	      db_map_typebyname("dbm") == 0, "typebyname");

	char path[512];
	int err = 0;
	snprintf(path, sizeof path, "%s/missing.db", dir);
	CHECK(db_map_open(path, DB_MAP_HASH, &err) == NULL && err == ENOENT, "missing => ENOENT");
	snprintf(path, sizeof path, "%s/junk.db", dir);
	FILE *fp = fopen(path, "w");
	if (fp) { fputs("this is not a database\n", fp); fclose(fp); }
	err = 0;
	CHECK(db_map_open(path, DB_MAP_HASH, &err) == NULL && err != 0, "junk file fails");
	CHECK(strncmp(db_map_version(), "5.", 2) == 0, "Berkeley DB 5.x");
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		CHECK(0, "cleanup");
	return unit_done();
}
