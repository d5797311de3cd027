/* readcf_util.c - sendmail's small cf string helpers shared by the cf
 * reader, mailers and options: munchstring, extrquotstr, atobool,
 * convtime, atooct, and plain stdout warnings. No state. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "readcf.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/interval.h"
#include "../libsmutil/poison.h"

void readcf_util_munch(struct str *out, const char *p, const char **endp, int delim)
{
	int backslash = 0, quoted = 0;
	str_clear(out);
	for (; *p != '\0' && out->len < MAXLINE - 1; p++) {
		if (backslash) {
			backslash = 0;
			switch (*p) {
			case 'r': str_addc(out, '\r'); continue;
			case 'n': str_addc(out, '\n'); continue;
			case 'f': str_addc(out, '\f'); continue;
			case 'b': str_addc(out, '\b'); continue;
			}
			str_addc(out, (unsigned char)*p);
		} else if (*p == '\\')
			backslash = 1;
		else if (*p == '"')
			quoted = !quoted;
		else if (quoted || *p != delim)
			str_addc(out, (unsigned char)*p);
		else
			break;
	}
	if (endp != NULL)
		*endp = p;
}

int readcf_util_extrquot(struct str *out, const char *p, const char **endp,
			 const char *delims)
{
	int backslash = 0, quoted = 0;
	str_clear(out);
	for (; *p != '\0'; p++) {
		if (backslash) {
			backslash = 0;
			str_addc(out, (unsigned char)*p);
		} else if (*p == '\\')
			backslash = 1;
		else if (*p == '"')
			quoted = !quoted;
		else if (!quoted && strchr(delims, *p) != NULL)
			break;
		else
			str_addc(out, (unsigned char)*p);
	}
	if (endp != NULL)
		*endp = p;
	return !quoted && !backslash;
}

int readcf_util_atobool(const char *s)
{
	return s == NULL || *s == '\0' || strchr("tTyY", *s) != NULL;
}

/* A bad unit letter, reported as the reference does: the byte with the
 * 8th bit cleared (0201 -> ^A), not as err.c's '?'. */
static void readcf_util_badunit(int c, void *ctx)
{
	(void)ctx;
	err_usrerr("Invalid time unit `%c'", c & 0177);
}

/* sendmail's convtime: libsmutil's interval parser with the cf reader's
 * message for each bad unit; "now" is 0 here. */
long readcf_util_convtime(const char *p, int unit)
{
	long secs;
	if (strcasecmp(p, "now") == 0)
		return 0;
	(void)interval_parse_cb(p, unit, &secs, readcf_util_badunit, NULL);
	return secs;
}

long readcf_util_atooct(const char *p)
{
	long i = 0;
	while (*p >= '0' && *p <= '7')
		i = (i << 3) | (*p++ - '0');
	return i;
}

void readcf_util_stdout(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fflush(stdout);
}
