/* mm_cf.c - tiny sendmail.cf scanners for makemap and praliases.
 * Reads only the cf file named by the caller; knows nothing of the full
 * cf grammar (no continuation lines, no macros): just the few lines the
 * tools look at, with the reference's observed quirks. */
#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mm_cf.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

/* Read the next line of fp into b without its newline; -1 at EOF. */
static int mm_cf_line(struct str *b, FILE *fp)
{
	if (str_getline(b, fp) < 0)
		return -1;
	if (b->len > 0 && b->s[b->len - 1] == '\n')
		str_truncate(b, b->len - 1);
	return 0;
}

/* The uid named by a TrustedUser value; 0 (after a message) if unknown. */
static uid_t mm_cf_uid(const char *v)
{
	if (isascii((unsigned char)*v) && isdigit((unsigned char)*v))
		return (uid_t)strtol(v, NULL, 10);
	struct passwd *pw = getpwnam(v);
	if (pw != NULL)
		return pw->pw_uid;
	fprintf(stderr, "TrustedUser: unknown user %s\n", v);
	return 0;
}

int mm_cf_trusted(const char *cf, uid_t *uid)
{
	FILE *fp = fopen(cf, "r");
	if (fp == NULL)
		return -1;
	struct str b;
	str_init(&b, 0);
	*uid = 0;
	while (mm_cf_line(&b, fp) == 0) {
		const char *s = b.s;
		if (s[0] != 'O' || strncasecmp(s + 1, " TrustedUser", 12) != 0)
			continue;
		s += 13;
		if (*s != '=' && !(isascii((unsigned char)*s) && isspace((unsigned char)*s)))
			continue;
		const char *eq = strchr(s, '=');
		if (eq == NULL)
			continue;
		for (eq++; isascii((unsigned char)*eq) && isspace((unsigned char)*eq); eq++)
			;
		*uid = mm_cf_uid(eq);
	}
	str_free(&b);
	fclose(fp);
	return 0;
}

#define MM_SP(c) (isascii((unsigned char)(c)) && isspace((unsigned char)(c)))

/* Parse a K line (after its 'K') the way the reference does: trailing
 * white space ignored; the file is the last word, which must follow a
 * white space with a space character somewhere before it; the class is
 * the word after the map name, cut at white space or '/'. 1 if usable. */
static int mm_cf_kline(char *s, char **type, char **last)
{
	size_t n = strlen(s);
	while (n > 0 && MM_SP(s[n - 1]))
		s[--n] = '\0';
	size_t l = n;
	while (l > 0 && !MM_SP(s[l - 1]))
		l--;
	if (l == 0 || memchr(s, ' ', l) == NULL)
		return 0;
	*last = s + l;
	char *p = s;
	while (MM_SP(*p))
		p++;
	while (*p != '\0' && !MM_SP(*p))
		p++;
	while (MM_SP(*p))
		p++;
	char *t = p;
	while (*p != '\0' && !MM_SP(*p) && *p != '/')
		p++;
	if (p == t)
		return 0;
	*type = mem_strndup(t, (size_t)(p - t));
	return 1;
}

/* Equal names; with nodb, a trailing ".db" on either side is ignored. */
static int mm_cf_same(const char *a, const char *b, int nodb)
{
	if (!nodb)
		return strcmp(a, b) == 0;
	size_t la = strlen(a), lb = strlen(b);
	if (la >= 3 && strcmp(a + la - 3, ".db") == 0)
		la -= 3;
	if (lb >= 3 && strcmp(b + lb - 3, ".db") == 0)
		lb -= 3;
	return la == lb && memcmp(a, b, la) == 0;
}

int mm_cf_maptype(const char *cf, const char *mapname, int nodb, char **type)
{
	FILE *fp = fopen(cf, "r");
	if (fp == NULL)
		return -1;
	struct str b;
	str_init(&b, 0);
	int found = 0;
	while (!found && mm_cf_line(&b, fp) == 0) {
		char *t = NULL, *last;
		if (b.s[0] != 'K' || !mm_cf_kline(b.s + 1, &t, &last))
			continue;
		if (mm_cf_same(last, mapname, nodb)) {
			*type = t;
			found = 1;
		} else
			mem_free(t);
	}
	str_free(&b);
	fclose(fp);
	return found;
}

/* The value of an AliasFile line, or NULL. */
static const char *mm_cf_aliasval(const char *s)
{
	if (s[0] != 'O')
		return NULL;
	if (s[1] == 'A')
		return s + 2;
	if (strncasecmp(s + 1, " AliasFile", 10) != 0)
		return NULL;
	s += 11;
	if (*s != '=' && !(isascii((unsigned char)*s) && isspace((unsigned char)*s)))
		return NULL;
	const char *eq = strchr(s, '=');
	return eq != NULL ? eq + 1 : NULL;
}

int mm_cf_aliasfiles(const char *cf, char ***specs)
{
	FILE *fp = fopen(cf, "r");
	if (fp == NULL)
		return -1;
	struct str b;
	str_init(&b, 0);
	int n = 0;
	*specs = NULL;
	while (mm_cf_line(&b, fp) == 0) {
		const char *v = mm_cf_aliasval(b.s);
		if (v == NULL)
			continue;
		*specs = mem_realloc(*specs, sizeof **specs * (size_t)(n + 1));
		(*specs)[n++] = mem_strdup(v);
	}
	str_free(&b);
	fclose(fp);
	return n;
}
