/* submit_qf.c - the qf image of a submitted envelope, in the order and
 * shape the reference's queueup writes it: V T K N P [B] [M] F $-macros
 * S [Z] [A], the recipients (C/r/R), the headers (cf defaults expanded
 * now except the late-bound ones, then the message's fields), ".".
 * Reads the envelope; writes only the qf_env it is given. */
#include <string.h>
#include <strings.h>
#include "submit_int.h"
#include "options.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

int submit_nrcpts(const struct submit_env *se)
{
	int n = 0;
	for (const struct rcpt *q = se->rl.head; q != NULL; q = q->next)
		if (!recipient_dead(q->state) && !(q->flags & RQ_NOTCOUNTED))
			n++;
	return n;
}

int submit_class(const struct submit_env *se)
{
	const struct hdr *h = header_find(&se->msg.hl, "precedence");
	if (h == NULL || (h->flags & HDR_DEFAULT))
		return 0;
	const char *v = h->value;
	while (*v == ' ' || *v == '\t')
		v++;
	size_t n = strcspn(v, " \t\n(");
	for (int i = 0; i < se->cf->nprios; i++)
		if (strlen(se->cf->prios[i].name) == n &&
		    strncasecmp(se->cf->prios[i].name, v, n) == 0)
			return se->cf->prios[i].value;
	return 0;
}

long submit_msgsize(const struct submit_env *se)
{
	long m = se->rq->msgsize;
	return m > 0 ? m : m < 0 ? 0 : (long)se->msg.msgsize;
}

long submit_priority(const struct submit_env *se)
{
	return submit_msgsize(se) - submit_class(se) * option_num(se->cf, "ClassFactor", 1800) +
	       submit_nrcpts(se) * option_num(se->cf, "RecipientFactor", 30000);
}

/* Is some message field one of the given kind (non-default)? */
static int sq_has(const struct submit_env *se, unsigned want, unsigned not)
{
	for (const struct hdr *h = se->msg.hl.head; h != NULL; h = h->next)
		if (!(h->flags & HDR_DEFAULT) && (h->flags & want) && !(h->flags & not))
			return 1;
	return 0;
}

static void sq_flags(const struct submit_env *se, struct qf_env *qf)
{
	char f[16];
	size_t n = 0;
	const struct submit_req *rq = se->rq;
	if (rq->flags & SUBMIT_DSN)
		f[n++] = 'r';
	if (se->msg.eightbit)
		f[n++] = '8';
	if (!(rq->flags & SUBMIT_DSN) && sq_has(se, HDR_RCPT, HDR_BCC | HDR_RESENT))
		f[n++] = 'b';
	if (rq->ret != 0)
		f[n++] = 'd';
	if (rq->ret == SUBMIT_RET_HDRS || submit_class(se) < 0)
		f[n++] = 'n';
	if (!se->tfail)
		f[n++] = 's';
	f[n] = '\0';
	qf_env_set(qf, 'F', f);
}

static void sq_envelope(struct submit_env *se, struct qf_env *qf)
{
	const struct submit_req *rq = se->rq;
	qf_env_set(qf, 'V', "8");
	qf_env_setf(qf, 'T', "%ld", (long)se->now);
	qf_env_set(qf, 'K', "0");
	qf_env_set(qf, 'N', "0");
	qf_env_setf(qf, 'P', "%ld", submit_priority(se));
	if (rq->bodytype != NULL)
		qf_env_set(qf, 'B', se->msg.eightbit ? "8BITMIME" : "7BIT");
	if (se->firstmsg != NULL)
		qf_env_set(qf, 'M', se->firstmsg);
	sq_flags(se, qf);
	qf_env_add_macro(qf, "_", rq->authinfo);
	if (rq->proto != NULL)
		qf_env_add_macro(qf, "r", rq->proto);
	if (rq->rhost != NULL)
		qf_env_add_macro(qf, "s", rq->rhost);
	qf_env_add_macro(qf, "{daemon_flags}", (rq->flags & SUBMIT_RELAY) ? "CC f" : "c u");
	qf_env_set(qf, 'S', se->nullsender && !(rq->flags & SUBMIT_DSN) ? "<>" : se->sender);
	if (rq->envid != NULL)
		qf_env_set(qf, 'Z', rq->envid);
	if (se->auth != NULL)
		qf_env_set(qf, 'A', se->auth);
}

/* "RFC822; addr" of the top-level address q came from. */
char *submit_final(const struct submit_env *se, const struct rcpt *q)
{
	while (q->alias != NULL)
		q = q->alias;
	const char *a = q->a.paddr ? q->a.paddr : "";
	const char *lt = strchr(a, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	size_t n = strlen(a);
	if (lt != NULL && gt != NULL) {
		a = lt + 1;
		n = (size_t)(gt - a);
	}
	struct str s;
	str_init(&s, 0);
	str_add(&s, "RFC822; ");
	int depth = 0;             /* (comments) dropped, blanks around trimmed */
	size_t start = s.len;
	for (size_t i = 0; i < n; i++) {
		if (a[i] == '(')
			depth++;
		else if (a[i] == ')' && depth > 0)
			depth--;
		else if (depth == 0 && !(s.len == start && (a[i] == ' ' || a[i] == '\t')))
			str_addc(&s, a[i]);
	}
	while (s.len > start && (s.s[s.len - 1] == ' ' || s.s[s.len - 1] == '\t'))
		str_truncate(&s, s.len - 1);
	if (memchr(a, '@', n) == NULL) {
		const char *j = macro_get(&se->mac, 'j');
		str_printf(&s, "@%s", j ? j : "");
	}
	return str_steal(&s);
}

/* Primary: given at the top level, or the only member of a primary
 * alias. */
static int sq_primary(const struct submit_env *se, const struct rcpt *q)
{
	for (; q->alias != NULL; q = q->alias) {
		int n = 0;
		for (const struct rcpt *o = se->rl.head; o != NULL; o = o->next)
			if (o->alias == q->alias)
				n++;
		if (n != 1)
			return 0;
	}
	return 1;
}

static void sq_rflags(const struct submit_env *se, const struct rcpt *q, char *f)
{
	size_t n = 0;
	unsigned nt = se->rq->notify;
	if (sq_primary(se, q))
		f[n++] = 'P';
	if (nt != 0) {
		f[n++] = 'N';
		if (nt & SUBMIT_NOTIFY_SUCCESS)
			f[n++] = 'S';
		if (nt & SUBMIT_NOTIFY_FAILURE)
			f[n++] = 'F';
		if (nt & SUBMIT_NOTIFY_DELAY)
			f[n++] = 'D';
	} else {
		f[n++] = 'F';
		if (!(se->rq->flags & SUBMIT_DSN))
			f[n++] = 'D';
	}
	if (recipient_from_alias(q))
		f[n++] = 'A';
	f[n] = '\0';
}

/* Reverse each run of entries expanded from the same parent: a bounce's
 * alias members are queued in the alias's order by the reference, where
 * a submission's come the other way round. */
static void sq_dsn_order(const struct rcpt **v, size_t n)
{
	for (size_t i = 0; i < n; ) {
		size_t e = i + 1;
		while (v[i]->alias != NULL && e < n && v[e]->alias == v[i]->alias)
			e++;
		for (size_t a = i, b = e - 1; a < b; a++, b--) {
			const struct rcpt *t = v[a];
			v[a] = v[b];
			v[b] = t;
		}
		i = e;
	}
}

/* The R lines, in list order (a bounce's: see sq_dsn_order). */
static void sq_rcpts(struct submit_env *se, struct qf_env *qf)
{
	char *last = NULL;
	size_t n = 0, k = 0;
	for (const struct rcpt *q = se->rl.head; q != NULL; q = q->next)
		if (recipient_sendable(q->state))
			n++;
	const struct rcpt **v = mem_array(n + 1, sizeof *v);
	for (const struct rcpt *q = se->rl.head; q != NULL; q = q->next)
		if (recipient_sendable(q->state))
			v[k++] = q;
	if (se->rq->flags & SUBMIT_DSN)
		sq_dsn_order(v, n);
	for (size_t i = 0; i < n; i++) {
		const struct rcpt *q = v[i];
		if (!recipient_sendable(q->state))
			continue;
		char *ctl = q->alias != NULL ? recipient_ctl_line(q) : (last != NULL ? mem_strdup("") : NULL);
		const char *put = ctl;
		if (ctl != NULL && last != NULL && strcmp(ctl, last) == 0)
			put = NULL;
		char f[16], *fin = submit_final(se, q);
		sq_rflags(se, q, f);
		qf_env_add_rcpt(qf, put, NULL, fin, f, q->a.paddr);
		mem_free(fin);
		mem_free(last);
		last = ctl != NULL && *ctl != '\0' ? ctl : (mem_free(ctl), NULL);
	}
	mem_free(last);
	mem_free(v);
}

/* "?flags?" of a cf default with mailer flags. */
static void sq_cond(const struct hdr *h, struct str *c)
{
	if (!(h->flags & HDR_CHECK) || h->tpl == NULL)
		return;
	for (int ch = 1; ch < 0200; ch++)
		if (h->tpl->mflags[ch >> 3] & (1u << (ch & 7)))
			str_addc(c, ch);
}

static void sq_header(struct submit_env *se, struct qf_env *qf, const struct hdr *h,
		      int resent)
{
	struct str v, t, c;
	str_init(&v, 0);
	str_init(&t, 0);
	str_init(&c, 0);
	const char *val = h->value;
	if (h->flags & HDR_DEFAULT) {
		macro_expand(&v, h->value, &se->mac);
		val = v.s ? v.s : "";
		if ((h->flags & HDR_RESENT) && !resent)
			goto out;
		if (val[0] == '\0' || strcmp(val, " ") == 0)
			goto out;
		if (h->flags & HDR_BINDLATE)
			val = h->value;
	}
	sq_cond(h, &c);
	if (h->flags & HDR_DEFAULT)
		str_printf(&t, "%s: %s", h->name, val);
	else
		str_printf(&t, "%s:%s", h->rawname ? h->rawname : h->name, val);
	qf_env_add_header(qf, c.s ? c.s : "", t.s);
out:
	str_free(&v);
	str_free(&t);
	str_free(&c);
}

void submit_qf_build(struct submit_env *se, struct qf_env *qf)
{
	sq_envelope(se, qf);
	sq_rcpts(se, qf);
	int resent = sq_has(se, HDR_RESENT, 0);
	for (const struct hdr *h = se->msg.hl.head; h != NULL; h = h->next)
		sq_header(se, qf, h, resent);
	qf_env_terminate(qf);
}
