/* str.h - growable, bounded byte strings (always NUL-terminated).
 * Generic layer. A string with max != 0 refuses to grow past max bytes:
 * appends then return -1 and leave the string truncated at max. */
#ifndef SM_STR_H
#define SM_STR_H
#include <stddef.h>
#include <stdarg.h>

struct str {
	char *s;        /* data, NUL-terminated, never NULL after str_init */
	size_t len;     /* bytes used, excluding NUL */
	size_t cap;     /* allocated bytes */
	size_t max;     /* 0 = unbounded, else maximum len */
};

void str_init(struct str *b, size_t max);
void str_free(struct str *b);
void str_clear(struct str *b);
int str_addn(struct str *b, const char *p, size_t n);
int str_add(struct str *b, const char *p);
int str_addc(struct str *b, int c);
int str_printf(struct str *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int str_vprintf(struct str *b, const char *fmt, va_list ap);
void str_truncate(struct str *b, size_t len);
char *str_steal(struct str *b);   /* return the heap buffer; b is left empty and
                                    unallocated (str_free is a no-op, appends regrow) */
int str_getline(struct str *b, void *fp); /* read a line incl. '\n' from FILE*; -1 at EOF */
#endif
