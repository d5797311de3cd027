/* submit.c - STUB until the submission path lands (see submit.h). */
#include "submit.h"
#include "../libsmutil/poison.h"

int submit_queue(const struct submit_req *rq, struct submit_result *res)
{
	(void)rq;
	res->id[0] = '\0';
	res->qdir = NULL;
	res->lockfd = -1;
	res->status = 69;
	return 69;
}

void submit_result_free(struct submit_result *res)
{
	(void)res;
}

int submit_main(struct config *cf, const struct main_args *ma)
{
	(void)cf;
	(void)ma;
	return 69;
}
