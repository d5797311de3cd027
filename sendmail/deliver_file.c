/* deliver_file.c - the *file* mailer: a child takes the recipient's ids
 * (deliver_priv: controlling user or DefaultUser), refuses what is not a
 * regular file, opens the file for appending (creating it with
 * FileMode, 0600 by default) and writes the From_ line, headers, body and
 * a trailing blank line. Touches that file only. */
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

static void file_child(struct deliver_ctx *dc, struct deliver_batch *b, const char *path)
{
	struct stat st;
	if (deliver_priv_apply(&b->cred) < 0)
		_exit(75);
	int mode = (int)option_num(dc->j->cf, "FileMode", 0600);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode))
		_exit(73);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW, mode & 07777);
	if (fd < 0) {
		if (dc->verbose || (dc->j->flags & JOB_INTERACTIVE)) {
			printf("cannot open %s: %s\n", path, strerror(errno));
			fflush(stdout);
		}
		_exit(73);
	}
	if (deliver_msg_write(dc, b->m, fd, 1) < 0
	    || fsync(fd) < 0) {
		_exit(74);
	}
	_exit(close(fd) < 0 ? 74 : 0);
}

int deliver_file(struct deliver_ctx *dc, struct deliver_batch *b, const char *path)
{
	int status = 0;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return 75;
	if (pid == 0)
		file_child(dc, b, path);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
		return 75;
	return WEXITSTATUS(status);
}
