/* str.c - growable bounded strings. Generic layer; heap only. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include "str.h"
#include "mem.h"
#include "poison.h"

void str_init(struct str *b, size_t max)
{
	b->cap = 64;
	b->s = mem_alloc(b->cap);
	b->s[0] = '\0';
	b->len = 0;
	b->max = max;
}

void str_free(struct str *b)
{
	mem_free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void str_clear(struct str *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

/* Make room for n more bytes (plus NUL); overflow-checked. */
static void str_reserve(struct str *b, size_t n)
{
	if (n > SIZE_MAX - b->len - 1)
		mem_alloc(SIZE_MAX);	/* dies */
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->s = mem_realloc(b->s, cap);
	b->cap = cap;
}

int str_addn(struct str *b, const char *p, size_t n)
{
	int r = 0;
	if (b->max != 0 && b->len + n > b->max) {
		n = b->max > b->len ? b->max - b->len : 0;
		r = -1;
	}
	/* p may point into b->s itself: keep it valid across the realloc */
	if (p >= b->s && p < b->s + b->cap) {
		size_t off = (size_t)(p - b->s);
		str_reserve(b, n);
		p = b->s + off;
	} else {
		str_reserve(b, n);
	}
	memmove(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
	return r;
}

int str_add(struct str *b, const char *p)
{
	return str_addn(b, p, strlen(p));
}

int str_addc(struct str *b, int c)
{
	/* fast path: room for the byte and the NUL, under the maximum */
	if (b->s != NULL && b->len + 2 <= b->cap && (b->max == 0 || b->len < b->max)) {
		b->s[b->len++] = (char)c;
		b->s[b->len] = '\0';
		return 0;
	}
	char ch = (char)c;
	return str_addn(b, &ch, 1);
}

int str_vprintf(struct str *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	/* one pass when the result fits the room there is, else two */
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	int n = vsnprintf(room ? b->s + b->len : NULL, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		if (room)
			b->s[b->len] = '\0';
		return -1;
	}
	if ((size_t)n >= room) {
		str_reserve(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
	if (b->max != 0 && b->len > b->max) {
		str_truncate(b, b->max);
		return -1;
	}
	return 0;
}

int str_printf(struct str *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = str_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

void str_truncate(struct str *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->s[len] = '\0';
	}
}

char *str_steal(struct str *b)
{
	char *p = b->s;
	if (p == NULL)
		p = mem_strdup("");
	b->s = NULL;	/* empty and unallocated: str_free is a no-op, appends regrow */
	b->len = b->cap = 0;
	return p;
}

int str_getline(struct str *b, void *fpv)
{
	FILE *fp = fpv;
	int c, got = 0;
	str_clear(b);
#ifdef __GLIBC__
	/* whole runs out of stdio's buffer (the body copy at delivery reads
	 * every line through here) */
	for (;;) {
		char *p = fp->_IO_read_ptr, *e = fp->_IO_read_end;
		if (p == NULL || p >= e)
			break;
		char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(e - p);
		str_addn(b, p, n);
		fp->_IO_read_ptr = p + n;
		got = 1;
		if (nl != NULL)
			return 0;
		if ((c = getc_unlocked(fp)) == EOF)
			return 0;
		str_addc(b, c);
		if (c == '\n')
			return 0;
	}
#endif
	while ((c = getc_unlocked(fp)) != EOF) {
		got = 1;
		str_addc(b, c);
		if (c == '\n')
			break;
	}
	return got ? 0 : -1;
}
