/* hoststat.h - persistent host status (HostStatusDirectory): the path of a
 * host's file (<dir>/com./example./mail), the "V0 E H S D R U ." record
 * format, flock locking, directory traversal (hoststat listing) and purge
 * (purgestat). Mail layer of libsmutil: no sendmail/ headers; errors come
 * back as return values / callbacks so the caller formats them. */
#ifndef SM_HOSTSTAT_H
#define SM_HOSTSTAT_H
#include <stdio.h>
#include <time.h>
#include "str.h"

struct hoststat_rec {
	short err;          /* E: errno of the last attempt (sendmail keeps a short) */
	short herr;         /* H: h_errno */
	short exitstat;     /* S: sysexits status */
	char *dstatus;      /* D: DSN status (NULL if absent) */
	char *rstatus;      /* R: SMTP reply text (NULL if absent) */
	long lastuse;       /* U: epoch of last use */
};

/* Line number bookkeeping like the reference's: *line is the "current line"
 * shown in messages. On entry the value is saved and reset; a record ending
 * in "." leaves it at that line's number; EOF or a bad line restores it. */
struct hoststat_rd {
	int *line;
	/* called for a V line with an unknown version (reading continues) */
	void (*badver)(int ver, void *ctx);
	void *ctx;
};

/* Host name -> file path under dir. Returns 0, or -1 if the name can't be
 * mapped (empty, "..", bad [address literal]). */
int hoststat_path(const char *dir, const char *host, struct str *out);
/* Read one record; strings are malloc'd (hoststat_rec_free). Returns 0, or
 * -1 on an unknown/empty line. */
int hoststat_read(FILE *fp, struct hoststat_rec *r, const struct hoststat_rd *rd);
void hoststat_rec_free(struct hoststat_rec *r);
/* Write the record (V0 E H S [D] [R] U .) at the start of fp and truncate. */
int hoststat_write(FILE *fp, const struct hoststat_rec *r);
/* Create missing "label." directories and store the record under path,
 * holding an exclusive lock while writing. Returns 0 or -1 (errno). */
int hoststat_store(const char *path, const struct hoststat_rec *r, int mode);
/* Is fd locked by someone else (shared non-blocking flock fails)? */
int hoststat_is_locked(int fd);
/* flock the file (excl != 0: exclusive), non-blocking if nb. 0 or -1. */
int hoststat_lock(int fd, int excl, int nb);

/* Traversal action: host NULL for a directory (after its entries). Return
 * -1 stop, 0 done/removed, 1 kept (as the reference's actions). */
typedef int (*hoststat_action)(const char *path, const char *host, void *ctx);
/* Walk the tree below path in readdir order (names starting with '.' are
 * skipped), rebuilding host names from "label." components. When action
 * returns 0 during a purge (purge != 0), the directory is re-read. */
int hoststat_traverse(const char *path, hoststat_action action, void *ctx, int purge);
/* The purge action: remove files (and empty "label." directories) whose
 * mtime is older than timeout seconds before now. */
int hoststat_purge_entry(const char *path, const char *host, long timeout, time_t now);

/* Texts as the reference prints them: errno (with sendmail's pseudo
 * errors and the LDAP range) and sysexits (NULL if unknown; the text
 * starts with the enhanced code, e.g. "5.1.2 Host unknown"). */
const char *hoststat_errstring(int errnum, char *buf, size_t size);
const char *hoststat_sysexit_text(int status);
#endif
