/* hoststat_mode.h - sendmail -bh (hoststat) and -bH (purgestat). */
#ifndef SM_HOSTSTAT_MODE_H
#define SM_HOSTSTAT_MODE_H
struct config;
/* List (purge == 0) or purge the HostStatusDirectory of cf like the
 * reference: chdir to QueueDirectory, validate the directory (warning if
 * unusable), walk it. Output on stdout. Returns the exit status. */
int hoststat_main(struct config *cf, int purge);
#endif
