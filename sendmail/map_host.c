/* map_host.c - the "host" map class ($[ $]): canonicalizes a host name
 * through the service switch (sysident_canon) or, for "[addr]", looks the
 * address up with gethostbyaddr.  Failures map h_errno like sendmail:
 * TRY_AGAIN 75, HOST_NOT_FOUND/NO_DATA 68, NO_RECOVERY 70, else 69.
 * Touches nothing but its result. */
#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include "mapclass.h"
#include "sysident.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define HOST_MAXNAME 1025

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
	case TRY_AGAIN: return 75;
	case HOST_NOT_FOUND: case NO_DATA: return MAPCLASS_EX_NOHOST;
	case NO_RECOVERY: return MAPCLASS_EX_SOFTWARE;
	default: return 69;
	}
}

/* "[a.b.c.d]" / "[IPv6:x]": reverse lookup; NULL with *stat on failure. */
static char *host_bracket(const char *key, int *stat)
{
	const char *e = strchr(key, ']');
	if (e == NULL) {
		*stat = MAPS_OK;
		return NULL;
	}
	char *addr = mem_strndup(key + 1, (size_t)(e - key - 1));
	struct hostent *hp = NULL;
	if (strncasecmp(addr, "IPv6:", 5) == 0) {
		struct in6_addr a6;
		if (inet_pton(AF_INET6, addr + 5, &a6) == 1)
			hp = gethostbyaddr(&a6, sizeof a6, AF_INET6);
		else
			h_errno = TRY_AGAIN;
	} else {
		in_addr_t a4 = inet_addr(addr);
		hp = gethostbyaddr(&a4, sizeof a4, AF_INET);
	}
	mem_free(addr);
	if (hp == NULL || hp->h_name == NULL) {
		*stat = host_herr_status(h_errno);
		return NULL;
	}
	return mem_strdup(hp->h_name);
}

static char *host_lookup(struct map *m, const char *key, char **av,
			 int *stat, struct lookup_ctx *lc)
{
	char *name;

	*stat = MAPS_OK;
	if (key[0] == '[') {
		name = host_bracket(key, stat);
	} else {
		char buf[HOST_MAXNAME];
		int st = 0;
		snprintf(buf, sizeof buf, "%s", key);
		if (sysident_canon(lc ? lc->cf : NULL, buf, sizeof buf, &st)) {
			name = mem_strdup(buf);
		} else {
			*stat = st != 0 ? st : MAPCLASS_EX_NOHOST;
			name = NULL;
		}
	}
	if (name == NULL)
		return NULL;
	char *r = mapclass_result(m, name, key, av);
	mem_free(name);
	return r;
}

const struct map_class map_class_host = {
	"host", MCF_RAWKEY | MCF_NOREWRITE,
	host_parse, host_open, host_lookup, NULL
};
