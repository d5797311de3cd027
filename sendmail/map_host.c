/* map_host.c - the "host" map class ($[ $]), as the reference behaves
 * (observed):
 *  - a name is canonicalized through the service switch (sysident_canon);
 *    a failure sets h_errno (TRY_AGAIN after a temporary failure, else
 *    HOST_NOT_FOUND), a success leaves it alone;
 *  - "[a.b.c.d]" / "[IPv6:x]" / "[x::y]" is looked up with the system
 *    resolver's gethostbyaddr; text that is no address does no lookup at
 *    all, so the status comes from whatever h_errno the last lookup left;
 *    a key without ']' is "no match" with status 0 and is not remembered;
 *  - the status is derived from h_errno: TRY_AGAIN 75, HOST_NOT_FOUND and
 *    NO_DATA 68, NO_RECOVERY 70, anything else 69;
 *  - every answer (success or failure, with its h_errno) is remembered for
 *    the process, keyed by the exact key and shared by all host maps; a
 *    remembered temporary failure prints "<key>: Name server timeout" on
 *    each reuse, a fresh one only when the switch lists dns for hosts.
 * Touches h_errno, its own answer cache and (the message) err.h output. */
#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include "mapclass.h"
#include "err.h"
#include "sysident.h"
#include "../libsmutil/htab.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define HOST_MAXNAME 1025

/* One remembered answer. */
struct host_answer {
	int stat;          /* 0 found, else the EX_ status */
	int herrno;        /* h_errno after the lookup */
	char *name;        /* canonical name when found */
};

static struct htab *host_cache;

static int host_parse(struct map *m, const char *args)
{
	return mapclass_flags(m, args, NULL, NULL) ? 0 : -1;
}

static int host_open(struct map *m, const struct config *cf)
{
	return 0;
}

/* h_errno -> sysexits status. */
static int host_herr_status(int herr)
{
	switch (herr) {
	case TRY_AGAIN: return MAPS_TEMPFAIL;
	case HOST_NOT_FOUND: case NO_DATA: return MAPCLASS_EX_NOHOST;
	case NO_RECOVERY: return MAPCLASS_EX_SOFTWARE;
	default: return 69;
	}
}

/* Does the service switch list "dns" for hosts (sendmail's UseNameServer)? */
static int host_use_dns(const struct config *cf)
{
	char *types[MAXMAPSTACK];
	int n = map_switch_find(cf, "hosts", types, MAXMAPSTACK), dns = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(types[i], "dns") == 0)
			dns = 1;
		mem_free(types[i]);
	}
	return dns;
}

/* sendmail's shortenstring(s, 33) for the timeout message. */
static void host_short(const char *s, char *buf, size_t size)
{
	const size_t m = 33, half = (m - 3) / 2;
	size_t l = strlen(s);
	if (l < m)
		snprintf(buf, size, "%s", s);
	else
		snprintf(buf, size, "%.*s...%s", (int)half, s, s + l - half);
}

static void host_timeout_msg(const char *key)
{
	char b[40];
	host_short(key, b, sizeof b);
	err_warning("851 4.4.3 %s: Name server timeout", b);
}

/* Reverse lookup of the text between '[' and ']' (addr, NUL-terminated).
 * NULL without touching h_errno when it is no address. */
static char *host_byaddr(const char *addr)
{
	struct hostent *hp = NULL;
	struct in_addr a4;
	struct in6_addr a6;
	/* each lookup starts with h_errno = 0, as sendmail's wrapper does
	 * (glibc leaves it alone on success) */
	if ((a4.s_addr = inet_addr(addr)) != INADDR_NONE) {
		h_errno = 0;
		hp = gethostbyaddr(&a4, sizeof a4, AF_INET);
	}
	if (hp == NULL) {
		const char *v6 = strncasecmp(addr, "IPv6:", 5) == 0 ? addr + 5 : addr;
		if (inet_pton(AF_INET6, v6, &a6) == 1) {
			h_errno = 0;
			hp = gethostbyaddr(&a6, sizeof a6, AF_INET6);
		}
	}
	if (hp == NULL || hp->h_name == NULL)
		return NULL;
	/* like sendmail's denlstring: no line breaks in the answer */
	char *r = mem_strdup(hp->h_name);
	for (char *p = r; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return r;
}

/* A fresh lookup of key; fills a (cached by the caller). */
static void host_resolve(const char *key, struct host_answer *a, const struct config *cf)
{
	char *name = NULL;
	if (key[0] != '[') {
		char buf[HOST_MAXNAME];
		int st = 0;
		snprintf(buf, sizeof buf, "%s", key);
		if (sysident_canon(cf, buf, sizeof buf, &st))
			name = mem_strdup(buf);
		else
			h_errno = st == MAPS_TEMPFAIL ? TRY_AGAIN : HOST_NOT_FOUND;
	} else {
		const char *e = strchr(key, ']');
		char *addr = mem_strndup(key + 1, (size_t)(e - key - 1));
		name = host_byaddr(addr);
		mem_free(addr);
	}
	a->name = name;
	a->herrno = h_errno;
	a->stat = name != NULL ? MAPS_OK : host_herr_status(h_errno);
	if (a->stat == MAPS_TEMPFAIL && host_use_dns(cf))
		host_timeout_msg(key);
}

static char *host_lookup(struct map *m, const char *key, char **av,
			 int *stat, struct lookup_ctx *lc)
{
	const struct config *cf = lc ? lc->cf : NULL;
	struct host_answer *a;

	*stat = MAPS_OK;
	if (key[0] == '[' && strchr(key, ']') == NULL)
		return NULL;
	if (host_cache == NULL)
		host_cache = htab_new(64, 0);
	a = htab_get(host_cache, key);
	if (a != NULL) {
		h_errno = a->herrno;
		if (a->stat == MAPS_TEMPFAIL)
			host_timeout_msg(key);
	} else {
		a = mem_zalloc(sizeof *a);
		host_resolve(key, a, cf);
		htab_put(host_cache, key, a);
	}
	*stat = a->stat;
	if (a->name == NULL)
		return NULL;
	return mapclass_result(m, a->name, key, av);
}

const struct map_class map_class_host = {
	"host", MCF_RAWKEY | MCF_NOREWRITE,
	host_parse, host_open, host_lookup, NULL
};
