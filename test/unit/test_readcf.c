/* test_readcf.c - the cf reader: folding, comments, every line type's
 * effect, rule checks and their messages, levels and warnings. Writes
 * temporary cf files; errors are captured through err_set_output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "../../sendmail/config.h"
#include "../../sendmail/err.h"
#include "../../sendmail/macro.h"
#include "../../sendmail/class.h"
#include "../../sendmail/mailer.h"
#include "../../sendmail/ruleset.h"
#include "../../sendmail/token.h"
#include "../../libsmutil/poison.h"

static char errbuf[8192];
static char cfpath[64];

/* Write text to a temp cf, read it with errors captured in errbuf. */
static struct config *load(const char *text)
{
	snprintf(cfpath, sizeof cfpath, "/tmp/test_readcf.%d.cf", (int)getpid());
	FILE *fp = fopen(cfpath, "w");
	fputs(text, fp);
	fclose(fp);
	FILE *ef = fmemopen(errbuf, sizeof errbuf, "w");
	memset(errbuf, 0, sizeof errbuf);
	err_set_output(ef, 1);
	err_reset_exitstat();
	fflush(stdout);
	int saved = dup(1);
	FILE *devnull = freopen("/dev/null", "w", stdout);
	(void)devnull;
	struct config *cf = readcf(cfpath, 't', NULL);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	fclose(ef);
	err_set_output(stdout, 1);
	unlink(cfpath);
	return cf;
}

/* Rule n of ruleset rs shown as tokens joined by single spaces. */
static const char *rule_text(struct config *cf, int rs, int n, int rhs)
{
	static char buf[512];
	struct rule *r = cf->rs.first[rs];
	while (r != NULL && n-- > 0)
		r = r->next;
	buf[0] = '\0';
	if (r == NULL)
		return "(none)";
	for (char **t = rhs ? r->rhs : r->lhs; *t != NULL; t++) {
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "%s%s", l ? " " : "", *t);
	}
	return buf;
}

static void test_lines(void)
{
	struct config *cf = load("V10/Berkeley\n"
		"Mlocal, P=/bin/true, F=lsm,\n\tA=mail $u\n"
		"DXhello \"a,b\" world\n"
		"# comment\n  still comment\n"
		"CA one two\n  three\r\n"
		"Sfoo\n"
		"Ra b\tc d # trailing\n"
		"R$+ < @ $* >\t$1 $2\n"
		"S3\nR$*\t$@ $1\n");
	CHECK(cf != NULL, "readcf loads");
	CHECK(cf->level == 10, "V level");
	CHECK_STR(macro_get(&cf->macros, 'X'), "hello a,b world", "D munchstring");
	CHECK(class_member(cf->classes, 'A', "three"), "C folded continuation");
	CHECK(class_member(cf->classes, 'A', "ONE"), "class case-insensitive");
	int foo = ruleset_parse(cf, "foo", NULL, 0);
	CHECK(foo == 199, "named ruleset numbered 199");
	CHECK_STR(rule_text(cf, foo, 0, 0), "a b", "mid-line # comment cut");
	CHECK_STR(rule_text(cf, foo, 0, 1), "c d", "RHS to next TAB");
	CHECK(mailer_find(cf, "LOCAL") != NULL, "mailer found case-insensitively");
	CHECK(strstr(errbuf, "line") == NULL, "no errors for a clean cf");
	if (strstr(errbuf, "line") != NULL)
		fputs(errbuf, stdout);
	config_free(cf);
}

static void test_rule_errors(void)
{
	struct config *cf = load("V10\nMlocal, P=/bin/true, A=x $u\nR$*\tx\nS1\n"
		"R$* # c\t$1\nR$*\t$2\nR$1\tx\nR$*\t$( a $( b $) $)\nR$*\t$( a\n"
		"R$*$*$*$*$*$*$*$*$*$*\tx\nS150\nSbar=150\nSfoo\nSfoo=5\n");
	CHECK(strstr(errbuf, "line 3: missing valid ruleset for") != NULL, "R before S");
	CHECK(strstr(errbuf, "line 5: invalid rewrite line") != NULL, "tab expected");
	CHECK(strstr(errbuf, "line 6: replacement $2 out of bounds") != NULL, "out of bounds");
	CHECK(strstr(errbuf, "line 7: Inappropriate use of $1-$9 on LHS") != NULL, "$1 on LHS");
	CHECK(strstr(errbuf, "line 8: cannot nest map lookups") != NULL, "nested lookup");
	CHECK(strstr(errbuf, "line 9: missing map closing token") != NULL, "unclosed lookup");
	CHECK(strstr(errbuf, "line 10: R line: too many wildcards") != NULL, "wildcards");
	CHECK(strstr(errbuf, "line 11: bad ruleset 150 (100 max)") != NULL, "bad ruleset");
	CHECK(strstr(errbuf, "line 12: bad ruleset number 150 in \"bar=150\" (100 max)") != NULL, "bad number");
	CHECK(strstr(errbuf, "line 14: foo=5: ruleset changed value (old 199, new 5)") != NULL, "changed value");
	CHECK(err_exitstat() == 70, "exit status 70");
	config_free(cf);
}

static void test_misc_lines(void)
{
	struct config *cf = load("V2\nMlocal, P=/bin/true, F=L, A=x $u\nTroot daemon\n"
		"Pbulk=-60\nP foo\nZzz\nL x\nEFOO=bar\nH?P?Return-Path: <$g>\n"
		"HX-Check: $>chk\nHBad x\nV2/Foo\n");
	CHECK(class_member(cf->classes, 't', "daemon"), "T line adds to class t");
	CHECK(cf->nprios == 1 && cf->prios[0].value == -60, "P line");
	CHECK(strstr(errbuf, "unknown configuration line \"P foo\"") != NULL, "P without =");
	CHECK(strstr(errbuf, "unknown configuration line \"Zzz\"") != NULL, "unknown line");
	CHECK(strstr(errbuf, "unknown configuration line \"L x\"") != NULL, "L line unknown");
	CHECK(cf->nenv == 1 && strcmp(cf->env[0], "FOO=bar") == 0, "E line");
	CHECK(cf->headers != NULL && strcmp(cf->headers->name, "Return-Path") == 0, "H line");
	CHECK(cf->headers->next != NULL && cf->headers->next->ruleset != NULL, "header check");
	CHECK(strstr(errbuf, "header syntax error, line \"Bad x\"") != NULL, "bad H line");
	CHECK(strstr(errbuf, "invalid V line vendor code: \"Foo\"") != NULL, "vendor");
	struct mailer *m = mailer_find(cf, "local");
	CHECK(m != NULL && m->linelimit == 990, "F=L gives L=990");
	CHECK(m != NULL && mailer_flag(m, 'w') && mailer_flag(m, 'q'), "level<6 local flags");
	config_free(cf);
}

static void test_missing(void)
{
	FILE *ef = fmemopen(errbuf, sizeof errbuf, "w");
	memset(errbuf, 0, sizeof errbuf);
	err_set_output(ef, 1);
	err_reset_exitstat();
	struct config *cf = readcf("/nonexistent/x.cf", 't', NULL);
	fclose(ef);
	err_set_output(stdout, 1);
	CHECK(cf == NULL, "missing cf returns NULL");
	CHECK(err_exitstat() == 72, "missing cf exit 72");
	CHECK(strstr(errbuf, "/nonexistent/x.cf: line 0: cannot open: No such file or directory") != NULL,
	      "missing cf message");
	cf = load("V10\n");
	CHECK(strstr(errbuf, "No local mailer defined") != NULL, "no local mailer");
	config_free(cf);
}

int main(void)
{
	test_lines();
	test_rule_errors();
	test_misc_lines();
	test_missing();
	return unit_done();
}
