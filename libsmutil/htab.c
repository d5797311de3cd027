/* htab.c - string-keyed hash table, optional case-insensitive keys,
 * insertion-ordered iteration. Generic layer; heap only. */
#include <stdint.h>
#include <ctype.h>
#include <strings.h>
#include "htab.h"
#include "mem.h"
#include "poison.h"

struct hent {
	char *key;
	void *val;
	struct hent *next;          /* bucket chain */
	struct hent *older, *newer; /* insertion order */
};

struct htab {
	struct hent **b;
	size_t nb, count;
	int nocase;
	struct hent *first, *last;
};

/* FNV-1a over the (optionally folded) key. */
static size_t htab_hash(const struct htab *h, const char *k)
{
	uint64_t x = 1469598103934665603ULL;
	for (; *k; k++) {
		unsigned c = (unsigned char)*k;
		if (h->nocase)
			c = (unsigned)tolower((int)c);
		x = (x ^ c) * 1099511628211ULL;
	}
	return (size_t)(x % h->nb);
}

static int htab_eq(const struct htab *h, const char *a, const char *b)
{
	return h->nocase ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

struct htab *htab_new(size_t hint, int nocase)
{
	struct htab *h = mem_zalloc(sizeof *h);
	h->nb = hint < 16 ? 16 : hint;
	h->b = mem_zalloc(h->nb * sizeof *h->b);
	h->nocase = nocase;
	return h;
}

static struct hent *htab_find(const struct htab *h, const char *key)
{
	for (struct hent *e = h->b[htab_hash(h, key)]; e; e = e->next)
		if (htab_eq(h, e->key, key))
			return e;
	return NULL;
}

void *htab_get(const struct htab *h, const char *key)
{
	struct hent *e = htab_find(h, key);
	return e ? e->val : NULL;
}

/* Double the bucket array and rehash. */
static void htab_grow(struct htab *h)
{
	size_t onb = h->nb;
	struct hent **ob = h->b;
	h->nb = onb * 2;
	h->b = mem_zalloc(h->nb * sizeof *h->b);
	for (size_t i = 0; i < onb; i++) {
		struct hent *e = ob[i], *n;
		for (; e; e = n) {
			n = e->next;
			size_t j = htab_hash(h, e->key);
			e->next = h->b[j];
			h->b[j] = e;
		}
	}
	mem_free(ob);
}

void *htab_put(struct htab *h, const char *key, void *val)
{
	struct hent *e = htab_find(h, key);
	if (e != NULL) {
		void *old = e->val;
		e->val = val;
		return old;
	}
	if (h->count >= h->nb)
		htab_grow(h);
	e = mem_zalloc(sizeof *e);
	e->key = mem_strdup(key);
	e->val = val;
	size_t i = htab_hash(h, key);
	e->next = h->b[i];
	h->b[i] = e;
	e->older = h->last;
	if (h->last)
		h->last->newer = e;
	else
		h->first = e;
	h->last = e;
	h->count++;
	return NULL;
}

void *htab_del(struct htab *h, const char *key)
{
	size_t i = htab_hash(h, key);
	for (struct hent **pp = &h->b[i]; *pp; pp = &(*pp)->next) {
		struct hent *e = *pp;
		if (!htab_eq(h, e->key, key))
			continue;
		*pp = e->next;
		if (e->older) e->older->newer = e->newer; else h->first = e->newer;
		if (e->newer) e->newer->older = e->older; else h->last = e->older;
		void *v = e->val;
		mem_free(e->key);
		mem_free(e);
		h->count--;
		return v;
	}
	return NULL;
}

size_t htab_count(const struct htab *h)
{
	return h->count;
}

void htab_walk(const struct htab *h, int (*fn)(const char *, void *, void *), void *ctx)
{
	for (struct hent *e = h->first, *n; e; e = n) {
		n = e->newer;
		if (fn(e->key, e->val, ctx))
			break;
	}
}

void htab_free(struct htab *h, void (*freeval)(void *))
{
	if (h == NULL)
		return;
	for (struct hent *e = h->first, *n; e; e = n) {
		n = e->newer;
		if (freeval)
			freeval(e->val);
		mem_free(e->key);
		mem_free(e);
	}
	mem_free(h->b);
	mem_free(h);
}
