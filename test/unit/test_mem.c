/* test_mem.c - allocation helpers and arenas (alignment, packed bytes, big blocks,
 * reset keeps one chunk, free). */
#include <stdint.h>
#include <string.h>
#include "unit.h"
#include "../../libsmutil/mem.h"

int main(void)
{
	char *s = mem_strdup("hello");
	CHECK_STR(s, "hello", "strdup");
	char *t = mem_strndup("hello world", 5);
	CHECK_STR(t, "hello", "strndup cuts");
	mem_free(s);
	mem_free(t);
	int *z = mem_zalloc(64 * sizeof *z);
	int allzero = 1;
	for (int i = 0; i < 64; i++)
		allzero &= z[i] == 0;
	CHECK(allzero, "zalloc zeroes");
	z = mem_realloc(z, 4096 * sizeof *z);
	CHECK(z[0] == 0, "realloc keeps data");
	mem_free(z);
	long *arr = mem_array(100, sizeof *arr);
	arr[99] = 7;
	CHECK(arr[99] == 7, "array usable");
	mem_free(arr);

	struct arena *a = arena_new(128);
	void *p1 = arena_alloc(a, 1), *p2 = arena_alloc(a, 3);
	CHECK(((uintptr_t)p1 & 15) == 0 && ((uintptr_t)p2 & 15) == 0, "16-byte aligned");
	CHECK(p1 != p2, "distinct blocks");
	char *big = arena_alloc(a, 10000);    /* larger than a chunk */
	memset(big, 'x', 10000);
	CHECK(big[9999] == 'x', "big block usable");
	char *d = arena_strdup(a, "abc");
	CHECK_STR(d, "abc", "arena strdup");
	CHECK_STR(arena_strndup(a, "abcdef", 2), "ab", "arena strndup");
	char *k1 = arena_alloc_packed(a, 3), *k2 = arena_alloc_packed(a, 5);
	CHECK(k2 == k1 + 3, "packed allocations are back to back");
	memcpy(k1, "abc", 3);
	memcpy(k2, "defgh", 5);
	void *p3 = arena_alloc(a, 8);
	CHECK(((uintptr_t)p3 & 15) == 0, "aligned again after a packed allocation");
	CHECK(memcmp(k1, "abcdefgh", 8) == 0, "packed bytes kept");
	char *k3 = arena_alloc_packed(a, 500);   /* larger than a chunk */
	memset(k3, 'y', 500);
	CHECK(k3[499] == 'y' && k1[0] == 'a', "big packed block usable");
	for (int i = 0; i < 1000; i++)
		(void)arena_alloc(a, 100);
	arena_reset(a);
	char *again = arena_strdup(a, "after reset");
	CHECK_STR(again, "after reset", "usable after reset");
	arena_free(a);
	return unit_done();
}
