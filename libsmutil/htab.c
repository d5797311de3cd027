/* htab.c - string-keyed hash table (chained buckets, grows at load 3/4)
 * with an insertion-ordered doubly linked list for walks.
 * Generic layer: heap only. */
#include <ctype.h>
#include <stdint.h>
#include <strings.h>
#include "htab.h"
#include "mem.h"
#include "poison.h"

struct hent {
	char *key;
	void *val;
	size_t hash;
	struct hent *bnext;          /* bucket chain */
	struct hent *lprev, *lnext;  /* insertion order */
};

struct htab {
	struct hent **b;
	size_t nb;                   /* bucket count, power of two */
	size_t n;
	int nocase;
	struct hent *first, *last;
};

/* FNV-1a over the key, folded to lower case when nocase. */
static size_t htab_hash(const char *k, int nocase)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *k != '\0'; k++) {
		unsigned char c = (unsigned char)*k;
		if (nocase)
			c = (unsigned char)tolower(c);
		h ^= c;
		h *= 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 32));
}

struct htab *htab_new(size_t hint, int nocase)
{
	struct htab *h = mem_zalloc(sizeof *h);
	size_t nb = 16;
	while (nb < hint + hint / 3 && nb < ((size_t)1 << (sizeof(size_t) * 8 - 2)))
		nb <<= 1;
	h->nb = nb;
	h->b = mem_zalloc(nb * sizeof *h->b);
	h->nocase = nocase;
	return h;
}

/* Find the entry for key, or NULL. */
static struct hent *htab_find(const struct htab *h, const char *key, size_t hash)
{
	for (struct hent *e = h->b[hash & (h->nb - 1)]; e != NULL; e = e->bnext) {
		if (e->hash != hash)
			continue;
		if (h->nocase ? strcasecmp(e->key, key) == 0 : strcmp(e->key, key) == 0)
			return e;
	}
	return NULL;
}

/* Double the bucket array and rehash. */
static void htab_grow(struct htab *h)
{
	size_t nb = h->nb * 2;
	struct hent **b = mem_zalloc(nb * sizeof *b);
	for (struct hent *e = h->first; e != NULL; e = e->lnext) {
		size_t i = e->hash & (nb - 1);
		e->bnext = b[i];
		b[i] = e;
	}
	mem_free(h->b);
	h->b = b;
	h->nb = nb;
}

void *htab_get(const struct htab *h, const char *key)
{
	struct hent *e = htab_find(h, key, htab_hash(key, h->nocase));
	return e != NULL ? e->val : NULL;
}

void *htab_put(struct htab *h, const char *key, void *val)
{
	size_t hash = htab_hash(key, h->nocase);
	struct hent *e = htab_find(h, key, hash);
	if (e != NULL) {
		void *old = e->val;
		e->val = val;
		return old;
	}
	if (h->n + 1 > h->nb - h->nb / 4)
		htab_grow(h);
	e = mem_zalloc(sizeof *e);
	e->key = mem_strdup(key);
	e->val = val;
	e->hash = hash;
	size_t i = hash & (h->nb - 1);
	e->bnext = h->b[i];
	h->b[i] = e;
	e->lprev = h->last;
	if (h->last != NULL)
		h->last->lnext = e;
	else
		h->first = e;
	h->last = e;
	h->n++;
	return NULL;
}

void *htab_del(struct htab *h, const char *key)
{
	size_t hash = htab_hash(key, h->nocase);
	struct hent **pp = &h->b[hash & (h->nb - 1)];
	for (; *pp != NULL; pp = &(*pp)->bnext) {
		struct hent *e = *pp;
		if (e->hash != hash ||
		    (h->nocase ? strcasecmp(e->key, key) : strcmp(e->key, key)) != 0)
			continue;
		*pp = e->bnext;
		if (e->lprev != NULL) e->lprev->lnext = e->lnext; else h->first = e->lnext;
		if (e->lnext != NULL) e->lnext->lprev = e->lprev; else h->last = e->lprev;
		void *val = e->val;
		mem_free(e->key);
		mem_free(e);
		h->n--;
		return val;
	}
	return NULL;
}

size_t htab_count(const struct htab *h)
{
	return h->n;
}

void htab_walk(const struct htab *h, int (*fn)(const char *key, void *val, void *ctx), void *ctx)
{
	struct hent *e = h->first;
	while (e != NULL) {
		struct hent *next = e->lnext;   /* fn may delete e */
		if (fn(e->key, e->val, ctx) != 0)
			break;
		e = next;
	}
}

void htab_free(struct htab *h, void (*freeval)(void *))
{
	if (h == NULL)
		return;
	struct hent *e = h->first;
	while (e != NULL) {
		struct hent *next = e->lnext;
		if (freeval != NULL)
			freeval(e->val);
		mem_free(e->key);
		mem_free(e);
		e = next;
	}
	mem_free(h->b);
	mem_free(h);
}
