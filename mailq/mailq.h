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
	char *qdir;                /* QueueDirectory (heap) */
	char sortorder;            /* 'p' priority, 'f' filename, 't' time, 'n' none */
	long maxrun;               /* MaxQueueRunSize, 0 = unlimited */
	struct mq_filter filters[MQ_MAXFILTERS];
	int nfilters;
	char *dirs[MQ_MAXDIRS];    /* expanded queue directories in order */
	int ndirs;
	int ngroups;
};

/* One control file as read for the listing (a worker of mailq_list.c fills
 * it; mailq_print.c formats it). */
struct mq_src {
	const char *name;  /* file name: qf<ID> (hf, Qf) */
	const char *data;  /* qf image (NUL-terminated), NULL if unreadable */
	size_t len;
	int err;           /* errno of the open, 0 ok */
	int lock;          /* its lock is held by another process */
	long dfsize;       /* size of the df, -1 if it could not be stat'ed */
	int dferr;         /* errno of that stat */
};

/* ctime()'s first 16 bytes for one local hour [lo, hi) (one per thread). */
struct mq_tcache {
	time_t lo, hi;
	char pfx[16];      /* "Www Mmm dd hh:" (14 bytes used) */
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
/* mailq_print.c: append one job's entry, packed (every line, each ended
 * by '\n') to out; dfshow is shown before "df<ID>" in the reference's "cannot
 * open" message ("./" or "df/"). */
struct str;
/* strtol(p, NULL, 10), without its locale work (hot path). */
long mailq_atol(const char *p);
void mailq_format_job(const struct mq_opts *o, const char *dfshow,
		      const struct mq_src *s, struct mq_tcache *tc, struct str *out);
/* mailq_print.c: entries are kept packed (see mailq_print.c) and
 * unpacked into an output block written to fp when full (mailq_oflush
 * writes out the rest). */
struct mq_obuf {
	char *b;
	size_t len, cap;
	FILE *fp;
};
void mailq_unpack(const char *s, size_t n, struct mq_obuf *o);
void mailq_oflush(struct mq_obuf *o);
#endif
