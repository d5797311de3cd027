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

/* Queue one DSN of kind about j's recipients in the matching state. */
int dsn_return(struct job *j, int kind, char ***ids, size_t *nids);
#endif
