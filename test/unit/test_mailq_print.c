/* test_mailq_print.c - unit tests of mailq's entry formatting helpers
 * (mailq/mailq_print.c, included directly: mailq links libsmutil only):
 * the printf-free number/text output against snprintf, the ctime cache
 * against ctime_r, and the packing of stored entries (pack + unpack must
 * give back every byte, through output blocks of any size). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "../../mailq/mailq_print.c"

static int check_num(long v, size_t width)
{
	struct str s;
	char want[64];
	str_init(&s, 0);
	mq_num(&s, v, width);
	snprintf(want, sizeof(want), "%*ld", (int)width, v);
	int ok = strcmp(s.s, want) == 0;
	str_free(&s);
	return ok;
}

static void test_num(void)
{
	static const long v[] = { 0, 7, -1, 42, 12345678, 123456789, -99999999, 2147483647L,
				  -2147483647L - 1, 9223372036854775807L, -9223372036854775807L - 1 };
	int ok = 1;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		ok &= check_num(v[i], 8) && check_num(v[i], 10) && check_num(v[i], 0);
	CHECK(ok, "mq_num is printf %*ld");
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

/* pack + unpack through an output block of cap bytes */
static int roundtrip(const char *in, size_t n, size_t cap, size_t *packed)
{
	char *buf = malloc(n + 1), *got = NULL;
	size_t gotlen = 0;
	FILE *fp = open_memstream(&got, &gotlen);
	struct mq_obuf o = { malloc(cap), 0, cap, fp };
	memcpy(buf, in, n);
	*packed = mailq_pack(buf, n);
	mailq_unpack(buf, *packed, &o);
	mailq_oflush(&o);
	fclose(fp);
	int ok = gotlen == n && memcmp(got, in, n) == 0;
	free(buf);
	free(got);
	free(o.b);
	return ok;
}

static void test_pack(void)
{
	static const char entry[] =
		"6ALDra00008266      483 Sat Nov 21 13:13 user883@sender75.example.org\n"
		"                 (Deferred: Connection refused by mx16.example.net)\n"
		"\t\t\t\t\t rcpt883.0@dest35.example.com\n\t\t\t\t\t rcpt883.1@dest35.example.com\n";
	size_t packed;
	int ok = 1;
	CHECK(roundtrip(entry, sizeof(entry) - 1, 65536, &packed), "entry round trip");
	CHECK(packed + 20 < sizeof(entry) - 1, "entry packed smaller");
	srand(7);
	for (int k = 0; k < 2000 && ok; k++) {
		char in[600];
		size_t n = 0;
		while (n < sizeof(in) - 200) {
			int r = rand() % 6, len = 1 + rand() % 140;
			if (r == 0)
				for (int i = 0; i < len; i++) in[n++] = ' ';
			else if (r == 1)
				for (int i = 0; i < len; i++) in[n++] = '\t';
			else if (r == 2) {
				memcpy(in + n, "\n\t\t\t\t\t ", 7);
				n += 7;
			} else
				in[n++] = (char)(1 + rand() % 255);   /* anything but NUL */
		}
		ok &= roundtrip(in, n, 1 + (size_t)(rand() % 100), &packed) && packed <= n;
	}
	CHECK(ok, "random blanks, prefixes and bytes round trip (small blocks)");
}

int main(void)
{
	test_num();
	test_prtstr();
	test_prtstr_random();
	test_ctime();
	test_pack();
	return unit_done();
}
