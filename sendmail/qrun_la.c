/* qrun_la.c - the load average as sendmail sees it (the 1-minute figure
 * of /proc/loadavg, truncated) and its QueueLA test: a job whose priority
 * exceeds QueueFactor / (LA - QueueLA + 1) stays queued. Reads
 * /proc/loadavg only. */
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

/* QueueLA / RefuseLA defaults: 8 and 12 per online processor. */
static long qrun_la_limit(const struct config *cf, const char *name, long per_cpu)
{
	const struct opt_value *v = option_get(cf, name);
	if (v != NULL && v->set && v->num > 0)
		return v->num;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return per_cpu * (n > 0 ? n : 1);
}

int qrun_shouldqueue(const struct config *cf, long pri, int la)
{
	long qla = qrun_la_limit(cf, "QueueLA", 8);
	long factor = option_num(cf, "QueueFactor", 600000);
	if (la < 0 || la < qla)
		return 0;
	return pri > factor / (la - qla + 1);
}
