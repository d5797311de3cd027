/* qf_lock.c - whole-file locks on queue files. The reference sendmail
 * 8.17 (Debian build, HASFLOCK) locks qf files with flock(2) - verified:
 * a POSIX fcntl lock is NOT seen by its mailq, an flock one is - so we use
 * flock to share one queue with it. Mail layer of libsmutil; touches only
 * the descriptor given. */
#include <errno.h>
#include <sys/file.h>
#include <unistd.h>
#include "qf.h"
#include <stdlib.h>
#include "mem.h"
#include "poison.h"

int qf_lock(int fd, int excl, int wait)
{
	int op = (excl ? LOCK_EX : LOCK_SH) | (wait ? 0 : LOCK_NB);
	while (flock(fd, op) < 0) {
		if (errno == EINTR)
			continue;
		if (errno == EWOULDBLOCK || errno == EAGAIN)
			return 1;
		return -1;
	}
	return 0;
}

int qf_unlock(int fd)
{
	return flock(fd, LOCK_UN) < 0 ? -1 : 0;
}

int qf_lock_busy(int fd)
{
	int r = qf_lock(fd, 0, 0);
	if (r == 0)
		qf_unlock(fd);
	return r == 1;
}

static int qf_lock_cmp(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

long qf_lock_scan(unsigned maj, unsigned min, unsigned long **inodes_r)
{
	FILE *fp = fopen("/proc/locks", "r");
	char line[256];
	unsigned long *v = NULL, ino;
	size_t n = 0, cap = 0;
	unsigned a, b;
	*inodes_r = NULL;
	if (fp == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		char kind[16], mode[16], rw[16];
		long pid;
		if (strstr(line, "->") != NULL ||
		    sscanf(line, "%*d: %15s %15s %15s %ld %x:%x:%lu", kind, mode, rw, &pid, &a, &b, &ino) != 7 ||
		    strcmp(kind, "FLOCK") != 0 || strcmp(rw, "WRITE") != 0 || a != maj || b != min)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = mem_realloc(v, cap * sizeof(*v));
		}
		v[n++] = ino;
	}
	fclose(fp);
	if (n > 0)
		qsort(v, n, sizeof(*v), qf_lock_cmp);
	*inodes_r = v;
	return (long)n;
}

int qf_lock_scan_has(const unsigned long *inodes, long n, unsigned long ino)
{
	return n > 0 && bsearch(&ino, inodes, (size_t)n, sizeof(*inodes), qf_lock_cmp) != NULL;
}
