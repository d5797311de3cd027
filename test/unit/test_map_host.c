/* test_map_host.c - unit tests for the host map class (map_host.c: status
 * from h_errno, the answer cache shared by all host maps and its "Name
 * server timeout" message, keys without ']', -a) and the dns map's flag
 * parsing (map_dns.c: "-R A" with a space, the "wrong type" message).
 * Uses a temporary hosts file and switch file; no resolver lookups are
 * made (bracketed keys are never addresses): machine-independent. */
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "../../sendmail/config.h"
#include "../../sendmail/err.h"
#include "../../sendmail/macro.h"
#include "../../sendmail/map.h"
#include "../../sendmail/options.h"
#include "../../libsmutil/mem.h"
#include "../../libsmutil/poison.h"

static char dir[512];

static void writefile(const char *name, const char *text, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	if (fp == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, fp);
	fclose(fp);
}

/* host map lookup -> "value|stat" or "NULL|stat". */
static const char *hostlook(struct map *m, struct lookup_ctx *lc, const char *key)
{
	static char out[1200];
	int st = -1;
	char *v = map_lookup_class(m, key, NULL, &st, lc);
	snprintf(out, sizeof out, "%s|%d", v ? v : "NULL", st);
	mem_free(v);
	return out;
}

static void test_names(struct map *m, struct lookup_ctx *lc)
{
	CHECK_STR(hostlook(m, lc, "localhost"), "localhost.localdomain.|0", "first dotted name plus -a");
	CHECK_STR(hostlook(m, lc, "ip6-localhost"), "localhost.example.com.|0", "dotless name gets $m");
	CHECK_STR(hostlook(m, lc, "mail.example"), "mail.example.com.|0", "local domain prefix");
	CHECK_STR(hostlook(m, lc, "nosuchhost"), "NULL|68", "unknown name 68");
	CHECK(h_errno == HOST_NOT_FOUND, "failed name lookup sets HOST_NOT_FOUND");
}

static void test_status(struct map *m, struct lookup_ctx *lc)
{
	h_errno = 0;
	CHECK_STR(hostlook(m, lc, "[no-address]"), "NULL|69", "no address, h_errno 0 => 69");
	CHECK_STR(hostlook(m, lc, "nosuchhost"), "NULL|68", "cached failure");
	CHECK(h_errno == HOST_NOT_FOUND, "cache restores h_errno");
	CHECK_STR(hostlook(m, lc, "[other]"), "NULL|68", "stale h_errno gives the status");
	CHECK_STR(hostlook(m, lc, "[no-address]"), "NULL|69", "answer remembered per key");
	CHECK_STR(hostlook(m, lc, "[1.2.3.4"), "NULL|0", "no ']' => not found, 0");
	h_errno = NO_RECOVERY;
	CHECK_STR(hostlook(m, lc, "[norecovery]"), "NULL|70", "NO_RECOVERY => 70");
}

static void test_timeout(struct map *m, struct map *m2, struct lookup_ctx *lc)
{
	h_errno = TRY_AGAIN;
	(void)unit_err_text();
	CHECK_STR(hostlook(m, lc, "[tempfail]"), "NULL|75", "TRY_AGAIN => 75");
	CHECK_STR(unit_err_text(), "", "no message the first time (no dns in the switch)");
	CHECK_STR(hostlook(m, lc, "[tempfail]"), "NULL|75", "cached tempfail");
	CHECK_STR(unit_err_text(), "[tempfail]: Name server timeout\n", "message on reuse");
	CHECK_STR(hostlook(m, lc, "[TEMPFAIL]"), "NULL|75", "key case matters (fresh lookup)");
	CHECK_STR(unit_err_text(), "", "fresh lookup, no message");
	CHECK_STR(hostlook(m2, lc, "localhost"), "localhost.localdomain<OK>|0", "second map, own -a");
	CHECK_STR(hostlook(m2, lc, "[tempfail]"), "NULL|75", "cache shared by host maps");
	CHECK_STR(unit_err_text(), "[tempfail]: Name server timeout\n", "shared cache message");
	const char *longkey = "[abcdefghijklmnopqrstuvwxyz0123456789]";
	h_errno = TRY_AGAIN;
	(void)hostlook(m, lc, longkey);
	(void)hostlook(m, lc, longkey);
	CHECK_STR(unit_err_text(), "[abcdefghijklmn...wxyz0123456789]: Name server timeout\n",
		  "long key shortened in the message");
}

static void test_dnsparse(struct config *cf)
{
	(void)unit_err_text();
	struct map *m = map_parse_kline(cf, "d1 dns -R A -T<T>");
	CHECK(m != NULL, "dns: -R A with a space accepted");
	CHECK_STR(unit_err_text(), "", "dns: -R A no message");
	CHECK(m != NULL && m->tapp != NULL && strcmp(m->tapp, "<T>") == 0, "dns: flags after -R A parsed");
	(void)map_parse_kline(cf, "d2 dns -Rmx");
	CHECK_STR(unit_err_text(), "", "dns: -Rmx (glued, any case)");
	(void)map_parse_kline(cf, "d3 dns -R foo -T<T>");
	const char *e = unit_err_text();
	CHECK(strstr(e, "dns map d3: wrong type foo -T<T>\n") != NULL, "dns: wrong type shows the rest of the line");
	CHECK(strstr(e, "dns map d3: missing -R type\n") != NULL, "dns: then missing -R type");
	m = map_parse_kline(cf, "d4 dns -RA -a <A> -T<T>");
	(void)unit_err_text();
	CHECK(m != NULL && m->tapp == NULL, "dns: a non-flag word ends the flags");
}

int main(void)
{
	char tmpl[] = "/tmp/test_map_host.XXXXXX";
	char hosts[600], sw[600];
	if (mkdtemp(tmpl) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(dir, sizeof dir, "%s", tmpl);
	writefile("hosts",
		  "127.0.0.1\tlocalhost localhost.localdomain\n"
		  "::1 localhost ip6-localhost\n"
		  "192.0.2.10\tmail.example.com   mail # comment\n", hosts, sizeof hosts);
	writefile("service.switch", "hosts files\naliases files\n", sw, sizeof sw);
	unit_err_capture();
	struct config *cf = config_new();
	option_set(cf, "HostsFile", hosts, 0);
	option_set(cf, "ServiceSwitchFile", sw, 0);
	macro_set(&cf->macros, 'm', "example.com");
	struct lookup_ctx lc;
	memset(&lc, 0, sizeof lc);
	lc.cf = cf;
	struct map *m = map_parse_kline(cf, "hmap host -a.");
	struct map *m2 = map_parse_kline(cf, "hmap2 host -a<OK>");
	CHECK(m != NULL && map_open(m, cf) == 0 && m2 != NULL && map_open(m2, cf) == 0,
	      "host maps defined and open");
	if (m != NULL && m2 != NULL) {
		test_names(m, &lc);
		test_status(m, &lc);
		test_timeout(m, m2, &lc);
	}
	test_dnsparse(cf);
	map_free_all(cf);
	config_free(cf);
	unlink(hosts);
	unlink(sw);
	rmdir(dir);
	return unit_done();
}
