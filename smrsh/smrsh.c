/* smrsh.c - smrsh(8), the restricted shell a cf's prog mailer runs through
 * (FEATURE(smrsh): "A=smrsh -c $u"). Behaves as sendmail 8.17's smrsh does
 * (learned by running it): the command is rewritten so that every command
 * word names a program in the program directory, refused if it contains a
 * shell metacharacter, then handed to /bin/sh -c with PATH=/usr/bin:/bin as
 * the only environment variable.
 *
 * Rewriting, per segment (segments are separated by "&&" and "||"):
 *   - leading white space is dropped; an empty last segment is left alone;
 *   - each "exec" followed by a blank is kept as "exec ";
 *   - the command word (up to a blank) "echo" or "exit" is kept as is; any
 *     other word is cut to its last path component, which must be an
 *     executable regular file in the program directory (symbolic links are
 *     followed) and is replaced by its full path there;
 *   - the rest of the segment is kept, refused if it holds any of
 *     ; $ ` ( ) < > | & ^ CR LF (compared on the low 7 bits of each byte).
 * Limits: the command may not be longer than SMRSH_BUF - 2 - strlen(dir)
 * bytes, nor the rewritten command longer than SMRSH_BUF - 1.
 * Errors go to stderr and to syslog (ident "smrsh", facility mail).
 * Exit: 64 usage, 69 refused, 72 /bin/sh could not be executed.
 *
 * Build time: -DSMRSH_DIR='"/path"' sets the program directory (default
 * /etc/mail/smrsh). Links libsmutil only; touches nothing but its own
 * process (stat/access of programs, then exec of /bin/sh). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#ifndef SMRSH_DIR
#define SMRSH_DIR "/etc/mail/smrsh"
#endif
#define SMRSH_BUF 999              /* rewritten command + NUL */
#define SMRSH_SHELL "/bin/sh"
#define SMRSH_PATH "PATH=/usr/bin:/bin"
#define EX_USAGE 64
#define EX_UNAVAILABLE 69
#define EX_OSFILE 72

struct smrsh {
	const char *argv0;
	char *cmd;                /* the command; the blank ending each command
	                             word becomes a space and the one after an
	                             "exec" a NUL, and messages show it so, as
	                             the reference's do */
	size_t shown;             /* bytes of cmd a "too long" message shows */
	struct str out;           /* the rewritten command (bounded) */
};

/* log to syslog and, when err is non-NULL, print "argv0: err" to stderr;
 * then exit with ex */
static void smrsh_die(const struct smrsh *m, int ex, int pri, const char *err,
		      const char *logfmt, ...) __attribute__((format(printf, 5, 6), noreturn));
static void smrsh_die(const struct smrsh *m, int ex, int pri, const char *err,
		      const char *logfmt, ...)
{
	va_list ap;
	struct str l;

	if (err != NULL)
		fprintf(stderr, "%s: %s\n", m->argv0, err);
	str_init(&l, 0);
	va_start(ap, logfmt);
	str_vprintf(&l, logfmt, ap);
	va_end(ap);
	syslog(pri, "%s", l.s);
	exit(ex);
}

static void smrsh_usage(const struct smrsh *m) __attribute__((noreturn));
static void smrsh_usage(const struct smrsh *m)
{
	fprintf(stderr, "Usage: %s -c command\n", m->argv0);
	syslog(LOG_ERR, "usage");
	exit(EX_USAGE);
}

/* "command too long", showing the command up to m->shown bytes */
static void smrsh_toolong(const struct smrsh *m) __attribute__((noreturn));
static void smrsh_toolong(const struct smrsh *m)
{
	struct str e;
	int n = (int)m->shown;

	str_init(&e, 0);
	str_printf(&e, "command too long: %.*s", n, m->cmd);
	smrsh_die(m, EX_UNAVAILABLE, LOG_WARNING, e.s, "command too long: %.*s",
		  n < 40 ? n : 40, m->cmd);
}

/* append n bytes to the rewritten command, refusing to grow it too long */
static void smrsh_add(struct smrsh *m, const char *p, size_t n)
{
	if (str_addn(&m->out, p, n) < 0)
		smrsh_toolong(m);
}

static int smrsh_meta(int c)
{
	c &= 0x7f;
	return c != 0 && strchr(";$`()<>|&^\n\r", c) != NULL;
}

/* the program "name" cannot be used; the log shows the command from the
 * start of the name (rest) to its end, as the reference does */
static void smrsh_refuse(const struct smrsh *m, const char *name, const char *rest,
			 const char *why) __attribute__((noreturn));
static void smrsh_refuse(const struct smrsh *m, const char *name, const char *rest,
			 const char *why)
{
	struct str e;

	str_init(&e, 0);
	str_printf(&e, "\"%s\" not available for sendmail programs%s", name, why);
	smrsh_die(m, EX_UNAVAILABLE, LOG_CRIT, e.s, "uid %d: attempt to use \"%s\"%s",
		  (int)getuid(), rest, why);
}

/* the command word p[0..n): "echo"/"exit" kept, else the program's full
 * path in the program directory, once it is known to be usable */
static void smrsh_program(struct smrsh *m, const char *p, size_t n)
{
	const char *base = p;
	struct str path;
	struct stat st;
	char *name;

	if (n == 4 && (memcmp(p, "echo", 4) == 0 || memcmp(p, "exit", 4) == 0)) {
		smrsh_add(m, p, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if ((p[i] & 0x7f) == '/')
			base = p + i + 1;
	name = mem_strndup(base, n - (size_t)(base - p));
	str_init(&path, SMRSH_BUF - 1);
	if (str_printf(&path, "%s/%s", SMRSH_DIR, name) < 0)
		smrsh_refuse(m, name, base, " (filename too long)");
	if (stat(path.s, &st) < 0)
		smrsh_refuse(m, name, base, " (stat failed)");
	if (!S_ISREG(st.st_mode))
		smrsh_refuse(m, name, base, " (not a file)");
	if (access(path.s, X_OK) < 0)
		smrsh_refuse(m, name, base, "");
	smrsh_add(m, path.s, path.len);
	str_free(&path);
	mem_free(name);
}

static int smrsh_blank(int c)
{
	return c == ' ' || c == '\t';
}

static const char *smrsh_skipspace(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/* the rest of a segment, from p up to "&&", "||" or the end: refused if
 * it holds a metacharacter; returns its end */
static const char *smrsh_rest(const struct smrsh *m, const char *p)
{
	struct str e;

	for (; *p != '\0'; p++) {
		if ((p[0] == '&' && p[1] == '&') || (p[0] == '|' && p[1] == '|'))
			break;
		if (smrsh_meta(*p)) {
			str_init(&e, 0);
			str_printf(&e, "cannot use %c in command", *p);
			smrsh_die(m, EX_UNAVAILABLE, LOG_CRIT, e.s,
				  "uid %d: attempt to use %c in command: %s",
				  (int)getuid(), *p, m->cmd);
		}
	}
	return p;
}

/* rewrite one segment starting at p; return where the next one starts
 * (just after its "&&" or "||") or the end of the command. While the
 * "exec"s and the command word are added, a "too long" message shows the
 * command only up to the end of the segment's first word (as the
 * reference's does); the blank after the command word becomes one space. */
static const char *smrsh_segment(struct smrsh *m, const char *p)
{
	const char *q;

	p = smrsh_skipspace(p);
	if (*p == '\0')
		return p;
	for (q = p; *q != '\0' && !smrsh_blank(*q); q++)
		;
	m->shown = (size_t)(q - m->cmd);
	while (strncmp(p, "exec", 4) == 0 && smrsh_blank(p[4])) {
		m->cmd[p + 4 - m->cmd] = '\0';
		smrsh_add(m, "exec ", 5);
		p = smrsh_skipspace(p + 5);
		if (*p == '\0')
			smrsh_die(m, EX_UNAVAILABLE, LOG_CRIT, "missing command to exec",
				  "uid %d: missing command to exec", (int)getuid());
	}
	for (q = p; *q != '\0' && !smrsh_blank(*q); q++)
		;
	if (*q != '\0')
		m->cmd[q - m->cmd] = ' ';
	smrsh_program(m, p, (size_t)(q - p));
	m->shown = strlen(m->cmd);
	p = smrsh_rest(m, q);
	smrsh_add(m, q, (size_t)(p - q));
	if (*p == '\0')
		return p;
	smrsh_add(m, p, 2);
	return p + 2;
}

int main(int argc, char **argv)
{
	struct smrsh m;
	char *env[] = { SMRSH_PATH, NULL };
	const char *p;
	int err;

	m.argv0 = argc > 0 ? argv[0] : "smrsh";
	openlog("smrsh", 0, LOG_MAIL);
	if (argc != 3 || strcmp(argv[1], "-c") != 0)
		smrsh_usage(&m);
	m.cmd = mem_strdup(argv[2]);
	m.shown = strlen(m.cmd);
	if (strlen(m.cmd) > SMRSH_BUF - 2 - strlen(SMRSH_DIR))
		smrsh_toolong(&m);
	if (*smrsh_skipspace(m.cmd) == '\0')
		smrsh_usage(&m);
	str_init(&m.out, SMRSH_BUF - 1);
	for (p = m.cmd; *p != '\0';)
		p = smrsh_segment(&m, p);
	execle(SMRSH_SHELL, SMRSH_SHELL, "-c", m.out.s, (char *)NULL, env);
	err = errno;
	perror(SMRSH_SHELL);
	errno = err;
	smrsh_die(&m, EX_OSFILE, LOG_CRIT, NULL, "Cannot exec %s: %s", SMRSH_SHELL,
		  strerror(err));
}
