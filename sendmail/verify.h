/* verify.h - sendmail -bv: resolve and expand the addresses given,
 * print "<addr>... deliverable: mailer M[, host H], user U" or the error
 * per address (with -v the alias/forward expansion messages). */
#ifndef SM_VERIFY_H
#define SM_VERIFY_H
#include "config.h"

#define VERIFY_NOALIAS 0x01   /* -n */

/* Verify addrs (NULL-terminated); output on stdout; returns the exit
 * status. cf->verbose selects -v. */
int verify_main(struct config *cf, char **addrs);
int verify_main_flags(struct config *cf, char **addrs, int flags);
/* The same with the envelope sender of -f/-r (NULL = the invoking user):
 * parsed as sendmail's setsender does (its messages), and removed from
 * the recipients when MeToo is off. */
int verify_main_from(struct config *cf, char **addrs, int flags, const char *from);
/* chdir to the QueueDirectory as sendmail does at startup (-bv, -bi):
 * 0, or prints "can not chdir(Q/): error" on stdout and returns 78. */
int verify_chdir_queue(const struct config *cf);

/* verify_sender.c */
struct rw_ctx;
struct rcpt;
struct rcpt_list;
/* setsender for -bv: the sender entry (state RS_SENDER, heap). */
struct rcpt *verify_sender(struct rw_ctx *rc, const char *from);
/* MeToo off: remove the sender from the recipients; frees it otherwise
 * (on the list it is freed with the list). */
void verify_metoo(struct rcpt_list *rl, struct rcpt *sender);
#endif
