/* verify_sender.c - the envelope sender of -bv (sendmail's setsender as
 * far as -bv shows it): -f/-r parsed as a sender (its messages; programs,
 * files and :include:s are "Invalid sender address"), the invoking user
 * as the fallback, rulesets 3, 1 and 4 run on it; and MeToo: with MeToo
 * off the sender is removed from the recipients (recipient_add with the
 * SENDER state). Touches the list, {addr_type} and err.h state. */
#include <ctype.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>
#include "verify.h"
#include "recipient.h"
#include "testmode.h"
#include "token.h"
#include "macro.h"
#include "options.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static const char *vs_realname(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw != NULL && pw->pw_name != NULL ? pw->pw_name : "postmaster";
}

/* Parse from (1 usable); *a filled in either case when parseaddr ran. */
static int vs_parse(struct rw_ctx *rc, const char *from, struct address *a, int *parsed)
{
	*parsed = 0;
	if (from == NULL || *from == '\0')
		return 0;
	int r = testmode_parse(rc, from, a, RF_COPYALL | RF_SENDERADDR, '\0');
	if (r < 0)
		return 0;
	*parsed = 1;
	if (r > 0)
		return 0;
	if (parseaddr_special_mailer(rc->cf, a->mailer)) {
		err_set_addr(from);
		err_usrerr("553 5.1.7 Invalid sender address");
		err_set_addr(NULL);
		return 0;
	}
	return 1;
}

/* Local senders get their passwd entry (the name as in passwd). */
static void vs_local(struct rcpt *s)
{
	if (!mailer_flag(s->a.mailer, 'w') || s->a.user == NULL || s->a.user[0] == '\0')
		return;
	struct passwd *pw = getpwnam(s->a.user);
	if (pw == NULL) {
		char *low = mem_strdup(s->a.user);
		for (char *p = low; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		pw = getpwnam(low);
		mem_free(low);
	}
	if (pw == NULL)
		return;
	mem_free(s->a.user);
	s->a.user = mem_strdup(pw->pw_name);
	s->uid = pw->pw_uid;
	s->gid = pw->pw_gid;
	s->flags |= RQ_GOODUID;
}

struct rcpt *verify_sender(struct rw_ctx *rc, const char *from)
{
	struct rcpt *s = mem_zalloc(sizeof *s);
	int atype = macid("{addr_type}"), parsed;
	macro_set(rc->mac, atype, "e s");
	if (!vs_parse(rc, from, &s->a, &parsed)) {
		if (parsed)
			parseaddr_free(&s->a);
		memset(&s->a, 0, sizeof s->a);
		from = vs_realname();
		if (parseaddr(rc, from, &s->a, RF_COPYALL | RF_SENDERADDR, ' ', NULL) < 0) {
			from = "postmaster";
			if (parseaddr(rc, from, &s->a, RF_COPYALL | RF_SENDERADDR, ' ', NULL) < 0)
				memset(&s->a, 0, sizeof s->a);
		}
	}
	parseaddr_sender_rewrite(rc, from);
	macro_set(rc->mac, atype, NULL);
	err_set_addr(NULL);
	mem_free(s->a.paddr);
	s->a.paddr = mem_strdup(from);
	if (s->a.user == NULL)
		s->a.user = mem_strdup("");
	s->uid = (uid_t)-1;
	s->gid = (gid_t)-1;
	vs_local(s);
	s->state = RS_SENDER;
	return s;
}

void verify_metoo(struct rcpt_list *rl, struct rcpt *sender)
{
	if (option_num(rl->rc->cf, "MeToo", 1) || sender->a.mailer == NULL) {
		recipient_free_one(sender);
		return;
	}
	err_set_file(NULL, 0);
	(void)recipient_add(rl, sender, 0);
}
