/* deliver.h - one mailer invocation for a group of recipients of a job
 * (sendmail's deliver()): argv from A= with macro expansion, the
 * privilege change, fork/exec (or the *file* writer), the message as the
 * mailer must see it (From_ line, headers per mailer flags, body with E=),
 * the exit status mapped to recipient states and sendmail's texts.
 * Owner: deliver*.c (called from job_run.c). */
#ifndef SM_DELIVER_H
#define SM_DELIVER_H
#include <stdio.h>
#include <sys/types.h>
#include "job.h"
#include "rewrite.h"

/* who the mailer runs as (deliver_priv.c) */
struct deliver_cred {
	int change;             /* 0: keep our ids (F=S or not root) */
	uid_t uid;
	gid_t gid;
	char *user;             /* for initgroups (NULL: setgroups(gid)) */
	char *home;             /* $z, NULL if unknown */
};

/* One delivery: the recipients j->r[idx[0..n-1]] share mailer and host. */
struct deliver_batch {
	const struct mailer *m;
	char *host;             /* NULL for local mailers */
	size_t *idx;
	char **users;           /* $u of each (heap) */
	size_t n;
	const char *ctl;        /* C line of the first (controlling user) */
	struct deliver_cred cred;
};

struct deliver_ctx {
	struct job *j;
	struct rw_ctx *rc;      /* macros: job scope (f g i ...) */
	const char *sender;     /* envelope sender (S line, "" null) */
	int verbose;            /* print progress on stdout */
	int dffd;               /* the df, opened before any id change (-1) */
	char **fromdomain;      /* F=C on the sender's mailer: the tokens
	                         * from the sender's last '@' on (rc->ar) */
	const char *to;         /* the batch being delivered ("a,b"; the
	                         * prefix of messages while writing), NULL */
	int dont_mime;          /* a MIME conversion failed (sendmail's
	                         * EF_DONT_MIME): no more for this job */
};

/* Run one batch; sets the states/texts of its recipients. */
void deliver_batch_run(struct deliver_ctx *dc, struct deliver_batch *b);
void deliver_batch_free(struct deliver_batch *b);

/* deliver_priv.c: the ONE place that decides and applies the ids a
 * mailer runs as. ctl: the C line value "user:uid:gid:ruser" or NULL. */
void deliver_priv_decide(const struct config *cf, const struct mailer *m,
			 const char *ctl, struct deliver_cred *c);
/* The supplementary groups, looked up in the parent before the fork. */
struct deliver_groups {
	size_t n;
	gid_t list[1024];
};
void deliver_priv_groups(const struct deliver_cred *c, struct deliver_groups *g);
/* In the child (system calls only): 0 ok, -1 (errno) if the ids could
 * not be set. */
int deliver_priv_apply(const struct deliver_cred *c, const struct deliver_groups *g);
void deliver_priv_free(struct deliver_cred *c);

/* deliver_msg.c: write the message for mailer m to fd (From_ line when
 * the mailer lacks F=n, headers, blank line, body with E= line ends).
 * Returns 0 or -1 (errno, write error). */
int deliver_msg_write(struct deliver_ctx *dc, const struct mailer *m, int fd,
		      int isfile);
/* The writer's output (deliver_msg.c): one line (no '\n') plus the
 * mailer's line end, cut at L=, F=7 stripped; _bodyline also escapes a
 * leading "From " under F=E; _partial: a body line without its end (the
 * next line written continues it). */
struct deliver_out;
void deliver_msg_line(struct deliver_out *o, const char *p, size_t n);
void deliver_msg_bodyline(struct deliver_out *o, const char *p, size_t n);
void deliver_msg_partial(struct deliver_out *o, const char *p, size_t n);

/* deliver_mime.c: sendmail's MIME 8->7 conversion. wanted: mailer m has
 * F=7, the body is 8-bit (qf F flag 8), no conversion of this job failed
 * and the message is MIME (a MIME-Version header, body type 8BITMIME
 * or EightBitMode=m). walk: otherwise the body is still walked part by
 * part (sendmail's check of MIME headers, on unless MaxMimeHeaderLength
 * is 0/0). body: from the end of the top-level headers (written without
 * Content-Transfer-Encoding when converting): the added headers, the
 * blank line, the body with the part headers rewritten and (convert)
 * every 8-bit leaf re-encoded (quoted-printable or base64). */
int deliver_mime_wanted(const struct deliver_ctx *dc, const struct mailer *m);
int deliver_mime_walk(const struct deliver_ctx *dc);
void deliver_mime_body(struct deliver_ctx *dc, const struct mailer *m,
		       struct deliver_out *o, FILE *df, int convert);

/* deliver_mime78.c: sendmail's limited 7->8 conversion. wanted: mailer
 * m has F=9 but not F=7 and the message is text/plain in base64 or
 * quoted-printable. body: from the end of the top-level headers (written
 * without Content-Transfer-Encoding): the 8bit headers, the blank line,
 * the decoded body. */
int deliver_mime78_wanted(const struct deliver_ctx *dc, const struct mailer *m);
void deliver_mime78_body(struct deliver_ctx *dc, struct deliver_out *o, FILE *df);

/* deliver_status.c: the batch left queued untried (DeliveryMode=d in
 * the submitting process: no connection, no message, stat=queued). */
void deliver_status_queued(struct deliver_ctx *dc, struct deliver_batch *b);
/* deliver_status.c: record the result of exit status st for the batch:
 * states, texts, messages on stdout/transcript like giveresponse. */
void deliver_status(struct deliver_ctx *dc, struct deliver_batch *b, int st,
		    const char *extra);
/* Print/transcribe one message "CODE X.Y.Z text" with the "addr... "
 * prefix rule of sendmail (to may be NULL). */
void deliver_say(struct deliver_ctx *dc, const char *to, const char *code,
		 const char *text);

/* deliver_hdr.c: name as mailer m presents it: rulesets 3, (F=C
 * domain with RF_ADDDOMAIN), 1|2, the S=/R= set, 4, in its crackaddr
 * template (RF_CANONICAL: none). RF_* from parseaddr.h. Heap string. */
char *deliver_remotename(struct deliver_ctx *dc, const char *name,
			 const struct mailer *m, int flags);
/* addr through rulesets 3, 1, 4 as text (sendmail's e_sender; the
 * returned message's $g). Heap string (addr itself if it does not scan). */
char *deliver_sender_text(struct rw_ctx *rc, const char *addr);
/* dc->fromdomain from the envelope sender (F=C on its mailer): the part
 * from the last '@' of deliver_sender_text applied twice. */
void deliver_fromdomain(struct deliver_ctx *dc);
/* An address header "field: value" for mailer m into out (no final
 * newline; folded lines joined by '\n'): each address of value through
 * deliver_remotename (from: a sender header), joined and folded. */
void deliver_commaize(struct deliver_ctx *dc, const struct mailer *m, const char *field,
		      const char *value, int from, int oldstyle, struct str *out);

/* deliver_ipc.c: an [IPC] mailer's batch (to: its e_to text): the
 * connection attempt only for now; states, texts, host status. */
void deliver_ipc(struct deliver_ctx *dc, struct deliver_batch *b, const char *to);

/* deliver_file.c: the *file* mailer for one recipient (path). Returns
 * a sysexits status; messages printed/transcribed. */
int deliver_file(struct deliver_ctx *dc, struct deliver_batch *b, const char *path);
#endif
