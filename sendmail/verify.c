/* verify.c - the -bv mode: every argument goes through sendtolist (parse,
 * alias, .forward, :include:), then each live recipient is reported as
 * sendmail's sendall does in verify mode. Output on stdout via err.h;
 * touches only its own envelope state. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "options.h"
#include "verify.h"
#include "recipient.h"
#include "macro.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static const char *verify_host(const struct rcpt *q)
{
	return q->a.host ? q->a.host : "";
}

/* The list entry whose owner governs q's branch (the nearest one up the
 * alias chain with an owner- value); NULL if none, or if that owner is
 * the envelope sender (no split then). */
static const struct rcpt *verify_owner(const struct rcpt *q, const char *sender)
{
	for (; q != NULL; q = q->alias)
		if (q->owner != NULL)
			return sender != NULL && strcmp(q->owner, sender) == 0 ? NULL : q;
	return NULL;
}

/* Print the "deliverable" lines of the entries whose envelope is env
 * (env[i] == e), in list order stably sorted by host. */
static void verify_print_env(const struct rcpt **v, const int *env, size_t n, int e)
{
	const struct rcpt **w = mem_array(n + 1, sizeof *w);
	size_t m = 0, i, j;
	for (i = 0; i < n; i++) {
		if (env[i] != e || !recipient_sendable(v[i]->state))
			continue;
		for (j = m; j > 0 && strcmp(verify_host(w[j - 1]), verify_host(v[i])) > 0; j--)
			w[j] = w[j - 1];
		w[j] = v[i];
		m++;
	}
	for (i = 0; i < m; i++) {
		const struct rcpt *q = w[i];
		const char *mn = q->a.mailer && q->a.mailer->name ? q->a.mailer->name : "";
		if (q->a.host != NULL && q->a.host[0] != '\0')
			printf("%s... deliverable: mailer %s, host %s, user %s\n",
			       q->a.paddr, mn, q->a.host, q->a.user);
		else
			printf("%s... deliverable: mailer %s, user %s\n", q->a.paddr, mn, q->a.user);
	}
	mem_free(w);
}

/* One pass of the reference's owner scan over the entries still in the
 * main envelope: the owner (by list entry, as it compares pointers) of
 * the last owned entry; consecutive owners with equal text are unified
 * on the way. NULL when no entry has an owner. */
static const struct rcpt *verify_scan(const struct rcpt **own, const int *env, size_t n)
{
	const struct rcpt *owner = NULL;
	for (size_t i = 0; i < n; i++) {
		if (env[i] != 0 || own[i] == NULL)
			continue;
		if (owner != NULL && owner != own[i] && strcmp(owner->owner, own[i]->owner) == 0)
			own[i] = owner;
		owner = own[i];
	}
	return owner;
}

/* The "deliverable" lines (always shown, like sendmail's 050 in -bv).
 * Like the reference's sendall, recipients under an owner- list are split
 * into envelopes of their own (verify_scan, repeated until no owner is
 * left); the main envelope is reported first, then the split ones, the
 * last made first. */
static void verify_report(const struct rcpt_list *rl, const char *sender)
{
	size_t n = 0, i;
	const struct rcpt *q;
	for (q = rl->head; q != NULL; q = q->next)
		n++;
	const struct rcpt **v = mem_array(n + 1, sizeof *v);
	const struct rcpt **own = mem_array(n + 1, sizeof *own);
	int *env = mem_array(n + 1, sizeof *env);
	for (n = 0, q = rl->head; q != NULL; q = q->next, n++) {
		v[n] = q;
		env[n] = 0;
		own[n] = recipient_dead(q->state) ? NULL : verify_owner(q, sender);
	}
	int nenv = 0;
	const struct rcpt *owner;
	while ((owner = verify_scan(own, env, n)) != NULL) {
		nenv++;
		for (i = 0; i < n; i++)
			if (env[i] == 0 && own[i] == owner)
				env[i] = nenv;
	}
	verify_print_env(v, env, n, 0);
	for (int e = nenv; e > 0; e--)
		verify_print_env(v, env, n, e);
	mem_free(v);
	mem_free(own);
	mem_free(env);
	fflush(stdout);
}

int verify_chdir_queue(const struct config *cf)
{
	const char *q = option_str(cf, "QueueDirectory", NULL);
	if (q == NULL || *q == '\0')
		return 0;
	/* "/var/spool/mqueue/q*": the directories are the parent's
	 * matching entries; the process works in the parent */
	char base[4096];
	snprintf(base, sizeof base, "%s", q);
	char *sl = strrchr(base, '/');
	if (sl != NULL && strchr(sl, '*') != NULL) {
		if (sl == base)
			sl++;
		*sl = '\0';
	}
	if (chdir(base) == 0)
		return 0;
	printf("can not chdir(%s/): %s\n", q, strerror(errno));
	fflush(stdout);
	return 78;
}

int verify_main_flags(struct config *cf, char **addrs, int flags)
{
	return verify_main_from(cf, addrs, flags, NULL);
}

int verify_main_from(struct config *cf, char **addrs, int flags, const char *from)
{
	struct macros mac;
	struct rw_ctx rc;
	struct rcpt_list rl;
	err_set_output(stdout, 1);
	err_set_verbose(cf->verbose);
	if (getuid() != 0) {
		printf("Notice: -bv may give misleading output for non-privileged user\n");
		fflush(stdout);
	}
	int st = verify_chdir_queue(cf);
	if (st != 0)
		return st;
	if (addrs == NULL || addrs[0] == NULL) {
		printf("Recipient names must be specified\n");
		fflush(stdout);
		return 64;
	}
	macros_init(&mac, &cf->macros);
	memset(&rc, 0, sizeof rc);
	rc.cf = cf;
	rc.mac = &mac;
	rc.ar = arena_new(65536);
	rc.trace_prefix = "rewrite: ruleset ";
	recipient_init(&rl, &rc);
	rl.noalias = (flags & VERIFY_NOALIAS) != 0;
	err_reset_count();
	struct rcpt *sender = verify_sender(&rc, from);
	for (int i = 0; addrs != NULL && addrs[i] != NULL; i++) {
		err_set_file(NULL, 0);
		(void)recipient_sendtolist(&rl, addrs[i], NULL, 0);
	}
	char *sender_paddr = mem_strdup(sender->a.paddr ? sender->a.paddr : "");
	verify_metoo(&rl, sender);
	err_set_file(NULL, 0);
	if (err_count() > 0 && err_exitstat() == 0)
		err_set_exitstat(64);
	verify_report(&rl, sender_paddr);
	mem_free(sender_paddr);
	recipient_free(&rl);
	arena_free(rc.ar);
	macros_free(&mac);
	return err_exitstat();
}

int verify_main(struct config *cf, char **addrs)
{
	return verify_main_flags(cf, addrs, 0);
}
