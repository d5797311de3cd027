/* qrun.h - queue runs: -q (once), -q<time> (periodic), -qp, -qf
 * (foreground), -q[!]I/R/S/Q selectors, -qG, -qL; scanning every queue
 * directory of the groups, MinQueueAge, QueueSortOrder, MaxQueueRunSize,
 * QueueLA/RefuseLA, ForkEachJob; each job goes to job_run. Owner: qrun*.c. */
#ifndef SM_QRUN_H
#define SM_QRUN_H
#include "config.h"
#include "cmdline.h"

/* The -q modes of the command line (ma->qargs); returns the exit status. */
int qrun_main(struct config *cf, const struct main_args *ma);
#endif
