/* deliver_file.c - the *file* mailer: a child takes the recipient's ids
 * (deliver_priv: controlling user or DefaultUser), refuses what is not a
 * regular file, opens the file for appending (creating it with
 * FileMode, 0600 by default) and writes the From_ line, headers, body and
 * a trailing blank line; SafeFileEnvironment (chroot, prefix
 * stripped), executable files refused, symbolic links only with
 * DontBlameSendmail=FileDeliveryToSymlink. Touches that file only. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "deliver.h"
#include "options.h"
#include "../libsmutil/poison.h"

/* SafeFileEnvironment: chroot there (before the ids change); a path
 * under it loses the prefix. Returns the path to open, or NULL. */
static const char *file_safeenv(struct deliver_ctx *dc, const char *path)
{
	const char *sfe = option_str(dc->j->cf, "SafeFileEnvironment", NULL);
	if (sfe == NULL || *sfe == '\0')
		return path;
	size_t n = strlen(sfe);
	while (n > 1 && sfe[n - 1] == '/')
		n--;
	if (strncmp(path, sfe, n) == 0 && path[n] == '/')
		path += n;
	if (strcmp(sfe, "/") != 0 && (chroot(sfe) < 0 || chdir("/") < 0))
		return NULL;
	return path;
}

static void file_say_open(struct deliver_ctx *dc, const char *path, int err)
{
	struct stat st;
	if (!dc->verbose)       /* the reference: -v only (also -odi) */
		return;
	if (err == ELOOP && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		printf("cannot open %s: Symbolic links not allowed\n", path);
	else
		printf("cannot open %s: %s\n", path, strerror(err));
	fflush(stdout);
}

static void file_child(struct deliver_ctx *dc, struct deliver_batch *b, const char *path,
		       const struct deliver_groups *g)
{
	struct stat st;
	path = file_safeenv(dc, path);
	if (path == NULL || deliver_priv_apply(&b->cred, g) < 0)
		_exit(75);
	int mode = (int)option_num(dc->j->cf, "FileMode", 0600);
	int exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode))
		_exit(73);
	/* the reference never appends to an executable file */
	if (exists && S_ISREG(st.st_mode) && (st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0)
		_exit(73);
	int nofollow = options_dbs(dc->j->cf, "filedeliverytosymlink") ? 0 : O_NOFOLLOW;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | nofollow, mode & 07777);
	if (fd < 0) {
		file_say_open(dc, path, errno);
		_exit(73);
	}
	if (deliver_msg_write(dc, b->m, fd, 1) < 0 ||
	    (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && fsync(fd) < 0))
		_exit(74);
	_exit(close(fd) < 0 ? 74 : 0);
}

int deliver_file(struct deliver_ctx *dc, struct deliver_batch *b, const char *path)
{
	int status = 0;
	static struct deliver_groups g;     /* looked up here: the parent caches */
	deliver_priv_groups(&b->cred, &g);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return 75;
	if (pid == 0)
		file_child(dc, b, path, &g);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
		return 75;
	return WEXITSTATUS(status);
}
