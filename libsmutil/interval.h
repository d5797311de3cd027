/* interval.h - sendmail time intervals: "30m", "1h30m", "2d", "now", "-5m".
 * Generic layer.
 *
 * Parsing follows sendmail's convtime(): "now" (any case) = INTERVAL_NOW;
 * an optional leading '-' negates the sum; then repeated <digits><unit>
 * groups, units w d h m s; a group without a unit (end of string) uses the
 * default unit; an unknown unit char is reported (each one, in order) and
 * the default unit is used in its place, and digits may be absent ("abc"
 * reports a, b, c and yields 0). An unknown default unit counts as days. */
#ifndef SM_INTERVAL_H
#define SM_INTERVAL_H
#include <time.h>

#define INTERVAL_NOW (-1L)   /* "now" (sendmail's NOW) */

/* Parse p with default unit (one of w d h m s). Returns 0 on success;
 * on a bad unit returns -1 and sets *badunit to the FIRST offending char
 * (*secs still gets the value sendmail would use). badunit may be NULL. */
int interval_parse(const char *p, int defunit, long *secs, int *badunit);
/* Same, calling bad(c, ctx) for every invalid unit char, in order (so a
 * caller can print sendmail's "Invalid time unit `%c'" once per char).
 * Returns the number of bad units. */
int interval_parse_cb(const char *p, int defunit, long *secs,
		      void (*bad)(int c, void *ctx), void *ctx);
/* Format seconds like sendmail's pintvl():
 *  brief != 0: "HH:MM:SS", or "D+HH:MM:SS" when there are days
 *              (${queue_interval} for -q30m is "00:30:00");
 *  brief == 0: "1 week, 2 days, 3 hours, 1 minute, 5 seconds" (zero parts
 *              omitted; 0 => "zero seconds").
 *  INTERVAL_NOW => "too long" in both forms. Returns buf. */
char *interval_format(long secs, int brief, char *buf, unsigned size);
#endif
