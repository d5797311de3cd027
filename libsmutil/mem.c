/* mem.c - allocation that never returns NULL, and bump arenas.
 * Generic layer: touches only the heap; out of memory exits EX_OSERR. */
#include <stdlib.h>
#include <stdint.h>
#include <unistd.h>
#include "mem.h"
#include "poison.h"

/* Report out-of-memory and exit 71 (EX_OSERR) without allocating. */
static void mem_oom(void)
{
	static const char m[] = "sendmail: out of memory\n";
	ssize_t r = write(2, m, sizeof m - 1);
	(void)r;
	_exit(71);
}

void *mem_alloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		mem_oom();
	return p;
}

void *mem_zalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (p == NULL)
		mem_oom();
	return p;
}

void *mem_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		mem_oom();
	return q;
}

void *mem_array(size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		mem_oom();
	return mem_alloc(nmemb * size);
}

char *mem_strndup(const char *s, size_t n)
{
	char *p = mem_alloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *mem_strdup(const char *s)
{
	return mem_strndup(s, strlen(s));
}

void mem_free(void *p)
{
	free(p);
}

struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct chunk *head;
	size_t chunk;
};

struct arena *arena_new(size_t chunk)
{
	struct arena *a = mem_zalloc(sizeof *a);
	a->chunk = chunk ? chunk : 8192;
	return a;
}

/* Allocate a new chunk able to hold at least n bytes. */
static struct chunk *arena_grow(struct arena *a, size_t n)
{
	size_t size = n > a->chunk ? n : a->chunk;
	struct chunk *c = mem_alloc(sizeof *c + size);
	c->size = size;
	c->used = 0;
	c->next = a->head;
	a->head = c;
	return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	if (n > SIZE_MAX - sizeof *c - 16)
		mem_oom();
	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	/* a packed allocation may have left used unaligned */
	size_t at = c != NULL ? (c->used + 15) & ~(size_t)15 : 0;
	if (c == NULL || at > c->size || c->size - at < n) {
		c = arena_grow(a, n);
		at = 0;
	}
	void *p = c->data + at;
	c->used = at + n;
	return p;
}

void *arena_alloc_packed(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	if (n > SIZE_MAX - sizeof *c)
		mem_oom();
	if (c == NULL || c->size - c->used < n)
		c = arena_grow(a, n);
	void *p = c->data + c->used;
	c->used += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_reset(struct arena *a)
{
	struct chunk *c = a->head, *keep = NULL;
	while (c != NULL) {
		struct chunk *n = c->next;
		if (n == NULL)
			keep = c;
		else
			free(c);
		c = n;
	}
	a->head = keep;
	if (keep != NULL)
		keep->used = 0;
}

void arena_mark(struct arena *a, struct arena_mark *m)
{
	m->chunk = a->head;
	m->used = a->head != NULL ? a->head->used : 0;
}

void arena_release(struct arena *a, const struct arena_mark *m)
{
	while (a->head != NULL && a->head != m->chunk) {
		struct chunk *c = a->head;
		a->head = c->next;
		free(c);
	}
	if (a->head != NULL)
		a->head->used = m->used;
}

void arena_free(struct arena *a)
{
	struct chunk *c = a->head;
	while (c != NULL) {
		struct chunk *n = c->next;
		free(c);
		c = n;
	}
	free(a);
}
