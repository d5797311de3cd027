/* stats.h - the StatusFile (sendmail's statistics file): the native binary
 * layout of sendmail 8.17 on x86-64 (1448 bytes), validation, and the
 * read-merge-write update used at the end of a delivering process. Mail
 * layer of libsmutil; no sendmail/ headers. The file is never created. */
#ifndef SM_STATS_H
#define SM_STATS_H
#include <time.h>

#define STATS_MAGIC 0x1B1DE
#define STATS_VERSION 4
#define STATS_MAXMAILERS 25

struct stats_file {
	int magic;                     /* STATS_MAGIC */
	int version;                   /* STATS_VERSION */
	time_t itime;                  /* when collection started */
	short size;                    /* sizeof(struct stats_file) */
	long conn_from, conn_to, conn_rej;  /* connections */
	long msgs_from[STATS_MAXMAILERS];
	long kb_from[STATS_MAXMAILERS];
	long msgs_to[STATS_MAXMAILERS];
	long kb_to[STATS_MAXMAILERS];
	long rejected[STATS_MAXMAILERS];
	long discarded[STATS_MAXMAILERS];
	long quarantined[STATS_MAXMAILERS];
};

enum stats_check { STATS_OK = 0, STATS_BADMAGIC = -1, STATS_BADVERSION = -2, STATS_BADSIZE = -3 };

/* A fresh record (magic, version, size; itime = now). */
void stats_init(struct stats_file *st, time_t now);
/* Read from fd's current offset. An empty file gives a fresh record with
 * itime = now; otherwise the magic, version, then length/size are checked
 * in that order (enum stats_check). -4 on a read error (errno). */
int stats_read(int fd, struct stats_file *st, time_t now);
/* Kilobytes counted for a message of `bytes` bytes. */
long stats_kbytes(long bytes);
/* Counting helpers for a delta record (mailer numbers out of range ignored). */
void stats_count_from(struct stats_file *d, int mailer, long bytes);
void stats_count_to(struct stats_file *d, int mailer, long bytes);
/* Add delta into the StatusFile at path: open (never create), lock, read,
 * start afresh if the contents are invalid, add, rewrite from offset 0.
 * Returns 0, or -1 (errno) if the file is absent or can't be updated. */
int stats_update(const char *path, const struct stats_file *delta);
#endif
