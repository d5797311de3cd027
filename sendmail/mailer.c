/* mailer.c - M lines: sendmail's makemailer. The fields of one line are
 * dispatched through a table of small handlers; the result is entered in
 * cf->mailers (redefinition replaces in place). Touches cf->mailers and,
 * through ruleset_parse, ruleset names. */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "config.h"
#include "mailer.h"
#include "ruleset.h"
#include "readcf.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

int mailer_flag(const struct mailer *m, int c)
{
	c &= 0377;
	return (m->flags[c >> 3] >> (c & 7)) & 1;
}

void mailer_setflag(struct mailer *m, int c, int on)
{
	c &= 0377;
	if (on)
		m->flags[c >> 3] |= (unsigned char)(1u << (c & 7));
	else
		m->flags[c >> 3] &= (unsigned char)~(1u << (c & 7));
}

/* A field handler: returns 0 to go on, -1 to abandon the mailer. */
typedef int mailer_field(struct config *cf, struct mailer *m, char *v);

/* Store a non-empty string field or complain "mailer %s: null %s". */
static int mailer_nonnull(const struct mailer *m, char **dst, const char *v, const char *what)
{
	if (*v == '\0') {
		errno = 0;
		err_syserr("mailer %s: null %s", m->name, what);
		return 0;
	}
	mem_free(*dst);
	*dst = mem_strdup(v);
	return 0;
}

static int mailer_P(struct config *cf, struct mailer *m, char *v)
{
	if (*v != '\0') {
		mem_free(m->path);
		m->path = mem_strdup(v);
	}
	return 0;
}

static int mailer_F(struct config *cf, struct mailer *m, char *v)
{
	for (; *v != '\0'; v++)
		if (!isspace((unsigned char)*v))
			mailer_setflag(m, (unsigned char)*v, 1);
	return 0;
}

/* S= and R=: "env[/hdr]" ruleset references. */
static int mailer_SR(struct config *cf, struct mailer *m, char *v, int *env, int *hdr)
{
	const char *ep;
	int i = ruleset_parse(cf, v, &ep, 1);
	if (i < 0)
		return -1;
	*env = *hdr = i;
	if (*ep++ == '/') {
		i = ruleset_parse(cf, ep, NULL, 1);
		if (i < 0)
			return -1;
		*hdr = i;
	}
	return 0;
}

static int mailer_S(struct config *cf, struct mailer *m, char *v)
{
	return mailer_SR(cf, m, v, &m->s_env, &m->s_hdr);
}

static int mailer_R(struct config *cf, struct mailer *m, char *v)
{
	return mailer_SR(cf, m, v, &m->r_env, &m->r_hdr);
}

static int mailer_E(struct config *cf, struct mailer *m, char *v)
{
	return mailer_nonnull(m, &m->eol, v, "end-of-line string");
}

char **mailer_makeargv(const char *p)
{
	char **av = mem_zalloc(sizeof(char *) * (MAXATOM / 4 + 1));
	int n = 0;
	while (*p != '\0' && n < MAXATOM / 4) {
		while (isspace((unsigned char)*p))
			p++;
		const char *q = p;
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
		if (p > q)
			av[n++] = mem_strndup(q, (size_t)(p - q));
	}
	av[n] = NULL;
	return av;
}

static void mailer_freeargv(char **av)
{
	for (char **a = av; a != NULL && *a != NULL; a++)
		mem_free(*a);
	mem_free(av);
}

static int mailer_A(struct config *cf, struct mailer *m, char *v)
{
	if (*v != '\0') {
		mailer_freeargv(m->argv);
		m->argv = mailer_makeargv(v);
	}
	return 0;
}

static int mailer_M(struct config *cf, struct mailer *m, char *v) { m->maxsize = atol(v); return 0; }
static int mailer_m(struct config *cf, struct mailer *m, char *v) { m->maxmsgs = atoi(v); return 0; }
static int mailer_r(struct config *cf, struct mailer *m, char *v) { m->maxrcpt = atoi(v); return 0; }
static int mailer_N(struct config *cf, struct mailer *m, char *v) { m->nice = atoi(v); return 0; }

static int mailer_L(struct config *cf, struct mailer *m, char *v)
{
	m->linelimit = atoi(v);
	if (m->linelimit < 0)
		m->linelimit = 0;
	return 0;
}

static int mailer_D(struct config *cf, struct mailer *m, char *v)
{
	return mailer_nonnull(m, &m->execdir, v, "working directory");
}

static int mailer_C(struct config *cf, struct mailer *m, char *v)
{
	return mailer_nonnull(m, &m->charset, v, "charset");
}

static int mailer_root(struct config *cf, struct mailer *m, char *v)
{
	return mailer_nonnull(m, &m->rootdir, v, "root directory");
}

static int mailer_W(struct config *cf, struct mailer *m, char *v)
{
	m->waittime = readcf_util_convtime(v, 's');
	return 0;
}

static int mailer_Q(struct config *cf, struct mailer *m, char *v)
{
	if (*v == '\0') {
		errno = 0;
		err_syserr("mailer %s: null queue", m->name);
		return 0;
	}
	/* queue group names are case-insensitive; "mqueue" always exists */
	int known = strcasecmp(v, "mqueue") == 0;
	for (struct qgrp_def *q = cf->qgroups; q != NULL && !known; q = q->next)
		known = strcasecmp(q->name, v) == 0;
	if (known) {
		mem_free(m->qgrp);
		m->qgrp = mem_strdup(v);
		return 0;
	}
	errno = 0;
	err_syserr("mailer %s: unknown queue %s", m->name, v);
	return 0;
}

/* T=mta/addr/diag: empty parts default to dns, rfc822, smtp. */
static int mailer_T(struct config *cf, struct mailer *m, char *v)
{
	char *a = strchr(v, '/'), *d = NULL;
	if (a != NULL) {
		*a++ = '\0';
		d = strchr(a, '/');
		if (d != NULL)
			*d++ = '\0';
	}
	mem_free(m->mtatype);
	mem_free(m->addrtype);
	mem_free(m->diagtype);
	m->mtatype = mem_strdup(*v ? v : "dns");
	m->addrtype = mem_strdup(a && *a ? a : "rfc822");
	m->diagtype = mem_strdup(d && *d ? d : "smtp");
	return 0;
}

/* U= user part; returns pointer after it, or NULL (error given). */
static char *mailer_Uuser(struct mailer *m, char *p)
{
	if ((unsigned char)*p < 0200 && !isdigit((unsigned char)*p)) {
		char *q = p;
		while (*p != '\0' && (unsigned char)*p < 0200 &&
		       (isalnum((unsigned char)*p) || strchr("-_", *p) != NULL))
			p++;
		while (isspace((unsigned char)*p))
			*p++ = '\0';
		if (*p != '\0')
			*p++ = '\0';
		errno = 0;
		if (*q == '\0') {
			err_syserr("mailer %s: null user name", m->name);
			return NULL;
		}
		struct passwd *pw = getpwnam(q);
		errno = 0;
		if (pw == NULL) {
			err_syserr("readcf: mailer U= flag: unknown user %s", q);
			return NULL;
		}
		m->uid = pw->pw_uid;
		m->gid = pw->pw_gid;
		return p;
	}
	char *q;
	m->uid = strtol(p, &q, 0);
	p = q;
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0')
		p++;
	return p;
}

static int mailer_U(struct config *cf, struct mailer *m, char *v)
{
	char *p = mailer_Uuser(m, v);
	if (p == NULL)
		return 0;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0')
		return 0;
	if ((unsigned char)*p < 0200 && !isdigit((unsigned char)*p)) {
		char *q = p;
		while ((unsigned char)*p < 0200 &&
		       (isalnum((unsigned char)*p) || strchr("-_", *p) != NULL) && *p != '\0')
			p++;
		/* The reference overruns its buffer when a group NAME ends the
		 * value and the value has 13+ characters: its next-mailer
		 * counter drops to 0, so new mailers reuse slots 0, 1, ...
		 * (observed; a known name keeps its slot) */
		if (*p == '\0' && p - v >= 13)
			cf->next_mailer = 0;
		*p = '\0';
		errno = 0;
		if (*q == '\0') {
			err_syserr("mailer %s: null group name", m->name);
			return 0;
		}
		struct group *gr = getgrnam(q);
		errno = 0;
		if (gr == NULL) {
			err_syserr("readcf: mailer U= flag: unknown group %s", q);
			return 0;
		}
		m->gid = gr->gr_gid;
	} else
		m->gid = strtol(p, NULL, 0);
	return 0;
}

static const struct {
	char code;
	mailer_field *fn;
} mailer_fields[] = {
	{ 'P', mailer_P }, { 'F', mailer_F }, { 'S', mailer_S }, { 'R', mailer_R },
	{ 'E', mailer_E }, { 'A', mailer_A }, { 'M', mailer_M }, { 'm', mailer_m },
	{ 'r', mailer_r }, { 'L', mailer_L }, { 'N', mailer_N }, { 'D', mailer_D },
	{ 'C', mailer_C }, { 'Q', mailer_Q }, { 'T', mailer_T }, { 'U', mailer_U },
	{ 'W', mailer_W }, { '/', mailer_root },
};

/* Apply one "c=value" field; -1 abandons the mailer. */
static int mailer_field_apply(struct config *cf, struct mailer *m, int code, char *v)
{
	for (size_t i = 0; i < sizeof mailer_fields / sizeof mailer_fields[0]; i++)
		if (mailer_fields[i].code == code)
			return mailer_fields[i].fn(cf, m, v);
	errno = 0;
	err_syserr("M%s: unknown mailer equate %c=", m->name, code);
	return 0;
}

/* Scan the fields after the name; returns 0 ok, -1 abandoned. */
static int mailer_fields_scan(struct config *cf, struct mailer *m, const char *p)
{
	struct str v;
	str_init(&v, 0);
	int rc = 0;
	while (*p != '\0' && rc == 0) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		int code = (unsigned char)*p;
		while (*p != '\0' && *p != '=' && *p != ',')
			p++;
		if (*p++ != '=') {
			errno = 0;
			err_syserr("mailer %s: `=' expected", m->name);
			rc = -1;
			break;
		}
		while (isspace((unsigned char)*p))
			p++;
		const char *end;
		readcf_util_munch(&v, p, &end, ',');
		rc = mailer_field_apply(cf, m, code, v.s);
		p = end;
	}
	str_free(&v);
	return rc;
}

void mailer_free(struct mailer *m)
{
	if (m == NULL)
		return;
	mem_free(m->name);
	mem_free(m->path);
	mem_free(m->eol);
	mailer_freeargv(m->argv);
	mem_free(m->execdir);
	mem_free(m->rootdir);
	mem_free(m->charset);
	mem_free(m->mtatype);
	mem_free(m->addrtype);
	mem_free(m->diagtype);
	mem_free(m->qgrp);
	mem_free(m);
}

/* [IPC] and [FILE] argument checks; 0 ok, -1 rejected. */
static int mailer_check_special(struct mailer *m)
{
	char **av = m->argv;
	errno = 0;
	if (strcmp(m->path, "[TCP]") == 0) {
		err_syserr("M%s: P=[TCP] must be replaced by P=[IPC]", m->name);
		return -1;
	}
	if (strcmp(m->path, "[IPC]") == 0) {
		if (av[0] == NULL || av[1] == NULL || av[1][0] == '\0') {
			err_syserr("M%s: too few parameters for %s mailer", m->name, m->path);
			return -1;
		}
		if (strcmp(av[0], "TCP") != 0 && strcmp(av[0], "FILE") != 0)
			readcf_util_stdout("M%s: Warning: first argument in %s mailer must be %s\n",
					   m->name, m->path, "TCP or FILE");
		if (m->mtatype == NULL)
			m->mtatype = mem_strdup("dns");
		if (m->addrtype == NULL)
			m->addrtype = mem_strdup("rfc822");
		if (m->diagtype == NULL)
			m->diagtype = mem_strdup(strcmp(av[0], "FILE") == 0 ? "x-unix" : "smtp");
	} else if (strcmp(m->path, "[FILE]") == 0) {
		if (av[0] == NULL || av[1] == NULL || av[2] != NULL) {
			err_syserr("M%s: too %s parameters for [FILE] mailer", m->name,
				   (av[0] == NULL || av[1] == NULL) ? "few" : "many");
			return -1;
		} else if (strcmp(av[0], "FILE") != 0) {
			err_syserr("M%s: first argument in [FILE] mailer must be FILE", m->name);
			return -1;
		}
	}
	return 0;
}

/* Default E=: "\n" if some argument has $u, else "\r\n" (SMTP). */
static void mailer_default_eol(struct mailer *m)
{
	if (m->eol != NULL)
		return;
	int hasu = 0;
	for (char **a = m->argv; *a != NULL && !hasu; a++)
		for (const char *p = *a; *p != '\0'; p++)
			if ((unsigned char)*p == META_MACROEXPAND && p[1] == 'u') {
				hasu = 1;
				break;
			}
	m->eol = mem_strdup(hasu ? "\n" : "\r\n");
}

/* Rationality checks and defaults; 0 when the mailer may be entered. */
static int mailer_finish(struct config *cf, struct mailer *m)
{
	errno = 0;
	if (m->argv == NULL) {
		err_syserr("M%s: A= argument required", m->name);
		return -1;
	}
	if (m->path == NULL) {
		err_syserr("M%s: P= argument required", m->name);
		return -1;
	}
	if (cf->next_mailer >= MAXMAILERS) {
		err_syserr("too many mailers defined (%d max)", MAXMAILERS);
		return -1;
	}
	if (m->maxrcpt <= 0)
		m->maxrcpt = 100;
	if (mailer_flag(m, 'L')) {
		if (m->linelimit == 0)
			m->linelimit = 990;
		if (cf->level < 2)
			mailer_setflag(m, '7', 1);
	}
	if (mailer_check_special(m) < 0)
		return -1;
	mailer_default_eol(m);
	/* the reference never lets prog or *file* take several recipients */
	if (strcasecmp(m->name, "prog") == 0 || strcasecmp(m->name, "*file*") == 0)
		mailer_setflag(m, 'm', 0);
	return 0;
}

/* By name, like sendmail's symbol table: a mailer whose slot was taken
 * over (see mailer_U) is still found. */
struct mailer *mailer_find(const struct config *cf, const char *name)
{
	for (int i = 0; i < cf->nmailer_names; i++)
		if (strcasecmp(cf->mailer_names[i]->name, name) == 0)
			return cf->mailer_names[i];
	return NULL;
}

/* Enter m: a mailer of the same name is replaced in its slot; a new
 * name takes slot next_mailer (whatever was there stays known by name). */
static void mailer_enter(struct config *cf, struct mailer *m)
{
	int i;
	for (i = 0; i < cf->nmailer_names; i++)
		if (strcasecmp(cf->mailer_names[i]->name, m->name) == 0)
			break;
	if (i < cf->nmailer_names) {
		struct mailer *old = cf->mailer_names[i];
		m->number = old->number;
		if (cf->mailers[m->number] == old)
			cf->mailers[m->number] = NULL;
		mailer_free(old);
	} else {
		cf->mailer_names = mem_realloc(cf->mailer_names,
			(size_t)(cf->nmailer_names + 1) * sizeof *cf->mailer_names);
		cf->nmailer_names++;
		m->number = cf->next_mailer++;
		if (cf->nmailers < cf->next_mailer)
			cf->nmailers = cf->next_mailer;
	}
	cf->mailer_names[i] = m;
	cf->mailers[m->number] = m;
}

void mailer_parse_line(struct config *cf, const char *line)
{
	const char *p = line;
	while (*p != '\0' && *p != ',' && !isspace((unsigned char)*p))
		p++;
	errno = 0;
	if (p == line) {
		err_syserr("name required for mailer");
		return;
	}
	struct mailer *m = mem_zalloc(sizeof *m);
	m->name = mem_strndup(line, (size_t)(p - line));
	m->uid = m->gid = -1;
	if (*p != '\0')
		p++;
	if (mailer_fields_scan(cf, m, p) < 0 || mailer_finish(cf, m) < 0) {
		mailer_free(m);
		return;
	}
	mailer_enter(cf, m);
}
