/* test_qf.c - libsmutil/qf: parse + re-format round trips of observed
 * reference qf files (command line, SMTP, deferred, quarantined with the
 * q line where the reference inserts it), typed views, builders in
 * queueup() order, parse errors, queue IDs, file names. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "unit.h"
#include "../../libsmutil/qf.h"
#include "../../libsmutil/str.h"

static const char qf_cmdline[] =
	"V8\nT1795261970\nK0\nN0\nP60052\nFs\n$_root@localhost\n${daemon_flags}c u\n"
	"Ssender@example.org\nAsender@example.org\nrRFC822; rcpt1@example.com\nRPFD:rcpt1@example.com\n"
	"rRFC822; rcpt2@example.net\nRPFD:Some One <rcpt2@example.net>\nH?P?Return-Path: <\201g>\n"
	"H??Received: (from root@localhost)\n\tby vm.example.com (8.17.1.9/8.17.1.9) id 6ALBqoUd025220;\n"
	"\tSat, 21 Nov 2026 11:52:50 GMT\nH?D?Date: Sat, 21 Nov 2026 11:52:50 GMT\n"
	"H?M?Message-Id: <202611211152.6ALBqoUd025220@vm.example.com>\nH??Subject: test\n"
	"H??From: Me <me@example.org>\n.\n";
static const char qf_quar[] =
	"V8\nT1795269219\nK1795269222\nN1\nP150003\nI254/0/5447923\nMreply: read error from  vm.example.com\n"
	"Fs\n$_root@localhost\n${daemon_flags}c u\nqspam reason\nSsender\nrrfc822; rcpt1@ vm.example.com\n"
	"RPFD:rcpt1\nrrfc822; rcpt2@ vm.example.com\nRPFD:rcpt2\n.\n";
static const char qf_smtp[] =
	"V8\nT1795262890\nK0\nN0\nP30421\nI254/0/1099228\nB8BITMIME\nFs8\n$rESMTP\n$sclient.example.org\n"
	"${daemon_flags}\nS<a@b.example>\nZenv-id\nAa@b.example\n!N 3600\nCu:1:2:ctl\nQrfc822;x@y\n"
	"rRFC822; root@vm.example.com\nRPFD:<root>\nC\nMper-rcpt\nRPF:other\nH?F?From: a@b.example\n.\n";

static void roundtrip(const char *img, const char *name)
{
	struct qf_env e;
	struct str out;
	const char *err = NULL;
	qf_env_init(&e);
	str_init(&out, 0);
	CHECK(qf_parse(&e, img, strlen(img), NULL, &err) == 0, name);
	qf_format(&e, &out);
	CHECK_STR(out.s, img, name);
	str_free(&out);
	qf_env_free(&e);
}

static void views(void)
{
	struct qf_env e;
	const char *err = NULL;
	qf_env_init(&e);
	qf_parse(&e, qf_cmdline, strlen(qf_cmdline), NULL, &err);
	CHECK(e.version == 8 && e.ctime == 1795261970 && e.prio == 60052 && e.has_T, "scalars");
	CHECK_STR(e.sender, "sender@example.org", "sender");
	CHECK(e.nrcpts == 2 && e.nhdrs == 6 && e.nmacros == 2, "counts");
	CHECK_STR(e.rcpts[1].addr, "Some One <rcpt2@example.net>", "rcpt addr");
	CHECK(e.rcpts[1].flen == 3 && strncmp(e.rcpts[1].flags, "PFD", 3) == 0, "rcpt flags");
	CHECK_STR(e.rcpts[0].final, "RFC822; rcpt1@example.com", "final rcpt");
	CHECK(e.hdrs[0].condlen == 1 && e.hdrs[0].cond[0] == 'P', "header cond");
	CHECK_STR(e.hdrs[0].value, " <\201g>", "0201 byte kept");
	CHECK(strstr(e.hdrs[1].value, "\n\tby vm.example.com") != NULL, "folded header");
	qf_env_free(&e);
	qf_env_init(&e);
	qf_parse(&e, qf_smtp, strlen(qf_smtp), NULL, &err);
	CHECK_STR(e.rcpts[0].ctl, "u:1:2:ctl", "C line applies");
	CHECK(e.rcpts[1].ctl == NULL, "plain C resets");
	CHECK_STR(e.rcpts[1].msg, "per-rcpt", "per-recipient M");
	CHECK(e.msg == NULL, "no envelope M");
	CHECK_STR(e.deliverby, "N 3600", "! line");
	qf_env_free(&e);
}

static void builders(void)
{
	struct qf_env e;
	struct str out;
	qf_env_init(&e);
	str_init(&out, 0);
	/* deliberately out of order: the builder sorts into queueup() order */
	qf_env_add_header(&e, "P", "Return-Path: <\201g>");
	qf_env_add_rcpt(&e, NULL, NULL, "rfc822; rcpt1@ vm.example.com", "PFD", "rcpt1");
	qf_env_set(&e, 'S', "sender");
	qf_env_add_macro(&e, "_", "root@localhost");
	qf_env_add_macro(&e, "{daemon_flags}", "c u");
	qf_env_set(&e, 'F', "s");
	qf_env_setf(&e, 'P', "%ld", 150003L);
	qf_env_set(&e, 'V', "8");
	qf_env_setf(&e, 'T', "%ld", 1795269219L);
	qf_env_set(&e, 'K', "1795269222");
	qf_env_set(&e, 'N', "1");
	qf_env_set(&e, 'M', "reply: read error from  vm.example.com");
	qf_env_set(&e, 'I', "254/0/5447923");
	qf_env_set(&e, 'q', "spam reason");
	qf_env_terminate(&e);
	qf_format(&e, &out);
	CHECK_STR(out.s, "V8\nT1795269219\nK1795269222\nN1\nP150003\nI254/0/5447923\nqspam reason\n"
		  "Mreply: read error from  vm.example.com\nFs\n$_root@localhost\n${daemon_flags}c u\n"
		  "Ssender\nrrfc822; rcpt1@ vm.example.com\nRPFD:rcpt1\nH?P?Return-Path: <\201g>\n.\n",
		  "builder order = queueup order");
	qf_env_set(&e, 'N', "2");
	qf_env_unset(&e, 'q');
	CHECK(e.ntries == 2 && e.quarmsg == NULL, "set replaces, unset removes");
	str_free(&out);
	qf_env_free(&e);
}

static void errors(void)
{
	struct qf_env e;
	const char *err = NULL;
	int line = 0;
	qf_env_init(&e);
	CHECK(qf_parse(&e, "V8\nT1\nXbogus\n.\n", 15, &line, &err) < 0 && line == 3, "bad line");
	CHECK_STR(err, "line 3: bad line \"Xbogus\"", "bad line text");
	qf_env_free(&e);
	qf_env_init(&e);
	CHECK(qf_parse(&e, "V9\nT1\n.\n", 8, &line, &err) < 0, "version 9 refused");
	CHECK_STR(err, "unsupported queue file version 9", "version text");
	qf_env_free(&e);
	qf_env_init(&e);
	CHECK(qf_parse(&e, "", 0, &line, &err) == 0 && e.nlines == 0, "empty file parses");
	qf_env_free(&e);
}

static void ids(void)
{
	char a[QF_ID_MAX], b[QF_ID_MAX];
	qf_id_seed(60 * 30 + 39);   /* "Ud" */
	qf_id_new(a, sizeof(a), 1795261970, 25220);
	CHECK_STR(a, "6ALBqoUd025220", "spec example ID (UTC)");
	qf_id_new(b, sizeof(b), 1795261970, 25220);
	CHECK_STR(b, "6ALBqoUe025220", "sequence increments");
	qf_id_seed(3599);
	qf_id_new(a, sizeof(a), 1795261970, 7);
	qf_id_new(b, sizeof(b), 1795261970, 7);
	CHECK(strcmp(a + 6, "xx000007") == 0 && strncmp(b + 6, "00", 2) == 0, "sequence wraps, %06d pid");
	CHECK(qf_id_valid("6ALBqoUd025220") && !qf_id_valid("6ALBqo") && !qf_id_valid("6ALBqoUdx"), "valid");
}

static void paths(void)
{
	struct str p;
	str_init(&p, 0);
	CHECK_STR(qf_path(&p, "/q", 0, 'q', "ID1"), "/q/qfID1", "plain qf");
	CHECK_STR(qf_path(&p, "/q", QF_SUB_QF, 'd', "ID1"), "/q/dfID1", "df stays without df/");
	CHECK_STR(qf_path(&p, "/q", QF_SUB_QF | QF_SUB_DF, 'd', "ID1"), "/q/df/dfID1", "df/");
	CHECK_STR(qf_path(&p, "/q", QF_SUB_QF, 'h', "ID1"), "/q/qf/hfID1", "hf in qf/");
	CHECK_STR(qf_path(&p, "/q", QF_SUB_XF, 'x', "ID1"), "/q/xf/xfID1", "xf/");
	CHECK_STR(qf_path_dir(&p, "/q", QF_SUB_QF, 't'), "/q/qf", "tf dir");
	CHECK_STR(qf_path_dir(&p, "/q", 0, 't'), "/q", "tf dir plain");
	str_free(&p);
}

int main(void)
{
	roundtrip(qf_cmdline, "round trip: command-line qf");
	roundtrip(qf_quar, "round trip: quarantined qf (q before S)");
	roundtrip(qf_smtp, "round trip: SMTP qf with C/Q/r/M/!/Z");
	views();
	builders();
	errors();
	ids();
	paths();
	return unit_done();
}
