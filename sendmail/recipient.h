/* recipient.h - the recipient list of an envelope (sendmail's sendq):
 * sendtolist / recipient with duplicate suppression, alias expansion
 * through the "aliases" map, ruleset 5, local user lookup, .forward
 * (forward.c) and :include: (include.c). Messages go through err.h. */
#ifndef SM_RECIPIENT_H
#define SM_RECIPIENT_H
#include <sys/types.h>
#include "parseaddr.h"

/* states (sendmail's QS_*) */
enum rcpt_state {
	RS_OK, RS_VERIFIED, RS_QUEUEUP,                 /* sendable */
	RS_DONTSEND, RS_BADADDR, RS_EXPANDED, RS_INCLUDED,
	RS_DUPLICATE, RS_REPLACED, RS_SENDER, RS_REMOVED /* dead */
};

/* flags (sendmail's Q*) */
#define RQ_PRIMARY    0x0001  /* given on the command line / top level */
#define RQ_RCPTOK     0x0002  /* recipient() finished with it */
#define RQ_SELFREF    0x0004  /* references itself through an alias */
#define RQ_GOODUID    0x0008  /* uid/gid are valid */
#define RQ_BOGUSSHELL 0x0010  /* owner has no valid shell */
#define RQ_UNSAFEADDR 0x0020  /* came from an unsafe file */
#define RQ_THISPASS   0x0040  /* touched in this top-level pass */
#define RQ_QUOTED     0x0080  /* \user: no aliasing, no .forward */
#define RQ_NOTCOUNTED 0x0100  /* a refused program: not in the envelope's
                               * recipient count (priority, nrcpts=) */

struct rcpt {
	struct address a;          /* mailer, host, user, paddr */
	int state;                 /* RS_* */
	unsigned flags;            /* RQ_* */
	struct rcpt *alias;        /* the address this one came from */
	struct rcpt *next;         /* list order */
	char *owner;               /* owner-X value of an expanded list */
	char *home, *ruser;
	uid_t uid;
	gid_t gid;
	char *ecodes;              /* a failed entry's last message: its codes */
	char *etext;               /* ("550 5.1.1") and text, NULL if none */
};

struct rcpt_list {
	struct rw_ctx *rc;
	struct rcpt *head;
	struct rcpt *junk;         /* entries not on the list (freed with it) */
	int noalias;               /* -n */
	int maxrecursion;          /* MaxAliasRecursion (10) */
	int maxforward;            /* MaxForwardEntries (0 = no limit) */
	int nrcpts;
	int newstyle;              /* a top-level list had , ; < ( */
	struct rcpt **tail;        /* where the next entry is appended */
	struct htab *dupidx;       /* same-address index: key -> struct rcpt_bucket */
	int refused;               /* a program/file/include target was refused
	                            * (5.7.1): a submission with no other
	                            * error status exits EX_USAGE */
	char *emsg;                /* the envelope message the reference keeps:
	                            * the last "User unknown" or refused
	                            * program/file/include ("addr... text") */
};

int recipient_sendable(int state);
/* sendmail's QS_IS_DEAD: expanded, replaced, duplicate... (not failed). */
int recipient_dead(int state);
/* Initialise an empty list for rc (options read from rc->cf). */
void recipient_init(struct rcpt_list *rl, struct rw_ctx *rc);
void recipient_free(struct rcpt_list *rl);
/* Free one entry that is on no list. */
void recipient_free_one(struct rcpt *r);
/* Parse the comma-separated list and add every address (ctl = parent,
 * NULL at top level); returns the number of addresses that went through
 * recipient_add (whatever their final state; loop-dropped ones not). */
int recipient_sendtolist(struct rcpt_list *rl, const char *list,
			 struct rcpt *ctl, int level);
/* Add one parsed address (sendmail's recipient()); returns the entry
 * that represents it in the list (an earlier duplicate, or r). */
struct rcpt *recipient_add(struct rcpt_list *rl, struct rcpt *r, int level);
/* Index r under its (mailer, user, host) so duplicates are found without
 * scanning the list; call again after r's user changes. */
void recipient_index(struct rcpt_list *rl, struct rcpt *r);
/* Entries indexed under the same key as r, in the order they were added
 * (NULL-terminated view into the index; do not keep across additions). */
struct rcpt **recipient_candidates(struct rcpt_list *rl, const struct rcpt *r, int *n);
/* sendmail's sameaddr. */
int recipient_same(const struct rcpt *a, const struct rcpt *b);
/* sendmail's setstat for recipient errors: st replaces OK or TEMPFAIL. */
void recipient_setstat(int st);
/* The qf C line of an expanded entry q (q->alias set): the nearest
 * controlling user's name and ids (none for root), the parent's address.
 * Heap. */
char *recipient_ctl_line(const struct rcpt *q);
/* A DSN's X-Actual-Recipient value for user u of mailer m: "type; u",
 * an rfc822 one qualified with @jn. Heap. */
char *recipient_actual(const struct mailer *m, const char *u, const char *jn);
/* Whether r came from an alias (the qf's A flag): its parent is neither
 * an :include: file nor a local user whose .forward it is read from. */
int recipient_from_alias(const struct rcpt *r);
/* Nearest ancestor (or r itself) with a good uid; NULL if none. */
struct rcpt *recipient_ctladdr(struct rcpt *r);

/* recipient_local.c */
/* Alias lookup of the recipient (alias()). */
void recipient_alias(struct rcpt_list *rl, struct rcpt *r, int level);
/* Ruleset 5 for local names (maplocaluser). */
void recipient_rs5(struct rcpt_list *rl, struct rcpt *r, int level);
/* The local user check and .forward (the F=w part of recipient());
 * buf = the unquoted user. Returns 1 when the user name changed (fuzzy
 * match) and the entry must be aliased again. */
int recipient_local(struct rcpt_list *rl, struct rcpt *r, int level, char *buf, int quoted);
/* sendmail's usershellok. */
int recipient_shellok(struct rcpt_list *rl, const char *user, const char *shell);
/* Look an alias key up in the "aliases" map: malloc'd value or NULL;
 * *stat MAPS_OK / MAPS_TEMPFAIL. */
char *recipient_aliaslookup(struct rcpt_list *rl, const char *key, int *stat);

/* forward.c: search ForwardPath for the user's forward file. */
void forward_user(struct rcpt_list *rl, struct rcpt *user, int level);
/* include.c: read an :include: (forwarding=0) or .forward file;
 * returns 0 or an errno-like code. */
int include_file(struct rcpt_list *rl, const char *fname, int forwarding,
		 struct rcpt *ctl, int level);
/* DefaultUser's uid/gid (default 1:1). */
void include_defuser(const struct config *cf, uid_t *uid, gid_t *gid);
/* sendmail's transienterror: the error may go away (queue, don't bounce). */
int include_transient(int err);
#endif
