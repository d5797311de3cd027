/* parseaddr.h - address parsing: parseaddr (prescan -> ruleset 3 -> 0 ->
 * buildaddr), remotename (3, 1|2, mailer S=/R=, 4), setsender, and
 * crackaddr (header address -> template with $g). */
#ifndef SM_PARSEADDR_H
#define SM_PARSEADDR_H
#include "rewrite.h"
#include "mailer.h"

/* flags (sendmail's RF_*) */
#define RF_SENDERADDR 0x001   /* a sender address (else recipient) */
#define RF_HEADERADDR 0x002   /* a header address (else envelope) */
#define RF_CANONICAL  0x004   /* already canonical: skip ruleset 3 */
#define RF_ADDDOMAIN  0x008
#define RF_COPYPARSE  0x010
#define RF_COPYPADDR  0x020
#define RF_COPYALL    (RF_COPYPARSE | RF_COPYPADDR)

struct address {
	const struct mailer *mailer;  /* never NULL after parse (error mailer) */
	char *host;                   /* NULL if the triple had no $@ */
	char *user;                   /* "" if none */
	char *paddr;                  /* the address as given */
	int status;                   /* EX_ code of an $#error (0 if none) */
	int temp;                     /* error is temporary (4xx / tempfail) */
	int is_error;                 /* resolved to the error mailer */
};

/* The "*error*" pseudo mailer used for failed resolutions. */
const struct mailer *parseaddr_errmailer(void);
/* Parse one address (up to delim at top level); prints the errors like
 * sendmail. Returns 0 with *a filled, -1 if the address could not be
 * tokenized (sendmail's NULL). *delimptr (if not NULL) = where it stopped. */
int parseaddr(struct rw_ctx *rc, const char *addr, struct address *a,
	      int flags, int delim, const char **delimptr);
/* Turn a rewritten triple (starting with $#) into *a (buildaddr). */
void parseaddr_build(struct rw_ctx *rc, char **tv, struct address *a,
		     int flags, const char *addr);
/* Address as the mailer m should see it; *pstat gets the worst rewrite
 * status. Returns a heap string. */
char *parseaddr_remotename(struct rw_ctx *rc, const char *name,
			   const struct mailer *m, int flags, int *pstat);
/* The sender's rulesets 3, 1, 4 (as setsender runs them for $f; only
 * their traces and messages are visible). */
void parseaddr_sender_rewrite(struct rw_ctx *rc, const char *from);
/* Is m one of prog, *file*, *include* (never a valid sender's mailer)? */
int parseaddr_special_mailer(const struct config *cf, const struct mailer *m);
/* DSN code / name / number of an $#error $@ part -> exit status. */
int parseaddr_errstat(const char *s);
void parseaddr_free(struct address *a);
/* sendmail's invalidaddr: addr (up to end, NULL = the whole string) is
 * longer than 255 bytes or holds 0200..0237 bytes (replaced by '?' in
 * place; exit status EX_USAGE). Prints the message; 1 if invalid.
 * in_ctx: addr is also the message context ("addr... " prefix). */
int parseaddr_invalid(char *addr, char *end, int isrcpt, int in_ctx);
/* sendmail's hasctrlchar: control characters outside quoted strings
 * in s (replaced by '?' in place), a trailing backslash (also '?'), or
 * a quoted string left open at the end -> "Syntax error in mailbox
 * address" message; 1 if found. */
int parseaddr_ctrlchar(char *s, int isrcpt);

/* crackaddr.c: the header template for addr: the address proper is
 * replaced by the 0201 'g' macro reference, phrase and comments kept
 * (phrases with special characters quoted). Heap string. colon_ok =
 * ColonOkInAddr; mustquote = MustQuoteChars (NULL = default). */
char *crackaddr(const char *addr, int colon_ok, const char *mustquote);
#endif
