/* test_mailq_print.c - unit tests of mailq's entry formatting helpers
 * (mailq/mailq_print.c, included directly: mailq links libsmutil only):
 * the printf-free number/text output against snprintf and the first
 * putc loop, the ctime cache against ctime_r, the packing of stored
 * entries (unpacking gives back every byte, through output blocks of any
 * size), a whole entry against the reference's listing of its qf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "../../mailq/mailq_print.c"

static char *unpacked(const char *in, size_t n, size_t cap, size_t *len);

static int check_num(long v, size_t width)
{
	struct str s;
	char want[128], *got;
	size_t len;
	str_init(&s, 0);
	mq_num(&s, v, width);
	snprintf(want, sizeof(want), "%*ld", (int)width, v);
	got = unpacked(s.s, s.len, 64, &len);
	int ok = len == strlen(want) && memcmp(got, want, len) == 0;
	free(got);
	str_free(&s);
	return ok;
}

static void test_num(void)
{
	static const long v[] = { 0, 7, -1, 42, 12345678, 123456789, -99999999, 2147483647L,
				  -2147483647L - 1, 9223372036854775807L, -9223372036854775807L - 1 };
	int ok = 1;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		ok &= check_num(v[i], 8) && check_num(v[i], 10) && check_num(v[i], 0) &&
		      check_num(v[i], 70);
	CHECK(ok, "mq_num is printf %*ld (padding packed)");
}

static void test_atol(void)
{
	static const char *v[] = { "0", "123", "-45", "+7", "  42x", "\t\n 9", "\n-3", "",
				   "abc", "- 5", "--5", "9223372036854775807", "9223372036854775808",
				   "-9223372036854775808", "-9223372036854775809",
				   "99999999999999999999999", "1795269216\n", "00012" };
	int ok = 1;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		ok &= mailq_atol(v[i]) == strtol(v[i], NULL, 10);
	srand(5);
	for (int k = 0; k < 20000; k++) {
		char b[24];
		int n = rand() % 23;
		for (int i = 0; i < n; i++)
			b[i] = "0123456789  -+\t\na"[rand() % 18];
		b[n] = '\0';
		ok &= mailq_atol(b) == strtol(b, NULL, 10);
	}
	CHECK(ok, "mailq_atol is strtol base 10 (signs, blanks, overflow)");
}

static void test_prtstr(void)
{
	struct str s;
	str_init(&s, 0);
	mq_prtstr(&s, "ab\\c\001d", 6, 78);
	CHECK_STR(s.s, "ab\\\\c\\001d", "prtstr doubles backslashes, shows \\ooo");
	str_clear(&s);
	mq_prtstr(&s, "abcdefgh", 8, 5);
	CHECK_STR(s.s, "abcde", "prtstr cuts at the column limit");
	str_clear(&s);
	mq_prtstr(&s, "abc\\x", 5, 4);
	CHECK_STR(s.s, "abc", "a backslash that does not fit is dropped");
	str_clear(&s);
	mq_prtstr(&s, "ab\001x", 4, 5);
	CHECK_STR(s.s, "ab", "an escape that does not fit ends the text");
	str_free(&s);
}

static void test_ctime(void)
{
	static const char *zones[] = { "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe",
				       "UTC", "America/St_Johns" };
	int ok = 1;
	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		struct mq_tcache tc;
		memset(&tc, 0, sizeof(tc));
		setenv("TZ", zones[z], 1);   /* DST changes (by 30 min too) */
		tzset();
		/* 2024 in steps of 997 s (every hour, both DST changes), each
		 * step followed by times up to 2 h before and after it: a
		 * window cached for one time is tried on earlier ones too */
		srand(11);
		for (time_t t0 = 1704067200; t0 < 1704067200 + 366 * 86400; t0 += 997)
			for (int k = 0; k < 4; k++) {
				time_t t = k == 0 ? t0 : t0 + rand() % 14400 - 7200;
				char b[16], full[64];
				size_t n = mq_ctime16(&tc, t, b);
				ctime_r(&t, full);
				ok &= n == 16 && memcmp(b, full, 16) == 0;
			}
	}
	CHECK(ok, "cached ctime prefix equals ctime_r's (zones with DST and odd offsets)");
	unsetenv("TZ");
	tzset();
}

/* The column-limited text output as first written (putc-based). */
static void ref_prtstr(struct str *out, const char *s, size_t len, int ml)
{
	for (size_t i = 0; i < len && ml-- > 0; i++) {
		int c = (unsigned char)s[i];
		if (c == '\\') {
			if (ml-- > 0) {
				str_addc(out, c);
				str_addc(out, c);
			}
		} else if (c < 0x80 && c >= 0x20 && c < 0x7f) {
			str_addc(out, c);
		} else if ((ml -= 3) > 0) {
			char o[8];
			snprintf(o, sizeof(o), "\\%03o", c);
			str_add(out, o);
		}
	}
}

static void test_prtstr_random(void)
{
	struct str a, b;
	int ok = 1;
	str_init(&a, 0);
	str_init(&b, 0);
	srand(3);
	for (int k = 0; k < 5000; k++) {
		char in[120];
		size_t n = (size_t)(rand() % 120);
		int ml = rand() % 90;
		for (size_t i = 0; i < n; i++) {
			int r = rand() % 8;
			in[i] = r == 0 ? '\\' : r == 1 ? (char)(rand() % 256) : (char)('a' + rand() % 26);
		}
		str_clear(&a);
		str_clear(&b);
		mq_prtstr(&a, in, n, ml);
		ref_prtstr(&b, in, n, ml);
		ok &= a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
	}
	CHECK(ok, "prtstr equals the putc loop on random texts and limits");
	str_free(&a);
	str_free(&b);
}

/* Unpack n bytes through an output block of cap bytes; returns the text
 * (malloc'ed), its length in *len. */
static char *unpacked(const char *in, size_t n, size_t cap, size_t *len)
{
	char *got = NULL;
	FILE *fp = open_memstream(&got, len);
	struct mq_obuf o = { malloc(cap), 0, cap, fp };
	mailq_unpack(in, n, &o);
	mailq_oflush(&o);
	fclose(fp);
	free(o.b);
	return got;
}

/* A packed text built from random plain bytes, runs of blanks and
 * recipient prefixes unpacks to the plain text, through blocks of any
 * size (the fast path when the entry surely fits, the careful one else). */
static void test_unpack(void)
{
	int ok = 1, smaller = 1;
	srand(7);
	for (int k = 0; k < 3000 && ok; k++) {
		struct str packed, plain;
		str_init(&packed, 0);
		str_init(&plain, 0);
		while (plain.len < 500) {
			int r = rand() % 6, len = rand() % 140;
			if (r == 0 || r == 1) {
				int c = r == 0 ? ' ' : '\t';
				mq_blanks(&packed, c, (size_t)len);
				for (int i = 0; i < len; i++)
					str_addc(&plain, c);
			} else if (r == 2) {
				str_addn(&packed, "\0\200", 2);
				MQ_LIT(&plain, "\n\t\t\t\t\t ");
			} else {
				char b = (char)(1 + rand() % 255);   /* anything but NUL */
				str_addc(&packed, b);
				str_addc(&plain, b);
			}
		}
		size_t cap = k % 3 == 0 ? 65536 : 1 + (size_t)(rand() % 300), len;
		char *got = unpacked(packed.s, packed.len, cap, &len);
		ok &= len == plain.len && memcmp(got, plain.s, len) == 0;
		smaller &= packed.len <= plain.len;
		free(got);
		str_free(&packed);
		str_free(&plain);
	}
	CHECK(ok, "random blanks, prefixes and bytes unpack (any block size)");
	CHECK(smaller, "packing never grows a text");
}

/* One job as the reference lists it (its output for this qf, TZ=UTC). */
static void test_job(void)
{
	static const char qf[] = "V8\nT1795269216\nK0\nN1\nP100034\n"
		"MDeferred: Connection refused by mx0.example.net\nFs\n$_root@localhost\n"
		"${daemon_flags}c u\nSuser34@sender34.example.org\n"
		"RPFD:rcpt34.0@dest34.example.com\nRPFD:rcpt34.1@dest34.example.com\n"
		"H?P?Return-Path: <\201g>\nH??Subject: bench\n.\n";
	static const char plain[] =
		"6ALDra01007944      134 Sat Nov 21 13:53 user34@sender34.example.org\n"
		"                 (Deferred: Connection refused by mx0.example.net)\n"
		"\t\t\t\t\t rcpt34.0@dest34.example.com\n\t\t\t\t\t rcpt34.1@dest34.example.com\n";
	static const char verbose[] =
		"6ALDra01007944      134     100034 Nov 21 13:53 user34@sender34.example.org\n"
		"                 (Deferred: Connection refused by mx0.example.net)\n"
		"\t\t\t\t\t\trcpt34.0@dest34.example.com\n\t\t\t\t\t\trcpt34.1@dest34.example.com\n";
	struct mq_opts o;
	struct mq_src src = { "qf6ALDra01007944", qf, sizeof(qf) - 1, 0, 0, 134, 0 };
	struct mq_tcache tc;
	struct str e;
	size_t len;
	char *got;
	setenv("TZ", "UTC", 1);
	tzset();
	memset(&o, 0, sizeof(o));
	memset(&tc, 0, sizeof(tc));
	str_init(&e, 0);
	mailq_format_job(&o, "./", &src, &tc, &e);
	CHECK(e.len + 20 < sizeof(plain) - 1, "the entry is kept packed");
	got = unpacked(e.s, e.len, 65536, &len);
	CHECK(len == sizeof(plain) - 1 && memcmp(got, plain, len) == 0, "entry as the reference's");
	free(got);
	o.verbose = 1;
	str_clear(&e);
	mailq_format_job(&o, "./", &src, &tc, &e);
	got = unpacked(e.s, e.len, 65536, &len);
	CHECK(len == sizeof(verbose) - 1 && memcmp(got, verbose, len) == 0, "-v entry as the reference's");
	free(got);
	o.verbose = 0;
	src.dfsize = -1;
	src.dferr = ENOENT;
	str_clear(&e);
	mailq_format_job(&o, "./", &src, &tc, &e);
	got = unpacked(e.s, e.len, 65536, &len);
	CHECK(len > 80 && memcmp(got, "6ALDra01007944readqf: cannot open ./df6ALDra01007944: "
				 "No such file or directory\n      -1 Sat", 80) == 0,
	      "a missing df: the reference's message, size -1");
	free(got);
	str_free(&e);
	unsetenv("TZ");
	tzset();
}

int main(void)
{
	test_num();
	test_atol();
	test_prtstr();
	test_prtstr_random();
	test_ctime();
	test_unpack();
	test_job();
	return unit_done();
}
