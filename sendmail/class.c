/* class.c - classes ($=X): one symbol table of words shared by all class
 * ids, laid out exactly like sendmail's stab (2003 buckets, chains in
 * insertion order) so walking it gives the reference's listing order.
 * Membership is a 256-bit set per word; lookups are one hash probe. */
#include <string.h>
#include <stdint.h>
#include "class.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define CLASS_BUCKETS 2003
#define CLASS_STTYPE  1      /* sendmail's ST_CLASS, seeds the hash */

struct centry {
	struct centry *next;
	uint64_t bits[4];
	char word[];
};

struct classes {
	struct centry *b[CLASS_BUCKETS];
	struct centry *tail[CLASS_BUCKETS];
};

static int class_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* sendmail's stab hash for a class symbol */
static unsigned class_hash(const char *w)
{
	unsigned h = CLASS_STTYPE;
	for (const unsigned char *p = (const unsigned char *)w; *p != '\0'; p++)
		h = ((h << 1) ^ (unsigned)class_lower(*p)) % CLASS_BUCKETS;
	return h;
}

/* ASCII-only case-insensitive equality */
static int class_eq(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = class_lower((unsigned char)*a), cb = class_lower((unsigned char)*b);
		if (ca != cb)
			return 0;
		if (ca == 0)
			return 1;
	}
}

struct classes *classes_new(void)
{
	return mem_zalloc(sizeof(struct classes));
}

void classes_free(struct classes *c)
{
	if (c == NULL)
		return;
	for (int i = 0; i < CLASS_BUCKETS; i++)
		for (struct centry *e = c->b[i], *n; e != NULL; e = n) {
			n = e->next;
			mem_free(e);
		}
	mem_free(c);
}

static struct centry *class_find(const struct classes *c, const char *word, unsigned h)
{
	for (struct centry *e = c->b[h]; e != NULL; e = e->next)
		if (class_eq(e->word, word))
			return e;
	return NULL;
}

void class_add(struct classes *c, int id, const char *word)
{
	unsigned h = class_hash(word);
	struct centry *e = class_find(c, word, h);
	id &= 0377;
	if (e == NULL) {
		size_t n = strlen(word);
		e = mem_zalloc(sizeof *e + n + 1);
		memcpy(e->word, word, n + 1);
		if (c->tail[h] != NULL)
			c->tail[h]->next = e;
		else
			c->b[h] = e;
		c->tail[h] = e;
	}
	e->bits[id >> 6] |= (uint64_t)1 << (id & 63);
}

int class_member(const struct classes *c, int id, const char *word)
{
	if (c == NULL)
		return 0;
	const struct centry *e = class_find(c, word, class_hash(word));
	id &= 0377;
	return e != NULL && (e->bits[id >> 6] >> (id & 63) & 1);
}

void class_walk(const struct classes *c, int id, void (*fn)(const char *w, void *ctx), void *ctx)
{
	if (c == NULL)
		return;
	id &= 0377;
	for (int i = 0; i < CLASS_BUCKETS; i++)
		for (const struct centry *e = c->b[i]; e != NULL; e = e->next)
			if (e->bits[id >> 6] >> (id & 63) & 1)
				fn(e->word, ctx);
}

void class_add_words(struct classes *c, int id, const char *s)
{
	static const char ws[] = " \t\n\r\f\v";
	while (*s != '\0') {
		s += strspn(s, ws);
		size_t n = strcspn(s, ws);
		if (n == 0)
			break;
		char *w = mem_strndup(s, n);
		class_add(c, id, w);
		mem_free(w);
		s += n;
	}
}
