/* test_hoststat.c - host status path mapping, record read/write, the tree
 * walk (host names rebuilt from paths), purge and texts. Writes only
 * test/out/unit-hoststat. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <utime.h>
#include "unit.h"
#include "../../libsmutil/hoststat.h"
#include "../../libsmutil/poison.h"

#define D "test/out/unit-hoststat"

static void t_path(void)
{
	struct str p;
	str_init(&p, 0);
	CHECK(hoststat_path("/hs", "Mail.Example.COM", &p) == 0, "path ok");
	CHECK_STR(p.s, "/hs/com./example./mail", "path reversed, lower-cased");
	CHECK(hoststat_path("/hs", "localhost.", &p) == 0 && strcmp(p.s, "/hs/localhost") == 0, "path trailing dot");
	CHECK(hoststat_path("d", "[192.0.2.7]", &p) == 0 && strcmp(p.s, "d/7./2./0./192") == 0, "path ip literal");
	CHECK(hoststat_path("d", "[300.1.1.1]", &p) < 0, "path bad literal");
	CHECK(hoststat_path("d", "a..b", &p) < 0, "path dotdot");
	CHECK(hoststat_path("d", "", &p) < 0, "path empty");
	CHECK(hoststat_path("d", "a/b.c", &p) == 0 && strcmp(p.s, "d/c./a:b") == 0, "path slash to colon");
	str_free(&p);
}

static int t_line;
static int t_badvers;
static void t_badver(int v, void *ctx) { (void)ctx; t_badvers += v; }

static void t_read(void)
{
	FILE *fp = tmpfile();
	fputs("V0\nE99999999999\nH2\nS75\nD4.4.1\nR421 first\nR421 second\nU1700000000\n.\nX\n", fp);
	rewind(fp);
	struct hoststat_rec r;
	struct hoststat_rd rd = { &t_line, t_badver, NULL };
	t_line = 42;
	CHECK(hoststat_read(fp, &r, &rd) == 0, "read ok");
	CHECK(r.err == -6145, "E kept as a short like the reference");
	CHECK(r.herr == 2 && r.exitstat == 75 && r.lastuse == 1700000000L, "read H S U");
	CHECK_STR(r.rstatus, "421 second", "last R wins");
	CHECK_STR(r.dstatus, "4.4.1", "read D");
	CHECK(t_line == 9, "line number left at the dot line");
	hoststat_rec_free(&r);
	fclose(fp);
	fp = tmpfile();
	fputs("V1\nE5\nbad\n", fp);
	rewind(fp);
	t_line = 7;
	CHECK(hoststat_read(fp, &r, &rd) < 0 && t_line == 7 && t_badvers == 1, "bad line restores line, version reported");
	hoststat_rec_free(&r);
	fclose(fp);
	fp = tmpfile();
	CHECK(hoststat_read(fp, &r, &rd) < 0, "empty file unreadable");
	fputs("V0\nE3\n", fp);
	rewind(fp);
	CHECK(hoststat_read(fp, &r, &rd) == 0 && r.err == 3, "EOF without dot is fine");
	fclose(fp);
}

static char t_seen[1024];
static int t_collect(const char *path, const char *host, void *ctx)
{
	(void)path; (void)ctx;
	if (host != NULL) {
		strncat(t_seen, host, sizeof t_seen - strlen(t_seen) - 2);
		strncat(t_seen, ";", sizeof t_seen - strlen(t_seen) - 1);
	}
	return 0;
}
static void t_store_and_walk_cb_reset(void) { t_seen[0] = '\0'; }

static void t_store_walk_purge(void)
{
	struct hoststat_rec r = { 111, 0, 75, NULL, "421 4.4.1 refused", 1700000000L };
	struct str p;
	str_init(&p, 0);
	hoststat_path(D "/hs", "mx.Example.org", &p);
	CHECK(hoststat_store(p.s, &r, 0600) == 0, "store creates dirs");
	FILE *fp = fopen(D "/hs/org./example./mx", "r");
	char buf[256] = "";
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
	buf[n] = '\0';
	CHECK_STR(buf, "V0\nE111\nH0\nS75\nR421 4.4.1 refused\nU1700000000\n.\n", "stored format");
	int fd = fp ? fileno(fp) : -1;
	CHECK(fd >= 0 && !hoststat_is_locked(fd), "not locked");
	int fd2 = open(D "/hs/org./example./mx", O_RDONLY);
	CHECK(fd2 >= 0 && hoststat_lock(fd2, 1, 1) == 0 && hoststat_is_locked(fd), "flock seen as locked");
	close(fd2);
	if (fp) fclose(fp);
	hoststat_path(D "/hs", "a.b.c.example.org", &p);
	hoststat_store(p.s, &r, 0600);
	t_store_and_walk_cb_reset();
	hoststat_traverse(D "/hs", t_collect, NULL, 0);
	CHECK(strstr(t_seen, "mx.example.org;") && strstr(t_seen, "a.b.c.example.org;"), "walk rebuilds host names");
	/* purge: the old file goes, the directory stays (its mtime changed) */
	struct utimbuf old = { 1000, 1000 };
	utime(D "/hs/org./example./mx", &old);
	CHECK(hoststat_purge_entry(D "/hs/org./example./mx", "mx.example.org", 1800, time(NULL)) == 0, "purge old file");
	CHECK(access(D "/hs/org./example./mx", F_OK) < 0, "old file removed");
	CHECK(hoststat_purge_entry(p.s, "a", 1800, time(NULL)) == 1, "young file kept");
	mkdir(D "/hs/empty.", 0755);
	utime(D "/hs/empty.", &old);
	CHECK(hoststat_purge_entry(D "/hs/empty.", NULL, 1800, time(NULL)) == 0, "old empty label dir removed");
	CHECK(hoststat_purge_entry(D "/hs", NULL, 0, time(NULL) + 10) == 1, "top dir never removed");
	str_free(&p);
}

static void t_text(void)
{
	char b[128];
	CHECK_STR(hoststat_errstring(111, b, sizeof b), "Connection refused", "errno text");
	CHECK_STR(hoststat_errstring(261, b, sizeof b), "World writable directory", "pseudo errno");
	CHECK_STR(hoststat_errstring(277, b, sizeof b), "Name server: host not found", "dns errno");
	CHECK_STR(hoststat_errstring(356, b, sizeof b), "Success", "ldap range");
	CHECK_STR(hoststat_errstring(330, b, sizeof b), "Unknown API error", "ldap api range");
	CHECK_STR(hoststat_errstring(5000, b, sizeof b), "Unknown (extension) error", "ldap ext range");
	CHECK_STR(hoststat_errstring(300, b, sizeof b), "Unknown error 300", "plain unknown");
	CHECK_STR(hoststat_sysexit_text(68), "5.1.2 Host unknown", "sysexits text");
	CHECK(hoststat_sysexit_text(79) == NULL, "sysexits unknown");
}

int main(void)
{
	if (system("rm -rf " D " && mkdir -p " D) != 0)
		return 2;
	t_path();
	t_read();
	t_store_walk_purge();
	t_text();
	return unit_done();
}
