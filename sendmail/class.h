/* class.h - classes ($=X): one shared symbol table of words in sendmail's
 * stab order (2003 buckets, h = 1; h = ((h << 1) ^ tolower(c)) % 2003,
 * chains in insertion order) so $=X listings come out in the reference's
 * order. Each word carries a 256-bit membership set. Case-insensitive. */
#ifndef SM_CLASS_H
#define SM_CLASS_H
#include <stdio.h>

struct classes;
struct classes *classes_new(void);
void classes_free(struct classes *c);
void class_add(struct classes *c, int id, const char *word);
int class_member(const struct classes *c, int id, const char *word);
/* Call fn for each member of class id in stab order. */
void class_walk(const struct classes *c, int id, void (*fn)(const char *w, void *ctx), void *ctx);
/* Add whitespace-separated words of s to class id. */
void class_add_words(struct classes *c, int id, const char *s);
#endif
