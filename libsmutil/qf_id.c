/* qf_id.c - sendmail queue IDs: 8 chars from a 62-symbol alphabet (UTC
 * year%60, month, day, hour, minute, second, then a base-60 sequence pair)
 * followed by the pid as "%06d". Mail layer of libsmutil; process-local
 * state only (the sequence). */
#include <stdlib.h>
#include <unistd.h>
#include "qf.h"
#include "poison.h"

static const char qf_id_chars[] =
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static long qf_id_seq = -1;      /* next sequence number */
static long qf_id_used;          /* IDs issued with the current stamp */
static pid_t qf_id_pid;          /* pid the stamp belongs to */
static time_t qf_id_stamp;       /* time of the current stamp */

void qf_id_seed(long seq)
{
	qf_id_seq = seq;
	qf_id_used = 0;
	qf_id_pid = 0;
}

/* Take a new timestamp: after 3600 IDs it must be a later second. */
static void qf_id_restamp(time_t now, pid_t pid)
{
	if (qf_id_pid == pid && qf_id_used >= 3600 && now <= qf_id_stamp) {
		while ((now = time(NULL)) <= qf_id_stamp)
			usleep(10000);
	}
	qf_id_stamp = now;
	qf_id_pid = pid;
	qf_id_used = 0;
}

void qf_id_new(char *buf, size_t size, time_t now, pid_t pid)
{
	struct tm tm;
	long seq;
	if (now == 0)
		now = time(NULL);
	if (qf_id_seq < 0)
		qf_id_seq = (long)((unsigned long)random() ^ (unsigned long)getpid()) % 3600;
	if (qf_id_pid != pid || qf_id_used >= 3600)
		qf_id_restamp(now, pid);
	else
		now = qf_id_stamp;
	seq = qf_id_seq % 3600;
	qf_id_seq = (seq + 1) % 3600;
	qf_id_used++;
	gmtime_r(&now, &tm);
	snprintf(buf, size, "%c%c%c%c%c%c%c%c%06d",
		 qf_id_chars[tm.tm_year % 60], qf_id_chars[tm.tm_mon],
		 qf_id_chars[tm.tm_mday], qf_id_chars[tm.tm_hour],
		 qf_id_chars[tm.tm_min], qf_id_chars[tm.tm_sec],
		 qf_id_chars[seq / 60], qf_id_chars[seq % 60], (int)pid);
}

int qf_id_valid(const char *s)
{
	size_t i;
	for (i = 0; i < 8; i++)
		if (s[i] == '\0' || strchr(qf_id_chars, s[i]) == NULL)
			return 0;
	if (s[8] < '0' || s[8] > '9')
		return 0;
	for (i = 9; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return i < QF_ID_MAX;
}
