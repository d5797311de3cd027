/* mem.h - allocation that never returns NULL, and per-scope arenas.
 * Generic layer: includes no mail header. Out of memory is fatal (EX_OSERR). */
#ifndef SM_MEM_H
#define SM_MEM_H
#include <stddef.h>

void *mem_alloc(size_t n);                 /* malloc or die */
void *mem_zalloc(size_t n);                /* calloc or die */
void *mem_realloc(void *p, size_t n);      /* realloc or die */
void *mem_array(size_t nmemb, size_t size);/* overflow-checked array alloc */
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);
void mem_free(void *p);

/* Arena: bump allocator freed as a whole (per envelope, per -bt line). */
struct arena;
struct arena *arena_new(size_t chunk);
void *arena_alloc(struct arena *a, size_t n);  /* 16-byte aligned, never NULL */
/* n bytes with no alignment (byte strings packed back to back; n may be 0). */
void *arena_alloc_packed(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_reset(struct arena *a);             /* free everything, keep first chunk */
/* Mark and release: everything allocated after the mark is freed. */
struct arena_mark { void *chunk; size_t used; };
void arena_mark(struct arena *a, struct arena_mark *m);
void arena_release(struct arena *a, const struct arena_mark *m);
void arena_free(struct arena *a);
#endif
