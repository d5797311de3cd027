/* makemap.c - makemap(8): build a Berkeley DB hash/btree map from
 * "key value" lines on standard input, or dump one (-u). Links libsmutil
 * only (never sendmail/ code). Touches the map file named on the command
 * line (through a temporary file renamed into place, except -o), reads
 * the cf named by -C (TrustedUser, K lines). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "mm_cf.h"
#include "mm_parse.h"
#include "mm_safe.h"
#include "../libsmutil/db.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define EX_OK_ 0
#define EX_USAGE_ 64
#define EX_DATAERR_ 65
#define EX_NOINPUT_ 66
#define EX_CANTCREAT_ 73
#define EX_IOERR_ 74

struct mm {
	const char *prog, *cf, *type, *map, *fallback;
	int implicit, unmake, notrunc, allowdups, allowreplace, verbose, skip;
	long cachesize;
	struct mm_popts p;
	enum db_map_type dbtype;
	char *dbname;
	char *typebuf;      /* type resolved through the cf (owned) */
	uid_t tuid;
	int exitstat;
};

static void mm_usage(const char *prog)
{
	int w = (int)strlen(prog);
	fprintf(stderr, "Usage: %s [-C cffile] [-N] [-c cachesize] [-D commentchar]\n"
		"       %*s [-d] [-e] [-f] [-i type] [-l] [-o] [-r] [-s] [-t delimiter]\n"
		"       %*s [-u] [-v] type mapname\n", prog, w, "", w, "");
	exit(EX_USAGE_);
}

/* -l, -L, -x: the types this makemap supports. */
static void mm_types(int cf, int ext)
{
	if (cf)
		printf("cf\nCF\n");
	if (ext)
		printf("hash:db\nbtree:db\nimplicit:\n");
	else
		printf("hash\nbtree\nimplicit\n");
	exit(EX_OK_);
}

static void mm_opt(struct mm *m, int c, const char *arg)
{
	switch (c) {
	case 'C': m->cf = arg; break;
	case 'D': m->p.comment = (unsigned char)arg[0]; break;
	case 'N': m->p.inclnull = 1; break;
	case 'c': m->cachesize = atol(arg); break;
	case 'd': m->allowdups = 1; break;
	case 'e': m->p.allowempty = 1; break;
	case 'f': m->p.foldcase = 0; break;
	case 'i': m->fallback = arg; break;
	case 'l': mm_types(0, 0); break;
	case 'L': mm_types(1, 0); break;
	case 'x': mm_types(0, 1); break;
	case 'o': m->notrunc = 1; break;
	case 'r': m->allowreplace = 1; break;
	case 's': m->skip = 1; break;
	case 't':
		if (arg[0] == '\0')
			fprintf(stderr, "Invalid separator\n");
		else
			m->p.sep = (unsigned char)arg[0];
		break;
	case 'u': m->unmake = 1; break;
	case 'v': m->verbose = 1; break;
	default: mm_usage(m->prog);
	}
}

static void mm_args(struct mm *m, int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	m->prog = slash != NULL ? slash + 1 : argv[0];
	m->cf = "/etc/mail/sendmail.cf";
	m->p.comment = '#';
	m->p.foldcase = 1;
	m->cachesize = 1024 * 1024;
	int c;
	while ((c = getopt(argc, argv, "C:D:Nc:defi:Llorst:uvx")) != -1)
		mm_opt(m, c, optarg);
	if (argc - optind != 2)
		mm_usage(m->prog);
	m->type = argv[optind];
	m->map = argv[optind + 1];
}

/* Resolve "cf"/"CF" through the K lines and map the type name. */
static void mm_resolve_type(struct mm *m)
{
	if (strcmp(m->type, "cf") == 0 || strcmp(m->type, "CF") == 0) {
		char *t = NULL;
		int r = mm_cf_maptype(m->cf, m->map, m->type[0] == 'C', &t);
		if (r < 0) {
			fprintf(stderr, "makemap: %s: %s\n", m->cf, strerror(errno));
			exit(EX_NOINPUT_);
		}
		if (r == 0 && m->fallback == NULL) {
			fprintf(stderr, "%s: mapfile %s: not found in %s\n", m->prog, m->map, m->cf);
			exit(EX_DATAERR_);
		}
		if (r == 0) {
			if (m->verbose)
				fprintf(stderr, "%s: mapfile %s: not found in %s, using fallback %s\n",
					m->prog, m->map, m->cf, m->fallback);
			t = mem_strdup(m->fallback);
		}
		m->type = m->typebuf = t;
	}
	if (strcmp(m->type, "dbm") == 0 || strcmp(m->type, "cdb") == 0) {
		fprintf(stderr, "%s: Need to recompile with -D%s for %s support\n", m->prog,
			m->type[0] == 'd' ? "NDBM" : "CDB", m->type);
		exit(EX_CANTCREAT_);
	}
	m->implicit = strcmp(m->type, "implicit") == 0;
	m->dbtype = m->implicit ? DB_MAP_HASH : db_map_typebyname(m->type);
}

static void mm_openerr(struct mm *m, int e)
{
	/* "implicit" tries each type in turn: any failure to open reads as
	 * an unknown type (the link checks come before and keep their text) */
	if (m->implicit && e != MM_E_SLINK && e != MM_E_HLINK && e != EEXIST)
		e = MM_E_TYPE;
	fprintf(stderr, "%s: error opening type %s map %s: %s\n", m->prog, m->type, m->map,
		mm_safe_strerror(e));
	exit(EX_CANTCREAT_);
}

/* The file name: mapname plus ".db" unless it already ends so. */
static void mm_dbname(struct mm *m)
{
	size_t n = strlen(m->map);
	struct str s;
	str_init(&s, 0);
	str_add(&s, m->map);
	if (n < 3 || strcmp(m->map + n - 3, ".db") != 0)
		str_add(&s, ".db");
	m->dbname = str_steal(&s);
}

/* With -s a symbolic link is written through: build beside its target. */
static char *mm_target(const struct mm *m)
{
	struct stat st;
	if (m->skip && lstat(m->dbname, &st) == 0 && S_ISLNK(st.st_mode)) {
		char *r = realpath(m->dbname, NULL);
		if (r != NULL) {
			char *t = mem_strdup(r);
			free(r);
			return t;
		}
	}
	return mem_strdup(m->dbname);
}

/* Open the map for writing: a new file (temp + rename) or, with -o, the
 * existing one in place. Keeps an existing file's mode and owner. */
static struct db_map *mm_open_write(struct mm *m)
{
	int e = 0;
	struct stat st;
	char *target = mm_target(m);
	int exists = stat(target, &st) == 0;
	if (m->notrunc && !exists)
		mm_openerr(m, ENOENT);
	struct stat lst;
	if (!exists && lstat(target, &lst) == 0)
		mm_openerr(m, EEXIST);   /* a dangling symlink (-s): refused */
	mode_t um = umask(0);
	umask(um);
	int mode = exists ? (int)(st.st_mode & 07777) : (int)(0640 & ~um);
	unsigned fl = (m->allowdups ? DB_MAP_DUPS : 0) | (m->notrunc ? DB_MAP_APPEND : 0);
	struct db_map *d = db_map_create_cache(target, m->dbtype, mode, fl,
					       (size_t)(m->cachesize > 0 ? m->cachesize : 0), &e);
	mem_free(target);
	if (d == NULL)
		mm_openerr(m, e);
	int fd = db_map_fd(d);
	if (fd >= 0 && exists && !m->notrunc)
		(void)fchown(fd, st.st_uid, st.st_gid);
	if (fd >= 0 && m->tuid != 0 && fchown(fd, m->tuid, (gid_t)-1) != 0)
		fprintf(stderr, "WARNING: ownership change on %s failed %s\n", m->dbname,
			strerror(errno));
	return d;
}

static struct db_map *mm_open(struct mm *m)
{
	if (m->dbtype == 0)
		mm_openerr(m, MM_E_TYPE);
	mm_dbname(m);
	mm_safe_dirwarn(m->dbname);
	mm_safe_dirwarn(m->dbname);
	int e = mm_safe_check(m->dbname, !m->unmake && !m->notrunc, m->skip);
	if (e != 0)
		mm_openerr(m, e);
	if (!m->unmake)
		return mm_open_write(m);
	struct db_map *d = db_map_open(m->dbname, m->dbtype, &e);
	if (d == NULL)
		mm_openerr(m, e);
	return d;
}

/* Print n bytes of s, stopping at a NUL like printf's %.*s. */
static void mm_putn(const void *s, size_t n)
{
	if (s == NULL || n == 0)	/* empty key or value: nothing to print */
		return;
	const char *z = memchr(s, '\0', n);
	fwrite(s, 1, z != NULL ? (size_t)(z - (const char *)s) : n, stdout);
}

static int mm_dump1(const void *k, size_t kl, const void *v, size_t vl, void *ctx)
{
	const struct mm *m = ctx;
	mm_putn(k, kl);
	putchar(m->p.sep != 0 ? m->p.sep : '\t');
	mm_putn(v, vl);
	putchar('\n');
	return 0;
}

/* Store one parsed record, reporting duplicates and put errors. */
static void mm_store(struct mm *m, struct db_map *d, const struct mm_rec *r, unsigned lineno)
{
	if (m->verbose)
		printf("key=`%s', val=`%s'\n", r->key, r->val);
	int noover = !m->allowdups && !m->allowreplace;
	int st = db_map_put(d, r->key, r->klen, r->val, r->vlen, noover);
	if (st < 0) {
		fprintf(stderr, "%s: %s: line %u: key %s: put error: %s\n", m->prog, m->map,
			lineno, r->key, strerror(errno));
		m->exitstat = EX_IOERR_;
	} else if (st > 0) {
		fprintf(stderr, "%s: %s: line %u: key %s: duplicate key\n", m->prog, m->map,
			lineno, r->key);
		m->exitstat = EX_DATAERR_;
	}
}

static void mm_load(struct mm *m, struct db_map *d)
{
	char buf[MM_LINEBUF];
	unsigned lineno = 0;
	while (fgets(buf, sizeof buf, stdin) != NULL) {
		lineno++;
		if (!mm_parse_chomp(buf) && !feof(stdin)) {
			fprintf(stderr, "%s: %s: line %u: line too long (%ld bytes max)\n",
				m->prog, m->map, lineno, (long)sizeof buf);
			m->exitstat = EX_DATAERR_;
			continue;
		}
		struct mm_rec r;
		switch (mm_parse_line(buf, &m->p, &r)) {
		case MM_SKIP:
			break;
		case MM_LEADSP:
			fprintf(stderr, "%s: %s: line %u: syntax error (leading space)\n",
				m->prog, m->map, lineno);
			m->exitstat = EX_DATAERR_;
			break;
		case MM_NORHS:
			fprintf(stderr, "%s: %s: line %u: no RHS for LHS %s\n",
				m->prog, m->map, lineno, r.key);
			m->exitstat = EX_DATAERR_;
			break;
		case MM_REC:
			mm_store(m, d, &r, lineno);
			break;
		}
	}
}

int main(int argc, char **argv)
{
	struct mm m;
	memset(&m, 0, sizeof m);
	mm_args(&m, argc, argv);
	db_map_quiet(1);
	if (geteuid() == 0 && mm_cf_trusted(m.cf, &m.tuid) < 0) {
		fprintf(stderr, "makemap: %s: %s\n", m.cf, strerror(errno));
		exit(EX_NOINPUT_);
	}
	if (m.unmake)
		m.tuid = 0;
	mm_resolve_type(&m);
	struct db_map *d = mm_open(&m);
	if (m.unmake) {
		if (db_map_walk(d, mm_dump1, &m) != 0) {
			fprintf(stderr, "%s: cannot make cursor for type %s map %s\n",
				m.prog, m.type, m.map);
			m.exitstat = EX_IOERR_;
		}
		db_map_abort(d);
	} else {
		mm_load(&m, d);
		if (db_map_close(d) != 0) {
			fprintf(stderr, "%s: close(%s): %s\n", m.prog, m.map, strerror(errno));
			m.exitstat = EX_IOERR_;
		}
	}
	fflush(stdout);
	mem_free(m.dbname);
	mem_free(m.typebuf);
	return m.exitstat;
}
