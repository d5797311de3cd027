/* test_safefile.c - sendmail-style safety checks in a private temp tree
 * (writable directories in the path, links, file type, writable files,
 * access for a non-root uid) and the atomic write helper. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "../../libsmutil/safefile.h"

static char base[64], warned[1024];
static void warn(const char *t)
{
	strncat(warned, t, sizeof warned - strlen(warned) - 2);
	strncat(warned, "|", sizeof warned - strlen(warned) - 1);
}

static const char *mk(const char *rel, int mode, int dir)
{
	static char p[8][256];
	static int k;
	char *s = p[k++ % 8];
	snprintf(s, 256, "%s/%s", base, rel);
	if (dir) {
		mkdir(s, 0700);
	} else {
		FILE *fp = fopen(s, "w");
		fputs("data\n", fp);
		fclose(fp);
	}
	chmod(s, (mode_t)mode);
	return s;
}

int main(void)
{
	char wb[128];
	const char *why = NULL;
	long T = SFF_TRUSTSTICKY;   /* so a sticky /tmp does not matter */
	snprintf(base, sizeof base, "/tmp/sftestXXXXXX");
	CHECK(mkdtemp(base) != NULL, "temp dir");
	chmod(base, 0755);
	const char *f = mk("f", 0644, 0);
	mk("ww", 0777, 1);
	mk("gw", 0775, 1);
	const char *wwf = mk("ww/f", 0644, 0);
	const char *gwf = mk("gw/f", 0644, 0);
	const char *w666 = mk("w666", 0666, 0);
	const char *g664 = mk("g664", 0664, 0);
	const char *priv = mk("priv", 0600, 0);

	CHECK(safefile_check(f, 0, 0, SFF_REGONLY | SFF_SAFEDIRPATH | T, 0, &why, wb, sizeof wb) == 0,
	      "plain file in safe path");
	CHECK(safefile_check(wwf, 0, 0, SFF_SAFEDIRPATH | T, 0, &why, wb, sizeof wb) == E_SM_WWDIR,
	      "world writable dir in path");
	CHECK_STR(why, "World writable directory", "reason text WW dir");
	CHECK(safefile_check(gwf, 0, 0, SFF_SAFEDIRPATH | T, 0, &why, wb, sizeof wb) == E_SM_GWDIR,
	      "group writable dir in path");
	CHECK_STR(why, "Group writable directory", "reason text GW dir");
	CHECK(safefile_check(gwf, 0, 0, SFF_SAFEDIRPATH | SFF_GWDIRPATHSAFE | T, 0, &why, wb, sizeof wb) == 0,
	      "GroupWritableDirPathSafe");
	CHECK(safefile_check(wwf, 12345, 0, SFF_SAFEDIRPATH | T, 0, &why, wb, sizeof wb) == 0,
	      "path not checked for non-root");
	CHECK(safefile_check(wwf, 0, 0, SFF_SAFEDIRPATH | SFF_NOPATHCHECK | T, 0, &why, wb, sizeof wb) == 0,
	      "NOPATHCHECK");

	safefile_set_warn(warn);
	CHECK(safefile_check(wwf, 0, 0, SFF_NOWLINK | T, 0, &why, wb, sizeof wb) == 0,
	      "without SAFEDIRPATH only a warning");
	char want[512];
	snprintf(want, sizeof want, "WARNING: World writable directory %s/ww|", base);
	CHECK_STR(warned, want, "warning text");
	safefile_set_warn(NULL);

	CHECK(safefile_check(base, 0, 0, SFF_REGONLY | T, 0, &why, wb, sizeof wb) == E_SM_REGONLY,
	      "directory refused");
	CHECK_STR(why, "Regular files only", "reason REGONLY");
	CHECK(safefile_check(base, 0, 0, SFF_REGONLY | SFF_ANYFILE | T, 0, &why, wb, sizeof wb) == 0,
	      "ANYFILE");
	snprintf(want, sizeof want, "%s/none", base);
	CHECK(safefile_check(want, 0, 0, T, 0, &why, wb, sizeof wb) == ENOENT, "missing file");
	CHECK(safefile_check(want, 0, 0, SFF_CREAT | T, 0, &why, wb, sizeof wb) == 0, "missing ok with CREAT");
	CHECK(safefile_check(w666, 0, 0, T, 0, &why, wb, sizeof wb) == 0, "WW file ok by default");
	CHECK(safefile_check(w666, 0, 0, SFF_NOWWFILES | T, 0, &why, wb, sizeof wb) == E_SM_WWFILE,
	      "WW file refused");
	CHECK_STR(why, "World writable file", "reason WW file");
	CHECK(safefile_check(g664, 0, 0, SFF_NOGWFILES | T, 0, &why, wb, sizeof wb) == E_SM_GWFILE,
	      "GW file refused");
	CHECK_STR(why, "Group writable file", "reason GW file");

	snprintf(want, sizeof want, "%s/link", base);
	CHECK(symlink(f, want) == 0, "make symlink");
	CHECK(safefile_check(want, 0, 0, T, 0, &why, wb, sizeof wb) == 0, "symlink followed");
	CHECK(safefile_check(want, 0, 0, SFF_NOSLINK | T, 0, &why, wb, sizeof wb) == E_SM_NOSLINK,
	      "symlink refused");
	CHECK_STR(why, "Symbolic links not allowed", "reason symlink");

	if (geteuid() == 0 && chown(priv, 0, 0) == 0) {
		CHECK(safefile_check(priv, 12345, 12345, SFF_NOPATHCHECK, S_IRUSR, &why, wb, sizeof wb) == EACCES,
		      "unreadable for another uid");
		CHECK(safefile_check(priv, 12345, 12345, SFF_NOPATHCHECK | SFF_ROOTOK, S_IRUSR, &why, wb, sizeof wb) == 0,
		      "ROOTOK");
		CHECK(safefile_check(f, 12345, 12345, SFF_NOPATHCHECK, S_IRUSR, &why, wb, sizeof wb) == 0,
		      "world readable for another uid");
	}
	FILE *fp = safefile_fopen(f, SFF_REGONLY | SFF_NOPATHCHECK, &why, wb, sizeof wb);
	CHECK(fp != NULL, "fopen safe file");
	if (fp) fclose(fp);
	CHECK(safefile_fopen(base, SFF_REGONLY | SFF_NOPATHCHECK, &why, wb, sizeof wb) == NULL &&
	      errno == E_SM_REGONLY, "fopen refuses directory");

	snprintf(want, sizeof want, "%s/atomic", base);
	const char *err = NULL;
	CHECK(safefile_write_atomic(want, "v1\n", 3, 0640, &err) == 0, "atomic write");
	CHECK(safefile_write_atomic(want, "version2\n", 9, 0640, &err) == 0, "atomic replace");
	char buf[32] = "";
	fp = fopen(want, "r");
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
	buf[n] = '\0';
	if (fp) fclose(fp);
	CHECK_STR(buf, "version2\n", "content replaced");
	struct stat st;
	CHECK(stat(want, &st) == 0 && (st.st_mode & 07777) == 0640, "mode applied");
	int entries = 0;
	DIR *d = opendir(base);
	for (struct dirent *e; d && (e = readdir(d)) != NULL;)
		entries += strncmp(e->d_name, "atomic", 6) == 0;
	if (d) closedir(d);
	CHECK(entries == 1, "no temp file left behind");
	snprintf(want, sizeof want, "%s/nodir/x", base);
	CHECK(safefile_write_atomic(want, "x", 1, 0600, &err) == -1 && err != NULL, "error reported");

	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", base);
	CHECK(system(cmd) == 0, "cleanup");
	return unit_done();
}
