/* safefile.h - file safety checks in the manner of sendmail's safefile():
 * regular file, owner, group/world-writable file and directory path checks.
 * Generic layer: the DontBlameSendmail bits are passed in as SFF_* flags. */
#ifndef SM_SAFEFILE_H
#define SM_SAFEFILE_H
#include <sys/types.h>
#include <stdio.h>

#define SFF_ANYFILE       0x0001  /* any file type ok */
#define SFF_NOWLINK       0x0002  /* no links in world-writable dirs */
#define SFF_NOGWFILES     0x0004  /* group-writable file is unsafe */
#define SFF_NOWWFILES     0x0008  /* world-writable file is unsafe */
#define SFF_SAFEDIRPATH   0x0010  /* check every directory of the path */
#define SFF_NOPATHCHECK   0x0020
#define SFF_OPENASROOT    0x0040
#define SFF_REGONLY       0x0080
#define SFF_ROOTOK        0x0100
#define SFF_CREAT         0x0200
#define SFF_NOGWDIRS      0x0400  /* group-writable directory in path unsafe */
#define SFF_NOWWDIRS      0x0800  /* world-writable directory in path unsafe */
#define SFF_TRUSTSTICKY   0x1000  /* sticky world-writable dirs are safe */
#define SFF_GWDIRPATHSAFE 0x2000  /* group-writable dirs in path are safe */
#define SFF_NOSLINK       0x4000  /* the file may not be a symbolic link */

/* Semantics (observed against sendmail 8.17, as root):
 *  - the directories leading to the file ("/" itself excepted) are checked
 *    only when uid == 0 and SFF_NOPATHCHECK is clear: a world-writable one
 *    (sticky counts only with SFF_TRUSTSTICKY) or a group-writable one
 *    (unless SFF_GWDIRPATHSAFE) is an error (E_SM_WWDIR / E_SM_GWDIR) with
 *    SFF_SAFEDIRPATH (or SFF_NOWWDIRS / SFF_NOGWDIRS), otherwise only a
 *    warning "WARNING: World writable directory /tmp" passed to the hook
 *    set with safefile_set_warn (sendmail prints it as message 051);
 *  - a symlink is refused with SFF_NOSLINK, or with SFF_NOWLINK when its
 *    directory is group/world writable;
 *  - SFF_REGONLY (without SFF_ANYFILE): "Regular files only";
 *  - group/world-writable files are refused only with SFF_NOGWFILES /
 *    SFF_NOWWFILES; a missing file is ENOENT unless SFF_CREAT;
 *  - mode (S_IRUSR/S_IWUSR/S_IXUSR bits) is checked against the file's
 *    permission bits for uid/gid when uid != 0 (EACCES), unless the file
 *    is root-owned and SFF_ROOTOK is set. */

/* Returns 0 if safe, else an errno-like code; *why gets a sendmail-style
 * reason ("World writable directory", "Group writable file", ...). */
int safefile_check(const char *path, uid_t uid, gid_t gid, long sff, int mode,
		   const char **why, char *whybuf, size_t whysz);
/* Open for reading after the check; NULL with errno/why set on failure. */
FILE *safefile_fopen(const char *path, long sff, const char **why, char *whybuf, size_t whysz);
/* Directory-path part of the check alone (dir itself included). */
int safefile_dirpath(const char *dir, uid_t uid, long sff, const char **why,
		     char *whybuf, size_t whysz);
/* Where path warnings go (NULL: dropped). text has no trailing newline. */
void safefile_set_warn(void (*fn)(const char *text));
/* Write a whole file atomically: tmp in same dir, fsync, rename, dir fsync. */
int safefile_write_atomic(const char *path, const void *data, size_t len, int mode, const char **error_r);

/* Pseudo-errno values for safety failures (sendmail's texts via
 * safefile_strerror; plain errno values fall through to strerror). */
#define E_SM_BASE      10000
#define E_SM_NOSLINK   (E_SM_BASE + 2)  /* Symbolic links not allowed */
#define E_SM_NOHLINK   (E_SM_BASE + 3)  /* Hard links not allowed */
#define E_SM_REGONLY   (E_SM_BASE + 4)  /* Regular files only */
#define E_SM_ISEXEC    (E_SM_BASE + 5)  /* Executable files not allowed */
#define E_SM_WWDIR     (E_SM_BASE + 6)  /* World writable directory */
#define E_SM_GWDIR     (E_SM_BASE + 7)  /* Group writable directory */
#define E_SM_FILECHANGE (E_SM_BASE + 8) /* File changed after open */
#define E_SM_WWFILE    (E_SM_BASE + 9)  /* World writable file */
#define E_SM_GWFILE    (E_SM_BASE + 10) /* Group writable file */
#define E_SM_GRFILE    (E_SM_BASE + 11) /* Group readable file */
#define E_SM_WRFILE    (E_SM_BASE + 12) /* World readable file */
const char *safefile_strerror(int e);
#endif
