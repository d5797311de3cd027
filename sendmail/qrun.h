/* qrun.h - queue runs: -q (once), -q<time> (periodic daemon), -qp
 * (persistent runners), -bd with them, -qf (foreground), -q[!]I/R/S/Q
 * selectors, -qG, -qL; scanning every queue directory of the groups,
 * MinQueueAge, QueueSortOrder, MaxQueueRunSize, QueueLA (QueueFactor,
 * RecipientFactor), ForkEachJob; each job goes to job_run; -Q[reason]
 * (un)quarantines the selected jobs. Owner: qrun*.c. */
#ifndef SM_QRUN_H
#define SM_QRUN_H
#include <stddef.h>
#include <time.h>
#include "config.h"
#include "cmdline.h"
#include "../libsmutil/str.h"

/* The -q modes of the command line (ma->qargs); returns the exit status. */
int qrun_main(struct config *cf, const struct main_args *ma);

/* ---- internals shared by qrun*.c (and the unit tests) */
#define QRUN_MAXSEL 64

struct qrun_sel {             /* one -q[!]X<text> selector */
	char letter;          /* I R S Q */
	int negate;
	const char *text;
};

struct qrun_opts {
	int once;             /* -q / -q0: one run */
	long interval;        /* -q<time>: seconds (> 0 periodic) */
	int persistent;       /* -qp[<time>] */
	int foreground;       /* -qf */
	int quarantined;      /* -qQ or a -qQ<text>: work on hf files */
	int lost;             /* -qL: work on Qf files */
	const char *group;    /* -qG<name> or NULL */
	struct qrun_sel sel[QRUN_MAXSEL];
	int nsel;
	int verbose;
	const char *quarantine; /* -Q<reason> ("" = unquarantine), NULL none */
};

/* qrun_args.c: parse the -q arguments ("-q30m", "-q!Ifoo"; "-A..."
 * entries are skipped). Prints the reference's messages; returns 0 or the
 * exit status (64). */
int qrun_args_parse(struct qrun_opts *o, char *const *args, int nargs);

struct qrun_job {
	char *name;           /* "qf<ID>" (or hf/Qf) */
	const char *qdir;     /* its queue directory (the caller's string) */
	char kind;            /* q h Q */
	long pri;
	time_t ctime;         /* T */
	time_t atime;         /* K (last attempt) */
	time_t mtime;         /* file modification time */
	char *host;           /* first recipient's domain, lower case ("" none) */
	int locked;
	int tooyoung;         /* MinQueueAge */
	int unread;           /* gathered without reading the control file */
	long rnd;
};

struct qrun_list {
	struct qrun_job *jobs;
	size_t n, cap;
};

/* qrun_select.c: does the qf image (lines parsed) match the selectors? */
struct qf_env;
int qrun_select(const struct qrun_opts *o, const char *id, const struct qf_env *e);
/* How one directory is scanned: MinQueueAge (minage seconds, at now),
 * MaxQueueRunSize (maxrun > 0 cuts the list in readdir order), the
 * QueueLA filter (cf non-NULL: jobs qrun_shouldqueue at la are left out)
 * and noread (qrun_noread: names and mtimes only). */
struct qrun_scan {
	const struct config *cf;
	int la;
	long maxrun, minage;
	time_t now;
	int noread;
};
/* Append the jobs of one queue directory to out (readdir order, selected,
 * old enough, cheap enough); qrun_sort then orders a group's list by the
 * QueueSortOrder letter (p h t f r m s n). */
void qrun_gather(const struct qrun_opts *o, const char *qdir, const struct qrun_scan *sc,
		 struct qrun_list *out);
/* Does the order (with these selectors) leave the control files unread? */
int qrun_noread(const struct qrun_opts *o, char order);
void qrun_sort(struct qrun_list *l, char sortorder);
void qrun_list_free(struct qrun_list *l);
/* The QueueSortOrder option as a letter (p default). */
char qrun_sortorder(const struct config *cf);

/* qrun_dirs.c: the queue directories to run, in order (groups: the
 * default group mqueue = QueueDirectory first, then Q lines; qd*
 * expanded). group: -qG name or NULL. (*groups_r)[i] is the group number
 * of dir i (one work list per group). Returns the count, -1 unknown group
 * (message printed). Free with qrun_dirs_free. */
int qrun_dirs(const struct config *cf, const char *group, char ***dirs_r, int **groups_r);
void qrun_dirs_free(char **dirs, int *groups, int n);
/* The name a queue run shows for a directory (the reference prints
 * "<qdir>/df" when the df files have their own subdirectory). */
const char *qrun_dirs_show(struct str *out, const char *qdir);

/* qrun_quar.c: -Q: (un)quarantine the selected jobs of every directory;
 * prints the -v report. Returns the exit status. */
int qrun_quarantine(struct config *cf, const struct qrun_opts *o);

/* qrun_la.c: the load average (/proc/loadavg, rounded), -1 unknown. */
int qrun_getla(void);
/* Should a job of priority pri be left in the queue at load la (QueueLA,
 * QueueFactor)? */
int qrun_shouldqueue(const struct config *cf, long pri, int la);
/* Is la too high for any queue run (RecipientFactor would be queued)? */
int qrun_la_toohigh(const struct config *cf, int la);

/* qrun_daemon.c: -q<time> / -qp (and -bd with them): the queue runner
 * daemon. */
int qrun_daemon(struct config *cf, const struct qrun_opts *o,
		const struct main_args *ma);
/* qrun.c: one -q run: skipped when the load average is too high, else
 * qrun_pass. */
int qrun_once(struct config *cf, const struct qrun_opts *o);
/* qrun.c: one pass over every directory, *la the load average (updated
 * as jobs run); returns how many jobs were found to work on. */
size_t qrun_pass(struct config *cf, const struct qrun_opts *o, int *la);
/* qrun_title.c: the command line as typed (av NULL-terminated, line
 * joined by spaces; returns the count), read before any title is set;
 * qrun_title_init makes the argument area writable (moving the
 * environment away; argv's strings are unusable after it); qrun_title
 * sets "sendmail: <text>" as ps shows it. */
int qrun_title_argv(char ***av, struct str *line);
void qrun_title_init(void);
void qrun_title(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* qrun.c: syslog a line if LogLevel >= level. */
void qrun_log(const struct config *cf, int level, int pri, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#endif
