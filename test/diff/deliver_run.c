/* deliver_run.c - test driver for job_run (t_deliver.sh): reads the cf,
 * enters the queue directory like a queue run and delivers each job ID
 * given. Usage: deliver_run CF QDIR FLAGS ID...  (FLAGS letters: v
 * verbose, i interactive, q queue run, - none). Exit: the last status. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sendmail/config.h"
#include "sendmail/err.h"
#include "sendmail/job.h"

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: deliver_run cf qdir flags id...\n");
		return 64;
	}
	unsigned fl = 0;
	if (strchr(argv[3], 'v'))
		fl |= JOB_VERBOSE;
	if (strchr(argv[3], 'i'))
		fl |= JOB_INTERACTIVE;
	if (strchr(argv[3], 'q'))
		fl |= JOB_QUEUERUN;
	err_set_output(stdout, 1);
	struct config *cf = config_new();
	cf->opmode = 'q';
	cf->verbose = (fl & JOB_VERBOSE) != 0;
	struct config *r = readcf(argv[1], 'q', cf);
	if (r == NULL)
		return 78;
	if (chdir(argv[2]) != 0) {
		perror(argv[2]);
		return 78;
	}
	int st = 0;
	for (int i = 4; i < argc; i++)
		st = job_run(r, argv[2], argv[i], -1, fl);
	return st;
}
