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
#include "macro.h"
#include "rewrite.h"
#include "../libsmutil/str.h"
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
#define TH_STRIPCOMM  0x00010000UL  /* header check "$>rs" (not "$>+rs") */
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
		if (h->name != NULL && h->ruleset == NULL && strcasecmp(h->name, name) == 0)
			return 1;
	return 0;
}

/* The header check (H line "name: $>rs") for name: the last one wins. */
static const struct hdr_tpl *th_check(const struct config *cf, const char *name)
{
	const struct hdr_tpl *found = NULL;
	for (const struct hdr_tpl *h = cf->headers; h != NULL; h = h->next)
		if (h->name != NULL && h->ruleset != NULL && strcasecmp(h->name, name) == 0)
			found = h;
	return found;
}

/* sendmail only ever sets the strip-comments flag of a header check:
 * any "$>rs" (without +) for name leaves it set. */
static int th_strip(const struct config *cf, const char *name)
{
	for (const struct hdr_tpl *h = cf->headers; h != NULL; h = h->next)
		if (h->name != NULL && h->ruleset != NULL && !h->keep_comments &&
		    strcasecmp(h->name, name) == 0)
			return 1;
	return 0;
}

#define TH_MAXNAME 256   /* sendmail's MAXNAME: {currHeader} is cut there */

/* Set the macros a header check sees and run it (sendmail's rscheck
 * call in chompheader). */
static void th_runcheck(struct tm_state *st, const char *name, const char *value,
			unsigned long flags, const struct hdr_tpl *chk, int rmcomm)
{
	struct str q;
	size_t k;
	str_init(&q, 0);
	str_addc(&q, '"');
	for (k = 0; value[k] != '\0' && q.len < TH_MAXNAME - 3; k++) {
		char c = value[k];
		if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r')
			c = ' ';
		else if (c == '"')
			str_addc(&q, '\\');
		str_addc(&q, c);
	}
	str_addc(&q, '"');
	k += strlen(value + k);
	macro_set(&st->mac, macid("{currHeader}"), q.s);
	macro_set(&st->mac, macid("{hdr_name}"), name);
	str_clear(&q);
	str_printf(&q, "%zu", k);
	macro_set(&st->mac, macid("{hdrlen}"), q.s);
	str_free(&q);
	macro_set(&st->mac, macid("{addr_type}"),
		  (flags & TH_FROM) ? "h s" : (flags & TH_RCPT) ? "h r" : "h");
	int rf = RSF_COUNT;
	if (!(flags & (TH_FROM | TH_RCPT)))
		rf |= RSF_UNSTRUCTURED;
	if (rmcomm)
		rf |= RSF_RMCOMM;
	/* no "addr... " context in -bt (prescan's own context is temporary
	 * in sendmail) */
	err_set_addr(NULL);
	(void)rewrite_rscheck(&st->rc, chk->ruleset, value, NULL, rf);
	err_set_addr(NULL);
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
	const char *value = ++p;
	while ((unsigned char)*p < 0200 && isspace((unsigned char)*p))
		p++;
	unsigned long flags = th_flags(name);
	const struct hdr_tpl *chk = th_check(st->cf, name);
	if (chk != NULL && th_strip(st->cf, name))
		flags |= TH_STRIPCOMM;
	if (n > 100) {
		/* security scan: long field names are end-of-header (H_EOH) */
		th_print(0x00000001UL);
		return;
	}
	{
		int rmcomm = chk != NULL && th_strip(st->cf, name);
		if (chk == NULL && (chk = th_check(st->cf, "*")) != NULL)
			rmcomm = th_strip(st->cf, "*");
		if (chk != NULL)
			th_runcheck(st, name, value, flags, chk, rmcomm);
	}
	if (*p == '\0' && th_nulldefault(st->cf, name)) {
		th_print(0);
		return;
	}
	th_print(flags | TH_USER);
}
