/* safefile.c - sendmail-style file safety checks (directory path, links,
 * file type, group/world-writable files, permission for a uid) and atomic
 * whole-file writes. Generic layer: touches only the files it is asked
 * about; path warnings go to the hook set by safefile_set_warn. */
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

static void (*safefile_warn_fn)(const char *text);

void safefile_set_warn(void (*fn)(const char *text))
{
	safefile_warn_fn = fn;
}

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

/* Set *why from e (when why is wanted); returns e. */
static int safefile_fail(int e, const char **why, char *whybuf, size_t whysz)
{
	if (e != 0 && why != NULL) {
		if (whybuf != NULL && whysz > 0) {
			snprintf(whybuf, whysz, "%s", safefile_strerror(e));
			*why = whybuf;
		} else {
			*why = safefile_strerror(e);
		}
	}
	return e;
}

/* Judge one directory: 0, or E_SM_WWDIR/E_SM_GWDIR when writable. */
static int safefile_dir_writable(const struct stat *st, long sff)
{
	if ((st->st_mode & S_ISVTX) && (sff & SFF_TRUSTSTICKY))
		return 0;
	if (st->st_mode & S_IWOTH)
		return E_SM_WWDIR;
	if ((st->st_mode & S_IWGRP) && !(sff & SFF_GWDIRPATHSAFE))
		return E_SM_GWDIR;
	return 0;
}

/* Error or warning for a writable directory s; returns error or 0. */
static int safefile_dir_verdict(const char *s, int e, long sff)
{
	int fatal = (sff & SFF_SAFEDIRPATH) ||
		    (e == E_SM_WWDIR && (sff & SFF_NOWWDIRS)) ||
		    (e == E_SM_GWDIR && (sff & SFF_NOGWDIRS));
	if (fatal)
		return e;
	if (safefile_warn_fn != NULL) {
		char msg[PATH_MAX + 64];
		snprintf(msg, sizeof msg, "WARNING: %s writable directory %s",
			 e == E_SM_WWDIR ? "World" : "Group", s);
		safefile_warn_fn(msg);
	}
	return 0;
}

int safefile_dirpath(const char *dir, uid_t uid, long sff, const char **why,
		     char *whybuf, size_t whysz)
{
	char buf[PATH_MAX];
	size_t n = strlen(dir);
	if (n >= sizeof buf)
		return safefile_fail(ENAMETOOLONG, why, whybuf, whysz);
	if (uid != 0 || (sff & SFF_NOPATHCHECK) || n == 0)
		return 0;
	memcpy(buf, dir, n + 1);
	for (char *p = buf + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char save = *p;
		*p = '\0';
		struct stat st;
		if (buf[0] != '\0' && strcmp(buf, "/") != 0) {
			if (stat(buf, &st) < 0)
				return safefile_fail(errno, why, whybuf, whysz);
			int e = safefile_dir_writable(&st, sff);
			if (e != 0 && (e = safefile_dir_verdict(buf, e, sff)) != 0)
				return safefile_fail(e, why, whybuf, whysz);
		}
		*p = save;
		if (save == '\0')
			break;
	}
	return 0;
}

/* The directory part of path into buf ("." when there is none). */
static void safefile_dirname(const char *path, char *buf, size_t size)
{
	const char *sl = strrchr(path, '/');
	if (sl == NULL)
		snprintf(buf, size, ".");
	else if (sl == path)
		snprintf(buf, size, "/");
	else
		snprintf(buf, size, "%.*s", (int)(sl - path), path);
}

/* Permission of st for uid/gid against mode's owner bits; 0 or EACCES. */
static int safefile_access(const struct stat *st, uid_t uid, gid_t gid, long sff, int mode)
{
	int want = (mode & (S_IRUSR | S_IWUSR | S_IXUSR));
	if (uid == 0 || want == 0)
		return 0;
	if (st->st_uid == 0 && (sff & SFF_ROOTOK))
		return 0;
	int have;
	if (st->st_uid == uid)
		have = st->st_mode & S_IRWXU;
	else if (st->st_gid == gid)
		have = (st->st_mode & S_IRWXG) << 3;
	else
		have = (st->st_mode & S_IRWXO) << 6;
	return (have & want) == want ? 0 : EACCES;
}

/* Checks on the file itself (after the path). */
static int safefile_filecheck(const char *path, const char *dir, uid_t uid, gid_t gid,
			      long sff, int mode)
{
	struct stat st, dst;
	if (lstat(path, &st) < 0)
		return errno == ENOENT && (sff & SFF_CREAT) ? 0 : errno;
	if (S_ISLNK(st.st_mode)) {
		if (sff & SFF_NOSLINK)
			return E_SM_NOSLINK;
		if ((sff & SFF_NOWLINK) && stat(dir, &dst) == 0 &&
		    (dst.st_mode & (S_IWGRP | S_IWOTH)))
			return E_SM_NOSLINK;
		if (stat(path, &st) < 0)
			return errno == ENOENT && (sff & SFF_CREAT) ? 0 : errno;
	}
	if ((sff & SFF_REGONLY) && !(sff & SFF_ANYFILE) && !S_ISREG(st.st_mode))
		return E_SM_REGONLY;
	/* the reference reports group-writable before world-writable */
	if ((sff & SFF_NOGWFILES) && (st.st_mode & S_IWGRP))
		return E_SM_GWFILE;
	if ((sff & SFF_NOWWFILES) && (st.st_mode & S_IWOTH))
		return E_SM_WWFILE;
	return safefile_access(&st, uid, gid, sff, mode);
}

int safefile_check(const char *path, uid_t uid, gid_t gid, long sff, int mode,
		   const char **why, char *whybuf, size_t whysz)
{
	char dir[PATH_MAX];
	if (strlen(path) >= sizeof dir)
		return safefile_fail(ENAMETOOLONG, why, whybuf, whysz);
	safefile_dirname(path, dir, sizeof dir);
	int e = safefile_dirpath(dir, uid, sff, why, whybuf, whysz);
	if (e != 0)
		return e;
	e = safefile_filecheck(path, dir, uid, gid, sff, mode);
	return safefile_fail(e, why, whybuf, whysz);
}

FILE *safefile_fopen(const char *path, long sff, const char **why, char *whybuf, size_t whysz)
{
	struct stat before, after;
	int e = safefile_check(path, geteuid(), getegid(), sff, S_IRUSR, why, whybuf, whysz);
	if (e == 0 && stat(path, &before) < 0)
		e = safefile_fail(errno, why, whybuf, whysz);
	if (e != 0) {
		errno = e;
		return NULL;
	}
	FILE *fp = fopen(path, "r");
	if (fp == NULL) {
		e = errno;
		safefile_fail(e, why, whybuf, whysz);
		errno = e;
		return NULL;
	}
	if (fstat(fileno(fp), &after) < 0 || after.st_dev != before.st_dev ||
	    after.st_ino != before.st_ino) {
		fclose(fp);
		errno = safefile_fail(E_SM_FILECHANGE, why, whybuf, whysz);
		return NULL;
	}
	return fp;
}

/* write(2) all of data, retrying on EINTR and short writes. */
static int safefile_writeall(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t k = write(fd, p, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

int safefile_write_atomic(const char *path, const void *data, size_t len, int mode,
			  const char **error_r)
{
	struct str tmp;
	char dir[PATH_MAX];
	str_init(&tmp, 0);
	str_printf(&tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp.s);
	int ok = fd >= 0;
	if (ok && fchmod(fd, (mode_t)mode) < 0) ok = 0;
	if (ok && safefile_writeall(fd, data, len) < 0) ok = 0;
	if (ok && fsync(fd) < 0) ok = 0;
	if (fd >= 0 && close(fd) < 0) ok = 0;
	if (ok && rename(tmp.s, path) < 0) ok = 0;
	if (!ok) {
		int e = errno;
		if (error_r != NULL)
			*error_r = strerror(e);
		if (fd >= 0)
			unlink(tmp.s);
		str_free(&tmp);
		errno = e;
		return -1;
	}
	str_free(&tmp);
	/* fsync the directory so the rename itself is durable */
	safefile_dirname(path, dir, sizeof dir);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	return 0;
}
