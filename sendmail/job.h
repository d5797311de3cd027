/* job.h - one delivery attempt of one queued message: read qf + df (the
 * caller may hold the lock), parse each pending recipient to its mailer
 * triple, run the mailers (fork/exec with A= argv, *file*, prog,
 * *include*), produce the headers per mailer (H?flags? conditions, late
 * macros such as Return-Path, header address rewriting through S=/R=),
 * map exit codes to states, then rewrite the qf (deferred recipients,
 * K/N/P/M lines) or remove qf+df (nothing left), update host status and
 * statistics, log, and hand failures to dsn.h. Owner: job*.c, deliver*.c. */
#ifndef SM_JOB_H
#define SM_JOB_H
#include <stddef.h>
#include <time.h>
#include "config.h"
#include "../libsmutil/qf.h"
#include "../libsmutil/str.h"

#define JOB_VERBOSE     0x01  /* -v: progress and SMTP dialogue on stdout */
#define JOB_INTERACTIVE 0x02  /* in the submitting process (-odi/-odb) */
#define JOB_QUEUERUN    0x04  /* from a queue run (retry bookkeeping) */
#define JOB_NOLOCK      0x08  /* the caller holds the lock (lockfd) */
#define JOB_NEWDSN      0x10  /* a DSN this process just queued (no
                               * RetryFactor added to its priority) */
#define JOB_OWNDF       0x80  /* a DSN this process wrote (its df too):
                               * a rewrite records the df's I line */
#define JOB_SHOWERR     0x40  /* a foreground queue run (-qf): error
                               * lines on stdout even without -v */
#define JOB_NOFROMFLAG  0x20  /* in the submitting process without -f/-r:
                               * F=f/F=r mailers get no "-f $g" (the
                               * reference's FromFlag; queue runs set it) */

/* recipient states after an attempt */
enum job_rstate {
	JR_PENDING,     /* not tried yet in this attempt */
	JR_SENT,        /* delivered now (or F=... success) */
	JR_DEFERRED,    /* temporary failure: stays in the queue */
	JR_FAILED,      /* permanent failure: goes into a DSN */
	JR_DONE,        /* already done before this attempt (not in the qf) */
};

struct job_rcpt {
	size_t rline;           /* index of its R line in env.lines, or
	                         * (size_t)-1 for one that never was queued
	                         * (failed at submission) */
	char *addr;             /* printable address (R line text) */
	char *orcpt;            /* Q line or NULL */
	char *final;            /* r line ("RFC822; a@b") or NULL */
	char *ctl;              /* C line or NULL */
	char *rflags;           /* the R line's flags ("PFD"), NULL none */
	int nolog;              /* failed or queued while expanding (the
	                         * reference logs no to= line for it) */
	char *actual;           /* the DSN's X-Actual-Recipient value of an
	                         * expansion failure ("X-Unix; /f"), NULL */
	char *expfrom;          /* the DSN's "expanded from": the parent's
	                         * address (the C line's), NULL: the r line */
	char *logctl;           /* the log's ctladdr ("root (0/0)") of an
	                         * entry expanded in this run, NULL: C line */
	int userunknown;        /* "User unknown" while expanding: logged as
	                         * the reference's recipient() does (reply=,
	                         * no xdelay, the parent as ctladdr) */
	unsigned notify;        /* SUBMIT_NOTIFY_* from the R flags */
	int state;              /* enum job_rstate */
	int exitstat;           /* EX_* of this attempt (0 ok) */
	char *status;           /* DSN status "5.1.1" (NULL until known) */
	char *diag;             /* the other side's reply ("550 5.1.1 User
	                         * unknown"), NULL when only an exit code */
	char *stat;             /* the log's stat= text ("Sent", "Deferred:
	                         * ...", "User unknown"), NULL */
	char *logdsn;           /* the log's dsn= when it is not status: a
	                         * temporary failure logs giveresponse's
	                         * "4.0.0", its DSN shows 4.2.0/4.5.0 */
	char *mailer;           /* mailer name used */
	char *host;             /* relay / host, NULL */
	char *relay;            /* the log's relay= ("name [addr]"), NULL */
	char *user;             /* the $u the mailer got */
	time_t lastattempt;
	unsigned logseq;        /* order of completion (syslog order) */
};

struct job {
	struct config *cf;
	char *qdir;
	unsigned subdirs;       /* QF_SUB_* of qdir */
	char id[QF_ID_MAX];
	int lockfd;             /* exclusive lock on the qf (-1 none) */
	struct qf_env env;      /* the queue image (kept in sync for rewrite) */
	char *dfpath;
	time_t now;
	unsigned flags;         /* JOB_* */
	struct job_rcpt *r;
	size_t nr;
	struct str transcript;  /* error transcript (sendmail's xf): the
	                         * "Transcript of session follows" text */
	char *emsg;             /* last error text (the qf M line), NULL */
	unsigned nlogged;       /* completions so far (job_rcpt.logseq) */
	int abandoned;          /* the attempt stopped where the reference
	                         * dies (8-bit body, F=7 mailer, no MIME):
	                         * the job is left as it was */
	int pm_notify;          /* a mailer exited EX_SOFTWARE (70) or
	                         * EX_CONFIG (78): the reference then sends
	                         * the failure DSN to the sender AND to
	                         * postmaster in one message (a To: line
	                         * each) -- for dsn.c to honour */
	int xstat;              /* the reference's ExitStat: the first
	                         * mailer status that was neither success
	                         * nor EX_TEMPFAIL (0 if none) */
};

/* Run one attempt on qdir/qf<id>. lockfd: the caller's exclusive lock
 * (with JOB_NOLOCK; job_run then owns and closes it), else job_run locks
 * and returns EX_TEMPFAIL without touching anything if the job is busy.
 * Returns the worst sysexits status of this attempt (0 = all delivered,
 * 75 = something still queued). DSNs/dead.letter per ErrorMode. */
int job_run(struct config *cf, const char *qdir, const char *id, int lockfd,
	    unsigned flags);
/* job_run, also giving the exit status the reference's process would
 * have after it (its ExitStat: see struct job's xstat; without one, a
 * permanent failure's status; 0 when all went or stays queued). */
int job_run_stat(struct config *cf, const char *qdir, const char *id, int lockfd,
		 unsigned flags, int *xstat);

/* Load qf+df of a job into j (no delivery): 0 ok, -1 with *error_r. */
int job_load(struct job *j, struct config *cf, const char *qdir, const char *id,
	     const char **error_r);
void job_free(struct job *j);
/* Append one line to the transcript (sendmail's xf lines). */
void job_transcript(struct job *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Added by the delivery helper (job_load.c): */
/* Rebuild j->r from j->env (every R line pending). */
void job_load_rcpts(struct job *j);
void job_rcpt_free(struct job_rcpt *r);
/* Remember the envelope's last error text (qf M line on rewrite). */
void job_set_message(struct job *j, const char *msg);
/* job_finish.c: after an attempt, rewrite the qf keeping the deferred
 * recipients (K N P I M lines) or remove qf+df when nothing is left.
 * 0 ok, -1 (message printed). */
int job_finish(struct job *j);
/* job_expand.c: a queue run's recipient expansion (the reference's
 * readqf calling recipient() per R line): aliases, :include: with the C
 * line's controlling user, .forward, duplicates. Rebuilds j->r; src[i]
 * (allocated, j->nr entries) is the list entry j->r[i] resolves from,
 * NULL for one that failed to parse (j->r[i] then has its state). rl
 * stays in use until the caller frees it (recipient_free). */
struct deliver_ctx;
struct rcpt_list;
struct rcpt;
struct rw_ctx;
void job_expand(struct deliver_ctx *dc, struct rw_ctx *xrc, struct rcpt_list *rl,
		struct rcpt ***src);
/* job_run.c: parse r's address for delivery; 0 with *a filled, -1 when
 * it failed (state, status, transcript set). */
struct address;
int job_parse_rcpt(struct deliver_ctx *dc, struct job_rcpt *r, struct address *a);
/* job_log.c: syslog lines (to=, stat=...) and StatusFile statistics. */
void job_log(struct job *j);
/* The priority of this attempt: P plus RetryFactor in a queue run (not
 * for a DSN just queued), as logged (pri=) and rewritten (P line). */
long job_priority(const struct job *j);
#endif
