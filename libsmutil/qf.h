/* qf.h - sendmail's version-8 queue control file ("qf") format, queue IDs,
 * queue file names and qf locks. Mail layer of libsmutil: no sendmail/ code.
 *
 * A qf is kept as its ordered list of lines (code byte + value), so a file
 * read from disk is written back byte for byte; typed views (times,
 * sender, recipients, headers...) are recomputed from the lines by
 * qf_env_index() after every change. New envelopes are built with the
 * setters, which insert lines at the position sendmail's queueup() writes
 * them (V T K N P d I B q M F $ S Z A ! recipients H .). Values are
 * NUL-terminated and may hold any byte but NUL (headers keep the internal
 * 0201 macro bytes); a value with '\n' inside is a folded line (each
 * continuation starts with SPACE or TAB and is written as its own line). */
#ifndef SM_QF_H
#define SM_QF_H
#include <stddef.h>
#include <sys/types.h>
#include <time.h>
#include "str.h"

#define QF_VERSION 8          /* the version we write and the highest we read */
#define QF_ID_MAX  32         /* room for an ID: 8 chars + pid digits + NUL */

struct qf_line {
	char code;            /* 'V', 'T', ... '.'; line = code + val */
	char *val;            /* NUL-terminated (heap) */
	size_t len;
};

/* One recipient: its R line plus the C/Q/r/M lines just before it. */
struct qf_rcpt {
	const char *flags;    /* R flags ("PFD"), flen bytes (not NUL-ended) */
	size_t flen;
	const char *addr;     /* address after the flags' ':' */
	const char *ctl;      /* C line value in effect (NULL: none/reset) */
	const char *orcpt;    /* Q line value or NULL */
	const char *final;    /* r line value or NULL */
	const char *msg;      /* M line just before, or NULL */
	size_t line;          /* index of the R line */
};

struct qf_hdr {
	const char *raw;      /* everything after 'H' (with "?cond?") */
	const char *cond;     /* text between the '?'s, NULL if no "?..?" */
	size_t condlen;
	const char *name;     /* header field name */
	size_t namelen;
	const char *value;    /* after the ':' (leading space kept) */
};

struct qf_env {
	struct qf_line *lines;
	size_t nlines, cap;
	/* typed views (pointers into lines[]; NULL = line absent) */
	int version;          /* V value, 0 if none */
	long ctime, dtime, ntries, prio;  /* T K N P (0 if absent) */
	int has_T;
	const char *ddir, *inode, *bodytype, *quarmsg, *msg, *flags;
	const char *sender, *envid, *auth, *deliverby;
	struct qf_rcpt *rcpts;
	size_t nrcpts;
	struct qf_hdr *hdrs;
	size_t nhdrs;
	size_t nmacros;
};

void qf_env_init(struct qf_env *e);
void qf_env_free(struct qf_env *e);
/* Recompute the typed views from lines[] (the setters do it themselves). */
void qf_env_index(struct qf_env *e);

/* Parse a whole qf image. Returns 0 ok, -1 error: *error_r gets sendmail's
 * text without the "readqf: <file>: " prefix ("line 3: bad line \"xyz\"",
 * "unsupported queue file version 9"), *lineno_r the line (may be NULL).
 * On error the caller renames the file to Qf (qf_path with 'Q'). A file
 * without the final "." line is accepted (sendmail stops at EOF); a file
 * that is empty parses to zero lines (callers treat it as "no control
 * file"). Code 'D', 'E', 'L' lines are kept (old formats). */
int qf_parse(struct qf_env *e, const char *buf, size_t len, int *lineno_r,
	     const char **error_r);
/* Read and parse an open descriptor from its current offset. -1 with
 * *error_r = strerror text on a read error, else as qf_parse. */
int qf_parse_fd(struct qf_env *e, int fd, int *lineno_r, const char **error_r);
/* Append the file image (every line + '\n') to out. */
void qf_format(const struct qf_env *e, struct str *out);

/* Builders (insert at queueup()'s position, or replace a scalar line):
 * code is one of V T K N P d I B q M F S Z A ! (M = envelope message). */
void qf_env_set(struct qf_env *e, char code, const char *val);
void qf_env_setf(struct qf_env *e, char code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void qf_env_unset(struct qf_env *e, char code);
/* "$" line: name is one char ("r") or "{name}"; value as is. */
void qf_env_add_macro(struct qf_env *e, const char *name, const char *val);
/* A recipient: optional C, Q, r lines (NULL = none), then R<flags>:<addr>. */
void qf_env_add_rcpt(struct qf_env *e, const char *ctl, const char *orcpt,
		     const char *final, const char *flags, const char *addr);
/* A header "H?cond?name: value"; cond may be NULL; value may contain
 * "\n\t" folding. text = "Name: value" as it goes after the ?cond?. */
void qf_env_add_header(struct qf_env *e, const char *cond, const char *text);
/* Make sure the file ends with "." (builders call it on format). */
void qf_env_terminate(struct qf_env *e);
/* Raw line append (tests, fuzz): no ordering. */
void qf_env_append(struct qf_env *e, char code, const char *val, size_t len);

/* ---- queue IDs (qf_id.c) */
/* A new ID into buf (>= QF_ID_MAX): sendmail's format from gmtime(now),
 * the process sequence (random start, +1 per ID, new timestamp after 3600
 * IDs or a pid change) and "%06d" pid. now = 0 means time(NULL). */
void qf_id_new(char *buf, size_t size, time_t now, pid_t pid);
/* Seed the sequence (tests); -1 = random. */
void qf_id_seed(long seq);
/* 1 if s looks like an ID (8 alphabet chars + at least 1 digit). */
int qf_id_valid(const char *s);

/* ---- file names and queue directories (qf_path.c) */
/* Subdirectory bits of a queue directory (qf/, df/, xf/ exist). */
#define QF_SUB_QF 1
#define QF_SUB_DF 2
#define QF_SUB_XF 4
unsigned qf_path_subdirs(const char *qdir);
/* out = qdir "/" [sub "/"] kind "f" id; kind one of q d t x h Q T.
 * sub: qf/ for q t h Q T when QF_SUB_QF, df/ for d when QF_SUB_DF, xf/ for
 * x when QF_SUB_XF. Returns out->s. */
const char *qf_path(struct str *out, const char *qdir, unsigned subdirs,
		    char kind, const char *id);
/* The directory a kind of file lives in (no trailing slash). */
const char *qf_path_dir(struct str *out, const char *qdir, unsigned subdirs, char kind);
/* Expand a QueueDirectory value: "/q/qd*" => every subdirectory of /q
 * whose name starts with "qd" (directory order, like sendmail), else the
 * path itself. Calls fn for each; returns the count. */
size_t qf_path_expand(const char *qdir, void (*fn)(const char *dir, void *ctx), void *ctx);

/* ---- locks (qf_lock.c): flock(2), as the reference sendmail on Linux */
/* Lock fd: excl=1 write lock, 0 read lock; wait=0 non-blocking.
 * 0 ok, 1 held by someone else (EAGAIN/EACCES), -1 other error. */
int qf_lock(int fd, int excl, int wait);
int qf_unlock(int fd);
/* mailq's test: 1 if another process holds a write lock on fd. */
int qf_lock_busy(int fd);
/* Fast path for listing many jobs: read /proc/locks once and return the
 * sorted inode numbers of files on device maj:min with an exclusive flock
 * (*inodes_r, free with mem_free). -1 if /proc/locks is unreadable (then
 * test each file with qf_lock_busy). */
long qf_lock_scan(unsigned maj, unsigned min, unsigned long **inodes_r);
int qf_lock_scan_has(const unsigned long *inodes, long n, unsigned long ino);
#endif
