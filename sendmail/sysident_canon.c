/* sysident_canon.c - getcanonname(): qualify a host name through the
 * service switch "hosts" entry: "files" reads HostsFile (first dotted name
 * of the matching line, else the first name plus ".$m"), "dns" asks the
 * resolver (fails soft when there is none). Reads the hosts file and the
 * switch (via map_switch_find); prints -d8.2/8.5/38.20 traces. */
#include <arpa/nameser.h>
#include <ctype.h>
#include <netdb.h>
#include <resolv.h>
#include <strings.h>
#include "sysident.h"
#include "config.h"
#include "debug.h"
#include "map.h"
#include "options.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define CANON_OK 0
#define CANON_NOHOST 68
#define CANON_UNAVAILABLE 69
#define CANON_TEMPFAIL 75
#define CANON_MAX 1025

/* $m of cf, or NULL. */
static const char *canon_mydomain(const struct config *cf)
{
	return cf != NULL ? macro_get(&cf->macros, 'm') : NULL;
}

/* Strip a final dot; if the remaining domain part is (a prefix of, or for
 * a dotted name exactly) $m, cut it off and return where the dot was. */
static char *canon_shorten(char *host, const char *mydom)
{
	size_t n = strlen(host);
	int canon = 0;
	if (n > 0 && host[n - 1] == '.') {
		host[n - 1] = '\0';
		canon = 1;
	}
	char *p = strchr(host, '.');
	if (p == NULL)
		return NULL;
	if (mydom == NULL)
		mydom = "";
	size_t i = strlen(p + 1);
	int same = canon ? strcasecmp(p + 1, mydom) == 0
			 : strncasecmp(p + 1, mydom, i) == 0 && strlen(mydom) >= i;
	if (same && (mydom[i] == '.' || mydom[i] == '\0')) {
		*p = '\0';
		return p;
	}
	return NULL;
}

/* One hosts-file line (comment already cut): does it name `name` (or, with
 * dot, the name with its local domain)? cbuf gets the canonical name. */
static int canon_line(char *name, char *dot, char *line, char *cbuf, size_t csz,
		      const char *mydom)
{
	int found = 0, col = 0;
	char *save = NULL;
	cbuf[0] = '\0';
	for (char *w = strtok_r(line, " \t\r", &save); w != NULL;
	     w = strtok_r(NULL, " \t\r", &save), col++) {
		if (col == 0)
			continue;                  /* the address */
		if (cbuf[0] == '\0' || (strchr(cbuf, '.') == NULL && strchr(w, '.') != NULL))
			snprintf(cbuf, csz, "%s", w);
		if (strcasecmp(name, w) == 0)
			found = 1;
		else if (dot != NULL) {
			*dot = '.';
			if (strcasecmp(name, w) == 0)
				found = 1;
			*dot = '\0';
		}
	}
	if (found && strchr(cbuf, '.') == NULL && mydom != NULL &&
	    strlen(cbuf) + strlen(mydom) + 1 < csz) {
		size_t k = strlen(cbuf);
		snprintf(cbuf + k, csz - k, ".%s", mydom);
	}
	return found;
}

/* The "files" service: look name up in HostsFile. */
static int canon_files(const struct config *cf, char *name, size_t size, int *st)
{
	char nbuf[CANON_MAX], cbuf[CANON_MAX];
	const char *mydom = canon_mydomain(cf);
	if (tTd(38, 20))
		fprintf(debug_fp(), "text_getcanonname(%s)\n", name);
	if (strlen(name) >= sizeof nbuf) {
		*st = CANON_UNAVAILABLE;
		return 0;
	}
	memcpy(nbuf, name, strlen(name) + 1);
	char *dot = canon_shorten(nbuf, mydom);
	const char *path = cf != NULL ? option_str(cf, "HostsFile", "/etc/hosts") : "/etc/hosts";
	FILE *fp = path != NULL ? fopen(path, "r") : NULL;
	if (fp == NULL) {
		*st = CANON_UNAVAILABLE;
		return 0;
	}
	struct str line;
	str_init(&line, 0);
	int found = 0;
	while (!found && str_getline(&line, fp) >= 0) {
		char *p = strpbrk(line.s, "#\n");
		if (p != NULL)
			*p = '\0';
		if (line.s[0] != '\0')
			found = canon_line(nbuf, dot, line.s, cbuf, sizeof cbuf, mydom);
	}
	str_free(&line);
	fclose(fp);
	if (!found) {
		*st = CANON_NOHOST;
		return 0;
	}
	if (strlen(cbuf) >= size) {
		*st = CANON_UNAVAILABLE;
		return 0;
	}
	memcpy(name, cbuf, strlen(cbuf) + 1);
	*st = CANON_OK;
	return 1;
}

/* Owner name of the first A/AAAA record in a DNS answer, or -1
 * (hand parsing: the ns_* helpers live in libresolv). */
static int canon_dns_owner(const unsigned char *ans, int len, char *out, size_t size)
{
	const unsigned char *end = ans + len, *p = ans + 12;
	char name[NS_MAXDNAME];
	if (len < 12)
		return -1;
	int qd = ans[4] << 8 | ans[5], an = ans[6] << 8 | ans[7];
	for (int i = 0; i < qd; i++) {
		int k = dn_expand(ans, end, p, name, sizeof name);
		if (k < 0 || p + k + 4 > end)
			return -1;
		p += k + 4;
	}
	for (int i = 0; i < an; i++) {
		int k = dn_expand(ans, end, p, name, sizeof name);
		if (k < 0 || p + k + 10 > end)
			return -1;
		p += k;
		int type = p[0] << 8 | p[1], rdlen = p[8] << 8 | p[9];
		p += 10 + rdlen;
		if (p > end)
			return -1;
		if (type == ns_t_a || type == ns_t_aaaa) {
			snprintf(out, size, "%s", name);
			return 0;
		}
	}
	return -1;
}

/* The "dns" service: the resolver's canonical name (after CNAMEs). */
static int canon_dns(char *name, size_t size, int *st)
{
	static const int types[] = { ns_t_a, ns_t_aaaa };
	unsigned char ans[4096];
	char out[CANON_MAX];
	size_t n = strlen(name);
	int tempfail = 0;
	if (tTd(8, 2))
		fprintf(debug_fp(), "dns_getcanonname(%s, trymx=1)\n", name);
	/* the reference drops one final dot in place, and leaves it dropped
	 * when the lookup fails (/canon "a.b." => "a.b" with dns listed) */
	int rooted = n > 0 && name[n - 1] == '.';
	if (rooted)
		name[--n] = '\0';
	for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
		int len = rooted
			? res_query(name, ns_c_in, types[t], ans, sizeof ans)
			: res_search(name, ns_c_in, types[t], ans, sizeof ans);
		if (len < 0) {
			if (h_errno == TRY_AGAIN || h_errno == NO_RECOVERY || h_errno == NETDB_INTERNAL)
				tempfail = 1;
			continue;
		}
		if (len > (int)sizeof ans)
			len = sizeof ans;
		if (canon_dns_owner(ans, len, out, sizeof out) == 0 && strlen(out) < size) {
			memcpy(name, out, strlen(out) + 1);
			*st = CANON_OK;
			return 1;
		}
	}
	*st = tempfail ? CANON_TEMPFAIL : CANON_NOHOST;
	return 0;
}

/* Run one switch service on work; returns found. */
static int canon_service(const struct config *cf, const char *svc, char *work, size_t size, int *st)
{
	if (strcmp(svc, "files") == 0)
		return canon_files(cf, work, size, st);
	if (strcmp(svc, "dns") == 0)
		return canon_dns(work, size, st);
	*st = CANON_UNAVAILABLE;
	return 0;
}

/* Qualify a found single-label name (or "x.") with $m; 0 if impossible. */
static int canon_qualify(const struct config *cf, char *work, size_t size)
{
	char *d = strchr(work, '.');
	if (d != NULL && d[1] != '\0')
		return 1;
	const char *m = canon_mydomain(cf);
	size_t n = strlen(work);
	if (m == NULL || size <= n + strlen(m) + 1)
		return 0;
	snprintf(work + n, size - n, "%s%s", n > 0 && work[n - 1] == '.' ? "" : ".", m);
	return 1;
}

int sysident_canon(const struct config *cf, char *host, unsigned size, int *statp)
{
	char *types[MAXMAPSTACK];
	char work[CANON_MAX];
	int n = map_switch_find(cf, "hosts", types, MAXMAPSTACK);
	int found = 0, st = CANON_UNAVAILABLE, tempfail = 0;
	int owned = n > 0;
	if (n <= 0) {
		types[0] = "dns";
		types[1] = "files";
		n = 2;
	}
	snprintf(work, sizeof work, "%s", host);
	for (int i = 0; i < n; i++) {
		if (tTd(8, 5))
			fprintf(debug_fp(), "getcanonname(%s), trying %s\n", work, types[i]);
		found = canon_service(cf, types[i], work, sizeof work, &st);
		if (found && (canon_mydomain(cf) != NULL || strchr(work, '.') != NULL))
			break;
		if (st == CANON_TEMPFAIL)
			tempfail = 1;
	}
	if (owned)
		for (int i = 0; i < n; i++)
			mem_free(types[i]);
	/* like the reference, a name the services rewrote stays rewritten
	 * even when it cannot be qualified (no $m) and the lookup fails */
	int ok = found && canon_qualify(cf, work, sizeof work) && strlen(work) < size;
	if (strlen(work) < size)
		memcpy(host, work, strlen(work) + 1);
	if (ok) {
		if (tTd(8, 2))
			fprintf(debug_fp(), "getcanonname(%s), found, ad=0\n", work);
		*statp = CANON_OK;
		return 1;
	}
	if (tTd(8, 2))
		fprintf(debug_fp(), "getcanonname(%s), failed, status=%d\n", host, st);
	if (strlen(work) < size)            /* what the services left (dns: no final dot) */
		memcpy(host, work, strlen(work) + 1);
	*statp = tempfail ? CANON_TEMPFAIL : found ? CANON_NOHOST : st;
	return 0;
}
