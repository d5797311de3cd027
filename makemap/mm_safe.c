/* mm_safe.c - makemap's file safety checks: warnings for group/world
 * writable directories on the path, refusal of symbolic and hard links
 * unless -s, writability of the directory for a new file. Only stats
 * files; never changes anything. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "mm_safe.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static void mm_safe_warn1(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return;
	if (st.st_mode & S_IWOTH)
		fprintf(stderr, "WARNING: World writable directory %s\n", dir);
	else if (st.st_mode & S_IWGRP)
		fprintf(stderr, "WARNING: Group writable directory %s\n", dir);
}

void mm_safe_dirwarn(const char *path)
{
	char *p = mem_strdup(path);
	char *slash = strrchr(p, '/');
	if (slash != NULL) {
		*slash = '\0';
		for (char *s = p + 1; ; s++) {
			if (*s == '/' || *s == '\0') {
				int c = *s;
				*s = '\0';
				if (s > p)
					mm_safe_warn1(p);
				*s = (char)c;
				if (c == '\0')
					break;
			}
		}
	}
	mem_free(p);
}

/* May we create a file in the directory of path? 0 or an errno value. */
static int mm_safe_dirok(const char *path)
{
	char *p = mem_strdup(path);
	char *slash = strrchr(p, '/');
	const char *dir = ".";
	if (slash == p)
		dir = "/";
	else if (slash != NULL) {
		*slash = '\0';
		dir = p;
	}
	struct stat st;
	int e = 0;
	if (stat(dir, &st) != 0)
		e = errno;
	else if (!S_ISDIR(st.st_mode))
		e = ENOTDIR;
	else {
		mode_t bit = st.st_uid == geteuid() ? S_IWUSR :
			st.st_gid == getegid() ? S_IWGRP : S_IWOTH;
		if (!(st.st_mode & bit))
			e = EACCES;
	}
	mem_free(p);
	return e;
}

int mm_safe_check(const char *path, int create, int skip)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT || !create)
			return errno;
		return mm_safe_dirok(path);
	}
	if (S_ISLNK(st.st_mode) && !skip)
		return MM_E_SLINK;
	if (S_ISREG(st.st_mode) && st.st_nlink > 1 && !skip)
		return MM_E_HLINK;
	return 0;
}

const char *mm_safe_strerror(int e)
{
	switch (e) {
	case MM_E_SLINK: return "Symbolic links not allowed";
	case MM_E_HLINK: return "Hard links not allowed";
	case MM_E_TYPE: return "Unknown database type";
	default: return strerror(e);
	}
}
