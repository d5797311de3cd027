/* test_parseaddr.c - $#error status mapping (values observed from the
 * reference binary) and buildaddr on hand-made triples. */
#include <stdio.h>
#include <string.h>
#include "../../sendmail/parseaddr.h"
#include "../../sendmail/config.h"
#include "../../sendmail/mailer.h"
#include "../../sendmail/meta.h"
#include "../../sendmail/err.h"
#include "unit.h"

static void test_errstat(void)
{
	static const struct { const char *in; int want; } t[] = {
		{ "5.1.1", 67 }, { "5.1.2", 68 }, { "5.1.3", 64 }, { "5.1.0", 65 },
		{ "5.1.5", 78 }, { "5.2.3", 65 }, { "5.2.2", 69 }, { "5.3.0", 71 },
		{ "5.4.4", 76 }, { "5.4.1", 75 }, { "5.5.0", 76 }, { "5.7.1", 65 },
		{ "5.0.0", 69 }, { "4.2.2", 75 }, { "2.0.0", 0 }, { "nouser", 67 },
		{ "NOHOST", 68 }, { "tempfail", 75 }, { "config", 78 }, { "foo", 69 },
		{ "77", 77 }, { "5", 5 }, { "", 69 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char name[64];
		snprintf(name, sizeof name, "errstat %s", t[i].in);
		CHECK(parseaddr_errstat(t[i].in) == t[i].want, name);
	}
}

/* Build a vector from space-separated words; "$#" "$@" "$:" become metas
 * and '~' stands for a blank inside one token (a quoted string is one
 * token after prescan: "\"550~no~such~user\""). */
static char **vec(char *buf, char **v)
{
	int n = 0;
	for (char *p = buf; *p; p++)
		if (*p == '~')
			*p = '\001';
	for (char *w = strtok(buf, " "); w; w = strtok(NULL, " ")) {
		for (char *p = w; *p; p++)
			if (*p == '\001')
				*p = ' ';
		if (strcmp(w, "$#") == 0) w = "\226";
		else if (strcmp(w, "$@") == 0) w = "\227";
		else if (strcmp(w, "$:") == 0) w = "\230";
		v[n++] = w;
	}
	v[n] = NULL;
	return v;
}

static void build(struct rw_ctx *rc, const char *triple, struct address *a)
{
	static char buf[512];
	static char *v[MAXATOM + 1];
	snprintf(buf, sizeof buf, "%s", triple);
	parseaddr_build(rc, vec(buf, v), a, 0, "addr");
}

static void test_build(void)
{
	FILE *devnull = fopen("/dev/null", "w");
	err_set_output(devnull, 1);
	struct config *cf = config_new();
	mailer_builtins(cf);
	mailer_parse_line(cf, "local, P=/bin/true, F=lsDFMAw5:/|@qPSXfmnz9, A=local $u");
	mailer_parse_line(cf, "esmtp, P=[IPC], F=mDFMuXa, A=TCP $h");
	struct rw_ctx rc;
	memset(&rc, 0, sizeof rc);
	rc.cf = cf;
	rc.mac = &cf->macros;
	rc.ar = arena_new(4096);
	struct address a;

	build(&rc, "$# esmtp $@ HoSt $: MiXed", &a);
	CHECK_STR(a.mailer->name, "esmtp", "esmtp mailer");
	CHECK_STR(a.host, "host", "host lower-cased (no F=h)");
	CHECK_STR(a.user, "MiXed", "user kept (F=u)");
	parseaddr_free(&a);

	build(&rc, "$# local $: Joe", &a);
	CHECK_STR(a.user, "joe", "local user lower-cased");
	CHECK(a.host == NULL, "local without host");
	parseaddr_free(&a);

	build(&rc, "$# local $: @ Joe", &a);
	CHECK_STR(a.user, "joe", "F=@ strips leading @");
	parseaddr_free(&a);

	build(&rc, "$# local $: |prog", &a);
	CHECK_STR(a.mailer->name, "prog", "| goes to prog");
	parseaddr_free(&a);

	build(&rc, "$# local $: /file", &a);
	CHECK_STR(a.mailer->name, "*file*", "/ goes to *file*");
	parseaddr_free(&a);

	/* F=@: the | and / tests look past the '@', :include: does not */
	build(&rc, "$# local $: @ |prog", &a);
	CHECK_STR(a.mailer->name, "prog", "@|prog goes to prog");
	parseaddr_free(&a);
	build(&rc, "$# local $: @ :include: /x", &a);
	CHECK_STR(a.mailer->name, "local", "@:include: stays local");
	CHECK_STR(a.user, ":include:/x", "@:include: user rewritten without @");
	parseaddr_free(&a);
	build(&rc, "$# local $: :include: /x", &a);
	CHECK_STR(a.mailer->name, "*include*", ":include: goes to *include*");
	CHECK_STR(a.user, "/x", "include file name");
	parseaddr_free(&a);
	build(&rc, "$# local $: \":inc\"lude: /x", &a);
	CHECK_STR(a.user, "/x", "quotes stripped before the :include: test");
	parseaddr_free(&a);

	build(&rc, "$# esmtp $: Joe", &a);
	CHECK(a.is_error && strcmp(a.mailer->name, "*error*") == 0, "no host -> *error*");
	CHECK_STR(err_last(), "buildaddr: no host", "no host message");
	parseaddr_free(&a);

	build(&rc, "$# esmtp $@ h", &a);
	CHECK_STR(err_last(), "buildaddr: no user", "no user message");
	parseaddr_free(&a);

	build(&rc, "$# nosuch $@ h $: u", &a);
	CHECK_STR(err_last(), "buildaddr: unknown mailer nosuch", "unknown mailer");
	parseaddr_free(&a);

	build(&rc, "just tokens", &a);
	CHECK_STR(err_last(), "buildaddr: no mailer in parsed address", "no mailer");
	parseaddr_free(&a);

	err_reset_exitstat();
	err_set_addr("addr");
	build(&rc, "$# error $@ 5.1.1 $: \"550~no~such~user\"", &a);
	CHECK_STR(err_last(), "addr... no such user", "error text, code stripped");
	CHECK_STR(a.host, "5.1.1", "error host is the status");
	CHECK_STR(a.user, "\"550 no such user\"", "error user keeps quotes");
	CHECK(err_exitstat() == 67, "5.1.1 sets exit 67");
	parseaddr_free(&a);

	err_reset_exitstat();
	build(&rc, "$# error $@ nouser $: 550 No such user here", &a);
	CHECK_STR(a.user, "550 No such user here", "error words joined with blanks");
	CHECK_STR(err_last(), "addr... No such user here", "error words message");
	parseaddr_free(&a);
	err_reset_exitstat();
	build(&rc, "$# error $@ 5.1.1 $: \"550~no~such~user\"", &a);
	parseaddr_free(&a);

	build(&rc, "$# error $@ 4.2.2 $: \"450~later\"", &a);
	CHECK(a.temp == 1, "4xx is temporary");
	CHECK(err_exitstat() == 67, "first status kept");
	parseaddr_free(&a);
	/* the error text loses quotes and backslashes (stripquotes) */
	err_set_addr(NULL);
	build(&rc, "$# error $@ 5.1.1 $: \"553~a\\\\b\"", &a);
	CHECK_STR(err_last(), "a\\b", "error text unescaped");
	parseaddr_free(&a);
	build(&rc, "$# error $@ 5.1.1 $: 553 a\\b c", &a);
	CHECK_STR(err_last(), "ab c", "backslash removed from error text");
	parseaddr_free(&a);
	/* buildaddr's order (reference): the mailer is the one token after
	 * $#, a host only when $@ follows it, "no user" before the mailer
	 * lookup */
	build(&rc, "$# x : @ y $@", &a);
	CHECK(strstr(err_last(), "buildaddr: no user") != NULL, "no user before unknown mailer");
	parseaddr_free(&a);
	build(&rc, "$# error $@ 5.1.1", &a);
	CHECK(strstr(err_last(), "buildaddr: no user") != NULL, "error mailer needs $:");
	parseaddr_free(&a);
	build(&rc, "$# lo cal $: u", &a);
	CHECK(strstr(err_last(), "unknown mailer lo") != NULL &&
	      strstr(err_last(), "lo cal") == NULL, "mailer name is one token");
	parseaddr_free(&a);
	build(&rc, "$# local x $@ h $: u", &a);
	CHECK(a.mailer != NULL && strcmp(a.mailer->name, "local") == 0 && a.host == NULL,
	      "$@ not right after the mailer: no host");
	parseaddr_free(&a);
	build(&rc, "$# local $@ $: u", &a);
	CHECK(a.host == NULL && a.user != NULL && strcmp(a.user, "u") == 0, "empty $@ host");
	parseaddr_free(&a);
	err_reset_exitstat();
	err_set_output(stdout, 1);
	fclose(devnull);
}

/* hasctrlchar (observed: -bt /parse "Syntax error in mailbox address") */
static void test_ctrlchar(void)
{
	FILE *devnull = fopen("/dev/null", "w");
	err_set_output(devnull, 1);
	char s1[] = "\"a\tb\"@c";
	CHECK(parseaddr_ctrlchar(s1, 1) == 0 && strcmp(s1, "\"a\tb\"@c") == 0,
	      "tab inside quotes accepted");
	char s2[] = "\"x\"a\001b@c";
	CHECK(parseaddr_ctrlchar(s2, 1) == 1 && strcmp(s2, "\"x\"a?b@c") == 0,
	      "control char after a closed quote replaced");
	CHECK(strstr(err_last(), "(non-printable character)") != NULL, "non-printable text");
	char s3[] = "\"x\\\"a\001b\"@c";
	CHECK(parseaddr_ctrlchar(s3, 1) == 0, "escaped quote keeps the string open");
	char s4[] = "a\\\001b@c";
	CHECK(parseaddr_ctrlchar(s4, 1) == 0, "escaped control char accepted");
	char s5[] = "a\001\"qq";
	CHECK(parseaddr_ctrlchar(s5, 1) == 1 && strcmp(s5, "a?\"qq") == 0, "open quote");
	CHECK(strstr(err_last(), "(unbalanced quote)") != NULL, "unbalanced quote wins");
	char s6[] = ";{;a\\";
	CHECK(parseaddr_ctrlchar(s6, 1) == 1 && strcmp(s6, ";{;a?") == 0, "trailing backslash");
	CHECK(strstr(err_last(), "(trailing \\ character)") != NULL, "trailing backslash text");
	err_set_output(stdout, 1);
	fclose(devnull);
}

int main(void)
{
	test_errstat();
	test_build();
	test_ctrlchar();
	return unit_done();
}
