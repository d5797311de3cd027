/* options_timeout.c - Timeout.<name> (sendmail's settimeout), the old
 * "Or" list form (inittimeouts) and QueueTimeout ("T5d/4h"). Values are
 * stored as "Timeout.<name>" in cf->options, seconds in num; command
 * line values are sticky per name. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "config.h"
#include "options_int.h"
#include "readcf.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

static const char *const options_tonames[] = {
	"initial", "mail", "rcpt", "datainit", "datablock", "datafinal",
	"command", "rset", "helo", "quit", "misc", "ident", "fileopen",
	"connect", "aconnect", "iconnect", "queuewarn", "queuewarn.*",
	"queuewarn.normal", "queuewarn.urgent", "queuewarn.non-urgent",
	"queuewarn.dsn", "queuereturn", "queuereturn.*", "queuereturn.normal",
	"queuereturn.urgent", "queuereturn.non-urgent", "queuereturn.dsn",
	"hoststatus", "resolver.retrans", "resolver.retrans.first",
	"resolver.retrans.normal", "resolver.retry", "resolver.retry.first",
	"resolver.retry.normal", "control", "lhlo", "auth", "starttls", NULL
};

/* Index of a timeout name, or -1 after the reference's message. */
static int options_toindex(const char *name)
{
	for (int i = 0; options_tonames[i] != NULL; i++)
		if (strcasecmp(options_tonames[i], name) == 0)
			return i;
	errno = 0;
	err_syserr("settimeout: invalid timeout %s", name);
	return -1;
}

/* Store secs for timeout i unless a command-line value holds it. */
static void options_tostore(struct config *cf, int i, const char *val, long secs, int sticky)
{
	struct str k;
	str_init(&k, 0);
	str_printf(&k, "Timeout.%s", options_tonames[i]);
	const struct opt_value *cur = option_get(cf, k.s);
	if (sticky || cur == NULL || !cur->sticky)
		options_store(cf, k.s, val, secs, sticky);
	str_free(&k);
}

/* settimeout(name, val): unknown names are errors; sticky per name. The
 * value is converted once generally, and again (so bad units are
 * reported twice) for queuewarn*, queuereturn* and resolver.retrans*;
 * resolver.retry* counts (atoi). */
static void options_settimeout(struct config *cf, const char *name, const char *val, int sticky)
{
	int i = options_toindex(name);
	if (i < 0)
		return;
	const char *n = options_tonames[i];
	long secs = readcf_util_convtime(val, 'm');
	if (strncmp(n, "queuewarn", 9) == 0)
		secs = readcf_util_convtime(val, 'h');
	else if (strncmp(n, "queuereturn", 11) == 0)
		secs = readcf_util_convtime(val, 'd');
	else if (strncmp(n, "resolver.retrans", 16) == 0)
		secs = readcf_util_convtime(val, 's');
	else if (strncmp(n, "resolver.retry", 14) == 0)
		secs = atoi(val);
	options_tostore(cf, i, val, secs, sticky);
}

/* Old form "Or5m" or "Or mail=5m,rcpt=1h". */
static void options_inittimeouts(struct config *cf, char *val, int sticky)
{
	for (char *p; ; val = p) {
		while (isspace((unsigned char)*val))
			val++;
		if (*val == '\0')
			break;
		for (p = val; *p != '\0' && *p != ','; p++)
			;
		if (*p != '\0')
			*p++ = '\0';
		if (isdigit((unsigned char)*val)) {
			static const char *const all[] = { "mail", "rcpt", "datainit",
				"datablock", "datafinal", "command", "rset", "helo",
				"quit", "misc", "initial", "ident", "fileopen", NULL };
			long secs = readcf_util_convtime(val, 'm');
			for (int i = 0; all[i] != NULL; i++)
				options_tostore(cf, options_toindex(all[i]), val, secs, sticky);
			continue;
		}
		char *q = strchr(val, ':');
		if (q == NULL && (q = strchr(val, '=')) == NULL)
			continue;
		*q++ = '\0';
		options_settimeout(cf, val, q, sticky);
	}
}

int options_special_timeout(struct config *cf, const struct opt_def *o, char *val,
			    const char *sub, int sticky)
{
	if (sub == NULL)
		options_inittimeouts(cf, val, sticky);
	else
		options_settimeout(cf, sub, val, sticky);
	return 0;
}

int options_special_qtimeout(struct config *cf, const struct opt_def *o, char *val,
			     const char *sub, int sticky)
{
	char *p = strchr(val, '/');
	if (p != NULL) {
		*p++ = '\0';
		options_settimeout(cf, "queuewarn", p, sticky);
	}
	options_settimeout(cf, "queuereturn", val, sticky);
	return 0;
}
