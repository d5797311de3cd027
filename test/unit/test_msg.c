/* test_msg.c - diagnostics: stderr format with program name and tag,
 * levels, errno preserved, fatal exit code (in a child). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "unit.h"
#include "../../libsmutil/msg.h"

static char out[4096];

/* Read everything written to fp so far. */
static const char *drain(FILE *fp)
{
	fflush(fp);
	rewind(fp);
	size_t n = fread(out, 1, sizeof out - 1, fp);
	out[n] = '\0';
	rewind(fp);
	if (ftruncate(fileno(fp), 0) != 0)
		out[0] = '\0';
	return out;
}

int main(void)
{
	FILE *fp = tmpfile();
	msg_stream(fp);
	msg_info("hello %d", 1);
	CHECK_STR(drain(fp), "sendmail: hello 1\n", "default progname, info");
	msg_open("/usr/sbin/osprey", 0, 1);
	msg_tag("5ABCDEF012345");
	msg_warn("disk %s", "low");
	CHECK_STR(drain(fp), "osprey: warning: 5ABCDEF012345: disk low\n", "warn with tag, basename");
	msg_tag(NULL);
	int before = msg_error_count();
	errno = ENOENT;
	msg_error("open: %m");
	CHECK(errno == ENOENT, "errno preserved");
	CHECK_STR(drain(fp), "osprey: error: open: No such file or directory\n", "error with %m");
	CHECK(msg_error_count() == before + 1, "error counted");
	msg_open("osprey", 0, 0);
	msg_info("silent");
	CHECK_STR(drain(fp), "", "stderr off");
	msg_open("osprey", 0, 1);

	pid_t pid = fork();
	if (pid == 0) {
		msg_fatal(75, "queue %s", "busy");
	}
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 75, "fatal exits with code");
	CHECK_STR(drain(fp), "osprey: fatal: queue busy\n", "fatal text");
	pid = fork();
	if (pid == 0) {
		msg_panic("bad state");
	}
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st), "panic aborts");
	CHECK_STR(drain(fp), "osprey: panic: bad state\n", "panic text");
	msg_stream(NULL);
	fclose(fp);
	return unit_done();
}
