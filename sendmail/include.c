/* include.c - :include: and .forward files (sendmail's include()): the
 * safety checks (libsmutil/safefile.h, relaxed by DontBlameSendmail),
 * owner and shell bookkeeping on the controlling address, and the line
 * format (comma lists, '#' lines, " #@# " comments). Reads the file;
 * touches the list and err.h state (file/line context while reading). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <pwd.h>
#include <unistd.h>
#include <sys/stat.h>
#include "recipient.h"
#include "options.h"
#include "err.h"
#include "../libsmutil/safefile.h"
#include "../libsmutil/str.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static const char *include_curfile;   /* file being read (nesting) */

int include_transient(int err)
{
	switch (err) {
	case EIO: case EAGAIN: case ENOMEM: case ENFILE: case ETXTBSY:
	case ENOBUFS: case ETIMEDOUT: case ECONNREFUSED: case EHOSTDOWN:
	case ECONNRESET: case ENETDOWN: case ENETUNREACH: case ENETRESET:
	case ECONNABORTED: case EHOSTUNREACH: case 75:
		return 1;
	default:
		return 0;
	}
}

/* Safety flags for the file kind, per DontBlameSendmail. */
static long include_sff(const struct config *cf, int forwarding)
{
	long sff = SFF_REGONLY;
	if (options_dbs(cf, "truststickybit"))
		sff |= SFF_TRUSTSTICKY;
	if (forwarding) {
		sff |= SFF_ROOTOK | SFF_NOWLINK;
		if (!options_dbs(cf, "groupwritableforwardfile"))
			sff |= SFF_NOGWFILES;
		if (!options_dbs(cf, "worldwritableforwardfile"))
			sff |= SFF_NOWWFILES;
		if (!options_dbs(cf, "forwardfileinunsafedirpath"))
			sff |= SFF_SAFEDIRPATH;
	} else {
		if (!options_dbs(cf, "groupwritableincludefile"))
			sff |= SFF_NOGWFILES;
		if (!options_dbs(cf, "worldwritableincludefile"))
			sff |= SFF_NOWWFILES;
		if (!options_dbs(cf, "includefileinunsafedirpath"))
			sff |= SFF_SAFEDIRPATH;
	}
	return sff;
}

/* DefaultUser uid/gid (default 1:1). */
void include_defuser(const struct config *cf, uid_t *uid, gid_t *gid)
{
	const char *d = option_str(cf, "DefaultUser", NULL);
	long u = 1, g = 1;
	if (d != NULL && *d != '\0') {
		struct passwd *pw = NULL;
		if (isdigit((unsigned char)*d))
			(void)sscanf(d, "%ld:%ld", &u, &g);
		else if ((pw = getpwnam(d)) != NULL) {
			u = pw->pw_uid;
			g = pw->pw_gid;
		}
	}
	*uid = (uid_t)u;
	*gid = (gid_t)g;
}

/* Owner, shell and writability bookkeeping after the file was opened. */
static void include_owner(struct rcpt_list *rl, struct rcpt *ctl, struct rcpt *ca,
			  const struct stat *st, int forwarding)
{
	uid_t du;
	gid_t dg;
	include_defuser(rl->rc->cf, &du, &dg);
	/* no controlling user, or only an alias entry (DefaultUser, gid 0):
	 * the file's owner controls what it lists */
	if (ca == NULL || (ca->uid == du && ca->gid == 0)) {
		ctl->uid = st->st_uid;
		ctl->gid = st->st_gid;
		ctl->flags |= RQ_GOODUID;
	}
	if (ca != NULL && ca->uid == st->st_uid) {
		ctl->flags |= ca->flags & RQ_BOGUSSHELL;
		if (ctl != ca && ca->ruser != NULL) {
			mem_free(ctl->ruser);
			ctl->ruser = mem_strdup(ca->ruser);
		}
	} else if (!forwarding) {
		struct passwd *pw = getpwuid(st->st_uid);
		if (pw == NULL) {
			ctl->uid = st->st_uid;
			ctl->flags |= RQ_BOGUSSHELL;
		} else {
			mem_free(ctl->ruser);
			ctl->ruser = mem_strdup(pw->pw_name);
			if (!recipient_shellok(rl, pw->pw_name, pw->pw_shell))
				ctl->flags |= RQ_BOGUSSHELL;
		}
	}
	mode_t mode = S_IWOTH;
	if (!options_dbs(rl->rc->cf, forwarding ? "groupwritableforwardfilesafe"
					       : "groupwritableincludefilesafe"))
		mode |= S_IWGRP;
	if (st->st_mode & mode)
		ctl->flags |= RQ_UNSAFEADDR;
}

/* Cut a " #@# " comment; strip CR/LF. */
static void include_clean(char *buf)
{
	size_t l = strlen(buf);
	while (l > 0 && (buf[l - 1] == '\n' || buf[l - 1] == '\r'))
		buf[--l] = '\0';
	for (char *p = buf; (p = strchr(p + 1, '#')) != NULL; ) {
		if (p[1] == '@' && p[2] == '#' && isspace((unsigned char)p[-1]) &&
		    (p[3] == '\0' || isspace((unsigned char)p[3]))) {
			--p;
			while (p > buf && isspace((unsigned char)p[-1]))
				--p;
			p[0] = '\0';
			break;
		}
	}
}

/* Read the address lines of fp. */
static void include_read(struct rcpt_list *rl, FILE *fp, const char *fname,
			 int forwarding, struct rcpt *ctl, int level)
{
	struct str line;
	int lineno = 0, n = 0;
	str_init(&line, 0);
	ctl->flags &= ~RQ_SELFREF;
	while (str_getline(&line, fp) >= 0) {
		include_clean(line.s);
		lineno++;
		if (line.s[0] == '#' || line.s[0] == '\0')
			continue;
		err_set_file(fname, lineno);
		err_set_addr(NULL);
		err_message("%s to %s", forwarding ? "forwarding" : "sending", line.s);
		n += recipient_sendtolist(rl, line.s, ctl, level + 1);
		err_set_file(fname, lineno);
		if (forwarding && rl->maxforward > 0 && n >= rl->maxforward) {
			errno = 0;
			err_syserr("Attempt to forward to more than %d addresses (in %s)!",
				   rl->maxforward, fname);
			break;
		}
	}
	str_free(&line);
	if (n > 0 && !(ctl->flags & RQ_SELFREF))
		ctl->state = RS_EXPANDED;
}

/* Can uid/gid search the directory st? (root always can) */
static int include_searchable(const struct stat *st, uid_t uid, gid_t gid)
{
	if (uid == 0)
		return 1;
	if (st->st_uid == uid)
		return (st->st_mode & S_IXUSR) != 0;
	if (st->st_gid == gid)
		return (st->st_mode & S_IXGRP) != 0;
	return (st->st_mode & S_IXOTH) != 0;
}

/* The directories leading to fname ("/" excepted): 0, E_SM_WWDIR /
 * E_SM_GWDIR for the first writable one, EACCES for one uid cannot
 * search. The reference checks them for every uid (it reads the file as
 * the user), before the file exists; a relative name is relative to the
 * queue directory (the reference's working directory). */
static int include_dirpath(const struct config *cf, const char *fname, uid_t uid, gid_t gid)
{
	char buf[4096];
	size_t pre = 0;
	const char *sl = strrchr(fname, '/');
	size_t dl = sl == NULL ? 0 : sl == fname ? 1 : (size_t)(sl - fname);
	if (fname[0] != '/') {
		if (getcwd(buf, sizeof buf - 1) == NULL)
			return 0;
		pre = strlen(buf);
		if (dl > 0)
			buf[pre++] = '/';
	}
	if (pre + dl >= sizeof buf)
		return 0;
	memcpy(buf + pre, fname, dl);
	buf[pre + dl] = '\0';
	int sticky = options_dbs(cf, "truststickybit");
	for (char *p = buf + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char save = *p;
		struct stat st;
		*p = '\0';
		if (stat(buf, &st) == 0) {
			int mine = (size_t)(p - buf) > pre;   /* part of fname */
			if (mine && !(sticky && (st.st_mode & S_ISVTX))) {
				if (st.st_mode & S_IWOTH)
					return E_SM_WWDIR;
				if (st.st_mode & S_IWGRP)
					return E_SM_GWDIR;
			}
			if (S_ISDIR(st.st_mode) && !include_searchable(&st, uid, gid))
				return EACCES;
		}
		*p = save;
		if (save == '\0')
			return 0;
	}
}

/* Directory-path verdict: an error, or 0 (*unsafe set when the path is
 * unsafe but DontBlameSendmail lets the file be read). */
static int include_pathcheck(const struct config *cf, const char *fname, int forwarding,
			     long sff, uid_t uid, gid_t gid, int *unsafe)
{
	int e = include_dirpath(cf, fname, uid, gid);
	*unsafe = 0;
	if (e == 0)
		return 0;
	if (e == EACCES)
		return e;
	/* the controlling address stays unsafe even when the file is then
	 * refused (a later ForwardPath entry inherits it, as in the reference) */
	*unsafe = !options_dbs(cf, forwarding ? "forwardfileinunsafedirpathsafe"
					      : "includefileinunsafedirpathsafe");
	return (sff & SFF_SAFEDIRPATH) ? e : 0;
}

int include_file(struct rcpt_list *rl, const char *fname, int forwarding,
		 struct rcpt *ctl, int level)
{
	const struct config *cf = rl->rc->cf;
	struct rcpt *ca = recipient_ctladdr(ctl);
	uid_t uid;
	gid_t gid;
	const char *why = NULL;
	char whybuf[256];
	include_defuser(cf, &uid, &gid);
	if (ca != NULL && !(ca->uid == uid && ca->gid == 0)) {
		uid = ca->uid;
		gid = ca->gid;
	}
	long sff = include_sff(cf, forwarding);
	int unsafe;
	int rval = include_pathcheck(cf, fname, forwarding, sff, uid, gid, &unsafe);
	if (unsafe)
		ctl->flags |= RQ_UNSAFEADDR;
	if (rval == 0)
		rval = safefile_check(fname, uid, gid, sff, S_IRUSR, &why, whybuf, sizeof whybuf);
	if (rval != 0)
		return rval;
	FILE *fp = fopen(fname, "r");
	if (fp == NULL)
		return errno;
	struct stat st;
	if (fstat(fileno(fp), &st) < 0)
		rval = errno;
	else if (forwarding && st.st_uid != uid && st.st_uid != 0)
		rval = EACCES;     /* a .forward must be the user's or root's */
	if (rval != 0) {
		fclose(fp);
		return rval;
	}
	include_owner(rl, ctl, ca, &st, forwarding);
	/* err.h has no getter for the file name: keep our own nesting */
	const char *oldfile = include_curfile;
	int oldline = err_get_line();
	include_curfile = fname;
	include_read(rl, fp, fname, forwarding, ctl, level);
	fclose(fp);
	include_curfile = oldfile;
	err_set_file(oldfile, oldline);
	err_set_addr(ctl->a.paddr);
	return 0;
}
