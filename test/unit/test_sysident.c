/* test_sysident.c - getcanonname() through a private service switch and
 * hosts file (no dependence on the machine's resolver), the address
 * literal forms, and sysident_init's invariants. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "unit.h"
#include "../../sendmail/config.h"
#include "../../sendmail/class.h"
#include "../../sendmail/macro.h"
#include "../../sendmail/options.h"
#include "../../sendmail/sysident.h"

static char dir[64];

static void put(const char *name, const char *text, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
}

static void count(const char *w, void *ctx)
{
	(void)w;
	(*(int *)ctx)++;
}

/* canon(cf, in) -> static result "rc:name". */
static const char *canon(const struct config *cf, const char *in)
{
	static char out[1100];
	char host[1025];
	int st = -1;
	snprintf(host, sizeof host, "%s", in);
	int rc = sysident_canon(cf, host, sizeof host, &st);
	snprintf(out, sizeof out, "%d:%s", rc, host);
	return out;
}

int main(void)
{
	char sw[128], hosts[128], buf[128];
	snprintf(dir, sizeof dir, "/tmp/sitestXXXXXX");
	CHECK(mkdtemp(dir) != NULL, "temp dir");
	put("service.switch", "# comment\naliases files\nhosts files\n", sw, sizeof sw);
	put("hosts", "127.0.0.1 localhost\n"
		     "::1 vm6 vm6alias   # trailing comment\n"
		     "10.0.0.1\tvm vm.example.org vmalias\n"
		     "# 10.0.0.2 hidden\n"
		     "10.0.0.3 Other.Example.Net other\n", hosts, sizeof hosts);
	struct config *cf = config_new();
	option_set(cf, "ServiceSwitchFile", sw, 0);
	option_set(cf, "HostsFile", hosts, 0);
	macro_set(&cf->macros, 'm', "example.org");

	CHECK_STR(canon(cf, "vm"), "1:vm.example.org", "first dotted name wins");
	CHECK_STR(canon(cf, "VMALIAS"), "1:vm.example.org", "alias, case-insensitive");
	CHECK_STR(canon(cf, "vmalias.example.org"), "1:vm.example.org", "local domain stripped for match");
	CHECK_STR(canon(cf, "vm.example.org."), "1:vm.example.org", "trailing dot dropped when found");
	CHECK_STR(canon(cf, "localhost"), "1:localhost.example.org", "undotted name gets $m");
	CHECK_STR(canon(cf, "vm6alias"), "1:vm6.example.org", "first name of the line + $m");
	CHECK_STR(canon(cf, "other"), "1:Other.Example.Net", "case of the file kept");
	CHECK_STR(canon(cf, "hidden"), "0:hidden", "comment lines ignored");
	CHECK_STR(canon(cf, "foo."), "0:foo.", "not found: unchanged");
	CHECK_STR(canon(cf, "vm.elsewhere.com"), "0:vm.elsewhere.com", "foreign domain not stripped");
	char host[8] = "vm";
	int st = 0;
	CHECK(sysident_canon(cf, host, sizeof host, &st) == 0 && strcmp(host, "vm") == 0,
	      "result too long for buffer: unchanged");
	snprintf(host, sizeof host, "nosuch");
	CHECK(sysident_canon(cf, host, sizeof host, &st) == 0 && st == 68, "status 68 not found");

	macro_set(&cf->macros, 'm', NULL);
	CHECK_STR(canon(cf, "vm"), "1:vm.example.org", "dotted result needs no $m");
	CHECK_STR(canon(cf, "VM6ALIAS"), "0:vm6", "no $m: fails but keeps the file's name");
	macro_set(&cf->macros, 'm', "example.org");

	option_set(cf, "HostsFile", "/nonexistent/hosts", 0);
	snprintf(host, sizeof host, "vm");
	CHECK(sysident_canon(cf, host, sizeof host, &st) == 0 && st == 69, "missing hosts file: 69");

	CHECK_STR(sysident_addr_literal(AF_INET, "\x7f\0\0\x01", buf, sizeof buf), "[127.0.0.1]",
		  "IPv4 literal");
	CHECK_STR(sysident_addr_literal(AF_INET6, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", buf, sizeof buf),
		  "[IPv6:0:0:0:0:0:0:0:1]", "IPv6 literal, full form");
	CHECK_STR(sysident_addr_literal(AF_INET6, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\xab\xcd\0\x10", buf, sizeof buf),
		  "[IPv6:2001:db8:0:0:0:0:abcd:10]", "IPv6 literal, no compression");
	config_free(cf);

	cf = config_new();
	option_set(cf, "ServiceSwitchFile", sw, 0);
	option_set(cf, "HostsFile", hosts, 0);
	sysident_init(cf);
	const char *j = macro_get(&cf->macros, 'j'), *w = macro_get(&cf->macros, 'w');
	const char *k = macro_get(&cf->macros, 'k'), *m = macro_get(&cf->macros, 'm');
	CHECK(j != NULL && w != NULL && strcmp(j, w) == 0, "$w = $j before the V line");
	CHECK(j != NULL && class_member(cf->classes, 'w', j), "$j in class w");
	CHECK(k != NULL && class_member(cf->classes, 'k', k) && class_member(cf->classes, 'w', k),
	      "$k in classes k and w");
	const char *dot = j != NULL ? strchr(j, '.') : NULL;
	CHECK(dot != NULL && dot[1] != '\0' ? m != NULL && strcmp(m, dot + 1) == 0 : m == NULL,
	      "$m is the domain part of $j");
	int before = 0, after = 0;
	class_walk(cf->classes, 'w', count, &before);
	option_set(cf, "DontProbeInterfaces", "true", 0);
	sysident_probe(cf);
	class_walk(cf->classes, 'w', count, &after);
	CHECK(before > 0 && after == before, "DontProbeInterfaces=true adds nothing");
	option_set(cf, "DontProbeInterfaces", "false", 0);
	sysident_probe(cf);
	class_walk(cf->classes, 'w', count, &after);
	CHECK(after >= 2 * before, "probe never removes members");
	config_free(cf);

	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK(system(cmd) == 0, "cleanup");
	return unit_done();
}
