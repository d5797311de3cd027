/* test_readcf_xq.c - Q lines (queue groups: fields, errors, the runner
 * warnings printed on stdout) and C lines copying another class ($=X),
 * with expectations taken from the reference sendmail 8.17. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "../../sendmail/config.h"
#include "../../sendmail/err.h"
#include "../../sendmail/macro.h"
#include "../../sendmail/class.h"
#include "../../libsmutil/poison.h"

static char errbuf[8192];
static char outbuf[8192];

/* Read text as a cf; errors -> errbuf, stdout -> outbuf. */
static struct config *load(const char *text)
{
	char cfpath[64], outpath[64];
	snprintf(cfpath, sizeof cfpath, "/tmp/test_readcf_xq.%d.cf", (int)getpid());
	snprintf(outpath, sizeof outpath, "/tmp/test_readcf_xq.%d.out", (int)getpid());
	FILE *fp = fopen(cfpath, "w");
	fputs(text, fp);
	fclose(fp);
	FILE *ef = fmemopen(errbuf, sizeof errbuf, "w");
	memset(errbuf, 0, sizeof errbuf);
	err_set_output(ef, 1);
	err_reset_exitstat();
	fflush(stdout);
	int saved = dup(1);
	FILE *o = freopen(outpath, "w", stdout);
	(void)o;
	struct config *cf = readcf(cfpath, 't', NULL);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	fclose(ef);
	err_set_output(stdout, 1);
	memset(outbuf, 0, sizeof outbuf);
	FILE *in = fopen(outpath, "r");
	if (in != NULL) {
		size_t n = fread(outbuf, 1, sizeof outbuf - 1, in);
		outbuf[n] = '\0';
		fclose(in);
	}
	unlink(cfpath);
	unlink(outpath);
	return cf;
}

static const struct qgrp_def *qfind(const struct config *cf, const char *name)
{
	for (const struct qgrp_def *q = cf->qgroups; q != NULL; q = q->next)
		if (strcmp(q->name, name) == 0)
			return q;
	return NULL;
}

static void collect(const char *w, void *ctx)
{
	char *buf = ctx;
	size_t l = strlen(buf);
	snprintf(buf + l, 256 - l, "%s%s", l ? " " : "", w);
}

static const char *members(const struct config *cf, const char *name)
{
	static char buf[256];
	buf[0] = '\0';
	class_walk(cf->classes, macid(name), collect, buf);
	return buf;
}

#define HEAD "V10\nMlocal, P=/bin/mail, F=lsDFMm, A=mail -d $u\nO QueueDirectory=/var/spool/mqueue\n"

static void test_q(void)
{
	struct config *cf = load(HEAD "O MaxQueueChildren=3\n"
				 "Qslow, P=/q/slow, R=2\n"
				 "Qa, R=5, F=f\n"
				 "Qb, R=4\n"
				 "Qc,P=,R=2,F= x f,O=3,I=1h,J=-3,r=7\n"
				 "Qe, R=2\nQe, R=3\n"
				 "Qf, R=3, X\n");
	CHECK(strstr(outbuf, "Warning: Q=slow: R=2: multiple queue runners specified\n"
			     "\tbut flag 'f' is not set\n") == outbuf, "R>1 without F=f warns first");
	CHECK(strstr(outbuf, "Q=a: R=5 exceeds MaxQueueChildren=3, set to MaxQueueChildren\n") != NULL,
	      "R= capped by MaxQueueChildren");
	CHECK(strstr(outbuf, "Warning: Q=a:") == NULL, "F=f: no warning");
	CHECK(strstr(outbuf, "Warning: Q=b: R=3: multiple") != NULL, "warning shows the capped R");
	CHECK(strstr(outbuf, "Warning: Q=c:") == NULL, "F= with blanks still sets f");
	CHECK(strstr(errbuf, "line 8: queue c: empty path name\n") != NULL, "empty P=");
	CHECK(strstr(errbuf, "line 8: Qc: unknown queue equate O=\n") != NULL, "no O= in the reference");
	CHECK(strstr(errbuf, "line 11: queue f: `=' expected\n") != NULL, "`=' expected");
	CHECK(qfind(cf, "f") == NULL, "`=' expected drops the group");
	const struct qgrp_def *c = qfind(cf, "c");
	CHECK(c != NULL && c->jobs == 0 && c->rcpts == 7 && c->interval == 3600 &&
	      strcmp(c->path, "/var/spool/mqueue") == 0, "fields of Qc");
	const struct qgrp_def *e = qfind(cf, "e");
	CHECK(e != NULL && e->runners == 3 && e->next != NULL && strcmp(e->next->name, "e") != 0,
	      "redefinition replaces in place");
	config_free(cf);

	cf = load("V10\nMlocal, P=/bin/mail, F=lsDFMm, A=mail -d $u\nQx, R=1\nQ\n");
	CHECK(strstr(errbuf, "line 3: QueueDir must be defined before queue groups\n") != NULL,
	      "no QueueDirectory");
	CHECK(strstr(errbuf, "line 4: name required for queue\n") != NULL, "Q without name");
	config_free(cf);
}

static void test_c_copy(void)
{
	struct config *cf = load(HEAD "CX x1 x2\nC{V} v1 v2\nCR$={V}\nCA a1 $=X\nCB $=X$=X\n"
				 "CC pre$=Xpost\nCG $=Y\nCY y1\nCE $=\n");
	CHECK_STR(members(cf, "R"), "v1 v2", "C line copies another class");
	CHECK(strstr(members(cf, "A"), "a1") != NULL && strstr(members(cf, "A"), "x1") != NULL &&
	      strstr(members(cf, "A"), "x2") != NULL, "copy mixed with words");
	CHECK_STR(members(cf, "B"), "x1 x2", "rest of the word after the class name ignored");
	CHECK(strstr(members(cf, "C"), "post") != NULL, "$= inside a word stays literal");
	CHECK_STR(members(cf, "G"), "", "copied when read: later members not seen");
	const char *n1 = strstr(errbuf, "line 12: Name required for macro/class\n");
	CHECK(n1 != NULL && strstr(n1 + 1, "line 12: Name required for macro/class\n") != NULL,
	      "empty $= name: reported when translated and when copied");
	config_free(cf);
}

int main(void)
{
	test_q();
	test_c_copy();
	return unit_done();
}
