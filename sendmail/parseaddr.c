/* parseaddr.c - envelope/header address parsing: parseaddr (prescan ->
 * ruleset 3 -> 0 -> buildaddr), buildaddr's checks and messages, the
 * *error* pseudo mailer and $#error status mapping. Touches the runtime
 * macro scope ($h) and the accumulated exit status via err.h. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "parseaddr.h"
#include "token.h"
#include "meta.h"
#include "macro.h"
#include "err.h"
#include "../libsmutil/str.h"
#include "debug.h"
#include "../libsmutil/poison.h"

static struct mailer pa_errmailer = { .name = "*error*", .maxrcpt = 100, .uid = -1, .gid = -1 };

const struct mailer *parseaddr_errmailer(void) { return &pa_errmailer; }

void parseaddr_free(struct address *a)
{
	mem_free(a->host);
	mem_free(a->user);
	mem_free(a->paddr);
	memset(a, 0, sizeof *a);
}

/* Exit status of an enhanced status code "c.s.d". */
static int pa_dsnstat(const char *s)
{
	static const int sub1[] = { 65, 67, 68, 64, 69, 78, 67, 64, 68 };
	static const int sub4[] = { 74, 75, 74, 75, 76, 75, 78, 69, 69 };
	if (s[0] == '2')
		return 0;
	if (s[0] == '4')
		return 75;
	int subj = s[2] - '0';
	int det = atoi(s + 4);
	switch (subj) {
	case 1: return det >= 0 && det <= 8 ? sub1[det] : 69;
	case 2: return det == 3 ? 65 : 69;
	case 3: return 71;
	case 4: return det >= 0 && det <= 8 ? sub4[det] : 69;
	case 5: return 76;
	case 7: return 65;
	default: return 69;
	}
}

int parseaddr_errstat(const char *s)
{
	static const struct { const char *name; int code; } names[] = {
		{ "usage", 64 }, { "nouser", 67 }, { "nohost", 68 },
		{ "unavailable", 69 }, { "software", 70 }, { "tempfail", 75 },
		{ "protocol", 76 }, { "config", 78 },
	};
	if (s == NULL || *s == '\0')
		return 69;
	if (strchr(s, '.') != NULL && isdigit((unsigned char)s[0]) && s[1] == '.')
		return pa_dsnstat(s);
	if (isdigit((unsigned char)*s))
		return atoi(s);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(s, names[i].name) == 0)
			return names[i].code;
	return 69;
}

/* sendmail's setstat(): only replaces OK or TEMPFAIL. */
static void pa_setstat(int st)
{
	int cur = err_exitstat();
	if (st != 0 && st != 75 && (cur == 0 || cur == 75))
		err_set_exitstat(st);
}

/* Join tokens [from, to) with sub between atoms (cataddr). */
static char *pa_joinsub(const struct rw_ctx *rc, char **from, char **to, int sub)
{
	struct str s;
	str_init(&s, 0);
	tok_join_t(&s, config_tok(rc->cf), from, (int)(to - from), sub, 1);
	return str_steal(&s);
}

/* buildaddr joins user and host into MAXNAME+1 byte buffers: at most
 * MAXNAME - 1 bytes survive. */
static void pa_cut(char *s)
{
	if (s != NULL && strlen(s) > MAXNAME - 1)
		s[MAXNAME - 1] = '\0';
}

/* Join tokens [from, to) with the cf's blank substitute. */
static char *pa_join(const struct rw_ctx *rc, char **from, char **to)
{
	return pa_joinsub(rc, from, to, rc->cf->blanksub);
}

/* sendmail's stripquotes, in place: drop double quotes, and a
 * backslash keeps the next char literally (the backslash itself goes;
 * a trailing one is dropped). */
static void pa_stripquotes(char *s)
{
	char *d = s;
	while (*s != '\0') {
		char c = *s++;
		if (c == '\\') {
			if (*s == '\0')
				break;
			c = *s++;
		} else if (c == '"')
			continue;
		*d++ = c;
	}
	*d = '\0';
}

/* $#error: print the message, compute the status. */
static void pa_error(struct address *a, const char *host, char *text)
{
	char dsn[32] = "";
	const char *msg = text;
	int code = 553;
	a->status = parseaddr_errstat(host);
	if (host != NULL && isdigit((unsigned char)host[0]) && host[1] == '.' &&
	    strlen(host) < sizeof dsn)
		memcpy(dsn, host, strlen(host) + 1);
	pa_stripquotes(text);
	if (isdigit((unsigned char)msg[0]) && isdigit((unsigned char)msg[1]) &&
	    isdigit((unsigned char)msg[2]) && msg[3] == ' ') {
		code = atoi(msg);
		msg += 4;
	}
	if (code / 100 == 4 || a->status == 75)
		a->temp = 1;
	int hasenh = isdigit((unsigned char)msg[0]) && msg[1] == '.';
	if (msg == text)        /* no reply code: 5.3.0 whatever $@ said */
		err_usrerr("553 5.3.0 %s", msg);
	else if (hasenh || dsn[0] == '\0')
		err_usrerr("%d %s", code, msg);
	else
		err_usrerr("%d %s %s", code, dsn, msg);
	if (!a->temp)
		pa_setstat(a->status);
}

/* Fill *a as the error mailer after an internal failure. */
static void pa_fail(struct address *a, const char *msg, const char *unused)
{
	(void)unused;
	errno = 0;
	err_syserr("%s", msg);
	a->mailer = &pa_errmailer;
	a->is_error = 1;
	a->user = mem_strdup("");
}

/* Pick prog / *file* / *include* for special local user forms (a
 * leading quote is skipped); returns 1 for :include: (no further
 * rewriting), with the file name in *incl. u is the whole user part;
 * skip is the length of a leading "@" that F=@ removed: the | and /
 * tests look past it, the :include: test (like the reference) does
 * not, so "@:include:..." stays with the mailer. */
static int pa_special(const struct rw_ctx *rc, struct address *a, char *u, int skip,
		      char **incl)
{
	const struct mailer *m = a->mailer;
	const struct mailer *n = NULL;
	const char *p = u + skip;
	if (*p == '"')
		p++;
	if (*p == '|' && mailer_flag(m, '|'))
		n = mailer_find(rc->cf, "prog");
	else if (*p == '/' && mailer_flag(m, '/'))
		n = mailer_find(rc->cf, "*file*");
	else if (*p == ':' && mailer_flag(m, ':')) {
		pa_stripquotes(u);
		if (strncasecmp(u, ":include:", 9) != 0)
			return 0;
		n = mailer_find(rc->cf, "*include*");
		if (n == NULL)
			return 0;
		a->mailer = n;
		*incl = u + 9;
		return 1;
	}
	if (n != NULL)
		a->mailer = n;
	return 0;
}

static int pa_ismeta(const char *t, int meta)
{
	return t != NULL && (unsigned char)t[0] == meta && t[1] == '\0';
}

/* Lower-case s in place. */
static void pa_lower(char *s)
{
	for (; s != NULL && *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* Rewrite the user part through 2, the mailer's R= and 4; join it. */
static void pa_user(struct rw_ctx *rc, struct address *a, char **uv, int flags)
{
	const struct mailer *m = a->mailer;
	macro_set(rc->mac, 'h', a->host);
	if (rc->cf->level >= 10 || !(flags & (RF_SENDERADDR | RF_HEADERADDR))) {
		rewrite(rc, 2, uv, MAXATOM + 1);
		if (m->r_env > 0)
			rewrite(rc, m->r_env, uv, MAXATOM + 1);
	}
	rewrite(rc, 4, uv, MAXATOM + 1);
	a->user = pa_join(rc, uv, uv + tok_count(uv));
	pa_cut(a->user);
	if (!mailer_flag(m, 'u'))
		pa_lower(a->user);
	if (a->host != NULL && !mailer_flag(m, 'h'))
		pa_lower(a->host);
}

/* Split "$# mailer [$@ host] ... $: user" like sendmail: the mailer is
 * the one token after $#; a host only when $@ follows it directly (up
 * to the first $:); *us = NULL when there is no $: ("no user", checked
 * before the mailer is looked up). Returns the mailer name (allocated). */
static char *pa_split(char **tv, char ***hs, char ***he, char ***us)
{
	char **p = tv + 1;
	char *mname = mem_strdup(*p != NULL ? *p : "");
	*hs = *he = *us = NULL;
	if (*p != NULL && pa_ismeta(p[1], META_CANONHOST))
		*hs = p + 2;
	if (*p != NULL)
		p++;
	while (*p && !pa_ismeta(*p, META_CANONUSER))
		p++;
	if (*p == NULL)
		return mname;
	*us = p + 1;
	*he = p;
	if (*hs == *he)
		*hs = NULL;
	return mname;
}

void parseaddr_build(struct rw_ctx *rc, char **tv, struct address *a, int flags, const char *addr)
{
	memset(a, 0, sizeof *a);
	a->paddr = mem_strdup(addr ? addr : "");
	if (tv == NULL || !pa_ismeta(tv[0], META_CANONNET)) {
		pa_fail(a, "554 5.3.5 buildaddr: no mailer in parsed address", NULL);
		return;
	}
	char **hs, **he, **us;
	char *mname = pa_split(tv, &hs, &he, &us);
	if (us == NULL) {
		mem_free(mname);
		pa_fail(a, "554 5.3.5 buildaddr: no user", NULL);
		return;
	}
	char **end = tv + tok_count(tv);
	if (hs != NULL)
		a->host = pa_join(rc, hs, he);
	if (strcasecmp(mname, "error") == 0) {
		a->mailer = &pa_errmailer;
		a->is_error = 1;
		/* the error text is joined with real blanks */
		a->user = pa_joinsub(rc, us, end, ' ');
		char *text = mem_strdup(a->user);
		pa_error(a, a->host, text);
		mem_free(text);
		mem_free(mname);
		return;
	}
	a->mailer = mailer_find(rc->cf, mname);
	if (a->mailer == NULL) {
		struct str s;
		str_init(&s, 0);
		str_printf(&s, "554 5.3.5 buildaddr: unknown mailer %s", mname);
		mem_free(a->host);
		a->host = NULL;
		pa_fail(a, s.s, NULL);
		str_free(&s);
		mem_free(mname);
		return;
	}
	mem_free(mname);
	if (hs == NULL && !mailer_flag(a->mailer, 'l')) {
		a->mailer = NULL;
		pa_fail(a, "554 5.3.5 buildaddr: no host", NULL);
		return;
	}
	char *joined = pa_join(rc, us, end), *incl = NULL;
	int skip = 0;
	if (mailer_flag(a->mailer, '@') && us[0] != NULL && strcmp(us[0], "@") == 0) {
		us++;
		skip = joined[0] == '@';
	}
	char **uv = arena_alloc(rc->ar, (MAXATOM + 1) * sizeof *uv);
	int n = (int)(end - us);
	memcpy(uv, us, (size_t)n * sizeof *uv);
	uv[n] = NULL;
	if (pa_special(rc, a, joined, skip, &incl)) {
		a->user = mem_strdup(incl);
		mem_free(joined);
		return;
	}
	mem_free(joined);
	pa_user(rc, a, uv, flags);
}

/* Copy a token vector into a fresh MAXATOM+1 slot buffer. */
static char **pa_buf(struct rw_ctx *rc, char **pvp)
{
	char **buf = arena_alloc(rc->ar, (MAXATOM + 1) * sizeof *buf);
	int n = tok_count(pvp);
	if (n > MAXATOM)
		n = MAXATOM;
	memcpy(buf, pvp, (size_t)n * sizeof *buf);
	buf[n] = NULL;
	return buf;
}

static int pa_parse(struct rw_ctx *rc, const char *addr, struct address *a,
		    int flags, int delim, const char **delimptr);

int parseaddr(struct rw_ctx *rc, const char *addr, struct address *a,
	      int flags, int delim, const char **delimptr)
{
	/* the tokens and workspaces of one parse die with it (the results in
	 * *a are on the heap): long recipient lists stay small */
	struct arena_mark mk;
	arena_mark(rc->ar, &mk);
	int r = pa_parse(rc, addr, a, flags, delim, delimptr);
	arena_release(rc->ar, &mk);
	return r;
}

static int pa_parse(struct rw_ctx *rc, const char *addr, struct address *a,
		    int flags, int delim, const char **delimptr)
{
	struct prescan_res res;
	memset(a, 0, sizeof *a);
	memset(&res, 0, sizeof res);
	if (tTd(20, 1))
		fprintf(debug_fp(), "\n--parseaddr(%s)\n", addr);
	err_set_addr(addr);
	int ps = prescan(rc->cf->tok, TOK_EXTERNAL, addr, delim, rc->ar, &res);
	if (delimptr != NULL)
		*delimptr = res.end ? res.end : addr + strlen(addr);
	if (ps < 0 || res.pvp == NULL)
		return -1;
	if ((flags & RF_COPYPADDR) && delim != '\0' && res.end != NULL && *res.end != '\0') {
		/* the address in context is the part before the delimiter */
		char *part = mem_strndup(addr, (size_t)(res.end - addr));
		err_set_addr(part);
		mem_free(part);
	}
	char *copy = arena_alloc(rc->ar, strlen(addr) + 1);
	memcpy(copy, addr, strlen(addr) + 1);
	char *cend = delim != '\0' && res.end != NULL ? copy + (res.end - addr) : NULL;
	if (parseaddr_invalid(copy, cend, !(flags & RF_SENDERADDR), 1))
		return -1;
	char **pvp = pa_buf(rc, res.pvp);
	int st = 0;
	if (!(flags & RF_CANONICAL) && rewrite(rc, 3, pvp, MAXATOM + 1) == 75)
		st = 75;
	if (rewrite(rc, 0, pvp, MAXATOM + 1) == 75)
		st = 75;
	parseaddr_build(rc, pvp, a, flags, addr);
	if (a->user != NULL) {   /* error users too */
		err_set_addr(NULL);
		(void)parseaddr_ctrlchar(a->user, !(flags & RF_SENDERADDR));
	}
	if (st == 75 && !a->is_error)
		a->temp = 1;
	return 0;
}
