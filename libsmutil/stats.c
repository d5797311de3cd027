/* stats.c - StatusFile layout, validation and the read-merge-write update.
 * Touches only the statistics file it is given (never creates it). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include "stats.h"
#include "poison.h"

_Static_assert(sizeof(long) != 8 || sizeof(struct stats_file) == 1448,
	       "StatusFile layout must match sendmail 8.17 on LP64");

void stats_init(struct stats_file *st, time_t now)
{
	memset(st, 0, sizeof *st);
	st->magic = STATS_MAGIC;
	st->version = STATS_VERSION;
	st->itime = now;
	st->size = (short)sizeof *st;
}

int stats_read(int fd, struct stats_file *st, time_t now)
{
	memset(st, 0, sizeof *st);
	ssize_t n;
	do
		n = read(fd, st, sizeof *st);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -4;
	if (n == 0) {
		stats_init(st, now);
		return STATS_OK;
	}
	if (st->magic != STATS_MAGIC)
		return STATS_BADMAGIC;
	if (st->version != STATS_VERSION)
		return STATS_BADVERSION;
	if ((size_t)n != sizeof *st || st->size != (short)sizeof *st)
		return STATS_BADSIZE;
	return STATS_OK;
}

long stats_kbytes(long bytes)
{
	return (bytes + 1023) / 1024;
}

void stats_count_from(struct stats_file *d, int mailer, long bytes)
{
	if (mailer < 0 || mailer >= STATS_MAXMAILERS)
		return;
	d->msgs_from[mailer]++;
	d->kb_from[mailer] += stats_kbytes(bytes);
}

void stats_count_to(struct stats_file *d, int mailer, long bytes)
{
	if (mailer < 0 || mailer >= STATS_MAXMAILERS)
		return;
	d->msgs_to[mailer]++;
	d->kb_to[mailer] += stats_kbytes(bytes);
}

static void stats_add(struct stats_file *st, const struct stats_file *d)
{
	st->conn_from += d->conn_from;
	st->conn_to += d->conn_to;
	st->conn_rej += d->conn_rej;
	for (int i = 0; i < STATS_MAXMAILERS; i++) {
		st->msgs_from[i] += d->msgs_from[i];
		st->kb_from[i] += d->kb_from[i];
		st->msgs_to[i] += d->msgs_to[i];
		st->kb_to[i] += d->kb_to[i];
		st->rejected[i] += d->rejected[i];
		st->discarded[i] += d->discarded[i];
		st->quarantined[i] += d->quarantined[i];
	}
}

int stats_update(const char *path, const struct stats_file *delta)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stats_file st;
	int rc = -1;
	if (flock(fd, LOCK_EX) == 0) {
		if (stats_read(fd, &st, time(NULL)) != STATS_OK)
			stats_init(&st, time(NULL));
		stats_add(&st, delta);
		if (lseek(fd, 0, SEEK_SET) == 0 &&
		    write(fd, &st, sizeof st) == (ssize_t)sizeof st)
			rc = 0;
	}
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}
