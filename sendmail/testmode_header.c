/* testmode_header.c - the -bt "/header" command: sendmail's chompheader
 * as far as -bt shows it (syntax check, the known-header flag table, the
 * empty-value rule for cf default headers), printing "ul = %#0.8lx".
 * Touches stdout and the exit status (via err.h) only. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include "testmode.h"
#include "err.h"
#include "meta.h"
#include "../libsmutil/poison.h"

/* header flag bits (sendmail's H_*, values as observed) */
#define TH_RCPT       0x00000002UL
#define TH_RESENT     0x00000008UL
#define TH_ACHECK     0x00000020UL
#define TH_FORCE      0x00000040UL
#define TH_TRACE      0x00000080UL
#define TH_FROM       0x00000100UL
#define TH_RECEIPTTO  0x00000400UL
#define TH_ERRORSTO   0x00000800UL
#define TH_CTE        0x00001000UL
#define TH_CTYPE      0x00002000UL
#define TH_BCC        0x00004000UL
#define TH_ENCODABLE  0x00008000UL
#define TH_BINDLATE   0x00020000UL
#define TH_USER       0x00040000UL

static const struct { const char *name; unsigned long flags; } th_table[] = {
	{ "resent-from", TH_FROM | TH_RESENT },
	{ "resent-sender", TH_FROM | TH_RESENT },
	{ "resent-reply-to", TH_FROM | TH_RESENT },
	{ "resent-to", TH_RCPT | TH_RESENT },
	{ "resent-cc", TH_RCPT | TH_RESENT },
	{ "resent-bcc", TH_RCPT | TH_BCC | TH_RESENT },
	{ "resent-date", TH_RESENT },
	{ "resent-message-id", TH_RESENT },
	{ "from", TH_FROM },
	{ "sender", TH_FROM },
	{ "reply-to", TH_FROM },
	{ "disposition-notification-to", TH_FROM },
	{ "to", TH_RCPT },
	{ "cc", TH_RCPT },
	{ "bcc", TH_RCPT | TH_BCC },
	{ "apparently-to", TH_RCPT },
	{ "errors-to", TH_FROM | TH_ERRORSTO },
	{ "return-receipt-to", TH_RECEIPTTO },
	{ "return-path", TH_FORCE | TH_ACHECK | TH_BINDLATE },
	{ "received", TH_TRACE | TH_FORCE },
	{ "x400-received", TH_TRACE | TH_FORCE },
	{ "via", TH_TRACE | TH_FORCE },
	{ "mail-from", TH_TRACE | TH_FORCE },
	{ "x-authentication-warning", TH_FORCE },
	{ "full-name", TH_ACHECK },
	{ "content-length", TH_ACHECK },
	{ "subject", TH_ENCODABLE },
	{ "comments", TH_FORCE | TH_ENCODABLE },
	{ "content-transfer-encoding", TH_CTE },
	{ "content-type", TH_CTYPE },
};

static unsigned long th_flags(const char *name)
{
	for (size_t i = 0; i < sizeof th_table / sizeof th_table[0]; i++)
		if (strcasecmp(name, th_table[i].name) == 0)
			return th_table[i].flags;
	return 0;
}

/* Is there a cf default (H line) for name that an empty user value
 * deletes (sendmail returns 0 then)? */
static int th_nulldefault(const struct config *cf, const char *name)
{
	if (th_flags(name) & TH_FORCE)
		return 0;
	for (const struct hdr_tpl *h = cf->headers; h != NULL; h = h->next)
		if (h->name != NULL && strcasecmp(h->name, name) == 0)
			return 1;
	return 0;
}

static void th_print(unsigned long ul)
{
	if (ul == 0)
		printf("ul = 00000000\n");
	else
		printf("ul = %#010lx\n", ul);
}

void testmode_header(struct tm_state *st, char *line)
{
	char name[MAXLINE];
	char *p = line;
	while (*p != '\0' && (unsigned char)*p < 0200 && isgraph((unsigned char)*p) && *p != ':')
		p++;
	size_t n = (size_t)(p - line);
	while ((unsigned char)*p < 0200 && isspace((unsigned char)*p))
		p++;
	if (*p != ':' || n == 0 || n >= sizeof name) {
		errno = 0;
		err_syserr("553 5.3.0 header syntax error, line \"%s\"", line);
		th_print(0);
		return;
	}
	memcpy(name, line, n);
	name[n] = '\0';
	p++;
	while ((unsigned char)*p < 0200 && isspace((unsigned char)*p))
		p++;
	if (*p == '\0' && th_nulldefault(st->cf, name)) {
		th_print(0);
		return;
	}
	th_print(th_flags(name) | TH_USER);
}
