/* queue_write.c - the one queue writer (see queue_write.h): df creation,
 * body, tf -> qf commit with fsyncs and fcntl lock, rewrites, cleanup on
 * every failure. Mail layer of libsmutil; touches only the queue
 * directory it is given. */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "queue_write.h"
#include "mem.h"
#include "poison.h"

static const char *qw_err(char *ebuf, size_t size, const char *path)
{
	snprintf(ebuf, size, "%s: %s", path, strerror(errno));
	return ebuf;
}

/* Write all of p; -1 with errno on failure. */
static int qw_full_write(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0) {
		ssize_t w = write(fd, c, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = ENOSPC;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int queue_write_syncdir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int rc;
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	if (rc < 0 && (errno == EINVAL || errno == EROFS))
		rc = 0;
	close(fd);
	return rc;
}

/* Can unnamed files be linked in later (O_TMPFILE + /proc/self/fd)? */
static int qw_tmp_ok(void)
{
	static int ok = -1;
	if (ok < 0)
		ok = access("/proc/self/fd", X_OK) == 0;
	return ok;
}

/* Give the unnamed file fd the name path (no replacing). */
static int qw_link(int fd, const char *path)
{
	char p[64];
	snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, p, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
}

/* An unnamed file in dir (-1 with errno; EOPNOTSUPP etc. mean "use a
 * named file instead": *fallback set). */
static int qw_tmp_open(const char *dir, int mode, int *fallback)
{
	int fd = -1;
	*fallback = 1;
	if (!qw_tmp_ok())
		return -1;
	fd = open(dir, O_TMPFILE | O_RDWR, mode);
	if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL || errno == ENOENT))
		return -1;
	*fallback = 0;
	return fd;
}

/* The df of a new message: unnamed when possible, else O_EXCL by name. */
static int qw_open_df(struct queue_write *qw, int mode)
{
	struct str dir;
	int fallback;
	str_init(&dir, 0);
	qf_path_dir(&dir, qw->qdir, qw->subdirs, 'd');
	qw->dffd = qw_tmp_open(dir.s, mode, &fallback);
	str_free(&dir);
	if (!fallback) {
		qw->dftmp = qw->dffd >= 0;
		if (qw->dffd >= 0)
			(void)fchmod(qw->dffd, (mode_t)mode);
		return qw->dffd;
	}
	qw->dffd = open(qw->dfpath.s, O_WRONLY | O_CREAT | O_EXCL, mode);
	qw->dfnamed = qw->dffd >= 0;
	return qw->dffd;
}

int queue_write_begin(struct queue_write *qw, const char *qdir, int mode,
		      unsigned flags, time_t now, const char **error_r)
{
	memset(qw, 0, offsetof(struct queue_write, buf));
	qw->qdir = qdir;
	qw->subdirs = qf_path_subdirs(qdir);
	qw->flags = flags;
	qw->mode = mode;
	qw->dffd = qw->qffd = -1;
	str_init(&qw->dfpath, 0);
	str_init(&qw->qfpath, 0);
	str_init(&qw->tfpath, 0);
	for (int tries = 0; tries < 3600; tries++) {
		qf_id_new(qw->id, sizeof(qw->id), now, getpid());
		qf_path(&qw->dfpath, qdir, qw->subdirs, 'd', qw->id);
		qf_path(&qw->qfpath, qdir, qw->subdirs, 'q', qw->id);
		/* an ID whose df or qf exists is taken */
		if (access(qw->dfpath.s, F_OK) == 0 || access(qw->qfpath.s, F_OK) == 0) {
			errno = EEXIST;
			continue;
		}
		if (qw_open_df(qw, mode) >= 0 || errno != EEXIST)
			break;
	}
	if (qw->dffd < 0) {
		*error_r = qw_err(qw->ebuf, sizeof(qw->ebuf), qw->dfpath.s);
		queue_write_abort(qw);
		return -1;
	}
	qf_path(&qw->qfpath, qdir, qw->subdirs, 'q', qw->id);
	qf_path(&qw->tfpath, qdir, qw->subdirs, 't', qw->id);
	return 0;
}

static int qw_flush(struct queue_write *qw)
{
	if (qw->blen > 0 && qw_full_write(qw->dffd, qw->buf, qw->blen) < 0)
		return -1;
	qw->blen = 0;
	return 0;
}

int queue_write_body(struct queue_write *qw, const void *p, size_t n,
		     const char **error_r)
{
	if (qw->dffd < 0 || qw->committed) {
		errno = EBADF;
		*error_r = qw_err(qw->ebuf, sizeof(qw->ebuf), qw->dfpath.s);
		return -1;
	}
	qw->dfsize += (off_t)n;
	if (qw->blen + n > sizeof(qw->buf)) {
		if (qw_flush(qw) < 0 || (n >= sizeof(qw->buf) && qw_full_write(qw->dffd, p, n) < 0)) {
			*error_r = qw_err(qw->ebuf, sizeof(qw->ebuf), qw->dfpath.s);
			return -1;
		}
		if (n >= sizeof(qw->buf))
			return 0;
	}
	memcpy(qw->buf + qw->blen, p, n);
	qw->blen += n;
	return 0;
}

/* Create tf O_EXCL; a leftover tf nobody holds locked is stale (a crashed
 * writer): it is removed and creation retried once. */
static int qw_open_tf(const char *tf, int mode)
{
	int fd = open(tf, O_RDWR | O_CREAT | O_EXCL, mode);
	if (fd < 0 && errno == EEXIST) {
		int old = open(tf, O_RDWR);
		if (old >= 0 && qf_lock(old, 1, 0) == 0) {
			unlink(tf);
			close(old);
			fd = open(tf, O_RDWR | O_CREAT | O_EXCL, mode);
		} else {
			if (old >= 0)
				close(old);
			errno = EEXIST;
		}
	}
	return fd;
}

/* The unnamed df linked just before the qf (dffd < 0: none): the two
 * names appear a couple of system calls apart, so a writer killed in
 * between almost never leaves a df without its qf; *linked tells. */
struct qw_dflink {
	int dffd;
	const char *dfpath;
	int linked;
};

/* Write env into a new locked tf and rename it to final (tf NULL: an
 * unnamed file in dir, linked to final, which must not exist); -1 on
 * failure with tf removed. The locked descriptor is left in *fd_r. */
static int qw_put_tf(const char *tf, const char *final, const char *dir,
		     struct qf_env *env, int mode, unsigned flags, int *fd_r,
		     struct qw_dflink *dl, char *ebuf, size_t esize, const char **error_r)
{
	struct str img;
	int fallback = 1;
	int fd = tf == NULL ? qw_tmp_open(dir, mode, &fallback) : qw_open_tf(tf, mode);
	const char *bad = tf != NULL ? tf : final;
	if (tf == NULL && fd >= 0)
		(void)fchmod(fd, (mode_t)mode);
	if (fd < 0) {
		*error_r = qw_err(ebuf, esize, bad);
		return -1;
	}
	qf_env_terminate(env);
	str_init(&img, 0);
	qf_format(env, &img);
	if (qf_lock(fd, 1, 0) != 0 || qw_full_write(fd, img.s, img.len) < 0 ||
	    ((flags & QUEUE_WRITE_SUPERSAFE) && fsync(fd) < 0) ||
	    (dl != NULL && dl->dffd >= 0 &&
	     (bad = dl->dfpath, qw_link(dl->dffd, dl->dfpath) < 0 ? -1 : (dl->linked = 1, 0)) < 0) ||
	    (bad = final, (tf != NULL ? rename(tf, final) : qw_link(fd, final)) < 0) ||
	    (bad = dir, (flags & QUEUE_WRITE_SUPERSAFE) && queue_write_syncdir(dir) < 0)) {
		*error_r = qw_err(ebuf, esize, bad);
		str_free(&img);
		if (bad != dir && tf != NULL)
			unlink(tf);
		close(fd);
		return bad == dir ? -2 : -1;
	}
	str_free(&img);
	*fd_r = fd;
	return 0;
}

int queue_write_commit(struct queue_write *qw, struct qf_env *env,
		       const char **error_r)
{
	struct str dir;
	int rc;
	if (qw->dffd < 0 || qw->committed) {
		errno = EBADF;
		*error_r = qw_err(qw->ebuf, sizeof(qw->ebuf), qw->dfpath.s);
		return -1;
	}
	/* an unnamed df is linked by qw_put_tf just before the qf */
	struct qw_dflink dl = { -1, qw->dfpath.s, 0 };
	if (qw_flush(qw) < 0 || ((qw->flags & QUEUE_WRITE_SUPERSAFE) && fsync(qw->dffd) < 0) ||
	    (!qw->dftmp && (qw->dfnamed = 1, close(qw->dffd) < 0))) {
		if (!qw->dftmp)
			qw->dffd = -1;
		*error_r = qw_err(qw->ebuf, sizeof(qw->ebuf), qw->dfpath.s);
		queue_write_abort(qw);
		return -1;
	}
	if (qw->dftmp)
		dl.dffd = qw->dffd;
	else
		qw->dffd = -1;
	str_init(&dir, 0);
	qf_path_dir(&dir, qw->qdir, qw->subdirs, 'q');
	rc = qw_put_tf(qw->dftmp ? NULL : qw->tfpath.s, qw->qfpath.s, dir.s, env, qw->mode,
		       qw->flags, &qw->qffd, &dl, qw->ebuf, sizeof(qw->ebuf), error_r);
	if (dl.linked)
		qw->dfnamed = 1;
	if (qw->dftmp) {        /* written (and fsynced under SuperSafe) */
		(void)close(qw->dffd);
		qw->dffd = -1;
	}
	if (rc == 0 && (qw->flags & QUEUE_WRITE_SUPERSAFE) && (qw->subdirs & QF_SUB_DF)) {
		qf_path_dir(&dir, qw->qdir, qw->subdirs, 'd');
		if (queue_write_syncdir(dir.s) < 0) {
			*error_r = qw_err(qw->ebuf, sizeof(qw->ebuf), dir.s);
			rc = -1;
		}
	}
	str_free(&dir);
	if (rc < 0) {
		if (rc == -2 || qw->qffd >= 0)
			unlink(qw->qfpath.s);
		queue_write_abort(qw);
		return -1;
	}
	qw->committed = 1;
	return 0;
}

static void qw_release(struct queue_write *qw)
{
	if (qw->dffd >= 0)
		close(qw->dffd);
	if (qw->qffd >= 0)
		close(qw->qffd);
	qw->dffd = qw->qffd = -1;
	str_free(&qw->dfpath);
	str_free(&qw->qfpath);
	str_free(&qw->tfpath);
}

void queue_write_close(struct queue_write *qw)
{
	if (!qw->committed) {
		queue_write_abort(qw);
		return;
	}
	qw_release(qw);
}

void queue_write_abort(struct queue_write *qw)
{
	int e = errno;
	if (!qw->committed && qw->dfpath.s != NULL) {
		if (!qw->dftmp && qw->tfpath.s != NULL && qw->tfpath.len > 0)
			unlink(qw->tfpath.s);
		if (qw->dfnamed && qw->dfpath.len > 0)
			unlink(qw->dfpath.s);
	}
	qw_release(qw);
	errno = e;
}

int queue_write_rewrite(const char *qdir, unsigned subdirs, const char *id,
			char kind, struct qf_env *env, int mode,
			unsigned flags, int *lockfd_r, const char **error_r)
{
	static char ebuf[512];
	struct str tf, final, dir;
	int fd = -1, rc;
	str_init(&tf, 0);
	str_init(&final, 0);
	str_init(&dir, 0);
	qf_path(&tf, qdir, subdirs, 't', id);
	qf_path(&final, qdir, subdirs, kind, id);
	qf_path_dir(&dir, qdir, subdirs, kind);
	rc = qw_put_tf(tf.s, final.s, dir.s, env, mode, flags, &fd, NULL, ebuf, sizeof(ebuf),
		       error_r) < 0 ? -1 : 0;
	if (rc == 0) {
		if (lockfd_r != NULL)
			*lockfd_r = fd;
		else
			close(fd);
	}
	str_free(&tf);
	str_free(&final);
	str_free(&dir);
	return rc;
}
