/* test_interval.c - sendmail time intervals (convtime) and pintvl forms. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "../../libsmutil/interval.h"

static char bads[16];
static void onbad(int c, void *ctx)
{
	size_t n = strlen(bads);
	(void)ctx;
	if (n + 1 < sizeof bads) { bads[n] = (char)c; bads[n + 1] = '\0'; }
}

int main(void)
{
	long s = 0;
	int bad = 0;
	char buf[128];
	CHECK(interval_parse("30m", 's', &s, &bad) == 0 && s == 1800, "30m");
	CHECK(interval_parse("1h30m", 's', &s, &bad) == 0 && s == 5400, "1h30m");
	CHECK(interval_parse("2d", 's', &s, &bad) == 0 && s == 172800, "2d");
	CHECK(interval_parse("1w", 's', &s, &bad) == 0 && s == 604800, "1w");
	CHECK(interval_parse("5", 's', &s, &bad) == 0 && s == 5, "default unit s");
	CHECK(interval_parse("5", 'm', &s, &bad) == 0 && s == 300, "default unit m");
	CHECK(interval_parse("2h5", 'm', &s, &bad) == 0 && s == 7500, "trailing digits use default");
	CHECK(interval_parse("-5m", 's', &s, &bad) == 0 && s == -300, "leading minus");
	CHECK(interval_parse("NOW", 's', &s, &bad) == 0 && s == INTERVAL_NOW, "now");
	CHECK(interval_parse("", 's', &s, &bad) == 0 && s == 0, "empty is zero");
	CHECK(interval_parse("5x", 'm', &s, &bad) == -1 && bad == 'x' && s == 300,
	      "bad unit reported, default unit used");
	CHECK(interval_parse_cb("abc", 's', &s, onbad, NULL) == 3 && s == 0, "abc: three bad units");
	CHECK_STR(bads, "abc", "each bad unit in order");

	CHECK_STR(interval_format(1800, 1, buf, sizeof buf), "00:30:00", "queue_interval for -q30m");
	CHECK_STR(interval_format(93784, 1, buf, sizeof buf), "1+02:03:04", "days in brief form");
	CHECK_STR(interval_format(0, 1, buf, sizeof buf), "00:00:00", "brief zero");
	CHECK_STR(interval_format(0, 0, buf, sizeof buf), "zero seconds", "verbose zero");
	CHECK_STR(interval_format(4 * 3600, 0, buf, sizeof buf), "4 hours", "verbose hours");
	CHECK_STR(interval_format(5 * 86400, 0, buf, sizeof buf), "5 days", "verbose days");
	CHECK_STR(interval_format(8 * 86400 + 3600 + 61, 0, buf, sizeof buf),
		  "1 week, 1 day, 1 hour, 1 minute, 1 second", "verbose all parts");
	CHECK_STR(interval_format(INTERVAL_NOW, 0, buf, sizeof buf), "too long", "NOW");
	CHECK_STR(interval_format(1800, 1, buf, 4), "00:", "truncated to buffer");
	return unit_done();
}
