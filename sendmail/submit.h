/* submit.h - a new message into the queue: the one front door to the
 * queue writer for every entry point (command line -bm, DSNs, later SMTP
 * and the fetch module). Collects the message (header block + body),
 * applies sendmail's header processing (H lines, Received, Date,
 * Message-Id, From, Full-Name, hop count, -t recipients, Bcc), expands
 * the recipients (aliases, .forward, :include: through recipient.c),
 * writes df + qf via libsmutil/queue_write (sendmail's qf image), then
 * hands the job to delivery per DeliveryMode. Owner: submit*.c. */
#ifndef SM_SUBMIT_H
#define SM_SUBMIT_H
#include <stddef.h>
#include "config.h"
#include "cmdline.h"
#include "../libsmutil/qf.h"

#define SUBMIT_TFLAG   0x0001  /* -t: recipients from To:/Cc:/Bcc: (argv ones excluded) */
#define SUBMIT_IGNDOTS 0x0002  /* -i: a lone '.' does not end the input */
#define SUBMIT_NOALIAS 0x0004  /* -n */
#define SUBMIT_DSN     0x0008  /* a DSN/bounce: sender <>, qf flag 'r' */
#define SUBMIT_VERBOSE 0x0010  /* -v */
#define SUBMIT_8BIT    0x0020  /* set by submit: the body had 8-bit bytes */
#define SUBMIT_RELAY   0x0040  /* -G: ${daemon_flags} "CC f" */
#define SUBMIT_HOPSET  0x0080  /* -h given: hopcount replaces the count of
                                * the reference's own Received header */

/* DSN NOTIFY bits (-N, qf R flags N S F D) */
#define SUBMIT_NOTIFY_SUCCESS 0x01
#define SUBMIT_NOTIFY_FAILURE 0x02
#define SUBMIT_NOTIFY_DELAY   0x04
#define SUBMIT_NOTIFY_NEVER   0x08
/* DSN RET (-R) */
#define SUBMIT_RET_FULL 1
#define SUBMIT_RET_HDRS 2

struct submit_req {
	struct config *cf;
	const char *sender;       /* as given; NULL = invoking user; "" / "<>" = null */
	const char *fullname;     /* -F ($x); NULL = from the passwd entry */
	char **rcpts;             /* addresses (each may be a list), NULL-terminated */
	unsigned flags;           /* SUBMIT_* */
	int hopcount;             /* -h */
	const char *bodytype;     /* -B, NULL */
	const char *envid;        /* -V, NULL */
	unsigned notify;          /* SUBMIT_NOTIFY_*, 0 = not given */
	int ret;                  /* SUBMIT_RET_*, 0 = not given */
	const char *proto;        /* $r (-p), NULL */
	const char *rhost;        /* $s (-p proto:host), NULL */
	const char *authinfo;     /* $_ ; NULL = "<user>@localhost" */
	/* the message: a descriptor (read to EOF or a lone '.' line) or,
	 * when infd < 0, a memory image of header block + body */
	int infd;
	const char *inbuf;
	size_t inlen;
	/* command-line submission by the invoking user realuser (NULL for
	 * the MTA's own messages) */
	const char *realuser;
	int fromflag;             /* 'f' / 'r': an untrusted user gave the
	                           * sender (X-Authentication-Warning unless
	                           * the sender is realuser) */
	long msgsize;             /* a DSN: the size the reference counts for
	                           * P and the statistics (1024 + the returned
	                           * original's size, or nothing (-1) when
	                           * only headers go back); 0 = the bytes read */
};

/* The status of a queue write failure is EX_OSERR (71), as the
 * reference's (its collect/queueup messages on stdout). */
struct submit_result {
	char id[QF_ID_MAX];       /* "" when nothing was queued */
	char *qdir;               /* queue directory of the job (heap) */
	int lockfd;               /* exclusive lock on the qf: the caller passes
	                           * it to job_run or closes it (-1 if none) */
	int status;               /* worst recipient status at submission (EX_*) */
	char **dsnids;            /* DSNs queued for submission failures (the
	                           * caller delivers them after the message) */
	size_t ndsn;
	int laqueue;              /* left queued for the load average
	                           * (QueueLA): no delivery now */
	int hold;                 /* leave the message queued: no delivery
	                           * whatever DeliveryMode (a -t recipient
	                           * failed, as the reference) */
};

/* Queue one message. 0 = queued (or nothing left to queue: every
 * recipient failed, res->id ""), else an EX_ code and nothing is left in
 * the queue (EX_TEMPFAIL on queue write failures). Errors are printed per
 * ErrorMode as sendmail does at submission. */
int submit_queue(const struct submit_req *rq, struct submit_result *res);
void submit_result_free(struct submit_result *res);

/* -bm (and the default mode): read stdin, queue, deliver per
 * DeliveryMode (i: here; b: in a child; q/d: leave it queued);
 * returns the process exit status. */
int submit_main(struct config *cf, const struct main_args *ma);
#endif
