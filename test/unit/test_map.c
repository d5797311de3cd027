/* test_map.c - unit tests for the map registry and the file-based map
 * classes: K line parsing and its errors, hash/btree maps built with the
 * db API (NUL adaptivity, -f, -m, -a, %n, -N, -O), text maps, open
 * failures (bogus vs optional), the rewrite-path lookup (-T, -t, -q,
 * dequoting), sequence, user, and map_rewrite. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "../../sendmail/map.h"
#include "../../sendmail/config.h"
#include "../../sendmail/err.h"
#include "../../libsmutil/db.h"
#include "../../libsmutil/mem.h"
#include "../../libsmutil/poison.h"

static char dir[512];

static void mkdb(const char *name, enum db_map_type t, int nul)
{
	static const char *const kv[] = { "alpha", "ALPHA value", "beta", "b %1 %0 %2 %%",
		"\"q\"", "quoted", "empty", "", NULL };
	char path[600];
	snprintf(path, sizeof path, "%s/%s.db", dir, name);
	struct db_map *w = db_map_create(path, t, 0640, 0, NULL);
	for (int i = 0; w != NULL && kv[i] != NULL; i += 2)
		db_map_put(w, kv[i], strlen(kv[i]) + (nul ? 1 : 0),
			   kv[i + 1], strlen(kv[i + 1]) + (nul ? 1 : 0), 0);
	if (w != NULL)
		db_map_close(w);
}

/* Parse a K line after replacing "%s" by the temp directory. */
static struct map *K(struct config *cf, const char *tpl)
{
	char line[1024];
	const char *at = strstr(tpl, "%s");
	if (at == NULL)
		snprintf(line, sizeof line, "%s", tpl);
	else
		snprintf(line, sizeof line, "%.*s%s%s", (int)(at - tpl), tpl, dir, at + 2);
	return map_parse_kline(cf, line);
}

/* /map-style lookup: open, class-level lookup; "(nil)" or value + stat. */
static const char *L(struct config *cf, const char *name, const char *key, int *stat)
{
	static char out[512];
	struct map *m = map_find(cf, name);
	struct lookup_ctx lc = { cf, NULL, 0, 0 };
	if (m == NULL || map_open(m, cf) != 0)
		return "(not open)";
	char *v = map_lookup_slash(m, key, stat, &lc);   /* av = { key, NULL } */
	snprintf(out, sizeof out, "%s", v != NULL ? v : "(nil)");
	mem_free(v);
	return out;
}

static void test_kline_errors(struct config *cf)
{
	unit_err_text();
	CHECK(map_parse_kline(cf, "") == NULL, "empty K line");
	CHECK_STR(unit_err_text(), "readcf: config K line: no map name\n", "no map name text");
	map_parse_kline(cf, "bad");
	CHECK_STR(unit_err_text(), "readcf: config K line, map bad: no map class\n", "no map class text");
	map_parse_kline(cf, "bad2 nosuch /x");
	CHECK_STR(unit_err_text(), "readcf: map bad2: class nosuch not available\n", "class not available");
	map_parse_kline(cf, "bad3 dbm /x");
	CHECK_STR(unit_err_text(), "readcf: map bad3: class dbm not available\n", "dbm not in this build");
	struct map *m = K(cf, "bad4 hash -x -r3 %s/foo");
	CHECK_STR(unit_err_text(), "Illegal option x map bad4\nIllegal option r map bad4\n", "illegal options");
	CHECK(m != NULL && (m->flags & MF_VALID), "map with illegal option stays valid");
	m = K(cf, "nf hash -o");
	CHECK_STR(unit_err_text(), "No file name for hash map nf\n", "no file name");
	CHECK(m != NULL && !(m->flags & MF_VALID) && map_open(m, cf) != 0, "no file => not open");
	m = K(cf, "fl hash -N -O -f -m -q -t -D -A -a.X -T.T -S_ -z\\t -k 3 -v4 %s/foo rebuild spec");
	CHECK(m != NULL && (m->flags & (MF_INCLNULL | MF_NOFOLDCASE | MF_MATCHONLY | MF_KEEPQUOTES |
		MF_NODEFER | MF_DEFER | MF_APPEND)) == (MF_INCLNULL | MF_NOFOLDCASE | MF_MATCHONLY |
		MF_KEEPQUOTES | MF_NODEFER | MF_DEFER | MF_APPEND), "generic flags set");
	CHECK(m != NULL && !(m->flags & (MF_TRY0NULL | MF_TRY1NULL)), "-N -O clear both tries");
	CHECK_STR(m ? m->app : NULL, ".X", "-a value");
	CHECK_STR(m ? m->tapp : NULL, ".T", "-T value");
	CHECK_STR(m ? m->keycol : NULL, "3", "-k skips spaces");
	CHECK_STR(m ? m->valcol : NULL, "4", "-v value");
	CHECK(m != NULL && m->spacesub == '_' && m->coldelim == '\t', "-S and -z\\t");
	CHECK_STR(m ? m->rebuild : NULL, "rebuild spec", "rebuild text");
	CHECK(map_find(cf, "FL") == m, "map names are case-insensitive");
	CHECK(map_class_find("HASH") == &map_class_hash, "class names case-insensitive");
	unit_err_text();
}

static void test_hash(struct config *cf)
{
	int st;
	mkdb("foo", DB_MAP_HASH, 0);
	mkdb("foon", DB_MAP_HASH, 1);
	mkdb("bt", DB_MAP_BTREE, 0);
	K(cf, "foo hash %s/foo");
	K(cf, "food hash %s/foo.db");
	K(cf, "foon hash -N %s/foon");
	K(cf, "fooa hash %s/foon");
	K(cf, "fooo hash -O %s/foon");
	K(cf, "foof hash -f %s/foo");
	K(cf, "foom hash -m -a.OK %s/foo");
	K(cf, "bt btree %s/bt");
	K(cf, "btx btree %s/foo");
	CHECK_STR(L(cf, "foo", "alpha", &st), "ALPHA value", "hash lookup");
	CHECK(st == 0, "hash found status 0");
	CHECK_STR(L(cf, "foo", "ALPHA", &st), "ALPHA value", "hash key folded");
	CHECK_STR(L(cf, "food", "alpha", &st), "ALPHA value", ".db not doubled");
	CHECK_STR(L(cf, "foo", "BETA", &st), "b  BETA  %", "%0 is the unfolded key, %1 empty");
	CHECK_STR(L(cf, "foo", "empty", &st), "", "found empty value");
	CHECK_STR(L(cf, "foo", "nope", &st), "(nil)", "hash miss");
	CHECK(st == 0, "hash miss status 0");
	CHECK_STR(L(cf, "foon", "alpha", &st), "ALPHA value", "-N finds NUL keys, strips NUL");
	CHECK_STR(L(cf, "fooa", "alpha", &st), "ALPHA value", "adaptive finds NUL keys");
	struct map *m = map_find(cf, "fooa");
	CHECK(m && !(m->flags & MF_TRY0NULL) && (m->flags & MF_TRY1NULL), "adaptive sticks to NUL");
	CHECK_STR(L(cf, "fooo", "alpha", &st), "(nil)", "-O never tries NUL");
	CHECK_STR(L(cf, "foof", "ALPHA", &st), "(nil)", "-f does not fold");
	CHECK_STR(L(cf, "foof", "alpha", &st), "ALPHA value", "-f exact key");
	CHECK_STR(L(cf, "foom", "ALPHA", &st), "ALPHA.OK", "-m returns key as given plus -a");
	CHECK_STR(L(cf, "foom", "nope", &st), "(nil)", "-m miss");
	CHECK_STR(L(cf, "bt", "alpha", &st), "ALPHA value", "btree lookup");
	unit_err_text();
	int save = dup(2), devnull = open("/dev/null", O_WRONLY);
	dup2(devnull, 2);   /* Berkeley DB's own complaint goes to stderr */
	CHECK_STR(L(cf, "btx", "alpha", &st), "(nil)", "btree over hash file fails");
	dup2(save, 2);
	close(save);
	close(devnull);
	CHECK(st == MAPS_TEMPFAIL, "bogus map tempfails");
	char want[800];
	snprintf(want, sizeof want, "Cannot open btree database %s/foo.db: Invalid argument\n", dir);
	CHECK_STR(unit_err_text(), want, "cannot open database message");
	/* rewrite-path: %1 arguments, dequoting, -q */
	struct lookup_ctx lc = { cf, NULL, 0, 0 };
	char *av[] = { "beta", "one", "two", NULL };   /* av[0] = key (map.h) */
	char *v = map_lookup(map_find(cf, "foo"), "beta", av, &st, &lc);
	CHECK_STR(v, "b one beta two %", "%1 %0 %2 %% substitution");
	mem_free(v);
	av[0] = "\"beta\"";
	v = map_lookup(map_find(cf, "foo"), av[0], av, &st, &lc);
	CHECK_STR(v, "b one beta two %", "%0 is the dequoted key");
	CHECK_STR(av[0], "\"beta\"", "caller's av[0] restored");
	mem_free(v);
	v = map_lookup(map_find(cf, "foo"), "\"q\"", NULL, &st, &lc);
	CHECK(v == NULL, "dequoted key \"q\" -> q misses");
	K(cf, "fooq hash -q %s/foo");
	v = map_lookup(map_find(cf, "fooq"), "\"q\"", NULL, &st, &lc);
	CHECK_STR(v, "quoted", "-q keeps quotes");
	mem_free(v);
}

static void test_missing(struct config *cf)
{
	int st;
	char want[800];
	unit_err_text();
	K(cf, "not hash %s/nonexist");
	K(cf, "opt hash -o %s/nonexist");
	K(cf, "tt hash -T.TEMP %s/nonexist");
	K(cf, "tt2 hash -t -T.TEMP %s/nonexist");
	CHECK_STR(L(cf, "not", "x", &st), "(nil)", "missing hash file");
	CHECK(st == MAPS_TEMPFAIL, "missing non-optional => 75");
	snprintf(want, sizeof want,
		 "hash map \"not\": missing map file %s/nonexist.db: No such file or directory\n", dir);
	CHECK_STR(unit_err_text(), want, "missing map file message");
	CHECK_STR(L(cf, "not", "y", &st), "(nil)", "second lookup");
	CHECK_STR(unit_err_text(), "", "message only once");
	CHECK(map_open(map_find(cf, "opt"), cf) != 0, "optional missing => not open");
	CHECK_STR(unit_err_text(), "", "optional is silent");
	struct lookup_ctx lc = { cf, NULL, 0, 0 };
	char *v = map_lookup(map_find(cf, "tt"), "Key", NULL, &st, &lc);
	CHECK_STR(v, "Key.TEMP", "-T appended on tempfail");
	CHECK(st == MAPS_TEMPFAIL, "tempfail status");
	mem_free(v);
	v = map_lookup(map_find(cf, "tt2"), "k", NULL, &st, &lc);
	CHECK(v != NULL && st == MAPS_OK, "-t: no tempfail status");
	mem_free(v);
	v = map_lookup(map_find(cf, "opt"), "k", NULL, &st, &lc);
	CHECK(v == NULL && st == MAPS_OK, "unopenable optional: not found");
	unit_err_text();
}

static void wfile(const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void test_text(struct config *cf)
{
	int st;
	wfile("tx", "a:b:c\nd:e:f\n:x:y\ne:f:\n#h:i:j\n");
	wfile("tx2", "k1 v1 more\nK2\tv2\n  k3 v3\n");
	K(cf, "tx text -z: -k0 -v2 %s/tx");
	K(cf, "tx2 text %s/tx2");
	K(cf, "tx3 text -v1 %s/tx2");
	K(cf, "tk text -kx %s/tx");
	map_parse_kline(cf, "rel text relative/file");
	CHECK_STR(L(cf, "tx", "A", &st), "c", "text -z -k -v, case-insensitive");
	CHECK_STR(L(cf, "tx", "e", &st), "", "empty last column");
	CHECK_STR(L(cf, "tx", "x", &st), "(nil)", "empty first column never matches");
	CHECK_STR(L(cf, "tx", "#h", &st), "(nil)", "comment lines skipped");
	CHECK(st == 68, "text miss => 68");
	CHECK_STR(L(cf, "tx2", "k2", &st), "K2", "default value column 0");
	CHECK_STR(L(cf, "tx2", "k3", &st), "k3", "leading white space skipped");
	CHECK_STR(L(cf, "tx3", "k1", &st), "v1", "-v1 whitespace columns");
	unit_err_text();
	CHECK_STR(L(cf, "tk", "a", &st), "(nil)", "bad -k");
	char want[800];
	snprintf(want, sizeof want, "text map \"tk\", file %s/tx: -k should specify a number, not x\n", dir);
	CHECK_STR(unit_err_text(), want, "-k number message");
	L(cf, "rel", "a", &st);
	CHECK_STR(unit_err_text(), "text map \"rel\": file name must be fully qualified\n", "relative text file");
}

static void test_sequence_user(struct config *cf)
{
	int st;
	unit_err_text();
	map_parse_kline(cf, "s1 sequence foo, tx nosuch");
	CHECK_STR(unit_err_text(), "Sequence map s1: unknown member map nosuch\n", "unknown member");
	CHECK_STR(L(cf, "s1", "alpha", &st), "ALPHA value", "sequence first member");
	CHECK_STR(L(cf, "s1", "d", &st), "f", "sequence second member");
	CHECK_STR(L(cf, "s1", "zz", &st), "(nil)", "sequence miss");
	CHECK(st == 68, "sequence miss => 68");
	map_parse_kline(cf, "s2 sequence not foo");
	CHECK_STR(L(cf, "s2", "alpha", &st), "ALPHA value", "bogus member skipped");
	CHECK_STR(L(cf, "s2", "zz", &st), "(nil)", "bogus member miss");
	CHECK(st == MAPS_TEMPFAIL, "bogus member => tempfail");
	struct passwd *pw = getpwuid(0);
	if (pw != NULL) {
		char up[64];
		snprintf(up, sizeof up, "%s", pw->pw_name);
		for (char *p = up; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		map_parse_kline(cf, "us user");
		map_parse_kline(cf, "us2 user -vuid");
		map_parse_kline(cf, "us3 user -vfoo");
		CHECK_STR(L(cf, "us", up, &st), pw->pw_name, "user map folds, returns name");
		CHECK_STR(L(cf, "us2", pw->pw_name, &st), "0", "user -vuid");
		CHECK_STR(L(cf, "us", "no-such-user-xyz", &st), "(nil)", "no such user");
		CHECK(st == 67, "no such user => 67");
		unit_err_text();
		L(cf, "us3", "root", &st);
		CHECK_STR(unit_err_text(), "User map us3: unknown column name foo\n", "bad user column");
	}
}

static void test_rewrite(void)
{
	struct map m;
	memset(&m, 0, sizeof m);
	char *av[] = { "K", "A1", NULL };
	char *r = map_rewrite(&m, "x%0y%1z%2%%%q%", av);
	CHECK_STR(r, "xKyA1z%%q%", "map_rewrite: %n = av[n], %% and %x kept");
	mem_free(r);
	m.app = ".app";
	r = map_rewrite(&m, "%1", NULL);
	CHECK_STR(r, "%1.app", "no av: plain copy plus -a");
	mem_free(r);
}

int main(void)
{
	char cwd[256];
	if (getcwd(cwd, sizeof cwd) == NULL)
		return 1;
	mkdir("test/out", 0755);
	snprintf(dir, sizeof dir, "%s/test/out/unit_map.%ld", cwd, (long)getpid());
	CHECK(mkdir(dir, 0755) == 0, "mkdir temp dir");
	unit_err_capture();
	struct config *cf = config_new();
	cf->level = 10;
	test_kline_errors(cf);
	test_hash(cf);
	test_missing(cf);
	test_text(cf);
	test_sequence_user(cf);
	test_rewrite();
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		CHECK(0, "cleanup");
	return unit_done();
}
