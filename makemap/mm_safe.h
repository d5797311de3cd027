/* mm_safe.h - the file safety checks makemap and praliases apply to a map
 * file before opening it (directory warnings, symlinks, hard links). */
#ifndef MM_SAFE_H
#define MM_SAFE_H

/* error codes beyond errno values */
#define MM_E_SLINK  (-2)   /* "Symbolic links not allowed" */
#define MM_E_HLINK  (-3)   /* "Hard links not allowed" */
#define MM_E_TYPE   (-4)   /* "Unknown database type" */

/* Print "WARNING: World|Group writable directory D" on stderr for every
 * such directory leading to path (as written). */
void mm_safe_dirwarn(const char *path);
/* Check path before opening it: 0 ok, else an errno value or MM_E_*.
 * create: the file may be missing (its directory must be writable);
 * skip: -s, symbolic and hard links allowed. */
int mm_safe_check(const char *path, int create, int skip);
/* Text for an errno value or MM_E_* code. */
const char *mm_safe_strerror(int e);
#endif
