/* test_alias_build.c - unit tests for sendmail/alias_build (newaliases)
 * on a tiny hand-written cf: keys resolved through ruleset 0 and
 * lower-cased (not with F=u), F=A required, key\0 => value\0 plus the
 * "@" sentinel, duplicates (last wins), the summary counts, and the
 * atomic replace (a reader of the old database keeps working). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "../../sendmail/alias.h"
#include "../../sendmail/config.h"
#include "../../sendmail/err.h"
#include "../../sendmail/map.h"
#include "../../libsmutil/db.h"
#include "../../libsmutil/poison.h"

static char dir[256];

static void put_file(const char *name, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *fp = fopen(p, "w");
	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

/* value of key (with NUL) in the db, "" if absent */
static const char *get(struct db_map *d, const char *key, char *buf, size_t n)
{
	const void *v;
	size_t vl;
	buf[0] = '\0';
	if (d != NULL && db_map_get(d, key, strlen(key) + 1, &v, &vl) == 0 && vl <= n)
		memcpy(buf, v, vl);
	return buf;
}

static struct config *load_cf(const char *mflags)
{
	char cf[1024], path[512];
	snprintf(cf, sizeof cf,
		 "V10\nO AliasFile=%s/aliases\nO AliasWait=0\nDjvm.example.com\n"
		 "Mlocal, P=/bin/true, F=l%s, A=x\nMsmtp, P=[IPC], F=m, A=x\n"
		 "S0\nR$+ @ $+\t$#smtp $@ $2 $: $1\nR$+\t$#local $: $1\n", dir, mflags);
	put_file("t.cf", cf);
	snprintf(path, sizeof path, "%s/t.cf", dir);
	return readcf(path, 'i', NULL);
}

int main(void)
{
	char buf[256], db[512], out[512];
	snprintf(dir, sizeof dir, "/tmp/test_alias_build.%d", (int)getpid());
	mkdir(dir, 0755);
	snprintf(db, sizeof db, "%s/aliases.db", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	put_file("aliases", "# test\nMAILER-DAEMON: postmaster\nRoot: a, b,\n\tc\n"
		 "far@else.where: x\ndup: 1\nDUP: 2\nnocolon\n");
	FILE *o = fopen(out, "w+");
	err_set_output(o, 1);
	struct config *cf = load_cf("A");
	CHECK(cf != NULL, "cf read");
	if (cf == NULL)
		return unit_done();
	int rc = alias_newaliases(cf);
	CHECK(rc == 70, "exit status 70 after syserr-class errors");
	int err = 0;
	struct db_map *d = db_map_open(db, DB_MAP_HASH, &err);
	CHECK(d != NULL, "db created");
	CHECK_STR(get(d, "mailer-daemon", buf, sizeof buf), "postmaster", "key lower-cased");
	CHECK_STR(get(d, "root", buf, sizeof buf), "a, b,\tc", "continuation kept");
	CHECK_STR(get(d, "dup", buf, sizeof buf), "2", "duplicate: last wins");
	CHECK_STR(get(d, "@", buf, sizeof buf), "@", "sentinel");
	CHECK_STR(get(d, "far", buf, sizeof buf), "", "non-local not stored");
	/* rebuild with new content while d (the old file) is still open */
	put_file("aliases", "new: value\n");
	rc = alias_newaliases(cf);
	CHECK(rc == 70, "exit status is cumulative (err.c)");
	CHECK_STR(get(d, "root", buf, sizeof buf), "a, b,\tc", "old reader still works");
	db_map_abort(d);
	d = db_map_open(db, DB_MAP_HASH, &err);
	CHECK_STR(get(d, "new", buf, sizeof buf), "value", "new db in place");
	CHECK_STR(get(d, "root", buf, sizeof buf), "", "old keys gone");
	db_map_abort(d);
	fflush(o);
	rewind(o);
	char all[4096];
	size_t n = fread(all, 1, sizeof all - 1, o);
	all[n] = '\0';
	CHECK(strstr(all, "line 5: far@else.where... cannot alias non-local names\n") != NULL,
	      "cannot alias non-local names");
	CHECK(strstr(all, "line 7: DUP... Warning: duplicate alias name dup\n") != NULL,
	      "duplicate warning");
	CHECK(strstr(all, "line 8: missing colon\n") != NULL, "missing colon");
	CHECK(strstr(all, "/aliases: 4 aliases, longest 10 bytes, 42 bytes total\n") != NULL,
	      "summary line");
	CHECK(strstr(all, "/aliases: 1 aliases, longest 5 bytes, 8 bytes total\n") != NULL,
	      "second summary");
	fclose(o);
	config_free(cf);
	/* F=u keeps case (postmaster still folded) */
	put_file("aliases", "MiXed: x\nPostMaster: y\n");
	o = fopen(out, "w");
	err_set_output(o, 1);
	cf = load_cf("Au");
	if (cf != NULL) {
		(void)alias_newaliases(cf);
		d = db_map_open(db, DB_MAP_HASH, &err);
		CHECK_STR(get(d, "MiXed", buf, sizeof buf), "x", "F=u keeps case");
		CHECK_STR(get(d, "postmaster", buf, sizeof buf), "y", "postmaster always lower");
		db_map_abort(d);
		config_free(cf);
	}
	fclose(o);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return unit_done();
}
