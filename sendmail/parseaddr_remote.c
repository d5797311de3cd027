/* parseaddr_remote.c - remotename (the address as a mailer presents it:
 * rulesets 3, 1|2, the mailer's S=/R= set, 4, then the header template
 * from crackaddr) and setsender (for -bt /sender). Touches the runtime
 * macros ({addr_type}) only. */
#include <ctype.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>
#include "parseaddr.h"
#include "token.h"
#include "macro.h"
#include "meta.h"
#include "options.h"
#include "err.h"
#include "../libsmutil/str.h"
#include "debug.h"
#include "../libsmutil/poison.h"

/* Only a temporary failure of a ruleset reaches the caller (sendmail's
 * remotename ignores every other rewrite status, e.g. EX_CONFIG). */
static void pr_stat(int *pstat, int st)
{
	if (st == 75)
		*pstat = st;
}

/* Replace each 0201 'g' in tpl by val (sendmail's expand into a
 * MAXNAME+1 buffer: at most MAXNAME bytes). */
static char *pr_subst(const char *tpl, const char *val)
{
	struct str s;
	str_init(&s, 0);
	for (const char *p = tpl; *p; p++) {
		if ((unsigned char)*p == META_MACROEXPAND && p[1] == 'g') {
			str_add(&s, val);
			p++;
		} else
			str_addc(&s, *p);
	}
	if (s.len > MAXNAME)
		str_truncate(&s, MAXNAME);
	return str_steal(&s);
}

/* The mailer's rewriting set for this address kind. */
static int pr_mailer_set(const struct mailer *m, int flags)
{
	int hdr = (flags & RF_HEADERADDR) != 0;
	if (flags & RF_SENDERADDR)
		return hdr ? m->s_hdr : m->s_env;
	return hdr ? m->r_hdr : m->r_env;
}

/* prescan failed on name: sendmail's prescan cuts an over-long
 * address ("Address too long") to MAXNAME bytes in place. */
static char *pr_failed(const char *name)
{
	size_t n = strlen(name);
	if (n > MAXNAME && strstr(err_last(), "Address too long") != NULL)
		n = MAXNAME;
	return mem_strndup(name, n);
}

char *parseaddr_remotename(struct rw_ctx *rc, const char *name,
			   const struct mailer *m, int flags, int *pstat)
{
	struct prescan_res res;
	char *fancy;
	*pstat = 0;
	if (tTd(12, 1))
		fprintf(debug_fp(), "remotename(%s)\n", name);
	memset(&res, 0, sizeof res);
	if ((flags & RF_CANONICAL) || mailer_flag(m, 'c'))
		fancy = mem_strdup("\201g");
	else
		fancy = crackaddr(name, rc->cf->colon_ok,
				  option_str(rc->cf, "MustQuoteChars", NULL));
	if (prescan(rc->cf->tok, TOK_EXTERNAL, name, '\0', rc->ar, &res) < 0 || res.pvp == NULL) {
		mem_free(fancy);
		return pr_failed(name);
	}
	char **pvp = arena_alloc(rc->ar, (MAXATOM + 1) * sizeof *pvp);
	int n = tok_count(res.pvp);
	memcpy(pvp, res.pvp, (size_t)(n > MAXATOM ? MAXATOM : n) * sizeof *pvp);
	pvp[n > MAXATOM ? MAXATOM : n] = NULL;
	if (!(flags & RF_CANONICAL))
		pr_stat(pstat, rewrite(rc, 3, pvp, MAXATOM + 1));
	pr_stat(pstat, rewrite(rc, (flags & RF_SENDERADDR) ? 1 : 2, pvp, MAXATOM + 1));
	int set = pr_mailer_set(m, flags);
	if (set > 0)
		pr_stat(pstat, rewrite(rc, set, pvp, MAXATOM + 1));
	pr_stat(pstat, rewrite(rc, 4, pvp, MAXATOM + 1));
	struct str lbuf;
	str_init(&lbuf, 0);
	tok_join_t(&lbuf, rc->cf->tok, pvp, -1, rc->cf->blanksub, 0);
	if (lbuf.len > MAXNAME - 2)     /* cataddr into a MAXNAME+1 buffer */
		str_truncate(&lbuf, MAXNAME - 2);
	if ((flags & RF_CANONICAL) && lbuf.s[0] == '@') {
		mem_free(fancy);
		fancy = mem_strdup("<\201g>");
	}
	char *out = pr_subst(fancy, lbuf.s);
	str_free(&lbuf);
	mem_free(fancy);
	if (tTd(12, 1)) {
		fputs("remotename => `", debug_fp());
		debug_xputs(debug_fp(), out);
		fprintf(debug_fp(), "', stat=%d\n", *pstat);
	}
	return out;
}

void parseaddr_sender_rewrite(struct rw_ctx *rc, const char *from)
{
	struct prescan_res res;
	memset(&res, 0, sizeof res);
	if (prescan(rc->cf->tok, TOK_EXTERNAL, from, '\0', rc->ar, &res) != 0 || res.pvp == NULL)
		return;
	char **pvp = arena_alloc(rc->ar, (MAXATOM + 1) * sizeof *pvp);
	int n = tok_count(res.pvp);
	if (n > MAXATOM)
		n = MAXATOM;
	memcpy(pvp, res.pvp, (size_t)n * sizeof *pvp);
	pvp[n] = NULL;
	rewrite(rc, 3, pvp, MAXATOM + 1);
	rewrite(rc, 1, pvp, MAXATOM + 1);
	rewrite(rc, 4, pvp, MAXATOM + 1);
}

int parseaddr_special_mailer(const struct config *cf, const struct mailer *m)
{
	static const char *const names[] = { "prog", "*file*", "*include*" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (m != NULL && m == mailer_find(cf, names[i]))
			return 1;
	return 0;
}

int parseaddr_invalid(char *addr, char *end, int isrcpt, int in_ctx)
{
	char save = '\0';
	int bad = 0, len = 0;
	if (end != NULL) {
		save = *end;
		*end = '\0';
	}
	if (strlen(addr) > MAXNAME - 1) {
		char *cut = addr + MAXNAME - 1, c = *cut;
		*cut = '\0';
		if (in_ctx)   /* the "addr... " context is the same, cut string */
			err_set_addr(addr);
		err_usrerr("553 5.1.1 Address \"%s\" too long (%d bytes max)", addr, MAXNAME - 1);
		*cut = c;
		if (in_ctx)
			err_set_addr(addr);
		bad = 1;
	} else {
		for (char *p = addr; *p != '\0'; p++, len++)
			if (((unsigned char)*p & 0340) == 0200) {
				*p = '?';
				bad = 1;
			}
		if (bad) {
			if (err_exitstat() == 0 || err_exitstat() == 75)
				err_set_exitstat(64);   /* setstat(EX_USAGE) */
			err_usrerr("501 5.1.%d 8-bit character in mailbox address \"%s\"",
				   isrcpt ? 3 : 7, addr);
		}
	}
	if (end != NULL)
		*end = save;
	return bad;
}

int parseaddr_ctrlchar(char *s, int isrcpt)
{
	int bad = 0, quoted = 0;
	if (s == NULL)
		return 0;
	for (char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (!quoted && c < 0200 && iscntrl(c)) {
			*p = '?';       /* only outside quoted strings */
			bad = 1;
		} else if (c == '"')
			quoted = !quoted;
		else if (c == '\\') {
			if (p[1] == '\0') {
				*p = '?';
				bad = 2;        /* trailing backslash */
				break;
			}
			p++;
		}
	}
	/* an open quote at the end wins over the other complaints */
	if (quoted || bad)
		err_usrerr("501 5.1.%d Syntax error in mailbox address \"%s\" (%s)",
			   isrcpt ? 3 : 7, s,
			   quoted ? "unbalanced quote" : bad == 2 ? "trailing \\ character" :
			   "non-printable character");
	return bad || quoted;
}
