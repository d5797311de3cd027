/* submit_macros.c - the macros of a submitted envelope as sendmail
 * defines them before the headers are expanded: dates ($a $b $d $t),
 * sender ($f $g), full name ($x), $_ and ${daemon_flags}, -p ($r $s),
 * the queue ID ($i), the single recipient ($u), hop count ($c).
 * Touches only se->mac. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "submit_int.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

void submit_arpadate(struct str *out, time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm lt;
	localtime_r(&t, &lt);
	long off = lt.tm_gmtoff / 60;
	str_printf(out, "%s, %d %s %d %02d:%02d:%02d ", days[lt.tm_wday], lt.tm_mday,
		   mons[lt.tm_mon], lt.tm_year + 1900, lt.tm_hour, lt.tm_min, lt.tm_sec);
	if (off == 0)
		str_add(out, "GMT");
	else
		str_printf(out, "%c%02ld%02ld", off < 0 ? '-' : '+',
			   (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
}

static void sm_set(struct submit_env *se, const char *name, const char *v)
{
	macro_set(&se->mac, macid(name), v);
}

static void sm_dates(struct submit_env *se)
{
	struct str s;
	str_init(&s, 0);
	submit_arpadate(&s, se->now);
	sm_set(se, "a", s.s);
	sm_set(se, "b", s.s);
	str_clear(&s);
	struct tm lt, gt;
	localtime_r(&se->now, &lt);
	gmtime_r(&se->now, &gt);
	char buf[64];
	strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &lt);
	sm_set(se, "d", buf);
	strftime(buf, sizeof buf, "%Y%m%d%H%M", &gt);
	sm_set(se, "t", buf);
	str_free(&s);
}

void submit_macros(struct submit_env *se)
{
	const struct submit_req *rq = se->rq;
	char buf[32];
	sm_dates(se);
	const char *f = se->nullsender ? "" : se->fsender;
	sm_set(se, "f", f);
	sm_set(se, "g", f);
	if (se->fullname != NULL)
		sm_set(se, "x", se->fullname);
	sm_set(se, "_", rq->authinfo);
	sm_set(se, "{daemon_flags}", (rq->flags & SUBMIT_RELAY) ? "CC f" : "c u");
	if (rq->proto != NULL)
		sm_set(se, "r", rq->proto);
	if (rq->rhost != NULL)
		sm_set(se, "s", rq->rhost);
	snprintf(buf, sizeof buf, "%d", rq->hopcount);
	sm_set(se, "c", buf);
	if (se->id[0] != '\0')
		sm_set(se, "i", se->id);
}
