/* recipient_add.c - sendmail's recipient(): one parsed address joins the
 * list: loop limit, restrictions on programs/files/:include:, duplicate
 * suppression, aliasing, ruleset 5, the local user check and the
 * "loop broken" self-destruct test. Touches the list and err.h state. */
#include <ctype.h>
#include <string.h>
#include "recipient.h"
#include "options.h"
#include "err.h"
#include "../libsmutil/safefile.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static int ra_is(const struct rcpt *r, const char *name)
{
	return r->a.mailer != NULL && r->a.mailer->name != NULL &&
	       strcmp(r->a.mailer->name, name) == 0;
}

static void ra_junk(struct rcpt_list *rl, struct rcpt *r)
{
	r->next = rl->junk;
	rl->junk = r;
}

/* Copy of the user with quotes and backslashes removed; *quoted = had '\'. */
static char *ra_unquote(const char *user, int *quoted)
{
	char *buf = mem_strdup(user ? user : ""), *d = buf;
	*quoted = strchr(buf, '\\') != NULL;
	for (const char *s = buf; *s; s++) {
		if (*s == '"')
			continue;
		if (*s == '\\' && s[1] != '\0')
			s++;
		*d++ = *s;
	}
	*d = '\0';
	return buf;
}

/* Programs and files need an alias/forward context and a safe owner. */
static void ra_restrict(struct rcpt_list *rl, struct rcpt *r, const char *what)
{
	struct rcpt *c = r->alias;
	const char *j = macro_get(rl->rc->mac, 'j');
	int st = r->state;
	if (c == NULL || option_num(rl->rc->cf, "UseMSP", 0)) {
		r->state = RS_BADADDR;
		err_usrerr("550 5.7.1 Cannot mail directly to %s", what);
		rl->refused = 1;
	} else if (c->flags & RQ_BOGUSSHELL) {
		r->state = RS_BADADDR;
		if (c->ruser == NULL)
			err_usrerr("550 5.7.1 UID %ld is an unknown user: cannot mail to %s",
				   (long)c->uid, what);
		else
			err_usrerr("550 5.7.1 User %s@%s doesn't have a valid shell for mailing to %s",
				   c->ruser, j ? j : "", what);
		rl->refused = 1;
	} else if (c->flags & RQ_UNSAFEADDR) {
		r->state = RS_BADADDR;
		err_usrerr("550 5.7.1 Address %s is unsafe for mailing to %s",
			   c->a.paddr, what);
		rl->refused = 1;
	}
	/* the reference refuses programs before it counts the recipient */
	if (r->state != st && strcmp(what, "programs") == 0)
		r->flags |= RQ_NOTCOUNTED;
}

/* Earlier entry that makes r a duplicate (then merged), or NULL. */
static struct rcpt *ra_dup(struct rcpt_list *rl, struct rcpt *r)
{
	int n;
	struct rcpt **cand = recipient_candidates(rl, r, &n);
	for (int i = 0; i < n; i++) {
		struct rcpt *q = cand[i];
		if (!recipient_same(q, r) ||
		    (!(q->flags & RQ_RCPTOK) && (q->flags & RQ_PRIMARY)))
			continue;
		if (!(q->flags & RQ_PRIMARY)) {
			if (!recipient_dead(r->state))
				err_message("duplicate suppressed");
			else
				q->state = RS_DUPLICATE;
			q->flags |= r->flags;
		} else if ((q->flags & RQ_SELFREF) || q->state == RS_REMOVED) {
			q->state = r->state;
			q->flags |= r->flags;
		}
		return q;
	}
	return NULL;
}

static void ra_append(struct rcpt_list *rl, struct rcpt *r)
{
	*rl->tail = r;
	r->next = NULL;
	rl->tail = &r->next;
	recipient_index(rl, r);
}

/* :include: entries. */
static void ra_include(struct rcpt_list *rl, struct rcpt *r, int level)
{
	r->state = RS_INCLUDED;
	if (r->alias == NULL || option_num(rl->rc->cf, "UseMSP", 0)) {
		r->state = RS_BADADDR;
		err_usrerr("550 5.7.1 Cannot mail directly to :include:s");
		rl->refused = 1;
		return;
	}
	err_message("including file %s", r->a.user);
	int ret = include_file(rl, r->a.user, 0, r, level);
	err_set_addr(r->a.paddr);
	if (ret == 0)
		return;
	char ebuf[256];
	const char *u = r->a.user;
	size_t l = strlen(u);
	if (l >= 203)
		snprintf(ebuf, sizeof ebuf, "%.100s...%s", u, u + l - 100);
	else
		snprintf(ebuf, sizeof ebuf, "%s", u);
	if (include_transient(ret)) {
		r->state = RS_QUEUEUP;
		err_usrerr("451 4.2.4 Cannot open %s: %s", ebuf, safefile_strerror(ret));
	} else {
		r->state = RS_BADADDR;
		err_usrerr("550 5.2.4 Cannot open %s: %s", ebuf, safefile_strerror(ret));
	}
}

/* No live recipient at all after a top-level address: the loop message. */
static void ra_selfdestruct(struct rcpt_list *rl, struct rcpt *r)
{
	if (r->alias != NULL || !recipient_dead(r->state))
		return;
	for (struct rcpt *q = rl->head; q != NULL; q = q->next)
		if (!recipient_dead(q->state))
			return;
	r->state = RS_BADADDR;
	err_set_addr(r->a.paddr);
	err_usrerr("554 5.4.6 aliasing/forwarding loop broken");
}

/* End of a top-level address: a single resulting recipient inherits
 * the primary flag; clear the pass marks. */
static void ra_done(struct rcpt_list *rl, struct rcpt *r, int level)
{
	r->flags |= RQ_THISPASS;
	if (level == 0) {
		int n = 0;
		struct rcpt *only = NULL, *q;
		for (q = rl->head; q != NULL; q = q->next) {
			if ((q->flags & RQ_THISPASS) && recipient_sendable(q->state)) {
				n++;
				only = q;
			}
			q->flags &= ~RQ_THISPASS;
		}
		if (n == 1) {
			for (q = only->alias; q != NULL; q = q->alias)
				if (q->owner != NULL)
					break;
			if (q == NULL)
				only->flags |= RQ_PRIMARY;
		}
	}
	r->flags |= RQ_RCPTOK;
}

/* The part after the list insertion; returns with r's final state. */
static void ra_process(struct rcpt_list *rl, struct rcpt *r, int level, char **bufp, int quoted)
{
	const struct mailer *m;
	int tries = 0;
again:
	m = r->a.mailer;
	if (r->state != RS_OK)
		return;
	if (ra_is(r, "*include*"))
		ra_include(rl, r, level);
	else if (ra_is(r, "*file*"))
		ra_restrict(rl, r, "files");
	if (!quoted && r->state == RS_OK && mailer_flag(m, 'A'))
		recipient_alias(rl, r, level);
	if (r->state != RS_OK)
		return;
	recipient_rs5(rl, r, level);
	if (r->state == RS_OK && mailer_flag(r->a.mailer, 'w')) {
		if (recipient_local(rl, r, level, *bufp, quoted)) {
			if (tries++ > 3) {
				r->state = RS_BADADDR;
				err_set_addr(r->a.paddr);
				err_usrerr("554 5.4.6 aliasing/forwarding loop for %s broken",
					   r->a.user);
				return;
			}
			mem_free(*bufp);
			*bufp = ra_unquote(r->a.user, &quoted);
			goto again;
		}
	}
}

/* Remember the message that failed r (a queue run's DSN and log). */
static void ra_keep_error(struct rcpt_list *rl, struct rcpt *r, int nerr)
{
	if (err_count() == nerr || r->etext != NULL)
		return;
	const char *c = err_last_codes(), *m = err_last();
	size_t cl = strlen(c);
	if (strncmp(m, c, cl) == 0 && m[cl] == ' ')
		m += cl + 1;      /* the text as shown with codes kept */
	r->ecodes = mem_strdup(c);
	r->etext = mem_strdup(m);
	size_t l = strlen(m);
	if (r->state == RS_BADADDR) {
		const char *e = NULL;
		if (l >= 12 && strcmp(m + l - 12, "User unknown") == 0)
			e = "User unknown";
		else if (strncmp(c, "550 5.7.1", 9) == 0)
			e = m;
		if (e != NULL) {
			mem_free(rl->emsg);
			rl->emsg = mem_strdup(e);
		}
	}
}

struct rcpt *recipient_add(struct rcpt_list *rl, struct rcpt *r, int level)
{
	int quoted, nerr = err_count();
	err_set_addr(r->a.paddr);
	if (level == 0)
		r->flags |= RQ_PRIMARY;
	if (level > rl->maxrecursion) {
		r->state = RS_BADADDR;
		if (r->alias != NULL)
			r->alias->state = RS_BADADDR;
		err_usrerr("554 5.4.6 aliasing/forwarding loop broken (%d aliases deep; %d max)",
			   level, rl->maxrecursion);
		ra_junk(rl, r);
		return r;
	}
	char *buf = ra_unquote(r->a.user, &quoted);
	if (quoted)
		r->flags |= RQ_QUOTED;
	if (ra_is(r, "prog"))
		ra_restrict(rl, r, "programs");
	struct rcpt *q = ra_dup(rl, r);
	if (q != NULL) {
		ra_junk(rl, r);
		mem_free(buf);
		ra_done(rl, q, level);
		return q;
	}
	ra_append(rl, r);
	ra_process(rl, r, level, &buf, quoted);
	mem_free(buf);
	if (r->state == RS_BADADDR || r->state == RS_QUEUEUP)
		ra_keep_error(rl, r, nerr);
	if (recipient_sendable(r->state))
		rl->nrcpts++;
	ra_selfdestruct(rl, r);
	ra_done(rl, r, level);
	return r;
}
