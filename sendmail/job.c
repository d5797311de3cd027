/* job.c - STUB until delivery lands (see job.h). */
#include "job.h"
#include "../libsmutil/poison.h"

int job_run(struct config *cf, const char *qdir, const char *id, int lockfd,
	    unsigned flags)
{
	(void)cf; (void)qdir; (void)id; (void)lockfd; (void)flags;
	return 69;
}
