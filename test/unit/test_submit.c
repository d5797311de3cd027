/* test_submit.c - the pure helpers of submission: the input state
 * machine (body bytes and -X trace), the -f "is it the user" check, xtext,
 * arpadate, the header list (field syntax, cf defaults replaced, trace
 * fields kept and counted), and the -X log's line format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "unit.h"
#include "../../sendmail/submit_int.h"
#include "../../sendmail/header.h"
#include "../../sendmail/xlog.h"

/* Scan in (C string) -> body and trace ("P " prefix) into the buffers. */
static int scan(const char *in, int igndots, char *body, char *trace)
{
	struct str b, t;
	str_init(&b, 0);
	str_init(&t, 0);
	int end = submit_input_scan(in, strlen(in), igndots, &b, &t, "P ");
	snprintf(body, 256, "%s", b.s ? b.s : "");
	snprintf(trace, 256, "%s", t.s ? t.s : "");
	str_free(&b);
	str_free(&t);
	return end;
}

static void test_input(void)
{
	char b[256], t[256];
	CHECK(scan("S: t\n\nbody\n", 0, b, t) == 0, "plain: no dot end");
	CHECK_STR(b, "S: t\n\nbody\n", "plain body");
	CHECK_STR(t, "P S: t\nP \nP body\nP [EOF]\n", "plain trace ends in [EOF]");

	CHECK(scan("a\n.\nafter\n", 0, b, t) == 1, "lone dot ends the input");
	CHECK_STR(b, "a\n", "nothing after the dot");
	CHECK_STR(t, "P a\nP .\n", "the dot line logged, no [EOF]");

	CHECK(scan("a\n.\nafter\n", 1, b, t) == 0, "-i: the dot is data");
	CHECK_STR(b, "a\n.\nafter\n", "-i body keeps the dot line");

	scan("a\r\nb\r\n", 0, b, t);
	CHECK_STR(b, "a\nb\n", "CRLF stored as LF");
	CHECK_STR(t, "P a\r\nP b\r\nP [EOF]\n", "CR logged as read");

	scan("a\rb\n", 0, b, t);
	CHECK_STR(b, "a\rb\n", "bare CR kept");
	CHECK_STR(t, "P a\rbb\nP [EOF]\n", "byte after a bare CR read twice");

	scan("c\r", 0, b, t);
	CHECK_STR(b, "c", "CR pending at EOF dropped");
	CHECK_STR(t, "P c\r[EOF]\n", "[EOF] right after the CR");

	CHECK(scan("x\n.\r\nz\n", 0, b, t) == 1, "dot CRLF ends the input");
	CHECK_STR(t, "P x\nP .\r\n", "dot CR LF logged");
	CHECK(scan("x\n.\r\nz\n", 1, b, t) == 0, "-i: dot CRLF is data");
	CHECK_STR(b, "x\n.\nz\n", "-i: dot CRLF stored as dot LF");

	scan("..x\n.y\n", 0, b, t);
	CHECK_STR(b, ".x\n.y\n", "leading dot unstuffed");
	scan("..x\n", 1, b, t);
	CHECK_STR(b, "..x\n", "-i: no unstuffing");

	scan(".\rx\n", 0, b, t);
	CHECK_STR(b, ".\rx\n", "dot CR x kept");
	CHECK_STR(t, "P .\rxx\nP [EOF]\n", "x after dot CR read twice");

	scan("b\n.", 1, b, t);
	CHECK_STR(b, "b\n", "dot pending at EOF dropped, even with -i");
	CHECK_STR(t, "P b\nP .[EOF]\n", "dot then [EOF]");

	scan("", 0, b, t);
	CHECK_STR(b, "", "empty input");
	CHECK_STR(t, "P [EOF]\n", "empty input: only [EOF]");

	struct str bb;
	str_init(&bb, 0);
	CHECK(submit_input_scan("a\n.\n", 4, 0, &bb, NULL, NULL) == 1, "no trace wanted");
	CHECK_STR(bb.s, "a\n", "body without a trace");
	str_free(&bb);
}

static void test_self(void)
{
	CHECK(submit_auth_self("nobody", "nobody", NULL, NULL), "given exactly");
	CHECK(submit_auth_self("Upper", "Upper", "local", "upper"), "given exactly, case kept");
	CHECK(!submit_auth_self("Upper", "Upper@vm", "local", "upper"), "parsed user lower-cased");
	CHECK(submit_auth_self("nobody", "NOBODY", "local", "nobody"), "parsed local user");
	CHECK(submit_auth_self("nobody", "nobody+x", "local", "nobody+x"), "+detail");
	CHECK(!submit_auth_self("nobody", "+x", "local", "+x"), "detail only");
	CHECK(!submit_auth_self("nobody", "nob2", "local", "nob2"), "another name");
	CHECK(!submit_auth_self("nobody", "nobody.", "local", "nobody."), "trailing dot");
	CHECK(!submit_auth_self("nobody", "x@[1.2.3.4]", "esmtp", "nobody"), "not local");
	CHECK(!submit_auth_self("nob", "nobody", "local", "nobody"), "prefix is not the user");
	CHECK(!submit_auth_self(NULL, "nobody", "local", "nobody"), "no user");
}

static void test_xtext(void)
{
	struct str s;
	str_init(&s, 0);
	submit_xtext(&s, "a+b=c d\351~!");
	CHECK_STR(s.s, "a+2Bb+3Dc+20d+E9~!", "xtext");
	str_free(&s);
}

static void test_arpadate(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	struct str s;
	str_init(&s, 0);
	submit_arpadate(&s, (time_t)1704067200);  /* 2024-01-01 00:00:00 UTC */
	CHECK(strncmp(s.s, "Mon, 1 Jan 2024 00:00:00 ", 25) == 0, "arpadate date part");
	CHECK(strstr(s.s, "+0000") != NULL || strstr(s.s, "GMT") != NULL, "arpadate zone");
	str_free(&s);
}

static void test_headers(void)
{
	CHECK(header_field_len("Subject: x", 10) == 7, "field name length");
	CHECK(header_field_len("Sub ject: x", 11) == 0, "blank inside the name");
	CHECK(header_field_len("X-A  : y", 8) == 3, "blanks before the colon");
	CHECK(header_field_len(":x", 2) == 0, "empty name");
	CHECK(header_field_len("notahdr", 7) == 0, "no colon");
	CHECK(header_info("To") & HDR_RCPT, "To holds recipients");
	CHECK((header_info("resent-bcc") & (HDR_BCC | HDR_RESENT)) == (HDR_BCC | HDR_RESENT),
	      "Resent-Bcc flags");
	CHECK(header_info("X-Authentication-Warning") == 0, "no flags for X- fields");

	struct hdr_list hl;
	header_list_init(&hl);
	struct hdr *d = header_add(&hl, "Date", "$a", HDR_DEFAULT);
	header_add(&hl, "Received", "by x", HDR_DEFAULT);
	header_add(&hl, "X-Authentication-Warning", " h: w", 0);
	CHECK(d->flags & HDR_DEFAULT, "default flag kept");
	CHECK(header_chomp(&hl, "Date: today", 11) == 0, "Date chomped");
	CHECK(header_chomp(&hl, "Received: from a", 16) == 0, "Received chomped");
	CHECK(header_chomp(&hl, "bad line", 8) == -1, "not a field");
	const char *want[] = { "Received", "X-Authentication-Warning", "Date", "Received" };
	size_t n = 0;
	int order = 1;
	for (const struct hdr *h = hl.head; h != NULL; h = h->next, n++)
		if (n >= 4 || strcmp(h->name, want[n]) != 0)
			order = 0;
	CHECK(order && n == 4, "cf Date replaced at the end, cf Received kept");
	CHECK_STR(header_find(&hl, "date")->value, " today", "value keeps its blank");
	CHECK(header_hops(&hl) == 1, "only the message's Received counts");
	header_remove(&hl, header_find(&hl, "x-authentication-warning"));
	CHECK(header_find(&hl, "X-Authentication-Warning") == NULL, "field removed");
	header_add(&hl, "Via", "x", 0);
	CHECK(header_hops(&hl) == 2, "Via is a trace field");
	header_list_free(&hl);
	CHECK(hl.head == NULL, "list empty after free");
}

static void test_xlog(void)
{
	char path[] = "/tmp/test_submit_xlogXXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0, "temp file");
	if (fd < 0)
		return;
	close(fd);
	char p[32], want[256];
	xlog_prefix(p, sizeof p, "<<<");
	snprintf(want, sizeof want, "%05d <<< ", (int)getpid());
	CHECK_STR(p, want, "prefix: 5-digit pid and direction");
	CHECK(!xlog_active(), "no log before open");
	xlog_out("ignored", 7);
	CHECK(xlog_open(path) == 0 && xlog_active(), "log open");
	xlog_out("nosuch... User unknown", 22);
	xlog_raw("RAW\n", 4);
	xlog_in("a\0b", 3);
	xlog_close();
	FILE *f = fopen(path, "rb");
	char got[256] = "";
	size_t n = f != NULL ? fread(got, 1, sizeof got - 1, f) : 0;
	if (f != NULL)
		fclose(f);
	unlink(path);
	int pid = (int)getpid();
	char exp[256];
	int m = snprintf(exp, sizeof exp, "%05d >>> nosuch... User unknown\nRAW\n%05d <<< a", pid, pid);
	CHECK(n == (size_t)m + 3 && memcmp(got, exp, (size_t)m) == 0 &&
	      memcmp(got + m, "\0b\n", 3) == 0, "log lines, raw bytes and a NUL kept");
}

int main(void)
{
	test_input();
	test_self();
	test_xtext();
	test_arpadate();
	test_headers();
	test_xlog();
	return unit_done();
}
