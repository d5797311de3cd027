/* deliver_hdr.c - addresses as one mailer presents them (sendmail's
 * remotename at delivery time and commaize): an address through
 * rulesets 3, 1 (senders) or 2 (recipients), the mailer's S=/R= set
 * (envelope or header half), 4, put back into its crackaddr template;
 * with F=C on the sender's mailer, header addresses without '@' get the
 * sender's domain after ruleset 3. An address header (From, To, ...)
 * is split at its top-level commas, each address rewritten, and the
 * list joined with ", " and folded before column 78 (L= - 2 when
 * smaller) with eight blanks. Touches the job's rewrite arena only. */
#include <ctype.h>
#include <string.h>
#include "deliver.h"
#include "macro.h"
#include "meta.h"
#include "options.h"
#include "parseaddr.h"
#include "token.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* Replace each 0201 'g' of tpl by val (at most MAXNAME bytes). */
static char *hdr_subst(const char *tpl, const char *val)
{
	struct str s;
	str_init(&s, 0);
	for (const char *p = tpl; *p != '\0'; p++) {
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

/* F=C: append the sender's domain when pvp has no '@'; 1 if added. */
static int hdr_adddomain(struct deliver_ctx *dc, char **pvp)
{
	int n = tok_count(pvp);
	for (int i = 0; i < n; i++)
		if (strcmp(pvp[i], "@") == 0)
			return 0;
	for (int k = 0; dc->fromdomain[k] != NULL && n < MAXATOM; k++)
		pvp[n++] = dc->fromdomain[k];
	pvp[n] = NULL;
	return 1;
}

static int hdr_mailer_set(const struct mailer *m, int flags)
{
	int hdr = (flags & RF_HEADERADDR) != 0;
	if (flags & RF_SENDERADDR)
		return hdr ? m->s_hdr : m->s_env;
	return hdr ? m->r_hdr : m->r_env;
}

char *deliver_remotename(struct deliver_ctx *dc, const char *name,
			 const struct mailer *m, int flags)
{
	struct rw_ctx *rc = dc->rc;
	struct prescan_res res;
	char *fancy;
	memset(&res, 0, sizeof res);
	if ((flags & RF_CANONICAL) || mailer_flag(m, 'c'))
		fancy = mem_strdup("\201g");
	else
		fancy = crackaddr(name, rc->cf->colon_ok,
				  option_str(rc->cf, "MustQuoteChars", NULL));
	if (prescan(rc->cf->tok, TOK_EXTERNAL, name, '\0', rc->ar, &res) < 0 || res.pvp == NULL) {
		mem_free(fancy);
		return mem_strdup(name);
	}
	char **pvp = arena_alloc(rc->ar, (MAXATOM + 1) * sizeof *pvp);
	int n = tok_count(res.pvp);
	memcpy(pvp, res.pvp, (size_t)(n > MAXATOM ? MAXATOM : n) * sizeof *pvp);
	pvp[n > MAXATOM ? MAXATOM : n] = NULL;
	(void)rewrite(rc, 3, pvp, MAXATOM + 1);
	/* the reference runs ruleset 3 again on the completed address */
	if ((flags & RF_ADDDOMAIN) && dc->fromdomain != NULL && hdr_adddomain(dc, pvp))
		(void)rewrite(rc, 3, pvp, MAXATOM + 1);
	(void)rewrite(rc, (flags & RF_SENDERADDR) ? 1 : 2, pvp, MAXATOM + 1);
	int set = hdr_mailer_set(m, flags);
	if (set > 0)
		(void)rewrite(rc, set, pvp, MAXATOM + 1);
	(void)rewrite(rc, 4, pvp, MAXATOM + 1);
	struct str lbuf;
	str_init(&lbuf, 0);
	tok_join_t(&lbuf, rc->cf->tok, pvp, -1, rc->cf->blanksub, 0);
	if (lbuf.len > MAXNAME - 2)
		str_truncate(&lbuf, MAXNAME - 2);
	if ((flags & RF_CANONICAL) && lbuf.s[0] == '@') {
		mem_free(fancy);
		fancy = mem_strdup("<\201g>");
	}
	char *out = hdr_subst(fancy, lbuf.s);
	str_free(&lbuf);
	mem_free(fancy);
	return out;
}

/* addr through rulesets 3, 1, 4 (in rc->ar); NULL if it does not scan. */
static char **hdr_sender_pass(struct rw_ctx *rc, const char *addr)
{
	struct prescan_res res;
	memset(&res, 0, sizeof res);
	if (prescan(rc->cf->tok, TOK_EXTERNAL, addr, '\0', rc->ar, &res) < 0 || res.pvp == NULL)
		return NULL;
	char **pvp = arena_alloc(rc->ar, (MAXATOM + 1) * sizeof *pvp);
	int n = tok_count(res.pvp);
	memcpy(pvp, res.pvp, (size_t)(n > MAXATOM ? MAXATOM : n) * sizeof *pvp);
	pvp[n > MAXATOM ? MAXATOM : n] = NULL;
	(void)rewrite(rc, 3, pvp, MAXATOM + 1);
	(void)rewrite(rc, 1, pvp, MAXATOM + 1);
	(void)rewrite(rc, 4, pvp, MAXATOM + 1);
	return pvp;
}

char *deliver_sender_text(struct rw_ctx *rc, const char *addr)
{
	char **pvp = hdr_sender_pass(rc, addr);
	if (pvp == NULL)
		return mem_strdup(addr);
	struct str b;
	str_init(&b, 0);
	tok_join_t(&b, rc->cf->tok, pvp, -1, rc->cf->blanksub, 0);
	return str_steal(&b);
}

void deliver_fromdomain(struct deliver_ctx *dc)
{
	struct rw_ctx *rc = dc->rc;
	struct address a;
	int anyc = 0;
	dc->fromdomain = NULL;
	for (int i = 0; i < rc->cf->nmailers; i++)
		if (rc->cf->mailers[i] != NULL && mailer_flag(rc->cf->mailers[i], 'C'))
			anyc = 1;
	if (!anyc || *dc->sender == '\0' || strcmp(dc->sender, "<>") == 0)
		return;
	memset(&a, 0, sizeof a);
	if (parseaddr(rc, dc->sender, &a, RF_SENDERADDR, '\0', NULL) < 0) {
		parseaddr_free(&a);
		return;
	}
	int want = a.mailer != NULL && mailer_flag(a.mailer, 'C');
	parseaddr_free(&a);
	if (!want)
		return;
	/* the reference takes the domain from the sender rewritten through
	 * 3, 1, 4 twice (the second time on the first result's text) */
	char *once = deliver_sender_text(rc, dc->sender);
	char **pvp = hdr_sender_pass(rc, once);
	mem_free(once);
	if (pvp == NULL)
		return;
	char **last = NULL;
	for (char **p = pvp; *p != NULL; p++)
		if (strcmp(*p, "@") == 0)
			last = p;
	if (last != NULL)
		dc->fromdomain = tok_copy(rc->ar, last, -1);
}

/* Newlines in a rewritten address: kept when each starts a continuation
 * line, else all become blanks (sendmail's denlstring). */
static void hdr_denl(char *s)
{
	int ok = 1;
	for (char *p = s; (p = strchr(p, '\n')) != NULL; p++)
		if (p[1] != ' ' && p[1] != '\t')
			ok = 0;
	for (char *p = s; !ok && (p = strchr(p, '\n')) != NULL;)
		*p = ' ';
}

/* The end of the address starting at p (up to a top-level delim,
 * "a @ b" kept together). */
static const char *hdr_addr_end(struct deliver_ctx *dc, const char *p, int delim)
{
	for (;;) {
		struct prescan_res res;
		memset(&res, 0, sizeof res);
		(void)prescan(dc->rc->cf->tok, TOK_EXTERNAL, p, delim, dc->rc->ar, &res);
		const char *oldp = res.end != NULL ? res.end : p + strlen(p);
		const char *q = oldp;
		while (*q != '\0' && isspace((unsigned char)*q))
			q++;
		if (*q != '@' || q == p)
			return oldp;
		q++;
		while (*q != '\0' && isspace((unsigned char)*q))
			q++;
		p = q;
	}
}

void deliver_commaize(struct deliver_ctx *dc, const struct mailer *m, const char *field,
		      const char *value, int from, int oldstyle, struct str *out)
{
	int omax = m->linelimit - 2;
	if (omax < 0 || omax > 78)
		omax = 78;
	str_printf(out, "%.200s: ", field);
	size_t opos = out->len;
	int first = 1;
	const char *p = value;
	while (*p != '\0') {
		while (*p != '\0' && (isspace((unsigned char)*p) || *p == ','))
			p++;
		if (*p == '\0')
			break;
		const char *name = p;
		const char *e = hdr_addr_end(dc, p, oldstyle ? ' ' : ',');
		p = e > name ? e : name + strlen(name);
		while (e > name && (isspace((unsigned char)e[-1]) || e[-1] == ','))
			e--;
		if (e == name)
			continue;
		char *a = mem_strndup(name, (size_t)(e - name));
		char *r = deliver_remotename(dc, a, m, RF_HEADERADDR | RF_ADDDOMAIN |
					     (from ? RF_SENDERADDR : 0));
		mem_free(a);
		if (*r == '\0') {
			mem_free(r);
			continue;
		}
		hdr_denl(r);
		opos += strlen(r) + (first ? 0 : 2);
		if (opos > (size_t)omax && !first) {
			str_add(out, ",\n        ");
			opos = 8 + strlen(r);
		} else if (!first)
			str_add(out, ", ");
		str_add(out, r);
		mem_free(r);
		first = 0;
	}
}
