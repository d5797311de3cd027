/* testmode_sender.c - the -bt "/sender" command: sendmail's setsender as
 * far as -bt shows it. An address that does not parse, resolves to the
 * error mailer or to prog / *file* / *include* is replaced by the
 * invoking user (then "postmaster"); the sender is then run through
 * rulesets 3, 1 and 4. Touches stdout, {addr_type} and the exit status. */
#include <errno.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>
#include "testmode.h"
#include "parseaddr.h"
#include "token.h"
#include "macro.h"
#include "err.h"
#include "../libsmutil/poison.h"

static const char *tsnd_realname(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw != NULL && pw->pw_name != NULL ? pw->pw_name : "postmaster";
}

/* Is m one of the local special mailers a sender may not use? */
int testmode_parse(struct rw_ctx *rc, const char *addr, struct address *a, int flags,
		   int delim)
{
	int before = err_count();
	if (parseaddr(rc, addr, a, flags, delim, NULL) < 0)
		return -1;
	/* sendmail marks an address with control characters bad (hasctrlchar);
	 * parseaddr only reports it, so recognise its message */
	if (a->is_error || (err_count() > before &&
			    strstr(err_last(), "Syntax error in mailbox address") != NULL))
		return 1;
	return 0;
}

/* Parse from as the sender; 0 and *a filled if it is usable. */
static int tsnd_parse(struct rw_ctx *rc, const char *from, int delim, struct address *a)
{
	if (testmode_parse(rc, from, a, RF_COPYALL | RF_SENDERADDR, delim) != 0)
		return -1;
	if (parseaddr_special_mailer(rc->cf, a->mailer)) {
		err_set_addr(from);
		err_usrerr("553 5.1.7 Invalid sender address");
		err_set_addr(NULL);
		return -1;
	}
	return 0;
}

char *testmode_setsender(struct rw_ctx *rc, const char *from)
{
	struct address a;
	int atype = macid("{addr_type}");
	macro_set(rc->mac, atype, "e s");
	int ok = from != NULL && *from != '\0' && tsnd_parse(rc, from, '\0', &a) == 0;
	if (!ok) {
		if (from != NULL && *from != '\0')
			parseaddr_free(&a);
		from = tsnd_realname();
		if (parseaddr(rc, from, &a, RF_COPYALL | RF_SENDERADDR, ' ', NULL) < 0) {
			from = "postmaster";
			if (parseaddr(rc, from, &a, RF_COPYALL | RF_SENDERADDR, ' ', NULL) < 0) {
				errno = 0;
				err_syserr("553 5.3.0 setsender: can't even parse postmaster!");
				memset(&a, 0, sizeof a);
			}
		}
	}
	char *user = mem_strdup(a.user ? a.user : "");
	parseaddr_free(&a);
	parseaddr_sender_rewrite(rc, from);
	macro_set(rc->mac, atype, NULL);
	err_set_addr(from);	/* like the reference, the sender stays in context */
	return user;
}
