/* test_htab.c - hash table: put/get/replace/delete, case folding,
 * insertion-ordered walk, growth. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "../../libsmutil/htab.h"

static char order[4096];
static int collect(const char *k, void *v, void *ctx)
{
	(void)v; (void)ctx;
	strncat(order, k, sizeof order - strlen(order) - 2);
	strncat(order, ",", sizeof order - strlen(order) - 1);
	return 0;
}
static int stop_at_b(const char *k, void *v, void *ctx)
{
	(*(int *)ctx)++;
	(void)v;
	return strcmp(k, "b") == 0;
}
static int freed;
static void count_free(void *v) { (void)v; freed++; }

int main(void)
{
	struct htab *h = htab_new(0, 0);
	int one = 1, two = 2, three = 3;
	CHECK(htab_put(h, "c", &one) == NULL, "new key");
	htab_put(h, "a", &two);
	htab_put(h, "b", &three);
	CHECK(htab_get(h, "a") == &two, "get");
	CHECK(htab_get(h, "A") == NULL, "case-sensitive by default");
	CHECK(htab_put(h, "a", &one) == &two, "replace returns old");
	CHECK(htab_count(h) == 3, "count");
	htab_walk(h, collect, NULL);
	CHECK_STR(order, "c,a,b,", "insertion order kept on replace");
	int n = 0;
	htab_walk(h, stop_at_b, &n);
	CHECK(n == 3, "walk stops when fn returns nonzero");
	CHECK(htab_del(h, "a") == &one && htab_get(h, "a") == NULL, "delete");
	CHECK(htab_del(h, "zz") == NULL, "delete missing");
	order[0] = '\0';
	htab_walk(h, collect, NULL);
	CHECK_STR(order, "c,b,", "order after delete");
	htab_free(h, count_free);
	CHECK(freed == 2, "freeval per entry");

	h = htab_new(4, 1);
	htab_put(h, "Local", &one);
	CHECK(htab_get(h, "LOCAL") == &one, "nocase get");
	CHECK(htab_put(h, "local", &two) == &one && htab_count(h) == 1, "nocase replace");
	char key[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		htab_put(h, key, &three);
	}
	CHECK(htab_count(h) == 5001, "grew to 5001 entries");
	int all = 1;
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "K%d", i);
		all &= htab_get(h, key) == &three;
	}
	CHECK(all, "every key found after growth");
	order[0] = '\0';
	htab_walk(h, stop_at_b, &n);
	htab_free(h, NULL);
	return unit_done();
}
