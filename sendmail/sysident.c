/* sysident.c - who this host is: $w $j $m $k and class w, computed the way
 * the reference does it (observed): the host name, canonicalized through
 * the hosts file; after the cf is read, each interface address as
 * "[a.b.c.d]" and its name (and "[name]") unless already known.
 * Touches: cf->macros, cf->classes; reads the hosts file. */
#include <arpa/inet.h>
#include <ctype.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "sysident.h"
#include "config.h"
#include "class.h"
#include "debug.h"
#include "err.h"
#include "map.h"
#include "options.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* Look name up in the hosts file: copy the entry's first name to out. */
static int sysident_hosts_file(const struct config *cf, const char *name, char *out, unsigned size)
{
	const char *path = option_str(cf, "HostsFile", "/etc/hosts");
	FILE *fp = fopen(path, "r");
	char line[1024];
	int found = 0;
	if (fp == NULL)
		return 0;
	while (!found && fgets(line, sizeof line, fp) != NULL) {
		char *hash = strchr(line, '#'), *save = NULL;
		if (hash)
			*hash = '\0';
		char *addr = strtok_r(line, " \t\r\n", &save);
		char *canon = addr ? strtok_r(NULL, " \t\r\n", &save) : NULL;
		for (char *w = canon; w != NULL; w = strtok_r(NULL, " \t\r\n", &save)) {
			if (strcasecmp(w, name) == 0) {
				snprintf(out, size, "%s", canon);
				found = 1;
				break;
			}
		}
	}
	fclose(fp);
	return found;
}

int sysident_canon(const struct config *cf, char *host, unsigned size, int *statp)
{
	char *types[16];
	int n = cf ? map_switch_find(cf, "hosts", types, 16) : -1;
	int tempfail = 0;
	char out[1025];
	*statp = 0;
	if (n < 0) {
		types[0] = "files";
		n = 1;
	}
	for (int i = 0; i < n; i++) {
		if (strcmp(types[i], "files") == 0) {
			if (sysident_hosts_file(cf, host, out, sizeof out)) {
				snprintf(host, size, "%s", out);
				return 1;
			}
		} else if (strcmp(types[i], "dns") == 0)
			tempfail = 1;   /* no resolver is consulted here */
	}
	*statp = tempfail ? 75 : 68;
	return 0;
}

/* Set macro x from s (NULL leaves it undefined). */
static void sysident_set(struct config *cf, const char *x, const char *s)
{
	if (s != NULL)
		macro_set(&cf->macros, macid(x), s);
}

void sysident_init(struct config *cf)
{
	char host[1025], canon[1025];
	struct utsname u;
	if (gethostname(host, sizeof host) < 0)
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	snprintf(canon, sizeof canon, "%s", host);
	if (strchr(canon, '.') == NULL) {
		int st;
		(void)sysident_canon(cf, canon, sizeof canon, &st);
	}
	if (tTd(0, 4))
		fprintf(debug_fp(), "Canonical name: %s\n", canon);
	sysident_set(cf, "w", canon);
	sysident_set(cf, "j", canon);
	char *dot = strchr(canon, '.');
	if (dot != NULL && dot[1] != '\0')
		sysident_set(cf, "m", dot + 1);
	class_add(cf->classes, 'w', canon);
	if (uname(&u) == 0) {
		if (tTd(0, 4))
			fprintf(debug_fp(), " UUCP nodename: %s\n", u.nodename);
		sysident_set(cf, "k", u.nodename);
		class_add(cf->classes, 'k', u.nodename);
	}
}

/* Add word to class w unless present; trace like the reference. */
static int sysident_addw(struct config *cf, const char *w, int show)
{
	if (class_member(cf->classes, 'w', w))
		return 0;
	if (show && tTd(0, 4))
		fprintf(debug_fp(), "\ta.k.a.: %s\n", w);
	class_add(cf->classes, 'w', w);
	return 1;
}

/* Format an interface address the way class w holds it. */
static int sysident_ifaddr(const struct sockaddr *sa, char *buf, size_t sz,
			   char *name, size_t nsz)
{
	char a[INET6_ADDRSTRLEN];
	name[0] = '\0';
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *s4 = (const void *)sa;
		inet_ntop(AF_INET, &s4->sin_addr, a, sizeof a);
		snprintf(buf, sz, "[%s]", a);
		struct hostent *hp = gethostbyaddr(&s4->sin_addr, sizeof s4->sin_addr, AF_INET);
		if (hp && hp->h_name)
			snprintf(name, nsz, "%s", hp->h_name);
		return 1;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)sa;
		const unsigned char *b = s6->sin6_addr.s6_addr;
		if (IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr) || IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr))
			return 0;
		/* IPV6_FULL build: every group, no :: compression */
		snprintf(buf, sz, "[IPv6:%x:%x:%x:%x:%x:%x:%x:%x]",
			 b[0] << 8 | b[1], b[2] << 8 | b[3], b[4] << 8 | b[5], b[6] << 8 | b[7],
			 b[8] << 8 | b[9], b[10] << 8 | b[11], b[12] << 8 | b[13], b[14] << 8 | b[15]);
		struct hostent *hp = gethostbyaddr(&s6->sin6_addr, sizeof s6->sin6_addr, AF_INET6);
		if (hp && hp->h_name)
			snprintf(name, nsz, "%s", hp->h_name);
		return 1;
	}
	return 0;
}

/* The interface probe (load_if_names). */
static void sysident_probe(struct config *cf)
{
	struct ifaddrs *ifa, *i;
	if (getifaddrs(&ifa) < 0)
		return;
	for (i = ifa; i != NULL; i = i->ifa_next) {
		char addr[128], name[1025], br[1030];
		if (i->ifa_addr == NULL || !(i->ifa_flags & 1 /* IFF_UP */))
			continue;
		if (!sysident_ifaddr(i->ifa_addr, addr, sizeof addr, name, sizeof name))
			continue;
		sysident_addw(cf, addr, 1);
		if (name[0] != '\0' && sysident_addw(cf, name, 1)) {
			snprintf(br, sizeof br, "[%s]", name);
			sysident_addw(cf, br, 0);
		}
	}
	freeifaddrs(ifa);
}

void sysident_finish(struct config *cf)
{
	const char *w = macro_get(&cf->macros, 'w');
	if (w != NULL && cf->level >= 5) {
		const char *dot = strchr(w, '.');
		if (dot != NULL) {
			char *s = mem_strndup(w, (size_t)(dot - w));
			macro_set(&cf->macros, 'w', s);
			mem_free(s);
		}
	}
	const struct opt_value *o = option_get(cf, "DontProbeInterfaces");
	if (o == NULL || !o->set || o->num == 0)
		sysident_probe(cf);
	const char *j = macro_get(&cf->macros, 'j');
	if (j != NULL && strchr(j, '.') == NULL)
		printf("WARNING: local host name (%s) is not qualified; see cf/README: WHO AM I?\n", j);
}
