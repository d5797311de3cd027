/* sysident.c - who this host is: $w $j $m $k and classes w and k, computed
 * the way sendmail 8.17 does it (observed against the reference): the
 * kernel host name, looked up with the system resolver (IPv6 first, then
 * IPv4) for a dotted canonical name or alias, else qualified through
 * getcanonname; after the cf is read, each up IPv4 interface address as
 * "[a.b.c.d]" plus its host names (and "[name]") unless already known.
 * Touches: cf->macros, cf->classes; reads the resolver / hosts file;
 * prints -d0.4 traces and the "not qualified" warning on stdout. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "sysident.h"
#include "config.h"
#include "class.h"
#include "debug.h"
#include "options.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define SI_MAX 1025
#define SI_MAXALIAS 35
#define SI_MAXADDR 35

/* A copied hostent. */
struct si_host {
	char name[SI_MAX];
	char *alias[SI_MAXALIAS];
	int nalias;
	int af, alen, naddr;
	unsigned char addr[SI_MAXADDR][16];
};

char *sysident_addr_literal(int af, const void *addr, char *buf, size_t size)
{
	const unsigned char *b = addr;
	if (af == AF_INET6) {
		snprintf(buf, size, "[IPv6:%x:%x:%x:%x:%x:%x:%x:%x]",
			 b[0] << 8 | b[1], b[2] << 8 | b[3], b[4] << 8 | b[5], b[6] << 8 | b[7],
			 b[8] << 8 | b[9], b[10] << 8 | b[11], b[12] << 8 | b[13], b[14] << 8 | b[15]);
	} else {
		snprintf(buf, size, "[%u.%u.%u.%u]", b[0], b[1], b[2], b[3]);
	}
	return buf;
}

/* Copy a hostent into h. */
static void si_copy(struct si_host *h, const struct hostent *hp)
{
	snprintf(h->name, sizeof h->name, "%s", hp->h_name ? hp->h_name : "");
	h->nalias = 0;
	for (char **a = hp->h_aliases; a && *a && h->nalias < SI_MAXALIAS; a++)
		h->alias[h->nalias++] = mem_strdup(*a);
	h->af = hp->h_addrtype;
	h->alen = hp->h_length > 16 ? 16 : hp->h_length;
	h->naddr = 0;
	for (char **a = hp->h_addr_list; a && *a && h->naddr < SI_MAXADDR; a++)
		memcpy(h->addr[h->naddr++], *a, (size_t)h->alen);
}

static void si_free(struct si_host *h)
{
	for (int i = 0; i < h->nalias; i++)
		mem_free(h->alias[i]);
	h->nalias = 0;
}

/* Finish a reentrant lookup: copy the answer, and leave h_errno as the
 * plain gethostbyname/gethostbyaddr calls of the reference do (0 after a
 * success) - later host-map lookups of non-addresses report it. */
static int si_finish(int r, struct hostent *hp, int herr, struct si_host *h, char *buf)
{
	int ok = r == 0 && hp != NULL;
	h_errno = ok ? 0 : herr;
	if (ok)
		si_copy(h, hp);
	mem_free(buf);
	return ok;
}

/* System resolver lookup of name in family af (reentrant). */
static int si_byname(const char *name, int af, struct si_host *h)
{
	struct hostent he, *hp = NULL;
	size_t bsz = 8192;
	int herr = 0, r;
	char *buf = mem_alloc(bsz);
	while ((r = gethostbyname2_r(name, af, &he, buf, bsz, &hp, &herr)) == ERANGE && bsz < 1 << 20) {
		bsz *= 2;
		buf = mem_realloc(buf, bsz);
	}
	return si_finish(r, hp, herr, h, buf);
}

/* System resolver reverse lookup of an address. */
static int si_byaddr(const void *addr, int len, int af, struct si_host *h)
{
	struct hostent he, *hp = NULL;
	size_t bsz = 8192;
	int herr = 0, r;
	char *buf = mem_alloc(bsz);
	while ((r = gethostbyaddr_r(addr, (socklen_t)len, af, &he, buf, bsz, &hp, &herr)) == ERANGE &&
	       bsz < 1 << 20) {
		bsz *= 2;
		buf = mem_realloc(buf, bsz);
	}
	return si_finish(r, hp, herr, h, buf);
}

/* Copy only host-name-safe characters (sendmail's cleanstrcpy). */
static void si_clean(char *t, const char *f, size_t size)
{
	size_t n = 0;
	for (; *f != '\0' && n + 1 < size; f++)
		if ((unsigned char)*f < 0200 &&
		    (isalnum((unsigned char)*f) || strchr("!#$%&'*+-./^_`{|}~", *f) != NULL))
			t[n++] = *f;
	t[n] = '\0';
}

/* sendmail's myhostname(): fill buf, return 1 with h set if resolved. */
static int si_myhostname(struct config *cf, char *buf, size_t size, struct si_host *h)
{
	if (gethostname(buf, size) < 0 || buf[0] == '\0')
		snprintf(buf, size, "localhost");
	buf[size - 1] = '\0';
	if (!si_byname(buf, AF_INET6, h) && !si_byname(buf, AF_INET, h))
		return 0;
	if (strchr(h->name, '.') != NULL || strchr(buf, '.') == NULL)
		si_clean(buf, h->name, size);
	for (int i = 0; strchr(buf, '.') == NULL && i < h->nalias; i++)
		if (strchr(h->alias[i], '.') != NULL)
			si_clean(buf, h->alias[i], size);
	if (strchr(buf, '.') == NULL) {
		/* the reference sleeps 60s and retries here; the answer is
		 * the same, so we try once and keep the short name */
		int st;
		(void)sysident_canon(cf, buf, (unsigned)size, &st);
	}
	return 1;
}

/* Trace "\ta.k.a.: x" under -d0.4. */
static void si_aka(const char *w)
{
	if (tTd(0, 4))
		fprintf(debug_fp(), "\ta.k.a.: %s\n", w);
}

void sysident_init(struct config *cf)
{
	char jbuf[SI_MAX], lit[80];
	struct si_host h;
	struct utsname u;
	memset(&h, 0, sizeof h);
	int have = si_myhostname(cf, jbuf, sizeof jbuf, &h);
	if (tTd(0, 4))
		fprintf(debug_fp(), "Canonical name: %s\n", jbuf);
	/* a value already there came from the command line (-M, -oM): it
	 * wins over ours (the cf's D lines, read later, win over both) */
	if (macro_get(&cf->macros, 'w') == NULL)
		macro_set(&cf->macros, 'w', jbuf);
	if (macro_get(&cf->macros, 'j') == NULL)
		macro_set(&cf->macros, 'j', jbuf);
	class_add(cf->classes, 'w', jbuf);
	char *dot = strchr(jbuf, '.');
	if (dot != NULL && dot[1] != '\0' && macro_get(&cf->macros, 'm') == NULL)
		macro_set(&cf->macros, 'm', dot + 1);
	const char *node = jbuf;
	if (uname(&u) == 0) {
		node = u.nodename;
	} else {
		for (char *p = jbuf; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	if (tTd(0, 4))
		fprintf(debug_fp(), " UUCP nodename: %s\n", node);
	macro_set(&cf->macros, 'k', node);
	class_add(cf->classes, 'k', node);
	class_add(cf->classes, 'w', node);
	if (!have)
		return;
	for (int i = 0; i < h.nalias; i++) {
		si_aka(h.alias[i]);
		class_add(cf->classes, 'w', h.alias[i]);
	}
	for (int i = 0; i < h.naddr; i++) {
		sysident_addr_literal(h.af, h.addr[i], lit, sizeof lit);
		si_aka(lit);
		class_add(cf->classes, 'w', lit);
	}
	si_free(&h);
}

/* Add w to class w (and "[w]") unless present: add_hostnames(). */
static void si_addname(struct config *cf, const char *w)
{
	char br[SI_MAX + 2];
	if (class_member(cf->classes, 'w', w))
		return;
	class_add(cf->classes, 'w', w);
	si_aka(w);
	snprintf(br, sizeof br, "[%s]", w);
	if (!class_member(cf->classes, 'w', br))
		class_add(cf->classes, 'w', br);
}

/* DontProbeInterfaces: 0 probe all, 1 none, 2 skip loopback names. */
static int si_dpi(const struct config *cf)
{
	const char *v = option_str(cf, "DontProbeInterfaces", NULL);
	if (v == NULL)
		return 0;
	if (strcasecmp(v, "loopback") == 0)
		return 2;
	return *v == '\0' || strchr("tTyY", *v) != NULL ? 1 : 0;
}

void sysident_probe(struct config *cf)
{
	struct ifaddrs *ifa;
	int dpi = si_dpi(cf);
	if (dpi == 1 || getifaddrs(&ifa) < 0)
		return;
	for (struct ifaddrs *i = ifa; i != NULL; i = i->ifa_next) {
		char lit[80];
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET ||
		    !(i->ifa_flags & IFF_UP))
			continue;
		const struct sockaddr_in *s4 = (const void *)i->ifa_addr;
		if (s4->sin_addr.s_addr == htonl(INADDR_ANY) ||
		    s4->sin_addr.s_addr == htonl(INADDR_NONE))
			continue;
		sysident_addr_literal(AF_INET, &s4->sin_addr, lit, sizeof lit);
		if (class_member(cf->classes, 'w', lit))
			continue;
		class_add(cf->classes, 'w', lit);
		si_aka(lit);
		if (dpi == 2 && (i->ifa_flags & IFF_LOOPBACK))
			continue;
		struct si_host h;
		memset(&h, 0, sizeof h);
		if (!si_byaddr(&s4->sin_addr, sizeof s4->sin_addr, AF_INET, &h))
			continue;
		si_addname(cf, h.name);
		for (int k = 0; k < h.nalias; k++)
			si_addname(cf, h.alias[k]);
		si_free(&h);
	}
	freeifaddrs(ifa);
}

void sysident_warn(const struct config *cf)
{
	const char *j = macro_get(&cf->macros, 'j');
	if (j != NULL && strchr(j, '.') == NULL) {
		fflush(stdout);
		printf("WARNING: local host name (%s) is not qualified; see cf/README: WHO AM I?\n", j);
	}
}

void sysident_finish(struct config *cf)
{
	sysident_probe(cf);
	sysident_warn(cf);
}
