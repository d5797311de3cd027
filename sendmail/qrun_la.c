/* qrun_la.c - the load average as sendmail sees it (the 1-minute figure
 * of /proc/loadavg, rounded to an integer) and its QueueLA test: at or
 * above QueueLA a job whose priority exceeds QueueFactor / (LA - QueueLA
 * + 1) stays queued; a whole queue run is skipped (or aborted) when even
 * RecipientFactor would. Reads /proc/loadavg (and the processor count)
 * only. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "qrun.h"
#include "../libsmutil/poison.h"

int qrun_getla(void)
{
	FILE *fp = fopen("/proc/loadavg", "r");
	double la = -1;
	if (fp == NULL)
		return -1;
	if (fscanf(fp, "%lf", &la) != 1)
		la = -1;
	fclose(fp);
	return la < 0 ? -1 : (int)(la + 0.5);
}

/* QueueLA: as set (0 and negative values included); unset, 8 per online
 * processor, as the reference. */
static long qrun_queuela(const struct config *cf)
{
	const struct opt_value *v = option_get(cf, "QueueLA");
	if (v != NULL && v->set)
		return v->num;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return 8 * (n > 0 ? n : 1);
}

int qrun_shouldqueue(const struct config *cf, long pri, int la)
{
	long qla = qrun_queuela(cf);
	long factor = option_num(cf, "QueueFactor", 600000);
	if (la < qla)
		return 0;
	return pri > factor / (la - qla + 1);
}

int qrun_la_toohigh(const struct config *cf, int la)
{
	return qrun_shouldqueue(cf, option_num(cf, "RecipientFactor", 30000), la);
}
