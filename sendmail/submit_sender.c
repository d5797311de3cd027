/* submit_sender.c - the envelope sender of a submission (sendmail's
 * setsender): -f/-r parsed as a sender (verify_sender; an unusable one
 * falls back to the invoking user, its error the M line), the S line as
 * given, $f/$g the address through rulesets 3, 1 and 4, the full name
 * ($x: -F, a Full-Name field, else the passwd entry of a local sender),
 * the A line (xtext of $f, "@$j" added to a local one) and the
 * X-Authentication-Warning check of submit_auth.c. Touches the envelope
 * and err.h state. */
#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "submit_int.h"
#include "verify.h"
#include "parseaddr.h"
#include "token.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define EX_USAGE 64

/* The invoking user's login (sendmail's RealUserName). */
static const char *ss_realname(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw != NULL && pw->pw_name != NULL ? pw->pw_name : "postmaster";
}

/* The passwd full name of a user ("&" = capitalised login). */
static char *ss_gecos(const struct passwd *pw)
{
	if (pw == NULL || pw->pw_gecos == NULL || pw->pw_gecos[0] == '\0')
		return NULL;
	struct str s;
	str_init(&s, 0);
	for (const char *p = pw->pw_gecos; *p != '\0' && *p != ','; p++) {
		if (*p != '&') {
			str_addc(&s, *p);
			continue;
		}
		for (const char *u = pw->pw_name; *u; u++)
			str_addc(&s, u == pw->pw_name && *u >= 'a' && *u <= 'z' ? *u - 'a' + 'A' : *u);
	}
	return str_steal(&s);
}

/* The passwd entry of a local sender's user (a +detail ignored; tried
 * as given, then in lower case), or NULL. */
static struct passwd *ss_finduser(const struct rcpt *ps)
{
	if (ps == NULL || !mailer_flag(ps->a.mailer, 'w') || ps->a.user == NULL)
		return NULL;
	size_t n = strcspn(ps->a.user, "+");
	if (n == 0)
		return NULL;
	char *u = mem_strndup(ps->a.user, n);
	struct passwd *pw = getpwnam(u);
	for (char *p = u; pw == NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	if (pw == NULL)
		pw = getpwnam(u);
	mem_free(u);
	return pw;
}

/* from through rulesets 3, 1, 4 (sendmail's $f of the envelope). Heap. */
static char *ss_rewrite(struct submit_env *se, const char *from)
{
	struct prescan_res res;
	memset(&res, 0, sizeof res);
	if (prescan_ex(se->cf->tok, TOK_EXTERNAL, from, '\0', PS_IGNORE, se->rc.ar, &res) != 0 ||
	    res.pvp == NULL)
		return mem_strdup(from);
	char **pvp = arena_alloc(se->rc.ar, (MAXATOM + 1) * sizeof *pvp);
	int n = tok_count(res.pvp);
	if (n > MAXATOM)
		n = MAXATOM;
	memcpy(pvp, res.pvp, (size_t)n * sizeof *pvp);
	pvp[n] = NULL;
	(void)rewrite(&se->rc, 3, pvp, MAXATOM + 1);
	(void)rewrite(&se->rc, 1, pvp, MAXATOM + 1);
	(void)rewrite(&se->rc, 4, pvp, MAXATOM + 1);
	struct str s;
	str_init(&s, 0);
	tok_join_t(&s, se->cf->tok, pvp, -1, '\0', 1);
	return str_steal(&s);
}

void submit_xtext(struct str *out, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < '!' || c > '~' || c == '+' || c == '=')
			str_printf(out, "+%02X", c);
		else
			str_addc(out, c);
	}
}

/* $x: -F, the message's Full-Name field, else the passwd full name of
 * the invoking user (no -f) or of a local sender. */
static void ss_fullname(struct submit_env *se, const char *s, const struct rcpt *ps)
{
	const struct submit_req *rq = se->rq;
	const struct hdr *fn = header_find(&se->msg.hl, "full-name");
	if (rq->fullname != NULL && *rq->fullname != '\0')
		se->fullname = mem_strdup(rq->fullname);
	else if (fn != NULL && !(fn->flags & HDR_DEFAULT)) {
		const char *v = fn->value;
		while (*v == ' ' || *v == '\t')
			v++;
		se->fullname = mem_strdup(v);
	} else if (s == NULL)
		se->fullname = ss_gecos(getpwuid(getuid()));
	else if (!se->nullsender)
		se->fullname = ss_gecos(ss_finduser(ps));
}

/* An unusable -f (its error printed; verify_sender fell back to the
 * invoking user): that user is the sender, the error the M line. */
static const char *ss_fallback(struct submit_env *se, const char *s, const struct rcpt *ps,
			       int errs)
{
	if (s == NULL || se->nullsender || ps == NULL || ps->a.paddr == NULL ||
	    strcmp(ps->a.paddr, s) == 0)
		return s;
	if (err_count() != errs) {
		const char *m = err_last();
		if (m[0] >= '0' && m[0] <= '9' && m[1] && m[2] && m[3] == ' ') {
			m += 4;                 /* "553 5.1.3 text": the codes off */
			while ((*m >= '0' && *m <= '9') || *m == '.')
				m++;
			m += *m == ' ';
		}
		mem_free(se->firstmsg);
		se->firstmsg = mem_strdup(m);
		if (err_exitstat() == 0)
			err_set_exitstat(EX_USAGE);
	}
	return ps->a.paddr;
}

void submit_sender(struct submit_env *se)
{
	const struct submit_req *rq = se->rq;
	const char *s = rq->sender;
	se->nullsender = s != NULL && (*s == '\0' || strcmp(s, "<>") == 0);
	int errs = err_count();
	struct rcpt *ps = verify_sender(&se->rc, se->nullsender ? NULL : s);
	se->sparsed = ps;
	if (!(rq->flags & SUBMIT_DSN))
		s = ss_fallback(se, s, ps, errs);
	se->sender = mem_strdup(s != NULL ? s : ss_realname());
	if (rq->flags & SUBMIT_DSN) {       /* the reference's S line: $n */
		const char *n = macro_get(&se->cf->macros, 'n');
		mem_free(se->sender);
		se->sender = mem_strdup(n != NULL ? n : "MAILER-DAEMON");
	}
	ss_fullname(se, s, ps);
	se->fsender = se->nullsender ? mem_strdup("") : ss_rewrite(se, se->sender);
	if (!se->nullsender) {
		const char *j = macro_get(&se->cf->macros, 'j');
		struct str a;
		str_init(&a, 0);
		submit_xtext(&a, se->fsender);
		if (strchr(se->fsender, '@') == NULL)
			str_printf(&a, "@%s", j ? j : "");
		se->auth = str_steal(&a);
	}
	submit_auth_sender(se, ps);
}
