/* submit_int.h - internals shared by submit*.c: the collected message and
 * the envelope under construction. Not for other modules (they use
 * submit.h). */
#ifndef SM_SUBMIT_INT_H
#define SM_SUBMIT_INT_H
#include <stdio.h>
#include <time.h>
#include "submit.h"
#include "header.h"
#include "recipient.h"
#include "macro.h"
#include "../libsmutil/str.h"

struct submit_msg {
	struct hdr_list hl;       /* cf defaults + the message's fields */
	struct str body;          /* df bytes */
	size_t msgsize;           /* bytes read (after dot handling) */
	int eightbit;             /* a byte >= 0200 was seen */
	int toolarge;             /* header block beyond MaxHeadersLength */
	struct str trace;         /* -X: the input as the traffic log shows it */
};

struct submit_env {
	const struct submit_req *rq;
	struct config *cf;
	struct submit_msg msg;
	struct macros mac;
	struct rw_ctx rc;
	struct rcpt_list rl;
	char *sender;             /* S line ("root", "<>", as given) */
	char *fsender;            /* $f: the sender through rulesets 3, 1, 4 */
	struct rcpt *sparsed;     /* the parsed sender (until the MeToo step) */
	char *auth;               /* A line or NULL */
	char *fullname;           /* $x or NULL */
	int nullsender;
	int nargv;                /* top-level recipients from argv */
	char *firstmsg;           /* M line: the first failure's text */
	time_t now;
	time_t idtime;            /* the stamp the ID was made with */
	char id[32];              /* picked before collecting, as the reference */
	struct str xscript;       /* submission errors with codes (DSN transcript) */
	int hopfail;              /* MaxHopCount exceeded: every rcpt failed */
	int tfail;                /* -t and a recipient failed: the reference
	                           * prints the error whatever ErrorMode, mails
	                           * the bounce back, and keeps the message
	                           * queued (qf flags without 's') */
	char *hopline;            /* its transcript line, or NULL */
	int from_mailer;          /* the sender's mailer number (-1 unknown) */
	struct hdr *awsender;     /* the "set sender" warning, or NULL */
	FILE *cap;                /* submission messages being captured */
	long xsplit;              /* -X: capture offset after the argument
	                           * recipients (the input is logged there) */
	int traced;               /* -X: the input has been logged */
	int norcpt;               /* "No recipient addresses found in header" */
};

/* submit_collect.c: read the message (header block + body). 0 or EX_. */
int submit_collect(const struct submit_req *rq, const struct config *cf,
		   struct submit_msg *m);
void submit_msg_free(struct submit_msg *m);

/* submit_input.c: the input state machine over raw (n bytes): the
 * message bytes into out (CRLF -> LF, a bare CR kept, ".." -> "." and a
 * lone "." ending the input unless igndots, a CR or "." pending at the
 * end dropped); when trace is not NULL, the -X log of the reading into
 * it (prefix opening each line, "[EOF]" at the end of the input, a byte
 * read again after a CR twice). 1 when a lone dot ended the input. */
int submit_input_scan(const char *raw, size_t n, int igndots, struct str *out,
		      struct str *trace, const char *prefix);

/* submit_macros.c: the envelope's macros ($a $b $d $t $f $g $x $_ ...). */
void submit_macros(struct submit_env *se);
/* sendmail's arpadate for t into out. */
void submit_arpadate(struct str *out, time_t t);

/* submit_qf.c: the qf image of the envelope (sendmail's queueup order). */
void submit_qf_build(struct submit_env *se, struct qf_env *qf);
/* "RFC822; addr@$j" of the top-level address q came from (r line). Heap. */
char *submit_final(const struct submit_env *se, const struct rcpt *q);
/* The priority (P line) of the envelope. */
long submit_priority(const struct submit_env *se);
/* Recipient count for P (and nrcpts=): live or failed leaves. */
int submit_nrcpts(const struct submit_env *se);
/* The message size counted for P and the statistics. */
long submit_msgsize(const struct submit_env *se);
/* The Precedence class of the message (0 none). */
int submit_class(const struct submit_env *se);

/* submit_sender.c: the envelope sender (S, $f, $x, A; the -f check). */
void submit_sender(struct submit_env *se);
/* RFC 3461 xtext of s appended to out ("+" "=" and non-graphic bytes as
 * "+XX"). */
void submit_xtext(struct str *out, const char *s);

/* submit_auth.c: X-Authentication-Warning fields (see there). Before
 * collecting: the fields after the cf defaults; after parsing the sender:
 * the sender's field kept, or dropped when the sender is the user. */
void submit_auth_begin(struct submit_env *se);
/* The process's warnings (queue directory, -C; NULL = none), for every
 * envelope made after this call. */
void submit_auth_process(const char *realuser, const char *queue, const char *cf);
void submit_auth_sender(struct submit_env *se, const struct rcpt *sender);
/* Is the -f sender the user himself: given exactly realuser, or a local
 * address whose user (parsed, a +detail ignored) is realuser? */
int submit_auth_self(const char *realuser, const char *given, const char *mailer,
		     const char *user);

/* submit_log.c: syslog lines and StatusFile counters of a submission. */
/* A failed recipient's reply code, status and text (from the transcript). */
void submit_reason(const struct submit_env *se, const struct rcpt *q, char *code,
		   size_t codesz, char *status, size_t stsz, char *text, size_t textsz);
void submit_log_failures(struct submit_env *se);
/* "from=" line (not for a DSN) and the "from" counters. */
void submit_log_from(struct submit_env *se);
/* "stat=queued" lines when DeliveryMode leaves the message queued. */
int submit_stays_queued(struct submit_env *se);
void submit_log_queued(struct submit_env *se, int verbose);
#endif
