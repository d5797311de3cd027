/* interval.h - sendmail time intervals: "30m", "1h30m", "2d", "now", "-5m".
 * Generic layer. */
#ifndef SM_INTERVAL_H
#define SM_INTERVAL_H
#include <time.h>

/* Parse p with default unit (one of w d h m s). Returns 0 on success;
 * on a bad unit returns -1 and sets *badunit to the offending char. */
int interval_parse(const char *p, int defunit, long *secs, int *badunit);
/* Format seconds like sendmail's pintvl: "1d2h" style or "00:30:00" (brief=0). */
char *interval_format(long secs, int brief, char *buf, unsigned size);
#endif
