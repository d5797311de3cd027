/* safefile.c - sendmail-style file safety checks (owner, links, group/world
 * writable files and directory paths) and atomic whole-file writes.
 * Generic layer: touches only the files it is asked about. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "safefile.h"
#include "str.h"
#include "mem.h"
#include "poison.h"

const char *safefile_strerror(int e)
{
	static const char *const t[] = {
		NULL, NULL, "Symbolic links not allowed", "Hard links not allowed",
		"Regular files only", "Executable files not allowed",
		"World writable directory", "Group writable directory",
		"File changed after open", "World writable file",
		"Group writable file", "Group readable file", "World readable file",
	};
	if (e > E_SM_BASE && e - E_SM_BASE < (int)(sizeof t / sizeof t[0]) && t[e - E_SM_BASE])
		return t[e - E_SM_BASE];
	return strerror(e);
}

/* Check every directory leading to path (not the file itself). */
static int safefile_dirpath(const char *path, long sff)
{
	char dir[PATH_MAX];
	size_t n = strlen(path);
	if (n >= sizeof dir)
		return ENAMETOOLONG;
	memcpy(dir, path, n + 1);
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		return 0;
	*(slash == dir ? slash + 1 : slash) = '\0';
	for (char *p = dir;;) {
		char save = 0, *next = strchr(p + (p == dir && *p == '/'), '/');
		if (next != NULL) { save = next[1]; next[1] = '\0'; }
		struct stat st;
		if (stat(dir, &st) < 0)
			return errno;
		if (next != NULL) next[1] = save;
		if ((st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX) && (sff & SFF_SAFEDIRPATH))
			return E_SM_WWDIR;
		if ((st.st_mode & S_IWGRP) && (sff & SFF_NOGWDIRS))
			return E_SM_GWDIR;
		if (next == NULL)
			break;
		p = next + 1;
		if (*p == '\0')
			break;
	}
	return 0;
}

int safefile_check(const char *path, uid_t uid, gid_t gid, long sff, int mode,
		   const char **why, char *whybuf, size_t whysz)
{
	struct stat st;
	int e = 0;
	(void)gid; (void)mode;
	if (!(sff & SFF_NOPATHCHECK))
		e = safefile_dirpath(path, sff);
	if (e == 0 && lstat(path, &st) < 0)
		e = errno;
	if (e == 0 && S_ISLNK(st.st_mode) && stat(path, &st) < 0)
		e = errno;
	if (e == 0 && (sff & SFF_REGONLY) && !S_ISREG(st.st_mode))
		e = E_SM_REGONLY;
	if (e == 0 && (sff & SFF_NOWWFILES) && (st.st_mode & S_IWOTH))
		e = E_SM_WWFILE;
	if (e == 0 && (sff & SFF_NOGWFILES) && (st.st_mode & S_IWGRP))
		e = E_SM_GWFILE;
	if (e == 0 && !(sff & SFF_ROOTOK) && uid != 0 && st.st_uid != uid && st.st_uid != 0)
		e = EPERM;
	if (e != 0 && why != NULL) {
		snprintf(whybuf, whysz, "%s", safefile_strerror(e));
		*why = whybuf;
	}
	return e;
}

FILE *safefile_fopen(const char *path, long sff, const char **why, char *whybuf, size_t whysz)
{
	int e = safefile_check(path, geteuid(), getegid(), sff, 0, why, whybuf, whysz);
	if (e != 0) {
		errno = e;
		return NULL;
	}
	return fopen(path, "r");
}

int safefile_write_atomic(const char *path, const void *data, size_t len, int mode,
			  const char **error_r)
{
	struct str tmp;
	str_init(&tmp, 0);
	str_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
	int fd = open(tmp.s, O_WRONLY | O_CREAT | O_EXCL, mode);
	int ok = fd >= 0;
	if (ok && write(fd, data, len) != (ssize_t)len) ok = 0;
	if (ok && fsync(fd) < 0) ok = 0;
	if (fd >= 0 && close(fd) < 0) ok = 0;
	if (ok && rename(tmp.s, path) < 0) ok = 0;
	if (!ok) {
		*error_r = strerror(errno);
		unlink(tmp.s);
		str_free(&tmp);
		return -1;
	}
	/* fsync the directory so the rename is durable */
	char *dir = mem_strdup(path), *sl = strrchr(dir, '/');
	if (sl) *(sl == dir ? sl + 1 : sl) = '\0'; else { dir[0] = '.'; dir[1] = '\0'; }
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) { fsync(dfd); close(dfd); }
	mem_free(dir);
	str_free(&tmp);
	return 0;
}
