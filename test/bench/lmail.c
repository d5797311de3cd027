/* test/bench/lmail.c - a compiled test local mailer for the delivery
 * benchmark (like mail.local, a binary rather than a shell script):
 * lmail [-f sender] -d user... appends stdin to LMAIL_DIR/<user> (the
 * benchmark's namespace mounts each side at /media) for each user, with
 * one write. Exit 0, or 73/74 on a file error. Touches only LMAIL_DIR. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef LMAIL_DIR
#define LMAIL_DIR "/media/mbox"
#endif

static char buf[1 << 20];

static size_t slurp(void)
{
	size_t n = 0;
	ssize_t r;
	while (n < sizeof buf && (r = read(0, buf + n, sizeof buf - n)) > 0)
		n += (size_t)r;
	return n;
}

int main(int argc, char **argv)
{
	char path[4352];
	int i = 1;
	while (i < argc && argv[i][0] == '-')
		i += (strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "-r") == 0) ? 2 : 1;
	size_t n = slurp();
	for (; i < argc; i++) {
		snprintf(path, sizeof path, "%s/%s", LMAIL_DIR, argv[i]);
		int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (fd < 0)
			return 73;
		if (write(fd, buf, n) != (ssize_t)n || close(fd) != 0)
			return 74;
	}
	return 0;
}
