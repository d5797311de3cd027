/* qf_lock.c - whole-file locks on queue files. The reference sendmail
 * 8.17 (Debian build, HASFLOCK) locks qf files with flock(2) - verified:
 * a POSIX fcntl lock is NOT seen by its mailq, an flock one is - so we use
 * flock to share one queue with it. Mail layer of libsmutil; touches only
 * the descriptor given. */
#include <errno.h>
#include <sys/file.h>
#include <unistd.h>
#include "qf.h"
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
