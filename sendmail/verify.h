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
#endif
