/* qrun.c - STUB until queue runs land (see qrun.h). */
#include "qrun.h"
#include "../libsmutil/poison.h"

int qrun_main(struct config *cf, const struct main_args *ma)
{
	(void)cf; (void)ma;
	return 69;
}
