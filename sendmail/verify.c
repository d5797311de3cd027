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

/* The "deliverable" lines (always shown, like sendmail's 050 in -bv), in
 * list order stably sorted by host (the reference's delivery order). */
static void verify_report(const struct rcpt_list *rl)
{
	size_t n = 0, i, j;
	const struct rcpt *q;
	for (q = rl->head; q != NULL; q = q->next)
		n++;
	const struct rcpt **v = mem_array(n + 1, sizeof *v);
	for (n = 0, q = rl->head; q != NULL; q = q->next) {
		for (j = n; j > 0 && strcmp(verify_host(v[j - 1]), verify_host(q)) > 0; j--)
			v[j] = v[j - 1];
		v[j] = q;
		n++;
	}
	for (i = 0; i < n; i++) {
		q = v[i];
		if (!recipient_sendable(q->state))
			continue;
		const char *m = q->a.mailer && q->a.mailer->name ? q->a.mailer->name : "";
		if (q->a.host != NULL && q->a.host[0] != '\0')
			printf("%s... deliverable: mailer %s, host %s, user %s\n",
			       q->a.paddr, m, q->a.host, q->a.user);
		else
			printf("%s... deliverable: mailer %s, user %s\n",
			       q->a.paddr, m, q->a.user);
	}
	mem_free(v);
	fflush(stdout);
}

int verify_chdir_queue(const struct config *cf)
{
	const char *q = option_str(cf, "QueueDirectory", NULL);
	if (q == NULL || *q == '\0' || chdir(q) == 0)
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
	verify_metoo(&rl, sender);
	err_set_file(NULL, 0);
	if (err_count() > 0 && err_exitstat() == 0)
		err_set_exitstat(64);
	verify_report(&rl);
	recipient_free(&rl);
	arena_free(rc.ar);
	macros_free(&mac);
	return err_exitstat();
}

int verify_main(struct config *cf, char **addrs)
{
	return verify_main_flags(cf, addrs, 0);
}
