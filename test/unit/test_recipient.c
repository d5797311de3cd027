/* test_recipient.c - the recipient list: alias expansion order (reversed
 * per list, like the reference), duplicate suppression, loop breaking,
 * program restrictions and -bv exit status, on a hand-made cf whose
 * "aliases" map is a text map (files under test/out/unit-recipient). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../sendmail/recipient.h"
#include "../../sendmail/verify.h"
#include "../../sendmail/config.h"
#include "../../sendmail/map.h"
#include "../../sendmail/err.h"
#include "../../sendmail/options.h"
#include "../../libsmutil/safefile.h"
#include "unit.h"

#define DIR "test/out/unit-recipient"

static void put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

static struct config *mkcf(void)
{
	mkdir("test/out", 0755);
	mkdir(DIR, 0755);
	put(DIR "/aliases",
	    "list:root,daemon\nnest:list,bin\nloop1:loop2\nloop2:loop1\n"
	    "self:self,root\nprog:\"|/bin/cat\"\n");
	char cwd[400], text[2048];
	if (getcwd(cwd, sizeof cwd) == NULL)
		cwd[0] = '\0';
	snprintf(text, sizeof text,
		 "V10/Berkeley\n"
		 "Dj vm.example.com\n"
		 "O ForwardPath=\n"
		 "Kaliases text -z: -k0 -v1 %s/" DIR "/aliases\n"
		 "S0\n"
		 "R$+ @ $+\t$#smtp $@ $2 $: $1 @ $2\n"
		 "R$+\t$#local $: $1\n"
		 "Mlocal, P=/bin/true, F=lsAw5:|/@, A=x\n"
		 "Msmtp, P=[IPC], F=mDFMuX, A=TCP $h\n", cwd);
	put(DIR "/t.cf", text);
	err_set_output(stdout, 1);
	struct config *cf = config_new();
	cf->opmode = 'v';
	return readcf(DIR "/t.cf", 'v', cf);
}

static int run_ex(struct config *cf, const char *list, char *out, size_t sz,
		  const char *sender, const char *incpath, int *incret);

/* Run one list; returns the live entries joined "user,user". */
static void run(struct config *cf, const char *list, char *out, size_t sz)
{
	(void)run_ex(cf, list, out, sz, NULL, NULL, NULL);
}

/* The same with a sender (MeToo as configured) and an include_file of
 * incpath as a .forward of root (*incret = its result); returns
 * recipient_sendtolist's count. */
static int run_ex(struct config *cf, const char *list, char *out, size_t sz,
		  const char *sender, const char *incpath, int *incret)
{
	struct macros mac;
	struct rw_ctx rc;
	struct rcpt_list rl;
	macros_init(&mac, &cf->macros);
	memset(&rc, 0, sizeof rc);
	rc.cf = cf;
	rc.mac = &mac;
	rc.ar = arena_new(4096);
	recipient_init(&rl, &rc);
	int n = recipient_sendtolist(&rl, list, NULL, 0);
	if (sender != NULL)
		verify_metoo(&rl, verify_sender(&rc, sender));
	if (incpath != NULL && rl.head != NULL) {
		*incret = include_file(&rl, incpath, 1, rl.head, 0);
		n = (rl.head->flags & RQ_UNSAFEADDR) != 0;
	}
	out[0] = '\0';
	for (struct rcpt *q = rl.head; q != NULL; q = q->next)
		if (recipient_sendable(q->state)) {
			size_t l = strlen(out);
			snprintf(out + l, sz - l, "%s%s", l ? "," : "", q->a.user);
		}
	recipient_free(&rl);
	arena_free(rc.ar);
	macros_free(&mac);
	return n;
}

int main(void)
{
	char buf[512];
	struct config *cf = mkcf();
	CHECK(cf != NULL, "cf read");
	if (cf == NULL)
		return unit_done();
	run(cf, "list", buf, sizeof buf);
	CHECK_STR(buf, "daemon,root", "list expanded in reverse order");
	run(cf, "nest", buf, sizeof buf);
	CHECK_STR(buf, "bin,daemon,root", "nested list");
	run(cf, "root, list, root", buf, sizeof buf);
	CHECK_STR(buf, "root,daemon", "duplicates suppressed");
	run(cf, "joe@example.com", buf, sizeof buf);
	CHECK_STR(buf, "joe@example.com", "remote address kept");
	err_reset_exitstat();
	char *a1[] = { "loop1", NULL };
	CHECK(verify_main(cf, a1) == 64, "alias loop: exit 64");
	err_reset_exitstat();
	char *a2[] = { "nosuchuser-xyz", NULL };
	CHECK(verify_main(cf, a2) == 67, "unknown user: exit 67");
	err_reset_exitstat();
	char *a3[] = { "prog", NULL };
	CHECK(verify_main(cf, a3) == 0, "program via alias ok");
	err_reset_exitstat();
	char *a4[] = { "|/bin/cat", NULL };
	CHECK(verify_main(cf, a4) == 64, "program directly refused");
	err_reset_exitstat();
	run(cf, "self", buf, sizeof buf);
	CHECK_STR(buf, "root", "self reference: only the real user is live");
	CHECK(run_ex(cf, "list, root", buf, sizeof buf, NULL, NULL, NULL) == 2,
	      "an expanded list counts as added (a .forward with it replaces the user)");
	run_ex(cf, "list", buf, sizeof buf, "root", NULL, NULL);
	CHECK_STR(buf, "daemon,root", "MeToo on (default): the sender stays");
	option_set(cf, "MeToo", "false", 1);
	run_ex(cf, "list", buf, sizeof buf, "root", NULL, NULL);
	CHECK_STR(buf, "daemon", "MeToo off: the sender is removed from a list");
	run_ex(cf, "root, list", buf, sizeof buf, "root", NULL, NULL);
	CHECK_STR(buf, "daemon,root", "MeToo off: a primary recipient stays");
	option_set(cf, "MeToo", "true", 1);
	mkdir(DIR "/gw", 0775);
	chmod(DIR "/gw", 0775);
	put(DIR "/gw/fwd", "bin\n");
	int ret = -1;
	int unsafe = run_ex(cf, "root", buf, sizeof buf, NULL, DIR "/gw/fwd", &ret);
	CHECK(ret == E_SM_GWDIR, ".forward in a group-writable directory refused");
	CHECK(unsafe, "... and its user marked unsafe for programs");
	map_free_all(cf);
	config_free(cf);
	return unit_done();
}
