/* map_program.c - the "program" map class: runs "file [rebuild words...]
 * key" with stdin from /dev/null; the first line of stdout is the value.
 * A non-zero exit status is the lookup status (exec failure = 78); empty
 * output = not found.  Touches processes it forks only. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "mapclass.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define PROG_MAXARGS 40
#define PROG_BUFSIZE 1024

static int prog_parse(struct map *m, const char *args)
{
	const char *rest = mapclass_flags(m, args, NULL, NULL);
	if (rest == NULL)
		return -1;
	char *spec = mapclass_spec(m, rest);
	if (spec == NULL)
		return -1;
	m->priv = spec;
	return 0;
}

static int prog_open(struct map *m, const struct config *cf)
{
	return m->priv != NULL ? 0 : -1;
}

/* Child: stdin /dev/null, stdout the pipe, exec; 78 if exec fails. */
static void prog_child(int wfd, char **argv)
{
	int n = open("/dev/null", O_RDONLY);
	if (n >= 0 && n != 0) {
		dup2(n, 0);
		close(n);
	}
	if (wfd != 1) {
		dup2(wfd, 1);
		close(wfd);
	}
	signal(SIGPIPE, SIG_DFL);
	execv(argv[0], argv);
	_exit(MAPCLASS_EX_CONFIG);
}

/* Read what the child writes (one read, like sendmail), then reap it. */
static char *prog_collect(int rfd, pid_t pid, int *stat)
{
	char buf[PROG_BUFSIZE];
	ssize_t n;
	int ws;

	do
		n = read(rfd, buf, sizeof buf - 1);
	while (n < 0 && errno == EINTR);
	char dump[512];
	while (read(rfd, dump, sizeof dump) > 0)
		;
	close(rfd);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(ws) && WEXITSTATUS(ws) != 0) {
		*stat = WEXITSTATUS(ws);
		return NULL;
	}
	if (!WIFEXITED(ws)) {
		*stat = MAPCLASS_EX_SOFTWARE;
		return NULL;
	}
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	char *nl = strchr(buf, '\n');
	if (nl != NULL)
		*nl = '\0';
	return mem_strdup(buf);
}

static char *prog_lookup(struct map *m, const char *key, char **av,
			 int *stat, struct lookup_ctx *lc)
{
	char *argv[PROG_MAXARGS + 2];
	int argc = 0, pfd[2];

	*stat = MAPS_OK;
	if (m->priv == NULL)
		return NULL;
	char *words = mem_strdup(m->priv), *save = NULL;
	for (char *w = strtok_r(words, " \t", &save); w && argc < PROG_MAXARGS;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	argv[argc++] = (char *)key;
	argv[argc] = NULL;
	fflush(stdout);
	pid_t pid = pipe(pfd) == 0 ? fork() : -1;
	if (pid == 0) {
		close(pfd[0]);
		prog_child(pfd[1], argv);
	}
	mem_free(words);
	if (pid < 0) {
		*stat = MAPCLASS_EX_OSFILE;
		return NULL;
	}
	close(pfd[1]);
	char *v = prog_collect(pfd[0], pid, stat);
	if (v == NULL)
		return NULL;
	char *r = mapclass_result(m, v, key, av);
	mem_free(v);
	return r;
}

static void prog_close(struct map *m)
{
	mem_free(m->priv);
	m->priv = NULL;
}

const struct map_class map_class_program = {
	"program", MCF_RAWKEY | MCF_NOREWRITE,
	prog_parse, prog_open, prog_lookup, prog_close
};
