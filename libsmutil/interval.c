/* interval.c - parse and format sendmail time intervals (convtime/pintvl
 * semantics). Generic layer: pure functions, no I/O. */
#include <ctype.h>
#include <strings.h>
#include "interval.h"
#include "poison.h"

/* Seconds in one unit; unknown units count as days (sendmail's default). */
static long interval_unit(int c)
{
	switch (c) {
	case 'w': return 7L * 24 * 3600;
	case 'h': return 3600;
	case 'm': return 60;
	case 's': return 1;
	default:  return 24L * 3600;
	}
}

int interval_parse_cb(const char *p, int defunit, long *secs,
		      void (*bad)(int c, void *ctx), void *ctx)
{
	long r = 0;
	int neg = 0, nbad = 0;

	if (strcasecmp(p, "now") == 0) {
		*secs = INTERVAL_NOW;
		return 0;
	}
	if (*p == '-') {
		neg = 1;
		p++;
	}
	while (*p != '\0') {
		long t = 0;
		while (isdigit((unsigned char)*p))
			t = t * 10 + (*p++ - '0');
		int c = (unsigned char)*p;
		if (c == '\0') {
			c = defunit;
		} else {
			p++;
			if (c == 0 || strchr("wdhms", c) == NULL) {
				nbad++;
				if (bad != NULL)
					bad(c, ctx);
				c = defunit;
			}
		}
		r += t * interval_unit(c);
	}
	*secs = neg ? -r : r;
	return nbad;
}

/* Callback for interval_parse: remember the first bad unit. */
static void interval_first_bad(int c, void *ctx)
{
	int *first = ctx;
	if (*first == 0)
		*first = c;
}

int interval_parse(const char *p, int defunit, long *secs, int *badunit)
{
	int first = 0;
	int n = interval_parse_cb(p, defunit, secs, interval_first_bad, &first);
	if (badunit != NULL)
		*badunit = first;
	return n > 0 ? -1 : 0;
}

/* Append ", N unit[s]" to buf at *off when n > 0. */
static void interval_part(char *buf, unsigned size, unsigned *off, long n, const char *unit)
{
	if (n <= 0 || *off >= size)
		return;
	int k = snprintf(buf + *off, size - *off, ", %ld %s%s", n, unit, n == 1 ? "" : "s");
	if (k > 0)
		*off = *off + (unsigned)k >= size ? size : *off + (unsigned)k;
}

char *interval_format(long secs, int brief, char *buf, unsigned size)
{
	if (size == 0)
		return buf;
	if (secs == INTERVAL_NOW) {
		snprintf(buf, size, "too long");
		return buf;
	}
	if (secs == 0 && !brief) {
		snprintf(buf, size, "zero seconds");
		return buf;
	}
	long se = secs % 60, mi = secs / 60 % 60, hr = secs / 3600 % 24;
	long dy = secs / 86400;
	if (brief) {
		if (dy > 0)
			snprintf(buf, size, "%ld+%02ld:%02ld:%02ld", dy, hr, mi, se);
		else
			snprintf(buf, size, "%02ld:%02ld:%02ld", hr, mi, se);
		return buf;
	}
	char tmp[256];
	unsigned off = 0;
	tmp[0] = '\0';
	interval_part(tmp, sizeof tmp, &off, dy / 7, "week");
	interval_part(tmp, sizeof tmp, &off, dy % 7, "day");
	interval_part(tmp, sizeof tmp, &off, hr, "hour");
	interval_part(tmp, sizeof tmp, &off, mi, "minute");
	interval_part(tmp, sizeof tmp, &off, se, "second");
	snprintf(buf, size, "%s", off >= 2 ? tmp + 2 : "");
	return buf;
}
