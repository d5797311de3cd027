/* queue_write.h - THE queue writer: every entry point (command line, SMTP,
 * fetch, queue runs rewriting a qf) puts files into a queue directory
 * through this API and nothing else creates spool files.
 *
 * New message:
 *   queue_write_begin()   new ID, df<ID> created O_CREAT|O_EXCL (a clash
 *                         picks the next ID);
 *   queue_write_body()*   body bytes (buffered);
 *   queue_write_commit()  df flushed (+fsync with SuperSafe), tf<ID>
 *                         O_EXCL + exclusive fcntl lock, qf image written
 *                         (+fsync), rename tf -> qf, directory fsync; the
 *                         lock is kept (qw->qffd) until queue_write_close;
 *   queue_write_close()   drop the lock and descriptors (files stay);
 *   queue_write_abort()   any time before a successful commit: remove what
 *                         was created (df, tf).
 * Where the kernel offers O_TMPFILE (and /proc/self/fd), the df and the
 * new control file are written as unnamed files and only linked to their
 * names at commit (df, then qf): a writer killed before that leaves
 * nothing in the queue, never a stray df or tf.
 * Every failure returns -1 with *error_r = "<file>: <strerror>" and leaves
 * nothing half-written: a failed commit removes tf and df, so the caller
 * answers EX_TEMPFAIL (451/75) and no qf without df ever exists.
 * Mail layer of libsmutil. */
#ifndef SM_QUEUE_WRITE_H
#define SM_QUEUE_WRITE_H
#include <sys/types.h>
#include "qf.h"
#include "str.h"

#define QUEUE_WRITE_SUPERSAFE 0x01  /* fsync df, tf and the directories */

struct queue_write {
	char id[QF_ID_MAX];
	const char *qdir;        /* caller's string, must outlive qw */
	unsigned subdirs;        /* QF_SUB_* of qdir */
	unsigned flags;
	int mode;                /* QueueFileMode, e.g. 0600 */
	int dffd, qffd;          /* -1 when closed */
	off_t dfsize;            /* body bytes written */
	int committed;
	int dftmp;               /* df is an unnamed O_TMPFILE until commit */
	int dfnamed;             /* the df name exists (ours to remove on abort) */
	struct str dfpath, qfpath, tfpath;
	char ebuf[512];
	size_t blen;
	char buf[16384];
};

/* Start a message in qdir. now/pid for the ID (0 = time(NULL)/getpid()). */
int queue_write_begin(struct queue_write *qw, const char *qdir, int mode,
		      unsigned flags, time_t now, const char **error_r);
int queue_write_body(struct queue_write *qw, const void *p, size_t n,
		     const char **error_r);
/* env is the qf image (qf_env_terminate is applied). */
int queue_write_commit(struct queue_write *qw, struct qf_env *env,
		       const char **error_r);
void queue_write_close(struct queue_write *qw);
void queue_write_abort(struct queue_write *qw);

/* Rewrite an existing control file of kind 'q' (or 'h' quarantined) in
 * qdir via tf<ID> + rename. The new file is locked exclusively before the
 * rename; its descriptor is returned in *lockfd_r (the caller closes it
 * when done; the old qf lock is meaningless after the rename), or closed
 * when lockfd_r is NULL. 0 ok, -1 error (tf removed, old file intact). */
int queue_write_rewrite(const char *qdir, unsigned subdirs, const char *id,
			char kind, struct qf_env *env, int mode,
			unsigned flags, int *lockfd_r, const char **error_r);
/* fsync a directory (0 ok, -1 with errno). */
int queue_write_syncdir(const char *dir);
#endif
