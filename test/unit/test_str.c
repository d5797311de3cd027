/* test_str.c - growable bounded strings: growth, max truncation, printf,
 * self-append, steal, getline. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "../../libsmutil/str.h"
#include "../../libsmutil/mem.h"

int main(void)
{
	struct str b;
	str_init(&b, 0);
	CHECK_STR(b.s, "", "empty after init");
	int rc = 0;
	for (int i = 0; i < 1000; i++)
		rc |= str_addc(&b, 'a' + i % 26);
	CHECK(rc == 0, "unbounded addc never fails");
	CHECK(b.len == 1000 && strlen(b.s) == 1000, "grew to 1000 bytes");
	CHECK(b.cap > 1000, "capacity covers NUL");
	str_clear(&b);
	str_printf(&b, "%s-%d-%05.1f", "x", 42, 3.14159);
	CHECK_STR(b.s, "x-42-003.1", "printf");
	str_printf(&b, "%s", "+more");
	CHECK_STR(b.s, "x-42-003.1+more", "printf appends");
	str_truncate(&b, 4);
	CHECK_STR(b.s, "x-42", "truncate");
	str_addn(&b, b.s, b.len);           /* self append across growth */
	CHECK_STR(b.s, "x-42x-42", "self append");
	char *stolen = str_steal(&b);
	CHECK_STR(stolen, "x-42x-42", "steal returns data");
	CHECK(b.len == 0 && b.s == NULL, "steal leaves b empty, unallocated");
	str_add(&b, "again");
	CHECK_STR(b.s, "again", "append after steal regrows");
	mem_free(stolen);
	str_free(&b);

	str_init(&b, 5);
	CHECK(str_add(&b, "abc") == 0, "within max ok");
	CHECK(str_add(&b, "defg") == -1, "past max fails");
	CHECK_STR(b.s, "abcde", "truncated at max");
	CHECK(str_addc(&b, 'z') == -1 && b.len == 5, "full stays full");
	str_clear(&b);
	CHECK(str_printf(&b, "%d", 1234567) == -1, "printf past max fails");
	CHECK_STR(b.s, "12345", "printf truncated at max");
	str_free(&b);

	FILE *fp = tmpfile();
	fputs("one\ntwo", fp);
	rewind(fp);
	str_init(&b, 0);
	CHECK(str_getline(&b, fp) == 0, "getline 1");
	CHECK_STR(b.s, "one\n", "line keeps newline");
	CHECK(str_getline(&b, fp) == 0, "getline 2");
	CHECK_STR(b.s, "two", "last line without newline");
	CHECK(str_getline(&b, fp) == -1, "EOF");
	fclose(fp);
	str_free(&b);

	/* lines longer than stdio's buffer, a NUL byte, a bounded string */
	fp = tmpfile();
	for (int i = 0; i < 20000; i++)
		fputc('a' + i % 26, fp);
	fwrite("\nx\0y\nlast", 1, 10, fp);
	rewind(fp);
	setvbuf(fp, NULL, _IOFBF, 512);
	str_init(&b, 0);
	CHECK(str_getline(&b, fp) == 0 && b.len == 20001, "long line whole");
	CHECK(b.s[0] == 'a' && b.s[19999] == 'a' + 19999 % 26 && b.s[20000] == '\n', "long line bytes");
	CHECK(str_getline(&b, fp) == 0 && b.len == 4 && memcmp(b.s, "x\0y\n", 4) == 0, "NUL kept");
	CHECK(str_getline(&b, fp) == 0 && strcmp(b.s, "last") == 0, "tail");
	CHECK(str_getline(&b, fp) == -1, "EOF after tail");
	rewind(fp);
	str_free(&b);
	str_init(&b, 10);
	CHECK(str_getline(&b, fp) == 0 && b.len == 10, "bounded: cut at max");
	CHECK(str_getline(&b, fp) == 0 && b.len == 4, "bounded: next line read whole");
	fclose(fp);
	str_free(&b);
	return unit_done();
}
