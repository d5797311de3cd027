/* dsn.h - what happens to failures: ErrorMode (p print, m mail back,
 * w write, e mail back but exit 0, q quiet), dead.letter, and RFC 3464
 * delivery status notifications in sendmail's format (bounces, delay
 * warnings, return receipts, postmaster copies, double bounces); the
 * queue-age timeouts (Timeout.queuewarn / queuereturn). DSNs are queued
 * through submit_queue and their IDs returned to the caller for delivery.
 * Owner: dsn*.c. */
#ifndef SM_DSN_H
#define SM_DSN_H
#include "job.h"

#define DSN_FAIL    1   /* failed recipients (JR_FAILED) */
#define DSN_DELAY   2   /* delay warning (JR_DEFERRED, queuewarn passed) */
#define DSN_SUCCESS 3   /* return receipt (JR_SENT with NOTIFY=SUCCESS) */

/* After an attempt: apply the timeouts (rcpts past queuereturn become
 * JR_FAILED "Cannot send message for <t>", a delay warning once past
 * queuewarn), then handle failures per ErrorMode: print + dead.letter,
 * or queue a DSN to the sender (postmaster copy, double bounce).
 * IDs of DSNs queued are appended to ids (NULL-terminated heap array,
 * *nids updated); the caller delivers them (job_run). Returns 0 or an
 * EX_ code if a DSN could not be queued (then the job stays queued). */
int dsn_after_attempt(struct job *j, char ***ids, size_t *nids);

/* dsn's own job flag (job.h's JOB_* stay below it): failures are mailed
 * back whatever ErrorMode (no print, no dead.letter), as the reference
 * does for -t recipients failing at submission. */
#define DSN_JOB_MAILBACK 0x1000

/* Queue one DSN of kind about j's recipients in the matching state. */
int dsn_return(struct job *j, int kind, char ***ids, size_t *nids);

/* ---- Needed from submit (not in submit.h): the reference builds the
 * DSN body (MIME boundary "<id>.<epoch>/<$j>") with the DSN's own queue
 * ID, so the ID must exist before submit_queue runs. dsn picks it with
 * qf_id_new and submit_queue, for a SUBMIT_DSN request, must queue under
 * dsn_preset_id() when it is not NULL (and then call dsn_preset_clear). */
const char *dsn_preset_id(void);
void dsn_preset_clear(void);
/* The time the preset ID was made with (its stamp); 0 when none. */
time_t dsn_preset_time(void);
/* The body of a message that has no df (submission failures when nothing
 * was queued): dsn_orig_body uses it when j->dfpath is NULL. The bytes
 * are not copied; NULL clears. */
void dsn_set_body(const char *s, size_t n);

/* The size (header + body bytes) submit counted for message id: a
 * DSN's priority and statistics count 1024 + the returned original's
 * size, as the reference. Without a note (a queue run) the size is
 * derived from the original's P line. */
void dsn_note_size(const char *id, long size);

/* Submission failures of a message this process delivers next (-odi,
 * -odb): kept and merged into that job's recipients (and transcript
 * first) for its dsn_after_attempt, so one DSN tells both, as the
 * reference. Takes r (heap array of n, fields heap) over. */
void dsn_defer_failures(const char *id, struct job_rcpt *r, size_t n, const char *transcript);
/* Where each of those n failures stood: the count of queued recipients
 * (R lines) before it, so the DSN lists all in the order given (call
 * right after dsn_defer_failures; takes pos, a heap array, over). */
void dsn_defer_positions(size_t *pos);

/* ---- the pieces (dsn_text.c, dsn_orig.c), exposed for the unit tests */
struct dsn_spec {
	int kind;               /* DSN_* */
	int postmaster;         /* "Postmaster notify" variant (with id) */
	int pmcopy;             /* a PostmasterCopy (headers only) */
	const char *id;         /* the DSN's queue ID */
	time_t now;             /* its creation time (boundary epoch) */
	const char *to;         /* To: text */
	const char *to2;        /* a second recipient and To: line (the
	                         * postmaster of a j->pm_notify bounce), NULL */
	int mime;               /* SendMimeErrors */
	int hdrs_only;          /* RET=HDRS / return receipt: headers only */
	const char *interval;   /* "4 hours" (DSN_DELAY subject) */
	const char *retlimit;   /* "5 days" (DSN_DELAY transcript) */
	time_t retry_until;     /* Will-Retry-Until (DSN_DELAY) */
};
/* Is recipient i part of a DSN of this kind (state + NOTIFY)? */
int dsn_rcpt_in(const struct job *j, size_t i, int kind);
/* The whole message image (header block, blank line, body). */
void dsn_text_build(const struct job *j, const struct dsn_spec *s, struct str *out);
/* sendmail's arpadate ("Sat, 21 Nov 2026 15:07:01 GMT") into buf. */
const char *dsn_date(time_t t, char *buf, size_t size);
/* A "$" macro of the queue image ("_", "{daemon_flags}"), NULL if none. */
const char *dsn_env_macro(const struct qf_env *e, const char *name);
/* The original's header block as the *file* mailer gets it (address
 * headers rewritten for it, Return-Path's $g the sender via 3, 1, 4). */
void dsn_orig_headers(const struct job *j, struct str *out);
/* The original's body (df); 0 ok, -1 unreadable. */
int dsn_orig_body(const struct job *j, struct str *out);
/* 1 if the original (headers or body) holds 8-bit bytes. */
int dsn_orig_8bit(const struct job *j);
/* Append the message to path as the *file* mailer would (From_ line,
 * headers, body, blank line); 0 ok, -1 with errno. */
int dsn_dead_letter(const struct job *j, const char *path);
#endif
