/* forward.c - .forward handling for local users (sendmail's forward()):
 * ForwardPath searched in order with $z/$u/$h expanded per user; the
 * first file include_file accepts is used. Touches the runtime macros
 * ($z $u $h) and err.h state. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "recipient.h"
#include "options.h"
#include "macro.h"
#include "err.h"
#include "../libsmutil/safefile.h"
#include "../libsmutil/str.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* Handle a failed forward file; returns 1 if the error was transient. */
static int forward_error(struct rcpt_list *rl, const char *path, int err)
{
	struct stat st;
	if (include_transient(err)) {
		err_message("%s: %s: message queued", path, safefile_strerror(err));
		return 1;
	}
	if (err == ENOENT)
		return 0;
	if ((err == E_SM_WWDIR || err == E_SM_GWDIR) && stat(path, &st) < 0 &&
	    errno == ENOENT &&
	    options_dbs(rl->rc->cf, "dontwarnforwardfileinunsafedirpath"))
		return 0;
	err_message("forward: %s: %s", path, safefile_strerror(err));
	return 0;
}

/* The ForwardPath (a cf value already has its macro references as
 * internal bytes; a -O value keeps '$' literal, as in the reference). */
static char *forward_path(const struct config *cf)
{
	const char *fp = option_str(cf, "ForwardPath", NULL);
	return mem_strdup(fp != NULL ? fp : "\201z/.forward");
}

void forward_user(struct rcpt_list *rl, struct rcpt *user, int level)
{
	struct macros *mac = rl->rc->mac;
	int transient = 0, found = 0;
	if (!mailer_flag(user->a.mailer, 'w') || user->state != RS_OK)
		return;
	char *path = forward_path(rl->rc->cf);
	if (path[0] == '\0') {
		mem_free(path);
		return;
	}
	if (user->home == NULL) {
		errno = 0;
		err_syserr("554 5.3.0 forward: no home");
		user->home = mem_strdup("/no/such/directory");
	}
	macro_set(mac, 'z', user->home);
	macro_set(mac, 'u', user->a.user);
	macro_set(mac, 'h', user->a.host);
	for (char *pp = path, *ep; pp != NULL && !found; pp = ep) {
		ep = strchr(pp, ':');
		if (ep != NULL)
			*ep++ = '\0';
		struct str buf;
		str_init(&buf, 0);
		macro_expand(&buf, pp, mac);
		if (buf.s[0] != '\0') {
			int err = include_file(rl, buf.s, 1, user, level);
			if (err == 0)
				found = 1;
			else
				transient |= forward_error(rl, buf.s, err);
		}
		str_free(&buf);
	}
	mem_free(path);
	if (!found && transient) {
		err_set_addr(user->a.paddr);
		err_message("transient .forward open error: message queued");
		user->state = RS_QUEUEUP;
	}
}
