/* debug.c - -d flag parsing (categories, ranges, levels) and the -d0.1
 * displays. Touches only debug_levels and the debug stream. */
#include <ctype.h>
#include <stdlib.h>
#include "debug.h"
#include "config.h"
#include "macro.h"
#include "token.h"
#include "../libsmutil/poison.h"

unsigned char debug_levels[100];
static FILE *debug_stream;

FILE *debug_fp(void) { return debug_stream ? debug_stream : stdout; }
void debug_set_fp(FILE *fp) { debug_stream = fp; }

/* Read a decimal number at *pp; -1 if none. */
static long debug_num(const char **pp)
{
	const char *p = *pp;
	long n = 0;
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p)) {
		if (n < 100000)
			n = n * 10 + (*p - '0');
		p++;
	}
	*pp = p;
	return n;
}

/* One "a[-b][.lvl]" item; returns 0 ok, -1 bad. */
static int debug_item(const char **pp)
{
	const char *p = *pp;
	long lo = debug_num(&p), hi, lvl = 1;
	if (lo < 0)
		return -1;
	hi = lo;
	if (*p == '-') {
		p++;
		hi = debug_num(&p);
		if (hi < 0)
			return -1;
	}
	if (*p == '.') {
		p++;
		lvl = debug_num(&p);
		if (lvl < 0)
			lvl = 1;
	}
	if (lvl > 255)
		lvl = 255;
	if (hi > 99)
		hi = 99;
	for (long i = lo; i <= hi && i < 100; i++)
		debug_levels[i] = (unsigned char)lvl;
	*pp = p;
	return 0;
}

int debug_parse(const char *spec)
{
	const char *p = spec;
	if (*p == '\0')
		p = "0-99.1";
	for (;;) {
		if (debug_item(&p) < 0)
			return -1;
		if (*p == ',') {
			p++;
			continue;
		}
		return *p == '\0' ? 0 : -1;
	}
}

void debug_print_version(FILE *fp)
{
	fputs("Version 8.17.1.9\n"
	      " Compiled with: DNSMAP IPV6_FULL LDAPMAP LDAP_NETWORK_TIMEOUT\n"
	      "\t\tLDAP_REFERRALS LOG MAP_REGEX MATCHGECOS MAXDAEMONS=64 MILTER\n"
	      "\t\tMIME7TO8 MIME8TO7 NAMED_BIND NETINET NETINET6 NETUNIX NEWDB=5.3\n"
	      "\t\tNIS NISPLUS PIPELINING SASLv2 SCANF SOCKETMAP STARTTLS\n"
	      "\t\tTCPWRAPPERS TLS_EC TLS_VRFY_PER_CTX USERDB USE_LDAP_INIT XDEBUG\n",
	      fp);
}

/* One identity line: label right-aligned, then "$x = value". */
static void debug_ident_line(FILE *fp, const struct config *cf, const char *label, int c)
{
	const char *v = macro_get(&cf->macros, c);
	fprintf(fp, "%25s $%c = ", label, c);
	if (v != NULL)
		tok_xputs(fp, v);
	else
		fputs("<null>", fp);
	fputc('\n', fp);
}

void debug_print_identity(FILE *fp, const struct config *cf)
{
	fputs("\n============ SYSTEM IDENTITY (after readcf) ============\n", fp);
	debug_ident_line(fp, cf, "(short domain name)", 'w');
	debug_ident_line(fp, cf, "(canonical domain name)", 'j');
	debug_ident_line(fp, cf, "(subdomain name)", 'm');
	debug_ident_line(fp, cf, "(node name)", 'k');
	fputs("========================================================\n\n", fp);
}

void debug_rw_macro(const char *side, int id, const char *val)
{
	if (!tTd(21, 2))
		return;
	const char *name = macname(id);   /* long names come with braces */
	fprintf(debug_fp(), name[0] == '{' ? "rewrite: %s $&%s => \"%s\"\n" :
		"rewrite: %s $&{%s} => \"%s\"\n", side, name, val != NULL ? val : "(NULL)");
}

void debug_rhs_macro(int id, const char *val)
{
	debug_rw_macro("RHS", id, val);
}

void debug_xputs(FILE *fp, const char *s)
{
	if (s == NULL || !tTd(84, 1)) {
		tok_xputs(fp, s);
		return;
	}
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c & 0200)
			fprintf(fp, " 0x%x ", c);
		else
			putc(c, fp);
	}
}
