/* htab.h - string-keyed hash table with insertion-ordered iteration.
 * Generic layer. Keys are copied; values are opaque pointers. */
#ifndef SM_HTAB_H
#define SM_HTAB_H
#include <stddef.h>

struct htab;
struct htab *htab_new(size_t hint, int nocase);
void *htab_get(const struct htab *h, const char *key);
/* Insert or replace; returns the previous value or NULL. */
void *htab_put(struct htab *h, const char *key, void *val);
void *htab_del(struct htab *h, const char *key);
size_t htab_count(const struct htab *h);
/* Iterate in insertion order; fn returns nonzero to stop. */
void htab_walk(const struct htab *h, int (*fn)(const char *key, void *val, void *ctx), void *ctx);
void htab_free(struct htab *h, void (*freeval)(void *));
#endif
