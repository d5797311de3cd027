/* mailq.h - the mailq program's shared state: options, queue directories
 * from the cf, filters. mailq/ links libsmutil only. */
#ifndef MQ_MAILQ_H
#define MQ_MAILQ_H
#include <stdio.h>
#include <time.h>

#define MQ_MAXFILTERS 64
#define MQ_MAXDIRS    256

struct mq_filter {
	char letter;      /* I R S Q */
	int negate;
	const char *text;
};

struct mq_opts {
	int verbose;
	int quarantine;   /* -qQ: list hf files */
	int lost;         /* -qL: list Qf files */
	const char *cf;
	const char *qdir;          /* QueueDirectory */
	char sortorder;            /* 'p' priority, 'f' filename, 't' time, 'n' none */
	long maxrun;               /* MaxQueueRunSize, 0 = unlimited */
	struct mq_filter filters[MQ_MAXFILTERS];
	int nfilters;
	char *dirs[MQ_MAXDIRS];    /* expanded queue directories in order */
	int ndirs;
	int ngroups;
};

struct mq_job {
	char *name;        /* file name: qf<ID> */
	long pri;
	long ctime;
	int lock;
	char *data;        /* qf image (NUL-terminated), NULL if unreadable */
	size_t len;
	int err;           /* errno of the open/read, 0 ok */
	unsigned long ino; /* directory entry's inode (lock scan) */
	int dfdone;        /* dfsize/dferr below are known */
	long dfsize;       /* size of the df, -1 if it could not be stat'ed */
	int dferr;         /* errno of that stat */
};

/* mailq_main.c: the whole program (argv as mailq's); returns the exit status.
 * Used by mailq/mailq and by sendmail -bp / the mailq personality. */
int mailq_main(int argc, char **argv);
/* mailq_cf.c: read the options mailq needs from the cf; 0 ok, -1 error
 * (message printed). Overrides from -O are applied after. */
int mailq_cf_read(struct mq_opts *o, const char *path);
int mailq_cf_option(struct mq_opts *o, const char *name, const char *val);
/* mailq_list.c: list one queue directory; returns the number of requests. */
long mailq_list_dir(const struct mq_opts *o, const char *dir, FILE *out);
/* mailq_print.c: print one gathered job (its qf image in j->data); the df
 * is looked up as "df<ID>" relative to the descriptor dfdir, and named
 * dfshow + "df<ID>" in the reference's "cannot open" message. */
void mailq_print_job(const struct mq_opts *o, int dfdir, const char *dfshow,
		     const struct mq_job *j, FILE *out);
#endif
