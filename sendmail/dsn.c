/* dsn.c - STUB until DSNs land (see dsn.h). */
#include "dsn.h"
#include "../libsmutil/poison.h"

int dsn_after_attempt(struct job *j, char ***ids, size_t *nids)
{
	(void)j; (void)ids; (void)nids;
	return 0;
}

int dsn_return(struct job *j, int kind, char ***ids, size_t *nids)
{
	(void)j; (void)kind; (void)ids; (void)nids;
	return 0;
}
