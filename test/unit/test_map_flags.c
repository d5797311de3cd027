/* test_map_flags.c - unit tests for the per-class K-line flag tables
 * (map_flag_accepted, "Illegal option" texts), the per-class file
 * requirement, K-line redefinition (fields persist), the syslog and ldap
 * parsers and the errno a lookup leaves.  Expected texts observed with
 * the reference sendmail 8.17.1.9 (probing every class x letter). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "../../sendmail/map.h"
#include "../../sendmail/map_int.h"
#include "../../sendmail/config.h"
#include "../../sendmail/err.h"
#include "../../libsmutil/mem.h"
#include "../../libsmutil/poison.h"


/* The letters (a-zA-Z0-9) class name accepts, as a string. */
static const char *accepted(const char *name)
{
	static const char all[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static char out[sizeof all];
	const struct map_class *c = map_class_find(name);
	size_t n = 0;
	for (const char *p = all; c != NULL && *p; p++)
		if (map_flag_accepted(c, *p))
			out[n++] = *p;
	out[n] = '\0';
	return c != NULL ? out : "(no class)";
}

static void test_tables(void)
{
	static const char *const generic[] = { "hash", "btree", "implicit",
		"text", "stab", "user", "switch", "nis", "nisplus", "bestmx",
		"program", "socket", "null", "userdb", NULL };
	static const char *const anything[] = { "sequence", "host", "dns",
		"arpa", "dequote", "regex", "macro", "arith", NULL };
	for (int i = 0; generic[i]; i++)
		CHECK_STR(accepted(generic[i]), "adfkmoqtvzADNOST", generic[i]);
	for (int i = 0; anything[i]; i++)
		CHECK(strlen(accepted(anything[i])) == 62, anything[i]);
	CHECK_STR(accepted("ldap"), "abcdfhklmnopqrstvwxzADHKMNOPRSTVZ1", "ldap");
	CHECK_STR(accepted("syslog"), "DLS", "syslog");
	CHECK(!map_flag_accepted(&map_class_hash, '\0'), "bare - is illegal");
}

static void test_klines(struct config *cf)
{
	unit_err_text();
	map_parse_kline(cf, "nu null -o -x -s foo");
	CHECK_STR(unit_err_text(), "Illegal option x map nu\nIllegal option s map nu\n", "null flags");
	struct map *m = map_parse_kline(cf, "pr program -x");
	CHECK_STR(unit_err_text(), "Illegal option x map pr\nNo file name for program map pr\n",
		  "program: illegal, then no file");
	CHECK(m != NULL && !(m->flags & MF_VALID), "program without file invalid");
	map_parse_kline(cf, "bm bestmx");
	map_parse_kline(cf, "us user");
	map_parse_kline(cf, "nl null");
	CHECK_STR(unit_err_text(), "", "bestmx user null need no file");
	map_parse_kline(cf, "  foo text");
	CHECK_STR(unit_err_text(), "No file name for text map foo\n", "K with spaces before the name");
	map_parse_kline(cf, "sy syslog -a -z -LLOG_ERR -Lbad -D -S_ -q");
	map_parse_kline(cf, "sy2 syslog -k0 -q");
	map_parse_kline(cf, "sy3 syslog -LLOG_LOCAL0");
	CHECK_STR(unit_err_text(), "Illegal option a map syslog\nIllegal option z map syslog\n"
		  "Illegal option q map syslog\n"
		  "syslog_map_parseargs: Unknown priority bad\n"
		  "Illegal option k map syslog\n"
		  "syslog_map_parseargs: Unknown priority LOCAL0\n", "syslog flags");
}

static void test_redefine(struct config *cf)
{
	struct map *m = map_parse_kline(cf, "rd text -a.Y -m /some/file");
	CHECK(m != NULL && (m->flags & MF_VALID), "first definition");
	struct map *m2 = map_parse_kline(cf, "rd text -z:");
	CHECK(m2 == m, "same entry reused");
	CHECK_STR(unit_err_text(), "", "file kept: no 'No file name'");
	CHECK_STR(m->file, "/some/file", "file persists");
	CHECK_STR(m->app, ".Y", "-a persists");
	CHECK(m->coldelim == ':' && (m->flags & MF_MATCHONLY), "new and old flags");
	m2 = map_parse_kline(cf, "rd program");
	CHECK(m2 == m && m->cls == &map_class_program && (m->flags & MF_VALID),
	      "class changes, file kept");
}

static void test_ldap(struct config *cf)
{
	unit_err_text();
	struct map *m = map_parse_kline(cf, "l1 ldap -s1,2 -s1 -k");
	CHECK_STR(unit_err_text(), "Scope must be [base|one|sub] (not 1,2) in map l1\n", "scope");
	CHECK(m != NULL && !(m->flags & MF_VALID), "first error stops the line");
	map_parse_kline(cf, "l2 ldap -s -k(uid=%0)");
	CHECK_STR(unit_err_text(), "Scope must be [base|one|sub] (not -k(uid=%0)) in map l2\n",
		  "value is the next word");
	map_parse_kline(cf, "l3 ldap -w4 -k(a)");
	map_parse_kline(cf, "l4 ldap -w -k(a)");
	map_parse_kline(cf, "l5 ldap -rx -k(a)");
	map_parse_kline(cf, "l6 ldap -Mfoo -k(a)");
	map_parse_kline(cf, "l7 ldap -e -k(a) -m");
	map_parse_kline(cf, "l8 ldap -d x");
	CHECK_STR(unit_err_text(), "LDAP version 4 exceeds max of 3 in map l3\n"
		  "LDAP version 0 is lower than min of 2 in map l4\n"
		  "Deref must be [never|always|search|find] (not x) in map l5\n"
		  "Method for binding must be [none|simple|krbv4] (not foo) in map l6\n"
		  "Illegal option e map l7\n"
		  "No filter given in map l8\n", "ldap texts");
	m = map_parse_kline(cf, "l9 ldap -sBASE -k(uid=%0) -hldap.example.com");
	CHECK(m != NULL && (m->flags & MF_VALID), "valid ldap map");
	CHECK(map_open(m, cf) == 0 && (m->flags & MF_OPENBOGUS), "open fails: bogus");
	CHECK_STR(unit_err_text(), "ldap_init/ldap_bind failed to ldap.example.com in map l9: "
		  "Resource temporarily unavailable\n", "open failure text (name)");
	m = map_parse_kline(cf, "l10 ldap -k(uid=%0) -h127.0.0.1");
	map_open(m, cf);
	CHECK_STR(unit_err_text(), "ldap_init/ldap_bind failed to 127.0.0.1 in map l10: "
		  "Transport endpoint is not connected\n", "open failure text (address)");
	m = map_parse_kline(cf, "l11 ldap -Mnone -k(uid=%0)");
	map_open(m, cf);
	CHECK_STR(unit_err_text(), "ldap_init/ldap_bind failed to localhost in map l11\n",
		  "no bind: no errno");
}

static void test_errno(struct config *cf)
{
	struct lookup_ctx lc = { cf, NULL, 0, 0 };
	int st;
	char cwd[256], path[400], line[500];
	if (getcwd(cwd, sizeof cwd) == NULL)
		cwd[0] = '\0';
	mkdir("test/out", 0755);
	snprintf(path, sizeof path, "%s/test/out/unit_map_flags.%ld", cwd, (long)getpid());
	FILE *fp = fopen(path, "w");
	if (fp != NULL) {
		fputs("abc\tval\n", fp);
		fclose(fp);
	}
	snprintf(line, sizeof line, "et text %s", path);
	struct map *t = map_parse_kline(cf, line);
	struct map *r = map_parse_kline(cf, "er regex ^a");
	CHECK(map_open(r, cf) == 0, "regex opens");
	errno = 1234;
	mem_free(map_lookup_slash(r, "abc", &st, &lc));
	CHECK(errno == 1234, "regex lookup keeps errno");
	CHECK(map_open(t, cf) == 0 && !(t->flags & MF_OPENBOGUS), "text opens");
	errno = 1234;
	mem_free(map_lookup_slash(t, "zzz", &st, &lc));
	CHECK(errno == 0 && st == 68, "text miss clears errno");
	unlink(path);
	unit_err_text();
}

int main(void)
{
	unit_err_capture();
	struct config *cf = config_new();
	cf->level = 10;
	test_tables();
	test_klines(cf);
	test_redefine(cf);
	test_ldap(cf);
	test_errno(cf);
	map_free_all(cf);
	return unit_done();
}
