/* test_mailer.c - M lines and the -bt "=M" format: built-ins, fields,
 * defaults (E=, r=, L=, T=), errors, redefinition in place. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "../../sendmail/config.h"
#include "../../sendmail/mailer.h"
#include "../../sendmail/macro.h"
#include "../../sendmail/err.h"
#include "../../libsmutil/str.h"
#include "../../libsmutil/poison.h"

static char out[4096];

/* =M line of the named mailer. */
static const char *show(struct config *cf, const char *name)
{
	FILE *fp = fmemopen(out, sizeof out, "w");
	struct mailer *m = mailer_find(cf, name);
	if (m != NULL)
		mailer_print(fp, cf, m);
	fclose(fp);
	return out;
}

static void define(struct config *cf, const char *line)
{
	struct str t;
	str_init(&t, 0);
	macro_translate(&t, line, 1);
	mailer_parse_line(cf, t.s);
	str_free(&t);
}

int main(void)
{
	static char errbuf[2048];
	struct config *cf = config_new();
	cf->level = 10;
	mailer_builtins(cf);
	CHECK_STR(show(cf, "*include*"), "mailer 2 (*include*): P=/dev/null S=0/0 R=0/0 M=0 U=-1:-1 F=su L=0 E=\\n T=<undefined>/<undefined>/<undefined> r=100 A=INCLUDE $u\n",
		  "builtin *include*");
	CHECK_STR(show(cf, "prog"), "mailer 0 (prog): P=/bin/sh S=0/0 R=0/0 M=0 U=-1:-1 F=9Dloqsu L=0 E=\\n T=X-Unix/X-Unix/X-Unix r=100 A=sh -c $u\n",
		  "builtin prog");
	define(cf, "a, P=[IPC], A=TCP $h, F=Lm, M=100, m=5, r=0, L=-5, N=3, D=/tmp, C=utf-8, T=/x/, U=8:12, W=5m, /=/c");
	CHECK_STR(show(cf, "a"), "mailer 3 (a): P=[IPC] S=0/0 R=0/0 M=100 U=8:12 F=Lm L=990 E=\\r\\n C=utf-8 T=dns/x/smtp r=100 A=TCP $h\n",
		  "all fields");
	define(cf, "b, P=/x, A=x $u, E=\\r\\n\"a,b\"");
	CHECK_STR(show(cf, "b"), "mailer 4 (b): P=/x S=0/0 R=0/0 M=0 U=-1:-1 F= L=0 E=\\r\\na,b T=<undefined>/<undefined>/<undefined> r=100 A=x $u\n",
		  "E= munchstring");
	define(cf, "A, P=/y, A=y $u");
	CHECK(mailer_find(cf, "a")->number == 3 && strcmp(mailer_find(cf, "a")->path, "/y") == 0,
	      "redefinition replaces in place");
	FILE *ef = fmemopen(errbuf, sizeof errbuf, "w");
	err_set_output(ef, 1);
	define(cf, "c, P=/x");
	define(cf, "d, A=x");
	define(cf, "e, P=/x, A=x, Z=1");
	define(cf, "f, P=[TCP], A=TCP $h");
	define(cf, "g, P=/x, A=y, Mfoo");
	define(cf, "h, P=[FILE], A=FILE");
	fclose(ef);
	err_set_output(stdout, 1);
	CHECK(strstr(errbuf, "Mc: A= argument required") != NULL, "A= required");
	CHECK(strstr(errbuf, "Md: P= argument required") != NULL, "P= required");
	CHECK(strstr(errbuf, "Me: unknown mailer equate Z=") != NULL, "unknown equate");
	CHECK(strstr(errbuf, "Mf: P=[TCP] must be replaced by P=[IPC]") != NULL, "[TCP]");
	CHECK(strstr(errbuf, "mailer g: `=' expected") != NULL, "= expected");
	CHECK(strstr(errbuf, "Mh: too few parameters for [FILE] mailer") != NULL, "[FILE] args");
	CHECK(mailer_find(cf, "c") == NULL, "bad mailer not entered");
	/* the reference clears 'm' of prog and *file* (any case), no other */
	define(cf, "Prog, P=/bin/x, F=lmDFMuXk5, A=x $u");
	CHECK(strstr(show(cf, "prog"), " F=5DFMXklu ") != NULL, "prog loses F=m");
	define(cf, "*file*, P=/bin/x, F=lm, A=x $u");
	CHECK(strstr(show(cf, "*file*"), " F=l ") != NULL, "*file* loses F=m");
	define(cf, "local2, P=/bin/x, F=lm, A=x $u");
	CHECK(strstr(show(cf, "local2"), " F=lm ") != NULL, "other mailers keep F=m");
	config_free(cf);
	{
		/* a long "U=user:group" makes the next mailers reuse slots from 0
		 * (the reference's NextMailer is clobbered); names stay known */
		struct config *c2 = config_new();
		c2->level = 10;
		mailer_builtins(c2);
		define(c2, "foo, P=/a, U=daemon:daemon, A=x");
		define(c2, "bar, P=/b, A=y");
		define(c2, "prog, P=/c, A=z");
		CHECK(c2->mailers[0] != NULL && strcmp(c2->mailers[0]->name, "prog") == 0, "slot 0 prog again");
		CHECK(c2->mailers[1] != NULL && strcmp(c2->mailers[1]->name, "bar") == 0, "slot 1 bar");
		CHECK(mailer_find(c2, "foo") != NULL, "foo still known by name");
		config_free(c2);
	}
	return unit_done();
}
