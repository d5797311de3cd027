/* map_arpa.c - the "arpa" map class: an IPv4 address or "IPv6:addr"
 * becomes its reversed in-addr/ip6 label string (without the .arpa
 * suffix); anything else fails with EX_DATAERR.  -a applies, -m does not.
 * Pure. */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>
#include "mapclass.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

static int arpa_parse(struct map *m, const char *args)
{
	return mapclass_flags(m, args, NULL, NULL) ? 0 : -1;
}

static int arpa_open(struct map *m, const struct config *cf)
{
	return 0;
}

/* Reverse the address into b; -1 if the key is no address. */
static int arpa_reverse(const char *key, struct str *b)
{
	unsigned char a[16];
	static const char hex[] = "0123456789abcdef";

	if (strncasecmp(key, "IPv6:", 5) == 0) {
		if (inet_pton(AF_INET6, key + 5, a) != 1)
			return -1;
		for (int i = 15; i >= 0; i--)
			str_printf(b, "%s%c.%c", i == 15 ? "" : ".",
				   hex[a[i] & 15], hex[a[i] >> 4]);
		return 0;
	}
	if (inet_pton(AF_INET, key, a) != 1)
		return -1;
	str_printf(b, "%u.%u.%u.%u", a[3], a[2], a[1], a[0]);
	return 0;
}

static char *arpa_lookup(struct map *m, const char *key, char **av,
			 int *stat, struct lookup_ctx *lc)
{
	struct str b;
	str_init(&b, 0);
	if (arpa_reverse(key, &b) < 0) {
		str_free(&b);
		*stat = MAPCLASS_EX_DATAERR;
		return NULL;
	}
	*stat = MAPS_OK;
	char *r = mapclass_rewrite(m, b.s, b.len, key, av);
	str_free(&b);
	return r;
}

const struct map_class map_class_arpa = {
	"arpa", MCF_RAWKEY | MCF_NOREWRITE,
	arpa_parse, arpa_open, arpa_lookup, NULL
};
